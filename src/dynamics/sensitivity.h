/*
 * sensitivity.h -- tornado diagrams and Sobol indices over an abstract
 * model of p inputs in [0, 1] (docs/models/sensitivity.md).  Internal.
 *
 * A model is evaluated in batches: point i of a batch gives every input a
 * uniform u (NaN: the input at its mode) and a noise stream id; the model
 * returns one number.  The scenario's Monte Carlo engine is one such model
 * (sensitivity.c); the tests use the Ishigami function and linear models
 * through the same functions.
 *
 * Sobol design (Saltelli et al. 2010): base matrices A and B of N rows,
 * row j of A from the stream parley_rng_seed(seed, 2j) and of B from
 * (seed, 2j + 1), p uniforms each; AB_i is A with column i from B.  With a
 * stochastic model the dynamics noise is one more factor: rows of A (and
 * of every AB_i) use noise stream 2j, rows of B stream 2j + 1, and AB_noise
 * is A with B's noise stream.  With f centred on the mean c of f(A) and
 * f(B) and V their variance (2N - 1 denominator):
 *   S_i  = (1/N) sum_j (f(B)_j - c) (f(AB_i)_j - f(A)_j) / V
 *          (Saltelli et al. 2010, Table 2, eq. (b))
 *   S_Ti = (1/2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V
 *          (Jansen 1999; Saltelli et al. 2010, Table 2, eq. (f))
 * Standard errors: the standard deviation of both estimators over
 * `bootstrap` resamples of the N rows with replacement (resample r from
 * the stream (seed ^ PARLEY_I_BOOT_SEED_XOR, r)).
 *
 * Tornado: every input at its mode (u NaN), then input i at low (u = 0)
 * and at high (u = 1) with the others at their modes; each setting is the
 * mean over R replications with noise streams 0 .. R - 1, the same for
 * every setting (common random numbers; R = 1 for a deterministic model).
 */
#ifndef PARLEY_DYNAMICS_SENSITIVITY_H
#define PARLEY_DYNAMICS_SENSITIVITY_H

#include "core/core.h"

#include <stdint.h>

#define PARLEY_I_BOOT_SEED_XOR 0xbf58476d1ce4e5b9ULL

typedef struct parley_i_sa_model {
    size_t n_inputs;
    int stochastic;   /* the output depends on the noise stream */
    size_t max_batch; /* points per call at most */
    /* n points: u is n x n_inputs, noise n stream ids; writes y[n].
     * done / total describe the whole analysis, for progress. */
    parley_status (*evaluate)(void *user, size_t n, const double *u,
                              const uint64_t *noise, double *y, size_t done,
                              size_t total);
    void *user;
} parley_i_sa_model;

typedef struct parley_i_sobol_result {
    size_t n_factors; /* n_inputs, + 1 for the noise if stochastic */
    double *first, *first_se, *total, *total_se; /* n_factors each */
    double mean, variance;
    size_t evaluations;
} parley_i_sobol_result;

/* Evaluations a Sobol analysis of base size N needs: N (factors + 2), or
 * 0 on overflow. */
size_t parley_i_sobol_cost(const parley_i_sa_model *model, size_t N);

/* Runs the design and the estimators.  out's arrays are allocated through
 * ctx (parley_i_sobol_result_destroy frees them).  A NaN output is an
 * error (EINVAL, naming the point). */
parley_status parley_i_sobol(parley_ctx *ctx, const parley_i_sa_model *model,
                             size_t N, uint64_t seed, size_t bootstrap,
                             parley_i_sobol_result *out);
void parley_i_sobol_result_destroy(const parley_ctx *ctx,
                                   parley_i_sobol_result *r);

typedef struct parley_i_tornado_result {
    size_t n_inputs, replications, evaluations;
    double base, base_se;
    double *low, *high; /* n_inputs each: the output at low / high */
} parley_i_tornado_result;

parley_status parley_i_tornado(parley_ctx *ctx, const parley_i_sa_model *model,
                               size_t replications,
                               parley_i_tornado_result *out);
void parley_i_tornado_result_destroy(const parley_ctx *ctx,
                                     parley_i_tornado_result *r);

#endif /* PARLEY_DYNAMICS_SENSITIVITY_H */
