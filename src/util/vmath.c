/*
 * vmath.c -- e^x and ln x over arrays (vmath.h).
 *
 * exp: x = k ln 2 + r with k = round(x / ln 2) and |r| <= ln 2 / 2 (Cody &
 * Waite: ln 2 split in a 40-bit head, so k * head is exact, and a tail);
 * e^r by its Taylor series to r^13 / 13! (the first omitted term is below
 * 5e-18 relative), the terms from r^2 on summed by Estrin's scheme, which
 * keeps the dependency chains short; e^x = e^r 2^h 2^(k-h) with h = k / 2
 * rounded, so that both factors are normal numbers for every |x| < 1024
 * and subnormal results round only once.
 *
 * log: x = 2^e m with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact),
 * s = f / (2 + f), so that ln(1 + f) = 2 atanh(s) = f - s (f - R) with
 * R = 2 (s^2/3 + s^4/5 + ...), summed to s^22/23 (|s| <= 0.1716: the first
 * omitted term is below 1e-19); ln x = e ln 2 + ln(1 + f).
 *
 * The loops use only +, -, *, / and integer operations on the bits, so GCC
 * vectorises them (#pragma omp simd) and every lane computes exactly what
 * the scalar code would.  Where the compiler supports it, an AVX2 copy of
 * each loop is chosen at load time (PARLEY_I_VECTOR_CLONES); it runs the
 * same operations 4 wide, without fused multiply-adds (and this file is
 * built with -ffp-contract=off), so it gives the same bits.  Inputs the kernels
 * do not take (x >= 1024 or NaN for exp, whose kernel gives 0 from -1024
 * down; zero, negative, subnormal, infinite or NaN for log) are found by a
 * vectorised scan of the sign and exponent bits; an array holding any goes
 * through the scalar path, which gives the same bits for the others.
 *
 * Cody, W. J. & Waite, W. (1980).  Software Manual for the Elementary
 * Functions.  Prentice-Hall.
 * Estrin, G. (1960).  Organization of computer systems.  Proc. Western
 * Joint IRE-AIEE-ACM Computer Conference, 33-40.
 */
#include "util/vmath.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define SHIFTER 0x1.8p52 /* x + SHIFTER - SHIFTER rounds x to an integer */
#define LN2_HEAD 0x1.62e42fefa2000p-1               /* ln 2 to 40 bits */
#define LN2_TAIL 0x1.9ef35793c7673p-41              /* ln 2 - LN2_HEAD */
#define LOG2E 0x1.71547652b82fep0                   /* 1 / ln 2 */
#define EXP_LIMIT 1024.0                            /* |x| below: |k| <= 1478 */
#define SQRT_HALF_BITS UINT64_C(0x3fe6a09e667f3bcd) /* sqrt(1/2) */
#define ONE_BITS UINT64_C(0x3ff0000000000000)
#define MANTISSA UINT64_C(0x000fffffffffffff)
#define SIGN UINT64_C(0x8000000000000000)

static inline uint64_t bits_of(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return u;
}

static inline double double_of(uint64_t u)
{
    double d;

    memcpy(&d, &u, sizeof d);
    return d;
}

/* 2^k for an integer-valued k in [-1022, 1023]: built from the bits. */
static inline double pow2(double k)
{
    return double_of((bits_of(k + SHIFTER) - bits_of(SHIFTER) + 1023) << 52);
}

/* e^r - 1 - r over r^2 for |r| <= ln 2 / 2: the Taylor series from r^2 / 2!
 * to r^13 / 13!, by Estrin's scheme. */
static inline double exp_poly(double r)
{
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;

    return ((1.0 / 2 + r * (1.0 / 6)) + r2 * (1.0 / 24 + r * (1.0 / 120))) +
           r4 * ((1.0 / 720 + r * (1.0 / 5040)) +
                 r2 * (1.0 / 40320 + r * (1.0 / 362880))) +
           r8 * ((1.0 / 3628800 + r * (1.0 / 39916800)) +
                 r2 * (1.0 / 479001600 + r * (1.0 / 6227020800)));
}

/* e^x for |x| < 1024; 0 for every other x (see the header comment).  The
 * mask, from the exponent bits, zeroes what the arithmetic made of larger
 * magnitudes: right for x <= -1024 and -inf, and the scan sends larger
 * positive x and NaN to the scalar path. */
static inline double exp_kernel(double x)
{
    uint64_t e = (bits_of(x) >> 52) & 0x7ff;
    uint64_t mask = (((e + (2048 - 0x409)) >> 11) & 1) - 1; /* e < 0x409 */
    double k = (x * LOG2E + SHIFTER) - SHIFTER;   /* round(x / ln 2) */
    double h = (k * 0.5 + SHIFTER) - SHIFTER;     /* k / 2, rounded */
    double r = (x - k * LN2_HEAD) - k * LN2_TAIL; /* first part exact */
    double p = (1.0 + (r + r * r * exp_poly(r)));

    /* the first product is normal, so the second rounds once, also to a
     * subnormal; near overflow the first stays below it */
    p = p * pow2(h) * pow2(k - h);
    return double_of(bits_of(p) & mask);
}

/* exp_kernel for x in [-708, 709], where e^x and 2^k are normal: one
 * scaling, no mask, the same bits. */
static inline double exp_kernel_normal(double x)
{
    double k = (x * LOG2E + SHIFTER) - SHIFTER;
    double r = (x - k * LN2_HEAD) - k * LN2_TAIL;

    return (1.0 + (r + r * r * exp_poly(r))) * pow2(k);
}

/* ln x for a normal positive x (see the header comment).  Adding
 * 1 - sqrt(1/2) to the bits moves the exponent up by one exactly when the
 * mantissa is at least sqrt(2); the mantissa bits then give m / 2. */
static inline double log_kernel(double x)
{
    uint64_t u = bits_of(x) + (ONE_BITS - SQRT_HALF_BITS);
    double e = double_of(bits_of(SHIFTER) | (u >> 52)) - (SHIFTER + 1023);
    double f = double_of((u & MANTISSA) + SQRT_HALF_BITS) - 1.0;
    double s = f / (2.0 + f), z = s * s, z2 = z * z, z4 = z2 * z2;
    double z8 = z4 * z4;
    double big_r =
        z *
        (((2.0 / 3 + z * (2.0 / 5)) + z2 * (2.0 / 7 + z * (2.0 / 9))) +
         z4 * ((2.0 / 11 + z * (2.0 / 13)) + z2 * (2.0 / 15 + z * (2.0 / 17))) +
         z8 * ((2.0 / 19 + z * (2.0 / 21)) + z2 * (2.0 / 23)));

    return e * LN2_HEAD + (f - (s * (f - big_r) - e * LN2_TAIL));
}

/* Nonzero if some x[i] is at least 1024 or NaN, the inputs exp_kernel
 * gets wrong: with t the sign and exponent bits, a positive t of 0x409 or
 * more carries into bit 11 when 0x3f7 is added; a NaN's magnitude bits
 * plus the mantissa mask carry into bit 63 (integer operations only, so
 * the loop vectorises). */
PARLEY_I_VECTOR_CLONES
static uint64_t exp_specials(const double *x, size_t n)
{
    uint64_t flag = 0;
    size_t i;

#pragma omp simd reduction(| : flag)
    for (i = 0; i < n; i++) {
        uint64_t b = bits_of(x[i]), t = b >> 52;

        flag |= ((t + (2048 - 0x409)) & ~t & 2048) |
                (((b & ~SIGN) + MANTISSA) >> 63);
    }
    return flag;
}

/* Nonzero if some x[i] is not a normal positive number: the sign and
 * exponent bits, minus 1, are at least 0x7fe exactly for zeros,
 * subnormals, infinities, NaNs and negative numbers. */
PARLEY_I_VECTOR_CLONES
static uint64_t log_specials(const double *x, size_t n)
{
    uint64_t flag = 0;
    size_t i;

#pragma omp simd reduction(| : flag)
    for (i = 0; i < n; i++)
        flag |= ((((bits_of(x[i]) >> 52) + 4095) & 4095) + 2) & ~UINT64_C(2047);
    return flag;
}

PARLEY_I_VECTOR_CLONES
static void exp_loop(const double *in, double *out, size_t n)
{
    size_t i;

#pragma omp simd
    for (i = 0; i < n; i++)
        out[i] = exp_kernel(in[i]);
}

PARLEY_I_VECTOR_CLONES
static void exp_loop_normal(double *x, size_t n)
{
    size_t i;

#pragma omp simd
    for (i = 0; i < n; i++)
        x[i] = exp_kernel_normal(x[i]);
}

PARLEY_I_VECTOR_CLONES
static void log_loop(const double *in, double *out, size_t n)
{
    size_t i;

#pragma omp simd
    for (i = 0; i < n; i++)
        out[i] = log_kernel(in[i]);
}

/* e^v, also for the inputs the kernel does not take. */
static double exp_special(double v)
{
    if (v < EXP_LIMIT)
        return exp_kernel(v); /* 0 for v <= -1024 and -inf */
    if (v >= EXP_LIMIT)
        return HUGE_VAL; /* +inf, or far above DBL_MAX */
    return v;            /* NaN */
}

/* ln v for the inputs the kernel does not take. */
static double log_special(double v)
{
    if (v >= DBL_MIN && v <= DBL_MAX)
        return log_kernel(v);
    if (v > 0 && v < DBL_MIN) /* subnormal: scale into range */
        return log_kernel(v * 0x1p54) - 54 * LN2_HEAD - 54 * LN2_TAIL;
    if (v == 0)
        return -HUGE_VAL;
    if (v > 0)
        return HUGE_VAL; /* +inf */
    return (double)NAN;  /* negative or NaN */
}

void parley_i_exp_array(double *x, size_t n)
{
    size_t i;

    if (!exp_specials(x, n)) {
        exp_loop(x, x, n);
        return;
    }
    for (i = 0; i < n; i++)
        x[i] = exp_special(x[i]);
}

void parley_i_exp_array_normal(double *x, size_t n)
{
    exp_loop_normal(x, n);
}

void parley_i_log_array(double *x, size_t n)
{
    size_t i;

    if (!log_specials(x, n)) {
        log_loop(x, x, n);
        return;
    }
    for (i = 0; i < n; i++)
        x[i] = log_special(x[i]);
}
