#!/usr/bin/env python3
"""LibreOffice opens medel's workbooks without repair, and what it reads in
them agrees with the JSON reports to the öre.

For every bundled rule file with its applications (and the rule file that
uses every policy, and the two of tests/golden/bad/leftover17 in which money
moves between pots and is returned), allocate --format xlsx and check
--format xlsx are
converted by `soffice --headless --convert-to csv` with every sheet
exported (the sheet option -1, LibreOffice 7.4 and later), each run with a
profile of its own (so parallel tests share nothing). The conversion must
succeed, name every sheet, and say nothing of repair or errors; then the
Beviljat column of Beslut sums to the JSON's granted_ore, every grant's
amount is the JSON's, every pot in Potter conserves (belopp + flyttat hit =
till delpotter + beviljat + flyttat vidare + återbetalas + ej fördelat) and
equals the JSON's, the columns of moved money there exactly when the JSON
has moves, and Prövning has a row for every (application, pot) of check's
JSON.

Usage: xlsxw_libreoffice.py MEDEL SOURCE_DIR WORK_DIR. Ends with "N passed, N failed".
"""
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

medel, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)
passed = failed = 0
# Separator ';', quote '"', UTF-8, from line 1, cells as stored (not as shown),
# every sheet to a file of its own (-1).
FILTER = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1'


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def ore(cell):
    """A number cell as LibreOffice writes it ("409344", "83333.33" or with a
    decimal comma) as öre, exactly (no floating point); None when empty."""
    cell = cell.strip()
    if not cell:
        return None
    m = re.fullmatch(r"(-?)(\d+)(?:[.,](\d{1,2}))?", cell)
    if not m:
        raise ValueError(f"not an amount: {cell!r}")
    v = int(m.group(2)) * 100 + int((m.group(3) or "0").ljust(2, "0"))
    return -v if m.group(1) else v


def convert(book, sheets):
    """The sheets of book as LibreOffice reads them: {sheet: rows}."""
    out = tempfile.mkdtemp(dir=tmp)
    profile = tempfile.mkdtemp(dir=tmp)
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", FILTER,
                        "--outdir", out, book], capture_output=True, timeout=300)
    said = (r.stdout + r.stderr).decode(errors="replace")
    check(r.returncode == 0, f"{book}: soffice exit {r.returncode}: {said[:300]}")
    check(not re.search(r"repair|corrupt|error", said, re.I), f"{book}: soffice said: {said[:300]}")
    got = {}
    stem = os.path.splitext(os.path.basename(book))[0]
    for s in sheets:
        path = os.path.join(out, f"{stem}-{s}.csv")
        check(os.path.exists(path), f"{book}: no sheet {s} ({sorted(os.listdir(out))})")
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                got[s] = list(csv.reader(f, delimiter=";"))
    return got


def dicts(rows):
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def pot_of(r):
    return r["Pott"] + ("/" + r["Delpott"] if r["Delpott"] else "")


cases = []
for rules in sorted(glob.glob(os.path.join(src, "rules/*.medel"))):
    if rules.endswith(".test.medel"):
        continue
    stem = os.path.basename(rules)[:-len(".medel")]
    for apps in sorted(glob.glob(os.path.join(src, f"examples/ansokningar-{stem}.*"))):
        cases.append((src, os.path.relpath(rules, src), os.path.relpath(apps, src)))
cases.append((os.path.join(src, "tests/golden/run"), "alla_policyer.medel", "ansokningar.csv"))
L17 = "tests/golden/bad/leftover17"
cases.append((src, f"{L17}/leftover17_ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv"))
cases.append((src, f"{L17}/leftover17_perioder-2021-2022.medel", f"{L17}/leftover17_perioder-2021-2022.csv"))
MOVED_COLUMNS = ["Flyttat hit", "Flyttat vidare", "Flyttat till", "Återbetalas"]
for n, (cwd, rules, apps) in enumerate(cases):
    book = os.path.join(tmp, f"fordelning{n}.xlsx")
    r = subprocess.run([medel, "allocate", rules, apps, "--format", "xlsx", "-o", book], cwd=cwd, capture_output=True)
    js = subprocess.run([medel, "allocate", rules, apps, "--format", "json"], cwd=cwd, capture_output=True)
    check(r.returncode == 0 and js.returncode == 0, f"allocate {apps}: exit {r.returncode}, {js.returncode}")
    if r.returncode or js.returncode:
        continue
    doc = json.loads(js.stdout)
    got = convert(book, ["Beslut", "Potter", "Fokusområden", "Portfölj", "Manuell bedömning", "Ej stödberättigade", "Avvisade rader",
                          "Om körningen"])
    if "Beslut" in got:
        head, rows = dicts(got["Beslut"])
        total = sum(ore(r["Beviljat"]) or 0 for r in rows)
        check(total == doc["granted_ore"], f"{apps}: Beslut sums to {total} öre in LibreOffice, JSON {doc['granted_ore']}")
        by = {}
        for r in rows:
            by.setdefault((r[head[0]] or None, pot_of(r)), []).append(r)
        for g in doc["grants"]:
            mine = by.get((g["application"], g["pot"]), [])
            check(bool(mine) and ore(mine.pop(0)["Beviljat"]) == g["granted_ore"],
                  f"{apps}: {g['application']} in {g['pot']}: not {g['granted_ore']} öre in LibreOffice")
    if "Potter" in got:
        head, rows = dicts(got["Potter"])
        pots = {p["name"]: p for p in doc["pots"]}
        # Money moved or returned (the JSON's leftover fields): the columns
        # of 'kvar' must be there; without moves they must not.
        moving = "returned_ore" in doc
        moved_cols = [c for c in MOVED_COLUMNS if c in head]
        check(moved_cols == (MOVED_COLUMNS if moving else []),
              f"{apps}: Potter has {moved_cols} of the columns of moved money in LibreOffice; the JSON "
              f"{'has' if moving else 'has no'} moves")
        check([r["Pott"] for r in rows] == list(pots) + ["(totalt)"], f"{apps}: Potter's pots in LibreOffice are not the JSON's")
        for r in rows:
            a, k, g, u = (ore(r[c]) or 0 for c in ("Belopp", "Till delpotter", "Beviljat", "Ej fördelat"))
            i, o, b = (ore(r[c]) or 0 if c in head else 0 for c in ("Flyttat hit", "Flyttat vidare", "Återbetalas"))
            to = r.get("Flyttat till") or None
            check(a + i == k + g + o + b + u, f"{apps}: pot {r['Pott']} does not conserve in LibreOffice: "
                  f"{a} + {i} moved in != {k} + {g} + {o} moved on + {b} returned + {u}")
            p = pots.get(r["Pott"])
            if p:
                want = (p["amount_ore"], p["granted_ore"], p["unallocated_ore"]) + (
                    tuple(p[c] for c in ("moved_in_ore", "moved_out_ore", "moved_to", "returned_ore")) if moving else (0, 0, None, 0))
            else:
                want = (doc["total_ore"], doc["granted_ore"], doc["unallocated_ore"], 0, 0, None, doc.get("returned_ore", 0))
            check((a, g, u, i, o, to, b) == want, f"{apps}: pot {r['Pott']}: {(a, g, u, i, o, to, b)} in LibreOffice, {want} in the JSON")

    book = os.path.join(tmp, f"provning{n}.xlsx")
    r = subprocess.run([medel, "check", rules, apps, "-o", book], cwd=cwd, capture_output=True)
    ck = subprocess.run([medel, "check", rules, apps, "--format", "json"], cwd=cwd, capture_output=True)
    check(r.returncode == 0 and ck.returncode == 0, f"check {apps}: exit {r.returncode}, {ck.returncode}")
    if r.returncode or ck.returncode:
        continue
    got = convert(book, ["Prövning", "Avvisade rader", "Om körningen"])
    if "Prövning" in got:
        head, rows = dicts(got["Prövning"])
        want = sorted((a["key"], p["pot"]) for a in json.loads(ck.stdout)["applications"] for p in a["pots"])
        check(sorted((r[head[0]], pot_of(r)) for r in rows if r["Pott"]) == want, f"check {apps}: Prövning's rows")

shutil.rmtree(tmp)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
