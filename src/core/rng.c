/*
 * rng.c -- xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64.
 * Stream i of seed s is seeded from splitmix64 of a mix of (s, i), so draw i
 * gets the same numbers whichever thread or process runs it.
 */
#include "parley.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

void parley_rng_seed(parley_rng *rng, uint64_t seed, uint64_t stream)
{
    uint64_t state = seed;
    uint64_t mixed;
    int i;

    mixed = splitmix64(&state);                  /* decorrelate the seed */
    state = mixed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
    for (i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&state);
    if (!(rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]))
        rng->s[0] = 1; /* the all-zero state is a fixed point */
}

uint64_t parley_rng_next(parley_rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double parley_rng_uniform(parley_rng *rng)
{
    return (double)(parley_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Inverse CDF of the triangular distribution. */
double parley_rng_triangular(parley_rng *rng, double low, double mode,
                             double high)
{
    double u, width = high - low;

    if (!(width > 0))
        return mode;
    u = parley_rng_uniform(rng);
    if (u < (mode - low) / width)
        return low + sqrt(u * width * (mode - low));
    return high - sqrt((1.0 - u) * width * (high - mode));
}

/* Box-Muller; uses two uniforms per call so no state is cached. */
double parley_rng_normal(parley_rng *rng)
{
    double u1, u2;

    do
        u1 = parley_rng_uniform(rng);
    while (u1 <= 0.0);
    u2 = parley_rng_uniform(rng);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
