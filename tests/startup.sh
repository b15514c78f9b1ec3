#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Start-up cost: jhconf loads nothing but libc at start-up. libarchive
# (and its chain: libxml2, ICU, libstdc++, compression libraries) is
# loaded with dlopen when a tar is read or written
# (core/source/archive_lazy.c), libpci (and libudev, libz) only when
# jhconf's own pci.ids reader cannot vouch for a name
# (core/discover/pci_libpci.c), libudev when the live system is read
# (discover_udev.c). The dynamic loader's own trace (LD_DEBUG=files)
# tells what it maps.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if command -v readelf >/dev/null; then
	readelf -d "$JHCONF" >"$tmp/dyn" || fail "readelf"
	grep -q 'NEEDED.*libc\.so' "$tmp/dyn" || fail "readelf shows no libc: cannot judge"
	for lib in libarchive libpci libudev; do
		if grep -q "NEEDED.*$lib" "$tmp/dyn"; then
			fail "jhconf links $lib"
		else
			echo "ok: $lib is not a NEEDED library"
		fi
	done
fi

# what the loader maps for create on a tree, and for --snapshot
snap="$DATA/snapshots/q35-jailhouse-doc"
LD_DEBUG=files "$JHCONF" create --root "$snap" "$tmp/tree.c" >/dev/null 2>"$tmp/tree.ld" ||
	fail "create --root failed"
grep -q 'file=libc\.so' "$tmp/tree.ld" || fail "LD_DEBUG shows no libc: cannot judge"
for lib in libarchive libpci libudev; do
	if grep -q "file=$lib" "$tmp/tree.ld"; then
		fail "create --root loads $lib"
	else
		echo "ok: create --root does not load $lib"
	fi
done
(cd "$snap" && tar cf "$tmp/snap.tar" .) || fail "tar"
LD_DEBUG=files "$JHCONF" create --snapshot "$tmp/snap.tar" "$tmp/tar.c" >/dev/null 2>"$tmp/tar.ld" ||
	fail "create --snapshot failed"
if grep -q 'file=libarchive' "$tmp/tar.ld"; then
	echo "ok: create --snapshot loads libarchive"
else
	fail "create --snapshot did not load libarchive"
fi
cmp -s "$tmp/tree.cell" "$tmp/tar.cell" || fail "the tar and the tree give different cells"

[ $fails -eq 0 ]
