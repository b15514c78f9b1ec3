/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel parameters of a Jailhouse root Linux, and the reason for
 * each:
 *
 * memmap=SIZE$START (the hypervisor window: hypervisor memory followed by
 *   the inmates' memory). Jailhouse's driver takes the hypervisor's memory
 *   with request_mem_region() and refuses to enable with "Did you reserve
 *   the memory with "memmap=" or "mem="?" when Linux uses it
 *   (driver/main.c); README.md, "Software requirements": "The hypervisor
 *   requires a contiguous piece of RAM for itself and each additional
 *   cell. This currently has to be pre-allocated during boot-up. On x86
 *   this is typically done by adding memmap=82M$0x3a000000". The kernel
 *   reads NN$SS as "mark NN bytes at SS reserved" (Linux
 *   Documentation/admin-guide/kernel-parameters.txt, memmap=nn[KMG]$ss[KMG];
 *   arch/x86/kernel/e820.c parse_memmap_one()). A memmap whose '$' got
 *   lost on the way (a boot loader that expands "$0x..." as a variable)
 *   reads as memmap=NN, which *limits RAM* to NN bytes: the escaping of
 *   each boot file matters (boot_entry.c).
 *
 * intel_iommu=off (Intel: the root cell has VT-d units from the DMAR
 *   table). README.md, x86 software requirements: "VT-d IOMMU usage (DMAR)
 *   has to be disabled in the Linux kernel, e.g. via the command line
 *   parameter: intel_iommu=off". The hypervisor takes every DMAR unit over
 *   and refuses to enable (-EBUSY) when one has DMA translation switched
 *   on; only interrupt remapping plus queued invalidation may be on, which
 *   it then emulates for the root cell (hypervisor/arch/x86/vtd.c,
 *   vtd_init(): GSTS TES/IRES/QIES check, vtd_init_ir_emulation()).
 *   intel_iommu=off switches the translation off and leaves interrupt
 *   remapping alone (the bundled q35-agl-memmap snapshot booted with it
 *   and still shows its dmar0 unit in /proc/iomem).
 *
 * amd_iommu=off (AMD: the root cell has IOMMU units from the IVRS table).
 *   The hypervisor programs each AMD IOMMU itself (its own device table
 *   and command buffer, hypervisor/arch/x86/amd_iommu.c, amd_iommu_init())
 *   and has no interrupt remapping for the root cell
 *   (iommu_cell_emulates_ir() returns false, "TODO: Interrupt remapping"
 *   in amd_iommu_cell_init()), so a root Linux that owns the IOMMU (DMA
 *   translation or interrupt remapping) loses it at enable. The runs of
 *   Jailhouse on an AMD QEMU guest recorded in
 *   ../shared/hypervisor/README.md (12 of 12 enable/inmate/disable runs)
 *   and tests/hypervisor/run.sh boot with
 *   "memmap=82M$0x3a000000 amd_iommu=off". Jailhouse's README names no
 *   AMD parameter; this is the analogue of intel_iommu=off. */
#include "boot/boot_params.h"
#include "config/config.h"

#include <stdio.h>
#include <string.h>

char *boot_size_text(char out[BOOT_SIZE_LEN], uint64_t size)
{
	const uint64_t mib = 1ull << 20;
	if (size && size % mib == 0)
		snprintf(out, BOOT_SIZE_LEN, "%lluM", (unsigned long long)(size / mib));
	else
		snprintf(out, BOOT_SIZE_LEN, "0x%llx", (unsigned long long)size);
	return out;
}

void boot_params_make(uint64_t start, uint64_t size, int iommu,
		      struct boot_params *bp)
{
	memset(bp, 0, sizeof(*bp));
	bp->window_start = start;
	bp->window_size = size;
	bp->iommu = iommu;
	char sz[BOOT_SIZE_LEN];
	snprintf(bp->memmap, sizeof(bp->memmap), "memmap=%s$0x%llx",
		 boot_size_text(sz, size), (unsigned long long)start);
	if (iommu == JH_IOMMU_INTEL) {
		bp->iommu_key = "intel_iommu";
		bp->iommu_param = "intel_iommu=off";
	} else if (iommu == JH_IOMMU_AMD) {
		bp->iommu_key = "amd_iommu";
		bp->iommu_param = "amd_iommu=off";
	}
	snprintf(bp->line, sizeof(bp->line), "%s%s%s", bp->memmap,
		 bp->iommu_param ? " " : "", bp->iommu_param ? bp->iommu_param : "");
}
