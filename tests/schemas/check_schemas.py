#!/usr/bin/env python3
"""Every JSON document medel writes validates against its schema in
docs/schemas/, on every rule file in rules/ and examples/ (with every
application file that belongs to it), on the test rule file that uses every
policy, on the two of tests/golden/bad/leftover17 in which money moves
between pots and is returned, and on the broken rule files of
tests/golden/errors.

Beside the schemas it checks what they cannot say:
- allocate: every pot conserves its money, amount + moved in = to sub-pots +
  granted + moved on + returned + unallocated, and the whole, total =
  granted + returned + unallocated; what moved on is what the pot it names
  received; the sums at the top are the pots' and the grants'; a second
  round holds only what moved in from its pot. The leftover fields come on
  every pot or on none (with returned_ore at the top), so a run without
  them is one in which no money moved;
- whatif: every column conserves, total = granted + returned + unallocated
  (returned_ore, which the rows 'P · återbetalas' add up to), and the
  baseline is allocate's (its returned_ore too);
- explain, for every application: its grants are allocate's grants for it,
  and its verdicts are check's (a differential test of two reports that are
  made apart);
- validate: for a broken rule file, every error and warning (and note) is
  the one the text form shows, at the same file, line and column.

Usage: check_schemas.py SOURCE_DIR MEDEL
"""
import glob
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

SRC, MEDEL = sys.argv[1], os.path.abspath(sys.argv[2])

validators = {}
for path in glob.glob(os.path.join(SRC, "docs/schemas/*.schema.json")):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validators[os.path.basename(path).split(".")[0]] = jsonschema.Draft202012Validator(schema)

failures = []
validated = {}


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args, rcs=(0,), cwd=SRC, allow_refusal=None):
    """Runs medel ARGS, which must write one JSON document and exit with
    one of rcs; validates it against the command's schema. Returns it.
    allow_refusal (exit code, message): a refusal with nothing written that
    is also right."""
    r = subprocess.run([MEDEL] + args, cwd=cwd, capture_output=True)
    what = "medel " + " ".join(args)
    if allow_refusal and r.returncode == allow_refusal[0] and not r.stdout and allow_refusal[1] in r.stderr.decode():
        return None   # refused as it should be: nothing written
    if r.returncode not in rcs:
        fail(f"{what}: exit {r.returncode}, expected {rcs}: {r.stderr.decode(errors='replace')[:500]}")
        return None
    try:
        doc = json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        fail(f"{what}: not JSON: {e}")
        return None
    command = args[0]
    errors = sorted(validators[command].iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        fail(f"{what}: {'/'.join(map(str, e.path))}: {e.message[:300]}")
    validated[command] = validated.get(command, 0) + 1
    return doc


def rel(*parts):
    return os.path.relpath(os.path.join(*parts), SRC)


# The rule files and the application files that belong to them: by name in
# rules/ and examples/, and the test rule file that uses every policy.
pairs = []
rule_files = sorted(f for f in glob.glob(os.path.join(SRC, "rules/*.medel")) if not f.endswith(".test.medel"))
for rules in rule_files:
    stem = os.path.basename(rules)[:-len(".medel")]
    for apps in sorted(glob.glob(os.path.join(SRC, f"examples/ansokningar-{stem}.*"))):
        pairs.append((rel(rules), rel(apps), ()))
run_dir = os.path.join(SRC, "tests/golden/run")
for apps in ("ansokningar.csv", "ansokningar.json", "ansokningar.jsonl"):
    pairs.append((rel(run_dir, "alla_policyer.medel"), rel(run_dir, apps), ()))
# Rejected rows, with --keep-going: the reports say so (exit 67).
pairs.append(("rules/ungdomsmottagningar-2021.medel", "examples/felaktiga-ansokningar-2021.csv", ("--keep-going",)))
pairs.append((rel(run_dir, "alla_policyer.medel"), rel(run_dir, "felaktiga.csv"), ("--keep-going",)))
# Money that moves and is returned: a split pot's sub-pots moving to
# another pot whose leftover goes to a second round that returns its own,
# and year pots, 2021's rest moving to 2022, which returns what it leaves.
L17 = "tests/golden/bad/leftover17"
pairs.append((f"{L17}/leftover17_ungdomsmottagningar-2021.medel", "examples/ansokningar-ungdomsmottagningar-2021.csv", ()))
pairs.append((f"{L17}/leftover17_perioder-2021-2022.medel", f"{L17}/leftover17_perioder-2021-2022.csv", ()))
LEFTOVER = ("moved_in_ore", "moved_out_ore", "moved_to", "returned_ore")
n_moving = 0   # allocations in which money moved or was returned


def conserves(doc, what):
    """The allocation's money, recomputed from its pots and grants."""
    global n_moving
    pots = doc["pots"]
    moving = "returned_ore" in doc
    n_moving += moving
    by_name = {}
    for p in pots:
        if p["name"] in by_name:
            fail(f"{what}: pot {p['name']} twice")
        by_name[p["name"]] = p
    received = {}
    for p in pots:
        has = [k in p for k in LEFTOVER]
        if any(has) != moving or not all(has) and any(has):
            fail(f"{what}: pot {p['name']}: leftover fields {[k for k in LEFTOVER if k in p]}, "
                 f"returned_ore at the top {'present' if moving else 'absent'}")
            continue
        m_in, m_out, back = (p.get(k, 0) for k in ("moved_in_ore", "moved_out_ore", "returned_ore"))
        had = p["amount_ore"] + m_in
        gone = p["to_children_ore"] + p["granted_ore"] + m_out + back + p["unallocated_ore"]
        if had != gone:
            fail(f"{what}: pot {p['name']} does not add up: {p['amount_ore']} + {m_in} moved in != "
                 f"{p['to_children_ore']} + {p['granted_ore']} + {m_out} moved on + {back} returned + {p['unallocated_ore']}")
        to = p.get("moved_to")
        if (to is None) != (m_out == 0):
            fail(f"{what}: pot {p['name']} moved {m_out} öre on to {to!r}")
        if to is not None:
            if to not in by_name or to == p["name"]:
                fail(f"{what}: pot {p['name']} moved its leftover to {to!r}, which is not another pot of the result")
            received[to] = received.get(to, 0) + m_out
        # What a pot leaves goes one way: on, back or stays.
        if sum(x > 0 for x in (m_out, back, p["unallocated_ore"])) > 1:
            fail(f"{what}: pot {p['name']} left money in more than one way: moved {m_out}, returned {back}, "
                 f"unallocated {p['unallocated_ore']}")
    for p in pots:
        if p.get("moved_in_ore", 0) != received.get(p["name"], 0):
            fail(f"{what}: pot {p['name']} received {p.get('moved_in_ore', 0)} öre, the others moved "
                 f"{received.get(p['name'], 0)} to it")
        # A second round's money is what its pot left, moved to it: nothing else.
        if "second_round_of" in p:
            of = by_name.get(p["second_round_of"])
            from_pot = of.get("moved_out_ore", 0) if of and of.get("moved_to") == p["name"] else 0
            if of is None or of is p or p["amount_ore"] != 0 or p["moved_in_ore"] != from_pot \
                    or of.get("moved_to") not in (p["name"], None):
                fail(f"{what}: second round {p['name']} of {p['second_round_of']!r}: amount {p['amount_ore']}, "
                     f"moved in {p['moved_in_ore']}, its pot moved {of and of.get('moved_out_ore')} to "
                     f"{of and of.get('moved_to')!r}")
    returned = doc.get("returned_ore", 0)
    if doc["total_ore"] != doc["granted_ore"] + returned + doc["unallocated_ore"]:
        fail(f"{what}: total {doc['total_ore']} is not granted {doc['granted_ore']} + returned {returned} + "
             f"unallocated {doc['unallocated_ore']}")
    for key, want in (("granted_ore", sum(g["granted_ore"] for g in doc["grants"])),
                      ("granted_ore", sum(p["granted_ore"] for p in pots)),
                      ("returned_ore", sum(p.get("returned_ore", 0) for p in pots)),
                      ("unallocated_ore", sum(p["unallocated_ore"] for p in pots))):
        if doc.get(key, 0) != want:
            fail(f"{what}: {key} {doc.get(key, 0)} at the top, {want} summed")


def whatif_conserves(doc, alloc, what):
    """Every column conserves; the baseline (the first) is allocate's."""
    if not doc:
        return
    for c, col in enumerate(doc["columns"]):
        returned = col["returned_ore"]
        rows = sum(r["amount_ore"][c] or 0 for r in doc["pots"]
                   if r["name"].endswith((" · återbetalas", " · returned")))
        if returned != rows:   # the pots' own rows say the same
            fail(f"{what}: column {col['name']}: returned_ore {returned}, the rows 'P · återbetalas' {rows}")
        if not col["conserved"] or col["total_ore"] != col["granted_ore"] + returned + col["unallocated_ore"]:
            fail(f"{what}: column {col['name']}: total {col['total_ore']} is not granted {col['granted_ore']} + "
                 f"returned {returned} + unallocated {col['unallocated_ore']}")
    base = doc["columns"][0]
    if (base["total_ore"], base["granted_ore"], base["returned_ore"], base["unallocated_ore"]) != \
            (alloc["total_ore"], alloc["granted_ore"], alloc.get("returned_ore", 0), alloc["unallocated_ore"]):
        fail(f"{what}: the baseline is not allocate's")

for rules, apps, extra in pairs:
    rcs = (67,) if extra else (0,)
    extra = list(extra)
    check = run(["check", rules, apps, "--format", "json"] + extra, rcs)
    alloc = run(["allocate", rules, apps, "--format", "json"] + extra, rcs)
    if not check or not alloc:
        continue
    conserves(alloc, f"allocate {rules} {apps}")
    grants = {}
    for g in alloc["grants"]:
        grants.setdefault(g["application"], []).append(g)
    for app in check["applications"]:
        key = app["key"]
        # A key that a rejected row has too is refused, and said why.
        ex = run(["explain", rules, apps, "--id", key, "--format", "json"] + extra, rcs,
                 allow_refusal=(67, "was rejected, so there is nothing to explain"))
        if not ex:
            continue
        if ex["application"]["key"] != key:
            fail(f"explain {key}: explains {ex['application']['key']}")
        mine = [{k: g[k] for k in g if k != "application"} for g in grants.get(key, [])]
        # basis (how the amount came about) is explain's own; tests/reports/explain_numbers.py checks it
        theirs = [{k: g[k] for k in g if k != "basis"} for g in ex["allocation"]["grants"]]
        if sorted(mine, key=repr) != sorted(theirs, key=repr):
            fail(f"explain {rules} {apps} {key}: grants {theirs} are not allocate's {mine}")
        verdicts = {}
        for p in ex["pots"]:
            if p["verdict"] == "not_applicable":
                continue
            name = p["pot"]
            if p["sub_pot"] and p["sub_pot"]["key"] is not None:
                name += "/" + p["sub_pot"]["key"]
            verdicts[name] = p["verdict"]
        checked = {p["pot"]: p["status"] for p in app["pots"]}
        if verdicts != checked:
            fail(f"explain {rules} {apps} {key}: verdicts {verdicts} are not check's {checked}")
    # whatif: every scenario of the rule file and the example scenarios, a
    # --set, and a sweep of the first pot.
    top = alloc["pots"][0]
    w = run(["whatif", rules, apps, "--set", f"{top['name']}={top['amount_ore'] // 100 + 1000} kr", "--format", "json",
             "--allow-outside-paths"] + extra, rcs)
    whatif_conserves(w, alloc, f"whatif {rules} {apps} --set")
    lo = max(top["amount_ore"] // 100 - 100000, 0)
    w = run(["whatif", rules, apps, "--sweep", f"{top['name']}={lo} kr..{lo + 200000} kr steg 100000 kr", "--format", "json",
             "--allow-outside-paths"] + extra, rcs)
    whatif_conserves(w, alloc, f"whatif {rules} {apps} --sweep")
    if os.path.basename(rules) in ("ungdomsmottagningar-2021.medel", "leftover17_ungdomsmottagningar-2021.medel"):
        w = run(["whatif", rules, apps, "--scenarios", "examples/scenarier-ungdomsmottagningar-2021.medel", "--all",
                 "--format", "json", "--allow-outside-paths"] + extra, rcs)
        whatif_conserves(w, alloc, f"whatif {rules} {apps} --scenarios")

# diff: every pair of rule files, each with itself too (exit 0 or 1).
all_rules = [rel(f) for f in rule_files] + [rel(run_dir, "alla_policyer.medel")]
for old, new in itertools.product(all_rules, repeat=2):
    run(["diff", old, new, "--format", "json", "--allow-outside-paths"], (0, 1))

# validate: every valid rule file, all at once, with a scenario file, the
# broken ones, and one that is not there. (Test files and scenario files are
# not rule files on their own: validate finds errors in them, exit 65.)
valid = rule_files + sorted(glob.glob(os.path.join(SRC, "tests/golden/valid/*.medel")))
# Splits with every rule, in kronor and in percent (the summary gives them).
valid += [os.path.join(SRC, "tests/golden/bad/summary17", f) for f in ("summary17_andel.medel", "summary17_belopp.medel")]
for f in valid:
    doc = run(["validate", "--format", "json", rel(f)])
    if doc and doc["files"][0]["summary"] is None:
        fail(f"validate {rel(f)}: a valid file without a summary")
run(["validate", "--format", "json"] + [rel(f) for f in valid])
run(["validate", "--format", "json", "rules/ungdomsmottagningar-2021.medel", "--scenarios",
     "examples/scenarier-ungdomsmottagningar-2021.medel"])
run(["validate", "--format", "json", "no/such/file.medel", "rules/gemensam-pott-2018.medel"], (66,))
for f in sorted(glob.glob(os.path.join(SRC, "rules/*.test.medel")) + glob.glob(os.path.join(SRC, "examples/*.medel"))):
    run(["validate", "--format", "json", rel(f)], (65,))

# explain gives every value whole, however long (the text report's 512
# bytes are no limit of the data).
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(SRC, "examples/ansokningar-ungdomsmottagningar-2021.csv"), encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    long_text = "Lång beskrivning," * 400
    cells = lines[1].split(";")
    lines[1] = ";".join(cells[:12] + [f'"{long_text}"'])
    apps = os.path.join(tmp, "ansokningar.csv")
    with open(apps, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    doc = run(["explain", "rules/ungdomsmottagningar-2021.medel", apps, "--id", cells[0], "--format", "json",
               "--allow-outside-paths"])
    if doc and doc["application"]["values"][-1]["value"] != long_text:
        fail(f"explain --format json: a long value is not given whole ({len(doc['application']['values'][-1]['value'] or '')} bytes)")

# A file name that is not UTF-8 (a Linux file name may hold any byte): the
# JSON is still UTF-8, the byte written as U+FFFD.
with tempfile.TemporaryDirectory() as tmp:
    name = os.fsdecode(b"regler-\xff.medel")
    shutil.copy(os.path.join(SRC, "tests/golden/errors/agreement_without_year.medel"), os.path.join(tmp, name))
    doc = run(["validate", "--format", "json", name], (65,), cwd=tmp)
    if doc and (doc["files"][0]["path"] != "regler-\ufffd.medel" or doc["files"][0]["diagnostics"][0]["file"] != "regler-\ufffd.medel"):
        fail(f"validate --format json on a file name that is not UTF-8: {doc['files'][0]['path']!r}")

# The text form's diagnostic lines: path:line:col: severity: message.
DIAG = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|note): (.*)$")
errors_dir = os.path.join(SRC, "tests/golden/errors")
n_compared = 0
for f in sorted(glob.glob(os.path.join(errors_dir, "*.medel"))):
    name = os.path.basename(f)
    doc = run(["validate", "--format", "json", name], (65, 66), cwd=errors_dir)
    if not doc:
        continue
    with open(f[:-len(".medel")] + ".err", encoding="utf-8", errors="replace") as e:
        text = e.read()
    if "not shown" in text or "visas inte" in text or "\\x" in text or "\\u{" in text:
        continue   # capped at 50, or with escaped characters: not line for line
    want = [m.groups() for m in map(DIAG.match, text.splitlines()) if m]
    got = []
    for d in doc["files"][0]["diagnostics"]:
        for x in [d] + d["notes"]:
            if x["file"] is not None:
                got.append((x["file"], str(x["line"]), str(x["column"]), x.get("severity", "note"), x["message"]))
    if got != want:
        fail(f"validate --format json {name}: diagnostics {got} are not the text form's {want}")
    n_compared += 1

for cmd in sorted(validators):
    if cmd not in validated:
        fail(f"no output of {cmd} was validated")
if n_moving < 3:
    fail(f"only {n_moving} allocations moved or returned money: the leftover fields were hardly checked")
total = sum(validated.values())
print(f"{total} JSON outputs validated ({', '.join(f'{k} {v}' for k, v in sorted(validated.items()))}); "
      f"{n_compared} broken files compared line for line; {len(failures)} failed")
sys.exit(1 if failures else 0)
