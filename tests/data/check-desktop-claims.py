#!/usr/bin/env python3
# check-desktop-claims.py SOURCE-ROOT: keeps the desktop entry, the AppStream
# metainfo and its release notes honest. Every feature they name (desktop
# Comment, metainfo summary, each list item and release note) must be listed
# in tests/data/desktop-claims.txt with GUI tests that exist; nothing may be
# listed there that no file claims; every screenshot must be a file in
# data/screenshots/ with a caption.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
problems = []


def text_of(element):
    return " ".join("".join(element.itertext()).split())


claims = []

desktop = (root / "data" / "io.github.calbook.Calbook.desktop.in").read_text(encoding="utf-8")
for line in desktop.splitlines():
    if line.startswith("Comment="):
        claims.append(("desktop " + line.split("=", 1)[0], line.split("=", 1)[1].strip()))

metainfo = ET.parse(root / "data" / "io.github.calbook.Calbook.metainfo.xml.in").getroot()
claims.append(("metainfo summary", text_of(metainfo.find("summary"))))
for item in metainfo.iterfind("description/ul/li"):
    claims.append(("metainfo feature", text_of(item)))
for release in metainfo.iterfind("releases/release"):
    version = release.get("version")
    for element in release.iterfind("description/*"):
        if element.tag == "ul":
            for item in element.iterfind("li"):
                claims.append(("release " + version, text_of(item)))
        else:
            claims.append(("release " + version, text_of(element)))

tests = set()
for source in sorted((root / "tests" / "gui").glob("*.c")):
    text = source.read_text(encoding="utf-8")
    tests.update(re.findall(r'g_test_add_(?:data_)?func\s*\(\s*"([^"]+)"', text))
    # Tests registered from a table: { "/path", function },
    tests.update(re.findall(r'\{\s*"(/[^"\s]+)"\s*,\s*[A-Za-z_]\w*\s*\}', text))

mapping = {}
for number, line in enumerate((root / "tests" / "data" / "desktop-claims.txt")
                              .read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip() or line.startswith("#"):
        continue
    if "\t" not in line:
        problems.append(f"desktop-claims.txt:{number}: no tab between the claim and its tests")
        continue
    claim, paths = line.split("\t", 1)
    mapping[claim.strip()] = paths.split()

claimed = set()
for where, claim in claims:
    claimed.add(claim)
    paths = mapping.get(claim)
    if paths is None:
        problems.append(f"{where} says “{claim}”, but tests/data/desktop-claims.txt names "
                        "no GUI test that shows it")
        continue
    if not paths:
        problems.append(f"“{claim}” has no GUI test in desktop-claims.txt")
    for path in paths:
        if path not in tests:
            problems.append(f"“{claim}” is shown by {path}, which no file in tests/gui/ registers")

for claim in mapping:
    if claim not in claimed:
        problems.append(f"desktop-claims.txt lists “{claim}”, which no desktop file claims any more")

screenshots = metainfo.findall("screenshots/screenshot")
if not screenshots:
    problems.append("the metainfo has no screenshots")
for screenshot in screenshots:
    image = screenshot.find("image")
    name = image.text.strip().rsplit("/", 1)[-1] if image is not None and image.text else ""
    if not (root / "data" / "screenshots" / name).is_file():
        problems.append(f"screenshot {name or '(none)'} is not in data/screenshots/")
    if screenshot.find("caption") is None:
        problems.append(f"screenshot {name} has no caption")

for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"{len(claims)} claims, each shown by GUI tests that exist; "
      f"{len(screenshots)} screenshots in data/screenshots/")
