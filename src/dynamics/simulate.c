/*
 * simulate.c -- parley_simulate_run: Monte Carlo over every uncertain input
 * of a scenario with its monthly dynamics (docs/models/simulation.md), on
 * the engine of montecarlo.h, and the plain-data result.
 */
#include "dynamics/montecarlo.h"
#include "forecast/model.h"

#include <math.h>
#include <string.h>

void parley_simulate_options_set_default(parley_simulate_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->draws = 10000;
    o->seed = 1;
    o->months = -1;
    o->threads = 0;
    o->outputs = NULL;
    parley_forecast_options_set_default(&o->forecast);
    o->zone_parties = NULL;
    o->coverage = 0.90;
    o->sample_inputs = 1;
    o->keep_draws = 0;
    o->max_sample_bytes = (size_t)1 << 30;
    o->report_every = 0;
    o->progress = NULL;
    o->progress_user = NULL;
    parley_negotiation_options_set_default(&o->negotiation);
}

void parley_simulation_free(parley_ctx *ctx, parley_simulation *sim)
{
    const parley_ctx *owner;
    size_t i, M;

    if (!sim)
        return;
    owner = sim->ctx_ ? sim->ctx_ : ctx;
    M = (size_t)sim->months + 1;
    parley_i_inputs_free(owner, sim->inputs, sim->n_inputs);
    for (i = 0; i < sim->n_outputs && sim->outputs; i++) {
        parley_i_strfree(owner, (char *)sim->outputs[i].id);
        parley_i_strfree(owner, (char *)sim->outputs[i].label);
        parley_i_free(owner, sim->outputs[i].cells,
                      M * sizeof *sim->outputs[i].cells);
    }
    parley_i_free(owner, sim->outputs, sim->n_outputs * sizeof *sim->outputs);
    if (sim->draw_values)
        parley_i_free(owner, sim->draw_values,
                      sim->draws * M * sim->n_outputs * sizeof(double));
    parley_i_free(owner, sim, sizeof *sim);
}

/* Checks the options that do not need the scenario. */
static parley_status check_options(parley_ctx *ctx,
                                   const parley_simulate_options *o)
{
    if (o->draws == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "0 draws, expected at least one draw");
    if (o->draws > ctx->limits.max_draws)
        return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                              "%zu draws exceed the limit of %zu, expected "
                              "fewer (raise it with --max-draws)",
                              o->draws, ctx->limits.max_draws);
    if (o->months < -1 || o->months > 600)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d months, expected 0 to 600 (or -1 for the "
                              "scenario's horizon)",
                              o->months);
    if (o->threads < 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%d threads, expected 0 (automatic) or more",
                              o->threads);
    if (!(o->coverage > 0 && o->coverage < 1))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "coverage %g, expected a probability strictly "
                              "between 0 and 1 (0.9 gives 5%%-95%%)",
                              o->coverage);
    if (o->sample_inputs != 0 && o->sample_inputs != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "sample_inputs is %d, expected 0 or 1",
                              o->sample_inputs);
    if (o->report_every < 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "report_every is %d, expected 0 (automatic) "
                              "or a number of months",
                              o->report_every);
    return PARLEY_OK;
}

/* Bytes for n rows of row_len doubles, or 0 on overflow. */
static size_t rows_bytes(size_t n, size_t row_len)
{
    if (row_len && n > ((size_t)-1) / sizeof(double) / row_len)
        return 0;
    return n * row_len * sizeof(double);
}

parley_status parley_simulate_run(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  const parley_simulate_options *options,
                                  parley_simulation **out)
{
    parley_simulate_options defaults;
    parley_i_mc_config cfg;
    parley_i_mc *mc = NULL;
    parley_simulation *sim = NULL;
    parley_sim_cell *cells = NULL;
    double *rows = NULL, *scratch = NULL;
    unsigned char *flags = NULL;
    size_t row_len = 0, bytes = 0, n_cells = 0, M, c;
    parley_i_job job;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    if (out)
        *out = NULL;
    if (!scenario || !out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "simulate: scenario and out must not be NULL");
    if (!options) {
        parley_simulate_options_set_default(&defaults);
        options = &defaults;
    }
    st = check_options(ctx, options);
    if (st != PARLEY_OK)
        return st;
    cfg.months = options->months;
    cfg.threads = options->threads;
    cfg.seed = options->seed;
    cfg.sample_inputs = options->sample_inputs;
    st = parley_i_mc_new(ctx, scenario, &cfg, &mc);
    if (st == PARLEY_OK) {
        mc->negotiation = &options->negotiation;
        st = parley_i_mc_add_outputs(mc, options->outputs, &options->forecast,
                                     options->zone_parties);
    }
    if (st != PARLEY_OK)
        goto done;
    M = (size_t)mc->months + 1;
    row_len = parley_i_mc_row_len(mc);
    bytes = rows_bytes(options->draws, row_len);
    if (bytes == 0 || bytes > options->max_sample_bytes) {
        st = parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                            "%zu draws x %zu months x %zu outputs need more "
                            "than the %zu bytes allowed for the draws' "
                            "values, expected fewer draws, months or "
                            "outputs (or a larger max_sample_bytes)",
                            options->draws, M, mc->n_columns,
                            options->max_sample_bytes);
        goto done;
    }
    st = parley_i_mc_prepare(mc);
    if (st != PARLEY_OK)
        goto done;
    n_cells = mc->n_columns * M;
    rows = parley_i_alloc(ctx, bytes);
    scratch = parley_i_alloc_array(ctx, options->draws * (size_t)mc->threads,
                                   sizeof *scratch);
    flags = parley_i_alloc_array(ctx, options->draws, (size_t)mc->threads);
    cells = parley_i_alloc_array(ctx, n_cells, sizeof *cells);
    sim = parley_i_alloc(ctx, sizeof *sim);
    if (!rows || !scratch || !flags || !cells || !sim)
        goto nomem;
    sim->ctx_ = ctx;
    sim->draws = options->draws;
    sim->seed = options->seed;
    sim->months = mc->months;
    sim->coverage = options->coverage;
    sim->sample_inputs = options->sample_inputs;
    sim->stochastic = mc->dyn->stochastic;
    if (scenario->dynamics.present && scenario->dynamics.start) {
        sim->start_year = scenario->dynamics.start_year;
        sim->start_month = scenario->dynamics.start_month;
    }
    st = parley_i_inputs_export(ctx, mc->params, &sim->inputs);
    if (st != PARLEY_OK)
        goto done;
    sim->n_inputs = mc->params->n_inputs;
    sim->outputs =
        parley_i_alloc_array(ctx, mc->n_columns, sizeof *sim->outputs);
    if (!sim->outputs)
        goto nomem;
    sim->n_outputs = mc->n_columns;
    for (c = 0; c < mc->n_columns; c++) {
        parley_sim_output *o = &sim->outputs[c];
        const parley_i_block *b = &mc->blocks[mc->columns[c].block];

        o->id = parley_i_strdup(ctx, mc->columns[c].id);
        o->label = parley_i_strdup(ctx, mc->columns[c].label);
        o->kind = mc->columns[c].kind == PARLEY_I_OUT_EVENT
                      ? PARLEY_OUTPUT_EVENT
                      : PARLEY_OUTPUT_VALUE;
        o->available = b->available;
        o->note = b->note;
        o->cells = parley_i_alloc_array(ctx, M, sizeof *o->cells);
        if (!o->id || !o->label || !o->cells)
            goto nomem;
    }

    memset(&job, 0, sizeof job);
    job.n = options->draws;
    job.first = 0;
    job.rows = rows;
    job.progress = options->progress;
    job.progress_user = options->progress_user;
    st = parley_i_mc_run(mc, &job);
    if (st != PARLEY_OK)
        goto done;
    parley_i_mc_summarise(mc, rows, options->draws, options->coverage, cells,
                          scratch, flags);
    for (c = 0; c < mc->n_columns; c++)
        memcpy(sim->outputs[c].cells, cells + c * M, M * sizeof *cells);
    if (options->keep_draws) {
        sim->draw_values = rows; /* the rows are exactly that layout */
        rows = NULL;
    }
    *out = sim;
    sim = NULL;
    st = PARLEY_OK;
    goto done;

nomem:
    st = parley_i_nomem(ctx);
done:
    parley_simulation_free(ctx, sim);
    parley_i_free(ctx, rows, bytes);
    if (mc) {
        parley_i_free(ctx, scratch,
                      options->draws * (size_t)mc->threads * sizeof *scratch);
        parley_i_free(ctx, flags, options->draws * (size_t)mc->threads);
    }
    parley_i_free(ctx, cells, n_cells * sizeof *cells);
    parley_i_mc_free(mc);
    return st;
}
