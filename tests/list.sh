#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf list against the snapshots: what it prints must agree with the
# snapshot's own records (snapshot-pci-list.txt, snapshot-pci-devices.txt,
# proc/iomem) and with the IOMMU tables' known base addresses.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
S="$DATA/snapshots"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# PCI: one line per device, in the order and with the slots the guest
# listed, each with the driver and group snapshot-pci-devices.txt names.
for snap in q35-devices-added q35-jailhouse-doc q35-amd pc-i440fx-noiommu; do
	d="$S/$snap"
	if ! "$JHCONF" list pci -D --root "$d" >"$tmp/pci"; then
		fail "$snap: list pci failed"; continue
	fi
	cut -d' ' -f1 "$tmp/pci" >"$tmp/slots"
	cmp -s "$tmp/slots" "$d/snapshot-pci-list.txt" ||
		fail "$snap: slots differ from snapshot-pci-list.txt"
	# -k: a device's own block of lines, from its slot to the next slot
	"$JHCONF" list pci -D -k --root "$d" >"$tmp/pcik" || fail "$snap: list pci -k"
	while read -r slot _path drv grp; do
		block=$(awk -v s="$slot" '/^[0-9a-f]/ { on = ($1 == s) } on' "$tmp/pcik")
		drv=${drv#driver=}; grp=${grp#iommu_group=}
		if [ "$drv" = - ]; then
			case "$block" in *"Kernel driver in use"*) fail "$snap $slot: driver shown, none bound";; esac
		else
			printf '%s\n' "$block" | grep -qx "	Kernel driver in use: $drv" ||
				fail "$snap $slot: not driver $drv: $block"
		fi
		if [ "$grp" = - ]; then
			case "$block" in *"IOMMU group"*) fail "$snap $slot: group shown";; esac
		else
			printf '%s\n' "$block" | grep -qx "	IOMMU group: $grp" ||
				fail "$snap $slot: not group $grp: $block"
		fi
	done <"$d/snapshot-pci-devices.txt"
done

# The AHCI controller of q35-devices-added, as lspci -nn -k would name it
# (class 0106, 8086:2922, pci.ids name, rev 02, ahci bound, group 9),
# and the IOMMU unit Jailhouse will use for it: the one DRHD of its DMAR
# at 0xfed90000 (INCLUDE_PCI_ALL), index 0 in the root cell.
"$JHCONF" list pci -nn -k -s 1f.2 --root "$S/q35-devices-added" >"$tmp/ahci"
printf '%s\n' \
	'00:1f.2 SATA controller [0106]: Intel Corporation 82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode] [8086:2922] (rev 02)' \
	'	Kernel driver in use: ahci' '	IOMMU group: 9' \
	'	Jailhouse IOMMU unit: 0 (VT-d at 0xfed90000)' >"$tmp/ahci.want"
cmp -s "$tmp/ahci" "$tmp/ahci.want" || fail "q35-devices-added: AHCI lines: $(cat "$tmp/ahci")"
# q35-amd: the AMD IOMMU (the root cell Jailhouse itself built for this
# guest, tests/data/ref/q35-amd/rev14/q35-amd.cell, has unit 0 at 0xfed80000)
# is unit 0 for the e1000e
"$JHCONF" list pci -k -d 8086:10d3 --root "$S/q35-amd" | grep -qx '	Jailhouse IOMMU unit: 0 (AMD-Vi at 0xfed80000)' ||
	fail "q35-amd: e1000e IOMMU unit"

# -v: e1000e's MSI-X (5 vectors, table in BAR 3 at 0xfead0000 per its
# resource file) and its MSI capability at 0xd0.
"$JHCONF" list pci -v --root "$S/q35-devices-added" >"$tmp/pciv" ||
	fail "list pci -v failed"
grep -q 'MSI-X: 5 vector(s), table at 0xfead0000 (BAR 3' "$tmp/pciv" ||
	fail "pci -v: e1000e MSI-X"
grep -q 'cap 0x05 MSI at 0x0d0' "$tmp/pciv" || fail "pci -v: e1000e MSI cap"
# c040-c05f: 0x20 = 32 bytes of I/O space, an exact size (base/format.c)
grep -q 'BAR 2:  c040-c05f (32 bytes) io' "$tmp/pciv" || fail "pci -v: e1000e io BAR"

# mem: every iomem line's range appears, indented the same way.
"$JHCONF" list mem --root "$S/q35-devices-added" >"$tmp/mem" || fail "list mem failed"
sed 's/ : .*//' "$S/q35-devices-added/proc/iomem" >"$tmp/iomem-ranges"
sed 's/ : .*//' "$tmp/mem" >"$tmp/mem-ranges"
cmp -s "$tmp/iomem-ranges" "$tmp/mem-ranges" || fail "list mem ranges differ from proc/iomem"
grep -q '^3ffd4000-3fffffff : Reserved  (176 KiB)$' "$tmp/mem" ||
	fail "list mem: 3ffd4000-3fffffff Reserved (0x2c000 bytes = 176 KiB)"
"$JHCONF" list ports --root "$S/q35-devices-added" >"$tmp/ports" || fail "list ports failed"
sed 's/ : .*//' "$S/q35-devices-added/proc/ioports" >"$tmp/ioports-ranges"
sed 's/ : .*//' "$tmp/ports" >"$tmp/ports-ranges"
cmp -s "$tmp/ioports-ranges" "$tmp/ports-ranges" || fail "list ports ranges differ from proc/ioports"

# iommu: the AMD IOMMU's IVHD at 0xfed80000 (function 00:02.0), the
# Intel DRHD at 0xfed90000, nothing on the i440FX.
"$JHCONF" list iommu --root "$S/q35-amd" | grep -q 'IVHD type 0x10: IOMMU 00:02.0 at 0xfed80000' ||
	fail "q35-amd: IVHD at 0xfed80000"
"$JHCONF" list iommu --root "$S/q35-jailhouse-doc" | grep -q 'DRHD 0 at 0xfed90000' ||
	fail "q35-jailhouse-doc: DRHD at 0xfed90000"
"$JHCONF" list iommu --root "$S/pc-i440fx-noiommu" | grep -q '^none' ||
	fail "pc-i440fx-noiommu: iommu none"

# irq: one IOAPIC at 0xfec00000; its requester id from the IVRS special
# entry on q35-amd (00:14.0) and from the DMAR IOAPIC scope (ff:00.0).
"$JHCONF" list irq --root "$S/q35-amd" | grep -q 'IOAPIC id 0 at 0xfec00000, GSI base 0, requester id 00:14.0 (IVRS)' ||
	fail "q35-amd: IOAPIC requester id"
"$JHCONF" list irq --root "$S/q35-jailhouse-doc" | grep -q 'IOAPIC id 0 at 0xfec00000, GSI base 0, requester id ff:00.0 (DMAR)' ||
	fail "q35-jailhouse-doc: IOAPIC requester id"

# cpus: AMD EPYC with svm; 4 vCPUs.
"$JHCONF" list cpus --root "$S/q35-amd" >"$tmp/cpus" || fail "list cpus failed"
grep -q '^vendor: AuthenticAMD$' "$tmp/cpus" || fail "cpus: vendor"
grep -q '^cpus: 4 in sysfs, 4 in cpuinfo$' "$tmp/cpus" || fail "cpus: count"
grep -q 'svm' "$tmp/cpus" || fail "cpus: svm"

# uart: ttyS2 (0x3e8) is real only in q35-devices-added; ttyS3 never.
"$JHCONF" list uart --root "$S/q35-devices-added" >"$tmp/uart" || fail "list uart failed"
grep -q '^ttyS2: .*port 0x3e8.*, present$' "$tmp/uart" || fail "uart: ttyS2 present"
grep -q '^ttyS3: .*port 0x2e8.*, not present$' "$tmp/uart" || fail "uart: ttyS3 absent"
"$JHCONF" list uart --root "$S/q35-jailhouse-doc" | grep -q '^ttyS2: .*not present$' ||
	fail "uart: ttyS2 absent in q35-jailhouse-doc"

# A tar snapshot lists the same as its folder (drivers come from the
# side file inside the tar).
if tar -C "$S" -cf "$tmp/amd.tar" q35-amd 2>/dev/null; then
	"$JHCONF" list pci --root "$S/q35-amd" >"$tmp/dir-pci"
	"$JHCONF" list pci --snapshot "$tmp/amd.tar" >"$tmp/tar-pci" ||
		fail "list pci --snapshot failed"
	cmp -s "$tmp/dir-pci" "$tmp/tar-pci" || fail "tar and folder listings differ"
fi

# The summary.
"$JHCONF" list --root "$S/q35-devices-added" >"$tmp/sum" || fail "list failed"
grep -q '^pci: *13 devices$' "$tmp/sum" || fail "summary: 13 PCI devices"
grep -q '^uart: *4 serial port(s), 3 present$' "$tmp/sum" || fail "summary: uarts"

# -t -k: the tree with Jailhouse's view of each leaf; the virtio disk
# behind root port 00:07.0 is bound to virtio-pci in IOMMU group 10
# (snapshot-pci-devices.txt), behind the one VT-d unit 0.
"$JHCONF" list pci -t -k --root "$S/q35-devices-added" |
	grep -qxF '           +-07.0-[01]----00.0  [virtio-pci] group 10, IOMMU unit 0' ||
	fail "-t -k: the disk behind 00:07.0"

# With a project: the cell owning each device. A project made here gives
# the HD audio controller 00:1b.0 to inmate "audio"; the SATA controller
# stays with the root cell, named "Q35" at init.
if (cd "$tmp" && "$JHCONF" init --root "$S/q35-jailhouse-doc" --name Q35 >/dev/null &&
    "$JHCONF" cell add audio --cpus 1 --pci 00:1b.0 >/dev/null); then
	"$JHCONF" list pci -k -p "$tmp/jhconf.conf" >"$tmp/owned" || fail "list pci -k -p"
	awk '/^00:1b.0 /{on=1; next} /^[0-9a-f]/{on=0} on' "$tmp/owned" | grep -qx '	Cell: audio' ||
		fail "-p: 00:1b.0 not in audio"
	awk '/^00:1f.2 /{on=1; next} /^[0-9a-f]/{on=0} on' "$tmp/owned" | grep -qx '	Cell: Q35' ||
		fail "-p: 00:1f.2 not in Q35"
else
	fail "could not make a project"
fi

# Usage: --help is 0; bad usage and bad input are 2 with one line.
"$JHCONF" list --help >/dev/null || fail "--help"
for args in "bogus --root $S/q35-amd" "pci mem --root $S/q35-amd" \
	    "--frob --root $S/q35-amd" "pci --root" "pci --root /nonexistent/x" \
	    "mem -t --root $S/q35-amd" "pci -s 20.0 --root $S/q35-amd" "pci -d 8086 --root $S/q35-amd"; do
	# shellcheck disable=SC2086
	"$JHCONF" list $args >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" = 2 ] || fail "list $args: exit $rc, not 2"
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "list $args: not one error line"
done

[ "$fails" = 0 ] || exit 1
echo "list: all checks passed"
