#!/usr/bin/env python3
"""excel_path.py: the README's Excel path, end to end, as an officer takes it.

  1. `medel mall RULES -o ansökan.xlsx` makes the application template;
  2. the template is filled in by another program (openpyxl) with the
     bundled applications of the same year, typed as an officer types them
     in Excel (amounts as numbers, everything else as text), and saved again
     by LibreOffice, a real spreadsheet program;
  3. `medel check` reads both workbooks cleanly, and `check` and `allocate`
     give exactly the decisions the UTF-8 CSV gives (JSON, without the
     applications' path and hash);
  4. `medel allocate --format xlsx` writes the decision workbook, which
     LibreOffice opens without repair and whose Beslut sheet, read back by
     openpyxl, has every application and grants to the öre what the JSON
     grants.

Also the bundled examples/ansokningar-ungdomsmottagningar-2021.xlsx (the
same applications, saved by LibreOffice) must give the CSV's decisions.

Usage: excel_path.py MEDEL SOURCE_DIR WORKDIR
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

import openpyxl

MEDEL, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
RULES = os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel")
CSV = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv")
BUNDLED = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.xlsx")
AMOUNT = re.compile(r"^(\d{1,3}(?: \d{3})*|\d+) kr$|^(\d+)$")


def fail(msg):
    sys.exit("FAIL: " + msg)


def medel(args, rc=0):
    p = subprocess.run([MEDEL] + args, capture_output=True)
    if p.returncode != rc:
        fail(f"medel {' '.join(args)} exited {p.returncode}, expected {rc}:\n"
             + p.stderr.decode("utf-8", "replace"))
    return p


def decisions(apps):
    out = {}
    for cmd in ("check", "allocate"):
        doc = json.loads(medel([cmd, RULES, apps, "--format", "json"]).stdout)
        doc["inputs"] = [i for i in doc["inputs"] if i.get("role") != "applications"]
        doc.get("summary", {}).pop("empty", None)
        out[cmd] = doc
    return out


def soffice(to, path, outdir):
    """LibreOffice converts path to the format `to` in outdir, with a profile
    of this test's own (so that tests running at once do not share one)."""
    profile = os.path.join(WORK, "lo-profile")
    p = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", to, "--outdir", outdir, path], capture_output=True, text=True, timeout=300)
    if p.returncode != 0 or re.search(r"(?i)error|repair|corrupt", p.stderr):
        fail(f"LibreOffice --convert-to {to} {path}: exit {p.returncode}: {p.stderr}")


def fill(template, dst):
    """The template with every row of the CSV under its own heading."""
    wb = openpyxl.load_workbook(template)
    ws = wb["Ansökningar"]
    headers = [c.value for c in ws[1]]
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    if set(rows[0]) != set(h for h in headers if h):
        fail(f"the template's headers {headers} are not the CSV's {list(rows[0])}")
    for r, row in enumerate(rows, start=2):
        for c, h in enumerate(headers, start=1):
            v = row[h]
            m = AMOUNT.match(v)
            if h == "Sökt belopp" and m:
                v = int((m.group(1) or m.group(2)).replace(" ", ""))   # typed as a number
            ws.cell(row=r, column=c, value=v if v != "" else None)
    wb.save(dst)
    return len(rows)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    template = os.path.join(WORK, "ansökan.xlsx")
    medel(["mall", RULES, "-o", template])
    filled = os.path.join(WORK, "ifylld.xlsx")
    n = fill(template, filled)
    resaved_dir = os.path.join(WORK, "libreoffice")
    os.makedirs(resaved_dir)
    soffice("xlsx", filled, resaved_dir)
    resaved = os.path.join(resaved_dir, "ifylld.xlsx")

    want = decisions(CSV)
    for name, path in (("the filled template", filled), ("the template saved by LibreOffice", resaved),
                       ("the bundled workbook", BUNDLED)):
        err = medel(["check", RULES, path]).stderr.decode()
        if f"{n} ansökningar lästa, {n} giltiga, 0 avvisade" not in err:
            fail(f"{name}: check did not read {n} valid rows:\n{err}")
        got = decisions(path)
        for cmd in ("check", "allocate"):
            if got[cmd] != want[cmd]:
                fail(f"{name}: medel {cmd} decides otherwise than on the CSV")
        print(f"ok: {name}: {n} applications, the CSV's decisions")

    book = os.path.join(WORK, "fördelning.xlsx")
    medel(["allocate", RULES, resaved, "--format", "xlsx", "-o", book])
    alloc = want["allocate"]
    wb = openpyxl.load_workbook(book)
    ws = wb["Beslut"]
    head = [c.value for c in ws[1]]
    key, granted = head.index("Diarienummer"), head.index("Beviljat")
    keys, total = set(), Decimal(0)
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[key] is None:
            continue
        keys.add(row[key])
        if row[granted] is not None:
            total += Decimal(repr(row[granted]))
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        every = {r["Diarienummer"] for r in csv.DictReader(f, delimiter=";")}
    if keys != every:
        fail(f"Beslut lacks {sorted(every - keys)} and has {sorted(keys - every)}")
    if int(total * 100) != alloc["granted_ore"]:
        fail(f"Beslut grants {total} kr, the JSON {alloc['granted_ore']} öre")
    lo_dir = os.path.join(WORK, "lo-csv")
    os.makedirs(lo_dir)
    soffice("csv", book, lo_dir)
    if not os.path.getsize(os.path.join(lo_dir, "fördelning.csv")):
        fail("LibreOffice's CSV of the decision workbook is empty")
    print(f"ok: the decision workbook: {len(keys)} applications, {total} kr granted, as the JSON; LibreOffice opens it")


main()
