#!/usr/bin/env bash
# check-translations.sh SOURCE-ROOT: every catalogue named in po/LINGUAS
# exists and passes msgfmt --check (headers, format strings that match
# their msgid, plural forms) and its mnemonics check (one "_" each).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "${1:?usage: check-translations.sh SOURCE-ROOT}"
status=0

languages=$(grep -vE '^[[:space:]]*(#|$)' po/LINGUAS || true)
if [ -z "$languages" ]; then
  echo "po/LINGUAS names no language"
  exit 1
fi

for lang in $languages; do
  if [ ! -f "po/$lang.po" ]; then
    echo "po/LINGUAS names $lang, but po/$lang.po does not exist"
    status=1
    continue
  fi
  if ! msgfmt --check --check-accelerators=_ --statistics -o /dev/null "po/$lang.po"; then
    echo "po/$lang.po does not pass msgfmt --check"
    status=1
  fi
done

exit "$status"
