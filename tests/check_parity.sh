#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Parity with Jailhouse: whatever `jailhouse config check` (master's
# tools/jailhouse-config-check, python3) reports, `jhconf check` reports
# too. Builds configs/x86/qemu-x86.c and the x86 demo inmates from
# $JAILHOUSE_SRC (a source tree, or a folder holding
# jailhouse-master.tar.gz) with gcc and objcopy, as Jailhouse's own build
# does, then broken variants made by editing the .c sources: a region
# over the hypervisor, MMCONFIG, an IOMMU unit, an IOAPIC or the xAPIC,
# regions overlapping inside a cell, CPU 0 in an inmate. For every set,
# each "In cell 'X', region N" line config check prints under a section
# must have a jhconf finding of the section's rule naming cell 'X', region
# N; and config check's exit 1 must be jhconf's exit 1.
: "${JHCONF:?JHCONF not set}"
CC=${JH_CC:-gcc}
if [ -z "$JAILHOUSE_SRC" ] || ! command -v python3 >/dev/null 2>&1 ||
   ! command -v objcopy >/dev/null 2>&1; then
	echo "SKIP: set JAILHOUSE_SRC to a Jailhouse source tree or a folder with" \
	     "jailhouse-master.tar.gz (and have python3 and objcopy) to compare" \
	     "jhconf check with jailhouse config check"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0 variants=0 reported=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if [ -f "$JAILHOUSE_SRC/tools/jailhouse-config-check" ]; then
	J=$JAILHOUSE_SRC
elif [ -f "$JAILHOUSE_SRC/jailhouse-master.tar.gz" ] || [ -f "$JAILHOUSE_SRC" ]; then
	tarball=$JAILHOUSE_SRC
	[ -d "$tarball" ] && tarball=$JAILHOUSE_SRC/jailhouse-master.tar.gz
	mkdir "$tmp/src" && tar -xzf "$tarball" -C "$tmp/src" ||
		{ echo "FAIL: cannot unpack $tarball"; exit 1; }
	J=$(dirname "$(find "$tmp/src" -path '*/tools/jailhouse-config-check' | head -n1)")
	J=${J%/tools}
else
	echo "FAIL: JAILHOUSE_SRC=$JAILHOUSE_SRC holds neither a source tree" \
	     "(tools/jailhouse-config-check) nor jailhouse-master.tar.gz"
	exit 1
fi
[ -f "$J/configs/x86/qemu-x86.c" ] || { echo "FAIL: no configs/x86/qemu-x86.c in $J"; exit 1; }

# build NAME SOURCE.c: NAME.cell from a cell's C source (Jailhouse's
# configs/Makefile: compile, then objcopy the data to a binary)
build() {
	"$CC" -c -I"$J/include/arch/x86" -I"$J/include" -I"$J/hypervisor/arch/x86/include" \
		-I"$J/hypervisor/include" -D__LINUX_COMPILER_TYPES_H -Wall -Werror \
		"$2" -o "$tmp/$1.o" 2>"$tmp/cc.log" &&
	objcopy -O binary --remove-section=.note.gnu.property "$tmp/$1.o" "$tmp/$1.cell"
}

# compare NAME ROOT.cell [CELL.cell...]
compare() {
	name=$1; shift
	variants=$((variants + 1))
	python3 "$J/tools/jailhouse-config-check" "$@" >"$tmp/cc.out" 2>&1
	ccrc=$?
	"$JHCONF" check "$@" >"$tmp/jh.out" 2>&1
	jhrc=$?
	[ "$ccrc" = 1 ] && reported=$((reported + 1))
	if [ "$ccrc" = 1 ] && [ "$jhrc" != 1 ]; then
		fail "$name: config check exit 1, jhconf check exit $jhrc"
	fi
	# each "In cell 'X', region N" of a section -> RULE|X|N
	awk '
		/^Overlapping memory regions inside cell:/ { s = "MEM-OVERLAP-IN-CELL" }
		/^Overlapping memory regions with hypervisor:/ { s = "HYPERVISOR" }
		/^Missing PCI MMCONFIG interceptions:/ { s = "MEM-OVER-MMCONFIG" }
		/^Missing IOMMU interceptions:/ { s = "MEM-OVER-IOMMU" }
		/^Missing resource interceptions/ { s = "MEM-OVER-APIC" }
		/^In cell / {
			sub(/^In cell \047/, ""); cell = $0; sub(/\047, region [0-9]+$/, "", cell)
			n = $0; sub(/.*, region /, "", n)
			print s "|" cell "|" n
		}' "$tmp/cc.out" | sort -u >"$tmp/cc.items"
	while IFS='|' read -r rule cell n; do
		case $rule in
		HYPERVISOR) pat="^error: (MEM-OVER-HYPERVISOR|ROOT-OVERLAPS-HYPERVISOR): " ;;
		*) pat="^error: $rule: " ;;
		esac
		grep -E "$pat" "$tmp/jh.out" | grep -qF "cell '$cell': region $n " ||
			fail "$name: config check: $rule in cell '$cell' region $n; jhconf: $(grep -c '^error' "$tmp/jh.out") errors"
	done <"$tmp/cc.items"
	if [ "${VERBOSE:-}" ]; then
		echo "-- $name: config check $ccrc ($(wc -l <"$tmp/cc.items") items), jhconf $jhrc"
	fi
}

# variant NAME FILE SED-SCRIPT: FILE.c edited
variant() {
	sed "$3" "$J/configs/x86/$2.c" >"$tmp/$1.c"
	cmp -s "$J/configs/x86/$2.c" "$tmp/$1.c" && { fail "$1: the edit changed nothing"; return 1; }
	build "$1" "$tmp/$1.c" || { fail "$1: does not build: $(head -n3 "$tmp/cc.log")"; return 1; }
}

build root "$J/configs/x86/qemu-x86.c" || { echo "FAIL: qemu-x86.c: $(cat "$tmp/cc.log")"; exit 1; }
compare "qemu-x86" "$tmp/root.cell"

demos=
for d in apic-demo tiny-demo smp-demo ioapic-demo pci-demo e1000-demo ivshmem-demo linux-x86-demo; do
	[ -f "$J/configs/x86/$d.c" ] || continue
	build "$d" "$J/configs/x86/$d.c" || { fail "$d.c: $(head -n3 "$tmp/cc.log")"; continue; }
	demos="$demos $d"
	compare "qemu-x86 + $d" "$tmp/root.cell" "$tmp/$d.cell"
done
compare "qemu-x86 + apic-demo + tiny-demo" "$tmp/root.cell" "$tmp/apic-demo.cell" "$tmp/tiny-demo.cell"
compare "qemu-x86 + ivshmem-demo + linux-x86-demo" "$tmp/root.cell" \
	"$tmp/ivshmem-demo.cell" "$tmp/linux-x86-demo.cell"

# Each demo's RAM (its first region: 0x3ee00000, apic-demo 0x3ef00000,
# linux-x86-demo 0x3a600000) moved over a resource config check knows,
# its comm region moved into its RAM, and CPU 0 added.
ram='\(\.phys_start = \)0x3[ae][ef6]00000'
for d in $demos; do
	for v in "hv 0x3a000000" "mmconfig 0xb0000000" "iommu 0xfed90000" \
		 "ioapic 0xfec00000" "xapic 0xfee00000"; do
		set -- $v
		variant "$d-$1" "$d" "0,/$ram/s//\\1$2/" &&
			compare "qemu-x86 + $d, RAM over $1" "$tmp/root.cell" "$tmp/$d-$1.cell"
	done
	variant "$d-comm" "$d" 's/\.virt_start = 0x00100000/.virt_start = 0x00080000/' &&
		compare "qemu-x86 + $d, comm region inside RAM" "$tmp/root.cell" "$tmp/$d-comm.cell"
	variant "$d-cpu0" "$d" '/\.cpus = {/{n;s/\(0[xb][0-9a-f]*\)/(\1 | 1)/}' &&
		compare "qemu-x86 + $d, CPU 0" "$tmp/root.cell" "$tmp/$d-cpu0.cell"
	# CPU 0 is refused by the driver, not config check: jhconf must say so
	grep -q "^error: CELL-CPU0: " "$tmp/jh.out" || fail "$d with CPU 0: no CELL-CPU0"
done

# The root cell broken: inmate RAM over the hypervisor, MMCONFIG over its
# MMIO, the IOMMU and IOAPIC moved onto its regions, two regions overlapping.
variant root-hv qemu-x86 's/0x3a600000,/0x3a500000,/g' &&
	compare "qemu-x86 RAM over hypervisor" "$tmp/root-hv.cell" "$tmp/tiny-demo.cell"
variant root-mmconfig qemu-x86 's/\.pci_mmconfig_base = 0xb0000000/.pci_mmconfig_base = 0xfe000000/' &&
	compare "qemu-x86 MMCONFIG over MMIO" "$tmp/root-mmconfig.cell" "$tmp/tiny-demo.cell"
variant root-iommu qemu-x86 's/\.base = 0xfed90000/.base = 0xfea00000/' &&
	compare "qemu-x86 IOMMU in a region" "$tmp/root-iommu.cell" "$tmp/tiny-demo.cell"
variant root-ioapic qemu-x86 's/\.address = 0xfec00000/.address = 0xfea40000/' &&
	compare "qemu-x86 IOAPIC in a region" "$tmp/root-ioapic.cell" "$tmp/apic-demo.cell"
variant root-overlap qemu-x86 's/0xfea60000,/0xfea50000,/g' &&
	compare "qemu-x86 regions overlapping" "$tmp/root-overlap.cell" "$tmp/apic-demo.cell"

echo "check parity: $variants sets, config check reported on $reported, $fails failed"
[ "$fails" = 0 ]
