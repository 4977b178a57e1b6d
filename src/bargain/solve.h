/*
 * solve.h -- internal interfaces between the package-bargaining solvers:
 * the reduced view of an outcome space that they enumerate, the running
 * optimum with its tied points, the streaming enumerator, the Pareto
 * frontier merge and branch and bound.  Not part of the public API.
 *
 * Objectives (docs/models/bargaining.md), with g_i = u_i - d_i and the
 * zone of possible agreement Z = {x : g_i(x) >= 0 for every party}:
 *   NASH           prod_i g_i                 over Z
 *   NASH_WEIGHTED  prod_i g_i^alpha_i          over Z (alpha: nash_weight)
 *   KS             min_i g_i / (ideal_i - d_i) over every package (the
 *                  maxmin rule; a party with ideal_i <= d_i contributes
 *                  g_i itself)
 *   EGALITARIAN    min_i g_i                  over every package
 *   MAX_WELFARE    sum_i u_i                  over Z
 * A solution's ties are the packages whose objective is within the tie
 * tolerance of the optimum and that no other such package dominates; they
 * are kept as points (distinct utility vectors, each with its lowest-index
 * package and its number of packages).
 */
#ifndef PARLEY_BARGAIN_SOLVE_H
#define PARLEY_BARGAIN_SOLVE_H

#include "bargain/space.h"

#include <stdint.h>

/* Objectives computed by the enumerators (the order of parley_solution_kind
 * for the first five). */
enum {
    PARLEY_I_OBJ_NASH = PARLEY_SOLUTION_NASH,
    PARLEY_I_OBJ_NASH_W = PARLEY_SOLUTION_NASH_WEIGHTED,
    PARLEY_I_OBJ_KS = PARLEY_SOLUTION_KS,
    PARLEY_I_OBJ_EGAL = PARLEY_SOLUTION_EGALITARIAN,
    PARLEY_I_OBJ_WELFARE = PARLEY_SOLUTION_MAX_WELFARE,
    PARLEY_I_N_OBJ = PARLEY_SOLUTION_COUNT
};

/*
 * The space as the solvers enumerate it: per dimension, the classes of
 * options with identical utility rows (the lowest option represents the
 * class, mult counts its options).  Enumerating classes instead of options
 * visits every distinct utility vector at the same cost and counts
 * packages exactly through the multiplicities.  Dimensions keep the
 * space's (canonical) order.
 */
typedef struct parley_i_view {
    size_t P, D;
    size_t *n_class;      /* D */
    size_t **rep;         /* D x n_class: representative dim option */
    double **mult;        /* D x n_class: options in the class */
    double **util;        /* D x (n_class x P) */
    double **util_t;      /* D x (P x n_class) */
    double *d;            /* P: disagreement point */
    double *ks_scale;     /* P: 1 / (ideal - d), or 1 if ideal <= d */
    double *inv_ideal;    /* P: 1 / ideal, or 1 if ideal == 0 (opposition:
                             the term is 1 - u_i inv_ideal_i, as NegMAS) */
    double *alpha;        /* P: Nash weights */
    long double n_points; /* product of n_class */
} parley_i_view;

parley_status parley_i_view_new(parley_ctx *ctx, const parley_i_space *sp,
                                parley_i_view **out);
void parley_i_view_free(const parley_ctx *ctx, parley_i_view *v);

/* The objective values of one utility vector (u: P entries); in_zone set
 * to 1 if every gain is >= 0.  Objectives not defined for the vector
 * (outside Z) are -INFINITY. */
void parley_i_objectives(const parley_i_view *v, const double *u, double *value,
                         int *in_zone);

/*
 * The running optimum of one objective and its near-optimal points: an
 * antichain (no entry dominates another) of the vectors whose value is
 * >= best - tol, each with its lowest package (class indices, D entries)
 * and its number of packages.  At most cap entries; beyond that overflow is
 * set and the count becomes a lower bound.
 */
typedef struct parley_i_ties {
    size_t P, D, cap, n;
    double best, tol;
    double *value;     /* cap */
    long double *mult; /* cap: packages at the point */
    double *u;         /* cap x P */
    size_t *pkg;       /* cap x D: class indices of the lowest package */
    int overflow;
    /* the best package seeded from elsewhere (branch and bound): the
     * answer when the objective's own search runs out of nodes */
    double inc_value;
    long double inc_mult;
    double *inc_u;   /* P */
    size_t *inc_pkg; /* D */
} parley_i_ties;

parley_status parley_i_ties_init(parley_ctx *ctx, parley_i_ties *t, size_t P,
                                 size_t D, size_t cap, double tol);
void parley_i_ties_destroy(const parley_ctx *ctx, parley_i_ties *t);
void parley_i_ties_reset(parley_i_ties *t);
/* Offers a package (value, vector u, class indices pkg, packages mult).
 * Never allocates. */
void parley_i_ties_offer(parley_i_ties *t, double value, const double *u,
                         const size_t *pkg, long double mult);
/* Raises the running optimum to value (a value some package is known to
 * reach) without recording the package: the search that later visits it
 * records it.  Entries below the new threshold are dropped. */
void parley_i_ties_seed(parley_i_ties *t, double value, const double *u,
                        const size_t *pkg, long double mult);
/* Merges src into dst (any order gives the same final set). */
void parley_i_ties_merge(parley_i_ties *dst, const parley_i_ties *src);
/* Sorts the entries by package (lexicographic class indices). */
void parley_i_ties_sort(parley_i_ties *t);

/* Everything one pass over the space answers. */
typedef struct parley_i_tally {
    parley_i_ties obj[PARLEY_I_N_OBJ];
    long double zone_count;      /* packages in Z */
    long double subset_count;    /* packages with g_i >= 0 on the subset */
    double opposition2;          /* min over Z of sum (1 - u_i/ideal_i)^2 */
    double best_min_gain;        /* = obj[EGAL].best */
    double best_subset_min_gain; /* max over packages of the subset's min */
} parley_i_tally;

parley_status parley_i_tally_init(parley_ctx *ctx, parley_i_tally *t, size_t P,
                                  size_t D, size_t cap, double tol);
void parley_i_tally_destroy(const parley_ctx *ctx, parley_i_tally *t);

/*
 * Streams every package of the view (OpenMP over blocks of packages; the
 * result is the same for any number of threads).  subset (n_subset party
 * indices, may be 0) defines subset_count.  threads <= 0: OpenMP default.
 */
parley_status parley_i_stream(parley_ctx *ctx, const parley_i_view *v,
                              const size_t *subset, size_t n_subset,
                              int threads, parley_i_tally *out);

/* The exact Pareto frontier (see pareto.c). */
typedef struct parley_i_frontier {
    size_t P, D, n;
    double *u;         /* n x P */
    long double *mult; /* n */
    size_t *pkg;       /* n x D: class indices of the lowest package */
    int complete;      /* 0: stopped at max_points */
} parley_i_frontier;

/* zone_only: only packages in Z.  max_points: stop (complete = 0) when a
 * stage holds more points. */
parley_status parley_i_frontier_compute(parley_ctx *ctx, const parley_i_view *v,
                                        int zone_only, size_t max_points,
                                        int threads, parley_i_frontier *out);
void parley_i_frontier_destroy(const parley_ctx *ctx, parley_i_frontier *f);

/* Branch and bound (see bnb.c): the optimum and ties of each objective,
 * the ZOPA's emptiness, and counts of Z and of the subset zone when the
 * node budget allows.  counts_exact reports which counts are exact; when
 * not, *_low / *_high bound them. */
typedef struct parley_i_bnb_counts {
    int zone_exact, subset_exact;
    long double zone_low, zone_high, subset_low, subset_high;
    int exact[PARLEY_I_N_OBJ]; /* 0: that search ran out of nodes */
    int opposition_exact, subset_gain_exact;
} parley_i_bnb_counts;

parley_status parley_i_bnb(parley_ctx *ctx, const parley_i_view *v,
                           const size_t *subset, size_t n_subset,
                           size_t max_nodes, parley_i_tally *out,
                           parley_i_bnb_counts *counts);

#endif /* PARLEY_BARGAIN_SOLVE_H */
