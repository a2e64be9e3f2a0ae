#!/usr/bin/env bash
# Builds and runs the fuzz targets. Run on demand (not by CI): it is CPU-heavy.
#
#   tests/fuzz/run-fuzz.sh [-e ENGINE] [-t SECONDS] [-b BUILD_PREFIX] [TARGET...]
#
# ENGINE: libfuzzer  clang-14 + libFuzzer + ASan/UBSan, AIR targets (air_parse air_script air_data air_interp)
#         afl        AFL++ with afl-g++-fast (GCC plugin, coverage-guided), Aqua targets
#                    (aqua_pipeline aqua_fmt lsp aqua_parse); the Debian package afl++ is installed if missing
#         standalone GCC + ASan/UBSan, the built-in mutation loop (no coverage feedback), any target
# SECONDS per target (default 600). BUILD_PREFIX default build-fuzz (dirs BUILD_PREFIX-ENGINE).
# Findings (crashing/hanging inputs) land in BUILD_PREFIX-ENGINE/findings/TARGET/; once fixed,
# copy each into tests/fuzz/regressions/TARGET/ (ctest replays them: fuzz.replay.TARGET).
# One line per target run is appended to BUILD_PREFIX-ENGINE/fuzz-stats.tsv.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
engine=libfuzzer
seconds=600
prefix=build-fuzz
while getopts "e:t:b:h" opt; do
  case $opt in
    e) engine=$OPTARG ;;
    t) seconds=$OPTARG ;;
    b) prefix=$OPTARG ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
build="$prefix-$engine"
seeds="$root/tests/fuzz/seeds"
dict="$root/tests/fuzz/tokens.dict"
stats="$build/fuzz-stats.tsv"
san_flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seed_dir() { case $1 in aqua_fmt|aqua_parse) echo "$seeds/aqua_pipeline" ;; air_parse) echo "$seeds/air_script" ;; *) echo "$seeds/$1" ;; esac; }
# Assertions stay on (no -DNDEBUG): a failed assert is a finding.
opt_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g")
record() { # target execs coverage findings
  [ -f "$stats" ] || printf 'date\tengine\ttarget\tseconds\texecutions\tcoverage\tfindings\n' > "$stats"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$engine" "$1" "$seconds" "$2" "$3" "$4" >> "$stats"
  echo "run-fuzz: $engine $1: ${seconds}s, $2 executions, coverage $3, findings $4"
}

configure() { # extra cmake args...
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAQUA_BUILD_TESTS=ON "${opt_flags[@]}" "$@" >/dev/null
}

case $engine in
libfuzzer)
  [ ${#targets[@]} -eq 0 ] && targets=(air_parse air_script air_data air_interp)
  # C++17: clang 14 cannot compile LLVM 14's JSON.h in C++20 with libstdc++ 12 (CMakeLists.txt).
  CC=clang-14 CXX=clang++-14 configure -DAQUA_FUZZ=ON -DCMAKE_CXX_STANDARD=17 \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $san_flags" -DCMAKE_C_FLAGS="$san_flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$san_flags"
  for t in "${targets[@]}"; do
    if ! cmake --build "$build" -j2 --target "fuzz_${t}_libfuzzer" >"$build/build-$t.log" 2>&1; then
      echo "run-fuzz: cannot build fuzz_${t}_libfuzzer (see $build/build-$t.log; the interpreter may not exist yet)"
      continue
    fi
    corpus="$build/corpus/$t"; findings="$build/findings/$t"
    mkdir -p "$corpus" "$findings"
    log="$build/libfuzzer-$t.log"
    # -fork keeps going after a finding; each crash is saved under $findings.
    "$build/bin/fuzz_${t}_libfuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
      -max_len=65536 -dict="$dict" -artifact_prefix="$findings/" -print_final_stats=1 \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      "$corpus" "$(seed_dir "$t")" >"$log" 2>&1 || true
    # (fork mode prints "#N: cov: C ..." progress lines instead of final stats)
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    [ -z "$execs" ] && execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
    record "$t" "${execs:-?}" "${cov:-?} edges" "$(find "$findings" -type f | wc -l)"
  done
  ;;
afl)
  [ ${#targets[@]} -eq 0 ] && targets=(aqua_pipeline aqua_fmt lsp aqua_parse)
  if ! command -v afl-g++-fast >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
  fi
  # AFL instruments through its GCC plugin when that loads (Debian bookworm's afl-gcc-pass.so
  # rejects gcc 12.2.0-14+deb12u1: "GCC and plugin have incompatible versions"); otherwise through
  # the classic afl-g++ assembler pass. ASan via AFL_USE_ASAN keeps the memory checks.
  probe=$(mktemp -d)
  echo 'int main() { return 0; }' > "$probe/p.cpp"
  if afl-g++-fast "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1; then afl_cc=afl-gcc-fast; afl_cxx=afl-g++-fast
  else afl_cc=afl-gcc; afl_cxx=afl-g++; fi
  rm -rf "$probe"
  echo "run-fuzz: instrumenting with $afl_cxx"
  AFL_USE_ASAN=1 AFL_USE_UBSAN=1 CC=$afl_cc CXX=$afl_cxx configure
  export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=0  # afl-fuzz insists on symbolize=0
  for t in "${targets[@]}"; do
    AFL_USE_ASAN=1 AFL_USE_UBSAN=1 cmake --build "$build" -j2 --target "fuzz_$t" >"$build/build-$t.log" 2>&1 \
      || { echo "run-fuzz: cannot build fuzz_$t (see $build/build-$t.log)"; continue; }
    out="$build/afl/$t"
    rm -rf "$out"; mkdir -p "$build/afl"
    # Seeds over 100 KB slow AFL down for nothing.
    AFL_NO_UI=1 afl-fuzz -i "$(seed_dir "$t")" -o "$out" -V "$seconds" -t 20000 -m none -x "$dict" \
      -- "$build/bin/fuzz_$t" @@ >"$build/afl-$t.log" 2>&1 || true
    st="$out/default/fuzzer_stats"
    execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
    cov=$(awk -F: '/^bitmap_cvg/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
    edges=$(awk -F: '/^edges_found/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
    mkdir -p "$build/findings/$t"
    for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
      [ -f "$f" ] && cp "$f" "$build/findings/$t/$(sha1sum "$f" | cut -c1-16)"
    done
    record "$t" "${execs:-?}" "${edges:-?} edges (${cov:-?} of the map)" "$(find "$build/findings/$t" -type f | wc -l)"
  done
  ;;
standalone)
  [ ${#targets[@]} -eq 0 ] && targets=(aqua_pipeline aqua_fmt lsp air_parse air_script air_data air_interp)
  configure -DAQUA_SANITIZE=ON
  for t in "${targets[@]}"; do
    cmake --build "$build" -j2 --target "fuzz_$t" >"$build/build-$t.log" 2>&1 \
      || { echo "run-fuzz: cannot build fuzz_$t (see $build/build-$t.log)"; continue; }
    findings="$build/findings/$t"; work="$build/work/$t"
    mkdir -p "$findings" "$work"
    end=$(( $(date +%s) + seconds )); total=0; runs=0
    # The driver dies on a finding; keep its input and restart with a new seed until time is up.
    while [ "$(date +%s)" -lt "$end" ]; do
      left=$(( end - $(date +%s) ))
      if out=$("$build/bin/fuzz_$t" -fuzz "$left" -seed $((RANDOM * 32768 + RANDOM)) -out "$work" \
               -dict "$dict" "$(seed_dir "$t")" "$root/tests/fuzz/regressions/$t" 2>"$work/stderr"); then
        n=$(grep -o 'fuzzed [0-9]*' <<<"$out" | grep -o '[0-9]*' || true); total=$((total + ${n:-0}))
      elif [ -f "$work/current" ]; then
        h=$(sha1sum "$work/current" | cut -c1-16)
        mv "$work/current" "$findings/$h"; cp "$work/stderr" "$findings/$h.log"
        echo "run-fuzz: finding in $t: $findings/$h"
      else
        echo "run-fuzz: fuzz_$t failed before fuzzing:"; cat "$work/stderr"; break
      fi
      runs=$((runs + 1))
    done
    record "$t" "$total" "n/a (no feedback)" "$(find "$findings" -type f ! -name '*.log' | wc -l)"
  done
  ;;
*) echo "run-fuzz: unknown engine $engine" >&2; exit 2 ;;
esac
