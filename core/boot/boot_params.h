/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel parameters the root Linux must boot with for this
 * configuration: the one place that says what they are and why. Every
 * command that prints them (create, init, generate, boot-entry) and the
 * boot-entry editor take them from here. */
#ifndef JH_BOOT_PARAMS_H
#define JH_BOOT_PARAMS_H

#include "base/util.h"

#include <stdint.h>

#define BOOT_PARAM_LEN 64

struct boot_params {
	uint64_t window_start, window_size;  /* hypervisor + inmate memory */
	int iommu;                  /* 0, JH_IOMMU_INTEL or JH_IOMMU_AMD */
	/* As the kernel reads them (a raw '$'): "memmap=82M$0x3a000000" */
	char memmap[BOOT_PARAM_LEN];
	/* "intel_iommu" / "amd_iommu" and "intel_iommu=off" / "amd_iommu=off";
	 * NULL without an IOMMU unit */
	const char *iommu_key, *iommu_param;
	/* all of them, one space apart, in this order */
	char line[2 * BOOT_PARAM_LEN];
};

/* The parameters for a window [start, start + size) and the IOMMU kind of
 * the root cell's units (config.h JH_IOMMU_*, 0 for none). */
void boot_params_make(uint64_t start, uint64_t size, int iommu,
		      struct boot_params *bp);

#define BOOT_SIZE_LEN 24
/* A memmap size in the user's words: "82M" when it is a whole number of
 * MiB (as Jailhouse's README and its config template write it), else
 * 0x-hex ("0x5201000"); both are what the kernel's memparse() reads. */
char *boot_size_text(char out[BOOT_SIZE_LEN], uint64_t size);

#endif
