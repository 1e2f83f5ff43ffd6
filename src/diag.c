/* diag.c - diagnostics: the rule table, the held findings and the one place they are
 * printed. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const struct {
	const char *id;
	enum diag_severity severity;
} rules[RULE__COUNT] = {
	[RULE_IO] = {"io", SEV_ERROR},
	[RULE_ENCODING] = {"encoding", SEV_ERROR},
	[RULE_XML] = {"xml", SEV_ERROR},
	[RULE_DOCTYPE] = {"doctype", SEV_ERROR},
	[RULE_SCHEMA] = {"schema", SEV_ERROR},
	[RULE_DUPLICATE_ID] = {"duplicate-id", SEV_ERROR},
	[RULE_BROKEN_LINK] = {"broken-link", SEV_ERROR},
	[RULE_CITATION_UNRECOGNISED] = {"citation-unrecognised", SEV_ERROR},
	[RULE_IBID_NO_ANTECEDENT] = {"ibid-no-antecedent", SEV_ERROR},
	[RULE_IBID_AMBIGUOUS] = {"ibid-ambiguous", SEV_ERROR},
	[RULE_SHORT_UNMATCHED] = {"short-form-unmatched", SEV_ERROR},
	[RULE_SHORT_AMBIGUOUS] = {"short-form-ambiguous", SEV_ERROR},
	[RULE_SHORT_BEFORE_FULL] = {"short-form-before-full", SEV_ERROR},
	[RULE_REVERSED_RANGE] = {"reversed-range", SEV_ERROR},
	[RULE_BIBLIOREF_TARGET] = {"biblioref-target", SEV_ERROR},
	[RULE_UNCITED_ENTRY] = {"uncited-entry", SEV_WARNING},
	[RULE_XSLT] = {"xslt", SEV_ERROR},
};

static const char *const severity_names[] = {
	[SEV_NOTE] = "note", [SEV_WARNING] = "warning", [SEV_ERROR] = "error",
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
	memset(d, 0, sizeof(*d));
	d->out = out;
}

const char *
diag_rule_id(enum diag_rule rule)
{
	return rules[rule].id;
}

enum diag_severity
diag_rule_severity(enum diag_rule rule)
{
	return rules[rule].severity;
}

static char *
format_message(const char *fmt, va_list ap)
{
	va_list copy;
	char *buf;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	buf = mem_alloc(n > 0 ? (size_t)n + 1 : 1);
	if (n > 0)
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	else
		buf[0] = '\0';
	return buf;
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

void
diag_report(struct diag *d, enum diag_rule rule, const char *file,
            unsigned line, unsigned col, const char *fmt, ...)
{
	enum diag_severity sev = rules[rule].severity;
	va_list ap;

	if (sev == SEV_ERROR) {
		d->errors++;
		if (rule == RULE_IO)
			d->io_errors++;
	} else if (sev == SEV_WARNING)
		d->warnings++;
	va_start(ap, fmt);
	hold(d, sev, rule, file, line, col, format_message(fmt, ap));
	va_end(ap);
}

void
diag_related(struct diag *d, const char *file, unsigned line, unsigned col,
             const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hold(d, SEV_NOTE, RULE_IO, file, line, col, format_message(fmt, ap));
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

static void
print_entry(FILE *out, const struct diag_entry *e)
{
	fputs(e->file, out);
	if (e->line > 0) {
		fprintf(out, ":%u", e->line);
		if (e->col > 0)
			fprintf(out, ":%u", e->col);
	}
	fprintf(out, ": %s: %s", severity_names[e->severity], e->message);
	if (e->severity != SEV_NOTE)
		fprintf(out, " [%s]", rules[e->rule].id);
	fputc('\n', out);
}

void
diag_flush(struct diag *d)
{
	size_t i;

	if (d->nheld == 0)
		return;
	qsort(d->held, d->nheld, sizeof(*d->held), entry_cmp);
	for (i = 0; i < d->nheld; i++) {
		print_entry(d->out, &d->held[i]);
		free(d->held[i].file);
		free(d->held[i].message);
	}
	fflush(d->out);
	d->nheld = 0;
}

void
diag_free(struct diag *d)
{
	diag_flush(d);
	free(d->held);
	d->held = NULL;
	d->capheld = 0;
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

static const char *
plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
diag_summary(struct diag *d, unsigned nfiles)
{
	diag_flush(d);
	fprintf(d->out, "briefc: %u %s checked: %u %s, %u %s\n", nfiles,
	        plural(nfiles, "file", "files"), d->errors,
	        plural(d->errors, "error", "errors"), d->warnings,
	        plural(d->warnings, "warning", "warnings"));
}

enum diag_exit
diag_status(const struct diag *d)
{
	if (d->io_errors > 0)
		return EXIT_USAGE;
	return d->errors > 0 ? EXIT_INPUT : EXIT_CLEAN;
}
