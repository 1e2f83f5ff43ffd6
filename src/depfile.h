/* depfile.h - make/ninja dependency files (-M): a rule a brief, its outputs before the
 * colon, then what they were made from: the brief, the stylesheets, the images. */
#ifndef BRIEFC_DEPFILE_H
#define BRIEFC_DEPFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"

/* A list of paths, each kept once, in the order first added. Zero-initialise; release
 * with depfile_list_free. */
struct depfile_list {
	char **paths;   /* owned */
	size_t n;
};

/* Adds a copy of PATH to LIST unless it is there already. */
void depfile_list_add(struct depfile_list *list, const char *path);

void depfile_list_free(struct depfile_list *list);

/* Can PATH be written in a depfile? make and ninja have no escape for a line break. */
bool depfile_path_ok(const char *path);

/* Appends to OUT the rule "TARGETS: DEPS" (one line, paths escaped for make and
 * ninja: a space as "\ ", "#" as "\#", "$" as "$$"). Every path is depfile_path_ok. */
void depfile_rule(struct buf *out, const struct depfile_list *targets,
                  const struct depfile_list *deps);

#endif
