#!/usr/bin/env python3
"""Runs one example the way its README line does (`aquac run FILE -f FUNC --arg ... --services
...`) and checks the printed result against examples/<name>/run.json "expected".

Usage: example_check.py --aquac BIN examples/<name>/run.json
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run_json")
    parser.add_argument("--aquac", required=True)
    args = parser.parse_args()
    folder = os.path.dirname(os.path.abspath(args.run_json))
    with open(args.run_json) as f:
        spec = json.load(f)
    command = [args.aquac, "run", spec["file"], "-f", spec["func"], "--peers", str(spec.get("peers", 3))]
    for name, value in spec.get("args", {}).items():
        command += ["--arg", f"{name}={json.dumps(value)}"]
    if "services" in spec:
        command += ["--services", spec["services"]]
    for name, cmd in spec.get("service_commands", {}).items():
        command += ["--service", f"{name}={cmd}"]
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        print(f"FAIL: exit {proc.returncode}\n{' '.join(command)}\n{proc.stderr}")
        return 1
    try:
        actual = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(f"FAIL: output is not JSON:\n{proc.stdout}")
        return 1
    if actual != spec["expected"]:
        print(f"FAIL: expected {json.dumps(spec['expected'])}\n      got      {json.dumps(actual)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
