/*
 * durability.c -- the durability score of a package from the scenario's
 * `durability` model (docs/models/durability.md; ukraine-brief.md 6.2-6.3):
 *
 *   D = clip( base + sum_f [when_f] (points_f x share_f + sum_k c_fk x_k)
 *                  + sum_v sum_{a in v, a rejects} points_v ,  clip range )
 *
 * share_f is the share of the holders of veto v_f that accept the package
 * (1 without a share); a holder rejects when the package, open issues
 * filled from the status quo, lies outside its acceptable range on one of
 * the veto's issues (its top-N salience issues, ties at the cut included).
 */
#include "dynamics/outcome.h"

#include <math.h>
#include <string.h>

/* One verdict per veto and holder. */
size_t parley_i_durability_n_verdicts(const parley_scenario *s)
{
    size_t v, n = 0;

    for (v = 0; v < s->durability.n_vetoes; v++)
        n += s->durability.vetoes[v].n_actors;
    return n;
}

/* The score of the header formula; fills the breakdown when asked.
 * Allocation-free: the simulation may call it per draw. */
double parley_i_durability(const parley_i_eval *e,
                           parley_durability_factor_score *factors,
                           parley_durability_verdict *verdicts, double *raw_out)
{
    const parley_durability_model *m = &e->s->durability;
    double raw = m->base.mode, score;
    size_t v, i, f, out = 0;

    for (v = 0; v < m->n_vetoes; v++) {
        const parley_durability_veto *ve = &m->vetoes[v];

        for (i = 0; i < ve->n_actors; i++) {
            size_t a = ve->actors[i];
            size_t k = parley_i_range_violation(e->s, e->pkg, a, ve->issues,
                                                ve->n_issues, ve->top_salience,
                                                ve->skip, ve->n_skip);
            double points = k != PARLEY_NO_INDEX && ve->points.present
                                ? ve->points.mode
                                : 0.0;

            raw += points;
            if (verdicts) {
                parley_durability_verdict *d = &verdicts[out++];

                d->veto = v;
                d->veto_id = ve->id;
                d->actor = a;
                d->rejects = k != PARLEY_NO_INDEX;
                d->issue = k;
                d->points = points;
                d->value = d->low = d->high = NAN;
                if (k != PARLEY_NO_INDEX) {
                    d->value = parley_i_pkg_value(e->s, e->pkg, k);
                    parley_i_range(e->s, a, k, &d->low, &d->high);
                }
            }
        }
    }
    for (f = 0; f < m->n_factors; f++) {
        const parley_durability_factor *fa = &m->factors[f];
        int applies = parley_i_condition_holds(e, &fa->when);
        double share = NAN, points = 0;

        if (fa->share != PARLEY_NO_INDEX && fa->share < m->n_vetoes) {
            const parley_durability_veto *ve = &m->vetoes[fa->share];
            size_t accepting = 0;

            for (i = 0; i < ve->n_actors; i++)
                accepting += parley_i_range_violation(
                                 e->s, e->pkg, ve->actors[i], ve->issues,
                                 ve->n_issues, ve->top_salience, ve->skip,
                                 ve->n_skip) == PARLEY_NO_INDEX;
            share =
                ve->n_actors ? (double)accepting / (double)ve->n_actors : 0.0;
        }
        if (applies) {
            if (fa->points.present)
                points = fa->points.mode * (isnan(share) ? 1.0 : share);
            points +=
                parley_i_terms_value(e->s, e->pkg, fa->terms, fa->n_terms);
        }
        raw += points;
        if (factors) {
            factors[f].id = fa->id;
            factors[f].name = fa->name;
            factors[f].applies = applies;
            factors[f].share_veto = fa->share;
            factors[f].share = share;
            factors[f].points = points;
        }
    }
    score = raw;
    if (score < m->clip_min)
        score = m->clip_min;
    if (score > m->clip_max)
        score = m->clip_max;
    if (raw_out)
        *raw_out = raw;
    return score;
}

/* Argument checks shared by the two entry points. */
static parley_status check(parley_ctx *ctx, const parley_scenario *s,
                           const parley_package *package, size_t outcome)
{
    parley_status st;

    if (!s)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no scenario, expected one");
    st = parley_i_check_package(ctx, s, package, "durability");
    if (st != PARLEY_OK)
        return st;
    if (outcome != PARLEY_NO_OUTCOME && outcome >= s->n_outcome_types)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "durability: outcome index %zu, expected one "
                              "below %zu or PARLEY_NO_OUTCOME",
                              outcome, s->n_outcome_types);
    if (!s->durability.present)
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has no durability model, "
                              "expected a top-level 'durability' section",
                              s->id ? s->id : "");
    return PARLEY_OK;
}

/* The durability score alone (no allocation). */
parley_status parley_durability_score(parley_ctx *ctx, const parley_scenario *s,
                                      const parley_package *package,
                                      size_t outcome,
                                      const parley_outcome_options *options,
                                      double *score)
{
    parley_i_eval e;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!score)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "durability: no result pointer, expected one");
    *score = NAN;
    st = check(ctx, s, package, outcome);
    if (st != PARLEY_OK)
        return st;
    parley_i_eval_init(&e, s, package, outcome, options);
    *score = parley_i_durability(&e, NULL, NULL, NULL);
    return PARLEY_OK;
}

/* Frees a breakdown through the context that made it. */
void parley_durability_free(parley_ctx *ctx, parley_durability *d)
{
    const parley_ctx *owner;

    if (!d)
        return;
    owner = d->ctx_ ? d->ctx_ : ctx;
    parley_i_free(owner, d->factors, d->n_factors * sizeof *d->factors);
    parley_i_free(owner, d->verdicts, d->n_verdicts * sizeof *d->verdicts);
    parley_i_free(owner, d, sizeof *d);
}

/* The durability score with its breakdown by factor and veto holder. */
parley_status parley_durability_run(parley_ctx *ctx, const parley_scenario *s,
                                    const parley_package *package,
                                    size_t outcome,
                                    const parley_outcome_options *options,
                                    parley_durability **out)
{
    parley_durability *d = NULL;
    parley_i_eval e;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "durability: no result pointer, expected one");
    *out = NULL;
    st = check(ctx, s, package, outcome);
    if (st != PARLEY_OK)
        return st;
    d = parley_i_alloc(ctx, sizeof *d);
    if (!d)
        return parley_i_nomem(ctx);
    d->ctx_ = ctx;
    d->n_factors = s->durability.n_factors;
    d->n_verdicts = parley_i_durability_n_verdicts(s);
    if (d->n_factors) {
        d->factors =
            parley_i_alloc_array(ctx, d->n_factors, sizeof *d->factors);
        if (!d->factors) {
            d->n_factors = 0;
            st = parley_i_nomem(ctx);
            goto done;
        }
    }
    if (d->n_verdicts) {
        d->verdicts =
            parley_i_alloc_array(ctx, d->n_verdicts, sizeof *d->verdicts);
        if (!d->verdicts) {
            d->n_verdicts = 0;
            st = parley_i_nomem(ctx);
            goto done;
        }
    }
    parley_i_eval_init(&e, s, package, outcome, options);
    d->outcome = outcome;
    d->base = s->durability.base.mode;
    d->clip_min = s->durability.clip_min;
    d->clip_max = s->durability.clip_max;
    d->score = parley_i_durability(&e, d->factors, d->verdicts, &d->raw);
done:
    if (st != PARLEY_OK) {
        parley_durability_free(ctx, d);
        return st;
    }
    *out = d;
    return PARLEY_OK;
}
