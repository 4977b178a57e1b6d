/*
 * load_deu.c -- DEU III (Arregui & Perarnaud 2021, "A new dataset on
 * legislative decision-making in the European Union", doi:10.34810/data53)
 * as tab-separated values, in the layout blksv/predictioneers_game
 * prepared:
 *
 *   - a header of quoted column names;
 *   - line 2: GDP figures in the position columns, one per actor, used as
 *     capabilities (opts->deu_equal_capability sets every capability to 1
 *     instead);
 *   - one row per issue: isnr (the issue id, "d00032i1"), prname (the
 *     proposal's name), p<actor> positions and s<actor> saliences on 0..100
 *     for the Commission (com), the Parliament (ep) and the member states,
 *     rp (the reference point) and out (the outcome, blank when unknown).
 *
 * Actors are the suffixes x that have both a p<x> and an s<x> column, in the
 * order of the position columns; other columns are ignored.  A blank
 * position or salience means the actor took no stance on the issue.
 */
#include "util/import.h"

#include <math.h>
#include <string.h>
#include <strings.h>

/* Display names of the DEU actor codes (ids stay the codes). */
static const char *const deu_names[][2] = {{"com", "European Commission"},
                                           {"ep", "European Parliament"},
                                           {"at", "Austria"},
                                           {"be", "Belgium"},
                                           {"bu", "Bulgaria"},
                                           {"cr", "Croatia"},
                                           {"cy", "Cyprus"},
                                           {"cz", "Czechia"},
                                           {"dk", "Denmark"},
                                           {"ee", "Estonia"},
                                           {"fi", "Finland"},
                                           {"fr", "France"},
                                           {"de", "Germany"},
                                           {"el", "Greece"},
                                           {"hu", "Hungary"},
                                           {"ie", "Ireland"},
                                           {"it", "Italy"},
                                           {"lv", "Latvia"},
                                           {"lt", "Lithuania"},
                                           {"lu", "Luxembourg"},
                                           {"mt", "Malta"},
                                           {"nl", "Netherlands"},
                                           {"pl", "Poland"},
                                           {"pt", "Portugal"},
                                           {"ro", "Romania"},
                                           {"si", "Slovenia"},
                                           {"sk", "Slovakia"},
                                           {"es", "Spain"},
                                           {"se", "Sweden"},
                                           {"uk", "United Kingdom"}};

typedef struct deu_actor {
    size_t pcol, scol; /* position and salience columns */
    const char *code;  /* points into the header row (header only) */
    char *id;
    parley_num capability;
} deu_actor;

typedef struct deu_issue {
    char *id, *name;
    unsigned line, col;
    double reference_point, outcome;
} deu_issue;

typedef struct deu_state {
    parley_ctx *ctx;
    const char *file;
    int equal_capability;
    size_t records;
    unsigned next_line; /* the line after the last row */
    int broken;         /* header unusable: rows cannot be read */
    size_t n_header_fields;
    size_t col_isnr, col_prname, col_rp, col_out;
    deu_actor *actors;
    size_t n_actors;
    deu_issue *issues;
    parley_num *cells; /* per issue 2 * n_actors; present = given */
    size_t n_issues, cap_issues, cap_cells;
    size_t rows_seen;     /* issue rows, stored or not */
    parley_status status; /* first input error */
} deu_state;

static void note(deu_state *st, parley_status status)
{
    if (st->status == PARLEY_OK)
        st->status = status;
}

static size_t find_column(const parley_i_csv_row *row, const char *name)
{
    size_t i;

    for (i = 0; i < row->n_fields; i++)
        if (strcasecmp(row->fields[i].text, name) == 0)
            return i;
    return PARLEY_NO_INDEX;
}

static parley_status read_header(deu_state *st, const parley_i_csv_row *row)
{
    size_t i, j, n = 0;

    st->broken = 1;
    st->n_header_fields = row->n_fields;
    st->col_isnr = find_column(row, "isnr");
    st->col_prname = find_column(row, "prname");
    st->col_rp = find_column(row, "rp");
    st->col_out = find_column(row, "out");
    if (st->col_isnr == PARLEY_NO_INDEX) {
        const char *near = NULL;
        unsigned col = 1;

        for (i = 0; i < row->n_fields && !near; i++) {
            const char *want[] = {"isnr"};

            if (parley_i_suggest(row->fields[i].text, want, 1) &&
                i != st->col_rp && i != st->col_out) {
                near = row->fields[i].text;
                col = row->fields[i].col;
            }
        }
        if (near)
            note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->line,
                                    col,
                                    "missing column 'isnr' (did you mean "
                                    "'%s'?), expected the issue id column",
                                    near));
        else
            note(st,
                 parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->line, 1,
                                "missing column 'isnr', expected the "
                                "issue id column of DEU"));
    }
    /* actors: every x with both a p<x> and an s<x> column */
    for (i = 0; i < row->n_fields; i++) {
        const char *text = row->fields[i].text;

        if ((text[0] != 'p' && text[0] != 'P') || !text[1])
            continue;
        for (j = 0; j < row->n_fields; j++) {
            const char *other = row->fields[j].text;

            if ((other[0] == 's' || other[0] == 'S') &&
                strcmp(other + 1, text + 1) == 0)
                break;
        }
        n += j < row->n_fields;
    }
    if (n == 0) {
        note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->line, 1,
                                "no actor columns, expected pairs of "
                                "p<actor> and s<actor> columns such as pcom "
                                "and scom"));
        return PARLEY_OK;
    }
    if (n > st->ctx->limits.max_actors)
        return parley_i_error(st->ctx, PARLEY_ELIMIT, st->file, row->line, 1,
                              "%zu actor columns, expected at most %zu "
                              "(raise it with --max-actors)",
                              n, st->ctx->limits.max_actors);
    st->actors = parley_i_alloc_array(st->ctx, n, sizeof *st->actors);
    if (!st->actors)
        return parley_i_nomem(st->ctx);
    st->n_actors = n;
    n = 0;
    for (i = 0; i < row->n_fields; i++) {
        const parley_i_csv_field *f = &row->fields[i];
        deu_actor *actor;

        if ((f->text[0] != 'p' && f->text[0] != 'P') || !f->text[1])
            continue;
        for (j = 0; j < row->n_fields; j++) {
            const char *other = row->fields[j].text;

            if ((other[0] == 's' || other[0] == 'S') &&
                strcmp(other + 1, f->text + 1) == 0)
                break;
        }
        if (j == row->n_fields)
            continue;
        actor = &st->actors[n++];
        actor->pcol = i;
        actor->scol = j;
        actor->capability = parley_i_num_at(1, f->line, f->col);
        actor->id = parley_i_strndup(st->ctx, f->text + 1, f->len - 1);
        if (!actor->id)
            return parley_i_nomem(st->ctx);
    }
    for (i = 0; i < st->n_actors; i++)
        for (j = i + 1; j < st->n_actors; j++)
            if (strcmp(st->actors[i].id, st->actors[j].id) == 0)
                note(st, parley_i_error(
                             st->ctx, PARLEY_EVALID, st->file, row->line,
                             row->fields[st->actors[j].pcol].col,
                             "second column for actor '%s', expected one "
                             "position and one salience column per actor",
                             st->actors[j].id));
    if (st->col_isnr != PARLEY_NO_INDEX && st->status == PARLEY_OK)
        st->broken = 0;
    return PARLEY_OK;
}

/* Checks the field count: at least the header's columns, and nothing
 * written beyond them. */
static int row_shape_ok(deu_state *st, const parley_i_csv_row *row)
{
    size_t i;

    if (row->n_fields < st->n_header_fields) {
        note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->end_line,
                                row->end_col,
                                "row has %zu fields, expected %zu like the "
                                "header",
                                row->n_fields, st->n_header_fields));
        return 0;
    }
    for (i = st->n_header_fields; i < row->n_fields; i++)
        if (row->fields[i].len) {
            note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file,
                                    row->fields[i].line, row->fields[i].col,
                                    "row has %zu fields, expected %zu like "
                                    "the header",
                                    row->n_fields, st->n_header_fields));
            return 0;
        }
    return 1;
}

/* Reads a cell on the 0..100 scale (or, for capabilities, >= 0).  Returns
 * 1 and sets *num (present) for a number, 1 with *num absent for a blank
 * cell, 0 after reporting anything else. */
static int read_cell(deu_state *st, const parley_i_csv_field *f,
                     const char *what, const char *actor, int percent,
                     parley_num *num)
{
    double value;

    memset(num, 0, sizeof *num);
    num->source = PARLEY_NO_INDEX;
    if (f->len == 0)
        return 1;
    if (!parley_i_parse_double(f->text, &value)) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line, f->col,
                            "%s%s%s '%s' is not a number, expected a number%s",
                            what, actor ? " of " : "", actor ? actor : "",
                            f->text, percent ? " or a blank cell" : ""));
        return 0;
    }
    if (value < 0 || (percent && value > 100)) {
        note(st, parley_i_error(
                     st->ctx, PARLEY_EVALID, st->file, f->line, f->col,
                     "%s%s%s %g is %s, expected %s", what, actor ? " of " : "",
                     actor ? actor : "", value,
                     percent ? "outside DEU's 0..100 scale" : "negative",
                     percent ? "a number from 0 to 100" : "a number >= 0"));
        return 0;
    }
    *num = parley_i_num_at(value, f->line, f->col);
    return 1;
}

static void read_capabilities(deu_state *st, const parley_i_csv_row *row)
{
    size_t a;

    if (st->equal_capability || !row_shape_ok(st, row))
        return;
    for (a = 0; a < st->n_actors; a++) {
        const parley_i_csv_field *f = &row->fields[st->actors[a].pcol];
        parley_num num;

        if (!read_cell(st, f, "capability", st->actors[a].id, 0, &num))
            continue;
        if (!num.present)
            note(st, parley_i_error(st->ctx, PARLEY_EPARSE, st->file, f->line,
                                    f->col,
                                    "missing capability (GDP) of %s on line 2, "
                                    "expected a number (or load with "
                                    "--equal-capability)",
                                    st->actors[a].id));
        else
            st->actors[a].capability = num;
    }
}

static parley_status grow_issues(deu_state *st)
{
    size_t cap = st->cap_issues ? st->cap_issues * 2 : 64;
    deu_issue *issues;
    parley_status status;

    status = parley_i_grow_cells(st->ctx, &st->cells, &st->cap_cells, cap,
                                 2 * st->n_actors);
    if (status != PARLEY_OK)
        return status;
    issues = parley_i_realloc(st->ctx, st->issues,
                              st->cap_issues * sizeof *st->issues,
                              cap * sizeof *st->issues);
    if (!issues)
        return parley_i_nomem(st->ctx);
    st->issues = issues;
    st->cap_issues = cap;
    return PARLEY_OK;
}

static parley_status read_issue(deu_state *st, const parley_i_csv_row *row)
{
    const parley_i_csv_field *id;
    parley_num *cells, rp, out;
    deu_issue *issue;
    parley_status status;
    size_t a, k;
    int named = 1; /* the row names a new actor or issue */

    st->rows_seen++;
    if (!row_shape_ok(st, row))
        return PARLEY_OK;
    id = &row->fields[st->col_isnr];
    if (st->n_issues == st->ctx->limits.max_issues)
        return parley_i_error(st->ctx, PARLEY_ELIMIT, st->file, row->line, 1,
                              "more than %zu issues, expected at most %zu "
                              "(raise it with --max-issues)",
                              st->ctx->limits.max_issues,
                              st->ctx->limits.max_issues);
    if (st->n_issues == st->cap_issues &&
        (status = grow_issues(st)) != PARLEY_OK)
        return status;
    cells = &st->cells[st->n_issues * 2 * st->n_actors];
    if (id->len == 0) {
        note(st,
             parley_i_error(st->ctx, PARLEY_EPARSE, st->file, id->line, id->col,
                            "missing issue id (isnr), expected an id "
                            "such as d00032i1"));
        named = 0;
    }
    for (k = 0; named && k < st->n_issues; k++)
        if (strcmp(st->issues[k].id, id->text) == 0) {
            note(st, parley_i_error(
                         st->ctx, PARLEY_EVALID, st->file, id->line, id->col,
                         "duplicate issue '%s' (first on line %u), expected "
                         "each issue once",
                         id->text, st->issues[k].line));
            named = 0;
        }
    for (a = 0; a < st->n_actors; a++) {
        const deu_actor *actor = &st->actors[a];

        read_cell(st, &row->fields[actor->pcol], "position", actor->id, 1,
                  &cells[2 * a]);
        read_cell(st, &row->fields[actor->scol], "salience", actor->id, 1,
                  &cells[2 * a + 1]);
    }
    rp.present = out.present = 0;
    if (st->col_rp != PARLEY_NO_INDEX)
        read_cell(st, &row->fields[st->col_rp], "reference point", NULL, 1,
                  &rp);
    if (st->col_out != PARLEY_NO_INDEX)
        read_cell(st, &row->fields[st->col_out], "outcome", NULL, 1, &out);
    /* values with errors are kept: the scenario is not built anyway, and
     * the id still catches a later duplicate */
    if (!named)
        return PARLEY_OK;
    issue = &st->issues[st->n_issues];
    memset(issue, 0, sizeof *issue);
    issue->line = id->line;
    issue->col = id->col;
    issue->reference_point = rp.present ? rp.mode : NAN;
    issue->outcome = out.present ? out.mode : NAN;
    issue->id = parley_i_strndup(st->ctx, id->text, id->len);
    if (!issue->id)
        return parley_i_nomem(st->ctx);
    if (st->col_prname != PARLEY_NO_INDEX && row->fields[st->col_prname].len) {
        const parley_i_csv_field *f = &row->fields[st->col_prname];

        issue->name = parley_i_strndup(st->ctx, f->text, f->len);
        if (!issue->name) {
            parley_i_strfree(st->ctx, issue->id);
            return parley_i_nomem(st->ctx);
        }
    }
    st->n_issues++;
    return PARLEY_OK;
}

static parley_status on_row(void *user, const parley_i_csv_row *row)
{
    deu_state *st = user;

    if (parley_i_csv_row_blank(row))
        return PARLEY_OK;
    st->records++;
    st->next_line = row->end_line + 1;
    if (st->records == 1)
        return read_header(st, row);
    if (st->broken)
        return PARLEY_OK;
    if (st->records == 2) {
        if (row->n_fields > st->col_isnr &&
            row->fields[st->col_isnr].len == 0) {
            read_capabilities(st, row);
            return PARLEY_OK;
        }
        if (!st->equal_capability)
            note(st,
                 parley_i_error(st->ctx, PARLEY_EPARSE, st->file, row->line, 1,
                                "no capability (GDP) line before the first "
                                "issue, expected a line with a figure in "
                                "each actor's position column (or load "
                                "with --equal-capability)"));
    }
    return read_issue(st, row);
}

static const char *display_name(const char *code)
{
    size_t i;

    for (i = 0; i < sizeof deu_names / sizeof *deu_names; i++)
        if (strcmp(deu_names[i][0], code) == 0)
            return deu_names[i][1];
    return code;
}

static parley_status build(deu_state *st, const char *name,
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
    s->id = parley_i_id_from_name(ctx, name, "deu");
    if (!s->id)
        return parley_i_nomem(ctx);
    status = parley_i_import_actors(ctx, s, st->n_actors);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_actors; a++) {
        parley_actor *actor = &s->actors[a];

        actor->id = st->actors[a].id;
        st->actors[a].id = NULL;
        actor->name = parley_i_strdup(ctx, display_name(actor->id));
        if (!actor->name)
            return parley_i_nomem(ctx);
        actor->capability = st->equal_capability ? parley_i_num_point(1)
                                                 : st->actors[a].capability;
    }
    status = parley_i_import_issues(ctx, s, st->n_issues);
    if (status != PARLEY_OK)
        return status;
    for (k = 0; k < st->n_issues; k++) { /* DEU's scale is 0..100 */
        parley_issue *issue = &s->issues[k];

        issue->id = st->issues[k].id;
        issue->name = st->issues[k].name;
        st->issues[k].id = st->issues[k].name = NULL;
        issue->reference_point = st->issues[k].reference_point;
        issue->outcome = st->issues[k].outcome;
    }
    status = parley_i_scenario_alloc_stances(ctx, s, name);
    if (status != PARLEY_OK)
        return status;
    for (a = 0; a < st->n_actors; a++)
        for (k = 0; k < st->n_issues; k++) {
            const parley_num *cells = &st->cells[(k * st->n_actors + a) * 2];
            parley_stance *stance = parley_i_stance(s, a, k);

            if (!cells[0].present || !cells[1].present)
                continue; /* a blank position or salience: no stance */
            stance->present = 1;
            stance->position = cells[0];
            stance->salience = cells[1];
        }
    return PARLEY_OK;
}

/*
 * Loads DEU III as TSV.  Every input error is reported; on any, *out is
 * NULL.
 */
parley_status parley_i_load_deu(parley_ctx *ctx, const char *name,
                                const char *bytes, size_t len,
                                const parley_load_options *opts,
                                parley_scenario **out)
{
    parley_i_csv_options csv;
    deu_state st;
    parley_status status;
    size_t skip, i;

    *out = NULL;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.file = name;
    st.equal_capability = opts && opts->deu_equal_capability;
    status = parley_i_import_start(ctx, name, bytes, len, &csv, &skip);
    if (status != PARLEY_OK)
        return status;
    csv.delimiter = '\t';
    status = parley_i_csv_read(ctx, name, bytes + skip, len - skip, &csv,
                               on_row, &st);
    if (status == PARLEY_OK) { /* no syntax error, nothing fatal */
        if (st.records == 0)
            note(&st, parley_i_error(ctx, PARLEY_EPARSE, name, 1, 1,
                                     "empty file, expected a DEU header "
                                     "(isnr, p<actor>, s<actor>, rp, out)"));
        else if (!st.broken && st.rows_seen == 0)
            note(&st, parley_i_error(ctx, PARLEY_EPARSE, name, st.next_line, 1,
                                     "no issue rows, expected one row per "
                                     "issue after the header%s",
                                     st.equal_capability
                                         ? ""
                                         : " and the capability line"));
        status = st.status;
        if (status == PARLEY_OK)
            status = build(&st, name, out);
    }
    for (i = 0; i < st.n_actors; i++)
        parley_i_strfree(ctx, st.actors[i].id);
    parley_i_free(ctx, st.actors, st.n_actors * sizeof *st.actors);
    for (i = 0; i < st.n_issues; i++) {
        parley_i_strfree(ctx, st.issues[i].id);
        parley_i_strfree(ctx, st.issues[i].name);
    }
    parley_i_free(ctx, st.issues, st.cap_issues * sizeof *st.issues);
    parley_i_free(ctx, st.cells,
                  st.cap_cells * 2 * st.n_actors * sizeof *st.cells);
    return parley_i_import_finish(status, out);
}
