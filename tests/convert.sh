#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf convert: every reference root cell, read in one revision and
# written in another, is byte for byte what Jailhouse's own build made for
# that other revision (tests/data/ref/<snapshot>/rev{12,13,14}); a value
# the target revision cannot state is named and nothing is written.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
fails=0 cases=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

for from in "$DATA"/ref/*/rev1[234]/*.cell; do
	snap=${from##*/}; snap=${snap%.cell}
	for to in 12 13 14; do
		want="$DATA/ref/$snap/rev$to/$snap.cell"
		cases=$((cases + 1))
		rm -f "$tmp/x.c" "$tmp/x.cell"
		"$JHCONF" convert --config-revision "$to" "$from" "$tmp/x.c" >"$tmp/log" 2>&1 ||
			{ fail "$from -> $to: $(cat "$tmp/log")"; continue; }
		cmp -s "$want" "$tmp/x.cell" || fail "$from -> rev $to differs from $want"
	done
done

# An inmate cell flagged AArch32 (0x4, revision 14 only) cannot go to 13.
cases=$((cases + 1))
"$JHCONF" convert --config-revision 14 "$DATA/partition/q35-jailhouse-doc/demo.cell" \
	"$tmp/demo.c" >/dev/null 2>&1 || fail "demo.cell -> 14"
# flags are at offset 44 of a cell file (signature and architecture 6,
# revision 2, name 32, id 4)
printf '\005\000\000\100' | dd of="$tmp/demo.cell" bs=1 seek=44 conv=notrunc 2>/dev/null
rm -f "$tmp/out.c" "$tmp/out.cell"
"$JHCONF" convert --config-revision 13 "$tmp/demo.cell" "$tmp/out.c" >"$tmp/log" 2>&1
rc=$?
[ $rc = 2 ] || fail "AArch32 to rev 13: exit $rc"
grep -qF 'JAILHOUSE_CELL_AARCH32 exists from revision 14 on' "$tmp/log" ||
	fail "AArch32 to rev 13: $(cat "$tmp/log")"
[ -e "$tmp/out.c" ] || [ -e "$tmp/out.cell" ] && fail "AArch32 to rev 13 wrote output"

echo "convert: $cases cases, $fails failed"
[ "$fails" = 0 ]
