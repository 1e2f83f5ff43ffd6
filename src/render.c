/* render.c - outputs: the stylesheets of each format, then what C does after them. */
#include "render.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "epub.h"
#include "text.h"
#include "xhtml.h"

static const struct {
	const char *name, *extension;
} formats[RENDER__COUNT] = {
	[RENDER_HTML] = {"html", ".html"},
	[RENDER_EPUB] = {"epub", ".epub"},
	[RENDER_TEXT] = {"text", ".txt"},
};

/* The EPUB's items, in the order they are zipped, and the paths chosen here; the
 * brief's images follow them, each at ITEM_DIR and its name (media.h). */
enum { ITEM_PACKAGE, ITEM_NAV, ITEM_CONTENT, ITEM_CSS, NITEMS };

#define ITEM_DIR "EPUB/"

static const char *const item_paths[NITEMS] = {
	[ITEM_PACKAGE] = EPUB_PACKAGE_PATH,
	[ITEM_NAV] = ITEM_DIR "nav.xhtml",
	[ITEM_CONTENT] = ITEM_DIR "brief.xhtml",
	[ITEM_CSS] = ITEM_DIR "style.css",
};

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

size_t
render_sheets(enum render_format format, enum transform_sheet sheets[RENDER_MAX_SHEETS])
{
	static const enum transform_sheet epub[] = {
		SHEET_HTML, SHEET_EPUB_NAV, SHEET_EPUB_PACKAGE, SHEET_EPUB_CSS,
	};

	switch (format) {
	case RENDER_HTML:
		sheets[0] = SHEET_HTML;
		return 1;
	case RENDER_TEXT:
		sheets[0] = SHEET_TEXT;
		return 1;
	case RENDER_EPUB:
	case RENDER__COUNT:
		break;
	}
	memcpy(sheets, epub, sizeof(epub));
	return sizeof(epub) / sizeof(epub[0]);
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

/* The parameters a build takes, and their values: notes, every format's stylesheets'
 * (common.xsl); citations, the house style's (cli.c keeps it from the stylesheets). */
static const struct {
	const char *name;
	const char *values[2];
} known_params[] = {
	{"notes", {"endnotes", "footnotes"}},
	{"citations", {"as-written", "chicago"}},
};

int
render_param_check(const char *name, const char *value, char *why, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof(known_params) / sizeof(known_params[0]); i++) {
		if (strcmp(name, known_params[i].name) != 0)
			continue;
		if (strcmp(value, known_params[i].values[0]) == 0 ||
		    strcmp(value, known_params[i].values[1]) == 0)
			return 0;
		snprintf(why, size, "--param %s is %s or %s, not '%s'", name,
		         known_params[i].values[0], known_params[i].values[1], value);
		return -1;
	}
	snprintf(why, size, "no parameter '%s': the stylesheets take notes "
	         "(endnotes|footnotes) and citations (as-written|chicago)", name);
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

/* The EPUB's items that come from the brief SRC: the package document and the style
 * sheet, into BYTES. Returns 0, or -1 reported to D. */
static int
epub_items_of_brief(struct transform *t, const struct source *src,
                    const char *const *params, struct buf bytes[NITEMS], struct diag *d)
{
	if (transform_run(t, SHEET_EPUB_PACKAGE, src->doc, src->path, params,
	                  &bytes[ITEM_PACKAGE], d) != 0)
		return -1;
	return transform_run(t, SHEET_EPUB_CSS, src->doc, src->path, params,
	                     &bytes[ITEM_CSS], d);
}

/* Zips the EPUB of BYTES (its items; the content document's deflated already in
 * CONTENT) and MEDIA's images (NULL: none) into OUT. Returns 0, or -1 reported to D. */
static int
pack_epub(const struct buf bytes[NITEMS], const struct epub_deflated *content,
          const struct media_set *media, time_t stamp, struct buf *out, struct diag *d)
{
	size_t nimages = media ? media->n : 0, i;
	struct epub_item *items = mem_realloc_array(NULL, NITEMS + nimages, sizeof(*items));
	char **paths = mem_realloc_array(NULL, nimages + 1, sizeof(*paths));
	int ret;

	for (i = 0; i < NITEMS; i++) {
		items[i].path = item_paths[i];
		items[i].data = bytes[i].data;
		items[i].len = bytes[i].len;
		items[i].deflated = i == ITEM_CONTENT ? content : NULL;
	}
	for (i = 0; i < nimages; i++) {
		const struct media_image *image = &media->images[i];

		paths[i] = mem_alloc(sizeof(ITEM_DIR) + strlen(image->name));
		sprintf(paths[i], ITEM_DIR "%s", image->name);
		items[NITEMS + i].path = paths[i];
		items[NITEMS + i].data = image->data;
		items[NITEMS + i].len = image->len;
		items[NITEMS + i].deflated = NULL;
	}
	ret = epub_pack(items, NITEMS + nimages, stamp, out, d);
	for (i = 0; i < nimages; i++)
		free(paths[i]);
	free(paths);
	free(items);
	return ret;
}

/* An <img> of the HTML whose src embed_images replaced, and that src. */
struct embedded {
	xmlNodePtr img;
	xmlChar *src;
};

/* HTML made one self-contained page: each <img> whose src names one of MEDIA's images
 * (NULL: none) gets the image itself, as a data: URI. Returns how many did, each with
 * its src as it was in *WAS (put_back puts them back and frees *WAS). */
static size_t
embed_images(xmlDocPtr html, const struct media_set *media, struct embedded **was)
{
	xmlNodePtr root = xmlDocGetRootElement(html), n;
	size_t k = 0;

	*was = NULL;
	if (media == NULL || media->n == 0)
		return 0;
	for (n = root; n != NULL; n = source_next(n, root)) {
		const struct media_image *image;
		struct buf uri = {0};
		xmlChar *src;

		if (n->type != XML_ELEMENT_NODE || n->ns != NULL ||
		    strcmp((const char *)n->name, "img") != 0)
			continue;
		src = xmlGetNoNsProp(n, (const xmlChar *)"src");
		image = src ? media_find(media, (const char *)src) : NULL;
		if (image == NULL) {
			xmlFree(src);
			continue;
		}
		*was = mem_realloc_array(*was, k + 1, sizeof(**was));
		(*was)[k].img = n;
		(*was)[k++].src = src;
		media_data_uri(image, &uri);
		if (xmlSetProp(n, (const xmlChar *)"src", (const xmlChar *)uri.data) == NULL)
			mem_exhausted();
		buf_free(&uri);
	}
	return k;
}

static void
put_back(struct embedded *was, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (xmlSetProp(was[i].img, (const xmlChar *)"src", was[i].src) == NULL)
			mem_exhausted();
		xmlFree(was[i].src);
	}
	free(was);
}

/* The HTML's bytes, from its tree HTML with MEDIA's images in it, into OUT. The tree
 * is left as it was but for the charset's meta that saving adds to it. */
static void
save_html(struct transform *t, xmlDocPtr html, const struct media_set *media,
          struct buf *out)
{
	struct embedded *was;
	size_t n = embed_images(html, media, &was);

	transform_save(t, SHEET_HTML, html, out);
	put_back(was, n);
}

/* The size of text whose layout (some 7 times as large) the text's thread gives back
 * to the system once the text is set: 1 MB, 60 copies of the article. A small one's
 * pages cost more to give back and fault in again (1.5 ms of the article's build)
 * than they weigh. */
#define GIVE_BACK_TEXT ((size_t)1 << 20)

/* The text format: text.xsl's layout of the brief, set in lines. */
struct text_job {
	struct transform_run *run;  /* text.xsl over the brief, set up; NULL: it failed */
	const char *path;           /* the brief's, for what is reported */
	const char *const *params;
	struct buf *out;
	struct diag said;           /* what making the text reported, for the caller's */
	int ret;
};

/* text.xsl's layout of TJ's brief, the last of TJ that reads the brief; NULL if it
 * failed (reported). */
static xmlDocPtr
text_layout(struct text_job *tj)
{
	xmlDocPtr layout = tj->run ? transform_go(tj->run, tj->path, tj->params, &tj->said) : NULL;

	tj->run = NULL;
	return layout;
}

/* TJ's text set from its LAYOUT (NULL: none; freed here). */
static void
text_set(struct text_job *tj, xmlDocPtr layout)
{
	tj->ret = layout ? text_render(layout, TEXT_WIDTH, tj->path, tj->out, &tj->said) : -1;
	xmlFreeDoc(layout);
}

/* Work that either thread may do, the first free: the content document's bytes, and
 * the EPUB zipped. */
struct task {
	void (*run)(void *arg);
	void *arg;
};

/* The content document's bytes from PAGE, made XHTML, into OUT (xhtml_save), and
 * deflated into PACKED, the biggest part of zipping the EPUB. */
struct xhtml_job {
	xmlDocPtr page;
	struct buf *out;
	struct epub_deflated *packed;
};

static void
save_xhtml(void *arg)
{
	struct xhtml_job *xj = arg;

	xhtml_save(xj->page, xj->out);
	epub_deflate(xj->out->data, xj->out->len, xj->packed);
}

/* The EPUB zipped from its items and images: the last of it, which reads no tree. */
struct pack_job {
	const struct buf *items;    /* NITEMS */
	const struct epub_deflated *content; /* ITEM_CONTENT's, deflated */
	const struct media_set *media;
	time_t stamp;
	struct buf *out;
	struct diag said;           /* what packing reported, for the caller's */
	int ret;
};

static void
pack(void *arg)
{
	struct pack_job *pj = arg;

	pj->ret = pack_epub(pj->items, pj->content, pj->media, pj->stamp, pj->out, &pj->said);
}

/* The thread that makes the text beside the rest: it compiles text.xsl as it starts,
 * then makes the text of each brief it is given, one at a time (saying when it is done
 * reading the brief, and giving the layout's memory back), and then does each task
 * handed over for that brief that the caller has not taken back. */
struct render_beside {
	struct transform *t;
	bool epub;                  /* the EPUB's stylesheets are wanted too */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;     /* a job given, taken or done, or the end */
	struct text_job *job;       /* under LOCK: the text to make; NULL: none */
	bool made;                  /* under LOCK: JOB is made */
	bool read;                  /* under LOCK: JOB's brief is read (its layout made) */
	const struct task *task;    /* under LOCK: the task handed over; NULL: none */
	bool task_taken, task_done; /* under LOCK: TASK taken by a thread, done */
	bool ending;                /* under LOCK */
	bool waiting;               /* under LOCK: the thread waits, with nothing to do */
};

/* Does B have work waiting (under its lock)? */
static bool
beside_has_work(const struct render_beside *b)
{
	return (b->job != NULL && !b->made) || (b->task != NULL && !b->task_taken);
}

/* The EPUB's stylesheets, compiled by the text's thread when it has nothing else to
 * do, in the order a brief needs them: the main thread runs those of the brief right
 * after html.xsl (which it compiles itself), those of the XHTML after them. A text
 * given first is made first: the main thread waits for it before the EPUB's items. */
static const enum transform_sheet epub_sheets[] = {
	SHEET_EPUB_PACKAGE, SHEET_EPUB_CSS, SHEET_EPUB_NAV,
};

/* Makes the text B was given; called and returns with B's lock held. */
static void
beside_make_text(struct render_beside *b)
{
	struct text_job *tj = b->job;
	xmlDocPtr layout;

	pthread_mutex_unlock(&b->lock);
	layout = text_layout(tj);
	pthread_mutex_lock(&b->lock);
	b->read = true;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
	text_set(tj, layout);
	/* A big layout's pages, else kept for this thread while the caller's HTML tree
	 * still grows beside the brief. */
	if (tj->out->len >= GIVE_BACK_TEXT)
		mem_give_back();
	pthread_mutex_lock(&b->lock);
	b->made = true;
}

/* Does the task handed over to B; called and returns with B's lock held. */
static void
beside_do_task(struct render_beside *b)
{
	const struct task *task = b->task;

	b->task_taken = true;
	pthread_mutex_unlock(&b->lock);
	task->run(task->arg);
	pthread_mutex_lock(&b->lock);
	b->task_done = true;
}

static void *
make_texts(void *arg)
{
	struct render_beside *b = arg;
	size_t warmed = 0, nsheets = b->epub ? sizeof(epub_sheets) / sizeof(epub_sheets[0]) : 0;

	mem_thread_start();
	transform_warm(b->t, SHEET_TEXT);
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (!b->ending && !beside_has_work(b) && warmed == nsheets) {
			b->waiting = true;
			pthread_cond_wait(&b->changed, &b->lock);
			b->waiting = false;
		}
		if (b->ending)
			break;
		if (b->job != NULL && !b->made) {
			beside_make_text(b);
		} else if (b->task != NULL && !b->task_taken) {
			beside_do_task(b);
		} else {
			pthread_mutex_unlock(&b->lock);
			transform_warm(b->t, epub_sheets[warmed++]);
			pthread_mutex_lock(&b->lock);
			continue;
		}
		pthread_cond_broadcast(&b->changed);
	}
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

static void
beside_destroy(struct render_beside *b)
{
	pthread_cond_destroy(&b->changed);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

struct render_beside *
render_beside_new(struct transform *t, const bool want[RENDER__COUNT])
{
	struct render_beside *b = mem_alloc(sizeof(*b));

	memset(b, 0, sizeof(*b));
	b->t = t;
	b->epub = want[RENDER_EPUB];
	if (pthread_mutex_init(&b->lock, NULL) != 0 || pthread_cond_init(&b->changed, NULL) != 0)
		abort();
	if (emit_quiet_thread(&b->thread, make_texts, b))
		return b;
	beside_destroy(b);
	return NULL;
}

void
render_beside_free(struct render_beside *b)
{
	if (b == NULL)
		return;
	pthread_mutex_lock(&b->lock);
	b->ending = true;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	beside_destroy(b);
}

void
render_beside_leave(struct render_beside *b)
{
	bool waiting;

	if (b == NULL)
		return;
	pthread_mutex_lock(&b->lock);
	waiting = b->waiting;
	pthread_mutex_unlock(&b->lock);
	if (!waiting)
		render_beside_free(b);
}

/* Has B make TJ's text: the caller is done with the brief. */
static void
beside_give(struct render_beside *b, struct text_job *tj)
{
	pthread_mutex_lock(&b->lock);
	b->job = tj;
	b->made = b->read = false;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
}

/* Waits until B has read the brief of the text it was given. */
static void
beside_wait_read(struct render_beside *b)
{
	pthread_mutex_lock(&b->lock);
	while (!b->read)
		pthread_cond_wait(&b->changed, &b->lock);
	pthread_mutex_unlock(&b->lock);
}

/* Hands TASK over to B, to do once its text is made (beside_task_wait); B has no other
 * task. */
static void
beside_hand_over(struct render_beside *b, const struct task *task)
{
	pthread_mutex_lock(&b->lock);
	b->task = task;
	b->task_taken = b->task_done = false;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
}

/* Does the task handed over to B here, unless B has taken it: then waits for it. */
static void
beside_task_wait(struct render_beside *b)
{
	bool here;

	pthread_mutex_lock(&b->lock);
	here = !b->task_taken;
	b->task_taken = true;
	pthread_mutex_unlock(&b->lock);
	if (here)
		b->task->run(b->task->arg);
	pthread_mutex_lock(&b->lock);
	while (!here && !b->task_done)
		pthread_cond_wait(&b->changed, &b->lock);
	b->task = NULL;
	pthread_mutex_unlock(&b->lock);
}

/* TASK done on B (NULL: here), beside what the caller does until beside_task_wait. */
static void
task_start(struct render_beside *b, const struct task *task)
{
	if (b != NULL)
		beside_hand_over(b, task);
}

/* TASK, started with task_start on B, done. */
static void
task_finish(struct render_beside *b, const struct task *task)
{
	if (b != NULL)
		beside_task_wait(b);
	else
		task->run(task->arg);
}

/* Waits until B has made the text it was given. */
static void
beside_wait(struct render_beside *b)
{
	pthread_mutex_lock(&b->lock);
	while (!b->made)
		pthread_cond_wait(&b->changed, &b->lock);
	b->job = NULL;
	pthread_mutex_unlock(&b->lock);
}

/* The EPUB's items of its content document, the HTML's tree PAGE made XHTML here: the
 * content document's bytes (on BESIDE, if not NULL), also deflated into PACKED, and
 * meanwhile the navigation document read off it, into BYTES. Returns 0, or -1
 * reported to D. */
static int
content_items(struct transform *t, const char *file, xmlDocPtr page,
              const char *const *params, struct render_beside *beside,
              struct buf bytes[NITEMS], struct epub_deflated *packed, struct diag *d)
{
	struct xhtml_job xj = {page, &bytes[ITEM_CONTENT], packed};
	const struct task save = {save_xhtml, &xj};
	struct transform_run *nav;
	xmlDocPtr result = NULL;
	int ret = -1;

	xhtml_make(page);
	/* Set up, the navigation's run only reads PAGE, as saving it does. */
	nav = transform_ready(t, SHEET_EPUB_NAV, page, d);
	task_start(beside, &save);
	if (nav != NULL && (result = transform_go(nav, file, params, d)) != NULL) {
		transform_save(t, SHEET_EPUB_NAV, result, &bytes[ITEM_NAV]);
		xmlFreeDoc(result);
		ret = 0;
	}
	task_finish(beside, &save);
	return ret;
}

/* The order matters to libxslt (transform.h): the runs of html.xsl and text.xsl over
 * the brief are both set up before either starts, so that BESIDE, when there is one,
 * makes the text's layout from the brief while this thread makes the HTML's tree; the
 * EPUB's items of the brief are made once the layout is, and the brief's tree goes
 * before this thread makes the rest from the HTML's tree. The HTML is saved first,
 * with its images in it as data: URIs for as long as that takes; then the same tree
 * is made the EPUB's content document, whose images name the files packed beside it,
 * and the navigation is read off that while the content document is written out and
 * deflated, and then the EPUB zipped, each by whichever thread is free first. Each
 * tree goes as soon as it is used (each the size of the brief's, at 1000 copies of
 * the article 120-170 MB): no more than three are alive at once. */
int
render(struct transform *t, const bool want[RENDER__COUNT], struct source *src,
       const struct media_set *media, const char *const *params, time_t stamp,
       struct render_beside *beside, bool last, struct buf out[RENDER__COUNT],
       struct diag *d)
{
	char iso[32];
	const char **p = all_params(params, stamp, iso);
	struct buf items[NITEMS];
	struct text_job text = {.path = src->path, .params = p, .out = &out[RENDER_TEXT]};
	struct epub_deflated content = {{0}, 0};
	struct pack_job epub = {.items = items, .content = &content, .media = media,
	                        .stamp = stamp, .out = &out[RENDER_EPUB]};
	const struct task zip = {pack, &epub};
	struct transform_run *html_run = NULL;
	xmlDocPtr html = NULL;
	bool packing = false;
	int ret = 0;
	size_t i;

	memset(items, 0, sizeof(items));
	source_strip_indentation(src->doc);
	diag_init(&text.said, NULL);
	diag_init(&epub.said, NULL);
	if (want[RENDER_TEXT] && beside == NULL) {
		text.run = transform_ready(t, SHEET_TEXT, src->doc, &text.said);
		text_set(&text, text_layout(&text));
	}
	if (want[RENDER_HTML] || want[RENDER_EPUB]) {
		html_run = transform_ready(t, SHEET_HTML, src->doc, d);
		ret = html_run ? 0 : -1;
	}
	if (want[RENDER_TEXT] && beside != NULL) {
		text.run = transform_ready(t, SHEET_TEXT, src->doc, &text.said);
		beside_give(beside, &text);
	}
	if (html_run != NULL) {
		html = transform_go(html_run, src->path, p, d);
		ret = html ? 0 : -1;
	}
	/* The EPUB's items of the brief are set up only once no other run reads it. */
	if (want[RENDER_TEXT] && beside != NULL)
		beside_wait_read(beside);
	if (ret == 0 && want[RENDER_EPUB])
		ret = epub_items_of_brief(t, src, p, items, d);
	xmlFreeDoc(src->doc);
	src->doc = NULL;
	if (ret == 0 && want[RENDER_HTML])
		save_html(t, html, media, &out[RENDER_HTML]);
	if (ret == 0 && want[RENDER_EPUB]) {
		ret = content_items(t, src->path, html, p, beside, items, &content, d);
		packing = ret == 0;
	}
	if (packing)
		task_start(beside, &zip);
	if (MEM_FREE_AT_EXIT || !last)
		xmlFreeDoc(html);
	if (packing)
		task_finish(beside, &zip);
	if (want[RENDER_TEXT] && beside != NULL)
		beside_wait(beside);
	diag_take(d, &epub.said);
	diag_free(&epub.said);
	diag_take(d, &text.said);
	diag_free(&text.said);
	if ((packing && epub.ret != 0) || (want[RENDER_TEXT] && text.ret != 0))
		ret = -1;
	for (i = 0; i < NITEMS; i++)
		buf_free(&items[i]);
	buf_free(&content.raw);
	free(p);
	return ret;
}
