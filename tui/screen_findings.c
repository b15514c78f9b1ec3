/* SPDX-License-Identifier: GPL-2.0-only */
/* Findings (what is wrong and why, live) and Generate (write every cell). */
#include "draw.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARG_PLAN_ERROR (-1)

static void findings_build(struct tui *t, struct screen *s)
{
	const struct jh_findings *f = jhconf_findings(t->s);
	s->title = xstrdup("Findings");
	struct item *it;
	if (t->plan_error) {
		it = menu_add(&s->menu, ITEM_ACTION, "E PLAN: %s", t->plan_error);
		it->arg = ARG_PLAN_ERROR;
		it->role = ROLE_ERROR;
		it->help = xstrdup(tui_help_for("findings.plan"));
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < f->n; i++) {
			enum jh_severity sev = jh_finding_severity(&f->v[i]);
			if ((int)sev != pass)
				continue;
			const struct jh_rule *r = jh_finding_rule(&f->v[i]);
			it = menu_add(&s->menu, ITEM_ACTION, "%c %s: %s",
				      sev == JH_SEV_ERROR ? 'E' : sev == JH_SEV_WARNING ? 'W' : 'I',
				      r->id, f->v[i].msg);
			it->arg = (long)i;
			it->role = sev == JH_SEV_ERROR ? ROLE_ERROR :
				   sev == JH_SEV_WARNING ? ROLE_WARNING : ROLE_ITEM;
			item_set_help(it, "%s (%s)\n\n%s\n\nWhy: %s\n\nFix: %s", r->id,
				      jh_severity_name(r->severity), r->title, r->why, r->fix);
		}
	if (!s->menu.n)
		menu_add(&s->menu, ITEM_TEXT, "No findings: the plan is sound.");
}

static enum tui_act findings_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	const struct jh_findings *f = jhconf_findings(t->s);
	struct buf b = { 0 };
	if (it->arg == ARG_PLAN_ERROR)
		buf_printf(&b, "%s\n\n%s", t->plan_error, it->help);
	else if (it->kind == ITEM_ACTION && (size_t)it->arg < f->n)
		buf_printf(&b, "%s\n\n%s", f->v[it->arg].msg, it->help);
	else
		return ACT_NONE;
	buf_put_u8(&b, 0);
	dlg_text(t, "Finding", (const char *)b.data);
	buf_free(&b);
	return ACT_DRAW;
}

/* The cell a plan error is about: the first one it names ("cell 'b': CPU
 * 3 already belongs to cell 'a'" is about b); -2 when it names none. */
static long cell_named(struct tui *t, const char *msg)
{
	struct project *p = jhconf_project(t->s);
	long best = -2;
	const char *best_at = NULL;
	for (size_t i = 0; p && msg && i < p->ncells; i++) {
		char *q = xasprintf("'%s'", p->cells[i].name);
		const char *at = strstr(msg, q);
		free(q);
		if (at && (!best_at || at < best_at)) {
			best_at = at;
			best = (long)i;
		}
	}
	return best;
}

/* `g`: go to what the highlighted finding is about: its device, its cell
 * or its address range. */
static enum tui_act k_goto(struct tui *t, struct screen *s)
{
	if (!s->menu.n)
		return ACT_NONE;
	const struct item *it = &s->menu.v[s->cur];
	const struct jh_findings *f = jhconf_findings(t->s);
	const struct machine *m = jhconf_machine(t->s);
	if (it->kind != ITEM_ACTION)
		return ACT_NONE;
	if (it->arg == ARG_PLAN_ERROR) {
		long c = cell_named(t, t->plan_error);
		if (c < -1) {
			tui_say(t, "the error names no cell");
			return ACT_DRAW;
		}
		tui_jump_cell(t, c);
		return ACT_DRAW;
	}
	if ((size_t)it->arg >= f->n)
		return ACT_NONE;
	const struct jh_finding *x = &f->v[it->arg];
	if (x->has_bdf) {
		for (size_t i = 0; m && i < m->npci; i++)
			if (x->bdf == (uint16_t)(m->pci[i].bus << 8 | m->pci[i].dev << 3 |
						 m->pci[i].fn)) {
				tui_jump_device(t, i);
				return ACT_DRAW;
			}
	}
	if (x->cell) {
		long c = -1;   /* x->cell is a bare name */
		struct project *p = jhconf_project(t->s);
		for (size_t i = 0; p && i < p->ncells; i++)
			if (!strcmp(p->cells[i].name, x->cell))
				c = (long)i;
		if (c >= 0) {
			tui_jump_cell(t, c);
			return ACT_DRAW;
		}
	}
	if (x->has_range) {
		tui_jump_address(t, x->start);
		return ACT_DRAW;
	}
	tui_say(t, "this finding is about the machine as a whole");
	return ACT_DRAW;
}

static const struct tui_key findings_keys[] = {
	{ { 'g', 0 }, "g", "go to the device, cell or region", true, k_goto },
	{ { 0 }, NULL, NULL, false, NULL },
};

const struct screen_class screen_findings = {
	.name = "Findings",
	.help = "what keeps the plan from working (E, errors) and what deserves a look "
		"(W, warnings), checked again after every change. Enter explains one: why "
		"Jailhouse cares and how to fix it.",
	.build = findings_build,
	.select = findings_select,
	.keys = findings_keys,
};

/* ---- Generate ---- */

enum { GEN_DIR = 1, GEN_WRITE };

static void generate_build(struct tui *t, struct screen *s)
{
	if (!s->data)
		s->data = xstrdup(".");
	const char *dir = s->data;
	s->title = xstrdup("Generate");
	struct item *it = menu_add(&s->menu, ITEM_ACTION, "Output folder: %s", dir);
	it->arg = GEN_DIR;
	it->help = xstrdup(tui_help_for("generate.dir"));
	const struct plan_cells *cells = jhconf_cells(t->s);
	if (!cells || t->plan_error) {
		it = menu_add(&s->menu, ITEM_TEXT, "Nothing to write: fix the errors in Findings first");
		it->role = ROLE_ERROR;
		return;
	}
	menu_add(&s->menu, ITEM_SEPARATOR, "Files (configuration revision %d)",
		 jhconf_revision(t->s));
	const char *root = jhconf_root_name(t->s);
	menu_add(&s->menu, ITEM_TEXT, "%s/%s.c", dir, root)->help =
		xstrdup(tui_help_for("generate.file"));
	menu_add(&s->menu, ITEM_TEXT, "%s/%s.cell", dir, root)->help =
		xstrdup(tui_help_for("generate.file"));
	for (size_t i = 0; i < cells->n; i++) {
		menu_add(&s->menu, ITEM_TEXT, "%s/%s.c", dir, cells->cells[i].name)->help =
			xstrdup(tui_help_for("generate.file"));
		menu_add(&s->menu, ITEM_TEXT, "%s/%s.cell", dir, cells->cells[i].name)->help =
			xstrdup(tui_help_for("generate.file"));
	}
	const struct plan_result *res = jhconf_result(t->s);
	if (res) {
		/* the boot entry as a diff: the command line now, the parameter added */
		const struct machine *m = jhconf_machine(t->s);
		menu_add(&s->menu, ITEM_SEPARATOR, "Boot entry");
		if (m->cmdline)
			menu_add(&s->menu, ITEM_TEXT, "  %s", m->cmdline)->help =
				xstrdup(tui_help_for("generate.cmdline"));
		struct boot_params bp;
		struct jh_error err = { 0 };
		if (jhconf_boot_params(t->s, &bp, &err) == 0) {
			struct strlist missing = { 0 };
			jhconf_boot_params_missing(t->s, &bp, &missing);
			for (size_t i = 0; i < missing.n; i++)
				menu_add(&s->menu, ITEM_TEXT, "+ %s", missing.v[i])->help =
					xstrdup(tui_help_for("hv.hint"));
			if (!missing.n)
				menu_add(&s->menu, ITEM_TEXT, "  (it has %s already)", bp.line)->help =
					xstrdup(tui_help_for("hv.hint"));
			strlist_free(&missing);
		}
		jh_error_clear(&err);
	}
	it = menu_add(&s->menu, ITEM_ACTION, "Write the files");
	it->arg = GEN_WRITE;
	it->help = xstrdup(tui_help_for("generate.write"));
}

static void generate_free(struct screen *s)
{
	free(s->data);
	s->data = NULL;
}

static enum tui_act generate_select(struct tui *t, struct screen *s, struct item *it)
{
	if (it->arg == GEN_DIR) {
		char *in = dlg_input(t, "Output folder", "Where to write the cells:", s->data);
		if (in && *in) {
			free(s->data);
			s->data = in;
			s->stale = true;
			return ACT_DRAW;
		}
		free(in);
		return ACT_DRAW;
	}
	if (it->arg != GEN_WRITE)
		return ACT_NONE;
	char *q = xasprintf("Write every cell's .c and .cell into %s (replacing files of the "
			    "same names)?", (char *)s->data);
	int a = dlg_yesno(t, "Generate", q);
	free(q);
	if (a != 1)
		return ACT_DRAW;
	struct strlist written = { 0 };
	struct jh_error err = { 0 };
	if (jhconf_generate(t->s, s->data, &written, &err) < 0) {
		tui_error(t, &err);
	} else {
		struct buf b = { 0 };
		buf_printf(&b, "Wrote %zu files:\n", written.n);
		for (size_t i = 0; i < written.n; i++)
			buf_printf(&b, "  %s\n", written.v[i]);
		buf_put_u8(&b, 0);
		tui_say(t, "wrote %zu files", written.n);
		dlg_text(t, "Generated", (const char *)b.data);
		buf_free(&b);
	}
	strlist_free(&written);
	return ACT_DRAW;
}

const struct screen_class screen_generate = {
	.name = "Generate",
	.help = "writes the root cell and every inmate cell, as `jhconf generate` does: "
		"all files or none.",
	.build = generate_build,
	.select = generate_select,
	.free_data = generate_free,
};
