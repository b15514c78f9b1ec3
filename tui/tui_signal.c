/* SPDX-License-Identifier: GPL-2.0-only */
/* Signals: Ctrl-C, SIGTERM and SIGHUP end the screens at the next key
 * poll (the loop ends curses and exits 130); a crash ends curses first so
 * the terminal is never left raw. */
#include "draw.h"

#include <signal.h>
#include <stdlib.h>

/* Only the signal handler writes this; the loop polls it. */
static volatile sig_atomic_t interrupted;

bool tui_interrupted(void)
{
	return interrupted != 0;
}

static void on_interrupt(int sig)
{
	interrupted = sig;
}

/* A crash must not leave the terminal raw: end curses, then die of the
 * signal as before. */
static void on_fatal(int sig)
{
	if (!isendwin())
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void end_curses(void)
{
	if (!isendwin())
		endwin();
}

void tui_install_signals(void)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: getch returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGFPE, on_fatal);
	signal(SIGABRT, on_fatal);
	/* fatal errors that exit (out of memory) restore the terminal too */
	atexit(end_curses);
}

