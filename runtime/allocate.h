/*
** allocate.h: turning eligible applications into grants, exact to the öre.
**
** The pot tree comes from the checked program: fixed, percentage and rest
** shares are already computed (Pot.amount); a pot split per key ("fördela per
** kommun efter ungdomar.antal_12_22") gets one sub-pot per row of the table,
** apportioned with the declared unit and method. Applications are then routed
** and handed out pot by pot, in the file's order (pre-order):
**   - an application is considered by every pot that takes applications and
**     for which it is eligible (Outcome PASS), in that order, until one grants
**     it money; a pot split per key considers it in the sub-pot named by its
**     routing field;
**   - rangordning: by total priority score (highest first), then the pot's
**     tie-breaks, finally the application key (byte order); each gets
**     min(requested, cap per application, what its applicant may still get
**     under the cap per applicant); a grant below the minimum grant is not
**     made; when the pot cannot pay the whole grant, `sista` decides: delvis
**     pays what is left (if at least the minimum grant) and stops, hoppa_över
**     skips the application and tries the next, stopp stops;
**   - proportionell: if the capped requests fit, all are paid in full;
**     otherwise the pot is shared in proportion to them (largest remainder,
**     whole öre), and shares below the minimum grant are not paid;
**   - rättighet: no applications; each (sub-)pot is paid out to its key.
** Leftovers (kvar): what a (sub-)pot leaves after handing out stays in it
** as unallocated (kvar stannar, the default), is returned (kvar
** återbetalas), or moves to another pot that takes applications (kvar
** flyttas till P), which hands it out with its own amount; a pot with a
** second round (andra omgång) moves it to the round, which hands it out to
** the applications not funded yet that the round considers and passes its
** own leftover on by its own 'kvar'. A split pot's 'kvar' acts on each
** sub-pot's leftover. A pot that receives is handed out after every pot it
** receives from (the file's order otherwise), and a second round right
** after its pot (the caps per applicant count both rounds).
** For every pot and sub-pot: amount + moved_in == children + grants +
** moved_out + returned + unallocated, to the öre; over the whole program
** the top-level amounts == grants + returned + unallocated. allocation_run checks it from the finished result, as an invariant
** (lang/invariant.h): a build with invariants on stops there if it ever
** fails; otherwise allocation_run returns false, with ALLOCATION_BUG.
*/
#ifndef RUNTIME_ALLOCATE_H
#define RUNTIME_ALLOCATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "arena.h"
#include "eval.h"
#include "program.h"
#include "value.h"

/* What allocation needs to know of one application. */
typedef struct Candidate {
    const char *key;        /* application key (NUL-terminated) */
    Money requested;        /* the requested amount; < 0 when missing (never funded) */
    const char *applicant;  /* value of the field named by 'tak … per <field>', or NULL */
    int32_t *route;         /* per pot: table row of its routing field for split pots, else -1 */
    Outcome *eligible;      /* per pot (prog->n_pots): eligibility */
    int64_t *score;         /* per pot: total priority score */
    uint32_t order;         /* position in the input, from 0 */
} Candidate;

typedef enum GrantStatus {
    GRANT_FULL,          /* the whole (capped) request */
    GRANT_PARTIAL,       /* the last one, paid what was left (sista delvis) or a pro-rata share */
    GRANT_NOT_REACHED,   /* eligible, but the pot was spent before its turn */
    GRANT_BELOW_MINIMUM, /* what it could get was less than the minimum grant */
    GRANT_NO_ROUTE,      /* its routing field names no sub-pot (no such key) */
    GRANT_PAYOUT         /* rättighet: a sub-pot paid to its key */
} GrantStatus;

typedef struct Grant {
    int32_t app;         /* index into the candidates, or -1 for a payout */
    int32_t pot;         /* program pot */
    int32_t sub;         /* sub-pot: table row for split pots, else -1 */
    Money amount;        /* granted, öre (0 unless FULL/PARTIAL/PAYOUT) */
    Money wanted;        /* the capped request it was considered for */
    int64_t score;
    uint32_t rank;       /* 1-based place in its (sub-)pot's order */
    GrantStatus status;
    bool capped;         /* a cap reduced the request */
    bool stopped;        /* rangordning: not considered, as an earlier one ended the hand-out (sista delvis/stopp) */
    /* What the reports say the amount came from (no amount depends on them):
    ** left is what the (sub-)pot still held when this one's turn came
    ** (rangordning; proportionell: the (sub-)pot's amount), applicant_used
    ** what its applicant already had in the pot under the cap per applicant
    ** before this one (0 without that cap; proportionell: the requests
    ** reserved before it in rank order). */
    Money left;
    Money applicant_used;
} Grant;

/* One pot or sub-pot of the result. */
typedef struct PotResult {
    int32_t pot;         /* program pot */
    int32_t sub;         /* table row for a sub-pot of a split pot, else -1 */
    const char *name;    /* "kommunerna" or "kommunerna/Botkyrka" (in the arena) */
    Money amount;
    Money to_children;   /* handed to sub-pots */
    Money granted;       /* handed to applications (or paid out) */
    Money unallocated;   /* what stays in it: amount + moved_in - to_children - granted - moved_out - returned */
    /* What its 'kvar' did with what it left (see "Leftovers" above): moved
    ** on to another pot or its second round (moved_out, to the PotResult
    ** moved_to), or paid back (returned); moved_in is what other pots moved
    ** here, handed out together with its amount. */
    Money moved_in;
    Money moved_out;
    Money returned;
    int32_t moved_to;    /* index into Allocation.pots of the receiver of moved_out, or -1 */
    size_t n_considered; /* applications considered */
    size_t n_funded;
    /* proportionell: the capped requests the (sub-)pot was shared over
    ** (those of at least the minimum grant); they fit when <= amount.
    ** 0 for other policies. For the reports. */
    Money shared_over;
    /* A sub-pot of a split with rules (Split.has_rules; all 0 otherwise), for
    ** the reports: amount == split_base + split_share. */
    Money split_base;       /* its grundbelopp */
    Money split_share;      /* its apportioned part of the rest */
    unsigned split_flags;   /* SPLIT_EXCLUDED, SPLIT_CAPPED, SPLIT_RAISED (apportion.h) */
} PotResult;

typedef struct PortfolioResult {
    int32_t portfolio;
    int32_t bound;       /* index into Portfolio.bounds */
    bool held;
    int64_t count;       /* funded applications matching the bound's condition */
    Money amount;        /* granted to them */
    Money total;         /* granted in the constraint's scope */
} PortfolioResult;

/* Why allocation_run failed. */
typedef enum AllocationFailure {
    ALLOCATION_BUG,              /* conservation or another invariant failed: a bug in medel */
    ALLOCATION_BAD_RULES,        /* a data table's weights add up past what medel can count */
    ALLOCATION_BAD_APPLICATIONS  /* the requests add up past what medel can count */
} AllocationFailure;

typedef struct Allocation {
    PotResult *pots;     /* pre-order; a split pot is followed by its sub-pots in table order */
    size_t n_pots;
    Grant *grants;       /* grouped by (sub-)pot, in rank order within each */
    size_t n_grants;
    PortfolioResult *portfolio;
    size_t n_portfolio;
    Money *by_focus;     /* prog->n_focus: granted to applications tagged with each focus area */
    Money total;         /* sum of the top-level pots */
    Money granted;       /* sum of all grants */
    Money unallocated;   /* sum of all unallocated */
    Money returned;      /* sum of all returned (kvar återbetalas): total == granted + returned + unallocated */
    bool has_leftover;   /* some pot's leftover was moved or returned, or a second round ran: the reports show it */
    AllocationFailure failure;   /* when allocation_run returned false */
} Allocation;

/* Runs the allocation. apps[0..n) are the applications (for portfolio
** conditions and focus summaries, evaluated with cx), cands[0..n) their
** allocation data. Everything in *out lives in `a`. Returns false if a sum
** of the input passes what medel can count in öre (out->failure says whose:
** a table's or the applications'), or if conservation failed (a bug); msg
** (n bytes) says which pot, table and applications. */
bool allocation_run(const EvalContext *cx, const Application *apps, const Candidate *cands, size_t n, Arena *a,
                    Allocation *out, char *msg, size_t msg_len);

/* Reports a failed allocation_run on err, as an error of the input (naming
** the applications file `apps_path` when the requests are to blame) or as an
** internal error, in `scenario` if not NULL; returns the exit code: 65 for a
** table, 67 for the applications, 70 for a bug. */
int allocation_report_failure(const Allocation *al, const char *msg, const char *apps_path, const char *scenario,
                              FILE *err);

typedef struct Assessment Assessment;   /* assessment.h */

/* Whether the program has a portfolio constraint declared 'bindande'. */
bool allocation_has_binding(const Program *p);

/* Whether the allocation breaks a portfolio constraint declared 'bindande'. */
bool allocation_breaks_binding(const Program *p, const Allocation *al);

/* Reports on err every binding portfolio constraint that al breaks, as an
** error at the constraint's declaration (file:line:col, from set), in the
** agreement's words (its skäl), with a note per broken bound saying what
** the result lacks or exceeds and, for a "minst", which applications of the
** condition came nearest and why they got nothing (as[i] for apps[i]; as
** may be NULL, and then the criteria are not named). `scenario`, if not
** NULL, is named in the error. Returns STATUS_PORTFOLIO when something was
** reported, else STATUS_OK. Scratch memory is its own. */
int allocation_report_binding(const EvalContext *cx, const SourceSet *set, const Application *apps,
                              const Assessment *const *as, size_t n, const Allocation *al, const char *scenario,
                              FILE *err);

/* The sub-pot amounts of a split pot: parts[0..table rows) and the leftover
** that stays unallocated in the pot itself. Exposed for the summary and tests. */
bool allocation_split(const EvalContext *cx, int pot, Money *parts, Money *leftover);

typedef struct SplitShare SplitShare;   /* apportion.h */

/* The same with the split rules' parts of every row in detail[0..table rows)
** (may be NULL). Returns false when the split cannot be computed; then
** *over_pot (if not NULL) says whether that is because the recipients' base
** amounts and minimums need more than the pot (a rule error), *needed how
** much they need. */
bool allocation_split_detail(const EvalContext *cx, int pot, Money *parts, SplitShare *detail, Money *leftover,
                             bool *over_pot, Money *needed);

/* Whether a pot of p splits with rules (grundbelopp, tak, spärr, minst):
** then the reports show each sub-pot's parts. */
bool allocation_has_split_rules(const Program *p);

/* The parts of sub-pot r in words, in buf (n bytes): "grundbelopp 100 000 kr
** + andel 1 134 567 kr", "andel 6 000 kr", "under spärren", with " (tak)"
** or " (höjd till det minsta)"; "" when r is no sub-pot of a split with
** rules. In the message language when `translate`, else in Swedish (CSV). */
const char *allocation_split_parts(const Program *p, const PotResult *r, bool translate, char *buf, size_t n);

/* Checks the rules of every split against its table's rows, as
** program_check_split_rows (lang/program.h) does for one, reporting in d.
** Returns true when all hold. Scratch memory is its own. */
bool allocation_check_splits(const EvalContext *cx, Diags *d);

#endif
