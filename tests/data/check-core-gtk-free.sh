#!/usr/bin/env bash
# check-core-gtk-free.sh SRC-CORE-DIR: fail if any file of the core includes
# a GTK, GDK or libadwaita header. The core's meson dependencies already make
# such an include fail to build; this names the file and line.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

core_dir=${1:?usage: check-core-gtk-free.sh SRC-CORE-DIR}

if hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk/|gdk/|gsk/|adwaita\.h|adw-)' \
            --include='*.c' --include='*.h' --include='*.in' "$core_dir"); then
  echo "src/core must stay GTK-free, but it includes:"
  echo "$hits"
  exit 1
fi
echo "src/core includes no GTK, GDK or libadwaita headers"
