/*
 * model.h -- the internal interface every forecasting model implements, and
 * the framework entry points that run one.  Not part of the public API.
 *
 * A model is one file ending in one `const parley_model_type`.  The
 * framework (forecast.c) owns the INITIALIZE / ITERATE / TEST loop:
 *
 *   size  = type->workspace_size(n, options)     how much scratch memory
 *   type->setup(workspace, ctx, issue, options)  copy the issue in, check it
 *   while rounds < cap:                          iterative models only
 *       move = type->step(workspace, round)      one round, no allocation
 *       if move <= tolerance: converged, stop
 *   type->summarise(workspace, &summary)         forecast, median0, mean0
 *
 * Only the framework allocates, and only before the loop (the workspace) or,
 * when a trace is asked for, between steps (the trace is a result).  A step
 * receives no context, so it cannot reach the allocator.
 */
#ifndef PARLEY_FORECAST_MODEL_H
#define PARLEY_FORECAST_MODEL_H

#include "core/core.h"

/* What a model reports once the loop has ended. */
typedef struct parley_i_summary {
    double forecast;       /* on the issue's scale */
    double median0, mean0; /* before the first round (NaN if n/a) */
} parley_i_summary;

typedef struct parley_model_type {
    const char *name;    /* registry name, e.g. "bdm" */
    const char *summary; /* one line for --help and listings */
    /* Bytes of workspace for an issue of n actors under these options;
     * 0 if the size would overflow. */
    size_t (*workspace_size)(size_t n, const parley_forecast_options *options);
    /* Copies the issue into the workspace (aligned for doubles and
     * pointers, contents undefined: set everything used) and checks the
     * model-specific conditions; the framework has already checked n > 0,
     * finite values, non-negative capability and salience and a positive total
     * weight.  Errors go to ctx.  Must not allocate. */
    parley_status (*setup)(void *workspace, parley_ctx *ctx,
                           const parley_issue_data *issue,
                           const parley_forecast_options *options);
    /* One round for iterative models; NULL for one-shot models.  When
     * `round` is non-NULL it receives the round: position and risk have n
     * entries, offers room for n offers (n_offers is set).  Returns the
     * largest distance any position moved.  Must not allocate. */
    double (*step)(void *workspace, parley_round *round);
    /* The forecast and the statistics before the first round. */
    void (*summarise)(const void *workspace, parley_i_summary *summary);
} parley_model_type;

/* The registry (registry.c): every model, in listing order. */
extern const parley_model_type *const parley_i_models[];
extern const size_t parley_i_n_models;

/* The models themselves, one per file. */
extern const parley_model_type parley_i_model_compromise;
extern const parley_model_type parley_i_model_median;
extern const parley_model_type parley_i_model_condorcet;
extern const parley_model_type parley_i_model_bdm;

/* The registered model called `name` (exact match), or NULL. */
const parley_model_type *parley_i_model_find(const char *name);

/* Records "unknown model 'x', expected one of ...; did you mean 'y'?" and
 * returns PARLEY_ENOTFOUND. */
parley_status parley_i_model_unknown(parley_ctx *ctx, const char *name,
                                     size_t len);

/*
 * The hot-loop entry for Monte Carlo and benchmarks: checks `issue` and
 * `options`, runs `type` on it in the caller's workspace (at least
 * parley_i_forecast_workspace_size bytes, suitably aligned, contents
 * irrelevant) and stores the forecast.  Never allocates.  When `result` is
 * non-NULL its forecast, rounds, converged, median0, mean0 and n are filled
 * (trace and actor_index are left alone).
 */
size_t parley_i_forecast_workspace_size(const parley_model_type *type, size_t n,
                                        const parley_forecast_options *o);
parley_status parley_i_forecast_solve(parley_ctx *ctx,
                                      const parley_model_type *type,
                                      const parley_issue_data *issue,
                                      const parley_forecast_options *options,
                                      void *workspace, size_t workspace_size,
                                      parley_model_result *result,
                                      double *forecast);

/* Splits a comma list of model names (NULL: "compromise,median,bdm") into
 * registered models; *types is an array of *count entries allocated
 * through ctx.  Unknown name: PARLEY_ENOTFOUND with a suggestion. */
parley_status parley_i_parse_models(parley_ctx *ctx, const char *list,
                                    const parley_model_type ***types,
                                    size_t *count);

/* Points data at the arrays (n_actors entries each) filled with the actors
 * holding a stance on issue k, in scenario order (third parties only when
 * include_third_parties is set): capability from the
 * actor, position and salience from the stance; index gets their scenario
 * indices and *total the sum of capability x salience.  Returns n. */
size_t parley_i_issue_gather(const parley_scenario *s, size_t k,
                             double *capability, double *position,
                             double *salience, size_t *index,
                             parley_issue_data *data, double *total,
                             int include_third_parties);

/* Checks the options every forecast uses (rounds within the context's
 * limit, tolerance not NaN, BDM choices known, bdm_q finite). */
parley_status
parley_i_forecast_check_options(parley_ctx *ctx,
                                const parley_forecast_options *options);

/* Options with a BDM preset (bdm_variant) applied; `resolved` may alias
 * nothing else.  Unknown preset: PARLEY_ENOTFOUND with a suggestion. */
parley_status parley_i_bdm_resolve(parley_ctx *ctx,
                                   const parley_forecast_options *options,
                                   parley_forecast_options *resolved);

/* The options (NULL: defaults) checked and resolved, and the models they
 * name (*types allocated through ctx): what forecast and backtest share. */
parley_status parley_i_forecast_prepare(parley_ctx *ctx,
                                        const parley_forecast_options *options,
                                        parley_forecast_options *resolved,
                                        const parley_model_type ***types,
                                        size_t *n_types);

/* The largest workspace the models need for all the scenario's actors, into
 * *size; PARLEY_ELIMIT when a model cannot take that many. */
parley_status parley_i_models_workspace(parley_ctx *ctx,
                                        const parley_scenario *scenario,
                                        const parley_forecast_options *o,
                                        const parley_model_type **types,
                                        size_t n_types, size_t *size);

/* ---- helpers shared by the models (median.c) ---- */

/* Byte size rounded up so the next block stays aligned for any type. */
static inline size_t parley_i_align(size_t size)
{
    const size_t a = 16;

    return (size + a - 1) / a * a;
}

/* The c*s-weighted mean of position (Achen 2006).  weight[i] = c_i * s_i;
 * total > 0. */
double parley_i_weighted_mean(size_t n, const double *weight,
                              const double *position);

/* The weighted median: with actors sorted by position (stable), the
 * position of the first actor at which the cumulative weight reaches half
 * the total.  order is scratch for n indices, scratch for n more. */
double parley_i_weighted_median(size_t n, const double *weight,
                                const double *position, size_t *order,
                                size_t *scratch);

/* The pairwise Condorcet winner among the distinct positions when actor k
 * votes for p over q with weight[k] * (|x_k - q| - |x_k - p|) / range
 * (Bueno de Mesquita 1994; Scholz et al. 2011).  Candidates are visited in
 * order of first appearance; a challenger replaces the incumbent when its
 * vote total is strictly positive.  In one dimension this is the position
 * that minimises the weighted distance sum, i.e. a weighted median (Black
 * 1948).  distinct is scratch for n indices. */
double parley_i_condorcet_winner(size_t n, const double *weight,
                                 const double *position, double range,
                                 size_t *distinct);

/* Stable ascending sort of indices 0..n-1 by key (merge sort). */
void parley_i_sort_indices(size_t n, const double *key, size_t *order,
                           size_t *scratch);

#endif /* PARLEY_FORECAST_MODEL_H */
