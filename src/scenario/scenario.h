/*
 * scenario.h -- the in-memory scenario that every loader fills and every
 * model reads.  Flat arrays, indices instead of pointers between parts, so a
 * Monte Carlo draw can copy the numbers cheaply.  Not part of the public API.
 *
 * Every number that a scenario may carry with uncertainty or a citation is a
 * parley_num.  A point value has low == mode == high and uncertain == 0.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include "core/core.h"

#include <math.h>

#define PARLEY_NO_INDEX ((size_t)-1)

/* Where a value comes from, per ukraine-brief.md section 0.2. */
typedef enum parley_flag {
    PARLEY_FLAG_NONE = 0,
    PARLEY_FLAG_STATED = 1,   /* S: stated in a seed */
    PARLEY_FLAG_DERIVED = 2,  /* D: coded/derived from seed wording */
    PARLEY_FLAG_ESTIMATE = 3, /* E: analyst estimate */
    PARLEY_FLAG_OUTSIDE = 4   /* X: outside-seed context */
} parley_flag;

typedef enum parley_source_kind {
    PARLEY_SOURCE_SEED = 0,
    PARLEY_SOURCE_PAPER = 1,
    PARLEY_SOURCE_DATA = 2,
    PARLEY_SOURCE_ESTIMATE = 3,
    PARLEY_SOURCE_OUTSIDE = 4
} parley_source_kind;

typedef struct parley_num {
    double mode;        /* the point value (or the triangular mode) */
    double low, high;   /* == mode for a point value */
    size_t source;      /* index into scenario->sources or PARLEY_NO_INDEX */
    parley_flag flag;
    unsigned char uncertain; /* 1 if {low, mode, high} was given */
    unsigned char present;   /* 1 if the value was given at all */
    unsigned line, col;      /* where it was written (0 if imported) */
} parley_num;

typedef struct parley_source {
    char *id;
    char *title;
    char *file;     /* e.g. "seeds/000_d736d14a54cf61b8.txt", may be NULL */
    char *date;     /* free text, may be NULL */
    char *url;      /* may be NULL */
    parley_source_kind kind;
} parley_source;

typedef enum parley_role {
    PARLEY_ROLE_PARTY = 0,
    PARLEY_ROLE_MEDIATOR = 1,
    PARLEY_ROLE_GUARANTOR = 2,
    PARLEY_ROLE_VETO = 3,        /* veto player not negotiating terms */
    PARLEY_ROLE_STAKEHOLDER = 4,
    PARLEY_ROLE_THIRD_PARTY = 5  /* affected, not at the table */
} parley_role;

typedef struct parley_actor {
    char *id;
    char *name;
    parley_role role;
    parley_num capability;   /* 0..100 in YAML; imported scales kept as is */
    parley_num risk;         /* optional risk attitude in [-1, 1] */
    parley_num reservation;  /* optional, utility units in [0, 1] */
    size_t source;
    char *note;
    parley_num discount;     /* GENIUS <discount_factor>: as written, 1 with
                                present == 0 when absent; other formats
                                leave it zeroed (present == 0: none) */
    unsigned char has_tactic; /* `tactic` given (YAML) */
    int tactic;              /* parley_tactic_kind */
    parley_num tactic_exponent; /* its e (a point value); 1 for linear, 0
                                for hardheaded */
} parley_actor;

typedef struct parley_anchor {
    double value;
    char *label;
    size_t source;
} parley_anchor;

typedef struct parley_option {
    char *id;
    char *label;
    double value;            /* on the issue's scale */
    size_t source;
    parley_flag flag;
} parley_option;

typedef enum parley_shape {
    PARLEY_SHAPE_LINEAR = 0,
    PARLEY_SHAPE_QUADRATIC = 1
} parley_shape;

typedef struct parley_issue {
    char *id;
    char *name;
    char *description;
    double scale_min, scale_max;   /* default 0 .. 100 */
    parley_anchor *anchors;
    size_t n_anchors;
    parley_option *options;
    size_t n_options;
    parley_shape shape;
    double status_quo;             /* NaN if none given */
    size_t status_quo_option;      /* option index or PARLEY_NO_INDEX */
    double outcome;                /* observed outcome (DEU), NaN if none */
    double reference_point;        /* DEU rp, NaN if none */
    size_t source;
} parley_issue;

/* An actor's stance on an issue.  stances[a * n_issues + k]. */
typedef struct parley_stance {
    unsigned char present;
    parley_num position;
    parley_num salience;     /* 0..100 in YAML (imported scales kept) */
    parley_num range_low;    /* optional acceptable range */
    parley_num range_high;
    double *option_values;   /* optional n_options utilities, NaN = unset;
                                NULL when none given.  For GENIUS imports
                                (scenario->utility_additive_raw) salience
                                holds the raw weight and option_values the
                                evaluation; utility = sum over issues of
                                salience * option_value, weights used as
                                written (not renormalised) */
    size_t source;
    char *note;
} parley_stance;

/* A red line: `actor` vetoes any package whose value on `issue` is outside
 * [min, max] or whose option is in `options`. */
typedef struct parley_red_line {
    char *id;
    size_t actor, issue;
    double min, max;         /* -inf / +inf when unset */
    size_t *options;         /* vetoed option indices */
    size_t n_options;
    int active;              /* 0: recorded but superseded */
    char *until;             /* free-text date after which it lapses */
    char *note;
    size_t source;
    parley_flag flag;
    unsigned line, col;
} parley_red_line;

/* A domestic ratification constraint (two-level game): ratification in
 * `arena` fails with probability 1 - pass_probability when the value on
 * `issue` leaves [min, max]. */
typedef struct parley_ratification {
    char *id;
    size_t actor, issue;
    char *arena;
    double min, max;
    parley_num pass_probability;  /* default 0 (a hard constraint) */
    char *note;
    size_t source;
    parley_flag flag;
} parley_ratification;

/* Issue linkage: u_actor += weight * f_a(x_a) * f_b(x_b), with f the value
 * normalised to [0, 1] on each issue's scale.  actor == PARLEY_NO_INDEX
 * applies the term to every actor with stances on both issues. */
typedef struct parley_linkage {
    char *id;
    size_t actor;
    size_t issue_a, issue_b;
    parley_num weight;
    char *note;
    size_t source;
} parley_linkage;

/* A proposal term: an option, a value, or open. */
typedef struct parley_term {
    unsigned char set;        /* 0: open (not specified) */
    size_t option;            /* option index or PARLEY_NO_INDEX */
    double value;             /* value on the scale (option's value if set) */
    size_t source;
    parley_flag flag;
    char *note;
} parley_term;

typedef struct parley_proposal {
    char *id;
    char *name;
    char *date;
    char *note;
    parley_term *terms;       /* n_issues entries */
    size_t source;
} parley_proposal;

/* Conditions over a package (docs/scenario-format.md, "Conditions"): the
 * `when` of outcome types and durability factors.  A condition is a small
 * tree stored flat: nodes[0] is the root, ALL/ANY/NOT nodes name their
 * children by index in the same array. */
typedef enum parley_cond_kind {
    PARLEY_COND_ISSUE = 0,    /* value tests on one or several issues */
    PARLEY_COND_MEAN = 1,     /* the mean of the issues' values in [min, max] */
    PARLEY_COND_SET = 2,      /* every listed issue is set (not open) */
    PARLEY_COND_OUTCOME = 3,  /* the outcome type is one of refs */
    PARLEY_COND_ACCEPTED = 4, /* every actor in refs accepts the package */
    PARLEY_COND_OUTSIDE = 5,  /* the package leaves actor's acceptable
                                 range on one of the issues */
    PARLEY_COND_ALL = 6,      /* every child holds */
    PARLEY_COND_ANY = 7,      /* some child holds */
    PARLEY_COND_NOT = 8       /* the one child does not hold */
} parley_cond_kind;

/* An option named in a condition, with the issue it belongs to. */
typedef struct parley_cond_option {
    size_t issue, option;
} parley_cond_option;

typedef struct parley_cond {
    parley_cond_kind kind;
    unsigned char match_all;      /* ISSUE: 1 every issue, 0 any (default) */
    size_t *issues;               /* ISSUE, MEAN, SET, OUTSIDE */
    size_t n_issues;
    parley_cond_option *options;  /* ISSUE: the option is one of these */
    size_t n_options;
    double *values;               /* ISSUE: the value equals one of these */
    size_t n_values;
    double min, max;              /* ISSUE, MEAN (-inf/+inf when unset) */
    parley_cond_option *skip;     /* ISSUE, OUTSIDE: an issue whose option is
                                     one of these is left out */
    size_t n_skip;
    size_t *refs;                 /* OUTCOME: outcome types; ACCEPTED:
                                     actors; ALL/ANY/NOT: child nodes */
    size_t n_refs;
    size_t actor;                 /* OUTSIDE */
    size_t top_salience;          /* OUTSIDE: the actor's N most salient
                                     issues (ties at the cut included);
                                     0: `issues`, or every issue */
    unsigned line, col;
} parley_cond;

typedef struct parley_condition {
    parley_cond *nodes;           /* nodes[0] is the root */
    size_t n_nodes;               /* 0: no condition (always holds) */
} parley_condition;

typedef struct parley_outcome_type {
    char *id;
    char *name;
    char *note;
    size_t source;
    parley_condition when;        /* classification rule (may be empty) */
    unsigned char has_when;       /* 1 if `when` was given */
    unsigned char is_default;     /* `default: true`: the class when no
                                     rule holds */
} parley_outcome_type;

/* Dynamics: monthly state variables.
 *   x(t+1) = x(t) + drift + (1 - rho) * (mean - x(t))  [if has_mean]
 *            + sum_j coef_j * x_j(t) + noise * eps + shocks
 * clamped to [min, max]. */
typedef struct parley_var_input {
    size_t variable;
    parley_num coef;
} parley_var_input;

typedef struct parley_variable {
    char *id;
    char *name;
    char *unit;
    parley_num initial;
    parley_num drift;
    parley_num noise;
    parley_num rho;          /* mean reversion; present only with mean */
    parley_num mean;
    double min, max;
    parley_var_input *inputs;
    size_t n_inputs;
    size_t source;
} parley_variable;

typedef struct parley_shock {
    char *id;
    size_t variable;
    int month;               /* months after dynamics.start (0-based) */
    parley_num delta;
    parley_num probability;  /* default 1 */
    char *note;
    size_t source;
} parley_shock;

typedef enum parley_coupling_target {
    PARLEY_TARGET_RESERVATION = 0,
    PARLEY_TARGET_SALIENCE = 1,
    PARLEY_TARGET_CAPABILITY = 2,
    PARLEY_TARGET_POSITION = 3,
    PARLEY_TARGET_RANGE_LOW = 4,
    PARLEY_TARGET_RANGE_HIGH = 5
} parley_coupling_target;

/* target(t) = target(0) + coef * (x(t) - x(0)). */
typedef struct parley_coupling {
    char *id;
    size_t variable;
    parley_coupling_target target;
    size_t actor;
    size_t issue;            /* PARLEY_NO_INDEX for reservation/capability */
    parley_num coef;
    char *note;
    size_t source;
} parley_coupling;

typedef struct parley_dynamics {
    int present;
    char *start;             /* "YYYY-MM" */
    int start_year, start_month;
    int horizon;             /* months */
    parley_variable *variables;
    size_t n_variables;
    parley_shock *shocks;
    size_t n_shocks;
    parley_coupling *couplings;
    size_t n_couplings;
} parley_dynamics;

/* Third-party impact: per dimension, a score from the outcome type and/or a
 * linear function of issue values, plus conditional adjustments. */
typedef struct parley_impact_term {
    size_t issue;            /* PARLEY_NO_INDEX for a mean_of term */
    parley_num coef;
    size_t *mean_issues;     /* mean_of: coef * mean of these issues */
    size_t n_mean_issues;
} parley_impact_term;

typedef struct parley_impact_adjust {
    size_t issue;            /* PARLEY_NO_INDEX: no issue condition */
    size_t option;           /* option condition or PARLEY_NO_INDEX */
    double min, max;         /* value condition (-inf/+inf when unset) */
    size_t *outcomes;        /* outcome-type condition (empty: any) */
    size_t n_outcomes;
    double durability_below; /* NaN when unset */
    double durability_at_least; /* NaN when unset */
    parley_num delta;        /* added, or assigned when `assign` */
    unsigned char assign;    /* 1: `set:` replaces the score */
} parley_impact_adjust;

typedef struct parley_impact_dim {
    char *id;
    char *name;
    parley_num weight;
    double *by_outcome;      /* n_outcome_types scores, NaN when unset */
    parley_flag *by_outcome_flag;
    parley_num intercept;
    parley_impact_term *terms;
    size_t n_terms;
    size_t *formula_outcomes; /* the linear formula applies only for these */
    size_t n_formula_outcomes;
    parley_impact_adjust *adjust;
    size_t n_adjust;
    double clip_min, clip_max;
    char *note;
    size_t source;
    double *by_outcome_low;  /* n_outcome_types: low/high of an uncertain
                                cell ("0 / -1"), = by_outcome otherwise */
    double *by_outcome_high;
    char *group;             /* e.g. "normative"; NULL when none */
} parley_impact_dim;

/* Durability (docs/models/durability.md): D = clip(base + sum of factor
 * points + sum of veto points).  A factor adds, when its condition holds,
 * points (times the share of a veto's actors that accept, with `share`)
 * plus a linear function of issue values.  A durability veto (RL10 in the
 * Ukraine scenario) names actors whose rejection lowers durability: an
 * actor rejects when the package lies outside its acceptable range on one
 * of the veto's issues. */
typedef struct parley_durability_veto {
    char *id;
    char *name;
    size_t *actors;
    size_t n_actors;
    size_t *issues;               /* empty: every issue (or top_salience) */
    size_t n_issues;
    size_t top_salience;          /* 0: not used */
    parley_cond_option *skip;     /* issues at these options are left out */
    size_t n_skip;
    parley_num points;            /* per rejecting actor; default 0 */
    parley_flag flag;
    size_t source;
    char *note;
    unsigned line, col;
} parley_durability_veto;

typedef struct parley_durability_factor {
    char *id;
    char *name;
    parley_condition when;        /* empty: always */
    parley_num points;            /* present == 0: none */
    parley_impact_term *terms;    /* linear terms in issue values */
    size_t n_terms;
    size_t share;                 /* veto index or PARLEY_NO_INDEX */
    parley_flag flag;
    size_t source;
    char *note;
    unsigned line, col;
} parley_durability_factor;

typedef struct parley_durability_model {
    int present;
    parley_num base;
    double clip_min, clip_max;    /* -inf/+inf when no clip */
    parley_durability_factor *factors;
    size_t n_factors;
    parley_durability_veto *vetoes;
    size_t n_vetoes;
    size_t source;
    char *note;
} parley_durability_model;

typedef struct parley_impact {
    char *id;
    char *name;
    size_t actor;            /* PARLEY_NO_INDEX if not an actor */
    parley_impact_dim *dims;
    size_t n_dims;
    size_t source;
} parley_impact;

/* A bloc of allies (the optional top-level `blocs`): Monte Carlo draws the
 * same kind of uncertain input of its actors (capability, risk,
 * reservation; position, salience or a range end on one issue) with this
 * correlation, through a Gaussian copula (docs/models/simulation.md).  An
 * actor belongs to at most one bloc. */
typedef struct parley_bloc {
    char *id;
    char *name;
    size_t *actors;          /* actor indices, n_actors >= 2, distinct */
    size_t n_actors;
    parley_num correlation;  /* a point value in [0, 1] */
    char *note;
    size_t source;
} parley_bloc;

/* The negotiation's rules (the optional top-level `negotiation`,
 * docs/scenario-format.md): the protocol, the deadline, the signatories and
 * the rules that end a run in an armistice, a frozen conflict or a
 * collapse.  parley_negotiation_options take these values for the fields
 * the caller leaves at their defaults (dynamics/negotiation.c). */

/* A test on a state variable: min <= x_variable <= max (-inf/+inf when
 * that end is not given). */
typedef struct parley_state_test {
    size_t variable;
    double min, max;
    unsigned line, col;
} parley_state_test;

/* One end-state rule.  armistice: `issue`; frozen: every test holds for
 * `months` months in a row; collapse: some test holds after the deadline. */
typedef struct parley_end_rule {
    unsigned char present;
    size_t issue;             /* armistice; PARLEY_NO_INDEX otherwise */
    parley_state_test *tests; /* frozen (all) and collapse (any) */
    size_t n_tests;
    int months;               /* frozen: 0 when not given (3) */
    size_t outcome;           /* the outcome type it ends in */
    parley_flag flag;         /* the citation of the rule's thresholds */
    size_t source;
    char *note;
    unsigned line, col;
} parley_end_rule;

typedef struct parley_negotiation_rules {
    int present;
    int protocol;             /* parley_protocol_kind; -1: not given */
    int deadline;             /* months after dynamics.start; -1: not
                                 given */
    size_t *signatories;      /* actor indices in turn order; NULL: not
                                 given */
    size_t n_signatories;
    parley_end_rule armistice, frozen, collapse;
    parley_flag flag;         /* the citation of the protocol, deadline
                                 and signatories */
    size_t source;
    char *note;
} parley_negotiation_rules;

struct parley_scenario {
    const parley_ctx *ctx;   /* allocator */
    parley_format format;
    char *file;              /* where it was loaded from */
    char *id, *name, *description, *date;
    parley_source *sources;
    size_t n_sources;
    parley_actor *actors;
    size_t n_actors;
    parley_issue *issues;
    size_t n_issues;
    parley_stance *stances;  /* n_actors * n_issues */
    parley_red_line *red_lines;
    size_t n_red_lines;
    parley_ratification *ratifications;
    size_t n_ratifications;
    parley_linkage *linkages;
    size_t n_linkages;
    parley_proposal *proposals;
    size_t n_proposals;
    parley_outcome_type *outcome_types;
    size_t n_outcome_types;
    parley_dynamics dynamics;
    parley_impact *impacts;
    size_t n_impacts;
    parley_durability_model durability; /* `durability:` (YAML only) */
    int utility_additive_raw; /* 1 (GENIUS imports): an actor's utility is
                                 sum_k salience_k * option_values_k[x_k]
                                 with saliences as written, not divided by
                                 their sum; 0: normalise saliences */
    parley_bloc *blocs;       /* optional blocs of allies (YAML `blocs`) */
    size_t n_blocs;
    parley_negotiation_rules negotiation; /* `negotiation:` (YAML only;
                                 present == 0 elsewhere) */
};

/* A fresh, empty scenario owned by ctx's allocator. */
parley_scenario *parley_i_scenario_new(const parley_ctx *ctx);

/* Allocates the stance matrix for the current n_actors x n_issues (all
 * absent).  Call once actors and issues are known.  PARLEY_ELIMIT (with a
 * message naming `name`, the input) above limits.max_stances cells. */
parley_status parley_i_scenario_alloc_stances(parley_ctx *ctx,
                                              parley_scenario *s,
                                              const char *name);

/* Accessor used everywhere. */
static inline parley_stance *parley_i_stance(const parley_scenario *s,
                                             size_t a, size_t k)
{
    return &s->stances[a * s->n_issues + k];
}

/* A point value with no source. */
parley_num parley_i_num_point(double value);

/* The common checks every loader runs after filling a scenario: counts
 * within limits, ids unique, capability/salience non-negative and finite,
 * positions inside scales.  Reports each problem as a diagnostic. */
parley_status parley_i_scenario_check(parley_ctx *ctx,
                                      const parley_scenario *s);

/* Loaders (one file each).  They fill a scenario or report every error. */
parley_status parley_i_load_yaml(parley_ctx *ctx, const char *name,
                                 const char *bytes, size_t len,
                                 const parley_load_options *opts,
                                 parley_scenario **out);
parley_status parley_i_load_bdm(parley_ctx *ctx, const char *name,
                                const char *bytes, size_t len,
                                const parley_load_options *opts,
                                parley_scenario **out);
parley_status parley_i_load_ktab(parley_ctx *ctx, const char *name,
                                 const char *bytes, size_t len,
                                 const parley_load_options *opts,
                                 parley_scenario **out);
parley_status parley_i_load_decide(parley_ctx *ctx, const char *name,
                                   const char *bytes, size_t len,
                                   const parley_load_options *opts,
                                   parley_scenario **out);
parley_status parley_i_load_deu(parley_ctx *ctx, const char *name,
                                const char *bytes, size_t len,
                                const parley_load_options *opts,
                                parley_scenario **out);

/* GENIUS domains and profiles (load_genius.c).  One XML input in memory;
 * name is used in diagnostics and, for profiles, gives the actor id (the
 * file name without directories and ".xml"). */
typedef struct parley_genius_input {
    const char *name;
    const char *bytes;
    size_t len;
} parley_genius_input;

/* A single buffer: a domain or a profile alone is not a scenario, so this
 * reports PARLEY_EUNSUPPORTED naming the ways that work. */
parley_status parley_i_load_genius(parley_ctx *ctx, const char *name,
                                   const char *bytes, size_t len,
                                   const parley_load_options *opts,
                                   parley_scenario **out);
/* A domain and its profiles, all in memory; validates and checks the
 * scenario like parley_scenario_load_buffer. */
parley_status parley_i_load_genius_inputs(parley_ctx *ctx,
                                          const parley_genius_input *domain,
                                          const parley_genius_input *profiles,
                                          size_t n_profiles,
                                          const parley_load_options *opts,
                                          parley_scenario **out);
/* A folder holding one domain and its profiles, or a domain file whose
 * folder holds its profiles. */
parley_status parley_i_load_genius_path(parley_ctx *ctx, const char *path,
                                        const parley_load_options *opts,
                                        parley_scenario **out);
/* 1 if path names a directory. */
int parley_i_is_directory(const char *path);

#endif /* PARLEY_SCENARIO_H */
