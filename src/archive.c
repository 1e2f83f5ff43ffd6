/* archive.c - many briefs as one: each brief's <info> copied into one tree for the index
 * stylesheet, its resolved model kept with where its works are described, and the
 * works compared across briefs by their identity (cite.c's key). */
#include "archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "report.h"
#include "resolve.h"

/* Where a work is described in its brief. */
struct place {
	unsigned line, col;
};

struct archived {
	char *path;             /* the brief's file, as given; owned */
	struct cite_model *m;   /* owned; NULL: the brief did not resolve */
	struct place *places;   /* where each work of m is described; owned */
};

struct archive {
	xmlDocPtr doc;          /* <brf:archive> of <brf:brief>s; owned */
	struct archived *briefs;
	size_t n;
};

/* A work of the archive: work W of brief B. */
struct ref {
	size_t b, w;
};

struct archive *
archive_new(void)
{
	struct archive *a = mem_alloc(sizeof(*a));
	xmlNodePtr root;

	memset(a, 0, sizeof(*a));
	a->doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(a->doc, NULL, (const xmlChar *)"archive", NULL);
	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)RESOLVED_NS, (const xmlChar *)"brf"));
	xmlDocSetRootElement(a->doc, root);
	return a;
}

void
archive_free(struct archive *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->briefs[i].path);
		cite_model_free(a->briefs[i].m);
		free(a->briefs[i].places);
	}
	free(a->briefs);
	xmlFreeDoc(a->doc);
	free(a);
}

/* A brief's part of the archive, before it joins it. */
struct archive_entry {
	struct archived brief;
	char *href, *lang;      /* owned; NULL: none */
	xmlDocPtr info;         /* a copy of the brief's <info> as its root; owned; NULL */
};

/* The first child of NODE that is the DocBook element NAME, or NULL. */
static xmlNodePtr
child(xmlNodePtr node, const char *name)
{
	xmlNodePtr c;

	for (c = node ? node->children : NULL; c != NULL; c = c->next)
		if (source_is(c, name))
			return c;
	return NULL;
}

struct archive_entry *
archive_entry_new(const struct source *src, const char *href, struct cite_model **m)
{
	struct archive_entry *e = mem_alloc(sizeof(*e));
	xmlNodePtr article = src->doc ? xmlDocGetRootElement(src->doc) : NULL, info;
	xmlChar *lang;
	size_t i;

	memset(e, 0, sizeof(*e));
	e->brief.path = mem_strdup(src->path);
	e->href = href ? mem_strdup(href) : NULL;
	lang = article ? xmlGetNsProp(article, (const xmlChar *)"lang", (const xmlChar *)XML_NS) : NULL;
	e->lang = lang ? mem_strdup((const char *)lang) : NULL;
	xmlFree(lang);
	if ((info = child(article, "info")) != NULL) {
		e->info = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(e->info, xmlDocCopyNode(info, e->info, 1));
	}
	e->brief.m = *m;
	*m = NULL;
	if (e->brief.m == NULL)
		return e;
	e->brief.places = mem_realloc_array(NULL, e->brief.m->nworks + 1, sizeof(struct place));
	for (i = 0; i < e->brief.m->nworks; i++)
		source_locate(src, e->brief.m->works[i].node, &e->brief.places[i].line,
		              &e->brief.places[i].col);
	return e;
}

void
archive_entry_free(struct archive_entry *e)
{
	if (e == NULL)
		return;
	free(e->brief.path);
	cite_model_free(e->brief.m);
	free(e->brief.places);
	free(e->href);
	free(e->lang);
	xmlFreeDoc(e->info);
	free(e);
}

/* <brf:brief file href lang> holding a copy of E's <info>, appended to A's tree. */
static void
add_entry(struct archive *a, const struct archive_entry *e)
{
	xmlNodePtr root = xmlDocGetRootElement(a->doc), brief;

	brief = xmlNewChild(root, root->ns, (const xmlChar *)"brief", NULL);
	xmlNewProp(brief, (const xmlChar *)"file", (const xmlChar *)e->brief.path);
	if (e->href != NULL)
		xmlNewProp(brief, (const xmlChar *)"href", (const xmlChar *)e->href);
	if (e->lang != NULL)
		xmlNewProp(brief, (const xmlChar *)"lang", (const xmlChar *)e->lang);
	if (e->info != NULL)
		xmlAddChild(brief, xmlDocCopyNode(xmlDocGetRootElement(e->info), a->doc, 1));
}

void
archive_add(struct archive *a, struct archive_entry *e)
{
	add_entry(a, e);
	a->briefs = mem_realloc_array(a->briefs, a->n + 1, sizeof(*a->briefs));
	a->briefs[a->n++] = e->brief;
	memset(&e->brief, 0, sizeof(e->brief));
	archive_entry_free(e);
}

int
archive_index(struct archive *a, struct transform *t, struct buf *out, struct diag *d)
{
	return transform_run(t, SHEET_INDEX, a->doc, "index.html", NULL, out, d);
}

/* How many works A's briefs have, all told. */
static size_t
count_works(const struct archive *a)
{
	size_t b, total = 0;

	for (b = 0; b < a->n; b++)
		total += a->briefs[b].m ? a->briefs[b].m->nworks : 0;
	return total;
}

/* Calls EACH for every work of A whose identity no earlier work of A has, with the
 * REF of the work and of the first work of that identity (the same for the first). */
static void
each_work(const struct archive *a, void (*each)(const struct archive *a, struct ref here,
                                                struct ref first, void *arg), void *arg)
{
	xmlHashTablePtr seen = xmlHashCreate(64);
	struct ref *refs = mem_realloc_array(NULL, count_works(a) + 1, sizeof(*refs));
	size_t b, w, k = 0;

	for (b = 0; b < a->n; b++) {
		const struct cite_model *m = a->briefs[b].m;

		for (w = 0; m != NULL && w < m->nworks; w++) {
			const char *key = m->works[w].key;
			struct ref *first = key ? xmlHashLookup(seen, (const xmlChar *)key) : NULL;

			refs[k] = (struct ref){b, w};
			if (first == NULL && key != NULL)
				xmlHashAddEntry(seen, (const xmlChar *)key, &refs[k]);
			each(a, refs[k], first ? *first : refs[k], arg);
			k++;
		}
	}
	xmlHashFree(seen, NULL);
	free(refs);
}

static const struct cite_work *
work_at(const struct archive *a, struct ref r)
{
	return &a->briefs[r.b].m->works[r.w];
}

/* The works written so far (each identity once) and their ids, for archive_works. */
struct catalogue {
	const struct cite_work **works;
	char **ids;                  /* owned */
	size_t n;
	xmlHashTablePtr ids_taken;
};

/* ID, or ID-2, ID-3...: the first that C has not given yet. Caller frees. */
static char *
unique_id(struct catalogue *c, const char *id)
{
	struct buf b = {0};
	unsigned n = 1;

	buf_puts(&b, id);
	while (xmlHashLookup(c->ids_taken, (const xmlChar *)b.data) != NULL) {
		b.len = 0;
		buf_printf(&b, "%s-%u", id, ++n);
	}
	xmlHashAddEntry(c->ids_taken, (const xmlChar *)b.data, c);
	return b.data;
}

static void
catalogue_work(const struct archive *a, struct ref here, struct ref first, void *arg)
{
	struct catalogue *c = arg;

	if (here.b != first.b || here.w != first.w)
		return;
	c->works[c->n] = work_at(a, here);
	c->ids[c->n] = unique_id(c, c->works[c->n]->id);
	c->n++;
}

void
archive_works(const struct archive *a, struct buf *out)
{
	struct catalogue c = {NULL, NULL, 0, xmlHashCreate(64)};
	size_t total = count_works(a), i;

	c.works = mem_realloc_array(NULL, total + 1, sizeof(*c.works));
	c.ids = mem_realloc_array(NULL, total + 1, sizeof(*c.ids));
	each_work(a, catalogue_work, &c);
	report_write_csl_works(c.works, (const char *const *)c.ids, c.n, out);
	for (i = 0; i < c.n; i++)
		free(c.ids[i]);
	free(c.ids);
	free(c.works);
	xmlHashFree(c.ids_taken, NULL);
}

/* What archive_lint carries: where to report, and how many it has. */
struct linting {
	struct diag *d;
	unsigned reported;
};

static void
lint_work(const struct archive *a, struct ref here, struct ref first, void *arg)
{
	struct linting *l = arg;
	const struct archived *hb = &a->briefs[here.b], *fb = &a->briefs[first.b];
	char *list;

	if (here.b == first.b)
		return;
	list = cite_fields_differences(&work_at(a, here)->fields, &work_at(a, first)->fields);
	if (list == NULL)
		return;
	diag_report(l->d, RULE_CONFLICTING_FIELDS, hb->path, hb->places[here.w].line,
	            hb->places[here.w].col, "work \"%s\" differs from its description in "
	            "%s in %s; make them agree", work_at(a, here)->id, fb->path, list);
	diag_related(l->d, fb->path, fb->places[first.w].line, fb->places[first.w].col,
	             "described here");
	l->reported++;
	free(list);
}

unsigned
archive_lint(const struct archive *a, struct diag *d)
{
	struct linting l = {d, 0};

	each_work(a, lint_work, &l);
	return l.reported;
}
