#!/usr/bin/env bash
# run-benchmarks.sh: measure what docs/architecture.md §7 calls fast, on a store of
# 100,000 bookings (override with BOOKINGS=N). Prints a table and writes
# the raw numbers to _build/bench-results.json. Nothing here passes or
# fails on a number: shared machines are noisy; read and compare.
#
#   sandbox seeding   time to make N bookings (the sandbox promise: 100k < 10 s)
#   full sync         Calbook's full sync over HTTP, against curl fetching the
#                     same pages from the same server (the floor)
#   store             open, first window of the default and upcoming views,
#                     full-text searches (median of 15), scroll through all rows
#   memory            peak RSS of the store benchmark at N/10 and at N bookings:
#                     it should not grow with the number of bookings
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bookings=${BOOKINGS:-100000}
small=$((bookings / 10))
build_dir=_build

ensure_packages
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

# start_sandbox N: a sandbox program with N bookings and no rate limit;
# sets url and key (the organization owner's: an owner syncs everything)
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
}

# curl_pages: fetch every page of the organization's bookings as the sync
# does (take 250), printing the milliseconds it took
curl_pages ()
{
  local org skip=0 started ended more=true page

  org=$(curl -sf -H "Authorization: Bearer $key" "$url/v2/me" | jq -r .data.organizationId)
  started=$(date +%s%N)
  while [ "$more" = true ]; do
    page=$(curl -sf -H "Authorization: Bearer $key" -H 'cal-api-version: 2024-08-13' \
             "$url/v2/organizations/$org/bookings?take=250&skip=$skip")
    more=$(jq -r .pagination.hasNextPage <<< "$page")
    skip=$((skip + 250))
  done
  ended=$(date +%s%N)
  echo $(((ended - started) / 1000000))
}

say "seeding $bookings bookings in the sandbox"
seed_json=$("$bench" seed "$bookings")

results="{\"bookings\": $bookings, \"seed\": $seed_json"
for n in "$small" "$bookings"; do
  say "sandbox with $n bookings: full sync, curl, store"
  start_sandbox "$n"
  curl_ms=$(curl_pages)
  sync_json=$("$bench" sync "$url" "$key" "$work/store-$n.sqlite3")
  store_json=$("$bench" store "$work/store-$n.sqlite3")
  results+=", \"n$n\": {\"curl_ms\": $curl_ms, \"sync\": $sync_json, \"store\": $store_json}"
done
results+="}"

echo "$results" | jq . > "$build_dir/bench-results.json"

jq -r --arg small "n$small" --arg big "n$bookings" '
  def row(name; value): "\(name | . + (" " * (44 - length)))\(value)";
  row("bookings"; .bookings),
  row("sandbox seeding"; "\(.seed.seed_ms | round) ms"),
  (.[$small], .[$big]) as $r | empty,
  ([$small, $big][] as $k | .[$k] as $r |
    "",
    "--- \($r.store.bookings) bookings in the store",
    row("full sync (Calbook)"; "\($r.sync.sync_ms | round) ms, \($r.sync.pages) pages"),
    row("same pages with curl"; "\($r.curl_ms) ms"),
    row("sync / curl"; "\(($r.sync.sync_ms / ($r.curl_ms + 0.001)) * 100 | round / 100)×"),
    row("store open"; "\($r.store.open_ms) ms"),
    row("all: count + first 64 rows"; "\($r.store.all_first_window_ms) ms"),
    row("upcoming: count + first 64 rows"; "\($r.store.upcoming_first_window_ms) ms"),
    ($r.store.search | to_entries[] |
      row("search \"\(.key)\" (\(.value.matches) hits)"; "\(.value.ms) ms")),
    row("scroll through all rows"; "\($r.store.scroll_all_ms | round) ms"),
    row("RSS before / after scrolling"; "\($r.store.rss_before_scroll_kib) / \($r.store.rss_after_scroll_kib) KiB"),
    row("peak RSS: store benchmark / sync"; "\($r.store.peak_rss_kib) / \($r.sync.peak_rss_kib) KiB"))
' "$build_dir/bench-results.json"
echo
echo "raw numbers: $build_dir/bench-results.json"
