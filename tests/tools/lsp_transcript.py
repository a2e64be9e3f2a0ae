#!/usr/bin/env python3
"""Transcript tests for aqua-lsp: a scripted JSON-RPC session and the server's golden replies.

  lsp_transcript.py --lsp BIN CASE.lsp            run the session, compare with CASE.expected
  lsp_transcript.py --lsp BIN --update CASE.lsp   rewrite CASE.expected (review the diff)

CASE.lsp is a sequence of JSON messages from the client (whitespace and `//` comment lines
between them). "jsonrpc" is added. In every string `${ROOT}` becomes the file URI of the
workspace folder (tests/lsp/workspace, copied to a temporary folder so sessions cannot change
it), and a didOpen `"text": "@name.aqua"` is replaced by that workspace file's text.

A message `{"write": "name.aqua", "text": "..."}` (or `{"delete": "name.aqua"}`) changes a
workspace file on disk once the server has answered every request sent before it (file watching),
and `{"raw": "..."}` sends bytes as they are (malformed frames). Messages between two such
directives are written to the server's stdin at once, so a `$/cancelRequest` right after its
request reaches the queue before the request is handled.

The server runs with `--debounce-ms 0`, so diagnostics are published right after each change
and the transcript is deterministic. The
expected file lists every message the server sent, one JSON document each, with the workspace
URI written back as `${ROOT}` and the version as `${VERSION}`; the exit code comes last.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
WORKSPACE = HERE.parent / "lsp" / "workspace"


def read_messages(text):
    """The JSON values of a .lsp file, in order."""
    text = "\n".join("" if line.lstrip().startswith("//") else line for line in text.splitlines())
    decoder = json.JSONDecoder()
    at, out = 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return out
        value, at = decoder.raw_decode(text, at)
        out.append(value)


def substitute(value, root_uri, workspace):
    if isinstance(value, str):
        return value.replace("${ROOT}", root_uri)
    if isinstance(value, list):
        return [substitute(v, root_uri, workspace) for v in value]
    if isinstance(value, dict):
        out = {k: substitute(v, root_uri, workspace) for k, v in value.items()}
        if isinstance(out.get("text"), str) and out["text"].startswith("@") and out["text"].endswith(".aqua"):
            out["text"] = (workspace / out["text"][1:]).read_text()
        return out
    return value


def frame(message):
    body = json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def parse_output(data):
    messages = []
    while data:
        header_end = data.find(b"\r\n\r\n")
        if header_end < 0:
            raise ValueError("trailing bytes without a header: %r" % data[:80])
        match = re.search(rb"Content-Length: (\d+)", data[:header_end])
        if not match:
            raise ValueError("header without Content-Length: %r" % data[:header_end])
        length = int(match.group(1))
        body = data[header_end + 4:header_end + 4 + length]
        if len(body) != length:
            raise ValueError("truncated message")
        messages.append(json.loads(body))
        data = data[header_end + 4 + length:]
    return messages


STDLIB = re.compile(r"(file://)?/[^\"\s]*?/share/aquac/stdlib")


def unsubstitute(value, root_uri, root_path):
    """Machine-specific paths back to placeholders: the workspace and the bundled stdlib."""
    if isinstance(value, str):
        value = value.replace(root_uri, "${ROOT}").replace(root_path, "${ROOT_PATH}")
        value = value.replace(str(pathlib.Path(root_path).parent), "${TMP}")
        return STDLIB.sub(lambda m: "${STDLIB_URI}" if m.group(1) else "${STDLIB}", value)
    if isinstance(value, list):
        return [unsubstitute(v, root_uri, root_path) for v in value]
    if isinstance(value, dict):
        out = {unsubstitute(k, root_uri, root_path): unsubstitute(v, root_uri, root_path) for k, v in value.items()}
        if "serverInfo" in out and isinstance(out["serverInfo"], dict):
            out["serverInfo"]["version"] = "${VERSION}"
        return out
    return value


POSITION = re.compile(r'\{\n\s*"character": (\d+),\n\s*"line": (\d+)\n\s*\}')
RANGE = re.compile(r'\{\n\s*"end": (\{[^\n]*\}),\n\s*"start": (\{[^\n]*\})\n\s*\}')


def render(message):
    """Indented JSON with positions and ranges on one line each (transcripts stay readable)."""
    text = json.dumps(message, indent=2, ensure_ascii=False, sort_keys=True)
    text = POSITION.sub(r'{"character": \1, "line": \2}', text)
    return RANGE.sub(r'{"end": \1, "start": \2}', text)


class Session:
    """aqua-lsp on pipes; a reader thread collects what it sends."""

    def __init__(self, lsp, cwd):
        self.proc = subprocess.Popen([lsp, "--debounce-ms", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.output = bytearray()
        self.lock = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.stderr = b""
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(65536)
            with self.lock:
                if not chunk:
                    self.lock.notify_all()
                    return
                self.output += chunk
                self.lock.notify_all()

    def _read_err(self):
        self.stderr = self.proc.stderr.read()

    def send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass

    def wait_for_replies(self, ids, timeout=30):
        """Until every request id in `ids` has been answered."""
        deadline = time.time() + timeout
        with self.lock:
            while True:
                try:
                    answered = {m.get("id") for m in parse_output(bytes(self.output)) if "method" not in m}
                except ValueError:
                    answered = set()
                if ids <= answered or time.time() > deadline or self.proc.poll() is not None:
                    return
                self.lock.wait(0.05)

    def finish(self, timeout=60):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = "killed after %d s" % timeout
        self.reader.join(5)
        self.err_reader.join(5)
        return code


def run(lsp, case):
    # Under /tmp always: import diagnostics list the node_modules folders up to the root.
    with tempfile.TemporaryDirectory(prefix="aqua-lsp-", dir="/tmp") as tmp:
        workspace = pathlib.Path(tmp).resolve() / "workspace"
        shutil.copytree(WORKSPACE, workspace)
        root_uri = "file://" + str(workspace)
        messages = [substitute(m, root_uri, workspace) for m in read_messages(case.read_text())]
        session = Session(str(pathlib.Path(lsp).resolve()), workspace)
        batch, sent_ids = b"", set()
        for m in messages:
            if isinstance(m, dict) and ("write" in m or "delete" in m):
                # The file changes once the server has answered everything sent before.
                session.send(batch)
                batch = b""
                session.wait_for_replies(sent_ids)
                if "write" in m:
                    (workspace / m["write"]).write_text(m["text"])
                else:
                    (workspace / m["delete"]).unlink()
                continue
            if isinstance(m, dict) and m.get("raw") is not None:
                batch += m["raw"].encode()  # a deliberately malformed frame
                continue
            if isinstance(m, dict):
                m = {"jsonrpc": "2.0", **m}
                if "id" in m and "method" in m and isinstance(m["id"], (int, str)):
                    sent_ids.add(m["id"])
            batch += frame(m)
        session.send(batch)
        code = session.finish()
        replies = [unsubstitute(m, root_uri, str(workspace)) for m in parse_output(bytes(session.output))]
        out = "".join(render(r) + "\n" for r in replies)
        out += "// exit code %s\n" % code
        if session.stderr:
            out += "// stderr: " + session.stderr.decode(errors="replace").replace("\n", "\n// ") + "\n"
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lsp", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("cases", nargs="+", type=pathlib.Path)
    args = ap.parse_args()
    failed = 0
    for case in args.cases:
        expected_path = case.with_suffix(".expected")
        actual = run(args.lsp, case)
        if args.update:
            expected_path.write_text(actual)
            print("updated", expected_path)
            continue
        expected = expected_path.read_text() if expected_path.exists() else ""
        if actual != expected:
            failed += 1
            import difflib
            sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                       str(expected_path), "actual"))
            print("\n%s: transcript differs (rerun with --update and review the diff)" % case.name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
