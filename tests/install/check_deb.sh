#!/usr/bin/env bash
# `cpack -G DEB` builds the Debian package; its contents are the installed tools, stdlib,
# runtime-air headers, libraries and CMake package.
# Usage: check_deb.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >/dev/null
deb=$(ls "$work"/*.deb)
info=$(dpkg-deb --info "$deb")
grep -q "Package: aquac" <<<"$info" || { echo "FAIL: not an aquac package:"; echo "$info"; exit 1; }
contents=$(dpkg-deb -c "$deb")
for f in bin/aquac bin/aqua-lsp include/air/air.h lib/libair_capi.a lib/cmake/AquaRuntimeAir/AquaRuntimeAirConfig.cmake \
         share/aquac/stdlib/@fluencelabs/aqua-lib/builtin.aqua; do
  grep -q "$f\$" <<<"$contents" || { echo "FAIL: $f is not in $(basename "$deb")"; exit 1; }
done
echo "ok: $(basename "$deb") holds the tools, stdlib, headers, libraries and CMake package"
