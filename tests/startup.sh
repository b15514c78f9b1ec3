#!/bin/sh
# Start-up cost: jhconf must not load libarchive (nor its chain: libxml2,
# ICU, libstdc++, compression libraries) unless a tar is read or
# written; it is loaded with dlopen on first use (core/source/archive_lazy.c).
# The dynamic loader's own trace (LD_DEBUG=files) tells what it maps.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if command -v readelf >/dev/null; then
	readelf -d "$JHCONF" >"$tmp/dyn" || fail "readelf"
	grep -q 'NEEDED.*libpci' "$tmp/dyn" || fail "readelf shows no libpci: cannot judge"
	if grep -q 'NEEDED.*libarchive' "$tmp/dyn"; then
		fail "jhconf links libarchive"
	else
		echo "ok: libarchive is not a NEEDED library"
	fi
fi

# what the loader maps for create on a tree, and for --snapshot
snap="$DATA/snapshots/q35-jailhouse-doc"
LD_DEBUG=files "$JHCONF" create --root "$snap" "$tmp/tree.c" >/dev/null 2>"$tmp/tree.ld" ||
	fail "create --root failed"
grep -q 'file=libpci' "$tmp/tree.ld" || fail "LD_DEBUG shows no libpci: cannot judge"
if grep -q 'file=libarchive' "$tmp/tree.ld"; then
	fail "create --root loads libarchive"
else
	echo "ok: create --root does not load libarchive"
fi
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
