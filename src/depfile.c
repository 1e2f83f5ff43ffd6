/* depfile.c - make/ninja dependency files: lists of paths kept once each, and the rule
 * that joins them, escaped as both make and ninja read it. */
#include "depfile.h"

#include <stdlib.h>
#include <string.h>

void
depfile_list_add(struct depfile_list *list, const char *path)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (strcmp(list->paths[i], path) == 0)
			return;
	list->paths = mem_realloc_array(list->paths, list->n + 1, sizeof(*list->paths));
	list->paths[list->n++] = mem_strdup(path);
}

void
depfile_list_free(struct depfile_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->paths[i]);
	free(list->paths);
	list->paths = NULL;
	list->n = 0;
}

bool
depfile_path_ok(const char *path)
{
	return strpbrk(path, "\n\r") == NULL;
}

/* PATH, escaped, into OUT. */
static void
put_path(struct buf *out, const char *path)
{
	const char *p;

	for (p = path; *p != '\0'; p++) {
		if (*p == ' ' || *p == '#')
			buf_append(out, "\\", 1);
		else if (*p == '$')
			buf_append(out, "$", 1);
		buf_append(out, p, 1);
	}
}

static void
put_paths(struct buf *out, const struct depfile_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		if (i > 0)
			buf_append(out, " ", 1);
		put_path(out, list->paths[i]);
	}
}

void
depfile_rule(struct buf *out, const struct depfile_list *targets,
             const struct depfile_list *deps)
{
	put_paths(out, targets);
	buf_append(out, ":", 1);
	if (deps->n > 0)
		buf_append(out, " ", 1);
	put_paths(out, deps);
	buf_append(out, "\n", 1);
}
