/*
 * test_protocol.c -- negotiation protocols (docs/models/simulation.md,
 * "Negotiation protocols"): the concession curves exactly; on random
 * small domains, that every signed package is acceptable to every
 * signatory, that with linear tactics and an open zone a deal comes by
 * the deadline (and never outside the zone), that the proposer's offer is
 * the brute-force optimum of its question, that hardheaded parties never
 * concede, subset agreements, the mediator, determinism; the armistice,
 * frozen and collapse end states and their outcome types on hand-worked
 * scenarios; the Monte Carlo outputs (identical for 1 and 2 threads, the
 * ZOPA event equal to a replayed draw); allocation failures.
 */
#include "bargain_oracle.h"
#include "dynamics/negotiation.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- concession -----------------------------------------------------------
 */

/* F(t) = (t/T)^(1/e) (Faratin, Sierra & Jennings 1998): values that are
 * exact in binary. */
Test(protocol_tactics, concession_curves_exactly)
{
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_LINEAR, 1, 6, 24), 0.25);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_BOULWARE, 0.5, 6, 24),
                 0.0625);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_CONCEDER, 2, 6, 24), 0.5);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_CONCEDER, 4, 1, 16), 0.5);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_BOULWARE, 0.25, 12, 24),
                 0.0625);
    /* the ends: 0 at the start, 1 from the deadline on */
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_BOULWARE, 0.5, 0, 24), 0);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_LINEAR, 1, 24, 24), 1);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_CONCEDER, 3, 30, 24), 1);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_LINEAR, 1, 0, 0), 1);
    /* hardheaded never concedes, not even at the deadline */
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_HARDHEADED, 0, 24, 24), 0);
    cr_assert_eq(parley_i_concession(PARLEY_TACTIC_HARDHEADED, 0, 5, 24), 0);
    /* Boulware below linear below conceder inside the horizon */
    cr_assert_lt(parley_i_concession(PARLEY_TACTIC_BOULWARE, 0.3, 7, 24),
                 parley_i_concession(PARLEY_TACTIC_LINEAR, 1, 7, 24));
    cr_assert_lt(parley_i_concession(PARLEY_TACTIC_LINEAR, 1, 7, 24),
                 parley_i_concession(PARLEY_TACTIC_CONCEDER, 3, 7, 24));
}

/* ---- random domains --------------------------------------------------------
 */

typedef struct run {
    parley_i_params *params;
    parley_i_nego *ng;
    parley_i_nego_ws *ws;
    parley_i_space *space;
    oracle or ;
    double *target; /* (T + 1) x P: the targets each month */
    size_t *deal;   /* K */
    double deal_u[8];
    int end_month;
    parley_end_state end;
} run;

/* Runs the protocol over months 0..T with the scenario's numbers every
 * month (no dynamics). */
static void run_protocol(parley_ctx *ctx, const parley_scenario *s,
                         const parley_negotiation_options *o, int T, run *r)
{
    double state = 0;
    size_t proposal[16];
    double proposal_u[8];
    parley_i_step_trace tr;
    int t;

    memset(r, 0, sizeof *r);
    cr_assert_eq(parley_i_params_new(ctx, s, &r->params), PARLEY_OK);
    cr_assert_eq(parley_i_nego_new(ctx, s, r->params, o, T, &r->ng), PARLEY_OK,
                 "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_i_nego_ws_new(r->ng, &r->ws), PARLEY_OK);
    r->target = malloc(((size_t)T + 1) * r->ng->P * sizeof(double));
    r->deal = malloc(s->n_issues * sizeof *r->deal + 1);
    r->end_month = -1;
    parley_i_protocol_reset(r->ng, r->ws);
    tr.proposal = proposal;
    tr.proposal_u = proposal_u;
    for (t = 0; t <= T; t++) {
        parley_i_nego_load(r->ng, r->ws, r->params->base);
        parley_i_protocol_step(r->ng, r->ws, t, &state, &tr);
        memcpy(r->target + (size_t)t * r->ng->P, r->ws->target,
               r->ng->P * sizeof(double));
        if (tr.accepted)
            memcpy(r->deal_u, proposal_u, r->ng->P * sizeof(double));
    }
    r->end = r->ws->end;
    r->end_month = r->ws->end_month;
    if (r->end == PARLEY_END_DEAL)
        memcpy(r->deal, r->ws->deal_options, s->n_issues * sizeof *r->deal);
    cr_assert_eq(parley_i_space_new(ctx, s, &o->space, NULL, &r->space),
                 PARLEY_OK);
}

static void run_free(run *r)
{
    free(r->target);
    free(r->deal);
    if (r->or.P)
        oracle_free(&r->or);
    parley_i_space_free(r->space);
    parley_i_nego_ws_free(r->ng, r->ws);
    parley_i_nego_free(r->ng);
    parley_i_params_free(r->params);
}

static parley_scenario *random_domain(parley_ctx *ctx, unsigned long seed,
                                      size_t max_parties)
{
    parley_rng rng;
    rand_spec sp;
    parley_scenario *s;
    size_t p;

    parley_rng_seed(&rng, 23, seed);
    memset(&sp, 0, sizeof sp);
    sp.parties = 2 + rnd_index(&rng, max_parties - 1);
    sp.issues = 1 + rnd_index(&rng, 4);
    sp.min_options = 2;
    sp.max_options = 2 + rnd_index(&rng, 3);
    sp.option_values = seed % 3 == 0;
    sp.red_lines = (int)rnd_index(&rng, 2);
    sp.linkages = seed % 2 == 0 ? (int)rnd_index(&rng, 2) : 0;
    sp.reservations = 1;
    sp.discrete_values = seed % 5 == 0;
    s = random_scenario(ctx, &rng, &sp);
    cr_assert_not_null(s);
    for (p = 0; p < s->n_actors; p++) /* zones open about half the time */
        s->actors[p].reservation.mode = 0.4 + 0.35 * rnd(&rng);
    return s;
}

/* 1 if every party of mask reaches its reservation value somewhere. */
static int zone_open(const oracle * or, const unsigned char *mask)
{
    size_t i, p;

    for (i = 0; i < or->n; i++) {
        for (p = 0; p < or->P; p++)
            if (mask[p] && !(or->u[i * or->P + p] >= or->d[p]))
                break;
        if (p == or->P)
            return 1;
    }
    return 0;
}

/* Linear tactics, alternating offers: every signed package is acceptable
 * to every signatory at the month's targets (hence above its reservation
 * value); the targets follow the formula; an open zone gives a deal by
 * the deadline; a shut one never does; and the proposer's offer is the
 * brute-force optimum of its question. */
Test(protocol_random, alternating_linear)
{
    unsigned long seed;
    int deals = 0, opens = 0;

    for (seed = 0; seed < 300; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = random_domain(ctx, seed, 4);
        parley_negotiation_options o;
        run r;
        size_t P, p, i, proposer, best = (size_t)-1;
        unsigned char all[8];
        int T = 6, t, open;
        double bestv = -INFINITY;

        parley_negotiation_options_set_default(&o);
        run_protocol(ctx, s, &o, T, &r);
        P = r.ng->P;
        r.or = oracle_build(s, r.space);
        for (p = 0; p < P; p++)
            all[p] = 1;
        open = zone_open(&r.or, all);
        opens += open;
        for (t = 0; t <= T; t++) /* the targets by the formula */
            for (p = 0; p < P; p++) {
                double res = r.space->reservation[p];
                double room = r.or.n ? r.or.ideal[p] - res : 0;
                double want = !(room > 0) || t == T ? res
                              : t == 0              ? r.or.ideal[p]
                                       : res + (1.0 - (double)t / T) * room;

                if (r.or.n)
                    cr_assert_eq(r.target[(size_t)t * P + p], want,
                                 "seed %lu month %d party %zu", seed, t, p);
            }
        if (!open) {
            cr_assert_eq(r.end, PARLEY_END_NONE,
                         "seed %lu: a deal outside "
                         "the zone",
                         seed);
            run_free(&r);
            parley_scenario_free(s);
            parley_ctx_free(ctx);
            continue;
        }
        cr_assert_eq(r.end, PARLEY_END_DEAL, "seed %lu: no deal by T", seed);
        deals++;
        t = r.end_month;
        for (p = 0; p < P; p++) {
            cr_assert_geq(r.deal_u[p], r.target[(size_t)t * P + p],
                          "seed %lu party %zu", seed, p);
            cr_assert_geq(r.deal_u[p], r.space->reservation[p]);
        }
        /* the proposer's optimum: max over packages with u_prop >= its
         * target of the others' smallest margin, the lowest on ties */
        proposer = r.ng->sig_order[(size_t)t % r.ng->n_sig];
        for (i = 0; i < r.or.n; i++) {
            const double *u = r.or.u + i * P;
            double v = INFINITY;

            if (!(u[proposer] - r.target[(size_t)t * P + proposer] >= 0))
                continue;
            for (p = 0; p < P; p++)
                if (p != proposer && u[p] - r.target[(size_t)t * P + p] < v)
                    v = u[p] - r.target[(size_t)t * P + p];
            if (best == (size_t)-1 || v > bestv ||
                (v == bestv && key_less(&r.or, i, best))) {
                best = i;
                bestv = v;
            }
        }
        cr_assert_neq(best, (size_t)-1);
        cr_assert(memcmp(r.deal, r.or.pkg + best * r.or.K,
                         s->n_issues * sizeof *r.deal) == 0,
                  "seed %lu: not the proposer's optimum", seed);
        /* and no earlier month had an acceptable package */
        for (i = 0; i < r.or.n && t > 0; i++) {
            for (p = 0; p < P; p++)
                if (!(r.or.u[i * P + p] >= r.target[(size_t)(t - 1) * P + p]))
                    break;
            cr_assert_lt(p, P, "seed %lu: a deal was possible earlier", seed);
        }
        run_free(&r);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
    cr_assert_gt(deals, 50); /* both branches are exercised */
    cr_assert_lt(opens, 300);
}

/* A hardheaded party's target is its ideal in every month; any package
 * signed gives it exactly its ideal. */
Test(protocol_random, hardheaded_never_concedes)
{
    unsigned long seed;

    for (seed = 0; seed < 150; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = random_domain(ctx, seed, 3);
        parley_negotiation_options o;
        run r;
        int t, T = 5;

        s->actors[0].has_tactic = 1;
        s->actors[0].tactic = PARLEY_TACTIC_HARDHEADED;
        parley_negotiation_options_set_default(&o);
        run_protocol(ctx, s, &o, T, &r);
        cr_assert_eq(r.ng->tactic[0], PARLEY_TACTIC_HARDHEADED);
        for (t = 0; t <= T; t++)
            if (!r.space->empty)
                cr_assert_eq(r.target[(size_t)t * r.ng->P],
                             r.space->ideal[0] > r.space->reservation[0]
                                 ? r.space->ideal[0]
                                 : r.space->reservation[0],
                             "seed %lu month %d", seed, t);
        if (r.end == PARLEY_END_DEAL)
            cr_assert_geq(r.deal_u[0], r.space->ideal[0]);
        run_free(&r);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* Boulware, conceder and the mediator: whatever the tactics and the
 * protocol, a signed package is acceptable to every signatory; the same
 * inputs give the same run. */
Test(protocol_random, tactics_mediator_and_determinism)
{
    unsigned long seed;
    int mediated = 0;

    for (seed = 0; seed < 200; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = random_domain(ctx, seed, 4);
        parley_negotiation_options o;
        run a, b;
        size_t p;
        int T = 5;

        s->actors[0].has_tactic = 1;
        s->actors[0].tactic = PARLEY_TACTIC_BOULWARE;
        s->actors[0].tactic_exponent = parley_i_num_point(0.4);
        s->actors[1].has_tactic = 1;
        s->actors[1].tactic = PARLEY_TACTIC_CONCEDER;
        s->actors[1].tactic_exponent = parley_i_num_point(3);
        parley_negotiation_options_set_default(&o);
        o.protocol =
            seed % 2 ? PARLEY_PROTOCOL_MEDIATOR : PARLEY_PROTOCOL_ALTERNATING;
        run_protocol(ctx, s, &o, T, &a);
        run_protocol(ctx, s, &o, T, &b);
        cr_assert_eq(a.end, b.end);
        cr_assert_eq(a.end_month, b.end_month);
        cr_assert_eq(a.ng->exponent[0], 0.4);
        cr_assert_eq(a.ng->exponent[1], 3);
        if (a.end == PARLEY_END_DEAL) {
            mediated += o.protocol == PARLEY_PROTOCOL_MEDIATOR;
            cr_assert(memcmp(a.deal, b.deal, s->n_issues * sizeof *a.deal) ==
                      0);
            for (p = 0; p < a.ng->P; p++)
                cr_assert_geq(a.deal_u[p],
                              a.target[(size_t)a.end_month * a.ng->P + p],
                              "seed %lu party %zu", seed, p);
        }
        run_free(&a);
        run_free(&b);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
    cr_assert_gt(mediated, 10);
}

/* Subset agreements: only the signatories' targets count; a party left
 * out may lose. */
Test(protocol_random, subset_of_signatories)
{
    unsigned long seed;
    int losers = 0;

    for (seed = 0; seed < 150; seed++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = random_domain(ctx, seed, 3);
        parley_negotiation_options o;
        run r;
        int T = 4;

        if (s->n_actors < 3) {
            parley_scenario_free(s);
            parley_ctx_free(ctx);
            continue;
        }
        parley_negotiation_options_set_default(&o);
        o.signatories = "A0,A1";
        run_protocol(ctx, s, &o, T, &r);
        cr_assert_eq(r.ng->n_sig, 2);
        cr_assert(isnan(r.target[2])); /* A2 signs nothing */
        if (r.end == PARLEY_END_DEAL) {
            cr_assert_geq(r.deal_u[0], r.target[(size_t)r.end_month * 3]);
            cr_assert_geq(r.deal_u[1], r.target[(size_t)r.end_month * 3 + 1]);
            losers += r.deal_u[2] < r.space->reservation[2];
        }
        run_free(&r);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
    cr_assert_gt(losers, 0); /* a deal the outsider would not sign */
}

/* ---- end states and outcome types on the hand-worked scenarios ------------
 */

static parley_scenario *load(parley_ctx *ctx, const char *name)
{
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(ctx, test_data(name), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

static parley_ripeness *trace(parley_ctx *ctx, const parley_scenario *s,
                              parley_ripeness_options *o)
{
    parley_ripeness *r = NULL;

    o->trace = 1;
    cr_assert_eq(parley_ripeness_run(ctx, s, o, &r), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return r;
}

/* ripeness_three.yaml with linear targets tau(t) = r(t) + (1 - t/12)(1 -
 * r(t)): x50 meets B's target first in month 11 (tau_B(10) = 0.557 >
 * 0.5, tau_B(11) = 0.4987 <= 0.5): signed by A, B and M, type DEAL. */
Test(protocol_end, deal_and_its_type)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *r;

    parley_ripeness_options_set_default(&o);
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    cr_assert_eq(r->end_month, 11);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "DEAL");
    cr_assert_eq(r->deal[0], 1);
    cr_assert_eq(r->month[10].end, PARLEY_END_NONE);
    cr_assert_str_eq(s->outcome_types[r->month[10].outcome].id, "TALKS");
    parley_ripeness_free(ctx, r);
    /* the mediator's text gets there in the same month */
    parley_ripeness_options_set_default(&o);
    o.negotiation.protocol = PARLEY_PROTOCOL_MEDIATOR;
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    cr_assert_eq(r->end_month, 11);
    parley_ripeness_free(ctx, r);
    /* A and M sign without B: a deal, but not of type DEAL (the rule
     * wants A and B); the default type */
    parley_ripeness_options_set_default(&o);
    o.negotiation.signatories = "A,M";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "TALKS");
    parley_ripeness_free(ctx, r);
    /* hardheaded B: its target stays at 1, which only x100 meets, and A
     * never goes there: no deal */
    parley_ripeness_options_set_default(&o);
    o.negotiation.signatories = "A,B";
    o.negotiation.tactic = PARLEY_TACTIC_HARDHEADED;
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_NONE);
    cr_assert_eq(r->month[12].target[1], 1.0);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* strain(t) = t: "strain<=2" holds in months 0, 1, 2, so the conflict is
 * frozen in month 2; with the deadline at 4 and "strain>=6" the talks
 * break off and collapse in month 6. */
Test(protocol_end, frozen_and_collapse)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *r;

    parley_ripeness_options_set_default(&o);
    o.negotiation.frozen = "strain<=2";
    o.negotiation.frozen_outcome = "FROZEN";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_FROZEN);
    cr_assert_eq(r->end_month, 2);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "FROZEN");
    cr_assert_eq(r->month[1].end, PARLEY_END_NONE);
    parley_ripeness_free(ctx, r);
    o.negotiation.frozen_months = 4; /* never four months in a row */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    parley_ripeness_free(ctx, r);
    parley_ripeness_options_set_default(&o);
    o.negotiation.deadline = 4;
    o.negotiation.collapse = "strain>=6, strain<0";
    o.negotiation.collapse_outcome = "COLLAPSE";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_COLLAPSE);
    cr_assert_eq(r->end_month, 6);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "COLLAPSE");
    cr_assert_eq(r->month[5].proposer, (size_t)-1); /* talks are over */
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* armistice.yaml: targets 1 - t/16; (x50, cf1) gives both 0.75 and is
 * signed in month 4; offered the ceasefire alone (X left at its status
 * quo x50: the same 0.75, against reservation values 0.5) they sign it in
 * month 0. */
Test(protocol_end, armistice)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/armistice.yaml");
    parley_ripeness_options o;
    parley_ripeness *r;

    parley_ripeness_options_set_default(&o);
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    cr_assert_eq(r->end_month, 4);
    cr_assert_eq(r->deal[0], 1);
    cr_assert_eq(r->deal[1], 1);
    cr_assert_eq(r->month[4].target[0], 0.75);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "DEAL");
    parley_ripeness_free(ctx, r);
    o.negotiation.armistice_issue = "CF";
    o.negotiation.armistice_outcome = "HALT";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_ARMISTICE);
    cr_assert_eq(r->end_month, 0);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "HALT");
    cr_assert_null(r->deal);
    cr_assert_eq(r->armistice_issue, 1); /* CF = cf1 */
    cr_assert_eq(r->armistice_option, 1);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- the scenario's rules (negotiation:) ----------------------------------
 */

/* Loads a data file with `section` appended (a scenario's `negotiation:`). */
static parley_scenario *load_with(parley_ctx *ctx, const char *name,
                                  const char *section)
{
    parley_load_options lo;
    parley_scenario *s = NULL;
    char text[8192];
    size_t len;
    FILE *fp = fopen(test_data(name), "rb");

    cr_assert_not_null(fp, "%s", name);
    len = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    cr_assert_lt(len + strlen(section), sizeof text);
    memcpy(text + len, section, strlen(section) + 1);
    parley_load_options_set_default(&lo);
    lo.format = PARLEY_FORMAT_YAML;
    cr_assert_eq(
        parley_scenario_load_buffer(ctx, name, text, strlen(text), &lo, &s),
        PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    return s;
}

/* Two traced paths are the same month by month. */
static void expect_same_path(const parley_ripeness *a, const parley_ripeness *b)
{
    int t;

    cr_assert_eq(a->n_parties, b->n_parties);
    cr_assert_eq(a->months, b->months);
    cr_expect_eq(a->protocol, b->protocol);
    cr_expect_eq(a->deadline, b->deadline);
    cr_expect_eq(a->end, b->end);
    cr_expect_eq(a->end_month, b->end_month);
    cr_expect_eq(a->outcome, b->outcome);
    cr_expect(memcmp(a->signatory, b->signatory, a->n_parties) == 0);
    for (t = 0; t <= a->months; t++) {
        const parley_ripeness_month *x = &a->month[t], *y = &b->month[t];

        cr_expect_eq(x->end, y->end, "month %d", t);
        cr_expect_eq(x->outcome, y->outcome, "month %d", t);
        cr_expect_eq(x->proposer, y->proposer, "month %d", t);
        cr_expect_eq(x->proposed, y->proposed, "month %d", t);
        cr_expect_eq(x->accepted, y->accepted, "month %d", t);
        cr_expect(
            memcmp(x->target, y->target, a->n_parties * sizeof *x->target) == 0,
            "month %d", t);
    }
}

/* negotiation_rules.yaml: ripeness_three.yaml (strain(t) = t) with its
 * rules in the scenario: B and A sign, B proposing first; the deadline is
 * month 4 (2030-05), before the zone opens (month 8); frozen when strain
 * <= 2 for 4 months in a row (never: it holds in months 0-2); collapse
 * when strain >= 6 after the deadline: in month 6. */
/* The same rules as options, on the scenario without them. */
static void three_options(parley_ripeness_options *o)
{
    parley_ripeness_options_set_default(o);
    o->negotiation.protocol = PARLEY_PROTOCOL_ALTERNATING;
    o->negotiation.deadline = 4;
    o->negotiation.signatories = "B,A";
    o->negotiation.frozen = "strain<=2";
    o->negotiation.frozen_months = 4;
    o->negotiation.frozen_outcome = "FROZEN";
    o->negotiation.collapse = "strain>=6";
    o->negotiation.collapse_outcome = "COLLAPSE";
}

Test(protocol_scenario, rules_equal_the_options)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *ruled = load(ctx, "dynamics/negotiation_rules.yaml");
    parley_scenario *plain = load(ctx, "dynamics/ripeness_three.yaml");
    parley_ripeness_options o;
    parley_ripeness *a, *b;

    parley_ripeness_options_set_default(&o);
    a = trace(ctx, ruled, &o);
    cr_assert_eq(a->end, PARLEY_END_COLLAPSE);
    cr_assert_eq(a->end_month, 6);
    cr_assert_str_eq(ruled->outcome_types[a->outcome].id, "COLLAPSE");
    cr_assert_eq(a->deadline, 4);
    cr_assert_eq(a->month[0].proposer, 1); /* B, the first signatory */
    cr_assert_eq(a->month[1].proposer, 0);
    cr_assert_eq(a->signatory[2], 0); /* M does not sign */
    three_options(&o);
    b = trace(ctx, plain, &o);
    expect_same_path(a, b);
    parley_ripeness_free(ctx, b);
    /* the same options on the scenario that has them: nothing changes */
    three_options(&o);
    b = trace(ctx, ruled, &o);
    expect_same_path(a, b);
    parley_ripeness_free(ctx, b);
    parley_ripeness_free(ctx, a);
    parley_scenario_free(ruled);
    parley_scenario_free(plain);
    parley_ctx_free(ctx);
}

Test(protocol_scenario, options_override_the_rules_field_by_field)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/negotiation_rules.yaml");
    parley_ripeness_options o;
    parley_ripeness *r;

    parley_ripeness_options_set_default(&o);
    o.negotiation.frozen_months = 3; /* the scenario's tests, 3 months */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_FROZEN);
    cr_assert_eq(r->end_month, 2);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "FROZEN");
    parley_ripeness_free(ctx, r);
    parley_ripeness_options_set_default(&o);
    o.negotiation.collapse = "strain>=7"; /* the scenario's outcome */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_COLLAPSE);
    cr_assert_eq(r->end_month, 7);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "COLLAPSE");
    parley_ripeness_free(ctx, r);
    parley_ripeness_options_set_default(&o);
    o.negotiation.collapse_outcome = "HALT"; /* the scenario's tests */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_COLLAPSE);
    cr_assert_eq(r->end_month, 6);
    cr_assert_str_eq(s->outcome_types[r->outcome].id, "HALT");
    parley_ripeness_free(ctx, r);
    parley_ripeness_options_set_default(&o);
    o.negotiation.deadline = PARLEY_DEADLINE_LAST; /* talks to month 12 */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->deadline, 12);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    parley_ripeness_free(ctx, r);
    parley_ripeness_options_set_default(&o);
    o.negotiation.deadline = 5;
    o.negotiation.protocol = PARLEY_PROTOCOL_MEDIATOR;
    o.negotiation.signatories = "A,B,M";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->deadline, 5);
    cr_assert_eq(r->protocol, PARLEY_PROTOCOL_MEDIATOR);
    cr_assert_eq(r->signatory[2], 1);
    cr_assert_eq(r->end, PARLEY_END_COLLAPSE);
    cr_assert_eq(r->end_month, 6);
    parley_ripeness_free(ctx, r);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(protocol_scenario, none_switches_a_rule_off)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/negotiation_rules.yaml");
    parley_scenario *halt =
        load_with(ctx, "dynamics/armistice.yaml",
                  "negotiation:\n  armistice: {issue: CF, outcome: HALT}\n");
    parley_ripeness_options o;
    parley_ripeness *r;

    parley_ripeness_options_set_default(&o);
    o.negotiation.collapse = "none";
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_NONE); /* talks over, no rule ends it */
    parley_ripeness_free(ctx, r);
    o.negotiation.frozen = "none";
    o.negotiation.frozen_months = 3; /* would freeze in month 2 */
    r = trace(ctx, s, &o);
    cr_assert_eq(r->end, PARLEY_END_NONE);
    parley_ripeness_free(ctx, r);
    /* armistice.yaml: the ceasefire alone is signed in month 0 (the rule
     * from the scenario), the package in month 4 without it */
    parley_ripeness_options_set_default(&o);
    r = trace(ctx, halt, &o);
    cr_assert_eq(r->end, PARLEY_END_ARMISTICE);
    cr_assert_eq(r->end_month, 0);
    cr_assert_str_eq(halt->outcome_types[r->outcome].id, "HALT");
    parley_ripeness_free(ctx, r);
    o.negotiation.armistice_issue = "none";
    r = trace(ctx, halt, &o);
    cr_assert_eq(r->end, PARLEY_END_DEAL);
    cr_assert_eq(r->end_month, 4);
    parley_ripeness_free(ctx, r);
    /* "none" with an outcome: both or neither */
    o.negotiation.armistice_outcome = "HALT";
    o.trace = 1;
    r = (parley_ripeness *)&r;
    cr_assert_eq(parley_ripeness_run(ctx, halt, &o, &r), PARLEY_EINVAL);
    cr_assert_null(r);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "without an armistice issue"));
    parley_ctx_clear(ctx);
    parley_ripeness_options_set_default(&o);
    o.negotiation.frozen = "none";
    o.negotiation.frozen_outcome = "FROZEN";
    cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), PARLEY_EINVAL);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "without frozen tests"));
    parley_scenario_free(halt);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Monte Carlo on the Ukraine scenario: its `negotiation:` rules with
 * default options give the same bytes as the brief's rules given as
 * options (the command line of docs/models/simulation.md before the
 * scenario carried them) on the scenario with its section ignored; "none"
 * for each rule gives the bytes of the scenario without rules. */
static parley_simulation *ukraine_run(parley_ctx *ctx, const parley_scenario *s,
                                      const parley_negotiation_options *n)
{
    parley_simulate_options o;
    parley_simulation *sim = NULL;

    parley_simulate_options_set_default(&o);
    o.draws = 200;
    o.threads = 2;
    o.outputs = "protocol";
    o.keep_draws = 1;
    if (n)
        o.negotiation = *n;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return sim;
}

static int same_simulation(const parley_simulation *a,
                           const parley_simulation *b)
{
    size_t M = (size_t)a->months + 1;

    return a->n_outputs == b->n_outputs && a->draws == b->draws &&
           memcmp(a->draw_values, b->draw_values,
                  a->draws * M * a->n_outputs * sizeof(double)) == 0;
}

Test(protocol_scenario, ukraine_rules_equal_the_command_line)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_negotiation_options n;
    parley_simulation *ruled, *given, *none, *bare;
    size_t i;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK);
    cr_assert(s->negotiation.present);
    ruled = ukraine_run(ctx, s, NULL);
    parley_negotiation_options_set_default(&n);
    n.armistice_issue = "none";
    n.frozen = "none";
    n.collapse = "none";
    none = ukraine_run(ctx, s, &n);
    s->negotiation.present = 0; /* as if the file had no section */
    s->negotiation.armistice.present = 0;
    s->negotiation.frozen.present = 0;
    s->negotiation.collapse.present = 0;
    parley_negotiation_options_set_default(&n);
    n.protocol = PARLEY_PROTOCOL_ALTERNATING;
    n.deadline = 24;
    n.armistice_issue = "CEASEFIRE";
    n.armistice_outcome = "O2";
    n.frozen = "g<=50,g>=-50";
    n.frozen_outcome = "O3";
    n.collapse = "W>=0.9,g>=701";
    n.collapse_outcome = "O4";
    given = ukraine_run(ctx, s, &n);
    bare = ukraine_run(ctx, s, NULL);
    cr_expect(same_simulation(ruled, given));
    cr_expect(same_simulation(none, bare));
    /* and the rules matter: some draw ends in a rule's end state (O2
     * armistice, O3 frozen, O4 collapse), none without the rules */
    {
        double ruled_p = 0, bare_p = 0;
        size_t n_rule = 0;

        for (i = 0; i < ruled->n_outputs; i++)
            if (strcmp(ruled->outputs[i].id, "outcome:O2") == 0 ||
                strcmp(ruled->outputs[i].id, "outcome:O3") == 0 ||
                strcmp(ruled->outputs[i].id, "outcome:O4") == 0) {
                ruled_p += ruled->outputs[i].cells[ruled->months].mean;
                bare_p += bare->outputs[i].cells[bare->months].mean;
                n_rule++;
            }
        cr_assert_eq(n_rule, 3);
        cr_expect_gt(ruled_p, 0);
        cr_expect_eq(bare_p, 0);
    }
    parley_simulation_free(ctx, ruled);
    parley_simulation_free(ctx, given);
    parley_simulation_free(ctx, none);
    parley_simulation_free(ctx, bare);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- Monte Carlo -----------------------------------------------------------
 */

static parley_simulation *simulate(parley_ctx *ctx, const parley_scenario *s,
                                   int threads, const char *outputs)
{
    parley_simulate_options o;
    parley_simulation *sim = NULL;

    parley_simulate_options_set_default(&o);
    o.draws = 300;
    o.threads = threads;
    o.outputs = outputs;
    o.keep_draws = 1;
    o.negotiation.frozen = "g<=0";
    o.negotiation.frozen_months = 2;
    o.negotiation.frozen_outcome = "O3";
    o.negotiation.collapse = "W>=0.6";
    o.negotiation.collapse_outcome = "O4";
    o.negotiation.deadline = 18;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    return sim;
}

/* The Ukraine scenario: zopa, blocking sets and the protocol's outputs
 * are the same bytes for 1 and 2 threads; each draw's ZOPA column equals
 * the ripeness of that draw replayed; outcome types partition the draws
 * every month; terms exist exactly in the draws with a deal. */
Test(protocol_montecarlo, ukraine_threads_and_replay)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;
    parley_simulation *one, *two;
    const char *outputs = "zopa,blocking:*,protocol";
    size_t i, d, M, n_out, zopa = (size_t)-1, deal = (size_t)-1;
    size_t first_outcome = (size_t)-1, first_terms = (size_t)-1, n_types;
    int t;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK);
    one = simulate(ctx, s, 1, outputs);
    two = simulate(ctx, s, 2, outputs);
    M = (size_t)one->months + 1;
    n_out = one->n_outputs;
    cr_assert_eq(two->n_outputs, n_out);
    cr_assert(memcmp(one->draw_values, two->draw_values,
                     one->draws * M * n_out * sizeof(double)) == 0);
    for (i = 0; i < n_out; i++) {
        cr_assert(one->outputs[i].available);
        cr_assert(memcmp(one->outputs[i].cells, two->outputs[i].cells,
                         M * sizeof *one->outputs[i].cells) == 0,
                  "%s", one->outputs[i].id);
        if (strcmp(one->outputs[i].id, "zopa") == 0)
            zopa = i;
        if (strcmp(one->outputs[i].id, "deal") == 0)
            deal = i;
        if (first_outcome == (size_t)-1 &&
            strncmp(one->outputs[i].id, "outcome:", 8) == 0)
            first_outcome = i;
        if (first_terms == (size_t)-1 &&
            strncmp(one->outputs[i].id, "terms:", 6) == 0)
            first_terms = i;
    }
    n_types = first_terms - first_outcome;
    cr_assert_eq(n_types, parley_scenario_n_outcomes(s));
    for (d = 0; d < one->draws; d++)
        for (t = 0; t < (int)M; t++) {
            const double *row = one->draw_values + (d * M + (size_t)t) * n_out;
            double sum = 0;

            for (i = 0; i < n_types; i++)
                sum += row[first_outcome + i];
            cr_assert_eq(sum, 1.0, "draw %zu month %d", d, t);
            cr_assert_eq(isnan(row[first_terms]), row[deal] == 0.0);
        }
    for (d = 0; d < one->draws; d += 37) { /* replayed draws */
        parley_ripeness_options o;
        parley_ripeness *r = NULL;

        parley_ripeness_options_set_default(&o);
        o.replay = 1;
        o.draw = d;
        o.seed = 1;
        o.blocking = 0;
        cr_assert_eq(parley_ripeness_run(ctx, s, &o, &r), PARLEY_OK);
        for (t = 0; t < (int)M; t++)
            cr_assert_eq(
                r->month[t].open,
                (int)one->draw_values[(d * M + (size_t)t) * n_out + zopa],
                "draw %zu month %d", d, t);
        parley_ripeness_free(ctx, r);
    }
    parley_simulation_free(ctx, one);
    parley_simulation_free(ctx, two);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Output specifications: malformed, unknown and inapplicable ones. */
Test(protocol_montecarlo, output_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_simulate_options o;
    parley_simulation *sim = NULL;

#define EXPECT(spec, status, text)                                             \
    do {                                                                       \
        parley_ctx_clear(ctx);                                                 \
        o.outputs = spec;                                                      \
        cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), status, "%s",      \
                     parley_ctx_errmsg(ctx));                                  \
        cr_assert_not_null(strstr(parley_ctx_errmsg(ctx), text), "%s",         \
                           parley_ctx_errmsg(ctx));                            \
    } while (0)
    parley_simulate_options_set_default(&o);
    o.draws = 10;
    EXPECT("zopa:A", PARLEY_EINVAL, "is malformed, expected zopa");
    EXPECT("blocking", PARLEY_EINVAL, "expected blocking:ACTOR");
    EXPECT("blocking:Q", PARLEY_ENOTFOUND, "'Q' is not a ZOPA party");
    EXPECT("blocking:S", PARLEY_ENOTFOUND, "'S' is not a ZOPA party");
    EXPECT("outcome:O9", PARLEY_ENOTFOUND, "'O9' is not an outcome type");
    EXPECT("terms:Y", PARLEY_ENOTFOUND, "'Y' is not an issue");
    EXPECT("protocol:x", PARLEY_EINVAL, "is malformed");
    EXPECT("zopa,zopa", PARLEY_EINVAL, "asked for twice");
    EXPECT("deels", PARLEY_ENOTFOUND, "did you mean 'deal'");
    o.negotiation.protocol = PARLEY_PROTOCOL_NONE;
    EXPECT("deal", PARLEY_EINVAL, "needs a negotiation protocol");
    o.negotiation.protocol = PARLEY_PROTOCOL_ALTERNATING;
    o.negotiation.space.parties = "A,Z";
    EXPECT("zopa", PARLEY_ENOTFOUND, "no actor 'Z'");
#undef EXPECT
    /* without a protocol the default outputs leave the protocol out */
    parley_ctx_clear(ctx);
    parley_simulate_options_set_default(&o);
    o.draws = 10;
    o.negotiation.protocol = PARLEY_PROTOCOL_NONE;
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK);
    cr_assert_str_eq(sim->outputs[sim->n_outputs - 1].id, "zopa");
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ripeness_three.yaml has no uncertainty and no noise: P(zone open at
 * month m) is 1 from month 8, P(deal by month m) 1 from month 11, and
 * the terms are x = 50 in every draw. */
Test(protocol_montecarlo, hand_worked_probabilities)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = load(ctx, "dynamics/ripeness_three.yaml");
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    int t;

    parley_simulate_options_set_default(&o);
    o.draws = 20;
    o.outputs = "zopa,blocking:*,deal,outcome:DEAL,terms:X";
    cr_assert_eq(parley_simulate_run(ctx, s, &o, &sim), PARLEY_OK, "%s",
                 parley_ctx_errmsg(ctx));
    cr_assert_eq(sim->n_outputs, 7);
    for (t = 0; t <= 12; t++) {
        cr_assert_eq(sim->outputs[0].cells[t].mean, t >= 8 ? 1.0 : 0.0);
        /* A, B and M are each in a minimal blocking set until month 8
         * ({A,B} {A,M} {B,M}, then {B} {A,M}) */
        cr_assert_eq(sim->outputs[1].cells[t].mean, t < 8 ? 1.0 : 0.0);
        cr_assert_eq(sim->outputs[2].cells[t].mean, t < 8 ? 1.0 : 0.0);
        cr_assert_eq(sim->outputs[3].cells[t].mean, t < 8 ? 1.0 : 0.0);
        cr_assert_eq(sim->outputs[4].cells[t].mean, t >= 11 ? 1.0 : 0.0);
        cr_assert_eq(sim->outputs[5].cells[t].mean, t >= 11 ? 1.0 : 0.0);
        cr_assert_eq(sim->outputs[6].cells[t].n, t >= 11 ? 20u : 0u);
        if (t >= 11)
            cr_assert_eq(sim->outputs[6].cells[t].mean, 50.0);
    }
    cr_assert_str_eq(sim->outputs[1].id, "blocking:A");
    cr_assert_str_eq(sim->outputs[6].id, "terms:X");
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* ---- allocation failure ----------------------------------------------------
 */

static parley_status run_simulation(parley_ctx *ctx, void *user)
{
    parley_scenario *s = NULL;
    parley_simulate_options o;
    parley_simulation *sim = NULL;
    parley_status st;

    (void)user;
    st = parley_scenario_load(ctx, test_data("dynamics/ripeness_three.yaml"),
                              NULL, &s);
    if (st != PARLEY_OK)
        return st;
    parley_simulate_options_set_default(&o);
    o.draws = 4;
    o.threads = 2;
    o.outputs = "zopa,blocking:*,protocol";
    st = parley_simulate_run(ctx, s, &o, &sim);
    parley_simulation_free(ctx, sim);
    parley_scenario_free(s);
    return st;
}

Test(protocol_alloc, simulation_with_negotiation_outputs)
{
    cr_assert_gt(test_alloc_failures(run_simulation, NULL), 50);
}
