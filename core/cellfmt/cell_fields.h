/* SPDX-License-Identifier: GPL-2.0-only */
/* One description of each fixed-size structure of the .cell format: its
 * fields in Jailhouse's order, the width each takes in the file, where
 * the value lives in the revision-neutral cfg_* structure, and how the C
 * writer states it. The .cell writer (write_cell.c) and the reader
 * (read_cell.c) walk these rows to lay out and decode the bytes; the C
 * writer (write_c.c) takes the member names and styles from them, so the
 * three cannot disagree on a field's order, width or name. The structures
 * are the same in revisions 12 to 14; what differs between revisions
 * (headers, the platform union) is the layout table (cell_layout.c).
 * tests/xcheck proves the rows against jhconf's statement of Jailhouse's
 * headers. */
#ifndef JH_CELL_FIELDS_H
#define JH_CELL_FIELDS_H

#include "config/config.h"
#include "config/vocab.h"

/* How the C writer states a field. */
enum cell_field_style {
	CF_HEX,        /* hex, always */
	CF_HEX_NZ,     /* hex, left out when 0 */
	CF_DEC,        /* decimal, always */
	CF_DEC_NZ,     /* decimal, left out when 0 */
	CF_ENUM,       /* the symbol of `names`, else hex; always */
	CF_FLAGS,      /* the symbols of `names` joined by " | ", always */
	CF_FLAGS_NZ,   /* the same, left out when 0 */
	CF_LIST,       /* "{ 0x..., ... }" of `count` 32-bit words, always */
	CF_LIST_NZ,    /* the same, left out when all words are 0 */
	CF_CUSTOM,     /* the C writer states it itself (write_c.c says how) */
};

struct cell_field {
	const char *name;     /* the member's name in Jailhouse's structure */
	size_t offset;        /* offsetof() the value in the cfg_* structure */
	unsigned width;       /* bytes of one element in the file: 1, 2, 4, 8;
			       * the cfg member has the same width */
	unsigned count;       /* elements: 1 for a scalar */
	enum cell_field_style style;
	const struct jh_name *names;   /* for CF_ENUM and CF_FLAGS */
};

struct cell_struct {
	const char *what;     /* Jailhouse's structure, for messages */
	size_t size;          /* its bytes in the file: the widths' sum */
	const struct cell_field *fields;   /* ends with a NULL name */
};

extern const struct cell_struct cell_memory_struct;    /* cfg_memory */
extern const struct cell_struct cell_console_struct;   /* cfg_console */
extern const struct cell_struct cell_cache_struct;     /* cfg_cache */
extern const struct cell_struct cell_irqchip_struct;   /* cfg_irqchip */
extern const struct cell_struct cell_pio_struct;       /* cfg_pio */
extern const struct cell_struct cell_pci_dev_struct;   /* cfg_pci_dev */
extern const struct cell_struct cell_pci_cap_struct;   /* cfg_pci_cap */
extern const struct cell_struct cell_iommu_struct;     /* cfg_iommu */

/* Element i of field f of the cfg structure at obj, widened. */
uint64_t cell_field_get(const struct cell_field *f, const void *obj,
			size_t i);
/* Store obj's fields at p (s->size bytes), little-endian, in the rows'
 * order; cell_struct_put appends them to out. */
void cell_struct_store(unsigned char *p, const struct cell_struct *s,
		       const void *obj);
void cell_struct_put(struct buf *out, const struct cell_struct *s,
		     const void *obj);
/* Decode s->size bytes at p into the cfg structure at obj (fields the
 * rows do not name, such as comments, are left alone). */
void cell_struct_get(const unsigned char *p, const struct cell_struct *s,
		     void *obj);

#endif
