/* SPDX-License-Identifier: GPL-2.0-only */
/* The memory map picture's arithmetic (see membar.h). */
#include "membar.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

void mb_free(struct mb_list *l)
{
	free(l->v);
	*l = (struct mb_list){ 0 };
}

static void insert_at(struct mb_list *l, size_t i, struct mb_seg s)
{
	l->v = grow_array(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	memmove(&l->v[i + 1], &l->v[i], (l->n - i) * sizeof(*l->v));
	l->v[i] = s;
	l->n++;
}

void mb_paint(struct mb_list *l, uint64_t start, uint64_t end, enum mb_owner owner,
	      int tag, const char *name)
{
	/* cut the new range out of every segment it touches */
	for (size_t i = 0; i < l->n; i++) {
		struct mb_seg *s = &l->v[i];
		if (s->end < start || s->start > end)
			continue;
		if (s->start < start && s->end > end) {
			/* it splits s in two */
			struct mb_seg right = *s;
			right.start = end + 1;
			s->end = start - 1;
			insert_at(l, i + 1, right);
			i++;
		} else if (s->start < start) {
			s->end = start - 1;
		} else if (s->end > end) {
			s->start = end + 1;
		} else {
			memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
			l->n--;
			i--;
		}
	}
	size_t at = 0;
	while (at < l->n && l->v[at].start < start)
		at++;
	insert_at(l, at, (struct mb_seg){ start, end, owner, tag, name });
}

static unsigned bit_length(uint64_t v)
{
	return v ? 64u - (unsigned)__builtin_clzll(v) : 0;
}

/* the size of a segment; the whole 64-bit space counts as 2^64 - 1 */
static uint64_t seg_size(const struct mb_seg *s)
{
	uint64_t n = s->end - s->start + 1;
	return n ? n : UINT64_MAX;
}

unsigned mb_layout(const struct mb_seg *v, size_t n, unsigned width, unsigned *cols)
{
	if (n == 0 || width == 0) {
		for (size_t i = 0; i < n; i++)
			cols[i] = 0;
		return 0;
	}
	if (n > width) {
		/* one column for each of the `width` largest; ties: lower address */
		for (size_t i = 0; i < n; i++)
			cols[i] = 0;
		for (unsigned k = 0; k < width; k++) {
			size_t best = n;
			for (size_t i = 0; i < n; i++)
				if (!cols[i] && (best == n || seg_size(&v[i]) > seg_size(&v[best])))
					best = i;
			cols[best] = 1;
		}
		return width;
	}
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += bit_length(seg_size(&v[i]));
	unsigned extra = width - (unsigned)n, given = 0;
	/* remainders are compared as numerators over `total` */
	uint64_t *rem = xcalloc(n, sizeof(*rem));
	for (size_t i = 0; i < n; i++) {
		uint64_t share = (uint64_t)extra * bit_length(seg_size(&v[i]));
		cols[i] = 1 + (unsigned)(share / total);
		rem[i] = share % total;
		given += cols[i] - 1;
	}
	while (given < extra) {
		size_t best = 0;
		for (size_t i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		cols[best]++;
		rem[best] = 0;
		given++;
	}
	free(rem);
	return width;
}

char mb_letter(enum mb_owner owner, int tag)
{
	switch (owner) {
	case MB_ROOT: return 'R';
	case MB_INMATE:
		if (tag >= 0 && tag < 9)
			return (char)('1' + tag);
		if (tag >= 9 && tag < 9 + 26)
			return (char)('a' + tag - 9);
		return '+';
	case MB_HV: return 'H';
	case MB_WINDOW: return 'W';
	case MB_IVSHMEM: return 'S';
	case MB_MMIO: return 'M';
	case MB_RESERVED: return 'X';
	default: return '.';
	}
}
