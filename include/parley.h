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
    size_t max_stances;      /* actors x issues cells; default 4000000 */
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
    int genius_raw;            /* GENIUS: 0 = evaluation / max evaluation per
                                  issue (GENIUS semantics), 1 = evaluations
                                  as written */
} parley_load_options;

PARLEY_API void parley_load_options_set_default(parley_load_options *options);

/* Load and validate a scenario.  On failure *out is NULL, every error found
 * is in the context's diagnostics and nothing is half-built. */
PARLEY_API parley_status parley_scenario_load(parley_ctx *ctx,
                                              const char *path,
                                              const parley_load_options *opts,
                                              parley_scenario **out);
/* GENIUS: a domain file followed by its profile files (n >= 2), one actor
 * per profile in the order given.  parley_scenario_load also takes a GENIUS
 * folder (one domain, profiles sorted by file name) or a domain file whose
 * folder holds the profiles. */
PARLEY_API parley_status parley_scenario_load_files(
    parley_ctx *ctx, const char *const *paths, size_t n,
    const parley_load_options *opts, parley_scenario **out);
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
    size_t end_rules;        /* end-state rules of `negotiation:`
                                (armistice, frozen, collapse) */
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
    PARLEY_BDM_OFFER_BEST = 0,    /* Scholz: confrontation > compromise >
                                     capitulation; within confrontation and
                                     capitulation the nearest offer, within
                                     compromise the lowest EU-weighted
                                     position (see docs/models/bdm.md) */
    PARLEY_BDM_OFFER_NEAREST = 1  /* among the best kind, the nearest offer */
} parley_bdm_offer;

typedef enum parley_bdm_range {
    PARLEY_BDM_RANGE_OBSERVED = 0, /* Scholz: max - min of the positions
                                      before the first round */
    PARLEY_BDM_RANGE_SCALE = 1     /* the issue's scale_max - scale_min */
} parley_bdm_range;

typedef struct parley_forecast_options {
    const char *models;     /* comma list; NULL = "compromise,median,bdm" */
    size_t rounds;          /* round cap for iterative models; default 10 */
    double tolerance;       /* stop when no position moves more; 1e-9;
                               negative: always run `rounds` rounds */
    int trace;              /* keep every round */
    /* BDM (see docs/models/bdm.md).  bdm_variant names a preset that sets
     * every choice below except bdm_q: "scholz" or "corrected"; NULL (the
     * default) uses the fields as given, whose defaults are Scholz's. */
    const char *bdm_variant;
    parley_bdm_prob bdm_prob;
    parley_bdm_median bdm_median;
    parley_bdm_risk bdm_risk;
    parley_bdm_offer bdm_offer;
    double bdm_q;           /* status-quo probability Q; default 1 */
    parley_bdm_range bdm_range;
    int bdm_capitulate;     /* 0 (Scholz): the replication's capitulation
                               test, which never holds; 1: capitulate when
                               0 < E_i(U_ji) < |E_i(U_ij)| */
    double bdm_salience_scale; /* BDM reads salience / scale as the
                               probability that an actor resists; 0 (the
                               default): 1 if every salience is <= 1,
                               else 100 */
    int include_third_parties; /* 0 (default): actors whose role is
                               third_party (affected, not at the table)
                               take no part in forecasts; 1: they do */
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
    double forecast;    /* on the issue's scale; BDM: the median after the
                           last round; NaN if no actor with a stance on the
                           issue has capability x salience > 0 */
    size_t rounds;      /* rounds run (0 for one-shot models) */
    int converged;      /* 1 if a round moved no position by more than
                           the tolerance (one-shot models: 1) */
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
 * Carlo).  *forecast receives the model's forecast.  Allocates nothing for
 * issues of up to 12 actors (the workspace is on the stack). */
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
    size_t n_issues_with_outcome; /* in the split */
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

/* ------------------------------------------------------------------------ */
/* Durability, outcomes and impact (docs/models/durability.md, impact.md).  */
/* ------------------------------------------------------------------------ */

/*
 * A package gives each issue of the scenario a value on its scale, or
 * leaves it open (NaN).  Wherever a single value is needed, an open issue
 * takes its status quo (NaN when the issue has none).  Outcome types are
 * classified by the scenario's rules (`outcomes[].when`); durability is
 * the scenario's `durability` model; the impact scorecard is an `impacts`
 * model.  Results borrow ids and names from the scenario: free them
 * before the scenario.
 */

#define PARLEY_NO_OUTCOME ((size_t)-1) /* no / unknown outcome type */

typedef struct parley_package {
    size_t n_issues;      /* must equal the scenario's */
    const double *value;  /* n_issues values; NaN: open */
    const size_t *option; /* n_issues option indices ((size_t)-1: none),
                             or NULL; a value without an option counts as
                             the first option at exactly that value */
} parley_package;

/* Fills caller-owned arrays of n_issues entries with proposal p's terms
 * (NaN and (size_t)-1 for open terms).  option may be NULL. */
PARLEY_API parley_status parley_proposal_package(parley_ctx *ctx,
                                                 const parley_scenario *s,
                                                 size_t proposal,
                                                 double *value,
                                                 size_t *option);

PARLEY_API size_t parley_scenario_n_outcomes(const parley_scenario *s);
PARLEY_API const char *parley_outcome_id(const parley_scenario *s, size_t o);
PARLEY_API const char *parley_outcome_name(const parley_scenario *s,
                                           size_t o);
/* Index of the outcome type / impact model with this id, or (size_t)-1. */
PARLEY_API size_t parley_outcome_find(const parley_scenario *s,
                                      const char *id);
PARLEY_API size_t parley_scenario_n_impacts(const parley_scenario *s);
PARLEY_API const char *parley_impact_id(const parley_scenario *s, size_t i);
PARLEY_API size_t parley_impact_find(const parley_scenario *s,
                                     const char *id);

/* Why an actor accepts a package or not. */
typedef struct parley_acceptance {
    int accepted;
    const char *red_line;  /* id of the first active red line of the actor
                              that the package violates, or NULL */
    size_t issue;          /* the issue of that red line, else the first
                              set issue outside the actor's acceptable
                              range; (size_t)-1 when accepted */
    double value;          /* the package's value there (NaN if none) */
    double low, high;      /* the range (or red-line bounds) violated */
} parley_acceptance;

/* An acceptance rule: returns 1 if `actor` would sign `package` (and
 * fills *why, which may be NULL).  Open issues are not part of what is
 * signed. */
typedef int (*parley_acceptance_fn)(void *user, const parley_scenario *s,
                                    size_t actor,
                                    const parley_package *package,
                                    parley_acceptance *why);

/* Engine acceptance (brief 6.1): every set issue on which the actor has an
 * acceptable range lies inside it, and no active red line of the actor is
 * violated.  `user` is unused. */
PARLEY_API int parley_accept_engine(void *user, const parley_scenario *s,
                                    size_t actor,
                                    const parley_package *package,
                                    parley_acceptance *why);

typedef struct parley_outcome_options {
    parley_acceptance_fn accept; /* default parley_accept_engine; plug in
                                    a utility-based rule here */
    void *accept_user;
} parley_outcome_options;

PARLEY_API void parley_outcome_options_set_default(
    parley_outcome_options *options);

typedef struct parley_outcome_class {
    size_t outcome;           /* the first outcome type (in file order)
                                 whose `when` holds, else the default
                                 type, else PARLEY_NO_OUTCOME */
    size_t outcome_if_signed; /* the same with every accepted_by test
                                 taken to hold: the type the package would
                                 have if its signatories signed it */
    size_t n_set;             /* issues the package sets */
} parley_outcome_class;

/* Classifies a package.  PARLEY_EUNSUPPORTED if the scenario has no
 * classification rules; PARLEY_EINVAL for a package that does not fit the
 * scenario.  Allocates nothing. */
PARLEY_API parley_status parley_outcome_classify(
    parley_ctx *ctx, const parley_scenario *s, const parley_package *package,
    const parley_outcome_options *options, parley_outcome_class *out);

/* One durability factor's contribution. */
typedef struct parley_durability_factor_score {
    const char *id;
    const char *name;      /* NULL when the scenario gives none */
    int applies;           /* its condition holds (1 without a condition) */
    size_t share_veto;     /* the veto whose share multiplies the points,
                              or (size_t)-1 */
    double share;          /* that share of accepting actors, else NaN */
    double points;         /* its contribution to D (0 if not applying) */
} parley_durability_factor_score;

/* One holder of a durability veto and its verdict on the package. */
typedef struct parley_durability_verdict {
    size_t veto;           /* index of the veto in the scenario's model */
    const char *veto_id;
    size_t actor;
    int rejects;           /* the package leaves the actor's acceptable
                              range on one of the veto's issues */
    size_t issue;          /* the first such issue, or (size_t)-1 */
    double value, low, high;
    double points;         /* the veto's own points (0 if it accepts) */
} parley_durability_verdict;

typedef struct parley_durability {
    size_t outcome;        /* the outcome type assumed, or
                              PARLEY_NO_OUTCOME (outcome tests fail) */
    double base;
    double raw;            /* base + every contribution */
    double score;          /* raw clipped to [clip_min, clip_max] */
    double clip_min, clip_max; /* -inf / +inf without a clip */
    size_t n_factors;
    parley_durability_factor_score *factors;
    size_t n_verdicts;     /* one per veto and holder */
    parley_durability_verdict *verdicts;
    const parley_ctx *ctx_; /* allocator owner; do not touch */
} parley_durability;

/* Durability of a package under an outcome type (PARLEY_NO_OUTCOME: not
 * known), with its per-factor breakdown.  PARLEY_EUNSUPPORTED if the
 * scenario has no durability model. */
PARLEY_API parley_status parley_durability_run(
    parley_ctx *ctx, const parley_scenario *s, const parley_package *package,
    size_t outcome, const parley_outcome_options *options,
    parley_durability **out);
/* The score alone; allocates nothing. */
PARLEY_API parley_status parley_durability_score(
    parley_ctx *ctx, const parley_scenario *s, const parley_package *package,
    size_t outcome, const parley_outcome_options *options, double *score);
PARLEY_API void parley_durability_free(parley_ctx *ctx, parley_durability *d);

typedef enum parley_score_basis {
    PARLEY_SCORE_NONE = 0,       /* not scored under this outcome type */
    PARLEY_SCORE_BY_OUTCOME = 1, /* the outcome x dimension matrix */
    PARLEY_SCORE_FORMULA = 2,    /* the linear formula in issue values */
    PARLEY_SCORE_EXPECTED = 3    /* expectation over outcome types */
} parley_score_basis;

typedef struct parley_dimension_score {
    const char *id;
    const char *name;      /* NULL when none */
    const char *group;     /* e.g. "normative"; NULL when none */
    double weight;
    parley_score_basis basis;
    double base;           /* before adjustments; NaN when not scored */
    double low, high;      /* an uncertain matrix cell's range ("0 / -1",
                              scored at its mode); = base otherwise */
    size_t n_adjusted;     /* adjustments that applied */
    double score;          /* after adjustments and clip; NaN: not scored */
    int clipped;
    double coverage;       /* expected: probability of the outcome types
                              that score this dimension; else 1 or 0 */
} parley_dimension_score;

typedef struct parley_group_score {
    const char *group;
    double welfare;        /* sum of weight x score over its dimensions */
} parley_group_score;

typedef struct parley_scorecard {
    size_t impact;         /* index of the impact model */
    size_t outcome;        /* PARLEY_NO_OUTCOME: expected or unknown */
    int package;           /* 1: a package was scored (formulas and issue
                              adjustments apply); 0: the outcome type alone */
    int has_durability;    /* 1: durability was known to the adjustments */
    double durability;
    size_t n_dims;
    parley_dimension_score *dims;
    double welfare;        /* sum of weight x score over scored dims */
    double weight_scored;  /* sum of their weights */
    size_t n_scored;
    size_t n_groups;       /* groups in order of first appearance */
    parley_group_score *groups;
    size_t n_outcomes;     /* expected: the distribution over outcome */
    double *probability;   /* types (a copy); else 0 and NULL */
    double coverage;       /* expected: the smallest dimension coverage */
    const parley_ctx *ctx_; /* allocator owner; do not touch */
} parley_scorecard;

/* Scores impact model `impact` for a package under an outcome type.
 * package NULL scores the outcome type alone (the matrix, brief 7.3). */
PARLEY_API parley_status parley_impact_score(
    parley_ctx *ctx, const parley_scenario *s, size_t impact,
    const parley_package *package, size_t outcome,
    const parley_outcome_options *options, parley_scorecard **out);
/* Expected scorecard under a distribution over the scenario's outcome
 * types (probability: n_outcomes entries >= 0 summing to 1).  packages
 * (NULL, or n_outcomes entries that may be NULL) gives the package
 * realised under each outcome type.  Each dimension's expectation is taken
 * over the outcome types that score it, and its coverage says how much
 * probability that is. */
PARLEY_API parley_status parley_impact_expected(
    parley_ctx *ctx, const parley_scenario *s, size_t impact,
    const double *probability, const parley_package *const *packages,
    const parley_outcome_options *options, parley_scorecard **out);
PARLEY_API void parley_scorecard_free(parley_ctx *ctx, parley_scorecard *c);

/* `parley impact`: every selected proposal classified, its durability and
 * its scorecard, plus optional outcome-type and expected scorecards. */
typedef struct parley_impact_options {
    const char *proposals;    /* comma list of proposal ids; NULL: every
                                 proposal; "": none */
    const char *outcome;      /* outcome id to score every proposal
                                 under; NULL: the type it would have if
                                 signed (outcome_if_signed) */
    const char *impact;       /* impact model id; NULL: the first */
    int by_outcome;           /* 1: also score each outcome type alone */
    const char *distribution; /* "O1b=0.4,O3=0.6": also the expected
                                 scorecard; NULL: none */
    const double *probability; /* when distribution is NULL: the same as
                                 n_outcomes numbers (e.g. from
                                 parley_simulation_outcomes); NULL: none */
    const char *probability_label; /* what the writers call it ("the
                                 simulated distribution at 2028-01");
                                 NULL: none */
    parley_outcome_options outcome_options;
} parley_impact_options;

PARLEY_API void parley_impact_options_set_default(
    parley_impact_options *options);

struct parley_simulation;
/* P(each outcome type at month m) over a simulation's draws, from its
 * outcome:TYPE outputs (simulate's `protocol` output); month -1: the last.
 * probability has n_outcomes entries and sums to 1.  PARLEY_EUNSUPPORTED
 * when the simulation lacks an outcome type's output. */
PARLEY_API parley_status parley_simulation_outcomes(
    parley_ctx *ctx, const parley_scenario *s,
    const struct parley_simulation *sim, int month, double *probability);

typedef struct parley_proposal_impact {
    size_t proposal;
    int classified;               /* 0: the scenario has no rules */
    parley_outcome_class cls;
    size_t outcome;               /* the outcome type scored */
    int outcome_given;            /* 1: options->outcome */
    size_t n_actors;
    parley_acceptance *acceptance; /* n_actors */
    parley_durability *durability; /* NULL without a durability model */
    parley_scorecard *scorecard;   /* NULL without an impact model */
} parley_proposal_impact;

typedef struct parley_impact_report {
    size_t impact;                 /* (size_t)-1 without impact models */
    size_t n_proposals;
    parley_proposal_impact *proposals;
    size_t n_outcome_cards;        /* by_outcome: one per outcome type */
    parley_scorecard **outcome_cards;
    parley_scorecard *expected;    /* distribution given; else NULL */
    const parley_ctx *ctx_;        /* allocator owner; do not touch */
} parley_impact_report;

PARLEY_API parley_status parley_impact_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_impact_options *options, parley_impact_report **out);
PARLEY_API void parley_impact_report_free(parley_ctx *ctx,
                                          parley_impact_report *r);

PARLEY_API parley_status parley_impact_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_impact_report *r,
    const parley_impact_options *options, parley_sink sink);
PARLEY_API parley_status parley_impact_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_impact_report *r,
    const parley_impact_options *options, parley_sink sink);
/* One scorecard (e.g. a simulation's expected scorecard). */
PARLEY_API parley_status parley_scorecard_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_scorecard *c,
    parley_sink sink);
PARLEY_API parley_status parley_scorecard_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_scorecard *c,
    parley_sink sink);

/* ------------------------------------------------------------------------ */
/* Package bargaining: all issues together (docs/models/bargaining.md).      */
/* ------------------------------------------------------------------------ */

/*
 * The outcome space is every package of one option per issue that no red
 * line or hard ratification constraint excludes.  Party i's utility is
 * linear-additive, u_i = sum_k w_ik v_ik(x_k) + linkage terms; its
 * reservation value r_i is the scenario's, or a documented default; the
 * disagreement point d_i is r_i, or max(r_i, min u_i) (NegMAS's rule).
 * The zone of possible agreement (ZOPA) is every package with
 * u_i >= d_i for every party.
 */

typedef enum parley_disagreement {
    PARLEY_DISAGREEMENT_RESERVATION = 0, /* d_i = r_i (default) */
    PARLEY_DISAGREEMENT_FLOOR = 1        /* d_i = max(r_i, min_x u_i(x)),
                                            as NegMAS does */
} parley_disagreement;

typedef enum parley_value_shape {
    PARLEY_VALUE_SHAPE_SCENARIO = 0, /* each issue's own shape (linear
                                        unless the scenario says otherwise) */
    PARLEY_VALUE_SHAPE_LINEAR = 1,   /* v = 1 - |x - p| / range */
    PARLEY_VALUE_SHAPE_QUADRATIC = 2 /* v = 1 - (|x - p| / range)^2 */
} parley_value_shape;

typedef enum parley_weighting {
    PARLEY_WEIGHTS_AUTO = 0,       /* as written when the scenario says so
                                      (GENIUS), else normalised */
    PARLEY_WEIGHTS_NORMALISED = 1, /* w_ik = s_ik / sum_k s_ik */
    PARLEY_WEIGHTS_AS_WRITTEN = 2  /* w_ik = s_ik */
} parley_weighting;

/* How the reservation value of an actor that states none is found. */
typedef enum parley_reservation_rule {
    PARLEY_RESERVATION_AUTO = 0,       /* RANGE when the actor states an
                                          acceptable range on some issue,
                                          else STATUS_QUO when every issue
                                          has a status quo, else ZERO */
    PARLEY_RESERVATION_RANGE = 1,      /* the utility of the worst package
                                          inside the actor's ranges */
    PARLEY_RESERVATION_STATUS_QUO = 2, /* the utility of the status quo */
    PARLEY_RESERVATION_ZERO = 3        /* 0 (GENIUS / NegMAS default) */
} parley_reservation_rule;

/* Which rule gave a party its reservation value (reported per party). */
typedef enum parley_reservation_source {
    PARLEY_RESERVATION_FROM_SCENARIO = 0,
    PARLEY_RESERVATION_FROM_RANGE = 1,
    PARLEY_RESERVATION_FROM_STATUS_QUO = 2,
    PARLEY_RESERVATION_FROM_ZERO = 3
} parley_reservation_source;

typedef enum parley_ratification_rule {
    PARLEY_RATIFICATION_HARD = 0,   /* constraints with pass probability 0
                                       exclude packages (default) */
    PARLEY_RATIFICATION_ALL = 1,    /* every ratification constraint does */
    PARLEY_RATIFICATION_IGNORE = 2  /* none does */
} parley_ratification_rule;

typedef enum parley_ks_rule {
    PARLEY_KS_MAXMIN = 0, /* max over packages of min_i a_i,
                             a_i = (u_i - d_i) / (ideal_i - d_i) (default) */
    PARLEY_KS_NEGMAS = 1  /* over frontier points: min of max_i a_i -
                             min_i a_i (NegMAS ks_points); needs the
                             frontier */
} parley_ks_rule;

typedef enum parley_solution_kind {
    PARLEY_SOLUTION_NASH = 0,          /* max prod_i (u_i - d_i) */
    PARLEY_SOLUTION_NASH_WEIGHTED = 1, /* max prod_i (u_i - d_i)^(c_i/sum c) */
    PARLEY_SOLUTION_KS = 2,            /* Kalai-Smorodinsky */
    PARLEY_SOLUTION_EGALITARIAN = 3,   /* max min_i (u_i - d_i) */
    PARLEY_SOLUTION_MAX_WELFARE = 4,   /* max sum_i u_i over the ZOPA */
    PARLEY_SOLUTION_COUNT = 5
} parley_solution_kind;

typedef struct parley_bargain_options {
    const char *parties;      /* comma list of actor ids; NULL: every actor
                                 whose role is party, mediator, guarantor
                                 or veto player */
    const char *zopa_parties; /* comma list: the ZOPA of this subset is
                                 reported too; NULL: none */
    parley_disagreement disagreement;     /* default RESERVATION */
    parley_value_shape shape;             /* default SCENARIO */
    parley_weighting weights;             /* default AUTO */
    parley_reservation_rule reservation;  /* default AUTO */
    parley_ratification_rule ratification;/* default HARD */
    int party_constraints_only; /* 1: only the parties' red lines and
                                   ratification constraints apply;
                                   default 0 (every actor's) */
    parley_ks_rule ks;          /* default MAXMIN */
    int frontier;               /* compute the Pareto frontier; default 1 */
    int frontier_all;           /* frontier of every package rather than of
                                   the ZOPA; default 0 (as NegMAS) */
    size_t max_frontier;        /* frontier points; beyond this the
                                   frontier is reported as not enumerated;
                                   default 1000000 */
    double max_enumerate;       /* packages streamed at most (about 1 s
                                   per 10^8); larger spaces are solved by
                                   branch and bound; default 1e8 */
    size_t max_nodes;           /* branch-and-bound nodes per question;
                                   default 100000000 */
    size_t max_ties;            /* tied packages listed per solution;
                                   default 100 */
    double tie_tolerance;       /* absolute; default 1e-12 (as NegMAS) */
    size_t max_composite;       /* options of a group of linked issues;
                                   default 100000 */
    int threads;                /* 0: OpenMP's default; results are the
                                   same for any number */
    const char *proposal;       /* a proposal id: answer over the packages
                                   that complete it (its set terms fixed);
                                   NULL: every package */
    int fill_status_quo;        /* with proposal: 1 puts the proposal's
                                   open issues at their status quo, 0
                                   (default) leaves them free (optimised) */
} parley_bargain_options;

PARLEY_API void parley_bargain_options_set_default(
    parley_bargain_options *options);

typedef struct parley_bargain_party {
    size_t actor;                 /* index into the scenario's actors */
    double capability;
    double nash_weight;           /* c_i / sum c (equal if all are 0) */
    double reservation;           /* r_i */
    parley_reservation_source reservation_source;
    double disagreement;          /* d_i */
    double min_utility;           /* over feasible packages */
    double ideal;                 /* max over feasible packages */
} parley_bargain_party;

/* A solution concept's answer.  Option index arrays have n_issues entries
 * per package (index into the issue's options); utilities n_parties. */
typedef struct parley_solution {
    parley_solution_kind kind;
    int found;             /* 0: no package qualifies (empty ZOPA, or the
                              question was not answered: see note) */
    double value;          /* the objective at the optimum (for the
                              NegMAS KS rule: the spread, minimised) */
    size_t n_listed;       /* tied packages listed, by package index */
    size_t *options;       /* n_listed x n_issues */
    double *utility;       /* n_listed x n_parties */
    long double n_ties;    /* packages within tie_tolerance of the optimum
                              (exact; the listed ones come first) */
    size_t n_points;       /* distinct utility vectors among the ties */
    int ties_exact;        /* 0: more tied points than could be kept;
                              n_ties and n_points are then lower bounds */
    const char *method;    /* "frontier", "enumeration", "branch-and-bound" */
    const char *note;      /* why not found, or NULL */
} parley_solution;

typedef struct parley_frontier {
    int computed;          /* 0: not enumerated (see note) */
    const char *note;      /* why not, or NULL */
    size_t n_points;       /* distinct utility vectors */
    double *utility;       /* n_points x n_parties, welfare descending */
    size_t *options;       /* n_points x n_issues: the lowest-index package
                              at each point */
    long double *n_packages; /* n_points: packages at each point */
} parley_frontier;

typedef struct parley_zopa {
    size_t n_parties;      /* the parties it is taken over */
    size_t *parties;       /* indices into parley_bargain.parties */
    int empty;             /* 1: no package gives every party >= d_i;
                              0: some does; -1: not decided (the
                              branch-and-bound node budget ran out) */
    double best_min_gain;  /* max_x min_i (u_i - d_i): >= 0 iff not empty
                              (when undecided: the best found) */
    int count_exact;       /* 1: count is exact */
    long double count;     /* packages in the zone (exact when count_exact;
                              else count_low..count_high bound it) */
    long double count_low, count_high;
    double share;          /* count / feasible packages */
    const char *method;    /* "enumeration", "meet-in-the-middle",
                              "branch-and-bound" */
} parley_zopa;

typedef struct parley_bargain {
    size_t n_parties;
    parley_bargain_party *parties;
    size_t n_issues;               /* the scenario's issues */
    long double n_packages;        /* every combination of options */
    long double n_feasible;        /* not excluded by a constraint */
    size_t n_excluded_options;     /* (issue, option) pairs excluded */
    size_t n_groups;               /* groups of linked issues merged */
    int enumerated;                /* 1: every feasible package streamed */
    size_t proposal;               /* index of options->proposal, or
                                      (size_t)-1 */
    size_t n_open;                 /* its open (unset) issues */
    parley_disagreement disagreement;
    parley_ks_rule ks;
    parley_frontier frontier;
    parley_solution solutions[PARLEY_SOLUTION_COUNT];
    parley_zopa zopa;              /* over every party */
    int has_zopa_subset;
    parley_zopa zopa_subset;       /* over options->zopa_parties */
    double opposition;             /* NegMAS opposition level: min over the
                                      ZOPA of || 1 - u_i / ideal_i ||_2;
                                      NaN if the ZOPA is empty */
    double *correlation;           /* n_parties^2: Pearson correlation of
                                      u_i and u_j over feasible packages */
    const parley_ctx *ctx_;        /* allocator owner; do not touch */
} parley_bargain;

/* Builds the outcome space of the scenario and answers every question
 * above.  "ZOPA empty" and "frontier not enumerated" are results. */
PARLEY_API parley_status parley_bargain_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_bargain_options *options, parley_bargain **out);
PARLEY_API void parley_bargain_free(parley_ctx *ctx, parley_bargain *b);

PARLEY_API const char *parley_solution_name(parley_solution_kind kind);

PARLEY_API parley_status parley_bargain_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_bargain *b,
    const parley_bargain_options *options, parley_sink sink);
PARLEY_API parley_status parley_bargain_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_bargain *b,
    const parley_bargain_options *options, parley_sink sink);

/* ------------------------------------------------------------------------ */
/* Ripeness and negotiation protocols (docs/models/ripeness.md,              */
/* simulation.md).                                                           */
/* ------------------------------------------------------------------------ */

/*
 * Ripeness: month by month along the scenario's dynamics, whether the zone
 * of possible agreement of package bargaining is open (some feasible
 * package gives every ZOPA party at least its reservation value, which
 * the couplings move), the first month it opens, and the minimal sets of
 * parties whose removal would open it (the blocking sets).  Protocols:
 * stacked alternating offers with time-dependent concession, or a single
 * negotiating text drafted by a mediator; each run ends in an end state
 * (a signed package, an armistice, a frozen conflict, a collapse, or none
 * yet) that is mapped to one of the scenario's outcome types.
 */

typedef enum parley_protocol_kind {
    PARLEY_PROTOCOL_NONE = 0,        /* ripeness only */
    PARLEY_PROTOCOL_ALTERNATING = 1, /* stacked alternating offers
                                        (Aydogan et al. 2017) */
    PARLEY_PROTOCOL_MEDIATOR = 2,    /* single negotiating text (Raiffa
                                        1982; Klein et al. 2003) */
    PARLEY_PROTOCOL_SCENARIO = 3     /* options only (the default): the
                                        scenario's negotiation.protocol,
                                        else ALTERNATING; never in a
                                        result */
} parley_protocol_kind;

/* parley_negotiation_options.deadline: the scenario's negotiation.deadline,
 * else the last month (the default); the last month. */
#define PARLEY_DEADLINE_SCENARIO (-2)
#define PARLEY_DEADLINE_LAST (-1)

/* Time-dependent concession (Faratin, Sierra & Jennings 1998): the
 * target falls from the ideal to the reservation value as
 * F(t) = (t / T)^(1/e). */
typedef enum parley_tactic_kind {
    PARLEY_TACTIC_LINEAR = 0,    /* e = 1 */
    PARLEY_TACTIC_BOULWARE = 1,  /* 0 < e < 1: concedes late */
    PARLEY_TACTIC_CONCEDER = 2,  /* e > 1: concedes early */
    PARLEY_TACTIC_HARDHEADED = 3 /* never concedes: F = 0 */
} parley_tactic_kind;

typedef enum parley_end_state {
    PARLEY_END_NONE = 0,      /* talks go on (the default outcome type) */
    PARLEY_END_DEAL = 1,      /* every signatory signed a package */
    PARLEY_END_ARMISTICE = 2, /* they signed the armistice issue alone */
    PARLEY_END_FROZEN = 3,    /* the frozen tests held long enough */
    PARLEY_END_COLLAPSE = 4   /* talks broke off and a collapse test held */
} parley_end_state;

/*
 * The protocol, the deadline, the signatories and the end-state rules.  A
 * scenario may carry them (its top-level `negotiation`,
 * docs/scenario-format.md): every field left at its default (NULL,
 * PARLEY_PROTOCOL_SCENARIO, PARLEY_DEADLINE_SCENARIO, frozen_months -1)
 * takes the scenario's value, field by field, and an explicit value
 * overrides it.  "none" as armistice_issue, frozen or collapse switches
 * the scenario's rule off (so no issue id "none" can be an armistice
 * issue).
 */
typedef struct parley_negotiation_options {
    parley_bargain_options space; /* the outcome space: parties (those of
                                     the ZOPA; NULL: as in bargaining),
                                     shape, weights, reservation,
                                     ratification, party_constraints_only,
                                     max_composite; max_nodes per search
                                     (default here 1000000) */
    parley_protocol_kind protocol; /* default SCENARIO: the scenario's,
                                 else ALTERNATING */
    const char *signatories;  /* comma list of the actors whose signatures
                                 make a deal; NULL: the scenario's, else
                                 the ZOPA parties */
    int deadline;             /* T, months; PARLEY_DEADLINE_SCENARIO
                                 (default): the scenario's, else the last
                                 month; PARLEY_DEADLINE_LAST: the last
                                 month */
    parley_tactic_kind tactic; /* of actors without a scenario tactic;
                                 default LINEAR */
    double exponent;          /* its e (BOULWARE, CONCEDER) */
    const char *armistice_issue;   /* an issue id: the signatories may sign
                                      a package that sets it alone; NULL:
                                      the scenario's armistice, if any;
                                      "none": no armistice */
    const char *armistice_outcome; /* the outcome type of that end state;
                                      NULL: the scenario's */
    const char *frozen;       /* state tests that all hold ("g<=50,
                                 g>=-50"); NULL: the scenario's, if any;
                                 "none": no frozen end state */
    int frozen_months;        /* months they must hold in a row; -1
                                 (default): the scenario's, else 3 */
    const char *frozen_outcome; /* NULL: the scenario's */
    const char *collapse;     /* state tests of which one holds after the
                                 deadline ("W>=0.9,g>=701"); NULL: the
                                 scenario's, if any; "none": none */
    const char *collapse_outcome; /* NULL: the scenario's */
} parley_negotiation_options;

PARLEY_API void parley_negotiation_options_set_default(
    parley_negotiation_options *options);

PARLEY_API const char *parley_protocol_name(parley_protocol_kind kind);
PARLEY_API const char *parley_tactic_name(parley_tactic_kind kind);
PARLEY_API const char *parley_end_state_name(parley_end_state end);

typedef struct parley_ripeness_options {
    parley_negotiation_options negotiation;
    int months;            /* -1 (default): the scenario's horizon */
    int replay;            /* 0 (default): the central path (inputs at
                              their modes, no noise, every shock at
                              probability x delta); 1: Monte Carlo draw
                              `draw` of `seed`, as parley_simulate_run
                              draws it */
    uint64_t draw, seed;   /* default 0, 1 */
    int sample_inputs;     /* replay: 1 (default) draws the inputs */
    int blocking;          /* 1 (default): blocking sets of shut months */
    int trace;             /* 1: also run negotiation.protocol along the
                              path; default 0 */
} parley_ripeness_options;

PARLEY_API void parley_ripeness_options_set_default(
    parley_ripeness_options *options);

/* One month of the path. */
typedef struct parley_ripeness_month {
    int month;
    int open;               /* 1: the zone is open; 0: shut; -1: not
                               decided (node budget) */
    double best_min_margin; /* max over packages of min over the ZOPA
                               parties of u_i - r_i (>= 0 iff open) */
    size_t *options;        /* n_issues: the lowest package attaining it */
    double *utility;        /* n_parties at that package */
    double *reservation;    /* n_parties: r_i this month */
    double *ideal;          /* n_parties: max u_i this month */
    size_t bottleneck;      /* the ZOPA party with the smallest margin at
                               that package (lowest index on ties) */
    int blocking_known;     /* 1: blocking sets computed */
    size_t n_blocking;      /* minimal blocking sets (shut months) */
    size_t *blocking_start; /* n_blocking + 1 offsets into blocking */
    size_t *blocking;       /* party indices, set by set */
    /* protocol trace (options->trace) */
    double *target;         /* n_parties: signatories' targets, else NaN */
    size_t proposer;        /* party index or (size_t)-1 */
    int proposed;
    size_t *proposal;       /* n_issues, when proposed */
    double *proposal_utility; /* n_parties */
    int accepted;
    parley_end_state end;   /* the run's end state at this month */
    size_t outcome;         /* its outcome type (PARLEY_NO_OUTCOME: none) */
} parley_ripeness_month;

typedef struct parley_ripeness {
    size_t n_issues;
    size_t n_parties;
    size_t *actors;          /* n_parties: scenario actor indices */
    unsigned char *in_zopa;  /* n_parties */
    unsigned char *signatory;/* n_parties */
    int *tactic;             /* n_parties: parley_tactic_kind */
    double *exponent;        /* n_parties */
    int months;              /* months 0 .. months */
    int start_year, start_month;
    int replay;
    uint64_t draw, seed;
    int first_open;          /* first open month; -1: never */
    int exact;               /* 0: some search ran out of nodes */
    parley_ripeness_month *month; /* months + 1 */
    size_t max_sets;         /* blocking sets a month can hold (more:
                                blocking_known 0) */
    int trace;
    parley_protocol_kind protocol;
    int deadline;
    parley_end_state end;    /* at the last month */
    int end_month;           /* -1 without an end state */
    size_t outcome;
    size_t *deal;            /* n_issues: the signed package, or NULL */
    size_t armistice_issue;  /* the armistice signed: its issue and */
    size_t armistice_option; /* option, or (size_t)-1 */
    const parley_ctx *ctx_;  /* allocator owner; do not touch */
} parley_ripeness;

/* Runs the path.  Errors: EINVAL (options), ENOTFOUND (an unknown actor,
 * issue, variable or outcome), EVALID (no issues with options, no
 * outcome rules for a protocol), ENOMEM.  "The zone stays shut" is a
 * result. */
PARLEY_API parley_status parley_ripeness_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_ripeness_options *options, parley_ripeness **out);
PARLEY_API void parley_ripeness_free(parley_ctx *ctx, parley_ripeness *r);

PARLEY_API parley_status parley_ripeness_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_ripeness *r,
    parley_sink sink);
PARLEY_API parley_status parley_ripeness_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_ripeness *r,
    parley_sink sink);

/* ------------------------------------------------------------------------ */
/* Dynamics and Monte Carlo (docs/models/dynamics.md, simulation.md,         */
/* sensitivity.md).                                                          */
/* ------------------------------------------------------------------------ */

/*
 * A simulation draws every uncertain input of the scenario (each
 * {low, mode, high} number, triangular; correlated within blocs of
 * allies), runs the scenario's monthly dynamics over the horizon, and
 * records outputs per draw and month: forecasts of each issue by each
 * model, the state variables, the reservation values the dynamics move,
 * whether the parties' acceptable ranges on an issue overlap (its zone of
 * agreement), and whether the package ZOPA is open.  Draw d uses random
 * streams keyed by (seed, d) only, so the results are the same bytes for
 * any number of threads.
 */

/* Progress of a long run: `done` of `total` evaluations.  Called on the
 * thread that called the run, between blocks of evaluations. */
typedef void (*parley_progress_fn)(void *user, size_t done, size_t total);

typedef struct parley_simulate_options {
    size_t draws;            /* default 10000; at most limits.max_draws */
    uint64_t seed;           /* default 1 */
    int months;              /* -1 (default): the scenario's horizon (0
                                without dynamics); else 0..600 */
    int threads;             /* 0 (default): OpenMP's default; the results
                                do not depend on it */
    const char *outputs;     /* comma list of output specifications (see
                                docs/models/simulation.md); NULL: every
                                output the scenario supports */
    parley_forecast_options forecast; /* models (a comma list) and their
                                options, for forecast outputs */
    const char *zone_parties;/* comma list of actor ids whose acceptable
                                ranges define an issue's zone; NULL: every
                                actor whose role is party */
    double coverage;         /* central interval: 0.90 (default) gives the
                                5% and 95% quantiles and 90% Wilson
                                intervals */
    int sample_inputs;       /* 1 (default): draw the uncertain inputs; 0:
                                keep them at their modes (only the dynamics
                                noise and shocks vary) */
    int keep_draws;          /* 1: keep every draw's values in the result
                                (draw_values); default 0 */
    size_t max_sample_bytes; /* memory for the draws' values; default
                                1 GiB */
    int report_every;        /* text report: months between columns; 0
                                (default): about five columns */
    parley_progress_fn progress; /* may be NULL */
    void *progress_user;
    parley_negotiation_options negotiation; /* the `zopa`, `blocking`,
                                protocol, `deal`, `outcome` and `terms`
                                outputs (docs/models/ripeness.md) */
} parley_simulate_options;

PARLEY_API void parley_simulate_options_set_default(
    parley_simulate_options *options);

/* One uncertain input of the scenario. */
typedef struct parley_uncertain_input {
    const char *name;        /* "salience of UA on GUAR", "dynamics g.mean" */
    const char *kind;        /* "capability", "salience", "mean", ... */
    double low, mode, high;
    const char *flag;        /* "stated", "derived", "estimate", "outside"
                                or NULL */
    const char *source;      /* source id or NULL */
    const char *bloc;        /* id of the bloc it is correlated in, or
                                NULL */
    unsigned line, col;      /* where the scenario gives it (0: unknown) */
} parley_uncertain_input;

typedef enum parley_output_kind {
    PARLEY_OUTPUT_VALUE = 0, /* a number per draw and month */
    PARLEY_OUTPUT_EVENT = 1  /* holds (1) or not (0) per draw and month */
} parley_output_kind;

/* One output at one month, over the draws. */
typedef struct parley_sim_cell {
    size_t n;            /* draws with a value (NaN values are left out) */
    double mean;         /* VALUE: the mean; EVENT: P(holds at this month) */
    double sd, se;       /* standard deviation; standard error sd / sqrt n */
    double low, median, high; /* VALUE: quantiles (1 - coverage) / 2, 0.5,
                            (1 + coverage) / 2 of the draws; EVENT: the
                            Wilson interval of mean (median = mean) */
    double p_by, p_by_low, p_by_high; /* EVENT: P(held at some month <= this
                            one) and its Wilson interval; VALUE: NaN */
} parley_sim_cell;

typedef struct parley_sim_output {
    const char *id;          /* "forecast:T_DONBAS:bdm", "state:O", ... */
    const char *label;       /* "forecast of T_DONBAS by bdm" */
    parley_output_kind kind;
    int available;           /* 0: not computed; note says why */
    const char *note;
    parley_sim_cell *cells;  /* months + 1 entries */
} parley_sim_output;

typedef struct parley_simulation {
    size_t draws;
    uint64_t seed;
    int months;              /* outputs at months 0 .. months */
    int start_year, start_month; /* month 0 (0 when the scenario has no
                                    dynamics.start) */
    double coverage;
    int sample_inputs;
    int stochastic;          /* 1 if the dynamics have noise or chance
                                shocks */
    size_t n_inputs;
    parley_uncertain_input *inputs;
    size_t n_outputs;
    parley_sim_output *outputs;
    double *draw_values;     /* keep_draws: draws x (months + 1) x
                                n_outputs, [(d * (months + 1) + t) *
                                n_outputs + o]; else NULL */
    const parley_ctx *ctx_;  /* allocator owner; do not touch */
} parley_simulation;

PARLEY_API parley_status parley_simulate_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_simulate_options *options, parley_simulation **out);
PARLEY_API void parley_simulation_free(parley_ctx *ctx,
                                       parley_simulation *sim);

/* The label of month t after start_year-start_month ("2026-07"), or "m7"
 * when the start is unknown (start_year 0), as the writers print it. */
PARLEY_API void parley_month_label(int start_year, int start_month, int t,
                                   char *buf, size_t cap);

PARLEY_API parley_status parley_simulation_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_simulation *sim,
    const parley_simulate_options *options, parley_sink sink);
PARLEY_API parley_status parley_simulation_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_simulation *sim,
    const parley_simulate_options *options, parley_sink sink);

/* Sensitivity of one output to the uncertain inputs. */
typedef enum parley_sensitivity_method {
    PARLEY_SENSITIVITY_TORNADO = 0, /* each input at its low and its high,
                                       the others at their modes */
    PARLEY_SENSITIVITY_SOBOL = 1    /* first- and total-order Sobol indices
                                       (Saltelli et al. 2010) */
} parley_sensitivity_method;

typedef struct parley_sensitivity_options {
    parley_sensitivity_method method; /* default TORNADO */
    const char *output;      /* one output specification, required:
                                forecast:ISSUE[:MODEL] (MODEL default
                                bdm), state:VAR, reservation:ACTOR,
                                zone:ISSUE, zopa, blocking:ACTOR, deal,
                                outcome:TYPE (events: P(by month m)) */
    int month;               /* -1 (default): the last month */
    int months;              /* horizon override as in simulate; -1 */
    size_t draws;            /* Sobol: base sample N (N x (inputs + 2)
                                evaluations); tornado: replications of the
                                dynamics noise (1 when the output does not
                                depend on it); default 1000 */
    uint64_t seed;           /* default 1 */
    int threads;             /* 0: OpenMP's default */
    size_t bootstrap;        /* Sobol: bootstrap resamples for the
                                standard errors; default 200 */
    parley_forecast_options forecast; /* model options */
    const char *zone_parties;
    parley_progress_fn progress;
    void *progress_user;
} parley_sensitivity_options;

PARLEY_API void parley_sensitivity_options_set_default(
    parley_sensitivity_options *options);

typedef struct parley_sensitivity_row {
    size_t input;            /* index into inputs, or n_inputs for the
                                dynamics noise (Sobol, stochastic runs) */
    const char *name;
    double low, mode, high;  /* the input's triangle (NaN for the noise) */
    /* tornado */
    double y_low, y_high;    /* the output with the input at low / high */
    double swing;            /* |y_high - y_low| */
    /* Sobol */
    double first, first_se;  /* first-order index S_i and its standard
                                error */
    double total, total_se;  /* total-order index S_Ti */
} parley_sensitivity_row;

typedef struct parley_sensitivity {
    parley_sensitivity_method method;
    const char *output;      /* the output's id */
    const char *label;
    parley_output_kind kind;
    int month;
    size_t draws;            /* as in the options (after defaults) */
    size_t evaluations;      /* model evaluations run */
    uint64_t seed;
    double base, base_se;    /* tornado: the output with every input at its
                                mode (mean over replications) */
    double mean, variance;   /* Sobol: of the output over the design */
    size_t n_inputs;
    parley_uncertain_input *inputs;
    size_t n_rows;           /* tornado: by swing, largest first; Sobol: by
                                total index, largest first */
    parley_sensitivity_row *rows;
    const parley_ctx *ctx_;  /* allocator owner; do not touch */
} parley_sensitivity;

PARLEY_API parley_status parley_sensitivity_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_sensitivity_options *options, parley_sensitivity **out);
PARLEY_API void parley_sensitivity_free(parley_ctx *ctx,
                                        parley_sensitivity *sens);

PARLEY_API parley_status parley_sensitivity_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_sensitivity *sens,
    parley_sink sink);
PARLEY_API parley_status parley_sensitivity_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_sensitivity *sens,
    parley_sink sink);

/* ------------------------------------------------------------------------ */
/* Proposal evaluation and repair (docs/models/evaluation.md).               */
/* ------------------------------------------------------------------------ */

/*
 * Each named proposal is a package x (its set terms; open issues filled
 * below) evaluated in the outcome space of package bargaining: party i's
 * utility u_i(x), its margin u_i(x) - r_i over its reservation value, the
 * vetoes, the distance to the Pareto frontier, the smallest repair that
 * makes it acceptable to every party (a feasible package with every
 * margin >= 0) and the best package within K changes.  Every answer is
 * exact (branch and bound) unless the node budget runs out, which is
 * reported.  "Not acceptable", "no repair exists" are results.
 */

typedef enum parley_evaluate_fill {
    PARLEY_EVALUATE_FILL_STATUS_QUO = 0, /* open issues at their status quo
                                            (default); an open issue with no
                                            status quo is optimised */
    PARLEY_EVALUATE_FILL_OPTIMISE = 1    /* open issues chosen to maximise
                                            the smallest margin; they stay
                                            free in repairs */
} parley_evaluate_fill;

typedef enum parley_evaluate_objective {
    PARLEY_EVALUATE_MAXMIN = 0, /* max min_i (u_i - r_i) (default) */
    PARLEY_EVALUATE_NASH = 1    /* max prod_i (u_i - r_i) over the packages
                                   acceptable to every party */
} parley_evaluate_objective;

typedef struct parley_evaluate_options {
    parley_bargain_options space; /* the outcome space: parties, shape,
                                     weights, reservation, ratification,
                                     party_constraints_only, max_composite;
                                     max_nodes (per search pass) and
                                     tie_tolerance.  Other fields are not
                                     read */
    const char *proposal;         /* a proposal id; NULL: every proposal */
    parley_evaluate_fill fill;    /* default STATUS_QUO */
    size_t max_changes;           /* K of the best package within K
                                     changes; default 2 */
    parley_evaluate_objective objective; /* of that package; default
                                     MAXMIN */
} parley_evaluate_options;

PARLEY_API void parley_evaluate_options_set_default(
    parley_evaluate_options *options);

typedef enum parley_veto_kind {
    PARLEY_VETO_RED_LINE = 0,     /* an active red line excludes an option */
    PARLEY_VETO_RATIFICATION = 1, /* a hard ratification constraint does */
    PARLEY_VETO_RESERVATION = 2   /* a party's utility is below its
                                     reservation value */
} parley_veto_kind;

#define PARLEY_EVALUATE_NONE ((size_t)-1)

typedef struct parley_veto {
    parley_veto_kind kind;
    size_t actor;          /* scenario actor index */
    const char *id;        /* the constraint's id (borrowed from the
                              scenario); NULL for RESERVATION */
    size_t constraint;     /* index among the scenario's red lines or
                              ratification constraints; NONE for
                              RESERVATION */
    size_t issue, option;  /* the excluded option; NONE for RESERVATION */
    double margin;         /* RESERVATION: u_i - r_i (< 0); else NaN */
} parley_veto;

/* A soft ratification constraint that the package fails: ratification
 * still passes with this probability. */
typedef struct parley_ratification_risk {
    size_t actor;
    const char *id;        /* borrowed from the scenario */
    size_t constraint;     /* index among the ratification constraints */
    size_t issue, option;
    double pass_probability;
} parley_ratification_risk;

/* One issue changed against the proposal. */
typedef struct parley_change {
    size_t issue, from, to; /* option indices */
} parley_change;

/* A package found by a search: of the packages whose objective is within
 * tie_tolerance of the optimum, the lowest in package order (lexicographic
 * over the options, linked issues grouped as in bargaining). */
typedef struct parley_eval_package {
    int found;             /* 0: no package qualifies */
    double value;          /* the search's objective at the optimum */
    size_t *options;       /* n_issues option indices */
    double *utility;       /* n_parties */
    double min_margin;     /* min_i (u_i - r_i) */
    double pass_probability; /* joint probability that the soft
                              ratification constraints pass */
    size_t n_changes;      /* counted issues (see fill) that differ */
    parley_change *changes;/* n_changes, by issue */
    double moved;          /* sum_i |u_i - u_i(proposal)| */
    long double n_ties;    /* packages tied at the optimum (exact unless
                              the node budget ran out) */
    int exact;             /* 0: the node budget ran out */
} parley_eval_package;

typedef struct parley_proposal_eval {
    size_t proposal;       /* index into the scenario's proposals */
    size_t n_open;         /* open terms */
    unsigned char *filled; /* n_issues: 0 set by the proposal, 1 at the
                              status quo, 2 optimised (free in repairs) */
    size_t *options;       /* the evaluated package */
    double *utility;       /* n_parties: u_i(x) */
    double *margin;        /* n_parties: u_i(x) - r_i */
    double min_margin;
    int feasible;          /* no red line or hard ratification vetoes */
    int acceptable;        /* feasible and every margin >= 0 */
    size_t n_vetoes;
    parley_veto *vetoes;   /* red lines, then hard ratification
                              constraints (each in scenario order), then
                              parties below reservation (party order) */
    size_t n_risks;
    parley_ratification_risk *risks;
    double pass_probability; /* product of the risks' pass probabilities */
    /* Distance to the frontier: t = max over feasible y of min_i (u_i(y)
     * - u_i(x)); t > 0: every party can gain t at once; NaN if the space
     * has no feasible package.  improvement is a package attaining it. */
    double frontier_distance;
    parley_eval_package improvement;
    /* dominated: some feasible y has u_i(y) >= u_i(x) for every i with
     * sum_i (u_i(y) - u_i(x)) > tie_tolerance; dominating maximises that
     * sum (so it is Pareto-optimal). */
    int dominated;
    parley_eval_package dominating;
    /* The smallest repair: fewest counted issues changed, then least
     * utility moved; repair.found 0 when no package is acceptable to
     * every party (the certificate is parley_evaluate.best_min_margin). */
    parley_eval_package repair;
    /* The best package within max_changes changes. */
    parley_eval_package best;
} parley_proposal_eval;

typedef struct parley_evaluate {
    size_t n_parties;
    parley_bargain_party *parties;
    size_t n_issues;
    long double n_packages, n_feasible;
    /* The certificate for every repair: the largest smallest margin over
     * the feasible packages, and a package attaining it.  < 0: no package
     * is acceptable to every party, so no repair exists. */
    double best_min_margin;
    parley_eval_package closest;
    int zopa_empty;
    parley_evaluate_fill fill;
    parley_evaluate_objective objective;
    size_t max_changes;
    double tie_tolerance;
    size_t n_evaluations;
    parley_proposal_eval *evaluations;
    int exact;             /* 1: no search ran out of nodes */
    size_t nodes;          /* branch-and-bound nodes visited in all */
    const parley_ctx *ctx_; /* allocator owner; do not touch */
} parley_evaluate;

/* Evaluates options->proposal, or every proposal.  ENOTFOUND for an
 * unknown proposal id; EVALID if the scenario has no proposals. */
PARLEY_API parley_status parley_evaluate_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_evaluate_options *options, parley_evaluate **out);
PARLEY_API void parley_evaluate_free(parley_ctx *ctx, parley_evaluate *e);

PARLEY_API parley_status parley_evaluate_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_evaluate *e,
    parley_sink sink);
PARLEY_API parley_status parley_evaluate_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_evaluate *e,
    parley_sink sink);

/* ------------------------------------------------------------------------ */
/* The case study (docs/cli/report.md): every model on one scenario.        */
/* ------------------------------------------------------------------------ */

/*
 * `parley report` composes the runs above into an analyst's case study of
 * one scenario: the forecast per issue, each named proposal evaluated
 * (vetoes, margins, repair, outcome type if signed, durability, the
 * third party's welfare), the zone of possible agreement and the month it
 * opens on the central path, P(each end state and outcome type by month)
 * with intervals from the Monte Carlo simulation, the durability of the
 * leading package, and the third party's scorecard under the simulated
 * outcome distribution.  The report computes nothing the other runs do
 * not; it chooses what to show.
 */

typedef struct parley_report_options {
    parley_forecast_options forecast; /* the point forecasts (models:
                                         compromise, median, bdm) */
    parley_evaluate_options evaluate; /* proposals; fill STATUS_QUO */
    parley_simulate_options simulate; /* draws default 2000, seed 1; its
                                         negotiation options drive the
                                         ripeness path and the bargaining
                                         space too */
    const char *impact;      /* impact model id; NULL: the first */
    int every;               /* months between rows of the by-month
                                tables; 0 (default): 3 */
    int skip_simulation;     /* 1: no Monte Carlo (the tables that need it
                                say so); default 0 */
} parley_report_options;

PARLEY_API void parley_report_options_set_default(
    parley_report_options *options);

typedef struct parley_report {
    parley_forecast *forecast;     /* NULL when the scenario has no
                                      stances to forecast */
    parley_evaluate *evaluate;     /* NULL without proposals */
    parley_impact_report *impacts; /* every proposal classified, scored;
                                      with by_outcome scorecards */
    parley_ripeness *ripeness;     /* the central path; NULL when the
                                      scenario has no issue with options */
    parley_bargain *bargain;       /* Nash, KS, egalitarian, max welfare,
                                      the zone (no frontier); NULL as
                                      ripeness */
    parley_simulation *simulation; /* NULL when skipped, or when nothing
                                      is uncertain (deterministic) */
    int deterministic;             /* 1: the scenario has no uncertain
                                      input, noise or chance shock, so
                                      the Monte Carlo was not kept */
    size_t leading_proposal;       /* the named proposal closest to being
                                      acceptable to every party (an
                                      acceptable one first, then one no
                                      red line vetoes; the largest
                                      smallest margin), or (size_t)-1;
                                      its durability and scorecard are in
                                      impacts */
    /* The Nash bargaining package (the first listed), the package the
     * bargaining engine expects: its outcome type, durability and
     * scorecard under the type it would have if signed. */
    parley_outcome_class nash_class;
    int nash_classified;
    parley_durability *nash_durability;     /* NULL when not found */
    parley_scorecard *nash_card;
    size_t impact;                 /* impact model index or (size_t)-1 */
    int outcome_month;             /* the month of the distribution below
                                      (the simulation's last) */
    size_t n_outcomes;             /* the scenario's outcome types */
    double *outcome_probability;   /* n_outcomes: P(type at that month),
                                      from the simulation; NULL without */
    parley_scorecard *expected;    /* the scorecard expected under it */
    int every;                     /* months between table rows */
    /* The options each run was given (the writers pass them on). */
    parley_bargain_options bargain_options;
    parley_impact_options impact_options;
    parley_simulate_options simulate_options;
    char simulate_outputs[256];    /* simulate_options.outputs */
    const parley_ctx *ctx_;        /* allocator owner; do not touch */
} parley_report;

/* Runs every part the scenario supports.  Parts a scenario cannot have
 * (no proposals, no dynamics, no impact model) are left out and the
 * writers say so; an error in a part the scenario has is returned. */
PARLEY_API parley_status parley_report_run(
    parley_ctx *ctx, const parley_scenario *scenario,
    const parley_report_options *options, parley_report **out);
PARLEY_API void parley_report_free(parley_ctx *ctx, parley_report *r);

PARLEY_API parley_status parley_report_write_text(
    parley_ctx *ctx, const parley_scenario *s, const parley_report *r,
    const parley_report_options *options, parley_sink sink);
PARLEY_API parley_status parley_report_write_json(
    parley_ctx *ctx, const parley_scenario *s, const parley_report *r,
    const parley_report_options *options, parley_sink sink);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_H */
