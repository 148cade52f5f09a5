#!/usr/bin/env bash
# Checks the Vim syntax highlighting in editors/vim: opens bundled rule files
# and a buffer of sample lines in a headless Vim and compares the syntax group
# (and the standard group it links to) at chosen places.
# Usage: tests/editors/vim.sh [VIM]   (default: vim on PATH)
# Prints one line per failed check and "N passed, N failed"; exits non-zero on
# any failure, or if Vim is missing or stops early.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
vim=${1:-vim}
if ! command -v "$vim" >/dev/null 2>&1; then
    echo "vim.sh: '$vim' not found (apt-get install vim-nox)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results

cat >"$tmp/test.vim" <<'EOF'
scriptencoding utf-8
let s:results = []

" Checks the syntax group at the start of the first match of pattern (use \zs
" to point inside the match) after line 1, column 1.
function! s:Check(desc, pattern, group, ...) abort
  call cursor(1, 1)
  let l:lnum = search(a:pattern, 'cW')
  if l:lnum == 0
    call add(s:results, 'FAIL ' . expand('%:t') . ': ' . a:desc . ': pattern not found: ' . a:pattern)
    return
  endif
  let l:col = col('.')
  let l:id = synID(l:lnum, l:col, 1)
  let l:name = synIDattr(l:id, 'name')
  " The standard group it links to (not synIDtrans: Number links on to Constant).
  let l:link = l:name ==# '' ? '' : matchstr(execute('highlight ' . l:name), 'links to \zs\w\+')
  let l:want_link = a:0 ? a:1 : ''
  if l:name !=# a:group || (l:want_link !=# '' && l:link !=# l:want_link)
    call add(s:results, printf('FAIL %s:%d:%d: %s: expected %s%s, got %s (%s)',
          \ expand('%:t'), l:lnum, l:col, a:desc, a:group,
          \ l:want_link ==# '' ? '' : ' (' . l:want_link . ')', l:name ==# '' ? 'nothing' : l:name, l:link))
  else
    call add(s:results, 'ok ' . a:desc)
  endif
endfunction

function! s:Expect(desc, ok) abort
  call add(s:results, (a:ok ? 'ok ' : 'FAIL ') . a:desc)
endfunction

function! s:Run() abort
  " An ASCII-only 'iskeyword' (a user's setting): the syntax file must not
  " depend on it for å, ä, ö.
  setglobal iskeyword=a-z,A-Z,48-57,_
  set iskeyword=a-z,A-Z,48-57,_
  " ---- the bundled 2021 rule file ----
  edit rules/ungdomsmottagningar-2021.medel
  call s:Expect('*.medel is filetype medel (got ' . &filetype . ')', &filetype ==# 'medel')
  call s:Expect('syntax medel is loaded', get(b:, 'current_syntax', '') ==# 'medel')
  call s:Check('comment', '^\zs# Satsningen', 'medelComment', 'Comment')
  call s:Check('comment text', '^# \zsSatsningen', 'medelComment', 'Comment')
  call s:Check('OBS in a comment', '# \zsOBS:', 'medelTodo', 'Todo')
  call s:Check('keyword starting with ö', '^\zsöverenskommelse', 'medelDeclaration', 'Structure')
  call s:Check('text: the quote', '^överenskommelse \zs"Ungdoms', 'medelString', 'String')
  call s:Check('text: inside', '^överenskommelse "Ungdomsmottagningar i \zsStockholms', 'medelString', 'String')
  call s:Check('keyword år', '^\s*\zsår 2021', 'medelProperty', 'Keyword')
  call s:Check('year number', '^\s*år \zs2021', 'medelNumber', 'Number')
  call s:Check('keyword with å, last letter', '^fokusområde\zsn {', 'medelDeclaration', 'Structure')
  call s:Check('amount: first digit', 'belopp \zs35 000 000 kr', 'medelAmount', 'Number')
  call s:Check('amount: digit group', 'belopp 35 000 \zs000 kr', 'medelAmount', 'Number')
  call s:Check('amount: unit', 'belopp 35 000 000 \zskr', 'medelAmount', 'Number')
  call s:Check('amount before per', 'tak \zs2 000 000 kr per', 'medelAmount', 'Number')
  call s:Check('pot name', '^pott \zsungdomsmottagningar', 'medelDeclName', 'Function')
  call s:Check('sub-pot name', '^\s*pott \zskommunerna', 'medelDeclName', 'Function')
  call s:Check('table name', '^tabell \zsungdomar', 'medelDeclName', 'Function')
  call s:Check('criterion name, at ä', 'villkor kurator_\zsär_kommunens', 'medelDeclName', 'Function')
  call s:Check('criterion name, after ä', 'villkor kurator_är_\zskommunens', 'medelDeclName', 'Function')
  call s:Check('priority name with å', 'prioritet n\zsår_alla', 'medelDeclName', 'Function')
  call s:Check('range start', 'målgrupp inom \zs12\.\.22', 'medelNumber', 'Number')
  call s:Check('range ..', 'målgrupp inom 12\zs\.\.22', 'medelOperator', 'Operator')
  call s:Check('field name', '^\s*\zslänsövergripande: ja', 'medelField', 'Identifier')
  call s:Check('type ja/nej', 'länsövergripande: \zsja/nej', 'medelType', 'Type')
  call s:Check('type ja/nej, nej', 'länsövergripande: ja/\zsnej', 'medelType', 'Type')
  call s:Check('en av', 'sökandetyp: \zsen av', 'medelType', 'Type')
  call s:Check('av', 'sökandetyp: en \zsav', 'medelOperatorWord', 'Operator')
  call s:Check('policy word with ö', 'sista hoppa_\zsöver', 'medelConstant', 'Constant')
  call s:Check('vid_lika', '^\s*\zsvid_lika', 'medelProperty', 'Keyword')
  call s:Check('antal(…)', 'krav \zsantal(fokus)', 'medelFunction', 'Function')
  call s:Check('>=', 'antal(fokus) \zs>=', 'medelOperator', 'Operator')
  call s:Check('om … så', 'krav \zsom insatser', 'medelConditional', 'Conditional')
  call s:Check('så', 'kurator \zsså sökandetyp', 'medelConditional', 'Conditional')
  call s:Check('innehåller', 'insatser \zsinnehåller kurator', 'medelOperatorWord', 'Operator')
  call s:Check('där', '^\s*ansökningar \zsdär sökt_pott', 'medelProperty', 'Keyword')
  call s:Check('är', '^\s*ansökningar där sökt_pott \zsär kommunerna', 'medelOperatorWord', 'Operator')
  call s:Check('a name is not a keyword', '^\s*ansökningar där \zssökt_pott', '')
  call s:Check('split keyword', '^\s*\zsfördela per', 'medelProperty', 'Keyword')
  call s:Check('brace', 'ungdomsmottagningar 2021" \zs{', 'medelDelimiter', 'Delimiter')

  " ---- percentages and approximate amounts ----
  edit rules/gemensam-pott-2017.medel
  call s:Check('percentage in a text is text', '"Gemensam pott: 4 \zs%', 'medelString', 'String')
  edit rules/region-stockholm-2021-2022.medel
  call s:Check('nära', '^\s*belopp \zsnära 182', 'medelApprox', 'Special')
  call s:Check('amount after nära', '^\s*belopp nära \zs182', 'medelAmount', 'Number')
  call s:Check('percentage', '^\s*belopp .* \zs50 % av', 'medelPercent', 'Number')
  call s:Check('percentage: %', '^\s*belopp .* 50 \zs% av', 'medelPercent', 'Number')
  call s:Check('av', '^\s*belopp .* 50 % \zsav', 'medelOperatorWord', 'Operator')
  call s:Check('+', '^\s*belopp .* \zs+ 50 %', 'medelOperator', 'Operator')

  " ---- a scenario file ----
  edit examples/scenarier-ungdomsmottagningar-2021.medel
  call s:Expect('scenario file is filetype medel', &filetype ==# 'medel')
  call s:Check('scenario name', '^scenario \zshöjd_pott', 'medelDeclName', 'Function')
  call s:Check('ändra', '^\s*\zsändra pott', 'medelChange', 'Statement')
  call s:Check('ta_bort', '^\s*\zsta_bort villkor', 'medelChange', 'Statement')
  call s:Check('name after ta_bort villkor', 'ta_bort villkor \zsfokusområde', 'medelDeclName', 'Function')
  call s:Check('sainte_laguë', 'metod \zssainte_laguë', 'medelConstant', 'Constant')
  call s:Check('decimal number', 'första_divisor \zs1,2', 'medelNumber', 'Number')

  " ---- the tests next to the 2021 rules ----
  edit rules/ungdomsmottagningar-2021.test.medel
  call s:Expect('*.test.medel is filetype medel', &filetype ==# 'medel')
  call s:Check('test name', '^test \zskommunens_kuratorsprojekt', 'medelDeclName', 'Function')
  call s:Check('test label', '^test kommunens_kuratorsprojekt \zs"', 'medelString', 'String')
  call s:Check('förvänta', '^\s*\zsförvänta kommunerna', 'medelProperty', 'Keyword')
  call s:Check('verdict', '^\s*förvänta kommunerna \zsstödberättigad', 'medelConstant', 'Constant')
  call s:Check('verdict before :', '^\s*förvänta kommunerna \zsej_stödberättigad:', 'medelConstant', 'Constant')
  call s:Check('pot path after pott', '^\s*förvänta pott \zs"kommunerna/', 'medelString', 'String')

  " ---- sample lines ----
  enew
  setfiletype medel
  call setline(1, [
        \ 'pott a { belopp 1,5 MSEK }',
        \ 'pott b { belopp 12,5 % }',
        \ 'pott c { belopp 4 procent }',
        \ 'överenskommelse "X" { år 2021-2022 }',
        \ 'pott d { period 2021–2022 }',
        \ 'ta bort villkor gammalt',
        \ 'pott e { lägsta bidrag 100 000 kr  vid lika lägst_belopp, inkommen  första divisor 1,2 }',
        \ 'portfölj f { minst 1 ansökan där sökandetyp är privat  at least 2  at most 40 % }',
        \ 'pot g { minimum grant 1 kr  tie break received  first divisor 1,2 }',
        \ 'villkor h { krav x är inte y och z inte i {a, b} och n ≤ 5 och m ≥ 1 och k ≠ 2 }',
        \ 'villkor i { skäl “Typografisk text” }',
        \ 'villkor j { stycke "a \"b\" c \q" }',
        \ 'pott k { belopp 5 krav }',
        \ 'pott l { belopp 500:-  tak 2 miljoner kronor per ansökan }',
        \ "pott m { belopp 35\u00a0000\u00a0000 kr }",
        \ 'pott n { belopp nära 182 000 000 kr }  # en "kommentar" med 5 kr',
        \ 'villkor o { krav medfinansiering är ja eller inte sant }',
        \ 'agreement "Y" { year 2022 }',
        \ 'criterion p { require ages within 18..120 and not kind is private }',
        \ 'scenario q { ändra pott r { belopp 40 MSEK } }',
        \ 'test s "Ett test" { förvänta beviljat "A-1" 100 000 kr }',
        \ 'villkor t { skäl "en # är inte en kommentar i en text" }',
        \ 'tabell u från "data/x.csv" { nyckel kommun: text  antal_12_22: heltal }',
        \ 'pott v { belopp 12 tkr + 3 TSEK + 1 Mkr + 2 SEK + 50 öre }',
        \ 'pott w { belopp 5 Kronor + 2 Miljoner Kr + 3 Öre }',
        \ ])
  call s:Check('decimal amount', 'belopp \zs1,5 MSEK', 'medelAmount', 'Number')
  call s:Check('MSEK', 'belopp 1,5 \zsMSEK', 'medelAmount', 'Number')
  call s:Check('decimal percentage', 'belopp 12,5 \zs%', 'medelPercent', 'Number')
  call s:Check('procent', 'belopp 4 \zsprocent', 'medelPercent', 'Number')
  call s:Check('period with hyphen', 'år 2021-\zs2022', 'medelPeriod', 'Number')
  call s:Check('period with en dash: dash', 'period 2021\zs–2022', 'medelOperator', 'Operator')
  call s:Check('ta bort: ta', '^\zsta bort', 'medelChange', 'Statement')
  call s:Check('name after ta bort', 'villkor \zsgammalt', 'medelDeclName', 'Function')
  call s:Check('lägsta bidrag', '\zslägsta bidrag', 'medelProperty', 'Keyword')
  call s:Check('lägsta bidrag: bidrag', 'lägsta \zsbidrag', 'medelProperty', 'Keyword')
  call s:Check('vid lika', 'vid \zslika', 'medelProperty', 'Keyword')
  call s:Check('tie-break rule', 'lika \zslägst_belopp', 'medelConstant', 'Constant')
  call s:Check('första divisor', 'första \zsdivisor', 'medelProperty', 'Keyword')
  call s:Check('minst', '\zsminst 1 ansökan', 'medelProperty', 'Keyword')
  call s:Check('at least', 'at \zsleast', 'medelProperty', 'Keyword')
  call s:Check('at most', '\zsat most', 'medelProperty', 'Keyword')
  call s:Check('minimum grant', 'minimum \zsgrant', 'medelProperty', 'Keyword')
  call s:Check('tie break', '\zstie break', 'medelProperty', 'Keyword')
  call s:Check('first divisor', 'first \zsdivisor', 'medelProperty', 'Keyword')
  call s:Check('portfolio name with ö', '^portfölj \zsf', 'medelDeclName', 'Function')
  call s:Check('är inte', 'är \zsinte y', 'medelOperatorWord', 'Operator')
  call s:Check('inte i', 'inte \zsi {a', 'medelOperatorWord', 'Operator')
  call s:Check('≤', 'n \zs≤ 5', 'medelOperator', 'Operator')
  call s:Check('≥', 'm \zs≥ 1', 'medelOperator', 'Operator')
  call s:Check('≠', 'k \zs≠ 2', 'medelOperator', 'Operator')
  call s:Check('typographic text', '“\zsTypografisk', 'medelString', 'String')
  call s:Check('typographic text: end', 'text\zs”', 'medelString', 'String')
  call s:Check('escape', '"a \zs\\"b', 'medelEscape', 'SpecialChar')
  call s:Check('text after an escaped quote', '\\"b\\" \zsc', 'medelString', 'String')
  call s:Check('unknown escape', ' c \zs\\q', 'medelEscapeError', 'Error')
  call s:Check('misspelt unit: number only', 'belopp \zs5 krav', 'medelNumber', 'Number')
  call s:Check('misspelt unit: krav is a keyword', 'belopp 5 \zskrav', 'medelProperty', 'Keyword')
  call s:Check('amount :-', 'belopp 500\zs:-', 'medelAmount', 'Number')
  call s:Check('miljoner kronor', 'miljoner \zskronor', 'medelAmount', 'Number')
  call s:Check('no-break spaces in an amount', "000\u00a0000 \\zskr", 'medelAmount', 'Number')
  call s:Check('approximate', '\zsnära 182', 'medelApprox', 'Special')
  call s:Check('comment after code', '\zs# en "kommentar', 'medelComment', 'Comment')
  call s:Check('text in a comment is comment', '# en "\zskommentar', 'medelComment', 'Comment')
  call s:Check('amount in a comment is comment', 'med \zs5 kr', 'medelComment', 'Comment')
  call s:Check('ja', 'är \zsja eller', 'medelBoolean', 'Boolean')
  call s:Check('sant', 'inte \zssant', 'medelBoolean', 'Boolean')
  call s:Check('English agreement', '^\zsagreement', 'medelDeclaration', 'Structure')
  call s:Check('English year', '\zsyear 2022', 'medelProperty', 'Keyword')
  call s:Check('English criterion name', '^criterion \zsp', 'medelDeclName', 'Function')
  call s:Check('English within', 'ages \zswithin', 'medelOperatorWord', 'Operator')
  call s:Check('English is', 'kind \zsis private', 'medelOperatorWord', 'Operator')
  call s:Check('English require', '\zsrequire ages', 'medelProperty', 'Keyword')
  call s:Check('pot name after ändra', 'ändra pott \zsr', 'medelDeclName', 'Function')
  call s:Check('test name', '^test \zss', 'medelDeclName', 'Function')
  call s:Check('förvänta', '\zsförvänta beviljat', 'medelProperty', 'Keyword')
  call s:Check('# in a text is text', 'en \zs# är inte', 'medelString', 'String')
  call s:Check('column name', 'nyckel \zskommun:', 'medelField', 'Identifier')
  call s:Check('column name with digits', '\zsantal_12_22:', 'medelField', 'Identifier')
  call s:Check('tkr', 'belopp 12 \zstkr', 'medelAmount', 'Number')
  call s:Check('TSEK', '3 \zsTSEK', 'medelAmount', 'Number')
  call s:Check('Mkr', '1 \zsMkr', 'medelAmount', 'Number')
  call s:Check('SEK', '2 \zsSEK', 'medelAmount', 'Number')
  call s:Check('öre', '50 \zsöre', 'medelAmount', 'Number')
  call s:Check('Kronor', '5 \zsKronor', 'medelAmount', 'Number')
  call s:Check('Miljoner Kr', '2 Miljoner \zsKr', 'medelAmount', 'Number')
  call s:Check('Öre is no unit', '\zs3 Öre', 'medelNumber', 'Number')

  " ---- every keyword of lang/keywords.h ----
  " Each spelling there (each word of one of two words), alone on a line, is
  " in a keyword group: a keyword added to the table and not to the syntax
  " file fails here.
  let l:words = readfile($MEDEL_VIM_KEYWORDS)
  call s:Expect('lang/keywords.h: ' . len(l:words) . ' spellings found', len(l:words) > 100)
  let l:groups = ['medelDeclaration', 'medelChange', 'medelProperty', 'medelType', 'medelOperatorWord',
        \ 'medelConditional', 'medelApprox', 'medelBoolean', 'medelConstant']
  for l:w in l:words
    enew!
    setfiletype medel
    call setline(1, l:w)
    let l:col = 1
    for l:part in split(l:w, '[ /]')
      let l:col = stridx(l:w, l:part, l:col - 1) + 1
      let l:name = synIDattr(synID(1, l:col, 1), 'name')
      call s:Expect(printf("keyword '%s' (lang/keywords.h): '%s' is %s", l:w, l:part, l:name ==# '' ? 'nothing' : l:name),
            \ index(l:groups, l:name) >= 0)
      let l:col += len(l:part)
    endfor
  endfor
endfunction

try
  call s:Run()
catch
  call add(s:results, 'FAIL Vim error: ' . v:exception . ' at ' . v:throwpoint)
endtry
call add(s:results, 'done')
call writefile(s:results, $MEDEL_VIM_RESULTS)
qall!
EOF

# Every spelling of lang/keywords.h, one a line (the comments, which show
# the form of the entries, left out).
grep -v '^[[:space:]]*[/*]' "$root/lang/keywords.h" |
    grep -o 'X([A-Z_]*, "[^"]*"\(, "[^"]*"\)\{0,1\})\|X("[^"]*")' |
    grep -o '"[^"]*"' | tr -d '"' | sort -u >"$tmp/keywords"

cd "$root"
# 'encoding' is set first, so that the checks also run under a C locale.
MEDEL_VIM_RESULTS=$results MEDEL_VIM_KEYWORDS=$tmp/keywords "$vim" -Nu NONE -i NONE -es \
    -c 'set encoding=utf-8 fileencodings=utf-8' \
    -c "let &runtimepath = '$root/editors/vim,' . &runtimepath" \
    -c 'filetype on' -c 'syntax on' \
    -S "$tmp/test.vim" </dev/null >/dev/null 2>&1 || true

if [ ! -s "$results" ] || [ "$(tail -n 1 "$results")" != "done" ]; then
    echo "vim.sh: Vim stopped before the end of the checks"
    if [ -s "$results" ]; then
        grep '^FAIL ' "$results" | sed 's/^FAIL //' || true
    fi
    echo "0 passed, 1 failed"
    exit 1
fi
passed=$(grep -c '^ok ' "$results" || true)
failed=$(grep -c '^FAIL ' "$results" || true)
grep '^FAIL ' "$results" | sed 's/^FAIL //' || true
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
