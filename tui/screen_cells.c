/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells: the root cell and the project's inmate cells; a page per cell to
 * edit it through the project's edits (core/project), then replan. */
#include "base/format.h"
#include "draw.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

#define ARG_ROOT (-1)
#define ARG_ADD (-2)
#define ARG_LINKS (-3)

static bool cell_has_error(struct tui *t, const char *name)
{
	if (!t->plan_error)
		return false;
	char *q = xasprintf("'%s'", name);
	bool hit = strstr(t->plan_error, q) != NULL;
	free(q);
	return hit;
}

static void cells_build(struct tui *t, struct screen *s)
{
	struct project *p = jhconf_project(t->s);
	s->title = xstrdup("Cells");
	struct item *it = menu_add(&s->menu, ITEM_MENU, "%s (root cell)", jhconf_root_name(t->s));
	it->arg = ARG_ROOT;
	it->help = xstrdup(tui_help_for("cells.root"));
	for (size_t i = 0; p && i < p->ncells; i++) {
		const struct proj_cell *c = &p->cells[i];
		struct buf cpus = { 0 };
		proj_format_list(&cpus, &c->cpus.list, false);
		buf_put_u8(&cpus, 0);
		char sz[FMT_SIZE_LEN];
		it = menu_add(&s->menu, ITEM_MENU, "%s (CPUs %s, %s, %zu device%s)", c->name,
			      c->cpus.list.n ? (char *)cpus.data : "none",
			      c->mem.set ? fmt_size(sz, c->mem.v) : "no memory", c->npci,
			      c->npci == 1 ? "" : "s");
		buf_free(&cpus);
		it->arg = (long)i;
		it->help = xstrdup(tui_help_for("cells.inmate"));
		if (cell_has_error(t, c->name))
			it->role = ROLE_ERROR;
	}
	it = menu_add(&s->menu, ITEM_MENU, "ivshmem links (%zu)", p ? p->nlinks : 0);
	it->arg = ARG_LINKS;
	it->help = xstrdup(tui_help_for("cell.link"));
	it = menu_add(&s->menu, ITEM_ACTION, "Add a cell");
	it->arg = ARG_ADD;
	it->help = xstrdup(tui_help_for("cells.add"));
}

static enum tui_act add_cell(struct tui *t)
{
	char *name = dlg_input(t, "Add a cell", "The new cell's name (1-31 letters, digits, "
			       "'-', '_', '.'):", "");
	if (!name || !*name) {
		free(name);
		return ACT_DRAW;
	}
	struct jh_error err = { 0 };
	struct project *p = jhconf_project(t->s);
	if (project_cell_add(p, name, &err) < 0) {
		tui_error(t, &err);
		free(name);
		return ACT_DRAW;
	}
	tui_changed(t);
	tui_push(t, &screen_cell, (long)p->ncells - 1, name);
	free(name);
	return ACT_REBUILD;
}

static enum tui_act cells_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	if (it->arg == ARG_ADD)
		return add_cell(t);
	if (it->arg == ARG_LINKS) {
		tui_push(t, &screen_links, 0, NULL);
		return ACT_DRAW;
	}
	struct project *p = jhconf_project(t->s);
	tui_push(t, &screen_cell, it->arg,
		 it->arg >= 0 && p ? p->cells[it->arg].name : NULL);
	return ACT_DRAW;
}

static enum tui_act remove_cell(struct tui *t, const char *name)
{
	char *q = xasprintf("Remove the cell %s (and the links it takes part in)?", name);
	int a = dlg_yesno(t, "Remove", q);
	free(q);
	if (a != 1)
		return ACT_DRAW;
	struct jh_error err = { 0 };
	return tui_edited(t, project_cell_remove(jhconf_project(t->s), name, &err), &err);
}

static enum tui_act k_cells_add(struct tui *t, struct screen *s)
{
	(void)s;
	return add_cell(t);
}

static enum tui_act k_cells_remove(struct tui *t, struct screen *s)
{
	struct project *p = jhconf_project(t->s);
	if (!s->menu.n || s->menu.v[s->cur].arg < 0 || !p)
		return ACT_NONE;
	char *name = xstrdup(p->cells[s->menu.v[s->cur].arg].name);
	enum tui_act a = remove_cell(t, name);
	free(name);
	return a;
}

static const struct tui_key cells_keys[] = {
	{ { KEY_IC, 0 }, "Ins", "add a cell", true, k_cells_add },
	{ { KEY_DC, 0 }, "Del", "remove the cell", true, k_cells_remove },
	{ { 0 }, NULL, NULL, false, NULL },
};

const struct screen_class screen_cells = {
	.name = "Cells",
	.help = "the root cell (Linux, which keeps what no inmate takes) and the inmate "
		"cells of the project. Jailhouse takes an inmate's CPUs, memory and devices "
		"away from the root cell at `jailhouse cell create` and gives them back at "
		"destroy.",
	.build = cells_build,
	.select = cells_select,
	.keys = cells_keys,
};

void tui_jump_cell(struct tui *t, long cell)
{
	while (t->depth > 1)
		tui_pop(t);
	struct screen *s = tui_push(t, &screen_cells, 0, NULL);
	for (size_t i = 0; i < s->menu.n; i++)
		if (s->menu.v[i].arg == cell)
			s->cur = i;
	struct project *p = jhconf_project(t->s);
	tui_push(t, &screen_cell, cell, cell >= 0 && p ? p->cells[cell].name : NULL);
}

/* ---- one cell ---- */

enum {
	CELL_NAME = 1, CELL_KIND, CELL_CPUS, CELL_MEM, CELL_PCI, CELL_PINS, CELL_PORTS,
	CELL_CONSOLE, CELL_REMOVE,
};

/* The cell the page shows, found by name (indices move when one goes). */
static struct proj_cell *page_cell(struct tui *t, struct screen *s, size_t *index)
{
	struct project *p = jhconf_project(t->s);
	for (size_t i = 0; p && s->key && i < p->ncells; i++)
		if (!strcmp(p->cells[i].name, s->key)) {
			if (index)
				*index = i;
			return &p->cells[i];
		}
	return NULL;
}

static void list_text(struct buf *b, const struct proj_ranges *l, bool hex)
{
	if (l->n)
		proj_format_list(b, l, hex);
	else
		buf_printf(b, "none");
	buf_put_u8(b, 0);
}

/* A configuration's PCI devices, one line each. */
static void add_cfg_pci(struct screen *s, const struct cfg_cell *c)
{
	for (size_t i = 0; i < c->npci; i++) {
		char bdf[FMT_BDF_LEN];
		struct item *it = menu_add(&s->menu, ITEM_TEXT, "%s %s",
			fmt_bdf(bdf, c->pci[i].domain, c->pci[i].bdf, FMT_BDF_AUTO),
			c->pci[i].comment ? c->pci[i].comment :
			c->pci[i].type == JH_PCI_TYPE_IVSHMEM ? "ivshmem" : "");
		it->help = xstrdup(tui_help_for("cell.pci"));
	}
}

static void root_page(struct tui *t, struct screen *s)
{
	const struct cfg_system *sys = jhconf_config(t->s);
	s->title = xasprintf("%s (root cell)", jhconf_root_name(t->s));
	if (!sys) {
		menu_add(&s->menu, ITEM_TEXT, "No plan: see Findings.");
		return;
	}
	const struct cfg_cell *c = &sys->root;
	struct proj_ranges cpus = { 0 };
	for (size_t i = 0; i < c->cpu_set_size * 8; i++)
		if (c->cpu_set[i / 8] & (1u << (i % 8)) && tui_cpu_owner(t, (unsigned)i) < 0)
			proj_ranges_add(&cpus, i, i);
	struct buf b = { 0 };
	list_text(&b, &cpus, false);
	struct item *it = menu_add(&s->menu, ITEM_TEXT, "CPUs kept: %s", (char *)b.data);
	it->help = xstrdup(tui_help_for("cell.cpus"));
	buf_free(&b);
	proj_ranges_free(&cpus);
	menu_add(&s->menu, ITEM_SEPARATOR, "Memory regions (%zu)", c->nmem);
	for (size_t i = 0; i < c->nmem; i++) {
		char sz[FMT_SIZE_LEN];
		it = menu_add(&s->menu, ITEM_TEXT, "0x%09llx %9s %s", (unsigned long long)c->mem[i].phys_start,
			      fmt_size(sz, c->mem[i].size), c->mem[i].comment ? c->mem[i].comment : "");
		it->help = xstrdup(tui_help_for("cell.region"));
	}
	menu_add(&s->menu, ITEM_SEPARATOR, "PCI devices (%zu)", c->npci);
	add_cfg_pci(s, c);
	menu_add(&s->menu, ITEM_SEPARATOR, "Port ranges (%zu)", c->npio);
	for (size_t i = 0; i < c->npio; i++) {
		it = menu_add(&s->menu, ITEM_TEXT, "0x%04x-0x%04x %s", c->pio[i].base,
			      c->pio[i].base + c->pio[i].length - 1,
			      c->pio[i].comment ? c->pio[i].comment : "");
		it->help = xstrdup(tui_help_for("cell.ports"));
	}
}

static void cell_build(struct tui *t, struct screen *s)
{
	if (s->arg == ARG_ROOT) {
		root_page(t, s);
		return;
	}
	size_t index = 0;
	struct proj_cell *c = page_cell(t, s, &index);
	if (!c) {
		s->title = xstrdup("Cell");
		menu_add(&s->menu, ITEM_TEXT, "This cell is gone.");
		return;
	}
	s->title = xasprintf("Cell %s", c->name);
	struct buf b = { 0 };
	char sz[FMT_SIZE_LEN];
	struct item *it;
#define ITEM(id, key, ...) do { it = menu_add(&s->menu, ITEM_ACTION, __VA_ARGS__); \
	it->arg = id; it->help = xstrdup(tui_help_for(key)); } while (0)
	ITEM(CELL_NAME, "cell.name", "Name: %s", c->name);
	ITEM(CELL_KIND, "cell.kind", "Kind: %s",
	     c->kind.set && c->kind.v == PROJ_KIND_LINUX ? "linux" : "demo");
	list_text(&b, &c->cpus.list, false);
	ITEM(CELL_CPUS, "cell.cpus", "CPUs: %s", (char *)b.data);
	buf_free(&b);
	ITEM(CELL_MEM, "cell.mem", "Memory: %s", c->mem.set ? fmt_size(sz, c->mem.v) : "none");
	it = menu_add(&s->menu, ITEM_MENU, "PCI devices (%zu)", c->npci);
	it->arg = CELL_PCI;
	it->help = xstrdup(tui_help_for("cell.pci"));
	list_text(&b, &c->pins.list, false);
	ITEM(CELL_PINS, "cell.pins", "IOAPIC pins: %s", (char *)b.data);
	buf_free(&b);
	for (size_t i = 0; i < c->npio; i++)
		buf_printf(&b, "%s0x%llx-0x%llx", i ? "," : "", (unsigned long long)c->pio[i].first,
			   (unsigned long long)c->pio[i].last);
	if (!c->npio)
		buf_printf(&b, "none");
	buf_put_u8(&b, 0);
	ITEM(CELL_PORTS, "cell.ports", "I/O ports: %s", (char *)b.data);
	buf_free(&b);
	ITEM(CELL_CONSOLE, "cell.console", "Console: %s", c->console.v ? c->console.v : "none");
	ITEM(CELL_REMOVE, "cell.remove", "Remove this cell");
#undef ITEM
	struct project *p = jhconf_project(t->s);
	for (size_t i = 0; i < p->nlinks; i++)
		if (strlist_contains(&p->links[i].peers, c->name)) {
			char *peers = strlist_join(&p->links[i].peers, ", ");
			it = menu_add(&s->menu, ITEM_TEXT, "ivshmem link %zu: %s (%s)", i + 1,
				      peers, p->links[i].protocol ? p->links[i].protocol
								  : "undefined");
			it->help = xstrdup(tui_help_for("cell.link"));
			free(peers);
		}
	const struct plan_cells *pc = jhconf_cells(t->s);
	if (cell_has_error(t, c->name)) {
		it = menu_add(&s->menu, ITEM_TEXT, "Error: %s", t->plan_error);
		it->role = ROLE_ERROR;
	}
	if (!pc || index >= pc->n)
		return;
	const struct cfg_cell *cc = &pc->cells[index];
	menu_add(&s->menu, ITEM_SEPARATOR, "Planned memory (%zu regions)", cc->nmem);
	for (size_t i = 0; i < cc->nmem; i++) {
		it = menu_add(&s->menu, ITEM_TEXT, "0x%09llx -> 0x%09llx %9s %s",
			      (unsigned long long)cc->mem[i].phys_start,
			      (unsigned long long)cc->mem[i].virt_start,
			      fmt_size(sz, cc->mem[i].size), cc->mem[i].comment ? cc->mem[i].comment : "");
		it->help = xstrdup(tui_help_for("cell.region"));
	}
	menu_add(&s->menu, ITEM_SEPARATOR, "Planned PCI devices (%zu)", cc->npci);
	add_cfg_pci(s, cc);
}

/* Replace a list (CPUs or pins) of the cell: clear it, then add the new. */
static int set_list(struct project *p, const char *name, bool pins, const char *text,
		    struct jh_error *err)
{
	struct proj_cell_edit e = { 0 };
	uint64_t max = pins ? 1023 : 4095;
	if (strcmp(text, "none") && !proj_parse_list(text, max, pins ? &e.pins : &e.cpus)) {
		proj_cell_edit_free(&e);
		return jh_fail(err, JH_BADINPUT, "'%s' is not a list like 2-3,5", text);
	}
	struct proj_cell_edit all = { 0 };
	proj_ranges_add(pins ? &all.pins : &all.cpus, 0, UINT64_MAX);
	int rc = project_cell_unassign(p, name, &all, err);
	if (rc == 0)
		rc = project_cell_assign(p, name, &e, err);
	proj_cell_edit_free(&all);
	proj_cell_edit_free(&e);
	return rc;
}

static int set_ports(struct project *p, const char *name, const char *text,
		     struct jh_error *err)
{
	struct proj_cell_edit e = { 0 };
	if (strcmp(text, "none")) {
		char *copy = xstrdup(text), *save = NULL;
		for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			struct proj_range r;
			if (!proj_parse_range(tok, 0xffff, &r)) {
				free(copy);
				proj_cell_edit_free(&e);
				return jh_fail(err, JH_BADINPUT, "'%s' is not a port range like "
					       "0x3f8-0x3ff", tok);
			}
			proj_ranges_add(&e.pio, r.first, r.last);
		}
		free(copy);
	}
	struct proj_cell_edit all = { 0 };
	proj_ranges_add(&all.pio, 0, 0xffff);
	int rc = project_cell_unassign(p, name, &all, err);
	if (rc == 0)
		rc = project_cell_assign(p, name, &e, err);
	proj_cell_edit_free(&all);
	proj_cell_edit_free(&e);
	return rc;
}

static enum tui_act cell_select(struct tui *t, struct screen *s, struct item *it)
{
	struct proj_cell *c = page_cell(t, s, NULL);
	struct project *p = jhconf_project(t->s);
	if (!c || s->arg == ARG_ROOT)
		return ACT_NONE;
	char *name = xstrdup(c->name);
	struct jh_error err = { 0 };
	int rc = 1;   /* 1: nothing done */
	char *in = NULL;
	struct buf b = { 0 };
	switch (it->arg) {
	case CELL_NAME:
		in = dlg_input(t, "Rename", "The cell's new name:", name);
		if (in && *in && strcmp(in, name)) {
			rc = project_cell_rename(p, name, in, &err);
			if (rc == 0) {
				free(s->key);
				s->key = xstrdup(in);
			}
		}
		break;
	case CELL_KIND: {
		struct proj_cell_edit e = { .set_kind = true };
		e.kind = c->kind.set && c->kind.v == PROJ_KIND_LINUX ? PROJ_KIND_DEMO
								    : PROJ_KIND_LINUX;
		rc = project_cell_assign(p, name, &e, &err);
		break;
	}
	case CELL_CPUS:
		list_text(&b, &c->cpus.list, false);
		in = dlg_input(t, "CPUs", "The cell's CPUs, like 2-3,5 (none for none):",
			       (char *)b.data);
		if (in && *in)
			rc = set_list(p, name, false, in, &err);
		break;
	case CELL_PINS:
		list_text(&b, &c->pins.list, false);
		in = dlg_input(t, "IOAPIC pins", "The IOAPIC pins (GSIs) the cell gets, like "
			       "3-4 (none for none):", (char *)b.data);
		if (in && *in)
			rc = set_list(p, name, true, in, &err);
		break;
	case CELL_MEM: {
		char sz[FMT_SIZE_LEN] = "16M";
		if (c->mem.set)
			snprintf(sz, sizeof(sz), "0x%llx", (unsigned long long)c->mem.v);
		in = dlg_input(t, "Memory", "The cell's RAM, like 16M or 0x1000000 (taken from "
			       "the inmate part of the window):", sz);
		uint64_t v;
		if (in && *in) {
			if (!parse_size(in, &v) || !v || v % 4096) {
				rc = jh_fail(&err, JH_BADINPUT, "'%s' is not a size in whole 4 KiB "
					     "pages", in);
			} else {
				struct proj_cell_edit e = { .set_mem = true, .mem = v };
				rc = project_cell_assign(p, name, &e, &err);
			}
		}
		break;
	}
	case CELL_PCI:
		tui_push(t, &screen_cell_devices, 0, name);
		break;
	case CELL_PORTS:
		for (size_t i = 0; i < c->npio; i++)
			buf_printf(&b, "%s0x%llx-0x%llx", i ? "," : "",
				   (unsigned long long)c->pio[i].first,
				   (unsigned long long)c->pio[i].last);
		buf_put_u8(&b, 0);
		in = dlg_input(t, "I/O ports", "Port ranges like 0x3f8-0x3ff,0x2f8+8 (none for "
			       "none):", c->npio ? (char *)b.data : "none");
		if (in && *in)
			rc = set_ports(p, name, in, &err);
		break;
	case CELL_CONSOLE:
		tui_push(t, &screen_console_choice, 1, name);
		break;
	case CELL_REMOVE: {
		enum tui_act a = remove_cell(t, name);
		free(name);
		return page_cell(t, s, NULL) ? a : ACT_POP;
	}
	default:
		break;
	}
	buf_free(&b);
	free(in);
	free(name);
	return rc == 1 ? ACT_DRAW : tui_edited(t, rc, &err);  /* 1: nothing changed */
}

const struct screen_class screen_cell = {
	.name = "Cell",
	.help = "one cell: what the project decides for it (Enter changes a line) and "
		"what the plan made of it.",
	.build = cell_build,
	.select = cell_select,
};

/* ---- a cell's devices: a checklist ---- */

static void devices_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	s->title = xasprintf("PCI devices of %s", s->key);
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		const char *owner = tui_device_owner(t, i);
		char bdf[FMT_BDF_LEN];
		struct item *it = menu_add(&s->menu, ITEM_CHECK, "%s %04x:%04x %s%s%s%s",
			fmt_bdf(bdf, d->domain, fmt_bdf_pack(d->bus, d->dev, d->fn), FMT_BDF_AUTO),
			d->vendor_id, d->device_id,
			d->device_name ? d->device_name : "(unknown device)",
			owner && strcmp(owner, s->key) ? " (in " : "",
			owner && strcmp(owner, s->key) ? owner : "",
			owner && strcmp(owner, s->key) ? ")" : "");
		it->checked = owner && !strcmp(owner, s->key);
		it->arg = (long)i;
		int sev = tui_device_finding(t, i);
		if (sev == JH_SEV_ERROR)
			it->role = ROLE_ERROR;
		else if (sev == JH_SEV_WARNING)
			it->role = ROLE_WARNING;
		it->help = xstrdup(tui_help_for("cell.pci"));
	}
}

static enum tui_act devices_toggle(struct tui *t, struct screen *s, struct item *it)
{
	const struct machine *m = jhconf_machine(t->s);
	const struct pci_dev *d = &m->pci[it->arg];
	struct proj_cell_edit e = { 0 };
	struct proj_pci_sel sel = { .has_slot = true, .domain = d->domain, .bus = d->bus,
				    .dev = d->dev, .fn = d->fn };
	e.pci = &sel;
	e.npci = 1;
	struct jh_error err = { 0 };
	int rc = it->checked ? project_cell_unassign(jhconf_project(t->s), s->key, &e, &err)
			     : project_cell_assign(jhconf_project(t->s), s->key, &e, &err);
	return tui_edited(t, rc, &err);
}

const struct screen_class screen_cell_devices = {
	.name = "PCI devices of a cell",
	.help = "Space or Enter gives a device to the cell or takes it back; Jailhouse "
		"then hides it from the root cell while the cell runs.",
	.build = devices_build,
	.select = devices_toggle,
	.toggle = devices_toggle,
};
