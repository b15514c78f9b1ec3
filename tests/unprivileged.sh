#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `jhconf list` as a user other than root on the running system, as lspci
# runs: what only root may read (the ACPI tables, /proc/iomem's addresses,
# config space past 64 bytes) becomes DISCOVER-UNPRIVILEGED warnings, and
# `list pci` prints what lspci prints for that user. `create` still
# refuses without root. Run as root, the test drops to nobody (setpriv).
: "${JHCONF:?JHCONF not set}"
[ -d /sys/bus/pci/devices ] || { echo "SKIP: no /sys/bus/pci on this machine"; exit 77; }
LSPCI=$(command -v lspci || ls /usr/bin/lspci /sbin/lspci 2>/dev/null | head -1)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$JHCONF" "$tmp/jhconf" && chmod 755 "$tmp/jhconf"
as_user() {
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || return 77
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

as_user "$tmp/jhconf" list pci >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 77 ] && { echo "SKIP: running as root without setpriv"; exit 77; }
[ $st = 0 ] || fail "list pci as a user: exit $st: $(head -2 "$tmp/err")"
[ -s "$tmp/out" ] || fail "list pci as a user: nothing listed"
if [ "$(id -u)" = 0 ] || ! [ -r /sys/firmware/acpi/tables/MCFG ]; then
	grep -q 'warning: /proc/iomem: addresses hidden' "$tmp/err" ||
		fail "no warning about /proc/iomem: $(cat "$tmp/err")"
fi
if [ -n "$LSPCI" ]; then
	as_user "$LSPCI" -O hwdb.disable=1 >"$tmp/want" 2>/dev/null
	cmp -s "$tmp/want" "$tmp/out" || { fail "list pci differs from lspci for the same user"; diff "$tmp/want" "$tmp/out" | head -5; }
fi
as_user "$tmp/jhconf" list --json >"$tmp/json" 2>/dev/null || fail "list --json as a user"
# a root cell needs what only root may read: refused, exit 2, no files
as_user "$tmp/jhconf" create "$tmp/x.c" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] || fail "create as a user: exit $st"
[ -e "$tmp/x.cell" ] && fail "create as a user wrote a cell"
[ $fails = 0 ] || exit 1
echo "unprivileged: list as a user works and matches lspci; create refuses"
