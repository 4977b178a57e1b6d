/*
 * stream.c -- streams every package of an outcome space and answers every
 * question in one pass: the optimum and ties of each objective, the size
 * of the zone of possible agreement (all parties and a subset), and the
 * opposition level.
 *
 * Enumeration is a mixed-radix odometer over the dimensions (dimension 0
 * most significant) with the running prefix sums of every level kept, so
 * moving to the next package updates one level's P sums (amortised about
 * P (1 + 1/n + 1/n^2 ...) additions per package); the innermost dimension
 * is processed as a vector of lanes from its party-major table, in loops
 * the compiler vectorises.  Prefix sums follow the canonical order, so the
 * utilities are bit-identical to parley_i_space_eval's.
 *
 * Parallelism: the packages are cut into blocks by the first `split`
 * dimensions; OpenMP hands blocks to threads dynamically.  Every thread
 * keeps its own tally; counts are integers and the tie sets do not depend
 * on the order of offers (view.c), so the merged result is the same for
 * any number of threads.  Everything is allocated before the parallel
 * region.
 */
#include "bargain/solve.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Lanes processed at once: the per-lane arrays stay in L1. */
#define LANES 64

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&      \
    !defined(__SANITIZE_ADDRESS__)
/* one clone per vector width, chosen at load time; no -ffast-math and no
 * FMA contraction in ISO C mode, so every clone computes the same bits */
#define KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KERNEL_CLONES
#endif

/* Per-thread state. */
typedef struct worker {
    parley_i_tally tally;
    uint64_t zone_count, subset_count;
    double *pre;          /* (D + 1) x P prefix sums; level 0 is zeros */
    double *mpre;         /* D + 1 prefix multiplicities */
    size_t *pkg;          /* D current classes */
    double *u;            /* P scratch */
} worker;

/* Everything the kernel reads. */
typedef struct stream_ctx {
    const parley_i_view *v;
    const size_t *subset;
    size_t n_subset;
    size_t split;          /* dimensions that define a block */
} stream_ctx;

/* Handles one lane that may improve or tie an objective: recomputes its
 * vector exactly as the kernel did and offers it. */
static void handle_lane(const stream_ctx *sc, worker *w, size_t lane,
                        double mult)
{
    const parley_i_view *v = sc->v;
    size_t P = v->P, D = v->D, p, k;
    const double *pre = w->pre + (D - 1) * P;
    double value[PARLEY_I_N_OBJ];
    int in_zone;

    for (p = 0; p < P; p++)
        w->u[p] = pre[p] + v->util_t[D - 1][p * v->n_class[D - 1] + lane];
    w->pkg[D - 1] = lane;
    parley_i_objectives(v, w->u, value, &in_zone);
    for (k = 0; k < PARLEY_I_N_OBJ; k++)
        parley_i_ties_offer(&w->tally.obj[k], value[k], w->u, w->pkg,
                            (long double)mult);
}

/*
 * The innermost dimension for the current prefix: LANES lanes at a time,
 * every party's contribution added from the party-major table.  The
 * per-lane operations are those of parley_i_objectives, in the same order.
 */
KERNEL_CLONES
static void kernel(const stream_ctx *sc, worker *w)
{
    const parley_i_view *v = sc->v;
    size_t P = v->P, D = v->D, L = v->n_class[D - 1], o0, p, o, s;
    const double *pre = w->pre + (D - 1) * P;
    const double *mult_in = v->mult[D - 1];
    double mpre = w->mpre[D - 1];
    parley_i_tally *t = &w->tally;
    double mn[LANES], ks[LANES], prod[LANES], wel[LANES], opp[LANES];
    double am[LANES], smn[LANES];

    for (o0 = 0; o0 < L; o0 += LANES) {
        size_t n = L - o0 < LANES ? L - o0 : LANES;
        double thr_egal = t->obj[PARLEY_I_OBJ_EGAL].best -
                          t->obj[PARLEY_I_OBJ_EGAL].tol;
        double thr_ks = t->obj[PARLEY_I_OBJ_KS].best -
                        t->obj[PARLEY_I_OBJ_KS].tol;
        double thr_nash = t->obj[PARLEY_I_OBJ_NASH].best -
                          t->obj[PARLEY_I_OBJ_NASH].tol;
        double thr_wel = t->obj[PARLEY_I_OBJ_WELFARE].best -
                         t->obj[PARLEY_I_OBJ_WELFARE].tol;
        /* weighted AM >= GM: lanes whose weighted mean gain is below the
         * threshold cannot reach it; the margin covers rounding */
        double thr_nw = t->obj[PARLEY_I_OBJ_NASH_W].best -
                        t->obj[PARLEY_I_OBJ_NASH_W].tol;
        double best_opp = t->opposition2;
        double best_smn = t->best_subset_min_gain;
        double zone = 0.0, sub = 0.0;

        thr_nw = thr_nw - 1e-9 * fabs(thr_nw);
        for (o = 0; o < n; o++) {
            mn[o] = INFINITY;
            ks[o] = INFINITY;
            prod[o] = 1.0;
            wel[o] = 0.0;
            opp[o] = 0.0;
            am[o] = 0.0;
            smn[o] = INFINITY;
        }
        for (p = 0; p < P; p++) {
            const double *row = v->util_t[D - 1] + p * L + o0;
            double base = pre[p], dp = v->d[p], scale = v->ks_scale[p];
            double inv = v->inv_ideal[p], alpha = v->alpha[p];

            for (o = 0; o < n; o++) {
                double u = base + row[o];
                double g = u - dp;
                double a = g * scale;
                double q = inv != 0 ? 1.0 - u * inv : 1.0 - u;

                mn[o] = g < mn[o] ? g : mn[o];
                ks[o] = a < ks[o] ? a : ks[o];
                prod[o] *= g;
                wel[o] += u;
                opp[o] += q * q;
                am[o] += alpha * g;
            }
        }
        for (s = 0; s < sc->n_subset; s++) {
            size_t q = sc->subset[s];
            const double *row = v->util_t[D - 1] + q * L + o0;
            double base = pre[q], dq = v->d[q];

            for (o = 0; o < n; o++) {
                double g = (base + row[o]) - dq;

                smn[o] = g < smn[o] ? g : smn[o];
            }
        }
        for (o = 0; o < n; o++) { /* counts: integers, exact in double */
            double m = mpre * mult_in[o0 + o];

            zone += mn[o] >= 0 ? m : 0.0;
            sub += smn[o] >= 0 ? m : 0.0;
        }
        w->zone_count += (uint64_t)zone;
        w->subset_count += (uint64_t)sub;
        for (o = 0; o < n; o++) {
            int in_zone = mn[o] >= 0;

            if (smn[o] > best_smn)
                best_smn = smn[o];
            if (mn[o] >= thr_egal || ks[o] >= thr_ks ||
                (in_zone &&
                 (prod[o] >= thr_nash || wel[o] >= thr_wel ||
                  am[o] >= thr_nw || opp[o] < best_opp))) {
                if (in_zone && opp[o] < t->opposition2)
                    t->opposition2 = opp[o];
                handle_lane(sc, w, o0 + o, mpre * mult_in[o0 + o]);
                thr_egal = t->obj[PARLEY_I_OBJ_EGAL].best -
                           t->obj[PARLEY_I_OBJ_EGAL].tol;
                thr_ks = t->obj[PARLEY_I_OBJ_KS].best -
                         t->obj[PARLEY_I_OBJ_KS].tol;
                thr_nash = t->obj[PARLEY_I_OBJ_NASH].best -
                           t->obj[PARLEY_I_OBJ_NASH].tol;
                thr_wel = t->obj[PARLEY_I_OBJ_WELFARE].best -
                          t->obj[PARLEY_I_OBJ_WELFARE].tol;
                thr_nw = t->obj[PARLEY_I_OBJ_NASH_W].best -
                         t->obj[PARLEY_I_OBJ_NASH_W].tol;
                thr_nw = thr_nw - 1e-9 * fabs(thr_nw);
                best_opp = t->opposition2;
            }
        }
        t->best_subset_min_gain = best_smn;
    }
}

/* Sets level k's prefix sums and multiplicity from level k - 1. */
static void set_level(const parley_i_view *v, worker *w, size_t k)
{
    size_t P = v->P, p, c = w->pkg[k];
    const double *row = v->util[k] + c * P;
    const double *prev = w->pre + k * P;
    double *cur = w->pre + (k + 1) * P;

    for (p = 0; p < P; p++)
        cur[p] = prev[p] + row[p];
    w->mpre[k + 1] = w->mpre[k] * v->mult[k][c];
}

/* All packages of block b: the first `split` classes fixed by b. */
static void run_block(const stream_ctx *sc, worker *w, uint64_t b)
{
    const parley_i_view *v = sc->v;
    size_t D = v->D, split = sc->split, k;

    for (k = split; k-- > 0;) { /* mixed radix, last split dim fastest */
        w->pkg[k] = (size_t)(b % v->n_class[k]);
        b /= v->n_class[k];
    }
    for (k = 0; k < split; k++)
        set_level(v, w, k);
    for (k = split; k + 1 < D; k++) {
        w->pkg[k] = 0;
        set_level(v, w, k);
    }
    for (;;) {
        kernel(sc, w);
        /* odometer over dimensions split .. D-2 */
        for (k = D - 1; k-- > split;) {
            if (++w->pkg[k] < v->n_class[k]) {
                size_t j;

                set_level(v, w, k);
                for (j = k + 1; j + 1 < D; j++) {
                    w->pkg[j] = 0;
                    set_level(v, w, j);
                }
                break;
            }
        }
        if (k == (size_t)-1 || k < split)
            return;
    }
}

parley_status parley_i_stream(parley_ctx *ctx, const parley_i_view *v,
                              const size_t *subset, size_t n_subset,
                              int threads, parley_i_tally *out)
{
    size_t P = v->P, D = v->D, k, split = 0;
    int n_threads = threads > 0 ? threads : omp_get_max_threads(), i;
    uint64_t blocks = 1;
    worker *workers;
    stream_ctx sc;
    parley_status status = PARLEY_OK;
    long long b, n_blocks;

    if (D == 0 || v->n_points == 0)
        return PARLEY_OK; /* nothing to enumerate: out stays empty */
    /* enough blocks for load balance, and never the innermost dimension */
    while (split + 1 < D && blocks < (uint64_t)n_threads * 64) {
        blocks *= v->n_class[split];
        split++;
    }
    sc.v = v;
    sc.subset = subset;
    sc.n_subset = n_subset;
    sc.split = split;
    workers = parley_i_alloc_array(ctx, (size_t)n_threads, sizeof *workers);
    if (!workers)
        return parley_i_nomem(ctx);
    for (i = 0; i < n_threads; i++) {
        worker *w = &workers[i];

        status = parley_i_tally_init(ctx, &w->tally, P, D, out->obj[0].cap,
                                     out->obj[0].tol);
        if (status)
            goto done;
        w->pre = parley_i_alloc_array(ctx, (D + 1) * P, sizeof *w->pre);
        w->mpre = parley_i_alloc_array(ctx, D + 1, sizeof *w->mpre);
        w->pkg = parley_i_alloc_array(ctx, D, sizeof *w->pkg);
        w->u = parley_i_alloc_array(ctx, P, sizeof *w->u);
        if (!w->pre || !w->mpre || !w->pkg || !w->u) {
            status = parley_i_nomem(ctx);
            goto done;
        }
        w->mpre[0] = 1.0;
    }
    n_blocks = (long long)blocks;
#pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
    for (b = 0; b < n_blocks; b++)
        run_block(&sc, &workers[omp_get_thread_num()], (uint64_t)b);
    {
        uint64_t zone = 0, sub = 0;

        for (i = 0; i < n_threads; i++) {
            parley_i_tally *t = &workers[i].tally;

            for (k = 0; k < PARLEY_I_N_OBJ; k++)
                parley_i_ties_merge(&out->obj[k], &t->obj[k]);
            zone += workers[i].zone_count;
            sub += workers[i].subset_count;
            if (t->opposition2 < out->opposition2)
                out->opposition2 = t->opposition2;
            if (t->best_subset_min_gain > out->best_subset_min_gain)
                out->best_subset_min_gain = t->best_subset_min_gain;
        }
        out->zone_count = (long double)zone;
        out->subset_count = (long double)sub;
        out->best_min_gain = out->obj[PARLEY_I_OBJ_EGAL].best;
    }
done:
    for (i = 0; i < n_threads; i++) {
        worker *w = &workers[i];

        parley_i_tally_destroy(ctx, &w->tally);
        FREE_ARRAY(ctx, w->pre, (D + 1) * P);
        FREE_ARRAY(ctx, w->mpre, D + 1);
        FREE_ARRAY(ctx, w->pkg, D);
        FREE_ARRAY(ctx, w->u, P);
    }
    FREE_ARRAY(ctx, workers, (size_t)n_threads);
    return status;
}
