#!/usr/bin/env bash
# check-metainfo.sh METAINFO: appstreamcli's strictest validation, offline,
# must report nothing at all — except that the application id, fixed since
# the first release and used by D-Bus, GSettings and the keyring, has
# capital letters (pedantic: cid-contains-uppercase-letter).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

metainfo=${1:?usage: check-metainfo.sh METAINFO}
report=$(appstreamcli validate --no-net --pedantic --format yaml "$metainfo" || true)

issues=$(grep -E '^- tag: ' <<< "$report" | sed 's/^- tag: //' \
           | grep -vx 'cid-contains-uppercase-letter' || true)

if [ -n "$issues" ] || ! grep -q '^Passed: yes' <<< "$report"; then
  echo "$report"
  echo "appstreamcli reports: ${issues:-a failed validation}"
  exit 1
fi
echo "$metainfo validates (pedantic, offline) with nothing to report"
