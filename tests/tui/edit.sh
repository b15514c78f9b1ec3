#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Partitioning through the screens at 100x30: make an inmate with one CPU,
# 16 MiB and one device; a second cell on the same CPU is an error that
# the status line counts at once and that goes when fixed; save; generate
# the files and compare them with what `jhconf generate` writes headless
# from the saved project; quit with and without saving.
. "$TOP_SRCDIR/tests/tui/lib.sh"

# add_cell NAME CPUS: from the Cells screen, a cell with those CPUs
add_cell() {
	keys End Enter
	wait_for "The new cell's name" "add-cell box" || return 1
	typ "$1"
	keys Enter
	wait_for "Cell $1" "page of $1" || return 1
	keys Down Down Enter
	wait_for "The cell's CPUs" "CPU box" || return 1
	keys C-u
	typ "$2"
	keys Enter
	wait_for "CPUs: $2" "CPUs of $1"
}

start 100 30 tui --root "$SNAP"
wait_for "Cells (root + 0 inmates)" "main menu" || exit 1

# reserve the window: 128 MiB for inmates does not fit where the snapshot's
# memmap= reserved 82 MiB; what `jhconf create --mem-inmates 128M` says
# headless (its hint, its warning) the screens must say too
hint=$("$JHCONF" create --root "$SNAP" --mem-inmates 128M "$tmp/w.c" 2>/dev/null |
	sed -n 's/^kernel command line needs: //p')
[ -n "$hint" ] || fail "no hint from jhconf create"
keys Down Down Enter
wait_for "Inmate memory: 76 MiB" "Hypervisor screen" || exit 1
wait_for "Window: 0x3a000000-0x3f1fffff (82 MiB)" "the default window"
keys Down Enter
wait_for "Memory for all inmate cells"
keys C-u
typ 128M
keys Enter
wait_for "Inmate memory: 128 MiB" "inmate memory set"
wait_for "Kernel parameters: $hint" "the new window's parameters ($hint)"
# the demo guest boots with intel_iommu=on: ROOT-IOMMU-IN-USE stays, one
# warning throughout; the bigger window adds its own
wait_for " 0 errors, 2 warnings" "the window's warning counted"
keys Enter
wait_for "Memory for all inmate cells"
keys C-u
typ 76M
keys Enter
wait_for "Window: 0x3a000000-0x3f1fffff (82 MiB)" "the window back"
wait_for " 0 errors, 1 warning" "the warning went away"
# the window placed by hand at 0x20000000 (System RAM 0x100000-0x3ffdefff
# of the demo holds 82 MiB there), then given back to Jailhouse's rule
keys Down Down Enter
wait_for "Where the window starts" "the window's address box"
keys C-u
typ 0x20000000
keys Enter
wait_for "Window: 0x20000000-0x251fffff (82 MiB), placed by hand" "the window placed"
wait_for "Kernel parameters: memmap=82M\$0x20000000 intel_iommu=off" "its parameters"
keys Enter
wait_for "Where the window starts"
keys C-u
typ 0
keys Enter
wait_for "Window: 0x3a000000-0x3f1fffff (82 MiB)" "Jailhouse's place again"
keys Escape Escape
wait_for "Cells (root + 0 inmates)" "main menu again" || exit 1
keys c Enter
wait_for "Add a cell" "Cells screen" || exit 1
add_cell demo1 3 || exit 1
keys Down Enter
wait_for "The cell's RAM" "memory box"
keys C-u
typ 16M
keys Enter
wait_for "Memory: 16 MiB" "memory set"
# the HD audio device 00:1b.0 (the snapshot's fourth PCI function)
keys Down Enter
wait_for "PCI devices of demo1" "device checklist" || exit 1
keys Down Down Down ' '
wait_for "[*] 00:1b.0 8086:2668" "audio checked"
keys Escape Escape
wait_for "PCI devices (1)" "one device on the cell page"
wait_for " 0 errors" "no error with one inmate"
# its planned memory: 16 MiB from the inmate window, which starts after
# the 6 MiB of the hypervisor at 0x3a000000: 0x3a600000
wait_for "0x03a600000" "planned RAM at the window's inmate part"

# a second cell on CPU 3: two cells cannot share a CPU
keys Escape Escape
wait_for "demo1 (CPUs 3, 16 MiB, 1 device)" "demo1 in the list"
add_cell demo2 3
wait_for " 1 error" "the status line counts the shared CPU"
keys Escape Escape
wait_for "demo2 (CPUs 3, no memory" "back in Cells"
keys Escape Escape
wait_for "Findings (1 error" "main menu counts it" || exit 1
keys f Enter
wait_for "E PLAN: " "the finding is listed"
screen | grep -q "CPU 3" && ok "the finding names CPU 3" || fail "finding does not name CPU 3"
keys Enter
wait_for "Change the cell it names" "the finding's explanation"
keys q
wait_gone "Change the cell it names"
# g goes to the cell the error names; fix it there: demo2 on CPU 2
keys g
wait_for "Cells > Cell demo2" "g jumped to the cell" || exit 1
wait_for "Error: cell 'demo2'" "the cell page shows its error"
keys Down Down Enter
wait_for "The cell's CPUs"
keys C-u
typ 2
keys Enter
wait_for "CPUs: 2" "demo2 moved"
wait_for " 0 errors" "the error went away"
wait_for "[changed]" "the title says unsaved"

# an ivshmem link between the two (veth: two peers)
keys Escape Escape
wait_for "ivshmem links (0)  --->" "links on the Cells screen"
keys i Enter
wait_for "Add a link" "links screen" || exit 1
keys End Enter
wait_for "The cells to link"
typ "demo1 demo2"
keys Enter
wait_for "The protocol"
keys Enter
wait_for "Link 1: demo1 <-> demo2, default size, protocol veth" "the link"
wait_for " 0 errors" "the link plans"
keys Escape Escape
wait_for "ivshmem links (1)  --->"

# save with the <Save> button: Tab to it, Enter, accept the name
keys Tab Tab Tab
keys Enter
wait_for "Enter a filename" "save box"
keys Enter
wait_for "saved jhconf.conf" "saved message"
wait_gone "[changed]"
[ -s "$tmp/work/jhconf.conf" ] && ok "jhconf.conf written" || fail "no jhconf.conf"
grep -q "^cell demo1" "$tmp/work/jhconf.conf" && grep -q "cpus 3" "$tmp/work/jhconf.conf" &&
	ok "the project has demo1 on CPU 3" || fail "project content"
grep -q "^link demo1 demo2 protocol veth" "$tmp/work/jhconf.conf" && ok "the project has the link" ||
	fail "no link line in the project: $(grep link "$tmp/work/jhconf.conf")"

# generate into out/ and compare with the headless command
mkdir -p "$tmp/work/out"
keys Escape Escape
wait_for "Generate  --->"
keys g Enter
wait_for "Output folder: ." "Generate screen" || exit 1
keys Enter
wait_for "Where to write"
keys C-u
typ out
keys Enter
wait_for "out/demo2.cell" "file list"
keys End Enter
wait_for "Write every cell" "confirmation"
keys y
wait_for "Wrote 6 files" "generated"
keys q
(cd "$tmp/work" && "$JHCONF" generate -p jhconf.conf -o "$tmp/headless" >/dev/null 2>&1) ||
	{ mkdir -p "$tmp/headless" && (cd "$tmp/work" && "$JHCONF" generate -p jhconf.conf -o "$tmp/headless" >/dev/null) || fail "headless generate"; }
for f in RootCell.c RootCell.cell demo1.c demo1.cell demo2.c demo2.cell; do
	cmp -s "$tmp/work/out/$f" "$tmp/headless/$f" || fail "$f differs from jhconf generate's"
done
[ $fails -eq 0 ] && ok "the six files equal jhconf generate's"

# a change, then quit without saving: the question, 'n', the file stays
cp "$tmp/work/jhconf.conf" "$tmp/saved.conf"
keys Escape Escape
wait_for "Cells (root + 2 inmates)"
keys c Enter
wait_for "demo2 (CPUs 2"
keys Down Down Enter
wait_for "Kind: demo"
keys Down Enter
wait_for "Kind: linux" "kind toggled"
keys Escape Escape Escape Escape Escape Escape
wait_for "Do you wish to save your new project?" "quit question" || exit 1
keys n
st=$(wait_exit)
[ "$st" = 0 ] && ok "quit without saving: exit 0" || fail "quit status $st"
cmp -s "$tmp/work/jhconf.conf" "$tmp/saved.conf" && ok "the project file is untouched" ||
	fail "quitting without saving changed the project"
stop

# again on the saved project: change, quit, answer yes
start 100 30
wait_for "(project)" "the project opened by default" || exit 1
keys c Enter
wait_for "demo1 (CPUs 3"
keys Down Enter
wait_for "Kind: demo"
keys Down Enter
wait_for "Kind: linux"
keys Escape Escape Escape Escape Escape Escape
wait_for "Do you wish to save your new project?" "quit question" || exit 1
keys y
st=$(wait_exit)
[ "$st" = 0 ] && ok "quit with saving: exit 0" || fail "quit status $st"
grep -q "kind linux" "$tmp/work/jhconf.conf" && ok "the change was saved" ||
	fail "no 'kind linux' in the saved project"
stop
[ $fails -eq 0 ]
