/* SPDX-License-Identifier: GPL-2.0-only */
/* `jhconf tui`: choose what to open, set up and restore the terminal, the
 * main loop, save / load / quit. */
#include "autoconf.h"
#include "cli.h"
#include "draw.h"
#include "tui.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef JH_DEMO_SNAPSHOT
#define JH_DEMO_SNAPSHOT "tests/data/snapshots/q35-jailhouse-doc"
#endif
#ifndef JH_DATA_DEMO
#define JH_DATA_DEMO "/usr/local/share/jhconf/snapshots/q35-jailhouse-doc"
#endif

enum { KEY_THEME = CLI_LONG_ONLY + 100, KEY_ASCII };

static const struct cli_option tui_options[] = {
	{ "theme", KEY_THEME, "NAME", "classic (default), dark or mono; also $JHCONF_THEME" },
	{ "ascii", KEY_ASCII, NULL, "frames of ASCII characters instead of line drawing" },
	{ NULL, 0, NULL, NULL },
};

static const struct cli_option *const tui_tables[] = {
	tui_options, cli_project_options, cli_source_options, NULL,
};

static const struct cli_spec tui_spec = {
	.command = "tui",
	.usage = "[-r DIR | -S FILE.tar] [-p FILE] [--theme NAME] [--ascii]",
	.about = "The menuconfig-like screens: see the machine as Jailhouse will, size the\n"
		 "hypervisor's window, make inmate cells, watch the findings, save the\n"
		 "project and write every cell. `jhconf` alone on a terminal opens them on\n"
		 "./jhconf.conf when there is one, else on this machine when it can be\n"
		 "read, else on the bundled demo snapshot.",
	.tables = tui_tables,
	.notes = "NO_COLOR set: no colours. JHCONF_THEMES: a folder of themes.",
	.exit = "0, 2 bad input or no terminal, 130 interrupted (Ctrl-C).",
};

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The demo snapshot: beside the binary (the build tree), installed
 * (make install), or in the source tree it was built from. */
static char *find_demo(void)
{
	char *dir = jh_exe_dir();
	if (dir) {
		char *p = xasprintf("%s/tests/data/snapshots/q35-jailhouse-doc", dir);
		free(dir);
		if (is_dir(p))
			return p;
		free(p);
	}
	if (is_dir(JH_DATA_DEMO))
		return xstrdup(JH_DATA_DEMO);
	if (is_dir(JH_DEMO_SNAPSHOT))
		return xstrdup(JH_DEMO_SNAPSHOT);
	return NULL;
}

struct tui_opts {
	struct cli_project_opts proj;
	const char *theme;
	bool ascii;
};

static int tui_option(void *ctx, int key, const char *arg, struct jh_error *err)
{
	struct tui_opts *o = ctx;
	if (key == KEY_THEME) {
		o->theme = arg;
		return 1;
	}
	if (key == KEY_ASCII) {
		o->ascii = true;
		return 1;
	}
	return cli_project_handle(&o->proj, key, arg, err);
}

/* Open what the options and the current folder say (see the usage). */
static int open_start(struct tui *t, const struct tui_opts *o, struct jh_error *err)
{
	const char *path = cli_project_path(&o->proj);
	t->project_path = xstrdup(path);
	struct stat st;
	if (lstat(path, &st) == 0) {
		t->origin = ORIGIN_PROJECT;
		return cli_project_open(t->s, &o->proj, err);
	}
	enum jhconf_source kind;
	const char *src = NULL;
	char *demo = NULL;
	if (o->proj.src.snapshot || o->proj.src.root) {
		kind = o->proj.src.snapshot ? JHCONF_SOURCE_TAR : JHCONF_SOURCE_TREE;
		src = o->proj.src.snapshot ? o->proj.src.snapshot : o->proj.src.root;
		t->origin = o->proj.src.snapshot ? ORIGIN_TAR : ORIGIN_TREE;
		const char *base = strrchr(src, '/');
		t->origin_label = xstrdup(base && base[1] ? base + 1 : src);
		if (jhconf_open(t->s, kind, src, err) < 0)
			return -1;
	} else {
		struct jh_error live = { 0 };
		if (jhconf_open(t->s, JHCONF_SOURCE_DEFAULT, NULL, &live) == 0) {
			kind = JHCONF_SOURCE_LIVE;
			t->origin = ORIGIN_LIVE;
		} else {
			demo = find_demo();
			if (!demo) {
				jh_fail(err, JH_BADINPUT, "%s; and the demo snapshot is not installed "
					"(give --root DIR or --snapshot FILE)", live.msg);
				jh_error_clear(&live);
				return -1;
			}
			jh_error_clear(&live);
			kind = JHCONF_SOURCE_TREE;
			src = demo;
			t->origin = ORIGIN_DEMO;
			const char *base = strrchr(demo, '/');
			t->origin_label = xstrdup(base ? base + 1 : demo);
			if (jhconf_open(t->s, kind, src, err) < 0) {
				free(demo);
				return -1;
			}
		}
	}
	int rc = jhconf_project_init(t->s, kind, src, NULL, err);
	free(demo);
	return rc;
}

/* A click moves the cursor to an item, a click on the highlighted item
 * opens it; a click on a button presses it. */
static int mouse_key(struct tui *t, struct screen *s)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return ERR;
	size_t item;
	int button;
	switch (tui_hit(t, ev.y, ev.x, &item, &button)) {
	case 1:
		t->button = 0;
		if (item != s->cur) {
			s->cur = item;
			return ERR;
		}
		return '\r';
	case 2:
		t->button = button;
		return '\r';
	default:
		return ERR;
	}
}

static enum tui_act dispatch(struct tui *t, struct screen *s, int c)
{
	if (c == KEY_MOUSE && (c = mouse_key(t, s)) == ERR)
		return ACT_DRAW;
	const struct tui_key *k = tui_key_find(s->cls->keys, c);
	enum tui_act a = ACT_UNHANDLED;
	if (k)
		a = k->fn(t, s);
	if (a == ACT_UNHANDLED && (k = tui_key_find(tui_common_keys, c)))
		a = k->fn(t, s);
	if (a == ACT_UNHANDLED && c > ' ' && c < 0x7f)
		a = screen_hotkey(s, c) ? ACT_DRAW : ACT_NONE;
	return a;
}

static int run_loop(struct tui *t, const char **farewell)
{
	tui_push(t, &screen_main, 0, NULL);
	while (!t->quit) {
		struct screen *s = tui_top(t);
		tui_refresh(t, s);
		tui_draw(t);
		int c = tui_getkey(t);
		if (c == ERR && tui_interrupted())
			return 130;
		if (c == KEY_RESIZE)
			continue;
		if (LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS) {
			/* only leaving works on the too-small message */
			if (c == 27 && tui_confirm_quit(t, farewell))
				break;
			continue;
		}
		free(t->message);
		t->message = NULL;
		enum tui_act a = dispatch(t, s, c);
		if (a == ACT_POP) {
			tui_pop(t);
		} else if (a == ACT_QUIT) {
			if (tui_confirm_quit(t, farewell))
				break;
		} else if (a == ACT_REBUILD) {
			for (size_t i = 0; i < t->depth; i++)
				t->stack[i]->stale = true;
		}
		if (!t->depth)
			break;
	}
	return 0;
}

int cmd_tui(int argc, char **argv)
{
	struct tui_opts o = { 0 };
	struct jh_error err = { 0 };
	struct cli_operands ops;
	enum cli_parse_result pr = cli_parse(argc, argv, &tui_spec, tui_option, &o, &ops, &err);
	if (pr == CLI_PARSE_DONE)
		return JH_OK;
	if (pr == CLI_PARSE_OK && ops.n)
		jh_fail(&err, JH_BADINPUT, "tui: unexpected argument '%s' (see --help)",
			cli_shown(ops.v[0]));
	cli_operands_free(&ops);
	if (err.msg)
		return cli_report(&err);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "jhconf tui: needs a terminal (stdin and stdout)\n");
		return JH_BADINPUT;
	}
	struct tui t = { 0 };
	t.ascii = o.ascii || (getenv("JHCONF_ASCII") && *getenv("JHCONF_ASCII"));
	const char *theme = o.theme ? o.theme : getenv("JHCONF_THEME");
	char *theme_warning = NULL;
	if (theme && *theme) {
		if (theme_load(theme, &t.theme, &err) < 0) {
			/* one line, then the built-in default */
			theme_warning = xasprintf("%s; using the built-in classic theme", err.msg);
			jh_error_clear(&err);
			theme_default(&t.theme);
			t.theme_name = xstrdup("classic");
		} else {
			t.theme_name = xstrdup(theme);
		}
	} else {
		theme_default(&t.theme);
		t.theme_name = xstrdup("classic");
	}
	t.s = jhconf_new();
	if (open_start(&t, &o, &err) < 0) {
		cli_print_findings(jhconf_findings(t.s));
		int rc = cli_report(&err);
		jh_error_clear(&err);
		free(theme_warning);
		tui_free(&t);
		return rc;
	}
	tui_replan(&t);

	setlocale(LC_ALL, "");
	tui_install_signals();
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	if (!initscr()) {
		fprintf(stderr, "jhconf tui: cannot start curses on this terminal\n");
		tui_free(&t);
		return JH_BADINPUT;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	tui_apply_theme(&t);
	if (theme_warning)
		tui_say(&t, "%s", theme_warning);
	const char *farewell = NULL;
	int rc = run_loop(&t, &farewell);
	endwin();
	if (theme_warning)
		fprintf(stderr, "jhconf: %s\n", theme_warning);
	if (rc == 130)
		fprintf(stderr, "jhconf: interrupted%s\n",
			t.dirty ? "; the changes were NOT saved" : "");
	else if (farewell)
		printf("%s\n", farewell);
	free(theme_warning);
	tui_free(&t);
	return rc;
}
