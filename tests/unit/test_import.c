/*
 * test_import.c -- the importers of other tools' formats: BDM tables
 * (load_bdm.c), KTAB SMP CSV (load_ktab.c), decide exchange-model input
 * (load_decide.c) and DEU III TSV (load_deu.c).
 *
 * Valid files must load with the numbers their authors wrote (checked
 * against independent figures: the peers' own logs and published sums, see
 * tests/data/SOURCES.md); bad files must give every diagnostic at its line
 * and column; nothing may leak when any allocation fails.
 */
#include "scenario/scenario.h"
#include "support.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

static parley_status load_file(parley_ctx *ctx, const char *name,
                               parley_format format, parley_scenario **out)
{
    parley_load_options opts;

    parley_load_options_set_default(&opts);
    opts.format = format;
    return parley_scenario_load(ctx, test_data(name), &opts, out);
}

static parley_status load_text(parley_ctx *ctx, const char *name,
                               const char *text, parley_format format,
                               parley_scenario **out)
{
    parley_load_options opts;

    parley_load_options_set_default(&opts);
    opts.format = format;
    return parley_scenario_load_buffer(ctx, name, text, strlen(text), &opts,
                                       out);
}

/* Loads a file that must load; fails the test with the first error. */
static parley_scenario *must_load(parley_ctx *ctx, const char *name,
                                  parley_format format)
{
    parley_scenario *s = NULL;
    parley_status st = load_file(ctx, name, format, &s);

    cr_assert_eq(st, PARLEY_OK, "%s: %s", name, parley_ctx_errmsg(ctx));
    cr_assert_not_null(s);
    return s;
}

static parley_scenario *must_load_text(parley_ctx *ctx, const char *text,
                                       parley_format format)
{
    parley_scenario *s = NULL;
    parley_status st = load_text(ctx, "t.csv", text, format, &s);

    cr_assert_eq(st, PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_not_null(s);
    return s;
}

static size_t actor(const parley_scenario *s, const char *id)
{
    size_t a = parley_actor_find(s, id);

    cr_assert_neq(a, (size_t)-1, "no actor '%s'", id);
    return a;
}

static size_t issue(const parley_scenario *s, const char *id)
{
    size_t k = parley_issue_find(s, id);

    cr_assert_neq(k, (size_t)-1, "no issue '%s'", id);
    return k;
}

/* Asserts capability, position and salience of actor `id` on issue k. */
static void expect_stance(const parley_scenario *s, const char *id, size_t k,
                          double capability, double position, double salience)
{
    size_t a = actor(s, id);

    cr_expect_eq(parley_actor_capability(s, a), capability,
                 "%s capability %g, expected %g", id,
                 parley_actor_capability(s, a), capability);
    cr_assert(parley_stance_present(s, a, k), "%s has no stance on %zu", id, k);
    cr_expect_eq(parley_stance_position(s, a, k), position,
                 "%s position %g, expected %g", id,
                 parley_stance_position(s, a, k), position);
    cr_expect_eq(parley_stance_salience(s, a, k), salience,
                 "%s salience %g, expected %g", id,
                 parley_stance_salience(s, a, k), salience);
}

/* The compromise sum c*s*x / sum c*s over the actors with a stance. */
static double compromise(const parley_scenario *s, size_t k, int equal)
{
    double num = 0, den = 0;
    size_t a;

    for (a = 0; a < parley_scenario_n_actors(s); a++) {
        double c = equal ? 1 : parley_actor_capability(s, a);

        if (!parley_stance_present(s, a, k))
            continue;
        num += c * parley_stance_salience(s, a, k) *
               parley_stance_position(s, a, k);
        den += c * parley_stance_salience(s, a, k);
    }
    return num / den;
}

/* Asserts diagnostic i reads "line:col: message". */
static void expect_diag(const parley_ctx *ctx, size_t i, unsigned line,
                        unsigned col, const char *message)
{
    const parley_diag *d = parley_ctx_diag(ctx, i);

    cr_assert_not_null(d, "no diagnostic #%zu (have %zu)", i,
                       parley_ctx_ndiag(ctx));
    cr_expect_str_eq(d->message, message, "diagnostic #%zu", i);
    cr_expect_eq(d->line, line, "diagnostic #%zu line %u, expected %u", i,
                 d->line, line);
    cr_expect_eq(d->col, col, "diagnostic #%zu col %u, expected %u", i, d->col,
                 col);
}

static void log_diags(const parley_ctx *ctx, const char *name)
{
    size_t i;

    for (i = 0; i < parley_ctx_ndiag(ctx); i++)
        cr_log_info("%s:%u:%u: %s", name, parley_ctx_diag(ctx, i)->line,
                    parley_ctx_diag(ctx, i)->col,
                    parley_ctx_diag(ctx, i)->message);
}

/* Loads a bad fixture: checks the status, that nothing was returned, and
 * the number of diagnostics.  Returns the context for further checks. */
static parley_ctx *load_bad(const char *name, parley_format format,
                            parley_status want, size_t n_diags)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = (parley_scenario *)&s; /* must be reset to NULL */
    parley_status st;

    cr_assert_not_null(ctx);
    st = load_file(ctx, name, format, &s);
    log_diags(ctx, name);
    cr_assert_eq(st, want, "%s: status %s, expected %s", name,
                 parley_strerror(st), parley_strerror(want));
    cr_assert_null(s, "%s: a scenario was returned on error", name);
    cr_assert_eq(parley_ctx_ndiag(ctx), n_diags,
                 "%s: %zu diagnostics, expected %zu", name,
                 parley_ctx_ndiag(ctx), n_diags);
    return ctx;
}

/* The same from text. */
static parley_ctx *load_bad_text(const char *text, parley_format format,
                                 parley_status want, size_t n_diags)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = (parley_scenario *)&s;
    parley_status st;

    cr_assert_not_null(ctx);
    st = load_text(ctx, "t", text, format, &s);
    log_diags(ctx, "t");
    cr_assert_eq(st, want, "status %s, expected %s", parley_strerror(st),
                 parley_strerror(want));
    cr_assert_null(s, "a scenario was returned on error");
    cr_assert_eq(parley_ctx_ndiag(ctx), n_diags,
                 "%zu diagnostics, expected %zu", parley_ctx_ndiag(ctx),
                 n_diags);
    return ctx;
}

typedef struct buffer {
    char *bytes;
    size_t len;
} buffer;

static buffer read_fixture(const char *name)
{
    buffer b = {NULL, 0};
    FILE *fp = fopen(test_data(name), "rb");
    long size;

    cr_assert_not_null(fp, "cannot open %s", name);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    b.bytes = malloc((size_t)size + 1);
    cr_assert_not_null(b.bytes);
    b.len = fread(b.bytes, 1, (size_t)size, fp);
    b.bytes[b.len] = '\0';
    fclose(fp);
    return b;
}

/* ---- format detection -----------------------------------------------------
 */

Test(import, detection_finds_each_format_from_the_validation_files)
{
    static const struct {
        const char *file;
        parley_format format;
    } cases[] = {
        {"bdm/greece_eu_2015.csv", PARLEY_FORMAT_BDM},
        {"bdm/scholz_ec_example.csv", PARLEY_FORMAT_BDM},
        {"ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB},
        {"decide/sample_data.txt", PARLEY_FORMAT_DECIDE},
        {"decide/rex_two_actor_test_input.txt", PARLEY_FORMAT_DECIDE},
        {"deu/deu3.tsv", PARLEY_FORMAT_DEU},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        buffer b = read_fixture(cases[i].file);

        /* by name and content, and by content alone (except BDM, whose
         * content is any CSV: it needs the .csv name or no ':' at all) */
        cr_expect_eq(
            parley_format_detect(test_data(cases[i].file), b.bytes, b.len),
            cases[i].format, "%s", cases[i].file);
        cr_expect_eq(parley_format_detect(NULL, b.bytes, b.len),
                     cases[i].format, "%s without a name", cases[i].file);
        free(b.bytes);
    }
}

Test(import, auto_detection_loads_every_format)
{
    static const char *const files[] = {
        "bdm/greece_eu_2015.csv", "ktab/dummyData_3Dim.csv",
        "decide/sample_data.txt", "deu/deu3.tsv"};
    static const parley_format formats[] = {
        PARLEY_FORMAT_BDM, PARLEY_FORMAT_KTAB, PARLEY_FORMAT_DECIDE,
        PARLEY_FORMAT_DEU};
    size_t i;

    for (i = 0; i < 4; i++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = must_load(ctx, files[i], PARLEY_FORMAT_AUTO);
        parley_scenario_summary sum;

        parley_scenario_summarise(s, &sum);
        cr_expect_eq(sum.format, formats[i], "%s", files[i]);
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
}

/* ---- BDM ------------------------------------------------------------------
 */

/* muratk3n/thirdwave's table of the 2015 EU-Greece debt talks. */
Test(bdm, greece_loads_the_table)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load(ctx, "bdm/greece_eu_2015.csv", PARLEY_FORMAT_BDM);

    cr_assert_eq(parley_scenario_n_actors(s), 11);
    cr_assert_eq(parley_scenario_n_issues(s), 1);
    cr_expect_str_eq(parley_scenario_id(s), "greece_eu_2015");
    cr_expect_str_eq(parley_issue_id(s, 0), "greece_eu_2015");
    expect_stance(s, "Greece", 0, 100, 40, 100);
    expect_stance(s, "USA", 0, 30, 60, 100);
    expect_stance(s, "Juncker", 0, 10, 80, 100);
    expect_stance(s, "Dijsselbloem", 0, 70, 100, 40);
    expect_stance(s, "Spain", 0, 20, 100, 100);
    cr_expect_str_eq(parley_actor_id(s, 0), "Greece", "file order kept");
    cr_expect_str_eq(parley_actor_id(s, 10), "Spain", "file order kept");
    /* the scale is the range of positions */
    cr_expect_eq(parley_issue_scale_min(s, 0), 40);
    cr_expect_eq(parley_issue_scale_max(s, 0), 100);
    cr_expect(isnan(parley_issue_outcome(s, 0)));
    /* the blog's compromise, 740/9 (README, confidence A) */
    cr_expect_float_eq(compromise(s, 0, 0), 740.0 / 9.0, 1e-12);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* Scholz, Calbert & Smith's EC example (jmckib's ExampleActors.csv). */
Test(bdm, scholz_example_loads_exactly)
{
    static const struct {
        const char *id;
        double c, x, s;
    } rows[] = {{"Netherlands", 0.08, 4, 0.8}, {"Belgium", 0.08, 7, 0.4},
                {"Luxembourg", 0.03, 4, 0.2},  {"Germany", 0.16, 4, 0.8},
                {"France", 0.16, 10, 0.6},     {"Italy", 0.16, 10, 0.6},
                {"UK", 0.16, 10, 0.9},         {"Ireland", 0.05, 7, 0.1},
                {"Denmark", 0.05, 4, 1.0},     {"Greece", 0.08, 7, 0.7}};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load(ctx, "bdm/scholz_ec_example.csv", PARLEY_FORMAT_BDM);
    size_t i;

    cr_assert_eq(parley_scenario_n_actors(s), 10);
    for (i = 0; i < 10; i++) {
        cr_expect_str_eq(parley_actor_id(s, i), rows[i].id);
        expect_stance(s, rows[i].id, 0, rows[i].c, rows[i].x, rows[i].s);
    }
    cr_expect_eq(parley_issue_scale_min(s, 0), 4);
    cr_expect_eq(parley_issue_scale_max(s, 0), 10);
    /* the replication's starting mean (README, confidence B) */
    cr_expect_float_eq(compromise(s, 0, 0), 7.389955686853767, 1e-12);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, sultan_mean_matches_the_replication)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load(ctx, "bdm/sultan.csv", PARLEY_FORMAT_BDM);

    cr_assert_eq(parley_scenario_n_actors(s), 17);
    expect_stance(s, "RELIGIOUS LEADERS", 0, 0.95, 13.90, 0.9);
    expect_stance(s, "EUR/JPN", 0, 0.75, 12.85, 0.75);
    cr_expect_eq(parley_issue_scale_min(s, 0), 12.85);
    cr_expect_eq(parley_issue_scale_max(s, 0), 14.25);
    cr_expect_float_eq(compromise(s, 0, 0), 13.619912134884823, 1e-12);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* The Greece table with its columns shuffled, an extra column, upper-case
 * and padded names: the same scenario. */
Test(bdm, column_order_does_not_matter)
{
    static const char permuted[] =
        "SALIENCE, Notes ,position,Stakeholder,clout\n"
        "100,debtor,40,Greece,100\n"
        "100,,60,USA,30\n"
        "100,,70,IMF,20\n"
        "100,,80,Juncker,10\n"
        "80,creditor,100,Germany,100\n"
        "100,,100,France,70\n"
        "40,,100,Dijsselbloem,70\n"
        "40,,100,Tusk,70\n"
        "100,,100,Italy,50\n"
        "70,,100,ECB,20\n"
        "100,,100,Spain,20\n";
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *ref =
        must_load(ctx, "bdm/greece_eu_2015.csv", PARLEY_FORMAT_BDM);
    parley_scenario *s = must_load_text(ctx, permuted, PARLEY_FORMAT_BDM);
    size_t a;

    cr_assert_eq(parley_scenario_n_actors(s), parley_scenario_n_actors(ref));
    for (a = 0; a < parley_scenario_n_actors(ref); a++) {
        cr_expect_str_eq(parley_actor_id(s, a), parley_actor_id(ref, a));
        cr_expect_eq(parley_actor_capability(s, a),
                     parley_actor_capability(ref, a));
        cr_expect_eq(parley_stance_position(s, a, 0),
                     parley_stance_position(ref, a, 0));
        cr_expect_eq(parley_stance_salience(s, a, 0),
                     parley_stance_salience(ref, a, 0));
    }
    parley_scenario_free(s);
    parley_scenario_free(ref);
    parley_ctx_free(ctx);
}

Test(bdm, header_synonyms_and_a_name_column)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load_text(
        ctx, "Name,Power,Pos,Importance\nA,1,2,3\n", PARLEY_FORMAT_BDM);

    expect_stance(s, "A", 0, 1, 2, 3);
    parley_scenario_free(s);
    s = must_load_text(ctx,
                       "Actor,Name,Resources,Position,Salience\n"
                       "US,United States,5,2,3\nRU,Russia,4,1,3\n",
                       PARLEY_FORMAT_BDM);
    expect_stance(s, "US", 0, 5, 2, 3);
    cr_expect_str_eq(parley_actor_name(s, actor(s, "US")), "United States");
    cr_expect_str_eq(parley_actor_name(s, actor(s, "RU")), "Russia");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, quoting_semicolons_bom_and_crlf)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load_text(ctx,
                                        "\xEF\xBB\xBF"
                                        "Actor,Capability,Position,Salience\r\n"
                                        "\"Smith, J.\",1,2,3\r\n"
                                        "\"the \"\"big\"\" one\",4,5,6\r\n"
                                        "Zoë,7,8,9",
                                        PARLEY_FORMAT_BDM);

    cr_assert_eq(parley_scenario_n_actors(s), 3);
    expect_stance(s, "Smith, J.", 0, 1, 2, 3);
    expect_stance(s, "the \"big\" one", 0, 4, 5, 6);
    expect_stance(s, "Zoë", 0, 7, 8, 9);
    parley_scenario_free(s);
    /* ';' between fields and a decimal comma, as spreadsheets write */
    s = must_load_text(ctx,
                       "Actor;Capability;Position;Salience\n"
                       "A;0,5;4;1\nB;0.25;6,5;0,75\n",
                       PARLEY_FORMAT_BDM);
    expect_stance(s, "A", 0, 0.5, 4, 1);
    expect_stance(s, "B", 0, 0.25, 6.5, 0.75);
    parley_scenario_free(s);
    /* tabs */
    s = must_load_text(ctx,
                       "Actor\tCapability\tPosition\tSalience\nA B\t1\t2\t3\n",
                       PARLEY_FORMAT_BDM);
    expect_stance(s, "A B", 0, 1, 2, 3);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, equal_positions_get_a_unit_scale_around_them)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load_text(
        ctx, "Actor,Capability,Position,Salience\nA,1,7,1\nB,2,7,1\n",
        PARLEY_FORMAT_BDM);

    cr_expect_eq(parley_issue_scale_min(s, 0), 6.5);
    cr_expect_eq(parley_issue_scale_max(s, 0), 7.5);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, blank_rows_and_empty_extra_cells_are_ignored)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load_text(ctx,
                       "\n\nActor,Capability,Position,Salience,,\n"
                       ",,,,,\nA,1,2,3,,\n\nB,1,4,3\n,,,\n",
                       PARLEY_FORMAT_BDM);

    cr_expect_eq(parley_scenario_n_actors(s), 2);
    expect_stance(s, "B", 0, 1, 4, 3);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(bdm, every_error_in_a_table_is_reported)
{
    parley_ctx *ctx =
        load_bad("bad/bdm_values.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE, 4);

    expect_diag(ctx, 0, 2, 10,
                "position 'abc' is not a number, expected a number");
    expect_diag(ctx, 1, 3, 6,
                "capability -5 is negative, expected a number >= 0");
    expect_diag(ctx, 2, 4, 12,
                "row has 3 fields, expected 4 like the header (no salience)");
    expect_diag(ctx, 3, 5, 1,
                "duplicate actor 'Alpha' (first on line 2), expected each "
                "actor once");
    {
        /* the first error, with the file name as given */
        const char *want = "bad/bdm_values.csv:2:10: position 'abc' is not "
                           "a number, expected a number";
        const char *msg = parley_ctx_errmsg(ctx);
        size_t lm = strlen(msg), lw = strlen(want);

        cr_expect(lm >= lw && strcmp(msg + lm - lw, want) == 0, "%s", msg);
    }
    parley_ctx_free(ctx);
}

Test(bdm, missing_column_suggests_the_misspelt_one)
{
    parley_ctx *ctx =
        load_bad("bad/bdm_header.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);

    expect_diag(ctx, 0, 1, 18,
                "missing column 'position' (did you mean 'Postion'?), "
                "expected a header naming actor, capability, position and "
                "salience in any order");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Who,Capability,Position\nA,1,2\n", PARLEY_FORMAT_BDM,
                        PARLEY_EPARSE, 2);
    expect_diag(ctx, 0, 1, 1,
                "missing column 'actor', expected a header naming actor, "
                "capability, position and salience in any order");
    expect_diag(ctx, 1, 1, 1,
                "missing column 'salience', expected a header naming actor, "
                "capability, position and salience in any order");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Clout,Power,Position,Salience\nA,1,2,3,4\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 13,
                "second capability column 'Power', expected one column per "
                "role");
    parley_ctx_free(ctx);
}

Test(bdm, empty_files_and_tables)
{
    parley_ctx *ctx =
        load_bad("bad/bdm_empty.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);

    expect_diag(ctx, 0, 1, 1,
                "empty file, expected a header naming actor, capability, "
                "position and salience, then one row per actor");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\n\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 1,
                "no actor rows after the header, expected at least one "
                "actor");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\n,1,2,3\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 1, "missing actor name, expected a name");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\nA,1,,3\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 5, "missing position, expected a number");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\nA,1,2,3,x\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 9, "row has 5 fields, expected 4 like the header");
    parley_ctx_free(ctx);
}

Test(bdm, bytes_that_are_not_text)
{
    parley_ctx *ctx =
        load_bad("bad/bdm_utf8.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    static const char nul[] = "Actor,Capability,Position,Salience\nA\0,1,2,3\n";
    parley_load_options opts;
    parley_scenario *s = NULL;

    expect_diag(ctx, 0, 2, 4,
                "invalid UTF-8 byte 0xE9, expected UTF-8 text (save the file "
                "as UTF-8)");
    parley_ctx_free(ctx);
    ctx = parley_ctx_new(NULL);
    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_BDM;
    cr_expect_eq(parley_scenario_load_buffer(ctx, "nul.csv", nul,
                                             sizeof nul - 1, &opts, &s),
                 PARLEY_EPARSE);
    cr_expect_null(s);
    expect_diag(ctx, 0, 2, 2, "NUL byte, expected text");
    parley_ctx_free(ctx);
}

Test(bdm, quoting_errors_are_reported_and_reading_goes_on)
{
    parley_ctx *ctx =
        load_bad("bad/bdm_quote.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE, 2);

    expect_diag(ctx, 0, 2, 2,
                "quote character \" inside an unquoted field, expected the "
                "whole field in quotes with the inner quote doubled");
    expect_diag(ctx, 1, 3, 5,
                "position 'x' is not a number, expected a number");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\n\"A\"x,1,2,3\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 4,
                "unexpected character after the closing quote of a quoted "
                "field, expected a delimiter or the end of the line (write a "
                "quote inside quotes as \"\")");
    parley_ctx_free(ctx);
    ctx = load_bad_text("Actor,Capability,Position,Salience\n\"A,1,2,3\n",
                        PARLEY_FORMAT_BDM, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 1,
                "quoted field is never closed, expected a closing \"");
    parley_ctx_free(ctx);
}

Test(bdm, limits_name_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_actors = 5;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(
        load_file(ctx, "bdm/greece_eu_2015.csv", PARLEY_FORMAT_BDM, &s),
        PARLEY_ELIMIT);
    cr_expect_null(s);
    expect_diag(ctx, 0, 7, 1,
                "more than 5 actors, expected at most 5 (raise it with "
                "--max-actors)");
    parley_ctx_free(ctx);
}

/* ---- KTAB -----------------------------------------------------------------
 */

/* KTAB's dummyData_3Dim.csv: each number as KTAB's own run printed it on
 * reading the file (20170530_ref-dummyData_3Dim.txt, "pos[i, k]" and
 * "sal[i, k]"); powers from the CSV (the log rounds them to 0.1). */
Test(ktab, dummy_data_loads_exactly)
{
    static const struct {
        const char *id;
        double power, log_power;
        double pos[3], sal[3];
    } rows[] = {
        {"SActor-00",
         102.543,
         102.5,
         {75.79, 6.37, 70.45},
         {49.53, 5.91, 28.15}},
        {"SActor-01",
         53.393,
         53.4,
         {82.72, 73.50, 64.00},
         {30.33, 21.22, 24.79}},
        {"SActor-02",
         129.643,
         129.6,
         {82.45, 90.89, 0.07},
         {48.47, 13.55, 34.62}},
        {"SActor-03",
         75.920,
         75.9,
         {62.52, 50.82, 62.33},
         {20.76, 39.24, 22.21}},
        {"SActor-04",
         63.224,
         63.2,
         {82.34, 45.77, 73.31},
         {40.96, 25.43, 22.59}},
        {"SActor-05",
         120.048,
         120.0,
         {84.48, 33.70, 88.11},
         {22.92, 39.35, 15.42}},
        {"SActor-06",
         54.178,
         54.2,
         {70.96, 33.46, 90.36},
         {31.75, 27.93, 26.03}},
    };
    static const char *const dims[] = {"Pstn1", "Pstn2", "Pstn3"};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load(ctx, "ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB);
    size_t a, k;

    cr_assert_eq(parley_scenario_n_actors(s), 7);
    cr_assert_eq(parley_scenario_n_issues(s), 3);
    cr_expect_str_eq(parley_scenario_id(s), "DummyData_3Dim");
    cr_expect_str_eq(parley_scenario_name(s), "DummyData_3Dim");
    cr_expect_str_eq(s->description, "Dummy scenario to test reading format");
    for (k = 0; k < 3; k++) {
        cr_expect_str_eq(parley_issue_id(s, k), dims[k]);
        cr_expect_eq(parley_issue_scale_min(s, k), 0);
        cr_expect_eq(parley_issue_scale_max(s, k), 100);
    }
    for (a = 0; a < 7; a++) {
        cr_expect_str_eq(parley_actor_id(s, a), rows[a].id);
        cr_expect_str_eq(s->actors[a].note, "Random Spatial Actor");
        cr_expect_float_eq(parley_actor_capability(s, a), rows[a].log_power,
                           0.05, "%s power vs KTAB's log", rows[a].id);
        for (k = 0; k < 3; k++)
            expect_stance(s, rows[a].id, k, rows[a].power, rows[a].pos[k],
                          rows[a].sal[k]);
    }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* KTAB's iteration-1 value matrix, V[i][j] = 1 - sd with
 * sd = sqrt(sum_k (s_ik (x_ik - x_jk) / 100)^2 / sum_k s_ik^2), as KTAB
 * printed it (dummyData_3Dim_reference.json, 3 decimals): the loaded
 * positions and saliences reproduce KTAB's own. */
Test(ktab, loaded_numbers_reproduce_ktabs_value_matrix)
{
    static const double value[7][7] = {
        {1.0, 0.903, 0.639, 0.87, 0.929, 0.882, 0.89},
        {0.675, 1.0, 0.635, 0.825, 0.858, 0.767, 0.746},
        {0.556, 0.636, 1.0, 0.603, 0.573, 0.485, 0.465},
        {0.642, 0.802, 0.57, 1.0, 0.896, 0.8, 0.811},
        {0.805, 0.862, 0.622, 0.839, 1.0, 0.913, 0.872},
        {0.766, 0.665, 0.453, 0.807, 0.89, 1.0, 0.935},
        {0.813, 0.725, 0.422, 0.816, 0.866, 0.913, 1.0}};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load(ctx, "ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB);
    size_t i, j, k;

    for (i = 0; i < 7; i++)
        for (j = 0; j < 7; j++) {
            double num = 0, den = 0;

            for (k = 0; k < 3; k++) {
                double sal = parley_stance_salience(s, i, k);
                double d = sal *
                           (parley_stance_position(s, i, k) -
                            parley_stance_position(s, j, k)) /
                           100;

                num += d * d;
                den += sal * sal;
            }
            cr_expect_float_eq(1 - sqrt(num / den), value[i][j], 5e-4,
                               "V[%zu][%zu]", i, j);
        }
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(ktab, counts_must_agree_with_line_one)
{
    parley_ctx *ctx =
        load_bad("bad/ktab_count.csv", PARLEY_FORMAT_KTAB, PARLEY_EVALID, 3);

    expect_diag(ctx, 0, 3, 18,
                "position 120 (Pstn2) is outside KTAB's 0..100 scale, "
                "expected a number from 0 to 100");
    expect_diag(ctx, 1, 4, 9, "power 'x' is not a number, expected a number");
    expect_diag(ctx, 2, 1, 22,
                "3 actors declared but 2 actor rows found, expected the two "
                "to agree");
    parley_ctx_free(ctx);
    ctx = load_bad_text("S,d,1,1\nActor,Description,Power,P1,S1\n"
                        "A,d,1,2,3\nB,d,1,2,3\nC,d,1,2,3\n",
                        PARLEY_FORMAT_KTAB, PARLEY_EVALID, 1);
    expect_diag(ctx, 0, 4, 1,
                "more actor rows than the 1 declared on line 1, expected 1");
    parley_ctx_free(ctx);
}

Test(ktab, first_lines_must_declare_the_shape)
{
    parley_ctx *ctx =
        load_bad("bad/ktab_header.csv", PARLEY_FORMAT_KTAB, PARLEY_EPARSE, 1);

    expect_diag(ctx, 0, 2, 1,
                "header has 5 columns, expected 7: Actor, Description, Power "
                "and a position and salience for each of the 2 dimensions "
                "declared on line 1");
    parley_ctx_free(ctx);
    ctx = load_bad_text("S,d,x,0\n", PARLEY_FORMAT_KTAB, PARLEY_EPARSE, 2);
    expect_diag(ctx, 0, 1, 5,
                "number of actors 'x' is not a whole number, expected a "
                "count");
    expect_diag(ctx, 1, 1, 7, "number of dimensions is 0, expected at least 1");
    parley_ctx_free(ctx);
    ctx = load_bad_text("S,d,1\n", PARLEY_FORMAT_KTAB, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 1,
                "first line has 3 fields, expected 4: scenario name, "
                "description, number of actors, number of dimensions");
    parley_ctx_free(ctx);
    ctx = load_bad_text("S,d,1,1\n", PARLEY_FORMAT_KTAB, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 1,
                "no header line, expected Actor,Description,Power,Pstn1,"
                "Sal1,... on line 2");
    parley_ctx_free(ctx);
    ctx = load_bad_text("S,d,1,1\nA,d,1,2,3\n", PARLEY_FORMAT_KTAB,
                        PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 5,
                "found a number where the header should be, expected Actor,"
                "Description,Power,Pstn1,Sal1,... on line 2");
    parley_ctx_free(ctx);
    ctx = load_bad_text("", PARLEY_FORMAT_KTAB, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 1,
                "empty file, expected a KTAB scenario: name, description, "
                "number of actors and of dimensions on line 1");
    parley_ctx_free(ctx);
}

Test(ktab, row_errors)
{
    parley_ctx *ctx =
        load_bad_text("S,d,5,1\nActor,Description,Power,P1,S1\n"
                      "A,d,-1,2,3\n,d,1,2\n,d,1,2,3\nB,d,1,2,3\nB,d,1,2,3\n",
                      PARLEY_FORMAT_KTAB, PARLEY_EVALID, 4);

    expect_diag(ctx, 0, 3, 5, "power -1 is negative, expected a number >= 0");
    expect_diag(ctx, 1, 4, 7,
                "actor row has 4 fields, expected 5: name, description, "
                "power and a position and salience for each of 1 dimensions");
    expect_diag(ctx, 2, 5, 1, "missing actor name, expected a name");
    expect_diag(ctx, 3, 7, 1,
                "duplicate actor 'B' (first on line 6), expected each actor "
                "once");
    parley_ctx_free(ctx);
}

Test(ktab, dimension_names_must_differ)
{
    parley_ctx *ctx =
        load_bad_text("S,d,1,3\nActor,Description,Power,P,S,,S,P,S\n"
                      "A,d,1,2,3,4,5,6,7\n",
                      PARLEY_FORMAT_KTAB, PARLEY_EVALID, 1);

    expect_diag(ctx, 0, 2, 32,
                "dimension 'P' named twice (first in column 4), expected "
                "distinct position column names");
    parley_ctx_free(ctx);
    /* an unnamed dimension is called dim<k> */
    ctx = parley_ctx_new(NULL);
    {
        parley_scenario *s = must_load_text(
            ctx, "S,d,1,2\nActor,Description,Power,P,S,,S\nA,d,1,2,3,4,5\n",
            PARLEY_FORMAT_KTAB);

        cr_expect_str_eq(parley_issue_id(s, 1), "dim2");
        parley_scenario_free(s);
    }
    parley_ctx_free(ctx);
}

Test(ktab, limits_name_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_issues = 2;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(
        load_file(ctx, "ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB, &s),
        PARLEY_ELIMIT);
    cr_expect_null(s);
    expect_diag(ctx, 0, 1, 59,
                "3 dimensions declared, expected at most 2 (raise it with "
                "--max-issues)");
    parley_ctx_free(ctx);
    ctx = parley_ctx_new(NULL);
    lim = *parley_ctx_limits(ctx);
    lim.max_actors = 6;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(
        load_file(ctx, "ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB, &s),
        PARLEY_ELIMIT);
    expect_diag(ctx, 0, 1, 57,
                "7 actors declared, expected at most 6 (raise it with "
                "--max-actors)");
    parley_ctx_free(ctx);
}

/* ---- decide ---------------------------------------------------------------
 */

/* decide-exchange-model's sample_data.txt (the Dutch toll road). */
Test(decide, sample_data_loads)
{
    static const char *const issues[] = {
        "tolheffing-binnenstad", "tol-hoogte",        "wanneer-tol",
        "woonwerkverkeer",       "extra-investering", "kleine-of-grote-ring"};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s =
        must_load(ctx, "decide/sample_data.txt", PARLEY_FORMAT_DECIDE);
    parley_scenario_summary sum;
    size_t k;

    cr_assert_eq(parley_scenario_n_actors(s), 10);
    cr_assert_eq(parley_scenario_n_issues(s), 6);
    for (k = 0; k < 6; k++)
        cr_expect_str_eq(parley_issue_id(s, k), issues[k]);
    parley_scenario_summarise(s, &sum);
    cr_expect_eq(sum.stances, 60);
    cr_expect_str_eq(parley_actor_id(s, 0), "Willems");
    cr_expect_str_eq(parley_actor_id(s, 9), "Wcentr");
    cr_expect_str_eq(s->actors[0].note, "Test");
    cr_expect_null(s->actors[1].note, "an empty comment is no note");
    expect_stance(s, "Willems", issue(s, "tol-hoogte"), 1.0, 3.0, 0.7);
    expect_stance(s, "GL", issue(s, "extra-investering"), 0.6, 50.0, 0.4);
    expect_stance(s, "Wcentr", issue(s, "tol-hoogte"), 0.9, 0.5, 0.8);
    expect_stance(s, "VVDs", issue(s, "kleine-of-grote-ring"), 0.5, 0.0, 0.7);
    /* #M rows give the scale; without labels they make no anchors */
    cr_expect_eq(parley_issue_scale_min(s, 1), 0.5);
    cr_expect_eq(parley_issue_scale_max(s, 1), 7);
    cr_expect_eq(parley_issue_scale_min(s, 0), 0);
    cr_expect_eq(parley_issue_scale_max(s, 0), 100);
    cr_expect_eq(s->issues[1].n_anchors, 0);
    cr_expect_str_eq(s->issues[2].description, "Wat is dit voor onzin?");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

/* test_rex.py's two actors: its Nash bargaining solutions are the
 * compromises 85 + 5/7 and 35 + 5/7 (README, confidence A). */
Test(decide, rex_fixture_reproduces_the_nbs)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load(ctx, "decide/rex_two_actor_test_input.txt",
                                   PARLEY_FORMAT_DECIDE);

    cr_assert_eq(parley_scenario_n_actors(s), 2);
    cr_assert_eq(parley_scenario_n_issues(s), 2);
    expect_stance(s, "Actor-1", 0, 1, 0, 10);
    expect_stance(s, "Actor-2", 1, 1, 100, 50);
    cr_expect_float_eq(compromise(s, 0, 0), 85 + 5.0 / 7, 1e-12);
    cr_expect_float_eq(compromise(s, 1, 0), 35 + 5.0 / 7, 1e-12);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(decide, other_dialects_anchors_comments_and_mean_power)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load_text(
        ctx,
        "#/ a comment with an apostrophe: it's fine\n"
        "#A;a;Actor A;\n#A;b;Actor B\n"
        "#P;x;Issue X;about x\n#P;y\n"
        "#M;x;0;nothing\n#M;y;0;low\n#M;x;10;all\n#M;x;5\n#M;y;100;high\n"
        "#0 another comment\n"
        "#D;a;x;2,5;0,5;0,2\n#D;a;y;60;0,5;0,6\n#D;b;x;10;1;1\n",
        PARLEY_FORMAT_DECIDE);

    cr_assert_eq(parley_scenario_n_actors(s), 2);
    cr_assert_eq(parley_scenario_n_issues(s), 2);
    cr_expect_str_eq(parley_actor_name(s, 0), "Actor A");
    cr_expect_str_eq(parley_issue_name(s, 0), "Issue X");
    cr_expect_str_eq(parley_issue_name(s, 1), "y", "no name: the key");
    /* powers 0.2 and 0.6: the scenario keeps their mean */
    cr_expect_float_eq(parley_actor_capability(s, 0), 0.4, 1e-15);
    cr_expect_eq(parley_stance_position(s, 0, 0), 2.5);
    cr_expect_eq(parley_stance_present(s, 1, 1), 0);
    cr_expect_eq(parley_issue_scale_min(s, 0), 0);
    cr_expect_eq(parley_issue_scale_max(s, 0), 10);
    cr_expect_eq(parley_issue_scale_max(s, 1), 100);
    cr_expect_eq(s->issues[0].n_anchors, 2, "labelled #M rows only");
    cr_expect_str_eq(s->issues[0].anchors[0].label, "nothing", "file order");
    cr_expect_str_eq(s->issues[0].anchors[1].label, "all", "file order");
    cr_assert_eq(s->issues[1].n_anchors, 2);
    cr_expect_str_eq(s->issues[1].anchors[0].label, "low");
    cr_expect_eq(s->issues[1].anchors[1].value, 100);
    cr_expect_str_eq(parley_issue_nearest_label(s, 0, 7), "all");
    cr_expect_str_eq(parley_issue_nearest_label(s, 0, 2), "nothing");
    parley_scenario_free(s);
    /* unquoted tabs; #D before #A and #P */
    s = must_load_text(ctx, "#D\tb\tx\t1\t1\t1\n#A\tb\tB\n#P\tx\tX\n",
                       PARLEY_FORMAT_DECIDE);
    expect_stance(s, "b", 0, 1, 1, 1);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(decide, every_error_is_reported)
{
    parley_ctx *ctx =
        load_bad("bad/decide_bad.txt", PARLEY_FORMAT_DECIDE, PARLEY_EPARSE, 7);

    /* pass 1 (#A, #P, unknown kinds), pass 2 (#M, #D), then the scales */
    expect_diag(ctx, 0, 9, 1,
                "unknown row kind '#X', expected #A, #P, #M, #D or a comment "
                "(#/ or #0)");
    expect_diag(ctx, 1, 6, 6,
                "unknown actor 'Alcie' (did you mean 'Alice'?), expected a "
                "key defined by a #A row");
    expect_diag(ctx, 2, 7, 18,
                "position 'abc' is not a number, expected a number");
    expect_diag(ctx, 3, 8, 24,
                "#D row has 5 fields, expected 6: #D, actor, issue, "
                "position, salience, power");
    expect_diag(ctx, 4, 11, 6,
                "second #D row for actor 'Alice' on issue 'tax' (first on "
                "line 10), expected one per actor and issue");
    expect_diag(ctx, 5, 12, 21,
                "salience -1 is negative, expected a number >= 0");
    expect_diag(ctx, 6, 10, 20,
                "position 80 of 'Alice' is outside the scale [0, 50] of "
                "issue 'tax', expected a position between its #M points");
    parley_ctx_free(ctx);
}

Test(decide, definitions_and_scales)
{
    parley_ctx *ctx = load_bad_text(
        "#A\ta\n#A\ta\n#P\ttax\n#P\ttax\n#P\tbudget\n#M\tbudget\t5\n"
        "#M\tzzz\t1\n#D\ta\tbudget\t5\t1\t1\n#D\ta\ttaxx\t5\t1\t1\n"
        "#D\ta\ttax\t101\t1\t1\n",
        PARLEY_FORMAT_DECIDE, PARLEY_EVALID, 6);

    expect_diag(ctx, 0, 2, 4,
                "duplicate actor 'a' (first on line 1), expected each #A key "
                "once");
    expect_diag(ctx, 1, 4, 4,
                "duplicate issue 'tax' (first on line 3), expected each #P "
                "key once");
    expect_diag(ctx, 2, 7, 4,
                "unknown issue 'zzz', expected a key defined by a #P row");
    expect_diag(ctx, 3, 9, 6,
                "unknown issue 'taxx' (did you mean 'tax'?), expected a key "
                "defined by a #P row");
    expect_diag(ctx, 4, 6, 1,
                "issue 'budget' has a single scale point 5, expected #M rows "
                "for its lowest and highest positions");
    expect_diag(ctx, 5, 10, 10,
                "position 101 of 'a' is outside the scale [0, 100] of issue "
                "'tax', expected a position from 0 to 100 (the scale without "
                "#M rows)");
    parley_ctx_free(ctx);
    ctx = load_bad_text("#/ only a comment\n#P\tx\n", PARLEY_FORMAT_DECIDE,
                        PARLEY_EVALID, 1);
    expect_diag(ctx, 0, 3, 1, "no #A (actor) rows, expected at least one");
    parley_ctx_free(ctx);
    ctx = load_bad_text("", PARLEY_FORMAT_DECIDE, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 1, "empty file, expected #A, #P and #D rows");
    parley_ctx_free(ctx);
    ctx = load_bad_text("#A\n#A\tb\n#P\tx\n#M\tx\n", PARLEY_FORMAT_DECIDE,
                        PARLEY_EPARSE, 2);
    expect_diag(ctx, 0, 1, 3,
                "#A row has 1 fields, expected 2: #A, key, name, comment");
    expect_diag(ctx, 1, 4, 5,
                "#M row has 2 fields, expected 3: #M, issue, position, "
                "meaning");
    parley_ctx_free(ctx);
}

/* A few rows can name many actors and issues: the actors x issues stance
 * matrix has its own limit. */
Test(decide, stance_matrix_limit)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_stances = 8;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(load_text(ctx, "m.txt",
                           "#A\ta\n#A\tb\n#A\tc\n#P\tx\n#P\ty\n#P\tz\n",
                           PARLEY_FORMAT_DECIDE, &s),
                 PARLEY_ELIMIT);
    cr_expect_null(s);
    cr_expect_str_eq(parley_ctx_errmsg(ctx),
                     "m.txt: 3 actors x 3 issues exceed the limit of 8 "
                     "actor-issue cells, expected fewer (raise it with "
                     "--max-stances)");
    parley_ctx_free(ctx);
}

Test(decide, limits_name_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_issues = 5;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(
        load_file(ctx, "decide/sample_data.txt", PARLEY_FORMAT_DECIDE, &s),
        PARLEY_ELIMIT);
    cr_expect_null(s);
    expect_diag(ctx, 0, 26, 1,
                "more than 5 issues, expected at most 5 (raise it with "
                "--max-issues)");
    parley_ctx_free(ctx);
}

/* ---- DEU ------------------------------------------------------------------
 */

/* The reference figures below were counted from deu3.tsv with Python's csv
 * module (an independent parser), see tests/data/SOURCES.md. */
Test(deu, deu3_loads_every_issue)
{
    static const char *const codes[] = {
        "com", "ep", "at", "be", "bu", "cr", "cy", "cz", "dk", "ee",
        "fi",  "fr", "de", "el", "hu", "ie", "it", "lv", "lt", "lu",
        "mt",  "nl", "pl", "pt", "ro", "si", "sk", "es", "se", "uk"};
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_scenario *s = must_load(ctx, "deu/deu3.tsv", PARLEY_FORMAT_DEU);
    parley_scenario_summary sum;
    size_t a, last;

    cr_assert_eq(parley_scenario_n_actors(s), 30);
    cr_assert_eq(parley_scenario_n_issues(s), 364);
    for (a = 0; a < 30; a++)
        cr_expect_str_eq(parley_actor_id(s, a), codes[a]);
    cr_expect_str_eq(parley_actor_name(s, 0), "European Commission");
    cr_expect_str_eq(parley_actor_name(s, actor(s, "de")), "Germany");
    /* capabilities: the GDP line */
    cr_expect_eq(parley_actor_capability(s, actor(s, "com")), 4.1);
    cr_expect_eq(parley_actor_capability(s, actor(s, "mt")), 0.02);
    cr_expect_eq(parley_actor_capability(s, actor(s, "uk")), 2.64);
    /* the first issue */
    cr_expect_str_eq(parley_issue_id(s, 0), "d00032i1");
    cr_expect_str_eq(parley_issue_name(s, 0), "documents");
    cr_expect_eq(parley_issue_outcome(s, 0), 100);
    cr_expect_eq(s->issues[0].reference_point, 0);
    cr_expect(isnan(s->issues[0].status_quo));
    cr_expect_eq(parley_issue_scale_min(s, 0), 0);
    cr_expect_eq(parley_issue_scale_max(s, 0), 100);
    expect_stance(s, "com", 0, 4.1, 100, 50);
    expect_stance(s, "at", 0, 0.48, 40, 40);
    cr_expect_eq(parley_stance_present(s, actor(s, "bu"), 0), 0);
    /* the last issue: no reference point */
    last = parley_scenario_n_issues(s) - 1;
    cr_expect_str_eq(parley_issue_id(s, last), "d180104i2");
    cr_expect_eq(parley_issue_outcome(s, last), 50);
    cr_expect(isnan(s->issues[last].reference_point));
    parley_scenario_summarise(s, &sum);
    cr_expect_eq(sum.outcomes, 353, "issues with an outcome");
    cr_expect_eq(sum.stances, 7155, "cells with position and salience");
    cr_expect_float_eq(compromise(s, 0, 0), 53.41645885286783, 1e-12);
    cr_expect_float_eq(compromise(s, 0, 1), 60.5, 1e-12);
    parley_scenario_free(s);
    parley_ctx_free(ctx);
}

Test(deu, equal_capability_sets_every_actor_to_one)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_load_options opts;
    parley_scenario *s = NULL;
    size_t a;

    parley_load_options_set_default(&opts);
    opts.format = PARLEY_FORMAT_DEU;
    opts.deu_equal_capability = 1;
    cr_assert_eq(
        parley_scenario_load(ctx, test_data("deu/deu3.tsv"), &opts, &s),
        PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_assert_eq(parley_scenario_n_issues(s), 364);
    for (a = 0; a < 30; a++)
        cr_expect_eq(parley_actor_capability(s, a), 1);
    parley_scenario_free(s);
    /* without a capability line it loads only with equal capabilities */
    cr_assert_eq(load_text(ctx, "x.tsv", "isnr\tpa\tsa\ni1\t10\t20\n",
                           PARLEY_FORMAT_DEU, &s),
                 PARLEY_EPARSE);
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_scenario_load_buffer(
                     ctx, "x.tsv", "isnr\tpa\tsa\ni1\t10\t20\n",
                     strlen("isnr\tpa\tsa\ni1\t10\t20\n"), &opts, &s),
                 PARLEY_OK, "%s", parley_ctx_errmsg(ctx));
    cr_expect_eq(parley_actor_capability(s, 0), 1);
    cr_expect(isnan(parley_issue_outcome(s, 0)), "no out column");
    parley_scenario_free(s);
    parley_ctx_free(ctx);
    ctx = load_bad_text("isnr\tpa\tsa\ni1\t10\t20\n", PARLEY_FORMAT_DEU,
                        PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 2, 1,
                "no capability (GDP) line before the first issue, expected a "
                "line with a figure in each actor's position column (or load "
                "with --equal-capability)");
    parley_ctx_free(ctx);
}

Test(deu, every_error_is_reported)
{
    parley_ctx *ctx =
        load_bad("bad/deu_bad.tsv", PARLEY_FORMAT_DEU, PARLEY_EPARSE, 5);

    expect_diag(ctx, 0, 2, 9,
                "capability of ep 'x' is not a number, expected a number");
    expect_diag(ctx, 1, 3, 15,
                "position of ep 'abc' is not a number, expected a number or "
                "a blank cell");
    expect_diag(ctx, 2, 4, 21,
                "salience of ep 150 is outside DEU's 0..100 scale, expected "
                "a number from 0 to 100");
    expect_diag(ctx, 3, 5, 16, "row has 3 fields, expected 8 like the header");
    expect_diag(ctx, 4, 6, 1,
                "duplicate issue 'i1' (first on line 3), expected each issue "
                "once");
    parley_ctx_free(ctx);
}

Test(deu, header_problems)
{
    parley_ctx *ctx = load_bad_text("isn\tpa\tsa\n\t1\t\ni1\t1\t1\n",
                                    PARLEY_FORMAT_DEU, PARLEY_EPARSE, 1);

    expect_diag(ctx, 0, 1, 1,
                "missing column 'isnr' (did you mean 'isn'?), expected the "
                "issue id column");
    parley_ctx_free(ctx);
    ctx = load_bad_text("isnr\tpa\tsb\n", PARLEY_FORMAT_DEU, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 1,
                "no actor columns, expected pairs of p<actor> and s<actor> "
                "columns such as pcom and scom");
    parley_ctx_free(ctx);
    ctx = load_bad_text("isnr\tpa\tsa\n\t1\t\n", PARLEY_FORMAT_DEU,
                        PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 3, 1,
                "no issue rows, expected one row per issue after the header "
                "and the capability line");
    parley_ctx_free(ctx);
    ctx = load_bad_text("isnr\tpa\tsa\n\t\t\ni1\t1\t1\n", PARLEY_FORMAT_DEU,
                        PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 3, 1,
                "no capability (GDP) line before the first issue, expected a "
                "line with a figure in each actor's position column (or load "
                "with --equal-capability)");
    parley_ctx_free(ctx);
    ctx = load_bad_text("isnr\tpa\tsa\n\t-1\t\ni1\t1\t1\n", PARLEY_FORMAT_DEU,
                        PARLEY_EVALID, 1);
    expect_diag(ctx, 0, 2, 2,
                "capability of a -1 is negative, expected a number >= 0");
    parley_ctx_free(ctx);
    ctx = load_bad_text("", PARLEY_FORMAT_DEU, PARLEY_EPARSE, 1);
    expect_diag(ctx, 0, 1, 1,
                "empty file, expected a DEU header (isnr, p<actor>, s<actor>, "
                "rp, out)");
    parley_ctx_free(ctx);
}

Test(deu, limits_name_the_option)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim = *parley_ctx_limits(ctx);
    parley_scenario *s = NULL;

    lim.max_issues = 100;
    parley_ctx_set_limits(ctx, &lim);
    cr_expect_eq(load_file(ctx, "deu/deu3.tsv", PARLEY_FORMAT_DEU, &s),
                 PARLEY_ELIMIT);
    cr_expect_null(s);
    expect_diag(ctx, 0, 103, 1,
                "more than 100 issues, expected at most 100 (raise it with "
                "--max-issues)");
    parley_ctx_free(ctx);
}

/* ---- allocation failure ---------------------------------------------------
 */

typedef struct sweep {
    buffer b;
    parley_format format;
    int equal;
} sweep;

static parley_status load_buffer_body(parley_ctx *ctx, void *user)
{
    const sweep *w = user;
    parley_load_options opts;
    parley_scenario *s = NULL;
    parley_status st;

    parley_load_options_set_default(&opts);
    opts.format = w->format;
    opts.deu_equal_capability = w->equal;
    st = parley_scenario_load_buffer(ctx, "sweep", w->b.bytes, w->b.len, &opts,
                                     &s);
    if (st != PARLEY_OK)
        cr_assert_null(s, "a scenario was returned on failure");
    parley_scenario_free(s);
    return st;
}

static long sweep_file(const char *name, parley_format format, int equal)
{
    sweep w;
    long n;

    w.b = read_fixture(name);
    w.format = format;
    w.equal = equal;
    n = test_alloc_failures(load_buffer_body, &w);
    free(w.b.bytes);
    return n;
}

Test(alloc, bdm_never_leaks)
{
    cr_expect_gt(sweep_file("bdm/greece_eu_2015.csv", PARLEY_FORMAT_BDM, 0),
                 20);
}

Test(alloc, ktab_never_leaks)
{
    cr_expect_gt(sweep_file("ktab/dummyData_3Dim.csv", PARLEY_FORMAT_KTAB, 0),
                 20);
}

Test(alloc, decide_never_leaks)
{
    cr_expect_gt(sweep_file("decide/sample_data.txt", PARLEY_FORMAT_DECIDE, 0),
                 20);
}

Test(alloc, deu_never_leaks)
{
    sweep w;
    size_t lines = 0;

    /* the header, the GDP line and the first three issues of deu3.tsv */
    w.b = read_fixture("deu/deu3.tsv");
    for (w.b.len = 0; lines < 5; w.b.len++)
        lines += w.b.bytes[w.b.len] == '\n';
    w.format = PARLEY_FORMAT_DEU;
    w.equal = 0;
    cr_expect_gt(test_alloc_failures(load_buffer_body, &w), 20);
    w.equal = 1;
    cr_expect_gt(test_alloc_failures(load_buffer_body, &w), 20);
    free(w.b.bytes);
}

/* A bad file under allocation failure: nothing leaks, and the status is
 * ENOMEM or, when only a diagnostic could not be stored, the file's own. */
static void sweep_bad(const char *name, parley_format format, parley_status own)
{
    sweep w;
    long n;

    w.b = read_fixture(name);
    w.format = format;
    w.equal = 0;
    for (n = 1; n < 100000; n++) {
        test_alloc st = {0, 0, 0, 0};
        parley_allocator a;
        parley_ctx *ctx;
        parley_status status;

        st.fail_at = n;
        a = test_allocator(&st);
        ctx = parley_ctx_new(&a);
        if (!ctx)
            continue;
        status = load_buffer_body(ctx, &w);
        parley_ctx_free(ctx);
        cr_assert_eq(st.live, 0, "%s: leak when allocation %ld failed", name,
                     n);
        cr_assert_eq(st.live_bytes, 0, "%s: size mismatch at allocation %ld",
                     name, n);
        if (st.count < n) {
            cr_assert_eq(status, own, "%s", name);
            break;
        }
        cr_assert(status == PARLEY_ENOMEM || status == own,
                  "%s: allocation %ld failed: %s", name, n,
                  parley_strerror(status));
    }
    cr_expect_lt(n, 100000);
    cr_expect_gt(n, 10, "%s: only %ld allocations", name, n);
    free(w.b.bytes);
}

Test(alloc, bad_files_never_leak)
{
    sweep_bad("bad/bdm_values.csv", PARLEY_FORMAT_BDM, PARLEY_EPARSE);
    sweep_bad("bad/ktab_count.csv", PARLEY_FORMAT_KTAB, PARLEY_EVALID);
    sweep_bad("bad/decide_bad.txt", PARLEY_FORMAT_DECIDE, PARLEY_EPARSE);
    sweep_bad("bad/deu_bad.tsv", PARLEY_FORMAT_DEU, PARLEY_EPARSE);
}
