#!/usr/bin/python3
"""Workbooks made by other programs give exactly what the same data as UTF-8
CSV gives.

Builds, at test time into OUT, workbooks of the bundled 2021 applications
the ways Excel, openpyxl and LibreOffice write them (amounts as numbers,
some with öre and float noise, some as text; shared and inline strings, rich
text runs with phonetic runs; booleans; a date in a text column; formulas
with cached values; cells without r attributes; merged cells; formatted
empty rows inside and after the data; a second sheet; a file renamed .csv;
one converted by LibreOffice headless), writes the CSV each must equal, and
compares `medel check --format json` and `medel allocate --format json`
with the input file's path and hash taken out. Also a data table given as
a workbook. Exits 1 on the first difference.

usage: differential.py MEDEL SOURCE_DIR OUT
"""
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Font

MEDEL, SRC, OUT = sys.argv[1:4]
RULES = os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel")
CSV = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv")
os.makedirs(OUT, exist_ok=True)

with open(CSV, encoding="utf-8-sig", newline="") as f:
    ROWS = list(csv.reader(f, delimiter=";"))
HEADER, DATA = ROWS[0], ROWS[1:]
AMOUNT = HEADER.index("Sökt belopp")
TEXT = HEADER.index("Beskrivning")
BOOL = HEADER.index("Länsövergripande")


def ore(cell):
    """The öre of an amount as the CSV writes it ("450 000 kr", "300000")."""
    from decimal import Decimal
    s = cell.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    for unit, k in (("MSEK", 1000000), ("tkr", 1000), ("kr", 1), (":-", 1), ("", 1)):
        if s.endswith(unit):
            v = Decimal(s[:len(s) - len(unit)]) * k * 100
            assert v == int(v), cell
            return int(v)


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n").writerows(rows)


def kr_text(o):
    return f"{o // 100},{o % 100:02d}" if o % 100 else str(o // 100)


# The data the workbooks hold, as CSV: some amounts get öre, one text
# column a date, one description is emptied where a merged cell covers it.
expected = [list(r) for r in DATA]
for i, r in enumerate(expected):
    o = ore(r[AMOUNT])
    if i % 5 == 1:
        o += 56          # 1234,56 kr: a number with decimals
    if i % 7 == 3:
        o += 10          # ...,10 kr: written 0.1 as Excel does
    r[AMOUNT] = kr_text(o)
DATE_ROW = 4
expected[DATE_ROW][TEXT] = "2021-03-15"
MERGED_ROW = 6                       # its description is covered by the cell above
expected[MERGED_ROW][TEXT] = ""
expected_csv = os.path.join(OUT, "expected.csv")
write_csv(expected_csv, [HEADER] + expected)


def build_openpyxl(path, first_sheet=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet:
        ws.title = first_sheet
        ws.append(["Om filen"])
        ws.append(["Ansökningarna finns på nästa blad"])
        ws = wb.create_sheet("Ansökningar")
    else:
        ws.title = "Blad1"
    ws.append(HEADER)
    for i, r in enumerate(expected):
        row = []
        for j, v in enumerate(r):
            if j == AMOUNT:
                o = ore(v)
                if i % 4 == 2:
                    row.append(v + " kr")          # an amount stored as text
                elif o % 100:
                    row.append(o / 100)           # a float, as Excel stores it
                else:
                    row.append(o // 100)
            elif j == BOOL and v in ("ja", "nej"):
                row.append(v == "ja")             # a boolean cell
            elif j == TEXT and i == DATE_ROW:
                row.append(datetime.date(2021, 3, 15))
            elif v.isdigit() and len(v) < 15 and not v.startswith("0"):
                row.append(int(v))
            else:
                row.append(v if v != "" else None)
        ws.append(row)
    # The cell over the merged row's description holds the value; the one
    # merged into it reads empty, as Excel shows it.
    col = openpyxl.utils.get_column_letter(TEXT + 1)
    ws.merge_cells(f"{col}{MERGED_ROW + 1}:{col}{MERGED_ROW + 2}")
    ws[f"A{len(expected) + 1}"].font = Font(bold=True)
    # Formatted empty cells after the data (Excel keeps them in the sheet).
    for k in range(3):
        ws.cell(row=len(expected) + 5 + k, column=2).font = Font(italic=True)
    wb.save(path)


def rewrite(src, dst, fn):
    """Copies workbook src to dst with fn(name, text) applied to each XML part."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            if info.filename.endswith(".xml"):
                data = fn(info.filename, data.decode("utf-8")).encode("utf-8")
            zo.writestr(info.filename, data)


def to_shared(src, dst):
    """Moves every inline string of the sheets into a shared-string table, as
    Excel writes them; strings of four letters or more become rich text runs
    with a phonetic run (rPh), which is not part of the text."""
    strings, index = [], {}
    def repl(m):
        attrs, body = m.group(1), m.group(2)
        text = "".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S))
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        attrs = attrs.replace(' t="inlineStr"', ' t="s"')
        return f'<c{attrs}><v>{index[text]}</v></c>'
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename).decode("utf-8") if info.filename.endswith((".xml", ".rels")) else None
            if data is None:
                zo.writestr(info.filename, zi.read(info.filename))
                continue
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(r'<c([^>]* t="inlineStr"[^>]*)><is>(.*?)</is></c>', repl, data, flags=re.S)
            elif info.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.'
                                    'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    "</Relationships>")
            zo.writestr(info.filename, data)
        items = []
        for t in strings:
            if len(t) >= 4 and "&" not in t[:3]:
                items.append(f'<si><r><t>{t[:2]}</t></r><r><rPr><b/></rPr><t xml:space="preserve">{t[2:]}</t></r>'
                             f'<rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>')
            else:
                items.append(f'<si><t xml:space="preserve">{t}</t></si>')
        zo.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    f'count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(items) + "</sst>")


def sheet_parts(name, text):
    return name.startswith("xl/worksheets/sheet")


def noise_and_rich(name, text):
    """Float noise on amounts with öre, rich text runs with a phonetic run in
    the shared strings, formatted empty rows, a formula with its cached
    value, and cells written without r."""
    if not sheet_parts(name, text):
        return text
    # 1234.56 -> 1234.5600000000001 and the like, as Excel writes sums.
    def noisy(m):
        v = m.group(1)
        if "." in v and len(v.split(".")[1]) == 2:
            return f"<v>{v}00000000001</v>" if int(v.split(".")[0]) < 10000000 else m.group(0)
        return m.group(0)
    text = re.sub(r"<v>(\d+\.\d\d)</v>", noisy, text, count=3)
    # 0.1 written as 1.0000000000000001E-1 times the kronor: an E form.
    text = re.sub(r"<v>(\d)(\d*)\.1</v>", lambda m: f"<v>{m.group(1)}.{m.group(2)}1E+{len(m.group(2))}</v>", text, count=1)
    # A formula whose cached value is read; a formula string.
    text = re.sub(r'<c r="H3"( [^>]*)?><v>([^<]*)</v></c>', lambda m: f'<c r="H3"{m.group(1) or ""}><f>1+1</f><v>{m.group(2)}</v></c>', text)
    # Formatted empty rows between the header and the data, and many after.
    text = text.replace('<row r="2"', '<row r="2"', 1)
    rows = "".join(f'<row r="{n}" s="1" customFormat="1" ht="15"/>' for n in range(200, 20200))
    text = text.replace("</sheetData>", rows + "</sheetData>")
    return text


def no_refs(name, text):
    """Cells of the data rows without r attributes (read in order), and the
    boolean column as formula strings with cached values."""
    if not sheet_parts(name, text):
        return text
    def row(m):
        cells = m.group(2)
        # Only rows whose cells are all there from A: drop their references.
        refs = re.findall(r'<c r="([A-Z]+)\d+"', cells)
        letters = [openpyxl.utils.get_column_letter(k + 1) for k in range(len(refs))]
        if refs != letters:
            return m.group(0)
        return m.group(1) + re.sub(r' r="[A-Z]+\d+"', "", cells) + "</row>"
    return re.sub(r'(<row r="(?:1[0-9]|2[0-9])"[^>]*>)(.*?)</row>', row, text, flags=re.S)


def strip_inputs(doc):
    """The document without the applications' path and hash, and without the
    count of empty rows skipped (a workbook has formatted empty rows that its
    CSV does not)."""
    doc["inputs"] = [i for i in doc.get("inputs", []) if i.get("role") != "applications"]
    doc.get("summary", {}).pop("empty", None)
    return doc


def run(args, expect_rc=0, cwd=None):
    p = subprocess.run([MEDEL] + args, capture_output=True, text=True, cwd=cwd)
    if p.returncode != expect_rc:
        sys.exit(f"FAIL: medel {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p


def results(rules, apps, extra=(), cwd=None):
    out = {}
    for cmd in ("check", "allocate"):
        p = run([cmd, rules, apps, "--format", "json", *extra], cwd=cwd)
        out[cmd] = strip_inputs(json.loads(p.stdout))
    return out


def same(name, rules, apps, want, extra=()):
    got = results(rules, apps, extra)
    for cmd in ("check", "allocate"):
        if got[cmd] != want[cmd]:
            a = json.dumps(want[cmd], indent=1, ensure_ascii=False).splitlines()
            b = json.dumps(got[cmd], indent=1, ensure_ascii=False).splitlines()
            import difflib
            sys.exit(f"FAIL: {name}: medel {cmd} differs from the CSV:\n" +
                     "\n".join(list(difflib.unified_diff(a, b, "csv", name, lineterm=""))[:60]))
    print(f"ok: {name}: check and allocate as the CSV ({len(got['check'].get('applications', []))} rows)")


want = results(RULES, expected_csv)
want_orig = results(RULES, CSV)

base = os.path.join(OUT, "openpyxl.xlsx")
build_openpyxl(base)
same("openpyxl.xlsx", RULES, base, want)

shared = os.path.join(OUT, "shared.xlsx")
to_shared(base, shared)
same("shared.xlsx", RULES, shared, want)

noisy = os.path.join(OUT, "noise-formats.xlsx")
rewrite(shared, noisy, noise_and_rich)
same("noise-formats.xlsx", RULES, noisy, want)

norefs = os.path.join(OUT, "no-refs.xlsx")
rewrite(base, norefs, no_refs)
same("no-refs.xlsx", RULES, norefs, want)

# Zip64 records on every entry, as Python's zipfile writes them when forced
# (libxlsxwriter's own Zip64 workbooks are bench.zip64's).
zip64 = os.path.join(OUT, "zip64.xlsx")
with zipfile.ZipFile(shared) as zi, zipfile.ZipFile(zip64, "w", zipfile.ZIP_DEFLATED) as zo:
    for info in zi.infolist():
        with zo.open(info.filename, "w", force_zip64=True) as w:
            w.write(zi.read(info.filename))
same("zip64.xlsx", RULES, zip64, want)

second = os.path.join(OUT, "second-sheet.xlsx")
build_openpyxl(second, first_sheet="Om filen")
same("second-sheet.xlsx --sheet Ansökningar", RULES, second, want, ("--sheet", "Ansökningar"))

renamed = os.path.join(OUT, "workbook-renamed.csv")
shutil.copy(base, renamed)
same("workbook-renamed.csv (by content)", RULES, renamed, want)

# A CSV whose first byte is 'P', as a zip's is: the bytes looked at to tell
# them apart are read again, and it is CSV.
order = [HEADER.index("Projektnamn")] + [k for k in range(len(HEADER)) if HEADER[k] != "Projektnamn"]
pfirst = os.path.join(OUT, "p-first.csv")
write_csv(pfirst, [[r[k] for k in order] for r in [HEADER] + expected])
same("p-first.csv (CSV starting with P)", RULES, pfirst, want)

# LibreOffice, from the bundled CSV as it is.
if shutil.which("soffice"):
    with tempfile.TemporaryDirectory(dir=OUT) as profile:
        src = os.path.join(OUT, "lo-input.csv")
        shutil.copy(CSV, src)
        p = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                            "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", OUT, src],
                           capture_output=True, text=True, timeout=300)
        lo = os.path.join(OUT, "lo-input.xlsx")
        if p.returncode != 0 or not os.path.exists(lo):
            sys.exit(f"FAIL: soffice did not convert the CSV: {p.stdout}{p.stderr}")
    same("LibreOffice lo-input.xlsx", RULES, lo, want_orig)
else:
    sys.exit("FAIL: soffice is not installed (scripts/setup installs LibreOffice)")

# A data table given as a workbook: the rule file's table read from .xlsx,
# beside the same rules reading it from CSV (both run from their folder, so
# that the rule locations in the reports are the same).
tcsv_dir = os.path.join(OUT, "table-csv")
tdir = os.path.join(OUT, "table-xlsx")
for d in (tcsv_dir, tdir):
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(os.path.join(SRC, "rules"), d)
tcsv = os.path.join(tdir, "data", "befolkning_2019-12-31.csv")
with open(tcsv, encoding="utf-8-sig", newline="") as f:
    trows = list(csv.reader(f))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Befolkning"
for i, r in enumerate(trows):
    # The codes stay text ("0114"); the counts become numbers.
    ws.append([int(v) if i and j >= 2 and v.isdigit() else v for j, v in enumerate(r)])
wb.save(os.path.join(tdir, "data", "befolkning.xlsx"))
os.remove(tcsv)
trules = os.path.join(tdir, "ungdomsmottagningar-2021.medel")
with open(trules, encoding="utf-8") as f:
    rules = f.read().replace('"data/befolkning_2019-12-31.csv"', '"data/befolkning.xlsx"')
with open(trules, "w", encoding="utf-8") as f:
    f.write(rules)
def no_files(res):
    return {k: dict(v, inputs=[i for i in v["inputs"] if i["role"] not in ("data", "rules")]) for k, v in res.items()}
got = no_files(results("ungdomsmottagningar-2021.medel", CSV, cwd=tdir))
w2 = no_files(results("ungdomsmottagningar-2021.medel", CSV, cwd=tcsv_dir))
if got != w2:
    sys.exit("FAIL: the data table read from a workbook gives other results than from CSV")
print("ok: a data table from a workbook gives the same results")
print("all workbooks read as their CSV")
