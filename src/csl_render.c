/* csl_render.c - one item through a layout: cs:text, cs:group (suppressed when every
 * variable it calls is empty), cs:choose and its conditions, and the formatting,
 * affixes and text-case every rendering element carries. */
#include "csl_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
budget(struct render *r)
{
	if (++r->steps > CSL_RENDER_BUDGET)
		r->ended = true;
	return !r->ended;
}

bool
csl_render_suppressed(const struct render *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nsubstituted; i++)
		if (strcmp(r->substituted[i], name) == 0)
			return true;
	return false;
}

void
csl_render_year_suffix(int n, char *out, size_t size)
{
	char tmp[16];
	int len = 0, i;

	for (; n > 0 && len < 15; n = (n - 1) / 26)
		tmp[len++] = (char)('a' + (n - 1) % 26);
	for (i = 0; i < len && (size_t)i + 1 < size; i++)
		out[i] = tmp[len - 1 - i];
	out[i] = '\0';
}

const char *
csl_render_peek(struct render *r, const char *name)
{
	char *num = r->scratch;
	const size_t size = sizeof(r->scratch);

	if (csl_render_suppressed(r, name))
		return NULL;
	if (strcmp(name, "locator") == 0) {
		const char *l = r->cite ? r->cite->locator : NULL;

		l = l ? l + strspn(l, " ") : NULL;
		return l && *l ? l : NULL;
	}
	if (strcmp(name, "citation-number") == 0) {
		if (r->citation_number == 0)
			return NULL;
		snprintf(num, size, "%u", r->citation_number);
		return num;
	}
	if (strcmp(name, "year-suffix") == 0) {
		if (r->dis.year_suffix == 0)
			return NULL;
		csl_render_year_suffix(r->dis.year_suffix, num, size);
		return num;
	}
	if (strcmp(name, "first-reference-note-number") == 0) {
		if (r->cite == NULL || r->cite->first_note == 0 ||
		    r->cite->position == CSL_POS_FIRST)
			return NULL;
		snprintf(num, size, "%u", r->cite->first_note);
		return num;
	}
	if (strcmp(name, "page-first") == 0 && csl_item_text(r->item, "page-first") == NULL) {
		const char *p = csl_item_text(r->item, "page");
		size_t n = p ? strcspn(p, "-\xE2,&") : 0;

		if (n == 0 || n >= size)
			return NULL;
		memcpy(num, p, n);
		num[n] = '\0';
		return num;
	}
	/* CSL-JSON's older names of the short forms */
	if (strcmp(name, "container-title-short") == 0 &&
	    csl_item_text(r->item, name) == NULL)
		return csl_item_text(r->item, "journalAbbreviation");
	if (strcmp(name, "title-short") == 0 && csl_item_text(r->item, name) == NULL)
		return csl_item_text(r->item, "shortTitle");
	return csl_item_text(r->item, name);
}

void
csl_render_count(struct render *r, const char *name, bool found)
{
	/* as citeproc-js: a year-suffix not (yet) given empties no group */
	if (!found && strcmp(name, "year-suffix") == 0)
		return;
	r->tried++;
	if (!found)
		return;
	r->found++;
	if (r->recording && r->nsubstituted < 16 && strlen(name) < 32 &&
	    !csl_render_suppressed(r, name))
		strcpy(r->substituted[r->nsubstituted++], name);
}

const char *
csl_render_var(struct render *r, const char *name)
{
	const char *v = csl_render_peek(r, name);

	csl_render_count(r, name, v != NULL);
	return v;
}

/* The short form of NAME: its "-short" variable (or CSL-JSON's older name). */
static const char *
short_var(struct render *r, const char *name)
{
	char key[64];

	if (csl_render_suppressed(r, name))
		return NULL;
	snprintf(key, sizeof(key), "%s-short", name);
	return csl_render_peek(r, key);
}

/* The term of cs:text term= or cs:label, in its form and number. */
static struct rt *
render_term(struct render *r, const struct csl_node *n)
{
	const char *t = csl_term(r->loc, csl_attr(n, "term"), csl_attr(n, "form"),
	                         csl_attr_is(n, "plural", "true"));
	struct rt *leaf;

	if (t == NULL || !*t)
		return NULL;
	leaf = rt_str(t);
	leaf->term = true;
	return leaf;
}

static struct rt *
render_text(struct render *r, const struct csl_node *n)
{
	const char *v;
	struct rt *t = NULL;

	if (n->macro != NULL) {
		t = csl_render_kids(r, n->macro);
	} else if ((v = csl_attr(n, "variable")) != NULL) {
		const char *value = NULL;

		if (csl_attr_is(n, "form", "short"))
			value = short_var(r, v);
		if (value != NULL)
			csl_render_count(r, v, true);
		else
			value = csl_render_var(r, v);
		if (value != NULL)
			t = csl_number_text(r, v, value);
	} else if (csl_attr(n, "term") != NULL) {
		t = render_term(r, n);
	} else if ((v = csl_attr(n, "value")) != NULL && *v) {
		t = rt_parse(v);
	}
	return csl_render_decorate(r, n, t);
}

/* cs:group: nothing when it calls variables and every one is empty. To the group
 * around it, a group that renders is content (as a variable found, as citeproc-js
 * has it), one that vanished for its empty variables an empty variable. */
static struct rt *
render_group(struct render *r, const struct csl_node *n)
{
	unsigned tried = r->tried, found = r->found;
	struct rt *t;

	r->tried = r->found = 0;
	t = csl_render_kids(r, n);
	if (r->tried > 0 && r->found == 0) {
		rt_free(t);
		t = NULL;
	}
	if (r->tried > 0 || !rt_empty(t))
		tried++;
	if (!rt_empty(t))
		found++;
	r->tried = tried;
	r->found = found;
	return csl_render_decorate(r, n, t);
}

/* Does one value of one condition attribute hold? */
static bool
test_value(struct render *r, const char *cond, const char *value)
{
	const struct csl_var *v;
	const char *s;

	if (strcmp(cond, "type") == 0)
		return r->item->type && strcmp(r->item->type, value) == 0;
	if (strcmp(cond, "variable") == 0) {
		if (csl_render_suppressed(r, value))
			return false;
		v = csl_item_var(r->item, value);
		if (v != NULL)
			return v->kind != CSL_VAR_NAMES || v->nnames > 0;
		return csl_render_peek(r, value) != NULL;
	}
	if (strcmp(cond, "is-numeric") == 0)
		return (s = csl_render_peek(r, value)) != NULL && csl_number_is_numeric(s);
	if (strcmp(cond, "is-uncertain-date") == 0)
		return csl_date_uncertain(r->item, value);
	if (strcmp(cond, "locator") == 0) {
		const char *label = r->cite && r->cite->label ? r->cite->label : "page";

		if (r->cite == NULL || r->cite->locator == NULL)
			return false;
		return strcmp(label, value) == 0 ||
		       (strcmp(value, "sub-verbo") == 0 && strcmp(label, "sub verbo") == 0);
	}
	if (strcmp(cond, "position") == 0) {
		enum csl_position p = r->cite ? r->cite->position : CSL_POS_FIRST;

		if (r->cite == NULL)
			return false;
		if (strcmp(value, "first") == 0)
			return p == CSL_POS_FIRST;
		if (strcmp(value, "subsequent") == 0)
			return p != CSL_POS_FIRST;
		if (strcmp(value, "ibid") == 0)
			return p == CSL_POS_IBID || p == CSL_POS_IBID_WITH_LOCATOR;
		if (strcmp(value, "ibid-with-locator") == 0)
			return p == CSL_POS_IBID_WITH_LOCATOR;
		return strcmp(value, "near-note") == 0 && p != CSL_POS_FIRST &&
		       r->cite->near_note;
	}
	if (strcmp(cond, "disambiguate") == 0)
		return r->dis.condition == (strcmp(value, "true") == 0);
	return false;
}

static const char *const conditions[] = {
	"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position",
	"disambiguate",
};

/* Does cs:if or cs:else-if N hold? Every value of every condition is one test,
 * combined by match= (all, any, none). */
static bool
test(struct render *r, const struct csl_node *n)
{
	const char *match = csl_attr(n, "match");
	bool any = match && strcmp(match, "any") == 0, none = match && strcmp(match, "none") == 0;
	unsigned tests = 0, held = 0;
	size_t i;

	for (i = 0; i < sizeof(conditions) / sizeof(conditions[0]); i++) {
		const char *v = csl_attr(n, conditions[i]);
		char word[128];

		while (v != NULL && *v) {
			size_t len = strcspn(v, " \t\n");

			if (len > 0 && len < sizeof(word)) {
				memcpy(word, v, len);
				word[len] = '\0';
				tests++;
				held += test_value(r, conditions[i], word);
			}
			v += len;
			v += strspn(v, " \t\n");
		}
	}
	if (tests == 0)
		return false;
	return any ? held > 0 : none ? held == 0 : held == tests;
}

static struct rt *
render_choose(struct render *r, const struct csl_node *n)
{
	const struct csl_node *k;

	for (k = n->kids; k != NULL; k = k->next)
		if (k->el == CSL_EL_ELSE || ((k->el == CSL_EL_IF || k->el == CSL_EL_ELSE_IF) &&
		                             test(r, k)))
			return csl_render_kids(r, k);
	return NULL;
}

struct rt *
csl_render_node(struct render *r, const struct csl_node *n)
{
	if (!budget(r))
		return NULL;
	switch (n->el) {
	case CSL_EL_TEXT:
		return render_text(r, n);
	case CSL_EL_GROUP:
		return render_group(r, n);
	case CSL_EL_CHOOSE:
		return render_choose(r, n);
	case CSL_EL_NAMES:
		return csl_names_render(r, n);
	case CSL_EL_DATE:
		return csl_date_render(r, n);
	case CSL_EL_NUMBER:
		return csl_number_render(r, n);
	case CSL_EL_LABEL:
		return csl_label_render(r, n, csl_attr(n, "variable"));
	case CSL_EL_LAYOUT:
	case CSL_EL_MACRO:
		return csl_render_kids(r, n);
	default:
		return NULL;
	}
}

struct rt *
csl_render_kids(struct render *r, const struct csl_node *n)
{
	const char *delim = n->el == CSL_EL_LAYOUT ? NULL : csl_attr(n, "delimiter");
	const struct csl_node *k;
	struct rt *out = rt_span();
	bool any = false;

	for (k = n->kids; k != NULL; k = k->next) {
		struct rt *t = csl_render_node(r, k);

		if (rt_empty(t)) {
			rt_free(t);
			continue;
		}
		if (any && delim && *delim)
			rt_add(out, rt_str(delim));
		rt_add(out, t);
		any = true;
	}
	if (!any) {
		rt_free(out);
		return NULL;
	}
	return out;
}

static unsigned char
value_of(const char *v, const char *const *names)
{
	unsigned char i;

	for (i = 0; v != NULL && names[i] != NULL; i++)
		if (strcmp(v, names[i]) == 0)
			return (unsigned char)(i + 1);
	return 0;
}

static void
read_fmt(const struct csl_node *n, struct rt_fmt *f)
{
	static const char *const styles[] = {"normal", "italic", "oblique", NULL};
	static const char *const variants[] = {"normal", "small-caps", NULL};
	static const char *const weights[] = {"normal", "bold", "light", NULL};
	static const char *const decorations[] = {"none", "underline", NULL};
	static const char *const valigns[] = {"baseline", "sup", "sub", NULL};
	static const char *const displays[] = {"block", "left-margin", "right-inline",
	                                       "indent", NULL};

	f->style = value_of(csl_attr(n, "font-style"), styles);
	f->variant = value_of(csl_attr(n, "font-variant"), variants);
	f->weight = value_of(csl_attr(n, "font-weight"), weights);
	f->decoration = value_of(csl_attr(n, "text-decoration"), decorations);
	f->valign = value_of(csl_attr(n, "vertical-align"), valigns);
	f->display = value_of(csl_attr(n, "display"), displays);
	f->quotes = csl_attr_is(n, "quotes", "true");
}

struct rt *
csl_render_affix(const xmlNode *x, struct rt *content)
{
	const char *prefix = csl_xattr(x, "prefix"), *suffix = csl_xattr(x, "suffix");
	struct rt *out;

	if (content == NULL || ((prefix == NULL || !*prefix) && (suffix == NULL || !*suffix)))
		return content;
	out = rt_span();
	if (prefix && *prefix)
		rt_add(out, rt_str(prefix));
	rt_add(out, content);
	if (suffix && *suffix)
		rt_add(out, rt_str(suffix));
	return out;
}

struct rt *
csl_render_format(struct render *r, const struct csl_node *n, struct rt *content)
{
	struct rt_fmt f;
	struct rt *span;

	if (rt_empty(content)) {
		rt_free(content);
		return NULL;
	}
	if (csl_attr(n, "text-case") != NULL)
		csl_text_case(content, csl_attr(n, "text-case"), r);
	if (csl_attr_is(n, "strip-periods", "true"))
		csl_text_strip_periods(content);
	if (r->sort_key)
		return content;
	read_fmt(n, &f);
	if (!(f.style || f.variant || f.weight || f.decoration || f.valign || f.quotes))
		return content;
	span = rt_span();
	span->fmt = f;
	span->fmt.display = 0;
	rt_add(span, content);
	return span;
}

struct rt *
csl_render_decorate(struct render *r, const struct csl_node *n, struct rt *content)
{
	struct rt *span = csl_render_format(r, n, content), *d;
	struct rt_fmt f;

	if (span == NULL || r->sort_key)
		return span;
	if (n->el != CSL_EL_LAYOUT)
		span = csl_render_affix(n->xml, span);
	read_fmt(n, &f);
	if (!f.display)
		return span;
	d = rt_span();
	d->fmt.display = f.display;
	rt_add(d, span);
	return d;
}
