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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
