#!/usr/bin/env python3
"""The workbooks of allocate and check, read back by an independent reader
(openpyxl), agree with the JSON reports to the öre (docs/medel.1, OUTPUT).

For every rule file in rules/ with each of its bundled application files in
examples/ (examples/ansokningar-STEM.*), the rule file that uses every
policy, the 2021 file with rejected rows (--keep-going), and the two of
tests/golden/bad/leftover17 in which money moves between pots:
- allocate --format xlsx: every sheet is there, in order; Beslut has one row
  per application and pot exactly where check's JSON has one (so every
  application of the input appears), each grant's Sökt and Beviljat are the
  JSON's requested_ore and granted_ore, and the Beviljat column sums to the
  JSON's granted_ore; Potter is the JSON's pots, amount by amount, and every
  row conserves (belopp + flyttat hit = till delpotter + beviljat + flyttat
  vidare + återbetalas + ej fördelat); when money moves or is returned (the
  JSON's leftover fields) the columns Flyttat hit, Flyttat vidare, Flyttat
  till and Återbetalas must be there, else they must not; the total row is
  the JSON's total (belopp = beviljat + återbetalas + ej fördelat);
  Fokusområden is by_focus; Manuell
  bedömning is the JSON's manual; Portfölj holds each bound as the JSON does;
  Avvisade rader has one row per rejected row; Om körningen gives every
  input's SHA-256 as the files have it;
- every sheet has its header frozen and an autofilter over all its rows, and
  every amount cell is a number with the kronor format (two decimals exactly
  when the amount has öre);
- check --format xlsx: Prövning has the (application, pot) rows of check's
  JSON with its verdicts, and each criterion's column says what the JSON
  says of it.
Every CSV table (--table) has the cells of its sheet.
Also: a workbook is refused on a terminal (exit 64, nothing written), and a
run that fails leaves an existing -o file as it was.

Usage: xlsxw_workbooks.py MEDEL SOURCE_DIR WORK_DIR. Ends with "N passed, N failed".
"""
import csv
import glob
import hashlib
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile

import openpyxl

medel, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)
passed = failed = 0

KR = '#,##0" kr"'
KR_ORE = '#,##0.00" kr"'
ALLOCATE_SHEETS = ["Beslut", "Potter", "Fokusområden", "Portfölj", "Manuell bedömning", "Ej stödberättigade", "Avvisade rader", "Om körningen"]
VERDICT = {"eligible": "stödberättigad", "ineligible": "ej stödberättigad", "manual": "manuell bedömning"}
MOVED_COLUMNS = ["Flyttat hit", "Flyttat vidare", "Flyttat till", "Återbetalas"]


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def ore(v):
    """A number cell of kronor as öre (exact: medel writes m / 100)."""
    return None if v is None else round(v * 100)


def run(cwd, args, rcs=(0,)):
    r = subprocess.run([medel] + args, cwd=cwd, capture_output=True)
    check(r.returncode in rcs, f"medel {' '.join(args)}: exit {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
    return r


def rows_of(ws):
    """The sheet's rows as dicts by header, and the header."""
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    return head, [dict(zip(head, r)) for r in rows[1:]]


def col_letter(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def shape(ws, what, amount_headers):
    """Frozen header, autofilter over every row, kronor format on amounts."""
    check(ws.freeze_panes == "A2", f"{what}: header not frozen ({ws.freeze_panes})")
    head = [c.value for c in ws[1]]
    want = f"A1:{col_letter(len(head))}{ws.max_row}"
    check(ws.auto_filter.ref == want, f"{what}: autofilter {ws.auto_filter.ref}, expected {want}")
    check(all(c.font.b for c in ws[1]), f"{what}: header not bold")
    for name in amount_headers:
        if name not in head:
            check(False, f"{what}: no column {name}")
            continue
        j = head.index(name)
        for row in ws.iter_rows(min_row=2):
            c = row[j]
            if c.value is None:
                continue
            ok = isinstance(c.value, (int, float)) and c.number_format == (KR if ore(c.value) % 100 == 0 else KR_ORE)
            check(ok, f"{what}: {name} {c.coordinate} = {c.value!r} with format {c.number_format!r}")


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def same_as_csv(ws, cwd, args, what):
    """The CSV table medel writes for args has the sheet's cells: texts as
    they are, numbers as kronor with a decimal comma or a percentage. The
    time of the run (Om körningen's Körd) and the command line differ."""
    r = subprocess.run([medel] + args, cwd=cwd, capture_output=True)
    table = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig")), delimiter=";"))
    sheet = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    check(len(table) == len(sheet), f"{what}: {len(table)} CSV rows, {len(sheet)} in the sheet")
    for i, (crow, srow) in enumerate(zip(table, sheet)):
        if srow and srow[0] in ("Körd", "Kommandorad"):
            continue
        for j, (c, v) in enumerate(zip(crow, srow)):
            if isinstance(v, (int, float)) and c.endswith(" %"):
                ok = abs(float(c[:-2].replace(",", ".")) - 100 * v) < 0.006
            elif isinstance(v, (int, float)):
                ok = c.lstrip("-").replace(",", "", 1).isdigit() and round(float(c.replace(",", ".")) * 100) == round(v * 100)
            else:
                ok = c == str(v).replace("\r", "") or c == "'" + str(v)   # a formula-like text gets an apostrophe in CSV
            if not ok:
                check(False, f"{what}: row {i + 1}, column {j + 1}: CSV {c!r}, sheet {v!r}")
                return
        check(len(crow) == len(srow), f"{what}: row {i + 1} has {len(crow)} CSV cells, {len(srow)} in the sheet")


TABLES = dict(zip(ALLOCATE_SHEETS, ["beslut", "potter", "fokusområden", "portfölj", "manuell", "ej_stödberättigade", "avvisade", "körning"]))


def pot_of(r):
    return r["Pott"] + ("/" + r["Delpott"] if r.get("Delpott") else "")


def allocate_case(cwd, rules, apps, extra, rcs):
    what = f"{apps}"
    out = os.path.join(tmp, "a.xlsx")
    if os.path.exists(out):
        os.unlink(out)
    run(cwd, ["allocate", rules, apps, "-o", out] + extra, rcs)   # -o FILE.xlsx: a workbook
    js = run(cwd, ["allocate", rules, apps, "--format", "json"] + extra, rcs)
    ck = run(cwd, ["check", rules, apps, "--format", "json"] + extra, rcs)
    if not os.path.exists(out):
        check(False, f"{what}: no workbook")
        return
    doc, checked = json.loads(js.stdout), json.loads(ck.stdout)
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ALLOCATE_SHEETS, f"{what}: sheets {wb.sheetnames}")

    # Beslut
    ws = wb["Beslut"]
    shape(ws, f"{what} Beslut", ["Sökt", "Beviljat"])
    head, rows = rows_of(ws)
    key = head[0]
    want = sorted((a["key"], p["pot"]) for a in checked["applications"] for p in a["pots"])
    got = sorted((r[key], pot_of(r)) for r in rows if r[key] is not None)
    check(got == want, f"{what}: Beslut's (application, pot) rows are not check's: {len(got)} against {len(want)}")
    keys = {a["key"] for a in checked["applications"]}
    check(keys <= {r[key] for r in rows}, f"{what}: applications missing from Beslut: {sorted(keys - {r[key] for r in rows})[:5]}")
    by = {}
    for r in rows:
        by.setdefault((r[key], pot_of(r)), []).append(r)
    for g in doc["grants"]:
        mine = by.get((g["application"], g["pot"]), [])
        gw = f"{what}: grant {g['application']} in {g['pot']}"
        if g["application"] is not None:
            check(len(mine) == 1, f"{gw}: {len(mine)} rows")
        if not mine:
            check(False, f"{gw}: not in Beslut")
            continue
        r = mine.pop(0)
        check(ore(r["Beviljat"]) == g["granted_ore"], f"{gw}: Beviljat {r['Beviljat']}, JSON {g['granted_ore']} öre")
        check(ore(r["Sökt"]) == g["requested_ore"], f"{gw}: Sökt {r['Sökt']}, JSON {g['requested_ore']} öre")
        check(r["Status"].endswith("(tak)") == g["capped"], f"{gw}: status {r['Status']!r}, capped {g['capped']}")
    total = sum(ore(r["Beviljat"]) or 0 for r in rows)
    check(total == doc["granted_ore"], f"{what}: Beslut sums to {total} öre, JSON granted {doc['granted_ore']}")
    fails = {(i["application"], i["pot"]): [c["criterion"] for c in i["failed"]] for i in doc["ineligible"]}
    for r in rows:
        if r["Status"] == "uppfyller inte villkoren":
            check((r[key], r["Pott"]) in fails, f"{what}: {r[key]} in {r['Pott']} ineligible, not in the JSON")
            check((r["Ej uppfyllda villkor"] or "").split("\n") == fails.get((r[key], r["Pott"])),
                  f"{what}: {r[key]} in {r['Pott']}: criteria {r['Ej uppfyllda villkor']!r}")
            check(bool(r["Skäl"]), f"{what}: {r[key]} in {r['Pott']}: no reason")
    check(sum(r["Status"] == "uppfyller inte villkoren" for r in rows) == len(fails), f"{what}: ineligible rows")

    # Potter
    ws = wb["Potter"]
    # Money moved or returned (the JSON has returned_ore at the top, and the
    # leftover fields on every pot): the four columns of 'kvar' are required.
    moving = "returned_ore" in doc
    head, rows = rows_of(ws)
    moved_cols = [c for c in MOVED_COLUMNS if c in head]
    check(moved_cols == (MOVED_COLUMNS if moving else []),
          f"{what}: Potter has {moved_cols} of the columns of moved money; the JSON {'has' if moving else 'has no'} moves")
    shape(ws, f"{what} Potter", ["Belopp", "Till delpotter", "Beviljat", "Ej fördelat"]
          + [c for c in moved_cols if c != "Flyttat till"])
    pots = {p["name"]: p for p in doc["pots"]}
    check([r["Pott"] for r in rows] == list(pots) + ["(totalt)"], f"{what}: Potter's pots are not the JSON's")
    for r in rows:
        a, k, g, u = (ore(r[c]) for c in ("Belopp", "Till delpotter", "Beviljat", "Ej fördelat"))
        i, o, b = (ore(r[c]) if c in head else 0 for c in ("Flyttat hit", "Flyttat vidare", "Återbetalas"))
        to = r.get("Flyttat till")
        check(None not in (a, k, g, u, i, o, b), f"{what}: pot {r['Pott']}: an empty amount {(a, k, g, u, i, o, b)}")
        if None in (a, k, g, u, i, o, b):
            continue
        check(a + i == k + g + o + b + u,
              f"{what}: pot {r['Pott']} does not conserve: {a} + {i} moved in != {k} + {g} + {o} moved on + {b} returned + {u}")
        check(r["Kontroll"] == "stämmer på öret", f"{what}: pot {r['Pott']}: Kontroll {r['Kontroll']!r}")
        check((to is None) == (o == 0), f"{what}: pot {r['Pott']}: moved {o} öre on to {to!r}")
        p = pots.get(r["Pott"])
        if p:
            check((a, k, g, u) == (p["amount_ore"], p["to_children_ore"], p["granted_ore"], p["unallocated_ore"]),
                  f"{what}: pot {r['Pott']}: {(a, k, g, u)} against the JSON's")
            if moving:
                check((i, o, to, b) == tuple(p[c] for c in ("moved_in_ore", "moved_out_ore", "moved_to", "returned_ore")),
                      f"{what}: pot {r['Pott']}: moved {(i, o, to, b)} against the JSON's")
        else:
            check((a, g, u, i, o, to, b) == (doc["total_ore"], doc["granted_ore"], doc["unallocated_ore"], 0, 0, None,
                                             doc.get("returned_ore", 0)), f"{what}: the total row")
    # What moved on is what the pots it names received.
    received = {}
    for r in rows[:-1]:
        if r.get("Flyttat till") is not None:
            received[r["Flyttat till"]] = received.get(r["Flyttat till"], 0) + (ore(r["Flyttat vidare"]) or 0)
    check(all((ore(r.get("Flyttat hit")) or 0) == received.get(r["Pott"], 0) for r in rows[:-1]) and set(received) <= set(pots),
          f"{what}: Potter's moved money does not arrive: {received}")

    # Fokusområden
    ws = wb["Fokusområden"]
    shape(ws, f"{what} Fokusområden", ["Beviljat (ett projekt kan räknas i flera områden)"])
    _, rows = rows_of(ws)
    col = "Beviljat (ett projekt kan räknas i flera områden)"
    got = [(r["Identifierare"], ore(r[col])) for r in rows if r["Identifierare"]]
    check(got == [(f["focus"], f["granted_ore"]) for f in doc["by_focus"]], f"{what}: Fokusområden {got} against by_focus")
    # Below the areas: their sum, the total granted, and the note that says why they differ.
    ft = doc["focus_totals"]
    tail = [r for r in rows if not r["Identifierare"]]
    if ft is None:
        check(not tail, f"{what}: Fokusområden has total rows without focus areas")
    else:
        check([(r["Fokusområde"], ore(r[col])) for r in tail[:2]]
              == [("(summa över områdena)", ft["sum_over_areas_ore"]), ("(beviljat totalt)", ft["granted_ore"])]
              and ft["sum_over_areas_ore"] == sum(f["granted_ore"] for f in doc["by_focus"])
              and len(tail) == 3 and tail[2]["Fokusområde"] == ft["note"],
              f"{what}: Fokusområden's totals {tail} against {ft}")

    # Ej stödberättigade: the applications eligible for no pot, each with every criterion it failed
    ws = wb["Ej stödberättigade"]
    shape(ws, f"{what} Ej stödberättigade", [])
    head, rows = rows_of(ws)
    check(sorted({r[head[0]] for r in rows}) == sorted(doc["not_eligible"]), f"{what}: Ej stödberättigade's applications")
    failed = sorted((i["application"], i["pot"], f["criterion"]) for i in doc["ineligible"]
                    if i["application"] in doc["not_eligible"] for f in i["failed"])
    check(sorted((r[head[0]], r["Pott"], r["Villkor som inte uppfylls"]) for r in rows if r["Pott"]) == failed,
          f"{what}: Ej stödberättigade's criteria against the JSON's")

    # Portfölj
    ws = wb["Portfölj"]
    shape(ws, f"{what} Portfölj", ["Beviljat till dem", "Beviljat i villkorets potter"])
    _, rows = rows_of(ws)
    check(len(rows) == len(doc["portfolio"]), f"{what}: {len(rows)} portfolio rows, {len(doc['portfolio'])} in the JSON")
    for r, b in zip(rows, doc["portfolio"]):
        check((r["Gräns"], r["Antal ansökningar"], ore(r["Beviljat till dem"]), ore(r["Beviljat i villkorets potter"]),
               r["Uppfyllt"], r["Projekt som räknas"] or "")
              == (b["bound"], b["count"], b["amount_ore"], b["total_ore"], "ja" if b["held"] else "nej", ", ".join(b["projects"])),
              f"{what}: portfolio row {r} against {b}")

    # Manuell bedömning
    ws = wb["Manuell bedömning"]
    shape(ws, f"{what} Manuell", [])
    head, rows = rows_of(ws)
    got = sorted({(r[head[0]], r["Pott"]) for r in rows})
    check(got == sorted((m["application"], m["pot"]) for m in doc["manual"]), f"{what}: Manuell bedömning {got}")
    check(all(r["Skäl"] and r["Villkor som inte kunde avgöras"] for r in rows), f"{what}: a manual row without its reason")
    check(not any(r["Villkor som inte kunde avgöras"] == "(okänt)" for r in rows), f"{what}: a manual row of unknown cause")

    # Avvisade rader
    ws = wb["Avvisade rader"]
    shape(ws, f"{what} Avvisade", [])
    _, rows = rows_of(ws)
    rejected = {r["Rad"] for r in rows if r["Slag"] == "avvisad rad"}
    check(len(rejected) == doc["summary"]["rejected"], f"{what}: {len(rejected)} rejected rows in the sheet, "
          f"{doc['summary']['rejected']} in the JSON")
    check(all(r["Fil"] == apps and r["Meddelande"] for r in rows), f"{what}: an Avvisade row without file or message")

    # Om körningen
    ws = wb["Om körningen"]
    shape(ws, f"{what} Om körningen", [])
    _, rows = rows_of(ws)
    facts = {}
    for r in rows:
        facts.setdefault(r["Uppgift"], []).append(r)
    for i in doc["inputs"]:
        mine = [r for r in rows if r["Värde"] == i["path"]]
        check(len(mine) == 1 and mine[0]["SHA-256"] == i["sha256"] == sha(os.path.join(cwd, i["path"])),
              f"{what}: Om körningen on {i['path']}: {mine}")
    check(facts.get("medel-version", [{}])[0].get("Värde") == doc["medel"]["version"], f"{what}: the version")
    counts = {k: facts.get(k, [{}])[0].get("Värde") for k in ("Lästa rader", "Giltiga ansökningar", "Avvisade rader")}
    check(counts == {"Lästa rader": doc["summary"]["read"], "Giltiga ansökningar": doc["summary"]["valid"],
                     "Avvisade rader": doc["summary"]["rejected"]}, f"{what}: counts {counts}")
    line = facts.get("Kommandorad", [{}])[0].get("Värde") or ""
    check(line.startswith(f"{rules} {apps} -o ") and line.endswith("a.xlsx" + (" " + " ".join(extra) if extra else "")),
          f"{what}: Kommandorad {line!r}")
    check(bool(facts.get("Körd")), f"{what}: no time of the run")

    # Every CSV table is its sheet.
    for sheet, table in TABLES.items():
        same_as_csv(wb[sheet], cwd, ["allocate", rules, apps, "--format", "csv", "--table", table] + extra, f"{what} {table}")


def check_case(cwd, rules, apps, extra, rcs):
    what = f"check {apps}"
    out = os.path.join(tmp, "c.xlsx")
    if os.path.exists(out):
        os.unlink(out)
    run(cwd, ["check", rules, apps, "--format", "xlsx", "-o", out] + extra, rcs)
    ck = run(cwd, ["check", rules, apps, "--format", "json"] + extra, rcs)
    if not os.path.exists(out):
        check(False, f"{what}: no workbook")
        return
    checked = json.loads(ck.stdout)
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Prövning", "Avvisade rader", "Om körningen"], f"{what}: sheets {wb.sheetnames}")
    ws = wb["Prövning"]
    shape(ws, f"{what} Prövning", [])
    head, rows = rows_of(ws)
    key = head[0]
    crits = head[head.index("Bedömning") + 1:head.index("Skäl")]
    by = {(r[key], pot_of(r)): r for r in rows if r["Pott"]}
    n = 0
    for a in checked["applications"]:
        if not a["pots"]:
            check(any(r[key] == a["key"] and r["Bedömning"] == "ingen pott gäller ansökan" for r in rows),
                  f"{what}: {a['key']} without a pot")
        for p in a["pots"]:
            n += 1
            r = by.get((a["key"], p["pot"]))
            if not r:
                check(False, f"{what}: {a['key']} in {p['pot']} not in Prövning")
                continue
            check(r["Bedömning"] == VERDICT[p["status"]], f"{what}: {a['key']} {p['pot']}: {r['Bedömning']!r}, {p['status']}")
            said = {c["criterion"]: c["outcome"] for c in p["criteria"] if not c["criterion"].startswith("(")}
            for c in crits:
                cell = r[c]
                if c in said:
                    check(cell == ("ej uppfyllt" if said[c] == "failed" else "manuell bedömning"),
                          f"{what}: {a['key']} {p['pot']} {c}: {cell!r}, JSON {said[c]}")
                else:
                    check(cell in ("uppfyllt", "–"), f"{what}: {a['key']} {p['pot']} {c}: {cell!r}, the JSON says nothing")
    check(n == sum(1 for r in rows if r["Pott"]), f"{what}: {sum(1 for r in rows if r['Pott'])} rows, {n} in the JSON")
    for sheet, table in (("Prövning", "prövning"), ("Avvisade rader", "avvisade"), ("Om körningen", "körning")):
        same_as_csv(wb[sheet], cwd, ["check", rules, apps, "--format", "csv", "--table", table] + extra, f"{what} {table}")


cases = []
for rules in sorted(glob.glob(os.path.join(src, "rules/*.medel"))):
    if rules.endswith(".test.medel"):
        continue
    stem = os.path.basename(rules)[:-len(".medel")]
    for apps in sorted(glob.glob(os.path.join(src, f"examples/ansokningar-{stem}.*"))):
        cases.append((src, os.path.relpath(rules, src), os.path.relpath(apps, src), [], (0,)))
check(len(cases) >= 5, f"only {len(cases)} bundled rule and application files found")
cases.append((os.path.join(src, "tests/golden/run"), "alla_policyer.medel", "ansokningar.csv", [], (0,)))
cases.append((src, "rules/ungdomsmottagningar-2021.medel", "examples/felaktiga-ansokningar-2021.csv", ["--keep-going"], (67,)))
# Money that moves between pots, to a second round, and is returned.
L17 = "tests/golden/bad/leftover17"
cases.append((src, f"{L17}/leftover17_ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv", [], (0,)))
cases.append((src, f"{L17}/leftover17_perioder-2021-2022.medel", f"{L17}/leftover17_perioder-2021-2022.csv", [], (0,)))
for case in cases:
    allocate_case(*case)
    check_case(*case)

# A workbook on a terminal is refused, and nothing is written to it.
R, A = "rules/ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv"
for cmd in ("allocate", "check"):
    master, slave = pty.openpty()
    r = subprocess.run([medel, cmd, R, A, "--format", "xlsx"], cwd=src, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    os.set_blocking(master, False)
    try:
        shown = os.read(master, 4096)
    except (BlockingIOError, OSError):
        shown = b""
    os.close(master)
    check(r.returncode == 64 and "skrivs inte till en terminal".encode() in r.stderr and not shown,
          f"{cmd} --format xlsx on a terminal: exit {r.returncode}, {r.stderr[:200]!r}, wrote {len(shown)} bytes")

# A run that fails (a rejected row, no --keep-going) keeps the old workbook.
old = os.path.join(tmp, "gammal.xlsx")
with open(old, "wb") as f:
    f.write(b"old workbook")
run(src, ["allocate", R, "examples/felaktiga-ansokningar-2021.csv", "-o", old], (67,))
with open(old, "rb") as f:
    check(f.read() == b"old workbook", "a failed run replaced the old workbook")

shutil.rmtree(tmp)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
