#!/bin/sh
# check-merged-translations.sh TYPE TEMPLATE PODIR BUILT: BUILT (the
# desktop file or the metainfo of the build) is what msgfmt makes now from
# TEMPLATE and the catalogues in PODIR. It fails when the build kept a file
# merged from older translations: `meson test` builds first, so a changed
# po/*.po must have rebuilt it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 4 ]; then
  echo "usage: $0 desktop|xml TEMPLATE PODIR BUILT" >&2
  exit 2
fi

type=$1 template=$2 podir=$3 built=$4
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT

msgfmt "--$type" --template "$template" -d "$podir" -o "$fresh"

if ! cmp -s "$fresh" "$built"; then
  echo "FAIL: $built is not merged from the current translations in $podir:" >&2
  diff -u "$built" "$fresh" >&2 || true
  exit 1
fi
echo "ok: $built has the current translations"
