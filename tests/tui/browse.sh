#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The TUI on the demo snapshot at 100x30: browse to a PCI device and read
# its BARs and IOMMU unit, the memory map, search with / and jump, help.
# Expected values come from the snapshot itself (its sysfs resource file and
# its DMAR table), not from jhconf: see the comments.
. "$TOP_SRCDIR/tests/tui/lib.sh"

start 100 30 tui --root "$SNAP"
wait_for "Jailhouse configuration" "main menu" || exit 1
screen | grep -q "snapshot tree: q35-jailhouse-doc" && ok "title names the snapshot" ||
	fail "title does not say what is open"
# the legend and buttons of menuconfig
screen | grep -qF "<Select> < Exit > < Help > < Save > < Load >" && ok "buttons" || fail "buttons"
screen | grep -qF "System  --->" && ok "submenu arrow" || fail "no ---> on System"

# Readiness comes first: the snapshot's /proc/cpuinfo has no vmx flag (a
# guest without nested virtualization) and its ACPI tables have a DMAR
wait_for "Readiness (2 to fix)  --->" "readiness first"
keys Enter
wait_for "[!!] CPU virtualization: none found" "no VT-x in the snapshot"
wait_for "[ok] IOMMU: Intel VT-d (ACPI DMAR)" "DMAR found"
wait_for "[--] Kernel command line: memmap=82M\$0x3a000000 is missing"
keys Escape Escape
wait_for "System  --->" "back at the main menu"

# System > PCI devices > 00:1f.2 (first-letter hot keys S and P, then Down x5)
keys s Enter
wait_for "Memory map  --->" "System menu" || exit 1
keys p
keys Enter
wait_for "System > PCI devices" "PCI list breadcrumb"
wait_for "00:1f.2 8086:2922" "SATA controller in the list"
keys Down Down Down Down Down Enter
wait_for "Device 00:1f.2" "device page" || exit 1
# BAR5 of 00:1f.2: the snapshot's sysfs resource line 6 reads
# 0xfebd1000 0xfebd1fff (4 KiB of 32-bit memory); BAR4 0xc040-0xc05f ports
r=$(sed -n 6p "$SNAP/sys/bus/pci/devices/0000:00:1f.2/resource")
start5=$(echo "$r" | awk '{printf "0x%x", $1}')
wait_for "BAR5: $start5-" "BAR5 as sysfs says ($r)"
wait_for "4 KiB memory, 32-bit" "BAR5 kind"
# the DMAR table of the snapshot has one DRHD at 0xfed90000 (INCLUDE_PCI_ALL)
wait_for "IOMMU unit: 0 (Intel VT-d at 0xfed90000)" "IOMMU unit"
wait_for "Driver: ahci" "driver"
wait_for "MSI: 1 vector" "MSI"

# help on the highlighted line, then back
keys '?'
wait_for "Keys of this screen:" "help page"
wait_for "Esc Esc" "help lists the keys"
keys q
wait_gone "Keys of this screen:"

# the memory map: the hypervisor's window is 6 MiB at 0x3a000000 (the
# snapshot's README: memmap=0x5200000$0x3a000000 with mem-hv 6 MiB)
keys Escape Escape
wait_for "00:1f.3 8086:2930" "back in the PCI list"
keys Escape Escape
wait_for "Memory map  --->" "back in System"
keys Escape Escape
wait_for "Findings (" "back at the main menu"
keys / 
wait_for "Search" "search box"
typ "0x3a000000"
keys Enter
wait_for "> Memory map" "jumped to the memory map"
wait_for "cursor: 0x3a000000-0x3a5fffff, 6 MiB, hypervisor" "cursor on the window"
screen | grep -q "HHH" && ok "the bar shows the hypervisor" || fail "no H in the bar"

# search a device by name: one hit jumps straight to its page
keys /
wait_for "Search" "search box again"
typ "Gigabit"
keys Enter
wait_for "Device 00:02.0" "jumped to the e1000e"
wait_for "Driver: e1000e"

# several hits are numbered (1) to (9), as in menuconfig; the digit opens one
keys /
wait_for "Search" "search box a third time"
typ "8086"
keys Enter
wait_for "(2) device 00:02.0 8086:10d3" "numbered hits"
keys 2
wait_for "Device 00:02.0" "digit 2 opened the second hit"
keys Escape Escape
wait_for "PCI devices" "a hit opens where it lives: Esc Esc goes up to the PCI list"

# leave: nothing changed, so no question
keys Escape Escape
keys Escape Escape
keys Escape Escape
st=$(wait_exit)
[ "$st" = 0 ] && ok "quit without changes, exit 0" || fail "exit status $st"
[ -e "$tmp/work/jhconf.conf" ] && fail "quitting without changes wrote a project"
stop
[ $fails -eq 0 ]
