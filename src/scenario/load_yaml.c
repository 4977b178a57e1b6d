/*
 * load_yaml.c -- the loader of the parley scenario language v1 (YAML); the
 * format is specified in docs/scenario-format.md.
 *
 * Three passes over the bytes.  First a UTF-8 check, so a bad byte is
 * reported at its own line and column.  Then libyaml's event parser scans
 * the stream and rejects anchors, aliases and extra documents before any
 * tree is built, so a "billion laughs" file or a cyclic alias costs
 * nothing.  Last, libyaml's document API builds the tree whose nodes carry
 * the line and column of every value, and the sections are read in
 * dependency order (sources before anything that cites them, actors and
 * issues before stances, ...) whatever their order in the file.
 *
 * Every problem becomes one diagnostic and reading goes on, so a file with
 * three mistakes gets three messages.  Only a failed allocation stops early.
 * libyaml allocates its own parser state and tree with malloc (it has no
 * allocator hook); everything the scenario keeps goes through the context.
 */
#include "scenario/scenario.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* One id of a list, for duplicate checks and lookups by binary search. */
typedef struct id_entry {
    const char *id;
    size_t index; /* position in its list (the issue, for options) */
    size_t sub;   /* the option's index inside its issue */
    unsigned line, col;
} id_entry;

typedef struct id_table {
    id_entry *e;
    size_t n, cap;
    int broken; /* the list itself was unusable: no "unknown id" errors */
} id_table;

typedef struct loader {
    parley_ctx *ctx;
    const char *file;
    yaml_document_t *doc;
    parley_scenario *s;
    parley_status status; /* the first error's status; ENOMEM overrides */
    int nomem;            /* an allocation failed: stop */
    int limit_hit;        /* a count limit was exceeded: stop */
    id_table sources, outcomes, actors, issues, options, variables;
} loader;

/* ---- positions and diagnostics ---------------------------------------- */

static unsigned to_unsigned(size_t v)
{
    return v >= UINT_MAX ? UINT_MAX : (unsigned)v;
}

/* Records an input error at a node (NULL: no position) and keeps the first
 * status.  Formats "file:line:col: message" through the context. */
static void report(loader *L, parley_status status, const yaml_node_t *at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(loader *L, parley_status status, const yaml_node_t *at,
                   const char *fmt, ...)
{
    va_list args;
    unsigned line = 0, col = 0;

    if (at) {
        line = to_unsigned(at->start_mark.line + 1);
        col = to_unsigned(at->start_mark.column + 1);
    }
    va_start(args, fmt);
    parley_i_verror(L->ctx, status, L->file, line, col, fmt, args);
    va_end(args);
    if (L->status == PARLEY_OK)
        L->status = status;
}

static void out_of_memory(loader *L)
{
    L->nomem = 1;
    L->status = parley_i_nomem(L->ctx);
}

/* 1 when no further diagnostic would be kept: skip costly suggestions. */
static int diagnostics_full(const loader *L)
{
    return L->ctx->n_diags >= L->ctx->limits.max_diagnostics;
}

/* 1-based line and column (in characters, as libyaml counts them) of a byte
 * offset. */
static void offset_position(const char *bytes, size_t len, size_t offset,
                            unsigned *line, unsigned *col)
{
    size_t i, l = 1, c = 1;

    for (i = 0; i < offset && i < len; i++) {
        if (bytes[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)bytes[i] & 0xC0) != 0x80) {
            c++; /* count characters, not continuation bytes */
        }
    }
    *line = to_unsigned(l);
    *col = to_unsigned(c);
}

/* ---- nodes -------------------------------------------------------------- */

static yaml_node_t *node(const loader *L, yaml_node_item_t id)
{
    return yaml_document_get_node(L->doc, id);
}

static int is_map(const yaml_node_t *n)
{
    return n && n->type == YAML_MAPPING_NODE;
}

static int is_seq(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE;
}

static int is_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE;
}

static const char *text(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* 1 if the scalar equals word exactly (no embedded NUL tricks). */
static int scalar_is(const yaml_node_t *n, const char *word)
{
    size_t len = strlen(word);

    return is_scalar(n) && n->data.scalar.length == len &&
           memcmp(n->data.scalar.value, word, len) == 0;
}

/* YAML's null: an empty plain scalar, ~ or null.  Treated as "not given". */
static int is_null(const yaml_node_t *n)
{
    if (!is_scalar(n) || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    return n->data.scalar.length == 0 || scalar_is(n, "~") ||
           scalar_is(n, "null") || scalar_is(n, "Null") ||
           scalar_is(n, "NULL");
}

/* A short description of a node for messages: "a map", "'abc'", ...
 * Control characters are shown escaped so a message stays on one line. */
static const char *describe(const yaml_node_t *n, char *buf, size_t cap)
{
    size_t len, i, used = 0;

    if (!n)
        return "nothing";
    if (n->type == YAML_MAPPING_NODE)
        return "a map";
    if (n->type == YAML_SEQUENCE_NODE)
        return "a list";
    if (is_null(n))
        return "empty";
    len = n->data.scalar.length;
    buf[used++] = '\'';
    for (i = 0; i < len && used + 8 < cap; i++) {
        unsigned char c = n->data.scalar.value[i];

        if (c == 0 || c == '\n' || c == '\t') {
            buf[used++] = '\\';
            buf[used++] = c == 0 ? '0' : c == '\n' ? 'n' : 't';
        } else {
            buf[used++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
        }
    }
    if (i < len) {
        while (used > 1 && ((unsigned char)buf[used - 1] & 0xC0) == 0x80)
            used--; /* do not end inside a UTF-8 character */
        if (used > 1 && ((unsigned char)buf[used - 1] & 0xC0) == 0xC0)
            used--;
        memcpy(buf + used, "...", 3);
        used += 3;
    }
    buf[used++] = '\'';
    buf[used] = '\0';
    return buf;
}

static size_t seq_len(const yaml_node_t *n)
{
    return (size_t)(n->data.sequence.items.top -
                    n->data.sequence.items.start);
}

static yaml_node_t *seq_item(const loader *L, const yaml_node_t *n, size_t i)
{
    return node(L, n->data.sequence.items.start[i]);
}

static size_t map_len(const yaml_node_t *n)
{
    return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

static yaml_node_t *pair_key(const loader *L, const yaml_node_t *n, size_t i)
{
    return node(L, n->data.mapping.pairs.start[i].key);
}

static yaml_node_t *pair_value(const loader *L, const yaml_node_t *n,
                               size_t i)
{
    return node(L, n->data.mapping.pairs.start[i].value);
}

/* The value of key in map, or NULL when absent or null. */
static yaml_node_t *get(const loader *L, const yaml_node_t *map,
                        const char *key)
{
    size_t i, n;

    if (!is_map(map))
        return NULL;
    n = map_len(map);
    for (i = 0; i < n; i++)
        if (scalar_is(pair_key(L, map, i), key)) {
            yaml_node_t *v = pair_value(L, map, i);

            return is_null(v) ? NULL : v;
        }
    return NULL;
}

/* ---- key checks --------------------------------------------------------- */

typedef struct key_ref {
    const yaml_node_t *key;
    size_t order;
} key_ref;

static int key_ref_cmp(const void *pa, const void *pb)
{
    const key_ref *a = pa, *b = pb;
    size_t la = a->key->data.scalar.length, lb = b->key->data.scalar.length;
    int c = memcmp(a->key->data.scalar.value, b->key->data.scalar.value,
                   la < lb ? la : lb);

    if (c)
        return c;
    if (la != lb)
        return la < lb ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

static int same_key(const yaml_node_t *a, const yaml_node_t *b)
{
    return a->data.scalar.length == b->data.scalar.length &&
           memcmp(a->data.scalar.value, b->data.scalar.value,
                  a->data.scalar.length) == 0;
}

/*
 * Reports keys that are not text and keys written twice in one map.  Small
 * maps are checked pair by pair; large ones through a sorted copy, so a
 * hostile map with a million keys costs n log n, not n squared.
 */
static void check_keys_unique(loader *L, const yaml_node_t *map,
                              const char *owner)
{
    size_t n = map_len(map), i, j, m = 0;
    key_ref *refs;
    char buf[64];

    for (i = 0; i < n; i++) {
        const yaml_node_t *k = pair_key(L, map, i);

        if (!is_scalar(k))
            report(L, PARLEY_EVALID, k, "a key in %s is %s, expected a name",
                   owner, describe(k, buf, sizeof buf));
    }
    if (n <= 16) {
        for (i = 1; i < n; i++) {
            const yaml_node_t *k = pair_key(L, map, i);

            if (!is_scalar(k))
                continue;
            for (j = 0; j < i; j++) {
                const yaml_node_t *first = pair_key(L, map, j);

                if (is_scalar(first) && same_key(first, k)) {
                    report(L, PARLEY_EVALID, k,
                           "duplicate key %s in %s (first at %u:%u), "
                           "expected each key once",
                           describe(k, buf, sizeof buf), owner,
                           to_unsigned(first->start_mark.line + 1),
                           to_unsigned(first->start_mark.column + 1));
                    break;
                }
            }
        }
        return;
    }
    refs = parley_i_alloc_array(L->ctx, n, sizeof *refs);
    if (!refs) {
        out_of_memory(L);
        return;
    }
    for (i = 0; i < n; i++) {
        const yaml_node_t *k = pair_key(L, map, i);

        if (is_scalar(k)) {
            refs[m].key = k;
            refs[m].order = i;
            m++;
        }
    }
    qsort(refs, m, sizeof *refs, key_ref_cmp);
    for (i = 1, j = 0; i < m; i++) {
        if (!same_key(refs[j].key, refs[i].key)) {
            j = i;
            continue;
        }
        report(L, PARLEY_EVALID, refs[i].key,
               "duplicate key %s in %s (first at %u:%u), expected each "
               "key once",
               describe(refs[i].key, buf, sizeof buf), owner,
               to_unsigned(refs[j].key->start_mark.line + 1),
               to_unsigned(refs[j].key->start_mark.column + 1));
    }
    parley_i_free(L->ctx, refs, n * sizeof *refs);
}

/*
 * Checks that node is a map whose keys all belong to `keys`, each once.
 * Unknown keys get a did-you-mean and the list of allowed keys.  Returns 1
 * if node is a map (even with bad keys: the known keys are still read).
 */
static int check_map(loader *L, const yaml_node_t *n, const char *owner,
                     const char *const *keys, size_t n_keys)
{
    size_t i, j, count;
    char buf[64];

    if (!is_map(n)) {
        report(L, PARLEY_EVALID, n, "%s is %s, expected a map", owner,
               describe(n, buf, sizeof buf));
        return 0;
    }
    count = map_len(n);
    for (i = 0; i < count; i++) {
        const yaml_node_t *k = pair_key(L, n, i);
        char list[512];
        size_t used = 0;
        const char *hint;

        if (!is_scalar(k))
            continue; /* reported by check_keys_unique */
        for (j = 0; j < n_keys; j++)
            if (scalar_is(k, keys[j]))
                break;
        if (j < n_keys)
            continue;
        if (diagnostics_full(L)) {
            report(L, PARLEY_EVALID, k, "unknown key");
            continue;
        }
        list[0] = '\0';
        for (j = 0; j < n_keys && used < sizeof list; j++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s",
                             j ? ", " : "", keys[j]);

            if (w < 0)
                break;
            used += (size_t)w;
        }
        hint = strlen(text(k)) == k->data.scalar.length
                   ? parley_i_suggest(text(k), keys, n_keys)
                   : NULL;
        if (hint)
            report(L, PARLEY_EVALID, k,
                   "unknown key %s in %s, did you mean '%s'? expected one "
                   "of: %s",
                   describe(k, buf, sizeof buf), owner, hint, list);
        else
            report(L, PARLEY_EVALID, k,
                   "unknown key %s in %s, expected one of: %s",
                   describe(k, buf, sizeof buf), owner, list);
    }
    check_keys_unique(L, n, owner);
    return 1;
}

/* The value of a required key, or NULL after reporting it missing. */
static yaml_node_t *need(loader *L, const yaml_node_t *map, const char *key,
                         const char *owner, const char *expected)
{
    yaml_node_t *v = get(L, map, key);

    if (!v && is_map(map))
        report(L, PARLEY_EVALID, map,
               "missing required key '%s' in %s, expected %s", key, owner,
               expected);
    return v;
}

/* ---- allocation --------------------------------------------------------- */

/* A zeroed array of n elements; NULL without error when n is 0 (the free
 * functions size arrays by their counts, so nothing is allocated for 0). */
static void *alloc_n(loader *L, size_t n, size_t size)
{
    void *p;

    if (n == 0 || L->nomem)
        return NULL;
    p = parley_i_alloc_array(L->ctx, n, size);
    if (!p)
        out_of_memory(L);
    return p;
}

/* ---- id tables ---------------------------------------------------------- */

static void table_add(loader *L, id_table *t, const char *id, size_t index,
                      size_t sub, const yaml_node_t *at)
{
    id_entry *e;

    if (!id || L->nomem)
        return;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        id_entry *grown;

        if (cap > ((size_t)-1) / sizeof *grown) {
            out_of_memory(L);
            return;
        }
        grown = parley_i_realloc(L->ctx, t->e, t->cap * sizeof *grown,
                                 cap * sizeof *grown);
        if (!grown) {
            out_of_memory(L);
            return;
        }
        t->e = grown;
        t->cap = cap;
    }
    e = &t->e[t->n++];
    e->id = id;
    e->index = index;
    e->sub = sub;
    e->line = at ? to_unsigned(at->start_mark.line + 1) : 0;
    e->col = at ? to_unsigned(at->start_mark.column + 1) : 0;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const id_entry *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);

    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->col < b->col ? -1 : (a->col > b->col);
}

/* Sorts the table and reports every id used twice, at the later use. */
static void table_finish(loader *L, id_table *t, const char *kind)
{
    size_t i, first = 0;

    if (t->n > 1)
        qsort(t->e, t->n, sizeof *t->e, entry_cmp);
    for (i = 1; i < t->n; i++) {
        if (strcmp(t->e[first].id, t->e[i].id) != 0) {
            first = i;
            continue;
        }
        parley_i_error(L->ctx, PARLEY_EVALID, L->file, t->e[i].line,
                       t->e[i].col,
                       "duplicate %s id '%s' (first at %u:%u), expected "
                       "unique %s ids",
                       kind, t->e[i].id, t->e[first].line, t->e[first].col,
                       kind);
        if (L->status == PARLEY_OK)
            L->status = PARLEY_EVALID;
    }
}

static void table_free(loader *L, id_table *t)
{
    parley_i_free(L->ctx, t->e, t->cap * sizeof *t->e);
    t->e = NULL;
    t->n = t->cap = 0;
}

/* Finishes a list's own id table (duplicates are reported unless memory ran
 * out) and frees it. */
static void table_close(loader *L, id_table *t, const char *kind)
{
    if (!L->nomem)
        table_finish(L, t, kind);
    table_free(L, t);
}

/* The first entry with this id, or NULL. */
static const id_entry *table_find(const id_table *t, const char *id)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(t->e[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && strcmp(t->e[lo].id, id) == 0 ? &t->e[lo] : NULL;
}

/* The nearest id in the table (same rule as parley_i_suggest). */
static const char *table_suggest(const id_table *t, const char *word)
{
    size_t best = (size_t)-1, i, limit = strlen(word) / 3;
    const char *found = NULL;

    if (limit < 2)
        limit = 2;
    for (i = 0; i < t->n; i++) {
        size_t d = parley_i_levenshtein(word, t->e[i].id);

        if (d < best) {
            best = d;
            found = t->e[i].id;
        }
    }
    return best <= limit ? found : NULL;
}

/*
 * Resolves a reference to an id of `t`.  Reports an unknown id (with a
 * did-you-mean) unless the list itself was broken.  Returns 1 and sets *out
 * when found; *out is left alone otherwise.
 */
static int resolve(loader *L, id_table *t, const char *kind,
                   const char *section, const yaml_node_t *v,
                   const char *owner, size_t *out)
{
    const id_entry *e;
    const char *hint;
    char buf[64];

    if (!is_scalar(v) || is_null(v)) {
        report(L, PARLEY_EVALID, v, "%s in %s is %s, expected the id of %s %s",
               kind, owner, describe(v, buf, sizeof buf),
               strchr("aeiou", kind[0]) ? "an" : "a", kind);
        return 0;
    }
    e = strlen(text(v)) == v->data.scalar.length ? table_find(t, text(v))
                                                 : NULL;
    if (e) {
        *out = e->index;
        return 1;
    }
    if (t->broken)
        return 0;
    hint = diagnostics_full(L) ? NULL : table_suggest(t, text(v));
    if (hint)
        report(L, PARLEY_EVALID, v,
               "unknown %s %s in %s, did you mean '%s'? expected an id "
               "declared under %s",
               kind, describe(v, buf, sizeof buf), owner, hint, section);
    else
        report(L, PARLEY_EVALID, v,
               "unknown %s %s in %s, expected an id declared under %s", kind,
               describe(v, buf, sizeof buf), owner, section);
    return 0;
}

/*
 * Resolves an option id on issue k.  An option of another issue gets a
 * message naming its issue.
 */
static int resolve_option(loader *L, size_t k, const yaml_node_t *v,
                          const char *owner, size_t *out)
{
    const parley_issue *is;
    const id_entry *e = NULL;
    const char *hint = NULL, *best = NULL;
    size_t j, dist = (size_t)-1, limit;
    char buf[64];

    /* an unresolved issue (its error is already reported) has no options
     * to look in */
    if (k >= L->s->n_issues)
        return 0;
    is = &L->s->issues[k];
    if (!is_scalar(v) || is_null(v)) {
        report(L, PARLEY_EVALID, v,
               "option in %s is %s, expected an option id of issue '%s'",
               owner, describe(v, buf, sizeof buf), is->id);
        return 0;
    }
    if (strlen(text(v)) == v->data.scalar.length)
        e = table_find(&L->options, text(v));
    if (e && e->index == k) {
        *out = e->sub;
        return 1;
    }
    if (e) {
        report(L, PARLEY_EVALID, v,
               "option %s in %s belongs to issue '%s', expected an option "
               "of issue '%s'",
               describe(v, buf, sizeof buf), owner,
               L->s->issues[e->index].id, is->id);
        return 0;
    }
    if (is->n_options == 0) {
        report(L, PARLEY_EVALID, v,
               "option %s in %s: issue '%s' has no options, expected an "
               "issue with options",
               describe(v, buf, sizeof buf), owner, is->id);
        return 0;
    }
    limit = strlen(text(v)) / 3;
    if (limit < 2)
        limit = 2;
    for (j = 0; j < is->n_options && !diagnostics_full(L); j++) {
        size_t d;

        if (!is->options[j].id)
            continue;
        d = parley_i_levenshtein(text(v), is->options[j].id);
        if (d < dist) {
            dist = d;
            best = is->options[j].id;
        }
    }
    if (dist <= limit)
        hint = best;
    if (hint)
        report(L, PARLEY_EVALID, v,
               "unknown option %s in %s, did you mean '%s'? expected an "
               "option id of issue '%s'",
               describe(v, buf, sizeof buf), owner, hint, is->id);
    else
        report(L, PARLEY_EVALID, v,
               "unknown option %s in %s, expected an option id of issue "
               "'%s'",
               describe(v, buf, sizeof buf), owner, is->id);
    return 0;
}

/* ---- scalars ------------------------------------------------------------ */

/* Copies a text value into *out.  Returns 1 on success or when v is NULL. */
static int take_text(loader *L, const yaml_node_t *v, const char *key,
                     const char *owner, char **out)
{
    char buf[64];

    if (!v)
        return 1;
    if (!is_scalar(v)) {
        report(L, PARLEY_EVALID, v, "'%s' of %s is %s, expected text", key,
               owner, describe(v, buf, sizeof buf));
        return 0;
    }
    if (strlen(text(v)) != v->data.scalar.length) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s contains a NUL character, expected text "
               "without one",
               key, owner);
        return 0;
    }
    *out = parley_i_strndup(L->ctx, text(v), v->data.scalar.length);
    if (!*out) {
        out_of_memory(L);
        return 0;
    }
    return 1;
}

static int opt_text(loader *L, const yaml_node_t *map, const char *key,
                    const char *owner, char **out)
{
    return take_text(L, get(L, map, key), key, owner, out);
}

/* 1 if c may appear in an id. */
static int id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/*
 * Reads the required `id` of a list item into *out.  `owner` names the item
 * by position ("actor #3"), since its id is not known yet.
 */
static int take_id(loader *L, const yaml_node_t *map, const char *owner,
                   char **out)
{
    char buf[64];
    const yaml_node_t *v;
    size_t i, len;

    v = need(L, map, "id", owner, "an id of letters, digits, '_', '.', '-'");
    if (!v)
        return 0;
    if (!is_scalar(v)) {
        report(L, PARLEY_EVALID, v, "'id' of %s is %s, expected an id of "
               "letters, digits, '_', '.', '-'",
               owner, describe(v, buf, sizeof buf));
        return 0;
    }
    len = v->data.scalar.length;
    for (i = 0; i < len; i++)
        if (!id_char(text(v)[i]))
            break;
    if (i < len || len > 63) {
        report(L, PARLEY_EVALID, v,
               "id %s of %s is not a valid id, expected 1 to 63 letters, "
               "digits, '_', '.' or '-' (like RU or T_DONBAS)",
               describe(v, buf, sizeof buf), owner);
        return 0;
    }
    *out = parley_i_strndup(L->ctx, text(v), len);
    if (!*out) {
        out_of_memory(L);
        return 0;
    }
    return 1;
}

/* "a number from 0 to 100" and friends. */
static const char *range_text(double lo, double hi, char *buf, size_t cap)
{
    if (isfinite(lo) && isfinite(hi))
        snprintf(buf, cap, "a number from %g to %g", lo, hi);
    else if (isfinite(lo))
        snprintf(buf, cap, "a number >= %g", lo);
    else if (isfinite(hi))
        snprintf(buf, cap, "a number <= %g", hi);
    else
        snprintf(buf, cap, "a number");
    return buf;
}

/*
 * Reads a plain number from a scalar and checks it lies in [lo, hi].
 * Quoted scalars are text in YAML and are refused.  Returns 1 if valid.
 */
static int take_double(loader *L, const yaml_node_t *v, const char *key,
                       const char *owner, double lo, double hi, double *out)
{
    char buf[64], expect[96];
    double d;

    range_text(lo, hi, expect, sizeof expect);
    if (is_scalar(v) && v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
        strlen(text(v)) == v->data.scalar.length &&
        parley_i_parse_double(text(v), &d)) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is the quoted text %s, expected %s (without "
               "quotes)",
               key, owner, describe(v, buf, sizeof buf), expect);
        return 0;
    }
    if (!is_scalar(v) || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        strlen(text(v)) != v->data.scalar.length ||
        !parley_i_parse_double(text(v), &d)) {
        report(L, PARLEY_EVALID, v, "'%s' of %s is %s, expected %s", key,
               owner, describe(v, buf, sizeof buf), expect);
        return 0;
    }
    if (d < lo || d > hi) {
        report(L, PARLEY_EVALID, v, "'%s' of %s is %g, expected %s", key,
               owner, d, expect);
        return 0;
    }
    *out = d;
    return 1;
}

/* An optional plain number: 1 read, 0 absent, -1 invalid. */
static int opt_double(loader *L, const yaml_node_t *map, const char *key,
                      const char *owner, double lo, double hi, double *out)
{
    const yaml_node_t *v = get(L, map, key);

    if (!v)
        return 0;
    return take_double(L, v, key, owner, lo, hi, out) ? 1 : -1;
}

/* An integer in [lo, hi]. */
static int take_int(loader *L, const yaml_node_t *v, const char *key,
                    const char *owner, long lo, long hi, long *out)
{
    double d;

    if (!take_double(L, v, key, owner, -INFINITY, INFINITY, &d))
        return 0;
    if (d != floor(d) || d < (double)lo || d > (double)hi) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is %g, expected a whole number from %ld to %ld",
               key, owner, d, lo, hi);
        return 0;
    }
    *out = (long)d;
    return 1;
}

/* true/false; 1 read, 0 absent, -1 invalid. */
static int opt_bool(loader *L, const yaml_node_t *map, const char *key,
                    const char *owner, int *out)
{
    const yaml_node_t *v = get(L, map, key);
    char buf[64];

    if (!v)
        return 0;
    if (v->type == YAML_SCALAR_NODE &&
        v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (scalar_is(v, "true") || scalar_is(v, "True") ||
            scalar_is(v, "TRUE")) {
            *out = 1;
            return 1;
        }
        if (scalar_is(v, "false") || scalar_is(v, "False") ||
            scalar_is(v, "FALSE")) {
            *out = 0;
            return 1;
        }
    }
    report(L, PARLEY_EVALID, v, "'%s' of %s is %s, expected true or false",
           key, owner, describe(v, buf, sizeof buf));
    return -1;
}

/* One of a fixed set of words; returns its index or -1 after reporting.
 * `letters` (may be NULL) are one-letter aliases of the same words. */
static int take_word(loader *L, const yaml_node_t *v, const char *key,
                     const char *owner, const char *const *words, size_t n,
                     const char *const *letters)
{
    char list[256], buf[64];
    size_t i, used = 0;
    const char *hint;

    for (i = 0; i < n && is_scalar(v); i++)
        if (scalar_is(v, words[i]) || (letters && scalar_is(v, letters[i])))
            return (int)i;
    list[0] = '\0';
    for (i = 0; i < n && used < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s",
                         i ? ", " : "", words[i]);

        if (w < 0)
            break;
        used += (size_t)w;
    }
    hint = is_scalar(v) && !diagnostics_full(L) &&
                   strlen(text(v)) == v->data.scalar.length
               ? parley_i_suggest(text(v), words, n)
               : NULL;
    if (hint)
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is %s, did you mean '%s'? expected one of: %s",
               key, owner, describe(v, buf, sizeof buf), hint, list);
    else
        report(L, PARLEY_EVALID, v, "'%s' of %s is %s, expected one of: %s",
               key, owner, describe(v, buf, sizeof buf), list);
    return -1;
}

static const char *const flag_words[] = {"stated", "derived", "estimate",
                                         "outside"};
static const char *const flag_letters[] = {"S", "D", "E", "X"};
static const char *const kind_words[] = {"seed", "paper", "data", "estimate",
                                         "outside"};

/* An optional flag: 1 read, 0 absent, -1 invalid. */
static int opt_flag(loader *L, const yaml_node_t *map, const char *key,
                    const char *owner, parley_flag *out)
{
    const yaml_node_t *v = get(L, map, key);
    int w;

    if (!v)
        return 0;
    w = take_word(L, v, key, owner, flag_words, N_OF(flag_words),
                  flag_letters);
    if (w < 0)
        return -1;
    *out = (parley_flag)(w + 1);
    return 1;
}

/*
 * An optional source reference into *out.  Returns 1 read, 0 absent, -1
 * given but unknown (reported).
 */
static int opt_source(loader *L, const yaml_node_t *map, const char *key,
                      const char *owner, size_t *out)
{
    const yaml_node_t *v = get(L, map, key);

    if (!v)
        return 0;
    return resolve(L, &L->sources, "source", "sources", v, owner, out) ? 1
                                                                       : -1;
}

/*
 * The citation rule: a value flagged stated or derived must cite a source
 * of kind seed, paper or data; a source of kind estimate backs only flag
 * estimate.  Without a flag, an estimate or outside source sets the flag.
 * `source_state` is what opt_source returned (-1: already reported).
 */
static void check_citation(loader *L, const yaml_node_t *at,
                           const char *owner, parley_flag *flag,
                           size_t source, int source_state)
{
    parley_source_kind kind;

    if (source_state < 0)
        return;
    if (source == PARLEY_NO_INDEX) {
        if (*flag == PARLEY_FLAG_STATED || *flag == PARLEY_FLAG_DERIVED)
            report(L, PARLEY_EVALID, at,
                   "%s is flagged '%s' but cites no source, expected a "
                   "source of kind seed, paper or data",
                   owner, flag_words[*flag - 1]);
        return;
    }
    kind = L->s->sources[source].kind;
    if (*flag == PARLEY_FLAG_NONE) {
        if (kind == PARLEY_SOURCE_ESTIMATE)
            *flag = PARLEY_FLAG_ESTIMATE;
        else if (kind == PARLEY_SOURCE_OUTSIDE)
            *flag = PARLEY_FLAG_OUTSIDE;
        return;
    }
    if ((*flag == PARLEY_FLAG_STATED || *flag == PARLEY_FLAG_DERIVED) &&
        kind != PARLEY_SOURCE_SEED && kind != PARLEY_SOURCE_PAPER &&
        kind != PARLEY_SOURCE_DATA)
        report(L, PARLEY_EVALID, at,
               "%s is flagged '%s' but cites source '%s' of kind '%s', "
               "expected a source of kind seed, paper or data",
               owner, flag_words[*flag - 1], L->s->sources[source].id,
               kind_words[kind]);
    else if (kind == PARLEY_SOURCE_ESTIMATE && *flag != PARLEY_FLAG_ESTIMATE)
        report(L, PARLEY_EVALID, at,
               "%s is flagged '%s' but cites the estimate source '%s', "
               "expected flag estimate (or a seed, paper or data source)",
               owner, flag_words[*flag - 1], L->s->sources[source].id);
}

/*
 * The optional "flag" and "source" keys of a cited entry, held to the
 * citation rule against each other.
 */
static void opt_cited(loader *L, const yaml_node_t *map, const char *owner,
                      parley_flag *flag, size_t *source)
{
    int state;

    opt_flag(L, map, "flag", owner, flag);
    state = opt_source(L, map, "source", owner, source);
    check_citation(L, map, owner, flag, *source, state);
}

/* ---- numbers with uncertainty and citations ----------------------------- */

static const char *const num_keys[] = {"value", "mode", "low", "high",
                                       "source", "flag", "note"};

static parley_num num_unset(void)
{
    parley_num n;

    memset(&n, 0, sizeof n);
    n.source = PARLEY_NO_INDEX;
    return n;
}

/*
 * Reads a num: a plain number, {value|mode, source, flag, note} or
 * {low, mode, high, source, flag, note}.  Every given number must lie in
 * [lo, hi].  flag and source, when given, replace the inherited ones
 * already in *out.  Returns 1 if the value is usable.
 */
static int take_num(loader *L, const yaml_node_t *v, const char *key,
                    const char *owner, double lo, double hi, parley_num *out)
{
    parley_num n = *out;
    char sub[192], buf[64], expect[96];
    const yaml_node_t *mode, *low, *high;
    int ok = 1, source_state = 0;

    n.present = 1;
    n.uncertain = 0;
    n.line = to_unsigned(v->start_mark.line + 1);
    n.col = to_unsigned(v->start_mark.column + 1);
    snprintf(sub, sizeof sub, "'%s' of %s", key, owner);
    if (is_scalar(v)) {
        ok = take_double(L, v, key, owner, lo, hi, &n.mode);
        n.low = n.high = n.mode;
        if (ok)
            check_citation(L, v, sub, &n.flag, n.source, 1);
        *out = n;
        return ok;
    }
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "%s is %s, expected %s or {low, mode, high}", sub,
               describe(v, buf, sizeof buf),
               range_text(lo, hi, expect, sizeof expect));
        *out = n;
        return 0;
    }
    check_map(L, v, sub, num_keys, N_OF(num_keys));
    mode = get(L, v, "value");
    if (get(L, v, "mode")) {
        if (mode) {
            report(L, PARLEY_EVALID, get(L, v, "mode"),
                   "%s gives both 'value' and 'mode', expected one of them",
                   sub);
            ok = 0;
        }
        mode = get(L, v, "mode");
    }
    low = get(L, v, "low");
    high = get(L, v, "high");
    if (!mode) {
        report(L, PARLEY_EVALID, v,
               "missing required key 'value' in %s, expected {value: x} "
               "or {low, mode, high}",
               sub);
        ok = 0;
    } else if (!take_double(L, mode, mode == get(L, v, "mode") ? "mode"
                                                               : "value",
                            sub, lo, hi, &n.mode)) {
        ok = 0;
    }
    n.low = n.high = n.mode;
    if (low || high) {
        if (!low || !high) {
            report(L, PARLEY_EVALID, v,
                   "%s gives only '%s', expected both 'low' and 'high'", sub,
                   low ? "low" : "high");
            ok = 0;
        } else {
            ok &= take_double(L, low, "low", sub, lo, hi, &n.low);
            ok &= take_double(L, high, "high", sub, lo, hi, &n.high);
            n.uncertain = 1;
            if (ok && !(n.low <= n.mode && n.mode <= n.high)) {
                report(L, PARLEY_EVALID, v,
                       "%s has low %g, mode %g, high %g, expected low <= "
                       "mode <= high",
                       sub, n.low, n.mode, n.high);
                ok = 0;
            }
        }
    }
    if (opt_flag(L, v, "flag", sub, &n.flag) < 0)
        ok = 0;
    source_state = opt_source(L, v, "source", sub, &n.source);
    {
        char *note = NULL;

        if (!opt_text(L, v, "note", sub, &note))
            ok = 0;
        parley_i_strfree(L->ctx, note); /* nums keep no note */
    }
    check_citation(L, v, sub, &n.flag, n.source, source_state);
    *out = n;
    return ok;
}

/* A required or optional num under `key`; absent optional -> untouched. */
static int get_num(loader *L, const yaml_node_t *map, const char *key,
                   const char *owner, double lo, double hi, int required,
                   parley_num *out)
{
    const yaml_node_t *v = get(L, map, key);
    char expect[96];

    if (!v) {
        if (required)
            need(L, map, key, owner, range_text(lo, hi, expect, sizeof expect));
        return 0;
    }
    return take_num(L, v, key, owner, lo, hi, out);
}

/* ---- lists ---------------------------------------------------------------- */

/* Checks that v is a list; returns its length or 0 (with *ok = 0). */
static size_t list_of(loader *L, const yaml_node_t *v, const char *key,
                      const char *owner, int *ok)
{
    char buf[64];

    *ok = 1;
    if (!v)
        return 0;
    if (!is_seq(v)) {
        report(L, PARLEY_EVALID, v, "'%s' of %s is %s, expected a list", key,
               owner, describe(v, buf, sizeof buf));
        *ok = 0;
        return 0;
    }
    return seq_len(v);
}

/*
 * A zeroed array for the items of the optional list v ('key' of owner), its
 * length in *n; NULL when v is absent, empty or not a list (reported), or
 * memory ran out.  A list that later sections refer to passes its id table
 * as broken, marked when v is not a list; others pass NULL.
 */
static void *list_alloc(loader *L, const yaml_node_t *v, const char *key,
                        const char *owner, size_t size, size_t *n,
                        id_table *broken)
{
    int ok;

    *n = list_of(L, v, key, owner, &ok);
    if (!ok && broken)
        broken->broken = 1;
    return alloc_n(L, *n, size);
}

/*
 * The length of a list the scenario cannot do without (actors, issues):
 * 0 after a report when it is missing, not a list, empty or longer than
 * limit.  A list that is missing, not a list or over the limit marks its
 * id table broken, so references into it raise no "unknown id" errors.
 */
static size_t required_list(loader *L, const yaml_node_t *v, const char *key,
                            const char *kind, size_t limit, id_table *ids)
{
    size_t n;
    int ok;

    n = list_of(L, v, key, "the scenario", &ok);
    if (!ok || !v) {
        ids->broken = 1;
        return 0;
    }
    if (n == 0) {
        report(L, PARLEY_EVALID, v, "'%s' is empty, expected at least one %s",
               key, kind);
        return 0;
    }
    if (n > limit) {
        report(L, PARLEY_ELIMIT, v,
               "%zu %s exceed the limit of %zu, expected fewer (raise "
               "it with --max-%s)",
               n, key, limit, key);
        ids->broken = 1;
        L->limit_hit = 1;
        return 0;
    }
    return n;
}

/*
 * Opens item i (from 0) of a list of kind: names it "kind #i+1" in
 * owner[cap], checks that it is a map of known keys and takes its id, after
 * which owner reads "kind 'id'".  Returns 0 when the item is not a usable
 * map, so the caller skips it.  A list that later sections refer to passes
 * its id table as broken, marked when the item or its id is unusable;
 * others pass NULL.
 */
static int open_item(loader *L, const yaml_node_t *item, const char *kind,
                     size_t i, const char *const *keys, size_t n_keys,
                     char **id, char *owner, size_t cap, id_table *broken)
{
    snprintf(owner, cap, "%s #%zu", kind, i + 1);
    if (!check_map(L, item, owner, keys, n_keys)) {
        if (broken)
            broken->broken = 1;
        return 0;
    }
    if (take_id(L, item, owner, id))
        snprintf(owner, cap, "%s '%s'", kind, *id);
    else if (broken)
        broken->broken = 1;
    return 1;
}

/* A YYYY-MM month as months since year 0, or -1. */
static long parse_month(const yaml_node_t *v)
{
    const char *t;
    long year = 0, month;
    int i;

    if (!is_scalar(v) || v->data.scalar.length != 7)
        return -1;
    t = text(v);
    for (i = 0; i < 7; i++) {
        if (i == 4) {
            if (t[i] != '-')
                return -1;
        } else if (t[i] < '0' || t[i] > '9') {
            return -1;
        }
    }
    for (i = 0; i < 4; i++)
        year = year * 10 + (t[i] - '0');
    month = (t[5] - '0') * 10 + (t[6] - '0');
    if (month < 1 || month > 12)
        return -1;
    return year * 12 + month - 1;
}

/* ---- sections ----------------------------------------------------------- */

static const char *const source_keys[] = {"id",   "kind", "title", "file",
                                          "date", "url",  "note"};

static void read_sources(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    size_t n, i;

    s->sources = list_alloc(L, v, "sources", "the scenario",
                            sizeof *s->sources, &n, &L->sources);
    if (!s->sources)
        return;
    s->n_sources = n;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_source *src = &s->sources[i];
        const yaml_node_t *item = seq_item(L, v, i), *kind;
        char owner[96], *note = NULL;
        int w;

        src->kind = PARLEY_SOURCE_ESTIMATE;
        if (!open_item(L, item, "source", i, source_keys, N_OF(source_keys),
                       &src->id, owner, sizeof owner, &L->sources))
            continue;
        kind = need(L, item, "kind", owner,
                    "one of: seed, paper, data, estimate, outside");
        if (kind) {
            w = take_word(L, kind, "kind", owner, kind_words,
                          N_OF(kind_words), NULL);
            if (w >= 0)
                src->kind = (parley_source_kind)w;
        }
        opt_text(L, item, "title", owner, &src->title);
        opt_text(L, item, "file", owner, &src->file);
        opt_text(L, item, "date", owner, &src->date);
        opt_text(L, item, "url", owner, &src->url);
        opt_text(L, item, "note", owner, &note);
        parley_i_strfree(L->ctx, note);
        table_add(L, &L->sources, src->id, i, 0, item);
    }
    if (!L->nomem)
        table_finish(L, &L->sources, "source");
}

static const char *const outcome_keys[] = {"id",   "name", "note",
                                           "source", "when", "default"};

static void read_outcomes(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    size_t n, i;

    s->outcome_types = list_alloc(L, v, "outcomes", "the scenario",
                                  sizeof *s->outcome_types, &n, &L->outcomes);
    if (!s->outcome_types)
        return;
    s->n_outcome_types = n;
    for (i = 0; i < n; i++)
        s->outcome_types[i].source = PARLEY_NO_INDEX;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_outcome_type *o = &s->outcome_types[i];
        const yaml_node_t *item = seq_item(L, v, i);
        char owner[96];

        if (!open_item(L, item, "outcome", i, outcome_keys,
                       N_OF(outcome_keys), &o->id, owner, sizeof owner,
                       &L->outcomes))
            continue;
        opt_text(L, item, "name", owner, &o->name);
        opt_text(L, item, "note", owner, &o->note);
        opt_source(L, item, "source", owner, &o->source);
        table_add(L, &L->outcomes, o->id, i, 0, item);
    }
    if (!L->nomem)
        table_finish(L, &L->outcomes, "outcome");
}

static const char *const actor_keys[] = {
    "id",          "name",   "role", "capability", "risk",
    "reservation", "tactic", "source", "note"};
static const char *const tactic_keys[] = {"kind", "exponent", "note"};
static const char *const tactic_words[] = {"linear", "boulware", "conceder",
                                           "hardheaded"};

/*
 * An actor's concession tactic (docs/models/simulation.md): a word
 * (linear or hardheaded), or {kind, exponent, note} where boulware needs
 * an exponent 0 < e < 1 and conceder e > 1, a point value (it shapes a
 * protocol, it is not drawn).  The numbers follow parley_tactic_kind.
 */
static void read_tactic(loader *L, parley_actor *a, const yaml_node_t *item,
                        const char *owner)
{
    const yaml_node_t *v = get(L, item, "tactic"), *kind;
    parley_num e = num_unset();
    char sub[160], *note = NULL;
    int w;

    if (!v)
        return;
    snprintf(sub, sizeof sub, "the tactic of %s", owner);
    if (is_scalar(v)) {
        w = take_word(L, v, "tactic", owner, tactic_words,
                      N_OF(tactic_words), NULL);
        if (w == 1 || w == 2) {
            report(L, PARLEY_EVALID, v,
                   "'tactic' of %s is %s without an exponent, expected "
                   "{kind: %s, exponent: E} with %s",
                   owner, tactic_words[w], tactic_words[w],
                   w == 1 ? "0 < E < 1" : "E > 1");
            return;
        }
        kind = v;
    } else {
        if (!is_map(v)) {
            report(L, PARLEY_EVALID, v,
                   "'tactic' of %s is %s, expected linear, hardheaded or "
                   "{kind, exponent}",
                   owner, describe(v, sub, sizeof sub));
            return;
        }
        if (!check_map(L, v, sub, tactic_keys, N_OF(tactic_keys)))
            return;
        kind = need(L, v, "kind", sub,
                    "linear, boulware, conceder or hardheaded");
        if (!kind)
            return;
        w = take_word(L, kind, "kind", sub, tactic_words, N_OF(tactic_words),
                      NULL);
        if (opt_text(L, v, "note", sub, &note))
            parley_i_strfree(L->ctx, note); /* kept in the file only */
    }
    if (w < 0)
        return;
    if (w == 1 || w == 2) {
        if (!get_num(L, v, "exponent", sub, w == 1 ? 0 : 1,
                     w == 1 ? 1 : 1e6, 1, &e))
            return;
        if (e.uncertain || !(w == 1 ? e.mode > 0 && e.mode < 1 : e.mode > 1)) {
            report(L, PARLEY_EVALID, get(L, v, "exponent"),
                   "'exponent' of %s is %s%g, expected a point value %s",
                   sub, e.uncertain ? "uncertain, mode " : "", e.mode,
                   w == 1 ? "strictly between 0 and 1 (Boulware)"
                          : "above 1 (conceder)");
            return;
        }
    } else if (is_map(v) && get(L, v, "exponent")) {
        report(L, PARLEY_EVALID, get(L, v, "exponent"),
               "'exponent' of %s: a %s tactic has none, expected no "
               "exponent (linear is e = 1, hardheaded never concedes)",
               sub, tactic_words[w]);
        return;
    } else {
        e.mode = e.low = e.high = w == 0 ? 1.0 : 0.0;
        e.present = 1;
    }
    a->has_tactic = 1;
    a->tactic = w;
    a->tactic_exponent = e;
}
static const char *const role_words[] = {"party",       "mediator",
                                         "guarantor",   "veto",
                                         "stakeholder", "third_party"};

static void read_actors(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    size_t n, i;

    n = required_list(L, v, "actors", "actor", L->ctx->limits.max_actors,
                      &L->actors);
    if (n == 0)
        return;
    s->actors = alloc_n(L, n, sizeof *s->actors);
    if (!s->actors)
        return;
    s->n_actors = n;
    for (i = 0; i < n; i++) {
        s->actors[i].source = PARLEY_NO_INDEX;
        s->actors[i].capability = num_unset();
        s->actors[i].risk = num_unset();
        s->actors[i].reservation = num_unset();
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_actor *a = &s->actors[i];
        const yaml_node_t *item = seq_item(L, v, i), *role;
        char owner[96];
        int w;

        if (!open_item(L, item, "actor", i, actor_keys, N_OF(actor_keys),
                       &a->id, owner, sizeof owner, &L->actors))
            continue;
        opt_text(L, item, "name", owner, &a->name);
        role = get(L, item, "role");
        if (role) {
            w = take_word(L, role, "role", owner, role_words,
                          N_OF(role_words), NULL);
            if (w >= 0)
                a->role = (parley_role)w;
        }
        get_num(L, item, "capability", owner, 0, 100, 1, &a->capability);
        get_num(L, item, "risk", owner, -1, 1, 0, &a->risk);
        get_num(L, item, "reservation", owner, 0, 1, 0, &a->reservation);
        read_tactic(L, a, item, owner);
        opt_source(L, item, "source", owner, &a->source);
        opt_text(L, item, "note", owner, &a->note);
        table_add(L, &L->actors, a->id, i, 0, item);
    }
    if (!L->nomem)
        table_finish(L, &L->actors, "actor");
}

static const char *const issue_keys[] = {
    "id",      "name",       "description", "scale", "utility", "anchors",
    "options", "status_quo", "source",      "note"};
static const char *const scale_keys[] = {"min", "max"};
static const char *const anchor_keys[] = {"value", "label", "source",
                                          "note"};
static const char *const option_keys[] = {"id",     "label", "value",
                                          "source", "flag",  "note"};
static const char *const shape_words[] = {"linear", "quadratic"};

static void read_scale(loader *L, parley_issue *is, const yaml_node_t *item,
                       const char *owner)
{
    const yaml_node_t *v = get(L, item, "scale");
    char sub[160];
    double lo = 0, hi = 100;
    int ok = 1;

    if (!v)
        return;
    snprintf(sub, sizeof sub, "'scale' of %s", owner);
    if (!check_map(L, v, sub, scale_keys, N_OF(scale_keys)))
        return;
    if (!need(L, v, "min", sub, "a number") ||
        !need(L, v, "max", sub, "a number"))
        return;
    ok &= take_double(L, get(L, v, "min"), "min", sub, -INFINITY, INFINITY,
                      &lo);
    ok &= take_double(L, get(L, v, "max"), "max", sub, -INFINITY, INFINITY,
                      &hi);
    if (!ok)
        return;
    if (!(lo < hi)) {
        report(L, PARLEY_EVALID, v,
               "%s is [%g, %g], expected min < max", sub, lo, hi);
        return;
    }
    is->scale_min = lo;
    is->scale_max = hi;
}

static void read_anchors(loader *L, parley_issue *is, size_t k,
                         const yaml_node_t *item, const char *owner)
{
    const yaml_node_t *v = get(L, item, "anchors");
    size_t n, j;

    (void)k;
    is->anchors = list_alloc(L, v, "anchors", owner, sizeof *is->anchors, &n,
                             NULL);
    if (!is->anchors)
        return;
    is->n_anchors = n;
    for (j = 0; j < n; j++)
        is->anchors[j].source = PARLEY_NO_INDEX;
    for (j = 0; j < n && !L->nomem; j++) {
        parley_anchor *an = &is->anchors[j];
        const yaml_node_t *a = seq_item(L, v, j), *val;
        char sub[160], *note = NULL;

        snprintf(sub, sizeof sub, "anchor #%zu of %s", j + 1, owner);
        an->value = NAN;
        if (!check_map(L, a, sub, anchor_keys, N_OF(anchor_keys)))
            continue;
        val = need(L, a, "value", sub, "a number on the issue's scale");
        if (val)
            take_double(L, val, "value", sub, is->scale_min, is->scale_max,
                        &an->value);
        if (need(L, a, "label", sub, "text describing the point"))
            opt_text(L, a, "label", sub, &an->label);
        opt_source(L, a, "source", sub, &an->source);
        opt_text(L, a, "note", sub, &note);
        parley_i_strfree(L->ctx, note);
    }
}

static void read_options(loader *L, parley_issue *is, size_t k,
                         const yaml_node_t *item, const char *owner)
{
    const yaml_node_t *v = get(L, item, "options");
    size_t n, j;
    int ok;

    n = list_of(L, v, "options", owner, &ok);
    if (n > L->ctx->limits.max_options) {
        report(L, PARLEY_ELIMIT, v,
               "%s has %zu options, over the limit of %zu, expected fewer "
               "(raise it with --max-options)",
               owner, n, L->ctx->limits.max_options);
        L->limit_hit = 1;
        return;
    }
    is->options = alloc_n(L, n, sizeof *is->options);
    if (!is->options)
        return;
    is->n_options = n;
    for (j = 0; j < n; j++) {
        is->options[j].source = PARLEY_NO_INDEX;
        is->options[j].value = NAN;
    }
    for (j = 0; j < n && !L->nomem; j++) {
        parley_option *op = &is->options[j];
        const yaml_node_t *o = seq_item(L, v, j), *val;
        char sub[160], *note = NULL;

        snprintf(sub, sizeof sub, "option #%zu of %s", j + 1, owner);
        if (!check_map(L, o, sub, option_keys, N_OF(option_keys)))
            continue;
        if (take_id(L, o, sub, &op->id)) {
            snprintf(sub, sizeof sub, "option '%s' of %s", op->id, owner);
            if (strcmp(op->id, "open") == 0)
                report(L, PARLEY_EVALID, get(L, o, "id"),
                       "option id 'open' in %s is reserved for open "
                       "proposal terms, expected another id",
                       owner);
        }
        val = need(L, o, "value", sub, "a number on the issue's scale");
        if (val)
            take_double(L, val, "value", sub, is->scale_min, is->scale_max,
                        &op->value);
        opt_text(L, o, "label", sub, &op->label);
        opt_cited(L, o, sub, &op->flag, &op->source);
        opt_text(L, o, "note", sub, &note);
        parley_i_strfree(L->ctx, note);
        table_add(L, &L->options, op->id, k, j, o);
    }
}

/* status_quo: an option id of this issue or a number on its scale. */
static void read_status_quo(loader *L, parley_issue *is, size_t k,
                            const yaml_node_t *item, const char *owner)
{
    const yaml_node_t *v = get(L, item, "status_quo");
    double d;
    size_t j;

    if (!v)
        return;
    if (is_scalar(v) && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        strlen(text(v)) == v->data.scalar.length &&
        parley_i_parse_double(text(v), &d)) {
        for (j = 0; j < is->n_options; j++)
            if (is->options[j].id && strcmp(is->options[j].id, text(v)) == 0)
                break;
        if (j == is->n_options) {
            take_double(L, v, "status_quo", owner, is->scale_min,
                        is->scale_max, &is->status_quo);
            return;
        }
    }
    if (resolve_option(L, k, v, owner, &j)) {
        is->status_quo_option = j;
        is->status_quo = is->options[j].value;
    }
}

static void read_issues(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    size_t n, k;

    n = required_list(L, v, "issues", "issue", L->ctx->limits.max_issues,
                      &L->issues);
    if (n == 0)
        return;
    s->issues = alloc_n(L, n, sizeof *s->issues);
    if (!s->issues)
        return;
    s->n_issues = n;
    for (k = 0; k < n; k++) {
        parley_issue *is = &s->issues[k];

        is->scale_min = 0;
        is->scale_max = 100;
        is->status_quo = NAN;
        is->status_quo_option = PARLEY_NO_INDEX;
        is->outcome = NAN;
        is->reference_point = NAN;
        is->source = PARLEY_NO_INDEX;
    }
    for (k = 0; k < n && !L->nomem; k++) {
        parley_issue *is = &s->issues[k];
        const yaml_node_t *item = seq_item(L, v, k), *shape;
        char owner[96], *note = NULL;
        int w;

        if (!open_item(L, item, "issue", k, issue_keys, N_OF(issue_keys),
                       &is->id, owner, sizeof owner, &L->issues))
            continue;
        opt_text(L, item, "name", owner, &is->name);
        opt_text(L, item, "description", owner, &is->description);
        read_scale(L, is, item, owner);
        shape = get(L, item, "utility");
        if (shape) {
            w = take_word(L, shape, "utility", owner, shape_words,
                          N_OF(shape_words), NULL);
            if (w >= 0)
                is->shape = (parley_shape)w;
        }
        read_anchors(L, is, k, item, owner);
        read_options(L, is, k, item, owner);
        opt_source(L, item, "source", owner, &is->source);
        opt_text(L, item, "note", owner, &note);
        parley_i_strfree(L->ctx, note);
        table_add(L, &L->issues, is->id, k, 0, item);
    }
    if (L->nomem)
        return;
    table_finish(L, &L->issues, "issue");
    table_finish(L, &L->options, "option");
    /* status_quo names options, so it is read once they are all known */
    for (k = 0; k < n && !L->nomem; k++) {
        const yaml_node_t *item = seq_item(L, v, k);
        char owner[96];

        if (!is_map(item))
            continue;
        if (s->issues[k].id)
            snprintf(owner, sizeof owner, "issue '%s'", s->issues[k].id);
        else
            snprintf(owner, sizeof owner, "issue #%zu", k + 1);
        read_status_quo(L, &s->issues[k], k, item, owner);
    }
}

static const char *const stance_keys[] = {
    "position", "salience",      "range",  "range_flag",
    "range_source", "option_values", "source", "note"};
static const char *const range_keys[] = {"low", "high", "flag", "source",
                                         "note"};

/* The acceptable range of a stance: [low, high] or {low, high, ...}. */
static void read_range(loader *L, parley_stance *st, const parley_issue *is,
                       const yaml_node_t *map, const char *owner)
{
    const yaml_node_t *v = get(L, map, "range"), *lo, *hi;
    parley_flag flag = PARLEY_FLAG_NONE;
    size_t source = PARLEY_NO_INDEX;
    char sub[192], buf[64];
    int ok = 1, state;

    if (!v)
        return;
    snprintf(sub, sizeof sub, "'range' of %s", owner);
    /* range_flag / range_source apply to both ends */
    opt_flag(L, map, "range_flag", owner, &flag);
    state = opt_source(L, map, "range_source", owner, &source);
    if (is_seq(v)) {
        if (seq_len(v) != 2) {
            report(L, PARLEY_EVALID, v,
                   "%s has %zu entries, expected [low, high]", sub,
                   seq_len(v));
            return;
        }
        lo = seq_item(L, v, 0);
        hi = seq_item(L, v, 1);
    } else if (is_map(v)) {
        check_map(L, v, sub, range_keys, N_OF(range_keys));
        if (opt_flag(L, v, "flag", sub, &flag) == 1 &&
            get(L, map, "range_flag"))
            report(L, PARLEY_EVALID, get(L, map, "range_flag"),
                   "%s gives both 'range_flag' and a flag inside 'range', "
                   "expected one of them",
                   owner);
        if (get(L, v, "source")) {
            state = opt_source(L, v, "source", sub, &source);
            if (get(L, map, "range_source"))
                report(L, PARLEY_EVALID, get(L, map, "range_source"),
                       "%s gives both 'range_source' and a source inside "
                       "'range', expected one of them",
                       owner);
        }
        {
            char *note = NULL;

            opt_text(L, v, "note", sub, &note);
            parley_i_strfree(L->ctx, note);
        }
        lo = need(L, v, "low", sub, "a number on the issue's scale");
        hi = need(L, v, "high", sub, "a number on the issue's scale");
        if (!lo || !hi)
            return;
    } else {
        report(L, PARLEY_EVALID, v, "%s is %s, expected [low, high]", sub,
               describe(v, buf, sizeof buf));
        return;
    }
    if (state < 0)
        return;
    st->range_low.flag = st->range_high.flag = flag;
    st->range_low.source = st->range_high.source = source;
    ok &= take_num(L, lo, "low", sub, is->scale_min, is->scale_max,
                   &st->range_low);
    ok &= take_num(L, hi, "high", sub, is->scale_min, is->scale_max,
                   &st->range_high);
    if (!ok)
        return;
    if (st->range_low.mode > st->range_high.mode) {
        report(L, PARLEY_EVALID, v,
               "%s is [%g, %g], expected low <= high", sub,
               st->range_low.mode, st->range_high.mode);
        return;
    }
    if (st->position.present &&
        (st->position.mode < st->range_low.mode ||
         st->position.mode > st->range_high.mode))
        report(L, PARLEY_EVALID, v,
               "position %g of %s lies outside its range [%g, %g], "
               "expected the position inside the acceptable range",
               st->position.mode, owner, st->range_low.mode,
               st->range_high.mode);
}

static void read_option_values(loader *L, parley_stance *st, size_t k,
                               const yaml_node_t *map, const char *owner)
{
    const parley_issue *is = &L->s->issues[k];
    const yaml_node_t *v = get(L, map, "option_values");
    char sub[192], buf[64];
    size_t i, n, j;

    if (!v)
        return;
    snprintf(sub, sizeof sub, "'option_values' of %s", owner);
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "%s is %s, expected a map of option id to utility", sub,
               describe(v, buf, sizeof buf));
        return;
    }
    check_keys_unique(L, v, sub);
    if (is->n_options == 0) {
        report(L, PARLEY_EVALID, v,
               "%s: issue '%s' has no options, expected an issue with "
               "options",
               sub, is->id);
        return;
    }
    st->option_values = alloc_n(L, is->n_options, sizeof *st->option_values);
    if (!st->option_values)
        return;
    for (j = 0; j < is->n_options; j++)
        st->option_values[j] = NAN;
    n = map_len(v);
    for (i = 0; i < n && !L->nomem; i++) {
        const yaml_node_t *key = pair_key(L, v, i);

        if (!is_scalar(key))
            continue;
        if (!resolve_option(L, k, key, sub, &j))
            continue;
        take_double(L, pair_value(L, v, i), text(key), sub, 0, 1,
                    &st->option_values[j]);
    }
}

static void read_stance(loader *L, size_t a, size_t k, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    parley_stance *st = parley_i_stance(s, a, k);
    const parley_issue *is = &s->issues[k];
    char owner[160];

    snprintf(owner, sizeof owner, "the stance of '%s' on '%s'",
             s->actors[a].id, is->id);
    st->present = 1;
    if (!check_map(L, v, owner, stance_keys, N_OF(stance_keys)))
        return;
    get_num(L, v, "position", owner, is->scale_min, is->scale_max, 1,
            &st->position);
    get_num(L, v, "salience", owner, 0, 100, 1, &st->salience);
    read_range(L, st, is, v, owner);
    if (get(L, v, "range_flag") && !get(L, v, "range"))
        report(L, PARLEY_EVALID, get(L, v, "range_flag"),
               "'range_flag' of %s without a 'range', expected a range",
               owner);
    if (get(L, v, "range_source") && !get(L, v, "range"))
        report(L, PARLEY_EVALID, get(L, v, "range_source"),
               "'range_source' of %s without a 'range', expected a range",
               owner);
    read_option_values(L, st, k, v, owner);
    opt_source(L, v, "source", owner, &st->source);
    opt_text(L, v, "note", owner, &st->note);
}

static void read_stances(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    size_t i, n, j, m, a, k;
    char buf[64];

    if (!v)
        return;
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "'stances' is %s, expected a map of actor id to a map of "
               "issue id to stance",
               describe(v, buf, sizeof buf));
        return;
    }
    check_keys_unique(L, v, "'stances'");
    n = map_len(v);
    for (i = 0; i < n && !L->nomem; i++) {
        const yaml_node_t *key = pair_key(L, v, i), *issues;
        char owner[128];

        if (!is_scalar(key) ||
            !resolve(L, &L->actors, "actor", "actors", key, "'stances'", &a))
            continue;
        issues = pair_value(L, v, i);
        snprintf(owner, sizeof owner, "the stances of '%s'", text(key));
        if (!is_map(issues)) {
            if (!is_null(issues))
                report(L, PARLEY_EVALID, issues,
                       "%s are %s, expected a map of issue id to stance",
                       owner, describe(issues, buf, sizeof buf));
            continue;
        }
        check_keys_unique(L, issues, owner);
        m = map_len(issues);
        for (j = 0; j < m && !L->nomem; j++) {
            const yaml_node_t *ik = pair_key(L, issues, j);

            if (!is_scalar(ik) ||
                !resolve(L, &L->issues, "issue", "issues", ik, owner, &k))
                continue;
            if (parley_i_stance(s, a, k)->present)
                continue; /* a duplicate key, already reported */
            read_stance(L, a, k, pair_value(L, issues, j));
        }
    }
}

/* ---- constraints -------------------------------------------------------- */

static const char *const constraint_keys[] = {"red_lines", "ratification",
                                              "linkage"};
static const char *const red_line_keys[] = {
    "id",    "actor", "issue", "min",    "max", "veto",
    "active", "until", "flag", "source", "note"};
static const char *const ratification_keys[] = {
    "id",  "actor", "arena",            "issue", "min",
    "max", "pass_probability", "flag",  "source", "note"};
static const char *const linkage_keys[] = {"id",     "actor",  "issues",
                                           "weight", "source", "note"};

/* Reads min/max bounds on issue k's scale; 1 if both are consistent. */
static int read_bounds(loader *L, const yaml_node_t *map, size_t k,
                       const char *owner, double *min, double *max)
{
    const parley_issue *is = k != PARLEY_NO_INDEX ? &L->s->issues[k] : NULL;
    double lo = is ? is->scale_min : -INFINITY;
    double hi = is ? is->scale_max : INFINITY;
    int rmin, rmax;

    rmin = opt_double(L, map, "min", owner, lo, hi, min);
    rmax = opt_double(L, map, "max", owner, lo, hi, max);
    if (rmin < 0 || rmax < 0)
        return 0;
    if (rmin == 1 && rmax == 1 && *min > *max) {
        report(L, PARLEY_EVALID, get(L, map, "max"),
               "%s has min %g above max %g, expected min <= max", owner,
               *min, *max);
        return 0;
    }
    return 1;
}

/* Resolves the required actor/issue of a constraint-like item. */
static int need_ref(loader *L, const yaml_node_t *map, const char *key,
                    id_table *t, const char *kind, const char *section,
                    const char *owner, size_t *out)
{
    char expect[96];
    const yaml_node_t *v;

    snprintf(expect, sizeof expect, "the id of one of the %s", section);
    v = need(L, map, key, owner, expect);
    return v && resolve(L, t, kind, section, v, owner, out);
}

/* The actor and issue a red line or ratification binds, and its min/max
 * bounds on that issue's scale. */
static void read_bounded(loader *L, const yaml_node_t *item,
                         const char *owner, size_t *actor, size_t *issue,
                         double *min, double *max)
{
    need_ref(L, item, "actor", &L->actors, "actor", "actors", owner, actor);
    need_ref(L, item, "issue", &L->issues, "issue", "issues", owner, issue);
    if (*issue != PARLEY_NO_INDEX)
        read_bounds(L, item, *issue, owner, min, max);
}

static void read_red_lines(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i, j;

    s->red_lines = list_alloc(L, v, "red_lines", "'constraints'",
                              sizeof *s->red_lines, &n, NULL);
    if (!s->red_lines)
        return;
    s->n_red_lines = n;
    for (i = 0; i < n; i++) {
        parley_red_line *r = &s->red_lines[i];

        r->actor = r->issue = r->source = PARLEY_NO_INDEX;
        r->min = -INFINITY;
        r->max = INFINITY;
        r->active = 1;
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_red_line *r = &s->red_lines[i];
        const yaml_node_t *item = seq_item(L, v, i), *veto;
        char owner[96];
        int active;

        r->line = to_unsigned(item->start_mark.line + 1);
        r->col = to_unsigned(item->start_mark.column + 1);
        if (!open_item(L, item, "red line", i, red_line_keys,
                       N_OF(red_line_keys), &r->id, owner, sizeof owner,
                       NULL))
            continue;
        read_bounded(L, item, owner, &r->actor, &r->issue, &r->min,
                     &r->max);
        veto = get(L, item, "veto");
        if (veto && !is_seq(veto)) {
            char buf[64];

            report(L, PARLEY_EVALID, veto,
                   "'veto' of %s is %s, expected a list of option ids",
                   owner, describe(veto, buf, sizeof buf));
        } else if (veto && r->issue != PARLEY_NO_INDEX) {
            r->options = alloc_n(L, seq_len(veto), sizeof *r->options);
            if (r->options) {
                r->n_options = seq_len(veto);
                for (j = 0; j < r->n_options; j++) {
                    r->options[j] = PARLEY_NO_INDEX;
                    resolve_option(L, r->issue, seq_item(L, veto, j), owner,
                                   &r->options[j]);
                }
            }
        }
        if (!get(L, item, "min") && !get(L, item, "max") &&
            !(veto && is_seq(veto) && seq_len(veto) > 0))
            report(L, PARLEY_EVALID, item,
                   "%s sets no limit, expected at least one of min, max, "
                   "veto",
                   owner);
        if (opt_bool(L, item, "active", owner, &active) == 1)
            r->active = active;
        opt_text(L, item, "until", owner, &r->until);
        opt_text(L, item, "note", owner, &r->note);
        opt_cited(L, item, owner, &r->flag, &r->source);
        table_add(L, &ids, r->id, i, 0, item);
    }
    table_close(L, &ids, "red line");
}

static void read_ratifications(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i;

    s->ratifications = list_alloc(L, v, "ratification", "'constraints'",
                                  sizeof *s->ratifications, &n, NULL);
    if (!s->ratifications)
        return;
    s->n_ratifications = n;
    for (i = 0; i < n; i++) {
        parley_ratification *r = &s->ratifications[i];

        r->actor = r->issue = r->source = PARLEY_NO_INDEX;
        r->min = -INFINITY;
        r->max = INFINITY;
        r->pass_probability = parley_i_num_point(0);
        r->pass_probability.present = 0;
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_ratification *r = &s->ratifications[i];
        const yaml_node_t *item = seq_item(L, v, i);
        char owner[96];

        if (!open_item(L, item, "ratification", i, ratification_keys,
                       N_OF(ratification_keys), &r->id, owner, sizeof owner,
                       NULL))
            continue;
        read_bounded(L, item, owner, &r->actor, &r->issue, &r->min,
                     &r->max);
        if (!get(L, item, "min") && !get(L, item, "max"))
            report(L, PARLEY_EVALID, item,
                   "%s sets no limit, expected at least one of min, max",
                   owner);
        opt_text(L, item, "arena", owner, &r->arena);
        get_num(L, item, "pass_probability", owner, 0, 1, 0,
                &r->pass_probability);
        opt_text(L, item, "note", owner, &r->note);
        opt_cited(L, item, owner, &r->flag, &r->source);
        table_add(L, &ids, r->id, i, 0, item);
    }
    table_close(L, &ids, "ratification");
}

static void read_linkages(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i;

    s->linkages = list_alloc(L, v, "linkage", "'constraints'",
                             sizeof *s->linkages, &n, NULL);
    if (!s->linkages)
        return;
    s->n_linkages = n;
    for (i = 0; i < n; i++) {
        parley_linkage *k = &s->linkages[i];

        k->actor = k->issue_a = k->issue_b = k->source = PARLEY_NO_INDEX;
        k->weight = num_unset();
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_linkage *k = &s->linkages[i];
        const yaml_node_t *item = seq_item(L, v, i), *issues, *actor;
        char owner[96], buf[64];

        if (!open_item(L, item, "linkage", i, linkage_keys,
                       N_OF(linkage_keys), &k->id, owner, sizeof owner, NULL))
            continue;
        actor = get(L, item, "actor");
        if (actor)
            resolve(L, &L->actors, "actor", "actors", actor, owner,
                    &k->actor);
        issues = need(L, item, "issues", owner, "a list of two issue ids");
        if (issues && (!is_seq(issues) || seq_len(issues) != 2)) {
            report(L, PARLEY_EVALID, issues,
                   "'issues' of %s is %s, expected a list of two issue ids",
                   owner, describe(issues, buf, sizeof buf));
        } else if (issues) {
            int ra = resolve(L, &L->issues, "issue", "issues",
                             seq_item(L, issues, 0), owner, &k->issue_a);
            int rb = resolve(L, &L->issues, "issue", "issues",
                             seq_item(L, issues, 1), owner, &k->issue_b);

            if (ra && rb && k->issue_a == k->issue_b)
                report(L, PARLEY_EVALID, issues,
                       "%s links issue '%s' with itself, expected two "
                       "different issues",
                       owner, s->issues[k->issue_a].id);
            else if (ra && rb && k->actor != PARLEY_NO_INDEX &&
                     (!parley_i_stance(s, k->actor, k->issue_a)->present ||
                      !parley_i_stance(s, k->actor, k->issue_b)->present))
                report(L, PARLEY_EVALID, issues,
                       "%s: actor '%s' has no stance on '%s', expected "
                       "stances on both linked issues",
                       owner, s->actors[k->actor].id,
                       s->issues[parley_i_stance(s, k->actor, k->issue_a)
                                         ->present
                                     ? k->issue_b
                                     : k->issue_a]
                           .id);
        }
        get_num(L, item, "weight", owner, -INFINITY, INFINITY, 1,
                &k->weight);
        opt_source(L, item, "source", owner, &k->source);
        opt_text(L, item, "note", owner, &k->note);
        table_add(L, &ids, k->id, i, 0, item);
    }
    table_close(L, &ids, "linkage");
}

static void read_constraints(loader *L, const yaml_node_t *v)
{
    if (!v || !check_map(L, v, "'constraints'", constraint_keys,
                         N_OF(constraint_keys)))
        return;
    read_red_lines(L, get(L, v, "red_lines"));
    if (!L->nomem)
        read_ratifications(L, get(L, v, "ratification"));
    if (!L->nomem)
        read_linkages(L, get(L, v, "linkage"));
}

/* ---- proposals ---------------------------------------------------------- */

static const char *const proposal_keys[] = {"id",     "name", "date",
                                            "source", "note", "terms"};
static const char *const term_keys[] = {"option", "value", "flag", "source",
                                        "note"};

/* One term: `open`, an option id, a number, or {option|value, ...}. */
static void read_term(loader *L, parley_term *t, size_t k,
                      const yaml_node_t *v, const char *owner)
{
    const parley_issue *is = &L->s->issues[k];
    const yaml_node_t *opt, *val;
    double d;
    size_t j;
    char buf[64];

    if (is_scalar(v) && !is_null(v)) {
        if (scalar_is(v, "open"))
            return;
        if (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
            strlen(text(v)) == v->data.scalar.length &&
            parley_i_parse_double(text(v), &d) &&
            !table_find(&L->options, text(v))) {
            if (take_double(L, v, is->id, owner, is->scale_min,
                            is->scale_max, &t->value))
                t->set = 1;
            return;
        }
        if (resolve_option(L, k, v, owner, &t->option)) {
            t->set = 1;
            t->value = is->options[t->option].value;
        }
        return;
    }
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "term '%s' of %s is %s, expected an option id, a number, "
               "open or {option|value, flag, source, note}",
               is->id, owner, describe(v, buf, sizeof buf));
        return;
    }
    {
        char sub[192];

        snprintf(sub, sizeof sub, "term '%s' of %s", is->id, owner);
        check_map(L, v, sub, term_keys, N_OF(term_keys));
        opt = get(L, v, "option");
        val = get(L, v, "value");
        if (opt && val) {
            report(L, PARLEY_EVALID, val,
                   "%s gives both 'option' and 'value', expected one of "
                   "them",
                   sub);
        } else if (opt) {
            if (resolve_option(L, k, opt, sub, &j)) {
                t->option = j;
                t->value = is->options[j].value;
                t->set = 1;
            }
        } else if (val) {
            if (take_double(L, val, "value", sub, is->scale_min,
                            is->scale_max, &t->value))
                t->set = 1;
        } else {
            report(L, PARLEY_EVALID, v,
                   "%s has neither 'option' nor 'value', expected one of "
                   "them (or write open)",
                   sub);
        }
        opt_cited(L, v, sub, &t->flag, &t->source);
        opt_text(L, v, "note", sub, &t->note);
    }
}

static void read_proposals(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i, j, m, k;

    s->proposals = list_alloc(L, v, "proposals", "the scenario",
                              sizeof *s->proposals, &n, NULL);
    if (!s->proposals)
        return;
    s->n_proposals = n;
    for (i = 0; i < n; i++)
        s->proposals[i].source = PARLEY_NO_INDEX;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_proposal *p = &s->proposals[i];
        const yaml_node_t *item = seq_item(L, v, i), *terms;
        char owner[96], buf[64];

        if (!open_item(L, item, "proposal", i, proposal_keys,
                       N_OF(proposal_keys), &p->id, owner, sizeof owner,
                       NULL))
            continue;
        opt_text(L, item, "name", owner, &p->name);
        opt_text(L, item, "date", owner, &p->date);
        opt_text(L, item, "note", owner, &p->note);
        opt_source(L, item, "source", owner, &p->source);
        table_add(L, &ids, p->id, i, 0, item);
        p->terms = alloc_n(L, s->n_issues, sizeof *p->terms);
        if (!p->terms)
            continue;
        for (k = 0; k < s->n_issues; k++) {
            p->terms[k].option = PARLEY_NO_INDEX;
            p->terms[k].source = PARLEY_NO_INDEX;
            p->terms[k].value = NAN;
        }
        terms = need(L, item, "terms", owner,
                     "a map of issue id to option id, number or open");
        if (!terms)
            continue;
        if (!is_map(terms) || map_len(terms) == 0) {
            report(L, PARLEY_EVALID, terms,
                   "'terms' of %s is %s, expected a map of issue id to "
                   "option id, number or open",
                   owner, is_map(terms) ? "empty" : describe(terms, buf,
                                                              sizeof buf));
            continue;
        }
        check_keys_unique(L, terms, owner);
        m = map_len(terms);
        for (j = 0; j < m && !L->nomem; j++) {
            const yaml_node_t *key = pair_key(L, terms, j);
            size_t jj;
            int dup = 0;

            if (!is_scalar(key) ||
                !resolve(L, &L->issues, "issue", "issues", key, owner, &k))
                continue;
            for (jj = 0; jj < j && !dup; jj++)
                dup = same_key(pair_key(L, terms, jj), key) &&
                      is_scalar(pair_key(L, terms, jj));
            if (dup)
                continue; /* duplicate key, already reported */
            read_term(L, &p->terms[k], k, pair_value(L, terms, j), owner);
        }
    }
    table_close(L, &ids, "proposal");
}

/* ---- dynamics ----------------------------------------------------------- */

static const char *const dynamics_keys[] = {"start", "horizon", "variables",
                                            "shocks", "couplings"};
static const char *const variable_keys[] = {
    "id",    "name", "unit", "initial", "drift",  "mean",  "rho",
    "noise", "min",  "max",  "inputs",  "source", "note"};
static const char *const input_keys[] = {"from", "coef"};
static const char *const shock_keys[] = {"id",    "variable",    "month",
                                         "delta", "probability", "source",
                                         "note"};
static const char *const coupling_keys[] = {"id",    "variable", "target",
                                            "actor", "issue",    "coef",
                                            "source", "note"};
static const char *const target_words[] = {"reservation", "salience",
                                           "capability",  "position",
                                           "range_low",   "range_high"};

static void read_inputs(loader *L, parley_variable *var,
                        const yaml_node_t *item, const char *owner)
{
    const yaml_node_t *v = get(L, item, "inputs");
    size_t n, j;

    var->inputs = list_alloc(L, v, "inputs", owner, sizeof *var->inputs, &n,
                             NULL);
    if (!var->inputs)
        return;
    var->n_inputs = n;
    for (j = 0; j < n; j++) {
        var->inputs[j].variable = PARLEY_NO_INDEX;
        var->inputs[j].coef = num_unset();
    }
    for (j = 0; j < n && !L->nomem; j++) {
        const yaml_node_t *in = seq_item(L, v, j);
        char sub[160];

        snprintf(sub, sizeof sub, "input #%zu of %s", j + 1, owner);
        if (!check_map(L, in, sub, input_keys, N_OF(input_keys)))
            continue;
        need_ref(L, in, "from", &L->variables, "variable",
                 "dynamics.variables", sub, &var->inputs[j].variable);
        get_num(L, in, "coef", sub, -INFINITY, INFINITY, 1,
                &var->inputs[j].coef);
    }
}

static void read_variable(loader *L, parley_variable *var,
                          const yaml_node_t *item, const char *owner)
{
    int rmin, rmax;

    opt_text(L, item, "name", owner, &var->name);
    opt_text(L, item, "unit", owner, &var->unit);
    rmin = opt_double(L, item, "min", owner, -INFINITY, INFINITY, &var->min);
    rmax = opt_double(L, item, "max", owner, -INFINITY, INFINITY, &var->max);
    if (rmin == 1 && rmax == 1 && !(var->min < var->max)) {
        report(L, PARLEY_EVALID, get(L, item, "max"),
               "%s has min %g and max %g, expected min < max", owner,
               var->min, var->max);
        var->min = -INFINITY;
        var->max = INFINITY;
    }
    if (rmin < 0)
        var->min = -INFINITY;
    if (rmax < 0)
        var->max = INFINITY;
    get_num(L, item, "initial", owner, var->min, var->max, 1, &var->initial);
    get_num(L, item, "drift", owner, -INFINITY, INFINITY, 0, &var->drift);
    get_num(L, item, "noise", owner, 0, INFINITY, 0, &var->noise);
    get_num(L, item, "mean", owner, var->min, var->max, 0, &var->mean);
    get_num(L, item, "rho", owner, 0, 1, 0, &var->rho);
    if (var->mean.present && !get(L, item, "rho"))
        need(L, item, "rho", owner,
             "a number from 0 to 1 (mean reversion) with 'mean'");
    if (!var->mean.present && get(L, item, "rho") && !get(L, item, "mean"))
        report(L, PARLEY_EVALID, get(L, item, "rho"),
               "'rho' of %s without a 'mean', expected 'mean' with 'rho'",
               owner);
    read_inputs(L, var, item, owner);
    opt_source(L, item, "source", owner, &var->source);
    {
        char *note = NULL;

        opt_text(L, item, "note", owner, &note);
        parley_i_strfree(L->ctx, note);
    }
}

static void read_variables(loader *L, const yaml_node_t *v)
{
    parley_dynamics *d = &L->s->dynamics;
    size_t n, i;

    d->variables = list_alloc(L, v, "variables", "'dynamics'",
                              sizeof *d->variables, &n, &L->variables);
    if (!d->variables)
        return;
    d->n_variables = n;
    for (i = 0; i < n; i++) {
        parley_variable *var = &d->variables[i];

        var->initial = var->drift = var->noise = num_unset();
        var->rho = var->mean = num_unset();
        var->drift = parley_i_num_point(0);
        var->drift.present = 0;
        var->noise = parley_i_num_point(0);
        var->noise.present = 0;
        var->min = -INFINITY;
        var->max = INFINITY;
        var->source = PARLEY_NO_INDEX;
    }
    /* ids first: inputs may name variables listed later */
    for (i = 0; i < n && !L->nomem; i++) {
        const yaml_node_t *item = seq_item(L, v, i);
        char owner[96];

        if (!is_map(item)) {
            L->variables.broken = 1;
            continue;
        }
        snprintf(owner, sizeof owner, "variable #%zu", i + 1);
        if (!take_id(L, item, owner, &d->variables[i].id))
            L->variables.broken = 1;
        table_add(L, &L->variables, d->variables[i].id, i, 0, item);
    }
    if (L->nomem)
        return;
    table_finish(L, &L->variables, "variable");
    for (i = 0; i < n && !L->nomem; i++) {
        const yaml_node_t *item = seq_item(L, v, i);
        char owner[96];

        if (d->variables[i].id)
            snprintf(owner, sizeof owner, "variable '%s'",
                     d->variables[i].id);
        else
            snprintf(owner, sizeof owner, "variable #%zu", i + 1);
        if (check_map(L, item, owner, variable_keys, N_OF(variable_keys)))
            read_variable(L, &d->variables[i], item, owner);
    }
}

static void read_shocks(loader *L, const yaml_node_t *v, long start)
{
    parley_dynamics *d = &L->s->dynamics;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i;

    d->shocks = list_alloc(L, v, "shocks", "'dynamics'", sizeof *d->shocks, &n,
                           NULL);
    if (!d->shocks)
        return;
    d->n_shocks = n;
    for (i = 0; i < n; i++) {
        d->shocks[i].variable = d->shocks[i].source = PARLEY_NO_INDEX;
        d->shocks[i].month = -1;
        d->shocks[i].delta = num_unset();
        d->shocks[i].probability = parley_i_num_point(1);
        d->shocks[i].probability.present = 0;
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_shock *sh = &d->shocks[i];
        const yaml_node_t *item = seq_item(L, v, i), *month;
        char owner[96], buf[64];

        if (!open_item(L, item, "shock", i, shock_keys, N_OF(shock_keys),
                       &sh->id, owner, sizeof owner, NULL))
            continue;
        need_ref(L, item, "variable", &L->variables, "variable",
                 "dynamics.variables", owner, &sh->variable);
        month = need(L, item, "month", owner, "a month YYYY-MM");
        if (month) {
            long m = parse_month(month);

            if (m < 0)
                report(L, PARLEY_EVALID, month,
                       "'month' of %s is %s, expected a month YYYY-MM",
                       owner, describe(month, buf, sizeof buf));
            else if (start >= 0 && (m < start || m - start >= d->horizon))
                report(L, PARLEY_EVALID, month,
                       "'month' of %s is %s, outside the horizon, expected "
                       "a month from %s to %d months later",
                       owner, describe(month, buf, sizeof buf), d->start,
                       d->horizon - 1);
            else if (start >= 0)
                sh->month = (int)(m - start);
        }
        get_num(L, item, "delta", owner, -INFINITY, INFINITY, 1, &sh->delta);
        get_num(L, item, "probability", owner, 0, 1, 0, &sh->probability);
        opt_source(L, item, "source", owner, &sh->source);
        opt_text(L, item, "note", owner, &sh->note);
        table_add(L, &ids, sh->id, i, 0, item);
    }
    table_close(L, &ids, "shock");
}

static void read_couplings(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    parley_dynamics *d = &s->dynamics;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i;

    d->couplings = list_alloc(L, v, "couplings", "'dynamics'",
                              sizeof *d->couplings, &n, NULL);
    if (!d->couplings)
        return;
    d->n_couplings = n;
    for (i = 0; i < n; i++) {
        parley_coupling *c = &d->couplings[i];

        c->variable = c->actor = c->issue = c->source = PARLEY_NO_INDEX;
        c->coef = num_unset();
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_coupling *c = &d->couplings[i];
        const yaml_node_t *item = seq_item(L, v, i), *target, *issue;
        char owner[96];
        int w = -1, ra;

        if (!open_item(L, item, "coupling", i, coupling_keys,
                       N_OF(coupling_keys), &c->id, owner, sizeof owner,
                       NULL))
            continue;
        need_ref(L, item, "variable", &L->variables, "variable",
                 "dynamics.variables", owner, &c->variable);
        target = need(L, item, "target", owner,
                      "one of: reservation, salience, capability, position, "
                      "range_low, range_high");
        if (target) {
            w = take_word(L, target, "target", owner, target_words,
                          N_OF(target_words), NULL);
            if (w >= 0)
                c->target = (parley_coupling_target)w;
        }
        ra = need_ref(L, item, "actor", &L->actors, "actor", "actors", owner,
                      &c->actor);
        issue = get(L, item, "issue");
        if (w == PARLEY_TARGET_RESERVATION || w == PARLEY_TARGET_CAPABILITY) {
            if (issue)
                report(L, PARLEY_EVALID, issue,
                       "%s targets %s, which has no issue, expected no "
                       "'issue'",
                       owner, target_words[w]);
            else if (ra && w == PARLEY_TARGET_RESERVATION &&
                     !s->actors[c->actor].reservation.present)
                report(L, PARLEY_EVALID, target,
                       "%s targets the reservation of '%s', which has none, "
                       "expected the actor to have a 'reservation'",
                       owner, s->actors[c->actor].id);
        } else if (w >= 0) {
            if (!need_ref(L, item, "issue", &L->issues, "issue", "issues",
                          owner, &c->issue) ||
                !ra)
                ;
            else if (!parley_i_stance(s, c->actor, c->issue)->present)
                report(L, PARLEY_EVALID, issue,
                       "%s: actor '%s' has no stance on '%s', expected a "
                       "stance to move",
                       owner, s->actors[c->actor].id, s->issues[c->issue].id);
            else if ((w == PARLEY_TARGET_RANGE_LOW ||
                      w == PARLEY_TARGET_RANGE_HIGH) &&
                     !parley_i_stance(s, c->actor, c->issue)->range_low.present)
                report(L, PARLEY_EVALID, target,
                       "%s targets the range of '%s' on '%s', which has "
                       "none, expected a stance with a 'range'",
                       owner, s->actors[c->actor].id, s->issues[c->issue].id);
        }
        get_num(L, item, "coef", owner, -INFINITY, INFINITY, 1, &c->coef);
        opt_source(L, item, "source", owner, &c->source);
        opt_text(L, item, "note", owner, &c->note);
        table_add(L, &ids, c->id, i, 0, item);
    }
    table_close(L, &ids, "coupling");
}

static void read_dynamics(loader *L, const yaml_node_t *v)
{
    parley_dynamics *d = &L->s->dynamics;
    const yaml_node_t *start, *horizon;
    long first = -1, months;
    char buf[64];

    if (!v || !check_map(L, v, "'dynamics'", dynamics_keys,
                         N_OF(dynamics_keys)))
        return;
    d->present = 1;
    start = need(L, v, "start", "'dynamics'", "a month YYYY-MM");
    if (start) {
        first = parse_month(start);
        if (first < 0)
            report(L, PARLEY_EVALID, start,
                   "'start' of 'dynamics' is %s, expected a month YYYY-MM",
                   describe(start, buf, sizeof buf));
        else if (!take_text(L, start, "start", "'dynamics'", &d->start))
            return;
        else {
            d->start_year = (int)(first / 12);
            d->start_month = (int)(first % 12) + 1;
        }
    }
    horizon = need(L, v, "horizon", "'dynamics'", "a number of months");
    if (horizon && take_int(L, horizon, "horizon", "'dynamics'", 1, 600,
                            &months))
        d->horizon = (int)months;
    else
        first = -1; /* no horizon: do not check shock months against it */
    read_variables(L, get(L, v, "variables"));
    if (!L->nomem)
        read_shocks(L, get(L, v, "shocks"), first);
    if (!L->nomem)
        read_couplings(L, get(L, v, "couplings"));
}

/* ---- conditions (outcome rules, durability) ------------------------------ */

/* The key that says what a condition tests, and the keys each allows. */
static const char *const cond_heads[] = {
    "issue", "mean_of",     "set", "outcomes", "accepted_by",
    "outside_range", "all", "any", "not"};
static const char *const cond_issue_keys[] = {
    "issue",  "match", "option",       "options",
    "values", "min",   "max",          "skip_options", "note"};
static const char *const cond_mean_keys[] = {"mean_of", "min", "max",
                                             "note"};
static const char *const cond_set_keys[] = {"set", "note"};
static const char *const cond_outcome_keys[] = {"outcomes", "note"};
static const char *const cond_accepted_keys[] = {"accepted_by", "note"};
static const char *const cond_outside_keys[] = {
    "outside_range", "issues", "top_salience", "skip_options", "note"};
static const char *const cond_all_keys[] = {"all", "note"};
static const char *const cond_any_keys[] = {"any", "note"};
static const char *const cond_not_keys[] = {"not", "note"};
static const char *const match_words[] = {"any", "all"};
/* Every key a condition may have, for messages about a map with no test. */
static const char *const cond_all_words[] = {
    "issue",  "mean_of", "set",          "outcomes", "accepted_by",
    "outside_range", "all", "any",       "not",      "match",
    "option", "options", "values",       "min",      "max",
    "skip_options",  "issues", "top_salience", "note"};

/* Nodes a condition needs: one per map, counted through all/any/not. */
static size_t count_cond(loader *L, const yaml_node_t *v)
{
    const yaml_node_t *c;
    size_t n = 1, i;

    if (!is_map(v))
        return 1;
    if ((c = get(L, v, "all")) != NULL && is_seq(c))
        for (i = 0; i < seq_len(c); i++)
            n += count_cond(L, seq_item(L, c, i));
    if ((c = get(L, v, "any")) != NULL && is_seq(c))
        for (i = 0; i < seq_len(c); i++)
            n += count_cond(L, seq_item(L, c, i));
    if ((c = get(L, v, "not")) != NULL)
        n += count_cond(L, c);
    return n;
}

/*
 * Reads a list of ids of table `t` (a single id is accepted as a list of
 * one) into a fresh array; each id once.  Returns 1 if the list is usable
 * and non-empty.
 */
static int read_ref_list(loader *L, const yaml_node_t *v, const char *key,
                         const char *owner, id_table *t, const char *kind,
                         const char *section, size_t **out, size_t *n_out)
{
    size_t n, j, i;
    char buf[64];
    int ok = 1;

    if (is_scalar(v)) {
        *out = alloc_n(L, 1, sizeof **out);
        if (!*out)
            return 0;
        *n_out = 1;
        (*out)[0] = PARLEY_NO_INDEX;
        return resolve(L, t, kind, section, v, owner, &(*out)[0]);
    }
    if (!is_seq(v) || seq_len(v) == 0) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is %s, expected a non-empty list of %s ids", key,
               owner,
               is_seq(v) ? "an empty list" : describe(v, buf, sizeof buf),
               kind);
        return 0;
    }
    n = seq_len(v);
    *out = alloc_n(L, n, sizeof **out);
    if (!*out)
        return 0;
    *n_out = n;
    for (j = 0; j < n; j++) {
        const yaml_node_t *item = seq_item(L, v, j);

        (*out)[j] = PARLEY_NO_INDEX;
        if (!resolve(L, t, kind, section, item, owner, &(*out)[j])) {
            ok = 0;
            continue;
        }
        for (i = 0; i < j; i++)
            if ((*out)[i] == (*out)[j]) {
                report(L, PARLEY_EVALID, item,
                       "%s %s is listed twice in '%s' of %s, expected each "
                       "once",
                       kind, describe(item, buf, sizeof buf), key, owner);
                ok = 0;
                break;
            }
    }
    return ok;
}

/*
 * Reads a list of option ids, each of one of `issues` (any issue when
 * n_issues is 0), into (issue, option) pairs.
 */
static int read_option_pairs(loader *L, const yaml_node_t *v,
                             const char *key, const char *owner,
                             const size_t *issues, size_t n_issues,
                             parley_cond_option **out, size_t *n_out)
{
    size_t n, j, i;
    char buf[64];
    int ok = 1;

    if (!is_seq(v) || seq_len(v) == 0) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is %s, expected a non-empty list of option ids",
               key, owner,
               is_seq(v) ? "an empty list" : describe(v, buf, sizeof buf));
        return 0;
    }
    n = seq_len(v);
    *out = alloc_n(L, n, sizeof **out);
    if (!*out)
        return 0;
    *n_out = n;
    for (j = 0; j < n; j++) {
        const yaml_node_t *item = seq_item(L, v, j);
        const id_entry *e = NULL;

        (*out)[j].issue = (*out)[j].option = PARLEY_NO_INDEX;
        if (n_issues == 1) {
            if (resolve_option(L, issues[0], item, owner, &(*out)[j].option))
                (*out)[j].issue = issues[0];
            else
                ok = 0;
            continue;
        }
        if (is_scalar(item) && !is_null(item) &&
            strlen(text(item)) == item->data.scalar.length)
            e = table_find(&L->options, text(item));
        if (!e) {
            const char *hint = is_scalar(item) && !diagnostics_full(L)
                                   ? table_suggest(&L->options, text(item))
                                   : NULL;

            if (hint)
                report(L, PARLEY_EVALID, item,
                       "unknown option %s in '%s' of %s, did you mean "
                       "'%s'? expected an option id declared under issues",
                       describe(item, buf, sizeof buf), key, owner, hint);
            else
                report(L, PARLEY_EVALID, item,
                       "unknown option %s in '%s' of %s, expected an "
                       "option id declared under issues",
                       describe(item, buf, sizeof buf), key, owner);
            ok = 0;
            continue;
        }
        for (i = 0; i < n_issues && issues[i] != e->index; i++)
            ;
        if (n_issues && i == n_issues) {
            report(L, PARLEY_EVALID, item,
                   "option %s in '%s' of %s belongs to issue '%s', "
                   "expected an option of one of the condition's issues",
                   describe(item, buf, sizeof buf), key, owner,
                   L->s->issues[e->index].id);
            ok = 0;
            continue;
        }
        (*out)[j].issue = e->index;
        (*out)[j].option = e->sub;
    }
    return ok;
}

/* The head key of a condition map: its index in cond_heads, or -1 after
 * reporting none or several. */
static int cond_head(loader *L, const yaml_node_t *v, const char *owner)
{
    int head = -1;
    size_t h;
    char list[256];
    size_t used = 0;

    list[0] = '\0';
    for (h = 0; h < N_OF(cond_heads); h++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s",
                         h ? ", " : "", cond_heads[h]);

        if (w > 0 && (size_t)w < sizeof list - used)
            used += (size_t)w;
        if (!get(L, v, cond_heads[h]))
            continue;
        if (head >= 0) {
            report(L, PARLEY_EVALID, get(L, v, cond_heads[h]),
                   "%s combines '%s' and '%s', expected one test per "
                   "condition (combine tests with all, any or not)",
                   owner, cond_heads[head], cond_heads[h]);
            return -1;
        }
        head = (int)h;
    }
    if (head < 0) {
        /* the keys are reported first, so a typo gets its did-you-mean */
        check_map(L, v, owner, cond_all_words, N_OF(cond_all_words));
        report(L, PARLEY_EVALID, v,
               "%s has no test, expected one of: %s", owner, list);
    }
    return head;
}

static size_t read_cond(loader *L, const yaml_node_t *v, const char *owner,
                        parley_condition *c, size_t *next);

/* ISSUE: `issue` (one id or a list) with option/options/values/min/max. */
static void read_cond_issue(loader *L, const yaml_node_t *v,
                            const char *owner, parley_cond *n)
{
    const yaml_node_t *w;
    int ok = 1, tests = 0;

    ok = read_ref_list(L, get(L, v, "issue"), "issue", owner, &L->issues,
                       "issue", "issues", &n->issues, &n->n_issues);
    if ((w = get(L, v, "match")) != NULL) {
        int m = take_word(L, w, "match", owner, match_words,
                          N_OF(match_words), NULL);

        n->match_all = m == 1;
    }
    if (!ok)
        return;
    if ((w = get(L, v, "option")) != NULL) {
        tests++;
        if (n->n_issues != 1) {
            report(L, PARLEY_EVALID, w,
                   "'option' of %s needs a single issue, expected 'options' "
                   "with a list of issues",
                   owner);
        } else {
            n->options = alloc_n(L, 1, sizeof *n->options);
            if (n->options) {
                n->n_options = 1;
                n->options[0].issue = PARLEY_NO_INDEX;
                if (resolve_option(L, n->issues[0], w, owner,
                                   &n->options[0].option))
                    n->options[0].issue = n->issues[0];
            }
        }
    }
    if ((w = get(L, v, "options")) != NULL) {
        tests++;
        if (get(L, v, "option"))
            report(L, PARLEY_EVALID, w,
                   "%s gives both 'option' and 'options', expected one of "
                   "them",
                   owner);
        else
            read_option_pairs(L, w, "options", owner, n->issues,
                              n->n_issues, &n->options, &n->n_options);
    }
    if ((w = get(L, v, "values")) != NULL) {
        size_t j, m;
        char buf[64];

        tests++;
        if (!is_seq(w) || seq_len(w) == 0) {
            report(L, PARLEY_EVALID, w,
                   "'values' of %s is %s, expected a non-empty list of "
                   "numbers",
                   owner,
                   is_seq(w) ? "an empty list" : describe(w, buf, sizeof buf));
        } else {
            m = seq_len(w);
            n->values = alloc_n(L, m, sizeof *n->values);
            if (n->values) {
                n->n_values = m;
                for (j = 0; j < m; j++) {
                    n->values[j] = NAN;
                    take_double(L, seq_item(L, w, j), "values", owner,
                                -INFINITY, INFINITY, &n->values[j]);
                }
            }
        }
    }
    if (get(L, v, "min") || get(L, v, "max")) {
        tests++;
        read_bounds(L, v, n->n_issues == 1 ? n->issues[0] : PARLEY_NO_INDEX,
                    owner, &n->min, &n->max);
    }
    if (tests == 0)
        report(L, PARLEY_EVALID, v,
               "%s names issues without a test, expected 'option', "
               "'options', 'values', 'min' or 'max'",
               owner);
    if ((w = get(L, v, "skip_options")) != NULL)
        read_option_pairs(L, w, "skip_options", owner, n->issues,
                          n->n_issues, &n->skip, &n->n_skip);
}

/* OUTSIDE: `outside_range: actor` with issues, top_salience, skip. */
static void read_cond_outside(loader *L, const yaml_node_t *v,
                              const char *owner, parley_cond *n)
{
    const yaml_node_t *w;

    resolve(L, &L->actors, "actor", "actors", get(L, v, "outside_range"),
            owner, &n->actor);
    if ((w = get(L, v, "issues")) != NULL)
        read_ref_list(L, w, "issues", owner, &L->issues, "issue", "issues",
                      &n->issues, &n->n_issues);
    if ((w = get(L, v, "top_salience")) != NULL) {
        long top;

        if (get(L, v, "issues"))
            report(L, PARLEY_EVALID, w,
                   "%s gives both 'issues' and 'top_salience', expected "
                   "one of them",
                   owner);
        else if (take_int(L, w, "top_salience", owner, 1, 100000, &top))
            n->top_salience = (size_t)top;
    }
    if ((w = get(L, v, "skip_options")) != NULL)
        read_option_pairs(L, w, "skip_options", owner, n->issues,
                          n->n_issues, &n->skip, &n->n_skip);
}

/* ALL/ANY: a non-empty list of conditions; NOT: one condition. */
static void read_cond_children(loader *L, const yaml_node_t *v,
                               const char *key, const char *owner,
                               parley_condition *c, size_t self,
                               size_t *next)
{
    const yaml_node_t *w = get(L, v, key);
    size_t j, m, child;
    char buf[64], sub[192];

    if (strcmp(key, "not") == 0) {
        snprintf(sub, sizeof sub, "'not' of %s", owner);
        child = read_cond(L, w, sub, c, next);
        c->nodes[self].refs = alloc_n(L, 1, sizeof *c->nodes[self].refs);
        if (c->nodes[self].refs) {
            c->nodes[self].n_refs = 1;
            c->nodes[self].refs[0] = child;
        }
        return;
    }
    if (!is_seq(w) || seq_len(w) == 0) {
        report(L, PARLEY_EVALID, w,
               "'%s' of %s is %s, expected a non-empty list of conditions",
               key, owner,
               is_seq(w) ? "an empty list" : describe(w, buf, sizeof buf));
        return;
    }
    m = seq_len(w);
    c->nodes[self].refs = alloc_n(L, m, sizeof *c->nodes[self].refs);
    if (!c->nodes[self].refs)
        return;
    c->nodes[self].n_refs = m;
    for (j = 0; j < m && !L->nomem; j++) {
        snprintf(sub, sizeof sub, "condition #%zu of '%s' in %s", j + 1, key,
                 owner);
        child = read_cond(L, seq_item(L, w, j), sub, c, next);
        c->nodes[self].refs[j] = child;
    }
}

/*
 * Reads one condition map into c->nodes[*next] (and its children after
 * it); returns its index.  Every problem is reported; reading goes on.
 */
static size_t read_cond(loader *L, const yaml_node_t *v, const char *owner,
                        parley_condition *c, size_t *next)
{
    size_t self = (*next)++;
    parley_cond *n;
    char buf[64];
    int head;

    if (self >= c->n_nodes)
        return 0; /* cannot happen: count_cond counted every map */
    n = &c->nodes[self];
    n->min = -INFINITY;
    n->max = INFINITY;
    n->actor = PARLEY_NO_INDEX;
    n->line = v ? to_unsigned(v->start_mark.line + 1) : 0;
    n->col = v ? to_unsigned(v->start_mark.column + 1) : 0;
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "%s is %s, expected a condition map such as {issue: X, min: "
               "40}",
               owner, describe(v, buf, sizeof buf));
        return self;
    }
    head = cond_head(L, v, owner);
    if (head < 0)
        return self;
    n->kind = (parley_cond_kind)head;
    switch (n->kind) {
    case PARLEY_COND_ISSUE:
        check_map(L, v, owner, cond_issue_keys, N_OF(cond_issue_keys));
        read_cond_issue(L, v, owner, n);
        break;
    case PARLEY_COND_MEAN:
        check_map(L, v, owner, cond_mean_keys, N_OF(cond_mean_keys));
        read_ref_list(L, get(L, v, "mean_of"), "mean_of", owner, &L->issues,
                      "issue", "issues", &n->issues, &n->n_issues);
        if (!get(L, v, "min") && !get(L, v, "max"))
            report(L, PARLEY_EVALID, v,
                   "%s has no bound, expected 'min', 'max' or both", owner);
        read_bounds(L, v, PARLEY_NO_INDEX, owner, &n->min, &n->max);
        break;
    case PARLEY_COND_SET:
        check_map(L, v, owner, cond_set_keys, N_OF(cond_set_keys));
        read_ref_list(L, get(L, v, "set"), "set", owner, &L->issues, "issue",
                      "issues", &n->issues, &n->n_issues);
        break;
    case PARLEY_COND_OUTCOME:
        check_map(L, v, owner, cond_outcome_keys, N_OF(cond_outcome_keys));
        read_ref_list(L, get(L, v, "outcomes"), "outcomes", owner,
                      &L->outcomes, "outcome", "outcomes", &n->refs,
                      &n->n_refs);
        break;
    case PARLEY_COND_ACCEPTED:
        check_map(L, v, owner, cond_accepted_keys,
                  N_OF(cond_accepted_keys));
        read_ref_list(L, get(L, v, "accepted_by"), "accepted_by", owner,
                      &L->actors, "actor", "actors", &n->refs, &n->n_refs);
        break;
    case PARLEY_COND_OUTSIDE:
        check_map(L, v, owner, cond_outside_keys, N_OF(cond_outside_keys));
        read_cond_outside(L, v, owner, n);
        break;
    case PARLEY_COND_ALL:
        check_map(L, v, owner, cond_all_keys, N_OF(cond_all_keys));
        read_cond_children(L, v, "all", owner, c, self, next);
        break;
    case PARLEY_COND_ANY:
        check_map(L, v, owner, cond_any_keys, N_OF(cond_any_keys));
        read_cond_children(L, v, "any", owner, c, self, next);
        break;
    case PARLEY_COND_NOT:
        check_map(L, v, owner, cond_not_keys, N_OF(cond_not_keys));
        read_cond_children(L, v, "not", owner, c, self, next);
        break;
    }
    return self;
}

/* Reads the condition under `key` of map (absent: an empty condition). */
static void read_condition(loader *L, const yaml_node_t *map,
                           const char *key, const char *owner,
                           parley_condition *c)
{
    const yaml_node_t *v = get(L, map, key);
    size_t n, next = 0;
    char sub[224];

    if (!v)
        return;
    n = count_cond(L, v);
    c->nodes = alloc_n(L, n, sizeof *c->nodes);
    if (!c->nodes)
        return;
    c->n_nodes = n;
    snprintf(sub, sizeof sub, "'%s' of %s", key, owner);
    read_cond(L, v, sub, c, &next);
}

/* ---- linear terms (impact dimensions, durability factors) --------------- */

static const char *const impact_term_keys[] = {"issue", "mean_of", "coef",
                                               "note"};

/*
 * Reads `terms`: each {issue: X, coef: num} or {mean_of: [X, Y], coef: num}
 * (coef times the mean of the issues' values).  An issue appears once
 * across the terms.  need_status_quo: every issue must have a status quo.
 */
static void read_terms(loader *L, const yaml_node_t *v, const char *owner,
                       int need_status_quo, parley_impact_term **out,
                       size_t *n_out)
{
    id_table seen = {NULL, 0, 0, 0};
    size_t n, j, i;

    *out = list_alloc(L, v, "terms", owner, sizeof **out, &n, NULL);
    if (!*out)
        return;
    *n_out = n;
    for (j = 0; j < n; j++) {
        (*out)[j].issue = PARLEY_NO_INDEX;
        (*out)[j].coef = num_unset();
    }
    for (j = 0; j < n && !L->nomem; j++) {
        parley_impact_term *t = &(*out)[j];
        const yaml_node_t *item = seq_item(L, v, j), *mean;
        char sub[192], *note = NULL;

        snprintf(sub, sizeof sub, "term #%zu of %s", j + 1, owner);
        if (!check_map(L, item, sub, impact_term_keys,
                       N_OF(impact_term_keys)))
            continue;
        mean = get(L, item, "mean_of");
        if (mean && get(L, item, "issue")) {
            report(L, PARLEY_EVALID, mean,
                   "%s gives both 'issue' and 'mean_of', expected one of "
                   "them",
                   sub);
        } else if (mean) {
            if (read_ref_list(L, mean, "mean_of", sub, &L->issues, "issue",
                              "issues", &t->mean_issues, &t->n_mean_issues))
                for (i = 0; i < t->n_mean_issues; i++)
                    table_add(L, &seen, L->s->issues[t->mean_issues[i]].id,
                              j, 0, seq_item(L, mean, i));
        } else if (need_ref(L, item, "issue", &L->issues, "issue", "issues",
                            sub, &t->issue)) {
            table_add(L, &seen, L->s->issues[t->issue].id, j, 0,
                      get(L, item, "issue"));
        }
        if (need_status_quo) {
            size_t m = t->n_mean_issues ? t->n_mean_issues : 1;

            for (i = 0; i < m; i++) {
                size_t k = t->n_mean_issues ? t->mean_issues[i] : t->issue;
                const yaml_node_t *at = t->n_mean_issues
                                            ? seq_item(L, mean, i)
                                            : get(L, item, "issue");

                if (k != PARLEY_NO_INDEX &&
                    isnan(L->s->issues[k].status_quo))
                    report(L, PARLEY_EVALID, at,
                           "issue '%s' in %s has no status_quo, expected "
                           "an issue with one (an open issue takes its "
                           "status quo)",
                           L->s->issues[k].id, sub);
            }
        }
        get_num(L, item, "coef", sub, -INFINITY, INFINITY, 1, &t->coef);
        opt_text(L, item, "note", sub, &note);
        parley_i_strfree(L->ctx, note);
    }
    if (!L->nomem) {
        char what[160];

        snprintf(what, sizeof what, "term issue in %s: issue", owner);
        table_finish(L, &seen, what);
    }
    table_free(L, &seen);
}

/* clip: [min, max] with min < max. */
static void read_clip(loader *L, const yaml_node_t *clip, const char *owner,
                      double *clip_min, double *clip_max)
{
    double lo, hi;
    char buf[64];

    if (!clip)
        return;
    if (!is_seq(clip) || seq_len(clip) != 2)
        report(L, PARLEY_EVALID, clip,
               "'clip' of %s is %s, expected [min, max]", owner,
               describe(clip, buf, sizeof buf));
    else if (take_double(L, seq_item(L, clip, 0), "clip", owner, -INFINITY,
                         INFINITY, &lo) &&
             take_double(L, seq_item(L, clip, 1), "clip", owner, -INFINITY,
                         INFINITY, &hi)) {
        if (!(lo < hi))
            report(L, PARLEY_EVALID, clip,
                   "'clip' of %s is [%g, %g], expected min < max", owner, lo,
                   hi);
        *clip_min = lo;
        *clip_max = hi;
    }
}

/* ---- outcome classification rules --------------------------------------- */

/* The `when` and `default` keys of outcome types, read once actors, issues
 * and options are known. */
static void read_outcome_rules(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    const yaml_node_t *first_default = NULL;
    size_t i;

    if (!is_seq(v))
        return;
    for (i = 0; i < s->n_outcome_types && i < seq_len(v) && !L->nomem;
         i++) {
        parley_outcome_type *o = &s->outcome_types[i];
        const yaml_node_t *item = seq_item(L, v, i), *d;
        char owner[96];
        int is_default = 0;

        if (!is_map(item))
            continue;
        if (o->id)
            snprintf(owner, sizeof owner, "outcome '%s'", o->id);
        else
            snprintf(owner, sizeof owner, "outcome #%zu", i + 1);
        if (get(L, item, "when")) {
            o->has_when = 1;
            read_condition(L, item, "when", owner, &o->when);
        }
        if (opt_bool(L, item, "default", owner, &is_default) == 1 &&
            is_default) {
            d = get(L, item, "default");
            if (first_default)
                report(L, PARLEY_EVALID, d,
                       "%s is a second default outcome (first at %u:%u), "
                       "expected at most one outcome with default: true",
                       owner, to_unsigned(first_default->start_mark.line + 1),
                       to_unsigned(first_default->start_mark.column + 1));
            else
                first_default = d;
            o->is_default = 1;
            if (o->has_when)
                report(L, PARLEY_EVALID, d,
                       "%s has both 'when' and 'default: true', expected "
                       "one of them (the default is the class when no "
                       "rule holds)",
                       owner);
        }
    }
}

/* ---- durability --------------------------------------------------------- */

static const char *const durability_keys[] = {"base",    "clip",   "factors",
                                              "vetoes",  "source", "note"};
static const char *const factor_keys[] = {"id",    "name", "when",
                                          "points", "terms", "share",
                                          "flag",  "source", "note"};
static const char *const veto_keys[] = {
    "id",           "name",   "actors", "issues", "top_salience",
    "skip_options", "points", "flag",   "source", "note"};

static void read_vetoes(loader *L, const yaml_node_t *v, id_table *ids)
{
    parley_durability_model *m = &L->s->durability;
    size_t n, i;

    m->vetoes = list_alloc(L, v, "vetoes", "'durability'",
                           sizeof *m->vetoes, &n, ids);
    if (!m->vetoes)
        return;
    m->n_vetoes = n;
    for (i = 0; i < n; i++) {
        m->vetoes[i].source = PARLEY_NO_INDEX;
        m->vetoes[i].points = num_unset();
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_durability_veto *ve = &m->vetoes[i];
        const yaml_node_t *item = seq_item(L, v, i), *w;
        char owner[96];

        if (!open_item(L, item, "durability veto", i, veto_keys,
                       N_OF(veto_keys), &ve->id, owner, sizeof owner, ids))
            continue;
        ve->line = to_unsigned(item->start_mark.line + 1);
        ve->col = to_unsigned(item->start_mark.column + 1);
        table_add(L, ids, ve->id, i, 0, item);
        opt_text(L, item, "name", owner, &ve->name);
        w = need(L, item, "actors", owner, "a list of actor ids");
        if (w)
            read_ref_list(L, w, "actors", owner, &L->actors, "actor",
                          "actors", &ve->actors, &ve->n_actors);
        if ((w = get(L, item, "issues")) != NULL)
            read_ref_list(L, w, "issues", owner, &L->issues, "issue",
                          "issues", &ve->issues, &ve->n_issues);
        if ((w = get(L, item, "top_salience")) != NULL) {
            long top;

            if (get(L, item, "issues"))
                report(L, PARLEY_EVALID, w,
                       "%s gives both 'issues' and 'top_salience', "
                       "expected one of them",
                       owner);
            else if (take_int(L, w, "top_salience", owner, 1, 100000, &top))
                ve->top_salience = (size_t)top;
        }
        if ((w = get(L, item, "skip_options")) != NULL)
            read_option_pairs(L, w, "skip_options", owner, ve->issues,
                              ve->n_issues, &ve->skip, &ve->n_skip);
        get_num(L, item, "points", owner, -INFINITY, INFINITY, 0,
                &ve->points);
        opt_cited(L, item, owner, &ve->flag, &ve->source);
        opt_text(L, item, "note", owner, &ve->note);
    }
    if (!L->nomem)
        table_finish(L, ids, "durability veto");
}

static void read_factors(loader *L, const yaml_node_t *v, id_table *vetoes)
{
    parley_durability_model *m = &L->s->durability;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i;

    m->factors = list_alloc(L, v, "factors", "'durability'",
                            sizeof *m->factors, &n, NULL);
    if (!m->factors)
        return;
    m->n_factors = n;
    for (i = 0; i < n; i++) {
        m->factors[i].source = PARLEY_NO_INDEX;
        m->factors[i].share = PARLEY_NO_INDEX;
        m->factors[i].points = num_unset();
    }
    for (i = 0; i < n && !L->nomem; i++) {
        parley_durability_factor *f = &m->factors[i];
        const yaml_node_t *item = seq_item(L, v, i), *w;
        char owner[96];

        if (!open_item(L, item, "durability factor", i, factor_keys,
                       N_OF(factor_keys), &f->id, owner, sizeof owner, NULL))
            continue;
        f->line = to_unsigned(item->start_mark.line + 1);
        f->col = to_unsigned(item->start_mark.column + 1);
        table_add(L, &ids, f->id, i, 0, item);
        opt_text(L, item, "name", owner, &f->name);
        read_condition(L, item, "when", owner, &f->when);
        get_num(L, item, "points", owner, -INFINITY, INFINITY, 0,
                &f->points);
        if ((w = get(L, item, "terms")) != NULL)
            read_terms(L, w, owner, 1, &f->terms, &f->n_terms);
        if (!get(L, item, "points") && !get(L, item, "terms"))
            report(L, PARLEY_EVALID, item,
                   "%s has neither 'points' nor 'terms', expected at least "
                   "one of them",
                   owner);
        if ((w = get(L, item, "share")) != NULL) {
            resolve(L, vetoes, "durability veto", "durability.vetoes", w,
                    owner, &f->share);
            if (!get(L, item, "points"))
                report(L, PARLEY_EVALID, w,
                       "'share' of %s without 'points', expected the "
                       "points the share multiplies",
                       owner);
        }
        opt_cited(L, item, owner, &f->flag, &f->source);
        opt_text(L, item, "note", owner, &f->note);
    }
    table_close(L, &ids, "durability factor");
}

static void read_durability(loader *L, const yaml_node_t *v)
{
    parley_durability_model *m = &L->s->durability;
    id_table vetoes = {NULL, 0, 0, 0};

    m->base = num_unset();
    m->source = PARLEY_NO_INDEX;
    m->clip_min = -INFINITY;
    m->clip_max = INFINITY;
    if (!v)
        return;
    if (!check_map(L, v, "'durability'", durability_keys,
                   N_OF(durability_keys)))
        return;
    m->present = 1;
    get_num(L, v, "base", "'durability'", -INFINITY, INFINITY, 1, &m->base);
    read_clip(L, get(L, v, "clip"), "'durability'", &m->clip_min,
              &m->clip_max);
    read_vetoes(L, get(L, v, "vetoes"), &vetoes);
    if (!L->nomem)
        read_factors(L, get(L, v, "factors"), &vetoes);
    table_free(L, &vetoes);
    opt_source(L, v, "source", "'durability'", &m->source);
    opt_text(L, v, "note", "'durability'", &m->note);
}

/* ---- impacts ------------------------------------------------------------ */

static const char *const impact_keys[] = {"id",         "name",   "actor",
                                          "dimensions", "source", "note"};
static const char *const dim_keys[] = {
    "id",    "name",             "weight", "by_outcome", "intercept",
    "terms", "formula_outcomes", "adjust", "clip",       "source",
    "note",  "group"};
static const char *const adjust_keys[] = {
    "issue",           "option",              "min",   "max",
    "outcomes",        "durability_below",    "durability_at_least",
    "delta",           "set",                 "note"};

/* A list of outcome ids into a fresh array. */
static void read_outcome_list(loader *L, const yaml_node_t *v,
                              const char *key, const char *owner,
                              size_t **out, size_t *n_out)
{
    size_t n, j;

    *out = list_alloc(L, v, key, owner, sizeof **out, &n, NULL);
    if (!*out)
        return;
    *n_out = n;
    for (j = 0; j < n; j++) {
        (*out)[j] = PARLEY_NO_INDEX;
        resolve(L, &L->outcomes, "outcome", "outcomes", seq_item(L, v, j),
                owner, &(*out)[j]);
    }
}

static void read_adjust(loader *L, parley_impact_adjust *ad,
                        const yaml_node_t *v, const char *owner)
{
    const yaml_node_t *issue = get(L, v, "issue"), *opt = get(L, v, "option");
    char *note = NULL;
    int has_value;

    if (!check_map(L, v, owner, adjust_keys, N_OF(adjust_keys)))
        return;
    if (issue)
        resolve(L, &L->issues, "issue", "issues", issue, owner, &ad->issue);
    has_value = get(L, v, "min") || get(L, v, "max");
    if ((opt || has_value) && !issue)
        report(L, PARLEY_EVALID, opt ? opt : v,
               "%s has a%s condition without an 'issue', expected 'issue' "
               "with it",
               owner, opt ? "n option" : " min/max");
    else if (issue && !opt && !has_value)
        report(L, PARLEY_EVALID, issue,
               "%s names issue '%s' without a condition, expected 'option', "
               "'min' or 'max'",
               owner, text(issue));
    if (ad->issue != PARLEY_NO_INDEX) {
        if (opt)
            resolve_option(L, ad->issue, opt, owner, &ad->option);
        read_bounds(L, v, ad->issue, owner, &ad->min, &ad->max);
    }
    read_outcome_list(L, get(L, v, "outcomes"), "outcomes", owner,
                      &ad->outcomes, &ad->n_outcomes);
    opt_double(L, v, "durability_below", owner, 0, 100,
               &ad->durability_below);
    opt_double(L, v, "durability_at_least", owner, 0, 100,
               &ad->durability_at_least);
    if (!issue && !get(L, v, "outcomes") && !get(L, v, "durability_below") &&
        !get(L, v, "durability_at_least"))
        report(L, PARLEY_EVALID, v,
               "%s has no condition, expected at least one of issue, "
               "outcomes, durability_below, durability_at_least",
               owner);
    if (get(L, v, "set")) {
        /* set: assigns the score instead of adding to it (brief 7.4 "=") */
        if (get(L, v, "delta"))
            report(L, PARLEY_EVALID, get(L, v, "set"),
                   "%s gives both 'delta' and 'set', expected one of them "
                   "(delta adds, set assigns)",
                   owner);
        else if (get_num(L, v, "set", owner, -INFINITY, INFINITY, 1,
                         &ad->delta))
            ad->assign = 1;
    } else if (!get(L, v, "delta")) {
        report(L, PARLEY_EVALID, v,
               "missing required key 'delta' in %s, expected a number to "
               "add (or 'set' with a number to assign)",
               owner);
    } else {
        get_num(L, v, "delta", owner, -INFINITY, INFINITY, 1, &ad->delta);
    }
    opt_text(L, v, "note", owner, &note);
    parley_i_strfree(L->ctx, note);
}

static void read_by_outcome(loader *L, parley_impact_dim *dim,
                            const yaml_node_t *v, const char *owner)
{
    size_t n_types = L->s->n_outcome_types, i, n, o;
    char sub[192], buf[64];

    snprintf(sub, sizeof sub, "'by_outcome' of %s", owner);
    if (!is_map(v)) {
        report(L, PARLEY_EVALID, v,
               "%s is %s, expected a map of outcome id to score", sub,
               describe(v, buf, sizeof buf));
        return;
    }
    check_keys_unique(L, v, sub);
    n = map_len(v);
    for (i = 0; i < n && !L->nomem; i++) {
        const yaml_node_t *key = pair_key(L, v, i);
        parley_num score = num_unset();

        if (!is_scalar(key) ||
            !resolve(L, &L->outcomes, "outcome", "outcomes", key, sub, &o))
            continue;
        if (!take_num(L, pair_value(L, v, i), text(key), sub, -INFINITY,
                      INFINITY, &score))
            continue;
        /* an uncertain cell ("0 / -1" in brief 7.3) scores at its mode */
        if (o < n_types && isnan(dim->by_outcome[o])) {
            dim->by_outcome[o] = score.mode;
            dim->by_outcome_flag[o] = score.flag;
            dim->by_outcome_low[o] = score.low;
            dim->by_outcome_high[o] = score.high;
        }
    }
}

static void read_dimension(loader *L, parley_impact_dim *dim,
                           const yaml_node_t *item, const char *owner)
{
    size_t n_types = L->s->n_outcome_types, j, n;
    const yaml_node_t *v;

    opt_text(L, item, "name", owner, &dim->name);
    get_num(L, item, "weight", owner, 0, INFINITY, 1, &dim->weight);
    dim->by_outcome = alloc_n(L, n_types, sizeof *dim->by_outcome);
    dim->by_outcome_flag = alloc_n(L, n_types, sizeof *dim->by_outcome_flag);
    dim->by_outcome_low = alloc_n(L, n_types, sizeof *dim->by_outcome_low);
    dim->by_outcome_high = alloc_n(L, n_types, sizeof *dim->by_outcome_high);
    if (L->nomem)
        return;
    for (j = 0; j < n_types; j++)
        dim->by_outcome[j] = dim->by_outcome_low[j] =
            dim->by_outcome_high[j] = NAN;
    v = get(L, item, "by_outcome");
    if (v)
        read_by_outcome(L, dim, v, owner);
    get_num(L, item, "intercept", owner, -INFINITY, INFINITY, 0,
            &dim->intercept);
    read_terms(L, get(L, item, "terms"), owner, 0, &dim->terms,
               &dim->n_terms);
    v = get(L, item, "formula_outcomes");
    if (v) {
        read_outcome_list(L, v, "formula_outcomes", owner,
                          &dim->formula_outcomes, &dim->n_formula_outcomes);
        if (!dim->intercept.present && !get(L, item, "terms"))
            report(L, PARLEY_EVALID, v,
                   "'formula_outcomes' of %s without a formula, expected "
                   "'intercept' or 'terms'",
                   owner);
    }
    if (!get(L, item, "by_outcome") && !dim->intercept.present &&
        !get(L, item, "terms"))
        report(L, PARLEY_EVALID, item,
               "%s has no score, expected 'by_outcome', 'intercept' or "
               "'terms'",
               owner);
    v = get(L, item, "adjust");
    dim->adjust = list_alloc(L, v, "adjust", owner, sizeof *dim->adjust, &n,
                             NULL);
    if (dim->adjust)
        dim->n_adjust = n;
    for (j = 0; j < dim->n_adjust; j++) {
        parley_impact_adjust *ad = &dim->adjust[j];

        ad->issue = ad->option = PARLEY_NO_INDEX;
        ad->min = -INFINITY;
        ad->max = INFINITY;
        ad->durability_below = NAN;
        ad->durability_at_least = NAN;
        ad->delta = num_unset();
    }
    for (j = 0; j < dim->n_adjust && !L->nomem; j++) {
        char sub[192];

        snprintf(sub, sizeof sub, "adjustment #%zu of %s", j + 1, owner);
        read_adjust(L, &dim->adjust[j], seq_item(L, v, j), sub);
    }
    read_clip(L, get(L, item, "clip"), owner, &dim->clip_min,
              &dim->clip_max);
    opt_source(L, item, "source", owner, &dim->source);
    opt_text(L, item, "note", owner, &dim->note);
    opt_text(L, item, "group", owner, &dim->group);
}

static void read_impacts(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t n, i, j;
    int ok;

    s->impacts = list_alloc(L, v, "impacts", "the scenario",
                            sizeof *s->impacts, &n, NULL);
    if (!s->impacts)
        return;
    s->n_impacts = n;
    for (i = 0; i < n; i++)
        s->impacts[i].actor = s->impacts[i].source = PARLEY_NO_INDEX;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_impact *im = &s->impacts[i];
        const yaml_node_t *item = seq_item(L, v, i), *dims, *actor;
        id_table dim_ids = {NULL, 0, 0, 0};
        char owner[96], what[160];
        size_t m;

        if (!open_item(L, item, "impact", i, impact_keys, N_OF(impact_keys),
                       &im->id, owner, sizeof owner, NULL))
            continue;
        opt_text(L, item, "name", owner, &im->name);
        actor = get(L, item, "actor");
        if (actor)
            resolve(L, &L->actors, "actor", "actors", actor, owner,
                    &im->actor);
        opt_source(L, item, "source", owner, &im->source);
        {
            char *note = NULL;

            opt_text(L, item, "note", owner, &note);
            parley_i_strfree(L->ctx, note);
        }
        table_add(L, &ids, im->id, i, 0, item);
        dims = need(L, item, "dimensions", owner, "a list of dimensions");
        m = list_of(L, dims, "dimensions", owner, &ok);
        if (dims && ok && m == 0)
            report(L, PARLEY_EVALID, dims,
                   "'dimensions' of %s is empty, expected at least one "
                   "dimension",
                   owner);
        im->dims = alloc_n(L, m, sizeof *im->dims);
        if (!im->dims)
            continue;
        im->n_dims = m;
        for (j = 0; j < m; j++) {
            parley_impact_dim *dim = &im->dims[j];

            dim->weight = dim->intercept = num_unset();
            dim->clip_min = -INFINITY;
            dim->clip_max = INFINITY;
            dim->source = PARLEY_NO_INDEX;
        }
        for (j = 0; j < m && !L->nomem; j++) {
            const yaml_node_t *d = seq_item(L, dims, j);
            char sub[192];

            snprintf(sub, sizeof sub, "dimension #%zu of %s", j + 1, owner);
            if (!check_map(L, d, sub, dim_keys, N_OF(dim_keys)))
                continue;
            if (take_id(L, d, sub, &im->dims[j].id))
                snprintf(sub, sizeof sub, "dimension '%s' of %s",
                         im->dims[j].id, owner);
            table_add(L, &dim_ids, im->dims[j].id, j, 0, d);
            read_dimension(L, &im->dims[j], d, sub);
        }
        snprintf(what, sizeof what, "dimension (in %s)", owner);
        table_close(L, &dim_ids, what);
    }
    table_close(L, &ids, "impact");
}

/* ---- blocs -------------------------------------------------------------- */

static const char *const bloc_keys[] = {"id",          "name",   "actors",
                                        "correlation", "source", "note"};

/*
 * Blocs of allies: an id, at least two distinct actors and a correlation in
 * [0, 1] (a point value, not a triangle).  An actor may belong to one bloc
 * only, so every input has at most one correlation.
 */
static void read_blocs(loader *L, const yaml_node_t *v)
{
    parley_scenario *s = L->s;
    id_table ids = {NULL, 0, 0, 0};
    size_t *owner_bloc = NULL;
    size_t n, i, j;
    int ok;

    s->blocs = list_alloc(L, v, "blocs", "the scenario", sizeof *s->blocs, &n,
                          NULL);
    if (!s->blocs)
        return;
    s->n_blocs = n;
    for (i = 0; i < n; i++) {
        s->blocs[i].source = PARLEY_NO_INDEX;
        s->blocs[i].correlation = num_unset();
    }
    owner_bloc = alloc_n(L, s->n_actors, sizeof *owner_bloc);
    if (!owner_bloc)
        return;
    for (j = 0; j < s->n_actors; j++)
        owner_bloc[j] = PARLEY_NO_INDEX;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_bloc *b = &s->blocs[i];
        const yaml_node_t *item = seq_item(L, v, i), *actors;
        char owner[96], buf[64];
        size_t m;

        if (!open_item(L, item, "bloc", i, bloc_keys, N_OF(bloc_keys),
                       &b->id, owner, sizeof owner, NULL))
            continue;
        opt_text(L, item, "name", owner, &b->name);
        actors = need(L, item, "actors", owner,
                      "a list of at least two actor ids");
        m = list_of(L, actors, "actors", owner, &ok);
        if (actors && ok && m < 2)
            report(L, PARLEY_EVALID, actors,
                   "'actors' of %s has %zu actor%s, expected at least two "
                   "actor ids",
                   owner, m, m == 1 ? "" : "s");
        b->actors = alloc_n(L, m, sizeof *b->actors);
        if (b->actors) {
            b->n_actors = m;
            for (j = 0; j < m; j++) {
                const yaml_node_t *a = seq_item(L, actors, j);
                size_t k, actor = PARLEY_NO_INDEX;

                b->actors[j] = PARLEY_NO_INDEX;
                if (!resolve(L, &L->actors, "actor", "actors", a, owner,
                             &actor))
                    continue;
                for (k = 0; k < j && b->actors[k] != actor; k++)
                    ;
                if (k < j) {
                    report(L, PARLEY_EVALID, a,
                           "actor '%s' is listed twice in %s, expected "
                           "each actor once",
                           s->actors[actor].id, owner);
                    continue;
                }
                if (owner_bloc[actor] != PARLEY_NO_INDEX) {
                    const parley_bloc *first = &s->blocs[owner_bloc[actor]];

                    if (first->id)
                        snprintf(buf, sizeof buf, "'%s'", first->id);
                    else
                        snprintf(buf, sizeof buf, "#%zu",
                                 owner_bloc[actor] + 1);
                    report(L, PARLEY_EVALID, a,
                           "actor '%s' in %s is already in bloc %s, "
                           "expected each actor in at most one bloc",
                           s->actors[actor].id, owner, buf);
                    continue;
                }
                owner_bloc[actor] = i;
                b->actors[j] = actor;
            }
        }
        if (get_num(L, item, "correlation", owner, 0, 1, 1,
                    &b->correlation) &&
            b->correlation.uncertain)
            report(L, PARLEY_EVALID, get(L, item, "correlation"),
                   "'correlation' of %s is uncertain ({low, mode, high}), "
                   "expected a point value from 0 to 1",
                   owner);
        opt_source(L, item, "source", owner, &b->source);
        opt_text(L, item, "note", owner, &b->note);
        table_add(L, &ids, b->id, i, 0, item);
    }
    parley_i_free(L->ctx, owner_bloc, s->n_actors * sizeof *owner_bloc);
    table_close(L, &ids, "bloc");
}

/* ---- negotiation ------------------------------------------------------- */

static const char *const negotiation_keys[] = {
    "protocol", "deadline", "signatories", "armistice", "frozen",
    "collapse", "flag",     "source",      "note"};
static const char *const armistice_keys[] = {"issue", "outcome", "flag",
                                             "source", "note"};
static const char *const frozen_keys[] = {"all",  "months", "outcome",
                                          "flag", "source", "note"};
static const char *const collapse_keys[] = {"any", "outcome", "flag", "source",
                                            "note"};
static const char *const state_test_keys[] = {"variable", "min", "max", "note"};
static const char *const protocol_words[] = {"none", "alternating", "mediator"};

/* "YYYY-MM" of month `offset` after the dynamics' start. */
static const char *month_text(const parley_dynamics *d, long offset, char *buf,
                              size_t cap)
{
    long m = (long)d->start_year * 12 + d->start_month - 1 + offset;

    snprintf(buf, cap, "%04ld-%02ld", m / 12, m % 12 + 1);
    return buf;
}

/*
 * The deadline of the talks: a month YYYY-MM from dynamics.start to the
 * end of the horizon, or a number of months from 0 to the horizon.  Stored
 * as months after the start.
 */
static void read_deadline(loader *L, const yaml_node_t *v)
{
    const parley_dynamics *d = &L->s->dynamics;
    char buf[64], first[16], last[16];
    long month = -1;
    double count;

    if (!d->present) {
        report(L, PARLEY_EVALID, v,
               "'deadline' of 'negotiation' needs 'dynamics' (a start and "
               "a horizon), expected a deadline within the horizon");
        return;
    }
    if (!d->start || d->horizon < 1)
        return; /* the dynamics' own error is reported */
    month_text(d, 0, first, sizeof first);
    month_text(d, d->horizon, last, sizeof last);
    if (parse_month(v) >= 0) {
        month =
            parse_month(v) - ((long)d->start_year * 12 + d->start_month - 1);
        if (month < 0 || month > d->horizon) {
            report(L, PARLEY_EVALID, v,
                   "'deadline' of 'negotiation' is %s, outside the "
                   "horizon, expected a month from %s to %s",
                   describe(v, buf, sizeof buf), first, last);
            return;
        }
    } else if (is_scalar(v) &&
               v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
               strlen(text(v)) == v->data.scalar.length &&
               parley_i_parse_double(text(v), &count)) {
        if (count != floor(count) || count < 0 || count > d->horizon) {
            report(L, PARLEY_EVALID, v,
                   "'deadline' of 'negotiation' is %g months, outside the "
                   "horizon, expected a whole number from 0 to %d (or a "
                   "month from %s to %s)",
                   count, d->horizon, first, last);
            return;
        }
        month = (long)count;
    } else {
        report(L, PARLEY_EVALID, v,
               "'deadline' of 'negotiation' is %s, expected a month "
               "YYYY-MM from %s to %s or a number of months from 0 to %d",
               describe(v, buf, sizeof buf), first, last, d->horizon);
        return;
    }
    L->s->negotiation.deadline = (int)month;
}

/*
 * The tests of a frozen (`all`) or collapse (`any`) rule: a non-empty list
 * of {variable, min, max, note}, each with min, max or both (inclusive).
 */
static void read_state_tests(loader *L, const yaml_node_t *v, const char *key,
                             const char *owner, parley_end_rule *rule)
{
    size_t n, i;
    char buf[64];

    if (!is_seq(v) || seq_len(v) == 0) {
        report(L, PARLEY_EVALID, v,
               "'%s' of %s is %s, expected a non-empty list of tests "
               "{variable, min, max}",
               key, owner,
               is_seq(v) ? "an empty list" : describe(v, buf, sizeof buf));
        return;
    }
    n = seq_len(v);
    rule->tests = alloc_n(L, n, sizeof *rule->tests);
    if (!rule->tests)
        return;
    rule->n_tests = n;
    for (i = 0; i < n && !L->nomem; i++) {
        parley_state_test *t = &rule->tests[i];
        const yaml_node_t *item = seq_item(L, v, i);
        char sub[160], *note = NULL;
        int rmin, rmax;

        t->variable = PARLEY_NO_INDEX;
        t->min = -INFINITY;
        t->max = INFINITY;
        snprintf(sub, sizeof sub, "test #%zu of %s", i + 1, owner);
        if (!check_map(L, item, sub, state_test_keys, N_OF(state_test_keys)))
            continue;
        t->line = to_unsigned(item->start_mark.line + 1);
        t->col = to_unsigned(item->start_mark.column + 1);
        need_ref(L, item, "variable", &L->variables, "variable",
                 "dynamics.variables", sub, &t->variable);
        rmin = opt_double(L, item, "min", sub, -INFINITY, INFINITY, &t->min);
        rmax = opt_double(L, item, "max", sub, -INFINITY, INFINITY, &t->max);
        if (rmin == 0 && rmax == 0)
            report(L, PARLEY_EVALID, item,
                   "%s has neither 'min' nor 'max', expected at least one "
                   "of them",
                   sub);
        else if (rmin == 1 && rmax == 1 && t->min > t->max)
            report(L, PARLEY_EVALID, get(L, item, "max"),
                   "%s has min %g above max %g, expected min <= max", sub,
                   t->min, t->max);
        if (opt_text(L, item, "note", sub, &note))
            parley_i_strfree(L->ctx, note); /* kept in the file only */
    }
}

/* The keys every end-state rule shares: outcome, flag, source, note
 * (read after the rule's own keys, so messages come in file order). */
static void read_rule_common(loader *L, const yaml_node_t *v, const char *owner,
                             parley_end_rule *rule)
{
    rule->present = 1;
    rule->line = to_unsigned(v->start_mark.line + 1);
    rule->col = to_unsigned(v->start_mark.column + 1);
    need_ref(L, v, "outcome", &L->outcomes, "outcome", "outcomes", owner,
             &rule->outcome);
    opt_cited(L, v, owner, &rule->flag, &rule->source);
    opt_text(L, v, "note", owner, &rule->note);
}

static void read_armistice(loader *L, const yaml_node_t *v)
{
    parley_end_rule *rule = &L->s->negotiation.armistice;
    const char *owner = "'negotiation.armistice'";
    const yaml_node_t *issue;

    if (!check_map(L, v, owner, armistice_keys, N_OF(armistice_keys)))
        return;
    issue = get(L, v, "issue");
    if (need_ref(L, v, "issue", &L->issues, "issue", "issues", owner,
                 &rule->issue) &&
        L->s->issues[rule->issue].n_options == 0)
        report(L, PARLEY_EVALID, issue,
               "the armistice issue '%s' has no options, expected an issue "
               "with options (the armistice signs one of them)",
               L->s->issues[rule->issue].id);
    read_rule_common(L, v, owner, rule);
}

static void read_frozen(loader *L, const yaml_node_t *v)
{
    parley_end_rule *rule = &L->s->negotiation.frozen;
    const char *owner = "'negotiation.frozen'";
    const yaml_node_t *all, *months;
    int horizon = L->s->dynamics.horizon;
    long m;

    if (!check_map(L, v, owner, frozen_keys, N_OF(frozen_keys)))
        return;
    all = need(L, v, "all", owner,
               "a list of tests {variable, min, max} that all hold");
    if (all)
        read_state_tests(L, all, "all", owner, rule);
    months = get(L, v, "months");
    if (months && take_int(L, months, "months", owner, 1,
                           horizon > 0 ? horizon : 600, &m))
        rule->months = (int)m;
    read_rule_common(L, v, owner, rule);
}

static void read_collapse(loader *L, const yaml_node_t *v)
{
    parley_end_rule *rule = &L->s->negotiation.collapse;
    const char *owner = "'negotiation.collapse'";
    const yaml_node_t *any;

    if (!check_map(L, v, owner, collapse_keys, N_OF(collapse_keys)))
        return;
    any = need(L, v, "any", owner,
               "a list of tests {variable, min, max} of which one holds");
    if (any)
        read_state_tests(L, any, "any", owner, rule);
    read_rule_common(L, v, owner, rule);
}

/*
 * The negotiation's rules (docs/scenario-format.md, "negotiation"): read
 * after the outcomes, actors, issues and dynamics they name.
 */
static void read_negotiation(loader *L, const yaml_node_t *v)
{
    parley_negotiation_rules *n = &L->s->negotiation;
    const yaml_node_t *w;
    parley_end_rule *rules[3];
    size_t i;
    int p;

    n->protocol = n->deadline = -1;
    n->source = PARLEY_NO_INDEX;
    rules[0] = &n->armistice;
    rules[1] = &n->frozen;
    rules[2] = &n->collapse;
    for (i = 0; i < 3; i++)
        rules[i]->issue = rules[i]->outcome = rules[i]->source =
            PARLEY_NO_INDEX;
    if (!v || !check_map(L, v, "'negotiation'", negotiation_keys,
                         N_OF(negotiation_keys)))
        return;
    n->present = 1;
    if ((w = get(L, v, "protocol")) != NULL) {
        p = take_word(L, w, "protocol", "'negotiation'", protocol_words,
                      N_OF(protocol_words), NULL);
        if (p >= 0)
            n->protocol = p;
    }
    if ((w = get(L, v, "deadline")) != NULL)
        read_deadline(L, w);
    if ((w = get(L, v, "signatories")) != NULL)
        read_ref_list(L, w, "signatories", "'negotiation'", &L->actors, "actor",
                      "actors", &n->signatories, &n->n_signatories);
    opt_cited(L, v, "'negotiation'", &n->flag, &n->source);
    opt_text(L, v, "note", "'negotiation'", &n->note);
    if (!L->nomem && (w = get(L, v, "armistice")) != NULL)
        read_armistice(L, w);
    if (!L->nomem && (w = get(L, v, "frozen")) != NULL)
        read_frozen(L, w);
    if (!L->nomem && (w = get(L, v, "collapse")) != NULL)
        read_collapse(L, w);
}
/* ---- the whole file ----------------------------------------------------- */

static const char *const top_keys[] = {
    "parley",    "scenario", "sources",     "outcomes",  "actors", "issues",
    "stances",   "constraints", "proposals", "dynamics", "impacts", "blocs",
    "durability", "negotiation"};
static const char *const scenario_keys[] = {"id", "name", "date",
                                            "description"};

static void read_header(loader *L, const yaml_node_t *root)
{
    const yaml_node_t *version, *head;
    long number;

    version = need(L, root, "parley", "the top level",
                   "parley: 1 (the format version)");
    if (version && take_int(L, version, "parley", "the top level", 0,
                            LONG_MAX, &number) &&
        number != 1)
        report(L, PARLEY_EVALID, version,
               "format version %ld is not supported, expected parley: 1",
               number);
    head = need(L, root, "scenario", "the top level",
                "a map with the scenario's id and name");
    if (head && check_map(L, head, "'scenario'", scenario_keys,
                          N_OF(scenario_keys))) {
        take_id(L, head, "'scenario'", &L->s->id);
        opt_text(L, head, "name", "'scenario'", &L->s->name);
        opt_text(L, head, "date", "'scenario'", &L->s->date);
        opt_text(L, head, "description", "'scenario'", &L->s->description);
    }
}

static void read_document(loader *L, const yaml_node_t *root)
{
    char buf[64];

    if (!root) {
        report(L, PARLEY_EVALID, NULL,
               "the file is empty, expected a scenario map starting with "
               "parley: 1");
        return;
    }
    if (!is_map(root)) {
        report(L, PARLEY_EVALID, root,
               "the file holds %s, expected a scenario map starting with "
               "parley: 1",
               describe(root, buf, sizeof buf));
        return;
    }
    check_map(L, root, "the top level", top_keys, N_OF(top_keys));
    read_header(L, root);
    if (!L->nomem)
        read_sources(L, get(L, root, "sources"));
    if (!L->nomem)
        read_outcomes(L, get(L, root, "outcomes"));
    if (!L->nomem)
        read_actors(L, need(L, root, "actors", "the top level",
                            "a list of actors"));
    if (!L->nomem)
        read_issues(L, need(L, root, "issues", "the top level",
                            "a list of issues"));
    if (L->nomem || L->limit_hit)
        return;
    {
        parley_status alloc = parley_i_scenario_alloc_stances(L->ctx, L->s, L->file);

        if (alloc == PARLEY_ENOMEM) {
            out_of_memory(L);
            return;
        }
        if (alloc != PARLEY_OK) {
            L->status = alloc;
            return;
        }
    }
    read_stances(L, need(L, root, "stances", "the top level",
                         "a map of actor id to stances"));
    if (!L->nomem)
        read_constraints(L, get(L, root, "constraints"));
    if (!L->nomem)
        read_proposals(L, get(L, root, "proposals"));
    if (!L->nomem && !L->outcomes.broken)
        read_outcome_rules(L, get(L, root, "outcomes"));
    if (!L->nomem)
        read_durability(L, get(L, root, "durability"));
    if (!L->nomem)
        read_dynamics(L, get(L, root, "dynamics"));
    if (!L->nomem)
        read_impacts(L, get(L, root, "impacts"));
    if (!L->nomem && !L->actors.broken)
        read_blocs(L, get(L, root, "blocs"));
    if (!L->nomem)
        read_negotiation(L, get(L, root, "negotiation"));
}

/* ---- libyaml ------------------------------------------------------------ */

/* Reports a libyaml error (syntax, or its own allocation failure). */
static void report_yaml(loader *L, const yaml_parser_t *parser,
                        const char *bytes, size_t len)
{
    unsigned line, col;
    char message[256];

    if (parser->error == YAML_MEMORY_ERROR) {
        out_of_memory(L);
        return;
    }
    if (parser->error == YAML_READER_ERROR) {
        offset_position(bytes, len, parser->problem_offset, &line, &col);
    } else {
        line = to_unsigned(parser->problem_mark.line + 1);
        col = to_unsigned(parser->problem_mark.column + 1);
    }
    if (parser->context)
        snprintf(message, sizeof message, "%s %s (line %u)",
                 parser->problem ? parser->problem : "error",
                 parser->context,
                 to_unsigned(parser->context_mark.line + 1));
    else
        snprintf(message, sizeof message, "%s",
                 parser->problem ? parser->problem : "error");
    parley_i_error(L->ctx, PARLEY_EPARSE, L->file, line, col,
                   "malformed YAML: %s, expected well-formed YAML (check "
                   "indentation, colons, brackets and quotes)",
                   message);
    if (L->status == PARLEY_OK)
        L->status = PARLEY_EPARSE;
}

/* Reports an anchor or alias at an event's position. */
static void report_event(loader *L, const yaml_event_t *ev, const char *fmt,
                         const char *name)
{
    parley_i_error(L->ctx, PARLEY_EPARSE, L->file,
                   to_unsigned(ev->start_mark.line + 1),
                   to_unsigned(ev->start_mark.column + 1), fmt, name);
    if (L->status == PARLEY_OK)
        L->status = PARLEY_EPARSE;
}

/*
 * The deepest nesting a scenario can use is 9 levels (top level, impacts,
 * an impact, dimensions, a dimension, adjust, an adjustment, a delta map,
 * and one spare); 32 leaves room for odd but harmless layouts.  Deeper
 * input is refused while scanning, because libyaml's scanner spends time
 * quadratic in the depth of flow collections ("[[[[...").
 */
#define MAX_NESTING 32

/*
 * Scans the event stream once: reports syntax errors, every anchor, alias
 * and extra document, and stops at absurd nesting.  The document is built
 * only if this scan is clean.
 */
static void scan_events(loader *L, const char *bytes, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int done = 0, documents = 0, depth = 0;

    if (!yaml_parser_initialize(&parser)) {
        out_of_memory(L);
        return;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!done && !L->nomem) {
        const char *anchor = NULL;

        if (!yaml_parser_parse(&parser, &ev)) {
            report_yaml(L, &parser, bytes, len);
            break;
        }
        switch (ev.type) {
        case YAML_ALIAS_EVENT:
            report_event(L, &ev,
                         "YAML alias '*%s' is not supported, expected the "
                         "value written out in full",
                         (const char *)ev.data.alias.anchor);
            break;
        case YAML_SCALAR_EVENT:
            anchor = (const char *)ev.data.scalar.anchor;
            break;
        case YAML_SEQUENCE_START_EVENT:
            anchor = (const char *)ev.data.sequence_start.anchor;
            depth++;
            break;
        case YAML_MAPPING_START_EVENT:
            anchor = (const char *)ev.data.mapping_start.anchor;
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents == 2)
                report_event(L, &ev,
                             "a second YAML document%s starts here, "
                             "expected one scenario per file",
                             "");
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        if (anchor)
            report_event(L, &ev,
                         "YAML anchor '&%s' is not supported, expected "
                         "plain values (no anchors or aliases)",
                         anchor);
        if (depth > MAX_NESTING) {
            report_event(L, &ev,
                         "lists and maps nested deeper than %s levels, "
                         "expected a scenario (which nests at most 9)",
                         "32");
            done = 1;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
}

/*
 * Loads a scenario written in the parley scenario language v1.  Reports
 * every error found; on failure *out is NULL and nothing is left allocated.
 */
parley_status parley_i_load_yaml(parley_ctx *ctx, const char *name,
                                 const char *bytes, size_t len,
                                 const parley_load_options *opts,
                                 parley_scenario **out)
{
    loader L;
    yaml_parser_t parser;
    yaml_document_t doc;
    size_t bad;
    int loaded = 0;

    (void)opts;
    *out = NULL;
    memset(&L, 0, sizeof L);
    L.ctx = ctx;
    L.file = name;
    L.status = PARLEY_OK;
    if (!parley_i_utf8_valid(bytes, len, &bad)) {
        unsigned line, col;

        offset_position(bytes, len, bad, &line, &col);
        return parley_i_error(ctx, PARLEY_EPARSE, name, line, col,
                              "invalid UTF-8 byte 0x%02X, expected a "
                              "UTF-8 text file",
                              (unsigned char)bytes[bad]);
    }
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3; /* a UTF-8 byte order mark: not part of the text */
        len -= 3;
    }
    scan_events(&L, bytes, len);
    if (L.status != PARLEY_OK)
        return L.status;
    if (!yaml_parser_initialize(&parser))
        return parley_i_nomem(ctx);
    yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    if (!yaml_parser_load(&parser, &doc))
        report_yaml(&L, &parser, bytes, len);
    else
        loaded = 1;
    yaml_parser_delete(&parser);
    if (!loaded)
        return L.status;
    L.doc = &doc;
    L.s = parley_i_scenario_new(ctx);
    if (!L.s)
        out_of_memory(&L);
    else
        read_document(&L, yaml_document_get_root_node(&doc));
    yaml_document_delete(&doc);
    table_free(&L, &L.sources);
    table_free(&L, &L.outcomes);
    table_free(&L, &L.actors);
    table_free(&L, &L.issues);
    table_free(&L, &L.options);
    table_free(&L, &L.variables);
    if (L.status != PARLEY_OK) {
        parley_scenario_free(L.s);
        return L.status;
    }
    L.s->file = parley_i_strdup(ctx, name);
    if (!L.s->file) {
        parley_scenario_free(L.s);
        return parley_i_nomem(ctx);
    }
    *out = L.s;
    return PARLEY_OK;
}
