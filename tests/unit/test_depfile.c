/* test_depfile.c - depfile rules: each path once, escaped as make and ninja read it. */
#include "unit.h"

#include "depfile.h"

static void
test_rule_and_escapes(void **state)
{
	struct depfile_list targets = {NULL, 0}, deps = {NULL, 0};
	struct buf out = {0};

	(void)state;
	depfile_list_add(&targets, "out/a b.html");
	depfile_list_add(&targets, "out/a b.epub");
	depfile_list_add(&deps, "briefs/a b.xml");
	depfile_list_add(&deps, "xsl/html.xsl");
	depfile_list_add(&deps, "images/#1 $cost.png");
	depfile_list_add(&deps, "xsl/html.xsl");
	assert_int_equal(deps.n, 3);
	depfile_rule(&out, &targets, &deps);
	assert_string_equal(out.data, "out/a\\ b.html out/a\\ b.epub: briefs/a\\ b.xml "
	                    "xsl/html.xsl images/\\#1\\ $$cost.png\n");
	depfile_list_free(&targets);
	depfile_list_free(&deps);
	assert_int_equal(targets.n, 0);
	buf_free(&out);
}

static void
test_rule_without_deps(void **state)
{
	struct depfile_list targets = {NULL, 0}, deps = {NULL, 0};
	struct buf out = {0};

	(void)state;
	depfile_list_add(&targets, "a.html");
	depfile_rule(&out, &targets, &deps);
	assert_string_equal(out.data, "a.html:\n");
	depfile_list_free(&targets);
	buf_free(&out);
}

static void
test_line_breaks_cannot_be_written(void **state)
{
	(void)state;
	assert_true(depfile_path_ok("a b/c#d$e.xml"));
	assert_false(depfile_path_ok("a\nb.xml"));
	assert_false(depfile_path_ok("a\rb.xml"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_and_escapes),
		cmocka_unit_test(test_rule_without_deps),
		cmocka_unit_test(test_line_breaks_cannot_be_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
