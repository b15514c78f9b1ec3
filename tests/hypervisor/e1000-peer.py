#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Host-side peer of Jailhouse's e1000-demo inmate for the hypervisor test.

QEMU's e1000e sits on a QEMU network hub together with the user network
(DHCP for the root Linux) and a UDP socket netdev whose frames arrive here
(one UDP datagram per Ethernet frame, QEMU's "-netdev socket,udp=").  The
demo's protocol (inmates/demos/x86/e1000-demo.c): it broadcasts ANNOUNCE,
waits 1 ms for TARGET_ROLE, else becomes the controller and waits for an
ANNOUNCE from a peer, answers TARGET_ROLE and then sends PING every 100 ms,
printing "Received pong" for each PONG after the first.  This peer broadcasts
ANNOUNCE every 200 ms until the demo has taken the controller role (one
that lands in the demo's 1 ms window is consumed without effect; while Linux
owns the NIC it drops these frames of an unknown type) and answers every
PING with a PONG.  A PONG the demo counts proves the inmate's receive path (the
NIC wrote the frame into the inmate's RAM by DMA through the IOMMU), a PING
seen here its transmit path.

  e1000-peer.py PORTFILE STATUSFILE TIMEOUT

Binds two UDP ports on 127.0.0.1, writes "LISTEN SEND" to PORTFILE (QEMU's
udp= is LISTEN, its localaddr= is SEND) and then keeps STATUSFILE up to
date with one line of counts.  Ends after TIMEOUT seconds or when the
parent (the test) goes away.
"""
import os
import socket
import sys
import time

# The demo writes its u16 frame type in the CPU's byte order (little
# endian) into the Ethernet type field.
ANNOUNCE = bytes([0x4a, 0x00])
TARGET_ROLE = bytes([0x4a, 0x01])
PING = bytes([0x4a, 0x02])
PONG = bytes([0x4a, 0x03])
MY_MAC = bytes([0x02, 0x6a, 0x68, 0x63, 0x6f, 0x66])  # locally administered
BROADCAST = b"\xff" * 6


def frame(dst, ftype):
    # 60 bytes: the minimum Ethernet frame without the FCS.
    return (dst + MY_MAC + ftype).ljust(60, b"\0")


def main():
    portfile, statusfile, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.bind(("127.0.0.1", 0))
    # QEMU sends from SEND: the port is picked by binding, then released
    # for QEMU (localaddr=); a clash within that instant makes QEMU fail
    # to start, which the test reports.
    tmp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    tmp.bind(("127.0.0.1", 0))
    send_port = tmp.getsockname()[1]
    tmp.close()
    with open(portfile + ".tmp", "w") as f:
        f.write("%d %d\n" % (rx.getsockname()[1], send_port))
    os.rename(portfile + ".tmp", portfile)
    qemu = ("127.0.0.1", send_port)
    rx.settimeout(0.2)

    parent = os.getppid()
    end = time.monotonic() + timeout
    inmate_mac = None
    counts = {"announce": 0, "target": 0, "ping": 0, "pong": 0, "other": 0}
    controller = False
    last_announce = 0.0
    sent_announce = 0

    def status():
        line = " ".join("%s=%d" % kv for kv in sorted(counts.items()))
        mac = ":".join("%02x" % b for b in inmate_mac) if inmate_mac else "-"
        with open(statusfile + ".tmp", "w") as f:
            f.write("%s mac=%s controller=%d\n" % (line, mac, controller))
        os.rename(statusfile + ".tmp", statusfile)

    status()
    while time.monotonic() < end and os.getppid() == parent:
        now = time.monotonic()
        if not controller and now - last_announce > 0.2:
            rx.sendto(frame(BROADCAST, ANNOUNCE), qemu)
            last_announce = now
            sent_announce += 1
            if sent_announce <= 3:
                print("%.3f tx announce" % now, flush=True)
        try:
            data, _ = rx.recvfrom(2048)
        except socket.timeout:
            continue
        if len(data) < 14:
            continue
        ftype, src = data[12:14], data[6:12]
        # The first frames of each kind, for the log.
        kind = {ANNOUNCE: "announce", TARGET_ROLE: "target", PING: "ping"}.get(ftype, "other")
        if counts[kind] < 3:
            print("%.3f rx %s from %s, %d bytes" % (time.monotonic(), kind, src.hex(":"),
                                                    len(data)), flush=True)
        if ftype == ANNOUNCE:
            counts["announce"] += 1
            inmate_mac = src
        elif ftype == TARGET_ROLE:
            counts["target"] += 1
            inmate_mac, controller = src, True
        elif ftype == PING:
            counts["ping"] += 1
            inmate_mac, controller = src, True
            rx.sendto(frame(src, PONG), qemu)
            counts["pong"] += 1
        else:
            counts["other"] += 1
        status()
    status()


if __name__ == "__main__":
    main()
