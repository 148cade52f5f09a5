#!/usr/bin/env bash
# Property over the commands that read applications: a run that read a
# rejected row never exits 0 and never shows a result computed without that
# row unless told so. For several rows of the example file and several kinds
# of damage, every command (check, allocate, explain, whatif, test) must
#   - without --keep-going: exit 67 (test: fail, exit 1, naming the reader's
#     message), write nothing (neither -o FILE nor standard output);
#   - with --keep-going: still exit 67, and its report say that rows were
#     rejected ("avvisad", "avvisades").
# explain asked for the rejected row's own key says it was rejected and why.
# Usage: tests/sem2/rejected_rows.sh SOURCE_DIR MEDEL_BINARY
set -u
src=$1
medel=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
checked=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# A copy of the rules beside their data, so that a test file can read the
# damaged applications without --allow-outside-paths.
cp "$src/rules/ungdomsmottagningar-2021.medel" "$work/regler.medel"
cp -r "$src/rules/data" "$work/data"
rules=$work/regler.medel
apps=$src/examples/ansokningar-ungdomsmottagningar-2021.csv
keys=$(grep -o '^UMO-[0-9-]*;' "$apps" | tr -d ';')
n_keys=$(echo "$keys" | wc -l)
[ "$n_keys" -gt 20 ] || { echo "FAIL: too few rows in $apps"; exit 1; }

# damage KIND KEY: the file with the row of KEY damaged in one way.
damage() {
    case $1 in
        amount) sed "/^$2;/s/;\([0-9][0-9 ,]*\) \(MSEK\|kr\);/;\1,0,0 MSEK;/" "$apps" ;;
        cells) sed "/^$2;/s/;[^;]*\$//" "$apps" ;;
        dupkey) sed "/^$2;/p" "$apps" ;;
    esac
}

i=0
for key in $keys; do
    i=$((i + 1))
    [ $((i % 9)) -eq 1 ] || continue
    other=$(echo "$keys" | grep -vx "$key" | head -n 1)
    for kind in amount cells dupkey; do
        bad=$work/ansokningar.csv
        damage $kind "$key" > "$bad"
        cmp -s "$bad" "$apps" && { fail "$kind $key: the damage did not change the file"; continue; }
        for cmd in check allocate "explain --id $other" "whatif --set regionen=10MSEK" test; do
            for kg in "" --keep-going; do
                checked=$((checked + 1))
                out=$work/out.txt
                rm -f "$out"
                what="$cmd $kg ($kind damage to $key)"
                if [ "$cmd" = test ]; then
                    printf 'test alla "Alla ansökningar"  {\n    ansökningar "ansokningar.csv"\n    förvänta pott "regionen" 20 000 000 kr\n}\n' \
                        > "$work/regler.test.medel"
                    "$medel" test "$rules" > "$out" 2> "$work/err"
                    rc=$?
                    [ $rc -eq 1 ] || fail "$what: exit $rc, not 1"
                    grep -q "går inte att läsa utan fel" "$out" || fail "$what: the failure does not say the rows were rejected"
                    grep -q "^0 lyckades, 1 misslyckades" "$out" || fail "$what: not counted as a failed test"
                    continue
                fi
                # shellcheck disable=SC2086
                "$medel" ${cmd} "$rules" "$bad" $kg -o "$out" > "$work/stdout" 2> "$work/err"
                rc=$?
                [ $rc -eq 67 ] || fail "$what: exit $rc, not 67"
                [ -s "$work/stdout" ] && fail "$what: wrote to standard output"
                if [ -z "$kg" ]; then
                    [ -e "$out" ] && fail "$what: wrote $out"
                    grep -q "inget skrevs" "$work/err" || fail "$what: does not say that nothing was written"
                else
                    [ -e "$out" ] || { fail "$what: wrote no report"; continue; }
                    grep -q "avvisad" "$out" || fail "$what: the report does not say that rows were rejected"
                fi
            done
        done
        # The rejected row's own key (a duplicate's second row is the rejected
        # one). A row with too few cells is rejected before its key is read:
        # explain says that the key may be a rejected row's.
        [ $kind = dupkey ] && continue
        if [ $kind = cells ]; then
            "$medel" explain "$rules" "$bad" --id "$key" --keep-going > "$work/stdout" 2> "$work/err"
            rc=$?
            [ $rc -eq 68 ] || fail "explain --id $key --keep-going ($kind): exit $rc, not 68"
            grep -q "ingen giltig ansökan i '$bad' har nyckeln '$key' (1 rad avvisades; den kan vara den sökta)" "$work/err" ||
                fail "explain --id $key --keep-going ($kind): does not say the key may be a rejected row's"
            continue
        fi
        for kg in "" --keep-going; do
            "$medel" explain "$rules" "$bad" --id "$key" $kg > "$work/stdout" 2> "$work/err"
            rc=$?
            [ $rc -eq 67 ] || fail "explain --id $key $kg ($kind): exit $rc, not 67"
            grep -q "ansökan '$key' avvisades" "$work/err" || fail "explain --id $key $kg ($kind): not said rejected"
            grep -q "^  $bad:[0-9]*: " "$work/err" || fail "explain --id $key $kg ($kind): no file:line for why"
            [ -s "$work/stdout" ] && fail "explain --id $key $kg ($kind): wrote to standard output"
        done
    done
done
[ $checked -gt 100 ] || fail "only $checked runs checked"
echo "$checked runs checked, $fails failures"
[ $fails -eq 0 ]
