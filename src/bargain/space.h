/*
 * space.h -- the outcome space of package bargaining, built from a
 * scenario.  Internal (not part of the public API); shared by the solvers
 * in src/bargain/ and by proposal evaluation and repair (`parley evaluate`).
 *
 * What the space holds
 * --------------------
 * Parties.  The actors whose utilities count: by default every actor whose
 * role is party, mediator, guarantor or veto player, or the comma list
 * options->parties.  Party p is scenario actor party_actor[p].
 *
 * Utilities.  Party p's utility for a package x (one option per issue) is
 *
 *     u_p(x) = sum_k w_pk v_pk(x_k) + sum_l lambda_l f_a(x_a) f_b(x_b)
 *
 * with w_pk = s_pk / sum_k s_pk (salience normalised over the issues on
 * which the actor holds a stance) or w_pk = s_pk when the weights are used
 * as written (GENIUS); v_pk(o) the explicit option value when the stance
 * gives one, else a loss from the actor's position p on the issue's scale,
 * 1 - |x_o - p| / range (linear) or 1 - (|x_o - p| / range)^2 (quadratic);
 * an issue on which the actor holds no stance contributes 0.  The linkage
 * terms lambda f_a f_b are the scenario's issue linkages (f = value
 * normalised to [0, 1] on the issue's scale) that apply to the party.
 *
 * Issues and dimensions.  Per scenario issue (issue_info[k]) the space
 * keeps, for EVERY option (feasible or not): each party's contribution
 * w_pk v_pk(o) (contrib, option-major), whether the option is feasible and,
 * if not, the first constraint that excludes it (excluded_by), and the log
 * probability that soft ratification constraints pass (log_pass).
 * Enumeration runs over dimensions: a dimension is one issue, or a group of
 * issues tied by linkage merged into one composite issue whose options are
 * the feasible combinations of its members' options (mixed radix, first
 * member most significant).  Linkage then never couples two dimensions, so
 * every u_p is additive over dimensions, which every solver exploits.
 * dims[d].util[o * P + p] is party p's total contribution of dimension d's
 * option o (members in issue order, then the linkage terms); util_t is the
 * same table party-major (util_t[p * n_options + o]) for vectorised inner
 * loops.  Dimensions are ordered by their first member issue; single-issue
 * dimensions list their feasible options in scenario order.
 *
 * Feasibility.  A red line (active ones only) excludes the options it
 * lists and those whose value lies outside its [min, max]; a ratification
 * constraint excludes the options outside its [min, max] when it is hard
 * (pass probability 0) or when options->ratification is ALL; otherwise it
 * only lowers log_pass.  Every constraint is per (issue, option), so the
 * feasible packages are exactly the product of the dimensions' option
 * lists.  With options->party_constraints_only only the parties' own
 * constraints count.
 *
 * Canonical utility.  A package's utility is summed over dimensions in
 * dimension order starting from 0.0, each dimension's contribution being
 * the table entry above.  Without linkage that is the issue-order sum
 * ((0 + c_0) + c_1) + ..., bit-identical to GENIUS and NegMAS; every
 * solver and parley_i_space_eval use this order, so utilities agree to the
 * last bit whichever path computed them.
 *
 * Reservation values and the disagreement point.  reservation[p] is the
 * actor's reservation when the scenario gives one; otherwise the rule of
 * options->reservation (reservation_source[p] records which was used):
 *   RANGE       the minimum of u_p over the packages whose every issue lies
 *               in the actor's acceptable range (issues without a range
 *               accept every option; where no option lies inside a range,
 *               the options nearest to it count as inside).  It is the
 *               worst deal the actor has declared acceptable.  Computed
 *               per dimension, so exact with linkage too.
 *   STATUS_QUO  u_p of the status-quo package (each issue's status-quo
 *               option, or the option nearest its status-quo value).
 *   ZERO        0, the GENIUS / NegMAS default.
 *   AUTO        RANGE if the actor states a range on some issue, else
 *               STATUS_QUO if every issue has a status quo, else ZERO.
 * disagreement[p] is reservation[p] (PARLEY_DISAGREEMENT_RESERVATION) or
 * max(reservation[p], min_utility[p]) (FLOOR, NegMAS's convention).
 * min_utility and ideal are exact minima and maxima of u_p over the
 * feasible packages (sums of per-dimension extremes).
 *
 * Open issues of a proposal.  parley_i_space_new takes an optional `fixed`
 * array (one entry per scenario issue: an option index, or PARLEY_NO_INDEX
 * for free).  A fixed issue's dimension keeps only the combinations with
 * that option, so solvers run on the sub-space of packages that complete
 * the proposal.  parley_i_proposal_fix fills `fixed` from a proposal: set
 * terms fix their option (a term given as a value fixes the nearest
 * option), open terms stay free or take the status quo.  Reservation,
 * disagreement and ideal are always those of the unrestricted space.
 *
 * Packages.  A package is addressed either by scenario option indices
 * (issue_option[k], n_issues entries) or by dimension option indices
 * (dim_option[d], n_dims entries).  Its package index is the mixed-radix
 * number of dim_option with dimension 0 most significant; ties are always
 * resolved to the lowest package index, which is also the lexicographic
 * order of issue_option when there is no linkage.
 *
 * Memory.  Everything is allocated in parley_i_space_new through the
 * context's allocator; the space is immutable afterwards and may be read
 * by any number of threads.
 */
#ifndef PARLEY_BARGAIN_SPACE_H
#define PARLEY_BARGAIN_SPACE_H

#include "scenario/scenario.h"

/* What excludes an option. */
typedef enum parley_i_exclusion_kind {
    PARLEY_I_EXCLUDED_NONE = 0,
    PARLEY_I_EXCLUDED_RED_LINE = 1,     /* index into scenario->red_lines */
    PARLEY_I_EXCLUDED_RATIFICATION = 2, /* index into ->ratifications */
    PARLEY_I_EXCLUDED_FIXED = 3         /* another option was fixed */
} parley_i_exclusion_kind;

typedef struct parley_i_exclusion {
    parley_i_exclusion_kind kind;
    size_t index;
} parley_i_exclusion;

/* One scenario issue as the space sees it.  Arrays cover every option. */
typedef struct parley_i_issue_info {
    size_t n_options;
    size_t dim;              /* the dimension holding this issue */
    size_t member;           /* its position among dim's members */
    size_t fixed;            /* option fixed by the caller, or NO_INDEX */
    double *contrib;         /* n_options x P: w_pk v_pk(o) */
    unsigned char *feasible; /* n_options: 1 if no constraint excludes */
    parley_i_exclusion *excluded_by; /* n_options: the first exclusion */
    double *log_pass;                /* n_options: sum of log pass probabilities
                                        of soft ratification constraints */
} parley_i_issue_info;

/* A linkage term as it applies to one party: adds
 * weight * f_a[option of issue_a] * f_b[option of issue_b] to u_party. */
typedef struct parley_i_link {
    size_t party;
    size_t issue_a, issue_b;
    size_t linkage; /* index into scenario->linkages */
    double weight;
    double *f_a, *f_b; /* normalised option values, per option */
} parley_i_link;

/* One dimension of the space: an issue or a group of linked issues. */
typedef struct parley_i_dim {
    size_t n_members;
    size_t *members;       /* scenario issue indices, ascending */
    size_t n_options;      /* feasible options (combinations) */
    size_t *member_option; /* n_options x n_members: scenario option
                              index of each member */
    double *util;          /* n_options x P */
    double *util_t;        /* P x n_options */
    double *min, *max;     /* P: extremes over the dimension */
    size_t n_links;
    size_t *links; /* indices into space->links */
} parley_i_dim;

typedef struct parley_i_space {
    const parley_ctx *ctx;
    const parley_scenario *scenario; /* borrowed; must outlive the space */
    size_t n_parties;
    size_t *party_actor; /* P: scenario actor index */
    double *capability;  /* P */
    double *nash_weight; /* P: c_p / sum c (equal if all 0) */
    double *reservation; /* P: r_p */
    parley_reservation_source *reservation_source; /* P */
    double *disagreement;                          /* P: d_p */
    double *min_utility; /* P: min over feasible packages */
    double *ideal;       /* P: max over feasible packages */
    double *weight;      /* P x n_issues: w_pk (0 without stance) */
    parley_disagreement disagreement_rule;
    int weights_as_written; /* the weighting actually used */
    size_t n_issues;
    parley_i_issue_info *issues;
    size_t n_links;
    parley_i_link *links;
    size_t n_dims;
    parley_i_dim *dims;
    size_t n_excluded;      /* infeasible (issue, option) pairs */
    size_t n_groups;        /* dimensions with more than one member */
    long double n_packages; /* product of all option counts */
    long double n_feasible; /* product of dims' option counts */
    int empty;              /* 1: some dimension has no option */
} parley_i_space;

/*
 * Builds the outcome space.  `options` may be NULL (defaults); only the
 * fields about the space are read (parties, shape, weights, reservation,
 * ratification, party_constraints_only, disagreement, max_composite).
 * `fixed` may be NULL or hold n_issues entries (see above).  Errors:
 * EINVAL (bad option, unknown party id: ENOTFOUND, no parties), ELIMIT (a
 * linked group over max_composite options), EVALID (STATUS_QUO asked but
 * an issue has no status quo), ENOMEM.  An empty space (every option of
 * some issue excluded) is a result: space->empty is 1.
 */
parley_status parley_i_space_new(parley_ctx *ctx,
                                 const parley_scenario *scenario,
                                 const parley_bargain_options *options,
                                 const size_t *fixed, parley_i_space **out);
void parley_i_space_free(parley_i_space *space);

/*
 * Resolves a comma list of actor ids into actor indices (P entries,
 * allocated through ctx, *n set).  Used for options->parties and
 * options->zopa_parties.  ENOTFOUND names the unknown id and suggests the
 * nearest; EINVAL for an empty list or a duplicate.
 */
parley_status parley_i_parse_actor_list(parley_ctx *ctx,
                                        const parley_scenario *scenario,
                                        const char *list, size_t **actors,
                                        size_t *n);

/*
 * The utility of every party for the package given as scenario option
 * indices (n_issues entries; every entry must be a valid option index).
 * Works for infeasible packages too; returns 1 if the package is feasible
 * in this space, else 0.  utility has n_parties entries.  Summation order
 * is the canonical one, so the result equals the solvers' to the bit.
 */
int parley_i_space_eval(const parley_i_space *space, const size_t *issue_option,
                        double *utility);

/* The same for a package given as dimension option indices. */
void parley_i_space_eval_dims(const parley_i_space *space,
                              const size_t *dim_option, double *utility);

/* Dimension option indices -> scenario option indices. */
void parley_i_space_decode(const parley_i_space *space,
                           const size_t *dim_option, size_t *issue_option);

/* Scenario option indices -> dimension option indices; returns 0 (and
 * leaves dim_option partly written) if the package is not in the space. */
int parley_i_space_encode(const parley_i_space *space,
                          const size_t *issue_option, size_t *dim_option);

/* The option of issue k nearest to value (ties: the lower index), or
 * PARLEY_NO_INDEX if the issue has no options. */
size_t parley_i_nearest_option(const parley_issue *issue, double value);

/* How a proposal's open issues are filled. */
typedef enum parley_i_fill {
    PARLEY_I_FILL_FREE = 0,      /* left free: solvers optimise them */
    PARLEY_I_FILL_STATUS_QUO = 1 /* the issue's status quo (free if the
                                    issue has none) */
} parley_i_fill;

/*
 * Fills fixed[k] (n_issues entries) from proposal `proposal`: a set term's
 * option (or the option nearest its value), an open term PARLEY_NO_INDEX
 * or the status quo.  open[k] (may be NULL) is set to 1 for open terms.
 */
parley_status parley_i_proposal_fix(parley_ctx *ctx,
                                    const parley_scenario *scenario,
                                    size_t proposal, parley_i_fill fill,
                                    size_t *fixed, unsigned char *open);

#endif /* PARLEY_BARGAIN_SPACE_H */
