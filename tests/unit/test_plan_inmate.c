/* SPDX-License-Identifier: GPL-2.0-only */
/* plan_inmate_cells on the bundled q35-jailhouse-doc snapshot (the guest of
 * Jailhouse's README). Where the expected values come from:
 * - The window: memmap 0x3a000000 + 6 MiB hypervisor, so the inmate part
 *   starts at 0x3a600000, as "RAM (inmates)" in configs/x86/qemu-x86.c, and
 *   ends at 0x3a000000 + 82 MiB = 0x3f200000.
 * - The HDA at 00:1b.0: pci-demo.c hands the same QEMU device over with
 *   one region 0xfebd4000 + 0x4000 R|W; its `resource` file says the same.
 * - The e1000e at 00:02.0: its `resource` file lists BAR0 feb80000-feb9ffff,
 *   BAR1 feba0000-febbffff, I/O BAR2 c040-c05f, BAR3 febd0000-febd3fff; its
 *   MSI-X table (5 vectors, 80 bytes) sits at the start of BAR3, so the
 *   page febd0000 is cut and febd1000 + 0x3000 remains, the pattern of
 *   linux-x86-demo.c (0xfea91000 + 0x3000 after the table at 0xfea90000).
 * - Its device entry and capabilities: those of Jailhouse's own root cell
 *   for this snapshot (tests/data/ref/.../rev14), caps re-based to 0.
 * - The IOAPIC entry: address 0xfec00000 and id 0xff00, as root has it
 *   (and as linux-x86-demo.c writes it), pin 5 = bit 5 of word 0.
 * - Flags: RAM R|W|X|LOADABLE (+DMA with a device) = 0x47/0x4f, the comm
 *   region R|W|COMM_REGION = 0x23 (cell-config.h values). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellfmt/cellfmt.h"
#include "cellfmt/write_c.h"
#include "discover/discover.h"
#include "plan/plan.h"
#include "project/project.h"
#include "testutil.h"

#define SNAP JH_TEST_DATA "/snapshots/q35-jailhouse-doc"
#define REF JH_TEST_DATA "/ref/q35-jailhouse-doc/rev14/q35-jailhouse-doc.cell"

struct fixture {
	struct machine m;
	struct plan_opts o;
	struct cfg_system root;
	struct plan_result res;
	struct jh_findings findings;
	struct project p;
	struct plan_cells cells;
	struct jh_error err;
};

static struct fixture *setup_machine(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct source *src = source_open_dir(SNAP, &f->err);
	if (!src || discover_machine(src, &f->m, &f->findings, &f->err))
		fail_msg("discovery: %s", f->err.msg);
	source_close(src);
	plan_opts_default(&f->o);
	if (plan_root_cell(&f->m, &f->o, &f->root, &f->res, &f->findings, &f->err))
		fail_msg("root plan: %s", f->err.msg);
	return f;
}

static int plan(struct fixture *f, const char *project_text)
{
	if (project_parse("test.conf", project_text, strlen(project_text), &f->p, &f->err))
		fail_msg("project: %s", f->err.msg);
	return plan_inmate_cells(&f->m, &f->p, &f->o, &f->res, &f->root, &f->cells,
				 &f->findings, &f->err);
}

static void teardown(struct fixture *f)
{
	plan_cells_free(&f->cells);
	project_free(&f->p);
	cfg_system_free(&f->root);
	plan_result_free(&f->res);
	machine_free(&f->m);
	jh_findings_free(&f->findings);
	jh_error_clear(&f->err);
	free(f);
}

static void assert_mem(const struct cfg_memory *r, uint64_t phys, uint64_t virt,
		       uint64_t size, uint64_t flags)
{
	if (r->phys_start != phys || r->virt_start != virt || r->size != size ||
	    r->flags != flags)
		fail_msg("region 0x%llx->0x%llx +0x%llx flags 0x%llx, expected "
			 "0x%llx->0x%llx +0x%llx flags 0x%llx",
			 (unsigned long long)r->phys_start, (unsigned long long)r->virt_start,
			 (unsigned long long)r->size, (unsigned long long)r->flags,
			 (unsigned long long)phys, (unsigned long long)virt,
			 (unsigned long long)size, (unsigned long long)flags);
}

static const struct cfg_pci_dev *find_pci(const struct cfg_cell *c, uint16_t bdf)
{
	for (size_t i = 0; i < c->npci; i++)
		if (c->pci[i].bdf == bdf)
			return &c->pci[i];
	return NULL;
}

static const char two_cells[] =
	"jhconf-project 1\n"
	"cell demo\n"
	"\tcpus 3\n"
	"\tpci slot=00:1b.0\n"
	"end\n"
	"cell linux1\n"
	"\tkind linux\n"
	"\tcpus 1-2\n"
	"\tmem 64M\n"
	"\tpci id=8086:10d3\n"
	"\tpins 5\n"
	"end\n"
	"link demo RootCell\n";

static void test_demo_cell(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	size_t root_mem_before = f->root.root.nmem;
	if (plan(f, two_cells))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->cells.n, 2);
	const struct cfg_cell *c = &f->cells.cells[0];
	assert_string_equal(c->name, "demo");
	assert_int_equal(c->cpu_set_size, 8);
	assert_int_equal(c->cpu_set[0], 0x08);   /* CPU 3 */
	assert_int_equal(c->flags, 0x40000001);  /* PASSIVE_COMMREG | VCONSOLE_PERMITTED */
	assert_int_equal(c->nmem, 3 + 4);
	assert_mem(&c->mem[0], 0x3a600000, 0, 0x100000, 0x4f);
	assert_mem(&c->mem[1], 0, 0x100000, 0x1000, 0x23);
	assert_mem(&c->mem[2], 0xfebd4000, 0xfebd4000, 0x4000, 0x03);
	/* the link: 64 KiB at the top of the window, 0x3f1f0000: a 4 KiB state
	 * table (R), 0xb000 common (RW), 8 KiB out per peer; demo is peer 0;
	 * ROOTSHARED (0x80) in a non-root cell */
	assert_mem(&c->mem[3], 0x3f1f0000, 0x3f1f0000, 0x1000, 0x81);
	assert_mem(&c->mem[4], 0x3f1f1000, 0x3f1f1000, 0xb000, 0x83);
	assert_mem(&c->mem[5], 0x3f1fc000, 0x3f1fc000, 0x2000, 0x83);
	assert_mem(&c->mem[6], 0x3f1fe000, 0x3f1fe000, 0x2000, 0x81);
	assert_int_equal(c->npci, 2);
	assert_int_equal(c->pci[0].bdf, 0xd8);   /* 00:1b.0 */
	/* bus 0 slots 0, 1, 2, 0x1b, 0x1f are taken: 00:03.0 */
	const struct cfg_pci_dev *iv = find_pci(c, 0x18);
	assert_non_null(iv);
	assert_int_equal(iv->type, JH_PCI_TYPE_IVSHMEM);
	assert_int_equal(iv->shmem_regions_start, 3);
	assert_int_equal(iv->shmem_dev_id, 0);
	assert_int_equal(iv->shmem_peers, 2);
	assert_int_equal(iv->num_msix_vectors, 16);
	assert_int_equal(iv->bar_mask[0], 0xfffff000);
	assert_int_equal(iv->bar_mask[1], 0xfffff000);

	/* root: its inmate region ends below the link, the link's regions and
	 * device follow its own, without ROOTSHARED, root being peer 1 */
	const struct cfg_cell *r = &f->root.root;
	assert_int_equal(r->nmem, root_mem_before + 4);
	bool shrunk = false;
	for (size_t i = 0; i < r->nmem; i++)
		if (r->mem[i].phys_start == 0x3a600000)
			shrunk = r->mem[i].size == 0x3f1f0000 - 0x3a600000;
	assert_true(shrunk);
	assert_mem(&r->mem[root_mem_before], 0x3f1f0000, 0x3f1f0000, 0x1000, 0x01);
	assert_mem(&r->mem[root_mem_before + 2], 0x3f1fc000, 0x3f1fc000, 0x2000, 0x01);
	assert_mem(&r->mem[root_mem_before + 3], 0x3f1fe000, 0x3f1fe000, 0x2000, 0x03);
	const struct cfg_pci_dev *riv = find_pci(r, 0x18);
	assert_non_null(riv);
	assert_int_equal(riv->shmem_dev_id, 1);
	assert_int_equal(riv->shmem_regions_start, root_mem_before);
	teardown(f);
}

static void test_linux_cell_with_device(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	if (plan(f, two_cells))
		fail_msg("%s", f->err.msg);
	const struct cfg_cell *c = &f->cells.cells[1];
	assert_int_equal(c->cpu_set[0], 0x06);   /* CPUs 1 and 2 */
	/* 64 MiB: 63 MiB high RAM on a 2 MiB boundary after demo's MiB at
	 * 0x3a600000, i.e. 0x3a800000, then the low MiB right after it */
	assert_mem(&c->mem[0], 0x3e700000, 0, 0x100000, 0x4f);
	assert_mem(&c->mem[1], 0, 0x100000, 0x1000, 0x23);
	assert_mem(&c->mem[2], 0x3a800000, 0x200000, 0x3f00000, 0x4f);
	assert_int_equal(c->nmem, 6);
	assert_mem(&c->mem[3], 0xfeb80000, 0xfeb80000, 0x20000, 0x03);
	assert_mem(&c->mem[4], 0xfeba0000, 0xfeba0000, 0x20000, 0x03);
	assert_mem(&c->mem[5], 0xfebd1000, 0xfebd1000, 0x3000, 0x03);
	assert_int_equal(c->npio, 1);
	assert_int_equal(c->pio[0].base, 0xc040);
	assert_int_equal(c->pio[0].length, 0x20);
	assert_int_equal(c->nirqchips, 1);
	assert_true(c->irqchips[0].address == 0xfec00000);
	assert_int_equal(c->irqchips[0].id, 0xff00);
	assert_int_equal(c->irqchips[0].pin_bitmap[0], 1u << 5);
	assert_int_equal(c->irqchips[0].pin_bitmap[1], 0);

	/* the device as Jailhouse's own config create describes it in root */
	size_t len;
	unsigned char *bytes = test_slurp(REF, &len);
	struct cell_file ref;
	struct jh_error err = { 0 };
	if (cell_read(REF, bytes, len, &ref, &err))
		fail_msg("%s", err.msg);
	const struct cfg_pci_dev *want = find_pci(&ref.system.root, 0x10);
	assert_non_null(want);
	assert_int_equal(c->npci, 1);
	const struct cfg_pci_dev *got = &c->pci[0];
	assert_int_equal(got->caps_start, 0);
	assert_int_equal(got->num_caps, want->num_caps);
	assert_int_equal(c->ncaps, want->num_caps);
	assert_memory_equal(got->bar_mask, want->bar_mask, sizeof(got->bar_mask));
	assert_int_equal(got->num_msix_vectors, want->num_msix_vectors);
	assert_true(got->msix_address == want->msix_address);
	assert_int_equal(got->msix_region_size, want->msix_region_size);
	for (size_t k = 0; k < want->num_caps; k++) {
		const struct cfg_pci_cap *a = &c->caps[k];
		const struct cfg_pci_cap *b = &ref.system.root.caps[want->caps_start + k];
		assert_int_equal(a->id, b->id);
		assert_int_equal(a->start, b->start);
		assert_int_equal(a->len, b->len);
		assert_int_equal(a->flags, b->flags);
	}
	cell_file_free(&ref);
	free(bytes);
	teardown(f);
}

/* Every cell written in every revision reads back to the same bytes. */
static void test_cells_round_trip(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	if (plan(f, two_cells))
		fail_msg("%s", f->err.msg);
	size_t nl;
	const struct cell_layout *layouts = cell_layouts(&nl);
	for (size_t li = 0; li < nl; li++)
		for (size_t i = 0; i < f->cells.n; i++) {
			struct buf one = { 0 }, two = { 0 }, csrc = { 0 };
			struct jh_error err = { 0 };
			if (cell_write_cell(&f->cells.cells[i], &layouts[li], &one, &err) ||
			    write_c_cell(&f->cells.cells[i], &layouts[li], &csrc, &err))
				fail_msg("%s", err.msg);
			struct cell_file back;
			if (cell_read("x.cell", one.data, one.len, &back, &err))
				fail_msg("%s", err.msg);
			assert_false(back.is_system);
			if (cell_write_cell(&back.cell, back.layout, &two, &err))
				fail_msg("%s", err.msg);
			assert_int_equal(one.len, two.len);
			assert_memory_equal(one.data, two.data, one.len);
			assert_true(csrc.len > 0);
			cell_file_free(&back);
			buf_free(&one);
			buf_free(&two);
			buf_free(&csrc);
		}
	teardown(f);
}

struct refusal {
	const char *project;
	const char *message;
};

static void test_refusals(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "jhconf-project 1\ncell a\n\tcpus 0-1\nend\n",
		  "cell 'a': CPU 0 must stay with the root cell (Jailhouse refuses to take it on x86)" },
		{ "jhconf-project 1\ncell a\n\tcpus 4\nend\n",
		  "cell 'a': CPU 4 does not exist (this machine has CPUs 0-3)" },
		{ "jhconf-project 1\ncell a\nend\n", "cell 'a': no CPUs (add 'cpus LIST')" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\nend\ncell b\n\tcpus 1-2\nend\n",
		  "cell 'b': CPU 1 already belongs to cell 'a'" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tpci slot=00:1b.0\nend\n"
		  "cell b\n\tcpus 2\n\tpci id=8086:2668\nend\n",
		  "cell 'b': pci id=8086:2668 (0000:00:1b.0) already belongs to cell 'a'" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tpci slot=00:05.0\nend\n",
		  "cell 'a': pci slot=00:05.0: no such device on this machine" },
		/* 76 MiB of inmate memory cannot hold 80 */
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tmem 80M\nend\n",
		  "cell 'a': no room for 0x5000000 bytes in the inmate memory (0x4c00000 "
		  "bytes at 0x3a600000): grow it with --mem-inmates" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tmem 1M at 0x3a600000\nend\n"
		  "cell b\n\tcpus 2\n\tmem 1M at 0x3a680000\nend\n",
		  "b: 0x3a680000-0x3a77ffff overlaps the memory of a (0x3a600000-0x3a6fffff)" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tmem 0x1800\nend\n",
		  "cell 'a': memory size 0x1800 is not a multiple of 4 KiB" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n\tconsole ttyS1\nend\n"
		  "cell b\n\tcpus 2\n\tconsole ttyS1\nend\n",
		  "cell 'b': console ttyS1 already belongs to cell 'a'" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\nend\ncell b\n\tcpus 2\nend\n"
		  "link a b RootCell protocol veth\n",
		  "ivshmem link a-b-RootCell: protocol veth takes exactly 2 peers, not 3" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\nend\nlink a RootCell protocol nfs\n",
		  "link 1: protocol 'nfs' is not undefined, veth, virtio-blk or virtio-console" },
		{ "jhconf-project 1\ncell RootCell\n\tcpus 1\nend\n",
		  "cell 'RootCell' has the root cell's name" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct fixture *f = setup_machine();
		if (plan(f, cases[i].project) == 0)
			fail_msg("case %zu planned", i);
		assert_int_equal(f->err.status, JH_BADINPUT);
		assert_string_equal(f->err.msg, cases[i].message);
		assert_int_equal(f->cells.n, 0);
		teardown(f);
	}
}

/* A console of its own: the UART's 8 ports and the console entry. */
static void test_console_and_ports(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	if (plan(f, "jhconf-project 1\ncell a\n\tcpus 1\n\tconsole ttyS1\n"
		 "\tpio 0x80-0x8f\n\tmmio 0xfed00000+0x1000 r\n\tflags passive-commreg\nend\n"))
		fail_msg("%s", f->err.msg);
	const struct cfg_cell *c = &f->cells.cells[0];
	assert_int_equal(c->console.type, JH_CON_TYPE_8250);
	assert_true(c->console.address == 0x2f8);
	assert_int_equal(c->flags, JH_CELL_PASSIVE_COMMREG);
	assert_int_equal(c->npio, 2);            /* sorted by port */
	assert_int_equal(c->pio[0].base, 0x80);
	assert_int_equal(c->pio[0].length, 16);
	assert_int_equal(c->pio[1].base, 0x2f8);
	assert_int_equal(c->pio[1].length, 8);
	/* no device: RAM without DMA (0x47), like apic-demo.c */
	assert_mem(&c->mem[0], 0x3a600000, 0, 0x100000, 0x47);
	/* 1 MiB: no high RAM, so the MMIO region follows the comm region */
	assert_int_equal(c->nmem, 3);
	assert_mem(&c->mem[2], 0xfed00000, 0xfed00000, 0x1000, 0x01);
	teardown(f);
}

/* The hardware lines of the README guest, then what changed in the same
 * guest with devices added (tests/data/snapshots/README.md: virtio-net,
 * nvme, qemu-xhci, ivshmem-plain, a PCIe root port with a virtio-blk
 * behind it; `lspci -n` of both trees gives the ids below). RAM differs
 * too: 0x100000-0x3ffdefff before, 0x100000-0x3ffd3fff after (their
 * /proc/iomem). */
static void test_hardware_changes(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	struct project p = { 0 };
	project_set_hardware(&p, &f->m);
	assert_int_equal(p.hw_cpus.v, 4);
	assert_int_equal(p.nhw_ram, 2);
	assert_true(p.hw_ram[1].first == 0x100000 && p.hw_ram[1].last == 0x3ffdefff);
	assert_int_equal(p.nhw_pci, 7);
	assert_int_equal(p.hw_pci[2].dev, 2);
	assert_int_equal(p.hw_pci[2].vendor, 0x8086);
	assert_int_equal(p.hw_pci[2].device, 0x10d3);
	assert_int_equal(p.hw_pci[2].class_code, 0x020000);

	struct machine after;
	struct jh_findings d = { 0 };
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(JH_TEST_DATA "/snapshots/q35-devices-added", &err);
	if (!src || discover_machine(src, &after, &d, &err))
		fail_msg("%s", err.msg);
	source_close(src);
	struct strlist changes = { 0 };
	project_hardware_changes(&p, &after, &changes);
	const char *want[] = {
		"RAM 0x100000-0x3ffdefff is gone",
		"RAM 0x100000-0x3ffd3fff is new",
		"PCI 0000:00:03.0 1af4:1000 is new",
		"PCI 0000:00:04.0 1b36:0010 is new",
		"PCI 0000:00:05.0 1b36:000d is new",
		"PCI 0000:00:06.0 1af4:1110 is new",
		"PCI 0000:00:07.0 1b36:000c is new",
		"PCI 0000:01:00.0 1af4:1042 is new",
	};
	assert_int_equal(changes.n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < changes.n; i++)
		assert_string_equal(changes.v[i], want[i]);
	strlist_free(&changes);

	/* the e1000e recorded at 00:03.0 is found at 00:02.0: moved */
	p.hw_pci[2].dev = 3;
	project_hardware_changes(&p, &f->m, &changes);
	assert_int_equal(changes.n, 1);
	assert_string_equal(changes.v[0],
			    "PCI 0000:00:03.0 8086:10d3 moved to 0000:00:02.0 8086:10d3");
	strlist_free(&changes);
	machine_free(&after);
	jh_findings_free(&d);
	project_free(&p);
	teardown(f);
}

/* A device kept by slot and ids follows its ids when the slot no longer
 * holds it (the e1000e is at 00:02.0 on this machine), with a warning; by
 * slot alone it is gone. */
static void test_moved_device(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	if (plan(f, "jhconf-project 1\ncell a\n\tcpus 1\n\tpci slot=00:05.0 id=8086:10d3\nend\n"))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->cells.cells[0].npci, 1);
	assert_int_equal(f->cells.cells[0].pci[0].bdf, 0x10);   /* 00:02.0 */
	bool warned = false;
	for (size_t i = 0; i < f->findings.n; i++)
		if (!strcmp(jh_finding_rule(&f->findings.v[i])->id, "CELL-DEVICE-MOVED"))
			warned = strstr(f->findings.v[i].msg, "is now at 0000:00:02.0") != NULL;
	assert_true(warned);
	teardown(f);
}

/* ttyS0 (0x3f8) is the hypervisor's debug console by default: an inmate
 * may share it, as Jailhouse's apic-demo.c does, with a warning. */
static void test_debug_console_shared(void **state)
{
	(void)state;
	struct fixture *f = setup_machine();
	if (plan(f, "jhconf-project 1\ncell a\n\tcpus 1\n\tconsole ttyS0\n"
		 "\tflags virtual-console-permitted\nend\n"))
		fail_msg("%s", f->err.msg);
	const struct cfg_cell *c = &f->cells.cells[0];
	assert_true(c->console.address == 0x3f8);
	assert_int_equal(c->flags, JH_CELL_VIRTUAL_CONSOLE_PERMITTED);
	bool warned = false;
	for (size_t i = 0; i < f->findings.n; i++)
		if (!strcmp(jh_finding_rule(&f->findings.v[i])->id, "CELL-DEBUG-CONSOLE"))
			warned = strstr(f->findings.v[i].msg, "ports 0x3f8+8") != NULL;
	assert_true(warned);
	teardown(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_cell),
		cmocka_unit_test(test_linux_cell_with_device),
		cmocka_unit_test(test_cells_round_trip),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_console_and_ports),
		cmocka_unit_test(test_hardware_changes),
		cmocka_unit_test(test_moved_device),
		cmocka_unit_test(test_debug_console_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
