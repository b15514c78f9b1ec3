#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Golden test of `jhconf show`: its text for every reference .cell
# (tests/data/ref/<snapshot>/<case>/<snapshot>.cell, built by Jailhouse
# itself) must equal tests/data/show/<snapshot>-<case>.txt. show runs in
# the .cell's folder so that its "file:" line is the bare file name.
#
# How the expected text was checked (q35-jailhouse-doc-rev14.txt, by hand,
# against the bytes of the .cell, decoded with Python's struct module at the
# offsets of Jailhouse's revision 14 structures, packed little-endian):
# - header "JHSYS", architecture 0, revision 14; the file is 1540 bytes,
#   which is 356 (system header incl. the 44-byte platform union) + 132
#   (root cell descriptor) + 8 (CPU set) + 16 * 32 (memory) + 1 * 32
#   (irqchip) + 9 * 4 (PIO) + 7 * 56 (PCI) + 9 * 8 (capabilities);
# - system flags at byte 8: 1 = JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE;
# - hypervisor memory at 12: phys 0x3a000000, size 0x600000 = 6 MiB,
#   so 0x3a000000-0x3a5fffff;
# - debug console at 44: address 0x3f8, type 2 (JAILHOUSE_CON_TYPE_8250),
#   flags 0 (PIO access, register distance 1);
# - platform at 76: MMCONFIG 0xb0000000, end bus 0xff, domain 0; IOMMU
#   unit 0 at 88: type 2 (Intel), base 0xfed90000, size 0x1000; x86 part
#   at 312: PM timer 0x608, APIC mode 0 (auto), interrupt limit 0x80 = 128;
# - root cell "RootCell", flags 0; counts 8, 16, 0, 1, 9, 7, 9, 0; CPU set
#   0x0f = CPUs 0-3;
# - memory region 3: 0x100000 + 972029952 bytes - 1 = 0x39ffffff,
#   972029952 / 2^20 = 927 MiB exactly, flags 0xf = R W X DMA; region 4:
#   14544896 bytes = 14204 KiB, not a whole number of MiB, so KiB;
#   region 15: 79691776 bytes = 76 MiB, flags 3 = R W;
# - irqchip: 0xfec00000, id 0xff00 = IOMMU 0 (bits 16+), requester id
#   ff:00.0, pin bitmap 4 x 0xffffffff = 128 pins;
# - PIO 7: 0xc040 + 32 - 1 = 0xc05f, 32 ports;
# - PCI device 2 (00:02.0): caps_start 0, 6 caps (0-5), 1 MSI vector,
#   msi bits 1 (64-bit, not maskable), 5 MSI-X vectors, region 0x1000 at
#   0xfebd0000;
# - capability 4: id 0x8001 = extended (JAILHOUSE_PCI_EXT_CAP) id 1, the
#   PCI Express specification's Advanced Error Reporting, at 0x100, 0x40 =
#   64 bytes, flags 0 (read-only); capability 0: id 1 Power Management at
#   0xc8, 8 bytes, flags 1 = JAILHOUSE_PCICAPS_WRITE.
# The other cases were compared with this one: the same snapshot in
# revisions 12 and 13 must read the same apart from the revision and the
# size (the union is larger in 12).
#
# To renew after an intended change of show's text, run this script with
# SHOW_UPDATE=1 and review the diff of tests/data/show.
# Environment: JHCONF, DATA (tests/data).
set -u
: "${JHCONF:?}" "${DATA:?}"
out=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-show.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT INT TERM
fail=0 n=0
for cell in "$DATA"/ref/*/rev1[234]*/*.cell; do
	[ -f "$cell" ] || continue
	case_=$(basename "$(dirname "$cell")")
	snap=$(basename "$(dirname "$(dirname "$cell")")")
	want=$DATA/show/$snap-$case_.txt
	n=$((n + 1))
	if ! (cd "$(dirname "$cell")" && "$JHCONF" show "$snap.cell") \
		>"$out/got" 2>"$out/err"; then
		echo "FAIL $snap/$case_: show failed: $(head -n 1 "$out/err")"
		fail=1
		continue
	fi
	if [ "${SHOW_UPDATE:-}" = 1 ]; then
		cp "$out/got" "$want"
		echo "updated $want"
	elif [ ! -f "$want" ]; then
		echo "FAIL $snap/$case_: no expected text $want"
		fail=1
	elif ! cmp -s "$want" "$out/got"; then
		echo "FAIL $snap/$case_: show differs from $want:"
		diff "$want" "$out/got" | head -n 20
		fail=1
	else
		echo "ok   $snap/$case_"
	fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no reference .cell under $DATA/ref"; exit 1; }
# every expected text belongs to a reference
for want in "$DATA"/show/*.txt; do
	b=$(basename "$want" .txt)
	snap=${b%-rev1[234]*}
	[ -f "$DATA/ref/$snap/${b#"$snap"-}/$snap.cell" ] ||
		{ echo "FAIL: $want has no reference .cell"; fail=1; }
done
echo "$n reference cells"
exit $fail
