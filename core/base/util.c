/* SPDX-License-Identifier: GPL-2.0-only */
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>

static void out_of_memory(void)
{
	fputs("jhconf: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Formats once into a stack buffer, which holds nearly every text (the
 * .c writer formats tens of thousands of short ones for a big machine);
 * only longer texts are formatted a second time. */
char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return xstrdup("");
	char *s = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void *grow_array(void *arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return arr;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	arr = xrealloc(arr, n * size);
	memset((char *)arr + *cap * size, 0, (n - *cap) * size);
	*cap = n;
	return arr;
}

/* Length of the well-formed UTF-8 sequence at s (NUL-terminated) that
 * is not a C1 control, else 0. Overlong forms and surrogates count as
 * malformed (RFC 3629), like a terminal's decoder would. */
static size_t utf8_printable_len(const unsigned char *s)
{
	size_t len;
	unsigned min;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, min = 0x10000;
	else
		return 0;
	unsigned cp = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)  /* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp <= 0x9f)  /* C1 controls: ESC's 8-bit twins (CSI, OSC) */
		return 0;
	return len;
}

bool jh_is_printable(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s) {
		if (*s >= 0x20 && *s < 0x7f) {
			s++;
			continue;
		}
		size_t len = *s >= 0x80 ? utf8_printable_len(s) : 0;
		if (!len)
			return false;
		s += len;
	}
	return true;
}

void buf_put_printable(struct buf *b, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s) {
		size_t len = *s >= 0x80 ? utf8_printable_len(s) : 0;
		if (len) {
			buf_append(b, s, len);
			s += len;
			continue;
		}
		if (*s >= 0x20 && *s < 0x7f)
			buf_put_u8(b, *s);
		else if (*s == '\n')
			buf_append(b, "\\n", 2);
		else if (*s == '\t')
			buf_append(b, "\\t", 2);
		else if (*s == '\r')
			buf_append(b, "\\r", 2);
		else
			buf_printf(b, "\\x%02x", *s);
		s++;
	}
	if (!b->data)
		buf_append(b, "", 0);
}

char *jh_printable(const char *s)
{
	struct buf b = { 0 };
	buf_put_printable(&b, s);
	return (char *)b.data;
}

char *jh_vmessage(const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap);
	if (jh_is_printable(s))
		return s;
	char *safe = jh_printable(s);
	free(s);
	return safe;
}

int jh_fail(struct jh_error *err, enum jh_status status, const char *fmt, ...)
{
	if (err && !err->msg) {
		va_list ap;
		va_start(ap, fmt);
		err->msg = jh_vmessage(fmt, ap);
		va_end(ap);
		err->status = status;
	}
	return -1;
}

void jh_error_clear(struct jh_error *err)
{
	free(err->msg);
	err->msg = NULL;
	err->status = JH_OK;
}

void strlist_add(struct strlist *l, const char *s)
{
	*ARRAY_PUSH(l->v, l->n, l->cap) = xstrdup(s);
}

void strlist_addf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*ARRAY_PUSH(l->v, l->n, l->cap) = xvasprintf(fmt, ap);
	va_end(ap);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_str);
}

bool strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

char *strlist_join(const struct strlist *l, const char *sep)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		buf_printf(&b, "%s%s", i ? sep : "", l->v[i]);
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap) {
		size_t n = b->cap ? b->cap : 256;
		while (n < b->len + extra + 1)
			n *= 2;
		b->data = xrealloc(b->data, n);
		b->cap = n;
	}
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_put_zero(struct buf *b, size_t n)
{
	buf_reserve(b, n);
	memset(b->data + b->len, 0, n + 1);
	b->len += n;
}

void buf_put_u8(struct buf *b, uint8_t v)
{
	buf_append(b, &v, 1);
}

void buf_put_u16(struct buf *b, uint16_t v)
{
	unsigned char p[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	buf_append(b, p, 2);
}

void buf_put_u32(struct buf *b, uint32_t v)
{
	buf_put_u16(b, (uint16_t)v);
	buf_put_u16(b, (uint16_t)(v >> 16));
}

void buf_put_u64(struct buf *b, uint64_t v)
{
	buf_put_u32(b, (uint32_t)v);
	buf_put_u32(b, (uint32_t)(v >> 32));
}

/* Formats straight into the buffer's free room (made at least 128
 * bytes), again only when the text did not fit. What is kept ends at the
 * first NUL, as when the text went through strlen before. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	buf_reserve(b, 128);
	char *at = (char *)b->data + b->len;
	size_t room = b->cap - b->len;
	int n = vsnprintf(at, room, fmt, ap);
	if (n >= 0 && (size_t)n >= room) {
		buf_reserve(b, (size_t)n);
		at = (char *)b->data + b->len;
		n = vsnprintf(at, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	if (n < 0)
		*at = 0;
	b->len += strlen(at);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Zero blocks of 512, then 64, then 8 bytes are cut through memcmp
 * before single bytes: a byte loop over the 3.8 KB zero tail of a
 * typical PCI extended config space cost ten times a copy of it. */
size_t mem_nonzero_len(const void *p, size_t n)
{
	static const unsigned char zeros[512];
	const unsigned char *b = p;
	for (size_t step = sizeof(zeros); step >= 8; step /= 8)
		while (n >= step && !memcmp(b + n - step, zeros, step))
			n -= step;
	while (n && !b[n - 1])
		n--;
	return n;
}

bool parse_u64(const char *s, int base, uint64_t *out)
{
	while (isspace((unsigned char)*s))
		s++;
	if (!isxdigit((unsigned char)*s))
		return false;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, base);
	if (errno || end == s)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return false;
	*out = v;
	return true;
}

bool parse_size(const char *s, uint64_t *out)
{
	size_t n = strlen(s);
	uint64_t mult = 1;
	if (n && strchr("kKmMgG", s[n - 1])) {
		switch (s[n - 1]) {
		case 'k': case 'K': mult = 1ull << 10; break;
		case 'm': case 'M': mult = 1ull << 20; break;
		default: mult = 1ull << 30; break;
		}
		n--;
	}
	if (!n || n > 32)
		return false;
	char num[33];
	memcpy(num, s, n);
	num[n] = '\0';
	uint64_t v;
	/* base 0 would read a leading 0 as octal; Jailhouse does not */
	bool hex = n > 2 && num[0] == '0' && (num[1] == 'x' || num[1] == 'X');
	if (!parse_u64(hex ? num + 2 : num, hex ? 16 : 10, &v))
		return false;
	if (v && mult > UINT64_MAX / v)
		return false;
	*out = v * mult;
	return true;
}

char *rtrim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

char *jh_exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}
