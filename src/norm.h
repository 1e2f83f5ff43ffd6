/* norm.h - text keys: the normalised form in which briefc compares and sorts names and
 * titles. Owns Unicode folding (NFKD, marks dropped, case folded), words, slugs and the
 * excerpts messages quote. */
#ifndef BRIEFC_NORM_H
#define BRIEFC_NORM_H

#include <stddef.h>

/* TEXT (UTF-8) as a key: compatibility-decomposed and case-folded, combining marks
 * dropped, and only letters and digits kept, each run of anything else becoming one
 * space between words: "¿El resurgimiento…África?" -> "el resurgimiento africa".
 * Two strings that differ only in case, accents, quotes or punctuation share a key.
 * Invalid UTF-8 gives "". Caller frees. */
char *norm_key(const char *text);

/* The first MAX_WORDS words of TEXT's key joined by '-' (MAX_WORDS 0: all), for ids:
 * "Echeverría Jesús" -> "echeverria-jesus". Caller frees; "" when TEXT has no word. */
char *norm_slug(const char *text, size_t max_words);

/* TEXT (UTF-8) for quoting in a message: each run of XML white space one space, trimmed,
 * and when longer than MAX_CHARS characters (0: no limit) cut to MAX_CHARS - 1 and
 * ended with "…". Caller frees. */
char *norm_excerpt(const char *text, size_t max_chars);

#endif
