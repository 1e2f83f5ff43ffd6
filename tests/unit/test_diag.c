/* test_diag.c - the FILE:LINE:COL format, the order of held findings, counts, exit
 * statuses and the summary line. */
#include "unit.h"

#include "diag.h"

static void
test_format_full_position(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 12, 7, "element <%s> not allowed (%d)",
	            "pare", 3);
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:12:7: error: element <pare> not allowed (3) [schema]\n");
	unit_capture_free(&c);
}

static void
test_format_unknown_line_or_column(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_XML, "a.xml", 4, 0, "line only");
	diag_report(&c.d, RULE_IO, "b.xml", 0, 0, "cannot open: %s", "No such file");
	diag_report(&c.d, RULE_XSLT, "c.xsl", 0, 9, "column without line");
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:4: error: line only [xml]\n"
	                    "b.xml: error: cannot open: No such file [io]\n"
	                    "c.xsl: error: column without line [xslt]\n");
	unit_capture_free(&c);
}

static void
test_format_note_has_no_rule(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_DUPLICATE_ID, "a.xml", 9, 3, "xml:id \"%s\" is already used",
	            "x");
	diag_related(&c.d, "a.xml", 4, 5, "\"%s\" first defined here", "x");
	diag_related(&c.d, "a.xml", 0, 0, "no position");
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:9:3: error: xml:id \"x\" is already used [duplicate-id]\n"
	                    "a.xml:4:5: note: \"x\" first defined here\n"
	                    "a.xml: note: no position\n");
	/* Notes are not findings. */
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(c.d.warnings, 0);
	unit_capture_free(&c);
}

static void
test_long_message_kept_whole(void **state)
{
	struct unit_capture c;
	char msg[5001], want[5100];

	(void)state;
	memset(msg, 'm', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	snprintf(want, sizeof(want), "f:1:1: error: %s [xml]\n", msg);
	unit_capture_init(&c);
	diag_report(&c.d, RULE_XML, "f", 1, 1, "%s", msg);
	diag_report(&c.d, RULE_XML, "f", 2, 1, "%s", "");
	assert_int_equal(strlen(unit_capture_text(&c)), strlen(want) + strlen("f:2:1: error:  [xml]\n"));
	assert_memory_equal(c.buf, want, strlen(want));
	assert_string_equal(c.buf + strlen(want), "f:2:1: error:  [xml]\n");
	unit_capture_free(&c);
}

static void
test_held_until_flush(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_XML, "a.xml", 1, 1, "first");
	assert_int_equal(fflush(c.out), 0);
	assert_int_equal(c.len, 0);
	assert_string_equal(unit_capture_text(&c), "a.xml:1:1: error: first [xml]\n");
	/* A second flush prints nothing again; later findings follow. */
	diag_report(&c.d, RULE_XML, "a.xml", 1, 1, "second");
	assert_string_equal(unit_capture_text(&c), "a.xml:1:1: error: first [xml]\n"
	                                           "a.xml:1:1: error: second [xml]\n");
	assert_string_equal(unit_capture_text(&c), "a.xml:1:1: error: first [xml]\n"
	                                           "a.xml:1:1: error: second [xml]\n");
	unit_capture_free(&c);
}

static void
test_diag_free_prints_held(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct diag d;

	(void)state;
	assert_non_null(out);
	diag_init(&d, out);
	diag_report(&d, RULE_IO, "x", 0, 0, "held");
	diag_free(&d);
	fclose(out);
	assert_string_equal(buf, "x: error: held [io]\n");
	free(buf);
}

static void
test_order_by_line_then_column(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 10, 2, "ten-two");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 3, 9, "three-nine");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 10, 1, "ten-one");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 3, 9, "three-nine again");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 0, 0, "whole file");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 2, 40, "two-forty");
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml: error: whole file [schema]\n"
	                    "a.xml:2:40: error: two-forty [schema]\n"
	                    "a.xml:3:9: error: three-nine [schema]\n"
	                    "a.xml:3:9: error: three-nine again [schema]\n"
	                    "a.xml:10:1: error: ten-one [schema]\n"
	                    "a.xml:10:2: error: ten-two [schema]\n");
	unit_capture_free(&c);
}

static void
test_note_stays_after_its_finding(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_DUPLICATE_ID, "a.xml", 20, 3, "dup b");
	diag_related(&c.d, "a.xml", 2, 3, "b first");
	diag_report(&c.d, RULE_DUPLICATE_ID, "a.xml", 8, 3, "dup a");
	diag_related(&c.d, "a.xml", 30, 1, "a first");
	diag_related(&c.d, "a.xml", 1, 1, "a also");
	diag_report(&c.d, RULE_BROKEN_LINK, "a.xml", 8, 3, "link at same place");
	diag_report(&c.d, RULE_BROKEN_LINK, "a.xml", 5, 1, "link");
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:5:1: error: link [broken-link]\n"
	                    "a.xml:8:3: error: dup a [duplicate-id]\n"
	                    "a.xml:30:1: note: a first\n"
	                    "a.xml:1:1: note: a also\n"
	                    "a.xml:8:3: error: link at same place [broken-link]\n"
	                    "a.xml:20:3: error: dup b [duplicate-id]\n"
	                    "a.xml:2:3: note: b first\n");
	assert_int_equal(c.d.errors, 4);
	unit_capture_free(&c);
}

static void
test_files_in_order_of_first_report(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_SCHEMA, "z.xml", 9, 1, "z9");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 1, 1, "a1");
	diag_report(&c.d, RULE_SCHEMA, "z.xml", 2, 1, "z2");
	diag_report(&c.d, RULE_SCHEMA, "m.xml", 5, 1, "m5");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 0, 0, "a0");
	assert_string_equal(unit_capture_text(&c),
	                    "z.xml:2:1: error: z2 [schema]\n"
	                    "z.xml:9:1: error: z9 [schema]\n"
	                    "a.xml: error: a0 [schema]\n"
	                    "a.xml:1:1: error: a1 [schema]\n"
	                    "m.xml:5:1: error: m5 [schema]\n");
	unit_capture_free(&c);
}

/* A note naming another file does not give that file its owner's rank: the next
 * finding in the other file sorts after all of the owner file's findings. */
static void
test_note_in_other_file_does_not_rank_it(void **state)
{
	struct unit_capture c;
	char got[256];

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 10, 1, "a10");
	diag_related(&c.d, "b.xml", 1, 1, "see b");
	diag_report(&c.d, RULE_SCHEMA, "b.xml", 5, 1, "b5");
	diag_report(&c.d, RULE_SCHEMA, "a.xml", 20, 1, "a20");
	snprintf(got, sizeof(got), "%s", unit_capture_text(&c));
	unit_capture_free(&c); /* before the assertion, which fails while the bug stands */
	assert_string_equal(got, "a.xml:10:1: error: a10 [schema]\n"
	                         "b.xml:1:1: note: see b\n"
	                         "a.xml:20:1: error: a20 [schema]\n"
	                         "b.xml:5:1: error: b5 [schema]\n");
}

static void
test_counts_and_status(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(diag_status(&c.d), EXIT_CLEAN);
	diag_related(&c.d, "a.xml", 1, 1, "a stray note counts nothing");
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(diag_status(&c.d), EXIT_CLEAN);

	diag_report(&c.d, RULE_SCHEMA, "a.xml", 1, 1, "s");
	diag_report(&c.d, RULE_BROKEN_LINK, "a.xml", 2, 1, "l");
	assert_int_equal(c.d.errors, 2);
	assert_int_equal(c.d.warnings, 0);
	assert_int_equal(c.d.io_errors, 0);
	assert_int_equal(diag_status(&c.d), EXIT_INPUT);

	diag_report(&c.d, RULE_IO, "b.xml", 0, 0, "cannot open");
	assert_int_equal(c.d.errors, 3);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);

	/* Counts survive a flush. */
	diag_flush(&c.d);
	assert_int_equal(c.d.errors, 3);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	unit_capture_free(&c);
}

static void
test_io_alone_is_usage_status(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_IO, "out.html", 0, 0, "cannot write");
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	assert_int_equal(EXIT_CLEAN, 0);
	assert_int_equal(EXIT_INPUT, 1);
	assert_int_equal(EXIT_USAGE, 2);
	unit_capture_free(&c);
}

static void
test_summary_plurals(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	diag_report(&c.d, RULE_XML, "a.xml", 3, 1, "bad");
	diag_summary(&c.d, 1);
	assert_string_equal(unit_capture_text(&c), "a.xml:3:1: error: bad [xml]\n"
	                           "briefc: 1 file checked: 1 error, 0 warnings\n");
	unit_capture_free(&c);

	unit_capture_init(&c);
	diag_summary(&c.d, 2);
	assert_string_equal(unit_capture_text(&c), "briefc: 2 files checked: 0 errors, 0 warnings\n");
	unit_capture_free(&c);

	unit_capture_init(&c);
	diag_report(&c.d, RULE_XML, "a.xml", 0, 0, "x");
	diag_report(&c.d, RULE_XML, "b.xml", 0, 0, "y");
	diag_summary(&c.d, 0);
	assert_string_equal(unit_capture_text(&c), "a.xml: error: x [xml]\n"
	                           "b.xml: error: y [xml]\n"
	                           "briefc: 0 files checked: 2 errors, 0 warnings\n");
	unit_capture_free(&c);
}

static void
test_rule_table(void **state)
{
	static const char *const ids[RULE__COUNT] = {
		"io", "encoding", "xml", "doctype", "schema", "duplicate-id", "broken-link",
		"citation-unrecognised", "ibid-no-antecedent", "ibid-ambiguous",
		"short-form-unmatched", "short-form-ambiguous", "short-form-before-full",
		"reversed-range", "biblioref-target", "uncited-entry", "xslt",
	};
	int r;

	(void)state;
	assert_int_equal(RULE__COUNT, 17);
	for (r = 0; r < RULE__COUNT; r++) {
		assert_string_equal(diag_rule_id((enum diag_rule)r), ids[r]);
		assert_int_equal(diag_rule_severity((enum diag_rule)r),
		                 r == RULE_UNCITED_ENTRY ? SEV_WARNING : SEV_ERROR);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_full_position),
		cmocka_unit_test(test_format_unknown_line_or_column),
		cmocka_unit_test(test_format_note_has_no_rule),
		cmocka_unit_test(test_long_message_kept_whole),
		cmocka_unit_test(test_held_until_flush),
		cmocka_unit_test(test_diag_free_prints_held),
		cmocka_unit_test(test_order_by_line_then_column),
		cmocka_unit_test(test_note_stays_after_its_finding),
		cmocka_unit_test(test_files_in_order_of_first_report),
		cmocka_unit_test(test_note_in_other_file_does_not_rank_it),
		cmocka_unit_test(test_counts_and_status),
		cmocka_unit_test(test_io_alone_is_usage_status),
		cmocka_unit_test(test_summary_plurals),
		cmocka_unit_test(test_rule_table),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
