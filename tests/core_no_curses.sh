#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# core/ never depends on curses: the command line and the TUI live in tui/,
# and core/ must serve other front ends (and tests, and fuzzers) without a
# terminal library. Two checks:
#  1. no source or header under core/ includes a curses header;
#  2. the core library (core/libjhcore.a) needs no symbol that a curses
#     library defines: its undefined symbols (nm -u) are compared with the
#     symbols of every library in NCURSES_LIBS (configure's pkg-config
#     result, e.g. -lncursesw -ltinfo), and with a fixed list of
#     well-known curses entry points so that the check never passes
#     for want of a library to read.
# Environment: TOP_SRCDIR, TOP_BUILDDIR; NCURSES_LIBS, JH_CC, NM optional.
set -u
: "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
NM=${NM:-nm}
CC=${JH_CC:-cc}
lib=$TOP_BUILDDIR/core/libjhcore.a
fail=0

hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]((n?cursesw?/)?(n?curses(w)?|term|menu|form|panel)\.h|ncursesw?/[^>"]*)[>"]' \
	"$TOP_SRCDIR/core" --include='*.c' --include='*.h')
if [ -n "$hits" ]; then
	echo "FAIL: core/ includes curses:"
	echo "$hits"
	fail=1
else
	echo "ok   no curses include under core/"
fi

command -v "$NM" >/dev/null 2>&1 || { echo "SKIP: no $NM"; exit 77; }
[ -f "$lib" ] || { echo "FAIL: $lib not built"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nocurses.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM

"$NM" -u "$lib" 2>/dev/null | awk 'NF >= 2 && $1 == "U" { print $2 }' |
	sort -u >"$work/undefined"

# Entry points every curses has (X/Open Curses, terminfo).
for s in initscr endwin newwin delwin wrefresh doupdate wgetch waddstr \
	waddch wmove mvwprintw wprintw wattr_on wattr_off start_color \
	init_pair has_colors keypad cbreak noecho curs_set newterm set_term \
	stdscr curscr COLS LINES setupterm tgetent tigetstr tputs; do
	echo "$s"
done >"$work/curses"
libs=0
for l in ${NCURSES_LIBS:-}; do
	case $l in -l*) ;; *) continue ;; esac
	name=${l#-l}
	# a static archive lists every symbol; a shared library its dynamic ones
	a=$("$CC" -print-file-name="lib$name.a" 2>/dev/null)
	so=$("$CC" -print-file-name="lib$name.so" 2>/dev/null)
	if [ -f "$a" ] && "$NM" --defined-only "$a" >"$work/nm" 2>/dev/null; then
		:
	elif [ -f "$so" ] && "$NM" -D --defined-only "$so" >"$work/nm" 2>/dev/null; then
		:
	else
		continue
	fi
	awk 'NF >= 3 { print $3 }' "$work/nm" >>"$work/curses"
	libs=$((libs + 1))
done
sort -u -o "$work/curses" "$work/curses"

both=$(comm -12 "$work/undefined" "$work/curses")
if [ -n "$both" ]; then
	echo "FAIL: core/libjhcore.a uses curses symbols:" $both
	fail=1
else
	echo "ok   core/libjhcore.a: $(wc -l <"$work/undefined") undefined symbols, none of $(wc -l <"$work/curses") curses symbols ($libs libraries read)"
fi
exit $fail
