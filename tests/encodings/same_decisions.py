#!/usr/bin/env python3
"""A CSV saved by Excel in Windows-1252 or as "Unicode text" (UTF-16LE with a
byte-order mark, TAB-separated) gives exactly the decisions of the UTF-8
file (docs/medel.1, ENCODINGS).

The bundled 2021 example (rule file, its data table and its applications) is
copied into one folder per encoding, with a text cell holding å ä ö and the
euro sign and two rows of nothing but separators at the end, as Excel leaves
them. The data table and the applications are written in the encoding (the
rule file stays UTF-8: issue 15 is its own). `check` and `allocate --format
json` must then give the same documents as the UTF-8 copy, but for the
SHA-256 of the re-encoded files, the same exit code, and on standard error
the same lines plus one note per re-encoded file, counted as a warning.

The files are generated here, into a temporary folder, from the committed
UTF-8 ones: no copies are committed.

Usage: same_decisions.py MEDEL SOURCE_DIR. Ends with "N passed, N failed".
"""
import json
import os
import re
import subprocess
import sys
import tempfile

medel, src = (os.path.abspath(a) for a in sys.argv[1:3])
passed = failed = 0

RULES = "ungdomsmottagningar-2021.medel"
DATA = os.path.join("data", "befolkning_2019-12-31.csv")
APPS = "ansokningar.csv"
NOTE = {"cp1252": "Windows-1252", "utf-16": "UTF-16 (Unicode-text)"}


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def read_text(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def applications():
    """The example's rows, with å ä ö and € in a text cell of the first one
    and two empty rows at the end (one with more cells than the header)."""
    lines = read_text(os.path.join(src, "examples", "ansokningar-ungdomsmottagningar-2021.csv")).split("\n")
    header = lines[0].split(";")
    first = lines[1].split(";")
    title = header.index("Projektnamn")
    first[title] = "Chatt för unga på äldre dagar i Östra Ljungby – 500 € i månaden"
    lines[1] = ";".join(first)
    while lines and lines[-1] == "":
        lines.pop()
    n = len(header)
    lines += [";" * (n - 1), ";" * n]
    return "\r\n".join(lines) + "\r\n"


def write(folder, encoding, apps_text):
    os.makedirs(os.path.join(folder, "data"))
    with open(os.path.join(src, "rules", RULES), "rb") as f:
        rules = f.read()
    with open(os.path.join(folder, RULES), "wb") as f:
        f.write(rules)
    data_text = read_text(os.path.join(src, "rules", DATA))
    if encoding == "utf-16":
        # Excel's "Unicode text": TAB-separated. No cell of these files
        # holds a tab, a separator of the other kind inside quotes is kept.
        apps_text = to_tabs(apps_text, ";")
        data_text = to_tabs(data_text, ",")
    for name, text in ((APPS, apps_text), (DATA, data_text)):
        with open(os.path.join(folder, name), "w", encoding=encoding, newline="") as f:
            f.write(text)


def to_tabs(text, sep):
    """text with its separators (outside quotes) made tabs."""
    out, quoted = [], False
    for c in text:
        if c == '"':
            quoted = not quoted
        out.append("\t" if c == sep and not quoted else c)
    return "".join(out)


def run(folder, *args):
    p = subprocess.run([medel, *args, RULES, APPS, "--format", "json"], cwd=folder, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def without_hashes(doc):
    """The JSON document with the SHA-256 of the data and application files
    taken out: they are the bytes, which differ by design."""
    d = json.loads(doc)
    for f in d.get("inputs", []):
        if f.get("role") in ("data", "applications"):
            f.pop("sha256", None)
    return d


with tempfile.TemporaryDirectory() as tmp:
    text = applications()
    for enc in ("utf-8", "cp1252", "utf-16"):
        write(os.path.join(tmp, enc), enc, text)
    # The converted files really are in their encodings.
    raw = open(os.path.join(tmp, "cp1252", APPS), "rb").read()
    check(b"\x80" in raw and b"\xe5" in raw and b"\xc3" not in raw, "the Windows-1252 file holds 0x80 and 0xE5")
    raw = open(os.path.join(tmp, "utf-16", APPS), "rb").read()
    check(raw[:2] == b"\xff\xfe" and b"\t\x00" in raw, "the UTF-16 file has its mark and tabs")
    for command in ("check", "allocate"):
        rc0, out0, err0 = run(os.path.join(tmp, "utf-8"), command)
        check(rc0 == 0, f"{command} UTF-8: exit {rc0}\n{err0}")
        base = without_hashes(out0)
        check(base.get("summary", {}).get("empty") == 2, f"{command} UTF-8: summary {base.get('summary')}")
        for enc in ("cp1252", "utf-16"):
            rc, out, err = run(os.path.join(tmp, enc), command)
            check(rc == rc0, f"{command} {enc}: exit {rc}, UTF-8 {rc0}\n{err}")
            check(without_hashes(out) == base, f"{command} {enc}: the JSON differs from UTF-8's")
            # The same messages, plus one note for each re-encoded file and
            # its count among the warnings.
            notes = [l for l in err.splitlines() if ": note: filen är sparad som" in l]
            want = [f"{DATA}: note: filen är sparad som {NOTE[enc]}; den lästes som sådan",
                    f"{APPS}: note: filen är sparad som {NOTE[enc]}; den lästes som sådan"]
            check(sorted(notes) == sorted(want), f"{command} {enc}: notes {notes}")
            rest = [l for l in err.splitlines() if l not in notes]

            def warnings_plus_one(line):
                m = re.search(r"(\d+) varning", line)
                n = int(m.group(1)) if m else 0
                line = re.sub(r", \d+ varning(?:ar)?", "", line)
                return line, n

            base_lines = err0.splitlines()
            check(len(rest) == len(base_lines), f"{command} {enc}: {len(rest)} lines, UTF-8 {len(base_lines)}")
            for a, b in zip(rest, base_lines):
                (la, na), (lb, nb) = warnings_plus_one(a), warnings_plus_one(b)
                check(la == lb and na == nb + (1 if "ansökningar lästa" in a else 0),
                      f"{command} {enc}: '{a}' where UTF-8 has '{b}'")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
