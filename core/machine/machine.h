/* SPDX-License-Identifier: GPL-2.0-only */
/* The machine: what discovery found, read-only once built. It knows
 * nothing about Jailhouse; the planner turns it into cells. */
#ifndef JH_MACHINE_H
#define JH_MACHINE_H

#include "base/util.h"

#define NONE_IDX ((size_t)-1)

/* /proc/iomem and /proc/ioports as trees. Nodes are kept in file order;
 * the links are indices into nodes[]. */
struct res_node {
	uint64_t start, end;   /* inclusive, as the kernel prints them */
	char *name;
	unsigned level;        /* 1 = top level (the kernel's nesting + 1) */
	size_t parent, first_child, next_sibling;  /* NONE_IDX when absent */
};

struct res_tree {
	struct res_node *nodes;
	size_t n, cap;
	size_t first_root;     /* first top-level node, NONE_IDX if empty */
};

/* One PCI capability as found in config space. */
struct pci_cap {
	uint16_t id;           /* the raw id (8 bits standard, 16 extended) */
	bool extended;
	uint16_t start;        /* offset in config space */
	uint16_t len;          /* bytes Jailhouse exposes (its rules) */
	bool writable;         /* Jailhouse lets the root cell write it */
};

/* A line of the device's sysfs `resource` file. */
struct pci_resource {
	uint64_t start, end, flags;
};
/* Linux's IORESOURCE_* bits in those flags (include/linux/ioport.h). */
#define IORESOURCE_IO       0x00000100u
#define IORESOURCE_MEM      0x00000200u
#define IORESOURCE_PREFETCH 0x00002000u
#define IORESOURCE_MEM_64   0x00100000u

#define PCI_NUM_BARS 6

struct pci_dev {
	char *slot;            /* sysfs name, "0000:00:1f.2" */
	uint16_t domain;
	uint8_t bus, dev, fn;
	uint16_t vendor_id, device_id;
	uint16_t subsys_vendor, subsys_device;
	uint32_t class_code;   /* 24 bits: class, subclass, prog-if */
	uint8_t revision;
	uint8_t header_type;   /* without the multi-function bit */
	bool is_bridge;        /* class 0x0604, a PCI-to-PCI bridge */
	uint8_t secondary_bus, subordinate_bus;  /* bridges only */
	bool is_pcie;

	/* Config space as read (config_len: 256 or 4096 bytes), held up to
	 * its last byte that is not zero: the config_zero_tail bytes after it
	 * are not held (most of a 4096-byte extended space is zeros, and a
	 * machine of thousands of functions spent most of its memory on
	 * them). Read it through pci_config_u8 and pci_config_le32. */
	unsigned char *config;
	size_t config_len;
	size_t config_zero_tail;

	struct pci_resource res[PCI_NUM_BARS + 1]; /* BARs and the ROM line */
	size_t nres;
	uint32_t bar_mask[PCI_NUM_BARS];  /* as Jailhouse derives them */

	struct pci_cap *caps;
	size_t ncaps, caps_cap;

	unsigned msi_vectors;  /* 0 without MSI */
	bool msi_64bits, msi_maskable;
	unsigned msix_vectors; /* 0 without (valid) MSI-X */
	uint8_t msix_bir;
	uint32_t msix_table_offset;
	uint64_t msix_address; /* 0 without (valid) MSI-X */
	uint32_t msix_region_size;
	/* An MSI-X table in a BAR that is not a memory BAR (the first such
	 * capability): a fact for the planner, which refuses the device
	 * (rule PCI-MSIX-NOT-MEMORY); such a capability gives no vectors. */
	bool msix_not_memory;
	uint16_t msix_bad_cap;     /* its capability's offset */
	uint8_t msix_bad_bir;
	uint32_t msix_bad_bar;     /* the BAR's dword as read */

	int irq;               /* -1 when unknown */
	char *vendor_name, *device_name;  /* from pci.ids, NULL when unknown */
	char *driver;          /* bound driver, NULL when unknown/none */
	int iommu_group;       /* -1 when unknown */
};

struct ioapic {
	uint8_t id;
	uint32_t address;
	uint32_t gsi_base;
};

struct local_apic {
	uint8_t processor_id;  /* x2APIC entries: the low 8 bits of the UID */
	uint32_t apic_id;
	uint32_t flags;        /* bit 0 enabled, bit 1 online capable */
	bool x2apic;
};

struct int_override {
	uint8_t bus, source;
	uint32_t gsi;
	uint16_t flags;
};

struct madt {
	uint32_t lapic_address;
	uint32_t flags;
	struct ioapic *ioapics;
	size_t nioapics, ioapics_cap;
	struct local_apic *lapics;
	size_t nlapics, lapics_cap;
	struct int_override *overrides;
	size_t noverrides, overrides_cap;
};

struct mcfg_alloc {
	uint64_t base;
	uint16_t segment;
	uint8_t start_bus, end_bus;
};

struct mcfg {
	struct mcfg_alloc *allocs;
	size_t n, cap;
};

#define DMAR_SCOPE_MAX_PATH 16

/* A DMAR device scope: type 1 endpoint, 2 sub-hierarchy, 3 IOAPIC,
 * 4 HPET, 5 ACPI namespace device. */
struct dmar_scope {
	uint8_t type;
	uint8_t enum_id;
	uint8_t bus;            /* start bus */
	uint8_t npath;
	struct { uint8_t dev, fn; } path[DMAR_SCOPE_MAX_PATH];
};

struct dmar_drhd {
	uint8_t flags;          /* bit 0 INCLUDE_PCI_ALL */
	uint16_t segment;
	uint64_t base;
	struct dmar_scope *scopes;
	size_t nscopes, scopes_cap;
};

struct dmar_rmrr {
	uint16_t segment;
	uint64_t base, limit;   /* limit inclusive */
	struct dmar_scope *scopes;
	size_t nscopes, scopes_cap;
};

struct dmar {
	uint8_t host_addr_width;
	uint8_t flags;
	struct dmar_drhd *drhds;
	size_t ndrhds, drhds_cap;
	struct dmar_rmrr *rmrrs;
	size_t nrmrrs, rmrrs_cap;
};

/* An IVHD device entry, decoded. Variable-length entries (type >= 0x80)
 * are kept with their type only. */
struct ivhd_entry {
	uint8_t type;
	uint16_t devid;
	uint8_t dte;
	uint16_t src_devid;     /* alias entries (0x42, 0x43), special (0x48) */
	uint8_t handle;         /* special device entries (0x48) */
	uint8_t variety;        /* special: 1 IOAPIC, 2 HPET */
};

struct ivhd {
	uint8_t type;           /* 0x10, 0x11 or 0x40 */
	uint8_t flags;
	uint16_t length;
	uint16_t bdf;           /* the IOMMU's own PCI function */
	uint16_t cap_offset;
	uint64_t base;
	uint16_t segment;
	uint16_t info;
	uint32_t feature;       /* type 0x10: feature reporting; 0x11/0x40: attributes */
	uint64_t efr;           /* type 0x11/0x40 only */
	struct ivhd_entry *entries;
	size_t nentries, entries_cap;
};

struct ivmd {
	uint8_t type;           /* 0x20 all, 0x21 select, 0x22 range */
	uint8_t flags;
	uint16_t devid, aux;
	uint64_t start, length;
};

struct ivrs {
	uint8_t revision;
	uint32_t ivinfo;
	struct ivhd *hds;
	size_t nhds, hds_cap;
	struct ivmd *mds;
	size_t nmds, mds_cap;
	/* Block types seen in table order (so the planner can follow
	 * Jailhouse's "first block" rule). */
	uint8_t *block_types;
	size_t nblocks, blocks_cap;
};

struct fadt {
	uint8_t revision;
	uint32_t pm_tmr_blk;    /* port of the PM timer, 0 if none */
	uint8_t pm_tmr_len;
	uint64_t x_pm_tmr_blk;  /* from X_PM_TMR_BLK when present (port space) */
	uint32_t flags;         /* bit 8 TMR_VAL_EXT: 32-bit timer */
	uint16_t sci_int;
	uint16_t iapc_boot_arch;
	bool hw_reduced;
};

/* A serial port as /sys/class/tty/ttyS* describes it. */
struct uart {
	char *name;             /* "ttyS0" */
	int type;               /* the kernel's PORT_* type, 0 = not there, -1 unknown */
	int io_type;            /* 0 port, 2 mem, 3 mem32 ... -1 unknown */
	uint64_t port;
	uint64_t iomem_base;
	bool no_port;           /* the port file was missing: port unknown */
	bool no_iomem_base;     /* likewise for iomem_base */
	int iomem_reg_shift;
	int irq;
};

struct cpu_info {
	unsigned sysfs_count;   /* cpuN entries under /sys/devices/system/cpu */
	char *vendor;           /* vendor_id of the first processor */
	char *model_name;
	unsigned nprocessors;   /* processors in /proc/cpuinfo */
	bool has_vmx, has_svm;  /* in the first processor's flags */
	/* The first processor's "flags" and "vmx flags" lines (NULL when
	 * absent: kernels before 5.8 print no "vmx flags", nor does any
	 * kernel for a CPU without usable VT-x). */
	char *flags, *vmx_flags;
	/* A later processor's "flags" differ from the first's (Jailhouse's
	 * hardware check refuses such a machine); the processor's index. */
	bool flags_differ;
	unsigned flags_differ_at;
};

/* memmap=SIZE$START on the kernel command line. */
struct memmap_resv {
	uint64_t size, start;
};

struct machine {
	char *label;            /* where it came from */
	struct res_tree iomem, ioports;
	struct pci_dev *pci;    /* sorted by sysfs name */
	size_t npci, pci_cap;
	struct madt madt;
	bool have_madt;
	struct mcfg mcfg;
	bool have_mcfg;
	struct dmar dmar;
	bool have_dmar;
	struct ivrs ivrs;
	bool have_ivrs;
	struct fadt fadt;
	bool have_fadt;
	struct uart *uarts;
	size_t nuarts, uarts_cap;
	struct cpu_info cpu;
	char *cmdline;
	struct memmap_resv *memmaps;  /* in command-line order */
	size_t nmemmaps, memmaps_cap;
	char *dmi_vendor, *dmi_product;
	bool jailhouse_enabled;
	/* read by a user other than root (discover_machine_unprivileged):
	 * config space may stop at 64 bytes, capabilities then unknown */
	bool unprivileged;
};

void machine_free(struct machine *m);
/* Whether the first processor's "flags" / "vmx flags" list the word
 * (false when the line is absent). */
bool cpu_has_flag(const struct cpu_info *c, const char *flag);
bool cpu_has_vmx_flag(const struct cpu_info *c, const char *flag);
/* The serial port of that name ("ttyS0"), or NULL. */
const struct uart *machine_find_uart(const struct machine *m, const char *name);
/* The function at domain (PCI segment) and bus << 8 | dev << 3 | fn, or NULL. */
const struct pci_dev *machine_find_pci_bdf(const struct machine *m, uint16_t domain,
					   uint16_t bdf);
void pci_dev_free(struct pci_dev *d);
/* The config space byte or little-endian word at off (which the caller
 * has checked against config_len): held, or zero in the tail. */
uint8_t pci_config_u8(const struct pci_dev *d, size_t off);
uint32_t pci_config_le32(const struct pci_dev *d, size_t off);
void res_tree_free(struct res_tree *t);

#endif
