#!/usr/bin/env python3
"""Hostile inputs for the aquac commands: every run must end in time, without a signal, sanitizer
report or uncaught exception, and a non-zero exit must come with an error message.

    hostile_inputs.py --aquac BIN --tool {check,compile,run,run-aqua,fmt} --category CAT
        (run = `aquac run --scenario S --scenario-air`; run-aqua = `aquac run F.aqua -f greet`;
         fmt = `aquac fmt --stdin` with the input on stdin)
    hostile_inputs.py --aqua-lsp BIN --tool lsp --category CAT
    hostile_inputs.py --list        (tools and categories)
    hostile_inputs.py ... --keep DIR   (write the generated inputs to DIR, for reproducing)

Categories: empty, truncated, mutated, binary, huge (10 MB; 2 MB under sanitizers, AQUA_SANITIZED), nested (deep nesting).
Inputs are generated deterministically (fixed seeds), so a failure reproduces exactly: the failing
input is saved next to the report under the temporary folder printed on failure, or under --keep.
"""
import argparse
import json
import os
import pathlib
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time

CATEGORIES = ["empty", "truncated", "mutated", "binary", "huge", "nested"]
TOOLS = ["check", "compile", "run", "run-aqua", "fmt", "lsp"]
# Size of the "huge" inputs. Sanitized builds run the same code paths several times slower, and
# the sanitizer run is there for memory errors, not for size: 2 MB there, 10 MB otherwise.
HUGE = (2 << 20) if os.environ.get("AQUA_SANITIZED") else (10 << 20)

# A small valid program touching most of the syntax (written for this test).
BASE_AQUA = """\
aqua Hostile declares Item, Store

export greet, total, fanout

import "@fluencelabs/aqua-lib/builtin.aqua"

data Item:
  id: u32
  name: string
  tags: []string
  note: ?string

service Store("store"):
  get(key: string) -> Item
  put(item: Item) -> bool
  keys() -> []string

const LIMIT ?= 10

func greet(name: string) -> string:
  on HOST_PEER_ID:
    res <- Store.get(name)
  <- res.name

func total(xs: []u32) -> u32:
  sum: *u32
  sum <<- 0
  for x <- xs:
    if x > LIMIT:
      sum <<- x
    else:
      sum <<- 1
  <- sum!

func fanout(peers: []string, key: string) -> []Item:
  items: *Item
  for p <- peers par:
    on p via HOST_PEER_ID:
      try:
        items <- Store.get(key)
      catch e:
        Store.put(Item(id = 0, name = key, tags = [], note = nil))
  join items[0]
  <- items
"""

BASE_AIR = ('(xor (seq (seq (call %init_peer_id% ("getDataSrv" "xs") [] xs) '
            '(fold xs i (seq (par (call %init_peer_id% ("svc" "f") [i.$.a!] $r) (ap i $s)) (next i)))) '
            '(seq (canon %init_peer_id% $r #rc) (seq (match #rc.length 2 (null)) '
            '(call %init_peer_id% ("callbackSrv" "response") [#rc.$.[0] "x" 1 -2.5 true []])))) '
            '(call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))')


def base_scenario(air=BASE_AIR):
    return {"description": "hostile", "air": air, "peers": ["p0", "p1"], "init_peer": "p0",
            "args": {"xs": [{"a": 1}, {"a": 2}]}, "services": {"svc.f": {"echo": True}},
            "max_steps": 1000}


def mutate(rng, data, n):
    b = bytearray(data)
    for _ in range(n):
        op = rng.randrange(5)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[pos:pos] = bytes([rng.choice(b"()[]{}:\"\\\n\t $#%.!,<-=?*")])
        elif op == 2 and b:
            del b[pos:pos + rng.randrange(1, 16)]
        elif op == 3 and b:
            s = rng.randrange(len(b))
            b[pos:pos] = b[s:s + rng.randrange(1, 64)]  # duplicate a chunk
        else:
            b[pos:pos] = rng.choice([b"\x00", b"\xff\xfe", b"\xc3\x28", b"\r", b"\t", "é".encode()])
    return bytes(b)


# ---------------------------------------------------------------- Aqua source cases

def aqua_cases(category):
    """Yields (name, bytes, must_fail) for check/compile/lsp."""
    base = BASE_AQUA.encode()
    rng = random.Random(1234)
    if category == "empty":
        yield "empty", b"", False
        yield "only_newlines", b"\n\n\n", False
        yield "only_spaces", b"    ", False
        yield "bom_only", b"\xef\xbb\xbf", False
        yield "comment_only", b"-- nothing\n", False
    elif category == "truncated":
        for k in range(1, 24):
            cut = len(base) * k // 24
            yield f"cut_{cut}", base[:cut], False
        yield "cut_inside_string", b'func f() -> string:\n  <- "abc', True
        yield "cut_after_arrow", b"func f() ->", True
        yield "cut_header", b"aqua", False
    elif category == "mutated":
        for k in range(40):
            yield f"mut_{k}", mutate(rng, base, 1 + k // 4), False
    elif category == "binary":
        yield "random_64k", bytes(rng.randrange(256) for _ in range(65536)), True
        yield "nul_bytes", b"\x00" * 4096, True
        yield "invalid_utf8", b"func f\xc3\x28() -> \xff\xfe:\n  <- 1\n", True
        yield "utf16_le", BASE_AQUA.encode("utf-16"), True
        yield "elf_header", b"\x7fELF\x02\x01\x01" + bytes(200), True
        yield "nul_in_string", b'func f() -> string:\n  <- "a\x00b"\n', False
        yield "lone_cr", base.replace(b"\n", b"\r"), False
        yield "crlf", base.replace(b"\n", b"\r\n"), False
    elif category == "huge":
        # 10 MB: many valid functions; one 10 MB line; one 10 MB string literal; one 10 MB identifier.
        body = []
        size, i = 0, 0
        while size < HUGE:
            f = f"func f{i}(a: u32, b: string) -> u32:\n  x = a + {i}\n  <- x\n\n"
            body.append(f)
            size += len(f)
            i += 1
        yield "ten_mb_functions", "".join(body).encode(), False
        yield "ten_mb_line", b"func f() -> u32:\n  <- 1" + b" + 1" * (HUGE >> 2) + b"\n", False
        yield "ten_mb_string", b'func f() -> string:\n  <- "' + b"a" * HUGE + b'"\n', False
        yield "ten_mb_ident", b"func " + b"a" * HUGE + b"() -> u32:\n  <- 1\n", False
        yield "ten_mb_comment", b"-- " + b"x" * HUGE + b"\n", False
        yield "ten_mb_spaces", b" " * HUGE, False
    elif category == "nested":
        d = 100000
        yield "parens", b"func f() -> u32:\n  <- " + b"(" * d + b"1" + b")" * d + b"\n", False
        yield "parens_unclosed", b"func f() -> u32:\n  <- " + b"(" * d + b"1\n", True
        yield "arrays", b"func f() -> [][]u32:\n  <- " + b"[" * d + b"]" * d + b"\n", False
        yield "types", b"func f(x: " + b"[]" * d + b"u32) -> u32:\n  <- 1\n", False
        yield "options", b"func f(x: " + b"?" * d + b"u32) -> u32:\n  <- 1\n", False
        yield "arith", b"func f() -> u32:\n  <- 1" + b" + 1" * d + b"\n", False
        yield "not_chain", b"func f() -> bool:\n  <- " + b"!" * d + b"true\n", False
        lines = [b"func f(x: u32) -> u32:"]
        for k in range(2000):  # indentation-nested if blocks
            lines.append(b"  " * (k + 1) + b"if x > %d:" % k)
        lines.append(b"  " * 2001 + b"x <- Op.identity(x)")
        lines.append(b"  <- x")
        yield "if_blocks", b"\n".join(lines) + b"\n", False
        yield "fields", b"func f(x: u32) -> u32:\n  <- x" + b".a" * d + b"\n", False
        yield "arrow_types", b"func f(g: " + b"u32 -> " * 20000 + b"u32) -> u32:\n  <- 1\n", False


# ---------------------------------------------------------------- scenario cases

def nested_seq(depth):
    return "(seq " * depth + "(null)" + " (null))" * depth


def scenario_cases(category):
    """Yields (name, bytes, must_fail) for `aquac run --scenario`."""
    rng = random.Random(4321)
    base = json.dumps(base_scenario()).encode()
    if category == "empty":
        yield "empty_file", b"", True
        yield "empty_object", b"{}", True
        yield "empty_air", json.dumps(base_scenario("")).encode(), False
        yield "whitespace_air", json.dumps(base_scenario("   \n ")).encode(), False
        yield "json_null", b"null", True
        yield "json_array", b"[]", True
    elif category == "truncated":
        for k in range(1, 16):
            cut = len(base) * k // 16
            yield f"json_cut_{cut}", base[:cut], True
        for k in range(1, 20):
            cut = len(BASE_AIR) * k // 20
            yield f"air_cut_{cut}", json.dumps(base_scenario(BASE_AIR[:cut])).encode(), False
    elif category == "mutated":
        for k in range(30):
            air = mutate(rng, BASE_AIR.encode(), 1 + k // 3).decode("utf-8", "replace")
            yield f"air_mut_{k}", json.dumps(base_scenario(air)).encode(), False
        for k in range(15):
            yield f"json_mut_{k}", mutate(rng, base, 1 + k // 3), False
        s = base_scenario()
        s["args"]["xs"] = "not an array"
        yield "xs_not_iterable", json.dumps(s).encode(), False
        s = base_scenario()
        s["services"]["svc.f"] = {"result": {"deep": [1, {"x": None}]}, "ret_code": 99}
        yield "odd_service", json.dumps(s).encode(), False
        s = base_scenario()
        s["peers"] = []
        s["max_steps"] = -1
        yield "bad_fields", json.dumps(s).encode(), False
    elif category == "binary":
        yield "random_json_file", bytes(rng.randrange(256) for _ in range(65536)), True
        yield "air_binary", json.dumps(base_scenario(
            "".join(chr(rng.randrange(1, 0x2FF)) for _ in range(4096)))).encode(), False
        yield "air_nul", json.dumps(base_scenario("(seq (null)\u0000 (null))")).encode(), False
        yield "invalid_utf8_file", b'{"air": "(null)\xff\xfe", "peers": ["p0"]}', False
    elif category == "huge":
        # 10 MB: a big scenario file (a 200,000-element fold plus padding), a 10 MB value,
        # a 10 MB string literal in AIR, 10 MB of whitespace in AIR.
        xs = list(range(200000))
        s = base_scenario('(seq (call %init_peer_id% ("getDataSrv" "xs") [] xs) '
                          '(fold xs i (seq (ap i $s) (next i))))')
        s["args"] = {"xs": xs}
        s["pad"] = "x" * HUGE
        yield "ten_mb_scenario", json.dumps(s).encode(), False
        s = base_scenario('(call %init_peer_id% ("getDataSrv" "big") [] big)')
        s["args"] = {"big": "y" * HUGE}
        yield "ten_mb_value", json.dumps(s).encode(), False
        yield "ten_mb_air_string", json.dumps(base_scenario(
            '(call %init_peer_id% ("op" "identity") ["' + "z" * HUGE + '"] r)')).encode(), False
        yield "ten_mb_air_whitespace", json.dumps(base_scenario("(null" + " " * HUGE + ")")).encode(), False
    elif category == "nested":
        d = 100000
        yield "seq_depth", json.dumps(base_scenario(nested_seq(d))).encode(), False
        yield "par_depth", json.dumps(base_scenario(nested_seq(d).replace("(seq", "(par"))).encode(), False
        yield "xor_depth_unclosed", json.dumps(base_scenario("(xor " * d)).encode(), False
        yield "json_arrays", b'{"air": "(null)", "peers": ["p0"], "args": {"x": ' + b"[" * d + b"]" * d + b"}}", False
        yield "json_unclosed", b'{"air": "(null)", "args": ' + b"[" * d, True
        s = base_scenario('(seq (call %init_peer_id% ("getDataSrv" "v") [] v) (call %init_peer_id% ("op" "identity") [v] r))')
        # Built as text: Python's json module cannot encode this depth.
        deep = '{"a": ' * 5000 + "null" + "}" * 5000
        s["args"] = {"v": "@DEEP@"}
        yield "deep_value", json.dumps(s).encode().replace(b'"@DEEP@"', deep.encode()), False
        s = base_scenario("(seq (call %init_peer_id% (\"getDataSrv\" \"v\") [] v) (ap v" + ".$.a" * 5000 + " r))")
        s["args"] = {"v": "@DEEP@"}
        yield "deep_lambda", json.dumps(s).encode().replace(b'"@DEEP@"', deep.encode()), False
        # fold nested in fold: bounded work, deep frames
        air = "(null)"
        for k in range(300):
            air = f'(fold xs i{k} (seq {air} (next i{k})))'
        s = base_scenario('(seq (call %init_peer_id% ("getDataSrv" "xs") [] xs) ' + air + ")")
        s["args"] = {"xs": [1]}
        yield "fold_depth", json.dumps(s).encode(), False


# ---------------------------------------------------------------- running

SANITIZER_MARKERS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
                     "terminate called", "Segmentation fault", "stack overflow", "Assertion `")


def limit_memory():
    # Out-of-memory must show up as a failure, not take the machine down: 4 GiB of address space.
    # Skipped under sanitizers (they reserve terabytes of virtual memory).
    if not os.environ.get("AQUA_SANITIZED"):
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run_cmd(cmd, timeout, stdin=None):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return None, b"", b"", time.monotonic() - t0
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def judge(code, out, err, must_fail, path):
    """Returns a problem description, or None when the behaviour is acceptable."""
    text = err.decode("utf-8", "replace")
    if code is None:
        return "did not finish within the timeout (hang?)"
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name}"
    if code >= 128:
        return f"exit code {code} (signal-like)"
    for m in SANITIZER_MARKERS:
        if m in text:
            return f"'{m}' on stderr"
    if code == 0:
        return "exit 0 for an input that must be rejected" if must_fail else None
    if code not in (1, 2):
        return f"exit code {code}, expected 0, 1 (errors in the input) or 2 (usage)"
    if not text.strip() and not out.strip():
        return f"exit {code} without any message"
    return None


def run_aquac(args, name, data, must_fail, work):
    ext = ".scenario.json" if args.tool == "run" else ".aqua"
    path = work / f"{name}{ext}"
    path.write_bytes(data)
    if args.tool == "check":
        cmd = [args.aquac, "check", str(path)]
    elif args.tool == "compile":
        out = work / f"{name}.out"
        out.mkdir(exist_ok=True)
        cmd = [args.aquac, "compile", str(path), "-o", str(out)]
    elif args.tool == "run-aqua":
        cmd = [args.aquac, "run", str(path), "-f", "greet", "--arg", 'name="x"']
    elif args.tool == "fmt":
        cmd = [args.aquac, "fmt", "--stdin"]
    else:
        cmd = [args.aquac, "run", "--scenario", str(path), "--scenario-air"]
    code, out, err, secs = run_cmd(cmd, args.timeout, stdin=data if args.tool == "fmt" else None)
    problem = judge(code, out, err, must_fail, path)
    if not problem and code == 1 and args.tool in ("check", "compile", "run-aqua"):
        # Errors in the input must say where: the file name appears in the message.
        if path.name.encode() not in err and path.name.encode() not in out:
            problem = "exit 1 but the message does not name the file (file:line:col expected)"
    return problem, code, err, secs, " ".join(map(str, cmd))


def lsp_frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def parse_lsp_output(data):
    """The messages aqua-lsp wrote, or a description of what is wrong with its framing."""
    messages = []
    while data:
        header_end = data.find(b"\r\n\r\n")
        if not data.startswith(b"Content-Length: ") or header_end < 0:
            return None, f"malformed output frame: {data[:80]!r}"
        length = int(data[16:header_end])
        body = data[header_end + 4:header_end + 4 + length]
        if len(body) != length:
            return None, "truncated output frame"
        try:
            messages.append(json.loads(body))
        except ValueError as e:
            return None, f"invalid JSON from the server: {e}"
        data = data[header_end + 4 + length:]
    return messages, None


def run_lsp(args, name, data, must_fail, work):
    """A session with the hostile text as a document: opened (main.aqua), then changed to its first
    half, and inserted by an incremental change into the middle of a valid document (other.aqua);
    each time the main features are asked for. The server must publish diagnostics for both
    documents after every change, answer every request exactly once without an internal error,
    answer the shutdown request and exit 0, without a signal or sanitizer report."""
    path = work / f"{name}.aqua"
    path.write_bytes(data)
    text = data.decode("utf-8", "replace")
    uri = path.resolve().as_uri()
    other = (work / f"{name}.other.aqua").resolve().as_uri()
    base_lines = BASE_AQUA.splitlines()
    mid = len(base_lines) // 2
    msgs, requests = [], set()

    def note(method, params):
        msgs.append({"jsonrpc": "2.0", "method": method, "params": params})

    def ask(method, params):
        rid = len(msgs) + 1
        requests.add(rid)
        msgs.append({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})

    def features(doc, line):
        td = {"uri": doc}
        at = {"textDocument": td, "position": {"line": line, "character": 4}}
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 1 << 20, "character": 0}}
        ask("textDocument/hover", at)
        ask("textDocument/completion", at)
        ask("textDocument/signatureHelp", at)
        ask("textDocument/definition", at)
        ask("textDocument/documentHighlight", at)
        ask("textDocument/documentSymbol", {"textDocument": td})
        ask("textDocument/semanticTokens/full", {"textDocument": td})
        ask("textDocument/foldingRange", {"textDocument": td})
        ask("textDocument/inlayHint", {"textDocument": td, "range": whole})
        ask("textDocument/codeAction", {"textDocument": td, "range": whole, "context": {"diagnostics": []}})
        ask("textDocument/formatting", {"textDocument": td, "options": {"tabSize": 2, "insertSpaces": True}})

    ask("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    note("initialized", {})
    note("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "aqua", "version": 1, "text": text}})
    features(uri, 3)
    note("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                    "contentChanges": [{"text": text[: len(text) // 2]}]})
    features(uri, 1)
    note("textDocument/didOpen", {"textDocument": {"uri": other, "languageId": "aqua", "version": 1, "text": BASE_AQUA}})
    note("textDocument/didChange", {"textDocument": {"uri": other, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": mid, "character": 2}, "end": {"line": mid, "character": 2}}, "text": text}]})
    features(other, mid)
    shutdown_id = len(msgs) + 1
    ask("shutdown", None)
    note("exit", None)
    stdin = b"".join(lsp_frame(m) for m in msgs)
    code, out, err, secs = run_cmd([args.aqua_lsp, "--debounce-ms", "0"], args.timeout, stdin=stdin)
    problem = judge(code, out, err, False, path)
    if not problem and code != 0:
        problem = f"server exited {code} after shutdown/exit"
    messages, framing = parse_lsp_output(out) if not problem else ([], None)
    if not problem and framing:
        problem = framing
    if not problem:
        answers, published = {}, {uri: 0, other: 0}
        for m in messages:
            if "id" in m and "method" not in m:
                answers[m["id"]] = answers.get(m["id"], 0) + 1
                if m.get("error", {}).get("code") == -32603:
                    problem = f"internal error answering request {m['id']}: {m['error'].get('message')}"
            if m.get("method") == "textDocument/publishDiagnostics":
                p = m["params"]
                if p.get("uri") in published:
                    published[p["uri"]] += 1
                for d in p.get("diagnostics", []):
                    if d.get("code") == "E0004":
                        problem = f"internal error diagnostic: {d.get('message')}"
        if not problem and answers.get(shutdown_id) != 1:
            problem = "no answer to the shutdown request"
        elif not problem:
            missing = sorted(r for r in requests if answers.get(r) != 1)
            if missing:
                problem = f"requests not answered exactly once: {missing}"
            elif published[uri] < 2 or published[other] < 2:
                problem = f"diagnostics not published after every change (open + change): {published}"
    return problem, code, err, secs, (f"{args.aqua_lsp} --debounce-ms 0 < (initialize, didOpen {path.name}, features, "
                                      f"didChange, features, didOpen + incremental didChange of another document, "
                                      f"features, shutdown, exit)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aquac")
    ap.add_argument("--aqua-lsp")
    ap.add_argument("--tool", choices=TOOLS)
    ap.add_argument("--category", choices=CATEGORIES)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", type=pathlib.Path, help="keep the generated inputs in this folder")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.list:
        print("tools:", " ".join(TOOLS))
        print("categories:", " ".join(CATEGORIES))
        return 0
    if not args.tool or not args.category:
        ap.error("--tool and --category are required")
    if args.tool == "lsp" and not args.aqua_lsp:
        ap.error("--tool lsp needs --aqua-lsp")
    if args.tool != "lsp" and not args.aquac:
        ap.error("--aquac is required")

    work = args.keep or pathlib.Path(tempfile.mkdtemp(prefix=f"hostile-{args.tool}-{args.category}-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = scenario_cases(args.category) if args.tool == "run" else aqua_cases(args.category)
    runner = run_lsp if args.tool == "lsp" else run_aquac
    failures, total, slowest = [], 0, (0.0, "")
    for name, data, must_fail in cases:
        total += 1
        problem, code, err, secs, cmd = runner(args, name, data, must_fail, work)
        slowest = max(slowest, (secs, name))
        print(f"  {name}: {secs:.2f} s, exit {code}", flush=True)
        if problem:
            failures.append(name)
            tail = err.decode("utf-8", "replace")[-1500:]
            print(f"FAIL {args.tool}/{args.category}/{name}: {problem}\n  command: {cmd}\n  stderr tail:\n{tail}\n",
                  flush=True)
        else:
            (work / f"{name}{'.scenario.json' if args.tool == 'run' else '.aqua'}").unlink(missing_ok=True)
    print(f"{args.tool}/{args.category}: {total - len(failures)}/{total} passed; slowest {slowest[1]} "
          f"{slowest[0]:.2f} s")
    if failures:
        print(f"failing inputs kept in {work}")
        return 1
    if not args.keep:
        for p in sorted(work.rglob("*"), reverse=True):
            p.rmdir() if p.is_dir() else p.unlink()
        work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
