# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tmux tests: start jhconf in a detached tmux session of a
# fixed size, send keys, wait for text by polling capture-pane (never a
# fixed sleep), assert on the screen. Sourced; sets $tmp and $sess.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}" "${TOP_SRCDIR:?TOP_SRCDIR not set}"
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed (apt-get install tmux)"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
sess="jhconf-test-$$"
# a private tmux server per start: tests never touch the user's sessions,
# and a new start never meets a server still ending after the last kill
unset TMUX
nsock=0
new_sock() {
	nsock=$((nsock + 1))
	TMUX_SOCK="$tmp/tmux-$nsock.sock"
}
new_sock
trap 'for s in "$tmp"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }
# generous: a loaded 2-core machine
WAIT=${TUI_WAIT:-20}
SNAP="$DATA/snapshots/q35-jailhouse-doc"
export JHCONF_THEMES="$TOP_SRCDIR/themes"

tm() { tmux -S "$TMUX_SOCK" "$@"; }

# start W H ARGS...: run jhconf ARGS in $tmp/work; "exit status" is
# written to $tmp/status when it ends.
start() {
	w=$1 h=$2
	shift 2
	mkdir -p "$tmp/work"
	: >"$tmp/status.tmp"
	rm -f "$tmp/status"
	: >"$tmp/args"
	[ $# -eq 0 ] || printf '%s\n' "$@" >"$tmp/args"
	cat >"$tmp/run.sh" <<EOS
trap : INT
cd "$tmp/work" || exit 1
set --
while IFS= read -r a; do set -- "\$@" "\$a"; done <"$tmp/args"
"$JHCONF" "\$@" 2>"$tmp/stderr"
echo \$? >"$tmp/status"
sleep 600
EOS
	new_sock
	tm new-session -d -s "$sess" -x "$w" -y "$h" "env LANG=C.UTF-8 ${TUI_ENV:-} sh $tmp/run.sh"
}

screen() { tm capture-pane -p -t "$sess"; }
keys() { tm send-keys -t "$sess" "$@"; }
# type TEXT literally
typ() { tm send-keys -t "$sess" -l "$1"; }

# wait_for TEXT [WHAT]: poll until the screen shows TEXT (fixed string)
wait_for() {
	end=$(($(date +%s) + WAIT))
	while [ "$(date +%s)" -le "$end" ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	fail "${2:-waiting for '$1'}: not on the screen after ${WAIT}s"
	screen | sed 's/^/  | /'
	return 1
}

# wait_gone TEXT: poll until TEXT is no longer on the screen
wait_gone() {
	end=$(($(date +%s) + WAIT))
	while [ "$(date +%s)" -le "$end" ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	fail "'$1' still on the screen after ${WAIT}s"
	screen | sed 's/^/  | /'
	return 1
}

# wait_exit: until jhconf ended; prints its status
wait_exit() {
	end=$(($(date +%s) + WAIT))
	while [ "$(date +%s)" -le "$end" ]; do
		if [ -s "$tmp/status" ]; then
			cat "$tmp/status"
			return 0
		fi
		sleep 0.1
	done
	echo timeout
}

stop() { tm kill-server 2>/dev/null; }

# click X Y: a left click at column X, row Y (0-based) as an xterm reports it
# (X10 mouse encoding: ESC [ M, then 32 + button, 33 + x, 33 + y; a press,
# then a release), sent as hex bytes so that tmux reads none of them as
# its own syntax (a ';' ends a tmux command)
click() {
	for b in 32 35; do
		tm send-keys -t "$sess" -H 1b 5b 4d "$(printf %x "$b")" \
			"$(printf %x $((33 + $1)))" "$(printf %x $((33 + $2)))"
	done
}
