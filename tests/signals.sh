#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Issue 8 item 8: SIGINT, SIGTERM or SIGHUP during `--snapshot` must not
# leave the unpacked tar behind. For each signal: run `jhconf list
# --snapshot big.tar` with a fresh, empty TMPDIR, wait until the private
# folder is being filled, send the signal, and check that the process
# died of that very signal (exit status 128 + N, as a shell reports it)
# and that TMPDIR is empty again.
# Environment (from Makefile.am): JHCONF, DATA.
set -u

: "${JHCONF:?set JHCONF to the jhconf binary}"
: "${DATA:?set DATA to tests/data}"

work=$(mktemp -d "${TMPDIR:-/tmp}/jhconf-signals.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# A real snapshot plus 20,000 empty files in 20 folders: unpacking takes
# long enough (a second or more) to be interrupted half way. The empty
# files are written as tar headers directly (perl, which dpkg needs
# anyway): creating them on disk for tar would take longer than the test.
mkdir "$work/tree"
cp -R "$DATA/snapshots/q35-agl-memmap/." "$work/tree/"
(cd "$work/tree" && tar -cf "$work/snap.tar" .)
rm -rf "$work/tree"
# the snapshot's members without its end-of-archive blocks, then the
# junk members, then the end blocks
end=$(tar -tR -f "$work/snap.tar" | sed -n 's/^block \([0-9]*\): \*\* Block of NULs \*\*$/\1/p')
head -c $((end * 512)) "$work/snap.tar" >"$work/big.tar"
perl -e '
	sub header {
		my ($name, $type) = @_;
		my $h = pack("a100 a8 a8 a8 a12 a12 A8 a1 a100 a6 a2 a32 a32 a8 a8 a155 a12",
			$name, sprintf("%07o", $type eq "5" ? 0755 : 0644), "0000000",
			"0000000", sprintf("%011o", 0), sprintf("%011o", 0), "",
			$type, "", "ustar", "00", "root", "root", "", "", "", "");
		my $sum = unpack("%32C*", $h);  # the sum field counts as spaces
		substr($h, 148, 8) = sprintf("%06o\0 ", $sum);
		print $h;
	}
	header("./sys/junk/", "5");
	for my $d (1 .. 20) {
		header("./sys/junk/d$d/", "5");
		header("./sys/junk/d$d/f$_", "0") for 1 .. 1000;
	}
	print "\0" x 1024;
' >>"$work/big.tar"
rm "$work/snap.tar"
tar -tf "$work/big.tar" >/dev/null || { echo "signals.sh: big.tar is broken" >&2; exit 99; }

# the number of entries below $1
count() { find "$1" -mindepth 1 | wc -l; }

for sig in INT TERM HUP; do
	tmp="$work/tmp-$sig"
	mkdir "$tmp"
	# a shell starts background jobs with SIGINT ignored (and jhconf
	# leaves an ignored signal alone, as nohup expects): reset it
	TMPDIR=$tmp env --default-signal=INT,TERM,HUP \
		"$JHCONF" list pci --snapshot "$work/big.tar" \
		>/dev/null 2>"$work/$sig.err" &
	pid=$!
	# wait (at most 10 s) until the junk is being unpacked
	tries=0
	while ! [ -d "$(echo "$tmp"/jhconf-tar.*/sys/junk)" ] &&
		kill -0 "$pid" 2>/dev/null && [ $tries -lt 1000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		fail "SIG$sig: jhconf ended before the signal; cannot test"
		continue
	fi
	kill -s "$sig" "$pid"
	status=0
	wait "$pid" || status=$?
	case $sig in INT) n=2 ;; TERM) n=15 ;; HUP) n=1 ;; esac
	want=$((128 + n))
	[ "$status" = "$want" ] ||
		fail "SIG$sig: exit status $status, not $want (death by the signal)"
	left=$(count "$tmp")
	[ "$left" = 0 ] || fail "SIG$sig: $left entries left in TMPDIR"
	echo "SIG$sig: exit $status, $left entries left"
done

echo "signals.sh: $failures failures"
[ "$failures" = 0 ]
