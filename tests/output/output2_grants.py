#!/usr/bin/env python3
"""allocate's JSON and CSV say the same about each grant (docs/medel.1).

Differential: for every example and the run golden's applications, each
grant's JSON requested_ore is the CSV's "sökt" (the request as made, empty
and null for a payout), after_cap_ore is at most it, and "capped" (the CSV's
"tak") is true exactly when after_cap_ore is below the request. Amounts are
compared as integer öre.

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
    grants = json.loads(js.stdout)["grants"]
    rows = [r for r in csv.DictReader(io.StringIO(cs.stdout.decode("utf-8-sig")), delimiter=";") if r["avsnitt"] == "beslut"]
    check(len(grants) == len(rows), f"{apps}: {len(grants)} grants in JSON, {len(rows)} in CSV")
    for g, r in zip(grants, rows):
        what = f"{apps}: {g['application']} in {g['pot']}"
        check(g["requested_ore"] == ore(r["sökt"]), f"{what}: requested_ore {g['requested_ore']}, CSV sökt {r['sökt']!r}")
        check(g["granted_ore"] == ore(r["beviljat"]), f"{what}: granted_ore {g['granted_ore']}, CSV {r['beviljat']!r}")
        check(g["capped"] == (r["tak"] == "ja"), f"{what}: capped {g['capped']}, CSV tak {r['tak']!r}")
        if g["requested_ore"] is not None:
            check(g["after_cap_ore"] <= g["requested_ore"], f"{what}: after_cap_ore above the request")
            check(g["capped"] == (g["after_cap_ore"] < g["requested_ore"]), f"{what}: capped but not cut, or cut but not capped")
        check(g["granted_ore"] <= g["after_cap_ore"], f"{what}: granted more than after the cap")
        any_capped |= g["capped"]
check(any_capped, "some grant was capped (else this tests nothing about caps)")
print(f"{passed} passed, {failed} failed")
