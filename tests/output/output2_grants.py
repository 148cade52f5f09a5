#!/usr/bin/env python3
"""allocate's JSON and CSV say the same about each grant (docs/medel.1).

Differential: for every example and the run golden's applications, each
grant's JSON requested_ore is the "Sökt" of its row in the CSV table beslut
(the request as made, empty and null for a payout), granted_ore its
"Beviljat", after_cap_ore is at most the request, and "capped" (the status
ending in "(tak)") is true exactly when after_cap_ore is below the request.
Every row of the table that is not a grant is an application a pot turned
down or could not decide (beviljat 0). Amounts are compared as integer öre.

Usage: output2_grants.py MEDEL SOURCE_DIR. Ends with "N passed, N failed".
"""
import csv
import io
import json
import os
import subprocess
import sys

medel, src = (os.path.abspath(a) for a in sys.argv[1:3])
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def ore(cell):
    """An Excel amount cell ("250000" or "180769,00") as öre; None when empty."""
    if cell == "":
        return None
    kr, _, frac = cell.replace("\u00a0", "").replace(" ", "").partition(",")
    return int(kr) * 100 + (int(frac.ljust(2, "0")) if frac else 0)


RUNS = [(src, "rules/ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv"),
        (src, "rules/region-stockholm-2021-2022.medel", "examples/ansokningar-region-stockholm-2021-2022.csv"),
        (src, "rules/region-stockholm-2021-2022.medel", "examples/ansokningar-region-stockholm-2021-2022.json"),
        (src, "rules/gemensam-pott-2017.medel", "examples/ansokningar-gemensam-pott-2017.csv"),
        (src, "rules/gemensam-pott-2018.medel", "examples/ansokningar-gemensam-pott-2018.csv"),
        (os.path.join(src, "tests/golden/run"), "alla_policyer.medel", "ansokningar.csv")]
any_capped = False
for cwd, rules, apps in RUNS:
    js = subprocess.run([medel, "allocate", rules, apps, "--format", "json"], cwd=cwd, capture_output=True)
    cs = subprocess.run([medel, "allocate", rules, apps, "--format", "csv"], cwd=cwd, capture_output=True)
    if not (js.returncode == 0 and cs.returncode == 0):
        check(False, f"{apps}: exit {js.returncode}, {cs.returncode}")
        continue
    doc = json.loads(js.stdout)
    grants = doc["grants"]
    table = list(csv.reader(io.StringIO(cs.stdout.decode("utf-8-sig")), delimiter=";"))
    head, body = table[0], [dict(zip(table[0], r)) for r in table[1:]]
    key = head[0]

    def pot_of(r):
        return r["Pott"] + ("/" + r["Delpott"] if r["Delpott"] else "")

    rows = {}
    for r in body:
        rows.setdefault((r[key] or None, pot_of(r)), []).append(r)
    granted_rows = 0
    for g in grants:
        what = f"{apps}: {g['application']} in {g['pot']}"
        mine = rows.get((g["application"], g["pot"]), [])
        if g["application"] is not None:
            check(len(mine) == 1, f"{what}: {len(mine)} rows in the CSV")
        if not mine:
            continue
        r = mine.pop(0)
        granted_rows += 1
        check(g["requested_ore"] == ore(r["Sökt"]), f"{what}: requested_ore {g['requested_ore']}, CSV Sökt {r['Sökt']!r}")
        check(g["granted_ore"] == ore(r["Beviljat"]), f"{what}: granted_ore {g['granted_ore']}, CSV {r['Beviljat']!r}")
        check(g["capped"] == r["Status"].endswith("(tak)"), f"{what}: capped {g['capped']}, CSV status {r['Status']!r}")
        if g["requested_ore"] is not None:
            check(g["after_cap_ore"] <= g["requested_ore"], f"{what}: after_cap_ore above the request")
            check(g["capped"] == (g["after_cap_ore"] < g["requested_ore"]), f"{what}: capped but not cut, or cut but not capped")
        check(g["granted_ore"] <= g["after_cap_ore"], f"{what}: granted more than after the cap")
        any_capped |= g["capped"]
    # The rest: turned down, undecided, or funded by an earlier pot; never money.
    decided = {(m["application"], m["pot"]) for m in doc["manual"]} | {(i["application"], i["pot"]) for i in doc["ineligible"]}
    for (app, pot), left in rows.items():
        for r in left:
            check(ore(r["Beviljat"]) == 0, f"{apps}: {app} in {pot}: a row without a grant has Beviljat {r['Beviljat']!r}")
            if r["Status"] in ("uppfyller inte villkoren", "kräver manuell bedömning"):
                check((app, r["Pott"]) in decided, f"{apps}: {app} in {pot}: {r['Status']} but not in the JSON")
    check(len(body) == granted_rows + sum(len(v) for v in rows.values()), f"{apps}: rows counted twice")
check(any_capped, "some grant was capped (else this tests nothing about caps)")
print(f"{passed} passed, {failed} failed")
