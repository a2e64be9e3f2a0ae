#!/usr/bin/env bash
# editor.neovim: headless Neovim drives aqua-lsp through its own LSP client (tests/editor/nvim/lsp_session.lua)
# in a scratch copy of tests/lsp/workspace, with no user configuration.
# Usage: run.sh AQUA_LSP   (exit 77 = skipped: no nvim)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 path/to/aqua-lsp" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null; then
  echo "SKIP editor.neovim: nvim is not installed (scripts/install-deps.sh installs Debian's neovim)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../lsp/workspace" "$work/ws"
export AQUA_LSP=$1 AQUA_WORKSPACE=$work/ws HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data \
       XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
# The Lua session has its own 100 s limit; this one is for Neovim itself getting stuck.
status=0
timeout -k 5 110 nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/lsp_session.lua" 2>&1 || status=$?
if [ $status -ne 0 ] && [ -s "$work/cache/nvim/lsp.log" ]; then
  echo
  echo "--- Neovim's lsp.log (the server's stderr among it):"
  tail -n 40 "$work/cache/nvim/lsp.log"
fi
exit $status
