/*
** program.c: loading a rule file into a checked Program. Reads the file,
** parses it, applies `utökar` (the file builds on an earlier year's file and
** changes parts of it), runs the checks, and prints the result for --dump.
*/
#include "program.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "i18n.h"
#include "inherit.h"
#include "text.h"
#include "parse.h"

#define MAX_EXTENDS_DEPTH 16

typedef struct Loader {
    Arena *a;
    SourceSet *set;
    Diags *d;
    const LoadOptions *opt;
    const char *root_dir;
    const char *chain[MAX_EXTENDS_DEPTH];   /* realpaths of the files being loaded */
    const char *names[MAX_EXTENDS_DEPTH];   /* the same, as named */
    const char *root_file;                  /* the rule file given by the user */
    int depth;
    const Item *applying;                   /* the scenario merge() applies, or NULL for a file's 'utökar' */
} Loader;

/* ---- finding declarations in a module, for ändra and ta_bort ---- */

typedef struct Found {
    ItemList *list;
    size_t index;
} Found;

/* Blocks whose items are declarations that 'ändra' and 'ta bort' name: a
** pot's sub-pots, criteria …, the focus areas of 'fokusområden', the fields
** of 'ansökan' (not a table's columns: they are the table's). */
static bool holds_decls(ItemKind k)
{
    return k == ITEM_POT || k == ITEM_ROUND || k == ITEM_FOCUS_AREAS || k == ITEM_SCHEMA;
}

static bool find_decl(ItemList *list, ItemKind kind, const char *name, Found *out)
{
    for (size_t i = 0; i < list->n; i++) {
        Item *it = list->items[i];
        if (it->kind == kind && it->name && strcmp(it->name, name) == 0) {
            *out = (Found){list, i};
            return true;
        }
        if (holds_decls(it->kind) && find_decl(&it->body, kind, name, out))
            return true;
    }
    return false;
}

/* Collects the names of the declarations of one kind in list (and in its
** pots), for "menade du …?". */
static void decl_names(Arena *a, const ItemList *list, ItemKind kind, const char ***v, size_t *n, size_t *cap)
{
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = list->items[i];
        if (it->kind == kind && it->name) {
            if (*n == *cap) {
                size_t c = *cap ? 2 * *cap : 16;
                *v = arena_grow(a, *v, *n, c, sizeof **v);
                *cap = c;
            }
            (*v)[(*n)++] = it->name;
        }
        if (holds_decls(it->kind))
            decl_names(a, &it->body, kind, v, n, cap);
    }
}

/* Reports a change or removal whose target the base does not have, with
** the closest name of that kind among names[0..n). */
static void not_in_base(Arena *a, Diags *d, const Item *it, const char *base_path, bool removing, const char *const *names,
                        size_t n)
{
    int g = text_closest(a, it->name, names, n);
    const char *msg = removing
        ? arena_printf(a, _("%s '%s' som ska tas bort finns inte i '%s'"), ast_item_label(it->target), it->name, base_path)
        : arena_printf(a, _("%s '%s' som ska ändras finns inte i '%s'"), ast_item_label(it->target), it->name, base_path);
    if (g >= 0) {
        diag_error(d, it->name_span, _("%s; menade du '%s'?"), msg, names[g]);
        /* One click where no other name is as close (text_closest breaks
        ** such a tie, and a tie is a guess) and the span is the name. */
        size_t dist = text_name_distance(a, it->name, names[g]);
        bool alone = true;
        for (size_t i = 0; i < n && alone; i++)
            alone = (int)i == g || !names[i] || !*names[i] || strcmp(names[i], it->name) == 0 ||
                    strcmp(names[i], names[g]) == 0 || text_name_distance(a, it->name, names[i]) > dist;
        if (alone && diag_span_holds(d, it->name_span, it->name))
            diag_fix(d, names[g]);
    } else
        diag_error(d, it->name_span, "%s", msg);
}

/* Reports a change or removal missing from the base module `items`. */
static void not_in_items(Loader *L, const Item *it, const ItemList *items, const char *base_path, bool removing)
{
    const char **v = NULL;
    size_t n = 0, cap = 0;
    decl_names(L->a, items, it->target, &v, &n, &cap);
    not_in_base(L->a, L->d, it, base_path, removing, v, n);
}

static void list_remove(ItemList *list, size_t i)
{
    memmove(&list->items[i], &list->items[i + 1], (list->n - i - 1) * sizeof *list->items);
    list->n--;
}

static bool is_decl(ItemKind k)
{
    return k == ITEM_POT || k == ITEM_CRITERION || k == ITEM_PRIORITY || k == ITEM_PORTFOLIO;
}

/* Applies the items of an `ändra` block to a copy of the declaration:
** a property replaces the property of the same kind (all bounds of a
** portfolio constraint at once), a nested declaration replaces the one of
** the same name or is added. */
static Item *apply_change(Loader *L, const Item *orig, const Item *change)
{
    Item *it = arena_alloc(L->a, sizeof *it);
    *it = *orig;
    it->body = (ItemList){0};
    for (size_t i = 0; i < orig->body.n; i++)
        ast_item_push(L->a, &it->body, orig->body.items[i]);
    bool bounds_replaced = false;
    for (size_t i = 0; i < change->body.n; i++) {
        Item *c = change->body.items[i];
        if (is_decl(c->kind)) {
            Found f;
            if (find_decl(&it->body, c->kind, c->name, &f) && f.list == &it->body)
                it->body.items[f.index] = c;
            else
                ast_item_push(L->a, &it->body, c);
            continue;
        }
        bool bound = c->kind == PROP_AT_LEAST || c->kind == PROP_AT_MOST;
        /* A property given twice in one 'ändra' would silently keep the
        ** later one; in a declaration it is an error, so it is here too.
        ** (Bounds of a portfolio constraint may be many.) */
        for (size_t j = 0; j < i && !bound && c->kw; j++) {
            const Item *e = change->body.items[j];
            if (e->kind == c->kind && (c->kind != PROP_CAP || e->per_application == c->per_application)) {
                diag_error(L->d, c->kw_span, _("'%s' står två gånger i samma 'ändra'; bara det senare skulle gälla"), c->kw);
                diag_note(L->d, e->kw_span, _("första gången här; ta bort det ena"));
                break;
            }
        }
        if (!(bound && bounds_replaced)) {
            for (size_t j = it->body.n; j-- > 0;) {
                const Item *old = it->body.items[j];
                bool same = bound ? (old->kind == PROP_AT_LEAST || old->kind == PROP_AT_MOST)
                                  : old->kind == c->kind && (c->kind != PROP_CAP || old->per_application == c->per_application);
                if (same)
                    list_remove(&it->body, j);
            }
            bounds_replaced |= bound;
        }
        ast_item_push(L->a, &it->body, c);
    }
    return it;
}

static bool same_name(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether item c of an 'ändra scenario' takes the place of the scenario's
** item old: a change or removal of the same declaration, or a declaration
** of the same kind and name. */
static bool same_scenario_item(const Item *c, const Item *old)
{
    if (c->kind != old->kind)
        return false;
    if (c->kind == ITEM_CHANGE || c->kind == ITEM_REMOVE)
        return c->target == old->target && same_name(c->name, old->name);
    return same_name(c->name, old->name);
}

/* Whether item c of an 'ändra test' takes the place of the test's item
** old: the applications (ansökan { … } or ansökningar "fil"), the
** scenario, or an expectation about the same thing. */
static bool same_test_item(const Item *c, const Item *old)
{
    bool apps_c = c->kind == TEST_APPLICATION || c->kind == TEST_FILE;
    bool apps_old = old->kind == TEST_APPLICATION || old->kind == TEST_FILE;
    if (apps_c || apps_old)
        return apps_c && apps_old;
    if (c->kind != old->kind)
        return false;
    switch (c->kind) {
    case TEST_SCENARIO: return true;
    case TEST_EXPECT_STATUS: case TEST_EXPECT_PORTFOLIO: return same_name(c->name, old->name);
    case TEST_EXPECT_GRANT: case TEST_EXPECT_POT: case TEST_EXPECT_RANK: return same_name(c->text, old->text);
    default: return false;
    }
}

/* A copy of the scenario or test orig with the items of 'ändra scenario'
** or 'ändra test' applied: an item replaces the one it is the same as
** (same_scenario_item, same_test_item) where that one stood, others are
** added; a label replaces the label. */
static Item *apply_block_change(Loader *L, const Item *orig, const Item *change)
{
    Item *it = arena_alloc(L->a, sizeof *it);
    *it = *orig;
    it->body = (ItemList){0};
    for (size_t i = 0; i < orig->body.n; i++)
        ast_item_push(L->a, &it->body, orig->body.items[i]);
    if (change->text) {
        it->text = change->text;
        it->text_span = change->text_span;
    }
    it->broken |= change->broken;
    for (size_t i = 0; i < change->body.n; i++) {
        Item *c = change->body.items[i];
        bool replaced = false;
        for (size_t j = 0; j < it->body.n && !replaced; j++) {
            const Item *old = it->body.items[j];
            if (orig->kind == ITEM_SCENARIO ? same_scenario_item(c, old) : same_test_item(c, old)) {
                it->body.items[j] = c;
                replaced = true;
            }
        }
        if (!replaced)
            ast_item_push(L->a, &it->body, c);
    }
    return it;
}

static const char *kind_word(ItemKind k)
{
    switch (k) {
    case ITEM_POT: return "pott";
    case ITEM_CRITERION: return "villkor";
    case ITEM_PRIORITY: return "prioritet";
    case ITEM_PORTFOLIO: return "portfölj";
    case ITEM_SCENARIO: return "scenario";
    case ITEM_TEST: return "test";
    default: return "överenskommelse";
    }
}

/* `ändra tabell T från "fil" { … }`: T reads the new file (named from the
** changing file's folder); a column given replaces the column of the same
** name or is added, a reference (källa …) replaces those of its kind; the
** rest of T is kept. */
static Item *change_table(Loader *L, const Item *orig, const Item *change)
{
    Item *it = arena_alloc(L->a, sizeof *it);
    *it = *orig;
    it->text = change->text;
    it->text_span = change->text_span;
    it->changed_by = change;   /* where the file is named: the notes on its rows point there */
    it->broken = orig->broken || change->broken;
    it->body = (ItemList){0};
    for (size_t i = 0; i < orig->body.n; i++)
        ast_item_push(L->a, &it->body, orig->body.items[i]);
    for (size_t i = 0; i < change->body.n; i++) {
        Item *c = change->body.items[i];
        bool replaced = false;
        for (size_t j = it->body.n; j-- > 0;) {
            const Item *old = it->body.items[j];
            if (c->kind == ITEM_FIELD && old->kind == ITEM_FIELD && strcmp(old->name, c->name) == 0) {
                it->body.items[j] = c;
                replaced = true;
            } else if (c->kind != ITEM_FIELD && old->kind == c->kind) {
                list_remove(&it->body, j);
            }
        }
        if (!replaced)
            ast_item_push(L->a, &it->body, c);
    }
    return it;
}

/* Replaces (or adds) entries of a keyed block (focus areas, schema fields,
** tables) in the merged list: same name replaces, a new name is added. */
static void merge_named(Loader *L, Module *out, Item *block)
{
    if (block->kind == ITEM_TABLE) {
        for (size_t i = 0; i < out->items.n; i++) {
            Item *it = out->items.items[i];
            if (it->kind == ITEM_TABLE && strcmp(it->name, block->name) == 0) {
                out->items.items[i] = block;
                return;
            }
        }
        ast_item_push(L->a, &out->items, block);
        return;
    }
    /* Focus areas and schema fields: find each entry in any block of the
    ** same kind; put new ones in a fresh block. */
    Item *fresh = ast_item(L->a, block->kind, block->span);
    fresh->kw = block->kw;
    fresh->kw_span = block->kw_span;
    for (size_t e = 0; e < block->body.n; e++) {
        Item *entry = block->body.items[e];
        bool replaced = false;
        for (size_t i = 0; i < out->items.n && !replaced; i++) {
            Item *it = out->items.items[i];
            if (it->kind != block->kind)
                continue;
            for (size_t j = 0; j < it->body.n; j++) {
                if (strcmp(it->body.items[j]->name, entry->name) == 0) {
                    it->body.items[j] = entry;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            ast_item_push(L->a, &fresh->body, entry);
    }
    if (fresh->body.n)
        ast_item_push(L->a, &out->items, fresh);
}

/* Whether it is an 'ändra' or 'ta bort' of a scenario or a test inside a
** scenario being applied: scenarios change the rules, not one another, so
** it is skipped (scenarios_of_scenarios reported it). */
static bool scenario_of_scenarios(const Loader *L, const Item *it)
{
    return L->applying && (it->target == ITEM_SCENARIO || it->target == ITEM_TEST);
}

/* Reports each 'ändra' or 'ta bort' of a scenario or a test inside a
** scenario, where the scenario is declared, applied or not. */
static void scenarios_of_scenarios(Loader *L, const ItemList *scenarios)
{
    for (size_t i = 0; i < scenarios->n; i++) {
        const ItemList *body = &scenarios->items[i]->body;
        for (size_t j = 0; j < body->n; j++) {
            const Item *it = body->items[j];
            if ((it->kind == ITEM_CHANGE || it->kind == ITEM_REMOVE) && (it->target == ITEM_SCENARIO || it->target == ITEM_TEST))
                diag_error(L->d, it->kw_span, _("ett scenario ändrar reglerna, inte andra scenarier och tester: ändra eller ta bort %s '%s' i en fil som utökar regelfilen"),
                           ast_item_label(it->target), it->name);
        }
    }
}

/* Reports an 'ändra' or 'ta bort' of what a 'ta bort' before it (in this
** file or an earlier one) removed already; returns whether it did. */
static bool removed_already(Loader *L, const Module *out, const Item *it)
{
    for (size_t i = out->removed.n; i-- > 0;) {
        const Item *r = out->removed.items[i];
        if (r->target != it->target || strcmp(r->name, it->name) != 0)
            continue;
        diag_error(L->d, it->name_span, _("%s '%s' har redan tagits bort"), ast_item_label(it->target), it->name);
        diag_note(L->d, r->span, _("'%s' togs bort här"), it->name);
        return true;
    }
    return false;
}

/* The derived file's items applied to the base's. */
static Module *merge(Loader *L, Module *base, Module *derived)
{
    Module *out = arena_alloc(L->a, sizeof *out);
    out->path = derived->path;
    out->file = derived->file;
    out->incomplete = base->incomplete || derived->incomplete;
    for (size_t i = 0; i < base->items.n; i++)
        ast_item_push(L->a, &out->items, base->items.items[i]);
    for (size_t i = 0; i < base->removed.n; i++)   /* what earlier years removed, too */
        ast_item_push(L->a, &out->removed, base->removed.items[i]);
    for (size_t i = 0; i < derived->items.n; i++) {
        Item *it = derived->items.items[i];
        switch (it->kind) {
        case ITEM_EXTENDS:
            break;
        case ITEM_AGREEMENT: {
            bool replaced = false;
            for (size_t j = 0; j < out->items.n && !replaced; j++) {
                if (out->items.items[j]->kind == ITEM_AGREEMENT) {
                    out->items.items[j] = it;
                    replaced = true;
                }
            }
            if (!replaced)
                ast_item_push(L->a, &out->items, it);
            break;
        }
        case ITEM_FOCUS_AREAS: case ITEM_SCHEMA: case ITEM_TABLE:
            merge_named(L, out, it);
            break;
        case ITEM_CHANGE: {
            if (it->target == ITEM_TABLE) {
                Found f;
                if (!find_decl(&out->items, ITEM_TABLE, it->name, &f))
                    not_in_items(L, it, &out->items, base->path, false);
                else
                    f.list->items[f.index] = change_table(L, f.list->items[f.index], it);
                break;
            }
            if (it->target == ITEM_AGREEMENT) {
                for (size_t j = 0; j < out->items.n; j++) {
                    Item *ag = out->items.items[j];
                    if (ag->kind == ITEM_AGREEMENT) {
                        Item *n = apply_change(L, ag, it);
                        n->text = it->text;
                        n->text_span = it->text_span;
                        out->items.items[j] = n;
                    }
                }
                break;
            }
            if (scenario_of_scenarios(L, it))
                break;
            Found f;
            if (!find_decl(&out->items, it->target, it->name, &f)) {
                if (!removed_already(L, out, it))
                    not_in_items(L, it, &out->items, base->path, false);
                break;
            }
            Item *old = f.list->items[f.index];
            switch (it->target) {
            case ITEM_FOCUS: {
                /* The new label, under the name and at the place of the change. */
                Item *n = arena_alloc(L->a, sizeof *n);
                *n = *old;
                n->span = it->span;
                n->name_span = it->name_span;
                n->text = it->text;
                n->text_span = it->text_span;
                f.list->items[f.index] = n;
                break;
            }
            case ITEM_FIELD:
                f.list->items[f.index] = it->body.items[0];   /* the field as written in the change, whole */
                break;
            case ITEM_SCENARIO: case ITEM_TEST:
                f.list->items[f.index] = apply_block_change(L, old, it);
                break;
            default:
                f.list->items[f.index] = apply_change(L, old, it);
                break;
            }
            break;
        }
        case ITEM_REMOVE: {
            if (scenario_of_scenarios(L, it))
                break;
            Found f;
            if (!find_decl(&out->items, it->target, it->name, &f)) {
                if (!removed_already(L, out, it))
                    not_in_items(L, it, &out->items, base->path, true);
                break;
            }
            /* The record keeps what was removed (its only item), so that
            ** the checker can tell the values of a removed field. */
            Item *r = arena_alloc(L->a, sizeof *r);
            *r = *it;
            r->body = (ItemList){0};
            ast_item_push(L->a, &r->body, f.list->items[f.index]);
            list_remove(f.list, f.index);
            ast_item_push(L->a, &out->removed, r);
            break;
        }
        default: {
            Found f;
            if (is_decl(it->kind) && find_decl(&out->items, it->kind, it->name, &f)) {
                diag_error(L->d, it->name_span, _("%s '%s' finns redan i '%s'"), ast_item_label(it->kind), it->name,
                           base->path);
                diag_note(L->d, f.list->items[f.index]->name_span, _("den deklareras här; skriv 'ändra %s %s { … }' för att ändra den"),
                          kind_word(it->kind), it->name);
                break;
            }
            ast_item_push(L->a, &out->items, it);
            break;
        }
        }
    }
    return out;
}

/* Folder of a path, in the arena ("." for a bare file name). */
static const char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return arena_strndup(a, path, (size_t)(slash - path));
}

static Module *load_module(Loader *L, uint32_t file, Span from);

/* Parses an already-loaded file and applies its `utökar`, if any. */
static Module *load_parsed(Loader *L, uint32_t file)
{
    Module *m = parse_module(L->a, L->set, file, L->d, L->opt->trace_parse);
    const Item *ext = NULL;
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (it->kind == ITEM_EXTENDS) {
            if (ext) {
                diag_error(L->d, it->kw_span, _("en regelfil utökar en enda fil; det här är den andra 'utökar'"));
                diag_note(L->d, ext->kw_span, _("den första står här"));
                continue;
            }
            ext = it;
        } else if ((it->kind == ITEM_CHANGE || it->kind == ITEM_REMOVE) && !ext) {
            bool later = false;
            for (size_t j = i + 1; j < m->items.n; j++)
                later |= m->items.items[j]->kind == ITEM_EXTENDS;
            if (!later)
                diag_error(L->d, it->kw_span, _("'%s' ändrar en grundfil, men den här filen utökar ingen; lägg först till 'utökar \"…\"'"), it->kw);
        }
    }
    if (!ext)
        return m;
    const SourceFile *sf = source_get(L->set, file);
    const char *dir = dir_of(L->a, sf->path);
    const char *path = ext->text[0] == '/' || strcmp(dir, ".") == 0 ? ext->text : arena_printf(L->a, "%s/%s", dir, ext->text);
    /* From here on a failure leaves the file without its base: checks of
    ** the whole file would only report what the base would have given. */
    m->incomplete = true;
    if (L->root_dir && !L->opt->allow_outside_paths) {
        char *rd = realpath(L->root_dir, NULL), *rp = realpath(path, NULL);
        bool ok = !rp || (rd && strncmp(rp, rd, strlen(rd)) == 0 && (rp[strlen(rd)] == '/' || strcmp(rd, "/") == 0));
        free(rd);
        free(rp);
        if (!ok) {
            diag_error(L->d, ext->text_span, _("'%s' ligger utanför mappen för '%s'; håll en överenskommelses år i samma mapp, eller kör med --allow-outside-paths"),
                       ext->text, L->root_file);
            return m;
        }
    }
    char *real = realpath(path, NULL);
    for (int i = 0; real && i < L->depth; i++) {
        if (strcmp(L->chain[i], real) == 0) {
            char chain[1024];
            size_t at = 0;
            for (int j = 0; j < L->depth && at < sizeof chain; j++)
                at += (size_t)snprintf(chain + at, sizeof chain - at, "%s → ", L->names[j]);
            if (at < sizeof chain)
                snprintf(chain + at, sizeof chain - at, "%s", path);
            diag_error(L->d, ext->text_span, _("filerna utökar varandra i en cirkel: %s"), chain);
            free(real);
            return m;
        }
    }
    free(real);
    if (L->depth >= MAX_EXTENDS_DEPTH) {
        diag_error(L->d, ext->text_span, _("fler än %d filer utökar varandra"), MAX_EXTENDS_DEPTH);
        return m;
    }
    uint32_t base_file;
    if (!source_load(L->set, path, &base_file)) {
        diag_error(L->d, ext->text_span, _("kan inte läsa '%s': %s"), ext->text, source_load_error());
        return m;
    }
    Module *base = load_module(L, base_file, ext->text_span);
    if (!base)
        return m;
    m->incomplete = base->incomplete;
    Module *out = merge(L, base, m);
    if (L->depth == 1)   /* the rule file given, not one it extends: what it inherits unchanged */
        inherit_check(L->a, L->set, L->d, L->opt, base, m, out);
    return out;
}

static Module *load_module(Loader *L, uint32_t file, Span from)
{
    (void)from;
    const SourceFile *sf = source_get(L->set, file);
    char *real = realpath(sf->path, NULL);
    L->names[L->depth] = sf->path;
    L->chain[L->depth++] = real ? arena_strdup(L->a, real) : sf->path;
    free(real);
    Module *m = load_parsed(L, file);
    L->depth--;
    return m;
}

static void duplicate_test(Loader *L, const Item *it, const Item *first)
{
    diag_error(L->d, it->name_span, _("testet '%s' finns redan"), it->name);
    diag_note(L->d, first->name_span, _("testet '%s' deklareras första gången här"), it->name);
}

/* Moves the 'scenario' blocks of `from` into *list (checking that a file
** meant for scenarios holds nothing else). */
static void take_scenarios(Loader *L, Module *from, bool only_scenarios, ItemList *list, ItemList *tests)
{
    size_t kept = 0;
    for (size_t i = 0; i < from->items.n; i++) {
        Item *it = from->items.items[i];
        if (it->kind == ITEM_TEST && tests) {
            for (size_t j = 0; j < tests->n; j++) {
                if (strcmp(tests->items[j]->name, it->name) == 0) {
                    duplicate_test(L, it, tests->items[j]);
                    goto next;
                }
            }
            ast_item_push(L->a, tests, it);
            continue;
        }
        if (it->kind == ITEM_SCENARIO) {
            for (size_t j = 0; j < list->n; j++) {
                if (strcmp(list->items[j]->name, it->name) == 0) {
                    diag_error(L->d, it->name_span, _("scenariot '%s' finns redan"), it->name);
                    diag_note(L->d, list->items[j]->name_span, _("scenariot '%s' deklareras första gången här"), it->name);
                    goto next;
                }
            }
            ast_item_push(L->a, list, it);
        } else if (only_scenarios) {
            diag_error(L->d, it->kw_span, _("en scenario- eller testfil innehåller bara block med 'scenario' och 'test'; '%s' hör hemma i regelfilen"),
                       it->kw ? it->kw : ast_item_kind_name(it->kind));
        } else {
            from->items.items[kept++] = it;
        }
    next:;
    }
    from->items.n = kept;
}

static Module *load_extra(Loader *L, uint32_t file)
{
    Module *m = parse_module(L->a, L->set, file, L->d, L->opt->trace_parse);
    return m;
}

/* Reports each test run under a scenario ('scenario S') that a file
** extending another removed, at the test and at the removal. */
static void tests_of_removed_scenarios(Loader *L, const Module *m, const ItemList *scenarios, const ItemList *tests)
{
    for (size_t i = 0; i < tests->n; i++) {
        const Item *t = tests->items[i];
        for (size_t j = 0; j < t->body.n; j++) {
            const Item *u = t->body.items[j];
            if (u->kind != TEST_SCENARIO)
                continue;
            bool known = false;
            for (size_t k = 0; k < scenarios->n && !known; k++)
                known = strcmp(scenarios->items[k]->name, u->name) == 0;
            for (size_t k = m->removed.n; !known && k-- > 0;) {
                const Item *r = m->removed.items[k];
                if (r->target != ITEM_SCENARIO || strcmp(r->name, u->name) != 0)
                    continue;
                diag_error(L->d, u->name_span, _("testet '%s' körs med scenariot '%s', som inte finns"), t->name, u->name);
                diag_note(L->d, r->span, _("'%s' togs bort här; ta bort eller ändra testet '%s' också"), u->name, t->name);
                break;
            }
        }
    }
}

static Program *load(Arena *a, SourceSet *set, Diags *d, uint32_t file, const char *path, const LoadOptions *opt)
{
    static const LoadOptions defaults = {0};
    Loader L = {.a = a, .set = set, .d = d, .opt = opt ? opt : &defaults};
    L.root_dir = dir_of(a, path);
    L.root_file = path;
    Module *m = load_module(&L, file, SPAN_NONE);

    /* Scenarios come from the rule file, a scenario file and the command
    ** line; the baseline is the rule file without them. */
    ItemList scenarios = {0}, tests = {0};
    take_scenarios(&L, m, false, &scenarios, &tests);
    if (L.opt->test_file) {
        uint32_t tf;
        if (!source_load(set, L.opt->test_file, &tf))
            diag_error(d, SPAN_NONE, _("kan inte läsa testfilen '%s': %s"), L.opt->test_file, source_load_error());
        else
            take_scenarios(&L, load_extra(&L, tf), true, &scenarios, &tests);
    }
    if (L.opt->scenario_file) {
        uint32_t sf;
        if (!source_load(set, L.opt->scenario_file, &sf))
            diag_error(d, SPAN_NONE, _("kan inte läsa scenariofilen '%s': %s"), L.opt->scenario_file, source_load_error());
        else
            take_scenarios(&L, load_extra(&L, sf), true, &scenarios, &tests);
    }
    if (L.opt->scenario_text) {
        uint32_t sf = source_add(set, L.opt->scenario_text_name ? L.opt->scenario_text_name : "--set", L.opt->scenario_text,
                                 strlen(L.opt->scenario_text));
        take_scenarios(&L, load_extra(&L, sf), true, &scenarios, NULL);
    }
    const Item *applied = NULL;
    if (L.opt->scenario) {
        for (size_t i = 0; i < scenarios.n && !applied; i++)
            if (strcmp(scenarios.items[i]->name, L.opt->scenario) == 0)
                applied = scenarios.items[i];
        if (!applied) {
            char list[512] = "";
            size_t at = 0;
            for (size_t i = 0; i < scenarios.n && at < sizeof list; i++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", scenarios.items[i]->name);
            const char **names = arena_alloc(a, (scenarios.n + 1) * sizeof *names);
            for (size_t i = 0; i < scenarios.n; i++)
                names[i] = scenarios.items[i]->name;
            int g = text_closest(a, L.opt->scenario, names, scenarios.n);
            if (scenarios.n && g >= 0)
                diag_error(d, SPAN_NONE, _("det finns inget scenario '%s'; menade du '%s'? Scenarierna är: %s"), L.opt->scenario,
                           names[g], list);
            else if (scenarios.n)
                diag_error(d, SPAN_NONE, _("det finns inget scenario '%s'; scenarierna är: %s"), L.opt->scenario, list);
            else
                diag_error(d, SPAN_NONE, _("det finns inget scenario '%s': inget scenario är deklarerat"), L.opt->scenario);
        } else {
            Module derived = {.path = source_get(set, applied->span.file)->path, .file = applied->span.file};
            derived.items = applied->body;
            L.applying = applied;
            m = merge(&L, m, &derived);
            L.applying = NULL;
        }
    }
    if (!L.opt->scenario) {   /* once, with the baseline: validate loads each scenario again */
        tests_of_removed_scenarios(&L, m, &scenarios, &tests);
        scenarios_of_scenarios(&L, &scenarios);
    }
    Program *p = check_module(a, set, d, m, L.root_dir, L.opt);
    p->scenarios = arena_alloc(a, (scenarios.n + 1) * sizeof *p->scenarios);
    for (size_t i = 0; i < scenarios.n; i++)
        p->scenarios[i] = (Scenario){scenarios.items[i]->name, scenarios.items[i]->text, scenarios.items[i]->name_span,
                                     scenarios.items[i]};
    p->n_scenarios = scenarios.n;
    p->applied = applied ? applied->name : NULL;
    p->tests = tests.items;
    p->n_tests = tests.n;
    return p;
}

Program *program_load(Arena *a, SourceSet *set, Diags *d, const char *path, const LoadOptions *opt)
{
    uint32_t file;
    if (!source_load(set, path, &file)) {
        diag_error(d, SPAN_NONE, _("kan inte läsa regelfilen '%s': %s"), path, source_load_error());
        return NULL;
    }
    /* A rule file is text written by hand; anything this large is some
    ** other file given by mistake, and would only bury the user in errors. */
    if (source_get(set, file)->len > MAX_RULE_FILE_BYTES) {
        diag_error(d, SPAN_NONE, _("'%s' är större än %d MiB; är det verkligen en regelfil?"), path, MAX_RULE_FILE_BYTES >> 20);
        return NULL;
    }
    return load(a, set, d, file, path, opt);
}

Program *program_load_text(Arena *a, SourceSet *set, Diags *d, const char *path, const char *text, size_t len,
                           const LoadOptions *opt)
{
    uint32_t file = source_add(set, path, text, len);
    return load(a, set, d, file, path, opt);
}

/* Whether every change of a scenario is 'ändra pott X { belopp … }'. */
static bool changes_only_amounts(const Item *scenario)
{
    for (size_t i = 0; i < scenario->body.n; i++) {
        const Item *it = scenario->body.items[i];
        if (it->kind != ITEM_CHANGE || it->target != ITEM_POT || it->body.n != 1 || it->body.items[0]->kind != PROP_AMOUNT)
            return false;
    }
    return !scenario->broken;
}

Program *program_apply_amounts(Arena *a, Diags *d, const Program *base, const Scenario *s)
{
    if (!changes_only_amounts(s->block))
        return NULL;
    /* What load() does for such a scenario: merge() replaces each changed
    ** pot's 'belopp' (reporting a pot the base does not have, as here), and
    ** check_module finds everything but the amounts as in the base. A pot
    ** changed twice gets the last amount, as successive merges give it. */
    const ItemList *changes = &s->block->body;
    int *pots = arena_alloc(a, (changes->n + 1) * sizeof *pots);
    const Item **amounts = arena_alloc(a, (changes->n + 1) * sizeof *amounts);
    size_t n = 0;
    for (size_t i = 0; i < changes->n; i++) {
        const Item *it = changes->items[i];
        int k = program_find_pot(base, it->name);
        if (k < 0) {
            const char **names = arena_alloc(a, (base->n_pots + 1) * sizeof *names);
            for (size_t j = 0; j < base->n_pots; j++)
                names[j] = base->pots[j].name;
            not_in_base(a, d, it, base->path, false, names, base->n_pots);
            continue;
        }
        pots[n] = k;
        amounts[n++] = it->body.items[0];
    }
    Program *p = check_new_amounts(a, d, base, pots, amounts, n);
    p->path = source_get(base->sources, s->block->span.file)->path;   /* as load() names a merged scenario */
    p->applied = s->name;
    return p;
}

bool program_scenario_keeps_data(const Scenario *s)
{
    /* Listed by what may be there rather than by what may not, so a kind of
    ** change added to scenarios later is taken to change the data until
    ** shown otherwise. */
    for (size_t i = 0; i < s->block->body.n; i++) {
        const Item *it = s->block->body.items[i];
        if ((it->kind == ITEM_CHANGE || it->kind == ITEM_REMOVE) &&
            (it->target == ITEM_FIELD || it->target == ITEM_FOCUS || it->target == ITEM_TABLE))
            return false;   /* how the applications or the data are read */
        switch (it->kind) {
        case ITEM_CHANGE: case ITEM_REMOVE: case ITEM_POT: case ITEM_CRITERION: case ITEM_PRIORITY: case ITEM_PORTFOLIO:
            break;   /* rules over the applications, not how they are read */
        default:
            return false;
        }
    }
    return true;
}

void program_fields_read(const Expr *e, bool *seen)
{
    if (!e)
        return;
    if (e->kind == EXPR_NAME && e->ref_kind == REF_FIELD)
        seen[e->ref] = true;
    program_fields_read(e->a, seen);
    program_fields_read(e->b, seen);
    program_fields_read(e->c, seen);
    for (size_t i = 0; i < e->list.n; i++)
        program_fields_read(e->list.items[i], seen);
}

const char *program_span_text(Arena *a, const SourceSet *set, Span sp)
{
    const SourceFile *f = source_get(set, sp.file);
    return arena_strndup(a, f->bytes + sp.start, sp.end - sp.start);
}

bool program_pot_within(const Program *prog, int p, int ancestor)
{
    for (; p >= 0; p = prog->pots[p].parent)
        if (p == ancestor)
            return true;
    return false;
}

/* ---- dump ---- */

static void dump_ref(const Ref *r, FILE *out, int indent)
{
    if (r->source)
        fprintf(out, "%*skälla \"%s\"\n", indent, "", r->source);
    if (r->url)
        fprintf(out, "%*surl \"%s\"\n", indent, "", r->url);
    if (r->paragraph)
        fprintf(out, "%*sstycke \"%s\"\n", indent, "", r->paragraph);
    if (r->decision)
        fprintf(out, "%*sbeslut \"%s\"\n", indent, "", r->decision);
}

static void dump_type(const Program *p, Type t, FILE *out)
{
    char buf[64];
    if (t.kind == TY_ENUM || (t.kind == TY_SET && t.elem == TY_ENUM)) {
        fputs(t.kind == TY_SET ? "mängd av " : "en av ", out);
        const EnumDef *e = &p->enums[t.id];
        for (size_t i = 0; i < e->n; i++)
            fprintf(out, "%s%s", i ? " | " : "", e->values[i]);
    } else if (t.kind == TY_KEY) {
        fprintf(out, "nyckel i %s", t.id >= 0 ? p->tables[t.id].name : "?");
    } else {
        fputs(ast_type_name(t, buf, sizeof buf), out);
    }
}

static void dump_years(FILE *out, int from, int to, int indent)
{
    if (from && from == to)
        fprintf(out, "%*sår %d\n", indent, "", from);
    else if (from)
        fprintf(out, "%*speriod %d–%d\n", indent, "", from, to);
}

static void dump_scoped(const Program *p, int pot, FILE *out, int indent)
{
    for (size_t i = 0; i < p->n_criteria; i++) {
        const Criterion *c = &p->criteria[i];
        if (c->pot != pot)
            continue;
        fprintf(out, "%*svillkor %s: ", indent, "", c->name);
        ast_dump_expr(c->require, out);
        fprintf(out, "\n%*s  skäl \"%s\"\n", indent, "", c->reason ? c->reason : "");
        dump_ref(&c->ref, out, indent + 2);
    }
    for (size_t i = 0; i < p->n_priorities; i++) {
        const Priority *pr = &p->priorities[i];
        if (pr->pot != pot)
            continue;
        fprintf(out, "%*sprioritet %s: poäng ", indent, "", pr->name);
        ast_dump_expr(pr->score, out);
        if (pr->when) {
            fputs(" om ", out);
            ast_dump_expr(pr->when, out);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < p->n_portfolios; i++) {
        const Portfolio *pf = &p->portfolios[i];
        if (pf->pot != pot)
            continue;
        fprintf(out, "%*sportfölj %s%s\n", indent, "", pf->name, pf->binding ? " (bindande)" : "");
        for (size_t j = 0; j < pf->n_bounds; j++) {
            fprintf(out, "%*s%s ", indent + 2, "", pf->bounds[j].at_least ? "minst" : "högst");
            ast_dump_expr(pf->bounds[j].count, out);
            if (pf->bounds[j].where) {
                fputs(" där ", out);
                ast_dump_expr(pf->bounds[j].where, out);
            }
            fputc('\n', out);
        }
    }
}

static void dump_pot(const Program *p, int k, FILE *out)
{
    static const char *const SHARE[] = {"", "fast", "andel", "resten"};
    static const char *const METHOD[] = {"största_rest", "dhondt", "sainte_laguë"};
    static const char *const POLICY[] = {"ingen", "rangordning", "proportionell", "rättighet"};
    static const char *const LAST[] = {"delvis", "hoppa_över", "stopp"};
    static const char *const TIE[] = {"nyckel", "lägst_belopp", "högst_belopp", "inkommen"};
    const Pot *pot = &p->pots[k];
    int in = 2 * pot->depth;
    char buf[64];
    if (pot->round_of >= 0) {
        /* A second round has no amount of its own: what its pot leaves. */
        fprintf(out, "%*sandra omgång %s", in, "", pot->name);
        if (pot->label)
            fprintf(out, " \"%s\"", pot->label);
        fprintf(out, ": det som %s har kvar\n", p->pots[pot->round_of].name);
        if (pot->deadline)
            fprintf(out, "%*s  sista ansökningsdag \"%s\"\n", in, "", pot->deadline);
    } else {
    fprintf(out, "%*spott %s", in, "", pot->name);
    if (pot->label)
        fprintf(out, " \"%s\"", pot->label);
    fprintf(out, ": %s%s%s", pot->approx ? pot->approx : "", pot->approx ? " " : "", money_format(pot->amount, buf, sizeof buf));
    if (pot->share == SHARE_PERCENT)
        fprintf(out, " (%s)", percent_format(pot->percent, buf, sizeof buf));
    else if (pot->share != SHARE_ROOT)
        fprintf(out, " (%s)", SHARE[pot->share]);
    fputc('\n', out);
    }
    if (pot->manager)
        fprintf(out, "%*s  förvaltare \"%s\"\n", in, "", pot->manager);
    dump_years(out, pot->year_from, pot->year_to, in + 2);
    dump_ref(&pot->ref, out, in + 2);
    if (pot->has_split) {
        const Split *s = &pot->split;
        fprintf(out, "%*s  fördela per %s efter %s.%s, avrundning %s, metod %s", in, "",
                s->field >= 0 ? p->fields[s->field].name : "?", s->table >= 0 ? p->tables[s->table].name : "?",
                s->table >= 0 && s->column >= 0 ? p->tables[s->table].columns[s->column].name : "?",
                money_format(s->unit, buf, sizeof buf), METHOD[s->method]);
        if (s->method == APPORTION_SAINTE_LAGUE)
            fprintf(out, ", första divisor %" PRId64 "/%" PRId64, s->first_divisor.num, s->first_divisor.den);
        const SplitAmount *rules[] = {&s->base, &s->cap};
        const char *rule_word[] = {"grundbelopp", "tak"};
        for (int i = 0; i < 2; i++) {
            if (!rules[i]->set)
                continue;
            if (rules[i]->is_percent)
                fprintf(out, ", %s %" PRId64 "/%" PRId64 " av potten", rule_word[i], rules[i]->percent.num,
                        rules[i]->percent.den);
            else
                fprintf(out, ", %s %s", rule_word[i], money_format(rules[i]->amount, buf, sizeof buf));
        }
        if (s->has_threshold && s->threshold_is_percent)
            fprintf(out, ", spärr %" PRId64 "/%" PRId64 " av vikten", s->threshold_percent.num, s->threshold_percent.den);
        else if (s->has_threshold)
            fprintf(out, ", spärr %" PRId64, s->threshold_weight);
        if (s->min_units > 0)
            fprintf(out, ", minst %" PRId64 " enheter", s->min_units);
        fputc('\n', out);
    }
    if (pot->policy != POLICY_NONE) {
        fprintf(out, "%*s  tilldelning %s", in, "", POLICY[pot->policy]);
        if (pot->policy == POLICY_RANK)
            fprintf(out, ", sista %s", LAST[pot->last]);
        fputs(", vid lika", out);
        for (size_t i = 0; i < pot->n_tie_break; i++)
            fprintf(out, "%s %s", i ? "," : "", TIE[pot->tie_break[i]]);
        fputc('\n', out);
    }
    if (pot->cap_per_application)
        fprintf(out, "%*s  tak %s per ansökan\n", in, "", money_format(pot->cap_per_application, buf, sizeof buf));
    if (pot->cap_per_applicant)
        fprintf(out, "%*s  tak %s per %s\n", in, "", money_format(pot->cap_per_applicant, buf, sizeof buf),
                pot->cap_field >= 0 ? p->fields[pot->cap_field].name : "?");
    if (pot->min_grant)
        fprintf(out, "%*s  lägsta bidrag %s\n", in, "", money_format(pot->min_grant, buf, sizeof buf));
    if (pot->grant_unit > 1)
        fprintf(out, "%*s  avrundning %s\n", in, "", money_format(pot->grant_unit, buf, sizeof buf));
    if (pot->applies) {
        fprintf(out, "%*s  ansökningar där ", in, "");
        ast_dump_expr(pot->applies, out);
        fputc('\n', out);
    }
    if (pot->round >= 0)
        ; /* what it leaves goes to its round, dumped below with the round's 'kvar' */
    else if (pot->leftover == LEFTOVER_RETURNED)
        fprintf(out, "%*s  kvar återbetalas\n", in, "");
    else if (pot->leftover == LEFTOVER_MOVES)
        fprintf(out, "%*s  kvar flyttas till %s\n", in, "", pot->leftover_to >= 0 ? p->pots[pot->leftover_to].name : "?");
    dump_scoped(p, k, out, in + 2);
    for (size_t c = 0; c < pot->n_children; c++)
        dump_pot(p, pot->children[c], out);
    if (pot->round >= 0)
        dump_pot(p, pot->round, out);
}

void program_dump(const Program *p, FILE *out)
{
    fprintf(out, "överenskommelse \"%s\"\n", p->name ? p->name : "");
    dump_years(out, p->year_from, p->year_to, 2);
    dump_ref(&p->ref, out, 2);
    if (p->n_focus) {
        fputs("fokusområden\n", out);
        for (size_t i = 0; i < p->n_focus; i++)
            fprintf(out, "  %s \"%s\"\n", p->focus[i].name, p->focus[i].label);
    }
    for (size_t i = 0; i < p->n_tables; i++) {
        const Table *t = &p->tables[i];
        fprintf(out, "tabell %s från \"%s\"\n", t->name, t->file);
        for (size_t c = 0; c < t->n_columns; c++) {
            fprintf(out, "  %s%s: ", t->columns[c].key ? "nyckel " : "", t->columns[c].name);
            dump_type(p, t->columns[c].type, out);
            fprintf(out, " \"%s\"\n", t->columns[c].header);
        }
        dump_ref(&t->ref, out, 2);
    }
    if (p->n_fields) {
        fputs("ansökan\n", out);
        for (size_t i = 0; i < p->n_fields; i++) {
            const Field *f = &p->fields[i];
            fprintf(out, "  %s%s%s%s: ", f->flags & FIELD_KEY ? "nyckel " : "", f->flags & FIELD_REQUIRED ? "obligatorisk " : "",
                    f->flags & FIELD_REQUESTED ? "sökt " : "", f->name);
            dump_type(p, f->type, out);
            fprintf(out, " \"%s\"\n", f->column);
        }
    }
    dump_scoped(p, -1, out, 0);
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].parent < 0 && p->pots[k].round_of < 0)
            dump_pot(p, (int)k, out);
}
