/* test_render.c - the formats and the one time every output records: from
 * SOURCE_DATE_EPOCH, else the brief's pubdate, else 1980-01-01; and the parameters
 * each stylesheet is given. */
#include "unit.h"

#include "render.h"
#include "resolve.h"

#define BRIEF(info) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author>" info "</info>\n" \
	"<para>Text.</para>\n</article>\n"

/* render_time of a brief with INFO (extra <info> children) and SOURCE_DATE_EPOCH
 * EPOCH; returns its result, the time in *STAMP. */
static int
stamp_of(const char *text, const char *epoch, time_t *stamp)
{
	struct unit_capture c;
	struct source src;
	char *path;
	int ret;

	unit_capture_init(&c);
	path = unit_load(&src, text, &c.d);
	ret = render_time(&src, epoch, stamp);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmfile(path);
	return ret;
}

static void
test_time_from_source_date_epoch(void **state)
{
	time_t t = 0;

	(void)state;
	assert_int_equal(stamp_of(BRIEF("<pubdate>2015-12-23</pubdate>"), "1452902400", &t), 0);
	assert_int_equal(t, 1452902400); /* the variable wins over the brief */
	assert_int_equal(stamp_of(BRIEF(""), "0", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(stamp_of(BRIEF(""), "", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "12abc", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "-5", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "99999999999999999999999", &t), -1);
}

static void
test_time_from_the_brief(void **state)
{
	time_t t = 0;

	(void)state;
	assert_int_equal(stamp_of(BRIEF("<pubdate>2015-12-23</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 1450828800);
	assert_int_equal(stamp_of(BRIEF("<pubdate>2016-02</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 1454284800); /* 2016-02-01 */
	assert_int_equal(stamp_of(BRIEF("<pubdate>2000</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 946684800);
	assert_int_equal(stamp_of(BRIEF("<pubdate>1969-07-20</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, -14256000); /* before 1970 is a date too */
	assert_int_equal(stamp_of(BRIEF(""), NULL, &t), 0);
	assert_int_equal(t, RENDER_DEFAULT_TIME);
	assert_int_equal(RENDER_DEFAULT_TIME, 315532800); /* 1980-01-01T00:00:00Z */
}

static void
test_format_names(void **state)
{
	enum render_format f = RENDER_HTML;

	(void)state;
	assert_int_equal(render_format_by_name("epub", &f), 0);
	assert_int_equal(f, RENDER_EPUB);
	assert_string_equal(render_extension(f), ".epub");
	assert_int_equal(render_format_by_name("text", &f), 0);
	assert_string_equal(render_extension(f), ".txt");
	assert_string_equal(render_format_name(f), "text");
	assert_int_equal(render_format_by_name("pdf", &f), -1);
	assert_int_equal(f, RENDER_TEXT);
}

/* Renders BRIEF("") as html with a stylesheet that prints $modified and $who, and
 * the user's PARAMS; returns the output (caller frees). */
static char *
params_seen(const char *const *params, time_t stamp)
{
	static const char sheet[] =
		"<?xml version=\"1.0\"?>\n"
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
		"<xsl:output method=\"text\"/>\n"
		"<xsl:param name=\"modified\"/><xsl:param name=\"who\" select=\"'nobody'\"/>\n"
		"<xsl:template match=\"/\"><xsl:value-of select=\"concat($modified, ' ', $who)\"/>"
		"</xsl:template>\n</xsl:stylesheet>\n";
	struct unit_capture c;
	struct transform *t;
	struct source src;
	struct buf out[RENDER__COUNT] = {{0}};
	const bool want[RENDER__COUNT] = {[RENDER_HTML] = true};
	char *dir = unit_tempdir(), *path;

	free(unit_write(dir, "html.xsl", sheet, strlen(sheet)));
	unit_capture_init(&c);
	path = unit_load(&src, BRIEF(""), &c.d);
	t = transform_new(dir, &c.d);
	assert_non_null(t);
	assert_int_equal(render(t, want, &src, NULL, params, stamp, out, &c.d), 0);
	transform_free(t);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmfile(path);
	unit_rmtree(dir);
	free(dir);
	return out[RENDER_HTML].data;
}

static void
test_parameters(void **state)
{
	const char *who[] = {"who", "it's me", NULL};
	const char *both[] = {"modified", "yesterday", "who", "you", NULL};
	const char *quotes[] = {"who", "it's \"both\" 'kinds' ", NULL};
	char *out;

	(void)state;
	out = params_seen(NULL, 1452902400);
	assert_string_equal(out, "2016-01-16T00:00:00Z nobody");
	free(out);
	out = params_seen(who, RENDER_DEFAULT_TIME);
	assert_string_equal(out, "1980-01-01T00:00:00Z it's me");
	free(out);
	out = params_seen(both, 0); /* the user's "modified" wins */
	assert_string_equal(out, "yesterday you");
	free(out);
	/* A value with both kinds of quotation mark reaches the stylesheet whole. */
	out = params_seen(quotes, RENDER_DEFAULT_TIME);
	assert_string_equal(out, "1980-01-01T00:00:00Z it's \"both\" 'kinds' ");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_from_source_date_epoch),
		cmocka_unit_test(test_time_from_the_brief),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
