#!/usr/bin/python3
# test-accessible-controls.py CALBOOK SANDBOX: starts CALBOOK with nobody
# signed in to the sandbox (SANDBOX --demo) and reads, over AT-SPI as a
# screen reader does, every control on screen of
#   1. the welcome page (self-hosted server: its address shown),
#   2. the preferences and the About window opened from it,
#   3. the main window (header bars, navigation, the first view), once the
#      key has been pasted into the welcome page, Connect pressed and the
#      bookings synced,
#   4. the preferences then (with their Sign Out button).
# Each control must have a name made of words: not empty, not a widget
# type ("GtkImage", "GtkToggleButton"), and not a mnemonic read twice
# ("_Connect Connect").
#
# The application is driven from outside, as a person or GNOME Shell would:
# text and clicks over AT-SPI, app.preferences over D-Bus (org.gtk.Actions).
#
# Needs a session bus with the accessibility bus (build-aux/session.sh), a
# display and Debian's python3-pyatspi (so /usr/bin/python3); exits 77
# (skip) without them.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
    from gi.repository import Gio
except ImportError:
    print("SKIP: python3-pyatspi is not installed")
    sys.exit(77)

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("SKIP: no display or no session bus")
    sys.exit(77)

APP_ID = "io.github.calbook.Calbook"
APP_PATH = "/io/github/calbook/Calbook"
DEBUG = os.environ.get("CALBOOK_TEST_DEBUG") is not None

# What a keyboard or screen reader user lands on
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_CALENDAR,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_SLIDER,
}


def wait_for(what, predicate, seconds=90):
    """Polls @predicate (a condition, not a fixed sleep) until it gives a value"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # a node that went away while we looked
            value = None
        if value:
            return value
        time.sleep(0.2)
    if DEBUG:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None:
                dump(app, 0)
    sys.exit(f"FAIL: timed out after {seconds} s waiting for {what}")


def dump(node, depth):
    try:
        flags = "".join(c for c, s in (("S", pyatspi.STATE_SHOWING), ("V", pyatspi.STATE_VISIBLE),
                                       ("F", pyatspi.STATE_FOCUSABLE))
                        if node.getState().contains(s))
        sys.stderr.write("  " * depth + f"{node.getRoleName()} {node.name!r} [{flags}] "
                         f"{'shown' if shown(node) else ''}\n")
    except Exception:
        return
    for child in children(node):
        dump(child, depth + 1)


def children(node):
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield child


def find_all(node, test, found=None):
    found = [] if found is None else found
    try:
        if test(node):
            found.append(node)
    except Exception:
        return found
    for child in children(node):
        find_all(child, test, found)
    return found


def find(node, test):
    found = find_all(node, test)
    return found[0] if found else None


def shown(node):
    """Whether @node is on screen. GTK 4.8 says SHOWING of windows only, and
    VISIBLE also of the pages a stack hides: those have never been given a
    size, as each window here shows one of its pages only."""
    if not node.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    if node.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW):
        return node.getState().contains(pyatspi.STATE_SHOWING)
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:  # no Component: not a widget (a stack page)
        return True
    return extents.width > 0 and extents.height > 0


def is_control(node):
    # Containers (lists, panels, scrolled panes) are passed through, not landed on
    return (node.getRole() in CONTROL_ROLES
            or (node.getRole() == pyatspi.ROLE_LIST_ITEM
                and node.getState().contains(pyatspi.STATE_FOCUSABLE)))


def wrong_name(node):
    """What is wrong with the name of control @node, or None"""
    name = (node.name or "").strip()
    if name == "":
        # An entry inside a labelled row is named by its row
        if any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY
               for r in node.getRelationSet()):
            return None
        return "has no name"
    if name.startswith(("Gtk", "Adw", "Calbook")) and " " not in name:
        return "is announced as a widget type"
    if "_" in name:
        return "reads out a mnemonic"
    # GTK 4.8 names a button from its label and its label's text: "Retry Retry"
    words = name.split()
    half = len(words) // 2
    if half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return "is read twice"
    return None


def check_controls(window, root, where, failures):
    """Checks every shown control under @root, in @window; returns how many
    were checked"""
    checked = 0

    def walk(node, path):
        nonlocal checked
        try:
            if not shown(node):
                return
            role = node.getRoleName()
            here = path + [f"{role} {node.name!r}" if node.name else role]
            if is_control(node):
                checked += 1
                what = wrong_name(node)
                if DEBUG:
                    sys.stderr.write(f"{where}: {' > '.join(here[-6:])}: {what or 'ok'}\n")
                if what is not None:
                    failures.append(f"{where}: {role} {node.name!r} {what} "
                                    f"({' > '.join(here[-4:])})")
            # A combo box's closed popup is not on screen
            if node.getRole() == pyatspi.ROLE_COMBO_BOX:
                return
        except Exception:  # gone while walking
            return
        for child in children(node):
            walk(child, here)

    if DEBUG:
        sys.stderr.write(f"{where}: window {window.name!r}, {window.getRoleName()}\n")
    walk(root, [])
    return checked


def check_settled(window, root, where, failures, attempts=5):
    """check_controls() once the window has settled: a control caught in a
    page transition or before the first layout may be counted on screen
    for a moment, so what is wrong must still be wrong a second later (up
    to @attempts checks); a wrong name that stays is reported"""
    for attempt in range(attempts):
        found = []
        checked = check_controls(window, root, where, found)
        if not found:
            return checked
        if attempt < attempts - 1:
            time.sleep(1)
    failures.extend(found)
    return checked


def calbook_app(pid):
    for app in pyatspi.Registry.getDesktop(0):
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def windows(app):
    return [w for w in children(app) if shown(w)]


def window_with(app, test):
    for window in windows(app):
        if find(window, test) is not None:
            return window
    return None


def named(role, name):
    return lambda n: n.getRole() == role and n.name == name


def activate(action, parameter=None):
    """Activates app.@action over D-Bus, as GNOME Shell or a notification does"""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    group = Gio.DBusActionGroup.get(bus, APP_ID, APP_PATH)
    group.activate_action(action, parameter)
    # The call goes out asynchronously: flush it before going on
    bus.flush_sync(None)


def close_window(app, window, title):
    close = find(window, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                 and n.name == "Close" and shown(n))
    if close is None:
        sys.exit(f"FAIL: the {title} window has no button named \"Close\"")
    click(close)
    wait_for(f"the {title} window to close",
             lambda: all(w.name != title for w in windows(app)), 30)


def check_preferences(app, where, failures, control=None):
    """Opens the preferences (app.preferences), checks them, closes them;
    @control: the name of a control that must be among those checked"""
    activate("preferences")
    preferences = wait_for(f"the preferences ({where})",
                           lambda: next((w for w in windows(app) if w.name == "Preferences"
                                         and find(w, named(pyatspi.ROLE_COMBO_BOX, "Reminder"))),
                                        None))
    if control is not None:
        wait_for(f"{control!r} in the preferences ({where})",
                 lambda: find(preferences, lambda n: is_control(n) and shown(n)
                              and find(n, lambda label: label.getRole() == pyatspi.ROLE_LABEL
                                       and label.name == control)), 30)
    checked = check_settled(preferences, preferences, f"preferences ({where})", failures)
    close_window(app, preferences, "Preferences")
    return checked


def check_about(app, failures):
    """Opens About (app.about), checks it, closes it"""
    activate("about")
    about = wait_for("the About window",
                     lambda: next((w for w in windows(app) if w.name == "About"
                                   and find(w, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                            and n.name == "Calbook")), None))
    checked = check_settled(about, about, "About window", failures)
    close_window(app, about, "About")
    return checked


def start_calbook(program, folder, base_url):
    """CALBOOK run as a person would, with its own settings file (GSettings'
    keyfile backend) remembering @base_url, its own data folders, and the
    session's keyring"""
    env = dict(os.environ)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = os.path.join(folder, variable.lower())
        os.makedirs(env[variable], exist_ok=True)
    settings = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "keyfile"), "w") as keyfile:
        keyfile.write(f"[io/github/calbook/Calbook]\nbase-url='{base_url}'\n")
    env["GSETTINGS_BACKEND"] = "keyfile"
    if "GSETTINGS_SCHEMA_DIR" not in env and "CALBOOK_BUILD_DIR" in env:
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(env["CALBOOK_BUILD_DIR"], "data")
    env["NO_AT_BRIDGE"] = "0"
    return subprocess.Popen([program], env=env, stdout=subprocess.DEVNULL,
                            stderr=None if DEBUG else subprocess.DEVNULL)


def click(node):
    actions = node.queryAction()
    for i in range(actions.nActions):
        if actions.getName(i) == "click":
            return actions.doAction(i)
    sys.exit(f"FAIL: {node.getRoleName()} {node.name!r} cannot be clicked")


def main():
    program, sandbox_program = sys.argv[1], sys.argv[2]

    folder = tempfile.TemporaryDirectory(prefix="calbook-a11y-")
    sandbox = subprocess.Popen([sandbox_program, "--port", "0", "--demo"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    info = json.loads(sandbox.stdout.readline())
    base_url = info["url"]
    key = next(a["apiKey"] for a in info["accounts"] if a["role"] == "ADMIN")
    failures = []
    counts = {}
    calbook = None
    try:
        # 1. Nobody signed in to the remembered self-hosted server: the
        #    welcome page, its server address shown
        calbook = start_calbook(program, folder.name, base_url)
        app = wait_for("Calbook on the accessibility bus", lambda: calbook_app(calbook.pid))
        welcome = wait_for("the welcome page",
                           lambda: window_with(app, lambda n: n.name == "Server Address"
                                               and is_control(n) and shown(n)))
        counts["welcome page"] = check_settled(welcome, welcome, "welcome page", failures)

        # 2. The preferences with nobody signed in
        counts["preferences (signed out)"] = check_preferences(app, "signed out", failures)

        # The About window
        counts["About window"] = check_about(app, failures)

        # 3. Signed in from the welcome page as a person would: the key
        #    pasted, Connect pressed; then the main window, synced
        key_row = find(welcome, lambda n: n.name == "API Key" and is_control(n))
        key_row.queryEditableText().setTextContents(key)
        connect = wait_for("Connect to be enabled",
                           lambda: find(welcome, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                                        and n.getState().contains(pyatspi.STATE_SENSITIVE)
                                        and find(n, lambda l: l.name == "Connect")), 30)
        click(connect)

        def synced_window():
            # Synced: a booking (named "client, event type, day · time, …")
            # is on screen, in whichever view comes first
            return window_with(app, lambda n: n.getRole() in (pyatspi.ROLE_LIST_ITEM,
                                                               pyatspi.ROLE_PUSH_BUTTON)
                               and "·" in (n.name or "") and shown(n))

        window = wait_for("the bookings in the main window", synced_window, 120)
        # The window's pages stay in the tree, the welcome page with the
        # size it had: only the page with the calendar is on screen
        page = find(window, lambda n: n.name == "GtkStackPage"
                    and find(n, named(pyatspi.ROLE_PANEL, "Calendar")) is not None)
        counts["main window"] = check_settled(window, page or window, "main window", failures)

        # 4. The preferences with the account, its Sign Out button shown
        counts["preferences (signed in)"] = check_preferences(app, "signed in", failures,
                                                              "Sign Out…")
    finally:
        if calbook is not None:
            calbook.terminate()
            try:
                calbook.wait(timeout=30)
            except subprocess.TimeoutExpired:
                calbook.kill()
                calbook.wait()
        # The key went into the session's keyring: out again
        if shutil.which("secret-tool") is not None:
            subprocess.run(["secret-tool", "clear", "base-url", base_url], check=False)
        sandbox.terminate()
        sandbox.wait(timeout=30)
        folder.cleanup()

    for where, count in counts.items():
        if count == 0:
            failures.append(f"{where}: no control found at all")
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print("ok: " + ", ".join(f"{count} controls of the {where}" for where, count in counts.items()))


if __name__ == "__main__":
    main()
