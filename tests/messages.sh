#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What jhconf says, and where (issue 8, items 7, 12 and the `show` part
# of 15). Each check is named "messages/NAME" in its FAIL line.
# - stdout that cannot be written (a full disk: /dev/full; a closed
#   stdout) is an error, exit 2, as coreutils' close_stdout makes it; a
#   reader that goes away (EPIPE) ends jhconf by SIGPIPE, silently, as it
#   ends cat.
# - control characters from snapshot paths and file contents reach the
#   terminal only as visible escapes (\n, \x1b, \x07), never raw: the
#   test sequence is OSC 0 (set the window title) and a newline.
# - `show` names what is wrong with a header (cell-config.h: revision 14
#   starts "JHSYS"/"JHCLL" and an architecture byte, 12 and 13
#   "JHSYST"/"JHCELL"; the revision is a u16 at offset 6).
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
SNAP="$DATA/snapshots/q35-jailhouse-doc"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: messages/$*"; fails=$((fails + 1)); }

# expect NAME WANT_STATUS WANT_STDERR: the last run's status and stderr.
expect() {
	[ "$status" = "$2" ] || fail "$1: exit $status, not $2"
	[ "$(cat "$tmp/err")" = "$3" ] ||
		fail "$1: says '$(cat "$tmp/err")', not '$3'"
}

"$JHCONF" create --root "$SNAP" "$tmp/doc.c" >/dev/null || fail "setup: create"

# ---- item 12: stdout write errors ----------------------------------------
# Each command that prints on success, with its --help, and --version.
n=0
for args in "--version" "--help" "create --help" "show --help" "list --help" \
	    "collect --help" "list --root $SNAP" "list pci -v --root $SNAP" \
	    "show $tmp/doc.cell" "create --root $SNAP $tmp/full.c" \
	    "collect --root $SNAP $tmp/full.tar"; do
	n=$((n + 1))
	status=0
	# shellcheck disable=SC2086  # the words of $args are the arguments
	"$JHCONF" $args >/dev/full 2>"$tmp/err" || status=$?
	expect "stdout-full-$n ($args)" 2 "jhconf: write error: No space left on device"
	status=0
	# shellcheck disable=SC2086
	"$JHCONF" $args >&- 2>"$tmp/err" || status=$?
	expect "stdout-closed-$n ($args)" 2 "jhconf: write error: Bad file descriptor"
done
# A refusal or bad input keeps its own message and status; a closed
# stdout it never wrote to is no error of its own.
status=0
"$JHCONF" show "$tmp/missing.cell" >&- 2>"$tmp/err" || status=$?
expect stdout-closed-unused 2 "jhconf: $tmp/missing.cell: No such file or directory"
# A reader that has gone: killed by SIGPIPE (exit 141 in the shell) or,
# if the output fitted the pipe first, a normal exit; never a message.
status=$( { "$JHCONF" list pci -v --root "$SNAP" 2>"$tmp/err"; echo $? >"$tmp/st"; } | true; cat "$tmp/st")
case $status in 0|141) ;; *) fail "stdout-epipe: exit $status, not 0 or 141" ;; esac
[ -s "$tmp/err" ] && fail "stdout-epipe: says '$(cat "$tmp/err")'"

# ---- item 7: no raw control characters from the snapshot -------------------
ESC=$(printf '\033') BEL=$(printf '\007')
snap="$tmp/snap"
cp -r "$SNAP" "$snap"
# a file's contents in an error message
printf 'quiet memmap=82M$%s]0;pwned%s\n' "$ESC" "$BEL" >"$snap/proc/cmdline"
status=0
"$JHCONF" create --root "$snap" "$tmp/inj.c" >/dev/null 2>"$tmp/err" || status=$?
cat "$tmp/err" >>"$tmp/all"
expect escape-file-content 2 "jhconf: /proc/cmdline: bad memmap value '82M\$\\x1b]0;pwned\\x07'"
cp "$SNAP/proc/cmdline" "$snap/proc/cmdline"
# a path in an error message: a newline and the title sequence
bad="$tmp/no
such${ESC}]0;pwned${BEL}"
status=0
"$JHCONF" list mem --root "$bad" >/dev/null 2>"$tmp/err" || status=$?
cat "$tmp/err" >>"$tmp/all"
expect escape-path 2 "jhconf: $tmp/no\\nsuch\\x1b]0;pwned\\x07: No such file or directory"
# names from files on stdout: an iomem name, the DMI vendor and product
sed "1s/ : .*/ : Res${ESC}]0;pwned${BEL}erved/" "$SNAP/proc/iomem" >"$snap/proc/iomem"
printf 'Evil%s[2J\n' "$ESC" >"$snap/sys/class/dmi/id/sys_vendor"
status=0
"$JHCONF" list mem --root "$snap" >"$tmp/out" 2>"$tmp/err" || status=$?
cat "$tmp/out" "$tmp/err" >>"$tmp/all"
expect escape-list-mem-status 0 ""
[ "$(head -1 "$tmp/out")" = '00000000-00000fff : Res\x1b]0;pwned\x07erved  (4 KiB)' ] ||
	fail "escape-list-mem: first line is '$(head -1 "$tmp/out")'"
"$JHCONF" list --root "$snap" >"$tmp/out" 2>&1 || fail "escape-list-summary: list failed"
cat "$tmp/out" >>"$tmp/all"
grep -q '(Evil\\x1b\[2J ' "$tmp/out" ||
	fail "escape-list-summary: no escaped vendor in '$(head -1 "$tmp/out")'"
# a cell's name (32 bytes of the file at offset 356 + 8 in revision 14,
# after the 356-byte system prefix and the 8-byte header)
cp "$tmp/doc.cell" "$tmp/name.cell"
printf 'Root\033]0;pwned\007\n' |
	dd of="$tmp/name.cell" bs=1 seek=364 conv=notrunc 2>/dev/null
"$JHCONF" show "$tmp/name.cell" >"$tmp/out" 2>&1 || fail "escape-show-name: show failed"
cat "$tmp/out" >>"$tmp/all"
grep -qx 'root cell: "Root\\x1b]0;pwned\\x07\\n"' "$tmp/out" ||
	fail "escape-show-name: '$(grep 'root cell' "$tmp/out")'"
# nothing any of them printed holds a raw ESC or BEL
if grep -q "[$ESC$BEL]" "$tmp/all"; then fail "escape-raw: a raw control character got through"; fi

# ---- item 15: show's messages ------------------------------------------
status=0
"$JHCONF" show "" >/dev/null 2>"$tmp/err" || status=$?
expect show-empty-name 2 "jhconf: show: an empty file name (give a FILE.cell)"
# header HEX8 NAME WANT: the doc cell with its first 8 bytes replaced
header() {
	cp "$tmp/doc.cell" "$tmp/h.cell"
	printf "$1" | dd of="$tmp/h.cell" bs=1 conv=notrunc 2>/dev/null
	status=0
	"$JHCONF" show "$tmp/h.cell" >/dev/null 2>"$tmp/err" || status=$?
	expect "$2" 2 "jhconf: $tmp/h.cell: $3"
}
header 'JHCELL\016\000' show-signature-of-12-13 \
	'the signature "JHCELL" is that of revisions 12 and 13, but the revision at offset 6 is 14'
header 'JHSYST\016\000' show-signature-of-12-13-sys \
	'the signature "JHSYST" is that of revisions 12 and 13, but the revision at offset 6 is 14'
header 'JHSYS\000\015\000' show-signature-of-14 \
	'the signature "JHSYS" is that of revision 14, but the revision at offset 6 is 13'
header 'JHSYS\000\017\000' show-unknown-revision \
	'unknown configuration revision 15 at offset 6 (known: 12, 13, 14)'
header 'JHXXXX\016\000' show-bad-signature \
	'bad signature "JHXXXX" at offset 0: not a Jailhouse configuration (JHSYS or JHCLL, before revision 14 JHSYST or JHCELL)'
header 'JHSYS\001\016\000' show-not-x86 \
	'not an x86 configuration (architecture 1 at offset 5)'
head -c 7 "$tmp/doc.cell" >"$tmp/short.cell"
status=0
"$JHCONF" show "$tmp/short.cell" >/dev/null 2>"$tmp/err" || status=$?
expect show-truncated-header 2 \
	"jhconf: $tmp/short.cell: truncated header: 7 bytes, a Jailhouse configuration starts with 8 (signature and revision)"

[ "$fails" = 0 ] && echo "messages: all checks passed"
exit $((fails > 0))
