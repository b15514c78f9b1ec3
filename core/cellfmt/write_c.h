/* SPDX-License-Identifier: GPL-2.0-only */
/* The C source writer: a configuration as a C file that, compiled against
 * Jailhouse's headers of the same revision and copied out of the object
 * file the way Jailhouse's configs/Makefile does, gives exactly the bytes
 * that core/write_cell.c writes for it. */
#ifndef JH_WRITE_C_H
#define JH_WRITE_C_H

#include "cellfmt/cellfmt.h"

/* Append the C source of a root cell (system) configuration to `out`.
 * Fails (-1, err set) only for bytes that a C initializer cannot state:
 * the reserved bits of a PCI device's MSI flags byte, and a revision this
 * writer does not know. */
int write_c_system(const struct cfg_system *s, const struct cell_layout *l,
		   struct buf *out, struct jh_error *err);

/* The same for a non-root (inmate) cell configuration. */
int write_c_cell(const struct cfg_cell *c, const struct cell_layout *l,
		 struct buf *out, struct jh_error *err);

/* Append `text` to `out` so that it can stand inside a C block comment:
 * no comment end or start, no control characters, no broken UTF-8. */
void write_c_comment_text(struct buf *out, const char *text);

#endif
