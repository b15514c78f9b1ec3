#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make install DESTDIR=...` puts the binary, the manual page, the bash
# completion and the demo snapshot where the configured prefix says; the
# installed binary runs and lists its demo snapshot; `make uninstall`
# removes them again.
: "${TOP_BUILDDIR:?}" "${MAKE:?}" "${JH_PKGDATADIR:?}" "${JH_BINDIR:?}" "${JH_MANDIR:?}" "${JH_DATADIR:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
$MAKE -s -C "$TOP_BUILDDIR" install DESTDIR="$tmp/root" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; echo "FAIL: make install"; exit 1; }
bin="$tmp/root$JH_BINDIR/jhconf"
[ -x "$bin" ] || fail "no $JH_BINDIR/jhconf"
[ -f "$tmp/root$JH_MANDIR/man1/jhconf.1" ] || fail "no man1/jhconf.1"
[ -f "$tmp/root$JH_DATADIR/bash-completion/completions/jhconf" ] || fail "no completion"
demo="$tmp/root$JH_PKGDATADIR/demo/q35-jailhouse-doc"
[ -f "$demo/proc/iomem" ] || fail "no demo snapshot"
for t in classic dark mono; do
	[ -f "$tmp/root$JH_PKGDATADIR/themes/$t.theme" ] || fail "no theme $t"
done
"$bin" --version | grep -q '^jhconf ' || fail "installed jhconf --version"
# 7 PCI functions in the demo guest (its snapshot-pci-list.txt)
[ "$("$bin" list pci --root "$demo" | wc -l)" = "$(wc -l <"$demo/snapshot-pci-list.txt")" ] ||
	fail "installed jhconf cannot list its demo"
$MAKE -s -C "$TOP_BUILDDIR" uninstall DESTDIR="$tmp/root" >"$tmp/log" 2>&1 || fail "make uninstall"
left=$(find "$tmp/root" -type f | head -3)
[ -z "$left" ] || fail "left after uninstall: $left"
[ $fails = 0 ] || exit 1
echo "install: binary, page, completion, themes and demo installed, run and removed"
