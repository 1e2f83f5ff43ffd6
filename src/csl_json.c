/* csl_json.c - CSL-JSON into csl_item: names, dates (date-parts, literal, raw),
 * numbers as text; every value copied out of jansson's tree. */
#include "csl_item.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"

/* Items past this many are refused (the run's memory is otherwise unbounded). */
#define JSON_MAX_ITEMS 100000

static char *
scalar_text(const json_t *v)
{
	char num[64];

	if (json_is_string(v))
		return mem_strdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		return mem_strdup(num);
	}
	if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%g", json_real_value(v));
		return mem_strdup(num);
	}
	return NULL;
}

static char *
field(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	char *s = v ? scalar_text(v) : NULL;

	if (s != NULL && *s == '\0') {
		free(s);
		s = NULL;
	}
	return s;
}

static bool
truthy(const json_t *v)
{
	return v != NULL && (json_is_true(v) || (json_is_integer(v) && json_integer_value(v)) ||
	                     (json_is_string(v) && *json_string_value(v) != '\0'));
}

/* Moves the lower-case words that open FAMILY ("van", "de la", "d'") into the
 * non-dropping particle, and those that close GIVEN ("Ludwig van") into the dropping
 * particle, as citeproc-js does when the data does not say; "Doe, III" in GIVEN is a
 * suffix (after ",!" one written with its comma). */
static void
parse_particles(struct csl_name *n)
{
	char *p, *split;
	size_t len;

	/* a family name in quotes is taken as it stands ("\"Van Dyke\"") */
	if (n->family && (len = strlen(n->family)) >= 2 && n->family[0] == '"' &&
	    n->family[len - 1] == '"') {
		memmove(n->family, n->family + 1, len - 2);
		n->family[len - 2] = '\0';
	} else if (n->family && n->non_dropping == NULL) {
		char *end = NULL;

		for (p = n->family; islower((unsigned char)*p);) {
			size_t w = strcspn(p, " '-");

			if (p[w] == ' ') {
				end = p = p + w + 1;
				continue;
			}
			if ((p[w] == '\'' || p[w] == '-') && p[w + 1] != '\0' &&
			    !islower((unsigned char)p[w + 1]))
				end = p + w + 1;
			break;
		}
		if (end != NULL && *end != '\0') {
			size_t plen = (size_t)(end - n->family);

			n->non_dropping = mem_alloc(plen + 1);
			memcpy(n->non_dropping, n->family, plen);
			n->non_dropping[plen] = '\0';
			if (plen > 0 && n->non_dropping[plen - 1] == ' ')
				n->non_dropping[plen - 1] = '\0';
			memmove(n->family, end, strlen(end) + 1);
		}
	}
	if (n->given && n->suffix == NULL && (p = strstr(n->given, ",")) != NULL) {
		split = p + 1;
		n->comma_suffix = *split == '!';
		split += strspn(split, "! ");
		n->suffix = mem_strdup(split);
		*p = '\0';
	}
	if (n->given && n->dropping == NULL && (p = strrchr(n->given, ' ')) != NULL &&
	    islower((unsigned char)p[1])) {
		while (p > n->given && p[-1] != ' ')
			p--;
		for (split = p; split > n->given && islower((unsigned char)split[0]);) {
			char *q = split - 1;

			while (q > n->given && q[-1] != ' ')
				q--;
			if (!islower((unsigned char)*q))
				break;
			split = q;
		}
		if (islower((unsigned char)*split) && split > n->given) {
			n->dropping = mem_strdup(split);
			split[-1] = '\0';
		}
	}
}

static void
read_name(struct csl_name *n, const json_t *obj)
{
	memset(n, 0, sizeof(*n));
	if (json_is_string(obj)) {
		n->literal = mem_strdup(json_string_value(obj));
		return;
	}
	n->family = field(obj, "family");
	n->given = field(obj, "given");
	n->dropping = field(obj, "dropping-particle");
	n->non_dropping = field(obj, "non-dropping-particle");
	n->suffix = field(obj, "suffix");
	n->literal = field(obj, "literal");
	n->comma_suffix = truthy(json_object_get(obj, "comma-suffix"));
	n->static_order = truthy(json_object_get(obj, "static-ordering"));
	if (n->literal == NULL && n->family == NULL && n->given == NULL)
		n->literal = field(obj, "name");
	if (!json_is_false(json_object_get(obj, "parse-names")))
		parse_particles(n);
}

static int
part_value(const json_t *v)
{
	if (json_is_integer(v))
		return (int)json_integer_value(v);
	if (json_is_string(v))
		return atoi(json_string_value(v));
	return 0;
}

/* One [y, m, d] of date-parts into slot I of D. */
static void
read_parts(struct csl_date *d, int i, const json_t *parts)
{
	size_t n = json_array_size(parts);

	if (n > 0)
		d->year[i] = part_value(json_array_get(parts, 0));
	if (n > 1)
		d->month[i] = part_value(json_array_get(parts, 1));
	if (n > 2)
		d->day[i] = part_value(json_array_get(parts, 2));
	/* CSL-JSON writes the seasons as months 13-16 or 21-24 */
	if (d->month[i] >= 13 && d->month[i] <= 16)
		d->season[i] = d->month[i] - 12;
	else if (d->month[i] >= 21 && d->month[i] <= 24)
		d->season[i] = d->month[i] - 20;
	if (d->season[i] != 0)
		d->month[i] = 0;
	if (d->month[i] < 0 || d->month[i] > 12)
		d->month[i] = 0;
	if (d->day[i] < 0 || d->day[i] > 31 || d->month[i] == 0)
		d->day[i] = 0;
}

/* "2000", "2000-03-04", "2000-03/2001-04": the ISO-ish raw dates CSL-JSON allows. */
static void
read_raw(struct csl_date *d, const char *raw)
{
	int i;

	for (i = 0; i < 2 && raw != NULL; i++) {
		char *end;
		long y = strtol(raw, &end, 10);

		if (end == raw)
			break;
		d->year[i] = (int)y;
		if (*end == '-' && isdigit((unsigned char)end[1]))
			d->month[i] = (int)strtol(end + 1, &end, 10);
		if (*end == '-' && isdigit((unsigned char)end[1]))
			d->day[i] = (int)strtol(end + 1, &end, 10);
		raw = *end == '/' ? end + 1 : NULL;
		d->range |= i == 1;
	}
	if (d->year[0] == 0 && raw != NULL)
		d->literal = mem_strdup(raw);
}

static void
read_date(struct csl_date *d, const json_t *obj)
{
	const json_t *parts = json_object_get(obj, "date-parts"), *v;

	memset(d, 0, sizeof(*d));
	if (json_array_size(parts) > 0)
		read_parts(d, 0, json_array_get(parts, 0));
	if (json_array_size(parts) > 1) {
		read_parts(d, 1, json_array_get(parts, 1));
		/* [[1987], [0]]: a range open at its end */
		d->range = true;
	}
	if (d->year[0] == 0 && (v = json_object_get(obj, "raw")) != NULL &&
	    json_is_string(v))
		read_raw(d, json_string_value(v));
	if ((v = json_object_get(obj, "season")) != NULL && d->season[0] == 0) {
		d->season[0] = part_value(v);
		if (d->season[0] < 1 || d->season[0] > 4)
			d->season[0] = 0;
	}
	d->circa = truthy(json_object_get(obj, "circa"));
	if (d->year[0] == 0 && d->literal == NULL)
		d->literal = field(obj, "literal");
}

static bool
is_date_object(const json_t *v)
{
	return json_is_object(v) &&
	       (json_object_get(v, "date-parts") || json_object_get(v, "literal") ||
	        json_object_get(v, "raw"));
}

/* Reads one variable; returns false for one of no use (null, empty). */
static bool
read_var(struct csl_var *var, const char *key, const json_t *v)
{
	size_t i;

	memset(var, 0, sizeof(*var));
	if (json_is_array(v)) {
		var->kind = CSL_VAR_NAMES;
		var->nnames = json_array_size(v);
		var->names = mem_realloc_array(NULL, var->nnames ? var->nnames : 1,
		                               sizeof(*var->names));
		for (i = 0; i < var->nnames; i++)
			read_name(&var->names[i], json_array_get(v, i));
	} else if (is_date_object(v)) {
		var->kind = CSL_VAR_DATE;
		read_date(&var->date, v);
	} else if ((var->text = scalar_text(v)) == NULL || *var->text == '\0') {
		free(var->text);
		return false;
	}
	var->name = mem_strdup(key);
	return true;
}

static void
free_name(struct csl_name *n)
{
	free(n->family);
	free(n->given);
	free(n->dropping);
	free(n->non_dropping);
	free(n->suffix);
	free(n->literal);
}

static void
free_var(struct csl_var *v)
{
	size_t i;

	free(v->name);
	free(v->text);
	for (i = 0; i < v->nnames; i++)
		free_name(&v->names[i]);
	free(v->names);
	free(v->date.literal);
}

/* The date variables a note line may set. */
static const char *const note_dates[] = {
	"accessed", "available-date", "event-date", "issued", "original-date", "submitted",
};

/* Adds variable KEY (N bytes) = VALUE (M bytes) from a line of the note, unless the
 * item has it already. */
static void
note_var(struct csl_item *item, size_t *cap, const char *key, size_t n, const char *value,
         size_t m)
{
	struct csl_var *var;
	char name[64];
	size_t i;

	if (n == 0 || n >= sizeof(name) || m == 0)
		return;
	memcpy(name, key, n);
	name[n] = '\0';
	if (csl_item_var(item, name) != NULL)
		return;
	if (item->nvars == *cap) {
		*cap = 2 * *cap + 4;
		item->vars = mem_realloc_array(item->vars, *cap, sizeof(*item->vars));
	}
	var = &item->vars[item->nvars++];
	memset(var, 0, sizeof(*var));
	var->name = mem_strdup(name);
	var->text = mem_alloc(m + 1);
	memcpy(var->text, value, m);
	var->text[m] = '\0';
	for (i = 0; i < sizeof(note_dates) / sizeof(note_dates[0]); i++)
		if (strcmp(name, note_dates[i]) == 0) {
			var->kind = CSL_VAR_DATE;
			read_raw(&var->date, var->text);
			free(var->text);
			var->text = NULL;
		}
}

/* Variables written in the note as "name: value" lines (Zotero's way to carry what
 * its fields lack), below those the item has. */
static void
read_note(struct csl_item *item, size_t *cap)
{
	const char *p = csl_item_text(item, "note"), *end, *colon;

	for (; p != NULL && *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon == NULL || colon == p || strcspn(p, " ") < (size_t)(colon - p))
			continue;
		note_var(item, cap, p, (size_t)(colon - p), colon + 1 + strspn(colon + 1, " "),
		         (size_t)(end - (colon + 1 + strspn(colon + 1, " "))));
	}
}

static void
read_item(struct csl_item *item, json_t *obj)
{
	const char *key;
	json_t *v;
	size_t cap = json_object_size(obj) + 1;

	memset(item, 0, sizeof(*item));
	item->vars = mem_realloc_array(NULL, cap, sizeof(*item->vars));
	json_object_foreach(obj, key, v) {
		if (strcmp(key, "id") == 0) {
			item->id = scalar_text(v);
			continue;
		}
		if (read_var(&item->vars[item->nvars], key, v))
			item->nvars++;
	}
	if (item->id == NULL)
		item->id = mem_strdup("");
	read_note(item, &cap);
	item->type = (char *)csl_item_text(item, "type");
}

int
csl_json_read(struct csl_items *items, const char *json, size_t len, const char *name,
              struct diag *d)
{
	json_error_t err;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
	size_t i;

	if (root == NULL || !json_is_array(root) || json_array_size(root) > JSON_MAX_ITEMS) {
		diag_report(d, RULE_CSL, name, root ? 0 : (unsigned)err.line,
		            root ? 0 : (unsigned)err.column, "%s",
		            root == NULL ? err.text : !json_is_array(root)
		            ? "CSL-JSON must be an array of items"
		            : "more than 100,000 items, the limit");
		json_decref(root);
		return -1;
	}
	items->items = mem_realloc_array(items->items, items->n + json_array_size(root) + 1,
	                                 sizeof(*items->items));
	for (i = 0; i < json_array_size(root); i++)
		if (json_is_object(json_array_get(root, i)))
			read_item(&items->items[items->n++], json_array_get(root, i));
	json_decref(root);
	return 0;
}

void
csl_items_free(struct csl_items *items)
{
	size_t i, j;

	for (i = 0; i < items->n; i++) {
		for (j = 0; j < items->items[i].nvars; j++)
			free_var(&items->items[i].vars[j]);
		free(items->items[i].vars);
		free(items->items[i].id);
	}
	free(items->items);
	items->items = NULL;
	items->n = 0;
}

const struct csl_var *
csl_item_var(const struct csl_item *item, const char *name)
{
	size_t i;

	for (i = 0; item != NULL && i < item->nvars; i++)
		if (strcmp(item->vars[i].name, name) == 0)
			return &item->vars[i];
	return NULL;
}

const char *
csl_item_text(const struct csl_item *item, const char *name)
{
	const struct csl_var *v = csl_item_var(item, name);

	return v && v->kind == CSL_VAR_TEXT ? v->text : NULL;
}
