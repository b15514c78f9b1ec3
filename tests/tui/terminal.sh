#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Terminal behaviour: 80x24 and resizing below menuconfig's 19x80 limit,
# themes (switching, a missing one), NO_COLOR, Ctrl-C, and `jhconf` alone
# off a terminal keeping the usage for scripts.
. "$TOP_SRCDIR/tests/tui/lib.sh"

# off a terminal: the usage, exit 2, as before the screens existed
"$JHCONF" </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "^usage: jhconf COMMAND" "$tmp/err" && ok "no terminal: usage, exit 2" ||
	fail "jhconf without a terminal: status $st"
"$JHCONF" tui --root "$SNAP" </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "needs a terminal" "$tmp/err" && ok "jhconf tui without a terminal: exit 2" ||
	fail "jhconf tui without a terminal: status $st"

start 80 24 tui --root "$SNAP"
wait_for "Jailhouse configuration" "main menu at 80x24" || exit 1
wait_for "<Select> < Exit > < Help > < Save > < Load >" "buttons at 80x24"
# the memory map's picture still fits at 80x24
keys s Enter
wait_for "Memory map  --->"
keys Enter
wait_for "cursor: 0x0-" "memory map at 80x24"
# smaller than 19 lines: menuconfig's message
tm resize-window -t "$sess" -x 80 -y 18
wait_for "Your display is too small to run jhconf!" "too-small message" || exit 1
wait_for "It must be at least 19 lines by 80 columns."
tm resize-window -t "$sess" -x 79 -y 24
wait_for "(now 24 by 79" "too narrow"
# back to a usable size: the screen returns where it was
tm resize-window -t "$sess" -x 100 -y 30
wait_for "> Memory map" "the screen comes back after resize"
wait_gone "too small"

# themes: step with the Theme item (classic -> dark -> mono)
keys Escape Escape
wait_for "Memory map  --->"
keys Escape Escape
wait_for "Theme: classic" || exit 1
keys End Enter
wait_for "Theme: dark" "switched to dark"
wait_for "theme dark" "status says so"
keys Enter
wait_for "Theme: mono" "switched to mono"
# Ctrl-C: curses ends, the shell's screen comes back, exit 130
keys C-c
st=$(wait_exit)
[ "$st" = 130 ] && ok "Ctrl-C: exit 130" || fail "Ctrl-C: status $st"
grep -q "interrupted" "$tmp/stderr" && ok "Ctrl-C says so" || fail "no message on Ctrl-C"
stop

# `jhconf` alone in a folder without a project: the live system when it can
# be read (root, ACPI tables readable), else the bundled demo snapshot. As
# an unprivileged user the live system cannot be read, so the demo opens:
# when this runs as root, setpriv drops to nobody to see that.
if [ "$(id -u)" != 0 ]; then
	start 100 30
	wait_for "(demo snapshot: q35-jailhouse-doc)" "jhconf alone opens the demo" && ok "demo by default"
	stop
elif command -v setpriv >/dev/null; then
	chmod 755 "$tmp"
	mkdir -p "$tmp/nobody"
	chmod 777 "$tmp/nobody"
	new_sock
	tm new-session -d -s "$sess" -x 100 -y 30 \
		"cd $tmp/nobody && env LANG=C.UTF-8 JHCONF_THEMES=$JHCONF_THEMES setpriv --reuid=65534 --regid=65534 --clear-groups $JHCONF; sleep 600"
	wait_for "(demo snapshot: q35-jailhouse-doc)" "jhconf alone as nobody opens the demo" &&
		ok "demo by default"
	keys Escape Escape
	wait_gone "(demo snapshot"
	stop
	# and as root on this machine: whatever it is, the title says which
	start 100 30
	end=$(($(date +%s) + WAIT))
	while ! screen | grep -qE "jhconf \((live system|demo snapshot: q35-jailhouse-doc)\)"; do
		[ "$(date +%s)" -le "$end" ] || { fail "jhconf alone as root: no title"; screen; break; }
		sleep 0.1
	done
	stop
else
	echo "skip: running as root without setpriv: the demo default is not tried"
fi

# a missing theme: one line and the built-in default
start 100 30 tui --root "$SNAP" --theme nosuch
wait_for "theme 'nosuch': no nosuch.theme in" "missing theme message on the status line" || exit 1
wait_for "Theme: classic" "the built-in default"
keys Escape Escape
st=$(wait_exit)
[ "$st" = 0 ] && ok "quit" || fail "quit status $st"
[ "$(grep -c "theme 'nosuch'" "$tmp/stderr")" = 1 ] && ok "one line on stderr too" ||
	fail "stderr: $(cat "$tmp/stderr")"
stop

# a broken theme file: its file and line on the status line, the default
mkdir -p "$tmp/themes"
printf '# broken\nitem = red,purple\n' >"$tmp/themes/broken.theme"
TUI_ENV="JHCONF_THEMES=$tmp/themes" start 100 30 tui --root "$SNAP" --theme broken
wait_for "broken.theme:2: unknown colour 'purple'" "broken theme message" || exit 1
wait_for "Theme: classic"
keys Escape Escape
wait_exit >/dev/null
grep -qx "jhconf: $tmp/themes/broken.theme:2: unknown colour 'purple'; using the built-in classic theme" \
	"$tmp/stderr" && ok "the broken theme's line on stderr" || fail "stderr: $(cat "$tmp/stderr")"
stop

# --ascii: frames of ASCII characters (for terminals without line drawing)
start 100 30 tui --root "$SNAP" --ascii
wait_for "+-------" "ASCII corners" || exit 1
wait_for "|| System  --->" "ASCII sides"
screen | grep -q "─" && fail "line drawing under --ascii" || ok "only ASCII under --ascii"
stop

# JHCONF_THEME and NO_COLOR
TUI_ENV="JHCONF_THEME=mono NO_COLOR=1" start 100 30 tui --root "$SNAP"
wait_for "Theme: mono" "JHCONF_THEME chooses" || exit 1
# with NO_COLOR nothing is drawn in colour: capture-pane -e shows no
# colour escape (38;5 / 3x;4x)
if tm capture-pane -e -p -t "$sess" | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	fail "colours under NO_COLOR"
else
	ok "no colours under NO_COLOR"
fi
# the mouse: at 100x30 the menu's first row is row 6 (back title, breadcrumb,
# the dialog's frame, two legend lines, the menu box's frame), so Hypervisor
# (the third item) is row 8; a click highlights, a second click opens
click 10 8
# the first click highlights: under mono that is reverse video (SGR 7);
# the H is drawn apart (the hot key), so the line holds "ypervisor"
end=$(($(date +%s) + WAIT))
until tm capture-pane -e -p -t "$sess" | grep "ypervisor  --->" | grep -q "$(printf '\033')\[7m"; do
	[ "$(date +%s)" -le "$end" ] || { fail "a click did not highlight Hypervisor"; break; }
	sleep 0.1
done
click 10 8
wait_for "Jailhouse configuration > Hypervisor" "two clicks opened Hypervisor"
# the buttons row is 26 (the dialog ends at row 27); the dialog is 95 wide
# at column 2 and the five buttons take 44 columns: <Select> at 27-34,
# < Exit > at 36-43
click 38 26
wait_gone "> Hypervisor"
wait_for "Readiness" "the Exit button went back"
stop
[ $fails -eq 0 ]
