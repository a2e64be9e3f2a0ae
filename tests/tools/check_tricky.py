#!/usr/bin/env python3
"""Tricky-case suite for `aquac check` (tests/check/cases/NAME.aqua + NAME.expected.json).

  check_tricky.py --aquac BIN CASE.aqua [-I DIR]...   check one case against its expected verdict
  check_tricky.py --update [CASE.aqua...]             record the reference compiler's verdicts
                                                      (all cases when none given)

Expected file (written by --update from `node <shared>/oracle/compile.mjs NAME.aqua`, run in
the case's folder so paths are relative to it):
  {"verdict": "ok"|"error", "lines": [{"file", "line"}...], "kind", "message"}
`lines` are the reference's error lines, minus its cascade error "Return type is defined for the
arrow, but nothing returned" on the signature when there is another error (that one only repeats
that the body failed); `kind`/`message` are the first error's. Errors the reference prints
without a position (import cycles) add no line; with no line at all any error matches. A case whose reference verdict is
wrong says so in a comment and carries `-- tricky-expect: ok` or `-- tricky-expect: error L[,L]`:
that verdict is recorded instead, the reference's under "reference".

Check: verdict ok -> aquac exits 0 and reports no error; verdict error -> aquac exits 1 with at
least one error on one of `lines` (same file name and line number).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE.parent / "check" / "cases"
SHARED = (HERE.parent.parent.parent / "shared").resolve()
CASCADE = "Return type is defined for the arrow, but nothing returned"
DIRECTIVE = re.compile(r"^--\s*tricky-expect:\s*(ok|error(?:\s+([\d,\s]+))?)\s*$", re.M)


def expected_path(case):
    return pathlib.Path(str(case)[:-len(".aqua")] + ".expected.json")


def reference_verdict(case, oracle):
    case = pathlib.Path(case).resolve()
    proc = subprocess.run(["node", str(oracle), case.name], cwd=case.parent, capture_output=True,
                          text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"{case.name}: oracle failed: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout)
    errors = out.get("errors", [])
    if not errors:
        return {"verdict": "ok", "warnings": len(out.get("warnings", []))}
    primary = [e for e in errors if CASCADE not in e.get("message", "")] or errors
    lines = []
    for e in primary:
        if e.get("line") is None:  # e.g. an import cycle: the reference gives no position
            continue
        entry = {"file": os.path.basename(e.get("file") or case.name), "line": e.get("line")}
        if entry not in lines:
            lines.append(entry)
    return {"verdict": "error", "lines": lines, "kind": errors[0].get("kind"),
            "message": errors[0].get("message", "").split("\n")[0]}


def update(cases, oracle):
    for case in cases:
        case = pathlib.Path(case)
        ref = reference_verdict(case, oracle)
        m = DIRECTIVE.search(case.read_text(encoding="utf-8"))
        if m:
            if m.group(1) == "ok":
                want = {"verdict": "ok"}
            else:
                want = {"verdict": "error",
                        "lines": [{"file": case.name, "line": int(n)}
                                  for n in re.split(r"[,\s]+", (m.group(2) or "").strip()) if n]}
            want["reference"] = ref
        else:
            want = ref
        expected_path(case).write_text(json.dumps(want, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
        extra = " (overridden)" if m else ""
        print(f"{case.name}: {want['verdict']}{extra}")
    return 0


def check(case, aquac, imports):
    case = pathlib.Path(case).resolve()
    want = json.loads(expected_path(case).read_text(encoding="utf-8"))
    # aquac runs in the case's folder (relative imports, file names as the reference prints them)
    command = [os.path.abspath(aquac), "check", "--format", "json", case.name]
    for d in imports:
        command += ["-I", os.path.abspath(d)]
    try:
        proc = subprocess.run(command, cwd=case.parent, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        print("FAIL: aquac check timed out (60 s)")
        return 1
    if proc.returncode not in (0, 1):
        print(f"FAIL: aquac exited {proc.returncode} (crash?)\n{proc.stderr[-3000:]}")
        return 1
    try:
        diagnostics = json.loads(proc.stdout) if proc.stdout.strip() else []
    except json.JSONDecodeError:
        print(f"FAIL: --format json printed invalid JSON:\n{proc.stdout[:2000]}")
        return 1
    errors = [d for d in diagnostics if d.get("severity") == "error"]
    if want["verdict"] == "ok":
        if proc.returncode != 0 or errors:
            print(f"FAIL: expected OK, aquac exits {proc.returncode} with:")
            print(json.dumps(errors, indent=1, ensure_ascii=False))
            return 1
        return 0
    if proc.returncode != 1 or not errors:
        print(f"FAIL: expected an error, aquac exits {proc.returncode} without one. Expected:")
        print(json.dumps(want, indent=1, ensure_ascii=False))
        return 1
    wanted = {(w["file"], w["line"]) for w in want["lines"]}
    if not wanted:
        return 0
    got = {(os.path.basename(e.get("file", "")), e.get("line")) for e in errors}
    if not wanted & got:
        print(f"FAIL: aquac reports errors at {sorted(got)}, expected one of {sorted(wanted)}")
        if "message" in want:
            print(f"reference: {want.get('kind')}: {want['message']}")
        print(json.dumps(errors, indent=1, ensure_ascii=False))
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--aquac")
    parser.add_argument("-I", dest="imports", action="append", default=[])
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--oracle", default=str(SHARED / "oracle" / "compile.mjs"))
    args = parser.parse_args()
    if args.update:
        return update(args.cases or sorted(CASES.glob("*.aqua")), args.oracle)
    if not args.aquac or len(args.cases) != 1:
        parser.error("give --aquac BIN and one CASE.aqua (or --update)")
    return check(args.cases[0], args.aquac, args.imports)


if __name__ == "__main__":
    sys.exit(main())
