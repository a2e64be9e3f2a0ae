#!/usr/bin/env python3
"""Runs one oracle scenario with `aquac run --scenario` and compares its report with the real
AquaVM's (X.expected.json): result, responses, calls, errors, final ret code and message,
quiescence, console, dropped peers and (for AIR runs) the number of invocations. data_sizes is
our own format's and is not compared.

--compiled: the scenario's Aqua is compiled by aquac instead of running the reference's AIR, so
invocation counts and the `instruction` text inside error objects (which quotes our AIR) may
differ; everything else must match.

--deviation FILE: a deliberate difference from the reference (JSON: "reason" and "calls", a list of
[reference_call, aquac_call] pairs). Each reference call must be in the expected report and is
replaced by the aquac call before comparing, so the test still checks everything else and that
the difference is exactly the documented one.

Usage: scenario_check.py --aquac BIN SCENARIO.json [--compiled] [--deviation FILE]
"""
import argparse
import json
import subprocess
import sys

COMPARED = ["result", "responses", "calls", "errors", "final_ret_code", "final_error_message",
            "quiescent", "console", "dropped_next_peers", "invocations"]


def strip_instructions(value):
    """Drops `instruction` fields of error objects (they quote the AIR, which differs)."""
    if isinstance(value, dict):
        return {k: strip_instructions(v) for k, v in value.items() if k != "instruction"}
    if isinstance(value, list):
        return [strip_instructions(v) for v in value]
    return value


def canonical(value):
    return json.dumps(value, sort_keys=True)


def normalise(report, compiled):
    out = {k: report.get(k) for k in COMPARED if k in report}
    if compiled:
        out.pop("invocations", None)
        out = strip_instructions(out)
        # Interpreter error texts quote AIR positions: compare their codes only.
        for e in out.get("errors") or []:
            if isinstance(e, dict) and e.get("kind") == "interpreter":
                e.pop("error_message", None)
                e.pop("invocation", None)
        if out.get("final_ret_code", 0) != 0:
            out.pop("final_error_message", None)
        out["calls"] = sorted(out.get("calls") or [], key=canonical)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("--aquac", required=True)
    parser.add_argument("--compiled", action="store_true")
    parser.add_argument("--deviation")
    args = parser.parse_args()
    expected_path = args.scenario.replace(".scenario.json", ".expected.json")
    with open(expected_path) as f:
        expected = json.load(f)
    if args.deviation:
        with open(args.deviation) as f:
            deviation = json.load(f)
        calls = expected.get("calls") or []
        for reference_call, aquac_call in deviation["calls"]:
            if reference_call not in calls:
                print(f"FAIL: the deviation's reference call is not in {expected_path}: {json.dumps(reference_call)}")
                return 1
            calls[calls.index(reference_call)] = aquac_call
    command = [args.aquac, "run", "--scenario", args.scenario]
    if not args.compiled:
        command.append("--scenario-air")
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        print("FAIL: aquac run did not finish in 120 s")
        return 1
    if proc.returncode != 0:
        print(f"FAIL: aquac run exited {proc.returncode}\n{proc.stderr}")
        return 1
    try:
        actual = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        print(f"FAIL: output is not JSON ({e})\n{proc.stdout[:2000]}")
        return 1
    want = normalise(expected, args.compiled)
    got = normalise(actual, args.compiled)
    if want == got:
        return 0
    for key in sorted(set(want) | set(got)):
        if want.get(key) != got.get(key):
            print(f"DIFF in {key}:")
            print("  expected:", json.dumps(want.get(key), sort_keys=True)[:3000])
            print("  actual:  ", json.dumps(got.get(key), sort_keys=True)[:3000])
    return 1


if __name__ == "__main__":
    sys.exit(main())
