/* transform.c - XSLT: compile each of briefc's stylesheets once, run it under a
 * security policy with string parameters, and carry libxslt's messages to diag. */
#include "transform.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "mem.h"
#include "source.h"

static const char *const sheets[SHEET__COUNT] = {
	[SHEET_HTML] = "html.xsl",
	[SHEET_TEXT] = "text.xsl",
	[SHEET_EPUB_NAV] = "epub-nav.xsl",
	[SHEET_EPUB_PACKAGE] = "epub-package.xsl",
	[SHEET_EPUB_CSS] = "epub-css.xsl",
	[SHEET_IMPORT_DOCX] = "import-docx.xsl",
	[SHEET_INDEX] = "index.xsl",
};

struct transform {
	char *dir;                            /* owned */
	xsltStylesheetPtr styles[SHEET__COUNT]; /* owned, under LOCK; NULL until first use */
	bool compiling[SHEET__COUNT];         /* under LOCK: a thread is compiling it */
	pthread_mutex_t lock;
	pthread_cond_t compiled;              /* a compile has ended */
	xsltSecurityPrefsPtr prefs;           /* owned */
};

/* libxslt prints messages in pieces through a printf-style hook, libxml2 (parsing a
 * stylesheet, evaluating XPath) through the structured one: collect the pieces, report
 * the structured errors at their own place, then each collected line as one
 * diagnostic. Either hook serves the thread that set it: libxml2 keeps the structured
 * one per thread; libxslt has one printf-style hook for the process, so briefc sets it
 * once and each thread has a collector of its own. */
struct messages {
	struct diag *d;
	const char *file; /* what collected lines are reported against */
	char *buf;
	size_t len;
	unsigned count;   /* diagnostics reported */
};

/* This thread's collector (NULL: none yet). */
static _Thread_local struct messages *collector;

static void
collect_message(void *ctx, const char *fmt, ...)
{
	struct messages *m = collector;
	va_list ap;
	int n;

	(void)ctx;
	if (m == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	m->buf = mem_realloc_array(m->buf, m->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(m->buf + m->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	m->len += (size_t)n;
}

static void
collect_structured(void *ctx, xmlErrorPtr err)
{
	struct messages *m = ctx;
	char msg[512];

	diag_report(m->d, RULE_XSLT, err->file ? err->file : m->file,
	            err->line > 0 ? (unsigned)err->line : 0, err->int2 > 0 ? (unsigned)err->int2 : 0,
	            "%s", diag_one_line(err->message, "error", msg, sizeof(msg)));
	m->count++;
}

static void
messages_begin(struct messages *m, const char *file, struct diag *d)
{
	m->d = d;
	m->file = file;
	m->buf = NULL;
	m->len = 0;
	m->count = 0;
	collector = m;
	xmlSetStructuredErrorFunc(m, collect_structured);
}

/* libxslt announces a message's place on a line of its own ("compilation error: file
 * F line N element E", likewise "runtime error"); the bare "error" says nothing. Returns
 * 1 and sets *LINE (0 if unknown) for such a line. */
static int
context_line(const char *text, unsigned *line)
{
	const char *at;

	*line = 0;
	if (strcmp(text, "error") == 0)
		return 1;
	if (strncmp(text, "compilation error: ", 19) != 0 &&
	    strncmp(text, "runtime error: ", 15) != 0)
		return 0;
	at = strstr(text, " line ");
	if (at != NULL)
		*line = (unsigned)strtoul(at + 6, NULL, 10);
	return 1;
}

/* Reports every collected line, at the place its context line gave; returns how many
 * diagnostics there were in all. */
static unsigned
messages_end(struct messages *m)
{
	char *text, *save = NULL;
	unsigned line = 0;

	collector = NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (m->buf == NULL)
		return m->count;
	for (text = strtok_r(m->buf, "\n", &save); text != NULL;
	     text = strtok_r(NULL, "\n", &save)) {
		if (context_line(text, &line))
			continue;
		diag_report(m->d, RULE_XSLT, m->file, line, 0, "%s", text);
		m->count++;
		line = 0;
	}
	free(m->buf);
	m->buf = NULL;
	return m->count;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
transform_default_dir(void)
{
	static const char *const candidates[] = {"/../xsl", "/../share/briefc/xsl"};
	char exe[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", exe, candidates[i]);
		if (is_dir(path))
			return mem_realpath(path);
	}
	return NULL;
}

static xsltSecurityPrefsPtr
forbid_everything(void)
{
	xsltSecurityPrefsPtr prefs = xsltNewSecurityPrefs();

	if (prefs == NULL)
		abort();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	return prefs;
}

struct transform *
transform_new(const char *xsl_dir, struct diag *d)
{
	struct transform *t;

	if (!is_dir(xsl_dir)) {
		diag_report(d, RULE_IO, xsl_dir, 0, 0,
		            "stylesheet directory not found (use --xsl-dir)");
		return NULL;
	}
	/* Process-wide set-up, before a second thread uses the libraries. No stylesheet
	 * of briefc's uses EXSLT: its extensions are not registered, so libexslt (and
	 * the libgcrypt it brings) is not loaded, and exsl:document cannot write. */
	xmlInitParser();
	xsltSetGenericErrorFunc(NULL, collect_message);
	t = mem_alloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->dir = mem_realpath(xsl_dir);
	if (t->dir == NULL)
		t->dir = mem_strdup(xsl_dir);
	t->prefs = forbid_everything();
	if (pthread_mutex_init(&t->lock, NULL) != 0 || pthread_cond_init(&t->compiled, NULL) != 0)
		abort();
	source_restrict_loads(t->dir);
	return t;
}

void
transform_free(struct transform *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < SHEET__COUNT; i++)
		xsltFreeStylesheet(t->styles[i]);
	xsltFreeSecurityPrefs(t->prefs);
	pthread_cond_destroy(&t->compiled);
	pthread_mutex_destroy(&t->lock);
	free(t->dir);
	free(t);
	xsltSetGenericErrorFunc(NULL, NULL);
	/* With its stylesheets gone, nothing may be loaded from their directory. */
	source_restrict_loads(NULL);
}

/* Compiles SHEET into T, reporting to D. Returns it, or NULL. */
static xsltStylesheetPtr
compile(const struct transform *t, enum transform_sheet sheet, struct diag *d)
{
	char path[PATH_MAX];
	struct messages m;
	xsltStylesheetPtr style;

	snprintf(path, sizeof(path), "%s/%s", t->dir, sheets[sheet]);
	messages_begin(&m, path, d);
	style = xsltParseStylesheetFile((const xmlChar *)path);
	if (messages_end(&m) > 0 || style == NULL || style->errors > 0) {
		diag_report(d, RULE_XSLT, path, 0, 0, "stylesheet does not compile");
		xsltFreeStylesheet(style);
		return NULL;
	}
	return style;
}

/* SHEET, compiled now unless it is, or another thread is compiling it (then waited
 * for); with WAIT false, NULL rather than waiting. Returns NULL, reported to D, if it
 * does not compile. */
static xsltStylesheetPtr
stylesheet_or_wait(struct transform *t, enum transform_sheet sheet, bool wait,
                   struct diag *d)
{
	xsltStylesheetPtr style;

	pthread_mutex_lock(&t->lock);
	while (wait && t->compiling[sheet])
		pthread_cond_wait(&t->compiled, &t->lock);
	style = t->styles[sheet];
	if (style != NULL || t->compiling[sheet]) {
		pthread_mutex_unlock(&t->lock);
		return style;
	}
	t->compiling[sheet] = true;
	pthread_mutex_unlock(&t->lock);
	style = compile(t, sheet, d);
	pthread_mutex_lock(&t->lock);
	t->styles[sheet] = style;
	t->compiling[sheet] = false;
	pthread_cond_broadcast(&t->compiled);
	pthread_mutex_unlock(&t->lock);
	return style;
}

static xsltStylesheetPtr
stylesheet(struct transform *t, enum transform_sheet sheet, struct diag *d)
{
	return stylesheet_or_wait(t, sheet, true, d);
}

void
transform_warm(struct transform *t, enum transform_sheet sheet)
{
	struct diag quiet;

	diag_init(&quiet, NULL);
	stylesheet_or_wait(t, sheet, false, &quiet);
	diag_clear(&quiet);
	diag_free(&quiet);
}

/* VALUE as an XPath expression that yields it: a string literal in the quotation mark
 * it does not hold; holding both, concat() of its pieces between apostrophes and "'"
 * (XPath 1.0 has no escape in a literal). Caller frees. */
static char *
xpath_string(const char *value)
{
	struct buf b = {0};
	const char *p, *q;

	if (strchr(value, '\'') == NULL || strchr(value, '"') == NULL) {
		char mark = strchr(value, '\'') == NULL ? '\'' : '"';

		buf_printf(&b, "%c%s%c", mark, value, mark);
		return b.data;
	}
	buf_puts(&b, "concat(");
	for (p = value; (q = strchr(p, '\'')) != NULL; p = q + 1)
		buf_printf(&b, "'%.*s', \"'\", ", (int)(q - p), p);
	buf_printf(&b, "'%s')", p);
	return b.data;
}

/* PARAMS (name, value, ..., NULL) as libxslt takes them: each value an XPath
 * expression yielding it. Returns a NULL-terminated array to free with free_params. */
static const char **
quote_params(const char *const *params)
{
	size_t i, n = 0;
	const char **q;

	while (params != NULL && params[n] != NULL)
		n++;
	q = mem_realloc_array(NULL, n + 1, sizeof(*q));
	for (i = 0; i < n; i++)
		q[i] = i % 2 == 0 ? mem_strdup(params[i]) : xpath_string(params[i]);
	q[n] = NULL;
	return q;
}

static void
free_params(const char **q)
{
	size_t i;

	for (i = 0; q[i] != NULL; i++)
		free((char *)q[i]);
	free(q);
}

/* A run of one stylesheet over one document, set up and not yet run. */
struct transform_run {
	enum transform_sheet sheet;
	xsltStylesheetPtr style;
	xsltTransformContextPtr ctxt;  /* owned */
	xmlDocPtr doc;
};

struct transform_run *
transform_ready(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                struct diag *d)
{
	xsltStylesheetPtr style = stylesheet(t, sheet, d);
	struct transform_run *r;

	if (style == NULL)
		return NULL;
	r = mem_alloc(sizeof(*r));
	r->sheet = sheet;
	r->style = style;
	r->doc = doc;
	/* The context numbers DOC's elements for XPath's document order; the white space
	 * goes now too, so that the run only reads DOC (and finds none left to strip). */
	r->ctxt = xsltNewTransformContext(style, doc);
	if (r->ctxt == NULL)
		abort();
	xsltSetCtxtSecurityPrefs(t->prefs, r->ctxt);
	if (xsltNeedElemSpaceHandling(r->ctxt))
		xsltApplyStripSpaces(r->ctxt, xmlDocGetRootElement(doc));
	return r;
}

static void
run_free(struct transform_run *r)
{
	xsltFreeTransformContext(r->ctxt);
	free(r);
}

xmlDocPtr
transform_go(struct transform_run *r, const char *file, const char *const *params,
             struct diag *d)
{
	xmlDocPtr result;
	struct messages m;
	const char **quoted = quote_params(params);
	bool failed;

	messages_begin(&m, file, d);
	result = xsltApplyStylesheetUser(r->style, r->doc, quoted, NULL, NULL, r->ctxt);
	free_params(quoted);
	failed = result == NULL || r->ctxt->state != XSLT_STATE_OK;
	if (messages_end(&m) > 0)
		failed = true;
	else if (failed)
		diag_report(d, RULE_XSLT, file, 0, 0, "the %s stylesheet failed", sheets[r->sheet]);
	run_free(r);
	if (failed) {
		xmlFreeDoc(result);
		return NULL;
	}
	return result;
}

xmlDocPtr
transform_apply(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                const char *file, const char *const *params, struct diag *d)
{
	struct transform_run *r = transform_ready(t, sheet, doc, d);

	return r ? transform_go(r, file, params, d) : NULL;
}

void
transform_save(struct transform *t, enum transform_sheet sheet, xmlDocPtr result,
               struct buf *out)
{
	xmlOutputBufferPtr o = buf_xml_output(out);

	buf_append(out, "", 0); /* an empty output too is a string */
	xsltSaveResultTo(o, result, t->styles[sheet]);
	buf_xml_close(o);
}

int
transform_run(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
              const char *file, const char *const *params, struct buf *out,
              struct diag *d)
{
	xmlDocPtr result = transform_apply(t, sheet, doc, file, params, d);

	if (result == NULL)
		return -1;
	transform_save(t, sheet, result, out);
	xmlFreeDoc(result);
	return 0;
}

/* Calls EACH with the path of STYLE's document, of every document it includes and,
 * depth first, of the stylesheets it imports. */
static void
style_files(const xsltStylesheet *style, void (*each)(const char *path, void *arg),
            void *arg)
{
	const xsltDocument *inc;
	const xsltStylesheet *imp;

	if (style->doc != NULL && style->doc->URL != NULL)
		each((const char *)style->doc->URL, arg);
	for (inc = style->docList; inc != NULL; inc = inc->next)
		if (inc->doc != NULL && inc->doc->URL != NULL)
			each((const char *)inc->doc->URL, arg);
	for (imp = style->imports; imp != NULL; imp = imp->next)
		style_files(imp, each, arg);
}

int
transform_files(struct transform *t, enum transform_sheet sheet,
                void (*each)(const char *path, void *arg), void *arg, struct diag *d)
{
	xsltStylesheetPtr style = stylesheet(t, sheet, d);

	if (style == NULL)
		return -1;
	style_files(style, each, arg);
	return 0;
}
