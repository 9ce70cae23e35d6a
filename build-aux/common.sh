# common.sh: helpers shared by run-tests.sh and run-demo.sh. Source it; it
# sets top_srcdir and changes into it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

aux_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(dirname "$aux_dir")
cd "$top_srcdir"

# Pinned: Prism 5.15 and later need Node 24; our machines and CI have Node 20.
PRISM_VERSION=5.14.2
prism_prefix=$aux_dir/node

say ()
{
  printf '==> %s\n' "$*" >&2
}

# Run a command as root: directly when we are root (CI), through sudo
# otherwise. Never asks anything when there is no terminal.
as_root ()
{
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo > /dev/null; then
    if [ -t 0 ]; then
      sudo "$@"
    else
      sudo -n "$@"
    fi
  else
    say "need root to run '$*', and sudo is not installed"
    return 1
  fi
}

# ensure_packages [LIST]: install every package of LIST (by default
# build-aux/debian-packages.txt) that is missing, with one apt-get update
# and one apt-get install, and nothing if all are there.
ensure_packages ()
{
  local list=${1:-$aux_dir/debian-packages.txt}
  local pkg missing=()

  while read -r pkg; do
    pkg=${pkg%%#*}
    pkg=${pkg//[[:space:]]/}
    [ -n "$pkg" ] || continue
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2> /dev/null)" != installed ]; then
      missing+=("$pkg")
    fi
  done < "$list"

  # npm comes with NodeSource's nodejs; Debian packages it separately.
  if [ $# -eq 0 ] && ! command -v npm > /dev/null; then
    missing+=(npm)
  fi

  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" < /dev/null
}

# Install Prism (the OpenAPI validating proxy) into the git-ignored
# build-aux/node/ unless the pinned version is there, and export its path
# as CALBOOK_PRISM for the conformance tests. A failure only warns: the
# tests that need Prism then say they were skipped. A CALBOOK_PRISM set
# beforehand is kept.
ensure_prism ()
{
  local prism=$prism_prefix/node_modules/.bin/prism
  local version=""

  if [ -n "${CALBOOK_PRISM:-}" ] && [ -x "$CALBOOK_PRISM" ]; then
    export CALBOOK_PRISM
    return 0
  fi

  if [ -x "$prism" ]; then
    version=$(node -p "require('$prism_prefix/node_modules/@stoplight/prism-cli/package.json').version" 2> /dev/null || true)
  fi

  if [ "$version" != "$PRISM_VERSION" ]; then
    say "installing @stoplight/prism-cli@$PRISM_VERSION into build-aux/node"
    mkdir -p "$prism_prefix"
    if ! npm install --prefix "$prism_prefix" --no-save --no-package-lock \
         --no-audit --no-fund --loglevel=error \
         "@stoplight/prism-cli@$PRISM_VERSION" < /dev/null >&2; then
      say "could not install Prism; the conformance tests will be skipped"
      return 0
    fi
  fi

  export CALBOOK_PRISM=$prism
}

# meson_build DIR [MESON-OPTION...]: configure DIR once (again only when an
# earlier setup failed half-way), then compile it.
meson_build ()
{
  local dir=$1
  shift

  if [ ! -f "$dir/build.ninja" ]; then
    if [ -d "$dir" ]; then
      meson setup --wipe "$dir" "$@" >&2
    else
      meson setup "$dir" "$@" >&2
    fi
  fi
  meson compile -C "$dir" >&2
}
