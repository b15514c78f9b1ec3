/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared state of the inmate planner's steps (plan_inmate.c for CPUs,
 * memory, console, ports and pins; plan_inmate_pci.c for devices;
 * plan_ivshmem.c for links). Not part of the core's public interface. */
#ifndef JH_PLAN_INMATE_H
#define JH_PLAN_INMATE_H

#include "plan/plan.h"

#define INMATE_PAGE 0x1000ull
/* The x86 inmate layout (configs/x86/ files, inmates/lib/x86): RAM at guest
 * address 0 (the CPUs start in real mode at cpu_reset_address 0), the
 * communication region at 1 MiB, more RAM from 2 MiB. */
#define INMATE_LOW_RAM_MAX 0x100000ull
#define INMATE_COMM_VIRT 0x100000ull
#define INMATE_HIGH_RAM_VIRT 0x200000ull

/* A piece of the inmate window handed out: cell RAM or an ivshmem link. */
struct inmate_block {
	uint64_t start, end;        /* end exclusive */
	const char *owner;          /* cell name or "ivshmem" */
};

struct inmate_planner {
	const struct machine *m;
	const struct project *p;
	struct cfg_system *root;
	uint64_t win_start, win_end;    /* the inmate part of the window */
	uint64_t shm_start;             /* ivshmem area: [shm_start, win_end) */
	struct inmate_block *blocks;
	size_t nblocks, blocks_cap;
	int *dev_cell;                  /* per m->pci: owning inmate, -1 = root */
	struct cfg_cell *cells;         /* one per project cell, in order */
	struct jh_findings *findings;
	struct jh_error *err;
};

const char *inmate_root_name(const struct project *p);
/* Mark [start, end) of the window as used by owner; fails on overlap or
 * outside the window, naming both owners. */
int inmate_reserve(struct inmate_planner *ip, uint64_t start, uint64_t end,
		   const char *owner);
void inmate_add_mem(struct cfg_cell *c, uint64_t phys, uint64_t virt,
		    uint64_t size, uint64_t flags, const char *comment);
void inmate_add_pio(struct cfg_cell *c, uint64_t first, uint64_t last,
		    const char *comment);
/* Give the cell IOAPIC pin `gsi` through the root cell's irqchip entry of
 * the IOAPIC that serves it. */
int inmate_add_pin(struct inmate_planner *ip, struct cfg_cell *c, uint32_t gsi);

/* plan_inmate_pci.c: resolve every cell's PCI selectors (ip->dev_cell),
 * then add each assigned device's entry, capabilities, BAR regions, I/O
 * ports and INTx pin to its cell. */
int inmate_resolve_devices(struct inmate_planner *ip);
int inmate_add_devices(struct inmate_planner *ip, size_t cell,
		       bool *does_dma);

/* plan_ivshmem.c: the bytes of the ivshmem area the project's links need
 * (page multiples), and the links themselves: regions and a virtual PCI
 * device in every peer. */
uint64_t ivshmem_area_size(const struct project *p);
int ivshmem_plan_links(struct inmate_planner *ip);

#endif
