/* SPDX-License-Identifier: GPL-2.0-only */
/* What the files of core/check share: the set as an array of cells with
 * the root first, and small helpers over regions and bitmaps. */
#ifndef JH_CHECK_INTERNAL_H
#define JH_CHECK_INTERNAL_H

#include "check/check.h"

#define CK_PAGE 0x1000ull

struct ck {
	const struct check_set *set;
	const struct cfg_system *sys;
	struct jh_findings *out;
	size_t n;                       /* cells, the root at index 0 */
	const struct cfg_cell **c;
	const char **file;
	uint64_t work;                  /* comparisons made so far */
	size_t first;                   /* out->n when the check began */
	bool exhausted;                 /* the budget ran out: CHECK-INCOMPLETE */
	/* check_devices: who has which device, sorted by domain << 16 | bdf
	 * (the first inmate that lists it; absent: the root cell) */
	struct ck_owner {
		uint32_t key;
		size_t cell;
	} *owners;
	size_t nowners;
};

/* Comparisons a check may make before it stops with CHECK-INCOMPLETE (an
 * error: an unchecked set is never called clean). Real sets need a few
 * thousand; a crafted 16 MiB file could ask for 10^11. */
#define CK_WORK_BUDGET 200000000ull
/* Likewise for findings: a file of 500,000 equal regions would make
 * 10^11 overlap findings. */
#define CK_MAX_FINDINGS 10000
/* Count `cost` comparisons; false (and the finding, once) when the
 * budget is spent: the caller stops. */
bool ck_spend(struct ck *k, uint64_t cost);

static inline bool ck_is_root(size_t i)
{
	return i == 0;
}

/* A subject naming cell i (and its file). */
struct jh_subject ck_subject(const struct ck *k, size_t i);
struct jh_subject ck_subject_range(const struct ck *k, size_t i, uint64_t start,
				   uint64_t size);
struct jh_subject ck_subject_bdf(const struct ck *k, size_t i, uint16_t bdf);

/* [a, a+as) and [b, b+bs) share a byte; empty ranges share none. Exact
 * for ranges that run past 2^64 (as Jailhouse's Python check, which has
 * unbounded integers). */
bool ck_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);
/* The first byte of [start, start+size) that no region of c covers
 * (comm regions and empty regions do not count); false when all are, or
 * when k's budget runs out (k may be NULL: no budget). */
bool ck_uncovered(struct ck *k, const struct cfg_cell *c, uint64_t start,
		  uint64_t size, uint64_t *at);
bool ck_cpu(const struct cfg_cell *c, unsigned cpu);
/* The highest CPU of the set + 1 (0 for none). */
unsigned ck_cpu_count(const struct cfg_cell *c);
bool ck_pin(const struct cfg_irqchip *q, unsigned pin);
/* Whether the system has an Intel VT-d unit. */
bool ck_intel_iommu(const struct cfg_system *sys);

void check_memory(struct ck *k);
void check_cpus(struct ck *k);
void check_irq(struct ck *k);
void check_devices(struct ck *k);
void check_ivshmem(struct ck *k);

#endif
