/* SPDX-License-Identifier: GPL-2.0-only */
/* The project file: every directive read into the model, comments kept
 * through a rewrite, the fixed order, the value syntax (CPU lists, PCI
 * selectors as lspci -s/-d spell them) and one FILE:LINE error for each
 * kind of bad input. Expected values are written out by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "project/project.h"
#include "testutil.h"

static const char full_text[] =
	"# my partitioning of the q35 guest\n"
	"jhconf-project 1\n"
	"source tree /srv/snap shots/q35\n"
	"hardware cpus 4\n"
	"hardware ram 0x100000-0x3fffffff\n"
	"hardware pci 0000:00:1f.2 8086:2922 class 010601 subsys 1af4:1100\n"
	"hypervisor mem-hv 6M mem-inmates 76M address 0x3a000000\n"
	"console ttyS0\n"
	"config-revision 13\n"
	"root-name RootCell\n"
	"\n"
	"# the network inmate\n"
	"cell linux1\n"
	"\tkind linux\n"
	"\tcpus 2-3\n"
	"\tmem 64M at 0x1000000 # leave room for the demo\n"
	"\tpci slot=00:02.0 id=8086:10d3\n"
	"\tpci id=1af4:1041\n"
	"\tpins 18,16-17\n"
	"\tpio 0x2f8-0x2ff\n"
	"\tmmio 0xfed00000+0x1000 r\n"
	"\tconsole ttyS1\n"
	"\tflags passive-commreg\n"
	"end\n"
	"\n"
	"cell demo\n"
	"\tcpus 1\n"
	"end\n"
	"link linux1 RootCell size 1M protocol veth\n"
	"# the end\n";

static void parse_ok(const char *text, struct project *p)
{
	struct jh_error err = { 0 };
	if (project_parse("jhconf.conf", text, strlen(text), p, &err))
		fail_msg("unexpected error: %s", err.msg);
}

static char *format(const struct project *p)
{
	struct buf b = { 0 };
	project_format(p, &b);
	buf_append(&b, "", 1);
	return (char *)b.data;
}

static void test_reads_every_directive(void **state)
{
	(void)state;
	struct project p;
	parse_ok(full_text, &p);
	assert_true(p.source.set && p.source.kind == PROJ_SOURCE_TREE);
	assert_string_equal(p.source.path, "/srv/snap shots/q35");
	assert_int_equal(p.hw_cpus.v, 4);
	assert_int_equal(p.nhw_ram, 1);
	assert_true(p.hw_ram[0].first == 0x100000 && p.hw_ram[0].last == 0x3fffffff);
	assert_int_equal(p.nhw_pci, 1);
	assert_int_equal(p.hw_pci[0].bus, 0);
	assert_int_equal(p.hw_pci[0].dev, 0x1f);
	assert_int_equal(p.hw_pci[0].fn, 2);
	assert_int_equal(p.hw_pci[0].class_code, 0x010601);
	assert_int_equal(p.hw_pci[0].subsys_vendor, 0x1af4);
	/* 6M = 6 * 2^20, 76M = 76 * 2^20 */
	assert_true(p.hypervisor.mem_hv == 0x600000);
	assert_true(p.hypervisor.mem_inmates == 0x4c00000);
	assert_true(p.hypervisor.has_address && p.hypervisor.address == 0x3a000000);
	assert_string_equal(p.console.v, "ttyS0");
	assert_int_equal(p.revision.v, 13);
	assert_string_equal(p.root_name.v, "RootCell");
	assert_int_equal(p.ncells, 2);

	const struct proj_cell *c = &p.cells[0];
	assert_string_equal(c->name, "linux1");
	assert_true(c->kind.set && c->kind.v == PROJ_KIND_LINUX);
	assert_int_equal(c->cpus.list.n, 1);
	assert_true(c->cpus.list.v[0].first == 2 && c->cpus.list.v[0].last == 3);
	assert_true(c->mem.v == 64ull << 20 && c->mem_at.set && c->mem_at.v == 0x1000000);
	assert_string_equal(c->mem.note.trail, "# leave room for the demo");
	assert_int_equal(c->npci, 2);
	assert_true(c->pci[0].has_slot && c->pci[0].has_ids);
	assert_int_equal(c->pci[0].dev, 2);
	assert_int_equal(c->pci[0].vendor, 0x8086);
	assert_int_equal(c->pci[0].device, 0x10d3);
	assert_true(!c->pci[1].has_slot && c->pci[1].has_ids);
	/* 18,16-17 sorts and merges into one range 16-18 */
	assert_int_equal(c->pins.list.n, 1);
	assert_true(c->pins.list.v[0].first == 16 && c->pins.list.v[0].last == 18);
	assert_int_equal(c->npio, 1);
	assert_true(c->pio[0].first == 0x2f8 && c->pio[0].last == 0x2ff);
	/* START+SIZE: 0xfed00000 + 0x1000 bytes, read-only */
	assert_int_equal(c->nmmio, 1);
	assert_true(c->mmio[0].start == 0xfed00000 && c->mmio[0].size == 0x1000);
	assert_false(c->mmio[0].write);
	assert_string_equal(c->console.v, "ttyS1");
	assert_int_equal(c->flags.v.n, 1);
	assert_string_equal(c->note.lead, "\n# the network inmate\n");

	assert_int_equal(p.nlinks, 1);
	assert_int_equal(p.links[0].peers.n, 2);
	assert_string_equal(p.links[0].peers.v[1], "RootCell");
	assert_true(p.links[0].size == 1ull << 20);
	assert_string_equal(p.links[0].protocol, "veth");
	assert_string_equal(p.tail, "# the end\n");
	project_free(&p);
}

/* Written back, the text differs from the input only where the writer
 * normalises values: the pin list merged, START+SIZE as START-END, the
 * hardware slot with its domain. Each expected line is spelled out. */
static void test_rewrite_keeps_comments_and_order(void **state)
{
	(void)state;
	struct project p;
	parse_ok(full_text, &p);
	char *out = format(&p);
	const char *expect =
		"# my partitioning of the q35 guest\n"
		"jhconf-project 1\n"
		"source tree /srv/snap shots/q35\n"
		"hardware cpus 4\n"
		"hardware ram 0x100000-0x3fffffff\n"
		"hardware pci 0000:00:1f.2 8086:2922 class 010601 subsys 1af4:1100\n"
		"hypervisor mem-hv 6M mem-inmates 76M address 0x3a000000\n"
		"console ttyS0\n"
		"config-revision 13\n"
		"root-name RootCell\n"
		"\n"
		"# the network inmate\n"
		"cell linux1\n"
		"\tkind linux\n"
		"\tcpus 2-3\n"
		"\tmem 64M at 0x1000000 # leave room for the demo\n"
		"\tpci slot=00:02.0 id=8086:10d3\n"
		"\tpci id=1af4:1041\n"
		"\tpins 16-18\n"
		"\tpio 0x2f8-0x2ff\n"
		"\tmmio 0xfed00000-0xfed00fff r\n"
		"\tconsole ttyS1\n"
		"\tflags passive-commreg\n"
		"end\n"
		"\n"
		"cell demo\n"
		"\tcpus 1\n"
		"end\n"
		"link linux1 RootCell size 1M protocol veth\n"
		"# the end\n";
	assert_string_equal(out, expect);
	/* and the rewrite of the rewrite is the same text */
	struct project q;
	parse_ok(out, &q);
	char *again = format(&q);
	assert_string_equal(again, out);
	free(again);
	free(out);
	project_free(&q);
	project_free(&p);
}

/* Directives in another order come out in the fixed order, each with its
 * own comment; a new cell gets a blank line before it. */
static void test_fixed_order_and_new_cells(void **state)
{
	(void)state;
	struct project p;
	parse_ok("jhconf-project 1\n"
		 "# the name\n"
		 "root-name Root\n"
		 "# console first in this file\n"
		 "console none\n", &p);
	struct proj_cell *c = project_add_cell(&p, "new");
	proj_ranges_add(&c->cpus.list, 1, 1);
	char *out = format(&p);
	assert_string_equal(out,
			    "jhconf-project 1\n"
			    "# console first in this file\n"
			    "console none\n"
			    "# the name\n"
			    "root-name Root\n"
			    "\n"
			    "cell new\n"
			    "\tcpus 1\n"
			    "end\n");
	free(out);
	project_remove_cell(&p, 0);
	assert_int_equal(p.ncells, 0);
	project_free(&p);
}

static void test_value_syntax(void **state)
{
	(void)state;
	struct proj_ranges l = { 0 };
	assert_true(proj_parse_list("5,1-2,3", 63, &l));
	assert_int_equal(l.n, 2);   /* 1-3 (2 and 3 are adjacent), 5 */
	assert_true(l.v[0].first == 1 && l.v[0].last == 3 && l.v[1].first == 5);
	struct buf b = { 0 };
	proj_format_list(&b, &l, false);
	buf_append(&b, "", 1);
	assert_string_equal((char *)b.data, "1-3,5");
	buf_free(&b);
	assert_true(proj_ranges_contains(&l, 2));
	assert_false(proj_ranges_contains(&l, 4));
	proj_ranges_free(&l);
	const char *bad_lists[] = { "", ",", "1,", "3-1", "64", "1-64", "x", "1--2",
				    "0x", "1+0", "-1", "99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad_lists) / sizeof(*bad_lists); i++) {
		assert_false(proj_parse_list(bad_lists[i], 63, &l));
		assert_int_equal(l.n, 0);
	}

	struct proj_range r;
	assert_true(proj_parse_range("0x3f8+8", 0xffff, &r));
	assert_true(r.first == 0x3f8 && r.last == 0x3ff);
	assert_false(proj_parse_range("0xfff8+9", 0xffff, &r));  /* ends at 0x10000 */
	assert_true(proj_parse_range("0xfff8+8", 0xffff, &r));
	assert_false(proj_parse_range("0xffffffffffffffff+2", UINT64_MAX, &r));

	/* lspci -s forms: DEV.FN, BUS:DEV.FN, DOMAIN:BUS:DEV.FN */
	struct proj_pci_sel s = { 0 };
	assert_true(proj_parse_pci_field("slot=1f.3", &s));
	assert_true(s.bus == 0 && s.dev == 0x1f && s.fn == 3);
	s = (struct proj_pci_sel){ 0 };
	assert_true(proj_parse_pci_field("slot=0001:02:03.4", &s));
	assert_true(s.domain == 1 && s.bus == 2 && s.dev == 3 && s.fn == 4);
	assert_false(proj_parse_pci_field("slot=00:03.5", &s));  /* slot given twice */
	const char *bad_fields[] = { "slot=00:20.0", "slot=00:1f.8", "slot=100:00.0",
				     "slot=0:0:0:0.0", "slot=00:1f", "id=8086", "id=8086:",
				     "id=18086:1234", "id=8086:1234:5", "00:1f.2", "bus=0" };
	for (size_t i = 0; i < sizeof(bad_fields) / sizeof(*bad_fields); i++) {
		s = (struct proj_pci_sel){ 0 };
		if (proj_parse_pci_field(bad_fields[i], &s))
			fail_msg("accepted %s", bad_fields[i]);
	}
	assert_true(proj_valid_name("linux-1_a.b"));
	assert_false(proj_valid_name("a b"));
	assert_false(proj_valid_name("abcdefghijklmnopqrstuvwxyz012345"));  /* 32 bytes */
	assert_true(proj_valid_name("abcdefghijklmnopqrstuvwxyz01234"));    /* 31 */
}

struct bad_case {
	const char *text;
	const char *message;
};

static void test_errors_name_file_and_line(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{ "", "jhconf.conf: empty: no 'jhconf-project 1' line" },
		{ "# only a comment\n", "jhconf.conf: empty: no 'jhconf-project 1' line" },
		{ "console ttyS0\n", "jhconf.conf:1: the first line must be 'jhconf-project 1'" },
		{ "jhconf-project 2\n", "jhconf.conf:1: format version 2; this jhconf reads version 1" },
		{ "jhconf-project 1\njhconf-project 1\n", "jhconf.conf:2: 'jhconf-project' given twice" },
		{ "jhconf-project 1\nconsle ttyS0\n",
		  "jhconf.conf:2: unknown key 'consle' (source, hardware, hypervisor, console, "
		  "config-revision, root-name, cell, link)" },
		{ "jhconf-project 1\n\ncell a\ncpus 1\ncpus 2\nend\n",
		  "jhconf.conf:5: 'cpus' given twice in cell 'a'" },
		{ "jhconf-project 1\ncell a\nend\ncell a\nend\n",
		  "jhconf.conf:4: cell 'a' is defined twice" },
		{ "jhconf-project 1\ncell a\n\tcpus 1\n", "jhconf.conf:2: cell 'a' has no 'end'" },
		{ "jhconf-project 1\nend\n", "jhconf.conf:2: 'end' without a 'cell'" },
		{ "jhconf-project 1\ncell a\n\tmem lots\nend\n",
		  "jhconf.conf:3: mem: 'lots' is not a size (decimal or 0x-hex, optional K/M/G)" },
		{ "jhconf-project 1\ncell a\n\tcpus 1-x\nend\n",
		  "jhconf.conf:3: cpus: '1-x' is not a list like 1,3-4 (at most 4095)" },
		{ "jhconf-project 1\ncell a\n\tpci 00:1f.2\nend\n",
		  "jhconf.conf:3: pci: '00:1f.2' is not slot=[[DOMAIN:]BUS:]DEV.FN or "
		  "id=VENDOR:DEVICE (hex)" },
		{ "jhconf-project 1\ncell a\n\tpio 0xfff0-0x10000\nend\n",
		  "jhconf.conf:3: pio: '0xfff0-0x10000' is not a port range within 0-0xffff" },
		{ "jhconf-project 1\ncell a\nend\nlink a b\n",
		  "jhconf.conf:4: link: no cell 'b' in this project" },
		{ "jhconf-project 1\ncell a\nend\nlink a a\n", "jhconf.conf:4: link: 'a' named twice" },
		{ "jhconf-project 1\nconfig-revision 15\n",
		  "jhconf.conf:2: config-revision: '15' is not 12, 13 or 14" },
		{ "jhconf-project 1\nhypervisor mem-hv 6M\n",
		  "jhconf.conf:2: hypervisor: needs both mem-hv SIZE and mem-inmates SIZE" },
		{ "jhconf-project 1\ncell this-name-is-far-too-long-for-jh\nend\n",
		  "jhconf.conf:2: cell: 'this-name-is-far-too-long-for-jh' is not a valid name "
		  "(1-31 letters, digits, '-', '_', '.')" },
		{ "jhconf-project 1\nsource tree\n",
		  "jhconf.conf:2: expected 'source live', 'source tree DIR' or 'source tar FILE'" },
		{ "jhconf-project 1\n\n\nroot-name a\0b\n", "jhconf.conf:4: a NUL byte: this is not a text file" },
		/* the hardware lines update relies on */
		{ "jhconf-project 1\nhardware pci 0000:00:02.0 8086:10d3 class 0200 subsys 8086:0000\n",
		  "jhconf.conf:2: class must be 6 hex digits and subsys VENDOR:DEVICE in hex" },
		{ "jhconf-project 1\nhardware pci 0000:01:00.0 1af4:1042 class 010000 subsys "
		  "1af4:1100 under 0000:00:07.0\n",
		  "jhconf.conf:2: expected 'hardware pci SLOT VENDOR:DEVICE class CLASS "
		  "subsys VENDOR:DEVICE [behind SLOT]'" },
		{ "jhconf-project 1\nhardware pci 0000:01:00.0 1af4:1042 class 010000 subsys "
		  "1af4:1100 behind 00:07\n",
		  "jhconf.conf:2: behind: '00:07' is not a PCI slot" },
		{ "jhconf-project 1\n"
		  "hardware pci 0000:00:07.0 1b36:000c class 060400 subsys 0000:0000\n"
		  "hardware pci 0000:01:00.0 1af4:1042 class 010000 subsys 1af4:1100 behind 0000:00:06.0\n",
		  "jhconf.conf:3: behind 0000:00:06.0: no 'hardware pci' line for that slot" },
		{ "jhconf-project 1\n"
		  "hardware pci 0000:00:06.0 1af4:1110 class 050000 subsys 1af4:1100\n"
		  "hardware pci 0000:01:00.0 1af4:1042 class 010000 subsys 1af4:1100 behind 0000:00:06.0\n",
		  "jhconf.conf:3: behind 0000:00:06.0: not a PCI-to-PCI bridge (class 050000)" },
		/* a loop: each bridge behind the other */
		{ "jhconf-project 1\n"
		  "hardware pci 0000:01:00.0 1b36:000c class 060400 subsys 0000:0000 behind 0000:02:00.0\n"
		  "hardware pci 0000:02:00.0 1b36:000c class 060400 subsys 0000:0000 behind 0000:01:00.0\n",
		  "jhconf.conf:2: behind 0000:02:00.0: a bridge sits on a lower bus of the "
		  "same domain than the functions behind it" },
		{ "jhconf-project 1\n"
		  "hardware pci 0000:00:02.0 8086:10d3 class 020000 subsys 8086:0000\n"
		  "hardware pci 0000:00:02.0 8086:10d3 class 020000 subsys 8086:0000\n",
		  "jhconf.conf:3: hardware pci 0000:00:02.0 recorded twice" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *t = cases[i].text;
		size_t len = strlen(t);
		if (strstr(cases[i].message, "NUL"))
			len = strlen(t) + 1 + strlen(t + strlen(t) + 1);
		struct project p;
		struct jh_error err = { 0 };
		if (project_parse("jhconf.conf", t, len, &p, &err) == 0)
			fail_msg("case %zu accepted", i);
		assert_int_equal(err.status, JH_BADINPUT);
		assert_string_equal(err.msg, cases[i].message);
		/* nothing is left behind */
		assert_int_equal(p.ncells, 0);
		assert_null(p.cells);
		jh_error_clear(&err);
	}
}

/* CRLF files (edited on Windows) read like LF files. */
static void test_crlf(void **state)
{
	(void)state;
	struct project p;
	parse_ok("jhconf-project 1\r\n# note\r\nroot-name R\r\n", &p);
	assert_string_equal(p.root_name.v, "R");
	assert_string_equal(p.root_name.note.lead, "# note\n");
	project_free(&p);
}

/* The edit operations, checked through the text they produce. */
static void test_edits(void **state)
{
	(void)state;
	struct project p;
	struct jh_error err = { 0 };
	parse_ok("jhconf-project 1\n", &p);
	assert_int_equal(project_cell_add(&p, "a", &err), 0);
	assert_int_equal(project_cell_add(&p, "b", &err), 0);
	assert_int_equal(project_cell_add(&p, "a", &err), -1);
	assert_string_equal(err.msg, "cell 'a' exists already");
	jh_error_clear(&err);
	assert_int_equal(project_cell_add(&p, "RootCell", &err), -1);
	assert_string_equal(err.msg, "'RootCell' is the root cell's name");
	jh_error_clear(&err);

	struct proj_cell_edit e = { .set_kind = true, .kind = PROJ_KIND_LINUX,
				    .set_mem = true, .mem = 32ull << 20, .console = "ttyS1" };
	assert_true(proj_parse_list("1-2", 63, &e.cpus));
	assert_true(proj_parse_list("0x3f8-0x3ff,0x80", 0xffff, &e.pio));
	struct proj_pci_sel s;
	assert_true(proj_parse_pci_item("00:02.0", &s));
	*ARRAY_PUSH(e.pci, e.npci, e.pci_cap) = s;
	assert_true(proj_parse_pci_item("8086:2668", &s));
	*ARRAY_PUSH(e.pci, e.npci, e.pci_cap) = s;
	assert_int_equal(project_cell_assign(&p, "a", &e, &err), 0);
	/* the same again changes nothing: no duplicate devices or ports */
	assert_int_equal(project_cell_assign(&p, "a", &e, &err), 0);
	proj_cell_edit_free(&e);

	struct strlist peers = { 0 };
	strlist_add(&peers, "a");
	strlist_add(&peers, "RootCell");
	assert_int_equal(project_link_add(&p, &peers, 0, "veth", &err), 0);
	strlist_add(&peers, "nosuch");
	assert_int_equal(project_link_add(&p, &peers, 0, NULL, &err), -1);
	assert_string_equal(err.msg, "link: no cell 'nosuch' in this project");
	jh_error_clear(&err);
	strlist_free(&peers);

	assert_int_equal(project_cell_remove(&p, "a", &err), -1);
	assert_string_equal(err.msg, "cell 'a' takes part in link 1: remove the link first");
	jh_error_clear(&err);
	assert_int_equal(project_cell_rename(&p, "a", "net", &err), 0);

	/* unassign CPU 2, one device by ids, the port range 0x3f8-0x3ff */
	struct proj_cell_edit u = { 0 };
	assert_true(proj_parse_list("2", 63, &u.cpus));
	assert_true(proj_parse_list("0x3f8-0x3ff", 0xffff, &u.pio));
	assert_true(proj_parse_pci_item("id=8086:2668", &s));
	*ARRAY_PUSH(u.pci, u.npci, u.pci_cap) = s;
	assert_int_equal(project_cell_unassign(&p, "net", &u, &err), 0);
	assert_int_equal(project_cell_unassign(&p, "net", &u, &err), -1);
	assert_string_equal(err.msg, "cell 'net' has no device id=8086:2668");
	jh_error_clear(&err);
	proj_cell_edit_free(&u);

	char *out = format(&p);
	assert_string_equal(out,
			    "jhconf-project 1\n"
			    "\n"
			    "cell net\n"
			    "\tkind linux\n"
			    "\tcpus 1\n"
			    "\tmem 32M\n"
			    "\tpci slot=00:02.0\n"
			    "\tpio 0x80\n"
			    "\tconsole ttyS1\n"
			    "end\n"
			    "\n"
			    "cell b\n"
			    "end\n"
			    "link net RootCell protocol veth\n");
	free(out);
	assert_int_equal(project_link_remove(&p, 2, &err), -1);
	assert_string_equal(err.msg, "no link 2 (this project has 1)");
	jh_error_clear(&err);
	assert_int_equal(project_link_remove(&p, 1, &err), 0);
	assert_int_equal(project_cell_remove(&p, "net", &err), 0);
	assert_int_equal(p.ncells, 1);
	project_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_every_directive),
		cmocka_unit_test(test_rewrite_keeps_comments_and_order),
		cmocka_unit_test(test_fixed_order_and_new_cells),
		cmocka_unit_test(test_value_syntax),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_edits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
