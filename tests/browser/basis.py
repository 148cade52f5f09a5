#!/usr/bin/env python3
"""basis.py: the decision basis (medel allocate --format html) in a real
browser and on paper.

Usage: basis.py MEDEL SOURCE_DIR OUTDIR CASE
  CASE 2021:     the bundled 2021 example, in Swedish
  CASE 2021.en:  the same in English (LANGUAGE=en)
  CASE hostile:  made up here, in OUTDIR: 200 applications to the 2021 rules,
                 one with a project title of 300 letters without a space, one
                 with markup in its title and one with a key of 138 letters

Writes the page, then tests/browser/run.sh opens it in headless Chromium
(no console message, no network request, a screenshot) and prints it to
PDF; poppler's tools then check the paper: A4 (595 x 842 pt), at least a
page per pot that decides plus the first, every application key and every
granted amount of the allocation in the text, and no word outside the
page's margins (nothing clipped or cut at the right edge). The first pages
are rasterised (pdftoppm -r 50) and kept in OUTDIR with the PDF.
A missing Chromium or poppler-utils is a failure, not a skip: CI installs
both (scripts/setup).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys

MEDEL, SRC, OUT, CASE = sys.argv[1:5]
RULES = os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel")
EXAMPLE = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv")

# The page's margins (runtime/basis.c, @page): 14 mm left and right.
MM = 72 / 25.4
MARGIN = 14 * MM
SLACK = 1.5   # points: rounding of boxes and borders

failures = []


def fail(msg):
    failures.append(msg)
    print("  - " + msg)


def env(lang):
    e = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    if lang == "en":
        e["LANGUAGE"] = "en"
    return e


def hostile(path):
    """200 applications, a third for each pot; some fail a criterion, one has
    a 300-letter title without a space, one markup in its title."""
    header = ("Diarienummer;Projektnamn;Sökande;Sökandetyp;Sökt pott;Kommun;Ungdomsmottagning;Sökt belopp;"
              "Målgrupp (ålder);Fokusområden;Insatser;Länsövergripande;Beskrivning")
    towns = ["Botkyrka", "Danderyd", "Huddinge", "Nacka", "Stockholm", "Solna", "Täby", "Södertälje"]
    rows = [header]
    for i in range(200):
        key = f"H-{i + 1:03d}"
        title = f"Projekt {i + 1}"
        applicant = f"Sökande nummer {i + 1}"
        if i == 0:
            title = ("Ungdomsmottagningarnasgemensammadigitalatillgänglighetssatsning" * 5)[:300]
            applicant = "Förvaltningen" * 12
        if i == 1:
            title = '<script>alert("x")</script> & <b>fet</b> "citat"'
        if i == 2:
            key = "H-" + "LÅNGTDIARIENUMMER" * 8
        pot = ["kommunerna", "regionen", "länsgemensamt"][i % 3]
        kind, work, whole = {"kommunerna": ("kommun", "kurator", "nej"),
                             "regionen": ("region", "barnmorska", "nej"),
                             "länsgemensamt": ("gemensam", "annat", "ja")}[pot]
        ages = "5-10" if i % 7 == 3 else "13-20"   # every seventh is outside the target group
        amount = 50000 + (i * 37 % 23) * 25000
        if '"' in title:
            title = '"' + title.replace('"', '""') + '"'
        rows.append(";".join([key, title, applicant, kind, pot, towns[i % len(towns)], "Mottagningen", str(amount),
                              ages, "samverkan|digital", work, whole, "Beskrivning " * 3]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\ufeff" + "\n".join(rows) + "\n")


def run(cmd, lang, **kw):
    return subprocess.run(cmd, env=env(lang), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def main():
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        if not shutil.which(tool):
            print(f"FAIL: {tool} not found (Debian package 'poppler-utils'; scripts/setup installs it)")
            return 1
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    lang = "en" if CASE.endswith(".en") else "sv"
    apps = EXAMPLE
    if CASE == "hostile":
        apps = os.path.join(OUT, "ansokningar.csv")
        hostile(apps)
    page = os.path.join(OUT, "basis.en.html" if lang == "en" else "basis.html")
    p = run([MEDEL, "allocate", RULES, apps, "--format", "html", "-o", page], lang)
    if p.returncode != 0:
        print(f"FAIL: medel allocate --format html: exit {p.returncode}\n{p.stderr.decode()}")
        return 1
    p = run([MEDEL, "allocate", RULES, apps, "--format", "json"], lang)
    if p.returncode != 0:
        print(f"FAIL: medel allocate --format json: exit {p.returncode}\n{p.stderr.decode()}")
        return 1
    result = json.loads(p.stdout)
    text = open(page, encoding="utf-8").read()
    if "<script" in text.lower():
        fail("a <script> element in the page (a title must be escaped)")

    # The browser: no console message, no request; the page printed.
    pdf = os.path.join(OUT, "basis.pdf")
    e = env(lang)
    e["MIN_SVG"] = "0"
    e["PDF"] = pdf
    p = subprocess.run(["sh", os.path.join(SRC, "tests", "browser", "run.sh"), page, OUT], env=e)
    if p.returncode != 0:
        fail(f"tests/browser/run.sh: exit {p.returncode}")
    if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
        print("FAIL: no PDF")
        return 1

    # A4, and enough pages: the first, one per pot that decides, and the
    # applications not eligible each start a page.
    info = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE, check=True).stdout.decode()
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if not m or abs(float(m.group(1)) - 595) > 1 or abs(float(m.group(2)) - 842) > 1:
        fail(f"page size is not A4 (595 x 842 pt): {m.group(0) if m else info}")
    pots = text.count('<section class="pot">')
    sections = pots + text.count('<section class="break">')
    if pots < 3:
        fail(f"{pots} pot sections, want 3 (kommunerna, regionen, länsgemensamt)")
    if pages < 1 + sections:
        fail(f"{pages} pages, want at least {1 + sections} (the first and one per section that starts a page)")
    if "display: table-header-group" not in text:
        fail("table headers are not repeated on every page (thead display: table-header-group)")

    # Every word inside the margins.
    bbox = os.path.join(OUT, "words.html")
    subprocess.run(["pdftotext", "-bbox", pdf, bbox], check=True)
    words = []
    outside = []
    width = 0.0
    for line in open(bbox, encoding="utf-8"):
        pm = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if pm:
            width = float(pm.group(1))
            continue
        wm = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if not wm:
            continue
        x0, x1, w = float(wm.group(1)), float(wm.group(2)), html.unescape(wm.group(3))
        words.append(w)
        if x1 > width - MARGIN + SLACK or x0 < MARGIN - SLACK:
            outside.append(f"'{w[:40]}' at x {x0:.1f}..{x1:.1f} of {width:.1f}")
    if not words:
        fail("no text in the PDF")
    if outside:
        fail(f"{len(outside)} words outside the margins, e.g. " + "; ".join(outside[:5]))

    # Every application key and every granted amount in the text.
    layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], stdout=subprocess.PIPE, check=True).stdout.decode()
    flat = " ".join(layout.split())
    keys = {g["application"] for g in result["grants"] if g["application"]}
    keys |= {m["application"] for m in result["manual"]} | {i["application"] for i in result["ineligible"]}
    tokens = set(words) | {w.rstrip(",") for w in words}
    # A long key wraps in its cell: its pieces follow each other in the text.
    joined = "".join(words)
    missing = sorted(k for k in keys if k not in tokens and (len(k) <= 20 or k not in joined))
    if missing:
        fail(f"{len(missing)} application keys not in the PDF's text: {', '.join(missing[:10])}")

    def kr(ore):
        s = f"{ore // 100:,}".replace(",", " ")
        return s + (f",{ore % 100:02d}" if ore % 100 else "") + " kr"

    amounts = sorted({g["granted_ore"] for g in result["grants"] if g["granted_ore"] > 0})
    absent = [kr(a) for a in amounts if kr(a) not in flat]
    if absent:
        fail(f"{len(absent)} granted amounts not in the PDF's text: {', '.join(absent[:10])}")
    if kr(result["granted_ore"]) not in flat or kr(result["total_ore"]) not in flat:
        fail("the totals are not in the PDF's text")
    if CASE == "hostile" and "Förvaltningen" not in layout:
        fail("the long applicant's name is not in the PDF")

    # The first pages as pictures, kept beside the PDF.
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "4", pdf, os.path.join(OUT, "page")], check=True)
    pngs = sorted(f for f in os.listdir(OUT) if f.startswith("page") and f.endswith(".png"))
    if not pngs:
        fail("pdftoppm made no picture")
    for f in pngs:
        with open(os.path.join(OUT, f), "rb") as fh:
            if fh.read(8) != b"\x89PNG\r\n\x1a\n":
                fail(f"{f} is not a PNG")

    print(f"  PDF: {pages} pages, {len(words)} words, {len(keys)} keys, {len(amounts)} amounts; pictures: {', '.join(pngs)}")
    if failures:
        print(f"FAIL: {CASE}: {len(failures)} problem(s); see {OUT}")
        return 1
    print(f"PASS: {CASE}: {pdf}")
    return 0


sys.exit(main())
