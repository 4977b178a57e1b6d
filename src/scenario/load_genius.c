/*
 * load_genius.c -- GENIUS (ANAC) negotiation domains with linear-additive
 * utility profiles, read with libxml2.
 *
 * Inputs: a folder holding one domain file and its profiles (profiles in
 * file-name order), a domain file whose folder holds the profiles, or an
 * explicit list "domain, profile, profile, ..." (parley_scenario_load_files,
 * profiles in the order given).  A domain file has the root element
 * <negotiation_template>, or <utility_space> without <weight> elements; a
 * profile is a <utility_space> with weights.
 *
 * What the scenario holds:
 *  - one issue per GENIUS <issue>, in file order; id and name are the
 *    GENIUS name.  Its options are the values in file order with ids
 *    "<issue>:<value>" and the value as label.  Option values spread evenly
 *    by index on the issue's 0..100 scale, 100 i / (n - 1) (0 for a single
 *    value): GENIUS values carry no order, so these numbers only place the
 *    options for reports; utilities come from option_values.
 *  - integer issues (lowerbound..upperbound) have one option per integer,
 *    placed the same way (so linearly in the integer); more than
 *    limits.max_options integers is PARLEY_ELIMIT.  Real issues are
 *    PARLEY_EUNSUPPORTED: GENIUS gives no discretisation for them.
 *  - one actor per profile, id and name the file name without directories
 *    and ".xml", capability 1 (not given: present == 0).  reservation is
 *    <reservation value> (absent: 0, present == 0); discount is
 *    <discount_factor value> (absent: 1, present == 0), read and reported,
 *    never applied.  Both are direct children of <utility_space>, as GENIUS
 *    reads them.
 *  - a stance of every actor on every issue: salience = the profile's
 *    weight exactly as written (weights are NOT renormalised, even when
 *    they do not sum to 1), option_values = the evaluations below,
 *    position = the option value of the actor's best option (the first
 *    among ties).  scenario->utility_additive_raw = 1 tells the engine that
 *    u_a(x) = sum_k salience_ak * option_values_ak[x_k].
 *
 * Semantics (parley_load_options.genius_raw):
 *  0, GENIUS (EvaluatorDiscrete.normalize): e(v) = eval(v) / max eval over
 *     the issue's values; when that maximum is below 1e-5 every e(v) is 0.
 *  1, raw: the discrete evaluations as written.
 *  Integer issues evaluate alike in both (GENIUS EvaluatorInteger):
 *  e(x) = clamp(offset + slope (x - lowerbound), 0, 1) -- GENIUS divides
 *  no integer evaluator by a maximum, so "as written" is this function.
 *  Reservations are kept as written in both; they are on GENIUS's [0, 1]
 *  scale, which raw utilities need not share.
 *
 * Matching: profile issues and weights refer to domain issues by their
 * GENIUS "index"; a profile issue's name must equal the domain's, its
 * values must be the domain's values, each with one evaluation >= 0.
 * Items nested deeper than the issue (similarity functions in y2011 Car)
 * are not evaluations and are ignored, as in GENIUS.  A weight whose index
 * is the objective's own is not an issue weight and is ignored, as GENIUS
 * ignores objective evaluators.
 *
 * Safety: libxml2 parses with XML_PARSE_NONET and without entity
 * substitution or DTD loading; documents with a DOCTYPE are refused, so no
 * entity can expand.  libxml2 allocates through its own malloc; every
 * xmlDoc is freed on every path.  xmlCleanupParser is never called (it
 * belongs to the program).
 */
#include "scenario/scenario.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* GENIUS EvaluatorDiscrete.normalize: below this maximum evaluation an
 * issue scores 0 for every value. */
#define GENIUS_MAX_EVAL_FLOOR 0.00001

typedef enum issue_kind { KIND_DISCRETE = 0, KIND_INTEGER = 1 } issue_kind;

/* What the domain says about an issue beyond the scenario's parley_issue. */
typedef struct domain_issue {
    long index; /* GENIUS issue number */
    issue_kind kind;
    long lower, upper; /* integer issues */
} domain_issue;

/* An issue's GENIUS index and its position in the scenario. */
typedef struct index_ref {
    long index;
    size_t issue;
} index_ref;

/* A parsed input. */
typedef struct genius_doc {
    const char *name;
    xmlDocPtr doc;
} genius_doc;

typedef struct builder {
    parley_ctx *ctx;
    parley_scenario *s;
    domain_issue *info;  /* n_info entries */
    index_ref *by_index; /* n_info issues sorted by GENIUS index */
    size_t n_info;
    int raw;
} builder;

/* The first failure wins, except that running out of memory always shows:
 * test harnesses and callers must see PARLEY_ENOMEM when it happened. */
static parley_status combine(parley_status kept, parley_status next)
{
    if (next == PARLEY_ENOMEM)
        return PARLEY_ENOMEM;
    return kept != PARLEY_OK ? kept : next;
}

static unsigned node_line(const xmlNode *node)
{
    long line = node ? xmlGetLineNo(node) : 0;

    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

/* Reports an error at an XML node (libxml2 keeps no column: col 0). */
static parley_status node_error(parley_ctx *ctx, parley_status status,
                                const char *file, const xmlNode *node,
                                const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static parley_status node_error(parley_ctx *ctx, parley_status status,
                                const char *file, const xmlNode *node,
                                const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    parley_i_verror(ctx, status, file, node_line(node), 0, fmt, args);
    va_end(args);
    return status;
}

static int is_element(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, name) == 0;
}

static const xmlNode *first_child(const xmlNode *parent, const char *name)
{
    const xmlNode *c;

    for (c = parent ? parent->children : NULL; c; c = c->next)
        if (is_element(c, name))
            return c;
    return NULL;
}

static size_t count_children(const xmlNode *parent, const char *name)
{
    const xmlNode *c;
    size_t n = 0;

    for (c = parent ? parent->children : NULL; c; c = c->next)
        n += is_element(c, name);
    return n;
}

/*
 * The text of an attribute, or NULL when absent.  Without a DTD every
 * attribute value is one text node (predefined entities and character
 * references are replaced while parsing), so this borrows that node's text
 * instead of allocating a copy; anything else reads as absent.
 */
static const char *attr(const xmlNode *node, const char *name)
{
    const xmlAttr *a;

    for (a = node->properties; a; a = a->next) {
        if (!a->name || strcmp((const char *)a->name, name) != 0)
            continue;
        if (!a->children)
            return "";
        if (a->children->type == XML_TEXT_NODE && !a->children->next &&
            a->children->content)
            return (const char *)a->children->content;
        return NULL;
    }
    return NULL;
}

/* Copies "<a><sep><b>" into a fresh string. */
static char *join3(const parley_ctx *ctx, const char *a, const char *sep,
                   const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *text = parley_i_alloc(ctx, la + ls + lb + 1);

    if (!text)
        return NULL;
    memcpy(text, a, la);
    memcpy(text + la, sep, ls);
    memcpy(text + la + ls, b, lb + 1);
    return text;
}

/* The file name without directories and a ".xml" ending. */
static char *actor_id_from_name(const parley_ctx *ctx, const char *name)
{
    const char *base = strrchr(name, '/');
    size_t len;

    base = base ? base + 1 : name;
    len = strlen(base);
    if (len > 4 && strcasecmp(base + len - 4, ".xml") == 0)
        len -= 4;
    return parley_i_strndup(ctx, base, len);
}

/* ---- parsing -------------------------------------------------------- */

/* libxml2 reports some errors (encoding conversion, I/O) through its
 * per-thread global handlers even with XML_PARSE_NOERROR; while parley
 * parses, these handlers swallow them (the parser context keeps the last
 * error for the diagnostic). */
#if LIBXML_VERSION >= 21200
static void quiet_structured(void *user, const xmlError *error)
#else
static void quiet_structured(void *user, xmlErrorPtr error)
#endif
{
    (void)user;
    (void)error;
}

static void quiet_generic(void *user, const char *message, ...)
{
    (void)user;
    (void)message;
}

/* Parses under the quiet handlers and puts the caller's back. */
static xmlDocPtr read_quietly(xmlParserCtxtPtr parser, const char *bytes,
                              int len, int options)
{
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_user = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_user = xmlGenericErrorContext;
    xmlDocPtr doc;

    xmlSetStructuredErrorFunc(NULL, quiet_structured);
    xmlSetGenericErrorFunc(NULL, quiet_generic);
    doc = xmlCtxtReadMemory(parser, bytes, len, NULL, NULL, options);
    xmlSetStructuredErrorFunc(old_structured_user, old_structured);
    xmlSetGenericErrorFunc(old_generic_user, old_generic);
    return doc;
}

/*
 * Parses one input.  Malformed XML is PARLEY_EPARSE at libxml2's line and
 * column; a DOCTYPE is refused (GENIUS files have none, and refusing it
 * rules out entity expansion).
 */
static parley_status parse_xml(parley_ctx *ctx, const char *name,
                               const char *bytes, size_t len, xmlDocPtr *out)
{
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
                        XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    xmlParserCtxtPtr parser;
    xmlDocPtr doc;

    *out = NULL;
    if (len > (size_t)INT_MAX)
        return parley_i_error(ctx, PARLEY_ELIMIT, name, 0, 0,
                              "XML input of %zu bytes is larger than the "
                              "parser accepts (%d bytes)",
                              len, INT_MAX);
    if (len == 0)
        return parley_i_error(ctx, PARLEY_EPARSE, name, 0, 0,
                              "empty file, expected a GENIUS XML domain or "
                              "profile");
    xmlInitParser();
    parser = xmlNewParserCtxt();
    if (!parser)
        return parley_i_nomem(ctx);
    doc = read_quietly(parser, bytes, (int)len, options);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(parser);
        char message[256] = "not well-formed XML";
        unsigned line = 0, col = 0;
        size_t n;

        if (e && e->code == XML_ERR_NO_MEMORY) {
            xmlFreeParserCtxt(parser);
            return parley_i_nomem(ctx);
        }
        if (e && e->message) {
            snprintf(message, sizeof message, "%s", e->message);
            n = strlen(message);
            while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
                message[--n] = '\0';
        }
        if (e && e->line > 0)
            line = (unsigned)e->line;
        if (e && e->int2 > 0)
            col = (unsigned)e->int2;
        xmlFreeParserCtxt(parser);
        return parley_i_error(ctx, PARLEY_EPARSE, name, line, col,
                              "malformed XML: %s", message);
    }
    xmlFreeParserCtxt(parser);
    if (doc->intSubset || doc->extSubset) {
        const xmlNode *dtd =
            (const xmlNode *)(doc->intSubset ? doc->intSubset : doc->extSubset);
        unsigned line = node_line(dtd);

        xmlFreeDoc(doc);
        return parley_i_error(ctx, PARLEY_EPARSE, name, line ? line : 1, 0,
                              "a DOCTYPE is not accepted, expected a plain "
                              "GENIUS XML file");
    }
    *out = doc;
    return PARLEY_OK;
}

/* The <utility_space> of a domain or profile, or NULL. */
static const xmlNode *utility_space(const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);

    if (is_element(root, "utility_space"))
        return root;
    if (is_element(root, "negotiation_template"))
        return first_child(root, "utility_space");
    return NULL;
}

typedef enum doc_kind {
    DOC_OTHER = 0,
    DOC_DOMAIN = 1,
    DOC_PROFILE = 2
} doc_kind;

/* Domain: root <negotiation_template>, or <utility_space> whose objective
 * holds no <weight>.  Profile: <utility_space> with weights. */
static doc_kind classify(const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);

    if (is_element(root, "negotiation_template"))
        return DOC_DOMAIN;
    if (!is_element(root, "utility_space"))
        return DOC_OTHER;
    return first_child(first_child(root, "objective"), "weight") ? DOC_PROFILE
                                                                 : DOC_DOMAIN;
}

static parley_status not_genius(parley_ctx *ctx, const genius_doc *d)
{
    const xmlNode *root = xmlDocGetRootElement(d->doc);

    return node_error(ctx, PARLEY_EVALID, d->name, root,
                      "root element <%s> is not GENIUS, expected "
                      "<negotiation_template> (domain) or <utility_space> "
                      "(domain or profile)",
                      root && root->name ? (const char *)root->name : "");
}

/* The root <objective> of a document, or an error. */
static parley_status find_objective(parley_ctx *ctx, const genius_doc *d,
                                    const xmlNode **out)
{
    const xmlNode *space = utility_space(d->doc);
    const xmlNode *objective;

    *out = NULL;
    if (!space)
        return node_error(ctx, PARLEY_EVALID, d->name,
                          xmlDocGetRootElement(d->doc),
                          "no <utility_space>, expected one under the root "
                          "element");
    objective = first_child(space, "objective");
    if (!objective)
        return node_error(ctx, PARLEY_EVALID, d->name, space,
                          "<utility_space> has no <objective>, expected the "
                          "root objective holding the issues");
    if (first_child(objective, "objective"))
        return node_error(ctx, PARLEY_EUNSUPPORTED, d->name,
                          first_child(objective, "objective"),
                          "nested objectives are not supported, expected "
                          "every <issue> directly under the root objective");
    *out = objective;
    return PARLEY_OK;
}

/* ---- the domain ----------------------------------------------------- */

static double spread(size_t i, size_t n)
{
    return n > 1 ? 100.0 * (double)i / (double)(n - 1) : 0.0;
}

static parley_status read_discrete(builder *b, const genius_doc *d,
                                   const xmlNode *node, parley_issue *is)
{
    parley_ctx *ctx = b->ctx;
    size_t n = count_children(node, "item"), i = 0, j;
    const xmlNode *item;

    if (n == 0)
        return node_error(ctx, PARLEY_EVALID, d->name, node,
                          "issue '%s' has no <item>, expected at least one "
                          "value",
                          is->id);
    if (n > ctx->limits.max_options)
        return node_error(ctx, PARLEY_ELIMIT, d->name, node,
                          "issue '%s' has %zu values, over the limit of %zu "
                          "options (raise it with --max-options)",
                          is->id, n, ctx->limits.max_options);
    is->options = parley_i_alloc_array(ctx, n, sizeof *is->options);
    if (!is->options)
        return parley_i_nomem(ctx);
    is->n_options = n;
    for (item = node->children; item; item = item->next) {
        parley_option *opt;
        const char *value;

        if (!is_element(item, "item"))
            continue;
        value = attr(item, "value");
        if (!value || !*value)
            return node_error(ctx, PARLEY_EVALID, d->name, item,
                              "an <item> of issue '%s' has no value, "
                              "expected value=\"...\"",
                              is->id);
        for (j = 0; j < i; j++)
            if (strcmp(is->options[j].label, value) == 0)
                return node_error(ctx, PARLEY_EVALID, d->name, item,
                                  "issue '%s' lists value '%s' twice, "
                                  "expected distinct values",
                                  is->id, value);
        opt = &is->options[i];
        opt->source = PARLEY_NO_INDEX;
        opt->label = parley_i_strdup(ctx, value);
        opt->id = join3(ctx, is->id, ":", value);
        if (!opt->label || !opt->id)
            return parley_i_nomem(ctx);
        opt->value = spread(i, n);
        i++;
    }
    return PARLEY_OK;
}

static parley_status read_bound(builder *b, const genius_doc *d,
                                const xmlNode *node, const char *issue,
                                const char *name, long *out)
{
    const char *text = attr(node, name);

    if (!text)
        return node_error(b->ctx, PARLEY_EVALID, d->name, node,
                          "integer issue '%s' has no %s, expected "
                          "%s=\"<integer>\"",
                          issue, name, name);
    if (!parley_i_parse_long(text, out))
        return node_error(b->ctx, PARLEY_EPARSE, d->name, node,
                          "integer issue '%s': %s '%s' is not an integer",
                          issue, name, text);
    return PARLEY_OK;
}

static parley_status read_integer(builder *b, const genius_doc *d,
                                  const xmlNode *node, parley_issue *is,
                                  domain_issue *info)
{
    parley_ctx *ctx = b->ctx;
    unsigned long span;
    size_t n, i;
    parley_status status;

    status = read_bound(b, d, node, is->id, "lowerbound", &info->lower);
    if (status == PARLEY_OK)
        status = read_bound(b, d, node, is->id, "upperbound", &info->upper);
    if (status != PARLEY_OK)
        return status;
    if (info->lower > info->upper)
        return node_error(ctx, PARLEY_EVALID, d->name, node,
                          "integer issue '%s' has lowerbound %ld above "
                          "upperbound %ld, expected lowerbound <= upperbound",
                          is->id, info->lower, info->upper);
    span = (unsigned long)info->upper - (unsigned long)info->lower;
    if (span >= ctx->limits.max_options)
        return node_error(ctx, PARLEY_ELIMIT, d->name, node,
                          "integer issue '%s' has %lu%s values (%ld..%ld), "
                          "over the limit of %zu options (raise it with "
                          "--max-options)",
                          is->id, span == ULONG_MAX ? span : span + 1,
                          span == ULONG_MAX ? "+" : "", info->lower,
                          info->upper, ctx->limits.max_options);
    n = (size_t)span + 1;
    is->options = parley_i_alloc_array(ctx, n, sizeof *is->options);
    if (!is->options)
        return parley_i_nomem(ctx);
    is->n_options = n;
    for (i = 0; i < n; i++) {
        parley_option *opt = &is->options[i];
        char number[32];

        snprintf(number, sizeof number, "%ld", info->lower + (long)i);
        opt->source = PARLEY_NO_INDEX;
        opt->label = parley_i_strdup(ctx, number);
        opt->id = join3(ctx, is->id, ":", number);
        if (!opt->label || !opt->id)
            return parley_i_nomem(ctx);
        opt->value = spread(i, n);
    }
    return PARLEY_OK;
}

static parley_status read_domain_issue(builder *b, const genius_doc *d,
                                       const xmlNode *node, size_t k)
{
    parley_ctx *ctx = b->ctx;
    parley_issue *is = &b->s->issues[k];
    domain_issue *info = &b->info[k];
    const char *name = attr(node, "name");
    const char *index = attr(node, "index");
    const char *type = attr(node, "type");

    is->scale_min = 0;
    is->scale_max = 100;
    is->status_quo = NAN;
    is->status_quo_option = PARLEY_NO_INDEX;
    is->outcome = NAN;
    is->reference_point = NAN;
    is->source = PARLEY_NO_INDEX;
    is->shape = PARLEY_SHAPE_LINEAR;
    if (!name || !*name)
        return node_error(ctx, PARLEY_EVALID, d->name, node,
                          "<issue> without a name, expected name=\"...\"");
    is->id = parley_i_strdup(ctx, name);
    is->name = parley_i_strdup(ctx, name);
    if (!is->id || !is->name)
        return parley_i_nomem(ctx);
    if (!index)
        return node_error(ctx, PARLEY_EVALID, d->name, node,
                          "issue '%s' has no index, expected "
                          "index=\"<issue number>\"",
                          name);
    if (!parley_i_parse_long(index, &info->index))
        return node_error(ctx, PARLEY_EPARSE, d->name, node,
                          "issue '%s': index '%s' is not an integer", name,
                          index);
    if (!type)
        type = attr(node, "vtype");
    if (!type)
        type = attr(node, "etype");
    if (!type || strcmp(type, "discrete") == 0) {
        info->kind = KIND_DISCRETE;
        return read_discrete(b, d, node, is);
    }
    if (strcmp(type, "integer") == 0) {
        info->kind = KIND_INTEGER;
        return read_integer(b, d, node, is, info);
    }
    if (strcmp(type, "real") == 0)
        return node_error(ctx, PARLEY_EUNSUPPORTED, d->name, node,
                          "issue '%s' is a real (continuous) issue, which "
                          "GENIUS cannot enumerate either; expected a "
                          "discrete or integer issue",
                          name);
    return node_error(ctx, PARLEY_EUNSUPPORTED, d->name, node,
                      "issue '%s' has type '%s', expected discrete or "
                      "integer",
                      name, type);
}

static int cmp_index(const void *pa, const void *pb)
{
    long a = ((const index_ref *)pa)->index;
    long b = ((const index_ref *)pb)->index;

    return (a > b) - (a < b);
}

typedef struct option_ref {
    const char *id;
    size_t issue;
} option_ref;

static int cmp_option_ref(const void *pa, const void *pb)
{
    return strcmp(((const option_ref *)pa)->id, ((const option_ref *)pb)->id);
}

/*
 * Option ids "<issue>:<value>" are unique within an issue; across issues
 * they can collide only when an issue name holds ':'.  Then every id is
 * sorted and compared with its neighbour.
 */
static parley_status check_option_ids(builder *b, const genius_doc *d,
                                      const xmlNode *objective)
{
    parley_ctx *ctx = b->ctx;
    const parley_scenario *s = b->s;
    option_ref *refs;
    size_t k, i, n = 0;
    int colon = 0;
    parley_status status = PARLEY_OK;

    for (k = 0; k < s->n_issues; k++) {
        colon |= strchr(s->issues[k].id, ':') != NULL;
        n += s->issues[k].n_options;
    }
    if (!colon || n < 2)
        return PARLEY_OK;
    refs = parley_i_alloc_array(ctx, n, sizeof *refs);
    if (!refs)
        return parley_i_nomem(ctx);
    n = 0;
    for (k = 0; k < s->n_issues; k++)
        for (i = 0; i < s->issues[k].n_options; i++) {
            refs[n].id = s->issues[k].options[i].id;
            refs[n++].issue = k;
        }
    qsort(refs, n, sizeof *refs, cmp_option_ref);
    for (i = 1; i < n && status == PARLEY_OK; i++)
        if (strcmp(refs[i - 1].id, refs[i].id) == 0)
            status = node_error(ctx, PARLEY_EVALID, d->name, objective,
                                "option id '%s' names a value of issue '%s' "
                                "and one of issue '%s', expected issue names "
                                "that keep \"<issue>:<value>\" ids distinct",
                                refs[i].id, s->issues[refs[i - 1].issue].id,
                                s->issues[refs[i].issue].id);
    parley_i_free(ctx, refs, n * sizeof *refs);
    return status;
}

/* Fills the scenario's issues from the domain. */
static parley_status read_domain(builder *b, const genius_doc *d)
{
    parley_ctx *ctx = b->ctx;
    parley_scenario *s = b->s;
    const xmlNode *objective, *node;
    parley_status status;
    size_t n, k = 0, i, j;

    status = find_objective(ctx, d, &objective);
    if (status != PARLEY_OK)
        return status;
    n = count_children(objective, "issue");
    if (n == 0)
        return node_error(ctx, PARLEY_EVALID, d->name, objective,
                          "the domain's objective has no <issue>, expected "
                          "at least one");
    if (n > ctx->limits.max_issues)
        return node_error(ctx, PARLEY_ELIMIT, d->name, objective,
                          "%zu issues exceed the limit of %zu, expected "
                          "fewer (raise it with --max-issues)",
                          n, ctx->limits.max_issues);
    b->info = parley_i_alloc_array(ctx, n, sizeof *b->info);
    if (!b->info)
        return parley_i_nomem(ctx);
    b->by_index = parley_i_alloc_array(ctx, n, sizeof *b->by_index);
    if (!b->by_index) {
        parley_i_free(ctx, b->info, n * sizeof *b->info);
        b->info = NULL;
        return parley_i_nomem(ctx);
    }
    b->n_info = n;
    s->issues = parley_i_alloc_array(ctx, n, sizeof *s->issues);
    if (!s->issues)
        return parley_i_nomem(ctx);
    s->n_issues = n;
    for (node = objective->children; node; node = node->next) {
        if (!is_element(node, "issue"))
            continue;
        status = combine(status, read_domain_issue(b, d, node, k));
        if (status == PARLEY_ENOMEM)
            return status;
        b->by_index[k].index = b->info[k].index;
        b->by_index[k].issue = k;
        k++;
    }
    if (status != PARLEY_OK)
        return status;
    /* names and GENIUS indices identify issues: both must be unique */
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if (strcmp(s->issues[i].id, s->issues[j].id) == 0)
                status = node_error(ctx, PARLEY_EVALID, d->name, objective,
                                    "two issues are named '%s', expected "
                                    "distinct issue names",
                                    s->issues[i].id);
    qsort(b->by_index, n, sizeof *b->by_index, cmp_index);
    for (i = 1; i < n; i++)
        if (b->by_index[i - 1].index == b->by_index[i].index)
            status = node_error(
                ctx, PARLEY_EVALID, d->name, objective,
                "issues '%s' and '%s' share index %ld, expected distinct "
                "issue numbers",
                s->issues[b->by_index[i - 1].issue].id,
                s->issues[b->by_index[i].issue].id, b->by_index[i].index);
    if (status != PARLEY_OK)
        return status;
    return check_option_ids(b, d, objective);
}

/* Position of the domain issue with this GENIUS index, or PARLEY_NO_INDEX. */
static size_t issue_by_index(const builder *b, long index)
{
    size_t lo = 0, hi = b->s->n_issues;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long at = b->by_index[mid].index;

        if (at == index)
            return b->by_index[mid].issue;
        if (at < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return PARLEY_NO_INDEX;
}

/* ---- profiles ------------------------------------------------------- */

/* Reads <name value="..."> under <utility_space> into *num (absent: the
 * fallback with present == 0). */
static parley_status read_scalar(builder *b, const genius_doc *p,
                                 const xmlNode *space, const char *name,
                                 double fallback, parley_num *num)
{
    const xmlNode *node = first_child(space, name);
    const char *text;
    double value;

    *num = parley_i_num_point(fallback);
    num->present = 0;
    if (!node)
        return PARLEY_OK;
    text = attr(node, "value");
    if (!text)
        return node_error(b->ctx, PARLEY_EVALID, p->name, node,
                          "<%s> has no value, expected value=\"<number>\"",
                          name);
    if (!parley_i_parse_double(text, &value))
        return node_error(b->ctx, PARLEY_EPARSE, p->name, node,
                          "<%s> value '%s' is not a finite number", name, text);
    *num = parley_i_num_point(value);
    num->line = node_line(node);
    return PARLEY_OK;
}

/* Evaluations of a discrete issue, raw, into option_values. */
static parley_status read_items(builder *b, const genius_doc *p,
                                const xmlNode *node, size_t k, double *values)
{
    parley_ctx *ctx = b->ctx;
    const parley_issue *is = &b->s->issues[k];
    const xmlNode *item;
    size_t i, seen = 0;
    parley_status status = PARLEY_OK;

    for (i = 0; i < is->n_options; i++)
        values[i] = NAN;
    for (item = node->children; item; item = item->next) {
        const char *value, *evaluation;
        double e;

        if (!is_element(item, "item"))
            continue;
        value = attr(item, "value");
        if (!value)
            return node_error(ctx, PARLEY_EVALID, p->name, item,
                              "an <item> of issue '%s' has no value, "
                              "expected value=\"...\"",
                              is->id);
        /* items usually follow the domain's order: try that place first */
        i = seen < is->n_options && strcmp(is->options[seen].label, value) == 0
                ? seen
                : PARLEY_NO_INDEX;
        for (size_t j = 0; i == PARLEY_NO_INDEX && j < is->n_options; j++)
            if (strcmp(is->options[j].label, value) == 0)
                i = j;
        seen++;
        if (i == PARLEY_NO_INDEX)
            return node_error(ctx, PARLEY_EVALID, p->name, item,
                              "value '%s' is not a value of issue '%s' in "
                              "the domain, expected one of the domain's "
                              "values",
                              value, is->id);
        if (!isnan(values[i]))
            return node_error(ctx, PARLEY_EVALID, p->name, item,
                              "value '%s' of issue '%s' is evaluated twice, "
                              "expected one <item> per value",
                              value, is->id);
        evaluation = attr(item, "evaluation");
        if (!evaluation || strcmp(evaluation, "null") == 0)
            continue; /* reported below as a value without evaluation */
        if (!parley_i_parse_double(evaluation, &e))
            return node_error(ctx, PARLEY_EPARSE, p->name, item,
                              "evaluation '%s' of value '%s' (issue '%s') "
                              "is not a finite number",
                              evaluation, value, is->id);
        if (e < 0)
            return node_error(ctx, PARLEY_EVALID, p->name, item,
                              "evaluation %g of value '%s' (issue '%s') is "
                              "negative, expected a number >= 0",
                              e, value, is->id);
        values[i] = e;
    }
    for (i = 0; i < is->n_options; i++)
        if (isnan(values[i]))
            status =
                node_error(ctx, PARLEY_EVALID, p->name, node,
                           "value '%s' of issue '%s' has no evaluation, "
                           "expected <item value=\"%s\" "
                           "evaluation=\"<number>\">",
                           is->options[i].label, is->id, is->options[i].label);
    return status;
}

/* GENIUS EvaluatorDiscrete.normalize, unless raw evaluations are asked
 * for. */
static void normalise(double *values, size_t n, int raw)
{
    double max = 0;
    size_t i;

    if (raw)
        return;
    for (i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    for (i = 0; i < n; i++)
        values[i] = max < GENIUS_MAX_EVAL_FLOOR ? 0.0 : values[i] / max;
}

/* An integer issue's linear evaluator into option_values. */
static parley_status read_evaluator(builder *b, const genius_doc *p,
                                    const xmlNode *node, size_t k,
                                    double *values)
{
    parley_ctx *ctx = b->ctx;
    const parley_issue *is = &b->s->issues[k];
    const domain_issue *info = &b->info[k];
    const xmlNode *ev = first_child(node, "evaluator");
    const char *ftype, *slope_text, *offset_text;
    const char *bounds[2] = {"lowerbound", "upperbound"};
    long domain_bound[2];
    double slope, offset;
    size_t i;

    domain_bound[0] = info->lower;
    domain_bound[1] = info->upper;
    for (i = 0; i < 2; i++) {
        const char *text = attr(node, bounds[i]);
        long bound;

        if (!text)
            continue;
        if (!parley_i_parse_long(text, &bound))
            return node_error(ctx, PARLEY_EPARSE, p->name, node,
                              "integer issue '%s': %s '%s' is not an "
                              "integer",
                              is->id, bounds[i], text);
        if (bound != domain_bound[i])
            return node_error(ctx, PARLEY_EVALID, p->name, node,
                              "integer issue '%s' has %s %ld here but %ld "
                              "in the domain, expected the domain's range",
                              is->id, bounds[i], bound, domain_bound[i]);
    }
    if (!ev)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "integer issue '%s' has no <evaluator>, expected "
                          "<evaluator ftype=\"linear\" slope=... offset=...>",
                          is->id);
    ftype = attr(ev, "ftype");
    if (ftype && strcmp(ftype, "linear") != 0)
        return node_error(ctx, PARLEY_EUNSUPPORTED, p->name, ev,
                          "integer issue '%s' has an evaluator of type "
                          "'%s', expected ftype=\"linear\"",
                          is->id, ftype);
    slope_text = attr(ev, "slope");
    offset_text = attr(ev, "offset");
    if (!slope_text || !offset_text)
        return node_error(ctx, PARLEY_EVALID, p->name, ev,
                          "the evaluator of integer issue '%s' lacks %s, "
                          "expected slope=\"<number>\" and "
                          "offset=\"<number>\"",
                          is->id, slope_text ? "offset" : "slope");
    if (!parley_i_parse_double(slope_text, &slope) ||
        !parley_i_parse_double(offset_text, &offset))
        return node_error(ctx, PARLEY_EPARSE, p->name, ev,
                          "the evaluator of integer issue '%s' has slope "
                          "'%s' and offset '%s', expected finite numbers",
                          is->id, slope_text, offset_text);
    for (i = 0; i < is->n_options; i++) {
        /* GENIUS EvaluatorInteger: evalLinear(x - lowerbound), clamped */
        double e = slope * (double)i + offset;

        values[i] = e < 0 ? 0.0 : e > 1 ? 1.0 : e;
    }
    return PARLEY_OK;
}

/* One <issue> of a profile: which domain issue, then its evaluations. */
static parley_status read_profile_issue(builder *b, const genius_doc *p,
                                        const xmlNode *node, size_t a)
{
    parley_ctx *ctx = b->ctx;
    const char *index = attr(node, "index"), *name = attr(node, "name");
    const char *type = attr(node, "type");
    parley_stance *st;
    long number;
    size_t k;
    parley_status status;

    if (!index)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue '%s' has no index, expected the domain's "
                          "index=\"<issue number>\"",
                          name ? name : "");
    if (!parley_i_parse_long(index, &number))
        return node_error(ctx, PARLEY_EPARSE, p->name, node,
                          "issue index '%s' is not an integer", index);
    k = issue_by_index(b, number);
    if (k == PARLEY_NO_INDEX)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue '%s' (index %ld) is not in the domain, "
                          "expected the index of a domain issue",
                          name ? name : "", number);
    if (name && strcmp(name, b->s->issues[k].id) != 0)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue index %ld is '%s' here but '%s' in the "
                          "domain: the profile does not match the domain",
                          number, name, b->s->issues[k].id);
    if (!type)
        type = attr(node, "vtype");
    if (type &&
        strcmp(type, b->info[k].kind == KIND_INTEGER ? "integer" : "discrete"))
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue '%s' is '%s' here but %s in the domain: "
                          "the profile does not match the domain",
                          b->s->issues[k].id, type,
                          b->info[k].kind == KIND_INTEGER ? "integer"
                                                          : "discrete");
    st = parley_i_stance(b->s, a, k);
    if (st->option_values)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue '%s' is evaluated twice, expected one "
                          "<issue> per domain issue",
                          b->s->issues[k].id);
    st->option_values = parley_i_alloc_array(ctx, b->s->issues[k].n_options,
                                             sizeof *st->option_values);
    if (!st->option_values)
        return parley_i_nomem(ctx);
    if (b->info[k].kind == KIND_INTEGER)
        return read_evaluator(b, p, node, k, st->option_values);
    status = read_items(b, p, node, k, st->option_values);
    if (status == PARLEY_OK)
        normalise(st->option_values, b->s->issues[k].n_options, b->raw);
    return status;
}

static parley_status read_weight(builder *b, const genius_doc *p,
                                 const xmlNode *node, long objective_index,
                                 int has_objective_index, size_t a)
{
    parley_ctx *ctx = b->ctx;
    const char *index = attr(node, "index"), *value = attr(node, "value");
    parley_stance *st;
    long number;
    double weight;
    size_t k;

    if (!index || !value)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "<weight> lacks %s, expected "
                          "<weight index=\"<issue number>\" "
                          "value=\"<number>\">",
                          index ? "a value" : "an index");
    if (!parley_i_parse_long(index, &number))
        return node_error(ctx, PARLEY_EPARSE, p->name, node,
                          "weight index '%s' is not an integer", index);
    k = issue_by_index(b, number);
    if (k == PARLEY_NO_INDEX) {
        if (has_objective_index && number == objective_index)
            return PARLEY_OK; /* the objective's own weight: not an issue */
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "weight for index %ld, which is no issue of the "
                          "domain, expected the index of a domain issue",
                          number);
    }
    if (!parley_i_parse_double(value, &weight))
        return node_error(ctx, PARLEY_EPARSE, p->name, node,
                          "weight '%s' of issue '%s' is not a finite number",
                          value, b->s->issues[k].id);
    if (weight < 0)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "weight %g of issue '%s' is negative, expected a "
                          "number >= 0",
                          weight, b->s->issues[k].id);
    st = parley_i_stance(b->s, a, k);
    if (st->salience.present)
        return node_error(ctx, PARLEY_EVALID, p->name, node,
                          "issue '%s' has two weights, expected one",
                          b->s->issues[k].id);
    st->salience = parley_i_num_point(weight); /* exact, not renormalised */
    st->salience.line = node_line(node);
    return PARLEY_OK;
}

/* The option index with the highest utility (the first among ties). */
static size_t best_option(const double *values, size_t n)
{
    size_t i, best = 0;

    for (i = 1; i < n; i++)
        if (values[i] > values[best])
            best = i;
    return best;
}

/* One profile becomes actor a. */
static parley_status read_profile(builder *b, const genius_doc *p, size_t a)
{
    parley_ctx *ctx = b->ctx;
    parley_scenario *s = b->s;
    parley_actor *actor = &s->actors[a];
    const xmlNode *space = utility_space(p->doc), *objective, *node;
    const char *objective_text;
    long objective_index = 0;
    int has_objective_index;
    parley_status status = PARLEY_OK;
    size_t k, n;

    actor->id = actor_id_from_name(ctx, p->name);
    actor->name = parley_i_strdup(ctx, actor->id);
    if (!actor->id || !actor->name)
        return parley_i_nomem(ctx);
    actor->role = PARLEY_ROLE_PARTY;
    actor->source = PARLEY_NO_INDEX;
    actor->capability = parley_i_num_point(1.0);
    actor->capability.present = 0;
    actor->risk = parley_i_num_point(0.0);
    actor->risk.present = 0;
    status = find_objective(ctx, p, &objective);
    if (status != PARLEY_OK)
        return status;
    status = combine(status, read_scalar(b, p, space, "reservation", 0.0,
                                         &actor->reservation));
    status = combine(status, read_scalar(b, p, space, "discount_factor", 1.0,
                                         &actor->discount));
    if (actor->discount.present &&
        !(actor->discount.mode >= 0 && actor->discount.mode <= 1))
        status =
            combine(status, node_error(ctx, PARLEY_EVALID, p->name,
                                       first_child(space, "discount_factor"),
                                       "discount factor %g, expected a number "
                                       "in [0, 1]",
                                       actor->discount.mode));
    n = count_children(objective, "issue");
    if (n > s->n_issues)
        return combine(status,
                       node_error(ctx, PARLEY_EVALID, p->name, objective,
                                  "the profile has %zu issues but the "
                                  "domain %zu: the profile does not match "
                                  "the domain",
                                  n, s->n_issues));
    objective_text = attr(objective, "index");
    has_objective_index =
        objective_text && parley_i_parse_long(objective_text, &objective_index);
    for (node = objective->children; node; node = node->next) {
        if (is_element(node, "issue"))
            status = combine(status, read_profile_issue(b, p, node, a));
        else if (is_element(node, "weight"))
            status = combine(status, read_weight(b, p, node, objective_index,
                                                 has_objective_index, a));
        if (status == PARLEY_ENOMEM)
            return status;
    }
    for (k = 0; k < s->n_issues; k++) {
        parley_stance *st = parley_i_stance(s, a, k);

        if (!st->option_values)
            status = combine(
                status, node_error(ctx, PARLEY_EVALID, p->name, objective,
                                   "no evaluation for issue '%s' (index "
                                   "%ld), expected an <issue index=\"%ld\"> "
                                   "in the profile",
                                   s->issues[k].id, b->info[k].index,
                                   b->info[k].index));
        if (!st->salience.present)
            status = combine(status,
                             node_error(ctx, PARLEY_EVALID, p->name, objective,
                                        "no weight for issue '%s', expected "
                                        "<weight index=\"%ld\" value=...>",
                                        s->issues[k].id, b->info[k].index));
    }
    if (status != PARLEY_OK)
        return status;
    for (k = 0; k < s->n_issues; k++) {
        parley_stance *st = parley_i_stance(s, a, k);
        const parley_issue *is = &s->issues[k];

        st->present = 1;
        st->position = parley_i_num_point(
            is->options[best_option(st->option_values, is->n_options)].value);
    }
    return PARLEY_OK;
}

/* ---- assembling ----------------------------------------------------- */

/* The scenario id: the domain file name without directories and ".xml". */
static parley_status name_scenario(builder *b, const genius_doc *domain)
{
    parley_scenario *s = b->s;

    s->id = actor_id_from_name(b->ctx, domain->name);
    s->name = parley_i_strdup(b->ctx, s->id);
    s->file = parley_i_strdup(b->ctx, domain->name);
    if (!s->id || !s->name || !s->file)
        return parley_i_nomem(b->ctx);
    return PARLEY_OK;
}

/*
 * Builds the scenario from parsed documents (the domain, then profiles in
 * actor order) and runs the common checks.  On failure *out stays NULL.
 */
static parley_status build(parley_ctx *ctx, const genius_doc *domain,
                           const genius_doc *profiles, size_t n_profiles,
                           const parley_load_options *opts,
                           parley_scenario **out)
{
    builder b;
    parley_status status;
    size_t a;

    memset(&b, 0, sizeof b);
    b.ctx = ctx;
    b.raw = opts && opts->genius_raw;
    if (n_profiles == 0)
        return parley_i_error(ctx, PARLEY_EVALID, domain->name, 0, 0,
                              "no utility profile, expected the domain "
                              "followed by at least one profile");
    if (n_profiles > ctx->limits.max_actors)
        return parley_i_error(ctx, PARLEY_ELIMIT, domain->name, 0, 0,
                              "%zu profiles exceed the limit of %zu actors, "
                              "expected fewer (raise it with --max-actors)",
                              n_profiles, ctx->limits.max_actors);
    b.s = parley_i_scenario_new(ctx);
    if (!b.s)
        return parley_i_nomem(ctx);
    status = name_scenario(&b, domain);
    if (status == PARLEY_OK)
        status = read_domain(&b, domain);
    if (status != PARLEY_OK)
        goto done;
    b.s->actors = parley_i_alloc_array(ctx, n_profiles, sizeof *b.s->actors);
    if (!b.s->actors) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    b.s->n_actors = n_profiles;
    status = parley_i_scenario_alloc_stances(ctx, b.s, domain->name);
    for (a = 0; a < n_profiles && status != PARLEY_ENOMEM; a++)
        status = combine(status, read_profile(&b, &profiles[a], a));
    if (status != PARLEY_OK)
        goto done;
    b.s->format = PARLEY_FORMAT_GENIUS;
    b.s->utility_additive_raw = 1;
    status = parley_i_scenario_check(ctx, b.s);
done:
    parley_i_free(ctx, b.info, b.n_info * sizeof *b.info);
    parley_i_free(ctx, b.by_index, b.n_info * sizeof *b.by_index);
    if (status != PARLEY_OK) {
        parley_scenario_free(b.s);
        return status;
    }
    *out = b.s;
    return PARLEY_OK;
}

/* ---- entry points --------------------------------------------------- */

static void free_docs(genius_doc *docs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (docs[i].doc)
            xmlFreeDoc(docs[i].doc);
}

/* Says what a document is when it is not what was expected. */
static parley_status wrong_kind(parley_ctx *ctx, const genius_doc *d,
                                doc_kind expected)
{
    doc_kind kind = classify(d->doc);

    if (kind == DOC_OTHER)
        return not_genius(ctx, d);
    if (expected == DOC_DOMAIN)
        return node_error(ctx, PARLEY_EVALID, d->name,
                          xmlDocGetRootElement(d->doc),
                          "this is a GENIUS utility profile (it has "
                          "weights), expected the domain first");
    return node_error(ctx, PARLEY_EVALID, d->name, xmlDocGetRootElement(d->doc),
                      "this is a GENIUS domain (it has no weights), "
                      "expected a utility profile with <weight> elements");
}

parley_status parley_i_load_genius_inputs(parley_ctx *ctx,
                                          const parley_genius_input *domain,
                                          const parley_genius_input *profiles,
                                          size_t n_profiles,
                                          const parley_load_options *opts,
                                          parley_scenario **out)
{
    genius_doc *docs;
    parley_status status = PARLEY_OK;
    size_t i, n;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || !domain || (n_profiles && !profiles))
        return PARLEY_EINVAL;
    if (n_profiles > ctx->limits.max_actors)
        return parley_i_error(ctx, PARLEY_ELIMIT, domain->name, 0, 0,
                              "%zu profiles exceed the limit of %zu actors, "
                              "expected fewer (raise it with --max-actors)",
                              n_profiles, ctx->limits.max_actors);
    n = n_profiles + 1;
    docs = parley_i_alloc_array(ctx, n, sizeof *docs);
    if (!docs)
        return parley_i_nomem(ctx);
    for (i = 0; i < n && status != PARLEY_ENOMEM; i++) {
        const parley_genius_input *in = i ? &profiles[i - 1] : domain;
        parley_status parsed;

        docs[i].name = in->name ? in->name : "<buffer>";
        parsed = parse_xml(ctx, docs[i].name, in->bytes, in->len, &docs[i].doc);
        if (parsed == PARLEY_OK &&
            classify(docs[i].doc) != (i ? DOC_PROFILE : DOC_DOMAIN))
            parsed = wrong_kind(ctx, &docs[i], i ? DOC_PROFILE : DOC_DOMAIN);
        status = combine(status, parsed);
    }
    if (status == PARLEY_OK)
        status = build(ctx, &docs[0], docs + 1, n_profiles, opts, out);
    free_docs(docs, n);
    parley_i_free(ctx, docs, n * sizeof *docs);
    return status;
}

parley_status parley_i_load_genius(parley_ctx *ctx, const char *name,
                                   const char *bytes, size_t len,
                                   const parley_load_options *opts,
                                   parley_scenario **out)
{
    (void)bytes;
    (void)len;
    (void)opts;
    *out = NULL;
    return parley_i_error(ctx, PARLEY_EUNSUPPORTED, name, 0, 0,
                          "a GENIUS domain or profile alone is not a "
                          "scenario, expected the folder holding the domain "
                          "and its profiles, the domain file (its folder's "
                          "profiles load with it) or "
                          "parley_scenario_load_files(domain, profiles...)");
}

int parley_i_is_directory(const char *path)
{
    struct stat st;

    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_regular(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_string(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* A list of file paths owned through the context. */
typedef struct path_list {
    char **paths;
    size_t n, cap;
} path_list;

static void path_list_destroy(const parley_ctx *ctx, path_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++)
        parley_i_strfree(ctx, list->paths[i]);
    parley_i_free(ctx, list->paths, list->cap * sizeof *list->paths);
    memset(list, 0, sizeof *list);
}

static char *join_path(const parley_ctx *ctx, const char *dir, const char *name)
{
    size_t len = strlen(dir);

    return join3(ctx, dir, len && dir[len - 1] == '/' ? "" : "/", name);
}

/*
 * The regular files named *.xml (any case) in dir, except `skip` and
 * hidden files, as "dir/name" sorted by name.
 */
static parley_status list_xml(parley_ctx *ctx, const char *dir,
                              const char *skip, path_list *list)
{
    DIR *folder = opendir(dir);
    const struct dirent *entry;
    parley_status status = PARLEY_OK;

    memset(list, 0, sizeof *list);
    if (!folder)
        return parley_i_error(ctx, PARLEY_EIO, dir, 0, 0,
                              "cannot open folder: %s", strerror(errno));
    while ((entry = readdir(folder)) != NULL) {
        const char *name = entry->d_name;
        size_t len = strlen(name);
        char *path;

        if (name[0] == '.' || len <= 4 ||
            strcasecmp(name + len - 4, ".xml") != 0 ||
            (skip && strcmp(name, skip) == 0))
            continue;
        path = join_path(ctx, dir, name);
        if (!path) {
            status = parley_i_nomem(ctx);
            break;
        }
        if (!is_regular(path)) {
            parley_i_strfree(ctx, path);
            continue;
        }
        if (list->n == list->cap) {
            size_t cap = list->cap ? 2 * list->cap : 16;
            char **grown =
                parley_i_realloc(ctx, list->paths, list->cap * sizeof *grown,
                                 cap * sizeof *grown);

            if (!grown) {
                parley_i_strfree(ctx, path);
                status = parley_i_nomem(ctx);
                break;
            }
            list->paths = grown;
            list->cap = cap;
        }
        list->paths[list->n++] = path;
    }
    closedir(folder);
    if (status != PARLEY_OK) {
        path_list_destroy(ctx, list);
        return status;
    }
    if (list->n)
        qsort(list->paths, list->n, sizeof *list->paths, cmp_string);
    return PARLEY_OK;
}

/* Reads and parses one file into *doc. */
static parley_status read_doc(parley_ctx *ctx, const char *path,
                              genius_doc *doc)
{
    char *bytes;
    size_t len;
    parley_status status;

    doc->name = path;
    doc->doc = NULL;
    status = parley_i_read_file(ctx, path, &bytes, &len);
    if (status != PARLEY_OK)
        return status;
    status = parse_xml(ctx, path, bytes, len, &doc->doc);
    parley_i_free(ctx, bytes, len + 1);
    return status;
}

/*
 * A folder (domain_path NULL) or a domain file and its folder.  The
 * folder's XML files are parsed and sorted out: one domain, the rest
 * profiles in file-name order.
 */
static parley_status load_folder(parley_ctx *ctx, const char *dir,
                                 const char *domain_path,
                                 const char *domain_base,
                                 const parley_load_options *opts,
                                 parley_scenario **out)
{
    path_list list;
    genius_doc *docs = NULL, *profiles = NULL;
    size_t n_docs = 0, n_profiles = 0, i, domain = PARLEY_NO_INDEX;
    parley_status status;

    status = list_xml(ctx, dir, domain_base, &list);
    if (status != PARLEY_OK)
        return status;
    n_docs = list.n + (domain_path != NULL);
    if (n_docs == 0) {
        status = parley_i_error(ctx, PARLEY_EVALID, dir, 0, 0,
                                "no XML file in this folder, expected a "
                                "GENIUS domain and its profiles");
        goto done;
    }
    if (n_docs - 1 > ctx->limits.max_actors) {
        status = parley_i_error(ctx, PARLEY_ELIMIT, dir, 0, 0,
                                "%zu XML files exceed the limit of %zu "
                                "actors, expected fewer (raise it with "
                                "--max-actors)",
                                n_docs - 1, ctx->limits.max_actors);
        goto done;
    }
    docs = parley_i_alloc_array(ctx, n_docs, sizeof *docs);
    profiles = parley_i_alloc_array(ctx, n_docs, sizeof *profiles);
    if (!docs || !profiles) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (i = 0; i < n_docs && status != PARLEY_ENOMEM; i++)
        status = combine(
            status,
            read_doc(ctx, i < list.n ? list.paths[i] : domain_path, &docs[i]));
    if (status != PARLEY_OK)
        goto done;
    if (domain_path) {
        domain = n_docs - 1;
        if (classify(docs[domain].doc) != DOC_DOMAIN) {
            status = classify(docs[domain].doc) == DOC_OTHER
                         ? not_genius(ctx, &docs[domain])
                         : node_error(ctx, PARLEY_EVALID, domain_path,
                                      xmlDocGetRootElement(docs[domain].doc),
                                      "this is a GENIUS utility profile, "
                                      "expected a domain: load its folder, "
                                      "or the domain file, or the domain "
                                      "and profiles with "
                                      "parley_scenario_load_files");
            goto done;
        }
    }
    for (i = 0; i < list.n; i++) {
        doc_kind kind = classify(docs[i].doc);

        if (kind == DOC_PROFILE) {
            profiles[n_profiles++] = docs[i];
        } else if (kind == DOC_OTHER) {
            status = combine(status, not_genius(ctx, &docs[i]));
        } else if (domain != PARLEY_NO_INDEX) {
            status = combine(
                status,
                node_error(ctx, PARLEY_EVALID, docs[i].name,
                           xmlDocGetRootElement(docs[i].doc),
                           "a second GENIUS domain besides '%s' (a profile "
                           "needs <weight> elements), expected one domain "
                           "per folder",
                           docs[domain].name));
        } else {
            domain = i;
        }
    }
    if (status != PARLEY_OK)
        goto done;
    if (domain == PARLEY_NO_INDEX) {
        status = parley_i_error(ctx, PARLEY_EVALID, dir, 0, 0,
                                "no GENIUS domain in this folder, expected "
                                "one XML file whose root is "
                                "<negotiation_template> or a <utility_space> "
                                "without weights");
        goto done;
    }
    if (n_profiles == 0) {
        status = parley_i_error(ctx, PARLEY_EVALID, dir, 0, 0,
                                "no utility profile in this folder, expected "
                                "profiles (<utility_space> with <weight>) "
                                "beside the domain '%s'",
                                docs[domain].name);
        goto done;
    }
    status = build(ctx, &docs[domain], profiles, n_profiles, opts, out);
done:
    if (docs) {
        free_docs(docs, n_docs);
        parley_i_free(ctx, docs, n_docs * sizeof *docs);
    }
    if (profiles)
        parley_i_free(ctx, profiles, n_docs * sizeof *profiles);
    path_list_destroy(ctx, &list);
    return status;
}

static int genius_format(const parley_load_options *opts)
{
    return !opts || opts->format == PARLEY_FORMAT_AUTO ||
           opts->format == PARLEY_FORMAT_GENIUS;
}

parley_status parley_i_load_genius_path(parley_ctx *ctx, const char *path,
                                        const parley_load_options *opts,
                                        parley_scenario **out)
{
    const char *slash;
    char *dir;
    parley_status status;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || !path)
        return PARLEY_EINVAL;
    if (!genius_format(opts))
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, path, 0, 0,
                              "format '%s' cannot load this path, expected "
                              "genius for a folder",
                              parley_format_name(opts->format));
    if (parley_i_is_directory(path))
        return load_folder(ctx, path, NULL, NULL, opts, out);
    slash = strrchr(path, '/');
    dir = slash ? parley_i_strndup(ctx, path,
                                   slash == path ? 1 : (size_t)(slash - path))
                : parley_i_strdup(ctx, ".");
    if (!dir)
        return parley_i_nomem(ctx);
    status = load_folder(ctx, dir, path, slash ? slash + 1 : path, opts, out);
    parley_i_strfree(ctx, dir);
    return status;
}

parley_status parley_scenario_load_files(parley_ctx *ctx,
                                         const char *const *paths, size_t n,
                                         const parley_load_options *opts,
                                         parley_scenario **out)
{
    parley_genius_input *inputs;
    char **bytes;
    size_t i;
    parley_status status = PARLEY_OK;

    if (!out)
        return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx || (n && !paths))
        return PARLEY_EINVAL;
    for (i = 0; i < n; i++)
        if (!paths[i])
            return PARLEY_EINVAL;
    if (n < 2)
        return parley_i_error(ctx, PARLEY_EINVAL, n ? paths[0] : NULL, 0, 0,
                              "%zu file(s) given, expected a GENIUS domain "
                              "file followed by at least one profile file",
                              n);
    if (!genius_format(opts))
        return parley_i_error(ctx, PARLEY_EUNSUPPORTED, paths[0], 0, 0,
                              "format '%s' cannot be loaded from a domain "
                              "and profiles, expected genius",
                              parley_format_name(opts->format));
    if (n - 1 > ctx->limits.max_actors)
        return parley_i_error(ctx, PARLEY_ELIMIT, paths[0], 0, 0,
                              "%zu profiles exceed the limit of %zu actors, "
                              "expected fewer (raise it with --max-actors)",
                              n - 1, ctx->limits.max_actors);
    inputs = parley_i_alloc_array(ctx, n, sizeof *inputs);
    bytes = parley_i_alloc_array(ctx, n, sizeof *bytes);
    if (!inputs || !bytes) {
        status = parley_i_nomem(ctx);
        goto done;
    }
    for (i = 0; i < n && status == PARLEY_OK; i++) {
        inputs[i].name = paths[i];
        status = parley_i_read_file(ctx, paths[i], &bytes[i], &inputs[i].len);
        inputs[i].bytes = bytes[i];
    }
    if (status == PARLEY_OK)
        status = parley_i_load_genius_inputs(ctx, &inputs[0], inputs + 1, n - 1,
                                             opts, out);
done:
    for (i = 0; bytes && inputs && i < n; i++)
        if (bytes[i])
            parley_i_free(ctx, bytes[i], inputs[i].len + 1);
    parley_i_free(ctx, bytes, n * sizeof *bytes);
    parley_i_free(ctx, inputs, n * sizeof *inputs);
    return status;
}
