/* fuzz_pipeline.c - libFuzzer target: the whole of briefc's pipeline, in process, on
 * the fuzzed bytes, as `briefc check` (its note lint, as reported and as --fix mends),
 * `briefc cites` and `briefc build --to html,epub,text` run it, writing no file (the
 * images a brief names are read from the working directory, as beside "fuzz.xml").
 *
 * The first byte chooses the options (as cmark's fuzzer does); the rest is the brief:
 *   bit 0    notes=footnotes (else endnotes)
 *   bit 1    citations=chicago: the notes' citations written again (else as written)
 *   bits 2-3 the diagnostics' format: gcc, json, sarif, github
 *   bit 4    SOURCE_DATE_EPOCH given (else the brief's pubdate decides)
 *   bit 5    the text made on the rendering thread, as a worker of many briefs makes
 *            it (else on a second thread beside the EPUB, as a brief built alone)
 *   bits 6-7 build --style: none (briefc's own), apa (in-text),
 *            chicago-note-bibliography-with-ibid (note), ieee (numeric), from Debian's
 *            citation-style-language-styles
 * so every seed is a brief with one byte before it (`make fuzz` prefixes them).
 *
 * The stylesheets are those of $BRIEFC_XSL_DIR, else of BRIEFC_XSL_DIR, defined when
 * compiled (the Makefile: the tree's xsl/). Validator and stylesheets are made once,
 * as one run of briefc makes them once for all its files. Build and run: `make fuzz`;
 * replay inputs once: build/fuzz/fuzz_pipeline FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "diag.h"
#include "fuzz.h"
#include "housestyle.h"
#include "lint.h"
#include "media.h"
#include "mem.h"
#include "render.h"
#include "report.h"
#include "resolve.h"
#include "source.h"
#include "transform.h"
#include "validate.h"

/* The house styles of bits 6-7, loaded once (index 0: briefc's own), as one run
 * loads its style for all its briefs. */
static struct housestyle *styles[4];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[] = {NULL, "apa",
	                                    "chicago-note-bibliography-with-ibid", "ieee"};
	struct diag d;
	size_t i;

	(void)argc, (void)argv;
	fuzz_setup("fuzz_pipeline");
	diag_init(&d, stderr);
	for (i = 0; i < 4; i++)
		if ((styles[i] = housestyle_load(names[i], NULL, &d)) == NULL)
			abort(); /* citation-style-language-styles is not installed */
	diag_free(&d);
	return 0;
}

/* briefc cites, in every format. */
static void
reports(const struct cite_model *m, const struct source *src)
{
	static const enum report_format formats[] = {REPORT_TSV, REPORT_JSON,
	                                             REPORT_CSL_JSON};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct buf out = {0};

		report_write(m, src, formats[i], &out);
		buf_free(&out);
	}
}

/* briefc build --to html,epub,text: every format rendered, then dropped. */
static void
outputs(struct source *src, const struct media_set *media, unsigned options,
        struct diag *d)
{
	const char *params[] = {
		"notes", options & 1 ? "footnotes" : "endnotes",
		NULL
	};
	const bool all[RENDER__COUNT] = {true, true, true};
	struct buf out[RENDER__COUNT] = {{0}};
	struct render_beside *beside;
	time_t stamp;
	int f;

	if (render_time(src, options & 16 ? "1452902400" : NULL, &stamp) != 0)
		abort(); /* a constant that is a number */
	beside = options & 32 ? NULL : render_beside_new(transform, all);
	render(transform, all, src, media, params, stamp, beside, false, out, d);
	render_beside_free(beside);
	for (f = 0; f < RENDER__COUNT; f++)
		buf_free(&out[f]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Named beside the model brief, so that its images (tests/model/images/, from
	 * the repository's root, where make fuzz runs) are found and rendered. */
	static const char *const files[] = {"tests/model/fuzz.xml"};
	struct source src = {0};
	struct media_set media = {0};
	struct cite_model *model = NULL;
	unsigned options;
	struct diag d;

	if (size < 1)
		return 0;
	options = data[0];
	diag_init(&d, sink);
	d.format = (enum diag_format)(options >> 2 & 3);
	d.files = files;
	d.nfiles = 1;
	if (source_load_memory(&src, files[0], data + 1, size - 1, SOURCE_MAX_BYTES, &d) ==
	    SOURCE_OK) {
		/* check's note lint, as it reports and as --fix mends. */
		struct buf fixed = {0};

		lint_notes(&src, &d, NULL);
		lint_notes(&src, &d, &fixed);
		buf_free(&fixed);
	}
	if (src.doc != NULL && validate_source(validator, &src, &d) == 0) {
		model = resolve_source(&src, &d);
		/* Images beside "fuzz.xml": files of the working directory, or errors. */
		media_collect(&src, &media, &d);
		/* As the command line: a brief with errors is reported, not built. */
		if (d.errors == 0) {
			reports(model, &src);
			resolve_annotate(model, src.doc);
			if (housestyle_annotate(styles[options >> 6 & 3], model, options & 2,
			                        src.doc, src.path, &d) == 0) {
				media_annotate(&media, src.doc);
				outputs(&src, &media, options, &d);
			}
		}
	}
	diag_summary(&d, 1);
	cite_model_free(model);
	media_free(&media);
	source_free(&src);
	diag_free(&d);
	return 0;
}
