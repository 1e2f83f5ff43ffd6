/* noteparse.h - the citation parser of briefc import: the text of a note split into
 * commentary and citations, each citation into its parts, as byte spans of the text. */
#ifndef BRIEFC_NOTEPARSE_H
#define BRIEFC_NOTEPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "cite.h"

/* The parts of a citation, as the brief's markup names them (import.c writes each). */
enum np_part {
	NP_AUTHOR,    /* a person (family/given spans) or an organisation */
	NP_EDITOR,    /* the same, after "ed."/"eds."/"edited by" */
	NP_VARIOUS,   /* "AA.VV.": various authors */
	NP_IBID,      /* "Ibid." */
	NP_TITLE,     /* the work's title */
	NP_CONTAINER, /* the journal, newspaper, series, book or site it is part of */
	NP_VOLUME,
	NP_ISSUE,     /* "no. 3" after a volume */
	NP_NUMBER,    /* a report's or series' number: "No. 19" */
	NP_PUBLISHER,
	NP_PLACE,     /* of publication: "New York" in "(New York: Penguin, 2015)" */
	NP_DATE,
	NP_ACCESSED,  /* the date a web page was read */
	NP_URL,
	NP_DOI,
	NP_GENRE,     /* "PhD diss.", "working paper" */
	NP_LOCATOR,   /* the page or pages cited */
	NP_SHORT      /* the short title declared: "[Hereafter cited as Journals.]" */
};

/* One part: bytes [start, end) of the note's text. */
struct np_span {
	enum np_part part;
	size_t start, end;
	/* NP_AUTHOR, NP_EDITOR: an organisation, or a person whose family name is
	 * [family, family_end) and given names [given, given_end) (empty: none). */
	bool org;
	size_t family, family_end, given, given_end;
	enum cite_container kind; /* NP_CONTAINER */
};

/* One citation: bytes [start, end) of the note; the rest of the note is commentary. */
struct np_item {
	size_t start, end;
	struct np_span *spans;     /* in text order, never overlapping; owned */
	size_t nspans;
};

/* What the parser made of one note. */
struct np_note {
	struct np_item *items;     /* the citations, in text order; owned */
	size_t nitems;
	char *doubt;               /* why the parse is a guess, or NULL; owned */
};

/* A byte range of the note's text set in italics in the manuscript. */
struct np_range {
	size_t start, end;
};

/* The parser of one manuscript: it remembers the names of the works cited in full, so a
 * later short form is read the same way ("Boukhars: 11.", "United States Department of
 * State, 194."). Free with noteparse_free. */
struct noteparse;

struct noteparse *noteparse_new(void);
void noteparse_free(struct noteparse *p);

/* Parses the LEN bytes of TEXT (UTF-8, one note, white space already collapsed) with
 * the italic ranges ITALIC (sorted, NITALIC of them) into OUT (caller frees with
 * noteparse_note_free). Never fails: what it cannot read stays commentary, and a
 * guess says so in OUT->doubt. */
void noteparse_note(struct noteparse *p, const char *text, size_t len,
                    const struct np_range *italic, size_t nitalic, struct np_note *out);

void noteparse_note_free(struct np_note *n);

/* The name of PART, for tests and dumps: "author", "title", "locator"... */
const char *noteparse_part_name(enum np_part part);

#endif
