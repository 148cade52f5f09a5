#!/usr/bin/python3
"""Writes the malformed workbooks of the bad-input corpus
(tests/golden/bad/cases-xlsx.cmake) into OUT, at test time: nothing
generated is committed.

usage: make_bad.py SOURCE_DIR OUT
"""
import csv
import io
import os
import re
import sys
import zipfile
import zlib

import openpyxl

SRC, OUT = sys.argv[1:3]
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv"), encoding="utf-8-sig",
          newline="") as f:
    ROWS = list(csv.reader(f, delimiter=";"))[:4]
AMOUNT = ROWS[0].index("Sökt belopp")


def book(rows, title="Blad1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def edit(data, fn):
    """The workbook with fn(name, text) applied to its sheet's XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                d = fn(d.decode("utf-8")).encode("utf-8")
            zo.writestr(info.filename, d)
    return out.getvalue()


def put(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


good = book(ROWS)
put("xlsx_good.xlsx", good)
put("xlsx_truncated.xlsx", good[: len(good) // 2])
with open(os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv"), "rb") as f:
    put("xlsx_plain.csv", f.read())
put("xlsx_not_a_zip.xlsx", "Diarienummer;Sökt belopp\nUMO-1;100\n".encode("utf-8"))

z = io.BytesIO()
with zipfile.ZipFile(z, "w") as zf:
    zf.writestr("readme.txt", "no workbook here")
put("xlsx_no_workbook.xlsx", z.getvalue())

# The third row's cell element cut in the middle of its tag.
put("xlsx_xml_error.xlsx", edit(good, lambda t: t.replace('<c r="B3"', '<c r="B3" <', 1)))

# A shared-string table declaring far more strings than medel reads.
def huge(data):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, zi.read(info.filename))
        zo.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'count="50000000" uniqueCount="50000000"><si><t>a</t></si></sst>')
    return out.getvalue()
put("xlsx_huge_shared_strings.xlsx", huge(good))

# A zip bomb: the sheet inflates more than a thousand times (64 MiB of one
# byte), refused before it is inflated.
def bomb(data):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                d = d.replace(b"</sheetData>", b"</sheetData>" + b" " * (64 << 20))
            zo.writestr(info.filename, d)
    return out.getvalue()
put("xlsx_zip_bomb.xlsx", bomb(good))

# Cell errors where an amount should be, a formula saved without its
# value (openpyxl writes none), and an amount with fractions of an öre.
def cell(col, row, xml):
    ref = f"{col}{row}"
    return lambda t: re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml.replace("@@", ref), t, count=1)
put("xlsx_cell_na.xlsx", edit(good, cell("H", 3, '<c r="@@" t="e"><f>VLOOKUP(A3,X:Y,2,0)</f><v>#N/A</v></c>')))
put("xlsx_cell_ref.xlsx", edit(good, cell("H", 2, '<c r="@@" t="e"><v>#REF!</v></c>')))
put("xlsx_formula_no_value.xlsx", edit(good, cell("H", 4, '<c r="@@"><f>SUM(H2:H3)</f></c>')))
put("xlsx_amount_fraction.xlsx", edit(good, cell("H", 3, '<c r="@@"><v>1234.567</v></c>')))
put("xlsx_value_past_header.xlsx", edit(good, lambda t: t.replace("</row><row r=\"3\"",
                                                                   '<c r="P2"><v>7</v></c></row><row r="3"', 1)))
put("xlsx_missing_column.xlsx", book([[c for c in r if c != r[AMOUNT] or r is not ROWS[0]] for r in ROWS][:1] +
                                     [r[:AMOUNT] + r[AMOUNT + 1:] for r in ROWS[1:]], title="Ansökningar"))
dup = [list(r) for r in ROWS]
dup[3][0] = dup[1][0]
put("xlsx_duplicate_key.xlsx", book(dup))

# Not workbooks medel reads: an old .xls (an OLE compound file) and an .ods.
put("xlsx_old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
o = io.BytesIO()
with zipfile.ZipFile(o, "w") as zf:
    zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    zf.writestr("content.xml", "<office:document-content/>")
put("xlsx_opendocument.ods", o.getvalue())
put("xlsx_opendocument_renamed.xlsx", o.getvalue())

# Wrong names, content decides: an old .xls and a CSV file named .xlsx,
# and a binary file that is neither.
put("xlsx_old_renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
with open(os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv"), "rb") as f:
    put("xlsx_csv_renamed.xlsx", f.read())
put("xlsx_binary.xlsx", bytes(range(256)))
# A data table (the rule file's) that is CSV named .xlsx: a copy of the
# rule file reading it.
with open(os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel"), encoding="utf-8") as f:
    rules = f.read()
assert '"data/befolkning_2019-12-31.csv"' in rules
with open(os.path.join(OUT, "xlsx_table_text.medel"), "w", encoding="utf-8") as f:
    f.write(rules.replace('"data/befolkning_2019-12-31.csv"', '"xlsx_table_text.xlsx"'))
with open(os.path.join(SRC, "rules", "data", "befolkning_2019-12-31.csv"), "rb") as f:
    put("xlsx_table_text.xlsx", f.read())

# A hidden first sheet (as a template's lists are) is not the one read; a
# hidden sheet named (in another case) is.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Gömd"
ws.append(["Om filen"])
ws.sheet_state = "hidden"
ws2 = wb.create_sheet("Ansökningar")
for r in [[c for c in r if c != r[AMOUNT] or r is not ROWS[0]] for r in ROWS][:1] + \
         [r[:AMOUNT] + r[AMOUNT + 1:] for r in ROWS[1:]]:
    ws2.append(r)
wb.active = 1
b = io.BytesIO()
wb.save(b)
put("xlsx_hidden_first.xlsx", b.getvalue())

# A row of blanks only (A4 = "   ") is an empty row, as in CSV; row 3 has
# fractions of an öre, so the counts are said.
blank = [list(r) for r in ROWS] + [["   "]] + [list(ROWS[3])]
blank[3] = ["   "]
blank[-1][0] = "UMO-2021-099"
blank[2][AMOUNT] = "1234.567"
put("xlsx_blank_row.xlsx", book(blank))

# A damaged sheet: a row twice; bytes that are not UTF-8 in a cell.
put("xlsx_row_twice.xlsx", edit(good, lambda t: t.replace('<row r="3"', '<row r="2"', 1)))
def latin1(data):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                d = re.sub(rb'<c r="B3"[^>]*?(/>|>.*?</c>)', '<c r="B3" t="inlineStr"><is><t>Ungdomsmottagning i Malmö</t></is></c>'
                           .encode("latin-1"), d, count=1)
            zo.writestr(info.filename, d)
    return out.getvalue()
put("xlsx_bad_utf8.xlsx", latin1(good))

# Header cells named by their cell: a misspelt heading (an error beside the
# column it lacks) and a heading twice.
typo = [list(r) for r in ROWS]
typo[0][AMOUNT] = "Sökt belop"
put("xlsx_heading_typo.xlsx", book(typo, title="Ansökningar"))
twice = [list(r) + [r[1]] for r in ROWS]
put("xlsx_heading_twice.xlsx", book(twice, title="Ansökningar"))
