#!/usr/bin/env bash
# run-demo.sh: install what is missing, build Calbook, and start it with
# built-in demo data (`calbook --demo`): a local Cal.com stand-in, signed in
# as the demo organization's admin. Nothing is installed system-wide and
# no keyring or account is needed.
#
# Without a display (no DISPLAY or WAYLAND_DISPLAY), the demo runs in a
# private Xvfb session instead and a screenshot is saved as shot-demo.png.
# Extra arguments go to calbook, e.g. `build-aux/run-demo.sh --admin`.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=_build

ensure_packages
say "building $build_dir"
meson_build "$build_dir"

calbook=$top_srcdir/$build_dir/src/gui/calbook
if [ ! -x "$calbook" ]; then
  say "$calbook was not built (was $build_dir configured with -Dgui=false?)"
  exit 1
fi

# Run uninstalled: the GSettings schema compiled into the build directory.
export GSETTINGS_SCHEMA_DIR=$top_srcdir/$build_dir/data

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  say "starting calbook --demo $*"
  exec "$calbook" --demo "$@"
fi

shot=$top_srcdir/shot-demo.png
say "no display: running the demo under Xvfb for a screenshot ($shot)"
# The session helper gives a fresh HOME, so nothing of the user's is touched.
exec build-aux/session.sh bash -c '
  "$1" --demo "${@:3}" &
  app=$!
  sleep 8
  import -window root "$2"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  echo "screenshot: $2"
' run-demo "$calbook" "$shot" "$@"
