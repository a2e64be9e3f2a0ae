#!/usr/bin/env bash
# Installs the Debian packages aquac needs to build and test. Idempotent and quiet when all is there.
set -euo pipefail
packages=(build-essential g++-12 cmake ninja-build ccache antlr4 libantlr4-runtime-dev libfmt-dev
          libcli11-dev catch2 llvm-14-dev python3
          neovim)  # neovim: the editor.neovim test drives aqua-lsp with a real LSP client
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
