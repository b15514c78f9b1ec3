/* SPDX-License-Identifier: GPL-2.0-only */
/* Building blocks of C source text: see write_c_text.h. */
#include "cellfmt/write_c_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_WIDTH 80       /* for lines of one field or comment */
#define COMPACT_WIDTH 100   /* for a whole array element on one line */
#define TAB_WIDTH 8

/* ---- lines ------------------------------------------------------------ */

/* Text pieces appended without printf: the .c of a big machine is tens
 * of thousands of short fields, and printf was most of its cost. Each
 * writes what the printf format in the comment would. Pieces are a few
 * bytes: copied here while there is room (buf_append's result, NUL
 * included), through buf_append when the buffer must grow. */
static inline void put_bytes(struct buf *out, const char *s, size_t n)
{
	if (out->len + n + 1 > out->cap) {
		buf_append(out, s, n);
		return;
	}
	char *d = (char *)out->data + out->len;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
	d[n] = '\0';
	out->len += n;
}

static void put_indent(struct buf *out, int depth)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t";
	for (; depth > 8; depth -= 8)
		put_bytes(out, tabs, 8);
	put_bytes(out, tabs, depth > 0 ? (size_t)depth : 0);
}

static void put_str(struct buf *out, const char *s)
{
	put_bytes(out, s, strlen(s));
}

/* "%" PRIx64, or "%0*" PRIx64 with min_digits */
static void put_hex(struct buf *out, uint64_t v, int min_digits)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	int n = 0;
	do {
		tmp[n++] = digits[v & 0xf];
		v >>= 4;
	} while (v);
	while (n < min_digits && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	char out_digits[16];
	for (int i = 0; i < n; i++)
		out_digits[i] = tmp[n - 1 - i];
	put_bytes(out, out_digits, (size_t)n);
}

/* "%" PRIu64 */
static void put_dec(struct buf *out, uint64_t v)
{
	char tmp[20];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	char out_digits[20];
	for (int i = 0; i < n; i++)
		out_digits[i] = tmp[n - 1 - i];
	put_bytes(out, out_digits, (size_t)n);
}

static char *buf_to_string(struct buf *b)
{
	buf_put_u8(b, 0);
	return (char *)b->data;
}

static size_t columns(int depth, size_t len)
{
	return (size_t)depth * TAB_WIDTH + len;
}

void ctext_line(struct emitter *e, const char *fmt, ...)
{
	va_list ap;
	put_indent(e->out, e->depth);
	va_start(ap, fmt);
	buf_vprintf(e->out, fmt, ap);
	va_end(ap);
	buf_append(e->out, "\n", 1);
}

/* ctext_line(e, "%s = {", head), without printf: one per array element */
void ctext_open(struct emitter *e, const char *head)
{
	put_indent(e->out, e->depth);
	put_str(e->out, head);
	put_str(e->out, " = {\n");
	e->depth++;
}

void ctext_close(struct emitter *e)
{
	e->depth--;
	put_indent(e->out, e->depth);
	put_str(e->out, "},\n");
}

/* ---- comments --------------------------------------------------------- */

/* Length of a well-formed UTF-8 sequence at s (n bytes left), else 0. */
static size_t utf8_sequence_len(const unsigned char *s, size_t n)
{
	size_t len;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A "*" right before a "/" would end the comment, a "/" before a "*"
 * would open a nested one (-Wcomment): a space goes between them.
 * Control characters become spaces, broken UTF-8 becomes '?'. */
void ctext_comment_text(struct buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)s);
	unsigned char last = ' ';
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c >= 0x80) {
			size_t len = utf8_sequence_len(s + i, n - i);
			if (len) {
				put_bytes(out, (const char *)s + i, len);
				i += len;
				last = 'x';
				continue;
			}
			c = '?';
		} else if (c < 0x20 || c == 0x7f) {
			c = ' ';
		}
		if ((last == '*' && c == '/') || (last == '/' && c == '*'))
			put_bytes(out, " ", 1);
		put_bytes(out, (const char *)&c, 1);
		last = c;
		i++;
	}
}

/* Escaped, without trailing blanks. */
static char *escaped_comment(const char *text)
{
	struct buf b = { 0 };
	ctext_comment_text(&b, text);
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

/* Words of `text` after `prefix` on lines of at most LINE_WIDTH columns
 * at `depth`. A line break only ever replaces a space, and every line
 * starts with the prefix (" * "), so no comment end can form. */
static void wrap_words(struct buf *out, int depth, const char *prefix,
		       const char *text)
{
	size_t room = LINE_WIDTH - columns(depth, strlen(prefix));
	const char *p = text;
	while (*p == ' ')
		p++;
	while (*p) {
		size_t used = 0;
		put_indent(out, depth);
		buf_append(out, prefix, strlen(prefix));
		while (*p) {
			size_t len = strcspn(p, " ");
			if (used && used + 1 + len > room)
				break;
			if (used)
				buf_append(out, " ", 1);
			buf_append(out, p, len);
			used += (used ? 1 : 0) + len;
			p += len;
			while (*p == ' ')
				p++;
		}
		buf_append(out, "\n", 1);
	}
}

void ctext_comment(struct emitter *e, const char *text)
{
	char *s = escaped_comment(text);
	if (columns(e->depth, strlen(s) + 6) <= LINE_WIDTH) {
		/* one line: the text between the comment marks */
		put_indent(e->out, e->depth);
		put_str(e->out, "/* ");
		put_str(e->out, s);
		put_str(e->out, " */\n");
	} else {
		ctext_line(e, "/*");
		wrap_words(e->out, e->depth, " * ", s);
		ctext_line(e, " */");
	}
	free(s);
}

void ctext_file_comment(struct emitter *e, const char *const *paragraphs)
{
	ctext_line(e, "/*");
	for (const char *const *p = paragraphs; *p; p++) {
		char *s = escaped_comment(*p);
		if (!*s)
			ctext_line(e, " *");
		else if (s[0] == ' ')
			ctext_line(e, " * %s", s);
		else
			wrap_words(e->out, e->depth, " * ", s);
		free(s);
	}
	ctext_line(e, " */");
}

/* ---- values ----------------------------------------------------------- */

char *ctext_hex(uint64_t v)
{
	struct buf b = { 0 };
	put_str(&b, "0x");
	put_hex(&b, v, 0);
	return buf_to_string(&b);
}

char *ctext_enum(const struct jh_name *tab, uint64_t v, int revision)
{
	for (; tab->symbol; tab++)
		if (tab->value == v && tab->min_revision <= revision)
			return xstrdup(tab->symbol);
	return ctext_hex(v);
}

char *ctext_flags(const struct jh_name *tab, uint64_t v, int revision,
		  const char *prefix)
{
	struct buf b = { 0 };
	if (prefix)
		put_str(&b, prefix);
	for (; tab->symbol; tab++) {
		if (tab->min_revision > revision || !(v & tab->value))
			continue;
		put_str(&b, b.len ? " | " : "");
		put_str(&b, tab->symbol);
		v &= ~tab->value;
	}
	if (v) {
		put_str(&b, b.len ? " | 0x" : "0x");
		put_hex(&b, v, 0);
	} else if (!b.len) {
		put_str(&b, "0");
	}
	return buf_to_string(&b);
}

/* A character constant for any byte; its value is what the byte becomes
 * in a char, signed or not, so no overflow warning fires. */
static void put_char_constant(struct buf *b, unsigned char c)
{
	if (c == '\'' || c == '\\')
		buf_printf(b, "'\\%c'", c);
	else if (c == 0)
		buf_printf(b, "'\\0'");
	else if (c >= 0x20 && c < 0x7f)
		buf_printf(b, "'%c'", c);
	else
		buf_printf(b, "'\\x%02x'", c);
}

char *ctext_char_list(const char *bytes, size_t n)
{
	struct buf b = { 0 };
	buf_printf(&b, "{");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s", i ? ", " : " ");
		put_char_constant(&b, (unsigned char)bytes[i]);
	}
	buf_printf(&b, " }");
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

char *ctext_char_array(const char *bytes, size_t n)
{
	size_t len = strnlen(bytes, n);
	if (len == n)   /* no room for the literal's NUL */
		return ctext_char_list(bytes, n);
	for (size_t i = len; i < n; i++)
		if (bytes[i])
			return ctext_char_list(bytes, n);
	struct buf b = { 0 };
	buf_put_u8(&b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];
		/* '?' escaped so that no trigraph warning can fire */
		if (c == '"' || c == '\\' || c == '?')
			buf_printf(&b, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			buf_put_u8(&b, c);
		else   /* three octal digits: a digit after it cannot join */
			buf_printf(&b, "\\%03o", c);
	}
	buf_put_u8(&b, '"');
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

char *ctext_u32_list(const uint32_t *v, size_t n)
{
	struct buf b = { 0 };
	put_str(&b, "{");
	for (size_t i = 0; i < n; i++) {
		put_str(&b, i ? ", 0x" : " 0x");
		put_hex(&b, v[i], 8);
	}
	put_str(&b, " }");
	return buf_to_string(&b);
}

/* ---- field lists ------------------------------------------------------ */

void field_take(struct fields *f, const char *name, char *value)
{
	size_t n = f->n;
	*ARRAY_PUSH(f->names, n, f->cap_names) = name;
	n = f->n;
	*ARRAY_PUSH(f->values, n, f->cap_values) = value;
	f->n = n;
}

void field_hex(struct fields *f, const char *name, uint64_t v)
{
	field_take(f, name, ctext_hex(v));
}

void field_hex_nz(struct fields *f, const char *name, uint64_t v)
{
	if (v)
		field_hex(f, name, v);
}

void field_dec(struct fields *f, const char *name, uint64_t v)
{
	struct buf b = { 0 };
	put_dec(&b, v);
	field_take(f, name, buf_to_string(&b));
}

void field_dec_nz(struct fields *f, const char *name, uint64_t v)
{
	if (v)
		field_dec(f, name, v);
}

void fields_free(struct fields *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->values[i]);
	free(f->values);
	free(f->names);
	*f = (struct fields){ 0 };
}

static void put_fields_inline(struct buf *b, const struct fields *f)
{
	put_str(b, "{");
	for (size_t i = 0; i < f->n; i++) {
		put_str(b, i ? ", ." : " .");
		put_str(b, f->names[i]);
		put_str(b, " = ");
		put_str(b, f->values[i]);
	}
	put_str(b, " }");
}

char *fields_inline(const struct fields *f)
{
	struct buf b = { 0 };
	put_fields_inline(&b, f);
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

/* Length of the next item of a comma- or bar-separated value: up to
 * `sep` outside braces, character constants and string literals. */
static size_t item_len(const char *p, const char *sep)
{
	size_t seplen = strlen(sep);
	int braces = 0;
	char quote = 0;
	size_t i = 0;
	for (; p[i]; i++) {
		char c = p[i];
		if (quote) {
			if (c == '\\' && p[i + 1])
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (!braces && !strncmp(p + i, sep, seplen)) {
			break;
		} else if (c == '{') {
			braces++;
		} else if (c == '}') {
			braces--;
		}
	}
	return i;
}

/* `value` split at `sep`, the pieces packed into lines at depth+1;
 * `tail` ends each piece but the last, `last` the last one. */
static void put_wrapped(struct emitter *e, const char *value, const char *sep,
			const char *tail, const char *last, bool first_inline,
			size_t col)
{
	const char *p = value;
	bool first = true;
	while (*p) {
		size_t len = item_len(p, sep);
		bool more = p[len] != '\0';
		const char *end = more ? tail : last;
		size_t need = len + strlen(end) + 1;
		if (!(first && first_inline) &&
		    (first || col + need > LINE_WIDTH)) {
			put_bytes(e->out, "\n", 1);
			put_indent(e->out, e->depth + 1);
			col = columns(e->depth + 1, 0);
		} else {
			put_bytes(e->out, " ", 1);
			col++;
		}
		put_bytes(e->out, p, len);
		put_str(e->out, end);
		col += len + strlen(end);
		p += len + (more ? strlen(sep) : 0);
		first = false;
	}
	put_bytes(e->out, "\n", 1);
}

/* Whether v is one brace group `{ ... }` (not, say, `{ a } | { b }`). */
static bool is_brace_list(const char *v)
{
	size_t n = strlen(v);
	if (n < 4 || strncmp(v, "{ ", 2) || strcmp(v + n - 2, " }"))
		return false;
	return item_len(v + 1, "}") == n - 2;
}

/* `.name = value,`; too wide, a flag expression breaks after its bars and
 * a brace list becomes a block with its items packed into lines. */
static void put_field(struct emitter *e, const char *name, const char *value)
{
	size_t width = columns(e->depth, strlen(name) + strlen(value) + 5);
	if (width <= LINE_WIDTH || (!is_brace_list(value) &&
				    value[item_len(value, " | ")] == '\0')) {
		/* ctext_line(e, ".%s = %s,", name, value) */
		put_indent(e->out, e->depth);
		put_str(e->out, ".");
		put_str(e->out, name);
		put_str(e->out, " = ");
		put_str(e->out, value);
		put_str(e->out, ",\n");
		return;
	}
	put_indent(e->out, e->depth);
	if (is_brace_list(value)) {
		buf_printf(e->out, ".%s = {", name);
		char *items = xstrndup(value + 2, strlen(value) - 4);
		put_wrapped(e, items, ", ", ",", ",", false, 0);
		free(items);
		ctext_line(e, "},");
		return;
	}
	buf_printf(e->out, ".%s =", name);
	put_wrapped(e, value, " | ", " |", ",", true,
		    columns(e->depth, strlen(name) + 3));
}

void ctext_fields(struct emitter *e, const struct fields *f)
{
	for (size_t i = 0; i < f->n; i++)
		put_field(e, f->names[i], f->values[i]);
}

void ctext_struct(struct emitter *e, const char *head, const struct fields *f)
{
	ctext_open(e, head);
	ctext_fields(e, f);
	ctext_close(e);
}

/* ---- arrays ----------------------------------------------------------- */

static char *element_line(size_t i, const struct fields *f)
{
	struct buf b = { 0 };
	put_str(&b, "[");
	put_dec(&b, i);
	put_str(&b, "] = ");
	if (f->n)
		put_fields_inline(&b, f);
	else
		put_str(&b, "{ 0 }");
	put_str(&b, ",");
	return buf_to_string(&b);
}

/* e is already inside the array. */
static bool all_fit_one_line(const struct emitter *e, const struct element *el,
			     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *s = element_line(i, &el[i].fields);
		bool fits = columns(e->depth, strlen(s)) <= COMPACT_WIDTH;
		free(s);
		if (!fits)
			return false;
	}
	return true;
}

/* Element i, with its comment: one line, or one field a line. */
static void put_element(struct emitter *e, size_t i, const struct element *el,
			bool compact)
{
	if (el->comment)
		ctext_comment(e, el->comment);
	if (compact) {
		char *s = element_line(i, &el->fields);
		ctext_line(e, "%s", s);
		free(s);
	} else {
		/* "[%zu]" */
		struct buf index = { 0 };
		put_str(&index, "[");
		put_dec(&index, i);
		put_str(&index, "]");
		ctext_struct(e, buf_to_string(&index), &el->fields);
		buf_free(&index);
	}
}

static void element_clear(struct element *el)
{
	free(el->comment);
	fields_free(&el->fields);
	el->comment = NULL;
}

void ctext_array(struct emitter *e, const char *head, struct element *el,
		 size_t n, bool compact)
{
	if (!n)
		return;
	ctext_open(e, head);
	compact = compact && all_fit_one_line(e, el, n);
	for (size_t i = 0; i < n; i++)
		put_element(e, i, &el[i], compact);
	ctext_close(e);
}

void ctext_array_each(struct emitter *e, const char *head, size_t n,
		      element_fn make, const void *ctx)
{
	if (!n)
		return;
	ctext_open(e, head);
	for (size_t i = 0; i < n; i++) {
		struct element el = { 0 };
		make(&el, i, ctx);
		put_element(e, i, &el, false);
		element_clear(&el);
	}
	ctext_close(e);
}

void elements_free(struct element *el, size_t n)
{
	for (size_t i = 0; i < n; i++)
		element_clear(&el[i]);
	free(el);
}
