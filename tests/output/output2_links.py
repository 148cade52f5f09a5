#!/usr/bin/env python3
"""A file with hard links is refused as output (docs/medel.1, WRITING RESULTS).

For -o (check, allocate, whatif) and for fmt: a regular file with two or
three names is not written, the run exits 74 with the message naming it,
and every name keeps the old bytes and stays one file (same inode). Once
the other names are gone, the same run writes it.

Usage: output2_links.py MEDEL SOURCE_DIR WORK_DIR. Ends with "N passed, N failed".
"""
import os
import shutil
import subprocess
import sys

medel, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(os.path.join(src, "tests/golden/run"), work)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


RUNS = {
    "check": ["check", "alla_policyer.medel", "ansokningar.csv", "-o"],
    "allocate": ["allocate", "alla_policyer.medel", "ansokningar.csv", "--format", "json", "-o"],
    "whatif": ["whatif", "alla_policyer.medel", "ansokningar.csv", "--set", "lokalt=1 MSEK", "-o"],
}
for name, args in RUNS.items():
    for n_links in (2, 3):
        target = os.path.join(work, f"{name}-{n_links}.txt")
        old = b"old report\n"
        with open(target, "wb") as f:
            f.write(old)
        others = [f"{target}.link{i}" for i in range(1, n_links)]
        for o in others:
            os.link(target, o)
        r = subprocess.run([medel] + args + [os.path.basename(target)], cwd=work, capture_output=True)
        want = (f"medel: ersätter inte '{os.path.basename(target)}': filen har {n_links} hårda länkar, och de andra "
                f"namnen skulle behålla det gamla innehållet; skriv till en ny fil, eller ta bort de andra länkarna först\n").encode()
        what = f"{name} -o a file with {n_links} links"
        check(r.returncode == 74 and r.stderr.endswith(want) and r.stdout == b"", f"{what}: {r.returncode} {r.stderr!r}")
        ino = os.stat(target).st_ino
        for p in [target] + others:
            check(open(p, "rb").read() == old and os.stat(p).st_ino == ino, f"{what}: {p} is as it was")
        for o in others:
            os.unlink(o)
        r = subprocess.run([medel] + args + [os.path.basename(target)], cwd=work, capture_output=True)
        check(r.returncode == 0 and open(target, "rb").read() != old, f"{what}: written once it has one name: {r.stderr!r}")

# fmt: a rule file with a second name is left as it was.
rules = os.path.join(work, "fmt.medel")
text = open(os.path.join(work, "alla_policyer.medel"), "rb").read()
with open(rules, "wb") as f:
    f.write(text.replace(b"\n", b"   \n"))   # trailing blanks, which fmt removes
os.link(rules, rules + ".link")
before = open(rules, "rb").read()
r = subprocess.run([medel, "fmt", "fmt.medel"], cwd=work, capture_output=True)
check(r.returncode == 74 and "ersätter inte 'fmt.medel': filen har 2 hårda länkar".encode() in r.stderr,
      f"fmt a file with 2 links: {r.returncode} {r.stderr!r}")
check(open(rules, "rb").read() == before and open(rules + ".link", "rb").read() == before, "fmt: both names as they were")
print(f"{passed} passed, {failed} failed")
