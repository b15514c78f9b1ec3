/*
 * Jailhouse root cell configuration for QEMU Standard PC (Q35 + ICH9, 2009),
 * configuration revision 14, written by jhconf.
 *
 * Linux in the root cell needs this kernel parameter, which keeps it out of the
 * memory of the hypervisor and the inmates:
 *
 *     memmap=0x5200000$0x3a000000
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
	struct jailhouse_system system;
	__u64 cpu_set[1];
	struct jailhouse_memory mem[24];
	struct jailhouse_irqchip irqchips[1];
	struct jailhouse_pio pio[10];
	struct jailhouse_pci_device pci[9];
	struct jailhouse_pci_capability caps[14];
} __attribute__((packed)) config = {
	.system = {
		.signature = { 'J', 'H', 'S', 'Y', 'S' },
		.architecture = JAILHOUSE_X86,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.flags = JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE,
		.hypervisor_memory = {
			.phys_start = 0x3a000000,
			.virt_start = 0x0,
			.size = 0x600000,
			.flags = 0,
		},
		.debug_console = {
			.address = 0x3f8,
			.type = JAILHOUSE_CON_TYPE_8250,
			.flags = JAILHOUSE_CON_ACCESS_PIO |
				JAILHOUSE_CON_REGDIST_1,
		},
		.platform_info = {
			.pci_mmconfig_base = 0xb0000000,
			.pci_mmconfig_end_bus = 0xff,
			.iommu_units = {
				[0] = {
					.type = JAILHOUSE_IOMMU_AMD,
					.base = 0xfed80000,
					.size = 0x4000,
					.amd = {
						.bdf = 0x10, .base_cap = 0x40,
						.msi_cap = 0x58,
						.features = 0x45,
					},
				},
			},
			.x86 = {
				.pm_timer_address = 0x608,
				.vtd_interrupt_limit = 0x100,
			},
		},
		.root_cell = {
			.name = "RootCell",
			.cpu_set_size = sizeof(config.cpu_set),
			.num_memory_regions = ARRAY_SIZE(config.mem),
			.num_irqchips = ARRAY_SIZE(config.irqchips),
			.num_pio_regions = ARRAY_SIZE(config.pio),
			.num_pci_devices = ARRAY_SIZE(config.pci),
			.num_pci_caps = ARRAY_SIZE(config.caps),
		},
	},
	.cpu_set = { 0x000000000000000f },
	.mem = {
		/* System RAM */
		[0] = {
			.phys_start = 0x0,
			.virt_start = 0x0,
			.size = 0xa0000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA,
		},
		/* PCI Bus 0000:00 */
		[1] = {
			.phys_start = 0xa0000,
			.virt_start = 0xa0000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* System ROM */
		[2] = {
			.phys_start = 0xf0000,
			.virt_start = 0xf0000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* System RAM */
		[3] = {
			.phys_start = 0x100000,
			.virt_start = 0x100000,
			.size = 0x39f00000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA,
		},
		/* System RAM */
		[4] = {
			.phys_start = 0x3f200000,
			.virt_start = 0x3f200000,
			.size = 0x40ddc000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA,
		},
		/* 0000:00:01.0 */
		[5] = {
			.phys_start = 0xfd000000,
			.virt_start = 0xfd000000,
			.size = 0x1000000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* virtio-pci-modern */
		[6] = {
			.phys_start = 0xfe000000,
			.virt_start = 0xfe000000,
			.size = 0x4000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* 0000:00:04.0 */
		[7] = {
			.phys_start = 0xfeb40000,
			.virt_start = 0xfeb40000,
			.size = 0x40000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* e1000e */
		[8] = {
			.phys_start = 0xfeb80000,
			.virt_start = 0xfeb80000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* e1000e */
		[9] = {
			.phys_start = 0xfeba0000,
			.virt_start = 0xfeba0000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* e1000e */
		[10] = {
			.phys_start = 0xfebd1000,
			.virt_start = 0xfebd1000,
			.size = 0x3000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* 0000:00:01.0 */
		[11] = {
			.phys_start = 0xfebd4000,
			.virt_start = 0xfebd4000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ahci */
		[12] = {
			.phys_start = 0xfebd6000,
			.virt_start = 0xfebd6000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* PNP0103:00 */
		[13] = {
			.phys_start = 0xfed00000,
			.virt_start = 0xfed00000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ROMs */
		[14] = {
			.phys_start = 0xc0000,
			.virt_start = 0xc0000,
			.size = 0x20000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* JAILHOUSE Inmate Memory */
		[15] = {
			.phys_start = 0x3a600000,
			.virt_start = 0x3a600000,
			.size = 0x4af1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ivshmem link demo-RootCell */
		[16] = {
			.phys_start = 0x3f0f1000,
			.virt_start = 0x3f0f1000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* ivshmem link demo-RootCell */
		[17] = {
			.phys_start = 0x3f0f2000,
			.virt_start = 0x3f0f2000,
			.size = 0xb000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ivshmem link demo-RootCell */
		[18] = {
			.phys_start = 0x3f0fd000,
			.virt_start = 0x3f0fd000,
			.size = 0x2000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* ivshmem link demo-RootCell */
		[19] = {
			.phys_start = 0x3f0ff000,
			.virt_start = 0x3f0ff000,
			.size = 0x2000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* ivshmem link linux1-RootCell */
		[20] = {
			.phys_start = 0x3f101000,
			.virt_start = 0x3f101000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ,
		},
		[21] = {
			.phys_start = 0x0,
			.virt_start = 0x0,
			.size = 0x0,
			.flags = 0,
		},
		/* ivshmem link linux1-RootCell */
		[22] = {
			.phys_start = 0x3f102000,
			.virt_start = 0x3f102000,
			.size = 0x7f000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* ivshmem link linux1-RootCell */
		[23] = {
			.phys_start = 0x3f181000,
			.virt_start = 0x3f181000,
			.size = 0x7f000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
	},
	.irqchips = {
		/* IOAPIC 0, GSI base 0 */
		[0] = {
			.address = 0xfec00000,
			.id = 0xa0,
			.pin_base = 0x0,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
	},
	.pio = {
		/* timer0 */
		[0] = { .base = 0x40, .length = 0x4 },
		/* keyboard */
		[1] = { .base = 0x60, .length = 0x1 },
		/* keyboard */
		[2] = { .base = 0x64, .length = 0x1 },
		/* rtc0 */
		[3] = { .base = 0x70, .length = 0x8 },
		/* serial */
		[4] = { .base = 0x2f8, .length = 0x8 },
		/* vga+ */
		[5] = { .base = 0x3c0, .length = 0x20 },
		/* serial */
		[6] = { .base = 0x3f8, .length = 0x8 },
		/* 0000:00:03.0 */
		[7] = { .base = 0xc000, .length = 0x80 },
		/* 0000:00:04.0 */
		[8] = { .base = 0xc0c0, .length = 0x20 },
		/* 0000:00:1f.2 */
		[9] = { .base = 0xc0e0, .length = 0x20 },
	},
	.pci = {
		/*
		 * 00:00.0 Intel Corporation 82G33/G31/P35/P31 Express DRAM
		 * Controller
		 */
		[0] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x0,
			.caps_start = 0,
			.num_caps = 0,
		},
		/* 00:01.0 */
		[1] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x8,
			.bar_mask = {
				0xff000000, 0x00000000, 0xfffff000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
		},
		/* 00:03.0 Red Hat, Inc. Virtio block device [virtio-pci] */
		[2] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x18,
			.bar_mask = {
				0xffffff80, 0xfffff000, 0x00000000, 0x00000000,
				0xffffc000, 0xffffffff,
			},
			.caps_start = 0,
			.num_caps = 6,
			.num_msix_vectors = 5,
			.msix_region_size = 0x1000,
			.msix_address = 0xfebd5000,
		},
		/*
		 * 00:04.0 Intel Corporation 82574L Gigabit Network Connection
		 * [e1000e]
		 */
		[3] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x20,
			.bar_mask = {
				0xfffe0000, 0xfffe0000, 0xffffffe0, 0xffffc000,
				0x00000000, 0x00000000,
			},
			.caps_start = 6,
			.num_caps = 6,
			.num_msi_vectors = 1,
			.msi_64bits = 1,
			.msi_maskable = 0,
			.num_msix_vectors = 5,
			.msix_region_size = 0x1000,
			.msix_address = 0xfebd0000,
		},
		/*
		 * 00:1f.0 Intel Corporation 82801IB (ICH9) LPC Interface
		 * Controller
		 */
		[4] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0xf8,
			.caps_start = 0,
			.num_caps = 0,
		},
		/*
		 * 00:1f.2 Intel Corporation 82801IR/IO/IH (ICH9R/DO/DH) 6 port
		 * SATA Controller [AHCI mode] [ahci]
		 */
		[5] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0xfa,
			.bar_mask = {
				0x00000000, 0x00000000, 0x00000000, 0x00000000,
				0xffffffe0, 0xfffff000,
			},
			.caps_start = 12,
			.num_caps = 2,
			.num_msi_vectors = 1,
			.msi_64bits = 1,
			.msi_maskable = 0,
		},
		/*
		 * 00:1f.3 Intel Corporation 82801I (ICH9 Family) SMBus
		 * Controller
		 */
		[6] = {
			.type = JAILHOUSE_PCI_TYPE_DEVICE,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0xfb,
			.bar_mask = {
				0x00000000, 0x00000000, 0x00000000, 0x00000000,
				0xffffffc0, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
		},
		/* 00:05.0 ivshmem link demo-RootCell */
		[7] = {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x28,
			.bar_mask = {
				0xfffff000, 0xfffff000, 0x00000000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
			.num_msix_vectors = 16,
			.msix_region_size = 0x0,
			.msix_address = 0x0,
			.shmem_regions_start = 16,
			.shmem_dev_id = 1,
			.shmem_peers = 2,
		},
		/* 00:06.0 ivshmem link linux1-RootCell */
		[8] = {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.iommu = 0,
			.domain = 0x0,
			.bdf = 0x30,
			.bar_mask = {
				0xfffff000, 0xfffff000, 0x00000000, 0x00000000,
				0x00000000, 0x00000000,
			},
			.caps_start = 0,
			.num_caps = 0,
			.num_msix_vectors = 2,
			.msix_region_size = 0x0,
			.msix_address = 0x0,
			.shmem_regions_start = 20,
			.shmem_dev_id = 1,
			.shmem_peers = 2,
			.shmem_protocol = 0x1,
		},
	},
	.caps = {
		/* capabilities of 00:03.0 */
		[0] = { .id = 0x11, .start = 0x98, .len = 0xc, .flags = JAILHOUSE_PCICAPS_WRITE },
		[1] = { .id = 0x9, .start = 0x84, .len = 0x2 },
		[2] = { .id = 0x9, .start = 0x70, .len = 0x2 },
		[3] = { .id = 0x9, .start = 0x60, .len = 0x2 },
		[4] = { .id = 0x9, .start = 0x50, .len = 0x2 },
		[5] = { .id = 0x9, .start = 0x40, .len = 0x2 },
		/* capabilities of 00:04.0 */
		[6] = { .id = 0x1, .start = 0xc8, .len = 0x8, .flags = JAILHOUSE_PCICAPS_WRITE },
		[7] = { .id = 0x5, .start = 0xd0, .len = 0xe, .flags = JAILHOUSE_PCICAPS_WRITE },
		[8] = { .id = 0x10, .start = 0xe0, .len = 0x14 },
		[9] = { .id = 0x11, .start = 0xa0, .len = 0xc, .flags = JAILHOUSE_PCICAPS_WRITE },
		[10] = { .id = JAILHOUSE_PCI_EXT_CAP | 0x1, .start = 0x100, .len = 0x40 },
		[11] = { .id = JAILHOUSE_PCI_EXT_CAP | 0x3, .start = 0x140, .len = 0xc },
		/* capabilities of 00:1f.2 */
		[12] = { .id = 0x5, .start = 0x80, .len = 0xe, .flags = JAILHOUSE_PCICAPS_WRITE },
		[13] = { .id = 0x12, .start = 0xa8, .len = 0x2 },
	},
};
