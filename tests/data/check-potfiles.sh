#!/usr/bin/env bash
# check-potfiles.sh SOURCE-ROOT: po/POTFILES.in must list only files that
# exist, in sorted order, and every source file with translatable strings
# (_(), N_(), C_(), NC_(), ngettext, translatable="yes", data *.in) must be
# in it, so no string is left out of the translation template; and text in
# templates (labels, titles, tooltips, items…) must be marked translatable.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "${1:?usage: check-potfiles.sh SOURCE-ROOT}"
status=0

listed=$(grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in || true)

while read -r file; do
  [ -n "$file" ] || continue
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done <<< "$listed"

if [ "$listed" != "$(LC_ALL=C sort <<< "$listed")" ]; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
fi

found=$( {
  grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' \
    --include='*.c' src 2> /dev/null || true
  grep -rl 'translatable="yes"' --include='*.ui' ui src 2> /dev/null || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2> /dev/null || true
} | LC_ALL=C sort -u)

while read -r file; do
  [ -n "$file" ] || continue
  if ! grep -qxF "$file" <<< "$listed"; then
    echo "$file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done <<< "$found"

# Text a person reads in a template must be marked for translation
untranslated=$(grep -rnE '<(property|attribute) name="(label|title|subtitle|tooltip-text|placeholder-text|description|text|heading|body|button-label)"( [a-z-]+="[^"]*")*>[^<]*[[:alpha:]][^<]*<|<item( [a-z-]+="[^"]*")*>[^<]*[[:alpha:]]' \
                 --include='*.ui' ui src 2> /dev/null | grep -v 'translatable="yes"' || true)
if [ -n "$untranslated" ]; then
  echo "text in templates not marked translatable=\"yes\":"
  echo "$untranslated"
  status=1
fi

[ "$status" -eq 0 ] && echo "po/POTFILES.in lists every file with translatable strings"
exit "$status"
