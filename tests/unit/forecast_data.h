/*
 * forecast_data.h -- helpers for the forecasting tests: a tiny reader for
 * the BDM CSV tables in tests/data/bdm (header-driven: the first column is
 * the actor, then capability or clout, position and salience in any order)
 * and a builder for in-memory scenarios, so the model tests do not depend
 * on any loader.
 */
#ifndef PARLEY_TEST_FORECAST_DATA_H
#define PARLEY_TEST_FORECAST_DATA_H

#include "parley.h"
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MAX 64

typedef struct table {
    size_t n;
    char name[TABLE_MAX][64];
    double capability[TABLE_MAX], position[TABLE_MAX], salience[TABLE_MAX];
} table;

/* Splits one CSV line (no quoting in these files) into at most 8 fields. */
static size_t split_fields(char *line, char **field)
{
    size_t n = 0;
    char *p = line;

    line[strcspn(line, "\r\n")] = '\0';
    while (n < 8) {
        field[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p++ = '\0';
    }
    return n;
}

/* Reads tests/data/<name> into t; fails the test on any surprise. */
static void read_table(const char *name, table *t)
{
    char line[512], *field[8];
    int col_c = -1, col_x = -1, col_s = -1;
    size_t i, nf;
    FILE *f = fopen(test_data(name), "r");

    cr_assert_not_null(f, "cannot open %s", test_data(name));
    memset(t, 0, sizeof *t);
    cr_assert_not_null(fgets(line, sizeof line, f));
    nf = split_fields(line, field);
    for (i = 1; i < nf; i++) {
        if (!strcmp(field[i], "Capability") || !strcmp(field[i], "Clout"))
            col_c = (int)i;
        else if (!strcmp(field[i], "Position"))
            col_x = (int)i;
        else if (!strcmp(field[i], "Salience"))
            col_s = (int)i;
    }
    cr_assert(col_c > 0 && col_x > 0 && col_s > 0, "bad header in %s", name);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\r' || line[0] == '\0')
            continue;
        cr_assert_lt(t->n, TABLE_MAX);
        nf = split_fields(line, field);
        cr_assert_eq(nf, 4, "%s: expected 4 fields", name);
        snprintf(t->name[t->n], sizeof t->name[t->n], "%s", field[0]);
        t->capability[t->n] = strtod(field[col_c], NULL);
        t->position[t->n] = strtod(field[col_x], NULL);
        t->salience[t->n] = strtod(field[col_s], NULL);
        t->n++;
    }
    fclose(f);
}

static parley_issue_data table_issue(const table *t, double lo, double hi)
{
    parley_issue_data d;

    d.n = t->n;
    d.capability = t->capability;
    d.position = t->position;
    d.salience = t->salience;
    d.scale_min = lo;
    d.scale_max = hi;
    return d;
}

/*
 * A scenario of n_actors actors and n_issues issues on [lo, hi], built
 * through ctx.  position and salience are n_actors x n_issues (row per
 * actor); a NaN position means "no stance".  outcome may be NULL.
 */
static parley_scenario *
build_scenario(parley_ctx *ctx, size_t n_actors, char (*names)[64],
               const double *capability, size_t n_issues,
               const double *position, const double *salience,
               const double *outcome, double lo, double hi)
{
    parley_scenario *s = parley_i_scenario_new(ctx);
    size_t a, k;

    cr_assert_not_null(s);
    s->file = parley_i_strdup(ctx, "test-scenario");
    s->id = parley_i_strdup(ctx, "test");
    s->actors = parley_i_alloc_array(ctx, n_actors, sizeof *s->actors);
    s->issues = parley_i_alloc_array(ctx, n_issues, sizeof *s->issues);
    cr_assert(s->actors && s->issues && s->file && s->id);
    s->n_actors = n_actors;
    s->n_issues = n_issues;
    for (a = 0; a < n_actors; a++) {
        parley_actor *ac = &s->actors[a];

        ac->id = parley_i_strdup(ctx, names[a]);
        ac->name = parley_i_strdup(ctx, names[a]);
        ac->capability = parley_i_num_point(capability[a]);
        ac->risk.source = ac->reservation.source = PARLEY_NO_INDEX;
        ac->source = PARLEY_NO_INDEX;
    }
    for (k = 0; k < n_issues; k++) {
        parley_issue *is = &s->issues[k];
        char id[32];

        snprintf(id, sizeof id, "issue%zu", k + 1);
        is->id = parley_i_strdup(ctx, id);
        is->scale_min = lo;
        is->scale_max = hi;
        is->status_quo = (double)NAN;
        is->status_quo_option = PARLEY_NO_INDEX;
        is->outcome = outcome ? outcome[k] : (double)NAN;
        is->reference_point = (double)NAN;
        is->source = PARLEY_NO_INDEX;
    }
    cr_assert_eq(parley_i_scenario_alloc_stances(ctx, s, "test"), PARLEY_OK);
    for (a = 0; a < n_actors; a++)
        for (k = 0; k < n_issues; k++) {
            parley_stance *st = parley_i_stance(s, a, k);
            double x = position[a * n_issues + k];

            if (isnan(x))
                continue;
            st->present = 1;
            st->position = parley_i_num_point(x);
            st->salience = parley_i_num_point(salience[a * n_issues + k]);
        }
    return s;
}

/* A one-issue scenario from a table. */
static parley_scenario *table_scenario(parley_ctx *ctx, table *t, double lo,
                                       double hi)
{
    return build_scenario(ctx, t->n, t->name, t->capability, 1, t->position,
                          t->salience, NULL, lo, hi);
}

#endif
