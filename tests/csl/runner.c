/* runner.c - the CSL processor test suite against briefc's CSL engine: each fixture
 * (MODE, CSL, INPUT, CITATION-ITEMS or CITATIONS, BIBENTRIES, RESULT) rendered and
 * compared with its RESULT; one line per failure, then pass/total by category.
 *   build/csl-runner [-v] DIR [NAME...]   (-v: expected and actual of each failure) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "csl.h"
#include "diag.h"
#include "mem.h"

/* A fixture's sections: pointers into its text, each NUL-terminated in place. */
struct fixture {
	char *text;
	const char *mode, *csl, *input, *result, *items, *citations, *bibentries, *bibsection;
};

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.data ? b.data : mem_strdup("");
}

/* Is LINE a section marker (">>== NAME ==>>" or "<<== NAME ==<<")? Sets *NAME. */
static bool
marker(const char *line, const char *open, char *name, size_t size)
{
	const char *p = line, *end;
	size_t n;

	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (strncmp(p, open, 2) != 0 || p[2] != '=')
		return false;
	p += strspn(p + 2, "=") + 2;
	p += strspn(p, " ");
	end = p + strcspn(p, " =");
	n = (size_t)(end - p);
	if (n == 0 || n >= size)
		return false;
	memcpy(name, p, n);
	name[n] = '\0';
	return true;
}

static void
set_section(struct fixture *fx, const char *name, const char *body)
{
	if (strcmp(name, "MODE") == 0)
		fx->mode = body;
	else if (strcmp(name, "CSL") == 0)
		fx->csl = body;
	else if (strcmp(name, "INPUT") == 0)
		fx->input = body;
	else if (strcmp(name, "RESULT") == 0)
		fx->result = body;
	else if (strcmp(name, "CITATION-ITEMS") == 0)
		fx->items = body;
	else if (strcmp(name, "CITATIONS") == 0)
		fx->citations = body;
	else if (strcmp(name, "BIBENTRIES") == 0)
		fx->bibentries = body;
	else if (strcmp(name, "BIBSECTION") == 0)
		fx->bibsection = body;
}

static void
trim(char *s)
{
	size_t n = strlen(s), lead = strspn(s, " \t\r\n");

	while (n > lead && strchr(" \t\r\n", s[n - 1]))
		n--;
	memmove(s, s + lead, n - lead);
	s[n - lead] = '\0';
}

static int
parse_fixture(struct fixture *fx, char *text)
{
	char *line = text, *body = NULL, name[32], endname[32];

	memset(fx, 0, sizeof(*fx));
	fx->text = text;
	while (line && *line) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		if (body == NULL && marker(line, ">>", name, sizeof(name))) {
			body = next;
		} else if (body != NULL && marker(line, "<<", endname, sizeof(endname)) &&
		           strcmp(name, endname) == 0) {
			*line = '\0';
			if (line > body)
				line[-1] = '\0';
			trim(body);
			set_section(fx, name, body);
			body = NULL;
		} else if (body != NULL && next) {
			next[-1] = '\n'; /* keep the section's lines joined */
		}
		line = next;
	}
	return fx->mode && fx->csl && fx->input && fx->result ? 0 : -1;
}

/* The string at KEY of O, or NULL; numbers were made strings by stringify. */
static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Turns every number in V into a string, in place: fixtures write ids, locators and
 * note numbers either way, and jstr's pointers then live as long as V. */
static void
stringify(json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;
	char num[32];

	if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			if (json_is_integer(x) && strcmp(key, "noteIndex") != 0) {
				snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(x));
				json_object_set_new(v, key, json_string(num));
			} else {
				stringify(x);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			stringify(x);
	}
}

/* One citation of the document: its cites and note. */
struct citation {
	char id[64];
	json_t *items; /* borrowed from the fixture's JSON */
	unsigned note;
	char *last;    /* its output after the previous call, owned */
	char *now;     /* its output now, owned */
};

/* What came before, for positions. */
struct history {
	const char **ids;     /* item of every cite so far */
	const char **locs;    /* its locator */
	unsigned *notes;      /* its note */
	size_t n, cap;
	const char *prev_item, *prev_loc, *prev_label; /* the cite just before */
	bool prev_alone;      /* Ibid. may follow: the previous citation, in this note, or
	                         the previous note, had a single cite */
	unsigned last_note;   /* the note of the previous citation */
	size_t note_cites;    /* cites in that note so far */
	size_t last_cites;    /* cites of the previous citation */
};

static void
remember(struct history *h, const char *id, const char *loc, unsigned note)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->ids = mem_realloc_array(h->ids, h->cap, sizeof(*h->ids));
		h->locs = mem_realloc_array(h->locs, h->cap, sizeof(*h->locs));
		h->notes = mem_realloc_array(h->notes, h->cap, sizeof(*h->notes));
	}
	h->ids[h->n] = id;
	h->locs[h->n] = loc;
	h->notes[h->n++] = note;
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Positions as CSL 1.0.2 defines them, from the cites before. */
static void
position(struct history *h, struct csl_cite *c, bool first_in_cluster, unsigned near)
{
	size_t i;
	bool seen = false;

	c->first_note = 0;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->ids[i], c->id) == 0) {
			if (!seen)
				c->first_note = h->notes[i];
			seen = true;
			c->near_note = c->note >= h->notes[i] && c->note - h->notes[i] <= near;
		}
	c->position = seen ? CSL_POS_SUBSEQUENT : CSL_POS_FIRST;
	if (seen && h->prev_item && strcmp(h->prev_item, c->id) == 0 &&
	    (!first_in_cluster || h->prev_alone)) {
		if (same(c->locator, h->prev_loc) && same(c->label, h->prev_label))
			c->position = CSL_POS_IBID;
		else if (c->locator != NULL)
			c->position = CSL_POS_IBID_WITH_LOCATOR;
	}
}

static unsigned
near_distance(const struct csl_style *style)
{
	const char *v = csl_attr(style->citation, "near-note-distance");

	return v ? (unsigned)atoi(v) : 5;
}

/* Renders one citation into OUT as HTML; updates H. */
static void
render_citation(struct csl_engine *e, const struct csl_style *style, json_t *items,
                unsigned note, struct history *h, struct buf *out, struct diag *d)
{
	size_t n = json_array_size(items), i;
	struct csl_cite *cites = mem_realloc_array(NULL, n ? n : 1, sizeof(*cites));
	struct rt_quotes q;
	struct rt *t;

	h->prev_alone = note > 0 && note == h->last_note ? h->last_cites == 1
	                                                 : h->note_cites == 1;
	for (i = 0; i < n; i++) {
		json_t *o = json_array_get(items, i);

		memset(&cites[i], 0, sizeof(cites[i]));
		cites[i].id = jstr(o, "id") ? jstr(o, "id") : "";
		cites[i].locator = jstr(o, "locator");
		cites[i].label = jstr(o, "label");
		cites[i].prefix = jstr(o, "prefix");
		cites[i].suffix = jstr(o, "suffix");
		cites[i].suppress_author = json_is_true(json_object_get(o, "suppress-author"));
		cites[i].author_only = json_is_true(json_object_get(o, "author-only"));
		cites[i].note = note;
		position(h, &cites[i], i == 0, near_distance(style));
		remember(h, cites[i].id, cites[i].locator, note);
		h->prev_item = cites[i].id;
		h->prev_loc = cites[i].locator;
		h->prev_label = cites[i].label;
	}
	if (note > 0 && note == h->last_note)
		h->note_cites += n;
	else
		h->note_cites = n;
	h->last_note = note;
	h->last_cites = n;
	t = csl_engine_cite(e, cites, n, false, d);
	csl_engine_quotes(e, &q);
	if (t != NULL)
		csl_out_html(t, &q, out);
	rt_free(t);
	free(cites);
}

static void
history_free(struct history *h)
{
	free(h->ids);
	free(h->locs);
	free(h->notes);
	memset(h, 0, sizeof(*h));
}

/* CITATION-ITEMS: each citation on its own line, note i + 1. */
static void
run_items(struct csl_engine *e, const struct csl_style *style, json_t *all,
          struct buf *out, struct diag *d)
{
	struct history h = {0};
	size_t i;

	for (i = 0; i < json_array_size(all); i++) {
		if (i > 0)
			buf_puts(out, "\n");
		render_citation(e, style, json_array_get(all, i), (unsigned)i + 1, &h, out, d);
	}
	history_free(&h);
}

/* The document's citations after one processCitationCluster call: PRE, the new one,
 * POST. */
static size_t
arrange(struct citation *doc, size_t ndoc, struct citation *order, json_t *call)
{
	json_t *cit = json_array_get(call, 0), *pre = json_array_get(call, 1);
	json_t *post = json_array_get(call, 2);
	const char *id = jstr(cit, "citationID");
	size_t n = 0, i, j;
	json_t *lists[2] = {pre, post};
	int l;

	for (l = 0; l < 2; l++) {
		for (i = 0; i < json_array_size(lists[l]); i++) {
			json_t *ref = json_array_get(lists[l], i);
			const char *rid = json_string_value(json_array_get(ref, 0));

			for (j = 0; rid && j < ndoc; j++)
				if (strcmp(doc[j].id, rid) == 0) {
					order[n] = doc[j];
					order[n++].note = (unsigned)json_integer_value(json_array_get(ref, 1));
				}
		}
		if (l == 0) {
			memset(&order[n], 0, sizeof(order[n]));
			snprintf(order[n].id, sizeof(order[n].id), "%s", id ? id : "");
			order[n].items = json_object_get(cit, "citationItems");
			order[n].note = (unsigned)json_integer_value(
				json_object_get(json_object_get(cit, "properties"), "noteIndex"));
			for (j = 0; j < ndoc; j++)
				if (strcmp(doc[j].id, order[n].id) == 0)
					order[n].last = doc[j].last, order[n].now = doc[j].now;
			n++;
		}
	}
	return n;
}

/* Appends a copy of ID to IDS (of *N, room for CAP) unless it is there. */
static void
add_id(char **ids, size_t *n, size_t cap, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < *n; i++)
		if (strcmp(ids[i], id) == 0)
			return;
	if (id != NULL && *n < cap)
		ids[(*n)++] = mem_strdup(id);
}

/* Registers the items the N citations of DOC cite, in order: as citeproc-js, whose
 * registry grows call by call (and earlier citations change with it). */
static void
register_cited(struct csl_engine *e, const struct citation *doc, size_t n)
{
	size_t i, j, cap = 0, nids = 0;
	char **ids;

	for (i = 0; i < n; i++)
		cap += json_array_size(doc[i].items);
	ids = mem_realloc_array(NULL, cap ? cap : 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		for (j = 0; j < json_array_size(doc[i].items); j++)
			add_id(ids, &nids, cap, jstr(json_array_get(doc[i].items, j), "id"));
	csl_engine_register(e, (const char *const *)ids, nids);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
}

/* CITATIONS: the document after every call; ">>" marks what the last call changed. */
static void
run_citations(struct csl_engine *e, const struct csl_style *style, json_t *calls,
              struct buf *out, struct diag *d)
{
	size_t ncalls = json_array_size(calls), cap = ncalls + 1, ndoc = 0, c, i;
	struct citation *doc = calloc(cap, sizeof(*doc)), *next = calloc(cap, sizeof(*next));

	for (c = 0; c < ncalls; c++) {
		struct history h = {0};
		size_t n = arrange(doc, ndoc, next, json_array_get(calls, c));

		register_cited(e, next, n);
		for (i = 0; i < n; i++) {
			struct buf b = {0};

			render_citation(e, style, next[i].items, next[i].note, &h, &b, d);
			free(next[i].last);
			next[i].last = next[i].now;
			next[i].now = b.data ? b.data : mem_strdup("");
		}
		history_free(&h);
		for (i = 0; i < ndoc; i++) /* citations dropped from the document */ {
			size_t j;

			for (j = 0; j < n && strcmp(next[j].id, doc[i].id) != 0; j++)
				;
			if (j == n) {
				free(doc[i].last);
				free(doc[i].now);
			}
		}
		memcpy(doc, next, n * sizeof(*doc));
		ndoc = n;
	}
	for (i = 0; i < ndoc; i++) {
		bool changed = doc[i].last == NULL || strcmp(doc[i].last, doc[i].now) != 0;
		const char *id = jstr(json_array_get(json_array_get(calls, ncalls - 1), 0),
		                      "citationID");

		changed |= id && strcmp(id, doc[i].id) == 0;
		buf_printf(out, "%s%s[%zu] %s", i ? "\n" : "", changed ? ">>" : "..", i,
		           doc[i].now);
		free(doc[i].last);
		free(doc[i].now);
	}
	free(doc);
	free(next);
}

static void
run_bibliography(struct csl_engine *e, struct buf *out)
{
	struct rt **entries;
	size_t n = csl_engine_bibliography(e, &entries), i;
	struct rt_quotes q;

	csl_engine_quotes(e, &q);
	buf_puts(out, "<div class=\"csl-bib-body\">\n");
	for (i = 0; i < n; i++) {
		struct buf b = {0};

		csl_out_html(entries[i], &q, &b);
		/* citeproc-js's layout: an entry with blocks closes on a line of its own */
		if (strncmp(b.data, "<div class=", 11) == 0)
			buf_printf(out, "  <div class=\"csl-entry\">\n    %s\n  </div>\n", b.data);
		else if (strstr(b.data, "<div class=") != NULL)
			buf_printf(out, "  <div class=\"csl-entry\">%s\n  </div>\n", b.data);
		else
			buf_printf(out, "  <div class=\"csl-entry\">%s</div>\n", b.data);
		buf_free(&b);
		rt_free(entries[i]);
	}
	free(entries);
	buf_puts(out, "</div>");
}

/* The ids of every cite of CITS (CITATION-ITEMS, or CITATIONS when CALLS), in order
 * of appearance. */
static void
cited_ids(json_t *cits, bool calls, char **ids, size_t *n, size_t cap)
{
	size_t i, j;

	for (i = 0; i < json_array_size(cits); i++) {
		json_t *c = json_array_get(cits, i);
		json_t *items = calls ? json_object_get(json_array_get(c, 0), "citationItems") : c;

		for (j = 0; j < json_array_size(items); j++)
			add_id(ids, n, cap, jstr(json_array_get(items, j), "id"));
	}
}

/* Registers the items a fixture covers: BIBENTRIES' last set, else the cited items
 * in order of citation (their citation numbers) and then the rest of INPUT. */
static void
register_items(struct csl_engine *e, const struct fixture *fx, json_t *input)
{
	json_t *sets = fx->bibentries ? json_loads(fx->bibentries, 0, NULL) : NULL;
	json_t *list = sets ? json_array_get(sets, json_array_size(sets) - 1) : input;
	json_t *cits = NULL;
	size_t cap = json_array_size(list), n = 0, i;
	char **ids = mem_realloc_array(NULL, cap ? cap : 1, sizeof(*ids));

	if (sets == NULL && fx->citations != NULL)
		cits = json_loads(fx->citations, 0, NULL);
	else if (sets == NULL && fx->items != NULL)
		cits = json_loads(fx->items, 0, NULL);
	stringify(cits);
	stringify(sets);
	if (cits != NULL)
		cited_ids(cits, fx->citations != NULL, ids, &n, cap);
	for (i = 0; i < json_array_size(list); i++) {
		json_t *v = json_array_get(list, i);
		const char *id = json_is_string(v) ? json_string_value(v) : jstr(v, "id");

		add_id(ids, &n, cap, id ? id : "");
	}
	csl_engine_register(e, (const char *const *)ids, n);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	json_decref(cits);
	json_decref(sets);
}

/* Renders fixture FX into OUT; 0, or -1 when it cannot run at all. */
static int
run_fixture(const struct fixture *fx, const char *name, struct buf *out, struct diag *d)
{
	struct csl_style *style = csl_style_load_memory(name, fx->csl, strlen(fx->csl), d);
	struct csl_engine *e = style ? csl_engine_new(style, NULL, NULL, d) : NULL;
	json_t *input = json_loads(fx->input, 0, NULL), *cits = NULL;
	int rc = -1;

	if (e == NULL || input == NULL ||
	    csl_engine_add_json(e, fx->input, strlen(fx->input), name, d) != 0)
		goto done;
	stringify(input);
	register_items(e, fx, input);
	rc = 0;
	if (strcmp(fx->mode, "bibliography") == 0)
		run_bibliography(e, out);
	else if (fx->citations && (cits = json_loads(fx->citations, 0, NULL)) != NULL) {
		stringify(cits);
		run_citations(e, style, cits, out, d);
	} else if (fx->items && (cits = json_loads(fx->items, 0, NULL)) != NULL) {
		stringify(cits);
		run_items(e, style, cits, out, d);
	}
	else {
		json_t *all = json_array();
		json_t *one = json_array();
		size_t i;

		/* an item without an id is the engine's "" */
		for (i = 0; i < json_array_size(input); i++) {
			const char *id = jstr(json_array_get(input, i), "id");

			json_array_append_new(one, json_pack("{s:s}", "id", id ? id : ""));
		}
		json_array_append_new(all, one);
		run_items(e, style, all, out, d);
		json_decref(all);
	}
done:
	json_decref(cits);
	json_decref(input);
	csl_engine_free(e);
	csl_style_free(style);
	return rc;
}

/* Pass and total of one category. */
struct tally {
	char name[32];
	unsigned pass, total;
};

static void
count(struct tally *t, size_t *nt, const char *file, bool ok)
{
	char cat[32];
	size_t i, n = strcspn(file, "_");

	snprintf(cat, sizeof(cat), "%.*s", (int)(n < 31 ? n : 31), file);
	for (i = 0; i < *nt && strcmp(t[i].name, cat) != 0; i++)
		;
	if (i == *nt) {
		memset(&t[i], 0, sizeof(t[i]));
		snprintf(t[i].name, sizeof(t[i].name), "%s", cat);
		(*nt)++;
	}
	t[i].pass += ok;
	t[i].total++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
by_total(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Runs the fixture at DIR/FILE; true when it passes. */
static bool
check(const char *dir, const char *file, bool verbose)
{
	char path[4096];
	char *text;
	struct fixture fx;
	struct buf out = {0};
	struct diag d;
	bool ok = false;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = read_all(path);
	diag_init(&d, verbose ? stdout : NULL);
	if (text != NULL && parse_fixture(&fx, text) == 0) {
		if (run_fixture(&fx, file, &out, &d) == 0) {
			buf_puts(&out, "");
			trim(out.data);
			ok = strcmp(out.data, fx.result) == 0;
		}
		if (!ok)
			printf("FAIL %s\n", file);
		if (!ok && verbose)
			printf("--- expected\n%s\n--- got\n%s\n", fx.result, out.data ? out.data : "");
	} else {
		printf("FAIL %s (unreadable fixture)\n", file);
	}
	if (verbose)
		diag_flush(&d);
	diag_free(&d);
	buf_free(&out);
	free(text);
	return ok;
}

int
main(int argc, char **argv)
{
	bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	const char *dir = argc > 1 + verbose ? argv[1 + verbose] : NULL;
	char **files = NULL;
	size_t nfiles = 0, i, nt = 0;
	struct tally *t;
	unsigned pass = 0;
	DIR *dh;
	struct dirent *de;

	if (dir == NULL || (dh = opendir(dir)) == NULL) {
		fprintf(stderr, "usage: csl-runner [-v] DIR [NAME...]\n");
		return 2;
	}
	mem_setup();
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);
		int a;
		bool wanted = argc <= 2 + verbose;

		for (a = 2 + verbose; a < argc; a++)
			wanted |= strncmp(de->d_name, argv[a], strlen(argv[a])) == 0;
		if (len > 4 && strcmp(de->d_name + len - 4, ".txt") == 0 && wanted) {
			files = mem_realloc_array(files, nfiles + 1, sizeof(*files));
			files[nfiles++] = mem_strdup(de->d_name);
		}
	}
	closedir(dh);
	qsort(files, nfiles, sizeof(*files), by_name);
	t = calloc(nfiles + 1, sizeof(*t));
	for (i = 0; i < nfiles; i++) {
		bool ok = check(dir, files[i], verbose);

		pass += ok;
		count(t, &nt, files[i], ok);
		free(files[i]);
	}
	free(files);
	qsort(t, nt, sizeof(*t), by_total);
	printf("\n%-16s %6s %6s\n", "category", "pass", "total");
	for (i = 0; i < nt; i++)
		printf("%-16s %6u %6u\n", t[i].name, t[i].pass, t[i].total);
	printf("%-16s %6u %6zu\n", "all", pass, nfiles);
	printf("csl-test: %u passed, %zu failed\n", pass, nfiles - pass);
	free(t);
	return 0;
}
