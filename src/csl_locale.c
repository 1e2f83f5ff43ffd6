/* csl_locale.c - read locale files safely, merge them in order of precedence, and look
 * terms up with CSL's form fallbacks. */
#include "csl_locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "source.h"

/* A locale file is a few tens of kilobytes. */
#define LOCALE_MAX_BYTES ((size_t)1 << 20)

/* The main dialect of a language that has several (CSL's locales-*.xml). */
static const char *const dialects[][2] = {
	{"af", "af-ZA"}, {"ca", "ca-AD"}, {"cs", "cs-CZ"}, {"da", "da-DK"},
	{"de", "de-DE"}, {"el", "el-GR"}, {"en", "en-US"}, {"es", "es-ES"},
	{"et", "et-EE"}, {"fa", "fa-IR"}, {"fr", "fr-FR"}, {"he", "he-IL"},
	{"hu", "hu-HU"}, {"is", "is-IS"}, {"it", "it-IT"}, {"ja", "ja-JP"},
	{"km", "km-KH"}, {"ko", "ko-KR"}, {"nb", "nb-NO"}, {"nl", "nl-NL"},
	{"nn", "nn-NO"}, {"pl", "pl-PL"}, {"pt", "pt-PT"}, {"ro", "ro-RO"},
	{"ru", "ru-RU"}, {"sk", "sk-SK"}, {"sl", "sl-SI"}, {"sr", "sr-RS"},
	{"sv", "sv-SE"}, {"th", "th-TH"}, {"tr", "tr-TR"}, {"uk", "uk-UA"},
	{"vi", "vi-VN"}, {"zh", "zh-CN"},
};

static const char *
main_dialect(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (strncmp(lang, dialects[i][0], 2) == 0)
			return dialects[i][1];
	return NULL;
}

static bool
is_csl(const xmlNode *x, const char *name)
{
	return x != NULL && x->type == XML_ELEMENT_NODE && x->ns != NULL &&
	       xmlStrEqual(x->ns->href, (const xmlChar *)CSL_NS) &&
	       xmlStrEqual(x->name, (const xmlChar *)name);
}

static const char *
text_of(const xmlNode *x)
{
	const xmlNode *k;

	for (k = x->children; k != NULL; k = k->next)
		if (k->type == XML_TEXT_NODE)
			return (const char *)k->content;
	return "";
}

static void
add_term(struct csl_locale *loc, const xmlNode *x)
{
	struct csl_term *t;
	const xmlNode *k;

	if (loc->nterms == loc->capterms) {
		loc->capterms = loc->capterms ? 2 * loc->capterms : 256;
		loc->terms = mem_realloc_array(loc->terms, loc->capterms, sizeof(*loc->terms));
	}
	t = &loc->terms[loc->nterms++];
	t->name = csl_xattr(x, "name");
	t->form = csl_xattr(x, "form");
	if (t->form == NULL)
		t->form = "long";
	t->gender = csl_xattr(x, "gender");
	t->gender_form = csl_xattr(x, "gender-form");
	t->match = csl_xattr(x, "match");
	t->single = t->multiple = text_of(x);
	for (k = x->children; k != NULL; k = k->next) {
		if (is_csl(k, "single"))
			t->single = text_of(k);
		else if (is_csl(k, "multiple"))
			t->multiple = text_of(k);
	}
}

/* CSL 1.0.2: a locale that defines any ordinal term replaces every ordinal term of
 * the locales below it. */
static void
drop_ordinals(struct csl_locale *loc, size_t below)
{
	size_t i, j = 0;

	for (i = 0; i < loc->nterms; i++)
		if (i >= below || strncmp(loc->terms[i].name, "ordinal", 7) != 0)
			loc->terms[j++] = loc->terms[i];
	loc->nterms = j;
}

static void
merge_terms(struct csl_locale *loc, const xmlNode *terms)
{
	size_t below = loc->nterms;
	bool ordinals = false;
	const xmlNode *k;

	for (k = terms->children; k != NULL; k = k->next) {
		if (!is_csl(k, "term") || csl_xattr(k, "name") == NULL)
			continue;
		add_term(loc, k);
		ordinals |= strncmp(csl_xattr(k, "name"), "ordinal", 7) == 0;
	}
	if (ordinals)
		drop_ordinals(loc, below);
}

static void
merge_options(struct csl_locale *loc, const xmlNode *x)
{
	const char *v;

	if ((v = csl_xattr(x, "punctuation-in-quote")) != NULL)
		loc->punctuation_in_quote = strcmp(v, "true") == 0;
	if ((v = csl_xattr(x, "limit-day-ordinals-to-day-1")) != NULL)
		loc->limit_day_ordinals = strcmp(v, "true") == 0;
}

/* Merges one cs:locale element (a file's root, or the style's) over LOC. */
static void
merge(struct csl_locale *loc, const xmlNode *locale)
{
	const xmlNode *k;

	for (k = locale->children; k != NULL; k = k->next) {
		if (is_csl(k, "terms"))
			merge_terms(loc, k);
		else if (is_csl(k, "style-options"))
			merge_options(loc, k);
		else if (is_csl(k, "date") && csl_xattr(k, "form") != NULL) {
			if (strcmp(csl_xattr(k, "form"), "text") == 0)
				loc->date_text = k;
			else if (strcmp(csl_xattr(k, "form"), "numeric") == 0)
				loc->date_numeric = k;
		}
	}
}

/* Reads DIR/locales-TAG.xml into the next free slot and merges it; 0 or -1. */
static int
merge_file(struct csl_locale *loc, const char *dir, const char *tag, struct diag *d)
{
	struct source src = {.data = true};
	char path[512];
	size_t slot;

	for (slot = 0; slot < 3 && loc->docs[slot] != NULL; slot++)
		;
	snprintf(path, sizeof(path), "%s/locales-%s.xml", dir, tag);
	/* A dialect with no file of its own is no error: asked without allocating, where
	 * memory running out would have been taken for a missing file. */
	if (slot == 3 || strchr(tag, '/') != NULL || access(path, R_OK) != 0)
		return -1;
	if (source_load(&src, path, LOCALE_MAX_BYTES, d) != SOURCE_OK ||
	    !is_csl(xmlDocGetRootElement(src.doc), "locale")) {
		source_free(&src);
		return -1;
	}
	loc->docs[slot] = src.doc;
	src.doc = NULL;
	source_free(&src);
	merge(loc, xmlDocGetRootElement(loc->docs[slot]));
	return 0;
}

/* Does a cs:locale of xml:lang TAG (NULL: none) belong to pass PASS for LANG?
 * Pass 0 takes those without xml:lang, 1 the language's, 2 the dialect's. */
static bool
fits_pass(const char *tag, const char *lang, int pass)
{
	if (tag == NULL)
		return pass == 0;
	if (pass == 1)
		return strlen(tag) == 2 && strncmp(tag, lang, 2) == 0;
	return pass == 2 && strlen(tag) > 2 && strcmp(tag, lang) == 0;
}

/* The style's cs:locale elements for LOC's language, the more specific later. */
static void
merge_style_locales(struct csl_locale *loc, const struct csl_style *style)
{
	const struct csl_node *k;
	int pass;

	for (pass = 0; pass < 3; pass++)
		for (k = style->nodes[0].kids; k != NULL; k = k->next) {
			xmlChar *tag;

			if (k->el != CSL_EL_LOCALE)
				continue;
			tag = xmlGetNsProp(k->xml, (const xmlChar *)"lang",
			                   (const xmlChar *)XML_NS);
			if (fits_pass((const char *)tag, loc->lang, pass))
				merge(loc, k->xml);
			xmlFree(tag);
		}
}

struct csl_locale *
csl_locale_load(const struct csl_style *style, const char *dir, const char *lang,
                struct diag *d)
{
	struct csl_locale *loc = mem_alloc(sizeof(*loc));
	const char *main;

	memset(loc, 0, sizeof(*loc));
	if (dir == NULL)
		dir = CSL_LOCALE_DIR;
	if (lang == NULL)
		lang = style && style->default_locale ? style->default_locale : "en-US";
	snprintf(loc->lang, sizeof(loc->lang), "%s", lang);
	if (merge_file(loc, dir, "en-US", d) != 0) {
		diag_report(d, RULE_CSL, dir, 0, 0, "cannot read the CSL locale "
		            "locales-en-US.xml (install citation-style-language-locales)");
		csl_locale_free(loc);
		return NULL;
	}
	main = main_dialect(lang);
	if (strcmp(lang, "en-US") != 0 && merge_file(loc, dir, lang, d) != 0 && main &&
	    strcmp(main, "en-US") != 0)
		merge_file(loc, dir, main, d);
	if (style != NULL)
		merge_style_locales(loc, style);
	return loc;
}

void
csl_locale_free(struct csl_locale *loc)
{
	size_t i;

	if (loc == NULL)
		return;
	for (i = 0; i < 3; i++)
		xmlFreeDoc(loc->docs[i]);
	free(loc->terms);
	free(loc);
}

static const struct csl_term *
find(const struct csl_locale *loc, const char *name, const char *form,
     const char *gender_form)
{
	size_t i;

	for (i = loc->nterms; i-- > 0;) {
		const struct csl_term *t = &loc->terms[i];

		if (strcmp(t->name, name) == 0 && strcmp(t->form, form) == 0 &&
		    (gender_form == NULL ||
		     (t->gender_form && strcmp(t->gender_form, gender_form) == 0)))
			return t;
	}
	return NULL;
}

/* The form to try after FORM, or NULL. */
static const char *
fallback(const char *form)
{
	if (strcmp(form, "verb-short") == 0)
		return "verb";
	if (strcmp(form, "symbol") == 0)
		return "short";
	if (strcmp(form, "verb") == 0 || strcmp(form, "short") == 0)
		return "long";
	return NULL;
}

const struct csl_term *
csl_term_entry(const struct csl_locale *loc, const char *name, const char *form,
               const char *gender_form)
{
	const struct csl_term *t = NULL;

	for (form = form ? form : "long"; form != NULL && t == NULL; form = fallback(form))
		t = find(loc, name, form, gender_form);
	return t;
}

const char *
csl_term(const struct csl_locale *loc, const char *name, const char *form, bool plural)
{
	const struct csl_term *t = csl_term_entry(loc, name, form, NULL);

	return t == NULL ? NULL : plural ? t->multiple : t->single;
}
