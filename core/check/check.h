/* SPDX-License-Identifier: GPL-2.0-only */
/* Explained validation of a set of cells: the root cell's system
 * configuration and the inmate cells meant to run beside it. A pure
 * function over revision-neutral cells (config/config.h) that adds
 * findings (findings/findings.h, the rules of the "check" block): every
 * check of Jailhouse's `config check`, every refusal of its driver and
 * hypervisor that a configuration can cause, and what nothing in
 * Jailhouse checks (cells against each other, alignment, devices, pins,
 * ports, ivshmem peers). Rule texts say where each comes from. */
#ifndef JH_CHECK_H
#define JH_CHECK_H

#include "config/config.h"
#include "findings/findings.h"
#include "machine/machine.h"

struct check_set {
	const struct cfg_system *sys;   /* the root cell's system configuration */
	const char *sys_file;           /* where it came from, NULL: planned */
	int revision;                   /* the system's revision, 0: unknown */
	const struct cfg_cell *const *cells;  /* the inmates */
	const char *const *files;       /* each inmate's file, NULL: planned */
	size_t ncells;
	/* The discovered machine when known (a project): BARs, IOMMU groups
	 * and bridges of the devices the cells name. NULL: the cells alone. */
	const struct machine *m;
};

/* Add the findings of every rule to `out` (in rule order per topic). */
void check_cells(const struct check_set *set, struct jh_findings *out);

/* The bytes of a non-root cell's configuration (header and arrays), as
 * the hypervisor sizes it (jailhouse_cell_config_size). */
uint64_t check_cell_config_size(const struct cfg_cell *c);

#endif
