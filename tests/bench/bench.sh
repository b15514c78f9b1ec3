#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: whole-process timings of jhconf (what a user waits for:
# loading, discovery, writing, exit), median of RUNS runs each, with CPU
# time (user + system) and peak RSS, by tests/bench/bench_proc (fork, exec,
# wait4). Rows: /bin/true (the floor of any process), jhconf --version,
# create / list pci / show on every bundled snapshot and create / list pci
# on generated machines of 1x, 2x and 4x (tests/bench/gen_machine).
#
# With JAILHOUSE_SRC=/path/to/jailhouse (a source tree), Jailhouse's own
# `tools/jailhouse-config-create -r` runs on the same trees in the same run,
# and the table gives how many times more CPU time it needs. It needs
# python3 with mako (Debian: python3-mako) and pyjailhouse/pci_defs.py,
# which this script makes the way Jailhouse's build does when it is
# missing. Python is never needed by jhconf itself.
: "${JHCONF:?JHCONF not set}" "${TOP_BUILDDIR:?TOP_BUILDDIR not set}" "${DATA:?DATA not set}"
RUNS=${RUNS:-20}
BP="$TOP_BUILDDIR/tests/bench/bench_proc"
GEN="$TOP_BUILDDIR/tests/bench/gen_machine"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
rows="$tmp/rows"
: >"$rows"
# jhconf keeps the index of a checked pci.ids in the user's cache folder:
# the bench has its own (filled by each row's warm-up runs, as by a
# user's first run), and the create-uncached rows show a run without one
# (a regular file where the folder would go: nothing can be kept).
XDG_CACHE_HOME="$tmp/cache"
export XDG_CACHE_HOME
: >"$tmp/nocache"

# config create, when a Jailhouse tree is given
PY=
if [ -n "${JAILHOUSE_SRC:-}" ]; then
	cc="$JAILHOUSE_SRC/tools/jailhouse-config-create"
	[ -f "$cc" ] || { echo "bench: $cc: not found (JAILHOUSE_SRC)" >&2; exit 2; }
	for p in ${PYTHON:-python3 /usr/bin/python3}; do
		if "$p" -c 'import mako' 2>/dev/null; then PY=$p; break; fi
	done
	[ -n "$PY" ] || { echo "bench: no python3 with mako (apt-get install python3-mako)" >&2; exit 2; }
	defs="$JAILHOUSE_SRC/pyjailhouse/pci_defs.py"
	if [ ! -s "$defs" ]; then
		echo "bench: generating $defs (as Jailhouse's build does)"
		sh "$JAILHOUSE_SRC/scripts/gen_pci_defs.sh" \
			"$JAILHOUSE_SRC/include/jailhouse/pci_defs.h" >"$defs" 2>/dev/null ||
		bash "$JAILHOUSE_SRC/scripts/gen_pci_defs.sh" \
			"$JAILHOUSE_SRC/include/jailhouse/pci_defs.h" >"$defs" ||
			{ echo "bench: cannot generate $defs" >&2; exit 2; }
	fi
	PYRUNS=$(( RUNS / 4 )); [ "$PYRUNS" -ge 3 ] || PYRUNS=3
fi

# row NAME RUNS CMD...: one timed row (any exit status is allowed for
# machines that are refused; the status goes into the table)
row() {
	rname=$1 rn=$2; shift 2
	"$@" >/dev/null 2>&1
	st=$?
	"$BP" -x -n "$rn" -w 2 -l "$rname" -- "$@" >>"$rows" || echo "$rname failed" >>"$rows"
	echo "$rname exit=$st" >>"$tmp/status"
}

echo "bench: $RUNS runs per row$( [ -n "$PY" ] && echo ", $PYRUNS for config create ($PY)")"
row "floor:/bin/true" "$RUNS" /bin/true
row "version" "$RUNS" "$JHCONF" --version

trees=
for s in "$DATA"/snapshots/*/; do
	trees="$trees ${s%/}"
done
for scale in 1 2 4; do
	echo "bench: generating the ${scale}x machine"
	"$GEN" "$scale" "$tmp/gen-${scale}x" >"$tmp/gen-${scale}x.counts" || exit 2
	trees="$trees $tmp/gen-${scale}x"
done

for t in $trees; do
	n=$(basename "$t")
	row "create:$n" "$RUNS" "$JHCONF" create --root "$t" "$tmp/$n.c"
	case $n in q35-*)
		(XDG_CACHE_HOME="$tmp/nocache/cache"
		 row "create-uncached:$n" "$RUNS" "$JHCONF" create --root "$t" "$tmp/$n.c");;
	esac
	row "list-pci:$n" "$RUNS" "$JHCONF" list pci --root "$t"
	if [ -f "$tmp/$n.cell" ]; then
		row "show:$n" "$RUNS" "$JHCONF" show "$tmp/$n.cell"
	fi
	if [ -n "$PY" ]; then
		row "config-create:$n" "$PYRUNS" "$PY" "$JAILHOUSE_SRC/tools/jailhouse-config-create" -r "$t" "$tmp/$n-py.c"
	fi
done

# The screens (tests/bench/bench_tui): the first full screen of `jhconf tui`
# on a snapshot, and re-validating a 64-cell project on the 1x machine.
"$TOP_BUILDDIR/tests/bench/bench_tui" "$JHCONF" "$DATA/snapshots/q35-devices-added" \
	"$tmp/gen-1x" "$RUNS" >>"$rows" || echo "tui-rows failed" >>"$rows"

# The table: times in ms; "x config create" is config create's median CPU
# time over jhconf create's on the same tree.
awk -v status="$tmp/status" '
BEGIN {
	while ((getline l < status) > 0) { split(l, a, " exit="); st[a[1]] = a[2] }
}
$2 == "failed" { fail[$1] = 1; next }
{ name[NR] = $1; runs[$1] = $2; wmed[$1] = $3; wmin[$1] = $4; wmax[$1] = $5;
  cpu[$1] = $6; rss[$1] = $7; order[++n] = $1 }
END {
	printf "%-36s %5s %9s %9s %9s %9s %8s %12s\n", "command:tree", "runs",
	       "wall med", "wall min", "wall max", "CPU med", "RSS MiB", "x cfg-create"
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (k ~ /^config-create:/) continue
		ratio = ""
		if (k ~ /^create(-uncached)?:/) {
			py = "config-create:" substr(k, index(k, ":") + 1)
			if (py in cpu && cpu[k] > 0)
				ratio = sprintf("%.1fx", cpu[py] / cpu[k])
		}
		label = k
		if (st[k] != "" && st[k] != 0) label = k " (exit " st[k] ")"
		printf "%-36s %5d %9.3f %9.3f %9.3f %9.3f %8.1f %12s\n", label, runs[k],
		       wmed[k], wmin[k], wmax[k], cpu[k], rss[k] / 1024, ratio
	}
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (k !~ /^config-create:/) continue
		label = k
		if (st[k] != "" && st[k] != 0) label = k " (exit " st[k] ")"
		printf "%-36s %5d %9.3f %9.3f %9.3f %9.3f %8.1f\n", label, runs[k],
		       wmed[k], wmin[k], wmax[k], cpu[k], rss[k] / 1024
	}
	for (k in fail) printf "%s: FAILED to run\n", k
}' "$rows"

# The targets of issue 9 and 13, each met or missed, from the rows above
# (CPU medians; config create's ratio only when JAILHOUSE_SRC was given).
awk -v status="$tmp/status" '
BEGIN {
	while ((getline l < status) > 0) { split(l, a, " exit="); st[a[1]] = a[2] }
}
$2 == "failed" { next }
{ wall[$1] = $3; cpu[$1] = $6; rss[$1] = $7; order[++n] = $1 }
function verdict(ok) { return ok ? "met" : "MISSED" }
END {
	minr = -1
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (k !~ /^create:/ || k ~ /gen-/) continue
		py = "config-create:" substr(k, 8)
		if (!(py in cpu) || cpu[k] <= 0) continue
		r = cpu[py] / cpu[k]
		if (minr < 0 || r < minr) { minr = r; minat = substr(k, 8) }
	}
	if (minr >= 0)
		printf "target: create >= 50x less CPU than config create on every bundled snapshot: lowest %.1fx (%s): %s\n", minr, minat, verdict(minr >= 50)
	maxls = 0
	for (i = 1; i <= n; i++) {
		k = order[i]
		if ((k ~ /^list-pci:/ || k ~ /^show:/) && k !~ /gen-/ && cpu[k] > maxls) { maxls = cpu[k]; maxat = k }
	}
	printf "target: list and show under 3 ms on the bundled snapshots: slowest %.2f ms (%s): %s\n", maxls, maxat, verdict(maxls < 3)
	k = "create:gen-1x"
	if (k in cpu)
		printf "target: create on the 1024-function machine under 50 ms and 16 MiB: %.1f ms, %.1f MiB: %s\n", cpu[k], rss[k] / 1024, verdict(cpu[k] < 50 && rss[k] < 16 * 1024)
	if (cpu["create:gen-1x"] > 0 && ("create:gen-4x" in cpu))
		printf "target: create on 4x the machine at most 4.5x the CPU time of 1x: %.2fx: %s\n", cpu["create:gen-4x"] / cpu["create:gen-1x"], verdict(cpu["create:gen-4x"] / cpu["create:gen-1x"] <= 4.5)
	for (k in cpu) {
		if (k ~ /^tui-first-screen:/)
			printf "target: the TUI first full screen under 100 ms: %.1f ms wall: %s\n", wall[k], verdict(wall[k] < 100)
		if (k ~ /^tui-revalidate-64-cells:/)
			printf "target: re-validating a 64-cell project under 5 ms: %.2f ms CPU: %s\n", cpu[k], verdict(cpu[k] < 5)
	}
}' "$rows"
for scale in 1 2 4; do
	printf 'gen-%sx: ' "$scale"; tr '\n' ' ' <"$tmp/gen-${scale}x.counts"; echo
done
