#!/usr/bin/env bash
# The first line of every rules/*.test.medel says how to run it ("kör: …"):
# that command, run from the project's folder, must pass, so that the comment
# cannot go stale again (it once named a command that failed).
# Usage: tests/sem2/test_comments.sh SOURCE_DIR MEDEL_BINARY
set -u
cd "$1" || exit 1
medel=$2
fails=0
n=0
for f in rules/*.test.medel; do
    cmd=$(sed -n '1s/.*(kör: medel \([^;)]*\)[;)].*/\1/p' "$f")
    if [ -z "$cmd" ]; then
        echo "FAIL: $f: the first line does not say how to run it (kör: medel …)"
        fails=$((fails + 1))
        continue
    fi
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! "$medel" $cmd > /dev/null 2>&1; then
        echo "FAIL: $f: 'medel $cmd' does not pass"
        fails=$((fails + 1))
    fi
done
[ $n -gt 0 ] || { echo "FAIL: no rules/*.test.medel"; exit 1; }
echo "$n comments checked, $fails failures"
[ $fails -eq 0 ]
