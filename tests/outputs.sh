#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What `create` and `collect` leave on disk when writing goes wrong, for
# odd output names, and the modes of what they write (issue 8, items 5,
# 11, 13). Each check is named "outputs/NAME" in its FAIL line.
#
# The truth for "nothing changed" is a byte comparison (cmp) with copies
# taken before the run and a listing of the folder; for modes it is
# open(2)'s rule, mode & ~umask, with 0666 for the .c and .cell that
# anyone may read and 0600 for the collect tar (it holds DMI serial
# numbers). Checks that need a mount (a read-only folder, a full disk)
# run as root only and say SKIP otherwise.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
SNAP="$DATA/snapshots/q35-jailhouse-doc"
fails=0
tmp=$(mktemp -d) || exit 99
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP  # so that cleanup unmounts

fail() { echo "FAIL: outputs/$*"; fails=$((fails + 1)); }

# run NAME WANT_STATUS WANT_MESSAGE ARGS...: jhconf's exit status and its
# one stderr line must be these.
run() {
	name=$1 want_status=$2 want_msg=$3
	shift 3
	status=0
	"$JHCONF" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	[ "$status" = "$want_status" ] ||
		fail "$name: exit $status, not $want_status ($(cat "$tmp/err"))"
	[ "$(cat "$tmp/err")" = "$want_msg" ] ||
		fail "$name: says '$(cat "$tmp/err")', not '$want_msg'"
}

# An old pair from another revision, kept byte for byte.
old_pair() { # DIR
	"$JHCONF" create --root "$SNAP" --config-revision 12 "$1/out.c" \
		>/dev/null || fail "setup: old pair in $1"
	cp "$1/out.cell" "$tmp/old.cell"
	[ -L "$1/out.c" ] || [ -d "$1/out.c" ] || cp "$1/out.c" "$tmp/old.c"
}
same_old_cell() { # NAME DIR
	cmp -s "$tmp/old.cell" "$2/out.cell" ||
		fail "$1: out.cell changed (half a pair)"
}
listing_is() { # NAME DIR WANT
	got=$(ls -A "$2" | tr '\n' ' ')
	[ "$got" = "$3" ] || fail "$1: folder holds '$got', not '$3'"
}

# ---- item 5: both or neither ----------------------------------------
# OUT.c a symlink: refused, and the old OUT.cell stays (before: a new
# .cell was written next to the .c it refused).
d="$tmp/symlink"; mkdir "$d"; old_pair "$d"
rm "$d/out.c"; echo "elsewhere" >"$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$d/out.c"
run half-pair-symlink 2 "jhconf: $d/out.c: is a symbolic link; refusing to write through it" \
	create --root "$SNAP" "$d/out.c"
same_old_cell half-pair-symlink "$d"
[ "$(cat "$tmp/elsewhere")" = elsewhere ] || fail "half-pair-symlink: link target written"
listing_is half-pair-symlink "$d" "out.c out.cell "

# OUT.c a directory.
d="$tmp/directory"; mkdir "$d"; old_pair "$d"
rm "$d/out.c"; mkdir "$d/out.c"
run half-pair-directory 2 "jhconf: $d/out.c: is a directory; refusing to replace it" \
	create --root "$SNAP" "$d/out.c"
same_old_cell half-pair-directory "$d"
listing_is half-pair-directory "$d" "out.c out.cell "

# OUT.cell a directory, OUT.c an old file: the .c stays old.
d="$tmp/celldir"; mkdir "$d"; old_pair "$d"
rm "$d/out.cell"; mkdir "$d/out.cell"
run half-pair-cell-directory 2 "jhconf: $d/out.cell: is a directory; refusing to replace it" \
	create --root "$SNAP" "$d/out.c"
cmp -s "$tmp/old.c" "$d/out.c" || fail "half-pair-cell-directory: out.c changed"
listing_is half-pair-cell-directory "$d" "out.c out.cell "

# A folder that is a file.
echo x >"$tmp/plainfile"
run half-pair-not-a-folder 2 "jhconf: $tmp/plainfile/out.c: cannot write: $tmp/plainfile is not a folder" \
	create --root "$SNAP" "$tmp/plainfile/out.c"

# A successful run replaces both and leaves no temporary behind.
d="$tmp/good"; mkdir "$d"; old_pair "$d"
run replace-pair 0 "" create --root "$SNAP" "$d/out.c"
cmp -s "$tmp/old.cell" "$d/out.cell" && fail "replace-pair: out.cell not replaced"
listing_is replace-pair "$d" "out.c out.cell "

if [ "$(id -u)" = 0 ] && mkdir "$tmp/probe" &&
   mount -t tmpfs -o size=64k tmpfs "$tmp/probe" 2>/dev/null; then
	umount "$tmp/probe"
	# A read-only folder (a tmpfs remounted ro: chmod does not stop root).
	d="$tmp/ro"; mkdir "$d"
	mount -t tmpfs -o size=1m tmpfs "$d" && mounts="$d $mounts"
	old_pair "$d"
	mount -o remount,ro "$d"
	run half-pair-read-only 2 "jhconf: $d/out.c: cannot create a file in $d: Read-only file system" \
		create --root "$SNAP" "$d/out.c"
	same_old_cell half-pair-read-only "$d"
	cmp -s "$tmp/old.c" "$d/out.c" || fail "half-pair-read-only: out.c changed"

	# A full disk: a small tmpfs with the old pair and the rest filled
	# up but for one page: room for the new .cell (1540 bytes) but not
	# for the .c (8776) as well, the case that left half a pair.
	d="$tmp/full"; mkdir "$d"
	mount -t tmpfs -o size=256k tmpfs "$d" && mounts="$d $mounts"
	printf 'old c\n' >"$d/out.c"; printf 'old cell\n' >"$d/out.cell"
	cp "$d/out.c" "$tmp/old.c"; cp "$d/out.cell" "$tmp/old.cell"
	echo >"$d/spare"  # one page
	dd if=/dev/zero of="$d/fill" bs=4096 2>/dev/null  # until ENOSPC
	rm "$d/spare"
	run half-pair-disk-full 2 "jhconf: $d/out.c: cannot write: No space left on device" \
		create --root "$SNAP" "$d/out.c"
	same_old_cell half-pair-disk-full "$d"
	cmp -s "$tmp/old.c" "$d/out.c" || fail "half-pair-disk-full: out.c changed"
	listing_is half-pair-disk-full "$d" "fill out.c out.cell "
else
	echo "SKIP: outputs/half-pair-read-only, half-pair-disk-full (need root and mount)"
fi

# ---- item 11: names that would make hidden files ----------------------
d="$tmp/names"; mkdir "$d"
cd "$d" || exit 99
run name-empty 2 "jhconf: an empty output file name (give one such as OUT.c)" \
	create --root "$SNAP" ""
run name-folder 2 "jhconf: sub/: names a folder, not an output file (give one such as OUT.c)" \
	create --root "$SNAP" sub/
run name-dot 2 "jhconf: .: names a folder, not an output file (give one such as OUT.c)" \
	create --root "$SNAP" .
run name-dotdot 2 "jhconf: ..: names a folder, not an output file (give one such as OUT.c)" \
	create --root "$SNAP" ..
run name-dot-c 2 "jhconf: .c: no name before .c (the outputs would be the hidden files .c and .cell)" \
	create --root "$SNAP" .c
mkdir sub
run name-sub-dot-c 2 "jhconf: sub/.c: no name before .c (the outputs would be the hidden files .c and .cell)" \
	create --root "$SNAP" sub/.c
cd "$tmp" || exit 99
listing_is names "$d" "sub "
listing_is names-sub "$d/sub" ""

# ---- item 13: modes ----------------------------------------------------
d="$tmp/modes"; mkdir "$d"
for case in 022:644 077:600 002:664 000:666; do
	u=${case%:*} want=${case#*:}
	(umask "$u" && "$JHCONF" create --root "$SNAP" "$d/m$u.c" >/dev/null) ||
		fail "mode-umask-$u: create failed"
	for f in "$d/m$u.c" "$d/m$u.cell"; do
		got=$(stat -c %a "$f")
		[ "$got" = "$want" ] || fail "mode-umask-$u: $f is $got, not $want"
	done
done
# the collect tar is private whatever the umask
for u in 000 022 077; do
	(umask "$u" && "$JHCONF" collect --root "$SNAP" "$d/c$u.tar" >/dev/null 2>&1) ||
		fail "mode-collect-$u: collect failed"
	got=$(stat -c %a "$d/c$u.tar")
	[ "$got" = 600 ] || fail "mode-collect-$u: the tar is $got, not 600"
done

[ "$fails" = 0 ] && echo "outputs: all checks passed"
exit $((fails > 0))
