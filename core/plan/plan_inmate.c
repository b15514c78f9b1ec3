/* SPDX-License-Identifier: GPL-2.0-only */
/* The inmate cells of a project: CPUs, RAM and the communication region,
 * console, ports, pins and extra MMIO, with Jailhouse's rules for x86
 * inmates (driver/cell.c, hypervisor/control.c, configs/x86/ files; see
 * each rule below). Devices are in plan_inmate_pci.c, links in
 * plan_ivshmem.c. */
#include "plan/plan_inmate.h"
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

#define HUGE_PAGE 0x200000ull
#define DEFAULT_DEMO_MEM 0x100000ull      /* the demos' 1 MiB (configs/x86/apic-demo.c) */
#define DEFAULT_LINUX_MEM 0x4000000ull    /* 64 MiB: room above the kernel's 16 MiB load address */

static const struct {
	const char *name;
	uint32_t flag;
} cell_flag_names[] = {
	{ "passive-commreg", JH_CELL_PASSIVE_COMMREG },
	{ "test-device", JH_CELL_TEST_DEVICE },
	{ "virtual-console-permitted", JH_CELL_VIRTUAL_CONSOLE_PERMITTED },
	{ "virtual-console-active", JH_CELL_VIRTUAL_CONSOLE_ACTIVE },
};

const char *inmate_root_name(const struct project *p)
{
	return p->root_name.v ? p->root_name.v : "RootCell";
}

int inmate_reserve(struct inmate_planner *ip, uint64_t start, uint64_t end,
		   const char *owner)
{
	if (start < ip->win_start || end > ip->win_end || end <= start)
		return jh_fail(ip->err, JH_BADINPUT,
			       "%s: 0x%llx-0x%llx is outside the inmate memory "
			       "0x%llx-0x%llx (grow it with --mem-inmates)", owner,
			       (unsigned long long)start, (unsigned long long)end - 1,
			       (unsigned long long)ip->win_start,
			       (unsigned long long)ip->win_end - 1);
	for (size_t i = 0; i < ip->nblocks; i++) {
		const struct inmate_block *b = &ip->blocks[i];
		if (start < b->end && b->start < end)
			return jh_fail(ip->err, JH_BADINPUT,
				       "%s: 0x%llx-0x%llx overlaps the memory of %s "
				       "(0x%llx-0x%llx)", owner,
				       (unsigned long long)start, (unsigned long long)end - 1,
				       b->owner, (unsigned long long)b->start,
				       (unsigned long long)b->end - 1);
	}
	*ARRAY_PUSH(ip->blocks, ip->nblocks, ip->blocks_cap) =
		(struct inmate_block){ start, end, owner };
	return 0;
}

/* The lowest free address of the window below the ivshmem area that
 * holds size bytes at the given alignment. */
static bool find_free(const struct inmate_planner *ip, uint64_t size,
		      uint64_t align, uint64_t *out)
{
	uint64_t at = (ip->win_start + align - 1) / align * align;
	for (;;) {
		if (at < ip->win_start || at > ip->shm_start || size > ip->shm_start - at)
			return false;
		bool moved = false;
		for (size_t i = 0; i < ip->nblocks; i++) {
			const struct inmate_block *b = &ip->blocks[i];
			if (at < b->end && b->start < at + size) {
				at = (b->end + align - 1) / align * align;
				moved = true;
			}
		}
		if (!moved) {
			*out = at;
			return true;
		}
	}
}

void inmate_add_mem(struct cfg_cell *c, uint64_t phys, uint64_t virt,
		    uint64_t size, uint64_t flags, const char *comment)
{
	struct cfg_memory *r = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	*r = (struct cfg_memory){ .phys_start = phys, .virt_start = virt,
				  .size = size, .flags = flags,
				  .comment = comment ? xstrdup(comment) : NULL };
}

void inmate_add_pio(struct cfg_cell *c, uint64_t first, uint64_t last,
		    const char *comment)
{
	struct cfg_pio *e = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
	*e = (struct cfg_pio){ .base = (uint16_t)first,
			       .length = (uint16_t)(last - first + 1),
			       .comment = comment ? xstrdup(comment) : NULL };
}

int inmate_add_pin(struct inmate_planner *ip, struct cfg_cell *c, uint32_t gsi)
{
	/* The IOAPIC whose GSI range holds the pin: the highest base at or
	 * below it. Its entry in the cell repeats root's address and id
	 * (configs/x86/ioapic-demo.c, linux-x86-demo.c). */
	const struct madt *madt = &ip->m->madt;
	const struct ioapic *chip = NULL;
	for (size_t i = 0; i < madt->nioapics; i++)
		if (madt->ioapics[i].gsi_base <= gsi &&
		    (!chip || madt->ioapics[i].gsi_base > chip->gsi_base))
			chip = &madt->ioapics[i];
	const struct cfg_irqchip *rc = NULL;
	for (size_t i = 0; chip && i < ip->root->root.nirqchips; i++)
		if (ip->root->root.irqchips[i].address == chip->address)
			rc = &ip->root->root.irqchips[i];
	/* pin_bitmap holds 128 pins a chip (cell-config.h) */
	if (!rc || gsi - chip->gsi_base >= 128)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': no IOAPIC of this machine serves pin (GSI) %u",
			       c->name, gsi);
	uint32_t pin = gsi - chip->gsi_base;
	struct cfg_irqchip *e = NULL;
	for (size_t i = 0; i < c->nirqchips; i++)
		if (c->irqchips[i].address == rc->address)
			e = &c->irqchips[i];
	if (!e) {
		e = ARRAY_PUSH(c->irqchips, c->nirqchips, c->irqchips_cap);
		*e = (struct cfg_irqchip){ .address = rc->address, .id = rc->id,
					   .comment = xstrdup(rc->comment ? rc->comment : "IOAPIC") };
	}
	e->pin_bitmap[pin / 32] |= 1u << (pin % 32);
	return 0;
}

/* CPUs: each must exist, CPU 0 stays with root (the driver refuses it on
 * x86: "Cannot assign CPU 0 to other cells", driver/cell.c), and no CPU
 * goes to two inmates (cell create fails with EBUSY, hypervisor/control.c). */
static int plan_cpus(struct inmate_planner *ip, size_t idx)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	unsigned ncpus = ip->m->cpu.sysfs_count;
	const struct proj_ranges *l = &pc->cpus.list;
	if (l->n == 0)
		return jh_fail(ip->err, JH_BADINPUT, "cell '%s': no CPUs (add 'cpus LIST')",
			       pc->name);
	uint64_t top = l->v[l->n - 1].last;
	if (top >= ncpus)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': CPU %llu does not exist (this machine has CPUs 0-%u)",
			       pc->name, (unsigned long long)top, ncpus - 1);
	if (l->v[0].first == 0)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': CPU 0 must stay with the root cell (Jailhouse "
			       "refuses to take it on x86)", pc->name);
	for (size_t k = 0; k < idx; k++)
		for (size_t i = 0; i < l->n; i++)
			for (uint64_t cpu = l->v[i].first; cpu <= l->v[i].last; cpu++)
				if (proj_ranges_contains(&ip->p->cells[k].cpus.list, cpu))
					return jh_fail(ip->err, JH_BADINPUT,
						       "cell '%s': CPU %llu already belongs to cell '%s'",
						       pc->name, (unsigned long long)cpu,
						       ip->p->cells[k].name);
	c->cpu_set_size = (size_t)(top / 64 + 1) * 8;
	c->cpu_set = xcalloc(c->cpu_set_size, 1);
	for (size_t i = 0; i < l->n; i++)
		for (uint64_t cpu = l->v[i].first; cpu <= l->v[i].last; cpu++)
			c->cpu_set[cpu / 8] |= (unsigned char)(1u << (cpu % 8));
	return 0;
}

static uint64_t cell_mem_size(const struct proj_cell *pc)
{
	if (pc->mem.set)
		return pc->mem.v;
	return pc->kind.set && pc->kind.v == PROJ_KIND_LINUX ? DEFAULT_LINUX_MEM
							     : DEFAULT_DEMO_MEM;
}

/* RAM: the first MiB at guest address 0 (the x86 reset vector; `jailhouse
 * cell linux` insists on cpu_reset_address 0), the communication region
 * at 1 MiB (inmates/lib/x86 hard-codes COMM_REGION_BASE 0x100000), the
 * rest from 2 MiB. The rest comes first in physical memory so that it is
 * 2 MiB-aligned like its guest address and can use huge pages. RAM is
 * LOADABLE (cell load writes it) and must lie in root RAM, which the
 * inmate window is. A Linux inmate's RAM needs DMA: `jailhouse cell
 * linux` only passes regions flagged R|W|X|DMA to the kernel as RAM
 * (pyjailhouse config_parser is_ram), as the demos do. */
static int plan_ram(struct inmate_planner *ip, size_t idx, bool dma)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	uint64_t total = cell_mem_size(pc);
	if (total % INMATE_PAGE)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': memory size 0x%llx is not a multiple of 4 KiB",
			       pc->name, (unsigned long long)total);
	uint64_t low = total < INMATE_LOW_RAM_MAX ? total : INMATE_LOW_RAM_MAX;
	uint64_t high = total - low, base;
	if (pc->mem_at.set) {
		base = pc->mem_at.v;
		if (base % INMATE_PAGE)
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': memory address 0x%llx is not page-aligned",
				       pc->name, (unsigned long long)base);
		if (base > UINT64_MAX - total || base + total > ip->shm_start)
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': 0x%llx bytes at 0x%llx do not fit below "
				       "0x%llx (the end of the inmate memory or the start of "
				       "the ivshmem area)", pc->name,
				       (unsigned long long)total, (unsigned long long)base,
				       (unsigned long long)ip->shm_start);
	} else if (!find_free(ip, total, high ? HUGE_PAGE : INMATE_PAGE, &base) &&
		   !find_free(ip, total, INMATE_PAGE, &base)) {
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': no room for 0x%llx bytes in the inmate memory "
			       "(0x%llx bytes at 0x%llx): grow it with --mem-inmates",
			       pc->name, (unsigned long long)total,
			       (unsigned long long)(ip->win_end - ip->win_start),
			       (unsigned long long)ip->win_start);
	}
	if (inmate_reserve(ip, base, base + total, pc->name) < 0)
		return -1;
	uint64_t ram = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_LOADABLE |
		       (dma ? JH_MEM_DMA : 0);
	inmate_add_mem(c, base + high, 0, low, ram, "RAM");
	inmate_add_mem(c, 0, INMATE_COMM_VIRT, INMATE_PAGE,
		       JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION,
		       "communication region");
	if (high)
		inmate_add_mem(c, base, INMATE_HIGH_RAM_VIRT, high, ram, "RAM (high)");
	return 0;
}

/* A UART of the inmate's own: its 8 ports and the console entry that
 * points the inmate library at it. No two cells get the same one. */
static int plan_console(struct inmate_planner *ip, size_t idx)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	const char *name = pc->console.v;
	if (!name || !strcmp(name, "none"))
		return 0;
	for (size_t k = 0; k < idx; k++)
		if (ip->p->cells[k].console.v && !strcmp(ip->p->cells[k].console.v, name))
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': console %s already belongs to cell '%s'",
				       pc->name, name, ip->p->cells[k].name);
	const struct uart *u = machine_find_uart(ip->m, name);
	if (!u)
		return jh_fail(ip->err, JH_BADINPUT, "cell '%s': console %s: no such serial port",
			       pc->name, name);
	if (u->io_type != 0 || u->port == 0 || u->port > 0xfff8)
		return jh_fail(ip->err, JH_BADINPUT,
			       "cell '%s': console %s is not a port-I/O UART with a known "
			       "port", pc->name, name);
	c->console = (struct cfg_console){ .address = u->port, .type = JH_CON_TYPE_8250,
					   .flags = JH_CON_ACCESS_PIO | JH_CON_REGDIST_1 };
	inmate_add_pio(c, u->port, u->port + 7, name);
	return 0;
}

static int plan_flags(struct inmate_planner *ip, size_t idx)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	if (!pc->flags.v.n) {
		/* like every x86 demo and linux-x86-demo: the hypervisor does
		 * not wait for replies, and the cell may print through the
		 * hypervisor's console */
		c->flags = JH_CELL_PASSIVE_COMMREG | JH_CELL_VIRTUAL_CONSOLE_PERMITTED;
		return 0;
	}
	for (size_t i = 0; i < pc->flags.v.n; i++) {
		size_t k = 0, n = sizeof(cell_flag_names) / sizeof(*cell_flag_names);
		while (k < n && strcmp(cell_flag_names[k].name, pc->flags.v.v[i]))
			k++;
		if (k == n)
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': unknown flag '%s' (passive-commreg, test-device, "
				       "virtual-console-permitted, virtual-console-active)",
				       pc->name, pc->flags.v.v[i]);
		c->flags |= cell_flag_names[k].flag;
	}
	return 0;
}

static int plan_extras(struct inmate_planner *ip, size_t idx)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	for (size_t i = 0; i < pc->pins.list.n; i++)
		for (uint64_t g = pc->pins.list.v[i].first; g <= pc->pins.list.v[i].last; g++)
			if (inmate_add_pin(ip, c, (uint32_t)g) < 0)
				return -1;
	for (size_t i = 0; i < pc->npio; i++)
		inmate_add_pio(c, pc->pio[i].first, pc->pio[i].last, NULL);
	for (size_t i = 0; i < pc->nmmio; i++) {
		const struct proj_mmio *r = &pc->mmio[i];
		/* whole pages: a sub-page region would become an emulated one
		 * (JAILHOUSE_MEM_IS_SUBPAGE), which is not what was asked */
		if (r->start % INMATE_PAGE || r->size % INMATE_PAGE)
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': mmio 0x%llx+0x%llx is not whole pages",
				       pc->name, (unsigned long long)r->start,
				       (unsigned long long)r->size);
		inmate_add_mem(c, r->start, r->start, r->size,
			       JH_MEM_READ | (r->write ? JH_MEM_WRITE : 0) |
			       (r->exec ? JH_MEM_EXECUTE : 0), "MMIO");
	}
	return 0;
}

static int pio_cmp(const void *a, const void *b)
{
	const struct cfg_pio *x = a, *y = b;
	return (x->base > y->base) - (x->base < y->base);
}

static int plan_cell(struct inmate_planner *ip, size_t idx)
{
	const struct proj_cell *pc = &ip->p->cells[idx];
	struct cfg_cell *c = &ip->cells[idx];
	bool dma = pc->kind.set && pc->kind.v == PROJ_KIND_LINUX;
	cfg_set_name(c->name, pc->name);
	if (plan_flags(ip, idx) < 0 || plan_cpus(ip, idx) < 0)
		return -1;
	size_t ram_at = c->nmem;
	if (plan_ram(ip, idx, dma) < 0 || plan_console(ip, idx) < 0 ||
	    plan_extras(ip, idx) < 0 || inmate_add_devices(ip, idx, &dma) < 0)
		return -1;
	/* a device that does DMA writes into the cell's RAM (e1000-demo's RAM
	 * has DMA, pci-demo's has not) */
	if (dma)
		for (size_t i = ram_at; i < c->nmem; i++)
			if (c->mem[i].flags & JH_MEM_LOADABLE)
				c->mem[i].flags |= JH_MEM_DMA;
	if (c->npio > 1)
		qsort(c->pio, c->npio, sizeof(*c->pio), pio_cmp);
	/* The hypervisor prints on its debug console too. Jailhouse's own
	 * demo cells share it (configs/x86/apic-demo.c lists 0x3f8), so this
	 * is allowed, but the two outputs interleave on one UART. */
	const struct cfg_console *dc = &ip->root->debug_console;
	if (dc->type == JH_CON_TYPE_8250 && !(dc->flags & JH_CON_ACCESS_MMIO))
		for (size_t i = 0; i < c->npio; i++)
			if (c->pio[i].base <= dc->address + 7 &&
			    dc->address < (uint32_t)c->pio[i].base + c->pio[i].length)
				jh_finding_add(ip->findings, JH_R_CELL_DEBUG_CONSOLE,
					       &(struct jh_subject){ .cell = pc->name },
					       "cell '%s': ports 0x%x+%u include the hypervisor's "
					       "debug console at 0x%llx: their output interleaves",
					       pc->name, c->pio[i].base, c->pio[i].length,
					       (unsigned long long)dc->address);
	for (size_t i = 1; i < c->npio; i++)
		if ((uint32_t)c->pio[i - 1].base + c->pio[i - 1].length > c->pio[i].base)
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s': port ranges 0x%x+%u and 0x%x+%u overlap",
				       pc->name, c->pio[i - 1].base, c->pio[i - 1].length,
				       c->pio[i].base, c->pio[i].length);
	return 0;
}

static int plan_all(struct inmate_planner *ip)
{
	const struct project *p = ip->p;
	for (size_t i = 0; i < p->ncells; i++)
		if (!strcmp(p->cells[i].name, inmate_root_name(p)))
			return jh_fail(ip->err, JH_BADINPUT,
				       "cell '%s' has the root cell's name", p->cells[i].name);
	uint64_t shm = ivshmem_area_size(p);
	if (shm > ip->win_end - ip->win_start)
		return jh_fail(ip->err, JH_BADINPUT,
			       "the ivshmem links need 0x%llx bytes, more than the inmate "
			       "memory (0x%llx): grow it with --mem-inmates",
			       (unsigned long long)shm,
			       (unsigned long long)(ip->win_end - ip->win_start));
	ip->shm_start = ip->win_end - shm;
	if (inmate_resolve_devices(ip) < 0)
		return -1;
	/* cells with a fixed address first, so that the others fit around */
	for (int fixed = 1; fixed >= 0; fixed--)
		for (size_t i = 0; i < p->ncells; i++)
			if (p->cells[i].mem_at.set == (bool)fixed && plan_cell(ip, i) < 0)
				return -1;
	return ivshmem_plan_links(ip);
}

int plan_inmate_cells(const struct machine *m, const struct project *p,
		      const struct plan_opts *o, const struct plan_result *res,
		      struct cfg_system *root, struct plan_cells *out,
		      struct jh_findings *findings, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	struct inmate_planner ip = {
		.m = m, .p = p, .root = root, .findings = findings, .err = err,
		.win_start = res->window_start + o->mem_hv,
		.win_end = res->window_start + o->mem_hv + o->mem_inmates,
		.cells = xcalloc(p->ncells ? p->ncells : 1, sizeof(*ip.cells)),
		.dev_cell = xcalloc(m->npci ? m->npci : 1, sizeof(int)),
	};
	int rc = plan_all(&ip);
	free(ip.blocks);
	free(ip.dev_cell);
	out->cells = ip.cells;
	out->n = p->ncells;
	if (rc < 0)
		plan_cells_free(out);
	return rc;
}

void plan_cells_free(struct plan_cells *c)
{
	for (size_t i = 0; i < c->n; i++)
		cfg_cell_free(&c->cells[i]);
	free(c->cells);
	memset(c, 0, sizeof(*c));
}
