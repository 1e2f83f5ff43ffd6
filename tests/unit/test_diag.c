/* test_diag.c - the FILE:LINE:COL format, the order of held findings, counts, exit
 * statuses and the summary line; held findings written out at once. */
#define _GNU_SOURCE /* fopencookie */
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

/* What a second thread found with a diag of its own joins the main one: sorted in
 * with it, notes after their findings, levels as the main one sets them, and none
 * left behind to print twice. */
static void
test_take_from_another(void **state)
{
	struct unit_capture c;
	struct diag other;

	(void)state;
	unit_capture_init(&c);
	c.d.level[RULE_UNCITED_ENTRY] = SEV_OFF;
	diag_init(&other, NULL);
	diag_report(&c.d, RULE_BROKEN_LINK, "a.xml", 9, 1, "main");
	diag_report(&other, RULE_XSLT, "a.xml", 0, 0, "other");
	diag_report(&other, RULE_DUPLICATE_ID, "a.xml", 3, 2, "dup");
	diag_related(&other, "a.xml", 1, 2, "first");
	diag_report(&other, RULE_UNCITED_ENTRY, "a.xml", 4, 1, "dropped here");
	diag_take(&c.d, &other);
	assert_int_equal(other.nheld, 0);
	diag_free(&other);
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml: error: other [xslt]\n"
	                    "a.xml:3:2: error: dup [duplicate-id]\n"
	                    "a.xml:1:2: note: first\n"
	                    "a.xml:9:1: error: main [broken-link]\n");
	assert_int_equal(c.d.errors, 3);
	assert_int_equal(c.d.warnings, 0);
	unit_capture_free(&c);
}

/* Findings made apart, ahead of their turn: the levels and --werror of the diag they
 * go to, counted there as there, and printed only once taken. */
static void
test_init_apart(void **state)
{
	struct unit_capture c;
	struct diag apart;

	(void)state;
	unit_capture_init(&c);
	c.d.level[RULE_UNCITED_ENTRY] = SEV_OFF;
	c.d.level[RULE_REPEATED_FULL] = SEV_WARNING;
	c.d.werror = true;
	diag_init_apart(&apart, &c.d);
	diag_report(&apart, RULE_UNCITED_ENTRY, "b.xml", 4, 1, "off");
	diag_related(&apart, "b.xml", 1, 1, "the off one's note");
	diag_report(&apart, RULE_REPEATED_FULL, "b.xml", 2, 1, "raised");
	diag_report(&apart, RULE_PAGE_LABEL, "b.xml", 3, 1, "a warning, counted an error");
	assert_int_equal(apart.errors, 2);
	assert_int_equal(apart.warnings, 0);
	assert_null(apart.out);
	diag_flush(&apart);
	assert_string_equal(unit_capture_text(&c), "");
	diag_take(&c.d, &apart);
	diag_free(&apart);
	assert_string_equal(unit_capture_text(&c),
	                    "b.xml:2:1: error: raised [repeated-full]\n"
	                    "b.xml:3:1: error: a warning, counted an error [page-label]\n");
	assert_int_equal(c.d.errors, 2);
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
	static const struct {
		const char *id;
		enum diag_severity severity;
	} want[RULE__COUNT] = {
		{"io", SEV_ERROR}, {"encoding", SEV_ERROR}, {"xml", SEV_ERROR},
		{"doctype", SEV_ERROR}, {"schema", SEV_ERROR}, {"nested-footnote", SEV_ERROR},
		{"duplicate-id", SEV_ERROR}, {"broken-link", SEV_ERROR},
		{"malformed-url", SEV_ERROR}, {"image", SEV_ERROR}, {"empty-note", SEV_WARNING},
		{"citation-unrecognised", SEV_ERROR}, {"ibid-no-antecedent", SEV_ERROR},
		{"ibid-ambiguous", SEV_ERROR}, {"short-form-unmatched", SEV_ERROR},
		{"short-form-ambiguous", SEV_ERROR}, {"short-form-before-full", SEV_ERROR},
		{"reversed-range", SEV_ERROR}, {"page-label", SEV_WARNING},
		{"malformed-date", SEV_WARNING}, {"conflicting-fields", SEV_WARNING},
		{"repeated-full", SEV_STYLE}, {"missing-locator", SEV_WARNING},
		{"unmarked-citation", SEV_WARNING}, {"note-style", SEV_STYLE},
		{"short-title", SEV_STYLE},
		{"biblioref-target", SEV_ERROR},
		{"uncited-entry", SEV_WARNING}, {"stale-baseline", SEV_WARNING},
		{"xslt", SEV_ERROR}, {"manuscript", SEV_ERROR}, {"citation-unsure", SEV_WARNING},
		{"csl", SEV_ERROR},
	};
	enum diag_rule rule;
	int r;

	(void)state;
	assert_int_equal(RULE__COUNT, 33);
	for (r = 0; r < RULE__COUNT; r++) {
		assert_string_equal(diag_rule_id((enum diag_rule)r), want[r].id);
		assert_int_equal(diag_rule_severity((enum diag_rule)r), want[r].severity);
		assert_true(strlen(diag_rule_rationale((enum diag_rule)r)) > 20);
		assert_int_equal(diag_rule_by_id(want[r].id, &rule), 0);
		assert_int_equal(rule, r);
	}
	assert_int_equal(diag_rule_by_id("nope", &rule), -1);
}

/* -W: a rule switched off drops its findings and their notes; levels move findings
 * between the counts; --werror makes warnings errors but leaves style alone. */
static void
test_levels_and_werror(void **state)
{
	struct unit_capture c;

	(void)state;
	unit_capture_init(&c);
	c.d.level[RULE_SHORT_AMBIGUOUS] = SEV_OFF;
	c.d.level[RULE_UNCITED_ENTRY] = SEV_STYLE;
	diag_report(&c.d, RULE_SHORT_AMBIGUOUS, "a.xml", 3, 1, "gone");
	diag_related(&c.d, "a.xml", 1, 1, "gone too");
	diag_report(&c.d, RULE_UNCITED_ENTRY, "a.xml", 4, 2, "lowered");
	diag_report(&c.d, RULE_EMPTY_NOTE, "a.xml", 5, 3, "a warning");
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:4:2: style: lowered [uncited-entry]\n"
	                    "a.xml:5:3: warning: a warning [empty-note]\n");
	assert_int_equal(c.d.errors, 0);
	assert_int_equal(c.d.warnings, 1);
	assert_int_equal(c.d.styles, 1);
	assert_int_equal(diag_status(&c.d), EXIT_CLEAN);
	unit_capture_free(&c);

	unit_capture_init(&c);
	c.d.werror = true;
	diag_report(&c.d, RULE_EMPTY_NOTE, "a.xml", 5, 3, "a warning");
	diag_report(&c.d, RULE_REPEATED_FULL, "a.xml", 6, 1, "style stays");
	diag_summary(&c.d, 1);
	assert_string_equal(unit_capture_text(&c),
	                    "a.xml:5:3: error: a warning [empty-note]\n"
	                    "a.xml:6:1: style: style stays [repeated-full]\n"
	                    "briefc: 1 file checked: 1 error, 0 warnings, 1 style\n");
	assert_int_equal(diag_status(&c.d), EXIT_INPUT);
	unit_capture_free(&c);
}

static void
test_names(void **state)
{
	enum diag_severity sev;
	enum diag_format f;

	(void)state;
	assert_int_equal(diag_severity_by_name("off", &sev), 0);
	assert_int_equal(sev, SEV_OFF);
	assert_int_equal(diag_severity_by_name("style", &sev), 0);
	assert_int_equal(sev, SEV_STYLE);
	assert_int_equal(diag_severity_by_name("note", &sev), -1); /* not a level */
	assert_int_equal(diag_format_by_name("sarif", &f), 0);
	assert_int_equal(f, DIAG_SARIF);
	assert_int_equal(diag_format_by_name("xml", &f), -1);
}

/* Two findings, one with a note, in FORMAT; returns what was printed (to free). */
static char *
two_findings(enum diag_format format, bool color)
{
	static const char *const files[] = {"dir/a b.xml"};
	struct unit_capture c;
	char *out;

	unit_capture_init(&c);
	c.d.format = format;
	c.d.color = color;
	c.d.files = files;
	c.d.nfiles = 1;
	diag_report(&c.d, RULE_SHORT_AMBIGUOUS, "dir/a b.xml", 9, 39, "fits two: A, B 100%%");
	diag_related(&c.d, "dir/a b.xml", 7, 33, "candidate");
	diag_report(&c.d, RULE_UNCITED_ENTRY, "dir/a b.xml", 15, 5, "never cited");
	diag_flush(&c.d);
	diag_summary(&c.d, 1);
	out = strdup(unit_capture_text(&c));
	unit_capture_free(&c);
	return out;
}

static void
test_format_github(void **state)
{
	char *out = two_findings(DIAG_GITHUB, false);

	(void)state;
	assert_string_equal(out,
		"::error file=dir/a b.xml,line=9,col=39,title=short-form-ambiguous::"
		"fits two: A, B 100%25\n"
		"::notice file=dir/a b.xml,line=7,col=33,title=note::candidate\n"
		"::warning file=dir/a b.xml,line=15,col=5,title=uncited-entry::never cited\n"
		"briefc: 1 file checked: 1 error, 1 warning\n");
	free(out);
}

static void
test_format_gcc_in_colour(void **state)
{
	char *out = two_findings(DIAG_GCC, true);

	(void)state;
	assert_string_equal(out,
		"\033[1mdir/a b.xml:9:39:\033[0m \033[1;31merror:\033[0m fits two: A, B 100% "
		"[short-form-ambiguous]\n"
		"\033[1mdir/a b.xml:7:33:\033[0m \033[1;36mnote:\033[0m candidate\n"
		"\033[1mdir/a b.xml:15:5:\033[0m \033[1;35mwarning:\033[0m never cited "
		"[uncited-entry]\n"
		"briefc: 1 file checked: 1 error, 1 warning\n");
	free(out);
}

static void
test_format_json(void **state)
{
	char *out = two_findings(DIAG_JSON, false);

	(void)state;
	assert_contains(out, "  \"files\": [\n    \"dir/a b.xml\"\n  ],\n");
	assert_contains(out,
		"    {\n"
		"      \"file\": \"dir/a b.xml\",\n"
		"      \"line\": 9,\n"
		"      \"column\": 39,\n"
		"      \"severity\": \"error\",\n"
		"      \"rule\": \"short-form-ambiguous\",\n"
		"      \"message\": \"fits two: A, B 100%\",\n"
		"      \"related\": [\n"
		"        {\n"
		"          \"file\": \"dir/a b.xml\",\n"
		"          \"line\": 7,\n"
		"          \"column\": 33,\n"
		"          \"message\": \"candidate\"\n"
		"        }\n"
		"      ]\n"
		"    },\n");
	assert_contains(out, "\"rule\": \"uncited-entry\",\n");
	assert_contains(out, "  \"summary\": {\n    \"errors\": 1,\n    \"warnings\": 1,\n");
	assert_not_contains(out, "briefc: 1 file");
	free(out);
}

static void
test_format_sarif(void **state)
{
	char *out = two_findings(DIAG_SARIF, false);

	(void)state;
	assert_contains(out, "\"version\": \"2.1.0\"");
	assert_contains(out, "\"columnKind\": \"unicodeCodePoints\"");
	assert_contains(out, "\"id\": \"repeated-full\",\n"); /* every rule is described */
	assert_contains(out,
		"          \"ruleId\": \"short-form-ambiguous\",\n"
		"          \"ruleIndex\": 15,\n"
		"          \"level\": \"error\",\n");
	assert_contains(out, "\"uri\": \"dir/a%20b.xml\"");
	assert_contains(out,
		"                \"region\": {\n"
		"                  \"startLine\": 9,\n"
		"                  \"startColumn\": 39\n");
	assert_contains(out, "\"relatedLocations\": [\n");
	assert_contains(out, "\"level\": \"warning\",\n");
	free(out);
}

static void
test_list_rules(void **state)
{
	char *buf = NULL;
	size_t len = 0, lines = 0, i;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	diag_list_rules(f);
	fclose(f);
	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	assert_int_equal(lines, RULE__COUNT);
	assert_contains(buf, "\nrepeated-full           style    after a work's first");
	free(buf);
}

/* A write to a stream of fopencookie's, counted in COOKIE. */
static ssize_t
count_write(void *cookie, const char *buf, size_t size)
{
	(void)buf;
	++*(size_t *)cookie;
	return (ssize_t)size;
}

/* An unbuffered stream, as standard error is, gets the held findings in one write,
 * not one for each character. */
static void
test_flush_writes_once(void **state)
{
	cookie_io_functions_t io = {NULL, count_write, NULL, NULL};
	size_t writes = 0;
	FILE *out = fopencookie(&writes, "w", io);
	struct diag d;
	int i;

	(void)state;
	assert_non_null(out);
	assert_int_equal(setvbuf(out, NULL, _IONBF, 0), 0);
	diag_init(&d, out);
	for (i = 0; i < 100; i++)
		diag_report(&d, RULE_SCHEMA, "a.xml", (unsigned)i + 1, 1, "finding %d", i);
	assert_int_equal(writes, 0);
	diag_flush(&d);
	assert_int_equal(writes, 1);
	diag_free(&d);
	assert_int_equal(fclose(out), 0);
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
		cmocka_unit_test(test_take_from_another),
		cmocka_unit_test(test_init_apart),
		cmocka_unit_test(test_files_in_order_of_first_report),
		cmocka_unit_test(test_note_in_other_file_does_not_rank_it),
		cmocka_unit_test(test_counts_and_status),
		cmocka_unit_test(test_io_alone_is_usage_status),
		cmocka_unit_test(test_summary_plurals),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_levels_and_werror),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_format_github),
		cmocka_unit_test(test_format_gcc_in_colour),
		cmocka_unit_test(test_format_json),
		cmocka_unit_test(test_format_sarif),
		cmocka_unit_test(test_list_rules),
		cmocka_unit_test(test_flush_writes_once),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
