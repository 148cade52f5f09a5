#!/usr/bin/env bash
# install.sh: `cmake --install BUILD --prefix PREFIX` into a fresh PREFIX, then
# checks that exactly the files medel installs are there, that the program
# runs, and that medel.pc points into PREFIX wherever PREFIX is.
# Usage: install.sh BUILD PREFIX LIBDIR INCLUDEDIR BINDIR MANDIR DATADIR VERSION
# (the CMAKE_INSTALL_* folders, relative to PREFIX, and the project version)
set -euo pipefail
[ $# -eq 8 ] || { echo "usage: install.sh BUILD PREFIX LIBDIR INCLUDEDIR BINDIR MANDIR DATADIR VERSION" >&2; exit 2; }
build=$1 prefix=$2 lib=$3 inc=$4 bin=$5 man=$6 data=$7 version=$8
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null

expected=$(printf '%s\n' \
    "$bin/medel" \
    "$lib/libmedel.so" "$lib/libmedel.so.0" "$lib/libmedel.so.$version" "$lib/libmedel.a" \
    "$lib/pkgconfig/medel.pc" \
    "$inc/medel.h" \
    "$man/man1/medel.1" \
    "$man/sv/man1/medel.1" \
    "$data/locale/en/LC_MESSAGES/medel.mo" \
    "$data/bash-completion/completions/medel" | sort)
got=$(cd "$prefix" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)
if [ "$got" != "$expected" ]; then
    echo "install.sh: the installed files differ from what is expected (-expected +installed):" >&2
    diff <(echo "$expected") <(echo "$got") >&2 || true
    exit 1
fi
fail() { echo "install.sh: $*" >&2; exit 1; }
[ "$(readlink "$prefix/$lib/libmedel.so")" = libmedel.so.0 ] || fail "libmedel.so does not point to libmedel.so.0"
[ "$(readlink "$prefix/$lib/libmedel.so.0")" = "libmedel.so.$version" ] || fail "libmedel.so.0 does not point to libmedel.so.$version"
soname=$(readelf -d "$prefix/$lib/libmedel.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libmedel.so.0 ] || fail "the soname is '$soname', not libmedel.so.0"
[ "$("$prefix/$bin/medel" --version)" = "medel $version" ] || fail "the installed medel does not say 'medel $version'"
cmp -s "$prefix/$inc/medel.h" "$(dirname "$0")/../../runtime/medel.h" || fail "the installed medel.h is not runtime/medel.h"

export PKG_CONFIG_PATH=$prefix/$lib/pkgconfig
[ "$(pkg-config --modversion medel)" = "$version" ] || fail "medel.pc's version is not $version"
for v in libdir:$lib includedir:$inc; do
    d=$(pkg-config --variable="${v%%:*}" medel)
    if [ ! -d "$d" ] || [ "$(realpath "$d")" != "$(realpath "$prefix/${v#*:}")" ]; then
        fail "medel.pc's ${v%%:*} is '$d', not $prefix/${v#*:}"
    fi
done
echo "installed into $prefix:"
echo "$got"
