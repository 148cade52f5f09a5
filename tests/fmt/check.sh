#!/usr/bin/env bash
# For every rule file given: medel fmt must keep its meaning (the syntax tree
# printed by validate --dump-ast is the same before and after) and be
# idempotent (formatting the result changes nothing), in Swedish and in
# English. The formatted copy is written beside the original, so relative
# paths to data and base files still resolve. Ends with "N passed, N failed".
# Usage: tests/fmt/check.sh MEDEL FILE…
set -u
medel=$1
shift
passed=0
failed=0
for f in "$@"; do
    dir=$(dirname "$f")
    for lang in --swedish --english; do
        tmp=$(mktemp "$dir/.fmt-XXXXXX.medel")
        again=$(mktemp "$dir/.fmt-XXXXXX.medel")
        ok=true
        "$medel" fmt --stdout $lang "$f" > "$tmp" 2>/dev/null || ok=false
        if $ok && ! diff <("$medel" validate --dump-ast "$f" 2>&1) <("$medel" validate --dump-ast "$tmp" 2>&1) > /dev/null; then
            echo "FAIL: formatting $f ($lang) changes its meaning:"
            diff <("$medel" validate --dump-ast "$f" 2>&1) <("$medel" validate --dump-ast "$tmp" 2>&1) | head -10
            ok=false
        fi
        # Comments are kept: as many '#' after as before.
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
        rm -f "$tmp" "$again"
        if $ok; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
