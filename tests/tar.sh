#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Snapshot tars give the same root cell as the snapshot tree they were made
# from: for every bundled snapshot with a revision 14 reference, compare
# `jhconf create --root TREE` with `jhconf create --snapshot` of
#   - the tree tarred as jhconf's own snapshots are ("proc/iomem", .tar.gz),
#   - the tree tarred as Jailhouse's collector does ("./proc/iomem", .tar),
#     holding only the files that collector takes (config and resource
#     per PCI device),
#   - `jhconf collect --root TREE` (.tar.xz).
# As root on a machine with /proc/iomem, also `jhconf collect` of this very
# machine, whose /proc/iomem must come back unchanged.
# Environment (from Makefile.am): JHCONF, DATA.
set -eu

: "${JHCONF:?set JHCONF to the jhconf binary}"
: "${DATA:?set DATA to tests/data}"

work=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-tar-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# The files Jailhouse's `jailhouse config collect` copies (from its
# sysfs_parser input lists), for a tree that mirrors /.
jailhouse_files() {
	for f in proc/iomem proc/cpuinfo proc/cmdline proc/ioports \
		sys/bus/pci/devices/*/config sys/bus/pci/devices/*/resource \
		sys/devices/system/cpu/cpu*/uevent \
		sys/firmware/acpi/tables/APIC sys/firmware/acpi/tables/MCFG \
		sys/firmware/acpi/tables/DMAR sys/firmware/acpi/tables/IVRS \
		sys/class/dmi/id/product_name sys/class/dmi/id/sys_vendor \
		sys/class/tty/*/iomem_base sys/class/tty/*/iomem_reg_shift \
		sys/class/tty/*/io_type sys/class/tty/*/port \
		sys/devices/jailhouse/enabled; do
		if [ -f "$f" ]; then echo "$f"; fi
	done
}

collector_style_tar() { # TREE OUT.tar
	stage="$work/stage"
	rm -rf "$stage"
	mkdir "$stage"
	(cd "$1" && jailhouse_files) | while read -r f; do
		mkdir -p "$stage/$(dirname "$f")"
		cp "$1/$f" "$stage/$f"
	done
	tar -C "$stage" -cf "$2" .
	rm -rf "$stage"
}

# create from SOURCE-OPTION ARG into $work/NAME; prints nothing on success
create() { # NAME OPTION ARG
	if ! "$JHCONF" create "$2" "$3" "$work/$1.c" >"$work/$1.log" 2>&1; then
		fail "jhconf create $2 $3:"
		cat "$work/$1.log" >&2
		return 1
	fi
}

checked=0
for tree in "$DATA"/snapshots/*/; do
	tree=${tree%/}
	name=$(basename "$tree")
	[ -f "$DATA/ref/$name/rev14/$name.cell" ] || continue
	checked=$((checked + 1))

	create "$name-tree" --root "$tree" || continue
	want="$work/$name-tree.cell"

	(cd "$tree" && tar -czf "$work/$name.tar.gz" -- *)
	if create "$name-tar" --snapshot "$work/$name.tar.gz"; then
		cmp "$want" "$work/$name-tar.cell" ||
			fail "$name: tar.gz of the tree gives another cell"
	fi

	collector_style_tar "$tree" "$work/$name-jh.tar"
	if create "$name-jh" --snapshot "$work/$name-jh.tar"; then
		cmp "$want" "$work/$name-jh.cell" ||
			fail "$name: Jailhouse-collector-style tar gives another cell"
	fi

	if "$JHCONF" collect --root "$tree" "$work/$name-collected.tar.xz" \
		>"$work/collect.log" 2>&1; then
		if create "$name-collected" --snapshot "$work/$name-collected.tar.xz"; then
			cmp "$want" "$work/$name-collected.cell" ||
				fail "$name: jhconf collect's tar gives another cell"
		fi
	else
		fail "jhconf collect --root $tree:"
		cat "$work/collect.log" >&2
	fi
	rm -f "$work/$name"*
done
[ "$checked" -gt 0 ] || fail "no snapshot with a rev14 reference in $DATA"

# collect refuses ordinary users with exit status 2
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 0777 "$work"
	status=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$JHCONF" collect "$work/user.tar" 2>"$work/user.log" || status=$?
	case $status in
	126|127) echo "tar.sh: user 65534 cannot run $JHCONF here; not checked" ;;
	2) grep -q "collect needs root" "$work/user.log" ||
		fail "collect as a user: no 'collect needs root' message" ;;
	*) fail "collect as a user: exit $status, not 2" ;;
	esac
fi

# this machine, live
if [ "$(id -u)" = 0 ] && [ -r /proc/iomem ]; then
	if "$JHCONF" collect "$work/live.tar" >"$work/live.log" 2>&1; then
		tar -xOf "$work/live.tar" proc/iomem | cmp - /proc/iomem ||
			fail "collect: proc/iomem in the tar differs from /proc/iomem"
		# `create` on the live system and on its collected tar must agree:
		# the same bytes, or the same refusal (this machine may have no
		# PM timer or IOMMU, as cloud VMs do)
		live_rc=0; "$JHCONF" create --root / "$work/live-root.c" \
			>/dev/null 2>"$work/live-root.err" || live_rc=$?
		tar_rc=0; "$JHCONF" create --snapshot "$work/live.tar" "$work/live-tar.c" \
			>/dev/null 2>"$work/live-tar.err" || tar_rc=$?
		if [ "$live_rc" != "$tar_rc" ]; then
			fail "live create exits $live_rc, create on its tar $tar_rc"
		elif [ "$live_rc" = 0 ]; then
			cmp "$work/live-root.cell" "$work/live-tar.cell" ||
				fail "live create and create on its tar differ"
		else
			[ "$(tail -n1 "$work/live-root.err")" = \
			  "$(tail -n1 "$work/live-tar.err")" ] ||
				fail "live create and create on its tar refuse differently"
		fi
		echo "live: create exit $live_rc, on its tar exit $tar_rc"
	else
		fail "jhconf collect on this machine:"
		cat "$work/live.log" >&2
	fi
fi

echo "tar.sh: $checked snapshots, $failures failures"
[ "$failures" = 0 ]
