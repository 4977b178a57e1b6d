/*
 * eval_search.h -- the budgeted branch and bound behind proposal
 * evaluation and repair (`parley evaluate`, docs/models/evaluation.md).
 * Internal; not part of the public API.
 *
 * Candidates.  Per dimension of an outcome space (space.h), the search
 * chooses one candidate: a combination of options of the dimension's
 * member issues, drawn from per-(issue, option) "allowed" flags.  Each
 * candidate has the parties' utility contributions (computed exactly as
 * space.c computes a dimension's table, so sums are canonical) and a
 * cost: the number of its member issues that are "counted" and differ
 * from a reference package (the proposal).  Candidates with the same cost
 * and the same contributions to the last bit form a class; the search
 * walks classes and counts packages through the class sizes.
 *
 * Questions.  One search maximises one objective over the packages whose
 * total cost is at most a budget and whose utilities meet optional floors
 * (u_p >= floor_p for every party):
 *   MAXMIN   min_p (u_p - base_p)
 *   NASH     sum_p log(u_p - base_p), floors = base (the log of the Nash
 *            product, so ties are relative in the product)
 *   MOVED    -sum_p |u_p - base_p| (least utility moved)
 *   WELFARE  sum_p (u_p - base_p)
 * A first pass finds the optimum v*; a second pass (optional) visits every
 * package with value >= v* - tol, counts them exactly and keeps the lowest
 * in package order (space.h: lexicographic over dimension options, i.e.
 * over member option tuples in dimension order).
 *
 * Bounds, at a node with prefix sums a_p over the chosen dimensions and
 * remaining budget b, from tables built once per search over the
 * remaining dimensions R (a knapsack over the budget: each table entry is
 * the best over completions of cost <= b):
 *   hi_p(b), lo_p(b)  largest / smallest attainable sum of party p alone;
 *   floors            a_p + hi_p(b) >= floor_p for every p;
 *   Lagrangian        for weights lambda >= 0 summing to 1, min_p g_p <=
 *                     sum_p lambda_p g_p <= sum_p lambda_p (a_p - base_p) +
 *                     L(b), L the best weighted sum of a completion;
 *                     lambda minimises the bound at the root (projected
 *                     exponentiated subgradient steps);
 *   NASH              sum_p log(a_p + hi_p - base_p), and the tangent of
 *                     the concave log at an incumbent y: sum_p log g_p <=
 *                     sum_p (log y_p - 1 + g_p / y_p);
 *   MOVED             sum_p of the distance from base_p to the interval
 *                     [max(a_p + lo_p, floor_p), a_p + hi_p].
 * Every bound is widened by 1e-9 times the magnitude of the sums (far
 * above rounding), so no optimum or tie is ever cut.  The budget columns
 * are dropped (a relaxation: costs ignored in the tables, still enforced
 * at every branch) when the budget covers every change or the tables
 * would exceed PARLEY_I_ES_MAX_TABLE entries.
 *
 * Memory: everything is allocated by parley_i_ecand_build and
 * parley_i_es_init; searches never allocate.
 */
#ifndef PARLEY_BARGAIN_EVAL_SEARCH_H
#define PARLEY_BARGAIN_EVAL_SEARCH_H

#include "bargain/space.h"

/* Largest budget-aware bound table, in doubles. */
#define PARLEY_I_ES_MAX_TABLE ((size_t)1 << 24)

/* Candidate classes of every dimension (canonical dimension order). */
typedef struct parley_i_ecand {
    size_t P, D;
    size_t *n_cls;      /* D: classes of each dimension */
    size_t *off;        /* D: index of each dimension's first class */
    size_t total;       /* classes in all */
    size_t cap;         /* entries allocated (candidates in all) */
    size_t max_members; /* stride of tuple */
    double *util;       /* total x P */
    size_t *cost;       /* total */
    double *mult;       /* total: candidates in the class */
    size_t *rank;       /* total: the representative's index in the
                           dimension's candidate order */
    size_t *tuple;      /* total x max_members: its member options */
    size_t *max_cost;   /* D: largest cost in each dimension */
    size_t sum_max_cost;
} parley_i_ecand;

/*
 * Builds the candidates of every dimension of sp.  allowed[opt_off[k] + o]
 * says whether option o of issue k may be chosen; reference (may be NULL:
 * every cost 0) and counted (may be NULL: every issue) define costs.
 * A dimension with more than max_composite candidates is PARLEY_ELIMIT;
 * a dimension with no candidate leaves the set empty (n_cls 0).
 */
parley_status parley_i_ecand_build(parley_ctx *ctx, const parley_i_space *sp,
                                   const unsigned char *allowed,
                                   const size_t *opt_off,
                                   const size_t *reference,
                                   const unsigned char *counted,
                                   size_t max_composite, parley_i_ecand *out);
void parley_i_ecand_destroy(const parley_ctx *ctx, parley_i_ecand *c);

typedef enum parley_i_es_kind {
    PARLEY_I_ES_MAXMIN = 0,
    PARLEY_I_ES_NASH = 1,
    PARLEY_I_ES_MOVED = 2,
    PARLEY_I_ES_WELFARE = 3
} parley_i_es_kind;

/* One question. */
typedef struct parley_i_es_query {
    parley_i_es_kind kind;
    size_t budget;         /* largest total cost; SIZE_MAX: none */
    const double *base;    /* P: see the objectives above */
    const double *floor;   /* P or NULL: u_p >= floor_p */
    const double *tangent; /* NASH, P or NULL: gains y_p > 0 of a known
                              package, for the tangent bound */
    int ties;              /* 1: second pass (count ties, lowest package) */
    double tol;            /* tie tolerance (absolute, on the value) */
} parley_i_es_query;

/* Its answer. */
typedef struct parley_i_es_result {
    int found;          /* 0: no package meets the floors and budget */
    double value;       /* the optimum */
    size_t *pkg;        /* D: class (global index) of each dimension of
                           the reported package (caller-sized) */
    double *u;          /* P: its utilities (caller-sized) */
    size_t cost;        /* its total cost */
    long double n_ties; /* packages within tol of the optimum (second
                           pass), else 1 */
    int exact;          /* 0: the node budget ran out */
    size_t nodes;
} parley_i_es_result;

typedef struct parley_i_es parley_i_es;

/* A search workspace over the candidates c for budgets up to max_budget
 * (SIZE_MAX: unlimited).  max_nodes caps each pass. */
parley_status parley_i_es_init(parley_ctx *ctx, const parley_i_ecand *c,
                               size_t max_budget, size_t max_nodes,
                               parley_i_es **out);
void parley_i_es_free(const parley_ctx *ctx, parley_i_es *e);

/* Answers one question (q->budget <= max_budget).  Never allocates. */
void parley_i_es_run(parley_i_es *e, const parley_i_es_query *q,
                     parley_i_es_result *r);

/* Scenario option indices (n_issues entries) of a package given as
 * classes per dimension. */
void parley_i_ecand_decode(const parley_i_space *sp, const parley_i_ecand *c,
                           const size_t *pkg, size_t *issue_option);

#endif /* PARLEY_BARGAIN_EVAL_SEARCH_H */
