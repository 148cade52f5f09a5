#!/usr/bin/env sh
# medel test FOLDER skips hidden files: a dotfile in the folder (an editor's
# backup, a tool's temporary copy) is not one of its rule files, even when
# its name ends in .medel. The folder is made in a mktemp folder at run time.
# Usage: tests/fmt/test_skips_dotfiles.sh MEDEL
set -u
medel=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/medel-dotfiles-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
cat > "$dir/regler.medel" <<'RULES'
överenskommelse "Punktfiler" { år 2021 }
ansökan { nyckel id: text "Id"  sökt belopp: belopp "Belopp" }
pott p { belopp 1 MSEK }
test godkänd { ansökan { id "1" belopp 1 kr } förvänta p stödberättigad }
RULES
# The same rules with a test that fails, and one that does not even parse.
sed 's/förvänta p stödberättigad/förvänta p ej_stödberättigad/' "$dir/regler.medel" > "$dir/.regler.medel"
echo 'pott {' > "$dir/.#trasig.medel"
out=$("$medel" test "$dir" 2>&1)
rc=$?
expected="$dir/regler.medel: 1 test; varje villkor, pott, prioritet och portföljvillkor prövas
1 lyckades, 0 misslyckades"
if [ "$rc" -ne 0 ] || [ "$out" != "$expected" ]; then
    echo "FAIL: medel test on a folder with dotfiles (exit $rc):"
    echo "$out"
    exit 1
fi
echo "ok: hidden files skipped"
