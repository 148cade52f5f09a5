#!/usr/bin/env bash
# For every rule file given, through the command line: medel fmt --stdout
# succeeds in Swedish and in English, keeps every comment (as many '#' after
# as before) and is idempotent (formatting the result changes nothing).
# That the result means the same is checked in-process, with comments at
# every token boundary, by fmt.comments_everywhere (tests/fmt/roundtrip.c).
# Temporary files go to a mktemp folder, never beside the originals: other
# tests read those folders meanwhile. Ends with "N passed, N failed".
# Usage: tests/fmt/check.sh MEDEL FILE…
set -u
medel=$1
shift
tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/medel-fmt-XXXXXX") || exit 1
trap 'rm -rf "$tmpdir"' EXIT
passed=0
failed=0
for f in "$@"; do
    for lang in --swedish --english; do
        tmp=$tmpdir/once.medel
        again=$tmpdir/twice.medel
        ok=true
        if ! "$medel" fmt --stdout $lang "$f" > "$tmp" 2> "$tmpdir/err"; then
            echo "FAIL: medel fmt $lang $f failed:"
            head -5 "$tmpdir/err"
            ok=false
        fi
        if $ok && [ "$(tr -cd '#' < "$f" | wc -c)" != "$(tr -cd '#' < "$tmp" | wc -c)" ]; then
            echo "FAIL: formatting $f ($lang) loses comments"
            ok=false
        fi
        if $ok; then
            "$medel" fmt --stdout $lang "$tmp" > "$again" 2>/dev/null
            if ! cmp -s "$tmp" "$again"; then
                echo "FAIL: formatting $f ($lang) twice gives another result:"
                diff "$tmp" "$again" | head -10
                ok=false
            fi
        fi
        if $ok; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
