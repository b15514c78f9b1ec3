/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor: the memmap window (the hypervisor's part and the inmates'),
 * the kernel parameter that reserves it, the debug console; and the
 * console chooser a cell's page shares. */
#include "base/format.h"
#include "draw.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HV_MEM = 1, HV_INMATES, HV_CONSOLE, HV_WINDOW };

static void hv_build(struct tui *t, struct screen *s)
{
	const struct plan_opts *o = jhconf_plan_opts(t->s);
	const struct plan_result *res = jhconf_result(t->s);
	char sz[FMT_SIZE_LEN];
	s->title = xstrdup("Hypervisor");
	struct item *it;
	it = menu_add(&s->menu, ITEM_ACTION, "Hypervisor memory: %s", fmt_size(sz, o->mem_hv));
	it->arg = HV_MEM;
	it->help = xstrdup(tui_help_for("hv.mem_hv"));
	it = menu_add(&s->menu, ITEM_ACTION, "Inmate memory: %s", fmt_size(sz, o->mem_inmates));
	it->arg = HV_INMATES;
	it->help = xstrdup(tui_help_for("hv.mem_inmates"));
	it = menu_add(&s->menu, ITEM_MENU, "Debug console: %s", o->console);
	it->arg = HV_CONSOLE;
	it->help = xstrdup(tui_help_for("hv.console"));
	if (res) {
		it = menu_add(&s->menu, ITEM_ACTION, "Window: 0x%llx-0x%llx (%s)%s",
			      (unsigned long long)res->window_start,
			      (unsigned long long)(res->window_start + res->window_size - 1),
			      fmt_size(sz, res->window_size),
			      o->window_address ? ", placed by hand" : "");
		it->arg = HV_WINDOW;
		it->help = xstrdup(tui_help_for("hv.window"));
		/* the one computation of the parameters (core/boot), as create
		 * and boot-entry print them */
		struct boot_params bp;
		struct jh_error err = { 0 };
		if (jhconf_boot_params(t->s, &bp, &err) == 0) {
			struct strlist missing = { 0 };
			jhconf_boot_params_missing(t->s, &bp, &missing);
			it = menu_add(&s->menu, ITEM_TEXT, "Kernel parameters: %s", bp.line);
			it->help = xstrdup(tui_help_for("hv.hint"));
			if (missing.n) {
				char *list = strlist_join(&missing, " ");
				it = menu_add(&s->menu, ITEM_TEXT, "Not on the kernel command line "
					      "yet: %s (Generate shows the boot entry)", list);
				free(list);
				char *old = jhconf_boot_old_reservation(t->s, &bp);
				if (old) {
					it->help = xstrdup(tui_help_for("hv.hint"));
					it = menu_add(&s->menu, ITEM_TEXT,
						      "The kernel reserves %s: if that was the old "
						      "window, boot-entry --replace '%s' moves it",
						      old, old);
				}
				free(old);
			} else {
				it = menu_add(&s->menu, ITEM_TEXT,
					      "The kernel command line has them already");
			}
			it->help = xstrdup(tui_help_for("hv.hint"));
			strlist_free(&missing);
		}
		jh_error_clear(&err);
	} else {
		it = menu_add(&s->menu, ITEM_TEXT, "No window: the plan failed (see Findings)");
		it->role = ROLE_ERROR;
	}
}

static enum tui_act hv_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	const struct plan_opts *o = jhconf_plan_opts(t->s);
	if (it->arg == HV_CONSOLE) {
		tui_push(t, &screen_console_choice, 0, NULL);
		return ACT_DRAW;
	}
	if (it->arg == HV_WINDOW) {
		const struct plan_result *res = jhconf_result(t->s);
		char init[32];
		snprintf(init, sizeof(init), "0x%llx", (unsigned long long)(o->window_address ?
			 o->window_address : res ? res->window_start : 0));
		char *in = dlg_input(t, "Window address",
				     "Where the window starts (empty or 0: Jailhouse's rule):",
				     init);
		if (!in)
			return ACT_DRAW;
		uint64_t v = 0;
		struct jh_error err = { 0 };
		int rc = !*in || parse_size(in, &v) ? 0
			 : jh_fail(&err, JH_BADINPUT, "'%s' is not an address", in);
		if (rc == 0)
			rc = jhconf_set_window_address(t->s, v, &err);
		free(in);
		return tui_edited(t, rc, &err);
	}
	if (it->arg != HV_MEM && it->arg != HV_INMATES)
		return ACT_NONE;
	bool hv = it->arg == HV_MEM;
	char init[32];
	snprintf(init, sizeof(init), "0x%llx", (unsigned long long)(hv ? o->mem_hv : o->mem_inmates));
	char *in = dlg_input(t, hv ? "Hypervisor memory" : "Inmate memory",
			     hv ? "The hypervisor's own memory, like 6M:" :
			     "Memory for all inmate cells together, like 76M:", init);
	uint64_t v;
	struct jh_error err = { 0 };
	if (!in || !*in) {
		free(in);
		return ACT_DRAW;
	}
	int rc = parse_size(in, &v) ? 0 : jh_fail(&err, JH_BADINPUT, "'%s' is not a size", in);
	if (rc == 0)
		rc = jhconf_set_mem(t->s, hv ? v : o->mem_hv, hv ? o->mem_inmates : v, &err);
	free(in);
	return tui_edited(t, rc, &err);
}

const struct screen_class screen_hypervisor = {
	.name = "Hypervisor",
	.help = "the memory Jailhouse runs in and hands to inmates: one window of RAM "
		"that the root Linux must not use (memmap=SIZE$START on its command line).",
	.build = hv_build,
	.select = hv_select,
};

/* ---- choosing a console: arg 0 the hypervisor's, 1 a cell's (key) ---- */

static void console_build(struct tui *t, struct screen *s)
{
	const struct machine *m = jhconf_machine(t->s);
	s->title = xstrdup(s->arg ? "Cell console" : "Debug console");
	struct item *it = menu_add(&s->menu, ITEM_ACTION, "none");
	it->arg = -1;
	it->help = xstrdup(tui_help_for("hv.console"));
	for (size_t i = 0; i < m->nuarts; i++) {
		it = menu_add(&s->menu, ITEM_ACTION, "%s", m->uarts[i].name);
		it->arg = (long)i;
		it->help = xstrdup(tui_help_for("hv.console"));
	}
}

static enum tui_act console_select(struct tui *t, struct screen *s, struct item *it)
{
	const char *name = it->text;
	if (s->arg == 0) {
		jhconf_set_console(t->s, name);
	} else {
		struct proj_cell_edit e = { .console = name };
		struct jh_error err = { 0 };
		int rc = !strcmp(name, "none") ?
			project_cell_unassign(jhconf_project(t->s), s->key, &e, &err) :
			project_cell_assign(jhconf_project(t->s), s->key, &e, &err);
		if (rc < 0) {
			tui_error(t, &err);
			return ACT_DRAW;
		}
	}
	tui_changed(t);
	return ACT_POP;
}

const struct screen_class screen_console_choice = {
	.name = "Console",
	.help = "Enter picks the serial port.",
	.build = console_build,
	.select = console_select,
};
