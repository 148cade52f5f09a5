#!/bin/sh
# One code path for bad data: what allocate says about a rule file's data
# files is, line for line, what validate says (less validate's count line).
# Usage: same_as_allocate.sh MEDEL ERRORS_DIR CASE LANG
medel=$1 dir=$2 case=$3 lang=$4
cd "$dir" || exit 1
v=$("$medel" --lang "$lang" validate "$case.medel" 2>&1 | grep -v ": [0-9]* \(fel\|errors\?\)$")
a=$("$medel" --lang "$lang" allocate "$case.medel" ../bad/data17/ansokningar_kommuner.csv 2>&1 >/dev/null)
case $v in
*.csv:*) ;;                 # a data case
*) exit 0 ;;                # a rule-file case: allocate stops earlier, in its own words
esac
[ "$v" = "$a" ] && exit 0
printf 'validate:\n%s\nallocate:\n%s\n' "$v" "$a"
exit 1
