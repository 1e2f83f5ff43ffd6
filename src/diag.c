/* diag.c - diagnostics: the rule table, the held findings, and the one place they are
 * printed, in each output format. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "json.h"
#include "mem.h"

#ifndef BRIEFC_VERSION
#define BRIEFC_VERSION "unknown"
#endif

static const struct {
	const char *id;
	enum diag_severity severity;
	const char *rationale;
} rules[RULE__COUNT] = {
	[RULE_IO] = {"io", SEV_ERROR,
		"a file cannot be read (not a regular file, over 64 MiB) or an output written"},
	[RULE_ENCODING] = {"encoding", SEV_ERROR,
		"briefs are UTF-8; another encoding would be read wrongly"},
	[RULE_XML] = {"xml", SEV_ERROR,
		"the brief is empty or not well-formed XML, so nothing else can be checked"},
	[RULE_DOCTYPE] = {"doctype", SEV_ERROR,
		"a DOCTYPE can only bring entities and defaults; briefs are checked by RELAX NG"},
	[RULE_SCHEMA] = {"schema", SEV_ERROR,
		"the brief does not follow briefc's schema, a strict subset of DocBook 5.0"},
	[RULE_NESTED_FOOTNOTE] = {"nested-footnote", SEV_ERROR,
		"a footnote inside a footnote has no place a reader can find it"},
	[RULE_DUPLICATE_ID] = {"duplicate-id", SEV_ERROR,
		"two elements share an xml:id, so a link to it is ambiguous"},
	[RULE_BROKEN_LINK] = {"broken-link", SEV_ERROR,
		"a linkend (xref, link, footnoteref, biblioref) names no element"},
	[RULE_MALFORMED_URL] = {"malformed-url", SEV_ERROR,
		"a link or identifier that is not an absolute http(s) URL leads nowhere"},
	[RULE_IMAGE] = {"image", SEV_ERROR,
		"an image must be a PNG, JPEG or SVG file beside the brief, or no output can carry it"},
	[RULE_EMPTY_NOTE] = {"empty-note", SEV_WARNING,
		"a footnote with no text leaves a number that says nothing"},
	[RULE_CITATION_UNRECOGNISED] = {"citation-unrecognised", SEV_ERROR,
		"a citation with no marked author, title or Ibid. cannot be resolved"},
	[RULE_IBID_NO_ANTECEDENT] = {"ibid-no-antecedent", SEV_ERROR,
		"Ibid. in the first note, or after a note citing nothing, refers to nothing"},
	[RULE_IBID_AMBIGUOUS] = {"ibid-ambiguous", SEV_ERROR,
		"Ibid. after a note citing several works could mean any of them"},
	[RULE_SHORT_UNMATCHED] = {"short-form-unmatched", SEV_ERROR,
		"a short form that fits no work cited in full before it cites nothing"},
	[RULE_SHORT_AMBIGUOUS] = {"short-form-ambiguous", SEV_ERROR,
		"a short form that fits several earlier works could mean any of them"},
	[RULE_SHORT_BEFORE_FULL] = {"short-form-before-full", SEV_ERROR,
		"a short form before its work's full reference leaves the reader without it"},
	[RULE_REVERSED_RANGE] = {"reversed-range", SEV_ERROR,
		"a page range that runs backwards points at no pages"},
	[RULE_PAGE_LABEL] = {"page-label", SEV_WARNING,
		"\"p.\" labels one page and \"pp.\" several; the wrong one misleads"},
	[RULE_MALFORMED_DATE] = {"malformed-date", SEV_WARNING,
		"a date briefc cannot read gives no year to the work's id, order or CSL"},
	[RULE_CONFLICTING_FIELDS] = {"conflicting-fields", SEV_WARNING,
		"one work described two ways (dates, spellings of an author) is one of them wrong"},
	[RULE_REPEATED_FULL] = {"repeated-full", SEV_STYLE,
		"after a work's first citation, Chicago cites it in short form"},
	[RULE_MISSING_LOCATOR] = {"missing-locator", SEV_WARNING,
		"a note with no page, where the work is cited by page elsewhere, is vague"},
	[RULE_UNMARKED_CITATION] = {"unmarked-citation", SEV_WARNING,
		"citation-like text outside the marked parts is a citation briefc cannot see"},
	[RULE_NOTE_STYLE] = {"note-style", SEV_STYLE,
		"\".”.\", \"?.\" and double spaces slip into notes; check --fix mends them"},
	[RULE_SHORT_TITLE] = {"short-title", SEV_STYLE,
		"Chicago's short form is author, short title, page: the title tells works apart"},
	[RULE_BIBLIOREF_TARGET] = {"biblioref-target", SEV_ERROR,
		"a biblioref must link to a biblioentry of the brief's bibliography"},
	[RULE_UNCITED_ENTRY] = {"uncited-entry", SEV_WARNING,
		"a bibliography entry no note cites is dead weight or a missing citation"},
	[RULE_STALE_BASELINE] = {"stale-baseline", SEV_WARNING,
		"a baseline entry no finding matches any more can be dropped"},
	[RULE_XSLT] = {"xslt", SEV_ERROR,
		"a stylesheet did not compile or failed while running"},
	[RULE_MANUSCRIPT] = {"manuscript", SEV_ERROR,
		"briefc import cannot read the manuscript as its format (damaged, over a limit)"},
	[RULE_CITATION_UNSURE] = {"citation-unsure", SEV_WARNING,
		"briefc import guessed at a note's citation; the markup it wrote needs a look"},
	[RULE_CSL] = {"csl", SEV_ERROR,
		"a CSL style, locale or item cannot be used (not CSL, a macro loop, over a limit)"},
};

static const char *const severity_names[] = {
	[SEV_OFF] = "off", [SEV_NOTE] = "note", [SEV_STYLE] = "style",
	[SEV_WARNING] = "warning", [SEV_ERROR] = "error",
};

/* A finding or, with severity SEV_NOTE, a related location of the finding before it. */
struct diag_entry {
	enum diag_severity severity;
	enum diag_rule rule;     /* unused for notes */
	char *file;              /* owned */
	unsigned line, col;
	char *message;           /* owned */
	/* Sort key: file in order of first report, then the owning finding's line,
	 * column and order of report (a note's owner is the finding before it), then
	 * its own order of report. A total order, so qsort is deterministic. */
	size_t file_rank;
	unsigned owner_line, owner_col;
	size_t owner_seq, seq;
};

void
diag_init(struct diag *d, FILE *out)
{
	int r;

	memset(d, 0, sizeof(*d));
	d->out = out;
	for (r = 0; r < RULE__COUNT; r++)
		d->level[r] = rules[r].severity;
}

const char *
diag_rule_id(enum diag_rule rule)
{
	return rules[rule].id;
}

const char *
diag_rule_rationale(enum diag_rule rule)
{
	return rules[rule].rationale;
}

enum diag_severity
diag_rule_severity(enum diag_rule rule)
{
	return rules[rule].severity;
}

const char *
diag_severity_name(enum diag_severity severity)
{
	return severity_names[severity];
}

int
diag_rule_by_id(const char *name, enum diag_rule *rule)
{
	int r;

	for (r = 0; r < RULE__COUNT; r++)
		if (strcmp(rules[r].id, name) == 0) {
			*rule = (enum diag_rule)r;
			return 0;
		}
	return -1;
}

int
diag_severity_by_name(const char *name, enum diag_severity *severity)
{
	int s;

	for (s = SEV_OFF; s <= SEV_ERROR; s++)
		if (s != SEV_NOTE && strcmp(severity_names[s], name) == 0) {
			*severity = (enum diag_severity)s;
			return 0;
		}
	return -1;
}

int
diag_format_by_name(const char *name, enum diag_format *format)
{
	static const char *const names[] = {
		[DIAG_GCC] = "gcc", [DIAG_JSON] = "json", [DIAG_SARIF] = "sarif",
		[DIAG_GITHUB] = "github",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0) {
			*format = (enum diag_format)i;
			return 0;
		}
	return -1;
}

void
diag_list_rules(FILE *out)
{
	int r;

	for (r = 0; r < RULE__COUNT; r++)
		fprintf(out, "%-23s %-8s %s\n", rules[r].id, severity_names[rules[r].severity],
		        rules[r].rationale);
}

/* The order in which FILE was first reported among the held findings. */
static size_t
file_rank(const struct diag *d, const char *file)
{
	size_t i;

	/* Only findings rank their file: a note carries its owner's rank. Newest first,
	 * since findings of one file come in runs. */
	for (i = d->nheld; i-- > 0;)
		if (d->held[i].owner_seq == d->held[i].seq && strcmp(d->held[i].file, file) == 0)
			return d->held[i].file_rank;
	return d->nheld;
}

static void
hold(struct diag *d, enum diag_severity sev, enum diag_rule rule, const char *file,
     unsigned line, unsigned col, char *message)
{
	struct diag_entry *e;

	if (d->nheld == d->capheld) {
		d->capheld = d->capheld ? 2 * d->capheld : 16;
		d->held = mem_realloc_array(d->held, d->capheld, sizeof(*d->held));
	}
	e = &d->held[d->nheld];
	e->severity = sev;
	e->rule = rule;
	e->file = mem_strdup(file);
	e->line = line;
	e->col = col;
	e->message = message;
	e->seq = d->nheld;
	if (sev == SEV_NOTE && d->nheld > 0) {
		const struct diag_entry *prev = &d->held[d->nheld - 1];

		e->file_rank = prev->file_rank;
		e->owner_line = prev->owner_line;
		e->owner_col = prev->owner_col;
		e->owner_seq = prev->owner_seq;
	} else {
		e->file_rank = file_rank(d, file);
		e->owner_line = line;
		e->owner_col = col;
		e->owner_seq = e->seq;
	}
	d->nheld++;
}

/* The severity a finding of RULE has in this run. */
static enum diag_severity
severity_of(const struct diag *d, enum diag_rule rule)
{
	enum diag_severity sev = d->level[rule];

	return d->werror && sev == SEV_WARNING ? SEV_ERROR : sev;
}

void
diag_report(struct diag *d, enum diag_rule rule, const char *file,
            unsigned line, unsigned col, const char *fmt, ...)
{
	enum diag_severity sev = severity_of(d, rule);
	va_list ap;
	char *message;

	d->dropping = sev == SEV_OFF;
	if (d->dropping)
		return;
	va_start(ap, fmt);
	message = mem_vformat(fmt, ap);
	va_end(ap);
	if (d->record != NULL)
		baseline_add(d->record, file, rule, message);
	if (d->baseline != NULL && baseline_take(d->baseline, file, rule, message)) {
		d->accepted++;
		d->dropping = true;
		free(message);
		return;
	}
	if (sev == SEV_ERROR) {
		d->errors++;
		d->io_errors += rule == RULE_IO;
	} else if (sev == SEV_WARNING) {
		d->warnings++;
	} else {
		d->styles++;
	}
	hold(d, sev, rule, file, line, col, message);
}

void
diag_related(struct diag *d, const char *file, unsigned line, unsigned col,
             const char *fmt, ...)
{
	va_list ap;

	if (d->dropping)
		return;
	va_start(ap, fmt);
	hold(d, SEV_NOTE, RULE_IO, file, line, col, mem_vformat(fmt, ap));
	va_end(ap);
}

static int
cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;
	int c;

	if ((c = cmp_size(x->file_rank, y->file_rank)) != 0 ||
	    (c = cmp_size(x->owner_line, y->owner_line)) != 0 ||
	    (c = cmp_size(x->owner_col, y->owner_col)) != 0 ||
	    (c = cmp_size(x->owner_seq, y->owner_seq)) != 0)
		return c;
	return cmp_size(x->seq, y->seq);
}

/* ---- gcc: FILE:LINE:COL: severity: message [rule] ---- */

static const char *const colors[] = {
	[SEV_NOTE] = "\033[1;36m", [SEV_STYLE] = "\033[1;34m",
	[SEV_WARNING] = "\033[1;35m", [SEV_ERROR] = "\033[1;31m",
};

/* S with control characters written as C escapes ("\n", "\x1b"): a file name or
 * message holding a line break cannot forge a line of its own, nor a terminal escape
 * recolour the output. */
static void
print_gcc_text(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

static void
print_gcc(const struct diag *d, const struct diag_entry *e, FILE *out)
{
	fputs(d->color ? "\033[1m" : "", out);
	print_gcc_text(out, e->file);
	if (e->line > 0) {
		fprintf(out, ":%u", e->line);
		if (e->col > 0)
			fprintf(out, ":%u", e->col);
	}
	fprintf(out, ":%s %s%s:%s ", d->color ? "\033[0m" : "",
	        d->color ? colors[e->severity] : "", severity_names[e->severity],
	        d->color ? "\033[0m" : "");
	print_gcc_text(out, e->message);
	if (e->severity != SEV_NOTE)
		fprintf(out, " [%s]", rules[e->rule].id);
	fputc('\n', out);
}

/* ---- github: ::error file=F,line=L,col=C,title=RULE::message ---- */

/* S with the characters a workflow command cannot hold escaped: "%", CR and LF
 * everywhere, and in a property also ":" and ",". */
static void
print_escaped(FILE *out, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

static void
print_github(const struct diag *d, const struct diag_entry *e, FILE *out)
{
	static const char *const commands[] = {
		[SEV_NOTE] = "notice", [SEV_STYLE] = "notice", [SEV_WARNING] = "warning",
		[SEV_ERROR] = "error",
	};

	(void)d;
	fprintf(out, "::%s file=", commands[e->severity]);
	print_escaped(out, e->file, true);
	if (e->line > 0)
		fprintf(out, ",line=%u", e->line);
	if (e->line > 0 && e->col > 0)
		fprintf(out, ",col=%u", e->col);
	fputs(",title=", out);
	print_escaped(out, e->severity == SEV_NOTE ? "note" : rules[e->rule].id, true);
	fputs("::", out);
	print_escaped(out, e->message, false);
	fputc('\n', out);
}

static void
free_held(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->nheld; i++) {
		free(d->held[i].file);
		free(d->held[i].message);
	}
	d->nheld = 0;
}

void
diag_init_apart(struct diag *d, const struct diag *to)
{
	diag_init(d, NULL);
	memcpy(d->level, to->level, sizeof(d->level));
	d->werror = to->werror;
}

void
diag_take(struct diag *d, struct diag *from)
{
	size_t i;

	for (i = 0; i < from->nheld; i++) {
		const struct diag_entry *e = &from->held[i];

		if (e->severity == SEV_NOTE)
			diag_related(d, e->file, e->line, e->col, "%s", e->message);
		else
			diag_report(d, e->rule, e->file, e->line, e->col, "%s", e->message);
	}
	free_held(from);
}

void
diag_clear(struct diag *d)
{
	free_held(d);
}

/* Prints D's held findings to OUT, unless D is quiet. */
static void
print_held(const struct diag *d, FILE *out)
{
	size_t i;

	for (i = 0; i < d->nheld && !d->quiet; i++)
		(d->format == DIAG_GITHUB ? print_github : print_gcc)(d, &d->held[i], out);
}

void
diag_flush(struct diag *d)
{
	FILE *text;
	char *bytes = NULL;
	size_t len = 0;

	if (d->nheld == 0 || d->out == NULL || d->format == DIAG_JSON ||
	    d->format == DIAG_SARIF)
		return;
	qsort(d->held, d->nheld, sizeof(*d->held), entry_cmp);
	/* Printed into memory, then written at once: OUT is standard error, unbuffered,
	 * where each character would be a write(2) of its own (and is, if memory runs
	 * out). */
	text = d->quiet ? NULL : open_memstream(&bytes, &len);
	if (text != NULL)
		print_held(d, text);
	if (text != NULL && fclose(text) == 0)
		fwrite(bytes, 1, len, d->out);
	else
		print_held(d, d->out);
	free(bytes);
	fflush(d->out);
	free_held(d);
}

/* ---- json ---- */

static void
json_location(struct json *j, const struct diag_entry *e)
{
	json_member(j, "file", e->file);
	json_key(j, "line");
	json_int(j, e->line);
	json_key(j, "column");
	json_int(j, e->col);
}

/* The held entries from *I: one finding and its notes, as a json object. */
static void
json_finding(struct json *j, const struct diag *d, size_t *i)
{
	const struct diag_entry *e = &d->held[(*i)++];

	json_open_object(j);
	json_location(j, e);
	json_member(j, "severity", severity_names[e->severity]);
	json_member(j, "rule", rules[e->rule].id);
	json_member(j, "message", e->message);
	json_key(j, "related");
	json_open_array(j);
	for (; *i < d->nheld && d->held[*i].severity == SEV_NOTE; ++*i) {
		json_open_object(j);
		json_location(j, &d->held[*i]);
		json_member(j, "message", d->held[*i].message);
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

static void
json_counts(struct json *j, const struct diag *d)
{
	json_key(j, "errors");
	json_int(j, d->errors);
	json_key(j, "warnings");
	json_int(j, d->warnings);
	json_key(j, "style");
	json_int(j, d->styles);
	json_key(j, "accepted_by_baseline");
	json_int(j, d->accepted);
}

static void
write_json(const struct diag *d, struct buf *out)
{
	struct json j = {0};
	size_t i = 0;
	unsigned f;

	j.out = out;
	json_open_object(&j);
	json_member(&j, "tool", "briefc");
	json_member(&j, "version", BRIEFC_VERSION);
	json_key(&j, "files");
	json_open_array(&j);
	for (f = 0; f < d->nfiles; f++)
		json_put_string(&j, d->files[f]);
	json_end(&j);
	json_key(&j, "findings");
	json_open_array(&j);
	while (i < d->nheld)
		json_finding(&j, d, &i);
	json_end(&j);
	json_key(&j, "summary");
	json_open_object(&j);
	json_counts(&j, d);
	json_end(&j);
	json_end(&j);
}

/* ---- SARIF 2.1.0 ---- */

/* FILE as a relative URI reference: every byte but unreserved ones and "/" escaped. */
static void
uri(struct buf *b, const char *file)
{
	static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                           "0123456789-._~/";

	for (; *file != '\0'; file++) {
		if (strchr(keep, *file) != NULL)
			buf_append(b, file, 1);
		else
			buf_printf(b, "%%%02X", (unsigned char)*file);
	}
}

static void
sarif_location(struct json *j, const struct diag_entry *e)
{
	struct buf u = {0};

	uri(&u, e->file);
	json_key(j, "physicalLocation");
	json_open_object(j);
	json_key(j, "artifactLocation");
	json_open_object(j);
	json_member(j, "uri", u.data ? u.data : "");
	json_end(j);
	if (e->line > 0) {
		json_key(j, "region");
		json_open_object(j);
		json_key(j, "startLine");
		json_int(j, e->line);
		if (e->col > 0) {
			json_key(j, "startColumn");
			json_int(j, e->col);
		}
		json_end(j);
	}
	json_end(j);
	buf_free(&u);
}

static void
sarif_message(struct json *j, const char *text)
{
	json_key(j, "message");
	json_open_object(j);
	json_member(j, "text", text);
	json_end(j);
}

static void
sarif_rules(struct json *j)
{
	static const char *const levels[] = {
		[SEV_OFF] = "none", [SEV_NOTE] = "note", [SEV_STYLE] = "note",
		[SEV_WARNING] = "warning", [SEV_ERROR] = "error",
	};
	int r;

	json_key(j, "rules");
	json_open_array(j);
	for (r = 0; r < RULE__COUNT; r++) {
		json_open_object(j);
		json_member(j, "id", rules[r].id);
		json_key(j, "shortDescription");
		json_open_object(j);
		json_member(j, "text", rules[r].rationale);
		json_end(j);
		json_key(j, "defaultConfiguration");
		json_open_object(j);
		json_member(j, "level", levels[rules[r].severity]);
		json_end(j);
		json_end(j);
	}
	json_end(j);
}

static void
sarif_result(struct json *j, const struct diag *d, size_t *i)
{
	static const char *const levels[] = {
		[SEV_STYLE] = "note", [SEV_WARNING] = "warning", [SEV_ERROR] = "error",
	};
	const struct diag_entry *e = &d->held[(*i)++];
	long id = 0;

	json_open_object(j);
	json_member(j, "ruleId", rules[e->rule].id);
	json_key(j, "ruleIndex");
	json_int(j, e->rule);
	json_member(j, "level", levels[e->severity]);
	sarif_message(j, e->message);
	json_key(j, "locations");
	json_open_array(j);
	json_open_object(j);
	sarif_location(j, e);
	json_end(j);
	json_end(j);
	if (*i < d->nheld && d->held[*i].severity == SEV_NOTE) {
		json_key(j, "relatedLocations");
		json_open_array(j);
		for (; *i < d->nheld && d->held[*i].severity == SEV_NOTE; ++*i) {
			json_open_object(j);
			json_key(j, "id");
			json_int(j, ++id);
			sarif_location(j, &d->held[*i]);
			sarif_message(j, d->held[*i].message);
			json_end(j);
		}
		json_end(j);
	}
	json_end(j);
}

static void
write_sarif(const struct diag *d, struct buf *out)
{
	struct json j = {0};
	size_t i = 0;

	j.out = out;
	json_open_object(&j);
	json_member(&j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_member(&j, "version", "2.1.0");
	json_key(&j, "runs");
	json_open_array(&j);
	json_open_object(&j);
	json_key(&j, "tool");
	json_open_object(&j);
	json_key(&j, "driver");
	json_open_object(&j);
	json_member(&j, "name", "briefc");
	json_member(&j, "version", BRIEFC_VERSION);
	json_member(&j, "semanticVersion", BRIEFC_VERSION);
	sarif_rules(&j);
	json_end(&j);
	json_end(&j);
	json_member(&j, "columnKind", "unicodeCodePoints");
	json_key(&j, "results");
	json_open_array(&j);
	while (i < d->nheld)
		sarif_result(&j, d, &i);
	json_end(&j);
	json_end(&j);
	json_end(&j);
	json_end(&j);
}

/* ---- The end of a run ---- */

static const char *
plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
diag_summary(struct diag *d, unsigned nfiles)
{
	struct baseline *b = d->baseline;
	struct buf doc = {0};

	/* Stale entries are findings of their own, which no baseline may accept. */
	if (b != NULL) {
		d->baseline = NULL;
		baseline_report_unused(b, d);
		d->baseline = b;
	}
	if (d->format == DIAG_JSON || d->format == DIAG_SARIF) {
		if (d->nheld > 0) /* held is NULL until the first finding */
			qsort(d->held, d->nheld, sizeof(*d->held), entry_cmp);
		(d->format == DIAG_JSON ? write_json : write_sarif)(d, &doc);
		fwrite(doc.data, 1, doc.len, d->out);
		fflush(d->out);
		buf_free(&doc);
		free_held(d);
		return;
	}
	diag_flush(d);
	fprintf(d->out, "briefc: %u %s checked: %u %s, %u %s", nfiles,
	        plural(nfiles, "file", "files"), d->errors, plural(d->errors, "error", "errors"),
	        d->warnings, plural(d->warnings, "warning", "warnings"));
	if (d->styles > 0)
		fprintf(d->out, ", %u style", d->styles);
	if (d->accepted > 0)
		fprintf(d->out, " (%u accepted by the baseline)", d->accepted);
	fputc('\n', d->out);
	fflush(d->out);
}

void
diag_free(struct diag *d)
{
	diag_flush(d);
	free_held(d);
	free(d->held);
	d->held = NULL;
	d->capheld = 0;
	baseline_free(d->baseline);
	baseline_free(d->record);
	d->baseline = d->record = NULL;
}

const char *
diag_one_line(const char *message, const char *fallback, char *buf, size_t size)
{
	size_t i, n = 0;

	for (i = 0; message != NULL && message[i] != '\0' && n + 3 < size; i++) {
		if (message[i] != '\n')
			buf[n++] = message[i];
		else if (message[i + 1] != '\0') {
			buf[n++] = ';';
			buf[n++] = ' ';
		}
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return n > 0 ? buf : fallback;
}

enum diag_exit
diag_status(const struct diag *d)
{
	if (d->io_errors > 0)
		return EXIT_USAGE;
	return d->errors > 0 ? EXIT_INPUT : EXIT_CLEAN;
}
