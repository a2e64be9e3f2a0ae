#!/usr/bin/env python3
"""One compile-corpus case through `aquac check --format json`: a program the reference compiles
must check clean (exit 0, no error); a program it rejects (err_*) must exit 1 with an error on a
line where the reference reports one.

Usage: check_case.py --aquac BIN CASE.aqua [-I DIR]...
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case")
    parser.add_argument("--aquac", required=True)
    parser.add_argument("-I", dest="imports", action="append", default=[])
    args = parser.parse_args()
    expected_path = args.case[:-len(".aqua")] + ".expected.json"
    expected = json.load(open(expected_path)) if os.path.exists(expected_path) else {"errors": []}
    command = [args.aquac, "check", "--format", "json", os.path.basename(args.case)]
    for d in args.imports:
        command += ["-I", d]
    proc = subprocess.run(command, cwd=os.path.dirname(os.path.abspath(args.case)), capture_output=True,
                          text=True, timeout=60)
    if proc.returncode not in (0, 1):
        print(f"FAIL: exit {proc.returncode}\n{proc.stderr}")
        return 1
    try:
        diagnostics = json.loads(proc.stdout) if proc.stdout.strip() else []
    except json.JSONDecodeError:
        print(f"FAIL: --format json printed invalid JSON:\n{proc.stdout[:2000]}")
        return 1
    errors = [d for d in diagnostics if d.get("severity") == "error"]
    want_errors = expected.get("errors", [])
    if not want_errors:
        if proc.returncode != 0 or errors:
            print("FAIL: the reference compiles this program, aquac reports:")
            print(json.dumps(errors, indent=1))
            return 1
        return 0
    if proc.returncode != 1 or not errors:
        print("FAIL: the reference rejects this program, aquac accepts it. Reference:")
        print(json.dumps(want_errors, indent=1))
        return 1
    want_lines = {e["line"] for e in want_errors}
    # The reference may report an error inside an imported file: compare lines in any file.
    got_lines = {e["line"] for e in errors}
    if not want_lines & got_lines:
        print(f"FAIL: errors on lines {sorted(got_lines)}, the reference reports lines {sorted(want_lines)}")
        print(json.dumps(errors, indent=1))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
