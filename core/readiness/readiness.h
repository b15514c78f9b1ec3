/* SPDX-License-Identifier: GPL-2.0-only */
/* Readiness: can this machine run Jailhouse at all? A superset of
 * Jailhouse's `jailhouse hardware check` (tools/jailhouse-hardware-check),
 * worked out from what discovery found rather than from live registers,
 * so it answers for snapshots too: the CPU (vendor, 64-bit, more than one
 * CPU, one feature set, VT-x with EPT, unrestricted guest, preemption
 * timer and APIC access virtualization, or SVM with NPT and decode
 * assists), the IOMMU (DMAR or IVRS, interrupt remapping as the DMAR
 * says, the AMD unit's capability), x2APIC, MMCONFIG, the PM timer, the
 * IOAPICs, the kernel command line (Linux must leave the IOMMU alone; the
 * memmap= reservation) and whether Jailhouse is enabled already.
 *
 * Each item is ok, missing or unknown. Unknown is said, never guessed:
 * the IA32_VMX_* MSRs and the IOMMU units' registers are not in any
 * snapshot (READY-LIVE-ONLY), and "vmx flags" exist only from Linux 5.8.
 * Facts the planner already checks keep the planner's rules and
 * findings (ROOT-NO-MCFG, ROOT-PM-TIMER, ROOT-NO-DMAR, WINDOW-MEMMAP-...):
 * readiness takes them from the plan's findings rather than checking
 * twice. Pure: machine and plan in, items and findings out. */
#ifndef JH_READINESS_H
#define JH_READINESS_H

#include "findings/findings.h"
#include "machine/machine.h"
#include "plan/plan.h"

enum ready_state {
	READY_OK,
	READY_MISSING,
	READY_UNKNOWN,
};

struct ready_item {
	const char *key;         /* stable: "vmx", "iommu", "memmap", ... */
	const char *what;        /* a few words: "VT-x (VMX)" */
	enum ready_state state;
	enum jh_rule_id rule;    /* the rule that says why and how to fix */
	char *detail;            /* one line: what was seen */
	bool blocks;             /* missing, and Jailhouse cannot run so */
	size_t first, nfindings; /* its findings in ready_list.findings */
};

struct ready_list {
	struct ready_item *v;
	size_t n, cap;
	/* The findings of the missing items, item by item: the planner's
	 * own for its facts, READY-... for the others. */
	struct jh_findings findings;
};

struct ready_input {
	const struct machine *m;
	/* The findings of plan_root_cell() on this machine (others in the
	 * list are ignored); NULL when it was not run: the planner's items
	 * are then unknown. */
	const struct jh_findings *plan;
	/* The plan's result (the window and its memmap= hint); NULL
	 * without a successful plan. */
	const struct plan_result *res;
};

/* Replaces out's contents. */
void readiness_check(const struct ready_input *in, struct ready_list *out);
/* Items that block Jailhouse. */
size_t readiness_blocking(const struct ready_list *l);
size_t readiness_count(const struct ready_list *l, enum ready_state s);
/* The item with that key, or NULL. */
const struct ready_item *readiness_find(const struct ready_list *l,
					const char *key);
/* "ok", "missing", "unknown". */
const char *ready_state_name(enum ready_state s);
void ready_list_free(struct ready_list *l);

#endif
