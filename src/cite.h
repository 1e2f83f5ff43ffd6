/* cite.h - the citation model: the works a brief cites and every citation of them.
 * Owns resolution (full, short and Ibid. forms to works), locators, dates, work ids and
 * order, and the lint of the resolved notes. */
#ifndef BRIEFC_CITE_H
#define BRIEFC_CITE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* How a citation is written. CITE_REF is a <biblioref>: briefc chooses its form. */
enum cite_form { CITE_FULL, CITE_SHORT, CITE_IBID, CITE_REF };

/* Where a citation stands among the citations of its work. */
enum cite_position {
	POS_FIRST,      /* the work's first citation */
	POS_SUBSEQUENT, /* a later one */
	POS_IBID        /* the same work as the citation just before it */
};

/* A person (family and, maybe, given name) or, with only LITERAL, an organisation
 * or a name not taken apart. Strings owned; NULL when absent. */
struct cite_name {
	char *family, *given, *literal;
};

enum cite_container {
	CONTAINER_NONE, CONTAINER_JOURNAL, CONTAINER_SERIES, CONTAINER_BOOK, CONTAINER_WEBPAGE
};

/* A date as written (TEXT) and, when it parses, its parts; 0 for a part not known. */
struct cite_date {
	char *text;
	int year, month, day;
};

/* What cite_date_parse made of a date. */
enum cite_date_status {
	DATE_OK,         /* a date with a year, or no date given (TEXT NULL) */
	DATE_UNDATED,    /* a mark that there is none: "n.d.", "s.f.", "s.d.", "no date" */
	DATE_NO_YEAR,    /* no year to read: "Spring", "19th century", "" */
	DATE_IMPOSSIBLE  /* no such month or day: "2015-13", "February 30, 2015" */
};

/* What a reference says about a work. Every string is owned and NULL when absent. */
struct cite_fields {
	struct cite_name *authors;
	size_t nauthors;
	bool various;              /* "AA.VV.": various authors, no identity */
	bool quoted;               /* the title was written in quotation marks: a part
	                              (article, chapter), not a whole (book, report) */
	char *title, *short_title; /* short_title: as given (a <titleabbrev>) */
	char *container;
	enum cite_container container_kind;
	char *volume, *number, *publisher, *url, *doi, *isbn, *issn;
	char *lang;                /* the title's language (xml:lang), as written */
	struct cite_date date;
};

/* Releases what F owns and zeroes it. */
void cite_fields_free(struct cite_fields *f);

enum cite_locator_kind {
	LOC_NONE,  /* no locator */
	LOC_PAGES, /* pages and page ranges: "7", "211–14", "pp. 3, 9-12", "xiv" */
	LOC_OTHER  /* anything else, kept as written: "chap. 3", "n. 12" */
};

/* The label written before pages. */
enum cite_page_label {
	LABEL_NONE, /* "7" */
	LABEL_P,    /* "p. 7": one page */
	LABEL_PP    /* "pp. 7–9": several */
};

struct cite_locator {
	enum cite_locator_kind kind;
	char *text;      /* trimmed, as written; NULL for LOC_NONE; owned */
	bool several;    /* LOC_PAGES: more than one page (a range or a list) */
	enum cite_page_label label; /* LOC_PAGES: how the pages are labelled */
	size_t pages;    /* LOC_PAGES: where in TEXT the pages begin, after the label */
};

/* Parses TEXT (NULL: none) into LOC. Returns 0; or -1 when a range runs backwards,
 * with LOC still filled and *BAD (when BAD is not NULL) a fresh copy of that range. */
int cite_locator_parse(const char *text, struct cite_locator *loc, char **bad);

/* Parses DATE->text ("2014", "August 2013", "November 21, 2015", "2015-12-23") into
 * its parts; parts it cannot read, or that do not exist, stay 0. Returns what it made
 * of the text. */
enum cite_date_status cite_date_parse(struct cite_date *date);

/* One citation: in note NOTE (1-based), written as FORM. NODE is the caller's handle
 * for where it stands (an XML element); the model only hands it back. */
struct cite {
	size_t note;
	void *node;
	enum cite_form form;
	struct cite_fields fields;  /* what it says: full and short forms */
	char *ref;                  /* CITE_REF: the entry id it names; owned */
	struct cite_locator loc;
	/* Filled by cite_resolve: */
	size_t work;                /* index into works; CITE_NONE if unresolved */
	enum cite_position position;
	bool same_place;            /* POS_IBID with the locator of the one before it
	                               (both none, or equal): a bare "Ibid." */
};

#define CITE_NONE ((size_t)-1)

/* A distinct work. */
struct cite_work {
	char *id;                  /* stable, unique in the brief: "boukhars-2013" */
	struct cite_fields fields; /* from its entry, else from its first full reference */
	char *short_title;         /* the title for short forms (given or derived) */
	void *node;          /* its <biblioentry>, else its first full reference */
	bool entry;                /* declared in the brief's bibliography */
	size_t first;              /* index of its first citation; CITE_NONE if uncited */
	size_t *cites;             /* indexes of its citations, in note order */
	size_t ncites;
	char *key;                 /* identity: authors and title, normalised */
	char *sort;                /* bibliography order: author, then title */
};

/* A problem found by resolution, for the diagnostics module: at NODE, with related
 * locations (e.g. each candidate of an ambiguous short form). */
struct cite_related {
	void *node;
	char *message;
};

struct cite_problem {
	enum diag_rule rule;
	void *node;
	char *message;
	struct cite_related *related;
	size_t nrelated;
};

/* The model of one brief. Fill it with cite_reserve_id, cite_add_entry, cite_begin_note
 * and cite_add, then call cite_resolve once; read it; free it with cite_model_free. */
struct cite_model {
	struct cite *cites;
	size_t ncites, capcites;
	struct cite_work *works;    /* after cite_resolve: in bibliography order */
	size_t nworks, capworks;
	size_t notes;               /* notes begun */
	struct cite_problem *problems;
	size_t nproblems, capproblems;
	struct cite_index *index;   /* private to cite.c */
};

struct cite_model *cite_model_new(void);
void cite_model_free(struct cite_model *m);

/* Keeps ID (an xml:id of the brief) from being given to a derived work id. */
void cite_reserve_id(struct cite_model *m, const char *id);

/* Declares a bibliography entry with id ID at NODE; takes over F (zeroing it) and parses
 * its date (cite_date_parse), recording a problem when that is no date. */
void cite_add_entry(struct cite_model *m, const char *id, struct cite_fields *f,
                    void *node);

/* Starts the next note: citations added after this belong to it. */
void cite_begin_note(struct cite_model *m);

/* Adds a citation of the current note at NODE: FORM with fields F (taken over and
 * zeroed; may be NULL), entry id REF (CITE_REF) and locator text LOCATOR (NULL: none).
 * A citation with no note begun belongs to note 1. Parses F's date and the locator,
 * recording a problem for a date that is none, a backward range or a wrong page label. */
void cite_add(struct cite_model *m, enum cite_form form, struct cite_fields *f,
              const char *ref, const char *locator, void *node);

/* Resolves every citation to a work, gives each work its id and sorts the works into
 * bibliography order. Problems go to m->problems: those of resolution, and the lint of
 * the resolved notes (one work described two ways, a full reference repeated, a page
 * missing where the work is cited by page elsewhere). Call once. */
void cite_resolve(struct cite_model *m);

/* How HERE describes a work differently from THERE: the same title, names spelt the
 * same, the same date, container, publisher and number, each only where both give it
 * ("date (\"2016\", not \"2015\") and publisher (...)"); NULL when they agree.
 * Caller frees. */
char *cite_fields_differences(const struct cite_fields *here, const struct cite_fields *there);

/* The form a citation shows: as written, or for a <biblioref> the one its position calls
 * for (first: full, ibid: Ibid., else short). */
enum cite_form cite_shown_form(const struct cite *c);

const char *cite_form_name(enum cite_form form);
const char *cite_position_name(enum cite_position position);
const char *cite_container_name(enum cite_container kind);

/* The CSL type of a work: by its container "article-journal", "report" (a series),
 * "chapter" or "webpage"; without one "article" (a quoted title), "report" (a
 * number), "book" (a publisher) or "document". */
const char *cite_work_type(const struct cite_work *w);

#endif
