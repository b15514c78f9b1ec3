/* SPDX-License-Identifier: GPL-2.0-only */
/* plan_root_cell on small synthetic machines. Every expected value below is
 * worked out by hand from the rules of Jailhouse master's config create
 * (tools/jailhouse-config-create and pyjailhouse/sysfs_parser.py): the
 * comment next to it says which rule gives it. Flag and type numbers are
 * written as numbers on purpose, with the name master's headers give them,
 * so that a wrong constant in config.h would show up here too.
 *
 * Defaults used throughout: --mem-hv 6M (0x600000) and --mem-inmates 76M
 * (0x4c00000), so the window is 82 MiB = 0x5200000 bytes; the inmate region
 * starts 6 MiB into the window and is 0x4c00000 bytes long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "machine/machine.h"
#include "parse/parsers.h"
#include "plan/plan.h"

/* JAILHOUSE_MEM_READ | WRITE | EXECUTE | DMA: what master gives RAM */
#define RAM 0xfull
/* JAILHOUSE_MEM_READ | WRITE: everything else, the inmate region too */
#define RW 0x3ull

#define WINDOW 0x5200000ull    /* 6 MiB + 76 MiB */
#define HV_SIZE 0x600000ull
#define INMATE_SIZE 0x4c00000ull

/* Lines that most machines below share. */
#define LOW_RAM   "00001000-0009ffff : System RAM\n"
#define DMAR0     "fed90000-fed90fff : dmar0\n"
#define IOPORTS_MIN \
	"0000-0cf7 : PCI Bus 0000:00\n" \
	"  0040-0043 : timer0\n" \
	"  0600-067f : 0000:00:1f.0\n" \
	"    0608-060b : ACPI PM_TMR\n" \
	"0cf8-0cff : PCI conf1\n"

/* The first region of most machines: LOW_RAM extended down to 0 (master:
 * "newer Linux kernels will report the first page as reserved"), so
 * 0x0-0x9ffff, 0xa0000 bytes. */
#define LOW_RAM_REGION { 0x0, 0xa0000, RAM }

struct exp_mem {
	uint64_t start, size, flags;
};

/* One test's machine and everything planning it produces. */
struct tcase {
	struct machine m;
	struct plan_opts o;
	struct cfg_system s;
	struct plan_result r;
	struct jh_findings d;
	struct jh_error e;
};

static void parse_tree(const char *text, struct res_tree *t)
{
	struct jh_error err = { 0 };
	if (parse_res_tree("test", text, strlen(text), t, &err))
		fail_msg("bad test tree: %s", err.msg);
}

static void add_ioapic(struct machine *m, uint8_t id, uint32_t address,
		       uint32_t gsi_base)
{
	struct ioapic *a = ARRAY_PUSH(m->madt.ioapics, m->madt.nioapics,
				      m->madt.ioapics_cap);
	*a = (struct ioapic){ .id = id, .address = address, .gsi_base = gsi_base };
}

static void add_mcfg(struct machine *m, uint64_t base, uint16_t segment,
		     uint8_t start_bus, uint8_t end_bus)
{
	struct mcfg_alloc *a = ARRAY_PUSH(m->mcfg.allocs, m->mcfg.n, m->mcfg.cap);
	*a = (struct mcfg_alloc){ .base = base, .segment = segment,
				  .start_bus = start_bus, .end_bus = end_bus };
}

static struct dmar_drhd *add_drhd(struct machine *m, uint8_t flags,
				  uint64_t base)
{
	struct dmar_drhd *h = ARRAY_PUSH(m->dmar.drhds, m->dmar.ndrhds,
					 m->dmar.drhds_cap);
	h->flags = flags;
	h->base = base;
	return h;
}

/* A scope with a one-entry path, as real firmware writes them. */
static void add_scope(struct dmar_scope **v, size_t *n, size_t *cap,
		      uint8_t type, uint8_t enum_id, uint8_t bus, uint8_t dev,
		      uint8_t fn)
{
	struct dmar_scope *s = ARRAY_PUSH(*v, *n, *cap);
	s->type = type;
	s->enum_id = enum_id;
	s->bus = bus;
	s->npath = 1;
	s->path[0].dev = dev;
	s->path[0].fn = fn;
}

static void drhd_scope(struct dmar_drhd *h, uint8_t type, uint8_t enum_id,
		       uint8_t bus, uint8_t dev, uint8_t fn)
{
	add_scope(&h->scopes, &h->nscopes, &h->scopes_cap, type, enum_id, bus,
		  dev, fn);
}

static void add_uart(struct machine *m, const char *name, int io_type,
		     uint64_t port, uint64_t iomem_base, int shift)
{
	struct uart *u = ARRAY_PUSH(m->uarts, m->nuarts, m->uarts_cap);
	*u = (struct uart){ .name = xstrdup(name), .type = 4 /* 16550A */,
			    .io_type = io_type, .port = port,
			    .iomem_base = iomem_base, .iomem_reg_shift = shift,
			    .irq = 4 };
}

static void add_memmap(struct machine *m, uint64_t size, uint64_t start)
{
	struct memmap_resv *r = ARRAY_PUSH(m->memmaps, m->nmemmaps, m->memmaps_cap);
	r->size = size;
	r->start = start;
}

/* Devices must be added in sysfs-name order (the machine keeps them
 * sorted). The pointer is valid until the next add_dev. */
static struct pci_dev *add_dev(struct machine *m, uint8_t bus, uint8_t dev,
			       uint8_t fn)
{
	struct pci_dev *d = ARRAY_PUSH(m->pci, m->npci, m->pci_cap);
	d->slot = xasprintf("0000:%02x:%02x.%x", bus, dev, fn);
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	d->vendor_id = 0x8086;
	d->device_id = 0x1234;
	d->irq = -1;
	d->iommu_group = -1;
	return d;
}

static void add_cap(struct pci_dev *d, uint16_t id, bool extended,
		    uint16_t start, uint16_t len, bool writable)
{
	struct pci_cap *c = ARRAY_PUSH(d->caps, d->ncaps, d->caps_cap);
	*c = (struct pci_cap){ .id = id, .extended = extended, .start = start,
			       .len = len, .writable = writable };
}

/* An Intel machine with 4 CPUs, one IOAPIC (id 0), one MMCONFIG region,
 * one VT-d unit at 0xfed90000 that covers every PCI device
 * (INCLUDE_PCI_ALL; the iomem text must hold its dmar0 entry), ttyS0 at
 * port 0x3f8 and the default sizes. */
static void tc_init(struct tcase *t, const char *iomem, const char *ioports)
{
	memset(t, 0, sizeof(*t));
	struct machine *m = &t->m;
	parse_tree(iomem, &m->iomem);
	parse_tree(ioports, &m->ioports);
	m->cpu.sysfs_count = 4;
	m->cpu.vendor = xstrdup("GenuineIntel");
	m->have_madt = true;
	add_ioapic(m, 0, 0xfec00000, 0);
	m->have_mcfg = true;
	add_mcfg(m, 0xe0000000, 0, 0, 0xff);
	m->have_dmar = true;
	add_drhd(m, 1, 0xfed90000);
	add_uart(m, "ttyS0", 0, 0x3f8, 0, 0);
	plan_opts_default(&t->o);
}

/* tc_init plus a memmap= reservation of exactly the window at 0x20000000,
 * for tests about regions: the RAM regions stay as they are. */
static void tc_init_reserved(struct tcase *t, const char *iomem)
{
	/* the kernel lists an honoured memmap= reservation as Reserved (see
	 * q35-agl-memmap's /proc/iomem); the parser takes lines in any order */
	char *text = strstr(iomem, "20000000-") ? xstrdup(iomem)
		: xasprintf("%s20000000-251fffff : Reserved\n", iomem);
	tc_init(t, text, IOPORTS_MIN);
	free(text);
	add_memmap(&t->m, WINDOW, 0x20000000);
}
/* ... whose inmate region is 6 MiB into the window, 76 MiB long */
#define RESERVED_INMATE_REGION { 0x20600000, INMATE_SIZE, RW }

static void tc_free(struct tcase *t)
{
	cfg_system_free(&t->s);
	plan_result_free(&t->r);
	jh_findings_free(&t->d);
	jh_error_clear(&t->e);
	machine_free(&t->m);
}

static int tc_plan(struct tcase *t)
{
	return plan_root_cell(&t->m, &t->o, &t->s, &t->r, &t->d, &t->e);
}

static void tc_plan_ok(struct tcase *t)
{
	if (tc_plan(t))
		fail_msg("planning failed: %s", t->e.msg);
	assert_null(t->e.msg);
}

/* Planning must fail with `status`; the message is one line and contains
 * `needle`. */
static void tc_plan_fails(struct tcase *t, enum jh_status status,
			  const char *needle)
{
	assert_int_equal(tc_plan(t), -1);
	assert_int_equal(t->e.status, status);
	assert_non_null(t->e.msg);
	assert_null(strchr(t->e.msg, '\n'));
	if (!strstr(t->e.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", t->e.msg, needle);
	/* nothing is left behind on failure */
	assert_int_equal(t->s.root.nmem, 0);
	assert_null(t->r.hint);
}

static bool has_warning(const struct tcase *t, const char *needle)
{
	for (size_t i = 0; i < t->d.n; i++)
		if (strstr(t->d.v[i].msg, needle))
			return true;
	return false;
}

/* A finding of rule `id` whose message contains `needle`. */
static bool has_finding(const struct tcase *t, const char *id,
			const char *needle)
{
	for (size_t i = 0; i < t->d.n; i++)
		if (!strcmp(jh_finding_rule(&t->d.v[i])->id, id) &&
		    strstr(t->d.v[i].msg, needle))
			return true;
	return false;
}

static void dump_mem(const struct cfg_cell *c)
{
	for (size_t i = 0; i < c->nmem; i++)
		fprintf(stderr, "  [%zu] 0x%llx size 0x%llx flags 0x%llx %s\n", i,
			(unsigned long long)c->mem[i].phys_start,
			(unsigned long long)c->mem[i].size,
			(unsigned long long)c->mem[i].flags,
			c->mem[i].comment ? c->mem[i].comment : "");
}

#define assert_mem(t, ...) do { \
		static const struct exp_mem want_[] = { __VA_ARGS__ }; \
		check_mem(&(t)->s.root, want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

static void check_mem(const struct cfg_cell *c, const struct exp_mem *want,
		      size_t n)
{
	bool ok = c->nmem == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = c->mem[i].phys_start == want[i].start &&
		     c->mem[i].virt_start == want[i].start &&
		     c->mem[i].size == want[i].size &&
		     c->mem[i].flags == want[i].flags;
	if (ok)
		return;
	fprintf(stderr, "memory regions planned:\n");
	dump_mem(c);
	fprintf(stderr, "expected:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  [%zu] 0x%llx size 0x%llx flags 0x%llx\n", i,
			(unsigned long long)want[i].start,
			(unsigned long long)want[i].size,
			(unsigned long long)want[i].flags);
	fail_msg("memory regions differ");
}

static void assert_comment(const struct tcase *t, size_t i, const char *want)
{
	assert_true(i < t->s.root.nmem);
	assert_string_equal(t->s.root.mem[i].comment, want);
}

/* ---- the window ---- */

/* One System RAM region holds [0x3a000000, 0x3f200000): it is replaced in
 * place by its head (start .. 0x39ffffff) and its tail (0x3f200000 ..
 * end); master inserts both before the region and removes it. */
static void test_window_splits_ram_in_place(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		"00000000-00000fff : Reserved\n"
		LOW_RAM
		"00100000-7fffffff : System RAM\n"
		"fed00000-fed003ff : HPET 0\n"
		DMAR0, IOPORTS_MIN);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* head: 0x3a000000 - 0x100000 */
		   { 0x100000, 0x39f00000, RAM },
		   /* tail: 0x3a000000 + 0x5200000 = 0x3f200000 up to
		    * 0x7fffffff, 0x80000000 - 0x3f200000 bytes */
		   { 0x3f200000, 0x40e00000, RAM },
		   /* still before the HPET: replaced in place */
		   { 0xfed00000, 0x1000, RW },
		   /* the inmate region comes last */
		   { 0x3a600000, INMATE_SIZE, RW });
	assert_comment(&t, 1, "System RAM");
	assert_comment(&t, 2, "System RAM");
	assert_comment(&t, 4, "JAILHOUSE Inmate Memory");
	/* the hypervisor's part is no region of the root cell, but the
	 * system header's hypervisor memory */
	assert_true(t.s.hypervisor_memory.phys_start == 0x3a000000);
	assert_true(t.s.hypervisor_memory.size == HV_SIZE);
	assert_true(t.s.hypervisor_memory.virt_start == 0);
	assert_true(t.s.hypervisor_memory.flags == 0);
	assert_true(t.r.window_start == 0x3a000000);
	assert_true(t.r.window_size == WINDOW);
	assert_false(t.r.memmap_in_cmdline);
	/* the template's hint: memmap=hex(size)$hex(start) */
	assert_string_equal(t.r.hint, "memmap=0x5200000$0x3a000000");
	assert_string_equal(t.s.cmdline_hint, "memmap=0x5200000$0x3a000000");
	assert_int_equal(t.d.n, 0);
	tc_free(&t);
}

/* A region that is exactly the window leaves neither head nor tail. */
static void test_window_exact_fit_removes_region(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		LOW_RAM
		"00100000-0fffffff : System RAM\n"
		"3a000000-3f1fffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0xff00000, RAM },
		   { 0x3a600000, INMATE_SIZE, RW });
	assert_true(t.r.window_start == 0x3a000000);
	tc_free(&t);
}

/* No region holds 0x3a000000..: master walks the regions backwards and
 * takes the start of the last System RAM region of at least 0x5200000
 * bytes, moving that region's start up by the window. */
static void test_window_fallback_last_big_ram(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		LOW_RAM
		"00100000-2fffffff : System RAM\n"
		"40000000-4fffffff : System RAM\n"
		"60000000-60ffffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x2ff00000, RAM },
		   /* 0x60000000 (16 MiB) is too small; 0x40000000 is taken
		    * and now starts at 0x45200000: 0x50000000 - 0x45200000 */
		   { 0x45200000, 0xae00000, RAM },
		   { 0x60000000, 0x1000000, RAM },
		   { 0x40600000, INMATE_SIZE, RW });
	assert_true(t.s.hypervisor_memory.phys_start == 0x40000000);
	assert_string_equal(t.r.hint, "memmap=0x5200000$0x40000000");
	/* jhconf warns where master is silent */
	assert_int_equal(t.d.n, 1);
	assert_true(has_warning(&t, "0x40000000"));
	tc_free(&t);
}

/* The fallback may land on the kernel's RAM at 0x100000 (master does). */
static void test_window_fallback_low_ram(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* 0x100000 + 0x5200000 = 0x5300000 */
		   { 0x5300000, 0x1ad00000, RAM },
		   { 0x700000, INMATE_SIZE, RW });
	assert_true(t.s.hypervisor_memory.phys_start == 0x100000);
	assert_true(has_warning(&t, "0x100000"));
	tc_free(&t);
}

/* No System RAM region of 0x5200000 bytes: master's "failed to allocate
 * memory". 0x100000-0x4ffffff is 0x4f00000 bytes. */
static void test_window_no_room_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-04ffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	tc_plan_fails(&t, JH_REFUSED, "System RAM");
	tc_free(&t);
}

/* memmap=0x6000000$0x20000000 on the command line: the window is the
 * reservation, RAM is not touched (even RAM that holds 0x3a000000), and
 * the hint repeats the reservation's own size. */
static void test_memmap_honoured(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"20000000-25ffffff : reserved\n"
		"26000000-7fffffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, 0x6000000, 0x20000000);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   /* 0x80000000 - 0x26000000, whole */
		   { 0x26000000, 0x5a000000, RAM },
		   /* 0x20000000 + 6 MiB */
		   { 0x20600000, INMATE_SIZE, RW });
	assert_true(t.s.hypervisor_memory.phys_start == 0x20000000);
	assert_true(t.s.hypervisor_memory.size == HV_SIZE);
	assert_true(t.r.window_start == 0x20000000);
	assert_true(t.r.window_size == 0x6000000);
	assert_true(t.r.memmap_in_cmdline);
	assert_string_equal(t.r.hint, "memmap=0x6000000$0x20000000");
	assert_int_equal(t.d.n, 0);
	tc_free(&t);
}

/* --window-address 0x10000000: the window goes there when one System RAM
 * region holds all of it (0x10000000 + 82 MiB = 0x15200000 <= 0x7fffffff),
 * the RAM around it split as for the default place. */
static void test_window_address_chosen(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	t.o.window_address = 0x10000000;
	tc_plan_ok(&t);
	assert_true(t.r.window_start == 0x10000000);
	assert_true(t.r.window_size == HV_SIZE + INMATE_SIZE);
	assert_true(t.s.hypervisor_memory.phys_start == 0x10000000);
	assert_false(t.r.memmap_in_cmdline);
	/* RAM below and above the window, 0x100000-0xfffffff and
	 * 0x15200000-0x7fffffff */
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0xff00000, RAM },
		   { 0x15200000, 0x6ae00000, RAM },
		   { 0x10600000, INMATE_SIZE, RW });
	tc_free(&t);
}

/* A chosen place outside System RAM is refused, not moved elsewhere. */
static void test_window_address_outside_ram(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	t.o.window_address = 0x7e000000;   /* + 82 MiB runs past 0x7fffffff */
	tc_plan_fails(&t, JH_REFUSED, "not inside one System RAM region");
	tc_free(&t);
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	t.o.window_address = 0x10000800;   /* not whole pages */
	tc_plan_fails(&t, JH_BADINPUT, "multiple of 4 KiB");
	tc_free(&t);
}

/* A place away from the memmap= reservation: the window moves there (RAM
 * the running kernel uses, as without memmap=), a warning says to boot
 * with the new reservation, and the command line no longer has it. */
static void test_window_address_moves_from_memmap(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"20000000-25ffffff : reserved\n"
		"26000000-7fffffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, 0x6000000, 0x20000000);
	t.o.window_address = 0x40000000;
	tc_plan_ok(&t);
	assert_true(t.r.window_start == 0x40000000);
	assert_false(t.r.memmap_in_cmdline);
	assert_int_equal(t.d.n, 1);
	assert_string_equal(jh_finding_rule(&t.d.v[0])->id, "WINDOW-ADDRESS-NOT-RESERVED");
	tc_free(&t);
	/* the same place as the reservation: the reservation, no warning */
	tc_init(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"20000000-25ffffff : reserved\n"
		"26000000-7fffffff : System RAM\n"
		DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, 0x6000000, 0x20000000);
	t.o.window_address = 0x20000000;
	tc_plan_ok(&t);
	assert_true(t.r.memmap_in_cmdline);
	assert_int_equal(t.d.n, 0);
	tc_free(&t);
}

/* Master uses the first of several reservations (and warns). */
static void test_memmap_first_wins(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-1fffffff : System RAM\n"
		"30000000-351fffff : Reserved\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0x30000000);
	add_memmap(&t.m, 0x10000000, 0x50000000);
	tc_plan_ok(&t);
	assert_true(t.s.hypervisor_memory.phys_start == 0x30000000);
	assert_true(t.s.root.mem[t.s.root.nmem - 1].phys_start == 0x30600000);
	assert_true(has_warning(&t, "memmap"));
	tc_free(&t);
}

/* A reservation of 0x5000000 < 0x5200000 bytes is refused, with the
 * reservation the kernel needs: memmap=hex(total)$hex(start). */
static void test_memmap_too_small_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, 0x5000000, 0x20000000);
	tc_plan_fails(&t, JH_REFUSED, "memmap=0x5200000$0x20000000");
	tc_free(&t);
}

/* Other --mem-hv / --mem-inmates sizes move the inmate region. */
static void test_window_custom_sizes(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	t.o.mem_hv = 0x1000000;          /* 16 MiB */
	t.o.mem_inmates = 0x2000000;     /* 32 MiB: window 0x3000000 */
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x39f00000, RAM },
		   /* 0x80000000 - 0x3d000000 */
		   { 0x3d000000, 0x43000000, RAM },
		   { 0x3b000000, 0x2000000, RW });
	assert_true(t.s.hypervisor_memory.size == 0x1000000);
	assert_string_equal(t.r.hint, "memmap=0x3000000$0x3a000000");
	tc_free(&t);
}

/* ---- memory regions ---- */

/* A top-level RAM region with the kernel inside is split at the kernel
 * (head, "Kernel" up to the next 16 MiB boundary, tail) and the adjacent
 * RAM pieces are merged again: one region under the first piece's name. */
static void test_kernel_merged_back(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"  01000000-01bfffff : Kernel code\n"
		"  01c00000-0220ffff : Kernel rodata\n"
		"  02400000-0267ffff : Kernel data\n"
		"  02b00000-02ffffff : Kernel bss\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   RESERVED_INMATE_REGION);
	assert_comment(&t, 1, "System RAM");
	tc_free(&t);
}

/* The kernel at the very start of its region: the first piece is "Kernel"
 * and the merged region keeps that name, so it is RAM but no "System RAM"
 * for the window (master matches the name exactly). */
static void test_kernel_first_piece_names_region(void **state)
{
	(void)state;
	struct tcase t;
	const char *iomem =
		LOW_RAM
		"01000000-7fffffff : System RAM\n"
		"  01000000-01ffffff : Kernel code\n"
		DMAR0;
	/* the reservation right above the RAM, listed as Reserved as the
	 * kernel lists an honoured memmap= (one inside the System RAM line
	 * would be refused: WINDOW-MEMMAP-IN-RAM) */
	tc_init(&t, LOW_RAM
		"01000000-7fffffff : System RAM\n"
		"  01000000-01ffffff : Kernel code\n"
		"80000000-851fffff : Reserved\n"
		DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0x80000000);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* 0x80000000 - 0x1000000 */
		   { 0x1000000, 0x7f000000, RAM },
		   /* 6 MiB into the window */
		   { 0x80600000, INMATE_SIZE, RW });
	assert_comment(&t, 1, "Kernel");
	tc_free(&t);

	/* without a reservation no System RAM region is big enough */
	tc_init(&t, iomem, IOPORTS_MIN);
	tc_plan_fails(&t, JH_REFUSED, "System RAM");
	tc_free(&t);
}

/* Adjacent RAM regions merge ("System RAM" + "RAM buffer" are both RAM);
 * a RAM region after a non-RAM one does not. */
static void test_adjacent_ram_merged(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"00100000-0fffffff : System RAM\n"
		"10000000-10ffffff : RAM buffer\n"
		"11000000-11000fff : ACPI Non-volatile Storage\n"
		"11001000-1fffffff : System RAM\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* 0x100000-0x10ffffff */
		   { 0x100000, 0x10f00000, RAM },
		   { 0x11000000, 0x1000, RW },
		   /* 0x20000000 - 0x11001000 */
		   { 0x11001000, 0xefff000, RAM },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* The first region is extended to 0 only when it is System RAM starting
 * at 0x1000; RAM starting at 0 or elsewhere stays. */
static void test_first_page_only_from_0x1000(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		"00002000-0009ffff : System RAM\n"
		"00100000-1fffffff : System RAM\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   { 0x2000, 0x9e000, RAM },
		   { 0x100000, 0x1ff00000, RAM },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* "PCI Bus" leaves are empty windows: dropped, except the VGA window at
 * 0xa0000. A "PCI Bus" with children is walked: its leaves are kept. */
static void test_pci_bus_windows(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"000a0000-000bffff : PCI Bus 0000:00\n"
		"00100000-1fffffff : System RAM\n"
		"40000000-7fffffff : PCI Bus 0000:00\n"
		"80000000-8fffffff : PCI Bus 0000:00\n"
		"  80000000-80ffffff : PCI Bus 0000:01\n"
		"  81000000-81ffffff : 0000:00:02.0\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* the VGA window, not RAM */
		   { 0xa0000, 0x20000, RW },
		   { 0x100000, 0x1ff00000, RAM },
		   { 0x81000000, 0x1000000, RW },
		   RESERVED_INMATE_REGION);
	assert_comment(&t, 1, "PCI Bus 0000:00");
	assert_comment(&t, 3, "0000:00:02.0");
	tc_free(&t);
}

/* Any name containing "APIC" goes, with everything below it. */
static void test_apic_dropped(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"fec00000-fec003ff : IOAPIC 0\n"
		"fec01000-fec013ff : IOAPIC 1\n"
		"fed00000-fed003ff : HPET 0\n"
		DMAR0
		"fee00000-fee00fff : Local APIC\n"
		"  fee00000-fee00fff : pnp 00:04\n");
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   { 0xfed00000, 0x1000, RW },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* Config space windows go with their subtree: "PCI MMCONFIG" as master
 * knows it, and "PCI ECAM" as Linux 6.x names it (jhconf's deliberate
 * extension of master's rule, see plan_regions.c). */
static void test_mmconfig_and_ecam_dropped(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
		"  e0000000-efffffff : reserved\n"
		"    e0000000-e0000fff : pnp 00:01\n"
		"f0000000-f00fffff : PCI ECAM 0000 [bus 00-00]\n"
		"  f0000000-f00fffff : pnp 00:05\n"
		"f8000000-f8000fff : pnp 00:06\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   { 0xf8000000, 0x1000, RW },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* "reserved" (any case) leaves are dropped; a reserved region with
 * children is walked and its leaves are kept under their own names. */
static void test_reserved_leaves_dropped(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		"00000000-00000fff : Reserved\n"
		LOW_RAM
		"000f0000-000fffff : reserved\n"
		"  000f0000-000fffff : System ROM\n"
		"00100000-1fffffff : System RAM\n"
		"20000000-251fffff : reserved\n"
		"fed1c000-fed1ffff : RESERVED\n"
		"  fed1f410-fed1f414 : iTCO_wdt\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0xf0000, 0x10000, RW },
		   { 0x100000, 0x1ff00000, RAM },
		   /* 5 bytes: the size goes up to a page, the start stays */
		   { 0xfed1f410, 0x1000, RW },
		   RESERVED_INMATE_REGION);
	assert_comment(&t, 1, "System ROM");
	assert_comment(&t, 3, "iTCO_wdt");
	tc_free(&t);
}

/* Entries wholly inside 0xc0000-0xdffff disappear and one "ROMs" region
 * 0xc0000-0xdffff is appended after all iomem regions; an entry that
 * reaches past 0xdffff is an ordinary region. */
static void test_roms_folded(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"000c0000-000c99ff : Video ROM\n"
		"000ca000-000cafff : Adapter ROM\n"
		"000d0000-000ddfff : pnp 00:07\n"
		"000de000-000e0fff : Adapter ROM\n"
		"00100000-1fffffff : System RAM\n"
		"fed00000-fed003ff : HPET 0\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   /* 0xe1000 - 0xde000 */
		   { 0xde000, 0x3000, RW },
		   { 0x100000, 0x1ff00000, RAM },
		   { 0xfed00000, 0x1000, RW },
		   /* after the other iomem regions, before the inmate one */
		   { 0xc0000, 0x20000, RW },
		   RESERVED_INMATE_REGION);
	assert_comment(&t, 4, "ROMs");
	tc_free(&t);
}

/* No ROM entry, no ROMs region. */
static void test_no_roms_no_region(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* Sizes go up to whole pages; starts are never rounded. */
static void test_sizes_rounded_starts_kept(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		"00001000-0009fbff : System RAM\n"
		"00100000-1fffffff : System RAM\n"
		"fed00000-fed003ff : HPET 0\n"
		"fed40080-fed41080 : TPM\n"
		DMAR0);
	tc_plan_ok(&t);
	assert_mem(&t,
		   /* 0x1000 -> 0, 0x9fc00 bytes -> 0xa0000 */
		   { 0x0, 0xa0000, RAM },
		   { 0x100000, 0x1ff00000, RAM },
		   /* 0x400 bytes -> 0x1000 */
		   { 0xfed00000, 0x1000, RW },
		   /* 0x1001 bytes -> 0x2000, start 0xfed40080 unchanged */
		   { 0xfed40080, 0x2000, RW },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* MSI-X tables are cut out of the region that holds them (the first
 * device whose table lies inside wins): a head if the table does not start
 * the region, a tail only if table end < region stop (inclusive). */
static void test_msix_pages_cut(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"80000000-8fffffff : PCI Bus 0000:00\n"
		"  80000000-80003fff : 0000:00:03.0\n"
		"  80004000-80005fff : 0000:00:04.0\n"
		"  80006000-80007fff : 0000:00:05.0\n"
		"  80008000-80008fff : 0000:00:06.0\n"
		"  80009000-8000b000 : 0000:00:07.0\n"
		DMAR0);
	struct pci_dev *d = add_dev(&t.m, 0, 3, 0);
	d->msix_vectors = 4;
	d->msix_address = 0x80001000;   /* inside: head and tail */
	d->msix_region_size = 0x1000;
	d = add_dev(&t.m, 0, 4, 0);
	d->msix_vectors = 4;
	d->msix_address = 0x80005000;   /* its last page: head only */
	d->msix_region_size = 0x1000;
	d = add_dev(&t.m, 0, 5, 0);
	d->msix_vectors = 4;
	d->msix_address = 0x80006000;   /* its first page: tail only */
	d->msix_region_size = 0x1000;
	add_dev(&t.m, 0, 6, 0);         /* no MSI-X: region stays whole */
	d = add_dev(&t.m, 0, 7, 0);
	d->msix_vectors = 260;
	d->msix_address = 0x80009000;   /* ends at the region's last byte */
	d->msix_region_size = 0x2000;
	tc_plan_ok(&t);
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   /* 00:03.0: head 0x80000000-0x80000fff */
		   { 0x80000000, 0x1000, RW },
		   /* 00:03.0: tail 0x80002000-0x80003fff */
		   { 0x80002000, 0x2000, RW },
		   /* 00:04.0: head; 0x80006000 < 0x80005fff fails, no tail */
		   { 0x80004000, 0x1000, RW },
		   /* 00:05.0: tail 0x80007000-0x80007fff */
		   { 0x80007000, 0x1000, RW },
		   /* 00:06.0 */
		   { 0x80008000, 0x1000, RW },
		   /* 00:07.0: table end 0x8000b000 == stop, not below it:
		    * no tail, so the byte at 0x8000b000 is not mapped */
		   RESERVED_INMATE_REGION);
	assert_comment(&t, 2, "0000:00:03.0");
	assert_comment(&t, 3, "0000:00:03.0");
	assert_comment(&t, 4, "0000:00:04.0");
	assert_comment(&t, 5, "0000:00:05.0");
	tc_free(&t);
}

/* ---- the system header, CPUs and the console ---- */

static void test_header_and_cpus(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.dmi_vendor = xstrdup("QEMU");
	t.m.dmi_product = xstrdup("Standard PC (Q35 + ICH9, 2009)");
	tc_plan_ok(&t);
	/* JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE */
	assert_int_equal(t.s.flags, 0x1);
	assert_string_equal(t.s.root.name, "RootCell");
	/* the MCFG entry */
	assert_true(t.s.pci_mmconfig_base == 0xe0000000);
	assert_int_equal(t.s.pci_mmconfig_end_bus, 0xff);
	/* 4 CPUs: the low 4 bits of one 64-bit word */
	assert_int_equal(t.s.root.cpu_set_size, 8);
	static const unsigned char four[8] = { 0x0f };
	assert_memory_equal(t.s.root.cpu_set, four, 8);
	/* one IOAPIC: its address, id 0 (no IOMMU scope), all pins */
	assert_int_equal(t.s.root.nirqchips, 1);
	assert_true(t.s.root.irqchips[0].address == 0xfec00000);
	assert_int_equal(t.s.root.irqchips[0].id, 0);
	assert_int_equal(t.s.root.irqchips[0].pin_base, 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(t.s.root.irqchips[0].pin_bitmap[i], 0xffffffff);
	assert_string_equal(t.s.product, "QEMU Standard PC (Q35 + ICH9, 2009)");
	/* left at 0 by the template */
	assert_int_equal(t.s.apic_mode, 0);
	assert_int_equal(t.s.tsc_khz, 0);
	assert_int_equal(t.s.apic_khz, 0);
	tc_free(&t);
}

/* 66 CPUs: one full word (0xffffffffffffffff) and 0x3 (66 % 64 = 2 bits). */
static void test_cpu_set_66(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.cpu.sysfs_count = 66;
	tc_plan_ok(&t);
	assert_int_equal(t.s.root.cpu_set_size, 16);
	static const unsigned char want[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03,
	};
	assert_memory_equal(t.s.root.cpu_set, want, 16);
	tc_free(&t);
}

static void tc_plan_console(struct tcase *t, const char *name)
{
	tc_init_reserved(t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	add_uart(&t->m, "ttyS1", 3, 0, 0xfe034000, 2);  /* MMIO, 32-bit */
	add_uart(&t->m, "ttyS2", 2, 0, 0xfe035000, 0);  /* MMIO, 8-bit */
	add_uart(&t->m, "ttyS3", 2, 0, 0xfe036000, 2);  /* 8-bit with shift 2 */
	add_uart(&t->m, "ttyS4", 0, 0, 0, 0);           /* no port */
	add_uart(&t->m, "ttyS5", 3, 0, 0xfe037000, 0);  /* 32-bit, shift 0 */
	t->o.console = name;
	tc_plan_ok(t);
}

static void test_console_pio(void **state)
{
	(void)state;
	struct tcase t;
	tc_plan_console(&t, "ttyS0");
	/* io_type 0: the port, JAILHOUSE_CON_TYPE_8250 (2), flags
	 * ACCESS_PIO | REGDIST_1 = 0, no size */
	assert_true(t.s.debug_console.address == 0x3f8);
	assert_int_equal(t.s.debug_console.type, 2);
	assert_int_equal(t.s.debug_console.flags, 0);
	assert_int_equal(t.s.debug_console.size, 0);
	tc_free(&t);
}

static void test_console_none(void **state)
{
	(void)state;
	struct tcase t;
	tc_plan_console(&t, "none");
	/* JAILHOUSE_CON_TYPE_NONE and nothing else */
	assert_true(t.s.debug_console.address == 0);
	assert_int_equal(t.s.debug_console.type, 0);
	assert_int_equal(t.s.debug_console.flags, 0);
	assert_int_equal(t.s.debug_console.size, 0);
	assert_int_equal(t.d.n, 0);
	tc_free(&t);
}

static void test_console_mmio32(void **state)
{
	(void)state;
	struct tcase t;
	tc_plan_console(&t, "ttyS1");
	/* io_type 3 with shift 2: iomem_base, size 0x1000, flags
	 * ACCESS_MMIO (1) | REGDIST_4 (2) */
	assert_true(t.s.debug_console.address == 0xfe034000);
	assert_int_equal(t.s.debug_console.type, 2);
	assert_int_equal(t.s.debug_console.size, 0x1000);
	assert_int_equal(t.s.debug_console.flags, 0x3);
	tc_free(&t);
}

static void test_console_mmio8(void **state)
{
	(void)state;
	struct tcase t;
	tc_plan_console(&t, "ttyS2");
	/* io_type 2 with shift 0: ACCESS_MMIO | REGDIST_1 */
	assert_true(t.s.debug_console.address == 0xfe035000);
	assert_int_equal(t.s.debug_console.type, 2);
	assert_int_equal(t.s.debug_console.size, 0x1000);
	assert_int_equal(t.s.debug_console.flags, 0x1);
	tc_free(&t);
}

/* Master disables the console for io_type 2 with a shift other than 0 and
 * io_type 3 with a shift other than 2 (its "unexpected UART MMIO access
 * mode"), for a port of 0, and for an unknown name. */
static void test_console_unusable(void **state)
{
	(void)state;
	static const char *const names[] = { "ttyS3", "ttyS5", "ttyS4", "ttyS9" };
	for (size_t i = 0; i < 4; i++) {
		struct tcase t;
		tc_plan_console(&t, names[i]);
		assert_true(t.s.debug_console.address == 0);
		assert_int_equal(t.s.debug_console.type, 0);
		assert_int_equal(t.s.debug_console.flags, 0);
		assert_int_equal(t.s.debug_console.size, 0);
		tc_free(&t);
	}
}

/* ---- PCI devices, capabilities, interrupt limit ---- */

static uint32_t plan_limit_with(void (*add)(struct machine *m))
{
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	add(&t.m);
	tc_plan_ok(&t);
	uint32_t limit = t.s.vtd_interrupt_limit;
	tc_free(&t);
	return limit;
}

static void no_devices(struct machine *m)
{
	(void)m;
}

static void msi8(struct machine *m)
{
	add_dev(m, 0, 2, 0)->msi_vectors = 8;
}

static void msi1_msix8(struct machine *m)
{
	add_dev(m, 0, 2, 0)->msi_vectors = 1;
	add_dev(m, 0, 3, 0)->msix_vectors = 8;
}

static void msi4_and_msix8_one_device(struct machine *m)
{
	struct pci_dev *d = add_dev(m, 0, 2, 0);
	d->msi_vectors = 4;
	d->msix_vectors = 8;
}

static void msix_2048(struct machine *m)
{
	add_dev(m, 0, 2, 0)->msix_vectors = 2048;
	add_dev(m, 0, 3, 0)->msi_vectors = 32;
}

/* 2 ** ceil(log2(120 + sum over devices of max(MSI, MSI-X))) */
static void test_interrupt_limit(void **state)
{
	(void)state;
	/* 120 -> 128 */
	assert_int_equal(plan_limit_with(no_devices), 128);
	/* 120 + 8 = 128 -> 128 */
	assert_int_equal(plan_limit_with(msi8), 128);
	/* 120 + 1 + 8 = 129 -> 256 */
	assert_int_equal(plan_limit_with(msi1_msix8), 256);
	/* max(4, 8), not 4 + 8: 128 -> 128 */
	assert_int_equal(plan_limit_with(msi4_and_msix8_one_device), 128);
	/* 120 + 2048 + 32 = 2200 -> 4096 */
	assert_int_equal(plan_limit_with(msix_2048), 4096);
}

static void caps_a(struct pci_dev *d)
{
	add_cap(d, 0x01, false, 0x40, 8, true);    /* PM */
	add_cap(d, 0x05, false, 0x50, 14, true);   /* MSI, 64-bit */
}

/* The first device with a given list (id, start, len, flags, in order)
 * owns it; later devices with an equal list point at it. */
static void test_caps_shared(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	caps_a(add_dev(&t.m, 0, 1, 0));
	caps_a(add_dev(&t.m, 0, 2, 0));
	struct pci_dev *d = add_dev(&t.m, 0, 3, 0);
	add_cap(d, 0x01, false, 0x40, 8, true);
	add_cap(d, 0x01, true, 0x100, 64, false);  /* AER, extended */
	add_dev(&t.m, 0, 4, 0);                    /* no capabilities */
	caps_a(add_dev(&t.m, 0, 5, 0));
	d = add_dev(&t.m, 0, 6, 0);                /* PM with another length */
	add_cap(d, 0x01, false, 0x40, 2, true);
	add_cap(d, 0x05, false, 0x50, 14, true);
	tc_plan_ok(&t);

	const struct cfg_cell *c = &t.s.root;
	assert_int_equal(c->npci, 6);
	static const uint16_t caps_start[] = { 0, 0, 2, 0, 0, 4 };
	static const uint16_t num_caps[] = { 2, 2, 2, 0, 2, 2 };
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(c->pci[i].caps_start, caps_start[i]);
		assert_int_equal(c->pci[i].num_caps, num_caps[i]);
	}
	/* 00:01.0's two, 00:03.0's two, 00:06.0's two */
	assert_int_equal(c->ncaps, 6);
	assert_int_equal(c->caps[0].id, 0x01);
	assert_int_equal(c->caps[0].start, 0x40);
	assert_int_equal(c->caps[0].len, 8);
	assert_int_equal(c->caps[0].flags, 1);      /* PCICAPS_WRITE */
	assert_int_equal(c->caps[1].id, 0x05);
	assert_int_equal(c->caps[1].len, 14);
	/* extended: id | JAILHOUSE_PCI_EXT_CAP (0x8000), read-only */
	assert_int_equal(c->caps[3].id, 0x8001);
	assert_int_equal(c->caps[3].start, 0x100);
	assert_int_equal(c->caps[3].len, 64);
	assert_int_equal(c->caps[3].flags, 0);
	assert_int_equal(c->caps[4].len, 2);
	tc_free(&t);
}

/* Per device: type, bdf, bar masks and MSI facts copied through. */
static void test_pci_device_fields(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	struct pci_dev *d = add_dev(&t.m, 0, 0x1c, 3);
	d->is_bridge = true;
	d = add_dev(&t.m, 0x3a, 0x1f, 7);
	d->bar_mask[0] = 0xfffff000;
	d->bar_mask[5] = 0xffffffe0;
	d->msi_vectors = 16;
	d->msi_64bits = true;
	d->msi_maskable = true;
	d->msix_vectors = 3;
	d->msix_address = 0xfebf0000;
	d->msix_region_size = 0x1000;
	tc_plan_ok(&t);
	const struct cfg_cell *c = &t.s.root;
	assert_int_equal(c->npci, 2);
	assert_int_equal(c->pci[0].type, 2);           /* PCI_TYPE_BRIDGE */
	assert_int_equal(c->pci[0].bdf, 0x00e3);       /* 0x1c << 3 | 3 */
	assert_int_equal(c->pci[1].type, 1);           /* PCI_TYPE_DEVICE */
	assert_int_equal(c->pci[1].bdf, 0x3aff);       /* 0x3a << 8 | 0x1f << 3 | 7 */
	assert_int_equal(c->pci[1].bar_mask[0], 0xfffff000);
	assert_int_equal(c->pci[1].bar_mask[5], 0xffffffe0);
	assert_int_equal(c->pci[1].num_msi_vectors, 16);
	assert_int_equal(c->pci[1].msi_bits, 0x3);
	assert_int_equal(c->pci[1].num_msix_vectors, 3);
	assert_int_equal(c->pci[1].msix_region_size, 0x1000);
	assert_true(c->pci[1].msix_address == 0xfebf0000);
	tc_free(&t);
}

/* ---- ports ---- */

static void test_ports(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0,
		"0000-0cf7 : PCI Bus 0000:00\n"
		"  0000-001f : dma1\n"
		"  0020-0021 : pic1\n"
		"  0040-0043 : timer0\n"
		"  0050-0053 : timer1\n"
		"  0060-0060 : keyboard\n"
		"  0061-0061 : PNP0800:00\n"
		"  0064-0064 : keyboard\n"
		"  0070-0077 : rtc0\n"
		"  0080-008f : dma page reg\n"
		"  02f8-02ff : serial\n"
		"  03b0-03bb : VESA\n"
		"  03c0-03df : vga+\n"
		"  03f8-03ff : serial\n"
		"  0510-051b : QEMU0002:00\n"
		"  0600-067f : 0000:00:1f.0\n"
		"    0600-0603 : ACPI PM1a_EVT_BLK\n"
		"    0608-060b : ACPI PM_TMR\n"
		"  0700-073f : 0000:00:1f.3\n"
		"0cf8-0cff : PCI conf1\n"
		"0d00-ffff : PCI Bus 0000:00\n"
		"  0d00-0d0f : pnp 00:02\n"
		"  c080-c09f : 0000:00:1f.2\n"
		"    c080-c09f : ahci\n"
		"  c000-c07f : 0000:00:02.0\n"
		"  e000-efff : PCI Bus 0000:01\n"
		"    e000-e01f : 0000:01:00.0\n"
		"      e000-e01f : e1000e\n");
	tc_plan_ok(&t);
	/* Leaves below 0xd00 (except 0xcf8) in file order, sorted by start,
	 * permitted when their start is whitelisted (0x40, 0x60, 0x61, 0x64,
	 * 0x70, 0x2f8, 0x3f8) or the name holds "vesa"/"vga" in any case;
	 * then whole PCI device ranges >= 0xd00, all permitted, sorted. The
	 * leaves >= 0xd00 (pnp 00:02, ahci, e1000e) and the 1f.0/1f.3 device
	 * ranges below 0xd00 are not. Only permitted ranges become entries. */
	static const struct { uint16_t base, length; } want[] = {
		{ 0x40, 4 }, { 0x60, 1 }, { 0x61, 1 }, { 0x64, 1 }, { 0x70, 8 },
		{ 0x2f8, 8 }, { 0x3b0, 0xc }, { 0x3c0, 0x20 }, { 0x3f8, 8 },
		{ 0xc000, 0x80 }, { 0xc080, 0x20 }, { 0xe000, 0x20 },
	};
	const struct cfg_cell *c = &t.s.root;
	bool same = c->npio == sizeof(want) / sizeof(want[0]);
	for (size_t i = 0; same && i < c->npio; i++)
		same = c->pio[i].base == want[i].base &&
		       c->pio[i].length == want[i].length;
	if (!same) {
		for (size_t i = 0; i < c->npio; i++)
			fprintf(stderr, "  pio[%zu] 0x%x+0x%x %s\n", i, c->pio[i].base,
				c->pio[i].length, c->pio[i].comment);
		fail_msg("port ranges differ");
	}
	/* the first "ACPI PM_TMR" port */
	assert_int_equal(t.s.pm_timer_address, 0x608);
	tc_free(&t);
}

/* 0xcf8 is dropped before the whitelist is applied: even a name with "vga"
 * in it does not make the config space ports the root cell's. */
static void test_ports_cf8_never_permitted(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0,
		"0608-060b : ACPI PM_TMR\n"
		"0cf8-0cf8 : vga conf1\n"
		"0cf9-0cf9 : vga reset\n");
	tc_plan_ok(&t);
	/* only the second survives: it does not start at 0xcf8 */
	assert_int_equal(t.s.root.npio, 1);
	assert_int_equal(t.s.root.pio[0].base, 0xcf9);
	assert_int_equal(t.s.root.pio[0].length, 1);
	tc_free(&t);
}

/* Master finds "ACPI PM_TMR" anywhere in /proc/ioports and needs exactly
 * one. */
static void test_pm_timer_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0,
		"0000-0cf7 : PCI Bus 0000:00\n"
		"  0040-0043 : timer0\n"
		"0cf8-0cff : PCI conf1\n");
	tc_plan_fails(&t, JH_REFUSED, "PM_TMR");
	tc_free(&t);

	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0,
		"0608-060b : ACPI PM_TMR\n"
		"0808-080b : ACPI PM_TMR\n");
	tc_plan_fails(&t, JH_REFUSED, "PM_TMR");
	tc_free(&t);
}

/* ---- MCFG ---- */

static void test_mcfg_refused(void **state)
{
	(void)state;
	struct tcase t;
	/* the file is missing: master cannot open a required input */
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	mcfg_free(&t.m.mcfg);
	t.m.have_mcfg = false;
	tc_plan_fails(&t, JH_REFUSED, "MCFG");
	tc_free(&t);

	/* two allocations: the table is longer than 60 bytes */
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_mcfg(&t.m, 0xd0000000, 1, 0, 0xff);
	tc_plan_fails(&t, JH_REFUSED, "MCFG");
	tc_free(&t);

	/* one allocation, but not for segment 0 from bus 0 */
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	t.m.mcfg.allocs[0].start_bus = 0x80;
	tc_plan_fails(&t, JH_REFUSED, "MCFG");
	tc_free(&t);
}

/* ---- Intel IOMMU (DMAR) ---- */

static void add_dmar_devices(struct machine *m)
{
	add_dev(m, 0, 0, 0);                       /* host bridge */
	add_dev(m, 0, 2, 0);                       /* endpoint scope */
	struct pci_dev *d = add_dev(m, 0, 0x1c, 0); /* bridge to buses 1-2 */
	d->is_bridge = true;
	d->secondary_bus = 1;
	d->subordinate_bus = 2;
	add_dev(m, 0, 0x1f, 0);
	add_dev(m, 1, 0, 0);
	add_dev(m, 2, 0, 0);
	add_dev(m, 3, 0, 0);                       /* not behind 00:1c.0 */
}

static void test_dmar_scopes(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t,
		LOW_RAM
		"000c0000-000c7fff : Video ROM\n"
		"00100000-1fffffff : System RAM\n"
		"fed90000-fed90fff : dmar0\n"
		"fed91000-fed92fff : dmar1\n");
	struct machine *m = &t.m;
	dmar_free(&m->dmar);
	madt_free(&m->madt);
	add_ioapic(m, 2, 0xfec00000, 0);
	add_ioapic(m, 3, 0xfec01000, 24);
	add_dmar_devices(m);
	struct dmar_drhd *h = add_drhd(m, 0, 0xfed90000);
	drhd_scope(h, 1, 0, 0, 2, 0);          /* endpoint 00:02.0 */
	drhd_scope(h, 2, 0, 0, 0x1c, 0);       /* sub-hierarchy 00:1c.0 */
	h = add_drhd(m, 1, 0xfed91000);         /* INCLUDE_PCI_ALL */
	drhd_scope(h, 3, 2, 0xf0, 0x1f, 0);    /* IOAPIC 2 is f0:1f.0 */
	struct dmar_rmrr *rm = ARRAY_PUSH(m->dmar.rmrrs, m->dmar.nrmrrs,
					  m->dmar.rmrrs_cap);
	rm->base = 0x7b800000;
	rm->limit = 0x7fffffff;
	add_scope(&rm->scopes, &rm->nscopes, &rm->scopes_cap, 1, 0, 0, 0x14, 0);
	tc_plan_ok(&t);

	/* two units, JAILHOUSE_IOMMU_INTEL (2); their sizes come from the
	 * dmarN iomem entries: 0x1000 and 0x2000 */
	assert_int_equal(t.s.niommu, 2);
	assert_int_equal(t.s.iommu[0].type, 2);
	assert_true(t.s.iommu[0].base == 0xfed90000);
	assert_int_equal(t.s.iommu[0].size, 0x1000);
	assert_int_equal(t.s.iommu[1].type, 2);
	assert_true(t.s.iommu[1].base == 0xfed91000);
	assert_int_equal(t.s.iommu[1].size, 0x2000);
	assert_int_equal(t.s.iommu[2].type, 0);

	/* unit 0: 00:02.0 (endpoint), 00:1c.0 and buses 1..2 behind it;
	 * unit 1 (include-all): whatever unit 0 left */
	const struct cfg_cell *c = &t.s.root;
	static const uint8_t unit[] = { 1, 0, 0, 1, 0, 0, 1 };
	assert_int_equal(c->npci, 7);
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(c->pci[i].iommu, unit[i]);

	/* IOAPIC 2: unit 1 << 16 | f0:1f.0 (0xf0 << 8 | 0x1f << 3) = 0x1f0f8;
	 * IOAPIC 3 is in no scope: 0 */
	assert_int_equal(c->nirqchips, 2);
	assert_true(c->irqchips[0].address == 0xfec00000);
	assert_int_equal(c->irqchips[0].id, 0x1f0f8);
	assert_true(c->irqchips[1].address == 0xfec01000);
	assert_int_equal(c->irqchips[1].id, 0);

	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   { 0xc0000, 0x20000, RW },
		   /* the RMRR, as RAM, after the ROMs:
		    * 0x80000000 - 0x7b800000 = 0x4800000 */
		   { 0x7b800000, 0x4800000, RAM },
		   RESERVED_INMATE_REGION);
	assert_non_null(strstr(c->mem[3].comment, "ACPI DMAR RMRR"));
	tc_free(&t);
}

/* Every device must be in some unit's scope. */
static void test_dmar_device_outside_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	dmar_free(&t.m.dmar);
	add_dev(&t.m, 0, 2, 0);
	add_dev(&t.m, 0, 0x1f, 0);
	struct dmar_drhd *h = add_drhd(&t.m, 0, 0xfed90000);
	drhd_scope(h, 1, 0, 0, 2, 0);
	tc_plan_fails(&t, JH_REFUSED, "00:1f.0");
	tc_free(&t);
}

/* Without the kernel's dmar0 entry the unit's size is unknown. */
static void test_dmar_iomem_entry_missing_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n");
	tc_plan_fails(&t, JH_REFUSED, "dmar");
	/* the advice agrees with the boot parameters: Jailhouse needs
	 * intel_iommu=off (README.md), and the dmar entry survives it while
	 * interrupt remapping is on (q35-agl-memmap: intel_iommu=off, dmar0) */
	assert_non_null(strstr(t.e.msg, "keep intel_iommu=off"));
	assert_null(strstr(t.e.msg, "intel_iommu=on"));
	tc_free(&t);
}

/* Master refuses a register window above 0x3000 bytes. */
static void test_dmar_unit_too_large_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n"
			 "fed90000-fed93fff : dmar0\n");
	tc_plan_fails(&t, JH_REFUSED, "0x4000");
	tc_free(&t);
}

/* An Intel CPU without a DMAR table. */
static void test_dmar_missing_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	dmar_free(&t.m.dmar);
	t.m.have_dmar = false;
	tc_plan_fails(&t, JH_REFUSED, "DMAR");
	tc_free(&t);
}

/* ---- AMD IOMMU (IVRS) ---- */

static struct ivhd_entry *ivhd_entry(struct ivhd *h, uint8_t type,
				     uint16_t devid)
{
	struct ivhd_entry *e = ARRAY_PUSH(h->entries, h->nentries, h->entries_cap);
	e->type = type;
	e->devid = devid;
	return e;
}

/* An AMD machine: the IOMMU is 00:00.2 (MSI capability at 0x54), its
 * IVHD (type `type`, features `feature`) selects 00:01.0, covers the
 * range 00:14.0-00:14.7 and names IOAPIC 4 as 00:14.0. 00:00.0 is the
 * host bridge, which may stay outside. */
static void amd_init(struct tcase *t, uint8_t type, uint32_t feature)
{
	tc_init_reserved(t,
		LOW_RAM
		"00100000-1fffffff : System RAM\n"
		"feb80000-feb83fff : amd_iommu\n");
	struct machine *m = &t->m;
	free(m->cpu.vendor);
	m->cpu.vendor = xstrdup("AuthenticAMD");
	dmar_free(&m->dmar);
	m->have_dmar = false;
	madt_free(&m->madt);
	add_ioapic(m, 4, 0xfec00000, 0);
	add_ioapic(m, 5, 0xfec01000, 24);

	add_dev(m, 0, 0, 0);
	struct pci_dev *d = add_dev(m, 0, 0, 2);
	add_cap(d, 0x0f, false, 0x40, 2, false);   /* the IOMMU's own */
	add_cap(d, 0x05, false, 0x54, 10, true);   /* MSI */
	add_cap(d, 0x08, false, 0x64, 2, false);   /* HyperTransport */
	d->msi_vectors = 1;
	d = add_dev(m, 0, 1, 0);
	d->msi_vectors = 4;
	add_cap(d, 0x05, false, 0x50, 10, true);
	add_dev(m, 0, 0x14, 0)->msix_vectors = 4;
	add_dev(m, 0, 0x14, 3);

	m->have_ivrs = true;
	m->ivrs.revision = 1;
	struct ivhd *h = ARRAY_PUSH(m->ivrs.hds, m->ivrs.nhds, m->ivrs.hds_cap);
	h->type = type;
	h->bdf = 0x0002;
	h->cap_offset = 0x40;
	h->base = 0xfeb80000;
	h->feature = feature;
	ivhd_entry(h, 0x02, 0x0008);               /* select 00:01.0 */
	ivhd_entry(h, 0x03, 0x00a0);               /* range 00:14.0 .. */
	ivhd_entry(h, 0x04, 0x00a7);               /* .. 00:14.7 */
	struct ivhd_entry *e = ivhd_entry(h, 0x48, 0);
	e->handle = 4;
	e->src_devid = 0x00a0;
	e->variety = 1;                            /* IOAPIC */
	*ARRAY_PUSH(m->ivrs.block_types, m->ivrs.nblocks, m->ivrs.blocks_cap) = type;
}

static void test_amd_iommu(void **state)
{
	(void)state;
	struct tcase t;
	amd_init(&t, 0x10, 0);
	tc_plan_ok(&t);
	/* JAILHOUSE_IOMMU_AMD (1); no performance counters: 16 KiB; type
	 * 0x10: features | 1 */
	assert_int_equal(t.s.niommu, 1);
	assert_int_equal(t.s.iommu[0].type, 1);
	assert_true(t.s.iommu[0].base == 0xfeb80000);
	assert_int_equal(t.s.iommu[0].size, 0x4000);
	assert_int_equal(t.s.iommu[0].amd_bdf, 0x0002);
	assert_int_equal(t.s.iommu[0].amd_base_cap, 0x40);
	assert_int_equal(t.s.iommu[0].amd_msi_cap, 0x54);
	assert_int_equal(t.s.iommu[0].amd_features, 0x1);

	/* 00:00.2 is gone; the others are in unit 0 (00:00.0 by default) */
	const struct cfg_cell *c = &t.s.root;
	static const uint16_t bdf[] = { 0x0000, 0x0008, 0x00a0, 0x00a3 };
	assert_int_equal(c->npci, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(c->pci[i].bdf, bdf[i]);
		assert_int_equal(c->pci[i].iommu, 0);
	}
	/* its capabilities are not in the list either: only 00:01.0's MSI */
	assert_int_equal(c->ncaps, 1);
	assert_int_equal(c->caps[0].start, 0x50);
	/* 120 + 4 (00:01.0) + 4 (00:14.0) = 128; counting the IOMMU's MSI
	 * vector would give 129 -> 256 */
	assert_int_equal(t.s.vtd_interrupt_limit, 128);
	/* IOAPIC 4 is 00:14.0 behind unit 0: 0 << 16 | 0xa0; IOAPIC 5: 0 */
	assert_int_equal(c->nirqchips, 2);
	assert_int_equal(c->irqchips[0].id, 0xa0);
	assert_int_equal(c->irqchips[1].id, 0);
	/* the amd_iommu iomem entry is no region of the root cell */
	assert_mem(&t,
		   LOW_RAM_REGION,
		   { 0x100000, 0x1ff00000, RAM },
		   RESERVED_INMATE_REGION);
	tc_free(&t);
}

/* 512 KiB when bits 13-16 and bits 17-22 of the feature field are both
 * non-zero (performance counters and banks); 16 KiB otherwise. Type 0x11
 * blocks hold attributes, not features: amd_features 0. */
static void test_amd_mmio_size_and_features(void **state)
{
	(void)state;
	static const struct {
		uint8_t type;
		uint32_t feature;
		uint32_t size, features;
	} cases[] = {
		{ 0x10, 1u << 13 | 1u << 17, 0x80000, 0x22001 },
		{ 0x10, 0xfu << 13, 0x4000, 0x1e001 },
		{ 0x10, 0x3fu << 17, 0x4000, 0x7e0001 },
		{ 0x11, 1u << 13 | 1u << 17, 0x80000, 0 },
		{ 0x11, 0, 0x4000, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tcase t;
		amd_init(&t, cases[i].type, cases[i].feature);
		tc_plan_ok(&t);
		assert_int_equal(t.s.iommu[0].size, cases[i].size);
		assert_int_equal(t.s.iommu[0].amd_features, cases[i].features);
		tc_free(&t);
	}
}

/* 00:18.0 is in no entry and is not the host bridge. */
static void test_amd_device_outside_refused(void **state)
{
	(void)state;
	struct tcase t;
	amd_init(&t, 0x10, 0);
	add_dev(&t.m, 0, 0x18, 0);
	tc_plan_fails(&t, JH_REFUSED, "00:18.0");
	tc_free(&t);
}

/* Master cannot use an AMD IOMMU without MSI. */
static void test_amd_iommu_without_msi_refused(void **state)
{
	(void)state;
	struct tcase t;
	amd_init(&t, 0x10, 0);
	t.m.pci[1].caps[1].id = 0x11;              /* MSI-X instead */
	tc_plan_fails(&t, JH_REFUSED, "MSI");
	tc_free(&t);
}

/* A non-Intel CPU without an IVRS table. */
static void test_amd_ivrs_missing_refused(void **state)
{
	(void)state;
	struct tcase t;
	amd_init(&t, 0x10, 0);
	ivrs_free(&t.m.ivrs);
	t.m.have_ivrs = false;
	tc_plan_fails(&t, JH_REFUSED, "IVRS");
	tc_free(&t);
}

/* ---- bad input and other refusals ---- */

static void test_bad_options_and_machine(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.o.mem_hv = 0;
	tc_plan_fails(&t, JH_BADINPUT, "--mem-hv: the size must not be zero");
	tc_free(&t);

	/* all ones: refused for its size (more than the 2^52 bytes x86-64
	 * can address), not as "zero" because the sum wrapped */
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.o.mem_hv = UINT64_MAX;
	tc_plan_fails(&t, JH_BADINPUT, "--mem-hv: 0xffffffffffffffff bytes is more than");
	tc_free(&t);

	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.cpu.sysfs_count = 0;
	tc_plan_fails(&t, JH_BADINPUT, "cpu");
	tc_free(&t);

	/* master stops when Jailhouse was enabled during collection */
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.jailhouse_enabled = true;
	tc_plan_fails(&t, JH_REFUSED, "enabled");
	tc_free(&t);

	/* nothing in /proc/iomem */
	tc_init(&t, "", IOPORTS_MIN);
	tc_plan_fails(&t, JH_REFUSED, "iomem");
	tc_free(&t);

	/* a DMAR IOAPIC scope naming an IOAPIC the MADT lacks */
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	drhd_scope(&t.m.dmar.drhds[0], 3, 9, 0xf0, 0x1f, 0);
	tc_plan_fails(&t, JH_BADINPUT, "IOAPIC 9");
	tc_free(&t);

	/* no MADT */
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	madt_free(&t.m.madt);
	t.m.have_madt = false;
	tc_plan_fails(&t, JH_REFUSED, "APIC");
	tc_free(&t);
}

/* ---- findings: every refusal at once ---- */

/* A machine with four independent problems: no MCFG, no PM timer, no
 * MADT and no DMAR on an Intel CPU. Each is its own error finding, in
 * master's step order, and err repeats the first (what was printed
 * alone before). */
static void test_all_refusals_collected(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0,
		"0040-0043 : timer0\n");
	mcfg_free(&t.m.mcfg);
	t.m.have_mcfg = false;
	madt_free(&t.m.madt);
	t.m.have_madt = false;
	dmar_free(&t.m.dmar);
	t.m.have_dmar = false;
	tc_plan_fails(&t, JH_REFUSED, "MCFG: missing");
	assert_int_equal(jh_findings_count(&t.d, JH_SEV_ERROR), 4);
	static const char *const ids[] = {
		"ROOT-NO-MCFG", "ROOT-PM-TIMER", "ROOT-NO-MADT", "ROOT-NO-DMAR",
	};
	size_t k = 0;
	for (size_t i = 0; i < t.d.n; i++)
		if (jh_finding_severity(&t.d.v[i]) == JH_SEV_ERROR)
			assert_string_equal(jh_finding_rule(&t.d.v[i])->id, ids[k++]);
	assert_string_equal(t.e.msg, jh_findings_first(&t.d, JH_SEV_ERROR)->msg);
	tc_free(&t);
}

/* Two devices outside every unit: one finding each, naming the device. */
static void test_every_device_outside_reported(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	dmar_free(&t.m.dmar);
	add_dev(&t.m, 0, 2, 0);
	add_dev(&t.m, 0, 3, 0);
	add_dev(&t.m, 0, 0x1f, 0);
	struct dmar_drhd *h = add_drhd(&t.m, 0, 0xfed90000);
	drhd_scope(h, 1, 0, 0, 2, 0);
	tc_plan_fails(&t, JH_REFUSED, "00:03.0");
	assert_true(has_finding(&t, "IOMMU-DEVICE-OUTSIDE", "00:03.0"));
	assert_true(has_finding(&t, "IOMMU-DEVICE-OUTSIDE", "00:1f.0"));
	assert_int_equal(jh_findings_count(&t.d, JH_SEV_ERROR), 2);
	/* the subject is the device: 00:1f.0 = 0x1f << 3 = 0xf8 */
	assert_true(t.d.v[t.d.n - 1].has_bdf);
	assert_int_equal(t.d.v[t.d.n - 1].bdf, 0xf8);
	tc_free(&t);
}

/* ---- MSI-X not in memory space: discovery's fact, the planner's rule ---- */

static void test_msix_not_memory_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	struct pci_dev *d = add_dev(&t.m, 0, 3, 0);
	d->msix_not_memory = true;
	d->msix_bad_cap = 0x40;
	d->msix_bad_bir = 0;
	d->msix_bad_bar = 0xc001;
	tc_plan_fails(&t, JH_REFUSED,
		      "/sys/bus/pci/devices/0000:00:03.0/config: the MSI-X table "
		      "(capability at 0x40) lies in BAR 0, which is not a memory BAR "
		      "(0x0000c001)");
	assert_true(has_finding(&t, "PCI-MSIX-NOT-MEMORY", "0000:00:03.0"));
	tc_free(&t);
}

/* ---- memmap= reservation (issue 8 item 2) ---- */

/* 82 MiB at 0xfffffffffff00000: the last byte would be at
 * 0xfffffffffff00000 + 0x5200000 - 1 > 2^64 - 1. Taken as "already has
 * it" before; a refusal now. */
static void test_memmap_wraps_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0xfffffffffff00000ull);
	tc_plan_fails(&t, JH_REFUSED, "past the end of the 64-bit address space");
	assert_true(has_finding(&t, "WINDOW-MEMMAP-WRAPS", "0xfffffffffff00000"));
	tc_free(&t);

	/* the last bytes of the address space: no wrap, but far above 2^52,
	 * the highest physical address x86-64 has */
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0ull - WINDOW);
	tc_plan_fails(&t, JH_REFUSED, "ends above 2^52");
	assert_true(has_finding(&t, "WINDOW-MEMMAP-UNUSABLE", "2^52"));
	tc_free(&t);
}

/* The kernel did not honour memmap=82M$0x20000000: /proc/iomem still
 * lists 0x20000000-0x251fffff as System RAM. */
static void test_memmap_not_honoured_refused(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0x20000000);
	tc_plan_fails(&t, JH_REFUSED, "still System RAM at 0x100000-0x7fffffff");
	assert_true(has_finding(&t, "WINDOW-MEMMAP-IN-RAM", "0x20000000-0x251fffff"));
	tc_free(&t);

	/* honoured, but the reservation also covers ACPI tables */
	tc_init_reserved(&t, LOW_RAM
			 "00100000-1fffffff : System RAM\n"
			 "20000000-24ffffff : Reserved\n"
			 "25000000-251fffff : ACPI Tables\n" DMAR0);
	tc_plan_fails(&t, JH_REFUSED, "overlaps \"ACPI Tables\" at 0x25000000-0x251fffff");
	assert_true(has_finding(&t, "WINDOW-MEMMAP-OVERLAP", "ACPI Tables"));
	tc_free(&t);

	/* honoured: a top-level Reserved line (children of it do not count) */
	tc_init_reserved(&t, LOW_RAM
			 "00100000-1fffffff : System RAM\n"
			 "20000000-251fffff : Reserved\n" DMAR0);
	tc_plan_ok(&t);
	assert_int_equal(t.d.n, 0);
	tc_free(&t);
}

/* ---- the root cell never overlaps the hypervisor (issue 8 item 1) ---- */

/* An extra System RAM line over the window, as a forged /proc/iomem
 * could have it (the kernel never writes overlapping siblings): without
 * a memmap= the window is carved out of the first RAM line at
 * 0x3a000000, and the second line would hand 0x3a000000-0x3f1fffff, the
 * hypervisor's 6 MiB included, to the root cell with RWX+DMA. */
static void test_root_never_overlaps_hypervisor(void **state)
{
	(void)state;
	struct tcase t;
	/* The parser refuses overlapping siblings (test_restree.c); the
	 * planner must not trust that alone. So the tree is parsed without
	 * the overlap and the first RAM line is then stretched over the
	 * second, as a broken parser would have let through. */
	tc_init(&t, LOW_RAM
		"00100000-39ffffff : System RAM\n"
		"3a000000-3f1fffff : System RAM\n" DMAR0, IOPORTS_MIN);
	for (size_t i = 0; i < t.m.iomem.n; i++)
		if (t.m.iomem.nodes[i].start == 0x100000)
			t.m.iomem.nodes[i].end = 0x7fffffff;
	tc_plan_fails(&t, JH_REFUSED,
		      "root cell memory region 0x3a000000-0x3f1fffff (System RAM) "
		      "overlaps the hypervisor's memory 0x3a000000-0x3a5fffff");
	assert_true(has_finding(&t, "ROOT-OVERLAPS-HYPERVISOR", "System RAM"));
	tc_free(&t);

	/* with a reservation: a non-RAM child inside the Reserved line */
	tc_init_reserved(&t, LOW_RAM
			 "00100000-1fffffff : System RAM\n"
			 "20000000-251fffff : Reserved\n"
			 "  20000000-20ffffff : ACPI Non-volatile Storage\n" DMAR0);
	tc_plan_fails(&t, JH_REFUSED, "overlaps the hypervisor's memory 0x20000000-0x205fffff");
	tc_free(&t);
}

/* RAM that does not start on a page would be sub-page MMIO to Jailhouse
 * (cell-config.h JAILHOUSE_MEMORY_IS_SUBPAGE): refused, where master
 * keeps the start (the fuzz harness found 0x100001 reaching into the
 * window). A device region may be sub-page: master's bytes stay. */
static void test_ram_must_start_on_a_page(void **state)
{
	(void)state;
	struct tcase t;
	/* a gap keeps the two RAM lines apart (adjacent ones are merged) */
	tc_init(&t, LOW_RAM "00100001-0fffffff : System RAM\n"
		"10001000-7fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	tc_plan_fails(&t, JH_REFUSED, "root cell RAM region at 0x100001 (System RAM) does "
		      "not start on a page");
	assert_true(has_finding(&t, "ROOT-RAM-UNALIGNED", "0x100001"));
	tc_free(&t);
}

/* A memmap= reservation the kernel did not reserve (no Reserved region in
 * /proc/iomem, e.g. beyond the RAM), or that does not start on a page or
 * ends above 2^52, cannot hold the hypervisor (the fuzz harness found
 * an unaligned one at 0xff7974000053f073 written with exit 0). */
static void test_memmap_must_be_reserved_memory(void **state)
{
	(void)state;
	struct tcase t;
	tc_init(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0x30000000);
	tc_plan_fails(&t, JH_REFUSED, "no Reserved region holds the memmap reservation "
		      "0x30000000-0x351fffff");
	tc_free(&t);
	tc_init(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0x30000073);
	tc_plan_fails(&t, JH_REFUSED, "at 0x30000073 does not start on a 4 KiB page");
	tc_free(&t);
	tc_init(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0, IOPORTS_MIN);
	add_memmap(&t.m, WINDOW, 0xfffffff000000);
	tc_plan_fails(&t, JH_REFUSED, "ends above 2^52");
	tc_free(&t);
}

/* ---- sizes (issue 8 item 9) ---- */

static void test_sizes_checked(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	/* 4095 bytes: not whole pages (it gave unaligned regions before) */
	assert_int_equal(plan_check_size("--mem-hv", 4095, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_string_equal(err.msg, "--mem-hv: 0xfff is not a multiple of 4 KiB "
			    "(one page): Jailhouse maps memory in whole pages");
	jh_error_clear(&err);
	/* 2^52 is the most an x86-64 machine can address; one page more is not */
	assert_int_equal(plan_check_size("--mem-inmates", 1ull << 52, &err), 0);
	assert_int_equal(plan_check_size("--mem-inmates", (1ull << 52) + 0x1000, &err), -1);
	assert_non_null(strstr(err.msg, "--mem-inmates: 0x10000000001000 bytes is more than"));
	jh_error_clear(&err);
	/* each fine, the sum not */
	struct plan_opts o;
	plan_opts_default(&o);
	o.mem_hv = o.mem_inmates = 1ull << 51;
	assert_int_equal(plan_opts_check(&o, &err), 0);
	o.mem_inmates += 0x1000;
	assert_int_equal(plan_opts_check(&o, &err), -1);
	assert_non_null(strstr(err.msg, "--mem-hv and --mem-inmates"));
	jh_error_clear(&err);

	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.o.mem_inmates = 4095;
	tc_plan_fails(&t, JH_BADINPUT, "not a multiple of 4 KiB");
	tc_free(&t);
}

/* ---- console (issue 8 item 10) ---- */

/* ttyS0 present (type 4) but without its port file: not port 0, not a
 * silent drop, but a warning naming the file; no console. */
static void test_console_without_port_file(void **state)
{
	(void)state;
	struct tcase t;
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.uarts[0].port = 0;
	t.m.uarts[0].no_port = true;
	tc_plan_ok(&t);
	assert_int_equal(t.d.n, 1);
	assert_true(has_finding(&t, "CONSOLE-NO-PORT-FILE",
				"console ttyS0: /sys/class/tty/ttyS0/port is missing"));
	assert_int_equal(t.s.debug_console.type, 0);
	assert_int_equal(t.s.debug_console.address, 0);
	tc_free(&t);

	/* a port file that says 0: dropped as master drops it, with a word */
	tc_init_reserved(&t, LOW_RAM "00100000-1fffffff : System RAM\n" DMAR0);
	t.m.uarts[0].port = 0;
	tc_plan_ok(&t);
	assert_int_equal(t.d.n, 1);
	assert_true(has_finding(&t, "CONSOLE-NO-UART", "address 0"));
	assert_int_equal(t.s.debug_console.type, 0);
	tc_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_splits_ram_in_place),
		cmocka_unit_test(test_window_exact_fit_removes_region),
		cmocka_unit_test(test_window_fallback_last_big_ram),
		cmocka_unit_test(test_window_fallback_low_ram),
		cmocka_unit_test(test_window_no_room_refused),
		cmocka_unit_test(test_memmap_honoured),
		cmocka_unit_test(test_window_address_chosen),
		cmocka_unit_test(test_window_address_outside_ram),
		cmocka_unit_test(test_window_address_moves_from_memmap),
		cmocka_unit_test(test_memmap_first_wins),
		cmocka_unit_test(test_memmap_too_small_refused),
		cmocka_unit_test(test_window_custom_sizes),
		cmocka_unit_test(test_kernel_merged_back),
		cmocka_unit_test(test_kernel_first_piece_names_region),
		cmocka_unit_test(test_adjacent_ram_merged),
		cmocka_unit_test(test_first_page_only_from_0x1000),
		cmocka_unit_test(test_pci_bus_windows),
		cmocka_unit_test(test_apic_dropped),
		cmocka_unit_test(test_mmconfig_and_ecam_dropped),
		cmocka_unit_test(test_reserved_leaves_dropped),
		cmocka_unit_test(test_roms_folded),
		cmocka_unit_test(test_no_roms_no_region),
		cmocka_unit_test(test_sizes_rounded_starts_kept),
		cmocka_unit_test(test_msix_pages_cut),
		cmocka_unit_test(test_header_and_cpus),
		cmocka_unit_test(test_cpu_set_66),
		cmocka_unit_test(test_console_pio),
		cmocka_unit_test(test_console_none),
		cmocka_unit_test(test_console_mmio32),
		cmocka_unit_test(test_console_mmio8),
		cmocka_unit_test(test_console_unusable),
		cmocka_unit_test(test_interrupt_limit),
		cmocka_unit_test(test_caps_shared),
		cmocka_unit_test(test_pci_device_fields),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_ports_cf8_never_permitted),
		cmocka_unit_test(test_pm_timer_refused),
		cmocka_unit_test(test_mcfg_refused),
		cmocka_unit_test(test_dmar_scopes),
		cmocka_unit_test(test_dmar_device_outside_refused),
		cmocka_unit_test(test_dmar_iomem_entry_missing_refused),
		cmocka_unit_test(test_dmar_unit_too_large_refused),
		cmocka_unit_test(test_dmar_missing_refused),
		cmocka_unit_test(test_amd_iommu),
		cmocka_unit_test(test_amd_mmio_size_and_features),
		cmocka_unit_test(test_amd_device_outside_refused),
		cmocka_unit_test(test_amd_iommu_without_msi_refused),
		cmocka_unit_test(test_amd_ivrs_missing_refused),
		cmocka_unit_test(test_bad_options_and_machine),
		cmocka_unit_test(test_all_refusals_collected),
		cmocka_unit_test(test_every_device_outside_reported),
		cmocka_unit_test(test_msix_not_memory_refused),
		cmocka_unit_test(test_memmap_wraps_refused),
		cmocka_unit_test(test_memmap_not_honoured_refused),
		cmocka_unit_test(test_root_never_overlaps_hypervisor),
		cmocka_unit_test(test_sizes_checked),
		cmocka_unit_test(test_ram_must_start_on_a_page),
		cmocka_unit_test(test_memmap_must_be_reserved_memory),
		cmocka_unit_test(test_console_without_port_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
