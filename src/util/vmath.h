/*
 * vmath.h -- e^x and ln x over arrays, for kernels that need hundreds of
 * powers x^r = e^(r ln x) per step (the BDM model).  Not part of the public
 * API.
 *
 * Both are written in plain double arithmetic that the compiler vectorises
 * (no tables, no libm calls in the loop, no fused multiply-add), so an
 * input gives the same bits wherever it sits in an array, on any thread,
 * with or without SIMD and on every IEEE 754 machine.  Errors against
 * long double references, over 2 million random inputs per range: at most
 * 0.99 units in the last place for exp, 0.97 for log; test_vmath checks
 * 1.5.
 */
#ifndef PARLEY_UTIL_VMATH_H
#define PARLEY_UTIL_VMATH_H

#include <stddef.h>

/* On x86-64 with GCC, a function so marked is compiled twice, for AVX2
 * and for the baseline, and the loader picks the one the processor runs
 * (AVX-512 was no faster on these short loops).  Neither may fuse a
 * multiply and an add (AVX2 leaves FMA out), so both give the same bits;
 * mark only loops whose results do not depend on the vector width (no
 * reductions the compiler may reorder). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__ELF__) &&            \
    !defined(__clang__)
#define PARLEY_I_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PARLEY_I_VECTOR_CLONES
#endif

/* Replaces each of the n entries of x by e^x.  Subnormal results are
 * rounded once, like the others; -inf gives 0, +inf gives +inf, NaN stays
 * NaN. */
void parley_i_exp_array(double *x, size_t n);

/* parley_i_exp_array for arrays whose every entry lies in [-708, 709], so
 * that every result is a normal number: the same bits, without the scan
 * for other inputs and the care for subnormal results (other inputs give
 * wrong results). */
void parley_i_exp_array_normal(double *x, size_t n);

/* Replaces each of the n entries of x by ln x: 0 gives -inf, negative
 * numbers NaN, +inf +inf, NaN NaN; subnormal inputs are as accurate as
 * normal ones. */
void parley_i_log_array(double *x, size_t n);

#endif /* PARLEY_UTIL_VMATH_H */
