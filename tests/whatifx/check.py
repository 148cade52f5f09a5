#!/usr/bin/env python3
"""check.py: medel whatif's workbook and wide CSV against its JSON, to the öre.

For each comparison (the scenarios of the 2021 example, a sweep, and a
scenario under which a row is rejected, with --keep-going), the workbook is
read with openpyxl and the CSV with Python's csv module, independently of
medel, and every amount, difference and sum is compared with the JSON report
of the same run: the sheet Jämförelse and the CSV (a row per pot, recipient
and sum, a column per baseline, scenario or step, then the differences), the
sheet Ändrad bedömning and --table ändringar (the JSON's changes, with their
reasons), and Om körningen (every input of the JSON with its SHA-256). The
workbook must open in LibreOffice headless, and is never written onto a
terminal.

Usage: check.py MEDEL SOURCE_DIR WORKDIR
"""
import csv
import io
import os
import pty
import shutil
import subprocess
import sys
from decimal import Decimal

import openpyxl

MEDEL, SRC, WORK = sys.argv[1:4]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def medel(args, ok=(0,)):
    p = subprocess.run([MEDEL] + args, capture_output=True, cwd=SRC)
    if p.returncode not in ok:
        raise SystemExit(f"medel {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout


def ore_of_sheet(v):
    """A cell's kronor as öre, exactly (None stays None)."""
    if v is None:
        return None
    d = Decimal(str(v)) * 100
    if d != d.to_integral_value():
        fail(f"a cell of {v} kr is not a whole number of öre")
    return int(d)


def ore_of_csv(s):
    if s == "":
        return None
    d = Decimal(s.replace(",", ".")) * 100
    if d != d.to_integral_value():
        fail(f"a CSV amount of {s} kr is not a whole number of öre")
    return int(d)


def expected_rows(j):
    """The rows the wide table must have: (section, name, amounts per column)."""
    rows = [("pott", r["name"], r["label"], r["amount_ore"]) for r in j["pots"]]
    rows += [("mottagare", r["name"], r["label"], r["amount_ore"]) for r in j["recipients"]]
    cols = j["columns"]
    rows += [("summa", "totalt", None, [c["total_ore"] for c in cols]),
             ("summa", "beviljat", None, [c["granted_ore"] for c in cols]),
             ("summa", "ej fördelat", None, [c["unallocated_ore"] for c in cols])]
    return rows


def compare_wide(what, j, header, rows, ore):
    n = len(j["columns"])
    names = [c["name"] for c in j["columns"]]
    want_header = ["avsnitt", "namn", "benämning"] + names + [f"skillnad {c}" for c in names[1:]]
    if [h.lower() for h in header] != [h.lower() for h in want_header]:
        fail(f"{what}: header {header}, expected {want_header}")
    want = expected_rows(j)
    got = [r for r in rows if r[0] in ("pott", "mottagare", "summa")]
    if len(got) != len(want):
        fail(f"{what}: {len(got)} rows of amounts, the JSON has {len(want)}")
    for (sec, name, label, amounts), r in zip(want, got):
        if (r[0], r[1], r[2] or None) != (sec, name, label):
            fail(f"{what}: row {r[:3]}, expected {(sec, name, label)}")
            continue
        cells = [ore(v) for v in r[3:3 + n]]
        if cells != amounts:
            fail(f"{what}: {sec} {name}: {cells} öre, the JSON has {amounts}")
        diffs = [ore(v) for v in r[3 + n:3 + 2 * n - 1]]
        want_d = [a - amounts[0] if a is not None and amounts[0] is not None else None for a in amounts[1:]]
        if diffs != want_d:
            fail(f"{what}: {sec} {name}: differences {diffs}, expected {want_d}")
    return got


def compare_changes(what, j, rows):
    want = [[c["application"], c["pot"], c["scenario"], c["why"]] for c in j["changes"]]
    got = [[r[0] or "", r[1] or "", r[2], r[5] or ""] for r in rows]
    if got != want:
        fail(f"{what}: changes {got}, the JSON has {want}")


def check(name, args, rc=(0,)):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    j = __import__("json").loads(medel(args + ["--format", "json"], rc))
    xlsx = os.path.join(d, "whatif.xlsx")
    medel(args + ["--format", "xlsx", "-o", xlsx], rc)
    wb = openpyxl.load_workbook(xlsx)
    if wb.sheetnames != ["Jämförelse", "Ändrad bedömning", "Scenarier", "Avvisade rader", "Om körningen"]:
        return fail(f"{name}: sheets {wb.sheetnames}")
    ws = wb["Jämförelse"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    if ws.freeze_panes != "A2" or not ws.auto_filter.ref:
        fail(f"{name}: Jämförelse is not frozen with an autofilter")
    header = ["avsnitt", "namn", "benämning", "baslinje"] + rows[0][4:]
    got = compare_wide(f"{name} Jämförelse", j, [h.replace("Skillnad", "skillnad") for h in header], rows[1:], ore_of_sheet)
    for r in ws.iter_rows(min_row=2, min_col=4):
        for c in r:
            if c.value is not None and "kr" not in c.number_format:
                fail(f"{name}: {c.coordinate} = {c.value} has the format {c.number_format!r}, not kronor")
    if not got:
        fail(f"{name}: no rows")
    changes = [[c.value for c in r] for r in wb["Ändrad bedömning"].iter_rows(min_row=2)]
    compare_changes(f"{name} Ändrad bedömning", j, changes)
    rej = [r for r in wb["Avvisade rader"].iter_rows(min_row=2, values_only=True) if r[3] == "avvisad rad"]
    if len(rej) != j.get("rejected_rows", 0):
        fail(f"{name}: Avvisade rader has {len(rej)} rejected rows, the JSON {j.get('rejected_rows', 0)}")
    # Every file read, with its SHA-256: the baseline's in Om körningen, those
    # only scenarios read in Scenarier.
    about = {}
    for r in wb["Om körningen"].iter_rows(min_row=2, values_only=True):
        about.setdefault(r[1], r[2])
    line = [r[1] for r in wb["Om körningen"].iter_rows(values_only=True) if r[0] == "Kommandorad"]
    if not line or "--format xlsx" not in line[0]:
        fail(f"{name}: Om körningen gives the command line {line}")
    scen = [r for r in wb["Scenarier"].iter_rows(min_row=2, values_only=True)]
    for r in scen:
        if r[0] == "fil som bara scenarier läser":
            about.setdefault(r[1], r[2])
    cols = [r for r in scen if r[0] != "fil som bara scenarier läser"]
    want = [(c["name"], c["total_ore"], c["granted_ore"], c["unallocated_ore"],
             "ja" if c["conserved"] else "NEJ") for c in j["columns"]]
    got = [(r[1], ore_of_sheet(r[3]), ore_of_sheet(r[4]), ore_of_sheet(r[5]), r[6]) for r in cols]
    if got != want:
        fail(f"{name}: Scenarier has {got}, the JSON {want}")
    for i in j["inputs"]:
        if about.get(i["path"]) != i["sha256"]:
            fail(f"{name}: Om körningen gives {i['path']} the SHA-256 {about.get(i['path'])}, the JSON {i['sha256']}")
    # The CSV: the same wide table, and the changes.
    text = medel(args + ["--format", "csv"], rc).decode("utf-8")
    if not text.startswith("\ufeff"):
        fail(f"{name}: the CSV has no byte order mark")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    compare_wide(f"{name} CSV", j, rows[0], rows[1:], ore_of_csv)
    rejected = [r for r in rows[1:] if r[0] not in ("pott", "mottagare", "summa")]
    want_rej = {c["application"] for c in j["changes"] if "rejected" in (c["before"], c["after"])}
    if {r[1] for r in rejected} != want_rej:
        fail(f"{name}: the CSV's rows of rejected applications {rejected}, the JSON's {want_rej}")
    text = medel(args + ["--format", "csv", "--table", "ändringar"], rc).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    if rows[0] != ["ansökan", "pott", "scenario", "bedömning i baslinjen", "bedömning i scenariot", "skäl"]:
        fail(f"{name}: --table ändringar's header {rows[0]}")
    compare_changes(f"{name} --table ändringar", j, rows[1:])
    return xlsx


BASE = ["whatif", "rules/ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv"]
SCEN = ["--scenarios", "examples/scenarier-ungdomsmottagningar-2021.medel"]
xlsx = check("scenarios", BASE + SCEN + ["--all"])
check("sweep", BASE + ["--sweep", "ungdomsmottagningar=30 MSEK..50 MSEK steg 2,5 MSEK"])
check("set", BASE + ["--set", "kommunerna=20 MSEK", "--set", "regionen=10 MSEK", "--drop", "fokusområde"])
check("baseline_rejected", ["whatif", "rules/ungdomsmottagningar-2021.medel", "examples/felaktiga-ansokningar-2021.csv",
                            "--set", "kommunerna=20 MSEK", "--keep-going"], rc=(67,))
check("rejected", BASE + ["--allow-outside-paths", "--scenarios", "tests/golden/bad/sem_scen_drops_key.medel", "--all",
                          "--keep-going"], rc=(67,))

# LibreOffice opens the workbook (its first sheet, as CSV).
d = os.path.join(WORK, "soffice")
shutil.rmtree(d, ignore_errors=True)
os.makedirs(d)
p = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", d, xlsx], capture_output=True, timeout=300)
out = os.path.join(d, "whatif.csv")
if p.returncode != 0 or not os.path.exists(out):
    fail(f"LibreOffice did not open the workbook: {p.stdout!r} {p.stderr!r}")
else:
    # The amounts as LibreOffice shows them ("35,000,000 kr" in its default
    # locale) agree with the JSON too.
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline=""), delimiter=";"))

    def shown(s):
        return None if s == "" else ore_of_csv(s.replace(" kr", "").replace(",", "").replace("\u2212", "-"))

    j = __import__("json").loads(medel(BASE + SCEN + ["--all", "--format", "json"]))
    if rows[0][:4] != ["Avsnitt", "Namn", "Benämning", "Baslinje"]:
        fail(f"LibreOffice reads the header {rows[0]}")
    compare_wide("LibreOffice's CSV of Jämförelse", j, [h.replace("Skillnad", "skillnad") for h in
                 ["avsnitt", "namn", "benämning", "baslinje"] + rows[0][4:]], rows[1:], shown)

# Never a workbook onto a terminal (and nothing else written then).
master, slave = pty.openpty()
p = subprocess.run([MEDEL] + BASE + SCEN + ["--all", "--format", "xlsx"], stdout=slave, stderr=subprocess.PIPE, cwd=SRC)
os.close(slave)
os.close(master)
if p.returncode != 64 or "skrivs inte till en terminal".encode() not in p.stderr:
    fail(f"whatif --format xlsx onto a terminal: exit {p.returncode}, {p.stderr!r}")

print(f"whatif workbooks and CSV: {len(failures)} failures")
sys.exit(1 if failures else 0)
