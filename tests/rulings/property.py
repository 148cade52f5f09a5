#!/usr/bin/python3
"""The officers' assessments (--bedömningar), as officers use them and as
properties over random input.

1. Round trip: `medel mall --bedömningar` writes the sheet of the 2021
   example's five open cases; filled in with openpyxl (the date as a real
   Excel date) it gives exactly the allocation the bundled CSV of
   assessments gives, and no case is left for manual assessment.
2. Property, over random sets of assessments and overrides of the bundled
   examples: an assessment changes nothing of any application it does not
   name (their check rows are byte for byte the same), the named ones get
   the outcomes the file gives, every pot conserves its money to the öre
   (with what moved in, moved on and was returned),
   and one worker thread or four give the same bytes.

usage: property.py MEDEL SOURCE_DIR OUT
"""
import datetime
import json
import os
import random
import subprocess
import sys

import openpyxl

MEDEL, SRC, OUT = sys.argv[1:4]
os.makedirs(OUT, exist_ok=True)
RULES = os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel")
APPS = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv")
BUNDLED = os.path.join(SRC, "examples", "bedomningar-ungdomsmottagningar-2021.csv")
HEAD = "Ansökan;Pott;Villkor;Utfall;Typ;Bedömd av;Datum;Motivering"
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg)


def run(*args, env=None, rc=0):
    e = dict(os.environ, LANGUAGE="sv", SOURCE_DATE_EPOCH="1616000000")
    if env:
        e.update(env)
    p = subprocess.run([MEDEL, *args], capture_output=True, env=e)
    if p.returncode != rc:
        fail("%s: exit %d, not %d\n%s" % (" ".join(args), p.returncode, rc, p.stderr.decode()))
    return p.stdout.decode()


def conserved(doc, label):
    """Every pot conserves its money: amount + moved in = to sub-pots +
    granted + moved on + returned + unallocated; what moved on is what the
    pot it names received; the whole: total = granted + returned +
    unallocated. The leftover fields (moved_in_ore, moved_out_ore,
    moved_to, returned_ore) are on every pot exactly when returned_ore is
    at the top, so their absence says nothing moved."""
    pots = doc["pots"]
    by_name = {p["name"]: p for p in pots}
    moving = "returned_ore" in doc
    leftover = ("moved_in_ore", "moved_out_ore", "moved_to", "returned_ore")
    received = {}
    for p in pots:
        if any(k in p for k in leftover) != moving or moving and not all(k in p for k in leftover):
            fail("%s: pot %s has the leftover fields %s, returned_ore at the top %s" %
                 (label, p["name"], [k for k in leftover if k in p], "present" if moving else "absent"))
            continue
        moved_in, moved_out, back = (p.get(k, 0) for k in ("moved_in_ore", "moved_out_ore", "returned_ore"))
        if p["amount_ore"] + moved_in != p["to_children_ore"] + p["granted_ore"] + moved_out + back + p["unallocated_ore"]:
            fail("%s: pot %s does not conserve" % (label, p["name"]))
        to = p.get("moved_to")
        if (to is None) != (moved_out == 0) or to is not None and to not in by_name:
            fail("%s: pot %s moved %d öre on to %r" % (label, p["name"], moved_out, to))
        if to is not None:
            received[to] = received.get(to, 0) + moved_out
    for p in pots:
        if p.get("moved_in_ore", 0) != received.get(p["name"], 0):
            fail("%s: pot %s received %d öre, the others moved %d to it" %
                 (label, p["name"], p.get("moved_in_ore", 0), received.get(p["name"], 0)))
    grants = sum(g["granted_ore"] for g in doc["grants"])
    returned = doc.get("returned_ore", 0)
    if returned != sum(p.get("returned_ore", 0) for p in pots):
        fail("%s: returned %d at the top, not the pots' sum" % (label, returned))
    if grants != doc["granted_ore"] or doc["granted_ore"] + returned + doc["unallocated_ore"] != doc["total_ore"]:
        fail("%s: total %d != granted %d + returned %d + unallocated %d" % (label, doc["total_ore"], doc["granted_ore"],
                                                                            returned, doc["unallocated_ore"]))
    return by_name


# ---- 1. the sheet, filled in as an officer would, read back ----
sheet = os.path.join(OUT, "bedomningar.xlsx")
run("mall", RULES, APPS, "--bedömningar", "-o", sheet)
wb = openpyxl.load_workbook(sheet)
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
col = {h: i + 1 for i, h in enumerate(head)}
bundled = {}
with open(BUNDLED, encoding="utf-8-sig") as f:
    rows = [line.rstrip("\n").split(";", 7) for line in f][1:]
for r in rows:
    bundled[(r[0], r[1], r[2])] = r
filled = 0
for row in range(2, ws.max_row + 1):
    key = ws.cell(row, col["Ansökan"]).value
    if not key:
        continue
    pot = ws.cell(row, col["Pott"]).value or ""
    what = ws.cell(row, col["Villkor"]).value
    b = bundled.get((key, pot, what))
    if not b:
        fail("the sheet's case %s/%s/%s is not in the bundled assessments" % (key, pot, what))
        continue
    ws.cell(row, col["Utfall"]).value = b[3]
    ws.cell(row, col["Bedömd av"]).value = b[5]
    d = ws.cell(row, col["Datum"])
    d.value = datetime.date.fromisoformat(b[6])   # a date cell, as Excel makes of 2021-03-15
    d.number_format = "yyyy-mm-dd"
    ws.cell(row, col["Motivering"]).value = b[7]
    filled += 1
if filled != len(rows):
    fail("the sheet has %d of the %d bundled cases" % (filled, len(rows)))
filled_path = os.path.join(OUT, "bedomningar-ifylld.xlsx")
wb.save(filled_path)
from_sheet = json.loads(run("allocate", RULES, APPS, "--bedömningar", filled_path, "--format", "json"))
from_csv = json.loads(run("allocate", RULES, APPS, "--bedömningar", BUNDLED, "--format", "json"))
for k in ("total_ore", "granted_ore", "unallocated_ore", "pots", "grants"):
    if from_sheet[k] != from_csv[k]:
        fail("the filled-in sheet and the bundled CSV allocate differently (%s)" % k)
conserved(from_sheet, "sheet")
check = json.loads(run("check", RULES, APPS, "--bedömningar", filled_path, "--format", "json"))
manual = [a["key"] for a in check["applications"] for p in a["pots"] if p["status"] == "manual"]
if manual:
    fail("still manual after the sheet: %s" % manual)
base = json.loads(run("allocate", RULES, APPS, "--format", "json"))
if from_sheet["granted_ore"] <= base["granted_ore"]:
    fail("the assessed cases took part in no allocation")
print("round trip: %d cases filled in; granted %d öre against %d without" %
      (filled, from_sheet["granted_ore"], base["granted_ore"]))

# ---- 2. random assessments and overrides ----
CASES = [
    ("ungdomsmottagningar-2021.medel", "ansokningar-ungdomsmottagningar-2021.csv"),
    ("region-stockholm-2021-2022.medel", "ansokningar-region-stockholm-2021-2022.csv"),
    ("gemensam-pott-2017.medel", "ansokningar-gemensam-pott-2017.csv"),
    ("gemensam-pott-2018.medel", "ansokningar-gemensam-pott-2018.csv"),
]


def check_rows(text):
    """The check CSV's rows per application key (the first cell)."""
    rows = {}
    for line in text.lstrip("\ufeff").splitlines()[1:]:
        rows.setdefault(line.split(";", 1)[0], []).append(line)
    return rows


rng = random.Random(16)
trials = 0
for rules, apps in CASES:
    R = os.path.join(SRC, "rules", rules)
    A = os.path.join(SRC, "examples", apps)
    plain = json.loads(run("check", R, A, "--format", "json"))
    plain_rows = check_rows(run("check", R, A, "--format", "csv"))
    # What the data gives per application and criterion (passed, failed,
    # manual), from explain's JSON: the criteria of every pot considering it.
    keys = [a["key"] for a in plain["applications"]]
    outcomes = {}
    for key in keys:
        doc = json.loads(run("explain", R, A, "--id", key, "--format", "json"))
        for pot in doc["pots"]:
            for c in pot["criteria"]:
                outcomes[(key, c["criterion"])] = c["outcome"]
    for t in range(12):
        trials += 1
        chosen = rng.sample(sorted(outcomes), min(len(outcomes), rng.randint(1, 6)))
        lines, named, want = [HEAD], set(), {}
        for key, crit in chosen:
            data = outcomes[(key, crit)]
            if data == "manual":
                o = rng.choice(["uppfyllt", "ej uppfyllt"])
                kind = "bedömning"
            else:
                o = "ej uppfyllt" if data == "passed" else "uppfyllt"
                kind = "åsidosättande"
            lines.append(";".join([key, "", crit, o, kind, "Test Testsson", "2021-03-%02d" % rng.randint(1, 28),
                                   '"Motiverat; prov %d"' % t]))
            named.add(key)
            want[(key, crit)] = "passed" if o == "uppfyllt" else "failed"
        path = os.path.join(OUT, "slump-%s-%d.csv" % (rules.split(".")[0], t))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        label = "%s trial %d" % (rules, t)
        one = run("check", R, A, "--bedömningar", path, "--format", "csv", env={"MEDEL_JOBS": "1"})
        four = run("check", R, A, "--bedömningar", path, "--format", "csv", env={"MEDEL_JOBS": "4"})
        if one != four:
            fail("%s: one thread and four give different check reports" % label)
        rows = check_rows(one)
        for key in keys:
            if key not in named and rows.get(key) != plain_rows.get(key):
                fail("%s: %s is named by no assessment but its check rows changed" % (label, key))
        for (key, crit), o in want.items():
            doc = json.loads(run("explain", R, A, "--id", key, "--bedömningar", path, "--format", "json"))
            got = {c["criterion"]: c for p in doc["pots"] for c in p["criteria"]}
            if crit in got and (got[crit]["outcome"] != o or "assessment" not in got[crit]):
                fail("%s: %s %s is %s, not %s as assessed" % (label, key, crit, got[crit]["outcome"], o))
        conserved(json.loads(run("allocate", R, A, "--bedömningar", path, "--format", "json")), label)

print("%d random files of assessments over %d rule files" % (trials, len(CASES)))
if failures:
    print("%d failures" % failures)
    sys.exit(1)
print("PASS")
