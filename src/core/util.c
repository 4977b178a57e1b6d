/*
 * util.c -- byte buffers, file reading, number parsing, UTF-8 checks and
 * did-you-mean suggestions.
 */
#include "core/core.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parley_i_buf_init(parley_buf *buf, const parley_ctx *ctx)
{
    buf->data = NULL;
    buf->len = buf->cap = 0;
    buf->ctx = ctx;
    buf->failed = 0;
}

void parley_i_buf_destroy(parley_buf *buf)
{
    parley_i_free(buf->ctx, buf->data, buf->cap);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

int parley_i_buf_append(parley_buf *buf, const char *bytes, size_t len)
{
    if (buf->failed)
        return -1;
    if (buf->len + len + 1 > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 256;
        char *grown;

        while (cap < buf->len + len + 1)
            cap *= 2;
        grown = parley_i_realloc(buf->ctx, buf->data, buf->cap, cap);
        if (!grown) {
            buf->failed = 1;
            return -1;
        }
        buf->data = grown;
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return 0;
}

int parley_i_buf_printf(parley_buf *buf, const char *fmt, ...)
{
    char small[512];
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return parley_i_buf_append(buf, small, (size_t)n);
    {
        char *big = parley_i_alloc(buf->ctx, (size_t)n + 1);
        int rc;

        if (!big) {
            buf->failed = 1;
            return -1;
        }
        va_start(args, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, args);
        va_end(args);
        rc = parley_i_buf_append(buf, big, (size_t)n);
        parley_i_free(buf->ctx, big, (size_t)n + 1);
        return rc;
    }
}

/*
 * Reads path into a NUL-terminated buffer allocated through ctx.  Refuses
 * files larger than max_input_bytes before reading them whole.
 */
parley_status parley_i_read_file(parley_ctx *ctx, const char *path,
                                 char **out, size_t *len)
{
    FILE *fp;
    parley_buf buf;
    char chunk[65536];
    size_t got;
    parley_status status = PARLEY_OK;

    *out = NULL;
    *len = 0;
    fp = fopen(path, "rb");
    if (!fp)
        return parley_i_error(ctx, PARLEY_EIO, path, 0, 0,
                              "cannot open file: %s", strerror(errno));
    parley_i_buf_init(&buf, ctx);
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (buf.len + got > ctx->limits.max_input_bytes) {
            status = parley_i_error(
                ctx, PARLEY_ELIMIT, path, 0, 0,
                "file is larger than the input limit of %zu bytes, expected "
                "a smaller file (raise it with --max-input-bytes)",
                ctx->limits.max_input_bytes);
            goto done;
        }
        if (parley_i_buf_append(&buf, chunk, got) != 0) {
            status = parley_i_nomem(ctx);
            goto done;
        }
    }
    if (ferror(fp)) {
        status = parley_i_error(ctx, PARLEY_EIO, path, 0, 0,
                                "read error: %s", strerror(errno));
        goto done;
    }
    if (!buf.data && parley_i_buf_append(&buf, "", 0) != 0) {
        status = parley_i_nomem(ctx);
        goto done;
    }
done:
    fclose(fp);
    if (status != PARLEY_OK) {
        parley_i_buf_destroy(&buf);
        return status;
    }
    /* hand over: shrink-wrap not needed; caller frees with cap via len+1 */
    {
        char *exact = parley_i_strndup(ctx, buf.data, buf.len);
        size_t n = buf.len;

        parley_i_buf_destroy(&buf);
        if (!exact)
            return parley_i_nomem(ctx);
        *out = exact;
        *len = n;
    }
    return PARLEY_OK;
}

size_t parley_i_levenshtein(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[64];

    if (lb >= 64 || la >= 64)
        return (size_t)-1; /* only short identifiers are compared */
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = (a[i - 1] == b[j - 1]) ? 0 : 1;
            size_t best = diag + cost;

            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *parley_i_suggest(const char *word, const char *const *candidates,
                             size_t n)
{
    size_t best = (size_t)-1, i, limit = strlen(word) / 3;
    const char *found = NULL;

    if (limit < 2)
        limit = 2;
    for (i = 0; i < n; i++) {
        size_t d;

        if (!candidates[i])
            continue;
        d = parley_i_levenshtein(word, candidates[i]);
        if (d < best) {
            best = d;
            found = candidates[i];
        }
    }
    return best <= limit ? found : NULL;
}

/* Validates UTF-8 per RFC 3629 (no overlongs, no surrogates, <= U+10FFFF). */
int parley_i_utf8_valid(const char *bytes, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t need;
        unsigned min, cp;

        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3, min = 0x10000, cp = c & 0x07;
        } else {
            goto bad;
        }
        {
            size_t j;

            if (len - i <= need)
                goto bad;
            for (j = 1; j <= need; j++) {
                if ((s[i + j] & 0xC0) != 0x80)
                    goto bad;
                cp = (cp << 6) | (s[i + j] & 0x3F);
            }
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return 1;
bad:
    if (bad_offset)
        *bad_offset = i;
    return 0;
}

int parley_i_parse_double(const char *text, double *out)
{
    char *end;
    double v;

    if (!text || !*text)
        return 0;
    while (*text == ' ' || *text == '\t')
        text++;
    errno = 0;
    v = strtod(text, &end);
    if (end == text)
        return 0;
    while (*end == ' ' || *end == '\t' || *end == '\r')
        end++;
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int parley_i_parse_long(const char *text, long *out)
{
    char *end;
    long v;

    if (!text || !*text)
        return 0;
    errno = 0;
    v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE)
        return 0;
    *out = v;
    return 1;
}
