/*
 * bnb.c -- branch and bound over outcome spaces too large to enumerate:
 * the exact optimum and ties of every objective, the emptiness of the
 * zone of possible agreement, and its size (exact when the node budget
 * allows, else bounded).
 *
 * The search is a depth-first walk over the dimensions in an order chosen
 * once (largest spread of contributions first, so that bounds tighten
 * early); at each node the options of the next dimension are tried best
 * bound first, and a child is cut when its bound cannot reach the current
 * optimum minus the tie tolerance.  Bounds use the prefix sums a_p of the
 * chosen dimensions and, for the remaining ones R, per-dimension extremes:
 *
 *   S^max_p = sum_{d in R} max_c u_dcp,   S^min_p likewise with min;
 *   zone:         a_p + S^max_p >= d_p for every p (else no completion is
 *                 in the zone);
 *   egalitarian:  min_p (a_p + S^max_p - d_p), and for any weights
 *                 lambda >= 0 with sum 1 (min <= every weighted mean)
 *                 sum_p lambda_p (a_p - d_p) + sum_{d in R} max_c
 *                 sum_p lambda_p u_dcp; lambda is chosen at the root by
 *                 subgradient descent on that bound (a Lagrangian dual);
 *   KS:           the same on scaled gains;
 *   max welfare:  sum_p a_p + sum_{d in R} max_c sum_p u_dcp;
 *   Nash:         prod_p (a_p + S^max_p - d_p), and the tangent bound of
 *                 the concave log: for y > 0, sum_p log g_p <= sum_p
 *                 (log y_p - 1 + g_p / y_p), maximised separably over R;
 *                 y is the incumbent's gains (Nash 1950's supporting
 *                 hyperplane at the optimum makes it tight there);
 *   weighted Nash: the same with weights alpha_p;
 *   opposition:   each term (1 - u_p / ideal_p)^2 at its least over
 *                 u_p in [a_p + S^min_p, a_p + S^max_p].
 * Bounds come from sums in the branching order, leaves from the canonical
 * order (the same bits as streaming); every bound is widened by a margin
 * of 1e-9 times the magnitude of the sums, far above any rounding
 * difference, so no optimum or tie is cut.  Every leaf's values seed the
 * other objectives' incumbents; only the searched objective records it.
 *
 * Counting the zone: a subtree is counted whole when a_p + S^min_p >= d_p
 * for every party (all inside), dropped when some a_p + S^max_p < d_p (all
 * outside), and split otherwise.  When the node budget runs out, the
 * undecided subtrees' sizes make the gap between the lower and upper
 * bound.
 *
 * Complexity: O(nodes x (options of a dimension) x P); exponential in the
 * worst case, fast when the bounds are tight (see docs/models/bargaining.md
 * for measured node counts).
 */
#include "bargain/solve.h"

#include <math.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Relative width of the safety margin on bounds (see above). */
#define MARGIN 1e-9
/* Subgradient iterations for the Lagrangian weights at the root. */
#define LAGRANGE_ITERATIONS 200

enum { SEARCH_OPPOSITION = PARLEY_I_N_OBJ, SEARCH_SUBSET };

/* A child of a node: its bound and class. */
struct child {
    double bound;
    size_t cls;
};

typedef struct bnb {
    const parley_i_view *v;
    size_t P, D;
    size_t *order;       /* depth -> dimension */
    double *smax, *smin; /* (D + 1) x P suffix extremes by depth */
    double *margin;      /* P: absolute margin per party */
    double *swel;        /* D + 1: suffix of max row sums */
    double *slag;        /* D + 1: suffix of max weighted row sums */
    double *weights;     /* P: the weights slag was built for */
    double lag_offset;   /* constant part of the weighted bound */
    double *zlag;        /* D + 1: the egalitarian Lagrangian table */
    double *zweights;    /* P: its weights (0 until built) */
    int have_zlag;
    double *opp_u; /* P: utilities of the opposition incumbent */
    int have_opp_u;
    double *pre;        /* (D + 1) x P prefix sums by depth */
    size_t *pkg;        /* D: classes by dimension */
    double *u;          /* P: canonical utilities at a leaf */
    struct child *cbuf; /* sum of options: children, by depth */
    size_t *coff;       /* D: offset of each depth's child buffers */
    double *work;       /* P scratch */
    long double *size;  /* D + 1: packages below a node at each depth */
    const size_t *subset;
    size_t n_subset;
    int kind;                     /* the objective being searched */
    int searched[PARLEY_I_N_OBJ]; /* 1: that objective's search has run */
    size_t nodes, max_nodes;
    int exhausted;
    long double count, undecided;
    parley_i_tally *out;
} bnb;

/* ---- tables ----------------------------------------------------------------
 */

/* slag[k] = sum over depths >= k of max_c sum_p w_p u_dcp. */
static void build_weighted(bnb *b, const double *w)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, k, c, p;

    b->slag[b->D] = 0.0;
    for (k = b->D; k-- > 0;) {
        size_t d = b->order[k];
        double best = -INFINITY;

        for (c = 0; c < v->n_class[d]; c++) {
            double s = 0.0;

            for (p = 0; p < P; p++)
                s += w[p] * v->util[d][c * P + p];
            best = s > best ? s : best;
        }
        b->slag[k] = b->slag[k + 1] + best;
    }
    memcpy(b->weights, w, P * sizeof *w);
}

/* The weighted bound at the root for weights w, and the gains of the
 * package that attains it (the subgradient). */
static double weighted_root(const bnb *b, const double *w, const double *scale,
                            double *gain)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, d, c, p;
    double total = 0.0;

    for (p = 0; p < P; p++)
        gain[p] = -v->d[p];
    for (d = 0; d < b->D; d++) {
        double best = -INFINITY;
        size_t arg = 0;

        for (c = 0; c < v->n_class[d]; c++) {
            double s = 0.0;

            for (p = 0; p < P; p++)
                s += w[p] * scale[p] * v->util[d][c * P + p];
            if (s > best) {
                best = s;
                arg = c;
            }
        }
        for (p = 0; p < P; p++)
            gain[p] += v->util[d][arg * P + p];
    }
    for (p = 0; p < P; p++) {
        gain[p] *= scale[p];
        total += w[p] * gain[p];
    }
    return total;
}

/*
 * Lagrangian weights for max_x min_p scale_p g_p: minimises the bound
 * max_x sum_p lambda_p scale_p g_p(x) over the simplex by exponentiated
 * subgradient steps (the weight of a party with a low gain grows), keeping
 * the best.  Any lambda gives a valid bound; a good one a tight bound.
 */
static void lagrange_weights(const bnb *b, const double *scale, double *lambda,
                             double *gain, double *trial)
{
    size_t P = b->P, p, it;
    double best, step = 1.0;

    for (p = 0; p < P; p++)
        lambda[p] = trial[p] = 1.0 / (double)P;
    best = weighted_root(b, lambda, scale, gain);
    for (it = 0; it < LAGRANGE_ITERATIONS; it++) {
        double mean = 0.0, spread = 0.0, total = 0.0, val;

        for (p = 0; p < P; p++)
            mean += trial[p] * gain[p];
        for (p = 0; p < P; p++)
            spread =
                fabs(gain[p] - mean) > spread ? fabs(gain[p] - mean) : spread;
        if (!(spread > 0))
            break;
        for (p = 0; p < P; p++) {
            trial[p] *= exp(-step * (gain[p] - mean) / spread);
            total += trial[p];
        }
        for (p = 0; p < P; p++)
            trial[p] /= total;
        val = weighted_root(b, trial, scale, gain);
        if (val < best) {
            best = val;
            memcpy(lambda, trial, P * sizeof *trial);
        } else
            step *= 0.9;
    }
}

/* ---- bounds ----------------------------------------------------------------
 */

/* 1 if some completion of prefix a (depth k) may lie in the zone: every
 * party can still reach d_p, and the egalitarian Lagrangian bound (max min
 * gain <= max weighted mean gain) is not negative. */
static int zone_possible(const bnb *b, size_t k, const double *a)
{
    size_t p;
    double lag;

    for (p = 0; p < b->P; p++)
        if (a[p] + b->smax[k * b->P + p] < b->v->d[p] - b->margin[p])
            return 0;
    if (!b->have_zlag)
        return 1;
    lag = b->zlag[k];
    for (p = 0; p < b->P; p++)
        lag += b->zweights[p] * (a[p] - b->v->d[p] + b->margin[p]);
    return lag >= 0;
}

/* An upper bound (maximised objectives) or lower bound (opposition) of the
 * searched objective over the completions of prefix a at depth k; -INFINITY
 * (+INFINITY for opposition) when no completion qualifies. */
static double bound(const bnb *b, size_t k, const double *a)
{
    const parley_i_view *v = b->v;
    const double *smax = b->smax + k * b->P, *smin = b->smin + k * b->P;
    size_t P = b->P, p, s;
    double ub, lag;

    switch (b->kind) {
    case PARLEY_I_OBJ_EGAL:
    case PARLEY_I_OBJ_KS: {
        int ks = b->kind == PARLEY_I_OBJ_KS;

        ub = INFINITY;
        lag = b->slag[k];
        for (p = 0; p < P; p++) {
            double sc = ks ? v->ks_scale[p] : 1.0;
            double g = (a[p] + smax[p] - v->d[p] + b->margin[p]) * sc;

            ub = g < ub ? g : ub;
            lag += b->weights[p] * sc * (a[p] - v->d[p] + b->margin[p]);
        }
        lag += b->lag_offset;
        return ub < lag ? ub : lag;
    }
    case SEARCH_SUBSET:
        ub = INFINITY;
        for (s = 0; s < b->n_subset; s++) {
            p = b->subset[s];
            if (a[p] + smax[p] - v->d[p] + b->margin[p] < ub)
                ub = a[p] + smax[p] - v->d[p] + b->margin[p];
        }
        return ub;
    case PARLEY_I_OBJ_WELFARE:
        if (!zone_possible(b, k, a))
            return -INFINITY;
        ub = b->swel[k];
        for (p = 0; p < P; p++)
            ub += a[p] + b->margin[p];
        return ub;
    case PARLEY_I_OBJ_NASH:
    case PARLEY_I_OBJ_NASH_W: {
        int weighted = b->kind == PARLEY_I_OBJ_NASH_W;
        double indep = weighted ? 0.0 : 1.0, tangent = b->slag[k];

        if (!zone_possible(b, k, a))
            return -INFINITY;
        for (p = 0; p < P; p++) {
            double g = a[p] + smax[p] - v->d[p] + b->margin[p];

            if (g < 0)
                g = 0;
            if (weighted) {
                if (v->alpha[p] > 0)
                    indep += v->alpha[p] * log(g);
            } else
                indep *= g;
            tangent += b->weights[p] * (a[p] - v->d[p] + b->margin[p]);
        }
        tangent += b->lag_offset;
        if (weighted)
            indep = exp(indep);
        if (isfinite(b->lag_offset)) {
            tangent = exp(tangent);
            return indep < tangent ? indep : tangent;
        }
        return indep;
    }
    case SEARCH_OPPOSITION:
        if (!zone_possible(b, k, a))
            return INFINITY;
        lag = -INFINITY;
        if (isfinite(b->lag_offset)) { /* convex: above its tangent */
            lag = b->lag_offset - b->slag[k];
            for (p = 0; p < P; p++)
                lag -=
                    b->weights[p] * a[p] + fabs(b->weights[p]) * b->margin[p];
        }
        ub = 0.0;
        for (p = 0; p < P; p++) {
            double lo = a[p] + smin[p] - b->margin[p];
            double hi = a[p] + smax[p] + b->margin[p];
            double x = 1.0 - lo * v->inv_ideal[p];
            double y = 1.0 - hi * v->inv_ideal[p];

            /* the convex term is 0 where 1 - u inv crosses 0 */
            if ((x > 0) != (y > 0))
                continue;
            x = x * x;
            y = y * y;
            ub += x < y ? x : y;
        }
        return ub > lag ? ub : lag;
    default:
        return -INFINITY;
    }
}

/* The value a bound must reach for its subtree to matter. */
static double threshold(const bnb *b)
{
    if (b->kind == SEARCH_OPPOSITION)
        return b->out->opposition2;
    if (b->kind == SEARCH_SUBSET)
        return b->out->best_subset_min_gain;
    return b->out->obj[b->kind].best - b->out->obj[b->kind].tol;
}

static int cut(const bnb *b, double bnd)
{
    double thr = threshold(b);

    if (b->kind == SEARCH_OPPOSITION)
        return !(bnd <= thr);
    if (b->kind == SEARCH_SUBSET)
        return !(bnd > thr);
    if (b->kind == PARLEY_I_OBJ_NASH || b->kind == PARLEY_I_OBJ_NASH_W)
        return bnd == -INFINITY || bnd < thr - MARGIN * fabs(thr);
    return bnd == -INFINITY || bnd < thr;
}

/* ---- the walk --------------------------------------------------------------
 */

/* A complete package: canonical utilities, offered to every objective. */
static void leaf(bnb *b)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, d, p, s;
    double value[PARLEY_I_N_OBJ], mult = 1.0, q = 0.0, sg = INFINITY;
    int in_zone;

    for (p = 0; p < P; p++)
        b->u[p] = 0.0;
    for (d = 0; d < b->D; d++) { /* canonical order */
        const double *row = v->util[d] + b->pkg[d] * P;

        for (p = 0; p < P; p++)
            b->u[p] += row[p];
        mult *= v->mult[d][b->pkg[d]];
    }
    parley_i_objectives(v, b->u, value, &in_zone);
    /* a search visits each leaf once, so only the searched objective
     * records it (counts stay exact); objectives still to be searched
     * learn its value as an incumbent */
    for (d = 0; d < PARLEY_I_N_OBJ; d++)
        if ((int)d == b->kind)
            parley_i_ties_offer(&b->out->obj[d], value[d], b->u, b->pkg,
                                (long double)mult);
        else if (!b->searched[d])
            parley_i_ties_seed(&b->out->obj[d], value[d], b->u, b->pkg,
                               (long double)mult);
    if (in_zone) {
        for (p = 0; p < P; p++) { /* as the streaming kernel */
            double r = 1.0 - b->u[p] * v->inv_ideal[p];

            q = q + r * r;
        }
        if (q < b->out->opposition2) {
            b->out->opposition2 = q;
            memcpy(b->opp_u, b->u, P * sizeof *b->u);
            b->have_opp_u = 1;
        }
    }
    for (s = 0; s < b->n_subset; s++) {
        double g = b->u[b->subset[s]] - v->d[b->subset[s]];

        sg = g < sg ? g : sg;
    }
    if (b->n_subset && sg > b->out->best_subset_min_gain)
        b->out->best_subset_min_gain = sg;
}

/* 1 if child x comes before child y: the better bound (larger, or smaller
 * for opposition), then the lower class, so the walk is deterministic. */
static int before(const struct child *x, const struct child *y, int minimise)
{
    if (x->bound != y->bound)
        return minimise ? x->bound < y->bound : x->bound > y->bound;
    return x->cls < y->cls;
}

/* Restores the heap order below position i (the best child on top). */
static void sift_down(struct child *h, size_t n, size_t i, int minimise)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, top = i;
        struct child t;

        if (l < n && before(&h[l], &h[top], minimise))
            top = l;
        if (r < n && before(&h[r], &h[top], minimise))
            top = r;
        if (top == i)
            return;
        t = h[i];
        h[i] = h[top];
        h[top] = t;
        i = top;
    }
}

/*
 * Depth-first search of the objective b->kind below depth k.  The children
 * go into a heap (O(n) to build, no allocation) and are taken best first
 * until one is cut: the rest cannot be better, so most nodes pay O(n)
 * rather than a full sort.
 */
static void search(bnb *b, size_t k)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, d, n, c, i, j;
    struct child *kids;
    double *child;
    int minimise = b->kind == SEARCH_OPPOSITION;

    if (b->nodes++ >= b->max_nodes) {
        b->exhausted = 1;
        return;
    }
    if (k == b->D) {
        leaf(b);
        return;
    }
    d = b->order[k];
    n = v->n_class[d];
    kids = b->cbuf + b->coff[k];
    child = b->pre + (k + 1) * P;
    for (c = 0; c < n; c++) {
        for (i = 0; i < P; i++)
            child[i] = b->pre[k * P + i] + v->util[d][c * P + i];
        kids[c].bound = bound(b, k + 1, child);
        kids[c].cls = c;
    }
    for (i = n / 2; i-- > 0;)
        sift_down(kids, n, i, minimise);
    while (n && !b->exhausted) {
        struct child top = kids[0];

        if (cut(b, top.bound))
            break; /* the rest are no better */
        kids[0] = kids[--n];
        sift_down(kids, n, 0, minimise);
        c = top.cls;
        for (j = 0; j < P; j++)
            child[j] = b->pre[k * P + j] + v->util[d][c * P + j];
        b->pkg[d] = c;
        search(b, k + 1);
    }
}

/* Counts the packages below depth k with g_p >= 0 for every p in the
 * party list (all parties when parties is NULL). */
static void count(bnb *b, size_t k, const size_t *parties, size_t n_parties)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, d, c, i, p;
    const double *a = b->pre + k * P;
    int inside = 1;

    if (!parties && !zone_possible(b, k, a))
        return; /* all outside */
    for (i = 0; i < n_parties; i++) {
        p = parties ? parties[i] : i;
        if (a[p] + b->smax[k * P + p] < v->d[p] - b->margin[p])
            return; /* all outside */
        if (!(a[p] + b->smin[k * P + p] >= v->d[p] + b->margin[p]))
            inside = 0;
    }
    if (inside) {
        long double below = 1.0L;

        for (i = 0; i < k; i++) {
            size_t dd = b->order[i];

            below *= (long double)v->mult[dd][b->pkg[dd]];
        }
        b->count += below * b->size[k];
        return;
    }
    if (k == b->D) { /* exact test on the canonical sums */
        double mult = 1.0;

        for (p = 0; p < P; p++)
            b->u[p] = 0.0;
        for (d = 0; d < b->D; d++) {
            for (p = 0; p < P; p++)
                b->u[p] += v->util[d][b->pkg[d] * P + p];
            mult *= v->mult[d][b->pkg[d]];
        }
        for (i = 0; i < n_parties; i++) {
            p = parties ? parties[i] : i;
            if (!(b->u[p] >= v->d[p]))
                return;
        }
        b->count += (long double)mult;
        return;
    }
    if (b->nodes++ >= b->max_nodes) {
        long double below = 1.0L;

        for (i = 0; i < k; i++) {
            size_t dd = b->order[i];

            below *= (long double)v->mult[dd][b->pkg[dd]];
        }
        b->undecided += below * b->size[k];
        b->exhausted = 1;
        return;
    }
    d = b->order[k];
    for (c = 0; c < v->n_class[d]; c++) {
        for (p = 0; p < P; p++)
            b->pre[(k + 1) * P + p] = a[p] + v->util[d][c * P + p];
        b->pkg[d] = c;
        count(b, k + 1, parties, n_parties);
    }
}

/* ---- setup and driver ------------------------------------------------------
 */

static void free_bnb(const parley_ctx *ctx, bnb *b, size_t total)
{
    size_t P = b->P, D = b->D;

    FREE_ARRAY(ctx, b->order, D);
    FREE_ARRAY(ctx, b->smax, (D + 1) * P);
    FREE_ARRAY(ctx, b->smin, (D + 1) * P);
    FREE_ARRAY(ctx, b->margin, P);
    FREE_ARRAY(ctx, b->swel, D + 1);
    FREE_ARRAY(ctx, b->slag, D + 1);
    FREE_ARRAY(ctx, b->weights, P);
    FREE_ARRAY(ctx, b->zlag, D + 1);
    FREE_ARRAY(ctx, b->zweights, P);
    FREE_ARRAY(ctx, b->opp_u, P);
    FREE_ARRAY(ctx, b->pre, (D + 1) * P);
    FREE_ARRAY(ctx, b->pkg, D);
    FREE_ARRAY(ctx, b->u, P);
    FREE_ARRAY(ctx, b->cbuf, total);
    FREE_ARRAY(ctx, b->coff, D);
    FREE_ARRAY(ctx, b->work, 3 * P);
    FREE_ARRAY(ctx, b->size, D + 1);
}

/* Branching order: largest spread of contributions first (ties by
 * dimension index, so the order is deterministic). */
static void choose_order(bnb *b)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, D = b->D, d, c, p, i, j;
    double *spread = b->swel; /* scratch, rebuilt afterwards */

    for (d = 0; d < D; d++) {
        spread[d] = 0.0;
        for (p = 0; p < P; p++) {
            double lo = INFINITY, hi = -INFINITY;

            for (c = 0; c < v->n_class[d]; c++) {
                double x = v->util[d][c * P + p];

                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
            spread[d] += hi - lo;
        }
        b->order[d] = d;
    }
    for (i = 1; i < D; i++)
        for (j = i; j > 0 && spread[b->order[j - 1]] < spread[b->order[j]];
             j--) {
            size_t t = b->order[j];

            b->order[j] = b->order[j - 1];
            b->order[j - 1] = t;
        }
}

/* Suffix extremes, welfare table and margins for the chosen order. */
static void build_tables(bnb *b)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, D = b->D, k, c, p;

    for (p = 0; p < P; p++) {
        b->smax[D * P + p] = b->smin[D * P + p] = 0.0;
        b->margin[p] = 0.0;
    }
    b->swel[D] = 0.0;
    b->size[D] = 1.0L;
    for (k = D; k-- > 0;) {
        size_t d = b->order[k];
        double wbest = -INFINITY;
        long double total = 0.0L;

        for (p = 0; p < P; p++) {
            double lo = INFINITY, hi = -INFINITY, mag = 0.0;

            for (c = 0; c < v->n_class[d]; c++) {
                double x = v->util[d][c * P + p];

                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
                mag = fabs(x) > mag ? fabs(x) : mag;
            }
            b->smax[k * P + p] = b->smax[(k + 1) * P + p] + hi;
            b->smin[k * P + p] = b->smin[(k + 1) * P + p] + lo;
            b->margin[p] += mag;
        }
        for (c = 0; c < v->n_class[d]; c++) {
            double s = 0.0;

            for (p = 0; p < P; p++)
                s += v->util[d][c * P + p];
            wbest = s > wbest ? s : wbest;
            total += (long double)v->mult[d][c];
        }
        b->swel[k] = b->swel[k + 1] + wbest;
        b->size[k] = b->size[k + 1] * total;
    }
    for (p = 0; p < P; p++)
        b->margin[p] = MARGIN * (1.0 + b->margin[p] + fabs(v->d[p]));
}

/* The tangent-plane table for (weighted) Nash at the incumbent's gains y:
 * weights w_p = alpha_p / y_p (alpha = 1 unweighted). */
static void tangent_table(bnb *b, int weighted)
{
    const parley_i_view *v = b->v;
    const parley_i_ties *t = &b->out->obj[b->kind];
    size_t P = b->P, p, i, best = 0;
    double *w = b->work;

    b->lag_offset = INFINITY; /* marks "no tangent bound" */
    if (!t->n)
        return;
    for (i = 1; i < t->n; i++)
        if (t->value[i] > t->value[best])
            best = i;
    b->lag_offset = 0.0;
    for (p = 0; p < P; p++) {
        double y = t->u[best * P + p] - v->d[p];
        double al = weighted ? v->alpha[p] : 1.0;

        if (!(y > 0)) {
            b->lag_offset = INFINITY;
            return;
        }
        w[p] = al / y;
        b->lag_offset += al * (log(y) - 1.0);
    }
    build_weighted(b, w);
}

/* The tangent plane of the convex opposition objective at the incumbent
 * y: f(u) >= f(y) - sum_p w_p (u_p - y_p), w_p = 2 inv_p (1 - y_p inv_p),
 * minimised separably over the remaining dimensions. */
static void opposition_table(bnb *b)
{
    const parley_i_view *v = b->v;
    size_t P = b->P, p;
    double *w = b->work, f = 0.0;

    b->lag_offset = INFINITY;
    if (!b->have_opp_u)
        return;
    for (p = 0; p < P; p++) {
        double r = 1.0 - b->opp_u[p] * v->inv_ideal[p];

        f += r * r;
        w[p] = 2.0 * v->inv_ideal[p] * r;
    }
    b->lag_offset = f;
    for (p = 0; p < P; p++)
        b->lag_offset += w[p] * b->opp_u[p];
    build_weighted(b, w);
}

parley_status parley_i_bnb(parley_ctx *ctx, const parley_i_view *v,
                           const size_t *subset, size_t n_subset,
                           size_t max_nodes, parley_i_tally *out,
                           parley_i_bnb_counts *counts)
{
    bnb b;
    size_t P = v->P, D = v->D, total = 0, d, k, p;
    double *lambda, *gain, *trial, *scale;
    parley_status status = PARLEY_OK;
    int kind;

    memset(&b, 0, sizeof b);
    memset(counts, 0, sizeof *counts);
    if (D == 0 || v->n_points == 0)
        return PARLEY_OK;
    b.v = v;
    b.P = P;
    b.D = D;
    b.out = out;
    b.subset = subset;
    b.n_subset = n_subset;
    b.max_nodes = max_nodes;
    for (d = 0; d < D; d++)
        total += v->n_class[d];
    b.order = parley_i_alloc_array(ctx, D, sizeof *b.order);
    b.smax = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *b.smax);
    b.smin = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *b.smin);
    b.margin = parley_i_alloc_array(ctx, P, sizeof *b.margin);
    b.swel = parley_i_alloc_array(ctx, D + 1, sizeof *b.swel);
    b.slag = parley_i_alloc_array(ctx, D + 1, sizeof *b.slag);
    b.weights = parley_i_alloc_array(ctx, P, sizeof *b.weights);
    b.zlag = parley_i_alloc_array(ctx, D + 1, sizeof *b.zlag);
    b.zweights = parley_i_alloc_array(ctx, P, sizeof *b.zweights);
    b.opp_u = parley_i_alloc_array(ctx, P, sizeof *b.opp_u);
    b.pre = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *b.pre);
    b.pkg = parley_i_alloc_array(ctx, D, sizeof *b.pkg);
    b.u = parley_i_alloc_array(ctx, P, sizeof *b.u);
    b.cbuf = parley_i_alloc_array(ctx, total, sizeof *b.cbuf);
    b.coff = parley_i_alloc_array(ctx, D, sizeof *b.coff);
    b.work = parley_i_alloc_array(ctx, 3 * P, sizeof *b.work);
    b.size = parley_i_alloc_array(ctx, D + 1, sizeof *b.size);
    lambda = parley_i_alloc_array(ctx, 4 * P, sizeof *lambda);
    if (!b.order || !b.smax || !b.smin || !b.margin || !b.swel || !b.slag ||
        !b.weights || !b.zlag || !b.zweights || !b.opp_u || !b.pre || !b.pkg ||
        !b.u || !b.cbuf || !b.coff || !b.work || !b.size || !lambda) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    gain = lambda + P;
    trial = lambda + 2 * P;
    scale = lambda + 3 * P;
    choose_order(&b);
    for (k = 0, total = 0; k < D; k++) {
        b.coff[k] = total;
        total += v->n_class[b.order[k]];
    }
    build_tables(&b);
    for (p = 0; p < P; p++)
        b.pre[p] = 0.0;

    /* egalitarian first: it decides whether the zone is empty and gives
     * the other searches an incumbent inside it */
    for (kind = 0; kind < 2; kind++) {
        b.kind = kind == 0 ? PARLEY_I_OBJ_EGAL : PARLEY_I_OBJ_KS;
        for (p = 0; p < P; p++)
            scale[p] = kind == 0 ? 1.0 : v->ks_scale[p];
        lagrange_weights(&b, scale, lambda, gain, trial);
        for (p = 0; p < P; p++)
            trial[p] = lambda[p] * scale[p];
        build_weighted(&b, trial);
        for (p = 0; p < P; p++) /* bound() applies the scale itself */
            b.weights[p] = lambda[p];
        b.lag_offset = 0.0;
        if (kind == 0) { /* the zone test's table, kept for every search */
            memcpy(b.zlag, b.slag, (D + 1) * sizeof *b.zlag);
            memcpy(b.zweights, lambda, P * sizeof *lambda);
        }
        b.nodes = 0;
        b.exhausted = 0;
        search(&b, 0);
        counts->exact[b.kind] = !b.exhausted;
        b.searched[b.kind] = 1;
        b.have_zlag = 1;
    }
    if (out->obj[PARLEY_I_OBJ_EGAL].best >= 0) { /* the zone is not empty */
        static const int kinds[3] = {PARLEY_I_OBJ_WELFARE, PARLEY_I_OBJ_NASH,
                                     PARLEY_I_OBJ_NASH_W};

        for (kind = 0; kind < 3; kind++) {
            b.kind = kinds[kind];
            b.lag_offset = INFINITY;
            if (b.kind != PARLEY_I_OBJ_WELFARE)
                tangent_table(&b, b.kind == PARLEY_I_OBJ_NASH_W);
            b.nodes = 0;
            b.exhausted = 0;
            search(&b, 0);
            counts->exact[b.kind] = !b.exhausted;
            b.searched[b.kind] = 1;
        }
        b.kind = SEARCH_OPPOSITION;
        opposition_table(&b);
        b.nodes = 0;
        b.exhausted = 0;
        search(&b, 0);
        counts->opposition_exact = !b.exhausted;
    } else if (counts->exact[PARLEY_I_OBJ_EGAL]) {
        /* the zone is empty: nothing to find for these */
        counts->exact[PARLEY_I_OBJ_WELFARE] = 1;
        counts->exact[PARLEY_I_OBJ_NASH] = 1;
        counts->exact[PARLEY_I_OBJ_NASH_W] = 1;
        counts->opposition_exact = 1;
    }
    counts->subset_gain_exact = 1;
    if (n_subset) {
        b.kind = SEARCH_SUBSET;
        b.nodes = 0;
        b.exhausted = 0;
        search(&b, 0);
        counts->subset_gain_exact = !b.exhausted;
    }
    /* counts */
    if (out->obj[PARLEY_I_OBJ_EGAL].best >= 0) {
        b.nodes = 0;
        b.exhausted = 0;
        b.count = b.undecided = 0;
        count(&b, 0, NULL, P);
        out->zone_count = b.count;
        counts->zone_exact = !b.exhausted;
        counts->zone_low = b.count;
        counts->zone_high = b.count + b.undecided;
    } else
        counts->zone_exact = 1;
    if (n_subset && out->best_subset_min_gain >= 0) {
        b.nodes = 0;
        b.exhausted = 0;
        b.count = b.undecided = 0;
        count(&b, 0, subset, n_subset);
        out->subset_count = b.count;
        counts->subset_exact = !b.exhausted;
        counts->subset_low = b.count;
        counts->subset_high = b.count + b.undecided;
    } else
        counts->subset_exact = 1;
    out->best_min_gain = out->obj[PARLEY_I_OBJ_EGAL].best;
done:
    FREE_ARRAY(ctx, lambda, 4 * P);
    free_bnb(ctx, &b, total);
    return status;
}
