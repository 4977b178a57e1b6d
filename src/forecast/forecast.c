/*
 * forecast.c -- the framework around the forecasting models: options,
 * checks, the iterate / test loop, traces, and the two public entry points
 * (a whole scenario, or one issue given as arrays).
 *
 * The loop (model.h): setup once, step until no position moves by more
 * than options->tolerance or options->rounds rounds have run, summarise.
 * "Not converged" is a result (converged = 0), never an error.
 */
#include "forecast/model.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_MODELS "compromise,median,bdm"
#define MODEL_NAME_MAX 64
/* Workspaces up to this size live on the stack in parley_forecast_issue:
 * a 10-actor BDM issue needs about 10 KiB, a 12-actor one 14 KiB. */
#define STACK_WORKSPACE 16384

void parley_forecast_options_set_default(parley_forecast_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->models = NULL;
    options->rounds = 10;
    options->tolerance = 1e-9;
    options->trace = 0;
    options->bdm_variant = NULL;
    options->bdm_prob = PARLEY_BDM_PROB_ALL_TRIPLES;
    options->bdm_median = PARLEY_BDM_MEDIAN_CONDORCET;
    options->bdm_risk = PARLEY_BDM_RISK_SCHOLZ;
    options->bdm_offer = PARLEY_BDM_OFFER_BEST;
    options->bdm_q = 1.0;
    options->bdm_range = PARLEY_BDM_RANGE_OBSERVED;
    options->bdm_capitulate = 0;
    options->bdm_salience_scale = 0;
}

/* ---- model names ---- */

parley_status parley_i_model_unknown(parley_ctx *ctx, const char *name,
                                     size_t len)
{
    const char *names[16];
    char word[MODEL_NAME_MAX + 1], list[256];
    const char *near;
    size_t i, used = 0;

    if (len > MODEL_NAME_MAX)
        len = MODEL_NAME_MAX;
    memcpy(word, name, len);
    word[len] = '\0';
    list[0] = '\0';
    for (i = 0; i < parley_i_n_models && i < 16; i++) {
        names[i] = parley_i_models[i]->name;
        if (used + strlen(names[i]) + 3 < sizeof list) {
            if (used) {
                memcpy(list + used, ", ", 2);
                used += 2;
            }
            memcpy(list + used, names[i], strlen(names[i]) + 1);
            used += strlen(names[i]);
        }
    }
    near = parley_i_suggest(word, names, i);
    if (near)
        return parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                              "unknown model '%s', expected one of %s; did "
                              "you mean '%s'?",
                              word, list, near);
    return parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                          "unknown model '%s', expected one of %s", word, list);
}

/* ---- options ---- */

parley_status parley_i_forecast_check_options(parley_ctx *ctx,
                                              const parley_forecast_options *o)
{
    if (o->rounds > ctx->limits.max_rounds)
        return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                              "%zu rounds exceed the limit of %zu, expected "
                              "fewer (raise it with --max-rounds)",
                              o->rounds, ctx->limits.max_rounds);
    if (isnan(o->tolerance))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "the tolerance is NaN, expected a number "
                              "(negative: always run every round)");
    if ((unsigned)o->bdm_prob > PARLEY_BDM_PROB_PAIR ||
        (unsigned)o->bdm_median > PARLEY_BDM_MEDIAN_WEIGHTED ||
        (unsigned)o->bdm_risk > PARLEY_BDM_RISK_NEUTRAL ||
        (unsigned)o->bdm_offer > PARLEY_BDM_OFFER_NEAREST ||
        (unsigned)o->bdm_range > PARLEY_BDM_RANGE_SCALE)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "bdm: a variant choice is out of range, "
                              "expected one of the parley_bdm_* constants");
    if (o->bdm_capitulate != 0 && o->bdm_capitulate != 1)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "bdm: capitulate is %d, expected 0 or 1",
                              o->bdm_capitulate);
    if (!(o->bdm_q >= 0 && o->bdm_q <= 1))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "bdm: Q = %g, expected a probability in "
                              "[0, 1]",
                              o->bdm_q);
    if (!(o->bdm_salience_scale >= 0) || !isfinite(o->bdm_salience_scale))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "bdm: salience scale %g, expected a finite "
                              "number > 0 (or 0 for automatic)",
                              o->bdm_salience_scale);
    return PARLEY_OK;
}

/*
 * BDM presets.  "scholz": the choices of Scholz, Calbert & Smith's code as
 * replicated (all-triples normaliser, Condorcet median, Scholz risk,
 * Scholz's offer ranking, no capitulation, observed range).  "corrected":
 * the three departures from the published description that the
 * replication's author points out undone (pairwise normaliser, nearest
 * offer, capitulation as stated).  Q is a parameter, not a variant choice,
 * and is left alone.
 */
parley_status parley_i_bdm_resolve(parley_ctx *ctx,
                                   const parley_forecast_options *options,
                                   parley_forecast_options *resolved)
{
    static const char *const presets[] = {"scholz", "corrected"};
    const char *v = options->bdm_variant;

    *resolved = *options;
    if (!v)
        return PARLEY_OK;
    if (strcmp(v, "scholz") != 0 && strcmp(v, "corrected") != 0) {
        const char *near = parley_i_suggest(v, presets, 2);

        return parley_i_error(ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                              "unknown BDM variant '%s', expected 'scholz' "
                              "or 'corrected'%s%s%s",
                              v, near ? "; did you mean '" : "",
                              near ? near : "", near ? "'?" : "");
    }
    resolved->bdm_median = PARLEY_BDM_MEDIAN_CONDORCET;
    resolved->bdm_risk = PARLEY_BDM_RISK_SCHOLZ;
    resolved->bdm_range = PARLEY_BDM_RANGE_OBSERVED;
    if (strcmp(v, "scholz") == 0) {
        resolved->bdm_prob = PARLEY_BDM_PROB_ALL_TRIPLES;
        resolved->bdm_offer = PARLEY_BDM_OFFER_BEST;
        resolved->bdm_capitulate = 0;
    } else {
        resolved->bdm_prob = PARLEY_BDM_PROB_PAIR;
        resolved->bdm_offer = PARLEY_BDM_OFFER_NEAREST;
        resolved->bdm_capitulate = 1;
    }
    return PARLEY_OK;
}

/* ---- issue checks ---- */

/* The conditions every model needs.  `what` names the issue in messages
 * ("issue 'x'" or "the issue"). */
static parley_status
check_issue(parley_ctx *ctx, const parley_issue_data *issue, const char *what)
{
    double total = 0;
    size_t i;

    if (issue->n == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s has no actors, expected at least one", what);
    if (issue->n > ctx->limits.max_actors)
        return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                              "%s has %zu actors, over the limit of %zu "
                              "(raise it with --max-actors)",
                              what, issue->n, ctx->limits.max_actors);
    if (!issue->capability || !issue->position || !issue->salience)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s: capability, position and salience must "
                              "not be NULL",
                              what);
    for (i = 0; i < issue->n; i++) {
        double c = issue->capability[i], x = issue->position[i];
        double s = issue->salience[i];

        if (!isfinite(c) || c < 0)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "%s, actor %zu: capability %g, expected a "
                                  "finite number >= 0",
                                  what, i + 1, c);
        if (!isfinite(s) || s < 0)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "%s, actor %zu: salience %g, expected a "
                                  "finite number >= 0",
                                  what, i + 1, s);
        if (!isfinite(x))
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "%s, actor %zu: position %g, expected a "
                                  "finite number",
                                  what, i + 1, x);
        total += c * s;
    }
    if (!(total > 0) || !isfinite(total))
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s: the total capability x salience is %g, "
                              "expected a finite number > 0 (some actor "
                              "must care and count)",
                              what, total);
    return PARLEY_OK;
}

/* ---- the loop ---- */

/* Frees the first `rounds` entries of a trace and the array (capacity
 * `cap`). */
static void trace_free(const parley_ctx *ctx, parley_round *trace,
                       size_t rounds, size_t cap, size_t n)
{
    size_t r;

    if (!trace)
        return;
    for (r = 0; r < rounds; r++) {
        parley_i_free(ctx, trace[r].position, 2 * n * sizeof(double));
        parley_i_free(ctx, trace[r].offers,
                      trace[r].n_offers * sizeof(parley_offer));
    }
    parley_i_free(ctx, trace, cap * sizeof *trace);
}

/*
 * Runs a checked model on a checked issue in `workspace`.  With `offers`
 * (room for n offers) every round is kept in result->trace; the trace is
 * the only thing allocated here, between steps, never inside one.
 */
static parley_status run_model(parley_ctx *ctx, const parley_model_type *type,
                               const parley_issue_data *issue,
                               const parley_forecast_options *o,
                               void *workspace, parley_model_result *result,
                               parley_offer *offers)
{
    parley_i_summary summary;
    parley_round *trace = NULL;
    size_t n = issue->n, rounds = 0, cap = 0;
    int converged = 0;
    parley_status status;

    status = type->setup(workspace, ctx, issue, o);
    if (status != PARLEY_OK)
        return status;
    if (!type->step) {
        converged = 1; /* one-shot models are stable by construction */
    } else {
        while (rounds < o->rounds) {
            double move;

            if (offers) {
                parley_round *round;
                double *block;

                if (rounds == cap) {
                    size_t grown = cap ? 2 * cap : 16;
                    parley_round *t;

                    if (grown > o->rounds)
                        grown = o->rounds;
                    t = parley_i_realloc(ctx, trace, cap * sizeof *trace,
                                         grown * sizeof *trace);
                    if (!t)
                        goto nomem;
                    trace = t;
                    cap = grown;
                }
                block = parley_i_alloc_array(ctx, 2 * n, sizeof(double));
                if (!block)
                    goto nomem;
                round = &trace[rounds];
                memset(round, 0, sizeof *round);
                round->position = block;
                round->risk = block + n;
                round->offers = offers;
                move = type->step(workspace, round);
                rounds++;
                round->offers = NULL;
                if (round->n_offers) {
                    round->offers = parley_i_alloc_array(ctx, round->n_offers,
                                                         sizeof(parley_offer));
                    if (!round->offers) {
                        round->n_offers = 0;
                        goto nomem;
                    }
                    memcpy(round->offers, offers,
                           round->n_offers * sizeof(parley_offer));
                }
            } else {
                move = type->step(workspace, NULL);
                rounds++;
            }
            if (move <= o->tolerance) {
                converged = 1;
                break;
            }
        }
        if (trace && cap > rounds) { /* exactly `rounds` entries */
            parley_round *t = parley_i_realloc(ctx, trace, cap * sizeof *trace,
                                               rounds * sizeof *trace);

            if (!t)
                goto nomem;
            trace = t;
            cap = rounds;
        }
    }
    type->summarise(workspace, &summary);
    result->model = type->name;
    result->forecast = summary.forecast;
    result->rounds = rounds;
    result->converged = converged;
    result->median0 = summary.median0;
    result->mean0 = summary.mean0;
    result->n = n;
    if (offers)
        result->trace = trace;
    return PARLEY_OK;

nomem:
    trace_free(ctx, trace, rounds, cap, n);
    return parley_i_nomem(ctx);
}

/* ---- one issue given as arrays ---- */

size_t parley_i_forecast_workspace_size(const parley_model_type *type, size_t n,
                                        const parley_forecast_options *o)
{
    return type->workspace_size(n, o);
}

parley_status parley_i_forecast_solve(parley_ctx *ctx,
                                      const parley_model_type *type,
                                      const parley_issue_data *issue,
                                      const parley_forecast_options *options,
                                      void *workspace, size_t workspace_size,
                                      parley_model_result *result,
                                      double *forecast)
{
    parley_forecast_options o;
    parley_model_result local;
    parley_status status;
    size_t need;

    if (!ctx || !type || !issue || !options || !workspace)
        return PARLEY_EINVAL;
    status = parley_i_forecast_check_options(ctx, options);
    if (status == PARLEY_OK)
        status = parley_i_bdm_resolve(ctx, options, &o);
    if (status == PARLEY_OK)
        status = check_issue(ctx, issue, "the issue");
    if (status != PARLEY_OK)
        return status;
    need = type->workspace_size(issue->n, &o);
    if (need == 0 || workspace_size < need)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "model '%s' needs a workspace of %zu bytes "
                              "for %zu actors, got %zu",
                              type->name, need, issue->n, workspace_size);
    memset(&local, 0, sizeof local);
    status = run_model(ctx, type, issue, &o, workspace, &local, NULL);
    if (status != PARLEY_OK)
        return status;
    if (result) {
        result->model = local.model;
        result->forecast = local.forecast;
        result->rounds = local.rounds;
        result->converged = local.converged;
        result->median0 = local.median0;
        result->mean0 = local.mean0;
        result->n = local.n;
    }
    if (forecast)
        *forecast = local.forecast;
    return PARLEY_OK;
}

/*
 * One model on one issue.  Small workspaces (up to STACK_WORKSPACE bytes:
 * a BDM issue of up to 12 actors) live on the stack, so a Monte Carlo
 * loop calling this allocates nothing; larger ones are allocated per call.
 * Hot loops over large issues should use parley_i_forecast_solve with a
 * workspace of their own.
 */
parley_status parley_forecast_issue(parley_ctx *ctx, const char *model,
                                    const parley_issue_data *issue,
                                    const parley_forecast_options *options,
                                    double *forecast)
{
    union {
        max_align_t align;
        unsigned char bytes[STACK_WORKSPACE];
    } stack;
    parley_forecast_options defaults;
    const parley_model_type *type;
    void *workspace = stack.bytes;
    size_t size;
    parley_status status;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!model || !issue || !forecast)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "forecast: model, issue and forecast must not "
                              "be NULL");
    type = parley_i_model_find(model);
    if (!type)
        return parley_i_model_unknown(ctx, model, strlen(model));
    if (!options) {
        parley_forecast_options_set_default(&defaults);
        options = &defaults;
    }
    size = type->workspace_size(issue->n, options);
    if (size > sizeof stack.bytes) {
        workspace = parley_i_alloc(ctx, size);
        if (!workspace)
            return parley_i_nomem(ctx);
    } else if (size == 0 && issue->n > 0) {
        return parley_i_error(ctx, PARLEY_ELIMIT, NULL, 0, 0,
                              "model '%s': %zu actors are too many for one "
                              "issue",
                              model, issue->n);
    }
    status = parley_i_forecast_solve(
        ctx, type, issue, options, workspace,
        size > sizeof stack.bytes ? size : sizeof stack.bytes, NULL, forecast);
    if (workspace != stack.bytes)
        parley_i_free(ctx, workspace, size);
    return status;
}

/* ---- a whole scenario ---- */

/* The actors holding a stance on issue k, in scenario order. */
size_t parley_i_issue_gather(const parley_scenario *s, size_t k,
                             double *capability, double *position,
                             double *salience, size_t *index,
                             parley_issue_data *data, double *total,
                             int include_third_parties)
{
    size_t a, n = 0;

    *total = 0;
    for (a = 0; a < s->n_actors; a++) {
        const parley_stance *st = parley_i_stance(s, a, k);

        if (!st->present)
            continue;
        if (s->actors[a].role == PARLEY_ROLE_THIRD_PARTY &&
            !include_third_parties)
            continue; /* affected, not at the table */
        capability[n] = s->actors[a].capability.mode;
        position[n] = st->position.mode;
        salience[n] = st->salience.mode;
        index[n] = a;
        *total += capability[n] * salience[n];
        n++;
    }
    data->n = n;
    data->capability = capability;
    data->position = position;
    data->salience = salience;
    data->scale_min = s->issues[k].scale_min;
    data->scale_max = s->issues[k].scale_max;
    return n;
}

/* Splits the comma list (NULL: the default list) into registered models;
 * *types gets an array of *count entries, allocated through ctx. */
parley_status parley_i_parse_models(parley_ctx *ctx, const char *list,
                                    const parley_model_type ***types,
                                    size_t *count)
{
    const parley_model_type **out;
    const char *p;
    size_t n = 1, i = 0;

    if (!list)
        list = DEFAULT_MODELS;
    for (p = list; *p; p++)
        n += *p == ',';
    out = parley_i_alloc_array(ctx, n, sizeof *out);
    if (!out)
        return parley_i_nomem(ctx);
    p = list;
    for (;;) {
        const char *end = strchr(p, ','), *start = p;
        size_t len, k;

        if (!end)
            end = p + strlen(p);
        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        len = (size_t)(end - start);
        while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            len--;
        if (len == 0) {
            parley_i_free(ctx, out, n * sizeof *out);
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "empty model name in '%s', expected a "
                                  "comma list of model names",
                                  list);
        }
        for (k = 0; k < parley_i_n_models; k++)
            if (strlen(parley_i_models[k]->name) == len &&
                memcmp(parley_i_models[k]->name, start, len) == 0)
                break;
        if (k == parley_i_n_models) {
            parley_i_free(ctx, out, n * sizeof *out);
            return parley_i_model_unknown(ctx, start, len);
        }
        out[i++] = parley_i_models[k];
        if (!*end)
            break;
        p = end + 1;
    }
    *types = out;
    *count = n;
    return PARLEY_OK;
}

void parley_forecast_free(parley_ctx *ctx, parley_forecast *f)
{
    const parley_ctx *owner;
    size_t k, m;

    if (!f)
        return;
    owner = f->ctx_ ? f->ctx_ : ctx;
    for (k = 0; k < f->n_issues && f->issues; k++) {
        parley_issue_forecast *is = &f->issues[k];

        for (m = 0; m < is->n_models && is->models; m++) {
            parley_model_result *r = &is->models[m];

            trace_free(owner, r->trace, r->trace ? r->rounds : 0, r->rounds,
                       r->n);
            parley_i_free(owner, r->actor_index, r->n * sizeof(size_t));
        }
        parley_i_free(owner, is->models, is->n_models * sizeof *is->models);
    }
    parley_i_free(owner, f->issues, f->n_issues * sizeof *f->issues);
    parley_i_free(owner, f, sizeof *f);
}

/*
 * What forecast and backtest do first: the options (NULL: the defaults)
 * checked and with their BDM preset applied into *resolved, and the models
 * they name.  *types is allocated through ctx on success.
 */
parley_status parley_i_forecast_prepare(parley_ctx *ctx,
                                        const parley_forecast_options *options,
                                        parley_forecast_options *resolved,
                                        const parley_model_type ***types,
                                        size_t *n_types)
{
    parley_forecast_options defaults;
    parley_status status;

    if (!options) {
        parley_forecast_options_set_default(&defaults);
        options = &defaults;
    }
    status = parley_i_forecast_check_options(ctx, options);
    if (status == PARLEY_OK)
        status = parley_i_bdm_resolve(ctx, options, resolved);
    if (status != PARLEY_OK)
        return status;
    return parley_i_parse_models(ctx, resolved->models, types, n_types);
}

/*
 * The workspace the largest of the models needs for an issue every actor of
 * the scenario takes part in, into *size (0 without actors).
 * PARLEY_ELIMIT when a model cannot take that many actors.
 */
parley_status parley_i_models_workspace(parley_ctx *ctx,
                                        const parley_scenario *scenario,
                                        const parley_forecast_options *o,
                                        const parley_model_type **types,
                                        size_t n_types, size_t *size)
{
    size_t n_actors = scenario->n_actors, m;

    for (m = 0; m < n_types && n_actors; m++) {
        size_t need = types[m]->workspace_size(n_actors, o);

        if (need == 0)
            return parley_i_error(ctx, PARLEY_ELIMIT, scenario->file, 0, 0,
                                  "model '%s': %zu actors are too many "
                                  "for one issue",
                                  types[m]->name, n_actors);
        if (need > *size)
            *size = need;
    }
    return PARLEY_OK;
}

/*
 * Every selected model on every issue.  For issue k the models see the
 * actors holding a stance on k, in scenario order: capability from the
 * actor, position and salience from the stance, the issue's scale.  An
 * issue on which no such actor has positive capability x salience cannot
 * be forecast: its results have forecast NaN, rounds 0, converged 0.
 */
parley_status parley_forecast_run(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  const parley_forecast_options *options,
                                  parley_forecast **out)
{
    parley_forecast_options o;
    const parley_model_type **types = NULL;
    size_t n_types = 0, n_actors, k, m, ws_size = 0;
    parley_forecast *f = NULL;
    double *capability = NULL, *position = NULL, *salience = NULL;
    size_t *index = NULL;
    parley_offer *offers = NULL;
    void *workspace = NULL;
    parley_status status;

    if (!ctx)
        return PARLEY_EINVAL;
    if (out)
        *out = NULL;
    if (!scenario || !out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "forecast: scenario and out must not be NULL");
    status = parley_i_forecast_prepare(ctx, options, &o, &types, &n_types);
    if (status != PARLEY_OK)
        return status;

    n_actors = scenario->n_actors;
    status =
        parley_i_models_workspace(ctx, scenario, &o, types, n_types, &ws_size);
    if (status != PARLEY_OK)
        goto done;
    f = parley_i_alloc(ctx, sizeof *f);
    if (!f)
        goto nomem;
    f->ctx_ = ctx;
    if (n_actors) { /* no zero-byte blocks: their sizes would not match */
        capability = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        position = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        salience = parley_i_alloc_array(ctx, n_actors, sizeof(double));
        index = parley_i_alloc_array(ctx, n_actors, sizeof(size_t));
        workspace = parley_i_alloc(ctx, ws_size);
        if (o.trace)
            offers = parley_i_alloc_array(ctx, n_actors, sizeof *offers);
        if (!capability || !position || !salience || !index || !workspace ||
            (o.trace && !offers))
            goto nomem;
    }
    if (scenario->n_issues) {
        f->issues =
            parley_i_alloc_array(ctx, scenario->n_issues, sizeof *f->issues);
        if (!f->issues)
            goto nomem;
        f->n_issues = scenario->n_issues;
    }

    for (k = 0; k < scenario->n_issues; k++) {
        const parley_issue *issue = &scenario->issues[k];
        parley_issue_forecast *is = &f->issues[k];
        parley_issue_data data;
        double total;
        size_t n;

        is->issue = k;
        is->models = parley_i_alloc_array(ctx, n_types, sizeof *is->models);
        if (!is->models)
            goto nomem;
        is->n_models = n_types;
        n = parley_i_issue_gather(scenario, k, capability, position, salience,
                                  index, &data, &total,
                                  o.include_third_parties);
        for (m = 0; m < n_types; m++) {
            parley_model_result *r = &is->models[m];

            r->model = types[m]->name;
            r->forecast = (double)NAN;
            r->median0 = r->mean0 = (double)NAN;
            if (n > 0) {
                r->actor_index = parley_i_alloc_array(ctx, n, sizeof(size_t));
                if (!r->actor_index)
                    goto nomem;
                memcpy(r->actor_index, index, n * sizeof(size_t));
                r->n = n;
            }
            if (!(total > 0))
                continue; /* nothing to forecast: NaN, see above */
            {
                char what[200];

                snprintf(what, sizeof what, "issue '%s'", issue->id);
                status = check_issue(ctx, &data, what);
            }
            if (status == PARLEY_OK)
                status = run_model(ctx, types[m], &data, &o, workspace, r,
                                   o.trace ? offers : NULL);
            if (status != PARLEY_OK) {
                if (status != PARLEY_ENOMEM)
                    parley_i_error(ctx, status, scenario->file, 0, 0,
                                   "while forecasting issue '%s' with model "
                                   "'%s'",
                                   issue->id, types[m]->name);
                goto done;
            }
            r->n = n;
        }
    }
    *out = f;
    f = NULL;
    status = PARLEY_OK;
    goto done;

nomem:
    status = parley_i_nomem(ctx);
done:
    parley_forecast_free(ctx, f);
    parley_i_free(ctx, types, n_types * sizeof *types);
    parley_i_free(ctx, capability, n_actors * sizeof(double));
    parley_i_free(ctx, position, n_actors * sizeof(double));
    parley_i_free(ctx, salience, n_actors * sizeof(double));
    parley_i_free(ctx, index, n_actors * sizeof(size_t));
    parley_i_free(ctx, workspace, ws_size);
    parley_i_free(ctx, offers, n_actors * sizeof *offers);
    return status;
}
