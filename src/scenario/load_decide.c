/*
 * load_decide.c -- input files of the decide exchange model (Stokman's
 * exchange model; foarsitter/decide-exchange-model, docs/inputfiles.md).
 * Each row starts with its kind:
 *
 *     '#A'  'Willems'  'Willems'  'Test'          actor: key, name, comment
 *     '#P'  'tol-hoogte'  'tol-hoogte'  '...'     issue: key, name, text
 *     '#M'  'tol-hoogte'  0.5  'no toll'          a scale point [, meaning]
 *     '#D'  'Willems'  'tol-hoogte'  3.0  0.7  1.0
 *                               actor, issue, position, salience, power
 *     '#/'  or '#0'                               comments
 *
 * Fields are separated by tabs, ';' or ',' (the character that follows the
 * first row kind) and may be quoted with ' (decide's files) or ".  With
 * tabs or ';' a decimal comma is accepted, as decide's own parser does.
 *
 * The scale of an issue runs from its lowest to its highest #M value, or
 * 0..100 without #M rows; positions must lie on it.  Saliences and powers
 * keep decide's scale.  Decide gives power per actor and issue; a scenario
 * has one capability per actor, so it is the mean of the actor's #D
 * powers (0 for an actor without #D rows).
 *
 * Rows may come in any order: a first pass reads #A and #P, a second #M
 * and #D.
 */
#include "util/import.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const comment_prefixes[] = {
    "#/", "#0", "#O", "'#/'", "'#0'", "'#O'", "\"#/\"", "\"#0\"", "\"#O\""};

typedef struct decide_def {
    char *id, *name, *note;
    unsigned line, col;
} decide_def;

typedef struct decide_anchor {
    size_t issue;
    double value;
    char *label;
} decide_anchor;

typedef struct decide_state {
    parley_ctx *ctx;
    const char *file;
    int decimal_comma;
    int pass; /* 1: #A and #P, 2: #M and #D */
    size_t records;
    unsigned next_line;
    /* pass 1 */
    decide_def *actors, *issues;
    size_t n_actors, cap_actors, n_issues, cap_issues;
    /* pass 2 */
    parley_scenario *s;
    const parley_actor **actor_by_id; /* sorted by id, for bsearch */
    const parley_issue **issue_by_id;
    double *power_sum; /* per actor */
    size_t *power_count;
    size_t *n_points;     /* per issue: #M rows */
    size_t *n_labels;     /* per issue: #M rows with a meaning */
    unsigned *point_line; /* per issue: the first #M row */
    decide_anchor *anchors;
    size_t n_anchors, cap_anchors;
    parley_status status; /* first input error */
} decide_state;

static void note(decide_state *st, parley_status status)
{
    if (st->status == PARLEY_OK)
        st->status = status;
}

/* Number of fields up to the last non-empty one. */
static size_t used_fields(const parley_i_csv_row *row)
{
    size_t n = row->n_fields;

    while (n > 0 && row->fields[n - 1].len == 0)
        n--;
    return n;
}

static int few_fields(decide_state *st, const parley_i_csv_row *row,
                      size_t need, const char *layout)
{
    if (used_fields(row) >= need)
        return 0;
    note(st,
         parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->end_line,
                        row->end_col, "%s row has %zu fields, expected %zu: %s",
                        row->fields[0].text, used_fields(row), need, layout));
    return 1;
}

static char *copy_field(decide_state *st, const parley_i_csv_field *f)
{
    return f->len ? parley_i_strndup(st->ctx, f->text, f->len) : NULL;
}

/* Appends an #A or #P definition.  Returns non-OK only to stop reading. */
static parley_status add_def(decide_state *st, const parley_i_csv_row *row,
                             decide_def **defs, size_t *n, size_t *cap,
                             size_t limit, const char *what, const char *option)
{
    const parley_i_csv_field *key = &row->fields[1];
    decide_def *def;

    if (key->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, key->line,
                            key->col, "missing %s key, expected a key", what));
        return PARLEY_OK;
    }
    if (*n == limit)
        return parley_i_error(st->ctx, PARLEY_ELIMIT, st->file, row->line, 1,
                              "more than %zu %ss, expected at most %zu "
                              "(raise it with %s)",
                              limit, what, limit, option);
    if (*n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 16;
        decide_def *grown = parley_i_realloc(
            st->ctx, *defs, *cap * sizeof **defs, grown_cap * sizeof **defs);

        if (!grown)
            return parley_i_nomem(st->ctx);
        *defs = grown;
        *cap = grown_cap;
    }
    def = &(*defs)[*n];
    memset(def, 0, sizeof *def);
    def->line = key->line;
    def->col = key->col;
    def->id = parley_i_strndup(st->ctx, key->text, key->len);
    if (!def->id)
        return parley_i_nomem(st->ctx);
    ++*n; /* counted now so that the strings below are freed with it */
    if (row->n_fields > 2 && row->fields[2].len &&
        !(def->name = copy_field(st, &row->fields[2])))
        return parley_i_nomem(st->ctx);
    if (row->n_fields > 3 && row->fields[3].len &&
        !(def->note = copy_field(st, &row->fields[3])))
        return parley_i_nomem(st->ctx);
    return PARLEY_OK;
}

/* The row kind: 'A', 'P', 'M', 'D', or 0 for anything else. */
static char row_kind(const parley_i_csv_row *row)
{
    const char *text = row->fields[0].text;

    if (text[0] == '#' && text[1] && !text[2] && strchr("APMD", text[1]))
        return text[1];
    return 0;
}

static parley_status pass1_row(decide_state *st, const parley_i_csv_row *row)
{
    const parley_limits *lim = &st->ctx->limits;

    switch (row_kind(row)) {
    case 'A':
        if (few_fields(st, row, 2, "#A, key, name, comment"))
            return PARLEY_OK;
        return add_def(st, row, &st->actors, &st->n_actors, &st->cap_actors,
                       lim->max_actors, "actor", "--max-actors");
    case 'P':
        if (few_fields(st, row, 2, "#P, key, name, description"))
            return PARLEY_OK;
        return add_def(st, row, &st->issues, &st->n_issues, &st->cap_issues,
                       lim->max_issues, "issue", "--max-issues");
    case 'M':
    case 'D':
        return PARLEY_OK; /* pass 2 */
    default:
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file, row->fields[0].line,
                     row->fields[0].col,
                     "unknown row kind '%s', expected #A, #P, #M, #D or a "
                     "comment (#/ or #0)",
                     row->fields[0].text));
        return PARLEY_OK;
    }
}

static int compare_actor(const void *a, const void *b)
{
    const parley_actor *const *x = a, *const *y = b;

    return strcmp((*x)->id, (*y)->id);
}

static int compare_issue(const void *a, const void *b)
{
    const parley_issue *const *x = a, *const *y = b;

    return strcmp((*x)->id, (*y)->id);
}

/* Index of the actor (or issue) with this key, PARLEY_NO_INDEX if none. */
static size_t find_actor(const decide_state *st, const char *key)
{
    parley_actor probe, *probe_ptr = &probe;
    const parley_actor **hit;

    probe.id = (char *)key;
    hit = bsearch(&probe_ptr, st->actor_by_id, st->s->n_actors,
                  sizeof *st->actor_by_id, compare_actor);
    return hit ? (size_t)(*hit - st->s->actors) : PARLEY_NO_INDEX;
}

static size_t find_issue(const decide_state *st, const char *key)
{
    parley_issue probe, *probe_ptr = &probe;
    const parley_issue **hit;

    probe.id = (char *)key;
    hit = bsearch(&probe_ptr, st->issue_by_id, st->s->n_issues,
                  sizeof *st->issue_by_id, compare_issue);
    return hit ? (size_t)(*hit - st->s->issues) : PARLEY_NO_INDEX;
}

/* Reports a key that no #A (or #P) row defines, with the nearest key. */
static void unknown_key(decide_state *st, const parley_i_csv_field *f,
                        int actor)
{
    const char *near = NULL;
    size_t i, best = (size_t)-1;
    size_t n = actor ? st->s->n_actors : st->s->n_issues;

    /* parley_i_suggest wants an array of names; walk them directly */
    for (i = 0; i < n; i++) {
        const char *id = actor ? st->s->actors[i].id : st->s->issues[i].id;
        size_t d = parley_i_levenshtein(f->text, id);

        if (d < best) {
            best = d;
            near = id;
        }
    }
    if (near && best > (strlen(f->text) / 3 > 2 ? strlen(f->text) / 3 : 2))
        near = NULL;
    if (near)
        note(st,
             parley_i_error(st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                            "unknown %s '%s' (did you mean '%s'?), "
                            "expected a key defined by a %s row",
                            actor ? "actor" : "issue", f->text, near,
                            actor ? "#A" : "#P"));
    else
        note(st, parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                     "unknown %s '%s', expected a key defined by "
                     "a %s row",
                     actor ? "actor" : "issue", f->text, actor ? "#A" : "#P"));
}

static int read_number(decide_state *st, const parley_i_csv_field *f,
                       const char *what, int non_negative, double *out)
{
    if (f->len == 0) {
        note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line,
                                f->col, "missing %s, expected a number", what));
        return 0;
    }
    if (!parley_i_parse_number(f->text, st->decimal_comma, out)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "%s '%s' is not a number, expected a number", what,
                            f->text));
        return 0;
    }
    if (non_negative && *out < 0) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                     "%s %g is negative, expected a number >= 0", what, *out));
        return 0;
    }
    return 1;
}

static parley_status read_point(decide_state *st, const parley_i_csv_row *row)
{
    const parley_i_csv_field *key = &row->fields[1];
    parley_issue *issue;
    size_t k;
    double value;
    int ok;

    if (few_fields(st, row, 3, "#M, issue, position, meaning"))
        return PARLEY_OK;
    k = find_issue(st, key->text);
    if (k == PARLEY_NO_INDEX)
        unknown_key(st, key, 0);
    ok = read_number(st, &row->fields[2], "scale point", 0, &value);
    if (k == PARLEY_NO_INDEX || !ok)
        return PARLEY_OK;
    issue = &st->s->issues[k];
    if (st->n_points[k] == 0) {
        issue->scale_min = issue->scale_max = value;
        st->point_line[k] = row->line;
    }
    if (value < issue->scale_min)
        issue->scale_min = value;
    if (value > issue->scale_max)
        issue->scale_max = value;
    st->n_points[k]++;
    if (row->n_fields < 4 || row->fields[3].len == 0)
        return PARLEY_OK; /* a bare scale point: no anchor */
    if (st->n_anchors == st->cap_anchors) {
        size_t cap = st->cap_anchors ? st->cap_anchors * 2 : 16;
        decide_anchor *grown = parley_i_realloc(
            st->ctx, st->anchors, st->cap_anchors * sizeof *st->anchors,
            cap * sizeof *st->anchors);

        if (!grown)
            return parley_i_nomem(st->ctx);
        st->anchors = grown;
        st->cap_anchors = cap;
    }
    st->anchors[st->n_anchors].issue = k;
    st->anchors[st->n_anchors].value = value;
    st->anchors[st->n_anchors].label = copy_field(st, &row->fields[3]);
    if (!st->anchors[st->n_anchors].label)
        return parley_i_nomem(st->ctx);
    st->n_anchors++;
    st->n_labels[k]++;
    return PARLEY_OK;
}

static parley_status read_stance(decide_state *st, const parley_i_csv_row *row)
{
    const parley_i_csv_field *f = row->fields;
    parley_stance *stance;
    size_t a, k;
    double position, salience, power;
    int ok;

    if (few_fields(st, row, 6, "#D, actor, issue, position, salience, power"))
        return PARLEY_OK;
    a = find_actor(st, f[1].text);
    if (a == PARLEY_NO_INDEX)
        unknown_key(st, &f[1], 1);
    k = find_issue(st, f[2].text);
    if (k == PARLEY_NO_INDEX)
        unknown_key(st, &f[2], 0);
    ok = read_number(st, &f[3], "position", 0, &position);
    ok &= read_number(st, &f[4], "salience", 1, &salience);
    ok &= read_number(st, &f[5], "power", 1, &power);
    if (a == PARLEY_NO_INDEX || k == PARLEY_NO_INDEX || !ok)
        return PARLEY_OK;
    stance = parley_i_stance(st->s, a, k);
    if (stance->present) {
        note(st, parley_i_error(st->ctx, PARLEY_EVALID, st->file, f[1].line,
                                f[1].col,
                                "second #D row for actor '%s' on issue '%s' "
                                "(first on line %u), expected one per actor "
                                "and issue",
                                f[1].text, f[2].text, stance->position.line));
        return PARLEY_OK;
    }
    stance->present = 1;
    stance->position = parley_i_num_at(position, f[3].line, f[3].col);
    stance->salience = parley_i_num_at(salience, f[4].line, f[4].col);
    st->power_sum[a] += power;
    st->power_count[a]++;
    return PARLEY_OK;
}

static parley_status pass2_row(decide_state *st, const parley_i_csv_row *row)
{
    switch (row_kind(row)) {
    case 'M':
        return read_point(st, row);
    case 'D':
        return read_stance(st, row);
    default:
        return PARLEY_OK; /* pass 1 read (or reported) it */
    }
}

static parley_status on_row(void *user, const parley_i_csv_row *row)
{
    decide_state *st = user;

    if (parley_i_csv_row_blank(row))
        return PARLEY_OK;
    if (st->pass == 2)
        return pass2_row(st, row);
    st->records++;
    st->next_line = row->end_line + 1;
    return pass1_row(st, row);
}

/* Moves the #A and #P definitions into a new scenario with its (absent)
 * stances, and builds the lookup tables and pass-2 accumulators. */
static parley_status build(decide_state *st, const char *name)
{
    parley_ctx *ctx = st->ctx;
    parley_scenario *s;
    size_t i;

    s = st->s = parley_i_scenario_new(ctx);
    if (!s)
        return parley_i_nomem(ctx);
    s->id = parley_i_id_from_name(ctx, name, "decide");
    if (!s->id)
        return parley_i_nomem(ctx);
    s->actors = parley_i_alloc_array(ctx, st->n_actors, sizeof *s->actors);
    if (!s->actors)
        return parley_i_nomem(ctx);
    s->n_actors = st->n_actors;
    for (i = 0; i < st->n_actors; i++) {
        parley_actor *actor = &s->actors[i];
        decide_def *def = &st->actors[i];

        parley_i_actor_init(actor);
        actor->id = def->id;
        actor->name = def->name;
        actor->note = def->note;
        def->id = def->name = def->note = NULL;
        actor->capability = parley_i_num_at(0, def->line, def->col);
    }
    s->issues = parley_i_alloc_array(ctx, st->n_issues, sizeof *s->issues);
    if (!s->issues)
        return parley_i_nomem(ctx);
    s->n_issues = st->n_issues;
    for (i = 0; i < st->n_issues; i++) {
        parley_issue *issue = &s->issues[i];
        decide_def *def = &st->issues[i];

        parley_i_issue_init(issue); /* 0..100 unless #M rows say more */
        issue->id = def->id;
        issue->name = def->name;
        issue->description = def->note;
        def->id = def->name = def->note = NULL;
    }
    {
        parley_status alloc_status =
            parley_i_scenario_alloc_stances(ctx, s, name);

        if (alloc_status != PARLEY_OK)
            return alloc_status;
    }
    st->actor_by_id =
        parley_i_alloc_array(ctx, s->n_actors, sizeof *st->actor_by_id);
    st->power_sum =
        parley_i_alloc_array(ctx, s->n_actors, sizeof *st->power_sum);
    st->power_count =
        parley_i_alloc_array(ctx, s->n_actors, sizeof *st->power_count);
    st->issue_by_id =
        parley_i_alloc_array(ctx, s->n_issues, sizeof *st->issue_by_id);
    st->n_points = parley_i_alloc_array(ctx, s->n_issues, sizeof *st->n_points);
    st->point_line =
        parley_i_alloc_array(ctx, s->n_issues, sizeof *st->point_line);
    st->n_labels = parley_i_alloc_array(ctx, s->n_issues, sizeof *st->n_labels);
    if (!st->actor_by_id || !st->power_sum || !st->power_count ||
        !st->issue_by_id || !st->n_points || !st->point_line || !st->n_labels)
        return parley_i_nomem(ctx);
    for (i = 0; i < s->n_actors; i++)
        st->actor_by_id[i] = &s->actors[i];
    for (i = 0; i < s->n_issues; i++)
        st->issue_by_id[i] = &s->issues[i];
    qsort(st->actor_by_id, s->n_actors, sizeof *st->actor_by_id, compare_actor);
    qsort(st->issue_by_id, s->n_issues, sizeof *st->issue_by_id, compare_issue);
    /* sorted neighbours reveal duplicates; report the later definition */
    for (i = 1; i < s->n_actors; i++) {
        const parley_actor *x = st->actor_by_id[i - 1];
        const parley_actor *y = st->actor_by_id[i];

        if (strcmp(x->id, y->id) == 0) {
            if (x->capability.line > y->capability.line) {
                const parley_actor *t = x;

                x = y;
                y = t;
            }
            note(st, parley_i_error(ctx, PARLEY_EVALID, st->file,
                                    y->capability.line, y->capability.col,
                                    "duplicate actor '%s' (first on line "
                                    "%u), expected each #A key once",
                                    y->id, x->capability.line));
        }
    }
    for (i = 1; i < s->n_issues; i++) {
        /* the #P rows' positions stay in the pass-1 definitions */
        const decide_def *x = &st->issues[st->issue_by_id[i - 1] - s->issues];
        const decide_def *y = &st->issues[st->issue_by_id[i] - s->issues];

        if (strcmp(st->issue_by_id[i - 1]->id, st->issue_by_id[i]->id) == 0) {
            if (x->line > y->line) {
                const decide_def *t = x;

                x = y;
                y = t;
            }
            note(st,
                 parley_i_error(ctx, PARLEY_EVALID, st->file, y->line, y->col,
                                "duplicate issue '%s' (first on line "
                                "%u), expected each #P key once",
                                st->issue_by_id[i]->id, x->line));
        }
    }
    return PARLEY_OK;
}

/* After pass 2: scales, anchors, capabilities, positions on the scales. */
static parley_status finish(decide_state *st)
{
    parley_ctx *ctx = st->ctx;
    parley_scenario *s = st->s;
    size_t a, k, i;

    for (k = 0; k < s->n_issues; k++) {
        parley_issue *issue = &s->issues[k];

        if (st->n_points[k] && !(issue->scale_max > issue->scale_min)) {
            note(st, parley_i_error(
                         ctx, PARLEY_EVALID, st->file, st->point_line[k], 1,
                         "issue '%s' has a single scale point %g, expected "
                         "#M rows for its lowest and highest positions",
                         issue->id, issue->scale_min));
            continue;
        }
        if (st->n_labels[k] == 0)
            continue;
        issue->anchors =
            parley_i_alloc_array(ctx, st->n_labels[k], sizeof *issue->anchors);
        if (!issue->anchors)
            return parley_i_nomem(ctx);
        issue->n_anchors = st->n_labels[k];
    }
    /* hand the labelled points over in file order; n_labels counts down */
    for (i = 0; i < st->n_anchors; i++) {
        parley_issue *issue = &s->issues[st->anchors[i].issue];
        size_t *left = &st->n_labels[st->anchors[i].issue];
        parley_anchor *anchor;

        if (!issue->anchors)
            continue; /* the issue's scale is in error */
        anchor = &issue->anchors[issue->n_anchors - *left];
        (*left)--;
        anchor->value = st->anchors[i].value;
        anchor->label = st->anchors[i].label;
        anchor->source = PARLEY_NO_INDEX;
        st->anchors[i].label = NULL;
    }
    for (a = 0; a < s->n_actors; a++) {
        parley_num *capability = &s->actors[a].capability;

        /* decide's power is per issue; the scenario keeps the mean */
        if (st->power_count[a])
            capability->mode = capability->low = capability->high =
                st->power_sum[a] / (double)st->power_count[a];
        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *stance = parley_i_stance(s, a, k);
            const parley_issue *issue = &s->issues[k];

            if (stance->present && (stance->position.mode < issue->scale_min ||
                                    stance->position.mode > issue->scale_max))
                note(st, parley_i_error(
                             ctx, PARLEY_EVALID, st->file,
                             stance->position.line, stance->position.col,
                             "position %g of '%s' is outside the scale "
                             "[%g, %g] of issue '%s', expected a position "
                             "%s",
                             stance->position.mode, s->actors[a].id,
                             issue->scale_min, issue->scale_max, issue->id,
                             st->n_points[k] ? "between its #M points"
                                             : "from 0 to 100 (the scale "
                                               "without #M rows)"));
        }
    }
    return PARLEY_OK;
}

/* The delimiter: what follows the first row kind ("#A", "'#A'", ...), or
 * the most frequent candidate on the first line. */
static unsigned char sniff_delimiter(const char *bytes, size_t len,
                                     unsigned char quote)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i;

        while (j < len && (bytes[j] == ' ' || bytes[j] == '\t'))
            j++;
        if (j < len && (unsigned char)bytes[j] == quote)
            j++;
        if (len - j >= 2 && bytes[j] == '#' && bytes[j + 1] &&
            strchr("APMD", bytes[j + 1])) {
            j += 2;
            if (j < len && (unsigned char)bytes[j] == quote)
                j++;
            while (j < len && bytes[j] == ' ')
                j++;
            if (j < len &&
                (bytes[j] == '\t' || bytes[j] == ';' || bytes[j] == ','))
                return (unsigned char)bytes[j];
        }
        while (i < len && bytes[i] != '\n')
            i++;
        i++;
    }
    return parley_i_csv_sniff(bytes, len, quote);
}

/* The quote: ' if the first line that starts with a quote starts with ',
 * '"' likewise, and '"' when no line starts with a quote. */
static unsigned char sniff_quote(const char *bytes, size_t len)
{
    size_t i = 0;

    while (i < len) {
        while (i < len && (bytes[i] == ' ' || bytes[i] == '\t'))
            i++;
        if (i < len && (bytes[i] == '\'' || bytes[i] == '"'))
            return (unsigned char)bytes[i];
        while (i < len && bytes[i] != '\n')
            i++;
        i++;
    }
    return '"';
}

/*
 * Loads a decide input file.  Every input error is reported; on any, *out
 * is NULL.
 */
parley_status parley_i_load_decide(parley_ctx *ctx, const char *name,
                                   const char *bytes, size_t len,
                                   const parley_load_options *opts,
                                   parley_scenario **out)
{
    parley_i_csv_options csv;
    decide_state st;
    parley_status status;
    size_t skip, i, na = 0, ni = 0;

    (void)opts;
    *out = NULL;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.file = name;
    status = parley_i_text_check(ctx, name, bytes, len, &skip);
    if (status != PARLEY_OK)
        return status;
    bytes += skip;
    len -= skip;
    memset(&csv, 0, sizeof csv);
    csv.quote = sniff_quote(bytes, len);
    csv.delimiter = sniff_delimiter(bytes, len, csv.quote);
    csv.max_fields = parley_i_import_max_fields(ctx);
    csv.comment_prefixes = comment_prefixes;
    csv.n_comment_prefixes = sizeof comment_prefixes / sizeof *comment_prefixes;
    st.decimal_comma = csv.delimiter != ',';
    st.pass = 1;
    status = parley_i_csv_read(ctx, name, bytes, len, &csv, on_row, &st);
    if (status == PARLEY_OK && st.records == 0)
        status = parley_i_error(ctx, PARLEY_EPARSE, name, 1, 1,
                                "empty file, expected #A, #P and #D rows");
    else if (status == PARLEY_OK && (st.n_actors == 0 || st.n_issues == 0))
        status = parley_i_error(ctx, PARLEY_EVALID, name, st.next_line, 1,
                                "no %s rows, expected at least one",
                                st.n_actors == 0 ? "#A (actor)" : "#P (issue)");
    if (status == PARLEY_OK) {
        na = st.n_actors;
        ni = st.n_issues;
        status = build(&st, name);
    }
    if (status == PARLEY_OK) {
        /* pass 1 found any syntax error already: pass 2 reads clean text */
        st.pass = 2;
        status = parley_i_csv_read(ctx, name, bytes, len, &csv, on_row, &st);
    }
    if (status == PARLEY_OK)
        status = finish(&st);
    if (status == PARLEY_OK)
        status = st.status;
    /* pass 1 definitions (moved ones are NULL) */
    for (i = 0; i < st.n_actors; i++) {
        parley_i_strfree(ctx, st.actors[i].id);
        parley_i_strfree(ctx, st.actors[i].name);
        parley_i_strfree(ctx, st.actors[i].note);
    }
    parley_i_free(ctx, st.actors, st.cap_actors * sizeof *st.actors);
    for (i = 0; i < st.n_issues; i++) {
        parley_i_strfree(ctx, st.issues[i].id);
        parley_i_strfree(ctx, st.issues[i].name);
        parley_i_strfree(ctx, st.issues[i].note);
    }
    parley_i_free(ctx, st.issues, st.cap_issues * sizeof *st.issues);
    for (i = 0; i < st.n_anchors; i++)
        parley_i_strfree(ctx, st.anchors[i].label);
    parley_i_free(ctx, st.anchors, st.cap_anchors * sizeof *st.anchors);
    parley_i_free(ctx, st.actor_by_id, na * sizeof *st.actor_by_id);
    parley_i_free(ctx, st.power_sum, na * sizeof *st.power_sum);
    parley_i_free(ctx, st.power_count, na * sizeof *st.power_count);
    parley_i_free(ctx, st.issue_by_id, ni * sizeof *st.issue_by_id);
    parley_i_free(ctx, st.n_points, ni * sizeof *st.n_points);
    parley_i_free(ctx, st.point_line, ni * sizeof *st.point_line);
    parley_i_free(ctx, st.n_labels, ni * sizeof *st.n_labels);
    if (status != PARLEY_OK) {
        parley_scenario_free(st.s);
        return status;
    }
    *out = st.s;
    return PARLEY_OK;
}
