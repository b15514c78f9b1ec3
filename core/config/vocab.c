/* SPDX-License-Identifier: GPL-2.0-only */
/* The vocabulary tables: see vocab.h. Values are facts from Jailhouse's
 * include/jailhouse/cell-config.h and console.h of revisions 12-14 (a
 * symbol with min_revision 14 is not in the older headers); the words are
 * jhconf's own. */
#include "config/vocab.h"
#include "config/config.h"

#include <stddef.h>

const struct jh_name jh_mem_flags[] = {
	{ JH_MEM_READ, "JAILHOUSE_MEM_READ", 12, "read" },
	{ JH_MEM_WRITE, "JAILHOUSE_MEM_WRITE", 12, "write" },
	{ JH_MEM_EXECUTE, "JAILHOUSE_MEM_EXECUTE", 12, "execute" },
	{ JH_MEM_DMA, "JAILHOUSE_MEM_DMA", 12, "DMA" },
	{ JH_MEM_IO, "JAILHOUSE_MEM_IO", 12, "IO" },
	{ JH_MEM_COMM_REGION, "JAILHOUSE_MEM_COMM_REGION", 12, "comm-region" },
	{ JH_MEM_LOADABLE, "JAILHOUSE_MEM_LOADABLE", 12, "loadable" },
	{ JH_MEM_ROOTSHARED, "JAILHOUSE_MEM_ROOTSHARED", 12, "root-shared" },
	{ JH_MEM_NO_HUGEPAGES, "JAILHOUSE_MEM_NO_HUGEPAGES", 12, "no-hugepages" },
	{ JH_MEM_IO_UNALIGNED, "JAILHOUSE_MEM_IO_UNALIGNED", 12, "IO-unaligned" },
	/* access widths for sub-page I/O regions, bits 16-19 */
	{ 0x10000, "JAILHOUSE_MEM_IO_8", 12, "IO-width-8" },
	{ 0x20000, "JAILHOUSE_MEM_IO_16", 12, "IO-width-16" },
	{ 0x40000, "JAILHOUSE_MEM_IO_32", 12, "IO-width-32" },
	{ 0x80000, "JAILHOUSE_MEM_IO_64", 12, "IO-width-64" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_cell_flags[] = {
	{ JH_CELL_PASSIVE_COMMREG, "JAILHOUSE_CELL_PASSIVE_COMMREG", 12,
	  "passive communication region" },
	{ JH_CELL_TEST_DEVICE, "JAILHOUSE_CELL_TEST_DEVICE", 12, "test device" },
	{ 0x4, "JAILHOUSE_CELL_AARCH32", 14, "AArch32" },
	{ JH_CELL_VIRTUAL_CONSOLE_PERMITTED,
	  "JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED", 12,
	  "virtual console permitted" },
	{ JH_CELL_VIRTUAL_CONSOLE_ACTIVE,
	  "JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE", 12, "virtual console active" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_system_flags[] = {
	{ JH_SYS_VIRTUAL_DEBUG_CONSOLE, "JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE", 12,
	  "the root cell may read the virtual debug console" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_cache_flags[] = {
	{ 0x0001, "JAILHOUSE_CACHE_ROOTSHARED", 12, "root-shared" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_pci_cap_flags[] = {
	{ JH_PCICAPS_WRITE, "JAILHOUSE_PCICAPS_WRITE", 12, "writable" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_console_access[] = {
	{ JH_CON_ACCESS_PIO, "JAILHOUSE_CON_ACCESS_PIO", 12, "PIO" },
	{ JH_CON_ACCESS_MMIO, "JAILHOUSE_CON_ACCESS_MMIO", 12, "MMIO" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_console_regdist[] = {
	{ JH_CON_REGDIST_1, "JAILHOUSE_CON_REGDIST_1", 12, "8-bit" },
	{ JH_CON_REGDIST_4, "JAILHOUSE_CON_REGDIST_4", 12,
	  "32-bit, 4 bytes apart" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_console_flags[] = {
	{ 0x0004, "JAILHOUSE_CON_FB_1920x1080", 12, "framebuffer 1920x1080" },
	{ 0x1000, "JAILHOUSE_CON_INVERTED_GATE", 12, "inverted gate" },
	{ 0x2000, "JAILHOUSE_CON_MDR_QUIRK", 12, "MDR quirk" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_console_types[] = {
	{ JH_CON_TYPE_NONE, "JAILHOUSE_CON_TYPE_NONE", 12, "none" },
	{ JH_CON_TYPE_EFIFB, "JAILHOUSE_CON_TYPE_EFIFB", 12, "EFI framebuffer" },
	{ JH_CON_TYPE_8250, "JAILHOUSE_CON_TYPE_8250", 12, "8250 UART" },
	{ 3, "JAILHOUSE_CON_TYPE_PL011", 12, "PL011 UART" },
	{ 4, "JAILHOUSE_CON_TYPE_XUARTPS", 12, "Xilinx UART" },
	{ 5, "JAILHOUSE_CON_TYPE_MVEBU", 12, "Marvell UART" },
	{ 6, "JAILHOUSE_CON_TYPE_HSCIF", 12, "HSCIF UART" },
	{ 7, "JAILHOUSE_CON_TYPE_SCIFA", 12, "SCIFA UART" },
	{ 8, "JAILHOUSE_CON_TYPE_IMX", 12, "i.MX UART" },
	{ 9, "JAILHOUSE_CON_TYPE_IMX_LPUART", 14, "i.MX LPUART" },
	{ 10, "JAILHOUSE_CON_TYPE_SCIF", 14, "SCIF UART" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_pci_types[] = {
	{ JH_PCI_TYPE_DEVICE, "JAILHOUSE_PCI_TYPE_DEVICE", 12, "device" },
	{ JH_PCI_TYPE_BRIDGE, "JAILHOUSE_PCI_TYPE_BRIDGE", 12, "bridge" },
	{ JH_PCI_TYPE_IVSHMEM, "JAILHOUSE_PCI_TYPE_IVSHMEM", 12, "ivshmem" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_iommu_types[] = {
	{ JH_IOMMU_AMD, "JAILHOUSE_IOMMU_AMD", 12, "AMD-Vi" },
	{ JH_IOMMU_INTEL, "JAILHOUSE_IOMMU_INTEL", 12, "Intel VT-d" },
	{ 3, "JAILHOUSE_IOMMU_SMMUV3", 12, "Arm SMMUv3" },
	{ 4, "JAILHOUSE_IOMMU_PVU", 12, "TI PVU" },
	{ 5, "JAILHOUSE_IOMMU_ARM_MMU500", 14, "Arm MMU-500" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_apic_modes[] = {
	{ 0, "JAILHOUSE_APIC_MODE_AUTO", 12, "auto" },
	{ 1, "JAILHOUSE_APIC_MODE_XAPIC", 12, "xAPIC" },
	{ 2, "JAILHOUSE_APIC_MODE_X2APIC", 12, "x2APIC" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name jh_architectures[] = {
	{ JH_ARCH_X86, "JAILHOUSE_X86", 14, "x86" },
	{ 1, "JAILHOUSE_ARM", 14, "ARM" },
	{ 2, "JAILHOUSE_ARM64", 14, "ARM64" },
	{ 0, NULL, 0, NULL },
};

const struct jh_name *jh_name_of(const struct jh_name *tab, uint64_t v)
{
	for (; tab->symbol; tab++)
		if (tab->value == v)
			return tab;
	return NULL;
}

const char *jh_words(const struct jh_name *tab, uint64_t v,
		     const char *fallback)
{
	const struct jh_name *n = jh_name_of(tab, v);
	return n ? n->words : fallback;
}

struct cap_name {
	uint16_t id;
	const char *name;
};

/* PCI Local Bus / PCI Code and ID Assignment: capability ids. */
static const struct cap_name std_caps[] = {
	{ 0x01, "Power Management" }, { 0x02, "AGP" },
	{ 0x03, "Vital Product Data" }, { 0x04, "Slot Identification" },
	{ 0x05, "MSI" }, { 0x06, "CompactPCI Hot Swap" },
	{ 0x07, "PCI-X" }, { 0x08, "HyperTransport" },
	{ 0x09, "Vendor Specific" }, { 0x0a, "Debug Port" },
	{ 0x0b, "CompactPCI Resource Control" }, { 0x0c, "PCI Hot-Plug" },
	{ 0x0d, "Bridge Subsystem Vendor ID" }, { 0x0e, "AGP 8x" },
	{ 0x0f, "Secure Device" }, { 0x10, "PCI Express" },
	{ 0x11, "MSI-X" }, { 0x12, "SATA Data/Index" },
	{ 0x13, "Advanced Features" }, { 0x14, "Enhanced Allocation" },
	{ 0x15, "Flattening Portal Bridge" },
};

/* PCI Express: extended capability ids. */
static const struct cap_name ext_caps[] = {
	{ 0x00, "Null" },
	{ 0x01, "Advanced Error Reporting" }, { 0x02, "Virtual Channel" },
	{ 0x03, "Device Serial Number" }, { 0x04, "Power Budgeting" },
	{ 0x05, "Root Complex Link Declaration" },
	{ 0x06, "Root Complex Internal Link Control" },
	{ 0x07, "Root Complex Event Collector Endpoint Association" },
	{ 0x08, "Multi-Function Virtual Channel" },
	{ 0x09, "Virtual Channel (MFVC present)" }, { 0x0a, "RCRB Header" },
	{ 0x0b, "Vendor Specific" }, { 0x0c, "Configuration Access Correlation" },
	{ 0x0d, "Access Control Services" },
	{ 0x0e, "Alternative Routing-ID Interpretation" },
	{ 0x0f, "Address Translation Services" }, { 0x10, "SR-IOV" },
	{ 0x11, "MR-IOV" }, { 0x12, "Multicast" }, { 0x13, "Page Request" },
	{ 0x15, "Resizable BAR" }, { 0x16, "Dynamic Power Allocation" },
	{ 0x17, "TPH Requester" }, { 0x18, "Latency Tolerance Reporting" },
	{ 0x19, "Secondary PCI Express" }, { 0x1a, "Protocol Multiplexing" },
	{ 0x1b, "PASID" }, { 0x1c, "LN Requester" },
	{ 0x1d, "Downstream Port Containment" }, { 0x1e, "L1 PM Substates" },
	{ 0x1f, "Precision Time Measurement" }, { 0x20, "M-PCIe" },
	{ 0x21, "FRS Queueing" }, { 0x22, "Readiness Time Reporting" },
	{ 0x23, "Designated Vendor-Specific" }, { 0x24, "VF Resizable BAR" },
	{ 0x25, "Data Link Feature" }, { 0x26, "Physical Layer 16.0 GT/s" },
	{ 0x27, "Lane Margining at the Receiver" }, { 0x28, "Hierarchy ID" },
	{ 0x29, "Native PCIe Enclosure Management" },
	{ 0x2a, "Physical Layer 32.0 GT/s" },
};

const char *jh_pci_cap_name(uint16_t id, bool extended)
{
	const struct cap_name *t = extended ? ext_caps : std_caps;
	size_t n = extended ? sizeof(ext_caps) / sizeof(ext_caps[0])
			    : sizeof(std_caps) / sizeof(std_caps[0]);
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return t[i].name;
	return "unknown";
}
