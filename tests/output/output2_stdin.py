#!/usr/bin/env python3
"""Standard input is read as boundedly as a named file (docs/medel.1, Limits).

medel copies standard input that is not a regular file into a temporary file
as it is read, so that it can be hashed and read again. An endless one
(/dev/zero, a pipe of NULs, a pipe of one line without a newline) must stop
at the reader's own limit with the reader's own message, and the copy may
hold no more than that limit and one chunk: each run here has its file size
limit (RLIMIT_FSIZE) at 64 MiB + 64 KiB, so a copy that grew past it would
fail with a different message. A normal pipe still gets its SHA-256 in the
JSON reports (check writes its head before reading, allocate after).

Usage: output2_stdin.py MEDEL SOURCE_DIR WORK_DIR. Ends with "N passed, N failed".
"""
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys

medel, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
RULES = os.path.join(src, "rules/ungdomsmottagningar-2021.medel")
LIMIT = 64 * 1024 * 1024 + 64 * 1024
TIMEOUT = 120

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def bounded():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run_from(source, args):
    """medel args with standard input from source: a path, or a shell command piped in."""
    cmd = [medel] + args
    try:
        if source.startswith("|"):
            feeder = subprocess.Popen(["sh", "-c", source[1:]], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            try:
                return subprocess.run(cmd, stdin=feeder.stdout, capture_output=True, preexec_fn=bounded, timeout=TIMEOUT)
            finally:
                feeder.stdout.close()
                feeder.kill()
                feeder.wait()
        with open(source, "rb") as f:
            return subprocess.run(cmd, stdin=f, capture_output=True, preexec_fn=bounded, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None


CSV_LONG = "-: posten som börjar på rad 1 är längre än 64 MiB\n".encode()
JSONL_LONG = ("-:1: raden är längre än 64 MiB; JSON Lines har en ansökan per rad\n".encode()
              + "-: 0 ansökningar lästa, 0 giltiga, 0 avvisade\n".encode())
JSONL_NUL = "-: filen är UTF-16- eller UTF-32-text, men medel läser bara UTF-8: spara den som UTF-8\n".encode()
cases = [
    ("/dev/zero", "csv", 66, CSV_LONG),
    ("| cat /dev/zero", "csv", 66, CSV_LONG),
    ("| yes | tr -d '\\n'", "csv", 66, CSV_LONG),
    ("/dev/zero", "jsonl", 66, JSONL_NUL),
    ("| cat /dev/zero", "jsonl", 66, JSONL_NUL),
    ("| yes | tr -d '\\n'", "jsonl", 67, JSONL_LONG),
]
for source, fmt, rc, err in cases:
    for command in ("check", "allocate"):
        what = f"{command} --input-format {fmt} < {source}"
        r = run_from(source, [command, RULES, "-", "--input-format", fmt, "--format", "json"])
        if r is None:
            check(False, f"{what}: still running after {TIMEOUT} s")
            continue
        check(r.returncode == rc and r.stderr == err and r.stdout == b"",
              f"{what}: exit {r.returncode}, want {rc}; {r.stderr[-400:]!r}")

# A normal pipe: its SHA-256 in check's JSON (written before reading, so the
# applications need to be more than one read) and allocate's, the same
# report as from the file, and a whatif scenario reads it again.
apps = os.path.join(src, "examples/ansokningar-ungdomsmottagningar-2021.csv")
RUN = os.path.join(src, "tests/golden/run")
big = os.path.join(work, "many.csv")
with open(big, "w", encoding="utf-8") as f:
    f.write("Id;Titel;Sökande;Typ;Kommun;Belopp;Ålder;Fokus;Pott\n")
    for i in range(20000):
        f.write(f"A-{i:06d};Fritidsgård nummer {i} med kurator;Alby kommun;kommun;Alby;150 000 kr;13..18;"
                f"samverkan|främjande;lokalt\n")
for rules, path in ((RULES, apps), (os.path.join(RUN, "alla_policyer.medel"), big)):
    data = open(path, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    for command in ("check", "allocate"):
        from_file = subprocess.run([medel, command, rules, path, "--format", "json"], capture_output=True, cwd=RUN)
        from_pipe = subprocess.run([medel, command, rules, "-", "--format", "json"], input=data, capture_output=True, cwd=RUN)
        what = f"{command} {os.path.basename(path)} ({len(data)} bytes) from a pipe"
        ok = from_pipe.returncode == 0 and from_file.returncode == 0
        rep = json.loads(from_pipe.stdout) if ok else {}
        got = [i for i in rep.get("inputs", []) if i["role"] == "applications"]
        check(got == [{"role": "applications", "path": "-", "sha256": sha}], f"{what}: its SHA-256: {got}")
        if ok:
            want = json.loads(from_file.stdout)
            for r in (rep, want):
                r["inputs"] = [i for i in r["inputs"] if i["role"] != "applications"]
            check(rep == want, f"{what}: the same report as from the file")

# The copy cannot be written past 1 MiB (as on a full disk): the reading
# stops with a read error, never at a clean end with rows missing. JSON
# Lines is cut at a line's end, where a reader that took the error for the
# end of the file would go on silently.
jsonl = os.path.join(work, "many.jsonl")
with open(big, encoding="utf-8") as f, open(jsonl, "w", encoding="utf-8") as out:
    head = f.readline().rstrip("\n").split(";")
    for line in f:
        out.write(json.dumps(dict(zip(head, line.rstrip("\n").split(";"))), ensure_ascii=False) + "\n")
LIMIT = 1 << 20
for path in (big, jsonl):
    r = run_from("| cat " + path, ["check", os.path.join(RUN, "alla_policyer.medel"), "-",
                                                       "--input-format", path.rsplit(".", 1)[1], "-o", os.path.join(work, "ut.txt")])
    what = f"check {os.path.basename(path)} from a pipe, the copy limited to 1 MiB"
    check(r is not None and r.returncode in (66, 67) and "läsfel: filen är för stor".encode() in r.stderr
          and not os.path.exists(os.path.join(work, "ut.txt")), f"{what}: {r and r.returncode} {r and r.stderr[-300:]!r}")

print(f"{passed} passed, {failed} failed")
