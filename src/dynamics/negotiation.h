/*
 * negotiation.h -- ripeness and negotiation protocols on a perturbed
 * scenario, month by month (docs/models/ripeness.md, simulation.md).
 * Internal; the public entry points are parley_ripeness_run and the
 * `zopa`, `blocking`, `protocol`, `deal`, `outcome` and `terms` outputs of
 * parley_simulate_run.
 *
 * The outcome space
 * -----------------
 * parley_i_nego_new builds the outcome space of package bargaining
 * (bargain/space.h) once, at the scenario's modes, over the union of the
 * ZOPA parties and the signatories.  What the space fixes for good: the
 * parties, the issues and their options, feasibility (red lines and hard
 * ratification constraints, as written), the dimensions (issues tied by
 * linkage merged) and their feasible options.  What a month of a Monte
 * Carlo draw may move, and parley_i_nego_load reads from the flat vector
 * of params.h: saliences (hence the weights w_pk = s_pk / sum_k s_pk),
 * positions, linkage weights and reservation values.  Load recomputes
 * every party's contribution w_pk v_pk(o) and every dimension's table with
 * exactly the expressions of space.c, so at the modes the tables equal the
 * space's to the last bit and a utility is the same double `parley
 * bargain` computes.
 *
 * Classes.  Options of a dimension whose member options have the same
 * scale value and the same explicit option values for every party have
 * identical rows whatever the draw (positions, saliences and linkage
 * weights act on the value alone), so they are merged once at setup into
 * a class represented by its lowest option.  Searches run over classes;
 * since a class's representative is its lowest option and classes are
 * ordered by representative, the lowest package among ties is found over
 * classes alone.
 *
 * The max-min search
 * ------------------
 * With margins g_p(x) = u_p(x) - b_p over thresholds b (reservation values
 * for the ZOPA, time-dependent targets in the protocols), one search
 * answers either
 *   DECIDE    is there a feasible package with g_p >= 0 for every party in
 *             the objective set?  (stops at the first such package)
 *   OPTIMISE  max over packages of min_{p in objective} g_p subject to
 *             g_h >= 0 for the hard parties h, with the lowest package
 *             (package order of space.h) among exact ties.
 * Depth-first branch and bound over the dimensions in canonical order, so
 * the prefix sums are the canonical utilities of space.h.  Bounds: the
 * parties' remaining maxima, and the Lagrangian dual
 *   min_O g <= sum_O lambda_p g_p + sum_H mu_h g_h
 *           <= sum_d max_c sum_p w_p U_dcp - sum_p w_p b_p
 * (lambda on the simplex, mu >= 0; Geoffrion 1974), with w chosen at the
 * root by exponentiated subgradient steps warm-started from the previous
 * question.  A dual value below 0 certifies that a DECIDE question has no
 * package; the Lagrangian's maximiser and the previous month's answer are
 * tried as packages first.  Every bound is widened by 1e-9 of the
 * magnitudes involved, so no package is ever cut by rounding.  A search
 * that runs out of nodes reports itself undecided.
 *
 * Memory: parley_i_nego_new and parley_i_nego_ws_new allocate; load,
 * search and the protocol step never do.
 */
#ifndef PARLEY_DYNAMICS_NEGOTIATION_H
#define PARLEY_DYNAMICS_NEGOTIATION_H

#include "bargain/space.h"
#include "dynamics/params.h"

/* A test on a state variable: min <= x_v <= max, each end strict (<)
 * when its flag is set; an end not tested is -inf or +inf.  "g<=50" is
 * (-inf, 50]; a scenario's {variable: g, min: -50, max: 50} is [-50, 50]. */
typedef struct parley_i_state_test {
    size_t variable;
    double min, max;
    unsigned char min_strict, max_strict;
} parley_i_state_test;

/* The setup: everything that does not change from draw to draw. */
typedef struct parley_i_nego {
    const parley_ctx *ctx;
    const parley_scenario *s;
    parley_i_layout L;  /* offsets of the flat vector (params.h) */
    parley_i_space *sp; /* owned; parties = ZOPA parties + signatories */
    size_t P, K, D;
    parley_value_shape shape;
    parley_reservation_rule reservation_rule;
    /* issues: every option, feasible or not */
    size_t *opt_off;   /* K + 1: offsets of each issue's options */
    size_t n_opt;      /* options of every issue */
    size_t *sq_option; /* K: status-quo option or PARLEY_NO_INDEX */
    /* classes: dimension d holds classes cls_off[d] .. cls_off[d+1] */
    size_t *cls_off; /* D + 1 */
    size_t C;        /* classes in all */
    size_t *cls_rep; /* C: the representative (lowest) dim option */
    size_t cls_cap;  /* entries allocated in cls_rep */
    size_t *cls_opt; /* C x max_members: each member's option as an
                        index into the per-option arrays (opt_off) */
    size_t max_cls;  /* classes of the largest dimension */
    size_t max_members;
    /* parties */
    unsigned char *zopa;      /* P: the ZOPA parties */
    unsigned char *signatory; /* P: the parties whose signature counts */
    size_t n_zopa, n_sig;
    size_t *sig_order;       /* n_sig: signatories in turn order */
    size_t sig_cap;          /* entries allocated in sig_order */
    unsigned char *res_rule; /* P: parley_reservation_source used when
                                the flat vector has no reservation */
    int *tactic;             /* P: parley_tactic_kind */
    double *exponent;        /* P: e of F(t) = (t/T)^(1/e) */
    /* protocol */
    parley_protocol_kind protocol;
    int deadline;           /* T (>= 0) */
    size_t armistice_issue; /* PARLEY_NO_INDEX: none */
    size_t armistice_outcome, frozen_outcome, collapse_outcome;
    size_t n_frozen, n_collapse;
    parley_i_state_test *frozen_tests, *collapse_tests;
    int frozen_months;
    size_t default_outcome; /* the scenario's default type, or NONE */
    int has_rules;          /* the scenario has classification rules */
    size_t max_nodes;
} parley_i_nego;

/* Per-thread workspace: the draw's tables, the search's stacks, the
 * protocol's state from month to month. */
typedef struct parley_i_nego_ws {
    /* tables at the current month */
    double *weight;      /* P x K */
    double *contrib;     /* n_opt x P: w_pk v_pk(o) */
    double *util;        /* C x P: class rows */
    double *dmax, *dmin; /* D x P */
    double *reservation; /* P */
    double *ideal;       /* P: max over feasible packages */
    /* search */
    double *w;             /* P: multipliers (warm start) */
    unsigned char *w_role; /* P: the roles (0 out, 1 objective, 2 hard)
                              of the search w was found for */
    double *best_w;        /* P */
    double *pre;           /* (D + 1) x P: prefix sums */
    double *suf_hi;        /* (D + 1) x P: remaining maxima */
    double *suf_lag;       /* D + 1: remaining Lagrangian maxima */
    double *wval;          /* C: weighted class values */
    double *g;             /* P */
    size_t *kids;          /* D x max_cls: children in the order tried */
    double *kid_bound;     /* D x max_cls */
    size_t *n_kids, *at;   /* D */
    size_t *pkg;           /* D: the package being built */
    size_t *xw;            /* D: maximiser of the Lagrangian */
    size_t *witness;       /* D: last package found (warm start) */
    int has_witness;
    unsigned char *mask, *mask2; /* P */
    size_t *member_opt;          /* max_members */
    double *part;                /* P */
    /* protocol state of the current run */
    parley_end_state end;
    int end_month;
    size_t outcome;       /* the type of the end state (or the default) */
    size_t *deal;         /* D: classes of the signed package */
    size_t *deal_options; /* K: its scenario options */
    size_t armistice_option;
    double *target;           /* P */
    size_t *text;             /* D: the mediator's text */
    int frozen_run;           /* consecutive months the frozen tests held */
    size_t *issue_opt;        /* K: scratch */
    double *values_k;         /* K: scratch (package values) */
    unsigned char *signed_by; /* n_actors: acceptance for classification */
    double *link_w;           /* space links: this month's linkage weights */
    double *open_u;           /* P: scratch */
    int text_ready;           /* the mediator's first draft is made */
    int bound;                /* 1 once bound to its buffer */
    double *last_in;          /* P x 2K: saliences and positions of the last
                                 load (a party whose numbers are unchanged
                                 keeps its tables) */
    int loaded;               /* 1 after the first load */
    size_t *tmp_kids;         /* max_cls: merge-sort scratch */
    double *tmp_bound;        /* max_cls */
    size_t *order;            /* D: the search's branching order */
    size_t *plist;        /* P: the search's parties (objective, then hard) */
    double *base;         /* P: their bound terms at the node being expanded */
    double *spread, *top; /* D: weighted spread and maximum per dim */
} parley_i_nego_ws;

/* The protocol the options select: theirs, or for PARLEY_PROTOCOL_SCENARIO
 * the scenario's `negotiation.protocol`, else alternating offers. */
parley_protocol_kind
parley_i_nego_protocol(const parley_scenario *s,
                       const parley_negotiation_options *o);

/* What parley_i_nego_new needs besides the negotiation options.  Every
 * option left at its default takes the scenario's `negotiation` value
 * (include/parley.h). */
parley_status parley_i_nego_new(parley_ctx *ctx, const parley_scenario *s,
                                const parley_i_params *params,
                                const parley_negotiation_options *options,
                                int months, parley_i_nego **out);
void parley_i_nego_free(parley_i_nego *ng);

/* A workspace is one buffer of parley_i_nego_ws_size bytes: the struct,
 * then its arrays.  bind lays it out in a buffer the caller owns (Monte
 * Carlo scratch); new allocates one. */
size_t parley_i_nego_ws_size(const parley_i_nego *ng);
parley_i_nego_ws *parley_i_nego_ws_bind(const parley_i_nego *ng, void *buffer);
parley_status parley_i_nego_ws_new(const parley_i_nego *ng,
                                   parley_i_nego_ws **out);
void parley_i_nego_ws_free(const parley_i_nego *ng, parley_i_nego_ws *ws);

/* Recomputes the tables, reservation values and ideals of the month
 * described by the flat vector `values`.  Never allocates. */
void parley_i_nego_load(const parley_i_nego *ng, parley_i_nego_ws *ws,
                        const double *values);

/* A question to the max-min search (see above). */
typedef struct parley_i_mm_query {
    int optimise;                   /* 0: DECIDE, 1: OPTIMISE */
    const double *threshold;        /* P: b */
    const unsigned char *objective; /* P: the parties in the min */
    const unsigned char *hard;      /* P or NULL: g_h >= 0 required */
    int warm;                       /* 1: try ws->witness first */
} parley_i_mm_query;

typedef struct parley_i_mm_result {
    int status;   /* 1: a package (DECIDE: the zone is open); 0: none;
                     -1: undecided (node budget) */
    double value; /* OPTIMISE: the optimum; DECIDE: the found package's
                     smallest margin, or the dual bound (< 0) */
    size_t nodes;
} parley_i_mm_result;

/* Answers a question on the loaded tables; the package found (status 1)
 * is left in ws->pkg as class indices and in ws->witness.  Never
 * allocates. */
void parley_i_nego_search(const parley_i_nego *ng, parley_i_nego_ws *ws,
                          const parley_i_mm_query *q, parley_i_mm_result *r);

/* Party contributions of dimension d for the member options member_opt
 * (space.c's combo_contribution on the loaded month). */
void parley_i_nego_combo(const parley_i_nego *ng, const parley_i_nego_ws *ws,
                         size_t d, const size_t *member_opt, double *out);

/* The canonical utilities of a package given as class indices. */
void parley_i_nego_eval(const parley_i_nego *ng, const parley_i_nego_ws *ws,
                        const size_t *cls, double *utility);
/* Scenario option indices (K entries) of a package given as classes. */
void parley_i_nego_decode(const parley_i_nego *ng, const size_t *cls,
                          size_t *issue_option);

/* Minimal blocking sets of the ZOPA parties at the loaded month: every
 * set B (by inclusion minimal) whose removal opens the zone.  Sets are
 * written as party masks into sets (cap entries of P bytes); returns the
 * number found, or (size_t)-1 if some question was undecided or there
 * are more than cap.  Needs at most 2^n_zopa - 1 questions; refused
 * ((size_t)-1) above 16 ZOPA parties. */
size_t parley_i_nego_blocking(const parley_i_nego *ng, parley_i_nego_ws *ws,
                              unsigned char *sets, size_t cap);

/* F(t) of a time-dependent tactic (Faratin, Sierra & Jennings 1998):
 * (t / T)^(1/e), 1 from the deadline on, 0 for hardheaded. */
double parley_i_concession(int tactic, double exponent, int t, int deadline);

/* Starts a new run (month 0 comes next). */
void parley_i_protocol_reset(const parley_i_nego *ng, parley_i_nego_ws *ws);

/* What one month of the protocol did (for reports). */
typedef struct parley_i_step_trace {
    size_t proposer;    /* party index, or PARLEY_NO_INDEX */
    int proposed;       /* 1: *proposal holds a package */
    size_t *proposal;   /* K (caller-sized): its scenario options */
    double *proposal_u; /* P (caller-sized) */
    int accepted;       /* 1: every signatory accepted it */
    int undecided;      /* a search ran out of nodes */
} parley_i_step_trace;

/* One month of the protocol on the loaded tables, with the state x(t)
 * for the end-state tests.  trace may be NULL.  Never allocates. */
void parley_i_protocol_step(const parley_i_nego *ng, parley_i_nego_ws *ws,
                            int month, const double *state,
                            parley_i_step_trace *trace);

/* Adds the Monte Carlo output `kind` (zopa, blocking, protocol, deal,
 * outcome or terms) with its argument (NULL, an id or "*") to the engine,
 * with the engine's negotiation options (NULL: the defaults).  implicit:
 * part of the default outputs, so an output the scenario cannot give is
 * left out instead of reported (nego_outputs.c). */
struct parley_i_mc;
parley_status parley_i_nego_add_output(struct parley_i_mc *mc, const char *kind,
                                       const char *arg, int implicit);

#endif /* PARLEY_DYNAMICS_NEGOTIATION_H */
