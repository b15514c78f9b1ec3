/*
 * Jailhouse cell configuration for the cell "linux1", configuration revision
 * 14, written by jhconf.
 *
 * Build it like the configurations in Jailhouse's configs/ folder: the .cell
 * file is the data of this one object, copied out of the object file with
 * objcopy -O binary.
 */

#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#if JAILHOUSE_CONFIG_REVISION != 14
#error "jhconf wrote this file for configuration revision 14"
#endif

struct {
	struct jailhouse_cell_desc cell;
	__u64 cpu_set[1];
	struct jailhouse_memory mem[10];
	struct jailhouse_pio pio[1];
	struct jailhouse_pci_device pci[2];
	struct jailhouse_pci_capability caps[6];
} __attribute__((packed)) config = {
	.cell = {
		.signature = { 'J', 'H', 'C', 'L', 'L' },
		.architecture = JAILHOUSE_X86,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = "linux1",
		.flags = JAILHOUSE_CELL_PASSIVE_COMMREG |
			JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED,
		.cpu_set_size = sizeof(config.cpu_set),
		.num_memory_regions = ARRAY_SIZE(config.mem),
		.num_pio_regions = ARRAY_SIZE(config.pio),
		.num_pci_devices = ARRAY_SIZE(config.pci),
		.num_pci_caps = ARRAY_SIZE(config.caps),
	},
	.cpu_set = { 0x0000000000000006 },
	.mem = {
		/* RAM */
		[0] = {
			.phys_start = 0x3e700000,
			.virt_start = 0x0,
			.size = 0x100000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA |
				JAILHOUSE_MEM_LOADABLE,
		},
		/* communication region */
		[1] = {
			.phys_start = 0x0,
			.virt_start = 0x100000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_COMM_REGION,
		},
		/* RAM (high) */
		[2] = {
			.phys_start = 0x3a800000,
			.virt_start = 0x200000,
			.size = 0x3f00000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA |
				JAILHOUSE_MEM_LOADABLE,
		},
		/* 0000:00:02.0 BAR 0 */
		[3] = {
			.phys_start = 0xfeb80000,
			.virt_start = 0xfeb80000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* 0000:00:02.0 BAR 1 */
		[4] = {
			.phys_start = 0xfeba0000,
			.virt_start = 0xfeba0000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* 0000:00:02.0 BAR 3 */
		[5] = {
			.phys_start = 0xfebd1000,
			.virt_start = 0xfebd1000,
			.size = 0x3000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ivshmem link linux1-RootCell */
		[6] = {
			.phys_start = 0x3f101000,
			.virt_start = 0x3f101000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED,
		},
		[7] = {
			.phys_start = 0x0,
			.virt_start = 0x0,
			.size = 0x0,
			.flags = 0,
		},
		/* ivshmem link linux1-RootCell */
		[8] = {
			.phys_start = 0x3f102000,
			.virt_start = 0x3f102000,
			.size = 0x7f000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_ROOTSHARED,
		},
		/* ivshmem link linux1-RootCell */
		[9] = {
			.phys_start = 0x3f181000,
			.virt_start = 0x3f181000,
			.size = 0x7f000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED,
		},
	},
	.pio = {
		/* 0000:00:02.0 BAR 2 */
		[0] = { .base = 0xc040, .length = 0x20 },
	},
	.pci = {
		/*
		 * 00:02.0 Intel Corporation 82574L Gigabit Network Connection
		 * [e1000e]
		 */
		[0] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x10,
			.bar_mask = {
				0xfffe0000, 0xfffe0000, 0xffffffe0, 0xffffc000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 6,
			.num_msi_vectors = 1,
			.msi_64bits = 1,
			.msi_maskable = 0,
			.num_msix_vectors = 5,
			.msix_region_size = 0x1000,
			.msix_address = 0xfebd0000,
		},
		/* 00:04.0 ivshmem link linux1-RootCell */
		[1] = {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x20,
			.bar_mask = {
				0xfffff000, 0xfffff000, 0x00000000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
			.num_msix_vectors = 2,
			.msix_region_size = 0x0,
			.msix_address = 0x0,
			.shmem_regions_start = 6,
			.shmem_peers = 2,
			.shmem_protocol = 0x1,
		},
	},
	.caps = {
		/* capabilities of 00:02.0 */
		[0] = { .id = 0x1, .start = 0xc8, .len = 0x8, .flags = JAILHOUSE_PCICAPS_WRITE },
		[1] = { .id = 0x5, .start = 0xd0, .len = 0xe, .flags = JAILHOUSE_PCICAPS_WRITE },
		[2] = { .id = 0x10, .start = 0xe0, .len = 0x14 },
		[3] = { .id = 0x11, .start = 0xa0, .len = 0xc, .flags = JAILHOUSE_PCICAPS_WRITE },
		[4] = { .id = JAILHOUSE_PCI_EXT_CAP | 0x1, .start = 0x100, .len = 0x40 },
		[5] = { .id = JAILHOUSE_PCI_EXT_CAP | 0x3, .start = 0x140, .len = 0xc },
	},
};
