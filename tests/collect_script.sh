#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The shell collector (`jhconf collect --script`) stores what `jhconf
# collect` stores: on every bundled snapshot tree, run with JHCONF_ROOT,
# both tars unpack to identical trees (diff -r: names and bytes), and the
# root cell made from the script's tar is the one made from the tree.
# Where busybox is installed the script runs with busybox's applets only,
# as on a bare AGL/Yocto guest.
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$JHCONF" collect --script >"$tmp/collect.sh" || fail "collect --script: exit $?"
sh -n "$tmp/collect.sh" || fail "the script does not parse"
head -1 "$tmp/collect.sh" | grep -qx '#!/bin/sh' || fail "no #!/bin/sh"

run_sh=sh
BB=$(command -v busybox)
if [ -n "$BB" ]; then
	mkdir "$tmp/bb"
	for a in sh cat find readlink mkdir mktemp tar gzip rm mv id printf echo; do
		ln -s "$BB" "$tmp/bb/$a"
	done
	run_sh="$tmp/bb/sh"
	echo "(running the script with busybox's applets only)"
fi

n=0
for d in "$DATA"/snapshots/*/; do
	d=$(cd "$d" && pwd -P); name=${d##*/}
	rm -rf "$tmp/a" "$tmp/b"; mkdir "$tmp/a" "$tmp/b"
	if [ -n "$BB" ]; then
		env -i PATH="$tmp/bb" JHCONF_ROOT="$d" TMPDIR="$tmp" "$run_sh" "$tmp/collect.sh" \
			"$tmp/$name-sh.tar" >/dev/null 2>"$tmp/err"
	else
		JHCONF_ROOT="$d" TMPDIR="$tmp" sh "$tmp/collect.sh" "$tmp/$name-sh.tar" >/dev/null 2>"$tmp/err"
	fi || { fail "$name: script: $(cat "$tmp/err")"; continue; }
	"$JHCONF" collect --root "$d" "$tmp/$name.tar" >/dev/null 2>&1 || { fail "$name: collect"; continue; }
	tar -C "$tmp/a" -xf "$tmp/$name-sh.tar" && tar -C "$tmp/b" -xf "$tmp/$name.tar" ||
		{ fail "$name: tar"; continue; }
	diff -r "$tmp/a" "$tmp/b" >"$tmp/diff" || { fail "$name: trees differ"; head -5 "$tmp/diff"; }
	"$JHCONF" create --snapshot "$tmp/$name-sh.tar" "$tmp/sh.c" >/dev/null 2>&1; st1=$?
	"$JHCONF" create --root "$d" "$tmp/tree.c" >/dev/null 2>&1; st2=$?
	[ $st1 = $st2 ] || fail "$name: create exits $st1 on the script's tar, $st2 on the tree"
	[ $st1 != 0 ] || cmp -s "$tmp/sh.cell" "$tmp/tree.cell" || fail "$name: root cells differ"
	n=$((n + 1))
done

# no OUT: usage, exit 2; not root without JHCONF_ROOT: refused, exit 2
sh "$tmp/collect.sh" >/dev/null 2>&1; [ $? = 2 ] || fail "no OUT: not exit 2"
if [ "$(id -u)" != 0 ]; then
	sh "$tmp/collect.sh" "$tmp/x.tar" >/dev/null 2>&1; [ $? = 2 ] || fail "non-root: not exit 2"
fi
# a required file missing: exit 2 and no tar
mkdir -p "$tmp/broken/proc" && printf '' >"$tmp/broken/proc/iomem"
JHCONF_ROOT="$tmp/broken" sh "$tmp/collect.sh" "$tmp/broken.tar" >/dev/null 2>"$tmp/err"
[ $? = 2 ] || fail "missing /proc/ioports: not exit 2"
[ -e "$tmp/broken.tar" ] && fail "missing /proc/ioports: a tar was written"
grep -q '/proc/ioports: missing' "$tmp/err" || fail "missing: '$(cat "$tmp/err")'"

[ $fails = 0 ] || exit 1
echo "collect_script: $n snapshots collected identically by the script"
