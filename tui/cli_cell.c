/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf cell add|assign|unassign|remove|rename|list|show and jhconf link
 * add|remove|list: edits of the project. Every edit is planned before the
 * project file is rewritten (atomically); an edit the machine cannot
 * honour is refused with the reason and the file stays as it was. */
#include "base/format.h"
#include "base/json.h"
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	KEY_KIND = CLI_KEY_COMMAND, KEY_CPUS, KEY_MEM, KEY_PCI, KEY_PINS, KEY_PIO,
	KEY_CONSOLE, KEY_FLAGS, KEY_SIZE, KEY_PROTOCOL, KEY_JSON,
};

static const struct cli_option cell_options[] = {
	{ "kind", KEY_KIND, "demo|linux", "a bare-metal demo inmate (default) or a Linux" },
	{ "cpus", KEY_CPUS, "LIST", "CPUs, e.g. 2-3 (CPU 0 stays with the root cell)" },
	{ "mem", KEY_MEM, "SIZE", "RAM (default 1M for demo, 64M for linux)" },
	{ "pci", KEY_PCI, "LIST", "devices: 00:1b.0 (a slot), 8086:10d3 (ids), ..." },
	{ "pins", KEY_PINS, "LIST", "IOAPIC pins (GSIs), e.g. 3,4" },
	{ "pio", KEY_PIO, "LIST", "port ranges, e.g. 0x2f8-0x2ff" },
	{ "console", KEY_CONSOLE, "DEV|none", "a UART of its own, e.g. ttyS1" },
	{ "flags", KEY_FLAGS, "LIST",
	  "cell flags, replacing the default (passive-commreg,\nvirtual-console-permitted): "
	  "also test-device,\nvirtual-console-active" },
	{ "json", KEY_JSON, NULL, "list, show: JSON (schemas jhconf-cells and\njhconf-cell, version 1)" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const cell_tables[] = {
	cell_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec cell_spec = {
	.command = "cell",
	.usage = "add NAME [OPTIONS]       a new inmate cell\n"
		 "assign NAME [OPTIONS]    give it more (or set kind, mem, console)\n"
		 "unassign NAME [OPTIONS]  take CPUs, devices, pins, ports back\n"
		 "remove NAME\n"
		 "rename NAME NEWNAME\n"
		 "list\n"
		 "show NAME                the planned cell in plain words",
	.about = "Edits the project's inmate cells. Every edit is planned before the\n"
		 "project file is rewritten; an edit the machine cannot honour is\n"
		 "refused with the reason and the file stays as it was.",
	.tables = cell_tables,
	.exit = "0 done, 1 the machine cannot host the root cell, 2 bad input or an\n"
		"edit the machine cannot honour (the project file is left as it was).",
};

static const struct cli_option link_options[] = {
	{ "size", KEY_SIZE, "SIZE", "the link's memory (state table included)" },
	{ "protocol", KEY_PROTOCOL, "P", "undefined, veth, virtio-blk or virtio-console" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const link_tables[] = {
	link_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec link_spec = {
	.command = "link",
	.usage = "add CELL CELL [CELL...] [--size SIZE] [--protocol P]\n"
		 "remove N\n"
		 "list",
	.about = "An ivshmem link: shared memory and a virtual PCI device in every peer\n"
		 "(the root cell may be one). Protocols: undefined (default, 2-12 peers),\n"
		 "veth (2 peers, Jailhouse's network layout), virtio-blk and virtio-console\n"
		 "(2 peers, the first serves the device).",
	.tables = link_tables,
	.exit = "0 done, 1 the machine cannot host the plan, 2 bad input or an edit\n"
		"the machine cannot honour (the project file is left as it was).",
};

struct edit_args {
	struct cli_project_opts proj;
	const char *words[3];          /* subcommand, NAME, NEWNAME */
	size_t nwords;
	struct proj_cell_edit edit;
	uint64_t size;                 /* link --size */
	const char *protocol;          /* link --protocol */
	bool json;                     /* cell list/show --json */
	struct strlist peers;          /* link add */
};

static int list_value(const char *opt, const char *v, uint64_t max,
		      struct proj_ranges *out, struct jh_error *err)
{
	if (!proj_parse_list(v, max, out))
		return jh_fail(err, JH_BADINPUT, "%s: '%s' is not a list like 1,3-4 (at most "
			       "%" PRIu64 ")", opt, v, max);
	return 0;
}

static int pci_value(const char *v, struct proj_cell_edit *e, struct jh_error *err)
{
	char *copy = xstrdup(v), *save = NULL;
	int rc = 0;
	for (char *item = strtok_r(copy, ",", &save); item && rc == 0;
	     item = strtok_r(NULL, ",", &save)) {
		struct proj_pci_sel s;
		if (!proj_parse_pci_item(item, &s))
			rc = jh_fail(err, JH_BADINPUT, "--pci: '%s' is not a slot (00:1b.0) or "
				     "ids (8086:293e)", item);
		else
			*ARRAY_PUSH(e->pci, e->npci, e->pci_cap) = s;
	}
	free(copy);
	return rc;
}

static int flags_value(const char *v, struct proj_cell_edit *e, struct jh_error *err)
{
	char *copy = xstrdup(v), *save = NULL;
	int rc = 0;
	for (char *f = strtok_r(copy, ",", &save); f && rc == 0; f = strtok_r(NULL, ",", &save))
		if (!proj_valid_name(f))
			rc = jh_fail(err, JH_BADINPUT, "--flags: '%s' is not a flag name", f);
		else if (!strlist_contains(&e->flags, f))
			strlist_add(&e->flags, f);
	free(copy);
	return rc;
}

/* One option of cell and link. 1 taken, 0 not, -1 error. */
static int edit_option(void *ctx, int key, const char *v, struct jh_error *err)
{
	struct edit_args *a = ctx;
	struct proj_cell_edit *e = &a->edit;
	uint64_t size;
	switch (key) {
	case KEY_KIND:
		if (strcmp(v, "demo") && strcmp(v, "linux"))
			return jh_fail(err, JH_BADINPUT, "--kind: '%s' is not demo or linux", v);
		e->set_kind = true;
		e->kind = !strcmp(v, "linux") ? PROJ_KIND_LINUX : PROJ_KIND_DEMO;
		return 1;
	case KEY_MEM:
	case KEY_SIZE:
		if (!parse_size(v, &size) || size == 0)
			return jh_fail(err, JH_BADINPUT, "%s: '%s' is not a size (decimal or "
				       "0x-hex, optional K/M/G)",
				       key == KEY_SIZE ? "--size" : "--mem", v);
		if (key == KEY_SIZE) {
			a->size = size;
		} else {
			e->set_mem = true;
			e->mem = size;
		}
		return 1;
	case KEY_CPUS:
		return list_value("--cpus", v, 4095, &e->cpus, err) < 0 ? -1 : 1;
	case KEY_PINS:
		return list_value("--pins", v, 255, &e->pins, err) < 0 ? -1 : 1;
	case KEY_PIO:
		return list_value("--pio", v, 0xffff, &e->pio, err) < 0 ? -1 : 1;
	case KEY_PCI:
		return pci_value(v, e, err) < 0 ? -1 : 1;
	case KEY_CONSOLE:
		e->console = v;
		return 1;
	case KEY_FLAGS:
		return flags_value(v, e, err) < 0 ? -1 : 1;
	case KEY_PROTOCOL:
		a->protocol = v;
		return 1;
	case KEY_JSON:
		a->json = true;
		return 1;
	default:
		return cli_project_handle(&a->proj, key, v, err);
	}
}

/* -1 error, 0 go on, 1 help printed */
static int parse_edit_args(int argc, char **argv, bool link, struct edit_args *a,
			   struct jh_error *err)
{
	struct cli_operands ops;
	enum cli_parse_result r = cli_parse(argc, argv, link ? &link_spec : &cell_spec,
					    edit_option, a, &ops, err);
	if (r != CLI_PARSE_OK)
		return r == CLI_PARSE_DONE ? 1 : -1;
	int rc = 0;
	for (size_t i = 0; i < ops.n && rc == 0; i++) {
		if (link && a->nwords >= 1 && !strcmp(a->words[0], "add"))
			strlist_add(&a->peers, ops.v[i]);
		else if (a->nwords < 3)
			a->words[a->nwords++] = ops.v[i];
		else
			rc = jh_fail(err, JH_BADINPUT, "%s: '%s': too many arguments (see --help)",
				     link ? "link" : "cell", cli_shown(ops.v[i]));
	}
	cli_operands_free(&ops);
	if (rc == 0 && !a->nwords)
		rc = jh_fail(err, JH_BADINPUT, "%s: no subcommand given (see --help)",
			     link ? "link" : "cell");
	return rc;
}

/* A device given by its slot is kept with its ids too, so that `update`
 * can find it again after it moved. */
static int complete_selectors(struct jhconf_session *s, struct proj_cell_edit *e,
			      struct jh_error *err)
{
	const struct machine *m = jhconf_machine(s);
	for (size_t i = 0; i < e->npci; i++) {
		struct proj_pci_sel *sel = &e->pci[i];
		if (!sel->has_slot || sel->has_ids)
			continue;
		const struct pci_dev *d = NULL;
		for (size_t k = 0; k < m->npci && !d; k++)
			if (m->pci[k].domain == sel->domain && m->pci[k].bus == sel->bus &&
			    m->pci[k].dev == sel->dev && m->pci[k].fn == sel->fn)
				d = &m->pci[k];
		if (!d)
			return jh_fail(err, JH_BADINPUT, "--pci: no device %02x:%02x.%x on this "
				       "machine", sel->bus, sel->dev, sel->fn);
		sel->has_ids = true;
		sel->vendor = d->vendor_id;
		sel->device = d->device_id;
	}
	return 0;
}

static const struct cfg_cell *planned_cell(const struct jhconf_session *s,
					   const char *name)
{
	const struct plan_cells *c = jhconf_cells(s);
	for (size_t i = 0; c && i < c->n; i++)
		if (!strncmp(c->cells[i].name, name, CFG_NAME_LEN))
			return &c->cells[i];
	return NULL;
}

static void print_summary(const struct jhconf_session *s, const char *name)
{
	const struct cfg_cell *c = planned_cell(s, name);
	if (!c)
		return;
	uint64_t ram = 0;
	for (size_t i = 0; i < c->nmem; i++)
		if (c->mem[i].flags & JH_MEM_LOADABLE)
			ram += c->mem[i].size;
	size_t devices = 0;
	for (size_t i = 0; i < c->npci; i++)
		devices += c->pci[i].type != JH_PCI_TYPE_IVSHMEM;
	char size[FMT_SIZE_LEN];
	printf("cell %s: %zu memory region%s (%s RAM), %zu device%s, %zu port range%s\n",
	       cli_shown(name), c->nmem, c->nmem == 1 ? "" : "s", fmt_size(size, ram),
	       devices, devices == 1 ? "" : "s", c->npio, c->npio == 1 ? "" : "s");
}

/* cell list --json: schema jhconf-cells, version 1 */
static void list_cells_json(struct jhconf_session *s)
{
	const struct project *p = jhconf_project(s);
	struct buf b = { 0 };
	struct json j;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_string(&j, "schema", "jhconf-cells");
	json_kv_uint(&j, "version", 1);
	json_kv_string(&j, "root_cell", jhconf_root_name(s));
	json_key(&j, "cells");
	json_array_begin(&j);
	for (size_t i = 0; i < p->ncells; i++) {
		const struct proj_cell *c = &p->cells[i];
		json_object_begin(&j);
		json_kv_string(&j, "name", c->name);
		json_kv_string(&j, "kind", c->kind.set && c->kind.v == PROJ_KIND_LINUX ?
				"linux" : "demo");
		json_key(&j, "cpus");
		json_array_begin(&j);
		for (size_t r = 0; r < c->cpus.list.n; r++)
			for (uint64_t cpu = c->cpus.list.v[r].first;
			     cpu <= c->cpus.list.v[r].last; cpu++)
				json_uint(&j, cpu);
		json_array_end(&j);
		json_key(&j, "pci");
		json_array_begin(&j);
		for (size_t k = 0; k < c->npci; k++) {
			const struct proj_pci_sel *sel = &c->pci[k];
			char text[32];
			json_object_begin(&j);
			json_key(&j, "slot");
			if (sel->has_slot) {
				snprintf(text, sizeof(text), "%04x:%02x:%02x.%x", sel->domain,
					 sel->bus, sel->dev, sel->fn);
				json_string(&j, text);
			} else {
				json_null(&j);
			}
			json_key(&j, "id");
			if (sel->has_ids) {
				snprintf(text, sizeof(text), "%04x:%04x", sel->vendor, sel->device);
				json_string(&j, text);
			} else {
				json_null(&j);
			}
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static void list_cells(struct jhconf_session *s)
{
	const struct project *p = jhconf_project(s);
	printf("root cell %s\n", cli_shown(jhconf_root_name(s)));
	for (size_t i = 0; i < p->ncells; i++) {
		const struct proj_cell *c = &p->cells[i];
		struct buf cpus = { 0 };
		proj_format_list(&cpus, &c->cpus.list, false);
		buf_append(&cpus, "", 1);
		printf("cell %s: %s, CPUs %s, %zu device%s\n", cli_shown(c->name),
		       c->kind.set && c->kind.v == PROJ_KIND_LINUX ? "linux" : "demo",
		       c->cpus.list.n ? (char *)cpus.data : "none", c->npci,
		       c->npci == 1 ? "" : "s");
		buf_free(&cpus);
	}
}

static void list_links(struct jhconf_session *s)
{
	const struct project *p = jhconf_project(s);
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct proj_link *l = &p->links[i];
		printf("link %zu:", i + 1);
		for (size_t k = 0; k < l->peers.n; k++)
			printf(" %s", cli_shown(l->peers.v[k]));
		printf(", protocol %s\n", l->protocol ? cli_shown(l->protocol) : "undefined");
	}
	if (!p->nlinks)
		printf("no links\n");
}

/* Apply the cell subcommand to the loaded project. 1: an edit to plan and
 * save; 0: a read-only subcommand that printed its answer. */
static int cell_action(struct jhconf_session *s, struct edit_args *a,
		       struct jh_error *err)
{
	struct project *p = jhconf_project(s);
	const char *sub = a->words[0], *name = a->nwords > 1 ? a->words[1] : NULL;
	bool needs_name = strcmp(sub, "list") != 0;
	if (needs_name && !name)
		return jh_fail(err, JH_BADINPUT, "cell %s: give a cell name", sub);
	if (strcmp(sub, "rename") && a->nwords > 2)
		return jh_fail(err, JH_BADINPUT, "cell %s: too many arguments", sub);
	if (!strcmp(sub, "list")) {
		if (a->json)
			list_cells_json(s);
		else
			list_cells(s);
		return 0;
	}
	if (!strcmp(sub, "show")) {
		const struct cfg_cell *c = planned_cell(s, name);
		if (!c)
			return jh_fail(err, JH_BADINPUT, "no cell '%s' in this project", name);
		if (a->json)
			cli_print_cell_json(stdout, NULL, jhconf_revision(s), NULL, c);
		else
			cli_print_cell(c, false);
		return 0;
	}
	if (complete_selectors(s, &a->edit, err) < 0)
		return -1;
	if (!strcmp(sub, "add")) {
		if (project_cell_add(p, name, err) < 0 ||
		    project_cell_assign(p, name, &a->edit, err) < 0)
			return -1;
	} else if (!strcmp(sub, "assign")) {
		if (project_cell_assign(p, name, &a->edit, err) < 0)
			return -1;
	} else if (!strcmp(sub, "unassign")) {
		if (project_cell_unassign(p, name, &a->edit, err) < 0)
			return -1;
	} else if (!strcmp(sub, "remove")) {
		if (project_cell_remove(p, name, err) < 0)
			return -1;
	} else if (!strcmp(sub, "rename")) {
		if (a->nwords < 3)
			return jh_fail(err, JH_BADINPUT, "cell rename: give NAME and NEWNAME");
		if (project_cell_rename(p, name, a->words[2], err) < 0)
			return -1;
	} else {
		return jh_fail(err, JH_BADINPUT, "cell: unknown subcommand '%s' (see --help)",
			       sub);
	}
	return 1;
}

static int link_action(struct jhconf_session *s, struct edit_args *a,
		       struct jh_error *err)
{
	struct project *p = jhconf_project(s);
	const char *sub = a->words[0];
	if (!strcmp(sub, "list")) {
		list_links(s);
		return 0;
	}
	if (!strcmp(sub, "add"))
		return project_link_add(p, &a->peers, a->size, a->protocol, err) < 0 ? -1 : 1;
	if (!strcmp(sub, "remove")) {
		uint64_t n;
		if (a->nwords != 2 || !parse_u64(a->words[1], 10, &n))
			return jh_fail(err, JH_BADINPUT, "link remove: give the link's number "
				       "(see jhconf link list)");
		return project_link_remove(p, (size_t)n, err) < 0 ? -1 : 1;
	}
	return jh_fail(err, JH_BADINPUT, "link: unknown subcommand '%s' (see --help)", sub);
}

static int run_edit(int argc, char **argv, bool link)
{
	struct edit_args a = { 0 };
	struct jh_error err = { 0 };
	int rc = parse_edit_args(argc, argv, link, &a, &err);
	if (rc == 1) {
		proj_cell_edit_free(&a.edit);
		return JH_OK;
	}
	struct jhconf_session *s = jhconf_new();
	bool reported = false;
	if (rc == 0 && (rc = cli_project_open(s, &a.proj, &err)) < 0)
		cli_print_findings(jhconf_findings(s));
	/* `cell show` shows the plan as it stands */
	if (rc == 0 && !link && !strcmp(a.words[0], "show")) {
		rc = jhconf_plan(s, &err);
		if (rc < 0) {
			cli_print_findings(jhconf_findings(s));
			reported = jhconf_refused(s);
		}
	}
	int act = 0;
	if (rc == 0 && (act = link ? link_action(s, &a, &err) : cell_action(s, &a, &err)) < 0)
		rc = -1;
	if (rc == 0 && act == 1) {
		jhconf_project_changed(s);
		rc = jhconf_plan(s, &err);
		cli_print_findings(jhconf_findings(s));
		reported = rc < 0 && jhconf_refused(s);
		if (rc == 0)
			rc = jhconf_project_save(s, cli_project_path(&a.proj), true, &err);
		/* the cell as planned now: under its new name after a rename */
		if (rc == 0 && !link && strcmp(a.words[0], "remove"))
			print_summary(s, !strcmp(a.words[0], "rename") ? a.words[2] : a.words[1]);
		/* the links as they are now, numbered for `link remove N` */
		if (rc == 0 && link)
			list_links(s);
	}
	int status = rc == 0 ? JH_OK : reported ? (int)err.status : cli_report(&err);
	proj_cell_edit_free(&a.edit);
	strlist_free(&a.peers);
	jh_error_clear(&err);
	jhconf_free(s);
	return status;
}

int cmd_cell(int argc, char **argv)
{
	return run_edit(argc, argv, false);
}

int cmd_link(int argc, char **argv)
{
	return run_edit(argc, argv, true);
}
