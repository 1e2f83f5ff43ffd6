/* test_baseline.c - the baseline: keys that survive renumbering, counts used up, the
 * file written sorted and read back, stale and malformed entries reported. */
#include "unit.h"

#include "baseline.h"

static void
test_keys_ignore_numbers(void **state)
{
	struct baseline *b = baseline_new();

	(void)state;
	baseline_add(b, "a.xml", RULE_IBID_NO_ANTECEDENT, "Ibid. in note 3 refers to note 2");
	assert_true(baseline_take(b, "a.xml", RULE_IBID_NO_ANTECEDENT,
	                          "Ibid. in note 14 refers to note 13"));
	/* Used up: the same finding a second time is new. */
	assert_false(baseline_take(b, "a.xml", RULE_IBID_NO_ANTECEDENT,
	                           "Ibid. in note 3 refers to note 2"));
	baseline_add(b, "a.xml", RULE_IBID_NO_ANTECEDENT, "Ibid. in note 3 refers to note 2");
	assert_false(baseline_take(b, "b.xml", RULE_IBID_NO_ANTECEDENT,
	                           "Ibid. in note 3 refers to note 2"));
	assert_false(baseline_take(b, "a.xml", RULE_IBID_AMBIGUOUS,
	                           "Ibid. in note 3 refers to note 2"));
	assert_false(baseline_take(b, "a.xml", RULE_IBID_NO_ANTECEDENT,
	                           "Ibid. in note 3 refers to a note"));
	baseline_free(b);
}

/* Writes a baseline of three findings (two of one key) into a fresh directory and
 * reads it back; returns the file's path (caller frees; unit_rmfile removes it). */
static char *
written(struct unit_capture *c, char **text)
{
	struct baseline *b = baseline_new();
	char *dir = unit_tempdir(), *path = malloc(strlen(dir) + 16);
	FILE *f;
	long n;

	assert_non_null(path);
	sprintf(path, "%s/brief.xml", dir); /* unit_rmfile's shape: DIR/brief.xml */
	free(dir);
	baseline_add(b, "z.xml", RULE_UNCITED_ENTRY, "entry \"x1\" is never cited");
	baseline_add(b, "a.xml", RULE_SHORT_UNMATCHED, "short form \"X\" in note 7 fits no work");
	baseline_add(b, "a.xml", RULE_SHORT_UNMATCHED, "short form \"X\" in note 9 fits no work");
	assert_int_equal(baseline_write(b, path, &c->d), 0);
	baseline_free(b);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	*text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(*text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return path;
}

static void
test_write_and_read_back(void **state)
{
	struct unit_capture c;
	struct baseline *b;
	char *text, *path;

	(void)state;
	unit_capture_init(&c);
	path = written(&c, &text);
	assert_string_equal(text,
		"# briefc baseline: known findings that `briefc check --baseline FILE`\n"
		"# accepts. COUNT\tFILE\tRULE\tMESSAGE (numbers as #), one key a line.\n"
		"2\ta.xml\tshort-form-unmatched\tshort form \"X\" in note # fits no work\n"
		"1\tz.xml\tuncited-entry\tentry \"x#\" is never cited\n");
	b = baseline_load(path, &c.d);
	assert_non_null(b);
	assert_true(baseline_take(b, "a.xml", RULE_SHORT_UNMATCHED,
	                          "short form \"X\" in note 1 fits no work"));
	/* One of the two left unused, and the z.xml entry: both stale, at their lines. */
	baseline_report_unused(b, &c.d);
	diag_flush(&c.d);
	assert_non_null(strstr(unit_capture_text(&c), ":3:1: warning: 1 of 2 accepted "
	                       "findings no longer found (short-form-unmatched in a.xml: "
	                       "short form \"X\" in note # fits no work); drop the entry or "
	                       "lower its count [stale-baseline]\n"));
	assert_non_null(strstr(unit_capture_text(&c), ":4:1: warning: 1 of 1 accepted "
	                       "finding no longer found (uncited-entry in z.xml"));
	assert_int_equal(c.d.warnings, 2);
	baseline_free(b);
	free(text);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_malformed_and_missing(void **state)
{
	struct unit_capture c;
	static const char bad[] = "# fine\n\n2\ta.xml\tno-such-rule\tm\n"
	                          "x\ta.xml\tio\tm\n1\ta.xml\tio\tm\n";
	char *dir = unit_tempdir();
	char *path = unit_write(dir, "bad.tsv", bad, strlen(bad));

	(void)state;
	unit_capture_init(&c);
	assert_null(baseline_load(path, &c.d));
	assert_contains(unit_capture_text(&c), "bad.tsv:3:1: error: not a baseline entry");
	assert_contains(unit_capture_text(&c), "bad.tsv:4:1: error: not a baseline entry");
	assert_not_contains(unit_capture_text(&c), "bad.tsv:5:");
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	unit_capture_free(&c);

	unit_capture_init(&c);
	free(path);
	path = malloc(strlen(dir) + sizeof("/none.tsv"));
	assert_non_null(path);
	sprintf(path, "%s/none.tsv", dir);
	assert_null(baseline_load(path, &c.d));
	assert_contains(unit_capture_text(&c), "none.tsv: error: cannot read the baseline: "
	                "No such file or directory [io]");
	unit_capture_free(&c);
	unit_rmtree(dir);
	free(dir);
	free(path);
}

/* Through diag: an accepted finding is not counted, and its notes go with it. */
static void
test_diag_accepts(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	c.d.baseline = baseline_new();
	baseline_add(c.d.baseline, "a.xml", RULE_SHORT_AMBIGUOUS, "fits 2 works");
	diag_report(&c.d, RULE_SHORT_AMBIGUOUS, "a.xml", 9, 1, "fits 2 works");
	diag_related(&c.d, "a.xml", 7, 1, "candidate");
	diag_report(&c.d, RULE_SHORT_AMBIGUOUS, "a.xml", 12, 1, "fits 3 works");
	diag_summary(&c.d, 1);
	/* "fits 3 works" has the same key, but its one count went to the first. */
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:12:1: error: fits 3 works [short-form-ambiguous]\n"
	                    "briefc: 1 file checked: 1 error, 0 warnings (1 accepted by the "
	                    "baseline)\n");
	unit_capture_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_ignore_numbers),
		cmocka_unit_test(test_write_and_read_back),
		cmocka_unit_test(test_malformed_and_missing),
		cmocka_unit_test(test_diag_accepts),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
