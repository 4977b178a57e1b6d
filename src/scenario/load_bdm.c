/*
 * load_bdm.c -- BDM tables: the CSV that the expected-utility literature
 * and its replications pass around (Bueno de Mesquita 1994; Scholz,
 * Calbert & Smith 2011; jmckib's replication).  One row per actor with its
 * capability, position and salience on a single issue:
 *
 *     Actor,Capability,Position,Salience
 *     Netherlands,0.08,4,0.8
 *
 * Columns are found by name in any order, case-insensitively, under the
 * names the sources use (Stakeholder, Clout, Power, ...); other columns are
 * ignored.  ',' ';' or tab separate fields (the one most used on the header
 * line); with ';' or tab a decimal comma is accepted.  Numbers keep their
 * own scale: the issue's scale is the range of the positions, because the
 * BDM utilities divide distances by that range.
 */
#include "util/import.h"

#include <math.h>
#include <string.h>
#include <strings.h>

enum { ROLE_ACTOR, ROLE_CAPABILITY, ROLE_POSITION, ROLE_SALIENCE, N_ROLES };

static const char *const role_names[N_ROLES] = {"actor", "capability",
                                                "position", "salience"};

/* Header names per role, as the data sets in the field write them.
 * "name" is taken for the actor only when no other actor column exists. */
static const char *const actor_names[] = {
    "actor",  "actors",  "stakeholder", "stakeholders",
    "player", "players", "party",       "parties"};
static const char *const capability_names[] = {
    "capability", "capabilities", "clout",     "resources",
    "resource",   "power",        "influence", "cap"};
static const char *const position_names[] = {"position", "positions", "pos"};
static const char *const salience_names[] = {"salience", "saliences",
                                             "saliency", "sal", "importance"};

static const struct {
    const char *const *names;
    size_t n;
} role_synonyms[N_ROLES] = {
    {actor_names, sizeof actor_names / sizeof *actor_names},
    {capability_names, sizeof capability_names / sizeof *capability_names},
    {position_names, sizeof position_names / sizeof *position_names},
    {salience_names, sizeof salience_names / sizeof *salience_names},
};

typedef struct bdm_row {
    char *id;           /* owned until moved into the scenario */
    char *name;         /* from a separate Name column, may be NULL */
    unsigned line, col; /* of the actor cell */
    parley_num capability, position, salience;
} bdm_row;

typedef struct bdm_state {
    parley_ctx *ctx;
    const char *file;
    int decimal_comma;
    int have_header;
    size_t col[N_ROLES];
    size_t name_col; /* "Name" beside an Actor column, or none */
    size_t n_header_fields;
    unsigned header_line;
    bdm_row *rows;
    size_t n_rows, cap_rows;
    parley_status status; /* first input error */
} bdm_state;

static void note(bdm_state *st, parley_status status)
{
    if (st->status == PARLEY_OK)
        st->status = status;
}

static int role_of(const char *header, size_t role)
{
    size_t i;

    for (i = 0; i < role_synonyms[role].n; i++)
        if (strcasecmp(header, role_synonyms[role].names[i]) == 0)
            return 1;
    return 0;
}

/* Lower-cases a header cell into buf (truncating) for suggestions. */
static void lower_copy(char *buf, size_t size, const char *text)
{
    size_t i;

    for (i = 0; i + 1 < size && text[i]; i++)
        buf[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a'
                                                         : text[i]);
    buf[i] = '\0';
}

/* Reports a required column that the header lacks, suggesting the unused
 * header cell that looks most like one of the role's names. */
static void missing_column(bdm_state *st, const parley_i_csv_row *row,
                           size_t role, const unsigned char *used)
{
    const parley_i_csv_field *near = NULL;
    size_t i;

    for (i = 0; i < row->n_fields && !near; i++) {
        char lower[64];

        if (used[i] || row->fields[i].len == 0)
            continue;
        lower_copy(lower, sizeof lower, row->fields[i].text);
        if (parley_i_suggest(lower, role_synonyms[role].names,
                             role_synonyms[role].n))
            near = &row->fields[i];
    }
    if (near)
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file, near->line, near->col,
                     "missing column '%s' (did you mean '%s'?), expected a "
                     "header naming actor, capability, position and salience "
                     "in any order",
                     role_names[role], near->text));
    else
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file, row->line,
                     row->fields[0].col,
                     "missing column '%s', expected a header naming actor, "
                     "capability, position and salience in any order",
                     role_names[role]));
}

static void read_header(bdm_state *st, const parley_i_csv_row *row)
{
    unsigned char *used;
    size_t i, role, name_col = PARLEY_NO_INDEX;

    used = parley_i_alloc(st->ctx, row->n_fields);
    if (!used) {
        note(st, parley_i_nomem(st->ctx));
        return;
    }
    st->have_header = 1;
    st->header_line = row->line;
    st->n_header_fields = row->n_fields;
    for (role = 0; role < N_ROLES; role++)
        st->col[role] = PARLEY_NO_INDEX;
    st->name_col = PARLEY_NO_INDEX;
    for (i = 0; i < row->n_fields; i++) {
        const parley_i_csv_field *f = &row->fields[i];

        if (strcasecmp(f->text, "name") == 0 && name_col == PARLEY_NO_INDEX) {
            name_col = i;
            used[i] = 1;
            continue;
        }
        for (role = 0; role < N_ROLES; role++) {
            if (!role_of(f->text, role))
                continue;
            used[i] = 1;
            if (st->col[role] != PARLEY_NO_INDEX)
                note(st, parley_i_error(
                             st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                             "second %s column '%s', expected one column "
                             "per role",
                             role_names[role], f->text));
            else
                st->col[role] = i;
            break;
        }
    }
    if (st->col[ROLE_ACTOR] == PARLEY_NO_INDEX)
        st->col[ROLE_ACTOR] = name_col; /* "Name" is the actor */
    else
        st->name_col = name_col; /* "Name" labels the actor */
    for (role = 0; role < N_ROLES; role++)
        if (st->col[role] == PARLEY_NO_INDEX)
            missing_column(st, row, role, used);
    parley_i_free(st->ctx, used, row->n_fields);
}

/* Reads the number in the role's column of row into *num; reports what is
 * wrong and returns 0 if it is missing, not a number or negative. */
static int read_number(bdm_state *st, const parley_i_csv_row *row, size_t role,
                       int non_negative, parley_num *num)
{
    const parley_i_csv_field *f = &row->fields[st->col[role]];
    double value;

    if (f->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "missing %s, expected a number", role_names[role]));
        return 0;
    }
    if (!parley_i_parse_number(f->text, st->decimal_comma, &value)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "%s '%s' is not a number, expected a number",
                            role_names[role], f->text));
        return 0;
    }
    if (non_negative && value < 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                            "%s %g is negative, expected a number >= 0",
                            role_names[role], value));
        return 0;
    }
    *num = parley_i_num_at(value, f->line, f->col);
    return 1;
}

/* Checks the row's shape: every required column present, nothing written
 * beyond the header's columns. */
static int row_shape_ok(bdm_state *st, const parley_i_csv_row *row)
{
    size_t role, i;

    for (role = 0; role < N_ROLES; role++)
        if (st->col[role] >= row->n_fields) {
            note(st, parley_i_error(
                         st->ctx, PARLEY_EPARSE, st->file, row->end_line,
                         row->end_col,
                         "row has %zu fields, expected %zu like the header "
                         "(no %s)",
                         row->n_fields, st->n_header_fields, role_names[role]));
            return 0;
        }
    for (i = st->n_header_fields; i < row->n_fields; i++)
        if (row->fields[i].len) {
            note(st, parley_i_error(
                         st->ctx, PARLEY_EPARSE, st->file, row->fields[i].line,
                         row->fields[i].col,
                         "row has %zu fields, expected %zu like the header",
                         row->n_fields, st->n_header_fields));
            return 0;
        }
    return 1;
}

static parley_status read_actor(bdm_state *st, const parley_i_csv_row *row)
{
    const parley_i_csv_field *actor = &row->fields[st->col[ROLE_ACTOR]];
    bdm_row rec;
    size_t i;
    int named = 1; /* the row names a new actor or issue */

    if (!row_shape_ok(st, row))
        return PARLEY_OK;
    memset(&rec, 0, sizeof rec);
    if (actor->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, actor->line,
                            actor->col, "missing actor name, expected a name"));
        named = 0;
    }
    for (i = 0; named && i < st->n_rows; i++)
        if (strcmp(st->rows[i].id, actor->text) == 0) {
            note(st,
                 parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, actor->line, actor->col,
                     "duplicate actor '%s' (first on line %u), expected "
                     "each actor once",
                     actor->text, st->rows[i].line));
            named = 0;
        }
    read_number(st, row, ROLE_CAPABILITY, 1, &rec.capability);
    read_number(st, row, ROLE_POSITION, 0, &rec.position);
    read_number(st, row, ROLE_SALIENCE, 1, &rec.salience);
    /* values with errors are kept: the scenario is not built anyway, and
     * the id still catches a later duplicate */
    if (!named)
        return PARLEY_OK;
    if (st->n_rows == st->ctx->limits.max_actors)
        return parley_i_error(
            st->ctx, PARLEY_ELIMIT, st->file, actor->line, actor->col,
            "more than %zu actors, expected at most %zu "
            "(raise it with --max-actors)",
            st->ctx->limits.max_actors, st->ctx->limits.max_actors);
    if (st->n_rows == st->cap_rows) {
        size_t cap = st->cap_rows ? st->cap_rows * 2 : 16;
        bdm_row *grown =
            parley_i_realloc(st->ctx, st->rows, st->cap_rows * sizeof *st->rows,
                             cap * sizeof *st->rows);

        if (!grown)
            return parley_i_nomem(st->ctx);
        st->rows = grown;
        st->cap_rows = cap;
    }
    rec.line = actor->line;
    rec.col = actor->col;
    rec.id = parley_i_strndup(st->ctx, actor->text, actor->len);
    if (!rec.id)
        return parley_i_nomem(st->ctx);
    if (st->name_col < row->n_fields && row->fields[st->name_col].len) {
        const parley_i_csv_field *name = &row->fields[st->name_col];

        rec.name = parley_i_strndup(st->ctx, name->text, name->len);
        if (!rec.name) {
            parley_i_strfree(st->ctx, rec.id);
            return parley_i_nomem(st->ctx);
        }
    }
    st->rows[st->n_rows++] = rec;
    return PARLEY_OK;
}

static parley_status on_row(void *user, const parley_i_csv_row *row)
{
    bdm_state *st = user;
    size_t role;

    if (parley_i_csv_row_blank(row))
        return PARLEY_OK;
    if (!st->have_header) {
        read_header(st, row);
        /* without all four columns no row can be read */
        return st->status == PARLEY_ENOMEM ? PARLEY_ENOMEM : PARLEY_OK;
    }
    for (role = 0; role < N_ROLES; role++)
        if (st->col[role] == PARLEY_NO_INDEX)
            return PARLEY_OK; /* reported with the header */
    return read_actor(st, row);
}

/* Moves the collected rows into a new scenario. */
static parley_status build(bdm_state *st, const char *name,
                           parley_scenario **out)
{
    parley_ctx *ctx = st->ctx;
    parley_scenario *s;
    parley_issue *issue;
    parley_status status;
    double low = INFINITY, high = -INFINITY;
    size_t a;

    s = parley_i_scenario_new(ctx);
    if (!s)
        return parley_i_nomem(ctx);
    *out = s;
    s->id = parley_i_id_from_name(ctx, name, "bdm");
    if (!s->id)
        return parley_i_nomem(ctx);
    status = parley_i_import_actors(ctx, s, st->n_rows);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_rows; a++) {
        parley_actor *actor = &s->actors[a];

        actor->id = st->rows[a].id;
        actor->name = st->rows[a].name;
        st->rows[a].id = st->rows[a].name = NULL;
        actor->capability = st->rows[a].capability;
        if (st->rows[a].position.mode < low)
            low = st->rows[a].position.mode;
        if (st->rows[a].position.mode > high)
            high = st->rows[a].position.mode;
    }
    status = parley_i_import_issues(ctx, s, 1);
    if (status != PARLEY_OK)
        return status;
    issue = &s->issues[0];
    issue->id = parley_i_id_from_name(ctx, name, "issue");
    if (!issue->id)
        return parley_i_nomem(ctx);
    /* the BDM scale is the range of positions; when every actor stands at
     * the same place, a unit interval centred there */
    if (high > low) {
        issue->scale_min = low;
        issue->scale_max = high;
    } else {
        issue->scale_min = low - 0.5;
        issue->scale_max = low + 0.5;
    }
    status = parley_i_scenario_alloc_stances(ctx, s, name);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_rows; a++) {
        parley_stance *stance = parley_i_stance(s, a, 0);

        stance->present = 1;
        stance->position = st->rows[a].position;
        stance->salience = st->rows[a].salience;
    }
    return PARLEY_OK;
}

/*
 * Loads a BDM table.  Every input error is reported; on any, *out is NULL.
 */
parley_status parley_i_load_bdm(parley_ctx *ctx, const char *name,
                                const char *bytes, size_t len,
                                const parley_load_options *opts,
                                parley_scenario **out)
{
    parley_i_csv_options csv;
    bdm_state st;
    parley_status status;
    size_t skip, i;

    (void)opts;
    *out = NULL;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.file = name;
    status = parley_i_import_start(ctx, name, bytes, len, &csv, &skip);
    if (status != PARLEY_OK)
        return status;
    csv.delimiter = parley_i_csv_sniff(bytes + skip, len - skip, csv.quote);
    st.decimal_comma = csv.delimiter != ',';
    status = parley_i_csv_read(ctx, name, bytes + skip, len - skip, &csv,
                               on_row, &st);
    if (status == PARLEY_OK) { /* no syntax error, nothing fatal */
        if (!st.have_header)
            note(&st, parley_i_error(ctx, PARLEY_EPARSE, name, 1, 1,
                                     "empty file, expected a header naming "
                                     "actor, capability, position and "
                                     "salience, then one row per actor"));
        else if (st.status == PARLEY_OK && st.n_rows == 0)
            note(&st,
                 parley_i_error(ctx, PARLEY_EPARSE, name, st.header_line + 1, 1,
                                "no actor rows after the header, "
                                "expected at least one actor"));
        status = st.status;
        if (status == PARLEY_OK)
            status = build(&st, name, out);
    }
    for (i = 0; i < st.n_rows; i++) {
        parley_i_strfree(ctx, st.rows[i].id);
        parley_i_strfree(ctx, st.rows[i].name);
    }
    parley_i_free(ctx, st.rows, st.cap_rows * sizeof *st.rows);
    return parley_i_import_finish(status, out);
}
