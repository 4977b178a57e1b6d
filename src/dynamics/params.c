/*
 * params.c -- the flat vector of a scenario's numbers, the table of its
 * uncertain inputs and their draws (triangular by inversion; a Gaussian
 * copula within blocs of allies).  See params.h.
 */
#include "dynamics/params.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- distributions ------------------------------------------------------ */

double parley_i_triangular_quantile(double low, double mode, double high,
                                    double u)
{
    double width = high - low;

    if (!(width > 0))
        return mode;
    if (u < (mode - low) / width)
        return low + sqrt(u * width * (mode - low));
    return high - sqrt((1.0 - u) * width * (high - mode));
}

double parley_i_normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

/*
 * Inverse of Phi: P. J. Acklam's rational approximation (relative error
 * below 1.15e-9), then one Halley step on Phi(x) - p, which brings it to
 * full double precision.
 */
double parley_i_normal_quantile(double p)
{
    static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01};
    static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
                                2.445134137142996e+00, 3.754408661907416e+00};
    const double plow = 0.02425;
    double q, r, x, e;

    if (!(p > 0))
        return -HUGE_VAL;
    if (!(p < 1))
        return HUGE_VAL;
    if (p < plow) {
        q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
             c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - plow) {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
             a[5]) *
            q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        q = sqrt(-2 * log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
              c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    e = parley_i_normal_cdf(x) - p; /* Halley refinement */
    r = e * sqrt(2 * 3.14159265358979323846) * exp(x * x / 2);
    return x - r / (1 + x * r / 2);
}

/* ---- layout ------------------------------------------------------------- */

/* Adds n slots to the running size; 0 on overflow. */
static int grow(size_t *size, size_t n, size_t *offset)
{
    if (n > ((size_t)-1) / 2 - *size)
        return 0;
    *offset = *size;
    *size += n;
    return 1;
}

static size_t impact_nums(const parley_scenario *s)
{
    size_t i, d, n = 0;

    for (i = 0; i < s->n_impacts; i++)
        for (d = 0; d < s->impacts[i].n_dims; d++) {
            const parley_impact_dim *dim = &s->impacts[i].dims[d];

            n += 2 + dim->n_terms + dim->n_adjust + s->n_outcome_types;
        }
    return n;
}

static size_t durability_nums(const parley_scenario *s)
{
    const parley_durability_model *m = &s->durability;
    size_t i, n = 1;

    for (i = 0; i < m->n_factors; i++)
        n += 1 + m->factors[i].n_terms;
    return n + m->n_vetoes;
}

static int make_layout(const parley_scenario *s, parley_i_layout *L)
{
    const parley_dynamics *dy = &s->dynamics;
    size_t size = 0, cells, v;
    int ok = 1;

    memset(L, 0, sizeof *L);
    L->n_actors = s->n_actors;
    L->n_issues = s->n_issues;
    L->n_variables = dy->n_variables;
    for (v = 0; v < dy->n_variables; v++)
        L->n_inputs += dy->variables[v].n_inputs;
    L->n_shocks = dy->n_shocks;
    L->n_couplings = dy->n_couplings;
    L->n_linkages = s->n_linkages;
    L->n_ratifications = s->n_ratifications;
    L->n_impact = impact_nums(s);
    L->n_durability = durability_nums(s);
    if (s->n_issues && s->n_actors > ((size_t)-1) / 8 / s->n_issues)
        return 0;
    cells = s->n_actors * s->n_issues;
    ok &= grow(&size, L->n_actors, &L->capability);
    ok &= grow(&size, L->n_actors, &L->risk);
    ok &= grow(&size, L->n_actors, &L->reservation);
    ok &= grow(&size, cells, &L->position);
    ok &= grow(&size, cells, &L->salience);
    ok &= grow(&size, cells, &L->range_low);
    ok &= grow(&size, cells, &L->range_high);
    ok &= grow(&size, L->n_variables, &L->initial);
    ok &= grow(&size, L->n_variables, &L->drift);
    ok &= grow(&size, L->n_variables, &L->noise);
    ok &= grow(&size, L->n_variables, &L->rho);
    ok &= grow(&size, L->n_variables, &L->mean);
    ok &= grow(&size, L->n_inputs, &L->input_coef);
    ok &= grow(&size, L->n_shocks, &L->shock_delta);
    ok &= grow(&size, L->n_shocks, &L->shock_probability);
    ok &= grow(&size, L->n_couplings, &L->coupling_coef);
    ok &= grow(&size, L->n_linkages, &L->linkage_weight);
    ok &= grow(&size, L->n_ratifications, &L->pass_probability);
    ok &= grow(&size, L->n_impact, &L->impact);
    ok &= grow(&size, L->n_durability, &L->durability);
    L->size = size;
    return ok;
}

/* ---- the input table ---------------------------------------------------- */

/* One num to place: its slot, kind and what it belongs to. */
typedef struct slot {
    parley_num num; /* a copy */
    size_t offset;
    parley_i_input_kind kind;
    size_t actor, issue, item;
    char name[200];
} slot;

/* Visits every num of the scenario in table order.  With `base` set, the
 * mode (or NaN when the num is absent) goes into its slot; with `visit`
 * set, each num that is an uncertain input is passed on. */
typedef void (*visit_fn)(void *user, const slot *sl);

/* 1 for the optional keys whose absence means "none" (NaN in the flat
 * vector); the others default to a number the loader put in the mode
 * (drift 0, noise 0, shock probability 1). */
static int absent_is_nan(parley_i_input_kind kind)
{
    return kind == PARLEY_I_IN_RISK || kind == PARLEY_I_IN_RESERVATION ||
           kind == PARLEY_I_IN_RANGE_LOW || kind == PARLEY_I_IN_RANGE_HIGH ||
           kind == PARLEY_I_IN_RHO || kind == PARLEY_I_IN_MEAN;
}

static void place(const slot *sl, double *base, visit_fn visit, void *user)
{
    const parley_num *n = &sl->num;

    if (base)
        base[sl->offset] =
            n->present || !absent_is_nan(sl->kind) ? n->mode : (double)NAN;
    if (visit && n->present && n->uncertain && n->high > n->low)
        visit(user, sl);
}

static void walk(const parley_scenario *s, const parley_i_layout *L,
                 double *base, visit_fn visit, void *user)
{
    const parley_dynamics *dy = &s->dynamics;
    size_t a, k, v, j, i, d, t, in = 0, im = 0;
    slot sl;

    for (a = 0; a < s->n_actors; a++) {
        const parley_actor *ac = &s->actors[a];

        sl.actor = a;
        sl.issue = sl.item = PARLEY_NO_INDEX;
        sl.num = ac->capability;
        sl.offset = L->capability + a;
        sl.kind = PARLEY_I_IN_CAPABILITY;
        snprintf(sl.name, sizeof sl.name, "capability of %s", ac->id);
        place(&sl, base, visit, user);
        sl.num = ac->risk;
        sl.offset = L->risk + a;
        sl.kind = PARLEY_I_IN_RISK;
        snprintf(sl.name, sizeof sl.name, "risk of %s", ac->id);
        place(&sl, base, visit, user);
        sl.num = ac->reservation;
        sl.offset = L->reservation + a;
        sl.kind = PARLEY_I_IN_RESERVATION;
        snprintf(sl.name, sizeof sl.name, "reservation of %s", ac->id);
        place(&sl, base, visit, user);
    }
    for (a = 0; a < s->n_actors; a++)
        for (k = 0; k < s->n_issues; k++) {
            const parley_stance *st = parley_i_stance(s, a, k);
            size_t cell = a * s->n_issues + k;
            static const char *const what[4] = {"position", "salience",
                                                "range low", "range high"};
            const parley_num *nums[4];
            size_t offs[4];

            nums[0] = &st->position;
            nums[1] = &st->salience;
            nums[2] = &st->range_low;
            nums[3] = &st->range_high;
            offs[0] = L->position;
            offs[1] = L->salience;
            offs[2] = L->range_low;
            offs[3] = L->range_high;
            for (i = 0; i < 4; i++) {
                if (!st->present) {
                    if (base)
                        base[offs[i] + cell] = (double)NAN;
                    continue;
                }
                sl.actor = a;
                sl.issue = k;
                sl.item = PARLEY_NO_INDEX;
                sl.num = *nums[i];
                sl.offset = offs[i] + cell;
                sl.kind = (parley_i_input_kind)(PARLEY_I_IN_POSITION + i);
                snprintf(sl.name, sizeof sl.name, "%s of %s on %s", what[i],
                         s->actors[a].id, s->issues[k].id);
                place(&sl, base, visit, user);
            }
        }
    for (v = 0; v < dy->n_variables; v++) {
        const parley_variable *var = &dy->variables[v];
        static const char *const what[5] = {"initial", "drift", "noise", "rho",
                                            "mean"};
        const parley_num *nums[5];
        size_t offs[5];

        nums[0] = &var->initial;
        nums[1] = &var->drift;
        nums[2] = &var->noise;
        nums[3] = &var->rho;
        nums[4] = &var->mean;
        offs[0] = L->initial;
        offs[1] = L->drift;
        offs[2] = L->noise;
        offs[3] = L->rho;
        offs[4] = L->mean;
        for (i = 0; i < 5; i++) {
            sl.actor = sl.issue = PARLEY_NO_INDEX;
            sl.item = v;
            sl.num = *nums[i];
            sl.offset = offs[i] + v;
            sl.kind = (parley_i_input_kind)(PARLEY_I_IN_INITIAL + i);
            snprintf(sl.name, sizeof sl.name, "dynamics %s.%s", var->id,
                     what[i]);
            place(&sl, base, visit, user);
        }
    }
    for (v = 0; v < dy->n_variables; v++) {
        const parley_variable *var = &dy->variables[v];

        for (j = 0; j < var->n_inputs; j++, in++) {
            size_t from = var->inputs[j].variable;

            sl.actor = sl.issue = PARLEY_NO_INDEX;
            sl.item = v;
            sl.num = var->inputs[j].coef;
            sl.offset = L->input_coef + in;
            sl.kind = PARLEY_I_IN_INPUT_COEF;
            snprintf(sl.name, sizeof sl.name, "dynamics %s.input from %s",
                     var->id,
                     from < dy->n_variables ? dy->variables[from].id : "?");
            place(&sl, base, visit, user);
        }
    }
    for (i = 0; i < dy->n_shocks; i++) {
        const parley_shock *sh = &dy->shocks[i];

        sl.actor = sl.issue = PARLEY_NO_INDEX;
        sl.item = i;
        sl.num = sh->delta;
        sl.offset = L->shock_delta + i;
        sl.kind = PARLEY_I_IN_SHOCK_DELTA;
        snprintf(sl.name, sizeof sl.name, "shock %s delta", sh->id);
        place(&sl, base, visit, user);
        sl.num = sh->probability;
        sl.offset = L->shock_probability + i;
        sl.kind = PARLEY_I_IN_SHOCK_PROBABILITY;
        snprintf(sl.name, sizeof sl.name, "shock %s probability", sh->id);
        place(&sl, base, visit, user);
    }
    for (i = 0; i < dy->n_couplings; i++) {
        sl.actor = dy->couplings[i].actor;
        sl.issue = dy->couplings[i].issue;
        sl.item = i;
        sl.num = dy->couplings[i].coef;
        sl.offset = L->coupling_coef + i;
        sl.kind = PARLEY_I_IN_COUPLING_COEF;
        snprintf(sl.name, sizeof sl.name, "coupling %s coef",
                 dy->couplings[i].id);
        place(&sl, base, visit, user);
    }
    for (i = 0; i < s->n_linkages; i++) {
        sl.actor = sl.issue = PARLEY_NO_INDEX;
        sl.item = i;
        sl.num = s->linkages[i].weight;
        sl.offset = L->linkage_weight + i;
        sl.kind = PARLEY_I_IN_LINKAGE_WEIGHT;
        snprintf(sl.name, sizeof sl.name, "linkage %s weight",
                 s->linkages[i].id);
        place(&sl, base, visit, user);
    }
    for (i = 0; i < s->n_ratifications; i++) {
        sl.actor = sl.issue = PARLEY_NO_INDEX;
        sl.item = i;
        sl.num = s->ratifications[i].pass_probability;
        sl.offset = L->pass_probability + i;
        sl.kind = PARLEY_I_IN_PASS_PROBABILITY;
        snprintf(sl.name, sizeof sl.name, "ratification %s pass probability",
                 s->ratifications[i].id);
        place(&sl, base, visit, user);
    }
    for (i = 0; i < s->n_impacts; i++)
        for (d = 0; d < s->impacts[i].n_dims; d++) {
            const parley_impact *ip = &s->impacts[i];
            const parley_impact_dim *dim = &ip->dims[d];

            sl.actor = sl.issue = PARLEY_NO_INDEX;
            sl.item = i;
            sl.kind = PARLEY_I_IN_IMPACT;
            sl.num = dim->weight;
            sl.offset = L->impact + im++;
            snprintf(sl.name, sizeof sl.name, "impact %s.%s weight", ip->id,
                     dim->id);
            place(&sl, base, visit, user);
            sl.num = dim->intercept;
            sl.offset = L->impact + im++;
            snprintf(sl.name, sizeof sl.name, "impact %s.%s intercept", ip->id,
                     dim->id);
            place(&sl, base, visit, user);
            for (t = 0; t < dim->n_terms; t++) {
                size_t issue = dim->terms[t].issue;

                sl.num = dim->terms[t].coef;
                sl.offset = L->impact + im++;
                snprintf(sl.name, sizeof sl.name, "impact %s.%s coef of %s",
                         ip->id, dim->id,
                         issue < s->n_issues ? s->issues[issue].id : "?");
                place(&sl, base, visit, user);
            }
            for (t = 0; t < dim->n_adjust; t++) {
                sl.num = dim->adjust[t].delta;
                sl.offset = L->impact + im++;
                snprintf(sl.name, sizeof sl.name,
                         "impact %s.%s adjustment #%zu delta", ip->id, dim->id,
                         t + 1);
                place(&sl, base, visit, user);
            }
            for (t = 0; t < s->n_outcome_types; t++) {
                double mode = dim->by_outcome ? dim->by_outcome[t] : NAN;

                /* scores are not nums: make one up from the cell */
                sl.num = parley_i_num_point(mode);
                sl.num.present = (unsigned char)!isnan(mode);
                if (dim->by_outcome_low && dim->by_outcome_high &&
                    dim->by_outcome_low[t] < dim->by_outcome_high[t]) {
                    sl.num.low = dim->by_outcome_low[t];
                    sl.num.high = dim->by_outcome_high[t];
                    sl.num.uncertain = 1;
                }
                if (dim->by_outcome_flag)
                    sl.num.flag = dim->by_outcome_flag[t];
                sl.offset = L->impact + im++;
                snprintf(sl.name, sizeof sl.name, "impact %s.%s score of %s",
                         ip->id, dim->id, s->outcome_types[t].id);
                place(&sl, base, visit, user);
            }
        }
    {
        const parley_durability_model *dm = &s->durability;
        size_t du = 0;

        sl.actor = sl.issue = sl.item = PARLEY_NO_INDEX;
        sl.kind = PARLEY_I_IN_DURABILITY;
        sl.num = dm->base;
        sl.offset = L->durability + du++;
        snprintf(sl.name, sizeof sl.name, "durability base");
        place(&sl, base, visit, user);
        for (i = 0; i < dm->n_factors; i++) {
            const parley_durability_factor *f = &dm->factors[i];

            sl.item = i;
            sl.num = f->points;
            sl.offset = L->durability + du++;
            snprintf(sl.name, sizeof sl.name, "durability factor %s points",
                     f->id);
            place(&sl, base, visit, user);
            for (t = 0; t < f->n_terms; t++) {
                size_t issue = f->terms[t].issue;

                sl.num = f->terms[t].coef;
                sl.offset = L->durability + du++;
                snprintf(sl.name, sizeof sl.name,
                         "durability factor %s coef of %s", f->id,
                         issue < s->n_issues ? s->issues[issue].id : "a mean");
                place(&sl, base, visit, user);
            }
        }
        for (i = 0; i < dm->n_vetoes; i++) {
            sl.item = i;
            sl.num = dm->vetoes[i].points;
            sl.offset = L->durability + du++;
            snprintf(sl.name, sizeof sl.name, "durability veto %s points",
                     dm->vetoes[i].id);
            place(&sl, base, visit, user);
        }
    }
}

/* Counting pass: inputs and the bytes of their names. */
typedef struct counter {
    size_t n, bytes;
} counter;

static void count_input(void *user, const slot *sl)
{
    counter *c = user;

    c->n++;
    c->bytes += strlen(sl->name) + 1;
}

/* Filling pass. */
typedef struct filler {
    parley_i_params *p;
    size_t n, used;
} filler;

static void fill_input(void *user, const slot *sl)
{
    filler *f = user;
    parley_i_input *in = &f->p->inputs[f->n++];
    size_t len = strlen(sl->name) + 1;

    in->kind = sl->kind;
    in->offset = sl->offset;
    in->low = sl->num.low;
    in->mode = sl->num.mode;
    in->high = sl->num.high;
    in->u_mode = (in->mode - in->low) / (in->high - in->low);
    in->actor = sl->actor;
    in->issue = sl->issue;
    in->item = sl->item;
    in->group = PARLEY_NO_INDEX;
    in->bloc = PARLEY_NO_INDEX;
    in->num = sl->num;
    memcpy(f->p->names + f->used, sl->name, len);
    in->name = f->p->names + f->used;
    f->used += len;
}

/* 1 for the kinds that belong to an actor and so can be correlated within
 * a bloc (the stance kinds are grouped per issue). */
static int bloc_kind(parley_i_input_kind kind)
{
    return kind <= PARLEY_I_IN_RANGE_HIGH;
}

/*
 * Correlation groups: inputs of one bloc-eligible kind (and issue) whose
 * actors are in the same bloc with a positive correlation; every other
 * input is a group of its own.  Groups are ordered by their first member,
 * members by table order.
 */
static void make_groups(parley_i_params *p, const size_t *bloc_of)
{
    const parley_scenario *s = p->scenario;
    size_t i, j, used = 0;

    for (i = 0; i < p->n_inputs; i++) {
        parley_i_input *in = &p->inputs[i];

        if (bloc_kind(in->kind) && in->actor < s->n_actors)
            in->bloc = bloc_of[in->actor];
    }
    p->n_groups = 0;
    for (i = 0; i < p->n_inputs; i++) {
        parley_i_input *in = &p->inputs[i];
        parley_i_group *g;
        double rho = 0;

        if (in->group != PARLEY_NO_INDEX)
            continue; /* already in an earlier input's group */
        g = &p->groups[p->n_groups];
        g->first = used;
        g->n = 0;
        if (in->bloc != PARLEY_NO_INDEX)
            rho = s->blocs[in->bloc].correlation.mode;
        g->correlation = rho;
        for (j = i; j < p->n_inputs; j++) {
            parley_i_input *other = &p->inputs[j];

            if (j != i && (!(rho > 0) || other->group != PARLEY_NO_INDEX ||
                           other->bloc != in->bloc || other->kind != in->kind ||
                           other->issue != in->issue))
                continue;
            other->group = p->n_groups;
            p->members[used++] = j;
            g->n++;
        }
        if (g->n == 1)
            g->correlation = 0; /* alone in its bloc: independent */
        p->n_groups++;
    }
}

void parley_i_params_free(parley_i_params *p)
{
    const parley_ctx *ctx;

    if (!p)
        return;
    ctx = p->ctx;
    parley_i_free(ctx, p->base, p->layout.size * sizeof *p->base);
    parley_i_free(ctx, p->inputs, p->n_inputs * sizeof *p->inputs);
    parley_i_free(ctx, p->groups, p->n_inputs * sizeof *p->groups);
    parley_i_free(ctx, p->members, p->n_inputs * sizeof *p->members);
    parley_i_free(ctx, p->input_start,
                  (p->layout.n_variables + 1) * sizeof *p->input_start);
    parley_i_free(ctx, p->names, p->names_size);
    parley_i_free(ctx, p, sizeof *p);
}

parley_status parley_i_params_new(parley_ctx *ctx, const parley_scenario *s,
                                  parley_i_params **out)
{
    parley_i_params *p;
    counter c = {0, 0};
    filler f;
    size_t *bloc_of = NULL, b, j, v;

    *out = NULL;
    p = parley_i_alloc(ctx, sizeof *p);
    if (!p)
        return parley_i_nomem(ctx);
    p->ctx = ctx;
    p->scenario = s;
    if (!make_layout(s, &p->layout)) {
        parley_i_free(ctx, p, sizeof *p);
        return parley_i_error(ctx, PARLEY_ELIMIT, s->file, 0, 0,
                              "the scenario has too many numbers to "
                              "simulate, expected fewer actors x issues");
    }
    walk(s, &p->layout, NULL, count_input, &c);
    p->n_inputs = c.n;
    p->names_size = c.bytes;
    p->base = parley_i_alloc_array(ctx, p->layout.size, sizeof *p->base);
    p->input_start = parley_i_alloc_array(ctx, p->layout.n_variables + 1,
                                          sizeof *p->input_start);
    if (c.n) {
        p->names = parley_i_alloc(ctx, p->names_size);
        p->inputs = parley_i_alloc_array(ctx, c.n, sizeof *p->inputs);
        p->groups = parley_i_alloc_array(ctx, c.n, sizeof *p->groups);
        p->members = parley_i_alloc_array(ctx, c.n, sizeof *p->members);
    }
    if (s->n_actors)
        bloc_of = parley_i_alloc_array(ctx, s->n_actors, sizeof *bloc_of);
    if (!p->base || !p->input_start ||
        (c.n && (!p->names || !p->inputs || !p->groups || !p->members)) ||
        (s->n_actors && !bloc_of)) {
        parley_i_free(ctx, bloc_of, s->n_actors * sizeof *bloc_of);
        parley_i_params_free(p);
        return parley_i_nomem(ctx);
    }
    p->input_start[0] = 0;
    for (v = 0; v < s->dynamics.n_variables; v++)
        p->input_start[v + 1] =
            p->input_start[v] + s->dynamics.variables[v].n_inputs;
    f.p = p;
    f.n = f.used = 0;
    walk(s, &p->layout, p->base, fill_input, &f);
    for (j = 0; j < s->n_actors; j++)
        bloc_of[j] = PARLEY_NO_INDEX;
    for (b = 0; b < s->n_blocs; b++)
        for (j = 0; j < s->blocs[b].n_actors; j++)
            if (s->blocs[b].actors[j] < s->n_actors)
                bloc_of[s->blocs[b].actors[j]] = b;
    make_groups(p, bloc_of);
    parley_i_free(ctx, bloc_of, s->n_actors * sizeof *bloc_of);
    *out = p;
    return PARLEY_OK;
}

/* ---- draws -------------------------------------------------------------- */

void parley_i_params_draw(const parley_i_params *p, parley_rng *rng, double *u)
{
    size_t g, j;

    for (g = 0; g < p->n_groups; g++) {
        const parley_i_group *gr = &p->groups[g];
        const size_t *m = p->members + gr->first;

        if (gr->n == 1 && gr->correlation == 0) {
            u[m[0]] = parley_rng_uniform(rng);
            continue;
        }
        {
            double rho = gr->correlation;
            double common = parley_rng_normal(rng); /* the bloc's factor */
            double a = sqrt(rho), b = sqrt(1.0 - rho);

            for (j = 0; j < gr->n; j++) {
                double z = a * common + b * parley_rng_normal(rng);

                u[m[j]] = parley_i_normal_cdf(z);
            }
        }
    }
}

void parley_i_params_apply(const parley_i_params *p, const double *u,
                           double *values)
{
    size_t i;

    memcpy(values, p->base, p->layout.size * sizeof *values);
    if (!u)
        return;
    for (i = 0; i < p->n_inputs; i++) {
        const parley_i_input *in = &p->inputs[i];

        if (!isnan(u[i]))
            values[in->offset] =
                parley_i_triangular_quantile(in->low, in->mode, in->high, u[i]);
    }
}

size_t parley_i_params_impact_offset(const parley_i_params *p, size_t impact,
                                     size_t dim)
{
    const parley_scenario *s = p->scenario;
    size_t i, d, off = p->layout.impact;

    for (i = 0; i < s->n_impacts; i++)
        for (d = 0; d < s->impacts[i].n_dims; d++) {
            const parley_impact_dim *dm = &s->impacts[i].dims[d];

            if (i == impact && d == dim)
                return off;
            off += 2 + dm->n_terms + dm->n_adjust + s->n_outcome_types;
        }
    return PARLEY_NO_INDEX;
}

/* ---- the table as public data ------------------------------------------- */

const char *parley_i_input_kind_name(parley_i_input_kind kind)
{
    static const char *const names[] = {
        "capability", "risk",        "reservation",
        "position",   "salience",    "range_low",
        "range_high", "initial",     "drift",
        "noise",      "rho",         "mean",
        "input",      "shock_delta", "shock_probability",
        "coupling",   "linkage",     "pass_probability",
        "impact",     "durability"};

    if ((size_t)kind < sizeof names / sizeof *names)
        return names[kind];
    return "?";
}

static const char *flag_name(parley_flag flag)
{
    switch (flag) {
    case PARLEY_FLAG_STATED:
        return "stated";
    case PARLEY_FLAG_DERIVED:
        return "derived";
    case PARLEY_FLAG_ESTIMATE:
        return "estimate";
    case PARLEY_FLAG_OUTSIDE:
        return "outside";
    case PARLEY_FLAG_NONE:
        break;
    }
    return NULL;
}

void parley_i_inputs_free(const parley_ctx *ctx, parley_uncertain_input *in,
                          size_t n)
{
    size_t i;

    if (!in)
        return;
    for (i = 0; i < n; i++) {
        parley_i_strfree(ctx, (char *)in[i].name);
        parley_i_strfree(ctx, (char *)in[i].source);
        parley_i_strfree(ctx, (char *)in[i].bloc);
    }
    parley_i_free(ctx, in, n * sizeof *in);
}

parley_status parley_i_inputs_export(parley_ctx *ctx, const parley_i_params *p,
                                     parley_uncertain_input **out)
{
    const parley_scenario *s = p->scenario;
    parley_uncertain_input *in;
    size_t i;

    *out = NULL;
    if (p->n_inputs == 0)
        return PARLEY_OK;
    in = parley_i_alloc_array(ctx, p->n_inputs, sizeof *in);
    if (!in)
        return parley_i_nomem(ctx);
    for (i = 0; i < p->n_inputs; i++) {
        const parley_i_input *src = &p->inputs[i];
        const parley_num *num = &src->num;
        parley_uncertain_input *dst = &in[i];

        dst->name = parley_i_strdup(ctx, src->name);
        dst->kind = parley_i_input_kind_name(src->kind);
        dst->low = src->low;
        dst->mode = src->mode;
        dst->high = src->high;
        dst->flag = flag_name(num->flag);
        dst->line = num->line;
        dst->col = num->col;
        if (num->source < s->n_sources)
            dst->source = parley_i_strdup(ctx, s->sources[num->source].id);
        if (src->bloc != PARLEY_NO_INDEX && p->groups[src->group].n > 1)
            dst->bloc = parley_i_strdup(ctx, s->blocs[src->bloc].id);
        if (!dst->name || (num->source < s->n_sources && !dst->source) ||
            (src->bloc != PARLEY_NO_INDEX && p->groups[src->group].n > 1 &&
             !dst->bloc)) {
            parley_i_inputs_free(ctx, in, p->n_inputs);
            return parley_i_nomem(ctx);
        }
    }
    *out = in;
    return PARLEY_OK;
}
