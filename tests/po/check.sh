#!/usr/bin/env bash
# check.sh: the English catalog translates every message medel marks, and no
# more. Usage: check.sh SOURCE_DIR WORK_DIR
#  - xgettext extracts every _(), N_() and P_() message of lang/, runtime/, server/ and cli/
#    (the same command as CMake's target `pot`);
#  - msgfmt --check checks the catalog's formats (a %s translated as %d fails);
#  - msgcmp finds a message with no translation (or a fuzzy one), and the
#    other way round, a translation of a message that is gone;
#  - a translation identical to a message with å, ä or ö in it is Swedish left
#    in the English catalog.
set -euo pipefail
src=$1
work=$2
rm -rf "$work"; mkdir -p "$work"
cd "$src"
shopt -s nullglob
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
    --add-comments=TRANSLATORS: --package-name=medel --msgid-bugs-address=medel --sort-by-file \
    -o "$work/medel.pot" lang/*.c lang/*.y lang/*.l runtime/*.c server/*.c cli/*.c
cp po/en.po "$work/en.po"
msgfmt --check --statistics -o /dev/null "$work/en.po"
status=0
if ! msgcmp "$work/en.po" "$work/medel.pot" 2> "$work/missing.txt"; then
    echo "check.sh: messages with no English translation in po/en.po:" >&2
    cat "$work/missing.txt" >&2
    status=1
fi
if [ -f "$work/medel.pot" ] && ! msgcmp --use-untranslated "$work/medel.pot" "$work/en.po" 2> "$work/gone.txt"; then
    echo "check.sh: po/en.po translates messages that are no longer in the source:" >&2
    cat "$work/gone.txt" >&2
    status=1
fi
# Swedish left as its own translation (msgen-style copies).
/usr/bin/python3 - "$work/en.po" <<'PY' || status=1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def unq(block):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
bad = []
for m in re.finditer(r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', text + "\n", re.M):
    mid = unq(m.group(1))
    for s in re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n)+)', m.group(2)):
        if mid and unq(s) == mid and re.search("[åäöÅÄÖ]", mid):
            bad.append(mid)
for b in bad:
    print(f"check.sh: not translated (the English is the Swedish): {b!r}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
n=$(grep -c '^msgid ' "$work/medel.pot" || true)
[ "$status" -eq 0 ] && echo "check.sh: $((n - 1)) messages, all translated"
exit $status
