/* diag.h - diagnostics: every message briefc prints about its inputs.
 * Owns the rule table, severities and their overrides, the output formats (gcc, json,
 * SARIF, GitHub), the baseline of accepted findings, the counts and the summary. */
#ifndef BRIEFC_DIAG_H
#define BRIEFC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses of every subcommand. */
enum diag_exit {
	EXIT_CLEAN = 0, /* no error */
	EXIT_INPUT = 1, /* an input has errors (or warnings, with --werror) */
	EXIT_USAGE = 2  /* bad usage, or a file could not be read or written */
};

/* Severities, mildest first. SEV_NOTE marks a related location, never a finding;
 * SEV_OFF is a rule switched off. */
enum diag_severity { SEV_OFF, SEV_NOTE, SEV_STYLE, SEV_WARNING, SEV_ERROR };

/* Every rule briefc reports, in the order --list-rules prints them: input, schema and
 * tree, citations, then briefc's own. Each has a stable id, a default severity and a
 * one-line rationale (the table in diag.c). */
enum diag_rule {
	RULE_IO,                    /* a file could not be read or written */
	RULE_ENCODING,              /* the input is not UTF-8 */
	RULE_XML,                   /* not well-formed XML */
	RULE_DOCTYPE,               /* a DOCTYPE declaration */
	RULE_SCHEMA,                /* violates briefc's RELAX NG schema */
	RULE_NESTED_FOOTNOTE,       /* a footnote inside a footnote */
	RULE_DUPLICATE_ID,          /* two elements share an xml:id */
	RULE_BROKEN_LINK,           /* linkend names no element */
	RULE_MALFORMED_URL,         /* a link or identifier that is no absolute URL */
	RULE_IMAGE,                 /* an imagedata whose file is missing, elsewhere or no image */
	RULE_EMPTY_NOTE,            /* a footnote with no text */
	RULE_CITATION_UNRECOGNISED, /* a citation with no author, title or Ibid. */
	RULE_IBID_NO_ANTECEDENT,    /* Ibid. in the first note, or after one citing nothing */
	RULE_IBID_AMBIGUOUS,        /* Ibid. after a note citing several works */
	RULE_SHORT_UNMATCHED,       /* a short form that fits no earlier work */
	RULE_SHORT_AMBIGUOUS,       /* a short form that fits several */
	RULE_SHORT_BEFORE_FULL,     /* a short form before its work's full reference */
	RULE_REVERSED_RANGE,        /* a page range that runs backwards */
	RULE_PAGE_LABEL,            /* "p." before several pages, "pp." before one */
	RULE_MALFORMED_DATE,        /* a date that is no date */
	RULE_CONFLICTING_FIELDS,    /* one work described two ways */
	RULE_REPEATED_FULL,         /* a full reference after the work's first citation */
	RULE_MISSING_LOCATOR,       /* no page, where the work is cited by page elsewhere */
	RULE_UNMARKED_CITATION,     /* citation-like text outside any marked part */
	RULE_NOTE_STYLE,            /* a note's punctuation slip (check only) */
	RULE_SHORT_TITLE,           /* a short form without its work's title (check only) */
	RULE_BIBLIOREF_TARGET,      /* a biblioref to something not a bibliography entry */
	RULE_UNCITED_ENTRY,         /* a bibliography entry no note cites */
	RULE_STALE_BASELINE,        /* a baseline entry that matches no finding */
	RULE_XSLT,                  /* a stylesheet failed to compile or run */
	RULE_MANUSCRIPT,            /* import: a manuscript that cannot be read as its format */
	RULE_CITATION_UNSURE,       /* import: a note the citation parser could not settle */
	RULE_CSL,                   /* a CSL style, locale or item that cannot be used */
	RULE__COUNT
};

enum diag_format { DIAG_GCC, DIAG_JSON, DIAG_SARIF, DIAG_GITHUB };

struct diag_entry;
struct baseline;

/* One reporting context per run; no global state. Initialise with diag_init, set the
 * public fields before the first report, release with diag_free. Findings are held
 * until diag_flush prints them (gcc, github: per file; json, sarif: all at once, by
 * diag_summary), in order of file, line and column, each followed by its notes. */
struct diag {
	FILE *out;                 /* where messages go (not owned) */
	enum diag_format format;   /* DIAG_GCC unless set */
	bool color;                /* gcc format: ANSI colour (the caller decides: a tty
	                              and no NO_COLOR) */
	bool quiet;                /* gcc, github: only the summary */
	bool werror;               /* warnings count, and exit, as errors */
	enum diag_severity level[RULE__COUNT]; /* each rule's severity; defaults set */
	struct baseline *baseline; /* findings to accept, or NULL; owned */
	struct baseline *record;   /* findings to write as a baseline, or NULL; owned */
	const char *const *files;  /* json, sarif: the files checked (not owned) */
	unsigned nfiles;
	/* Counts so far, of findings not accepted by the baseline: */
	unsigned errors, warnings, styles;
	unsigned io_errors;        /* of the errors, those of RULE_IO */
	unsigned accepted;         /* findings the baseline accepted */
	struct diag_entry *held;   /* reported, not yet printed; owned */
	size_t nheld, capheld;
	bool dropping;             /* the last finding was dropped: so are its notes */
};

void diag_init(struct diag *d, FILE *out);
void diag_free(struct diag *d);

/* Prints the findings held so far (gcc, github), sorted by file order of report, line
 * and column. For json and sarif, findings wait for diag_summary; with no OUT (a diag
 * of work done apart), for diag_take. */
void diag_flush(struct diag *d);

/* Reports a finding of RULE at FILE:LINE:COL; LINE or COL 0 means unknown and is not
 * printed. The message is printf-style, one line, with no trailing period. The
 * rule's level in D decides its severity; a rule switched off, or a finding the
 * baseline accepts, is dropped with its notes. */
void diag_report(struct diag *d, enum diag_rule rule, const char *file,
                 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Adds a related location to the finding just reported (gcc's "note:"); not counted. */
void diag_related(struct diag *d, const char *file, unsigned line, unsigned col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Initialises D for findings made apart from TO (on another thread, or ahead of their
 * turn) and handed to TO by diag_take: with TO's rule levels and --werror, held and
 * never printed. Release with diag_free. */
void diag_init_apart(struct diag *d, const struct diag *to);

/* Reports to D, in order, every finding and note FROM holds, and empties FROM: what
 * work done on another thread, with a struct diag of its own, found. */
void diag_take(struct diag *d, struct diag *from);

/* Forgets the findings D holds without printing them (its counts stay): for work
 * whose findings are reported again where they matter (transform_warm). */
void diag_clear(struct diag *d);

/* Ends the run over NFILES files: reports baseline entries nothing matched, prints
 * what is held and the summary (gcc, github: one line; json, sarif: the document). */
void diag_summary(struct diag *d, unsigned nfiles);

/* The exit status the counts so far call for. */
enum diag_exit diag_status(const struct diag *d);

/* MESSAGE (libxml2's, which may span lines and ends in a newline) as one line in BUF
 * of SIZE: inner newlines become "; ", trailing blanks go. Returns BUF, or FALLBACK
 * when nothing is left. */
const char *diag_one_line(const char *message, const char *fallback, char *buf,
                          size_t size);

const char *diag_rule_id(enum diag_rule rule);
const char *diag_rule_rationale(enum diag_rule rule);
/* The rule's default severity (D's level may differ). */
enum diag_severity diag_rule_severity(enum diag_rule rule);
const char *diag_severity_name(enum diag_severity severity);

/* Set *RULE (*SEVERITY, *FORMAT) to the one named NAME; return 0, or -1 if none. */
int diag_rule_by_id(const char *name, enum diag_rule *rule);
int diag_severity_by_name(const char *name, enum diag_severity *severity);
int diag_format_by_name(const char *name, enum diag_format *format);

/* Prints every rule, its default severity and its rationale, one a line. */
void diag_list_rules(FILE *out);

#endif
