#!/usr/bin/env python3
"""Tests of `aquac fmt`.

  fmt_check.py --aquac BIN golden CASE.aqua [--update]   format CASE.aqua, compare with
                                                         CASE.expected.aqua (--update rewrites it)
  fmt_check.py --aquac BIN conformance FILE.aqua         a program of the shared conformance corpus
      (formatted in a copy of its folder, imports are relative): if it checks clean, its formatted
      copy checks clean, compiles (--target air) to byte-identical AIR and formats to itself; if it
      does not, fmt refuses it or formats it idempotently, never crashes
  fmt_check.py --aquac BIN cli                           --check, --stdin, errors, line ends, files
                                                         untouched or replaced whole

Golden expectations are reviewed by eye: formatting is idempotent (checked here too) and keeps
every token, comment and block (aquac fmt refuses to write anything else).
"""
import argparse
import filecmp
import pathlib
import shutil
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def signal_check(proc, what):
    if proc.returncode < 0 or proc.returncode > 2:
        fail(f"{what} ended with {proc.returncode}: {proc.stderr[-2000:]}")


def golden(aquac, case, update):
    expected_path = case.with_name(case.name[: -len(".aqua")] + ".expected.aqua")
    proc = run([aquac, "fmt", "--stdin"], input=case.read_text())
    signal_check(proc, "fmt")
    if proc.returncode != 0:
        fail(f"fmt refused {case.name}: {proc.stderr}")
    if update:
        expected_path.write_text(proc.stdout)
        print("updated", expected_path)
        return
    again = run([aquac, "fmt", "--stdin"], input=proc.stdout)
    if again.stdout != proc.stdout:
        fail("not idempotent:\n" + again.stdout)
    expected = expected_path.read_text() if expected_path.exists() else None
    if proc.stdout != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff((expected or "").splitlines(True), proc.stdout.splitlines(True),
                                                   str(expected_path), "actual"))
        fail("output differs from the expected file (rerun with --update and review the diff)")
    # The formatted text must still check like the input did.
    with tempfile.TemporaryDirectory() as tmp:
        a = pathlib.Path(tmp) / "in.aqua"
        b = pathlib.Path(tmp) / "out.aqua"
        a.write_text(case.read_text())
        b.write_text(proc.stdout)
        ca, cb = run([aquac, "check", str(a)]), run([aquac, "check", str(b)])
        if ca.returncode != cb.returncode:
            fail(f"check exit code changed by formatting: {ca.returncode} -> {cb.returncode}\n{cb.stderr}")


def conformance(aquac, source):
    with tempfile.TemporaryDirectory() as tmp:
        # Imports are relative: format a copy of the whole folder.
        folder = pathlib.Path(tmp) / "src"
        shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("*.json", "*.md", "node_modules"))
        file = folder / source.name
        original = file.read_text()
        checked = run([aquac, "check", str(file)])
        signal_check(checked, "check")
        before_air = pathlib.Path(tmp) / "air-before"
        compiled = run([aquac, "compile", "--target", "air", str(file), "-o", str(before_air)]) if checked.returncode == 0 else None
        proc = run([aquac, "fmt", str(file)])
        signal_check(proc, "fmt")
        if checked.returncode != 0:
            # An invalid program: refused (file untouched) or formatted idempotently.
            if proc.returncode != 0 and file.read_text() != original:
                fail("fmt failed but changed the file")
            if proc.returncode == 0 and run([aquac, "fmt", "--check", str(file)]).returncode != 0:
                fail("formatting an invalid program is not idempotent")
            print("invalid program:", "refused" if proc.returncode else "formatted")
            return
        if proc.returncode != 0:
            fail(f"fmt refused a valid program: {proc.stderr}")
        formatted = file.read_text()
        after = run([aquac, "check", str(file)])
        if after.returncode != 0:
            fail(f"the formatted program does not check:\n{after.stderr}\n--- formatted:\n{formatted}")
        after_air = pathlib.Path(tmp) / "air-after"
        compiled_after = run([aquac, "compile", "--target", "air", str(file), "-o", str(after_air)])
        if compiled.returncode != compiled_after.returncode:
            fail(f"compile exit code changed: {compiled.returncode} -> {compiled_after.returncode}")
        if compiled.returncode == 0:
            cmp = filecmp.dircmp(before_air, after_air)
            if cmp.left_only or cmp.right_only or cmp.diff_files:
                fail(f"AIR differs after formatting: {cmp.diff_files or cmp.left_only or cmp.right_only}")
        again = run([aquac, "fmt", "--check", str(file)])
        if again.returncode != 0:
            fail("formatting is not idempotent:\n" + run([aquac, "fmt", "--stdin"], input=formatted).stdout)
        print("ok:", "unchanged" if formatted == original else "reformatted", f"({len(list(after_air.iterdir()))} AIR files equal)")


def cli(aquac):
    with tempfile.TemporaryDirectory() as tmp:
        d = pathlib.Path(tmp)
        messy = "aqua M\n\nfunc f( x:u32 )->u32:\n  <- x\nfunc g()->u32:\n  <- f(1)\n"
        clean = "aqua M\n\nfunc f(x: u32) -> u32:\n  <- x\nfunc g() -> u32:\n  <- f(1)\n"
        broken = "aqua M\n\nfunc f(:\n  <- x\n"
        (d / "messy.aqua").write_text(messy)
        (d / "clean.aqua").write_text(clean)
        (d / "broken.aqua").write_text(broken)
        # --check lists what would change, exits 1, writes nothing.
        p = run([aquac, "fmt", "--check", str(d / "messy.aqua"), str(d / "clean.aqua")])
        if p.returncode != 1 or p.stdout.strip() != str(d / "messy.aqua") or (d / "messy.aqua").read_text() != messy:
            fail(f"--check: exit {p.returncode}, stdout {p.stdout!r}")
        p = run([aquac, "fmt", "--check", str(d / "clean.aqua")])
        if p.returncode != 0 or p.stdout:
            fail(f"--check on a clean file: exit {p.returncode}, stdout {p.stdout!r}")
        # --check on a file that does not parse: an error, not a file that would change.
        p = run([aquac, "fmt", "--check", str(d / "broken.aqua"), str(d / "clean.aqua")])
        if p.returncode != 1 or p.stdout or f"{d / 'broken.aqua'}:3:8: error: " not in p.stderr:
            fail(f"--check on a broken file: exit {p.returncode}, stdout {p.stdout!r}, stderr {p.stderr!r}")
        # An unchanged file is not rewritten (same inode, same time stamp).
        before = (d / "clean.aqua").stat()
        p = run([aquac, "fmt", str(d / "clean.aqua")])
        after = (d / "clean.aqua").stat()
        if p.returncode != 0 or (before.st_ino, before.st_mtime_ns) != (after.st_ino, after.st_mtime_ns):
            fail(f"a clean file was rewritten (exit {p.returncode})")
        # In place, through a temporary file renamed over the original: permissions kept, nothing left.
        (d / "messy.aqua").chmod(0o640)
        p = run([aquac, "fmt", str(d / "messy.aqua")])
        if p.returncode != 0 or p.stdout or (d / "messy.aqua").read_text() != clean:
            fail(f"in place: exit {p.returncode}: {(d / 'messy.aqua').read_text()!r}")
        if (d / "messy.aqua").stat().st_mode & 0o777 != 0o640:
            fail(f"permissions changed: {oct((d / 'messy.aqua').stat().st_mode)}")
        if sorted(x.name for x in d.iterdir()) != ["broken.aqua", "clean.aqua", "messy.aqua"]:
            fail(f"temporary files left behind: {sorted(x.name for x in d.iterdir())}")
        # --stdin: the formatted text on stdout; with --check, `<stdin>` listed and exit 1.
        p = run([aquac, "fmt", "--stdin"], input=messy)
        if p.returncode != 0 or p.stdout != clean:
            fail(f"--stdin: exit {p.returncode}, {p.stdout!r}")
        p = run([aquac, "fmt", "--stdin", "--check"], input=messy)
        if p.returncode != 1 or p.stdout != "<stdin>\n":
            fail(f"--stdin --check: exit {p.returncode}, {p.stdout!r}")
        p = run([aquac, "fmt", "--stdin", "--check"], input=clean)
        if p.returncode != 0 or p.stdout:
            fail(f"--stdin --check on clean text: exit {p.returncode}, {p.stdout!r}")
        p = run([aquac, "fmt", "--stdin"], input=broken)
        if p.returncode != 1 or p.stdout or not p.stderr.startswith("<stdin>:3:8: error: "):
            fail(f"--stdin with broken text: exit {p.returncode}, {p.stdout!r}, {p.stderr!r}")
        # \r\n and \r line ends, tabs, trailing blanks, no final newline: all come out canonical.
        for name, text in [("crlf", messy.replace("\n", "\r\n")), ("cr", messy.replace("\n", "\r")),
                           ("tabs", messy.replace("  <- x", "\t<- x \t")), ("no final newline", messy.rstrip("\n")),
                           ("blank lines around", "\n\n" + messy + "\n\n\n")]:
            p = subprocess.run([aquac, "fmt", "--stdin"], input=text.encode(), capture_output=True, timeout=120)
            if p.returncode != 0 or p.stdout.decode() != clean:
                fail(f"{name}: exit {p.returncode}, {p.stdout!r}, {p.stderr!r}")
        # A file that does not parse: file:line:col, exit 1, untouched; other files still formatted.
        (d / "messy.aqua").write_text(messy)
        p = run([aquac, "fmt", str(d / "broken.aqua"), str(d / "messy.aqua")])
        if p.returncode != 1 or f"{d / 'broken.aqua'}:3:8: error: " not in p.stderr or (d / "broken.aqua").read_text() != broken:
            fail(f"broken file: exit {p.returncode}, stderr {p.stderr!r}")
        if (d / "messy.aqua").read_text() != clean:
            fail("a broken file stopped the others from being formatted")
        # Bad indentation is a syntax error too, at the offending line.
        (d / "indent.aqua").write_text("aqua M\n\nfunc f():\n    x = 1\n  y = 2\n")
        p = run([aquac, "fmt", str(d / "indent.aqua")])
        if p.returncode != 1 or f"{d / 'indent.aqua'}:5:3: error: unexpected indentation" not in p.stderr:
            fail(f"bad indentation: exit {p.returncode}, stderr {p.stderr!r}")
        (d / "indent.aqua").unlink()
        # Unreadable files (missing, a directory): a clear message, exit 1, the other files formatted.
        (d / "messy.aqua").write_text(messy)
        (d / "dir.aqua").mkdir()
        p = run([aquac, "fmt", str(d / "nope.aqua"), str(d / "dir.aqua"), str(d / "messy.aqua")])
        if (p.returncode != 1 or f"{d / 'nope.aqua'}: error: cannot read file" not in p.stderr
                or f"{d / 'dir.aqua'}: error: cannot read file" not in p.stderr):
            fail(f"unreadable files: exit {p.returncode}, {p.stderr!r}")
        if (d / "messy.aqua").read_text() != clean:
            fail("an unreadable file stopped the others from being formatted")
        # Binary and non-UTF-8 files are refused and left as they are.
        (d / "bin.aqua").write_bytes(b"aqua M\n\x00\x01\x02")
        p = run([aquac, "fmt", str(d / "bin.aqua")])
        if p.returncode != 1 or "binary" not in p.stderr or (d / "bin.aqua").read_bytes() != b"aqua M\n\x00\x01\x02":
            fail(f"binary file: exit {p.returncode}, {p.stderr!r}")
        (d / "latin1.aqua").write_bytes(b"aqua M\n-- caf\xe9\n")
        p = run([aquac, "fmt", str(d / "latin1.aqua")])
        if p.returncode != 1 or "UTF-8" not in p.stderr or (d / "latin1.aqua").read_bytes() != b"aqua M\n-- caf\xe9\n":
            fail(f"latin-1 file: exit {p.returncode}, {p.stderr!r}")
        # Usage errors: exit 2.
        for args in [[], ["--stdin", str(d / "clean.aqua")], ["--no-such-flag", str(d / "clean.aqua")]]:
            p = run([aquac, "fmt", *args])
            if p.returncode != 2:
                fail(f"usage error {args}: exit {p.returncode}")
    print("ok")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aquac", required=True)
    ap.add_argument("mode", choices=["golden", "conformance", "cli"])
    ap.add_argument("file", nargs="?", type=pathlib.Path)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    if args.mode == "golden":
        golden(args.aquac, args.file, args.update)
    elif args.mode == "conformance":
        conformance(args.aquac, args.file)
    else:
        cli(args.aquac)


if __name__ == "__main__":
    main()
