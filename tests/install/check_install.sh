#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then use what it installed the way users do:
#   - the installed aquac checks and compiles a program importing aqua-lib (stdlib from the prefix);
#   - a separate CMake project finds runtime-air with find_package(AquaRuntimeAir) and builds and
#     runs the C embedding example against it.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/aquac bin/aqua-lsp include/air/air.h include/air/interpreter.h lib/libair_capi.a \
         lib/cmake/AquaRuntimeAir/AquaRuntimeAirConfig.cmake share/aquac/stdlib/@fluencelabs/aqua-lib/builtin.aqua; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f is not installed"; exit 1; }
done
"$prefix/bin/aquac" --version
"$prefix/bin/aquac" check "$src/examples/hello/hello.aqua"
"$prefix/bin/aquac" compile "$src/examples/hello/hello.aqua" -o "$work/out"
ls "$work/out"/hello.*.air >/dev/null
cmake -S "$src/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DAIR_EXAMPLE_SOURCE="$src/runtime-air/examples/embed.c" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/embed" >/dev/null
echo "ok: installed tools work and find_package(AquaRuntimeAir) builds and runs the C example"
