/* SPDX-License-Identifier: GPL-2.0-only */
/* The menuconfig-like screens (issue 13): the framework every screen
 * builds on. Modelled on Linux's mconf/lxdialog for the look and keys and
 * on htop for the structure:
 *
 *  - a screen is a small object (struct screen) of a class (struct
 *    screen_class, one per tui/screen_*.c file) that fills a menu of items
 *    from the session, says what Enter and Space do to an item, and has a
 *    key table (struct tui_key) that also makes the legend line and the
 *    help page, so keys, legend and help cannot disagree;
 *  - screens stack (main menu > System > PCI devices > a device); the
 *    breadcrumb is the stack's titles;
 *  - actions return what to redraw (enum tui_act);
 *  - the model is the front-end API's session: after an edit a screen calls
 *    tui_changed(), which replans; every screen rebuilds its items when
 *    jhconf_generation() moved since it built them;
 *  - colours are roles (theme.h) the drawing code looks up in the theme.
 *
 * Only tui_run.c, draw.c, tui_signal.c and the screens' draw_extra hooks
 * call curses; build() never draws, so tests/unit/test_tui_screens.c builds
 * every screen without a terminal.
 *
 * To add a screen: write a `const struct screen_class screen_x` in a
 * tui/screen_*.c (build() fills s->menu with menu_add() and sets s->title;
 * give every item a help text from tui_help.c's table, the unit test
 * checks; select() handles Enter, returning ACT_REBUILD after an edit made
 * through the project API and tui_changed(); an optional key table for
 * keys of its own, which must not take a common key), declare it below,
 * add it to TUI_SCREEN_SOURCES in tui.am and to the classes[] list of
 * test_tui_screens.c, and open it with tui_push(t, &screen_x, arg, key)
 * from a parent's select(). */
#ifndef JH_TUI_H
#define JH_TUI_H

#include "api/jhconf.h"
#include "base/util.h"
#include "theme.h"

struct tui;
struct screen;

/* What an action wants done afterwards. */
enum tui_act {
	ACT_NONE,      /* nothing changed */
	ACT_DRAW,      /* redraw (the cursor moved, a message appeared) */
	ACT_REBUILD,   /* the items changed: build them again, then redraw */
	ACT_POP,       /* leave this screen */
	ACT_QUIT,      /* leave jhconf (asks about unsaved changes) */
	ACT_UNHANDLED, /* not this key's business: try the next table */
};

enum item_kind {
	ITEM_TEXT,     /* a line to read; Enter does nothing */
	ITEM_MENU,     /* opens a submenu: drawn with "--->" */
	ITEM_ACTION,   /* does something: drawn as is */
	ITEM_CHECK,    /* a [*]/[ ] choice: Space and Enter toggle */
	ITEM_SEPARATOR,/* "***" text that the cursor skips */
};

struct item {
	char *text;
	enum item_kind kind;
	bool checked;          /* ITEM_CHECK */
	enum tui_role role;    /* ROLE_ITEM, or ROLE_ERROR/ROLE_WARNING to mark */
	long arg;              /* the screen's own: an index, an id */
	char *help;            /* what this item is and what Jailhouse does
				* with it; NULL: the screen's help */
	char *search;          /* extra words `/` matches (an id, a BDF) */
};

struct menu {
	struct item *v;
	size_t n, cap;
};

/* A key and what it does. `keys` holds up to 4 curses key codes (0 ends);
 * `label` ("Enter", "/") and `what` ("open a submenu") make the legend and
 * the help page; an entry with legend=false is listed in help only. */
struct tui_key {
	int keys[4];
	const char *label;
	const char *what;
	bool legend;
	enum tui_act (*fn)(struct tui *t, struct screen *s);
};

struct screen_class {
	const char *name;
	/* the help page's first paragraph: what this screen is */
	const char *help;
	/* fill s->menu (it is empty) and s->title from the session */
	void (*build)(struct tui *t, struct screen *s);
	/* Enter (and <Select>) on the highlighted item; NULL: ITEM_MENU items
	 * are not openable, nothing happens */
	enum tui_act (*select)(struct tui *t, struct screen *s, struct item *it);
	/* Space on an item (ITEM_CHECK toggles); NULL: as Enter */
	enum tui_act (*toggle)(struct tui *t, struct screen *s, struct item *it);
	/* this screen's own keys, tried before the common ones; may be NULL */
	const struct tui_key *keys;
	/* rows the screen draws above the menu (a picture), and the drawing;
	 * win is the dialog's inner area, `rows` rows high */
	int (*extra_rows)(struct tui *t, struct screen *s);
	void (*draw_extra)(struct tui *t, struct screen *s, void *win, int y, int x,
			   int rows, int width);
	void (*free_data)(struct screen *s);
};

struct screen {
	const struct screen_class *cls;
	char *title;
	struct menu menu;
	size_t cur, top;       /* highlighted item, first item shown */
	unsigned long built;   /* the session's generation at build time */
	bool stale;            /* build again even if the generation is the same */
	long arg;              /* which object (a device's index, a cell's) */
	char *key;             /* which object by name (a cell), when names move */
	void *data;
};

/* Where the machine came from, for the title bar. */
enum tui_origin { ORIGIN_PROJECT, ORIGIN_LIVE, ORIGIN_TREE, ORIGIN_TAR, ORIGIN_DEMO };

struct tui {
	struct jhconf_session *s;
	char *project_path;       /* where <Save> writes (./jhconf.conf) */
	enum tui_origin origin;
	char *origin_label;       /* the snapshot's path, for the title */
	bool dirty;               /* unsaved changes */
	char *plan_error;         /* the last plan's failure, NULL when none */
	struct theme theme;
	char *theme_name;
	bool ascii;               /* ASCII frames instead of line drawing */
	bool colors;              /* colour pairs are in use */
	struct screen **stack;
	size_t depth, stack_cap;
	int button;               /* the highlighted button */
	char *message;            /* one line for the status bar, then gone */
	bool quit;
};

/* ---- items and screens (tui_core.c; no curses) ---- */

struct item *menu_add(struct menu *m, enum item_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void item_set_help(struct item *it, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void menu_clear(struct menu *m);

struct screen *tui_push(struct tui *t, const struct screen_class *cls, long arg,
			const char *key);
void tui_pop(struct tui *t);
struct screen *tui_top(struct tui *t);
/* Everything a struct tui holds: its screens, strings and session. */
void tui_free(struct tui *t);
/* Build the screen's items again when the session changed (or stale). */
void tui_refresh(struct tui *t, struct screen *s);
/* Move the cursor to the next selectable item from `from` in direction
 * dir (+1/-1), staying put at the ends. */
void screen_move(struct screen *s, long delta);
/* The first-letter hot key: the next item after the cursor whose first
 * letter (after leading blanks and marks) is c, wrapping; false if none. */
bool screen_hotkey(struct screen *s, int c);
/* Set a one-line message for the status bar. */
void tui_say(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Plan again and remember the failure (t->plan_error). */
void tui_replan(struct tui *t);
/* After an edit of the project: tui_replan() and mark it unsaved. */
void tui_changed(struct tui *t);
/* The end of an edit through the API: rc < 0 shows err in a dialog (and
 * clears it) and redraws; else tui_changed() and a rebuild. */
enum tui_act tui_edited(struct tui *t, int rc, struct jh_error *err);
/* An error dialog with err's message; err is cleared. */
void tui_error(struct tui *t, struct jh_error *err);
/* Errors and warnings now (findings plus the plan's failure). */
void tui_counts(struct tui *t, size_t *errors, size_t *warnings);

/* The common keys of every menu screen (tui_keys.c): arrows, PgUp/PgDn,
 * Home/End, Enter, Space, Esc Esc, ?, /, Tab, S(ave), L(oad), Q. */
extern const struct tui_key tui_common_keys[];
/* Look the key up in a table (0 label ends it). */
const struct tui_key *tui_key_find(const struct tui_key *table, int key);
/* The legend line of a screen (its keys, then the common ones), as text. */
void tui_legend(const struct screen_class *cls, struct buf *out);
/* The help page of a screen: its help, the item's help, every key. */
void tui_help_text(struct tui *t, struct screen *s, struct buf *out);

/* ---- dialogs (draw.c; curses) ---- */

/* A text box over the current screen: scroll, leave with Enter/Esc/q. */
void dlg_text(struct tui *t, const char *title, const char *text);
/* A yes/no question: 1 yes, 0 no, -1 Esc Esc (go back). */
int dlg_yesno(struct tui *t, const char *title, const char *question);
/* A one-line input: a new string (edited from `init`), NULL on Esc or an
 * empty answer when allow_empty is false. */
char *dlg_input(struct tui *t, const char *title, const char *prompt,
		const char *init);
/* Draw the whole screen: back title, breadcrumb, dialog, status. */
void tui_draw(struct tui *t);
/* The width and height of the menu's list area, for paging. */
int tui_page_rows(struct tui *t);

/* ---- the screens (screen_*.c) ---- */

extern const struct screen_class screen_main, screen_system, screen_memmap,
	screen_pci, screen_device, screen_lines, screen_hypervisor, screen_cells,
	screen_cell, screen_cell_devices, screen_findings, screen_generate,
	screen_search, screen_console_choice, screen_readiness, screen_links;
/* How many readiness checks fail (screen_readiness.c). */
size_t tui_readiness_problems(struct tui *t);

/* The lines screen shows one of these lists of System facts. */
enum lines_kind { LINES_IOAPIC, LINES_PORTS, LINES_CPUS, LINES_IOMMU, LINES_UARTS };

/* Save / load / quit, shared by the buttons and the keys (tui_files.c). */
enum tui_act tui_save(struct tui *t);
enum tui_act tui_load(struct tui *t);
/* Ask about unsaved changes as mconf does; true when jhconf may end, with
 * *farewell the line to print after the screens are gone (or NULL). */
bool tui_confirm_quit(struct tui *t, const char **farewell);
/* Signal handlers (tui_signal.c). */
void tui_install_signals(void);
/* `/`: search and jump (screen_search.c). */
enum tui_act tui_search(struct tui *t);
/* The help of the items: a table of texts by key (tui_help.c). */
const char *tui_help_for(const char *key);

/* Shared by the screens (screen_system.c): the memory map as owned
 * segments (names point into the machine) and who owns a PCI device. */
struct mb_list;
void tui_memory_map(struct tui *t, struct mb_list *out);
/* The project cell that selects device i, or NULL (the root cell). */
const char *tui_device_owner(struct tui *t, size_t i);
/* The worst severity of the findings about device i (enum jh_severity),
 * -1 when none. */
int tui_device_finding(struct tui *t, size_t i);
/* The owner of CPU n: -1 the root cell, else the project cell's index. */
int tui_cpu_owner(struct tui *t, unsigned cpu);
/* Open the screens down to a device, a memory region (by address) or a
 * cell, as a search hit does. */
void tui_jump_device(struct tui *t, size_t i);
void tui_jump_address(struct tui *t, uint64_t addr);
void tui_jump_cell(struct tui *t, long cell);
/* Switch to the next bundled theme (screen_main.c). */
void tui_next_theme(struct tui *t);

/* `jhconf tui` (and `jhconf` alone on a terminal). */
int cmd_tui(int argc, char **argv);

#endif
