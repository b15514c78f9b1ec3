/* SPDX-License-Identifier: GPL-2.0-only */
/* /proc/cmdline: the line itself and its memmap=SIZE$START reservations.
 *
 * Tokens are split the way the kernel's own argument scanner does it
 * (whitespace outside double quotes; a quoted token or value loses its
 * quotes; nothing after a bare "--" is a kernel option), and numbers are
 * read like the kernel's memparse(): 0x-hex, 0-octal or decimal, with an
 * optional K/M/G/T/P/E suffix. */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>

/* The shift a memparse suffix stands for, 0 if c is none. */
static unsigned suffix_shift(char c)
{
	switch (c) {
	case 'K': case 'k': return 10;
	case 'M': case 'm': return 20;
	case 'G': case 'g': return 30;
	case 'T': case 't': return 40;
	case 'P': case 'p': return 50;
	case 'E': case 'e': return 60;
	default: return 0;
	}
}

/* The whole of s[0..n) as one memparse() number. Unlike the kernel,
 * overflow is an error rather than a silent wrap. */
static bool memparse_whole(const char *s, size_t n, uint64_t *out)
{
	size_t i = 0;
	unsigned base = 10;
	if (n >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    hex_digit_value(s[2]) < 16) {
		base = 16;
		i = 2;
	} else if (n >= 1 && s[0] == '0') {
		base = 8;
	}
	if (i >= n || hex_digit_value(s[i]) >= base)
		return false;

	uint64_t v = 0;
	for (; i < n && hex_digit_value(s[i]) < base; i++) {
		unsigned d = hex_digit_value(s[i]);
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	if (i < n) {
		unsigned shift = suffix_shift(s[i++]);
		if (!shift || v > UINT64_MAX >> shift)
			return false;
		v <<= shift;
	}
	if (i != n)
		return false;
	*out = v;
	return true;
}

/* One item of a memmap= list. Only the '$' kind (reserve) is kept; the
 * kind is the first of the kernel's separators in the item, so "exactmap",
 * "nn", "nn@ss", "nn#ss", "nn!ss" and "nn%ss-tt+uu" are skipped. */
static int memmap_item(const char *file, const char *item, size_t n,
		       struct machine *m, struct jh_error *err)
{
	size_t sep = 0;
	while (sep < n && !memchr("@#$!%", item[sep], 5))
		sep++;
	if (sep == n || item[sep] != '$')
		return 0;

	struct memmap_resv r;
	if (!memparse_whole(item, sep, &r.size) ||
	    !memparse_whole(item + sep + 1, n - sep - 1, &r.start))
		return jh_fail(err, JH_BADINPUT, "%s: bad memmap value '%.*s'",
			       file, (int)(n > 200 ? 200 : n), item);
	*ARRAY_PUSH(m->memmaps, m->nmemmaps, m->memmaps_cap) = r;
	return 0;
}

static int memmap_value(const char *file, const char *val, size_t n,
			struct machine *m, struct jh_error *err)
{
	while (true) {
		const char *comma = memchr(val, ',', n);
		size_t item_len = comma ? (size_t)(comma - val) : n;
		if (memmap_item(file, val, item_len, m, err))
			return -1;
		if (!comma)
			return 0;
		n -= item_len + 1;
		val = comma + 1;
	}
}

/* Drop a leading double quote, and then a trailing one, as the kernel
 * does for quoted parameters and quoted values. */
static void unquote(const char **s, size_t *n)
{
	if (*n && **s == '"') {
		(*s)++;
		(*n)--;
		if (*n && (*s)[*n - 1] == '"')
			(*n)--;
	}
}

/* Length of the token at s: up to whitespace outside double quotes. */
static size_t token_length(const char *s)
{
	bool quoted = false;
	size_t i = 0;
	for (; s[i] && (quoted || !text_is_space(s[i])); i++)
		if (s[i] == '"')
			quoted = !quoted;
	return i;
}

/* Returns 1 at a bare "--" (the rest belongs to init), else 0 or -1. */
static int one_token(const char *file, const char *tok, size_t n,
		     struct machine *m, struct jh_error *err)
{
	if (n == 2 && !memcmp(tok, "--", 2))
		return 1;
	unquote(&tok, &n);
	const char *eq = memchr(tok, '=', n);
	if (!eq || (size_t)(eq - tok) != 6 || memcmp(tok, "memmap", 6))
		return 0;
	const char *val = eq + 1;
	size_t val_len = n - 7;
	unquote(&val, &val_len);
	return memmap_value(file, val, val_len, m, err);
}

static void forget_cmdline(struct machine *m)
{
	free(m->cmdline);
	free(m->memmaps);
	m->cmdline = NULL;
	m->memmaps = NULL;
	m->nmemmaps = m->memmaps_cap = 0;
}

int parse_cmdline(const char *file, const char *text, size_t len,
		  struct machine *m, struct jh_error *err)
{
	forget_cmdline(m);

	/* The kernel prints one line; only that line counts. */
	const char *nl = len ? memchr(text, '\n', len) : NULL;
	size_t n = nl ? (size_t)(nl - text) : len;
	if (n && memchr(text, '\0', n))
		return jh_fail(err, JH_BADINPUT, "%s: contains a NUL byte", file);
	span_trim(&text, &n);   /* the line holds no '\n' any more */
	m->cmdline = xstrndup(text, n);

	const char *p = m->cmdline;
	while (*p) {
		p = text_skip_space(p);
		size_t tok_len = token_length(p);
		if (!tok_len)
			break;
		int rc = one_token(file, p, tok_len, m, err);
		if (rc < 0)
			goto fail;
		if (rc > 0)
			break;
		p += tok_len;
	}
	return 0;

fail:
	forget_cmdline(m);
	return -1;
}

bool parse_memparse(const char *s, size_t n, uint64_t *out)
{
	return memparse_whole(s, n, out);
}

/* Parameter names as the kernel compares them (parameq): '-' and '_'
 * are the same character. */
static bool name_is(const char *tok, size_t n, const char *name)
{
	size_t i = 0;
	for (; i < n && name[i]; i++) {
		char a = tok[i] == '-' ? '_' : tok[i];
		char b = name[i] == '-' ? '_' : name[i];
		if (a != b)
			return false;
	}
	return i == n && !name[i];
}

/* Calls fn for the value of every NAME=VALUE (or bare NAME: "") token,
 * in order. */
static void each_param(const char *cmdline, const char *name,
		       void (*fn)(const char *val, size_t n, void *ctx), void *ctx)
{
	const char *p = cmdline ? cmdline : "";
	while (*p) {
		p = text_skip_space(p);
		size_t n = token_length(p);
		if (!n || (n == 2 && !memcmp(p, "--", 2)))
			break;
		const char *tok = p;
		size_t tok_len = n;
		p += n;
		unquote(&tok, &tok_len);
		const char *eq = memchr(tok, '=', tok_len);
		size_t name_len = eq ? (size_t)(eq - tok) : tok_len;
		if (!name_is(tok, name_len, name))
			continue;
		const char *val = eq ? eq + 1 : tok + tok_len;
		size_t val_len = eq ? tok_len - name_len - 1 : 0;
		unquote(&val, &val_len);
		fn(val, val_len, ctx);
	}
}

static void keep_last(const char *val, size_t n, void *ctx)
{
	char **found = ctx;
	free(*found);
	*found = xstrndup(val, n);
}

char *cmdline_param(const char *cmdline, const char *name)
{
	char *found = NULL;
	each_param(cmdline, name, keep_last, &found);
	return found;
}

/* Each comma-separated item, as the kernel's option handlers walk them. */
static void last_on_off(const char *val, size_t n, void *ctx)
{
	int *state = ctx;
	while (true) {
		const char *comma = memchr(val, ',', n);
		size_t item = comma ? (size_t)(comma - val) : n;
		if (span_is(val, item, "on"))
			*state = 1;
		else if (span_is(val, item, "off"))
			*state = 0;
		if (!comma)
			return;
		n -= item + 1;
		val = comma + 1;
	}
}

int cmdline_on_off(const char *cmdline, const char *name)
{
	int state = -1;
	each_param(cmdline, name, last_on_off, &state);
	return state;
}
