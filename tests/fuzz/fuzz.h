/* fuzz.h - what briefc's libFuzzer targets share: the validator and stylesheets made
 * once, as one run of briefc makes them, and a sink for the diagnostics. */
#ifndef BRIEFC_FUZZ_H
#define BRIEFC_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

#include "diag.h"
#include "transform.h"
#include "validate.h"

/* The stylesheets are those of $BRIEFC_XSL_DIR, else of BRIEFC_XSL_DIR, defined when
 * compiled (the Makefile: the tree's xsl/). */
#ifndef BRIEFC_XSL_DIR
#define BRIEFC_XSL_DIR "xsl"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct validator *validator;
static struct transform *transform;
static FILE *sink;      /* /dev/null: diagnostics are printed, then thrown away */

/* libxml2's and libxslt's messages outside any handler briefc installs. */
static void
fuzz_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

/* Makes the validator, the stylesheets and the sink, or aborts saying why (NAME: the
 * target's). */
static void
fuzz_setup(const char *name)
{
	const char *dir = getenv("BRIEFC_XSL_DIR");
	struct diag d;

	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, fuzz_quiet);
	xsltSetGenericErrorFunc(NULL, fuzz_quiet);
	sink = fopen("/dev/null", "w");
	if (sink == NULL)
		abort();
	diag_init(&d, stderr);
	validator = validate_new(&d);
	transform = transform_new(dir ? dir : BRIEFC_XSL_DIR, &d);
	diag_free(&d);
	if (validator == NULL || transform == NULL) {
		fprintf(stderr, "%s: no validator or no stylesheets (set BRIEFC_XSL_DIR to "
		        "the xsl/ directory)\n", name);
		abort();
	}
}

#endif
