#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The manual page: groff renders it without a warning (-ww), and every
# option that any command's --help lists is described in it, so that the
# page and the program cannot drift apart.
: "${JHCONF:?JHCONF not set}" "${TOP_BUILDDIR:?TOP_BUILDDIR not set}"
PAGE="$TOP_BUILDDIR/jhconf.1"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
[ -f "$PAGE" ] || { echo "FAIL: $PAGE not built"; exit 1; }
if command -v groff >/dev/null; then
	warnings=$(groff -ww -z -man "$PAGE" 2>&1)
	[ -z "$warnings" ] || fail "groff warns: $warnings"
else
	echo "(groff not installed: rendering not checked)"
fi
grep -q '%[A-Z_]*%' "$PAGE" && fail "unsubstituted %...% in $PAGE"
# every command of `jhconf --help` has a subsection, every option a row
cmds=$("$JHCONF" --help | sed -n 's/^  \([a-z-]*\)  .*/\1/p')
[ -n "$cmds" ] || fail "no commands in jhconf --help"
for cmd in $cmds; do
	grep -q "^\.SS $cmd\$" "$PAGE" || fail "no .SS $cmd section"
	"$JHCONF" $cmd --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z-]*\).*/\2/p' |
	while read -r opt; do
		# in roff a '-' is written '\-'; the name must not go on (--mem
		# is not --mem-hv)
		pat="\\-\\-$(printf '%s' "$opt" | sed 's/-/\\-/g')"
		perl -e 'my $p = shift; exit !grep { /\Q$p\E(?![a-z\\])/ } <STDIN>' "$pat" <"$PAGE" ||
			echo "FAIL: $cmd --$opt is not in the manual page"
	done
done >"${TMPDIR:-/tmp}/manpage.$$"
if [ -s "${TMPDIR:-/tmp}/manpage.$$" ]; then
	cat "${TMPDIR:-/tmp}/manpage.$$"; fails=$((fails + 1))
fi
rm -f "${TMPDIR:-/tmp}/manpage.$$"
[ $fails = 0 ] || exit 1
echo "manpage: renders cleanly and describes every option of every --help"
