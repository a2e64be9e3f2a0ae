#!/usr/bin/env python3
"""Benchmarks aquac against the reference tools, both measured in the same run.

    python3 bench/run_bench.py [--aquac build/bin/aquac] [--sizes 100,1000,3000,7000] ...

Measures (each a fresh process, wall time and peak RSS of that process):
  * compile: generated Aqua programs of each size, `aquac compile` vs the reference
    (node shared/oracle/compile.mjs), median of several runs;
  * `aquac check` alone on the same files;
  * the language server's re-check after one edit (if aqua-lsp is built);
  * the interpreter: `aquac run --scenario S --scenario-air` vs AquaVM
    (node shared/oracle/run.mjs S --timing) on the bench scenarios, with data sizes.
Writes bench/results/: latest.md, bench-<stamp>.json (raw), compile-time.svg, and with
--reference-only a reference-<date>.json that a later run reuses only with --reuse-reference.
Not part of the test suite: it never fails because a target is missed (exit 0 unless it could
not run at all).
"""
import argparse
import datetime as dt
import json
import re
import math
import select
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SHARED = pathlib.Path(os.environ.get("AQUA_SHARED", "/work/shared"))

# Interpreter cases: scenario file stem -> (label, reference runs, our runs).
# Reference runs are few on purpose: case c alone costs AquaVM ~90 s per run.
SCENARIOS = [
    ("bench_a_null", "null script", 5, 10),
    ("bench_b_fold_no_calls", "fold 1000, no calls", 3, 5),
    ("bench_c_fold_local_calls", "fold 1000, 1 local call each (whole particle)", 1, 3),
    ("bench_d_par_calls_join", "par over 1000 calls, then join", 3, 5),
]
SCENARIO_SINGLE = ("bench_d_par_calls_join_single", "par 1000 calls + join, 1 result/invocation", 1, 3)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


GNU_TIME = "/usr/bin/time"


def ensure_gnu_time():
    """Peak RSS comes from GNU time (Debian package `time`); install it if missing and allowed."""
    if os.path.exists(GNU_TIME):
        return True
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    log("installing the Debian package 'time' for /usr/bin/time")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "time"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    return os.path.exists(GNU_TIME)


def run_measured(cmd, timeout, stdout_path=None, cwd=None, stdin_data=None, gnu_time=False):
    """Runs cmd once; returns dict(wall_s, rss_kb, code, timed_out, stdout, stderr).

    With gnu_time the command runs under `/usr/bin/time -f %M` and rss_kb is its "maximum
    resident set size" of the command alone. Without, rss_kb is wait4's ru_maxrss, which for a
    child forked from this Python process never drops below Python's own ~17 MB (the fork's
    pages count until exec), so it is only right for big processes; the wrapper costs ~1 ms of
    exec, which is why our millisecond-scale timings run unwrapped and RSS is taken separately."""
    rss_file = None
    if gnu_time and os.path.exists(GNU_TIME):
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        cmd = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + list(cmd)
    out_f = open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, cwd=cwd,
                            stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL)
    if stdin_data is not None:
        proc.stdin.write(stdin_data)
        proc.stdin.close()
    deadline = t0 + timeout
    status, rusage = 0, None
    try:  # woken the moment the process ends (Linux 5.3+): no polling error in the wall time
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        pidfd = None
    if pidfd is not None:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        ended = poller.poll(max(0.0, deadline - time.perf_counter()) * 1000)
        wall = time.perf_counter() - t0
        os.close(pidfd)
        if not ended:
            proc.kill()
        _, status, rusage = os.wait4(proc.pid, 0)
    while pidfd is None:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.0005 if time.perf_counter() - t0 < 0.05 else 0.01)
    if pidfd is None:
        wall = time.perf_counter() - t0
    proc.returncode = 0  # reaped above; keep Popen from waiting again
    timed_out = wall >= timeout
    rss = rusage.ru_maxrss if rusage else None
    if rss_file:
        try:
            text = open(rss_file).read().split()
            rss = int(text[-1]) if text else None
        except (OSError, ValueError):
            rss = None
        os.unlink(rss_file)
    out_f.seek(0)
    err_f.seek(0)
    stdout = b"" if stdout_path else out_f.read()
    stderr = err_f.read()
    out_f.close()
    err_f.close()
    return {
        "wall_s": wall,
        "rss_kb": rss,
        "code": os.waitstatus_to_exitcode(status) if not timed_out else None,
        "timed_out": timed_out,
        "stdout": stdout,
        "stderr": stderr.decode("utf-8", "replace")[-2000:],
    }


def summarize(runs):
    walls = [r["wall_s"] for r in runs]
    return {
        "runs_s": [round(w, 6) for w in walls],
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "rss_kb": max(r["rss_kb"] or 0 for r in runs),
        "ok": all(r["code"] == 0 for r in runs),
        "code": runs[-1]["code"],
        "timed_out": any(r["timed_out"] for r in runs),
        "stderr_tail": runs[-1]["stderr"][-400:] if runs[-1]["code"] != 0 else "",
    }


def repeat(cmd, n, timeout, wrap_all=False, **kw):
    """n timed runs. wrap_all: every run under GNU time (slow tools: 1 ms does not matter);
    otherwise the timed runs are bare and one extra run under GNU time gives the RSS."""
    runs = []
    for _ in range(n):
        r = run_measured(cmd, timeout, gnu_time=wrap_all, **kw)
        runs.append(r)
        if r["code"] != 0:  # a failing tool: one run is enough to say so
            break
    s = summarize(runs)
    if not wrap_all and os.path.exists(GNU_TIME):
        s["rss_kb"] = run_measured(cmd, timeout, gnu_time=True, **kw)["rss_kb"]
    s["rss_source"] = "/usr/bin/time" if os.path.exists(GNU_TIME) else "wait4"
    return s, runs


# ------------------------------------------------------------------ inputs

def generate_inputs(gen, sizes, tmp):
    files = {}
    for n in sizes:
        path = tmp / f"big{n}.aqua"
        with open(path, "wb") as f:
            subprocess.run(["node", str(gen), str(n)], stdout=f, check=True)
        files[n] = path
    return files


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


# ------------------------------------------------------------------ reference side

def invocation_profile(timings_ms):
    """What the per-invocation times of a run say: first and last 10 averages, and the growth
    exponent k of one invocation's time against its index (time ∝ index^k), fitted over the
    averages of ten equal slices, the first left out (warm-up). k ≤ 1: at most linear."""
    t = [x for x in timings_ms if isinstance(x, (int, float))]
    if len(t) < 100:
        return {}
    n = len(t)
    bins = []
    for b in range(1, 10):
        lo, hi = b * n // 10, (b + 1) * n // 10
        bins.append(((lo + hi) / 2, sum(t[lo:hi]) / (hi - lo)))
    return {"first10_avg_ms": sum(t[:10]) / 10, "last10_avg_ms": sum(t[-10:]) / 10,
            "invoke_total_s": sum(t) / 1000.0, "per_invocation_k": slope(bins)}


def measure_reference(args, files, scenarios, tmp):
    oracle = args.shared / "oracle"
    ref = {"compile": {}, "interp": {}}
    for n, path in files.items():
        runs = args.ref_runs if n <= 1000 else args.ref_runs_large
        log(f"reference compile {n} lines x{runs}")
        out = tmp / f"ref{n}.json"
        s, _ = repeat(["node", str(oracle / "compile.mjs"), str(path)], runs, args.timeout_ref,
                      wrap_all=True, stdout_path=out)
        try:
            j = json.loads(out.read_text())
            s["errors"] = len(j.get("errors", []))
            s["functions"] = len(j.get("functions", {}))
            s["air_chars"] = sum(len(f["air"]) for f in j["functions"].values())
        except (OSError, ValueError, KeyError):
            s["errors"] = None
        s["file_lines"] = count_lines(path)
        ref["compile"][str(n)] = s
    for stem, label, ref_runs, _ in scenarios:
        scn = args.shared / "bench" / f"{stem}.scenario.json"
        log(f"reference AVM {stem} x{ref_runs}")
        s, runs = repeat(["node", "--stack-size=65500", str(oracle / "run.mjs"), str(scn), "--timing"],
                         ref_runs, args.timeout_ref, wrap_all=True)
        invoke_totals, last = [], {}
        for r in runs:
            try:
                last = json.loads(r["stdout"])
                invoke_totals.append(sum(last.get("timings_ms", [])) / 1000.0)
            except ValueError:
                pass
        if invoke_totals:
            s["invoke_total_median_s"] = statistics.median(invoke_totals)
            t = last.get("timings_ms", [])
            s["invocations"] = last.get("invocations")
            s["data_sizes"] = last.get("data_sizes")
            s["result"] = last.get("result")
            s["final_ret_code"] = last.get("final_ret_code")
            s.update({k: v for k, v in invocation_profile(t).items() if k != "invoke_total_s"})
        ref["interp"][stem] = s
    return ref


# ------------------------------------------------------------------ our side

def count_instructions(cmd):
    """Instructions the command executes, counted by callgrind: exact and repeatable whatever else
    the machine does, so growth with input size shows without wall-time noise. None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    return int(m.group(1)) if m and r.returncode == 0 else None


def measure_ours(args, files, scenarios, tmp):
    ours = {"compile": {}, "check": {}, "interp": {}, "lsp": {}}
    aquac = str(args.aquac)
    for n, path in files.items():
        outdir = tmp / f"out{n}"
        outdir.mkdir(exist_ok=True)
        log(f"aquac compile {n} lines x{args.runs}")
        s, _ = repeat([aquac, "compile", str(path), "-o", str(outdir)], args.runs, args.timeout)
        s["output_bytes"] = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
        s["instructions"] = count_instructions([aquac, "compile", str(path), "-o", str(outdir)])
        ours["compile"][str(n)] = s
        log(f"aquac check {n} lines x{args.runs}")
        ours["check"][str(n)], _ = repeat([aquac, "check", str(path)], args.runs, args.timeout)
        if args.aqua_lsp:
            log(f"aqua-lsp re-check after one edit, {n} lines")
            ours["lsp"][str(n)] = measure_lsp(args.aqua_lsp, path, args.runs)
    if args.aqua_lsp:
        log("aqua-lsp memory holding a 10,000-line workspace")
        ours["lsp_memory"] = measure_lsp_memory(args.aqua_lsp, args.shared / "bench" / "gen-large.mjs", tmp)
    for stem, label, _, our_runs in scenarios:
        scn = args.shared / "bench" / f"{stem}.scenario.json"
        log(f"aquac run --scenario {stem} x{our_runs}")
        s, runs = repeat([aquac, "run", "--scenario", str(scn), "--scenario-air", "--timing"], our_runs,
                         args.timeout)
        try:
            j = json.loads(runs[-1]["stdout"])
            s.update(invocation_profile(j.get("timings_ms", [])))
            s["invocations"] = j.get("invocations")
            s["data_sizes"] = j.get("data_sizes")
            s["result"] = j.get("result")
            s["final_ret_code"] = j.get("final_ret_code")
        except ValueError:
            pass
        ours["interp"][stem] = s
    return ours


def measure_lsp_memory(lsp, gen, tmp, files=10, lines=1000):
    """Peak RSS of a server with a workspace of files x lines, every file open and analysed
    (workspace/symbol and a references request read them all)."""
    ws = tmp / "lsp-workspace"
    ws.mkdir(exist_ok=True)
    for i in range(files):
        text = subprocess.run(["node", str(gen), str(lines)], capture_output=True, text=True, check=True).stdout
        (ws / f"f{i}.aqua").write_text(re.sub(r"^aqua \w+", f"aqua Big{i}", text, count=1))
    proc = subprocess.Popen([str(lsp), "--debounce-ms", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    result = {"ok": False, "lines": sum(p.read_text().count("\n") for p in ws.glob("*.aqua"))}
    try:
        send = lambda m: (proc.stdin.write(lsp_frame(m)), proc.stdin.flush())
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": os.getpid(), "rootUri": ws.as_uri(), "capabilities": {}}})
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        for p in sorted(ws.glob("*.aqua")):
            send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": p.as_uri(), "languageId": "aqua", "version": 1, "text": p.read_text()}}})
        send({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": {"query": "combo"}})
        t0 = time.perf_counter()
        while True:
            m = lsp_read(proc)
            if m is None:
                return result
            if m.get("id") == 2:
                break
        result["workspace_symbol_s"] = time.perf_counter() - t0
        status = pathlib.Path(f"/proc/{proc.pid}/status").read_text()
        result["rss_kb"] = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
        result["ok"] = True
        send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
        send({"jsonrpc": "2.0", "method": "exit"})
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as e:
        result["error"] = str(e)
    finally:
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result


def lsp_frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def lsp_read(proc):
    headers = {}
    while True:
        line = proc.stdout.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode().partition(":")
        headers[k.strip().lower()] = v.strip()
    return json.loads(proc.stdout.read(int(headers["content-length"])))


def lsp_wait_diagnostics(proc, uri, version, timeout):
    t_end = time.perf_counter() + timeout
    while time.perf_counter() < t_end:
        msg = lsp_read(proc)
        if msg is None:
            return False
        if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"].get("uri") == uri:
            v = msg["params"].get("version")
            if v is None or v >= version:
                return True
    return False


def measure_lsp(lsp, path, runs):
    """Time from didChange (one character typed) to the next publishDiagnostics for the file."""
    text = path.read_text()
    uri = path.resolve().as_uri()
    # No debounce: the figure is the re-check itself, not the typing pause the server waits for.
    proc = subprocess.Popen([str(lsp), "--debounce-ms", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    result = {"ok": False}
    try:
        send = lambda m: (proc.stdin.write(lsp_frame(m)), proc.stdin.flush())
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": os.getpid(), "rootUri": path.parent.as_uri(), "capabilities": {}}})
        while True:
            m = lsp_read(proc)
            if m is None or m.get("id") == 1:
                break
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "aqua", "version": 1, "text": text}}})
        if not lsp_wait_diagnostics(proc, uri, 1, 120):
            return result
        result["open_s"] = time.perf_counter() - t0
        # One edit in the middle of the file: a comment line, so the program stays valid.
        mid = text.count("\n") // 2
        times = []
        for i in range(runs):
            version = 2 + i
            t0 = time.perf_counter()
            send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": mid, "character": 0},
                                              "end": {"line": mid, "character": 0}},
                                    "text": "-- edit\n"}]}})
            if not lsp_wait_diagnostics(proc, uri, version, 120):
                return result
            times.append(time.perf_counter() - t0)
        result.update(ok=True, runs_s=times, median_s=statistics.median(times))
        send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        send({"jsonrpc": "2.0", "method": "exit"})
    except (OSError, ValueError, KeyError) as e:
        result["error"] = str(e)
    finally:
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result


# ------------------------------------------------------------------ report

def fmt_time(s):
    if s is None:
        return "n/a"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 0.001:
        return f"{s * 1000:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_mb(kb):
    return "n/a" if not kb else f"{kb / 1024:.0f} MB"


def ratio(ref, ours):
    if not ref or not ours or not ours.get("ok") or ref.get("median_s") is None:
        return None
    return ref["median_s"] / ours["median_s"]


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×"


def status(s):
    if s is None:
        return "not run"
    if s.get("timed_out"):
        return "TIMEOUT"
    if not s.get("ok"):
        return f"FAILED (exit {s.get('code')})"
    return ""


def slope(points):
    """Least-squares exponent k of time ~ size^k over (size, time) points."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def instruction_points(ours, sizes):
    return [(n, ours["compile"][str(n)]["instructions"]) for n in sizes
            if ours["compile"].get(str(n), {}).get("instructions")]


def growth(table, sizes):
    """Local exponents between consecutive sizes: a fixed start-up cost hides super-linear growth
    in a single least-squares fit, so each step is shown."""
    pts = [(n, table[str(n)]["median_s"]) for n in sizes if table.get(str(n), {}).get("ok")]
    return ", ".join(f"{a}→{b} lines k = {math.log(tb / ta) / math.log(b / a):.2f}"
                     for (a, ta), (b, tb) in zip(pts, pts[1:]))


def report(meta, ref, ours, sizes, scenarios):
    L = []
    L.append(f"# aquac benchmarks, {meta['date']}")
    L.append("")
    L.append(f"Machine: {meta['machine']}. aquac: `{meta['aquac']}` ({meta['aquac_version']}). "
             f"Reference: {meta['reference']}"
             + (" (**reused** from " + meta["reused_reference"] + ")" if meta.get("reused_reference")
                else ", measured in this run") + ".")
    L.append("Every figure is a fresh process, wall time, median of the runs shown; "
             "RSS = peak resident set of that process, from GNU `/usr/bin/time` (our tools: one "
             "extra run under it, so the ~1 ms wrapper stays out of the timed runs).")
    L.append("")
    L.append("## Compile (generated programs, `gen-large.mjs`)")
    L.append("")
    L.append("| lines | reference compile | aquac compile | ratio | aquac check | LSP re-check after 1 edit | RSS ref / aquac |")
    L.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        k = str(n)
        r = ref["compile"].get(k) if ref else None
        o = ours["compile"].get(k) if ours else None
        c = ours["check"].get(k) if ours else None
        lsp = ours["lsp"].get(k) if ours else None
        lines = r.get("file_lines", n) if r else n
        L.append("| {} | {} | {} | {} | {} | {} | {} / {} |".format(
            lines,
            fmt_time(r["median_s"]) + (f" (n={len(r['runs_s'])})" if r else "") if r else "not run",
            (status(o) or fmt_time(o["median_s"]) + f" (n={len(o['runs_s'])})") if o else "not run",
            fmt_ratio(ratio(r, o)),
            (status(c) or fmt_time(c["median_s"])) if c else "not run",
            (fmt_time(lsp["median_s"]) if lsp and lsp.get("ok") else "no aqua-lsp" if not lsp else "FAILED"),
            fmt_mb(r["rss_kb"]) if r else "n/a", fmt_mb(o["rss_kb"]) if o else "n/a"))
    L.append("")
    for label, table in (("reference", ref["compile"] if ref else {}),
                         ("aquac compile", ours["compile"] if ours else {})):
        g = growth(table, sizes)
        if g:
            L.append(f"Growth of {label} (k in time ∝ lines^k between consecutive sizes; 1.0 = linear): {g}.")
    counts = instruction_points(ours, sizes) if ours else []
    if counts:
        L.append("aquac compile, instructions (callgrind, one run; exact, unlike wall time on a shared machine): "
                 + ", ".join(f"{n:,} lines {c / 1e6:,.1f}M" for n, c in counts) + "; growth "
                 + ", ".join(f"{a}→{b} lines k = {math.log(cb / ca) / math.log(b / a):.2f}"
                             for (a, ca), (b, cb) in zip(counts, counts[1:])) + ".")
    mem = ours.get("lsp_memory") if ours else None
    if mem and mem.get("ok"):
        L.append(f"aqua-lsp holding a workspace of {mem['lines']:,} lines (10 generated files, all open and "
                 f"analysed): peak RSS {fmt_mb(mem['rss_kb'])} (target: under 150 MB).")
        L.append("")
    L.append("")
    L.append("## Interpreter (scenarios of shared/bench, single peer)")
    L.append("")
    L.append("| case | AquaVM process | AquaVM invoke time | aquac run process | ratio (invoke / process) | invocations ref / aquac | final data ref / aquac | RSS ref / aquac |")
    L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for stem, label, _, _ in scenarios:
        r = ref["interp"].get(stem) if ref else None
        o = ours["interp"].get(stem) if ours else None
        inv = r.get("invoke_total_median_s") if r else None
        rat = None
        if inv and o and o.get("ok"):
            rat = inv / o["median_s"]
        ds = lambda s: ("{:,} B".format(sum(s["data_sizes"].values()))
                        if s and isinstance(s.get("data_sizes"), dict) else "n/a")
        L.append("| {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} |".format(
            label,
            fmt_time(r["median_s"]) if r else "not run",
            fmt_time(inv) if inv else "n/a",
            (status(o) or fmt_time(o["median_s"])) if o else "not run",
            fmt_ratio(rat),
            r.get("invocations", "n/a") if r else "n/a", o.get("invocations", "n/a") if o else "n/a",
            ds(r), ds(o),
            fmt_mb(r["rss_kb"]) if r else "n/a", fmt_mb(o["rss_kb"]) if o else "n/a"))
    L.append("")
    L.append("Ratio = AquaVM's summed `invoke` time (harness and node start-up excluded) / the whole "
             "`aquac run` process (start-up, parsing, all invocations, output): conservative for aquac.")
    L.append("")
    for stem, label, _, _ in scenarios:
        r = ref["interp"].get(stem, {}) if ref else {}
        o = ours["interp"].get(stem, {}) if ours else {}
        if "per_invocation_k" not in r and "per_invocation_k" not in o:
            continue
        side = lambda name, x: (f"{name} {x['first10_avg_ms']:.2f} ms per invocation over the first 10, "
                                f"{x['last10_avg_ms']:.2f} ms over the last 10, growth k = {x['per_invocation_k']:.2f}"
                                if x.get("per_invocation_k") is not None else f"{name} not measured")
        L.append(f"Per-invocation time, {label} (k in time ∝ invocation index^k; 1.0 = linear, as the data "
                 f"grows by one element per invocation): {side('AquaVM', r)}; {side('aquac', o)}"
                 + (f" (aquac's summed invoke time {fmt_time(o['invoke_total_s'])})" if o.get("invoke_total_s") else "")
                 + ".")
        L.append("")
    L.append("## Targets")
    L.append("")
    L.extend(targets(ref, ours, sizes))
    L.append("")
    L.append("![compile time against input size](compile-time.svg)")
    L.append("")
    return "\n".join(L)


# The largest growth exponent that counts as linear: measured exponents of linear code land
# within a few hundredths of 1 (start-up shares, cache effects), quadratic code near 2.
LINEAR_K_MAX = 1.15


def targets(ref, ours, sizes):
    out = []
    big = str(max(sizes))
    r = ratio(ref["compile"].get(big) if ref else None, ours["compile"].get(big) if ours else None)
    out.append(f"* {big}-line compile ≥ 300× faster than the reference: "
               + ("not measured (aquac compile failed or not run)" if r is None else
                  f"{r:,.0f}× — {'met' if r >= 300 else 'MISSED'}"))
    small = str(min(sizes))
    o = ours["compile"].get(small) if ours else None
    out.append(f"* fresh-process compile of the {small}-line file < 10 ms: "
               + ("not measured" if not o or not o.get("ok") else
                  f"{fmt_time(o['median_s'])} — {'met' if o['median_s'] < 0.010 else 'MISSED'}"))
    if ours:
        pts = [(n, ours["compile"][str(n)]["median_s"]) for n in sizes
               if ours["compile"].get(str(n), {}).get("ok") and n >= 1000]
        k = slope(pts)
        ki = slope([p for p in instruction_points(ours, sizes) if p[0] >= 1000])
        if ki is not None:  # instructions decide: wall time at 7,000 lines swings ±20% here
            out.append(f"* linear compile (exponent over the sizes ≥ 1000 lines): instructions k = {ki:.2f} — "
                       + ("met" if ki < LINEAR_K_MAX else "MISSED")
                       + ("" if k is None else f" (wall time k = {k:.2f})"))
        else:
            out.append("* linear compile (exponent over the sizes ≥ 1000 lines): "
                       + ("not measured" if k is None else f"k = {k:.2f} — {'met' if k < LINEAR_K_MAX else 'MISSED'}"))
    rc = ref["interp"].get("bench_c_fold_local_calls") if ref else None
    oc = ours["interp"].get("bench_c_fold_local_calls") if ours else None
    inv = rc.get("invoke_total_median_s") if rc else None
    out.append("* fold over 1000 with calls, whole particle ≥ 100× faster than AquaVM: "
               + ("not measured" if not inv or not oc or not oc.get("ok") else
                  f"{inv / oc['median_s']:,.0f}× — {'met' if inv / oc['median_s'] >= 100 else 'MISSED'}"))
    k = oc.get("per_invocation_k") if oc else None
    out.append("* per-invocation cost in that fold growing at most linearly: "
               + ("not measured" if k is None else f"k = {k:.2f} — {'met' if k < LINEAR_K_MAX else 'MISSED'}"))
    return out


def svg_chart(ref, ours, sizes, path):
    """Log-log chart of median compile time against file lines, one line per tool."""
    series = []
    if ref:
        series.append(("reference compile (aqua-api)", "#d62728",
                       [(n, ref["compile"][str(n)]["median_s"]) for n in sizes if str(n) in ref["compile"]]))
    if ours:
        series.append(("aquac compile", "#1f77b4",
                       [(n, ours["compile"][str(n)]["median_s"]) for n in sizes
                        if ours["compile"].get(str(n), {}).get("ok")]))
        series.append(("aquac check", "#2ca02c",
                       [(n, ours["check"][str(n)]["median_s"]) for n in sizes
                        if ours["check"].get(str(n), {}).get("ok")]))
    W, H, ml, mr, mt, mb = 640, 420, 70, 20, 30, 50
    ys = [y for _, _, pts in series for _, y in pts if y > 0]
    ymin = 10 ** math.floor(math.log10(min(ys))) if ys else 1e-3
    ymax = 10 ** math.ceil(math.log10(max(ys))) if ys else 100
    if ymax <= ymin:
        ymax = ymin * 10
    xmin, xmax = 10 ** math.floor(math.log10(min(sizes))), 10 ** math.ceil(math.log10(max(sizes)))
    if xmax <= xmin:
        xmax = xmin * 10
    X = lambda x: ml + (math.log10(x) - math.log10(xmin)) / (math.log10(xmax) - math.log10(xmin)) * (W - ml - mr)
    Y = lambda y: H - mb - (math.log10(y) - math.log10(ymin)) / (math.log10(ymax) - math.log10(ymin)) * (H - mt - mb)
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2}" y="18" text-anchor="middle" font-size="14">Compile time against input size (log-log)</text>']
    e = int(math.log10(ymin))
    while 10 ** e <= ymax * 1.0001:
        y = Y(10 ** e)
        s.append(f'<line x1="{ml}" y1="{y:.1f}" x2="{W - mr}" y2="{y:.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{ml - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt_time(10 ** e)}</text>')
        e += 1
    for n in sorted(set(sizes) | {xmin, xmax}):
        x = X(n)
        s.append(f'<line x1="{x:.1f}" y1="{mt}" x2="{x:.1f}" y2="{H - mb}" stroke="#eee"/>')
        s.append(f'<text x="{x:.1f}" y="{H - mb + 16}" text-anchor="middle">{n}</text>')
    s.append(f'<text x="{(W + ml) / 2}" y="{H - 12}" text-anchor="middle">lines of Aqua</text>')
    s.append(f'<rect x="{ml}" y="{mt}" width="{W - ml - mr}" height="{H - mt - mb}" fill="none" stroke="#444"/>')
    for i, (name, color, pts) in enumerate(series):
        if pts:
            d = " ".join(f"{X(x):.1f},{Y(y):.1f}" for x, y in pts)
            s.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
            for x, y in pts:
                s.append(f'<circle cx="{X(x):.1f}" cy="{Y(y):.1f}" r="3" fill="{color}"><title>{name}: {x} lines, {fmt_time(y)}</title></circle>')
        ly = mt + 16 + 16 * i
        s.append(f'<line x1="{ml + 10}" y1="{ly - 4}" x2="{ml + 30}" y2="{ly - 4}" stroke="{color}" stroke-width="2"/>')
        s.append(f'<text x="{ml + 36}" y="{ly}">{name}{"" if pts else " (no data)"}</text>')
    s.append("</svg>")
    path.write_text("\n".join(s) + "\n")


# ------------------------------------------------------------------ main

def find_binary(name):
    for d in ("build-release", "build"):
        p = REPO / d / "bin" / name
        if p.exists():
            return p
    return None


def machine():
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        cpu = "unknown CPU"
    return f"{os.cpu_count()} cores, {cpu}, load avg {os.getloadavg()[0]:.2f} at start"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aquac", type=pathlib.Path, default=find_binary("aquac"))
    ap.add_argument("--aqua-lsp", type=pathlib.Path, default=find_binary("aqua-lsp"))
    ap.add_argument("--shared", type=pathlib.Path, default=DEFAULT_SHARED,
                    help="folder with oracle/ and bench/ (reference tools, scenarios, generator)")
    ap.add_argument("--sizes", default="100,1000,3000,7000")
    ap.add_argument("--runs", type=int, default=10, help="runs per aquac measurement")
    ap.add_argument("--ref-runs", type=int, default=5, help="reference compile runs, files <= 1000 lines")
    ap.add_argument("--ref-runs-large", type=int, default=3, help="reference compile runs, larger files")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per aquac process")
    ap.add_argument("--timeout-ref", type=float, default=600, help="seconds per reference process")
    ap.add_argument("--cases", default="a,b,c,d",
                    help="interpreter cases to run (letters of the bench_<letter>_* scenarios)")
    ap.add_argument("--single", action="store_true", help="also the par case with one result per invocation (~2 min on AquaVM)")
    ap.add_argument("--reference-only", action="store_true", help="measure only the reference; store reference-<date>.json")
    ap.add_argument("--ours-only", action="store_true", help="measure only aquac (no ratios unless --reuse-reference)")
    ap.add_argument("--reuse-reference", type=pathlib.Path, help="take reference figures from this stored file")
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "results")
    ap.add_argument("--render", type=pathlib.Path, help="only rewrite the report and chart from a raw JSON file")
    args = ap.parse_args()

    if not args.render and not ensure_gnu_time():
        log("no /usr/bin/time: RSS falls back to wait4 (never below this Python's own ~17 MB)")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.render:
        raw = json.loads(args.render.read_text())
        meta, ref, ours = raw["meta"], raw["reference"], raw["aquac"]
        present = {k for part in (ref, ours) if part for k in part.get("interp", {})}
        scen = [c for c in SCENARIOS + [SCENARIO_SINGLE] if c[0] in present]
        md = report(meta, ref, ours, meta["sizes"], scen)
        name = "reference-latest.md" if ours is None else "latest.md"
        (args.out / name).write_text(md)
        svg_chart(ref, ours, meta["sizes"], args.out / "compile-time.svg")
        print(md)
        return

    sizes = [int(x) for x in args.sizes.split(",")]
    wanted = set(args.cases.split(",")) if args.cases else set()
    scenarios = [c for c in SCENARIOS if c[0].split("_")[1] in wanted]
    scenarios += [SCENARIO_SINGLE] if args.single else []
    now = dt.datetime.now(dt.timezone.utc)
    meta = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(), "sizes": sizes,
            "aquac": str(args.aquac), "aquac_version": "n/a",
            "reference": "aqua-api 0.14.6 (compile.mjs), @fluencelabs/avm 0.62.0 (run.mjs)"}
    if not args.reference_only:
        if not args.aquac or not pathlib.Path(args.aquac).exists():
            sys.exit("run_bench: aquac not found; build it or pass --aquac")
        args.aquac = pathlib.Path(args.aquac).resolve()
        meta["aquac"] = str(args.aquac)
        v = subprocess.run([str(args.aquac), "--version"], capture_output=True, text=True)
        meta["aquac_version"] = v.stdout.strip() or "unknown"
        git = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        meta["aquac_version"] += f", commit {git.stdout.strip()}"
    if args.aqua_lsp and not pathlib.Path(args.aqua_lsp).exists():
        args.aqua_lsp = None

    with tempfile.TemporaryDirectory(prefix="aqua-bench-") as t:
        tmp = pathlib.Path(t)
        files = generate_inputs(args.shared / "bench" / "gen-large.mjs", sizes, tmp)
        ref = ours = None
        if args.reuse_reference:
            ref = json.loads(args.reuse_reference.read_text())["reference"]
            meta["reused_reference"] = str(args.reuse_reference)
        elif not args.ours_only:
            # Ours first on purpose when both run: the reference takes minutes and heats nothing up
            # for us, while a cold page cache would penalise whichever tool goes first.
            pass
        # Dirty pages left by earlier work (a build just before) are written back while we
        # measure and slow the compile's output files: 300 ms instead of 130 ms at 7,000 lines
        # in a run started right after a sanitizer build. Flush them first.
        log("sync (flushing dirty pages before timing)")
        os.sync()
        if not args.reference_only:
            ours = measure_ours(args, files, scenarios, tmp)
        if not args.reuse_reference and not args.ours_only:
            ref = measure_reference(args, files, scenarios, tmp)

    stamp = now.strftime("%Y-%m-%d-%H%M")
    raw = {"meta": meta, "reference": ref, "aquac": ours}
    if args.reference_only:
        p = args.out / f"reference-{now.strftime('%Y-%m-%d')}.json"
        p.write_text(json.dumps(raw, indent=1) + "\n")
        log(f"wrote {p}")
    else:
        (args.out / f"bench-{stamp}.json").write_text(json.dumps(raw, indent=1) + "\n")
    md = report(meta, ref, ours, sizes, scenarios)
    name = "reference-latest.md" if args.reference_only else "latest.md"
    (args.out / name).write_text(md)
    svg_chart(ref, ours, sizes, args.out / "compile-time.svg")
    print(md)


if __name__ == "__main__":
    main()
