" Vim syntax file
" Language:    medel rule files (*.medel): Swedish state funding agreements
" Maintainer:  the medel project
" Reference:   docs/language.md; the keywords are lang/keywords.h
"
" Keywords are Swedish with English aliases, both highlighted. Names may hold
" å, ä, ö and any other letter: the keyword characters below add the Latin-1
" letters, and Vim counts every letter beyond U+00FF as a word character.

if exists('b:current_syntax')
  finish
endif
scriptencoding utf-8
let s:cpo_save = &cpo
set cpo&vim

syntax case match
" Letters with diacritics are part of words (not × U+00D7 and ÷ U+00F7).
syntax iskeyword @,48-57,_,192-214,216-246,248-255

" ---- Literals --------------------------------------------------------------

" Digits grouped in threes by a space or a no-break space (U+00A0, U+202F).
let s:num = '%(\d{1,3}%([ \u00a0\u202f]\d{3})+|\d+)'
let s:dec = s:num . '%([,.]\d+)='
let s:wsp = '[ \t\u00a0\u202f]*'
" Units as the lexer knows them: öre in lower case, the others in any case.
function! s:AnyCase(words) abort
  return substitute(a:words, '\a', '[\l\0\u\0]', 'g')
endfunction
let s:unit = '%(öre|:-|' . s:AnyCase('kronor|krona|kr|tsek|tkr|sek|msek|mnkr|mkr') . '|'
      \ . s:AnyCase('miljon') . '%(' . s:AnyCase('er') . ')=%([ \t\u00a0\u202f]+'
      \ . '%(' . s:AnyCase('kronor|kr') . '))=)'

" Later definitions win at the same column: a number, then a percentage, an
" amount, and a period (2021-2022) each take precedence over the one before.
execute 'syntax match medelNumber /\v<' . s:dec . '>/'
execute 'syntax match medelPercent /\v<' . s:dec . s:wsp . '%(\%|%(procent|percent)>)/'
execute 'syntax match medelAmount /\v<' . s:dec . s:wsp . s:unit . '\k@!/'
syntax match medelPeriod /\v<\d{4}-\d{4}>/

" Texts: "…" or typographic “…” / ”…”; a text ends on its line.
syntax match medelEscapeError /\\./ contained
syntax match medelEscape /\\[\\"nt]/ contained
syntax region medelString start=/"/ skip=/\\\\\|\\"/ end=/"\|$/ oneline
      \ contains=medelEscape,medelEscapeError,@Spell
syntax region medelString start=/[“”]/ skip=/\\\\\|\\"/ end=/”\|$/ oneline
      \ contains=medelEscape,medelEscapeError,@Spell

syntax match medelBoolean /\v<%(ja|sant|yes|true|nej|falskt|no|false)>/

" ---- Punctuation and operators ---------------------------------------------

syntax match medelDelimiter /[{}(),:.]/
syntax match medelOperator /[<>!=]=\|\.\.\|[-+*=<>|]\|[–—≤≥≠]/

" ---- Keywords --------------------------------------------------------------

" Declarations; the name after pott, villkor, prioritet, portfölj, tabell,
" scenario and test is the declared name.
syntax keyword medelDeclaration överenskommelse agreement fokusområden focus_areas
syntax keyword medelDeclaration ansökan ansökningar application applications
syntax keyword medelDeclaration utökar extends
syntax keyword medelDeclaration pott pot villkor criterion prioritet priority
      \ portfölj portfolio tabell table scenario test fält field
      \ nextgroup=medelDeclName skipwhite
syntax match medelDeclName /\k\+/ contained

syntax keyword medelChange ändra change ta_bort remove
syntax match medelChange /\v<ta[ \t\u00a0\u202f]+bort>/

syntax keyword medelProperty år year period källa source url stycke paragraph
      \ beslut decision belopp amount nyckel key obligatorisk required sökt requested
      \ från from förvaltare manager benämning label fördela split per efter by
      \ avrundning rounding metod method första_divisor first_divisor
      \ grundbelopp base_amount spärr threshold enhet enheter unit units
      \ krav require skäl reason poäng vikt score weight minst at_least högst at_most bindande binding
      \ där where tilldelning allocation sista last tak cap lägsta_bidrag min_grant
      \ vid_lika tie_break förvänta expect beviljat granted
      \ kvar leftover sista_ansökningsdag deadline
syntax match medelProperty
      \ /\v<%(flyttas[ \t\u00a0\u202f]+till|moves[ \t\u00a0\u202f]+to|andra[ \t\u00a0\u202f]+omgång|second[ \t\u00a0\u202f]+round|lägsta[ \t\u00a0\u202f]+bidrag|minimum[ \t\u00a0\u202f]+grant|vid[ \t\u00a0\u202f]+lika|tie[ \t\u00a0\u202f]+break|första[ \t\u00a0\u202f]+divisor|first[ \t\u00a0\u202f]+divisor|at[ \t\u00a0\u202f]+least|at[ \t\u00a0\u202f]+most)>/

syntax keyword medelType text heltal integer intervall range en one mängd set
      \ fokusområde focus_area
syntax match medelType /\v<%(ja\/nej|yes\/no)>/

" är inte, inte i, is not, not in: both words are operator words anyway.
syntax keyword medelOperatorWord och and eller or inte not i in är is inom within
      \ överlappar overlaps innehåller snitt intersect av of
" 'contains' is an argument of :syntax keyword, so it is a match.
syntax match medelOperatorWord /\<contains\>/
syntax keyword medelConditional om if så then annars else
syntax keyword medelApprox cirka ca ungefär nära drygt about

" Words with a meaning in one place only (policies, methods, tie-breaks, the
" verdicts a test expects); they are not reserved, so a field may have such a
" name too.
syntax keyword medelConstant resten rest rangordning rank_order proportionell pro_rata
      \ rättighet entitlement delvis partial hoppa_över skip stopp stop
      \ största_rest largest_remainder dhondt d_hondt sainte_laguë sainte_lague uddatal
      \ lägst_belopp lowest_amount högst_belopp highest_amount inkommen received
      \ stödberättigad eligible ej_stödberättigad ineligible manuell manuell_bedömning
      \ manual ej_aktuell not_applicable

syntax match medelFunction /\v<%(antal|count)\ze\s*\(/

" A field or column being declared: 'målgrupp: intervall'.
syntax match medelField /\v<\d@!\k+\ze\s*:%(-)@!/

" ---- Comments --------------------------------------------------------------

syntax keyword medelTodo contained TODO FIXME XXX OBS
syntax match medelComment /#.*$/ contains=medelTodo,@Spell

syntax sync minlines=1

" ---- Highlighting ----------------------------------------------------------

highlight default link medelComment      Comment
highlight default link medelTodo         Todo
highlight default link medelString       String
highlight default link medelEscape       SpecialChar
highlight default link medelEscapeError  Error
highlight default link medelNumber       Number
highlight default link medelPercent      Number
highlight default link medelAmount       Number
highlight default link medelPeriod       Number
highlight default link medelBoolean      Boolean
highlight default link medelDelimiter    Delimiter
highlight default link medelOperator     Operator
highlight default link medelOperatorWord Operator
highlight default link medelConditional  Conditional
highlight default link medelDeclaration  Structure
highlight default link medelDeclName     Function
highlight default link medelChange       Statement
highlight default link medelProperty     Keyword
highlight default link medelType         Type
highlight default link medelApprox       Special
highlight default link medelConstant     Constant
highlight default link medelFunction     Function
highlight default link medelField        Identifier

delfunction s:AnyCase
let b:current_syntax = 'medel'
let &cpo = s:cpo_save
unlet s:cpo_save
