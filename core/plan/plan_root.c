/* SPDX-License-Identifier: GPL-2.0-only */
/* The root cell planner: the steps of Jailhouse master's config create,
 * in its order, so that refusals come in the same order too. */
#define _GNU_SOURCE
#include "plan/plan_internal.h"
#include "base/format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW_PREFERRED 0x3a000000ull
#define IOAPIC_MAX_PINS 120
#define PL_PAGE 0x1000ull
#define PLAN_PAGE_SIZE 0x1000ull

void plan_opts_default(struct plan_opts *o)
{
	*o = (struct plan_opts){ 0 };
	o->mem_hv = 6ull << 20;
	o->mem_inmates = 76ull << 20;
	o->console = "ttyS0";
}

void plan_result_free(struct plan_result *r)
{
	free(r->hint);
	r->hint = NULL;
}

/* The hypervisor's debug console. An unusable choice leaves no console,
 * as master does, but says so. */
static void plan_console(struct planner *p, const char *name,
			 struct cfg_console *c)
{
	memset(c, 0, sizeof(*c));
	if (!strcmp(name, "none"))
		return;
	const struct uart *u = machine_find_uart(p->m, name);
	if (!u) {
		jh_finding_add(p->diag, JH_R_CONSOLE_NO_SUCH_PORT, NULL,
			       "console %s: no such serial port; the hypervisor gets no debug console",
			       name);
		return;
	}
	size_t before = p->diag ? p->diag->n : 0;
	if (u->type == 0)
		jh_finding_add(p->diag, JH_R_CONSOLE_NO_UART, NULL,
			       "console %s: the kernel found no UART behind it (type 0)",
			       name);
	if ((u->io_type == 0 && u->no_port) ||
	    ((u->io_type == 2 || u->io_type == 3) && u->no_iomem_base)) {
		/* an unknown address is not address 0 */
		jh_finding_add(p->diag, JH_R_CONSOLE_NO_PORT_FILE,
			       &(struct jh_subject){ .file = "/sys/class/tty" },
			       "console %s: /sys/class/tty/%s/%s is missing, so its address is "
			       "unknown; the hypervisor gets no debug console",
			       name, name, u->io_type == 0 ? "port" : "iomem_base");
		return;
	}
	if (u->io_type == 0) {
		c->address = u->port;
		c->flags = JH_CON_ACCESS_PIO | JH_CON_REGDIST_1;
	} else if ((u->io_type == 2 && u->iomem_reg_shift == 0) ||
		   (u->io_type == 3 && u->iomem_reg_shift == 2)) {
		c->address = u->iomem_base;
		c->size = 0x1000;
		c->flags = JH_CON_ACCESS_MMIO |
			   (u->iomem_reg_shift ? JH_CON_REGDIST_4 : JH_CON_REGDIST_1);
	} else {
		jh_finding_add(p->diag, JH_R_CONSOLE_ACCESS_MODE, NULL,
			       "console %s: access mode io_type=%d, reg_shift=%d is not "
			       "supported; no debug console", name, u->io_type, u->iomem_reg_shift);
	}
	if (c->address == 0) {
		/* dropped as master drops it, but never without a word */
		if ((p->diag ? p->diag->n : 0) == before)
			jh_finding_add(p->diag, JH_R_CONSOLE_NO_UART, NULL,
				       "console %s: address 0; the hypervisor gets no debug console",
				       name);
		memset(c, 0, sizeof(*c));
		return;
	}
	c->type = JH_CON_TYPE_8250;
}

static int plan_mmconfig(struct planner *p, struct cfg_system *s)
{
	const char *file = "/sys/firmware/acpi/tables/MCFG";
	const struct machine *m = p->m;
	const struct jh_subject subj = { .file = file };
	if (!m->have_mcfg)
		return pl_refuse(p, JH_R_ROOT_NO_MCFG, &subj,
				 "%s: missing: Jailhouse needs PCI MMCONFIG (ECAM), which this "
				 "machine lacks (QEMU: use -machine q35, not pc/i440fx)", file);
	if (m->mcfg.n == 0)
		return pl_refuse(p, JH_R_ROOT_MCFG_EMPTY, &subj, "%s: no MMCONFIG region listed", file);
	if (m->mcfg.n > 1)
		return pl_refuse(p, JH_R_ROOT_MCFG_SEVERAL, &subj,
				 "%s: %zu MMCONFIG regions; Jailhouse supports exactly one",
				 file, m->mcfg.n);
	const struct mcfg_alloc *a = &m->mcfg.allocs[0];
	if (a->segment != 0 || a->start_bus != 0)
		return pl_refuse(p, JH_R_ROOT_MCFG_SEGMENT, &subj,
				 "%s: the MMCONFIG region is for segment %u from bus %u; "
				 "Jailhouse needs segment 0 from bus 0",
				 file, a->segment, a->start_bus);
	s->pci_mmconfig_base = a->base;
	s->pci_mmconfig_end_bus = a->end_bus;
	return 0;
}

static void find_named(const struct res_tree *t, const char *name,
		       size_t *count, uint64_t *start)
{
	for (size_t i = 0; i < t->n; i++)
		if (strstr(t->nodes[i].name, name)) {
			if (*count == 0)
				*start = t->nodes[i].start;
			(*count)++;
		}
}

static int plan_pm_timer(struct planner *p, struct cfg_system *s)
{
	size_t count = 0;
	uint64_t start = 0;
	find_named(&p->m->ioports, "ACPI PM_TMR", &count, &start);
	if (count != 1)
		return pl_refuse(p, JH_R_ROOT_PM_TIMER,
				 &(struct jh_subject){ .file = "/proc/ioports" },
				 "/proc/ioports: %zu entries for the ACPI PM timer (\"ACPI PM_TMR\"), "
				 "expected 1: Jailhouse needs the ACPI PM timer to calibrate its clocks",
				 count);
	if (p->m->have_fadt && p->m->fadt.pm_tmr_blk && p->m->fadt.pm_tmr_blk != start)
		jh_finding_add(p->diag, JH_R_PM_TIMER_FADT, NULL, "the FADT places the PM timer at 0x%x, /proc/ioports at 0x%llx; "
			"using /proc/ioports", p->m->fadt.pm_tmr_blk,
			(unsigned long long)start);
	s->pm_timer_address = (uint16_t)start;
	return 0;
}

static int plan_ioapics(struct planner *p)
{
	if (!p->m->have_madt)
		return pl_refuse(p, JH_R_ROOT_NO_MADT,
				 &(struct jh_subject){ .file = "/sys/firmware/acpi/tables/APIC" },
				 "/sys/firmware/acpi/tables/APIC: missing: the MADT is needed to find the IOAPICs");
	p->nchips = p->m->madt.nioapics;
	p->chips = xcalloc(p->nchips, sizeof(*p->chips));
	for (size_t i = 0; i < p->nchips; i++)
		p->chips[i] = (struct pl_ioapic){ .chip = &p->m->madt.ioapics[i],
						  .iommu = -1 };
	return 0;
}

/* 120 IOAPIC pins plus every device's largest vector count, rounded up to
 * a power of two (master computes 2**ceil(log2(n)) in floating point; for
 * every n it can meet, that equals the integer rounding used here). */
static uint32_t interrupt_limit(const struct planner *p)
{
	uint64_t n = IOAPIC_MAX_PINS;
	for (size_t i = 0; i < p->ndevs; i++) {
		const struct pci_dev *d = p->devs[i].pci;
		n += d->msi_vectors > d->msix_vectors ? d->msi_vectors : d->msix_vectors;
	}
	uint64_t pow = 1;
	while (pow < n)
		pow <<= 1;
	return (uint32_t)pow;
}

static bool caps_equal(const struct pci_dev *a, const struct pci_dev *b)
{
	if (a->ncaps != b->ncaps)
		return false;
	for (size_t i = 0; i < a->ncaps; i++) {
		const struct pci_cap *x = &a->caps[i], *y = &b->caps[i];
		if (x->id != y->id || x->extended != y->extended || x->start != y->start ||
		    x->len != y->len || x->writable != y->writable)
			return false;
	}
	return true;
}

/* A hash of what caps_equal compares, so that equal lists meet in one
 * bucket. */
static size_t caps_hash(const struct pci_dev *d)
{
	uint64_t h = 0xcbf29ce484222325ull ^ d->ncaps;   /* FNV-1a */
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *x = &d->caps[i];
		uint64_t v = (uint64_t)x->id | (uint64_t)x->start << 16 |
			     (uint64_t)x->len << 32 | (uint64_t)x->extended << 48 |
			     (uint64_t)x->writable << 49;
		h = (h ^ v) * 0x100000001b3ull;
	}
	return (size_t)(h ^ h >> 29);
}

/* The first device of each distinct capability list, found by its
 * list's hash (open addressing): a device whose list an earlier one has
 * shares that one's entries. Searching all earlier devices instead made
 * the planner quadratic in the number of devices. */
struct caps_seen {
	size_t *slot;   /* index into the planner's devices + 1, 0 for empty */
	size_t mask;
};

static void caps_seen_init(struct caps_seen *t, size_t ndevs)
{
	size_t n = 16;
	while (n < 2 * ndevs)
		n *= 2;
	t->slot = xcalloc(n, sizeof(*t->slot));
	t->mask = n - 1;
}

/* The earlier device with d's list (its index), or else d's index i,
 * recorded as the first of its list. */
static size_t caps_first(struct caps_seen *t, const struct planner *p,
			 size_t i)
{
	const struct pci_dev *d = p->devs[i].pci;
	for (size_t h = caps_hash(d) & t->mask;; h = (h + 1) & t->mask) {
		if (!t->slot[h]) {
			t->slot[h] = i + 1;
			return i;
		}
		if (caps_equal(p->devs[t->slot[h] - 1].pci, d))
			return t->slot[h] - 1;
	}
}

static char *pci_comment(const struct pci_dev *d)
{
	const char *sep = d->vendor_name && d->device_name ? " " : "";
	char bdf[FMT_BDF_LEN];
	return xasprintf("%s %s%s%s%s%s%s",
			 fmt_bdf(bdf, 0, fmt_bdf_pack(d->bus, d->dev, d->fn),
				 FMT_BDF_SHORT),
			 d->vendor_name ? d->vendor_name : "",
			 sep, d->device_name ? d->device_name : "",
			 d->driver ? " [" : "", d->driver ? d->driver : "",
			 d->driver ? "]" : "");
}

static void plan_pci(struct planner *p, struct cfg_cell *c)
{
	struct caps_seen seen;
	caps_seen_init(&seen, p->ndevs);
	for (size_t i = 0; i < p->ndevs; i++) {
		const struct pci_dev *d = p->devs[i].pci;
		struct cfg_pci_dev *e = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
		e->type = d->is_bridge ? JH_PCI_TYPE_BRIDGE : JH_PCI_TYPE_DEVICE;
		e->iommu = (uint8_t)(p->devs[i].iommu < 0 ? 0 : p->devs[i].iommu);
		e->domain = d->domain;
		e->bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
		memcpy(e->bar_mask, d->bar_mask, sizeof(e->bar_mask));
		e->num_caps = (uint16_t)d->ncaps;
		e->num_msi_vectors = (uint8_t)d->msi_vectors;
		e->msi_bits = (uint8_t)((d->msi_64bits ? 1 : 0) | (d->msi_maskable ? 2 : 0));
		e->num_msix_vectors = (uint16_t)d->msix_vectors;
		e->msix_region_size = (uint16_t)d->msix_region_size;
		e->msix_address = d->msix_address;
		e->comment = pci_comment(d);
		if (!d->ncaps)
			continue;
		/* an identical list of an earlier device is shared */
		size_t first = caps_first(&seen, p, i);
		if (first < i) {
			e->caps_start = c->pci[first].caps_start;
			continue;
		}
		e->caps_start = (uint16_t)c->ncaps;
		for (size_t k = 0; k < d->ncaps; k++) {
			const struct pci_cap *pc = &d->caps[k];
			struct cfg_pci_cap *cc = ARRAY_PUSH(c->caps, c->ncaps, c->caps_cap);
			cc->id = (uint16_t)(pc->id | (pc->extended ? JH_PCI_EXT_CAP : 0));
			cc->start = pc->start;
			cc->len = pc->len;
			cc->flags = pc->writable ? JH_PCICAPS_WRITE : 0;
		}
	}
	free(seen.slot);
}

/* Carve the window out of one System RAM region that holds all of it at
 * the preferred address, or else take the start of the last RAM region
 * big enough (which may be the kernel's own: worth a warning). */
static int alloc_window(struct planner *p, uint64_t size, uint64_t want_at,
			uint64_t *start)
{
	struct pl_regions *l = &p->mem;
	uint64_t want = want_at ? want_at : WINDOW_PREFERRED;
	for (size_t i = 0; i < l->n; i++) {
		struct pl_region r = l->v[i];
		if (strcmp(r.type, "System RAM") || r.start > want ||
		    r.stop + 1 < want + size)
			continue;
		size_t at = i;
		if (r.start < want)
			pl_regions_insert(l, at++, r.start, want - 1, r.type, r.comment);
		if (r.stop + 1 > want + size)
			pl_regions_insert(l, at++, want + size, r.stop, r.type, r.comment);
		pl_regions_remove(l, at);
		*start = want;
		return 0;
	}
	/* a place the user chose is that place or nothing */
	if (want_at)
		return pl_refuse(p, JH_R_WINDOW_NO_ROOM,
				 &(struct jh_subject){ .has_range = true, .start = want_at,
						       .end = want_at + size - 1 },
				 "the window 0x%llx-0x%llx (--window-address) is not inside one "
				 "System RAM region",
				 (unsigned long long)want_at,
				 (unsigned long long)(want_at + size - 1));
	for (size_t i = l->n; i-- > 0;) {
		struct pl_region *r = &l->v[i];
		if (strcmp(r->type, "System RAM") || pl_region_mem_size(r) < size)
			continue;
		*start = r->start;
		r->start += size;
		jh_finding_add(p->diag, JH_R_WINDOW_LAST_RAM,
			       &(struct jh_subject){ .has_range = true, .start = *start,
						     .end = *start + size - 1 },
			       "no room for Jailhouse at 0x%llx; it goes to 0x%llx, the start "
			"of the last RAM region big enough: check that this is not where the "
			"kernel lives, or reserve memory with memmap=",
			(unsigned long long)want, (unsigned long long)*start);
		return 0;
	}
	return pl_refuse(p, JH_R_WINDOW_NO_ROOM, NULL,
			 "no System RAM region can hold the 0x%llx bytes Jailhouse needs",
			 (unsigned long long)size);
}

/* A memmap= reservation that the kernel honoured shows in /proc/iomem as
 * a top-level "Reserved" region; System RAM inside it means the kernel
 * did not reserve it (the hypervisor would sit inside the root cell's
 * RAM), and any other top-level region means it covers device or
 * firmware memory. One finding per kind, naming the first culprit. */
static int check_memmap_iomem(struct planner *p, uint64_t start, uint64_t end)
{
	const struct res_tree *t = &p->m->iomem;
	bool in_ram = false, overlap = false;
	for (size_t i = 0; i < t->n; i++) {
		const struct res_node *r = &t->nodes[i];
		if (r->end < start || r->start > end)
			continue;
		const struct jh_subject subj = {
			.file = "/proc/iomem", .has_range = true,
			.start = r->start, .end = r->end,
		};
		if (!strcmp(r->name, "System RAM")) {
			if (!in_ram)
				pl_refuse(p, JH_R_WINDOW_MEMMAP_IN_RAM, &subj,
					  "/proc/iomem: the memmap reservation 0x%llx-0x%llx is still "
					  "System RAM at 0x%llx-0x%llx: the kernel did not honour it, and "
					  "the hypervisor would sit inside the root cell's RAM",
					  (unsigned long long)start, (unsigned long long)end,
					  (unsigned long long)r->start, (unsigned long long)r->end);
			in_ram = true;
		} else if (r->level == 1 && strcasecmp(r->name, "reserved")) {
			if (!overlap)
				pl_refuse(p, JH_R_WINDOW_MEMMAP_OVERLAP, &subj,
					  "/proc/iomem: the memmap reservation 0x%llx-0x%llx overlaps "
					  "\"%s\" at 0x%llx-0x%llx, which is not reserved RAM",
					  (unsigned long long)start, (unsigned long long)end,
					  r->name, (unsigned long long)r->start,
					  (unsigned long long)r->end);
			overlap = true;
		}
	}
	if (in_ram || overlap)
		return -1;
	/* nothing else there: top-level Reserved regions must hold all of it
	 * (siblings come sorted and apart, parse_res_tree checks), else the
	 * kernel reserved nothing there, e.g. beyond the machine's memory */
	uint64_t next = start;
	for (size_t i = t->first_root; i != NONE_IDX && next <= end; i = t->nodes[i].next_sibling) {
		const struct res_node *r = &t->nodes[i];
		if (r->start <= next && r->end >= next && !strcasecmp(r->name, "reserved")) {
			if (r->end >= end)
				return 0;
			next = r->end + 1;
		}
	}
	return pl_refuse(p, JH_R_WINDOW_MEMMAP_NOT_RESERVED,
			 &(struct jh_subject){ .file = "/proc/iomem", .has_range = true,
			 .start = start, .end = end },
			 "/proc/iomem: no Reserved region holds the memmap reservation "
			 "0x%llx-0x%llx (from 0x%llx): the kernel did not reserve it there",
			 (unsigned long long)start, (unsigned long long)end,
			 (unsigned long long)next);
}

static int check_memmap(struct planner *p, const struct memmap_resv *mm,
			uint64_t total)
{
	const struct jh_subject cmdline = { .file = "/proc/cmdline" };
	/* the last byte, start + size - 1, must not pass 2^64 - 1 */
	if (mm->size == 0 || mm->start > UINT64_MAX - (mm->size - 1))
		return pl_refuse(p, JH_R_WINDOW_MEMMAP_WRAPS, &cmdline,
				 "/proc/cmdline: the memmap reservation of 0x%llx bytes at 0x%llx "
				 "ends past the end of the 64-bit address space",
				 (unsigned long long)mm->size, (unsigned long long)mm->start);
	/* Jailhouse maps its memory in pages, and x86-64 has 52 address bits */
	if (mm->start & (PL_PAGE - 1) || mm->start + (mm->size - 1) >= 1ull << 52)
		return pl_refuse(p, JH_R_WINDOW_MEMMAP_UNUSABLE, &cmdline,
				 "/proc/cmdline: the memmap reservation of 0x%llx bytes at 0x%llx "
				 "%s", (unsigned long long)mm->size, (unsigned long long)mm->start,
				 mm->start & (PL_PAGE - 1) ? "does not start on a 4 KiB page"
				 : "ends above 2^52, the highest x86-64 physical address");
	if (total > mm->size)
		return pl_refuse(p, JH_R_WINDOW_MEMMAP_TOO_SMALL, &cmdline,
				 "/proc/cmdline: the memmap reservation (0x%llx bytes) is smaller "
				 "than the 0x%llx Jailhouse needs; boot with memmap=0x%llx$0x%llx",
				 (unsigned long long)mm->size, (unsigned long long)total,
				 (unsigned long long)total, (unsigned long long)mm->start);
	return check_memmap_iomem(p, mm->start, mm->start + mm->size - 1);
}

static int plan_window(struct planner *p, const struct plan_opts *o,
		       struct plan_result *res)
{
	uint64_t total = o->mem_hv + o->mem_inmates;
	const struct machine *m = p->m;
	/* a place asked for away from the kernel's reservation: the window
	 * goes there (RAM the kernel uses today, as without memmap=) and the
	 * new memmap= is what the boot entry needs */
	bool moved = m->nmemmaps && o->window_address &&
		     o->window_address != m->memmaps[0].start;
	if (moved)
		jh_finding_add(p->diag, JH_R_WINDOW_ADDRESS_NOT_RESERVED,
			       &(struct jh_subject){ .file = "/proc/cmdline" },
			       "/proc/cmdline: the kernel reserves 0x%llx (memmap=), the window "
			       "moves to 0x%llx: boot with its memmap= before enabling Jailhouse",
			       (unsigned long long)m->memmaps[0].start,
			       (unsigned long long)o->window_address);
	if (m->nmemmaps && !moved) {
		const struct memmap_resv *mm = &m->memmaps[0];
		if (m->nmemmaps > 1)
			jh_finding_add(p->diag, JH_R_WINDOW_MEMMAP_SEVERAL,
				       &(struct jh_subject){ .file = "/proc/cmdline" },
				       "/proc/cmdline: %zu memmap reservations; using the first",
				       m->nmemmaps);
		if (check_memmap(p, mm, total) < 0)
			return -1;
		res->window_start = mm->start;
		res->window_size = mm->size;
		res->memmap_in_cmdline = true;
	} else {
		if (alloc_window(p, total, o->window_address, &res->window_start) < 0)
			return -1;
		res->window_size = total;
	}
	res->hint = xasprintf("memmap=0x%llx$0x%llx",
			      (unsigned long long)res->window_size,
			      (unsigned long long)res->window_start);
	pl_regions_add(&p->mem, res->window_start + o->mem_hv,
		       res->window_start + o->mem_hv + o->mem_inmates - 1,
		       "JAILHOUSE Inmate Memory", NULL);
	return 0;
}

/* RAM must be whole pages from its start: Jailhouse treats a region whose
 * start or size is not page-aligned as sub-page MMIO and emulates every
 * access to it (cell-config.h JAILHOUSE_MEMORY_IS_SUBPAGE), which RAM
 * cannot live with. Master keeps an unaligned start (and rounds the size
 * up); the kernel never lists System RAM that way, so a file that does is
 * refused instead of written. Device memory may be sub-page. */
static void check_ram_aligned(struct planner *p, const struct cfg_cell *c)
{
	for (size_t i = 0; i < c->nmem; i++) {
		const struct cfg_memory *r = &c->mem[i];
		if (!(r->flags & JH_MEM_DMA) || !(r->phys_start & (PL_PAGE - 1)))
			continue;
		pl_refuse(p, JH_R_ROOT_RAM_UNALIGNED,
			  &(struct jh_subject){ .has_range = true, .start = r->phys_start,
			  .end = r->phys_start + r->size - 1 },
			  "root cell RAM region at 0x%llx (%s) does not start on a page: "
			  "Jailhouse would emulate it as sub-page MMIO",
			  (unsigned long long)r->phys_start, r->comment ? r->comment : "?");
	}
}

/* Defence in depth: whatever /proc/iomem and the command line said, no
 * root cell memory region may reach into the hypervisor's memory
 * (jailhouse config check reports the same overlap). */
static void check_hv_overlap(struct planner *p, const struct cfg_system *s)
{
	uint64_t hs = s->hypervisor_memory.phys_start;
	uint64_t he = hs + s->hypervisor_memory.size - 1;
	const struct cfg_cell *c = &s->root;
	for (size_t i = 0; i < c->nmem; i++) {
		const struct cfg_memory *r = &c->mem[i];
		if (r->size == 0)
			continue;
		uint64_t re = r->phys_start > UINT64_MAX - (r->size - 1) ?
			      UINT64_MAX : r->phys_start + r->size - 1;
		if (re < hs || r->phys_start > he)
			continue;
		pl_refuse(p, JH_R_ROOT_OVERLAPS_HV,
			  &(struct jh_subject){ .has_range = true, .start = r->phys_start,
			  .end = re },
			  "root cell memory region 0x%llx-0x%llx (%s) overlaps the hypervisor's "
			  "memory 0x%llx-0x%llx",
			  (unsigned long long)r->phys_start, (unsigned long long)re,
			  r->comment ? r->comment : "?", (unsigned long long)hs,
			  (unsigned long long)he);
	}
}

/* A device whose MSI-X table is not in memory space cannot have its
 * table intercepted; discovery recorded the fact, the refusal is here. */
static void plan_msix_devices(struct planner *p)
{
	for (size_t i = 0; i < p->m->npci; i++) {
		const struct pci_dev *d = &p->m->pci[i];
		if (!d->msix_not_memory)
			continue;
		char *file = xasprintf("/sys/bus/pci/devices/%s/config", d->slot);
		pl_refuse(p, JH_R_PCI_MSIX_NOT_MEMORY,
			  &(struct jh_subject){ .file = file, .has_bdf = true,
			  .bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn) },
			  "%s: the MSI-X table (capability at 0x%x) lies in BAR %u, which is not "
			  "a memory BAR (0x%08x): Jailhouse cannot handle this device",
			  file, d->msix_bad_cap, d->msix_bad_bir, d->msix_bad_bar);
		free(file);
	}
}

static void emit_memory(const struct planner *p, struct cfg_cell *c)
{
	for (size_t i = 0; i < p->mem.n; i++) {
		const struct pl_region *r = &p->mem.v[i];
		struct cfg_memory *e = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
		e->phys_start = e->virt_start = r->start;
		e->size = pl_region_mem_size(r);
		e->flags = JH_MEM_READ | JH_MEM_WRITE;
		if (pl_region_is_ram(r))
			e->flags |= JH_MEM_EXECUTE | JH_MEM_DMA;
		e->comment = r->comment ? xasprintf("%s (%s)", r->type, r->comment)
					: xstrdup(r->type);
	}
}

static void emit_irqchips_ports(const struct planner *p, struct cfg_cell *c)
{
	for (size_t i = 0; i < p->nchips; i++) {
		const struct pl_ioapic *a = &p->chips[i];
		struct cfg_irqchip *e = ARRAY_PUSH(c->irqchips, c->nirqchips, c->irqchips_cap);
		uint32_t unit = a->iommu < 0 ? 0 : (uint32_t)a->iommu;
		e->address = a->chip->address;
		e->id = unit << 16 | a->bdf;
		for (int k = 0; k < 4; k++)
			e->pin_bitmap[k] = 0xffffffff;
		e->comment = xasprintf("IOAPIC %u, GSI base %u", a->chip->id,
				       a->chip->gsi_base);
	}
	for (size_t i = 0; i < p->ports.n; i++) {
		const struct pl_region *r = &p->ports.v[i];
		if (!r->permit)
			continue;
		struct cfg_pio *e = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
		e->base = (uint16_t)r->start;
		e->length = (uint16_t)(r->stop - r->start + 1);
		e->comment = xstrdup(r->type);
	}
}

static void emit_iommus(const struct planner *p, struct cfg_system *s)
{
	s->niommu = p->nunits;
	memcpy(s->iommu, p->units, p->nunits * sizeof(*p->units));
}

static char *product_text(const struct machine *m)
{
	return xasprintf("%s%s%s", m->dmi_vendor ? m->dmi_vendor : "",
			 m->dmi_vendor && m->dmi_product ? " " : "",
			 m->dmi_product ? m->dmi_product : "");
}

/* The steps in master's order. A refusal adds an error finding and the
 * steps that do not depend on the refused one still run, so that every
 * problem is reported at once; broken input (err set) stops at once. */
static int plan_steps(struct planner *p, const struct plan_opts *o,
		      struct cfg_system *s, struct plan_result *res)
{
	const struct machine *m = p->m;
	if (m->jailhouse_enabled)
		pl_refuse(p, JH_R_ROOT_JAILHOUSE_ENABLED, NULL,
			  "Jailhouse was enabled when this was collected: disable it and "
			  "collect again");
	plan_console(p, o->console, &s->debug_console);
	if (m->cpu.sysfs_count == 0)
		return jh_fail(p->err, JH_BADINPUT,
			       "/sys/devices/system/cpu: no cpuN entries");
	cfg_cell_set_cpus(&s->root, m->cpu.sysfs_count);
	plan_mmconfig(p, s);
	plan_msix_devices(p);
	p->ndevs = m->npci;
	p->devs = xcalloc(m->npci, sizeof(*p->devs));
	for (size_t i = 0; i < m->npci; i++)
		p->devs[i] = (struct pl_dev){ .pci = &m->pci[i], .iommu = -1 };
	bool have_mem = plan_mem_regions(p) == 0;
	plan_port_regions(p);
	plan_pm_timer(p, s);
	plan_ioapics(p);
	plan_iommus(p);
	if (p->err->msg)
		return -1;
	for (size_t i = 0; i < p->extra.n; i++)
		pl_regions_add(&p->mem, p->extra.v[i].start, p->extra.v[i].stop,
			       p->extra.v[i].type, p->extra.v[i].comment);
	s->vtd_interrupt_limit = interrupt_limit(p);
	plan_pci(p, &s->root);
	/* the window is carved out of the memory regions: none, no window */
	if (have_mem)
		plan_window(p, o, res);
	if (p->nerrors)
		return -1;
	s->flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE;
	s->hypervisor_memory.phys_start = res->window_start;
	s->hypervisor_memory.size = o->mem_hv;
	cfg_set_name(s->root.name, "RootCell");
	emit_memory(p, &s->root);
	emit_irqchips_ports(p, &s->root);
	emit_iommus(p, s);
	s->product = product_text(m);
	s->cmdline_hint = xstrdup(res->hint);
	check_hv_overlap(p, s);
	check_ram_aligned(p, &s->root);
	return p->nerrors ? -1 : 0;
}

int pl_refuse(struct planner *p, enum jh_rule_id rule,
	   const struct jh_subject *subject, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	jh_finding_add(p->diag, rule, subject, "%s", msg ? msg : "refused");
	if (jh_rule_get(rule)->severity == JH_SEV_ERROR)
		p->nerrors++;
	free(msg);
	return -1;
}

/* x86-64 physical addresses have at most 52 bits: no memory size beyond
 * that can be placed. */
#define PLAN_MAX_MEM (1ull << 52)

int plan_check_size(const char *name, uint64_t size, struct jh_error *err)
{
	if (size == 0)
		return jh_fail(err, JH_BADINPUT, "%s: the size must not be zero", name);
	if (size > PLAN_MAX_MEM)
		return jh_fail(err, JH_BADINPUT,
			       "%s: 0x%llx bytes is more than an x86-64 machine can address "
			       "(4 PiB, 52-bit physical addresses)",
			       name, (unsigned long long)size);
	if (size % PLAN_PAGE_SIZE)
		return jh_fail(err, JH_BADINPUT,
			       "%s: 0x%llx is not a multiple of 4 KiB (one page): Jailhouse "
			       "maps memory in whole pages", name, (unsigned long long)size);
	return 0;
}

int plan_opts_check(const struct plan_opts *o, struct jh_error *err)
{
	if (plan_check_size("--mem-hv", o->mem_hv, err) < 0 ||
	    plan_check_size("--mem-inmates", o->mem_inmates, err) < 0)
		return -1;
	if (o->window_address % PLAN_PAGE_SIZE)
		return jh_fail(err, JH_BADINPUT,
			       "--window-address: 0x%llx is not a multiple of 4 KiB",
			       (unsigned long long)o->window_address);
	if (o->window_address > PLAN_MAX_MEM)
		return jh_fail(err, JH_BADINPUT,
			       "--window-address: 0x%llx is beyond what an x86-64 machine can "
			       "address (4 PiB)", (unsigned long long)o->window_address);
	/* each is at most 2^52, so the sum cannot wrap */
	if (o->mem_hv + o->mem_inmates > PLAN_MAX_MEM)
		return jh_fail(err, JH_BADINPUT,
			       "--mem-hv and --mem-inmates: 0x%llx bytes together, more than an "
			       "x86-64 machine can address (4 PiB)",
			       (unsigned long long)(o->mem_hv + o->mem_inmates));
	return 0;
}

int plan_root_cell(const struct machine *m, const struct plan_opts *o,
		   struct cfg_system *s, struct plan_result *res,
		   struct jh_findings *diag, struct jh_error *err)
{
	memset(s, 0, sizeof(*s));
	memset(res, 0, sizeof(*res));
	if (plan_opts_check(o, err) < 0)
		return -1;
	struct jh_findings local = { 0 };
	struct planner p = { .m = m, .diag = diag ? diag : &local, .err = err };
	size_t first_new = p.diag->n;
	int rc = plan_steps(&p, o, s, res);
	if (rc < 0 && !err->msg) {
		/* refused: err carries the first error finding's line */
		const struct jh_finding *first = NULL;
		for (size_t i = first_new; i < p.diag->n && !first; i++)
			if (jh_finding_severity(&p.diag->v[i]) == JH_SEV_ERROR)
				first = &p.diag->v[i];
		jh_fail(err, JH_REFUSED, "%s", first ? first->msg : "refused");
	}
	free(p.devs);
	free(p.chips);
	pl_regions_free(&p.mem);
	pl_regions_free(&p.dmar_regions);
	pl_regions_free(&p.extra);
	pl_regions_free(&p.ports);
	jh_findings_free(&local);
	if (rc < 0) {
		cfg_system_free(s);
		plan_result_free(res);
	}
	return rc;
}
