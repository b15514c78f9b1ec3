/* SPDX-License-Identifier: GPL-2.0-only */
/* The binary .cell format of Jailhouse configuration revisions 12, 13 and
 * 14: one serializer and one reader, driven by a small table per
 * revision (core/cell_layout.c). */
#ifndef JH_CELLFMT_H
#define JH_CELLFMT_H

#include "config/config.h"

struct cell_layout {
	int revision;
	const char *system_signature;  /* "JHSYS" / "JHSYST" */
	const char *cell_signature;    /* "JHCLL" / "JHCELL" */
	size_t signature_len;          /* 5 with an architecture byte, else 6 */
	bool has_architecture;
	/* Field order for the .c writer; the .cell code uses the offsets below. */
	bool iommu_in_x86;             /* rev 12: units inside platform_info.x86 */
	bool x86_limit_after_timer;    /* rev 12: vtd_interrupt_limit right after pm_timer_address */
	size_t platform_union_size;    /* the x86/arm union as the compiler sizes it */

	/* Where things sit inside platform_info (offsets from its start,
	 * which is 76 bytes into struct jailhouse_system). */
	size_t iommu_offset;           /* iommu_units[8] */
	size_t union_offset;           /* the x86/arm union */
	/* The x86 member, offsets from the start of the union. */
	size_t pm_timer_offset, apic_mode_offset;
	size_t padding_offset, padding_len;
	size_t limit_offset, tsc_khz_offset, apic_khz_offset;
	size_t x86_size;               /* union bytes past this go to union_tail */
};

#define CELL_REVISION_DEFAULT 14
/* NULL for a revision this program does not know. */
const struct cell_layout *cell_layout_for(int revision);
/* All known layouts, newest first; *n gets their number. */
const struct cell_layout *cell_layouts(size_t *n);
/* Sizes that did not change between revisions 12 and 14. */
enum {
	CELL_DESC_SIZE = 132, CELL_MEMORY_SIZE = 32, CELL_CACHE_SIZE = 12,
	CELL_IRQCHIP_SIZE = 32, CELL_PCI_DEV_SIZE = 56, CELL_PCI_CAP_SIZE = 8,
	CELL_IOMMU_SIZE = 28, CELL_CONSOLE_SIZE = 32, CELL_PIO_SIZE = 4,
};
/* Size of the system header before the root cell descriptor. */
size_t cell_system_prefix_size(const struct cell_layout *l);
/* Offset of platform_info inside struct jailhouse_system. */
#define CELL_PLATFORM_OFFSET 76

/* Append the .cell bytes of a root cell's system configuration (or of a
 * non-root cell) to `out`. The system's header and a cell file's header
 * come from the layout; the root cell descriptor inside a system keeps
 * the signature/architecture/revision stored in cfg_cell (zeros from
 * Jailhouse's tools). -1 (nothing appended) on counts that do not fit. */
int cell_write_system(const struct cfg_system *s, const struct cell_layout *l,
		      struct buf *out, struct jh_error *err);
int cell_write_cell(const struct cfg_cell *c, const struct cell_layout *l,
		    struct buf *out, struct jh_error *err);

/* What a .cell file holds. */
struct cell_file {
	const struct cell_layout *layout;
	bool is_system;
	struct cfg_system system;      /* when is_system */
	struct cfg_cell cell;          /* otherwise */
};
/* Detect the revision and kind from the signature and revision fields,
 * check every count against the file size and the size the counts
 * declare against the file's. `file` names the input in error messages.
 * On success free the result with cell_file_free(). */
int cell_read(const char *file, const unsigned char *data, size_t len,
	      struct cell_file *out, struct jh_error *err);
void cell_file_free(struct cell_file *f);
/* One 28-byte IOMMU unit as stored in a .cell. */
void cell_decode_iommu(const unsigned char *p, struct cfg_iommu *u);

/* What revision `revision` cannot state of f (one line each, added to
 * out): flags and types its headers do not define. None: f can be
 * written in that revision with the same meaning. */
void cell_revision_problems(const struct cell_file *f, int revision,
			    struct strlist *out);

#endif
