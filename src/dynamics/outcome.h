/*
 * outcome.h -- evaluating a package against the scenario's data: values
 * with open issues filled from the status quo, acceptance, the conditions
 * of outcome rules and durability factors, and the durability score.
 * Shared by outcome.c, durability.c and impact.c; not part of the public
 * API.  Nothing here allocates.
 */
#ifndef PARLEY_DYNAMICS_OUTCOME_H
#define PARLEY_DYNAMICS_OUTCOME_H

#include "scenario/scenario.h"

/* Everything a condition may look at. */
typedef struct parley_i_eval {
    const parley_scenario *s;
    const parley_package *pkg;
    size_t outcome; /* PARLEY_NO_OUTCOME: unknown */
    parley_acceptance_fn accept;
    void *accept_user;
    int assume_signed; /* accepted_by tests hold */
} parley_i_eval;

/* options may be NULL (engine acceptance). */
void parley_i_eval_init(parley_i_eval *e, const parley_scenario *s,
                        const parley_package *pkg, size_t outcome,
                        const parley_outcome_options *options);

/* Checks that a package fits the scenario: issue count, values finite
 * (or NaN) and inside their scales, option indices valid.  Reports
 * PARLEY_EINVAL naming `what`. */
parley_status parley_i_check_package(parley_ctx *ctx, const parley_scenario *s,
                                     const parley_package *pkg,
                                     const char *what);

/* 1 if the package sets issue k (not open). */
int parley_i_pkg_set(const parley_package *pkg, size_t k);
/* The value on issue k: the package's, else the status quo (NaN if none). */
double parley_i_pkg_value(const parley_scenario *s, const parley_package *pkg,
                          size_t k);
/* The option on issue k (the package's, else the status quo's, else the
 * first option at exactly the value), or PARLEY_NO_INDEX. */
size_t parley_i_pkg_option(const parley_scenario *s, const parley_package *pkg,
                           size_t k);

/* The first issue on which the (filled) package leaves actor a's
 * acceptable range, among `issues` (n > 0), the actor's `top` most
 * salient issues (top > 0), or every issue; issues whose option is in
 * `skip` and issues without a value are left out.  PARLEY_NO_INDEX: none. */
size_t parley_i_range_violation(const parley_scenario *s,
                                const parley_package *pkg, size_t a,
                                const size_t *issues, size_t n, size_t top,
                                const parley_cond_option *skip, size_t n_skip);

/* The acceptable range of actor a on issue k (-inf/+inf for open ends;
 * both infinite when there is none). */
void parley_i_range(const parley_scenario *s, size_t a, size_t k, double *low,
                    double *high);

/* sum of coef x value (mean_of terms: coef x mean); NaN if a value is
 * missing. */
double parley_i_terms_value(const parley_scenario *s, const parley_package *pkg,
                            const parley_impact_term *terms, size_t n);

/* 1 if the condition holds (an empty condition always holds). */
int parley_i_condition_holds(const parley_i_eval *e, const parley_condition *c);

/* 1 if the scenario has at least one classification rule. */
int parley_i_has_rules(const parley_scenario *s);
/* Classification without checks (the package is known to fit). */
void parley_i_classify(const parley_i_eval *e, parley_outcome_class *out);

/* Durability of the package under e->outcome.  When factors / verdicts
 * are not NULL they receive the breakdown (n_factors and sum over vetoes
 * of their actors entries).  Returns the clipped score; *raw (may be
 * NULL) the unclipped one. */
double parley_i_durability(const parley_i_eval *e,
                           parley_durability_factor_score *factors,
                           parley_durability_verdict *verdicts, double *raw);
/* Verdicts the breakdown has: sum over vetoes of their holders. */
size_t parley_i_durability_n_verdicts(const parley_scenario *s);

#endif /* PARLEY_DYNAMICS_OUTCOME_H */
