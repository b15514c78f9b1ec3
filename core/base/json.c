/* SPDX-License-Identifier: GPL-2.0-only */
/* The JSON writer (json.h). */
#include "base/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void json_init(struct json *j, struct buf *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = true;
}

static void newline(struct json *j)
{
	if (!j->pretty)
		return;
	buf_append(j->out, "\n", 1);
	for (int i = 0; i < j->depth; i++)
		buf_append(j->out, "  ", 2);
}

/* Before any value or key: the comma and indentation its place needs. */
static void before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			buf_append(j->out, ",", 1);
		newline(j);
	}
	j->first[j->depth] = false;
}

static void open_level(struct json *j, char c)
{
	before_item(j);
	buf_append(j->out, &c, 1);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_level(struct json *j, char c)
{
	bool empty = j->first[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		newline(j);
	buf_append(j->out, &c, 1);
}

void json_object_begin(struct json *j) { open_level(j, '{'); }
void json_object_end(struct json *j) { close_level(j, '}'); }
void json_array_begin(struct json *j) { open_level(j, '['); }
void json_array_end(struct json *j) { close_level(j, ']'); }

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF), 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static void put_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_append(b, "\"", 1);
	while (*p) {
		size_t n;

		switch (*p) {
		case '"': buf_append(b, "\\\"", 2); p++; continue;
		case '\\': buf_append(b, "\\\\", 2); p++; continue;
		case '\n': buf_append(b, "\\n", 2); p++; continue;
		case '\r': buf_append(b, "\\r", 2); p++; continue;
		case '\t': buf_append(b, "\\t", 2); p++; continue;
		default: break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			buf_printf(b, "\\u%04x", *p);
			p++;
			continue;
		}
		n = utf8_len(p);
		if (!n) {
			buf_append(b, "\\ufffd", 6);
			p++;
			continue;
		}
		buf_append(b, p, n);
		p += n;
	}
	buf_append(b, "\"", 1);
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	put_string(j->out, key);
	buf_append(j->out, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
	j->after_key = true;
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_item(j);
	put_string(j->out, s);
}

void json_uint(struct json *j, uint64_t v)
{
	before_item(j);
	buf_printf(j->out, "%" PRIu64, v);
}

void json_int(struct json *j, int64_t v)
{
	before_item(j);
	buf_printf(j->out, "%" PRId64, v);
}

void json_bool(struct json *j, bool v)
{
	before_item(j);
	buf_printf(j->out, "%s", v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_item(j);
	buf_append(j->out, "null", 4);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_uint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_kv_hex(struct json *j, const char *key, uint64_t v)
{
	json_kv_hex_digits(j, key, v, 1);
}

void json_kv_hex_digits(struct json *j, const char *key, uint64_t v, int digits)
{
	char tmp[24];

	snprintf(tmp, sizeof(tmp), "0x%0*" PRIx64, digits, v);
	if (key)
		json_key(j, key);
	json_string(j, tmp);
}

void json_finish(struct json *j)
{
	buf_append(j->out, "\n", 1);
}
