/* diag.h - diagnostics: every message briefc prints about its inputs.
 * Owns the rule table, severities, the FILE:LINE:COL format, the counts and the summary. */
#ifndef BRIEFC_DIAG_H
#define BRIEFC_DIAG_H

#include <stdio.h>

/* Exit statuses of every subcommand. */
enum diag_exit {
	EXIT_CLEAN = 0, /* no error */
	EXIT_INPUT = 1, /* an input has errors */
	EXIT_USAGE = 2  /* bad usage, or a file could not be read or written */
};

enum diag_severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

/* Every rule briefc reports, in the order --list-rules prints them.
 * Each has a stable id (its string in diag.c) and a fixed severity. */
enum diag_rule {
	RULE_IO,           /* a file could not be read or written */
	RULE_ENCODING,     /* the input is not UTF-8 */
	RULE_XML,          /* not well-formed XML */
	RULE_DOCTYPE,      /* a DOCTYPE declaration */
	RULE_SCHEMA,       /* violates briefc's RELAX NG schema */
	RULE_DUPLICATE_ID, /* two elements share an xml:id */
	RULE_BROKEN_LINK,  /* linkend names no element */
	RULE_CITATION_UNRECOGNISED, /* a citation with no author, title or Ibid. */
	RULE_IBID_NO_ANTECEDENT,    /* Ibid. in the first note, or after one citing nothing */
	RULE_IBID_AMBIGUOUS,        /* Ibid. after a note citing several works */
	RULE_SHORT_UNMATCHED,       /* a short form that fits no earlier work */
	RULE_SHORT_AMBIGUOUS,       /* a short form that fits several */
	RULE_SHORT_BEFORE_FULL,     /* a short form before its work's full reference */
	RULE_REVERSED_RANGE,        /* a page range that runs backwards */
	RULE_BIBLIOREF_TARGET,      /* a biblioref to something not a bibliography entry */
	RULE_UNCITED_ENTRY,         /* a bibliography entry no note cites (warning) */
	RULE_XSLT,         /* a stylesheet failed to compile or run */
	RULE__COUNT
};

struct diag_entry;

/* One reporting context per run; no global state. Initialise with diag_init, release
 * with diag_free. Findings are held until diag_flush, which prints them in order of
 * position, each followed by its related notes. */
struct diag {
	FILE *out;                 /* where messages go (not owned) */
	unsigned errors;           /* errors reported so far */
	unsigned warnings;         /* warnings reported so far */
	unsigned io_errors;        /* of the errors, those of RULE_IO */
	struct diag_entry *held;   /* reported, not yet printed; owned */
	size_t nheld, capheld;
};

void diag_init(struct diag *d, FILE *out);
void diag_free(struct diag *d);

/* Prints the findings held so far, sorted by file order of report, line and column. */
void diag_flush(struct diag *d);

/* Reports a finding of RULE at FILE:LINE:COL; LINE or COL 0 means unknown and is not
 * printed. The message is printf-style, one line, with no trailing period. */
void diag_report(struct diag *d, enum diag_rule rule, const char *file,
                 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Prints a related location for the finding just reported (gcc's "note:"); not counted. */
void diag_related(struct diag *d, const char *file, unsigned line, unsigned col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Flushes, then prints the one-line summary for NFILES checked files. */
void diag_summary(struct diag *d, unsigned nfiles);

/* The exit status the counts so far call for. */
enum diag_exit diag_status(const struct diag *d);

/* MESSAGE (libxml2's, which may span lines and ends in a newline) as one line in BUF
 * of SIZE: inner newlines become "; ", trailing blanks go. Returns BUF, or FALLBACK
 * when nothing is left. */
const char *diag_one_line(const char *message, const char *fallback, char *buf,
                          size_t size);

const char *diag_rule_id(enum diag_rule rule);
enum diag_severity diag_rule_severity(enum diag_rule rule);

#endif
