# bench-common.sh: helpers of run-benchmarks.sh and bench-gui.sh. Source it
# after common.sh.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# median: the middle of the numbers on stdin
median ()
{
  sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'
}

# load_watch FILE: samples the 1-minute load average every 5 s into FILE
# ("SECONDS LOAD" lines) until the calling script ends; load_summary FILE
# SINCE prints the samples since SINCE (seconds, date +%s) as "mean
# (min–max)". A benchmark's figures mean little without the load they were
# taken under: the machine is shared.
load_watch ()
{
  local file=$1
  # $$ is the script's own id, in the subshell too
  (
    while kill -0 $$ 2> /dev/null; do
      echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)"
      sleep 5
    done
  ) >> "$file" 2> /dev/null < /dev/null &
}

load_summary ()
{
  echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)" >> "$1"
  awk -v since="$2" '$1 >= since { s += $2; n++; if (n == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
    END { printf "%.1f (%.1f–%.1f)", s / n, lo, hi }' "$1"
}

# write_part_into_readme PART NOTE ROWS: puts ROWS (Markdown table rows) in
# place of PART's rows in README.md's benchmark table and NOTE in place of
# PART's note above it, leaving the other parts' rows and notes as an
# earlier run left them. PART is sync, queries, startup or memory; the
# table keeps that order. Does nothing when README.md has no table region.
write_part_into_readme ()
{
  grep -q '<!-- benchmark-table-start -->' README.md || return 0
  python3 - "$@" <<'EOF'
import re, sys
part, note, rows = sys.argv[1], sys.argv[2], [r for r in sys.argv[3].split('\n') if r.strip()]
# Each part: the label its note starts with, and what its rows look like
parts = {
    'sync':    ('Sync rows', r'\| (full sync of |same pages, one curl|sync client CPU|first incremental sync)'),
    'queries': ('Query and store rows', r'\| (.*: count \+ first 100 rows|store CPU to write|peak RSS of the store benchmark)'),
    'startup': ('Start-up rows', r'\| start-up'),
    'memory':  ('GUI memory rows', r'\| peak RSS, main \+ admin'),
}
start, end = '<!-- benchmark-table-start -->', '<!-- benchmark-table-end -->'
text = open('README.md').read()
head, region, tail = text[:text.index(start)], text[text.index(start) + len(start):text.index(end)], text[text.index(end):]

notes, table = {}, {name: [] for name in parts}
for line in region.split('\n'):
    for name, (label, pattern) in parts.items():
        if line.removeprefix('- ').startswith(label + ':'):
            notes[name] = '- ' + line.removeprefix('- ')
        elif re.match(pattern, line):
            table[name].append(line)
# One list item a part, so that Markdown shows each on a line of its own
notes[part] = '- %s: %s' % (parts[part][0], note)
table[part] = rows

lines = [start] + [notes[name] for name in parts if name in notes] + [
    '', '| What | Calbook | Baseline | Ratio |', '|---|---:|---:|---:|']
lines += [row for name in parts for row in table[name]]
open('README.md', 'w').write(head + '\n'.join(lines) + '\n' + tail)
EOF
  say "$1 rows written into README.md (Performance)"
}
