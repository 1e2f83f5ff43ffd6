/* xpath.h - XPath over a tree briefc made, for the unit tests that assert on one:
 * prefixes db (DocBook) and brf (what resolve and housestyle write, resolve.h). */
#ifndef BRIEFC_UNIT_XPATH_H
#define BRIEFC_UNIT_XPATH_H

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "resolve.h"
#include "unit.h"

/* The value of XPath EXPR (a string) in DOC. Caller frees with xmlFree. */
static inline char *
xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;
	char *s;

	xmlXPathRegisterNs(ctx, BAD_CAST "db", BAD_CAST DOCBOOK_NS);
	xmlXPathRegisterNs(ctx, BAD_CAST "brf", BAD_CAST RESOLVED_NS);
	r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(r);
	s = (char *)xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return s;
}

/* Fails the test, naming EXPR, unless its value in DOC is WANT. */
static inline void
assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s = \"%s\", wanted \"%s\"", expr, got, want);
	xmlFree(got);
}

#endif
