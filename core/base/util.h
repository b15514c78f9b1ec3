/* SPDX-License-Identifier: GPL-2.0-only */
/* Small shared helpers: errors that carry an exit status, growable
 * buffers and string lists, checked allocation. */
#ifndef JH_UTIL_H
#define JH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses shared by every command. */
enum jh_status {
	JH_OK = 0,
	JH_REFUSED = 1,   /* the machine cannot host Jailhouse, or findings */
	JH_BADINPUT = 2,  /* garbage input, missing files, bad usage */
};

/* One error: a status and a one-line message that names the file or
 * argument and what is wrong. */
struct jh_error {
	enum jh_status status;
	char *msg;
};

/* Record an error (the first one wins) and return -1, so that callers can
 * write `return jh_fail(err, JH_BADINPUT, "%s: ...", path);`. */
int jh_fail(struct jh_error *err, enum jh_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void jh_error_clear(struct jh_error *err);

struct strlist {
	char **v;
	size_t n, cap;
};

void strlist_add(struct strlist *l, const char *s);
void strlist_addf(struct strlist *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strlist_sort(struct strlist *l);
bool strlist_contains(const struct strlist *l, const char *s);
/* The strings one after the other with sep between them: a new string. */
char *strlist_join(const struct strlist *l, const char *sep);
void strlist_free(struct strlist *l);

struct buf {
	unsigned char *data;
	size_t len, cap;
};

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_put_zero(struct buf *b, size_t n);
void buf_put_u8(struct buf *b, uint8_t v);
void buf_put_u16(struct buf *b, uint16_t v);
void buf_put_u32(struct buf *b, uint32_t v);
void buf_put_u64(struct buf *b, uint64_t v);
/* Appends formatted text; the arguments must not point into b itself. */
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_free(struct buf *b);
/* The length of p[0..n) without its trailing zero bytes. */
size_t mem_nonzero_len(const void *p, size_t n);

/* Little-endian loads from a byte array; the caller checks bounds. */
static inline uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | ((uint64_t)le32(p + 4) << 32);
}

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Grow an array of `*cap` elements of `size` bytes so that it holds at
 * least `need`; returns the (possibly moved) array. */
void *grow_array(void *arr, size_t *cap, size_t need, size_t size);
#define ARRAY_PUSH(arr, n, cap) \
	((arr) = grow_array((arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

/* Parse a whole unsigned number in base 0 (decimal or 0x-hex) or base 16;
 * surrounding whitespace allowed. Returns false on garbage or overflow. */
bool parse_u64(const char *s, int base, uint64_t *out);

/* Sizes as Jailhouse reads them: decimal or 0x-hex, optional K/M/G. */
bool parse_size(const char *s, uint64_t *out);

/* Text from files and paths as a terminal may show it: control bytes
 * (below 0x20, 0x7f, and the C1 controls U+0080..U+009F) and bytes that
 * are not UTF-8 become \n, \t, \r or \xNN, so that a name can neither
 * split a one-line message nor send escape sequences (retitle, clear)
 * to the terminal. Well-formed UTF-8 passes unchanged. */
bool jh_is_printable(const char *s);
void buf_put_printable(struct buf *b, const char *s);
char *jh_printable(const char *s);  /* a new string */
/* A formatted message, made safe for the terminal (see jh_printable):
 * every error and finding goes through it. */
char *jh_vmessage(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Trim trailing whitespace in place; returns s. */
char *rtrim(char *s);

/* The folder the running binary is in (the build tree, or bindir when
 * installed), NULL when unknown: the front ends look for their data
 * (themes, the demo snapshot) beside it first. Caller frees. */
char *jh_exe_dir(void);

#endif
