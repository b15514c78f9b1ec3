/*
 * Jailhouse cell configuration for the cell "demo", configuration revision 14,
 * written by jhconf.
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
	struct jailhouse_memory mem[7];
	struct jailhouse_pci_device pci[2];
	struct jailhouse_pci_capability caps[1];
} __attribute__((packed)) config = {
	.cell = {
		.signature = { 'J', 'H', 'C', 'L', 'L' },
		.architecture = JAILHOUSE_X86,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = "demo",
		.flags = JAILHOUSE_CELL_PASSIVE_COMMREG |
			JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED,
		.cpu_set_size = sizeof(config.cpu_set),
		.num_memory_regions = ARRAY_SIZE(config.mem),
		.num_pci_devices = ARRAY_SIZE(config.pci),
		.num_pci_caps = ARRAY_SIZE(config.caps),
	},
	.cpu_set = { 0x0000000000000008 },
	.mem = {
		/* RAM */
		[0] = {
			.phys_start = 0x3a600000,
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
		/* 0000:00:1b.0 BAR 0 */
		[2] = {
			.phys_start = 0xfebd4000,
			.virt_start = 0xfebd4000,
			.size = 0x4000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ivshmem link demo-RootCell */
		[3] = {
			.phys_start = 0x3f0f1000,
			.virt_start = 0x3f0f1000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED,
		},
		/* ivshmem link demo-RootCell */
		[4] = {
			.phys_start = 0x3f0f2000,
			.virt_start = 0x3f0f2000,
			.size = 0xb000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_ROOTSHARED,
		},
		/* ivshmem link demo-RootCell */
		[5] = {
			.phys_start = 0x3f0fd000,
			.virt_start = 0x3f0fd000,
			.size = 0x2000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_ROOTSHARED,
		},
		/* ivshmem link demo-RootCell */
		[6] = {
			.phys_start = 0x3f0ff000,
			.virt_start = 0x3f0ff000,
			.size = 0x2000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED,
		},
	},
	.pci = {
		/*
		 * 00:1b.0 Intel Corporation 82801FB/FBM/FR/FW/FRW (ICH6 Family)
		 * High Definition Audio Controller [snd_hda_intel]
		 */
		[0] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0xd8,
			.bar_mask = {
				0xffffc000, 0x00000000, 0x00000000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 1,
			.num_msi_vectors = 1,
			.msi_64bits = 1,
			.msi_maskable = 0,
		},
		/* 00:03.0 ivshmem link demo-RootCell */
		[1] = {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x18,
			.bar_mask = {
				0xfffff000, 0xfffff000, 0x00000000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
			.num_msix_vectors = 16,
			.msix_region_size = 0x0,
			.msix_address = 0x0,
			.shmem_regions_start = 3,
			.shmem_peers = 2,
		},
	},
	.caps = {
		/* capabilities of 00:1b.0 */
		[0] = { .id = 0x5, .start = 0x60, .len = 0xe, .flags = JAILHOUSE_PCICAPS_WRITE },
	},
};
