/*
 * cmd_validate.c -- `parley validate FILE...`: load, check, summarise.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void count(cli_out *out, size_t n, const char *one, const char *many,
                  int always)
{
    if (n || always)
        cli_out_printf(out, ", %zu %s", n, n == 1 ? one : many);
}

static void summary_text(cli_out *out, const char *file,
                         const parley_scenario *s)
{
    parley_scenario_summary sum;

    parley_scenario_summarise(s, &sum);
    cli_out_printf(out, "%s: valid %s scenario '%s'", file,
                   parley_format_name(sum.format), parley_scenario_id(s));
    count(out, sum.actors, "actor", "actors", 1);
    count(out, sum.issues, "issue", "issues", 1);
    count(out, sum.options, "option", "options", 0);
    count(out, sum.stances, "stance", "stances", 1);
    count(out, sum.proposals, "proposal", "proposals", 0);
    count(out, sum.red_lines, "red line", "red lines", 0);
    count(out, sum.ratifications, "ratification constraint",
          "ratification constraints", 0);
    count(out, sum.linkages, "linkage", "linkages", 0);
    count(out, sum.variables, "state variable", "state variables", 0);
    count(out, sum.shocks, "shock", "shocks", 0);
    count(out, sum.couplings, "coupling", "couplings", 0);
    count(out, sum.end_rules, "end-state rule", "end-state rules", 0);
    count(out, sum.impacts, "impact model", "impact models", 0);
    count(out, sum.sources, "source", "sources", 0);
    count(out, sum.uncertain, "uncertain value", "uncertain values", 0);
    count(out, sum.outcomes, "recorded outcome", "recorded outcomes", 0);
    cli_out_printf(out, "\n");
}

static void json_string(cli_out *out, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;

    cli_out_printf(out, "\"");
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            cli_out_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            cli_out_printf(out, "\\u%04x", *p);
        else
            cli_out_printf(out, "%c", *p);
    }
    cli_out_printf(out, "\"");
}

static void summary_json(cli_out *out, const char *file,
                         const parley_scenario *s, int first)
{
    parley_scenario_summary sum;

    parley_scenario_summarise(s, &sum);
    cli_out_printf(out, "%s\n  {\"file\": ", first ? "" : ",");
    json_string(out, file);
    cli_out_printf(out, ", \"valid\": true, \"format\": \"%s\", \"id\": ",
                   parley_format_name(sum.format));
    json_string(out, parley_scenario_id(s));
    cli_out_printf(
        out,
        ", \"actors\": %zu, \"issues\": %zu, \"options\": %zu, "
        "\"stances\": %zu, \"proposals\": %zu, \"red_lines\": %zu, "
        "\"ratifications\": %zu, \"linkages\": %zu, \"variables\": %zu, "
        "\"shocks\": %zu, \"couplings\": %zu, \"impacts\": %zu, "
        "\"sources\": %zu, \"uncertain\": %zu, \"outcomes\": %zu, "
        "\"end_rules\": %zu}",
        sum.actors, sum.issues, sum.options, sum.stances, sum.proposals,
        sum.red_lines, sum.ratifications, sum.linkages, sum.variables,
        sum.shocks, sum.couplings, sum.impacts, sum.sources, sum.uncertain,
        sum.outcomes, sum.end_rules);
}

int cmd_validate(int argc, char **argv)
{
    cli_common common;
    cli_args args;
    cli_out out;
    const char *files[256];
    size_t i;
    int status = PARLEY_OK;

    cli_common_init(&common);
    memset(&args, 0, sizeof args);
    args.argc = argc;
    args.argv = argv;
    args.command = "validate";
    args.files = files;
    for (args.i = 1; args.i < argc; args.i++) {
        int rc;

        if (cli_flag(&args, "--help") || cli_flag(&args, "-h"))
            return cli_print_help("validate");
        rc = cli_common_option(&args, &common);
        if (rc < 0)
            return PARLEY_EINVAL;
        if (rc > 0)
            continue;
        if (argv[args.i][0] == '-' && argv[args.i][1] != '\0')
            return cli_usage_error("validate", "unknown option '%s'",
                                   argv[args.i]);
        if (args.n_files == sizeof files / sizeof *files)
            return cli_usage_error("validate", "too many files (at most %zu)",
                                   sizeof files / sizeof *files);
        files[args.n_files++] = argv[args.i];
    }
    if (args.n_files == 0)
        return cli_usage_error("validate", "no scenario file given");
    cli_out_init(&out);
    if (common.json)
        cli_out_printf(&out, "[");
    for (i = 0; i < args.n_files; i++) {
        parley_ctx *ctx = parley_ctx_new(NULL);
        parley_scenario *s = NULL;
        int rc;

        if (!ctx) {
            fprintf(stderr, "parley validate: out of memory\n");
            status = PARLEY_ENOMEM;
            break;
        }
        parley_ctx_set_limits(ctx, &common.limits);
        rc = parley_scenario_load(ctx, files[i], &common.load, &s);
        if (rc == PARLEY_OK) {
            if (common.json)
                summary_json(&out, files[i], s, i == 0);
            else
                summary_text(&out, files[i], s);
        } else {
            size_t n = parley_ctx_ndiag(ctx) + parley_ctx_ndiag_dropped(ctx);

            cli_print_diagnostics(ctx);
            fprintf(stderr, "%s: %zu error%s, not a valid scenario\n",
                    files[i], n ? n : 1, n == 1 || n == 0 ? "" : "s");
            if (status == PARLEY_OK)
                status = rc;
        }
        parley_scenario_free(s);
        parley_ctx_free(ctx);
    }
    if (common.json)
        cli_out_printf(&out, "\n]\n");
    if (status == PARLEY_OK)
        status = cli_out_flush(&out);
    cli_out_free(&out);
    return status;
}
