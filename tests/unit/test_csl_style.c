/* test_csl_style.c - CSL style loading: what is refused (not CSL, macro loops, missing
 * macros, over a limit) and what a good style compiles to. */
#include "unit.h"

#include "csl_style.h"
#include "mem.h"

#define HEAD "<style xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\" class=\"note\">"

static struct csl_style *
load(const char *text, struct unit_capture *c)
{
	return csl_style_load_memory("test.csl", text, strlen(text), &c->d);
}

static void
test_good_style(void **state)
{
	struct unit_capture c;
	struct csl_style *s;

	(void)state;
	unit_capture_init(&c);
	s = load(HEAD "<macro name=\"a\"><text variable=\"title\"/></macro>"
	         "<citation><layout><text macro=\"a\"/></layout></citation></style>", &c);
	assert_non_null(s);
	assert_int_equal(s->cls, CSL_CLASS_NOTE);
	assert_non_null(s->citation);
	assert_null(s->bibliography);
	assert_string_equal(unit_capture_text(&c), "");
	csl_style_free(s);
	unit_capture_free(&c);
}

static void
test_not_csl_is_refused(void **state)
{
	struct unit_capture c;
	char *path;

	(void)state;
	unit_capture_init(&c);
	path = unit_temp_file("<article xmlns=\"http://docbook.org/ns/docbook\"/>");
	assert_null(csl_style_load(path, &c.d));
	assert_contains(unit_capture_text(&c), "not a CSL style: the root element must be "
	                "<style> in the namespace http://purl.org/net/xbiblio/csl [csl]");
	assert_int_equal(c.d.errors, 1);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_macro_loop_is_refused(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	assert_null(load(HEAD "<macro name=\"a\"><group><text macro=\"b\"/></group></macro>"
	                 "<macro name=\"b\"><text macro=\"c\"/></macro>"
	                 "<macro name=\"c\"><text macro=\"a\"/></macro>"
	                 "<citation><layout><text macro=\"a\"/></layout></citation></style>",
	                 &c));
	assert_contains(unit_capture_text(&c), "calls itself, directly or through other "
	                "macros [csl]");
	unit_capture_free(&c);
}

static void
test_missing_macro_is_refused(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	assert_null(load(HEAD "<citation><layout><text macro=\"nowhere\"/></layout>"
	                 "</citation></style>", &c));
	assert_contains(unit_capture_text(&c), "macro \"nowhere\" is called but not defined");
	unit_capture_free(&c);
}

/* A style of about SIZE bytes: one macro after another, each calling the next. */
static char *
big_style(size_t size)
{
	struct buf b = {0};
	unsigned i;

	buf_puts(&b, HEAD);
	for (i = 0; b.len < size; i++)
		buf_printf(&b, "<macro name=\"m%u\"><text macro=\"m%u\"/></macro>", i, i + 1);
	buf_printf(&b, "<macro name=\"m%u\"><text value=\"end\"/></macro>"
	           "<citation><layout><text macro=\"m0\"/></layout></citation></style>", i);
	return b.data;
}

/* A style of about SIZE bytes is refused within two seconds, saying WHY. */
static void
assert_refused_quickly(size_t size, const char *why)
{
	struct unit_capture c;
	struct timespec t0;
	char *text = big_style(size);

	unit_capture_init(&c);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_null(load(text, &c));
	assert_true(unit_seconds_since(&t0) < 2.0);
	assert_contains(unit_capture_text(&c), why);
	free(text);
	unit_capture_free(&c);
}

static void
test_ten_megabytes_bounded(void **state)
{
	(void)state;
	assert_refused_quickly((size_t)10 << 20, "larger than the limit of 4194304 bytes");
}

static void
test_too_many_elements_bounded(void **state)
{
	(void)state;
	assert_refused_quickly((size_t)3 << 20, "more than 100000 elements, the limit");
}

static void
test_deep_macro_calls_refused(void **state)
{
	(void)state;
	/* a thousand macros, each calling the next: within the size limits */
	assert_refused_quickly(60000, "macros call each other more than 50 deep");
}

static void
test_too_deep_refused(void **state)
{
	struct unit_capture c;
	struct buf b = {0};
	int i;

	(void)state;
	unit_capture_init(&c);
	buf_puts(&b, HEAD "<citation><layout>");
	for (i = 0; i < 100; i++)
		buf_puts(&b, "<group>");
	for (i = 0; i < 100; i++)
		buf_puts(&b, "</group>");
	buf_puts(&b, "</layout></citation></style>");
	assert_null(load(b.data, &c));
	assert_contains(unit_capture_text(&c), "nest more than 64 deep");
	buf_free(&b);
	unit_capture_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_style),
		cmocka_unit_test(test_not_csl_is_refused),
		cmocka_unit_test(test_macro_loop_is_refused),
		cmocka_unit_test(test_missing_macro_is_refused),
		cmocka_unit_test(test_ten_megabytes_bounded),
		cmocka_unit_test(test_too_many_elements_bounded),
		cmocka_unit_test(test_deep_macro_calls_refused),
		cmocka_unit_test(test_too_deep_refused),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
