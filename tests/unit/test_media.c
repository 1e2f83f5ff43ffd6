/* test_media.c - a brief's images: PNG, JPEG and SVG known by their bytes, with their
 * sizes; every refusal with its exact message; one image for one file however it is
 * named; the names in the EPUB; the annotations; base64 (RFC 4648's vectors). */
#include "unit.h"

#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "media.h"
#include "resolve.h"

#define HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author></info>\n"

/* One imagedata a line, from line 4; its '<' is at column 27. */
#define IMAGE(attrs) \
	"<mediaobject><imageobject><imagedata " attrs "/></imageobject></mediaobject>\n"

/* A brief in a directory of its own, with the files it names, and what collecting
 * its images made of it. */
struct brief {
	char *dir;
	char *path;
	struct unit_capture c;
	struct source src;
	struct media_set set;
	unsigned errors;
	char *said;        /* what was reported, the brief's path taken out; owned */
};

static void
brief_open(struct brief *b)
{
	memset(b, 0, sizeof(*b));
	b->dir = unit_tempdir();
	unit_capture_init(&b->c);
}

/* Writes the file NAME of B's directory with the LEN bytes of DATA. */
static void
brief_file(struct brief *b, const char *name, const void *data, size_t len)
{
	free(unit_write(b->dir, name, data, len));
}

/* A copy of the repository's tests/model/images/FILE as NAME in B's directory. */
static void
brief_copy(struct brief *b, const char *file, const char *name)
{
	char rel[128], *from, *bytes;
	size_t len;

	snprintf(rel, sizeof(rel), "tests/model/images/%s", file);
	from = unit_repo_path(rel);
	bytes = unit_slurp(from, &len);
	brief_file(b, name, bytes, len);
	free(bytes);
	free(from);
}

/* The path of NAME in B's directory; caller frees. */
static char *
brief_at(const struct brief *b, const char *name)
{
	char *path = malloc(strlen(b->dir) + strlen(name) + 2);

	assert_non_null(path);
	sprintf(path, "%s/%s", b->dir, name);
	return path;
}

/* B's brief made of HEAD, BODY and the article's end, loaded and its images collected;
 * B->said is what that reported, each line's "PATH:" dropped. */
static void
brief_collect(struct brief *b, const char *body)
{
	char *text = malloc(strlen(HEAD) + strlen(body) + 16), *p;
	const char *all;
	size_t n;

	assert_non_null(text);
	sprintf(text, "%s%s</article>\n", HEAD, body);
	b->path = unit_write(b->dir, "brief.xml", text, strlen(text));
	free(text);
	assert_int_equal(source_load(&b->src, b->path, SOURCE_MAX_BYTES, &b->c.d), SOURCE_OK);
	b->errors = media_collect(&b->src, &b->set, &b->c.d);
	all = unit_capture_text(&b->c);
	b->said = calloc(1, strlen(all ? all : "") + 1);
	assert_non_null(b->said);
	n = strlen(b->path);
	for (p = b->said; all != NULL && *all != '\0';) {
		if (strncmp(all, b->path, n) == 0 && all[n] == ':')
			all += n + 1;
		while (*all != '\0' && *all != '\n')
			*p++ = *all++;
		if (*all == '\n')
			*p++ = *all++;
	}
}

static void
brief_close(struct brief *b)
{
	media_free(&b->set);
	source_free(&b->src);
	unit_capture_free(&b->c);
	unit_rmtree(b->dir);
	free(b->dir);
	free(b->path);
	free(b->said);
}

/* The Nth (0-based) imagedata of B's brief. */
static xmlNodePtr
imagedata(const struct brief *b, int nth)
{
	xmlNodePtr root = xmlDocGetRootElement(b->src.doc), n;

	for (n = root; n != NULL; n = source_next(n, root))
		if (source_is(n, "imagedata") && nth-- == 0)
			return n;
	fail_msg("no imagedata %d", nth);
	return NULL;
}

/* The brf:NAME of the Nth imagedata, or "" (caller frees). */
static char *
brf(const struct brief *b, int nth, const char *name)
{
	xmlChar *v = xmlGetNsProp(imagedata(b, nth), (const xmlChar *)name,
	                          (const xmlChar *)RESOLVED_NS);
	char *out = strdup(v ? (const char *)v : "");

	xmlFree(v);
	return out;
}

static void
assert_brf(const struct brief *b, int nth, const char *name, const char *want)
{
	char *got = brf(b, nth, name);

	if (strcmp(got, want) != 0)
		fail_msg("imagedata %d: brf:%s is \"%s\", wanted \"%s\"", nth, name, got, want);
	free(got);
}

/* A PNG's first 33 bytes: signature and IHDR of W x H (the CRC left 0: not read). */
static void
png_head(unsigned char out[33], unsigned long w, unsigned long h)
{
	static const unsigned char head[16] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	                                       0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	int i;

	memset(out, 0, 33);
	memcpy(out, head, 16);
	for (i = 0; i < 4; i++) {
		out[16 + i] = (unsigned char)(w >> (24 - 8 * i));
		out[20 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	out[24] = 8; /* bit depth */
}

static void
test_png_jpeg_svg_and_their_sizes(void **state)
{
	static const char wide_svg[] =
		"<?xml version=\"1.0\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\" 80.5px \" height=\"10.4\"/>";
	static const char relative_svg[] =
		"\xef\xbb\xbf  <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50%\" height=\"2em\">"
		"<rect width=\"1\" height=\"1\"/></svg>";
	static const char doctype_svg[] =
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
		"\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1e3\" height=\"-4\"/>";
	/* SOI, APP0, DHT (0xc4, no frame), fill bytes, SOF2 (progressive): 160 x 100. */
	static const unsigned char jpeg[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc4, 0x00, 0x03, 0x00,
		0xff, 0xff, 0xc2, 0x00, 0x0b, 0x08, 0x00, 0x64, 0x00, 0xa0, 0x01, 0x01, 0x11,
		0x00, 0xff, 0xd9,
	};
	/* A JPEG that stops before any frame header: a JPEG of unknown size. */
	static const unsigned char cut_jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a};
	unsigned char png[33];
	struct brief b;

	(void)state;
	brief_open(&b);
	brief_copy(&b, "chart.png", "chart.png");
	brief_copy(&b, "photo.jpg", "photo.jpg");
	brief_copy(&b, "diagram.svg", "diagram.svg");
	png_head(png, 0x7fffffff, 1);
	brief_file(&b, "huge.png", png, sizeof(png));
	brief_file(&b, "sof2.jpg", jpeg, sizeof(jpeg));
	brief_file(&b, "cut.jpg", cut_jpeg, sizeof(cut_jpeg));
	brief_file(&b, "wide.svg", wide_svg, strlen(wide_svg));
	brief_file(&b, "relative.svg", relative_svg, strlen(relative_svg));
	brief_file(&b, "doctype.svg", doctype_svg, strlen(doctype_svg));
	brief_collect(&b,
		IMAGE("fileref=\"chart.png\" format=\"PNG\"")
		IMAGE("fileref=\"photo.jpg\" format=\"JPG\"")
		IMAGE("fileref=\"diagram.svg\" format=\"SVG\"")
		IMAGE("fileref=\"huge.png\"")
		IMAGE("fileref=\"sof2.jpg\" format=\"JPEG\"")
		IMAGE("fileref=\"cut.jpg\"")
		IMAGE("fileref=\"wide.svg\"")
		IMAGE("fileref=\"relative.svg\"")
		IMAGE("fileref=\"doctype.svg\""));
	assert_string_equal(b.said, "");
	assert_int_equal(b.errors, 0);
	assert_int_equal(b.set.n, 9);
	assert_int_equal(b.set.nuses, 9);
	{
		static const struct {
			const char *type;
			unsigned long width, height;
		} want[] = {
			{"image/png", 240, 120}, {"image/jpeg", 160, 100},
			{"image/svg+xml", 200, 80}, {"image/png", 0x7fffffff, 1},
			{"image/jpeg", 160, 100}, {"image/jpeg", 0, 0},
			{"image/svg+xml", 81, 10}, {"image/svg+xml", 0, 0},
			{"image/svg+xml", 0, 0},
		};
		size_t i;

		for (i = 0; i < 9; i++) {
			assert_int_equal(b.set.uses[i], i);
			assert_string_equal(b.set.images[i].type, want[i].type);
			assert_int_equal(b.set.images[i].width, want[i].width);
			assert_int_equal(b.set.images[i].height, want[i].height);
		}
	}
	assert_int_equal(b.set.images[0].len, 131);
	assert_int_equal(b.set.images[2].len, 433);
	brief_close(&b);
}

/* Each refusal, at its imagedata, in its words. */
static void
test_refusals(void **state)
{
	static const char text[] = "Not an image, whatever its name says.\n";
	static const char html[] = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>";
	static const char bare_svg[] = "<svg width=\"1\" height=\"1\"/>";
	static const char broken_svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>";
	static const char entity_svg[] =
		"<!DOCTYPE svg [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol2;</text></svg>";
	static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
	                                               0x1a, '\n'};
	unsigned char zero_png[33];
	struct brief b;
	char *big, *fifo;

	(void)state;
	brief_open(&b);
	brief_copy(&b, "chart.png", "chart.png");
	brief_file(&b, "notes.png", text, strlen(text));
	brief_file(&b, "page.svg", html, strlen(html));
	brief_file(&b, "bare.svg", bare_svg, strlen(bare_svg));
	brief_file(&b, "broken.svg", broken_svg, strlen(broken_svg));
	brief_file(&b, "lol.svg", entity_svg, strlen(entity_svg));
	brief_file(&b, "signature.png", png_signature, sizeof(png_signature));
	png_head(zero_png, 0, 10);
	brief_file(&b, "zero.png", zero_png, sizeof(zero_png));
	big = unit_write(b.dir, "big.png", "", 0);
	assert_int_equal(truncate(big, (off_t)MEDIA_MAX_BYTES + 1), 0);
	fifo = brief_at(&b, "pipe.png");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	brief_collect(&b,
		IMAGE("fileref=\"images/none.png\"")                      /* 4 */
		IMAGE("fileref=\"notes.png\"")
		IMAGE("fileref=\"https://example.org/chart.png\"")
		IMAGE("fileref=\"file:///etc/passwd\"")
		IMAGE("fileref=\"//example.org/chart.png\"")
		IMAGE("fileref=\"/etc/passwd\"")                          /* 9 */
		IMAGE("fileref=\"../chart.png\"")
		IMAGE("fileref=\"a/../../chart.png\"")
		IMAGE("fileref=\"chart.png\" format=\"JPEG\"")
		IMAGE("fileref=\"chart.png\" format=\"SVG\"")
		IMAGE("fileref=\"\"")                                     /* 14 */
		IMAGE("fileref=\"./\"")
		IMAGE("fileref=\"big.png\"")
		IMAGE("fileref=\"pipe.png\"")
		IMAGE("fileref=\"page.svg\"")
		IMAGE("fileref=\"bare.svg\"")                             /* 19 */
		IMAGE("fileref=\"broken.svg\"")
		IMAGE("fileref=\"lol.svg\"")
		IMAGE("fileref=\"signature.png\"")
		IMAGE("fileref=\"zero.png\"")
		IMAGE("fileref=\"chart.png/x.png\""));                    /* 24 */
	assert_string_equal(b.said,
		"4:27: error: image \"images/none.png\" cannot be opened: No such file or directory [image]\n"
		"5:27: error: image \"notes.png\" is not a PNG, JPEG or SVG file [image]\n"
		"6:27: error: image \"https://example.org/chart.png\" is a URL; an image is a file beside the brief, not a URL [image]\n"
		"7:27: error: image \"file:///etc/passwd\" is a URL; an image is a file beside the brief, not a URL [image]\n"
		"8:27: error: image \"//example.org/chart.png\" is a URL; an image is a file beside the brief, not a URL [image]\n"
		"9:27: error: image \"/etc/passwd\" is an absolute path; an image is a file beside the brief, named by its path from the brief's directory [image]\n"
		"10:27: error: image \"../chart.png\" leaves the brief's directory (\"..\"); an image is a file beside the brief, in its directory or below [image]\n"
		"11:27: error: image \"a/../../chart.png\" leaves the brief's directory (\"..\"); an image is a file beside the brief, in its directory or below [image]\n"
		"12:27: error: image \"chart.png\" is a PNG file, but its format says JPEG; correct the format or leave it out [image]\n"
		"13:27: error: image \"chart.png\" is a PNG file, but its format says SVG; correct the format or leave it out [image]\n"
		"14:27: error: image \"\" names no file; give the image's path from the brief's directory [image]\n"
		"15:27: error: image \"./\" names the brief's directory, not a file [image]\n"
		"16:27: error: image \"big.png\" is 16777217 bytes, larger than the limit of 16 MiB for an image [image]\n"
		"17:27: error: image \"pipe.png\" is not a regular file [image]\n"
		"18:27: error: image \"page.svg\" is XML but no SVG: its root is <html> in namespace \"http://www.w3.org/1999/xhtml\", not <svg xmlns=\"http://www.w3.org/2000/svg\"> [image]\n"
		"19:27: error: image \"bare.svg\" is XML but no SVG: its root is <svg> in no namespace, not <svg xmlns=\"http://www.w3.org/2000/svg\"> [image]\n"
		"20:27: error: image \"broken.svg\" begins as XML but is not well-formed, so it is no SVG (its line 1: Opening and ending tag mismatch: g line 1 and svg) [image]\n"
		"21:27: error: image \"lol.svg\" is an SVG whose DOCTYPE declares an entity (\"lol\"); remove the declarations [image]\n"
		"22:27: error: image \"signature.png\" is a damaged PNG: no sound IHDR chunk after its signature [image]\n"
		"23:27: error: image \"zero.png\" is a damaged PNG: no sound IHDR chunk after its signature [image]\n"
		"24:27: error: image \"chart.png/x.png\" cannot be opened: Not a directory [image]\n");
	assert_int_equal(b.errors, 21);
	/* Only chart.png is an image; the uses in error have none. */
	assert_int_equal(b.set.n, 1);
	assert_int_equal(b.set.nuses, 21);
	assert_int_equal(b.set.uses[0], MEDIA_NONE);
	assert_int_equal(b.set.uses[8], MEDIA_NONE);
	free(big);
	free(fifo);
	brief_close(&b);
}

/* A directory named as an image, and a brief whose directory is unreadable to its
 * owner (as root is never refused, only when not root). */
static void
test_directory_and_permissions(void **state)
{
	struct brief b;
	char *sub, *secret;

	(void)state;
	brief_open(&b);
	sub = brief_at(&b, "images");
	assert_int_equal(mkdir(sub, 0700), 0);
	secret = unit_write(b.dir, "secret.png", "x", 1);
	assert_int_equal(chmod(secret, 0), 0);
	brief_collect(&b,
		IMAGE("fileref=\"images\"")
		IMAGE("fileref=\"images/\"")
		IMAGE("fileref=\"secret.png\""));
	if (geteuid() == 0)
		assert_string_equal(b.said,
			"4:27: error: image \"images\" is not a regular file (a directory) [image]\n"
			"5:27: error: image \"images/\" is not a regular file (a directory) [image]\n"
			"6:27: error: image \"secret.png\" is not a PNG, JPEG or SVG file [image]\n");
	else
		assert_string_equal(b.said,
			"4:27: error: image \"images\" is not a regular file (a directory) [image]\n"
			"5:27: error: image \"images/\" is not a regular file (a directory) [image]\n"
			"6:27: error: image \"secret.png\" cannot be opened: Permission denied [image]\n");
	assert_int_equal(chmod(secret, 0600), 0);
	free(sub);
	free(secret);
	brief_close(&b);
}

/* Links: one inside the directory is followed; one out of it is refused before its
 * target is opened (a FIFO outside, which opening without O_NONBLOCK would hang on,
 * and /etc/passwd). */
static void
test_symbolic_links(void **state)
{
	struct brief b;
	char *link, *outside = unit_tempdir(), *fifo, *via;

	(void)state;
	brief_open(&b);
	brief_copy(&b, "chart.png", "chart.png");
	link = brief_at(&b, "alias.png");
	assert_int_equal(symlink("chart.png", link), 0);
	free(link);
	link = brief_at(&b, "passwd.png");
	assert_int_equal(symlink("/etc/passwd", link), 0);
	free(link);
	fifo = malloc(strlen(outside) + 16);
	assert_non_null(fifo);
	sprintf(fifo, "%s/pipe.png", outside);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	link = brief_at(&b, "pipe.png");
	assert_int_equal(symlink(fifo, link), 0);
	free(link);
	via = brief_at(&b, "elsewhere");
	assert_int_equal(symlink(outside, via), 0);
	brief_collect(&b,
		IMAGE("fileref=\"alias.png\"")
		IMAGE("fileref=\"passwd.png\"")
		IMAGE("fileref=\"pipe.png\"")
		IMAGE("fileref=\"elsewhere/pipe.png\""));
	assert_string_equal(b.said,
		"5:27: error: image \"passwd.png\" leads out of the brief's directory through a symbolic link; an image is a file beside the brief, in its directory or below [image]\n"
		"6:27: error: image \"pipe.png\" leads out of the brief's directory through a symbolic link; an image is a file beside the brief, in its directory or below [image]\n"
		"7:27: error: image \"elsewhere/pipe.png\" leads out of the brief's directory through a symbolic link; an image is a file beside the brief, in its directory or below [image]\n");
	assert_int_equal(b.set.n, 1);
	assert_string_equal(b.set.images[0].name, "images/alias.png");
	assert_int_equal(b.set.images[0].width, 240);
	free(via);
	free(fifo);
	unit_rmtree(outside);
	free(outside);
	brief_close(&b);
}

/* One file, however named (again, through "." and "..", through a link), is one image,
 * named after its first imagedata; every imagedata is annotated with it. */
static void
test_one_file_one_image(void **state)
{
	struct brief b;
	char *sub, *link;

	(void)state;
	brief_open(&b);
	sub = brief_at(&b, "images");
	assert_int_equal(mkdir(sub, 0700), 0);
	brief_copy(&b, "chart.png", "images/chart.png");
	brief_copy(&b, "diagram.svg", "images/diagram.svg");
	link = brief_at(&b, "images/same.png");
	assert_int_equal(symlink("chart.png", link), 0);
	brief_collect(&b,
		IMAGE("fileref=\"images/chart.png\"")
		IMAGE("fileref=\"images/diagram.svg\"")
		IMAGE("fileref=\"./images//./chart.png\"")
		IMAGE("fileref=\"images/x/../chart.png\" format=\"PNG\"")
		IMAGE("fileref=\"images/same.png\""));
	assert_string_equal(b.said, "");
	assert_int_equal(b.set.n, 2);
	assert_int_equal(b.set.nuses, 5);
	assert_int_equal(b.set.uses[0], 0);
	assert_int_equal(b.set.uses[1], 1);
	assert_int_equal(b.set.uses[2], 0);
	assert_int_equal(b.set.uses[3], 0);
	assert_int_equal(b.set.uses[4], 0);
	media_annotate(&b.set, b.src.doc);
	assert_brf(&b, 0, "src", "images/chart.png");
	assert_brf(&b, 0, "type", "image/png");
	assert_brf(&b, 0, "width", "240");
	assert_brf(&b, 0, "height", "120");
	assert_brf(&b, 1, "src", "images/diagram.svg");
	assert_brf(&b, 1, "type", "image/svg+xml");
	assert_brf(&b, 1, "width", "200");
	assert_brf(&b, 1, "height", "80");
	assert_brf(&b, 4, "src", "images/chart.png");
	assert_ptr_equal(media_find(&b.set, "images/diagram.svg"), &b.set.images[1]);
	assert_null(media_find(&b.set, "chart.png"));
	assert_null(media_find(NULL, "images/chart.png"));
	free(link);
	free(sub);
	brief_close(&b);
}

/* Annotations: none on an imagedata in error; no width or height where the file does
 * not say them; the namespace resolve_annotate declared is the one used. */
static void
test_annotations(void **state)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10cm\"/>";
	struct brief b;
	xmlNsPtr ns;

	(void)state;
	brief_open(&b);
	brief_file(&b, "cm.svg", svg, strlen(svg));
	brief_collect(&b,
		IMAGE("fileref=\"cm.svg\"")
		IMAGE("fileref=\"none.png\""));
	assert_int_equal(b.errors, 1);
	ns = xmlNewNs(xmlDocGetRootElement(b.src.doc), (const xmlChar *)RESOLVED_NS,
	              (const xmlChar *)"brf");
	assert_non_null(ns);
	media_annotate(&b.set, b.src.doc);
	assert_brf(&b, 0, "src", "images/cm.svg");
	assert_brf(&b, 0, "type", "image/svg+xml");
	assert_null(xmlHasNsProp(imagedata(&b, 0), (const xmlChar *)"width",
	                         (const xmlChar *)RESOLVED_NS));
	assert_null(xmlHasNsProp(imagedata(&b, 0), (const xmlChar *)"height",
	                         (const xmlChar *)RESOLVED_NS));
	assert_null(imagedata(&b, 1)->properties->next);
	assert_ptr_equal(xmlHasNsProp(imagedata(&b, 0), (const xmlChar *)"src",
	                              (const xmlChar *)RESOLVED_NS)->ns, ns);
	brief_close(&b);
}

/* Names in the EPUB: "images/" and the path when it is plain; otherwise (a space, a
 * letter outside ASCII, a final "."), or when the name is taken in any case,
 * "images/image-N.EXT". */
static void
test_container_names(void **state)
{
	struct brief b;

	(void)state;
	brief_open(&b);
	brief_copy(&b, "chart.png", "my chart.png");
	brief_copy(&b, "chart.png", "image-1.png");
	brief_copy(&b, "photo.jpg", "Photo.JPG");
	brief_copy(&b, "photo.jpg", "photo.jpg");
	brief_copy(&b, "diagram.svg", "d\xc3\xa9.svg");
	brief_copy(&b, "diagram.svg", "a-b_c.1.svg");
	brief_copy(&b, "chart.png", "v1.");
	brief_collect(&b,
		IMAGE("fileref=\"my chart.png\"")
		IMAGE("fileref=\"image-1.png\"")
		IMAGE("fileref=\"Photo.JPG\"")
		IMAGE("fileref=\"photo.jpg\"")
		IMAGE("fileref=\"d\xc3\xa9.svg\"")
		IMAGE("fileref=\"a-b_c.1.svg\"")
		IMAGE("fileref=\"v1.\""));
	assert_string_equal(b.said, "");
	assert_int_equal(b.set.n, 7);
	assert_string_equal(b.set.images[0].name, "images/image-1.png");
	assert_string_equal(b.set.images[1].name, "images/image-2.png");
	assert_string_equal(b.set.images[2].name, "images/Photo.JPG");
	assert_string_equal(b.set.images[3].name, "images/image-4.jpg");
	assert_string_equal(b.set.images[4].name, "images/image-5.svg");
	assert_string_equal(b.set.images[5].name, "images/a-b_c.1.svg");
	assert_string_equal(b.set.images[6].name, "images/image-7.png");
	brief_close(&b);
}

/* A brief from standard input has its images in the current directory. */
static void
test_standard_input(void **state)
{
	static const char text[] = HEAD IMAGE("fileref=\"chart.png\"") "</article>\n";
	struct unit_capture c;
	struct source src = {0};
	struct media_set set = {0};
	char *dir = unit_tempdir(), *was = getcwd(NULL, 0), *from, *bytes;
	size_t len;

	(void)state;
	from = unit_repo_path("tests/model/images/chart.png");
	bytes = unit_slurp(from, &len);
	free(unit_write(dir, "chart.png", bytes, len));
	unit_capture_init(&c);
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(source_load_memory(&src, "<stdin>", text, strlen(text),
	                                    SOURCE_MAX_BYTES, &c.d), SOURCE_OK);
	assert_int_equal(media_collect(&src, &set, &c.d), 0);
	assert_int_equal(chdir(was), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.images[0].len, len);
	media_free(&set);
	assert_null(set.images);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmtree(dir);
	free(dir);
	free(was);
	free(from);
	free(bytes);
}

static void
assert_base64(const char *in, const char *want)
{
	struct buf out = {0};

	media_base64(in, strlen(in), &out);
	assert_string_equal(out.data ? out.data : "", want);
	buf_free(&out);
}

/* RFC 4648, section 10; then every byte value, and a run longer than one chunk. */
static void
test_base64(void **state)
{
	unsigned char all[256];
	struct buf out = {0}, big = {0};
	char *zeros = calloc(1, 6000);
	size_t i;

	(void)state;
	assert_base64("", "");
	assert_base64("f", "Zg==");
	assert_base64("fo", "Zm8=");
	assert_base64("foo", "Zm9v");
	assert_base64("foob", "Zm9vYg==");
	assert_base64("fooba", "Zm9vYmE=");
	assert_base64("foobar", "Zm9vYmFy");
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	media_base64(all + 250, 6, &out);
	assert_string_equal(out.data, "+vv8/f7/");
	buf_free(&out);
	assert_non_null(zeros);
	media_base64(zeros, 6000, &big);
	assert_int_equal(big.len, 8000);
	assert_int_equal(strspn(big.data, "A"), 8000);
	buf_free(&big);
	free(zeros);
}

static void
test_data_uri(void **state)
{
	struct media_image image = {0};
	struct buf out = {0};

	(void)state;
	image.type = "image/svg+xml";
	image.data = "<svg/>";
	image.len = 6;
	media_data_uri(&image, &out);
	assert_string_equal(out.data, "data:image/svg+xml;base64,PHN2Zy8+");
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_jpeg_svg_and_their_sizes),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_directory_and_permissions),
		cmocka_unit_test(test_symbolic_links),
		cmocka_unit_test(test_one_file_one_image),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_container_names),
		cmocka_unit_test(test_standard_input),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_data_uri),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
