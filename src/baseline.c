/* baseline.c - the baseline: keys of accepted findings with their counts, read from and
 * written to a small text file. */
#include "baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "emit.h"
#include "mem.h"

/* One key: how many findings it accepts, and how many this run used. */
struct entry {
	char *key;         /* FILE \t RULE \t MESSAGE, owned */
	unsigned count, used;
	unsigned line;     /* in the baseline file; 0 when added in this run */
};

struct baseline {
	char *path;               /* the file it was read from, or NULL; owned */
	struct entry *entries;
	size_t n, cap;
	xmlHashTablePtr index;    /* key -> index + 1 */
};

struct baseline *
baseline_new(void)
{
	struct baseline *b = mem_alloc(sizeof(*b));

	memset(b, 0, sizeof(*b));
	b->index = xmlHashCreate(64);
	return b;
}

void
baseline_free(struct baseline *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		free(b->entries[i].key);
	free(b->entries);
	xmlHashFree(b->index, NULL);
	free(b->path);
	free(b);
}

/* The key of a finding: FILE, RULE's id and MESSAGE, tab-separated, one line: FILE's
 * tabs, line breaks and backslashes written "\t", "\n", "\r", "\\" (a file name
 * may hold any of them), each run of digits in MESSAGE made "#" and any tab or line
 * break there a space. Caller frees. */
static char *
key_of(const char *file, const char *rule, const char *message)
{
	struct buf k = {0};
	const char *s;

	for (s = file; *s != '\0'; s++) {
		const char *esc = *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" :
		                  *s == '\\' ? "\\\\" : NULL;

		if (esc != NULL)
			buf_puts(&k, esc);
		else
			buf_append(&k, s, 1);
	}
	buf_printf(&k, "\t%s\t", rule);
	for (s = message; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			while (s[1] >= '0' && s[1] <= '9')
				s++;
			buf_puts(&k, "#");
		} else {
			buf_append(&k, strchr("\t\r\n", *s) ? " " : s, 1);
		}
	}
	return k.data;
}

/* The entry for KEY (taken over), made with count 0 if new. */
static struct entry *
entry_for(struct baseline *b, char *key)
{
	void *slot = xmlHashLookup(b->index, (const xmlChar *)key);

	if (slot != NULL) {
		free(key);
		return &b->entries[(size_t)slot - 1];
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		b->entries = mem_realloc_array(b->entries, b->cap, sizeof(*b->entries));
	}
	b->entries[b->n].key = key;
	b->entries[b->n].count = b->entries[b->n].used = 0;
	b->entries[b->n].line = 0;
	xmlHashAddEntry(b->index, (const xmlChar *)key, (void *)(b->n + 1));
	return &b->entries[b->n++];
}

void
baseline_add(struct baseline *b, const char *file, enum diag_rule rule,
             const char *message)
{
	entry_for(b, key_of(file, diag_rule_id(rule), message))->count++;
}

bool
baseline_take(struct baseline *b, const char *file, enum diag_rule rule,
              const char *message)
{
	char *key = key_of(file, diag_rule_id(rule), message);
	void *slot = xmlHashLookup(b->index, (const xmlChar *)key);
	struct entry *e = slot ? &b->entries[(size_t)slot - 1] : NULL;

	free(key);
	if (e == NULL || e->used == e->count)
		return false;
	e->used++;
	return true;
}

/* Reads one "COUNT\tFILE\tRULE\tMESSAGE" line into B; returns 0, or -1. */
static int
read_line(struct baseline *b, char *line, unsigned lineno)
{
	char *end, *key;
	unsigned long count = strtoul(line, &end, 10);
	const char *rule_start;
	enum diag_rule rule;
	struct entry *e;

	if (end == line || *end != '\t' || count == 0 || count > 1000000)
		return -1;
	key = end + 1;
	rule_start = strchr(key, '\t');
	if (rule_start == NULL || strchr(rule_start + 1, '\t') == NULL)
		return -1;
	{
		size_t n = (size_t)(strchr(rule_start + 1, '\t') - (rule_start + 1));
		char id[64];

		if (n >= sizeof(id))
			return -1;
		memcpy(id, rule_start + 1, n);
		id[n] = '\0';
		if (diag_rule_by_id(id, &rule) != 0)
			return -1;
	}
	e = entry_for(b, mem_strdup(key));
	e->count += (unsigned)count;
	if (e->line == 0)
		e->line = lineno;
	return 0;
}

struct baseline *
baseline_load(const char *path, struct diag *d)
{
	FILE *f = fopen(path, "r");
	struct baseline *b;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned lineno = 0;
	int bad = 0;

	if (f == NULL && errno == ENOMEM)
		mem_exhausted();
	if (f == NULL) {
		diag_report(d, RULE_IO, path, 0, 0, "cannot read the baseline: %s",
		            strerror(errno));
		return NULL;
	}
	b = baseline_new();
	b->path = mem_strdup(path);
	/* getline ends at the end of the file, and where memory runs out or the file
	 * cannot be read: those must not pass for a baseline cut short. */
	while ((errno = 0, len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (read_line(b, line, lineno) != 0) {
			diag_report(d, RULE_IO, path, lineno, 1,
			            "not a baseline entry (COUNT, FILE, RULE, MESSAGE separated "
			            "by tabs); write it again with --write-baseline");
			bad = 1;
		}
	}
	if (errno == ENOMEM)
		mem_exhausted();
	if (ferror(f)) {
		diag_report(d, RULE_IO, path, 0, 0, "cannot read the baseline: %s",
		            strerror(errno ? errno : EIO));
		bad = 1;
	}
	free(line);
	fclose(f);
	if (bad) {
		baseline_free(b);
		return NULL;
	}
	return b;
}

void
baseline_report_unused(const struct baseline *b, struct diag *d)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct entry *e = &b->entries[i];
		char *file = e->key, *rule = strchr(file, '\t') + 1;
		char *message = strchr(rule, '\t') + 1;

		if (e->used == e->count)
			continue;
		diag_report(d, RULE_STALE_BASELINE, b->path ? b->path : "baseline", e->line, 1,
		            "%u of %u accepted finding%s no longer found (%.*s in %.*s: %s); "
		            "drop the entry or lower its count", e->count - e->used, e->count,
		            e->count == 1 ? "" : "s", (int)(message - rule - 1), rule,
		            (int)(rule - file - 1), file, message);
	}
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

int
baseline_write(const struct baseline *b, const char *path, struct diag *d)
{
	struct entry *sorted = mem_realloc_array(NULL, b->n, sizeof(*sorted));
	struct buf out = {0};
	size_t i;
	int ret;

	memcpy(sorted, b->entries, b->n * sizeof(*sorted));
	qsort(sorted, b->n, sizeof(*sorted), entry_cmp);
	buf_puts(&out, "# briefc baseline: known findings that `briefc check --baseline FILE`\n"
	               "# accepts. COUNT\tFILE\tRULE\tMESSAGE (numbers as #), one key a line.\n");
	for (i = 0; i < b->n; i++)
		buf_printf(&out, "%u\t%s\n", sorted[i].count, sorted[i].key);
	ret = emit_file(path, out.data, out.len, d);
	buf_free(&out);
	free(sorted);
	return ret;
}
