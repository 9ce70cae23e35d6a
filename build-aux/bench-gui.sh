#!/usr/bin/env bash
# bench-gui.sh [JSON-OUT]: the GUI half of run-benchmarks.sh. Measures
# Calbook's start-up against GNOME Calendar's and its memory at 1,000 and N
# bookings (N = BOOKINGS, 100,000 by default), prints Markdown table rows
# (What | Calbook | Baseline | Ratio) and writes the raw numbers to JSON-OUT
# (default _build/bench-gui.json). Installs GNOME Calendar and its
# evolution-data-server from build-aux/benchmark-packages.txt when missing
# (kept out of the test packages: CI does not need them). Runs itself in a
# private session (build-aux/session.sh: Xvfb 1280×800, D-Bus, keyring),
# GSK_RENDERER=cairo for both programs. Prints ratios; judges nothing.
#
# How a frame is timed: tests/bench/bench-gui-probe.c is loaded into both
# programs with LD_PRELOAD (same code for both, no hook in either). At the
# end of every frame a window paints ("after-paint" of its frame clock,
# when the frame has been rendered and sent to the X server) it checks what
# that frame drew. The launcher reads the wall clock ($EPOCHREALTIME) just
# before exec, so every time is exec → that frame, including loading
# libraries and GTK's start.
#
#   start-up   Calbook: exec → the first frame in which a booking is drawn
#              (a week-view block, an agenda row or an admin cell, drawable,
#              with a size, inside the window, no stack above it still
#              fading it in; rows must be bound to a booking) with N
#              bookings stored, the sandbox stopped (no network: the
#              start-up sync fails at once). GNOME Calendar:
#              exec → its first frame (window mapped, first frame painted:
#              the whole window, its month grid and header bar; it shows no
#              events, having no calendar account). Launched alternately,
#              after one unmeasured warm-up run of each (page cache, and
#              GNOME Calendar's evolution-data-server helpers, which keep
#              running between runs as they do on a desktop); medians of
#              RUNS (default 5) runs each, and the spread of the ratios of
#              each pair. Also the CPU time each process had used by then
#              (steadier under load), and its peak RSS then, GNOME
#              Calendar's with the RSS of its helpers after the runs.
#   memory     peak RSS (VmHWM) of Calbook signed in as the sandbox
#              organization's admin (the sandbox running: the start-up sync
#              happens), after the main window's agenda is scrolled top to
#              bottom in the Upcoming and Past views (the admin's own
#              bookings) and the admin window is opened (app.show-admin), set
#              to any date (admin.date-range 'any': all N bookings; 2 s for
#              the reload) and its table scrolled top to bottom,
#              SCROLL_PAGES (default 1) pages per painted frame, so every
#              row is bound and drawn once; at 1,000 (or N/10 when N is
#              smaller than 10,000) and N bookings
#              (MEMORY_RUNS, default 1).
#
# GUI_PARTS="startup" or "memory" runs only that part (default both).
# REUSE_STORE=1 copies a store synced by an earlier run instead of syncing
# again, when src/core and src/sandbox are as they were (see
# sign_in_and_sync).
# SHOTS=DIR saves the screen at each program's timed frames into DIR (to
# see what was timed; the saving delays what follows, so those runs' other
# figures mean nothing).
# MEMORY_WRAPPER runs the memory runs under a profiler, e.g.
# MEMORY_WRAPPER="heaptrack -o /tmp/calbook" (its figures are then the
# profiler's too).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$aux_dir/bench-common.sh"

build_dir=${BUILD_DIR:-_build}
json_out=${1:-$build_dir/bench-gui.json}
case $json_out in /*) ;; *) json_out=$top_srcdir/$json_out ;; esac

if [ "${CALBOOK_SESSION_INNER:-}" != 1 ]; then
  ensure_packages
  ensure_packages "$aux_dir/benchmark-packages.txt"
  meson_build "$build_dir"
  exec "$aux_dir/session.sh" "$aux_dir/bench-gui.sh" "$json_out"
fi

bookings=${BOOKINGS:-100000}
small=1000
[ "$bookings" -ge 10000 ] || small=$((bookings / 10))
runs=${RUNS:-5}
memory_runs=${MEMORY_RUNS:-1}
timeout_s=${GUI_TIMEOUT:-1800}

calbook=$top_srcdir/$build_dir/src/gui/calbook
probe=$top_srcdir/$build_dir/tests/bench/libbench-gui-probe.so
bench_gui=$top_srcdir/$build_dir/tests/bench/bench-gui
bench_calbook=$top_srcdir/$build_dir/tests/bench/bench-calbook
sandbox_exe=$top_srcdir/$build_dir/src/sandbox/calbook-sandbox
for f in "$calbook" "$probe" "$bench_gui" "$bench_calbook" "$sandbox_exe"; do
  [ -x "$f" ] || [ -f "$f" ] || { say "bench-gui.sh: $f is not built"; exit 1; }
done
gnome_calendar=$(command -v gnome-calendar || true)

export GSETTINGS_SCHEMA_DIR=$top_srcdir/$build_dir/data
# One settings file both the sign-in helper and the app read
export GSETTINGS_BACKEND=keyfile
export GSK_RENDERER=cairo
export CALBOOK_PROBE_SCROLL_PAGES=${SCROLL_PAGES:-1}

work=$(mktemp -d -t calbook-bench-gui-XXXXXX)
sandbox_pid=

stop_sandbox ()
{
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2> /dev/null || true
    wait "$sandbox_pid" 2> /dev/null || true
    sandbox_pid=
  fi
}
trap 'stop_sandbox; rm -rf "$work"' EXIT

load_watch "$work/load"

# part_run STARTED RUNS: what run-benchmarks.sh says of a part (JSON)
part_run ()
{
  jq -n --argjson bookings "$bookings" --argjson runs "$2" --arg when "$(date -u '+%Y-%m-%d %H:%M UTC')" \
     --arg load "$(load_summary "$work/load" "$1")" '{bookings: $bookings, runs: $runs, when: $when, load: $load}'
}

# start_sandbox N: the sandbox program with N bookings; sets url and key
# (the organization admin's)
start_sandbox ()
{
  local info
  stop_sandbox
  coproc SANDBOX { exec "$sandbox_exe" --port 0 --bookings "$1" --seed 1 --rate-limit 0; }
  sandbox_pid=$SANDBOX_PID
  read -r info <&"${SANDBOX[0]}"
  url=$(jq -r .url <<< "$info")
  key=$(jq -r '[.accounts[] | select(.role == "ADMIN")] + [.accounts[] | select(.role == "OWNER")]
               | .[0].apiKey' <<< "$info")
}

# sign_in_and_sync N: the admin signed in, the store of N bookings fully
# synced (sets store_path). With REUSE_STORE=1, a store this script synced
# before from the same sources of src/core and src/sandbox is copied
# instead (_build/bench-gui-store-N.sqlite3): start-up measurements then
# take minutes less.
sign_in_and_sync ()
{
  local cache=$top_srcdir/$build_dir/bench-gui-store-$1.sqlite3 sources
  sources=$(cat src/core/*.[ch] src/sandbox/*.[ch] | sha1sum | cut -d' ' -f1)
  store_path=$("$bench_gui" sign-in "$url" "$key")
  if [ "${REUSE_STORE:-0}" = 1 ] && [ -f "$cache" ] && [ "$(cat "$cache.sources" 2> /dev/null)" = "$sources" ]; then
    say "  reusing the store synced before ($cache)"
    rm -f "$store_path"-wal "$store_path"-shm
    cp "$cache" "$store_path"
    return 0
  fi
  "$bench_calbook" sync "$url" "$key" "$store_path" > /dev/null
  # The file as a clean quit leaves it, without a -wal (the sync program
  # may exit without closing it): else the start-ups measured would be
  # starts after a crash
  if [ -e "$store_path-wal" ]; then
    say "  a -wal is left beside the store after the sync; checkpointed by the sqlite3 tool"
    sqlite3 "$store_path" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
  fi
  rm -f "$cache.sources"
  cp "$store_path" "$cache"
  echo "$sources" > "$cache.sources"
}

# probe_run RESULT-FILE PROGRAM [ARG...]: runs PROGRAM with the probe until
# the probe has written its line; the variables CALBOOK_PROBE_WIDGETS and
# CALBOOK_PROBE_SCRIPT say what to wait for and do. Prints the line.
probe_run ()
{
  local result=$1 pid waited=0
  shift
  rm -f "$result"
  (
    export CALBOOK_PROBE_OUT=$result LD_PRELOAD=$probe
    CALBOOK_PROBE_TARGET=$(basename "${@: -1}")
    export CALBOOK_PROBE_TARGET
    if [ -n "${SHOTS:-}" ]; then
      CALBOOK_PROBE_SHOTS=$SHOTS/$CALBOOK_PROBE_TARGET-$(date +%H%M%S%N)
      mkdir -p "$CALBOOK_PROBE_SHOTS"
      export CALBOOK_PROBE_SHOTS
    fi
    export CALBOOK_PROBE_EXEC_US=${EPOCHREALTIME/./}
    exec "$@"
  ) >> "$work/app.log" 2>&1 &
  pid=$!
  while [ ! -s "$result" ] && kill -0 "$pid" 2> /dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -gt $((timeout_s * 5)) ]; then
      say "bench-gui.sh: $1 took over $timeout_s s; stopped"
      break
    fi
  done
  # Quit by the probe; a program that lingers is stopped
  for ((waited = 0; waited < 50; waited++)); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  if [ -s "$result" ]; then
    cat "$result"
  else
    say "bench-gui.sh: no result from $1; its log:"
    tail -n 20 "$work/app.log" >&2
    echo '{"error": "no result"}'
  fi
}

booking_widgets=CalbookBookingBlock,CalbookBookingRow,CalbookAdminCell

# memory_run: Calbook's peak RSS with both windows scrolled end to end
memory_run ()
{
  CALBOOK_PROBE_WIDGETS=$booking_widgets CALBOOK_PROBE_SMAPS=1 \
  CALBOOK_PROBE_SCRIPT="action win.view 'agenda'; wait-content CalbookBookingRow; scroll;
                        action win.status-view 'past'; wait-content CalbookBookingRow; scroll;
                        action app.show-admin; wait-window; action admin.date-range 'any';
                        hold 2; wait-content CalbookAdminCell; scroll" \
    probe_run "$work/probe.json" ${MEMORY_WRAPPER:-} "$calbook"
}

parts=${GUI_PARTS:-memory startup}
results="{\"bookings\": $bookings, \"runs\": $runs"

memory_started=$(date +%s)
for n in "$small" "$bookings"; do
  [[ " $parts " == *" memory "* ]] || break
  say "GUI memory: sandbox with $n bookings, the admin signed in and synced"
  start_sandbox "$n"
  sign_in_and_sync "$n"
  memory=()
  for ((r = 0; r < memory_runs; r++)); do
    memory+=("$(memory_run)")
    say "  $(tail -n 1 <<< "${memory[-1]}")"
  done
  peak=$(for m in "${memory[@]}"; do jq 'select(.error == null) | .peak_rss_kib' <<< "$m"; done | median)
  results+=", \"memory_n$n\": {\"peak_rss_kib\": $peak, \"last\": ${memory[-1]}}"
done

if [[ " $parts " == *" memory "* ]]; then
  results+=", \"memory_run\": $(part_run "$memory_started" "$memory_runs")"
fi
if [[ " $parts " != *" startup "* ]]; then
  runs=0
  results+=", \"memory_only\": true"
fi
[ "$runs" -eq 0 ] || say "start-up: $bookings bookings stored, no network; $runs runs each, alternately"
if [ "$runs" -gt 0 ] && [[ " $parts " != *" memory "* ]]; then
  start_sandbox "$bookings"
  sign_in_and_sync "$bookings"
fi
stop_sandbox
startup_started=$(date +%s)
calbook_runs=() calendar_runs=()
for ((r = runs > 0 ? -1 : 0; r < runs; r++)); do
  # A -wal left by the run before means an unclean end: this start pays
  # for it (a check, a replay), so each run says whether it had one
  wal_kib=$(( $(stat -c %s "$store_path-wal" 2> /dev/null || echo 0) / 1024 ))
  line=$(CALBOOK_PROBE_WIDGETS=$booking_widgets probe_run "$work/probe.json" "$calbook")
  line=$(jq -c --argjson wal "$wal_kib" '. + {wal_kib_before: $wal}' <<< "$line")
  say "  Calbook: $(jq -c '{loaded_ms, first_frame_ms, content_ms, content_cpu_ms, wal_kib_before}' <<< "$line")"
  [ "$r" -lt 0 ] || calbook_runs+=("$line")
  if [ -n "$gnome_calendar" ]; then
    line=$(probe_run "$work/probe.json" "$gnome_calendar")
    say "  GNOME Calendar: $(jq -c '{loaded_ms, first_frame_ms, first_frame_cpu_ms}' <<< "$line")"
    [ "$r" -lt 0 ] || calendar_runs+=("$line")
  fi
done
calbook_ms=$(for l in "${calbook_runs[@]}"; do jq 'select(.error == null) | .content_ms' <<< "$l"; done | median)
calbook_window_ms=$(for l in "${calbook_runs[@]}"; do jq 'select(.error == null) | .first_frame_ms' <<< "$l"; done | median)
calendar_ms=-1 helpers_kib=0
if [ ${#calendar_runs[@]} -gt 0 ]; then
  calendar_ms=$(for l in "${calendar_runs[@]}"; do jq 'select(.error == null) | .first_frame_ms' <<< "$l"; done | median)
  # GNOME Calendar's evolution-data-server helpers, still running in this
  # session's bus (others' sessions may run their own)
  for pid in $(pgrep '^evolution-' || true); do
    grep -qz "^DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS\$" "/proc/$pid/environ" 2> /dev/null || continue
    helpers_kib=$((helpers_kib + $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")))
  done
fi
results+=", \"startup\": {\"calbook_bookings_painted_ms\": $calbook_ms,"
results+=" \"gnome_calendar_helpers_rss_kib\": $helpers_kib,"
results+=" \"calbook_first_frame_ms\": $calbook_window_ms, \"gnome_calendar_first_frame_ms\": $calendar_ms,"
results+=" \"calbook_runs\": [$(IFS=,; echo "${calbook_runs[*]}")],"
results+=" \"gnome_calendar_runs\": [$(IFS=,; echo "${calendar_runs[*]-}")]}"
[ "$runs" -eq 0 ] || results+=", \"startup_run\": $(part_run "$startup_started" "$runs")"
results+="}"

mkdir -p "$(dirname "$json_out")"
echo "$results" | jq . > "$json_out"

jq -r --arg small "memory_n$small" --arg big "memory_n$bookings" '
  def r2: . * 100 | round / 100;
  def ratio(a; b): if b > 0 and a > 0 then "\((a / b) | r2)×" else "–" end;
  def median: sort | if length > 0 then .[(length - 1) / 2 | floor] else null end;
  # Each Calbook run against the GNOME Calendar run right after it: the
  # spread says how much the load moved
  def pairs(field): [.calbook_runs, .gnome_calendar_runs] | transpose
    | map(select(.[0].error == null and .[1].error == null and .[1].first_frame_ms > 0)
          | .[0][field] / .[1].first_frame_ms) | sort
    | if length > 1 then " (pairs \(.[0] | r2)–\(.[-1] | r2)×)" else "" end;
  . as $all |
  ($all.startup | select(.calbook_runs | length > 0) as $s |
    "| start-up with \($all.bookings) bookings stored, offline: exec → bookings painted vs GNOME Calendar exec → first paint (median of \($all.runs)) | \($s.calbook_bookings_painted_ms | round) ms | \(if $s.gnome_calendar_first_frame_ms > 0 then "\($s.gnome_calendar_first_frame_ms | round) ms" else "not installed" end) | \(ratio($s.calbook_bookings_painted_ms; $s.gnome_calendar_first_frame_ms))\($s | pairs("content_ms")) |",
    "| start-up: exec → Calbook window first painted | \($s.calbook_first_frame_ms | round) ms | | \(ratio($s.calbook_first_frame_ms; $s.gnome_calendar_first_frame_ms))\($s | pairs("first_frame_ms")) |",
    # CPU time is steadier under load; the helper processes of GNOME Calendar
    # (evolution-data-server, already running) are not in the figure
    ([$s.calbook_runs[] | select(.error == null) | .content_cpu_ms // empty] | median) as $ours |
    ([$s.gnome_calendar_runs[] | select(.error == null) | .first_frame_cpu_ms // empty] | median) as $theirs |
    select($ours != null) |
    "| start-up CPU time (process, all threads) until bookings painted vs GNOME Calendar CPU time until first paint | \($ours | round) ms | \(if $theirs != null then "\($theirs | round) ms" else "–" end) | \(if $theirs != null then ratio($ours; $theirs) else "–" end) |",
    ([$s.calbook_runs[] | select(.error == null) | .peak_rss_kib] | median) as $ours_kib |
    ([$s.gnome_calendar_runs[] | select(.error == null) | .peak_rss_kib] | median) as $theirs_kib |
    ($s.gnome_calendar_helpers_rss_kib // 0) as $helpers |
    "| start-up: peak RSS when first painted (Calbook: bookings in the main window; GNOME Calendar: its window, and its evolution-data-server helpers) | \($ours_kib / 1024 | round) MiB | \(if $theirs_kib != null then "\($theirs_kib / 1024 | round) MiB + \($helpers / 1024 | round) MiB" else "–" end) | \(if $theirs_kib != null then "\(ratio($ours_kib; $theirs_kib)) (\(ratio($ours_kib; $theirs_kib + $helpers)) with helpers)" else "–" end) |"),
  ($all | select(has($big)) | .[$small] as $a | .[$big] as $b |
    "| peak RSS, main + admin windows scrolled end to end, \($small | ltrimstr("memory_n")) → \($big | ltrimstr("memory_n")) bookings | \($b.peak_rss_kib / 1024 | round) MiB | \($a.peak_rss_kib / 1024 | round) MiB | +\(($b.peak_rss_kib - $a.peak_rss_kib) / 1024 | round) MiB, \(ratio($b.peak_rss_kib; $a.peak_rss_kib)) |")
' "$json_out"
