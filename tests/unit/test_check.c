/* SPDX-License-Identifier: GPL-2.0-only */
/* core/check: every rule fires on a minimal bad case and stays quiet on
 * a good one. The good set mirrors Jailhouse's own configs/x86/qemu-x86.c
 * root cell with tiny-demo.c beside it (addresses, flags, ports and the
 * ivshmem link taken from those files, not from jhconf's output); each
 * test breaks one thing. Limits come from Jailhouse's sources, named at
 * each test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"

#define RWX (JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)
#define RAM (RWX | JH_MEM_DMA)

struct fx {
	struct cfg_system sys;
	struct cfg_cell cell[3];
	size_t ncells;
	struct machine *m;
	struct jh_findings f;
};

static void cpu(struct cfg_cell *c, unsigned n)
{
	if (c->cpu_set_size < n / 8 + 1) {
		c->cpu_set = realloc(c->cpu_set, n / 8 + 1);
		memset(c->cpu_set + c->cpu_set_size, 0, n / 8 + 1 - c->cpu_set_size);
		c->cpu_set_size = n / 8 + 1;
	}
	c->cpu_set[n / 8] |= (unsigned char)(1u << (n % 8));
}

static struct cfg_memory *mem(struct cfg_cell *c, uint64_t phys, uint64_t virt,
			      uint64_t size, uint64_t flags)
{
	struct cfg_memory *m = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	*m = (struct cfg_memory){ phys, virt, size, flags, NULL };
	return m;
}

static void pio(struct cfg_cell *c, uint16_t base, uint16_t len)
{
	struct cfg_pio *p = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
	*p = (struct cfg_pio){ base, len, NULL };
}

static struct cfg_pci_dev *pci(struct cfg_cell *c, uint8_t type, uint16_t bdf)
{
	struct cfg_pci_dev *p = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
	memset(p, 0, sizeof(*p));
	p->type = type;
	p->bdf = bdf;
	return p;
}

static struct cfg_irqchip *ioapic(struct cfg_cell *c, uint64_t addr, uint32_t id)
{
	struct cfg_irqchip *q = ARRAY_PUSH(c->irqchips, c->nirqchips, c->irqchips_cap);
	memset(q, 0, sizeof(*q));
	q->address = addr;
	q->id = id;
	return q;
}

/* An ivshmem endpoint in c with its 5 regions (1 state page, a 0x9000
 * read/write region, 3 output regions of 0x2000), as qemu-x86.c's link
 * 01:0e.0 (3 peers) lays them out from 0x3f0f0000. */
static void ivshmem(struct cfg_cell *c, uint8_t id, uint64_t rootshared)
{
	struct cfg_pci_dev *p = pci(c, JH_PCI_TYPE_IVSHMEM, 0x0170);
	p->shmem_regions_start = (uint32_t)c->nmem;
	p->shmem_dev_id = id;
	p->shmem_peers = 3;
	p->num_msix_vectors = 16;
	mem(c, 0x3f0f0000, 0x3f0f0000, 0x1000, JH_MEM_READ | rootshared);
	mem(c, 0x3f0f1000, 0x3f0f1000, 0x9000, JH_MEM_READ | JH_MEM_WRITE | rootshared);
	for (uint8_t k = 0; k < 3; k++)
		mem(c, 0x3f0fa000 + 0x2000ull * k, 0x3f0fa000 + 0x2000ull * k, 0x2000,
		    JH_MEM_READ | (k == id ? JH_MEM_WRITE : 0) | rootshared);
}

/* tiny-demo.c: CPU 2, RAM 0x3ee00000 (1 MiB) at 0, comm region at
 * 0x100000, one of its port ranges (`port`, 8 ports); plus one ivshmem
 * endpoint with id `id` (ivshmem-demo.c's link, ROOTSHARED). */
static void inmate(struct cfg_cell *c, const char *name, unsigned cpu_n,
		   uint64_t ram, uint8_t id, uint16_t port)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->signature, "JHCLL", 5);
	c->revision = 14;
	cfg_set_name(c->name, name);
	cpu(c, cpu_n);
	mem(c, ram, 0, 0x100000, RWX | JH_MEM_LOADABLE);
	mem(c, 0, 0x100000, 0x1000, JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION);
	pio(c, port, 8);
	ivshmem(c, id, JH_MEM_ROOTSHARED);
	c->flags = JH_CELL_PASSIVE_COMMREG;
}

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	struct cfg_system *s = &x->sys;
	/* qemu-x86.c */
	s->hypervisor_memory = (struct cfg_memory){ 0x3a000000, 0, 0x600000, 0, NULL };
	s->debug_console = (struct cfg_console){ .address = 0x3f8, .type = JH_CON_TYPE_8250,
						 .flags = JH_CON_ACCESS_PIO };
	s->pci_mmconfig_base = 0xb0000000;
	s->pci_mmconfig_end_bus = 0xff;
	s->iommu[0] = (struct cfg_iommu){ .type = JH_IOMMU_INTEL, .base = 0xfed90000,
					  .size = 0x1000 };
	s->niommu = 1;
	s->vtd_interrupt_limit = 256;
	struct cfg_cell *r = &s->root;
	cfg_set_name(r->name, "QEMU-Linux");
	for (unsigned n = 0; n < 4; n++)
		cpu(r, n);
	mem(r, 0, 0, 0x3a000000, RAM);
	mem(r, 0x3a600000, 0x3a600000, 0x4a00000, RAM);
	/* e1000e's BAR0 and BAR3 without the MSI-X page (see test_bar_unmapped) */
	mem(r, 0xfebc0000, 0xfebc0000, 0x10000, JH_MEM_READ | JH_MEM_WRITE);
	mem(r, 0xfebd1000, 0xfebd1000, 0x3000, JH_MEM_READ | JH_MEM_WRITE);
	ivshmem(r, 0, 0);
	struct cfg_irqchip *q = ioapic(r, 0xfec00000, 0xff00);
	q->pin_bitmap[0] = 0xffffff;
	pio(r, 0x2f8, 8);
	pio(r, 0x3f8, 8);
	pio(r, 0xc000, 0x40);
	/* e1000e at 00:02.0: MSI-X table at 0xfebd0000, a page not mapped;
	 * 5 MSI-X vectors */
	struct cfg_pci_dev *e = pci(r, JH_PCI_TYPE_DEVICE, 0x0010);
	e->num_msix_vectors = 5;
	e->msix_region_size = 0x1000;
	e->msix_address = 0xfebd0000;
	struct cfg_pci_dev *h = pci(r, JH_PCI_TYPE_DEVICE, 0x00d8);
	h->num_msi_vectors = 1;
	inmate(&x->cell[0], "tiny-demo", 2, 0x3ee00000, 1, 0x2f8);
	inmate(&x->cell[1], "apic-demo", 3, 0x3ef00000, 2, 0xe010);
	x->ncells = 2;
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	for (size_t i = 0; i < 3; i++)
		cfg_cell_free(&x->cell[i]);
	cfg_cell_free(&x->sys.root);
	jh_findings_free(&x->f);
	free(x);
	return 0;
}

static void run(struct fx *x)
{
	const struct cfg_cell *cells[3] = { &x->cell[0], &x->cell[1], &x->cell[2] };
	const char *files[3] = { "tiny-demo.cell", "apic-demo.cell", "third.cell" };
	struct check_set set = { .sys = &x->sys, .sys_file = "qemu-x86.cell",
				 .revision = 14, .cells = cells, .files = files,
				 .ncells = x->ncells, .m = x->m };
	jh_findings_free(&x->f);
	check_cells(&set, &x->f);
}

static size_t count(const struct fx *x, enum jh_rule_id r)
{
	size_t n = 0;
	for (size_t i = 0; i < x->f.n; i++)
		n += x->f.v[i].rule == r;
	return n;
}

static const struct jh_finding *first(const struct fx *x, enum jh_rule_id r)
{
	for (size_t i = 0; i < x->f.n; i++)
		if (x->f.v[i].rule == r)
			return &x->f.v[i];
	return NULL;
}

/* quiet on the good set, then once on the broken one */
#define QUIET(x, r) do { run(x); assert_int_equal(count(x, r), 0); } while (0)
#define FIRES(x, r, n) do { run(x); assert_int_equal(count(x, r), n); } while (0)

static void test_good_set_clean(void **state)
{
	struct fx *x = *state;
	run(x);
	for (size_t i = 0; i < x->f.n; i++)
		fail_msg("unexpected finding %s: %s", jh_finding_rule(&x->f.v[i])->id,
			 x->f.v[i].msg);
}

/* ---- config check's five (tools/jailhouse-config-check) ---- */

static void test_overlap_in_cell(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_OVERLAP);
	/* virtually over the RAM at 0 only: config check reports "virtually" */
	mem(&x->cell[0], 0x3ec00000, 0x80000, 0x1000, RWX);
	FIRES(x, JH_R_CHK_MEM_OVERLAP, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_MEM_OVERLAP)->msg, "virtually"));
	assert_string_equal(first(x, JH_R_CHK_MEM_OVERLAP)->cell, "tiny-demo");
	assert_string_equal(first(x, JH_R_CHK_MEM_OVERLAP)->file, "tiny-demo.cell");
}

static void test_overlap_touching_is_not(void **state)
{
	struct fx *x = *state;
	/* regions that touch share no byte: [a, a+s) and [a+s, ...) */
	mem(&x->cell[0], 0x3ef00000 - 0x100000 + 0x100000, 0x101000, 0x1000, RWX);
	mem(&x->cell[0], 0x3ee00000 + 0x100000 + 0x1000, 0x102000, 0x1000, RWX);
	QUIET(x, JH_R_CHK_MEM_OVERLAP);
	/* a zero-size region overlaps nothing (config_parser.py) */
	mem(&x->cell[0], 0x3ee00000, 0, 0, RWX);
	QUIET(x, JH_R_CHK_MEM_OVERLAP);
}

static void test_over_hypervisor(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_HV);
	QUIET(x, JH_R_ROOT_OVERLAPS_HV);
	/* last byte of the inmate region is the hypervisor's first */
	mem(&x->cell[1], 0x39fff000, 0x200000, 0x1001, RWX);
	FIRES(x, JH_R_CHK_MEM_HV, 1);
	/* the root cell's case is the planner's rule */
	mem(&x->sys.root, 0x3a5ff000, 0x3a5ff000, 0x1000, RAM);
	FIRES(x, JH_R_ROOT_OVERLAPS_HV, 1);
}

static void test_over_mmconfig(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_MMCONFIG);
	/* end bus 0xff: 256 buses x 1 MiB -> 0xb0000000-0xbfffffff */
	mem(&x->cell[0], 0xbffff000, 0x200000, 0x1000, JH_MEM_READ);
	FIRES(x, JH_R_CHK_MEM_MMCONFIG, 1);
	x->sys.pci_mmconfig_end_bus = 0xfe;
	QUIET(x, JH_R_CHK_MEM_MMCONFIG);
	x->sys.pci_mmconfig_base = 0;   /* config check skips the section */
	x->sys.pci_mmconfig_end_bus = 0xff;
	QUIET(x, JH_R_CHK_MEM_MMCONFIG);
}

static void test_over_iommu(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_IOMMU);
	mem(&x->sys.root, 0xfed90000, 0xfed90000, 0x1000, JH_MEM_READ | JH_MEM_WRITE);
	FIRES(x, JH_R_CHK_MEM_IOMMU, 1);
	x->sys.iommu[0].type = 0;       /* an unused unit is no resource */
	QUIET(x, JH_R_CHK_MEM_IOMMU);
}

static void test_over_apic(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_APIC);
	mem(&x->cell[0], 0xfee00000, 0x200000, 0x1000, JH_MEM_READ);
	FIRES(x, JH_R_CHK_MEM_APIC, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_MEM_APIC)->msg, "xAPIC"));
	x->cell[0].nmem--;
	/* the IOAPIC page comes from the root cell's irqchips */
	mem(&x->cell[1], 0xfec00000, 0x200000, 0x1000, JH_MEM_READ);
	FIRES(x, JH_R_CHK_MEM_APIC, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_MEM_APIC)->msg, "IOAPIC"));
}

/* ---- driver and hypervisor refusals ---- */

static void test_arch(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_ARCH);
	x->cell[0].architecture = 2;    /* JAILHOUSE_ARM64 */
	FIRES(x, JH_R_CHK_ARCH, 1);
}

static void test_revision(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_REVISION);
	x->cell[1].revision = 13;
	FIRES(x, JH_R_CHK_REVISION, 1);
}

static void test_cpu0(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_CPU0);
	cpu(&x->cell[0], 0);
	FIRES(x, JH_R_CHK_CPU0, 1);
}

static void test_cpu_not_in_root(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_CPU_NOT_ROOT);
	cpu(&x->cell[0], 9);            /* root has 0-3 */
	FIRES(x, JH_R_CHK_CPU_NOT_ROOT, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_CPU_NOT_ROOT)->msg, "CPU 9"));
}

static void test_cpu_shared(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_CPU_SHARED);
	cpu(&x->cell[1], 2);            /* tiny-demo's */
	FIRES(x, JH_R_CHK_CPU_SHARED, 1);
}

static void test_root_no_cpus(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_ROOT_NO_CPUS);
	cpu(&x->cell[0], 0);
	cpu(&x->cell[1], 1);            /* 0-3 all taken */
	FIRES(x, JH_R_CHK_ROOT_NO_CPUS, 1);
}

static void test_name_taken(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_NAME_TAKEN);
	cfg_set_name(x->cell[1].name, "tiny-demo");
	FIRES(x, JH_R_CHK_NAME_TAKEN, 1);
	cfg_set_name(x->cell[1].name, "QEMU-Linux");
	FIRES(x, JH_R_CHK_NAME_TAKEN, 1);
}

static void test_config_too_big(void **state)
{
	struct fx *x = *state;
	/* 16 pages = 65536 bytes (NUM_TEMPORARY_PAGES). The inmate is
	 * 132 + 1 (cpu set) + 7 regions * 32 + 1 pio * 4 + 1 device * 56 =
	 * 417 bytes; each region adds 32. */
	run(x);
	assert_int_equal(check_cell_config_size(&x->cell[0]), 417);
	QUIET(x, JH_R_CHK_CONFIG_TOO_BIG);
	/* (65536 - 417) / 32 = 2034.97: 2034 more fit, 2035 do not */
	for (int i = 0; i < 2034; i++)
		mem(&x->cell[0], 0x3ee00000, 0x1000000 + 0x1000ull * i, 0, RWX);
	QUIET(x, JH_R_CHK_CONFIG_TOO_BIG);
	mem(&x->cell[0], 0x3ee00000, 0x3000000, 0, RWX);
	FIRES(x, JH_R_CHK_CONFIG_TOO_BIG, 1);
}

static void test_cpuset_too_big(void **state)
{
	struct fx *x = *state;
	cpu(&x->cell[0], 4095 * 8);     /* 4096 bytes: still accepted */
	QUIET(x, JH_R_CHK_CPUSET_TOO_BIG);
	cpu(&x->cell[0], 4096 * 8);     /* 4097 bytes */
	FIRES(x, JH_R_CHK_CPUSET_TOO_BIG, 1);
}

static void test_hv_mem(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_HV_MEM_SMALL);
	QUIET(x, JH_R_CHK_HV_MEM_TIGHT);
	/* 4 CPUs x 16 KiB = 64 KiB and the configuration: 64 KiB is too
	 * small whatever the configuration's size */
	x->sys.hypervisor_memory.size = 0x10000;
	FIRES(x, JH_R_CHK_HV_MEM_SMALL, 1);
	/* 128 CPUs at 6 MiB (the jailhouse-dev ENOMEM report): 1 MiB +
	 * 128 x 64 KiB = 9 MiB wanted */
	x->sys.hypervisor_memory.size = 0x600000;
	cpu(&x->sys.root, 127);
	FIRES(x, JH_R_CHK_HV_MEM_TIGHT, 1);
	QUIET(x, JH_R_CHK_HV_MEM_SMALL);
}

static void test_cache(void **state)
{
	struct fx *x = *state;
	struct cfg_cell *c = &x->cell[1];
	/* apic-demo.c: one L3 region, start 0 size 2 */
	c->cache = calloc(2, sizeof(*c->cache));
	c->cache[0] = (struct cfg_cache){ .start = 0, .size = 2, .type = 3 };
	c->ncache = c->cache_cap = 1;
	QUIET(x, JH_R_CHK_CACHE);
	c->cache[0].size = 0;
	FIRES(x, JH_R_CHK_CACHE, 1);
	c->cache[0].size = 2;
	c->cache[1] = c->cache[0];
	c->ncache = 2;
	FIRES(x, JH_R_CHK_CACHE, 1);
}

static void test_irqchip_count(void **state)
{
	struct fx *x = *state;
	/* IOAPIC_MAX_CHIPS = 4096 / 48 = 85 */
	for (unsigned i = 0; i < 84; i++)
		ioapic(&x->cell[0], 0xfec01000 + 0x1000ull * i, i);
	QUIET(x, JH_R_CHK_IRQCHIP_COUNT);   /* 84 + root's 1 = 85 distinct */
	ioapic(&x->cell[0], 0xfed00000, 99);
	FIRES(x, JH_R_CHK_IRQCHIP_COUNT, 1);  /* 85 in the cell: fine; 86 distinct */
	ioapic(&x->cell[0], 0xfed01000, 100);
	FIRES(x, JH_R_CHK_IRQCHIP_COUNT, 2);  /* and 86 in the cell */
}

static void test_irqchip_pin_base(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IRQCHIP_PIN_BASE);
	ioapic(&x->cell[0], 0xfec00000, 0xff00)->pin_base = 24;
	FIRES(x, JH_R_CHK_IRQCHIP_PIN_BASE, 1);
}

static void test_irqchip_pin_range(void **state)
{
	struct fx *x = *state;
	/* root cells list all 128 bits (config create): not a finding */
	memset(x->sys.root.irqchips[0].pin_bitmap, 0xff, 16);
	struct cfg_irqchip *q = ioapic(&x->cell[0], 0xfec00000, 0xff00);
	q->pin_bitmap[3] = 1u << 23;       /* pin 119 */
	QUIET(x, JH_R_CHK_IRQCHIP_PIN_RANGE);
	q->pin_bitmap[3] = 1u << 24;       /* pin 120 */
	FIRES(x, JH_R_CHK_IRQCHIP_PIN_RANGE, 1);
}

static void test_irq_pin_shared(void **state)
{
	struct fx *x = *state;
	ioapic(&x->cell[0], 0xfec00000, 0xff00)->pin_bitmap[0] = 1u << 3;
	ioapic(&x->cell[1], 0xfec00000, 0xff00)->pin_bitmap[0] = 1u << 4;
	QUIET(x, JH_R_CHK_IRQ_PIN_SHARED);
	x->cell[1].irqchips[0].pin_bitmap[0] |= 1u << 3;
	FIRES(x, JH_R_CHK_IRQ_PIN_SHARED, 1);
}

static void test_iommu_index(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IOMMU_INDEX);
	x->sys.root.pci[1].iommu = 8;      /* JAILHOUSE_MAX_IOMMU_UNITS */
	FIRES(x, JH_R_CHK_IOMMU_INDEX, 1);
	x->sys.root.pci[1].iommu = 1;      /* unit 1 unused */
	FIRES(x, JH_R_CHK_IOMMU_INDEX, 1);
	/* ivshmem devices are not behind an IOMMU */
	x->sys.root.pci[1].iommu = 0;
	x->sys.root.pci[0].iommu = 9;
	QUIET(x, JH_R_CHK_IOMMU_INDEX);
}

static void test_vtd_limit(void **state)
{
	struct fx *x = *state;
	/* vectors: e1000e 5 (MSI-X) + HDA 1 (MSI) = 6; one IOAPIC */
	x->sys.vtd_interrupt_limit = 126;  /* 6 + 120 */
	QUIET(x, JH_R_CHK_VTD_LIMIT);
	QUIET(x, JH_R_CHK_VTD_TIGHT);
	x->sys.vtd_interrupt_limit = 125;
	FIRES(x, JH_R_CHK_VTD_TIGHT, 1);
	x->sys.vtd_interrupt_limit = 5;
	FIRES(x, JH_R_CHK_VTD_LIMIT, 1);
	x->sys.vtd_interrupt_limit = 32769;  /* vtd_init: 2^16 entries refused */
	FIRES(x, JH_R_CHK_VTD_LIMIT, 1);
	x->sys.iommu[0].type = JH_IOMMU_AMD; /* no VT-d, no table */
	x->sys.vtd_interrupt_limit = 5;
	QUIET(x, JH_R_CHK_VTD_LIMIT);
}

/* ---- ivshmem (hypervisor/ivshmem.c and peers) ---- */

static void test_ivshmem_regions(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_REGIONS);
	/* tiny-demo: regions 2-6 of 7; start 3 needs 8 */
	x->cell[0].pci[0].shmem_regions_start = 3;
	FIRES(x, JH_R_CHK_IVSHMEM_REGIONS, 1);
}

static void test_ivshmem_vectors(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_VECTORS);
	x->cell[0].pci[0].num_msix_vectors = 17;
	FIRES(x, JH_R_CHK_IVSHMEM_VECTORS, 1);
}

static void test_ivshmem_dev_id(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_DEV_ID);
	x->cell[0].pci[0].shmem_dev_id = 12;   /* IVSHMEM_MAX_PEERS */
	FIRES(x, JH_R_CHK_IVSHMEM_DEV_ID, 1);
	x->cell[0].pci[0].shmem_dev_id = 3;    /* of 3 peers */
	FIRES(x, JH_R_CHK_IVSHMEM_DEV_ID, 1);
}

static void test_ivshmem_id_taken(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_ID_TAKEN);
	x->cell[1].pci[0].shmem_dev_id = 1;    /* tiny-demo's */
	FIRES(x, JH_R_CHK_IVSHMEM_ID_TAKEN, 1);
}

static void test_ivshmem_peers(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_PEERS);
	/* a different read/write region size in one peer: against root and
	 * against tiny-demo */
	x->cell[1].mem[3].size = 0x8000;
	FIRES(x, JH_R_CHK_IVSHMEM_PEERS, 2);
	x->cell[1].mem[3].size = 0x9000;
	x->cell[1].pci[0].shmem_protocol = 1;  /* VETH against UNDEFINED */
	FIRES(x, JH_R_CHK_IVSHMEM_PEERS, 2);
	/* virtio: a back end and a front end of one device type agree */
	x->sys.root.pci[0].shmem_protocol = 0xc000 + 2;
	x->cell[0].pci[0].shmem_protocol = 0x8000 + 2;
	x->cell[1].pci[0].shmem_protocol = 0x8000 + 2;
	QUIET(x, JH_R_CHK_IVSHMEM_PEERS);
	x->cell[1].pci[0].shmem_protocol = 0x8000 + 3;  /* console, not block */
	FIRES(x, JH_R_CHK_IVSHMEM_PEERS, 2);
	x->cell[1].pci[0].shmem_protocol = 0x8000 + 2;
	x->cell[1].pci[0].shmem_peers = 2;
	run(x);
	assert_true(count(x, JH_R_CHK_IVSHMEM_PEERS) >= 2);
}

static void test_ivshmem_bdf_mismatch(void **state)
{
	struct fx *x = *state;
	/* apic-demo at another BDF than root and tiny-demo: a one-ended link
	 * on the state table of theirs */
	QUIET(x, JH_R_CHK_IVSHMEM_PEERS);
	x->cell[1].pci[0].bdf = 0x0178;
	run(x);
	assert_true(count(x, JH_R_CHK_IVSHMEM_PEERS) >= 1);
	assert_non_null(strstr(first(x, JH_R_CHK_IVSHMEM_PEERS)->msg, "01:0f.0"));
	assert_int_equal(count(x, JH_R_CHK_IVSHMEM_LONE), 0);
}

static void test_ivshmem_lone(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_LONE);
	/* 01:0f.0 on memory of its own: nobody else's link */
	x->cell[1].pci[0].bdf = 0x0178;
	x->cell[1].mem[2].phys_start = 0x3f200000;
	FIRES(x, JH_R_CHK_IVSHMEM_LONE, 1);
	assert_int_equal(jh_rule_get(JH_R_CHK_IVSHMEM_LONE)->severity, JH_SEV_INFO);
}

static void test_ivshmem_bdf(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_IVSHMEM_BDF);
	x->cell[1].pci[0].bdf = 0x00d8;        /* the HDA's */
	FIRES(x, JH_R_CHK_IVSHMEM_BDF, 1);
}

/* ---- what nothing checks ---- */

static void test_mem_between_cells(void **state)
{
	struct fx *x = *state;
	/* the ivshmem regions are shared on purpose (one link) */
	QUIET(x, JH_R_CHK_MEM_CELLS);
	x->cell[1].mem[0].phys_start = 0x3ee80000;   /* into tiny-demo's RAM */
	FIRES(x, JH_R_CHK_MEM_CELLS, 1);
	/* both sides ROOTSHARED: allowed */
	x->cell[0].mem[0].flags |= JH_MEM_ROOTSHARED;
	x->cell[1].mem[0].flags |= JH_MEM_ROOTSHARED;
	QUIET(x, JH_R_CHK_MEM_CELLS);
}

static void test_unaligned(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_UNALIGNED);
	mem(&x->cell[0], 0x3ef00800, 0x200000, 0x1000, RWX);  /* phys start */
	FIRES(x, JH_R_CHK_MEM_UNALIGNED, 1);
	x->cell[0].mem[x->cell[0].nmem - 1] =
		(struct cfg_memory){ 0x3ef00000, 0x200000, 0x1800, RWX, NULL };  /* size */
	FIRES(x, JH_R_CHK_MEM_UNALIGNED, 1);
}

static void test_subpage_io(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_SUBPAGE_IO);
	mem(&x->sys.root, 0xfed00000, 0xfed00000, 0x400, JH_MEM_READ | JH_MEM_IO);
	FIRES(x, JH_R_CHK_MEM_SUBPAGE_IO, 1);
	QUIET(x, JH_R_CHK_MEM_UNALIGNED);
}

static void test_loadable_outside_root(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_LOADABLE_OUTSIDE_ROOT);
	/* root RAM ends at 0x3f000000; 0x3ef80000 + 1 MiB runs past it */
	x->cell[1].mem[0].phys_start = 0x3ef80000;
	FIRES(x, JH_R_CHK_LOADABLE_OUTSIDE_ROOT, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_LOADABLE_OUTSIDE_ROOT)->msg,
			       "from 0x3f000000"));
}

static void test_mem_not_in_root(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MEM_NOT_IN_ROOT);
	mem(&x->cell[0], 0xfea00000, 0x200000, 0x4000, JH_MEM_READ | JH_MEM_WRITE);
	FIRES(x, JH_R_CHK_MEM_NOT_IN_ROOT, 1);
	QUIET(x, JH_R_CHK_LOADABLE_OUTSIDE_ROOT);
}

static void test_pci_shared(void **state)
{
	struct fx *x = *state;
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x00d8);
	QUIET(x, JH_R_CHK_PCI_SHARED);
	pci(&x->cell[1], JH_PCI_TYPE_DEVICE, 0x00d8);
	FIRES(x, JH_R_CHK_PCI_SHARED, 1);
	assert_true(first(x, JH_R_CHK_PCI_SHARED)->has_bdf);
	assert_int_equal(first(x, JH_R_CHK_PCI_SHARED)->bdf, 0x00d8);
}

static void test_pci_not_in_root(void **state)
{
	struct fx *x = *state;
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x00d8);
	QUIET(x, JH_R_CHK_PCI_NOT_IN_ROOT);
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x00c8);  /* e1000-demo's 00:19.0 */
	FIRES(x, JH_R_CHK_PCI_NOT_IN_ROOT, 1);
}

static void test_pio_shared(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_PIO_SHARED);
	pio(&x->cell[1], 0x2fc, 2);                    /* inside tiny-demo's 0x2f8+8 */
	FIRES(x, JH_R_CHK_PIO_SHARED, 1);
	assert_int_equal(jh_rule_get(JH_R_CHK_PIO_SHARED)->severity, JH_SEV_WARNING);
}

static void test_debug_console(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CELL_DEBUG_CONSOLE);
	pio(&x->cell[0], 0x3f8, 8);                    /* apic-demo.c does this */
	FIRES(x, JH_R_CELL_DEBUG_CONSOLE, 1);
	/* the planner's words, so that the API keeps one of both */
	assert_string_equal(first(x, JH_R_CELL_DEBUG_CONSOLE)->msg,
			    "cell 'tiny-demo': ports 0x3f8+8 include the hypervisor's "
			    "debug console at 0x3f8: their output interleaves");
	x->sys.debug_console.flags = JH_CON_ACCESS_MMIO;
	QUIET(x, JH_R_CELL_DEBUG_CONSOLE);
}

static void test_msix_mapped(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_MSIX_MAPPED);
	mem(&x->sys.root, 0xfebd0000, 0xfebd0000, 0x4000, JH_MEM_READ | JH_MEM_WRITE);
	FIRES(x, JH_R_CHK_MSIX_MAPPED, 1);
}

static void test_no_comm(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_NO_COMM);
	x->cell[0].mem[1].virt_start = 0x200000;
	FIRES(x, JH_R_CHK_NO_COMM, 1);
	x->cell[0].mem[1].flags &= ~(uint64_t)JH_MEM_COMM_REGION;
	FIRES(x, JH_R_CHK_NO_COMM, 1);
}

static void test_no_ram_at_reset(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_NO_RAM_AT_RESET);
	x->cell[0].mem[0].virt_start = 0x200000;
	FIRES(x, JH_R_CHK_NO_RAM_AT_RESET, 1);
	x->cell[0].cpu_reset_address = 0x200000;
	QUIET(x, JH_R_CHK_NO_RAM_AT_RESET);
	x->cell[0].mem[0].flags &= ~(uint64_t)JH_MEM_EXECUTE;
	FIRES(x, JH_R_CHK_NO_RAM_AT_RESET, 1);
}

/* ---- with the machine ---- */

static struct pci_dev mdev(const char *slot, uint8_t bus, uint8_t dev, int group)
{
	return (struct pci_dev){ .slot = (char *)slot, .bus = bus, .dev = dev,
				 .iommu_group = group, .is_pcie = true };
}

static void test_bar_unmapped(void **state)
{
	struct fx *x = *state;
	struct pci_dev d[1] = { mdev("0000:00:02.0", 0, 2, -1) };
	/* e1000e: BAR0 0xfebc0000 128K, BAR2 ports 0xc000-0xc01f, BAR3
	 * 0xfebd0000 16K with the MSI-X table's page at 0xfebd0000 */
	d[0].res[0] = (struct pci_resource){ 0xfebc0000, 0xfebcffff, 0x200 };
	d[0].res[2] = (struct pci_resource){ 0xc000, 0xc01f, 0x100 };
	d[0].res[3] = (struct pci_resource){ 0xfebd0000, 0xfebd3fff, 0x200 };
	d[0].nres = 4;
	struct machine m = { .pci = d, .npci = 1 };
	x->m = &m;
	struct cfg_cell *c = &x->cell[0];
	*pci(c, JH_PCI_TYPE_DEVICE, 0x0010) = x->sys.root.pci[1];
	mem(c, 0xfebc0000, 0xfebc0000, 0x10000, JH_MEM_READ | JH_MEM_WRITE);
	mem(c, 0xfebd1000, 0xfebd1000, 0x3000, JH_MEM_READ | JH_MEM_WRITE);
	pio(c, 0xc000, 0x20);
	run(x);
	QUIET(x, JH_R_CHK_BAR_UNMAPPED);
	QUIET(x, JH_R_CHK_MSIX_MAPPED);
	c->nmem--;                          /* BAR3 past the MSI-X page */
	FIRES(x, JH_R_CHK_BAR_UNMAPPED, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_BAR_UNMAPPED)->msg, "from 0xfebd1000"));
	mem(c, 0xfebd1000, 0xfebd1000, 0x3000, JH_MEM_READ | JH_MEM_WRITE);
	c->pio[c->npio - 1].length = 0x10;  /* half the I/O BAR */
	FIRES(x, JH_R_CHK_BAR_UNMAPPED, 1);
	x->m = NULL;
}

static void test_iommu_group_split(void **state)
{
	struct fx *x = *state;
	struct pci_dev d[2] = { mdev("0000:00:1b.0", 0, 0x1b, 7), mdev("0000:00:1f.0", 0, 0x1f, 7) };
	struct machine m = { .pci = d, .npci = 2 };
	x->m = &m;
	QUIET(x, JH_R_CELL_IOMMU_GROUP_SPLIT);    /* all with root */
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x00d8);
	FIRES(x, JH_R_CELL_IOMMU_GROUP_SPLIT, 1);
	/* the planner's words (plan_inmate_pci.c) */
	assert_string_equal(first(x, JH_R_CELL_IOMMU_GROUP_SPLIT)->msg,
			    "cell 'tiny-demo': 0000:00:1b.0 shares IOMMU group 7 with "
			    "0000:00:1f.0, which stays with QEMU-Linux: Linux treats a "
			    "group as one unit");
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x00f8);
	QUIET(x, JH_R_CELL_IOMMU_GROUP_SPLIT);    /* the whole group moved */
	x->m = NULL;
}

static void test_behind_pci_bridge(void **state)
{
	struct fx *x = *state;
	/* a PCIe-to-PCI bridge at 00:1e.0 with bus 5 behind it */
	struct pci_dev d[2] = { mdev("0000:00:1e.0", 0, 0x1e, -1), mdev("0000:05:01.0", 5, 1, -1) };
	d[0].is_bridge = true;
	d[0].secondary_bus = 5;
	struct machine m = { .pci = d, .npci = 2 };
	x->m = &m;
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x0508);
	QUIET(x, JH_R_CHK_PCI_BRIDGE);            /* a PCIe device: own id */
	d[1].is_pcie = false;
	FIRES(x, JH_R_CHK_PCI_BRIDGE, 1);
	pci(&x->cell[0], JH_PCI_TYPE_BRIDGE, 0x00f0);
	QUIET(x, JH_R_CHK_PCI_BRIDGE);            /* with its bridge */
	x->m = NULL;
}

/* The e1000e of jhconf's hypervisor test: a PCI Express endpoint with the
 * AER extended capability (id 0x0001, at 0x100 in QEMU's model), given
 * to an inmate while the root Linux handles AER: Linux writes its Device
 * Control register when e1000e lets go of it, and the hypervisor stops
 * the root CPU. pci=noaer (alone or among other pci= options) prevents it. */
static void test_pci_aer(void **state)
{
	struct fx *x = *state;
	struct pci_dev d[1] = { mdev("0000:00:02.0", 0, 2, -1) };
	struct pci_cap caps[2] = { { .id = 0x10, .start = 0xe0, .len = 20 },
				   { .id = 0x0001, .extended = true, .start = 0x100, .len = 64 } };
	d[0].caps = caps;
	d[0].ncaps = 2;
	struct machine m = { .pci = d, .npci = 1, .cmdline = (char *)"console=ttyS0" };
	x->m = &m;
	QUIET(x, JH_R_CHK_PCI_AER);                   /* no inmate owns it yet */
	pci(&x->cell[0], JH_PCI_TYPE_DEVICE, 0x0010);
	FIRES(x, JH_R_CHK_PCI_AER, 1);
	m.cmdline = (char *)"console=ttyS0 pci=nommconf,noaer";
	QUIET(x, JH_R_CHK_PCI_AER);
	m.cmdline = (char *)"console=ttyS0";
	d[0].ncaps = 1;                                /* no AER capability */
	QUIET(x, JH_R_CHK_PCI_AER);
	d[0].ncaps = 2;
	d[0].is_pcie = false;                          /* conventional PCI */
	QUIET(x, JH_R_CHK_PCI_AER);
	x->m = NULL;
}

static void test_root_iommu(void **state)
{
	struct fx *x = *state;
	struct machine m = { .cmdline = (char *)"console=ttyS0 intel_iommu=off memmap=82M$0x3a000000" };
	x->m = &m;
	QUIET(x, JH_R_CHK_ROOT_IOMMU);
	/* the kernel applies the last one */
	m.cmdline = (char *)"intel_iommu=off console=ttyS0 intel_iommu=on,sm_on";
	FIRES(x, JH_R_CHK_ROOT_IOMMU, 1);
	assert_non_null(strstr(first(x, JH_R_CHK_ROOT_IOMMU)->msg, "intel_iommu=on,sm_on"));
	m.cmdline = (char *)"intel_iommu=on intel_iommu=sm_off,off";
	QUIET(x, JH_R_CHK_ROOT_IOMMU);
	m.cmdline = (char *)"console=ttyS0";           /* the kernel's default */
	FIRES(x, JH_R_CHK_ROOT_IOMMU, 1);
	x->sys.iommu[0].type = JH_IOMMU_AMD;            /* no VT-d */
	QUIET(x, JH_R_CHK_ROOT_IOMMU);
	x->m = NULL;                                    /* no machine, no fact */
	x->sys.iommu[0].type = JH_IOMMU_INTEL;
	QUIET(x, JH_R_CHK_ROOT_IOMMU);
}

/* A crafted set stops instead of running for hours or filling memory,
 * and is never called clean. */
static void test_incomplete(void **state)
{
	struct fx *x = *state;
	QUIET(x, JH_R_CHK_INCOMPLETE);
	/* 150 equal regions: 150 * 149 / 2 = 11175 overlapping pairs, more
	 * than the 10000 findings a check makes */
	for (int i = 0; i < 149; i++)
		mem(&x->cell[0], 0x3ee00000, 0, 0x100000, RWX | JH_MEM_LOADABLE);
	FIRES(x, JH_R_CHK_INCOMPLETE, 1);
	assert_int_equal(jh_rule_get(JH_R_CHK_INCOMPLETE)->severity, JH_SEV_ERROR);
	assert_true(x->f.n <= 10000 + 10);
	assert_non_null(strstr(first(x, JH_R_CHK_INCOMPLETE)->msg, "10000 findings"));
}

static void test_vtd_dma_address(void **state)
{
	struct fx *x = *state;
	/* 2^48 - 1 page: the last a 4-level VT-d table maps */
	mem(&x->cell[0], 0x3ef00000, 0xfffffffff000ull, 0x1000, RWX | JH_MEM_DMA);
	QUIET(x, JH_R_CHK_VTD_DMA_ADDRESS);
	mem(&x->cell[0], 0x3ef01000, 0x1000000000000ull, 0x1000, RWX | JH_MEM_DMA);
	FIRES(x, JH_R_CHK_VTD_DMA_ADDRESS, 1);
	x->cell[0].mem[x->cell[0].nmem - 1].flags = RWX;   /* no DMA, no table */
	QUIET(x, JH_R_CHK_VTD_DMA_ADDRESS);
}

static void test_rules_have_texts(void **state)
{
	(void)state;
	for (int r = JH_R_CHK_ARCH; r < JH_R_COUNT; r++) {
		const struct jh_rule *x = jh_rule_get((enum jh_rule_id)r);
		assert_non_null(x->why);
		assert_true(strlen(x->why) > 40);
		assert_true(strlen(x->fix) > 10);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_good_set_clean),
		T(test_overlap_in_cell), T(test_overlap_touching_is_not),
		T(test_over_hypervisor), T(test_over_mmconfig), T(test_over_iommu),
		T(test_over_apic),
		T(test_arch), T(test_revision), T(test_cpu0), T(test_cpu_not_in_root),
		T(test_cpu_shared), T(test_root_no_cpus), T(test_name_taken),
		T(test_config_too_big), T(test_cpuset_too_big), T(test_hv_mem),
		T(test_cache), T(test_irqchip_count), T(test_irqchip_pin_base),
		T(test_irqchip_pin_range), T(test_irq_pin_shared), T(test_iommu_index),
		T(test_vtd_limit),
		T(test_ivshmem_regions), T(test_ivshmem_vectors), T(test_ivshmem_dev_id),
		T(test_ivshmem_id_taken), T(test_ivshmem_peers), T(test_ivshmem_bdf_mismatch), T(test_ivshmem_lone),
		T(test_ivshmem_bdf),
		T(test_mem_between_cells), T(test_unaligned), T(test_subpage_io),
		T(test_loadable_outside_root), T(test_mem_not_in_root),
		T(test_pci_shared), T(test_pci_not_in_root), T(test_pio_shared),
		T(test_debug_console), T(test_msix_mapped), T(test_no_comm),
		T(test_no_ram_at_reset),
		T(test_bar_unmapped), T(test_iommu_group_split), T(test_behind_pci_bridge), T(test_root_iommu), T(test_pci_aer), T(test_incomplete), T(test_vtd_dma_address),
		T(test_rules_have_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
