#!/usr/bin/python3
# accessible-names.py PID: lists, over AT-SPI, the controls of process PID
# whose accessible name a screen reader would get wrong: none at all, a
# widget type ("GtkImage", "GtkButton"), or a mnemonic read twice
# ("_Confirm Confirm"). Prints one line per problem; exit status 1 when
# there is one, 2 when the process is not on the accessibility bus.
#
# Run with Debian's /usr/bin/python3 (python3-pyatspi).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import os

import pyatspi

DEBUG = os.environ.get("CALBOOK_TEST_DEBUG") is not None

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_CALENDAR,
}


def problem(node, in_dialog):
    name = node.name or ""
    states = node.getState()
    # What a keyboard or screen reader user lands on: controls
    if node.getRole() not in CONTROLS and not states.contains(pyatspi.STATE_FOCUSABLE):
        return None
    # GTK 4.8 does not say SHOWING inside dialogs: VISIBLE is what there is
    if not states.contains(pyatspi.STATE_VISIBLE if in_dialog else pyatspi.STATE_SHOWING):
        return None
    if name.strip() == "":
        # An entry inside a labelled row is named by its row
        labelled = [r for r in node.getRelationSet()
                    if r.getRelationType() == pyatspi.RELATION_LABELLED_BY]
        if labelled or node.description:
            return None
        return "has no name"
    if name.startswith("Gtk") and " " not in name:
        return "announced as a widget type"
    if "_" in name and name.replace("_", "") != name:
        first = name.split(" ")[0]
        if first.startswith("_") or "_" in first:
            return "mnemonic read out"
    return None


def walk(node, path, found, in_dialog):
    try:
        if DEBUG and (node.getRole() in CONTROLS or node.getState().contains(pyatspi.STATE_FOCUSABLE)):
            sys.stderr.write("control %s %r\n" % (node.getRoleName(), node.name))
        what = problem(node, in_dialog)
    except Exception:  # a node that went away while walking
        return
    if what is not None:
        found.append("%s %r (%s): %s" % (node.getRoleName(), node.name, path, what))
    # A combo box's closed popup is libadwaita's, and not on screen
    if node.getRole() == pyatspi.ROLE_COMBO_BOX:
        return
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, path + "/" + (child.getRoleName() or "?"), found, in_dialog)


def main():
    pid = int(sys.argv[1])
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            if app.get_process_id() != pid:
                continue
        except Exception:
            continue
        found = []
        for window in app:
            if DEBUG and window is not None:
                sys.stderr.write("window %r %s showing=%s\n" % (window.name, window.getRoleName(),
                                 window.getState().contains(pyatspi.STATE_SHOWING)))
            if window is None:
                continue
            in_dialog = window.getRole() == pyatspi.ROLE_DIALOG
            state = window.getState()
            if state.contains(pyatspi.STATE_SHOWING) or (in_dialog and state.contains(pyatspi.STATE_VISIBLE)):
                walk(window, window.name or "window", found, in_dialog)
        for line in found:
            print(line)
        return 1 if found else 0
    print("process %d is not on the accessibility bus" % pid)
    return 2


if __name__ == "__main__":
    sys.exit(main())
