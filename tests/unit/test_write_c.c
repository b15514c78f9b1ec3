/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of the C source writer (core/write_c.c).
 *
 * The configurations here are built by hand; the expected initializers
 * follow from the values put in and from the names in Jailhouse's
 * cell-config.h (e.g. JAILHOUSE_MEM_READ = 1, JAILHOUSE_MEM_WRITE = 2).
 * That the text compiles to the .cell bytes is checked by tests/xcheck.sh
 * (and outside the project against Jailhouse's own headers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellfmt/cellfmt.h"
#include "cellfmt/write_c.h"

/* ---- helpers ---- */

/* A small root cell: 4 CPUs, two memory regions, one IOAPIC, one PIO
 * range, one PCI device with two capabilities, one Intel IOMMU. */
static void make_system(struct cfg_system *s)
{
	memset(s, 0, sizeof(*s));
	s->flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE;
	s->hypervisor_memory.phys_start = 0x3a000000;
	s->hypervisor_memory.size = 0x600000;
	s->debug_console.address = 0x3f8;
	s->debug_console.type = JH_CON_TYPE_8250;
	s->debug_console.flags = JH_CON_ACCESS_PIO | JH_CON_REGDIST_1;
	s->pci_mmconfig_base = 0xb0000000;
	s->pci_mmconfig_end_bus = 0xff;
	s->iommu[0].type = JH_IOMMU_INTEL;
	s->iommu[0].base = 0xfed90000;
	s->iommu[0].size = 0x1000;
	s->niommu = 1;
	s->pm_timer_address = 0x608;
	s->vtd_interrupt_limit = 0x100;
	s->union_tail_len = 28;
	s->product = xstrdup("QEMU Standard PC (Q35 + ICH9, 2009)");
	s->cmdline_hint = xstrdup("memmap=0x5200000$0x3a000000");

	struct cfg_cell *c = &s->root;
	cfg_set_name(c->name, "RootCell");
	cfg_cell_set_cpus(c, 4);
	struct cfg_memory *m = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	*m = (struct cfg_memory){ 0, 0, 0xa0000, JH_MEM_READ | JH_MEM_WRITE |
				  JH_MEM_EXECUTE | JH_MEM_DMA, NULL };
	m->comment = xstrdup("System RAM");
	m = ARRAY_PUSH(c->mem, c->nmem, c->mem_cap);
	*m = (struct cfg_memory){ 0xfed00000, 0xfed00000, 0x1000,
				  JH_MEM_READ | JH_MEM_WRITE, NULL };
	m->comment = xstrdup("HPET 0");
	struct cfg_irqchip *q = ARRAY_PUSH(c->irqchips, c->nirqchips,
					   c->irqchips_cap);
	memset(q, 0, sizeof(*q));
	q->address = 0xfec00000;
	q->id = 0xff00;
	for (int i = 0; i < 4; i++)
		q->pin_bitmap[i] = 0xffffffff;
	q->comment = xstrdup("IOAPIC 0, GSI base 0");
	struct cfg_pio *p = ARRAY_PUSH(c->pio, c->npio, c->pio_cap);
	*p = (struct cfg_pio){ 0x3f8, 8, xstrdup("serial") };
	struct cfg_pci_dev *d = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
	memset(d, 0, sizeof(*d));
	d->type = JH_PCI_TYPE_DEVICE;
	d->bdf = 0xfa;      /* 00:1f.2 = bus 0, device 0x1f, function 2 */
	d->bar_mask[4] = 0xffffffe0;
	d->num_caps = 2;
	d->num_msi_vectors = 1;
	d->msi_bits = 1;
	d->comment = xstrdup("SATA controller");
	struct cfg_pci_cap *k = ARRAY_PUSH(c->caps, c->ncaps, c->caps_cap);
	*k = (struct cfg_pci_cap){ 0x05, 0x80, 14, JH_PCICAPS_WRITE, NULL };
	k = ARRAY_PUSH(c->caps, c->ncaps, c->caps_cap);
	*k = (struct cfg_pci_cap){ JH_PCI_EXT_CAP | 0x1, 0x100, 0x40, 0, NULL };
}

static char *system_text(const struct cfg_system *s, int revision)
{
	struct buf out = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(write_c_system(s, cell_layout_for(revision), &out,
					&err), 0);
	assert_null(err.msg);
	buf_put_u8(&out, 0);
	return (char *)out.data;
}

static char *cell_text(const struct cfg_cell *c, int revision)
{
	struct buf out = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(write_c_cell(c, cell_layout_for(revision), &out, &err),
			 0);
	buf_put_u8(&out, 0);
	return (char *)out.data;
}

/* The text with every run of blanks, tabs and newlines made one space,
 * so that the checks do not depend on where long lines were broken. */
static char *flatten(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;
	for (const char *p = text; *p; p++) {
		bool blank = *p == ' ' || *p == '\t' || *p == '\n';
		if (!blank)
			*o++ = *p;
		else if (o == out || o[-1] != ' ')
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

static void assert_has(const char *text, const char *want)
{
	char *flat = flatten(text), *flat_want = flatten(want);
	bool found = strstr(flat, flat_want) != NULL;
	free(flat);
	free(flat_want);
	if (!found)
		fail_msg("missing in the C text: %s", want);
}

static void assert_lacks(const char *text, const char *unwanted)
{
	char *flat = flatten(text), *flat_unwanted = flatten(unwanted);
	bool found = strstr(flat, flat_unwanted) != NULL;
	free(flat);
	free(flat_unwanted);
	if (found)
		fail_msg("unexpected in the C text: %s", unwanted);
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Every block comment closes before the next one opens, and none holds a
 * "/" "*" pair: what a C lexer with -Wcomment accepts. */
static void assert_comments_well_formed(const char *text)
{
	const char *p = text;
	while ((p = strstr(p, "/*"))) {
		const char *end = strstr(p + 2, "*/");
		assert_non_null(end);
		const char *nested = strstr(p + 2, "/*");
		if (nested && nested < end)
			fail_msg("comment opens inside a comment: %.40s", nested);
		p = end + 2;
	}
}

static const char *escape(const char *in)
{
	static char out[256];
	struct buf b = { 0 };
	write_c_comment_text(&b, in);
	assert_true(b.len < sizeof(out));
	if (b.len)
		memcpy(out, b.data, b.len);
	out[b.len] = '\0';
	buf_free(&b);
	return out;
}

/* ---- tests ---- */

static void test_root_cell_initializers(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	char *t = system_text(&s, 14);

	assert_has(t, "#include <jailhouse/types.h>");
	assert_has(t, "#include <jailhouse/cell-config.h>");
	assert_has(t, "} __attribute__((packed)) config = {");
	/* rev 14: "JHSYS", architecture byte */
	assert_has(t, ".signature = { 'J', 'H', 'S', 'Y', 'S' },");
	assert_has(t, ".revision = JAILHOUSE_CONFIG_REVISION,");
	assert_has(t, ".flags = JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE,");
	assert_has(t, ".phys_start = 0x3a000000,");
	assert_has(t, ".size = 0x600000,");
	assert_has(t, ".type = JAILHOUSE_CON_TYPE_8250,");
	assert_has(t, "JAILHOUSE_CON_ACCESS_PIO |");
	assert_has(t, "JAILHOUSE_CON_REGDIST_1,");
	assert_has(t, ".pci_mmconfig_base = 0xb0000000,");
	assert_has(t, ".pci_mmconfig_end_bus = 0xff,");
	assert_has(t, ".type = JAILHOUSE_IOMMU_INTEL,");
	assert_has(t, ".base = 0xfed90000,");
	assert_has(t, ".pm_timer_address = 0x608,");
	assert_has(t, ".vtd_interrupt_limit = 0x100,");
	assert_has(t, ".name = \"RootCell\",");
	/* 4 CPUs: bits 0-3 of one 64-bit word */
	assert_has(t, "__u64 cpu_set[1];");
	assert_has(t, ".cpu_set = { 0x000000000000000f },");
	assert_has(t, ".cpu_set_size = sizeof(config.cpu_set),");
	assert_has(t, "struct jailhouse_memory mem[2];");
	assert_has(t, ".num_memory_regions = ARRAY_SIZE(config.mem),");
	assert_has(t, ".num_irqchips = ARRAY_SIZE(config.irqchips),");
	assert_has(t, ".num_pio_regions = ARRAY_SIZE(config.pio),");
	assert_has(t, ".num_pci_devices = ARRAY_SIZE(config.pci),");
	assert_has(t, ".num_pci_caps = ARRAY_SIZE(config.caps),");
	/* RAM: READ 1 | WRITE 2 | EXECUTE 4 | DMA 8 */
	assert_has(t, "JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |");
	assert_has(t, "JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA,");
	assert_has(t, ".size = 0xa0000,");
	assert_has(t, ".flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,");
	assert_has(t, ".pin_bitmap = {");
	assert_has(t, "0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,");
	assert_has(t, ".id = 0xff00,");
	assert_has(t, "[0] = { .base = 0x3f8, .length = 0x8 },");
	assert_has(t, ".type = JAILHOUSE_PCI_TYPE_DEVICE,");
	assert_has(t, ".bdf = 0xfa,");
	assert_has(t, ".num_msi_vectors = 1,");
	assert_has(t, ".msi_64bits = 1,");
	assert_has(t, ".msi_maskable = 0,");
	assert_has(t, "[0] = { .id = 0x5, .start = 0x80, .len = 0xe, "
		   ".flags = JAILHOUSE_PCICAPS_WRITE },");
	assert_has(t, "[1] = { .id = JAILHOUSE_PCI_EXT_CAP | 0x1, "
		   ".start = 0x100, .len = 0x40 },");
	free(t);
	cfg_system_free(&s);
}

static void test_root_cell_comments(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	char *t = system_text(&s, 14);
	assert_has(t, "QEMU Standard PC (Q35 + ICH9, 2009)");
	assert_has(t, "memmap=0x5200000$0x3a000000");
	assert_has(t, "jhconf");
	assert_has(t, "/* System RAM */");
	assert_has(t, "/* HPET 0 */");
	assert_has(t, "/* IOAPIC 0, GSI base 0 */");
	assert_has(t, "/* serial */");
	assert_has(t, "/* 00:1f.2 SATA controller */");
	assert_has(t, "/* capabilities of 00:1f.2 */");
	assert_comments_well_formed(t);
	free(t);
	cfg_system_free(&s);
}

static void test_comment_escaping(void **state)
{
	(void)state;
	assert_string_equal(escape("plain"), "plain");
	assert_string_equal(escape("a*/b"), "a* /b");
	assert_string_equal(escape("a/*b"), "a/ *b");
	assert_string_equal(escape("*/*/"), "* / * /");
	assert_string_equal(escape("tab\tnew\nline"), "tab new line");
	/* valid UTF-8 stays, a lone continuation byte or a cut sequence not */
	assert_string_equal(escape("Ma\xc3\x9f" "e"), "Ma\xc3\x9f" "e");
	assert_string_equal(escape("x\x80y"), "x?y");
	assert_string_equal(escape("cut\xe2\x82"), "cut??");
	assert_string_equal(escape(""), "");
	assert_string_equal(escape(NULL), "");

	/* names from outside cannot end a comment of the generated file */
	struct cfg_system s;
	make_system(&s);
	free(s.product);
	s.product = xstrdup("Evil */ int x; /* Board");
	free(s.root.mem[0].comment);
	s.root.mem[0].comment = xstrdup("RAM */ int y;");
	free(s.root.pci[0].comment);
	s.root.pci[0].comment = xstrdup("NIC*/");
	char *t = system_text(&s, 14);
	assert_lacks(t, "*/ int x");
	assert_lacks(t, "*/ int y");
	assert_has(t, "RAM * / int y;");
	assert_has(t, "NIC* / */");
	/* a comment that names the device already is not prefixed again */
	free(s.root.pci[0].comment);
	s.root.pci[0].comment = xstrdup("00:1f.2 Intel SATA [ahci]  ");
	free(t);
	t = system_text(&s, 14);
	assert_has(t, "/* 00:1f.2 Intel SATA [ahci] */");
	/* a device in another PCI domain: the domain leads */
	s.root.pci[0].domain = 1;
	free(t);
	t = system_text(&s, 14);
	assert_has(t, "/* 0001:00:1f.2 00:1f.2 Intel SATA [ahci] */");
	assert_comments_well_formed(t);
	free(t);
	cfg_system_free(&s);
}

static void test_zero_counts_omitted(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	char *t = system_text(&s, 14);
	/* no cache regions and no stream ids in make_system */
	assert_lacks(t, "cache");
	assert_lacks(t, "num_cache_regions");
	assert_lacks(t, "stream_ids");
	free(t);

	/* an empty cell: no arrays at all, no counts, no CPU set */
	struct cfg_cell c;
	memset(&c, 0, sizeof(c));
	cfg_set_name(c.name, "empty");
	t = cell_text(&c, 14);
	assert_lacks(t, "cpu_set");
	assert_lacks(t, "ARRAY_SIZE");
	assert_lacks(t, "struct jailhouse_memory");
	assert_lacks(t, ".mem =");
	assert_has(t, ".name = \"empty\",");
	free(t);
	cfg_cell_free(&c);
	cfg_system_free(&s);
}

static void test_iommu_place_by_revision(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	/* rev 12: the units inside platform_info.x86, the signature 6 bytes */
	char *t = system_text(&s, 12);
	const char *x86 = strstr(t, ".x86 = {");
	const char *units = strstr(t, ".iommu_units = {");
	assert_non_null(x86);
	assert_non_null(units);
	assert_true(x86 < units);
	assert_has(t, ".signature = { 'J', 'H', 'S', 'Y', 'S', 'T' },");
	assert_lacks(t, ".architecture");
	assert_has(t, "#if JAILHOUSE_CONFIG_REVISION != 12");
	free(t);
	/* rev 13 and 14: before the union */
	for (int rev = 13; rev <= 14; rev++) {
		t = system_text(&s, rev);
		x86 = strstr(t, ".x86 = {");
		units = strstr(t, ".iommu_units = {");
		assert_non_null(x86);
		assert_non_null(units);
		assert_true(units < x86);
		free(t);
	}
	cfg_system_free(&s);
}

static void test_bytes_without_a_usual_home(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	/* bytes past the x86 view: the union goes through its arm view;
	 * rev 14 union byte 16 is arm.gicc_base bit 32 (gicc at 12..19) */
	s.union_tail[0] = 0x01;
	/* last 4 bytes of an IOMMU unit: only the TI PVU view has them */
	s.iommu[0].union_tail = 0x1234;
	/* rev 12's three padding bytes, a root cell header of its own */
	char *t = system_text(&s, 14);
	assert_has(t, ".arm = {");
	assert_lacks(t, ".x86 = {");
	/* pm_timer 0x608 (bytes 0-1), limit 0x100 (bytes 4-7 = gicd 0..3) */
	assert_has(t, ".maintenance_irq = 0x8,");
	assert_has(t, ".gic_version = 0x6,");
	assert_has(t, ".gicd_base = 0x100,");
	assert_has(t, ".gicc_base = 0x100000000,");
	assert_has(t, ".tipvu = { .tlb_base = 0x0, .tlb_size = 0x1234");
	free(t);

	memset(s.union_tail, 0, sizeof(s.union_tail));
	s.x86_padding = 0x11;
	s.x86_padding_more[1] = 0x33;
	memcpy(s.root.signature, "JHCELL", 6);
	s.root.revision = 12;
	t = system_text(&s, 12);
	assert_has(t, ".padding = { 0x11, 0x0, 0x33 },");
	assert_has(t, ".signature = { 'J', 'H', 'C', 'E', 'L', 'L' },");
	assert_int_equal(count(t, ".revision = JAILHOUSE_CONFIG_REVISION,"), 2);
	free(t);
	cfg_system_free(&s);
}

static void test_console_details(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	s.debug_console.address = 0xfe034000;
	s.debug_console.size = 0x1000;
	s.debug_console.flags = JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4 | 0x1000 |
				0x0100;
	s.debug_console.divider = 0x1b;
	s.debug_console.clock_reg = 0xfe000000;
	char *t = system_text(&s, 14);
	assert_has(t, ".size = 0x1000,");
	assert_has(t, "JAILHOUSE_CON_ACCESS_MMIO |");
	assert_has(t, "JAILHOUSE_CON_REGDIST_4 |");
	/* 0x1000 is the inverted clock gate; 0x100 has no name */
	assert_has(t, "JAILHOUSE_CON_INVERTED_GATE | 0x100,");
	assert_has(t, ".divider = 0x1b,");
	assert_has(t, ".clock_reg = 0xfe000000,");
	assert_lacks(t, ".gate_nr");
	free(t);
	cfg_system_free(&s);
}

static void test_names(void **state)
{
	(void)state;
	struct cfg_cell c;
	memset(&c, 0, sizeof(c));
	cfg_set_name(c.name, "a\"b\\c?d");
	char *t = cell_text(&c, 14);
	assert_has(t, ".name = \"a\\\"b\\\\c\\?d\",");
	/* inmate cell header: always the revision's */
	assert_has(t, ".signature = { 'J', 'H', 'C', 'L', 'L' },");
	assert_has(t, ".architecture = JAILHOUSE_X86,");
	free(t);

	/* garbage after the NUL is kept: a list of character constants */
	memset(c.name, 0, sizeof(c.name));
	memcpy(c.name, "ab\0\xff", 4);
	t = cell_text(&c, 13);
	assert_has(t, "'a', 'b', '\\0', '\\xff', '\\0',");
	assert_has(t, ".signature = { 'J', 'H', 'C', 'E', 'L', 'L' },");
	free(t);

	/* 32 characters: no room for a literal's NUL */
	memset(c.name, 'x', sizeof(c.name));
	t = cell_text(&c, 14);
	assert_lacks(t, ".name = \"");
	assert_int_equal(count(t, "'x'"), 32);
	free(t);
	cfg_cell_free(&c);
}

static void test_cell_flags_and_symbols_by_revision(void **state)
{
	(void)state;
	struct cfg_cell c;
	memset(&c, 0, sizeof(c));
	cfg_set_name(c.name, "inmate");
	c.flags = JH_CELL_PASSIVE_COMMREG | 0x4 | JH_CELL_VIRTUAL_CONSOLE_ACTIVE;
	c.console.type = 9;   /* IMX_LPUART: named from revision 14 on */
	c.console.address = 0x1000;
	uint32_t *id = ARRAY_PUSH(c.stream_ids, c.nstream_ids, c.stream_ids_cap);
	*id = 0x42;
	char *t = cell_text(&c, 14);
	assert_has(t, "JAILHOUSE_CELL_AARCH32");
	assert_has(t, "JAILHOUSE_CON_TYPE_IMX_LPUART");
	assert_has(t, "union jailhouse_stream_id stream_ids[1];");
	assert_has(t, "[0] = { .id = 0x42 },");
	free(t);
	t = cell_text(&c, 13);
	assert_lacks(t, "AARCH32");
	assert_has(t, "JAILHOUSE_CELL_PASSIVE_COMMREG | "
		   "JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE | 0x4");
	assert_has(t, ".type = 0x9,");
	assert_has(t, "__u32 stream_ids[1];");
	assert_has(t, "[0] = 0x42,");
	free(t);
	cfg_cell_free(&c);
}

static void test_odd_cpu_set(void **state)
{
	(void)state;
	struct cfg_cell c;
	memset(&c, 0, sizeof(c));
	c.cpu_set_size = 4;
	c.cpu_set = xcalloc(4, 1);
	c.cpu_set[0] = 0x03;
	c.cpu_set[3] = 0x80;   /* CPU 31: word 0x80000003 */
	char *t = cell_text(&c, 14);
	assert_has(t, "__u32 cpu_set[1];");
	assert_has(t, ".cpu_set = { 0x80000003 },");
	free(t);
	cfg_cell_free(&c);
}

static void test_refusals(void **state)
{
	(void)state;
	struct cfg_system s;
	make_system(&s);
	struct buf out = { 0 };
	struct jh_error err = { 0 };
	/* bit 2 of the MSI flags byte has no name in C */
	s.root.pci[0].msi_bits = 0x05;
	assert_int_equal(write_c_system(&s, cell_layout_for(14), &out, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "MSI"));
	assert_non_null(strstr(err.msg, "00:1f.2"));
	assert_int_equal(out.len, 0);
	jh_error_clear(&err);
	assert_int_equal(write_c_cell(&s.root, cell_layout_for(14), &out, &err),
			 -1);
	jh_error_clear(&err);

	s.root.pci[0].msi_bits = 0x03;
	/* a CPU set size without the set */
	unsigned char *set = s.root.cpu_set;
	s.root.cpu_set = NULL;
	assert_int_equal(write_c_system(&s, cell_layout_for(14), &out, &err), -1);
	assert_non_null(strstr(err.msg, "CPU set"));
	jh_error_clear(&err);
	s.root.cpu_set = set;

	struct cell_layout unknown = *cell_layout_for(14);
	unknown.revision = 15;
	assert_int_equal(write_c_system(&s, &unknown, &out, &err), -1);
	assert_non_null(strstr(err.msg, "15"));
	jh_error_clear(&err);
	assert_int_equal(write_c_system(&s, NULL, &out, &err), -1);
	jh_error_clear(&err);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	cfg_system_free(&s);
}

/* Reference cells read back and written as C: every one gives text with
 * the revision's guard and well-formed comments. (That it compiles to the
 * same bytes is tests/xcheck.sh's job.) */
static void test_reference_cells(void **state)
{
	(void)state;
	static const char *const cells[] = {
		"q35-amd/rev14/q35-amd.cell",
		"q35-amd/rev13/q35-amd.cell",
		"q35-amd/rev12/q35-amd.cell",
	};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		char *path = xasprintf("%s/ref/%s", JH_TEST_DATA, cells[i]);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		unsigned char data[8192];
		size_t len = fread(data, 1, sizeof(data), f);
		fclose(f);
		struct cell_file file;
		struct jh_error err = { 0 };
		assert_int_equal(cell_read(path, data, len, &file, &err), 0);
		char *t = system_text(&file.system, file.layout->revision);
		/* from the q35-amd snapshot: the IVRS table's IVHD block (at
		 * offset 0x30) names device id 0x0010 (00:02.0) and capability
		 * offset 0x40; 00:02.0's config space has the MSI capability
		 * (id 5) at 0x58 */
		assert_has(t, ".type = JAILHOUSE_IOMMU_AMD,");
		assert_has(t, ".amd = { .bdf = 0x10, .base_cap = 0x40, "
			   ".msi_cap = 0x58,");
		assert_comments_well_formed(t);
		free(t);
		cell_file_free(&file);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_cell_initializers),
		cmocka_unit_test(test_root_cell_comments),
		cmocka_unit_test(test_comment_escaping),
		cmocka_unit_test(test_zero_counts_omitted),
		cmocka_unit_test(test_iommu_place_by_revision),
		cmocka_unit_test(test_bytes_without_a_usual_home),
		cmocka_unit_test(test_console_details),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_cell_flags_and_symbols_by_revision),
		cmocka_unit_test(test_odd_cpu_set),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_reference_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
