/*
 * stream.c -- streams every package of an outcome space and answers every
 * question in one pass: the optimum and ties of each objective, the size
 * of the zone of possible agreement (all parties and a subset), and the
 * opposition level.
 *
 * Enumeration.  The last m dimensions (the "tail", enough of them for at
 * least MIN_LANES combinations) are fused into one vector of lanes; the
 * other ("head") dimensions run on a mixed-radix odometer (dimension 0
 * most significant) that keeps the running prefix sums of every level, so
 * moving to the next head updates one level's P sums.  For each head, a
 * lane L (a combination of tail options) gets
 *
 *     u_p = (((prefix_p + T_0[p][L]) + T_1[p][L]) + ... )
 *
 * from tiled per-party tables (T_j[p][L] = the contribution of tail
 * dimension j's option in lane L), which is the canonical summation order,
 * so utilities are bit-identical to parley_i_space_eval's.  The lane loops
 * use GCC/Clang vector types (4 doubles) and are compiled for AVX2 and a
 * baseline target (function multi-versioning); ISO C mode forbids FMA
 * contraction, so both give the same bits.  Every lane's objectives are
 * computed branch-free; a lane is looked at individually only when a mask
 * says it may improve or tie an objective, which is rare after the first
 * few blocks.
 *
 * Parallelism: the heads are cut into blocks by their first `split`
 * dimensions; OpenMP hands blocks to threads dynamically.  Every thread
 * keeps its own tally (padded against false sharing); counts are integers
 * and tie sets do not depend on the order of offers (view.c), so the
 * merged result is the same for any number of threads.  Everything is
 * allocated before the parallel region.
 *
 * Cost: about (m + 10) P vector operations per 4 packages plus
 * P (1 + 1/n + ...) / B scalar additions per package for the odometer.
 */
#include "bargain/solve.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <string.h>

#define FREE_ARRAY(ctx, p, n) parley_i_free((ctx), (p), (n) * sizeof *(p))

/* Lanes per vector, lanes per chunk (the lane arrays stay in L1), and the
 * least number of lanes the tail is fused for. */
#define VW 4
#define LANES 64
#define MIN_LANES 16

typedef double vd __attribute__((vector_size(VW * sizeof(double))));
typedef long long vl __attribute__((vector_size(VW * sizeof(long long))));

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&         \
    !defined(__SANITIZE_ADDRESS__)
#define KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KERNEL_CLONES
#endif

/* Per-thread state, padded to its own cache lines. */
typedef struct worker {
    parley_i_tally tally;
    uint64_t zone_count, subset_count;
    double *pre;  /* (H + 1) x P prefix sums; level 0 is zeros */
    double *mpre; /* H + 1 prefix multiplicities */
    size_t *pkg;  /* D current classes */
    double *u;    /* P scratch */
    char pad[64];
} worker;

/* The fused tail and everything the kernel reads. */
typedef struct stream_ctx {
    const parley_i_view *v;
    const size_t *subset;
    size_t n_subset;
    size_t H;      /* head dimensions */
    size_t m;      /* tail dimensions, D = H + m */
    size_t B, ldb; /* lanes, and lanes rounded up to VW */
    double *tile;  /* m x P x ldb: T_j[p][L] */
    double *mult;  /* ldb: packages per lane (0 for padding) */
    size_t split;  /* head dimensions that define a block */
} stream_ctx;

/* Vector helpers as macros and pointer-out functions: no function returns
 * a vector, so no ABI depends on the target. */
#define SPLAT(x) ((vd){(x), (x), (x), (x)})
#define VSELECT(m, x) ((vd)((vl)(x) & (m)))
/* r = a < r ? a : r lane by lane, as the scalar code (NaN keeps r) */
#define VMIN_INTO(r, a)                                                        \
    do {                                                                       \
        vl m_ = (a) < (r);                                                     \
        (r) = (vd)(((vl)(a)&m_) | ((vl)(r) & ~m_));                            \
    } while (0)

static void vload(vd *r, const double *p)
{
    memcpy(r, p, sizeof *r);
}

/* Class indices of the tail dimensions for lane L (last fastest). */
static void decode_lane(const stream_ctx *sc, size_t L, size_t *pkg)
{
    const parley_i_view *v = sc->v;
    size_t j;

    for (j = sc->m; j-- > 0;) {
        size_t d = sc->H + j;

        pkg[d] = L % v->n_class[d];
        L /= v->n_class[d];
    }
}

/* Handles one lane that may improve or tie an objective: recomputes its
 * vector exactly as the kernel did and offers it. */
static void handle_lane(const stream_ctx *sc, worker *w, size_t L)
{
    const parley_i_view *v = sc->v;
    size_t P = v->P, p, j, k;
    const double *pre = w->pre + sc->H * P;
    double value[PARLEY_I_N_OBJ];
    int in_zone;

    for (p = 0; p < P; p++) {
        double u = pre[p];

        for (j = 0; j < sc->m; j++)
            u = u + sc->tile[(j * P + p) * sc->ldb + L];
        w->u[p] = u;
    }
    decode_lane(sc, L, w->pkg);
    parley_i_objectives(v, w->u, value, &in_zone);
    for (k = 0; k < PARLEY_I_N_OBJ; k++)
        parley_i_ties_offer(&w->tally.obj[k], value[k], w->u, w->pkg,
                            (long double)(w->mpre[sc->H] * sc->mult[L]));
}

/* The lanes of one head.  The per-lane operations are those of
 * parley_i_objectives, in the same order. */
KERNEL_CLONES
static void kernel(const stream_ctx *sc, worker *w)
{
    const parley_i_view *v = sc->v;
    size_t P = v->P, m = sc->m, ldb = sc->ldb, o0, p, j, q, s;
    const double *pre = w->pre + sc->H * P;
    double mpre = w->mpre[sc->H];
    parley_i_tally *t = &w->tally;
    vd mn[LANES / VW], ks[LANES / VW], prod[LANES / VW], wel[LANES / VW];
    vd opp[LANES / VW], am[LANES / VW], smn[LANES / VW];

    for (o0 = 0; o0 < sc->B; o0 += LANES) {
        size_t n = sc->B - o0 < LANES ? sc->B - o0 : LANES;
        size_t nv = (n + VW - 1) / VW;
        vd zone = SPLAT(0.0), sub = SPLAT(0.0);
        double zs = 0.0, ss = 0.0;

        for (q = 0; q < nv; q++) {
            mn[q] = SPLAT(INFINITY);
            ks[q] = SPLAT(INFINITY);
            prod[q] = SPLAT(1.0);
            wel[q] = SPLAT(0.0);
            opp[q] = SPLAT(0.0);
            am[q] = SPLAT(0.0);
            smn[q] = SPLAT(INFINITY);
        }
        for (p = 0; p < P; p++) {
            vd base = SPLAT(pre[p]), dp = SPLAT(v->d[p]);
            vd scale = SPLAT(v->ks_scale[p]), inv = SPLAT(v->inv_ideal[p]);
            vd alpha = SPLAT(v->alpha[p]), one = SPLAT(1.0);
            const double *tp = sc->tile + p * ldb + o0;

            for (q = 0; q < nv; q++) {
                vd u, x, g, a, r;

                vload(&x, tp + q * VW);
                u = base + x;
                for (j = 1; j < m; j++) {
                    vload(&x, sc->tile + (j * P + p) * ldb + o0 + q * VW);
                    u = u + x;
                }
                g = u - dp;
                a = g * scale;
                r = one - u * inv;
                VMIN_INTO(mn[q], g);
                VMIN_INTO(ks[q], a);
                prod[q] = prod[q] * g;
                wel[q] = wel[q] + u;
                opp[q] = opp[q] + r * r;
                am[q] = am[q] + alpha * g;
            }
        }
        for (s = 0; s < sc->n_subset; s++) {
            size_t y = sc->subset[s];
            vd base = SPLAT(pre[y]), dy = SPLAT(v->d[y]);

            for (q = 0; q < nv; q++) {
                vd u, x, g;

                vload(&x, sc->tile + y * ldb + o0 + q * VW);
                u = base + x;
                for (j = 1; j < m; j++) {
                    vload(&x, sc->tile + (j * P + y) * ldb + o0 + q * VW);
                    u = u + x;
                }
                g = u - dy;
                VMIN_INTO(smn[q], g);
            }
        }
        {
            vd zero = SPLAT(0.0);
            double thr[PARLEY_I_N_OBJ], best_smn = t->best_subset_min_gain;

            for (q = 0; q < nv; q++) { /* counts: padding lanes weigh 0 */
                vd mu;

                vload(&mu, sc->mult + o0 + q * VW);
                mu = SPLAT(mpre) * mu;
                zone = zone + VSELECT(mn[q] >= zero, mu);
                sub = sub + VSELECT(smn[q] >= zero, mu);
            }
            for (q = 0; q < VW; q++) {
                zs += zone[q];
                ss += sub[q];
            }
            w->zone_count += (uint64_t)zs;
            w->subset_count += (uint64_t)ss;
            for (q = 0; q < PARLEY_I_N_OBJ; q++)
                thr[q] = t->obj[q].best - t->obj[q].tol;
            /* weighted AM >= GM: a lane whose weighted mean gain is below
             * the threshold cannot reach it; the margin covers rounding */
            thr[PARLEY_I_OBJ_NASH_W] -= 1e-9 * fabs(thr[PARLEY_I_OBJ_NASH_W]);
            for (q = 0; q < nv; q++) {
                vl inz = mn[q] >= zero;
                vl hit = (mn[q] >= SPLAT(thr[PARLEY_I_OBJ_EGAL])) |
                         (ks[q] >= SPLAT(thr[PARLEY_I_OBJ_KS])) |
                         (inz & ((prod[q] >= SPLAT(thr[PARLEY_I_OBJ_NASH])) |
                                 (wel[q] >= SPLAT(thr[PARLEY_I_OBJ_WELFARE])) |
                                 (am[q] >= SPLAT(thr[PARLEY_I_OBJ_NASH_W])) |
                                 (opp[q] < SPLAT(t->opposition2))));
                size_t l;

                for (l = 0; l < VW; l++)
                    if (smn[q][l] > best_smn && q * VW + l < n)
                        best_smn = smn[q][l];
                if (!(hit[0] | hit[1] | hit[2] | hit[3]))
                    continue;
                for (l = 0; l < VW && q * VW + l < n; l++) {
                    if (!hit[l])
                        continue;
                    if (inz[l] && opp[q][l] < t->opposition2)
                        t->opposition2 = opp[q][l];
                    handle_lane(sc, w, o0 + q * VW + l);
                }
                for (l = 0; l < PARLEY_I_N_OBJ; l++)
                    thr[l] = t->obj[l].best - t->obj[l].tol;
                thr[PARLEY_I_OBJ_NASH_W] -=
                    1e-9 * fabs(thr[PARLEY_I_OBJ_NASH_W]);
            }
            t->best_subset_min_gain = best_smn;
        }
    }
}

/* Sets head level k's prefix sums and multiplicity from level k - 1. */
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
    size_t H = sc->H, split = sc->split, k;

    for (k = split; k-- > 0;) { /* mixed radix, last split dim fastest */
        w->pkg[k] = (size_t)(b % v->n_class[k]);
        b /= v->n_class[k];
    }
    for (k = 0; k < split; k++)
        set_level(v, w, k);
    for (k = split; k < H; k++) {
        w->pkg[k] = 0;
        set_level(v, w, k);
    }
    for (;;) {
        kernel(sc, w);
        /* odometer over head dimensions split .. H-1 */
        for (k = H; k-- > split;) {
            if (++w->pkg[k] < v->n_class[k]) {
                size_t j;

                set_level(v, w, k);
                for (j = k + 1; j < H; j++) {
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

/* The fused tail: lanes over the last m dimensions (mixed radix, last
 * fastest), tiled tables and multiplicities, padded to a multiple of VW. */
static parley_status build_tail(parley_ctx *ctx, stream_ctx *sc)
{
    const parley_i_view *v = sc->v;
    size_t P = v->P, D = v->D, j, p, L;

    sc->m = 1;
    sc->B = v->n_class[D - 1];
    while (sc->m < D && sc->B < MIN_LANES) {
        sc->B *= v->n_class[D - 1 - sc->m];
        sc->m++;
    }
    sc->H = D - sc->m;
    sc->ldb = (sc->B + VW - 1) / VW * VW;
    sc->tile = parley_i_alloc_array(ctx, sc->m * P * sc->ldb, sizeof *sc->tile);
    sc->mult = parley_i_alloc_array(ctx, sc->ldb, sizeof *sc->mult);
    if (!sc->tile || !sc->mult)
        return parley_i_nomem(ctx);
    for (L = 0; L < sc->B; L++) {
        size_t rest = L;

        sc->mult[L] = 1.0;
        for (j = sc->m; j-- > 0;) {
            size_t d = sc->H + j, c = rest % v->n_class[d];

            rest /= v->n_class[d];
            sc->mult[L] *= v->mult[d][c];
            for (p = 0; p < P; p++)
                sc->tile[(j * P + p) * sc->ldb + L] = v->util[d][c * P + p];
        }
    }
    return PARLEY_OK; /* padding lanes: utilities 0, multiplicity 0 */
}

parley_status parley_i_stream(parley_ctx *ctx, const parley_i_view *v,
                              const size_t *subset, size_t n_subset,
                              int threads, parley_i_tally *out)
{
    size_t P = v->P, D = v->D, k, split = 0;
    int n_threads = threads > 0 ? threads : omp_get_max_threads(), i;
    uint64_t blocks = 1;
    worker *workers = NULL;
    stream_ctx sc;
    parley_status status = PARLEY_OK;
    long long b, n_blocks;

    if (D == 0 || v->n_points == 0)
        return PARLEY_OK; /* nothing to enumerate: out stays empty */
    memset(&sc, 0, sizeof sc);
    sc.v = v;
    sc.subset = subset;
    sc.n_subset = n_subset;
    status = build_tail(ctx, &sc);
    if (status)
        goto done;
    /* enough blocks for load balance */
    while (split < sc.H && blocks < (uint64_t)n_threads * 64) {
        blocks *= v->n_class[split];
        split++;
    }
    sc.split = split;
    workers = parley_i_alloc_array(ctx, (size_t)n_threads, sizeof *workers);
    if (!workers) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (i = 0; i < n_threads; i++) {
        worker *w = &workers[i];

        status = parley_i_tally_init(ctx, &w->tally, P, D, out->obj[0].cap,
                                     out->obj[0].tol);
        if (status)
            goto done;
        w->pre = parley_i_alloc_array(ctx, (sc.H + 1) * P, sizeof *w->pre);
        w->mpre = parley_i_alloc_array(ctx, sc.H + 1, sizeof *w->mpre);
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
    for (i = 0; workers && i < n_threads; i++) {
        worker *w = &workers[i];

        parley_i_tally_destroy(ctx, &w->tally);
        FREE_ARRAY(ctx, w->pre, (sc.H + 1) * P);
        FREE_ARRAY(ctx, w->mpre, sc.H + 1);
        FREE_ARRAY(ctx, w->pkg, D);
        FREE_ARRAY(ctx, w->u, P);
    }
    FREE_ARRAY(ctx, workers, (size_t)n_threads);
    FREE_ARRAY(ctx, sc.tile, sc.m * P * sc.ldb);
    FREE_ARRAY(ctx, sc.mult, sc.ldb);
    return status;
}
