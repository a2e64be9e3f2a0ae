#!/usr/bin/env python3
"""AIR alpha-equivalence, same rules as shared/oracle/air-equiv.mjs.

Two texts are equal iff their token sequences match after whitespace/`;` comments are dropped and
every variable name is replaced by <sigil>v<N>, N = order of first appearance (a bijection over the
whole text). Kept verbatim: instruction keywords, string literals, numbers, true/false/null,
special values (%init_peer_id%, :error:, ...) and lambda paths; variables used as indices inside
lambdas (x.$.[i]) are renamed like any variable.

Usage:
  air_equiv.py A.air B.air                      exit 0 equal, 1 different, 2 usage/parse error
  air_equiv.py --case X.aqua --aquac BIN --out DIR [aquac options...]
      compiles X.aqua with `aquac compile --target air`, then compares every function of
      X.expected.json (next to X.aqua) with DIR/X.<func>.air.
"""
import json
import os
import re
import subprocess
import sys

NUM = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
LITERAL_ATOMS = {"true", "false", "null", "$"}
SPECIAL = re.compile(r"^(%[A-Za-z_]+%|:[A-Za-z_]+:)$")
PREFIX = re.compile(r"^(#%|#\$|#|\$|%)?(.*)$", re.S)


class AirParseError(Exception):
    pass


def tokenize(text):
    toks = []
    i, n, line, col = 0, len(text), 1, 1

    def advance(k):
        nonlocal i, line, col
        for _ in range(k):
            if text[i] == "\n":
                line += 1
                col = 1
            else:
                col += 1
            i += 1

    while i < n:
        c = text[i]
        if c in " \t\n\r":
            advance(1)
            continue
        if c == ";":
            while i < n and text[i] != "\n":
                advance(1)
            continue
        pos = (line, col)
        if c in "()[]":
            toks.append((c, c, pos))
            advance(1)
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 1
                j += 1
            if j >= n:
                raise AirParseError("unterminated string at %d:%d" % pos)
            toks.append(("str", text[i:j + 1], pos))
            advance(j + 1 - i)
            continue
        j, depth = i, 0
        while j < n:
            d = text[j]
            if d in " \t\n\r()":
                break
            if d == "[":
                depth += 1
            elif d == "]":
                if depth == 0:
                    break
                depth -= 1
            elif d == '"':
                j += 1
                while j < n and text[j] != '"':
                    if text[j] == "\\":
                        j += 1
                    j += 1
            j += 1
        toks.append(("atom", text[i:j], pos))
        advance(j - i)
    return toks


def split_lambda(atom):
    k = atom.find(".$")
    if k > 0:
        return atom[:k], atom[k:]
    if atom.endswith("!") and len(atom) > 1:
        return atom[:-1], "!"
    return atom, ""


def canonical(text):
    toks = tokenize(text)
    names = {}

    def rename(name):
        prefix = PREFIX.match(name).group(1) or ""
        if name not in names:
            names[name] = len(names)
        return "%sv%d" % (prefix, names[name])

    def rename_in_suffix(suffix):
        def repl(m):
            s = m.group(1).strip()
            if NUM.match(s) or SPECIAL.match(s):
                return m.group(0)
            b, rest = split_lambda(s)
            return "[" + rename(b) + rest + "]"
        return re.sub(r"\[([^\]\"]+)\]", repl, suffix)

    out = []
    for idx, (kind, v, pos) in enumerate(toks):
        c = v
        if kind == "atom":
            prev = toks[idx - 1] if idx > 0 else None
            if prev is not None and prev[0] == "(":
                pass  # instruction keyword
            elif NUM.match(v) or v in LITERAL_ATOMS:
                pass
            else:
                base, suffix = split_lambda(v)
                b = base if SPECIAL.match(base) else rename(base)
                c = b + rename_in_suffix(suffix)
        out.append((c, v, pos))
    return out


def equivalent(a, b):
    """Returns (equal, message)."""
    try:
        ca = canonical(a)
    except AirParseError as e:
        return False, "cannot parse first AIR: %s" % e
    try:
        cb = canonical(b)
    except AirParseError as e:
        return False, "cannot parse second AIR: %s" % e
    for i in range(min(len(ca), len(cb))):
        if ca[i][0] != cb[i][0]:
            return False, "token %d: A %d:%d `%s` (as %s) vs B %d:%d `%s` (as %s)" % (
                i, ca[i][2][0], ca[i][2][1], ca[i][1], ca[i][0],
                cb[i][2][0], cb[i][2][1], cb[i][1], cb[i][0])
    if len(ca) != len(cb):
        which, longer = ("A", ca) if len(ca) > len(cb) else ("B", cb)
        t = longer[min(len(ca), len(cb))]
        return False, "token %d: %s has more tokens, next is `%s` at %d:%d" % (
            min(len(ca), len(cb)), which, t[1], t[2][0], t[2][1])
    return True, "equal"


def run_case(argv):
    args = {"extra": []}
    it = iter(argv)
    for a in it:
        if a in ("--case", "--aquac", "--out"):
            args[a[2:]] = next(it)
        else:
            args["extra"].append(a)
    src = args["case"]
    stem = os.path.basename(src)[:-len(".aqua")]
    expected = json.load(open(src[:-len(".aqua")] + ".expected.json"))
    os.makedirs(args["out"], exist_ok=True)
    cmd = [args["aquac"], "compile", src, "-o", args["out"], "--target", "air"] + args["extra"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print("aquac failed (%d):\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
        return 1
    failed = 0
    for name, fn in sorted(expected.get("functions", {}).items()):
        path = os.path.join(args["out"], "%s.%s.air" % (stem, name))
        if not os.path.exists(path):
            print("%s: missing %s" % (name, path))
            failed += 1
            continue
        ok, msg = equivalent(open(path).read(), fn["air"])
        print("%s: %s" % (name, msg))
        if not ok:
            failed += 1
    return 1 if failed else 0


def main(argv):
    if argv and argv[0] == "--case":
        return run_case(argv)
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        a, b = open(argv[0]).read(), open(argv[1]).read()
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    ok, msg = equivalent(a, b)
    print(msg if ok else "different: " + msg)
    if msg.startswith("cannot parse"):
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
