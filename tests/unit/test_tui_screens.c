/* SPDX-License-Identifier: GPL-2.0-only */
/* The screens' logic without a terminal: key tables (well formed, no key
 * bound twice, legend and help made from them), cursor movement and hot
 * keys, and every screen built on the demo snapshot with a project of one
 * inmate: each item has help text from the table, and a few facts that
 * come from the snapshot's own files. No curses call is made: building a
 * screen does not draw. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "tui.h"

static const struct screen_class *const classes[] = {
	&screen_main, &screen_readiness, &screen_system, &screen_memmap, &screen_pci,
	&screen_device, &screen_lines, &screen_hypervisor, &screen_cells, &screen_cell,
	&screen_cell_devices, &screen_findings, &screen_generate, &screen_search,
	&screen_console_choice, &screen_links,
};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

static void check_table(const struct tui_key *table)
{
	for (const struct tui_key *k = table; k && k->label; k++) {
		assert_non_null(k->what);
		assert_non_null(k->fn);
		assert_true(k->keys[0] != 0);
		/* each code is bound once in the table ... */
		for (int i = 0; i < 4 && k->keys[i]; i++)
			assert_ptr_equal(tui_key_find(table, k->keys[i]), k);
	}
}

static void key_tables(void **state)
{
	(void)state;
	check_table(tui_common_keys);
	for (size_t c = 0; c < NCLASSES; c++) {
		check_table(classes[c]->keys);
		/* ... and a screen's own keys never hide a common one */
		for (const struct tui_key *k = classes[c]->keys; k && k->label; k++)
			for (int i = 0; i < 4 && k->keys[i]; i++)
				assert_null(tui_key_find(tui_common_keys, k->keys[i]));
	}
	/* mconf's keys (FIELD-NOTES section 4) */
	assert_string_equal(tui_key_find(tui_common_keys, '?')->label, "?");
	assert_ptr_equal(tui_key_find(tui_common_keys, 'h'), tui_key_find(tui_common_keys, '?'));
	assert_string_equal(tui_key_find(tui_common_keys, '/')->what, "search");
	assert_string_equal(tui_key_find(tui_common_keys, 27)->label, "Esc Esc");
	assert_string_equal(tui_key_find(tui_common_keys, '\r')->label, "Enter");
	assert_string_equal(tui_key_find(tui_common_keys, KEY_NPAGE)->label, "PgDn");
	assert_string_equal(tui_key_find(tui_common_keys, '+')->label, "Down");
	assert_null(tui_key_find(tui_common_keys, 'x'));
}

static void legend_from_table(void **state)
{
	(void)state;
	struct buf b = { 0 };
	tui_legend(&screen_cells, &b);
	buf_put_u8(&b, 0);
	/* the screen's legend entries first, then the common ones, in order */
	assert_string_equal((char *)b.data,
		"<Ins> add a cell. <Del> remove the cell. <Enter> select submenus ---> "
		"(or the button). <Space> toggle [*]. <Esc Esc> back (exit at the top). "
		"<?> help. </> search. Highlighted letters are hotkeys.");
	buf_free(&b);
}

static struct screen *fake_screen(const char *const *texts, const enum item_kind *kinds,
				  size_t n)
{
	struct screen *s = calloc(1, sizeof(*s));
	for (size_t i = 0; i < n; i++)
		menu_add(&s->menu, kinds[i], "%s", texts[i]);
	return s;
}

static void cursor_and_hotkeys(void **state)
{
	(void)state;
	static const char *const texts[] = { "System", "*", "Search", "[*] 00:1b.0", "Cells" };
	static const enum item_kind kinds[] = { ITEM_MENU, ITEM_SEPARATOR, ITEM_ACTION,
						ITEM_CHECK, ITEM_MENU };
	struct screen *s = fake_screen(texts, kinds, 5);
	screen_move(s, 1);
	assert_int_equal(s->cur, 2);          /* the separator is skipped */
	screen_move(s, -1);
	assert_int_equal(s->cur, 0);
	screen_move(s, -5);
	assert_int_equal(s->cur, 0);          /* stays at the top */
	screen_move(s, 100);
	assert_int_equal(s->cur, 4);          /* and at the bottom */
	/* a letter goes to the next item starting with it and wraps */
	assert_true(screen_hotkey(s, 's'));
	assert_int_equal(s->cur, 0);
	assert_true(screen_hotkey(s, 'S'));
	assert_int_equal(s->cur, 2);
	assert_true(screen_hotkey(s, 's'));
	assert_int_equal(s->cur, 0);
	/* the [*] mark is not the first letter */
	assert_true(screen_hotkey(s, '0'));
	assert_int_equal(s->cur, 3);
	assert_false(screen_hotkey(s, 'z'));
	assert_int_equal(s->cur, 3);
	menu_clear(&s->menu);
	free(s);
}

/* A TUI state on a snapshot with a new project (window_address: 0 for
 * Jailhouse's rule); tui_free() ends it. */
static void tui_on(struct tui *t, const char *snapshot, uint64_t window_address)
{
	struct jh_error err = { 0 };
	*t = (struct tui){ 0 };
	t->s = jhconf_new();
	t->theme_name = xstrdup("classic");
	t->project_path = xstrdup("jhconf.conf");
	if (window_address)
		assert_int_equal(jhconf_set_window_address(t->s, window_address, &err), 0);
	assert_int_equal(jhconf_open(t->s, JHCONF_SOURCE_TREE, snapshot, &err), 0);
	assert_int_equal(jhconf_project_init(t->s, JHCONF_SOURCE_TREE, snapshot, NULL, &err), 0);
}

/* every item of every screen, built on the demo with one inmate */
static void screens_have_help(void **state)
{
	(void)state;
	struct tui t;
	struct jh_error err = { 0 };
	tui_on(&t, JH_TEST_DATA "/snapshots/q35-jailhouse-doc", 0);
	struct project *p = jhconf_project(t.s);
	assert_int_equal(project_cell_add(p, "inmate1", &err), 0);
	struct proj_cell_edit e = { .set_mem = true, .mem = 16 << 20 };
	proj_ranges_add(&e.cpus, 3, 3);
	assert_int_equal(project_cell_assign(p, "inmate1", &e, &err), 0);
	proj_cell_edit_free(&e);
	tui_changed(&t);
	assert_null(t.plan_error);
	assert_true(t.dirty);
	size_t items = 0;
	for (size_t c = 0; c < NCLASSES; c++) {
		long arg = classes[c] == &screen_cell ? 0 : 0;
		const char *key = classes[c] == &screen_search ? "0x3a000000" :
				  classes[c] == &screen_cell || classes[c] == &screen_cell_devices ?
				  "inmate1" : NULL;
		for (long lines = 0; lines < (classes[c] == &screen_lines ? 5 : 1); lines++) {
			struct screen *s = tui_push(&t, classes[c], arg + lines, key);
			assert_non_null(s->title);
			for (size_t i = 0; i < s->menu.n; i++) {
				const struct item *it = &s->menu.v[i];
				items++;
				if (it->kind == ITEM_SEPARATOR ||
				    (it->kind == ITEM_TEXT && !it->help))
					continue;   /* plain lines may use the screen's help */
				if (!it->help)
					fail_msg("%s: '%s' has no help", classes[c]->name, it->text);
				if (strstr(it->help, "No help for this item"))
					fail_msg("%s: '%s' has a help key missing from the table",
						 classes[c]->name, it->text);
			}
			tui_pop(&t);
		}
	}
	assert_true(items > 60);
	/* the search for the window's start finds one region: the hypervisor's
	 * 6 MiB at 0x3a000000 (the snapshot's memmap=0x5200000$0x3a000000) */
	struct screen *s = tui_push(&t, &screen_search, 0, "0x3a000000");
	assert_int_equal(s->menu.n, 1);
	assert_string_equal(s->menu.v[0].text, "(1) region 0x3a000000-0x3a5fffff hypervisor");
	tui_pop(&t);
	/* several hits: (1) to (9) in front, hot keys still the first letter,
	 * and the digit opens its hit (the second Intel function, 00:02.0) */
	s = tui_push(&t, &screen_search, 0, "8086");
	assert_true(s->menu.n >= 3);
	assert_non_null(strstr(s->menu.v[1].text, "(2) device 00:02.0 8086:10d3"));
	const struct tui_key *two = tui_key_find(screen_search.keys, '2');
	assert_non_null(two);
	assert_int_equal(two->fn(&t, s), ACT_DRAW);
	/* it opens where the device lives: System > PCI devices > the device */
	assert_int_equal(t.depth, 4);
	assert_ptr_equal(tui_top(&t)->cls, &screen_device);
	while (t.depth > 1)
		tui_pop(&t);
	/* fewer than nine hits: digit 9 does nothing */
	s = tui_push(&t, &screen_search, 0, "8086");
	assert_true(s->menu.n < 9);
	assert_int_equal(tui_key_find(screen_search.keys, '9')->fn(&t, s), ACT_NONE);
	assert_ptr_equal(tui_top(&t), s);
	tui_pop(&t);
	/* the cell page: CPU 3 and 16 MiB as set above */
	s = tui_push(&t, &screen_cell, 0, "inmate1");
	assert_string_equal(s->menu.v[2].text, "CPUs: 3");
	assert_string_equal(s->menu.v[3].text, "Memory: 16 MiB");
	tui_pop(&t);
	/* a second cell on CPU 3 is an error the counts show at once */
	size_t errors, warnings;
	tui_counts(&t, &errors, &warnings);
	assert_int_equal(errors, 0);
	assert_int_equal(project_cell_add(p, "inmate2", &err), 0);
	struct proj_cell_edit e2 = { 0 };
	proj_ranges_add(&e2.cpus, 3, 3);
	assert_int_equal(project_cell_assign(p, "inmate2", &e2, &err), 0);
	proj_cell_edit_free(&e2);
	tui_changed(&t);
	tui_counts(&t, &errors, &warnings);
	assert_int_equal(errors, 1);
	assert_non_null(strstr(t.plan_error, "CPU 3"));
	tui_free(&t);
}

/* The window moved away from the running kernel's reservation (the AGL
 * guest boots with memmap=82M$0x3a000000; the window is put at
 * 0x20000000): the Hypervisor screen names the old reservation and the
 * boot-entry option that replaces it. */
static void hypervisor_names_old_reservation(void **state)
{
	(void)state;
	struct tui t;
	tui_on(&t, JH_TEST_DATA "/snapshots/q35-agl-memmap", 0x20000000);
	tui_changed(&t);
	struct screen *s = tui_push(&t, &screen_hypervisor, 0, NULL);
	bool missing = false, named = false;
	for (size_t i = 0; i < s->menu.n; i++) {
		missing |= !strcmp(s->menu.v[i].text, "Not on the kernel command line yet: "
				   "memmap=82M$0x20000000 (Generate shows the boot entry)");
		named |= !strcmp(s->menu.v[i].text, "The kernel reserves memmap=82M$0x3a000000: "
				 "if that was the old window, boot-entry --replace "
				 "'memmap=82M$0x3a000000' moves it");
		assert_non_null(s->menu.v[i].help);
	}
	assert_true(missing);
	assert_true(named);
	tui_pop(&t);
	tui_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_tables),
		cmocka_unit_test(legend_from_table),
		cmocka_unit_test(cursor_and_hotkeys),
		cmocka_unit_test(screens_have_help),
		cmocka_unit_test(hypervisor_names_old_reservation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
