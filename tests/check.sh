#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf check through the command line: the bundled reference root cells
# (every revision) and the expected partition outputs are clean; cells
# broken by hand (bytes patched at offsets of include/jailhouse/
# cell-config.h) or by `jhconf convert` give the rule they break and exit
# 1; bad files exit 2 with one line naming the file; --strict, --json and
# -v; a project with an error finding is refused by generate, which then
# writes nothing and prints the finding once.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
fails=0 cases=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect NAME STATUS TEXT -- CMD...: exit status, and TEXT (fixed string,
# empty: anything) in stdout or stderr
expect() {
	name=$1 want=$2 text=$3; shift 4
	cases=$((cases + 1))
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = "$want" ] || { fail "$name: exit $rc, expected $want: $(cat "$tmp/out" "$tmp/err" | head -n5)"; return; }
	if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/out" "$tmp/err"; then
		fail "$name: no '$text' in: $(cat "$tmp/out" "$tmp/err" | head -n5)"
	fi
}

# patch FILE OFFSET BYTE...: write bytes (decimal) at OFFSET
patch() {
	f=$1 off=$2; shift 2
	bytes=
	for b in "$@"; do bytes="$bytes\\$(printf '%03o' "$b")"; done
	# shellcheck disable=SC2059
	printf "$bytes" | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

# The reference root cells: nothing to report (Jailhouse's config check
# prints None everywhere for them too; see tests/data/ref/README.md).
for c in "$DATA"/ref/*/rev1[234]*/*.cell; do
	expect "ref $c" 0 "0 error(s), 0 warning(s), 0 note(s)" -- "$JHCONF" check "$c"
done

# The expected partition outputs: root, demo and linux1 together.
for d in "$DATA"/partition/*/; do
	expect "partition $d" 0 "0 error(s), 0 warning(s), 0 note(s)" -- \
		"$JHCONF" check "$d/RootCell.cell" "$d/demo.cell" "$d/linux1.cell"
done

P="$DATA/partition/q35-jailhouse-doc"
cp "$P/RootCell.cell" "$P/demo.cell" "$P/linux1.cell" "$tmp/"

# CPU 0 in the demo: the CPU set starts at offset 132 of a cell file (the
# descriptor's size); demo has CPU 3 (0x08), 0x09 adds CPU 0.
cp "$tmp/demo.cell" "$tmp/cpu0.cell"
patch "$tmp/cpu0.cell" 132 9
expect "cpu 0" 1 "error: CELL-CPU0: cell 'demo': CPU 0 cannot leave the root cell" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/cpu0.cell"
# CPUs 1 and 2 (linux1's) too: shared, and with 0 and 3 no CPU left to root
cp "$tmp/demo.cell" "$tmp/greedy.cell"
patch "$tmp/greedy.cell" 132 15
expect "cpus shared" 1 "CELL-CPU-SHARED: cells 'linux1' and 'demo' both have CPU 1" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/linux1.cell" "$tmp/greedy.cell"
expect "root starved" 1 "ROOT-NO-CPUS-LEFT" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/linux1.cell" "$tmp/greedy.cell"
# the same cell twice: one name, one CPU, the same RAM
expect "twice" 1 "CELL-NAME-TAKEN" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/demo.cell" "$tmp/demo.cell"
expect "twice mem" 1 "MEM-OVERLAP-CELLS" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/demo.cell" "$tmp/demo.cell"
expect "twice ivshmem" 1 "IVSHMEM-DEV-ID-TAKEN" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/demo.cell" "$tmp/demo.cell"

# The hypervisor memory's size is at offset 28 of a system configuration
# (signature 6, revision 2, flags 4, then phys_start and virt_start).
# 1 MiB for 4 CPUs: enough for the driver (4 x 16 KiB + the
# configuration), below 1 MiB + 4 x 64 KiB: a warning, an error under
# --strict.
cp "$tmp/RootCell.cell" "$tmp/tight.cell"
patch "$tmp/tight.cell" 28 0 0 16 0 0 0 0 0
expect "tight" 0 "warning: HV-MEM-TIGHT" -- "$JHCONF" check "$tmp/tight.cell"
expect "tight strict" 1 "warning: HV-MEM-TIGHT" -- "$JHCONF" check --strict "$tmp/tight.cell"
# 64 KiB cannot hold 4 per-CPU areas and the configuration
patch "$tmp/tight.cell" 28 0 0 1 0 0 0 0 0
expect "small" 1 "error: HV-MEM-TOO-SMALL" -- "$JHCONF" check "$tmp/tight.cell"

# A cell converted to revision 13 beside a revision 14 system.
"$JHCONF" convert --config-revision 13 "$tmp/demo.cell" "$tmp/demo13.c" >/dev/null ||
	fail "convert demo to 13"
expect "revisions" 1 "CELL-REVISION-MISMATCH: cell 'demo': configuration revision 13, the system's is 14" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/demo13.cell"
# ... and every file in revision 13: clean
"$JHCONF" convert --config-revision 13 "$tmp/RootCell.cell" "$tmp/root13.c" >/dev/null ||
	fail "convert root to 13"
expect "revision 13" 0 "0 error(s)" -- "$JHCONF" check "$tmp/root13.cell" "$tmp/demo13.cell"

# 20000 empty regions (a cell header with num_memory_regions at offset 52
# and zeros after it): checked in full and quickly (regions are compared
# sorted, not pair by pair), with the findings such a cell has.
head -c 132 "$tmp/demo.cell" >"$tmp/huge.cell"
head -c $((1 + 20000 * 32)) /dev/zero >>"$tmp/huge.cell"
patch "$tmp/huge.cell" 48 1 0 0 0 32 78 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
expect "huge" 1 "error: CELL-CONFIG-TOO-BIG" -- \
	timeout 60 "$JHCONF" check "$tmp/RootCell.cell" "$tmp/huge.cell"
grep -q "CHECK-INCOMPLETE" "$tmp/out" && fail "huge: incomplete, though every pair was compared"
# 20000 copies of one page (phys and virt 0x100000, 4 KiB, RWX): 2*10^8
# overlapping pairs, more findings than a check makes: CHECK-INCOMPLETE,
# an error, rather than hours or gigabytes.
python3 -c '
import struct, sys
head = bytearray(open(sys.argv[1], "rb").read(132))
# as for huge.cell: cpu_set_size 1 (offset 48), 20000 memory regions
# (offset 52), no other array; then the CPU set (CPU 1) and the regions
head[48:81] = struct.pack("<II", 1, 20000) + bytes(25)
region = struct.pack("<QQQQ", 0x100000, 0x100000, 0x1000, 7)
open(sys.argv[2], "wb").write(bytes(head) + b"\x02" + region * 20000)
' "$tmp/demo.cell" "$tmp/same.cell" || fail "python3 could not write same.cell"
expect "same page" 1 "error: CHECK-INCOMPLETE: stopped after 10000 findings" -- \
	timeout 60 "$JHCONF" check "$tmp/RootCell.cell" "$tmp/same.cell"

# -v explains, --json is one object
expect "explain" 1 "    why: Linux cannot give CPU 0 away on x86" -- \
	"$JHCONF" check -v "$tmp/RootCell.cell" "$tmp/cpu0.cell"
expect "json" 1 '"id": "CELL-CPU0"' -- \
	"$JHCONF" check --json "$tmp/RootCell.cell" "$tmp/cpu0.cell"
for want in '"schema": "jhconf-check"' '"version": 1' '"severity": "error"' '"cell": "demo"' \
	    '"file": "'"$tmp"'/cpu0.cell"' '"error": 1' '"exit": 1'; do
	cases=$((cases + 1))
	grep -qF -- "$want" "$tmp/out" || fail "json: no $want"
done

# Bad input: one line naming the file, exit 2.
head -c 100 "$tmp/RootCell.cell" >"$tmp/short.cell"
expect "truncated" 2 "short.cell: truncated" -- "$JHCONF" check "$tmp/short.cell"
cases=$((cases + 1))
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "truncated: not one line: $(cat "$tmp/err")"
cp "$tmp/demo.cell" "$tmp/sig.cell"
patch "$tmp/sig.cell" 0 88 88 88 88 88
expect "signature" 2 "sig.cell: bad signature" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/sig.cell"
cp "$tmp/demo.cell" "$tmp/rev.cell"
patch "$tmp/rev.cell" 6 99 0
expect "revision 99" 2 "rev.cell" -- "$JHCONF" check "$tmp/RootCell.cell" "$tmp/rev.cell"
expect "cell first" 2 "demo.cell: not a system configuration" -- \
	"$JHCONF" check "$tmp/demo.cell"
expect "two systems" 2 "a system configuration, not a cell" -- \
	"$JHCONF" check "$tmp/RootCell.cell" "$tmp/RootCell.cell"
expect "project and files" 2 "not both" -- \
	"$JHCONF" check -p "$tmp/p.conf" "$tmp/RootCell.cell"
expect "option" 2 "unknown or ambiguous option" -- "$JHCONF" check --bogus

# The project: clean, then refused with too little hypervisor memory.
S="$DATA/snapshots/q35-jailhouse-doc"
p="$tmp/p.conf"
"$JHCONF" init -p "$p" --root "$S" >/dev/null 2>&1 &&
	"$JHCONF" cell add demo -p "$p" --cpus 3 >/dev/null 2>&1 ||
	fail "project setup"
# q35-jailhouse-doc was collected with intel_iommu=on (its /proc/cmdline)
expect "project" 0 "0 error(s), 1 warning(s)" -- "$JHCONF" check -p "$p"
expect "project iommu" 0 "warning: ROOT-IOMMU-IN-USE: the kernel command line says intel_iommu=on" -- "$JHCONF" check -p "$p"
sed 's/mem-hv 6M/mem-hv 16K/' "$p" >"$tmp/small.conf"
expect "project small" 1 "error: HV-MEM-TOO-SMALL" -- "$JHCONF" check -p "$tmp/small.conf"
mkdir "$tmp/gen"
expect "generate refused" 1 "nothing written" -- "$JHCONF" generate -p "$tmp/small.conf" -o "$tmp/gen"
cases=$((cases + 2))
[ -z "$(ls "$tmp/gen")" ] || fail "generate refused but wrote $(ls "$tmp/gen")"
[ "$(grep -c 'cannot hold 4 per-CPU areas' "$tmp/err")" = 1 ] ||
	fail "generate: the finding not printed once: $(cat "$tmp/err")"

# A rule of both the planner and the check (the debug console) is one
# finding; two inmates on one UART are a warning (exit 0).
q="$tmp/q.conf"
"$JHCONF" init -p "$q" --root "$S" >/dev/null 2>&1 &&
	"$JHCONF" cell add a -p "$q" --cpus 3 --console ttyS0 >/dev/null 2>&1 &&
	"$JHCONF" cell add b -p "$q" --cpus 2 --pio 0x2f8-0x2ff >/dev/null 2>&1 &&
	"$JHCONF" cell add c -p "$q" --cpus 1 --pio 0x2f8-0x2ff >/dev/null 2>&1 ||
	fail "project q setup"
expect "project ports" 0 "warning: PIO-SHARED: cells 'b' and 'c': ports 0x2f8+8 and 0x2f8+8 overlap" -- \
	"$JHCONF" check -p "$q"
cases=$((cases + 1))
[ "$(grep -c CELL-DEBUG-CONSOLE "$tmp/out")" = 1 ] ||
	fail "project ports: debug console not once: $(cat "$tmp/out")"
expect "project ports strict" 1 "PIO-SHARED" -- "$JHCONF" check --strict -p "$q"

echo "check: $cases cases, $fails failed"
[ "$fails" = 0 ]
