#!/usr/bin/env sh
# The tests in rules/ pass the same after medel fmt --english, and again
# after --english then --swedish: translating keeps what every test block
# means (application values, expected outcomes, scenarios). The copies go to
# a mktemp folder laid out like the project (rules/ with its data, examples/).
# Usage: tests/fmt/translated_tests.sh MEDEL PROJECT_DIR
set -u
medel=$1
src=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/medel-translated-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/rules"
cp -R "$src/rules/data" "$dir/rules/data"
ln -s "$src/examples" "$dir/examples"
want=$("$medel" test --coverage "$src/rules" 2>&1 | tail -n 1)
status=0
for langs in "--english" "--english --swedish"; do
    for f in "$src"/rules/*.medel; do
        cp "$f" "$dir/rules/x.tmp"
        for lang in $langs; do
            "$medel" fmt --stdout "$lang" "$dir/rules/x.tmp" > "$dir/rules/y.tmp" || status=1
            mv "$dir/rules/y.tmp" "$dir/rules/x.tmp"
        done
        mv "$dir/rules/x.tmp" "$dir/rules/$(basename "$f")"
    done
    got=$("$medel" test --coverage "$dir/rules" 2>&1)
    if [ "$(printf '%s\n' "$got" | tail -n 1)" != "$want" ]; then
        echo "FAIL: after fmt $langs, medel test rules/ gives:"
        printf '%s\n' "$got" | grep -v ': [0-9]* tests*; every' | head -20
        echo "(expected '$want')"
        status=1
    else
        echo "ok: after fmt $langs: $want"
    fi
done
exit $status
