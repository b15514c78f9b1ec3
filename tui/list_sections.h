/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf list`: one printer per section of what discovery found. They
 * only format the machine model; core/ did the reading. */
#ifndef JH_LIST_SECTIONS_H
#define JH_LIST_SECTIONS_H

#include "api/jhconf.h"

#include <stdbool.h>
#include <stdio.h>

/* What `list pci` takes, as lspci does: -v (twice for more), -n (once:
 * numbers only, twice: names and numbers), -k, -t, -D, -s and -d. */
struct list_pci_opts {
	int verbose, numeric;
	bool kernel, tree, domains;
	bool filtered;
	struct pci_filter filter;
	/* the planned root cell when the machine plans: each device's
	 * IOMMU unit as Jailhouse will see it; NULL otherwise */
	const struct cfg_system *config;
	/* the project's inmate cells as planned (with --project), else NULL */
	const struct plan_cells *cells;
	const char *root_name;
};
void list_pci(FILE *f, const struct machine *m, const struct list_pci_opts *o);
/* The inmate cell o->cells gives d to (its 32-byte name, not terminated
 * when full), or NULL for the root cell. */
const char *list_pci_owner(const struct list_pci_opts *o, const struct pci_dev *d);
/* Every section (NULL) or one as JSON, schema "jhconf-list" version 1. */
void list_json(FILE *f, const struct machine *m, const char *section,
	       const struct list_pci_opts *o);
void list_mem(FILE *f, const struct machine *m, bool verbose);
void list_ports(FILE *f, const struct machine *m, bool verbose);
void list_irq(FILE *f, const struct machine *m, bool verbose);
void list_cpus(FILE *f, const struct machine *m, bool verbose);
void list_iommu(FILE *f, const struct machine *m, bool verbose);
void list_uart(FILE *f, const struct machine *m, bool verbose);

#endif
