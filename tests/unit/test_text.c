/* test_text.c - the plain-text setter: lines by display width (accents, curly quotes,
 * CJK), markers and hanging indents, no break inside a word or at a no-break space,
 * underlines, blank lines, and layouts it must refuse. */
#include "unit.h"

#include <libxml/parser.h>

#include "text.h"

#define NBSP "\xC2\xA0"

/* Sets LAYOUT (well-formed XML, as text.xsl's tree would be serialised) at WIDTH into
 * OUT (caller frees with buf_free), reporting to C. */
static int
set(const char *layout, unsigned width, struct buf *out, struct unit_capture *c)
{
	xmlDocPtr doc = xmlReadMemory(layout, (int)strlen(layout), "layout.xml", "UTF-8",
	                              XML_PARSE_NONET);
	int ret;

	assert_non_null(doc);
	ret = text_render(doc, width, "brief.xml", out, &c->d);
	xmlFreeDoc(doc);
	return ret;
}

/* Asserts that LAYOUT sets at WIDTH as exactly WANT, silently. */
static void
assert_sets(const char *layout, unsigned width, const char *want)
{
	struct unit_capture c;
	struct buf out = {0};

	unit_capture_init(&c);
	assert_int_equal(set(layout, width, &out, &c), 0);
	assert_string_equal(out.data ? out.data : "", want);
	assert_int_equal(out.len, strlen(want));
	assert_string_equal(unit_capture_text(&c), "");
	buf_free(&out);
	unit_capture_free(&c);
}

/* Asserts that LAYOUT is refused: -1, OUT as it was, one [xslt] error naming WHAT. */
static void
assert_refused(const char *layout, const char *what)
{
	struct unit_capture c;
	struct buf out = {0};
	const char *diag;

	unit_capture_init(&c);
	buf_puts(&out, "kept\n");
	assert_int_equal(set(layout, 72, &out, &c), -1);
	assert_string_equal(out.data, "kept\n");
	assert_int_equal(out.len, 5);
	diag = unit_capture_text(&c);
	assert_contains(diag, "brief.xml: error: ");
	assert_contains(diag, what);
	assert_contains(diag, " [xslt]\n");
	assert_int_equal(c.d.errors, 1);
	buf_free(&out);
	unit_capture_free(&c);
}

static void
test_fills_to_the_width(void **state)
{
	(void)state;
	/* "aaaaa bbbb" is exactly 10 columns: it fits, the space after it is not counted. */
	assert_sets("<layout><block>aaaaa bbbb cc</block></layout>", 10, "aaaaa bbbb\ncc\n");
	assert_sets("<layout><block>aaaaa bbbbb cc</block></layout>", 10, "aaaaa\nbbbbb cc\n");
	/* White space in the layout, newlines included, is one space; none at the ends. */
	assert_sets("<layout><block>\n  one   two\n\tthree  </block></layout>", 72,
	            "one two three\n");
	assert_sets("<layout><block>a<![CDATA[ <b>&amp; ]]>c</block></layout>", 72,
	            "a <b>&amp; c\n");
}

static void
test_width_is_display_width(void **state)
{
	(void)state;
	/* 20 columns in 27 bytes: accents and curly quotes take one column each. */
	assert_sets("<layout><block>“Été” à côté éàü x</block></layout>", 17,
	            "“Été” à côté éàü\nx\n");
	assert_sets("<layout><block>“Été” à côté éàü x</block></layout>", 18,
	            "“Été” à côté éàü x\n");
	/* Wide (CJK) characters take two, and UAX #14 breaks between ideographs. */
	assert_sets("<layout><block>漢字漢字漢字漢字漢字漢字</block></layout>", 10,
	            "漢字漢字漢\n字漢字漢字\n漢字\n");
	assert_sets("<layout><block>ab 漢字漢字漢字</block></layout>", 9,
	            "ab 漢字漢\n字漢字\n");
}

static void
test_marker_and_hanging_indent(void **state)
{
	(void)state;
	/* Indent, then the marker on the first line; the others under the text. */
	assert_sets("<layout><block indent=\"2\" marker=\"* \">one two three four five six "
	            "seven</block></layout>", 18,
	            "  * one two three\n"
	            "    four five six\n"
	            "    seven\n");
	/* A wide marker ("[12] ") hangs the text by its own width. */
	assert_sets("<layout><block marker=\"[12] \">Ibid. Ibid. Ibid. Ibid.</block></layout>",
	            16, "[12] Ibid. Ibid.\n     Ibid. Ibid.\n");
	/* hang: a bibliography entry's continuation lines. */
	assert_sets("<layout><block hang=\"4\">Smith, Jane. Counting Notes. Press, "
	            "2019.</block><block indent=\"4\" tight=\"yes\">Cited in note 1."
	            "</block></layout>", 20,
	            "Smith, Jane.\n"
	            "    Counting Notes.\n"
	            "    Press, 2019.\n"
	            "    Cited in note 1.\n");
}

static void
test_no_trailing_spaces(void **state)
{
	(void)state;
	/* A marker with no text, "[1] ", ends its line without its space. */
	assert_sets("<layout><block marker=\"[1] \"/><block indent=\"8\">  a   b  </block>"
	            "</layout>", 72, "[1]\n\n        a b\n");
	/* Spaces at a break stay at neither end of a line. */
	assert_sets("<layout><block>a     b     c</block></layout>", 3, "a b\nc\n");
}

static void
test_no_break_inside_a_word(void **state)
{
	(void)state;
	/* UAX #14 would break after a hyphen, a slash or before "[1]"; inside a word
	 * briefc never does, and a word wider than the line has a line of its own. */
	assert_sets("<layout><block>the al-Qaeda group</block></layout>", 8,
	            "the\nal-Qaeda\ngroup\n");
	assert_sets("<layout><block>see https://example.org/a/b/c now</block></layout>", 12,
	            "see\nhttps://example.org/a/b/c\nnow\n");
	assert_sets("<layout><block>said so.[12] Then</block></layout>", 10,
	            "said\nso.[12]\nThen\n");
	assert_sets("<layout><block indent=\"4\">a supercalifragilistic b</block></layout>", 10,
	            "    a\n    supercalifragilistic\n    b\n");
	/* A zero width space is a break its author asked for. */
	assert_sets("<layout><block>aaaa\xE2\x80\x8B" "bbbb</block></layout>", 6,
	            "aaaa\xE2\x80\x8B\nbbbb\n");
}

static void
test_no_break_at_a_no_break_space(void **state)
{
	(void)state;
	assert_sets("<layout><block>aaaa bbbb" NBSP "cccc</block></layout>", 10,
	            "aaaa\nbbbb" NBSP "cccc\n");
	/* Nor beside one: "2014:" NBSP " 159" would leave it at a line's edge. */
	assert_sets("<layout><block>aaaa bb." NBSP " cccc</block></layout>", 10,
	            "aaaa\nbb." NBSP " cccc\n");
	assert_sets("<layout><block>aaaa bb: " NBSP "7.</block></layout>", 8,
	            "aaaa\nbb: " NBSP "7.\n");
}

static void
test_underline_is_as_wide_as_the_heading(void **state)
{
	(void)state;
	/* "Café “été”" is 10 columns in 16 bytes. */
	assert_sets("<layout><heading underline=\"=\">Café “été”</heading></layout>", 72,
	            "Café “été”\n==========\n");
	assert_sets("<layout><heading underline=\"~\">漢字 ab</heading></layout>", 72,
	            "漢字 ab\n~~~~~~~\n");
	/* A wrapped heading: as wide as its widest line. */
	assert_sets("<layout><heading underline=\"-\">Résumé des “notes” finales</heading>"
	            "</layout>", 10, "Résumé des\n“notes”\nfinales\n----------\n");
}

static void
test_blank_lines_between_elements(void **state)
{
	(void)state;
	assert_sets("<layout>\n  <heading underline=\"=\">T</heading>\n"
	            "  <block>a</block>\n  <block tight=\"yes\">b</block>\n"
	            "  <block/>\n  <heading underline=\"-\" tight=\"yes\">H</heading>\n"
	            "  <block>c</block>\n</layout>\n", 72,
	            "T\n=\n\na\nb\nH\n-\n\nc\n");
	/* tight on the first element: still no blank line before it. */
	assert_sets("<layout><block tight=\"yes\">a</block></layout>", 72, "a\n");
}

static void
test_empty_layout(void **state)
{
	(void)state;
	assert_sets("<layout/>", 72, "");
	assert_sets("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<layout>\n</layout>\n", 72, "");
	assert_sets("<layout><block> </block><heading underline=\"=\"/></layout>", 72, "");
}

static void
test_malformed_layouts(void **state)
{
	(void)state;
	assert_refused("<html/>", "not a <layout>");
	assert_refused("<layout xmlns=\"urn:x\"/>", "not a <layout>");
	assert_refused("<!DOCTYPE layout [<!ENTITY e \"x\">]><layout><block>&e;</block></layout>",
	               "a malformed <block>");
	assert_refused("<layout><para>x</para></layout>", "neither <block> nor <heading>");
	assert_refused("<layout>stray</layout>", "text outside a <block>");
	assert_refused("<layout><![CDATA[stray]]></layout>", "text outside a <block>");
	assert_refused("<layout><block>a <b>b</b></block></layout>", "a malformed <block>");
	assert_refused("<layout><block indent=\"-1\">a</block></layout>", "a malformed <block>");
	assert_refused("<layout><block indent=\"73\">a</block></layout>", "a malformed <block>");
	assert_refused("<layout><block hang=\"4x\">a</block></layout>", "a malformed <block>");
	assert_refused("<layout><block tight=\"no\">a</block></layout>", "a malformed <block>");
	assert_refused("<layout><block colour=\"red\">a</block></layout>", "a malformed <block>");
	assert_refused("<layout><heading>a</heading></layout>", "a malformed <heading>");
	assert_refused("<layout><heading underline=\"==\">a</heading></layout>",
	               "a malformed <heading>");
	assert_refused("<layout><heading underline=\"漢\">a</heading></layout>",
	               "a malformed <heading>");
	/* What was set before the bad element is taken back. */
	assert_refused("<layout><block>fine</block><block indent=\"x\">a</block></layout>",
	               "a malformed <block>");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fills_to_the_width),
		cmocka_unit_test(test_width_is_display_width),
		cmocka_unit_test(test_marker_and_hanging_indent),
		cmocka_unit_test(test_no_trailing_spaces),
		cmocka_unit_test(test_no_break_inside_a_word),
		cmocka_unit_test(test_no_break_at_a_no_break_space),
		cmocka_unit_test(test_underline_is_as_wide_as_the_heading),
		cmocka_unit_test(test_blank_lines_between_elements),
		cmocka_unit_test(test_empty_layout),
		cmocka_unit_test(test_malformed_layouts),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
