/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf list pci`: the PCI devices as lspci prints them (the default
 * line, -n/-nn, -k, -t, -D, -s/-d; pciutils' lspci(8) is the reference for
 * the words and layout), plus what Jailhouse needs to know: the IOMMU unit
 * each device belongs to and, with -v, its BARs, capabilities, MSI and
 * MSI-X. */
#include "cli.h"
#include "list_sections.h"

#include "base/format.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Linux resource flags in a sysfs `resource` line (include/linux/ioport.h). */
#define RES_IO       0x00000100u
#define RES_MEM      0x00000200u
#define RES_PREFETCH 0x00002000u
#define RES_MEM_64   0x00100000u

#define ROM_LINE PCI_NUM_BARS

/* Everything one listing needs besides the machine. */
struct pci_listing {
	FILE *f;
	const struct machine *m;
	const struct list_pci_opts *o;
	struct pci_ids_class_query *classes;   /* one per device */
	bool domains;
};

static void print_slot(const struct pci_listing *l, const struct pci_dev *d)
{
	if (l->domains)
		fprintf(l->f, "%04x:", d->domain);
	fprintf(l->f, "%02x:%02x.%x", d->bus, d->dev, d->fn);
}

/* The vendor and device as lspci words them (pci_names_text). */
static void print_names(FILE *f, const struct pci_dev *d, bool numbers)
{
	char text[256];
	pci_names_text(d->vendor_name, d->device_name, d->vendor_id, d->device_id,
		       numbers, text, sizeof(text));
	fputs(cli_shown(text), f);
}

/* The device's entry in the planned root cell (NULL: none or no plan). */
static const struct cfg_pci_dev *planned(const struct pci_listing *l,
					 const struct pci_dev *d)
{
	const struct cfg_system *c = l->o->config;
	uint16_t bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
	for (size_t i = 0; c && i < c->root.npci; i++)
		if (c->root.pci[i].domain == d->domain && c->root.pci[i].bdf == bdf)
			return &c->root.pci[i];
	return NULL;
}

/* The inmate cell a device is given to, or NULL (the root cell keeps it). */
const char *list_pci_owner(const struct list_pci_opts *o, const struct pci_dev *d)
{
	uint16_t bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
	for (size_t c = 0; o->cells && c < o->cells->n; c++)
		for (size_t i = 0; i < o->cells->cells[c].npci; i++) {
			const struct cfg_pci_dev *p = &o->cells->cells[c].pci[i];
			if (p->type != JH_PCI_TYPE_IVSHMEM && p->domain == d->domain &&
			    p->bdf == bdf)
				return o->cells->cells[c].name;
		}
	return NULL;
}

static void print_iommu_unit(const struct pci_listing *l, const struct pci_dev *d)
{
	const struct cfg_pci_dev *p = planned(l, d);
	const struct cfg_system *c = l->o->config;
	if (!p || !c->niommu || p->iommu >= c->niommu)
		return;
	const struct cfg_iommu *u = &c->iommu[p->iommu];
	fprintf(l->f, "\tJailhouse IOMMU unit: %u (%s at 0x%" PRIx64 ")\n", p->iommu,
		u->type == JH_IOMMU_AMD ? "AMD-Vi" : "VT-d", u->base);
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

static void print_details(const struct pci_listing *l, const struct pci_dev *d,
			  const struct pci_ids_class_query *cls)
{
	FILE *f = l->f;
	fprintf(f, "\tprog-if %02x", d->class_code & 0xff);
	if (cls->progif_name && *cls->progif_name)
		fprintf(f, " [%s]", cli_shown(cls->progif_name));
	fprintf(f, ", header type %u%s%s", d->header_type, d->is_pcie ? ", PCI Express" : "",
		d->is_bridge ? ", bridge" : "");
	if (d->is_bridge)
		fprintf(f, " (buses %02x-%02x)", d->secondary_bus, d->subordinate_bus);
	if (d->irq > 0)  /* 0: no legacy interrupt routed */
		fprintf(f, ", irq %d", d->irq);
	fputc('\n', f);
	if (d->subsys_vendor || d->subsys_device)
		fprintf(f, "\tSubsystem: %04x:%04x\n", d->subsys_vendor, d->subsys_device);
	for (size_t i = 0; i < d->nres && i <= ROM_LINE; i++)
		print_resource(f, i, &d->res[i]);
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *c = &d->caps[i];
		fprintf(f, "\tcap %s0x%02x %s at 0x%03x, length %u%s\n",
			c->extended ? "ext " : "", c->id, jh_pci_cap_name(c->id, c->extended),
			c->start, c->len, c->writable ? ", writable" : "");
	}
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

/* One device the way lspci prints it: "SLOT CLASS: NAMES (rev RR)", with
 * -n "SLOT CCSS: VVVV:DDDD (rev RR)". */
static void print_device(const struct pci_listing *l, size_t i)
{
	const struct pci_dev *d = &l->m->pci[i];
	const struct pci_ids_class_query *cls = &l->classes[i];
	FILE *f = l->f;
	char text[320];
	print_slot(l, d);
	if (l->o->numeric == 1) {
		fprintf(f, " %04x: %04x:%04x", d->class_code >> 8, d->vendor_id, d->device_id);
	} else {
		pci_class_text(cls, l->o->numeric > 1, text, sizeof(text));
		fprintf(f, " %s: ", cli_shown(text));
		print_names(f, d, l->o->numeric > 1);
	}
	if (d->revision)
		fprintf(f, " (rev %02x)", d->revision);
	fputc('\n', f);
	if (l->o->verbose)
		print_details(l, d, cls);
	if (l->o->kernel || l->o->verbose) {
		if (d->driver)
			fprintf(f, "\tKernel driver in use: %s\n", cli_shown(d->driver));
		if (d->iommu_group >= 0)
			fprintf(f, "\tIOMMU group: %d\n", d->iommu_group);
		print_iommu_unit(l, d);
		if (l->o->cells) {
			const char *cell = list_pci_owner(l->o, d);
			char name[CFG_NAME_LEN + 1] = "";
			if (cell)
				snprintf(name, sizeof(name), "%.*s", CFG_NAME_LEN, cell);
			fprintf(l->f, "\tCell: %s\n", cli_shown(cell ? name : l->o->root_name));
		}
	}
	if (l->o->verbose)
		fputc('\n', f);
}

/* One line's worth of -k for the tree: "  [driver] group G, IOMMU unit
 * U, cell C". */
static void print_jailhouse_brief(FILE *f, const struct pci_listing *l,
				  const struct pci_dev *d)
{
	const struct cfg_pci_dev *p = planned(l, d);
	const char *sep = "  ";
	if (d->driver) {
		fprintf(f, "%s[%s]", sep, cli_shown(d->driver));
		sep = " ";
	}
	if (d->iommu_group >= 0) {
		fprintf(f, "%sgroup %d", sep, d->iommu_group);
		sep = ", ";
	}
	if (p && l->o->config->niommu && p->iommu < l->o->config->niommu) {
		fprintf(f, "%sIOMMU unit %u", sep, p->iommu);
		sep = ", ";
	}
	if (l->o->cells) {
		const char *cell = list_pci_owner(l->o, d);
		char name[CFG_NAME_LEN + 1];
		snprintf(name, sizeof(name), "%.*s", CFG_NAME_LEN, cell ? cell : l->o->root_name);
		fprintf(f, "%scell %s", sep, cli_shown(name));
	}
}

/* ---- the tree (-t), drawn as lspci draws it ---- */

/* A bridge and the buses behind it; index -1 is the host bridge, which
 * holds every bus no bridge claims. */
struct tree_bridge {
	int dev;                   /* index in m->pci, -1 for the host */
	uint16_t domain;
	unsigned secondary, subordinate;
	int parent;                /* index in the bridge array */
	int *buses;                /* bus numbers | domain << 8, newest first */
	size_t nbuses, buses_cap;
};

struct tree {
	const struct pci_listing *l;
	struct tree_bridge *b;     /* b[0] is the host bridge */
	size_t nb;
	int *dev_bridge;           /* per device: the bridge whose bus it sits on */
	char line[1024];
};

static bool is_tree_bridge(const struct pci_dev *d)
{
	/* a bridge (class 06) with a type 1 (PCI-PCI) or type 2 (CardBus)
	 * header has a secondary bus */
	return (d->class_code >> 16) == 0x06 && (d->header_type == 1 || d->header_type == 2);
}

static bool bridge_has_bus(const struct tree_bridge *b, int key)
{
	for (size_t i = 0; i < b->nbuses; i++)
		if (b->buses[i] == key)
			return true;
	return false;
}

static void bridge_add_bus(struct tree_bridge *b, int key)
{
	if (bridge_has_bus(b, key))
		return;
	/* newest first, as lspci lists the buses of one bridge */
	*ARRAY_PUSH(b->buses, b->nbuses, b->buses_cap) = key;
	memmove(b->buses + 1, b->buses, (b->nbuses - 1) * sizeof(*b->buses));
	b->buses[0] = key;
}

/* The deepest bridge under `from` whose bus range holds the device's
 * bus (lspci's insertion walks down the bridge tree). */
static int place(struct tree *t, int from, const struct pci_dev *d, int key)
{
	if (bridge_has_bus(&t->b[from], key))
		return from;
	for (size_t c = 1; c < t->nb; c++)
		if (t->b[c].parent == from && t->b[c].domain == d->domain &&
		    t->b[c].secondary <= d->bus && d->bus <= t->b[c].subordinate)
			return place(t, (int)c, d, key);
	return from;
}

static void build_tree(struct tree *t)
{
	const struct machine *m = t->l->m;
	size_t cap = 0;
	*ARRAY_PUSH(t->b, t->nb, cap) = (struct tree_bridge){ .dev = -1, .secondary = 0,
							      .subordinate = ~0u, .parent = -1 };
	for (size_t i = 0; i < m->npci; i++)
		if (is_tree_bridge(&m->pci[i]))
			*ARRAY_PUSH(t->b, t->nb, cap) = (struct tree_bridge){
				.dev = (int)i, .domain = m->pci[i].domain,
				.secondary = m->pci[i].secondary_bus,
				.subordinate = m->pci[i].subordinate_bus, .parent = -1 };
	/* each bridge hangs below the narrowest bridge whose range holds
	 * the bus it sits on (the host holds all) */
	for (size_t i = 1; i < t->nb; i++) {
		const struct pci_dev *d = &m->pci[t->b[i].dev];
		int best = 0;
		for (size_t c = 1; c < t->nb; c++)
			if (c != i && t->b[c].domain == d->domain && t->b[c].secondary <= d->bus &&
			    d->bus <= t->b[c].subordinate &&
			    (best == 0 || t->b[best].subordinate - t->b[best].secondary >
						  t->b[c].subordinate - t->b[c].secondary))
				best = (int)c;
		t->b[i].parent = best;
	}
	for (size_t i = 0; i < t->nb; i++)
		bridge_add_bus(&t->b[i], t->b[i].domain << 8 | (int)t->b[i].secondary);
	t->dev_bridge = xcalloc(m->npci ? m->npci : 1, sizeof(*t->dev_bridge));
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		int key = d->domain << 8 | d->bus;
		int b = place(t, 0, d, key);
		bridge_add_bus(&t->b[b], key);
		t->dev_bridge[i] = b;
	}
}

/* Print the line so far, then turn it into the prefix of the lines below:
 * branches that go on ('+', '|') become '|', all else blank. */
static void emit(struct tree *t, char *end)
{
	*end = '\0';
	fprintf(t->l->f, "%s\n", t->line);
	for (char *p = t->line; p < end; p++)
		*p = (*p == '+' || *p == '|') ? '|' : ' ';
}

/* Room left in the line buffer from p. */
#define ROOM(t, p) ((size_t)(sizeof((t)->line) - (size_t)((p) - (t)->line)))

static void draw_bridge(struct tree *t, int b, char *p);

static void draw_device(struct tree *t, size_t i, char *p)
{
	const struct pci_dev *d = &t->l->m->pci[i];
	p += snprintf(p, ROOM(t, p), "%02x.%x", d->dev, d->fn);
	for (size_t b = 1; b < t->nb; b++)
		if (t->b[b].dev == (int)i) {
			if (t->b[b].secondary == t->b[b].subordinate)
				p += snprintf(p, ROOM(t, p), "-[%02x]-", t->b[b].secondary);
			else
				p += snprintf(p, ROOM(t, p), "-[%02x-%02x]-", t->b[b].secondary,
					      t->b[b].subordinate);
			draw_bridge(t, (int)b, p);
			return;
		}
	if (t->l->o->verbose || t->l->o->kernel) {
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (mem) {
			if (t->l->o->verbose) {
				fputs("  ", mem);
				print_names(mem, d, false);
			}
			/* -k: what lspci -t never shows, Jailhouse's view */
			if (t->l->o->kernel)
				print_jailhouse_brief(mem, t->l, d);
			fclose(mem);
			p += snprintf(p, ROOM(t, p), "%s", text);
		}
		free(text);
	}
	if (p >= t->line + sizeof(t->line) - 1)
		p = t->line + sizeof(t->line) - 2;
	emit(t, p);
}

static void draw_bus(struct tree *t, int b, int key, char *p)
{
	const struct machine *m = t->l->m;
	size_t n = 0, last = 0;
	for (size_t i = 0; i < m->npci; i++)
		if (t->dev_bridge[i] == b && (m->pci[i].domain << 8 | m->pci[i].bus) == key) {
			n++;
			last = i;
		}
	if (n == 0) {
		emit(t, p);
		return;
	}
	if (n == 1) {
		*p++ = '-';
		*p++ = '-';
		draw_device(t, last, p);
		return;
	}
	for (size_t i = 0; i < m->npci; i++) {
		if (t->dev_bridge[i] != b || (m->pci[i].domain << 8 | m->pci[i].bus) != key)
			continue;
		p[0] = i == last ? '\\' : '+';
		p[1] = '-';
		draw_device(t, i, p + 2);
	}
}

static void draw_bridge(struct tree *t, int b, char *p)
{
	const struct tree_bridge *br = &t->b[b];
	*p++ = '-';
	if (br->nbuses == 1) {
		if (b == 0)
			p += snprintf(p, ROOM(t, p), "[%04x:%02x]-", br->buses[0] >> 8,
				      br->buses[0] & 0xff);
		draw_bus(t, b, br->buses[0], p);
		return;
	}
	for (size_t i = 0; i < br->nbuses; i++) {
		bool lastbus = i + 1 == br->nbuses;
		char *k = p + snprintf(p, ROOM(t, p), "%s-[%04x:%02x]-", lastbus ? "\\" : "+",
				       br->buses[i] >> 8, br->buses[i] & 0xff);
		draw_bus(t, b, br->buses[i], k);
	}
}

static void print_tree(const struct pci_listing *l)
{
	struct tree t = { .l = l };
	build_tree(&t);
	if (!l->o->filtered) {
		draw_bridge(&t, 0, t.line);
	} else {
		/* as lspci: the subtree of each bridge the filter matches */
		for (size_t b = 1; b < t.nb; b++) {
			const struct pci_dev *d = &l->m->pci[t.b[b].dev];
			if (!pci_filter_match(&l->o->filter, d))
				continue;
			char *p = t.line + snprintf(t.line, sizeof(t.line), "%04x:%02x:",
						    d->domain, d->bus);
			draw_device(&t, (size_t)t.b[b].dev, p);
		}
	}
	for (size_t i = 0; i < t.nb; i++)
		free(t.b[i].buses);
	free(t.b);
	free(t.dev_bridge);
}

void list_pci(FILE *f, const struct machine *m, const struct list_pci_opts *o)
{
	struct pci_listing l = { .f = f, .m = m, .o = o, .domains = o->domains };
	if (m->npci == 0) {
		fprintf(f, "no PCI devices\n");
		return;
	}
	for (size_t i = 0; i < m->npci; i++)
		l.domains |= m->pci[i].domain != 0;  /* lspci shows them then */
	if (o->tree) {
		print_tree(&l);
		return;
	}
	l.classes = xcalloc(m->npci, sizeof(*l.classes));
	for (size_t i = 0; i < m->npci; i++)
		l.classes[i].class_code = m->pci[i].class_code;
	if (o->numeric != 1)
		jhconf_pci_class_names(l.classes, m->npci);
	for (size_t i = 0; i < m->npci; i++)
		if (!o->filtered || pci_filter_match(&o->filter, &m->pci[i]))
			print_device(&l, i);
	pci_ids_class_query_free(l.classes, m->npci);
	free(l.classes);
}
