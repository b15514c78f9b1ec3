/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Prints, as shell assignments, where a root cell's memory regions and their
 * fields sit in a .cell file, taken from the Jailhouse tree's own
 * cell-config.h (built and run on the host by run.sh).  The guest uses these
 * numbers to clear the DMA flag of one region for the negative control
 * without carrying a compiler or a second copy of the format.
 */
#include <stddef.h>
#include <stdio.h>
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

int main(void)
{
	size_t desc = offsetof(struct jailhouse_system, root_cell);

	/* Regions follow the system header and then the CPU bitmap. */
	printf("CELL_HEADER_SIZE=%zu\n", sizeof(struct jailhouse_system));
	printf("CELL_CPU_SET_SIZE_OFF=%zu\n",
	       desc + offsetof(struct jailhouse_cell_desc, cpu_set_size));
	printf("CELL_NUM_MEM_OFF=%zu\n",
	       desc + offsetof(struct jailhouse_cell_desc, num_memory_regions));
	printf("MEM_ENTRY_SIZE=%zu\n", sizeof(struct jailhouse_memory));
	printf("MEM_PHYS_OFF=%zu\n", offsetof(struct jailhouse_memory, phys_start));
	printf("MEM_SIZE_OFF=%zu\n", offsetof(struct jailhouse_memory, size));
	printf("MEM_FLAGS_OFF=%zu\n", offsetof(struct jailhouse_memory, flags));
	printf("MEM_FLAG_DMA=%u\n", (unsigned int)JAILHOUSE_MEM_DMA);
	printf("MEM_FLAG_IO=%u\n", (unsigned int)JAILHOUSE_MEM_IO);
	return 0;
}
