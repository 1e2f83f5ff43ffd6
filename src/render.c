/* render.c - outputs: the stylesheets of each format, then what C does after them. */
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"
#include "text.h"

static const struct {
	const char *name, *extension;
} formats[RENDER__COUNT] = {
	[RENDER_HTML] = {"html", ".html"},
	[RENDER_EPUB] = {"epub", ".epub"},
	[RENDER_TEXT] = {"text", ".txt"},
};

/* The EPUB's items: the stylesheet that makes each, and its path, chosen here. */
static const struct {
	enum transform_sheet sheet;
	const char *path;
} epub_items[] = {
	{SHEET_EPUB_PACKAGE, EPUB_PACKAGE_PATH},
	{SHEET_EPUB_NAV, "EPUB/nav.xhtml"},
	{SHEET_EPUB_CONTENT, "EPUB/brief.xhtml"},
	{SHEET_EPUB_CSS, "EPUB/style.css"},
};

#define NITEMS (sizeof(epub_items) / sizeof(epub_items[0]))

int
render_format_by_name(const char *name, enum render_format *format)
{
	size_t i;

	for (i = 0; i < RENDER__COUNT; i++)
		if (strcmp(formats[i].name, name) == 0) {
			*format = (enum render_format)i;
			return 0;
		}
	return -1;
}

const char *
render_format_name(enum render_format format)
{
	return formats[format].name;
}

const char *
render_extension(enum render_format format)
{
	return formats[format].extension;
}

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian), for a UTC date without the
 * local time zone that timegm would need. */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Sets *STAMP to the brief's <info><pubdate> (midnight UTC); returns 0, or -1 if
 * the brief has none. */
static int
pubdate(const struct source *src, time_t *stamp)
{
	xmlNodePtr n, root = xmlDocGetRootElement(src->doc);
	int y = 0, m = 1, d = 1;

	for (n = root ? root->children : NULL; n != NULL; n = n->next)
		if (source_is(n, "info"))
			break;
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		xmlChar *text;

		if (!source_is(n, "pubdate"))
			continue;
		text = xmlNodeGetContent(n);
		sscanf((const char *)text, "%4d-%2d-%2d", &y, &m, &d);
		xmlFree(text);
		if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
			return -1;
		*stamp = (time_t)days_from_civil(y, m, d) * 86400;
		return 0;
	}
	return -1;
}

int
render_time(const struct source *src, const char *epoch, time_t *stamp)
{
	char *end;
	long long v;

	if (epoch != NULL) {
		errno = 0;
		v = strtoll(epoch, &end, 10);
		/* Past 9999-12-31T23:59:59Z no xsd:dateTime of four digits says it, and
		 * gmtime fails (at 2^31 years) before time_t does. */
		if (*epoch == '\0' || *end != '\0' || errno != 0 || v < 0 ||
		    v > RENDER_LAST_TIME)
			return -1;
		*stamp = (time_t)v;
		return 0;
	}
	if (pubdate(src, stamp) != 0)
		*stamp = RENDER_DEFAULT_TIME;
	return 0;
}

/* The stylesheets' parameters: "modified" (STAMP in ISO 8601 UTC) unless the user
 * set it, then the user's. Returns a NULL-terminated array to free; *ISO is its
 * storage for the time. */
static const char **
all_params(const char *const *user, time_t stamp, char iso[32])
{
	size_t n = 0, i, k = 0;
	const char **p;
	struct tm tm;
	int own = 1;

	while (user != NULL && user[n] != NULL) {
		own &= strcmp(user[n], "modified") != 0;
		n += 2;
	}
	if (stamp < 0 || stamp > RENDER_LAST_TIME || gmtime_r(&stamp, &tm) == NULL) {
		stamp = RENDER_DEFAULT_TIME;
		gmtime_r(&stamp, &tm);
	}
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	p = mem_realloc_array(NULL, n + 3, sizeof(*p));
	if (own) {
		p[k++] = "modified";
		p[k++] = iso;
	}
	for (i = 0; i < n; i++)
		p[k++] = user[i];
	p[k] = NULL;
	return p;
}

static int
render_epub(struct transform *t, const struct source *src, const char *const *params,
            time_t stamp, struct buf *out, struct diag *d)
{
	struct epub_item items[NITEMS];
	char *bytes[NITEMS] = {NULL};
	size_t i, len;
	int ret = -1;

	for (i = 0; i < NITEMS; i++) {
		if (transform_run(t, epub_items[i].sheet, src, params, &bytes[i], &len, d) != 0)
			goto done;
		items[i].path = epub_items[i].path;
		items[i].data = bytes[i];
		items[i].len = len;
	}
	ret = epub_pack(items, NITEMS, stamp, out, d);
done:
	for (i = 0; i < NITEMS; i++)
		free(bytes[i]);
	return ret;
}

int
render(struct transform *t, enum render_format format, const struct source *src,
       const char *const *params, time_t stamp, struct buf *out, struct diag *d)
{
	char iso[32], *bytes = NULL;
	const char **p = all_params(params, stamp, iso);
	size_t len = 0;
	int ret = -1;

	switch (format) {
	case RENDER_HTML:
		ret = transform_run(t, SHEET_HTML, src, p, &bytes, &len, d);
		if (ret == 0)
			buf_append(out, bytes, len);
		break;
	case RENDER_TEXT:
		ret = transform_run(t, SHEET_TEXT, src, p, &bytes, &len, d);
		if (ret == 0)
			ret = text_render(bytes, len, TEXT_WIDTH, src->path, out, d);
		break;
	case RENDER_EPUB:
		ret = render_epub(t, src, p, stamp, out, d);
		break;
	case RENDER__COUNT:
		break;
	}
	free(bytes);
	free(p);
	return ret;
}
