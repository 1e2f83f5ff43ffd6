/* csl_rich.h - the CSL engine's rich text: a tree of text leaves and formatted spans,
 * built by csl_render and written out by csl_out (the test suite's HTML). */
#ifndef BRIEFC_CSL_RICH_H
#define BRIEFC_CSL_RICH_H

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"

/* Formatting values: 0 leaves the surrounding formatting alone. */
enum rt_style { RT_STYLE_NORMAL = 1, RT_STYLE_ITALIC, RT_STYLE_OBLIQUE };
enum rt_variant { RT_VARIANT_NORMAL = 1, RT_VARIANT_SMALL_CAPS };
enum rt_weight { RT_WEIGHT_NORMAL = 1, RT_WEIGHT_BOLD, RT_WEIGHT_LIGHT };
enum rt_decoration { RT_DECORATION_NONE = 1, RT_DECORATION_UNDERLINE };
enum rt_valign { RT_VALIGN_BASELINE = 1, RT_VALIGN_SUP, RT_VALIGN_SUB };
enum rt_display { RT_DISPLAY_BLOCK = 1, RT_DISPLAY_LEFT_MARGIN, RT_DISPLAY_RIGHT_INLINE,
                  RT_DISPLAY_INDENT };

struct rt_fmt {
	unsigned char style, variant, weight, decoration, valign, display;
	bool quotes;
	bool nocase; /* text-case leaves what is inside alone */
};

/* A leaf (text set) or a span (text NULL) holding kids in order. */
struct rt {
	char *text;        /* owned */
	bool term;         /* a leaf of a locale term: capitalised where a note starts */
	struct rt_fmt fmt;
	struct rt **kids;  /* owned, each owned */
	size_t n, cap;
};

/* A leaf of the N bytes at S. */
struct rt *rt_text(const char *s, size_t n);
struct rt *rt_str(const char *s);
struct rt *rt_span(void);

/* Appends KID (may be NULL: nothing) to SPAN, which takes it. */
void rt_add(struct rt *span, struct rt *kid);

void rt_free(struct rt *t);

/* Has T no text at all? */
bool rt_empty(const struct rt *t);

/* T's text without formatting, appended to OUT. */
void rt_plain(const struct rt *t, struct buf *out);

/* The markup CSL-JSON allows in a field (<i>, <b>, <sup>, <sub>, <sc>, <span
 * class="nocase">, small-caps spans, straight or curly double quotes) read into rich
 * text; anything else stays text. */
struct rt *rt_parse(const char *s);

/* A deep copy of T. */
struct rt *rt_copy(const struct rt *t);

/* The first leaf of T with text, or NULL. */
struct rt *rt_first_leaf(struct rt *t);

/* The quotes csl_out writes: outer and inner pairs (the locale's terms). */
struct rt_quotes {
	const char *open, *close, *open_inner, *close_inner;
	bool punctuation_in_quote;
};

/* Appends T as the test suite's HTML (citeproc-js's "html" format) to OUT. */
void csl_out_html(const struct rt *t, const struct rt_quotes *q, struct buf *out);

#endif
