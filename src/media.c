/* media.c - a brief's images: each fileref checked as a path beside the brief, its file
 * opened only once its real path is known to lie there, and known by its first bytes. */
#include "media.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "norm.h"
#include "resolve.h"

#define SVG_NS "http://www.w3.org/2000/svg"

/* How many characters of a fileref a message quotes. */
#define QUOTED_CHARS 100

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

/* The formats an image may have: its media type, its extension in the EPUB, the name
 * a format attribute gives it and how a message names one. */
enum kind { KIND_PNG, KIND_JPEG, KIND_SVG, KIND_NONE };

static const struct {
	const char *type, *ext, *format, *noun;
} kinds[KIND_NONE] = {
	[KIND_PNG] = {"image/png", "png", "PNG", "a PNG"},
	[KIND_JPEG] = {"image/jpeg", "jpg", "JPEG", "a JPEG"},
	[KIND_SVG] = {"image/svg+xml", "svg", "SVG", "an SVG"},
};

/* One run of media_collect. */
struct collect {
	const struct source *src;
	struct media_set *set;
	struct diag *d;
	char *real_dir;     /* the brief's directory, real path; NULL when it has none; owned */
	int dir_errno;      /* why it has none */
	unsigned errors;
};

static void __attribute__((format(printf, 4, 5)))
report(struct collect *c, const xmlNode *node, const char *ref, const char *fmt, ...)
{
	char *shown = norm_excerpt(ref, QUOTED_CHARS), *why;
	unsigned line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	why = mem_vformat(fmt, ap);
	va_end(ap);
	source_locate(c->src, node, &line, &col);
	diag_report(c->d, RULE_IMAGE, c->src->path, line, col, "image \"%s\" %s", shown, why);
	c->errors++;
	free(shown);
	free(why);
}

/* ---- Where the file is ---- */

/* The directory of the brief SRC, which its images are beside: the part of its path
 * before the last '/', else the current directory (standard input's, "<stdin>", too).
 * Caller frees. */
static char *
brief_dir(const struct source *src)
{
	const char *slash = strrchr(src->path, '/');
	char *dir;

	if (slash == NULL)
		return mem_strdup(".");
	if (slash == src->path)
		return mem_strdup("/");
	dir = mem_alloc((size_t)(slash - src->path) + 1);
	memcpy(dir, src->path, (size_t)(slash - src->path));
	dir[slash - src->path] = '\0';
	return dir;
}

/* Does REF begin with a URL's scheme ("https:", "file:", "data:"; RFC 3986, 3.1) or
 * with the "//" of a host? */
static bool
is_url(const char *ref)
{
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t n = strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                       "0123456789+.-");

	if (strncmp(ref, "//", 2) == 0)
		return true;
	return n > 0 && strchr(letters, ref[0]) != NULL && ref[n] == ':';
}

/* The relative path REF with its empty and "." segments dropped and each ".." taking
 * the segment before it away ("images/./a/../chart.png": "images/chart.png"); NULL
 * when a ".." climbs above where REF starts. Caller frees. */
static char *
normalize(const char *ref)
{
	char *out = mem_alloc(strlen(ref) + 1);
	const char *seg;
	size_t len = 0, n;

	for (seg = ref;; seg += n + 1) {
		n = strcspn(seg, "/");
		if (n == 2 && strncmp(seg, "..", 2) == 0) {
			if (len == 0) {
				free(out);
				return NULL;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			len -= len > 0; /* and the '/' before it */
		} else if (n > 0 && !(n == 1 && seg[0] == '.')) {
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, seg, n);
			len += n;
		}
		if (seg[n] == '\0')
			break;
	}
	out[len] = '\0';
	return out;
}

/* The path REF of NODE gives, normalised, if it is one beside the brief; NULL
 * reported otherwise. Caller frees. */
static char *
relative_path(struct collect *c, const xmlNode *node, const char *ref)
{
	char *path;

	if (*ref == '\0') {
		report(c, node, ref, "names no file; give the image's path from the brief's "
		       "directory");
		return NULL;
	}
	if (is_url(ref)) {
		report(c, node, ref, "is a URL; an image is a file beside the brief, not a URL");
		return NULL;
	}
	if (*ref == '/') {
		report(c, node, ref, "is an absolute path; an image is a file beside the "
		       "brief, named by its path from the brief's directory");
		return NULL;
	}
	path = normalize(ref);
	if (path == NULL) {
		report(c, node, ref, "leaves the brief's directory (\"..\"); an image is a "
		       "file beside the brief, in its directory or below");
		return NULL;
	}
	if (*path == '\0') {
		report(c, node, ref, "names the brief's directory, not a file");
		free(path);
		return NULL;
	}
	return path;
}

/* Is REAL, a real path, inside the real directory DIR? */
static bool
inside(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return real[0] == '/' && real[1] != '\0';
	return strncmp(real, dir, n) == 0 && real[n] == '/';
}

/* The real path of PATH (relative to the brief's directory; REF as NODE wrote it), if
 * it leads to something inside that directory: a symbolic link may, but no link may
 * lead out. NULL reported otherwise: then nothing of PATH has been opened. Caller
 * frees. */
static char *
real_path(struct collect *c, const xmlNode *node, const char *ref, const char *path)
{
	char *full, *real;

	if (c->real_dir == NULL) {
		report(c, node, ref, "cannot be opened: the brief's directory: %s",
		       strerror(c->dir_errno));
		return NULL;
	}
	full = mem_alloc(strlen(c->real_dir) + strlen(path) + 2);
	sprintf(full, "%s/%s", c->real_dir, path);
	real = mem_realpath(full);
	if (real == NULL)
		report(c, node, ref, "cannot be opened: %s", strerror(errno));
	else if (!inside(real, c->real_dir)) {
		report(c, node, ref, "leads out of the brief's directory through a symbolic "
		       "link; an image is a file beside the brief, in its directory or below");
		free(real);
		real = NULL;
	}
	free(full);
	return real;
}

/* ---- What the file is ---- */

/* Reads the regular file REAL (a real path: there is no link to follow) into IMAGE.
 * Returns 0, or -1 with WHY (of SIZE) saying what is wrong. */
static int
read_image(const char *real, struct media_image *image, char *why, size_t size)
{
	int fd = open(real, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	size_t got = 0;

	if (fd < 0) {
		snprintf(why, size, "cannot be opened: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0)
		snprintf(why, size, "cannot be read: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(why, size, "is not a regular file%s",
		         S_ISDIR(st.st_mode) ? " (a directory)" : "");
	else if ((uintmax_t)st.st_size > MEDIA_MAX_BYTES)
		snprintf(why, size, "is %jd bytes, larger than the limit of %zu MiB for an "
		         "image", (intmax_t)st.st_size, MEDIA_MAX_BYTES >> 20);
	else
		why[0] = '\0';
	if (why[0] != '\0') {
		close(fd);
		return -1;
	}
	image->data = mem_alloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, image->data + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, size, "cannot be read: %s",
			         n < 0 ? strerror(errno) : "the file shrank while read");
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	image->len = got;
	return 0;
}

static unsigned long
get16be(const unsigned char *p)
{
	return (unsigned long)p[0] << 8 | p[1];
}

static unsigned long
get32be(const unsigned char *p)
{
	return get16be(p) << 16 | get16be(p + 2);
}

/* A PNG's size, from the IHDR chunk that must follow its signature. Returns 0, or -1
 * when there is no sound IHDR (each side 1 to 2^31 - 1 pixels). */
static int
png_size(const unsigned char *p, size_t len, unsigned long *width, unsigned long *height)
{
	if (len < 24 || get32be(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return -1;
	*width = get32be(p + 16);
	*height = get32be(p + 20);
	return *width == 0 || *height == 0 || *width > 0x7fffffff || *height > 0x7fffffff
	       ? -1 : 0;
}

/* A JPEG's size, from its first SOFn marker (JPEG, ITU T.81, B.2), read by stepping
 * from marker to marker after the SOI; left as it is when the data stops first or
 * give none (a height of 0 is set later, by a DNL marker). */
static void
jpeg_size(const unsigned char *p, size_t len, unsigned long *width, unsigned long *height)
{
	size_t i = 2;

	while (i < len && p[i] == 0xff) {
		unsigned m;

		while (i < len && p[i] == 0xff) /* fill bytes */
			i++;
		if (i >= len)
			return;
		m = p[i++];
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8)) /* TEM, RSTn, SOI: no length */
			continue;
		if (m == 0xd9 || m == 0xda || i + 2 > len || get16be(p + i) < 2)
			return; /* EOI, SOS: the frame header would have come */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (get16be(p + i) >= 7 && i + 7 <= len) {
				*height = get16be(p + i + 3);
				*width = get16be(p + i + 5);
			}
			return;
		}
		i += get16be(p + i);
	}
}

/* An SVG length of VALUE in pixels: a plain number or one in px, rounded; 0 for any
 * other unit (%, em, mm: the reader's to settle), none, or a number past 10^8. */
static unsigned long
svg_length(const xmlChar *value)
{
	const char *s = (const char *)value;
	unsigned long n = 0;
	size_t digits = 0;
	bool up = false;

	if (s == NULL)
		return 0;
	s += strspn(s, " \t\r\n");
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (n >= 100000000)
			return 0;
		n = n * 10 + (unsigned long)(*s - '0');
	}
	if (*s == '.') {
		up = s[1] >= '5' && s[1] <= '9';
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	}
	if (digits == 0)
		return 0;
	if (strncmp(s, "px", 2) == 0)
		s += 2;
	s += strspn(s, " \t\r\n");
	return *s == '\0' ? n + up : 0;
}

/* What parsing an SVG found wrong first ("" while nothing). */
struct svg_parse {
	char why[300];
};

static void
on_svg_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct svg_parse *sp = ctxt->_private;
	char line[200];

	if (sp->why[0] != '\0' || err->level < XML_ERR_ERROR)
		return;
	snprintf(sp->why, sizeof(sp->why), "begins as XML but is not well-formed, so it is "
	         "no SVG (its line %d: %s)", err->line,
	         diag_one_line(err->message, "malformed XML", line, sizeof(line)));
}

/* An entity of an SVG would be expanded by whoever shows it (a billion laughs in a
 * reading system): the parse stops at its declaration. */
static void
on_svg_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
              const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct svg_parse *sp = ctxt->_private;

	(void)type, (void)public_id, (void)system_id, (void)content;
	snprintf(sp->why, sizeof(sp->why), "is an SVG whose DOCTYPE declares an entity "
	         "(\"%.40s\"); remove the declarations", (const char *)name);
	xmlStopParser(ctxt);
}

/* Is DATA an SVG: well-formed XML, declaring no entity, whose root is SVG's <svg>?
 * Parsed from memory with no DTD, no entity substitution and no network. Returns 0
 * with its size where its width and height say it, or -1 with WHY (of SIZE). */
static int
svg_check(const char *data, size_t len, unsigned long *width, unsigned long *height,
          char *why, size_t size)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	struct svg_parse sp = {""};
	xmlNodePtr root = NULL;
	xmlDocPtr doc;
	int ret = -1;

	if (ctxt == NULL)
		mem_exhausted();
	ctxt->sax->serror = on_svg_error;
	ctxt->sax->entityDecl = on_svg_entity;
	ctxt->_private = &sp;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc != NULL && sp.why[0] == '\0')
		root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		snprintf(why, size, "%s", sp.why[0] ? sp.why : "begins as XML but is not "
		         "well-formed, so it is no SVG");
	} else if (strcmp((const char *)root->name, "svg") != 0 || root->ns == NULL ||
	           strcmp((const char *)root->ns->href, SVG_NS) != 0) {
		snprintf(why, size, "is XML but no SVG: its root is <%.40s> in %s%.80s%s, not "
		         "<svg xmlns=\"" SVG_NS "\">", (const char *)root->name,
		         root->ns ? "namespace \"" : "no namespace",
		         root->ns ? (const char *)root->ns->href : "", root->ns ? "\"" : "");
	} else {
		xmlChar *w = xmlGetNoNsProp(root, X("width")), *h = xmlGetNoNsProp(root, X("height"));

		*width = svg_length(w);
		*height = svg_length(h);
		xmlFree(w);
		xmlFree(h);
		ret = 0;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return ret;
}

/* Do the LEN bytes at P begin as XML: '<' after a byte order mark and white space,
 * or a UTF-16 byte order mark? */
static bool
looks_like_xml(const unsigned char *p, size_t len)
{
	size_t i = 0;

	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return true;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len && strchr(" \t\r\n", p[i]) != NULL && p[i] != '\0')
		i++;
	return i < len && p[i] == '<';
}

/* The kind of IMAGE's bytes, by what they begin with, and its size where they say
 * it; KIND_NONE with WHY (of SIZE) saying what they are not. */
static enum kind
sniff(struct media_image *image, char *why, size_t size)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	const unsigned char *p = (const unsigned char *)image->data;
	size_t len = image->len;

	if (len >= 8 && memcmp(p, png, 8) == 0) {
		if (png_size(p, len, &image->width, &image->height) == 0)
			return KIND_PNG;
		snprintf(why, size, "is a damaged PNG: no sound IHDR chunk after its signature");
		return KIND_NONE;
	}
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		jpeg_size(p, len, &image->width, &image->height);
		return KIND_JPEG;
	}
	if (looks_like_xml(p, len))
		return svg_check(image->data, len, &image->width, &image->height, why, size) == 0
		       ? KIND_SVG : KIND_NONE;
	snprintf(why, size, "is not a PNG, JPEG or SVG file");
	return KIND_NONE;
}

/* ---- The set ---- */

/* Is a name like NAME, in any case, taken by one of SET's images? (OCF: file names
 * must differ after case folding.) */
static bool
name_taken(const struct media_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcasecmp(set->images[i].name, name) == 0)
			return true;
	return false;
}

/* Is PATH (normalised) a name every reading system takes: segments of [A-Za-z0-9._-],
 * none ending in "." (OCF forbids it)? */
static bool
plain_path(const char *path)
{
	size_t n = strlen(path);

	return strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                    "0123456789._-/") == n &&
	       strstr(path, "./") == NULL && path[n - 1] != '.';
}

/* The name in the EPUB of the image at PATH (normalised), of KIND, when SET holds the
 * images before it: "images/PATH" (PATH less a first "images/": a brief's images are
 * often there already) if PATH is plain and no other image has that name; else
 * "images/image-N.EXT", N its number or, if that is taken, the next number free.
 * Caller frees. */
static char *
container_name(const struct media_set *set, const char *path, enum kind kind)
{
	char *name = mem_alloc(strlen(path) + 64);
	size_t k = set->n + 1;

	if (strncmp(path, "images/", 7) == 0 && path[7] != '\0')
		path += 7;
	sprintf(name, "images/%s", path);
	if (plain_path(path) && !name_taken(set, name))
		return name;
	do
		sprintf(name, "images/image-%zu.%s", k++, kinds[kind].ext);
	while (name_taken(set, name));
	return name;
}

/* The index of the image at REAL in C's set, or MEDIA_NONE. */
static size_t
find_real(const struct collect *c, const char *real)
{
	size_t i;

	for (i = 0; i < c->set->n; i++)
		if (strcmp(c->set->images[i].real, real) == 0)
			return i;
	return MEDIA_NONE;
}

/* Reads the file at REAL (PATH from the brief's directory, REF as NODE wrote it) and
 * adds it to C's set, taking REAL. Returns its index, or MEDIA_NONE reported. */
static size_t
add_image(struct collect *c, const xmlNode *node, const char *ref, const char *path,
          char *real)
{
	struct media_image image = {0};
	struct media_set *set = c->set;
	enum kind kind = KIND_NONE;
	char why[400];

	if (read_image(real, &image, why, sizeof(why)) == 0)
		kind = sniff(&image, why, sizeof(why));
	if (kind == KIND_NONE) {
		report(c, node, ref, "%s", why);
		free(image.data);
		free(real);
		return MEDIA_NONE;
	}
	image.type = kinds[kind].type;
	image.real = real;
	image.name = container_name(set, path, kind);
	set->images = mem_realloc_array(set->images, set->n + 1, sizeof(*set->images));
	set->images[set->n] = image;
	return set->n++;
}

/* The kind a format attribute names (briefc.rng: PNG, JPEG, JPG, SVG); KIND_NONE for
 * none. */
static enum kind
kind_of_format(const char *format)
{
	enum kind k;

	if (strcmp(format, "JPG") == 0)
		return KIND_JPEG;
	for (k = KIND_PNG; k < KIND_NONE; k++)
		if (strcmp(format, kinds[k].format) == 0)
			return k;
	return KIND_NONE;
}

/* The kind of an image of media type TYPE. */
static enum kind
kind_of_type(const char *type)
{
	enum kind k;

	for (k = KIND_PNG; k < KIND_NONE; k++)
		if (strcmp(type, kinds[k].type) == 0)
			break;
	return k;
}

/* The image of the imagedata NODE, whose fileref is REF, added to C's set unless it
 * is there; or MEDIA_NONE reported. */
static size_t
image_of(struct collect *c, const xmlNode *node, const char *ref)
{
	char *path = relative_path(c, node, ref), *real = NULL, *format;
	size_t i = MEDIA_NONE;

	if (path != NULL)
		real = real_path(c, node, ref, path);
	if (real != NULL && (i = find_real(c, real)) != MEDIA_NONE)
		free(real);
	else if (real != NULL)
		i = add_image(c, node, ref, path, real);
	free(path);
	format = (char *)xmlGetNoNsProp(node, X("format"));
	if (i != MEDIA_NONE && format != NULL) {
		enum kind is = kind_of_type(c->set->images[i].type);

		if (kind_of_format(format) != is) {
			report(c, node, ref, "is %s file, but its format says %s; correct the "
			       "format or leave it out", kinds[is].noun, format);
			i = MEDIA_NONE;
		}
	}
	xmlFree(format);
	return i;
}

unsigned
media_collect(const struct source *src, struct media_set *set, struct diag *d)
{
	struct collect c = {src, set, d, NULL, 0, 0};
	xmlNodePtr root = xmlDocGetRootElement(src->doc), n;
	char *dir = brief_dir(src);

	c.real_dir = mem_realpath(dir);
	c.dir_errno = errno;
	free(dir);
	for (n = root; n != NULL; n = source_next(n, root)) {
		xmlChar *ref;

		if (!source_is(n, "imagedata"))
			continue;
		ref = xmlGetNoNsProp(n, X("fileref"));
		set->uses = mem_realloc_array(set->uses, set->nuses + 1, sizeof(*set->uses));
		set->uses[set->nuses++] = image_of(&c, n, ref ? (const char *)ref : "");
		xmlFree(ref);
	}
	free(c.real_dir);
	return c.errors;
}

/* Sets NODE's attribute NS:NAME to the number V, unless it is 0 (unknown). */
static void
set_number(xmlNodePtr node, xmlNsPtr ns, const char *name, unsigned long v)
{
	char text[32];

	if (v == 0)
		return;
	snprintf(text, sizeof(text), "%lu", v);
	xmlSetNsProp(node, ns, X(name), X(text));
}

void
media_annotate(const struct media_set *set, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	xmlNsPtr ns;
	size_t use = 0;

	if (root == NULL || set->nuses == 0)
		return;
	/* resolve_annotate has declared the namespace on the root, most likely. */
	ns = xmlSearchNsByHref(doc, root, X(RESOLVED_NS));
	if (ns == NULL)
		ns = xmlNewNs(root, X(RESOLVED_NS), X("brf"));
	for (n = root; n != NULL && use < set->nuses; n = source_next(n, root)) {
		const struct media_image *image;

		if (!source_is(n, "imagedata") || set->uses[use++] == MEDIA_NONE)
			continue;
		image = &set->images[set->uses[use - 1]];
		xmlSetNsProp(n, ns, X("src"), X(image->name));
		xmlSetNsProp(n, ns, X("type"), X(image->type));
		set_number(n, ns, "width", image->width);
		set_number(n, ns, "height", image->height);
	}
}

const struct media_image *
media_find(const struct media_set *set, const char *name)
{
	size_t i;

	for (i = 0; set != NULL && i < set->n; i++)
		if (strcmp(set->images[i].name, name) == 0)
			return &set->images[i];
	return NULL;
}

void
media_base64(const void *data, size_t len, struct buf *out)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                             "0123456789+/";
	const unsigned char *p = data;
	char chunk[4096];
	size_t i, n = 0;

	for (i = 0; i < len; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;

		if (i + 1 < len)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		chunk[n++] = digits[v >> 18 & 63];
		chunk[n++] = digits[v >> 12 & 63];
		chunk[n++] = i + 1 < len ? digits[v >> 6 & 63] : '=';
		chunk[n++] = i + 2 < len ? digits[v & 63] : '=';
		if (n == sizeof(chunk)) {
			buf_append(out, chunk, n);
			n = 0;
		}
	}
	buf_append(out, chunk, n);
}

void
media_data_uri(const struct media_image *image, struct buf *out)
{
	buf_printf(out, "data:%s;base64,", image->type);
	media_base64(image->data, image->len, out);
}

void
media_free(struct media_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->images[i].name);
		free(set->images[i].data);
		free(set->images[i].real);
	}
	free(set->images);
	free(set->uses);
	memset(set, 0, sizeof(*set));
}
