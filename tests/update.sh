#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf update after a hardware change (issue 11 part 3).
# The bundled pair q35-jailhouse-doc -> q35-devices-added is the same QEMU
# guest before and after devices were added (the .qemu files next to the
# snapshots: the second adds virtio-net, nvme, qemu-xhci, ivshmem-plain and
# a pcie-root-port with a virtio-blk behind it, and a third serial port).
# The expected reports below are worked out by hand from the two listings
# (`jhconf list pci -nn -D`, the sysfs `class` files for the programming
# interface, the "System RAM" lines of proc/iomem), not from update's
# output. Derived machines (the e1000e moved to another slot, removed,
# doubled) are made from the second snapshot by renaming its sysfs folder
# and every text that names the slot, as `-device e1000e,addr=8.0` would
# have placed it: a device's config space does not depend on its slot.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
S="$DATA/snapshots"
fails=0 cases=0
tmp=$(mktemp -d) || exit 99
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() { cases=$((cases + 1)); "$@" || fail "$*"; }
# expect STATUS CMD...: run it, output in $tmp/out and $tmp/err
expect() {
	want=$1; shift
	cases=$((cases + 1))
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	[ "$got" = "$want" ] || fail "$* exited $got, not $want: $(head -n3 "$tmp/err")"
}
same_text() { # FILE: the expected text on stdin
	cat >"$tmp/want"
	cases=$((cases + 1))
	diff -u "$tmp/want" "$1" >"$tmp/diff" || { fail "$1 differs:"; cat "$tmp/diff"; }
}

# A project on the first machine: linux1 owns the e1000e (by slot and
# ids, as `cell add --pci 00:02.0` writes it), demo the HDA (by ids).
project() {
	d=$1
	mkdir -p "$d/out"
	"$JHCONF" init -p "$d/p.conf" --root "$S/q35-jailhouse-doc" >/dev/null &&
	"$JHCONF" cell add linux1 -p "$d/p.conf" --kind linux --cpus 2-3 --pci 00:02.0 >/dev/null &&
	"$JHCONF" cell add demo -p "$d/p.conf" --cpus 1 --pci 8086:2668 >/dev/null ||
		{ fail "making the project in $d"; return 1; }
	# a comment of the user's on the e1000e's hardware line and its cell
	sed -i -e 's/^hardware pci 0000:00:02.0 .*/# the NIC on the left\n& # e1000e/' \
	    -e 's/^\tpci slot=00:02.0 id=8086:10d3$/& # the uplink/' "$d/p.conf"
	cp "$d/p.conf" "$d/before.conf"
}

# swap_slots TREE A B: the functions at slots A and B trade places
swap_slots() {
	dev="$1/sys/bus/pci/devices"
	mv "$dev/$2" "$dev/swap" && mv "$dev/$3" "$dev/$2" && mv "$dev/swap" "$dev/$3"
	for f in "$1"/proc/iomem "$1"/proc/ioports "$1"/snapshot-*.txt \
		 "$dev/$2/uevent" "$dev/$3/uevent"; do
		sed -i -e "s/$2/SWAP/g" -e "s/$3/$2/g" -e "s/SWAP/$3/g" "$f"
	done
}
# drop_slot TREE SLOT: the function is gone, with its resources (and the
# driver's lines nested under them in proc/iomem and proc/ioports)
drop_slot() {
	rm -r "$1/sys/bus/pci/devices/$2"
	for f in "$1"/proc/iomem "$1"/proc/ioports; do
		awk -v slot="$2" '{ match($0, /^ */); ind = RLENGTH }
			skip >= 0 && ind > skip { next }
			{ skip = -1 }
			index($0, ": " slot) { skip = ind; next }
			{ print }' "$f" >"$f.new" && mv "$f.new" "$f"
	done
	sed -i "/$2/d" "$1"/snapshot-*.txt
}
derive() { # NAME: a writable copy of the second snapshot
	cp -R "$S/q35-devices-added" "$tmp/$1" && chmod -R u+w "$tmp/$1"
}

# The lines every update to q35-devices-added reports besides the moves.
# New functions (second listing minus first; class with the programming
# interface from sysfs `class`): 00:03.0 virtio-net 1af4:1000 0x020000,
# 00:04.0 NVMe 1b36:0010 0x010802, 00:05.0 xHCI 1b36:000d 0x0c0330,
# 00:06.0 ivshmem 1af4:1110 0x050000, 00:07.0 root port 1b36:000c
# 0x060400, and behind it (bus 1) virtio-blk 1af4:1042 0x010000.
new_lines='pci 0000:00:03.0 1af4:1000 class 020000 is new
pci 0000:00:04.0 1b36:0010 class 010802 is new
pci 0000:00:05.0 1b36:000d class 0c0330 is new
pci 0000:00:06.0 1af4:1110 class 050000 is new
pci 0000:00:07.0 1b36:000c class 060400 is new
pci 0000:01:00.0 1af4:1042 class 010000 is new'
# proc/iomem's second System RAM range ends at 0x3ffdefff before and
# 0x3ffd3fff after (QEMU's firmware reserves more for the new devices);
# the first (0x1000-0x9fbff) is the same. The window: 6M + 76M = 0x5200000
# bytes, where Jailhouse's own config create put hypervisor_memory for
# this snapshot (tests/data/ref/q35-devices-added), ending 0x3f1fffff;
# the kernel command line (-append in the .qemu file) has no memmap=, so
# the window is taken from the second System RAM range, which holds it.
tail_lines='ram 0x100000-0x3ffdefff is gone
ram 0x100000-0x3ffd3fff is new
window 0x3a000000-0x3f1fffff (0x5200000 bytes) in System RAM 0x100000-0x3ffd3fff, not reserved on the kernel command line yet
source: the project now names the machine given'

# 1. The bundled pair: nothing the project uses moved (the seven functions
#    of the first listing are at the same slots with the same ids in the
#    second), six functions are new.
d="$tmp/pair"
project "$d"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$S/q35-devices-added" --dry-run -o "$d/out"
same_text "$tmp/out" <<EOF2
$new_lines
$tail_lines
7 of 7 recorded pci functions unchanged
dry run: nothing written
EOF2
check cmp -s "$d/p.conf" "$d/before.conf"
check test -z "$(ls "$d/out")"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$S/q35-devices-added" -o "$d/out"
check grep -qx '	pci slot=00:02.0 id=8086:10d3 # the uplink' "$d/p.conf"
check grep -qx 'hardware pci 0000:01:00.0 1af4:1042 class 010000 subsys 1af4:1100 behind 0000:00:07.0' "$d/p.conf"
"$JHCONF" create --root "$S/q35-devices-added" "$d/create.c" >/dev/null
check cmp -s "$d/create.cell" "$d/out/RootCell.cell"
check cmp -s "$DATA/ref/q35-devices-added/rev14/q35-devices-added.cell" "$d/out/RootCell.cell"
"$JHCONF" show "$d/out/linux1.cell" >"$tmp/show"
check grep -q '^     0: 0000:00:02.0 device' "$tmp/show"
# again: nothing to do, nothing written
cp "$d/p.conf" "$d/after.conf"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$S/q35-devices-added" -o "$d/out"
check grep -qx 'nothing to do: the project matches this machine' "$tmp/out"
check cmp -s "$d/p.conf" "$d/after.conf"

# 2. The e1000e and the virtio-net traded slots (addr=3.0 and addr=2.0 on
#    the QEMU command line): the e1000e moved from 00:02.0 to 00:03.0,
#    linux1's selector follows; virtio-net (other ids) is new at 00:02.0.
derive moved
swap_slots "$tmp/moved" 0000:00:02.0 0000:00:03.0
d="$tmp/move"
project "$d"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$tmp/moved" --dry-run
# the recorded functions in slot order (the e1000e's line), then the new
# ones in slot order, then the selector
same_text "$tmp/out" <<EOF2
pci 0000:00:02.0 8086:10d3 class 020000 moved to 0000:00:03.0
pci 0000:00:02.0 1af4:1000 class 020000 is new
$(echo "$new_lines" | sed 1d)
cell linux1: pci slot=00:02.0 id=8086:10d3 becomes slot=00:03.0 id=8086:10d3
$tail_lines
6 of 7 recorded pci functions unchanged
dry run: nothing written
EOF2
check cmp -s "$d/p.conf" "$d/before.conf"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$tmp/moved" -o "$d/out" --json
check python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
m=[p for p in r["pci"] if p["state"]=="moved"]
assert m==[{"slot":"0000:00:02.0","id":"8086:10d3","class":"020000","subsys":"8086:0000","state":"moved","now":"0000:00:03.0"}], m
assert r["cells"][0]=={"cell":"linux1","pci":"slot=00:02.0 id=8086:10d3","now":"slot=00:03.0 id=8086:10d3","state":"moved"}
assert r["changed"] and not r["refusals"]' "$tmp/out"
# the selector and the hardware line moved, their comments with them
check grep -qx '	pci slot=00:03.0 id=8086:10d3 # the uplink' "$d/p.conf"
check grep -qx 'hardware pci 0000:00:03.0 8086:10d3 class 020000 subsys 8086:0000 # e1000e' "$d/p.conf"
check grep -B1 -x 'hardware pci 0000:00:03.0 .*' "$d/p.conf" | grep -qx '# the NIC on the left'
"$JHCONF" show "$d/out/linux1.cell" >"$tmp/show"
check grep -q '^     0: 0000:00:03.0 device' "$tmp/show"
# the same device with the same resources (only its slot changed): the
# inmate is the one of section 1 but for the device's BDF
"$JHCONF" show "$tmp/pair/out/linux1.cell" | sed 1d >"$tmp/show-pair"
sed -e 1d -e 's/^     0: 0000:00:03.0 device/     0: 0000:00:02.0 device/' "$tmp/show" >"$tmp/show-move"
check cmp -s "$tmp/show-pair" "$tmp/show-move"
"$JHCONF" create --root "$tmp/moved" "$d/create.c" >/dev/null
check cmp -s "$d/create.cell" "$d/out/RootCell.cell"
check cmp -s "$d/create.c" "$d/out/RootCell.c"
# the written project is what generate plans from: the same cells
mkdir "$d/gen"
"$JHCONF" generate -p "$d/p.conf" -o "$d/gen" >/dev/null
for f in "$d"/out/*; do check cmp -s "$f" "$d/gen/${f##*/}"; done

# 3. Refusals write nothing.
# The e1000e removed: linux1's device vanished.
derive gone
drop_slot "$tmp/gone" 0000:00:02.0
d="$tmp/gone-p"
project "$d"
expect 1 "$JHCONF" update -p "$d/p.conf" --root "$tmp/gone" -o "$d/out"
check grep -qx 'pci 0000:00:02.0 8086:10d3 class 020000 vanished' "$tmp/out"
check grep -qx "jhconf: cell 'linux1': pci slot=00:02.0 id=8086:10d3 (0000:00:02.0 8086:10d3) is not on this machine any more: remove it from the cell first" "$tmp/err"
check cmp -s "$d/p.conf" "$d/before.conf"
check test -z "$(ls "$d/out")"
# Two e1000e at 00:03.0 and 00:08.0, none at 00:02.0: either may be the
# one linux1 had (same ids, class, subsystem, no bridges): ambiguous.
derive twice
swap_slots "$tmp/twice" 0000:00:02.0 0000:00:03.0
cp -R "$tmp/twice/sys/bus/pci/devices/0000:00:03.0" "$tmp/twice/sys/bus/pci/devices/0000:00:08.0"
expect 1 "$JHCONF" update -p "$d/p.conf" --root "$tmp/twice" -o "$d/out"
check grep -qx 'pci 0000:00:02.0 8086:10d3 class 020000 is ambiguous: 0000:00:03.0 or 0000:00:08.0 fit equally' "$tmp/out"
check grep -q "^jhconf: cell 'linux1': pci slot=00:02.0 id=8086:10d3 (0000:00:02.0 8086:10d3): 2 equally good candidates: 0000:00:03.0 or 0000:00:08.0" "$tmp/err"
check grep -qx 'jhconf: to choose, run again with --choose OLD=NEW (slots as above)' "$tmp/err"
check cmp -s "$d/p.conf" "$d/before.conf"
check test -z "$(ls "$d/out")"

# The answer to an ambiguity: the e1000e at 00:03.0 (traded with the
# virtio-net) and a copy in place of the NVMe at 00:04.0; --choose says
# the recorded 00:02.0 is now 00:04.0. The copy at 00:03.0 is then new,
# like the virtio-net now at 00:02.0.
derive amb
swap_slots "$tmp/amb" 0000:00:02.0 0000:00:03.0
rm -r "$tmp/amb/sys/bus/pci/devices/0000:00:04.0"
cp -R "$tmp/amb/sys/bus/pci/devices/0000:00:03.0" "$tmp/amb/sys/bus/pci/devices/0000:00:04.0"
expect 1 "$JHCONF" update -p "$d/p.conf" --root "$tmp/amb" --dry-run
check grep -qx 'pci 0000:00:02.0 8086:10d3 class 020000 is ambiguous: 0000:00:03.0 or 0000:00:04.0 fit equally' "$tmp/out"
expect 0 "$JHCONF" update -p "$d/p.conf" --root "$tmp/amb" --dry-run --choose 00:02.0=00:04.0
check grep -qx 'pci 0000:00:02.0 8086:10d3 class 020000 moved to 0000:00:04.0' "$tmp/out"
check grep -qx 'pci 0000:00:02.0 1af4:1000 class 020000 is new' "$tmp/out"
check grep -qx 'pci 0000:00:03.0 8086:10d3 class 020000 is new' "$tmp/out"
check grep -qx 'cell linux1: pci slot=00:02.0 id=8086:10d3 becomes slot=00:04.0 id=8086:10d3' "$tmp/out"
expect 2 "$JHCONF" update -p "$d/p.conf" --root "$tmp/amb" --dry-run --choose 00:1b.0=00:04.0
check grep -qx 'jhconf: choice 1: not a pair of the same kind of function, or one of them chosen twice' "$tmp/err"
expect 2 "$JHCONF" update -p "$d/p.conf" --root "$tmp/amb" --dry-run --choose 00:09.0=00:04.0
check grep -qx 'jhconf: 00:09.0: the project recorded no PCI function there' "$tmp/err"
expect 2 "$JHCONF" update -p "$d/p.conf" --root "$tmp/amb" --dry-run --choose 00:02.0
check cmp -s "$d/p.conf" "$d/before.conf"

# Two CPUs left (cpu2 and cpu3 gone from sysfs): linux1 has CPUs 2-3, so
# the new machine refuses the plan (exit 1, not bad input: the project is
# fine, the machine changed).
derive twocpu
rm -r "$tmp/twocpu/sys/devices/system/cpu/cpu2" "$tmp/twocpu/sys/devices/system/cpu/cpu3"
expect 1 "$JHCONF" update -p "$d/p.conf" --root "$tmp/twocpu" -o "$d/out"
check grep -qx 'cpus 4, now 2' "$tmp/out"
check grep -qx "jhconf: cell 'linux1': CPU 3 does not exist (this machine has CPUs 0-1)" "$tmp/err"
check cmp -s "$d/p.conf" "$d/before.conf"
check test -z "$(ls "$d/out")"

# 4. Bad input: hardware lines that do not parse, FILE:LINE, exit 2.
d="$tmp/bad"
project "$d"
sed 's/^hardware pci 0000:00:1b.0 8086:2668 class 040300 .*/hardware pci 0000:00:1b.0 8086:2668 class 0403 subsys 1af4:1100/' \
	"$d/p.conf" >"$d/bad1.conf"
line=$(grep -n '^hardware pci 0000:00:1b.0' "$d/bad1.conf" | cut -d: -f1)
cp "$d/bad1.conf" "$d/bad1.before"
expect 2 "$JHCONF" update -p "$d/bad1.conf" --root "$S/q35-devices-added" -o "$d/out"
check grep -qx "jhconf: $d/bad1.conf:$line: class must be 6 hex digits and subsys VENDOR:DEVICE in hex" "$tmp/err"
check cmp -s "$d/bad1.conf" "$d/bad1.before"
sed 's/^hardware pci 0000:00:1b.0 .*/& behind 0000:00:05.0/' "$d/p.conf" >"$d/bad2.conf"
expect 2 "$JHCONF" update -p "$d/bad2.conf" --root "$S/q35-devices-added" -o "$d/out"
check grep -qx "jhconf: $d/bad2.conf:$line: behind 0000:00:05.0: no 'hardware pci' line for that slot" "$tmp/err"
check test -z "$(ls "$d/out")"
# a project behind a symbolic link: the batch fails before any file is
# written, the cells included
ln -s p.conf "$d/link.conf"
expect 2 "$JHCONF" update -p "$d/link.conf" --root "$S/q35-devices-added" -o "$d/out"
check grep -qx "jhconf: $d/link.conf: is a symbolic link; refusing to write through it" "$tmp/err"
check test -z "$(ls "$d/out")"
expect 2 "$JHCONF" update -p "$d/p.conf" --root "$S/q35-devices-added" --bogus
expect 2 "$JHCONF" update -p "$d/p.conf" --root "$tmp/no-such-dir"
expect 0 "$JHCONF" update --help

# 5. The same machine from a snapshot tar, with memmap= on its kernel
#    command line (q35-agl-memmap.qemu: -append '... memmap=82M$0x3a000000'):
#    82 MiB = 0x5200000 bytes at 0x3a000000, which proc/iomem lists as the
#    top-level Reserved range 0x3a000000-0x3f1fffff. Only the source changed.
d="$tmp/tar"
mkdir -p "$d/out"
"$JHCONF" init -p "$d/p.conf" --root "$S/q35-agl-memmap" >/dev/null
tar cf "$d/agl.tar" -C "$S/q35-agl-memmap" .
n=$(ls "$S/q35-agl-memmap/sys/bus/pci/devices" | wc -l)
expect 0 "$JHCONF" update -p "$d/p.conf" --snapshot "$d/agl.tar" --dry-run
same_text "$tmp/out" <<EOF2
window 0x3a000000-0x3f1fffff (0x5200000 bytes) in Reserved 0x3a000000-0x3f1fffff, reserved on the kernel command line
source: the project now names the machine given
$n of $n recorded pci functions unchanged
dry run: nothing written
EOF2
expect 0 "$JHCONF" update -p "$d/p.conf" --snapshot "$d/agl.tar" -o "$d/out"
check grep -qx "source tar $(cd "$d" && pwd -P)/agl.tar" "$d/p.conf"
check test -f "$d/out/RootCell.cell"

echo "update: $cases checks, $fails failed"
[ "$fails" = 0 ]
