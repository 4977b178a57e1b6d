/*
 * load.c -- the loader front door: reads the file, detects the format and
 * hands the bytes to the loader of that format.
 */
#include "scenario/scenario.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const format_names[] = {"auto", "yaml",   "bdm",   "ktab",
                                           "decide", "deu", "genius"};

const char *parley_format_name(parley_format format)
{
    if ((size_t)format < sizeof format_names / sizeof *format_names)
        return format_names[format];
    return "unknown";
}

parley_status parley_format_from_name(const char *name, parley_format *format)
{
    size_t i;

    if (!name || !format)
        return PARLEY_EINVAL;
    for (i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (strcasecmp(name, format_names[i]) == 0) {
            *format = (parley_format)i;
            return PARLEY_OK;
        }
    return PARLEY_ENOTFOUND;
}

void parley_load_options_set_default(parley_load_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->format = PARLEY_FORMAT_AUTO;
}

static int has_suffix(const char *path, const char *suffix)
{
    size_t lp = strlen(path), ls = strlen(suffix);

    return lp >= ls && strcasecmp(path + lp - ls, suffix) == 0;
}

/* 1 if the first non-blank line of bytes starts with the given text. */
static int starts_with_line(const char *bytes, size_t len, const char *text)
{
    size_t i = 0, lt = strlen(text);

    while (i < len && isspace((unsigned char)bytes[i]))
        i++;
    return len - i >= lt && strncasecmp(bytes + i, text, lt) == 0;
}

static int contains(const char *bytes, size_t len, const char *text,
                    size_t window)
{
    size_t lt = strlen(text), i;

    if (window > len)
        window = len;
    for (i = 0; i + lt <= window; i++)
        if (strncmp(bytes + i, text, lt) == 0)
            return 1;
    return 0;
}

/*
 * Detection order: unambiguous content first (decide's '#A' rows, DEU's
 * quoted header, KTAB's second header line "Actor,Description,Power"), then
 * the extension, then YAML by default.
 */
parley_format parley_format_detect(const char *path, const char *bytes,
                                   size_t len)
{
    const size_t window = 4096;

    if (bytes && len) {
        if (starts_with_line(bytes, len, "'#A'") ||
            starts_with_line(bytes, len, "#A\t") ||
            starts_with_line(bytes, len, "'#P'") ||
            starts_with_line(bytes, len, "#P\t") ||
            starts_with_line(bytes, len, "'#0'") ||
            starts_with_line(bytes, len, "'#/'"))
            return PARLEY_FORMAT_DECIDE;
        if (starts_with_line(bytes, len, "\"prnrnmc\"") ||
            starts_with_line(bytes, len, "prnrnmc\t"))
            return PARLEY_FORMAT_DEU;
        if (contains(bytes, len, "Actor,Description,Power", window) ||
            contains(bytes, len, "Actor, Description, Power", window))
            return PARLEY_FORMAT_KTAB;
        if (starts_with_line(bytes, len, "<?xml") ||
            starts_with_line(bytes, len, "<utility_space") ||
            starts_with_line(bytes, len, "<negotiation_template"))
            return PARLEY_FORMAT_GENIUS;
    }
    if (path) {
        if (has_suffix(path, ".yaml") || has_suffix(path, ".yml"))
            return PARLEY_FORMAT_YAML;
        if (has_suffix(path, ".tsv"))
            return PARLEY_FORMAT_DEU;
        if (has_suffix(path, ".csv"))
            return PARLEY_FORMAT_BDM;
        if (has_suffix(path, ".xml"))
            return PARLEY_FORMAT_GENIUS;
    }
    if (bytes && len && starts_with_line(bytes, len, "parley:"))
        return PARLEY_FORMAT_YAML;
    if (bytes && len && !contains(bytes, len, ":", window) &&
        contains(bytes, len, ",", window))
        return PARLEY_FORMAT_BDM;
    return PARLEY_FORMAT_YAML;
}

parley_status parley_scenario_load_buffer(parley_ctx *ctx, const char *name,
                                          const char *bytes, size_t len,
                                          const parley_load_options *opts,
                                          parley_scenario **out)
{
    parley_load_options defaults;
    parley_format format;
    parley_status status;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || (!bytes && len))
        return PARLEY_EINVAL;
    if (!bytes)
        bytes = "";
    if (!name)
        name = "<buffer>";
    if (!opts) {
        parley_load_options_set_default(&defaults);
        opts = &defaults;
    }
    if (len > ctx->limits.max_input_bytes)
        return parley_i_error(ctx, PARLEY_ELIMIT, name, 0, 0,
                              "input of %zu bytes is larger than the limit "
                              "of %zu bytes (raise it with --max-input-bytes)",
                              len, ctx->limits.max_input_bytes);
    format = opts->format;
    if (format == PARLEY_FORMAT_AUTO)
        format = parley_format_detect(name, bytes, len);
    switch (format) {
    case PARLEY_FORMAT_YAML:
        status = parley_i_load_yaml(ctx, name, bytes, len, opts, out);
        break;
    case PARLEY_FORMAT_BDM:
        status = parley_i_load_bdm(ctx, name, bytes, len, opts, out);
        break;
    case PARLEY_FORMAT_KTAB:
        status = parley_i_load_ktab(ctx, name, bytes, len, opts, out);
        break;
    case PARLEY_FORMAT_DECIDE:
        status = parley_i_load_decide(ctx, name, bytes, len, opts, out);
        break;
    case PARLEY_FORMAT_DEU:
        status = parley_i_load_deu(ctx, name, bytes, len, opts, out);
        break;
    case PARLEY_FORMAT_GENIUS:
        status = parley_i_load_genius(ctx, name, bytes, len, opts, out);
        break;
    default:
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, name, 0, 0,
                              "format '%s' cannot be loaded as a scenario "
                              "here, expected yaml, bdm, ktab, decide, deu "
                              "or genius",
                              parley_format_name(format));
    }
    if (status != PARLEY_OK) {
        parley_scenario_free(*out);
        *out = NULL;
        return status;
    }
    (*out)->format = format;
    if (!(*out)->file) {
        (*out)->file = parley_i_strdup(ctx, name);
        if (!(*out)->file) {
            parley_scenario_free(*out);
            *out = NULL;
            return parley_i_nomem(ctx);
        }
    }
    status = parley_i_scenario_check(ctx, *out);
    if (status != PARLEY_OK) {
        parley_scenario_free(*out);
        *out = NULL;
    }
    return status;
}

parley_status parley_scenario_load(parley_ctx *ctx, const char *path,
                                   const parley_load_options *opts,
                                   parley_scenario **out)
{
    char *bytes = NULL;
    size_t len = 0;
    parley_format format;
    parley_status status;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || !path)
        return PARLEY_EINVAL;
    /* a GENIUS folder, or a GENIUS domain whose folder holds the profiles */
    if (parley_i_is_directory(path))
        return parley_i_load_genius_path(ctx, path, opts, out);
    status = parley_i_read_file(ctx, path, &bytes, &len);
    if (status != PARLEY_OK)
        return status;
    format = opts ? opts->format : PARLEY_FORMAT_AUTO;
    if (format == PARLEY_FORMAT_AUTO)
        format = parley_format_detect(path, bytes, len);
    if (format == PARLEY_FORMAT_GENIUS)
        status = parley_i_load_genius_path(ctx, path, opts, out);
    else
        status = parley_scenario_load_buffer(ctx, path, bytes, len, opts,
                                             out);
    parley_i_free(ctx, bytes, len + 1);
    return status;
}
