/* SPDX-License-Identifier: GPL-2.0-only */
/* Screen logic that needs no terminal: the memory bar (painting owners
 * over regions, the logarithmic column layout) and the theme parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "membar.h"
#include "theme.h"

static void paint_splits_and_orders(void **state)
{
	(void)state;
	struct mb_list l = { 0 };
	/* RAM 0-0x3fffffff, then a window 0x3a000000-0x3f1fffff inside it:
	 * RAM is cut into two pieces around it */
	mb_paint(&l, 0x0, 0x3fffffff, MB_ROOT, -1, "System RAM");
	mb_paint(&l, 0x3a000000, 0x3f1fffff, MB_HV, -1, "window");
	assert_int_equal(l.n, 3);
	assert_true(l.v[0].start == 0 && l.v[0].end == 0x39ffffff && l.v[0].owner == MB_ROOT);
	assert_true(l.v[1].start == 0x3a000000 && l.v[1].end == 0x3f1fffff && l.v[1].owner == MB_HV);
	assert_true(l.v[2].start == 0x3f200000 && l.v[2].end == 0x3fffffff && l.v[2].owner == MB_ROOT);
	/* an inmate's 16 MiB at the window's start after 6 MiB of hypervisor */
	mb_paint(&l, 0x3a600000, 0x3b5fffff, MB_INMATE, 0, "cell");
	assert_int_equal(l.n, 5);
	assert_true(l.v[1].end == 0x3a5fffff && l.v[2].owner == MB_INMATE && l.v[3].start == 0x3b600000);
	/* covering everything leaves one segment */
	mb_paint(&l, 0, UINT64_MAX, MB_RESERVED, -1, "all");
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].start == 0 && l.v[0].end == UINT64_MAX);
	mb_free(&l);
}

static void layout_log_scale(void **state)
{
	(void)state;
	/* 4 KiB (bit length 13), 1 MiB (21), 2 GiB (32) on 20 columns: one each,
	 * the other 17 shared 13:21:32 of 66: 3.35, 5.41, 8.24 -> 3, 5, 8 (16),
	 * the last column to the largest remainder (1 MiB's .41):
	 * 1+3, 1+6, 1+8 = 4, 7, 9. */
	struct mb_seg v[3] = {
		{ 0x0, 0xfff, MB_ROOT, -1, NULL },
		{ 0x100000, 0x1fffff, MB_MMIO, -1, NULL },
		{ 0x80000000, 0xffffffff, MB_ROOT, -1, NULL },
	};
	unsigned cols[3];
	assert_int_equal(mb_layout(v, 3, 20, cols), 20);
	assert_int_equal(cols[0], 4);
	assert_int_equal(cols[1], 7);
	assert_int_equal(cols[2], 9);
	/* exactly one column each when there is no more room */
	assert_int_equal(mb_layout(v, 3, 3, cols), 3);
	assert_true(cols[0] == 1 && cols[1] == 1 && cols[2] == 1);
	/* more segments than columns: the two largest get one */
	assert_int_equal(mb_layout(v, 3, 2, cols), 2);
	assert_true(cols[0] == 0 && cols[1] == 1 && cols[2] == 1);
	assert_int_equal(mb_layout(v, 0, 10, cols), 0);
}

static void layout_whole_space(void **state)
{
	(void)state;
	/* the whole 64-bit space must not divide by zero or overflow */
	struct mb_seg v[2] = {
		{ 0, UINT64_MAX, MB_RESERVED, -1, NULL },
		{ 0, 0, MB_ROOT, -1, NULL },
	};
	unsigned cols[2];
	/* bit lengths 64 and 1: 8 columns, 6 extra: 6*64/65 = 5.9 -> 5, 6/65 -> 0,
	 * the last to the larger remainder (5.9): 1+6, 1+0 */
	assert_int_equal(mb_layout(v, 2, 8, cols), 8);
	assert_int_equal(cols[0], 7);
	assert_int_equal(cols[1], 1);
}

static void letters(void **state)
{
	(void)state;
	assert_int_equal(mb_letter(MB_ROOT, -1), 'R');
	assert_int_equal(mb_letter(MB_INMATE, 0), '1');
	assert_int_equal(mb_letter(MB_INMATE, 8), '9');
	assert_int_equal(mb_letter(MB_INMATE, 9), 'a');
	assert_int_equal(mb_letter(MB_HV, -1), 'H');
	assert_int_equal(mb_letter(MB_FREE, -1), '.');
}

static void theme_parses(void **state)
{
	(void)state;
	const char text[] = "# comment\n\nitem = red, blue, bold, underline\r\n"
			    "  title=default,default # trailing\nmono = yes\n";
	struct theme t;
	struct jh_error err = { 0 };
	assert_int_equal(theme_parse("x.theme", text, sizeof(text) - 1, &t, &err), 0);
	assert_int_equal(t.role[ROLE_ITEM].fg, TC_RED);
	assert_int_equal(t.role[ROLE_ITEM].bg, TC_BLUE);
	assert_int_equal(t.role[ROLE_ITEM].attrs, TA_BOLD | TA_UNDERLINE);
	assert_int_equal(t.role[ROLE_TITLE].fg, TC_DEFAULT);
	assert_true(t.mono);
	/* a role left out keeps the default's: menuconfig's white-on-blue */
	assert_int_equal(t.role[ROLE_ITEM_SELECTED].fg, TC_WHITE);
	assert_int_equal(t.role[ROLE_ITEM_SELECTED].bg, TC_BLUE);
}

static void theme_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "item = red\n", "t:1: expected fg,bg" },
		{ "\nfoo = red,blue\n", "t:2: unknown role 'foo'" },
		{ "item = red,purple\n", "t:1: unknown colour 'purple'" },
		{ "item = red,blue,shiny\n", "t:1: unknown attribute 'shiny'" },
		{ "item red,blue\n", "t:1: expected '=' after 'item'" },
		{ "mono = maybe\n", "t:1: mono is yes or no, not 'maybe'" },
		{ "item = red;blue\n", "t:1: unexpected ';'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct theme t;
		struct jh_error err = { 0 };
		assert_int_equal(theme_parse("t", bad[i].text, strlen(bad[i].text), &t, &err), -1);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(t.role[ROLE_ITEM].fg, TC_BLACK);  /* the default again */
		jh_error_clear(&err);
	}
}

static void theme_bundled(void **state)
{
	(void)state;
	/* every bundled theme loads; mono is monochrome */
	setenv("JHCONF_THEMES", JH_TEST_DATA "/../../themes", 1);
	const char *names[] = { "classic", "dark", "mono" };
	for (size_t i = 0; i < 3; i++) {
		struct theme t;
		struct jh_error err = { 0 };
		assert_int_equal(theme_load(names[i], &t, &err), 0);
		assert_int_equal(t.mono, i == 2);
	}
	struct theme t;
	struct jh_error err = { 0 };
	assert_int_equal(theme_load("nosuch", &t, &err), -1);
	assert_non_null(strstr(err.msg, "theme 'nosuch': no nosuch.theme in "));
	jh_error_clear(&err);
	assert_int_equal(theme_load("../etc/passwd", &t, &err), -1);
	jh_error_clear(&err);
	/* the classic file says what the built-in default says */
	struct theme def;
	theme_default(&def);
	assert_int_equal(theme_load("classic", &t, &err), 0);
	assert_memory_equal(t.role, def.role, sizeof(def.role));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paint_splits_and_orders),
		cmocka_unit_test(layout_log_scale),
		cmocka_unit_test(layout_whole_space),
		cmocka_unit_test(letters),
		cmocka_unit_test(theme_parses),
		cmocka_unit_test(theme_errors),
		cmocka_unit_test(theme_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
