/*
 * space.c -- builds the outcome space of package bargaining from a
 * scenario: parties, per-option utility contributions, feasibility, linked
 * issues merged into composite dimensions, reservation values and the
 * disagreement point.  See space.h for the model.
 */
#include "bargain/space.h"

#include <math.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

void parley_bargain_options_set_default(parley_bargain_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->disagreement = PARLEY_DISAGREEMENT_RESERVATION;
    o->shape = PARLEY_VALUE_SHAPE_SCENARIO;
    o->weights = PARLEY_WEIGHTS_AUTO;
    o->reservation = PARLEY_RESERVATION_AUTO;
    o->ratification = PARLEY_RATIFICATION_HARD;
    o->ks = PARLEY_KS_MAXMIN;
    o->frontier = 1;
    o->max_frontier = 1000000;
    o->max_enumerate = 1e8;
    o->max_nodes = 100000000;
    o->max_ties = 100;
    o->tie_tolerance = 1e-12;
    o->max_composite = 100000;
}

/* ---- small helpers ------------------------------------------------------ */

size_t parley_i_nearest_option(const parley_issue *issue, double value)
{
    size_t best = PARLEY_NO_INDEX, o;
    double best_d = INFINITY;

    for (o = 0; o < issue->n_options; o++) {
        double d = fabs(issue->options[o].value - value);

        if (d < best_d) {
            best_d = d;
            best = o;
        }
    }
    return best;
}

/* The status-quo option of an issue, or NO_INDEX when it has none. */
static size_t status_quo_option(const parley_issue *issue)
{
    if (issue->status_quo_option != PARLEY_NO_INDEX &&
        issue->status_quo_option < issue->n_options)
        return issue->status_quo_option;
    if (isfinite(issue->status_quo))
        return parley_i_nearest_option(issue, issue->status_quo);
    return PARLEY_NO_INDEX;
}

static int role_is_party(parley_role role)
{
    return role == PARLEY_ROLE_PARTY || role == PARLEY_ROLE_MEDIATOR ||
           role == PARLEY_ROLE_GUARANTOR || role == PARLEY_ROLE_VETO;
}

parley_status parley_i_parse_actor_list(parley_ctx *ctx,
                                        const parley_scenario *s,
                                        const char *list, size_t **actors,
                                        size_t *n)
{
    size_t count = 1, i, k = 0;
    const char *p;
    size_t *out;
    const char **ids = NULL;

    *actors = NULL;
    *n = 0;
    for (p = list; *p; p++)
        count += *p == ',';
    out = parley_i_alloc_array(ctx, count, sizeof *out);
    if (!out)
        return parley_i_nomem(ctx);
    p = list;
    for (i = 0; i < count; i++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p), a, j;

        while (len && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (!len) {
            FREE_ARRAY(ctx, out, count);
            return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                  "empty actor id in the list '%s', "
                                  "expected comma-separated actor ids",
                                  list);
        }
        for (a = 0; a < s->n_actors; a++)
            if (strlen(s->actors[a].id) == len &&
                strncmp(s->actors[a].id, p, len) == 0)
                break;
        if (a == s->n_actors) {
            parley_status status;
            const char *near = NULL;
            char *word = parley_i_strndup(ctx, p, len);

            ids = parley_i_alloc_array(ctx, s->n_actors ? s->n_actors : 1,
                                       sizeof *ids);
            if (word && ids) {
                for (j = 0; j < s->n_actors; j++)
                    ids[j] = s->actors[j].id;
                near = parley_i_suggest(word, ids, s->n_actors);
            }
            status = parley_i_error(
                ctx, PARLEY_ENOTFOUND, NULL, 0, 0,
                "no actor '%.*s' in the scenario%s%s%s, expected one of "
                "its actor ids",
                (int)len, p, near ? " (did you mean '" : "", near ? near : "",
                near ? "'?)" : "");
            parley_i_strfree(ctx, word);
            FREE_ARRAY(ctx, ids, s->n_actors ? s->n_actors : 1);
            FREE_ARRAY(ctx, out, count);
            return status;
        }
        for (j = 0; j < k; j++)
            if (out[j] == a) {
                FREE_ARRAY(ctx, out, count);
                return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                      "actor '%s' is listed twice, "
                                      "expected each actor once",
                                      s->actors[a].id);
            }
        out[k++] = a;
        p = end ? end + 1 : p + len;
    }
    *actors = out;
    *n = k;
    return PARLEY_OK;
}

/* ---- life cycle --------------------------------------------------------- */

void parley_i_space_free(parley_i_space *sp)
{
    const parley_ctx *ctx;
    size_t P, k, d, l;

    if (!sp)
        return;
    ctx = sp->ctx;
    P = sp->n_parties;
    FREE_ARRAY(ctx, sp->party_actor, P);
    FREE_ARRAY(ctx, sp->capability, P);
    FREE_ARRAY(ctx, sp->nash_weight, P);
    FREE_ARRAY(ctx, sp->reservation, P);
    FREE_ARRAY(ctx, sp->reservation_source, P);
    FREE_ARRAY(ctx, sp->disagreement, P);
    FREE_ARRAY(ctx, sp->min_utility, P);
    FREE_ARRAY(ctx, sp->ideal, P);
    FREE_ARRAY(ctx, sp->weight, P * sp->n_issues);
    for (k = 0; sp->issues && k < sp->n_issues; k++) {
        parley_i_issue_info *is = &sp->issues[k];
        size_t n = is->n_options;

        FREE_ARRAY(ctx, is->contrib, n * P);
        FREE_ARRAY(ctx, is->feasible, n);
        FREE_ARRAY(ctx, is->excluded_by, n);
        FREE_ARRAY(ctx, is->log_pass, n);
    }
    FREE_ARRAY(ctx, sp->issues, sp->n_issues);
    for (l = 0; sp->links && l < sp->n_links; l++) {
        FREE_ARRAY(ctx, sp->links[l].f_a,
                   sp->scenario->issues[sp->links[l].issue_a].n_options);
        FREE_ARRAY(ctx, sp->links[l].f_b,
                   sp->scenario->issues[sp->links[l].issue_b].n_options);
    }
    FREE_ARRAY(ctx, sp->links, sp->n_links);
    for (d = 0; sp->dims && d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];

        FREE_ARRAY(ctx, dim->members, dim->n_members);
        FREE_ARRAY(ctx, dim->member_option, dim->n_options * dim->n_members);
        FREE_ARRAY(ctx, dim->util, dim->n_options * P);
        FREE_ARRAY(ctx, dim->util_t, dim->n_options * P);
        FREE_ARRAY(ctx, dim->min, P);
        FREE_ARRAY(ctx, dim->max, P);
        FREE_ARRAY(ctx, dim->links, dim->n_links);
    }
    FREE_ARRAY(ctx, sp->dims, sp->n_dims);
    parley_i_free(ctx, sp, sizeof *sp);
}

/* ---- utilities ---------------------------------------------------------- */

/* The value v(o) of an option to an actor, before weighting (space.h). */
static double option_value(const parley_issue *is, const parley_stance *st,
                           size_t o, parley_value_shape shape)
{
    double dist, range;
    int quadratic;

    if (st->option_values && !isnan(st->option_values[o]))
        return st->option_values[o];
    range = is->scale_max - is->scale_min;
    dist = fabs(is->options[o].value - st->position.mode) / range;
    quadratic = shape == PARLEY_VALUE_SHAPE_QUADRATIC ||
                (shape == PARLEY_VALUE_SHAPE_SCENARIO &&
                 is->shape == PARLEY_SHAPE_QUADRATIC);
    return quadratic ? 1.0 - dist * dist : 1.0 - dist;
}

/* An option's value normalised to [0, 1] on its issue's scale (linkage). */
static double scale_fraction(const parley_issue *is, size_t o)
{
    return (is->options[o].value - is->scale_min) /
           (is->scale_max - is->scale_min);
}

/*
 * Party contributions of dimension d for the member options member_opt
 * (scenario option indices, one per member): members in order, then the
 * dimension's links in order.  The one place where a dimension's
 * contribution is computed, so the table and parley_i_space_eval agree
 * to the bit.
 */
static void combo_contribution(const parley_i_space *sp, size_t d,
                               const size_t *member_opt, double *out)
{
    const parley_i_dim *dim = &sp->dims[d];
    size_t P = sp->n_parties, m, p, l;

    for (p = 0; p < P; p++)
        out[p] = 0.0;
    for (m = 0; m < dim->n_members; m++) {
        const double *c =
            sp->issues[dim->members[m]].contrib + member_opt[m] * P;

        for (p = 0; p < P; p++)
            out[p] += c[p];
    }
    for (l = 0; l < dim->n_links; l++) {
        const parley_i_link *ln = &sp->links[dim->links[l]];
        size_t ma = sp->issues[ln->issue_a].member;
        size_t mb = sp->issues[ln->issue_b].member;

        out[ln->party] +=
            ln->weight * ln->f_a[member_opt[ma]] * ln->f_b[member_opt[mb]];
    }
}

void parley_i_space_eval_dims(const parley_i_space *sp,
                              const size_t *dim_option, double *utility)
{
    size_t P = sp->n_parties, d, p;

    for (p = 0; p < P; p++)
        utility[p] = 0.0;
    for (d = 0; d < sp->n_dims; d++) {
        const double *row = sp->dims[d].util + dim_option[d] * P;

        for (p = 0; p < P; p++)
            utility[p] += row[p];
    }
}

int parley_i_space_eval(const parley_i_space *sp, const size_t *issue_option,
                        double *utility)
{
    size_t P = sp->n_parties, d, m, p, k, l;
    size_t member_opt[64];
    double part[64];
    int feasible = !sp->empty;

    for (k = 0; k < sp->n_issues; k++) {
        const parley_i_issue_info *is = &sp->issues[k];

        if (!is->feasible[issue_option[k]] ||
            (is->fixed != PARLEY_NO_INDEX && is->fixed != issue_option[k]))
            feasible = 0;
    }
    for (p = 0; p < P; p++)
        utility[p] = 0.0;
    for (d = 0; d < sp->n_dims; d++) {
        const parley_i_dim *dim = &sp->dims[d];

        if (P <= 64) { /* members <= 64 always (setup_dims) */
            for (m = 0; m < dim->n_members; m++)
                member_opt[m] = issue_option[dim->members[m]];
            combo_contribution(sp, d, member_opt, part);
            for (p = 0; p < P; p++)
                utility[p] += part[p];
            continue;
        }
        /* many parties: party by party, in combo_contribution's order */
        for (p = 0; p < P; p++) {
            double c = 0.0;

            for (m = 0; m < dim->n_members; m++)
                c += sp->issues[dim->members[m]]
                         .contrib[issue_option[dim->members[m]] * P + p];
            for (l = 0; l < dim->n_links; l++) {
                const parley_i_link *ln = &sp->links[dim->links[l]];

                if (ln->party == p)
                    c += ln->weight * ln->f_a[issue_option[ln->issue_a]] *
                         ln->f_b[issue_option[ln->issue_b]];
            }
            utility[p] += c;
        }
    }
    return feasible;
}

void parley_i_space_decode(const parley_i_space *sp, const size_t *dim_option,
                           size_t *issue_option)
{
    size_t d, m;

    for (d = 0; d < sp->n_dims; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        const size_t *row = dim->member_option + dim_option[d] * dim->n_members;

        for (m = 0; m < dim->n_members; m++)
            issue_option[dim->members[m]] = row[m];
    }
}

int parley_i_space_encode(const parley_i_space *sp, const size_t *issue_option,
                          size_t *dim_option)
{
    size_t d, m, o;

    for (d = 0; d < sp->n_dims; d++) {
        const parley_i_dim *dim = &sp->dims[d];

        for (o = 0; o < dim->n_options; o++) {
            const size_t *row = dim->member_option + o * dim->n_members;

            for (m = 0; m < dim->n_members; m++)
                if (row[m] != issue_option[dim->members[m]])
                    break;
            if (m == dim->n_members)
                break;
        }
        if (o == dim->n_options)
            return 0;
        dim_option[d] = o;
    }
    return 1;
}

/* ---- construction ------------------------------------------------------- */

static size_t uf_find(size_t *parent, size_t k)
{
    while (parent[k] != k) {
        parent[k] = parent[parent[k]]; /* path halving */
        k = parent[k];
    }
    return k;
}

/* 1 if constraints of actor a count under the options. */
static int constraint_applies(const parley_i_space *sp,
                              const parley_bargain_options *o, size_t a)
{
    size_t p;

    if (!o->party_constraints_only)
        return 1;
    for (p = 0; p < sp->n_parties; p++)
        if (sp->party_actor[p] == a)
            return 1;
    return 0;
}

/* Marks option o of issue k infeasible, keeping the first reason. */
static void exclude(parley_i_issue_info *is, size_t o,
                    parley_i_exclusion_kind kind, size_t index)
{
    if (is->feasible[o]) {
        is->feasible[o] = 0;
        is->excluded_by[o].kind = kind;
        is->excluded_by[o].index = index;
    }
}

static parley_status check_options(parley_ctx *ctx,
                                   const parley_bargain_options *o)
{
    if ((unsigned)o->disagreement > PARLEY_DISAGREEMENT_FLOOR ||
        (unsigned)o->shape > PARLEY_VALUE_SHAPE_QUADRATIC ||
        (unsigned)o->weights > PARLEY_WEIGHTS_AS_WRITTEN ||
        (unsigned)o->reservation > PARLEY_RESERVATION_ZERO ||
        (unsigned)o->ratification > PARLEY_RATIFICATION_IGNORE ||
        (unsigned)o->ks > PARLEY_KS_NEGMAS)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "invalid bargaining option value, expected "
                              "one of the documented enumeration values");
    if (o->max_composite == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                              "max_composite is 0, expected at least 1");
    return PARLEY_OK;
}

/* Chooses the parties and their capabilities and Nash weights. */
static parley_status setup_parties(parley_ctx *ctx, parley_i_space *sp,
                                   const parley_bargain_options *o)
{
    const parley_scenario *s = sp->scenario;
    size_t *actors = NULL, n = 0, a, p;
    double sum = 0.0;
    parley_status status;

    if (o->parties) {
        status = parley_i_parse_actor_list(ctx, s, o->parties, &actors, &n);
        if (status)
            return status;
    } else {
        for (a = 0; a < s->n_actors; a++)
            n += role_is_party(s->actors[a].role);
        if (n) {
            actors = parley_i_alloc_array(ctx, n, sizeof *actors);
            if (!actors)
                return parley_i_nomem(ctx);
            n = 0;
            for (a = 0; a < s->n_actors; a++)
                if (role_is_party(s->actors[a].role))
                    actors[n++] = a;
        }
    }
    if (n == 0)
        return parley_i_error(ctx, PARLEY_EINVAL, s->file, 0, 0,
                              "no parties to bargain: the scenario has no "
                              "actor with role party, mediator, guarantor "
                              "or veto, expected at least one (or --parties)");
    sp->party_actor = actors;
    sp->n_parties = n;
    sp->capability = parley_i_alloc_array(ctx, n, sizeof *sp->capability);
    sp->nash_weight = parley_i_alloc_array(ctx, n, sizeof *sp->nash_weight);
    sp->reservation = parley_i_alloc_array(ctx, n, sizeof *sp->reservation);
    sp->reservation_source =
        parley_i_alloc_array(ctx, n, sizeof *sp->reservation_source);
    sp->disagreement = parley_i_alloc_array(ctx, n, sizeof *sp->disagreement);
    sp->min_utility = parley_i_alloc_array(ctx, n, sizeof *sp->min_utility);
    sp->ideal = parley_i_alloc_array(ctx, n, sizeof *sp->ideal);
    if (!sp->capability || !sp->nash_weight || !sp->reservation ||
        !sp->reservation_source || !sp->disagreement || !sp->min_utility ||
        !sp->ideal)
        return parley_i_nomem(ctx);
    for (p = 0; p < n; p++) {
        double c = s->actors[actors[p]].capability.mode;

        sp->capability[p] = c;
        sum += isfinite(c) && c > 0 ? c : 0.0;
    }
    for (p = 0; p < n; p++) /* capability shares; equal if none positive */
        sp->nash_weight[p] =
            sum > 0 ? (isfinite(sp->capability[p]) && sp->capability[p] > 0
                           ? sp->capability[p] / sum
                           : 0.0)
                    : 1.0 / (double)n;
    return PARLEY_OK;
}

/* Weights w_pk and the per-option contributions w_pk v_pk(o). */
static parley_status setup_issues(parley_ctx *ctx, parley_i_space *sp,
                                  const parley_bargain_options *o)
{
    const parley_scenario *s = sp->scenario;
    size_t P = sp->n_parties, K = s->n_issues, p, k, opt;

    sp->n_issues = K;
    /* P >= 1 and K >= 1 (checked by the caller) */
    sp->weight = parley_i_alloc_array(ctx, P * K, sizeof *sp->weight);
    sp->issues = parley_i_alloc_array(ctx, K, sizeof *sp->issues);
    if (!sp->weight || !sp->issues)
        return parley_i_nomem(ctx);
    for (p = 0; p < P; p++) {
        size_t a = sp->party_actor[p];
        double total = 0.0;

        for (k = 0; k < K; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);

            if (st->present)
                total += st->salience.mode;
        }
        for (k = 0; k < K; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);
            double w = 0.0;

            if (st->present)
                w = sp->weights_as_written
                        ? st->salience.mode
                        : (total > 0 ? st->salience.mode / total : 0.0);
            sp->weight[p * K + k] = w;
        }
    }
    for (k = 0; k < K; k++) {
        const parley_issue *is = &s->issues[k];
        parley_i_issue_info *info = &sp->issues[k];
        size_t n = is->n_options;

        info->fixed = PARLEY_NO_INDEX;
        info->dim = PARLEY_NO_INDEX;
        if (n == 0)
            return parley_i_error(ctx, PARLEY_EVALID, s->file, 0, 0,
                                  "issue '%s' has no options, expected at "
                                  "least one option for package bargaining",
                                  is->id);
        info->contrib = parley_i_alloc_array(ctx, n * P, sizeof *info->contrib);
        if (!info->contrib)
            return parley_i_nomem(ctx);
        info->n_options = n; /* counts match allocations from here on */
        info->feasible = parley_i_alloc_array(ctx, n, sizeof *info->feasible);
        info->excluded_by =
            parley_i_alloc_array(ctx, n, sizeof *info->excluded_by);
        info->log_pass = parley_i_alloc_array(ctx, n, sizeof *info->log_pass);
        if (!info->feasible || !info->excluded_by || !info->log_pass)
            return parley_i_nomem(ctx);
        for (opt = 0; opt < n; opt++) {
            info->feasible[opt] = 1;
            info->excluded_by[opt].kind = PARLEY_I_EXCLUDED_NONE;
            info->excluded_by[opt].index = PARLEY_NO_INDEX;
            for (p = 0; p < P; p++) {
                const parley_stance *st =
                    parley_i_stance(s, sp->party_actor[p], k);
                double w = sp->weight[p * K + k];

                info->contrib[opt * P + p] =
                    st->present ? w * option_value(is, st, opt, o->shape) : 0.0;
            }
        }
    }
    return PARLEY_OK;
}

/* Red lines and ratification constraints -> per-option feasibility. */
static void apply_constraints(parley_i_space *sp,
                              const parley_bargain_options *o)
{
    const parley_scenario *s = sp->scenario;
    size_t i, opt, j;

    for (i = 0; i < s->n_red_lines; i++) {
        const parley_red_line *rl = &s->red_lines[i];
        const parley_issue *is;

        if (!rl->active || rl->issue >= s->n_issues ||
            !constraint_applies(sp, o, rl->actor))
            continue;
        is = &s->issues[rl->issue];
        for (opt = 0; opt < is->n_options; opt++) {
            int vetoed = is->options[opt].value < rl->min ||
                         is->options[opt].value > rl->max;

            for (j = 0; j < rl->n_options && !vetoed; j++)
                vetoed = rl->options[j] == opt;
            if (vetoed)
                exclude(&sp->issues[rl->issue], opt, PARLEY_I_EXCLUDED_RED_LINE,
                        i);
        }
    }
    for (i = 0; i < s->n_ratifications; i++) {
        const parley_ratification *rt = &s->ratifications[i];
        const parley_issue *is;
        double pass =
            rt->pass_probability.present ? rt->pass_probability.mode : 0.0;
        int hard;

        if (o->ratification == PARLEY_RATIFICATION_IGNORE ||
            rt->issue >= s->n_issues || !constraint_applies(sp, o, rt->actor))
            continue;
        hard = o->ratification == PARLEY_RATIFICATION_ALL || !(pass > 0);
        is = &s->issues[rt->issue];
        for (opt = 0; opt < is->n_options; opt++) {
            if (!(is->options[opt].value < rt->min ||
                  is->options[opt].value > rt->max))
                continue;
            if (hard)
                exclude(&sp->issues[rt->issue], opt,
                        PARLEY_I_EXCLUDED_RATIFICATION, i);
            else
                sp->issues[rt->issue].log_pass[opt] += log(pass);
        }
    }
}

/* The linkage terms that apply to the parties. */
static parley_status setup_links(parley_ctx *ctx, parley_i_space *sp)
{
    const parley_scenario *s = sp->scenario;
    size_t P = sp->n_parties, i, p, n = 0, pass;

    for (pass = 0; pass < 2; pass++) {
        n = 0;
        for (i = 0; i < s->n_linkages; i++) {
            const parley_linkage *lk = &s->linkages[i];

            if (lk->issue_a >= s->n_issues || lk->issue_b >= s->n_issues)
                continue;
            for (p = 0; p < P; p++) {
                size_t a = sp->party_actor[p];
                parley_i_link *ln;
                size_t opt;

                if (lk->actor == PARLEY_NO_INDEX
                        ? !(parley_i_stance(s, a, lk->issue_a)->present &&
                            parley_i_stance(s, a, lk->issue_b)->present)
                        : lk->actor != a)
                    continue;
                if (pass == 0) {
                    n++;
                    continue;
                }
                ln = &sp->links[n++];
                ln->party = p;
                ln->issue_a = lk->issue_a;
                ln->issue_b = lk->issue_b;
                ln->linkage = i;
                ln->weight = lk->weight.mode;
                ln->f_a = parley_i_alloc_array(
                    ctx, s->issues[lk->issue_a].n_options, sizeof *ln->f_a);
                ln->f_b = parley_i_alloc_array(
                    ctx, s->issues[lk->issue_b].n_options, sizeof *ln->f_b);
                if (!ln->f_a || !ln->f_b)
                    return parley_i_nomem(ctx);
                for (opt = 0; opt < s->issues[lk->issue_a].n_options; opt++)
                    ln->f_a[opt] = scale_fraction(&s->issues[lk->issue_a], opt);
                for (opt = 0; opt < s->issues[lk->issue_b].n_options; opt++)
                    ln->f_b[opt] = scale_fraction(&s->issues[lk->issue_b], opt);
            }
        }
        if (pass == 0 && n) {
            sp->links = parley_i_alloc_array(ctx, n, sizeof *sp->links);
            if (!sp->links)
                return parley_i_nomem(ctx);
            sp->n_links = n; /* f_a/f_b are NULL until set: free is safe */
        }
    }
    return PARLEY_OK;
}

/*
 * Groups issues tied by linkage (union-find) into dimensions ordered by
 * their first member, and enumerates each dimension's feasible options.
 * Options of fixed issues other than the fixed one are kept at this stage
 * (restrict_fixed removes them after the extremes are known).
 */
static parley_status setup_dims(parley_ctx *ctx, parley_i_space *sp,
                                const parley_bargain_options *o)
{
    size_t K = sp->n_issues, P = sp->n_parties, k, d, m, l;
    size_t *parent, *root_dim;
    parley_status status = PARLEY_OK;

    parent = parley_i_alloc_array(ctx, K, sizeof *parent);
    root_dim = parley_i_alloc_array(ctx, K, sizeof *root_dim);
    if (!parent || !root_dim) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (k = 0; k < K; k++) {
        parent[k] = k;
        root_dim[k] = PARLEY_NO_INDEX;
    }
    for (l = 0; l < sp->n_links; l++) {
        size_t ra = uf_find(parent, sp->links[l].issue_a);
        size_t rb = uf_find(parent, sp->links[l].issue_b);

        if (ra != rb)
            parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
    }
    /* the root of every group is its smallest member, so scanning k in
     * order numbers the dimensions by first member */
    for (k = 0; k < K; k++) {
        size_t r = uf_find(parent, k);

        if (root_dim[r] == PARLEY_NO_INDEX)
            root_dim[r] = sp->n_dims++;
    }
    sp->dims = parley_i_alloc_array(ctx, sp->n_dims ? sp->n_dims : 1,
                                    sizeof *sp->dims);
    if (!sp->dims) {
        sp->n_dims = 0;
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (k = 0; k < K; k++) {
        d = root_dim[uf_find(parent, k)];
        sp->issues[k].dim = d;
        sp->issues[k].member = sp->dims[d].n_members++;
    }
    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];

        dim->members =
            parley_i_alloc_array(ctx, dim->n_members, sizeof *dim->members);
        if (!dim->members) {
            dim->n_members = 0;
            status = parley_i_nomem(ctx);
            goto done;
        }
        dim->min = parley_i_alloc_array(ctx, P, sizeof *dim->min);
        dim->max = parley_i_alloc_array(ctx, P, sizeof *dim->max);
        if (!dim->min || !dim->max) {
            status = parley_i_nomem(ctx);
            goto done;
        }
    }
    for (k = 0; k < K; k++)
        sp->dims[sp->issues[k].dim].members[sp->issues[k].member] = k;
    for (l = 0; l < sp->n_links; l++)
        sp->dims[sp->issues[sp->links[l].issue_a].dim].n_links++;
    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];
        size_t n = 0;

        if (!dim->n_links)
            continue;
        dim->links =
            parley_i_alloc_array(ctx, dim->n_links, sizeof *dim->links);
        if (!dim->links) {
            dim->n_links = 0;
            status = parley_i_nomem(ctx);
            goto done;
        }
        for (l = 0; l < sp->n_links; l++) /* in link order */
            if (sp->issues[sp->links[l].issue_a].dim == d)
                dim->links[n++] = l;
    }
    /* feasible combinations of each dimension */
    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];
        size_t count = 1, c, M = dim->n_members;
        size_t opt_of[64];

        if (M > 64) {
            status = parley_i_error(
                ctx, PARLEY_ELIMIT, sp->scenario->file, 0, 0,
                "%zu issues are linked into one group, over the limit of "
                "64, expected smaller groups of linked issues",
                M);
            goto done;
        }
        for (m = 0; m < M; m++) {
            const parley_i_issue_info *is = &sp->issues[dim->members[m]];
            size_t nf = 0, opt;

            for (opt = 0; opt < is->n_options; opt++)
                nf += is->feasible[opt];
            if (nf && count > o->max_composite / nf + 1) {
                count = o->max_composite + 1;
                break;
            }
            count *= nf;
        }
        if (M > 1 && count > o->max_composite) {
            status = parley_i_error(
                ctx, PARLEY_ELIMIT, sp->scenario->file, 0, 0,
                "linked issues starting with '%s' form a group of more than "
                "%zu packages, expected fewer (raise --max-composite or "
                "drop a linkage)",
                sp->scenario->issues[dim->members[0]].id, o->max_composite);
            goto done;
        }
        if (M > 1)
            sp->n_groups++;
        if (count) {
            dim->member_option = parley_i_alloc_array(
                ctx, count * M, sizeof *dim->member_option);
            dim->util = parley_i_alloc_array(ctx, count * P, sizeof *dim->util);
            if (!dim->member_option || !dim->util) {
                FREE_ARRAY(ctx, dim->member_option, count * M);
                FREE_ARRAY(ctx, dim->util, count * P);
                dim->member_option = NULL;
                dim->util = NULL;
                status = parley_i_nomem(ctx);
                goto done;
            }
        }
        dim->n_options = count;
        /* odometer over the members' feasible options, last member
         * fastest, so the first member is most significant */
        for (m = 0; m < M; m++) {
            const parley_i_issue_info *is = &sp->issues[dim->members[m]];

            opt_of[m] = 0;
            while (opt_of[m] < is->n_options && !is->feasible[opt_of[m]])
                opt_of[m]++;
        }
        for (c = 0; c < count; c++) {
            memcpy(dim->member_option + c * M, opt_of, M * sizeof *opt_of);
            combo_contribution(sp, d, opt_of, dim->util + c * P);
            for (m = M; m-- > 0;) {
                const parley_i_issue_info *is = &sp->issues[dim->members[m]];
                size_t first = 0;

                do
                    opt_of[m]++;
                while (opt_of[m] < is->n_options && !is->feasible[opt_of[m]]);
                if (opt_of[m] < is->n_options)
                    break;
                while (!is->feasible[first])
                    first++;
                opt_of[m] = first;
            }
        }
    }
done:
    FREE_ARRAY(ctx, parent, K);
    FREE_ARRAY(ctx, root_dim, K);
    return status;
}

/* Per-dimension extremes, and min_utility / ideal (canonical order). */
static void compute_extremes(parley_i_space *sp)
{
    size_t P = sp->n_parties, d, p, c;

    for (p = 0; p < P; p++) {
        sp->min_utility[p] = 0.0;
        sp->ideal[p] = 0.0;
    }
    sp->empty = 0;
    sp->n_feasible = 1.0L;
    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];

        sp->n_feasible *= (long double)dim->n_options;
        if (dim->n_options == 0) {
            sp->empty = 1;
            for (p = 0; p < P; p++)
                dim->min[p] = dim->max[p] = NAN;
            continue;
        }
        for (p = 0; p < P; p++) {
            dim->min[p] = dim->max[p] = dim->util[p];
            for (c = 1; c < dim->n_options; c++) {
                double v = dim->util[c * P + p];

                if (v < dim->min[p])
                    dim->min[p] = v;
                if (v > dim->max[p])
                    dim->max[p] = v;
            }
            sp->min_utility[p] += dim->min[p];
            sp->ideal[p] += dim->max[p];
        }
    }
    if (sp->empty)
        for (p = 0; p < P; p++)
            sp->min_utility[p] = sp->ideal[p] = NAN;
}

/* Keeps only the combinations that agree with the fixed options, then
 * recomputes the per-dimension extremes of the restricted space (the
 * space-wide min_utility and ideal were saved by the caller). */
static parley_status restrict_fixed(parley_ctx *ctx, parley_i_space *sp,
                                    const size_t *fixed)
{
    size_t P = sp->n_parties, d, c, m, k;

    for (k = 0; k < sp->n_issues; k++) {
        if (fixed[k] == PARLEY_NO_INDEX)
            continue;
        if (fixed[k] >= sp->issues[k].n_options)
            return parley_i_error(ctx, PARLEY_EINVAL, sp->scenario->file, 0, 0,
                                  "issue '%s' fixed to option %zu, expected "
                                  "an index below %zu",
                                  sp->scenario->issues[k].id, fixed[k],
                                  sp->issues[k].n_options);
        sp->issues[k].fixed = fixed[k];
    }
    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];
        size_t M = dim->n_members, kept = 0;

        for (c = 0; c < dim->n_options; c++) {
            const size_t *row = dim->member_option + c * M;

            for (m = 0; m < M; m++) {
                size_t f = sp->issues[dim->members[m]].fixed;

                if (f != PARLEY_NO_INDEX && row[m] != f)
                    break;
            }
            if (m < M)
                continue;
            /* in place: kept <= c */
            memmove(dim->member_option + kept * M, row, M * sizeof *row);
            memmove(dim->util + kept * P, dim->util + c * P,
                    P * sizeof *dim->util);
            kept++;
        }
        if (kept < dim->n_options) {
            /* shrink so that the recorded sizes match the allocations */
            size_t *mo = NULL;
            double *ut = NULL;

            if (kept) {
                mo = parley_i_alloc_array(ctx, kept * M, sizeof *mo);
                ut = parley_i_alloc_array(ctx, kept * P, sizeof *ut);
                if (!mo || !ut) {
                    FREE_ARRAY(ctx, mo, kept * M);
                    FREE_ARRAY(ctx, ut, kept * P);
                    return parley_i_nomem(ctx);
                }
                memcpy(mo, dim->member_option, kept * M * sizeof *mo);
                memcpy(ut, dim->util, kept * P * sizeof *ut);
            }
            FREE_ARRAY(ctx, dim->member_option, dim->n_options * M);
            FREE_ARRAY(ctx, dim->util, dim->n_options * P);
            dim->member_option = mo;
            dim->util = ut;
            dim->n_options = kept;
        }
    }
    for (k = 0; k < sp->n_issues; k++) {
        size_t f = sp->issues[k].fixed, opt;

        if (f == PARLEY_NO_INDEX)
            continue;
        for (opt = 0; opt < sp->issues[k].n_options; opt++)
            if (opt != f)
                exclude(&sp->issues[k], opt, PARLEY_I_EXCLUDED_FIXED, f);
    }
    return PARLEY_OK;
}

/* The party-major copy of every dimension's table. */
static parley_status transpose_tables(parley_ctx *ctx, parley_i_space *sp)
{
    size_t P = sp->n_parties, d, c, p;

    for (d = 0; d < sp->n_dims; d++) {
        parley_i_dim *dim = &sp->dims[d];

        if (!dim->n_options)
            continue;
        dim->util_t =
            parley_i_alloc_array(ctx, dim->n_options * P, sizeof *dim->util_t);
        if (!dim->util_t)
            return parley_i_nomem(ctx);
        for (c = 0; c < dim->n_options; c++)
            for (p = 0; p < P; p++)
                dim->util_t[p * dim->n_options + c] = dim->util[c * P + p];
    }
    return PARLEY_OK;
}

/* Distance of option opt to the actor's acceptable range (0 inside). */
static double range_distance(const parley_stance *st, const parley_issue *is,
                             size_t opt)
{
    double x = is->options[opt].value, dist = 0.0;

    if (st->range_low.present && x < st->range_low.mode)
        dist = st->range_low.mode - x;
    if (st->range_high.present && x > st->range_high.mode)
        dist = x - st->range_high.mode;
    return dist;
}

/*
 * RANGE reservation of party p: the minimum over dimensions (canonical
 * order) of the party's contribution over the member combinations whose
 * options all lie in the actor's acceptable ranges (every option counts,
 * feasible or not: the range is the actor's own statement).  Where no
 * option of an issue lies in range, the options nearest to it count.
 */
static parley_status range_reservation(parley_ctx *ctx,
                                       const parley_i_space *sp, size_t p,
                                       const parley_bargain_options *o,
                                       double *out)
{
    const parley_scenario *s = sp->scenario;
    size_t a = sp->party_actor[p], d, m;
    double total = 0.0;
    double *part;

    part = parley_i_alloc_array(ctx, sp->n_parties, sizeof *part);
    if (!part)
        return parley_i_nomem(ctx);
    for (d = 0; d < sp->n_dims; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t M = dim->n_members, opt_of[64], count = 1;
        double nearest[64], worst = INFINITY;
        int done = 0;

        for (m = 0; m < M; m++) {
            size_t k = dim->members[m], opt;
            const parley_stance *st = parley_i_stance(s, a, k);
            const parley_issue *is = &s->issues[k];

            nearest[m] = INFINITY;
            for (opt = 0; opt < is->n_options; opt++) {
                double dist = range_distance(st, is, opt);

                if (dist < nearest[m])
                    nearest[m] = dist;
            }
            count *= is->n_options;
            if (count / 64 > o->max_composite)
                break;
        }
        if (M > 1 && count / 64 > o->max_composite) {
            parley_i_free(ctx, part, sp->n_parties * sizeof *part);
            return parley_i_error(ctx, PARLEY_ELIMIT, s->file, 0, 0,
                                  "the acceptable-range reservation of '%s' "
                                  "needs too many combinations of linked "
                                  "issues, expected a smaller linked group",
                                  s->actors[a].id);
        }
        /* odometer over the accepted options of every member: an option
         * is accepted if its distance to the range is the member's least
         * (0 when some option lies inside) */
        for (m = 0; m < M; m++) {
            size_t k = dim->members[m];

            opt_of[m] = 0;
            while (range_distance(parley_i_stance(s, a, k), &s->issues[k],
                                  opt_of[m]) > nearest[m])
                opt_of[m]++;
        }
        while (!done) {
            combo_contribution(sp, d, opt_of, part);
            if (part[p] < worst)
                worst = part[p];
            done = 1;
            for (m = M; m-- > 0;) {
                size_t k = dim->members[m];
                const parley_stance *st = parley_i_stance(s, a, k);
                const parley_issue *is = &s->issues[k];

                do
                    opt_of[m]++;
                while (opt_of[m] < is->n_options &&
                       range_distance(st, is, opt_of[m]) > nearest[m]);
                if (opt_of[m] < is->n_options) {
                    done = 0;
                    break;
                }
                opt_of[m] = 0;
                while (range_distance(st, is, opt_of[m]) > nearest[m])
                    opt_of[m]++;
            }
        }
        total += worst;
    }
    parley_i_free(ctx, part, sp->n_parties * sizeof *part);
    *out = total;
    return PARLEY_OK;
}

/* 1 if the actor states an acceptable range on some issue. */
static int has_range(const parley_scenario *s, size_t a)
{
    size_t k;

    for (k = 0; k < s->n_issues; k++) {
        const parley_stance *st = parley_i_stance(s, a, k);

        if (st->present && (st->range_low.present || st->range_high.present))
            return 1;
    }
    return 0;
}

/* 1 if every issue has a status quo. */
static int has_status_quo(const parley_scenario *s)
{
    size_t k;

    for (k = 0; k < s->n_issues; k++)
        if (status_quo_option(&s->issues[k]) == PARLEY_NO_INDEX)
            return 0;
    return 1;
}

static parley_status setup_reservations(parley_ctx *ctx, parley_i_space *sp,
                                        const parley_bargain_options *o)
{
    const parley_scenario *s = sp->scenario;
    size_t P = sp->n_parties, p, k;
    size_t *sq = NULL;
    double *u = NULL;
    parley_status status = PARLEY_OK;

    for (p = 0; p < P; p++) {
        const parley_actor *actor = &s->actors[sp->party_actor[p]];
        parley_reservation_rule rule = o->reservation;

        if (actor->reservation.present && isfinite(actor->reservation.mode)) {
            sp->reservation[p] = actor->reservation.mode;
            sp->reservation_source[p] = PARLEY_RESERVATION_FROM_SCENARIO;
            continue;
        }
        if (rule == PARLEY_RESERVATION_AUTO)
            rule = has_range(s, sp->party_actor[p]) ? PARLEY_RESERVATION_RANGE
                   : has_status_quo(s) ? PARLEY_RESERVATION_STATUS_QUO
                                       : PARLEY_RESERVATION_ZERO;
        switch (rule) {
        case PARLEY_RESERVATION_RANGE:
            status = range_reservation(ctx, sp, p, o, &sp->reservation[p]);
            if (status)
                goto done;
            sp->reservation_source[p] = PARLEY_RESERVATION_FROM_RANGE;
            break;
        case PARLEY_RESERVATION_STATUS_QUO:
            if (!has_status_quo(s)) {
                for (k = 0; k < s->n_issues; k++)
                    if (status_quo_option(&s->issues[k]) == PARLEY_NO_INDEX)
                        break;
                status = parley_i_error(
                    ctx, PARLEY_EVALID, s->file, 0, 0,
                    "issue '%s' has no status quo, expected one on every "
                    "issue for status-quo reservation values",
                    s->issues[k].id);
                goto done;
            }
            if (!sq) {
                sq = parley_i_alloc_array(ctx, s->n_issues ? s->n_issues : 1,
                                          sizeof *sq);
                u = parley_i_alloc_array(ctx, P, sizeof *u);
                if (!sq || !u) {
                    status = parley_i_nomem(ctx);
                    goto done;
                }
                for (k = 0; k < s->n_issues; k++)
                    sq[k] = status_quo_option(&s->issues[k]);
                parley_i_space_eval(sp, sq, u);
            }
            sp->reservation[p] = u[p];
            sp->reservation_source[p] = PARLEY_RESERVATION_FROM_STATUS_QUO;
            break;
        default:
            sp->reservation[p] = 0.0;
            sp->reservation_source[p] = PARLEY_RESERVATION_FROM_ZERO;
            break;
        }
    }
done:
    FREE_ARRAY(ctx, sq, s->n_issues ? s->n_issues : 1);
    FREE_ARRAY(ctx, u, P);
    return status;
}

parley_status parley_i_space_new(parley_ctx *ctx, const parley_scenario *s,
                                 const parley_bargain_options *options,
                                 const size_t *fixed, parley_i_space **out)
{
    parley_bargain_options defaults;
    const parley_bargain_options *o = options;
    parley_i_space *sp;
    parley_status status;
    size_t p, k;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || !s)
        return ctx ? parley_i_error(ctx, PARLEY_EINVAL, NULL, 0, 0,
                                    "no scenario given, expected one")
                   : PARLEY_EINVAL;
    if (!o) {
        parley_bargain_options_set_default(&defaults);
        o = &defaults;
    }
    status = check_options(ctx, o);
    if (status)
        return status;
    if (!s->stances || s->n_issues == 0)
        return parley_i_error(ctx, PARLEY_EVALID, s->file, 0, 0,
                              "the scenario has no issues, expected at "
                              "least one issue with options");
    sp = parley_i_alloc(ctx, sizeof *sp);
    if (!sp)
        return parley_i_nomem(ctx);
    sp->ctx = ctx;
    sp->scenario = s;
    sp->disagreement_rule = o->disagreement;
    /* GENIUS imports mark their weights as written (no renormalisation) */
    sp->weights_as_written =
        o->weights == PARLEY_WEIGHTS_AS_WRITTEN ||
        (o->weights == PARLEY_WEIGHTS_AUTO && s->utility_additive_raw);
    status = setup_parties(ctx, sp, o);
    if (status)
        goto fail;
    status = setup_issues(ctx, sp, o);
    if (status)
        goto fail;
    apply_constraints(sp, o);
    status = setup_links(ctx, sp);
    if (status)
        goto fail;
    status = setup_dims(ctx, sp, o);
    if (status)
        goto fail;
    sp->n_packages = 1.0L;
    for (k = 0; k < sp->n_issues; k++) {
        size_t opt;

        sp->n_packages *= (long double)sp->issues[k].n_options;
        for (opt = 0; opt < sp->issues[k].n_options; opt++)
            sp->n_excluded += !sp->issues[k].feasible[opt];
    }
    compute_extremes(sp);
    status = setup_reservations(ctx, sp, o);
    if (status)
        goto fail;
    for (p = 0; p < sp->n_parties; p++) {
        double r = sp->reservation[p];

        sp->disagreement[p] = o->disagreement == PARLEY_DISAGREEMENT_FLOOR &&
                                      sp->min_utility[p] > r
                                  ? sp->min_utility[p]
                                  : r;
    }
    if (fixed) {
        double *keep_min = NULL, *keep_ideal = NULL;
        long double keep_feasible = sp->n_feasible;
        size_t P = sp->n_parties;

        keep_min = parley_i_alloc_array(ctx, P, sizeof *keep_min);
        keep_ideal = parley_i_alloc_array(ctx, P, sizeof *keep_ideal);
        if (!keep_min || !keep_ideal) {
            FREE_ARRAY(ctx, keep_min, P);
            FREE_ARRAY(ctx, keep_ideal, P);
            status = parley_i_nomem(ctx);
            goto fail;
        }
        memcpy(keep_min, sp->min_utility, P * sizeof *keep_min);
        memcpy(keep_ideal, sp->ideal, P * sizeof *keep_ideal);
        status = restrict_fixed(ctx, sp, fixed);
        if (!status) {
            compute_extremes(sp);
            memcpy(sp->min_utility, keep_min, P * sizeof *keep_min);
            memcpy(sp->ideal, keep_ideal, P * sizeof *keep_ideal);
            (void)keep_feasible;
        }
        FREE_ARRAY(ctx, keep_min, P);
        FREE_ARRAY(ctx, keep_ideal, P);
        if (status)
            goto fail;
    }
    status = transpose_tables(ctx, sp);
    if (status)
        goto fail;
    *out = sp;
    return PARLEY_OK;
fail:
    parley_i_space_free(sp);
    return status;
}

parley_status parley_i_proposal_fix(parley_ctx *ctx, const parley_scenario *s,
                                    size_t proposal, parley_i_fill fill,
                                    size_t *fixed, unsigned char *open)
{
    const parley_proposal *pr;
    size_t k;

    if (!s || proposal >= s->n_proposals)
        return parley_i_error(ctx, PARLEY_ENOTFOUND, s ? s->file : NULL, 0, 0,
                              "proposal %zu does not exist, expected an "
                              "index below %zu",
                              proposal, s ? s->n_proposals : 0);
    pr = &s->proposals[proposal];
    for (k = 0; k < s->n_issues; k++) {
        const parley_term *t = pr->terms ? &pr->terms[k] : NULL;
        const parley_issue *is = &s->issues[k];

        if (open)
            open[k] = !(t && t->set);
        if (t && t->set)
            fixed[k] = t->option != PARLEY_NO_INDEX && t->option < is->n_options
                           ? t->option
                           : parley_i_nearest_option(is, t->value);
        else
            fixed[k] = fill == PARLEY_I_FILL_STATUS_QUO ? status_quo_option(is)
                                                        : PARLEY_NO_INDEX;
    }
    return PARLEY_OK;
}
