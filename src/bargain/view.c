/*
 * view.c -- the solvers' view of an outcome space (classes of identical
 * options), the objective functions, and the running optimum with its
 * tied points (an antichain of near-optimal utility vectors).
 */
#include "bargain/solve.h"

#include <math.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* ---- view --------------------------------------------------------------- */

void parley_i_view_free(const parley_ctx *ctx, parley_i_view *v)
{
    size_t d, P;

    if (!v)
        return;
    P = v->P;
    for (d = 0; d < v->D; d++) {
        size_t n = v->n_class ? v->n_class[d] : 0;

        if (v->rep)
            FREE_ARRAY(ctx, v->rep[d], n);
        if (v->mult)
            FREE_ARRAY(ctx, v->mult[d], n);
        if (v->util)
            FREE_ARRAY(ctx, v->util[d], n * P);
        if (v->util_t)
            FREE_ARRAY(ctx, v->util_t[d], n * P);
    }
    FREE_ARRAY(ctx, v->n_class, v->D);
    FREE_ARRAY(ctx, v->rep, v->D);
    FREE_ARRAY(ctx, v->mult, v->D);
    FREE_ARRAY(ctx, v->util, v->D);
    FREE_ARRAY(ctx, v->util_t, v->D);
    FREE_ARRAY(ctx, v->d, P);
    FREE_ARRAY(ctx, v->ks_scale, P);
    FREE_ARRAY(ctx, v->inv_ideal, P);
    FREE_ARRAY(ctx, v->alpha, P);
    parley_i_free(ctx, v, sizeof *v);
}

/* Stable merge sort of option indices by their utility rows (bitwise
 * lexicographic order of the doubles), ties by index. */
static int row_less(const double *util, size_t P, size_t a, size_t b)
{
    int c = memcmp(util + a * P, util + b * P, P * sizeof *util);

    return c != 0 ? c < 0 : a < b;
}

static void sort_rows(size_t *idx, size_t *tmp, size_t n, const double *util,
                      size_t P)
{
    size_t width, lo;

    for (width = 1; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;

            while (a < mid && b < hi)
                tmp[k++] =
                    row_less(util, P, idx[b], idx[a]) ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[k++] = idx[a++];
            while (b < hi)
                tmp[k++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

/*
 * Builds the classes of every dimension: options whose utility rows are
 * identical (bit for bit) for every party form one class, represented by
 * its lowest option; classes are numbered in the order of their
 * representatives.  Sorting the rows makes it O(n log n P) per dimension,
 * n its options (setup only).
 */
parley_status parley_i_view_new(parley_ctx *ctx, const parley_i_space *sp,
                                parley_i_view **out)
{
    size_t P = sp->n_parties, D = sp->n_dims, d, p, o, c;
    parley_i_view *v;
    size_t *class_of = NULL, *idx = NULL, *tmp = NULL, max_n = 1;
    parley_status status = PARLEY_OK;

    *out = NULL;
    v = parley_i_alloc(ctx, sizeof *v);
    if (!v)
        return parley_i_nomem(ctx);
    v->P = P;
    v->d = parley_i_alloc_array(ctx, P, sizeof *v->d);
    v->ks_scale = parley_i_alloc_array(ctx, P, sizeof *v->ks_scale);
    v->inv_ideal = parley_i_alloc_array(ctx, P, sizeof *v->inv_ideal);
    v->alpha = parley_i_alloc_array(ctx, P, sizeof *v->alpha);
    if (!v->d || !v->ks_scale || !v->inv_ideal || !v->alpha)
        goto nomem;
    for (p = 0; p < P; p++) {
        double range = sp->ideal[p] - sp->disagreement[p];

        v->d[p] = sp->disagreement[p];
        v->ks_scale[p] = range > 0 ? 1.0 / range : 1.0;
        v->inv_ideal[p] = sp->ideal[p] != 0 ? 1.0 / sp->ideal[p] : 1.0;
        v->alpha[p] = sp->nash_weight[p];
    }
    v->n_class = parley_i_alloc_array(ctx, D, sizeof *v->n_class);
    v->rep = parley_i_alloc_array(ctx, D, sizeof *v->rep);
    v->mult = parley_i_alloc_array(ctx, D, sizeof *v->mult);
    v->util = parley_i_alloc_array(ctx, D, sizeof *v->util);
    v->util_t = parley_i_alloc_array(ctx, D, sizeof *v->util_t);
    v->D = D; /* the free path handles NULL tables */
    if (!v->n_class || !v->rep || !v->mult || !v->util || !v->util_t)
        goto nomem;
    for (d = 0; d < D; d++)
        if (sp->dims[d].n_options > max_n)
            max_n = sp->dims[d].n_options;
    class_of = parley_i_alloc_array(ctx, max_n, sizeof *class_of);
    idx = parley_i_alloc_array(ctx, max_n, sizeof *idx);
    tmp = parley_i_alloc_array(ctx, max_n, sizeof *tmp);
    if (!class_of || !idx || !tmp)
        goto nomem;
    v->n_points = 1.0L;
    for (d = 0; d < D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t n = dim->n_options, k = 0, i;

        /* class_of[o] = the lowest option with the same row */
        for (o = 0; o < n; o++)
            idx[o] = o;
        sort_rows(idx, tmp, n, dim->util, P);
        for (i = 0; i < n; i++) {
            size_t first = i;

            while (i + 1 < n && memcmp(dim->util + idx[i + 1] * P,
                                       dim->util + idx[first] * P,
                                       P * sizeof *dim->util) == 0)
                i++;
            for (c = first; c <= i; c++) /* idx[first] is the lowest */
                class_of[idx[c]] = idx[first];
        }
        for (o = 0; o < n; o++)
            k += class_of[o] == o;
        v->n_points *= (long double)k;
        if (k == 0) {
            v->n_class[d] = 0;
            continue;
        }
        v->rep[d] = parley_i_alloc_array(ctx, k, sizeof *v->rep[d]);
        v->mult[d] = parley_i_alloc_array(ctx, k, sizeof *v->mult[d]);
        v->util[d] = parley_i_alloc_array(ctx, k * P, sizeof *v->util[d]);
        v->util_t[d] = parley_i_alloc_array(ctx, k * P, sizeof *v->util_t[d]);
        if (!v->rep[d] || !v->mult[d] || !v->util[d] || !v->util_t[d]) {
            FREE_ARRAY(ctx, v->rep[d], k);
            FREE_ARRAY(ctx, v->mult[d], k);
            FREE_ARRAY(ctx, v->util[d], k * P);
            FREE_ARRAY(ctx, v->util_t[d], k * P);
            v->rep[d] = NULL;
            v->mult[d] = NULL;
            v->util[d] = v->util_t[d] = NULL;
            goto nomem;
        }
        v->n_class[d] = k;
        /* number the classes by representative; idx[rep] = its class */
        k = 0;
        for (o = 0; o < n; o++) {
            if (class_of[o] != o)
                continue;
            idx[o] = k;
            v->rep[d][k] = o;
            v->mult[d][k] = 0;
            memcpy(v->util[d] + k * P, dim->util + o * P,
                   P * sizeof *dim->util);
            for (p = 0; p < P; p++)
                v->util_t[d][p * v->n_class[d] + k] = dim->util[o * P + p];
            k++;
        }
        for (o = 0; o < n; o++)
            v->mult[d][idx[class_of[o]]] += 1.0;
    }
    goto done;
nomem:
    status = parley_i_nomem(ctx);
done:
    FREE_ARRAY(ctx, class_of, max_n);
    FREE_ARRAY(ctx, idx, max_n);
    FREE_ARRAY(ctx, tmp, max_n);
    if (status) {
        parley_i_view_free(ctx, v);
        return status;
    }
    *out = v;
    return PARLEY_OK;
}

/* ---- objectives --------------------------------------------------------- */

/*
 * The objective values of one utility vector.  The order of operations is
 * the reference for every solver: products from 1.0 and sums from 0.0 in
 * party order, minima in party order.  The streaming kernel performs the
 * very same operations, so values agree to the bit.
 */
void parley_i_objectives(const parley_i_view *v, const double *u, double *value,
                         int *in_zone)
{
    size_t P = v->P, p;
    double mn = INFINITY, ks = INFINITY, prod = 1.0, welfare = 0.0;
    double logsum = 0.0;
    int zero = 0;

    for (p = 0; p < P; p++) {
        double g = u[p] - v->d[p];
        double a = g * v->ks_scale[p];

        mn = g < mn ? g : mn;
        ks = a < ks ? a : ks;
        prod *= g;
        welfare += u[p];
    }
    *in_zone = mn >= 0;
    value[PARLEY_I_OBJ_EGAL] = mn;
    value[PARLEY_I_OBJ_KS] = ks;
    if (!*in_zone) {
        value[PARLEY_I_OBJ_NASH] = -INFINITY;
        value[PARLEY_I_OBJ_NASH_W] = -INFINITY;
        value[PARLEY_I_OBJ_WELFARE] = -INFINITY;
        return;
    }
    for (p = 0; p < P; p++) { /* weighted geometric mean of the gains */
        double g = u[p] - v->d[p];

        if (v->alpha[p] <= 0)
            continue;
        if (g <= 0)
            zero = 1;
        else
            logsum += v->alpha[p] * log(g);
    }
    value[PARLEY_I_OBJ_NASH] = prod;
    value[PARLEY_I_OBJ_NASH_W] = zero ? 0.0 : exp(logsum);
    value[PARLEY_I_OBJ_WELFARE] = welfare;
}

/* ---- ties --------------------------------------------------------------- */

parley_status parley_i_ties_init(parley_ctx *ctx, parley_i_ties *t, size_t P,
                                 size_t D, size_t cap, double tol)
{
    memset(t, 0, sizeof *t);
    t->P = P;
    t->D = D;
    t->tol = tol;
    t->best = -INFINITY;
    if (cap == 0)
        cap = 1;
    t->value = parley_i_alloc_array(ctx, cap, sizeof *t->value);
    t->mult = parley_i_alloc_array(ctx, cap, sizeof *t->mult);
    t->u = parley_i_alloc_array(ctx, cap * P, sizeof *t->u);
    t->pkg = parley_i_alloc_array(ctx, cap * (D ? D : 1), sizeof *t->pkg);
    t->inc_u = parley_i_alloc_array(ctx, P ? P : 1, sizeof *t->inc_u);
    t->inc_pkg = parley_i_alloc_array(ctx, D ? D : 1, sizeof *t->inc_pkg);
    t->inc_value = -INFINITY;
    t->cap = cap;
    if (!t->value || !t->mult || !t->u || !t->pkg || !t->inc_u || !t->inc_pkg) {
        parley_i_ties_destroy(ctx, t);
        return parley_i_nomem(ctx);
    }
    return PARLEY_OK;
}

void parley_i_ties_destroy(const parley_ctx *ctx, parley_i_ties *t)
{
    size_t cap = t->cap;

    FREE_ARRAY(ctx, t->value, cap);
    FREE_ARRAY(ctx, t->mult, cap);
    FREE_ARRAY(ctx, t->u, cap * t->P);
    FREE_ARRAY(ctx, t->pkg, cap * (t->D ? t->D : 1));
    FREE_ARRAY(ctx, t->inc_u, t->P ? t->P : 1);
    FREE_ARRAY(ctx, t->inc_pkg, t->D ? t->D : 1);
    memset(t, 0, sizeof *t);
}

void parley_i_ties_reset(parley_i_ties *t)
{
    t->n = 0;
    t->best = -INFINITY;
    t->overflow = 0;
    t->inc_value = -INFINITY;
}

/* -1, 0, 1: lexicographic comparison of two packages' class indices. */
static int pkg_cmp(const size_t *a, const size_t *b, size_t D)
{
    size_t i;

    for (i = 0; i < D; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Removes entry i by moving the last entry into its place. */
static void ties_remove(parley_i_ties *t, size_t i)
{
    size_t last = t->n - 1;

    if (i != last) {
        t->value[i] = t->value[last];
        t->mult[i] = t->mult[last];
        memcpy(t->u + i * t->P, t->u + last * t->P, t->P * sizeof *t->u);
        memcpy(t->pkg + i * t->D, t->pkg + last * t->D, t->D * sizeof *t->pkg);
    }
    t->n--;
}

/*
 * Offers a package.  Entries below best - tol are purged when the best
 * rises; a vector equal to an entry's adds its packages to it (keeping the
 * lower package); a vector dominated by an entry is dropped; entries it
 * dominates are removed.  Because every objective is monotone in every
 * u_i, a dominated vector never has a higher value than its dominator, so
 * the surviving entries are exactly the non-dominated near-optimal points
 * whatever the order of offers.
 */
void parley_i_ties_offer(parley_i_ties *t, double value, const double *u,
                         const size_t *pkg, long double mult)
{
    size_t P = t->P, i, p;

    if (!(value >= t->best - t->tol) || value == -INFINITY)
        return;
    if (value > t->best) {
        t->best = value;
        for (i = t->n; i-- > 0;)
            if (!(t->value[i] >= value - t->tol))
                ties_remove(t, i);
    }
    for (i = t->n; i-- > 0;) {
        const double *e = t->u + i * P;
        int ge = 1, le = 1; /* e >= u, e <= u */

        for (p = 0; p < P; p++) {
            if (e[p] < u[p])
                ge = 0;
            if (e[p] > u[p])
                le = 0;
        }
        if (ge && le) { /* the same point */
            t->mult[i] += mult;
            if (pkg_cmp(pkg, t->pkg + i * t->D, t->D) < 0)
                memcpy(t->pkg + i * t->D, pkg, t->D * sizeof *pkg);
            return;
        }
        if (ge)
            return; /* dominated by entry i */
        if (le)
            ties_remove(t, i); /* dominates entry i */
    }
    if (t->n == t->cap) {
        t->overflow = 1;
        return;
    }
    i = t->n++;
    t->value[i] = value;
    t->mult[i] = mult;
    memcpy(t->u + i * P, u, P * sizeof *u);
    memcpy(t->pkg + i * t->D, pkg, t->D * sizeof *pkg);
}

void parley_i_ties_seed(parley_i_ties *t, double value, const double *u,
                        const size_t *pkg, long double mult)
{
    size_t i;

    if (!(value > t->best) || value == INFINITY)
        return;
    t->best = value;
    for (i = t->n; i-- > 0;)
        if (!(t->value[i] >= value - t->tol))
            ties_remove(t, i);
    t->inc_value = value;
    t->inc_mult = mult;
    memcpy(t->inc_u, u, t->P * sizeof *u);
    memcpy(t->inc_pkg, pkg, t->D * sizeof *pkg);
}

void parley_i_ties_merge(parley_i_ties *dst, const parley_i_ties *src)
{
    size_t i;

    for (i = 0; i < src->n; i++)
        parley_i_ties_offer(dst, src->value[i], src->u + i * src->P,
                            src->pkg + i * src->D, src->mult[i]);
    if (src->best > dst->best) /* only when src overflowed */
        dst->best = src->best;
    dst->overflow |= src->overflow;
}

void parley_i_ties_sort(parley_i_ties *t)
{
    size_t i, j, P = t->P, D = t->D;

    /* insertion sort: tie lists are short, and this avoids scratch space
     * for the parallel arrays */
    for (i = 1; i < t->n; i++)
        for (j = i;
             j > 0 && pkg_cmp(t->pkg + j * D, t->pkg + (j - 1) * D, D) < 0;
             j--) {
            size_t k;

            for (k = 0; k < D; k++) {
                size_t x = t->pkg[j * D + k];

                t->pkg[j * D + k] = t->pkg[(j - 1) * D + k];
                t->pkg[(j - 1) * D + k] = x;
            }
            for (k = 0; k < P; k++) {
                double x = t->u[j * P + k];

                t->u[j * P + k] = t->u[(j - 1) * P + k];
                t->u[(j - 1) * P + k] = x;
            }
            {
                double x = t->value[j];
                long double m = t->mult[j];

                t->value[j] = t->value[j - 1];
                t->value[j - 1] = x;
                t->mult[j] = t->mult[j - 1];
                t->mult[j - 1] = m;
            }
        }
}

/* ---- tally -------------------------------------------------------------- */

parley_status parley_i_tally_init(parley_ctx *ctx, parley_i_tally *t, size_t P,
                                  size_t D, size_t cap, double tol)
{
    size_t k;
    parley_status status;

    memset(t, 0, sizeof *t);
    for (k = 0; k < PARLEY_I_N_OBJ; k++) {
        status = parley_i_ties_init(ctx, &t->obj[k], P, D, cap, tol);
        if (status) {
            parley_i_tally_destroy(ctx, t);
            return status;
        }
    }
    t->opposition2 = INFINITY;
    t->best_min_gain = -INFINITY;
    t->best_subset_min_gain = -INFINITY;
    return PARLEY_OK;
}

void parley_i_tally_destroy(const parley_ctx *ctx, parley_i_tally *t)
{
    size_t k;

    for (k = 0; k < PARLEY_I_N_OBJ; k++)
        if (t->obj[k].cap)
            parley_i_ties_destroy(ctx, &t->obj[k]);
}
