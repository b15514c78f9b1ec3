/* SPDX-License-Identifier: GPL-2.0-only */
/* The project file's writer: a fixed order, one directive a line, each
 * with the comments the reader kept for it. Reading what it writes gives
 * the same project, and writing that again gives the same text. */
#include "project/project.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Sizes as people write them: the largest exact K/M/G unit, else hex. */
static void put_size(struct buf *b, uint64_t v)
{
	static const struct { uint64_t unit; char suffix; } units[] = {
		{ 1ull << 30, 'G' }, { 1ull << 20, 'M' }, { 1ull << 10, 'K' },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (v && v % units[i].unit == 0) {
			buf_printf(b, "%llu%c", (unsigned long long)(v / units[i].unit),
				   units[i].suffix);
			return;
		}
	buf_printf(b, "0x%llx", (unsigned long long)v);
}

static void put_hex(struct buf *b, uint64_t v)
{
	buf_printf(b, "0x%llx", (unsigned long long)v);
}

/* The comment lines before a directive and the directive's indentation. */
static void open_line(struct buf *b, const struct proj_note *n, bool indent)
{
	if (n->lead)
		buf_append(b, n->lead, strlen(n->lead));
	if (indent)
		buf_append(b, "\t", 1);
}

static void close_line(struct buf *b, const struct proj_note *n)
{
	if (n->trail)
		buf_printf(b, " %s", n->trail);
	buf_append(b, "\n", 1);
}

static void line(struct buf *b, const struct proj_note *n, bool indent,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void line(struct buf *b, const struct proj_note *n, bool indent,
		 const char *fmt, ...)
{
	open_line(b, n, indent);
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	buf_append(b, text, strlen(text));
	free(text);
	close_line(b, n);
}

static void put_range(struct buf *b, uint64_t first, uint64_t last)
{
	put_hex(b, first);
	if (last != first) {
		buf_append(b, "-", 1);
		put_hex(b, last);
	}
}

static void format_hardware(const struct project *p, struct buf *b)
{
	if (p->hw_cpus.set)
		line(b, &p->hw_cpus.note, false, "hardware cpus %u", p->hw_cpus.v);
	for (size_t i = 0; i < p->nhw_ram; i++) {
		open_line(b, &p->hw_ram[i].note, false);
		buf_printf(b, "hardware ram ");
		put_range(b, p->hw_ram[i].first, p->hw_ram[i].last);
		close_line(b, &p->hw_ram[i].note);
	}
	for (size_t i = 0; i < p->nhw_pci; i++) {
		const struct proj_hw_pci *h = &p->hw_pci[i];
		open_line(b, &h->note, false);
		buf_printf(b, "hardware pci %04x:%02x:%02x.%x %04x:%04x class %06x subsys %04x:%04x",
			   h->domain, h->bus, h->dev, h->fn, h->vendor, h->device, h->class_code,
			   h->subsys_vendor, h->subsys_device);
		if (h->has_parent)
			buf_printf(b, " behind %04x:%02x:%02x.%x", h->parent_domain,
				   h->parent_bus, h->parent_dev, h->parent_fn);
		close_line(b, &h->note);
	}
}

static void format_cell(const struct proj_cell *c, struct buf *b)
{
	static const struct proj_note none;
	if (c->note.lead)
		line(b, &c->note, false, "cell %s", c->name);
	else {
		buf_append(b, "\n", 1);  /* a new cell starts a paragraph */
		line(b, &none, false, "cell %s", c->name);
	}
	if (c->kind.set)
		line(b, &c->kind.note, true, "kind %s",
		     c->kind.v == PROJ_KIND_LINUX ? "linux" : "demo");
	if (c->cpus.list.n) {
		open_line(b, &c->cpus.note, true);
		buf_printf(b, "cpus ");
		proj_format_list(b, &c->cpus.list, false);
		close_line(b, &c->cpus.note);
	}
	if (c->mem.set) {
		open_line(b, &c->mem.note, true);
		buf_printf(b, "mem ");
		put_size(b, c->mem.v);
		if (c->mem_at.set) {
			buf_printf(b, " at ");
			put_hex(b, c->mem_at.v);
		}
		close_line(b, &c->mem.note);
	}
	for (size_t i = 0; i < c->npci; i++) {
		open_line(b, &c->pci[i].note, true);
		buf_printf(b, "pci ");
		proj_format_pci_sel(b, &c->pci[i]);
		close_line(b, &c->pci[i].note);
	}
	if (c->pins.list.n) {
		open_line(b, &c->pins.note, true);
		buf_printf(b, "pins ");
		proj_format_list(b, &c->pins.list, false);
		close_line(b, &c->pins.note);
	}
	for (size_t i = 0; i < c->npio; i++) {
		open_line(b, &c->pio[i].note, true);
		buf_printf(b, "pio ");
		put_range(b, c->pio[i].first, c->pio[i].last);
		close_line(b, &c->pio[i].note);
	}
	for (size_t i = 0; i < c->nmmio; i++) {
		const struct proj_mmio *m = &c->mmio[i];
		open_line(b, &m->note, true);
		buf_printf(b, "mmio ");
		put_range(b, m->start, m->start + m->size - 1);
		buf_printf(b, " r%s%s", m->write ? "w" : "", m->exec ? "x" : "");
		close_line(b, &m->note);
	}
	if (c->console.v)
		line(b, &c->console.note, true, "console %s", c->console.v);
	if (c->flags.v.n) {
		open_line(b, &c->flags.note, true);
		buf_printf(b, "flags");
		for (size_t i = 0; i < c->flags.v.n; i++)
			buf_printf(b, " %s", c->flags.v.v[i]);
		close_line(b, &c->flags.note);
	}
	line(b, &c->end_note, false, "end");
}

static void format_link(const struct proj_link *l, struct buf *b)
{
	open_line(b, &l->note, false);
	buf_printf(b, "link");
	for (size_t i = 0; i < l->peers.n; i++)
		buf_printf(b, " %s", l->peers.v[i]);
	if (l->size) {
		buf_printf(b, " size ");
		put_size(b, l->size);
	}
	if (l->protocol)
		buf_printf(b, " protocol %s", l->protocol);
	close_line(b, &l->note);
}

void project_format(const struct project *p, struct buf *b)
{
	line(b, &p->header_note, false, "jhconf-project %d", PROJECT_FORMAT_VERSION);
	if (p->source.set) {
		if (p->source.kind == PROJ_SOURCE_LIVE)
			line(b, &p->source.note, false, "source live");
		else
			line(b, &p->source.note, false, "source %s %s",
			     p->source.kind == PROJ_SOURCE_TREE ? "tree" : "tar",
			     p->source.path);
	}
	format_hardware(p, b);
	if (p->hypervisor.set) {
		open_line(b, &p->hypervisor.note, false);
		buf_printf(b, "hypervisor mem-hv ");
		put_size(b, p->hypervisor.mem_hv);
		buf_printf(b, " mem-inmates ");
		put_size(b, p->hypervisor.mem_inmates);
		if (p->hypervisor.has_address) {
			buf_printf(b, " address ");
			put_hex(b, p->hypervisor.address);
		}
		close_line(b, &p->hypervisor.note);
	}
	if (p->console.v)
		line(b, &p->console.note, false, "console %s", p->console.v);
	if (p->revision.set)
		line(b, &p->revision.note, false, "config-revision %llu",
		     (unsigned long long)p->revision.v);
	if (p->root_name.v)
		line(b, &p->root_name.note, false, "root-name %s", p->root_name.v);
	for (size_t i = 0; i < p->ncells; i++)
		format_cell(&p->cells[i], b);
	for (size_t i = 0; i < p->nlinks; i++)
		format_link(&p->links[i], b);
	if (p->tail)
		buf_append(b, p->tail, strlen(p->tail));
}
