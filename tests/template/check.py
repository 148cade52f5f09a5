#!/usr/bin/env python3
"""check.py: medel mall against the rule files, read independently.

For every rule file given, the columns are taken from `medel validate --dump`
(the checked program as the checker prints it, not the template's code) and
the keys of data tables from the data files themselves. Then:

  csv       the CSV template's header row is the fields' headers in order
            (UTF-8 with BOM, ';'); the instructions (--table anvisningar) list
            each column with the rule file's members and the table's keys; and
            a file of generated rows (random valid values for every type, the
            list values picked from the template's lists, plus a row of the
            template's own examples) checks cleanly: exit 0, every row valid.
  xlsx      the workbook read with openpyxl: sheets, the exact headers, frozen
            header, a comment on each header cell, a data validation per
            column of the right kind and style, over 1000 rows, whose list
            refers to a range of the hidden sheet Listor holding exactly the
            members; the sheet Anvisningar; and nothing onto a terminal.
  soffice   the workbook opens in LibreOffice headless, whose CSV of it is
            the header row.
  roundtrip the xlsx template filled in by openpyxl with the generated rows
            checks cleanly with medel check (needs medel's .xlsx reader).

Usage: check.py MODE MEDEL WORKDIR RULES...
"""
import csv
import io
import os
import pty
import random
import re
import shutil
import subprocess
import sys

MODE, MEDEL, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
RULES = sys.argv[4:]
ROWS = 1000
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(args, **kw):
    p = subprocess.run([MEDEL] + args, capture_output=True, **kw)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


# ---- the rule file as the checker prints it ----

FIELD = re.compile(r'^  ((?:(?:nyckel|obligatorisk|sökt) )*)(\S+): (.+) "([^"]*)"$')


def schema(rules):
    rc, out, err = run(["validate", "--dump", "--allow-outside-paths", rules])
    if rc != 0:
        raise SystemExit(f"validate --dump {rules}: exit {rc}: {err}")
    fields, focus, tables = [], [], {}
    section, table = None, None
    for line in out.decode("utf-8").splitlines():
        if not line.startswith(" "):
            section = line.split(" ")[0]
            m = re.match(r'^tabell (\S+) från "(.*)"$', line)
            table = m.group(1) if m else None
            if m:
                tables[table] = {"file": os.path.join(os.path.dirname(rules), m.group(2))}
            continue
        if section == "fokusområden":
            m = re.match(r'^  (\S+) "(.*)"$', line)
            focus.append((m.group(1), m.group(2)))
        elif section == "tabell" and table:
            m = re.match(r'^  nyckel \S+: \S+ "(.*)"$', line)
            if m:
                tables[table]["key"] = m.group(1)
        elif section == "ansökan":
            m = FIELD.match(line)
            if not m:
                raise SystemExit(f"{rules}: cannot read the dump's field line {line!r}")
            flags, name, typ, header = m.groups()
            fields.append({"name": name, "type": typ, "header": header, "required": bool(flags.strip()),
                           "key": "nyckel" in flags.split()})
    for t in tables.values():
        with open(t["file"], encoding="utf-8-sig", newline="") as f:
            text = f.read()
        sep = ";" if ";" in text.splitlines()[0] else ","
        rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
        t["keys"] = [r[t["key"]] for r in rows]
    for f in fields:
        typ = f["type"]
        if typ.startswith("en av ") or typ.startswith("mängd av "):
            f["members"] = typ.split(" av ", 1)[1].split(" | ")
            f["kind"] = "one" if typ.startswith("en av ") else "many"
        elif typ in ("fokusområde", "fokusområden"):
            f["members"] = [label for _, label in focus]
            f["kind"] = "one" if typ == "fokusområde" else "many"
        elif typ.startswith("nyckel i "):
            f["members"] = tables[typ[len("nyckel i "):]]["keys"]
            f["kind"] = "one"
        elif typ == "ja/nej":
            f["members"] = ["ja", "nej"]
            f["kind"] = "one"
        else:
            # The dump writes types as the schema does (lang/format.c).
            f["members"] = None
            f["kind"] = {"heltal": "integer", "belopp": "amount", "intervall": "range of integers",
                         "intervall av belopp": "range of amounts"}.get(typ, typ)
    return fields


def read_csv(data):
    if not data.startswith(b"\xef\xbb\xbf"):
        fail("a CSV template without the UTF-8 byte order mark")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def guide(rules, fields):
    """The instructions CSV, checked against the schema; by header."""
    rc, out, err = run(["mall", "--allow-outside-paths", rules, "--table", "anvisningar"])
    if rc != 0:
        fail(f"{rules}: mall --table anvisningar: exit {rc}: {err}")
        return {}
    rows = read_csv(out)
    if rows[0] != ["rubrik", "typ", "obligatorisk", "tillåtna_värden", "exempel"]:
        fail(f"{rules}: the instructions' header is {rows[0]}")
    if [r[0] for r in rows[1:]] != [f["header"] for f in fields]:
        fail(f"{rules}: the instructions list {[r[0] for r in rows[1:]]}, the rule file {[f['header'] for f in fields]}")
    by = {}
    for f, r in zip(fields, rows[1:]):
        g = dict(zip(rows[0], r))
        by[f["header"]] = g
        if g["obligatorisk"] != ("ja" if f["required"] else "nej"):
            fail(f"{rules}: {f['header']}: obligatorisk {g['obligatorisk']!r}, the rule file says {f['required']}")
        if f["members"] is not None and g["tillåtna_värden"].split(" | ") != f["members"]:
            fail(f"{rules}: {f['header']}: allowed {g['tillåtna_värden']!r}, the rule file has {f['members']}")
    return by


# ---- generated applications ----

def kr(n):
    return f"{n:,}".replace(",", " ")


def value(f, g, rng, i):
    """A random valid value for field f (g: its row of the instructions)."""
    kind = f["kind"]
    if f["key"]:
        return str(i + 1) if kind == "integer" else f"T-{i + 1:04d}"
    if not f["required"] and rng.random() < 0.1:
        return ""
    lists = g["tillåtna_värden"].split(" | ") if f["members"] is not None else None
    if kind == "one":
        return rng.choice(lists)
    if kind == "many":
        return "|".join(rng.sample(lists, rng.randint(1, len(lists))))
    if kind == "text":
        return rng.choice(["Projekt Åsa", "Ökad samverkan; kvällstid", 'Kallad "Nora"', "Ett projekt i Malmö"])
    if kind == "integer":
        return str(rng.randint(0, 5000))
    if kind == "amount":
        n = rng.randint(0, 3_000_000)
        return rng.choice([f"{kr(n)} kr", str(n), f"{n} kr", "1,5 MSEK"])
    if kind == "range of integers":
        a = rng.randint(0, 30)
        return rng.choice([f"{a}-{a + rng.randint(0, 10)}", f"{a}..{a + 3}", str(a)])
    if kind == "range of amounts":
        a = rng.randint(0, 100_000)
        return f"{kr(a)} kr..{kr(a + rng.randint(0, 900_000))} kr"
    raise SystemExit(f"no generator for the type {kind!r}")


def generated(rules, fields, by, n=40):
    rng = random.Random(os.path.basename(rules))
    rows = [[value(f, by[f["header"]], rng, i) for f in fields] for i in range(n)]
    # And one of the template's own examples (the key made unique).
    rows.append([value(f, by[f["header"]], rng, n) if f["key"] else by[f["header"]]["exempel"] for f in fields])
    return rows


def checks_clean(rules, path, n):
    rc, out, err = run(["check", "--allow-outside-paths", rules, path])
    counts = f"{n} ansökningar lästa, {n} giltiga, 0 avvisade"
    if rc != 0 or counts not in err:
        fail(f"{rules}: medel check of the filled template {path}: exit {rc}, expected '{counts}':\n{err}")


def work(rules, what):
    d = os.path.join(WORK, os.path.basename(rules).replace(".medel", ""), what)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def check_csv(rules):
    fields = schema(rules)
    d = work(rules, "csv")
    tpl = os.path.join(d, "mall.csv")
    rc, _, err = run(["mall", "--allow-outside-paths", rules, "-o", tpl])   # CSV by the name
    if rc != 0:
        return fail(f"{rules}: mall -o mall.csv: exit {rc}: {err}")
    data = open(tpl, "rb").read()
    rows = read_csv(data)
    headers = [f["header"] for f in fields]
    if rows != [headers]:
        fail(f"{rules}: the CSV template is {rows}, expected the one row {headers}")
    rc, out, _ = run(["mall", "--allow-outside-paths", rules, "--format", "csv"])
    if out != data:
        fail(f"{rules}: mall --format csv on standard output differs from -o mall.csv")
    by = guide(rules, fields)
    if not by:
        return
    apps = generated(rules, fields, by)
    filled = os.path.join(d, "ifylld.csv")
    with open(filled, "w", encoding="utf-8-sig", newline="") as f:
        f.write(data.decode("utf-8-sig"))   # the template's header row, as it is
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerows(apps)
    checks_clean(rules, filled, len(apps))


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def check_xlsx(rules):
    import openpyxl
    fields = schema(rules)
    d = work(rules, "xlsx")
    tpl = os.path.join(d, "ansökan.xlsx")
    rc, _, err = run(["mall", "--allow-outside-paths", rules, "-o", tpl])
    if rc != 0:
        return fail(f"{rules}: mall -o ansökan.xlsx: exit {rc}: {err}")
    wb = openpyxl.load_workbook(tpl)
    lists = any(f["members"] for f in fields)
    want = ["Ansökningar", "Anvisningar"] + (["Listor"] if lists else [])
    if wb.sheetnames != want:
        return fail(f"{rules}: sheets {wb.sheetnames}, expected {want}")
    ws = wb["Ansökningar"]
    headers = [f["header"] for f in fields]
    got = [c.value for c in ws[1]]
    if got != headers:
        fail(f"{rules}: Ansökningar's headers {got}, expected {headers}")
    if ws.freeze_panes != "A2" or ws.max_row != 1:
        fail(f"{rules}: Ansökningar: frozen at {ws.freeze_panes}, {ws.max_row} rows")
    if wb.active.title != "Ansökningar":
        fail(f"{rules}: the workbook opens on {wb.active.title}")
    if lists and wb["Listor"].sheet_state != "hidden":
        fail(f"{rules}: Listor is {wb['Listor'].sheet_state}, not hidden")
    dvs = {}
    for dv in ws.data_validations.dataValidation:
        for r in str(dv.sqref).split():
            dvs.setdefault(re.match(r"[A-Z]+", r).group(0), []).append((dv, r))
    for i, f in enumerate(fields):
        c = col(i)
        com = ws[f"{c}1"].comment
        req = "ja" if f["required"] else "nej"
        if not com or not com.text.startswith(f["header"] + "\n") or f"Obligatorisk: {req}\n" not in com.text \
                or "Typ: " not in com.text or "Exempel: " not in com.text:
            fail(f"{rules}: {f['header']}: the comment is {com.text if com else None!r}")
        got = dvs.get(c, [])
        kind = f["kind"]
        if kind in ("text", "range of integers", "range of amounts"):
            if got:
                fail(f"{rules}: {f['header']}: a validation on a free column")
            continue
        if len(got) != 1:
            fail(f"{rules}: {f['header']}: {len(got)} validations, expected one")
            continue
        dv, ref = got[0]
        if ref != f"{c}2:{c}{ROWS + 1}":
            fail(f"{rules}: {f['header']}: the validation covers {ref}, not {c}2:{c}{ROWS + 1}")
        if f["members"] is not None:
            m = re.fullmatch(r"Listor!\$([A-Z]+)\$2:\$\1\$(\d+)", dv.formula1 or "")
            if dv.type != "list" or not m:
                fail(f"{rules}: {f['header']}: validation {dv.type} {dv.formula1!r}, expected a list on Listor")
                continue
            lc, last = m.group(1), int(m.group(2))
            values = [wb["Listor"][f"{lc}{r}"].value for r in range(2, last + 1)]
            if values != f["members"] or wb["Listor"][f"{lc}1"].value != f["header"]:
                fail(f"{rules}: {f['header']}: Listor!{lc} holds {values}, the rule file has {f['members']}")
            style = "information" if kind == "many" else None   # None: stop, Excel's default
            if dv.errorStyle != style:
                fail(f"{rules}: {f['header']}: error style {dv.errorStyle!r}, expected {style!r}")
        elif kind == "amount":
            if (dv.type, dv.operator, dv.errorStyle) != ("decimal", "greaterThanOrEqual", "warning"):
                fail(f"{rules}: {f['header']}: {dv.type} {dv.operator} {dv.errorStyle}: expected a warning for an amount")
            # The advertised input is a number the validation accepts, shown in kronor.
            fmt = ws.column_dimensions[c].number_format
            if fmt != '#,##0" kr"':
                fail(f"{rules}: {f['header']}: the amount column is formatted {fmt!r}, not as kronor")
            if not re.search(r"\nExempel: 450000(\n|$)", com.text) or "som ett tal" not in com.text \
                    or "450 000 kr" not in (dv.error or ""):
                fail(f"{rules}: {f['header']}: the comment {com.text!r} or the warning {dv.error!r} "
                     "does not say to type the amount as a number")
        elif kind == "integer":
            if (dv.type, dv.errorStyle) != ("whole", "warning"):
                fail(f"{rules}: {f['header']}: {dv.type} {dv.errorStyle}: expected a warning for a whole number")
    g = wb["Anvisningar"]
    rows = [[c.value for c in r] for r in g.iter_rows()]
    if rows[0] != ["Rubrik", "Typ", "Obligatorisk", "Tillåtna värden", "Exempel"]:
        fail(f"{rules}: Anvisningar's header {rows[0]}")
    if [r[0] for r in rows[1:]] != headers or [r[2] for r in rows[1:]] != ["ja" if f["required"] else "nej" for f in fields]:
        fail(f"{rules}: Anvisningar lists {[r[0] for r in rows[1:]]}")
    # A workbook is never written onto a terminal.
    master, slave = pty.openpty()
    p = subprocess.run([MEDEL, "mall", "--allow-outside-paths", rules], stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    os.close(master)
    if p.returncode != 64 or "skrivs inte till en terminal".encode() not in p.stderr:
        fail(f"{rules}: mall onto a terminal: exit {p.returncode}, {p.stderr!r}")


def check_soffice(rules):
    fields = schema(rules)
    d = work(rules, "soffice")
    tpl = os.path.join(d, "ansokan.xlsx")
    rc, _, err = run(["mall", "--allow-outside-paths", rules, "-o", tpl])
    if rc != 0:
        return fail(f"{rules}: mall: exit {rc}: {err}")
    p = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", d, tpl],
                       capture_output=True, timeout=300)
    out = os.path.join(d, "ansokan.csv")
    if p.returncode != 0 or not os.path.exists(out):
        return fail(f"{rules}: LibreOffice did not convert the template: {p.stdout!r} {p.stderr!r}")
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline=""), delimiter=";"))
    if rows[:1] != [[f["header"] for f in fields]]:
        fail(f"{rules}: LibreOffice reads the header row {rows[:1]}")


def check_roundtrip(rules):
    import openpyxl
    fields = schema(rules)
    d = work(rules, "roundtrip")
    tpl = os.path.join(d, "ansökan.xlsx")
    rc, _, err = run(["mall", "--allow-outside-paths", rules, "-o", tpl])
    if rc != 0:
        return fail(f"{rules}: mall: exit {rc}: {err}")
    by = guide(rules, fields)
    apps = generated(rules, fields, by)
    wb = openpyxl.load_workbook(tpl)
    ws = wb["Ansökningar"]
    for r in apps:
        ws.append(r)
    filled = os.path.join(d, "ifylld.xlsx")
    wb.save(filled)
    checks_clean(rules, filled, len(apps))


for r in RULES:
    {"csv": check_csv, "xlsx": check_xlsx, "soffice": check_soffice, "roundtrip": check_roundtrip}[MODE](r)
print(f"{MODE}: {len(RULES)} rule files, {len(failures)} failures")
sys.exit(1 if failures else 0)
