/*
 * test_core.c -- context, diagnostics, limits, allocator hook, rng, UTF-8,
 * number parsing, suggestions, file reading and the JSON emitter.
 */
#include "core/core.h"
#include "report/json.h"
#include "report/sink.h"
#include "support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

Test(core, strerror_answers_every_value)
{
    int s;

    for (s = 0; s <= 9; s++)
        cr_assert_neq(strcmp(parley_strerror((parley_status)s),
                             "unknown status"),
                      0, "status %d has no description", s);
    cr_assert_str_eq(parley_strerror((parley_status)12345), "unknown status");
    cr_assert_str_eq(parley_strerror(PARLEY_OK), "success");
}

Test(core, context_records_first_error_and_all_diagnostics)
{
    parley_ctx *ctx = parley_ctx_new(NULL);

    cr_assert_not_null(ctx);
    cr_assert_str_eq(parley_ctx_errmsg(ctx), "");
    parley_i_error(ctx, PARLEY_EVALID, "a.yaml", 3, 7, "first %d", 1);
    parley_i_error(ctx, PARLEY_EVALID, "a.yaml", 9, 0, "second");
    parley_i_error(ctx, PARLEY_EIO, NULL, 0, 0, "third");
    cr_assert_str_eq(parley_ctx_errmsg(ctx), "a.yaml:3:7: first 1");
    cr_assert_eq(parley_ctx_ndiag(ctx), 3);
    cr_assert_eq(parley_ctx_diag(ctx, 1)->line, 9);
    cr_assert_eq(parley_ctx_diag(ctx, 1)->col, 1, "col 0 with a line -> 1");
    cr_assert_null(parley_ctx_diag(ctx, 2)->file);
    cr_assert_null(parley_ctx_diag(ctx, 3));
    parley_ctx_clear(ctx);
    cr_assert_eq(parley_ctx_ndiag(ctx), 0);
    cr_assert_str_eq(parley_ctx_errmsg(ctx), "");
    parley_ctx_free(ctx);
    parley_ctx_free(NULL);
}

Test(core, diagnostics_limit_counts_dropped)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim;
    int i;

    parley_limits_set_default(&lim);
    lim.max_diagnostics = 2;
    parley_ctx_set_limits(ctx, &lim);
    for (i = 0; i < 5; i++)
        parley_i_error(ctx, PARLEY_EVALID, "f", (unsigned)i + 1, 1, "e%d", i);
    cr_assert_eq(parley_ctx_ndiag(ctx), 2);
    cr_assert_eq(parley_ctx_ndiag_dropped(ctx), 3);
    cr_assert_eq(parley_ctx_limits(ctx)->max_diagnostics, 2);
    parley_ctx_free(ctx);
}

Test(core, allocator_hook_sees_every_allocation)
{
    test_alloc st = {0, 0, 0, 0};
    parley_allocator a = test_allocator(&st);
    parley_ctx *ctx = parley_ctx_new(&a);
    char *copy;

    cr_assert_not_null(ctx);
    copy = parley_i_strdup(ctx, "hello");
    cr_assert_str_eq(copy, "hello");
    parley_i_error(ctx, PARLEY_EVALID, "x", 1, 1, "boom");
    parley_i_strfree(ctx, copy);
    parley_ctx_free(ctx);
    cr_assert_eq(st.live, 0);
    cr_assert_eq(st.live_bytes, 0);
    cr_assert_geq(st.count, 4);
}

Test(core, incomplete_allocator_is_refused)
{
    parley_allocator a;

    memset(&a, 0, sizeof a);
    cr_assert_null(parley_ctx_new(&a));
}

Test(core, diagnostic_survives_allocation_failure)
{
    /* fail the allocations an error report makes: the error message must
     * still be set, the diagnostic counted as dropped, nothing leaked */
    long n;

    for (n = 2; n <= 5; n++) {
        test_alloc st = {0, 0, 0, 0};
        parley_allocator a = test_allocator(&st);
        parley_ctx *ctx = parley_ctx_new(&a);

        st.fail_at = n;
        cr_assert_eq(parley_i_error(ctx, PARLEY_EVALID, "f", 2, 3, "msg"),
                     PARLEY_EVALID);
        cr_assert_str_eq(parley_ctx_errmsg(ctx), "f:2:3: msg");
        cr_assert_eq(parley_ctx_ndiag(ctx) + parley_ctx_ndiag_dropped(ctx),
                     1);
        parley_ctx_free(ctx);
        cr_assert_eq(st.live, 0, "leak when allocation %ld failed", n);
    }
}

Test(core, nomem_sets_message)
{
    parley_ctx *ctx = parley_ctx_new(NULL);

    cr_assert_eq(parley_i_nomem(ctx), PARLEY_ENOMEM);
    cr_assert_str_eq(parley_ctx_errmsg(ctx), "out of memory");
    parley_ctx_free(ctx);
}

/* xoshiro256** reference vector (Blackman & Vigna's xoshiro256starstar.c
 * from the state {1, 2, 3, 4}): 11520, 0, 1509978240, 1215971899390074240. */
Test(rng, xoshiro_reference_vector)
{
    parley_rng rng;

    rng.s[0] = 1, rng.s[1] = 2, rng.s[2] = 3, rng.s[3] = 4;
    cr_assert_eq(parley_rng_next(&rng), 11520ULL);
    cr_assert_eq(parley_rng_next(&rng), 0ULL);
    cr_assert_eq(parley_rng_next(&rng), 1509978240ULL);
    cr_assert_eq(parley_rng_next(&rng), 1215971899390074240ULL);
}

Test(rng, streams_are_reproducible_and_distinct)
{
    parley_rng a, b, c;
    int i, same = 0;

    parley_rng_seed(&a, 42, 7);
    parley_rng_seed(&b, 42, 7);
    parley_rng_seed(&c, 42, 8);
    for (i = 0; i < 100; i++) {
        uint64_t x = parley_rng_next(&a);

        cr_assert_eq(x, parley_rng_next(&b));
        same += x == parley_rng_next(&c);
    }
    cr_assert_eq(same, 0);
}

Test(rng, uniform_normal_triangular_moments)
{
    parley_rng rng;
    const int n = 200000;
    double su = 0, sn = 0, sn2 = 0, st = 0, lo = 1e300, hi = -1e300;
    int i;

    parley_rng_seed(&rng, 1, 0);
    for (i = 0; i < n; i++) {
        double u = parley_rng_uniform(&rng);
        double z = parley_rng_normal(&rng);
        double t = parley_rng_triangular(&rng, 10, 20, 60);

        cr_assert(u >= 0 && u < 1);
        su += u;
        sn += z;
        sn2 += z * z;
        st += t;
        lo = t < lo ? t : lo;
        hi = t > hi ? t : hi;
    }
    /* standard errors: uniform 0.29/sqrt(n) = 6.5e-4; normal 2.2e-3;
     * triangular sd 10.8 -> 0.024; the bounds are 5 standard errors */
    cr_assert(fabs(su / n - 0.5) < 5 * 6.5e-4, "uniform mean %g", su / n);
    cr_assert(fabs(sn / n) < 5 * 2.3e-3, "normal mean %g", sn / n);
    cr_assert(fabs(sn2 / n - 1) < 5 * 3.2e-3, "normal var %g", sn2 / n);
    cr_assert(fabs(st / n - 30) < 5 * 0.025, "triangular mean %g", st / n);
    cr_assert(lo >= 10 && hi <= 60);
    cr_assert_eq(parley_rng_triangular(&rng, 5, 5, 5), 5);
}

Test(util, utf8_validation)
{
    size_t bad = 99;

    cr_assert(parley_i_utf8_valid("plain", 5, &bad));
    cr_assert(parley_i_utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
                                  &bad));
    cr_assert_not(parley_i_utf8_valid("ab\xc3", 3, &bad));
    cr_assert_eq(bad, 2);
    cr_assert_not(parley_i_utf8_valid("\xc0\xaf", 2, &bad), "overlong");
    cr_assert_not(parley_i_utf8_valid("\xed\xa0\x80", 3, &bad), "surrogate");
    cr_assert_not(parley_i_utf8_valid("x\xff", 2, &bad));
    cr_assert_eq(bad, 1);
    cr_assert_not(parley_i_utf8_valid("\xf4\x90\x80\x80", 4, &bad),
                  "above U+10FFFF");
}

Test(util, number_parsing_is_strict)
{
    double d;
    long l;

    cr_assert(parley_i_parse_double("3.25", &d));
    cr_assert_eq(d, 3.25);
    cr_assert(parley_i_parse_double(" -1e3 ", &d));
    cr_assert_eq(d, -1000);
    cr_assert_not(parley_i_parse_double("3x", &d));
    cr_assert_not(parley_i_parse_double("", &d));
    cr_assert_not(parley_i_parse_double("nan", &d));
    cr_assert_not(parley_i_parse_double("1e999", &d));
    cr_assert(parley_i_parse_long("42", &l));
    cr_assert_eq(l, 42);
    cr_assert_not(parley_i_parse_long("4.2", &l));
}

Test(util, suggestions)
{
    const char *keys[] = {"position", "salience", "range", "note"};

    cr_assert_str_eq(parley_i_suggest("salence", keys, 4), "salience");
    cr_assert_str_eq(parley_i_suggest("positon", keys, 4), "position");
    cr_assert_null(parley_i_suggest("capability", keys, 4));
    cr_assert_eq(parley_i_levenshtein("kitten", "sitting"), 3);
}

Test(util, read_file_errors)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_limits lim;
    char *bytes;
    size_t len;

    cr_assert_eq(parley_i_read_file(ctx, "/nonexistent/x.yaml", &bytes, &len),
                 PARLEY_EIO);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "/nonexistent/x.yaml: cannot "
                                             "open file") != NULL);
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_input_bytes = 10;
    parley_ctx_set_limits(ctx, &lim);
    cr_assert_eq(parley_i_read_file(ctx, test_source("README.md"), &bytes,
                                    &len),
                 PARLEY_ELIMIT);
    cr_assert(strstr(parley_ctx_errmsg(ctx), "--max-input-bytes") != NULL);
    parley_ctx_free(ctx);
}

Test(util, read_file_reads_whole_file)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    char *bytes;
    size_t len;

    cr_assert_eq(parley_i_read_file(ctx, test_source("LICENSE"), &bytes,
                                    &len),
                 PARLEY_OK);
    cr_assert_gt(len, 1000);
    cr_assert_eq(strncmp(bytes, "MIT License", 11), 0);
    cr_assert_eq(bytes[len], '\0');
    parley_i_free(ctx, bytes, len + 1);
    parley_ctx_free(ctx);
}

static int collect(void *user, const char *bytes, size_t len)
{
    return parley_i_buf_append(user, bytes, len);
}

static int refuse(void *user, const char *bytes, size_t len)
{
    (void)user, (void)bytes, (void)len;
    return -1;
}

Test(report, json_emitter_round_trips)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_buf buf;
    parley_writer w;
    parley_json j;
    parley_sink sink = {collect, &buf};
    json_t *root;
    json_error_t err;

    parley_i_buf_init(&buf, ctx);
    parley_i_writer_init(&w, ctx, sink);
    parley_i_json_init(&j, &w, 1);
    parley_i_json_object(&j);
    parley_i_json_key(&j, "name");
    parley_i_json_string(&j, "quote \" back\\ tab\t é");
    parley_i_json_key(&j, "x");
    parley_i_json_number(&j, 0.1 + 0.2);
    parley_i_json_key(&j, "nan");
    parley_i_json_number(&j, NAN);
    parley_i_json_key(&j, "list");
    parley_i_json_array(&j);
    parley_i_json_size(&j, 3);
    parley_i_json_bool(&j, 1);
    parley_i_json_null(&j);
    parley_i_json_array(&j);
    parley_i_json_end_array(&j);
    parley_i_json_end_array(&j);
    parley_i_json_end_object(&j);
    cr_assert_eq(w.status, PARLEY_OK);
    root = json_loads(buf.data, 0, &err);
    cr_assert_not_null(root, "invalid JSON: %s\n%s", err.text, buf.data);
    cr_assert_str_eq(json_string_value(json_object_get(root, "name")),
                     "quote \" back\\ tab\t é");
    cr_assert_eq(json_real_value(json_object_get(root, "x")), 0.1 + 0.2);
    cr_assert(json_is_null(json_object_get(root, "nan")));
    cr_assert_eq(json_array_size(json_object_get(root, "list")), 4);
    json_decref(root);
    parley_i_buf_destroy(&buf);
    parley_ctx_free(ctx);
}

Test(report, writer_errors_are_reported)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_writer w;
    parley_sink sink = {refuse, NULL};
    parley_buf buf;
    parley_sink ok = {collect, &buf};
    parley_limits lim;

    parley_i_writer_init(&w, ctx, sink);
    parley_i_writef(&w, "x%d", 1);
    cr_assert_eq(w.status, PARLEY_EIO);
    parley_ctx_clear(ctx);
    parley_limits_set_default(&lim);
    lim.max_output_bytes = 8;
    parley_ctx_set_limits(ctx, &lim);
    parley_i_buf_init(&buf, ctx);
    parley_i_writer_init(&w, ctx, ok);
    parley_i_writef(&w, "%s", "0123456789");
    cr_assert_eq(w.status, PARLEY_ELIMIT);
    cr_assert_eq(buf.len, 0);
    parley_i_buf_destroy(&buf);
    parley_ctx_free(ctx);
}

Test(report, clipped_text)
{
    parley_ctx *ctx = parley_ctx_new(NULL);
    parley_buf buf;
    parley_sink sink = {collect, &buf};
    parley_writer w;

    parley_i_buf_init(&buf, ctx);
    parley_i_writer_init(&w, ctx, sink);
    parley_i_write_clipped(&w, "short", 10);
    parley_i_write(&w, "|", 1);
    parley_i_write_clipped(&w, "a rather long label", 10);
    parley_i_write(&w, "|", 1);
    parley_i_write_clipped(&w, "ééééééééééééé", 6);
    cr_assert_str_eq(buf.data, "short|a rathe...|ééé...");
    parley_i_buf_destroy(&buf);
    parley_ctx_free(ctx);
}
