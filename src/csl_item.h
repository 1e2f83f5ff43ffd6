/* csl_item.h - the item model the CSL engine renders (CSL-JSON's: text, name and date
 * variables), and csl_json.c, which reads CSL-JSON into it with jansson. */
#ifndef BRIEFC_CSL_ITEM_H
#define BRIEFC_CSL_ITEM_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct csl_name {
	char *family, *given, *dropping, *non_dropping, *suffix, *literal; /* owned */
	bool comma_suffix, static_order;
};

/* A date or range: year 0 is no date; negative years are BC. A range whose end is
 * all 0 is open ("1987–"). */
struct csl_date {
	int year[2], month[2], day[2], season[2];
	bool range, circa;
	char *literal; /* owned; NULL when the date has parts */
};

enum csl_var_kind { CSL_VAR_TEXT, CSL_VAR_NAMES, CSL_VAR_DATE };

struct csl_var {
	char *name; /* owned */
	enum csl_var_kind kind;
	char *text;              /* CSL_VAR_TEXT; owned */
	struct csl_name *names;  /* CSL_VAR_NAMES; owned */
	size_t nnames;
	struct csl_date date;    /* CSL_VAR_DATE */
};

struct csl_item {
	char *id;   /* owned */
	char *type; /* the "type" variable's text, also in vars */
	struct csl_var *vars;
	size_t nvars;
};

/* An array of items, owned. Zero-initialise; release with csl_items_free. */
struct csl_items {
	struct csl_item *items;
	size_t n;
};

/* Appends the items of LEN bytes of CSL-JSON (an array of item objects) to ITEMS.
 * Returns 0, or -1 with the reason reported to D against NAME (RULE_CSL). */
int csl_json_read(struct csl_items *items, const char *json, size_t len,
                  const char *name, struct diag *d);

void csl_items_free(struct csl_items *items);

/* The variable NAME of ITEM, or NULL. */
const struct csl_var *csl_item_var(const struct csl_item *item, const char *name);

/* The text of variable NAME, or NULL when absent, empty, or not text. */
const char *csl_item_text(const struct csl_item *item, const char *name);

#endif
