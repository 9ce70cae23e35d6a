#!/usr/bin/env bash
# check-translations-complete.sh SOURCE-ROOT: every catalogue in po/LINGUAS
# translates every message the sources have now — the template is made
# afresh from po/POTFILES.in (as `meson compile calbook-pot` does) and merged
# without fuzzy matching, so a new or changed string fails here until it is
# translated.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "${1:?usage: check-translations-complete.sh SOURCE-ROOT}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# The keywords and flags of meson's "glib" gettext preset
xgettext --package-name=calbook --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  --directory=. --files-from=po/POTFILES.in --output="$work/calbook.pot" 2> /dev/null

for lang in $(grep -vE '^[[:space:]]*(#|$)' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "po/$lang.po" "$work/calbook.pot"
  missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "..*"$' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "..*"$' || true)
  if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "po/$lang.po lacks $missing translations and has $fuzzy fuzzy ones:"
    msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -E '^msgid ' | sed 1d
    status=1
  else
    echo "po/$lang.po translates every message"
  fi
done

exit "$status"
