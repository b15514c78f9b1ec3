#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# jhconf boot-entry on real-world boot files (tests/data/boot): the exact
# bytes written (expected files written here by hand), the diff of a dry
# run, the backup, idempotence, refusals that write nothing, symbolic
# links; and the GRUB escaping checked by running the shell step that
# grub-mkconfig runs: /etc/default/grub is sourced, and 10_linux writes the
# value into grub.cfg through an unquoted here-document
# (util/grub.d/10_linux.in, linux_entry()). What grub.cfg must hold is
# memmap=82M\$0x3a000000: GRUB's lexer turns "\$" into "$", while a bare
# "$0x3a000000" would expand positional parameter $0 (empty)
# (grub-core/script/yylex.l). 82M at 0x3a000000 is config create's
# default window (6 MiB + 76 MiB, Jailhouse's README: memmap=82M$0x3a000000).
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
fails=0 cases=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
case_() { cases=$((cases + 1)); }
intel="$DATA/snapshots/q35-jailhouse-doc"
amd="$DATA/snapshots/q35-amd"
D='$'

# ---- --print: the parameters alone, one line ----
case_
out=$("$JHCONF" boot-entry --root "$intel" --print 2>"$tmp/err") || fail "print intel: $(cat "$tmp/err")"
[ "$out" = "memmap=82M${D}0x3a000000 intel_iommu=off" ] || fail "print intel: '$out'"
case_
out=$("$JHCONF" boot-entry --root "$amd" --print 2>/dev/null)
[ "$out" = "memmap=82M${D}0x3a000000 amd_iommu=off" ] || fail "print amd: '$out'"
case_
# one page more than 82 MiB: hex (0x5201000), as memparse() reads it
out=$("$JHCONF" boot-entry --root "$intel" --mem-inmates 0x4c01000 --print 2>/dev/null)
[ "$out" = "memmap=0x5201000${D}0x3a000000 intel_iommu=off" ] || fail "print hex: '$out'"
case_
# the machine's own reservation (q35-agl-memmap boots with it) is kept
out=$("$JHCONF" boot-entry --root "$DATA/snapshots/q35-agl-memmap" --print 2>/dev/null)
[ "$out" = "memmap=82M${D}0x3a000000 intel_iommu=off" ] || fail "print agl: '$out'"
case_
# a project gives the same window
(cd "$tmp" && "$JHCONF" init --root "$intel" -p proj.conf >/dev/null 2>&1) || fail "init"
out=$("$JHCONF" boot-entry -p "$tmp/proj.conf" --print 2>/dev/null)
[ "$out" = "memmap=82M${D}0x3a000000 intel_iommu=off" ] || fail "print project: '$out'"
case_
# a machine that cannot host Jailhouse: refused, exit 1
"$JHCONF" boot-entry --root "$DATA/snapshots/pc-i440fx-noiommu" --print >"$tmp/out" 2>&1
rc=$?
[ $rc = 1 ] || fail "noiommu: exit $rc"

# ---- a systemd-boot entry (AGL/Yocto boot.conf) ----
mkdir "$tmp/bls"
cp "$DATA/boot/agl-boot.conf" "$tmp/bls/boot.conf"
chmod 600 "$tmp/bls/boot.conf"
printf 'title boot\nlinux /bzImage\noptions LABEL=boot root=/dev/sda2 rootwait console=ttyS0,115200 console=tty0 memmap=82M$0x3a000000 intel_iommu=off\n' >"$tmp/want-bls"
printf '%s\n' "--- $tmp/bls/boot.conf" "+++ $tmp/bls/boot.conf" '@@ -1,3 +1,3 @@' ' title boot' \
	' linux /bzImage' '-options LABEL=boot root=/dev/sda2 rootwait console=ttyS0,115200 console=tty0' \
	'+options LABEL=boot root=/dev/sda2 rootwait console=ttyS0,115200 console=tty0 memmap=82M$0x3a000000 intel_iommu=off' \
	>"$tmp/want-diff"
case_
"$JHCONF" boot-entry --root "$intel" --file "$tmp/bls/boot.conf" --dry-run >"$tmp/out" 2>"$tmp/err" ||
	fail "dry run: $(cat "$tmp/err")"
head -n 7 "$tmp/out" | cmp -s - "$tmp/want-diff" || fail "dry run diff: $(cat "$tmp/out")"
cmp -s "$DATA/boot/agl-boot.conf" "$tmp/bls/boot.conf" || fail "dry run wrote"
[ "$(ls "$tmp/bls")" = boot.conf ] || fail "dry run left files: $(ls "$tmp/bls")"
case_
"$JHCONF" boot-entry --root "$intel" --file "$tmp/bls/boot.conf" >"$tmp/out" 2>"$tmp/err" ||
	fail "write: $(cat "$tmp/err")"
cmp -s "$tmp/want-bls" "$tmp/bls/boot.conf" || fail "written entry: $(cat "$tmp/bls/boot.conf")"
cmp -s "$DATA/boot/agl-boot.conf" "$tmp/bls/boot.conf.jhconf-old" || fail "backup differs"
[ "$(stat -c %a "$tmp/bls/boot.conf")" = 600 ] || fail "mode not kept"
grep -qF "wrote $tmp/bls/boot.conf; the old file is $tmp/bls/boot.conf.jhconf-old" "$tmp/out" ||
	fail "write report: $(cat "$tmp/out")"
case_
# idempotent: nothing to change, nothing written, the backup stays
"$JHCONF" boot-entry --root "$intel" --file "$tmp/bls/boot.conf" >"$tmp/out" 2>&1 || fail "second run"
grep -qF "already has memmap=82M${D}0x3a000000 intel_iommu=off: nothing to change" "$tmp/out" ||
	fail "second run: $(cat "$tmp/out")"
cmp -s "$tmp/want-bls" "$tmp/bls/boot.conf" || fail "second run changed the entry"
cmp -s "$DATA/boot/agl-boot.conf" "$tmp/bls/boot.conf.jhconf-old" || fail "second run touched the backup"
case_
# another --mem-inmates: the window's memmap changes size in place
# (6M + 70M = 76M, still at 0x3a000000 in this 1 GiB guest)
"$JHCONF" boot-entry --root "$intel" --mem-inmates 70M --file "$tmp/bls/boot.conf" >/dev/null 2>&1 ||
	fail "resize"
grep -qF 'console=tty0 memmap=76M$0x3a000000 intel_iommu=off' "$tmp/bls/boot.conf" || fail "resize: $(cat "$tmp/bls/boot.conf")"
cmp -s "$tmp/want-bls" "$tmp/bls/boot.conf.jhconf-old" || fail "resize: backup is not the previous file"

# ---- CRLF and no newline at the end, through the command ----
case_
printf 'title x\r\nlinux /vmlinuz\r\noptions root=/dev/vda1' >"$tmp/crlf.conf"
"$JHCONF" boot-entry --root "$amd" --file "$tmp/crlf.conf" >/dev/null 2>&1 || fail "crlf"
printf 'title x\r\nlinux /vmlinuz\r\noptions root=/dev/vda1 memmap=82M$0x3a000000 amd_iommu=off' >"$tmp/want-crlf"
cmp -s "$tmp/want-crlf" "$tmp/crlf.conf" || fail "crlf bytes: $(od -c "$tmp/crlf.conf" | head)"

# ---- Fedora: read by GRUB's blscfg, "\$" ----
case_
cp "$DATA/boot/fedora.conf" "$tmp/fedora.conf"
"$JHCONF" boot-entry --root "$intel" --file "$tmp/fedora.conf" >"$tmp/out" 2>&1 || fail "fedora"
grep -qxF 'options root=UUID=4f1c1a76-8c8e-4c47-9a5b-0d2b1e6f0e21 ro rootflags=subvol=root console=ttyS0 memmap=82M\$0x3a000000 intel_iommu=off' \
	"$tmp/fedora.conf" || fail "fedora: $(cat "$tmp/fedora.conf")"
grep -q "GRUB's blscfg" "$tmp/out" || fail "fedora: reader not said"

# ---- /etc/default/grub (Debian 12), and the shell step ----
case_
cp "$DATA/boot/debian-grub" "$tmp/grub"
"$JHCONF" boot-entry --root "$intel" --grub "$tmp/grub" >"$tmp/out" 2>&1 || fail "grub: $(cat "$tmp/out")"
grep -qxF 'GRUB_CMDLINE_LINUX="memmap=82M\\\$0x3a000000 intel_iommu=off"' "$tmp/grub" ||
	fail "grub line: $(grep CMDLINE "$tmp/grub")"
# every other line as it was
[ "$(grep -v '^GRUB_CMDLINE_LINUX=' "$tmp/grub")" = "$(grep -v '^GRUB_CMDLINE_LINUX=' "$DATA/boot/debian-grub")" ] ||
	fail "grub: other lines changed"
cmp -s "$DATA/boot/debian-grub" "$tmp/grub.jhconf-old" || fail "grub backup"
case_
# what grub-mkconfig makes of it: sourced by sh, then 10_linux's
# here-document writes the kernel line of grub.cfg
val=$(sh -c '. "$1"; printf %s "$GRUB_CMDLINE_LINUX"' sh "$tmp/grub")
[ "$val" = 'memmap=82M\$0x3a000000 intel_iommu=off' ] || fail "grub: the shell gives '$val'"
cfg=$(sh -c '. "$1"; args="$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT"
cat <<EOF
	linux	/vmlinuz root=/dev/sda1 ro ${args}
EOF' sh "$tmp/grub")
[ "$cfg" = '	linux	/vmlinuz root=/dev/sda1 ro memmap=82M\$0x3a000000 intel_iommu=off quiet' ] ||
	fail "grub.cfg line: '$cfg'"
case_
"$JHCONF" boot-entry --root "$intel" --grub "$tmp/grub" >"$tmp/out" 2>&1 || fail "grub second run"
grep -q "nothing to change" "$tmp/out" || fail "grub not idempotent: $(cat "$tmp/out")"
case_
# single quotes: the shell keeps "\$" as it is
printf "GRUB_CMDLINE_LINUX='console=ttyS0'\n" >"$tmp/grub-sq"
"$JHCONF" boot-entry --root "$amd" --grub "$tmp/grub-sq" >/dev/null 2>&1 || fail "grub sq"
val=$(sh -c '. "$1"; printf %s "$GRUB_CMDLINE_LINUX"' sh "$tmp/grub-sq")
[ "$val" = 'console=ttyS0 memmap=82M\$0x3a000000 amd_iommu=off' ] || fail "grub sq: '$val'"
case_
# a bare value gets double quotes
printf 'GRUB_CMDLINE_LINUX=console=ttyS0\n' >"$tmp/grub-bare"
"$JHCONF" boot-entry --root "$intel" --grub "$tmp/grub-bare" >/dev/null 2>&1 || fail "grub bare"
val=$(sh -c '. "$1"; printf %s "$GRUB_CMDLINE_LINUX"' sh "$tmp/grub-bare")
[ "$val" = 'console=ttyS0 memmap=82M\$0x3a000000 intel_iommu=off' ] || fail "grub bare: '$val'"

# ---- refusals: one line naming the file (and line), exit 2, nothing written ----
refuse() { # NAME FILE EXPECTED-TEXT ARGS...
	name=$1 file=$2 text=$3
	shift 3
	case_
	before=$(ls -a "$(dirname "$file")")
	cp "$file" "$tmp/before" 2>/dev/null
	"$JHCONF" boot-entry --root "$intel" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 2 ] || fail "$name: exit $rc"
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "$name: not one line: $(cat "$tmp/err")"
	grep -qF -- "$text" "$tmp/err" || fail "$name: '$(cat "$tmp/err")' lacks '$text'"
	[ -s "$tmp/out" ] && fail "$name: printed $(cat "$tmp/out")"
	[ "$(ls -a "$(dirname "$file")")" = "$before" ] || fail "$name: files appeared"
	[ -f "$file" ] && ! cmp -s "$file" "$tmp/before" && fail "$name: file changed"
}
mkdir "$tmp/r"
printf 'title a\noptions a\nlinux /x\noptions b\n' >"$tmp/r/two.conf"
refuse "two options" "$tmp/r/two.conf" "$tmp/r/two.conf:4: a second 'options' line (the first is line 2)" --file "$tmp/r/two.conf"
printf 'title a\nlinux /x\n' >"$tmp/r/none.conf"
refuse "no options" "$tmp/r/none.conf" "$tmp/r/none.conf: no 'options' line" --file "$tmp/r/none.conf"
cp "$DATA/boot/debian-grub" "$tmp/r/grub-as-entry"
refuse "unknown format" "$tmp/r/grub-as-entry" "$tmp/r/grub-as-entry:6: not a Boot Loader Specification entry line" --file "$tmp/r/grub-as-entry"
cp "$DATA/boot/agl-boot.conf" "$tmp/r/entry-as-grub"
refuse "entry as grub" "$tmp/r/entry-as-grub" "$tmp/r/entry-as-grub: no GRUB_CMDLINE_LINUX= assignment" --grub "$tmp/r/entry-as-grub"
printf 'GRUB_CMDLINE_LINUX=""\nGRUB_CMDLINE_LINUX="quiet"\n' >"$tmp/r/grub-two"
refuse "two assignments" "$tmp/r/grub-two" "$tmp/r/grub-two:2: a second GRUB_CMDLINE_LINUX assignment" --grub "$tmp/r/grub-two"
printf 'GRUB_CMDLINE_LINUX_DEFAULT="quiet memmap=82M\\\\\\$0x3a000000"\nGRUB_CMDLINE_LINUX=""\n' >"$tmp/r/grub-readme"
refuse "memmap in _DEFAULT" "$tmp/r/grub-readme" "$tmp/r/grub-readme:1: GRUB_CMDLINE_LINUX_DEFAULT holds memmap=82M${D}0x3a000000" --grub "$tmp/r/grub-readme"
printf 'title a\noptions memmap=66M$0x3b000000 quiet\n' >"$tmp/r/old.conf"
refuse "memmap elsewhere" "$tmp/r/old.conf" "$tmp/r/old.conf:2: a memmap reservation that is not this window's: memmap=66M${D}0x3b000000" --file "$tmp/r/old.conf"
printf 'title a\001\noptions x\n' >"$tmp/r/bin.conf"
refuse "binary" "$tmp/r/bin.conf" "$tmp/r/bin.conf: offset 7: byte 0x01: a binary file" --file "$tmp/r/bin.conf"
head -c 300000 /dev/zero | tr '\0' '#' >"$tmp/r/huge.conf"
refuse "huge" "$tmp/r/huge.conf" "$tmp/r/huge.conf: larger than 262144 bytes" --file "$tmp/r/huge.conf"
refuse "missing" "$tmp/r/nothere.conf" "$tmp/r/nothere.conf: No such file or directory" --file "$tmp/r/nothere.conf"
refuse "folder" "$tmp/r" "$tmp/r: not a regular file" --file "$tmp/r"
# a symbolic link: neither followed nor replaced
mkdir "$tmp/l"
cp "$DATA/boot/agl-boot.conf" "$tmp/l/real.conf"
ln -s real.conf "$tmp/l/link.conf"
refuse "symlink" "$tmp/l/link.conf" "$tmp/l/link.conf: a symbolic link" --file "$tmp/l/link.conf"
[ -L "$tmp/l/link.conf" ] || fail "symlink replaced"
cmp -s "$DATA/boot/agl-boot.conf" "$tmp/l/real.conf" || fail "symlink target changed"
# a backup name taken by a symbolic link: the batch fails before any rename
case_
mkdir "$tmp/b"
cp "$DATA/boot/agl-boot.conf" "$tmp/b/boot.conf"
ln -s "$tmp/b/elsewhere" "$tmp/b/boot.conf.jhconf-old"
"$JHCONF" boot-entry --root "$intel" --file "$tmp/b/boot.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 2 ] || fail "backup symlink: exit $rc"
cmp -s "$DATA/boot/agl-boot.conf" "$tmp/b/boot.conf" || fail "backup symlink: entry changed"
[ -e "$tmp/b/elsewhere" ] && fail "backup symlink followed"
[ "$(ls "$tmp/b" | wc -l)" = 2 ] || fail "backup symlink: files left: $(ls -a "$tmp/b")"
# ---- the window moved: the old reservation named with --replace ----
# The entry holds memmap=82M$0x3a000000; the window is placed at
# 0x20000000. Without --replace: refused (exit 2, nothing written) with
# the option that names it; with it: that token becomes the new one in
# place, every other byte kept (expected bytes written here by hand).
mkdir "$tmp/mv"
printf 'title AGL\nlinux /bzImage\noptions root=/dev/vda2 memmap=82M$0x3a000000 intel_iommu=off quiet\n' >"$tmp/mv/boot.conf"
cp "$tmp/mv/boot.conf" "$tmp/mv/orig"
case_
"$JHCONF" boot-entry --root "$intel" --window-address 0x20000000 --file "$tmp/mv/boot.conf" \
	>"$tmp/out" 2>&1
rc=$?
[ $rc = 2 ] || fail "moved window without --replace: exit $rc"
grep -q "let jhconf replace it: --replace 'memmap=82M\$0x3a000000'" "$tmp/out" ||
	fail "moved window: no --replace hint: $(cat "$tmp/out")"
cmp -s "$tmp/mv/boot.conf" "$tmp/mv/orig" || fail "moved window: written although refused"
case_
"$JHCONF" boot-entry --root "$intel" --window-address 0x20000000 --file "$tmp/mv/boot.conf" \
	--replace 'memmap=82M$0x3a000000' >"$tmp/out" 2>&1 || fail "--replace: $(cat "$tmp/out")"
printf 'title AGL\nlinux /bzImage\noptions root=/dev/vda2 memmap=82M$0x20000000 intel_iommu=off quiet\n' >"$tmp/mv/want"
cmp -s "$tmp/mv/boot.conf" "$tmp/mv/want" || fail "--replace: got $(cat "$tmp/mv/boot.conf")"
cmp -s "$tmp/mv/boot.conf.jhconf-old" "$tmp/mv/orig" || fail "--replace: backup"
case_
# again: the new reservation is this window's; the old name is gone
"$JHCONF" boot-entry --root "$intel" --window-address 0x20000000 --file "$tmp/mv/boot.conf" \
	>/dev/null 2>&1 || fail "--replace: second run refused"
cmp -s "$tmp/mv/boot.conf" "$tmp/mv/want" || fail "--replace: second run changed the file"
case_
"$JHCONF" boot-entry --root "$intel" --window-address 0x20000000 --file "$tmp/mv/boot.conf" \
	--replace 'memmap=82M$0x3a000000' >"$tmp/out" 2>&1
[ $? = 2 ] || fail "--replace of a token not there: not exit 2"
grep -q "no memmap=82M\$0x3a000000 on this line" "$tmp/out" || fail "--replace missing: $(cat "$tmp/out")"
case_
# create names the running kernel's old reservation and the option; the
# IOMMU parameter beside it is there already, so only memmap= is missing
"$JHCONF" create --root "$DATA/snapshots/q35-agl-memmap" --window-address 0x20000000 \
	"$tmp/mv/w.c" >"$tmp/out" 2>&1
grep -q "give --replace 'memmap=82M\$0x3a000000' to boot-entry" "$tmp/out" ||
	fail "create: no --replace hint: $(cat "$tmp/out")"
grep -q "not in /proc/cmdline yet: memmap=82M\$0x20000000\$" "$tmp/out" ||
	fail "create: missing parameters: $(cat "$tmp/out")"
case_
"$JHCONF" boot-entry --root "$intel" --print --replace 'memmap=82M$0x3a000000' >/dev/null 2>&1
[ $? = 2 ] || fail "--replace with --print: not exit 2"

# usage
case_
"$JHCONF" boot-entry --root "$intel" >/dev/null 2>&1
[ $? = 2 ] || fail "no target: not exit 2"
case_
"$JHCONF" boot-entry --root "$intel" --grub "$tmp/grub" --loader systemd-boot >/dev/null 2>&1
[ $? = 2 ] || fail "--loader with --grub: not exit 2"

echo "boot_entry: $cases cases, $fails failed"
[ "$fails" = 0 ]
