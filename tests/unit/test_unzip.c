/* test_unzip.c - the zip reader: epub.c's zips and hand-built ones read back, then
 * every way a hostile zip may lie: cut short, a bad CRC, ZIP64, encryption, unknown
 * methods, offsets and sizes out of range, a bomb past the caps, random damage. */
#include "unit.h"

#include <time.h>

#include "epub.h"
#include "unzip.h"
#include "zipfix.h"

#define MIB ((size_t)1 << 20)

/* Reads NAME out of Z, expecting STATUS; on success, that it holds TEXT. */
static void
expect_read(struct unzip *z, const char *name, size_t cap, enum unzip_status status,
            const char *text)
{
	char *out;
	size_t len;

	assert_int_equal(unzip_read(z, name, cap, &out, &len), status);
	if (status != UNZIP_OK) {
		assert_null(out);
		return;
	}
	assert_non_null(out);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(out, text, len);
	assert_int_equal(out[len], '\0');
	free(out);
}

/* Z's one entry after the entry E is written and the zip finished; caller frees. */
static struct buf
one_entry(const struct zipfix_entry *e)
{
	struct zipfix z = {0};

	zipfix_add_raw(&z, e);
	zipfix_finish(&z);
	return z.out;
}

/* A zip of two entries: "a.txt" stored, "b.xml" deflated. */
static struct buf
two_entries(void)
{
	struct zipfix z = {0};

	zipfix_add(&z, "a.txt", "stored text", 11, 0);
	zipfix_add_string(&z, "b.xml", "<deflated>text text text text text</deflated>");
	zipfix_finish(&z);
	return z.out;
}

static void
test_epub_read_back(void **state)
{
	static const struct epub_item items[] = {
		{"EPUB/package.opf", "<package/>\n", 11, NULL},
		{"EPUB/brief.xhtml", "<html>Text, text, text, text.</html>\n", 37, NULL},
		{"EPUB/empty.css", "", 0, NULL},
	};
	struct unit_capture c;
	struct buf zip = {0};
	struct unzip z;
	size_t i;

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(epub_pack(items, 3, (time_t)1450866030, &zip, &c.d), 0);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1 << 20), UNZIP_OK);
	assert_int_equal(z.count, 5);
	expect_read(&z, "mimetype", 1024, UNZIP_OK, "application/epub+zip");
	for (i = 0; i < 3; i++)
		expect_read(&z, items[i].path, 1024, UNZIP_OK, items[i].data);
	expect_read(&z, "EPUB/missing.xhtml", 1024, UNZIP_NOT_FOUND, NULL);
	assert_string_equal(z.error, "the zip holds no EPUB/missing.xhtml");
	expect_read(&z, "EPUB", 1024, UNZIP_NOT_FOUND, NULL);
	buf_free(&zip);
	unit_capture_free(&c);
}

static void
test_stored_and_deflated(void **state)
{
	struct buf zip = two_entries();
	struct unzip z;

	(void)state;
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_OK, "stored text");
	expect_read(&z, "b.xml", 1024, UNZIP_OK,
	            "<deflated>text text text text text</deflated>");
	/* Read twice: each read counts against the budget. */
	expect_read(&z, "a.txt", 1024, UNZIP_OK, "stored text");
	assert_int_equal(z.budget, 1024 - 11 - 45 - 11);
	buf_free(&zip);
}

static void
test_empty_zip(void **state)
{
	struct zipfix zf = {0};
	struct unzip z;

	(void)state;
	zipfix_finish(&zf);
	assert_int_equal(zf.out.len, 22);
	assert_int_equal(unzip_open(&z, zf.out.data, zf.out.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_NOT_FOUND, NULL);
	buf_free(&zf.out);
}

static void
test_not_a_zip(void **state)
{
	static const char *const inputs[] = {"", "PK", "hello, world", "PK\x05\x06"};
	struct unzip z;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		assert_int_equal(unzip_open(&z, inputs[i], strlen(inputs[i]), 1024),
		                 UNZIP_MALFORMED);
		assert_string_equal(z.error, "not a zip (no end of central directory record)");
	}
}

/* Every prefix of a good zip is refused, by unzip_open or by the read; none is read
 * out of bounds (ASan watches). */
static void
test_truncated(void **state)
{
	struct buf zip = two_entries();
	struct unzip z;
	size_t cut;

	(void)state;
	for (cut = 0; cut < zip.len; cut++) {
		char *copy = malloc(cut + 1), *out;
		size_t len;

		memcpy(copy, zip.data, cut);
		if (unzip_open(&z, copy, cut, 1024) == UNZIP_OK) {
			assert_int_not_equal(unzip_read(&z, "b.xml", 1024, &out, &len), UNZIP_OK);
			assert_null(out);
		}
		free(copy);
	}
	buf_free(&zip);
}

static void
test_bad_crc(void **state)
{
	struct buf zip = two_entries();
	struct unzip z;
	char *data;

	(void)state;
	/* The stored entry's first byte, after its 30-byte header and 5-byte name. */
	data = zip.data + 30 + 5;
	assert_int_equal(*data, 's');
	*data = 'S';
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "a.txt fails its CRC-32 check");
	expect_read(&z, "b.xml", 1024, UNZIP_OK,
	            "<deflated>text text text text text</deflated>");
	buf_free(&zip);
}

static void
test_zip64(void **state)
{
	struct zipfix_entry e = {"a", 0, 0, 0, 0, 0, NULL};
	struct buf zip;
	struct unzip z;
	/* A ZIP64 extra field (id 1) of 8 bytes in the central header. */
	static const char extra[] = "\x01\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00";

	(void)state;
	e.crc = zipfix_crc("", 0);
	/* Sizes of all ones point to a ZIP64 record. */
	e.usize = UINT32_MAX;
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_UNSUPPORTED);
	assert_string_equal(z.error, "the zip is ZIP64, which is not read");
	buf_free(&zip);

	/* An entry count of all ones in the end record. */
	e.usize = 0;
	zip = one_entry(&e);
	zip.data[zip.len - 22 + 8] = zip.data[zip.len - 22 + 9] = '\xff';
	zip.data[zip.len - 22 + 10] = zip.data[zip.len - 22 + 11] = '\xff';
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_UNSUPPORTED);
	buf_free(&zip);

	/* A ZIP64 locator right before the end record. */
	zip = one_entry(&e);
	{
		struct buf b = {0};

		buf_append(&b, zip.data, zip.len - 22);
		zipfix_put32(&b, 0x07064b50);
		buf_append(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
		buf_append(&b, zip.data + zip.len - 22, 22);
		assert_int_equal(unzip_open(&z, b.data, b.len, 1024), UNZIP_UNSUPPORTED);
		buf_free(&b);
	}
	buf_free(&zip);

	/* The extra field: the central header is rebuilt with one. */
	{
		struct buf b = {0};
		uint32_t dir;

		zipfix_put32(&b, 0x04034b50);
		zipfix_shared(&b, &e);
		buf_puts(&b, "a");
		dir = (uint32_t)b.len;
		zipfix_put32(&b, 0x02014b50);
		zipfix_put16(&b, 20);
		zipfix_shared(&b, &e);
		b.data[b.len - 2] = 12;     /* extra field length */
		buf_append(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 14);
		buf_puts(&b, "a");
		buf_append(&b, extra, 12);
		zipfix_put32(&b, 0x06054b50);
		zipfix_put32(&b, 0);
		zipfix_put16(&b, 1);
		zipfix_put16(&b, 1);
		zipfix_put32(&b, (uint32_t)b.len - 12 - dir);
		zipfix_put32(&b, dir);
		zipfix_put16(&b, 0);
		assert_int_equal(unzip_open(&z, b.data, b.len, 1024), UNZIP_UNSUPPORTED);
		assert_string_equal(z.error, "the zip is ZIP64, which is not read");
		buf_free(&b);
	}
}

static void
test_encrypted_and_methods(void **state)
{
	struct zipfix_entry e = {"secret.xml", 1, 0, 0, 4, 4, "abcd"};
	struct buf zip;
	struct unzip z;

	(void)state;
	e.crc = zipfix_crc("abcd", 4);
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "secret.xml", 1024, UNZIP_UNSUPPORTED, NULL);
	assert_string_equal(z.error, "secret.xml is encrypted");
	buf_free(&zip);

	e.flags = 1 << 6;
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "secret.xml", 1024, UNZIP_UNSUPPORTED, NULL);
	buf_free(&zip);

	e.flags = 0;
	e.method = 12; /* bzip2 */
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "secret.xml", 1024, UNZIP_UNSUPPORTED, NULL);
	assert_string_equal(z.error, "secret.xml is compressed by method 12; only stored and"
	                    " deflated entries are read");
	buf_free(&zip);
}

/* Sets the 32-bit field at OFF of B to V. */
static void
poke32(struct buf *b, size_t off, uint32_t v)
{
	b->data[off] = (char)(v & 0xff);
	b->data[off + 1] = (char)(v >> 8 & 0xff);
	b->data[off + 2] = (char)(v >> 16 & 0xff);
	b->data[off + 3] = (char)(v >> 24 & 0xff);
}

static void
poke16(struct buf *b, size_t off, unsigned v)
{
	b->data[off] = (char)(v & 0xff);
	b->data[off + 1] = (char)(v >> 8 & 0xff);
}

static void
test_offsets_out_of_range(void **state)
{
	struct buf zip = two_entries();
	size_t end = zip.len - 22, dir;
	struct unzip z;
	struct buf bad;

	(void)state;
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	dir = z.dir;

	/* The directory's offset, then its size, past the file. */
	bad = (struct buf){0};
	buf_append(&bad, zip.data, zip.len);
	poke32(&bad, end + 16, 0x7ffffff0);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_MALFORMED);
	assert_string_equal(z.error, "the central directory lies outside the file");
	poke32(&bad, end + 16, (uint32_t)dir);
	poke32(&bad, end + 12, 0xfffffff0);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_MALFORMED);
	buf_free(&bad);

	/* More entries than the directory holds. */
	buf_append(&bad, zip.data, zip.len);
	poke16(&bad, end + 8, 3);
	poke16(&bad, end + 10, 3);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_MALFORMED);
	assert_string_equal(z.error, "the central directory is cut short or corrupt");
	buf_free(&bad);

	/* A name length running past the directory. */
	buf_append(&bad, zip.data, zip.len);
	poke16(&bad, dir + 28, 0xffff);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_MALFORMED);
	buf_free(&bad);

	/* A local header offset past the file, then into the directory. */
	buf_append(&bad, zip.data, zip.len);
	poke32(&bad, dir + 42, 0x7fffffff);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "the local header of a.txt is missing");
	poke32(&bad, dir + 42, (uint32_t)dir - 10);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	buf_free(&bad);

	/* A compressed size running into the directory: central and local agree. */
	buf_append(&bad, zip.data, zip.len);
	poke32(&bad, dir + 20, 5000);
	poke32(&bad, 18, 5000);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "the data of a.txt runs past the end of the entries");
	buf_free(&bad);
	buf_free(&zip);
}

static void
test_headers_disagree(void **state)
{
	struct buf zip = two_entries(), bad = {0};
	struct unzip z;

	(void)state;
	/* The local name differs. */
	buf_append(&bad, zip.data, zip.len);
	bad.data[30] = 'x';
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "the local header of a.txt contradicts the central"
	                    " directory");
	buf_free(&bad);

	/* The local size differs, with no data descriptor to excuse it. */
	buf_append(&bad, zip.data, zip.len);
	poke32(&bad, 22, 12);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_OK);
	expect_read(&z, "a.txt", 1024, UNZIP_MALFORMED, NULL);
	buf_free(&bad);

	/* With a data descriptor (flag 3 in both headers), zero local fields are fine. */
	buf_append(&bad, zip.data, zip.len);
	poke32(&bad, 14, 0);
	poke32(&bad, 18, 0);
	poke32(&bad, 22, 0);
	poke16(&bad, 6, 8);
	assert_int_equal(unzip_open(&z, bad.data, bad.len, 1024), UNZIP_OK);
	poke16(&bad, z.dir + 8, 8);
	expect_read(&z, "a.txt", 1024, UNZIP_OK, "stored text");
	buf_free(&bad);
	buf_free(&zip);
}

static void
test_inconsistent_sizes(void **state)
{
	struct zipfix_entry e = {"a", 0, 0, 0, 4, 5, "abcd"};
	struct buf zip, packed = {0};
	struct unzip z;

	(void)state;
	/* Stored, yet the sizes differ. */
	e.crc = zipfix_crc("abcd", 4);
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "a is stored in 4 bytes but says it holds 5");
	buf_free(&zip);

	/* Deflated to fewer bytes than declared. */
	zipfix_deflate("abcd", 4, &packed);
	e = (struct zipfix_entry){"a", 0, 8, e.crc, (uint32_t)packed.len, 5, packed.data};
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "a inflates to 4 bytes, not the 5 its header gives");
	buf_free(&zip);

	/* Deflated to more. */
	e.usize = 3;
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "a inflates past the 3 bytes its header gives");
	buf_free(&zip);

	/* Not deflate data at all. */
	e = (struct zipfix_entry){"a", 0, 8, e.crc, 4, 4, "\xff\xff\xff\xff"};
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_MALFORMED, NULL);
	assert_contains(z.error, "a is corrupt (");
	buf_free(&zip);

	/* Deflate data cut short. */
	e = (struct zipfix_entry){"a", 0, 8, e.crc, (uint32_t)packed.len - 2, 4, packed.data};
	zip = one_entry(&e);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 1024), UNZIP_OK);
	expect_read(&z, "a", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "a is cut short");
	buf_free(&zip);
	buf_free(&packed);
}

static void
test_duplicate_names(void **state)
{
	struct zipfix zf = {0};
	struct unzip z;

	(void)state;
	zipfix_add(&zf, "word/document.xml", "one", 3, 0);
	zipfix_add(&zf, "word/document.xml", "two", 3, 0);
	zipfix_finish(&zf);
	assert_int_equal(unzip_open(&z, zf.out.data, zf.out.len, 1024), UNZIP_OK);
	expect_read(&z, "word/document.xml", 1024, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "the zip holds word/document.xml twice");
	buf_free(&zf.out);
}

/* 256 MiB of zeros deflate to a quarter of a megabyte: honest about its size, the
 * entry is refused before inflating; lying, inflating stops one byte past the lie. */
static void
test_bomb(void **state)
{
	struct buf packed = {0}, zip;
	struct zipfix_entry e = {"bomb.xml", 0, 8, 0, 0, 0, NULL};
	struct timespec t0;
	struct unzip z;

	(void)state;
	zipfix_deflate_repeat("", 0, 256 * MIB, "", &packed, &e.crc);
	assert_true(packed.len < MIB / 2);
	e.csize = (uint32_t)packed.len;
	e.packed = packed.data;
	e.usize = (uint32_t)(256 * MIB);
	zip = one_entry(&e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 128 * MIB), UNZIP_OK);
	expect_read(&z, "bomb.xml", 64 * MIB, UNZIP_TOO_LARGE, NULL);
	assert_string_equal(z.error, "bomb.xml inflates to 268435456 bytes, more than the"
	                    " 67108864 allowed for one part");
	assert_true(unit_seconds_since(&t0) < 0.1);
	buf_free(&zip);

	/* The same stream saying it holds 1000 bytes. */
	e.usize = 1000;
	zip = one_entry(&e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(unzip_open(&z, zip.data, zip.len, 128 * MIB), UNZIP_OK);
	expect_read(&z, "bomb.xml", 64 * MIB, UNZIP_MALFORMED, NULL);
	assert_string_equal(z.error, "bomb.xml inflates past the 1000 bytes its header"
	                    " gives");
	assert_true(unit_seconds_since(&t0) < 0.1);
	assert_int_equal(z.budget, 128 * MIB);
	buf_free(&zip);
	buf_free(&packed);
}

/* Parts each under the part cap, over the total cap together. */
static void
test_total_cap(void **state)
{
	struct buf packed = {0};
	struct zipfix_entry e = {"a", 0, 8, 0, 0, (uint32_t)(3 * MIB), NULL};
	struct zipfix zf = {0};
	struct unzip z;
	char *out;
	size_t len;

	(void)state;
	zipfix_deflate_repeat("", 0, 3 * MIB, "", &packed, &e.crc);
	e.csize = (uint32_t)packed.len;
	e.packed = packed.data;
	zipfix_add_raw(&zf, &e);
	e.name = "b";
	zipfix_add_raw(&zf, &e);
	zipfix_finish(&zf);
	assert_int_equal(unzip_open(&z, zf.out.data, zf.out.len, 5 * MIB), UNZIP_OK);
	assert_int_equal(unzip_read(&z, "a", 4 * MIB, &out, &len), UNZIP_OK);
	assert_int_equal(len, 3 * MIB);
	free(out);
	expect_read(&z, "b", 4 * MIB, UNZIP_TOO_LARGE, NULL);
	assert_string_equal(z.error, "b inflates to 3145728 bytes, more than the 2097152"
	                    " allowed for what is left of the whole");
	buf_free(&zf.out);
	buf_free(&packed);
}

/* Random damage to a good zip: every outcome is a status, never a crash. */
static void
test_random_damage(void **state)
{
	struct buf zip = two_entries();
	char *copy = malloc(zip.len), *out;
	unsigned seed = 1, round, i;
	struct unzip z;
	size_t len;

	(void)state;
	for (round = 0; round < 20000; round++) {
		memcpy(copy, zip.data, zip.len);
		for (i = 0; i < 1 + round % 4; i++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % zip.len] = (char)(seed >> 20);
		}
		if (unzip_open(&z, copy, zip.len, 1024) != UNZIP_OK)
			continue;
		if (unzip_read(&z, "a.txt", 1024, &out, &len) == UNZIP_OK)
			free(out);
		if (unzip_read(&z, "b.xml", 1024, &out, &len) == UNZIP_OK)
			free(out);
	}
	free(copy);
	buf_free(&zip);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epub_read_back),
		cmocka_unit_test(test_stored_and_deflated),
		cmocka_unit_test(test_empty_zip),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_crc),
		cmocka_unit_test(test_zip64),
		cmocka_unit_test(test_encrypted_and_methods),
		cmocka_unit_test(test_offsets_out_of_range),
		cmocka_unit_test(test_headers_disagree),
		cmocka_unit_test(test_inconsistent_sizes),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_bomb),
		cmocka_unit_test(test_total_cap),
		cmocka_unit_test(test_random_damage),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
