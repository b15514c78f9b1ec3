/* SPDX-License-Identifier: GPL-2.0-only */
/* Building blocks of C source text for the C writer (write_c.c): indented
 * lines, escaped comments, C literals, symbolic flag expressions and
 * struct initializers laid out to a line width. Nothing here knows
 * Jailhouse's structures. */
#ifndef JH_WRITE_C_TEXT_H
#define JH_WRITE_C_TEXT_H

#include "base/util.h"
#include "config/vocab.h"

struct emitter {
	struct buf *out;
	int revision;   /* decides which symbols the headers define */
	int depth;      /* tabs before each line */
};

void ctext_line(struct emitter *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* `head = {` and one level deeper; ctext_close gives `},`. */
void ctext_open(struct emitter *e, const char *head);
void ctext_close(struct emitter *e);

/* Append `text` so that it can stand inside a block comment. */
void ctext_comment_text(struct buf *out, const char *text);
/* A comment at the current depth: one line when it fits, else words
 * wrapped into a block. */
void ctext_comment(struct emitter *e, const char *text);
/* The file's opening comment: paragraphs (NULL-terminated list; "" is an
 * empty line, a paragraph starting with spaces is kept as one line). */
void ctext_file_comment(struct emitter *e, const char *const *paragraphs);

/* Values, all allocated. */
char *ctext_hex(uint64_t v);
/* The C symbol of v from a vocabulary table (config/vocab.h) when the
 * revision's headers define it, or hex. */
char *ctext_enum(const struct jh_name *tab, uint64_t v, int revision);
/* Named bits joined by " | " after `prefix` (may be NULL), unnamed bits
 * as one hex term, "0" for nothing. */
char *ctext_flags(const struct jh_name *tab, uint64_t v, int revision,
		  const char *prefix);
/* A char array: a string literal when it is text followed by zeros with
 * room for the NUL, else a brace list of character constants. */
char *ctext_char_array(const char *bytes, size_t n);
char *ctext_char_list(const char *bytes, size_t n);
/* `{ 0x..., 0x... }` of 32-bit words. */
char *ctext_u32_list(const uint32_t *v, size_t n);

/* The fields of one struct initializer. */
/* Names are borrowed (every one is a literal or a row of a static
 * table), values owned: the .c of a big machine has tens of thousands
 * of fields, and copying each name and value again was a third of the
 * writer's allocations. */
struct fields {
	const char **names;
	char **values;
	size_t n, cap_names, cap_values;
};
/* Adds a field; takes value (allocated) over. */
void field_take(struct fields *f, const char *name, char *value);
void field_hex(struct fields *f, const char *name, uint64_t v);
void field_hex_nz(struct fields *f, const char *name, uint64_t v);
void field_dec(struct fields *f, const char *name, uint64_t v);
void field_dec_nz(struct fields *f, const char *name, uint64_t v);
void fields_free(struct fields *f);
/* `{ .a = 1, .b = 2 }` for a nested struct as a field value. */
char *fields_inline(const struct fields *f);

/* `.name = value,` lines, broken at " | " or list commas when too wide. */
void ctext_fields(struct emitter *e, const struct fields *f);
/* `head = { fields },` (multi-line). */
void ctext_struct(struct emitter *e, const char *head, const struct fields *f);

/* An array initializer `head = { [0] = {...}, ... },`: every element
 * carries its index; elements go one a line when all of them fit and
 * `compact` is set, else one field a line. */
struct element {
	char *comment;          /* NULL for none */
	struct fields fields;
};
void ctext_array(struct emitter *e, const char *head, struct element *el,
		 size_t n, bool compact);
/* The same array, one field a line, its elements made by make() one at
 * a time, each written and freed before the next is made: the memory
 * regions and PCI devices of a big machine are tens of thousands of
 * elements, and holding all their fields at once was most of the
 * writer's memory (page faults, cache misses). */
typedef void (*element_fn)(struct element *el, size_t i, const void *ctx);
void ctext_array_each(struct emitter *e, const char *head, size_t n,
		      element_fn make, const void *ctx);
void elements_free(struct element *el, size_t n);

#endif
