/*
 * params.h -- a scenario's numbers as one flat vector, and the table of its
 * uncertain inputs.  Internal (not part of the public API); used by the
 * dynamics, Monte Carlo and sensitivity analysis.
 *
 * The flat vector
 * ---------------
 * Every number of a scenario that a draw may change (everything that is a
 * parley_num) has one slot in a vector of doubles, in blocks whose offsets
 * are in parley_i_layout.  A Monte Carlo draw copies the vector of modes
 * (`base`) and overwrites the slots of the uncertain inputs, so a perturbed
 * scenario is one memcpy plus one write per uncertain input, with no
 * pointers to chase.  Slots that the scenario leaves unset (an absent
 * stance, a missing range or reservation) hold NaN.
 *
 *   capability, risk, reservation        n_actors each, [a]
 *   position, salience, range_low,
 *   range_high                           n_actors x n_issues each, [a*K+k]
 *   initial, drift, noise, rho, mean     n_variables each, [v]
 *   input_coef                           every variable's inputs, in
 *                                        variable order (CSR: input_start)
 *   shock_delta, shock_probability       n_shocks each
 *   coupling_coef                        n_couplings
 *   linkage_weight                       n_linkages
 *   pass_probability                     n_ratifications
 *   impact                               per impact, per dimension:
 *                                        weight, intercept, each term's
 *                                        coef, each adjustment's delta,
 *                                        then one score per outcome type
 *                                        (by_outcome; NaN when unset)
 *   durability                           base; per factor: points, each
 *                                        term's coef; per veto: points
 *
 * The uncertain inputs
 * --------------------
 * Every num given as {low, mode, high} (uncertain = 1) with low < high is
 * one input, listed in the order of the blocks above, with a
 * human-readable name ("capability of RU", "salience of UA on GUAR",
 * "dynamics g.mean").  A draw gives each input a uniform u in [0, 1) and
 * the value F^-1(u) of its triangular distribution.  Inputs of one kind
 * (capability, risk, reservation; or position, salience or a range end on
 * one issue) held by actors of one bloc of allies form a correlation group:
 * their uniforms come from a Gaussian copula with equicorrelation rho (the
 * bloc's correlation),
 *     z_j = sqrt(rho) w + sqrt(1 - rho) e_j,   u_j = Phi(z_j),
 * with w and e_j independent standard normals; every other input is drawn
 * independently.
 */
#ifndef PARLEY_DYNAMICS_PARAMS_H
#define PARLEY_DYNAMICS_PARAMS_H

#include "scenario/scenario.h"

/* What an uncertain input is (the block of the flat vector it lives in). */
typedef enum parley_i_input_kind {
    PARLEY_I_IN_CAPABILITY = 0,
    PARLEY_I_IN_RISK = 1,
    PARLEY_I_IN_RESERVATION = 2,
    PARLEY_I_IN_POSITION = 3,
    PARLEY_I_IN_SALIENCE = 4,
    PARLEY_I_IN_RANGE_LOW = 5,
    PARLEY_I_IN_RANGE_HIGH = 6,
    PARLEY_I_IN_INITIAL = 7,
    PARLEY_I_IN_DRIFT = 8,
    PARLEY_I_IN_NOISE = 9,
    PARLEY_I_IN_RHO = 10,
    PARLEY_I_IN_MEAN = 11,
    PARLEY_I_IN_INPUT_COEF = 12,
    PARLEY_I_IN_SHOCK_DELTA = 13,
    PARLEY_I_IN_SHOCK_PROBABILITY = 14,
    PARLEY_I_IN_COUPLING_COEF = 15,
    PARLEY_I_IN_LINKAGE_WEIGHT = 16,
    PARLEY_I_IN_PASS_PROBABILITY = 17,
    PARLEY_I_IN_IMPACT = 18,
    PARLEY_I_IN_DURABILITY = 19
} parley_i_input_kind;

/* Offsets of the blocks of the flat vector (see above). */
typedef struct parley_i_layout {
    size_t n_actors, n_issues, n_variables, n_inputs, n_shocks;
    size_t n_couplings, n_linkages, n_ratifications, n_impact;
    size_t n_durability;
    size_t capability, risk, reservation;
    size_t position, salience, range_low, range_high;
    size_t initial, drift, noise, rho, mean;
    size_t input_coef;
    size_t shock_delta, shock_probability;
    size_t coupling_coef, linkage_weight, pass_probability;
    size_t impact;
    size_t durability;
    size_t size; /* doubles in the vector */
} parley_i_layout;

/* One uncertain input. */
typedef struct parley_i_input {
    parley_i_input_kind kind;
    size_t offset;          /* slot in the flat vector */
    double low, mode, high; /* low < high */
    double u_mode;          /* F(mode) = (mode - low) / (high - low) */
    size_t actor, issue;    /* for actor and stance inputs, else NO_INDEX */
    size_t item;            /* variable, shock, coupling, ... index */
    size_t group;           /* its correlation group */
    size_t bloc;            /* scenario bloc index or PARLEY_NO_INDEX */
    const char *name;       /* "salience of UA on GUAR" (owned by params) */
    parley_num num;         /* a copy of the scenario's num (flag, source,
                               line; impact scores are not nums: their
                               copy is made up from the cell) */
} parley_i_input;

/* A correlation group: n inputs (members[first .. first+n)) drawn through
 * the copula with `correlation`; n == 1 and correlation 0 when the input
 * is drawn on its own. */
typedef struct parley_i_group {
    size_t first, n;
    double correlation;
} parley_i_group;

typedef struct parley_i_params {
    const parley_ctx *ctx;
    const parley_scenario *scenario; /* borrowed; must outlive params */
    parley_i_layout layout;
    double *base; /* layout.size: every slot at its mode */
    size_t n_inputs;
    parley_i_input *inputs;
    size_t n_groups;
    parley_i_group *groups;
    size_t *members;     /* n_inputs: input indices, group by group */
    size_t *input_start; /* n_variables + 1: CSR of the inputs */
    char *names;         /* every input's name, NUL-separated */
    size_t names_size;
} parley_i_params;

/* Builds the layout, the vector of modes, the input table and the
 * correlation groups.  Errors: ENOMEM; ELIMIT when the vector would not
 * fit in size_t. */
parley_status parley_i_params_new(parley_ctx *ctx,
                                  const parley_scenario *scenario,
                                  parley_i_params **out);
void parley_i_params_free(parley_i_params *params);

/* Quantile of triangular(low, mode, high) at u in [0, 1]; the same
 * inversion as parley_rng_triangular, so Q(parley_rng_uniform(r)) equals
 * parley_rng_triangular(r, ...).  Q(0) = low, Q(1) = high exactly. */
double parley_i_triangular_quantile(double low, double mode, double high,
                                    double u);

/* The standard normal distribution function Phi and its inverse. */
double parley_i_normal_cdf(double z);
double parley_i_normal_quantile(double p);

/* Fills u (n_inputs entries) for one draw from rng: independent inputs get
 * one uniform each, correlation groups one normal for the group and one
 * per member, in table order of each group's first member. */
void parley_i_params_draw(const parley_i_params *params, parley_rng *rng,
                          double *u);

/* values := base with every uncertain input at F^-1(u[i]); u[i] NaN (or u
 * NULL) leaves input i at its mode exactly. */
void parley_i_params_apply(const parley_i_params *params, const double *u,
                           double *values);

/* Offset of an impact dimension's weight in the flat vector; its intercept
 * follows, then its terms' coefficients, its adjustments' deltas and its
 * n_outcome_types scores. */
size_t parley_i_params_impact_offset(const parley_i_params *params,
                                     size_t impact, size_t dim);

/* Offset of input j of variable v (the j-th entry of its `inputs`). */
static inline size_t parley_i_params_input_offset(const parley_i_params *p,
                                                  size_t v, size_t j)
{
    return p->layout.input_coef + p->input_start[v] + j;
}

/* The input table as public plain data (parley_uncertain_input), every
 * string copied; parley_i_inputs_free releases it. */
parley_status parley_i_inputs_export(parley_ctx *ctx,
                                     const parley_i_params *params,
                                     parley_uncertain_input **out);
void parley_i_inputs_free(const parley_ctx *ctx, parley_uncertain_input *inputs,
                          size_t n);

/* "capability", "salience", "mean", ... */
const char *parley_i_input_kind_name(parley_i_input_kind kind);

#endif /* PARLEY_DYNAMICS_PARAMS_H */
