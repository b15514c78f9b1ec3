/* SPDX-License-Identifier: GPL-2.0-only */
/* The update matcher on hand-built machines: a device that moved, one
 * that vanished, one that is new, two identical devices whose move is
 * ambiguous unless the bridges above them tell them apart, subsystem ids
 * that tell two otherwise equal devices apart, a user's choice, and the
 * project's selectors rewritten with their comments kept. Every expected
 * pairing is worked out by hand in the comment of its test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "update/update.h"
#include "testutil.h"

/* A function on a root bus or behind bridge `parent` (an index). */
#define DEV(b, d, f, v, id, cls, sv, sd, par) \
	{ .domain = 0, .bus = (b), .dev = (d), .fn = (f), .vendor = (v), \
	  .device = (id), .class_code = (cls), .subsys_vendor = (sv), \
	  .subsys_device = (sd), .parent = (par) }
#define R UPD_ROOT

static struct upd_match match(const struct upd_pci *o, size_t no,
			      const struct upd_pci *n, size_t nn)
{
	struct upd_match m;
	struct jh_error err = { 0 };
	if (upd_match_pci(o, no, n, nn, NULL, 0, &m, &err))
		fail_msg("match failed: %s", err.msg);
	return m;
}

/* A NIC at 00:02.0 is found at 00:04.0 after two devices were added in
 * front of it: the only function with its ids, so it moved; the host
 * bridge stayed at its place; 00:02.0 (virtio-net) and 00:03.0 are new. */
static void test_moved_and_new(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 0, 0, 0x8086, 0x29c0, 0x060000, 0x1af4, 0x1100, R),
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0x0000, R),
	};
	const struct upd_pci now[] = {
		DEV(0, 0, 0, 0x8086, 0x29c0, 0x060000, 0x1af4, 0x1100, R),
		DEV(0, 2, 0, 0x1af4, 0x1000, 0x020000, 0x1af4, 0x0001, R),
		DEV(0, 3, 0, 0x1b36, 0x0010, 0x010802, 0x1af4, 0x1100, R),
		DEV(0, 4, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0x0000, R),
	};
	struct upd_match m = match(old, 2, now, 4);
	assert_int_equal(m.old_to_new[0], 0);
	assert_int_equal(m.old_to_new[1], 3);
	assert_false(m.ambiguous[1]);
	assert_int_equal(m.new_to_old[1], NONE_IDX);
	assert_int_equal(m.new_to_old[2], NONE_IDX);
	/* same ids and no bridges on either side: same chain, other place */
	assert_int_equal(upd_tier(old, 2, 1, now, 4, 3), UPD_TIER_CHAIN);
	assert_int_equal(upd_tier(old, 2, 1, now, 4, 1), UPD_TIER_NONE);
	upd_match_free(&m);
}

/* The sound card is gone: nothing has its ids, so it vanished. */
static void test_vanished(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
		DEV(0, 0x1b, 0, 0x8086, 0x2668, 0x040300, 0x1af4, 0x1100, R),
	};
	const struct upd_pci now[] = {
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
	};
	struct upd_match m = match(old, 2, now, 1);
	assert_int_equal(m.old_to_new[0], 0);
	assert_int_equal(m.old_to_new[1], NONE_IDX);
	assert_false(m.ambiguous[1]);
	assert_int_equal(m.cands[1].n, 0);
	upd_match_free(&m);
}

/* Two identical NICs at 00:02.0 and 00:03.0, found at 00:05.0 and
 * 00:06.0: each fits both equally (same ids, same empty chain, neither at
 * its place), so both are ambiguous with both candidates. */
static void test_swapped_identical_ambiguous(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
		DEV(0, 3, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
	};
	const struct upd_pci now[] = {
		DEV(0, 5, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
		DEV(0, 6, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
	};
	struct upd_match m = match(old, 2, now, 2);
	for (size_t o = 0; o < 2; o++) {
		assert_true(m.ambiguous[o]);
		assert_int_equal(m.old_to_new[o], NONE_IDX);
		assert_int_equal(m.cands[o].n, 2);
		assert_int_equal(m.cands[o].v[0], 0);
		assert_int_equal(m.cands[o].v[1], 1);
	}
	upd_match_free(&m);

	/* the user (or the TUI) says old 0 is now 00:06.0: the other one is
	 * then the only one left for old 1 */
	struct upd_choice pick = { 0, 1 };
	struct jh_error err = { 0 };
	assert_int_equal(upd_match_pci(old, 2, now, 2, &pick, 1, &m, &err), 0);
	assert_int_equal(m.old_to_new[0], 1);
	assert_int_equal(m.old_to_new[1], 0);
	assert_false(m.ambiguous[1]);
	upd_match_free(&m);

	/* a choice that pairs different kinds of function is bad input */
	const struct upd_pci other[] = {
		DEV(0, 5, 0, 0x8086, 0x10d4, 0x020000, 0x8086, 0, R),
	};
	assert_int_equal(upd_match_pci(old, 2, other, 1, &pick, 1, &m, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
}

/* The same two NICs, each behind its own root port (00:1c.0 with bus 1,
 * 00:1c.1 with bus 2). A root port added at 00:1b.0 takes bus 1, so the
 * ports' buses become 2 and 3 and the NICs 02:00.0 and 03:00.0: their
 * BDFs changed but each is still at device 00.0 behind the port at
 * 1c.0 or 1c.1 (UPD_TIER_PLACE): the hierarchy tells them apart. NIC
 * 01:00.0 is now 02:00.0, NIC 02:00.0 is now 03:00.0. */
static void test_hierarchy_disambiguates(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 0x1c, 0, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100, R),   /* 0 */
		DEV(0, 0x1c, 1, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100, R),   /* 1 */
		DEV(1, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, 0),           /* 2 */
		DEV(2, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, 1),           /* 3 */
	};
	const struct upd_pci now[] = {
		DEV(0, 0x1b, 0, 0x1b36, 0x000c, 0x060400, 0, 0, R),             /* 0 new */
		DEV(0, 0x1c, 0, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100, R),   /* 1 */
		DEV(0, 0x1c, 1, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100, R),   /* 2 */
		DEV(2, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, 1),           /* 3 */
		DEV(3, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, 2),           /* 4 */
	};
	struct upd_match m = match(old, 4, now, 5);
	assert_int_equal(m.old_to_new[0], 1);
	assert_int_equal(m.old_to_new[1], 2);
	assert_int_equal(m.old_to_new[2], 3);
	assert_int_equal(m.old_to_new[3], 4);
	assert_int_equal(m.new_to_old[0], NONE_IDX);
	assert_int_equal(upd_tier(old, 4, 2, now, 5, 3), UPD_TIER_PLACE);
	/* behind the other port: same chain of identities, other place */
	assert_int_equal(upd_tier(old, 4, 2, now, 5, 4), UPD_TIER_CHAIN);
	upd_match_free(&m);

	/* with the ports of different identities (subsystem ids) and the
	 * NICs both moved to device 01.0 (no longer at their place), the
	 * chain still says which is which */
	struct upd_pci old2[4], now2[5];
	memcpy(old2, old, sizeof(old));
	memcpy(now2, now, sizeof(now));
	old2[1].subsys_device = now2[2].subsys_device = 0x2222;
	now2[3].dev = now2[4].dev = 1;
	m = match(old2, 4, now2, 5);
	assert_int_equal(m.old_to_new[2], 3);
	assert_int_equal(m.old_to_new[3], 4);
	upd_match_free(&m);

	/* with identical ports and both NICs at 01.0, nothing tells them
	 * apart: ambiguous */
	memcpy(now2, now, sizeof(now));
	now2[3].dev = now2[4].dev = 1;
	m = match(old, 4, now2, 5);
	assert_true(m.ambiguous[2]);
	assert_true(m.ambiguous[3]);
	assert_int_equal(m.cands[2].n, 2);
	upd_match_free(&m);
}

/* Two NICs with the same vendor:device:class but other subsystem ids
 * (two board makers' 82574L), both moved: the subsystem ids pair them,
 * crosswise here: old 0 (subsys 8086:a01f) is now at 00:07.0 (index 1). */
static void test_subsystem_disambiguates(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0xa01f, R),
		DEV(0, 3, 0, 0x8086, 0x10d3, 0x020000, 0x15d9, 0x10d3, R),
	};
	const struct upd_pci now[] = {
		DEV(0, 6, 0, 0x8086, 0x10d3, 0x020000, 0x15d9, 0x10d3, R),
		DEV(0, 7, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0xa01f, R),
	};
	struct upd_match m = match(old, 2, now, 2);
	assert_int_equal(m.old_to_new[0], 1);
	assert_int_equal(m.old_to_new[1], 0);
	assert_false(m.ambiguous[0]);
	assert_false(m.ambiguous[1]);
	upd_match_free(&m);
}

/* One of two identical recorded NICs is left, elsewhere: which one went
 * is not known, so both are ambiguous and the one NIC is their candidate. */
static void test_one_of_two_left(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
		DEV(0, 3, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
	};
	const struct upd_pci now[] = {
		DEV(0, 4, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0, R),
	};
	struct upd_match m = match(old, 2, now, 1);
	assert_true(m.ambiguous[0]);
	assert_true(m.ambiguous[1]);
	assert_int_equal(m.cands[0].n, 1);
	assert_int_equal(m.new_to_old[0], NONE_IDX);
	upd_match_free(&m);
}

/* A parent index that loops (a broken list) never matches beyond ids. */
static void test_loop_is_safe(void **state)
{
	(void)state;
	const struct upd_pci old[] = {
		DEV(1, 0, 0, 0x8086, 0x2940, 0x060400, 0, 0, 1),
		DEV(2, 0, 0, 0x8086, 0x2940, 0x060400, 0, 0, 0),
	};
	assert_int_equal(upd_tier(old, 2, 0, old, 2, 0), UPD_TIER_IDS);
}

/* A machine by hand: its PCI functions, CPU count and one RAM range. */
struct hand_machine {
	struct machine m;
	struct res_node ram;
};

static void hand_pci(struct hand_machine *h, struct pci_dev *devs, size_t n,
		     unsigned cpus, uint64_t ram_first, uint64_t ram_last)
{
	memset(h, 0, sizeof(*h));
	h->m.pci = devs;
	h->m.npci = n;
	h->m.cpu.sysfs_count = cpus;
	h->ram = (struct res_node){ ram_first, ram_last, (char *)"System RAM", 1,
				    NONE_IDX, NONE_IDX, NONE_IDX };
	h->m.iomem.nodes = &h->ram;
	h->m.iomem.n = 1;
	h->m.iomem.first_root = 0;
	h->m.ioports.first_root = NONE_IDX;
}

#define PDEV(b, d, f, v, id, cls, sv, sd) \
	{ .domain = 0, .bus = (b), .dev = (d), .fn = (f), .vendor_id = (v), \
	  .device_id = (id), .class_code = (cls), .subsys_vendor = (sv), \
	  .subsys_device = (sd), .is_bridge = ((cls) >> 8) == 0x0604 }

/* The whole update on a project: a root port added at 00:1b.0 takes bus 1,
 * so the port at 00:1c.0 now leads to bus 2 and its NIC is 02:00.0 (same
 * place in the hierarchy: device 00.0 behind the 1c.0 port); the SATA
 * controller 00:1f.2 is gone (no cell uses it); 2 CPUs instead of 4; RAM
 * up to 2 GiB. The cell's slot= follows the NIC; the comments stay with
 * their lines, the one of the vanished line before the hardware lines. */
static void test_project_update(void **state)
{
	(void)state;
	static const char text[] =
		"jhconf-project 1\n"
		"# recorded by init\n"
		"hardware cpus 4\n"
		"hardware ram 0x100000-0x3fffffff\n"
		"hardware pci 0000:00:1c.0 8086:2940 class 060400 subsys 1af4:1100\n"
		"hardware pci 0000:01:00.0 8086:10d3 class 020000 subsys 8086:0000 "
		"behind 0000:00:1c.0 # NIC\n"
		"# SATA\n"
		"hardware pci 0000:00:1f.2 8086:2922 class 010601 subsys 1af4:1100\n"
		"\n"
		"cell net\n"
		"\tcpus 1\n"
		"\tpci slot=01:00.0 id=8086:10d3 # uplink\n"
		"end\n"
		"\n"
		"cell net2\n"
		"\tpci id=8086:10d3\n"
		"end\n";
	struct project p;
	struct jh_error err = { 0 };
	if (project_parse("p.conf", text, strlen(text), &p, &err))
		fail_msg("%s", err.msg);
	struct pci_dev devs[] = {
		PDEV(0, 0x1b, 0, 0x1b36, 0x000c, 0x060400, 0, 0),
		PDEV(0, 0x1c, 0, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100),
		PDEV(2, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0),
	};
	devs[0].secondary_bus = devs[0].subordinate_bus = 1;
	devs[1].secondary_bus = devs[1].subordinate_bus = 2;
	struct hand_machine h;
	hand_pci(&h, devs, 3, 2, 0x100000, 0x7fffffff);

	struct upd_report r;
	assert_int_equal(upd_report_build(&p, &h.m, NULL, 0, &r, &err), 0);
	assert_int_equal(r.refusals.n, 0);
	assert_true(upd_report_changed(&r));
	struct strlist lines = { 0 };
	upd_report_lines(&r, &lines);
	static const char *const want[] = {
		"pci 0000:01:00.0 8086:10d3 class 020000 moved to 0000:02:00.0",
		"pci 0000:00:1f.2 8086:2922 class 010601 vanished",
		"pci 0000:00:1b.0 1b36:000c class 060400 is new",
		"cell net: pci slot=01:00.0 id=8086:10d3 becomes slot=02:00.0 id=8086:10d3",
		/* by ids only: nothing to rewrite */
		"cell net2: pci id=8086:10d3 follows its device to 0000:02:00.0",
		"cpus 4, now 2",
		"ram 0x100000-0x3fffffff is gone",
		"ram 0x100000-0x7fffffff is new",
		"1 of 3 recorded pci functions unchanged",
	};
	assert_int_equal(lines.n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < lines.n; i++)
		assert_string_equal(lines.v[i], want[i]);
	strlist_free(&lines);

	upd_apply(&p, &h.m, &r);
	struct buf b = { 0 };
	project_format(&p, &b);
	buf_append(&b, "", 1);
	assert_string_equal((char *)b.data,
		"jhconf-project 1\n"
		"# SATA\n"
		"# recorded by init\n"
		"hardware cpus 2\n"
		"hardware ram 0x100000-0x7fffffff\n"
		"hardware pci 0000:00:1b.0 1b36:000c class 060400 subsys 0000:0000\n"
		"hardware pci 0000:00:1c.0 8086:2940 class 060400 subsys 1af4:1100\n"
		"hardware pci 0000:02:00.0 8086:10d3 class 020000 subsys 8086:0000 "
		"behind 0000:00:1c.0 # NIC\n"
		"\n"
		"cell net\n"
		"\tcpus 1\n"
		"\tpci slot=02:00.0 id=8086:10d3 # uplink\n"
		"end\n"
		"\n"
		"cell net2\n"
		"\tpci id=8086:10d3\n"
		"end\n");
	buf_free(&b);
	upd_report_free(&r);

	/* the project now matches the machine: nothing left to do */
	assert_int_equal(upd_report_build(&p, &h.m, NULL, 0, &r, &err), 0);
	assert_false(upd_report_changed(&r));
	upd_report_free(&r);
	project_free(&p);
}

/* A project written before `behind` existed: the NIC recorded at 01:00.0
 * looks like a function on a root bus, the machine has it behind a root
 * port. The chains differ (none against one bridge), so the ids alone
 * pair it (UPD_TIER_IDS), and it is still at 01:00.0: unchanged. */
static void test_project_without_behind(void **state)
{
	(void)state;
	static const char text[] =
		"jhconf-project 1\n"
		"hardware pci 0000:00:1c.0 8086:2940 class 060400 subsys 1af4:1100\n"
		"hardware pci 0000:01:00.0 8086:10d3 class 020000 subsys 8086:0000\n";
	struct project p;
	struct jh_error err = { 0 };
	if (project_parse("p.conf", text, strlen(text), &p, &err))
		fail_msg("%s", err.msg);
	struct pci_dev devs[] = {
		PDEV(0, 0x1c, 0, 0x8086, 0x2940, 0x060400, 0x1af4, 0x1100),
		PDEV(1, 0, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0),
	};
	devs[0].secondary_bus = devs[0].subordinate_bus = 1;
	struct hand_machine h;
	hand_pci(&h, devs, 2, 4, 0x100000, 0x3fffffff);
	struct upd_report r;
	assert_int_equal(upd_report_build(&p, &h.m, NULL, 0, &r, &err), 0);
	assert_int_equal(r.new_[1].parent, 0);
	assert_int_equal(r.old[1].parent, UPD_ROOT);
	assert_int_equal(upd_tier(r.old, 2, 1, r.new_, 2, 1), UPD_TIER_IDS);
	assert_int_equal(r.match.old_to_new[1], 1);
	/* only the hardware line changes: it gains `behind` */
	upd_apply(&p, &h.m, &r);
	assert_true(p.hw_pci[1].has_parent);
	assert_int_equal(p.hw_pci[1].parent_dev, 0x1c);
	upd_report_free(&r);
	project_free(&p);
}

/* A cell that uses a vanished device, or one of two equal candidates,
 * is refused with a line naming the cell, the selector and the choices. */
static void test_project_refusals(void **state)
{
	(void)state;
	static const char text[] =
		"jhconf-project 1\n"
		"hardware pci 0000:00:02.0 8086:10d3 class 020000 subsys 8086:0000\n"
		"hardware pci 0000:00:1b.0 8086:2668 class 040300 subsys 1af4:1100\n"
		"cell a\n\tpci slot=00:02.0\nend\n"
		"cell b\n\tpci id=8086:2668\nend\n";
	struct project p;
	struct jh_error err = { 0 };
	if (project_parse("p.conf", text, strlen(text), &p, &err))
		fail_msg("%s", err.msg);
	/* two NICs like the recorded one, neither at 00:02.0; the HDA gone */
	struct pci_dev devs[] = {
		PDEV(0, 3, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0),
		PDEV(0, 4, 0, 0x8086, 0x10d3, 0x020000, 0x8086, 0),
	};
	struct hand_machine h;
	hand_pci(&h, devs, 2, 4, 0x100000, 0x3fffffff);
	struct upd_report r;
	assert_int_equal(upd_report_build(&p, &h.m, NULL, 0, &r, &err), 0);
	assert_int_equal(r.refusals.n, 2);
	assert_string_equal(r.refusals.v[0],
		"cell 'a': pci slot=00:02.0 (0000:00:02.0 8086:10d3): 2 equally good "
		"candidates: 0000:00:03.0 or 0000:00:04.0; choose one (or give the cell "
		"slot= of the one meant)");
	assert_string_equal(r.refusals.v[1],
		"cell 'b': pci id=8086:2668 (0000:00:1b.0 8086:2668) is not on this machine "
		"any more: remove it from the cell first");
	assert_int_equal(r.uses[0].state, UPD_USE_AMBIGUOUS);
	assert_int_equal(r.uses[1].state, UPD_USE_VANISHED);
	upd_report_free(&r);

	/* the answer the TUI would give: 00:04.0 */
	struct upd_choice pick = { 0, 1 };
	assert_int_equal(upd_report_build(&p, &h.m, &pick, 1, &r, &err), 0);
	assert_int_equal(r.uses[0].state, UPD_USE_MOVED);
	assert_string_equal(r.uses[0].after, "slot=00:04.0");
	assert_int_equal(r.refusals.n, 1);   /* the HDA is still gone */
	upd_report_free(&r);
	project_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moved_and_new),
		cmocka_unit_test(test_vanished),
		cmocka_unit_test(test_swapped_identical_ambiguous),
		cmocka_unit_test(test_hierarchy_disambiguates),
		cmocka_unit_test(test_subsystem_disambiguates),
		cmocka_unit_test(test_one_of_two_left),
		cmocka_unit_test(test_loop_is_safe),
		cmocka_unit_test(test_project_update),
		cmocka_unit_test(test_project_refusals),
		cmocka_unit_test(test_project_without_behind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
