#!/bin/sh
# nothing_written.sh MEDEL DIR SCRATCH: with --werror (or --varningar-som-fel)
# every command that writes a file exits 65 on a rule file with warnings and
# leaves nothing behind: no -o file, no folder of letters, no template; and
# without it the same commands write (a warning never changes the outcome).
medel=$1 dir=$2 scratch=$3
rules=warn17_krav-2022.medel apps=warn17_ansokningar.csv
status=0
fail() { echo "FAIL: $*"; status=1; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
cd "$dir" || exit 2
expect() {   # expect RC WHAT COMMAND...
    want=$1 what=$2
    shift 2
    "$medel" "$@" >"$scratch/out" 2>"$scratch/err"
    rc=$?
    [ "$rc" -eq "$want" ] || fail "$*: exit $rc, expected $want: $(cat "$scratch/err")"
    if [ "$want" -eq 65 ]; then
        [ ! -e "$what" ] || fail "$*: wrote $what"
        [ ! -s "$scratch/out" ] || fail "$*: wrote on standard output"
        grep -q 'medel: varningarna räknas som fel (--werror)' "$scratch/err" || fail "$*: no --werror line"
    else
        [ -e "$what" ] || fail "$*: did not write $what"
    fi
    rm -rf "$what"
}
for flag in --werror --varningar-som-fel; do
    expect 65 "$scratch/check.csv" check "$flag" "$rules" "$apps" -o "$scratch/check.csv" --format csv
    expect 65 "$scratch/allocate.xlsx" allocate "$flag" "$rules" "$apps" -o "$scratch/allocate.xlsx"
    expect 65 "$scratch/allocate.html" allocate "$flag" "$rules" "$apps" -o "$scratch/allocate.html"
    expect 65 "$scratch/explain.txt" explain "$flag" "$rules" "$apps" --id U-01 -o "$scratch/explain.txt"
    expect 65 "$scratch/whatif.json" whatif "$flag" "$rules" "$apps" --scenario större -o "$scratch/whatif.json"
    expect 65 "$scratch/brev" beslut "$flag" "$rules" "$apps" --ut "$scratch/brev"
    expect 65 "$scratch/mall.xlsx" mall "$flag" "$rules" -o "$scratch/mall.xlsx"
done
expect 0 "$scratch/check.csv" check "$rules" "$apps" -o "$scratch/check.csv" --format csv
expect 0 "$scratch/allocate.xlsx" allocate "$rules" "$apps" -o "$scratch/allocate.xlsx"
expect 0 "$scratch/explain.txt" explain "$rules" "$apps" --id U-01 -o "$scratch/explain.txt"
expect 0 "$scratch/whatif.json" whatif "$rules" "$apps" --scenario större -o "$scratch/whatif.json"
expect 0 "$scratch/brev" beslut "$rules" "$apps" --ut "$scratch/brev"
expect 0 "$scratch/mall.xlsx" mall "$rules" -o "$scratch/mall.xlsx"
# A clean file passes --werror.
expect 0 "$scratch/allocate.txt" allocate --werror warn17_ren-2022.medel "$apps" -o "$scratch/allocate.txt"
rm -rf "$scratch"
[ $status -eq 0 ] && echo "ok: --werror writes nothing, and no warning changes the outcome without it"
exit $status
