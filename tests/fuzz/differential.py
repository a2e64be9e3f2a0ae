#!/usr/bin/env python3
"""Differential fuzzer: random valid Aqua programs, compiled by aquac and run on our interpreter.

    differential.py --aquac BIN [--count N] [--seed S] [--reference] [--out DIR]
    differential.py --validate-generator [--count N]    (reference only: checks the generator)

Each program is a scenario in the oracle's format (`aqua`, `func`, `args`, `services`);
`aquac run --scenario S` compiles it with our compiler and runs it on our interpreter. A valid
program must never fail inside the toolchain: exit 0 and a result. With --reference the same
scenario also runs on the reference (compile.mjs + AquaVM through run.mjs) and the results must
be equal. Failing programs are kept in --out (default: a temporary folder) with the outputs.
"""
import argparse
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile

SHARED = pathlib.Path(os.environ.get("AQUA_SHARED", "/work/shared"))


class Gen:
    """Generates one program. Only constructs whose result is deterministic on both sides:
    no overflow (small literals), no division, stream results read after sequential loops or
    after a join on the known length."""

    def __init__(self, rng):
        self.rng = rng
        self.n = 0
        self.helpers = []
        self.lines = []

    def fresh(self, prefix):
        self.n += 1
        return f"{prefix}{self.n}"

    def u32(self, scope, depth=0):
        r = self.rng.random()
        names = scope["u32"]
        if depth > 2 or r < 0.3 or not names:
            return str(self.rng.randrange(0, 50)) if r < 0.15 or not names else self.rng.choice(names)
        a, b = self.u32(scope, depth + 1), self.u32(scope, depth + 1)
        return f"{a} {self.rng.choice(['+', '*', '+'])} {b}" if depth == 0 else f"({a} + {b})"

    def cond(self, scope):
        a, b = self.rng.choice(scope["u32"]), self.u32(scope, 2)
        op = self.rng.choice([">", ">=", "<", "<=", "==", "!="])
        return f"{a} {op} {b}"

    def block(self, scope, indent, out_stream, budget):
        pad = "  " * indent
        start = len(self.lines)
        for _ in range(budget):
            k = self.rng.randrange(7)
            if k == 0:
                v = self.fresh("v")
                self.lines.append(f"{pad}{v} = {self.u32(scope)}")
                scope["u32"].append(v)
            elif k == 1:
                v = self.fresh("e")
                self.lines.append(f"{pad}{v} <- Echo.num({self.u32(scope, 1)})")
                scope["u32"].append(v)
            elif k == 2:
                self.lines.append(f"{pad}{out_stream} <<- {self.u32(scope, 1)}")
            elif k == 3 and indent < 4:
                self.lines.append(f"{pad}if {self.cond(scope)}:")
                self.block(dict(scope, u32=list(scope["u32"])), indent + 1, out_stream, 2)
                if self.rng.random() < 0.6:
                    self.lines.append(f"{pad}else:")
                    self.block(dict(scope, u32=list(scope["u32"])), indent + 1, out_stream, 2)
            elif k == 4 and indent < 3 and scope.get("xs"):
                x = self.fresh("x")
                self.lines.append(f"{pad}for {x} <- xs:")
                inner = dict(scope, u32=scope["u32"] + [x])
                self.block(inner, indent + 1, out_stream, 2)
            elif k == 5 and self.helpers:
                v = self.fresh("h")
                h = self.rng.choice(self.helpers)
                self.lines.append(f"{pad}{v} <- {h}({self.u32(scope, 1)}, {self.u32(scope, 1)})")
                scope["u32"].append(v)
            elif k == 6 and indent < 3 and scope.get("xs"):
                # Parallel calls over xs, joined on the known last index: deterministic count.
                st = self.fresh("p")
                x = self.fresh("x")
                self.lines.append(f"{pad}{st}: *u32")
                self.lines.append(f"{pad}for {x} <- xs par:")
                self.lines.append(f"{pad}  {st} <- Echo.num({x})")
                self.lines.append(f"{pad}join {st}[LEN - 1]")
                self.lines.append(f"{pad}{out_stream} <<- {st}.length")
        if len(self.lines) == start:  # a block is never empty
            self.lines.append(f"{pad}{out_stream} <<- {self.u32(scope, 1)}")

    def program(self, name, xs_len):
        self.lines = [f"aqua {name}", "", "export main", "",
                      'import "@fluencelabs/aqua-lib/builtin.aqua"', "",
                      'service Echo("echo"):', "  num(x: u32) -> u32", "",
                      f"const LEN = {xs_len}", ""]
        for _ in range(self.rng.randrange(0, 3)):
            h = self.fresh("helper")
            self.lines.append(f"func {h}(a: u32, b: u32) -> u32:")
            self.lines.append("  r: *u32")
            self.block({"u32": ["a", "b"]}, 1, "r", self.rng.randrange(1, 4))
            self.lines.append("  r <<- a")
            self.lines.append("  <- r!")
            self.lines.append("")
            self.helpers.append(h)
        self.lines.append("func main(xs: []u32, n: u32) -> []u32, u32:")
        self.lines.append("  out: *u32")
        self.block({"u32": ["n"], "xs": True}, 1, "out", self.rng.randrange(2, 7))
        self.lines.append("  out <<- n")
        self.lines.append("  <- out, n")
        return "\n".join(self.lines) + "\n"


def make_case(seed, work):
    rng = random.Random(seed)
    xs_len = rng.randrange(1, 5)
    src = Gen(rng).program(f"Diff{seed}", xs_len)
    aqua = work / f"diff_{seed}.aqua"
    aqua.write_text(src)
    scn = {"description": f"differential seed {seed}", "aqua": aqua.name, "func": "main",
           "args": {"xs": [rng.randrange(0, 20) for _ in range(xs_len)], "n": rng.randrange(0, 20)},
           "peers": ["p0", "p1"], "init_peer": "p0", "relay": "p1",
           "services": {"echo.num": {"echo": True}}}
    path = work / f"diff_{seed}.scenario.json"
    path.write_text(json.dumps(scn, indent=1) + "\n")
    return path


def run(cmd, timeout=300):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


def reference(path):
    code, out, err = run(["node", "--stack-size=65500", str(SHARED / "oracle" / "run.mjs"), str(path)])
    if code != 0:
        return None, f"reference harness exit {code}: {err[-500:]}"
    return json.loads(out), None


def ours(aquac, path):
    code, out, err = run([aquac, "run", "--scenario", str(path)])
    if code is None or code < 0 or code >= 128:
        return None, f"aquac: {'hang' if code is None else f'signal/abort ({code})'}: {err[-500:]}"
    if code != 0:
        return None, f"aquac exit {code} on a valid program: {err[-500:]}"
    try:
        return json.loads(out), None
    except ValueError:
        return None, f"aquac printed no JSON: {out[:300]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aquac")
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reference", action="store_true", help="also run the reference and compare")
    ap.add_argument("--validate-generator", action="store_true",
                    help="reference only: every generated program must compile and run without errors")
    ap.add_argument("--out", type=pathlib.Path)
    args = ap.parse_args()
    if not args.validate_generator and not args.aquac:
        ap.error("--aquac is required (or --validate-generator)")
    work = args.out or pathlib.Path(tempfile.mkdtemp(prefix="aqua-diff-"))
    work.mkdir(parents=True, exist_ok=True)
    bad = 0
    for seed in range(args.seed, args.seed + args.count):
        path = make_case(seed, work)
        problem = None
        ref = mine = None
        if args.validate_generator or args.reference:
            ref, problem = reference(path)
            if ref and (ref.get("errors") or ref.get("result") is None):
                problem = f"reference rejects the generated program: {json.dumps(ref.get('errors'))[:600]}"
        if not problem and not args.validate_generator:
            mine, problem = ours(args.aquac, path)
            if not problem and mine.get("errors"):
                problem = f"errors on a valid program: {json.dumps(mine['errors'])[:600]}"
            if not problem and ref is not None and mine.get("result") != ref.get("result"):
                problem = f"result differs: aquac {mine.get('result')} vs reference {ref.get('result')}"
        if problem:
            bad += 1
            print(f"FAIL seed {seed}: {problem}\n  {path}", flush=True)
        else:
            for p in (path, path.with_name(f"diff_{seed}.aqua")):
                p.unlink(missing_ok=True)
    print(f"differential: {args.count - bad}/{args.count} programs passed (seeds {args.seed}.."
          f"{args.seed + args.count - 1}){'; failing cases in ' + str(work) if bad else ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
