/*
 * dynamics.h -- the monthly state model of a scenario and its couplings to
 * the negotiation, on the flat vector of params.h.  Internal.
 *
 * Month t = 0 is dynamics.start; x(t) is the state at the start of month
 * t.  One step (docs/models/dynamics.md):
 *
 *   x_v(t+1) = x_v(t) + drift_v
 *              + (1 - rho_v) (mean_v - x_v(t))           [only with mean]
 *              + sum_j coef_vj x_from(j)(t)              [inputs]
 *              + noise_v eps_v(t),   eps_v(t) ~ N(0, 1)
 *              + sum of the deltas of the shocks dated month t that
 *                happen (each with its probability)
 *   then clamped to [min_v, max_v].
 *
 * Every variable moves from the same x(t) (a synchronous update).  A shock
 * dated month t happens during month t and shows first in x(t+1).
 *
 * Couplings move the negotiation: for each coupled value (a reservation,
 * capability, salience, position or range end),
 *
 *   target(t) = target(0) + sum over its couplings c of
 *               coef_c (x_var(c)(t) - x_var(c)(0)),
 *
 * clamped to the range of its key (capability and salience 0..100,
 * reservation 0..1, positions and range ends the issue's scale).
 *
 * Randomness: each step draws, from the caller's stream, one standard
 * normal per variable (in variable order; drawn even when the noise is 0)
 * and then one uniform per shock dated month t (in shock order; the shock
 * happens when u < probability).  The stream is therefore consumed the
 * same way whatever the parameter values, so two runs that differ in one
 * input share every random number (common random numbers).
 */
#ifndef PARLEY_DYNAMICS_DYNAMICS_H
#define PARLEY_DYNAMICS_DYNAMICS_H

#include "dynamics/params.h"

/* One coupled value: its slot and clamp. */
typedef struct parley_i_target {
    size_t offset;
    double min, max;
} parley_i_target;

/* A coupling as the step sees it. */
typedef struct parley_i_link_dyn {
    size_t variable;
    size_t target; /* index into targets */
    size_t coef;   /* slot of its coefficient */
} parley_i_link_dyn;

typedef struct parley_i_dyn {
    const parley_ctx *ctx;
    const parley_i_params *params; /* borrowed */
    size_t n_variables;
    int horizon;             /* the scenario's (0 without dynamics) */
    double *min, *max;       /* n_variables: clamps */
    unsigned char *has_mean; /* n_variables */
    size_t *input_from;      /* CSR with params->input_start */
    size_t n_shocks;
    size_t *shock_order;    /* shocks sorted by month (stable) */
    size_t *month_start;    /* horizon + 1: shocks of month t are
                               shock_order[month_start[t] ..
                               month_start[t+1]) */
    size_t *shock_variable; /* n_shocks */
    size_t n_links;
    parley_i_link_dyn *links;
    size_t n_targets;
    parley_i_target *targets;
    int stochastic; /* 1 if some noise high > 0 or some shock
                       probability is not certainly 0 or 1 */
} parley_i_dyn;

parley_status parley_i_dyn_new(parley_ctx *ctx, const parley_i_params *params,
                               parley_i_dyn **out);
void parley_i_dyn_free(parley_i_dyn *dyn);

/* x(0): every variable's initial value from the flat vector. */
void parley_i_dyn_initial(const parley_i_dyn *dyn, const double *values,
                          double *x);

/* One step from month t: next = x(t + 1).  next must not alias x. */
void parley_i_dyn_step(const parley_i_dyn *dyn, const double *values, int t,
                       const double *x, double *next, parley_rng *rng);

/* The coupled values at state x: values[target] = values0[target] +
 * sum coef (x - x0), clamped.  values0 is the draw's vector at month 0
 * (where the coefficients are read); only the coupled slots of values are
 * written. */
void parley_i_dyn_couple(const parley_i_dyn *dyn, const double *values0,
                         const double *x0, const double *x, double *values);

/* 1 if some coupling moves the capability of actor a or a stance of a on
 * issue k (the inputs of a forecast of issue k). */
int parley_i_dyn_moves_issue(const parley_i_dyn *dyn, const parley_scenario *s,
                             size_t k);

#endif /* PARLEY_DYNAMICS_DYNAMICS_H */
