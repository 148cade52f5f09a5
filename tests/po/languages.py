#!/usr/bin/env python3
"""languages.py: no message reaches a person in the wrong language.

Usage: languages.py MEDEL SOURCE_DIR

In Swedish (no language in the environment) no message may be English, and
with LANGUAGE=en no message may be Swedish. Checked on:
  - the bad-input corpus, run live: every broken rule file in
    tests/golden/errors validated, and every bad application file the golden
    cases read, checked, in both languages;
  - every expected standard error of the golden cases (f.err in Swedish,
    f.en.err in English) and every help text (contract_help*.out).

A line is judged on what is left after taking away what is not a message:
quoted names and values ('…', "…", `…`), the source line a caret points
into, file names and positions, option names, the labels error/warning/note
and numbers. What is left must not hold words of the other language.
"""
import glob
import os
import re
import subprocess
import sys

# Words that only appear in a message written in that language (not in
# names: those are quoted). Kept to words that are unambiguous: "for",
# "test" and "format" are Swedish too.
ENGLISH = set("""
the is are was not no of to in with without has have had must should cannot
can could would will expected unexpected unknown missing found did you mean
row rows column columns file files value values error errors warning warnings
written nothing use read write line lines empty invalid only more than less
and or but which that this there here one two first last every each name
names amount amounts criterion criteria pot pots application applications
rejected accepted granted passed failed unallocated total sheet cell cells
header headers type types number numbers given after before between already
defined declared never closed open opened too many few long short allowed
instead see help usage command commands option options argument arguments
""".split())

SWEDISH = set("""
och är inte finns saknas fel rad rader kolumn kolumnen kolumner fil filen
menade du ett en av för till från med utan måste ska kan inga ingen inget
ansökan ansökningar ansökningen pott potten potter delpott villkor värde
värdet tom skriv välj eller också första andra varje här där som det den
läst lästa giltig giltiga avvisad avvisade beviljat beviljas skrevs ingenting
regelfil regelfilen datafil datafilen tabell tabellen cellen
rubrik rubriken förväntade oväntat okänt okänd okända stängs aldrig
""".split())

QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|‘[^’]*’|“[^”]*”|«[^»]*»")
POSITION = re.compile(r"^[^:\s]+(?::\d+(?::\d+)?)?:\s*(?:(?:error|warning|note):\s*)?")
SOURCE_ECHO = re.compile(r"^\s*\d*\s*\|")
OPTION = re.compile(r"--?[A-Za-zåäöÅÄÖ][\w-]*(=\S*)?")
PATHLIKE = re.compile(r"\S*[/\\]\S*|\S+\.(?:medel|csv|xlsx|json|html|txt|po|mo)\b")
# English possessives ("the rule file's") are not quotes.
POSSESSIVE = re.compile(r"(?<=\w)'s\b")
# Names medel shows unquoted: identifiers with underscores, sheet!cell
# references, and the tables of --table (beslut, potter, …).
IDENTIFIER = re.compile(r"\S*[\wåäöÅÄÖ]_[\wåäöÅÄÖ]\S*|\S+![A-Z]+\d+\S*")
TABLES = re.compile(r"\b(beslut|potter|fokusområden|portfölj|manuell|avvisade|körning|prövning)\b")
# A listing of names with their descriptions from the rule file ("  höjd_pott: Potten höjs …").
LISTING = re.compile(r"^\s{2,}[\wåäöÅÄÖ]+: ")
# The cells of an application file's header, listed as they are.
HEADER_LIST = re.compile(r"(the header has|rubrikraden har): .*$")
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")


def message_words(line):
    if SOURCE_ECHO.match(line) or LISTING.match(line):
        return []
    line = POSITION.sub("", line, count=1)
    line = HEADER_LIST.sub(" ", line)
    line = POSSESSIVE.sub("", line)
    line = QUOTED.sub(" ", line)
    line = IDENTIFIER.sub(" ", line)
    line = TABLES.sub(" ", line)
    line = PATHLIKE.sub(" ", line)
    line = OPTION.sub(" ", line)
    return [w.lower() for w in WORD.findall(line)]


def wrong_words(text, lang):
    """(line, words) for each line with words of the other language."""
    other = ENGLISH if lang == "sv" else SWEDISH
    found = []
    for line in text.splitlines():
        words = message_words(line)
        bad = sorted({w for w in words if w in other})
        # One stray word may be a name left unquoted (a pot called "total");
        # a message in the wrong language has several.
        if len(bad) >= 2:
            found.append((line, bad))
    return found


def run(medel, args, cwd, lang):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    if lang == "en":
        env["LANGUAGE"] = "en"
    p = subprocess.run([medel] + args, cwd=cwd, env=env, capture_output=True, timeout=60)
    return p.stderr.decode("utf-8", "replace")


def main():
    medel = os.path.abspath(sys.argv[1])
    src = os.path.abspath(sys.argv[2])
    golden = os.path.join(src, "tests", "golden")
    problems = []
    looked = 0

    # The bad-input corpus, live.
    errors_dir = os.path.join(golden, "errors")
    for f in sorted(glob.glob(os.path.join(errors_dir, "*.medel"))):
        for lang in ("sv", "en"):
            text = run(medel, ["validate", os.path.basename(f)], errors_dir, lang)
            looked += 1
            for line, bad in wrong_words(text, lang):
                problems.append(f"{lang}: medel validate {os.path.relpath(f, src)}: {line!r} ({', '.join(bad)})")
    rules = os.path.join(src, "rules", "ungdomsmottagningar-2021.medel")
    bad_apps = sorted(glob.glob(os.path.join(src, "examples", "felaktiga-*.csv")))
    bad_apps += sorted(glob.glob(os.path.join(golden, "bad", "*.csv")))
    for f in bad_apps:
        for lang in ("sv", "en"):
            text = run(medel, ["check", rules, f], src, lang)
            looked += 1
            for line, bad in wrong_words(text, lang):
                problems.append(f"{lang}: medel check … {os.path.relpath(f, src)}: {line!r} ({', '.join(bad)})")

    # Every expected message of the golden cases, and the help texts.
    for f in sorted(glob.glob(os.path.join(golden, "**", "*"), recursive=True)):
        name = os.path.basename(f)
        if not os.path.isfile(f):
            continue
        is_help = name.startswith("contract_help") and name.endswith(".out")
        if not (name.endswith(".err") or is_help):
            continue
        # A case that chooses its language by option says so in its name
        # (lang_option_en.err): that language, in either environment.
        chosen = re.search(r"_(en|sv)(\.en)?\.(err|out)$", name)
        lang = chosen.group(1) if chosen else "en" if ".en." in name else "sv"
        with open(f, encoding="utf-8", errors="replace") as h:
            text = h.read()
        looked += 1
        for line, bad in wrong_words(text, lang):
            problems.append(f"{lang}: {os.path.relpath(f, src)}: {line!r} ({', '.join(bad)})")

    if looked < 100:
        print(f"languages.py: only {looked} outputs looked at; the corpus is missing", file=sys.stderr)
        return 1
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"languages.py: {len(problems)} lines in the wrong language, in {looked} outputs", file=sys.stderr)
        return 1
    print(f"languages.py: {looked} outputs, every message in its language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
