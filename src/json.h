/* json.h - JSON text: a writer that indents, quotes and separates, so callers only say
 * what goes where. Owns escaping (UTF-8 passes through; controls become \uXXXX). */
#ifndef BRIEFC_JSON_H
#define BRIEFC_JSON_H

#include <stdbool.h>

#include "mem.h"

#define JSON_MAX_DEPTH 16

/* A writer appending to OUT (not owned). Zero-initialise, then set out. Nesting
 * deeper than JSON_MAX_DEPTH is a bug of the caller and aborts. */
struct json {
	struct buf *out;
	int depth;
	bool filled[JSON_MAX_DEPTH]; /* the container at each depth has a member */
	char close[JSON_MAX_DEPTH];  /* and the bracket that closes it */
	bool after_key;              /* a key was written; its value comes next */
};

/* Named apart from jansson's json_object(), json_array() and json_string(), which the
 * CSL engine links beside these: one binary cannot have both. */
void json_open_object(struct json *j);
void json_open_array(struct json *j);
/* Closes the innermost object or array; closing the outermost ends the text with a
 * newline. */
void json_end(struct json *j);
void json_key(struct json *j, const char *key);
/* A string value; NULL writes null. */
void json_put_string(struct json *j, const char *s);
void json_int(struct json *j, long v);
void json_bool(struct json *j, bool v);

/* KEY and string VALUE, written only when VALUE is not NULL. */
void json_member(struct json *j, const char *key, const char *value);

#endif
