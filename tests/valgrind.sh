#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs jhconf under valgrind (memcheck, leaks included) on every bundled
# snapshot and reference: any error or leak fails. Skipped in the
# sanitizer build (make check-asan), where ASan/UBSan do this job.
set -u
: "${JHCONF:?}" "${DATA:?}"
if [ -n "${JH_SANITIZED:-}" ]; then echo "sanitizer build: skipped"; exit 77; fi
command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 77; }
out=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-vg.XXXXXX")
trap 'rm -rf "$out"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fail=0
run() {
	$vg "$JHCONF" "$@" >"$out/stdout" 2>"$out/stderr"
	rc=$?
	if [ $rc -eq 99 ] || grep -q '==[0-9]*==' "$out/stderr"; then
		echo "FAIL (valgrind): jhconf $*"; cat "$out/stderr"; fail=1
	else
		echo "ok (exit $rc): jhconf $*"
	fi
}
for snap in "$DATA"/snapshots/*/; do
	name=$(basename "$snap")
	run create --root "$snap" "$out/$name.c"
	run list --root "$snap"
	run doctor --json --root "$snap"
done
for cell in "$DATA"/ref/*/*/*.cell; do
	run show "$cell"
done
run create --root /nonexistent "$out/x.c"
# update: a project of the first guest carried to the second
run init -p "$out/p.conf" --root "$DATA/snapshots/q35-jailhouse-doc"
run update -p "$out/p.conf" --root "$DATA/snapshots/q35-devices-added" -o "$out" --json
# the boot-entry editor: a BLS entry and /etc/default/grub, written and
# refused
cp "$DATA/boot/agl-boot.conf" "$out/boot.conf"
cp "$DATA/boot/debian-grub" "$out/grub"
run boot-entry --root "$DATA/snapshots/q35-jailhouse-doc" --file "$out/boot.conf"
run boot-entry --root "$DATA/snapshots/q35-jailhouse-doc" --grub "$out/grub" --dry-run
run boot-entry --root "$DATA/snapshots/q35-jailhouse-doc" --file "$out/grub"
run doctor --root "$DATA/snapshots/q35-amd"
P="$DATA/partition/q35-jailhouse-doc"
run check "$P/RootCell.cell" "$P/demo.cell" "$P/linux1.cell"
run check --json -v "$P/RootCell.cell" "$P/demo.cell" "$P/demo.cell"
run check "$P/demo.cell"
run init -p "$out/p.conf" --root "$DATA/snapshots/q35-jailhouse-doc"
run cell add demo -p "$out/p.conf" --cpus 3 --console ttyS0
run check -p "$out/p.conf"
run generate -p "$out/p.conf" -o "$out"
exit $fail
