#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf doctor on every bundled snapshot: the verdict (exit status) and
# each item's state, expected from the snapshot's own files as worked out
# by hand below (tests/data/snapshots/README.md says how each guest was
# made); the JSON form parsed with a JSON parser (python3 -m json.tool,
# or jq) and its values checked against the same files; bad input.
# Environment (from Makefile.am): JHCONF, DATA.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
S="$DATA/snapshots"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: doctor/$*"; fails=$((fails + 1)); }

# The expected state of each item: "key=WORD" where WORD is what the text
# line starts with (ok, MISSING = blocks, missing = optional or
# recommended, unknown). The facts, snapshot by snapshot:
#
# q35-jailhouse-doc, q35-devices-added: Intel (vendor_id GenuineIntel),
#   4 processors, flags with lm but neither vmx (TCG drops +vmx, README
#   "Quirks") nor x2apic (-cpu kvm64 without +x2apic); so EPT and the
#   other VMX features are unknown (Linux prints no "vmx flags" without
#   VT-x). DMAR present, its flags byte (offset 37) 0x01 = INTR_REMAP.
#   /proc/cmdline "console=ttyS0 intel_iommu=on": Linux owns VT-d
#   (MISSING) and there is no memmap= (MISSING). MCFG present, "ACPI
#   PM_TMR" in /proc/ioports, APIC present. 3 blocking: exit 1.
intel_doc="cpus=ok long-mode=ok cpu-vendor=ok same-features=ok vmx=MISSING
ept=unknown unrestricted-guest=unknown preemption-timer=unknown vapic=unknown
vmx-msrs=unknown x2apic=missing iommu=ok intr-remap=ok vtd-registers=unknown
linux-iommu=MISSING mmconfig=ok pm-timer=ok madt=ok memmap=MISSING
jailhouse-off=ok"
# q35-agl-memmap: the same CPU and IOMMU, but booted with
#   "memmap=82M$0x3a000000 intel_iommu=off": 82M = 0x5200000 = the
#   default 6M hypervisor + 76M inmates, and /proc/iomem lists
#   3a000000-3f1fffff as Reserved, so the window is ok; VT-d is left to
#   Jailhouse. Only VT-x blocks: exit 1.
agl="cpus=ok vmx=MISSING x2apic=missing iommu=ok intr-remap=ok
linux-iommu=ok mmconfig=ok pm-timer=ok madt=ok memmap=ok jailhouse-off=ok"
# q35-amd: -cpu EPYC: AuthenticAMD, flags with svm and npt but not
#   decodeassists, avic, flushbyasid (TCG dropped them) nor x2apic. IVRS
#   (112 bytes) with one IVHD, type 0x10 (byte 48), so no EFR image: the
#   SMI filter is unknown. The IOMMU at 00:02.0 has its capability at
#   0x40 with header 0x1f03000f (bit 27, EFRSup, set) and base register
#   0xfed80000 without the enable bit. "amd_iommu=on" is no off, and
#   snapshot-pci-devices.txt lists iommu groups: Linux owns the IOMMU
#   (MISSING). No memmap= (MISSING). 2 blocking: exit 1.
amd="cpus=ok svm=ok npt=ok decode-assists=missing avic=missing
flush-by-asid=missing x2apic=missing iommu=ok amd-iommu-efr=ok
amd-iommu-base=ok amd-iommu-smi-filter=unknown linux-iommu=MISSING
mmconfig=ok pm-timer=ok madt=ok memmap=MISSING jailhouse-off=ok"
# cloud-vm: AuthenticAMD, 2 processors, flags with lm and x2apic but no
#   svm (a cloud VM offers none), so NPT and the rest unknown; no IVRS
#   (and no DMAR): MISSING; MCFG present; no "ACPI PM_TMR" in
#   /proc/ioports: MISSING; no memmap=. 4 blocking: exit 1.
cloud="cpus=ok long-mode=ok svm=MISSING npt=unknown x2apic=ok iommu=MISSING
mmconfig=ok pm-timer=MISSING madt=ok memmap=MISSING"
# pc-i440fx-noiommu: Intel, 2 processors, no vmx, no DMAR, no MCFG
#   (-machine pc), PM timer in /proc/ioports, no memmap=. 4 blocking.
i440fx="cpus=ok vmx=MISSING iommu=MISSING intr-remap=unknown mmconfig=MISSING
pm-timer=ok madt=ok memmap=MISSING"

# check NAME STATUS BLOCKING EXPECTED: run doctor on the snapshot tree
check() {
	name=$1 want=$2 blocking=$3 expected=$4
	status=0
	"$JHCONF" doctor --root "$S/$name" >"$tmp/$name.txt" 2>"$tmp/err" || status=$?
	[ "$status" = "$want" ] || fail "$name: exit $status, not $want ($(cat "$tmp/err"))"
	[ -s "$tmp/err" ] && fail "$name: says on stderr: $(cat "$tmp/err")"
	for pair in $expected; do
		key=${pair%%=*} word=${pair#*=}
		what=$(what_of "$key")
		line=$(line_of "$tmp/$name.txt" "$what")
		[ -n "$line" ] || { fail "$name: no line for $key ($what)"; continue; }
		case "$line" in
		"$word "*) ;;
		*) fail "$name: $key: '$line', expected $word" ;;
		esac
	done
	n=$(grep -c '^MISSING ' "$tmp/$name.txt")
	[ "$n" = "$blocking" ] || fail "$name: $n MISSING lines, expected $blocking"
	last=$(tail -n1 "$tmp/$name.txt")
	if [ "$blocking" = 0 ]; then
		case "$last" in ready:*) ;; *) fail "$name: last line '$last'" ;; esac
	else
		case "$last" in
		"not ready: $blocking item"*) ;;
		*) fail "$name: last line '$last'" ;;
		esac
	fi
	# every MISSING line is followed by what to change
	awk '/^MISSING /{m=1; next} m && !/^         (also|fix): /{print; exit 1} /^         fix: /{m=0}' \
		"$tmp/$name.txt" >/dev/null || fail "$name: a MISSING item without its fix line"
}

# The words each key's line shows (the text output names items by these).
what_of() {
	case $1 in
	cpus) echo "more than one CPU" ;;
	long-mode) echo "64-bit (long mode)" ;;
	cpu-vendor) echo "Intel or AMD CPU" ;;
	same-features) echo "one feature set on every CPU" ;;
	vmx) echo "VT-x (VMX)" ;;
	ept) echo "EPT (extended page tables)" ;;
	unrestricted-guest) echo "VMX unrestricted guest" ;;
	preemption-timer) echo "VMX preemption timer" ;;
	vapic) echo "VMX APIC access virtualization" ;;
	vmx-msrs) echo "VMX controls in the MSRs" ;;
	x2apic) echo "x2APIC (optional)" ;;
	iommu) echo "IOMMU (" ;;
	intr-remap) echo "interrupt remapping" ;;
	vtd-registers) echo "VT-d unit registers" ;;
	linux-iommu) echo "Linux leaves" ;;
	svm) echo "AMD-V (SVM)" ;;
	npt) echo "NPT (nested page tables)" ;;
	decode-assists) echo "SVM decode assists (recommended)" ;;
	avic) echo "AVIC (optional)" ;;
	flush-by-asid) echo "flush by ASID (optional)" ;;
	amd-iommu-efr) echo "AMD IOMMU extended features" ;;
	amd-iommu-base) echo "AMD IOMMU base register" ;;
	amd-iommu-smi-filter) echo "AMD IOMMU SMI filter" ;;
	mmconfig) echo "PCI MMCONFIG (MCFG)" ;;
	pm-timer) echo "ACPI PM timer" ;;
	madt) echo "IOAPICs (MADT)" ;;
	memmap) echo "memory reserved for Jailhouse (memmap=)" ;;
	jailhouse-off) echo "Jailhouse not enabled yet" ;;
	*) echo "?$1" ;;
	esac
}
# line_of FILE WHAT: the item line whose text (after the 9 columns of
# the state word) starts with WHAT ("IOMMU (" and "Linux leaves" are
# prefixes of the Intel and AMD lines)
line_of() {
	while IFS= read -r l; do
		case "$l" in
		"         "*) ;;
		*) case "${l#?????????}" in "$2"*) printf '%s\n' "$l"; return ;; esac ;;
		esac
	done <"$1"
}

check q35-jailhouse-doc 1 3 "$intel_doc"
check q35-devices-added 1 3 "$intel_doc"
check q35-agl-memmap 1 1 "$agl"
check q35-amd 1 2 "$amd"
check cloud-vm 1 4 "$cloud"
check pc-i440fx-noiommu 1 4 "$i440fx"

# The hand table against the files it was read from (so that a snapshot
# refreshed later cannot silently disagree with the comments above).
first_flags() { grep -m1 '^flags' "$S/$1/proc/cpuinfo"; }
first_flags q35-jailhouse-doc | grep -qw vmx && fail "files: q35-jailhouse-doc has vmx now"
first_flags q35-amd | grep -qw svm || fail "files: q35-amd lacks svm"
first_flags q35-amd | grep -qw npt || fail "files: q35-amd lacks npt"
first_flags q35-amd | grep -qw decodeassists && fail "files: q35-amd has decodeassists"
first_flags cloud-vm | grep -qw svm && fail "files: cloud-vm has svm"
[ -f "$S/pc-i440fx-noiommu/sys/firmware/acpi/tables/MCFG" ] && fail "files: i440fx has MCFG"
[ -f "$S/cloud-vm/sys/firmware/acpi/tables/IVRS" ] && fail "files: cloud-vm has IVRS"
grep -q 'ACPI PM_TMR' "$S/cloud-vm/proc/ioports" && fail "files: cloud-vm has a PM timer"
grep -q 'intel_iommu=off' "$S/q35-agl-memmap/proc/cmdline" || fail "files: agl lacks intel_iommu=off"
[ "$(od -An -tx1 -j37 -N1 "$S/q35-jailhouse-doc/sys/firmware/acpi/tables/DMAR" | tr -d ' ')" = 01 ] ||
	fail "files: DMAR flags are not 0x01"
[ "$(od -An -tx1 -j48 -N1 "$S/q35-amd/sys/firmware/acpi/tables/IVRS" | tr -d ' ')" = 10 ] ||
	fail "files: the IVHD is not type 0x10"

# JSON: parsed by a JSON parser, values from the snapshot's files.
json_tool=""
if command -v python3 >/dev/null 2>&1; then
	json_tool=python3
elif command -v jq >/dev/null 2>&1; then
	json_tool=jq
fi
# jget FILE EXPR: one value (EXPR in jq's syntax, e.g. .machine.cpus;
# python3 walks the same path)
jget() {
	if [ "$json_tool" = jq ]; then
		jq -r "$2" "$1"
	else
		python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
for part in sys.argv[2].strip(".").split("."):
    if part.startswith("items[") :
        key = part[len("items[\""):-2]
        v = [i for i in v["items"] if i["key"] == key][0]
    else:
        v = v[part]
print(str(v).lower() if isinstance(v, bool) else v)' "$1" "$2"
	fi
}
# item EXPR for a key: jq's select, or the python path above
jitem() {
	if [ "$json_tool" = jq ]; then
		jq -r "[.items[] | select(.key == \"$2\")][0].$3" "$1"
	else
		jget "$1" ".items[\"$2\"].$3"
	fi
}

if [ -z "$json_tool" ]; then
	echo "SKIP: doctor/json: neither python3 nor jq to parse JSON with"
else
	for name in q35-jailhouse-doc q35-agl-memmap q35-amd cloud-vm pc-i440fx-noiommu; do
		status=0
		"$JHCONF" doctor --json --root "$S/$name" >"$tmp/$name.json" 2>"$tmp/err" || status=$?
		[ "$status" = 1 ] || fail "$name/json: exit $status"
		if [ "$json_tool" = jq ]; then
			jq . "$tmp/$name.json" >/dev/null 2>&1 || fail "$name/json: does not parse"
		else
			python3 -m json.tool "$tmp/$name.json" >/dev/null 2>&1 ||
				fail "$name/json: does not parse"
		fi
		[ "$(jget "$tmp/$name.json" .schema)" = jhconf-doctor ] || fail "$name/json: schema"
		[ "$(jget "$tmp/$name.json" .version)" = 1 ] || fail "$name/json: version"
		[ "$(jget "$tmp/$name.json" .ready)" = false ] || fail "$name/json: ready"
		cpus=$(grep -c '^processor' "$S/$name/proc/cpuinfo")
		[ "$(jget "$tmp/$name.json" .machine.cpus)" = "$cpus" ] ||
			fail "$name/json: cpus $(jget "$tmp/$name.json" .machine.cpus), cpuinfo has $cpus"
		vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' "$S/$name/proc/cpuinfo" | head -n1)
		[ "$(jget "$tmp/$name.json" .machine.vendor)" = "$vendor" ] ||
			fail "$name/json: vendor"
		# the same verdict as the text: blocking = MISSING lines
		[ "$(jget "$tmp/$name.json" .counts.blocking)" = \
		  "$(grep -c '^MISSING ' "$tmp/$name.txt")" ] || fail "$name/json: blocking count"
		# the memmap item: missing exactly where /proc/cmdline has no memmap=
		if grep -q 'memmap=' "$S/$name/proc/cmdline"; then want=ok; else want=missing; fi
		[ "$(jitem "$tmp/$name.json" memmap state)" = "$want" ] ||
			fail "$name/json: memmap state, expected $want"
		# the PM timer: ok exactly where /proc/ioports lists it
		if grep -q 'ACPI PM_TMR' "$S/$name/proc/ioports"; then want=ok; else want=missing; fi
		[ "$(jitem "$tmp/$name.json" pm-timer state)" = "$want" ] ||
			fail "$name/json: pm-timer state, expected $want"
	done
	# rule ids and fixes ride along
	[ "$(jitem "$tmp/q35-jailhouse-doc.json" vmx rule)" = READY-NO-VMX ] ||
		fail "json: vmx rule"
	[ "$(jitem "$tmp/q35-jailhouse-doc.json" vmx blocks)" = true ] || fail "json: vmx blocks"
	[ "$(jitem "$tmp/q35-amd.json" linux-iommu rule)" = READY-AMD-IOMMU-ON ] ||
		fail "json: amd linux-iommu rule"
	[ "$(jitem "$tmp/pc-i440fx-noiommu.json" mmconfig rule)" = ROOT-NO-MCFG ] ||
		fail "json: i440fx mmconfig reuses the planner's rule"
	[ "$(jitem "$tmp/q35-agl-memmap.json" linux-iommu state)" = ok ] ||
		fail "json: agl linux-iommu"
fi

# A ready machine: q35-agl-memmap given VT-x with EPT, unrestricted
# guest, preemption timer and APIC virtualization (as a KVM guest with
# -cpu host would print them): nothing blocks, exit 0.
cp -a "$S/q35-agl-memmap" "$tmp/ready"
sed -i -e 's/^flags\(.*\)$/flags\1 vmx ept x2apic/' \
	-e '/^flags/a vmx flags\t: vnmi preemption_timer ept unrestricted_guest vapic' \
	"$tmp/ready/proc/cpuinfo"
status=0
"$JHCONF" doctor --root "$tmp/ready" >"$tmp/ready.txt" 2>&1 || status=$?
[ "$status" = 0 ] || fail "ready: exit $status: $(grep MISSING "$tmp/ready.txt")"
grep -q '^ready: nothing found that blocks Jailhouse; 2 unknown (each line says why)$' "$tmp/ready.txt" ||
	fail "ready: $(tail -n1 "$tmp/ready.txt")"
grep -q '^ok       VMX preemption timer: vmx flag preemption_timer' "$tmp/ready.txt" ||
	fail "ready: preemption timer line"
# create on it prints no readiness warning
"$JHCONF" create --root "$tmp/ready" "$tmp/ready-out.c" >"$tmp/create.txt" 2>&1 ||
	fail "ready: create failed"
grep -q '^warning:' "$tmp/create.txt" && fail "ready: create warns: $(grep warning "$tmp/create.txt")"
# create on the demo guest warns about VT-x; the memmap= reservation and
# the IOMMU switch are on its "kernel command line needs" lines instead
"$JHCONF" create --root "$S/q35-jailhouse-doc" "$tmp/doc.c" >"$tmp/create.txt" 2>"$tmp/err" ||
	fail "create: failed"
grep -qx 'warning: /proc/cpuinfo: no vmx flag: the CPU lacks VT-x or the firmware left it disabled' \
	"$tmp/create.txt" || fail "create: no VT-x warning"
grep -qx '  not in /proc/cmdline yet: memmap=82M$0x3a000000 intel_iommu=off' \
	"$tmp/create.txt" || fail "create: the IOMMU switch not named"
[ "$(grep -c '^warning:' "$tmp/create.txt")" = 1 ] || fail "create: not 1 warning"
[ -s "$tmp/err" ] && fail "create: stderr '$(cat "$tmp/err")'"

# A snapshot tar, and a project (its machine and window).
tar -C "$S/q35-amd" -cf "$tmp/amd.tar" . || fail "tar"
# getopt_long's forms: -S short, --root=DIR
status=0
"$JHCONF" doctor --json -S "$tmp/amd.tar" >/dev/null 2>&1 || status=$?
[ "$status" = 1 ] || fail "short -S: exit $status"
status=0
"$JHCONF" doctor --root="$S/q35-amd" >"$tmp/eq.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "--root=: exit $status"
status=0
"$JHCONF" doctor --snapshot "$tmp/amd.tar" >"$tmp/tar.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "tar: exit $status"
sed 1d "$tmp/tar.txt" >"$tmp/tar.body"
sed 1d "$tmp/q35-amd.txt" >"$tmp/tree.body"
cmp -s "$tmp/tar.body" "$tmp/tree.body" || fail "tar: differs from the tree's"
"$JHCONF" init --root "$S/q35-agl-memmap" -p "$tmp/agl.conf" >/dev/null 2>&1 || fail "init"
status=0
"$JHCONF" doctor -p "$tmp/agl.conf" >"$tmp/proj.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "project: exit $status"
grep -q "(project $tmp/agl.conf)" "$tmp/proj.txt" || fail "project: header $(head -n1 "$tmp/proj.txt")"
grep -q '^ok       memory reserved for Jailhouse (memmap=): memmap=0x5200000\$0x3a000000' \
	"$tmp/proj.txt" || fail "project: memmap line"
# a bigger window than the 82M reservation: the planner's finding, reused
status=0
"$JHCONF" doctor --root "$S/q35-agl-memmap" --mem-inmates 128M >"$tmp/big.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "big: exit $status"
grep -q '^MISSING  memory reserved for Jailhouse (memmap=): /proc/cmdline: the memmap reservation (0x5200000 bytes) is smaller' \
	"$tmp/big.txt" || fail "big: $(grep memmap "$tmp/big.txt")"

# Bad input: exit 2, one line on stderr, nothing on stdout.
bad() { # NAME MESSAGE ARGS...
	name=$1 msg=$2; shift 2
	status=0
	"$JHCONF" doctor "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	[ "$status" = 2 ] || fail "bad-$name: exit $status"
	[ "$(cat "$tmp/err")" = "$msg" ] || fail "bad-$name: says '$(cat "$tmp/err")', not '$msg'"
	[ -s "$tmp/out" ] && fail "bad-$name: wrote to stdout"
}
bad option "jhconf: doctor: unknown or ambiguous option '--jsn' (see --help)" --jsn --root "$S/q35-amd"
bad argument "jhconf: doctor: 'extra': takes no file argument (see --help)" --root "$S/q35-amd" extra
bad no-value "jhconf: doctor: option '--root' needs a value (see --help)" --root
bad both "jhconf: --root and --snapshot: give one machine, not both" --root "$S/q35-amd" --snapshot "$tmp/amd.tar"
bad no-project "jhconf: $tmp/none.conf: No such file or directory" -p "$tmp/none.conf"
status=0
"$JHCONF" doctor --root "$tmp/nowhere" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" = 2 ] || fail "bad-root: exit $status"
grep -q "$tmp/nowhere" "$tmp/err" || fail "bad-root: '$(cat "$tmp/err")'"
"$JHCONF" doctor --help | grep -q '^Exit status: 0 ready, 1 something blocks Jailhouse, 2 bad input' ||
	fail "help"

[ "$fails" = 0 ] || exit 1
echo "doctor: all checks passed"
