/*
 * import.c -- see import.h.
 */
#include "util/import.h"

#include <math.h>
#include <string.h>

void parley_i_actor_init(parley_actor *actor)
{
    memset(actor, 0, sizeof *actor);
    actor->role = PARLEY_ROLE_PARTY;
    actor->capability.source = PARLEY_NO_INDEX;
    actor->risk.source = PARLEY_NO_INDEX;
    actor->reservation.source = PARLEY_NO_INDEX;
    actor->source = PARLEY_NO_INDEX;
}

void parley_i_issue_init(parley_issue *issue)
{
    memset(issue, 0, sizeof *issue);
    issue->scale_min = 0;
    issue->scale_max = 100;
    issue->shape = PARLEY_SHAPE_LINEAR;
    issue->status_quo = NAN;
    issue->status_quo_option = PARLEY_NO_INDEX;
    issue->outcome = NAN;
    issue->reference_point = NAN;
    issue->source = PARLEY_NO_INDEX;
}

parley_num parley_i_num_at(double value, unsigned line, unsigned col)
{
    parley_num num = parley_i_num_point(value);

    num.line = line;
    num.col = col;
    return num;
}

char *parley_i_id_from_name(const parley_ctx *ctx, const char *name,
                            const char *fallback)
{
    const char *base = name ? name : "", *slash, *dot;
    size_t len;

    slash = strrchr(base, '/');
    if (slash)
        base = slash + 1;
    dot = strrchr(base, '.');
    len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (len == 0 || base[0] == '<' || (len == 1 && base[0] == '-'))
        return parley_i_strdup(ctx, fallback);
    return parley_i_strndup(ctx, base, len);
}

int parley_i_parse_number(const char *text, int decimal_comma, double *out)
{
    char copy[64];
    const char *comma;
    size_t len;

    if (!decimal_comma || !text || !(comma = strchr(text, ',')))
        return parley_i_parse_double(text, out);
    len = strlen(text);
    /* one comma, no point: "0,5" -> "0.5"; anything else is not a number */
    if (len >= sizeof copy || strchr(comma + 1, ',') || strchr(text, '.'))
        return 0;
    memcpy(copy, text, len + 1);
    copy[comma - text] = '.';
    return parley_i_parse_double(copy, out);
}

int parley_i_csv_row_blank(const parley_i_csv_row *row)
{
    size_t i;

    for (i = 0; i < row->n_fields; i++)
        if (row->fields[i].len)
            return 0;
    return 1;
}

size_t parley_i_import_max_fields(const parley_ctx *ctx)
{
    const parley_limits *lim = &ctx->limits;
    size_t wide =
        lim->max_actors > lim->max_issues ? lim->max_actors : lim->max_issues;

    /* DEU: 2 per actor + 15; KTAB: 2 per dimension + 4 */
    if (wide > ((size_t)-1 - 64) / 2)
        return (size_t)-1;
    return 2 * wide + 64;
}

/*
 * The common start of the CSV-like importers (BDM, KTAB, DEU): checks the
 * text and fills the csv options they share.
 */
parley_status parley_i_import_start(parley_ctx *ctx, const char *name,
                                    const char *bytes, size_t len,
                                    parley_i_csv_options *csv, size_t *skip)
{
    parley_status status = parley_i_text_check(ctx, name, bytes, len, skip);

    if (status != PARLEY_OK)
        return status;
    memset(csv, 0, sizeof *csv);
    csv->quote = '"';
    csv->max_fields = parley_i_import_max_fields(ctx);
    return PARLEY_OK;
}

/*
 * The common end of an importer: a failed import returns no scenario, not
 * a partial one.
 */
parley_status parley_i_import_finish(parley_status status,
                                     parley_scenario **out)
{
    if (status != PARLEY_OK) {
        parley_scenario_free(*out);
        *out = NULL;
    }
    return status;
}

/*
 * Grows the cell block of a table read row by row (KTAB actors, DEU
 * issues), each row `per` numbers wide.
 */
parley_status parley_i_grow_cells(parley_ctx *ctx, parley_num **cells,
                                  size_t *cap, size_t new_cap, size_t per)
{
    parley_num *grown;

    if (*cap >= new_cap)
        return PARLEY_OK;
    if (new_cap > ((size_t)-1) / per / sizeof **cells)
        return parley_i_nomem(ctx);
    grown = parley_i_realloc(ctx, *cells, *cap * per * sizeof **cells,
                             new_cap * per * sizeof **cells);
    if (!grown)
        return parley_i_nomem(ctx);
    *cells = grown;
    *cap = new_cap;
    return PARLEY_OK;
}

/*
 * The actors of an imported scenario, every one unset until the importer
 * fills it in.
 */
parley_status parley_i_import_actors(parley_ctx *ctx, parley_scenario *s,
                                     size_t n)
{
    size_t a;

    s->actors = parley_i_alloc_array(ctx, n, sizeof *s->actors);
    if (!s->actors)
        return parley_i_nomem(ctx);
    s->n_actors = n;
    for (a = 0; a < n; a++)
        parley_i_actor_init(&s->actors[a]);
    return PARLEY_OK;
}

/*
 * The issues of an imported scenario, every one on the 0..100 scale and
 * otherwise unset until the importer fills it in.
 */
parley_status parley_i_import_issues(parley_ctx *ctx, parley_scenario *s,
                                     size_t n)
{
    size_t k;

    s->issues = parley_i_alloc_array(ctx, n, sizeof *s->issues);
    if (!s->issues)
        return parley_i_nomem(ctx);
    s->n_issues = n;
    for (k = 0; k < n; k++)
        parley_i_issue_init(&s->issues[k]);
    return PARLEY_OK;
}
