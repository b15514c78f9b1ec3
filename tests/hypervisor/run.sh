#!/bin/sh
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
CHECKS="boot setup dhcp-before create-live collect jailhouse-collect create-snapshot
snapshot-equals-live partition enable dhcp-under-jailhouse inmate-create inmate-load
inmate-start dhcp-beside-inmate inmate-output inmate-shutdown inmate-destroy
disable dhcp-after-disable neg-cell neg-enable neg-dhcp-fails neg-disable
neg-dhcp-after root-c-equals-cell config-create-equals-live inmate-c-equals-cell"

# Host-side hard timeout per guest step, in seconds (the guest has slightly
# shorter ones of its own).
step_timeout() {
	case $1 in
	boot) echo 300 ;;
	create-live|create-snapshot|enable|neg-enable) echo 300 ;;
	disable|neg-disable|collect|inmate-start) echo 150 ;;
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
apt_install qemu-system-x86 busybox-static cpio python3 python3-mako gcc make \
	binutils patch

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
	inmates/demos/x86/apic-demo.bin; do
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
cp "$JH/inmates/demos/x86/apic-demo.bin" "$IR/inmates/"

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

# ------------------------------------------------------------ guest run
T_PREP=$(($(now) - T_START))
S0=$LOGS/ttyS0.log
S1=$LOGS/ttyS1.log
: >"$S0"; : >"$S1"
# The command line of the run that worked (shared/hypervisor/README), plus
# panic=-1 so that a guest panic ends QEMU at once (-no-reboot) instead of
# waiting for the host's timeout.
# shellcheck disable=SC2016 # memmap= needs a literal $
qemu-system-x86_64 -accel tcg -machine q35,kernel_irqchip=split -cpu EPYC -m 1G -smp 2 \
	-device amd-iommu -netdev user,id=n -device e1000e,netdev=n \
	-kernel "$VMLINUZ" -initrd "$INITRD" \
	-append 'console=ttyS1 memmap=82M$0x3a000000 amd_iommu=off panic=-1' \
	-serial "file:$S0" -serial "file:$S1" -display none -no-reboot -nodefaults \
	-monitor none >"$LOGS/qemu.log" 2>&1 &
QPID=$!
trap 'kill "$QPID" 2>/dev/null' EXIT INT TERM

PASSED=0; FAILED=0; RESULTS=$LOGS/results
: >"$RESULTS"
verdict() { # NAME PASS|FAIL DETAIL
	grep -q "^$1 " "$RESULTS" && return 0
	echo "$1 $2" >>"$RESULTS"
	echo "$2: $1 ($3)"
	if [ "$2" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
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

T_RUN=$(now)
cur=boot; cur_t0=$T_RUN; done_lines=0; check_inmate=; finished=; why=
while :; do
	t=$(now)
	# Complete event lines only (JHEND), console CRs removed.
	tr -d '\r' <"$S1" | grep -a '^JHTEST .* JHEND$' >"$LOGS/events"
	total=$(wc -l <"$LOGS/events")
	while [ "$done_lines" -lt "$total" ]; do
		done_lines=$((done_lines + 1))
		ev=$(sed -n "${done_lines}p" "$LOGS/events")
		# shellcheck disable=SC2086 # split into fields on purpose
		set -- $ev
		case $2 in
		begin)
			[ "$cur" = boot ] && verdict boot PASS "$((t - T_RUN)) s"
			cur=${3#step=}; cur_t0=$t ;;
		step=*)
			name=${2#step=}; res=${3#result=}
			verdict "$name" "$res" "$((t - cur_t0)) s, guest ${4#secs=} s"
			cur=idle; cur_t0=$t ;;
		check=inmate-output)
			check_inmate=$t; inmate_output ;;
		done)
			finished=1 ;;
		esac
	done
	inmate_output
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
kill "$QPID" 2>/dev/null
wait "$QPID" 2>/dev/null
trap - EXIT INT TERM
T_GUEST=$(($(now) - T_RUN))
[ "$cur" != idle ] || cur=between-steps
[ -z "$why" ] || verdict "$cur" FAIL "$why"

# Files the guest sent (base64 over the console).
for f in root.cell root.c jh.tar snap.cell apic-demo.cell apic-demo.c; do
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
# inmate-c-equals-cell: the same for the inmate cell jhconf generated in
# the guest (the one that was created, loaded and started).
if [ -s "$LOGS/apic-demo.cell" ] && [ -s "$LOGS/apic-demo.c" ]; then
	if cell_build "$LOGS/apic-demo.c" "$LOGS/apic-demo-c.cell" "$LOGS/host-checks.log" &&
		cmp "$LOGS/apic-demo.cell" "$LOGS/apic-demo-c.cell" >>"$LOGS/host-checks.log" 2>&1; then
		verdict inmate-c-equals-cell PASS "$(wc -c <"$LOGS/apic-demo.cell") bytes"
	else
		verdict inmate-c-equals-cell FAIL "see $LOGS/host-checks.log"
	fi
fi
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

for c in $CHECKS; do verdict "$c" FAIL "not reached"; done
info "preparation $T_PREP s, guest $T_GUEST s, total $(($(now) - T_START)) s"
echo "$PASSED passed, $FAILED failed"
if [ "$FAILED" -ne 0 ]; then
	echo "logs: $LOGS"
	exit 1
fi
exit 0
