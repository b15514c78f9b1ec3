/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of the .cell format (layout table, writer, reader).
 *
 * Expected values come from outside the code under test:
 * - struct sizes and offsets from include/jailhouse/cell-config.h of each
 *   revision (worked out by hand in the comments below);
 * - the reference .cell files made by Jailhouse's own tools
 *   (tests/data/ref), checked against the snapshot each was made from:
 *   the PM timer port in proc/ioports, the MMCONFIG window and the IOMMU
 *   in proc/iomem, the CPUs in sys/devices/system/cpu, the memmap= hint
 *   that Jailhouse wrote into the generated .c (c-note.txt) and its
 *   command line (command.txt). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellfmt/cellfmt.h"
#include "cellfmt/cell_fields.h"
#include "testutil.h"

/* ---- helpers (independent of the code under test) ---- */

/* "START-END : NAME" in proc/iomem or proc/ioports: the first line whose
 * name contains `name`. */
static bool find_resource(const char *text, const char *name,
			  unsigned long long *start, unsigned long long *end)
{
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		char buf[256];
		snprintf(buf, sizeof(buf), "%.*s", (int)n, line);
		if (strstr(buf, name) &&
		    sscanf(buf, " %llx-%llx", start, end) == 2)
			return true;
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

static int count_cpus(const char *snapshot)
{
	char path[1200];
	snprintf(path, sizeof(path), "%s/sys/devices/system/cpu", snapshot);
	DIR *d = opendir(path);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *p = e->d_name;
		if (strncmp(p, "cpu", 3) || !p[3])
			continue;
		p += 3;
		while (*p >= '0' && *p <= '9')
			p++;
		if (!*p)
			n++;
	}
	closedir(d);
	return n;
}

/* Parse ".../ref/<snapshot>/<revdir>/<name>.cell". */
static void split_ref_path(const char *path, char *snapshot, size_t ssize,
			   char *revdir, size_t rsize)
{
	const char *ref = strstr(path, "/ref/");
	assert_non_null(ref);
	ref += 5;
	const char *slash = strchr(ref, '/');
	snprintf(snapshot, ssize, "%.*s", (int)(slash - ref), ref);
	const char *rev = slash + 1;
	slash = strchr(rev, '/');
	snprintf(revdir, rsize, "%.*s", (int)(slash - rev), rev);
}

static glob_t ref_cells(void)
{
	glob_t g;
	assert_int_equal(glob(JH_TEST_DATA "/ref/*/*/*.cell", 0, NULL, &g), 0);
	/* 5 snapshots with references: 3 revisions each, plus one extra
	 * rev14 run with other sizes */
	assert_true(g.gl_pathc >= 13);
	return g;
}

static void read_ok(const char *name, const unsigned char *d, size_t len,
		    struct cell_file *f)
{
	struct jh_error err = { 0 };
	int rc = cell_read(name, d, len, f, &err);
	if (rc)
		fail_msg("%s", err.msg);
	jh_error_clear(&err);
}

/* Expect a read error whose message contains each of the given words. */
static void read_fails(const unsigned char *d, size_t len, const char *w1,
		       const char *w2)
{
	struct cell_file f;
	struct jh_error err = { 0 };
	assert_int_equal(cell_read("bad.cell", d, len, &f, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(err.msg);
	assert_non_null(strstr(err.msg, "bad.cell"));
	assert_null(strchr(err.msg, '\n'));
	if (w1 && !strstr(err.msg, w1))
		fail_msg("'%s' lacks '%s'", err.msg, w1);
	if (w2 && !strstr(err.msg, w2))
		fail_msg("'%s' lacks '%s'", err.msg, w2);
	jh_error_clear(&err);
}

/* ---- the layout table ---- */

static void test_layout_table(void **state)
{
	(void)state;
	const struct cell_layout *l14 = cell_layout_for(14);
	const struct cell_layout *l13 = cell_layout_for(13);
	const struct cell_layout *l12 = cell_layout_for(12);
	assert_non_null(l14);
	assert_non_null(l13);
	assert_non_null(l12);
	assert_null(cell_layout_for(11));
	assert_null(cell_layout_for(15));
	assert_string_equal(l14->system_signature, "JHSYS");
	assert_string_equal(l14->cell_signature, "JHCLL");
	assert_string_equal(l13->system_signature, "JHSYST");
	assert_string_equal(l12->cell_signature, "JHCELL");
	/* Header 8 + flags 4 + hypervisor memory 32 + console 32 = 76, then
	 * platform_info: mmconfig base 8 + end bus 1 + is_virtual 1 +
	 * domain 2 = 12; rev 13/14: 8 IOMMU units of 28 = 224, union sized
	 * by its ARM member 1+1+2+5*8 = 44 -> 76+12+224+44 = 356.
	 * Rev 12: the union only, ARM member 1+1+5*8+224 = 266 -> 354. */
	assert_int_equal(cell_system_prefix_size(l14), 356);
	assert_int_equal(cell_system_prefix_size(l13), 356);
	assert_int_equal(cell_system_prefix_size(l12), 354);
	/* Rev 12's x86 member: u16 timer, u32 limit, u8 mode, u8 pad[3],
	 * u32 tsc, u32 apic -> units at 18, 18 + 224 = 242 bytes. */
	assert_int_equal(l12->iommu_offset, 12 + 18);
	assert_int_equal(l12->x86_size, 242);
	assert_int_equal(l12->limit_offset, 2);
	assert_int_equal(l14->limit_offset, 4);
}

/* ---- the reference files ---- */

/* Every reference: the revision from its folder, the root cell's
 * name, write(read(b)) == b byte for byte. */
static void test_refs_round_trip(void **state)
{
	(void)state;
	glob_t g = ref_cells();
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char snap[128], revdir[64];
		split_ref_path(g.gl_pathv[i], snap, sizeof(snap), revdir,
			       sizeof(revdir));
		size_t len;
		unsigned char *b = test_slurp(g.gl_pathv[i], &len);
		struct cell_file f;
		read_ok(g.gl_pathv[i], b, len, &f);
		assert_true(f.is_system);
		assert_int_equal(f.layout->revision, atoi(revdir + 3));
		assert_string_equal(f.system.root.name, "RootCell");
		/* the root descriptor has no header of its own */
		assert_memory_equal(f.system.root.signature, "\0\0\0\0\0\0", 6);
		assert_int_equal(f.system.root.revision, 0);

		struct buf out = { 0 };
		struct jh_error err = { 0 };
		assert_int_equal(cell_write_system(&f.system, f.layout, &out,
						   &err), 0);
		assert_int_equal(out.len, len);
		assert_memory_equal(out.data, b, len);
		buf_free(&out);
		cell_file_free(&f);
		free(b);
	}
	globfree(&g);
}

/* Every reference against the snapshot it was made from. */
static void check_against_snapshot(const char *path, int *hints_checked)
{
	char snap[128], revdir[64], dir[1024], p[1200];
	split_ref_path(path, snap, sizeof(snap), revdir, sizeof(revdir));
	snprintf(dir, sizeof(dir), JH_TEST_DATA "/snapshots/%s", snap);

	size_t len;
	unsigned char *b = test_slurp(path, &len);
	struct cell_file f;
	read_ok(path, b, len, &f);
	const struct cfg_system *s = &f.system;

	snprintf(p, sizeof(p), "%s/proc/ioports", dir);
	char *ioports = test_slurp_text_opt(p);
	snprintf(p, sizeof(p), "%s/proc/iomem", dir);
	char *iomem = test_slurp_text_opt(p);
	assert_non_null(ioports);
	assert_non_null(iomem);
	unsigned long long start, end;

	/* flags: the virtual debug console, set by the template */
	assert_int_equal(s->flags, JH_SYS_VIRTUAL_DEBUG_CONSOLE);
	/* -c ttyS0 (the default): the 8250 at the standard COM1 port, PIO */
	assert_int_equal(s->debug_console.type, JH_CON_TYPE_8250);
	assert_int_equal(s->debug_console.address, 0x3f8);
	assert_int_equal(s->debug_console.flags, JH_CON_ACCESS_PIO);

	assert_true(find_resource(ioports, "ACPI PM_TMR", &start, &end));
	assert_int_equal(s->pm_timer_address, start);

	assert_true(find_resource(iomem, "PCI MMCONFIG", &start, &end));
	assert_int_equal(s->pci_mmconfig_base, start);
	/* "[bus 00-ff]": one MiB of MMCONFIG per bus */
	assert_int_equal(s->pci_mmconfig_end_bus, ((end - start + 1) >> 20) - 1);

	if (find_resource(iomem, "dmar0", &start, &end)) {
		assert_int_equal(s->iommu[0].type, JH_IOMMU_INTEL);
		assert_int_equal(s->iommu[0].base, start);
		assert_int_equal(s->iommu[0].size, end - start + 1);
	} else if (find_resource(iomem, "amd_iommu", &start, &end)) {
		assert_int_equal(s->iommu[0].type, JH_IOMMU_AMD);
		assert_int_equal(s->iommu[0].base, start);
	}
	assert_int_equal(s->iommu[1].type, 0);

	/* the CPU set: the low N bits, N = the cpuN folders */
	int ncpus = count_cpus(dir);
	assert_int_equal(s->root.cpu_set_size, (ncpus + 63) / 64 * 8);
	for (int cpu = 0; cpu < 64; cpu++)
		assert_int_equal((s->root.cpu_set[cpu / 8] >> (cpu % 8)) & 1,
				 cpu < ncpus);

	/* The hint "memmap=SIZE$ADDR" names the window: the hypervisor at
	 * its start (--mem-hv, 6M unless the command says 8M), the inmate
	 * memory region after it, last, read/write. */
	snprintf(p, sizeof(p), "%s", path);
	*strrchr(p, '/') = '\0';
	strcat(p, "/c-note.txt");
	char *note = test_slurp_text_opt(p);
	const char *hint = note ? strstr(note, "memmap=") : NULL;
	if (hint) {
		(*hints_checked)++;
		unsigned long long size, addr;
		assert_int_equal(sscanf(hint, "memmap=%llx$%llx", &size, &addr), 2);
		unsigned long long hv = strstr(revdir, "mem8M") ? 8 << 20 : 6 << 20;
		assert_int_equal(s->hypervisor_memory.phys_start, addr);
		assert_int_equal(s->hypervisor_memory.size, hv);
		const struct cfg_memory *last = &s->root.mem[s->root.nmem - 1];
		assert_int_equal(last->phys_start, addr + hv);
		assert_int_equal(last->size, size - hv);
		assert_int_equal(last->flags, JH_MEM_READ | JH_MEM_WRITE);
	}
	free(note);
	free(ioports);
	free(iomem);
	cell_file_free(&f);
	free(b);
}

static void test_refs_match_snapshots(void **state)
{
	(void)state;
	glob_t g = ref_cells();
	int hints = 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		check_against_snapshot(g.gl_pathv[i], &hints);
	/* every reference of the four q35 snapshots has a note with the
	 * hint: 4 x 3 revisions + the 8M/120M run */
	assert_true(hints >= 13);
	globfree(&g);
}

/* The baseline, decoded by hand from the bytes (xxd):
 *   0x00 "JHSYS" 00 0e00: signature, x86, revision 14
 *   0x08 01000000: flags; 0x0c 0000003a 00000000: hypervisor phys_start;
 *   0x1c 00006000 00000000: its size 6 MiB;
 *   0x4c 000000b0 00000000: mmconfig base; 0x54 ff: end bus;
 *   0x58 02000000 0000d9fe 00000000 00100000: IOMMU 0 Intel at
 *        0xfed90000, size 0x1000;
 *   0x138 0806: PM timer; 0x13c 80000000: interrupt limit 128;
 *   0x164 (356): the root cell, "RootCell" at 0x16c. */
static void test_doc_rev14_bytes(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = test_slurp(JH_TEST_DATA
		"/ref/q35-jailhouse-doc/rev14/q35-jailhouse-doc.cell", &len);
	assert_int_equal(len, 1540);
	struct cell_file f;
	read_ok("doc", b, len, &f);
	assert_int_equal(f.layout->revision, 14);
	assert_int_equal(f.system.hypervisor_memory.phys_start, 0x3a000000);
	assert_int_equal(f.system.hypervisor_memory.size, 0x600000);
	assert_int_equal(f.system.pci_mmconfig_base, 0xb0000000);
	assert_int_equal(f.system.pci_mmconfig_end_bus, 0xff);
	assert_int_equal(f.system.iommu[0].base, 0xfed90000);
	assert_int_equal(f.system.iommu[0].size, 0x1000);
	assert_int_equal(f.system.niommu, 1);
	assert_int_equal(f.system.pm_timer_address, 0x608);
	assert_int_equal(f.system.vtd_interrupt_limit, 128);
	assert_int_equal(f.system.union_tail_len, 44 - 16);
	/* counts at 0x164 + 48: cpu_set_size 8, 0x10 memory regions, no
	 * cache regions, 1 irqchip, 9 PIO regions, 7 PCI devices, 9 caps */
	assert_int_equal(f.system.root.cpu_set_size, 8);
	assert_int_equal(f.system.root.nmem, 0x10);
	assert_int_equal(f.system.root.ncache, 0);
	assert_int_equal(f.system.root.nirqchips, 1);
	assert_int_equal(f.system.root.npio, 9);
	assert_int_equal(f.system.root.npci, 7);
	assert_int_equal(f.system.root.ncaps, 9);
	/* 356 + 132 + 8 + 16*32 + 32 + 9*4 + 7*56 + 9*8 = 1540 */
	cell_file_free(&f);
	free(b);
}

/* Same snapshot, three revisions: rev 14 and 13 differ only in the
 * 8-byte header; rev 12 is 2 bytes shorter (the smaller platform union)
 * and from the root cell on equals rev 13. Converting with the writer
 * gives the other revisions' references byte for byte. */
static void test_revisions_differ_as_layouts_say(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob(JH_TEST_DATA "/ref/*/rev13/*.cell", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 4);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char p12[1024], p14[1024];
		snprintf(p12, sizeof(p12), "%s", g.gl_pathv[i]);
		memcpy(strstr(p12, "/rev13/"), "/rev12/", 7);
		snprintf(p14, sizeof(p14), "%s", g.gl_pathv[i]);
		memcpy(strstr(p14, "/rev13/"), "/rev14/", 7);
		size_t n12, n13, n14;
		unsigned char *b12 = test_slurp(p12, &n12);
		unsigned char *b13 = test_slurp(g.gl_pathv[i], &n13);
		unsigned char *b14 = test_slurp(p14, &n14);

		assert_int_equal(n14, n13);
		assert_memory_equal(b14, "JHSYS\0\x0e\0", 8);
		assert_memory_equal(b13, "JHSYST\x0d\0", 8);
		assert_memory_equal(b14 + 8, b13 + 8, n13 - 8);
		assert_int_equal(n12, n13 - 2);
		assert_memory_equal(b12, "JHSYST\x0c\0", 8);
		assert_memory_equal(b12 + 8, b13 + 8, 76 - 8 + 12);
		assert_memory_equal(b12 + 354, b13 + 356, n13 - 356);

		struct cell_file f;
		read_ok(g.gl_pathv[i], b13, n13, &f);
		struct buf out = { 0 };
		struct jh_error err = { 0 };
		assert_int_equal(cell_write_system(&f.system, cell_layout_for(12),
						   &out, &err), 0);
		assert_int_equal(out.len, n12);
		assert_memory_equal(out.data, b12, n12);
		out.len = 0;
		assert_int_equal(cell_write_system(&f.system, cell_layout_for(14),
						   &out, &err), 0);
		assert_memory_equal(out.data, b14, n14);
		buf_free(&out);
		cell_file_free(&f);
		free(b12);
		free(b13);
		free(b14);
	}
	globfree(&g);
}

/* ---- an inmate cell built by hand ---- */

static void build_inmate(struct cfg_cell *c)
{
	memset(c, 0, sizeof(*c));
	cfg_set_name(c->name, "apic-demo");
	c->flags = JH_CELL_PASSIVE_COMMREG;
	c->cpu_set_size = 1;
	c->cpu_set = calloc(1, 1);
	c->cpu_set[0] = 0x0c;                   /* CPUs 2 and 3 */
	struct cfg_memory *m = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	m->phys_start = 0x3a600000;
	m->virt_start = 0;
	m->size = 0x00100000;
	m->flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
		   JH_MEM_LOADABLE;
	m = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	m->virt_start = 0x00100000;
	m->size = 0x1000;
	m->flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION;
	struct cfg_pio *pio = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
	pio->base = 0x2f8;
	pio->length = 8;
	c->console.address = 0x2f8;
	c->console.type = JH_CON_TYPE_8250;
}

/* Offsets, from cell-config.h at master:
 *   0   "JHCLL", 5 arch = 0, 6 revision 14 (u16)
 *   8   name[32]; 40 id; 44 flags
 *   48  cpu_set_size; 52 num_memory_regions; 56 cache; 60 irqchips;
 *   64  num_pio_regions; 68 pci devices; 72 caps; 76 stream ids;
 *   80  vpci_irq_base; 84 cpu_reset_address; 92 msg_reply_timeout;
 *   100 console (address u64 at 100, size u32 at 108, type u16 at 112)
 *   132 the CPU set (1 byte), 133 memory region 0 (32 bytes: phys at +0,
 *       flags at +24), 165 memory region 1, 197 the PIO range (base,
 *       length), 201 the end. */
static void test_inmate_rev14_bytes(void **state)
{
	(void)state;
	struct cfg_cell c;
	build_inmate(&c);
	struct buf out = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(cell_write_cell(&c, cell_layout_for(14), &out, &err), 0);
	const unsigned char *b = out.data;
	assert_int_equal(out.len, 201);
	assert_memory_equal(b, "JHCLL\0\x0e\0", 8);
	assert_string_equal((const char *)b + 8, "apic-demo");
	assert_int_equal(le32(b + 44), 1);
	assert_int_equal(le32(b + 48), 1);
	assert_int_equal(le32(b + 52), 2);
	assert_int_equal(le32(b + 64), 1);
	assert_int_equal(le32(b + 68), 0);
	assert_int_equal(le64(b + 100), 0x2f8);
	assert_int_equal(le16(b + 112), 2);
	assert_int_equal(b[132], 0x0c);
	assert_int_equal(le64(b + 133), 0x3a600000);
	assert_int_equal(le64(b + 133 + 24), 0x47);   /* R|W|X|LOADABLE */
	assert_int_equal(le64(b + 165 + 8), 0x100000);
	assert_int_equal(le64(b + 165 + 24), 0x23);   /* R|W|COMM_REGION */
	assert_int_equal(le16(b + 197), 0x2f8);
	assert_int_equal(le16(b + 199), 8);

	/* and back: a cell file, every field as built */
	struct cell_file f;
	read_ok("inmate", out.data, out.len, &f);
	assert_false(f.is_system);
	assert_int_equal(f.layout->revision, 14);
	assert_string_equal(f.cell.name, "apic-demo");
	assert_int_equal(f.cell.nmem, 2);
	assert_int_equal(f.cell.mem[1].flags, c.mem[1].flags);
	assert_int_equal(f.cell.pio[0].length, 8);
	assert_int_equal(f.cell.console.type, JH_CON_TYPE_8250);

	/* rev 12: the same after the 6-byte "JHCELL" header */
	struct buf out12 = { 0 };
	assert_int_equal(cell_write_cell(&f.cell, cell_layout_for(12), &out12,
					 &err), 0);
	assert_int_equal(out12.len, 201);
	assert_memory_equal(out12.data, "JHCELL\x0c\0", 8);
	assert_memory_equal(out12.data + 8, out.data + 8, 201 - 8);

	buf_free(&out12);
	cell_file_free(&f);
	buf_free(&out);
	cfg_cell_free(&c);
}

/* ---- bad input ---- */

static unsigned char *doc_rev14(size_t *len)
{
	return test_slurp(JH_TEST_DATA
		"/ref/q35-jailhouse-doc/rev14/q35-jailhouse-doc.cell", len);
}

static void test_bad_truncated(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = doc_rev14(&len);
	read_fails(b, 0, "truncated header: 0 bytes", NULL);
	read_fails(b, 7, "truncated header: 7 bytes", NULL);
	read_fails(b, 200, "truncated", NULL);       /* inside platform_info */
	read_fails(b, 356 + 131, "truncated", NULL); /* inside the descriptor */
	read_fails(b, 1000, "1540", "1000");
	read_fails(b, len - 1, "1540", "1539");
	free(b);
}

static void test_bad_size_mismatch(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = doc_rev14(&len);
	b = realloc(b, len + 1);
	b[len] = 0;
	read_fails(b, len + 1, "1540", "1541");
	free(b);
}

static void test_bad_counts(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = doc_rev14(&len);
	/* num_pci_devices at 356 + 68 */
	unsigned char *pci = b + 356 + 68;
	memcpy(pci, "\xff\xff\xff\xff", 4);
	read_fails(b, len, "absurd", "PCI devices");
	memcpy(pci, "\x07\x00\x00\x00", 4);
	/* cpu_set_size at 356 + 48: 2^31 */
	memcpy(b + 356 + 48, "\x00\x00\x00\x80", 4);
	read_fails(b, len, "absurd", "CPU set");
	memcpy(b + 356 + 48, "\x08\x00\x00\x00", 4);
	/* one memory region more: fits on its own but not in the file */
	b[356 + 52] = 0x11;
	read_fails(b, len, "1572", "1540");
	b[356 + 52] = 0x10;
	/* counts that wrap in 32-bit arithmetic: 2^27 memory regions of 32
	 * bytes = 2^32 */
	memcpy(b + 356 + 52, "\x00\x00\x00\x08", 4);
	read_fails(b, len, "absurd", "memory regions");
	free(b);
}

static void test_bad_signature_revision(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = doc_rev14(&len);
	memcpy(b, "JHXXXX", 6);
	read_fails(b, len, "not a Jailhouse configuration", NULL);
	memcpy(b, "JHSYS\0\x0f\0", 8);
	read_fails(b, len, "unknown configuration revision 15", NULL);
	memcpy(b, "JHSYST\x0b\0", 8);
	read_fails(b, len, "unknown configuration revision 11", NULL);
	memcpy(b, "JHSYS\x02\x0e\0", 8);            /* arm64 */
	read_fails(b, len, "not an x86 configuration", NULL);
	/* a rev 12 header on a rev 13/14 body: the counts are read 2 bytes
	 * early and make no sense */
	memcpy(b, "JHSYST\x0c\0", 8);
	read_fails(b, len, NULL, NULL);
	free(b);
}

/* The whole message for each way the 8-byte header can be wrong. The
 * truth is cell-config.h of each revision: revision 14 starts with
 * "JHSYS"/"JHCLL" and an architecture byte (x86 = 0), 12 and 13 with
 * "JHSYST"/"JHCELL"; the revision is a little-endian u16 at offset 6.
 * Before, a revision 14 number under a 12/13 signature was called an
 * "unknown configuration revision 14 (known: 12, 13, 14)". */
static void read_says(const unsigned char *d, size_t len, const char *want)
{
	struct cell_file f;
	struct jh_error err = { 0 };
	assert_int_equal(cell_read("bad.cell", d, len, &f, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_string_equal(err.msg, want);
	jh_error_clear(&err);
}

static void test_header_messages(void **state)
{
	(void)state;
	size_t len;
	unsigned char *b = doc_rev14(&len);
	memcpy(b, "JHCELL\x0e\0", 8);
	read_says(b, len, "bad.cell: the signature \"JHCELL\" is that of "
		  "revisions 12 and 13, but the revision at offset 6 is 14");
	memcpy(b, "JHSYST\x0e\0", 8);  /* not "JHSYS" with architecture 'T' */
	read_says(b, len, "bad.cell: the signature \"JHSYST\" is that of "
		  "revisions 12 and 13, but the revision at offset 6 is 14");
	memcpy(b, "JHSYS\0\x0d\0", 8);
	read_says(b, len, "bad.cell: the signature \"JHSYS\" is that of "
		  "revision 14, but the revision at offset 6 is 13");
	memcpy(b, "JHSYS\0\x0f\0", 8);
	read_says(b, len, "bad.cell: unknown configuration revision 15 at "
		  "offset 6 (known: 12, 13, 14)");
	memcpy(b, "JHCELL\0\x01", 8);  /* 256 */
	read_says(b, len, "bad.cell: unknown configuration revision 256 at "
		  "offset 6 (known: 12, 13, 14)");
	memcpy(b, "JHSYS\x02\x0e\0", 8);
	read_says(b, len, "bad.cell: not an x86 configuration (architecture 2 "
		  "at offset 5)");
	/* odd bytes of a bad signature are escaped, a NUL included */
	memcpy(b, "JH\x1b]\0X\x0e\0", 8);
	read_says(b, len, "bad.cell: bad signature \"JH\\x1b]\\x00X\" at offset "
		  "0: not a Jailhouse configuration (JHSYS or JHCLL, before "
		  "revision 14 JHSYST or JHCELL)");
	read_says(b, 5, "bad.cell: truncated header: 5 bytes, a Jailhouse "
		  "configuration starts with 8 (signature and revision)");
	free(b);
}

static void test_write_rejects_missing_cpu_set(void **state)
{
	(void)state;
	struct cfg_cell c;
	memset(&c, 0, sizeof(c));
	c.cpu_set_size = 8;
	struct buf out = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(cell_write_cell(&c, cell_layout_for(14), &out, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
	buf_free(&out);
}

/* The one description of the structures (cell_fields.c): each row set
 * covers its structure's bytes exactly, and lists Jailhouse's members in
 * their order. Sizes and member counts from include/jailhouse/
 * cell-config.h: jailhouse_memory 4 u64 = 32 bytes; jailhouse_console
 * u64, u32, u16, u16, u32, u32, u64 = 32; jailhouse_cache u32, u32, u8,
 * u8, u16 = 12; jailhouse_irqchip u64, u32, u32, u32[4] = 32;
 * jailhouse_pio u16, u16 = 4; jailhouse_pci_device 56 (16 rows, bar_mask
 * u32[6]); jailhouse_pci_capability 4 u16 = 8; jailhouse_iommu u32, u64,
 * u32 and a 12-byte union = 28. */
static void test_field_rows(void **state)
{
	(void)state;
	static const struct {
		const struct cell_struct *s;
		size_t size, rows;
		const char *first, *last;
	} want[] = {
		{ &cell_memory_struct, 32, 4, "phys_start", "flags" },
		{ &cell_console_struct, 32, 7, "address", "clock_reg" },
		{ &cell_cache_struct, 12, 5, "start", "flags" },
		{ &cell_irqchip_struct, 32, 4, "address", "pin_bitmap" },
		{ &cell_pio_struct, 4, 2, "base", "length" },
		{ &cell_pci_dev_struct, 56, 16, "type", "shmem_protocol" },
		{ &cell_pci_cap_struct, 8, 4, "id", "flags" },
		{ &cell_iommu_struct, 28, 8, "type", "union_tail" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct cell_struct *s = want[i].s;
		size_t bytes = 0, rows = 0;
		const char *last = NULL;
		for (const struct cell_field *f = s->fields; f->name; f++) {
			assert_true(f->width == 1 || f->width == 2 ||
				    f->width == 4 || f->width == 8);
			bytes += (size_t)f->width * f->count;
			rows++;
			last = f->name;
		}
		assert_int_equal(s->size, want[i].size);
		assert_int_equal(bytes, want[i].size);
		assert_int_equal(rows, want[i].rows);
		assert_string_equal(s->fields[0].name, want[i].first);
		assert_string_equal(last, want[i].last);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_table),
		cmocka_unit_test(test_field_rows),
		cmocka_unit_test(test_refs_round_trip),
		cmocka_unit_test(test_refs_match_snapshots),
		cmocka_unit_test(test_doc_rev14_bytes),
		cmocka_unit_test(test_revisions_differ_as_layouts_say),
		cmocka_unit_test(test_inmate_rev14_bytes),
		cmocka_unit_test(test_bad_truncated),
		cmocka_unit_test(test_header_messages),
		cmocka_unit_test(test_bad_size_mismatch),
		cmocka_unit_test(test_bad_counts),
		cmocka_unit_test(test_bad_signature_revision),
		cmocka_unit_test(test_write_rejects_missing_cpu_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
