/* SPDX-License-Identifier: GPL-2.0-only */
/* `update` after a hardware change: the PCI functions the project
 * recorded (its `hardware pci` lines) matched to those of the machine as
 * it is now, the decisions that named them moved along, and a report of
 * everything that changed (devices moved, vanished, new; CPUs; RAM; the
 * hypervisor window).
 *
 * Identity, not place: a function is matched by vendor:device, class and
 * subsystem ids, and by its position in the bridge hierarchy, that is
 * the chain of PCI-to-PCI bridges above it (each with its own identity)
 * and the device.function numbers along that chain. Bus numbers are not
 * part of it: firmware and Linux hand them out depth-first at
 * enumeration, so adding a bridge renumbers every bus after it while
 * nothing moved. A BDF alone is therefore never proof of identity. */
#ifndef JH_UPDATE_H
#define JH_UPDATE_H

#include "base/util.h"
#include "machine/machine.h"
#include "project/project.h"

/* `parent` of a function on a root bus */
#define UPD_ROOT ((size_t)-2)

/* One PCI function as the matcher sees it (recorded or discovered). */
struct upd_pci {
	uint16_t domain;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code;
	uint16_t subsys_vendor, subsys_device;
	size_t parent;              /* index of its bridge in the same list, or UPD_ROOT */
};

/* How good a candidate is (higher is better); 0: not the same device. */
enum upd_tier {
	UPD_TIER_NONE = 0,
	UPD_TIER_IDS,           /* same ids, class and subsystem; elsewhere in the tree */
	UPD_TIER_CHAIN,         /* ... and behind bridges of the same identities */
	UPD_TIER_PLACE,         /* ... and at the same device.function along the chain */
};

struct upd_cands {
	size_t *v;
	size_t n, cap;
};

/* A user's answer to an ambiguous match: recorded function `old` is
 * the machine's function `new` (indices into the two lists). */
struct upd_choice {
	size_t old, new_idx;
};

struct upd_match {
	size_t *old_to_new;         /* per recorded function: NONE_IDX when vanished or ambiguous */
	size_t *new_to_old;         /* per function now: NONE_IDX when new */
	bool *ambiguous;            /* per recorded function */
	struct upd_cands *cands;    /* per recorded function: the equally good candidates */
	size_t nold, nnew;
};

/* The tier of new[n] as a match for old[o] (each list's parents index
 * into itself). Chains longer than the list (a loop) never match. */
enum upd_tier upd_tier(const struct upd_pci *old, size_t nold, size_t o,
		       const struct upd_pci *new_, size_t nnew, size_t n);

/* Match the lists. The choices are taken first (each must pair
 * functions of the same ids, class and subsystem, and each function at
 * most once: JH_BADINPUT otherwise). Then every recorded function still
 * at its place (UPD_TIER_PLACE, one candidate at most by construction);
 * then, repeatedly, a recorded function whose best candidate is the only
 * one at that tier and for which it is the only recorded function at
 * that tier. What is left with candidates is ambiguous (they are listed),
 * what is left without is vanished; functions of the machine left over
 * are new. */
int upd_match_pci(const struct upd_pci *old, size_t nold, const struct upd_pci *new_,
		  size_t nnew, const struct upd_choice *choices, size_t nchoices,
		  struct upd_match *out, struct jh_error *err);
void upd_match_free(struct upd_match *m);

/* The two lists: the project's recorded functions (parents by their
 * `behind` slot) and the machine's. */
void upd_pci_from_project(const struct project *p, struct upd_pci **out, size_t *n);
void upd_pci_from_machine(const struct machine *m, struct upd_pci **out, size_t *n);

/* What became of one PCI selector of a cell. */
enum upd_use_state {
	UPD_USE_SAME,           /* the device is where the selector says */
	UPD_USE_MOVED,          /* found elsewhere: slot= rewritten */
	UPD_USE_VANISHED,       /* the device is gone: refused */
	UPD_USE_AMBIGUOUS,      /* two or more equally good candidates: refused */
	UPD_USE_UNRECORDED,     /* the selector names no recorded function: kept as is */
};

struct upd_use {
	size_t cell, sel;           /* indices into the project */
	char *cell_name;
	size_t old;                 /* the recorded function, NONE_IDX when none */
	size_t new_idx;             /* the machine's function, NONE_IDX when none */
	enum upd_use_state state;
	char *before, *after;       /* the selector as the file writes it */
};

struct upd_report {
	struct upd_pci *old, *new_;
	size_t nold, nnew;
	struct upd_match match;
	struct upd_use *uses;
	size_t nuses, uses_cap;
	bool cpus_known;            /* the project recorded a CPU count */
	unsigned cpus_old, cpus_new;
	/* top-level System RAM ranges recorded but gone, and new ones */
	struct proj_range *ram_gone, *ram_new;
	size_t nram_gone, ram_gone_cap, nram_new, ram_new_cap;
	/* the hypervisor window of the new plan (set by the caller) */
	bool window_known, memmap_in_cmdline;
	uint64_t window_start, window_size;
	/* the top-level /proc/iomem range that holds the whole window
	 * ("System RAM", or "Reserved" under memmap=); NULL: none does */
	const char *window_in;
	uint64_t window_in_first, window_in_last;
	bool source_changed;
	struct strlist refusals;    /* why the update cannot go on, one line each */
};

/* Compare the project with the machine and match (see upd_match_pci).
 * Fills *r; a used device that vanished or is ambiguous adds a refusal. */
int upd_report_build(const struct project *p, const struct machine *m,
		     const struct upd_choice *choices, size_t nchoices,
		     struct upd_report *r, struct jh_error *err);
/* Move the decisions: every moved selector that gives a slot gets the new
 * slot, then the hardware lines become the machine's (comments of the
 * lines whose function or RAM range is still there kept with them). */
void upd_apply(struct project *p, const struct machine *m, const struct upd_report *r);
/* Record the new plan's window and where on the machine it lies. */
void upd_report_window(struct upd_report *r, const struct machine *m, uint64_t start,
		       uint64_t size, bool memmap_in_cmdline);
/* A user's answer by slots ("00:02.0" or "0000:00:02.0", as lspci
 * prints them): recorded function old_slot is the machine's new_slot.
 * JH_BADINPUT naming the slot that is not there. */
int upd_choice_by_slot(const struct upd_report *r, const char *old_slot,
		       const char *new_slot, struct upd_choice *out, struct jh_error *err);
/* Anything to write: a device moved, vanished or appeared, CPUs or RAM
 * changed, or the source did. */
bool upd_report_changed(const struct upd_report *r);
/* The report in words, one line per change (what stayed is summed up in
 * one line). */
void upd_report_lines(const struct upd_report *r, struct strlist *out);
/* The same as one JSON object (base/json.h). */
void upd_report_json(const struct upd_report *r, struct buf *out);
void upd_report_free(struct upd_report *r);
/* "0000:00:02.0" */
char *upd_slot_text(const struct upd_pci *d);

#endif
