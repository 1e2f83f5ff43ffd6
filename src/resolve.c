/* resolve.c - resolution: the brief's citation markup read into the model, the model's
 * problems and the notes' unmarked text reported, and the model written back for the
 * stylesheets. */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/valid.h>

#include "mem.h"
#include "norm.h"

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

/* ---- Reading ---- */

/* NODE's text with each run of XML white space made one space, trimmed. Caller frees. */
static char *
text_of(const xmlNode *node)
{
	xmlChar *raw = xmlNodeGetContent(node);
	char *out = norm_excerpt(raw ? (const char *)raw : "", 0);

	xmlFree(raw);
	return out;
}

/* The value of attribute NAME (no namespace) equals VALUE. */
static int
attr_is(const xmlNode *node, const char *name, const char *value)
{
	xmlChar *v = xmlGetNsProp(node, X(name), NULL);
	int same = v != NULL && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return same;
}

/* Sets *FIELD to NODE's text unless it is set already (the first one counts). */
static void
take_text(char **field, const xmlNode *node)
{
	if (*field == NULL)
		*field = text_of(node);
}

/* Appends NODE's text to *FIELD, after a space: names given in several parts. */
static void
append_text(char **field, const xmlNode *node)
{
	char *t = text_of(node);
	size_t n;

	if (*field == NULL) {
		*field = t;
		return;
	}
	n = strlen(*field);
	*field = mem_realloc_array(*field, n + strlen(t) + 2, 1);
	sprintf(*field + n, " %s", t);
	free(t);
}

/* A person's name written whole in NODE: "Family, Given" at its comma; else, of two
 * words or more, the last word is the family name ("Jean Lemoalle"); one word alone
 * stays whole. (A family name of several words, "Silva Sánchez", needs its parts
 * marked.) */
static void
split_name(struct cite_name *name, const xmlNode *node)
{
	char *whole = text_of(node), *comma = strchr(whole, ','), *space = strrchr(whole, ' ');

	if (comma != NULL && comma > whole && comma[1] == ' ' && comma[2] != '\0') {
		*comma = '\0';
		name->family = mem_strdup(whole);
		name->given = mem_strdup(comma + 2);
		free(whole);
	} else if (comma == NULL && space != NULL) {
		*space = '\0';
		name->family = mem_strdup(space + 1);
		name->given = whole;
	} else {
		name->literal = whole;
	}
}

/* An <author>'s name: a <personname> taken apart by <surname>/<firstname> elements
 * (bibliography entries) or phrase roles (notes), else as split_name splits it; or an
 * <orgname>. */
static struct cite_name
read_name(const xmlNode *author)
{
	struct cite_name name = {NULL, NULL, NULL};
	const xmlNode *who, *part;

	for (who = author->children; who != NULL; who = who->next) {
		if (source_is(who, "orgname")) {
			name.literal = text_of(who);
			return name;
		}
		if (!source_is(who, "personname"))
			continue;
		for (part = who->children; part != NULL; part = part->next) {
			if (source_is(part, "surname") ||
			    (source_is(part, "phrase") && attr_is(part, "role", "surname")))
				append_text(&name.family, part);
			else if (source_is(part, "firstname") ||
			         (source_is(part, "phrase") && attr_is(part, "role", "firstname")))
				append_text(&name.given, part);
		}
		if (name.family == NULL) {
			free(name.given);
			name.given = NULL;
			split_name(&name, who);
		}
		return name;
	}
	name.literal = text_of(author);
	return name;
}

static void
add_author(struct cite_fields *f, const xmlNode *author)
{
	f->authors = mem_realloc_array(f->authors, f->nauthors + 1, sizeof(*f->authors));
	f->authors[f->nauthors++] = read_name(author);
}

static void
read_container(struct cite_fields *f, const xmlNode *node)
{
	static const struct {
		const char *pubwork;
		enum cite_container kind;
	} kinds[] = {
		{"journal", CONTAINER_JOURNAL}, {"series", CONTAINER_SERIES},
		{"book", CONTAINER_BOOK}, {"webpage", CONTAINER_WEBPAGE},
	};
	size_t i;

	if (f->container != NULL)
		return;
	f->container = text_of(node);
	f->container_kind = CONTAINER_JOURNAL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (attr_is(node, "pubwork", kinds[i].pubwork))
			f->container_kind = kinds[i].kind;
}

/* A <citebiblioid> or <biblioid>, by its class. */
static void
read_identifier(struct cite_fields *f, const xmlNode *node)
{
	if (attr_is(node, "class", "pubsnumber"))
		take_text(&f->number, node);
	else if (attr_is(node, "class", "uri"))
		take_text(&f->url, node);
	else if (attr_is(node, "class", "doi"))
		take_text(&f->doi, node);
	else if (attr_is(node, "class", "isbn"))
		take_text(&f->isbn, node);
	else if (attr_is(node, "class", "issn"))
		take_text(&f->issn, node);
}

/* Does the text node NODE end with an opening quotation mark (“, « or ")? */
static bool
opens_quotation(const xmlNode *node)
{
	static const char *const marks[] = {"\u201c", "\u00ab", "\u00ab\u00a0", "\""};
	const char *s;
	size_t i, n, m;

	if (node == NULL || node->type != XML_TEXT_NODE || node->content == NULL)
		return false;
	s = (const char *)node->content;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		m = strlen(marks[i]);
		if (n >= m && strncmp(s + n - m, marks[i], m) == 0)
			return true;
	}
	return false;
}

static int
is_ibid(const xmlNode *abbrev)
{
	char *text = text_of(abbrev), *key = norm_key(text);
	int ibid = strcmp(key, "ibid") == 0;

	free(text);
	free(key);
	return ibid;
}

/* The language of a work's title (CSL's "language", which keeps a title that is not
 * English from being title-cased): the xml:lang of TITLE, else of REF, the citation
 * or entry that holds it; NULL when neither says. Caller frees. */
static char *
lang_of(const xmlNode *title, const xmlNode *ref)
{
	xmlChar *lang = title ? xmlGetNsProp(title, X("lang"), X(XML_NS)) : NULL;
	char *out;

	if (lang == NULL)
		lang = xmlGetNsProp(ref, X("lang"), X(XML_NS));
	if (lang == NULL)
		return NULL;
	out = mem_strdup((const char *)lang);
	xmlFree(lang);
	return out;
}

/* A <citation> as written: its marked parts, and its form from them. A full
 * reference has a title and a publication detail; Ibid. says so; the rest are short
 * forms (an author and/or a short title, and a locator). */
static void
read_citation(struct cite_model *m, xmlNodePtr citation)
{
	struct cite_fields f, editors;
	xmlNodePtr n, title = NULL;
	char *locator = NULL;
	int ibid = 0, detail = 0;

	memset(&f, 0, sizeof(f));
	memset(&editors, 0, sizeof(editors));
	for (n = citation->children; n != NULL; n = n->next) {
		if (source_is(n, "author")) {
			add_author(&f, n);
		} else if (source_is(n, "editor")) {
			add_author(&editors, n);
		} else if (source_is(n, "abbrev")) {
			if (attr_is(n, "role", "various-authors"))
				f.various = true;
			else
				ibid |= is_ibid(n);
		} else if (source_is(n, "citetitle")) {
			if (attr_is(n, "role", "container"))
				read_container(&f, n), detail = 1;
			else if (f.title == NULL)
				f.title = text_of(n), f.quoted = opens_quotation(n->prev), title = n;
		} else if (source_is(n, "orgname") && attr_is(n, "role", "publisher")) {
			take_text(&f.publisher, n), detail = 1;
		} else if (source_is(n, "date")) {
			/* The date a web page was read is no date of the work. */
			if (!attr_is(n, "role", "accessed"))
				take_text(&f.date.text, n), detail = 1;
		} else if (source_is(n, "phrase") && attr_is(n, "role", "short-title")) {
			take_text(&f.short_title, n);
		} else if (source_is(n, "phrase") && attr_is(n, "role", "volume")) {
			take_text(&f.volume, n), detail = 1;
		} else if (source_is(n, "phrase") && attr_is(n, "role", "issue")) {
			take_text(&f.number, n), detail = 1;
		} else if (source_is(n, "citebiblioid")) {
			read_identifier(&f, n), detail = 1;
		} else if (source_is(n, "link")) {
			xmlChar *href = xmlGetNsProp(n, X("href"), X("http://www.w3.org/1999/xlink"));

			if (href != NULL && f.url == NULL)
				f.url = mem_strdup((const char *)href), detail = 1;
			xmlFree(href);
		} else if (source_is(n, "phrase") && attr_is(n, "role", "locator")) {
			take_text(&locator, n);
		}
	}
	f.lang = lang_of(title, citation);
	/* A book cited by its editors alone ("Adams, ed., The Works…") is theirs. */
	if (f.nauthors == 0 && editors.nauthors > 0) {
		f.authors = editors.authors, f.nauthors = editors.nauthors;
		editors.authors = NULL, editors.nauthors = 0;
	}
	cite_add(m, ibid ? CITE_IBID : f.title && detail ? CITE_FULL : CITE_SHORT, &f, NULL,
	         locator, citation);
	cite_fields_free(&editors);
	cite_fields_free(&f);
	free(locator);
}

/* A <biblioref linkend begin end>: its locator is begin, or the range begin–end. */
static void
read_biblioref(struct cite_model *m, xmlNodePtr ref)
{
	xmlChar *linkend = xmlGetNsProp(ref, X("linkend"), NULL);
	xmlChar *begin = xmlGetNsProp(ref, X("begin"), NULL);
	xmlChar *end = xmlGetNsProp(ref, X("end"), NULL);
	char *locator = NULL;

	if (begin != NULL) {
		size_t n = strlen((const char *)begin) + (end ? strlen((const char *)end) : 0) + 4;

		locator = mem_alloc(n);
		snprintf(locator, n, "%s%s%s", (const char *)begin, end ? "\u2013" : "",
		         end ? (const char *)end : "");
	}
	cite_add(m, CITE_REF, NULL, linkend ? (const char *)linkend : "", locator, ref);
	free(locator);
	xmlFree(linkend);
	xmlFree(begin);
	xmlFree(end);
}

/* A <biblioentry>: a work declared in the brief's bibliography. */
static void
read_entry(struct cite_model *m, xmlNodePtr entry)
{
	struct cite_fields f;
	xmlChar *id = xmlGetNsProp(entry, X("id"), X(XML_NS));
	char *subtitle = NULL;
	xmlNodePtr n, p, title = NULL;

	memset(&f, 0, sizeof(f));
	for (n = entry->children; n != NULL; n = n->next) {
		if (source_is(n, "author"))
			add_author(&f, n);
		else if (source_is(n, "title") && title == NULL)
			take_text(&f.title, n), title = n;
		else if (source_is(n, "subtitle"))
			take_text(&subtitle, n);
		else if (source_is(n, "titleabbrev"))
			take_text(&f.short_title, n);
		else if (source_is(n, "citetitle"))
			read_container(&f, n);
		else if (source_is(n, "volumenum"))
			take_text(&f.volume, n);
		else if (source_is(n, "issuenum"))
			take_text(&f.number, n);
		else if (source_is(n, "pubdate"))
			take_text(&f.date.text, n);
		else if (source_is(n, "biblioid"))
			read_identifier(&f, n);
		else if (source_is(n, "publisher"))
			for (p = n->children; p != NULL; p = p->next)
				if (source_is(p, "publishername"))
					take_text(&f.publisher, p);
	}
	if (subtitle != NULL && f.title != NULL) {
		size_t len = strlen(f.title) + strlen(subtitle) + 3;

		f.title = mem_realloc_array(f.title, len, 1);
		strcat(strcat(f.title, ": "), subtitle);
	}
	free(subtitle);
	f.lang = lang_of(title, entry);
	cite_add_entry(m, id ? (const char *)id : "", &f, entry);
	cite_fields_free(&f);
	xmlFree(id);
}

/* ---- Text left unmarked ---- */

/* How many characters of left-over text a message quotes. */
#define LEFTOVER_CHARS 60

/* Words of three letters or more that join a citation's marked parts ("and", "vol.",
 * "eds."), as norm_key writes them; shorter words ("No.", "pp.", "y", "et") never
 * count as unmarked. */
static bool
connective(const char *w, size_t n)
{
	static const char *const words[] = {
		"accessed", "also", "and", "available", "chap", "cit", "cited", "del", "edited",
		"eds", "entitled", "from", "hereafter", "nos", "num", "online", "por",
		"retrieved", "see", "the", "trans", "translated", "vol", "vols",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncmp(w, words[i], n) == 0)
			return true;
	return false;
}

/* Is the word W (N bytes of a norm_key) something a citation marks: a year (four
 * digits), or a word of three letters or more that is no connective and no roman
 * numeral? Other numbers (a volume, an issue) go unmarked in a written citation. */
static bool
marked_word(const char *w, size_t n)
{
	size_t i, chars = 0, digits = strspn(w, "0123456789");

	if (digits > 0)
		return digits == n && n == 4;
	for (i = 0; i < n; i++)
		chars += (w[i] & 0xc0) != 0x80;
	return chars >= 3 && strspn(w, "ivxlcdm") < n && !connective(w, n);
}

/* Does TEXT hold a word that a citation would mark? */
static bool
has_marked_word(const char *text)
{
	char *key = norm_key(text);
	const char *w = key;
	bool found = false;

	while (*w != '\0' && !found) {
		size_t n = strcspn(w, " ");

		found = marked_word(w, n);
		w += n + (w[n] == ' ');
	}
	free(key);
	return found;
}

/* The length of the first string of SET that S begins with (LEADING) or that the N
 * bytes of S end with, or 0. */
static size_t
edge_in(const char *s, size_t n, const char *const *set, bool leading)
{
	size_t i, k;

	for (i = 0; set[i] != NULL; i++) {
		k = strlen(set[i]);
		if (k <= n && strncmp(leading ? s : s + n - k, set[i], k) == 0)
			return k;
	}
	return 0;
}

/* TEXT for a message: without the punctuation, quotation marks and spaces that joined
 * it to the marked parts around it, cut to LEFTOVER_CHARS. Caller frees. */
static char *
leftover(const char *text)
{
	static const char *const lead[] = {
		" ", "\t", "\r", "\n", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]",
		"\u00a0", "\u201d", "\u00bb", "\u2019", NULL,
	};
	static const char *const trail[] = {
		" ", "\t", "\r", "\n", ".", ",", ";", ":", "(", "[", "\u00a0", "\u201c",
		"\u00ab", "\u2018", NULL,
	};
	size_t n = strlen(text), k;
	char *cut, *out;

	while ((k = edge_in(text, n, lead, true)) > 0)
		text += k, n -= k;
	while ((k = edge_in(text, n, trail, false)) > 0)
		n -= k;
	cut = mem_alloc(n + 1);
	memcpy(cut, text, n);
	cut[n] = '\0';
	out = norm_excerpt(cut, LEFTOVER_CHARS);
	free(cut);
	return out;
}

/* The length of TEXT, the text before a publisher, without the place of publication
 * at its end ("(London: ", ". Madrid: "), which briefc has no markup for: the words
 * between the last "(", ".", "," or ";" and a final colon. */
static size_t
without_place(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && strchr(" \t\r\n", text[n - 1]) != NULL)
		n--;
	if (n == 0 || text[n - 1] != ':')
		return strlen(text);
	for (n--; n > 0 && strchr("(.,;", text[n - 1]) == NULL; n--)
		;
	return n;
}

/* Does the text node N of a citation hold a word the citation should have marked? */
static bool
unmarked_text(const xmlNode *n)
{
	const xmlNode *next = n->next;
	char *text;
	size_t len;
	bool found;

	if (n->type != XML_TEXT_NODE || n->content == NULL)
		return false;
	if (next == NULL || !source_is(next, "orgname") ||
	    !attr_is(next, "role", "publisher"))
		return has_marked_word((const char *)n->content);
	len = without_place((const char *)n->content);
	text = mem_alloc(len + 1);
	memcpy(text, n->content, len);
	text[len] = '\0';
	found = has_marked_word(text);
	free(text);
	return found;
}

/* Text written directly in a <citation> joins its marked parts: punctuation,
 * quotation marks, "No.", "and", the place before a publisher. A word or a year there
 * is a part briefc cannot read, often a second citation run into the first. One
 * finding per citation; none for a citation C (as read) that names no author, title or
 * Ibid., which citation-unrecognised reports whole. */
static void
check_citation_text(const struct source *src, struct diag *d, const xmlNode *citation,
                    const struct cite *c)
{
	const xmlNode *n;

	if (c->form != CITE_IBID && c->fields.nauthors == 0 && c->fields.title == NULL)
		return;
	for (n = citation->children; n != NULL; n = n->next)
		if (unmarked_text(n)) {
			char *shown = leftover((const char *)n->content);
			unsigned line, col;

			source_locate(src, citation, &line, &col);
			diag_report(d, RULE_UNMARKED_CITATION, src->path, line, col,
			            "citation in note %zu leaves \"%s\" unmarked; mark its parts, "
			            "or make it a citation of its own", c->note, shown);
			free(shown);
			return;
		}
}

static bool
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does a year (four digits standing alone) begin at S[I]? */
static bool
year_at(const char *s, size_t i)
{
	return (i == 0 || !ascii_alnum(s[i - 1])) && strspn(s + i, "0123456789") == 4 &&
	       !ascii_alnum(s[i + 4]);
}

/* Does a number follow P, after spaces (at least one when SPACED)? */
static bool
number_after(const char *p, bool spaced)
{
	const char *start = p;

	while (*p == ' ' || strncmp(p, "\u00a0", 2) == 0)
		p += *p == ' ' ? 1 : 2;
	return (!spaced || p > start) && *p >= '0' && *p <= '9';
}

/* Does a page label and a number begin at S[I]: "p. 4", "pp. 3\u20135"? */
static bool
page_at(const char *s, size_t i)
{
	if (i > 0 && ascii_alnum(s[i - 1]))
		return false;
	if (strncmp(s + i, "pp.", 3) == 0)
		return number_after(s + i + 3, false);
	return strncmp(s + i, "p.", 2) == 0 && number_after(s + i + 2, false);
}

/* Does a page follow the year that ends at P: after a colon ("2015: 45", "(2015): 45"),
 * or after the parenthesis that closes the year and a comma ("(London: Verso, 2015),
 * 45")? */
static bool
page_after_year(const char *p)
{
	if (*p == ')' && p[1] == ',')
		return number_after(p + 2, true);
	p += *p == ')';
	return *p == ':' && number_after(p + 1, true);
}

/* Does S (a note's text after a citation, outside any) read like a citation: a year
 * and a page ("Smith, Counting, 2015, p. 4", "JDE 3 (2015): 4", "(Verso, 2015), 4"),
 * or a quoted title followed by a year in parentheses or after a comma ("“Counting,”
 * JDE 3 (2015)")? Discursive text with a year ("It was withdrawn in 2015, after 3
 * months: 12 ...") does not. */
static bool
looks_like_citation(const char *s)
{
	size_t i, j;
	bool year = false, page = false, quote_open = false, titled = false;
	int parens = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (strncmp(s + i, "\u201c", 3) == 0 || strncmp(s + i, "\u00ab", 2) == 0)
			quote_open = true;
		else if (quote_open && (strncmp(s + i, "\u201d", 3) == 0 ||
		                        strncmp(s + i, "\u00bb", 2) == 0))
			quote_open = false, titled = true;
		parens += (s[i] == '(') - (s[i] == ')' && parens > 0);
		page = page || page_at(s, i);
		if (!year_at(s, i))
			continue;
		year = true;
		page = page || page_after_year(s + i + 4);
		for (j = i; j > 0 && s[j - 1] == ' '; j--)
			;
		if (titled && (parens > 0 || (j > 0 && s[j - 1] == ',')))
			return true;
	}
	return year && page;
}

/* The text of note NUMBER (the <footnote> NOTE) outside its citations, after the first
 * of them, read in stretches between citations and paragraphs: one that reads like a
 * citation is a citation left unmarked. Notes that cite nothing are discursive and
 * never checked. One finding per note. */
static void
check_note_text(const struct source *src, struct diag *d, xmlNodePtr note, size_t number)
{
	struct buf text = {NULL, 0, 0};
	bool cited = false, found = false;
	xmlNodePtr n = note->children;

	while (n != NULL && !found) {
		bool cite = source_is(n, "citation") || source_is(n, "biblioref");

		if (cite || source_is(n, "para")) {
			found = cited && text.data != NULL && looks_like_citation(text.data);
			if (!found)
				buf_free(&text);
			cited = cited || cite;
			n = cite ? source_skip(n, note) : source_next(n, note);
			continue;
		}
		if (cited && n->type == XML_TEXT_NODE && n->content != NULL)
			buf_puts(&text, (const char *)n->content);
		n = source_next(n, note);
	}
	found = found || (cited && text.data != NULL && looks_like_citation(text.data));
	if (found) {
		char *shown = leftover(text.data);
		unsigned line, col;

		source_locate(src, note, &line, &col);
		diag_report(d, RULE_UNMARKED_CITATION, src->path, line, col,
		            "note %zu has citation-like text outside any citation: \"%s\"; mark "
		            "it up as a <citation>", number, shown);
		free(shown);
	}
	buf_free(&text);
}

static void
report(const struct source *src, struct diag *d, const struct cite_problem *p)
{
	unsigned line, col;
	size_t i;

	source_locate(src, p->node, &line, &col);
	diag_report(d, p->rule, src->path, line, col, "%s", p->message);
	for (i = 0; i < p->nrelated; i++) {
		source_locate(src, p->related[i].node, &line, &col);
		diag_related(d, src->path, line, col, "%s", p->related[i].message);
	}
}

struct cite_model *
resolve_source(const struct source *src, struct diag *d)
{
	struct cite_model *m = cite_model_new();
	xmlNodePtr root = xmlDocGetRootElement(src->doc), n;
	size_t i;

	for (n = root; n != NULL; n = source_next(n, root)) {
		xmlChar *id;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetNsProp(n, X("id"), X(XML_NS))) != NULL)
			cite_reserve_id(m, (const char *)id);
		xmlFree(id);
		if (source_is(n, "biblioentry")) {
			read_entry(m, n);
		} else if (source_is(n, "footnote")) {
			cite_begin_note(m);
			check_note_text(src, d, n, m->notes);
		} else if (source_is(n, "citation")) {
			read_citation(m, n);
			check_citation_text(src, d, n, &m->cites[m->ncites - 1]);
		} else if (source_is(n, "biblioref")) {
			read_biblioref(m, n);
		}
	}
	cite_resolve(m);
	for (i = 0; i < m->nproblems; i++)
		report(src, d, &m->problems[i]);
	return m;
}

/* ---- Writing the model into the tree ---- */

static xmlAttrPtr
set_attr(xmlNodePtr node, xmlNsPtr ns, const char *name, const char *value)
{
	return value != NULL ? xmlSetNsProp(node, ns, X(name), X(value)) : NULL;
}

static xmlAttrPtr
set_number(xmlNodePtr node, xmlNsPtr ns, const char *name, long value)
{
	char buf[32];

	if (value <= 0)
		return NULL;
	snprintf(buf, sizeof(buf), "%ld", value);
	return set_attr(node, ns, name, buf);
}

/* A <brf:NAME> child of PARENT holding TEXT, if TEXT is set. */
static xmlNodePtr
add_child(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr child;

	if (text == NULL)
		return NULL;
	child = xmlNewChild(parent, ns, X(name), NULL);
	xmlNodeAddContent(child, X(text));
	return child;
}

static void
annotate_cite(const struct cite_model *m, const struct cite *c, xmlNsPtr ns)
{
	xmlNodePtr node = c->node;

	if (c->work != CITE_NONE)
		set_attr(node, ns, "work", m->works[c->work].id);
	set_attr(node, ns, "form", cite_form_name(cite_shown_form(c)));
	set_attr(node, ns, "position", cite_position_name(c->position));
	set_attr(node, ns, "locator", c->loc.text);
	if (c->same_place)
		set_attr(node, ns, "same-place", "yes");
}

static void
add_work(const struct cite_model *m, const struct cite_work *w, xmlNodePtr parent,
         xmlNsPtr ns)
{
	const struct cite_fields *f = &w->fields;
	xmlNodePtr work = xmlNewChild(parent, ns, X("work"), NULL), node;
	size_t i;

	set_attr(work, NULL, "id", w->id);
	set_attr(work, NULL, "type", cite_work_type(w));
	if (f->various)
		set_attr(work, NULL, "various-authors", "yes");
	for (i = 0; i < f->nauthors; i++) {
		node = xmlNewChild(work, ns, X("author"), NULL);
		set_attr(node, NULL, "family", f->authors[i].family);
		set_attr(node, NULL, "given", f->authors[i].given);
		set_attr(node, NULL, "literal", f->authors[i].literal);
	}
	add_child(work, ns, "title", f->title);
	add_child(work, ns, "short-title", w->short_title);
	if ((node = add_child(work, ns, "container", f->container)) != NULL)
		set_attr(node, NULL, "kind", cite_container_name(f->container_kind));
	add_child(work, ns, "volume", f->volume);
	add_child(work, ns, "number", f->number);
	add_child(work, ns, "publisher", f->publisher);
	if ((node = add_child(work, ns, "date", f->date.text)) != NULL) {
		set_number(node, NULL, "year", f->date.year);
		set_number(node, NULL, "month", f->date.month);
		set_number(node, NULL, "day", f->date.day);
	}
	add_child(work, ns, "url", f->url);
	add_child(work, ns, "doi", f->doi);
	add_child(work, ns, "isbn", f->isbn);
	add_child(work, ns, "issn", f->issn);
	for (i = 0; i < w->ncites; i++) {
		const struct cite *c = &m->cites[w->cites[i]];

		node = xmlNewChild(work, ns, X("cited-by"), NULL);
		set_number(node, NULL, "note", (long)c->note);
		set_attr(node, NULL, "form", cite_form_name(cite_shown_form(c)));
		set_attr(node, NULL, "position", cite_position_name(c->position));
		set_attr(node, NULL, "locator", c->loc.text);
	}
}

/* Adds NODE's name to NAMES (" a b "), unless it is there: a brief has few names, each
 * met many times, so the search is short and the list stays so. */
static void
add_name(struct buf *names, const xmlNode *node)
{
	size_t n = strlen((const char *)node->name);
	const char *at = names->data;

	while ((at = strstr(at, (const char *)node->name)) != NULL) {
		if (at[-1] == ' ' && at[n] == ' ')
			return;
		at += n;
	}
	buf_append(names, (const char *)node->name, n);
	buf_append(names, " ", 1);
}

/* The "." or "," right after the biblioref REF belongs to its citation: it goes from
 * the text that follows to REF's @brf:taken. (A stylesheet that looked back from every
 * text of a note for a biblioref spent a tenth of its time there.) */
static void
take_punctuation(xmlNodePtr ref, xmlNsPtr ns)
{
	xmlNodePtr next = ref->next;
	xmlChar *rest;
	char taken[2] = {0, 0};

	if (next == NULL || next->type != XML_TEXT_NODE || next->content == NULL ||
	    (next->content[0] != '.' && next->content[0] != ','))
		return;
	taken[0] = (char)next->content[0];
	set_attr(ref, ns, "taken", taken);
	if (next->content[1] == '\0') {
		xmlUnlinkNode(next);
		xmlFreeNode(next);
		return;
	}
	rest = xmlStrdup(next->content + 1);
	if (rest == NULL)
		mem_exhausted();
	xmlNodeSetContent(next, rest);
	xmlFree(rest);
}

void
resolve_annotate(const struct cite_model *m, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n, bib;
	xmlNsPtr ns = xmlNewNs(root, X(RESOLVED_NS), X("brf"));
	struct buf names = {0};
	long note = 0, section = 0;
	char count[32];
	size_t i;

	buf_puts(&names, " ");
	for (n = root; n != NULL; n = source_next(n, root)) {
		if (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
		    strcmp((const char *)n->ns->href, DOCBOOK_NS) == 0)
			add_name(&names, n);
		if (source_is(n, "footnote")) {
			xmlAttrPtr number = set_number(n, ns, "note", ++note);

			/* A number is never an xml:id (an NCName), nor a work's id. */
			xmlAddID(NULL, doc, number->children->content, number);
		} else if (source_is(n, "section")) {
			set_number(n, ns, "section", ++section);
		} else if (source_is(n, "biblioref")) {
			take_punctuation(n, ns);
		}
	}
	set_attr(root, ns, "elements", names.data);
	buf_free(&names);
	snprintf(count, sizeof(count), "%ld", note);
	set_attr(root, ns, "notes", count);
	for (i = 0; i < m->ncites; i++)
		annotate_cite(m, &m->cites[i], ns);
	bib = xmlNewChild(root, ns, X("bibliography"), NULL);
	for (i = 0; i < m->nworks; i++)
		add_work(m, &m->works[i], bib, ns);
}
