/* SPDX-License-Identifier: GPL-2.0-only */
/* The project file's reader: lines to struct project, one directive a
 * line, with the comments around each kept in its note. Every error names
 * FILE:LINE and what is wrong. */
#include "project/project.h"
#include "base/textspan.h"
#include "machine/machine.h"   /* NONE_IDX */

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 16
#define MAX_CPU 4095            /* Jailhouse's cpu_set is a bitmap; 4096 CPUs is plenty */
#define MAX_PIN 255             /* IOAPIC GSIs: 4 chips x 64 pins as Jailhouse sizes pin_bitmap */

struct reader {
	const char *file;
	unsigned line;
	struct jh_error *err;
	struct project *p;
	struct proj_cell *cell;     /* the open `cell` block, or NULL */
	unsigned cell_line;
	unsigned *link_lines;       /* where each link was, for late errors */
	size_t link_lines_cap;
	bool have_header;
	struct buf lead;            /* comment/blank lines not yet attached */
	/* the current directive, cut into words */
	char *words[MAX_WORDS];
	size_t nwords;
	size_t word_off[MAX_WORDS];  /* where each word starts in text */
	char *text;                 /* the directive without its comment */
};

static int bad(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int bad(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	jh_fail(r->err, JH_BADINPUT, "%s:%u: %s", r->file, r->line, what);
	free(what);
	return -1;
}

static struct proj_note take_note(struct reader *r, const char *trail)
{
	struct proj_note n = { 0 };
	if (r->lead.len) {
		n.lead = xstrndup((const char *)r->lead.data, r->lead.len);
		r->lead.len = 0;
	}
	if (trail)
		n.trail = xstrdup(trail);
	return n;
}

/* Each single-valued directive may appear once. */
static int once(struct reader *r, bool already, const char *what)
{
	if (!already)
		return 0;
	if (r->cell)
		return bad(r, "'%s' given twice in cell '%s'", what, r->cell->name);
	return bad(r, "'%s' given twice", what);
}

static int want_words(struct reader *r, size_t min, size_t max, const char *usage)
{
	if (r->nwords < min || r->nwords > max)
		return bad(r, "expected '%s'", usage);
	return 0;
}

static int size_value(struct reader *r, const char *key, const char *s, uint64_t *out)
{
	if (!parse_size(s, out) || *out == 0)
		return bad(r, "%s: '%s' is not a size (decimal or 0x-hex, optional K/M/G)",
			   key, s);
	return 0;
}

static int addr_value(struct reader *r, const char *key, const char *s, uint64_t *out)
{
	if (!parse_size(s, out))
		return bad(r, "%s: '%s' is not an address (decimal or 0x-hex)", key, s);
	return 0;
}

static int read_source(struct reader *r, struct proj_note note)
{
	struct project *p = r->p;
	if (once(r, p->source.set, "source") < 0)
		return -1;
	const char *kind = r->nwords > 1 ? r->words[1] : "";
	if (!strcmp(kind, "live") && r->nwords == 2) {
		p->source.kind = PROJ_SOURCE_LIVE;
	} else if ((!strcmp(kind, "tree") || !strcmp(kind, "tar")) && r->nwords > 2) {
		p->source.kind = !strcmp(kind, "tree") ? PROJ_SOURCE_TREE : PROJ_SOURCE_TAR;
		p->source.path = xstrdup(r->text + r->word_off[2]);
	} else {
		return bad(r, "expected 'source live', 'source tree DIR' or 'source tar FILE'");
	}
	p->source.set = true;
	p->source.note = note;
	return 0;
}

static int read_hw_pci(struct reader *r, struct proj_note note)
{
	/* hardware pci SLOT VVVV:DDDD class CCCCCC subsys VVVV:DDDD [behind SLOT] */
	struct proj_pci_sel sel = { 0 }, up = { 0 };
	uint64_t cls, sv, sd;
	char *colon;
	if ((r->nwords != 8 && r->nwords != 10) || strcmp(r->words[4], "class") ||
	    strcmp(r->words[6], "subsys") || (r->nwords == 10 && strcmp(r->words[8], "behind")))
		return bad(r, "expected 'hardware pci SLOT VENDOR:DEVICE class CLASS "
			   "subsys VENDOR:DEVICE [behind SLOT]'");
	if (r->nwords == 10) {
		char *b = xasprintf("slot=%s", r->words[9]);
		bool okb = proj_parse_pci_field(b, &up);
		free(b);
		if (!okb)
			return bad(r, "behind: '%s' is not a PCI slot", r->words[9]);
	}
	char *slot = xasprintf("slot=%s", r->words[2]);
	char *ids = xasprintf("id=%s", r->words[3]);
	bool ok = proj_parse_pci_field(slot, &sel) && proj_parse_pci_field(ids, &sel);
	free(slot);
	free(ids);
	if (!ok)
		return bad(r, "'%s %s' is not a PCI slot and VENDOR:DEVICE", r->words[2],
			   r->words[3]);
	colon = strchr(r->words[7], ':');
	if (strlen(r->words[5]) != 6 || !span_parse_hex(r->words[5], 6, &cls) ||
	    !colon || colon - r->words[7] != 4 || strlen(colon + 1) != 4 ||
	    !span_parse_hex(r->words[7], 4, &sv) || !span_parse_hex(colon + 1, 4, &sd))
		return bad(r, "class must be 6 hex digits and subsys VENDOR:DEVICE in hex");
	struct proj_hw_pci *h = ARRAY_PUSH(r->p->hw_pci, r->p->nhw_pci, r->p->hw_pci_cap);
	*h = (struct proj_hw_pci){
		.domain = sel.domain, .bus = sel.bus, .dev = sel.dev, .fn = sel.fn,
		.vendor = sel.vendor, .device = sel.device, .class_code = (uint32_t)cls,
		.subsys_vendor = (uint16_t)sv, .subsys_device = (uint16_t)sd,
		.has_parent = r->nwords == 10, .parent_domain = up.domain,
		.parent_bus = up.bus, .parent_dev = up.dev, .parent_fn = up.fn,
		.line = r->line, .note = note,
	};
	return 0;
}

/* Every `behind` names a PCI-to-PCI bridge recorded in the file, on a
 * lower bus (a bridge's secondary bus is above its own: PCI bridge
 * specification 1.2, 3.2.5.3, as every enumerator numbers them), which
 * also rules out a chain that loops. */
static int check_hw_parents(struct reader *r)
{
	const struct project *p = r->p;
	for (size_t i = 0; i < p->nhw_pci; i++) {
		const struct proj_hw_pci *h = &p->hw_pci[i];
		if (!h->has_parent)
			continue;
		r->line = h->line;
		size_t k = project_hw_pci_find(p, h->parent_domain, h->parent_bus,
					       h->parent_dev, h->parent_fn);
		if (k == NONE_IDX)
			return bad(r, "behind %04x:%02x:%02x.%x: no 'hardware pci' line for "
				   "that slot", h->parent_domain, h->parent_bus, h->parent_dev,
				   h->parent_fn);
		if ((p->hw_pci[k].class_code >> 8) != 0x0604)
			return bad(r, "behind %04x:%02x:%02x.%x: not a PCI-to-PCI bridge "
				   "(class %06x)", h->parent_domain, h->parent_bus, h->parent_dev,
				   h->parent_fn, p->hw_pci[k].class_code);
		if (h->parent_domain != h->domain || h->parent_bus >= h->bus)
			return bad(r, "behind %04x:%02x:%02x.%x: a bridge sits on a lower bus "
				   "of the same domain than the functions behind it",
				   h->parent_domain, h->parent_bus, h->parent_dev, h->parent_fn);
	}
	for (size_t i = 0; i < p->nhw_pci; i++)
		for (size_t k = 0; k < i; k++)
			if (p->hw_pci[i].domain == p->hw_pci[k].domain &&
			    p->hw_pci[i].bus == p->hw_pci[k].bus &&
			    p->hw_pci[i].dev == p->hw_pci[k].dev &&
			    p->hw_pci[i].fn == p->hw_pci[k].fn) {
				r->line = p->hw_pci[i].line;
				return bad(r, "hardware pci %04x:%02x:%02x.%x recorded twice",
					   p->hw_pci[i].domain, p->hw_pci[i].bus,
					   p->hw_pci[i].dev, p->hw_pci[i].fn);
			}
	return 0;
}

static int read_hardware(struct reader *r, struct proj_note *note)
{
	struct project *p = r->p;
	const char *what = r->nwords > 1 ? r->words[1] : "";
	if (!strcmp(what, "cpus")) {
		uint64_t n;
		if (once(r, p->hw_cpus.set, "hardware cpus") < 0 ||
		    want_words(r, 3, 3, "hardware cpus N") < 0)
			return -1;
		if (!parse_u64(r->words[2], 10, &n) || n == 0 || n > MAX_CPU + 1)
			return bad(r, "hardware cpus: '%s' is not a CPU count", r->words[2]);
		p->hw_cpus.set = true;
		p->hw_cpus.v = (unsigned)n;
		p->hw_cpus.note = *note;
	} else if (!strcmp(what, "ram")) {
		struct proj_range rg;
		if (want_words(r, 3, 3, "hardware ram START-END") < 0)
			return -1;
		if (!proj_parse_range(r->words[2], UINT64_MAX, &rg))
			return bad(r, "hardware ram: '%s' is not a range START-END", r->words[2]);
		struct proj_range_line *l = ARRAY_PUSH(p->hw_ram, p->nhw_ram, p->hw_ram_cap);
		*l = (struct proj_range_line){ rg.first, rg.last, *note };
	} else if (!strcmp(what, "pci")) {
		if (read_hw_pci(r, *note) < 0)
			return -1;
	} else {
		return bad(r, "expected 'hardware cpus', 'hardware ram' or 'hardware pci'");
	}
	*note = (struct proj_note){ 0 };  /* now owned by the project */
	return 0;
}

static int read_hypervisor(struct reader *r, struct proj_note note)
{
	struct project *p = r->p;
	if (once(r, p->hypervisor.set, "hypervisor") < 0)
		return -1;
	bool hv = false, inm = false;
	for (size_t i = 1; i < r->nwords; i += 2) {
		const char *k = r->words[i], *v = i + 1 < r->nwords ? r->words[i + 1] : NULL;
		if (!v)
			return bad(r, "hypervisor: '%s' needs a value", k);
		int rc;
		if (!strcmp(k, "mem-hv") && !hv)
			rc = size_value(r, k, v, &p->hypervisor.mem_hv), hv = true;
		else if (!strcmp(k, "mem-inmates") && !inm)
			rc = size_value(r, k, v, &p->hypervisor.mem_inmates), inm = true;
		else if (!strcmp(k, "address") && !p->hypervisor.has_address)
			rc = addr_value(r, k, v, &p->hypervisor.address),
			p->hypervisor.has_address = true;
		else
			return bad(r, "hypervisor: unexpected '%s' (mem-hv SIZE mem-inmates SIZE "
				   "[address ADDR], each once)", k);
		if (rc < 0)
			return -1;
	}
	if (!hv || !inm)
		return bad(r, "hypervisor: needs both mem-hv SIZE and mem-inmates SIZE");
	p->hypervisor.set = true;
	p->hypervisor.note = note;
	return 0;
}

static int read_text(struct reader *r, struct proj_text *t, const char *key,
		     bool name, struct proj_note note)
{
	if (once(r, t->v != NULL, key) < 0 || want_words(r, 2, 2, key) < 0)
		return -1;
	if (name ? !proj_valid_name(r->words[1]) : strlen(r->words[1]) > 64)
		return bad(r, "%s: '%s' is not a valid name (1-%d letters, digits, '-', '_', '.')",
			   key, r->words[1], PROJECT_NAME_MAX);
	t->v = xstrdup(r->words[1]);
	t->note = note;
	return 0;
}

static int read_link(struct reader *r, struct proj_note note)
{
	struct project *p = r->p;
	struct proj_link l = { .note = note };
	size_t i = 1;
	for (; i < r->nwords && strcmp(r->words[i], "size") && strcmp(r->words[i], "protocol"); i++) {
		if (!proj_valid_name(r->words[i])) {
			bad(r, "link: '%s' is not a cell name", r->words[i]);
			goto fail;
		}
		if (strlist_contains(&l.peers, r->words[i])) {
			bad(r, "link: '%s' named twice", r->words[i]);
			goto fail;
		}
		strlist_add(&l.peers, r->words[i]);
	}
	if (l.peers.n < 2) {
		bad(r, "link: needs at least two cells");
		goto fail;
	}
	for (; i < r->nwords; i += 2) {
		const char *k = r->words[i], *v = i + 1 < r->nwords ? r->words[i + 1] : NULL;
		if (!v) {
			bad(r, "link: '%s' needs a value", k);
			goto fail;
		}
		if (!strcmp(k, "size") && !l.size) {
			if (size_value(r, "link size", v, &l.size) < 0)
				goto fail;
		} else if (!strcmp(k, "protocol") && !l.protocol &&
			   proj_valid_name(v)) {
			l.protocol = xstrdup(v);
		} else {
			bad(r, "link: unexpected '%s %s' (size SIZE, protocol NAME, each once)", k, v);
			goto fail;
		}
	}
	unsigned *ln = ARRAY_PUSH(r->link_lines, p->nlinks, r->link_lines_cap);
	p->nlinks--;
	*ln = r->line;
	*ARRAY_PUSH(p->links, p->nlinks, p->links_cap) = l;
	return 0;
fail:
	strlist_free(&l.peers);
	free(l.protocol);
	return -1;
}

static int read_cell_pci(struct reader *r, struct proj_cell *c, struct proj_note note)
{
	struct proj_pci_sel sel = { 0 };
	if (r->nwords < 2 || r->nwords > 3)
		return bad(r, "expected 'pci slot=BUS:DEV.FN' and/or 'id=VENDOR:DEVICE'");
	for (size_t i = 1; i < r->nwords; i++)
		if (!proj_parse_pci_field(r->words[i], &sel))
			return bad(r, "pci: '%s' is not slot=[[DOMAIN:]BUS:]DEV.FN or "
				   "id=VENDOR:DEVICE (hex)", r->words[i]);
	sel.note = note;
	*ARRAY_PUSH(c->pci, c->npci, c->pci_cap) = sel;
	return 0;
}

static int read_cell_mmio(struct reader *r, struct proj_cell *c, struct proj_note note)
{
	struct proj_range rg;
	if (want_words(r, 2, 3, "mmio START-END [r|rw|rx|rwx]") < 0)
		return -1;
	if (!proj_parse_range(r->words[1], UINT64_MAX, &rg))
		return bad(r, "mmio: '%s' is not START-END or START+SIZE", r->words[1]);
	if (rg.first == 0 && rg.last == UINT64_MAX)
		return bad(r, "mmio: '%s' covers the whole address space", r->words[1]);
	const char *acc = r->nwords == 3 ? r->words[2] : "rw";
	struct proj_mmio m = { .start = rg.first, .size = rg.last - rg.first + 1, .note = note };
	if (!strcmp(acc, "rw") || !strcmp(acc, "rwx"))
		m.write = true;
	if (!strcmp(acc, "rx") || !strcmp(acc, "rwx"))
		m.exec = true;
	if (strcmp(acc, "r") && !m.write && !m.exec)
		return bad(r, "mmio: access '%s' is not r, rw, rx or rwx", acc);
	*ARRAY_PUSH(c->mmio, c->nmmio, c->mmio_cap) = m;
	return 0;
}

static int read_cell_line(struct reader *r, struct proj_note *note)
{
	struct proj_cell *c = r->cell;
	const char *k = r->words[0];
	if (!strcmp(k, "kind")) {
		if (once(r, c->kind.set, k) < 0 || want_words(r, 2, 2, "kind demo|linux") < 0)
			return -1;
		if (!strcmp(r->words[1], "demo"))
			c->kind.v = PROJ_KIND_DEMO;
		else if (!strcmp(r->words[1], "linux"))
			c->kind.v = PROJ_KIND_LINUX;
		else
			return bad(r, "kind: '%s' is not demo or linux", r->words[1]);
		c->kind.set = true;
		c->kind.note = *note;
	} else if (!strcmp(k, "cpus") || !strcmp(k, "pins")) {
		bool cpus = !strcmp(k, "cpus");
		struct proj_ranges *l = cpus ? &c->cpus.list : &c->pins.list;
		if (once(r, l->n != 0, k) < 0 || want_words(r, 2, 2, cpus ? "cpus LIST" : "pins LIST") < 0)
			return -1;
		if (!proj_parse_list(r->words[1], cpus ? MAX_CPU : MAX_PIN, l))
			return bad(r, "%s: '%s' is not a list like 1,3-4 (at most %d)", k,
				   r->words[1], cpus ? MAX_CPU : MAX_PIN);
		*(cpus ? &c->cpus.note : &c->pins.note) = *note;
	} else if (!strcmp(k, "mem")) {
		if (once(r, c->mem.set, k) < 0)
			return -1;
		if ((r->nwords != 2 && r->nwords != 4) ||
		    (r->nwords == 4 && strcmp(r->words[2], "at")))
			return bad(r, "expected 'mem SIZE [at ADDRESS]'");
		if (size_value(r, k, r->words[1], &c->mem.v) < 0 ||
		    (r->nwords == 4 && addr_value(r, "mem at", r->words[3], &c->mem_at.v) < 0))
			return -1;
		c->mem.set = true;
		c->mem_at.set = r->nwords == 4;
		c->mem.note = *note;
	} else if (!strcmp(k, "pci")) {
		if (read_cell_pci(r, c, *note) < 0)
			return -1;
	} else if (!strcmp(k, "pio")) {
		struct proj_range rg;
		if (want_words(r, 2, 2, "pio START-END") < 0)
			return -1;
		if (!proj_parse_range(r->words[1], 0xffff, &rg))
			return bad(r, "pio: '%s' is not a port range within 0-0xffff", r->words[1]);
		struct proj_range_line *l = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
		*l = (struct proj_range_line){ rg.first, rg.last, *note };
	} else if (!strcmp(k, "mmio")) {
		if (read_cell_mmio(r, c, *note) < 0)
			return -1;
	} else if (!strcmp(k, "console")) {
		if (read_text(r, &c->console, k, false, *note) < 0)
			return -1;
	} else if (!strcmp(k, "flags")) {
		if (once(r, c->flags.v.n != 0, k) < 0 || want_words(r, 2, MAX_WORDS, "flags NAME...") < 0)
			return -1;
		for (size_t i = 1; i < r->nwords; i++) {
			if (!proj_valid_name(r->words[i]))
				return bad(r, "flags: '%s' is not a flag name", r->words[i]);
			if (!strlist_contains(&c->flags.v, r->words[i]))
				strlist_add(&c->flags.v, r->words[i]);
		}
		c->flags.note = *note;
	} else if (!strcmp(k, "end")) {
		if (want_words(r, 1, 1, "end") < 0)
			return -1;
		c->end_note = *note;
		r->cell = NULL;
	} else {
		return bad(r, "unknown key '%s' in cell '%s' (kind, cpus, mem, pci, pins, "
			   "pio, mmio, console, flags, end)", k, c->name);
	}
	*note = (struct proj_note){ 0 };
	return 0;
}

static int read_top_line(struct reader *r, struct proj_note *note)
{
	struct project *p = r->p;
	const char *k = r->words[0];
	int rc;
	if (!strcmp(k, "source")) {
		rc = read_source(r, *note);
	} else if (!strcmp(k, "hardware")) {
		return read_hardware(r, note);
	} else if (!strcmp(k, "hypervisor")) {
		rc = read_hypervisor(r, *note);
	} else if (!strcmp(k, "console")) {
		rc = read_text(r, &p->console, k, false, *note);
	} else if (!strcmp(k, "config-revision")) {
		uint64_t v;
		if (once(r, p->revision.set, k) < 0 || want_words(r, 2, 2, "config-revision N") < 0)
			return -1;
		if (!parse_u64(r->words[1], 10, &v) || v < 12 || v > 14)
			return bad(r, "config-revision: '%s' is not 12, 13 or 14", r->words[1]);
		p->revision = (struct proj_u64){ true, v, *note };
		rc = 0;
	} else if (!strcmp(k, "root-name")) {
		rc = read_text(r, &p->root_name, k, true, *note);
	} else if (!strcmp(k, "cell")) {
		if (want_words(r, 2, 2, "cell NAME") < 0)
			return -1;
		if (!proj_valid_name(r->words[1]))
			return bad(r, "cell: '%s' is not a valid name (1-%d letters, digits, '-', '_', '.')",
				   r->words[1], PROJECT_NAME_MAX);
		if (project_find_cell(p, r->words[1]))
			return bad(r, "cell '%s' is defined twice", r->words[1]);
		r->cell = project_add_cell(p, r->words[1]);
		r->cell->note = *note;
		r->cell_line = r->line;
		rc = 0;
	} else if (!strcmp(k, "link")) {
		rc = read_link(r, *note);
	} else if (!strcmp(k, "end")) {
		return bad(r, "'end' without a 'cell'");
	} else {
		return bad(r, "unknown key '%s' (source, hardware, hypervisor, console, "
			   "config-revision, root-name, cell, link)", k);
	}
	if (rc == 0)
		*note = (struct proj_note){ 0 };
	return rc;
}

/* Where a comment starts: a '#' at the start or after a blank. */
static char *find_comment(char *line)
{
	for (char *h = strchr(line, '#'); h; h = strchr(h + 1, '#'))
		if (h == line || text_is_blank(h[-1]))
			return h;
	return NULL;
}

/* Cut the directive into words (in place); the trailing comment goes to
 * *trail (allocated), the directive's text to r->text for values that may
 * hold blanks. */
static int split_line(struct reader *r, char *line, char **trail)
{
	*trail = NULL;
	char *h = find_comment(line);
	if (h) {
		*trail = rtrim(xstrdup(h));
		*h = '\0';
	}
	rtrim(line);
	free(r->text);
	r->text = xstrdup(line);
	r->nwords = 0;
	char *s = line;
	for (;;) {
		while (text_is_blank(*s))
			s++;
		if (!*s)
			break;
		if (r->nwords == MAX_WORDS)
			return bad(r, "more than %d words on a line", MAX_WORDS);
		r->word_off[r->nwords] = (size_t)(s - line);
		r->words[r->nwords++] = s;
		while (*s && !text_is_blank(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
	return 0;
}

static int check_links(struct reader *r)
{
	struct project *p = r->p;
	const char *root = p->root_name.v ? p->root_name.v : "RootCell";
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct strlist *peers = &p->links[i].peers;
		r->line = r->link_lines[i];
		for (size_t k = 0; k < peers->n; k++)
			if (strcmp(peers->v[k], root) && !project_find_cell(p, peers->v[k]))
				return bad(r, "link: no cell '%s' in this project", peers->v[k]);
	}
	return 0;
}

static int read_lines(struct reader *r, const char *text, size_t len)
{
	const char *pos = text, *end = text + len, *line;
	size_t n;
	if (memchr(text, '\0', len)) {
		r->line = 1;
		for (const char *q = text; *q; q++)
			r->line += *q == '\n';
		return bad(r, "a NUL byte: this is not a text file");
	}
	while (span_next_line(&pos, end, &line, &n)) {
		r->line++;
		const char *t = line;
		size_t tn = n;
		span_trim(&t, &tn);
		if (tn == 0 || t[0] == '#') {
			/* kept verbatim but for trailing blanks (a CRLF
			 * file's CR among them), which mean nothing */
			size_t keep = n;
			while (keep && text_is_blank(line[keep - 1]))
				keep--;
			buf_append(&r->lead, line, keep);
			buf_append(&r->lead, "\n", 1);
			continue;
		}
		char *copy = xstrndup(line, n), *trail;
		int rc = split_line(r, copy, &trail);
		struct proj_note note = { 0 };
		if (rc == 0) {
			note = take_note(r, trail);
			free(trail);
			trail = NULL;
			if (!r->have_header) {
				uint64_t v;
				if (strcmp(r->words[0], "jhconf-project") || r->nwords != 2 ||
				    !parse_u64(r->words[1], 10, &v))
					rc = bad(r, "the first line must be 'jhconf-project %d'",
						 PROJECT_FORMAT_VERSION);
				else if (v != PROJECT_FORMAT_VERSION)
					rc = bad(r, "format version %llu; this jhconf reads version %d",
						 (unsigned long long)v, PROJECT_FORMAT_VERSION);
				else {
					r->p->header_note = note;
					note = (struct proj_note){ 0 };
					r->have_header = true;
				}
			} else if (!strcmp(r->words[0], "jhconf-project")) {
				rc = bad(r, "'jhconf-project' given twice");
			} else {
				rc = r->cell ? read_cell_line(r, &note) : read_top_line(r, &note);
			}
		}
		free(note.lead);
		free(note.trail);
		free(trail);
		free(copy);
		if (rc < 0)
			return -1;
	}
	if (r->cell) {
		r->line = r->cell_line;
		return bad(r, "cell '%s' has no 'end'", r->cell->name);
	}
	if (!r->have_header)
		return jh_fail(r->err, JH_BADINPUT, "%s: empty: no 'jhconf-project %d' line",
			       r->file, PROJECT_FORMAT_VERSION);
	if (r->lead.len)
		r->p->tail = xstrndup((const char *)r->lead.data, r->lead.len);
	if (check_hw_parents(r) < 0)
		return -1;
	return check_links(r);
}

int project_parse(const char *file, const char *text, size_t len,
		  struct project *out, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	struct reader r = { .file = file, .err = err, .p = out };
	int rc = read_lines(&r, text, len);
	buf_free(&r.lead);
	free(r.link_lines);
	free(r.text);
	if (rc < 0)
		project_free(out);
	return rc;
}
