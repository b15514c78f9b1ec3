/* SPDX-License-Identifier: GPL-2.0-only */
/* Cutting text spans into lines, words and numbers (see textspan.h). */
#include "base/textspan.h"

#include <string.h>

bool text_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool text_is_space(char c)
{
	return c == '\n' || text_is_blank(c);
}

const char *text_skip_space(const char *s)
{
	while (text_is_space(*s))
		s++;
	return s;
}

unsigned hex_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned)(c - 'A' + 10);
	return 16;
}

void span_trim(const char **s, size_t *n)
{
	while (*n && text_is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && text_is_blank((*s)[*n - 1]))
		(*n)--;
}

bool span_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && !memcmp(s, word, n);
}

bool span_next_line(const char **p, const char *end, const char **line,
		    size_t *n)
{
	if (*p >= end)
		return false;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*n = (size_t)((nl ? nl : end) - *p);
	*p = nl ? nl + 1 : end;
	return true;
}

bool span_has_word(const char *s, size_t n, const char *word)
{
	size_t pos = 0, len;
	const char *w;
	while (span_next_word(s, n, &pos, &w, &len))
		if (span_is(w, len, word))
			return true;
	return false;
}

bool span_next_word(const char *s, size_t n, size_t *pos, const char **word,
		    size_t *word_len)
{
	size_t i = *pos;
	while (i < n && text_is_space(s[i]))
		i++;
	size_t start = i;
	while (i < n && !text_is_space(s[i]))
		i++;
	*pos = i;
	*word = s + start;
	*word_len = i - start;
	return i > start;
}

bool span_parse_hex(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned d = hex_digit_value(s[i]);
		if (d >= 16)
			return false;
		if (v >> 60)
			return false;   /* would not fit in 64 bits */
		v = (v << 4) | d;
	}
	*out = v;
	return true;
}
