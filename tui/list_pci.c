/* `jhconf list pci`: one line per device like `lspci -nn -k`, and with -v
 * its BARs, capabilities, MSI and MSI-X. */
#include "cli.h"
#include "list_sections.h"

#include <inttypes.h>

/* Linux resource flags in a sysfs `resource` line (include/linux/ioport.h). */
#define RES_IO       0x00000100u
#define RES_MEM      0x00000200u
#define RES_PREFETCH 0x00002000u
#define RES_MEM_64   0x00100000u

#define ROM_LINE PCI_NUM_BARS

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

static const char *cap_name(const struct pci_cap *c)
{
	const struct cap_name *t = c->extended ? ext_caps : std_caps;
	size_t n = c->extended ? sizeof(ext_caps) / sizeof(ext_caps[0])
			       : sizeof(std_caps) / sizeof(std_caps[0]);
	for (size_t i = 0; i < n; i++)
		if (t[i].id == c->id)
			return t[i].name;
	return "unknown";
}

static void print_summary_line(FILE *f, const struct pci_dev *d)
{
	/* slot and driver come from sysfs names, the rest from pci.ids: all
	 * escaped (cli_shown) */
	fprintf(f, "%s %04x: %04x:%04x", cli_shown(d->slot),
		(unsigned)(d->class_code >> 8),
		d->vendor_id, d->device_id);
	if (d->vendor_name)
		fprintf(f, " %s %s", cli_shown(d->vendor_name),
			cli_shown(d->device_name ? d->device_name
						 : "(device not in pci.ids)"));
	else
		fprintf(f, " (not in pci.ids)");
	if (d->driver)
		fprintf(f, " [%s]", cli_shown(d->driver));
	if (d->iommu_group >= 0)
		fprintf(f, " iommu_group %d", d->iommu_group);
	fputc('\n', f);
}

static void print_resource(FILE *f, size_t index, const struct pci_resource *r)
{
	char size[32];
	if (r->start == 0 && r->end == 0)
		return;
	list_format_size(size, sizeof(size), r->end - r->start + 1);
	if (index == ROM_LINE)
		fprintf(f, "\tROM:    ");
	else
		fprintf(f, "\tBAR %zu:  ", index);
	fprintf(f, "%" PRIx64 "-%" PRIx64 " (%s) %s", r->start, r->end, size,
		(r->flags & RES_IO) ? "io" : (r->flags & RES_MEM) ? "mem" : "?");
	if (r->flags & RES_MEM_64)
		fprintf(f, " 64-bit");
	if (r->flags & RES_PREFETCH)
		fprintf(f, " prefetchable");
	fputc('\n', f);
}

static void print_caps(FILE *f, const struct pci_dev *d)
{
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *c = &d->caps[i];
		fprintf(f, "\tcap %s0x%02x %s at 0x%03x, length %u%s\n",
			c->extended ? "ext " : "", c->id, cap_name(c), c->start,
			c->len, c->writable ? ", writable" : "");
	}
}

static void print_msi(FILE *f, const struct pci_dev *d)
{
	if (d->msi_vectors)
		fprintf(f, "\tMSI: %u vector(s)%s%s\n", d->msi_vectors,
			d->msi_64bits ? ", 64-bit" : ", 32-bit",
			d->msi_maskable ? ", maskable" : "");
	if (d->msix_vectors)
		fprintf(f, "\tMSI-X: %u vector(s), table at 0x%" PRIx64
			" (BAR %u + 0x%x), region size 0x%x\n",
			d->msix_vectors, d->msix_address, d->msix_bir,
			d->msix_table_offset, d->msix_region_size);
}

static void print_details(FILE *f, const struct pci_dev *d)
{
	fprintf(f, "\trevision %02x, header type %u%s%s", d->revision,
		d->header_type, d->is_pcie ? ", PCI Express" : "",
		d->is_bridge ? ", bridge" : "");
	if (d->is_bridge)
		fprintf(f, " (buses %02x-%02x)", d->secondary_bus,
			d->subordinate_bus);
	if (d->irq > 0)  /* 0: no legacy interrupt routed */
		fprintf(f, ", irq %d", d->irq);
	fputc('\n', f);
	for (size_t i = 0; i < d->nres && i <= ROM_LINE; i++)
		print_resource(f, i, &d->res[i]);
	print_caps(f, d);
	print_msi(f, d);
}

void list_pci(FILE *f, const struct machine *m, bool verbose)
{
	if (m->npci == 0) {
		fprintf(f, "no PCI devices\n");
		return;
	}
	for (size_t i = 0; i < m->npci; i++) {
		print_summary_line(f, &m->pci[i]);
		if (verbose)
			print_details(f, &m->pci[i]);
	}
}
