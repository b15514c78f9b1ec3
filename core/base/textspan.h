/* SPDX-License-Identifier: GPL-2.0-only */
/* Spans of text: a pointer and a length, not NUL-terminated. The text
 * parsers (/proc files, sysfs attributes, the kernel command line) cut
 * their input into lines, fields and words without copying it; these
 * helpers do that cutting in one way for all of them. */
#ifndef JH_TEXTSPAN_H
#define JH_TEXTSPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whitespace within a line: space, tab, CR, VT, FF (not '\n'). */
bool text_is_blank(char c);
/* Whitespace as the C locale's isspace() sees it: a blank or '\n'. */
bool text_is_space(char c);
/* Skip text_is_space() characters of a NUL-terminated string. */
const char *text_skip_space(const char *s);

/* The value of a hexadecimal digit, or 16 if c is none. */
unsigned hex_digit_value(char c);

/* Narrow [*s, *s + *n) to exclude surrounding blanks. */
void span_trim(const char **s, size_t *n);
/* True if s[0..n) is exactly the NUL-terminated word. */
bool span_is(const char *s, size_t n, const char *word);

/* The next line of [*p, end) without its '\n'; false when none is left.
 * A last line without a newline still counts. */
bool span_next_line(const char **p, const char *end, const char **line,
		    size_t *n);
/* The next space-separated word of s[*pos..n), advancing *pos past it;
 * false when only spaces are left. */
bool span_next_word(const char *s, size_t n, size_t *pos, const char **word,
		    size_t *word_len);
/* Whether word is one of the space-separated words of s[0..n) (a
 * cpuinfo flags list, say). */
bool span_has_word(const char *s, size_t n, const char *word);

/* The whole of s[0..n) as hexadecimal digits (no prefix, no blanks);
 * false if it is empty, has any other character or overflows 64 bits. */
bool span_parse_hex(const char *s, size_t n, uint64_t *out);

#endif
