#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Findings through the command line on edited copies of the bundled
# snapshots: refusals list every error, a device jhconf cannot hand to
# Jailhouse no longer hides the machine from `list`, the memmap=
# reservation is checked against 2^64 and /proc/iomem, sizes are whole
# pages, a serial port without its port file is named. Each case says the
# exit status and the line it expects; a refusal or bad input writes
# nothing.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
S="$DATA/snapshots"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# copy SNAPSHOT NAME: an editable copy at $tmp/NAME
copy() { rm -rf "$tmp/$2"; cp -a "$S/$1" "$tmp/$2"; }

# expect NAME STATUS TEXT -- CMD...: run, check the status, that stderr
# holds TEXT (a fixed string; empty: anything), and that a failed create
# wrote nothing.
expect() {
	name=$1 want=$2 text=$3; shift 4
	rm -f "$tmp/out.c" "$tmp/out.cell"
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	[ "$rc" = "$want" ] || { fail "$name: exit $rc, expected $want: $(head -n3 "$tmp/stderr")"; return; }
	if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/stderr"; then
		fail "$name: stderr lacks '$text': $(head -n3 "$tmp/stderr")"
	fi
	if [ "$rc" != 0 ] && { [ -e "$tmp/out.c" ] || [ -e "$tmp/out.cell" ]; }; then
		fail "$name: exit $rc but wrote output"
	fi
}

# 1. Every refusal, one line each: pc/i440fx has no MMCONFIG and no IOMMU.
expect i440fx-all 1 "jhconf: /sys/firmware/acpi/tables/DMAR: missing" -- \
	"$JHCONF" create --root "$S/pc-i440fx-noiommu" "$tmp/out.c"
[ "$(grep -c '^jhconf: /sys/firmware/acpi/tables/' "$tmp/stderr")" = 2 ] ||
	fail "i440fx-all: expected 2 refusal lines: $(cat "$tmp/stderr")"
head -n1 "$tmp/stderr" | grep -qF "MCFG: missing" ||
	fail "i440fx-all: the first line is not the MCFG refusal"

# 2. MSI-X table of 00:02.0 (capability 0xa0, BIR 3) in an I/O BAR: BAR3
#    at 0x1c becomes 0x0000c001. list lists the machine; create refuses.
copy q35-jailhouse-doc msix-io
printf '\001\300\000\000' | dd of="$tmp/msix-io/sys/bus/pci/devices/0000:00:02.0/config" \
	bs=1 seek=28 conv=notrunc 2>/dev/null
expect msix-io-list 0 "" -- "$JHCONF" list pci --root "$tmp/msix-io"
grep -q '^00:02.0 ' "$tmp/stdout" || fail "msix-io-list: 00:02.0 not listed"
expect msix-io-create 1 "jhconf: /sys/bus/pci/devices/0000:00:02.0/config: the MSI-X table (capability at 0xa0) lies in BAR 3, which is not a memory BAR (0x0000c001): Jailhouse cannot handle this device" -- \
	"$JHCONF" create --root "$tmp/msix-io" "$tmp/out.c"

# 3. MSI-X in "BAR 7": the table dword at 0xa4 gets BIR 7. Bad input
#    naming the file and the offset (exit 2), for list and create alike.
copy q35-jailhouse-doc msix-bir7
printf '\007' | dd of="$tmp/msix-bir7/sys/bus/pci/devices/0000:00:02.0/config" \
	bs=1 seek=164 conv=notrunc 2>/dev/null
expect msix-bir7-list 2 "/sys/bus/pci/devices/0000:00:02.0/config: offset 0xa4: MSI-X capability names BAR 7" -- \
	"$JHCONF" list pci --root "$tmp/msix-bir7"
expect msix-bir7-create 2 "offset 0xa4" -- \
	"$JHCONF" create --root "$tmp/msix-bir7" "$tmp/out.c"

# 4. memmap=82M$0xfffffffffff00000 wraps past 2^64: not "already has it".
copy q35-agl-memmap wrap
printf 'console=ttyS0 memmap=82M$0xfffffffffff00000 intel_iommu=off\n' >"$tmp/wrap/proc/cmdline"
expect memmap-wrap 1 "jhconf: /proc/cmdline: the memmap reservation of 0x5200000 bytes at 0xfffffffffff00000 ends past the end of the 64-bit address space" -- \
	"$JHCONF" create --root "$tmp/wrap" "$tmp/out.c"
grep -q "already has" "$tmp/stdout" && fail "memmap-wrap: says already has it"

# 5. The kernel did not honour memmap=82M$0x3a000000: /proc/iomem lists
#    the window as System RAM instead of Reserved.
copy q35-agl-memmap not-honoured
sed -i 's/^3a000000-3f1fffff : Reserved$/3a000000-3f1fffff : System RAM/' "$tmp/not-honoured/proc/iomem"
expect memmap-in-ram 1 "jhconf: /proc/iomem: the memmap reservation 0x3a000000-0x3f1fffff is still System RAM at 0x3a000000-0x3f1fffff" -- \
	"$JHCONF" create --root "$tmp/not-honoured" "$tmp/out.c"

# 6. An extra System RAM line over the hypervisor window (a forged
#    /proc/iomem; the kernel never writes overlapping siblings): never a
#    config, whether the parser refuses the lines (2) or the planner's
#    invariant the overlap (1).
copy q35-jailhouse-doc overlap
printf '3a000000-3f1fffff : System RAM\n' >>"$tmp/overlap/proc/iomem"
"$JHCONF" create --root "$tmp/overlap" "$tmp/out.c" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
case $rc in 1|2) ;; *) fail "overlap: exit $rc: $(cat "$tmp/stderr")";; esac
[ -e "$tmp/out.cell" ] && fail "overlap: wrote output"

# 7. Sizes: whole pages, at most 2^52 bytes; exit 2 either way.
expect size-4095 2 "jhconf: --mem-hv: 0xfff is not a multiple of 4 KiB" -- \
	"$JHCONF" create --root "$S/q35-jailhouse-doc" --mem-hv 4095 "$tmp/out.c"
expect size-all-ones 2 "jhconf: --mem-inmates: 0xffffffffffffffff bytes is more than an x86-64 machine can address" -- \
	"$JHCONF" create --root "$S/q35-jailhouse-doc" --mem-inmates 0xffffffffffffffff "$tmp/out.c"
expect size-garbage 2 "jhconf: --mem-hv: '6Q' is not a size" -- \
	"$JHCONF" create --root "$S/q35-jailhouse-doc" --mem-hv 6Q "$tmp/out.c"

# 8. ttyS0 without its port file: list says the port is unknown, create
#    warns and writes a config without a debug console.
copy q35-jailhouse-doc noport
rm "$tmp/noport/sys/class/tty/ttyS0/port"
expect noport-list 0 "" -- "$JHCONF" list uart --root "$tmp/noport"
grep -q '^ttyS0: .*port unknown (no port file)' "$tmp/stdout" ||
	fail "noport-list: $(grep ttyS0 "$tmp/stdout")"
grep -q '^ttyS0: .*port 0x0' "$tmp/stdout" && fail "noport-list: shows port 0x0"
expect noport-create 0 "jhconf: warning: console ttyS0: /sys/class/tty/ttyS0/port is missing, so its address is unknown; the hypervisor gets no debug console" -- \
	"$JHCONF" create --root "$tmp/noport" "$tmp/out.c"
"$JHCONF" show "$tmp/out.cell" | grep -q "console: none" ||
	fail "noport-create: $(\"$JHCONF\" show "$tmp/out.cell" | grep -i console)"

[ "$fails" = 0 ] && echo "all findings cases passed"
exit "$fails"
