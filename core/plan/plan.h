/* SPDX-License-Identifier: GPL-2.0-only */
/* The planner: a machine to a root cell, the way Jailhouse master's
 * `config create` derives it (same regions, order, flags, window,
 * shared capability lists, interrupt limit, console). */
#ifndef JH_PLAN_H
#define JH_PLAN_H

#include "config/config.h"
#include "findings/findings.h"
#include "machine/machine.h"

struct plan_opts {
	uint64_t mem_hv;        /* default 6 MiB */
	uint64_t mem_inmates;   /* default 76 MiB */
	const char *console;    /* "ttyS0" (default) or "none" */
	/* Where the window (hypervisor + inmate memory) starts: 0 for
	 * Jailhouse's own rule (0x3a000000 when System RAM holds it there,
	 * else the last RAM region big enough); a memmap= reservation on the
	 * kernel command line decides in either case. Whole pages. */
	uint64_t window_address;
};

struct plan_result {
	uint64_t window_start, window_size;  /* hypervisor + inmates */
	bool memmap_in_cmdline;  /* the command line already reserves it */
	char *hint;              /* "memmap=0x5200000$0x3a000000" */
};

void plan_opts_default(struct plan_opts *o);
/* One memory size (`name` is the option that gave it, for the message):
 * non-zero, at most 2^52 bytes (x86-64 physical addresses), whole 4 KiB
 * pages. JH_BADINPUT otherwise. */
int plan_check_size(const char *name, uint64_t size, struct jh_error *err);
/* Both sizes, and their sum. plan_root_cell() checks too. */
int plan_opts_check(const struct plan_opts *o, struct jh_error *err);
/* Every refusal (the machine cannot host Jailhouse) and warning becomes a
 * finding in `findings` (NULL: not kept); the planner goes on past a
 * refusal wherever later steps do not depend on it. Fails with JH_REFUSED
 * (err holding the first error finding's line) when any error finding was
 * added, JH_BADINPUT for broken input or bad sizes. */
int plan_root_cell(const struct machine *m, const struct plan_opts *o,
		   struct cfg_system *out, struct plan_result *res,
		   struct jh_findings *findings, struct jh_error *err);
void plan_result_free(struct plan_result *r);

struct project;

/* The inmate cells of a project, planned beside a root cell that
 * plan_root_cell() made with the same options: CPUs, memory from the
 * inmate part of the window, devices moved from root, pins, ports,
 * consoles, and the ivshmem links (which add regions and a virtual device
 * to every peer, the root cell included when it takes part). The root
 * cell keeps describing everything it lends: Jailhouse takes the
 * resources away at `cell create` and gives back at destroy only what
 * root's configuration lists. A decision the machine cannot honour fails
 * with JH_BADINPUT and says why. */
struct plan_cells {
	struct cfg_cell *cells;     /* one per project cell, in its order */
	size_t n;
};
int plan_inmate_cells(const struct machine *m, const struct project *p,
		      const struct plan_opts *o, const struct plan_result *res,
		      struct cfg_system *root, struct plan_cells *out,
		      struct jh_findings *findings, struct jh_error *err);
void plan_cells_free(struct plan_cells *c);
struct proj_pci_sel;
/* Whether a cell's PCI selector (a slot, ids, or both) names device d. */
bool plan_pci_sel_matches(const struct proj_pci_sel *s, const struct pci_dev *d);

#endif
