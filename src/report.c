/* report.c - citation reports, read straight off the resolved model. */
#include "report.h"

#include <string.h>

#include "json.h"

int
report_format_by_name(const char *name, enum report_format *format)
{
	static const char *const names[] = {
		[REPORT_TSV] = "tsv", [REPORT_JSON] = "json", [REPORT_CSL_JSON] = "csl-json",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0) {
			*format = (enum report_format)i;
			return 0;
		}
	return -1;
}

/* S with tabs and line breaks made spaces, so a cell stays one cell. */
static void
tsv_cell(struct buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_append(out, strchr("\t\r\n", *s) ? " " : s, 1);
}

void
report_write_tsv(const struct cite_model *m, const char *file, bool header,
                 struct buf *out)
{
	size_t i;

	if (header)
		buf_puts(out, file ? "file\tnote\tform\twork\tlocator\n" :
		                     "note\tform\twork\tlocator\n");
	for (i = 0; i < m->ncites; i++) {
		const struct cite *c = &m->cites[i];

		if (file != NULL) {
			tsv_cell(out, file);
			buf_puts(out, "\t");
		}
		buf_printf(out, "%zu\t%s\t", c->note, cite_form_name(cite_shown_form(c)));
		tsv_cell(out, c->work != CITE_NONE ? m->works[c->work].id : NULL);
		buf_puts(out, "\t");
		tsv_cell(out, c->loc.text);
		buf_puts(out, "\n");
	}
}

static void
write_name(struct json *j, const struct cite_name *n)
{
	json_open_object(j);
	json_member(j, "family", n->family);
	json_member(j, "given", n->given);
	json_member(j, "literal", n->literal);
	json_end(j);
}

static void
write_authors(struct json *j, const struct cite_fields *f)
{
	size_t i;

	json_open_array(j);
	for (i = 0; i < f->nauthors; i++)
		write_name(j, &f->authors[i]);
	json_end(j);
}

static void
write_cite(struct json *j, const struct cite_model *m, const struct source *src,
           const struct cite *c, bool with_work)
{
	unsigned line, col;

	json_open_object(j);
	json_key(j, "note");
	json_int(j, (long)c->note);
	if (with_work) {
		source_locate(src, c->node, &line, &col);
		json_key(j, "line");
		json_int(j, line);
		json_key(j, "column");
		json_int(j, col);
	}
	json_member(j, "form", cite_form_name(cite_shown_form(c)));
	json_member(j, "position", cite_position_name(c->position));
	if (with_work) {
		json_key(j, "work");
		json_put_string(j, c->work != CITE_NONE ? m->works[c->work].id : NULL);
	}
	json_key(j, "locator");
	json_put_string(j, c->loc.text);
	json_end(j);
}

static void
write_date_parts(struct json *j, const struct cite_date *d)
{
	json_key(j, "year");
	json_int(j, d->year);
	if (d->month > 0) {
		json_key(j, "month");
		json_int(j, d->month);
	}
	if (d->day > 0) {
		json_key(j, "day");
		json_int(j, d->day);
	}
}

static void
write_work(struct json *j, const struct cite_model *m, const struct source *src,
           const struct cite_work *w)
{
	const struct cite_fields *f = &w->fields;
	size_t i;

	json_open_object(j);
	json_member(j, "id", w->id);
	json_member(j, "type", cite_work_type(w));
	json_key(j, "entry");
	json_bool(j, w->entry);
	json_key(j, "authors");
	write_authors(j, f);
	json_key(j, "various_authors");
	json_bool(j, f->various);
	json_member(j, "title", f->title);
	json_member(j, "short_title", w->short_title);
	json_member(j, "container", f->container);
	if (f->container != NULL)
		json_member(j, "container_kind", cite_container_name(f->container_kind));
	json_member(j, "volume", f->volume);
	json_member(j, "number", f->number);
	json_member(j, "publisher", f->publisher);
	if (f->date.text != NULL) {
		json_key(j, "date");
		json_open_object(j);
		json_member(j, "text", f->date.text);
		if (f->date.year > 0)
			write_date_parts(j, &f->date);
		json_end(j);
	}
	json_member(j, "url", f->url);
	json_member(j, "doi", f->doi);
	json_member(j, "isbn", f->isbn);
	json_member(j, "issn", f->issn);
	json_key(j, "cited_by");
	json_open_array(j);
	for (i = 0; i < w->ncites; i++)
		write_cite(j, m, src, &m->cites[w->cites[i]], false);
	json_end(j);
	json_end(j);
}

static void
write_json(const struct cite_model *m, const struct source *src, struct buf *out)
{
	struct json j = {0};
	size_t i;

	j.out = out;
	json_open_object(&j);
	json_member(&j, "file", src->path);
	json_key(&j, "notes");
	json_int(&j, (long)m->notes);
	json_key(&j, "citations");
	json_open_array(&j);
	for (i = 0; i < m->ncites; i++)
		write_cite(&j, m, src, &m->cites[i], true);
	json_end(&j);
	json_key(&j, "works");
	json_open_array(&j);
	for (i = 0; i < m->nworks; i++)
		write_work(&j, m, src, &m->works[i]);
	json_end(&j);
	json_end(&j);
}

/* CSL's "issued": date-parts when the date parsed, else the text as a literal. */
static void
write_csl_issued(struct json *j, const struct cite_date *d)
{
	json_key(j, "issued");
	json_open_object(j);
	if (d->year > 0) {
		json_key(j, "date-parts");
		json_open_array(j);
		json_open_array(j);
		json_int(j, d->year);
		if (d->month > 0)
			json_int(j, d->month);
		if (d->month > 0 && d->day > 0)
			json_int(j, d->day);
		json_end(j);
		json_end(j);
	} else {
		json_member(j, "literal", d->text);
	}
	json_end(j);
}

/* One CSL item, of id ID. A series is CSL's collection (its number the collection
 * number); a journal, book or website is the container (its number the issue). */
static void
write_csl_item(struct json *j, const struct cite_work *w, const char *id)
{
	const struct cite_fields *f = &w->fields;
	bool series = f->container_kind == CONTAINER_SERIES;
	bool contained = f->container != NULL && !series;

	json_open_object(j);
	json_member(j, "id", id);
	json_member(j, "type", cite_work_type(w));
	if (f->nauthors > 0 && !f->various) {
		json_key(j, "author");
		write_authors(j, f);
	}
	json_member(j, "title", f->title);
	if (w->short_title != NULL && f->title != NULL && strcmp(w->short_title, f->title) != 0)
		json_member(j, "title-short", w->short_title);
	json_member(j, contained ? "container-title" : "collection-title", f->container);
	json_member(j, "volume", f->volume);
	json_member(j, series ? "collection-number" : contained ? "issue" : "number",
	            f->number);
	json_member(j, "publisher", f->publisher);
	if (f->date.text != NULL)
		write_csl_issued(j, &f->date);
	json_member(j, "URL", f->url);
	json_member(j, "DOI", f->doi);
	json_member(j, "ISBN", f->isbn);
	json_member(j, "ISSN", f->issn);
	json_member(j, "language", f->lang);
	json_end(j);
}

static void
write_csl_json(const struct cite_model *m, struct buf *out)
{
	struct json j = {0};
	size_t i;

	j.out = out;
	json_open_array(&j);
	for (i = 0; i < m->nworks; i++)
		write_csl_item(&j, &m->works[i], m->works[i].id);
	json_end(&j);
}

void
report_write_csl_works(const struct cite_work *const *works, const char *const *ids,
                       size_t n, struct buf *out)
{
	struct json j = {0};
	size_t i;

	j.out = out;
	json_open_array(&j);
	for (i = 0; i < n; i++)
		write_csl_item(&j, works[i], ids[i]);
	json_end(&j);
}

void
report_write(const struct cite_model *m, const struct source *src,
             enum report_format format, struct buf *out)
{
	switch (format) {
	case REPORT_TSV:
		report_write_tsv(m, NULL, true, out);
		break;
	case REPORT_JSON:
		write_json(m, src, out);
		break;
	case REPORT_CSL_JSON:
		write_csl_json(m, out);
		break;
	}
}
