#!/usr/bin/env bash
# check.sh: the bash completion (cli/medel.bash-completion) against the
# program: it offers every option the argument parser (cli/*.c) knows, only
# options the usage text lists, exactly the options `medel CMD --help` lists
# where a command has its own help, the commands the usage names, and the
# right files and values, completed in a folder made for the test.
# Usage: check.sh MEDEL COMPLETION CLI_DIR WORKDIR
set -uo pipefail
[ $# -eq 4 ] || { echo "usage: check.sh MEDEL COMPLETION CLI_DIR WORKDIR" >&2; exit 2; }
medel=$1 completion=$2 clidir=$3 work=$4
# shellcheck source=/dev/null
source "$completion"
status=0
fail() { echo "check.sh: $*" >&2; status=1; }

# What the completion offers when the line is "medel WORDS…" with the cursor
# at the end of the last word, one word a line, sorted.
offered() {
    COMP_WORDS=(medel "$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _medel
    printf '%s\n' "${COMPREPLY[@]}" | grep . | sort -u
}
# In a UTF-8 locale, so that --språk is one option.
options_of() { LC_ALL=C.UTF-8 grep -oE '(^|[^[:alnum:]_-])--?[[:lower:]][[:lower:]-]*' |
               LC_ALL=C.UTF-8 grep -oE -- '--?[[:lower:]][[:lower:]-]*' | sort -u; }
same() {   # same LABEL EXPECTED GOT
    [ "$2" = "$3" ] || fail "$1: expected [$(echo $2)], offered [$(echo $3)]"
}

usage=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$medel" --help)
# The synopsis lines ("användning: medel check …", in English "usage: medel
# check …", and the lines under them) name the commands.
commands=$(printf '%s\n' "$usage" | sed -nE 's/^([^ ]+:)? +medel +([a-z]+).*/\2/p' | sort -u)
[ -n "$commands" ] || fail "no commands found in medel --help"
same "the commands" "$(printf '%s\n' $commands help --version --help | sort -u)" "$(offered '')"

all=$(for c in $commands; do offered "$c" -; done | sort -u)
# Every option the parser knows (a string literal that is an option) is offered.
parsed=$(cat "$clidir"/*.c | grep -oE '"--?[a-z][a-z-]*"' | tr -d '"' | sort -u)
for o in $parsed; do
    [ "$o" = --version ] && continue   # medel --version, offered as a command
    grep -qx -- "$o" <<<"$all" || fail "cli parses $o, the completion never offers it"
done
# Every option offered is one the usage text lists.
listed=$(options_of <<<"$usage")
for o in $all; do
    grep -qx -- "$o" <<<"$listed" || fail "the completion offers $o, medel --help does not list it"
done
# A command with its own help lists exactly the options offered for it.
for c in $commands; do
    if help=$("$medel" "$c" --help 2>/dev/null) && [ "$help" != "$usage" ]; then
        same "medel $c --help's options" "$(options_of <<<"$help" | grep -vx -- '--help')" \
             "$(offered "$c" - | grep -vx -- '--help')"
    fi
done

same "check --format" "$(printf '%s\n' csv json table xlsx)" "$(offered check r.medel a.csv --format '')"
same "check --table" "$(printf '%s\n' avvisade körning prövning)" "$(offered check r.medel a.csv --table '')"
same "allocate --table" "$(printf '%s\n' avvisade bedömningar beslut ej_stödberättigade fokusområden körning manuell portfölj potter)" "$(offered allocate r.medel a.csv --table '')"
same "whatif --format" "$(printf '%s\n' csv html json table xlsx)" "$(offered whatif r.medel a.csv --format '')"
same "whatif --table" "$(printf '%s\n' belopp ändringar | sort -u)" "$(offered whatif r.medel a.csv --table '')"
same "mall --format" "$(printf '%s\n' csv xlsx)" "$(offered mall r.medel --format '')"
same "mall --table" "$(printf '%s\n' anvisningar ansökningar | sort -u)" "$(offered mall r.medel --table '')"
same "diff --format" "$(printf '%s\n' json table)" "$(offered diff a.medel b.medel --format '')"
same "--input-format" "$(printf '%s\n' csv json jsonl xlsx)" "$(offered allocate r.medel a.csv --input-format '')"
same "--id" "" "$(offered explain r.medel a.csv --id '')"
same "fmt --" "$(printf '%s\n' --check --english --help --lang --språk --stdout --swedish)" "$(offered fmt --)"
# --format=VALUE, as bash splits it at the '=': --format, =, VALUE.
same "check --format=" "$(printf '%s\n' csv json table xlsx)" "$(offered check r.medel a.csv --format =)"
same "check --format=j" "json" "$(offered check r.medel a.csv --format = j)"
same "medel help" "$(printf '%s\n' $commands)" "$(offered help '')"
same "medel help w" "whatif" "$(offered help w)"

# Files, in a folder of the test's own.
rm -rf "$work" && mkdir -p "$work/sub" && cd "$work" || exit 1
touch r.medel a.csv b.json c.jsonl notes.txt
same "a rule file" "$(printf '%s\n' r.medel sub)" "$(offered check '')"
same "an application file" "$(printf '%s\n' a.csv b.json c.jsonl sub)" "$(offered check r.medel '')"
same "after an option and its value" "$(printf '%s\n' a.csv b.json c.jsonl sub)" "$(offered allocate --format csv r.medel '')"
same "after --format=csv" "$(printf '%s\n' a.csv b.json c.jsonl sub)" "$(offered allocate --format = csv r.medel '')"
same "nothing after the two files" "" "$(offered check r.medel a.csv '')"
same "validate" "$(printf '%s\n' r.medel sub)" "$(offered validate x.medel '')"
same "test" "$(printf '%s\n' r.medel sub)" "$(offered test '')"
same "mall" "$(printf '%s\n' r.medel sub)" "$(offered mall '')"
same "mall's applications (for --bedömningar)" "$(printf '%s\n' a.csv b.json c.jsonl sub)" "$(offered mall r.medel '')"
same "nothing after mall's two files" "" "$(offered mall r.medel a.csv '')"
same "a file of assessments" "$(printf '%s\n' a.csv sub)" "$(offered check r.medel a.csv --bedömningar '')"
same "mall's --bedömningar takes no file" "" "$(offered mall r.medel a.csv --bedömningar '')"
same "-o" "$(printf '%s\n' a.csv b.json c.jsonl notes.txt r.medel sub)" "$(offered check r.medel a.csv -o '')"
same "--scenarios" "$(printf '%s\n' r.medel sub)" "$(offered whatif r.medel a.csv --scenarios '')"
touch "sub/my rules.medel" "sub/[x].csv"
same "names with a space or a bracket" "sub/my rules.medel" "$(offered validate sub/)"
same "names with a space or a bracket" "sub/[x].csv" "$(offered check r.medel sub/)"
[ $status -eq 0 ] && echo "completion: $(echo $commands) with $(echo $all | wc -w) options, all agreeing with medel"
exit $status
