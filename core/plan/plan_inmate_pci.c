/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI devices moved from the root cell to an inmate, the way Jailhouse's
 * own configurations do it (configs/x86/linux-x86-demo.c with its e1000e,
 * e1000-demo.c, pci-demo.c): the device entry as root has it, its
 * capabilities re-based into the inmate's list, a memory region for each
 * MMIO BAR except the page(s) of the MSI-X table (the hypervisor emulates
 * those), the ports of its I/O BARs, and its IOAPIC pin when it can only
 * interrupt through INTx. Root keeps its own entries: at `cell create`
 * the hypervisor takes the device away and at destroy gives it back only
 * because root lists it (hypervisor/pci.c). */
#include "plan/plan_inmate.h"
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

/* The kernel's resource flags in sysfs `resource` (linux/ioport.h). */
#define RES_IO  0x100u
#define RES_MEM 0x200u
#define PCI_INTERRUPT_PIN 0x3d

static uint16_t dev_bdf(const struct pci_dev *d)
{
	return (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
}

bool plan_pci_sel_matches(const struct proj_pci_sel *s, const struct pci_dev *d)
{
	if (s->has_slot && (s->domain != d->domain || s->bus != d->bus ||
			    s->dev != d->dev || s->fn != d->fn))
		return false;
	if (s->has_ids && (s->vendor != d->vendor_id || s->device != d->device_id))
		return false;
	return s->has_slot || s->has_ids;
}

static char *sel_text(const struct proj_pci_sel *s)
{
	struct buf b = { 0 };
	proj_format_pci_sel(&b, s);
	buf_append(&b, "", 1);
	return (char *)b.data;
}

static const struct cfg_pci_dev *root_entry(const struct inmate_planner *ip,
					    const struct pci_dev *d)
{
	const struct cfg_cell *r = &ip->root->root;
	for (size_t i = 0; i < r->npci; i++)
		if (r->pci[i].domain == d->domain && r->pci[i].bdf == dev_bdf(d))
			return &r->pci[i];
	return NULL;
}

static int resolve_one(struct inmate_planner *ip, size_t cell,
		       const struct proj_pci_sel *s)
{
	const struct machine *m = ip->m;
	const char *name = ip->p->cells[cell].name;
	size_t found = NONE_IDX, count = 0;
	for (size_t i = 0; i < m->npci; i++)
		if (plan_pci_sel_matches(s, &m->pci[i])) {
			if (count++ == 0)
				found = i;
		}
	char *what = sel_text(s);
	/* A device kept by slot and ids that is no longer at its slot (a
	 * QEMU device added before it moves the rest): the one device with
	 * its ids, if there is exactly one, is the same device moved. */
	if (count == 0 && s->has_slot && s->has_ids) {
		struct proj_pci_sel ids = *s;
		ids.has_slot = false;
		for (size_t i = 0; i < m->npci; i++)
			if (plan_pci_sel_matches(&ids, &m->pci[i]) && count++ == 0)
				found = i;
		if (count == 1)
			jh_finding_add(ip->findings, JH_R_CELL_DEVICE_MOVED,
				       &(struct jh_subject){ .cell = name, .has_bdf = true,
				       .bdf = dev_bdf(&m->pci[found]) },
				       "cell '%s': pci %s is now at %s; the project still "
				       "names the old slot", name, what, m->pci[found].slot);
		else if (count > 1)
			count = 0;  /* which one is not clear: as if none */
	}
	int rc = 0;
	if (count == 0)
		rc = jh_fail(ip->err, JH_BADINPUT, "cell '%s': pci %s: no such device on this "
			     "machine", name, what);
	else if (count > 1)
		rc = jh_fail(ip->err, JH_BADINPUT, "cell '%s': pci %s: %zu devices match "
			     "(first %s): add slot= to choose one", name, what, count,
			     m->pci[found].slot);
	else if (ip->dev_cell[found] >= 0 && (size_t)ip->dev_cell[found] != cell)
		rc = jh_fail(ip->err, JH_BADINPUT, "cell '%s': pci %s (%s) already belongs "
			     "to cell '%s'", name, what, m->pci[found].slot,
			     ip->p->cells[ip->dev_cell[found]].name);
	else if (!root_entry(ip, &m->pci[found]))
		rc = jh_fail(ip->err, JH_BADINPUT, "cell '%s': pci %s (%s) is not a device "
			     "of the root cell (an IOMMU's own function stays with the "
			     "hypervisor)", name, what, m->pci[found].slot);
	else
		ip->dev_cell[found] = (int)cell;
	free(what);
	return rc;
}

/* A bridge moves with everything behind it: otherwise root would keep
 * devices whose config space it can no longer reach through the bridge. */
static int check_bridges(struct inmate_planner *ip)
{
	const struct machine *m = ip->m;
	for (size_t b = 0; b < m->npci; b++) {
		const struct pci_dev *br = &m->pci[b];
		if (!br->is_bridge || ip->dev_cell[b] < 0)
			continue;
		for (size_t i = 0; i < m->npci; i++) {
			const struct pci_dev *d = &m->pci[i];
			if (d->domain == br->domain && d->bus >= br->secondary_bus &&
			    d->bus <= br->subordinate_bus && ip->dev_cell[i] != ip->dev_cell[b])
				return jh_fail(ip->err, JH_BADINPUT,
					       "cell '%s': bridge %s moves without %s behind it: "
					       "give the cell every device behind the bridge",
					       ip->p->cells[ip->dev_cell[b]].name, br->slot, d->slot);
		}
	}
	return 0;
}

/* Functions in one IOMMU group can reach each other's DMA (no ACS between
 * them): the split is allowed, but the user should know. */
static void check_groups(struct inmate_planner *ip)
{
	const struct machine *m = ip->m;
	for (size_t a = 0; a < m->npci; a++) {
		if (ip->dev_cell[a] < 0 || m->pci[a].iommu_group < 0)
			continue;
		for (size_t b = 0; b < m->npci; b++)
			if (b != a && m->pci[b].iommu_group == m->pci[a].iommu_group &&
			    !m->pci[b].is_bridge && ip->dev_cell[b] != ip->dev_cell[a])
			{
				struct jh_subject subj = {
					.cell = ip->p->cells[ip->dev_cell[a]].name, .has_bdf = true,
					.bdf = (uint16_t)(m->pci[a].bus << 8 | m->pci[a].dev << 3 |
							  m->pci[a].fn) };
				jh_finding_add(ip->findings, JH_R_CELL_IOMMU_GROUP_SPLIT, &subj,
					       "cell '%s': %s shares IOMMU group %d with %s, "
					       "which stays with %s: Linux treats a group as one unit",
					       ip->p->cells[ip->dev_cell[a]].name, m->pci[a].slot,
					       m->pci[a].iommu_group, m->pci[b].slot,
					       ip->dev_cell[b] < 0 ? inmate_root_name(ip->p)
								   : ip->p->cells[ip->dev_cell[b]].name);
			}
	}
}

int inmate_resolve_devices(struct inmate_planner *ip)
{
	for (size_t i = 0; i < ip->m->npci; i++)
		ip->dev_cell[i] = -1;
	for (size_t c = 0; c < ip->p->ncells; c++) {
		const struct proj_cell *pc = &ip->p->cells[c];
		for (size_t k = 0; k < pc->npci; k++)
			if (resolve_one(ip, c, &pc->pci[k]) < 0)
				return -1;
	}
	if (check_bridges(ip) < 0)
		return -1;
	check_groups(ip);
	return 0;
}

/* [start, end] of a BAR as whole pages, without the MSI-X table pages. */
static int add_bar(struct inmate_planner *ip, struct cfg_cell *c,
		   const struct pci_dev *d, unsigned bar, uint64_t start, uint64_t end)
{
	if (start % INMATE_PAGE || (end + 1) % INMATE_PAGE)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': BAR %u of %s (0x%llx-0x%llx) does not fill whole "
			       "pages, so Jailhouse cannot hand it over alone", c->name, bar,
			       d->slot, (unsigned long long)start, (unsigned long long)end);
	char *what = xasprintf("%s BAR %u", d->slot, bar);
	uint64_t cut_start = 0, cut_end = 0;
	if (d->msix_vectors && d->msix_bir == bar && d->msix_address >= start &&
	    d->msix_address <= end) {
		cut_start = d->msix_address / INMATE_PAGE * INMATE_PAGE;
		cut_end = (d->msix_address + d->msix_region_size + INMATE_PAGE - 1) /
			  INMATE_PAGE * INMATE_PAGE;
	}
	uint64_t flags = JH_MEM_READ | JH_MEM_WRITE;
	if (!cut_end) {
		inmate_add_mem(c, start, start, end - start + 1, flags, what);
	} else {
		if (cut_start > start)
			inmate_add_mem(c, start, start, cut_start - start, flags, what);
		if (cut_end <= end)
			inmate_add_mem(c, cut_end, cut_end, end + 1 - cut_end, flags, what);
	}
	free(what);
	return 0;
}

static int add_device(struct inmate_planner *ip, struct cfg_cell *c,
		      const struct pci_dev *d)
{
	const struct cfg_pci_dev *re = root_entry(ip, d);
	const struct cfg_cell *root = &ip->root->root;
	struct cfg_pci_dev *e = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
	*e = *re;
	e->comment = re->comment ? xstrdup(re->comment) : NULL;
	e->caps_start = (uint16_t)c->ncaps;
	for (size_t k = 0; k < re->num_caps; k++) {
		const struct cfg_pci_cap *rc = &root->caps[re->caps_start + k];
		struct cfg_pci_cap *cc = ARRAY_PUSH(c->caps, c->ncaps, c->caps_cap);
		*cc = *rc;
		cc->comment = rc->comment ? xstrdup(rc->comment) : NULL;
	}
	for (unsigned bar = 0; bar < PCI_NUM_BARS && bar < d->nres; bar++) {
		const struct pci_resource *r = &d->res[bar];
		if (r->end <= r->start && r->start == 0)
			continue;
		if (r->flags & RES_MEM) {
			if (add_bar(ip, c, d, bar, r->start, r->end) < 0)
				return -1;
		} else if (r->flags & RES_IO) {
			if (r->end > 0xffff || r->end < r->start)
				return jh_fail(ip->err, JH_BADINPUT,
					       "cell '%s': I/O BAR %u of %s (0x%llx-0x%llx) is "
					       "not in the 16-bit port space", c->name, bar,
					       d->slot, (unsigned long long)r->start,
					       (unsigned long long)r->end);
			char *what = xasprintf("%s BAR %u", d->slot, bar);
			inmate_add_pio(c, r->start, r->end, what);
			free(what);
		}
	}
	bool intx = d->config_len > PCI_INTERRUPT_PIN && pci_config_u8(d, PCI_INTERRUPT_PIN);
	if (intx && !d->msi_vectors && !d->msix_vectors && d->irq > 0 &&
	    inmate_add_pin(ip, c, (uint32_t)d->irq) < 0)
		return -1;
	return 0;
}

int inmate_add_devices(struct inmate_planner *ip, size_t cell, bool *does_dma)
{
	for (size_t i = 0; i < ip->m->npci; i++) {
		if (ip->dev_cell[i] != (int)cell)
			continue;
		if (add_device(ip, &ip->cells[cell], &ip->m->pci[i]) < 0)
			return -1;
		/* any function but a bridge may master the bus */
		if (!ip->m->pci[i].is_bridge)
			*does_dma = true;
	}
	return 0;
}
