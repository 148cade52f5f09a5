#!/usr/bin/env bash
# link.sh: builds host programs against an installed medel, the way an
# engineer who embeds it would, and runs them.
#
# Usage: link.sh shared|static PREFIX WORKDIR SOURCE_DIR HOST.c...
#   PREFIX      where `cmake --install` put medel (its lib*/pkgconfig is used)
#   WORKDIR     an empty-able folder of this test's own (under the build tree)
#   SOURCE_DIR  the project's folder: the hosts run from there, so that they
#               find rules/ and examples/ by relative paths
# Each HOST.c is compiled with only `pkg-config --cflags medel` and linked
# beside the objects of a parser of the host's own (calc.y, calc.l: yyparse,
# yylex, yylval, yytext …, made here with bison and flex), with
#   shared: $(pkg-config --libs medel), run with LD_LIBRARY_PATH;
#   static: $(pkg-config --static --libs medel) with libmedel.a taken by
#           -Wl,-Bstatic; its dependencies link as shared libraries, since
#           Debian ships libzip and libxlsxwriter without a static archive.
# A host must exit 0; if HOST.expected exists, its standard output must be
# that file; if HOST.args exists, its words are the host's arguments. Environment: CC (default cc); HOST_CFLAGS (extra flags, e.g. the
# sanitizers of a sanitizer build); VALGRIND=1 runs each host under valgrind
# --error-exitcode=1 --leak-check=full.
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: link.sh shared|static PREFIX WORKDIR SOURCE_DIR HOST.c..." >&2; exit 2; }
mode=$1 prefix=$2 work=$3 src=$4
shift 4
case $mode in shared|static) ;; *) echo "link.sh: mode is shared or static, not '$mode'" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-cc}
read -r -a extra <<<"${HOST_CFLAGS:-}"

pcdir=$(find "$prefix" -path '*/pkgconfig/medel.pc' -printf '%h\n' | head -n1)
[ -n "$pcdir" ] || { echo "link.sh: no medel.pc under $prefix" >&2; exit 1; }
export PKG_CONFIG_PATH=$pcdir
libdir=$(pkg-config --variable=libdir medel)
MEDEL_EXPECTED_VERSION=$(pkg-config --modversion medel)
export MEDEL_EXPECTED_VERSION
read -r -a cflags <<<"$(pkg-config --cflags medel)"
if [ "$mode" = shared ]; then
    read -r -a libs <<<"$(pkg-config --libs medel)"
else
    static_libs=$(pkg-config --static --libs medel)
    read -r -a libs <<<"${static_libs/-lmedel/-Wl,-Bstatic -lmedel -Wl,-Bdynamic}"
fi
echo "cflags: ${cflags[*]}"
echo "libs:   ${libs[*]}"

rm -rf "$work"
mkdir -p "$work"
cd "$work"
bison -d -o calc.tab.c "$here/calc.y"
flex -o calc.lex.c "$here/calc.l"
"$cc" "${extra[@]}" -w -c calc.tab.c calc.lex.c -I.

status=0
for host in "$@"; do
    name=$(basename "$host" .c)
    "$cc" "${extra[@]}" -Wall -Wextra -Werror "${cflags[@]}" -o "$name" "$host" calc.tab.o calc.lex.o "${libs[@]}"
    nm "$name" >"$name.nm"
    for sym in yyparse yylex yylval yytext; do   # the host's own parser is in the program
        grep -qE " [TDBC] $sym\$" "$name.nm" || { echo "link.sh: $name does not define $sym itself" >&2; status=1; }
    done
    needed=$(readelf -d "$name" | grep NEEDED || true)
    if [ "$mode" = shared ] && ! grep -q 'libmedel\.so\.0' <<<"$needed"; then
        echo "link.sh: $name does not use libmedel.so.0:" >&2; echo "$needed" >&2; status=1
    elif [ "$mode" = static ] && grep -q 'libmedel' <<<"$needed"; then
        echo "link.sh: $name linked statically still needs the shared library:" >&2; echo "$needed" >&2; status=1
    fi
    args=()
    [ -f "${host%.c}.args" ] && read -r -a args <"${host%.c}.args"
    run=("$work/$name" "${args[@]}")
    [ "${VALGRIND:-0}" = 1 ] && run=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible "${run[@]}")
    if ! (cd "$src" && LD_LIBRARY_PATH=$libdir "${run[@]}") >"$name.out" 2>"$name.err"; then
        echo "link.sh: $name failed:" >&2; cat "$name.err" "$name.out" >&2; status=1; continue
    fi
    cat "$name.out"
    if [ -f "${host%.c}.expected" ] && ! diff -u "${host%.c}.expected" "$name.out" >&2; then
        echo "link.sh: $name's output differs from ${host%.c}.expected" >&2; status=1
    fi
done
exit $status
