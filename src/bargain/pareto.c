/*
 * pareto.c -- the exact Pareto frontier of an additive outcome space by
 * merging per-dimension frontiers, never enumerating the space.
 *
 * Because u(x) = sum_d c_d(x_d), the frontier of dimensions 0..k is
 * contained in the Minkowski sum of the frontier of 0..k-1 and the
 * options of dimension k: if a prefix a is dominated by a prefix b, then
 * a + c is dominated by b + c for every completion c.  So
 *
 *     F_0 = ND(options of dimension 0)
 *     F_k = ND(F_{k-1} (+) options of dimension k)      k = 1 .. D-1
 *
 * where ND keeps the non-dominated points.  Options of a dimension that
 * another option of the same dimension dominates are dropped first (they
 * can never appear on the frontier).  Sums are formed prefix + option in
 * dimension order, the canonical order, so utilities are bit-identical to
 * parley_i_space_eval's.  When only the zone of possible agreement is
 * wanted, a prefix that cannot reach d_i for some party even with the
 * best remaining options is dropped (with a margin that covers rounding);
 * the final stage applies u_i >= d_i exactly.  Equal vectors are merged,
 * adding their package counts and keeping the lowest package.
 *
 * ND(C) for N candidates:
 *   P = 1: the maximum;  P = 2: sort by u_0 descending (u_1 descending
 *   among equals), keep each point whose u_1 exceeds every earlier one:
 *   O(N log N) (Kung, Luccio & Preparata 1975);
 *   P >= 3: a static k-d tree over the candidates with the componentwise
 *   maximum of every subtree; each candidate asks whether some candidate
 *   is >= it everywhere (and differs), pruning subtrees whose maximum is
 *   below it in some coordinate.  Queries are independent, so they run in
 *   parallel (OpenMP) with a deterministic result.  Building is
 *   O(N log^2 N); a query costs O(log N) when a dominator sits on the
 *   search path and at most O(N) (in practice far less, since frontier
 *   candidates are spread on a (P-1)-dimensional surface).
 *
 * Ranks: every stage's points are sorted by their lowest package, so a
 * point of stage k is identified by (parent point of stage k-1, class of
 * dimension k) and comparing those pairs compares packages.
 *
 * Floating point.  "a dominated by b implies a + c dominated by b + c"
 * holds for >= (rounding is monotone), but a strict difference of a few
 * ulps could round away, making a + c equal to b + c: a package at a
 * frontier point would then be lost from its count.  So a candidate is
 * dropped only when its dominator exceeds it in some coordinate p by more
 * than delta_p = 2 r eps M_p (r additions still to come, M_p the largest
 * magnitude of a partial sum), more than rounding can close; the last
 * stage (r = 0) compares exactly.  Frontier points and their package
 * counts are then exactly those of brute force on the same doubles
 * (checked on the float-sensitive ANAC domains, Energy and Car).
 */
#include "bargain/solve.h"

#include <float.h>
#include <math.h>
#include <omp.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* One stage of the merge. */
typedef struct stage {
    size_t n;
    double *u;         /* n x P */
    long double *mult; /* n */
    size_t *parent;    /* n: index into the previous stage */
    size_t *cls;       /* n: class of this stage's dimension */
} stage;

static void stage_destroy(const parley_ctx *ctx, stage *s, size_t P)
{
    FREE_ARRAY(ctx, s->u, s->n * P);
    FREE_ARRAY(ctx, s->mult, s->n);
    FREE_ARRAY(ctx, s->parent, s->n);
    FREE_ARRAY(ctx, s->cls, s->n);
    memset(s, 0, sizeof *s);
}

static parley_status stage_alloc(parley_ctx *ctx, stage *s, size_t n, size_t P)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return PARLEY_OK;
    s->u = parley_i_alloc_array(ctx, n * P, sizeof *s->u);
    s->mult = parley_i_alloc_array(ctx, n, sizeof *s->mult);
    s->parent = parley_i_alloc_array(ctx, n, sizeof *s->parent);
    s->cls = parley_i_alloc_array(ctx, n, sizeof *s->cls);
    s->n = n;
    if (!s->u || !s->mult || !s->parent || !s->cls) {
        stage_destroy(ctx, s, P);
        return parley_i_nomem(ctx);
    }
    return PARLEY_OK;
}

void parley_i_frontier_destroy(const parley_ctx *ctx, parley_i_frontier *f)
{
    FREE_ARRAY(ctx, f->u, f->n * f->P);
    FREE_ARRAY(ctx, f->mult, f->n);
    FREE_ARRAY(ctx, f->pkg, f->n * f->D);
    memset(f, 0, sizeof *f);
}

/* ---- sorting ------------------------------------------------------------ */

/* Comparison context for the candidate sorts. */
typedef struct sort_ctx {
    const double *u;
    const size_t *parent, *cls;
    size_t P;
} sort_ctx;

/* Lexicographically descending utility vectors; equal vectors by package
 * ascending (parent, then class). */
static int cmp_lex_desc(const sort_ctx *sc, size_t a, size_t b)
{
    size_t p;

    for (p = 0; p < sc->P; p++) {
        double x = sc->u[a * sc->P + p], y = sc->u[b * sc->P + p];

        if (x != y)
            return x > y ? -1 : 1;
    }
    if (sc->parent[a] != sc->parent[b])
        return sc->parent[a] < sc->parent[b] ? -1 : 1;
    if (sc->cls[a] != sc->cls[b])
        return sc->cls[a] < sc->cls[b] ? -1 : 1;
    return 0;
}

/* Package order: (parent, class) ascending. */
static int cmp_pkg(const sort_ctx *sc, size_t a, size_t b)
{
    if (sc->parent[a] != sc->parent[b])
        return sc->parent[a] < sc->parent[b] ? -1 : 1;
    if (sc->cls[a] != sc->cls[b])
        return sc->cls[a] < sc->cls[b] ? -1 : 1;
    return 0;
}

/* Stable merge sort of idx[0..n) with scratch tmp. */
static void merge_sort(size_t *idx, size_t *tmp, size_t n, const sort_ctx *sc,
                       int (*cmp)(const sort_ctx *, size_t, size_t))
{
    size_t width, lo;

    for (width = 1; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;

            while (a < mid && b < hi)
                tmp[k++] = cmp(sc, idx[b], idx[a]) < 0 ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[k++] = idx[a++];
            while (b < hi)
                tmp[k++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

/* ---- k-d tree dominance test -------------------------------------------- */

typedef struct kdtree {
    size_t n, P;
    size_t *pt;          /* n: point at each node (implicit tree) */
    double *hi;          /* n x P: subtree maximum */
    const double *u;     /* the candidates */
    const double *delta; /* P: least robust difference (see robust()) */
} kdtree;

/*
 * 1 if x >= y everywhere and x exceeds y by more than delta_p in some
 * coordinate p: then x + c stays strictly above y + c in p whatever the
 * remaining additions round to (each can narrow a gap by at most
 * eps M_p), so y can be dropped.  A candidate that another exceeds only
 * by a few ulps is kept until a later stage decides.
 */
static int robust(const double *x, const double *y, const double *delta,
                  size_t P)
{
    size_t p;
    int strict = 0;

    for (p = 0; p < P; p++) {
        if (x[p] < y[p])
            return 0;
        if (x[p] - y[p] > delta[p])
            strict = 1;
    }
    return strict;
}

/* Quickselect on idx[lo..hi) by coordinate `axis` so that idx[k] is in its
 * sorted place (ties by index, so the result is deterministic). */
static void select_axis(size_t *idx, size_t lo, size_t hi, size_t k,
                        const double *u, size_t P, size_t axis)
{
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, i, store;
        size_t pivot = idx[mid], t;
        double pv = u[pivot * P + axis];

        t = idx[mid];
        idx[mid] = idx[hi - 1];
        idx[hi - 1] = t;
        store = lo;
        for (i = lo; i + 1 < hi; i++) {
            double x = u[idx[i] * P + axis];

            if (x < pv || (x == pv && idx[i] < pivot)) {
                t = idx[i];
                idx[i] = idx[store];
                idx[store] = t;
                store++;
            }
        }
        t = idx[store];
        idx[store] = idx[hi - 1];
        idx[hi - 1] = t;
        if (k == store)
            return;
        if (k < store)
            hi = store;
        else
            lo = store + 1;
    }
}

/*
 * Builds the implicit tree over idx[lo..hi): the node of a range is its
 * median (by the depth's axis), stored at position mid of the arrays;
 * the children are the ranges left and right of it.  Iterative with an
 * explicit stack (depth <= 2 log2 n + 2).
 */
static void kd_build(kdtree *t, size_t *idx, size_t *stack)
{
    size_t sp = 0, P = t->P;

    if (!t->n)
        return;
    stack[sp++] = 0;
    stack[sp++] = t->n;
    stack[sp++] = 0;
    while (sp) {
        size_t depth = stack[--sp], hi = stack[--sp], lo = stack[--sp];
        size_t mid = lo + (hi - lo) / 2;

        select_axis(idx, lo, hi, mid, t->u, P, depth % P);
        if (mid > lo) {
            stack[sp++] = lo;
            stack[sp++] = mid;
            stack[sp++] = depth + 1;
        }
        if (hi > mid + 1) {
            stack[sp++] = mid + 1;
            stack[sp++] = hi;
            stack[sp++] = depth + 1;
        }
    }
    memcpy(t->pt, idx, t->n * sizeof *idx);
}

/* Subtree maxima, bottom-up over the implicit tree (recursion on ranges
 * replaced by a post-order pass with an explicit stack). */
static void kd_maxima(kdtree *t, size_t *stack)
{
    size_t sp = 0, P = t->P, p;

    if (!t->n)
        return;
    /* entries: lo, hi, state (0 = children pending, 1 = children done) */
    stack[sp++] = 0;
    stack[sp++] = t->n;
    stack[sp++] = 0;
    while (sp) {
        size_t state = stack[--sp], hi = stack[--sp], lo = stack[--sp];
        size_t mid = lo + (hi - lo) / 2;

        if (state == 0) {
            stack[sp++] = lo;
            stack[sp++] = hi;
            stack[sp++] = 1;
            if (mid > lo) {
                stack[sp++] = lo;
                stack[sp++] = mid;
                stack[sp++] = 0;
            }
            if (hi > mid + 1) {
                stack[sp++] = mid + 1;
                stack[sp++] = hi;
                stack[sp++] = 0;
            }
            continue;
        }
        for (p = 0; p < P; p++) {
            double m = t->u[t->pt[mid] * P + p];

            if (mid > lo) {
                size_t l = lo + (mid - lo) / 2;

                if (t->hi[l * P + p] > m)
                    m = t->hi[l * P + p];
            }
            if (hi > mid + 1) {
                size_t r = mid + 1 + (hi - mid - 1) / 2;

                if (t->hi[r * P + p] > m)
                    m = t->hi[r * P + p];
            }
            t->hi[mid * P + p] = m;
        }
    }
}

/* 1 if some candidate other than q is >= u_q in every coordinate. */
static int kd_dominated(const kdtree *t, size_t q, size_t *stack)
{
    size_t sp = 0, P = t->P, p;
    const double *uq = t->u + q * P;

    stack[sp++] = 0;
    stack[sp++] = t->n;
    stack[sp++] = 0;
    while (sp) {
        size_t depth = stack[--sp], hi = stack[--sp], lo = stack[--sp];
        size_t mid = lo + (hi - lo) / 2, node = t->pt[mid], axis = depth % P;
        const double *box = t->hi + mid * P;
        const double *un = t->u + node * P;

        for (p = 0; p < P; p++)
            if (box[p] < uq[p])
                break;
        if (p < P)
            continue; /* nothing in this subtree reaches q everywhere */
        if (node != q && robust(un, uq, t->delta, P))
            return 1;
        /* the left range holds values <= the node's on the axis: visit
         * the right (higher) range first by pushing it last */
        if (mid > lo && un[axis] >= uq[axis]) {
            stack[sp++] = lo;
            stack[sp++] = mid;
            stack[sp++] = depth + 1;
        }
        if (hi > mid + 1) {
            stack[sp++] = mid + 1;
            stack[sp++] = hi;
            stack[sp++] = depth + 1;
        }
    }
    return 0;
}

/* ---- non-dominated filter ------------------------------------------------ */

/*
 * Marks keep[i] = 1 for the candidates among the distinct vectors listed
 * in order[0..n) (sorted lexicographically descending) that no other
 * candidate dominates robustly (see robust(); delta 0 is plain dominance).
 * scratch holds n doubles (P = 2).
 */
static parley_status nd_filter(parley_ctx *ctx, const double *u, size_t P,
                               const size_t *order, size_t n,
                               unsigned char *keep, const double *delta,
                               double *scratch, int threads)
{
    size_t i;

    if (n == 0)
        return PARLEY_OK;
    if (P == 1) { /* the maximum, and what is within delta of it */
        for (i = 0; i < n; i++)
            keep[order[i]] = !(u[order[0]] - u[order[i]] > delta[0]);
        return PARLEY_OK;
    }
    if (P == 2) {
        /* u_0 descending: every earlier point has u_0 >= mine.  A point is
         * dropped if an earlier one has u_1 beyond mine by more than
         * delta_1, or if one whose u_0 exceeds mine by more than delta_0
         * has u_1 >= mine.  scratch[i] = the largest u_1 among the first
         * i + 1 points (a prefix maximum); the points exceeding mine by
         * delta_0 in u_0 are a prefix, found by binary search. */
        double best = -INFINITY;

        for (i = 0; i < n; i++) {
            double x = u[order[i] * 2], y = u[order[i] * 2 + 1];
            size_t lo = 0, hi = i; /* first index with u_0 <= x + d0 */
            int drop = i > 0 && best - y > delta[1];

            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;

                if (u[order[mid] * 2] - x > delta[0])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo > 0 && scratch[lo - 1] >= y)
                drop = 1;
            keep[order[i]] = !drop;
            best = y > best ? y : best;
            scratch[i] = best;
        }
        return PARLEY_OK;
    }
    {
        kdtree t;
        size_t *idx, *stack, depth_cap = 12 * 66;
        int n_threads = threads > 0 ? threads : omp_get_max_threads();
        long long q, nn = (long long)n;
        parley_status status = PARLEY_OK;

        t.n = n;
        t.P = P;
        t.u = u;
        t.delta = delta;
        t.pt = parley_i_alloc_array(ctx, n, sizeof *t.pt);
        t.hi = parley_i_alloc_array(ctx, n * P, sizeof *t.hi);
        idx = parley_i_alloc_array(ctx, n, sizeof *idx);
        /* one stack per thread: every level of the implicit tree (depth
         * <= 64) pushes at most 9 entries (kd_maxima), 12 x 66 covers it */
        stack = parley_i_alloc_array(ctx, depth_cap * (size_t)n_threads,
                                     sizeof *stack);
        if (!t.pt || !t.hi || !idx || !stack) {
            status = parley_i_nomem(ctx);
            goto done;
        }
        memcpy(idx, order, n * sizeof *idx);
        kd_build(&t, idx, stack);
        kd_maxima(&t, stack);
#pragma omp parallel for schedule(dynamic, 256) num_threads(n_threads)
        for (q = 0; q < nn; q++) {
            size_t *my = stack + depth_cap * (size_t)omp_get_thread_num();

            keep[order[q]] = !kd_dominated(&t, order[q], my);
        }
    done:
        FREE_ARRAY(ctx, t.pt, n);
        FREE_ARRAY(ctx, t.hi, n * P);
        FREE_ARRAY(ctx, idx, n);
        FREE_ARRAY(ctx, stack, depth_cap * (size_t)n_threads);
        return status;
    }
}

/* Classes of dimension d that no other class of d dominates robustly
 * (kept[c]): a dominated class never reaches the frontier.  The classes
 * are distinct vectors, so this is the same filter as a stage's, over
 * buffers of max_class entries (order, tmp, zero, id, scratch). */
static parley_status dim_undominated(parley_ctx *ctx, const parley_i_view *v,
                                     size_t d, const double *delta,
                                     unsigned char *kept, size_t *order,
                                     size_t *tmp, const size_t *zero,
                                     const size_t *id, double *scratch,
                                     int threads)
{
    size_t n = v->n_class[d], c;
    sort_ctx sc;

    sc.u = v->util[d];
    sc.parent = zero;
    sc.cls = id;
    sc.P = v->P;
    for (c = 0; c < n; c++) {
        order[c] = c;
        kept[c] = 0;
    }
    merge_sort(order, tmp, n, &sc, cmp_lex_desc);
    return nd_filter(ctx, v->util[d], v->P, order, n, kept, delta, scratch,
                     threads);
}

parley_status parley_i_frontier_compute(parley_ctx *ctx, const parley_i_view *v,
                                        int zone_only, size_t max_points,
                                        int threads, parley_i_frontier *out)
{
    size_t P = v->P, D = v->D, d, i, p, c, n_stages = 0, max_class = 1;
    stage *stages = NULL;
    double *suffix_max = NULL, *suffix_abs = NULL, *delta = NULL;
    size_t *class_buf = NULL; /* order, tmp, zeros, identity */
    double *class_scratch = NULL;
    unsigned char *kept_class = NULL;
    parley_status status = PARLEY_OK;

    memset(out, 0, sizeof *out);
    out->P = P;
    out->D = D;
    out->complete = 1;
    if (D == 0 || v->n_points == 0)
        return PARLEY_OK;
    for (d = 0; d < D; d++)
        if (v->n_class[d] > max_class)
            max_class = v->n_class[d];
    stages = parley_i_alloc_array(ctx, D, sizeof *stages);
    suffix_max = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *suffix_max);
    suffix_abs = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *suffix_abs);
    kept_class = parley_i_alloc_array(ctx, max_class, sizeof *kept_class);
    delta = parley_i_alloc_array(ctx, 2 * P, sizeof *delta);
    class_buf = parley_i_alloc_array(ctx, 4 * max_class, sizeof *class_buf);
    class_scratch = parley_i_alloc_array(ctx, max_class, sizeof *class_scratch);
    if (!stages || !suffix_max || !suffix_abs || !kept_class || !delta ||
        !class_buf || !class_scratch) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (c = 0; c < max_class; c++) { /* zeros and identity */
        class_buf[2 * max_class + c] = 0;
        class_buf[3 * max_class + c] = c;
    }
    /* best completion of dimensions d.. for the zone test */
    for (p = 0; p < P; p++)
        suffix_max[D * P + p] = suffix_abs[D * P + p] = 0.0;
    for (d = D; d-- > 0;)
        for (p = 0; p < P; p++) {
            double mx = -INFINITY, ab = 0.0;

            for (c = 0; c < v->n_class[d]; c++) {
                double x = v->util[d][c * P + p];

                mx = x > mx ? x : mx;
                ab = fabs(x) > ab ? fabs(x) : ab;
            }
            suffix_max[d * P + p] = suffix_max[(d + 1) * P + p] + mx;
            suffix_abs[d * P + p] = suffix_abs[(d + 1) * P + p] + ab;
        }
    for (d = 0; d < D; d++) {
        const stage *prev = d ? &stages[d - 1] : NULL;
        size_t n_prev = d ? prev->n : 1, n_cand = 0, n_keep = 0, n_kc = 0;
        size_t *order = NULL, *tmp = NULL, n_distinct = 0;
        double *cu = NULL;
        long double *cm = NULL;
        size_t *cp = NULL, *cc = NULL;
        unsigned char *keep = NULL;
        double *scratch = NULL;
        sort_ctx sc;

        /* robustness margins: r more additions follow this stage */
        for (p = 0; p < P; p++) {
            double eps_m = 2.0 * DBL_EPSILON * suffix_abs[p];

            delta[p] = eps_m * (double)(D - 1 - d);
            delta[P + p] = eps_m * (double)(D - d);
        }
        status =
            dim_undominated(ctx, v, d, delta + P, kept_class, class_buf,
                            class_buf + max_class, class_buf + 2 * max_class,
                            class_buf + 3 * max_class, class_scratch, threads);
        if (status)
            goto done;
        for (c = 0; c < v->n_class[d]; c++)
            n_kc += kept_class[c];
        n_cand = n_prev * n_kc;
        if (n_cand) {
            cu = parley_i_alloc_array(ctx, n_cand * P, sizeof *cu);
            cm = parley_i_alloc_array(ctx, n_cand, sizeof *cm);
            cp = parley_i_alloc_array(ctx, n_cand, sizeof *cp);
            cc = parley_i_alloc_array(ctx, n_cand, sizeof *cc);
            order = parley_i_alloc_array(ctx, n_cand, sizeof *order);
            tmp = parley_i_alloc_array(ctx, n_cand, sizeof *tmp);
            keep = parley_i_alloc_array(ctx, n_cand, sizeof *keep);
            scratch = parley_i_alloc_array(ctx, n_cand, sizeof *scratch);
        }
        if (n_cand &&
            (!cu || !cm || !cp || !cc || !order || !tmp || !keep || !scratch)) {
            status = parley_i_nomem(ctx);
            goto stage_done;
        }
        /* candidates: prefix + class, dropping prefixes that cannot reach
         * the zone */
        n_cand = 0;
        for (i = 0; i < n_prev; i++) {
            const double *a = d ? prev->u + i * P : NULL;

            for (c = 0; c < v->n_class[d]; c++) {
                double *x = cu + n_cand * P;
                int ok = 1;

                if (!kept_class[c])
                    continue;
                for (p = 0; p < P; p++)
                    x[p] = (a ? a[p] : 0.0) + v->util[d][c * P + p];
                if (zone_only)
                    for (p = 0; p < P && ok; p++) {
                        if (d + 1 == D)
                            ok = x[p] >= v->d[p];
                        else {
                            double slack = 1e-9 * (1.0 + fabs(x[p]) +
                                                   suffix_abs[(d + 1) * P + p] +
                                                   fabs(v->d[p]));

                            ok = x[p] + suffix_max[(d + 1) * P + p] >=
                                 v->d[p] - slack;
                        }
                    }
                if (!ok)
                    continue;
                cm[n_cand] =
                    (d ? prev->mult[i] : 1.0L) * (long double)v->mult[d][c];
                cp[n_cand] = i;
                cc[n_cand] = c;
                order[n_cand] = n_cand;
                n_cand++;
            }
        }
        sc.u = cu;
        sc.parent = cp;
        sc.cls = cc;
        sc.P = P;
        merge_sort(order, tmp, n_cand, &sc, cmp_lex_desc);
        /* merge equal vectors into the first (lowest package) of each
         * run; the others' counts are added to it */
        for (i = 0; i < n_cand; i++) {
            if (n_distinct &&
                memcmp(cu + order[i] * P, cu + order[n_distinct - 1] * P,
                       P * sizeof *cu) == 0) {
                cm[order[n_distinct - 1]] += cm[order[i]];
                continue;
            }
            order[n_distinct++] = order[i];
        }
        memset(keep, 0, n_cand);
        status = nd_filter(ctx, cu, P, order, n_distinct, keep, delta, scratch,
                           threads);
        if (status)
            goto stage_done;
        for (i = 0; i < n_distinct; i++)
            n_keep += keep[order[i]];
        if (n_keep > max_points) {
            out->complete = 0;
            goto stage_done;
        }
        /* the stage, in package order */
        for (i = 0, n_keep = 0; i < n_distinct; i++)
            if (keep[order[i]])
                order[n_keep++] = order[i];
        merge_sort(order, tmp, n_keep, &sc, cmp_pkg);
        status = stage_alloc(ctx, &stages[d], n_keep, P);
        if (status)
            goto stage_done;
        n_stages = d + 1;
        for (i = 0; i < n_keep; i++) {
            size_t j = order[i];

            memcpy(stages[d].u + i * P, cu + j * P, P * sizeof *cu);
            stages[d].mult[i] = cm[j];
            stages[d].parent[i] = cp[j];
            stages[d].cls[i] = cc[j];
        }
    stage_done:
        FREE_ARRAY(ctx, cu, n_prev * n_kc * P);
        FREE_ARRAY(ctx, cm, n_prev * n_kc);
        FREE_ARRAY(ctx, cp, n_prev * n_kc);
        FREE_ARRAY(ctx, cc, n_prev * n_kc);
        FREE_ARRAY(ctx, order, n_prev * n_kc);
        FREE_ARRAY(ctx, tmp, n_prev * n_kc);
        FREE_ARRAY(ctx, keep, n_prev * n_kc);
        FREE_ARRAY(ctx, scratch, n_prev * n_kc);
        if (status || !out->complete)
            goto done;
        if (stages[d].n == 0) { /* nothing reaches the zone */
            n_stages = d + 1;
            break;
        }
    }
    /* the final stage, with packages rebuilt through the parents */
    if (n_stages == D) {
        const stage *last = &stages[D - 1];
        size_t n = last->n;

        if (n) {
            out->u = parley_i_alloc_array(ctx, n * P, sizeof *out->u);
            out->mult = parley_i_alloc_array(ctx, n, sizeof *out->mult);
            out->pkg = parley_i_alloc_array(ctx, n * D, sizeof *out->pkg);
            if (!out->u || !out->mult || !out->pkg) {
                FREE_ARRAY(ctx, out->u, n * P);
                FREE_ARRAY(ctx, out->mult, n);
                FREE_ARRAY(ctx, out->pkg, n * D);
                out->u = NULL;
                out->mult = NULL;
                out->pkg = NULL;
                status = parley_i_nomem(ctx);
                goto done;
            }
            out->n = n;
            memcpy(out->u, last->u, n * P * sizeof *out->u);
            memcpy(out->mult, last->mult, n * sizeof *out->mult);
            for (i = 0; i < n; i++) {
                size_t j = i;

                for (d = D; d-- > 0;) {
                    out->pkg[i * D + d] = stages[d].cls[j];
                    j = stages[d].parent[j];
                }
            }
        }
    }
done:
    for (d = 0; d < n_stages; d++)
        stage_destroy(ctx, &stages[d], P);
    FREE_ARRAY(ctx, stages, D);
    FREE_ARRAY(ctx, suffix_max, (D + 1) * P);
    FREE_ARRAY(ctx, suffix_abs, (D + 1) * P);
    FREE_ARRAY(ctx, kept_class, max_class);
    FREE_ARRAY(ctx, delta, 2 * P);
    FREE_ARRAY(ctx, class_buf, 4 * max_class);
    FREE_ARRAY(ctx, class_scratch, max_class);
    if (status)
        parley_i_frontier_destroy(ctx, out);
    return status;
}
