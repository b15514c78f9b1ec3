/*
 * Inmate cell for the hypervisor test (tests/hypervisor/run.sh): Jailhouse's
 * apic-demo on the 2-CPU QEMU guest.  Compiled against the Jailhouse tree's
 * headers the way Jailhouse's configs/Makefile builds its cells (gcc -c, then
 * objcopy -O binary), so the bytes follow the revision that tree defines.
 *
 * Why these values:
 * - CPU 1 (mask 0x2): the guest has CPUs 0 and 1, and Jailhouse never gives
 *   CPU 0 away on x86.
 * - RAM 0x3a600000, 1 MiB, at guest address 0: the guest boots with
 *   memmap=82M$0x3a000000, so the root cell jhconf writes holds 6 MiB of
 *   hypervisor memory at 0x3a000000 and the inmate RAM window from
 *   0x3a600000 on; LOADABLE regions must lie inside a root RAM region or
 *   `jailhouse cell load` faults in the root cell.  x86 inmates start in real
 *   mode at address 0.
 * - Communication region at 0x100000, where the x86 inmate library expects it.
 * - Only port 0x3f8 (ttyS0): the guest's Linux console is ttyS1 (0x2f8) and a
 *   UART cannot be shared between cells.  The PM timer ports the demo reads
 *   are always passed through by the hypervisor.
 * - No cache (CAT) region: AMD has no CAT, and only AMD can be tested in
 *   QEMU TCG.
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

struct {
	struct jailhouse_cell_desc cell;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[2];
	struct jailhouse_pio pio_regions[1];
} __attribute__((packed)) config = {
	.cell = {
		.signature = JAILHOUSE_CELL_DESC_SIGNATURE,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.architecture = JAILHOUSE_X86,
		.name = "apic-demo",
		.flags = JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED,

		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),

		.console = {
			.type = JAILHOUSE_CON_TYPE_8250,
			.flags = JAILHOUSE_CON_ACCESS_PIO,
			.address = 0x3f8,
		},
	},

	.cpus = {
		0x2,
	},

	.mem_regions = {
		/* RAM */ {
			.phys_start = 0x3a600000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_LOADABLE,
		},
		/* communication region */ {
			.virt_start = 0x00100000,
			.size = 0x00001000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_COMM_REGION,
		},
	},

	.pio_regions = {
		PIO_RANGE(0x3f8, 8), /* ttyS0 */
	},
};
