#!/usr/bin/env python3
"""Runs the reference compiler's AIR and aquac's AIR of one function through our interpreter in
the same scenario and checks that they behave the same (tests/conformance/differences/).

The scenario (oracle format, shared/oracle/README.md) names the program with "aqua" and the
function with "func"; it has no "air". "aqua" is a path relative to the scenario's folder if that
file exists there, else relative to the compile corpus (shared/conformance/compile). The reference
AIR is `functions[func].air` of <case>.expected.json next to the .aqua file (the output of
shared/oracle/compile.mjs, as in the corpus); ours
is what `aquac compile --target air` writes for the same file. Each AIR is put into a copy of the
scenario and run with `aquac run --scenario X --scenario-air`; `result`, `calls` (canonically
sorted) and `final_ret_code` must be equal. `invocations` is printed for information only: the
AIR differences this suite covers may legitimately change the number of hops.

--oracle DIR (shared/oracle, needs node and its node_modules): also runs both scenarios on the
real AquaVM (`node run.mjs`) and checks that each AIR behaves there as on our interpreter (same
compared fields and the same number of invocations).

Usage: air_differences.py --aquac BIN --corpus DIR SCENARIO.json [--keep DIR] [--oracle DIR]
Exit 0 same behaviour, 1 different, 2 setup error (bad scenario, aquac or node failed).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

COMPARED = ["result", "calls", "final_ret_code"]
INFO = ["invocations", "responses", "errors", "quiescent"]


def canonical(value):
    return json.dumps(value, sort_keys=True)


def run_scenario(aquac, scenario, path):
    with open(path, "w") as f:
        json.dump(scenario, f, indent=2)
    proc = subprocess.run([aquac, "run", "--scenario", path, "--scenario-air"],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError("aquac run %s exited %d\n%s" % (path, proc.returncode, proc.stderr))
    return json.loads(proc.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("--aquac", required=True)
    parser.add_argument("--corpus", required=True, help="shared/conformance/compile")
    parser.add_argument("--keep", help="write the two scenarios and reports here")
    parser.add_argument("--oracle", help="shared/oracle: cross-check both runs on the real AquaVM")
    args = parser.parse_args()

    with open(args.scenario) as f:
        scenario = json.load(f)
    if "air" in scenario or "aqua" not in scenario or "func" not in scenario:
        print("bad scenario: needs \"aqua\" and \"func\" and no \"air\"")
        return 2
    source = os.path.join(os.path.dirname(os.path.abspath(args.scenario)), scenario["aqua"])
    if not os.path.exists(source):
        source = os.path.join(args.corpus, scenario["aqua"])
    func = scenario["func"]
    stem = os.path.basename(source)[:-len(".aqua")]
    with open(source[:-len(".aqua")] + ".expected.json") as f:
        reference_air = json.load(f)["functions"][func]["air"]

    work = args.keep or tempfile.mkdtemp(prefix="air_differences_")
    os.makedirs(work, exist_ok=True)
    proc = subprocess.run([args.aquac, "compile", source, "-o", work, "--target", "air",
                           "-I", args.corpus], capture_output=True, text=True)
    if proc.returncode != 0:
        print("aquac compile failed (%d):\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
        return 2
    with open(os.path.join(work, "%s.%s.air" % (stem, func))) as f:
        our_air = f.read()

    base = {k: v for k, v in scenario.items() if k not in ("aqua", "func", "description")}
    reports = {}
    try:
        for side, air in (("reference", reference_air), ("aquac", our_air)):
            s = dict(base, air=air, description="%s AIR of %s.%s" % (side, stem, func))
            reports[side] = run_scenario(args.aquac, s, os.path.join(work, side + ".scenario.json"))
            if args.keep:
                with open(os.path.join(work, side + ".report.json"), "w") as f:
                    json.dump(reports[side], f, indent=2, sort_keys=True)
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        print("FAIL: %s" % e)
        return 2

    for r in reports.values():
        r["calls"] = sorted(r.get("calls") or [], key=canonical)
    ref, ours = reports["reference"], reports["aquac"]
    failed = False
    if args.oracle:
        for side, report in reports.items():
            proc = subprocess.run(["node", "--stack-size=65500", "run.mjs",
                                   os.path.join(os.path.abspath(work), side + ".scenario.json")],
                                  cwd=args.oracle, capture_output=True, text=True, timeout=300)
            if proc.returncode != 0:
                print("FAIL: node run.mjs exited %d\n%s" % (proc.returncode, proc.stderr))
                return 2
            avm = json.loads(proc.stdout)
            avm["calls"] = sorted(avm.get("calls") or [], key=canonical)
            for key in COMPARED + ["invocations"]:
                if canonical(avm.get(key)) != canonical(report.get(key)):
                    failed = True
                    print("DIFF %s AIR, AquaVM vs our interpreter, in %s:\n  AquaVM: %s\n  ours:   %s" % (
                        side, key, canonical(avm.get(key))[:3000], canonical(report.get(key))[:3000]))
        print("AquaVM cross-check done (%s)" % ("differences above" if failed else
                                                  "AquaVM = our interpreter for both AIRs"))
    for key in COMPARED:
        if canonical(ref.get(key)) != canonical(ours.get(key)):
            failed = True
            print("DIFF in %s:" % key)
            print("  reference AIR:", canonical(ref.get(key))[:3000])
            print("  aquac AIR:    ", canonical(ours.get(key))[:3000])
    for key in INFO:
        if canonical(ref.get(key)) != canonical(ours.get(key)):
            print("note (not compared): %s reference %s, aquac %s" % (
                key, canonical(ref.get(key))[:300], canonical(ours.get(key))[:300]))
    print("%s.%s: %s (%d calls, result %s, final_ret_code %s)" % (
        stem, func, "DIFFERENT" if failed else "same behaviour", len(ref["calls"]),
        canonical(ref.get("result"))[:200], ref.get("final_ret_code")))
    if not args.keep:
        for name in os.listdir(work):
            os.remove(os.path.join(work, name))
        os.rmdir(work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
