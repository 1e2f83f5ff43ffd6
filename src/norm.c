/* norm.c - text keys through libunistring: fold, decompose, drop marks, split words. */
#include "norm.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "mem.h"

/* TEXT case-folded and NFKD-decomposed (a fresh buffer of *LEN bytes), or NULL when
 * TEXT is not valid UTF-8. ASCII, most of any key, takes a short cut: its case folding
 * is lower case, and NFKD leaves it as it is. Only the runs of other characters go
 * through libunistring (its casefold costs hundreds of instructions a character): an
 * ASCII character folds alone and, of combining class 0, stops any reordering of
 * combining marks, so folding the runs apart is folding the whole. */
static uint8_t *
fold(const char *text, size_t *len)
{
	size_t i = 0, n = strlen(text);
	uint8_t *folded = mem_alloc(n + 1);
	size_t out = 0, cap = n + 1;

	while (i < n) {
		size_t run = i, flen;
		uint8_t *f;

		if ((unsigned char)text[i] < 0x80) {
			folded[out++] = (uint8_t)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 :
			                          text[i]);
			i++;
			continue;
		}
		while (i < n && (unsigned char)text[i] >= 0x80)
			i++;
		f = u8_casefold((const uint8_t *)text + run, i - run, NULL, UNINORM_NFKD, NULL,
		                &flen);
		if (f == NULL) {
			if (errno == ENOMEM)
				mem_exhausted();
			free(folded);
			return NULL;
		}
		if (out + flen + (n - i) + 1 > cap) {
			cap = out + flen + (n - i) + 1;
			folded = mem_realloc_array(folded, cap, 1);
		}
		memcpy(folded + out, f, flen);
		out += flen;
		free(f);
	}
	*len = out;
	return folded;
}

static int
is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return uc_is_general_category(c, UC_CATEGORY_L) ||
	       uc_is_general_category(c, UC_CATEGORY_N);
}

/* TEXT's words, folded, joined by SEP; at most MAX_WORDS of them (0: all). */
static char *
words(const char *text, char sep, size_t max_words)
{
	size_t len = 0, i = 0, n = 0, nwords = 0;
	uint8_t *folded = fold(text, &len);
	char *out = mem_alloc(len + 1);
	int in_word = 0;

	while (folded != NULL && i < len) {
		ucs4_t c = folded[i];
		int step = c < 0x80 ? 1 : u8_mbtouc(&c, folded + i, len - i);

		if (c >= 0x300 && uc_is_general_category(c, UC_CATEGORY_M)) {
			i += (size_t)step;
			continue; /* a combining mark (none before U+0300): the letter's accent */
		}
		if (!is_word_char(c)) {
			in_word = 0;
			i += (size_t)step;
			continue;
		}
		if (!in_word) {
			if (max_words > 0 && nwords == max_words)
				break;
			if (nwords++ > 0)
				out[n++] = sep;
			in_word = 1;
		}
		if (step == 1)
			out[n++] = (char)folded[i++];
		else {
			memcpy(out + n, folded + i, (size_t)step);
			n += (size_t)step;
			i += (size_t)step;
		}
	}
	out[n] = '\0';
	free(folded);
	return out;
}

char *
norm_key(const char *text)
{
	return words(text, ' ', 0);
}

char *
norm_slug(const char *text, size_t max_words)
{
	return words(text, '-', max_words);
}

/* The number of characters in the N bytes of the UTF-8 string S. */
static size_t
chars_in(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		chars += (s[i] & 0xc0) != 0x80;
	return chars;
}

char *
norm_excerpt(const char *text, size_t max_chars)
{
	char *out = mem_alloc(strlen(text) + sizeof("\u2026"));
	size_t n = 0, cut, kept = 0;

	for (; *text != '\0'; text++)
		if (strchr(" \t\r\n", *text) == NULL)
			out[n++] = *text;
		else if (n > 0 && out[n - 1] != ' ')
			out[n++] = ' ';
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	if (max_chars == 0 || chars_in(out, n) <= max_chars)
		return out;
	for (cut = 0; cut < n; cut++) /* to the start of character MAX_CHARS */
		if ((out[cut] & 0xc0) != 0x80 && ++kept == max_chars)
			break;
	while (cut > 0 && out[cut - 1] == ' ')
		cut--;
	strcpy(out + cut, "\u2026");
	return out;
}
