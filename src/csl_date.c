/* csl_date.c - cs:date: localized (the locale's text and numeric forms, the style's
 * date-parts over them) and the style's own; ranges, seasons, eras, year-suffix. */
#include "csl_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum part { PART_YEAR, PART_MONTH, PART_DAY };

/* One date-part to render: the locale's element and the style's over it. */
struct dpart {
	enum part which;
	const xmlNode *base;          /* the locale's or the style's cs:date-part */
	const struct csl_node *over;  /* the style's, for a localized date; may be NULL */
};

static const char *
pattr(const struct dpart *p, const char *name)
{
	const char *v = p->over ? csl_attr(p->over, name) : NULL;

	return v ? v : csl_xattr(p->base, name);
}

static int
part_of(const char *name)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "year") == 0)
		return PART_YEAR;
	if (strcmp(name, "month") == 0)
		return PART_MONTH;
	return strcmp(name, "day") == 0 ? PART_DAY : -1;
}

bool
csl_date_uncertain(const struct csl_item *item, const char *name)
{
	const struct csl_var *v = csl_item_var(item, name);

	return v && v->kind == CSL_VAR_DATE && v->date.circa;
}

static int
value(const struct csl_date *d, enum part p, int end)
{
	return p == PART_YEAR ? d->year[end] : p == PART_MONTH ? d->month[end] : d->day[end];
}

static void
render_year(struct render *r, const struct dpart *p, int year, bool suffix, struct buf *b)
{
	const char *form = pattr(p, "form");

	if (year < 0) {
		buf_printf(b, "%d", -year);
		buf_puts(b, csl_term(r->loc, "bc", "long", false) ?
		         csl_term(r->loc, "bc", "long", false) : "BC");
	} else if (form && strcmp(form, "short") == 0) {
		buf_printf(b, "%02d", year % 100);
	} else {
		buf_printf(b, "%d", year);
		if (year < 1000)
			buf_puts(b, csl_term(r->loc, "ad", "long", false) ?
			         csl_term(r->loc, "ad", "long", false) : "AD");
	}
	if (suffix && r->dis.year_suffix > 0 && !r->style->year_suffix_shown &&
	    !r->year_suffix_done) {
		const char *ys = csl_render_var(r, "year-suffix");

		r->year_suffix_done = true;
		buf_puts(b, ys ? ys : "");
	}
}

static void
render_month(struct render *r, const struct dpart *p, int month, int season,
             struct buf *b)
{
	const char *form = pattr(p, "form");
	char term[16];
	const char *t;

	if (month == 0) {
		snprintf(term, sizeof(term), "season-%02d", season);
		if ((t = csl_term(r->loc, term, "long", false)) != NULL)
			buf_puts(b, t);
		return;
	}
	if (form && strcmp(form, "numeric") == 0) {
		buf_printf(b, "%d", month);
		return;
	}
	if (form && strcmp(form, "numeric-leading-zeros") == 0) {
		buf_printf(b, "%02d", month);
		return;
	}
	snprintf(term, sizeof(term), "month-%02d", month);
	t = csl_term(r->loc, term, form && strcmp(form, "short") == 0 ? "short" : "long",
	             false);
	if (t != NULL)
		buf_puts(b, t);
}

static void
render_day(struct render *r, const struct dpart *p, int day, int month, struct buf *b)
{
	const char *form = pattr(p, "form");

	if (form && strcmp(form, "numeric-leading-zeros") == 0) {
		buf_printf(b, "%02d", day);
	} else if (form && strcmp(form, "ordinal") == 0 &&
	           (!r->loc->limit_day_ordinals || day == 1)) {
		char term[16], *o;

		snprintf(term, sizeof(term), "month-%02d", month);
		o = csl_number_ordinal(r->loc, day, false,
		                       csl_term_entry(r->loc, term, "long", NULL)
		                       ? csl_term_entry(r->loc, term, "long", NULL)->gender
		                       : NULL);
		buf_puts(b, o);
		free(o);
	} else {
		buf_printf(b, "%d", day);
	}
}

/* One part of date D (start or END) with its formatting and affixes (without its
 * suffix when CUT: the start of a range, before the range's dash), or NULL;
 * YEAR_SUFFIX: the year may carry the implicit year-suffix. */
static struct rt *
render_part(struct render *r, const struct dpart *p, const struct csl_date *d, int end,
            bool year_suffix, bool cut)
{
	const char *prefix = csl_xattr(p->base, "prefix");
	struct buf b = {0};
	struct rt *t;
	int v = value(d, p->which, end);

	if (p->which == PART_YEAR && v != 0)
		render_year(r, p, v, year_suffix, &b);
	else if (p->which == PART_MONTH && (v != 0 || d->season[end] != 0))
		render_month(r, p, v, d->season[end], &b);
	else if (p->which == PART_DAY && v != 0)
		render_day(r, p, v, d->month[end], &b);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	t = rt_text(b.data, b.len);
	buf_free(&b);
	if (p->which == PART_MONTH && pattr(p, "strip-periods") &&
	    strcmp(pattr(p, "strip-periods"), "true") == 0)
		csl_text_strip_periods(t);
	if (p->over)
		t = csl_render_format(r, p->over, t);
	/* a localized date keeps the locale's affixes (CSL 1.0.2) */
	if (!cut)
		return csl_render_affix(p->base, t);
	if (prefix != NULL && *prefix) {
		struct rt *span = rt_span();

		rt_add(span, rt_str(prefix));
		rt_add(span, t);
		t = span;
	}
	return t;
}

/* The parts of cs:date N to render, in order: the locale's for a localized date
 * (filtered by date-parts=), else the style's children. */
static size_t
collect_parts(struct render *r, const struct csl_node *n, struct dpart *parts)
{
	const char *form = csl_attr(n, "form"), *which = csl_attr(n, "date-parts");
	const xmlNode *loc, *x;
	const struct csl_node *k;
	size_t np = 0;
	int limit = !which || strcmp(which, "year-month-day") == 0 ? PART_DAY
	            : strcmp(which, "year-month") == 0 ? PART_MONTH : PART_YEAR;

	if (form == NULL) {
		for (k = n->kids; k != NULL && np < 3; k = k->next)
			if (k->el == CSL_EL_DATE_PART && part_of(csl_attr(k, "name")) >= 0)
				parts[np++] = (struct dpart){(enum part)part_of(csl_attr(k, "name")),
				                             k->xml, k};
		return np;
	}
	loc = strcmp(form, "numeric") == 0 ? r->loc->date_numeric : r->loc->date_text;
	for (x = loc ? loc->children : NULL; x != NULL && np < 3; x = x->next) {
		int w = x->type == XML_ELEMENT_NODE ? part_of(csl_xattr(x, "name")) : -1;

		if (w < 0 || w > limit)
			continue;
		parts[np] = (struct dpart){(enum part)w, x, NULL};
		for (k = n->kids; k != NULL; k = k->next)
			if (k->el == CSL_EL_DATE_PART && part_of(csl_attr(k, "name")) == w)
				parts[np].over = k;
		np++;
	}
	return np;
}

/* Parts FROM..TO of one end of D, joined; the last part's suffix dropped when
 * CUT (the start of a range). */
static void
add_parts(struct render *r, struct rt *out, const struct dpart *parts, size_t from,
          size_t to, const struct csl_date *d, int end, bool *suffix_done, bool cut)
{
	const char *delim = r->date_delimiter;
	size_t i, last = to;

	/* the cut goes on the last part that shows */
	for (i = from; i < to; i++)
		if (value(d, parts[i].which, end) != 0 ||
		    (parts[i].which == PART_MONTH && d->season[end] != 0))
			last = i;
	for (i = from; i < to; i++) {
		struct rt *t = render_part(r, &parts[i], d, end, !*suffix_done,
		                           cut && i == last);

		if (t != NULL && parts[i].which == PART_YEAR)
			*suffix_done = true;
		if (t != NULL && delim && *delim && !rt_empty(out))
			rt_add(out, rt_str(delim));
		rt_add(out, t);
	}
}

/* The range delimiter of the largest part that differs. */
static const char *
range_delim(const struct dpart *parts, size_t np, enum part largest)
{
	size_t i;

	for (i = 0; i < np; i++)
		if (parts[i].which == largest && pattr(&parts[i], "range-delimiter"))
			return pattr(&parts[i], "range-delimiter");
	return "\xE2\x80\x93";
}

static struct rt *
render_range(struct render *r, const struct dpart *parts, size_t np,
             const struct csl_date *d)
{
	struct rt *out = rt_span(), *start, *end;
	enum part largest = d->year[0] != d->year[1] ? PART_YEAR
	                    : d->month[0] != d->month[1] || d->season[0] != d->season[1]
	                    ? PART_MONTH : PART_DAY;
	size_t first = np, last = 0, i;
	bool done = false;

	for (i = 0; i < np; i++)
		if (parts[i].which >= largest) {
			first = i < first ? i : first;
			last = i;
		}
	if (first == np) {
		add_parts(r, out, parts, 0, np, d, 0, &done, false);
		return out;
	}
	add_parts(r, out, parts, 0, first, d, 0, &done, false);
	if (!rt_empty(out) && r->date_delimiter != NULL)
		rt_add(out, rt_str(r->date_delimiter));
	/* the start's last suffix gives way to the range delimiter */
	start = rt_span();
	add_parts(r, start, parts, first, last + 1, d, 0, &done, true);
	rt_add(out, start);
	rt_add(out, rt_str(range_delim(parts, np, largest)));
	/* the end in a span of its own: no delimiter between it and the range's dash */
	end = rt_span();
	add_parts(r, end, parts, first, last + 1, d, 1, &done, false);
	rt_add(out, end);
	add_parts(r, out, parts, last + 1, np, d, 0, &done, false);
	return out;
}

struct rt *
csl_date_render(struct render *r, const struct csl_node *n)
{
	const char *name = csl_attr(n, "variable");
	const struct csl_var *v = name ? csl_item_var(r->item, name) : NULL;
	struct dpart parts[3];
	size_t np;
	struct rt *out;
	bool done = false;

	if (name == NULL || csl_render_suppressed(r, name) || v == NULL ||
	    v->kind != CSL_VAR_DATE) {
		if (name != NULL)
			csl_render_count(r, name, false);
		return NULL;
	}
	if (v->date.literal != NULL) {
		csl_render_count(r, name, true);
		return csl_render_decorate(r, n, rt_str(v->date.literal));
	}
	np = collect_parts(r, n, parts);
	r->date_delimiter = csl_attr(n, "delimiter");
	if (csl_attr(n, "form") != NULL)
		r->date_delimiter = csl_xattr(csl_attr_is(n, "form", "numeric")
		                              ? r->loc->date_numeric : r->loc->date_text,
		                              "delimiter");
	if (v->date.range && (v->date.year[1] != 0 || v->date.month[1] || v->date.day[1] ||
	                      v->date.season[1])) {
		out = render_range(r, parts, np, &v->date);
	} else {
		out = rt_span();
		add_parts(r, out, parts, 0, np, &v->date, 0, &done, false);
		if (v->date.range) /* open at its end */
			rt_add(out, rt_str(range_delim(parts, np, PART_YEAR)));
	}
	/* a date none of whose parts shows counts as empty for cs:group */
	csl_render_count(r, name, !rt_empty(out));
	return csl_render_decorate(r, n, out);
}
