/*
 * backtest.c -- forecast every issue that records an observed outcome and
 * score each model: mean absolute error, root mean squared error and
 * median absolute error, on the issues' own scale.
 *
 * The split lets one half tune and the other report (validation README:
 * never tune on the cases you report): PARLEY_SPLIT_ODD scores issues 1, 3,
 * 5, ... and PARLEY_SPLIT_EVEN issues 2, 4, 6, ..., numbered from 1 in the
 * scenario's (file) order, whether or not they record an outcome.
 */
#include "forecast/model.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 1 if issue k (0-based) belongs to the split. */
static int in_split(parley_split split, size_t k)
{
    if (split == PARLEY_SPLIT_ODD)
        return k % 2 == 0; /* 1-based number k + 1 is odd */
    if (split == PARLEY_SPLIT_EVEN)
        return k % 2 == 1;
    return 1;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void parley_backtest_free(parley_ctx *ctx, parley_backtest *b)
{
    if (!b || !ctx)
        return;
    parley_i_free(ctx, b->rows, b->n_rows * sizeof *b->rows);
    parley_i_free(ctx, b, sizeof *b);
}

/* MAE, RMSE and median of the first n absolute errors (sorted in place). */
static void score(parley_backtest_row *row, double *abs_error, size_t n)
{
    double sum = 0, squares = 0;
    size_t i;

    row->n = n;
    if (n == 0) {
        row->mae = row->rmse = row->median_ae = (double)NAN;
        return;
    }
    for (i = 0; i < n; i++) {
        sum += abs_error[i];
        squares += abs_error[i] * abs_error[i];
    }
    row->mae = sum / (double)n;
    row->rmse = sqrt(squares / (double)n);
    qsort(abs_error, n, sizeof *abs_error, compare_doubles);
    row->median_ae = n % 2 ? abs_error[n / 2]
                           : (abs_error[n / 2 - 1] + abs_error[n / 2]) / 2;
}

/*
 * Issues in the split with a recorded outcome are forecast by every
 * selected model (traces off).  An issue on which no actor with a stance
 * has positive capability x salience cannot be forecast and is not scored;
 * each row's n says how many were.  n_issues_with_outcome counts the
 * issues of the split that record an outcome.
 */
parley_status parley_backtest_run(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  const parley_forecast_options *options,
                                  parley_split split, parley_backtest **out)
{
    parley_forecast_options o;
    const parley_model_type **types = NULL;
    size_t n_types = 0, n_actors, n_out = 0, k, m, ws_size = 0;
    size_t *scored = NULL;
    double *capability = NULL, *position = NULL, *salience = NULL;
    double *abs_error = NULL;
    size_t *index = NULL;
    void *workspace = NULL;
    parley_backtest *b = NULL;
    parley_status status;

    if (!ctx)
        return PARLEY_EINVAL;
    if (out)
        *out = NULL;
    if (!scenario || !out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "backtest: scenario and out must not be NULL");
    if ((unsigned)split > PARLEY_SPLIT_EVEN)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "backtest: split %d, expected all, odd or "
                              "even",
                              (int)split);
    status = parley_i_forecast_prepare(ctx, options, &o, &types, &n_types);
    if (status != PARLEY_OK)
        return status;

    n_actors = scenario->n_actors;
    for (k = 0; k < scenario->n_issues; k++)
        if (in_split(split, k) && !isnan(scenario->issues[k].outcome))
            n_out++;
    status =
        parley_i_models_workspace(ctx, scenario, &o, types, n_types, &ws_size);
    if (status != PARLEY_OK)
        goto done;
    b = parley_i_alloc(ctx, sizeof *b);
    scored = parley_i_alloc_array(ctx, n_types, sizeof *scored);
    if (!b || !scored)
        goto nomem;
    b->rows = parley_i_alloc_array(ctx, n_types, sizeof *b->rows);
    if (!b->rows)
        goto nomem;
    b->n_rows = n_types;
    b->n_issues_with_outcome = n_out;
    if (n_out && n_actors) { /* no zero-byte blocks */
        abs_error =
            parley_i_alloc_array(ctx, n_types * n_out, sizeof *abs_error);
        capability = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        position = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        salience = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        index = parley_i_alloc_array(ctx, n_actors, sizeof(size_t));
        workspace = parley_i_alloc(ctx, ws_size);
        if (!abs_error || !capability || !position || !salience || !index ||
            !workspace)
            goto nomem;
        for (k = 0; k < scenario->n_issues; k++) {
            double outcome = scenario->issues[k].outcome, total;
            parley_issue_data data;

            if (!in_split(split, k) || isnan(outcome))
                continue;
            if (parley_i_issue_gather(scenario, k, capability, position,
                                      salience, index, &data, &total,
                                      o.include_third_parties) == 0 ||
                !(total > 0))
                continue; /* nothing to forecast: not scored */
            for (m = 0; m < n_types; m++) {
                double forecast;

                status =
                    parley_i_forecast_solve(ctx, types[m], &data, &o, workspace,
                                            ws_size, NULL, &forecast);
                if (status != PARLEY_OK) {
                    parley_i_error(ctx, status, scenario->file, 0, 0,
                                   "while backtesting issue '%s' with "
                                   "model '%s'",
                                   scenario->issues[k].id, types[m]->name);
                    goto done;
                }
                abs_error[m * n_out + scored[m]++] = fabs(forecast - outcome);
            }
        }
    }
    for (m = 0; m < n_types; m++) {
        b->rows[m].model = types[m]->name;
        score(&b->rows[m], abs_error ? abs_error + m * n_out : NULL, scored[m]);
    }
    *out = b;
    b = NULL;
    status = PARLEY_OK;
    goto done;

nomem:
    status = parley_i_nomem(ctx);
done:
    parley_backtest_free(ctx, b);
    parley_i_free(ctx, types, n_types * sizeof *types);
    parley_i_free(ctx, scored, n_types * sizeof *scored);
    parley_i_free(ctx, abs_error, n_types * n_out * sizeof *abs_error);
    parley_i_free(ctx, capability, n_actors * sizeof(double));
    parley_i_free(ctx, position, n_actors * sizeof(double));
    parley_i_free(ctx, salience, n_actors * sizeof(double));
    parley_i_free(ctx, index, n_actors * sizeof(size_t));
    parley_i_free(ctx, workspace, ws_size);
    return status;
}
