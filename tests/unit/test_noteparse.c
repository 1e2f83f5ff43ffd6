/* test_noteparse.c - the citation parser shape by shape: each Chicago form, the
 * article's nineteen notes, commentary, several works in a note, and its doubts.
 * A parse is shown as the note's text with each citation in <...> and each part in
 * {part:text}; names as {author/Family|Given:text} or {author/org:text}. */
#include "unit.h"

#include "mem.h"
#include "noteparse.h"

static void
show_span(struct buf *b, const char *t, const struct np_span *s)
{
	buf_printf(b, "{%s", noteparse_part_name(s->part));
	if (s->part == NP_CONTAINER)
		buf_printf(b, "/%s", cite_container_name(s->kind));
	if (s->part == NP_AUTHOR || s->part == NP_EDITOR) {
		if (s->org)
			buf_puts(b, "/org");
		else
			buf_printf(b, "/%.*s|%.*s", (int)(s->family_end - s->family), t + s->family,
			           (int)(s->given_end - s->given), t + s->given);
	}
	buf_printf(b, ":%.*s}", (int)(s->end - s->start), t + s->start);
}

/* TEXT as the parser P reads it, in the notation above; caller frees. */
static char *
parse(struct noteparse *p, const char *t)
{
	struct np_note n;
	struct buf b = {0};
	size_t pos = 0, i, k;

	noteparse_note(p, t, strlen(t), NULL, 0, &n);
	buf_puts(&b, "");
	for (i = 0; i < n.nitems; i++) {
		const struct np_item *it = &n.items[i];

		buf_append(&b, t + pos, it->start - pos);
		buf_puts(&b, "<");
		pos = it->start;
		for (k = 0; k < it->nspans; k++) {
			buf_append(&b, t + pos, it->spans[k].start - pos);
			show_span(&b, t, &it->spans[k]);
			pos = it->spans[k].end;
		}
		buf_append(&b, t + pos, it->end - pos);
		buf_puts(&b, ">");
		pos = it->end;
	}
	buf_puts(&b, t + pos);
	if (n.doubt != NULL)
		buf_printf(&b, "  ?? %s", n.doubt);
	noteparse_note_free(&n);
	return b.data;
}

/* Parses TEXT with a fresh parser and compares with WANT. */
static void
shape_is(const char *text, const char *want)
{
	struct noteparse *p = noteparse_new();
	char *got = parse(p, text);

	assert_string_equal(got, want);
	free(got);
	noteparse_free(p);
}

static void
test_book(void **state)
{
	(void)state;
	shape_is("James M. Acton, Is It a Nuke? (Washington, DC: Carnegie Endowment for International Peace, 2017), 12.",
	         "<{author/Acton|James M.:James M. Acton}, {title:Is It a Nuke?} ({place:Washington, DC}: {publisher:Carnegie Endowment for International Peace}, {date:2017}), {locator:12}.>");
}

static void
test_book_short(void **state)
{
	(void)state;
	shape_is("Acton, Entanglement, 51.",
	         "<{author/Acton|:Acton}, {title:Entanglement}, {locator:51}.>");
}

static void
test_journal_article(void **state)
{
	(void)state;
	shape_is("Keir A. Lieber and Daryl G. Press, “The New Era of Counterforce: Technological Change and the Future of Nuclear Deterrence,” International Security 41, no. 4 (2017): 9–49.",
	         "<{author/Lieber|Keir A.:Keir A. Lieber} and {author/Press|Daryl G.:Daryl G. Press}, “{title:The New Era of Counterforce: Technological Change and the Future of Nuclear Deterrence},” {container/journal:International Security} {volume:41}, no. {issue:4} ({date:2017}): {locator:9–49}.>");
}

static void
test_short_with_title(void **state)
{
	(void)state;
	shape_is("Lieber and Press, “The New Era of Counterforce,” 38-39.",
	         "<{author/Lieber|:Lieber} and {author/Press|:Press}, “{title:The New Era of Counterforce},” {locator:38-39}.>");
}

static void
test_short_en_dash(void **state)
{
	(void)state;
	shape_is("Lieber and Press, “The New Era of Counterforce,” 38–39.",
	         "<{author/Lieber|:Lieber} and {author/Press|:Press}, “{title:The New Era of Counterforce},” {locator:38–39}.>");
}

static void
test_newspaper(void **state)
{
	(void)state;
	shape_is("Carlotta Gall, “Tunisia Fears the Return of Thousands of Young Jihadists,” New York Times, February 25, 2017, https://www.nytimes.com/2017/02/25/world/europe/tunisia.html.",
	         "<{author/Gall|Carlotta:Carlotta Gall}, “{title:Tunisia Fears the Return of Thousands of Young Jihadists},” {container/journal:New York Times}, {date:February 25, 2017}, {url:https://www.nytimes.com/2017/02/25/world/europe/tunisia.html}.>");
}

static void
test_web_page(void **state)
{
	(void)state;
	shape_is("“Mission Statement,” Human Rights Watch, accessed March 3, 2016, https://www.hrw.org/about.",
	         "<“{title:Mission Statement},” {publisher:Human Rights Watch}, accessed {accessed:March 3, 2016}, {url:https://www.hrw.org/about}.>");
}

static void
test_report_in_series(void **state)
{
	(void)state;
	shape_is("International Crisis Group, Tunisia’s Borders: Jihadism and Contraband, Middle East and North Africa Report No. 148 (Brussels: International Crisis Group, 2013), 7.",
	         "<{author/org:International Crisis Group}, {title:Tunisia’s Borders: Jihadism and Contraband}, {container/series:Middle East and North Africa Report} No. {number:148} ({place:Brussels}: {publisher:International Crisis Group}, {date:2013}), {locator:7}.>");
}

static void
test_chapter_in_edited_volume(void **state)
{
	(void)state;
	shape_is("Frederic Wehrey, “Libya’s Militia Menace,” in The Arab Uprisings Explained, ed. Marc Lynch (New York: Columbia University Press, 2014), 215.",
	         "<{author/Wehrey|Frederic:Frederic Wehrey}, “{title:Libya’s Militia Menace},” in {container/book:The Arab Uprisings Explained}, ed. {editor/Lynch|Marc:Marc Lynch} ({place:New York}: {publisher:Columbia University Press}, {date:2014}), {locator:215}.>");
}

static void
test_thesis(void **state)
{
	(void)state;
	shape_is("Jane Doe, “Jihadist Networks in the Sahel” (PhD diss., University of Oxford, 2012), 44.",
	         "<{author/Doe|Jane:Jane Doe}, “{title:Jihadist Networks in the Sahel}” ({genre:PhD diss.}, {publisher:University of Oxford}, {date:2012}), {locator:44}.>");
}

static void
test_two_works_after_see(void **state)
{
	(void)state;
	shape_is("See Boukhars, “Salafi Jihadism in Mali,” 12; and Acton, Entanglement, 51.",
	         "See <{author/Boukhars|:Boukhars}, “{title:Salafi Jihadism in Mali},” {locator:12}>; and <{author/Acton|:Acton}, {title:Entanglement}, {locator:51}.>");
}

static void
test_commentary_around(void **state)
{
	(void)state;
	shape_is("On the split, see Anouar Boukhars, “Salafi Jihadism in Mali,” Carnegie Papers (2014), 12. The figures are disputed.",
	         "On the split, see <{author/Boukhars|Anouar:Anouar Boukhars}, “{title:Salafi Jihadism in Mali},” {container/journal:Carnegie Papers} ({date:2014}), {locator:12}.> The figures are disputed.");
}

static void
test_ibid_with_page_label(void **state)
{
	(void)state;
	shape_is("Ibid., p. 211.",
	         "<{ibid:Ibid.}, p. {locator:211}.>");
}

static void
test_ibid_range(void **state)
{
	(void)state;
	shape_is("Ibid., 14–15.",
	         "<{ibid:Ibid.}, {locator:14–15}.>");
}

static void
test_prose_only(void **state)
{
	(void)state;
	shape_is("This figure comes from the author's interviews in Tunis in the spring of 2015.",
	         "This figure comes from the author's interviews in Tunis in the spring of 2015.");
}

static void
test_et_al_and_doi(void **state)
{
	(void)state;
	shape_is("Sarah Smith et al., “Climate and Conflict,” Nature Climate Change 5, no. 2 (2015): 112–17, https://doi.org/10.1038/nclimate2490.",
	         "<{author/Smith|Sarah:Sarah Smith} et al., “{title:Climate and Conflict},” {container/journal:Nature Climate Change} {volume:5}, no. {issue:2} ({date:2015}): {locator:112–17}, {doi:https://doi.org/10.1038/nclimate2490}.>");
}

/* The article's notes, in order, through one parser: its short forms are read by the
 * names its full references gave ("United States Department of State" is an
 * organisation in note 5 because it was one in note 2). */
static void
test_article_notes(void **state)
{
	static const char *const notes[][2] = {
		{"Associated Press. “Mali Al-Qaida’s Sahara Playbook.”. Associated Press.",
		 "<{author/org:Associated Press}. “{title:Mali Al-Qaida’s Sahara Playbook}.”. {publisher:Associated Press}.>"},
		{"United States Department of State. “Country Reports on Terrorism.”.  United States Department of State Publication, 2014: 159.",
		 "<{author/org:United States Department of State}. “{title:Country Reports on Terrorism}.”.  {publisher:United States Department of State Publication}, {date:2014}: {locator:159}.>"},
		{"Ibid.",
		 "<{ibid:Ibid.}>"},
		{"Echeverría Jesús, Carlos. “La situación de seguridad en Argelia.” Real Instituto Elcano – Documento de Trabajo, No. 19 (2015): 12.",
		 "<{author/Echeverría Jesús|Carlos:Echeverría Jesús, Carlos}. “{title:La situación de seguridad en Argelia}.” {container/series:Real Instituto Elcano – Documento de Trabajo}, No. {number:19} ({date:2015}): {locator:12}.>"},
		{"United States Department of State, 194.",
		 "<{author/org:United States Department of State}, {locator:194}.>"},
		{"Ibid., 211.",
		 "<{ibid:Ibid.}, {locator:211}.>"},
		{"Ibid., 198.",
		 "<{ibid:Ibid.}, {locator:198}.>"},
		{"Ibid.",
		 "<{ibid:Ibid.}>"},
		{"Boukhars, Anouar. “¿El resurgimiento de Al Qaeda en el Norte de África?”.  FRIDE – Documento de Trabajo, No. 120 (August 2013):  7.",
		 "<{author/Boukhars|Anouar:Boukhars, Anouar}. “{title:¿El resurgimiento de Al Qaeda en el Norte de África?}”.  {container/series:FRIDE – Documento de Trabajo}, No. {number:120} ({date:August 2013}):  {locator:7}.>"},
		{"Ibid., 6.",
		 "<{ibid:Ibid.}, {locator:6}.>"},
		{"Ibid., 10.",
		 "<{ibid:Ibid.}, {locator:10}.>"},
		{"Braniff, William. “A Tale of Two Caliphates. AQ and its Associated Movement vs. The Islamic State and its Associated Movement.” START (September 2015): 6.",
		 "<{author/Braniff|William:Braniff, William}. “{title:A Tale of Two Caliphates. AQ and its Associated Movement vs. The Islamic State and its Associated Movement}.” {publisher:START} ({date:September 2015}): {locator:6}.>"},
		{"Echeverría: 12.",
		 "<{author/Echeverría|:Echeverría}: {locator:12}.>"},
		{"Tapily, Mamadou, Peter Walker and Charlie English. “Mali attack: more than 20 dead after terrorist raid on Bamako hotel.” The Guardian. November 21, 2015.",
		 "<{author/Tapily|Mamadou:Tapily, Mamadou}, {author/Walker|Peter:Peter Walker} and {author/English|Charlie:Charlie English}. “{title:Mali attack: more than 20 dead after terrorist raid on Bamako hotel}.” {container/journal:The Guardian}. {date:November 21, 2015}.>"},
		{"International Institute for Counterterrorism. “The unification between the Al-Murabitoun Organization and Al Qaeda in the Islamic Maghreb: a show of strength or a sign of distress?.” Insights ICT Jihadi Monitoring Group (December 23, 2015): 2.",
		 "<{author/org:International Institute for Counterterrorism}. “{title:The unification between the Al-Murabitoun Organization and Al Qaeda in the Islamic Maghreb: a show of strength or a sign of distress?}.” {publisher:Insights ICT Jihadi Monitoring Group} ({date:December 23, 2015}): {locator:2}.>"},
		{"AA.VV. “Al Qaeda llama en un vídeo a recuperar Ceuta y Melilla.”. El Mundo. January 15, 2016.",
		 "<{various:AA.VV.} “{title:Al Qaeda llama en un vídeo a recuperar Ceuta y Melilla}.”. {container/journal:El Mundo}. {date:January 15, 2016}.>"},
		{"International Institute for Counterterrorism:  3.",
		 "<{author/org:International Institute for Counterterrorism}:  {locator:3}.>"},
		{"AA.VV. “Burkina Faso attack: troops battle to end deadly hotel siege.” BBC. January 16, 2016.",
		 "<{various:AA.VV.} “{title:Burkina Faso attack: troops battle to end deadly hotel siege}.” {publisher:BBC}. {date:January 16, 2016}.>"},
		{"Boukhars: 11.",
		 "<{author/Boukhars|:Boukhars}: {locator:11}.>"},
	};
	struct noteparse *p = noteparse_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		char *got = parse(p, notes[i][0]);

		assert_string_equal(got, notes[i][1]);
		free(got);
	}
	noteparse_free(p);
}

/* Italics mark a title where quotation marks do not: the first italic run is the title,
 * a later one the container. */
static void
test_italic_title(void **state)
{
	static const char t[] = "James M. Acton, Entanglement (Washington, DC: Carnegie, 2018), 51.";
	struct np_range italic[] = {{16, 28}};
	struct noteparse *p = noteparse_new();
	struct np_note n;

	(void)state;
	noteparse_note(p, t, strlen(t), italic, 1, &n);
	assert_int_equal(n.nitems, 1);
	assert_int_equal(n.items[0].spans[1].part, NP_TITLE);
	assert_int_equal(n.items[0].spans[1].start, 16);
	assert_int_equal(n.items[0].spans[1].end, 28);
	assert_null(n.doubt);
	noteparse_note_free(&n);
	noteparse_free(p);
}

/* Unmarked title and container: a guess, said as a doubt. */
static void
test_doubt_title_or_container(void **state)
{
	(void)state;
	shape_is("Smith, Jihad in Africa, Survival, 2015.",
	         "<{author/Smith|:Smith}, {title:Jihad in Africa}, {container/journal:Survival}, "
	         "{date:2015}.>  ?? could not tell the title from the container");
}

/* A short form whose name was an organisation's in full is one again. */
static void
test_short_form_of_organisation(void **state)
{
	struct noteparse *p = noteparse_new();
	char *a = parse(p, "Human Rights Watch. \u201cLibya: Assassinations.\u201d Report, 2014: 3."),
	     *b = parse(p, "Human Rights Watch, 5.");

	(void)state;
	assert_contains(a, "{author/org:Human Rights Watch}");
	assert_string_equal(b, "<{author/org:Human Rights Watch}, {locator:5}.>");
	free(a);
	free(b);
	noteparse_free(p);
}

/* Hostile text: unbalanced quotation marks and parentheses, a long note of nothing but
 * separators, and invalid bytes end in bounded time, spans inside the text. */
static void
test_hostile_text(void **state)
{
	static const char *const texts[] = {
		"\u201cOpen quote, never closed (and a paren", "(((((((((", ";;;;;;;;;;",
		"Ibid", "AA.VV.", "\xff\xfe", "", " ", "\u201c\u201d", "p. p. pp.",
	};
	struct noteparse *p = noteparse_new();
	size_t i, k, n = 200000;
	char *big = mem_alloc(n + 1);
	struct np_note note;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		noteparse_note(p, texts[i], strlen(texts[i]), NULL, 0, &note);
		for (k = 0; k < note.nitems; k++)
			assert_true(note.items[k].end <= strlen(texts[i]));
		noteparse_note_free(&note);
	}
	for (i = 0; i < n; i++)
		big[i] = ", ;(."[i % 5];
	big[n] = '\0';
	noteparse_note(p, big, n, NULL, 0, &note);
	noteparse_note_free(&note);
	free(big);
	noteparse_free(p);
}

static void
test_editors_of_a_book(void **state)
{
	(void)state;
	shape_is("Charles Francis Adams, ed., The Works of John Adams (Boston, 1850), vol. II, 365.",
	         "<{editor/Adams|Charles Francis:Charles Francis Adams}, ed., {title:The Works of John Adams} ({place:Boston}, {date:1850}), vol. {volume:II}, {locator:365}.>");
}

static void
test_op_cit(void **state)
{
	(void)state;
	shape_is("Fortenbaugh, op. cit., p. 22.",
	         "<{author/Fortenbaugh|:Fortenbaugh}, op. cit., p. {locator:22}.>");
}

static void
test_volume_then_issue(void **state)
{
	(void)state;
	shape_is("Eugene R. Sheridan, “The Recall of Edmond Charles Genet,” Diplomatic History, 18, no. 4 (Fall 1994): pp. 463–488.",
	         "<{author/Sheridan|Eugene R.:Eugene R. Sheridan}, “{title:The Recall of Edmond Charles Genet},” {container/journal:Diplomatic History}, {volume:18}, no. {issue:4} ({date:Fall 1994}): pp. {locator:463–488}.>");
}

static void
test_issue_token_and_letter_pages(void **state)
{
	(void)state;
	shape_is("Stefan Evert et al., \"Understanding and explaining Delta measures\", Digital Scholarship in the Humanities, vol. 32, no. suppl_2 (2017), pp.  ii4-ii16.",
	         "<{author/Evert|Stefan:Stefan Evert} et al., \"{title:Understanding and explaining Delta measures}\", {container/journal:Digital Scholarship in the Humanities}, vol. {volume:32}, no. {issue:suppl_2} ({date:2017}), pp.  {locator:ii4-ii16}.>");
}

static void
test_two_references_in_one_run(void **state)
{
	(void)state;
	shape_is("Jan Rybicki, “Vive La Différence,” Digital Scholarship in the Humanities, vol. 31 (2016), pp. 746–61. Sean G. Weidman and James O’Sullivan, “The Limits of Distinctive Words,” Digital Scholarship in the Humanities, vol. 33 (2018).",
	         "<{author/Rybicki|Jan:Jan Rybicki}, “{title:Vive La Différence},” {container/journal:Digital Scholarship in the Humanities}, vol. {volume:31} ({date:2016}), pp. {locator:746–61}.> <{author/Weidman|Sean G.:Sean G. Weidman} and {author/O’Sullivan|James:James O’Sullivan}, “{title:The Limits of Distinctive Words},” {container/journal:Digital Scholarship in the Humanities}, vol. {volume:33} ({date:2018}).>");
}

static void
test_lead_in_see(void **state)
{
	(void)state;
	shape_is("For careful assessments of the questions surrounding the criteria for withholding, see Hoffman, Governmental Secrecy and the Founding Fathers, pp. 104–116.",
	         "For careful assessments of the questions surrounding the criteria for withholding, see <{author/Hoffman|:Hoffman}, {title:Governmental Secrecy and the Founding Fathers}, pp. {locator:104–116}.>");
}

static void
test_quotation_in_commentary_then_title_first(void **state)
{
	(void)state;
	shape_is("By resolution of April 17, 1777, the committee was renamed the “Committee for Foreign Affairs,” Journals of the Continental Congress, 1774-1789 (Washington, 1904-1937), VII, 274. [Hereafter cited as Journals.]",
	         "By resolution of April 17, 1777, the committee was renamed the “Committee for Foreign Affairs,” <{title:Journals of the Continental Congress, 1774-1789} ({place:Washington}, {date:1904-1937}), {locator:VII, 274}. [Hereafter cited as {short-title:Journals}.]>");
}

static void
test_hereafter_in_parentheses(void **state)
{
	(void)state;
	shape_is("Message of the President of the United States (Washington: Government Printing Office, 1861) (hereafter Message, 1861), p. 4.",
	         "<{title:Message of the President of the United States} ({place:Washington}: {publisher:Government Printing Office}, {date:1861}) (hereafter {short-title:Message, 1861}), p. {locator:4}.>");
}

static void
test_entitled_by(void **state)
{
	(void)state;
	shape_is("The twelve buildings are discussed in a work by Robert Fortenbaugh entitled The Nine Capitols of the United States (York, Pa., 1948).",
	         "The twelve buildings are discussed in a work by <{author/Fortenbaugh|Robert:Robert Fortenbaugh} entitled {title:The Nine Capitols of the United States} ({place:York, Pa.}, {date:1948}).>");
}

/* A short title declared with "Hereafter cited as" is read as a title afterwards, with
 * its volume and page: "Journals, VII, 274." */
static void
test_declared_short_title_then_short_form(void **state)
{
	struct noteparse *p = noteparse_new();
	char *full = parse(p, "Journals of the Continental Congress, 1774-1789 (Washington, "
	                      "1904-1937), VII, 274. [Hereafter cited as Journals.]");
	char *brief = parse(p, "Journals, VIII, 742.");

	(void)state;
	assert_contains(full, "[Hereafter cited as {short-title:Journals}.]>");
	assert_string_equal(brief, "<{title:Journals}, {locator:VIII, 742}.>");
	free(full);
	free(brief);
	noteparse_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_book),
		cmocka_unit_test(test_book_short),
		cmocka_unit_test(test_journal_article),
		cmocka_unit_test(test_short_with_title),
		cmocka_unit_test(test_short_en_dash),
		cmocka_unit_test(test_newspaper),
		cmocka_unit_test(test_web_page),
		cmocka_unit_test(test_report_in_series),
		cmocka_unit_test(test_chapter_in_edited_volume),
		cmocka_unit_test(test_thesis),
		cmocka_unit_test(test_two_works_after_see),
		cmocka_unit_test(test_commentary_around),
		cmocka_unit_test(test_ibid_with_page_label),
		cmocka_unit_test(test_ibid_range),
		cmocka_unit_test(test_prose_only),
		cmocka_unit_test(test_et_al_and_doi),
		cmocka_unit_test(test_article_notes),
		cmocka_unit_test(test_italic_title),
		cmocka_unit_test(test_doubt_title_or_container),
		cmocka_unit_test(test_short_form_of_organisation),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_editors_of_a_book),
		cmocka_unit_test(test_op_cit),
		cmocka_unit_test(test_volume_then_issue),
		cmocka_unit_test(test_issue_token_and_letter_pages),
		cmocka_unit_test(test_two_references_in_one_run),
		cmocka_unit_test(test_lead_in_see),
		cmocka_unit_test(test_quotation_in_commentary_then_title_first),
		cmocka_unit_test(test_hereafter_in_parentheses),
		cmocka_unit_test(test_entitled_by),
		cmocka_unit_test(test_declared_short_title_then_short_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
