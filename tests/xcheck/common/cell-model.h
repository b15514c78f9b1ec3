/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf's cross-check: its own statement of the Jailhouse configuration
 * structures of revisions 12, 13 and 14 and of the constants that jhconf's
 * generated C files name, written from the format facts (sizes, field
 * order, values) so that `make check` can compile those files and compare
 * the object's data with the .cell writer's bytes without a Jailhouse
 * tree. JAILHOUSE_CONFIG_REVISION is set by the including file.
 *
 * Nothing here may produce code or data: the object file's loadable
 * sections must hold the configuration alone. */
#ifndef XCHECK_CELL_MODEL_H
#define XCHECK_CELL_MODEL_H

#define XC_PACKED __attribute__((packed))
#define XC_REV JAILHOUSE_CONFIG_REVISION

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* ---- values --------------------------------------------------------- */

/* the architecture ids came with the header's architecture byte, in 14 */
#if XC_REV >= 14
#define JAILHOUSE_X86 0
#define JAILHOUSE_ARM 1
#define JAILHOUSE_ARM64 2
#endif

#define JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE 0x1

#define JAILHOUSE_CELL_PASSIVE_COMMREG 0x1
#define JAILHOUSE_CELL_TEST_DEVICE 0x2
#if XC_REV >= 14
#define JAILHOUSE_CELL_AARCH32 0x4
#endif
#define JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED 0x40000000
#define JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE 0x80000000

/* memory region flags: one bit each, the I/O access widths in bits 16-19 */
#define JAILHOUSE_MEM_READ 0x1
#define JAILHOUSE_MEM_WRITE 0x2
#define JAILHOUSE_MEM_EXECUTE 0x4
#define JAILHOUSE_MEM_DMA 0x8
#define JAILHOUSE_MEM_IO 0x10
#define JAILHOUSE_MEM_COMM_REGION 0x20
#define JAILHOUSE_MEM_LOADABLE 0x40
#define JAILHOUSE_MEM_ROOTSHARED 0x80
#define JAILHOUSE_MEM_NO_HUGEPAGES 0x100
#define JAILHOUSE_MEM_IO_UNALIGNED 0x8000
#define JAILHOUSE_MEM_IO_8 0x10000
#define JAILHOUSE_MEM_IO_16 0x20000
#define JAILHOUSE_MEM_IO_32 0x40000
#define JAILHOUSE_MEM_IO_64 0x80000

#define JAILHOUSE_CACHE_ROOTSHARED 0x1

#define JAILHOUSE_PCI_TYPE_DEVICE 1
#define JAILHOUSE_PCI_TYPE_BRIDGE 2
#define JAILHOUSE_PCI_TYPE_IVSHMEM 3
#define JAILHOUSE_PCI_EXT_CAP 0x8000
#define JAILHOUSE_PCICAPS_WRITE 0x1

#define JAILHOUSE_APIC_MODE_AUTO 0
#define JAILHOUSE_APIC_MODE_XAPIC 1
#define JAILHOUSE_APIC_MODE_X2APIC 2

#define JAILHOUSE_IOMMU_AMD 1
#define JAILHOUSE_IOMMU_INTEL 2
#define JAILHOUSE_IOMMU_SMMUV3 3
#define JAILHOUSE_IOMMU_PVU 4
#if XC_REV >= 14
#define JAILHOUSE_IOMMU_ARM_MMU500 5
#endif

#define JAILHOUSE_CON_TYPE_NONE 0
#define JAILHOUSE_CON_TYPE_EFIFB 1
#define JAILHOUSE_CON_TYPE_8250 2
#define JAILHOUSE_CON_TYPE_PL011 3
#define JAILHOUSE_CON_TYPE_XUARTPS 4
#define JAILHOUSE_CON_TYPE_MVEBU 5
#define JAILHOUSE_CON_TYPE_HSCIF 6
#define JAILHOUSE_CON_TYPE_SCIFA 7
#define JAILHOUSE_CON_TYPE_IMX 8
#if XC_REV >= 14
#define JAILHOUSE_CON_TYPE_IMX_LPUART 9
#define JAILHOUSE_CON_TYPE_SCIF 10
#endif
/* console flags: bit 0 MMIO (else port I/O), bit 1 4-byte register
 * distance (else 1), bit 2 the large framebuffer, bits 12 and 13 quirks */
#define JAILHOUSE_CON_ACCESS_PIO 0
#define JAILHOUSE_CON_ACCESS_MMIO 0x1
#define JAILHOUSE_CON_REGDIST_1 0
#define JAILHOUSE_CON_REGDIST_4 0x2
#define JAILHOUSE_CON_FB_1920x1080 0x4
#define JAILHOUSE_CON_INVERTED_GATE 0x1000
#define JAILHOUSE_CON_MDR_QUIRK 0x2000

/* ---- structures (all packed, little-endian) ------------------------- */

#if XC_REV >= 14
#define XC_HEADER char signature[5]; __u8 architecture; __u16 revision
#else
#define XC_HEADER char signature[6]; __u16 revision
#endif

struct jailhouse_console {                 /* 32 bytes */
	__u64 address;
	__u32 size;
	__u16 type, flags;
	__u32 divider, gate_nr;
	__u64 clock_reg;
} XC_PACKED;

struct jailhouse_cell_desc {               /* 132 bytes */
	XC_HEADER;
	char name[32];
	__u32 id, flags;
	__u32 cpu_set_size, num_memory_regions, num_cache_regions;
	__u32 num_irqchips, num_pio_regions, num_pci_devices;
	__u32 num_pci_caps, num_stream_ids;
	__u32 vpci_irq_base;
	__u64 cpu_reset_address, msg_reply_timeout;
	struct jailhouse_console console;
} XC_PACKED;

struct jailhouse_memory {                  /* 32 bytes */
	__u64 phys_start, virt_start, size, flags;
} XC_PACKED;

struct jailhouse_cache {                   /* 12 bytes */
	__u32 start, size;
	__u8 type, padding;
	__u16 flags;
} XC_PACKED;

struct jailhouse_irqchip {                 /* 32 bytes */
	__u64 address;
	__u32 id, pin_base;
	__u32 pin_bitmap[4];
} XC_PACKED;

struct jailhouse_pio {                     /* 4 bytes */
	__u16 base, length;
} XC_PACKED;

struct jailhouse_pci_device {              /* 56 bytes */
	__u8 type, iommu;
	__u16 domain, bdf;
	__u32 bar_mask[6];
	__u16 caps_start, num_caps;
	__u8 num_msi_vectors;
	__u8 msi_64bits : 1, msi_maskable : 1;  /* bits 0 and 1 of one byte */
	__u16 num_msix_vectors, msix_region_size;
	__u64 msix_address;
	__u32 shmem_regions_start;
	__u8 shmem_dev_id, shmem_peers;
	__u16 shmem_protocol;
} XC_PACKED;

struct jailhouse_pci_capability {          /* 8 bytes */
	__u16 id, start, len, flags;
} XC_PACKED;

struct jailhouse_iommu {                   /* 28 bytes */
	__u32 type;
	__u64 base;
	__u32 size;
	union {                            /* 12 bytes: two views */
		struct {
			__u16 bdf;
			__u8 base_cap, msi_cap;
			__u32 features;
		} XC_PACKED amd;
		struct {
			__u64 tlb_base;
			__u32 tlb_size;
		} XC_PACKED tipvu;
	};
} XC_PACKED;

#if XC_REV >= 14
union jailhouse_stream_id {
	__u32 id;
	struct {
		__u16 id, mask_out;
	} XC_PACKED mmu500;
} XC_PACKED;
#endif

/* The x86 and arm views of the platform union. Revision 12 keeps the
 * IOMMU units inside each view and has the older x86 field order; from
 * revision 13 on they sit before the union. */
#if XC_REV >= 13
struct xc_platform_x86 {
	__u16 pm_timer_address;
	__u8 apic_mode, padding;
	__u32 vtd_interrupt_limit, tsc_khz, apic_khz;
} XC_PACKED;
struct xc_platform_arm {
	__u8 maintenance_irq, gic_version, padding[2];
	__u64 gicd_base, gicc_base, gich_base, gicv_base, gicr_base;
} XC_PACKED;
#else
struct xc_platform_x86 {
	__u16 pm_timer_address;
	__u32 vtd_interrupt_limit;
	__u8 apic_mode, padding[3];
	__u32 tsc_khz, apic_khz;
	struct jailhouse_iommu iommu_units[8];
} XC_PACKED;
struct xc_platform_arm {
	__u8 maintenance_irq, gic_version;
	__u64 gicd_base, gicc_base, gich_base, gicv_base, gicr_base;
	struct jailhouse_iommu iommu_units[8];
} XC_PACKED;
#endif

struct jailhouse_system {
	XC_HEADER;
	__u32 flags;
	struct jailhouse_memory hypervisor_memory;
	struct jailhouse_console debug_console;
	struct {
		__u64 pci_mmconfig_base;
		__u8 pci_mmconfig_end_bus, pci_is_virtual;
		__u16 pci_domain;
#if XC_REV >= 13
		struct jailhouse_iommu iommu_units[8];
#endif
		union {
			struct xc_platform_x86 x86;
			struct xc_platform_arm arm;
		} XC_PACKED;
	} XC_PACKED platform_info;
	struct jailhouse_cell_desc root_cell;
} XC_PACKED;

/* The sizes the format facts give. */
_Static_assert(sizeof(struct jailhouse_console) == 32, "console");
_Static_assert(sizeof(struct jailhouse_cell_desc) == 132, "cell_desc");
_Static_assert(sizeof(struct jailhouse_memory) == 32, "memory");
_Static_assert(sizeof(struct jailhouse_cache) == 12, "cache");
_Static_assert(sizeof(struct jailhouse_irqchip) == 32, "irqchip");
_Static_assert(sizeof(struct jailhouse_pio) == 4, "pio");
_Static_assert(sizeof(struct jailhouse_pci_device) == 56, "pci_device");
_Static_assert(sizeof(struct jailhouse_pci_capability) == 8, "pci_cap");
_Static_assert(sizeof(struct jailhouse_iommu) == 28, "iommu");
_Static_assert(sizeof(struct jailhouse_system) - 132 ==
	       (XC_REV >= 13 ? 356 : 354), "system header before root cell");

#endif
