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

#endif
