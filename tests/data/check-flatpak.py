#!/usr/bin/env python3
# check-flatpak.py SOURCE-ROOT: what can be checked of the Flatpak manifests
# without building them. Both parse; their ids are the application id of
# meson.build (the development one with .Devel and -Dprofile=development);
# they use the same GNOME runtime and SDK; the app module builds the source
# tree with meson and runs its tests; every other source is pinned (a git
# commit, an archive's sha256); and the sandbox gets only what Calbook uses:
# network, Wayland with an X11 fallback, DRI (and IPC for X11). The keyring
# and notifications go through portals, so no --talk-name, no files.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
problems = []

allowed_args = {"--share=network", "--share=ipc", "--socket=wayland",
                "--socket=fallback-x11", "--device=dri"}
required_args = allowed_args

meson = (root / "meson.build").read_text(encoding="utf-8")
match = re.search(r"application_id = '([^']+)'", meson)
app_id = match.group(1) if match else None
if app_id is None:
    problems.append("meson.build sets no application_id")

metainfo = ET.parse(root / "data" / "io.github.calbook.Calbook.metainfo.xml.in").getroot()
binary = metainfo.findtext("provides/binary")

runtimes = set()
for name, wanted_id, devel in (("io.github.calbook.Calbook.json", app_id, False),
                               ("io.github.calbook.Calbook.Devel.json", f"{app_id}.Devel", True)):
    path = root / "flatpak" / name
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        problems.append(f"{name}: {error}")
        continue

    def problem(text):
        problems.append(f"{name}: {text}")

    if manifest.get("id", manifest.get("app-id")) != wanted_id:
        problem(f"id is {manifest.get('id')!r}, not {wanted_id!r}")
    if path.stem != wanted_id:
        problem("the file is not named after its id")
    if manifest.get("command") != binary:
        problem(f"command {manifest.get('command')!r} is not the metainfo's binary {binary!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problem("not built on the GNOME runtime and SDK")
    runtimes.add(str(manifest.get("runtime-version")))

    args = manifest.get("finish-args", [])
    for arg in args:
        if arg not in allowed_args:
            problem(f"finish-arg {arg} gives the sandbox more than Calbook uses")
    for arg in required_args - set(args):
        problem(f"finish-arg {arg} is missing")

    modules = manifest.get("modules", [])
    if not modules:
        problem("no modules")
        continue
    app = modules[-1]
    if app.get("name") != "calbook" or app.get("buildsystem") != "meson":
        problem("the last module is not calbook built with meson")
    if app.get("run-tests") is not True:
        problem("the tests do not run during the build")
    if app.get("sources") != [{"type": "dir", "path": ".."}]:
        problem("the app is not built from this source tree")
    profile = "-Dprofile=development" in app.get("config-opts", [])
    if profile != devel:
        problem("the development profile is " + ("missing" if devel else "set"))

    for module in modules[:-1]:
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind == "git" and not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                problem(f"module {module.get('name')}: git source without a commit")
            elif kind in ("archive", "file") and not source.get("sha256"):
                problem(f"module {module.get('name')}: {kind} source without a sha256")
            elif kind == "dir":
                problem(f"module {module.get('name')}: a dir source is not pinned")

if len(runtimes) > 1:
    problems.append(f"the manifests use different runtimes: {sorted(runtimes)}")

for problem_text in problems:
    print(problem_text)
if problems:
    sys.exit(1)
print(f"both manifests fit {app_id} on GNOME {runtimes.pop()}, pinned, narrow permissions")
