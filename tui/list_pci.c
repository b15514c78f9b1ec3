/* `jhconf list pci`: one line per device like `lspci -nn -k`, and with -v
 * its BARs, capabilities, MSI and MSI-X. */
#include "cli.h"
#include "list_sections.h"

#include "base/format.h"

#include <inttypes.h>

/* Linux resource flags in a sysfs `resource` line (include/linux/ioport.h). */
#define RES_IO       0x00000100u
#define RES_MEM      0x00000200u
#define RES_PREFETCH 0x00002000u
#define RES_MEM_64   0x00100000u

#define ROM_LINE PCI_NUM_BARS

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
	char size[FMT_SIZE_LEN];
	if (r->start == 0 && r->end == 0)
		return;
	fmt_range_size(size, r->start, r->end);
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
			c->extended ? "ext " : "", c->id,
			jh_pci_cap_name(c->id, c->extended), c->start,
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
