#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Partitioning through the command line (init, cell, link, generate):
# 1. A project with no inmate cells generates the root cell that
#    Jailhouse's own config create + build made for every reference case
#    and revision (tests/data/ref), byte for byte.
# 2. Two bundled snapshots partitioned into root + a demo inmate with a
#    device + a Linux inmate with the e1000e + an ivshmem link and a veth
#    link give the files kept in tests/data/partition/<snapshot>/. Those
#    were checked outside the project (see tests/data/partition/README):
#    each .c compiled against Jailhouse master's headers gives the .cell
#    jhconf wrote, and Jailhouse's `config check` finds nothing in the set.
# 3. Edits the machine cannot honour are refused (exit 2) and leave the
#    project file as it was.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
S="$DATA/snapshots"
fails=0 cases=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() { cases=$((cases + 1)); "$@" >"$tmp/log" 2>&1 || { fail "$*: $(tail -n2 "$tmp/log")"; return 1; }; }

# 1. no inmates: the reference root cells
for ref in "$DATA"/ref/*/rev1[234]/*.cell; do
	rev=${ref%/*}; rev=${rev##*/rev}
	snap=${ref##*/}; snap=${snap%.cell}
	d="$tmp/plain-$snap-$rev"
	mkdir -p "$d"
	run "$JHCONF" init -p "$d/p.conf" --root "$S/$snap" --config-revision "$rev" &&
	run "$JHCONF" generate -p "$d/p.conf" -o "$d" &&
	{ cmp -s "$ref" "$d/RootCell.cell" || fail "$snap rev $rev: generate differs from the reference"; }
done

# 2. partitioned snapshots against the kept outputs
partition() {
	snap=$1 demo_pci=$2 linux_pci=$3
	d="$tmp/part-$snap"
	mkdir -p "$d/out"
	p="$d/jhconf.conf"
	run "$JHCONF" init -p "$p" --root "$S/$snap" || return
	run "$JHCONF" cell add demo -p "$p" --cpus 3 $demo_pci || return
	run "$JHCONF" cell add linux1 -p "$p" --kind linux --cpus 1-2 --mem 64M \
		--pci "$linux_pci" || return
	run "$JHCONF" link add demo RootCell -p "$p" || return
	run "$JHCONF" link add linux1 RootCell --protocol veth -p "$p" || return
	run "$JHCONF" generate -p "$p" -o "$d/out" || return
	# the C files are kept as NAME.c.expected: data, not sources
	for want in "$DATA/partition/$snap"/*.cell "$DATA/partition/$snap"/*.c.expected; do
		got=${want##*/}; got=${got%.expected}
		cmp -s "$want" "$d/out/$got" ||
			fail "$snap: $got differs from tests/data/partition/$snap"
	done
	[ "$(ls "$d/out" | wc -l)" = 6 ] || fail "$snap: expected 6 files, got $(ls "$d/out")"
}
partition q35-jailhouse-doc "--pci 00:1b.0" 8086:10d3
partition q35-amd "" 8086:10d3

# 3. refused edits leave the project as it was
p="$tmp/part-q35-jailhouse-doc/jhconf.conf"
cp "$p" "$tmp/before.conf"
refused() {
	cases=$((cases + 1))
	text=$1; shift
	"$JHCONF" "$@" -p "$p" >"$tmp/log" 2>&1
	rc=$?
	[ "$rc" = 2 ] || fail "$*: exit $rc, expected 2"
	grep -qF -- "$text" "$tmp/log" || fail "$*: no '$text' in: $(cat "$tmp/log")"
	cmp -s "$p" "$tmp/before.conf" || fail "$*: changed the project file"
}
refused "CPU 0 must stay with the root cell" cell add x --cpus 0
refused "CPU 3 already belongs to cell 'demo'" cell add x --cpus 3
refused "no room for 0xc800000 bytes" cell assign demo --mem 200M
refused "already belongs to cell 'linux1'" cell add x --cpus 1 --pci 00:02.0
refused "takes part in link 1: remove the link first" cell remove demo
refused "no cell 'nosuch'" link add demo nosuch
refused "cell 'demo' exists already" cell add demo --cpus 2
cases=$((cases + 1))
"$JHCONF" cell list -p /dev/null >"$tmp/log" 2>&1
[ $? = 2 ] && grep -qF "/dev/null: not a regular file" "$tmp/log" ||
	fail "a device as project file: $(cat "$tmp/log")"
# a FIFO would block a plain open: refused at once (under timeout, so a
# hang fails with 124 instead of stopping the test)
cases=$((cases + 1))
mkfifo "$tmp/fifo.conf"
timeout 10 "$JHCONF" cell list -p "$tmp/fifo.conf" >"$tmp/log" 2>&1
[ $? = 2 ] && grep -qF "$tmp/fifo.conf: not a regular file, so not a project file" "$tmp/log" ||
	fail "a FIFO as project file: $(cat "$tmp/log")"

# The window placed by hand (--window-address): recorded in the project
# ("address"), used by generate; the root cell's hypervisor memory starts
# there. q35-jailhouse-doc's System RAM 0x100000-0x3ffdefff holds
# 0x20000000 + 82 MiB; 0x3f000000 + 82 MiB runs past it and is refused.
cases=$((cases + 1))
w="$tmp/window"
mkdir -p "$w/out"
if run "$JHCONF" init -p "$w/p.conf" --root "$S/q35-jailhouse-doc" --window-address 0x20000000 &&
   run "$JHCONF" generate -p "$w/p.conf" -o "$w/out"; then
	grep -q '^hypervisor .* address 0x20000000' "$w/p.conf" ||
		fail "window: no address line in the project: $(grep hypervisor "$w/p.conf")"
	"$JHCONF" show "$w/out/RootCell.cell" | grep -q '^hypervisor memory: 0x20000000-0x205fffff' ||
		fail "window: the root cell's hypervisor memory is not at 0x20000000"
else
	fail "window: init or generate failed"
fi
cases=$((cases + 1))
"$JHCONF" create --root "$S/q35-jailhouse-doc" --window-address 0x3f000000 "$tmp/w.c" \
	>"$tmp/log" 2>&1
[ $? = 1 ] && grep -qF "is not inside one System RAM region" "$tmp/log" &&
	[ ! -e "$tmp/w.cell" ] || fail "window outside RAM: $(cat "$tmp/log")"

echo "partition: $cases cases, $fails failed"
[ "$fails" = 0 ]
