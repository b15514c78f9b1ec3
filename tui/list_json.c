/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf list --json`: what discovery found as one JSON document
 * (schema "jhconf-list", version 1, documented in README). Addresses and
 * ids are "0x..." strings, counts numbers; a fact jhconf does not know is
 * null. Written through core/base/json.h. */
#include "cli.h"
#include "list_sections.h"

#include "base/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Linux resource flags in a sysfs `resource` line (include/linux/ioport.h). */
#define RES_IO       0x00000100u
#define RES_PREFETCH 0x00002000u
#define RES_MEM_64   0x00100000u

static void pci_bars(struct json *j, const struct pci_dev *d)
{
	json_key(j, "bars");
	json_array_begin(j);
	for (size_t i = 0; i < d->nres && i <= PCI_NUM_BARS; i++) {
		const struct pci_resource *r = &d->res[i];
		if (r->start == 0 && r->end == 0)
			continue;
		json_object_begin(j);
		if (i == PCI_NUM_BARS)
			json_kv_string(j, "bar", "rom");
		else
			json_kv_uint(j, "bar", i);
		json_kv_hex(j, "start", r->start);
		json_kv_hex(j, "end", r->end);
		json_kv_string(j, "space", (r->flags & RES_IO) ? "io" : "mem");
		json_kv_bool(j, "64bit", (r->flags & RES_MEM_64) != 0);
		json_kv_bool(j, "prefetchable", (r->flags & RES_PREFETCH) != 0);
		json_object_end(j);
	}
	json_array_end(j);
}

static void pci_interrupts(struct json *j, const struct pci_dev *d)
{
	json_key(j, "msi");
	if (!d->msi_vectors) {
		json_null(j);
	} else {
		json_object_begin(j);
		json_kv_uint(j, "vectors", d->msi_vectors);
		json_kv_bool(j, "64bit", d->msi_64bits);
		json_kv_bool(j, "maskable", d->msi_maskable);
		json_object_end(j);
	}
	json_key(j, "msix");
	if (!d->msix_vectors) {
		json_null(j);
	} else {
		json_object_begin(j);
		json_kv_uint(j, "vectors", d->msix_vectors);
		json_kv_hex(j, "table", d->msix_address);
		json_kv_uint(j, "bar", d->msix_bir);
		json_kv_hex(j, "offset", d->msix_table_offset);
		json_kv_hex(j, "region_size", d->msix_region_size);
		json_object_end(j);
	}
	json_key(j, "irq");
	if (d->irq > 0)
		json_uint(j, (uint64_t)d->irq);
	else
		json_null(j);
}

static void pci_device(struct json *j, const struct pci_dev *d,
		       const struct pci_ids_class_query *cls, const struct list_pci_opts *o)
{
	const struct cfg_system *cfg = o->config;
	char text[320];
	json_object_begin(j);
	json_kv_string(j, "slot", d->slot);
	json_kv_hex_digits(j, "class", d->class_code, 6);
	pci_class_text(cls, false, text, sizeof(text));
	json_kv_string(j, "class_name", cls->subclass_name || cls->class_name ? text : NULL);
	json_kv_hex_digits(j, "vendor", d->vendor_id, 4);
	json_kv_hex_digits(j, "device", d->device_id, 4);
	json_kv_string(j, "vendor_name", d->vendor_name);
	json_kv_string(j, "device_name", d->device_name);
	json_kv_hex_digits(j, "subsystem_vendor", d->subsys_vendor, 4);
	json_kv_hex_digits(j, "subsystem_device", d->subsys_device, 4);
	json_kv_hex_digits(j, "revision", d->revision, 2);
	json_kv_uint(j, "header_type", d->header_type);
	json_kv_bool(j, "pcie", d->is_pcie);
	json_key(j, "bridge");
	if (d->is_bridge) {
		json_object_begin(j);
		json_kv_hex_digits(j, "secondary_bus", d->secondary_bus, 2);
		json_kv_hex_digits(j, "subordinate_bus", d->subordinate_bus, 2);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_kv_string(j, "driver", d->driver);
	json_key(j, "iommu_group");
	if (d->iommu_group >= 0)
		json_uint(j, (uint64_t)d->iommu_group);
	else
		json_null(j);
	/* the unit Jailhouse puts it behind, from the plan */
	json_key(j, "jailhouse_iommu_unit");
	uint16_t bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
	const struct cfg_pci_dev *p = NULL;
	for (size_t i = 0; cfg && i < cfg->root.npci && !p; i++)
		if (cfg->root.pci[i].domain == d->domain && cfg->root.pci[i].bdf == bdf)
			p = &cfg->root.pci[i];
	if (p && cfg->niommu && p->iommu < cfg->niommu)
		json_uint(j, p->iommu);
	else
		json_null(j);
	if (o->cells) {
		/* with a project: the cell that owns it */
		const char *cell = list_pci_owner(o, d);
		char name[CFG_NAME_LEN + 1];
		snprintf(name, sizeof(name), "%.*s", CFG_NAME_LEN, cell ? cell : o->root_name);
		json_kv_string(j, "cell", name);
	}
	pci_bars(j, d);
	json_key(j, "capabilities");
	json_array_begin(j);
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *c = &d->caps[i];
		json_object_begin(j);
		json_kv_hex_digits(j, "id", c->id, c->extended ? 4 : 2);
		json_kv_bool(j, "extended", c->extended);
		json_kv_string(j, "name", jh_pci_cap_name(c->id, c->extended));
		json_kv_hex_digits(j, "offset", c->start, 3);
		json_kv_uint(j, "length", c->len);
		json_object_end(j);
	}
	json_array_end(j);
	pci_interrupts(j, d);
	json_object_end(j);
}

static void section_pci(struct json *j, const struct machine *m,
			const struct list_pci_opts *o)
{
	struct pci_ids_class_query *cls = xcalloc(m->npci ? m->npci : 1, sizeof(*cls));
	for (size_t i = 0; i < m->npci; i++)
		cls[i].class_code = m->pci[i].class_code;
	jhconf_pci_class_names(cls, m->npci);
	json_key(j, "pci");
	json_array_begin(j);
	for (size_t i = 0; i < m->npci; i++)
		if (!o->filtered || pci_filter_match(&o->filter, &m->pci[i]))
			pci_device(j, &m->pci[i], &cls[i], o);
	json_array_end(j);
	pci_ids_class_query_free(cls, m->npci);
	free(cls);
}

static void res_nodes(struct json *j, const struct res_tree *t, size_t first)
{
	json_array_begin(j);
	for (size_t i = first; i != NONE_IDX; i = t->nodes[i].next_sibling) {
		const struct res_node *n = &t->nodes[i];
		json_object_begin(j);
		json_kv_hex(j, "start", n->start);
		json_kv_hex(j, "end", n->end);
		json_kv_string(j, "name", n->name);
		if (n->first_child != NONE_IDX) {
			json_key(j, "children");
			res_nodes(j, t, n->first_child);
		}
		json_object_end(j);
	}
	json_array_end(j);
}

static void section_irq(struct json *j, const struct machine *m)
{
	json_key(j, "irq");
	if (!m->have_madt) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_key(j, "ioapics");
	json_array_begin(j);
	for (size_t i = 0; i < m->madt.nioapics; i++) {
		json_object_begin(j);
		json_kv_uint(j, "id", m->madt.ioapics[i].id);
		json_kv_hex(j, "address", m->madt.ioapics[i].address);
		json_kv_uint(j, "gsi_base", m->madt.ioapics[i].gsi_base);
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "overrides");
	json_array_begin(j);
	for (size_t i = 0; i < m->madt.noverrides; i++) {
		const struct int_override *o = &m->madt.overrides[i];
		json_object_begin(j);
		json_kv_uint(j, "bus", o->bus);
		json_kv_uint(j, "source", o->source);
		json_kv_uint(j, "gsi", o->gsi);
		json_kv_hex_digits(j, "flags", o->flags, 4);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void section_cpus(struct json *j, const struct machine *m)
{
	const struct cpu_info *c = &m->cpu;
	json_key(j, "cpus");
	json_object_begin(j);
	json_kv_string(j, "vendor", c->vendor);
	json_kv_string(j, "model", c->model_name);
	json_kv_uint(j, "count", c->sysfs_count);
	json_kv_uint(j, "processors", c->nprocessors);
	json_kv_bool(j, "vmx", c->has_vmx);
	json_kv_bool(j, "svm", c->has_svm);
	json_key(j, "local_apics");
	json_array_begin(j);
	for (size_t i = 0; m->have_madt && i < m->madt.nlapics; i++) {
		const struct local_apic *a = &m->madt.lapics[i];
		json_object_begin(j);
		json_kv_uint(j, "processor_id", a->processor_id);
		json_kv_uint(j, "apic_id", a->apic_id);
		json_kv_bool(j, "enabled", a->flags & 1);
		json_kv_bool(j, "x2apic", a->x2apic);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void section_iommu(struct json *j, const struct machine *m)
{
	json_key(j, "iommu");
	json_object_begin(j);
	json_key(j, "dmar");
	if (!m->have_dmar) {
		json_null(j);
	} else {
		json_object_begin(j);
		json_kv_uint(j, "host_address_width", m->dmar.host_addr_width + 1u);
		json_kv_hex_digits(j, "flags", m->dmar.flags, 2);
		json_key(j, "units");
		json_array_begin(j);
		for (size_t i = 0; i < m->dmar.ndrhds; i++) {
			const struct dmar_drhd *h = &m->dmar.drhds[i];
			json_object_begin(j);
			json_kv_hex(j, "base", h->base);
			json_kv_uint(j, "segment", h->segment);
			json_kv_bool(j, "include_pci_all", h->flags & 1);
			json_kv_uint(j, "scopes", h->nscopes);
			json_object_end(j);
		}
		json_array_end(j);
		json_key(j, "reserved_memory");
		json_array_begin(j);
		for (size_t i = 0; i < m->dmar.nrmrrs; i++) {
			json_object_begin(j);
			json_kv_hex(j, "start", m->dmar.rmrrs[i].base);
			json_kv_hex(j, "end", m->dmar.rmrrs[i].limit);
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_key(j, "ivrs");
	if (!m->have_ivrs) {
		json_null(j);
	} else {
		json_object_begin(j);
		json_kv_uint(j, "revision", m->ivrs.revision);
		json_kv_hex_digits(j, "ivinfo", m->ivrs.ivinfo, 8);
		json_key(j, "units");
		json_array_begin(j);
		for (size_t i = 0; i < m->ivrs.nhds; i++) {
			const struct ivhd *h = &m->ivrs.hds[i];
			char bdf[16];
			json_object_begin(j);
			json_kv_hex_digits(j, "type", h->type, 2);
			json_kv_hex(j, "base", h->base);
			snprintf(bdf, sizeof(bdf), "%02x:%02x.%x", h->bdf >> 8, h->bdf >> 3 & 0x1f,
				 h->bdf & 7);
			json_kv_string(j, "function", bdf);
			json_kv_uint(j, "segment", h->segment);
			json_kv_uint(j, "entries", h->nentries);
			json_object_end(j);
		}
		json_array_end(j);
		json_kv_uint(j, "memory_definitions", m->ivrs.nmds);
		json_object_end(j);
	}
	json_object_end(j);
}

static void hex_or_null(struct json *j, const char *key, bool known, uint64_t v)
{
	if (known)
		json_kv_hex(j, key, v);
	else
		json_kv_string(j, key, NULL);
}

static void section_uart(struct json *j, const struct machine *m)
{
	json_key(j, "uart");
	json_array_begin(j);
	for (size_t i = 0; i < m->nuarts; i++) {
		const struct uart *u = &m->uarts[i];
		bool port = u->io_type == 0 || u->io_type == 1;
		json_object_begin(j);
		json_kv_string(j, "name", u->name);
		json_key(j, "present");
		if (u->type < 0)
			json_null(j);
		else
			json_bool(j, u->type > 0);
		json_key(j, "kernel_type");
		json_int(j, u->type);
		json_key(j, "io_type");
		json_int(j, u->io_type);
		hex_or_null(j, "port", port && !u->no_port, u->port);
		hex_or_null(j, "mmio", !port && !u->no_iomem_base && u->io_type >= 0, u->iomem_base);
		json_key(j, "irq");
		if (u->irq >= 0)
			json_int(j, u->irq);
		else
			json_null(j);
		json_object_end(j);
	}
	json_array_end(j);
}

void list_json(FILE *f, const struct machine *m, const char *section,
	       const struct list_pci_opts *o)
{
	struct buf b = { 0 };
	struct json j;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_string(&j, "schema", "jhconf-list");
	json_kv_uint(&j, "version", 1);
	json_kv_string(&j, "machine", m->label);
	bool all = !section;
	if (all || !strcmp(section, "pci"))
		section_pci(&j, m, o);
	if (all || !strcmp(section, "mem")) {
		json_key(&j, "mem");
		res_nodes(&j, &m->iomem, m->iomem.first_root);
	}
	if (all || !strcmp(section, "ports")) {
		json_key(&j, "ports");
		res_nodes(&j, &m->ioports, m->ioports.first_root);
	}
	if (all || !strcmp(section, "irq"))
		section_irq(&j, m);
	if (all || !strcmp(section, "cpus"))
		section_cpus(&j, m);
	if (all || !strcmp(section, "iommu"))
		section_iommu(&j, m);
	if (all || !strcmp(section, "uart"))
		section_uart(&j, m);
	json_object_end(&j);
	json_finish(&j);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
}
