#!/bin/sh
# The handbook checker fails when it should: on a handbook with nothing to run
# (tests/docs/fixtures/tom.md) and on one whose examples are wrong (fel.md). Only
# the checker's own summary lines are compared, not medel's messages.
# Usage: tests/docs/selftest.sh SOURCE_DIR MEDEL
set -u
src=$1
medel=$2
cd "$src" || exit 2
status=0
check() { # FIXTURE EXPECTED_SUMMARY
    out=$(python3 tests/docs/check_handbook.py "$medel" . "tests/docs/fixtures/$1" 2>&1)
    rc=$?
    got=$(printf '%s\n' "$out" | grep -E '^(rule examples|commands|keywords): |^[0-9]+ passed, ')
    if [ "$rc" -ne 1 ] || [ "$got" != "$2" ]; then
        echo "FAIL: $1: exit $rc (expected 1), summary:"
        printf '%s\n' "$got" | sed 's/^/    /'
        echo "  expected:"
        printf '%s\n' "$2" | sed 's/^/    /'
        status=1
    else
        echo "ok: $1"
    fi
}
nkw=$(sed -n '/^#define MEDEL_KEYWORDS(X)/,/^$/p' lang/keywords.h | grep -c '^ *X(')
check tom.md "rule examples: 0 passed, 1 failed
commands: 0 passed, 1 failed
keywords: 0 passed, 1 failed
0 passed, 3 failed"
check fel.md "rule examples: 1 passed, 1 failed
commands: 1 passed, 2 failed
keywords: 2 passed, $((nkw - 2)) failed
4 passed, $((nkw + 1)) failed"
exit $status
