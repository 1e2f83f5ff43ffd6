/* test_text.c - the plain-text setter: lines by display width (accents, curly quotes,
 * CJK), markers and hanging indents, no break inside a word or at a no-break space,
 * underlines, tables and their column widths, blank lines, and layouts it must
 * refuse. */
#include "unit.h"

#include <libxml/parser.h>
#include <uniwidth.h>

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

/* Asserts that LAYOUT sets at WIDTH, silently, in lines of at most WIDTH columns and
 * with no trailing space; returns the text (caller frees). */
static char *
assert_sets_within(const char *layout, unsigned width)
{
	struct unit_capture c;
	struct buf out = {0};
	const char *line;

	unit_capture_init(&c);
	assert_int_equal(set(layout, width, &out, &c), 0);
	assert_string_equal(unit_capture_text(&c), "");
	assert_non_null(out.data);
	for (line = out.data; *line != '\0';) {
		const char *nl = strchr(line, '\n');

		assert_non_null(nl);
		if (u8_width((const uint8_t *)line, (size_t)(nl - line), "UTF-8") > (int)width)
			fail_msg("wider than %u: \"%.*s\"", width, (int)(nl - line), line);
		assert_true(nl == line || nl[-1] != ' ');
		line = nl + 1;
	}
	unit_capture_free(&c);
	return out.data;
}

static void
test_table_of_natural_widths(void **state)
{
	(void)state;
	/* Each column as wide as its widest cell, two spaces apart; the last unpadded,
	 * an empty cell all padding. */
	assert_sets("<layout><table>"
	            "<row head=\"yes\"><cell>Name</cell><cell>Year</cell><cell>Place</cell></row>"
	            "<row><cell>al-Qaeda</cell><cell>1988</cell><cell>Peshawar</cell></row>"
	            "<row><cell>AQIM</cell><cell/><cell>Algiers</cell></row>"
	            "<row><cell>JNIM</cell><cell>2017</cell><cell/></row>"
	            "</table></layout>", 72,
	            "Name      Year  Place\n"
	            "--------  ----  --------\n"
	            "al-Qaeda  1988  Peshawar\n"
	            "AQIM            Algiers\n"
	            "JNIM      2017\n");
	/* As many natural columns as fit the width exactly: "aaaa  bbbb" is 10. */
	assert_sets("<layout><table><row><cell>aaaa</cell><cell>bbbb</cell></row></table>"
	            "</layout>", 10, "aaaa  bbbb\n");
	/* A row of empty cells is one (empty) line. */
	assert_sets("<layout><table><row><cell>a</cell><cell>b</cell></row><row><cell/>"
	            "<cell> </cell></row><row><cell>c</cell><cell>d</cell></row></table>"
	            "</layout>", 72, "a  b\n\nc  d\n");
}

static void
test_table_wraps_its_cells(void **state)
{
	static const char table[] =
		"<layout><table>"
		"<row head=\"yes\"><cell>Group</cell><cell>Notes</cell></row>"
		"<row><cell>AQIM</cell><cell>Formed in 2007 from the Salafist Group for "
		"Preaching and Combat.</cell></row>"
		"<row><cell>al-Mourabitoun</cell><cell>Merged into JNIM in 2017.</cell></row>"
		"</table></layout>";
	char *text;

	(void)state;
	/* The first column keeps its natural 14; the second gets the 14 left. */
	assert_sets(table, 30,
	            "Group           Notes\n"
	            "--------------  --------------\n"
	            "AQIM            Formed in 2007\n"
	            "                from the\n"
	            "                Salafist Group\n"
	            "                for Preaching\n"
	            "                and Combat.\n"
	            "al-Mourabitoun  Merged into\n"
	            "                JNIM in 2017.\n");
	/* Room past the minimums (4, 8, 8 of 56) goes to the columns that want more, as
	 * they want it: 16 to 23 and 34 is 14 and 21, the one left over to the first. */
	assert_sets("<layout><table><row head=\"yes\"><cell>Year</cell><cell>Group</cell>"
	            "<cell>Fate</cell></row><row><cell>2007</cell><cell>Al-Qaeda in the "
	            "Islamic Maghreb</cell><cell>Active across the Sahel since its founding"
	            "</cell></row></table></layout>", 60,
	            "Year  Group                    Fate\n"
	            "----  -----------------------  -----------------------------\n"
	            "2007  Al-Qaeda in the Islamic  Active across the Sahel since\n"
	            "      Maghreb                  its founding\n");
	/* Four columns of long text within 72. */
	text = assert_sets_within("<layout><table indent=\"2\"><row head=\"yes\">"
	                          "<cell>Date</cell><cell>Event</cell><cell>Place</cell>"
	                          "<cell>Source</cell></row><row><cell>12 March 2007</cell>"
	                          "<cell>Two car bombs struck government buildings in the "
	                          "capital, the first attack claimed under the new name"
	                          "</cell><cell>Algiers, Algeria, near the Palace of "
	                          "Government</cell><cell>Agence France-Presse, wire "
	                          "report of the same day</cell></row></table></layout>",
	                          72);
	assert_contains(text, "  Date  ");
	assert_contains(text, "\n  ----");
	free(text);
}

static void
test_table_head_rows_are_ruled(void **state)
{
	(void)state;
	/* No head row, no rule. */
	assert_sets("<layout><table><row><cell>a</cell><cell>bb</cell></row></table>"
	            "</layout>", 72, "a  bb\n");
	/* The rule follows the last head row; white space and comments between rows and
	 * cells are nothing. */
	assert_sets("<layout><table>\n  <!-- heads -->\n"
	            "  <row head=\"yes\"><cell>A</cell> <cell>B</cell></row>\n"
	            "  <row><cell>1</cell><cell>22</cell></row>\n"
	            "  <row head=\"yes\">\n    <cell>C</cell>\n    <cell>D</cell>\n  </row>\n"
	            "  <row><cell>3</cell><cell>4</cell></row>\n"
	            "</table></layout>", 72,
	            "A  B\n1  22\nC  D\n-  --\n3  4\n");
	/* A head row alone: the rule ends the table. */
	assert_sets("<layout><table><row head=\"yes\"><cell>Only</cell></row></table>"
	            "</layout>", 72, "Only\n----\n");
}

static void
test_table_indent_and_tight(void **state)
{
	(void)state;
	/* Every line and the rule from column 4; the columns share the 16 left. */
	assert_sets("<layout><table indent=\"4\"><row head=\"yes\"><cell>one two three"
	            "</cell><cell>four five</cell></row><row><cell>x</cell><cell/></row>"
	            "</table></layout>", 20,
	            "    one two   four\n"
	            "    three     five\n"
	            "    --------  ------\n"
	            "    x\n");
	/* Blank lines as for blocks: none before the first, none when tight. */
	assert_sets("<layout><table tight=\"yes\"><row><cell>t</cell></row></table>"
	            "<block>Before</block><table tight=\"yes\"><row><cell>a</cell>"
	            "<cell>b</cell></row></table><table><row><cell>c</cell></row></table>"
	            "<block>after</block></layout>", 72,
	            "t\n\nBefore\na  b\n\nc\n\nafter\n");
}

static void
test_table_cells_by_display_width(void **state)
{
	(void)state;
	/* "漢字" is 4 columns, "日本語" 6, "Cafe" with a combining acute 4. */
	assert_sets("<layout><table><row head=\"yes\"><cell>漢字</cell><cell>ab</cell></row>"
	            "<row><cell>Cafe\xCC\x81</cell><cell>日本語</cell></row></table></layout>",
	            72,
	            "漢字  ab\n"
	            "----  ------\n"
	            "Cafe\xCC\x81  日本語\n");
	/* At 10 the columns get 4 and 4; ideographs break between themselves. */
	assert_sets("<layout><table><row head=\"yes\"><cell>漢字</cell><cell>ab</cell></row>"
	            "<row><cell>Cafe\xCC\x81</cell><cell>日本語</cell></row></table></layout>",
	            10,
	            "漢字  ab\n"
	            "----  ----\n"
	            "Cafe\xCC\x81  日本\n"
	            "      語\n");
}

static void
test_table_word_wider_than_its_column(void **state)
{
	(void)state;
	/* The minimums (6, 47, 10) do not fit 36: the narrow columns keep theirs, the
	 * URL's column gets the 20 left, and the URL runs past it on a line of its own. */
	assert_sets("<layout><table><row head=\"yes\"><cell>Source</cell><cell>URL</cell>"
	            "<cell>Seen</cell></row><row><cell>BBC</cell><cell>see "
	            "https://www.bbc.co.uk/news/world-africa-12345678 (archived)</cell>"
	            "<cell>2019-03-01</cell></row></table></layout>", 40,
	            "Source  URL                   Seen\n"
	            "------  --------------------  ----------\n"
	            "BBC     see                   2019-03-01\n"
	            "        https://www.bbc.co.uk/news/world-africa-12345678\n"
	            "        (archived)\n");
	/* More columns than the width holds: each 1 wide, none 0. */
	assert_sets("<layout><table><row><cell>a</cell><cell>b</cell><cell>c</cell>"
	            "<cell>d</cell><cell>e</cell></row><row head=\"yes\"><cell/><cell/>"
	            "<cell/><cell/><cell/></row></table></layout>", 10,
	            "a  b  c  d  e\n\n-  -  -  -  -\n");
	/* An indent of the whole width leaves no room: columns of 1 still. */
	assert_sets("<layout><table indent=\"4\"><row><cell>ab cd</cell><cell>e</cell></row>"
	            "</table></layout>", 4, "    ab  e\n    cd\n");
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
	assert_refused("<layout><para>x</para></layout>",
	               "not a <block>, <heading> or <table>");
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

static void
test_malformed_tables(void **state)
{
	static const char *const bad[] = {
		"<table/>",
		"<table><row/></table>",
		"<table><row><cell>a</cell><cell>b</cell></row><row><cell>c</cell></row></table>",
		"<table><row><cell>a</cell></row><row><cell>b</cell><cell>c</cell></row></table>",
		"<table><row><cell>a</cell></row><row/></table>",
		"<table colour=\"red\"><row><cell>a</cell></row></table>",
		"<table><row span=\"2\"><cell>a</cell></row></table>",
		"<table><row><cell align=\"left\">a</cell></row></table>",
		"<table><row><cell>a <b>b</b></cell></row></table>",
		"<table><row head=\"no\"><cell>a</cell></row></table>",
		"<table><row head=\"\"><cell>a</cell></row></table>",
		"<table tight=\"no\"><row><cell>a</cell></row></table>",
		"<table indent=\"73\"><row><cell>a</cell></row></table>",
		"<table>stray<row><cell>a</cell></row></table>",
		"<table><row>stray<cell>a</cell></row></table>",
		"<table><cell>a</cell></table>",
		"<table><row><block>a</block></row></table>",
		"<table><row><cell>a</cell></row><tr><cell>b</cell></tr></table>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char layout[256];

		snprintf(layout, sizeof(layout), "<layout><block>fine</block>%s</layout>", bad[i]);
		assert_refused(layout, "a malformed <table>");
	}
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
		cmocka_unit_test(test_table_of_natural_widths),
		cmocka_unit_test(test_table_wraps_its_cells),
		cmocka_unit_test(test_table_head_rows_are_ruled),
		cmocka_unit_test(test_table_indent_and_tight),
		cmocka_unit_test(test_table_cells_by_display_width),
		cmocka_unit_test(test_table_word_wider_than_its_column),
		cmocka_unit_test(test_blank_lines_between_elements),
		cmocka_unit_test(test_empty_layout),
		cmocka_unit_test(test_malformed_layouts),
		cmocka_unit_test(test_malformed_tables),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
