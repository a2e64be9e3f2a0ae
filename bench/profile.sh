#!/usr/bin/env bash
# Profiles one benchmark input when a target is missed (issue 8): the 7,000-line compile or one
# interpreter scenario, with perf (sampling, whole process) or callgrind (exact, ~50x slower).
#
#   bench/profile.sh [-t perf|callgrind] [-a AQUAC] compile [LINES]      (default 7000)
#   bench/profile.sh [-t perf|callgrind] [-a AQUAC] run SCENARIO_STEM    (e.g. bench_c_fold_local_calls)
#
# Writes <aquac build dir>/profile-<what>.{perf.data,callgrind,txt} (build dirs are not
# committed) and prints the top functions. Build aquac with -DCMAKE_BUILD_TYPE=RelWithDebInfo so symbols and inlining match
# the benchmarked binary.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=perf
aquac=""
while getopts "t:a:h" opt; do
  case $opt in
    t) tool=$OPTARG ;;
    a) aquac=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
what=${1:-compile}
shared=${AQUA_SHARED:-/work/shared}
for d in build-h8 build build-release; do
  [ -z "$aquac" ] && [ -x "$d/bin/aquac" ] && aquac="$d/bin/aquac"
done
[ -x "$aquac" ] || { echo "profile: no aquac; pass -a" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $what in
  compile)
    lines=${2:-7000}
    node "$shared/bench/gen-large.mjs" "$lines" > "$tmp/big.aqua"
    cmd=("$aquac" compile "$tmp/big.aqua" -o "$tmp/out"); name="compile-$lines" ;;
  run)
    stem=${2:?scenario stem, e.g. bench_c_fold_local_calls}
    cmd=("$aquac" run --scenario "$shared/bench/$stem.scenario.json" --scenario-air); name="run-$stem" ;;
  *) echo "profile: compile or run" >&2; exit 2 ;;
esac
out="$(dirname "$aquac")/../profile-$name"
case $tool in
  perf)
    perf record -g -o "$out.perf.data" -- "${cmd[@]}" >/dev/null || echo "profile: aquac exited $?"
    perf report -i "$out.perf.data" --no-children --stdio --percent-limit 1 2>/dev/null > "$out.txt"
    grep -E '^ +[0-9]' "$out.txt" | head -25 ;;
  callgrind)
    valgrind --tool=callgrind --callgrind-out-file="$out.callgrind" "${cmd[@]}" >/dev/null || echo "profile: aquac exited $?"
    callgrind_annotate "$out.callgrind" 2>/dev/null | head -40 | tee "$out.txt" ;;
  *) echo "profile: -t perf or callgrind" >&2; exit 2 ;;
esac
echo "profile: full report in $out.txt"
