#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The bash completion (tui/jhconf.bash-completion), sourced in bash and
# asked for completions the way bash asks (COMP_WORDS, COMP_CWORD, the
# completion function). Expected words come from the program's own --help
# and from the snapshot (its PCI slots) and a project made here.
: "${JHCONF:?JHCONF not set}" "${TOP_SRCDIR:?TOP_SRCDIR not set}" "${DATA:?DATA not set}"
command -v bash >/dev/null || { echo "SKIP: no bash"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" && ln -s "$JHCONF" "$tmp/bin/jhconf"
SNAP="$DATA/snapshots/q35-jailhouse-doc"
(cd "$tmp" && "$JHCONF" init --root "$SNAP" >/dev/null && "$JHCONF" cell add demo1 --cpus 1 >/dev/null) ||
	{ echo "FAIL: could not make a project"; exit 1; }
cd "$tmp" || exit 99
PATH="$tmp/bin:$PATH" SNAP="$SNAP" bash -c '
	shopt -s extglob
	. "$TOP_SRCDIR/tui/jhconf.bash-completion"
	fails=0
	# complete "words..." : prints the candidates, one a line
	complete_line() {
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		_jhconf
		printf "%s\n" "${COMPREPLY[@]}"
	}
	want() {  # want WORD words...: WORD is among the candidates
		w=$1; shift
		complete_line "$@" | grep -qx -- "$w" || { echo "FAIL: [$*] lacks $w"; fails=$((fails + 1)); }
	}
	lacks() {
		w=$1; shift
		complete_line "$@" | grep -qx -- "$w" && { echo "FAIL: [$*] offers $w"; fails=$((fails + 1)); }
	}
	want create jhconf cr
	want convert jhconf c
	lacks list jhconf c
	want --mem-hv jhconf create --mem
	want --mem-inmates jhconf create --mem
	want --snapshot jhconf list --sn
	want -S jhconf list -
	want pci jhconf list p
	want ports jhconf list p
	want 13 jhconf create --config-revision 1
	want 00:1b.0 jhconf cell add x --root "$SNAP" --pci 00:1
	want add jhconf cell a
	want demo1 jhconf cell show d
	want demo1 jhconf link add d
	want virtio-blk jhconf link add a b --protocol virtio-
	exit $fails
' || exit 1
echo "completion: commands, options, sections, slots and cell names complete"
