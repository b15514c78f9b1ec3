/* SPDX-License-Identifier: GPL-2.0-only */
/* A streaming JSON writer into a struct buf: the one place that knows
 * JSON's punctuation and string escaping, for every --json output
 * (check, list, show, update, doctor). The writer tracks nesting and
 * commas; callers say what comes next. Strings are escaped per RFC 8259
 * (control characters as \u00XX); bytes that are not valid UTF-8 become
 * U+FFFD so that the output always parses. */
#ifndef JH_BASE_JSON_H
#define JH_BASE_JSON_H

#include "base/util.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct buf *out;
	int depth;
	bool first[JSON_MAX_DEPTH];   /* nothing written yet at this level */
	bool after_key;               /* a key was written, its value comes */
	bool pretty;                  /* newlines and two-space indents */
};

void json_init(struct json *j, struct buf *out, bool pretty);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* A member's name; the next value (or object/array) is its value. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);   /* NULL writes null */
void json_uint(struct json *j, uint64_t v);
void json_int(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Shorthands for a key and its value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_uint(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);
/* Addresses and ids as "0x..." strings: JSON numbers lose precision
 * past 2^53 in most readers. */
void json_kv_hex(struct json *j, const char *key, uint64_t v);
/* The same with at least `digits` hex digits ("0x0608"); with a NULL
 * key the value alone (an array element). */
void json_kv_hex_digits(struct json *j, const char *key, uint64_t v, int digits);
/* Ends the document with a newline (after the outermost value). */
void json_finish(struct json *j);

#endif
