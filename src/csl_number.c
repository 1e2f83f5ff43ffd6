/* csl_number.c - numbers: cs:number's forms (ordinal, long ordinal, roman), cs:label's
 * plurals, page ranges in the style's page-range-format, the is-numeric test. */
#include "csl_render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EN_DASH "\xE2\x80\x93"

bool
csl_number_is_numeric(const char *v)
{
	bool digits = false;

	if (v == NULL || !*v)
		return false;
	while (*v) {
		size_t word = strcspn(v, " ,&-");
		size_t i, d = 0;

		for (i = 0; i < word; i++)
			d += isdigit((unsigned char)v[i]) != 0;
		if (word > 0 && d == 0)
			return false;
		/* letters may stand only before or after the digits: "12a", "S12" */
		for (i = 0; i < word && !isdigit((unsigned char)v[i]); i++)
			;
		for (; i < word && isdigit((unsigned char)v[i]); i++)
			;
		for (; i < word; i++)
			if (isdigit((unsigned char)v[i]))
				return false;
		digits |= d > 0;
		v += word;
		v += strspn(v, " ,&-");
	}
	return digits;
}

/* The ordinal term for N (CSL 1.0.2's matching), of GENDER where the locale has one. */
static const char *
ordinal_suffix(const struct csl_locale *loc, long n, const char *gender)
{
	static const char *const matches[] = {"whole-number", "last-two-digits",
	                                      "last-digit"};
	char name[32];
	size_t m, i;
	int g;

	for (g = 0; g < 2; g++)
		for (m = 0; m < 3; m++) {
			long key = m == 0 ? n : m == 1 ? n % 100 : n % 10;

			if ((m == 0 && n > 99) || (m == 1 && key < 10))
				continue;
			snprintf(name, sizeof(name), "ordinal-%02ld", key);
			for (i = loc->nterms; i-- > 0;) {
				const struct csl_term *t = &loc->terms[i];
				const char *match = t->match ? t->match
				                    : key < 10 ? "last-digit" : "last-two-digits";

				if (strcmp(t->name, name) != 0 || strcmp(t->form, "long") != 0)
					continue;
				if (g == 0 && (gender == NULL || t->gender_form == NULL ||
				               strcmp(t->gender_form, gender) != 0))
					continue;
				if (g == 1 && t->gender_form != NULL)
					continue;
				if (strcmp(match, matches[m]) == 0 ||
				    (m == 1 && strcmp(match, "whole-number") == 0 && key == n))
					return t->single;
			}
		}
	return csl_term(loc, "ordinal", "long", false);
}

char *
csl_number_ordinal(const struct csl_locale *loc, long n, bool long_form,
                   const char *gender)
{
	struct buf b = {0};
	const char *s;

	if (long_form && n >= 1 && n <= 10) {
		char name[24];

		snprintf(name, sizeof(name), "long-ordinal-%02ld", n);
		if ((s = csl_term(loc, name, "long", false)) != NULL)
			return mem_strdup(s);
	}
	buf_printf(&b, "%ld", n);
	if ((s = ordinal_suffix(loc, n, gender)) != NULL)
		buf_puts(&b, s);
	return b.data;
}

static void
roman(long n, struct buf *b)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
	         {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
	size_t i;

	if (n <= 0 || n >= 4000) {
		buf_printf(b, "%ld", n);
		return;
	}
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		for (; n >= r[i].v; n -= r[i].v)
			buf_puts(b, r[i].s);
}

/* The gender of the term for VARIABLE (ordinals agree with it). */
static const char *
var_gender(const struct render *r, const char *variable)
{
	const struct csl_term *t = csl_term_entry(r->loc, variable, "long", NULL);

	return t ? t->gender : NULL;
}

struct rt *
csl_number_render(struct render *r, const struct csl_node *n)
{
	const char *var = csl_attr(n, "variable"), *form = csl_attr(n, "form");
	const char *v = var ? csl_render_var(r, var) : NULL;
	struct buf b = {0};
	struct rt *t;

	if (v == NULL)
		return NULL;
	/* pages keep their range format; what is no number stands as it is */
	if (!csl_number_is_numeric(v) || strcmp(var, "page") == 0 || strcmp(var, "locator") == 0)
		return csl_render_decorate(r, n, csl_number_text(r, var, v));
	if (form == NULL)
		form = "numeric";
	while (*v) {
		size_t skip = strspn(v, "0123456789");

		if (skip == 0) {
			if (*v == '-')
				buf_puts(&b, EN_DASH);
			else
				buf_append(&b, v, 1);
			v++;
			continue;
		}
		if (strcmp(form, "roman") == 0) {
			roman(strtol(v, NULL, 10), &b);
		} else if (strcmp(form, "numeric") == 0) {
			buf_append(&b, v, skip);
		} else {
			char *o = csl_number_ordinal(r->loc, strtol(v, NULL, 10),
			                             strcmp(form, "long-ordinal") == 0,
			                             var_gender(r, var));

			buf_puts(&b, o);
			free(o);
		}
		v += skip;
	}
	t = rt_text(b.data ? b.data : "", b.len);
	buf_free(&b);
	return csl_render_decorate(r, n, t);
}

/* Does V name several things ("1-3", "2, 5", "4 & 6", "4 and 6" in the locale's
 * words)? An escaped hyphen ("327\\-30") joins no range. */
static bool
is_plural(const struct render *r, const char *variable, const char *v)
{
	const char *and_ = csl_term(r->loc, "and", "long", false);
	const char *h;

	if (strcmp(variable, "number-of-pages") == 0 || strcmp(variable, "number-of-volumes") == 0)
		return atol(v) > 1;
	for (h = strchr(v, '-'); h != NULL; h = strchr(h + 1, '-'))
		if (h == v || h[-1] != '\\')
			return true;
	if (strpbrk(v, ",&") != NULL || strstr(v, EN_DASH) != NULL)
		return true;
	if (and_ != NULL && *and_) {
		for (h = strstr(v, and_); h != NULL; h = strstr(h + 1, and_))
			if (h > v && h[-1] == ' ' && h[strlen(and_)] == ' ')
				return true;
	}
	return false;
}

struct rt *
csl_label_render(struct render *r, const struct csl_node *n, const char *variable)
{
	const char *v, *term = variable, *plural = csl_attr(n, "plural"), *t;
	bool many;

	/* A label calls no variable of its own: it counts nothing for cs:group. */
	if (variable == NULL || (v = csl_render_peek(r, variable)) == NULL)
		return NULL;
	if (strcmp(variable, "locator") == 0)
		term = r->cite && r->cite->label ? r->cite->label : "page";
	many = plural && strcmp(plural, "always") == 0 ? true
	       : plural && strcmp(plural, "never") == 0 ? false : is_plural(r, variable, v);
	t = csl_term(r->loc, term, csl_attr(n, "form"), many);
	return t && *t ? csl_render_decorate(r, n, rt_str(t)) : NULL;
}

/* The digits of the second number of a page range as FORMAT writes them: A and B
 * are digit strings of one length (B filled out from A), B above A. */
static void
page_second(const char *format, const char *a, const char *b, struct buf *out)
{
	size_t len = strlen(a), same = 0, keep;
	long first = atol(a);
	bool chicago = strncmp(format, "chicago", 7) == 0;

	while (same < len && a[same] == b[same])
		same++;
	keep = len - same ? len - same : 1;
	if (strcmp(format, "expanded") == 0 || (chicago && (first < 100 || first % 100 == 0)))
		keep = len;
	else if (strcmp(format, "minimal-two") == 0 || (chicago && first % 100 >= 10)) {
		if (keep < 2)
			keep = len < 2 ? len : 2;
		/* Chicago's 15th edition: four digits of which three change, in full */
		if (chicago && strcmp(format, "chicago-16") != 0 && len == 4 && len - same >= 3)
			keep = len;
	}
	buf_puts(out, b + (len - keep));
}

/* Splits S (N bytes) into its letters before the last run of digits (*PREFIX,
 * *NPREFIX) and that run (*DIGITS, *NDIGITS; 0 when S does not end in digits). */
static void
split_number(const char *s, size_t n, size_t *nprefix, size_t *ndigits)
{
	size_t d = n;

	while (d > 0 && isdigit((unsigned char)s[d - 1]))
		d--;
	*nprefix = d;
	*ndigits = n - d;
}

/* One range A-B (NA and NB bytes) in the style's FORMAT with DELIM: only ranges
 * of numbers with one prefix ("N110-N115") are rewritten; others keep a hyphen,
 * and letters alone ("xxv-xxviii") take the delimiter. */
static void
page_pair(const char *format, const char *delim, const char *a, size_t na,
          const char *b, size_t nb, struct buf *out)
{
	size_t pa, da, pb, db;
	char first[32], second[32];

	split_number(a, na, &pa, &da);
	split_number(b, nb, &pb, &db);
	if (da == 0 && db == 0) {
		buf_append(out, a, na);
		buf_puts(out, delim);
		buf_append(out, b, nb);
		return;
	}
	if (da == 0 || db == 0 || da >= sizeof(first) ||
	    (pb > 0 && (pa != pb || memcmp(a, b, pa) != 0)) || (pa > 0 && pb == 0 && format)) {
		buf_append(out, a, na);
		buf_puts(out, "-");
		buf_append(out, b, nb);
		return;
	}
	if (db > da) { /* "3-10": the second is longer, so larger: its digits whole */
		size_t skip = format && strcmp(format, "expanded") != 0 ? pb : 0;

		buf_append(out, a, na);
		buf_puts(out, delim);
		buf_append(out, b + skip, nb - skip);
		return;
	}
	memcpy(first, a + pa, da);
	first[da] = '\0';
	memcpy(second, first, da - db);
	memcpy(second + (da - db), b + pb, db);
	second[da] = '\0';
	if (atol(second) < atol(first)) {
		buf_append(out, a, na);
		buf_puts(out, "-");
		buf_append(out, b, nb);
		return;
	}
	buf_append(out, a, na);
	buf_puts(out, delim);
	if (format == NULL) {
		buf_append(out, b, nb);
		return;
	}
	if (strcmp(format, "expanded") == 0)
		buf_append(out, b, pb);
	page_second(format, first, second, out);
}

static size_t
alnum_run(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]))
		n++;
	return n;
}

/* The length of a range's dash at S (spaces, "-", "--" or an en dash, spaces). */
static size_t
range_dash(const char *s)
{
	size_t n = strspn(s, " ");

	if (s[n] == '-')
		n += strspn(s + n, "-");
	else if (strncmp(s + n, EN_DASH, 3) == 0)
		n += 3;
	else
		return 0;
	return n + strspn(s + n, " ");
}

/* Page ranges in V in the style's page-range-format, with the locale's delimiter;
 * "\\-" is a hyphen that joins no range. */
static struct rt *
page_range(struct render *r, const char *v)
{
	const char *format = csl_attr(&r->style->nodes[0], "page-range-format");
	const char *delim = csl_term(r->loc, "page-range-delimiter", "long", false);
	struct buf out = {0};
	struct rt *t;

	while (*v) {
		size_t na = alnum_run(v), dash, nb;

		if (*v == '\\' && v[1] == '-') {
			buf_puts(&out, "-");
			v += 2;
			continue;
		}
		if (na == 0) {
			buf_append(&out, v, 1);
			v++;
			continue;
		}
		dash = range_dash(v + na);
		nb = dash ? alnum_run(v + na + dash) : 0;
		if (nb == 0) {
			buf_append(&out, v, na);
			v += na;
			continue;
		}
		page_pair(format, delim ? delim : EN_DASH, v, na, v + na + dash, nb, &out);
		v += na + dash + nb;
	}
	t = rt_text(out.data ? out.data : "", out.len);
	buf_free(&out);
	return t;
}

struct rt *
csl_number_text(struct render *r, const char *variable, const char *value)
{
	if (strcmp(variable, "page") == 0 ||
	    (strcmp(variable, "locator") == 0 && r->cite &&
	     (r->cite->label == NULL || strcmp(r->cite->label, "page") == 0)))
		return page_range(r, value);
	return rt_parse(value);
}
