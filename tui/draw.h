/* SPDX-License-Identifier: GPL-2.0-only */
/* Drawing helpers shared by draw.c and the screens' pictures (curses). */
#ifndef JH_TUI_DRAW_H
#define JH_TUI_DRAW_H

#include <curses.h>

#include "tui.h"

/* The curses attribute of a colour role under the current theme. */
attr_t tui_attr(const struct tui *t, enum tui_role role);
/* Apply the theme: colour pairs (when colours are on) and the background. */
void tui_apply_theme(struct tui *t);
/* The smallest terminal jhconf draws on (menuconfig's limits). */
#define TUI_MIN_LINES 19
#define TUI_MIN_COLS 80
/* What a mouse click at (y, x) hits: 1 an item (*item), 2 a button
 * (*button), 0 nothing. */
int tui_hit(struct tui *t, int y, int x, size_t *item, int *button);
/* Read a key; Esc Esc comes back as one 27, a lone Esc followed by
 * another key as that key. ERR on a pending signal. */
int tui_getkey(struct tui *t);
/* Set by the signal handler (tui_run.c): leave at once. */
bool tui_interrupted(void);

#endif
