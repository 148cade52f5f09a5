#!/usr/bin/env bash
# commands.sh: each call of medel.h's "commands" section against the
# program: for the same inputs, medel_run_* (through run.c) must write the
# bytes `medel CMD …` writes, say the same on standard error and end with
# the same status; and the statuses of the calls' errors.
#   commands.sh SOURCE_DIR MEDEL RUN WORK_DIR PYTHON
set -uo pipefail
src=$1 medel=$2 run=$3 work=$4 python=${5:-python3}
rm -rf "$work" && mkdir -p "$work"
cd "$src"
export SOURCE_DATE_EPOCH=1600000000 LANGUAGE=sv
R=rules/ungdomsmottagningar-2021.medel
R22=rules/ungdomsmottagningar-2022.medel
A=examples/ansokningar-ungdomsmottagningar-2021.csv
X=examples/ansokningar-ungdomsmottagningar-2021.xlsx
B=examples/bedomningar-ungdomsmottagningar-2021.csv
S=examples/scenarier-ungdomsmottagningar-2021.medel
fails=0 n=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# same NAME -- RUN ARGS… -- MEDEL ARGS…: the same bytes on both streams and
# the same status, which must not be 70 (nor run.c's own 2).
same() {
    local name=$1; shift; shift
    local a=() b=()
    while [ "$1" != "--" ]; do a+=("$1"); shift; done; shift
    b=("$@")
    n=$((n + 1))
    "$run" "${a[@]}" >"$work/$name.lib" 2>"$work/$name.lib.err"; local r1=$?
    "$medel" "${b[@]}" >"$work/$name.cli" 2>"$work/$name.cli.err"; local r2=$?
    [ $r1 -eq $r2 ] || fail "$name: status $r1, the program's $r2"
    [ $r1 -ne 70 ] && [ $r1 -ne 2 ] || fail "$name: status $r1"
    cmp -s "$work/$name.lib" "$work/$name.cli" || fail "$name: output differs (see $work/$name.lib, .cli)"
    cmp -s "$work/$name.lib.err" "$work/$name.cli.err" || fail "$name: messages differ (see $work/$name.lib.err, .cli.err)"
}

# same_report NAME FORMAT -- RUN ARGS… -- MEDEL ARGS…: as same, for the
# reports that record the command line they were made by (the decision
# basis, the workbooks: the row Kommandorad of Om körningen). A call has no
# command line, so that row is the one difference allowed (as
# medel_write_allocation has none); the workbooks are compared cell by cell.
same_report() {
    local name=$1 format=$2; shift 2
    if [ "$format" != html ] && [ "$format" != xlsx ]; then
        same "$name" "$@"
        return
    fi
    local before=$fails
    same "$name" "$@" >/dev/null
    [ $fails -gt $before ] || return 0
    fails=$before
    cmp -s "$work/$name.lib.err" "$work/$name.cli.err" || fail "$name: messages differ"
    "$python" - "$format" "$work/$name.lib" "$work/$name.cli" <<'PY' || fail "$name: differs beyond the command line"
import sys
fmt, lib, cli = sys.argv[1:]
if fmt == "html":
    a = open(lib, "rb").read().split(b"\n")
    b = [l for l in open(cli, "rb").read().split(b"\n") if b"<td>Kommandorad</td>" not in l]
    assert a == b, "html differs"
else:
    import openpyxl
    def cells(p):
        wb = openpyxl.load_workbook(open(p, "rb"))
        return {ws.title: [r for r in ws.iter_rows(values_only=True) if r and r[0] != "Kommandorad"] for ws in wb}
    a, b = cells(lib), cells(cli)
    assert a == b, [k for k in a if a.get(k) != b.get(k)]
PY
}

# status NAME EXPECTED RUN ARGS…: the call ends with EXPECTED and writes
# nothing on out unless told (the file is kept for further checks).
status() {
    local name=$1 want=$2; shift 2
    n=$((n + 1))
    "$run" "$@" >"$work/$name.lib" 2>"$work/$name.lib.err"; local r=$?
    [ $r -eq "$want" ] || fail "$name: status $r, want $want: $(head -c 300 "$work/$name.lib.err")"
}

# ---- the rule file ----
for f in table json; do
    same validate.$f -- validate $f rules=$R -- validate --format $f $R
    same validate.text.$f -- validate $f rules=$R rules_text_file=$R -- validate --format $f $R
    same validate.2022.$f -- validate $f rules=$R22 rules_text_file=$R22 -- validate --format $f $R22
done
same format -- format x rules=$R -- fmt --stdout $R
same format.text -- format x rules=$R22 rules_text_file=$R22 -- fmt --stdout $R22
for f in table json; do
    same diff.$f -- diff $f rules=$R22 -- diff --format $f $R $R22
    same diff.text.$f -- diff $f rules=$R22 rules_text_file=$R22 -- diff --format $f $R $R22
    same diff.old.$f -- diff $f rules=$R old_rules=$R22 -- diff --format $f $R22 $R
done
"$run" extends x rules=$R22 >"$work/extends" || fail "extends: status $?"
[ "$(cat "$work/extends")" = "rules/ungdomsmottagningar-2021.medel" ] || fail "extends: $(cat "$work/extends")"
"$run" extends x rules=$R >"$work/extends" || fail "extends of none: status $?"
[ "$(cat "$work/extends")" = "" ] || fail "extends of none: $(cat "$work/extends")"

# A broken text: 65 and its error in the JSON, at the text's bytes.
printf 'överenskommelse "x" {\n  pott p { belopp 1 MSEK\n' >"$work/broken.medel"
status validate.broken 65 validate json rules=$R rules_text_file="$work/broken.medel"
grep -q '"severity": "error"' "$work/validate.broken.lib" || fail "validate.broken: no error in the JSON"
grep -q '"status": "invalid"' "$work/validate.broken.lib" || fail "validate.broken: not invalid"
status format.broken 65 format x rules=$R rules_text_file="$work/broken.medel"
[ ! -s "$work/format.broken.lib" ] || fail "format.broken: wrote something"
status diff.none 64 diff table rules=$R
status validate.missing 66 validate table rules=rules/finns-inte.medel
status format.missing 66 format x rules=rules/finns-inte.medel

# ---- applications ----
for f in table json csv; do
    same check.$f -- check $f rules=$R applications=$A -- check --format $f $R $A
    same check.xlsx-in.$f -- check $f rules=$R applications=$X -- check --format $f $R $X
    same check.assessed.$f -- check $f rules=$R applications=$A assessments=$B -- check --format $f $R $A --bedömningar $B
    same allocate.$f -- allocate $f rules=$R applications=$A -- allocate --format $f $R $A
    same allocate.xlsx-in.$f -- allocate $f rules=$R applications=$X -- allocate --format $f $R $X
    same allocate.assessed.$f -- allocate $f rules=$R applications=$A assessments=$B -- allocate --format $f $R $A --bedömningar $B
done
same_report allocate.html html -- allocate html rules=$R applications=$A -- allocate --format html $R $A
same_report allocate.xlsx xlsx -- allocate xlsx rules=$R applications=$A -- allocate --format xlsx $R $A
same_report check.xlsx xlsx -- check xlsx rules=$R applications=$A -- check --format xlsx $R $A
for f in table json; do
    same explain.$f -- explain $f rules=$R applications=$A id=UMO-2021-014 -- explain --format $f $R $A --id UMO-2021-014
    same explain.assessed.$f -- explain $f rules=$R applications=$A assessments=$B id=UMO-2021-003 -- \
        explain --format $f $R $A --bedömningar $B --id UMO-2021-003
done

# ---- what-if ----
T='scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }'
for f in table json csv html xlsx; do
    same_report whatif.named.$f $f -- whatif $f rules=$R applications=$A scenario_file=$S scenario=höjd_pott scenario=ny_fördelning -- \
        whatif --format $f $R $A --scenarios $S --scenario höjd_pott --scenario ny_fördelning
    same_report whatif.all.$f $f -- whatif $f rules=$R applications=$A scenario_file=$S -- whatif --format $f $R $A --scenarios $S --all
    same_report whatif.sweep.$f $f -- whatif $f rules=$R applications=$A sweep_pot=kommunerna sweep_from=1500000000 sweep_to=2500000000 \
        sweep_step=100000000 -- whatif --format $f $R $A --sweep "kommunerna=15 MSEK..25 MSEK steg 1 MSEK"
    same_report whatif.assessed.$f $f -- whatif $f rules=$R applications=$A scenario_file=$S scenario=höjd_pott assessments=$B -- \
        whatif --format $f $R $A --scenarios $S --scenario höjd_pott --bedömningar $B
done
# The workbench's text: as the same text in a scenario file.
printf '%s\n' "$T" >"$work/arbetsytan.medel"
status whatif.text 0 whatif json rules=$R applications=$A "scenario_text=$T"
"$medel" whatif --format json $R $A --scenarios "$work/arbetsytan.medel" --all >"$work/whatif.text.cli" 2>/dev/null
# Only the inputs differ (the scenario file is an input of the program's run).
"$python" - "$work/whatif.text.lib" "$work/whatif.text.cli" <<'PY' || fail "whatif.text: not the scenario file's comparison"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d.pop("inputs", None)
assert a == b, "differs"
cols = a["columns"] if "columns" in a else None
PY
grep -q 'arbetsytan' "$work/whatif.text.lib" || fail "whatif.text: no column arbetsytan"
status whatif.broken 65 whatif json rules=$R applications=$A 'scenario_text=scenario arbetsytan { ändra pott { belopp } }'
grep -q '^arbetsytan:1:' "$work/whatif.broken.lib.err" || fail "whatif.broken: no 'arbetsytan:' in the messages: $(cat "$work/whatif.broken.lib.err")"
[ ! -s "$work/whatif.broken.lib" ] || fail "whatif.broken: wrote something"
status whatif.unknown 64 whatif json rules=$R applications=$A scenario_file=$S scenario=finns_inte

# ---- errors ----
status check.missing 66 check json rules=$R applications=examples/finns-inte.csv
status allocate.rules-missing 66 allocate json rules=rules/finns-inte.medel applications=$A
status explain.unknown 68 explain json rules=$R applications=$A id=UMO-1999-999
[ ! -s "$work/explain.unknown.lib" ] || fail "explain.unknown: wrote something"
# A rejected row: 67 with nothing written, or with keep_going the rest.
{ cat $A; printf 'UMO-2021-999;Region Stockholm;trasig rad\n'; } >"$work/rejected.csv"
status allocate.rejected 67 allocate json rules=$R applications="$work/rejected.csv"
[ ! -s "$work/allocate.rejected.lib" ] || fail "allocate.rejected: wrote something without keep_going"
same allocate.keep-going -- allocate json rules=$R applications="$work/rejected.csv" keep_going=1 -- \
    allocate --format json $R "$work/rejected.csv" --keep-going
[ -s "$work/allocate.keep-going.lib" ] || fail "allocate.keep-going: nothing written"
grep -q . "$work/allocate.keep-going.lib.err" || fail "allocate.keep-going: the rejected row not reported"
same check.keep-going -- check table rules=$R applications="$work/rejected.csv" keep_going=1 -- \
    check $R "$work/rejected.csv" --keep-going
status check.keep-going.status 67 check table rules=$R applications="$work/rejected.csv" keep_going=1
status check.err-dropped 66 check json rules=$R applications=examples/finns-inte.csv err=drop

# ---- the letters ----
status letters 0 letters x rules=$R applications=$A
"$medel" beslut $R $A --ut "$work/brev" >/dev/null 2>&1 || fail "medel beslut: status $?"
"$python" - "$work/letters.lib" "$work/brev" <<'PY' || fail "letters: the zip is not the folder of medel beslut"
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(z.namelist())
folder = sorted(f for f in os.listdir(sys.argv[2]) if not f.startswith("."))
assert "index.html" in names, names
assert names == folder, (names, folder)
assert len(names) > 1
for f in names:
    assert z.read(f) == open(os.path.join(sys.argv[2], f), "rb").read(), f
print("letters: %d letters and index.html" % (len(names) - 1))
PY
# The same letters make the same archive.
"$run" letters x rules=$R applications=$A >"$work/letters.again" 2>/dev/null
cmp -s "$work/letters.lib" "$work/letters.again" || fail "letters: a second run made another archive"
status letters.assessed 0 letters x rules=$R applications=$A assessments=$B
status letters.keep-going 67 letters x rules=$R applications="$work/rejected.csv" keep_going=1
[ -s "$work/letters.keep-going.lib" ] || fail "letters.keep-going: no archive"
status letters.rejected 67 letters x rules=$R applications="$work/rejected.csv"
[ ! -s "$work/letters.rejected.lib" ] || fail "letters.rejected: wrote something"

echo "$n cases, $fails failed"
[ $fails -eq 0 ]
