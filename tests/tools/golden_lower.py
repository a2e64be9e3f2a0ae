#!/usr/bin/env python3
"""Golden tests of the AIR aquac emits, one Aqua program per construct.

For tests/golden/lower/X.aqua the golden file X.air holds every exported function's AIR
(`;; function NAME` header, then the script), as `aquac compile --target air` writes it. Optional
first-line options: `-- aquac: --no-relay --no-xor`.

Usage: golden_lower.py --aquac BIN [--update] [CASE.aqua ...]   (default: every case)
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(HERE, "..", "golden", "lower")


def render(aquac, case):
    opts = []
    first = open(case).readline()
    if first.startswith("-- aquac:"):
        opts = first[len("-- aquac:"):].split()
    stem = os.path.basename(case)[:-len(".aqua")]
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([aquac, "compile", case, "-o", out, "--target", "air"] + opts,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return None, proc.stdout + proc.stderr
        parts = []
        for path in sorted(glob.glob(os.path.join(out, stem + ".*.air"))):
            name = os.path.basename(path)[len(stem) + 1:-len(".air")]
            parts.append(";; function %s\n%s" % (name, open(path).read().rstrip("\n") + "\n"))
        return "".join(parts), None


def main(argv):
    update = "--update" in argv
    argv = [a for a in argv if a != "--update"]
    if len(argv) < 2 or argv[0] != "--aquac":
        print(__doc__, file=sys.stderr)
        return 2
    aquac = argv[1]
    cases = argv[2:] or sorted(glob.glob(os.path.join(GOLDEN_DIR, "*.aqua")))
    failed = 0
    for case in cases:
        golden = case[:-len(".aqua")] + ".air"
        text, err = render(aquac, case)
        if text is None:
            print("FAIL %s: aquac failed\n%s" % (case, err))
            failed += 1
            continue
        if update:
            open(golden, "w").write(text)
            print("updated %s" % golden)
            continue
        if not os.path.exists(golden) or open(golden).read() != text:
            print("FAIL %s: output differs from %s (run with --update after review)" % (case, golden))
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
