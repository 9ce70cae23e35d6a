#!/usr/bin/env bash
# run-tests.sh: install what is missing, build Calbook twice (normal, and
# core + sandbox under AddressSanitizer and UndefinedBehaviorSanitizer), run
# every test suite in a private desktop session (build-aux/session.sh), and
# end with one line: "N passed, N failed[, N skipped]".
#
# The sanitizer build has no GUI; it runs every suite that tests the core or
# the sandbox (whatever their names: core, sandbox, api, sync, keyring, ...),
# that is all but the data checks and the Prism conformance test.
#
# Works as root (CI) and as a user with sudo (used for apt-get only).
# Exits non-zero when a build or a test failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=_build
asan_dir=_build-asan
asan_options=(-Dgui=false -Db_sanitize=address,undefined -Db_lundef=false)
fuzz_dir=_build-fuzz
fuzz_options=(-Dfuzzing=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false)
# Seconds each libFuzzer target runs (CALBOOK_FUZZ_SECONDS=0 skips the stage);
# six targets at 20 s keep the stage at two minutes
fuzz_seconds=${CALBOOK_FUZZ_SECONDS:-20}

# --- Install and build -----------------------------------------------------

ensure_packages
ensure_prism

failed_builds=()
say "building $build_dir"
meson_build "$build_dir" || failed_builds+=("$build_dir")
say "building $asan_dir (${asan_options[*]})"
meson_build "$asan_dir" "${asan_options[@]}" || failed_builds+=("$asan_dir")
if [ "$fuzz_seconds" -gt 0 ]; then
  say "building $fuzz_dir with clang (${fuzz_options[*]})"
  CC=clang meson_build "$fuzz_dir" "${fuzz_options[@]}" || failed_builds+=("$fuzz_dir")
fi

# --- Test --------------------------------------------------------------------

logs=()
test_errors=()

# run_meson_test DIR [ARG...]: run meson test in the private session. A
# non-zero exit with no test log (meson could not rebuild, or crashed) is
# counted as a failure; failed tests themselves are counted from the log.
run_meson_test ()
{
  local dir=$1 status=0
  shift

  say "meson test -C $dir $*"
  build-aux/session.sh meson test -C "$dir" --print-errorlogs "$@" || status=$?
  logs+=("$dir/meson-logs/testlog.json")
  if [ "$status" -ne 0 ] && [ ! -s "$dir/meson-logs/testlog.json" ]; then
    test_errors+=("meson test -C $dir (exit status $status, no test log)")
  fi
}

run_suites ()
{
  local dir

  for dir in "$build_dir" "$asan_dir"; do
    rm -f "$dir/meson-logs/testlog.json"
  done

  if [[ ! " ${failed_builds[*]} " =~ " $build_dir " ]]; then
    # GUI tests find the schema compiled into the build directory.
    GSETTINGS_SCHEMA_DIR=$top_srcdir/$build_dir/data \
      run_meson_test "$build_dir"
  fi

  if [[ ! " ${failed_builds[*]} " =~ " $asan_dir " ]]; then
    # GLib < 2.76 has its own slice allocator, which hides memory errors.
    # Leak checking is off by default: with the fast unwinder the stacks stop
    # in GLib (no frame pointers), so no suppression can match the known
    # libsoup 3.2 leaks, and the slow unwinder makes the run ten times longer.
    # HACKING.md tells how to run the leak check.
    # (Assignments before a function call are exported for its duration.)
    G_SLICE=always-malloc \
    ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:halt_on_error=1:detect_leaks=0}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:abort_on_error=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$aux_dir/lsan.supp:print_suppressions=0}" \
      run_meson_test "$asan_dir" --no-suite data --no-suite conformance --timeout-multiplier 3
  fi
}

run_suites

# --- Fuzz ----------------------------------------------------------------------

# Each libFuzzer target runs for $fuzz_seconds from its seed corpus and the
# crashers kept so far (a scratch copy grows; the sources stay as they are).
# A crash, leak-free timeout or sanitizer report fails the run, and the input
# that caused it is kept in tests/fuzz/crashers/<target>/ to be committed as a
# regression input (the fuzz suite replays those in every build).
fuzz_failures=()
fuzz_runs=()
run_fuzzers ()
{
  local target exe corpus crashers scratch status

  [ "$fuzz_seconds" -gt 0 ] || return 0
  [[ " ${failed_builds[*]} " =~ " $fuzz_dir " ]] && return 0

  for exe in "$fuzz_dir"/tests/fuzz/fuzz-*; do
    [ -f "$exe" ] && [ -x "$exe" ] || continue
    target=$(basename "$exe")
    corpus=tests/fuzz/corpus/$target
    crashers=tests/fuzz/crashers/$target
    scratch=$(mktemp -d)
    mkdir -p "$crashers"
    say "fuzzing $target for ${fuzz_seconds}s"
    status=0
    G_SLICE=always-malloc \
    ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:halt_on_error=1:detect_leaks=0}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:abort_on_error=1}" \
      "$exe" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
             -artifact_prefix="$crashers/" -print_final_stats=1 \
             "$scratch" "$corpus" "$crashers" > "$fuzz_dir/$target.log" 2>&1 || status=$?
    fuzz_runs+=("$target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$fuzz_dir/$target.log" | grep -o '[0-9]*$' || echo '?') inputs")
    if [ "$status" -ne 0 ]; then
      fuzz_failures+=("fuzz $target (exit $status, input kept in $crashers, log $fuzz_dir/$target.log)")
    fi
    rm -rf "$scratch"
  done
}

run_fuzzers

# --- Summary -----------------------------------------------------------------

passed=0
failed=0
skipped=0
failed_names=()
skipped_lines=()

for build in "${failed_builds[@]}"; do
  failed=$((failed + 1))
  failed_names+=("build of $build")
done
for error in "${test_errors[@]}"; do
  failed=$((failed + 1))
  failed_names+=("$error")
done
for error in "${fuzz_failures[@]}"; do
  failed=$((failed + 1))
  failed_names+=("$error")
done
for run in "${fuzz_runs[@]}"; do
  say "fuzzed $run"
done

for log in "${logs[@]}"; do
  # meson writes no log when no test matched the suites asked for.
  [ -s "$log" ] || continue
  prefix=""
  [ "$log" = "$asan_dir/meson-logs/testlog.json" ] && prefix="asan: "

  while IFS=$'\t' read -r result name; do
    case "$result" in
      OK|EXPECTEDFAIL) passed=$((passed + 1)) ;;
      SKIP) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)); failed_names+=("$prefix$name ($result)") ;;
    esac
  done < <(jq -r '[.result, .name] | @tsv' "$log")

  # For each skipped test: its name and the reason it printed (the last line
  # that mentions skipping, on stdout or stderr, else its last line).
  while IFS=$'\t' read -r name reason; do
    skipped_lines+=("$prefix$name: $reason")
  done < <(jq -r 'select(.result == "SKIP")
                  | [.name,
                     ([.stdout, .stderr] | map(. // "" | split("\n")) | add
                      | map(select(test("\\S")))
                      | (map(select(test("skip"; "i"))) | last) // last // "no reason given")]
                  | @tsv' "$log")
done

echo
if [ ${#skipped_lines[@]} -gt 0 ]; then
  echo "Skipped:"
  printf '  %s\n' "${skipped_lines[@]}"
fi
if [ ${#failed_names[@]} -gt 0 ]; then
  echo "Failed:"
  printf '  %s\n' "${failed_names[@]}"
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary+=", $skipped skipped"
echo "$summary"

[ "$failed" -eq 0 ]
