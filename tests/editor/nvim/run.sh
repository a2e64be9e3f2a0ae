#!/usr/bin/env bash
# editor.neovim: headless Neovim drives aqua-lsp through its own LSP client (tests/editor/nvim/lsp_session.lua).
# Usage: run.sh AQUA_LSP   (exit 77 = skipped: no nvim)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null; then
  echo "skipped: nvim is not installed (scripts/install-deps.sh installs Debian's neovim)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../lsp/workspace" "$work/ws"
export AQUA_LSP=$1 AQUA_WORKSPACE=$work/ws HOME=$work XDG_CONFIG_HOME=$work XDG_DATA_HOME=$work XDG_STATE_HOME=$work
timeout 120 nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/lsp_session.lua" 2>&1
