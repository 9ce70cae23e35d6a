#!/usr/bin/python3
# test-accessibility.py CALBOOK: runs `CALBOOK --demo` and reads its
# calendar (the "Calendar" group of the main window) over AT-SPI, as a
# screen reader would: every control has a name of words (never a widget
# type such as GtkButton, never a mnemonic such as "_Retry Retry"), and
# each booking, in the agenda's list and on the week's and month's pages,
# is named by its client, time and status.
#
# Needs a session bus with the accessibility bus (build-aux/session.sh),
# a display, and python3-pyatspi; exits 77 (skip) without them.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

try:
    import pyatspi
except ImportError:
    print("SKIP: python3-pyatspi is not installed")
    sys.exit(77)

if not os.environ.get("DISPLAY"):
    print("SKIP: no display")
    sys.exit(77)

CONTROL_ROLES = {"push button", "toggle button", "list item", "entry", "text", "combo box",
                 "check box", "radio button", "menu item"}
STATUS_WORDS = ("Confirmed", "Unconfirmed", "Cancelled", "Declined", "Rescheduled", "No-show")


def wait_for(what, predicate, seconds=90):
    """Polls @predicate (a condition, not a fixed sleep) until it gives a value"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    sys.exit(f"FAIL: timed out after {seconds} s waiting for {what}")


def find(node, test):
    try:
        if test(node):
            return node
        for i in range(node.childCount):
            found = find(node.getChildAtIndex(i), test)
            if found is not None:
                return found
    except Exception:
        pass
    return None


def walk(node, path, out):
    try:
        role = node.getRoleName()
        name = node.name or ""
        visible = node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return
    path = path + [f"{role}:{name}"]
    if visible:
        out.append((role, name, path))
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), path, out)


def calendar_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name and "calbook" in app.name.lower():
            return app
    return None


def booking_named(nodes, what):
    """The nodes named like a booking: "client, event type, time, status" """
    return [n for n in nodes
            if n[1].count(", ") >= 3 and "·" in n[1] and any(w in n[1] for w in STATUS_WORDS)]


def main():
    program = sys.argv[1]
    app_process = subprocess.Popen([program, "--demo"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
    failures = []
    try:
        app = wait_for("the application on the accessibility bus", calendar_app)

        def synced_calendar():
            group = find(app, lambda n: n.getRoleName() == "panel" and n.name == "Calendar")
            if group is None:
                return None
            nodes = []
            walk(group, [], nodes)
            # Synced: the agenda lists bookings
            if not any(r == "list item" for r, _, _ in nodes):
                return None
            return nodes

        nodes = wait_for("the calendar with its bookings", synced_calendar)

        for role, name, path in nodes:
            if role not in CONTROL_ROLES:
                continue
            if not name.strip():
                failures.append(f"{role} without a name: {' > '.join(path[-4:])}")
            elif name.startswith(("Gtk", "Adw", "Calbook")):
                failures.append(f"{role} named after its type: {' > '.join(path[-4:])}")
            elif "_" in name:
                failures.append(f"{role} named with a mnemonic: {' > '.join(path[-4:])}")

        items = [n for n in nodes if n[0] == "list item"]
        blocks = [n for n in nodes if n[0] == "push button"]
        if not booking_named(items, "agenda"):
            failures.append("no list item of the agenda says client, time and status")
        for role, name, path in items:
            if not booking_named([(role, name, path)], "agenda"):
                failures.append(f"agenda item not named by client, time and status: {name!r}")
        if not booking_named(blocks, "blocks"):
            failures.append("no block of the week or month says client, time and status")
    finally:
        app_process.terminate()
        app_process.wait(timeout=30)

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print(f"ok: {len(nodes)} accessible objects of the calendar checked")


if __name__ == "__main__":
    main()
