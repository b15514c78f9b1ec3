/* SPDX-License-Identifier: GPL-2.0-only */
/* The memory map picture's arithmetic, apart from curses: the physical
 * address space as owned segments, and how many columns of a bar each
 * segment gets. A region of 4 KiB next to one of 2 GiB must stay visible,
 * so columns go by the logarithm of the size (bit length), each segment
 * getting at least one while there are columns enough. */
#ifndef JH_TUI_MEMBAR_H
#define JH_TUI_MEMBAR_H

#include <stddef.h>
#include <stdint.h>

enum mb_owner {
	MB_FREE,       /* nothing claims it (a gap is not a segment) */
	MB_ROOT,       /* System RAM left to the root cell */
	MB_INMATE,     /* an inmate cell's RAM (tag: the cell's index) */
	MB_HV,         /* the hypervisor's part of the memmap window */
	MB_WINDOW,     /* the inmates' part of the window not yet given out */
	MB_IVSHMEM,    /* shared memory of an ivshmem link */
	MB_MMIO,       /* device memory */
	MB_RESERVED,   /* firmware's, ACPI's */
	MB_OWNER_COUNT
};

struct mb_seg {
	uint64_t start, end;   /* inclusive */
	enum mb_owner owner;
	int tag;               /* MB_INMATE: cell index; else -1 */
	const char *name;      /* what the region is ("System RAM"), not owned */
};

struct mb_list {
	struct mb_seg *v;
	size_t n, cap;
};

/* Lay [start, end] owned by `owner` over the list: the parts of segments
 * it covers are cut away, it is inserted in address order. start <= end. */
void mb_paint(struct mb_list *l, uint64_t start, uint64_t end, enum mb_owner owner,
	      int tag, const char *name);
void mb_free(struct mb_list *l);

/* Columns for each of n segments (sizes end - start + 1) on a bar `width`
 * wide: at least 1 each, the rest shared by bit length with the largest
 * remainder method (ties to the lower address). With more segments than
 * columns, the `width` segments of the greatest sizes get one column each
 * and the others none. cols[] must hold n entries. Returns the columns
 * used (width, or 0 for n == 0 or width == 0). */
unsigned mb_layout(const struct mb_seg *v, size_t n, unsigned width, unsigned *cols);
/* The letter an owner is drawn with in the bar (and in monochrome the only
 * way to tell owners apart): R root, 1-9 then a-z inmates, H, W, S (shared
 * ivshmem), M, X, '.' free. */
char mb_letter(enum mb_owner owner, int tag);

#endif
