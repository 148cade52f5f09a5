#!/usr/bin/env bash
# The manual pages render, and install where man finds them.
#
# Usage: tests/docs/man.sh render PAGE...
#   Each page renders with man-db (`man --warnings -l`, 80 columns) and with
#   groff -ww without a single warning.
# Usage: tests/docs/man.sh options MEDEL PAGE...
#   Each page names every command and option that `MEDEL --help` and
#   `MEDEL CMD --help` list.
# Usage: tests/docs/man.sh install BUILD
#   `cmake --install BUILD --prefix TMP` puts the English page in
#   share/man/man1 and the Swedish one in share/man/sv/man1, and with
#   MANPATH=TMP/share/man, `man -w medel` finds the Swedish page under
#   LANG=sv_SE.UTF-8 and the English one under LANG=C.UTF-8. man-db asks the C
#   library for the locale, so sv_SE.UTF-8 must exist: the machine's if it has
#   one, else one built with localedef into TMP (LOCPATH), else (no locale
#   sources on the machine) man's own -L sv stands in for it, and this says so.
set -u
fail() { echo "FAIL: $*"; status=1; }
status=0
mode=${1:-}
shift || true
case "$mode" in
render)
    [ $# -gt 0 ] || { echo "usage: man.sh render PAGE..."; exit 2; }
    for page in "$@"; do
        out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
        [ -z "$out" ] || fail "man --warnings -l $page:"$'\n'"$out"
        out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
        [ -z "$out" ] || fail "groff -man -ww $page:"$'\n'"$out"
        lines=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null | wc -l)
        [ "$lines" -gt 100 ] || fail "man -l $page renders only $lines lines"
        [ $status -eq 0 ] && echo "ok: $page renders without warnings ($lines lines)"
    done
    ;;
options)
    # Every command and option that `medel --help` and `medel CMD --help`
    # name is on each page (as rendered by man, so escapes do not matter).
    [ $# -gt 1 ] || { echo "usage: man.sh options MEDEL PAGE..."; exit 2; }
    medel=$1
    shift
    export LC_ALL=C.UTF-8   # for grep's character classes with å, ä, ö; medel is run without it
    commands=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$medel" --help |
               sed -n 's/^\([^ ]*: \)\{0,1\} *medel \([a-z]\{1,\}\) .*/\2/p' | sort -u)
    # The usage lines name the commands, whatever the language of "usage:".
    [ "$(printf '%s\n' "$commands" | wc -w)" -ge 9 ] ||
        { echo "FAIL: medel --help names only these commands: $commands"; exit 1; }
    options=$( { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$medel" --help
                 for c in $commands; do env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$medel" "$c" --help; done; } |
               grep -o -- '--[a-zåäö][a-zåäö-]*\|[ ,]-[a-z]\b' | tr -d ' ,' | sort -u)
    for page in "$@"; do
        text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
        n=0
        for w in $commands $options; do
            printf '%s\n' "$text" | grep -q -- "\(^\|[^a-zåäö-]\)$w\($\|[^a-zåäö-]\)" ||
                fail "$page does not name '$w' (from medel --help)"
            n=$((n + 1))
        done
        [ $status -eq 0 ] && echo "ok: $page names all $n commands and options of medel --help"
    done
    ;;
install)
    [ $# -eq 1 ] || { echo "usage: man.sh install BUILD"; exit 2; }
    build=$1
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
    man_dir=$tmp/prefix/share/man
    src=$(dirname "$0")/../../docs
    cmp -s "$man_dir/man1/medel.1" "$src/medel.1" || fail "share/man/man1/medel.1 is not docs/medel.1"
    cmp -s "$man_dir/sv/man1/medel.1" "$src/medel.sv.1" || fail "share/man/sv/man1/medel.1 is not docs/medel.sv.1"
    # A Swedish locale for man-db: the machine's, or a private one.
    unset LANGUAGE LC_ALL LC_MESSAGES
    how="the machine's sv_SE.UTF-8"
    if [ -n "$(LANG=sv_SE.UTF-8 locale 2>&1 >/dev/null)" ]; then
        mkdir -p "$tmp/locale"
        if localedef -i sv_SE -f UTF-8 "$tmp/locale/sv_SE.UTF-8" >/dev/null 2>&1 ||
           [ -f "$tmp/locale/sv_SE.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES" ]; then
            export LOCPATH=$tmp/locale
            how="a sv_SE.UTF-8 built with localedef (LOCPATH)"
        else
            how=""
        fi
    fi
    lopt=()
    if [ -n "$how" ]; then
        got=$(MANPATH=$man_dir LANG=sv_SE.UTF-8 man -w medel 2>&1)
        [ "$got" = "$man_dir/sv/man1/medel.1" ] ||
            fail "LANG=sv_SE.UTF-8 man -w medel gives '$got', not $man_dir/sv/man1/medel.1"
    else
        echo "note: no sv_SE.UTF-8 locale and no locale sources for localedef; checking with man -L sv"
        how="man -L sv"
        lopt=(-L sv)
        got=$(MANPATH=$man_dir LANG=C.UTF-8 man -L sv -w medel 2>&1)
        [ "$got" = "$man_dir/sv/man1/medel.1" ] ||
            fail "man -L sv -w medel gives '$got', not $man_dir/sv/man1/medel.1"
    fi
    got=$(MANPATH=$man_dir LANG=C.UTF-8 man -w medel 2>&1)
    [ "$got" = "$man_dir/man1/medel.1" ] ||
        fail "LANG=C.UTF-8 man -w medel gives '$got', not $man_dir/man1/medel.1"
    head=$(MANPATH=$man_dir LANG=sv_SE.UTF-8 MANWIDTH=80 man "${lopt[@]}" medel 2>/dev/null | col -b | sed -n '3p')
    [ "$head" = "NAMN" ] || fail "the Swedish page shown by man does not start with NAMN (line 3: '$head')"
    [ $status -eq 0 ] && echo "ok: installed; man finds the Swedish page with $how, the English one with LANG=C.UTF-8"
    ;;
*)
    echo "usage: man.sh render PAGE... | man.sh options MEDEL PAGE... | man.sh install BUILD"
    exit 2
    ;;
esac
exit $status
