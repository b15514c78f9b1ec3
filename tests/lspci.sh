#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `jhconf list pci` against lspci itself (pciutils, the tool it follows):
# on every bundled snapshot and a generated machine with bridges, lspci
# reads the same tree (-O sysfs.path=...) and the same pci.ids (hwdb off,
# as jhconf never reads it), and the lines must be identical for the
# plain listing, -n, -nn, -D, the tree -t and -tv, and the filters -s and
# -d. (-k and -v differ on purpose: they add Jailhouse's facts.)
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}" "${TOP_BUILDDIR:?TOP_BUILDDIR not set}"
LSPCI=$(command -v lspci || ls /usr/bin/lspci /sbin/lspci /usr/sbin/lspci 2>/dev/null | head -1)
if [ -z "$LSPCI" ]; then
	echo "SKIP: lspci not installed (apt-get install pciutils)"
	exit 77
fi
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$TOP_BUILDDIR/tests/bench/gen_machine" 1 "$tmp/gen" >/dev/null || fail "gen_machine"
trees="$tmp/gen"
for d in "$DATA"/snapshots/*/; do
	[ -d "$d/sys/bus/pci/devices" ] && trees="$trees ${d%/}"
done
ids=$(sed -n 's/^#define JH_PCI_IDS "\(.*\)"$/\1/p' "$TOP_BUILDDIR/autoconf.h")
n=0
for t in $trees; do
	name=${t##*/}
	for args in "" "-n" "-nn" "-D" "-t" "-tv" "-s 00:1f" "-s .0" "-d 8086:" "-d ::0604" \
		    "-nn -s 00:02.0"; do
		# shellcheck disable=SC2086
		"$LSPCI" -i "$ids" -O hwdb.disable=1 -O sysfs.path="$t/sys/bus/pci" $args \
			>"$tmp/want" 2>"$tmp/want.err"
		# shellcheck disable=SC2086
		"$JHCONF" list pci --root "$t" $args >"$tmp/got" 2>"$tmp/got.err" ||
			{ fail "$name list pci $args: exit $?: $(cat "$tmp/got.err")"; continue; }
		n=$((n + 1))
		if ! cmp -s "$tmp/want" "$tmp/got"; then
			fail "$name: list pci $args differs from lspci:"
			diff "$tmp/want" "$tmp/got" | head -5
		fi
	done
done
# -t with a filter: lspci 3.9 (Debian 12) ignores the filter in tree
# mode; lspci 3.10 and later draw the subtree of each bridge the filter
# matches, which is what jhconf does. By hand for q35-devices-added: the
# root port 00:07.0 has bus 01 behind it, holding the virtio disk 01:00.0.
got=$("$JHCONF" list pci -t -s 00:07.0 --root "$DATA/snapshots/q35-devices-added")
[ "$got" = "0000:00:07.0-[01]----00.0" ] || fail "-t -s 00:07.0: '$got'"
got=$("$JHCONF" list pci -t -s 00:02.0 --root "$DATA/snapshots/q35-devices-added")
[ -z "$got" ] || fail "-t -s 00:02.0 (not a bridge): '$got'"

[ $fails = 0 ] || exit 1
echo "lspci: $n listings identical to lspci's"
