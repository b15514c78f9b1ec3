#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the hypervisor test guest (tests/hypervisor/run.sh builds the
# initramfs around it).  It runs every step in order and reports each on the
# Linux console (ttyS1) as
#   JHTEST begin step=NAME JHEND
#   JHTEST step=NAME result=PASS|FAIL secs=N JHEND
# The host reads these lines while the guest runs; JHEND marks a complete
# line, so a line caught half-written is never taken for a verdict.  Every
# command runs under a timeout so the guest itself never hangs on one; the
# host has its own hard timeouts on top.  At the end the guest powers off.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin
. /test.env

# A leading newline keeps kernel messages from sharing our line.
say() { printf '\nJHTEST %s JHEND\n' "$*"; }

# Sends a file to the host through the console: base64 lines tagged with the
# file name (the host decodes them into its log folder).
send_file() {
	base64 "$1" | sed "s|^|JHF $(basename "$1"):|"
}

# step NAME SECS COMMAND...: runs COMMAND (a shell function or program) with
# a timeout, prints its output tagged with the step name, then the verdict.
step() {
	name=$1; limit=$2; shift 2
	say "begin step=$name"
	t0=$(date +%s)
	if timeout -s KILL "$limit" /bin/sh /init --step "$@" >"/tmp/$name.log" 2>&1; then
		r=PASS
	else
		r=FAIL
	fi
	sed "s|^|[$name] |" "/tmp/$name.log"
	say "step=$name result=$r secs=$(($(date +%s) - t0))"
	[ "$r" = PASS ]
}

finish() {
	say "done"
	sync
	poweroff -f
	reboot -f
}

# ---------------------------------------------------------------- step bodies

load_modules() {
	for m in $(cat /lib/modules/order); do
		insmod "/lib/modules/$m" || return 1
	done
	ip link set lo up
	nic
	echo "e1000e interface: $(nic)"
}

# The e1000e's interface name, from sysfs (no udev renames in this guest).
nic() {
	for n in /sys/class/net/*; do
		d=$(readlink "$n/device/driver" 2>/dev/null) || continue
		case $d in */e1000e) echo "${n##*/}"; return 0 ;; esac
	done
	echo "no e1000e interface" >&2
	return 1
}

# One DHCP exchange with QEMU's user network: the offer is received by DMA
# into the e1000e's ring and signalled by MSI-X, so a lease proves both work
# through whatever IOMMU mapping the current cell set-up gives the device.
dhcp() {
	ifc=$(nic) || return 1
	ip link set "$ifc" up || return 1
	udhcpc -i "$ifc" -f -q -n -t "${1:-6}" -T 2 -s /dhcp-script
}

# DHCP on a freshly reset interface: after the negative control's DMA
# faults, the NIC's rings are left half-used (descriptors it consumed but
# could not write back), and the driver re-initialises them on down/up.
dhcp_reset() {
	ifc=$(nic) || return 1
	ip link set "$ifc" down && ip link set "$ifc" up || return 1
	dhcp
}

no_dhcp() {
	if dhcp 4; then
		echo "DHCP worked although the root cell does not let the e1000e DMA into RAM"
		return 1
	fi
	echo "DHCP failed, as a root cell without DMA on main RAM predicts"
}

create_live() {
	jhconf create /work/root.c || return 1
	jhconf show /work/root.cell
}

do_collect() { jhconf collect /work/snap.tar && ls -l /work/snap.tar; }

# Jailhouse's own collector (a shell script the Jailhouse build generates);
# the host runs Jailhouse's config create on its tar.
jh_collect() {
	jailhouse-config-collect /work/jh.tar && ls -l /work/jh.tar
}

create_snapshot() { jhconf create --snapshot /work/snap.tar /work/snap.c; }

same_cell() {
	ls -l /work/root.cell /work/snap.cell
	cmp /work/root.cell /work/snap.cell || return 1
	# The .c files may name their source differently; informative only.
	if cmp -s /work/root.c /work/snap.c; then echo ".c files identical"
	else echo ".c files differ (informative):"; diff /work/root.c /work/snap.c | head -20; fi
}

do_enable() {
	jailhouse enable "$1" || return 1
	jailhouse cell list
}

do_disable() {
	jailhouse disable || return 1
	[ ! -e /sys/devices/jailhouse/enabled ] ||
		[ "$(cat /sys/devices/jailhouse/enabled)" = 0 ]
}

cell_state() {
	jailhouse cell list | awk -v n="$1" '$2 == n { print $3 }'
}

# The inmate's cell is jhconf's own: a project made with jhconf's commands
# on the live guest (CPU 1, the default 1 MiB of RAM from the inmate
# window, ttyS0 as apic-demo prints there, no passive communication region
# since apic-demo answers shutdown requests), then generate. With no other
# cell and no link, generate's root cell must be create's.
partition() {
	jhconf init -p /work/p.conf &&
	jhconf cell add apic-demo -p /work/p.conf --cpus 1 --console ttyS0 \
		--flags virtual-console-permitted &&
	mkdir -p /work/gen && jhconf generate -p /work/p.conf -o /work/gen &&
	cat /work/p.conf && ls -l /work/gen &&
	cmp /work/gen/RootCell.cell /work/root.cell
}

# The e1000e's inmate: a project of its own (CPU 1 again, after apic-demo
# is gone), the NIC by its ids, a UART of its own (ttyS2, 0x3e8: QEMU's
# third serial port, so its lines do not mix with the hypervisor's on ttyS0)
# and the virtual console active as well, so its output also reaches the
# hypervisor's console, which this guest can read while the inmate runs
# (/sys/devices/jailhouse/console): that is how it knows when to go on.
# Giving a device away does not change the root cell (the hypervisor takes
# it from the root cell at cell create), so the root must still be create's.
partition_net() {
	jhconf init -p /work/net.conf &&
	jhconf cell add NET -p /work/net.conf --cpus 1 --pci 8086:10d3 --console ttyS2 \
		--flags passive-commreg,virtual-console-permitted,virtual-console-active &&
	jhconf cell show NET -p /work/net.conf &&
	mkdir -p /work/gen-net && jhconf generate -p /work/net.conf -o /work/gen-net &&
	cmp /work/gen-net/RootCell.cell /work/root.cell
}

# Two inmates (CPUs 1 and 2, consoles ttyS2 and ttyS3), both running
# Jailhouse's ivshmem-demo, on one ivshmem link with the root cell as the
# third peer: the demo prints the output sections of three peers (it reads
# at 0x4000 into them), so on a two-peer link it runs off its mapping and
# the cell triple-faults.  The root cell gets the link's virtual PCI device
# (Linux has no driver for it and leaves it alone), so generate's root cell
# differs from create's and is the one enabled for the link.
partition_link() {
	jhconf init -p /work/link.conf &&
	jhconf cell add A -p /work/link.conf --cpus 1 --console ttyS2 &&
	jhconf cell add B -p /work/link.conf --cpus 2 --console ttyS3 &&
	jhconf link add RootCell A B -p /work/link.conf &&
	jhconf link list -p /work/link.conf &&
	mkdir -p /work/gen-link && jhconf generate -p /work/link.conf -o /work/gen-link || return 1
	if cmp -s /work/gen-link/RootCell.cell /work/root.cell; then
		echo "the link leaves the root cell as create wrote it"
	else
		echo "the link changes the root cell"
	fi
}

inmate_create() { jailhouse cell create /work/gen/apic-demo.cell && jailhouse cell list; }
inmate_load() { jailhouse cell load apic-demo /inmates/apic-demo.bin; }

# The statistics folder of a cell, by name.
cell_stats() {
	for d in /sys/devices/jailhouse/cells/*; do
		[ "$(cat "$d/name" 2>/dev/null)" = "$1" ] && echo "$d/statistics" && return 0
	done
	return 1
}

# Started means the demo marked itself running/locked (it does so first
# thing) and its timer ticks: each tick is an x2APIC EOI and a TSC-deadline
# MSR write, which Jailhouse intercepts and counts as vmexits_msr_other,
# while setting up takes only a handful.  Waiting for 40 of them (about 10
# ticks) leaves the host time to see "Timer fired" lines on ttyS0 before the
# demo is shut down.  Polled, with the step's timeout as the bound.
inmate_start() {
	jailhouse cell start apic-demo || return 1
	while :; do
		s=$(cell_state apic-demo)
		n=0
		st=$(cell_stats apic-demo) && n=$(cat "$st/vmexits_msr_other")
		echo "state: $s, MSR exits: $n"
		[ "$s" = running/locked ] && [ "$n" -ge 40 ] && return 0
		sleep 0.5
	done
}

# apic-demo refuses the first shutdown request by design and accepts the
# second.
inmate_shutdown() {
	if jailhouse cell shutdown apic-demo; then
		echo "first shutdown request was not refused"
		return 1
	fi
	echo "first shutdown refused, as apic-demo does"
	jailhouse cell shutdown apic-demo || return 1
	s=$(cell_state apic-demo)
	echo "state: $s"
	[ "$s" = "shut" ] || [ "$s" = "shut down" ] ||
		jailhouse cell list | grep -q 'apic-demo.*shut down'
}

inmate_destroy() {
	jailhouse cell destroy apic-demo || return 1
	! jailhouse cell list | grep -q apic-demo
}

# The e1000e's sysfs folder, by its ids.
e1000e_dev() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x10d3 ] &&
			echo "$d" && return 0
	done
	return 1
}

# The e1000e inmate.  Creating the cell takes the NIC from Linux (the
# Jailhouse driver unbinds it and binds its own stub), so its interface must
# be gone.  One thing is done by hand first: QEMU 7.2's e1000e model resets
# only the MAC address on a software reset (CTRL.RST; a real 82574L resets
# its registers, and QEMU 8.0 does too), so the RFCTL.EXTEN bit Linux's
# driver set survives e1000-demo's reset and the NIC writes extended
# receive descriptors, whose "done" bit the demo (legacy layout) never sees:
# it sends but never receives.  So the NIC is unbound from Linux and RFCTL
# (BAR 0 + 0x5008) written to its reset value, 0, standing in for the reset
# QEMU skips, before the cell takes it.
net_create() {
	d=$(e1000e_dev) || { echo "no 8086:10d3 in sysfs"; return 1; }
	bar0=$(awk 'NR == 1 { print $1 }' "$d/resource")
	echo "${d##*/}" >/sys/bus/pci/drivers/e1000e/unbind || return 1
	rfctl=$((bar0 + 0x5008))
	echo "RFCTL was $(devmem "$rfctl" 32)"
	devmem "$rfctl" 32 0 || return 1
	echo "RFCTL now $(devmem "$rfctl" 32)"
	jailhouse cell create /work/gen-net/NET.cell || return 1
	jailhouse cell list
	if nic >/dev/null 2>&1; then
		echo "the e1000e is still Linux's after cell create"
		return 1
	fi
	echo "the e1000e left Linux"
}

net_load() { jailhouse cell load NET /inmates/e1000-demo.bin; }

# The demo finds the NIC, resets it, waits for the link, sends an ANNOUNCE
# frame and, answered by the host's peer (e1000-peer.py), plays controller:
# a PING every 100 ms, a "Received pong" line for each PONG after the first.
# Polled on the hypervisor's console (the virtual console) until 5 pongs.
net_start() {
	jailhouse cell start NET || return 1
	t0=$(date +%s)
	while :; do
		n=$(tr -d '\r' </sys/devices/jailhouse/console | grep -c 'Received pong')
		echo "state: $(cell_state NET), pongs on the hypervisor console: $n"
		[ "$n" -ge 5 ] && break
		if [ $(($(date +%s) - t0)) -gt 60 ]; then
			tr -d '\r' </sys/devices/jailhouse/console | tail -8
			return 1
		fi
		sleep 0.5
	done
	tr -d '\r' </sys/devices/jailhouse/console | grep -a -A1 -B8 'Received pong' | head -12
}

# e1000-demo does not take part in shutdown (its cell has a passive
# communication region): destroy directly.
net_destroy() {
	jailhouse cell destroy NET || return 1
	! jailhouse cell list | grep -q ' NET '
}

# Destroying the cell hands the NIC back to Linux unbound (the Jailhouse
# driver's stub lets it go; binding it to its driver again is left to the
# user, driver/pci.c): bind it to e1000e, wait for the interface, DHCP.
net_back() {
	d=$(e1000e_dev) || { echo "no 8086:10d3 in sysfs"; return 1; }
	echo "${d##*/}: driver $(readlink "$d/driver" 2>/dev/null || echo none)"
	echo "${d##*/}" >/sys/bus/pci/drivers/e1000e/bind || return 1
	i=0
	until nic >/dev/null 2>&1; do
		i=$((i + 1)); [ "$i" -le 40 ] || { echo "no e1000e interface after 20 s"; return 1; }
		sleep 0.5
	done
	echo "e1000e interface back: $(nic)"
	dhcp
}

# ivshmem_id CELL: the cell's peer id on the link (generate omits a zero).
ivshmem_id() {
	v=$(sed -n 's/.*\.shmem_dev_id = \([0-9]*\),.*/\1/p' "/work/gen-link/$1.c" | head -1)
	echo "${v:-0}"
}

ivshmem_create() {
	jailhouse cell create /work/gen-link/A.cell &&
	jailhouse cell create /work/gen-link/B.cell &&
	jailhouse cell list
}

# ivshmem-demo rings peer id+1 by default, which does not exist for the
# last peer: each gets the other's id as its target through the inmate
# command line (at 0x1000 in Jailhouse's x86 inmate layout).
ivshmem_load() {
	a=$(ivshmem_id A); b=$(ivshmem_id B)
	echo "peer ids: A=$a B=$b"
	jailhouse cell load A /inmates/ivshmem-demo.bin -s "target=$b" -a 0x1000 &&
	jailhouse cell load B /inmates/ivshmem-demo.bin -s "target=$a" -a 0x1000
}

# Each demo rings its peer's doorbell once a second: a write to the ivshmem
# register BAR, which the hypervisor emulates, so one MMIO exit of the cell
# (about 100 are spent setting up, then about one a second was seen).  Each
# cell's count must grow by 4 after a first look taken once setting up is
# over (1 s after start): at least 4 doorbells each way.
ivshmem_start() {
	jailhouse cell start A && jailhouse cell start B || return 1
	sa=$(cell_stats A) && sb=$(cell_stats B) || return 1
	sleep 1
	ma=$(cat "$sa/vmexits_mmio"); mb=$(cat "$sb/vmexits_mmio")
	echo "1 s after start: MMIO exits A $ma, B $mb"
	while :; do
		na=$(cat "$sa/vmexits_mmio"); nb=$(cat "$sb/vmexits_mmio")
		echo "A: $(cell_state A), MMIO exits $na; B: $(cell_state B), MMIO exits $nb"
		[ $((na - ma)) -ge 4 ] && [ $((nb - mb)) -ge 4 ] && return 0
		sleep 0.5
	done
}

ivshmem_destroy() {
	jailhouse cell destroy A && jailhouse cell destroy B || return 1
	! jailhouse cell list | grep -q ' [AB] '
}

# The negative control's cell (built on the host from jhconf's apic-demo.c
# with CPU 0 put in its CPU set): the Jailhouse driver refuses CPU 0 for a
# non-root cell on x86 with EINVAL ("Cannot assign CPU 0 to other cells",
# driver/cell.c) before the hypervisor is asked.
cpu0_refused() {
	if jailhouse cell create /cells/bad-cpu0.cell >/tmp/create.out 2>&1; then
		cat /tmp/create.out
		echo "cell create accepted CPU 0"
		return 1
	fi
	cat /tmp/create.out
	grep -q 'Invalid argument' /tmp/create.out || { echo "not EINVAL"; return 1; }
	dmesg | grep 'Cannot assign CPU 0 to other cells' || return 1
	# Nothing changed: only the root cell, all CPUs still Linux's.
	jailhouse cell list
	[ "$(jailhouse cell list | grep -vc '^ID')" -eq 1 ] || return 1
	echo "online CPUs: $(cat /sys/devices/system/cpu/online)"
}

# u32/u64 little-endian readers over a file (busybox od, 64-bit arithmetic).
rd() { od -A n -t "u$3" -j "$2" -N "$3" "$1" | tr -d ' \n'; }

# The negative control's root cell: jhconf's live root cell with the DMA flag
# cleared on the largest RAM region (not IO, DMA set), where Linux allocates
# the e1000e's buffers.  Offsets come from the Jailhouse tree's cell-config.h
# (cell-layout.c, on the host).
neg_cell() {
	cp /work/root.cell /work/neg.cell || return 1
	cpus=$(rd /work/neg.cell "$CELL_CPU_SET_SIZE_OFF" 4)
	nmem=$(rd /work/neg.cell "$CELL_NUM_MEM_OFF" 4)
	base=$((CELL_HEADER_SIZE + cpus))
	best=-1; bestsize=0; i=0
	while [ "$i" -lt "$nmem" ]; do
		e=$((base + i * MEM_ENTRY_SIZE))
		size=$(rd /work/neg.cell $((e + MEM_SIZE_OFF)) 8)
		flags=$(rd /work/neg.cell $((e + MEM_FLAGS_OFF)) 8)
		if [ $((flags & MEM_FLAG_DMA)) -ne 0 ] && [ $((flags & MEM_FLAG_IO)) -eq 0 ] &&
		   [ "$size" -gt "$bestsize" ]; then
			best=$i; bestsize=$size
		fi
		i=$((i + 1))
	done
	[ "$best" -ge 0 ] || { echo "no RAM region with DMA in root.cell"; return 1; }
	[ "$MEM_FLAG_DMA" -lt 256 ] || { echo "DMA flag outside the low byte"; return 1; }
	e=$((base + best * MEM_ENTRY_SIZE))
	phys=$(rd /work/neg.cell $((e + MEM_PHYS_OFF)) 8)
	low=$(rd /work/neg.cell $((e + MEM_FLAGS_OFF)) 1)
	printf "region %d: phys 0x%x size 0x%x flags byte 0x%x -> 0x%x\n" \
		"$best" "$phys" "$bestsize" "$low" $((low & ~MEM_FLAG_DMA))
	# shellcheck disable=SC2059
	printf "\\$(printf %03o $((low & ~MEM_FLAG_DMA)))" |
		dd of=/work/neg.cell bs=1 seek=$((e + MEM_FLAGS_OFF)) conv=notrunc 2>/dev/null
	[ "$(rd /work/neg.cell $((e + MEM_FLAGS_OFF)) 1)" -eq $((low & ~MEM_FLAG_DMA)) ] || return 1
	# Exactly one byte differs from jhconf's cell.
	[ "$(cmp -l /work/root.cell /work/neg.cell | wc -l)" -eq 1 ]
}

# ---------------------------------------------------------------- main

if [ "${1:-}" = --step ]; then
	fn=$2; shift 2
	"$fn" "$@"
	exit $?
fi

/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp /work
echo "kernel $(uname -r), cmdline: $(cat /proc/cmdline)"
# The negative control's own boot (run.sh boots the guest a second time with
# jhtest=cpu0 and the bad cell in /cells): enable, the refusal, disable.
case " $(cat /proc/cmdline) " in
*" jhtest=cpu0 "*)
	step cpu0-setup 60 load_modules || finish
	if step cpu0-enable 240 do_enable /cells/root.cell; then
		step cpu0-refused 60 cpu0_refused
		step cpu0-disable 120 do_disable
	fi
	finish ;;
esac
step setup 60 load_modules || finish
step dhcp-before 90 dhcp
step create-live 240 create_live && send_file /work/root.cell && send_file /work/root.c
step collect 120 do_collect
step jailhouse-collect 60 jh_collect && send_file /work/jh.tar
step create-snapshot 180 create_snapshot
step snapshot-equals-live 30 same_cell || send_file /work/snap.cell
# before enable: jhconf refuses to read a live machine under Jailhouse
step partition 120 partition &&
	send_file /work/gen/apic-demo.cell && send_file /work/gen/apic-demo.c
step partition-net 120 partition_net &&
	send_file /work/gen-net/NET.cell && send_file /work/gen-net/NET.c
step partition-link 120 partition_link &&
	send_file /work/gen-link/A.cell && send_file /work/gen-link/A.c &&
	send_file /work/gen-link/B.cell && send_file /work/gen-link/B.c &&
	send_file /work/gen-link/RootCell.cell && send_file /work/gen-link/RootCell.c
if step enable 240 do_enable /work/root.cell; then
	step dhcp-under-jailhouse 90 dhcp
	if [ -s /work/gen/apic-demo.cell ] &&
	   step inmate-create 60 inmate_create &&
	   step inmate-load 60 inmate_load &&
	   step inmate-start 120 inmate_start; then
		step dhcp-beside-inmate 90 dhcp
		# The host looks for the demo's timer lines on ttyS0 now.
		say "check=inmate-output"
		step inmate-shutdown 60 inmate_shutdown
	fi
	step inmate-destroy 60 inmate_destroy
	if [ -s /work/gen-net/NET.cell ] &&
	   step net-create 60 net_create &&
	   step net-load 60 net_load; then
		if step net-start 120 net_start; then
			# The host looks for the demo's pongs on ttyS2 now.
			say "check=net-output"
		fi
		step net-destroy 60 net_destroy
		step net-dhcp-after 90 net_back
	fi
	if [ -s /work/gen-link/A.cell ] && [ -s /work/gen-link/B.cell ]; then
		# A link that changes the root cell needs generate's root enabled.
		if cmp -s /work/gen-link/RootCell.cell /work/root.cell ||
		   { step link-disable 120 do_disable &&
		     step link-enable 240 do_enable /work/gen-link/RootCell.cell; }; then
			if step ivshmem-create 60 ivshmem_create &&
			   step ivshmem-load 60 ivshmem_load &&
			   step ivshmem-start 120 ivshmem_start; then
				say "check=ivshmem-output"
			fi
			step ivshmem-destroy 60 ivshmem_destroy
		fi
	fi
	step disable 120 do_disable
fi
step dhcp-after-disable 90 dhcp
if step neg-cell 30 neg_cell && step neg-enable 240 do_enable /work/neg.cell; then
	step neg-dhcp-fails 90 no_dhcp
	step neg-disable 120 do_disable
	step neg-dhcp-after 90 dhcp_reset
fi
finish
