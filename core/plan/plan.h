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

#endif
