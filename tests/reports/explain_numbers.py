#!/usr/bin/env python3
"""explain's numbers agree with the allocation, recomputed independently.

For every rule file in rules/ with its applications in examples/, the test
rule file that uses every policy, the one of tests/golden/bad/labels16 and
the two of tests/golden/bad/leftover17 (money moved between pots, a second
round):
runs allocate (JSON) once and explain (text and JSON) for every application
that the allocation considered, and checks what explain says of each grant:
- proportionell: the printed share "andelen: A kr × B / C = D kr" has A the
  request after caps, B the (sub-)pot's money in whole units, C the sum of
  the requests it was shared over, D = A × B / C to the öre; and the amount
  after "avrundat till …" is the grant. Each (sub-)pot's grants are then
  apportioned again here, by largest remainder in the pot's unit (ties to the
  larger request, then the better rank), with requests below the minimum
  grant and shares below it left out: the result must be allocate's, to the
  öre;
- rangordning: "fanns X kvar" is the (sub-)pot's money less what the
  applications ranked before this one were granted;
- a (sub-)pot's money is its amount and what other pots moved to it
  (moved_in_ore: 'kvar flyttas till', or the first round's leftover for a
  second round, whose amount is 0), all of it there from the start of its
  hand-out; a pot cannot give more than that;
- a cap that cut a request is named ("taket är").

Usage: explain_numbers.py MEDEL SOURCE_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MEDEL, SRC = os.path.abspath(sys.argv[1]), sys.argv[2]
env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
passed = failed = 0


def check(ok, msg):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + msg)


def ore(text):
    """'491 626,20 kr' or '819 377' -> öre."""
    t = text.replace("\u00a0", " ").replace(" kr", "").replace(" ", "")
    whole, _, frac = t.partition(",")
    return int(whole) * 100 + int((frac + "00")[:2])


def medel(cwd, *args):
    r = subprocess.run([MEDEL, *args], cwd=cwd, capture_output=True, env=env)
    if r.returncode != 0:
        check(False, f"medel {' '.join(args)}: exit {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
        return None
    return r.stdout.decode("utf-8")


NUM = r"(-?\d[\d ]*(?:,\d\d)?)"
SHARE = re.compile(rf"^    andelen: {NUM} kr × {NUM} / {NUM} (=|≈) {NUM} kr$")
ROUNDED = re.compile(rf"^    avrundat till [^:]+ \(största rest\): {NUM} kr$")
LEFT = re.compile(rf"när ansökan stod på tur \(rang (\d+)\) fanns {NUM} kr kvar")


def largest_remainder(amount, unit, weights):
    """Shares of amount (öre) in whole units by largest remainder; ties to the larger weight, then the lower index."""
    s, w = amount // unit, sum(weights)
    if w == 0 or s == 0:
        return [0] * len(weights)
    seats = [s * x // w for x in weights]
    rems = [s * x % w for x in weights]
    order = sorted((i for i in range(len(weights)) if weights[i] > 0), key=lambda i: (-rems[i], -weights[i], i))
    for i in order[: s - sum(seats)]:
        seats[i] += 1
    return [x * unit for x in seats]


def case(cwd, rules, apps):
    out = medel(cwd, "allocate", rules, apps, "--format", "json")
    if out is None:
        return
    doc = json.loads(out)
    pots = {p["name"]: p for p in doc["pots"]}
    by_app = {}
    for g in doc["grants"]:
        if g["application"] is not None:
            by_app.setdefault(g["application"], []).append(g)
    explained = {}   # (pot, rank) -> (grant, basis, text lines)
    for key in by_app:
        text = medel(cwd, "explain", rules, apps, "--id", key)
        js = medel(cwd, "explain", rules, apps, "--id", key, "--format", "json")
        if text is None or js is None:
            continue
        grants = json.loads(js)["allocation"]["grants"]
        tail = text.split("\nTilldelning\n", 1)[1].splitlines()
        # The lines under each grant's line, in the order of the grants.
        blocks, cur = [], None
        for line in tail:
            if line.startswith("    "):
                cur.append(line)
            else:
                cur = [line]
                blocks.append(cur)
        check(len(blocks) == len(grants), f"{apps} {key}: {len(blocks)} grant lines for {len(grants)} grants")
        for g, b in zip(grants, blocks):
            explained[(g["pot"], g["rank"])] = (g, b)
            check(g["basis"]["text"] == ([b[0].split(": ", 2)[2]] if g["capped"] else []) + [x[4:] for x in b[1:]]
                  or not g["capped"] and g["basis"]["text"] == [x[4:] for x in b[1:]],
                  f"{apps} {key}: the JSON's basis text is not the table's: {g['basis']['text']} / {b}")
            if g["capped"]:
                check("taket är" in b[0], f"{apps} {key}: a capped grant does not name its cap: {b[0]}")
    # Every (sub-)pot's grants, in rank order.
    groups = {}
    for (pot, rank), (g, b) in explained.items():
        groups.setdefault(pot, []).append((rank, g, b))
    for pot, items in groups.items():
        items.sort(key=lambda t: t[0])
        basis = items[0][1]["basis"]
        # Moved money is handed out together with the pot's own.
        amount = pots[pot]["amount_ore"] + pots[pot].get("moved_in_ore", 0)
        check(sum(g["granted_ore"] for _, g, _ in items) <= amount,
              f"{apps} {pot}: grants {sum(g['granted_ore'] for _, g, _ in items)} öre out of {amount}")
        if basis["policy"] == "pro_rata":
            unit, minimum = basis["unit_ore"], basis["minimum_grant_ore"] or 0
            weights = [g["after_cap_ore"] if g["after_cap_ore"] >= max(minimum, 1) else 0 for _, g, _ in items]
            total = sum(weights)
            check(all(g["basis"]["shared_over_ore"] == total for _, g, _ in items),
                  f"{apps} {pot}: shared over {basis['shared_over_ore']}, the requests add up to {total}")
            shares = weights if total <= amount else [min(s, w) for s, w in zip(largest_remainder(amount, unit, weights), weights)]
            shares = [s if s >= max(minimum, 1) else 0 for s in shares]
            for (rank, g, b), want in zip(items, shares):
                check(g["granted_ore"] == want, f"{apps} {pot} rank {rank}: granted {g['granted_ore']}, recomputed {want}")
                if total <= amount or weights[rank - 1] == 0:
                    continue
                m = [SHARE.match(x) for x in b if SHARE.match(x)]
                check(len(m) == 1, f"{apps} {pot} rank {rank}: no share formula in {b}")
                if not m:
                    continue
                a, bb, c, eq, d = m[0].groups()
                a, bb, c, d = ore(a), ore(bb), ore(c), ore(d)
                check((a, bb, c) == (g["after_cap_ore"], amount - amount % unit, total),
                      f"{apps} {pot} rank {rank}: the formula {m[0].group(0)!r} has the wrong factors")
                exact = a * bb / c
                check(abs(d - exact) <= 0.5 and (eq == "=") == (a * bb % c == 0),
                      f"{apps} {pot} rank {rank}: {m[0].group(0)!r}: A × B / C is {exact}")
                if want:
                    r = [ROUNDED.match(x) for x in b if ROUNDED.match(x)]
                    check(len(r) == 1 and ore(r[0].group(1)) == want,
                          f"{apps} {pot} rank {rank}: the rounded share is not the grant {want}: {b}")
        elif basis["policy"] == "ranked":
            given = 0
            for rank, g, b in items:
                left = amount - given
                check(g["basis"]["left_ore"] == left, f"{apps} {pot} rank {rank}: left {g['basis']['left_ore']}, recomputed {left}")
                m = [LEFT.search(x) for x in b if LEFT.search(x)]
                check(all(ore(x.group(2)) == left and int(x.group(1)) == rank for x in m),
                      f"{apps} {pot} rank {rank}: says {[x.group(0) for x in m]}, but {left} öre was left")
                given += g["granted_ore"]


cases = []
for rules in sorted(glob.glob(os.path.join(SRC, "rules/*.medel"))):
    if rules.endswith(".test.medel"):
        continue
    stem = os.path.basename(rules)[: -len(".medel")]
    for apps in sorted(glob.glob(os.path.join(SRC, f"examples/ansokningar-{stem}.*"))):
        cases.append((SRC, os.path.relpath(rules, SRC), os.path.relpath(apps, SRC)))
cases.append((os.path.join(SRC, "tests/golden/run"), "alla_policyer.medel", "ansokningar.csv"))
cases.append((os.path.join(SRC, "tests/golden/bad/labels16"), "regler.medel", "ansokningar.csv"))
L17 = "tests/golden/bad/leftover17"
cases.append((SRC, f"{L17}/leftover17_ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv"))
cases.append((SRC, f"{L17}/leftover17_perioder-2021-2022.medel", f"{L17}/leftover17_perioder-2021-2022.csv"))
# A pro-rata pot that receives moved money: the year pots with 2022 shared
# in proportion, over its amount and what 2021 moved to it.
tmp = tempfile.mkdtemp(prefix="explain-numbers-")
with open(os.path.join(SRC, L17, "leftover17_perioder-2021-2022.medel"), encoding="utf-8") as f:
    text = f.read()
at = text.index("pott år_2022")
text = text[:at] + text[at:].replace("tilldelning rangordning sista hoppa_över", "tilldelning proportionell", 1)
with open(os.path.join(tmp, "proportionell.medel"), "w", encoding="utf-8") as f:
    f.write(text)
shutil.copy(os.path.join(SRC, L17, "leftover17_perioder-2021-2022.csv"), tmp)
cases.append((tmp, "proportionell.medel", "leftover17_perioder-2021-2022.csv"))
for c in cases:
    case(*c)
shutil.rmtree(tmp)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
