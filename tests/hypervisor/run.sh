#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Hypervisor test: boots Jailhouse in a QEMU TCG guest (AMD SVM + AMD IOMMU)
# and checks jhconf's root cell on the real hypervisor.  See
# the README ("Testing on the real hypervisor") for what it proves and how to run it.
#
#   JAILHOUSE_SRC=DIR tests/hypervisor/run.sh
#
# JAILHOUSE_SRC is either a folder with jailhouse-master.tar.gz and patches
# (*.patch, applied in name order), or a Jailhouse source tree (a git
# clone); for a tree, JAILHOUSE_PATCHES may name a folder of patches to
# apply (already applied ones are skipped).  Optional: JHCONF (the jhconf
# binary, default ./jhconf of the build), JH_HV_WORK (work folder, default
# ./build-hypervisor), JH_KERNEL (Debian kernel version, e.g.
# 6.1.0-57-amd64; default the newest 6.1 one apt offers), JH_HV_TIMEOUT
# (seconds for the whole guest run, default 900).
#
# Prints one "PASS: NAME (N s)" or "FAIL: NAME (...)" line per check and
# "N passed, M failed" at the end; exits 0 only if everything passed.
# Everything fetched or built stays in the work folder; logs are in
# WORK/logs (named on failure).
set -u

here=$(cd "$(dirname "$0")" && pwd)
JHCONF=${JHCONF:-$PWD/jhconf}
WORK=${JH_HV_WORK:-$PWD/build-hypervisor}
RUN_TIMEOUT=${JH_HV_TIMEOUT:-900}
POLL=1

# Checks in the order the guest runs them (inmate-output is judged on the
# host); each gets a PASS or FAIL line even when never reached, so CI sees a
# stable count.
# cpu0-jhconf-check only once jhconf has a check command (else SKIP).
CHECKS="boot setup dhcp-before create-live collect jailhouse-collect create-snapshot
snapshot-equals-live partition partition-net partition-link enable dhcp-under-jailhouse
inmate-create inmate-load inmate-start dhcp-beside-inmate inmate-output inmate-shutdown
inmate-destroy net-create net-load net-start net-output net-destroy net-dhcp-after
link-disable link-enable ivshmem-create ivshmem-load ivshmem-start ivshmem-output
ivshmem-destroy
disable dhcp-after-disable neg-cell neg-enable neg-dhcp-fails neg-disable
neg-dhcp-after root-c-equals-cell config-create-equals-live inmate-c-equals-cell
net-c-equals-cell link-c-equals-cell cpu0-cell cpu0-boot cpu0-setup cpu0-enable
cpu0-refused cpu0-disable"

# Host-side hard timeout per guest step, in seconds (the guest has slightly
# shorter ones of its own).
step_timeout() {
	case $1 in
	boot|cpu0-boot) echo 300 ;;
	create-live|create-snapshot|enable|neg-enable|link-enable|cpu0-enable) echo 300 ;;
	disable|neg-disable|link-disable|cpu0-disable|collect|inmate-start) echo 150 ;;
	net-start|ivshmem-start) echo 150 ;;
	*) echo 120 ;;
	esac
}

now() { date +%s; }
info() { echo "# $*"; }
die() {
	echo "FAIL: prepare ($*)"
	for c in $CHECKS; do echo "FAIL: $c (not run)"; done
	n=0; for c in $CHECKS; do n=$((n + 1)); done
	echo "0 passed, $((n + 1)) failed"
	[ -n "${LOGS:-}" ] && echo "logs: $LOGS"
	exit 1
}

if [ -z "${JAILHOUSE_SRC:-}" ]; then
	echo "SKIP: set JAILHOUSE_SRC=... (a Jailhouse clone or ../shared/hypervisor)"
	exit 0
fi
[ -d "$JAILHOUSE_SRC" ] || die "JAILHOUSE_SRC=$JAILHOUSE_SRC: not a folder"
JAILHOUSE_SRC=$(cd "$JAILHOUSE_SRC" && pwd)
[ -x "$JHCONF" ] || die "$JHCONF: no jhconf binary (build first, or set JHCONF)"
JHCONF=$(cd "$(dirname "$JHCONF")" && pwd)/$(basename "$JHCONF")
[ "$(uname -m)" = x86_64 ] || die "needs an x86_64 host"

T_START=$(now)
mkdir -p "$WORK" || die "cannot create $WORK"
WORK=$(cd "$WORK" && pwd)
# The work folder is emptied in parts on every run: only one this script
# made (or an empty one) is used.
if [ ! -f "$WORK/.jhconf-hv-work" ]; then
	[ -z "$(ls -A "$WORK")" ] || die "$WORK is not empty and not a work folder of this test"
	: >"$WORK/.jhconf-hv-work"
fi
LOGS=$WORK/logs
rm -rf "$LOGS" "$WORK/initramfs" "$WORK/src"
mkdir -p "$LOGS"
info "work folder $WORK"

# ------------------------------------------------------------ packages
pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
apt_updated=
apt_install() {
	missing=
	for p in "$@"; do pkg_installed "$p" || missing="$missing $p"; done
	[ -n "$missing" ] || return 0
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (install them, or run as root)"
	info "apt-get install$missing"
	# shellcheck disable=SC2086
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing \
		>>"$LOGS/apt.log" 2>&1; then
		[ -z "$apt_updated" ] || die "apt-get install$missing failed, see $LOGS/apt.log"
		apt_updated=1
		apt-get update >>"$LOGS/apt.log" 2>&1
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing \
			>>"$LOGS/apt.log" 2>&1 || die "apt-get install$missing failed, see $LOGS/apt.log"
	fi
}

t0=$(now)
apt_install qemu-system-x86 ovmf busybox-static cpio python3 python3-mako gcc make \
	binutils patch
# UEFI firmware, not QEMU's default SeaBIOS: SeaBIOS puts the ACPI tables in
# a region /proc/iomem calls "Reserved", which a root cell as Jailhouse's
# config create writes it (and so jhconf) leaves unmapped; the first ACPI
# method Linux runs under Jailhouse (the _PRT lookup in pci_disable_device
# when a device is handed to a cell, _DSM and the like when it comes back)
# then stops the root cell ("FATAL: Invalid MMIO/RAM read" at the DSDT).
# OVMF reports them as "ACPI Tables", as PC firmware does, and they are mapped.
OVMF=/usr/share/ovmf/OVMF.fd
[ -f "$OVMF" ] || die "$OVMF missing after installing ovmf"

# The guest kernel: Debian's 6.1 (Jailhouse's own config create agrees
# byte for byte with jhconf there; 6.12 differs on purpose, see the README).
apt_has() { apt-cache show --no-all-versions "$1" >/dev/null 2>&1; }
# The newest 6.1.0-N-amd64 for which apt offers both the headers and the image.
pick_kernel() {
	for v in $(apt-cache pkgnames linux-headers-6.1.0- 2>/dev/null |
		sed -n 's/^linux-headers-\(6\.1\.0-[0-9]*-amd64\)$/\1/p' | sort -t- -k2,2nr); do
		if apt_has "linux-image-$v" && apt_has "linux-headers-$v"; then
			echo "$v"; return 0
		fi
	done
}
# Stale package lists name versions the archive no longer has: refresh them
# once (as root) before giving up.
apt_refresh() {
	[ -z "$apt_updated" ] && [ "$(id -u)" = 0 ] || return 1
	apt_updated=1
	info "apt-get update"
	apt-get update >>"$LOGS/apt.log" 2>&1
}
KVER=${JH_KERNEL:-}
if [ -z "$KVER" ]; then
	KVER=$(pick_kernel)
	[ -n "$KVER" ] || ! apt_refresh || KVER=$(pick_kernel)
	[ -n "$KVER" ] || die "apt offers no linux-image/linux-headers 6.1.0-N-amd64 pair (set JH_KERNEL)"
fi
apt_install "linux-headers-$KVER"
KDIR=/usr/src/linux-headers-$KVER
[ -d "$KDIR" ] || die "$KDIR missing after installing linux-headers-$KVER"

# The kernel image package is downloaded into the work folder and only what
# the guest needs is unpacked from it, in one pass over its 400 MB: vmlinuz
# and the Intel network drivers.  Modules from elsewhere (dependencies) are
# unpacked on demand (mod_file).  Nothing is installed.
KROOT=$WORK/kernel-$KVER
KDEB=$(find "$KROOT" -maxdepth 1 -name "linux-image-${KVER}_*.deb" 2>/dev/null | head -1)
VMLINUZ=$KROOT/boot/vmlinuz-$KVER
if [ -z "$KDEB" ] || [ ! -f "$VMLINUZ" ]; then
	rm -rf "$KROOT"
	mkdir -p "$KROOT"
	(cd "$KROOT" && apt-get download "linux-image-$KVER") >>"$LOGS/apt.log" 2>&1 ||
		{ apt_refresh && (cd "$KROOT" && apt-get download "linux-image-$KVER") >>"$LOGS/apt.log" 2>&1; } ||
		die "apt-get download linux-image-$KVER failed, see $LOGS/apt.log"
	KDEB=$(find "$KROOT" -maxdepth 1 -name "linux-image-${KVER}_*.deb" | head -1)
	[ -n "$KDEB" ] || die "apt-get download linux-image-$KVER left no .deb"
	dpkg-deb --fsys-tarfile "$KDEB" | tar -C "$KROOT" -x --wildcards \
		"./boot/vmlinuz-$KVER" "./lib/modules/$KVER/kernel/drivers/net/ethernet/intel/*" ||
		die "cannot unpack $KDEB"
fi
[ -f "$VMLINUZ" ] || die "no $VMLINUZ in linux-image-$KVER"
# deb_extract MEMBER...: unpacks members (paths as listed, "./...") into KROOT.
deb_extract() {
	dpkg-deb --fsys-tarfile "$KDEB" | tar -C "$KROOT" -x "$@" ||
		die "cannot unpack $* from $KDEB"
}
info "packages and kernel $KVER: $(($(now) - t0)) s"

# ------------------------------------------------------------ Jailhouse
# One build only: the README's "stock" build exists to show that the stock
# hypervisor refuses QEMU's IOMMU (a fact about QEMU, not about jhconf's
# cells); the driver, tools and inmates of both builds are the same, since
# the test patch changes only the hypervisor's AMD IOMMU code.
t0=$(now)
JH=$WORK/src/jailhouse
mkdir -p "$WORK/src"
PATCHES=
if [ -f "$JAILHOUSE_SRC/jailhouse-master.tar.gz" ]; then
	tar -C "$WORK/src" -xzf "$JAILHOUSE_SRC/jailhouse-master.tar.gz" ||
		die "cannot unpack $JAILHOUSE_SRC/jailhouse-master.tar.gz"
	[ -d "$JH" ] || die "jailhouse-master.tar.gz has no jailhouse/ folder"
	PATCHES=$JAILHOUSE_SRC
elif [ -d "$JAILHOUSE_SRC/hypervisor" ] && [ -d "$JAILHOUSE_SRC/driver" ]; then
	# A copy, so the user's tree (and its build products) stay untouched;
	# uncommitted changes come along.
	mkdir -p "$JH"
	(cd "$JAILHOUSE_SRC" && tar --exclude=.git -cf - .) | tar -C "$JH" -xf - ||
		die "cannot copy $JAILHOUSE_SRC"
	PATCHES=${JAILHOUSE_PATCHES:-}
else
	die "JAILHOUSE_SRC=$JAILHOUSE_SRC holds neither jailhouse-master.tar.gz nor a Jailhouse tree"
fi
if [ -n "$PATCHES" ]; then
	for p in "$PATCHES"/*.patch; do
		[ -f "$p" ] || continue
		if (cd "$JH" && patch -p1 -R --dry-run -s -f <"$p" >/dev/null 2>&1); then
			info "patch $(basename "$p"): already applied"
		elif (cd "$JH" && patch -p1 -s -f <"$p" >>"$LOGS/jailhouse-build.log" 2>&1); then
			info "patch $(basename "$p"): applied"
		else
			die "patch $p does not apply, see $LOGS/jailhouse-build.log"
		fi
	done
fi
# Makes the hypervisor print where it fails.
[ -f "$JH/include/jailhouse/config.h" ] ||
	echo '#define CONFIG_TRACE_ERROR 1' >"$JH/include/jailhouse/config.h"
# The build runs Python scripts through "#!/usr/bin/env python3": the
# system's python3 (with python3-mako) must come first in PATH, not a
# pyenv or venv one.
if ! env PATH=/usr/sbin:/usr/bin:/sbin:/bin make -C "$JH" -j"$(nproc)" KDIR="$KDIR" \
	PYTHON3=/usr/bin/python3 >>"$LOGS/jailhouse-build.log" 2>&1; then
	tail -5 "$LOGS/jailhouse-build.log"
	if grep -q '__get_vm_area_caller\|lapic_timer_period\|ioremap_page_range' \
		"$LOGS/jailhouse-build.log"; then
		info "hint: a stock kernel needs jailhouse-driver-stock-kernel.patch (set JAILHOUSE_PATCHES)"
	fi
	die "Jailhouse build failed, see $LOGS/jailhouse-build.log"
fi
for f in driver/jailhouse.ko hypervisor/jailhouse-amd.bin tools/jailhouse \
	tools/jailhouse-config-collect tools/jailhouse-config-create \
	inmates/demos/x86/apic-demo.bin inmates/demos/x86/e1000-demo.bin \
	inmates/demos/x86/ivshmem-demo.bin; do
	[ -f "$JH/$f" ] || die "Jailhouse build made no $f"
done
grep -q 'no SMI filter' "$JH/hypervisor/arch/x86/amd_iommu.c" ||
	info "warning: hypervisor without the QEMU AMD IOMMU test patch: enable will fail with -EIO"

# Jailhouse's own config build (configs/Makefile), by hand: the same
# compiler flags and include folders, then objcopy to the raw .cell.
JHINC="-I$JH/hypervisor/arch/x86/include -I$JH/hypervisor/include -I$JH/include"
cell_build() { # SRC.c OUT.cell LOG
	# shellcheck disable=SC2086
	gcc -c -Werror -Wall -Wextra -D__LINUX_COMPILER_TYPES_H $JHINC \
		-o "${2%.cell}.o" "$1" >>"$3" 2>&1 &&
		objcopy -O binary --remove-section=.note.gnu.property \
			"${2%.cell}.o" "$2" >>"$3" 2>&1
}
# The cell layout numbers for the negative control.
# shellcheck disable=SC2086
gcc -Werror -Wall -Wextra -D__LINUX_COMPILER_TYPES_H $JHINC \
	-o "$WORK/cell-layout" "$here/cell-layout.c" >>"$LOGS/jailhouse-build.log" 2>&1 &&
	"$WORK/cell-layout" >"$WORK/test.env" ||
	die "cannot build cell-layout.c, see $LOGS/jailhouse-build.log"
info "Jailhouse build: $(($(now) - t0)) s"

# ------------------------------------------------------------ initramfs
t0=$(now)
IR=$WORK/initramfs
mkdir -p "$IR/bin" "$IR/lib/modules" "$IR/lib/firmware" "$IR/usr/local/bin" \
	"$IR/usr/local/sbin" "$IR/cells" "$IR/inmates" "$IR/proc" "$IR/sys" "$IR/dev" \
	"$IR/tmp" "$IR/work"
BUSYBOX=$(command -v busybox || echo /bin/busybox)
cp "$BUSYBOX" "$IR/bin/busybox" || die "no busybox"
case $(file -b "$IR/bin/busybox" 2>/dev/null) in
*dynamically*) die "$BUSYBOX is dynamically linked (install busybox-static)" ;;
esac
cp "$here/guest-init.sh" "$IR/init" && chmod 755 "$IR/init"
cp "$here/dhcp-script" "$IR/dhcp-script" && chmod 755 "$IR/dhcp-script"
cp "$WORK/test.env" "$IR/test.env"
cp "$JHCONF" "$IR/usr/local/bin/jhconf"
cp "$JH/tools/jailhouse" "$IR/usr/local/sbin/jailhouse"
cp "$JH/tools/jailhouse-config-collect" "$IR/usr/local/sbin/"
cp "$JH/hypervisor/jailhouse-amd.bin" "$IR/lib/firmware/"
for d in apic-demo e1000-demo ivshmem-demo; do
	cp "$JH/inmates/demos/x86/$d.bin" "$IR/inmates/"
done

# Shared libraries of the two dynamic programs, at the paths ldd names,
# and libarchive with its own: jhconf loads it only for tars (collect,
# --snapshot), so ldd of jhconf does not list it.
ARCHIVE_LIB=$(ldconfig -p | awk '/libarchive\.so\.13 .*x86-64/ { print $NF; exit }')
[ -n "$ARCHIVE_LIB" ] || die "libarchive.so.13 not found (apt-get install libarchive13)"
for b in "$JHCONF" "$JH/tools/jailhouse" "$ARCHIVE_LIB"; do
	ldd "$b" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }'
done | { cat; echo "$ARCHIVE_LIB"; } | sort -u | while read -r lib; do
	mkdir -p "$IR$(dirname "$lib")"
	cp -L "$lib" "$IR$lib"
done

# Kernel modules: e1000e with what it depends on (from each module's
# .modinfo "depends=", since the package has no modules.dep), then
# jailhouse.ko.  The order file lists dependencies first.
# mod_file NAME: the module's path under KROOT ("-" and "_" are the same in
# module names), unpacking it from the .deb when the first pass did not.
mod_file() {
	alt=$(echo "$1" | tr _ -)
	p=$(find "$KROOT/lib/modules/$KVER/kernel" -name "$1.ko*" -o -name "$alt.ko*" 2>/dev/null | head -1)
	if [ -z "$p" ]; then
		[ -s "$KROOT/contents" ] || dpkg-deb --fsys-tarfile "$KDEB" | tar -t >"$KROOT/contents" ||
			die "cannot list $KDEB"
		p=$(grep -E "^\./lib/modules/$KVER/kernel/.*/($1|$alt)\.ko(\.xz|\.zst)?\$" "$KROOT/contents" | head -1)
		[ -n "$p" ] || die "module $1 not in linux-image-$KVER"
		deb_extract "$p"
		p=$KROOT/$p
	fi
}
mod_add() {
	grep -qx "$1.ko" "$IR/lib/modules/order" 2>/dev/null && return 0
	mod_file "$1"
	case $p in
	*.ko) cp "$p" "$IR/lib/modules/$1.ko" ;;
	*.ko.xz) xz -dc "$p" >"$IR/lib/modules/$1.ko" ;;
	*.ko.zst) zstd -qdc "$p" >"$IR/lib/modules/$1.ko" ;;
	*) die "cannot unpack $p" ;;
	esac
	deps=$(objcopy -O binary --only-section=.modinfo "$IR/lib/modules/$1.ko" /dev/stdout |
		tr '\0' '\n' | sed -n 's/^depends=//p' | tr , ' ')
	for d in $deps; do mod_add "$d"; done
	echo "$1.ko" >>"$IR/lib/modules/order"
}
: >"$IR/lib/modules/order"
mod_add e1000e
cp "$JH/driver/jailhouse.ko" "$IR/lib/modules/jailhouse.ko"
echo jailhouse.ko >>"$IR/lib/modules/order"

INITRD=$WORK/initrd.cpio
(cd "$IR" && find . | cpio -o -H newc --quiet) >"$INITRD" || die "cpio failed"
rm -rf "$IR"
info "initramfs $(du -k "$INITRD" | cut -f1) KiB: $(($(now) - t0)) s"

# ------------------------------------------------------------ guest runs
T_PREP=$(($(now) - T_START))

PASSED=0; FAILED=0; SKIPPED=0; RESULTS=$LOGS/results
: >"$RESULTS"
verdict() { # NAME PASS|FAIL|SKIP DETAIL
	grep -q "^$1 " "$RESULTS" && return 0
	echo "$1 $2" >>"$RESULTS"
	echo "$2: $1 ($3)"
	case $2 in
	PASS) PASSED=$((PASSED + 1)) ;;
	SKIP) SKIPPED=$((SKIPPED + 1)) ;;
	*) FAILED=$((FAILED + 1)) ;;
	esac
}

# apic-demo's timer lines on ttyS0, wanted once the guest got there (it
# waited for the demo's ticks); they come before the demo stops, so the file
# decides.  Judged as soon as the guest asks, or later in the poll loop.
inmate_output() {
	[ -n "$check_inmate" ] || return 0
	if grep -aq 'Timer fired' "$S0"; then
		verdict inmate-output PASS "$(grep -ac 'Timer fired' "$S0") timer lines on ttyS0"
		check_inmate=
	elif grep -aq 'Stopped APIC demo' "$S0" || [ $((t - check_inmate)) -gt 60 ] ||
		[ -n "$finished" ]; then
		verdict inmate-output FAIL "no 'Timer fired' on ttyS0"
		check_inmate=
	fi
}

# e1000-demo's console is ttyS2 (the cell's own UART).  What it must show:
# the NIC found by its ids (QEMU's e1000e, 8086:10d3: the demo takes the
# first PCI device of its cell whatever its ids, and drives it with the
# legacy descriptors the 82574L still has), the link, the controller role
# (reached only after the host's ANNOUNCE came in by DMA) and "Received
# pong" lines; and the host's peer must have seen as many PINGs (sent by
# the inmate's NIC, by DMA from the inmate's RAM).
net_output() {
	pongs=$(grep -ac 'Received pong' "$S2")
	peer=$(cat "$PEER_STATUS" 2>/dev/null)
	pings=$(echo "$peer" | sed -n 's/.* ping=\([0-9]*\).*/\1/p')
	if grep -aq 'Found 8086:10d3' "$S2" && grep -aq 'Running as controller' "$S2" &&
		[ "$pongs" -ge 5 ] && [ "${pings:-0}" -ge "$pongs" ]; then
		verdict net-output PASS "$pongs pongs on ttyS2, peer: $peer"
	else
		verdict net-output FAIL "$pongs pongs on ttyS2, peer: ${peer:-none}"
	fi
}

# ivshmem-demo on A (ttyS2) and B (ttyS3): each must have received its
# peer's interrupts and, printed in the handler, see the peer's state in
# the shared state table (a peer's state is its id + 1, written by the
# hypervisor when the demo sets it): A sees state[B] = B + 1, B sees
# state[A] = A + 1.  The ids are the ones each demo read from its device
# ("IVSHMEM: ID is N"); they must differ.
demo_id() { tr -d '\r' <"$1" | sed -n 's/^IVSHMEM: ID is \([0-9]*\)$/\1/p' | head -1; }
ivshmem_output() {
	ia=$(demo_id "$S2"); ib=$(demo_id "$S3")
	ga=$(grep -ac 'IVSHMEM: got interrupt' "$S2"); gb=$(grep -ac 'IVSHMEM: got interrupt' "$S3")
	if [ -n "$ia" ] && [ -n "$ib" ] && [ "$ia" != "$ib" ] && [ "$ga" -ge 1 ] && [ "$gb" -ge 1 ] &&
		tr -d '\r' <"$S2" | grep -aqx "state\[$ib\] = $((ib + 1))" &&
		tr -d '\r' <"$S3" | grep -aqx "state\[$ia\] = $((ia + 1))"; then
		verdict ivshmem-output PASS "A (id $ia) got $ga interrupts and sees state[$ib] = $((ib + 1)); B (id $ib) got $gb and sees state[$ia] = $((ia + 1))"
	else
		verdict ivshmem-output FAIL "ids A ${ia:-?} B ${ib:-?}, interrupts A $ga B $gb; see ttyS2.log, ttyS3.log"
	fi
}

# guest_run TAG INITRD BOOTCHECK EXTRA_APPEND: one QEMU run, its consoles in
# LOGS/TAGttyS0..3.log, verdicts read from the JHTEST lines on ttyS1 while
# it runs.
guest_run() {
	tag=$1; initrd=$2; bootcheck=$3; extra=$4
	S0=$LOGS/${tag}ttyS0.log; S1=$LOGS/${tag}ttyS1.log
	S2=$LOGS/${tag}ttyS2.log; S3=$LOGS/${tag}ttyS3.log
	: >"$S0"; : >"$S1"; : >"$S2"; : >"$S3"
	# The e1000e shares a QEMU hub with the user network (DHCP) and a UDP
	# socket to the host's e1000-demo peer.
	PEER_STATUS=$LOGS/${tag}e1000-peer.status
	rm -f "$LOGS/${tag}e1000-peer.ports" "$PEER_STATUS"
	python3 "$here/e1000-peer.py" "$LOGS/${tag}e1000-peer.ports" "$PEER_STATUS" \
		"$RUN_TIMEOUT" >"$LOGS/${tag}e1000-peer.log" 2>&1 &
	PEER=$!
	i=0
	while [ ! -s "$LOGS/${tag}e1000-peer.ports" ] && [ "$i" -lt 100 ] && kill -0 "$PEER" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	P_SEND=
	read -r P_LISTEN P_SEND <"$LOGS/${tag}e1000-peer.ports" 2>/dev/null
	if [ -z "${P_SEND:-}" ]; then
		kill "$PEER" 2>/dev/null
		verdict "$bootcheck" FAIL "e1000-peer.py did not start, see $LOGS/${tag}e1000-peer.log"
		return 1
	fi
	# The command line of the run that worked (shared/hypervisor/README),
	# plus panic=-1 so that a guest panic ends QEMU at once (-no-reboot)
	# instead of waiting for the host's timeout; pci=noaer, because with
	# Linux's native AER the e1000e driver's remove (when the Jailhouse
	# driver takes the NIC for a cell) and probe (when it comes back)
	# write the PCI Express Device Control register, which a root cell as
	# Jailhouse's config create writes it (and so jhconf) lists read-only:
	# the hypervisor rejects the write and parks the root CPU ("FATAL:
	# Invalid PCI config write, device 00:02.0, reg: 0xe8"); 3 CPUs (root's CPU 0 and
	# one for each ivshmem peer) and 4 UARTs (hypervisor, Linux, one for
	# each inmate console).  Under OVMF: the inmate window (memmap=) in
	# RAM below where the firmware keeps its own data and the initrd,
	# nokaslr so that the kernel is not placed inside it, no EFI runtime
	# services (their regions are "Reserved", not in the root cell), and
	# no option ROM for the NIC (the firmware does not boot from it).
	# no_timer_check: Linux's check that the timer interrupt arrives in
	# time fails now and then on a loaded host under TCG ("IO-APIC + timer
	# doesn't work!", a panic at boot).
	# shellcheck disable=SC2016 # memmap= needs a literal $
	qemu-system-x86_64 -accel tcg -machine q35,kernel_irqchip=split -cpu EPYC -m 1G -smp 3 \
		-bios "$OVMF" -device amd-iommu \
		-netdev hubport,id=hp0,hubid=0 -device e1000e,netdev=hp0,romfile= \
		-netdev user,id=n -netdev hubport,id=hp1,hubid=0,netdev=n \
		-netdev "socket,id=s,udp=127.0.0.1:$P_LISTEN,localaddr=127.0.0.1:$P_SEND" \
		-netdev hubport,id=hp2,hubid=0,netdev=s \
		-kernel "$VMLINUZ" -initrd "$initrd" \
		-append "console=ttyS1 memmap=82M\$0x30000000 nokaslr efi=noruntime no_timer_check amd_iommu=off pci=noaer panic=-1$extra" \
		-serial "file:$S0" -serial "file:$S1" -serial "file:$S2" -serial "file:$S3" \
		-display none -no-reboot -nodefaults -monitor none >"$LOGS/${tag}qemu.log" 2>&1 &
	QPID=$!
	trap 'kill "$QPID" "$PEER" 2>/dev/null' EXIT INT TERM

	T_RUN=$(now)
	cur=$bootcheck; cur_t0=$T_RUN; done_lines=0; check_inmate=; finished=; why=
	while :; do
		t=$(now)
		# Complete event lines only (JHEND), console CRs removed.
		tr -d '\r' <"$S1" | grep -a '^JHTEST .* JHEND$' >"$LOGS/${tag}events"
		total=$(wc -l <"$LOGS/${tag}events")
		while [ "$done_lines" -lt "$total" ]; do
			done_lines=$((done_lines + 1))
			ev=$(sed -n "${done_lines}p" "$LOGS/${tag}events")
			# shellcheck disable=SC2086 # split into fields on purpose
			set -- $ev
			case $2 in
			begin)
				[ "$cur" = "$bootcheck" ] && verdict "$bootcheck" PASS "$((t - T_RUN)) s"
				cur=${3#step=}; cur_t0=$t ;;
			step=*)
				name=${2#step=}; res=${3#result=}
				verdict "$name" "$res" "$((t - cur_t0)) s, guest ${4#secs=} s"
				cur=idle; cur_t0=$t ;;
			check=inmate-output)
				check_inmate=$t; inmate_output ;;
			check=net-output) net_output ;;
			check=ivshmem-output) ivshmem_output ;;
			done)
				finished=1 ;;
			esac
		done
		inmate_output
		# A hypervisor panic (it parks the CPU, the guest hangs): the
		# current step fails at once with the hypervisor's words.
		fatal=$(grep -a '^FATAL' "$S0" | head -1 | tr -d '\r')
		if [ -n "$fatal" ]; then
			why="hypervisor: $fatal"; break
		fi
		if ! kill -0 "$QPID" 2>/dev/null; then
			[ -n "$finished" ] || why="QEMU ended during step $cur"
			break
		fi
		lim=$(step_timeout "$cur")
		if [ $((t - cur_t0)) -gt "$lim" ]; then
			why="step $cur took more than $lim s"; break
		fi
		if [ $((t - T_RUN)) -gt "$RUN_TIMEOUT" ]; then
			why="guest run took more than $RUN_TIMEOUT s"; break
		fi
		[ -n "$finished" ] && [ $((t - cur_t0)) -gt 30 ] && { why="guest did not power off"; break; }
		sleep "$POLL"
	done
	kill "$QPID" "$PEER" 2>/dev/null
	wait "$QPID" 2>/dev/null
	wait "$PEER" 2>/dev/null
	trap - EXIT INT TERM
	[ "$cur" != idle ] || cur=between-steps
	[ -z "$why" ] || verdict "$cur" FAIL "$why"
	return 0
}

guest_run "" "$INITRD" boot ""
T_GUEST=$(($(now) - T_RUN))

# Files the guest sent (base64 over the console).
for f in root.cell root.c jh.tar snap.cell apic-demo.cell apic-demo.c NET.cell NET.c \
	A.cell A.c B.cell B.c RootCell.cell RootCell.c; do
	if tr -d '\r' <"$S1" | grep -aq "^JHF $f:"; then
		tr -d '\r' <"$S1" | sed -n "s/^JHF $f://p" | base64 -d >"$LOGS/$f" 2>/dev/null ||
			rm -f "$LOGS/$f"
	fi
done

# Host checks on what the guest sent.  root-c-equals-cell: the .c jhconf
# wrote beside the .cell that Jailhouse enabled builds, with the Jailhouse
# tree's config build, to the same bytes.
if [ -s "$LOGS/root.cell" ] && [ -s "$LOGS/root.c" ]; then
	if cell_build "$LOGS/root.c" "$LOGS/root-c.cell" "$LOGS/host-checks.log" &&
		cmp "$LOGS/root.cell" "$LOGS/root-c.cell" >>"$LOGS/host-checks.log" 2>&1; then
		verdict root-c-equals-cell PASS "$(wc -c <"$LOGS/root.cell") bytes"
	else
		verdict root-c-equals-cell FAIL "see $LOGS/host-checks.log"
	fi
fi
# inmate-c-equals-cell and the like: the same for every inmate cell jhconf
# generated in the guest (the ones that were created, loaded and started),
# and for the root cell of the link's project.
c_equals_cell() { # CHECK NAME...
	chk=$1; shift
	detail=
	for n in "$@"; do
		if [ ! -s "$LOGS/$n.cell" ] || [ ! -s "$LOGS/$n.c" ]; then
			verdict "$chk" FAIL "the guest sent no $n.cell/$n.c"; return
		fi
		if ! cell_build "$LOGS/$n.c" "$LOGS/$n-c.cell" "$LOGS/host-checks.log" ||
			! cmp "$LOGS/$n.cell" "$LOGS/$n-c.cell" >>"$LOGS/host-checks.log" 2>&1; then
			verdict "$chk" FAIL "$n, see $LOGS/host-checks.log"; return
		fi
		detail="$detail${detail:+, }$n $(wc -c <"$LOGS/$n.cell") bytes"
	done
	verdict "$chk" PASS "$detail"
}
[ ! -s "$LOGS/apic-demo.cell" ] || c_equals_cell inmate-c-equals-cell apic-demo
[ ! -s "$LOGS/NET.cell" ] || c_equals_cell net-c-equals-cell NET
[ ! -s "$LOGS/A.cell" ] || c_equals_cell link-c-equals-cell A B RootCell
# config-create-equals-live: Jailhouse's own `config create` on the tar of
# Jailhouse's own collector from the same guest writes the same bytes as
# jhconf's live root cell (kernel 6.1; see the README for 6.12).
if [ -s "$LOGS/root.cell" ] && [ -s "$LOGS/jh.tar" ]; then
	rm -rf "$WORK/jh-root"; mkdir -p "$WORK/jh-root"
	if tar -C "$WORK/jh-root" -xf "$LOGS/jh.tar" &&
		env PATH=/usr/sbin:/usr/bin:/sbin:/bin /usr/bin/python3 \
			"$JH/tools/jailhouse-config-create" -r "$WORK/jh-root" \
			"$LOGS/jailhouse-root.c" >>"$LOGS/host-checks.log" 2>&1 &&
		cell_build "$LOGS/jailhouse-root.c" "$LOGS/jailhouse-root.cell" \
			"$LOGS/host-checks.log" &&
		cmp "$LOGS/root.cell" "$LOGS/jailhouse-root.cell" >>"$LOGS/host-checks.log" 2>&1; then
		verdict config-create-equals-live PASS "$(wc -c <"$LOGS/jailhouse-root.cell") bytes"
	else
		verdict config-create-equals-live FAIL "see $LOGS/host-checks.log"
	fi
fi

# ------------------------------------------------------------ negative control
# A cell set with an error jhconf's planner refuses ("CPU 0 must stay with
# the root cell"), written anyway: jhconf's own apic-demo.c from the guest,
# its CPU set edited to CPU 0 with sed and built with the Jailhouse tree's
# headers.  Jailhouse must refuse it as predicted: the driver rejects CPU 0
# for a non-root cell on x86 with EINVAL (driver/cell.c, "Cannot assign CPU
# 0 to other cells"); the hypervisor would reject it too (-EBUSY, the
# calling CPU, hypervisor/control.c), but is not reached.  A second, short
# boot of the same guest: the initramfs plus a cpio holding root.cell and
# the bad cell (the kernel unpacks concatenated archives in order).
T_NEG=$(now)
t0=$T_NEG
if [ -s "$LOGS/apic-demo.c" ] && [ -s "$LOGS/root.cell" ] &&
	grep -q '^	\.cpu_set = { 0x0000000000000002 },$' "$LOGS/apic-demo.c"; then
	sed -e 's/^	\.cpu_set = { 0x0000000000000002 },$/	.cpu_set = { 0x0000000000000001 },/' \
		-e 's/\.name = "apic-demo",/.name = "bad-cpu0",/' \
		"$LOGS/apic-demo.c" >"$LOGS/bad-cpu0.c"
	if [ "$(diff "$LOGS/apic-demo.c" "$LOGS/bad-cpu0.c" | grep -c '^>')" -eq 2 ] &&
		cell_build "$LOGS/bad-cpu0.c" "$LOGS/bad-cpu0.cell" "$LOGS/host-checks.log"; then
		verdict cpu0-cell PASS "$(($(now) - t0)) s, apic-demo.c with CPU set 0x1, $(wc -c <"$LOGS/bad-cpu0.cell") bytes"
	else
		verdict cpu0-cell FAIL "sed or build failed, see $LOGS/host-checks.log"
	fi
else
	verdict cpu0-cell FAIL "no apic-demo.c with CPU set 0x2 from the guest"
fi
# jhconf's own verdict on the bad set, once jhconf has a check command.
if [ -s "$LOGS/bad-cpu0.cell" ]; then
	if "$JHCONF" check --help >/dev/null 2>&1; then
		t0=$(now)
		"$JHCONF" check "$LOGS/root.cell" "$LOGS/bad-cpu0.cell" >"$LOGS/cpu0-check.log" 2>&1
		rc=$?
		if [ "$rc" -eq 1 ]; then
			verdict cpu0-jhconf-check PASS "$(($(now) - t0)) s, exit 1: $(head -1 "$LOGS/cpu0-check.log")"
		else
			verdict cpu0-jhconf-check FAIL "exit $rc, see $LOGS/cpu0-check.log"
		fi
	else
		verdict cpu0-jhconf-check SKIP "jhconf has no check command yet"
	fi
	mkdir -p "$WORK/neg-ir/cells"
	cp "$LOGS/root.cell" "$LOGS/bad-cpu0.cell" "$WORK/neg-ir/cells/"
	INITRD2=$WORK/initrd-cpu0.cpio
	cp "$INITRD" "$INITRD2" &&
		(cd "$WORK/neg-ir" && find . | cpio -o -H newc --quiet) >>"$INITRD2" ||
		die "cpio for the negative control failed"
	rm -rf "$WORK/neg-ir"
	guest_run cpu0- "$INITRD2" cpu0-boot " jhtest=cpu0"
fi
T_NEG=$(($(now) - T_NEG))

for c in $CHECKS; do verdict "$c" FAIL "not reached"; done
info "preparation $T_PREP s, guest $T_GUEST s, negative control $T_NEG s, total $(($(now) - T_START)) s"
if [ "$SKIPPED" -ne 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else echo "$PASSED passed, $FAILED failed"; fi
if [ "$FAILED" -ne 0 ]; then
	echo "logs: $LOGS"
	exit 1
fi
exit 0
