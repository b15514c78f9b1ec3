/* SPDX-License-Identifier: GPL-2.0-only */
/* The keys every menu screen shares (mconf's, see FIELD-NOTES section 4),
 * and the legend and help pages made from key tables. */
#include "tui.h"

#include <curses.h>
#include <string.h>

static enum tui_act k_up(struct tui *t, struct screen *s)
{
	(void)t;
	screen_move(s, -1);
	return ACT_DRAW;
}

static enum tui_act k_down(struct tui *t, struct screen *s)
{
	(void)t;
	screen_move(s, 1);
	return ACT_DRAW;
}

static enum tui_act k_pgup(struct tui *t, struct screen *s)
{
	screen_move(s, -(long)(tui_page_rows(t) > 1 ? tui_page_rows(t) - 1 : 1));
	return ACT_DRAW;
}

static enum tui_act k_pgdn(struct tui *t, struct screen *s)
{
	screen_move(s, tui_page_rows(t) > 1 ? tui_page_rows(t) - 1 : 1);
	return ACT_DRAW;
}

static enum tui_act k_home(struct tui *t, struct screen *s)
{
	(void)t;
	s->cur = 0;
	screen_move(s, -1);
	if (s->menu.n && s->menu.v[0].kind == ITEM_SEPARATOR)
		screen_move(s, 1);
	return ACT_DRAW;
}

static enum tui_act k_end(struct tui *t, struct screen *s)
{
	(void)t;
	screen_move(s, (long)s->menu.n);
	return ACT_DRAW;
}

static enum tui_act do_select(struct tui *t, struct screen *s)
{
	if (!s->menu.n)
		return ACT_NONE;
	struct item *it = &s->menu.v[s->cur];
	if (it->kind == ITEM_CHECK && s->cls->toggle)
		return s->cls->toggle(t, s, it);
	return s->cls->select ? s->cls->select(t, s, it) : ACT_NONE;
}

static enum tui_act k_space(struct tui *t, struct screen *s)
{
	if (!s->menu.n)
		return ACT_NONE;
	struct item *it = &s->menu.v[s->cur];
	if (s->cls->toggle)
		return s->cls->toggle(t, s, it);
	return do_select(t, s);
}

static enum tui_act k_help(struct tui *t, struct screen *s)
{
	struct buf b = { 0 };
	tui_help_text(t, s, &b);
	buf_put_u8(&b, 0);
	dlg_text(t, "Help", (const char *)b.data);
	buf_free(&b);
	return ACT_DRAW;
}

/* The buttons, as in mconf: <Select> <Exit> <Help> <Save> <Load>. */
#define NBUTTONS 5
static enum tui_act k_enter(struct tui *t, struct screen *s)
{
	switch (t->button) {
	case 1: return t->depth > 1 ? ACT_POP : ACT_QUIT;
	case 2: return k_help(t, s);
	case 3: return tui_save(t);
	case 4: return tui_load(t);
	default: return do_select(t, s);
	}
}

static enum tui_act k_next_button(struct tui *t, struct screen *s)
{
	(void)s;
	t->button = (t->button + 1) % NBUTTONS;
	return ACT_DRAW;
}

static enum tui_act k_prev_button(struct tui *t, struct screen *s)
{
	(void)s;
	t->button = (t->button + NBUTTONS - 1) % NBUTTONS;
	return ACT_DRAW;
}

static enum tui_act k_back(struct tui *t, struct screen *s)
{
	(void)s;
	return t->depth > 1 ? ACT_POP : ACT_QUIT;
}

static enum tui_act k_search(struct tui *t, struct screen *s)
{
	(void)s;
	return tui_search(t);
}

static enum tui_act k_save(struct tui *t, struct screen *s)
{
	(void)s;
	return tui_save(t);
}

static enum tui_act k_load(struct tui *t, struct screen *s)
{
	(void)s;
	return tui_load(t);
}

/* 27 stands for Esc Esc: tui_run.c turns a pair of Escs into one 27. */
const struct tui_key tui_common_keys[] = {
	{ { KEY_UP, '-', 0 }, "Up", "move up", false, k_up },
	{ { KEY_DOWN, '+', 0 }, "Down", "move down", false, k_down },
	{ { KEY_PPAGE, 0 }, "PgUp", "a page up", false, k_pgup },
	{ { KEY_NPAGE, 0 }, "PgDn", "a page down", false, k_pgdn },
	{ { KEY_HOME, 0 }, "Home", "to the first item", false, k_home },
	{ { KEY_END, 0 }, "End", "to the last item", false, k_end },
	{ { '\n', '\r', KEY_ENTER, 0 }, "Enter", "select submenus ---> (or the button)", true, k_enter },
	{ { ' ', 0 }, "Space", "toggle [*]", true, k_space },
	{ { 27, 0 }, "Esc Esc", "back (exit at the top)", true, k_back },
	{ { '?', 'h', KEY_F(1), 0 }, "?", "help", true, k_help },
	{ { '/', 0 }, "/", "search", true, k_search },
	{ { '\t', KEY_RIGHT, 0 }, "Tab", "next button", false, k_next_button },
	{ { KEY_BTAB, KEY_LEFT, 0 }, "Shift-Tab", "previous button", false, k_prev_button },
	{ { KEY_F(6), 0 }, "F6", "save the project", false, k_save },
	{ { KEY_F(7), 0 }, "F7", "load a project", false, k_load },
	{ { 0 }, NULL, NULL, false, NULL },
};

const struct tui_key *tui_key_find(const struct tui_key *table, int key)
{
	for (const struct tui_key *k = table; k && k->label; k++)
		for (int i = 0; i < 4 && k->keys[i]; i++)
			if (k->keys[i] == key)
				return k;
	return NULL;
}

static void legend_of(const struct tui_key *table, struct buf *out)
{
	for (const struct tui_key *k = table; k && k->label; k++)
		if (k->legend)
			buf_printf(out, "%s<%s> %s", out->len ? ". " : "", k->label, k->what);
}

void tui_legend(const struct screen_class *cls, struct buf *out)
{
	legend_of(cls->keys, out);
	legend_of(tui_common_keys, out);
	buf_printf(out, ". Highlighted letters are hotkeys.");
}

static void keys_of(const struct tui_key *table, struct buf *out)
{
	for (const struct tui_key *k = table; k && k->label; k++)
		buf_printf(out, "  %-10s %s\n", k->label, k->what);
}

void tui_help_text(struct tui *t, struct screen *s, struct buf *out)
{
	(void)t;
	if (s->menu.n && s->menu.v[s->cur].help)
		buf_printf(out, "%s\n\n", s->menu.v[s->cur].help);
	if (s->cls->help)
		buf_printf(out, "%s: %s\n\n", s->cls->name, s->cls->help);
	buf_printf(out, "Keys of this screen:\n");
	keys_of(s->cls->keys, out);
	keys_of(tui_common_keys, out);
	buf_printf(out, "  %-10s %s\n", "a-z", "jump to the next item starting with the letter");
	buf_printf(out, "\nButtons: <Select> <Exit> <Help> <Save> <Load> (Tab moves between them).\n");
}
