#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The front ends in tui/ reach core/ only through the front-end API
# (core/api/jhconf.h) and core/base: any other core header included from
# tui/ means wiring that belongs behind the API. tui/'s own headers (a
# name with no folder that exists in tui/) are fine.
: "${TOP_SRCDIR:?TOP_SRCDIR not set}"
bad=
for f in "$TOP_SRCDIR"/tui/*.c "$TOP_SRCDIR"/tui/*.h; do
	grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	while IFS= read -r line; do
		name=${line#*\"}; name=${name%%\"*}
		case $name in
		api/jhconf.h|autoconf.h) continue ;;
		base/*/*) ;;
		base/*.h) continue ;;
		*/*) ;;
		*) [ -f "$TOP_SRCDIR/tui/$name" ] && continue ;;
		esac
		echo "$line"
	done
done >"${TMPDIR:-/tmp}/tui_includes.$$"
bad=$(cat "${TMPDIR:-/tmp}/tui_includes.$$"); rm -f "${TMPDIR:-/tmp}/tui_includes.$$"
if [ -n "$bad" ]; then
	echo "tui/ includes core headers other than api/jhconf.h and base/:"
	echo "$bad"
	exit 1
fi
echo "tui/ includes only api/jhconf.h, base/ and its own headers"
