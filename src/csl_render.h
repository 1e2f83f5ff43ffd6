/* csl_render.h - rendering one item through a layout into rich text: the state the
 * element modules share (csl_render.c: layout, text, group, choose, formatting;
 * csl_names.c, csl_date.c, csl_number.c: their elements; csl_text.c: text-case). */
#ifndef BRIEFC_CSL_RENDER_H
#define BRIEFC_CSL_RENDER_H

#include <stdbool.h>

#include "csl.h"
#include "csl_item.h"
#include "csl_locale.h"
#include "csl_rich.h"
#include "csl_style.h"

/* Steps one render may take: a style's macros cannot loop, but may still call each
 * other in a tree that grows exponentially. */
#define CSL_RENDER_BUDGET 200000

/* Names whose given names disambiguation may show. */
#define CSL_DISAMB_NAMES 32

/* How far disambiguation has gone for one item (csl_disamb.c). */
struct csl_disamb {
	int add_names;      /* names shown beyond et-al-use-first */
	unsigned char given[CSL_DISAMB_NAMES]; /* each name of the first cs:names: 0 as
	                                          the style says, 1 initials, 2 in full */
	bool condition;     /* the disambiguate="true" condition holds */
	int year_suffix;    /* 0 none; 1 "a", 2 "b", ... */
};

struct render {
	const struct csl_style *style;
	const struct csl_locale *loc;
	const struct csl_item *item;
	const struct csl_cite *cite;    /* NULL outside a citation */
	const struct csl_node *area;    /* cs:citation or cs:bibliography */
	struct csl_disamb dis;
	unsigned citation_number;       /* 0: none */
	bool sort_key;                  /* a sort key: names in sort order, numbers padded */
	int key_names_min, key_names_first; /* the key's names-min, names-use-first */
	bool key_names_last;                /* ... and names-use-last */
	struct rt *first_names;         /* the entry's first rendered cs:names (not owned):
	                                   subsequent-author-substitute replaces it */
	bool names_seen;                /* the first cs:names has rendered */
	bool suppress_names;            /* leave the first cs:names out (suppress-author,
	                                   collapsed cites) */
	char substituted[16][32];       /* variables a substitute used: now suppressed */
	size_t nsubstituted;
	bool recording;                 /* inside cs:substitute: found variables go there */
	const struct csl_node *names;   /* the cs:names a substitute is in, or NULL */
	unsigned tried, found;          /* variables looked up / found, for cs:group */
	bool year_suffix_done;          /* a date has added the year-suffix already */
	const char *date_delimiter;     /* the non-localized cs:date being rendered's */
	char scratch[32];               /* a computed variable's text (csl_render_peek) */
	unsigned long steps;
	bool ended;                     /* the budget ran out; the render is cut short */
	int names_count;                /* names form="count": the number, else -1 */
	bool in_substitute;
};

/* The rendering of layout/element N for R's item, or NULL when it renders nothing. */
struct rt *csl_render_node(struct render *r, const struct csl_node *n);

/* N's children, joined by N's delimiter attribute. */
struct rt *csl_render_kids(struct render *r, const struct csl_node *n);

/* CONTENT with N's text-case, strip-periods, font and quotes, without affixes. */
struct rt *csl_render_format(struct render *r, const struct csl_node *n,
                             struct rt *content);

/* CONTENT with N's formatting, affixes, quotes, text-case and display; NULL stays. */
struct rt *csl_render_decorate(struct render *r, const struct csl_node *n,
                               struct rt *content);

/* CONTENT with the prefix and suffix of element X only (a substitute's cs:names, a
 * locale's date-part); NULL stays. */
struct rt *csl_render_affix(const xmlNode *x, struct rt *content);

/* The text of variable NAME for R's cite (locator, citation-number, ... included),
 * or NULL; counts the lookup for group suppression. */
const char *csl_render_var(struct render *r, const char *name);

/* As csl_render_var, without counting the lookup (cs:label, conditions). */
const char *csl_render_peek(struct render *r, const char *name);

/* "a", "b", ... "z", "aa", "ab": year suffix N (1-based) into OUT of SIZE. */
void csl_render_year_suffix(int n, char *out, size_t size);

/* Has a substitute used NAME already? */
bool csl_render_suppressed(const struct render *r, const char *name);

/* Counts a lookup of variable NAME for group suppression; inside cs:substitute, a
 * FOUND one is suppressed for the rest of the item's rendering. */
void csl_render_count(struct render *r, const char *name, bool found);

/* Text case and strip-periods of N applied to T in place (csl_text.c). */
void csl_text_case(struct rt *t, const char *text_case, const struct render *r);
void csl_text_strip_periods(struct rt *t);

/* Title case: does the item's language allow it (English, or none given)? */
bool csl_text_english(const struct csl_item *item);

/* The elements (csl_names.c, csl_date.c, csl_number.c). */
struct rt *csl_names_render(struct render *r, const struct csl_node *n);
struct rt *csl_date_render(struct render *r, const struct csl_node *n);
struct rt *csl_number_render(struct render *r, const struct csl_node *n);
struct rt *csl_label_render(struct render *r, const struct csl_node *n,
                            const char *variable);

/* A text variable as cs:text renders it (page ranges, ordinals, ...). */
struct rt *csl_number_text(struct render *r, const char *variable, const char *value);

/* Does VALUE read as a number (CSL's is-numeric)? */
bool csl_number_is_numeric(const char *value);

/* Is the item's date variable NAME uncertain (circa)? */
bool csl_date_uncertain(const struct csl_item *item, const char *name);

/* N as an ordinal ("1st", or "first" when LONG_FORM and N is 1 to 10), agreeing
 * with GENDER where the locale has gendered forms; caller frees (csl_number.c). */
char *csl_number_ordinal(const struct csl_locale *loc, long n, bool long_form,
                         const char *gender);

/* The names of variable NAME of the item as a plain string key for sorting or
 * comparing (csl_names.c); caller frees. */
char *csl_names_sort_key(struct render *r, const struct csl_node *names_or_key,
                         const char *var);

#endif
