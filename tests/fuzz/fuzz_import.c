/* fuzz_import.c - libFuzzer target: briefc import, in process, on the fuzzed bytes: a
 * manuscript read as plain text, Markdown or docx, made a brief (sections, names, ids,
 * every note through the citation parser), then validated and resolved as the command
 * does, writing no file.
 *
 * The first byte chooses the reader: 0 plain text, 1 Markdown, 2 docx (its value
 * modulo 3); the rest is the manuscript, so every seed is a manuscript with one byte
 * before it (`make fuzz-import` prefixes them). The docx stylesheet is that of
 * $BRIEFC_XSL_DIR, else of BRIEFC_XSL_DIR (the Makefile: the tree's xsl/).
 * Replay inputs once: build/fuzz/fuzz_import FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "diag.h"
#include "fuzz.h"
#include "import.h"
#include "mem.h"
#include "resolve.h"
#include "source.h"
#include "transform.h"
#include "validate.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_setup("fuzz_import");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source brief = {0};
	struct cite_model *model = NULL;
	struct buf out = {0};
	xmlDocPtr doc = NULL;
	struct diag d;
	char *text;

	if (size < 1)
		return 0;
	/* The readers take NUL-terminated bytes, as source_read gives them. */
	text = mem_alloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	diag_init(&d, sink);
	switch (data[0] % 3) {
	case 0:
		doc = import_txt("fuzz.txt", text, size - 1, &d);
		break;
	case 1:
		doc = import_md("fuzz.md", text, size - 1, &d);
		break;
	default:
		doc = import_docx("fuzz.docx", text, size - 1, transform, &d);
		break;
	}
	if (doc != NULL) {
		import_finish(doc, "fuzz", &out, &d);
		if (source_load_memory(&brief, "fuzz.xml", out.data, out.len, SOURCE_MAX_BYTES,
		                       &d) == SOURCE_OK &&
		    validate_source(validator, &brief, &d) == 0)
			model = resolve_source(&brief, &d);
	}
	cite_model_free(model);
	source_free(&brief);
	buf_free(&out);
	diag_free(&d);
	free(text);
	return 0;
}
