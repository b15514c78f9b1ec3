#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make bench-scale` (also run by `make bench`): how `jhconf create` grows
# with the size of /proc/ioports and /proc/iomem (issue 8 item 6). A copy
# of the q35-agl-memmap snapshot gets, at scale S = 1, 4 and 16,
# 2,500 x S one-port PCI device ranges in ioports and 6,000 x S 4 KiB
# device leaves in iomem (all in descending address order, the worst case
# for a naive sort; all disjoint, as the kernel lists them). Each scale is
# timed (best of 3 runs of the whole process) and printed as a row; the
# growth from 1x to 16x must stay near linear: a quadratic step would
# multiply the time by about 256, so more than 48 fails.
# Environment: JHCONF, DATA.
set -eu

: "${JHCONF:?set JHCONF to the jhconf binary}"
: "${DATA:?set DATA to tests/data}"

work=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-bench-scale.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM
base="$DATA/snapshots/q35-agl-memmap"

now() { date +%s.%N; }

# the scale's tree in $work/s
make_tree() { # SCALE
	rm -rf "$work/s"
	cp -R "$base" "$work/s"
	awk -v n=$((2500 * $1)) '
		{ print }
		/^0d00-ffff : PCI Bus 0000:00$/ {
			for (i = n - 1; i >= 0; i--)
				printf "  %04x-%04x : 0000:%02x:%02x.%x\n", 4096 + i,
					4096 + i, 16 + i % 200, i % 32, i % 8
		}' "$base/proc/ioports" >"$work/s/proc/ioports"
	# the leaves go into the bus window c0000000-febfffff, below its
	# existing children (which start at fd000000)
	awk -v n=$((6000 * $1)) '
		{ print }
		/^c0000000-febfffff : PCI Bus 0000:00$/ {
			for (i = n - 1; i >= 0; i--)
				printf "  %08x-%08x : 0000:%02x:%02x.%x\n",
					3221225472 + i * 4096, 3221225472 + i * 4096 + 4095,
					16 + i % 200, i % 32, i % 8
		}' "$base/proc/iomem" >"$work/s/proc/iomem"
}

printf '%-6s %9s %9s %12s\n' scale lines seconds "us per line"
first=
for scale in 1 4 16; do
	make_tree "$scale"
	lines=$(cat "$work/s/proc/ioports" "$work/s/proc/iomem" | wc -l)
	best=
	for run in 1 2 3; do
		t0=$(now)
		"$JHCONF" create --root "$work/s" "$work/out.c" >/dev/null 2>&1 || {
			echo "bench-scale: create failed at scale $scale" >&2
			"$JHCONF" create --root "$work/s" "$work/out.c" >&2 || true
			exit 1
		}
		best=$(awk -v t0="$t0" -v t1="$(now)" -v b="$best" \
			'BEGIN { t = t1 - t0; print (b == "" || t < b) ? t : b }')
	done
	awk -v s="${scale}x" -v n="$lines" -v t="$best" \
		'BEGIN { printf "%-6s %9d %9.3f %12.2f\n", s, n, t, t * 1e6 / n }'
	[ -n "$first" ] || first=$best
	last=$best
done
awk -v a="$first" -v b="$last" 'BEGIN {
	printf "growth 1x -> 16x: %.1f times (linear: about 16, quadratic: about 256)\n", b / a
	exit !(b / a <= 48) }' || {
	echo "bench-scale: worse than n log n" >&2
	exit 1
}
