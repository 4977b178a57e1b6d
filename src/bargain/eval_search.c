/*
 * eval_search.c -- candidates and the budgeted branch and bound of
 * proposal evaluation and repair.  See eval_search.h for the model and
 * the bounds, docs/models/evaluation.md for the questions it answers.
 */
#include "bargain/eval_search.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Relative width of the safety margin on bounds (eval_search.h). */
#define MARGIN 1e-9
/* Subgradient steps for the Lagrangian weights at the root. */
#define LAGRANGE_ITERATIONS 100

/* ---- candidates ---------------------------------------------------------- */

/*
 * Party contributions of dimension d for member options opt (scenario
 * option indices, one per member): members in order, then the dimension's
 * links in order -- the same operations in the same order as space.c's
 * table, so a package's sum over dimensions equals parley_i_space_eval to
 * the last bit.
 */
static void combo_utility(const parley_i_space *sp, size_t d, const size_t *opt,
                          double *out)
{
    const parley_i_dim *dim = &sp->dims[d];
    size_t P = sp->n_parties, m, p, l;

    for (p = 0; p < P; p++)
        out[p] = 0.0;
    for (m = 0; m < dim->n_members; m++) {
        const double *c = sp->issues[dim->members[m]].contrib + opt[m] * P;

        for (p = 0; p < P; p++)
            out[p] += c[p];
    }
    for (l = 0; l < dim->n_links; l++) {
        const parley_i_link *ln = &sp->links[dim->links[l]];
        size_t ma = sp->issues[ln->issue_a].member;
        size_t mb = sp->issues[ln->issue_b].member;

        out[ln->party] += ln->weight * ln->f_a[opt[ma]] * ln->f_b[opt[mb]];
    }
}

/* Orders candidates by cost, then by the bytes of their utility row. */
typedef struct cand_key {
    const double *util;
    const size_t *cost;
    size_t P;
} cand_key;

static int cand_less(const cand_key *key, size_t i, size_t j)
{
    int c;

    if (key->cost[i] != key->cost[j])
        return key->cost[i] < key->cost[j];
    c = memcmp(key->util + i * key->P, key->util + j * key->P,
               key->P * sizeof *key->util);
    return c < 0;
}

/* Stable bottom-up merge sort of idx[0..n) (tmp: n scratch entries). */
static void sort_candidates(const cand_key *key, size_t *idx, size_t *tmp,
                            size_t n)
{
    size_t width, lo;

    for (width = 1; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;

            while (a < mid || b < hi) {
                if (a < mid && (b == hi || !cand_less(key, idx[b], idx[a])))
                    tmp[k++] = idx[a++];
                else
                    tmp[k++] = idx[b++];
            }
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

void parley_i_ecand_destroy(const parley_ctx *ctx, parley_i_ecand *c)
{
    if (!c)
        return;
    FREE_ARRAY(ctx, c->n_cls, c->D);
    FREE_ARRAY(ctx, c->off, c->D);
    FREE_ARRAY(ctx, c->max_cost, c->D);
    FREE_ARRAY(ctx, c->util, c->cap * c->P);
    FREE_ARRAY(ctx, c->cost, c->cap);
    FREE_ARRAY(ctx, c->mult, c->cap);
    FREE_ARRAY(ctx, c->rank, c->cap);
    FREE_ARRAY(ctx, c->tuple, c->cap * c->max_members);
    memset(c, 0, sizeof *c);
}

/* Number of candidates of dimension d (0 if some member allows nothing);
 * SIZE_MAX above limit. */
static size_t count_candidates(const parley_i_space *sp, size_t d,
                               const unsigned char *allowed,
                               const size_t *opt_off, size_t limit)
{
    const parley_i_dim *dim = &sp->dims[d];
    size_t count = 1, m, o;

    for (m = 0; m < dim->n_members; m++) {
        size_t k = dim->members[m], n = 0;

        for (o = 0; o < sp->issues[k].n_options; o++)
            n += allowed[opt_off[k] + o] != 0;
        if (!n)
            return 0;
        if (count > limit / n)
            count = SIZE_MAX;
        else
            count *= n;
    }
    return count;
}

parley_status parley_i_ecand_build(parley_ctx *ctx, const parley_i_space *sp,
                                   const unsigned char *allowed,
                                   const size_t *opt_off,
                                   const size_t *reference,
                                   const unsigned char *counted,
                                   size_t max_composite, parley_i_ecand *out)
{
    size_t P = sp->n_parties, D = sp->n_dims, d, m, total = 0, biggest = 0;
    size_t M = 1, *idx = NULL, *tmp = NULL, *ccost = NULL, *ctuple = NULL;
    double *cutil = NULL;
    parley_status status = PARLEY_OK;
    cand_key key;

    memset(out, 0, sizeof *out);
    out->P = P;
    out->D = D;
    for (d = 0; d < D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t limit = dim->n_members > 1 ? max_composite : SIZE_MAX;
        size_t n = count_candidates(sp, d, allowed, opt_off, limit);

        if (n == SIZE_MAX || (dim->n_members > 1 && n > max_composite))
            return parley_i_error(
                ctx, PARLEY_ELIMIT, sp->scenario->file, 0, 0,
                "linked issues starting with '%s' form a group of more "
                "than %zu packages, expected fewer (raise --max-composite "
                "or drop a linkage)",
                sp->scenario->issues[dim->members[0]].id, max_composite);
        if (total > SIZE_MAX - n)
            return parley_i_error(ctx, PARLEY_ELIMIT, sp->scenario->file, 0, 0,
                                  "too many candidate options, expected "
                                  "fewer options per issue");
        total += n;
        biggest = n > biggest ? n : biggest;
        M = dim->n_members > M ? dim->n_members : M;
    }
    out->max_members = M;
    out->cap = total;
    out->n_cls = parley_i_alloc_array(ctx, D, sizeof *out->n_cls);
    out->off = parley_i_alloc_array(ctx, D, sizeof *out->off);
    out->max_cost = parley_i_alloc_array(ctx, D, sizeof *out->max_cost);
    if (total) {
        out->util = parley_i_alloc_array(ctx, total * P, sizeof *out->util);
        out->cost = parley_i_alloc_array(ctx, total, sizeof *out->cost);
        out->mult = parley_i_alloc_array(ctx, total, sizeof *out->mult);
        out->rank = parley_i_alloc_array(ctx, total, sizeof *out->rank);
        out->tuple = parley_i_alloc_array(ctx, total * M, sizeof *out->tuple);
        idx = parley_i_alloc_array(ctx, biggest, sizeof *idx);
        tmp = parley_i_alloc_array(ctx, biggest, sizeof *tmp);
        ccost = parley_i_alloc_array(ctx, biggest, sizeof *ccost);
        ctuple = parley_i_alloc_array(ctx, biggest * M, sizeof *ctuple);
        cutil = parley_i_alloc_array(ctx, biggest * P, sizeof *cutil);
    }
    if (!out->n_cls || !out->off || !out->max_cost ||
        (total &&
         (!out->util || !out->cost || !out->mult || !out->rank || !out->tuple ||
          !idx || !tmp || !ccost || !ctuple || !cutil))) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    key.util = cutil;
    key.cost = ccost;
    key.P = P;
    for (d = 0; d < D; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        size_t Md = dim->n_members, n, c, i, opt_of[64];

        out->off[d] = out->total;
        n = count_candidates(sp, d, allowed, opt_off, SIZE_MAX);
        if (!n)
            continue;
        /* odometer over the allowed options, last member fastest */
        for (m = 0; m < Md; m++) {
            size_t k = dim->members[m];

            opt_of[m] = 0;
            while (!allowed[opt_off[k] + opt_of[m]])
                opt_of[m]++;
        }
        for (c = 0; c < n; c++) {
            size_t cost = 0;

            memcpy(ctuple + c * M, opt_of, Md * sizeof *opt_of);
            combo_utility(sp, d, opt_of, cutil + c * P);
            for (m = 0; m < Md; m++) {
                size_t k = dim->members[m];

                if (reference && (!counted || counted[k]) &&
                    opt_of[m] != reference[k])
                    cost++;
            }
            ccost[c] = cost;
            idx[c] = c;
            for (m = Md; m-- > 0;) {
                size_t k = dim->members[m], first = 0;
                size_t no = sp->issues[k].n_options;

                do
                    opt_of[m]++;
                while (opt_of[m] < no && !allowed[opt_off[k] + opt_of[m]]);
                if (opt_of[m] < no)
                    break;
                while (!allowed[opt_off[k] + first])
                    first++;
                opt_of[m] = first;
            }
        }
        sort_candidates(&key, idx, tmp, n);
        for (i = 0; i < n;) {
            size_t j = i + 1, cls = out->total, best = idx[i];

            while (j < n && !cand_less(&key, idx[i], idx[j]))
                j++; /* equal keys: the run idx[i..j) */
            for (c = i; c < j; c++)
                best = idx[c] < best ? idx[c] : best;
            memcpy(out->util + cls * P, cutil + best * P, P * sizeof *cutil);
            out->cost[cls] = ccost[best];
            out->mult[cls] = (double)(j - i);
            out->rank[cls] = best;
            memcpy(out->tuple + cls * M, ctuple + best * M, M * sizeof *ctuple);
            if (ccost[best] > out->max_cost[d])
                out->max_cost[d] = ccost[best];
            out->total++;
            out->n_cls[d]++;
            i = j;
        }
        out->sum_max_cost += out->max_cost[d];
    }
done:
    FREE_ARRAY(ctx, idx, biggest);
    FREE_ARRAY(ctx, tmp, biggest);
    FREE_ARRAY(ctx, ccost, biggest);
    FREE_ARRAY(ctx, ctuple, biggest * M);
    FREE_ARRAY(ctx, cutil, biggest * P);
    if (status)
        parley_i_ecand_destroy(ctx, out);
    return status;
}

void parley_i_ecand_decode(const parley_i_space *sp, const parley_i_ecand *c,
                           const size_t *pkg, size_t *issue_option)
{
    size_t d, m;

    for (d = 0; d < sp->n_dims; d++) {
        const parley_i_dim *dim = &sp->dims[d];
        const size_t *t = c->tuple + pkg[d] * c->max_members;

        for (m = 0; m < dim->n_members; m++)
            issue_option[dim->members[m]] = t[m];
    }
}

/* ---- the search workspace ------------------------------------------------ */

/* A child of a node: its bound and class (global index). */
struct child {
    double bound;
    size_t cls;
};

struct parley_i_es {
    const parley_i_ecand *c;
    size_t P, D;
    size_t cols; /* budget columns of the tables */
    int relaxed; /* 1: tables ignore costs (one column) */
    size_t max_budget, max_nodes;
    size_t *order;     /* depth -> dimension */
    size_t *koff;      /* depth -> first entry in kids */
    double *hi, *lo;   /* (D + 1) x cols x P */
    double *lag, *tan; /* (D + 1) x cols: weighted completion tables */
    size_t *arg;       /* D x cols: argmax class of the last weighted DP */
    double *mag;       /* P: sum over dimensions of max |util| */
    double *margin;    /* P: per query */
    double *lambda, *gain, *trial, *w; /* P each */
    double *pre;                       /* (D + 1) x P: prefix sums by depth */
    size_t *used;                      /* D + 1: cost so far by depth */
    size_t *min_cost; /* D + 1: least cost of the depths >= k */
    size_t *pkg;                       /* D: chosen class per dimension */
    size_t *low_pkg;    /* D: lowest tied package (second pass) */
    double *u;          /* P */
    struct child *kids; /* one slot per class */
    /* the running question */
    const parley_i_es_query *q;
    size_t budget; /* q->budget, or SIZE_MAX */
    int zone;      /* the lag table is a zone test on the floors */
    int have_lag, have_tan;
    double tan_const;
    int pass, found;
    double best, threshold;
    long double count;
    size_t nodes;
    int exhausted;
    parley_i_es_result *r;
};

void parley_i_es_free(const parley_ctx *ctx, parley_i_es *e)
{
    size_t P, D, cols;

    if (!e)
        return;
    P = e->P;
    D = e->D;
    cols = e->cols;
    FREE_ARRAY(ctx, e->order, D);
    FREE_ARRAY(ctx, e->koff, D);
    FREE_ARRAY(ctx, e->hi, (D + 1) * cols * P);
    FREE_ARRAY(ctx, e->lo, (D + 1) * cols * P);
    FREE_ARRAY(ctx, e->lag, (D + 1) * cols);
    FREE_ARRAY(ctx, e->tan, (D + 1) * cols);
    FREE_ARRAY(ctx, e->arg, D * cols);
    FREE_ARRAY(ctx, e->mag, P);
    FREE_ARRAY(ctx, e->margin, P);
    FREE_ARRAY(ctx, e->lambda, 4 * P);
    FREE_ARRAY(ctx, e->pre, (D + 1) * P);
    FREE_ARRAY(ctx, e->used, D + 1);
    FREE_ARRAY(ctx, e->min_cost, D + 1);
    FREE_ARRAY(ctx, e->pkg, D);
    FREE_ARRAY(ctx, e->low_pkg, D);
    FREE_ARRAY(ctx, e->u, P);
    FREE_ARRAY(ctx, e->kids, e->c->total ? e->c->total : 1);
    parley_i_free(ctx, e, sizeof *e);
}

/* Branching order: largest spread of contributions first (ties by
 * dimension index). */
static void choose_order(parley_i_es *e)
{
    const parley_i_ecand *c = e->c;
    size_t P = e->P, D = e->D, d, i, j, p, k;
    double *spread = e->lag; /* scratch: D + 1 <= (D + 1) x cols */

    for (d = 0; d < D; d++) {
        spread[d] = 0.0;
        for (p = 0; p < P; p++) {
            double lo = INFINITY, hi = -INFINITY;

            for (i = 0; i < c->n_cls[d]; i++) {
                double x = c->util[(c->off[d] + i) * P + p];

                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
            if (c->n_cls[d])
                spread[d] += hi - lo;
        }
        e->order[d] = d;
    }
    for (i = 1; i < D; i++)
        for (j = i; j > 0 && spread[e->order[j - 1]] < spread[e->order[j]];
             j--) {
            size_t t = e->order[j];

            e->order[j] = e->order[j - 1];
            e->order[j - 1] = t;
        }
    for (k = 0, i = 0; k < D; k++) {
        e->koff[k] = i;
        i += c->n_cls[e->order[k]];
    }
}

/* hi / lo tables: per party, the best / worst sum over the dimensions at
 * depths >= k within each budget column. */
static void build_extremes(parley_i_es *e)
{
    const parley_i_ecand *c = e->c;
    size_t P = e->P, D = e->D, cols = e->cols, k, b, i, p;

    for (b = 0; b < cols; b++)
        for (p = 0; p < P; p++) {
            e->hi[(D * cols + b) * P + p] = 0.0;
            e->lo[(D * cols + b) * P + p] = 0.0;
        }
    for (p = 0; p < P; p++)
        e->mag[p] = 0.0;
    e->min_cost[D] = 0;
    for (k = D; k-- > 0;) {
        size_t dd = e->order[k], least = SIZE_MAX;

        for (i = c->off[dd]; i < c->off[dd] + c->n_cls[dd]; i++)
            least = c->cost[i] < least ? c->cost[i] : least;
        e->min_cost[k] = least == SIZE_MAX || e->min_cost[k + 1] == SIZE_MAX
                             ? SIZE_MAX
                             : e->min_cost[k + 1] + least;
    }
    for (k = D; k-- > 0;) {
        size_t d = e->order[k];

        for (b = 0; b < cols; b++) {
            double *hi = e->hi + (k * cols + b) * P;
            double *lo = e->lo + (k * cols + b) * P;

            for (p = 0; p < P; p++) {
                hi[p] = -INFINITY;
                lo[p] = INFINITY;
            }
            for (i = c->off[d]; i < c->off[d] + c->n_cls[d]; i++) {
                size_t cost = e->relaxed ? 0 : c->cost[i];
                const double *nhi, *nlo, *row = c->util + i * P;

                if (cost > b)
                    continue;
                nhi = e->hi + ((k + 1) * cols + b - cost) * P;
                nlo = e->lo + ((k + 1) * cols + b - cost) * P;
                for (p = 0; p < P; p++) {
                    double x = row[p] + nhi[p], y = row[p] + nlo[p];

                    hi[p] = x > hi[p] ? x : hi[p];
                    lo[p] = y < lo[p] ? y : lo[p];
                }
            }
        }
        for (p = 0; p < P; p++) {
            double mx = 0.0;

            for (i = c->off[d]; i < c->off[d] + c->n_cls[d]; i++)
                mx = fabs(c->util[i * P + p]) > mx ? fabs(c->util[i * P + p])
                                                   : mx;
            e->mag[p] += mx;
        }
    }
}

parley_status parley_i_es_init(parley_ctx *ctx, const parley_i_ecand *c,
                               size_t max_budget, size_t max_nodes,
                               parley_i_es **out)
{
    parley_i_es *e;
    size_t P = c->P, D = c->D, cols = 1;

    *out = NULL;
    e = parley_i_alloc(ctx, sizeof *e);
    if (!e)
        return parley_i_nomem(ctx);
    e->c = c;
    e->P = P;
    e->D = D;
    e->max_budget = max_budget;
    e->max_nodes = max_nodes;
    e->relaxed = 1;
    if (max_budget != SIZE_MAX && c->sum_max_cost > 0) {
        size_t top = max_budget < c->sum_max_cost ? max_budget
                                                  : c->sum_max_cost;

        if (top + 1 <= PARLEY_I_ES_MAX_TABLE / ((D + 1) * (P + 2))) {
            e->relaxed = 0;
            cols = top + 1;
        }
    }
    e->cols = cols;
    e->order = parley_i_alloc_array(ctx, D, sizeof *e->order);
    e->koff = parley_i_alloc_array(ctx, D, sizeof *e->koff);
    e->hi = parley_i_alloc_array(ctx, (D + 1) * cols * P, sizeof *e->hi);
    e->lo = parley_i_alloc_array(ctx, (D + 1) * cols * P, sizeof *e->lo);
    e->lag = parley_i_alloc_array(ctx, (D + 1) * cols, sizeof *e->lag);
    e->tan = parley_i_alloc_array(ctx, (D + 1) * cols, sizeof *e->tan);
    e->arg = parley_i_alloc_array(ctx, D * cols, sizeof *e->arg);
    e->mag = parley_i_alloc_array(ctx, P, sizeof *e->mag);
    e->margin = parley_i_alloc_array(ctx, P, sizeof *e->margin);
    e->lambda = parley_i_alloc_array(ctx, 4 * P, sizeof *e->lambda);
    e->pre = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *e->pre);
    e->used = parley_i_alloc_array(ctx, D + 1, sizeof *e->used);
    e->min_cost = parley_i_alloc_array(ctx, D + 1, sizeof *e->min_cost);
    e->pkg = parley_i_alloc_array(ctx, D, sizeof *e->pkg);
    e->low_pkg = parley_i_alloc_array(ctx, D, sizeof *e->low_pkg);
    e->u = parley_i_alloc_array(ctx, P, sizeof *e->u);
    e->kids =
        parley_i_alloc_array(ctx, c->total ? c->total : 1, sizeof *e->kids);
    if (!e->order || !e->koff || !e->hi || !e->lo || !e->lag || !e->tan ||
        !e->arg || !e->mag || !e->margin || !e->lambda || !e->pre || !e->used ||
        !e->min_cost || !e->pkg || !e->low_pkg || !e->u || !e->kids) {
        parley_i_es_free(ctx, e);
        return parley_i_nomem(ctx);
    }
    e->gain = e->lambda + P;
    e->trial = e->lambda + 2 * P;
    e->w = e->lambda + 3 * P;
    choose_order(e);
    build_extremes(e);
    *out = e;
    return PARLEY_OK;
}

/* ---- weighted completion tables --------------------------------------------
 */

/*
 * table[k][b] = the largest sum_p w_p u_p over the dimensions at depths
 * >= k with cost <= b, for columns 0..col; arg records the maximising
 * class.  Returns table[0][col].
 */
static double weighted_table(parley_i_es *e, const double *w, size_t col,
                             double *table)
{
    const parley_i_ecand *c = e->c;
    size_t P = e->P, D = e->D, cols = e->cols, k, b, i, p;

    for (b = 0; b <= col; b++)
        table[D * cols + b] = 0.0;
    for (k = D; k-- > 0;) {
        size_t d = e->order[k];

        for (b = 0; b <= col; b++) {
            double best = -INFINITY;
            size_t arg = c->off[d];

            for (i = c->off[d]; i < c->off[d] + c->n_cls[d]; i++) {
                size_t cost = e->relaxed ? 0 : c->cost[i];
                double s = 0.0;

                if (cost > b)
                    continue;
                for (p = 0; p < P; p++)
                    s += w[p] * c->util[i * P + p];
                s += table[(k + 1) * cols + b - cost];
                if (s > best) {
                    best = s;
                    arg = i;
                }
            }
            table[k * cols + b] = best;
            e->arg[k * cols + b] = arg;
        }
    }
    return table[col];
}

/* The weighted bound at the root for weights w: max_x sum_p w_p (u_p(x) -
 * base_p), with gain_p = u_p - base_p of the maximiser (a subgradient). */
static double weighted_root(parley_i_es *e, const double *w, const double *base,
                            size_t col, double *gain)
{
    const parley_i_ecand *c = e->c;
    size_t P = e->P, k, p, b = col;
    double total = weighted_table(e, w, col, e->lag);

    if (!(total > -INFINITY))
        return -INFINITY;
    for (p = 0; p < P; p++) {
        gain[p] = -base[p];
        total -= w[p] * base[p];
    }
    for (k = 0; k < e->D; k++) {
        size_t i = e->arg[k * e->cols + b];

        for (p = 0; p < P; p++)
            gain[p] += c->util[i * P + p];
        if (!e->relaxed)
            b -= c->cost[i];
    }
    return total;
}

/*
 * Lagrangian weights for max_x min_p (u_p - base_p): minimises the bound
 * max_x sum_p lambda_p (u_p - base_p) over the simplex by exponentiated
 * subgradient steps (a party with a low gain gains weight), keeping the
 * best; any lambda gives a valid bound.  Leaves e->lag built for lambda.
 */
static void lagrange(parley_i_es *e, const double *base, size_t col)
{
    size_t P = e->P, p, it;
    double best, step = 1.0, *lambda = e->lambda, *trial = e->trial;

    for (p = 0; p < P; p++)
        lambda[p] = trial[p] = 1.0 / (double)P;
    best = weighted_root(e, lambda, base, col, e->gain);
    for (it = 0; it < LAGRANGE_ITERATIONS && best > -INFINITY; it++) {
        double mean = 0.0, spread = 0.0, total = 0.0, val;

        for (p = 0; p < P; p++)
            mean += trial[p] * e->gain[p];
        for (p = 0; p < P; p++)
            if (fabs(e->gain[p] - mean) > spread)
                spread = fabs(e->gain[p] - mean);
        if (!(spread > 0))
            break;
        for (p = 0; p < P; p++) {
            trial[p] *= exp(-step * (e->gain[p] - mean) / spread);
            total += trial[p];
        }
        for (p = 0; p < P; p++)
            trial[p] /= total;
        val = weighted_root(e, trial, base, col, e->gain);
        if (val < best) {
            best = val;
            memcpy(lambda, trial, P * sizeof *trial);
        } else
            step *= 0.9;
    }
    weighted_table(e, lambda, col, e->lag);
}

/* ---- bounds and the walk ---------------------------------------------------
 */

/* An upper bound of the value over the completions of prefix a at depth k
 * with budget column col; -INFINITY when no completion meets the floors. */
static double bound(const parley_i_es *e, size_t k, const double *a, size_t col)
{
    const parley_i_es_query *q = e->q;
    const double *hi = e->hi + (k * e->cols + col) * e->P;
    const double *lo = e->lo + (k * e->cols + col) * e->P;
    const double *m = e->margin, *base = q->base;
    size_t P = e->P, p;
    double ub, lg;

    if (!(hi[0] > -INFINITY))
        return -INFINITY; /* no completion within the budget */
    if (q->floor) {
        for (p = 0; p < P; p++)
            if (a[p] + hi[p] + m[p] < q->floor[p])
                return -INFINITY;
        if (e->zone) {
            lg = e->lag[k * e->cols + col];
            for (p = 0; p < P; p++)
                lg += e->lambda[p] * (a[p] - q->floor[p] + m[p]);
            if (lg < 0)
                return -INFINITY;
        }
    }
    switch (q->kind) {
    case PARLEY_I_ES_MAXMIN:
        ub = INFINITY;
        for (p = 0; p < P; p++) {
            double g = a[p] + hi[p] - base[p] + m[p];

            ub = g < ub ? g : ub;
        }
        if (e->have_lag) {
            lg = e->lag[k * e->cols + col];
            for (p = 0; p < P; p++)
                lg += e->lambda[p] * (a[p] - base[p] + m[p]);
            ub = lg < ub ? lg : ub;
        }
        return ub;
    case PARLEY_I_ES_NASH:
        ub = 0.0;
        for (p = 0; p < P; p++) {
            double g = a[p] + hi[p] - base[p] + m[p];

            ub += g > 0 ? log(g) : -INFINITY;
        }
        if (e->have_tan) {
            lg = e->tan_const + e->tan[k * e->cols + col];
            for (p = 0; p < P; p++)
                lg += e->w[p] * (a[p] - base[p] + m[p]);
            ub = lg < ub ? lg : ub;
        }
        return ub;
    case PARLEY_I_ES_MOVED:
        ub = 0.0;
        for (p = 0; p < P; p++) {
            double l = a[p] + lo[p] - m[p], h = a[p] + hi[p] + m[p];

            if (q->floor && l < q->floor[p] - m[p])
                l = q->floor[p] - m[p];
            if (base[p] < l)
                ub -= l - base[p];
            else if (base[p] > h)
                ub -= base[p] - h;
        }
        return ub;
    case PARLEY_I_ES_WELFARE:
        ub = e->tan[k * e->cols + col];
        for (p = 0; p < P; p++)
            ub += a[p] - base[p] + m[p];
        return ub;
    }
    return -INFINITY;
}

/* The value of a complete package with utilities u (floors already met). */
static double value_of(const parley_i_es_query *q, const double *u, size_t P)
{
    size_t p;
    double v;

    switch (q->kind) {
    case PARLEY_I_ES_MAXMIN:
        v = INFINITY;
        for (p = 0; p < P; p++)
            v = u[p] - q->base[p] < v ? u[p] - q->base[p] : v;
        return v;
    case PARLEY_I_ES_NASH:
        v = 0.0;
        for (p = 0; p < P; p++)
            v += log(u[p] - q->base[p]);
        return v;
    case PARLEY_I_ES_MOVED:
        v = 0.0;
        for (p = 0; p < P; p++)
            v += fabs(u[p] - q->base[p]);
        return -v;
    case PARLEY_I_ES_WELFARE:
        v = 0.0;
        for (p = 0; p < P; p++)
            v += u[p] - q->base[p];
        return v;
    }
    return -INFINITY;
}

/* 1 if package x comes before package y (lexicographic over the
 * representatives' candidate ranks in dimension order). */
static int package_less(const parley_i_ecand *c, const size_t *x,
                        const size_t *y)
{
    size_t d;

    for (d = 0; d < c->D; d++)
        if (c->rank[x[d]] != c->rank[y[d]])
            return c->rank[x[d]] < c->rank[y[d]];
    return 0;
}

static void leaf(parley_i_es *e)
{
    const parley_i_ecand *c = e->c;
    const parley_i_es_query *q = e->q;
    size_t P = e->P, d, p, cost = 0;
    long double mult = 1.0L;
    double v;

    for (p = 0; p < P; p++)
        e->u[p] = 0.0;
    for (d = 0; d < e->D; d++) { /* canonical order */
        const double *row = c->util + e->pkg[d] * P;

        for (p = 0; p < P; p++)
            e->u[p] += row[p];
        mult *= (long double)c->mult[e->pkg[d]];
        cost += c->cost[e->pkg[d]];
    }
    if (q->floor)
        for (p = 0; p < P; p++)
            if (!(e->u[p] >= q->floor[p]))
                return;
    v = value_of(q, e->u, P);
    if (e->pass == 1) {
        if (e->found && !(v > e->best))
            return;
        e->found = 1;
        e->best = v;
        memcpy(e->r->pkg, e->pkg, e->D * sizeof *e->pkg);
        memcpy(e->r->u, e->u, P * sizeof *e->u);
        e->r->cost = cost;
        return;
    }
    if (!(v >= e->threshold))
        return;
    if (e->count == 0 || package_less(c, e->pkg, e->low_pkg)) {
        memcpy(e->low_pkg, e->pkg, e->D * sizeof *e->pkg);
        memcpy(e->r->u, e->u, P * sizeof *e->u);
        e->r->cost = cost;
    }
    e->count += mult;
}

static int before(const struct child *x, const struct child *y)
{
    if (x->bound != y->bound)
        return x->bound > y->bound;
    return x->cls < y->cls;
}

static void sift_down(struct child *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, top = i;
        struct child t;

        if (l < n && before(&h[l], &h[top]))
            top = l;
        if (r < n && before(&h[r], &h[top]))
            top = r;
        if (top == i)
            return;
        t = h[i];
        h[i] = h[top];
        h[top] = t;
        i = top;
    }
}

static int cut(const parley_i_es *e, double bnd)
{
    if (bnd == -INFINITY)
        return 1;
    if (e->pass == 1)
        return e->found && !(bnd > e->best);
    return bnd < e->threshold;
}

/* The budget column after spending `used`: the remaining budget, capped
 * at the last column (enough for every change left). */
static size_t column(const parley_i_es *e, size_t used)
{
    size_t left;

    if (e->relaxed)
        return 0;
    left = e->budget - used;
    return left < e->cols - 1 ? left : e->cols - 1;
}

/* Depth-first search below depth k, children best bound first. */
static void search(parley_i_es *e, size_t k)
{
    const parley_i_ecand *c = e->c;
    size_t P = e->P, d, n = 0, i, j;
    struct child *kids;
    double *child;

    if (e->nodes++ >= e->max_nodes) {
        e->exhausted = 1;
        return;
    }
    if (k == e->D) {
        leaf(e);
        return;
    }
    d = e->order[k];
    kids = e->kids + e->koff[k];
    child = e->pre + (k + 1) * P;
    for (i = c->off[d]; i < c->off[d] + c->n_cls[d]; i++) {
        size_t used = e->used[k] + c->cost[i];
        double bnd;

        if (used > e->budget || used < e->used[k] ||
            e->min_cost[k + 1] > e->budget - used)
            continue; /* over the budget, now or with the least changes
                         still to come */
        for (j = 0; j < P; j++)
            child[j] = e->pre[k * P + j] + c->util[i * P + j];
        bnd = bound(e, k + 1, child, column(e, used));
        if (bnd == -INFINITY)
            continue;
        kids[n].bound = bnd;
        kids[n].cls = i;
        n++;
    }
    for (i = n / 2; i-- > 0;)
        sift_down(kids, n, i);
    while (n && !e->exhausted) {
        struct child top = kids[0];

        if (cut(e, top.bound))
            break; /* the rest are no better */
        kids[0] = kids[--n];
        sift_down(kids, n, 0);
        for (j = 0; j < P; j++)
            child[j] = e->pre[k * P + j] + c->util[top.cls * P + j];
        e->used[k + 1] = e->used[k] + c->cost[top.cls];
        e->pkg[d] = top.cls;
        search(e, k + 1);
    }
}

void parley_i_es_run(parley_i_es *e, const parley_i_es_query *q,
                     parley_i_es_result *r)
{
    size_t P = e->P, D = e->D, p, d, col;
    const double *root_hi;

    r->found = 0;
    r->value = -INFINITY;
    r->n_ties = 0;
    r->exact = 1;
    r->nodes = 0;
    r->cost = 0;
    e->q = q;
    e->r = r;
    e->budget = q->budget;
    assert(e->relaxed || e->budget <= e->max_budget);
    e->found = 0;
    e->count = 0;
    e->have_lag = e->have_tan = e->zone = 0;
    for (d = 0; d < D; d++)
        if (!e->c->n_cls[d])
            return; /* no package at all */
    col = column(e, 0);
    for (p = 0; p < P; p++) {
        e->pre[p] = 0.0;
        e->margin[p] = MARGIN * (1.0 + e->mag[p] + fabs(q->base[p]) +
                                 (q->floor ? fabs(q->floor[p]) : 0.0));
    }
    e->used[0] = 0;
    root_hi = e->hi + col * P;
    if (q->floor)
        for (p = 0; p < P; p++)
            if (root_hi[p] + e->margin[p] < q->floor[p])
                return; /* ruled out at the root */
    if (q->kind == PARLEY_I_ES_MAXMIN) {
        lagrange(e, q->base, col);
        e->have_lag = 1;
    } else if (q->floor) {
        lagrange(e, q->floor, col);
        e->zone = 1;
    }
    if (q->kind == PARLEY_I_ES_NASH && q->tangent) {
        int ok = 1;

        e->tan_const = 0.0;
        for (p = 0; p < P; p++) {
            ok &= q->tangent[p] > 0;
            e->w[p] = 1.0 / q->tangent[p];
            e->tan_const += log(q->tangent[p]) - 1.0;
        }
        if (ok) {
            weighted_table(e, e->w, col, e->tan);
            e->have_tan = 1;
        }
    }
    if (q->kind == PARLEY_I_ES_WELFARE) {
        for (p = 0; p < P; p++)
            e->w[p] = 1.0;
        weighted_table(e, e->w, col, e->tan);
        e->have_tan = 1;
    }
    e->pass = 1;
    e->nodes = 0;
    e->exhausted = 0;
    search(e, 0);
    r->nodes += e->nodes;
    r->exact = !e->exhausted;
    if (!e->found)
        return;
    r->found = 1;
    r->value = e->best;
    r->n_ties = 1;
    if (!q->ties)
        return;
    e->pass = 2;
    e->threshold = e->best - q->tol;
    e->nodes = 0;
    e->exhausted = 0;
    search(e, 0);
    r->nodes += e->nodes;
    r->exact = r->exact && !e->exhausted;
    r->n_ties = e->count;
    if (e->count > 0)
        memcpy(r->pkg, e->low_pkg, D * sizeof *e->low_pkg);
}
