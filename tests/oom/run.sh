#!/usr/bin/env bash
# Memory running out in the medel program, on the main thread or on a worker
# of the pipeline, under a limit on its address space (ulimit -v): the run
# ends with exit 70 and the Swedish line "medel: minnet tog slut", and leaves
# neither the output nor a temporary file in the output's folder. A file that
# fits in the same limit is checked as usual. Skipped (77) for a sanitizer
# build, whose shadow memory needs more address space than any such limit.
# Usage: tests/oom/run.sh SOURCE_DIR MEDEL GEN WORK_DIR
set -u
src=$1 medel=$2 gen=$3 work=$4
if ldd "$medel" 2>/dev/null | grep -Eq 'lib(a|t|ub)san'; then
    echo "SKIP: $medel is built with a sanitizer"
    exit 77
fi
rm -rf "$work"
mkdir -p "$work/out"
"$gen" 300000 >"$work/big.csv" || exit 1
"$gen" 2000 >"$work/small.csv" || exit 1
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
for cmd in allocate check; do
    for jobs in 1 2; do
        name=$cmd-$jobs
        # allocate keeps every application: 300 000 do not fit in 96 MiB;
        # check streams, and the same file fits.
        (ulimit -v 98304; cd "$src" && MEDEL_JOBS=$jobs LANGUAGE= LC_ALL= LANG= "$medel" "$cmd" bench/rules/bench.medel \
            "$work/big.csv" --format csv -o "$work/out/$name.csv" >"$work/$name.out" 2>"$work/$name.err")
        rc=$?
        if [ "$cmd" = allocate ]; then
            [ $rc = 70 ] && pass || fail "$name: exit $rc, not 70: $(head -c 300 "$work/$name.err")"
            grep -qx 'medel: minnet tog slut' "$work/$name.err" && pass || fail "$name: no 'minnet tog slut' line: $(head -c 300 "$work/$name.err")"
            ! grep -q 'out of memory' "$work/$name.err" && pass || fail "$name: an English line"
        else
            [ $rc = 0 ] && pass || fail "$name: exit $rc: check streams and fits: $(head -c 300 "$work/$name.err")"
            rm -f "$work/out/$name.csv"
        fi
        left=$(ls -A "$work/out")
        [ -z "$left" ] && pass || fail "$name: left in the output's folder: $left"
        rm -rf "$work/out" && mkdir -p "$work/out"
    done
done
# The same limit, a small file: allocate as usual.
(ulimit -v 98304; cd "$src" && "$medel" allocate bench/rules/bench.medel "$work/small.csv" --format csv -o "$work/out/small.csv" \
    >/dev/null 2>"$work/small.err")
rc=$?
[ $rc = 0 ] && [ -s "$work/out/small.csv" ] && pass || fail "small: exit $rc: $(head -c 300 "$work/small.err")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
