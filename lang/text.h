/*
** text.h: Unicode for medel, through utf8proc: UTF-8 validation, NFC names,
** case folding (for matching focus areas and enumeration values
** case-insensitively) and display width (for aligned carets and tables).
*/
#ifndef LANG_TEXT_H
#define LANG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Returns true if s[0..len) is valid UTF-8. Otherwise returns false and stores
** the offset of the first byte of the first invalid sequence in *bad (if bad is
** not NULL) and the number of bytes it covers in *bad_len. */
bool text_valid_utf8(const char *s, size_t len, size_t *bad, size_t *bad_len);

/* NFC-normalised copy of s[0..len), NUL-terminated, in the arena. s must be
** valid UTF-8; returns NULL otherwise. */
char *text_nfc(Arena *a, const char *s, size_t len);

/* Case-folded NFC copy of s[0..len), for case-insensitive comparison
** ("Samverkan" and "SAMVERKAN" fold to the same bytes). In the arena; NULL on
** invalid UTF-8. */
char *text_fold(Arena *a, const char *s, size_t len);

/* Display width of s[0..len) in terminal columns (å is 1, a CJK letter 2,
** combining marks 0). Invalid bytes count 1 each. A tab counts as moving to
** the next multiple of 8 from column `start_col` (0-based). */
size_t text_width(const char *s, size_t len, size_t start_col);

/* Decodes one code point at s (len bytes available). Returns bytes consumed
** (>= 1); an invalid byte yields *cp = -1 and consumes 1. */
size_t text_decode(const char *s, size_t len, int *cp);

/* Is the code point a letter (any script) or a combining mark, as allowed in
** identifiers? */
bool text_is_letter(int cp);

/* A heading reduced for "did you mean": case-folded, with the marks taken
** off common Latin letters (å, ä, à → a; ö, ø → o; é → e …), as code points
** in out[0..n); returns how many (0 for invalid UTF-8). Headings are short:
** the rest is cut. The arena holds the folding. */
size_t text_skeleton(Arena *a, const char *s, int *out, size_t n);

/* Edit distance (Levenshtein) between two skeletons of at most 64 code
** points each. Two headings are alike when 3 * distance <= the longer
** skeleton (at most a third differs). */
size_t text_edit_distance(const int *x, size_t nx, const int *y, size_t ny);

/* Whether headings x and y are alike, for "did you mean": their skeletons
** differ in at most a third of the longer one (a letter's marks, its case,
** a typo: "Målgrupp (år)" for "Målgrupp (ålder)"), or one is the other with
** a unit or note after a blank or '(' ("Ålder (år)" for "Ålder"). *dist
** then ranks the likeness (smaller is closer). */
bool text_alike(Arena *a, const char *x, const char *y, size_t *dist);

/* Distance between two names for "menade du …?": the edit distance of their
** skeletons (case, å/ä/ö and other marks folded, so "malgrupp" and
** "Målgrupp" are 0 apart), with two neighbouring letters swapped counted as
** one edit ("målgurpp"). Symmetric. The arena holds the folding. */
size_t text_name_distance(Arena *a, const char *x, const char *y);

/* The candidate closest to `word`, for "menade du …?": the index in
** cands[0..n) of the name at the smallest text_name_distance, or -1 when none
** is close. A name is close when at most a third of the longer skeleton
** differs (at most one edit in a name of three to five letters, none in a
** shorter one, never more than four), and never when the distance reaches
** the length of the shorter one (nothing in common). A candidate equal to
** word, empty or NULL is skipped. Ties go to the candidate that also keeps
** word's letters with their marks (fewer edits before folding the marks),
** then the smallest in byte order, so the answer does not depend on the
** order of cands. */
int text_closest(Arena *a, const char *word, const char *const *cands, size_t n);

/* The name to suggest for `word` where a name is given on the command line:
** the index of a candidate equal to it, else text_closest's, else the one
** candidate that word (three letters or more, folded as text_skeleton does)
** begins; -1 when there is none, or when word begins two names. */
int text_suggest(Arena *a, const char *word, const char *const *cands, size_t n);

#endif
