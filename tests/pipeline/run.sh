#!/usr/bin/env bash
# medel check and allocate on worker threads must give exactly what they
# give on one:
# the same report, the same messages in the same order, the same counts and
# exit code. Generates 6 000 applications for bench/rules/bench.medel with
# bad rows sprinkled through them (a bad amount, a duplicate key, a stray
# quote, a quote never closed... , the wrong number of cells), so that
# messages come from every step of the pipeline and from many batches, and
# compares MEDEL_JOBS=1 with MEDEL_JOBS=2 and 5, with and without
# --keep-going, for both commands. Ends with "N passed, N failed".
# Usage: tests/pipeline/run.sh SOURCE_DIR MEDEL WORK_DIR
set -u
src=$1 medel=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
apps=$work/apps.csv
awk 'BEGIN {
    print "id,title,applicant_type,municipality,requested_sek,focus,age_min,age_max,ordinary_operations,consulted,scalable"
    split("kommun region privat ideell", type, " ")
    split("samverkan nara_vard egenvard|digital vardutveckling jamlik_vard|nara_vard", focus, " ")
    for (i = 1; i <= 6000; i++) {
        id = i
        amount = 20000 + (i * 7919) % 2980000
        title = "Projekt " i " i Södertälje"
        row = id ",\"" title "\"," type[1 + i % 4] ",Solna," amount "," focus[1 + i % 5] "," (i % 30) "," (20 + i % 60) "," (i % 3 ? "false" : "true") ",CPF|NASP," (i % 2 ? "true" : "false")
        if (i % 97 == 0)  row = id ",Fel belopp,region,Solna,12 äpplen,samverkan,12,22,false,CPF,true"
        if (i % 131 == 0) row = (i - 1) ",Dubblett,region,Solna,100000,samverkan,12,22,false,CPF,true"
        if (i % 173 == 0) row = id ",Citat \"mitt i,region,Solna,100000,samverkan,12,22,false,CPF,true"
        if (i % 211 == 0) row = id ",För få celler,region"
        if (i % 257 == 0) row = id ",\"Titel\" efter,region,Solna,100000,okänt_fokus,12,22,false,CPF,true"
        print row
    }
    print "6001,\"aldrig stängd,region,Solna,100000,samverkan,12,22,false,CPF,true"
}' > "$apps"
passed=0 failed=0
run() { # JOBS NAME ARGS... -> $work/NAME.{out,err,rc}
    local jobs=$1 name=$2
    shift 2
    (cd "$src" && MEDEL_JOBS=$jobs "$medel" "$cmd" bench/rules/bench.medel "$apps" "$@" >"$work/$name.out" 2>"$work/$name.err")
    echo $? >"$work/$name.rc"
}
for cmd in check allocate; do
for mode in keep stop; do
    args=(--format csv -o "$work/$mode.csv")
    [ $mode = keep ] && args+=(--keep-going)
    run 1 "$mode-1" "${args[@]}"
    [ -f "$work/$mode.csv" ] && mv "$work/$mode.csv" "$work/$mode-1.csv"
    for jobs in 2 5; do
        run $jobs "$mode-$jobs" "${args[@]}"
        [ -f "$work/$mode.csv" ] && mv "$work/$mode.csv" "$work/$mode-$jobs.csv"
        ok=true
        for part in out err rc csv; do
            a=$work/$mode-1.$part b=$work/$mode-$jobs.$part
            if [ -e "$a" ] || [ -e "$b" ]; then
                cmp -s "$a" "$b" || { echo "FAIL $mode, MEDEL_JOBS=$jobs: $part differs from MEDEL_JOBS=1"; diff "$a" "$b" | head -5; ok=false; }
            fi
        done
        $ok && passed=$((passed + 1)) || failed=$((failed + 1))
    done
done
[ $cmd = check ] && for f in "$work"/keep-1.*; do cp "$f" "$work/check-${f##*/}"; done
done
# The run must have seen what it was built to see.
want_rc=$(cat "$work/check-keep-1.rc")
[ "$want_rc" = 67 ] || { echo "FAIL expected exit 67 with rejected rows, got $want_rc"; failed=$((failed + 1)); }
n_err=$(grep -c '' "$work/check-keep-1.err")
[ "$n_err" -gt 150 ] || { echo "FAIL expected over 150 messages, got $n_err"; failed=$((failed + 1)); }
e=$work/check-keep-1.err
grep -q "används två gånger" "$e" && grep -q "aldrig stängs" "$e" && grep -q "mitt i en cell" "$e" \
    && grep -q "celler men rubrikraden" "$e" && grep -q "Beviljat\|beviljat" "$work/keep-1.csv" \
    || { echo "FAIL not every kind of message was produced"; failed=$((failed + 1)); }
tail -2 "$e"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq 8 ]
