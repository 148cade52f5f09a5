#!/bin/sh
# input_limits.sh MEDEL DIR: feeds each reader an input past each documented
# limit (docs/medel.1, LIMITS) and an input that is not a regular file, and
# checks the exact error and exit code. Nothing may hang (each run has a
# timeout) and nothing may be read past a limit. The inputs are made here, in
# DIR (in the build tree), and removed again.
set -u
medel=$1
# The messages are checked in Swedish, the language with none chosen.
unset LANGUAGE LC_ALL LC_MESSAGES LANG
dir=$2
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir" || exit 1
failed=0

# expect NAME RC 'exact line' -- command…: the line is on stderr (or, for
# medel test, which reports failed tests there, on stdout).
expect() {
    name=$1 rc=$2 line=$3
    shift 4
    timeout 60 "$@" >out.txt 2>err.txt
    got=$?
    if [ "$got" -ne "$rc" ]; then
        echo "$name: exit $got, expected $rc"; cat err.txt; failed=1
    elif ! cat err.txt out.txt | grep -qxF -- "$line"; then
        echo "$name: output lacks the line"; echo "  $line"; echo "got:"; cat err.txt out.txt; failed=1
    fi
}

mib=1048576
# A rule file, and applications and data that it reads.
cat >rules.medel <<'EOF'
överenskommelse "Gränser" { år 2021 }
tabell kommuner från "kommuner.csv" {
    nyckel kommun: text
    unga: heltal
}
ansökan {
    nyckel id: text "Id"
    kommun: nyckel i kommuner "Kommun"
    sökt belopp: belopp "Belopp"
    titel: text "Titel"
}
pott p { belopp 1 MSEK  fördela per kommun efter kommuner.unga }
EOF
printf 'kommun;unga\nAlby;10\n' >kommuner.csv
printf 'Id;Kommun;Belopp;Titel\nA-1;Alby;100;x\n' >apps.csv

# Rule files (and the files they extend): at most 16 MiB.
head -c $((16 * mib + 1)) /dev/zero | tr '\0' '#' >big.medel
expect rule_file_over_16_mib 66 "medel: error: kan inte läsa regelfilen 'big.medel': den är större än 16 MiB; är det verkligen en regelfil?" -- \
    "$medel" validate big.medel
printf 'utökar "big.medel"\n' >extends.medel
expect base_file_over_16_mib 65 "extends.medel:1:8: error: kan inte läsa 'big.medel': den är större än 16 MiB; är det verkligen en regelfil?" -- \
    "$medel" validate extends.medel
# Exactly 16 MiB is read (and is then just a file of one long comment).
head -c $((16 * mib - 1)) /dev/zero | tr '\0' '#' >edge.medel
printf '\n' >>edge.medel
"$medel" validate edge.medel >out.txt 2>err.txt
if grep -q 'större än' err.txt; then echo "rule_file_at_16_mib: refused as too large"; failed=1; fi
rm -f big.medel edge.medel

# Devices are refused at once, not read up to a limit.
expect rule_file_dev_zero 66 "medel: error: kan inte läsa regelfilen '/dev/zero': det är en enhet, inte en fil" -- \
    "$medel" validate /dev/zero
printf 'utökar "/dev/zero"\n' >extends_zero.medel
expect base_file_dev_zero 65 "extends_zero.medel:1:8: error: kan inte läsa '/dev/zero': det är en enhet, inte en fil" -- \
    "$medel" validate --allow-outside-paths extends_zero.medel

# FIFOs never block: as a rule file, a base file, a data file, an application
# file, a scenario file, a test's application file, a companion test file and
# a *.medel entry in a folder given to medel test.
mkfifo pipe.medel pipe.csv
expect rule_file_fifo 66 "medel: error: kan inte läsa regelfilen 'pipe.medel': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" validate pipe.medel
printf 'utökar "pipe.medel"\n' >extends_pipe.medel
expect base_file_fifo 65 "extends_pipe.medel:1:8: error: kan inte läsa 'pipe.medel': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" validate extends_pipe.medel
sed 's/kommuner.csv/pipe.csv/' rules.medel >pipe_data.medel
expect data_file_fifo 65 "pipe_data.medel:2:22: error: kan inte läsa datafilen 'pipe.csv': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" validate pipe_data.medel
expect applications_fifo 66 "pipe.csv: kan inte läsa ansökningarna: det är en namngiven pipe (FIFO), inte en fil; för att läsa en pipe, ange '-' och skicka den till standard in" -- \
    "$medel" check rules.medel pipe.csv
expect scenario_file_fifo 66 "medel: error: kan inte läsa scenariofilen 'pipe.medel': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" whatif rules.medel apps.csv --scenarios pipe.medel --all
mkdir suite
cp rules.medel kommuner.csv suite/
mkfifo suite/pipe.csv
cat >suite/rules.test.medel <<'EOF'
test en_fil "En fil" {
    ansökningar "pipe.csv"
    förvänta pott "p" 1 MSEK
}
EOF
expect test_applications_fifo 1 "suite/rules.test.medel:2:17: testet 'en_fil' misslyckades: ansökningarna i 'suite/pipe.csv' går inte att läsa utan fel:" -- \
    "$medel" test suite
rm suite/rules.test.medel
mkfifo suite/rules.test.medel suite/z.medel
expect test_file_fifo 1 "medel: error: kan inte läsa testfilen 'suite/rules.test.medel': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" test suite/rules.medel
rm suite/rules.test.medel
expect test_folder_fifo_entry 1 "medel: error: kan inte läsa regelfilen 'suite/z.medel': det är en namngiven pipe (FIFO), inte en fil" -- \
    "$medel" test suite
# Standard input stays allowed for applications.
printf 'Id;Kommun;Belopp;Titel\nA-1;Alby;100;x\n' | "$medel" check rules.medel - >out.txt 2>err.txt ||
    { echo "applications_stdin: refused"; cat err.txt; failed=1; }
rm -rf suite pipe.medel pipe.csv

# A CSV record, a JSON Lines line and a data file's header row: at most 64 MiB.
{ printf 'Id;Kommun;Belopp;Titel\nA-1;Alby;100;"'; head -c $((64 * mib + 1)) /dev/zero | tr '\0' 'x'; printf '"\n'; } >long.csv
expect csv_record_over_64_mib 67 "long.csv: posten som börjar på rad 2 är längre än 64 MiB" -- \
    "$medel" check rules.medel long.csv
rm -f long.csv
{ printf '{"Id": "A-1", "Kommun": "Alby", "Belopp": 100}\n{"Titel": "'; head -c $((64 * mib)) /dev/zero | tr '\0' 'x'; printf '"}\n'; } >long.jsonl
expect jsonl_line_over_64_mib 67 "long.jsonl:2: raden är längre än 64 MiB; JSON Lines har en ansökan per rad" -- \
    "$medel" check rules.medel long.jsonl
rm -f long.jsonl
{ printf 'kommun;unga;"'; head -c $((64 * mib)) /dev/zero | tr '\0' 'x'; printf '"\nAlby;10;x\n'; } >kommuner.csv
expect data_header_over_64_mib 65 "rules.medel:2:22: error: rubrikraden i datafilen 'kommuner.csv' är längre än 64 MiB" -- \
    "$medel" validate rules.medel
# Wide data files: every column is seen, past 512 of them and past 64 KiB.
{ printf 'kommun;unga'; i=0; while [ $i -lt 3000 ]; do printf ';kolumn_med_ett_langt_namn_%d' $i; i=$((i + 1)); done; printf '\nAlby;10'; i=0; while [ $i -lt 3000 ]; do printf ';'; i=$((i + 1)); done; printf '\n'; } >kommuner.csv
sed 's/unga: heltal/unga: heltal\n    sista: text "kolumn_med_ett_langt_namn_2999"/' rules.medel >wide.medel
"$medel" validate wide.medel >out.txt 2>err.txt ||
    { echo "data_file_3000_columns: refused"; cat err.txt; failed=1; }

cd / && rm -rf "$dir"
exit $failed
