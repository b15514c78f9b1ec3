/* SPDX-License-Identifier: GPL-2.0-only */
/* Themes as data: which colours and attributes each colour role of the
 * screens gets. A theme file (themes/NAME.theme) has one line per role,
 *
 *   # comment
 *   role = fg,bg[,attr...]
 *
 * colours: default black red green yellow blue magenta cyan white;
 * attributes: bold reverse underline dim standout blink normal. Roles a
 * file leaves out keep the built-in default's values. The parser knows no
 * curses (the fuzz harness and the unit tests link it alone); tui/draw.c
 * turns a theme into colour pairs. */
#ifndef JH_TUI_THEME_H
#define JH_TUI_THEME_H

#include "base/util.h"

/* The colour roles: what a piece of the screen is, not its colour. Modelled
 * on lxdialog's attribute slots, plus the owners of the pictures. */
enum tui_role {
	ROLE_SCREEN,          /* the background and the back title */
	ROLE_SHADOW,
	ROLE_DIALOG,          /* a dialog's body and its text */
	ROLE_TITLE,           /* a dialog's title */
	ROLE_BORDER,
	ROLE_BUTTON_ACTIVE,
	ROLE_BUTTON_INACTIVE,
	ROLE_BUTTON_KEY_ACTIVE,
	ROLE_BUTTON_KEY_INACTIVE,
	ROLE_INPUTBOX,
	ROLE_ITEM,
	ROLE_ITEM_SELECTED,
	ROLE_TAG_KEY,         /* the hot-key letter of an item */
	ROLE_TAG_KEY_SELECTED,
	ROLE_POSITION,        /* "(42%)" and the scroll arrows */
	ROLE_ERROR,           /* error findings and marks */
	ROLE_WARNING,
	ROLE_STATUS,          /* the status line under the dialog */
	ROLE_OWN_ROOT,        /* the pictures' owners */
	ROLE_OWN_INMATE,
	ROLE_OWN_HV,
	ROLE_OWN_IVSHMEM,
	ROLE_OWN_MMIO,
	ROLE_OWN_RESERVED,
	ROLE_OWN_FREE,
	ROLE_CURSOR,          /* the picture's highlighted region */
	ROLE_COUNT
};

enum tui_color {
	TC_DEFAULT = -1, TC_BLACK, TC_RED, TC_GREEN, TC_YELLOW, TC_BLUE,
	TC_MAGENTA, TC_CYAN, TC_WHITE,
};

#define TA_BOLD      0x01u
#define TA_REVERSE   0x02u
#define TA_UNDERLINE 0x04u
#define TA_DIM       0x08u
#define TA_STANDOUT  0x10u
#define TA_BLINK     0x20u

struct theme_style {
	int fg, bg;           /* enum tui_color */
	unsigned attrs;       /* TA_* */
};

struct theme {
	struct theme_style role[ROLE_COUNT];
	bool mono;            /* `mono = yes`: attributes only, no colours */
};

/* The role's name in theme files ("item_selected"), NULL past the end. */
const char *theme_role_name(enum tui_role r);
/* The built-in default (menuconfig's classic blue). */
void theme_default(struct theme *t);
/* The built-in monochrome theme (for NO_COLOR and terminals without
 * colours), attributes only. */
void theme_mono(struct theme *t);
/* Parse a theme over the default; `file` names it in errors
 * ("FILE:LINE: ..."), JH_BADINPUT. On error *t is the default. */
int theme_parse(const char *file, const char *text, size_t len, struct theme *t,
		struct jh_error *err);
/* A theme's name: 1-32 letters, digits, '-', '_' (it becomes a file name). */
bool theme_valid_name(const char *name);
/* Find and read NAME.theme: in $JHCONF_THEMES when set, else beside the
 * binary (build tree: <exe dir>/themes), the source tree, the installed
 * data folder. */
int theme_load(const char *name, struct theme *t, struct jh_error *err);

#endif
