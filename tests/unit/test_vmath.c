/*
 * test_vmath.c -- e^x and ln x over arrays (util/vmath.h): accuracy against
 * the C library's long double expl and logl (64-bit significands, so their
 * own error is far below a double's unit in the last place), the special
 * values, and that an input gives the same bits wherever it sits in an
 * array and whichever path (vector, scalar, unscanned) the array takes.
 */
#include "util/vmath.h"

#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES 200000

/* The bound the header comment derives: the reduction, the polynomial and
 * the final scaling each add about half a unit. */
#define MAX_ULP 1.5

static uint64_t state = 0x9e3779b97f4a7c15u;

static double uniform(void) /* [0, 1), xorshift64* */
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (double)((state * 0x2545f4914f6cdd1du) >> 11) * 0x1p-53;
}

/* |ours - reference| in units in the last place of the reference rounded
 * to double (2^-1074 for subnormal results). */
static double ulps(double ours, long double reference)
{
    double r = (double)reference;
    int e;

    if (r == 0 || fabs(r) < DBL_MIN)
        return (double)(fabsl((long double)ours - reference) / 0x1p-1074L);
    frexp(r, &e);
    return (double)(fabsl((long double)ours - reference) /
                    ldexpl(1.0L, e - 53));
}

/* The references need long double's 64-bit significand.  Under valgrind,
 * which emulates the x87 unit at double precision, they have 53 bits and
 * a double's range, so the accuracy tests cannot judge there; they run in
 * the native and sanitizer suites. */
static void need_extended_reference(void)
{
    volatile long double one = 1.0L, sum = one + LDBL_EPSILON;

    if (LDBL_MANT_DIG < 64 || sum == one)
        cr_skip_test("long double is not extended at run time (valgrind "
                     "emulates the x87 unit at double precision); the "
                     "native and sanitizer runs check the accuracy");
}

static double worst_exp(double low, double high)
{
    double *x = malloc(SAMPLES * sizeof *x), *y = malloc(SAMPLES * sizeof *y);
    double worst = 0;
    size_t i;

    cr_assert_not_null(x);
    cr_assert_not_null(y);
    for (i = 0; i < SAMPLES; i++)
        x[i] = y[i] = low + (high - low) * uniform();
    parley_i_exp_array(y, SAMPLES);
    for (i = 0; i < SAMPLES; i++) {
        double u = ulps(y[i], expl((long double)x[i]));

        if (u > worst)
            worst = u;
    }
    free(x);
    free(y);
    return worst;
}

static double worst_log(double low, double high, int log_scale)
{
    double *x = malloc(SAMPLES * sizeof *x), *y = malloc(SAMPLES * sizeof *y);
    double worst = 0;
    size_t i;

    cr_assert_not_null(x);
    cr_assert_not_null(y);
    for (i = 0; i < SAMPLES; i++) {
        double u = uniform();

        x[i] = y[i] = log_scale ? exp(log(low) + (log(high) - log(low)) * u)
                                : low + (high - low) * u;
    }
    parley_i_log_array(y, SAMPLES);
    for (i = 0; i < SAMPLES; i++) {
        double u = ulps(y[i], logl((long double)x[i]));

        if (u > worst)
            worst = u;
    }
    free(x);
    free(y);
    return worst;
}

Test(vmath, exp_within_the_bound)
{
    static const double ranges[][2] = {
        {-745.2, 709.7},  /* all finite results */
        {-40, 0},         /* what BDM's powers take */
        {-0.35, 0.35},    /* no scaling */
        {-745.2, -708.3}, /* subnormal results */
        {-1e-10, 1e-10},  /* e^x ~ 1 + x */
        {700, 709.78},    /* near overflow */
    };
    size_t k;

    need_extended_reference();
    for (k = 0; k < sizeof ranges / sizeof *ranges; k++) {
        double w = worst_exp(ranges[k][0], ranges[k][1]);

        cr_assert(w <= MAX_ULP, "exp on [%g, %g]: %.3f ulp", ranges[k][0],
                  ranges[k][1], w);
    }
}

Test(vmath, log_within_the_bound)
{
    need_extended_reference();
    cr_assert_leq(worst_log(0x1p-1022, 0x1p1023, 1), MAX_ULP);
    cr_assert_leq(worst_log(0x1p-1074, 0x1p-1022, 1), MAX_ULP); /* sub. */
    cr_assert_leq(worst_log(1e-20, 1, 1), MAX_ULP);
    cr_assert_leq(worst_log(0.5, 1.5, 0), MAX_ULP);
    cr_assert_leq(worst_log(1 - 1e-6, 1 + 1e-6, 0), MAX_ULP);
}

Test(vmath, special_values)
{
    double e[] = {0.0,    -0.0,   -HUGE_VAL, HUGE_VAL, (double)NAN, -1024.0,
                  1024.0, -1e300, 1e300,     -745.2,   709.8,       1.0};
    double l[] = {0.0,       -0.0,    -1.0,    HUGE_VAL,  (double)NAN, 1.0,
                  0x1p-1074, DBL_MIN, DBL_MAX, -HUGE_VAL, 2.0,         0.5};

    parley_i_exp_array(e, sizeof e / sizeof *e);
    cr_assert_eq(e[0], 1.0);
    cr_assert_eq(e[1], 1.0);
    cr_assert_eq(e[2], 0.0);
    cr_assert(isinf(e[3]) && e[3] > 0);
    cr_assert(isnan(e[4]));
    cr_assert_eq(e[5], 0.0);
    cr_assert(isinf(e[6]) && e[6] > 0);
    cr_assert_eq(e[7], 0.0);
    cr_assert(isinf(e[8]) && e[8] > 0);
    cr_assert_eq(e[9], 0.0); /* below half the smallest subnormal */
    cr_assert(isinf(e[10]) && e[10] > 0);
    cr_assert_leq(ulps(e[11], expl(1.0L)), MAX_ULP);

    parley_i_log_array(l, sizeof l / sizeof *l);
    cr_assert(isinf(l[0]) && l[0] < 0);
    cr_assert(isinf(l[1]) && l[1] < 0);
    cr_assert(isnan(l[2]));
    cr_assert(isinf(l[3]) && l[3] > 0);
    cr_assert(isnan(l[4]));
    cr_assert_eq(l[5], 0.0);
    cr_assert_leq(ulps(l[6], logl(0x1p-1074L)), MAX_ULP);
    cr_assert_leq(ulps(l[7], logl((long double)DBL_MIN)), MAX_ULP);
    cr_assert_leq(ulps(l[8], logl((long double)DBL_MAX)), MAX_ULP);
    cr_assert(isnan(l[9]));
    cr_assert_eq(l[10], -l[11]); /* ln 2 = -ln 0.5 */
}

/* parley_i_exp_array_normal gives parley_i_exp_array's bits over its
 * range. */
Test(vmath, exp_normal_same_bits)
{
    double *x = malloc(SAMPLES * sizeof *x), *y = malloc(SAMPLES * sizeof *y);
    size_t i;

    cr_assert_not_null(x);
    cr_assert_not_null(y);
    for (i = 0; i < SAMPLES; i++)
        x[i] = y[i] = i < 2 ? (i ? 709.0 : -708.0) : -708 + 1417 * uniform();
    parley_i_exp_array(x, SAMPLES);
    parley_i_exp_array_normal(y, SAMPLES);
    cr_assert(!memcmp(x, y, SAMPLES * sizeof *x));
    free(x);
    free(y);
}

/* Every length from 1 to 40 at every offset gives each input the bits it
 * has in a long array; so does the scalar path an array with a special
 * value (NaN, an infinity, a zero for log) goes through. */
Test(vmath, same_bits_anywhere)
{
    enum { N = 64 };
    double x[N], ex[N], lx[N], a[N + 1];
    size_t len, off, i;

    for (i = 0; i < N; i++) {
        x[i] = -30 * uniform();
        ex[i] = x[i];
        lx[i] = -x[i] / 30;
    }
    parley_i_exp_array(ex, N);
    for (len = 1; len <= 40; len++)
        for (off = 0; off + len <= N; off += 7) {
            memcpy(a, x + off, len * sizeof *a);
            parley_i_exp_array(a, len);
            cr_assert(!memcmp(a, ex + off, len * sizeof *a),
                      "exp, %zu entries from %zu", len, off);
        }
    memcpy(a, x, N * sizeof *a);
    a[N] = (double)NAN; /* scalar path */
    parley_i_exp_array(a, N + 1);
    cr_assert(!memcmp(a, ex, N * sizeof *a));
    cr_assert(isnan(a[N]));
    memcpy(a, x, N * sizeof *a);
    parley_i_exp_array_normal(a, N); /* no scan */
    cr_assert(!memcmp(a, ex, N * sizeof *a));

    memcpy(a, lx, N * sizeof *a);
    parley_i_log_array(lx, N);
    for (len = 1; len <= 40; len++)
        for (off = 0; off + len <= N; off += 5) {
            double b[N];

            memcpy(b, a + off, len * sizeof *b);
            parley_i_log_array(b, len);
            cr_assert(!memcmp(b, lx + off, len * sizeof *b),
                      "log, %zu entries from %zu", len, off);
        }
    a[N] = 0.0; /* scalar path */
    parley_i_log_array(a, N + 1);
    cr_assert(!memcmp(a, lx, N * sizeof *a));
    cr_assert(isinf(a[N]) && a[N] < 0);
}
