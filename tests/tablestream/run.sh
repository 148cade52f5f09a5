#!/usr/bin/env bash
# medel check's table streams (runtime/grid.h): past a look-ahead of 4 096
# lines its widths are fixed, and no line may be lost or cut for it.
# Generates 10 000 applications for bench/rules/bench.medel (one with a key
# far wider than the others, after the look-ahead) and checks that the
# table has a line for every line of the CSV report, with the same keys in
# the same order, that the wide key is printed whole, that the lines of the
# look-ahead and after it line up, and that the table is the same written
# with -o, to a pipe and on 1, 2 or 5 threads. Ends with "N passed, N failed".
# Usage: tests/tablestream/run.sh SOURCE_DIR MEDEL WORK_DIR
set -u
src=$1 medel=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
apps=$work/apps.csv
wide=UMO-2021-en-mycket-lång-nyckel-långt-efter-förhandstittens-slut-東京
awk -v wide="$wide" 'BEGIN {
    print "id,title,applicant_type,municipality,requested_sek,focus,age_min,age_max,ordinary_operations,consulted,scalable"
    split("kommun region privat ideell", type, " ")
    split("samverkan nara_vard egenvard|digital vardutveckling jamlik_vard|nara_vard", focus, " ")
    for (i = 1; i <= 10000; i++) {
        id = i == 9000 ? wide : i
        amount = 20000 + (i * 7919) % 2980000
        print id ",Projekt " i "," type[1 + i % 4] ",Solna," amount "," focus[1 + i % 5] "," (i % 30) "," (20 + i % 60) "," (i % 3 ? "false" : "true") ",CPF|NASP," (i % 2 ? "true" : "false")
    }
}' > "$apps"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
run() { # JOBS ARGS...
    local jobs=$1
    shift
    (cd "$src" && MEDEL_JOBS=$jobs "$medel" check bench/rules/bench.medel "$apps" "$@")
}
run 1 -o "$work/table.txt" 2>"$work/table.err"
run 1 --format csv -o "$work/report.csv" 2>/dev/null
# The table: a heading, a line per report line, a blank line and the counts.
rows=$(($(grep -c '' "$work/report.csv") - 1))
lines=$(grep -c '' "$work/table.txt")
[ "$rows" -gt 5000 ] || fail "the CSV report has only $rows lines"
[ "$lines" -eq $((rows + 3)) ] && ok || fail "the table has $lines lines for $rows report lines"
# The same keys in the same order: the first cell of each line that has one.
tail -n +2 "$work/report.csv" | cut -d';' -f1 | uniq > "$work/csv-keys"
sed -n "2,$((rows + 1))p" "$work/table.txt" | awk '$0 !~ /^ / {print $1}' > "$work/table-keys"
cmp -s "$work/csv-keys" "$work/table-keys" && ok || { fail "the table's keys differ from the CSV's"; diff "$work/csv-keys" "$work/table-keys" | head -5; }
grep -q "^$wide  bench  " "$work/table.txt" && ok || fail "the wide key is not printed whole before its pot"
# Every other line (their keys are ASCII) has its pot where the first one
# has it, before and after the look-ahead.
col=$(sed -n 2p "$work/table.txt" | LC_ALL=C awk '{print index($0, "bench")}')
bad=$(sed -n "2,$((rows + 1))p" "$work/table.txt" | grep -v "^$wide" | LC_ALL=C awk -v c="$col" '$0 !~ /^ / && substr($0, c, 6) != "bench " {n++} END {print n + 0}')
[ "$bad" -eq 0 ] && ok || fail "$bad lines do not have their pot under Pott"
# Written to a pipe, and on worker threads: the same table.
run 1 2>/dev/null | cat > "$work/piped.txt"
cmp -s "$work/table.txt" "$work/piped.txt" && ok || fail "the table differs through a pipe"
for jobs in 2 5; do
    run $jobs -o "$work/table-$jobs.txt" 2>/dev/null
    cmp -s "$work/table.txt" "$work/table-$jobs.txt" && ok || fail "MEDEL_JOBS=$jobs gives another table"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq 7 ]
