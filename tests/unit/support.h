/*
 * support.h -- helpers shared by the unit tests: a counting allocator that
 * can fail the Nth allocation, and paths to test data.
 */
#ifndef PARLEY_TEST_SUPPORT_H
#define PARLEY_TEST_SUPPORT_H

#include "parley.h"

#include <stddef.h>

typedef struct test_alloc {
    long fail_at;       /* fail the allocation with this 1-based number;
                           0 = never */
    long count;         /* allocations made */
    long live;          /* allocations not yet freed */
    size_t live_bytes;
} test_alloc;

/* An allocator whose user pointer is `state`. */
parley_allocator test_allocator(test_alloc *state);

/* Absolute path of a file in tests/data (static buffer). */
const char *test_data(const char *name);
/* Absolute path of a file relative to the source tree (static buffer). */
const char *test_source(const char *name);

/*
 * Runs `body` with allocation failure injected at every allocation number
 * from 1 until the body succeeds without hitting the failure; checks that
 * every failed run returned PARLEY_ENOMEM (or reports `allowed`) and leaked
 * nothing.  Returns the number of allocations the successful run made.
 */
typedef parley_status (*test_body)(parley_ctx *ctx, void *user);
long test_alloc_failures(test_body body, void *user);

#endif
