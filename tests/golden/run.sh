#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Golden test: every snapshot x every reference case (tests/data/ref, made by
# Jailhouse master's own config create + build, see its README). Where the
# reference holds a .cell, jhconf must write the same bytes (cmp) and a .c
# file; where Jailhouse refused, jhconf must refuse with exit 1, one line of
# reason, and write nothing. The memmap hint must match the one Jailhouse
# wrote into its C file (c-note.txt): the same text in the .c, the same
# reservation printed (82M for 0x5200000).
set -u
: "${JHCONF:?}" "${DATA:?}"
out=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-golden.XXXXXX")
trap 'rm -rf "$out"' EXIT
fail=0
printf '%-20s %-18s %s\n' snapshot case result
for refdir in "$DATA"/ref/*/*/; do
	case_=$(basename "$refdir")
	snap=$(basename "$(dirname "$refdir")")
	set -- --root "$DATA/snapshots/$snap"
	case "$case_" in
	rev13) set -- "$@" --config-revision 13 ;;
	rev12) set -- "$@" --config-revision 12 ;;
	rev14-mem8M-120M) set -- "$@" --mem-hv 8M --mem-inmates 120M ;;
	esac
	base="$out/$snap-$case_"
	"$JHCONF" create "$@" "$base.c" >"$base.stdout" 2>"$base.stderr"
	rc=$?
	if [ -f "$refdir/$snap.cell" ]; then
		if [ $rc -ne 0 ]; then
			result="FAIL: exit $rc: $(head -n1 "$base.stderr")"
		elif ! cmp -s "$refdir/$snap.cell" "$base.cell"; then
			result="FAIL: $(cmp "$refdir/$snap.cell" "$base.cell" 2>&1 | head -n1)"
		elif [ ! -s "$base.c" ]; then
			result="FAIL: no .c written"
		else
			hint=$(sed -n 's/.*"\(memmap=[^"]*\)".*/\1/p' "$refdir/c-note.txt")
			# printed in the user's words: the same reservation with
			# a whole number of MiB written "NM", as Jailhouse's
			# README writes it (the .c keeps master's hex text)
			words=$hint
			if [ -n "$hint" ]; then
				hsize=${hint#memmap=}; hsize=${hsize%%\$*}
				if [ $((hsize % 1048576)) -eq 0 ]; then
					words="memmap=$((hsize / 1048576))M\$${hint#*\$}"
				fi
			fi
			if [ -n "$hint" ] && ! grep -qF "needs: $words" "$base.stdout"; then
				result="FAIL: hint '$words' not printed"
			elif [ -n "$hint" ] && ! grep -qF "$words" "$base.c"; then
				result="FAIL: hint '$words' not in the .c"
			else
				result="identical ($(wc -c <"$base.cell") bytes)"
			fi
		fi
	else
		lines=$(wc -l <"$base.stderr")
		if [ $rc -ne 1 ]; then
			result="FAIL: expected refusal (exit 1), got exit $rc"
		elif [ -e "$base.cell" ] || [ -e "$base.c" ]; then
			result="FAIL: refused but wrote output"
		elif [ "$lines" -lt 1 ] || ! tail -n1 "$base.stderr" | grep -q '^jhconf: '; then
			result="FAIL: no one-line reason"
		else
			result="refused: $(tail -n1 "$base.stderr" | cut -c1-90)"
		fi
	fi
	case "$result" in FAIL*) fail=1 ;; esac
	printf '%-20s %-18s %s\n' "$snap" "$case_" "$result"
done
exit $fail
