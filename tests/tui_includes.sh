#!/bin/sh
# The front ends in tui/ reach core/ only through the front-end API
# (core/api/jhconf.h) and core/base: any other core header included from
# tui/ means wiring that belongs behind the API.
: "${TOP_SRCDIR:?TOP_SRCDIR not set}"
bad=$(grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$TOP_SRCDIR"/tui/*.c "$TOP_SRCDIR"/tui/*.h |
	grep -v -e '"api/jhconf\.h"' -e '"base/[a-z_]*\.h"' -e '"cli\.h"' \
		-e '"list_sections\.h"' -e '"autoconf\.h"' \
		-e '"tui\.h"' -e '"draw\.h"' -e '"theme\.h"' -e '"membar\.h"')
if [ -n "$bad" ]; then
	echo "tui/ includes core headers other than api/jhconf.h and base/:"
	echo "$bad"
	exit 1
fi
echo "tui/ includes only api/jhconf.h and base/"
