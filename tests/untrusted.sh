#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A snapshot is untrusted input (issue 8): each case below takes a copy of
# a bundled snapshot, breaks one thing the way an attacker or a clumsy
# user would, and checks that `jhconf create` gives exactly the expected
# one-line message with exit status 2, writes no output, and never hangs
# (every run is under `timeout 10`: a hang is a failure with status 124,
# not a stuck test). Where a link stays inside the snapshot, the result
# must be byte for byte that of the unmodified tree.
# Environment (from Makefile.am): JHCONF, DATA.
set -u

: "${JHCONF:?set JHCONF to the jhconf binary}"
: "${DATA:?set DATA to tests/data}"

work=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-untrusted.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
failures=0
checked=0
SNAP=q35-agl-memmap
SLOT=0000:00:1f.2

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

fresh() { # a writable copy of the snapshot in $work/s
	rm -rf "$work/s" "$work/out.c" "$work/out.cell"
	cp -R "$DATA/snapshots/$SNAP" "$work/s"
}

# expect_bad NAME 'MESSAGE' [COMMAND...]: create (or COMMAND) on $work/s
# must exit 2 with exactly "jhconf: MESSAGE" as its last stderr line and
# leave no out.c / out.cell behind.
expect_bad() {
	name=$1 want=$2
	shift 2
	[ $# -gt 0 ] || set -- create --root "$work/s" "$work/out.c"
	checked=$((checked + 1))
	status=0
	timeout 10 "$JHCONF" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
	got=$(tail -n 1 "$work/stderr")
	[ "$status" = 2 ] || fail "$name: exit $status, not 2 (124: it hung)"
	[ "$got" = "jhconf: $want" ] ||
		fail "$name: message
  got:  $got
  want: jhconf: $want"
	if [ -e "$work/out.c" ] || [ -e "$work/out.cell" ]; then
		fail "$name: an output was written"
	fi
}

# expect_same NAME: create on $work/s gives the unmodified tree's bytes.
expect_same() {
	checked=$((checked + 1))
	if ! timeout 10 "$JHCONF" create --root "$work/s" "$work/out.c" \
		>/dev/null 2>"$work/stderr"; then
		fail "$1: create failed: $(tail -n 1 "$work/stderr")"
		return
	fi
	cmp -s "$work/out.cell" "$work/ref.cell" ||
		fail "$1: another .cell than the unmodified snapshot's"
	cmp -s "$work/out.c" "$work/ref.c" ||
		fail "$1: another .c than the unmodified snapshot's"
}

timeout 10 "$JHCONF" create --root "$DATA/snapshots/$SNAP" "$work/ref.c" \
	>/dev/null 2>&1 || { echo "untrusted.sh: $SNAP itself fails" >&2; exit 1; }

# ---- item 1: overlapping /proc/iomem siblings ----
# (proc/iomem has 46 lines and proc/ioports 29: an appended line is 47 or 30)
# q35-agl-memmap reserves 3a000000-3f1fffff for Jailhouse (memmap=82M$...)
# and iomem lists it as "Reserved" on line 15. A forged System RAM line
# over it, right after it (line 16), would hand that memory to the root cell.
fresh
line=$(grep -n '^3a000000-3f1fffff : Reserved$' "$work/s/proc/iomem" | cut -d: -f1)
[ "$line" = 15 ] || fail "the Reserved window is not on line 15 of proc/iomem"
sed -i '15a 3a000000-3f1fffff : System RAM' "$work/s/proc/iomem"
expect_bad "iomem: System RAM over the Reserved window" \
	"/proc/iomem: line 16: 3a000000-3f1fffff overlaps its sibling 3a000000-3f1fffff on line 15; the kernel never lists such ranges"
fresh
sed -i '15a 39000000-3affffff : System RAM' "$work/s/proc/iomem"
expect_bad "iomem: System RAM overlapping into the window" \
	"/proc/iomem: line 16: 39000000-3affffff overlaps its sibling 100000-39ffffff on line 10; the kernel never lists such ranges"
fresh
sed -i '15a \ \ 3f000000-3f2fffff : System RAM' "$work/s/proc/iomem"
expect_bad "iomem: a child reaching out of the window" \
	"/proc/iomem: line 16: 3f000000-3f2fffff is not inside its parent 3a000000-3f1fffff on line 15; the kernel never lists such ranges"
fresh
printf '0600-0603 : forged\n' >>"$work/s/proc/ioports"
expect_bad "ioports: overlapping top-level line" \
	"/proc/ioports: line 30: 600-603 overlaps its sibling 0-cf7 on line 1; the kernel never lists such ranges"

# ---- item 3: ranges that wrap or cannot be ----
fresh
printf '0-ffffffffffffffff : System RAM\n' >>"$work/s/proc/iomem"
expect_bad "iomem: 0-ffffffffffffffff" \
	"/proc/iomem: line 47: the range 0-ffffffffffffffff covers the whole 64-bit space, its size does not fit in 64 bits"
fresh
printf 'fffffffffffff000-ffffffffffffffff : PCI Bus 0000:00\n' >>"$work/s/proc/iomem"
expect_bad "iomem: the last page of the 64-bit space" \
	"/proc/iomem: line 47: fffffffffffff000-ffffffffffffffff ends above fffffffffffff, the highest address there can be"
fresh
printf '10000-1000f : 0000:00:02.0\n' >>"$work/s/proc/ioports"
expect_bad "ioports: beyond 16 bits" \
	"/proc/ioports: line 30: 10000-1000f ends above ffff, the highest address there can be"
fresh
sed -i '1s/.*/00001000-00000fff : Reserved/' "$work/s/proc/iomem"
expect_bad "iomem: reversed range" "/proc/iomem: line 1: range starts after its end"

# ---- item 4: FIFOs never block ----
for f in sys/bus/pci/devices/$SLOT/vendor sys/bus/pci/devices/$SLOT/device \
	sys/bus/pci/devices/$SLOT/irq sys/bus/pci/devices/$SLOT/config \
	sys/bus/pci/devices/$SLOT/resource sys/bus/pci/devices/$SLOT/class \
	proc/iomem proc/ioports proc/cmdline proc/cpuinfo \
	sys/firmware/acpi/tables/APIC sys/firmware/acpi/tables/DMAR \
	sys/firmware/acpi/tables/MCFG; do
	fresh
	rm -f "$work/s/$f"
	mkfifo "$work/s/$f"
	expect_bad "FIFO as $f" "/$f: not a regular file but a FIFO"
done
# a link to a FIFO, inside the snapshot
fresh
mkfifo "$work/s/fifo"
rm "$work/s/sys/bus/pci/devices/$SLOT/vendor"
ln -s ../../../../../fifo "$work/s/sys/bus/pci/devices/$SLOT/vendor"
expect_bad "link to a FIFO as vendor" \
	"/sys/bus/pci/devices/$SLOT/vendor: not a regular file but a FIFO"
# the same for list, and for Jailhouse-collector-style trees (config only:
# libpci then reads ids from config space)
fresh
rm "$work/s/proc/iomem"
mkfifo "$work/s/proc/iomem"
expect_bad "list mem with a FIFO as iomem" \
	"/proc/iomem: not a regular file but a FIFO" list mem --root "$work/s"
fresh
for d in "$work/s"/sys/bus/pci/devices/*; do
	find "$d" -maxdepth 1 -type f ! -name config ! -name resource -delete
done
rm "$work/s/sys/bus/pci/devices/$SLOT/config"
mkfifo "$work/s/sys/bus/pci/devices/$SLOT/config"
expect_bad "FIFO as config, collector-style tree" \
	"/sys/bus/pci/devices/$SLOT/config: not a regular file but a FIFO"
# show FILE.cell
mkfifo "$work/show.cell"
expect_bad "show on a FIFO" "$work/show.cell: not a regular file, so not a cell configuration" \
	show "$work/show.cell"
ln -s show.cell "$work/show-link.cell"
expect_bad "show on a link to a FIFO" \
	"$work/show-link.cell: not a regular file, so not a cell configuration" \
	show "$work/show-link.cell"

# ---- item 14: links stay inside the snapshot ----
# An absolute link is the snapshot's own /etc/passwd, which is not there;
# the machine's must never be read (its first line must not show up).
first=$(head -n 1 /etc/passwd)
for target in /etc/passwd ../../../../../../../../../../etc/passwd; do
	fresh
	rm "$work/s/proc/iomem"
	ln -s "$target" "$work/s/proc/iomem"
	expect_bad "iomem -> $target" \
		"/proc/iomem: cannot open: No such file or directory"
	grep -qF "$first" "$work/stderr" && fail "iomem -> $target: /etc/passwd shown"
done
# A PCI device folder linked out of the snapshot (here to a copy of the
# real device elsewhere on this machine): neither jhconf nor libpci may
# follow it. Before, libpci and the config reader used it, exit 0.
fresh
outside="$work/outside"
rm -rf "$outside"
mkdir "$outside"
mv "$work/s/sys/bus/pci/devices/$SLOT" "$outside/"
ln -s "$outside/$SLOT" "$work/s/sys/bus/pci/devices/$SLOT"
expect_bad "PCI device linked out of the snapshot" \
	"/sys/bus/pci/devices/$SLOT/config: cannot open: No such file or directory"
# Links that stay inside work as on the machine: sysfs's own layout
# (bus/pci/devices/SLOT -> ../../../devices/pci0000:00/SLOT), the same as
# an absolute link (taken from the snapshot's root), and files linked
# with ".." that climb above the root (clamped there, as in the kernel's
# RESOLVE_IN_ROOT).
fresh
mkdir -p "$work/s/sys/devices/pci0000:00"
for d in "$work/s"/sys/bus/pci/devices/*; do
	n=$(basename "$d")
	mv "$d" "$work/s/sys/devices/pci0000:00/$n"
	ln -s "../../../devices/pci0000:00/$n" "$d"
done
expect_same "sysfs-style relative device links"
for d in "$work/s"/sys/bus/pci/devices/*; do
	n=$(basename "$d")
	rm "$d"
	ln -s "/sys/devices/pci0000:00/$n" "$d"
done
expect_same "absolute device links, inside the snapshot"
mv "$work/s/proc/iomem" "$work/s/iomem.real"
ln -s ../../../../iomem.real "$work/s/proc/iomem"
expect_same "iomem linked with .. above the root"
# a link loop is an error, not a hang
fresh
rm "$work/s/proc/cmdline"
ln -s cmdline "$work/s/proc/cmdline"
expect_bad "cmdline linked to itself" \
	"/proc/cmdline: cannot open: Too many levels of symbolic links"

# ---- item 15: tars ----
fresh
(cd "$work/s" && tar -cf "$work/good.tar" .)
# the block where the end-of-archive zeros start, as GNU tar reports it
end=$(tar -tR -f "$work/good.tar" | sed -n 's/^block \([0-9]*\): \*\* Block of NULs \*\*$/\1/p')
head -c $((end * 512)) "$work/good.tar" >"$work/cut.tar"
expect_bad "tar cut at a member boundary" \
	"$work/cut.tar: truncated: the archive stops after a member, without its end-of-archive blocks" \
	create --snapshot "$work/cut.tar" "$work/out.c"
gzip -c "$work/cut.tar" >"$work/cut.tar.gz"
expect_bad "tar.gz of a tar cut at a member boundary" \
	"$work/cut.tar.gz: truncated: the archive stops after a member, without its end-of-archive blocks" \
	create --snapshot "$work/cut.tar.gz" "$work/out.c"
sed -i '15a 3a000000-3f1fffff : System RAM' "$work/s/proc/iomem"
(cd "$work/s" && tar -cf "$work/bad.tar" .)
expect_bad "an error inside a tar names the tar" \
	"$work/bad.tar: proc/iomem: line 16: 3a000000-3f1fffff overlaps its sibling 3a000000-3f1fffff on line 15; the kernel never lists such ranges" \
	create --snapshot "$work/bad.tar" "$work/out.c"

echo "untrusted.sh: $checked cases, $failures failures"
[ "$failures" = 0 ]
