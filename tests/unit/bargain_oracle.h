/*
 * bargain_oracle.h -- helpers for the package-bargaining tests: random
 * scenarios built in memory, and a brute-force oracle that enumerates
 * every package one by one and answers every question by definition
 * (docs/models/bargaining.md), with none of the solvers' shortcuts
 * (classes, merged frontiers, bounds, threads).
 */
#ifndef PARLEY_TEST_BARGAIN_ORACLE_H
#define PARLEY_TEST_BARGAIN_ORACLE_H

#include "bargain/space.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shape of a random scenario. */
typedef struct rand_spec {
    size_t parties, issues, min_options, max_options;
    int option_values;   /* 1: some stances give explicit option values */
    int red_lines;       /* number of red lines */
    int linkages;        /* number of linkages */
    int reservations;    /* 1: actors give reservations */
    int ranges;          /* 1: actors give acceptable ranges */
    int discrete_values; /* 1: values on a coarse grid (many exact ties) */
} rand_spec;

static double rnd(parley_rng *rng)
{
    return parley_rng_uniform(rng);
}

static size_t rnd_index(parley_rng *rng, size_t n)
{
    return (size_t)(parley_rng_uniform(rng) * (double)n) % n;
}

static char *sdup(const parley_ctx *ctx, const char *fmt, size_t i)
{
    char buf[64];

    snprintf(buf, sizeof buf, fmt, i);
    return parley_i_strdup(ctx, buf);
}

/* sdup that leaves random_scenario on allocation failure */
#define SDUP(dst, fmt, i)                                                      \
    do {                                                                       \
        if (!((dst) = sdup(ctx, fmt, i)))                                      \
            goto fail;                                                         \
    } while (0)

/* The stance matrix (all absent), allocated here rather than through the
 * loaders' helper so that these tests depend only on the scenario layout. */
static int alloc_stances(const parley_ctx *ctx, parley_scenario *s)
{
    size_t n = s->n_actors * s->n_issues, i;

    s->stances = parley_i_alloc_array(ctx, n ? n : 1, sizeof *s->stances);
    if (!s->stances)
        return -1;
    for (i = 0; i < n; i++) {
        s->stances[i].source = PARLEY_NO_INDEX;
        s->stances[i].position.source = PARLEY_NO_INDEX;
        s->stances[i].salience.source = PARLEY_NO_INDEX;
        s->stances[i].range_low.source = PARLEY_NO_INDEX;
        s->stances[i].range_high.source = PARLEY_NO_INDEX;
    }
    return 0;
}

/* A random scenario: every actor is a party with a stance on every
 * issue.  Returns NULL on allocation failure. */
static parley_scenario *random_scenario(parley_ctx *ctx, parley_rng *rng,
                                        const rand_spec *sp)
{
    parley_scenario *s = parley_i_scenario_new(ctx);
    size_t a, k, o, i;

    if (!s)
        return NULL;
    if (!(s->id = parley_i_strdup(ctx, "random")))
        goto fail;
    s->actors = parley_i_alloc_array(ctx, sp->parties, sizeof *s->actors);
    if (!s->actors)
        goto fail;
    s->n_actors = sp->parties;
    s->issues = parley_i_alloc_array(ctx, sp->issues, sizeof *s->issues);
    if (!s->issues)
        goto fail;
    s->n_issues = sp->issues;
    for (a = 0; a < sp->parties; a++) {
        parley_actor *ac = &s->actors[a];

        SDUP(ac->id, "A%zu", a);
        ac->role = PARLEY_ROLE_PARTY;
        ac->capability = parley_i_num_point(1 + 99 * rnd(rng));
        ac->source = PARLEY_NO_INDEX;
        if (sp->reservations)
            ac->reservation = parley_i_num_point(0.2 + 0.4 * rnd(rng));
    }
    for (k = 0; k < sp->issues; k++) {
        parley_issue *is = &s->issues[k];
        size_t n = sp->min_options +
                   rnd_index(rng, sp->max_options - sp->min_options + 1);

        SDUP(is->id, "I%zu", k);
        is->scale_min = 0;
        is->scale_max = 100;
        is->status_quo = NAN;
        is->status_quo_option = rnd_index(rng, n);
        is->outcome = NAN;
        is->reference_point = NAN;
        is->source = PARLEY_NO_INDEX;
        is->options = parley_i_alloc_array(ctx, n, sizeof *is->options);
        if (!is->options)
            goto fail;
        is->n_options = n;
        for (o = 0; o < n; o++) {
            SDUP(is->options[o].id, "o%zu", o);
            is->options[o].value = sp->discrete_values
                                       ? 25.0 * (double)rnd_index(rng, 5)
                                       : 100 * rnd(rng);
            is->options[o].source = PARLEY_NO_INDEX;
        }
    }
    if (alloc_stances(ctx, s))
        goto fail;
    for (a = 0; a < sp->parties; a++)
        for (k = 0; k < sp->issues; k++) {
            parley_stance *st = parley_i_stance(s, a, k);
            size_t n = s->issues[k].n_options;

            st->present = 1;
            st->position = parley_i_num_point(
                sp->discrete_values ? 25.0 * (double)rnd_index(rng, 5)
                                    : 100 * rnd(rng));
            st->salience = parley_i_num_point(
                sp->discrete_values ? (double)(1 + rnd_index(rng, 3))
                                    : 1 + 99 * rnd(rng));
            if (sp->ranges && rnd(rng) < 0.7) {
                double lo = 100 * rnd(rng), hi = lo + (100 - lo) * rnd(rng);

                st->range_low = parley_i_num_point(lo);
                st->range_high = parley_i_num_point(hi);
            }
            if (sp->option_values && rnd(rng) < 0.3) {
                st->option_values =
                    parley_i_alloc_array(ctx, n, sizeof *st->option_values);
                if (!st->option_values)
                    goto fail;
                for (o = 0; o < n; o++)
                    st->option_values[o] =
                        rnd(rng) < 0.2 ? NAN
                                       : (sp->discrete_values
                                              ? 0.5 * (double)rnd_index(rng, 3)
                                              : rnd(rng));
            }
        }
    if (sp->red_lines) {
        s->red_lines = parley_i_alloc_array(ctx, (size_t)sp->red_lines,
                                            sizeof *s->red_lines);
        if (!s->red_lines)
            goto fail;
        s->n_red_lines = (size_t)sp->red_lines;
        for (i = 0; i < s->n_red_lines; i++) {
            parley_red_line *rl = &s->red_lines[i];

            SDUP(rl->id, "RL%zu", i);
            rl->actor = rnd_index(rng, sp->parties);
            rl->issue = rnd_index(rng, sp->issues);
            rl->min = -INFINITY;
            rl->max = INFINITY;
            rl->active = 1;
            rl->source = PARLEY_NO_INDEX;
            if (rnd(rng) < 0.5)
                rl->max = 60 + 40 * rnd(rng);
            else {
                rl->options = parley_i_alloc_array(ctx, 1, sizeof *rl->options);
                if (!rl->options)
                    goto fail;
                rl->n_options = 1;
                rl->options[0] = rnd_index(rng, s->issues[rl->issue].n_options);
            }
        }
    }
    if (sp->linkages) {
        s->linkages = parley_i_alloc_array(ctx, (size_t)sp->linkages,
                                           sizeof *s->linkages);
        if (!s->linkages)
            goto fail;
        s->n_linkages = (size_t)sp->linkages;
        for (i = 0; i < s->n_linkages; i++) {
            parley_linkage *lk = &s->linkages[i];

            SDUP(lk->id, "L%zu", i);
            lk->actor =
                rnd(rng) < 0.3 ? PARLEY_NO_INDEX : rnd_index(rng, sp->parties);
            lk->issue_a = rnd_index(rng, sp->issues);
            lk->issue_b = rnd_index(rng, sp->issues);
            lk->weight = parley_i_num_point(0.2 * rnd(rng) - 0.1);
            lk->source = PARLEY_NO_INDEX;
        }
    }
    return s;
fail:
    parley_scenario_free(s);
    return NULL;
}

/* ---- the oracle -----------------------------------------------------------
 */

/* Every feasible package with its utilities, enumerated one by one. */
typedef struct oracle {
    size_t P, K, n; /* parties, issues, feasible packages */
    size_t *pkg;    /* n x K scenario option indices, in
                       lexicographic order of the issues */
    size_t D;
    size_t *key;       /* n x D dimension option indices: the package
                          order of space.h (mixed radix over the
                          dimensions) */
    double *u;         /* n x P */
    double *d, *ideal; /* P */
} oracle;

/* Feasibility by definition: no active red line and no hard ratification
 * constraint excludes any of the package's options. */
static int oracle_feasible(const parley_scenario *s, const size_t *x)
{
    size_t i, j;

    for (i = 0; i < s->n_red_lines; i++) {
        const parley_red_line *rl = &s->red_lines[i];
        double val = s->issues[rl->issue].options[x[rl->issue]].value;

        if (!rl->active)
            continue;
        if (val < rl->min || val > rl->max)
            return 0;
        for (j = 0; j < rl->n_options; j++)
            if (rl->options[j] == x[rl->issue])
                return 0;
    }
    for (i = 0; i < s->n_ratifications; i++) {
        const parley_ratification *rt = &s->ratifications[i];
        double val = s->issues[rt->issue].options[x[rt->issue]].value;

        if (!(rt->pass_probability.mode > 0) &&
            (val < rt->min || val > rt->max))
            return 0;
    }
    return 1;
}

/* Builds the oracle: the utilities come from parley_i_space_eval (whose
 * formula test_bargain.c checks by hand), everything else by definition. */
static oracle oracle_build(const parley_scenario *s, const parley_i_space *sp)
{
    oracle or ;
    size_t K = s->n_issues, P = sp->n_parties, total = 1, k, i;
    size_t *x = calloc(K, sizeof *x);

    memset(& or, 0, sizeof or);
    or.P = P;
    or.K = K;
    for (k = 0; k < K; k++)
        total *= s->issues[k].n_options;
    or.pkg = malloc(total * K * sizeof * or.pkg + 1);
    or.D = sp->n_dims;
    or.key = malloc(total * sp->n_dims * sizeof * or.key + 1);
    or.u = malloc(total * P * sizeof * or.u + 1);
    or.d = malloc(P * sizeof * or.d);
    or.ideal = malloc(P * sizeof * or.ideal);
    for (i = 0; i < P; i++) {
        or.d[i] = sp->disagreement[i];
        or.ideal[i] = -INFINITY;
    }
    for (i = 0; i < total; i++) {
        if (oracle_feasible(s, x)) {
            size_t p;

            memcpy(or.pkg + or.n * K, x, K * sizeof *x);
            parley_i_space_eval(sp, x, or.u + or.n * P);
            parley_i_space_encode(sp, x, or.key + or.n * or.D);
            for (p = 0; p < P; p++)
                if (or.u[or.n * P + p] > or.ideal[p])
                    or.ideal[p] = or.u[or.n * P + p];
            or.n++;
        }
        for (k = K; k-- > 0;) {
            if (++x[k] < s->issues[k].n_options)
                break;
            x[k] = 0;
        }
    }
    free(x);
    return or ;
}

static void oracle_free(oracle * or)
{
    free(or->pkg);
    free(or->key);
    free(or->u);
    free(or->d);
    free(or->ideal);
}

/* Package order (space.h): lexicographic over dimension options. */
static int key_less(const oracle * or, size_t i, size_t j)
{
    size_t d;

    for (d = 0; d < or->D; d++)
        if (or->key[i * or->D + d] != or->key[j * or->D + d])
            return or->key[i * or->D + d] < or->key[j * or->D + d];
    return 0;
}

static int dominates(const double *a, const double *b, size_t P)
{
    size_t p;
    int gt = 0;

    for (p = 0; p < P; p++) {
        if (a[p] < b[p])
            return 0;
        if (a[p] > b[p])
            gt = 1;
    }
    return gt;
}

static int in_zone(const oracle * or, size_t i)
{
    size_t p;

    for (p = 0; p < or->P; p++)
        if (!(or->u[i * or->P + p] >= or->d[p]))
            return 0;
    return 1;
}

/* The objective of package i by definition (-INFINITY where undefined). */
static double oracle_value(const oracle * or, const double *alpha, int kind,
                           size_t i)
{
    const double *u = or->u + i * or->P;
    size_t p;
    double v;

    switch (kind) {
    case PARLEY_SOLUTION_NASH:
        if (!in_zone(or, i))
            return -INFINITY;
        v = 1.0;
        for (p = 0; p < or->P; p++)
            v *= u[p] - or->d[p];
        return v;
    case PARLEY_SOLUTION_NASH_WEIGHTED: {
        double ls = 0.0;

        if (!in_zone(or, i))
            return -INFINITY;
        for (p = 0; p < or->P; p++) {
            double g = u[p] - or->d[p];

            if (alpha[p] <= 0)
                continue;
            if (g <= 0)
                return 0.0;
            ls += alpha[p] * log(g);
        }
        return exp(ls);
    }
    case PARLEY_SOLUTION_KS:
        v = INFINITY;
        for (p = 0; p < or->P; p++) {
            double range = or->ideal[p] - or->d[p];
            double a = (u[p] - or->d[p]) * (range > 0 ? 1.0 / range : 1.0);

            v = a < v ? a : v;
        }
        return v;
    case PARLEY_SOLUTION_EGALITARIAN:
        v = INFINITY;
        for (p = 0; p < or->P; p++)
            v = u[p] - or->d[p] < v ? u[p] - or->d[p] : v;
        return v;
    default:
        if (!in_zone(or, i))
            return -INFINITY;
        v = 0.0;
        for (p = 0; p < or->P; p++)
            v += u[p];
        return v;
    }
}

/* A solution by definition: best value, and the non-dominated packages
 * within tol of it (flags in tie[], count returned). */
static size_t oracle_solution(const oracle * or, const double *alpha, int kind,
                              double tol, double *best, unsigned char *tie)
{
    size_t i, j, n = 0;

    *best = -INFINITY;
    for (i = 0; i < or->n; i++) {
        double v = oracle_value(or, alpha, kind, i);

        if (v > *best)
            *best = v;
    }
    for (i = 0; i < or->n; i++) {
        double v = oracle_value(or, alpha, kind, i);

        tie[i] = *best > -INFINITY && v >= *best - tol;
    }
    for (i = 0; i < or->n; i++) {
        if (!tie[i])
            continue;
        for (j = 0; j < or->n; j++)
            if (tie[j] &&
                dominates(or->u + j * or->P, or->u + i * or->P, or->P))
                break;
        if (j < or->n)
            tie[i] = 2; /* dominated: not a tie */
    }
    for (i = 0; i < or->n; i++) {
        if (tie[i] == 2)
            tie[i] = 0;
        n += tie[i];
    }
    return n;
}

/* Frontier flags (zone_only: among zone packages). */
static size_t oracle_frontier(const oracle * or, int zone_only,
                              unsigned char *on)
{
    size_t i, j, n = 0;

    for (i = 0; i < or->n; i++) {
        on[i] = !zone_only || in_zone(or, i);
        if (!on[i])
            continue;
        for (j = 0; j < or->n; j++)
            if ((!zone_only || in_zone(or, j)) &&
                dominates(or->u + j * or->P, or->u + i * or->P, or->P)) {
                on[i] = 0;
                break;
            }
        n += on[i];
    }
    return n;
}

#endif
