#!/usr/bin/env bash
# Duplicate keys far apart are found when the key set has spilled to its
# temporary file: medel check with MEDEL_KEY_SLOTS=256 (segments of 128
# keys, so 3 000 rows make about 23 runs) must give byte for byte what it
# gives with the default segment (which holds them all), on one thread and
# on two, from a file and from standard input; the messages must name the
# right first line; and a TMPDIR where no file can be made stops the run
# with a message that says so, writing nothing. Ends with "N passed, N failed".
# Usage: tests/keys/run.sh SOURCE_DIR MEDEL WORK_DIR
set -u
src=$1 medel=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
apps=$work/apps.csv
awk 'BEGIN {
    print "id,title,applicant_type,municipality,requested_sek,focus,age_min,age_max,ordinary_operations,consulted,scalable"
    split("kommun region privat ideell", type, " ")
    for (i = 1; i <= 3000; i++) {
        id = i
        if (i == 2500) id = 10       # first on line 11, 19 segments before
        if (i == 2990) id = 1500     # first on line 1501
        if (i == 1200) id = 1199     # the row just before
        if (i == 2999) id = 10       # a third time: still the first line
        print id ",Projekt " i "," type[1 + i % 4] ",Solna," (20000 + (i * 7919) % 2980000) ",samverkan," (i % 30) "," (20 + i % 60) ",false,CPF,true"
    }
}' > "$apps"
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
run() { # NAME SLOTS JOBS STDIN(0/1) -> $work/NAME.{out,err,rc,csv}
    local name=$1 slots=$2 jobs=$3 in=$4 path=$apps
    [ "$in" = 1 ] && path=-
    (cd "$src" && MEDEL_KEY_SLOTS=$slots MEDEL_JOBS=$jobs "$medel" check bench/rules/bench.medel "$path" \
        --format csv -o "$work/$name.csv" --keep-going <"$apps" >"$work/$name.out" 2>"$work/$name.err")
    echo $? >"$work/$name.rc"
}
for in in 0 1; do
    for jobs in 1 2; do
        run "default-$jobs-$in" "" $jobs $in
        run "spilled-$jobs-$in" 256 $jobs $in
        ok=true
        for part in out err rc csv; do
            cmp -s "$work/default-$jobs-$in.$part" "$work/spilled-$jobs-$in.$part" ||
                { fail "jobs $jobs, stdin $in: $part differs when the keys spill"; diff "$work/default-$jobs-$in.$part" "$work/spilled-$jobs-$in.$part" | head -5; ok=false; }
        done
        $ok && pass
    done
done
e=$work/spilled-1-0.err
for want in "apps.csv:2501: id '10' används två gånger (första gången på rad 11)" \
            "apps.csv:2991: id '1500' används två gånger (första gången på rad 1501)" \
            "apps.csv:1201: id '1199' används två gånger (första gången på rad 1200)" \
            "apps.csv:3000: id '10' används två gånger (första gången på rad 11)"; do
    grep -qF "$want" "$e" && pass || fail "no line: $want"
done
[ "$(grep -c 'används två gånger' "$e")" = 4 ] && pass || fail "expected 4 duplicates"
[ "$(cat "$work/spilled-1-0.rc")" = 67 ] && pass || fail "expected exit 67 with duplicates"
# No temporary file can be made: said, exit as for a read error, nothing written.
(cd "$src" && TMPDIR=$work/none MEDEL_KEY_SLOTS=256 "$medel" check bench/rules/bench.medel "$apps" \
    --format csv -o "$work/none.csv" >"$work/none.out" 2>"$work/none.err")
rc=$?
[ $rc = 67 ] && pass || fail "no temporary file: exit $rc, not 67"
grep -q "efter 128 nycklar behövs en tillfällig fil för dem, men ingen kan skapas i '$work/none'" "$work/none.err" &&
    grep -q "TMPDIR" "$work/none.err" && pass || { fail "no temporary file: not said"; cat "$work/none.err"; }
[ ! -e "$work/none.csv" ] && pass || fail "no temporary file: a report was written"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq 13 ]
