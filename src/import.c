/* import.c - a raw brief made a brief: headings nested into sections, bylines taken
 * apart, ids given, and every note's text marked up as the citations it holds. */
#include "import.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlsave.h>

#include "mem.h"
#include "norm.h"
#include "noteparse.h"
#include "source.h"

#define XLINK_NS "http://www.w3.org/1999/xlink"

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

enum import_format
import_format_of(const char *path)
{
	size_t n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".docx") == 0)
		return IMPORT_DOCX;
	if ((n > 3 && strcmp(path + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(path + n - 9, ".markdown") == 0))
		return IMPORT_MD;
	return IMPORT_TXT;
}

int
import_format_by_name(const char *name, enum import_format *format)
{
	static const char *const names[] = {[IMPORT_TXT] = "txt", [IMPORT_MD] = "md",
	                                    [IMPORT_DOCX] = "docx"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0) {
			*format = (enum import_format)i;
			return 0;
		}
	return -1;
}

/* ---- Ids ---- */

/* The xml:ids given so far, so each is unique, and for each base the last suffix it
 * took, so the thousandth "the-current-map" costs one lookup, not a thousand. */
struct ids {
	xmlHashTablePtr taken;
	xmlHashTablePtr suffix;
};

/* Gives NODE the id BASE, or BASE-2, BASE-3... when taken. */
static void
give_id(struct ids *ids, xmlNodePtr node, const char *base)
{
	char id[128], stem[101];
	size_t k;

	snprintf(stem, sizeof(stem), "%s", *base ? base : "s");
	snprintf(id, sizeof(id), "%s", stem);
	k = (size_t)xmlHashLookup(ids->suffix, X(stem));
	while (k > 0 || xmlHashLookup(ids->taken, X(id)) != NULL) {
		k = k < 2 ? 2 : k + 1;
		snprintf(id, sizeof(id), "%s-%zu", stem, k);
		if (xmlHashLookup(ids->taken, X(id)) == NULL)
			break;
	}
	if (k > 0)
		xmlHashUpdateEntry(ids->suffix, X(stem), (void *)k, NULL);
	xmlHashAddEntry(ids->taken, X(id), (void *)1);
	xmlSetNsProp(node, xmlSearchNsByHref(node->doc, node, X(XML_NS)), X("id"), X(id));
}

/* ---- Sections ---- */

static int
heading_level(xmlNodePtr bridgehead)
{
	xmlChar *r = xmlGetProp(bridgehead, X("renderas"));
	int level = r && strncmp((const char *)r, "sect", 4) == 0 ? atoi((const char *)r + 4) : 1;

	xmlFree(r);
	return level < 1 ? 1 : level > 3 ? 3 : level;
}

/* Nests the article's flat blocks under its headings: each <bridgehead> becomes a
 * <section> with that title, holding what follows up to the next heading of its
 * level or above. A heading with nothing under it stays a paragraph. */
static void
nest_sections(xmlNodePtr article, struct ids *ids)
{
	xmlNodePtr open[4] = {article, NULL, NULL, NULL};
	xmlNodePtr n = article->children, next, body;
	int depth = 0, level;

	while (n != NULL && !source_is(n, "info"))
		n = n->next;
	/* The blocks after <info>, taken out as one chain, then put back in their place. */
	body = n ? n->next : NULL;
	if (body == NULL)
		return;
	n->next = NULL;
	article->last = n;
	for (n = body; n != NULL; n = next) {
		next = n->next;
		n->next = n->prev = NULL;
		n->parent = NULL;
		if (!source_is(n, "bridgehead")) {
			xmlAddChild(open[depth], n);
			continue;
		}
		level = heading_level(n);
		if (level > depth + 1)
			level = depth + 1;
		depth = level;
		open[depth] = xmlNewChild(open[depth - 1], NULL, X("section"), NULL);
		xmlNodeSetName(n, X("title"));
		xmlUnsetProp(n, X("renderas"));
		xmlAddChild(open[depth], n);
		{
			char *title = (char *)xmlNodeGetContent(n), *slug = norm_slug(title, 3);

			give_id(ids, open[depth], slug);
			free(slug);
			xmlFree(title);
		}
	}
	/* A section must hold a block: an empty one leaves its heading as a paragraph. */
	for (n = source_next(article, article); n != NULL; n = next) {
		next = source_next(n, article);
		if (source_is(n, "section") && n->children != NULL && n->children->next == NULL) {
			xmlNodePtr title = n->children;

			next = source_skip(n, article);
			xmlUnlinkNode(title);
			xmlNodeSetName(title, X("para"));
			if (n->prev != NULL && source_is(n->prev, "section")) {
				/* After a section, a block can only end it. */
				xmlAddChild(n->prev, title);
				xmlUnlinkNode(n);
			} else {
				xmlReplaceNode(n, title);
			}
			xmlFreeNode(n);
		}
	}
}

/* ---- Names ---- */

/* Splits a byline's "Given Family" (personname text) into <firstname> and <surname>:
 * the first word and any initials are given names, the rest the family name
 * ("Victoria Silva Sánchez", "James M. Acton"). */
static void
split_byline(xmlNodePtr personname)
{
	char *name = (char *)xmlNodeGetContent(personname), *p, *fam;

	if (name == NULL)
		return;
	fam = strchr(name, ' ');
	while (fam != NULL) {
		p = fam + 1;
		while (*p == ' ')
			p++;
		/* An initial ("M.") goes with the given names. */
		if (p[0] != '\0' && p[1] == '.' && (p[2] == ' ' || p[2] == '\0') &&
		    strchr(p, ' ') != NULL)
			fam = strchr(p, ' ');
		else
			break;
	}
	xmlNodeSetContent(personname, NULL);
	if (fam == NULL) {
		xmlNewTextChild(personname, NULL, X("surname"), X(name));
	} else {
		*fam++ = '\0';
		while (*fam == ' ')
			fam++;
		xmlNewTextChild(personname, NULL, X("firstname"), X(name));
		xmlNewTextChild(personname, NULL, X("surname"), X(fam));
	}
	xmlFree(name);
}

/* Does TEXT hold WORD (lower-case ASCII), in any case, at a word's start? */
static bool
has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = text; *p != '\0'; p++)
		if ((p == text || p[-1] == ' ') && strncasecmp(p, word, n) == 0)
			return true;
	return false;
}

bool
import_byline_like(const char *text)
{
	size_t n = strlen(text);

	return n > 0 && n < 80 && strchr(".:;,!?", text[n - 1]) == NULL &&
	       strchr(text, '[') == NULL;
}

/* Is NAME an organisation's: "Historical Studies Division"? */
static bool
org_name(const char *name)
{
	static const char *const words[] = {
		"division", "department", "office", "institute", "center", "centre", "council",
		"committee", "staff", "service", "program", "programme", "foundation", "group",
		"ministry", "agency", "bureau", "unit", "team", "editors", "board",
	};
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (has_word(name, words[k]))
			return true;
	return false;
}

/* AFFILIATION, "Baab Al-Shams – Contributing Editor" or "Senior Fellow, RAND", into
 * AFF's jobtitle and orgname: the side with a job's word is the job. */
static void
add_affiliation(xmlNodePtr aff, const char *affiliation)
{
	static const char *const job_words[] = {
		"editor", "fellow", "director", "professor", "researcher", "analyst", "author",
		"associate", "lecturer", "student", "chair", "head", "senior", "officer",
		"correspondent", "contributor", "investigador", "profesor",
	};
	char *org = mem_strdup(affiliation), *dash = strstr(org, " \u2013 ");
	const char *job;
	bool first_is_job = false;
	size_t k;

	if (dash == NULL)
		dash = strstr(org, " - ");
	if (dash == NULL)
		dash = strstr(org, ", ");
	if (dash == NULL) {
		xmlNewTextChild(aff, NULL, X("orgname"), X(org));
		free(org);
		return;
	}
	*dash = '\0';
	job = dash + (dash[1] == '-' || dash[0] == ',' ? 2 : 4);
	while (*job == ' ')
		job++;
	for (k = 0; k < sizeof(job_words) / sizeof(job_words[0]); k++)
		first_is_job |= has_word(org, job_words[k]);
	xmlNewTextChild(aff, NULL, X("jobtitle"), X(first_is_job ? org : job));
	xmlNewTextChild(aff, NULL, X("orgname"), X(first_is_job ? job : org));
	free(org);
}

void
import_add_author(xmlNodePtr info, const char *name, const char *affiliation)
{
	xmlNodePtr author = xmlNewChild(info, NULL, X("author"), NULL);

	if (org_name(name)) {
		/* An organisation signs with no affiliation: its lines make one name. */
		struct buf whole = {0};

		buf_printf(&whole, "%s%s%s", name, affiliation ? ", " : "",
		           affiliation ? affiliation : "");
		xmlNewTextChild(author, NULL, X("orgname"), X(whole.data));
		buf_free(&whole);
		return;
	}
	xmlNewTextChild(author, NULL, X("personname"), X(name));
	if (affiliation != NULL)
		add_affiliation(xmlNewChild(author, NULL, X("affiliation"), NULL), affiliation);
}

/* A paragraph that can be a line of a byline: plain text, byline-like. Returns its
 * text (caller frees), or NULL. */
static char *
byline_para(xmlNodePtr n)
{
	char *text;

	if (n == NULL || !source_is(n, "para") || n->children == NULL ||
	    n->children->type != XML_TEXT_NODE || n->children->next != NULL)
		return NULL;
	text = norm_excerpt((const char *)n->children->content, 0);
	if (import_byline_like(text))
		return text;
	free(text);
	return NULL;
}

/* A line that heads the notes ("Notes", "Endnotes:", "Notas") ending the text: the
 * notes themselves went into the footnotes, so it heads nothing and goes. */
static void
drop_notes_heading(xmlNodePtr article)
{
	static const char *const words[] = {
		"notes", "endnotes", "footnotes", "references", "sources", "notas",
		"notes et références", "anmerkungen", "fußnoten",
	};
	xmlNodePtr last = article->last;
	char *text, *key;
	size_t k;

	if (last == NULL || !(source_is(last, "para") || source_is(last, "bridgehead")))
		return;
	text = (char *)xmlNodeGetContent(last);
	key = norm_key(text ? text : "");
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		char *w = norm_key(words[k]);
		bool same = strcmp(key, w) == 0;

		free(w);
		if (same) {
			xmlUnlinkNode(last);
			xmlFreeNode(last);
			break;
		}
	}
	free(key);
	xmlFree(text);
}

/* With no byline yet, the one or two short paragraphs that end the text are the
 * signature: the name, then "Organisation – Job title". They move into INFO. */
static void
take_signature(xmlNodePtr article, xmlNodePtr info)
{
	xmlNodePtr last = article->last, prev = last ? last->prev : NULL;
	char *name = byline_para(last), *aff = NULL;

	if (name == NULL || prev == NULL || prev == info)
		goto done;
	if ((aff = byline_para(prev)) != NULL && prev->prev != info) {
		char *swap = name;

		name = aff, aff = swap;
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
	import_add_author(info, name, aff);
	xmlUnlinkNode(last);
	xmlFreeNode(last);
done:
	free(name);
	free(aff);
}

/* ---- Notes ---- */

/* A note's paragraph as text, with the ranges set in <emphasis> (not bold). */
static char *
flatten(xmlNodePtr para, struct np_range **italic, size_t *nitalic)
{
	struct buf b = {0};
	xmlNodePtr n;

	*italic = NULL;
	*nitalic = 0;
	buf_puts(&b, "");
	for (n = para->children; n != NULL; n = n->next) {
		xmlChar *text = xmlNodeGetContent(n);
		size_t start = b.len;

		if (text != NULL)
			buf_puts(&b, (const char *)text);
		if (source_is(n, "emphasis") && text != NULL) {
			xmlChar *role = xmlGetProp(n, X("role"));

			if (role == NULL) {
				*italic = mem_realloc_array(*italic, *nitalic + 1, sizeof(**italic));
				(*italic)[(*nitalic)++] = (struct np_range){start, b.len};
			}
			xmlFree(role);
		}
		xmlFree(text);
	}
	/* White space made single, as a note's parts are written: not needed for the
	 * parser, which skips it, but a manuscript's line breaks stay spaces. */
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\t' || b.data[i] == '\r')
			b.data[i] = ' ';
	return b.data;
}

static void
add_text(xmlNodePtr parent, const char *t, size_t s, size_t e)
{
	if (e > s)
		xmlNodeAddContentLen(parent, X(t + s), (int)(e - s));
}

/* Text [S, E) of the commentary: in PARENT, with its italics as <emphasis>. */
static void
add_commentary(xmlNodePtr parent, const char *t, size_t s, size_t e,
               const struct np_range *italic, size_t nitalic)
{
	size_t i, pos = s;

	for (i = 0; i < nitalic; i++) {
		size_t a = italic[i].start > pos ? italic[i].start : pos;
		size_t z = italic[i].end < e ? italic[i].end : e;

		if (a >= z)
			continue;
		add_text(parent, t, pos, a);
		xmlNodePtr em = xmlNewChild(parent, NULL, X("emphasis"), NULL);
		add_text(em, t, a, z);
		pos = z;
	}
	add_text(parent, t, pos, e);
}

/* A name: <orgname>, or <personname> with its family and given names as phrases. */
static void
add_name(xmlNodePtr parent, const char *t, const struct np_span *sp)
{
	size_t pos = sp->start, k;
	bool given_first = sp->given_end > sp->given && sp->given < sp->family;
	const struct {
		size_t s, e;
		const char *role;
	} parts[2] = {
		{given_first ? sp->given : sp->family, given_first ? sp->given_end : sp->family_end,
		 given_first ? "firstname" : "surname"},
		{given_first ? sp->family : sp->given, given_first ? sp->family_end : sp->given_end,
		 given_first ? "surname" : "firstname"},
	};
	xmlNodePtr pn;

	if (sp->org) {
		add_text(xmlNewChild(parent, NULL, X("orgname"), NULL), t, sp->start, sp->end);
		return;
	}
	pn = xmlNewChild(parent, NULL, X("personname"), NULL);
	for (k = 0; k < 2; k++) {
		xmlNodePtr ph;

		if (parts[k].e <= parts[k].s)
			continue;
		add_text(pn, t, pos, parts[k].s);
		ph = xmlNewChild(pn, NULL, X("phrase"), NULL);
		xmlNewProp(ph, X("role"), X(parts[k].role));
		add_text(ph, t, parts[k].s, parts[k].e);
		pos = parts[k].e;
	}
	add_text(pn, t, pos, sp->end);
}

/* The element a part is written as, with its attributes. */
static xmlNodePtr
add_part(xmlNodePtr cit, const char *t, const struct np_span *sp, xmlNsPtr xlink)
{
	static const char *const kinds[] = {
		[CONTAINER_NONE] = "journal", [CONTAINER_JOURNAL] = "journal",
		[CONTAINER_SERIES] = "series", [CONTAINER_BOOK] = "book",
		[CONTAINER_WEBPAGE] = "webpage",
	};
	static const struct {
		const char *element, *attr, *value;
	} as[] = {
		[NP_AUTHOR] = {"author", NULL, NULL}, [NP_EDITOR] = {"editor", NULL, NULL},
		[NP_VARIOUS] = {"abbrev", "role", "various-authors"},
		[NP_IBID] = {"abbrev", NULL, NULL}, [NP_TITLE] = {"citetitle", NULL, NULL},
		[NP_CONTAINER] = {"citetitle", "role", "container"},
		[NP_VOLUME] = {"phrase", "role", "volume"}, [NP_ISSUE] = {"phrase", "role", "issue"},
		[NP_NUMBER] = {"citebiblioid", "class", "pubsnumber"},
		[NP_PUBLISHER] = {"orgname", "role", "publisher"},
		[NP_PLACE] = {"phrase", "role", "place"}, [NP_DATE] = {"date", NULL, NULL},
		[NP_ACCESSED] = {"date", "role", "accessed"}, [NP_URL] = {"link", NULL, NULL},
		[NP_DOI] = {"citebiblioid", "class", "doi"}, [NP_GENRE] = {"phrase", "role", "genre"},
		[NP_LOCATOR] = {"phrase", "role", "locator"},
		[NP_SHORT] = {"phrase", "role", "short-title"},
	};
	enum np_part part = sp->part;
	xmlNodePtr el;

	if (part == NP_DOI && strncmp(t + sp->start, "http", 4) == 0)
		part = NP_URL;   /* a DOI written as its URL is a link */
	el = xmlNewChild(cit, NULL, X(as[part].element), NULL);
	if (as[part].attr != NULL)
		xmlNewProp(el, X(as[part].attr), X(as[part].value));
	if (part == NP_AUTHOR || part == NP_EDITOR) {
		add_name(el, t, sp);
		return el;
	}
	if (part == NP_CONTAINER)
		xmlNewProp(el, X("pubwork"), X(kinds[sp->kind]));
	if (part == NP_URL) {
		char *href = mem_alloc(sp->end - sp->start + 8);

		sprintf(href, "%s%.*s", strncmp(t + sp->start, "www.", 4) == 0 ? "http://" : "",
		        (int)(sp->end - sp->start), t + sp->start);
		xmlNewNsProp(el, xlink, X("href"), X(href));
		free(href);
	}
	add_text(el, t, sp->start, sp->end);
	return el;
}

/* Writes note paragraph PARA again from what the parser made of its text. */
static void
mark_para(xmlNodePtr para, const char *t, const struct np_note *note,
          const struct np_range *italic, size_t nitalic, xmlNsPtr xlink)
{
	size_t pos = 0, i, k;
	xmlNodePtr n, next;

	for (n = para->children; n != NULL; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	for (i = 0; i < note->nitems; i++) {
		const struct np_item *it = &note->items[i];
		xmlNodePtr cit;
		size_t at;

		add_commentary(para, t, pos, it->start, italic, nitalic);
		cit = xmlNewChild(para, NULL, X("citation"), NULL);
		at = it->start;
		for (k = 0; k < it->nspans; k++) {
			add_text(cit, t, at, it->spans[k].start);
			add_part(cit, t, &it->spans[k], xlink);
			at = it->spans[k].end;
		}
		add_text(cit, t, at, it->end);
		pos = it->end;
	}
	add_commentary(para, t, pos, strlen(t), italic, nitalic);
}

/* An attribute of the import namespace, removed from NODE: its value as a number. */
static unsigned long
take_imp(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a = xmlHasNsProp(node, X(name), X(IMPORT_NS));
	unsigned long v = 0;

	if (a != NULL) {
		xmlChar *s = xmlNodeGetContent((xmlNodePtr)a);

		v = s ? strtoul((const char *)s, NULL, 10) : 0;
		xmlFree(s);
		xmlRemoveProp(a);
	}
	return v;
}

/* The citations of footnote FN, number COUNT, marked in its paragraphs. */
static void
mark_note(struct noteparse *p, xmlNodePtr fn, size_t count, unsigned long line,
          xmlNsPtr xlink, const char *name, struct diag *d)
{
	xmlNodePtr para;

	for (para = fn->children; para != NULL; para = para->next) {
		struct np_range *italic;
		size_t nitalic;
		char *text;
		struct np_note note;

		if (!source_is(para, "para"))
			continue;
		text = flatten(para, &italic, &nitalic);
		noteparse_note(p, text, strlen(text), italic, nitalic, &note);
		if (note.doubt != NULL)
			diag_report(d, RULE_CITATION_UNSURE, name, (unsigned)line, 0,
			            "%s in note %zu; check the markup", note.doubt, count);
		mark_para(para, text, &note, italic, nitalic, xlink);
		noteparse_note_free(&note);
		free(italic);
		free(text);
	}
}

/* Every footnote, in order: its id "fnN", and its citations marked. */
static void
mark_notes(xmlNodePtr article, struct ids *ids, const char *name, struct diag *d)
{
	struct noteparse *p = noteparse_new();
	xmlNodePtr *notes = NULL, n;
	unsigned long *number;
	size_t count = 0, i;
	xmlNsPtr xlink = xmlNewNs(article, X(XLINK_NS), X("xlink"));

	for (n = source_next(article, article); n != NULL; n = source_next(n, article))
		if (source_is(n, "footnote")) {
			notes = mem_realloc_array(notes, count + 1, sizeof(*notes));
			notes[count++] = n;
		}
	number = mem_realloc_array(NULL, count + 1, sizeof(*number));
	for (i = 0; i < count; i++) {
		char id[32];
		unsigned long line;

		number[i] = take_imp(notes[i], "n");
		line = take_imp(notes[i], "line");
		snprintf(id, sizeof(id), "fn%zu", i + 1);
		give_id(ids, notes[i], id);
		mark_note(p, notes[i], i + 1, line, xlink, name, d);
	}
	/* A note called again links to the footnote of its first call. */
	for (n = source_next(article, article); n != NULL; n = source_next(n, article)) {
		unsigned long want;

		if (!source_is(n, "footnoteref") || xmlHasNsProp(n, X("linkend"), NULL))
			continue;
		want = take_imp(n, "n");
		for (i = 0; i < count && number[i] != want; i++)
			;
		if (i < count) {
			xmlChar *id = xmlGetNsProp(notes[i], X("id"), X(XML_NS));

			xmlNewProp(n, X("linkend"), id);
			xmlFree(id);
		}
	}
	free(number);
	free(notes);
	noteparse_free(p);
}

/* Drops the import namespace's declaration (its attributes are gone by now). */
static void
drop_imp_ns(xmlNodePtr article)
{
	xmlNsPtr *link = &article->nsDef;

	while (*link != NULL) {
		if (xmlStrEqual((*link)->href, X(IMPORT_NS))) {
			xmlNsPtr gone = *link;

			*link = gone->next;
			gone->next = NULL;
			xmlFreeNs(gone);
		} else {
			link = &(*link)->next;
		}
	}
}

static xmlNodePtr
info_of(xmlNodePtr article)
{
	xmlNodePtr n;

	for (n = article->children; n != NULL && !source_is(n, "info"); n = n->next)
		;
	return n;
}

static bool
has_author(xmlNodePtr article)
{
	xmlNodePtr n;

	for (n = info_of(article) ? info_of(article)->children : NULL; n != NULL; n = n->next)
		if (source_is(n, "author"))
			return true;
	return false;
}

void
import_finish(xmlDocPtr doc, const char *name, struct buf *out, struct diag *d)
{
	xmlNodePtr article = xmlDocGetRootElement(doc), n;
	struct ids ids = {NULL, NULL};
	xmlChar *mem = NULL;
	int size = 0;
	size_t count = 0;

	/* Sized for an id on every element at once: libxml2 2.9 grows a table only when a
	 * chain gets long, and "fn1".."fn19000" chain long well before that. */
	for (n = source_next(article, article); n != NULL; n = source_next(n, article))
		count++;
	ids.taken = xmlHashCreate(count < (1 << 20) ? (int)(2 * count + 64) : 1 << 21);
	ids.suffix = xmlHashCreate(count < (1 << 20) ? (int)(count / 4 + 64) : 1 << 19);
	if (ids.taken == NULL || ids.suffix == NULL)
		mem_exhausted();
	if (!xmlHasNsProp(article, X("lang"), X(XML_NS)))
		xmlNodeSetLang(article, X("en"));
	if (info_of(article) == NULL) {   /* every reader makes one; a title needs it */
		xmlNodePtr info = xmlNewDocNode(doc, article->ns, X("info"), NULL);

		if (article->children != NULL)
			xmlAddPrevSibling(article->children, info);
		else
			xmlAddChild(article, info);
	}
	drop_notes_heading(article);
	if (!has_author(article))
		take_signature(article, info_of(article));
	if (!has_author(article))
		diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "no byline: a brief needs an author; "
		            "write \"By NAME\" under the title, or the name on a line of its own "
		            "after the text");
	for (n = info_of(article)->children; n != NULL; n = n->next)
		if (source_is(n, "author") && source_is(n->children, "personname") &&
		    n->children->children != NULL &&
		    n->children->children->type == XML_TEXT_NODE &&
		    n->children->children->next == NULL)
			split_byline(n->children);
	nest_sections(article, &ids);
	mark_notes(article, &ids, name, d);
	drop_imp_ns(article);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL)
		mem_exhausted();
	buf_append(out, (const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlHashFree(ids.taken, NULL);
	xmlHashFree(ids.suffix, NULL);
	xmlFreeDoc(doc);
}
