/*
 * common.c -- argument parsing, help pages, diagnostics and buffered output
 * shared by the commands.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_print_help(const char *name)
{
    size_t i;

    for (i = 0; cli_help_pages[i].name; i++)
        if (strcmp(cli_help_pages[i].name, name) == 0) {
            fputs(cli_help_pages[i].text, stdout);
            return 0;
        }
    fprintf(stderr, "parley: no help for '%s'\n", name);
    return PARLEY_EINVAL;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list args;

    fprintf(stderr, "parley %s: ", command);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, " (see parley %s --help)\n", command);
    return PARLEY_EINVAL;
}

int cli_flag(cli_args *args, const char *name)
{
    return strcmp(args->argv[args->i], name) == 0;
}

int cli_value(cli_args *args, const char *name, const char **value,
              int *error)
{
    const char *arg = args->argv[args->i];
    size_t n = strlen(name);

    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (args->i + 1 >= args->argc) {
        cli_usage_error(args->command, "option %s needs a value", name);
        *error = 1;
        return 1;
    }
    args->i++;
    *value = args->argv[args->i];
    return 1;
}

int cli_parse_size(const char *command, const char *option, const char *text,
                   size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!text[0] || text[0] == '-')
        goto bad;
    v = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE || v > (unsigned long long)SIZE_MAX)
        goto bad;
    *out = (size_t)v;
    return 0;
bad:
    cli_usage_error(command, "%s '%s' is not a non-negative integer", option,
                    text);
    return -1;
}

int cli_parse_double(const char *command, const char *option,
                     const char *text, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (!text[0] || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        cli_usage_error(command, "%s '%s' is not a number", option, text);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_common_init(cli_common *common)
{
    parley_load_options_set_default(&common->load);
    parley_limits_set_default(&common->limits);
    common->json = 0;
}

int cli_common_option(cli_args *args, cli_common *common)
{
    const char *v = NULL;
    int error = 0;
    size_t *limit = NULL;
    const char *name = NULL;

    if (cli_flag(args, "--json")) {
        common->json = 1;
        return 1;
    }
    if (cli_flag(args, "--genius-raw")) {
        common->load.genius_raw = 1;
        return 1;
    }
    if (cli_value(args, "--format", &v, &error)) {
        if (error)
            return -1;
        if (parley_format_from_name(v, &common->load.format) != PARLEY_OK) {
            cli_usage_error(args->command,
                            "unknown format '%s', expected yaml, bdm, ktab, "
                            "decide, deu or genius",
                            v);
            return -1;
        }
        return 1;
    }
    if (cli_value(args, "--max-input-bytes", &v, &error))
        limit = &common->limits.max_input_bytes, name = "--max-input-bytes";
    else if (cli_value(args, "--max-actors", &v, &error))
        limit = &common->limits.max_actors, name = "--max-actors";
    else if (cli_value(args, "--max-issues", &v, &error))
        limit = &common->limits.max_issues, name = "--max-issues";
    else if (cli_value(args, "--max-options", &v, &error))
        limit = &common->limits.max_options, name = "--max-options";
    else if (cli_value(args, "--max-stances", &v, &error))
        limit = &common->limits.max_stances, name = "--max-stances";
    else if (cli_value(args, "--max-errors", &v, &error))
        limit = &common->limits.max_diagnostics, name = "--max-errors";
    if (!limit)
        return 0;
    if (error || cli_parse_size(args->command, name, v, limit) != 0)
        return -1;
    return 1;
}

void cli_print_diagnostics(const parley_ctx *ctx)
{
    size_t i, n = parley_ctx_ndiag(ctx);

    for (i = 0; i < n; i++) {
        const parley_diag *d = parley_ctx_diag(ctx, i);

        if (d->file && d->line)
            fprintf(stderr, "%s:%u:%u: %s\n", d->file, d->line, d->col,
                    d->message);
        else if (d->file)
            fprintf(stderr, "%s: %s\n", d->file, d->message);
        else
            fprintf(stderr, "parley: %s\n", d->message);
    }
    if (n == 0 && parley_ctx_errmsg(ctx)[0])
        fprintf(stderr, "%s\n", parley_ctx_errmsg(ctx));
    if (parley_ctx_ndiag_dropped(ctx))
        fprintf(stderr, "... and %zu more errors (raise --max-errors)\n",
                parley_ctx_ndiag_dropped(ctx));
}

void cli_out_init(cli_out *out)
{
    out->data = NULL;
    out->len = out->cap = 0;
    out->failed = 0;
}

static int out_append(cli_out *out, const char *bytes, size_t len)
{
    if (out->failed)
        return -1;
    if (out->len + len + 1 > out->cap) {
        size_t cap = out->cap ? out->cap : 4096;
        char *grown;

        while (cap < out->len + len + 1)
            cap *= 2;
        grown = realloc(out->data, cap);
        if (!grown) {
            out->failed = 1;
            return -1;
        }
        out->data = grown;
        out->cap = cap;
    }
    memcpy(out->data + out->len, bytes, len);
    out->len += len;
    out->data[out->len] = '\0';
    return 0;
}

static int sink_write(void *user, const char *bytes, size_t len)
{
    return out_append(user, bytes, len);
}

parley_sink cli_out_sink(cli_out *out)
{
    parley_sink sink;

    sink.write = sink_write;
    sink.user = out;
    return sink;
}

int cli_out_printf(cli_out *out, const char *fmt, ...)
{
    char small[1024];
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return out_append(out, small, (size_t)n);
    {
        char *big = malloc((size_t)n + 1);
        int rc;

        if (!big) {
            out->failed = 1;
            return -1;
        }
        va_start(args, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, args);
        va_end(args);
        rc = out_append(out, big, (size_t)n);
        free(big);
        return rc;
    }
}

int cli_out_flush(cli_out *out)
{
    if (out->failed) {
        fprintf(stderr, "parley: out of memory while writing output\n");
        return PARLEY_ENOMEM;
    }
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        return PARLEY_EIO;
    if (fflush(stdout) != 0)
        return PARLEY_EIO;
    return 0;
}

void cli_out_free(cli_out *out)
{
    free(out->data);
    cli_out_init(out);
}
