/*
 * test_blocs.c -- the optional `blocs` section of the scenario language
 * (blocs of allies whose uncertain inputs are drawn correlated): what it
 * loads, and every error it reports with its position.
 */
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define HEAD                                                                   \
    "parley: 1\n"                                                              \
    "scenario: {id: b}\n"                                                      \
    "sources:\n"                                                               \
    "  - {id: E, kind: estimate}\n"                                            \
    "actors:\n"                                                                \
    "  - {id: US, capability: 90}\n"                                           \
    "  - {id: EU, capability: 60}\n"                                           \
    "  - {id: UK, capability: 30}\n"                                           \
    "  - {id: RU, capability: 80}\n"                                           \
    "issues:\n"                                                                \
    "  - {id: X}\n"                                                            \
    "stances: {}\n"

static parley_status load(const char *text, parley_scenario **out, char *first,
                          size_t cap, size_t *n_diag)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_status st = parley_scenario_load_buffer(ctx, "b.yaml", text,
                                                   strlen(text), NULL, out);

    snprintf(first, cap, "%s", parley_ctx_errmsg(ctx));
    *n_diag = parley_ctx_ndiag(ctx);
    if (*out) {
        /* the scenario keeps its allocator: hand it a context that
         * outlives this function */
        parley_scenario_free(*out);
        *out = NULL;
        st = parley_scenario_load_buffer(parley_ctx_new(NULL), "b.yaml", text,
                                         strlen(text), NULL, out);
    }
    parley_ctx_free(ctx);
    return st;
}

Test(blocs, loads)
{
    static const char text[] =
        HEAD "blocs:\n"
             "  - id: WEST\n"
             "    name: \"the West\"\n"
             "    actors: [US, EU, UK]\n"
             "    correlation: {value: 0.6, flag: estimate, source: E}\n"
             "    note: \"analyst estimate\"\n";
    parley_scenario *s = NULL;
    char msg[1024];
    size_t n;
    const parley_ctx *ctx;

    cr_assert_eq(load(text, &s, msg, sizeof msg, &n), PARLEY_OK, "%s", msg);
    cr_assert_eq(s->n_blocs, 1);
    cr_expect_str_eq(s->blocs[0].id, "WEST");
    cr_expect_str_eq(s->blocs[0].name, "the West");
    cr_expect_eq(s->blocs[0].n_actors, 3);
    cr_expect_eq(s->blocs[0].actors[0], 0);
    cr_expect_eq(s->blocs[0].actors[2], 2);
    cr_expect_eq(s->blocs[0].correlation.mode, 0.6);
    cr_expect_eq(s->blocs[0].correlation.flag, PARLEY_FLAG_ESTIMATE);
    cr_expect_eq(s->blocs[0].correlation.line, 17);
    ctx = s->ctx;
    parley_scenario_free(s);
    parley_ctx_free((parley_ctx *)ctx);
}

Test(blocs, the_ukraine_scenario_has_the_west)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = NULL;

    cr_assert_eq(parley_scenario_load(
                     ctx, test_source("examples/ukraine-2026.yaml"), NULL, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(s->n_blocs, 1);
    cr_expect_str_eq(s->blocs[0].id, "WEST");
    cr_expect_eq(s->blocs[0].n_actors, 4);
    cr_expect_eq(s->blocs[0].correlation.mode, 0.5);
    cr_expect_eq(s->blocs[0].correlation.flag, PARLEY_FLAG_ESTIMATE);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Each bad bloc gives one message at its position. */
static void expect_errors(const char *blocs, const char *message, size_t count)
{
    char text[2048], msg[1024];
    parley_scenario *s = NULL;
    size_t n = 0;

    snprintf(text, sizeof text, "%s%s", HEAD, blocs);
    cr_expect_eq(load(text, &s, msg, sizeof msg, &n), PARLEY_EVALID, "%s",
                 blocs);
    cr_expect_null(s);
    cr_expect_str_eq(msg, message);
    cr_expect_eq(n, count, "%zu errors for %s", n, blocs);
}

static void expect_error(const char *blocs, const char *message)
{
    expect_errors(blocs, message, 1);
}

Test(blocs, errors)
{
    expect_error("blocs:\n  - {id: W, actors: [US, XX], correlation: 0.5}\n",
                 "b.yaml:14:26: unknown actor 'XX' in bloc 'W', did you mean "
                 "'EU'? expected an id declared under actors");
    expect_error("blocs:\n  - {id: W, actors: [US, EU, US], correlation: "
                 "0.5}\n",
                 "b.yaml:14:30: actor 'US' is listed twice in bloc 'W', "
                 "expected each actor once");
    expect_error("blocs:\n  - {id: W, actors: [US, EU], correlation: 0.5}\n"
                 "  - {id: V, actors: [UK, EU], correlation: 0.5}\n",
                 "b.yaml:15:26: actor 'EU' in bloc 'V' is already in bloc "
                 "'W', expected each actor in at most one bloc");
    expect_error("blocs:\n  - {id: W, actors: [US], correlation: 0.5}\n",
                 "b.yaml:14:21: 'actors' of bloc 'W' has 1 actor, expected "
                 "at least two actor ids");
    expect_error("blocs:\n  - {id: W, actors: [US, EU], correlation: 1.5}\n",
                 "b.yaml:14:44: 'correlation' of bloc 'W' is 1.5, expected a "
                 "number from 0 to 1");
    expect_error("blocs:\n  - {id: W, actors: [US, EU], correlation: {low: "
                 "0.2, mode: 0.5, high: 0.8}}\n",
                 "b.yaml:14:44: 'correlation' of bloc 'W' is uncertain ({low, "
                 "mode, high}), expected a point value from 0 to 1");
    expect_error("blocs:\n  - {id: W, actors: [US, EU]}\n",
                 "b.yaml:14:5: missing required key 'correlation' in bloc "
                 "'W', expected a number from 0 to 1");
    /* and the required 'actors' is missing */
    expect_errors("blocs:\n  - {id: W, actor: [US, EU], correlation: 0.5}\n",
                  "b.yaml:14:13: unknown key 'actor' in bloc #1, did you "
                  "mean 'actors'? expected one of: id, name, actors, "
                  "correlation, source, note",
                  2);
    expect_error("blocs:\n  - {id: W, actors: [US, EU], correlation: 0.5}\n"
                 "  - {id: W, actors: [UK, RU], correlation: 0.5}\n",
                 "b.yaml:15:5: duplicate bloc id 'W' (first at 14:5), "
                 "expected unique bloc ids");
    expect_error("blocs: {W: 1}\n",
                 "b.yaml:13:8: 'blocs' of the scenario is a map, expected a "
                 "list");
}

static parley_status load_body(parley_ctx *ctx, void *user)
{
    static const char text[] =
        HEAD "blocs:\n"
             "  - {id: WEST, name: w, actors: [US, EU], correlation: 0.6, "
             "note: n, source: E}\n"
             "  - {id: EAST, actors: [RU, UK], correlation: 0.2}\n";
    parley_scenario *s = NULL;
    parley_status st;

    (void)user;
    st = parley_scenario_load_buffer(ctx, "b.yaml", text, strlen(text), NULL,
                                     &s);
    parley_scenario_free(s);
    return st;
}

Test(blocs, allocation_failure)
{
    cr_expect(test_alloc_failures(load_body, NULL) > 10);
}
