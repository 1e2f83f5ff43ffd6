/* csl_names.c - cs:names: name lists with et-al, "and", initials, particles and sort
 * order; labels; editor and translator merged; cs:substitute. */
#include "csl_render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The options one name list is rendered with. */
struct nameopts {
	const struct csl_node *name, *etal; /* may be NULL */
	const unsigned char *given;         /* disambiguation's given-name levels, or NULL */
	const char *and_, *delim, *sort_sep, *initialize_with, *demote, *form;
	const char *precedes_last, *precedes_etal, *sort_order;
	int etal_min, etal_first;
	bool etal_last, initialize;
};

static int
int_attr(const char *v, int dflt)
{
	return v && *v ? atoi(v) : dflt;
}

/* Option NAME of cs:name AT, else inherited (as INHERITED where named otherwise). */
static const char *
opt(const struct render *r, const struct csl_node *at, const char *name,
    const char *inherited)
{
	return csl_inherit(at, r->area, name, inherited);
}

static void
read_opts(struct render *r, const struct csl_node *names, struct nameopts *o)
{
	const struct csl_node *at = o->name ? o->name : names;
	bool subsequent = r->cite && r->cite->position != CSL_POS_FIRST;
	const char *v;

	o->and_ = opt(r, at, "and", NULL);
	o->delim = opt(r, at, "delimiter", "name-delimiter");
	o->sort_sep = opt(r, at, "sort-separator", NULL);
	o->initialize_with = opt(r, at, "initialize-with", NULL);
	o->initialize = (v = opt(r, at, "initialize", NULL)) == NULL || strcmp(v, "false") != 0;
	o->form = opt(r, at, "form", "name-form");
	o->precedes_last = opt(r, at, "delimiter-precedes-last", NULL);
	o->precedes_etal = opt(r, at, "delimiter-precedes-et-al", NULL);
	o->sort_order = opt(r, at, "name-as-sort-order", NULL);
	o->demote = csl_attr(&r->style->nodes[0], "demote-non-dropping-particle");
	o->etal_min = int_attr(opt(r, at, "et-al-min", NULL), 0);
	o->etal_first = int_attr(opt(r, at, "et-al-use-first", NULL), 0);
	if (subsequent) {
		o->etal_min = int_attr(opt(r, at, "et-al-subsequent-min", NULL), o->etal_min);
		o->etal_first = int_attr(opt(r, at, "et-al-subsequent-use-first", NULL),
		                         o->etal_first);
	}
	v = opt(r, at, "et-al-use-last", NULL);
	o->etal_last = v && strcmp(v, "true") == 0;
	if (o->delim == NULL)
		o->delim = ", ";
	if (o->sort_sep == NULL)
		o->sort_sep = ", ";
	if (o->demote == NULL)
		o->demote = "display-and-sort";
	if (r->sort_key) {
		/* names compare one by one, family before given: separators that sort
		 * below any letter */
		o->delim = "\x02";
		o->sort_sep = "\x01";
		if (r->key_names_min > 0)
			o->etal_min = r->key_names_min;
		if (r->key_names_first > 0)
			o->etal_first = r->key_names_first;
		if (r->key_names_last)
			o->etal_last = true;
	}
}

/* Does S hold a character of a script written without spaces between names? */
static bool
is_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p && *p; p++)
		if (*p >= 0xE3 && *p <= 0xED)
			return true;
	return false;
}

static bool
is_byzantine(const struct csl_name *n)
{
	return !is_cjk(n->family) && !is_cjk(n->given);
}

static void
trim_spaces(struct buf *out)
{
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->len--;
	if (out->data != NULL)
		out->data[out->len] = '\0';
}

/* GIVEN with its initials written as WITH says ("J. P.", "J.-P."): every word when
 * ALL (initialize="true"), else only those already initials ("M.E" -> "M. E.").
 * Abbreviations ("Ts.", "Ph.") stay whole, lower-case words ("de") stay whole, a
 * lower-case part after a hyphen goes; HYPHEN false drops hyphens. */
static void
initials(const char *given, const char *with, bool all, bool hyphen, struct buf *out)
{
	const char *p = given;
	bool after_hyphen = false, last_initial = false;

	while (*p) {
		size_t len, clen = 1;
		bool dotted, initial;

		if (*p == ' ' || *p == '.' || *p == '-') {
			after_hyphen |= *p == '-';
			p++;
			continue;
		}
		len = strcspn(p, " .-");
		dotted = p[len] == '.';
		while (clen < len && ((unsigned char)p[clen] & 0xC0) == 0x80)
			clen++;
		initial = clen == len || (dotted && len <= 3);
		if (p[0] >= 'a' && p[0] <= 'z' && len > 1) {
			/* a particle ("de") is kept; a lower-case part after a hyphen goes */
			if (!after_hyphen) {
				trim_spaces(out);
				if (out->len > 0)
					buf_puts(out, " ");
				buf_append(out, p, len);
				buf_puts(out, " ");
			}
		} else if (all || initial) {
			if (out->len > 0 && after_hyphen && hyphen) {
				trim_spaces(out);
				buf_puts(out, "-");
			} else if (out->len > 0 && !last_initial) {
				trim_spaces(out);
				buf_puts(out, " ");
			}
			buf_append(out, p, initial && clen < len ? len : clen);
			/* a digraph capital opens some names: "TSerendorjiin" is "Ts." */
			if (!initial && len > 2 && clen == 1 && isupper((unsigned char)p[1]) &&
			    islower((unsigned char)p[2])) {
				char second = (char)tolower((unsigned char)p[1]);

				buf_append(out, &second, 1);
			}
			buf_puts(out, with);
			last_initial = true;
		} else {
			trim_spaces(out);
			if (out->len > 0)
				buf_puts(out, " ");
			buf_append(out, p, len);
			buf_puts(out, " ");
			last_initial = false;
		}
		p += len;
		after_hyphen = false;
	}
	trim_spaces(out);
}

/* The given name as it shows: initialized when the style says, unless
 * disambiguation shows it in full (LEVEL 2). */
static char *
given_text(struct render *r, const struct nameopts *o, const struct csl_name *n,
           int level)
{
	struct buf b = {0};
	const char *with = o->initialize_with;

	if (n->given == NULL)
		return NULL;
	if (level >= 2 || with == NULL || !is_byzantine(n) || n->family == NULL)
		return mem_strdup(n->given);
	initials(n->given, with, o->initialize, !csl_attr_is(&r->style->nodes[0],
	         "initialize-with-hyphen", "false"), &b);
	return b.data ? b.data : mem_strdup("");
}

/* The formatting a cs:name-part gives PART of name N. */
static struct rt *
part(struct render *r, const struct nameopts *o, const char *which, struct rt *t)
{
	const struct csl_node *k;

	for (k = o->name ? o->name->kids : NULL; k != NULL; k = k->next)
		if (k->el == CSL_EL_NAME_PART && csl_attr_is(k, "name", which))
			return csl_render_decorate(r, k, t);
	return t;
}

/* Joins A and B with a space, or none after an apostrophe or hyphen. */
static void
join_word(struct buf *b, const char *w)
{
	if (w == NULL || !*w)
		return;
	if (b->len > 0) {
		char last = b->data[b->len - 1];

		if (last != '\'' && last != '-' && !(b->len >= 3 && memcmp(b->data + b->len - 3,
		                                                        "\xE2\x80\x99", 3) == 0))
			buf_puts(b, " ");
	}
	buf_puts(b, w);
}

/* B's text as rich text (names may carry markup, "<sup>"), and B freed. */
static struct rt *
leaf(struct buf *b)
{
	struct rt *t = b->len ? rt_parse(b->data) : NULL;

	buf_free(b);
	return t;
}

/* One name. INVERT: family first (name-as-sort-order). */
static struct rt *
render_name(struct render *r, const struct nameopts *o, const struct csl_name *n,
            bool invert, int level)
{
	struct buf fam = {0}, giv = {0};
	struct rt *out = rt_span();
	char *given;
	bool demote = strcmp(o->demote, "display-and-sort") == 0 ||
	              (r->sort_key && strcmp(o->demote, "sort-only") == 0);
	bool short_form = o->form && strcmp(o->form, "short") == 0 && level == 0;

	if (n->literal != NULL) {
		rt_add(out, part(r, o, "family", rt_parse(n->literal)));
		return out;
	}
	if (short_form) {
		join_word(&fam, n->non_dropping);
		join_word(&fam, n->family);
		rt_add(out, part(r, o, "family", leaf(&fam)));
		return out;
	}
	given = given_text(r, o, n, level);
	if (!is_byzantine(n)) {
		buf_puts(&fam, n->family ? n->family : "");
		if (given)
			buf_puts(&fam, given);
		rt_add(out, part(r, o, "family", leaf(&fam)));
		free(given);
		return out;
	}
	if (invert) {
		if (!demote)
			join_word(&fam, n->non_dropping);
		join_word(&fam, n->family);
		join_word(&giv, given);
		join_word(&giv, n->dropping);
		if (demote)
			join_word(&giv, n->non_dropping);
		/* a name of given names only has no separator before them */
		if (fam.len > 0 && giv.len > 0) {
			rt_add(out, part(r, o, "family", leaf(&fam)));
			rt_add(out, rt_str(o->sort_sep));
			rt_add(out, part(r, o, "given", leaf(&giv)));
		} else {
			rt_add(out, part(r, o, "family", leaf(&fam)));
			rt_add(out, part(r, o, "given", leaf(&giv)));
		}
		if (n->suffix) {
			rt_add(out, rt_str(o->sort_sep));
			rt_add(out, rt_str(n->suffix));
		}
	} else {
		join_word(&giv, given);
		join_word(&fam, n->dropping);
		join_word(&fam, n->non_dropping);
		join_word(&fam, n->family);
		if (giv.len) {
			rt_add(out, part(r, o, "given", leaf(&giv)));
			rt_add(out, rt_str(" "));
		}
		rt_add(out, part(r, o, "family", leaf(&fam)));
		if (n->suffix) {
			rt_add(out, rt_str(n->comma_suffix ? ", " : " "));
			rt_add(out, rt_str(n->suffix));
		}
	}
	buf_free(&fam);
	buf_free(&giv);
	free(given);
	return out;
}

static bool
inverted(const struct nameopts *o, const struct render *r, const struct csl_var *v,
         size_t i)
{
	if (v->names[i].literal != NULL)
		return false;
	if (r->sort_key)
		return true;
	if (o->sort_order == NULL)
		return false;
	return strcmp(o->sort_order, "all") == 0 || (i == 0 && strcmp(o->sort_order, "first") == 0);
}

/* Is the delimiter written before "and" or "et al." that follows BEFORE names?
 * Contextual: when two or more come before it. */
static bool
precedes(const char *rule, size_t before, bool last_inverted)
{
	if (rule == NULL || strcmp(rule, "contextual") == 0)
		return before >= 2;
	if (strcmp(rule, "always") == 0)
		return true;
	if (strcmp(rule, "after-inverted-name") == 0)
		return last_inverted;
	return false;
}

static struct rt *
render_etal(struct render *r, const struct nameopts *o)
{
	const char *term = o->etal ? csl_attr(o->etal, "term") : NULL;
	const char *t = csl_term(r->loc, term ? term : "et-al", "long", false);
	struct rt *out;

	if (t == NULL || !*t)
		return NULL;
	out = rt_str(t);
	return o->etal ? csl_render_decorate(r, o->etal, out) : out;
}

/* How many names show out of N (et-al applied, disambiguation's additions too). */
static size_t
shown_count(const struct render *r, const struct nameopts *o, size_t n)
{
	size_t first;

	if (o->etal_min <= 0 || o->etal_first <= 0 || n < (size_t)o->etal_min)
		return n;
	first = (size_t)o->etal_first + (size_t)(r->dis.add_names > 0 ? r->dis.add_names : 0);
	return first < n ? first : n;
}

static struct rt *
render_list(struct render *r, const struct nameopts *o, const struct csl_var *v)
{
	size_t n = v->nnames, shown = shown_count(r, o, n), i;
	struct rt *out = rt_span();
	const char *and_ = NULL;

	if (o->and_ && strcmp(o->and_, "text") == 0)
		and_ = csl_term(r->loc, "and", "long", false);
	else if (o->and_ && strcmp(o->and_, "symbol") == 0)
		and_ = "&";
	for (i = 0; i < shown; i++) {
		bool last = i + 1 == shown && shown == n && i > 0;

		if (i > 0 && last && and_ && !r->sort_key) {
			if (precedes(o->precedes_last, shown - 1, inverted(o, r, v, i - 1)))
				rt_add(out, rt_str(o->delim));
			else
				rt_add(out, rt_str(" "));
			rt_add(out, rt_str(and_));
			rt_add(out, rt_str(" "));
		} else if (i > 0) {
			rt_add(out, rt_str(o->delim));
		}
		rt_add(out, render_name(r, o, &v->names[i], inverted(o, r, v, i),
		                        o->given && i < CSL_DISAMB_NAMES ? o->given[i] : 0));
	}
	if (shown < n && r->sort_key && o->etal_last) {
		/* a key with et-al-use-last sorts by the last name too */
		rt_add(out, rt_str(o->delim));
		rt_add(out, render_name(r, o, &v->names[n - 1], true, 0));
	} else if (shown < n && !r->sort_key) {
		if (o->etal_last && shown + 1 < n) {
			rt_add(out, rt_str(o->delim));
			rt_add(out, rt_str("\xE2\x80\xA6 "));
			rt_add(out, render_name(r, o, &v->names[n - 1], inverted(o, r, v, n - 1),
			                        0));
		} else {
			struct rt *etal = render_etal(r, o);

			if (etal != NULL) {
				rt_add(out, rt_str(precedes(o->precedes_etal, shown,
				                            inverted(o, r, v, shown - 1)) ? o->delim
				                                                       : " "));
				rt_add(out, etal);
			}
		}
	}
	return o->name ? csl_render_decorate(r, o->name, out) : out;
}

/* Are A and B the same text, or both absent? */
static bool
same_text(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Do A and B hold the same names (editor and translator one person)? */
static bool
same_names(const struct csl_var *a, const struct csl_var *b)
{
	size_t i;

	if (a == NULL || b == NULL || a->nnames != b->nnames)
		return false;
	for (i = 0; i < a->nnames; i++)
		if (!same_text(a->names[i].family, b->names[i].family) ||
		    !same_text(a->names[i].given, b->names[i].given) ||
		    !same_text(a->names[i].literal, b->names[i].literal))
			return false;
	return true;
}

/* The names of one variable with their label where cs:names has one. */
static struct rt *
render_var(struct render *r, const struct nameopts *o, const struct csl_node *names,
           const struct csl_var *v, const char *term)
{
	/* a substitute's shorthand cs:names takes the label of the one it stands in */
	const struct csl_node *k, *label = csl_child(csl_child(names, CSL_EL_NAME) == NULL &&
	                                             r->names ? r->names : names, CSL_EL_LABEL);
	struct rt *out = rt_span(), *list = render_list(r, o, v);
	bool label_first = false, seen_name = false;

	for (k = label ? label->parent->kids : NULL; k != NULL; k = k->next) {
		if (k->el == CSL_EL_NAME)
			seen_name = true;
		if (k == label)
			label_first = !seen_name;
	}
	if (label && !r->sort_key) {
		const char *plural = csl_attr(label, "plural");
		const char *t = csl_term(r->loc, term, csl_attr(label, "form"),
		                         plural && strcmp(plural, "always") == 0 ? true
		                         : plural && strcmp(plural, "never") == 0 ? false
		                         : v->nnames > 1);
		struct rt *lt = t && *t ? csl_render_decorate(r, label, rt_str(t)) : NULL;

		if (label_first) {
			rt_add(out, lt);
			rt_add(out, list);
		} else {
			rt_add(out, list);
			rt_add(out, lt);
		}
	} else {
		rt_add(out, list);
	}
	return out;
}

/* Splits the space-separated variable list of N into VARS; returns how many. */
static size_t
split_vars(const char *list, char vars[][32], size_t max)
{
	size_t n = 0;

	while (list && *list && n < max) {
		size_t len = strcspn(list, " \t\n");

		if (len > 0 && len < 32) {
			memcpy(vars[n], list, len);
			vars[n++][len] = '\0';
		}
		list += len;
		list += strspn(list, " \t\n");
	}
	return n;
}

/* cs:substitute of NAMES: its first child that renders anything; the variables
 * that child used are suppressed for the rest of the item. */
static struct rt *
render_substitute(struct render *r, const struct csl_node *names)
{
	const struct csl_node *sub = csl_child(names, CSL_EL_SUBSTITUTE), *k;
	const struct csl_node *outer = r->names;
	bool recording = r->recording;
	struct rt *t = NULL;

	r->names = names;
	r->recording = true;
	for (k = sub ? sub->kids : NULL; k != NULL && t == NULL; k = k->next) {
		unsigned tried = r->tried, found = r->found;

		t = csl_render_node(r, k);
		if (rt_empty(t)) {
			rt_free(t);
			t = NULL;
			r->tried = tried;
			r->found = found;
		}
	}
	r->names = outer;
	r->recording = recording;
	return t;
}

/* form="count": how many names all the variables show together (nothing for 0). */
static struct rt *
render_count(struct render *r, const struct nameopts *o, const struct csl_node *n,
             char vars[][32], size_t nvars)
{
	size_t i, total = 0;
	char num[24];

	for (i = 0; i < nvars; i++) {
		const struct csl_var *v = csl_item_var(r->item, vars[i]);
		bool found = v && v->kind == CSL_VAR_NAMES && v->nnames > 0 &&
		             !csl_render_suppressed(r, vars[i]);

		csl_render_count(r, vars[i], found);
		if (found)
			total += shown_count(r, o, v->nnames);
	}
	if (total == 0)
		return render_substitute(r, n);
	snprintf(num, sizeof(num), "%zu", total);
	return csl_render_decorate(r, n, rt_str(num));
}

struct rt *
csl_names_render(struct render *r, const struct csl_node *n)
{
	char vars[8][32];
	size_t nvars = split_vars(csl_attr(n, "variable"), vars, 8), i;
	const struct csl_node *from = csl_child(n, CSL_EL_NAME) || !r->names ? n : r->names;
	const char *delim = opt(r, n, "delimiter", "names-delimiter");
	struct nameopts o;
	struct rt *out;
	bool any = false;

	memset(&o, 0, sizeof(o));
	o.name = csl_child(from, CSL_EL_NAME);
	o.etal = csl_child(from, CSL_EL_ET_AL);
	read_opts(r, n, &o);
	if (o.form && strcmp(o.form, "count") == 0)
		return render_count(r, &o, n, vars, nvars);
	if (!r->names_seen)
		o.given = r->dis.given;
	out = rt_span();
	for (i = 0; i < nvars; i++) {
		const struct csl_var *v = csl_item_var(r->item, vars[i]), *tr;
		const char *term = vars[i];

		if (csl_render_suppressed(r, vars[i]) || v == NULL || v->kind != CSL_VAR_NAMES ||
		    v->nnames == 0) {
			csl_render_count(r, vars[i], false);
			continue;
		}
		csl_render_count(r, vars[i], true);
		if (strcmp(vars[i], "translator") == 0 && any &&
		    same_names(csl_item_var(r->item, "editor"), v))
			continue;
		tr = csl_item_var(r->item, "translator");
		if (strcmp(vars[i], "editor") == 0 && same_names(v, tr) &&
		    strstr(csl_attr(n, "variable"), "translator") != NULL) {
			term = "editortranslator";
			csl_render_count(r, "translator", true);
		}
		if (any && delim)
			rt_add(out, rt_str(delim));
		rt_add(out, render_var(r, &o, n, v, term));
		any = true;
	}
	if (!any) {
		rt_free(out);
		out = render_substitute(r, n);
		out = out ? csl_render_affix(n->xml, out) : NULL;
	} else {
		out = csl_render_decorate(r, n, out);
	}
	if (out != NULL && !r->names_seen && !r->recording) {
		r->names_seen = true;
		if (r->suppress_names) {
			rt_free(out);
			return NULL;
		}
		r->first_names = out;
	}
	return out;
}

char *
csl_names_sort_key(struct render *r, const struct csl_node *names, const char *var)
{
	const struct csl_var *v = csl_item_var(r->item, var);
	struct nameopts o;
	struct buf b = {0};
	struct rt *t;

	if (v == NULL || v->kind != CSL_VAR_NAMES)
		return NULL;
	memset(&o, 0, sizeof(o));
	read_opts(r, names, &o);
	t = render_list(r, &o, v);
	rt_plain(t, &b);
	rt_free(t);
	return b.data ? b.data : mem_strdup("");
}
