/* SPDX-License-Identifier: GPL-2.0-only */
/* The screens' framework without curses: items, the screen stack, the
 * cursor, hot keys, replanning after edits (see tui.h). */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item *menu_add(struct menu *m, enum item_kind kind, const char *fmt, ...)
{
	m->v = grow_array(m->v, &m->cap, m->n + 1, sizeof(*m->v));
	struct item *it = &m->v[m->n++];
	*it = (struct item){ .kind = kind, .role = ROLE_ITEM };
	va_list ap;
	va_start(ap, fmt);
	it->text = xvasprintf(fmt, ap);
	va_end(ap);
	return it;
}

void item_set_help(struct item *it, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(it->help);
	it->help = xvasprintf(fmt, ap);
	va_end(ap);
}

void menu_clear(struct menu *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].text);
		free(m->v[i].help);
		free(m->v[i].search);
	}
	free(m->v);
	*m = (struct menu){ 0 };
}

static bool selectable(const struct item *it)
{
	return it->kind != ITEM_SEPARATOR;
}

struct screen *tui_push(struct tui *t, const struct screen_class *cls, long arg,
			const char *key)
{
	struct screen *s = xcalloc(1, sizeof(*s));
	s->cls = cls;
	s->arg = arg;
	s->key = key ? xstrdup(key) : NULL;
	s->stale = true;
	t->stack = grow_array(t->stack, &t->stack_cap, t->depth + 1, sizeof(*t->stack));
	t->stack[t->depth++] = s;
	t->button = 0;
	tui_refresh(t, s);
	return s;
}

void tui_pop(struct tui *t)
{
	if (!t->depth)
		return;
	struct screen *s = t->stack[--t->depth];
	if (s->cls->free_data)
		s->cls->free_data(s);
	menu_clear(&s->menu);
	free(s->title);
	free(s->key);
	free(s);
	t->button = 0;
}

struct screen *tui_top(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

void tui_refresh(struct tui *t, struct screen *s)
{
	unsigned long gen = jhconf_generation(t->s);
	if (!s->stale && s->built == gen)
		return;
	menu_clear(&s->menu);
	free(s->title);
	s->title = NULL;
	s->cls->build(t, s);
	if (!s->title)
		s->title = xstrdup(s->cls->name);
	s->built = jhconf_generation(t->s);
	s->stale = false;
	if (s->cur >= s->menu.n)
		s->cur = s->menu.n ? s->menu.n - 1 : 0;
	if (s->menu.n && !selectable(&s->menu.v[s->cur]))
		screen_move(s, s->cur + 1 < s->menu.n ? 1 : -1);
	if (s->top > s->cur)
		s->top = s->cur;
}

void screen_move(struct screen *s, long delta)
{
	if (!s->menu.n)
		return;
	long dir = delta < 0 ? -1 : 1, steps = delta < 0 ? -delta : delta;
	size_t at = s->cur;
	for (long i = 0; i < steps; i++) {
		size_t next = at;
		do {
			if ((dir < 0 && next == 0) || (dir > 0 && next + 1 >= s->menu.n)) {
				next = SIZE_MAX;
				break;
			}
			next += (size_t)dir;
		} while (!selectable(&s->menu.v[next]));
		if (next == SIZE_MAX)
			break;
		at = next;
	}
	s->cur = at;
}

static int first_letter(const char *text)
{
	/* skip blanks and the marks in front of a name: "[*] ", "(E) " */
	const char *p = text;
	for (;;) {
		while (*p == ' ')
			p++;
		if ((p[0] == '[' || p[0] == '(' || p[0] == '<') && p[1] && p[2] &&
		    (p[2] == ']' || p[2] == ')' || p[2] == '>'))
			p += 3;
		else
			break;
	}
	int c = (unsigned char)*p;
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool screen_hotkey(struct screen *s, int c)
{
	if (c >= 'A' && c <= 'Z')
		c = c - 'A' + 'a';
	for (size_t k = 1; k <= s->menu.n; k++) {
		size_t i = (s->cur + k) % s->menu.n;
		if (selectable(&s->menu.v[i]) && first_letter(s->menu.v[i].text) == c) {
			s->cur = i;
			return true;
		}
	}
	return false;
}

void tui_free(struct tui *t)
{
	while (t->depth)
		tui_pop(t);
	free(t->stack);
	free(t->project_path);
	free(t->origin_label);
	free(t->plan_error);
	free(t->message);
	free(t->theme_name);
	jhconf_free(t->s);
}

void tui_say(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(t->message);
	t->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void tui_changed(struct tui *t)
{
	jhconf_project_changed(t->s);
	tui_replan(t);
	t->dirty = true;
}

void tui_error(struct tui *t, struct jh_error *err)
{
	dlg_text(t, "Error", err->msg);
	jh_error_clear(err);
}

enum tui_act tui_edited(struct tui *t, int rc, struct jh_error *err)
{
	if (rc < 0) {
		tui_error(t, err);
		return ACT_DRAW;
	}
	tui_changed(t);
	return ACT_REBUILD;
}

void tui_replan(struct tui *t)
{
	struct jh_error err = { 0 };
	free(t->plan_error);
	t->plan_error = NULL;
	if (jhconf_plan(t->s, &err) < 0 && !jhconf_refused(t->s))
		t->plan_error = xstrdup(err.msg ? err.msg : "the plan failed");
	jh_error_clear(&err);
}

void tui_counts(struct tui *t, size_t *errors, size_t *warnings)
{
	const struct jh_findings *f = jhconf_findings(t->s);
	*errors = jh_findings_count(f, JH_SEV_ERROR) + (t->plan_error ? 1 : 0);
	*warnings = jh_findings_count(f, JH_SEV_WARNING);
}
