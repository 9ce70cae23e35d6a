#!/usr/bin/env bash
# run-benchmarks.sh: measure what docs/architecture.md calls fast, on a store
# of 100,000 bookings (override with BOOKINGS=N), each figure next to its
# baseline measured in the same run, as medians over repeated runs. Prints a
# table, writes the raw numbers to _build/bench-results.json and the table
# into README.md's Performance section (WRITE_README=0 to leave it).
# Nothing here passes or fails on a number: shared machines are noisy.
#
#   sync       a full sync against ONE keep-alive curl process fetching the
#              same pages (the floor: the server), and the per-page curl
#              loop; client CPU per booking; the first incremental sync
#              after opening the store
#   queries    count + first 100 rows of every query the windows run,
#              against the sqlite3 tool running the very statements Calbook
#              ran, on the same file, in alternating rounds (CPU time: on a
#              loaded machine wall time says more about the load)
#   writing    the store's CPU per booking written new, unchanged, changed
#   memory     peak RSS of the store benchmark at N/10 and at N bookings
#
#   GUI        build-aux/bench-gui.sh, run first (GUI=0 skips it):
#              start-up, exec → bookings painted, against GNOME Calendar's
#              exec → first paint; peak RSS with the main and admin windows
#              scrolled end to end at 1,000 and N bookings (method in its
#              header)
#
# Each part writes its rows into README.md's table as soon as it has them,
# with a note saying when, under what load (the 1-minute load average,
# sampled every 5 s while the part ran) and by which kind of run; the rows
# of the parts not run stay as the last run that measured them left them.
# So each part can be run alone:
#   SYNC_ONLY=1     the sync part
#   GUI_ONLY=1      the GUI part: start-up and memory
#   STARTUP_ONLY=1  the GUI start-up alone (STARTUP_RUNS, default 7, each)
#   MEMORY_ONLY=1   the GUI memory alone
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$aux_dir/bench-common.sh"

bookings=${BOOKINGS:-100000}
small=$((bookings / 10))
runs=${RUNS:-3}
query_reps=${QUERY_REPS:-15}
query_rounds=${QUERY_ROUNDS:-3}
write_readme=${WRITE_README:-1}
sync_only=${SYNC_ONLY:-0}
startup_runs=${STARTUP_RUNS:-7}
build_dir=_build
gui_parts=
run_kind="a full run"
if [ "${GUI_ONLY:-0}" = 1 ]; then
  gui_parts="memory startup" run_kind="a GUI_ONLY run"
elif [ "${STARTUP_ONLY:-0}" = 1 ]; then
  gui_parts=startup run_kind="a STARTUP_ONLY run"
elif [ "${MEMORY_ONLY:-0}" = 1 ]; then
  gui_parts=memory run_kind="a MEMORY_ONLY run"
elif [ "$sync_only" = 1 ]; then
  run_kind="a SYNC_ONLY run"
elif [ "${GUI:-1}" = 1 ]; then
  gui_parts="memory startup"
fi

ensure_packages
for tool in curl jq sqlite3; do
  command -v "$tool" > /dev/null || { echo "run-benchmarks.sh: $tool is needed" >&2; exit 1; }
done
say "building $build_dir"
meson_build "$build_dir"

bench=$build_dir/tests/bench/bench-calbook
sandbox_exe=$build_dir/src/sandbox/calbook-sandbox
work=$(mktemp -d -t calbook-bench-XXXXXX)
sandbox_pid=

cleanup ()
{
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2> /dev/null || true
    wait "$sandbox_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
load_watch "$work/load"

# when: the commit measured, the date and time (UTC) now
when ()
{
  echo "$(git rev-parse --short HEAD 2> /dev/null || echo '?')$(git diff --quiet HEAD -- src tests/bench 2> /dev/null || echo ' with changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# gui_part: build-aux/bench-gui.sh's $gui_parts; writes their rows into
# README.md (with WRITE_README=1) and appends them to $table
gui_part ()
{
  local json=$build_dir/bench-gui.json rows note
  say "GUI ($gui_parts): start-up against GNOME Calendar, memory with both windows scrolled"
  if ! rows=$(BOOKINGS=$bookings RUNS=$startup_runs GUI_PARTS=$gui_parts \
                build-aux/bench-gui.sh "$json"); then
    say "the GUI benchmark failed; its rows are left as they were"
    return 0
  fi
  table+=$'\n'"$rows"
  [ "$write_readme" = 1 ] || return 0
  for part in $gui_parts; do
    note=$(jq -r --arg part "$part" --arg kind "$run_kind" --arg cores "$(nproc)" --arg commit "$(when)" '
      .[$part + "_run"] | "\(.bookings) bookings, \($cores) cores, \($commit | sub(", .*"; "")), \(.when), load average \(.load), "
        + (if $part == "startup" then "median of \(.runs) runs each" else "\(.runs) run(s)" end) + " (\($kind))."' "$json")
    case $part in
      startup) write_part_into_readme startup "$note" "$(grep '^| start-up' <<< "$rows" || true)" ;;
      memory) write_part_into_readme memory "$note" "$(grep '^| peak RSS, main' <<< "$rows" || true)" ;;
    esac
  done
}

# The GUI part first: the shortest, and the one a run cut short should
# not miss
table=
[ -z "$gui_parts" ] || gui_part
if [ "$run_kind" != "a full run" ] && [ "$sync_only" != 1 ]; then
  echo
  echo "$table"
  exit 0
fi
sync_started=$(date +%s)

now_ns () { date +%s%N; }

# start_sandbox N: a sandbox program with N bookings and no rate limit;
# sets url, key, owner_email (the organization owner's: an owner syncs
# everything) and org
start_sandbox ()
{
  local info

  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2> /dev/null || true
    wait "$sandbox_pid" 2> /dev/null || true
  fi
  coproc SANDBOX { exec "$sandbox_exe" --port 0 --bookings "$1" --seed 1 --rate-limit 0; }
  sandbox_pid=$SANDBOX_PID
  read -r info <&"${SANDBOX[0]}"
  url=$(jq -r .url <<< "$info")
  key=$(jq -r '.accounts[] | select(.role == "OWNER") | .apiKey' <<< "$info" | head -n 1)
  owner_email=$(jq -r '.accounts[] | select(.role == "OWNER") | .email' <<< "$info" | head -n 1)
  me=$(curl -sf -H "Authorization: Bearer $key" "$url/v2/me")
  org=$(jq -r .data.organizationId <<< "$me")
  owner_id=$(jq -r .data.id <<< "$me")
}

page_url () { echo "$url/v2/organizations/$org/bookings?take=250&skip=$1"; }

# curl_loop N: one curl process per page, as a shell script would (ms)
curl_loop ()
{
  local skip=0 started
  started=$(now_ns)
  while [ "$skip" -lt "$1" ]; do
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'cal-api-version: 2024-08-13' \
      "$(page_url "$skip")"
    skip=$((skip + 250))
  done
  echo $((($(now_ns) - started) / 1000000))
}

# curl_keepalive N: ONE curl process fetching every page over one
# keep-alive connection (a URL list in a config file): the floor (ms)
curl_keepalive ()
{
  local skip=0 config=$work/curl.conf started
  {
    echo "header = \"Authorization: Bearer $key\""
    echo 'header = "cal-api-version: 2024-08-13"'
    echo 'silent'
    while [ "$skip" -lt "$1" ]; do
      echo "url = \"$(page_url "$skip")\""
      echo 'output = "/dev/null"'
      skip=$((skip + 250))
    done
  } > "$config"
  started=$(now_ns)
  curl -f -K "$config"
  echo $((($(now_ns) - started) / 1000000))
}

# sqlite_times FILE.sql STORE: "WALL CPU", the medians in ms of one run of
# the statements in FILE.sql by the sqlite3 tool (query_reps runs in one
# process, timed by its .timer: wall in ms steps, CPU in µs)
sqlite_times ()
{
  local sql=$1 store=$2 script=$work/reps.sql n i
  n=$(grep -c ';$' "$sql")
  # As Calbook's connection is set up (calbook_store_open())
  { echo 'PRAGMA temp_store = MEMORY;'; echo '.timer on'; echo '.output /dev/null'; } > "$script"
  for ((i = 0; i < query_reps; i++)); do cat "$sql" >> "$script"; done
  sqlite3 "$store" < "$script" | awk -v n="$n" '
    /^Run Time:/ { wall += $4; cpu += $6 + $8; if (++k % n == 0) { print wall * 1000, cpu * 1000; wall = cpu = 0 } }' \
    > "$work/times"
  echo "$(cut -d' ' -f1 "$work/times" | median) $(cut -d' ' -f2 "$work/times" | median)"
}

say "seeding $bookings bookings in the sandbox"
seed_json=$("$bench" seed "$bookings")

results="{\"bookings\": $bookings, \"runs\": $runs, \"seed\": $seed_json"
for n in "$small" "$bookings"; do
  say "sandbox with $n bookings: $runs full syncs against curl"
  start_sandbox "$n"
  loop_ms=$(curl_loop "$n")
  keepalive=() syncs=()
  for ((r = 0; r < runs; r++)); do
    keepalive+=("$(curl_keepalive "$n")")
    rm -f "$work/store-$n.sqlite3"*
    syncs+=("$("$bench" sync "$url" "$key" "$work/store-$n.sqlite3")")
  done
  keepalive_ms=$(printf '%s\n' "${keepalive[@]}" | median)
  sync_ms=$(for s in "${syncs[@]}"; do jq .sync_ms <<< "$s"; done | median)
  sync_cpu_ms=$(for s in "${syncs[@]}"; do jq .cpu_ms <<< "$s"; done | median)
  sync_last=${syncs[-1]}
  incremental_json=$("$bench" incremental "$url" "$key" "$work/store-$n.sqlite3")
  store_json=null
  if [ "$sync_only" != 1 ]; then
    say "store benchmark on $n bookings"
    store_json=$("$bench" store "$work/store-$n.sqlite3")
  fi
  results+=", \"n$n\": {\"curl_loop_ms\": $loop_ms, \"curl_keepalive_ms\": $keepalive_ms,"
  results+=" \"sync_ms\": $sync_ms, \"sync_cpu_ms\": $sync_cpu_ms, \"sync\": $sync_last,"
  results+=" \"incremental\": $incremental_json, \"store\": $store_json}"
done

# The sync rows of the table, for a full run and a SYNC_ONLY one
sync_rows ()
{
  jq -r --arg small "n$small" --arg big "n$bookings" '
    def r2: . * 100 | round / 100;
    def ratio(a; b): if b > 0 then "\((a / b) | r2)×" else "–" end;
    [$small, $big][] as $k | .[$k] as $r |
      "| full sync of \($r.sync.bookings) bookings vs one keep-alive curl | \($r.sync_ms | round) ms | \($r.curl_keepalive_ms) ms | \(ratio($r.sync_ms; $r.curl_keepalive_ms)) |",
      "| same pages, one curl process per page | | \($r.curl_loop_ms) ms | \(ratio($r.sync_ms; $r.curl_loop_ms)) |",
      "| sync client CPU per booking (\($r.sync.bookings)) | \(($r.sync_cpu_ms * 1000 / ($r.sync.bookings + 0.001)) | round) µs | 50 µs (target) | \(ratio($r.sync_cpu_ms * 1000 / ($r.sync.bookings + 0.001); 50)) |",
      "| first incremental sync after opening (\($r.sync.bookings)) | \($r.incremental.sync_ms | round) ms | | |"
  ' "$1"
}

echo "$results}" | jq . > "$build_dir/bench-results-sync.json"
sync_table=$(sync_rows "$build_dir/bench-results-sync.json")
if [ "$write_readme" = 1 ]; then
  write_part_into_readme sync "$bookings and $small bookings, $(nproc) cores, $(when), load average \
$(load_summary "$work/load" "$sync_started"), median of $runs runs ($run_kind)." "$sync_table"
fi
if [ "$sync_only" = 1 ]; then
  echo
  echo "$sync_table"
  echo
  echo "raw numbers: $build_dir/bench-results-sync.json"
  exit 0
fi

queries_started=$(date +%s)
say "queries on $bookings bookings against the sqlite3 tool"
# The same statements on both sides: bench-calbook writes every statement
# one run of a query ran (traced on its connection) into SQL_DIR/NAME.sql.
# A first pass over every query warms the file's pages; then each query is
# timed in $query_rounds rounds, each Calbook then the sqlite3 tool right
# after it, so that both see the same load; medians of the rounds.
mkdir -p "$work/sql"
store=$work/store-$bookings.sqlite3
first_pass=$("$bench" queries "$store" "$owner_id" "$owner_email" "$work/sql")
queries_json="{" sqlite_json="{" sep=
for name in $(jq -r 'keys_unsorted[]' <<< "$first_pass"); do
  ours=() walls=() cpus=()
  for ((r = 0; r < query_rounds; r++)); do
    ours+=("$("$bench" queries "$store" "$owner_id" "$owner_email" "$work/sql" "$name" | jq -c ".[\"$name\"]")")
    read -r wall cpu < <(sqlite_times "$work/sql/$name.sql" "$store")
    walls+=("$wall") cpus+=("$cpu")
  done
  ms=$(for o in "${ours[@]}"; do jq .ms <<< "$o"; done | median)
  cpu_ms=$(for o in "${ours[@]}"; do jq .cpu_ms <<< "$o"; done | median)
  queries_json+="$sep\"$name\": $(jq -c --argjson ms "$ms" --argjson cpu "$cpu_ms" \
                                    '.ms = $ms | .cpu_ms = $cpu' <<< "${ours[-1]}")"
  sqlite_json+="$sep\"$name\": {\"ms\": $(printf '%s\n' "${walls[@]}" | median),"
  sqlite_json+=" \"cpu_ms\": $(printf '%s\n' "${cpus[@]}" | median),"
  sqlite_json+=" \"statements\": $(grep -c ';$' "$work/sql/$name.sql")}"
  sep=", "
done
queries_json+="}" sqlite_json+="}"
say "what writing a booking costs the store"
write_json=$("$bench" write "$work/store-$bookings.sqlite3" 5000)
results+=", \"queries\": $queries_json, \"sqlite3\": $sqlite_json, \"write\": $write_json}"

echo "$results" | jq . > "$build_dir/bench-results.json"

queries_table=$(jq -r --arg small "n$small" --arg big "n$bookings" '
  def r2: . * 100 | round / 100;
  def ratio(a; b): if b > 0 then "\((a / b) | r2)×" else "–" end;
  (.queries as $q | .sqlite3 as $s | $q | to_entries[] |
    "| \(.key): count + first 100 rows (\(.value.count) rows), CPU (wall) | \(.value.cpu_ms | r2) ms (\(.value.ms | r2) ms) | \($s[.key].cpu_ms | r2) ms (sqlite3) | \(ratio(.value.cpu_ms; $s[.key].cpu_ms)) |"),
  (.write as $w |
    "| store CPU to write a new booking / one seen unchanged / a changed one | \($w.new_cpu_us | round) / \($w.unchanged_cpu_us | round) / \($w.changed_cpu_us | round) µs | | |"),
  (.[$small].store as $a | .[$big].store as $b |
    "| peak RSS of the store benchmark, \($a.bookings) → \($b.bookings) bookings | \($b.peak_rss_kib / 1024 | round) MiB | \($a.peak_rss_kib / 1024 | round) MiB | \(ratio($b.peak_rss_kib; $a.peak_rss_kib)) |")
' "$build_dir/bench-results.json")
if [ "$write_readme" = 1 ]; then
  write_part_into_readme queries "$bookings bookings, $(nproc) cores, $(when), load average \
$(load_summary "$work/load" "$queries_started"), median of $query_rounds rounds ($run_kind)." "$queries_table"
fi
table=$sync_table$'\n'$queries_table$'\n'$table

echo
echo "$table"
echo
echo "raw numbers: $build_dir/bench-results.json"
