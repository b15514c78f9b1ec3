/* The planner: a machine to a root cell, the way Jailhouse master's
 * `config create` derives it (same regions, order, flags, window,
 * shared capability lists, interrupt limit, console). */
#ifndef JH_PLAN_H
#define JH_PLAN_H

#include "config/config.h"
#include "machine/machine.h"

struct plan_opts {
	uint64_t mem_hv;        /* default 6 MiB */
	uint64_t mem_inmates;   /* default 76 MiB */
	const char *console;    /* "ttyS0" (default) or "none" */
};

struct plan_result {
	uint64_t window_start, window_size;  /* hypervisor + inmates */
	bool memmap_in_cmdline;  /* the command line already reserves it */
	char *hint;              /* "memmap=0x5200000$0x3a000000" */
};

void plan_opts_default(struct plan_opts *o);
/* Refusals (the machine cannot host Jailhouse) fail with JH_REFUSED. */
int plan_root_cell(const struct machine *m, const struct plan_opts *o,
		   struct cfg_system *out, struct plan_result *res,
		   struct jh_diag *diag, struct jh_error *err);
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
		      struct jh_diag *diag, struct jh_error *err);
void plan_cells_free(struct plan_cells *c);

#endif
