/*
 * support.c -- see support.h.
 */
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

static void *t_alloc(void *user, size_t size)
{
    test_alloc *st = user;
    void *p;

    st->count++;
    if (st->fail_at && st->count == st->fail_at)
        return NULL;
    p = malloc(size);
    if (p) {
        st->live++;
        st->live_bytes += size;
    }
    return p;
}

static void *t_realloc(void *user, void *ptr, size_t old_size,
                       size_t new_size)
{
    test_alloc *st = user;
    void *p;

    st->count++;
    if (st->fail_at && st->count == st->fail_at)
        return NULL;
    p = realloc(ptr, new_size);
    if (p) {
        st->live_bytes += new_size;
        st->live_bytes -= old_size;
    }
    return p;
}

static void t_free(void *user, void *ptr, size_t size)
{
    test_alloc *st = user;

    if (!ptr)
        return;
    st->live--;
    st->live_bytes -= size;
    free(ptr);
}

parley_allocator test_allocator(test_alloc *state)
{
    parley_allocator a;

    a.alloc = t_alloc;
    a.realloc = t_realloc;
    a.free = t_free;
    a.user = state;
    return a;
}

const char *test_data(const char *name)
{
    static char path[4096];

    snprintf(path, sizeof path, "%s/%s", PARLEY_TEST_DATA, name);
    return path;
}

const char *test_source(const char *name)
{
    static char path[4096];

    snprintf(path, sizeof path, "%s/%s", PARLEY_SOURCE_DIR, name);
    return path;
}

long test_alloc_failures(test_body body, void *user)
{
    long n;

    for (n = 1; n < 10000000; n++) {
        test_alloc st = {0, 0, 0, 0};
        parley_allocator a;
        parley_ctx *ctx;
        parley_status status;

        st.fail_at = n;
        a = test_allocator(&st);
        ctx = parley_ctx_new(&a);
        if (!ctx) {
            cr_assert_eq(n, 1, "context creation failed at allocation %ld",
                         n);
            continue;
        }
        status = body(ctx, user);
        parley_ctx_free(ctx);
        cr_assert_eq(st.live, 0,
                     "%ld allocation(s) leaked when allocation %ld failed",
                     st.live, n);
        cr_assert_eq(st.live_bytes, 0,
                     "%zu bytes leaked (size mismatch) when allocation %ld "
                     "failed",
                     st.live_bytes, n);
        if (st.count < n) {
            cr_assert_eq(status, PARLEY_OK,
                         "body failed without an allocation failure: %s",
                         parley_strerror(status));
            return st.count;
        }
        cr_assert_eq(status, PARLEY_ENOMEM,
                     "allocation %ld failed but the body returned %s", n,
                     parley_strerror(status));
    }
    cr_assert_fail("allocation failure loop did not terminate");
    return -1;
}
