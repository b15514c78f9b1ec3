#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A large generated machine (tests/bench/gen_machine, scale 1: 256 CPUs,
# 1024 PCI functions, 4 IOMMUs, 2 IOAPICs, about 5000 /proc/iomem lines):
# jhconf must accept it and write a root cell whose counts are the ones
# the generator states from what it wrote (not from jhconf's code).
# Larger scales are timed by `make bench`, not here.
: "${JHCONF:?JHCONF not set}" "${TOP_BUILDDIR:?TOP_BUILDDIR not set}"
GEN="$TOP_BUILDDIR/tests/bench/gen_machine"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$GEN" 1 "$tmp/m" >"$tmp/expected" || { echo "FAIL: gen_machine"; exit 1; }
want() { sed -n "s/^$1 //p" "$tmp/expected"; }

# The machine is the size the task asks for.
[ "$(want cpus)" = 256 ] || fail "generator: $(want cpus) CPUs"
[ "$(want pci)" = 1024 ] || fail "generator: $(want pci) PCI functions"
lines=$(wc -l <"$tmp/m/proc/iomem")
[ "$lines" = "$(want iomem_lines)" ] || fail "iomem has $lines lines, generator says $(want iomem_lines)"
[ "$lines" -ge 4900 ] || fail "iomem has only $lines lines"

if ! "$JHCONF" create --root "$tmp/m" "$tmp/root.c" >"$tmp/create.out" 2>&1; then
	cat "$tmp/create.out"
	echo "FAIL: create on the generated machine"
	exit 1
fi
"$JHCONF" show "$tmp/root.cell" >"$tmp/show" || { echo "FAIL: show"; exit 1; }

# "CPUs: 0-255 (256)", "memory regions: 3964", ...
got() { sed -n "s/^ *$1: \([0-9]*\)$/\1/p" "$tmp/show"; }
check() {  # label, got, expected
	if [ "$2" = "$3" ]; then echo "ok: $1 $2"; else fail "$1: cell has '$2', generator wrote $3"; fi
}
check CPUs "$(sed -n 's/^ *CPUs: .*(\([0-9]*\))$/\1/p' "$tmp/show")" "$(want cpus)"
check "PCI devices" "$(got 'PCI devices')" "$(want pci)"
check irqchips "$(got irqchips)" "$(want irqchips)"
check "IOMMU units" "$(got 'IOMMU units')" "$(want iommus)"
check "memory regions" "$(got 'memory regions')" "$(want mem)"
# each device under the unit whose DMAR scope reaches it
for u in 0 1 2 3; do
	n=$(grep -E '^ +[0-9]+: 0000:' "$tmp/show" | grep -c ", IOMMU $u,")
	check "devices under IOMMU $u" "$n" "$(want iommu$u)"
done
check "devices with MSI-X" "$(grep -E '^ +[0-9]+: 0000:' "$tmp/show" | grep -c 'MSI-X')" "$(want msix)"

[ $fails -eq 0 ] || exit 1
echo "generated machine: all counts agree"
