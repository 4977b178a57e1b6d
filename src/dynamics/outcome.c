/*
 * outcome.c -- packages, engine acceptance, the conditions of the scenario
 * language ("Conditions" in docs/scenario-format.md) and the classification
 * of a package into an outcome type (ukraine-brief.md 6.1, written as data
 * in the scenario's `outcomes[].when`).  See docs/models/durability.md.
 *
 * Two views of a package are kept apart on purpose.  What an actor signs
 * is the package's text: acceptance looks at the issues the package sets
 * and nothing else.  What a deal leaves behind is the text plus the status
 * quo on every issue it leaves open: value tests, range tests and linear
 * terms look at that filled package (the brief's 6.3 worked example fills
 * open issues from the status quo the same way).
 */
#include "dynamics/outcome.h"

#include <math.h>
#include <string.h>

/* ---- options, accessors ------------------------------------------------- */

void parley_outcome_options_set_default(parley_outcome_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->accept = parley_accept_engine;
}

/* See outcome.h: the evaluation context of one package. */
void parley_i_eval_init(parley_i_eval *e, const parley_scenario *s,
                        const parley_package *pkg, size_t outcome,
                        const parley_outcome_options *options)
{
    memset(e, 0, sizeof *e);
    e->s = s;
    e->pkg = pkg;
    e->outcome = outcome;
    e->accept =
        options && options->accept ? options->accept : parley_accept_engine;
    e->accept_user = options ? options->accept_user : NULL;
}

/* Outcome types and impact models by index and id (NULL / (size_t)-1
 * when out of range or unknown). */
size_t parley_scenario_n_outcomes(const parley_scenario *s)
{
    return s ? s->n_outcome_types : 0;
}

const char *parley_outcome_id(const parley_scenario *s, size_t o)
{
    return s && o < s->n_outcome_types ? s->outcome_types[o].id : NULL;
}

const char *parley_outcome_name(const parley_scenario *s, size_t o)
{
    if (!s || o >= s->n_outcome_types)
        return NULL;
    return s->outcome_types[o].name ? s->outcome_types[o].name
                                    : s->outcome_types[o].id;
}

size_t parley_outcome_find(const parley_scenario *s, const char *id)
{
    size_t o;

    for (o = 0; s && id && o < s->n_outcome_types; o++)
        if (s->outcome_types[o].id && strcmp(s->outcome_types[o].id, id) == 0)
            return o;
    return PARLEY_NO_OUTCOME;
}

size_t parley_scenario_n_impacts(const parley_scenario *s)
{
    return s ? s->n_impacts : 0;
}

const char *parley_impact_id(const parley_scenario *s, size_t i)
{
    return s && i < s->n_impacts ? s->impacts[i].id : NULL;
}

size_t parley_impact_find(const parley_scenario *s, const char *id)
{
    size_t i;

    for (i = 0; s && id && i < s->n_impacts; i++)
        if (s->impacts[i].id && strcmp(s->impacts[i].id, id) == 0)
            return i;
    return PARLEY_NO_INDEX;
}

/* ---- packages ----------------------------------------------------------- */

parley_status parley_proposal_package(parley_ctx *ctx, const parley_scenario *s,
                                      size_t proposal, double *value,
                                      size_t *option)
{
    const parley_proposal *p;
    size_t k;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!s || !value)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no scenario or no value array, expected "
                              "both");
    if (proposal >= s->n_proposals)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "proposal index %zu, expected one below %zu",
                              proposal, s->n_proposals);
    p = &s->proposals[proposal];
    for (k = 0; k < s->n_issues; k++) {
        const parley_term *t = p->terms ? &p->terms[k] : NULL;

        value[k] = t && t->set ? t->value : NAN;
        if (option)
            option[k] = t && t->set ? t->option : PARLEY_NO_INDEX;
    }
    return PARLEY_OK;
}

/* Rejects a package that does not fit the scenario (see outcome.h). */
parley_status parley_i_check_package(parley_ctx *ctx, const parley_scenario *s,
                                     const parley_package *pkg,
                                     const char *what)
{
    size_t k;

    if (!pkg || !pkg->value)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s: no package values, expected %zu values",
                              what, s->n_issues);
    if (pkg->n_issues != s->n_issues)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "%s: the package has %zu issues, expected the "
                              "scenario's %zu",
                              what, pkg->n_issues, s->n_issues);
    for (k = 0; k < s->n_issues; k++) {
        const parley_issue *is = &s->issues[k];
        double x = pkg->value[k];

        if (!isnan(x) &&
            (!isfinite(x) || x < is->scale_min || x > is->scale_max))
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "%s: value %g on issue '%s' is outside "
                                  "its scale, expected a number from %g to "
                                  "%g or NaN (open)",
                                  what, x, is->id, is->scale_min,
                                  is->scale_max);
        if (pkg->option && pkg->option[k] != PARLEY_NO_INDEX &&
            pkg->option[k] >= is->n_options)
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "%s: option index %zu on issue '%s', "
                                  "expected one below %zu or none",
                                  what, pkg->option[k], is->id, is->n_options);
    }
    return PARLEY_OK;
}

/* Open is NaN: the one convention every function here relies on. */
int parley_i_pkg_set(const parley_package *pkg, size_t k)
{
    return !isnan(pkg->value[k]);
}

/* The filled value: the package's, else the status quo. */
double parley_i_pkg_value(const parley_scenario *s, const parley_package *pkg,
                          size_t k)
{
    return parley_i_pkg_set(pkg, k) ? pkg->value[k] : s->issues[k].status_quo;
}

/* The first option of issue k at exactly x, or PARLEY_NO_INDEX. */
static size_t option_at(const parley_issue *is, double x)
{
    size_t j;

    for (j = 0; j < is->n_options && !isnan(x); j++)
        if (is->options[j].value == x)
            return j;
    return PARLEY_NO_INDEX;
}

/* The option of the filled package on issue k (see outcome.h). */
size_t parley_i_pkg_option(const parley_scenario *s, const parley_package *pkg,
                           size_t k)
{
    const parley_issue *is = &s->issues[k];

    if (parley_i_pkg_set(pkg, k)) {
        if (pkg->option && pkg->option[k] != PARLEY_NO_INDEX)
            return pkg->option[k];
        return option_at(is, pkg->value[k]);
    }
    if (is->status_quo_option != PARLEY_NO_INDEX)
        return is->status_quo_option;
    return option_at(is, is->status_quo);
}

/* ---- ranges ------------------------------------------------------------- */

void parley_i_range(const parley_scenario *s, size_t a, size_t k, double *low,
                    double *high)
{
    const parley_stance *st = parley_i_stance(s, a, k);

    *low = -INFINITY;
    *high = INFINITY;
    if (!st->present)
        return;
    if (st->range_low.present)
        *low = st->range_low.mode;
    if (st->range_high.present)
        *high = st->range_high.mode;
}

/* The salience at or above which an issue is among actor a's `top` most
 * salient ones: the top-th largest salience, counted with ties (every
 * issue tied at the cut is in).  -inf when the actor has fewer stances. */
static double top_cut(const parley_scenario *s, size_t a, size_t top)
{
    double cut = INFINITY;
    size_t counted = 0, k;

    while (counted < top) {
        double best = -INFINITY;
        size_t ties = 0;

        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);
            double x = st->salience.mode;

            if (!st->present || !(x < cut))
                continue;
            if (x > best) {
                best = x;
                ties = 1;
            } else if (x == best) {
                ties++;
            }
        }
        if (ties == 0)
            return -INFINITY;
        counted += ties;
        cut = best;
    }
    return cut;
}

static int skipped(const parley_scenario *s, const parley_package *pkg,
                   size_t k, const parley_cond_option *skip, size_t n_skip)
{
    size_t j, opt = PARLEY_NO_INDEX;
    int found = 0;

    for (j = 0; j < n_skip; j++) {
        if (skip[j].issue != k)
            continue;
        if (!found) {
            opt = parley_i_pkg_option(s, pkg, k);
            found = 1;
        }
        if (opt == skip[j].option)
            return 1;
    }
    return 0;
}

/* 1 if issue k's filled value lies outside actor a's range. */
static int outside(const parley_scenario *s, const parley_package *pkg,
                   size_t a, size_t k)
{
    double lo, hi, x = parley_i_pkg_value(s, pkg, k);

    if (isnan(x))
        return 0;
    parley_i_range(s, a, k, &lo, &hi);
    return x < lo || x > hi;
}

/* The first issue where the filled package leaves actor a's range
 * (see outcome.h); allocation-free, O(top x issues) for top_salience. */
size_t parley_i_range_violation(const parley_scenario *s,
                                const parley_package *pkg, size_t a,
                                const size_t *issues, size_t n, size_t top,
                                const parley_cond_option *skip, size_t n_skip)
{
    size_t i, k;

    if (a >= s->n_actors)
        return PARLEY_NO_INDEX;
    if (n > 0) {
        for (i = 0; i < n; i++)
            if (!skipped(s, pkg, issues[i], skip, n_skip) &&
                outside(s, pkg, a, issues[i]))
                return issues[i];
        return PARLEY_NO_INDEX;
    }
    {
        double cut = top > 0 ? top_cut(s, a, top) : -INFINITY;

        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);

            if (!st->present || (top > 0 && !(st->salience.mode >= cut)))
                continue;
            if (!skipped(s, pkg, k, skip, n_skip) && outside(s, pkg, a, k))
                return k;
        }
    }
    return PARLEY_NO_INDEX;
}

/* The linear part sum c x (mean_of: c x mean); NaN when a value is
 * missing, so the caller can tell. */
double parley_i_terms_value(const parley_scenario *s, const parley_package *pkg,
                            const parley_impact_term *terms, size_t n)
{
    double sum = 0;
    size_t j, i;

    for (j = 0; j < n; j++) {
        const parley_impact_term *t = &terms[j];
        double x;

        if (t->n_mean_issues > 0) {
            double total = 0;

            for (i = 0; i < t->n_mean_issues; i++)
                total += parley_i_pkg_value(s, pkg, t->mean_issues[i]);
            x = total / (double)t->n_mean_issues; /* mean_of */
        } else if (t->issue != PARLEY_NO_INDEX) {
            x = parley_i_pkg_value(s, pkg, t->issue);
        } else {
            continue;
        }
        sum += t->coef.mode * x; /* NaN propagates: a value is missing */
    }
    return sum;
}

/* ---- acceptance -----------------------------------------------------------
 */

static void why_set(parley_acceptance *why, const char *red_line, size_t issue,
                    double value, double low, double high)
{
    if (!why)
        return;
    why->accepted = 0;
    why->red_line = red_line;
    why->issue = issue;
    why->value = value;
    why->low = low;
    why->high = high;
}

/*
 * Engine acceptance (ukraine-brief.md 6.1: "RU and UA both sign a package
 * (engine acceptance)").  The actor signs when no active red line of its
 * own is violated by a set issue (value outside [min, max], or a vetoed
 * option) and every set issue on which it has an acceptable range lies
 * inside the range.  Red lines are reported before ranges.
 */
int parley_accept_engine(void *user, const parley_scenario *s, size_t actor,
                         const parley_package *package, parley_acceptance *why)
{
    size_t i, j, k;

    (void)user;
    if (why) {
        memset(why, 0, sizeof *why);
        why->accepted = 1;
        why->issue = PARLEY_NO_INDEX;
        why->value = why->low = why->high = NAN;
    }
    if (!s || !package || !package->value || actor >= s->n_actors ||
        package->n_issues != s->n_issues)
        return 0;
    for (i = 0; i < s->n_red_lines; i++) {
        const parley_red_line *rl = &s->red_lines[i];
        double x;
        size_t opt;

        if (!rl->active || rl->actor != actor || rl->issue >= s->n_issues ||
            !parley_i_pkg_set(package, rl->issue))
            continue;
        x = package->value[rl->issue];
        opt = parley_i_pkg_option(s, package, rl->issue);
        for (j = 0; j < rl->n_options && rl->options[j] != opt; j++)
            ;
        if (x < rl->min || x > rl->max || j < rl->n_options) {
            why_set(why, rl->id, rl->issue, x, rl->min, rl->max);
            return 0;
        }
    }
    for (k = 0; k < s->n_issues; k++) {
        double lo, hi, x;

        if (!parley_i_pkg_set(package, k))
            continue;
        x = package->value[k];
        parley_i_range(s, actor, k, &lo, &hi);
        if (x < lo || x > hi) {
            why_set(why, NULL, k, x, lo, hi);
            return 0;
        }
    }
    return 1;
}

/* ---- conditions -----------------------------------------------------------
 */

/* |x - v| within a relative 1e-9: values are written decimals. */
static int same_value(double x, double v)
{
    double scale = fabs(v) > 1 ? fabs(v) : 1;

    return fabs(x - v) <= 1e-9 * scale;
}

/* The value tests of an ISSUE node on issue k (all given tests must
 * hold).  A missing value fails every test. */
static int issue_test(const parley_i_eval *e, const parley_cond *n, size_t k)
{
    double x = parley_i_pkg_value(e->s, e->pkg, k);
    size_t j;

    if (isnan(x))
        return 0;
    if (x < n->min || x > n->max)
        return 0;
    if (n->n_values > 0) {
        for (j = 0; j < n->n_values && !same_value(x, n->values[j]); j++)
            ;
        if (j == n->n_values)
            return 0;
    }
    if (n->n_options > 0) {
        size_t opt = parley_i_pkg_option(e->s, e->pkg, k);

        for (j = 0; j < n->n_options; j++)
            if (n->options[j].issue == k && n->options[j].option == opt)
                break;
        if (j == n->n_options)
            return 0;
    }
    return 1;
}

static int node_holds(const parley_i_eval *e, const parley_condition *c,
                      size_t index, unsigned depth)
{
    const parley_cond *n;
    size_t i, tested = 0;
    double total = 0;

    if (index >= c->n_nodes || depth > 64)
        return 0; /* cannot happen for a loaded scenario */
    n = &c->nodes[index];
    switch (n->kind) {
    case PARLEY_COND_ISSUE:
        for (i = 0; i < n->n_issues; i++) {
            int held;

            if (skipped(e->s, e->pkg, n->issues[i], n->skip, n->n_skip))
                continue;
            tested++;
            held = issue_test(e, n, n->issues[i]);
            if (held && !n->match_all)
                return 1;
            if (!held && n->match_all)
                return 0;
        }
        return n->match_all && tested > 0;
    case PARLEY_COND_MEAN:
        for (i = 0; i < n->n_issues; i++)
            total += parley_i_pkg_value(e->s, e->pkg, n->issues[i]);
        if (n->n_issues == 0 || isnan(total))
            return 0;
        total /= (double)n->n_issues;
        return total >= n->min && total <= n->max;
    case PARLEY_COND_SET:
        for (i = 0; i < n->n_issues; i++)
            if (!parley_i_pkg_set(e->pkg, n->issues[i]))
                return 0;
        return 1;
    case PARLEY_COND_OUTCOME:
        for (i = 0; i < n->n_refs; i++)
            if (e->outcome != PARLEY_NO_OUTCOME && n->refs[i] == e->outcome)
                return 1;
        return 0;
    case PARLEY_COND_ACCEPTED:
        if (e->assume_signed)
            return 1;
        for (i = 0; i < n->n_refs; i++)
            if (!e->accept(e->accept_user, e->s, n->refs[i], e->pkg, NULL))
                return 0;
        return 1;
    case PARLEY_COND_OUTSIDE:
        return parley_i_range_violation(e->s, e->pkg, n->actor, n->issues,
                                        n->n_issues, n->top_salience, n->skip,
                                        n->n_skip) != PARLEY_NO_INDEX;
    case PARLEY_COND_ALL:
        for (i = 0; i < n->n_refs; i++)
            if (!node_holds(e, c, n->refs[i], depth + 1))
                return 0;
        return 1;
    case PARLEY_COND_ANY:
        for (i = 0; i < n->n_refs; i++)
            if (node_holds(e, c, n->refs[i], depth + 1))
                return 1;
        return 0;
    case PARLEY_COND_NOT:
        return n->n_refs == 1 && !node_holds(e, c, n->refs[0], depth + 1);
    }
    return 0;
}

/* Evaluates a condition tree from its root (nodes[0]). */
int parley_i_condition_holds(const parley_i_eval *e, const parley_condition *c)
{
    if (!c || c->n_nodes == 0)
        return 1;
    return node_holds(e, c, 0, 0);
}

/* ---- classification -------------------------------------------------------
 */

int parley_i_has_rules(const parley_scenario *s)
{
    size_t o;

    for (o = 0; o < s->n_outcome_types; o++)
        if (s->outcome_types[o].has_when || s->outcome_types[o].is_default)
            return 1;
    return 0;
}

/* The first outcome type whose rule holds, else the default one. */
static size_t first_match(const parley_i_eval *e)
{
    const parley_scenario *s = e->s;
    size_t o;

    for (o = 0; o < s->n_outcome_types; o++)
        if (s->outcome_types[o].has_when &&
            parley_i_condition_holds(e, &s->outcome_types[o].when))
            return o;
    for (o = 0; o < s->n_outcome_types; o++)
        if (s->outcome_types[o].is_default)
            return o;
    return PARLEY_NO_OUTCOME;
}

/* The class and the class if signed (every accepted_by holds). */
void parley_i_classify(const parley_i_eval *e, parley_outcome_class *out)
{
    parley_i_eval signed_eval = *e;
    size_t k;

    signed_eval.outcome = PARLEY_NO_OUTCOME;
    signed_eval.assume_signed = 0;
    out->outcome = first_match(&signed_eval);
    signed_eval.assume_signed = 1;
    out->outcome_if_signed = first_match(&signed_eval);
    out->n_set = 0;
    for (k = 0; k < e->s->n_issues; k++)
        out->n_set += (size_t)parley_i_pkg_set(e->pkg, k);
}

/*
 * Classifies a package by the scenario's rules, in file order (brief 6.1:
 * O1c, O1a, O1b, ..., O5 "otherwise", written as `when` conditions and a
 * `default`).  Rules see no outcome type (an outcome test in a rule fails).
 */
parley_status parley_outcome_classify(parley_ctx *ctx, const parley_scenario *s,
                                      const parley_package *package,
                                      const parley_outcome_options *options,
                                      parley_outcome_class *out)
{
    parley_i_eval e;
    parley_status st;

    if (!ctx)
        return PARLEY_EINVAL;
    if (!s || !out)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "no scenario or no result, expected both");
    out->outcome = out->outcome_if_signed = PARLEY_NO_OUTCOME;
    out->n_set = 0;
    st = parley_i_check_package(ctx, s, package, "classify");
    if (st != PARLEY_OK)
        return st;
    if (!parley_i_has_rules(s))
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, s->file, 0, 0,
                              "scenario '%s' has no outcome classification "
                              "rules, expected outcomes with 'when' or "
                              "'default' (or give the outcome type)",
                              s->id ? s->id : "");
    parley_i_eval_init(&e, s, package, PARLEY_NO_OUTCOME, options);
    parley_i_classify(&e, out);
    return PARLEY_OK;
}
