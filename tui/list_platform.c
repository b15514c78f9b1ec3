/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf list mem|ports|irq|cpus|iommu|uart`: the resource trees, the
 * interrupt controllers, the processors, the IOMMUs and the serial ports,
 * as discovery modelled them. */
#include "cli.h"
#include "list_sections.h"

#include "base/format.h"

#include <inttypes.h>

/* The kernel pads iomem addresses to 8 digits and ioports to 4. Memory
 * ranges give their size, port ranges their number of ports. */
static void list_res_tree(FILE *f, const struct res_tree *t, int width,
			  const char *what, bool ports)
{
	if (t->n == 0) {
		fprintf(f, "%s: empty\n", what);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct res_node *r = &t->nodes[i];
		char size[FMT_SIZE_LEN];
		if (ports)
			snprintf(size, sizeof(size), "%" PRIu64 " port%s",
				 r->end - r->start + 1,
				 r->end == r->start ? "" : "s");
		else
			fmt_range_size(size, r->start, r->end);
		unsigned indent = r->level > 1 ? 2 * (r->level - 1) : 0;
		fprintf(f, "%*s%0*" PRIx64 "-%0*" PRIx64 " : %s  (%s)\n",
			(int)indent, "", width, r->start, width, r->end,
			cli_shown(r->name ? r->name : ""), size);
	}
}

void list_mem(FILE *f, const struct machine *m, bool verbose)
{
	(void)verbose;
	list_res_tree(f, &m->iomem, 8, "memory map", false);
}

void list_ports(FILE *f, const struct machine *m, bool verbose)
{
	(void)verbose;
	list_res_tree(f, &m->ioports, 4, "I/O ports", true);
}

/* The requester id an IOMMU table gives the IOAPIC, if any: a DMAR
 * IOAPIC scope (enumeration id = IOAPIC id) or an IVHD special device
 * entry of variety 1 (handle = IOAPIC id). */
static bool dmar_ioapic_bdf(const struct dmar *d, uint8_t id, uint16_t *bdf)
{
	for (size_t i = 0; i < d->ndrhds; i++)
		for (size_t k = 0; k < d->drhds[i].nscopes; k++) {
			const struct dmar_scope *s = &d->drhds[i].scopes[k];
			if (s->type != 3 || s->enum_id != id || s->npath != 1)
				continue;
			*bdf = (uint16_t)(s->bus << 8 | s->path[0].dev << 3 |
					  s->path[0].fn);
			return true;
		}
	return false;
}

static bool ivrs_ioapic_bdf(const struct ivrs *r, uint8_t id, uint16_t *bdf)
{
	for (size_t i = 0; i < r->nhds; i++)
		for (size_t k = 0; k < r->hds[i].nentries; k++) {
			const struct ivhd_entry *e = &r->hds[i].entries[k];
			if (e->type == 0x48 && e->variety == 1 && e->handle == id) {
				*bdf = e->src_devid;
				return true;
			}
		}
	return false;
}

static const char *polarity_name(uint16_t flags)
{
	static const char *const names[] = { "bus default", "active high",
					     "reserved", "active low" };
	return names[flags & 3];
}

static const char *trigger_name(uint16_t flags)
{
	static const char *const names[] = { "bus default", "edge",
					     "reserved", "level" };
	return names[(flags >> 2) & 3];
}

void list_irq(FILE *f, const struct machine *m, bool verbose)
{
	(void)verbose;
	if (!m->have_madt) {
		fprintf(f, "no MADT (APIC table): interrupt controllers unknown\n");
		return;
	}
	fprintf(f, "local APIC address 0x%08x%s\n", m->madt.lapic_address,
		(m->madt.flags & 1) ? ", dual 8259 PICs (PCAT_COMPAT)" : "");
	for (size_t i = 0; i < m->madt.nioapics; i++) {
		const struct ioapic *a = &m->madt.ioapics[i];
		uint16_t bdf;
		char text[FMT_BDF_LEN];
		fprintf(f, "IOAPIC id %u at 0x%08x, GSI base %u", a->id,
			a->address, a->gsi_base);
		if (m->have_dmar && dmar_ioapic_bdf(&m->dmar, a->id, &bdf)) {
			fmt_bdf(text, 0, bdf, FMT_BDF_SHORT);
			fprintf(f, ", requester id %s (DMAR)", text);
		} else if (m->have_ivrs && ivrs_ioapic_bdf(&m->ivrs, a->id, &bdf)) {
			fmt_bdf(text, 0, bdf, FMT_BDF_SHORT);
			fprintf(f, ", requester id %s (IVRS)", text);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < m->madt.noverrides; i++) {
		const struct int_override *o = &m->madt.overrides[i];
		fprintf(f, "override: bus %u IRQ %u -> GSI %u, %s, %s\n", o->bus,
			o->source, o->gsi, polarity_name(o->flags),
			trigger_name(o->flags));
	}
}

void list_cpus(FILE *f, const struct machine *m, bool verbose)
{
	(void)verbose;
	const struct cpu_info *c = &m->cpu;
	fprintf(f, "vendor: %s\n", cli_shown(c->vendor ? c->vendor : "unknown"));
	fprintf(f, "model: %s\n",
		cli_shown(c->model_name ? c->model_name : "unknown"));
	fprintf(f, "cpus: %u in sysfs, %u in cpuinfo\n", c->sysfs_count,
		c->nprocessors);
	fprintf(f, "virtualization: %s\n", c->has_vmx ? "vmx (Intel VT-x)" :
		c->has_svm ? "svm (AMD-V)" : "none in cpuinfo flags");
	if (!m->have_madt) {
		fprintf(f, "local APICs: unknown (no MADT)\n");
		return;
	}
	for (size_t i = 0; i < m->madt.nlapics; i++) {
		const struct local_apic *l = &m->madt.lapics[i];
		fprintf(f, "%s processor %u: APIC id %u, %s\n",
			l->x2apic ? "x2APIC" : "local APIC", l->processor_id,
			l->apic_id, (l->flags & 1) ? "enabled" :
			(l->flags & 2) ? "online capable" : "disabled");
	}
}

static const char *scope_type_name(uint8_t type)
{
	switch (type) {
	case 1: return "endpoint";
	case 2: return "bridge";
	case 3: return "IOAPIC";
	case 4: return "HPET";
	case 5: return "ACPI device";
	default: return "unknown";
	}
}

static void print_scopes(FILE *f, const struct dmar_scope *s, size_t n)
{
	for (size_t i = 0; i < n; i++, s++) {
		fprintf(f, "    scope %s", scope_type_name(s->type));
		if (s->type >= 3)
			fprintf(f, " %u", s->enum_id);
		fprintf(f, ": bus %02x", s->bus);
		for (unsigned k = 0; k < s->npath && k < DMAR_SCOPE_MAX_PATH; k++)
			fprintf(f, "%s%02x.%x", k ? " / " : ", path ",
				s->path[k].dev, s->path[k].fn);
		fputc('\n', f);
	}
}

static void list_dmar(FILE *f, const struct dmar *d)
{
	fprintf(f, "DMAR: host address width %u, flags 0x%02x%s\n",
		d->host_addr_width + 1u, d->flags,
		(d->flags & 1) ? " (INTR_REMAP)" : "");
	for (size_t i = 0; i < d->ndrhds; i++) {
		const struct dmar_drhd *h = &d->drhds[i];
		fprintf(f, "  DRHD %zu at 0x%" PRIx64 ", segment %u, flags 0x%02x%s\n",
			i, h->base, h->segment, h->flags,
			(h->flags & 1) ? " (INCLUDE_PCI_ALL)" : "");
		print_scopes(f, h->scopes, h->nscopes);
	}
	for (size_t i = 0; i < d->nrmrrs; i++) {
		const struct dmar_rmrr *r = &d->rmrrs[i];
		fprintf(f, "  RMRR %" PRIx64 "-%" PRIx64 ", segment %u\n",
			r->base, r->limit, r->segment);
		print_scopes(f, r->scopes, r->nscopes);
	}
}

static void print_ivhd_entries(FILE *f, const struct ivhd *h)
{
	char bdf[FMT_BDF_LEN];
	for (size_t i = 0; i < h->nentries; i++) {
		const struct ivhd_entry *e = &h->entries[i];
		if (e->type == 0x48) {  /* its device id field is reserved */
			fmt_bdf(bdf, 0, e->src_devid, FMT_BDF_SHORT);
			fprintf(f, "    entry type 0x48: %s handle %u at %s, dte 0x%02x\n",
				e->variety == 1 ? "IOAPIC" : e->variety == 2 ?
				"HPET" : "special device", e->handle, bdf, e->dte);
			continue;
		}
		fmt_bdf(bdf, 0, e->devid, FMT_BDF_SHORT);
		fprintf(f, "    entry type 0x%02x: devid %s, dte 0x%02x", e->type,
			bdf, e->dte);
		if (e->type == 0x42 || e->type == 0x43) {
			fmt_bdf(bdf, 0, e->src_devid, FMT_BDF_SHORT);
			fprintf(f, ", alias %s", bdf);
		}
		fputc('\n', f);
	}
}

static void list_ivrs(FILE *f, const struct ivrs *r, bool verbose)
{
	char bdf[FMT_BDF_LEN];
	fprintf(f, "IVRS: revision %u, IVinfo 0x%08x\n", r->revision, r->ivinfo);
	for (size_t i = 0; i < r->nhds; i++) {
		const struct ivhd *h = &r->hds[i];
		fmt_bdf(bdf, 0, h->bdf, FMT_BDF_SHORT);
		fprintf(f, "  IVHD type 0x%02x: IOMMU %s at 0x%" PRIx64
			", segment %u, flags 0x%02x, capability at 0x%02x, %s 0x%08x",
			h->type, bdf, h->base, h->segment, h->flags, h->cap_offset,
			h->type == 0x10 ? "features" : "attributes", h->feature);
		if (h->type != 0x10)
			fprintf(f, ", EFR 0x%016" PRIx64, h->efr);
		fprintf(f, ", %zu device entries\n", h->nentries);
		if (verbose)
			print_ivhd_entries(f, h);
	}
	for (size_t i = 0; i < r->nmds; i++) {
		const struct ivmd *d = &r->mds[i];
		fmt_bdf(bdf, 0, d->devid, FMT_BDF_SHORT);
		fprintf(f, "  IVMD type 0x%02x (%s): devid %s, aux 0x%04x, flags 0x%02x, "
			"0x%" PRIx64 " + 0x%" PRIx64 "\n", d->type,
			d->type == 0x20 ? "all devices" : d->type == 0x21 ?
			"one device" : d->type == 0x22 ? "device range" : "unknown",
			bdf, d->aux, d->flags, d->start, d->length);
	}
}

void list_iommu(FILE *f, const struct machine *m, bool verbose)
{
	if (!m->have_dmar && !m->have_ivrs) {
		fprintf(f, "none (no DMAR or IVRS table)\n");
		return;
	}
	if (m->have_dmar)
		list_dmar(f, &m->dmar);
	if (m->have_ivrs)
		list_ivrs(f, &m->ivrs, verbose);
}

static const char *io_type_name(int io_type)
{
	/* include/uapi/linux/serial.h: SERIAL_IO_* */
	static const char *const names[] = { "port", "hub6", "mem", "mem32",
					     "au", "tsi", "mem32be", "mem16" };
	if (io_type >= 0 && (size_t)io_type < sizeof(names) / sizeof(names[0]))
		return names[io_type];
	return "unknown";
}

void list_uart(FILE *f, const struct machine *m, bool verbose)
{
	(void)verbose;
	if (m->nuarts == 0) {
		fprintf(f, "no serial ports\n");
		return;
	}
	for (size_t i = 0; i < m->nuarts; i++) {
		const struct uart *u = &m->uarts[i];
		fprintf(f, "%s: type %d, io_type %d (%s), ", cli_shown(u->name), u->type,
			u->io_type, io_type_name(u->io_type));
		if ((u->io_type == 0 || u->io_type == 1) && u->no_port)
			fprintf(f, "port unknown (no port file)");
		else if (u->io_type == 0 || u->io_type == 1)
			fprintf(f, "port 0x%" PRIx64, u->port);
		else if (u->no_iomem_base)
			fprintf(f, "MMIO unknown (no iomem_base file)");
		else
			fprintf(f, "MMIO 0x%" PRIx64 " (reg shift %d)",
				u->iomem_base, u->iomem_reg_shift);
		if (u->irq >= 0)
			fprintf(f, ", irq %d", u->irq);
		fprintf(f, ", %s\n", u->type > 0 ? "present" : u->type == 0 ? "not present" : "presence unknown");
	}
}
