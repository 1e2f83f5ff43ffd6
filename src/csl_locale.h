/* csl_locale.h - a CSL locale: terms, date formats and options, merged from Debian's
 * locale files (xx-XX, its language, en-US) under the style's own cs:locale elements. */
#ifndef BRIEFC_CSL_LOCALE_H
#define BRIEFC_CSL_LOCALE_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "csl_style.h"
#include "diag.h"

/* Debian's citation-style-language-locales. */
#define CSL_LOCALE_DIR "/usr/share/citation-style-language/locales"

struct csl_term {
	const char *name, *form, *gender, *gender_form, *match;
	const char *single, *multiple; /* points into a document the locale owns */
};

/* A merged locale. Owns the locale files' documents; the style's cs:locale
 * elements it read stay the style's (the style must outlive the locale). */
struct csl_locale {
	xmlDocPtr docs[3];
	struct csl_term *terms; /* lowest precedence first: the last match wins */
	size_t nterms, capterms;
	const xmlNode *date_text, *date_numeric; /* cs:date form="text" / "numeric" */
	bool punctuation_in_quote, limit_day_ordinals;
	char lang[32];
};

/* Loads the locale for LANG (NULL: the style's default-locale, else en-US) from DIR
 * (NULL: CSL_LOCALE_DIR), falling back from xx-XX to the language's main dialect
 * to en-US, and merges STYLE's cs:locale elements over it. Returns NULL, reported to
 * D, when not even en-US can be read. */
struct csl_locale *csl_locale_load(const struct csl_style *style, const char *dir,
                                   const char *lang, struct diag *d);

void csl_locale_free(struct csl_locale *loc);

/* The term NAME in FORM ("long", "short", "verb", "verb-short", "symbol"), singular
 * or PLURAL, falling back short -> long, verb-short -> verb -> long, symbol -> short;
 * NULL when the locale has none. */
const char *csl_term(const struct csl_locale *loc, const char *name, const char *form,
                     bool plural);

/* As csl_term, the whole entry (for gender and match), or NULL. */
const struct csl_term *csl_term_entry(const struct csl_locale *loc, const char *name,
                                      const char *form, const char *gender_form);

#endif
