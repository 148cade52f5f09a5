#!/usr/bin/env bash
# symbols.sh: the installed libraries export medel_ names only (no internal
# name such as arena_new or diag_error, no generated medel_yy parser), and
# every function the installed medel.h declares is exported by both.
# Usage: symbols.sh PREFIX LIBDIR INCLUDEDIR [CC]
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: symbols.sh PREFIX LIBDIR INCLUDEDIR [CC]" >&2; exit 2; }
prefix=$1 lib=$2 inc=$3 cc=${4:-cc}
so=$prefix/$lib/libmedel.so a=$prefix/$lib/libmedel.a
status=0
shared=$(nm -D --defined-only "$so" | awk '{print $NF}' | sort -u)
static=$(nm -g --defined-only "$a" | awk 'NF == 3 {print $NF}' | sort -u)
for kind in shared static; do
    names=${!kind}
    bad=$(grep -v '^medel_' <<<"$names" | grep . || true)
    yy=$(grep '^medel_yy' <<<"$names" || true)
    if [ -n "$bad$yy" ]; then
        echo "symbols.sh: the $kind library exports names it must not:" >&2
        printf '%s\n' $bad $yy >&2
        status=1
    fi
    echo "$kind: $(grep -c . <<<"$names") exported: $(tr '\n' ' ' <<<"$names")"
done
# The header's functions, from its preprocessed text (comments gone).
declared=$(printf '#include <medel.h>\n' | "$cc" -E -P -I"$prefix/$inc" - |
           grep -oE '\bmedel_[A-Za-z0-9_]+[[:space:]]*\(' | tr -d '( \t' | sort -u)
[ -n "$declared" ] || { echo "symbols.sh: medel.h declares no function" >&2; exit 1; }
for f in $declared; do
    grep -qx "$f" <<<"$shared" || { echo "symbols.sh: medel.h declares $f, libmedel.so does not export it" >&2; status=1; }
    grep -qx "$f" <<<"$static" || { echo "symbols.sh: medel.h declares $f, libmedel.a does not export it" >&2; status=1; }
done
echo "medel.h declares: $(tr '\n' ' ' <<<"$declared")"
exit $status
