/* SPDX-License-Identifier: GPL-2.0-only */
/* System: what discovery found, as Jailhouse will see it: the memory map
 * (with its picture), PCI devices and a page for each, IOAPICs, I/O ports,
 * CPUs, IOMMU units, UARTs. Read-only: the machine is a fact. */
#include "base/format.h"
#include "draw.h"
#include "membar.h"
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

/* ---- shared facts ---- */

const char *tui_device_owner(struct tui *t, size_t i)
{
	const struct machine *m = jhconf_machine(t->s);
	struct project *p = jhconf_project(t->s);
	if (!m || !p || i >= m->npci)
		return NULL;
	for (size_t c = 0; c < p->ncells; c++)
		for (size_t k = 0; k < p->cells[c].npci; k++)
			if (plan_pci_sel_matches(&p->cells[c].pci[k], &m->pci[i]))
				return p->cells[c].name;
	return NULL;
}

int tui_cpu_owner(struct tui *t, unsigned cpu)
{
	struct project *p = jhconf_project(t->s);
	for (size_t c = 0; p && c < p->ncells; c++)
		if (proj_ranges_contains(&p->cells[c].cpus.list, cpu))
			return (int)c;
	return -1;
}

int tui_device_finding(struct tui *t, size_t i)
{
	const struct machine *m = jhconf_machine(t->s);
	const struct jh_findings *f = jhconf_findings(t->s);
	if (!m || i >= m->npci)
		return -1;
	uint16_t bdf = fmt_bdf_pack(m->pci[i].bus, m->pci[i].dev, m->pci[i].fn);
	int worst = -1;
	for (size_t k = 0; k < f->n; k++)
		if (f->v[k].has_bdf && f->v[k].bdf == bdf) {
			int sev = (int)jh_finding_severity(&f->v[k]);
			if (worst < 0 || sev < worst)
				worst = sev;
		}
	return worst;
}

static enum mb_owner owner_of_name(const char *name)
{
	if (!strcmp(name, "System RAM"))
		return MB_ROOT;
	if (!strncasecmp(name, "reserved", 8) || strstr(name, "ACPI"))
		return MB_RESERVED;
	return MB_MMIO;
}

void tui_memory_map(struct tui *t, struct mb_list *out)
{
	const struct machine *m = jhconf_machine(t->s);
	if (!m)
		return;
	for (size_t n = m->iomem.first_root; n != NONE_IDX; n = m->iomem.nodes[n].next_sibling) {
		const struct res_node *r = &m->iomem.nodes[n];
		if (r->end >= r->start)
			mb_paint(out, r->start, r->end, owner_of_name(r->name), -1, r->name);
	}
	const struct plan_result *res = jhconf_result(t->s);
	const struct plan_opts *o = jhconf_plan_opts(t->s);
	if (res && res->window_size) {
		uint64_t hv_end = res->window_start + o->mem_hv - 1;
		mb_paint(out, res->window_start, hv_end, MB_HV, -1, "hypervisor");
		if (res->window_size > o->mem_hv)
			mb_paint(out, hv_end + 1, res->window_start + res->window_size - 1,
				 MB_WINDOW, -1, "inmate window (free)");
	}
	const struct plan_cells *cells = jhconf_cells(t->s);
	for (size_t c = 0; cells && c < cells->n; c++) {
		const struct cfg_cell *cc = &cells->cells[c];
		for (size_t k = 0; k < cc->nmem; k++) {
			const struct cfg_memory *mr = &cc->mem[k];
			if ((mr->flags & JH_MEM_COMM_REGION) || !mr->size)
				continue;
			bool shared = mr->flags & JH_MEM_ROOTSHARED;
			mb_paint(out, mr->phys_start, mr->phys_start + mr->size - 1,
				 shared ? MB_IVSHMEM : MB_INMATE, shared ? -1 : (int)c,
				 shared ? "ivshmem" : mr->flags & JH_MEM_IO ? "device memory" : "RAM");
		}
	}
}

static const char *owner_words(enum mb_owner o)
{
	switch (o) {
	case MB_ROOT: return "root cell";
	case MB_INMATE: return "inmate";
	case MB_HV: return "hypervisor";
	case MB_WINDOW: return "window, free";
	case MB_IVSHMEM: return "ivshmem";
	case MB_MMIO: return "device memory";
	case MB_RESERVED: return "reserved";
	default: return "free";
	}
}

static enum tui_role owner_role(enum mb_owner o)
{
	switch (o) {
	case MB_ROOT: return ROLE_OWN_ROOT;
	case MB_INMATE: return ROLE_OWN_INMATE;
	case MB_HV: case MB_WINDOW: return ROLE_OWN_HV;
	case MB_IVSHMEM: return ROLE_OWN_IVSHMEM;
	case MB_MMIO: return ROLE_OWN_MMIO;
	case MB_RESERVED: return ROLE_OWN_RESERVED;
	default: return ROLE_OWN_FREE;
	}
}

/* ---- System ---- */

static void system_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	s->title = xstrdup("System");
	struct item *it;
	it = menu_add(&s->menu, ITEM_MENU, "Memory map");
	it->arg = 0;
	it->help = xstrdup(tui_help_for("system.memory"));
	it = menu_add(&s->menu, ITEM_MENU, "PCI devices (%zu)", m->npci);
	it->arg = 1;
	it->help = xstrdup(tui_help_for("system.pci"));
	it = menu_add(&s->menu, ITEM_MENU, "IOAPICs (%zu)", m->madt.nioapics);
	it->arg = 2;
	it->help = xstrdup(tui_help_for("system.ioapic"));
	it = menu_add(&s->menu, ITEM_MENU, "I/O ports");
	it->arg = 3;
	it->help = xstrdup(tui_help_for("system.ports"));
	it = menu_add(&s->menu, ITEM_MENU, "CPUs (%u)", m->cpu.sysfs_count);
	it->arg = 4;
	it->help = xstrdup(tui_help_for("system.cpus"));
	const struct cfg_system *sys = jhconf_config(t->s);
	it = menu_add(&s->menu, ITEM_MENU, "IOMMU units (%zu)", sys ? sys->niommu : 0);
	it->arg = 5;
	it->help = xstrdup(tui_help_for("system.iommu"));
	it = menu_add(&s->menu, ITEM_MENU, "UARTs (%zu)", m->nuarts);
	it->arg = 6;
	it->help = xstrdup(tui_help_for("system.uarts"));
}

static enum tui_act system_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	static const enum lines_kind kinds[] = { LINES_IOAPIC, LINES_PORTS, LINES_CPUS,
						 LINES_IOMMU, LINES_UARTS };
	if (it->arg == 0)
		tui_push(t, &screen_memmap, 0, NULL);
	else if (it->arg == 1)
		tui_push(t, &screen_pci, 0, NULL);
	else
		tui_push(t, &screen_lines, kinds[it->arg - 2], NULL);
	return ACT_DRAW;
}

const struct screen_class screen_system = {
	.name = "System",
	.help = "what discovery found on the machine, the way Jailhouse will see it.",
	.build = system_build,
	.select = system_select,
};

/* ---- Memory map ---- */

static void memmap_free(struct screen *s)
{
	if (s->data) {
		mb_free(s->data);
		free(s->data);
		s->data = NULL;
	}
}

static void memmap_build(struct tui *t, struct screen *s)
{
	memmap_free(s);
	struct mb_list *l = xcalloc(1, sizeof(*l));
	tui_memory_map(t, l);
	s->data = l;
	s->title = xstrdup("Memory map");
	struct project *p = jhconf_project(t->s);
	for (size_t i = 0; i < l->n; i++) {
		const struct mb_seg *g = &l->v[i];
		char sz[FMT_SIZE_LEN];
		const char *who = g->owner == MB_INMATE && p && g->tag >= 0 &&
				  (size_t)g->tag < p->ncells ? p->cells[g->tag].name :
				  owner_words(g->owner);
		struct item *it = menu_add(&s->menu, ITEM_ACTION, "%c 0x%09llx-0x%09llx %9s %s (%s)",
					   mb_letter(g->owner, g->tag),
					   (unsigned long long)g->start,
					   (unsigned long long)g->end,
					   fmt_range_size(sz, g->start, g->end), g->name, who);
		it->arg = (long)i;
		item_set_help(it, "%s\n\n%s", tui_help_for("memory.region"),
			      tui_help_for(g->owner == MB_ROOT ? "owner.root" :
					   g->owner == MB_INMATE ? "owner.inmate" :
					   g->owner == MB_HV ? "owner.hv" :
					   g->owner == MB_WINDOW ? "owner.window" :
					   g->owner == MB_IVSHMEM ? "owner.ivshmem" :
					   g->owner == MB_MMIO ? "owner.mmio" : "owner.reserved"));
	}
}

static int memmap_rows(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
	return 6;
}

static void draw_owner_cell(struct tui *t, int y, int x, enum mb_owner o, int tag,
			    bool cursor)
{
	attrset(tui_attr(t, cursor ? ROLE_CURSOR : owner_role(o)));
	mvaddch(y, x, (chtype)(unsigned char)mb_letter(o, tag));
}

static void memmap_draw(struct tui *t, struct screen *s, void *win, int y, int x, int rows,
			int width)
{
	(void)win;
	const struct mb_list *l = s->data;
	if (!l || !l->n || rows < 1)
		return;
	unsigned *cols = xcalloc(l->n, sizeof(*cols));
	mb_layout(l->v, l->n, (unsigned)width, cols);
	int cx = x;
	for (size_t i = 0; i < l->n; i++)
		for (unsigned k = 0; k < cols[i]; k++) {
			draw_owner_cell(t, y, cx, l->v[i].owner, l->v[i].tag, i == s->cur);
			/* a caret under the cursor's columns, for monochrome and for
			 * reading the screen as text */
			if (i == s->cur && rows > 1) {
				attrset(tui_attr(t, ROLE_POSITION));
				mvaddch(y + 1, cx, '^');
			}
			cx++;
		}
	free(cols);
	attrset(tui_attr(t, ROLE_DIALOG));
	y++;
	rows--;
	if (rows > 1 && s->cur < l->n) {
		const struct mb_seg *g = &l->v[s->cur];
		char sz[FMT_SIZE_LEN];
		struct project *p = jhconf_project(t->s);
		const char *who = g->owner == MB_INMATE && p && g->tag >= 0 &&
				  (size_t)g->tag < p->ncells ? p->cells[g->tag].name :
				  owner_words(g->owner);
		mvprintw(y + 1, x, "cursor: 0x%llx-0x%llx, %s, %s (%s)",
			 (unsigned long long)g->start, (unsigned long long)g->end,
			 fmt_range_size(sz, g->start, g->end), g->name, who);
	}
	if (rows > 2)
		mvaddnstr(y + 2, x, "R root  1-9 inmates  H hypervisor  W window  S ivshmem  "
			  "M device memory  X reserved", width);
	if (rows > 3) {
		const struct machine *m = jhconf_machine(t->s);
		mvaddstr(y + 3, x, "CPUs: ");
		for (unsigned c = 0; m && c < m->cpu.sysfs_count && 6 + (int)c * 2 < width; c++) {
			int o = tui_cpu_owner(t, c);
			draw_owner_cell(t, y + 3, x + 6 + (int)c * 2, o < 0 ? MB_ROOT : MB_INMATE, o,
					false);
		}
	}
}

static enum tui_act memmap_select(struct tui *t, struct screen *s, struct item *it)
{
	const struct mb_list *l = s->data;
	const struct machine *m = jhconf_machine(t->s);
	if (!l || (size_t)it->arg >= l->n)
		return ACT_NONE;
	const struct mb_seg *g = &l->v[it->arg];
	struct buf b = { 0 };
	char sz[FMT_SIZE_LEN];
	buf_printf(&b, "0x%llx-0x%llx (%s)\n%s, %s\n\nWhat /proc/iomem lists inside:\n",
		   (unsigned long long)g->start, (unsigned long long)g->end,
		   fmt_range_size(sz, g->start, g->end), g->name, owner_words(g->owner));
	size_t shown = 0;
	for (size_t n = 0; n < m->iomem.n; n++) {
		const struct res_node *r = &m->iomem.nodes[n];
		if (r->level < 2 || r->start > g->end || r->end < g->start)
			continue;
		buf_printf(&b, "%*s0x%llx-0x%llx %s\n", (int)(r->level - 1) * 2, "",
			   (unsigned long long)r->start, (unsigned long long)r->end, r->name);
		shown++;
	}
	if (!shown)
		buf_printf(&b, "  (nothing)\n");
	buf_printf(&b, "\n%s\n", it->help ? it->help : "");
	buf_put_u8(&b, 0);
	dlg_text(t, "Memory region", (const char *)b.data);
	buf_free(&b);
	return ACT_DRAW;
}

const struct screen_class screen_memmap = {
	.name = "Memory map",
	.help = "the physical address space as /proc/iomem describes it, with the "
		"hypervisor's window and every cell's memory laid over it. The bar above "
		"shows it scaled by the logarithm of the sizes so that small regions stay "
		"visible; the highlighted region is drawn in the cursor's colour.",
	.build = memmap_build,
	.select = memmap_select,
	.extra_rows = memmap_rows,
	.draw_extra = memmap_draw,
	.free_data = memmap_free,
};

/* ---- PCI devices ---- */

static void pci_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	struct project *p = jhconf_project(t->s);
	s->title = xstrdup("PCI devices");
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		const char *owner = tui_device_owner(t, i);
		/* the owner's letter as in the memory map: R root, 1-9 inmates */
		int cell = -1;
		for (size_t c = 0; owner && p && c < p->ncells; c++)
			if (!strcmp(p->cells[c].name, owner))
				cell = (int)c;
		char bdf[FMT_BDF_LEN];
		struct item *it = menu_add(&s->menu, ITEM_MENU, "[%c] %s %04x:%04x %s%s%s%s",
			mb_letter(owner ? MB_INMATE : MB_ROOT, cell),
			fmt_bdf(bdf, d->domain, fmt_bdf_pack(d->bus, d->dev, d->fn), FMT_BDF_AUTO),
			d->vendor_id, d->device_id,
			d->device_name ? d->device_name : "(unknown device)",
			d->driver ? " [" : "", d->driver ? d->driver : "", d->driver ? "]" : "");
		it->arg = (long)i;
		it->help = xstrdup(tui_help_for("system.pci"));
		int sev = tui_device_finding(t, i);
		if (sev == JH_SEV_ERROR)
			it->role = ROLE_ERROR;
		else if (sev == JH_SEV_WARNING)
			it->role = ROLE_WARNING;
		else if (owner)
			it->role = ROLE_OWN_INMATE;
	}
}

static enum tui_act pci_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	tui_push(t, &screen_device, it->arg, NULL);
	return ACT_DRAW;
}

const struct screen_class screen_pci = {
	.name = "PCI devices",
	.help = "every PCI function: slot, vendor:device ids, name from pci.ids, "
		"the bound driver. [R] marks a device of the root cell, [1]-[9] one given "
		"to an inmate cell (in the inmate's colour); a device a finding is about "
		"is drawn in the finding's colour.",
	.build = pci_build,
	.select = pci_select,
};

/* ---- a device's page ---- */

static void line(struct screen *s, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line(struct screen *s, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	struct item *it = menu_add(&s->menu, ITEM_TEXT, "%s", text);
	free(text);
	if (key)
		it->help = xstrdup(tui_help_for(key));
}

static void device_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	if ((size_t)s->arg >= m->npci) {
		s->title = xstrdup("Device");
		return;
	}
	const struct pci_dev *d = &m->pci[s->arg];
	char bdf[FMT_BDF_LEN], sz[FMT_SIZE_LEN];
	uint16_t packed = fmt_bdf_pack(d->bus, d->dev, d->fn);
	s->title = xasprintf("Device %s", fmt_bdf(bdf, d->domain, packed, FMT_BDF_AUTO));
	line(s, "device.slot", "Slot: %s", d->slot);
	line(s, "device.name", "Name: %s %s", d->vendor_name ? d->vendor_name : "(unknown vendor)",
	     d->device_name ? d->device_name : "(unknown device)");
	line(s, "device.ids", "Ids: %04x:%04x, subsystem %04x:%04x, class %06x, revision %02x",
	     d->vendor_id, d->device_id, d->subsys_vendor, d->subsys_device, d->class_code,
	     d->revision);
	line(s, "device.driver", "Driver: %s", d->driver ? d->driver : "(none)");
	const char *owner = tui_device_owner(t, (size_t)s->arg);
	line(s, "device.cell", "Cell: %s", owner ? owner : jhconf_root_name(t->s));
	if (d->iommu_group >= 0)
		line(s, "device.group", "IOMMU group: %d", d->iommu_group);
	else
		line(s, "device.group", "IOMMU group: (unknown)");
	/* the IOMMU unit is the planner's finding: the root cell's entry */
	const struct cfg_system *sys = jhconf_config(t->s);
	const struct cfg_pci_dev *cd = NULL;
	for (size_t i = 0; sys && i < sys->root.npci; i++)
		if (sys->root.pci[i].bdf == packed && sys->root.pci[i].domain == d->domain &&
		    sys->root.pci[i].type != JH_PCI_TYPE_IVSHMEM)
			cd = &sys->root.pci[i];
	if (!sys)
		line(s, "device.iommu", "IOMMU unit: (no plan)");
	else if (!cd)
		line(s, "device.iommu", "IOMMU unit: (not in the root cell)");
	else if (cd->iommu < sys->niommu && sys->iommu[cd->iommu].base)
		line(s, "device.iommu", "IOMMU unit: %u (%s at 0x%llx)", cd->iommu,
		     jh_words(jh_iommu_types, sys->iommu[cd->iommu].type, "?"),
		     (unsigned long long)sys->iommu[cd->iommu].base);
	else
		line(s, "device.iommu", "IOMMU unit: %u", cd->iommu);
	if (d->irq >= 0)
		line(s, "device.irq", "IRQ: %d", d->irq);
	menu_add(&s->menu, ITEM_SEPARATOR, "BARs");
	bool any = false;
	for (size_t i = 0; i < d->nres && i < PCI_NUM_BARS; i++) {
		const struct pci_resource *r = &d->res[i];
		if (!r->flags && !r->start && !r->end)
			continue;
		any = true;
		const char *kind = r->flags & IORESOURCE_IO ? "I/O ports" :
				   r->flags & IORESOURCE_MEM ? (r->flags & IORESOURCE_MEM_64 ? "memory, 64-bit" :
							 "memory, 32-bit") : "?";
		line(s, "device.bar", "BAR%zu: 0x%llx-0x%llx %s %s%s", i,
		     (unsigned long long)r->start, (unsigned long long)r->end,
		     fmt_range_size(sz, r->start, r->end), kind,
		     r->flags & IORESOURCE_PREFETCH ? ", prefetchable" : "");
	}
	if (!any)
		line(s, "device.bar", "(no BARs)");
	menu_add(&s->menu, ITEM_SEPARATOR, "Capabilities");
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *c = &d->caps[i];
		const char *name = jh_pci_cap_name(c->id, c->extended);
		line(s, "device.cap", "0x%03x %s%s (0x%02x), %u bytes%s", c->start,
		     c->extended ? "extended " : "", name ? name : "capability", c->id, c->len,
		     c->writable ? ", root cell may write" : "");
	}
	if (!d->ncaps)
		line(s, "device.cap", "(none)");
	if (d->msi_vectors)
		line(s, "device.msi", "MSI: %u vector%s%s%s", d->msi_vectors,
		     d->msi_vectors == 1 ? "" : "s", d->msi_64bits ? ", 64-bit" : "",
		     d->msi_maskable ? ", maskable" : "");
	else
		line(s, "device.msi", "MSI: no");
	if (d->msix_vectors)
		line(s, "device.msix", "MSI-X: %u vectors, table in BAR%u at +0x%x (0x%llx, %s)",
		     d->msix_vectors, d->msix_bir, d->msix_table_offset,
		     (unsigned long long)d->msix_address, fmt_size(sz, d->msix_region_size));
	else
		line(s, "device.msix", "MSI-X: no");
}

const struct screen_class screen_device = {
	.name = "Device",
	.help = "one PCI function as discovery found it and as the plan places it.",
	.build = device_build,
};

/* ---- lists of facts ---- */

static void lines_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	const struct cfg_system *sys = jhconf_config(t->s);
	switch ((enum lines_kind)s->arg) {
	case LINES_IOAPIC:
		s->title = xstrdup("IOAPICs");
		for (size_t i = 0; i < m->madt.nioapics; i++) {
			const struct ioapic *a = &m->madt.ioapics[i];
			line(s, "system.ioapic", "IOAPIC id %u at 0x%08x, GSI base %u", a->id,
			     a->address, a->gsi_base);
		}
		for (size_t i = 0; sys && i < sys->root.nirqchips; i++) {
			const struct cfg_irqchip *c = &sys->root.irqchips[i];
			struct proj_ranges pins = { 0 };
			for (unsigned b = 0; b < 128; b++)
				if (c->pin_bitmap[b / 32] & (1u << (b % 32)))
					proj_ranges_add(&pins, c->pin_base + b, c->pin_base + b);
			struct buf lb = { 0 };
			proj_format_list(&lb, &pins, false);
			buf_put_u8(&lb, 0);
			line(s, "system.ioapic", "  root cell's pins at 0x%llx: %s",
			     (unsigned long long)c->address, pins.n ? (char *)lb.data : "none");
			buf_free(&lb);
			proj_ranges_free(&pins);
		}
		break;
	case LINES_PORTS:
		s->title = xstrdup("I/O ports");
		for (size_t n = 0; n < m->ioports.n; n++) {
			const struct res_node *r = &m->ioports.nodes[n];
			line(s, "system.ports", "%*s0x%04llx-0x%04llx %s", (int)(r->level - 1) * 2, "",
			     (unsigned long long)r->start, (unsigned long long)r->end, r->name);
		}
		break;
	case LINES_CPUS:
		s->title = xstrdup("CPUs");
		line(s, "system.cpus", "%s, %s; VT-x %s, SVM %s",
		     m->cpu.vendor ? m->cpu.vendor : "?", m->cpu.model_name ? m->cpu.model_name : "?",
		     m->cpu.has_vmx ? "yes" : "no", m->cpu.has_svm ? "yes" : "no");
		for (unsigned c = 0; c < m->cpu.sysfs_count; c++) {
			int o = tui_cpu_owner(t, c);
			struct project *p = jhconf_project(t->s);
			const struct local_apic *la = c < m->madt.nlapics ? &m->madt.lapics[c] : NULL;
			char apic[32] = "";
			if (la)
				snprintf(apic, sizeof(apic), ", APIC id %u", la->apic_id);
			line(s, "system.cpus", "CPU %u%s: %s", c, apic,
			     o < 0 ? jhconf_root_name(t->s) : p->cells[o].name);
		}
		break;
	case LINES_IOMMU:
		s->title = xstrdup("IOMMU units");
		for (size_t i = 0; sys && i < sys->niommu; i++)
			line(s, "system.iommu", "unit %zu: %s at 0x%llx, 0x%x bytes", i,
			     jh_words(jh_iommu_types, sys->iommu[i].type, "?"),
			     (unsigned long long)sys->iommu[i].base, sys->iommu[i].size);
		if (!sys || !sys->niommu)
			line(s, "system.iommu", "(none: without an IOMMU no device can be given "
			     "to an inmate safely)");
		break;
	case LINES_UARTS:
		s->title = xstrdup("UARTs");
		for (size_t i = 0; i < m->nuarts; i++) {
			const struct uart *u = &m->uarts[i];
			if (u->io_type == 0 && !u->no_port)
				line(s, "system.uarts", "%s: port 0x%llx, IRQ %d, type %d", u->name,
				     (unsigned long long)u->port, u->irq, u->type);
			else
				line(s, "system.uarts", "%s: memory 0x%llx, IRQ %d, type %d", u->name,
				     (unsigned long long)u->iomem_base, u->irq, u->type);
		}
		if (!m->nuarts)
			line(s, "system.uarts", "(none)");
		break;
	}
	if (!s->menu.n)
		line(s, NULL, "(none)");
}

const struct screen_class screen_lines = {
	.name = "System facts",
	.help = "a list of what discovery found.",
	.build = lines_build,
};

/* ---- jumps (search hits) ---- */

static void to_main(struct tui *t)
{
	while (t->depth > 1)
		tui_pop(t);
}

static void cursor_to(struct screen *s, long arg)
{
	for (size_t i = 0; i < s->menu.n; i++)
		if (s->menu.v[i].arg == arg && s->menu.v[i].kind != ITEM_SEPARATOR) {
			s->cur = i;
			return;
		}
}

void tui_jump_device(struct tui *t, size_t i)
{
	to_main(t);
	cursor_to(tui_push(t, &screen_system, 0, NULL), 1);
	cursor_to(tui_push(t, &screen_pci, 0, NULL), (long)i);
	tui_push(t, &screen_device, (long)i, NULL);
}

void tui_jump_address(struct tui *t, uint64_t addr)
{
	to_main(t);
	cursor_to(tui_push(t, &screen_system, 0, NULL), 0);
	struct screen *s = tui_push(t, &screen_memmap, 0, NULL);
	const struct mb_list *l = s->data;
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].start <= addr && addr <= l->v[i].end)
			cursor_to(s, (long)i);
}
