#!/usr/bin/env bash
# Runs every command of the README's walkthrough (the lines starting with
# "build/medel" between the walkthrough markers) in a scratch folder that
# links to the project's rules/, examples/ and build, and checks each exit
# code: 0, or the one a trailing "# avslutas med N" names. A walkthrough with
# no command fails, so the test cannot pass by finding nothing.
# Usage: tests/readme/run.sh SOURCE_DIR MEDEL_BINARY
set -u
src=$1
medel=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$src/rules" "$work/rules"
ln -s "$src/examples" "$work/examples"
mkdir -p "$work/build"
ln -s "$medel" "$work/build/medel"

commands=$(sed -n '/<!-- walkthrough -->/,/<!-- \/walkthrough -->/p' "$src/README.md" | grep '^build/medel ')
if [ -z "$commands" ]; then
    echo "FAIL: no command found in the README's walkthrough"
    exit 1
fi
passed=0
failed=0
while IFS= read -r line; do
    want=0
    case "$line" in
    *"# avslutas med "*) want=${line##*# avslutas med } ;;
    esac
    cmd=${line%%#*}
    (cd "$work" && eval "$cmd") >/dev/null 2>"$work/stderr"
    got=$?
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: exit $got, expected $want: $cmd"
        sed 's/^/    /' "$work/stderr" | head -20
    fi
done <<< "$commands"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
