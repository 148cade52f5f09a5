#!/usr/bin/env bash
# environment.sh: the language of medel's messages follows the environment
# the usual way (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG), defaults to
# Swedish, and --språk/--lang overrides it; also when no locale but C is
# installed and when the program is copied away from its catalog.
# Usage: environment.sh MEDEL WORKDIR
set -uo pipefail
medel=$1 work=$2
rm -rf "$work"; mkdir -p "$work"
status=0
sv="medel: okänt språk 'xx': välj sv eller en"
en="medel: unknown language 'xx': choose sv or en"
# expect LANGUAGE-WANTED ENV… -- ARGS…
expect() {
    local want=$1; shift
    local envs=()
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    local got rc
    got=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "${envs[@]}" "$@" 2>&1 >/dev/null); rc=$?
    local text=$sv; [ "$want" = en ] && text=$en
    if [ "$got" != "$text" ] || [ $rc -ne 64 ]; then
        echo "environment.sh: ${envs[*]} $*: exit $rc, got [$got], expected [$text]" >&2
        status=1
    fi
}
expect sv -- "$medel" --språk xx
expect sv LANG=C -- "$medel" --språk xx
expect sv LANG=C.UTF-8 -- "$medel" --språk xx
expect sv LANG=POSIX -- "$medel" --språk xx
expect sv LANG=sv_SE.UTF-8 -- "$medel" --språk xx
expect sv LANG=de_DE.UTF-8 -- "$medel" --språk xx
expect en LANG=en_US.UTF-8 -- "$medel" --språk xx
expect en LANG=en -- "$medel" --språk xx
expect en LC_MESSAGES=en_GB.UTF-8 -- "$medel" --språk xx
expect en LC_ALL=en_US.UTF-8 LANG=sv_SE.UTF-8 -- "$medel" --språk xx
expect sv LC_ALL=sv_SE.UTF-8 LANG=en_US.UTF-8 -- "$medel" --språk xx
expect en LANGUAGE=en -- "$medel" --språk xx
expect en LANGUAGE=en:sv LANG=sv_SE.UTF-8 -- "$medel" --språk xx
expect sv LANGUAGE=sv LANG=en_US.UTF-8 -- "$medel" --språk xx
# The option wins over the environment, in either direction and place.
expect en -- "$medel" --lang en --språk xx
expect en -- "$medel" --lang=en --lang xx
expect sv LANG=en_US.UTF-8 -- "$medel" --språk=sv --lang xx
expect sv LANGUAGE=en -- "$medel" validate --språk svenska --lang xx
# A copy of the program with no catalog beside it still speaks Swedish,
# and in English falls back to Swedish rather than failing.
cp "$medel" "$work/medel"
expect sv -- "$work/medel" --språk xx
expect sv LANG=en_US.UTF-8 -- "$work/medel" --språk xx
exit $status
