#!/usr/bin/env python3
"""Writes the seed corpus of the `lsp` fuzz target (fuzz_lsp.cpp) into tests/fuzz/seeds/lsp/:

* transcript_<name>: every tests/lsp/transcripts/*.lsp session in raw mode (flags byte 0, then the
  framed messages; `${ROOT}` stays, the harness replaces it; "@file.aqua" texts are inlined,
  {"raw": ...} bytes are sent as they are, file writes and deletes are left out);
* aqua_<name>: every seeds/aqua_pipeline/*.aqua in structured mode (opened as main.aqua, every
  request once), with a second part that inserts a line break and asks for some requests;
* op_<n>: main.aqua of the transcript workspace followed by one part of each event kind.

    python3 tests/fuzz/make_lsp_seeds.py      # rewrites the folder (review with git status)
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "tools"))
from lsp_transcript import read_messages  # noqa: E402

WORKSPACE = ROOT / "tests" / "lsp" / "workspace"
OUT = HERE / "seeds" / "lsp"
SEP = b"\n%%%%\n"


def frame(body):
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def inline(value):
    if isinstance(value, list):
        return [inline(v) for v in value]
    if isinstance(value, dict):
        out = {k: inline(v) for k, v in value.items()}
        if isinstance(out.get("text"), str) and out["text"].startswith("@") and out["text"].endswith(".aqua"):
            out["text"] = (WORKSPACE / out["text"][1:]).read_text()
        return out
    return value


def transcript_seed(path):
    stream = bytearray(b"\x00")
    for m in read_messages(path.read_text()):
        if "raw" in m:
            stream += m["raw"].encode()
        elif "write" in m or "delete" in m:
            continue
        else:
            if isinstance(m, dict):
                m = {"jsonrpc": "2.0", **inline(m)}
            stream += frame(json.dumps(m, ensure_ascii=False).encode())
    return bytes(stream)


def part(op, line, char, m1, m2, text):
    return bytes([op, line, char, m1, m2]) + text


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    count = 0
    for t in sorted((ROOT / "tests" / "lsp" / "transcripts").glob("*.lsp")):
        (OUT / f"transcript_{t.stem}").write_bytes(transcript_seed(t))
        count += 1
    for i, a in enumerate(sorted((HERE / "seeds" / "aqua_pipeline").glob("*.aqua"))):
        # Structured mode; bit 5 (shutdown + exit) always, the capability bits vary.
        flags = 0x21 | ((i % 8) << 2) & 0x1c | (0x40 if i % 3 == 0 else 0)
        text = a.read_bytes()
        lines = text.count(b"\n")
        edit = part(1, (i * 7) % max(1, lines), 0, 0x8f, 0x5a ^ (i & 0xff), b"\n")
        (OUT / f"aqua_{a.stem}").write_bytes(bytes([flags]) + text + SEP + edit)
        count += 1
    main_text = (WORKSPACE / "main.aqua").read_bytes()
    events = [
        part(0, 0, 0, 0x00, 0x01, main_text.replace(b"greetAll", b"greetEveryone")),  # full change
        part(1, 9, 4, 0x01, 0x40, b"x"),                                               # incremental
        part(2, 12, 8, 0x02, 0x21, b"for q <- people:\n"),                             # two changes
        part(3, 4, 5, 0x00, 0x11, (WORKSPACE / "lib.aqua").read_bytes()),             # lib.aqua
        part(4, 0, 0, 0x80, 0x00, main_text),                                          # close, reopen
        part(5, 0, 0, 0x01, 0x02, b""),                                                # save, watched
        part(6, 0, 0, 0x01, 0x08, b"libs"),                                            # settings
        part(7, 0, 0, 0x00, 0x04, b"libs"),                                            # folders
        part(8, 0, 0, 0x00, 0x00, b'{"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover"}'),
        part(9, 0, 0, 0x00, 0x00, b"Content-Length: 5\r\n\r\n{}"),                     # raw bytes
        part(10, 0, 0, 0xff, 0xff, b"func f() -> u32:\n  <- 1\n"),                      # untitled
        part(11, 0, 0, 0x02, 0x00, b"weird"),                                           # odd requests
        part(1, 0xff, 0xfe, 0x03, 0xff, b"edge"),                                       # out of range
    ]
    for n, e in enumerate(events):
        flags = [0x21, 0x25, 0x2d, 0x3d, 0x7d, 0xa1, 0x01][n % 7]
        (OUT / f"op_{n:02d}").write_bytes(bytes([flags]) + main_text + SEP + e)
        count += 1
    all_ops = bytes([0x3d]) + main_text + b"".join(SEP + e for e in events if e[0] not in (8, 9))
    (OUT / "op_all").write_bytes(all_ops)
    count += 1
    print(f"wrote {count} seeds to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
