#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# One option parser for every command (tui/cli_options.c): getopt_long's
# conventions. The truth for each spelling is the plain spelling's output
# (--root DIR), which the golden and list tests check against Jailhouse
# and the snapshots: every other spelling must give the same bytes.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
SNAP="$DATA/snapshots/q35-jailhouse-doc"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$JHCONF" list pci -v --root "$SNAP" >"$tmp/want" 2>&1 || fail "list pci -v --root"
same() {
	name=$1; shift
	"$JHCONF" "$@" >"$tmp/got" 2>&1 || { fail "$name: exit $?"; return; }
	cmp -s "$tmp/want" "$tmp/got" || fail "$name: output differs from --root DIR"
}
same "--root=DIR" list pci -v --root="$SNAP"
same "-rDIR" list pci -v -r"$SNAP"
same "-r DIR" list pci -v -r "$SNAP"
same "bundled -vr DIR" list pci -vr "$SNAP"
same "options after the section" list -v --root "$SNAP" pci
same "options before the section" list --root "$SNAP" -v pci
same "a unique prefix --ro" list pci -v --ro "$SNAP"
same "--verbose" list pci --verbose --root "$SNAP"
POSIXLY_CORRECT=1 "$JHCONF" list pci -v --root "$SNAP" >"$tmp/got" 2>&1 ||
	fail "POSIXLY_CORRECT: exit $?"
cmp -s "$tmp/want" "$tmp/got" || fail "POSIXLY_CORRECT stops at the section"

# "--" ends the options: a file named like an option is an operand.
"$JHCONF" create --root "$SNAP" -- "$tmp/-x.c" >/dev/null 2>&1 ||
	fail "create -- -x.c: exit $?"
[ -f "$tmp/-x.cell" ] || fail "create -- -x.c: no -x.cell written"

# Every command: --help and -h print "usage:", "Options:" and "Exit
# status:" to stdout with exit 0; --version and -V print the version.
version=$("$JHCONF" --version) || fail "--version"
for cmd in create show list collect init cell link generate convert update; do
	for h in --help -h; do
		out=$("$JHCONF" $cmd $h) || fail "$cmd $h: exit $?"
		for want in "usage: jhconf $cmd" "Options:" "Exit status:" "--help" "--version"; do
			printf '%s\n' "$out" | grep -q -e "$want" || fail "$cmd $h: no '$want'"
		done
	done
	for v in --version -V; do
		[ "$("$JHCONF" $cmd $v)" = "$version" ] || fail "$cmd $v: not '$version'"
	done
	# every long option the help lists is accepted by the parser (it
	# may then fail for want of a value or input, but never as unknown)
	"$JHCONF" $cmd --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z-]*\).*/\2/p' |
	while read -r opt; do
		"$JHCONF" $cmd --$opt 2>&1 </dev/null | grep -q "unknown or ambiguous option" &&
			echo "FAIL: $cmd --$opt: listed in --help, unknown to the parser"
	done >"$tmp/unknown"
	[ -s "$tmp/unknown" ] && { cat "$tmp/unknown"; fails=$((fails + 1)); }
done

# Bad usage: one line on stderr naming the option, exit 2, nothing on stdout.
bad() {
	want=$1; shift
	"$JHCONF" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] || fail "$*: exit $st, want 2"
	[ -s "$tmp/out" ] && fail "$*: printed on stdout"
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "$*: not one line: $(cat "$tmp/err")"
	grep -q -e "$want" "$tmp/err" || fail "$*: '$(cat "$tmp/err")' lacks '$want'"
}
bad "unknown or ambiguous option '--bogus'" list --bogus
bad "unknown or ambiguous option '--mem'" create --mem 3 x.c      # --mem-hv or --mem-inmates?
bad "option '--strict=1' takes no value" create --strict=1 x.c
bad "option '-r' needs a value" create -r
bad "unknown option '-x'" show -x
bad "unknown option '-q'" list -vq
bad "give one machine, not both" list -r "$SNAP" -S x.tar

[ $fails = 0 ] || exit 1
echo "options: all spellings agree"
