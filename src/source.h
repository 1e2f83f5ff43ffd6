/* source.h - safe loading: a brief read from a regular file and parsed from memory.
 * Owns the input policy (no network, no DTD, no entities, UTF-8 only) and positions. */
#ifndef BRIEFC_SOURCE_H
#define BRIEFC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

#define DOCBOOK_NS "http://docbook.org/ns/docbook"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Inputs larger than this are refused unless the caller asks for more. */
#define SOURCE_MAX_BYTES ((size_t)64 << 20)

struct source_pos;

/* A loaded brief. Zero-initialise, fill with source_load, release with source_free. */
struct source {
	const char *path;        /* as the user gave it; not owned */
	char *text;              /* the file's bytes, NUL-terminated; owned */
	size_t len;              /* bytes in text */
	xmlDocPtr doc;           /* the tree; owned; NULL unless well-formed */
	struct source_pos *pos;  /* start tag of every element, sorted by node; owned */
	size_t npos;
	bool data;               /* set before loading: XML data (a CSL style or locale),
	                            whose white space alone between tags means nothing and
	                            is not kept, as a brief's is (libxml2's NOBLANKS) */
};

enum source_status {
	SOURCE_OK,         /* doc is a well-formed tree */
	SOURCE_MALFORMED,  /* read, but not a well-formed UTF-8 XML brief; reported */
	SOURCE_UNREADABLE  /* not a readable regular file; reported as RULE_IO */
};

/* Reads PATH (a regular file of at most MAX_BYTES; "-": standard input, then named
 * "<stdin>") and parses it with no network, no DTD and no entity loading. Every problem goes to D with its line and column.
 * On any status SRC must still be released with source_free. */
enum source_status source_load(struct source *src, const char *path,
                               size_t max_bytes, struct diag *d);

/* Reads PATH as source_load does, into SRC's text and len, without parsing it: for
 * inputs that are not XML (briefc import's manuscripts). */
enum source_status source_read(struct source *src, const char *path, size_t max_bytes,
                               struct diag *d);

/* As source_load, but from the LEN BYTES in memory (copied), reported as NAME (not
 * copied; must outlive SRC): for a caller that has the brief already, such as a
 * fuzzer. Over MAX_BYTES is SOURCE_UNREADABLE, reported as RULE_IO. */
enum source_status source_load_memory(struct source *src, const char *name,
                                      const void *bytes, size_t len, size_t max_bytes,
                                      struct diag *d);

void source_free(struct source *src);

/* Releases SRC's bytes and element positions, keeping its tree: for a caller done
 * reading the file and reporting at columns (build, once a brief is checked), whose
 * outputs then need memory the file's size and more. source_locate then gives the
 * line libxml2 recorded and column 0. */
void source_keep_tree(struct source *src);

/* Sets *LINE and *COL (1-based, COL in characters) to where NODE starts in SRC:
 * the '<' of an element's start tag; for other nodes the line libxml2 recorded and
 * COL 0 (unknown). */
void source_locate(const struct source *src, const xmlNode *node, unsigned *line,
                   unsigned *col);

/* A position in a text, moved forward: the line and column (1-based, in characters)
 * of byte offsets met in increasing order cost one pass over the text, not one each.
 * Start it at {0, 1, 1}. */
struct source_cursor {
	size_t off;
	unsigned line, col;
};

/* Moves C to byte OFF of TEXT (back to the start first, if OFF is behind it). */
void source_cursor_seek(const char *text, struct source_cursor *c, size_t off);

/* The node after NODE in document order, staying inside ROOT (NULL after the last):
 * the iterative walk every tree pass uses, so no input depth can exhaust the stack. */
xmlNodePtr source_next(xmlNodePtr node, xmlNodePtr root);

/* The node after NODE and everything inside it, staying inside ROOT (NULL after the
 * last): the walk's way to pass over a subtree. */
xmlNodePtr source_skip(xmlNodePtr node, xmlNodePtr root);

/* Drops the text of white space alone between the children of DOC's block containers
 * (sections, lists, notes, tables and the like): the source's indentation, not text of
 * the brief. The stylesheets take the brief so, once, where an xsl:strip-space would
 * have libxslt look up every element again on each run. */
void source_strip_indentation(xmlDocPtr doc);

/* Is NODE the DocBook element NAME? */
int source_is(const xmlNode *node, const char *name);

/* Installs the process's external-entity loader: it refuses every URL and path except
 * files under DIR (briefc's stylesheets); DIR NULL refuses everything. DIR is copied. */
void source_restrict_loads(const char *dir);

#endif
