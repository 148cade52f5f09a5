#!/usr/bin/env bash
# The class behind "fmt --english --swedish" and "-o ''": for every option
# that takes one value, of every command, giving it twice with two values is
# a usage error (64) that names both values, and giving it twice with the same
# value is harmless; every pair of options that exclude each other is a usage
# error naming both; --version and --help take no words after them; -o takes
# no empty name. Nothing is written by a refused command line.
# Usage: tests/sem2/repeated_options.sh SOURCE_DIR MEDEL_BINARY
set -u
src=$1
medel=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fails=0
checked=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
rules=$src/rules/ungdomsmottagningar-2021.medel
apps=$src/examples/ansokningar-ungdomsmottagningar-2021.csv
id=UMO-2021-001

# refused WHAT ARGS…: exit 64, every WHAT on standard error, nothing on
# standard output, no file out.txt.
refused() {
    local what=$1
    shift
    checked=$((checked + 1))
    rm -f out.txt
    "$medel" "$@" > stdout 2> stderr
    local rc=$?
    [ $rc -eq 64 ] || fail "medel $*: exit $rc, not 64"
    for w in $what; do
        grep -qF -- "$w" stderr || fail "medel $*: the message does not name '$w': $(head -n 1 stderr)"
    done
    [ -s stdout ] && fail "medel $*: wrote to standard output"
    [ -e out.txt ] && fail "medel $*: wrote out.txt"
}

# accepted ARGS…: not a usage error.
accepted() {
    checked=$((checked + 1))
    "$medel" "$@" > /dev/null 2> stderr
    local rc=$?
    [ $rc -ne 64 ] || fail "medel $*: refused: $(head -n 1 stderr)"
}

for cmd in check allocate "explain --id $id" "whatif --set regionen=10MSEK"; do
    # shellcheck disable=SC2086
    set -- $cmd
    for pair in "--format table json" "--format json table" "-o out.txt out2.txt" "--output out.txt out2.txt" \
                "--input-format csv json"; do
        # shellcheck disable=SC2086
        set -- $pair
        opt=$1 a=$2 b=$3
        # shellcheck disable=SC2086
        refused "'$a' '$b'" $cmd "$rules" "$apps" "$opt" "$a" "$opt" "$b" -o out.txt
        # shellcheck disable=SC2086
        accepted $cmd "$rules" "$apps" "$opt" "$a" "$opt" "$a"
    done
    # shellcheck disable=SC2086
    refused "-o/--output 'out.txt' 'other.txt'" $cmd "$rules" "$apps" -o out.txt --output other.txt
    # shellcheck disable=SC2086
    refused "tomt" $cmd "$rules" "$apps" -o ""
done
refused "'UMO-2021-001' 'UMO-2021-002'" explain "$rules" "$apps" --id UMO-2021-001 --id UMO-2021-002
refused "'table' 'html'" whatif "$rules" "$apps" --set regionen=10MSEK --format table --format html
refused "'a.medel' 'b.medel'" whatif "$rules" "$apps" --scenarios a.medel --scenarios b.medel
refused "--sweep" whatif "$rules" "$apps" --sweep "regionen=1 MSEK..2 MSEK steg 1 MSEK" --sweep "regionen=1 MSEK..3 MSEK steg 1 MSEK"
refused "'a.medel' 'b.medel'" validate --scenarios a.medel --scenarios b.medel "$rules"
refused "--dump --dump-ast" validate --dump --dump-ast "$rules"
refused "--dump-ast --dump" validate --dump-ast --dump "$rules"
accepted validate --dump --dump "$rules"
refused "--english --swedish" fmt --english --swedish "$rules"
refused "--swedish --english" fmt --swedish --english "$rules"
refused "--check --stdout" fmt --check --stdout "$rules"
accepted fmt --check --check "$rules"
refused "'json' 'table'" diff "$rules" "$rules" --format json --format table
accepted diff "$rules" "$rules" --format json --format json
for first in --version --help help; do
    refused "$first 'extra'" "$first" extra
done
echo "$checked command lines checked, $fails failures"
[ $fails -eq 0 ]
