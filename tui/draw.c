/* SPDX-License-Identifier: GPL-2.0-only */
/* The lxdialog look: a back title, a breadcrumb, a framed dialog with a
 * title, a legend, a menu box that scrolls and a row of buttons; text,
 * input and yes/no boxes over it; the "too small" message. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

static short curses_color(int c)
{
	return c < 0 ? -1 : (short)c;
}

attr_t tui_attr(const struct tui *t, enum tui_role role)
{
	const struct theme_style *st = &t->theme.role[role];
	attr_t a = A_NORMAL;
	if (st->attrs & TA_BOLD) a |= A_BOLD;
	if (st->attrs & TA_REVERSE) a |= A_REVERSE;
	if (st->attrs & TA_UNDERLINE) a |= A_UNDERLINE;
	if (st->attrs & TA_DIM) a |= A_DIM;
	if (st->attrs & TA_STANDOUT) a |= A_STANDOUT;
	if (st->attrs & TA_BLINK) a |= A_BLINK;
	if (t->colors)
		a |= COLOR_PAIR(role + 1);
	return a;
}

void tui_apply_theme(struct tui *t)
{
	t->colors = !t->theme.mono && has_colors() && !getenv("NO_COLOR");
	if (t->colors) {
		start_color();
		use_default_colors();
		for (int r = 0; r < ROLE_COUNT; r++)
			init_pair((short)(r + 1), curses_color(t->theme.role[r].fg),
				  curses_color(t->theme.role[r].bg));
	}
	bkgdset(' ' | tui_attr(t, ROLE_SCREEN));
	clear();
}

int tui_getkey(struct tui *t)
{
	(void)t;
	for (;;) {
		if (tui_interrupted())
			return ERR;
		timeout(500);
		int c = getch();
		if (c == ERR)
			continue;
		if (c != 27)
			return c;
		/* Esc: a second one within a second makes Esc Esc */
		timeout(1000);
		int d = getch();
		if (d == 27)
			return 27;
		if (d != ERR)
			return d;
	}
}

/* ---- frames ---- */

static void frame(const struct tui *t, WINDOW *w, int y, int x, int h, int wd,
		  attr_t a)
{
	wattrset(w, a);
	if (t->ascii) {
		mvwhline(w, y, x + 1, '-', wd - 2);
		mvwhline(w, y + h - 1, x + 1, '-', wd - 2);
		mvwvline(w, y + 1, x, '|', h - 2);
		mvwvline(w, y + 1, x + wd - 1, '|', h - 2);
		mvwaddch(w, y, x, '+');
		mvwaddch(w, y, x + wd - 1, '+');
		mvwaddch(w, y + h - 1, x, '+');
		mvwaddch(w, y + h - 1, x + wd - 1, '+');
	} else {
		mvwhline(w, y, x + 1, ACS_HLINE, wd - 2);
		mvwhline(w, y + h - 1, x + 1, ACS_HLINE, wd - 2);
		mvwvline(w, y + 1, x, ACS_VLINE, h - 2);
		mvwvline(w, y + 1, x + wd - 1, ACS_VLINE, h - 2);
		mvwaddch(w, y, x, ACS_ULCORNER);
		mvwaddch(w, y, x + wd - 1, ACS_URCORNER);
		mvwaddch(w, y + h - 1, x, ACS_LLCORNER);
		mvwaddch(w, y + h - 1, x + wd - 1, ACS_LRCORNER);
	}
}

static void hline_tees(const struct tui *t, int y, int x, int wd, attr_t a)
{
	attrset(a);
	mvhline(y, x + 1, t->ascii ? '-' : ACS_HLINE, wd - 2);
	mvaddch(y, x, t->ascii ? '+' : ACS_LTEE);
	mvaddch(y, x + wd - 1, t->ascii ? '+' : ACS_RTEE);
}

static void fill(int y, int x, int h, int wd, attr_t a)
{
	attrset(a);
	for (int i = 0; i < h; i++)
		mvhline(y + i, x, ' ', wd);
}

/* A dialog box with shadow and a title on its top border. */
static void dialog_box(const struct tui *t, int y, int x, int h, int wd, const char *title)
{
	attr_t shadow = tui_attr(t, ROLE_SHADOW);
	attrset(shadow);
	if (y + h < LINES)
		mvhline(y + h, x + 2, ' ', wd);
	for (int i = 1; i <= h && y + i < LINES; i++)
		mvhline(y + i, x + wd, ' ', 2);
	fill(y, x, h, wd, tui_attr(t, ROLE_DIALOG));
	frame(t, stdscr, y, x, h, wd, tui_attr(t, ROLE_BORDER));
	if (title && *title) {
		int n = (int)strlen(title);
		if (n > wd - 4)
			n = wd - 4;
		attrset(tui_attr(t, ROLE_TITLE));
		mvprintw(y, x + (wd - n - 2) / 2, " %.*s ", n, title);
	}
}

/* Print text cut to `width` columns (bytes past the width are dropped). */
static void put_cut(int y, int x, const char *s, int width)
{
	if (width <= 0)
		return;
	mvaddnstr(y, x, s, width);
}

/* Wrap text into lines of at most `width` bytes at spaces (newlines kept). */
static void wrap(const char *text, int width, struct strlist *out)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len > (size_t)width) {
			size_t cut = (size_t)width;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)width;
			char *line = xstrndup(p, cut);
			strlist_add(out, line);
			free(line);
			p += cut;
			len -= cut;
			while (len && *p == ' ') {
				p++;
				len--;
			}
		}
		char *line = xstrndup(p, len);
		strlist_add(out, line);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void buttons(const struct tui *t, int y, int x, int wd, const char *const *names,
		    int n, int active)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += (int)strlen(names[i]) + 2 + (i ? 1 : 0);
	int cx = x + (wd - total) / 2;
	for (int i = 0; i < n; i++) {
		bool on = i == active;
		attrset(tui_attr(t, on ? ROLE_BUTTON_ACTIVE : ROLE_BUTTON_INACTIVE));
		mvprintw(y, cx, "<%s>", names[i]);
		attrset(tui_attr(t, on ? ROLE_BUTTON_KEY_ACTIVE : ROLE_BUTTON_KEY_INACTIVE));
		mvaddch(y, cx + 1, (chtype)(unsigned char)names[i][0]);
		cx += (int)strlen(names[i]) + 3;
	}
}

/* ---- the main screen ---- */

/* mconf's buttons */
static const char *const main_buttons[] = { "Select", " Exit ", " Help ", " Save ", " Load " };


static bool too_small(void)
{
	return LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS;
}

static void draw_too_small(const struct tui *t)
{
	bkgdset(' ' | tui_attr(t, ROLE_SCREEN));
	erase();
	attrset(tui_attr(t, ROLE_SCREEN));
	/* menuconfig's words, with the name of this program */
	mvaddstr(0, 0, "Your display is too small to run jhconf!");
	mvprintw(1, 0, "It must be at least %d lines by %d columns.", TUI_MIN_LINES,
		 TUI_MIN_COLS);
	mvprintw(2, 0, "(now %d by %d; make it larger, or Esc Esc to leave)", LINES, COLS);
	refresh();
}

static const char *origin_words(const struct tui *t)
{
	switch (t->origin) {
	case ORIGIN_PROJECT: return "project";
	case ORIGIN_LIVE: return "live system";
	case ORIGIN_TREE: return "snapshot tree";
	case ORIGIN_TAR: return "snapshot tar";
	default: return "demo snapshot";
	}
}

/* The dialog's geometry (lxdialog: height LINES-4, width COLS-5). */
struct layout {
	int y, x, h, w;
	int legend_y, nlegend;
	int extra_y, nextra;
	int box_y, box_h;      /* the menu box, frame included */
	int list_y, rows;      /* the items */
};

static void layout_of(struct tui *t, struct screen *s, struct strlist *legend,
		      struct layout *l)
{
	l->y = 2;
	l->x = 2;
	l->h = LINES - 4;
	l->w = COLS - 5;
	struct buf b = { 0 };
	tui_legend(s->cls, &b);
	buf_put_u8(&b, 0);
	wrap((const char *)b.data, l->w - 4, legend);
	buf_free(&b);
	l->nlegend = legend->n > 3 ? 3 : (int)legend->n;
	l->legend_y = l->y + 1;
	l->nextra = s->cls->extra_rows ? s->cls->extra_rows(t, s) : 0;
	/* the list keeps at least 5 rows; the picture gives way */
	int room = l->h - 4 - l->nlegend - 2 - 2;
	if (l->nextra > room - 5)
		l->nextra = room - 5 > 0 ? room - 5 : 0;
	l->extra_y = l->legend_y + l->nlegend;
	l->box_y = l->extra_y + l->nextra;
	l->box_h = l->y + l->h - 3 - l->box_y;
	l->list_y = l->box_y + 1;
	l->rows = l->box_h - 2;
}

int tui_page_rows(struct tui *t)
{
	struct screen *s = tui_top(t);
	if (!s || too_small())
		return 1;
	struct strlist legend = { 0 };
	struct layout l;
	layout_of(t, s, &legend, &l);
	strlist_free(&legend);
	return l.rows > 0 ? l.rows : 1;
}

static void draw_item(struct tui *t, const struct item *it, bool cur, int y, int x,
		      int width)
{
	char line[512];
	const char *mark = it->kind == ITEM_CHECK ? (it->checked ? "[*] " : "[ ] ") : "";
	/* the "--->" of a submenu stays visible: the text gives way */
	const char *suffix = it->kind == ITEM_MENU ? "  --->" : "";
	int room = width - 2 - (int)strlen(suffix);
	if (it->kind == ITEM_SEPARATOR)
		snprintf(line, sizeof(line), "*** %s ***", it->text);
	else
		snprintf(line, sizeof(line), "%s%.*s%s", mark,
			 room - (int)strlen(mark) > 0 ? room - (int)strlen(mark) : 0, it->text,
			 suffix);
	enum tui_role role = cur ? ROLE_ITEM_SELECTED : it->role;
	attrset(tui_attr(t, role));
	mvhline(y, x, ' ', width);
	put_cut(y, x + 1, line, width - 2);
	/* the hot key: the first letter of the name, after the marks */
	if (it->kind != ITEM_SEPARATOR && it->role == ROLE_ITEM) {
		size_t off = strlen(mark);
		const char *p = it->text;
		while (*p == ' ') {
			p++;
			off++;
		}
		if (*p && (int)off + 1 < width - 1) {
			attrset(tui_attr(t, cur ? ROLE_TAG_KEY_SELECTED : ROLE_TAG_KEY));
			mvaddch(y, x + 1 + (int)off, (chtype)(unsigned char)*p);
		}
	}
}

void tui_draw(struct tui *t)
{
	struct screen *s = tui_top(t);
	if (too_small()) {
		draw_too_small(t);
		return;
	}
	bkgdset(' ' | tui_attr(t, ROLE_SCREEN));
	erase();
	/* back title: what is open, like mconf's "<config file> - <prompt>" */
	attrset(tui_attr(t, ROLE_SCREEN));
	char title[512];
	snprintf(title, sizeof(title), "%s - jhconf (%s%s%s)%s",
		 t->project_path, origin_words(t), t->origin_label ? ": " : "",
		 t->origin_label ? t->origin_label : "", t->dirty ? " [changed]" : "");
	put_cut(0, 1, title, COLS - 2);
	/* the breadcrumb on the line below */
	mvhline(1, 1, t->ascii ? '-' : ACS_HLINE, COLS - 2);
	struct buf crumb = { 0 };
	for (size_t i = 0; i < t->depth; i++)
		buf_printf(&crumb, "%s%s", i ? " > " : " ", t->stack[i]->title);
	buf_printf(&crumb, " ");
	buf_put_u8(&crumb, 0);
	const char *cr = (const char *)crumb.data;
	int avail = COLS - 4;
	if ((int)strlen(cr) > avail) {
		cr += strlen(cr) - (size_t)avail + 6;
		mvprintw(1, 1, "[...]");
		put_cut(1, 6, cr, avail - 6);
	} else {
		put_cut(1, 1, cr, avail);
	}
	buf_free(&crumb);

	struct strlist legend = { 0 };
	struct layout l;
	layout_of(t, s, &legend, &l);
	dialog_box(t, l.y, l.x, l.h, l.w, s->title);
	attrset(tui_attr(t, ROLE_DIALOG));
	for (int i = 0; i < l.nlegend; i++)
		put_cut(l.legend_y + i, l.x + 2, legend.v[i], l.w - 4);
	strlist_free(&legend);
	if (l.nextra > 0)
		s->cls->draw_extra(t, s, stdscr, l.extra_y, l.x + 2, l.nextra, l.w - 4);
	/* the menu box */
	frame(t, stdscr, l.box_y, l.x + 1, l.box_h, l.w - 2, tui_attr(t, ROLE_BORDER));
	if (l.rows > 0) {
		if (s->cur < s->top)
			s->top = s->cur;
		if (s->cur >= s->top + (size_t)l.rows)
			s->top = s->cur - (size_t)l.rows + 1;
		for (int r = 0; r < l.rows && s->top + (size_t)r < s->menu.n; r++) {
			size_t i = s->top + (size_t)r;
			draw_item(t, &s->menu.v[i], i == s->cur, l.list_y + r, l.x + 2, l.w - 4);
		}
		attrset(tui_attr(t, ROLE_POSITION));
		if (s->top > 0)
			mvaddstr(l.box_y, l.x + 4, "^(-)");
		if (s->top + (size_t)l.rows < s->menu.n)
			mvaddstr(l.box_y + l.box_h - 1, l.x + 4, "v(+)");
	}
	hline_tees(t, l.y + l.h - 3, l.x, l.w, tui_attr(t, ROLE_BORDER));
	buttons(t, l.y + l.h - 2, l.x, l.w, main_buttons, 5, t->button);
	/* status: the findings, and the last message */
	size_t e, w;
	tui_counts(t, &e, &w);
	attrset(tui_attr(t, e ? ROLE_ERROR : ROLE_STATUS));
	mvhline(LINES - 1, 0, ' ', COLS);
	char st[600];
	snprintf(st, sizeof(st), " %zu error%s, %zu warning%s%s%s", e, e == 1 ? "" : "s", w,
		 w == 1 ? "" : "s", t->message ? " | " : "", t->message ? t->message : "");
	put_cut(LINES - 1, 0, st, COLS);
	refresh();
}

int tui_hit(struct tui *t, int y, int x, size_t *item, int *button)
{
	struct screen *s = tui_top(t);
	if (!s || too_small())
		return 0;
	struct strlist legend = { 0 };
	struct layout l;
	layout_of(t, s, &legend, &l);
	strlist_free(&legend);
	if (y >= l.list_y && y < l.list_y + l.rows && x > l.x + 1 && x < l.x + l.w - 2) {
		size_t i = s->top + (size_t)(y - l.list_y);
		if (i >= s->menu.n || s->menu.v[i].kind == ITEM_SEPARATOR)
			return 0;
		*item = i;
		return 1;
	}
	if (y == l.y + l.h - 2) {
		/* the same arithmetic as buttons() */
		int total = 0;
		for (int i = 0; i < 5; i++)
			total += (int)strlen(main_buttons[i]) + 2 + (i ? 1 : 0);
		int cx = l.x + (l.w - total) / 2;
		for (int i = 0; i < 5; i++) {
			int wd = (int)strlen(main_buttons[i]) + 2;
			if (x >= cx && x < cx + wd) {
				*button = i;
				return 2;
			}
			cx += wd + 1;
		}
	}
	return 0;
}

/* ---- dialogs over the screen ---- */

void dlg_text(struct tui *t, const char *title, const char *text)
{
	size_t top = 0;
	for (;;) {
		if (too_small()) {
			draw_too_small(t);
		} else {
			tui_draw(t);
			int h = LINES - 4, w = COLS - 5, y = 2, x = 2;
			struct strlist lines = { 0 };
			wrap(text, w - 4, &lines);
			int rows = h - 4;
			if (lines.n <= (size_t)rows)
				top = 0;
			else if (top > lines.n - (size_t)rows)
				top = lines.n - (size_t)rows;
			dialog_box(t, y, x, h, w, title);
			attrset(tui_attr(t, ROLE_DIALOG));
			for (int r = 0; r < rows && top + (size_t)r < lines.n; r++)
				put_cut(y + 1 + r, x + 2, lines.v[top + (size_t)r], w - 4);
			hline_tees(t, y + h - 3, x, w, tui_attr(t, ROLE_BORDER));
			static const char *const exitb[] = { " Exit " };
			buttons(t, y + h - 2, x, w, exitb, 1, 0);
			size_t shown = top + (size_t)rows < lines.n ? top + (size_t)rows : lines.n;
			attrset(tui_attr(t, ROLE_POSITION));
			mvprintw(y + h - 3, x + w - 8, "(%3zu%%)",
				 lines.n ? shown * 100 / lines.n : 100);
			strlist_free(&lines);
			refresh();
		}
		int c = tui_getkey(t);
		switch (c) {
		case ERR: return;
		case KEY_UP: case 'k': case 'K': if (top) top--; break;
		case KEY_DOWN: case 'j': case 'J': top++; break;
		case KEY_PPAGE: case 'b': case 'B': case 'u':
			top = top > 10 ? top - 10 : 0; break;
		case KEY_NPAGE: case ' ': case 'd': top += 10; break;
		case KEY_HOME: case 'g': top = 0; break;
		case KEY_END: case 'G': top = (size_t)-1 / 2; break;
		case KEY_RESIZE: break;
		case 'e': case 'E': case 'x': case 'X': case 'q': case '\n': case '\r':
		case KEY_ENTER: case 27:
			return;
		default: break;
		}
	}
}

int dlg_yesno(struct tui *t, const char *title, const char *question)
{
	int active = 0;
	for (;;) {
		if (too_small()) {
			draw_too_small(t);
		} else {
			tui_draw(t);
			struct strlist lines = { 0 };
			int w = 60 < COLS - 4 ? 60 : COLS - 4;
			wrap(question, w - 4, &lines);
			int h = (int)lines.n + 5, y = (LINES - h) / 2, x = (COLS - w) / 2;
			dialog_box(t, y, x, h, w, title);
			attrset(tui_attr(t, ROLE_DIALOG));
			for (size_t i = 0; i < lines.n; i++)
				put_cut(y + 1 + (int)i, x + 2, lines.v[i], w - 4);
			strlist_free(&lines);
			hline_tees(t, y + h - 3, x, w, tui_attr(t, ROLE_BORDER));
			static const char *const yn[] = { " Yes ", "  No  " };
			buttons(t, y + h - 2, x, w, yn, 2, active);
			refresh();
		}
		int c = tui_getkey(t);
		switch (c) {
		case ERR: case 27: return -1;
		case 'y': case 'Y': return 1;
		case 'n': case 'N': return 0;
		case '\t': case KEY_LEFT: case KEY_RIGHT: case KEY_BTAB: active = !active; break;
		case '\n': case '\r': case KEY_ENTER: case ' ': return active == 0;
		default: break;
		}
	}
}

char *dlg_input(struct tui *t, const char *title, const char *prompt, const char *init)
{
	struct buf b = { 0 };
	if (init)
		buf_printf(&b, "%s", init);
	size_t pos = b.len;
	for (;;) {
		int w = 60 < COLS - 4 ? 60 : COLS - 4, fieldw = w - 6;
		if (too_small()) {
			draw_too_small(t);
		} else {
			tui_draw(t);
			struct strlist lines = { 0 };
			wrap(prompt, w - 4, &lines);
			int h = (int)lines.n + 7, y = (LINES - h) / 2, x = (COLS - w) / 2;
			dialog_box(t, y, x, h, w, title);
			attrset(tui_attr(t, ROLE_DIALOG));
			for (size_t i = 0; i < lines.n; i++)
				put_cut(y + 1 + (int)i, x + 2, lines.v[i], w - 4);
			int fy = y + 2 + (int)lines.n;
			strlist_free(&lines);
			frame(t, stdscr, fy - 1 + 0, x + 2, 3, w - 4, tui_attr(t, ROLE_BORDER));
			attrset(tui_attr(t, ROLE_INPUTBOX));
			mvhline(fy, x + 3, ' ', fieldw);
			size_t first = pos > (size_t)fieldw - 1 ? pos - (size_t)fieldw + 1 : 0;
			mvaddnstr(fy, x + 3, b.len ? (const char *)b.data + first : "",
				  (int)(b.len - first) < fieldw ? (int)(b.len - first) : fieldw);
			hline_tees(t, y + h - 3, x, w, tui_attr(t, ROLE_BORDER));
			static const char *const ok[] = { "  Ok  ", "Cancel" };
			buttons(t, y + h - 2, x, w, ok, 2, 0);
			move(fy, x + 3 + (int)(pos - first));
			curs_set(1);
			refresh();
		}
		int c = tui_getkey(t);
		curs_set(0);
		if (c == ERR || c == 27) {
			buf_free(&b);
			return NULL;
		}
		if (c == '\n' || c == '\r' || c == KEY_ENTER) {
			buf_put_u8(&b, 0);
			char *s = xstrdup((const char *)b.data);
			buf_free(&b);
			return s;
		}
		if (c == 21) {   /* Ctrl-U: clear the field, as in a shell */
			b.len = 0;
			pos = 0;
		} else if ((c == KEY_BACKSPACE || c == 127 || c == 8) && pos > 0) {
			memmove(b.data + pos - 1, b.data + pos, b.len - pos);
			b.len--;
			pos--;
		} else if (c == KEY_DC && pos < b.len) {
			memmove(b.data + pos, b.data + pos + 1, b.len - pos - 1);
			b.len--;
		} else if (c == KEY_LEFT && pos > 0) {
			pos--;
		} else if (c == KEY_RIGHT && pos < b.len) {
			pos++;
		} else if (c == KEY_HOME) {
			pos = 0;
		} else if (c == KEY_END) {
			pos = b.len;
		} else if (c >= ' ' && c < 0x7f && b.len < 4096) {
			buf_reserve(&b, 1);
			memmove(b.data + pos + 1, b.data + pos, b.len - pos);
			b.data[pos++] = (unsigned char)c;
			b.len++;
		}
	}
}
