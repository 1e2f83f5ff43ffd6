/* test_report.c - the JSON writer and the three citation reports, byte for byte on a
 * small brief: tsv rows, the json model and CSL-JSON items. */
#include "unit.h"

#include "json.h"
#include "report.h"
#include "resolve.h"
#include "validate.h"

static void
test_json_writer(void **state)
{
	struct buf out = {0};
	struct json j = {0};

	(void)state;
	j.out = &out;
	json_open_object(&j);
	json_member(&j, "text", "quote \" backslash \\ tab \t nl \n bell \a \u00e9");
	json_member(&j, "absent", NULL);
	json_key(&j, "null");
	json_put_string(&j, NULL);
	json_key(&j, "list");
	json_open_array(&j);
	json_int(&j, -3);
	json_bool(&j, true);
	json_open_array(&j);
	json_end(&j);
	json_open_object(&j);
	json_end(&j);
	json_end(&j);
	json_end(&j);
	assert_string_equal(out.data,
	                    "{\n"
	                    "  \"text\": \"quote \\\" backslash \\\\ tab \\t nl \\n bell "
	                    "\\u0007 \u00e9\",\n"
	                    "  \"null\": null,\n"
	                    "  \"list\": [\n"
	                    "    -3,\n"
	                    "    true,\n"
	                    "    [],\n"
	                    "    {}\n"
	                    "  ]\n"
	                    "}\n");
	buf_free(&out);
}

static const char brief[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n"
	"<info><title>T</title><author><orgname>O</orgname></author></info>\n"
	"<para>Text.<footnote><para><citation><author><personname><phrase role=\"surname\">"
	"Boukhars</phrase>, <phrase role=\"firstname\">Anouar</phrase></personname></author>. "
	"\u201c<citetitle>\u00bfEl resurgimiento de Al Qaeda?</citetitle>\u201d "
	"<citetitle role=\"container\" pubwork=\"series\">FRIDE</citetitle>, No. "
	"<citebiblioid class=\"pubsnumber\">120</citebiblioid> (<date>August 2013</date>): "
	"<phrase role=\"locator\">7</phrase>.</citation></para></footnote>\n"
	"More.<footnote><para><citation><abbrev>Ibid.</abbrev></citation></para></footnote>\n"
	"</para>\n</article>\n";

/* The report in FORMAT of the brief above. Caller frees. */
static char *
report(enum report_format format)
{
	struct unit_capture c;
	struct source src;
	struct validator *v;
	struct cite_model *m;
	struct buf out = {0};
	char *path;

	unit_capture_init(&c);
	path = unit_load(&src, brief, &c.d);
	v = validate_new(&c.d);
	assert_int_equal(validate_source(v, &src, &c.d), 0);
	m = resolve_source(&src, &c.d);
	assert_int_equal(c.d.errors + c.d.warnings, 0);
	report_write(m, &src, format, &out);
	/* The path varies: the json report names it; put a fixed word in its place. */
	if (format == REPORT_JSON) {
		char *at = strstr(out.data, path);
		struct buf fixed = {0};

		assert_non_null(at);
		buf_append(&fixed, out.data, (size_t)(at - out.data));
		buf_puts(&fixed, "BRIEF");
		buf_puts(&fixed, at + strlen(path));
		buf_free(&out);
		out = fixed;
	}
	cite_model_free(m);
	validate_free(v);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmfile(path);
	return out.data;
}

static void
test_tsv(void **state)
{
	char *out = report(REPORT_TSV);

	(void)state;
	assert_string_equal(out, "note\tform\twork\tlocator\n"
	                         "1\tfull\tboukhars-2013\t7\n"
	                         "2\tibid\tboukhars-2013\t7\n");
	free(out);
}

static void
test_json(void **state)
{
	char *out = report(REPORT_JSON);

	(void)state;
	assert_string_equal(out,
		"{\n"
		"  \"file\": \"BRIEF\",\n"
		"  \"notes\": 2,\n"
		"  \"citations\": [\n"
		"    {\n"
		"      \"note\": 1,\n"
		"      \"line\": 4,\n"
		"      \"column\": 28,\n"
		"      \"form\": \"full\",\n"
		"      \"position\": \"first\",\n"
		"      \"work\": \"boukhars-2013\",\n"
		"      \"locator\": \"7\"\n"
		"    },\n"
		"    {\n"
		"      \"note\": 2,\n"
		"      \"line\": 5,\n"
		"      \"column\": 22,\n"
		"      \"form\": \"ibid\",\n"
		"      \"position\": \"ibid\",\n"
		"      \"work\": \"boukhars-2013\",\n"
		"      \"locator\": \"7\"\n"
		"    }\n"
		"  ],\n"
		"  \"works\": [\n"
		"    {\n"
		"      \"id\": \"boukhars-2013\",\n"
		"      \"type\": \"report\",\n"
		"      \"entry\": false,\n"
		"      \"authors\": [\n"
		"        {\n"
		"          \"family\": \"Boukhars\",\n"
		"          \"given\": \"Anouar\"\n"
		"        }\n"
		"      ],\n"
		"      \"various_authors\": false,\n"
		"      \"title\": \"\u00bfEl resurgimiento de Al Qaeda?\",\n"
		"      \"short_title\": \"El resurgimiento\",\n"
		"      \"container\": \"FRIDE\",\n"
		"      \"container_kind\": \"series\",\n"
		"      \"number\": \"120\",\n"
		"      \"date\": {\n"
		"        \"text\": \"August 2013\",\n"
		"        \"year\": 2013,\n"
		"        \"month\": 8\n"
		"      },\n"
		"      \"cited_by\": [\n"
		"        {\n"
		"          \"note\": 1,\n"
		"          \"form\": \"full\",\n"
		"          \"position\": \"first\",\n"
		"          \"locator\": \"7\"\n"
		"        },\n"
		"        {\n"
		"          \"note\": 2,\n"
		"          \"form\": \"ibid\",\n"
		"          \"position\": \"ibid\",\n"
		"          \"locator\": \"7\"\n"
		"        }\n"
		"      ]\n"
		"    }\n"
		"  ]\n"
		"}\n");
	free(out);
}

static void
test_csl_json(void **state)
{
	char *out = report(REPORT_CSL_JSON);

	(void)state;
	assert_string_equal(out,
		"[\n"
		"  {\n"
		"    \"id\": \"boukhars-2013\",\n"
		"    \"type\": \"report\",\n"
		"    \"author\": [\n"
		"      {\n"
		"        \"family\": \"Boukhars\",\n"
		"        \"given\": \"Anouar\"\n"
		"      }\n"
		"    ],\n"
		"    \"title\": \"\u00bfEl resurgimiento de Al Qaeda?\",\n"
		"    \"title-short\": \"El resurgimiento\",\n"
		"    \"collection-title\": \"FRIDE\",\n"
		"    \"collection-number\": \"120\",\n"
		"    \"issued\": {\n"
		"      \"date-parts\": [\n"
		"        [\n"
		"          2013,\n"
		"          8\n"
		"        ]\n"
		"      ]\n"
		"    }\n"
		"  }\n"
		"]\n");
	free(out);
}

static void
test_format_names(void **state)
{
	enum report_format f = REPORT_TSV;

	(void)state;
	assert_int_equal(report_format_by_name("csl-json", &f), 0);
	assert_int_equal(f, REPORT_CSL_JSON);
	assert_int_equal(report_format_by_name("json", &f), 0);
	assert_int_equal(f, REPORT_JSON);
	assert_int_equal(report_format_by_name("csv", &f), -1);
	assert_int_equal(f, REPORT_JSON);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_writer),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_csl_json),
		cmocka_unit_test(test_format_names),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
