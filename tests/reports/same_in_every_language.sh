#!/usr/bin/env bash
# same_in_every_language.sh: CSV and JSON are read by programs, so they are
# the same bytes in Swedish and in English. Runs check, allocate and explain
# with --format csv and json (and every CSV table of allocate and check's
# prövning table) on every rule file in rules/ and its applications in
# examples/ (ansokningar-NAME.*), once with no language variables and once
# with LANGUAGE=en, and compares the outputs byte for byte. What medel says
# on standard error is for people and may differ.
# Usage: same_in_every_language.sh MEDEL SOURCE_DIR WORK_DIR
set -uo pipefail
medel=$1
src=$2
work=$3
rm -rf "$work"; mkdir -p "$work"
cd "$src" || exit 1
unset LANGUAGE LC_ALL LC_MESSAGES LANG
status=0
runs=0
# run NAME ARGS...: the command in both languages; its stdout compared.
run() {
    local name=$1; shift
    "$medel" "$@" > "$work/$name.sv" 2> "$work/$name.sv.err"
    local rc_sv=$?
    LANGUAGE=en "$medel" "$@" > "$work/$name.en" 2> "$work/$name.en.err"
    local rc_en=$?
    runs=$((runs + 1))
    if [ "$rc_sv" -ne "$rc_en" ]; then
        echo "FAIL: $name: exit $rc_sv in Swedish, $rc_en in English: medel $*" >&2
        status=1
    elif [ ! -s "$work/$name.sv" ]; then
        echo "FAIL: $name: no output (exit $rc_sv): medel $*" >&2
        cat "$work/$name.sv.err" >&2
        status=1
    elif ! cmp -s "$work/$name.sv" "$work/$name.en"; then
        echo "FAIL: $name: the output differs between Swedish and English: medel $*" >&2
        diff "$work/$name.sv" "$work/$name.en" | head -20 >&2
        status=1
    fi
}
shopt -s nullglob
pairs=0
for rules in rules/*.medel; do
    case $rules in *.test.medel) continue ;; esac
    name=$(basename "$rules" .medel)
    for apps in examples/ansokningar-"$name".*; do
        pairs=$((pairs + 1))
        tag=$name.${apps##*.}
        for cmd in check allocate; do
            for fmt in csv json; do
                run "$tag.$cmd.$fmt" "$cmd" "$rules" "$apps" --format "$fmt"
            done
        done
        for table in beslut potter fokusområden portfölj manuell avvisade; do
            run "$tag.allocate.$table" allocate "$rules" "$apps" --format csv --table "$table"
        done
        run "$tag.check.prövning" check "$rules" "$apps" --format csv --table prövning
        # explain: the first application, and the first that is not eligible
        # everywhere (its failed criteria and reasons are in the document).
        keys=$(python3 - "$work/$tag.check.json.sv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
apps = d["applications"]
first = [apps[0]["key"]] if apps else []
failing = [a["key"] for a in apps if any(p["status"] != "eligible" for p in a["pots"])][:1]
print("\n".join(dict.fromkeys(first + failing)))
PY
)
        n=0
        while IFS= read -r key; do
            [ -n "$key" ] || continue
            n=$((n + 1))
            run "$tag.explain.$n.json" explain "$rules" "$apps" --id "$key" --format json
        done <<< "$keys"
    done
done
if [ "$pairs" -eq 0 ]; then
    echo "FAIL: no rule file in rules/ has applications in examples/" >&2
    exit 1
fi
[ "$status" -eq 0 ] && echo "same_in_every_language.sh: $runs outputs of $pairs rule and application files, the same in both languages"
exit $status
