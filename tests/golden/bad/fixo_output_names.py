#!/usr/bin/python3
"""One rule for an output's name and format, for every command that writes
one (docs/medel.1, -o): for every command, every --format it takes (and
none) and every name (.xlsx, .csv, .json, .html, .ods in two cases, and
other names), the exit code, the exact refusal, and the kind of bytes
written. Also --table, for every table of every command, in any case and
without å, ä and ö, gives the table's own bytes.

usage: fixo_output_names.py MEDEL SOURCE_DIR WORK_DIR
"""
import os
import shutil
import subprocess
import sys

MEDEL, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
RULES = os.path.join(SRC, "rules", "ungdomsmottagningar-2021.medel")
APPS = os.path.join(SRC, "examples", "ansokningar-ungdomsmottagningar-2021.csv")

COMMANDS = {
    "check": (["check", RULES, APPS], ["table", "csv", "json", "xlsx"], "table"),
    "explain": (["explain", RULES, APPS, "--id", "UMO-2021-001"], ["table", "json"], "table"),
    "allocate": (["allocate", RULES, APPS], ["table", "csv", "json", "xlsx", "html"], "table"),
    "whatif": (["whatif", RULES, APPS, "--set", "kommunerna=20 MSEK"], ["table", "csv", "json", "html", "xlsx"], "table"),
    "mall": (["mall", RULES], ["xlsx", "csv"], "xlsx"),
}
NAMES = {"xlsx": "en arbetsbok", "csv": "en CSV-fil", "json": "en JSON-fil", "html": "en HTML-sida",
         "ods": "ett OpenDocument-kalkylark"}
TABLES = {
    "check": ["prövning", "avvisade", "körning"],
    "allocate": ["beslut", "potter", "fokusområden", "portfölj", "manuell", "ej_stödberättigade", "bedömningar", "avvisade", "körning"],
    "whatif": ["belopp", "ändringar"],
    "mall": ["ansökningar", "anvisningar"],
}

failures = 0
cases = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def kind_of(data):
    """What the bytes are: xlsx, csv (medel's CSV starts with a BOM), json, html or table."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xef\xbb\xbf"):
        return "csv"
    s = data.lstrip()
    if s.startswith(b"{") or s.startswith(b"["):
        return "json"
    if s[:15].lower() == b"<!doctype html>":
        return "html"
    return "table"


def choices_text(choices):
    return choices[0] if len(choices) == 1 else ", ".join(choices[:-1]) + " eller " + choices[-1]


# The messages in Swedish, medel's language with none in the environment.
ENV = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}


def run(args):
    p = subprocess.run([MEDEL] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=WORK, env=ENV)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)

for cmd, (base, choices, default) in COMMANDS.items():
    for fmt in [None] + choices:
        for ext in ["xlsx", "csv", "json", "html", "ods", "XLSX", "Csv", "JSON", "Html", "ODS", "txt", None]:
            cases += 1
            out = os.path.join(WORK, f"{cmd}-{fmt}-{ext}" + (f".{ext}" if ext else ""))
            args = base + (["--format", fmt] if fmt else []) + ["-o", out]
            named = ext.lower() if ext and ext.lower() in NAMES else None
            what = f"{cmd} --format {fmt} -o {os.path.basename(out)}"
            if named and fmt and named != fmt:
                fix = f"ange --format {named} eller ett annat namn" if named in choices else "ge utfilen ett annat namn"
                msg = f"medel: {cmd}: utfilen '{out}' är {NAMES[named]}, men --format är {fmt}; {fix}"
                want = (64, msg, None)
            elif named and not fmt and named not in choices:
                msg = (f"medel: {cmd}: utfilen '{out}' är {NAMES[named]}, som {cmd} inte skriver "
                       f"(kommandot skriver {choices_text(choices)}); ge utfilen ett annat namn")
                want = (64, msg, None)
            else:
                want = (0, None, fmt or named or default)
            rc, _, err = run(args)
            if rc != want[0]:
                fail(f"{what}: exit {rc}, expected {want[0]}: {err}")
                continue
            if want[1] is not None:
                first = err.split("\n")[0]
                if first != want[1]:
                    fail(f"{what}: said {first!r}, expected {want[1]!r}")
                if os.path.exists(out):
                    fail(f"{what}: refused, yet {out} was written")
                continue
            with open(out, "rb") as f:
                got = kind_of(f.read())
            if got != want[2]:
                fail(f"{what}: wrote {got}, expected {want[2]}")


def variants(name):
    plain = name.replace("å", "a").replace("ä", "a").replace("ö", "o")
    return sorted({name.upper(), name.capitalize(), plain, plain.upper(), plain.capitalize()} - {name})


for cmd, tables in TABLES.items():
    base, _, _ = COMMANDS[cmd]
    for t in tables:
        rc, want, err = run(base + ["--format", "csv", "--table", t])
        if rc != 0:
            fail(f"{cmd} --table {t}: exit {rc}: {err}")
            continue
        for v in variants(t):
            cases += 1
            rc, got, err = run(base + ["--format", "csv", "--table", v])
            if rc != 0:
                fail(f"{cmd} --table {v}: exit {rc}, expected 0: {err}")
            elif t != "körning" and got != want:   # Om körningen quotes the command line
                fail(f"{cmd} --table {v}: not the bytes of --table {t}")
            elif kind_of(got) != "csv":
                fail(f"{cmd} --table {v}: wrote {kind_of(got)}")
    cases += 1
    rc, _, err = run(base + ["--format", "csv", "--table", "okänd"])
    want = f"medel: {cmd}: okänd tabell 'okänd'; välj {choices_text(tables)}"
    if rc != 64 or err.split("\n")[0] != want:
        fail(f"{cmd} --table okänd: exit {rc}, said {err!r}, expected 64 and {want!r}")

print(f"{cases} cases, {failures} failures")
sys.exit(1 if failures else 0)
