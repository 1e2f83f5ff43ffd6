/* render.h - outputs: each format (html, epub, text) as the stylesheets it runs and the
 * C that finishes it (the text setter, the EPUB container), stamped with one time. */
#ifndef BRIEFC_RENDER_H
#define BRIEFC_RENDER_H

#include <stdbool.h>
#include <time.h>

#include "diag.h"
#include "media.h"
#include "mem.h"
#include "source.h"
#include "transform.h"

enum render_format { RENDER_HTML, RENDER_EPUB, RENDER_TEXT, RENDER__COUNT };

/* Sets *FORMAT to the format named NAME ("html", "epub", "text"); returns 0, or -1. */
int render_format_by_name(const char *name, enum render_format *format);

const char *render_format_name(enum render_format format);

/* The file name extension of FORMAT's output, with its dot. */
const char *render_extension(enum render_format format);

/* The most stylesheets one format runs. */
#define RENDER_MAX_SHEETS 5

/* Sets SHEETS to the stylesheets FORMAT runs (for a depfile); returns how many. */
size_t render_sheets(enum render_format format, enum transform_sheet sheets[RENDER_MAX_SHEETS]);

/* Checks a parameter the user gives (--param NAME=VALUE) against those a build takes:
 * notes=endnotes|footnotes (the stylesheets'), citations=as-written|chicago (the
 * house style's). Returns 0;
 * or -1 with WHY (of SIZE bytes) naming the valid names or values. */
int render_param_check(const char *name, const char *value, char *why, size_t size);

/* The time an output without one of its own is stamped with, when neither
 * SOURCE_DATE_EPOCH nor the brief gives one: 1980-01-01T00:00:00Z, the earliest a zip
 * entry can record. */
#define RENDER_DEFAULT_TIME ((time_t)315532800)

/* The latest time an output can record: 9999-12-31T23:59:59Z. */
#define RENDER_LAST_TIME ((time_t)253402300799)

/* Sets *STAMP to the time SRC's outputs record: EPOCH (the value of SOURCE_DATE_EPOCH,
 * when not NULL: seconds since 1970), else the brief's <pubdate> (YYYY[-MM[-DD]]),
 * else RENDER_DEFAULT_TIME; never the clock. Returns 0, or -1 when EPOCH is not a
 * number of seconds from 0 to RENDER_LAST_TIME. */
int render_time(const struct source *src, const char *epoch, time_t *stamp);

struct render_beside;

/* A thread that makes the text of briefs beside the rest of each (a brief built alone,
 * or briefs built one after another): it starts at once and compiles text.xsl and,
 * if WANT holds EPUB, the EPUB's stylesheets but html.xsl (those whenever it has no
 * text to make), beside whatever the caller does before the first brief is ready (the
 * schema, html.xsl), makes each text render gives it, and zips the brief's EPUB if it
 * is free before the caller is. T is shared: while the thread lives, the caller runs
 * T's other stylesheets and sets up text.xsl's runs, never runs text.xsl. Returns
 * NULL if no thread starts (render then makes the text itself). */
struct render_beside *render_beside_new(struct transform *t, const bool want[RENDER__COUNT]);

/* Ends B's thread (NULL: none); no render may be using it. */
void render_beside_free(struct render_beside *b);

/* Leaves B (NULL: none) to the process's exit, which ends it: a thread waiting with
 * nothing to do is not woken only to be joined (on this project's 2-vCPU machine
 * that took a build of the article 0.26 ms); one still compiling is ended as
 * render_beside_free does, so that no thread of B's uses the libraries while the
 * process ends. No render may be using B, nor any after; only render_beside_free
 * may still end a B left waiting. */
void render_beside_leave(struct render_beside *b);

/* Renders the valid, resolved and annotated SRC (resolve_annotate, media_annotate),
 * whose images are MEDIA (NULL: none), in every format WANT holds, appending each to
 * OUT[format], with T's stylesheets, the user's string PARAMS (name, value, ..., NULL;
 * may be NULL) and STAMP. HTML and EPUB share one run of html.xsl: the EPUB packs the
 * images beside its content, the HTML embeds them (data: URIs). With BESIDE the text
 * is made on that thread beside them; with NULL on this one (a worker among others
 * that keep the cores busy). The bytes are the same either way. SRC's tree is freed
 * (and its doc NULL) as soon as the stylesheets are done with it. LAST: the process
 * ends once OUT is written, and the HTML's tree, the last, is left to that end
 * (unless MEM_FREE_AT_EXIT), which takes it back at once where freeing it node by node
 * took a tenth of a second at 1,000 copies of the article. Returns 0, or -1 reported
 * to D (OUT then holds what was made before the failure). */
int render(struct transform *t, const bool want[RENDER__COUNT], struct source *src,
           const struct media_set *media, const char *const *params, time_t stamp,
           struct render_beside *beside, bool last, struct buf out[RENDER__COUNT],
           struct diag *d);

#endif
