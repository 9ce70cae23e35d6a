#!/usr/bin/env bash
# session.sh COMMAND [ARG...]: run COMMAND in a private, throw-away desktop
# session and return its exit status.
#
# The session has its own D-Bus session bus (dbus-run-session), an unlocked
# gnome-keyring-daemon whose keyrings live in a temporary HOME, an Xvfb
# display, dunst as the notification daemon, and the accessibility bus (by
# D-Bus activation). Nothing of the user's own session is touched, and
# everything started here is stopped on the way out.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

say ()
{
  printf '==> session: %s\n' "$*" >&2
}

# --- Outside: a fresh HOME and XDG folders, then a new session bus ---------

if [ "${CALBOOK_SESSION_INNER:-}" != 1 ]; then
  session_dir=$(mktemp -d "${TMPDIR:-/tmp}/calbook-session.XXXXXX")
  trap 'rm -rf "$session_dir"' EXIT

  mkdir -p "$session_dir"/{home,config,data,cache,state,runtime}
  chmod 0700 "$session_dir/runtime"

  status=0
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    -u GNOME_KEYRING_CONTROL -u SSH_AUTH_SOCK -u SESSION_MANAGER \
    CALBOOK_SESSION_INNER=1 \
    HOME="$session_dir/home" \
    XDG_CONFIG_HOME="$session_dir/config" \
    XDG_DATA_HOME="$session_dir/data" \
    XDG_CACHE_HOME="$session_dir/cache" \
    XDG_STATE_HOME="$session_dir/state" \
    XDG_RUNTIME_DIR="$session_dir/runtime" \
    XDG_CURRENT_DESKTOP=GNOME \
    GSK_RENDERER=cairo \
    GDK_BACKEND=x11 \
    NO_AT_BRIDGE=0 \
    dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@" || status=$?
  exit "$status"
fi

# --- Inside the new session bus --------------------------------------------

pids=()

stop_all ()
{
  local i
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
    kill "${pids[i]}" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
}
trap stop_all EXIT

# wait_for_name NAME: wait up to 10 s for NAME on the session bus.
wait_for_name ()
{
  local name=$1 i
  for (( i = 0; i < 100; i++ )); do
    if gdbus call --session --dest org.freedesktop.DBus \
         --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner "$name" 2> /dev/null \
         | grep -q true; then
      return 0
    fi
    sleep 0.1
  done
  say "$name did not appear on the session bus"
  return 1
}

# The keyring: a "login" keyring created and unlocked with a throw-away
# password, in $XDG_DATA_HOME/keyrings of the temporary HOME.
printf 'calbook-test' \
  | gnome-keyring-daemon --foreground --unlock --components=secrets \
      > "$XDG_RUNTIME_DIR/keyring.env" 2> "$XDG_RUNTIME_DIR/keyring.log" &
pids+=($!)
wait_for_name org.freedesktop.secrets

# The display: Xvfb picks a free display number and writes it to fd 3.
exec 3> "$XDG_RUNTIME_DIR/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  2> "$XDG_RUNTIME_DIR/xvfb.log" &
pids+=($!)
exec 3>&-
for (( i = 0; i < 100; i++ )); do
  [ -s "$XDG_RUNTIME_DIR/display" ] && break
  sleep 0.1
done
if [ ! -s "$XDG_RUNTIME_DIR/display" ]; then
  say "Xvfb did not start:"
  cat "$XDG_RUNTIME_DIR/xvfb.log" >&2
  exit 1
fi
DISPLAY=:$(tr -d '[:space:]' < "$XDG_RUNTIME_DIR/display")
export DISPLAY

# Notifications: dunst owns org.freedesktop.Notifications.
dunst > "$XDG_RUNTIME_DIR/dunst.log" 2>&1 &
pids+=($!)
wait_for_name org.freedesktop.Notifications

say "DISPLAY=$DISPLAY, keyring unlocked, dunst running"

status=0
"$@" || status=$?
exit "$status"
