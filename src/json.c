/* json.c - JSON text, indented two spaces per level. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

static void
indent(struct json *j)
{
	int i;

	for (i = 0; i < j->depth; i++)
		buf_puts(j->out, "  ");
}

/* Starts a value: after a key on the same line, else on a new, indented line. */
static void
begin_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	buf_puts(j->out, j->filled[j->depth - 1] ? ",\n" : "\n");
	j->filled[j->depth - 1] = true;
	indent(j);
}

static void
open_container(struct json *j, char open, char close)
{
	if (j->depth == JSON_MAX_DEPTH)
		abort();
	begin_value(j);
	buf_append(j->out, &open, 1);
	j->filled[j->depth] = false;
	j->close[j->depth] = close;
	j->depth++;
}

void
json_open_object(struct json *j)
{
	open_container(j, '{', '}');
}

void
json_open_array(struct json *j)
{
	open_container(j, '[', ']');
}

void
json_end(struct json *j)
{
	j->depth--;
	if (j->filled[j->depth]) {
		buf_puts(j->out, "\n");
		indent(j);
	}
	buf_append(j->out, &j->close[j->depth], 1);
	if (j->depth == 0)
		buf_puts(j->out, "\n");
}

static void
quoted(struct buf *out, const char *s)
{
	const char *run = s;

	buf_puts(out, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(out, run, (size_t)(s - run));
		run = s + 1;
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else
			buf_printf(out, "\\u%04x", c);
	}
	buf_append(out, run, (size_t)(s - run));
	buf_puts(out, "\"");
}

void
json_key(struct json *j, const char *key)
{
	begin_value(j);
	quoted(j->out, key);
	buf_puts(j->out, ": ");
	j->after_key = true;
}

void
json_put_string(struct json *j, const char *s)
{
	begin_value(j);
	if (s == NULL)
		buf_puts(j->out, "null");
	else
		quoted(j->out, s);
}

void
json_int(struct json *j, long v)
{
	begin_value(j);
	buf_printf(j->out, "%ld", v);
}

void
json_bool(struct json *j, bool v)
{
	begin_value(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_member(struct json *j, const char *key, const char *value)
{
	if (value == NULL)
		return;
	json_key(j, key);
	json_put_string(j, value);
}
