/*
 * load_ktab.c -- KTAB's spatial model of politics (SMP) CSV (KAPSARC's
 * KTAB, examples/smp/doc/dummyData_3Dim.csv):
 *
 *     DummyData_3Dim,"Dummy scenario to test reading format",7,3,
 *     Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,Pstn3,Sal3,
 *     SActor-00, Random Spatial Actor, 102.543, 75.79, 49.53, ...
 *
 * Line 1: scenario name, description, number of actors, number of
 * dimensions.  Line 2: the header; its position columns name the
 * dimensions (KTAB does the same).  Then one row per actor: name,
 * description, power (the capability), then position and salience per
 * dimension, both on KTAB's 0..100 scale.  Trailing empty fields (KTAB
 * writes a comma at the end of each line) are ignored.
 */
#include "util/import.h"

#include <stdio.h>
#include <string.h>

typedef struct ktab_actor {
    char *id;
    char *note; /* the description, NULL if empty */
    unsigned line, col;
    parley_num capability;
} ktab_actor;

typedef struct ktab_state {
    parley_ctx *ctx;
    const char *file;
    size_t records; /* non-blank rows seen */
    int broken;     /* line 1 or 2 unusable: rows cannot be read */
    char *name, *description;
    size_t n_declared, n_dims;
    unsigned declared_line, declared_col;
    char **dim_ids; /* n_dims, from the header */
    ktab_actor *actors;
    parley_num *cells; /* per actor 2 * n_dims: position, salience */
    size_t n_actors, cap_actors, cap_cells;
    size_t rows_seen;     /* actor rows, stored or not */
    int told_extra;       /* "more rows than declared" already reported */
    parley_status status; /* first input error */
} ktab_state;

static void note(ktab_state *st, parley_status status)
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

/* Reads a count (line 1) into *out; reports and returns 0 if it is not a
 * whole number >= 1. */
static int read_count(ktab_state *st, const parley_i_csv_field *f,
                      const char *what, size_t *out)
{
    long value;

    if (!parley_i_parse_long(f->text, &value)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "number of %s '%s' is not a whole number, "
                            "expected a count",
                            what, f->text));
        return 0;
    }
    if (value < 1) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                     "number of %s is %ld, expected at least 1", what, value));
        return 0;
    }
    *out = (size_t)value;
    return 1;
}

static parley_status read_scenario_line(ktab_state *st,
                                        const parley_i_csv_row *row)
{
    const parley_limits *lim = &st->ctx->limits;
    int ok;

    st->broken = 1;
    if (used_fields(row) != 4) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file, row->line, 1,
                     "first line has %zu fields, expected 4: scenario name, "
                     "description, number of actors, number of dimensions",
                     used_fields(row)));
        return PARLEY_OK;
    }
    ok = read_count(st, &row->fields[2], "actors", &st->n_declared);
    ok &= read_count(st, &row->fields[3], "dimensions", &st->n_dims);
    if (!ok)
        return PARLEY_OK;
    st->declared_line = row->fields[2].line;
    st->declared_col = row->fields[2].col;
    if (st->n_declared > lim->max_actors)
        return parley_i_error(st->ctx, PARLEY_ELIMIT, st->file,
                              row->fields[2].line, row->fields[2].col,
                              "%zu actors declared, expected at most %zu "
                              "(raise it with --max-actors)",
                              st->n_declared, lim->max_actors);
    if (st->n_dims > lim->max_issues)
        return parley_i_error(st->ctx, PARLEY_ELIMIT, st->file,
                              row->fields[3].line, row->fields[3].col,
                              "%zu dimensions declared, expected at most %zu "
                              "(raise it with --max-issues)",
                              st->n_dims, lim->max_issues);
    st->name =
        parley_i_strndup(st->ctx, row->fields[0].text, row->fields[0].len);
    st->description =
        parley_i_strndup(st->ctx, row->fields[1].text, row->fields[1].len);
    if (!st->name || !st->description)
        return parley_i_nomem(st->ctx);
    st->broken = 0;
    return PARLEY_OK;
}

static parley_status read_header(ktab_state *st, const parley_i_csv_row *row)
{
    size_t expected = 3 + 2 * st->n_dims, k;
    double number;

    if (used_fields(row) != expected) {
        st->broken = 1;
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file, row->line, 1,
                     "header has %zu columns, expected %zu: Actor, "
                     "Description, Power and a position and salience for "
                     "each of the %zu dimensions declared on line 1",
                     used_fields(row), expected, st->n_dims));
        return PARLEY_OK;
    }
    if (parley_i_parse_double(row->fields[2].text, &number)) {
        st->broken = 1;
        note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->line,
                                row->fields[2].col,
                                "found a number where the header should "
                                "be, expected Actor,Description,Power,"
                                "Pstn1,Sal1,... on line 2"));
        return PARLEY_OK;
    }
    st->dim_ids =
        parley_i_alloc_array(st->ctx, st->n_dims, sizeof *st->dim_ids);
    if (!st->dim_ids)
        return parley_i_nomem(st->ctx);
    for (k = 0; k < st->n_dims; k++) {
        const parley_i_csv_field *f = &row->fields[3 + 2 * k];
        char fallback[32];

        if (f->len)
            st->dim_ids[k] = parley_i_strndup(st->ctx, f->text, f->len);
        else {
            snprintf(fallback, sizeof fallback, "dim%zu", k + 1);
            st->dim_ids[k] = parley_i_strdup(st->ctx, fallback);
        }
        if (!st->dim_ids[k])
            return parley_i_nomem(st->ctx);
    }
    for (k = 1; k < st->n_dims; k++) {
        size_t j;

        for (j = 0; j < k; j++)
            if (strcmp(st->dim_ids[j], st->dim_ids[k]) == 0) {
                const parley_i_csv_field *f = &row->fields[3 + 2 * k];

                note(st, parley_i_error(st->ctx, PARLEY_EVALID, st->file,
                                        f->line, f->col,
                                        "dimension '%s' named twice (first "
                                        "in column %zu), expected distinct "
                                        "position column names",
                                        st->dim_ids[k], 4 + 2 * j));
                break;
            }
    }
    return PARLEY_OK;
}

/* Reads a number of an actor row; reports and returns 0 when it is not a
 * number or (for positions and saliences) outside KTAB's 0..100. */
static int read_value(ktab_state *st, const parley_i_csv_field *f,
                      const char *what, const char *dim, int percent,
                      parley_num *num)
{
    double value;

    if (f->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "missing %s%s%s%s, expected a number", what,
                            dim ? " (" : "", dim ? dim : "", dim ? ")" : ""));
        return 0;
    }
    if (!parley_i_parse_double(f->text, &value)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "%s '%s'%s%s%s is not a number, expected a "
                            "number",
                            what, f->text, dim ? " (" : "", dim ? dim : "",
                            dim ? ")" : ""));
        return 0;
    }
    if (!percent && value < 0) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                     "%s %g is negative, expected a number >= 0", what, value));
        return 0;
    }
    if (percent && (value < 0 || value > 100)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                            "%s %g (%s) is outside KTAB's 0..100 scale, "
                            "expected a number from 0 to 100",
                            what, value, dim ? dim : "?"));
        return 0;
    }
    *num = parley_i_num_at(value, f->line, f->col);
    return 1;
}

/* Room for one more actor; capacities never exceed what line 1 declared. */
static parley_status grow_actors(ktab_state *st)
{
    size_t cap = st->cap_actors ? st->cap_actors * 2 : 8;
    ktab_actor *actors;
    parley_status status;

    if (cap > st->n_declared)
        cap = st->n_declared;
    status = parley_i_grow_cells(st->ctx, &st->cells, &st->cap_cells, cap,
                                 2 * st->n_dims);
    if (status != PARLEY_OK)
        return status;
    actors = parley_i_realloc(st->ctx, st->actors,
                              st->cap_actors * sizeof *st->actors,
                              cap * sizeof *st->actors);
    if (!actors)
        return parley_i_nomem(st->ctx);
    st->actors = actors;
    st->cap_actors = cap;
    return PARLEY_OK;
}

static parley_status read_actor(ktab_state *st, const parley_i_csv_row *row)
{
    size_t expected = 3 + 2 * st->n_dims, k, i;
    const parley_i_csv_field *id = &row->fields[0];
    parley_num capability, *cells;
    parley_status status;
    int named = 1; /* the row names a new actor or issue */

    if (++st->rows_seen > st->n_declared) {
        if (!st->told_extra)
            note(st, parley_i_error(
                         st->ctx, PARLEY_EVALID, st->file, row->line, 1,
                         "more actor rows than the %zu declared on line 1, "
                         "expected %zu",
                         st->n_declared, st->n_declared));
        st->told_extra = 1;
        return PARLEY_OK;
    }
    if (used_fields(row) != expected) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EPARSE, st->file,
                     used_fields(row) < expected ? row->end_line : row->line,
                     used_fields(row) < expected ? row->end_col : 1,
                     "actor row has %zu fields, expected %zu: name, "
                     "description, power and a position and salience for "
                     "each of %zu dimensions",
                     used_fields(row), expected, st->n_dims));
        return PARLEY_OK;
    }
    if (st->n_actors == st->cap_actors &&
        (status = grow_actors(st)) != PARLEY_OK)
        return status;
    cells = &st->cells[st->n_actors * 2 * st->n_dims];
    capability = parley_i_num_point(0);
    if (id->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, id->line, id->col,
                            "missing actor name, expected a name"));
        named = 0;
    }
    for (i = 0; named && i < st->n_actors; i++)
        if (strcmp(st->actors[i].id, id->text) == 0) {
            note(st, parley_i_error(
                         st->ctx, PARLEY_EVALID, st->file, id->line, id->col,
                         "duplicate actor '%s' (first on line %u), expected "
                         "each actor once",
                         id->text, st->actors[i].line));
            named = 0;
        }
    read_value(st, &row->fields[2], "power", NULL, 0, &capability);
    for (k = 0; k < st->n_dims; k++) {
        read_value(st, &row->fields[3 + 2 * k], "position", st->dim_ids[k], 1,
                   &cells[2 * k]);
        read_value(st, &row->fields[4 + 2 * k], "salience", st->dim_ids[k], 1,
                   &cells[2 * k + 1]);
    }
    /* values with errors are kept: the scenario is not built anyway, and
     * the id still catches a later duplicate */
    if (!named)
        return PARLEY_OK;
    {
        ktab_actor *actor = &st->actors[st->n_actors];

        memset(actor, 0, sizeof *actor);
        actor->line = id->line;
        actor->col = id->col;
        actor->capability = capability;
        actor->id = parley_i_strndup(st->ctx, id->text, id->len);
        if (!actor->id)
            return parley_i_nomem(st->ctx);
        if (row->fields[1].len) {
            actor->note = parley_i_strndup(st->ctx, row->fields[1].text,
                                           row->fields[1].len);
            if (!actor->note) {
                parley_i_strfree(st->ctx, actor->id);
                return parley_i_nomem(st->ctx);
            }
        }
    }
    st->n_actors++;
    return PARLEY_OK;
}

static parley_status on_row(void *user, const parley_i_csv_row *row)
{
    ktab_state *st = user;

    if (parley_i_csv_row_blank(row))
        return PARLEY_OK;
    st->records++;
    if (st->records == 1)
        return read_scenario_line(st, row);
    if (st->broken)
        return PARLEY_OK;
    if (st->records == 2)
        return read_header(st, row);
    return read_actor(st, row);
}

static parley_status build(ktab_state *st, const char *name,
                           parley_scenario **out)
{
    parley_ctx *ctx = st->ctx;
    parley_scenario *s;
    parley_status status;
    size_t a, k;

    s = parley_i_scenario_new(ctx);
    if (!s)
        return parley_i_nomem(ctx);
    *out = s;
    s->id = st->name[0] ? parley_i_strdup(ctx, st->name)
                        : parley_i_id_from_name(ctx, name, "ktab");
    s->name = st->name;
    st->name = NULL;
    if (st->description[0]) {
        s->description = st->description;
        st->description = NULL;
    }
    if (!s->id)
        return parley_i_nomem(ctx);
    status = parley_i_import_actors(ctx, s, st->n_actors);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_actors; a++) {
        parley_actor *actor = &s->actors[a];

        actor->id = st->actors[a].id;
        actor->note = st->actors[a].note;
        st->actors[a].id = st->actors[a].note = NULL;
        actor->capability = st->actors[a].capability;
    }
    status = parley_i_import_issues(ctx, s, st->n_dims);
    if (status != PARLEY_OK)
        return status;
    for (k = 0; k < st->n_dims; k++) { /* KTAB's scale is 0..100 */
        s->issues[k].id = st->dim_ids[k];
        st->dim_ids[k] = NULL;
    }
    status = parley_i_scenario_alloc_stances(ctx, s, name);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_actors; a++)
        for (k = 0; k < st->n_dims; k++) {
            parley_stance *stance = parley_i_stance(s, a, k);
            const parley_num *cells = &st->cells[(a * st->n_dims + k) * 2];

            stance->present = 1;
            stance->position = cells[0];
            stance->salience = cells[1];
        }
    return PARLEY_OK;
}

/*
 * Loads a KTAB SMP CSV file.  Every input error is reported; on any, *out
 * is NULL.
 */
parley_status parley_i_load_ktab(parley_ctx *ctx, const char *name,
                                 const char *bytes, size_t len,
                                 const parley_load_options *opts,
                                 parley_scenario **out)
{
    parley_i_csv_options csv;
    ktab_state st;
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
    csv.delimiter = ',';
    status = parley_i_csv_read(ctx, name, bytes + skip, len - skip, &csv,
                               on_row, &st);
    if (status == PARLEY_OK) { /* no syntax error, nothing fatal */
        if (st.records == 0)
            note(&st, parley_i_error(ctx, PARLEY_EPARSE, name, 1, 1,
                                     "empty file, expected a KTAB scenario: "
                                     "name, description, number of actors "
                                     "and of dimensions on line 1"));
        else if (st.records == 1 && !st.broken)
            note(&st, parley_i_error(ctx, PARLEY_EPARSE, name, 2, 1,
                                     "no header line, expected Actor,"
                                     "Description,Power,Pstn1,Sal1,... on "
                                     "line 2"));
        else if (!st.broken && st.rows_seen < st.n_declared)
            note(&st, parley_i_error(ctx, PARLEY_EVALID, name, st.declared_line,
                                     st.declared_col,
                                     "%zu actors declared but %zu actor rows "
                                     "found, expected the two to agree",
                                     st.n_declared, st.rows_seen));
        status = st.status;
        if (status == PARLEY_OK)
            status = build(&st, name, out);
    }
    for (i = 0; i < st.n_actors; i++) {
        parley_i_strfree(ctx, st.actors[i].id);
        parley_i_strfree(ctx, st.actors[i].note);
    }
    parley_i_free(ctx, st.actors, st.cap_actors * sizeof *st.actors);
    parley_i_free(ctx, st.cells,
                  st.cap_cells * 2 * st.n_dims * sizeof *st.cells);
    for (i = 0; st.dim_ids && i < st.n_dims; i++)
        parley_i_strfree(ctx, st.dim_ids[i]);
    if (st.dim_ids)
        parley_i_free(ctx, st.dim_ids, st.n_dims * sizeof *st.dim_ids);
    parley_i_strfree(ctx, st.name);
    parley_i_strfree(ctx, st.description);
    return parley_i_import_finish(status, out);
}
