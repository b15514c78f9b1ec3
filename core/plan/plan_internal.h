/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared state of the planner's steps (plan_root.c, plan_regions.c,
 * plan_iommu.c). Not part of the core's public interface. */
#ifndef JH_PLAN_INTERNAL_H
#define JH_PLAN_INTERNAL_H

#include "config/config.h"
#include "machine/machine.h"
#include "plan/plan.h"

/* A memory or port region on its way into the cell; `stop` is inclusive
 * like the kernel's (and Jailhouse's parser's) notation. */
struct pl_region {
	uint64_t start, stop;
	char *type;             /* the iomem/ioports name */
	char *comment;          /* extra text (RMRR device), or NULL */
	bool permit;            /* port regions: handed to the root cell */
};

struct pl_regions {
	struct pl_region *v;
	size_t n, cap;
};

struct pl_dev {
	const struct pci_dev *pci;
	int iommu;              /* unit index, -1 outside every unit */
};

struct pl_ioapic {
	const struct ioapic *chip;
	uint16_t bdf;
	int iommu;
};

struct planner {
	const struct machine *m;
	struct pl_dev *devs;    /* the devices of the root cell, sorted */
	size_t ndevs;
	struct pl_ioapic *chips;
	size_t nchips;
	struct cfg_iommu units[CFG_MAX_IOMMU];  /* as they go into the system config */
	size_t nunits;
	struct pl_regions mem;  /* memory regions, in cell order */
	struct pl_regions dmar_regions;  /* iomem's dmarN entries */
	struct pl_regions extra;         /* RMRR / IVMD regions */
	struct pl_regions ports;
	struct jh_findings *diag;  /* never NULL */
	size_t nerrors;            /* error findings added so far */
	struct jh_error *err;      /* broken input only; refusals are findings */
};

/* Add a finding of `rule` (counting it when it is an error) and return -1,
 * so that a step can write `return pl_refuse(p, JH_R_..., &subject, ...);`
 * and the planner goes on with the steps that do not depend on it. */
int pl_refuse(struct planner *p, enum jh_rule_id rule,
	   const struct jh_subject *subject, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void pl_regions_add(struct pl_regions *l, uint64_t start, uint64_t stop,
		    const char *type, const char *comment);
void pl_regions_insert(struct pl_regions *l, size_t at, uint64_t start,
		       uint64_t stop, const char *type, const char *comment);
void pl_regions_remove(struct pl_regions *l, size_t at);
void pl_regions_free(struct pl_regions *l);
/* Jailhouse's size of a memory region: rounded up to whole pages. */
uint64_t pl_region_mem_size(const struct pl_region *r);
bool pl_region_is_ram(const struct pl_region *r);

/* plan_regions.c */
int plan_mem_regions(struct planner *p);
int plan_port_regions(struct planner *p);

/* plan_iommu.c: assigns devices and IOAPICs to IOMMU units, collects
 * RMRR/IVMD regions into p->extra, may drop the AMD IOMMU's own function. */
int plan_iommus(struct planner *p);

#endif
