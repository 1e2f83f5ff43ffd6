/* test_epub.c - the EPUB container read back by a small zip reader of its own: mimetype
 * first and stored, every entry inflating to its item with its CRC, container.xml,
 * MS-DOS times, the same bytes for the same input, and refused item paths. */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "epub.h"

#define MIMETYPE "application/epub+zip"

/* 2015-12-23T10:20:30Z */
#define MTIME ((time_t)1450866030)

static const struct epub_item items[] = {
	{"EPUB/package.opf", "<package/>\n", 11, NULL},
	{"EPUB/brief.xhtml", "<html>Text, text, text, text, text.</html>\n", 43, NULL},
	{"EPUB/style.css", "", 0, NULL},
};
#define NITEMS (sizeof(items) / sizeof(items[0]))

/* One entry as the zip tells it, read from both its headers. */
struct entry {
	char name[64];
	unsigned flags, method, clock, date, made_by;
	unsigned long crc, mode;
	size_t local;      /* offset of its local header */
	size_t central;    /* offset of its central directory header */
	char *data;        /* inflated; owned */
	size_t len;
};

static unsigned
get16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long
get32(const unsigned char *p)
{
	return get16(p) | (unsigned long)get16(p + 2) << 16;
}

/* The LEN bytes that deflated to the CLEN bytes at P; caller frees. */
static char *
inflate_raw(const unsigned char *p, size_t clen, size_t len)
{
	char *out = malloc(len + 1);
	z_stream zs;

	assert_non_null(out);
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(inflateInit2(&zs, -15), Z_OK);
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)clen;
	zs.next_out = (unsigned char *)out;
	zs.avail_out = (uInt)len + 1;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	assert_int_equal(zs.total_out, len);
	assert_int_equal(zs.avail_in, 0);
	inflateEnd(&zs);
	return out;
}

/* Reads the zip of LEN bytes at Z into E (room for MAX); returns the count. Asserts
 * the shape briefc promises: one end record without comment, a central directory
 * right before it, local headers that agree with it and leave no gaps, no extra
 * fields, no data descriptors, version 2.0, and every CRC right. */
static size_t
read_zip(const unsigned char *z, size_t len, struct entry *e, size_t max)
{
	const unsigned char *end = z + len - 22, *c;
	size_t n, i, at = 0;

	assert_true(len >= 22);
	assert_int_equal(get32(end), 0x06054b50);
	assert_int_equal(get16(end + 4), 0);
	assert_int_equal(get16(end + 6), 0);
	n = get16(end + 8);
	assert_int_equal(get16(end + 10), n);
	assert_int_equal(get16(end + 20), 0);
	assert_int_equal(get32(end + 16) + get32(end + 12), len - 22);
	assert_true(n <= max);
	c = z + get32(end + 16);
	for (i = 0; i < n; i++, e++) {
		const unsigned char *l;
		unsigned long clen;
		unsigned namelen = get16(c + 28);

		assert_int_equal(get32(c), 0x02014b50);
		assert_int_equal(get16(c + 6), 20);
		assert_int_equal(get16(c + 30), 0);       /* extra */
		assert_int_equal(get16(c + 32), 0);       /* comment */
		assert_true(namelen < sizeof(e->name));
		memcpy(e->name, c + 46, namelen);
		e->name[namelen] = '\0';
		e->central = (size_t)(c - z);
		e->made_by = get16(c + 4);
		e->flags = get16(c + 8);
		e->method = get16(c + 10);
		e->clock = get16(c + 12);
		e->date = get16(c + 14);
		e->crc = get32(c + 16);
		clen = get32(c + 20);
		e->len = get32(c + 24);
		e->mode = get32(c + 38);
		e->local = get32(c + 42);
		/* Entries follow one another with nothing between them. */
		assert_int_equal(e->local, at);
		l = z + e->local;
		assert_int_equal(get32(l), 0x04034b50);
		/* Version needed to the name's length: as in the central directory. */
		assert_memory_equal(l + 4, c + 6, 26);
		assert_int_equal(get16(l + 28), 0);
		assert_memory_equal(l + 30, e->name, namelen);
		assert_false(e->flags & 1 << 3);          /* no data descriptor */
		if (e->method == 0) {
			assert_int_equal(clen, e->len);
			e->data = malloc(e->len + 1);
			assert_non_null(e->data);
			memcpy(e->data, l + 30 + namelen, e->len);
		} else {
			assert_int_equal(e->method, 8);
			e->data = inflate_raw(l + 30 + namelen, clen, e->len);
		}
		e->data[e->len] = '\0';
		assert_int_equal(crc32(0, (const unsigned char *)e->data, (uInt)e->len), e->crc);
		at = e->local + 30 + namelen + clen;
		c += 46 + namelen;
	}
	assert_int_equal(at, get32(end + 16));
	assert_ptr_equal(c, end);
	return n;
}

static void
free_entries(struct entry *e, size_t n)
{
	while (n-- > 0)
		free(e[n].data);
}

/* Packs ITEMS at MTIME into OUT (zeroed first), which must succeed quietly. */
static void
pack(const struct epub_item *it, size_t n, time_t mtime, struct buf *out)
{
	struct unit_capture c;

	memset(out, 0, sizeof(*out));
	unit_capture_init(&c);
	assert_int_equal(epub_pack(it, n, mtime, out, &c.d), 0);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
}

static void
test_mimetype_first_and_stored(void **state)
{
	const unsigned char *z;
	struct buf out;

	(void)state;
	pack(items, NITEMS, MTIME, &out);
	z = (const unsigned char *)out.data;
	assert_int_equal(get32(z), 0x04034b50);
	assert_int_equal(get16(z + 4), 20);       /* version needed */
	assert_int_equal(get16(z + 6), 0);        /* flags */
	assert_int_equal(get16(z + 8), 0);        /* stored */
	assert_int_equal(get32(z + 14), crc32(0, (const unsigned char *)MIMETYPE, 20));
	assert_int_equal(get32(z + 18), 20);      /* compressed size */
	assert_int_equal(get32(z + 22), 20);      /* uncompressed size */
	assert_int_equal(get16(z + 26), 8);       /* name length */
	assert_int_equal(get16(z + 28), 0);       /* extra field length */
	assert_memory_equal(z + 30, "mimetype" MIMETYPE, 28);
	assert_int_equal(get32(z + 58), 0x04034b50);
	buf_free(&out);
}

static void
test_entries_in_order(void **state)
{
	struct entry e[8];
	struct buf out;
	size_t n, i;

	(void)state;
	pack(items, NITEMS, MTIME, &out);
	n = read_zip((const unsigned char *)out.data, out.len, e, 8);
	assert_int_equal(n, NITEMS + 2);
	assert_string_equal(e[0].name, "mimetype");
	assert_int_equal(e[0].method, 0);
	assert_string_equal(e[0].data, MIMETYPE);
	assert_string_equal(e[1].name, "META-INF/container.xml");
	for (i = 1; i < n; i++)
		assert_int_equal(e[i].method, 8);
	for (i = 0; i < NITEMS; i++) {
		assert_string_equal(e[i + 2].name, items[i].path);
		assert_int_equal(e[i + 2].len, items[i].len);
		assert_memory_equal(e[i + 2].data, items[i].data, items[i].len);
	}
	for (i = 0; i < n; i++) {
		assert_int_equal(e[i].flags, 0);
		assert_int_equal(e[i].made_by >> 8, 3);      /* Unix */
		assert_int_equal(e[i].mode, 0100644ul << 16);
	}
	free_entries(e, n);
	buf_free(&out);
}

static void
test_container_xml(void **state)
{
	struct entry e[8];
	struct buf out;
	xmlDocPtr doc;
	xmlNodePtr root, rootfiles, rootfile;
	xmlChar *path, *type;
	size_t n;

	(void)state;
	pack(items, NITEMS, MTIME, &out);
	n = read_zip((const unsigned char *)out.data, out.len, e, 8);
	doc = xmlReadMemory(e[1].data, (int)e[1].len, "container.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	assert_string_equal(root->name, "container");
	assert_string_equal(root->ns->href, "urn:oasis:names:tc:opendocument:xmlns:container");
	rootfiles = xmlFirstElementChild(root);
	assert_string_equal(rootfiles->name, "rootfiles");
	rootfile = xmlFirstElementChild(rootfiles);
	assert_string_equal(rootfile->name, "rootfile");
	assert_null(xmlNextElementSibling(rootfile));
	path = xmlGetProp(rootfile, (const xmlChar *)"full-path");
	type = xmlGetProp(rootfile, (const xmlChar *)"media-type");
	assert_string_equal(path, EPUB_PACKAGE_PATH);
	assert_string_equal(type, "application/oebps-package+xml");
	xmlFree(path);
	xmlFree(type);
	xmlFreeDoc(doc);
	free_entries(e, n);
	buf_free(&out);
}

/* The same items and time give the same bytes; so does packing after other bytes in
 * OUT, with offsets counted from the zip's start. */
static void
test_deterministic(void **state)
{
	struct unit_capture c;
	struct buf a, b = {0};

	(void)state;
	pack(items, NITEMS, MTIME, &a);
	unit_capture_init(&c);
	buf_puts(&b, "prefix");
	assert_int_equal(epub_pack(items, NITEMS, MTIME, &b, &c.d), 0);
	assert_int_equal(b.len, a.len + 6);
	assert_memory_equal(b.data + 6, a.data, a.len);
	unit_capture_free(&c);
	buf_free(&a);
	buf_free(&b);
}

/* Another time changes the time and date fields of each header, nothing else. */
static void
test_mtime_only_in_time_fields(void **state)
{
	struct entry e[8];
	struct buf a, b;
	size_t n, i, j, diffs = 0;

	(void)state;
	pack(items, NITEMS, MTIME, &a);
	pack(items, NITEMS, MTIME + 86400 * 400 + 3600 + 62, &b);
	assert_int_equal(a.len, b.len);
	n = read_zip((const unsigned char *)a.data, a.len, e, 8);
	for (i = 0; i < a.len; i++) {
		int in_time = 0;

		if (a.data[i] == b.data[i])
			continue;
		diffs++;
		/* Time and date: bytes 10 to 13 of a local header, 12 to 15 of a central. */
		for (j = 0; j < n; j++)
			in_time |= (i >= e[j].local + 10 && i < e[j].local + 14) ||
			           (i >= e[j].central + 12 && i < e[j].central + 16);
		if (!in_time)
			fail_msg("byte %zu differs outside a time field", i);
	}
	assert_true(diffs >= 2 * n);
	free_entries(e, n);
	buf_free(&a);
	buf_free(&b);
}

/* The MS-DOS time and date of the first entry packed at MTIME. */
static void
dos_time_of(time_t mtime, unsigned *date, unsigned *clock)
{
	struct buf out;

	pack(items, NITEMS, mtime, &out);
	*clock = get16((const unsigned char *)out.data + 10);
	*date = get16((const unsigned char *)out.data + 12);
	buf_free(&out);
}

static void
test_dos_time(void **state)
{
	unsigned date, clock;

	(void)state;
	/* 2015-12-23: year 35 since 1980, month 12, day 23; 10:20:30 in two-second steps. */
	dos_time_of(MTIME, &date, &clock);
	assert_int_equal(date, 35u << 9 | 12 << 5 | 23);
	assert_int_equal(clock, 10u << 11 | 20 << 5 | 15);
	assert_int_equal(date, 0x4797);
	assert_int_equal(clock, 0x528f);
	/* An odd second rounds down. */
	dos_time_of(MTIME + 1, &date, &clock);
	assert_int_equal(clock, 0x528f);
	/* Before 1980, and the Unix epoch itself, are 1980-01-01 00:00:00. */
	dos_time_of(0, &date, &clock);
	assert_int_equal(date, 1 << 5 | 1);
	assert_int_equal(clock, 0);
	dos_time_of(-86400, &date, &clock);
	assert_int_equal(date, 1 << 5 | 1);
	/* 1980-01-01T00:00:00Z itself. */
	dos_time_of(315532800, &date, &clock);
	assert_int_equal(date, 1 << 5 | 1);
	assert_int_equal(clock, 0);
}

/* Packing ITEMS fails with a message containing WANT, and leaves OUT as it was. */
static void
assert_refused(const struct epub_item *it, size_t n, const char *want)
{
	struct unit_capture c;
	struct buf out = {0};
	const char *text;

	buf_puts(&out, "kept");
	unit_capture_init(&c);
	assert_int_equal(epub_pack(it, n, MTIME, &out, &c.d), -1);
	text = unit_capture_text(&c);
	assert_contains(text, want);
	assert_contains(text, "[xslt]");
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(out.len, 4);
	assert_string_equal(out.data, "kept");
	unit_capture_free(&c);
	buf_free(&out);
}

static void
test_refused_paths(void **state)
{
	static const struct {
		const char *path, *why;
	} bad[] = {
		{"", "is empty"},
		{NULL, "is empty"},
		{"/EPUB/x.xhtml", "is absolute"},
		{"../x.xhtml", "\"..\" segment"},
		{"EPUB/../../x.xhtml", "\"..\" segment"},
		{"EPUB/./x.xhtml", "\"..\" segment"},
		{"EPUB/..", "\"..\" segment"},
		{"EPUB\\x.xhtml", "backslash"},
		{"EPUB//x.xhtml", "empty segment"},
		{"EPUB/", "empty segment"},
		{"EPUB/x\n.xhtml", "control character"},
		{"mimetype", "container's own"},
		{"META-INF/container.xml", "container's own"},
		{"EPUB/package.opf", "given twice"},
	};
	struct epub_item it[2] = {items[0], {NULL, "x", 1, NULL}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		it[1].path = bad[i].path;
		assert_refused(it, 2, bad[i].why);
	}
	/* A name that merely contains dots is fine. */
	it[1].path = "EPUB/a..b.xhtml";
	{
		struct buf out;

		pack(it, 2, MTIME, &out);
		buf_free(&out);
	}
	/* container.xml would point at nothing. */
	assert_refused(items + 1, NITEMS - 1, "no EPUB item is the package document");
	assert_refused(items, 0, "no EPUB item is the package document");
}

/* Bit 11 marks exactly the names that are not ASCII. */
static void
test_utf8_names(void **state)
{
	const struct epub_item it[] = {
		items[0], {"EPUB/caf\xc3\xa9.xhtml", "x", 1, NULL},
	};
	struct entry e[4];
	struct buf out;
	size_t n, i;

	(void)state;
	pack(it, 2, MTIME, &out);
	n = read_zip((const unsigned char *)out.data, out.len, e, 4);
	assert_int_equal(n, 4);
	for (i = 0; i < 3; i++)
		assert_int_equal(e[i].flags, 0);
	assert_string_equal(e[3].name, "EPUB/caf\xc3\xa9.xhtml");
	assert_int_equal(e[3].flags, 1 << 11);
	free_entries(e, n);
	buf_free(&out);
}

/* An item of 4 GiB needs ZIP64, which briefc does not write; its bytes are never read. */
static void
test_too_large(void **state)
{
	struct epub_item it[] = {items[0], {"EPUB/big.xhtml", "", 0, NULL}};

	(void)state;
	if (SIZE_MAX <= 0xffffffffu)
		skip();
	it[1].len = (size_t)0xffffffffu + 1;
	assert_refused(it, 2, "briefc writes no ZIP64");
	it[1].len = 0xffffffffu;
	assert_refused(it, 2, "briefc writes no ZIP64");
}

/* Compressible text does get deflated. */
static void
test_deflates(void **state)
{
	char text[4000];
	struct epub_item it[] = {items[0], {"EPUB/brief.xhtml", text, sizeof(text), NULL}};
	struct buf out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text); i++)
		text[i] = "lorem ipsum dolor sit amet "[i % 27];
	pack(it, 2, MTIME, &out);
	assert_true(out.len < 1000);
	buf_free(&out);
}

/* An item deflated ahead (epub_deflate, as another thread does it) zips to the same
 * bytes as one epub_pack deflates itself, and its deflated bytes are the entry's: the
 * item's own are only counted. */
static void
test_deflated_ahead(void **state)
{
	char text[4000], was[4000];
	struct epub_deflated ahead = {{0}, 0};
	struct epub_item it[] = {items[0], {"EPUB/brief.xhtml", text, sizeof(text), NULL}};
	struct buf plain, packed;
	struct entry e[4];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(text); i++)
		text[i] = "ipsum lorem sit amet dolor "[i % 27];
	pack(it, 2, MTIME, &plain);
	epub_deflate(text, sizeof(text), &ahead);
	assert_true(ahead.raw.len > 0 && ahead.raw.len < 1000);
	it[1].deflated = &ahead;
	pack(it, 2, MTIME, &packed);
	assert_int_equal(packed.len, plain.len);
	assert_memory_equal(packed.data, plain.data, plain.len);
	buf_free(&packed);
	memcpy(was, text, sizeof(text));
	memset(text, 'x', sizeof(text));
	pack(it, 2, MTIME, &packed);
	n = read_zip((const unsigned char *)packed.data, packed.len, e, 4);
	assert_int_equal(n, 4);
	assert_int_equal(e[3].len, sizeof(was));
	assert_memory_equal(e[3].data, was, sizeof(was));
	free_entries(e, n);
	buf_free(&ahead.raw);
	buf_free(&plain);
	buf_free(&packed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mimetype_first_and_stored),
		cmocka_unit_test(test_entries_in_order),
		cmocka_unit_test(test_container_xml),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_mtime_only_in_time_fields),
		cmocka_unit_test(test_dos_time),
		cmocka_unit_test(test_refused_paths),
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_deflates),
		cmocka_unit_test(test_deflated_ahead),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
