/* SPDX-License-Identifier: GPL-2.0-only */
/* One row per configuration revision: everything that differs between
 * revisions 12, 13 and 14 of the .cell format. The serializer
 * (write_cell.c) and the reader (read_cell.c) consult these rows instead
 * of existing once per revision.
 *
 * What differs (from include/jailhouse/cell-config.h of each revision):
 * - rev 14 has a 5-byte signature and an architecture byte, 12 and 13 a
 *   6-byte signature; the header is 8 bytes in all three;
 * - rev 13 moved the IOMMU units out of the x86 member of the platform
 *   union (to just before the union) and reordered the x86 fields;
 * - the union takes the size of its ARM member: 44 bytes in 13/14
 *   (4 bytes of GIC ids and padding, five u64 base addresses), 266 in 12
 *   (2 bytes of GIC ids, five u64 bases, the eight 28-byte IOMMU units). */
#include "cellfmt/cellfmt.h"

enum {
	PLATFORM_HEAD = 12,    /* mmconfig base u64, end bus, is_virtual, domain */
	IOMMU_ARRAY = CFG_MAX_IOMMU * CELL_IOMMU_SIZE,   /* 224 */
};

static const struct cell_layout layouts[] = {
	{
		.revision = 14,
		.system_signature = "JHSYS", .cell_signature = "JHCLL",
		.signature_len = 5, .has_architecture = true,
		.iommu_in_x86 = false, .x86_limit_after_timer = false,
		.platform_union_size = 44,
		.iommu_offset = PLATFORM_HEAD,
		.union_offset = PLATFORM_HEAD + IOMMU_ARRAY,
		/* u16 pm_timer, u8 apic_mode, u8 padding, u32 limit, tsc, apic */
		.pm_timer_offset = 0, .apic_mode_offset = 2,
		.padding_offset = 3, .padding_len = 1,
		.limit_offset = 4, .tsc_khz_offset = 8, .apic_khz_offset = 12,
		.x86_size = 16,
	},
	{
		.revision = 13,
		.system_signature = "JHSYST", .cell_signature = "JHCELL",
		.signature_len = 6, .has_architecture = false,
		.iommu_in_x86 = false, .x86_limit_after_timer = false,
		.platform_union_size = 44,
		.iommu_offset = PLATFORM_HEAD,
		.union_offset = PLATFORM_HEAD + IOMMU_ARRAY,
		.pm_timer_offset = 0, .apic_mode_offset = 2,
		.padding_offset = 3, .padding_len = 1,
		.limit_offset = 4, .tsc_khz_offset = 8, .apic_khz_offset = 12,
		.x86_size = 16,
	},
	{
		.revision = 12,
		.system_signature = "JHSYST", .cell_signature = "JHCELL",
		.signature_len = 6, .has_architecture = false,
		.iommu_in_x86 = true, .x86_limit_after_timer = true,
		.platform_union_size = 266,
		/* u16 pm_timer, u32 limit, u8 apic_mode, u8 padding[3],
		 * u32 tsc, u32 apic, then the units at union offset 18 */
		.iommu_offset = PLATFORM_HEAD + 18,
		.union_offset = PLATFORM_HEAD,
		.pm_timer_offset = 0, .limit_offset = 2, .apic_mode_offset = 6,
		.padding_offset = 7, .padding_len = 3,
		.tsc_khz_offset = 10, .apic_khz_offset = 14,
		.x86_size = 18 + IOMMU_ARRAY,
	},
};

const struct cell_layout *cell_layouts(size_t *n)
{
	*n = sizeof(layouts) / sizeof(layouts[0]);
	return layouts;
}

const struct cell_layout *cell_layout_for(int revision)
{
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (layouts[i].revision == revision)
			return &layouts[i];
	return NULL;
}

size_t cell_system_prefix_size(const struct cell_layout *l)
{
	return CELL_PLATFORM_OFFSET + l->union_offset + l->platform_union_size;
}
