/*
 * montecarlo.h -- the Monte Carlo engine: evaluations of a perturbed
 * scenario month by month, in parallel, with results that do not depend on
 * the number of threads.  Internal; the public entry points are
 * parley_simulate_run and parley_sensitivity_run (parley.h), and later
 * components (negotiation protocols, durability, outcome classification)
 * add their own outputs here.
 *
 * One evaluation (a Monte Carlo draw, or a point of a sensitivity design)
 * with index d:
 *
 *   u        the uniforms of the uncertain inputs: drawn from the stream
 *            parley_rng_seed(seed, d) (params.h: triangular by inversion,
 *            Gaussian copula within blocs), or given by the caller
 *            (sensitivity designs; NaN = at the mode), or all at the mode
 *            (sample_inputs = 0)
 *   values0  the flat vector of the scenario's numbers with those inputs
 *            (params.h) -- a copy per thread, no pointers per draw
 *   x(0)     the initial state
 *   for t = 0 .. months:
 *       values(t) = values0 with the couplings applied at x(t)
 *       every output block computes its columns at (d, t) into
 *       row[t * n_columns + column]
 *       x(t+1) = step(x(t)) with noise from the stream
 *                parley_rng_seed(noise_seed, noise_stream)
 *
 * noise_seed is seed ^ PARLEY_I_NOISE_SEED_XOR, and noise_stream is d for
 * Monte Carlo draws (sensitivity designs choose it, so that evaluations
 * share their dynamics noise).  Each evaluation depends only on (seed, d,
 * u, noise_stream); rows are written to disjoint places and every
 * reduction runs over rows in index order, so any number of threads gives
 * the same bytes.
 *
 * Outputs.  An output block has a type (a small struct of function
 * pointers), a configuration it owns, `width` columns (each with an id, a
 * label and a kind: VALUE, or EVENT with values 0 / 1) and per-thread
 * scratch memory allocated once, in parley_i_mc_prepare.  Within an
 * evaluation a block is called for months 0, 1, ..., months in order on
 * one thread, so it may keep state in its scratch from month to month
 * (month 0 starts a new evaluation).  A block marked unavailable is never
 * called: its columns are NaN and its note says why.  compute must not
 * allocate; it reports errors through the point's context (which never
 * allocates either).
 */
#ifndef PARLEY_DYNAMICS_MONTECARLO_H
#define PARLEY_DYNAMICS_MONTECARLO_H

#include "dynamics/dynamics.h"

#include <stdint.h>

/* The noise stream seed is the run's seed XOR this (the fractional bits of
 * the golden ratio), so inputs and noise use different streams. */
#define PARLEY_I_NOISE_SEED_XOR 0x9e3779b97f4a7c15ULL

typedef struct parley_i_mc parley_i_mc;

typedef enum parley_i_out_kind {
    PARLEY_I_OUT_VALUE = 0,
    PARLEY_I_OUT_EVENT = 1 /* 1 = the event holds at this month, 0 = not */
} parley_i_out_kind;

/* What an output block sees at one (evaluation, month). */
typedef struct parley_i_point {
    const parley_i_mc *mc;
    const parley_i_params *params;
    const double *values;  /* the flat vector at this month */
    const double *values0; /* ... at month 0 (before couplings move it) */
    const double *state;   /* x(t), n_variables */
    const double *state0;  /* x(0) */
    uint64_t draw;         /* the evaluation's index */
    int month;
    parley_ctx *ctx; /* the thread's context: errors only */
} parley_i_point;

typedef struct parley_i_output_type {
    const char *name;
    /* Bytes of per-thread scratch for this configuration (may be 0). */
    size_t (*scratch_size)(const void *config);
    /* Writes the block's width columns for this point into out. */
    parley_status (*compute)(const void *config, void *scratch,
                             const parley_i_point *point, double *out);
    /* Frees the configuration (may be NULL when there is nothing). */
    void (*config_free)(const parley_ctx *ctx, void *config);
} parley_i_output_type;

typedef struct parley_i_column {
    char *id;    /* "forecast:T_DONBAS:bdm" */
    char *label; /* "forecast of T_DONBAS by bdm" */
    parley_i_out_kind kind;
    size_t block;
} parley_i_column;

typedef struct parley_i_block {
    const parley_i_output_type *type;
    void *config;
    size_t first, width; /* its columns */
    size_t scratch_offset, scratch_size;
    int available;
    const char *note; /* static text: why not available */
} parley_i_block;

typedef struct parley_i_mc_config {
    int months;  /* < 0: the scenario's horizon (0 without dynamics) */
    int threads; /* <= 0: OpenMP's default */
    uint64_t seed;
    int sample_inputs; /* 0: every input at its mode (only the dynamics are
                          random) */
} parley_i_mc_config;

/* Progress: called on the calling thread between blocks of evaluations. */
typedef void (*parley_i_progress_fn)(void *user, size_t done, size_t total);

/* A batch of evaluations. */
typedef struct parley_i_job {
    size_t n;              /* evaluations */
    uint64_t first;        /* evaluation i has index first + i */
    const double *u;       /* NULL: inputs drawn (or at the mode); else
                              n x n_inputs uniforms, NaN = at the mode */
    const uint64_t *noise; /* NULL: noise stream = the index; else n */
    double *rows;          /* n x row_len */
    parley_i_progress_fn progress;
    void *progress_user;
    size_t progress_done, progress_total; /* offsets for the callback */
} parley_i_job;

struct parley_i_thread; /* per-thread workspace (montecarlo.c) */

struct parley_i_mc {
    parley_ctx *ctx;
    const parley_scenario *scenario;
    parley_i_params *params;
    parley_i_dyn *dyn;
    int months; /* outputs at months 0 .. months */
    int threads;
    uint64_t seed, noise_seed;
    int sample_inputs;
    size_t n_blocks, cap_blocks;
    parley_i_block *blocks;
    size_t n_columns, cap_columns;
    parley_i_column *columns;
    size_t scratch_size;        /* per thread, every block's */
    struct parley_i_thread *ws; /* threads entries once prepared */
    const parley_negotiation_options *negotiation; /* for the negotiation
                                   outputs (negotiation.h); NULL: the
                                   defaults; set before adding outputs */
};

/* Builds the engine: the flat vector and input table, the dynamics, no
 * outputs yet.  Errors: EINVAL (months above 600), ENOMEM, ELIMIT. */
parley_status parley_i_mc_new(parley_ctx *ctx, const parley_scenario *s,
                              const parley_i_mc_config *config,
                              parley_i_mc **out);
void parley_i_mc_free(parley_i_mc *mc);

/* Adds a block of `width` columns.  The engine owns config from now on
 * (it is freed with the engine, or at once if this fails).  *first gets
 * the index of the block's first column; set the columns with
 * parley_i_mc_column. */
parley_status parley_i_mc_add_block(parley_i_mc *mc,
                                    const parley_i_output_type *type,
                                    void *config, size_t width, size_t *first);
/* Names column c (copies id and label). */
parley_status parley_i_mc_column(parley_i_mc *mc, size_t c, const char *id,
                                 const char *label, parley_i_out_kind kind);
/* Marks the last block added as not computed; note is static text. */
void parley_i_mc_unavailable(parley_i_mc *mc, const char *note);

/* Parses a comma list of output specifications and adds their blocks:
 *   forecast:ISSUE[:MODEL]   ISSUE or *; without MODEL every model of
 *                            forecast->models
 *   state:VARIABLE           VARIABLE or *
 *   reservation:ACTOR        ACTOR or * (actors with a reservation)
 *   zone:ISSUE               ISSUE or *: the parties' acceptable ranges
 *                            overlap (an event)
 *   zopa                     the package ZOPA is not empty (an event)
 *   blocking:ACTOR           ACTOR or *: in a minimal blocking set of the
 *                            shut ZOPA (an event)
 *   protocol                 deal, outcome:* and terms:* (below)
 *   deal, outcome:TYPE, terms:ISSUE  the negotiation protocol's signed
 *                            package, end state's outcome type (events)
 *                            and the signed package's terms (values)
 * (the last four: nego_outputs.c, with mc->negotiation).  NULL:
 * "forecast:*,state:*,reservation:*,zone:*,zopa,protocol".  zone_parties
 * is a comma list of actor ids (NULL: every actor whose role is party). */
parley_status parley_i_mc_add_outputs(parley_i_mc *mc, const char *specs,
                                      const parley_forecast_options *forecast,
                                      const char *zone_parties);

/* Allocates every thread's workspace (done by the first run if not
 * called). */
parley_status parley_i_mc_prepare(parley_i_mc *mc);

/* Doubles per evaluation row: (months + 1) x n_columns. */
size_t parley_i_mc_row_len(const parley_i_mc *mc);

/* Runs the job's evaluations in parallel (see above). */
parley_status parley_i_mc_run(parley_i_mc *mc, const parley_i_job *job);

/* Summaries of every column at every month over n rows (the public
 * parley_sim_cell; see parley.h) into cells[column * (months + 1) + t].
 * scratch holds threads x n doubles and flags threads x n bytes. */
void parley_i_mc_summarise(const parley_i_mc *mc, const double *rows, size_t n,
                           double coverage, parley_sim_cell *cells,
                           double *scratch, unsigned char *flags);

/* The scalar sensitivity analysis studies in one row: column c at month m
 * for values; for events, 1 if the event held at some month <= m. */
double parley_i_mc_scalar(const parley_i_mc *mc, const double *row, size_t c,
                          int m);

/* Index of the column with this id, or PARLEY_NO_INDEX. */
size_t parley_i_mc_find_column(const parley_i_mc *mc, const char *id);

#endif /* PARLEY_DYNAMICS_MONTECARLO_H */
