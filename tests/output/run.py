#!/usr/bin/env python3
"""What medel writes, to every kind of destination (docs/medel.1, FILES).

- A run that fails late (a bad row at the end of 60 000) leaves a regular
  file, a link and its file byte for byte as they were, and sends zero bytes
  to a FIFO with a reader, a pipe and a pseudo-terminal, named by -o or as
  standard output.
- A run that succeeds writes exactly the report to each of them, through
  links (which stay links, to both -o and fmt), keeping a replaced file's
  mode; a new file gets 0666 & ~umask.
- A process killed by SIGKILL, SIGTERM, SIGINT or SIGHUP just before its
  output is renamed into place leaves no file behind (the test hook
  MEDEL_TEST_HOOK_PAUSE_BEFORE_RENAME pauses it there), with and without
  O_TMPFILE (MEDEL_TEST_HOOK_NO_TMPFILE); only SIGKILL without O_TMPFILE
  can leave the named temporary file, and is not tested.
- Property: random application cells, file names and rule-file text full of
  control, bidi, zero-width and other invisible characters never put one of
  them raw into table output or standard error, which stay valid UTF-8.

Usage: run.py MEDEL SOURCE_DIR WORK_DIR. Ends with "N passed, N failed".
"""
import os
import pty
import random
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
import unicodedata

medel, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules_src = os.path.join(src, "tests/golden/run")
shutil.copy(os.path.join(rules_src, "alla_policyer.medel"), work)
shutil.copytree(os.path.join(rules_src, "data"), os.path.join(work, "data"))
RULES = os.path.join(work, "alla_policyer.medel")

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


HEADER = "Id;Titel;Sökande;Typ;Kommun;Belopp;Ålder;Fokus;Pott\n"


def write_apps(path, n, bad_last):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(n):
            f.write(f"A-{i:06d};Fritidsgård nummer {i} med kurator;Alby kommun;kommun;Alby;150 000 kr;13..18;"
                    f"samverkan|främjande;lokalt\n")
        if bad_last:
            f.write("A-999999;Sista raden;Alby kommun;kommun;Alby;inte ett belopp;13..18;samverkan;lokalt\n")


BAD = os.path.join(work, "late-bad.csv")
GOOD = os.path.join(work, "good.csv")
write_apps(BAD, 60000, True)
write_apps(GOOD, 2000, False)


# Standard output by a name: a link of our own to /proc/self/fd/1, as
# /dev/stdout is, so that a medel that replaced the link (the bug this
# guards against) would replace this one and not the system's /dev/stdout.
STDOUT = os.path.join(work, "stdout")
os.symlink("/proc/self/fd/1", STDOUT)


def run(args, **kw):
    return subprocess.run([medel] + args, capture_output=True, **kw)


def listing(d):
    return sorted(os.listdir(d))


# The report each success must deliver, byte for byte.
want = {fmt: run(["check", RULES, GOOD, "--format", fmt]).stdout for fmt in ("csv", "table")}
check(len(want["csv"]) > 10000, "the reference report is there")

# ---- 1. regular file, link: untouched by a late failure; replaced through a link on success ----
d = os.path.join(work, "files")
os.makedirs(d)
old = b"gammalt innehall\n"
for name in ("plain.csv", "real.csv"):
    with open(os.path.join(d, name), "wb") as f:
        f.write(old)
os.chmod(os.path.join(d, "real.csv"), 0o640)
os.symlink("real.csv", os.path.join(d, "link.csv"))
before = listing(d)
for name in ("plain.csv", "link.csv"):
    r = run(["check", RULES, BAD, "--format", "csv", "-o", os.path.join(d, name)])
    check(r.returncode == 67, f"late failure -o {name}: exit {r.returncode}")
    check(open(os.path.join(d, name), "rb").read() == old, f"late failure leaves {name} as it was")
    check("inget skrevs".encode() in r.stderr, f"late failure -o {name} says nothing was written")
check(listing(d) == before, f"late failure leaves no file behind: {listing(d)}")
check(os.path.islink(os.path.join(d, "link.csv")), "the link is still a link")

r = run(["check", RULES, GOOD, "--format", "csv", "-o", os.path.join(d, "link.csv")])
check(r.returncode == 0, "success through a link")
check(os.path.islink(os.path.join(d, "link.csv")), "-o through a link keeps the link")
check(open(os.path.join(d, "real.csv"), "rb").read() == want["csv"], "-o through a link writes the file it names")
check(stat.S_IMODE(os.stat(os.path.join(d, "real.csv")).st_mode) == 0o640, "the linked file keeps its mode 0640")
check(listing(d) == before, "success leaves no temporary file")

# Modes: a replaced file keeps its own; a new one gets 0666 & ~umask.
for mode in (0o600, 0o640, 0o604):
    p = os.path.join(d, f"mode-{mode:o}.csv")
    with open(p, "wb") as f:
        f.write(old)
    os.chmod(p, mode)
    r = run(["check", RULES, GOOD, "--format", "csv", "-o", p])
    got = stat.S_IMODE(os.stat(p).st_mode)
    check(r.returncode == 0 and got == mode, f"-o over a {mode:o} file keeps {mode:o}, got {got:o}")
for mask in (0o022, 0o077, 0o027):
    p = os.path.join(d, f"new-{mask:o}.csv")
    r = subprocess.run(["sh", "-c", f'umask {mask:o} && exec "$0" "$@"', medel, "check", RULES, GOOD, "--format", "csv",
                        "-o", p], capture_output=True)
    got = stat.S_IMODE(os.stat(p).st_mode)
    check(r.returncode == 0 and got == 0o666 & ~mask, f"a new file under umask {mask:o} is {0o666 & ~mask:o}, got {got:o}")

# fmt through a link: the file it names is formatted, the link stays; the mode stays.
fd = os.path.join(work, "fmt")
os.makedirs(fd)
text = open(RULES, encoding="utf-8").read()
messy = text.replace("\n    ", "\n  ", 5)
real = os.path.join(fd, "regler.medel")
with open(real, "w", encoding="utf-8") as f:
    f.write(messy)
os.chmod(real, 0o600)
os.symlink("regler.medel", os.path.join(fd, "lank.medel"))
formatted = run(["fmt", "--stdout", real]).stdout
check(formatted != messy.encode(),
      "the messy copy is not formatted")
r = run(["fmt", os.path.join(fd, "lank.medel")])
check(r.returncode == 0, f"fmt through a link: exit {r.returncode} {r.stderr!r}")
check(os.path.islink(os.path.join(fd, "lank.medel")), "fmt keeps the link a link")
check(open(real, "rb").read() == formatted, "fmt through a link formats the file it names")
check(stat.S_IMODE(os.stat(real).st_mode) == 0o600, "fmt keeps a 0600 file 0600")
check(listing(fd) == ["lank.medel", "regler.medel"], f"fmt leaves no temporary file: {listing(fd)}")


# ---- 2. FIFO with a reader ----
def fifo_run(args):
    p = os.path.join(work, "fifo")
    if os.path.exists(p):
        os.unlink(p)
    os.mkfifo(p)
    got_path = os.path.join(work, "fifo-got")
    with open(got_path, "wb") as got_file:   # a file, not a pipe nobody reads while medel writes
        reader = subprocess.Popen(["cat", p], stdout=got_file)
        r = run(args + ["-o", p], timeout=120)
        reader.wait(timeout=60)
    return r, open(got_path, "rb").read()


r, got = fifo_run(["check", RULES, BAD, "--format", "csv"])
check(r.returncode == 67 and got == b"", f"late failure: the FIFO's reader gets {len(got)} bytes, want 0")
r, got = fifo_run(["check", RULES, GOOD, "--format", "csv"])
check(r.returncode == 0 and got == want["csv"], "success: the FIFO's reader gets the report")

# ---- 3. pipe, as standard output and as -o /dev/stdout ----
for extra in ([], ["-o", STDOUT], ["-o", "-"]):
    r = run(["check", RULES, BAD, "--format", "csv"] + extra)
    check(r.returncode == 67 and r.stdout == b"", f"late failure {extra}: the pipe gets {len(r.stdout)} bytes, want 0")
    r = run(["check", RULES, GOOD, "--format", "csv"] + extra)
    check(r.returncode == 0 and r.stdout == want["csv"], f"success {extra}: the pipe gets the report")
# Standard output redirected to a file and named by -o /dev/stdout: the
# file gets the report (and stays the shell's file, not a new one).
p = os.path.join(work, "redirected.csv")
with open(p, "wb") as f:
    r = subprocess.run([medel, "check", RULES, GOOD, "--format", "csv", "-o", STDOUT], stdout=f,
                       stderr=subprocess.PIPE)
check(r.returncode == 0 and open(p, "rb").read() == want["csv"], "-o /dev/stdout with stdout a file writes the file")
check(os.path.islink(STDOUT), "the link to standard output is still a link")


# ---- 4. pseudo-terminal ----
def pty_run(args):
    master, slave = pty.openpty()
    p = subprocess.Popen([medel] + args, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(slave)
    got = b""
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break   # EIO: the terminal's other end is closed
            if not chunk:
                break
            got += chunk
        elif p.poll() is not None:
            # Drain what is left, then stop.
            try:
                while select.select([master], [], [], 0.2)[0]:
                    chunk = os.read(master, 65536)
                    if not chunk:
                        break
                    got += chunk
            except OSError:
                pass
            break
    err = p.stderr.read()
    p.wait()
    os.close(master)
    return p.returncode, got, err


for extra in ([], ["-o", STDOUT]):
    rc, got, _ = pty_run(["check", RULES, BAD, "--format", "csv"] + extra)
    check(rc == 67 and got == b"", f"late failure {extra}: the terminal gets {len(got)} bytes, want 0")
    rc, got, _ = pty_run(["check", RULES, GOOD, "--format", "csv"] + extra)
    # The terminal turns "\n" into "\r\n".
    check(rc == 0 and got.replace(b"\r\n", b"\n") == want["csv"], f"success {extra}: the terminal gets the report")
tty_path = None

# ---- 5. killed just before the rename: nothing left behind ----
kd = os.path.join(work, "killed")
os.makedirs(kd)
target = os.path.join(kd, "ut.csv")
with open(target, "wb") as f:
    f.write(old)
os.chmod(target, 0o600)
cases = [(sig, tmpfile) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP) for tmpfile in (True, False)]
cases.append((signal.SIGKILL, True))
for sig, tmpfile in cases:
    env = dict(os.environ, MEDEL_TEST_HOOK_PAUSE_BEFORE_RENAME="1")
    if not tmpfile:
        env["MEDEL_TEST_HOOK_NO_TMPFILE"] = "1"
    p = subprocess.Popen([medel, "check", RULES, GOOD, "--format", "csv", "-o", target], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    line = p.stderr.readline()
    while line and b"test hook: paused" not in line:
        line = p.stderr.readline()
    what = f"{signal.Signals(sig).name} {'with' if tmpfile else 'without'} O_TMPFILE"
    check(b"paused" in line, f"{what}: the hook paused")
    if not tmpfile:
        names = listing(kd)
        check(len(names) == 2, f"{what}: the named temporary file exists while paused: {names}")
        tmp = [n for n in names if n != "ut.csv"]
        if tmp:
            mode = stat.S_IMODE(os.stat(os.path.join(kd, tmp[0])).st_mode)
            check(mode == 0o600, f"{what}: the temporary file is 0600, not {mode:o}")
    else:
        check(listing(kd) == ["ut.csv"], f"{what}: nothing named exists while paused: {listing(kd)}")
    p.send_signal(sig)
    p.wait(timeout=30)
    p.stderr.close()
    check(p.returncode == -sig, f"{what}: died of the signal ({p.returncode})")
    check(listing(kd) == ["ut.csv"], f"{what}: leaves no file behind: {listing(kd)}")
    check(open(target, "rb").read() == old, f"{what}: the old file is as it was")

# ---- 5b. standard input is hashed, and read again by a scenario ----
import hashlib
import json
good_bytes = open(GOOD, "rb").read()
good_sha = hashlib.sha256(good_bytes).hexdigest()
for how in ("pipe", "file"):
    if how == "pipe":
        r = subprocess.run([medel, "allocate", RULES, "-", "--format", "json"], input=good_bytes, capture_output=True)
    else:
        with open(GOOD, "rb") as f:
            r = subprocess.run([medel, "allocate", RULES, "-", "--format", "json"], stdin=f, capture_output=True)
    ok = r.returncode == 0
    inputs = json.loads(r.stdout)["inputs"] if ok else []
    apps = [i for i in inputs if i["role"] == "applications"]
    check(ok and apps == [{"role": "applications", "path": "-", "sha256": good_sha}],
          f"applications from a {how} on standard input get their SHA-256: {apps}")
# A scenario that replaces a table the applications refer to reads them
# again: from standard input it must see the same applications.
ws = os.path.join(work, "whatif")
shutil.copytree(os.path.join(src, "rules"), os.path.join(ws, "rules"))
shutil.copy(os.path.join(src, "examples/ansokningar-ungdomsmottagningar-2021.csv"), ws)
shutil.copy(os.path.join(src, "tests/golden/bad/output_scenario_table.medel"), os.path.join(ws, "rules"))
shutil.copy(os.path.join(src, "rules/data/befolkning_2019-12-31.csv"), os.path.join(ws, "rules/k3.csv"))
wargs = ["whatif", "rules/ungdomsmottagningar-2021.medel", None, "--scenarios", "rules/output_scenario_table.medel",
         "--scenario", "unga_13_19", "--format", "csv"]
from_file = subprocess.run([medel] + [a if a else "ansokningar-ungdomsmottagningar-2021.csv" for a in wargs], cwd=ws,
                           capture_output=True)
with open(os.path.join(ws, "ansokningar-ungdomsmottagningar-2021.csv"), "rb") as f:
    from_stdin = subprocess.run([medel] + [a if a else "-" for a in wargs], cwd=ws,
                                input=f.read(), capture_output=True)
check(from_file.returncode == 0 and from_stdin.returncode == 0 and from_file.stdout == from_stdin.stdout,
      f"whatif reads standard input again for a scenario: {from_stdin.returncode} {from_stdin.stderr[-300:]!r}")
r = subprocess.run([medel] + [a if a else "ansokningar-ungdomsmottagningar-2021.csv" for a in wargs] + ["-o", "rules/k3.csv"],
                   cwd=ws, capture_output=True)
check(r.returncode == 74 and "det är en av filerna som läses in".encode() in r.stderr, "-o the scenario's table is refused")
os.symlink("rules/k3.csv", os.path.join(ws, "k3-link.csv"))
r = subprocess.run([medel] + [a if a else "ansokningar-ungdomsmottagningar-2021.csv" for a in wargs] + ["-o", "k3-link.csv"],
                   cwd=ws, capture_output=True)
check(r.returncode == 74 and "det är en av filerna som läses in".encode() in r.stderr, "-o a link to the scenario's table is refused")

# ---- 6. property: nothing hidden reaches the terminal ----
HIDDEN_POOL = ([chr(c) for c in range(0x01, 0x20) if c not in (0x0A, 0x0D)] + ["\x7f"] +
               [chr(c) for c in range(0x80, 0xA0)] +
               ["\u00ad", "\u034f", "\u061c", "\u115f", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067",
                "\u2068", "\u2069", "\u3164", "\ufeff", "\uffa0", "\U000e0001"])
VISIBLE_POOL = list("abcÅÄÖåäö 0123-_.") + ["é", "中", "\u0301", "→"]
SEQUENCES = ["\x1b]0;pwned\x07", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\x1bP+q\x1b\\"]


def hidden(ch):
    if ch == "\n":
        return False
    return (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") or
            ch in ("\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"))


def random_text(rng, n):
    out = []
    for _ in range(n):
        k = rng.random()
        out.append(rng.choice(HIDDEN_POOL) if k < 0.3 else rng.choice(SEQUENCES) if k < 0.4 else rng.choice(VISIBLE_POOL))
    return "".join(out)


def csv_cell(s):
    return '"' + s.replace('"', '""') + '"'


def assert_shown(data, what):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        check(False, f"{what}: not valid UTF-8 ({e})")
        return
    bad = sorted({f"U+{ord(c):04X}" for c in text if hidden(c)})
    check(not bad, f"{what}: raw {', '.join(bad)}")


rng = random.Random(12)
pd = os.path.join(work, "property")
os.makedirs(pd)
for trial in range(40):
    name = random_text(rng, 6).replace("/", "").replace("\0", "").replace("\r", "")
    if not name.strip("."):
        name = "x" + name
    apps = os.path.join(pd, name + ".csv")
    rows = [HEADER.rstrip("\n")]
    for i in range(4):
        key = f"K{trial}-{i}" + random_text(rng, 3)
        rows.append(";".join([csv_cell(key), csv_cell(random_text(rng, 12)), csv_cell(random_text(rng, 5)), "kommun",
                              "Alby", "150 000 kr", "13..18", "samverkan", "lokalt"]))
    # A bad row whose cells the messages quote.
    rows.append(";".join([csv_cell(f"B{trial}" + random_text(rng, 3)), "t", "s", csv_cell(random_text(rng, 4)),
                          csv_cell("Alby" + random_text(rng, 3)), csv_cell("1" + random_text(rng, 3)), "13..18",
                          csv_cell("samverkan" + random_text(rng, 3)), "lokalt"]))
    with open(apps, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(rows) + "\n")
    for cmd in (["check"], ["allocate"], ["explain", "--id", f"K{trial}-0"]):
        r = run(cmd[:1] + [RULES, apps, "--keep-going"] + cmd[1:])
        assert_shown(r.stdout, f"trial {trial} {cmd[0]} stdout")
        assert_shown(r.stderr, f"trial {trial} {cmd[0]} stderr")
        check(r.returncode in (0, 67, 68), f"trial {trial} {cmd[0]}: exit {r.returncode}")
    # A missing file whose name is full of them: the message quotes the name.
    r = run(["check", RULES, os.path.join(pd, "saknas" + name + ".csv")])
    assert_shown(r.stderr, f"trial {trial} missing file stderr")
    # Rule-file text under the caret and in the message.
    junk = random_text(rng, 8).replace("\n", " ")
    rf = os.path.join(pd, f"regel{trial}.medel")
    with open(rf, "w", encoding="utf-8") as f:
        f.write(f"pott p{junk} \"{junk}\" {{ belopp {junk} }}\n")
    r = run(["validate", rf])
    assert_shown(r.stdout + r.stderr, f"trial {trial} validate")
    check(r.returncode == 65, f"trial {trial} validate: exit {r.returncode}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
