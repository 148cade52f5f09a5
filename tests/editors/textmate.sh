#!/usr/bin/env bash
# Checks the VS Code extension in editors/vscode: the JSON files parse, the
# manifest and the grammar agree, every regex of the TextMate grammar compiles
# in Python's re (the grammar keeps to what Python and Oniguruma both read the
# same way), and a small TextMate tokenizer gives the expected scopes at chosen
# places of the bundled rule files and of sample lines (the places the Vim test
# checks). Usage: tests/editors/textmate.sh [PYTHON]
# Prints one line per failed check and "N passed, N failed"; exits non-zero on
# any failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
python=${1:-python3}
ext=$root/editors/vscode

# The brief's first check, literally: each JSON file parses with json.tool.
json_failed=0
for f in "$ext/package.json" "$ext/language-configuration.json" "$ext/syntaxes/medel.tmLanguage.json"; do
    if ! "$python" -m json.tool "$f" >/dev/null; then
        echo "${f#"$root"/}: not valid JSON"
        json_failed=$((json_failed + 1))
    fi
done

"$python" - "$root" "$json_failed" <<'EOF'
import json
import os
import re
import sys

root, json_failed = sys.argv[1], int(sys.argv[2])
ext = os.path.join(root, "editors", "vscode")
passed, failed = 3 - json_failed, json_failed


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(what)


def load(rel):
    with open(os.path.join(ext, rel), encoding="utf-8") as f:
        return json.load(f)


try:
    pkg = load("package.json")
    conf = load("language-configuration.json")
    grammar = load("syntaxes/medel.tmLanguage.json")
except (OSError, ValueError) as e:
    print("cannot read the extension: %s" % e)
    print("%d passed, %d failed" % (passed, failed + 1))
    sys.exit(1)

# ---- the manifest ----------------------------------------------------------
langs = pkg.get("contributes", {}).get("languages", [])
grams = pkg.get("contributes", {}).get("grammars", [])
lang = next((l for l in langs if l.get("id") == "medel"), None)
gram = next((g for g in grams if g.get("language") == "medel"), None)
check(lang is not None, "package.json: no contributes.languages entry with id 'medel'")
check(gram is not None, "package.json: no contributes.grammars entry for language 'medel'")
if lang:
    check(".medel" in lang.get("extensions", []), "package.json: the language does not claim *.medel")
    check(os.path.normpath(lang.get("configuration", "")) == "language-configuration.json",
          "package.json: the language's configuration is not ./language-configuration.json")
if gram:
    check(gram.get("scopeName") == grammar.get("scopeName") == "source.medel",
          "package.json and the grammar disagree on the scope name (want source.medel)")
    check(os.path.isfile(os.path.join(ext, gram.get("path", ""))),
          "package.json: the grammar's path does not exist")
check("vscode" in pkg.get("engines", {}), "package.json: engines.vscode is missing")
for key in ("name", "version", "publisher"):
    check(key in pkg, "package.json: '%s' is missing" % key)

# ---- the language configuration ---------------------------------------------
check(conf.get("comments", {}).get("lineComment") == "#", "language-configuration.json: the line comment is not '#'")
brackets = [tuple(b) for b in conf.get("brackets", [])]
check(("{", "}") in brackets and ("(", ")") in brackets, "language-configuration.json: brackets {} and () expected")
closing = {(p["open"], p["close"]) if isinstance(p, dict) else tuple(p) for p in conf.get("autoClosingPairs", [])}
check(('"', '"') in closing and ("“", "”") in closing,
      "language-configuration.json: quotes \"…\" and “…” must close automatically")
for k in ("increaseIndentPattern", "decreaseIndentPattern"):
    pat = conf.get("indentationRules", {}).get(k)
    if pat is not None:
        try:
            re.compile(pat)
            check(True, "")
        except re.error as e:
            check(False, "language-configuration.json: %s does not compile: %s" % (k, e))

# ---- every regex of the grammar compiles; names and includes are sound --------
REGEX_KEYS = ("match", "begin", "end", "while")
repo = grammar.get("repository", {})


def walk(node, where):
    if isinstance(node, dict):
        for k, v in node.items():
            here = where + "/" + k
            if k in REGEX_KEYS and isinstance(v, str):
                try:
                    re.compile(v)
                    check(True, "")
                except re.error as e:
                    check(False, "%s: does not compile in Python: %s: %s" % (here, e, v))
            elif k == "name" and isinstance(v, str) and where.count("/") >= 1:
                check(all(s.endswith(".medel") for s in v.split()),
                      "%s: scope '%s' does not end in .medel" % (here, v))
            elif k == "include":
                check(v in ("$self", "$base") or (v.startswith("#") and v[1:] in repo),
                      "%s: include '%s' names no repository rule" % (here, v))
            else:
                walk(v, here)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, "%s[%d]" % (where, i))


walk(grammar.get("patterns", []), "patterns")
walk(repo, "repository")
if failed:
    # The tokenizer needs a sound grammar; its checks would only fail too.
    print("(scope checks skipped)")
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1)

# ---- a small TextMate tokenizer ----------------------------------------------
# Enough of the TextMate rules for this grammar: at each place the rule whose
# match starts first wins, ties going to the rule listed first; a begin/end
# rule's end is tried before its inner patterns.


class Rule:
    pass


compiled = {}


def rule_of(d):
    key = id(d)
    if key in compiled:
        return compiled[key]
    r = Rule()
    compiled[key] = r
    r.name = d.get("name")
    r.match = re.compile(d["match"]) if "match" in d else None
    r.begin = re.compile(d["begin"]) if "begin" in d else None
    r.end = re.compile(d["end"]) if "end" in d else None
    r.captures = d.get("captures", {})
    r.begin_captures = d.get("beginCaptures", d.get("captures", {}))
    r.end_captures = d.get("endCaptures", d.get("captures", {}))
    r.raw_patterns = d.get("patterns", [])
    return r


def flatten(patterns):
    out = []
    for d in patterns:
        if "include" in d:
            out += flatten([repo[d["include"][1:]]] if d["include"].startswith("#") else grammar["patterns"])
        elif "match" in d or "begin" in d:
            out.append(rule_of(d))
        else:
            out += flatten(d.get("patterns", []))
    return out


ROOT = flatten(grammar["patterns"])


def paint(scopes, base, m, name, captures):
    for i in range(m.start(), m.end()):
        scopes[i] = base + ([name] if name else [])
    for g, c in captures.items():
        g = int(g)
        if m.group(g) is not None and c.get("name"):
            for i in range(m.start(g), m.end(g)):
                scopes[i] = scopes[i] + [c["name"]]


def tokenize(text):
    """The scopes of every character of text, line by line."""
    stack = []          # open begin/end rules
    result = []
    for line in text.split("\n"):
        scopes = [None] * len(line)
        pos = 0
        while True:
            base = ["source.medel"] + [r.name for r in stack if r.name]
            top = stack[-1] if stack else None
            cands = ([("end", top.end)] if top else []) + \
                    [("rule", r) for r in (flatten(top.raw_patterns) if top else ROOT)]
            best = None
            for kind, r in cands:
                rx = r if kind == "end" else (r.match or r.begin)
                m = rx.search(line, pos)
                if m and (best is None or m.start() < best[2].start()):
                    best = (kind, r, m)
            if best is None:
                for i in range(pos, len(line)):
                    scopes[i] = base
                break
            kind, r, m = best
            for i in range(pos, m.start()):
                scopes[i] = base
            if kind == "end":
                paint(scopes, base[:-1] if top.name else base, m, top.name, top.end_captures)
                stack.pop()
            elif r.match:
                paint(scopes, base, m, r.name, r.captures)
            else:
                paint(scopes, base, m, r.name, r.begin_captures)
                stack.append(r)
            if m.end() > m.start() or kind == "end":
                pos = m.end()   # an empty end ($) pops, and the search goes on there
            else:
                pos += 1        # an empty match of a rule: move on
            if pos > len(line):
                break
        result.append(scopes)
    return result


def scope_checks(label, text, cases):
    lines = text.split("\n")
    toks = tokenize(text)
    for desc, pattern, want in cases:
        rx = re.compile(pattern)
        hit = None
        for n, line in enumerate(lines):
            m = rx.search(line)
            if m:
                hit = (n, m.start(1) if rx.groups else m.start())
                break
        if hit is None:
            check(False, "%s: %s: pattern not found: %s" % (label, desc, pattern))
            continue
        n, col = hit
        got = toks[n][col] or ["source.medel"]
        inner = got[-1]
        ok = (inner == "source.medel") if want is None else inner.startswith(want)
        check(ok, "%s:%d:%d: %s: expected %s, got %s" % (label, n + 1, col + 1, desc,
                                                         want or "no scope", " ".join(got)))


def read(rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return f.read()


NBSP = "\u00a0"
SAMPLE = "\n".join([
    'pott a { belopp 1,5 MSEK }',
    'pott b { belopp 12,5 % }',
    'pott c { belopp 4 procent }',
    'överenskommelse "X" { år 2021-2022 }',
    'pott d { period 2021–2022 }',
    'ta bort villkor gammalt',
    'pott e { lägsta bidrag 100 000 kr  vid lika lägst_belopp, inkommen  första divisor 1,2 }',
    'portfölj f { minst 1 ansökan där sökandetyp är privat  at least 2  at most 40 % }',
    'pot g { minimum grant 1 kr  tie break received  first divisor 1,2 }',
    'villkor h { krav x är inte y och z inte i {a, b} och n ≤ 5 och m ≥ 1 och k ≠ 2 }',
    'villkor i { skäl “Typografisk text” }',
    'villkor j { stycke "a \\"b\\" c \\q" }',
    'pott k { belopp 5 krav }',
    'pott l { belopp 500:-  tak 2 miljoner kronor per ansökan }',
    'pott m { belopp 35' + NBSP + '000' + NBSP + '000 kr }',
    'pott n { belopp nära 182 000 000 kr }  # en "kommentar" med 5 kr',
    'villkor o { krav medfinansiering är ja eller inte sant }',
    'agreement "Y" { year 2022 }',
    'criterion p { require ages within 18..120 and not kind is private }',
    'scenario q { ändra pott r { belopp 40 MSEK } }',
    'test s "Ett test" { förvänta beviljat "A-1" 100 000 kr }',
    'villkor t { skäl "en # är inte en kommentar i en text" }',
    'tabell u från "data/x.csv" { nyckel kommun: text  antal_12_22: heltal }',
    'pott v { belopp 12 tkr + 3 TSEK + 1 Mkr + 2 SEK + 50 öre }',
    'pott w { belopp 5 Kronor + 2 Miljoner Kr + 3 Öre }',
    'villkor x { krav S contains y }',
])

AMOUNT, NUMBER, PERCENT, PERIOD = ("constant.numeric.amount", "constant.numeric.medel",
                                   "constant.numeric.percentage", "constant.numeric.period")
STRING, COMMENT, DECL, NAME = "string.quoted", "comment.line", "storage.type.declaration", "entity.name.function"
PROP, OPW, TYPE, CONST = ("keyword.other.property", "keyword.operator.word", "support.type",
                          "constant.language.medel")

scope_checks("ungdomsmottagningar-2021.medel", read("rules/ungdomsmottagningar-2021.medel"), [
    ("comment", r"^(#) Satsningen", "punctuation.definition.comment"),
    ("comment text", r"^# (S)atsningen", COMMENT),
    ("OBS in a comment", r"# (OBS):", "keyword.other.todo"),
    ("keyword starting with ö", r"^(ö)verenskommelse", DECL),
    ("text: the quote", r'^överenskommelse (")Ungdoms', "punctuation.definition.string.begin"),
    ("text: inside", r'^överenskommelse "Ungdomsmottagningar i (S)tockholms', STRING),
    ("keyword år", r"^\s*(å)r 2021", PROP),
    ("year number", r"^\s*år (2)021", NUMBER),
    ("keyword with å, last letter", r"^fokusområde(n) \{", DECL),
    ("amount: first digit", r"belopp (3)5 000 000 kr", AMOUNT),
    ("amount: digit group", r"belopp 35 000 (0)00 kr", AMOUNT),
    ("amount: unit", r"belopp 35 000 000 (k)r", AMOUNT),
    ("amount before per", r"tak (2) 000 000 kr per", AMOUNT),
    ("pot name", r"^pott (u)ngdomsmottagningar", NAME),
    ("sub-pot name", r"^\s*pott (k)ommunerna", NAME),
    ("table name", r"^tabell (u)ngdomar", NAME),
    ("criterion name, at ä", r"villkor kurator_(ä)r_kommunens", NAME),
    ("criterion name, after ä", r"villkor kurator_är_(k)ommunens", NAME),
    ("priority name with å", r"prioritet n(å)r_alla", NAME),
    ("range start", r"målgrupp inom (1)2\.\.22", NUMBER),
    ("range ..", r"målgrupp inom 12(\.)\.22", "keyword.operator.range"),
    ("field name", r"^\s*(l)änsövergripande: ja", "variable.other.field"),
    ("type ja/nej", r"länsövergripande: (j)a/nej", TYPE),
    ("type ja/nej, nej", r"länsövergripande: ja/(n)ej", TYPE),
    ("en av", r"sökandetyp: (e)n av", TYPE),
    ("av", r"sökandetyp: en (a)v", OPW),
    ("policy word with ö", r"sista hoppa_(ö)ver", CONST),
    ("vid_lika", r"^\s*(v)id_lika", PROP),
    ("antal(…)", r"krav (a)ntal\(fokus\)", "support.function"),
    (">=", r"antal\(fokus\) (>)=", "keyword.operator.comparison"),
    ("om … så", r"krav (o)m insatser", "keyword.control.conditional"),
    ("så", r"kurator (s)å sökandetyp", "keyword.control.conditional"),
    ("innehåller", r"insatser (i)nnehåller kurator", OPW),
    ("där", r"^\s*ansökningar (d)är sökt_pott", PROP),
    ("är", r"^\s*ansökningar där sökt_pott (ä)r kommunerna", OPW),
    ("a name is not a keyword", r"^\s*ansökningar där (s)ökt_pott", None),
    ("split keyword", r"^\s*(f)ördela per", PROP),
    ("brace", r'ungdomsmottagningar 2021" (\{)', "punctuation.section.block.begin"),
])
scope_checks("gemensam-pott-2017.medel", read("rules/gemensam-pott-2017.medel"), [
    ("percentage in a text is text", r'"Gemensam pott: 4 (%)', STRING),
])
scope_checks("region-stockholm-2021-2022.medel", read("rules/region-stockholm-2021-2022.medel"), [
    ("nära", r"^\s*belopp (n)ära 182", "keyword.other.approximately"),
    ("amount after nära", r"^\s*belopp nära (1)82", AMOUNT),
    ("percentage", r"^\s*belopp .* (5)0 % av", PERCENT),
    ("percentage: %", r"^\s*belopp .* 50 (%) av", PERCENT),
    ("av", r"^\s*belopp .* 50 % (a)v", OPW),
    ("+", r"^\s*belopp .* (\+) 50 %", "keyword.operator.arithmetic"),
])
scope_checks("scenarier-ungdomsmottagningar-2021.medel",
             read("examples/scenarier-ungdomsmottagningar-2021.medel"), [
    ("scenario name", r"^scenario (h)öjd_pott", NAME),
    ("ändra", r"^\s*(ä)ndra pott", "keyword.other.change"),
    ("ta_bort", r"^\s*(t)a_bort villkor", "keyword.other.change"),
    ("name after ta_bort villkor", r"ta_bort villkor (f)okusområde", NAME),
    ("sainte_laguë", r"metod (s)ainte_laguë", CONST),
    ("decimal number", r"första_divisor (1),2", NUMBER),
])
scope_checks("ungdomsmottagningar-2021.test.medel", read("rules/ungdomsmottagningar-2021.test.medel"), [
    ("test name", r"^test (k)ommunens_kuratorsprojekt", NAME),
    ("test label", r'^test kommunens_kuratorsprojekt (")', "punctuation.definition.string.begin"),
    ("förvänta", r"^\s*(f)örvänta kommunerna", PROP),
    ("verdict", r"^\s*förvänta kommunerna (s)tödberättigad", CONST),
    ("verdict before :", r"^\s*förvänta kommunerna (e)j_stödberättigad:", CONST),
    ("pot path after pott", r'^\s*förvänta pott (")kommunerna/', "punctuation.definition.string.begin"),
])
scope_checks("sample", SAMPLE, [
    ("decimal amount", r"belopp (1),5 MSEK", AMOUNT),
    ("MSEK", r"belopp 1,5 (M)SEK", AMOUNT),
    ("decimal percentage", r"belopp 12,5 (%)", PERCENT),
    ("procent", r"belopp 4 (p)rocent", PERCENT),
    ("period with hyphen", r"år 2021-(2)022", PERIOD),
    ("period with en dash: dash", r"period 2021(–)2022", "keyword.operator.range"),
    ("ta bort: ta", r"^(t)a bort", "keyword.other.change"),
    ("name after ta bort", r"villkor (g)ammalt", NAME),
    ("lägsta bidrag", r"(l)ägsta bidrag", PROP),
    ("lägsta bidrag: bidrag", r"lägsta (b)idrag", PROP),
    ("vid lika", r"vid (l)ika", PROP),
    ("tie-break rule", r"lika (l)ägst_belopp", CONST),
    ("första divisor", r"första (d)ivisor", PROP),
    ("minst", r"(m)inst 1 ansökan", PROP),
    ("at least", r"at (l)east", PROP),
    ("at most", r"(a)t most", PROP),
    ("minimum grant", r"minimum (g)rant", PROP),
    ("tie break", r"(t)ie break", PROP),
    ("first divisor", r"first (d)ivisor", PROP),
    ("portfolio name with ö", r"^portfölj (f)", NAME),
    ("är inte", r"är (i)nte y", OPW),
    ("inte i", r"inte (i) \{a", OPW),
    ("≤", r"n (≤) 5", "keyword.operator.comparison"),
    ("≥", r"m (≥) 1", "keyword.operator.comparison"),
    ("≠", r"k (≠) 2", "keyword.operator.comparison"),
    ("typographic text", r"“(T)ypografisk", STRING),
    ("typographic text: end", r"text(”)", "punctuation.definition.string.end"),
    ("escape", r'"a (\\)"b', "constant.character.escape"),
    ("text after an escaped quote", r'\\"b\\" (c)', STRING),
    ("unknown escape", r" c (\\)q", "invalid.illegal.escape"),
    ("misspelt unit: number only", r"belopp (5) krav", NUMBER),
    ("misspelt unit: krav is a keyword", r"belopp 5 (k)rav", PROP),
    ("amount :-", r"belopp 500(:)-", AMOUNT),
    ("miljoner kronor", r"miljoner (k)ronor", AMOUNT),
    ("no-break spaces in an amount", "000" + NBSP + "000 (k)r", AMOUNT),
    ("approximate", r"(n)ära 182", "keyword.other.approximately"),
    ("comment after code", r'(#) en "kommentar', "punctuation.definition.comment"),
    ("text in a comment is comment", r'# en "(k)ommentar', COMMENT),
    ("amount in a comment is comment", r"med (5) kr", COMMENT),
    ("ja", r"är (j)a eller", "constant.language.boolean"),
    ("sant", r"inte (s)ant", "constant.language.boolean"),
    ("English agreement", r"^(a)greement", DECL),
    ("English year", r"(y)ear 2022", PROP),
    ("English criterion name", r"^criterion (p)", NAME),
    ("English within", r"ages (w)ithin", OPW),
    ("English is", r"kind (i)s private", OPW),
    ("English require", r"(r)equire ages", PROP),
    ("pot name after ändra", r"ändra pott (r)", NAME),
    ("test name", r"^test (s)", NAME),
    ("förvänta", r"(f)örvänta beviljat", PROP),
    ("# in a text is text", r"en (#) är inte", STRING),
    ("column name", r"nyckel (k)ommun:", "variable.other.field"),
    ("column name with digits", r"(a)ntal_12_22:", "variable.other.field"),
    ("tkr", r"belopp 12 (t)kr", AMOUNT),
    ("TSEK", r"3 (T)SEK", AMOUNT),
    ("Mkr", r"1 (M)kr", AMOUNT),
    ("SEK", r"2 (S)EK", AMOUNT),
    ("öre", r"50 (ö)re", AMOUNT),
    ("Kronor", r"5 (K)ronor", AMOUNT),
    ("Miljoner Kr", r"2 Miljoner (K)r", AMOUNT),
    ("Öre is no unit", r"(3) Öre", NUMBER),
    ("contains", r"S (c)ontains", OPW),
])

# ---- every keyword of lang/keywords.h ---------------------------------------
# The scanner's keywords are written once, in lang/keywords.h: every spelling
# there (each word of one of two words) must be painted as a keyword, so a
# keyword added to the table and not to the grammar fails here.
KEYWORD_SCOPES = ("storage.type.declaration", "keyword.other", "keyword.operator.word", "keyword.control",
                  "support.type", "constant.language")


def keyword_spellings():
    words = []
    for line in read("lang/keywords.h").split("\n"):
        if re.match(r"\s*[/*]", line):
            continue   # the comments show the form of the entries
        for m in re.finditer(r'\bX\((?:[A-Z_]+, )?("[^"]*"(?:, "[^"]*")?)\)', line):
            words += re.findall(r'"([^"]*)"', m.group(1))
    return sorted(set(words))


spellings = keyword_spellings()
check(len(spellings) > 100, "lang/keywords.h: found only %d spellings: has the form of the table changed?" % len(spellings))
for w in spellings:
    toks = tokenize(w)[0]
    for m in re.finditer(r"[^ /]+", w):
        got = toks[m.start()] or ["source.medel"]
        check(got[-1].startswith(KEYWORD_SCOPES),
              "keyword '%s' (lang/keywords.h): '%s' is %s, not a keyword" % (w, m.group(0), " ".join(got)))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed or not passed else 0)
EOF
