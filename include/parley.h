/*
 * parley.h -- the one public header of libparley.
 *
 * libparley loads a multi-party negotiation (a "scenario"), validates it and
 * runs negotiation models on it.  The library never prints, exits or aborts;
 * every function that can fail returns a parley_status and leaves the detail
 * in the context (parley_ctx_errmsg, parley_ctx_diag).
 *
 * Ownership: inputs are borrowed; whoever calls _new calls _free; _free(NULL)
 * is a no-op.  All allocation goes through the context's allocator.
 *
 * MIT licence.  See README.md.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PARLEY_BUILDING) && defined(__GNUC__)
#define PARLEY_API __attribute__((visibility("default")))
#else
#define PARLEY_API
#endif

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION_STRING "0.1.0"

PARLEY_API const char *parley_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes.  Append-only: never renumber.                               */
/* ------------------------------------------------------------------------ */

typedef enum parley_status {
    PARLEY_OK = 0,
    PARLEY_ENOMEM = 1,   /* an allocation failed */
    PARLEY_EINVAL = 2,   /* an argument or option is invalid */
    PARLEY_EPARSE = 3,   /* input is not well formed (syntax, encoding) */
    PARLEY_EIO = 4,      /* a file could not be read or written */
    PARLEY_ELIMIT = 5,   /* a configured limit was exceeded */
    PARLEY_EVALID = 6,   /* input is well formed but not a valid scenario */
    PARLEY_ENOTFOUND = 7,/* a named model, actor, issue, ... does not exist */
    PARLEY_EFORMAT = 8,  /* the input format could not be detected */
    PARLEY_EUNSUPPORTED = 9 /* the operation does not apply to this input */
} parley_status;

/* Describes any status value, unknown ones included.  Never NULL. */
PARLEY_API const char *parley_strerror(parley_status status);

/* ------------------------------------------------------------------------ */
/* Context: allocator hook, limits, diagnostics.                             */
/* ------------------------------------------------------------------------ */

typedef struct parley_allocator {
    void *(*alloc)(void *user, size_t size);
    void *(*realloc)(void *user, void *ptr, size_t old_size, size_t new_size);
    void (*free)(void *user, void *ptr, size_t size);
    void *user;
} parley_allocator;

/* Limits guard every loader and model; exceeding one is PARLEY_ELIMIT with a
 * message naming the limit and the option that raises it. */
typedef struct parley_limits {
    size_t max_input_bytes;  /* default 64 MiB */
    size_t max_actors;       /* default 10000 */
    size_t max_issues;       /* default 10000 */
    size_t max_options;      /* per issue; default 1000 */
    size_t max_rounds;       /* model rounds; default 100000 */
    size_t max_draws;        /* Monte Carlo draws; default 100000000 */
    size_t max_output_bytes; /* writers; default 1 GiB */
    size_t max_diagnostics;  /* errors kept per load; default 200 */
} parley_limits;

PARLEY_API void parley_limits_set_default(parley_limits *limits);

typedef struct parley_ctx parley_ctx;

/* A diagnostic: one input error at a position.  line and col are 1-based;
 * 0 means "not known". */
typedef struct parley_diag {
    const char *file;
    unsigned line;
    unsigned col;
    const char *message; /* "what is wrong, what was expected" */
} parley_diag;

/* allocator may be NULL (malloc/free). */
PARLEY_API parley_ctx *parley_ctx_new(const parley_allocator *allocator);
PARLEY_API void parley_ctx_free(parley_ctx *ctx);
PARLEY_API void parley_ctx_set_limits(parley_ctx *ctx,
                                      const parley_limits *limits);
PARLEY_API const parley_limits *parley_ctx_limits(const parley_ctx *ctx);
/* The first error since the last clear, formatted "file:line:col: msg", or
 * "" if none. */
PARLEY_API const char *parley_ctx_errmsg(const parley_ctx *ctx);
PARLEY_API size_t parley_ctx_ndiag(const parley_ctx *ctx);
PARLEY_API const parley_diag *parley_ctx_diag(const parley_ctx *ctx,
                                              size_t index);
/* Number of diagnostics dropped because max_diagnostics was reached. */
PARLEY_API size_t parley_ctx_ndiag_dropped(const parley_ctx *ctx);
PARLEY_API void parley_ctx_clear(parley_ctx *ctx);

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** seeded through splitmix64.                   */
/* ------------------------------------------------------------------------ */

typedef struct parley_rng {
    uint64_t s[4];
} parley_rng;

/* Stream for draw `stream` of run `seed`: identical whatever the thread. */
PARLEY_API void parley_rng_seed(parley_rng *rng, uint64_t seed,
                                uint64_t stream);
PARLEY_API uint64_t parley_rng_next(parley_rng *rng);
/* Uniform on [0, 1) with 53 random bits. */
PARLEY_API double parley_rng_uniform(parley_rng *rng);
/* Triangular(low, mode, high) by inversion. */
PARLEY_API double parley_rng_triangular(parley_rng *rng, double low,
                                        double mode, double high);
/* Standard normal (Box-Muller, no cached state). */
PARLEY_API double parley_rng_normal(parley_rng *rng);

/* ------------------------------------------------------------------------ */
/* Scenarios.                                                                */
/* ------------------------------------------------------------------------ */

typedef struct parley_scenario parley_scenario;

typedef enum parley_format {
    PARLEY_FORMAT_AUTO = 0,
    PARLEY_FORMAT_YAML = 1,   /* parley scenario language v1 */
    PARLEY_FORMAT_BDM = 2,    /* CSV: actor, capability, position, salience */
    PARLEY_FORMAT_KTAB = 3,   /* KTAB SMP CSV */
    PARLEY_FORMAT_DECIDE = 4, /* decide #A/#P/#M/#D */
    PARLEY_FORMAT_DEU = 5,    /* DEU III TSV */
    PARLEY_FORMAT_GENIUS = 6  /* GENIUS XML domain + profiles (bargaining) */
} parley_format;

PARLEY_API const char *parley_format_name(parley_format format);
/* "yaml", "bdm", "ktab", "decide", "deu", "genius", "auto". */
PARLEY_API parley_status parley_format_from_name(const char *name,
                                                 parley_format *format);
/* Guess the format from the file name (may be NULL) and the first bytes. */
PARLEY_API parley_format parley_format_detect(const char *path,
                                              const char *bytes, size_t len);

/* Options for loaders. */
typedef struct parley_load_options {
    parley_format format;      /* AUTO: detect */
    int deu_equal_capability;  /* DEU: 1 = all capabilities 1 (else GDP row) */
} parley_load_options;

PARLEY_API void parley_load_options_set_default(parley_load_options *options);

/* Load and validate a scenario.  On failure *out is NULL, every error found
 * is in the context's diagnostics and nothing is half-built. */
PARLEY_API parley_status parley_scenario_load(parley_ctx *ctx,
                                              const char *path,
                                              const parley_load_options *opts,
                                              parley_scenario **out);
/* Same from memory; `name` is used in diagnostics. */
PARLEY_API parley_status parley_scenario_load_buffer(
    parley_ctx *ctx, const char *name, const char *bytes, size_t len,
    const parley_load_options *opts, parley_scenario **out);
PARLEY_API void parley_scenario_free(parley_scenario *scenario);

/* Counts, for the one-line summary of `parley validate`. */
typedef struct parley_scenario_summary {
    parley_format format;
    size_t actors, issues, options, stances, proposals;
    size_t red_lines, ratifications, linkages;
    size_t variables, shocks, couplings, impacts, sources, uncertain;
    size_t outcomes;         /* issues with an observed outcome (DEU) */
} parley_scenario_summary;

PARLEY_API void parley_scenario_summarise(const parley_scenario *scenario,
                                          parley_scenario_summary *summary);

PARLEY_API const char *parley_scenario_id(const parley_scenario *s);
PARLEY_API const char *parley_scenario_name(const parley_scenario *s);
PARLEY_API size_t parley_scenario_n_actors(const parley_scenario *s);
PARLEY_API size_t parley_scenario_n_issues(const parley_scenario *s);
PARLEY_API size_t parley_scenario_n_proposals(const parley_scenario *s);

PARLEY_API const char *parley_actor_id(const parley_scenario *s, size_t a);
PARLEY_API const char *parley_actor_name(const parley_scenario *s, size_t a);
PARLEY_API double parley_actor_capability(const parley_scenario *s, size_t a);
/* Index of the actor/issue with this id, or (size_t)-1. */
PARLEY_API size_t parley_actor_find(const parley_scenario *s, const char *id);
PARLEY_API size_t parley_issue_find(const parley_scenario *s, const char *id);

PARLEY_API const char *parley_issue_id(const parley_scenario *s, size_t k);
PARLEY_API const char *parley_issue_name(const parley_scenario *s, size_t k);
PARLEY_API double parley_issue_scale_min(const parley_scenario *s, size_t k);
PARLEY_API double parley_issue_scale_max(const parley_scenario *s, size_t k);
/* Observed outcome (DEU backtests), NaN when none is recorded. */
PARLEY_API double parley_issue_outcome(const parley_scenario *s, size_t k);
/* The label of the anchor (or option, if there are no anchors) nearest to
 * value; NULL if the issue has neither. */
PARLEY_API const char *parley_issue_nearest_label(const parley_scenario *s,
                                                  size_t k, double value);
/* 1 if actor a has a stance on issue k. */
PARLEY_API int parley_stance_present(const parley_scenario *s, size_t a,
                                     size_t k);
PARLEY_API double parley_stance_position(const parley_scenario *s, size_t a,
                                         size_t k);
PARLEY_API double parley_stance_salience(const parley_scenario *s, size_t a,
                                         size_t k);

PARLEY_API const char *parley_proposal_id(const parley_scenario *s, size_t p);
PARLEY_API const char *parley_proposal_name(const parley_scenario *s,
                                            size_t p);

/* ------------------------------------------------------------------------ */
/* Forecasting models (one issue at a time).                                 */
/* ------------------------------------------------------------------------ */

/* One issue as the forecasting models see it: the actors that hold a stance,
 * with capability, position and salience.  Arrays have n entries. */
typedef struct parley_issue_data {
    size_t n;
    const double *capability;
    const double *position;
    const double *salience;
    double scale_min, scale_max; /* the issue's scale (for BDM's range) */
} parley_issue_data;

/* BDM variant choices (Scholz, Calbert & Smith 2011 and the replications). */
typedef enum parley_bdm_prob {
    PARLEY_BDM_PROB_ALL_TRIPLES = 0, /* Scholz: divide by sum |votes| over all
                                        triples (the replication's quirk) */
    PARLEY_BDM_PROB_PAIR = 1         /* divide by the votes on this pair */
} parley_bdm_prob;

typedef enum parley_bdm_median {
    PARLEY_BDM_MEDIAN_CONDORCET = 0, /* pairwise c*s Condorcet winner */
    PARLEY_BDM_MEDIAN_WEIGHTED = 1   /* weighted median of c*s */
} parley_bdm_median;

typedef enum parley_bdm_risk {
    PARLEY_BDM_RISK_SCHOLZ = 0,  /* r = (1 - R/3) / (1 + R/3) */
    PARLEY_BDM_RISK_NEUTRAL = 1  /* r = 1 for everyone */
} parley_bdm_risk;

typedef enum parley_bdm_offer {
    PARLEY_BDM_OFFER_BEST = 0,    /* confrontation > compromise >
                                     capitulation, then by expected utility */
    PARLEY_BDM_OFFER_NEAREST = 1  /* among the best kind, the nearest offer */
} parley_bdm_offer;

typedef struct parley_forecast_options {
    const char *models;     /* comma list; NULL = "compromise,median,bdm" */
    size_t rounds;          /* round cap for iterative models; default 10 */
    double tolerance;       /* stop when no position moves more; 1e-9 */
    int trace;              /* keep every round */
    /* BDM (see docs/models/bdm.md) */
    const char *bdm_variant;    /* "scholz" (default) or NULL */
    parley_bdm_prob bdm_prob;
    parley_bdm_median bdm_median;
    parley_bdm_risk bdm_risk;
    parley_bdm_offer bdm_offer;
    double bdm_q;           /* status-quo probability Q; default 1 */
} parley_forecast_options;

PARLEY_API void parley_forecast_options_set_default(
    parley_forecast_options *options);

typedef enum parley_offer_kind {
    PARLEY_OFFER_NONE = 0,
    PARLEY_OFFER_CONFRONTATION = 1, /* loses a confrontation: moves fully */
    PARLEY_OFFER_COMPROMISE = 2,
    PARLEY_OFFER_CAPITULATION = 3
} parley_offer_kind;

/* An offer accepted in a round: `actor` moved to `new_position` because of
 * `from` (indices into the issue's actor list). */
typedef struct parley_offer {
    size_t actor, from;
    parley_offer_kind kind;
    double new_position;
    double eu_actor, eu_from; /* the two expected utilities compared */
} parley_offer;

typedef struct parley_round {
    double *position;   /* n: positions after the round */
    double *risk;       /* n: risk exponents used in the round (NaN if n/a) */
    double median, mean;/* after the round */
    parley_offer *offers;
    size_t n_offers;
} parley_round;

/* A model's forecast for one issue. */
typedef struct parley_model_result {
    const char *model;  /* registry name (static string) */
    double forecast;    /* on the issue's scale */
    size_t rounds;      /* rounds run (0 for one-shot models) */
    int converged;      /* 1 if stable before the cap */
    double median0, mean0;   /* before the first round */
    parley_round *trace;     /* `rounds` entries when traced, else NULL */
    size_t n;                /* actors on the issue */
    size_t *actor_index;     /* n: index into the scenario's actors */
} parley_model_result;

typedef struct parley_issue_forecast {
    size_t issue;            /* index into the scenario's issues */
    size_t n_models;
    parley_model_result *models;
} parley_issue_forecast;

typedef struct parley_forecast {
    size_t n_issues;
    parley_issue_forecast *issues;
    const parley_ctx *ctx_;  /* allocator owner; do not touch */
} parley_forecast;

/* Registered models, for --help and listing. */
PARLEY_API size_t parley_model_count(void);
PARLEY_API const char *parley_model_name(size_t i);
PARLEY_API const char *parley_model_summary(size_t i);

/* Run every selected model on every issue of the scenario. */
PARLEY_API parley_status parley_forecast_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_forecast_options *options, parley_forecast **out);
PARLEY_API void parley_forecast_free(parley_ctx *ctx, parley_forecast *f);

/* Run one model on one issue given as arrays (used by benchmarks and Monte
 * Carlo).  *forecast receives the model's forecast. */
PARLEY_API parley_status parley_forecast_issue(
    parley_ctx *ctx, const char *model, const parley_issue_data *issue,
    const parley_forecast_options *options, double *forecast);

/* ------------------------------------------------------------------------ */
/* Backtest: forecast issues with observed outcomes, and score.              */
/* ------------------------------------------------------------------------ */

typedef enum parley_split {
    PARLEY_SPLIT_ALL = 0,
    PARLEY_SPLIT_ODD = 1,   /* issues 1, 3, 5, ... (1-based file order) */
    PARLEY_SPLIT_EVEN = 2
} parley_split;

typedef struct parley_backtest_row {
    const char *model;
    size_t n;             /* issues scored */
    double mae, rmse, median_ae;
} parley_backtest_row;

typedef struct parley_backtest {
    size_t n_rows;
    parley_backtest_row *rows;
    size_t n_issues_with_outcome;
} parley_backtest;

PARLEY_API parley_status parley_backtest_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_forecast_options *options, parley_split split,
    parley_backtest **out);
PARLEY_API void parley_backtest_free(parley_ctx *ctx, parley_backtest *b);

/* ------------------------------------------------------------------------ */
/* Output sinks: writers never compute, models never write.                  */
/* ------------------------------------------------------------------------ */

/* Receives len bytes; returns 0 on success, non-zero to abort writing. */
typedef int (*parley_sink_fn)(void *user, const char *bytes, size_t len);

typedef struct parley_sink {
    parley_sink_fn write;
    void *user;
} parley_sink;

/* Text table / JSON for a forecast. */
PARLEY_API parley_status parley_forecast_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_forecast *f,
    const parley_forecast_options *options, parley_sink sink);
PARLEY_API parley_status parley_forecast_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_forecast *f,
    const parley_forecast_options *options, parley_sink sink);

/* Backtest table.  `capability_note` states the capability assumption. */
PARLEY_API parley_status parley_backtest_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_backtest *b,
    const char *capability_note, parley_split split, parley_sink sink);
PARLEY_API parley_status parley_backtest_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_backtest *b,
    const char *capability_note, parley_split split, parley_sink sink);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_H */
