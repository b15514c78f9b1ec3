/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells as plain data: a revision-neutral mirror of Jailhouse's cell
 * configuration (include/jailhouse/cell-config.h). Writers and the reader
 * are the only places that know a revision's layout. Every byte of a
 * configuration has a home here, so reading and writing round-trips. */
#ifndef JH_CONFIG_H
#define JH_CONFIG_H

#include "base/util.h"

#define CFG_NAME_LEN 32
#define CFG_MAX_IOMMU 8

/* Values from Jailhouse's cell-config.h and console.h (facts, by name). */
#define JH_MEM_READ        0x0001
#define JH_MEM_WRITE       0x0002
#define JH_MEM_EXECUTE     0x0004
#define JH_MEM_DMA         0x0008
#define JH_MEM_IO          0x0010
#define JH_MEM_COMM_REGION 0x0020
#define JH_MEM_LOADABLE    0x0040
#define JH_MEM_ROOTSHARED  0x0080
#define JH_MEM_NO_HUGEPAGES 0x0100
#define JH_MEM_IO_UNALIGNED 0x8000

#define JH_PCI_TYPE_DEVICE  1
#define JH_PCI_TYPE_BRIDGE  2
#define JH_PCI_TYPE_IVSHMEM 3
#define JH_PCI_EXT_CAP      0x8000
#define JH_PCICAPS_WRITE    0x0001

#define JH_IOMMU_AMD   1
#define JH_IOMMU_INTEL 2

#define JH_CON_TYPE_NONE   0
#define JH_CON_TYPE_EFIFB  1
#define JH_CON_TYPE_8250   2
#define JH_CON_ACCESS_PIO  0x0000
#define JH_CON_ACCESS_MMIO 0x0001
#define JH_CON_REGDIST_1   0x0000
#define JH_CON_REGDIST_4   0x0002

#define JH_SYS_VIRTUAL_DEBUG_CONSOLE 0x0001
#define JH_CELL_PASSIVE_COMMREG 0x00000001
#define JH_CELL_TEST_DEVICE     0x00000002
#define JH_CELL_VIRTUAL_CONSOLE_PERMITTED 0x40000000
#define JH_CELL_VIRTUAL_CONSOLE_ACTIVE    0x80000000

#define JH_ARCH_X86 0

/* Optional human text for the .c writer; never part of the bytes. */
struct cfg_note {
	char *comment;
};

struct cfg_memory {
	uint64_t phys_start, virt_start, size, flags;
	char *comment;
};

struct cfg_cache {
	uint32_t start, size;
	uint8_t type, padding;
	uint16_t flags;
};

struct cfg_irqchip {
	uint64_t address;
	uint32_t id, pin_base;
	uint32_t pin_bitmap[4];
	char *comment;
};

struct cfg_pio {
	uint16_t base, length;
	char *comment;
};

struct cfg_pci_dev {
	uint8_t type, iommu;
	uint16_t domain, bdf;
	uint32_t bar_mask[6];
	uint16_t caps_start, num_caps;
	uint8_t num_msi_vectors;
	uint8_t msi_bits;      /* bit 0 msi_64bits, bit 1 msi_maskable, rest as read */
	uint16_t num_msix_vectors, msix_region_size;
	uint64_t msix_address;
	uint32_t shmem_regions_start;
	uint8_t shmem_dev_id, shmem_peers;
	uint16_t shmem_protocol;
	char *comment;
};

struct cfg_pci_cap {
	uint16_t id, start, len, flags;
	char *comment;
};

struct cfg_console {
	uint64_t address;
	uint32_t size;
	uint16_t type, flags;
	uint32_t divider, gate_nr;
	uint64_t clock_reg;
};

struct cfg_iommu {
	uint32_t type;
	uint64_t base;
	uint32_t size;
	/* the union: the AMD view of its first 8 bytes, then 4 more bytes */
	uint16_t amd_bdf;
	uint8_t amd_base_cap, amd_msi_cap;
	uint32_t amd_features;
	uint32_t union_tail;
	char *comment;
};

struct cfg_cell {
	/* Header as stored: inside a system config the root cell has no
	 * signature or revision of its own (zeros). */
	char signature[6];
	uint8_t architecture;
	uint16_t revision;
	char name[CFG_NAME_LEN];
	uint32_t id, flags;
	uint32_t vpci_irq_base;
	uint64_t cpu_reset_address, msg_reply_timeout;
	struct cfg_console console;

	unsigned char *cpu_set;  /* cpu_set_size bytes, bit n = CPU n */
	size_t cpu_set_size;
	struct cfg_memory *mem;
	size_t nmem, mem_cap;
	struct cfg_cache *cache;
	size_t ncache, cache_cap;
	struct cfg_irqchip *irqchips;
	size_t nirqchips, irqchips_cap;
	struct cfg_pio *pio;
	size_t npio, pio_cap;
	struct cfg_pci_dev *pci;
	size_t npci, pci_cap;
	struct cfg_pci_cap *caps;
	size_t ncaps, caps_cap;
	uint32_t *stream_ids;
	size_t nstream_ids, stream_ids_cap;
};

struct cfg_system {
	uint32_t flags;
	struct cfg_memory hypervisor_memory;
	struct cfg_console debug_console;
	uint64_t pci_mmconfig_base;
	uint8_t pci_mmconfig_end_bus, pci_is_virtual;
	uint16_t pci_domain;
	struct cfg_iommu iommu[CFG_MAX_IOMMU];
	size_t niommu;         /* units in use (for text; all 8 are written) */
	uint16_t pm_timer_address;
	uint8_t apic_mode, x86_padding;
	uint8_t x86_padding_more[2];   /* rev 12's padding[3]: bytes 1 and 2 */
	uint32_t vtd_interrupt_limit, tsc_khz, apic_khz;
	/* bytes of the platform union past the x86 member, kept verbatim */
	unsigned char union_tail[64];
	size_t union_tail_len;
	struct cfg_cell root;
	/* Text for the .c writer's header comment. */
	char *product;         /* "QEMU Standard PC (Q35 + ICH9, 2009)" */
	char *cmdline_hint;    /* "memmap=0x5200000$0x3a000000" */
	char *made_with;       /* the options that made it, for the .c's
				* header ("--mem-hv 6M --mem-inmates 76M
				* --console ttyS0"); NULL: not said */
};

void cfg_cell_free(struct cfg_cell *c);
void cfg_system_free(struct cfg_system *s);
void cfg_cell_set_cpus(struct cfg_cell *c, unsigned ncpus);
void cfg_set_name(char name[CFG_NAME_LEN], const char *s);

#endif
