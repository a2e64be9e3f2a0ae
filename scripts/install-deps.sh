#!/usr/bin/env bash
# Installs the Debian packages aquac needs to build and test. Idempotent and quiet when all is there.
set -euo pipefail
packages=(build-essential g++-12 cmake ninja-build ccache antlr4 libantlr4-runtime-dev libfmt-dev
          libcli11-dev catch2 llvm-14-dev libmimalloc-dev python3)
# Optional, for tests only: without them those tests report SKIP. A failure to install them is a warning.
optional=(neovim)  # neovim: editor.neovim drives aqua-lsp with Neovim's own LSP client
missing_in() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_in "${packages[@]}")
mapfile -t missing_optional < <(missing_in "${optional[@]}")
[ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "install-deps: installing (optional, for tests) ${missing_optional[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" >/dev/null ||
    echo "install-deps: warning: could not install ${missing_optional[*]}; the tests that need them will be skipped" >&2
fi
