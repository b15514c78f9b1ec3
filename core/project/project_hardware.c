/* SPDX-License-Identifier: GPL-2.0-only */
/* The project's memory of the hardware it was made on (`hardware` lines)
 * and what changed since: the facts `update` needs to carry decisions
 * over to a machine whose devices moved (a QEMU device added, a slot
 * changed). PCI functions are told apart by their ids, class and
 * subsystem; their place on the bus is what may change. */
#include "project/project.h"
#include "machine/machine.h"

#include <stdlib.h>
#include <string.h>

static void clear_hardware(struct project *p)
{
	free(p->hw_cpus.note.lead);
	free(p->hw_cpus.note.trail);
	memset(&p->hw_cpus, 0, sizeof(p->hw_cpus));
	for (size_t i = 0; i < p->nhw_ram; i++) {
		free(p->hw_ram[i].note.lead);
		free(p->hw_ram[i].note.trail);
	}
	p->nhw_ram = 0;
	for (size_t i = 0; i < p->nhw_pci; i++) {
		free(p->hw_pci[i].note.lead);
		free(p->hw_pci[i].note.trail);
	}
	p->nhw_pci = 0;
}

static struct proj_hw_pci hw_of(const struct pci_dev *d)
{
	return (struct proj_hw_pci){
		.domain = d->domain, .bus = d->bus, .dev = d->dev, .fn = d->fn,
		.vendor = d->vendor_id, .device = d->device_id,
		.class_code = d->class_code, .subsys_vendor = d->subsys_vendor,
		.subsys_device = d->subsys_device,
	};
}

size_t project_pci_parent(const struct machine *m, size_t i)
{
	const struct pci_dev *d = &m->pci[i];
	for (size_t k = 0; k < m->npci; k++) {
		const struct pci_dev *b = &m->pci[k];
		/* a bridge whose secondary bus is its own (not configured)
		 * is nobody's parent */
		if (k != i && b->is_bridge && b->domain == d->domain &&
		    b->secondary_bus == d->bus && b->secondary_bus > b->bus)
			return k;
	}
	return NONE_IDX;
}

size_t project_hw_pci_find(const struct project *p, uint16_t domain, uint8_t bus,
			   uint8_t dev, uint8_t fn)
{
	for (size_t i = 0; i < p->nhw_pci; i++) {
		const struct proj_hw_pci *h = &p->hw_pci[i];
		if (h->domain == domain && h->bus == bus && h->dev == dev && h->fn == fn)
			return i;
	}
	return NONE_IDX;
}

void project_set_hardware(struct project *p, const struct machine *m)
{
	clear_hardware(p);
	p->hw_cpus.set = true;
	p->hw_cpus.v = m->cpu.sysfs_count;
	for (size_t i = m->iomem.first_root; i != NONE_IDX; i = m->iomem.nodes[i].next_sibling) {
		const struct res_node *n = &m->iomem.nodes[i];
		if (strcmp(n->name, "System RAM"))
			continue;
		*ARRAY_PUSH(p->hw_ram, p->nhw_ram, p->hw_ram_cap) =
			(struct proj_range_line){ n->start, n->end, { 0 } };
	}
	for (size_t i = 0; i < m->npci; i++) {
		struct proj_hw_pci h = hw_of(&m->pci[i]);
		size_t up = project_pci_parent(m, i);
		if (up != NONE_IDX) {
			h.has_parent = true;
			h.parent_domain = m->pci[up].domain;
			h.parent_bus = m->pci[up].bus;
			h.parent_dev = m->pci[up].dev;
			h.parent_fn = m->pci[up].fn;
		}
		*ARRAY_PUSH(p->hw_pci, p->nhw_pci, p->hw_pci_cap) = h;
	}
}

static bool same_function(const struct proj_hw_pci *a, const struct proj_hw_pci *b)
{
	return a->vendor == b->vendor && a->device == b->device &&
	       a->class_code == b->class_code && a->subsys_vendor == b->subsys_vendor &&
	       a->subsys_device == b->subsys_device;
}

static bool same_slot(const struct proj_hw_pci *a, const struct proj_hw_pci *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->dev == b->dev &&
	       a->fn == b->fn;
}

static char *hw_text(const struct proj_hw_pci *h)
{
	return xasprintf("%04x:%02x:%02x.%x %04x:%04x", h->domain, h->bus, h->dev,
			 h->fn, h->vendor, h->device);
}

/* Each difference between the recorded hardware and the machine, one
 * line each: CPUs, RAM ranges, PCI functions added, removed or moved (a
 * function of the same kind at another slot, matched in bus order). */
void project_hardware_changes(const struct project *p, const struct machine *m,
			      struct strlist *out)
{
	if (p->hw_cpus.set && p->hw_cpus.v != m->cpu.sysfs_count)
		strlist_addf(out, "CPUs: %u, now %u", p->hw_cpus.v, m->cpu.sysfs_count);
	struct project now = { 0 };
	project_set_hardware(&now, m);
	for (size_t i = 0; i < p->nhw_ram; i++) {
		bool found = false;
		for (size_t k = 0; k < now.nhw_ram && !found; k++)
			found = now.hw_ram[k].first == p->hw_ram[i].first &&
				now.hw_ram[k].last == p->hw_ram[i].last;
		if (!found)
			strlist_addf(out, "RAM 0x%llx-0x%llx is gone",
				     (unsigned long long)p->hw_ram[i].first,
				     (unsigned long long)p->hw_ram[i].last);
	}
	for (size_t k = 0; k < now.nhw_ram; k++) {
		bool found = false;
		for (size_t i = 0; i < p->nhw_ram && !found; i++)
			found = now.hw_ram[k].first == p->hw_ram[i].first &&
				now.hw_ram[k].last == p->hw_ram[i].last;
		if (!found)
			strlist_addf(out, "RAM 0x%llx-0x%llx is new",
				     (unsigned long long)now.hw_ram[k].first,
				     (unsigned long long)now.hw_ram[k].last);
	}
	/* pass 1: the same function at the same slot; pass 2: the same kind
	 * of function elsewhere (moved); what is left was added or removed */
	bool *old_done = xcalloc(p->nhw_pci + 1, 1), *new_done = xcalloc(now.nhw_pci + 1, 1);
	for (size_t i = 0; i < p->nhw_pci; i++)
		for (size_t k = 0; k < now.nhw_pci && !old_done[i]; k++)
			if (!new_done[k] && same_slot(&p->hw_pci[i], &now.hw_pci[k]) &&
			    same_function(&p->hw_pci[i], &now.hw_pci[k]))
				old_done[i] = new_done[k] = true;
	for (size_t i = 0; i < p->nhw_pci; i++)
		for (size_t k = 0; k < now.nhw_pci && !old_done[i]; k++)
			if (!new_done[k] && same_function(&p->hw_pci[i], &now.hw_pci[k])) {
				char *a = hw_text(&p->hw_pci[i]), *b = hw_text(&now.hw_pci[k]);
				strlist_addf(out, "PCI %s moved to %s", a, b);
				free(a);
				free(b);
				old_done[i] = new_done[k] = true;
			}
	for (size_t i = 0; i < p->nhw_pci; i++)
		if (!old_done[i]) {
			char *a = hw_text(&p->hw_pci[i]);
			strlist_addf(out, "PCI %s is gone", a);
			free(a);
		}
	for (size_t k = 0; k < now.nhw_pci; k++)
		if (!new_done[k]) {
			char *b = hw_text(&now.hw_pci[k]);
			strlist_addf(out, "PCI %s is new", b);
			free(b);
		}
	free(old_done);
	free(new_done);
	project_free(&now);
}
