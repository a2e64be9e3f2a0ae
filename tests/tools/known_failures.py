#!/usr/bin/env python3
"""Maintains tests/known_failures.txt from a ctest run.

  known_failures.py --build BUILD            list tests that fail and are not listed, and listed
                                             tests that pass (exit 1 if either exists)
  known_failures.py --build BUILD --update   rewrite the list: keep reasons of tests still failing,
                                             add new failures with the reason given by --reason

Reads BUILD/Testing/Temporary/LastTest.log results via `ctest --test-dir BUILD -N`/--rerun is not
needed: it runs ctest itself with -j2 (optionally restricted by -R).
"""
import argparse
import pathlib
import re
import subprocess
import sys

LIST = pathlib.Path(__file__).resolve().parent.parent / "known_failures.txt"


def read_list():
    entries = {}
    if LIST.exists():
        for line in LIST.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, _, reason = line.partition(" ")
            entries[name] = reason.strip().lstrip("-").strip()
    return entries


def run_ctest(build, regex):
    cmd = ["ctest", "--test-dir", build, "-j2", "--timeout", "300"]
    if regex:
        cmd += ["-R", regex]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    results = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"\s*\d+/\d+ Test\s+#\d+: (\S+) \.+\**\s*(Passed|Failed|\*\*\*Failed|Not Run|Exception|\*\*\*Exception|Timeout|\*\*\*Timeout)", line)
        if m:
            results[m.group(1)] = "Passed" in m.group(2)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("-R", dest="regex")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--reason", default="not implemented yet")
    args = parser.parse_args()
    listed = read_list()
    results = run_ctest(args.build, args.regex)
    # A listed test runs with WILL_FAIL, so "Passed" means it still fails.
    still_failing = {n for n, ok in results.items() if (n in listed) == ok}
    if not args.update:
        new = sorted(n for n, ok in results.items() if not ok and n not in listed)
        fixed = sorted(n for n, ok in results.items() if not ok and n in listed)
        for n in new:
            print("new failure:", n)
        for n in fixed:
            print("now passes (remove from the list):", n)
        return 1 if new or fixed else 0
    entries = {n: r for n, r in listed.items() if n not in results}  # not run now: keep
    for n in sorted(still_failing):
        entries[n] = listed.get(n, args.reason)
    header = ("# Tests known to fail, with why. They run with WILL_FAIL (a listed test that starts\n"
              "# passing fails). Maintained by tests/tools/known_failures.py.\n")
    LIST.write_text(header + "".join(f"{n}  -- {entries[n]}\n" for n in sorted(entries)))
    print(f"{len(entries)} known failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
