/* csl_engine.c - the engine that wires the stages: items registered, sorted and
 * numbered, disambiguated once, then clusters and the bibliography rendered. */
#include "csl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "csl_cluster.h"
#include "csl_disamb.h"
#include "csl_item.h"
#include "csl_locale.h"
#include "csl_render.h"
#include "csl_sort.h"
#include "emit.h"

struct csl_engine {
	const struct csl_style *style;
	const struct csl_locale *loc;
	struct csl_locale *own_loc; /* loc when the engine loaded it; NULL: borrowed */
	struct csl_items items;
	size_t *reg;              /* registered items (indexes), in order of first cite */
	size_t nreg;
	bool registered;          /* csl_engine_register was called */
	bool prepared;            /* numbers and order are current */
	bool disambiguated;       /* dis is current */
	size_t *order;            /* positions in reg, in bibliography order */
	unsigned *number;         /* citation number of each registered item */
	struct csl_disamb *dis;   /* of each registered item */
	struct id_pos *reg_ids;   /* positions in reg, by their items' ids */
};

/* An id and where its item is (in the items, or in reg), for lookups by id in
 * logarithmic time: a bibliography may have thousands of items. */
struct id_pos {
	const char *id;
	size_t pos;
};

static int
by_id(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* The ids of the N items ITEMS[AT[i]] (AT NULL: ITEMS[i]), sorted, each with its
 * position i. Caller frees. */
static struct id_pos *
index_ids(const struct csl_item *items, const size_t *at, size_t n)
{
	struct id_pos *ix = mem_realloc_array(NULL, n ? n : 1, sizeof(*ix));
	size_t i;

	for (i = 0; i < n; i++) {
		ix[i].id = items[at ? at[i] : i].id;
		ix[i].pos = i;
	}
	qsort(ix, n, sizeof(*ix), by_id);
	return ix;
}

/* The position of the first of the N in IX whose id is ID, or (size_t)-1. */
static size_t
find_id(const struct id_pos *ix, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(ix[lo].id, id) == 0 ? ix[lo].pos : (size_t)-1;
}

struct csl_engine *
csl_engine_new_in(const struct csl_style *style, const struct csl_locale *loc)
{
	struct csl_engine *e = mem_alloc(sizeof(*e));

	memset(e, 0, sizeof(*e));
	e->style = style;
	e->loc = loc;
	return e;
}

struct csl_engine *
csl_engine_new(const struct csl_style *style, const char *locale_dir, const char *lang,
               struct diag *d)
{
	struct csl_locale *loc = csl_locale_load(style, locale_dir, lang, d);
	struct csl_engine *e;

	if (loc == NULL)
		return NULL;
	e = csl_engine_new_in(style, loc);
	e->own_loc = loc;
	return e;
}

static void
unprepare(struct csl_engine *e)
{
	free(e->order);
	free(e->number);
	free(e->dis);
	free(e->reg_ids);
	e->reg_ids = NULL;
	e->order = NULL;
	e->number = NULL;
	e->dis = NULL;
	e->prepared = false;
	e->disambiguated = false;
}

void
csl_engine_free(struct csl_engine *e)
{
	if (e == NULL)
		return;
	unprepare(e);
	free(e->reg);
	csl_items_free(&e->items);
	csl_locale_free(e->own_loc);
	free(e);
}

int
csl_engine_add_json(struct csl_engine *e, const char *json, size_t len, const char *name,
                    struct diag *d)
{
	unprepare(e);
	return csl_json_read(&e->items, json, len, name, d);
}

void
csl_engine_register(struct csl_engine *e, const char *const *ids, size_t n)
{
	struct id_pos *ix = index_ids(e->items.items, NULL, e->items.n);
	bool *seen = mem_realloc_array(NULL, e->items.n ? e->items.n : 1, sizeof(*seen));
	size_t i, idx;

	unprepare(e);
	free(e->reg);
	e->reg = mem_realloc_array(NULL, n ? n : 1, sizeof(*e->reg));
	e->nreg = 0;
	e->registered = true;
	memset(seen, 0, (e->items.n ? e->items.n : 1) * sizeof(*seen));
	for (i = 0; i < n; i++)
		if ((idx = find_id(ix, e->items.n, ids[i])) != (size_t)-1 && !seen[idx]) {
			seen[idx] = true;
			e->reg[e->nreg++] = idx;
		}
	free(seen);
	free(ix);
}

static void
render_init(struct render *r, const struct csl_engine *e, size_t reg,
            const struct csl_cite *cite, const struct csl_node *area)
{
	memset(r, 0, sizeof(*r));
	r->style = e->style;
	r->loc = e->loc;
	r->item = &e->items.items[e->reg[reg]];
	r->cite = cite;
	r->area = area;
	if (e->dis != NULL)
		r->dis = e->dis[reg];
	if (e->number != NULL)
		r->citation_number = e->number[reg];
}

/* Item REG through AREA's layout, unformatted by the layout itself; *NAMES (when
 * not NULL) is set to the first cs:names rendered in it, which BARE leaves out. */
static struct rt *
render_item(const struct csl_engine *e, size_t reg, const struct csl_cite *cite,
            const struct csl_node *area, const struct csl_disamb *dis, struct rt **names,
            bool bare)
{
	struct render r;
	struct rt *t;

	render_init(&r, e, reg, cite, area);
	if (dis != NULL)
		r.dis = *dis;
	r.suppress_names = bare;
	t = csl_render_kids(&r, csl_child(area, CSL_EL_LAYOUT));
	if (names != NULL)
		*names = t ? r.first_names : NULL;
	return t;
}

/* From how many items a bibliography's are rendered in two halves at once: 64 of
 * Chicago's entries take some 2 ms to render, a thread starts in a fraction of it. */
#define HALVES_MIN 64

/* Work on items FROM to TO (excluded), each touching only what is its own. */
struct half {
	void (*each)(void *ctx, size_t i);
	void *ctx;
	size_t from, to;
};

static void
do_half(const struct half *h)
{
	size_t i;

	for (i = h->from; i < h->to; i++)
		h->each(h->ctx, i);
}

static void *
half_thread(void *arg)
{
	mem_thread_start();
	do_half(arg);
	return NULL;
}

/* EACH(CTX, i) for every i below N: the second half on a thread of its own while this
 * one does the first, when there are HALVES_MIN or more (else, or if no thread
 * starts, all here). Rendering only reads the engine, its style and its locale. */
static void
in_halves(size_t n, void (*each)(void *ctx, size_t i), void *ctx)
{
	struct half first = {each, ctx, 0, n / 2}, second = {each, ctx, n / 2, n};
	pthread_t thread;
	bool started = n >= HALVES_MIN && emit_quiet_thread(&thread, half_thread, &second);

	if (!started)
		first.to = n;
	do_half(&first);
	if (started)
		pthread_join(thread, NULL);
}

/* The sort keys of an engine's registered items in an area. */
struct keying {
	const struct csl_engine *e;
	const struct csl_node *area, *sort;
	char ***keys;
};

static void
key_item(void *ctx, size_t i)
{
	const struct keying *k = ctx;
	struct render r;

	render_init(&r, k->e, i, NULL, k->area);
	k->keys[i] = csl_sort_keys(&r, k->sort);
}

/* Registered items in AREA's sort order (ORDER: positions in reg). */
static void
sort_items(const struct csl_engine *e, const struct csl_node *area, size_t *order)
{
	const struct csl_node *sort = csl_child(area, CSL_EL_SORT);
	size_t i, nkeys = csl_sort_nkeys(sort);
	struct keying k = {e, area, sort, NULL};
	char ***keys;

	for (i = 0; i < e->nreg; i++)
		order[i] = i;
	if (sort == NULL)
		return;
	keys = k.keys = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*keys));
	in_halves(e->nreg, key_item, &k);
	csl_sort(order, e->nreg, keys, nkeys, sort);
	for (i = 0; i < e->nreg; i++)
		csl_sort_keys_free(keys[i], nkeys);
	free(keys);
}

/* Does the bibliography sort by citation number (numbers then follow citing)? */
static bool
sorts_by_number(const struct csl_node *bib)
{
	const struct csl_node *k;

	for (k = csl_child(csl_child(bib, CSL_EL_SORT), CSL_EL_KEY); k; k = k->next)
		if (csl_attr_is(k, "variable", "citation-number"))
			return true;
	return false;
}

static char *
disamb_render(void *ctx, size_t i, const struct csl_disamb *dis)
{
	const struct csl_engine *e = ctx;
	struct csl_cite cite;
	struct buf b = {0};
	struct rt *t;

	/* the first cite, then (after a record separator) a later one: cites alike in
	 * either form need telling apart */
	memset(&cite, 0, sizeof(cite));
	cite.id = e->items.items[e->reg[i]].id;
	t = render_item(e, i, &cite, e->style->citation, dis, NULL, false);
	rt_plain(t, &b);
	rt_free(t);
	buf_puts(&b, CSL_DISAMB_SEPARATOR);
	cite.position = CSL_POS_SUBSEQUENT;
	t = render_item(e, i, &cite, e->style->citation, dis, NULL, false);
	rt_plain(t, &b);
	rt_free(t);
	return b.data;
}

/* The names a cite is most likely known by: its author's, else its editor's or
 * translator's. */
static const struct csl_var *
first_names(const struct csl_item *item)
{
	static const char *const vars[] = {"author", "editor", "translator"};
	size_t i;

	for (i = 0; i < 3; i++) {
		const struct csl_var *v = csl_item_var(item, vars[i]);

		if (v != NULL && v->kind == CSL_VAR_NAMES && v->nnames > 0)
			return v;
	}
	return NULL;
}

static void
prepare(struct csl_engine *e)
{
	size_t i;

	if (e->prepared)
		return;
	if (!e->registered) {
		e->reg = mem_realloc_array(e->reg, e->items.n ? e->items.n : 1, sizeof(*e->reg));
		for (i = 0; i < e->items.n; i++)
			e->reg[i] = i;
		e->nreg = e->items.n;
	}
	e->order = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*e->order));
	e->number = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*e->number));
	e->dis = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*e->dis));
	memset(e->dis, 0, (e->nreg ? e->nreg : 1) * sizeof(*e->dis));
	e->reg_ids = index_ids(e->items.items, e->reg, e->nreg);
	for (i = 0; i < e->nreg; i++)
		e->number[i] = (unsigned)i + 1;
	/* The order, and the numbers then follow it, unless the order follows them.
	 * (Sorting again with the numbers changes nothing: they rise with the order, and
	 * the sort is stable.) */
	sort_items(e, e->style->bibliography, e->order);
	if (e->style->bibliography && !sorts_by_number(e->style->bibliography))
		for (i = 0; i < e->nreg; i++)
			e->number[e->order[i]] = (unsigned)i + 1;
	e->prepared = true;
}

/* Prepares E, and disambiguates its cites (which renders each): for a citation, or
 * for the bibliography when its year suffixes come of it. */
static void
disambiguate(struct csl_engine *e)
{
	const struct csl_var **names;
	size_t i;

	prepare(e);
	if (e->disambiguated || e->style->citation == NULL)
		return;
	names = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*names));
	for (i = 0; i < e->nreg; i++)
		names[i] = first_names(&e->items.items[e->reg[i]]);
	csl_disamb_names(e->style->citation, e->dis, e->nreg, names);
	free(names);
	csl_disamb_run(e->style->citation, e->dis, e->nreg, e->order, disamb_render, e);
	e->disambiguated = true;
}

static size_t
reg_of(const struct csl_engine *e, const char *id)
{
	return find_id(e->reg_ids, e->nreg, id);
}

/* The cite's prefix and suffix around T. */
static struct rt *
cite_affixes(const struct csl_cite *c, struct rt *t)
{
	struct rt *out;

	if (t == NULL || ((c->prefix == NULL || !*c->prefix) && (c->suffix == NULL ||
	                                                          !*c->suffix)))
		return t;
	out = rt_span();
	if (c->prefix && *c->prefix)
		rt_add(out, rt_parse(c->prefix));
	rt_add(out, t);
	if (c->suffix && *c->suffix)
		rt_add(out, rt_parse(c->suffix));
	return out;
}

/* The layout's own formatting and affixes around a whole cluster or entry; its
 * suffix only if SUFFIX. */
static struct rt *
layout_wrap(const struct csl_engine *e, const struct csl_node *layout, struct rt *t,
            bool suffix)
{
	const char *prefix = csl_attr(layout, "prefix");
	struct render r;

	memset(&r, 0, sizeof(r));
	r.style = e->style;
	r.loc = e->loc;
	if (suffix)
		t = csl_render_affix(layout->xml, t);
	else if (t != NULL && prefix != NULL && *prefix) {
		struct rt *span = rt_span();

		rt_add(span, rt_str(prefix));
		rt_add(span, t);
		t = span;
	}
	/* a layout's affixes are inside its formatting */
	return csl_render_decorate(&r, layout, t);
}

/* The cites' positions in reg, in the citation's sort order. */
static size_t *
cluster_order(struct csl_engine *e, const struct csl_cite *cites, size_t n,
              size_t *regs)
{
	const struct csl_node *sort = csl_child(e->style->citation, CSL_EL_SORT);
	size_t *idx = mem_realloc_array(NULL, n ? n : 1, sizeof(*idx)), i;
	size_t nkeys = csl_sort_nkeys(sort);
	char ***keys;

	for (i = 0; i < n; i++)
		idx[i] = i;
	if (sort == NULL)
		return idx;
	keys = mem_realloc_array(NULL, n ? n : 1, sizeof(*keys));
	for (i = 0; i < n; i++) {
		struct render r;

		render_init(&r, e, regs[i], &cites[i], e->style->citation);
		keys[i] = csl_sort_keys(&r, sort);
	}
	csl_sort(idx, n, keys, nkeys, sort);
	for (i = 0; i < n; i++)
		csl_sort_keys_free(keys[i], nkeys);
	free(keys);
	return idx;
}

/* A locale term that opens T (at a note's start, or after a sentence in a cite's
 * prefix) is capitalised: "Ibid." */
static void
capitalise_term(struct rt *t)
{
	struct rt *leaf = rt_first_leaf(t);

	if (leaf != NULL && leaf->term && leaf->text[0] >= 'a' && leaf->text[0] <= 'z')
		leaf->text[0] = (char)(leaf->text[0] - 'a' + 'A');
}

/* Does PREFIX end a sentence of more than one word ("He said so. ", "He said
 * “Go.” "; a lone "Cf." ends none)? */
static bool
ends_sentence(const char *prefix)
{
	size_t n;

	if (prefix == NULL)
		return false;
	n = strlen(prefix);
	while (n > 0 && prefix[n - 1] == ' ')
		n--;
	if (memchr(prefix, ' ', n) == NULL)
		return false;
	while (n > 0 && (prefix[n - 1] == '"' || prefix[n - 1] == '\'' ||
	                 (n >= 3 && (memcmp(prefix + n - 3, "\xE2\x80\x9D", 3) == 0 ||
	                             memcmp(prefix + n - 3, "\xE2\x80\x99", 3) == 0))))
		n -= prefix[n - 1] == '"' || prefix[n - 1] == '\'' ? 1 : 3;
	return n > 0 && strchr(".?!", prefix[n - 1]) != NULL;
}

/* Cite C of item REG rendered for a cluster: in full (or as suppress-author and
 * author-only ask), without its author where the citation collapses. */
static void
render_piece(struct csl_engine *e, size_t reg, const struct csl_cite *c, bool collapses,
             struct csl_piece *p)
{
	const struct csl_node *area = e->style->citation;
	const struct csl_var *issued = csl_item_var(&e->items.items[e->reg[reg]], "issued");
	struct rt *names, *t = render_item(e, reg, c, area, NULL, &names, c->suppress_author);
	struct buf b = {0};

	memset(p, 0, sizeof(*p));
	if (names != NULL) {
		rt_plain(names, &b);
		p->author = b.data;
	}
	if (c->author_only) {
		struct rt *only = names ? rt_copy(names) : NULL;

		rt_free(t);
		t = only;
	}
	if (ends_sentence(c->prefix))
		capitalise_term(t);
	p->full = cite_affixes(c, t);
	if (collapses && names != NULL && !c->suppress_author && !c->author_only)
		p->bare = cite_affixes(c, render_item(e, reg, c, area, NULL, NULL, true));
	p->number = e->number[reg];
	p->year = issued && issued->kind == CSL_VAR_DATE ? issued->date.year[0] : 0;
	p->suffix = e->dis[reg].year_suffix;
	p->plain = c->locator == NULL && (c->prefix == NULL || !*c->prefix) &&
	           (c->suffix == NULL || !*c->suffix);
	p->own_delimiter = c->prefix != NULL && strchr(",.;:", c->prefix[0]) != NULL &&
	                   c->prefix[0] != '\0';
	p->ends_punct = c->suffix != NULL && *c->suffix != '\0' &&
	                strchr(",.;:!?", c->suffix[strlen(c->suffix) - 1]) != NULL;
}

struct rt *
csl_engine_cite(struct csl_engine *e, const struct csl_cite *cites, size_t n,
                bool runs_on, struct diag *d)
{
	const struct csl_node *layout = csl_child(e->style->citation, CSL_EL_LAYOUT);
	bool collapses = csl_attr(e->style->citation, "collapse") != NULL;
	struct csl_piece *pieces;
	struct rt *out;
	size_t *regs, *idx, i, np = 0;

	if (layout == NULL) {
		diag_report(d, RULE_CSL, "style", 0, 0, "the style has no citation layout");
		return NULL;
	}
	disambiguate(e);
	regs = mem_realloc_array(NULL, n ? n : 1, sizeof(*regs));
	for (i = 0; i < n; i++)
		if ((regs[i] = reg_of(e, cites[i].id)) == (size_t)-1) {
			diag_report(d, RULE_CSL, "citation", 0, 0, "no item has the id \"%s\"",
			            cites[i].id);
			free(regs);
			return NULL;
		}
	idx = cluster_order(e, cites, n, regs);
	pieces = mem_realloc_array(NULL, n ? n : 1, sizeof(*pieces));
	for (i = 0; i < n; i++) {
		render_piece(e, regs[idx[i]], &cites[idx[i]], collapses, &pieces[np]);
		if (rt_empty(pieces[np].full)) {
			rt_free(pieces[np].full);
			rt_free(pieces[np].bare);
			free(pieces[np].author);
			continue;
		}
		np++;
	}
	free(idx);
	free(regs);
	out = csl_cluster_join(e->style->citation, pieces, np);
	free(pieces);
	if (e->style->cls == CSL_CLASS_NOTE)
		capitalise_term(out);
	return layout_wrap(e, layout, out, !runs_on);
}

/* subsequent-author-substitute: NAMES (an entry's first names) becomes SUB when its
 * text is PREV's (the previous entry's, kept in PREV). */
static void
substitute_author(struct rt *names, const char *sub, struct buf *prev)
{
	struct buf now = {0};
	size_t i;

	rt_plain(names, &now);
	if (now.data != NULL && prev->data != NULL && strcmp(now.data, prev->data) == 0) {
		for (i = 0; i < names->n; i++)
			rt_free(names->kids[i]);
		names->n = 0;
		free(names->text);
		names->text = mem_strdup(sub);
	}
	buf_free(prev);
	*prev = now;
}

/* second-field-align: the entry's first field in the left margin, the rest beside,
 * the layout's prefix and suffix inside them. */
static struct rt *
align_fields(struct rt *t, const struct csl_node *layout)
{
	struct rt *out = rt_span(), *left = rt_span(), *right = rt_span();
	size_t i;

	while (t->text == NULL && t->n == 1 && !t->fmt.display)
		t = t->kids[0];
	if (t->text != NULL || t->n < 2) {
		rt_free(out);
		rt_free(left);
		rt_free(right);
		return NULL;
	}
	left->fmt.display = RT_DISPLAY_LEFT_MARGIN;
	right->fmt.display = RT_DISPLAY_RIGHT_INLINE;
	if (csl_attr(layout, "prefix") != NULL)
		rt_add(left, rt_str(csl_attr(layout, "prefix")));
	rt_add(left, rt_copy(t->kids[0]));
	for (i = 1; i < t->n; i++)
		rt_add(right, rt_copy(t->kids[i]));
	if (csl_attr(layout, "suffix") != NULL)
		rt_add(right, rt_str(csl_attr(layout, "suffix")));
	rt_add(out, left);
	rt_add(out, right);
	return out;
}

size_t
csl_engine_bibliography(struct csl_engine *e, struct rt ***entries)
{
	return csl_engine_bibliography_ids(e, entries, NULL);
}

/* An entry of the bibliography as rendered, and its first names (which
 * subsequent-author-substitute may replace). */
struct entry_made {
	struct rt *t, *names;
};

/* The bibliography's entries of an engine's registered items, in its order. */
struct entries_made {
	const struct csl_engine *e;
	const struct csl_node *bib;
	struct entry_made *made;
};

static void
make_entry(void *ctx, size_t i)
{
	const struct entries_made *m = ctx;
	struct entry_made *em = &m->made[i];

	em->t = render_item(m->e, m->e->order[i], NULL, m->bib, NULL, &em->names, false);
}

size_t
csl_engine_bibliography_ids(struct csl_engine *e, struct rt ***entries, const char ***ids)
{
	const struct csl_node *bib = e->style->bibliography;
	const struct csl_node *layout = csl_child(bib, CSL_EL_LAYOUT);
	const char *sub = csl_attr(bib, "subsequent-author-substitute");
	struct entries_made made = {e, bib, NULL};
	struct buf prev = {0};
	size_t i, n = 0;

	*entries = NULL;
	if (ids != NULL)
		*ids = NULL;
	if (layout == NULL)
		return 0;
	if (e->style->bib_disambiguates)
		disambiguate(e);
	else
		prepare(e);
	*entries = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(**entries));
	if (ids != NULL)
		*ids = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(**ids));
	made.made = mem_realloc_array(NULL, e->nreg ? e->nreg : 1, sizeof(*made.made));
	in_halves(e->nreg, make_entry, &made);
	for (i = 0; i < e->nreg; i++) {
		struct rt *names = made.made[i].names, *t = made.made[i].t;

		if (rt_empty(t)) {
			rt_free(t);
			continue;
		}
		if (sub != NULL && names != NULL)
			substitute_author(names, sub, &prev);
		if (ids != NULL)
			(*ids)[n] = e->items.items[e->reg[e->order[i]]].id;
		if (csl_attr(bib, "second-field-align") != NULL) {
			struct rt *aligned = align_fields(t, layout);

			if (aligned != NULL) {
				rt_free(t);
				(*entries)[n++] = aligned;
				continue;
			}
		}
		(*entries)[n++] = layout_wrap(e, layout, t, true);
	}
	free(made.made);
	buf_free(&prev);
	return n;
}

void
csl_engine_quotes(const struct csl_engine *e, struct rt_quotes *q)
{
	q->open = csl_term(e->loc, "open-quote", "long", false);
	q->close = csl_term(e->loc, "close-quote", "long", false);
	q->open_inner = csl_term(e->loc, "open-inner-quote", "long", false);
	q->close_inner = csl_term(e->loc, "close-inner-quote", "long", false);
	q->open = q->open ? q->open : "\"";
	q->close = q->close ? q->close : "\"";
	q->open_inner = q->open_inner ? q->open_inner : "'";
	q->close_inner = q->close_inner ? q->close_inner : "'";
	q->punctuation_in_quote = e->loc->punctuation_in_quote;
}
