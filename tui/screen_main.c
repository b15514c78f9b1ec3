/* SPDX-License-Identifier: GPL-2.0-only */
/* The main menu: System, Hypervisor, Cells, Findings, Generate, the theme. */
#include "draw.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

/* The themes in themes/, in the order the Theme item steps through them. */
static const char *const bundled_themes[] = { "classic", "dark", "mono" };
#define NTHEMES (sizeof(bundled_themes) / sizeof(bundled_themes[0]))

void tui_next_theme(struct tui *t)
{
	size_t i = 0;
	while (i < NTHEMES && strcmp(bundled_themes[i], t->theme_name))
		i++;
	const char *next = bundled_themes[(i + 1) % NTHEMES];
	struct jh_error err = { 0 };
	struct theme th;
	if (theme_load(next, &th, &err) < 0) {
		tui_say(t, "%s", err.msg);
		jh_error_clear(&err);
		return;
	}
	t->theme = th;
	free(t->theme_name);
	t->theme_name = xstrdup(next);
	tui_apply_theme(t);
	tui_say(t, "theme %s", next);
}

enum { MAIN_READY, MAIN_SYSTEM, MAIN_HV, MAIN_CELLS, MAIN_FINDINGS, MAIN_GENERATE, MAIN_THEME };

static void main_build(struct tui *t, struct screen *s)
{
	s->title = xstrdup("Jailhouse configuration");
	size_t e, w;
	tui_counts(t, &e, &w);
	struct project *p = jhconf_project(t->s);
	struct item *it;
	size_t bad = tui_readiness_problems(t);
	if (bad)
		it = menu_add(&s->menu, ITEM_MENU, "Readiness (%zu to fix)", bad);
	else
		it = menu_add(&s->menu, ITEM_MENU, "Readiness: ready");
	it->arg = MAIN_READY;
	it->help = xstrdup(tui_help_for("main.readiness"));
	if (bad)
		it->role = ROLE_WARNING;
	it = menu_add(&s->menu, ITEM_MENU, "System");
	it->arg = MAIN_SYSTEM;
	it->help = xstrdup(tui_help_for("main.system"));
	it = menu_add(&s->menu, ITEM_MENU, "Hypervisor");
	it->arg = MAIN_HV;
	it->help = xstrdup(tui_help_for("main.hypervisor"));
	it = menu_add(&s->menu, ITEM_MENU, "Cells (root + %zu inmate%s)", p ? p->ncells : 0,
		      p && p->ncells == 1 ? "" : "s");
	it->arg = MAIN_CELLS;
	it->help = xstrdup(tui_help_for("main.cells"));
	it = menu_add(&s->menu, ITEM_MENU, "Findings (%zu error%s, %zu warning%s)", e,
		      e == 1 ? "" : "s", w, w == 1 ? "" : "s");
	it->arg = MAIN_FINDINGS;
	it->help = xstrdup(tui_help_for("main.findings"));
	if (e)
		it->role = ROLE_ERROR;
	it = menu_add(&s->menu, ITEM_MENU, "Generate");
	it->arg = MAIN_GENERATE;
	it->help = xstrdup(tui_help_for("main.generate"));
	it = menu_add(&s->menu, ITEM_ACTION, "Theme: %s", t->theme_name);
	it->arg = MAIN_THEME;
	it->help = xstrdup(tui_help_for("main.theme"));
}

static enum tui_act main_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	switch (it->arg) {
	case MAIN_READY: tui_push(t, &screen_readiness, 0, NULL); break;
	case MAIN_SYSTEM: tui_push(t, &screen_system, 0, NULL); break;
	case MAIN_HV: tui_push(t, &screen_hypervisor, 0, NULL); break;
	case MAIN_CELLS: tui_push(t, &screen_cells, 0, NULL); break;
	case MAIN_FINDINGS: tui_push(t, &screen_findings, 0, NULL); break;
	case MAIN_GENERATE: tui_push(t, &screen_generate, 0, NULL); break;
	default:
		tui_next_theme(t);
		return ACT_REBUILD;
	}
	return ACT_DRAW;
}

const struct screen_class screen_main = {
	.name = "Jailhouse configuration",
	.help = "jhconf shows a machine the way the Jailhouse hypervisor will see it, "
		"reserves the hypervisor's memory window, partitions the machine into an "
		"inmate cell or more, checks the plan as you go and writes every cell's "
		"configuration (.c and .cell) and the kernel parameter the root Linux needs.",
	.build = main_build,
	.select = main_select,
};
