/* brief.h - a test brief with one note per line (note N, 1-based, on line 4 + N), and
 * a fixture that loads it, validates it and resolves its citations. */
#ifndef BRIEFC_TEST_BRIEF_H
#define BRIEFC_TEST_BRIEF_H

#include "unit.h"

#include "resolve.h"
#include "validate.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author></info>\n" \
	"<para>Text.\n"
#define NOTE(x) "<footnote><para>" x "</para></footnote>\n"
#define TAIL "</para>\n</article>\n"

/* A loaded, valid brief and its resolved model. */
struct fixture {
	struct unit_capture c;
	struct source src;
	struct cite_model *m;
	char *path;
};

/* Loads TEXT into F, fails the test if it is not a valid brief, and resolves it. */
static inline void
load(struct fixture *f, const char *text)
{
	struct validator *v;

	unit_capture_init(&f->c);
	f->path = unit_load(&f->src, text, &f->c.d);
	v = validate_new(&f->c.d);
	if (validate_source(v, &f->src, &f->c.d) != 0)
		fail_msg("test brief is invalid:\n%s", unit_capture_text(&f->c));
	validate_free(v);
	f->m = resolve_source(&f->src, &f->c.d);
}

static inline void
unload(struct fixture *f)
{
	cite_model_free(f->m);
	source_free(&f->src);
	unit_capture_free(&f->c);
	unit_rmfile(f->path);
}

#endif
