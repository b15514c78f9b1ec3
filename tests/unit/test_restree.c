/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_res_tree and res_tree_next_preorder: real /proc/iomem and
 * /proc/ioports files of the q35-devices-added snapshot (expected values
 * read by hand from the files; line N of a file is node N-1, as neither
 * file has blank lines), and synthetic inputs for Jailhouse's nesting rule
 * and for bad input. */
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
#include "testutil.h"


static void parse_ok(const char *text, struct res_tree *t)
{
	struct jh_error err = { 0 };
	int rc = parse_res_tree("test", text, strlen(text), t, &err);
	if (rc)
		fail_msg("unexpected error: %s", err.msg);
	assert_null(err.msg);
}

/* Parses text that must be rejected; returns the message. */
static char *parse_bad(const char *text, size_t len)
{
	struct jh_error err = { 0 };
	struct res_tree t;
	assert_int_equal(parse_res_tree("/proc/iomem", text, len, &t, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(err.msg);
	assert_null(strchr(err.msg, '\n'));
	assert_non_null(strstr(err.msg, "/proc/iomem"));
	/* the tree is left empty */
	assert_null(t.nodes);
	assert_int_equal(t.n, 0);
	assert_true(t.first_root == NONE_IDX);
	return err.msg;
}

static char *parse_bad_str(const char *text)
{
	return parse_bad(text, strlen(text));
}

static void assert_node(const struct res_tree *t, size_t i, uint64_t start,
			uint64_t end, const char *name, unsigned level,
			size_t parent)
{
	assert_true(i < t->n);
	const struct res_node *n = &t->nodes[i];
	assert_string_equal(n->name, name);
	assert_true(n->start == start);
	assert_true(n->end == end);
	assert_int_equal(n->level, level);
	assert_true(n->parent == parent);
}

static size_t count_children(const struct res_tree *t, size_t parent)
{
	size_t count = 0;
	size_t c = parent == NONE_IDX ? t->first_root : t->nodes[parent].first_child;
	for (; c != NONE_IDX; c = t->nodes[c].next_sibling) {
		assert_true(t->nodes[c].parent == parent);
		count++;
	}
	return count;
}

static void test_iomem_snapshot(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp_data("snapshots/q35-devices-added/proc/iomem", &len);
	struct res_tree t;
	struct jh_error err = { 0 };
	assert_int_equal(parse_res_tree("iomem", text, len, &t, &err), 0);

	assert_int_equal(t.n, 58);             /* 58 lines */
	assert_int_equal(t.first_root, 0);
	assert_node(&t, 0, 0x0, 0xfff, "Reserved", 1, NONE_IDX);
	/* line 9-10: "000f0000-000fffff : Reserved" holds "System ROM" */
	assert_node(&t, 8, 0xf0000, 0xfffff, "Reserved", 1, NONE_IDX);
	assert_node(&t, 9, 0xf0000, 0xfffff, "System ROM", 2, 8);
	/* lines 11-15: System RAM and the kernel's four parts */
	assert_node(&t, 10, 0x100000, 0x3ffd3fff, "System RAM", 1, NONE_IDX);
	assert_node(&t, 11, 0x1ea00000, 0x1f801d31, "Kernel code", 2, 10);
	assert_node(&t, 14, 0x20d10000, 0x21dfffff, "Kernel bss", 2, 10);
	assert_int_equal(t.nodes[10].first_child, 11);
	assert_int_equal(t.nodes[11].next_sibling, 12);
	assert_true(t.nodes[14].next_sibling == NONE_IDX);
	assert_int_equal(count_children(&t, 10), 4);
	assert_int_equal(t.nodes[10].next_sibling, 15);
	/* lines 18-20: MMCONFIG > Reserved > pnp 00:07, three levels */
	assert_node(&t, 17, 0xb0000000, 0xbfffffff,
		    "PCI MMCONFIG 0000 [bus 00-ff]", 1, NONE_IDX);
	assert_node(&t, 18, 0xb0000000, 0xbfffffff, "Reserved", 2, 17);
	assert_node(&t, 19, 0xb0000000, 0xbfffffff, "pnp 00:07", 3, 18);
	/* lines 23-26: a level-4 leaf, then back to level 2 under the bus */
	assert_node(&t, 22, 0xfe000000, 0xfe1fffff, "PCI Bus 0000:01", 2, 20);
	assert_node(&t, 23, 0xfe000000, 0xfe003fff, "0000:01:00.0", 3, 22);
	assert_node(&t, 24, 0xfe000000, 0xfe003fff, "virtio-pci-modern", 4, 23);
	assert_node(&t, 25, 0xfe200000, 0xfe2fffff, "0000:00:06.0", 2, 20);
	/* lines 22-50 hold 18 two-space lines under c0000000-febfffff */
	assert_int_equal(count_children(&t, 20), 18);
	/* the last line needs more than 32 bits */
	assert_node(&t, 57, 0x100000000ull, 0x8ffffffffull, "PCI Bus 0000:00",
		    1, NONE_IDX);
	/* 21 lines start without indentation */
	assert_int_equal(count_children(&t, NONE_IDX), 21);

	res_tree_free(&t);
	free(text);
}

static void test_ioports_snapshot(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp_data("snapshots/q35-devices-added/proc/ioports", &len);
	struct res_tree t;
	struct jh_error err = { 0 };
	assert_int_equal(parse_res_tree("ioports", text, len, &t, &err), 0);
	assert_int_equal(t.n, 30);
	assert_node(&t, 0, 0x0, 0xcf7, "PCI Bus 0000:00", 1, NONE_IDX);
	assert_node(&t, 17, 0x600, 0x67f, "0000:00:1f.0", 2, 0);
	assert_node(&t, 20, 0x608, 0x60b, "ACPI PM_TMR", 3, 17);
	assert_node(&t, 23, 0xcf8, 0xcff, "PCI conf1", 1, NONE_IDX);
	assert_node(&t, 29, 0xc080, 0xc09f, "ahci", 3, 28);
	assert_int_equal(count_children(&t, 17), 4);
	assert_int_equal(count_children(&t, NONE_IDX), 3);
	res_tree_free(&t);
	free(text);
}

/* A parsed tree is walked in file order. */
static void test_preorder_is_file_order(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp_data("snapshots/q35-devices-added/proc/iomem", &len);
	struct res_tree t;
	assert_int_equal(parse_res_tree("iomem", text, len, &t, NULL), 0);
	size_t expect = 0;
	for (size_t i = res_tree_next_preorder(&t, NONE_IDX); i != NONE_IDX;
	     i = res_tree_next_preorder(&t, i))
		assert_int_equal(i, expect++);
	assert_int_equal(expect, t.n);
	assert_true(res_tree_next_preorder(&t, t.n) == NONE_IDX);
	res_tree_free(&t);
	free(text);
}

/* A hand-built tree whose array order differs from the tree order:
 * 0 has children 2 then 1, and 1 has child 3; pre-order is 0 2 1 3. */
static void test_preorder_by_links(void **state)
{
	(void)state;
	struct res_node nodes[4] = {
		{ .parent = NONE_IDX, .first_child = 2, .next_sibling = NONE_IDX },
		{ .parent = 0, .first_child = 3, .next_sibling = NONE_IDX },
		{ .parent = 0, .first_child = NONE_IDX, .next_sibling = 1 },
		{ .parent = 1, .first_child = NONE_IDX, .next_sibling = NONE_IDX },
	};
	struct res_tree t = { .nodes = nodes, .n = 4, .first_root = 0 };
	size_t order[4], k = 0;
	for (size_t i = res_tree_next_preorder(&t, NONE_IDX); i != NONE_IDX;
	     i = res_tree_next_preorder(&t, i)) {
		assert_true(k < 4);
		order[k++] = i;
	}
	assert_int_equal(k, 4);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 1);
	assert_int_equal(order[3], 3);

	struct res_tree empty = { .first_root = NONE_IDX };
	assert_true(res_tree_next_preorder(&empty, NONE_IDX) == NONE_IDX);
}

/* Jailhouse's rule after a jump: A (level 1), B with four spaces
 * (level 3, deeper than A, so A's child), C with two spaces (level 2):
 * shallower than B, so climb from B's parent A while 2 < level(A) = 1 —
 * no climb — and take A's parent: C is top level, not A's child. (The
 * ranges are chosen so that C, a top-level line, does not overlap A.) */
static void test_level_jump_quirk(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("00-1f : A\n    10-1f : B\n  20-2f : C\n", &t);
	assert_int_equal(t.n, 3);
	assert_node(&t, 0, 0x00, 0x1f, "A", 1, NONE_IDX);
	assert_node(&t, 1, 0x10, 0x1f, "B", 3, 0);
	assert_node(&t, 2, 0x20, 0x2f, "C", 2, NONE_IDX);
	assert_int_equal(t.nodes[0].next_sibling, 2);
	res_tree_free(&t);
}

/* A deep drop: levels 1 2 3 4, then 2. From D's parent C (3) climb to B
 * (2, not deeper than 2), take B's parent A. */
static void test_deep_drop(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("0-f : A\n  1-3 : B\n    2-3 : C\n      3-3 : D\n  4-4 : E\n"
		 "10-10 : F\n", &t);
	assert_node(&t, 3, 3, 3, "D", 4, 2);
	assert_node(&t, 4, 4, 4, "E", 2, 0);
	assert_node(&t, 5, 0x10, 0x10, "F", 1, NONE_IDX);
	assert_int_equal(t.nodes[1].next_sibling, 4);
	assert_int_equal(count_children(&t, 0), 2);
	res_tree_free(&t);
}

/* Where Jailhouse would crash (an indented first line, then a shallower
 * one), the shallower line becomes top level. */
static void test_indented_first_line(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("    10-1f : B\n20-ff : A\n", &t);
	assert_node(&t, 0, 0x10, 0x1f, "B", 3, NONE_IDX);
	assert_node(&t, 1, 0x20, 0xff, "A", 1, NONE_IDX);
	assert_int_equal(count_children(&t, NONE_IDX), 2);
	res_tree_free(&t);
}

/* Spaces are counted before " : " only, odd counts round down, names are
 * trimmed, CRLF and a missing last newline are fine, blank lines skipped,
 * the name may hold " : " itself (the first one splits). */
static void test_spacing(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("\n0-f :   a name with spaces  \r\n"
		 "   1-2 : three spaces\r\n"
		 "\t\n"
		 "  3-4  : x : y\n"
		 "a0-A1 : Hex", &t);
	assert_int_equal(t.n, 4);
	assert_node(&t, 0, 0, 0xf, "a name with spaces", 1, NONE_IDX);
	/* 3 / 2 + 1 = 2 */
	assert_node(&t, 1, 1, 2, "three spaces", 2, 0);
	/* "  3-4 " holds 3 spaces: level 2, a sibling of the line before */
	assert_node(&t, 2, 3, 4, "x : y", 2, 0);
	assert_node(&t, 3, 0xa0, 0xa1, "Hex", 1, NONE_IDX);
	res_tree_free(&t);
}

static void test_empty(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("", &t);
	assert_int_equal(t.n, 0);
	assert_true(t.first_root == NONE_IDX);
	res_tree_free(&t);
	parse_ok("\n \n\n", &t);
	assert_int_equal(t.n, 0);
	res_tree_free(&t);
}

static void test_bad_lines(void **state)
{
	(void)state;
	char *msg;
	msg = parse_bad_str("0-1 : ok\ngarbage\n");
	assert_non_null(strstr(msg, "line 2"));
	free(msg);
	msg = parse_bad_str("0-1:tight\n");
	assert_non_null(strstr(msg, "line 1"));
	free(msg);
	msg = parse_bad_str("0-1 : a\n\nzz-ff : X\n");
	assert_non_null(strstr(msg, "line 3"));
	free(msg);
	free(parse_bad_str("ff-00 : backwards\n"));
	free(parse_bad_str("00ff : no dash\n"));
	free(parse_bad_str("-ff : no start\n"));
	free(parse_bad_str("0- : no end\n"));
	free(parse_bad_str("0x0-0x1 : prefixed\n"));
	free(parse_bad_str("10000000000000000-1 : 65 bits\n"));
	free(parse_bad("0-1 : a\0b\n", 10));
}

static void test_too_many_lines(void **state)
{
	(void)state;
	const char line[] = "0-0 : x\n";
	size_t n = 1000001, ll = sizeof(line) - 1;
	char *text = malloc(n * ll);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * ll, line, ll);
	free(parse_bad(text, n * ll));

	/* exactly the limit is accepted */
	struct res_tree t;
	assert_int_equal(parse_res_tree("x", text, (n - 1) * ll, &t, NULL), 0);
	assert_int_equal(t.n, n - 1);
	res_tree_free(&t);
	free(text);
}

/* Issue 8 item 1: the kernel's resource tree never has overlapping
 * siblings (__request_resource refuses a conflict) nor a child outside
 * its parent. A forged "System RAM" line over a "Reserved" window (the
 * hypervisor's memory of q35-agl-memmap) must not pass. */
static void test_overlapping_siblings(void **state)
{
	(void)state;
	char *msg;
	/* the q35-agl-memmap lines around the memmap window, plus a forged
	 * System RAM line (line 4) that covers it */
	msg = parse_bad_str("00100000-39ffffff : System RAM\n"
			    "3a000000-3f1fffff : Reserved\n"
			    "3f200000-3ffdbfff : System RAM\n"
			    "3a000000-3f1fffff : System RAM\n");
	assert_string_equal(msg,
		"/proc/iomem: line 4: 3a000000-3f1fffff overlaps its sibling "
		"3a000000-3f1fffff on line 2; the kernel never lists such ranges");
	free(msg);
	/* a partial overlap by one byte, found whatever the file order */
	msg = parse_bad_str("100-1ff : B\n0-100 : A\n");
	assert_string_equal(msg,
		"/proc/iomem: line 2: 0-100 overlaps its sibling 100-1ff on "
		"line 1; the kernel never lists such ranges");
	free(msg);
	/* siblings one level down, under the same parent */
	msg = parse_bad_str("0-fff : P\n  0-7ff : a\n  800-8ff : b\n  8ff-900 : c\n");
	assert_non_null(strstr(msg, "line 4: 8ff-900 overlaps its sibling 800-8ff on line 3"));
	free(msg);
	/* a child outside its parent */
	msg = parse_bad_str("1000-1fff : P\n  1800-2000 : child\n");
	assert_string_equal(msg,
		"/proc/iomem: line 2: 1800-2000 is not inside its parent "
		"1000-1fff on line 1; the kernel never lists such ranges");
	free(msg);
	msg = parse_bad_str("1000-1fff : P\n  0fff-1000 : child\n");
	assert_non_null(strstr(msg, "line 2: fff-1000 is not inside its parent"));
	free(msg);

	/* touching is not overlapping; equal ranges nest (parent, child) */
	struct res_tree t;
	parse_ok("0-ff : A\n100-1ff : B\n  100-1ff : B's driver\n", &t);
	assert_int_equal(t.n, 3);
	res_tree_free(&t);
}

/* The kernel prints depth 5 and deeper all with ten spaces (level 6
 * here; MAX_IORES_LEVEL in kernel/resource.c), so there a line may lie
 * inside the line before it: a Thunderbolt chain of bridges does that.
 * Nested is fine at that level, a partial overlap is not, and above it
 * nesting is still an overlap. */
static void test_capped_depth_nesting(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("0-ffff : L1\n"
		 "  0-ffff : L2\n"
		 "    0-ffff : L3\n"
		 "      0-ffff : L4\n"
		 "        0-ffff : L5\n"
		 "          0-7fff : depth 5\n"
		 "          0-3fff : depth 6\n"
		 "          0-fff : depth 7\n"
		 "          1000-1fff : depth 7 too\n"
		 "          4000-4fff : depth 6 again\n"
		 "          8000-8fff : depth 5 again\n", &t);
	assert_int_equal(t.n, 11);
	assert_node(&t, 6, 0, 0x3fff, "depth 6", 6, 4);
	res_tree_free(&t);

	char *msg = parse_bad_str("0-ffff : L1\n  0-ffff : L2\n    0-ffff : L3\n"
				  "      0-ffff : L4\n        0-ffff : L5\n"
				  "          0-7fff : a\n          4000-8fff : b\n");
	assert_non_null(strstr(msg, "line 7: 4000-8fff overlaps its sibling 0-7fff on line 6"));
	free(msg);
	msg = parse_bad_str("0-ffff : L1\n  0-ffff : L2\n    0-ffff : L3\n"
			    "      0-ffff : L4\n      0-fff : inside L4\n");
	assert_non_null(strstr(msg, "line 5: 0-fff overlaps its sibling 0-ffff on line 4"));
	free(msg);
	/* after a jump in the indentation (2 -> 7 -> 6 spaces' levels),
	 * Jailhouse's rule makes the level-6 line a sibling of the level-2
	 * one: nesting is allowed only between two capped-level lines (a
	 * case the fuzzer found) */
	msg = parse_bad_str("0-ffff : L1\n  0-ffff : L2\n            0-ffff : L7\n"
			    "          4000-8fff : L6\n");
	assert_non_null(strstr(msg, "line 4: 4000-8fff overlaps its sibling 0-ffff on line 2"));
	free(msg);
}

/* Issue 8 item 3: a range whose size end - start + 1 wraps to 0, and
 * ends above what the tree can hold (x86: 52 address bits, 16 port bits),
 * are refused with the line. */
static void test_wrapping_ranges(void **state)
{
	(void)state;
	char *msg = parse_bad_str("0-ffffffffffffffff : everything\n");
	assert_string_equal(msg,
		"/proc/iomem: line 1: the range 0-ffffffffffffffff covers the "
		"whole 64-bit space, its size does not fit in 64 bits");
	free(msg);
	msg = parse_bad_str("0-ff : a\n  10-f : reversed\n");
	assert_string_equal(msg, "/proc/iomem: line 2: range starts after its end");
	free(msg);

	struct jh_error err = { 0 };
	struct res_tree t;
	const char *ports = "0000-0cf7 : PCI Bus 0000:00\n0d00-1ffff : PCI Bus 0000:00\n";
	assert_int_equal(parse_res_tree_max("/proc/ioports", ports, strlen(ports),
					    0xffff, &t, &err), -1);
	assert_string_equal(err.msg,
		"/proc/ioports: line 2: d00-1ffff ends above ffff, the highest "
		"address there can be");
	assert_null(t.nodes);
	jh_error_clear(&err);
	/* 1 << 52 - 1 itself is fine, one more is not */
	const char *mem = "f000000000000-fffffffffffff : top\n";
	assert_int_equal(parse_res_tree_max("/proc/iomem", mem, strlen(mem),
					    (1ull << 52) - 1, &t, &err), 0);
	res_tree_free(&t);
	mem = "f000000000000-10000000000000 : top\n";
	assert_int_equal(parse_res_tree_max("/proc/iomem", mem, strlen(mem),
					    (1ull << 52) - 1, &t, &err), -1);
	assert_non_null(strstr(err.msg, "line 1: f000000000000-10000000000000 ends above fffffffffffff"));
	jh_error_clear(&err);
	/* without a limit, the top of the space is a valid (if odd) range */
	parse_ok("1-ffffffffffffffff : high\n", &t);
	res_tree_free(&t);
}

/* A file of zeros (what non-root readers get) overlaps everywhere; it is
 * accepted so that discovery can say why it is useless. */
static void test_all_zero_passes(void **state)
{
	(void)state;
	struct res_tree t;
	parse_ok("00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n"
		 "00000000-00000000 : Reserved\n", &t);
	assert_int_equal(t.n, 3);
	res_tree_free(&t);
}

/* n log n: 200,000 siblings (given backwards) and a 100,000-deep chain
 * of nesting at the capped level are checked, not timed out. */
static void test_many_siblings(void **state)
{
	(void)state;
	size_t n = 200000;
	struct buf b = { 0 };
	for (size_t i = n; i-- > 0;)
		buf_printf(&b, "%zx-%zx : s\n", i * 16, i * 16 + 15);
	struct res_tree t;
	assert_int_equal(parse_res_tree("x", (char *)b.data, b.len, &t, NULL), 0);
	assert_int_equal(t.n, n);
	res_tree_free(&t);
	buf_free(&b);
	buf_printf(&b, "0-ffffffff : L1\n  0-ffffffff : L2\n    0-ffffffff : L3\n"
		   "      0-ffffffff : L4\n        0-ffffffff : L5\n");
	for (size_t i = 0; i < 100000; i++)
		buf_printf(&b, "          %zx-%zx : d\n", i, (size_t)0xffffffff - i);
	assert_int_equal(parse_res_tree("x", (char *)b.data, b.len, &t, NULL), 0);
	res_tree_free(&t);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iomem_snapshot),
		cmocka_unit_test(test_ioports_snapshot),
		cmocka_unit_test(test_preorder_is_file_order),
		cmocka_unit_test(test_preorder_by_links),
		cmocka_unit_test(test_level_jump_quirk),
		cmocka_unit_test(test_deep_drop),
		cmocka_unit_test(test_indented_first_line),
		cmocka_unit_test(test_spacing),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_too_many_lines),
		cmocka_unit_test(test_overlapping_siblings),
		cmocka_unit_test(test_capped_depth_nesting),
		cmocka_unit_test(test_wrapping_ranges),
		cmocka_unit_test(test_all_zero_passes),
		cmocka_unit_test(test_many_siblings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
