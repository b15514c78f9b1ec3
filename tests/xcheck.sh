#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Cross-check of the C writer without a Jailhouse tree: for every reference
# .cell, write the C source (tests/xcheck/cell2c), compile it against
# jhconf's own statement of that revision's structures (tests/xcheck/revN)
# the way Jailhouse's configs/Makefile compiles configurations, copy the
# object's data out with objcopy and compare with the .cell. Then the same
# for scrambled copies (every free field set) and as inmate cells, where the
# bytes to match are the .cell writer's.
# Environment: DATA (tests/data), TOP_BUILDDIR, TOP_SRCDIR.
set -u
: "${DATA:?}" "${TOP_BUILDDIR:?}"
SRC=${TOP_SRCDIR:-$DATA/../..}
CELL2C=$TOP_BUILDDIR/tests/xcheck/cell2c
CC=${CC_FOR_XCHECK:-gcc}
OBJCOPY=${OBJCOPY:-objcopy}

command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: no $CC"; exit 77; }
command -v "$OBJCOPY" >/dev/null 2>&1 || { echo "SKIP: no $OBJCOPY"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/xcheck.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM

fails=0 cases=0

# failed NAME WHY [FILE]: count a failed case; show FILE's first lines
failed() {
	echo "FAIL $1: $2"
	[ -z "${3:-}" ] || head -n 20 "$3"
	fails=$((fails + 1))
}

# compile REV C-FILE OUT.cell: the .cell that the C file builds to
compile() {
	inc=$SRC/tests/xcheck/rev$1
	"$CC" -I"$inc" -I"$SRC/tests/xcheck/common" \
		-Werror -Wall -Wextra -D__LINUX_COMPILER_TYPES_H \
		-c "$2" -o "$work/x.o" 2>"$work/cc.err" &&
	"$OBJCOPY" -O binary --remove-section=.note.gnu.property \
		"$work/x.o" "$3"
}

# check NAME REV EXPECTED.cell CELL2C-ARGS...
check() {
	name=$1 rev=$2 expect=$3
	shift 3
	cases=$((cases + 1))
	if ! "$CELL2C" "$@" "$work/x.c" "$work/want.cell" 2>"$work/gen.err"; then
		echo "FAIL $name: cell2c: $(cat "$work/gen.err")"
		fails=$((fails + 1))
		return
	fi
	[ -n "$expect" ] || expect=$work/want.cell
	if ! compile "$rev" "$work/x.c" "$work/got.cell"; then
		echo "FAIL $name: does not compile:"
		head -n 20 "$work/cc.err"
		fails=$((fails + 1))
		return
	fi
	if cmp -s "$expect" "$work/got.cell"; then
		echo "ok   $name"
	else
		echo "FAIL $name: compiled bytes differ from $expect"
		cmp "$expect" "$work/got.cell" | head -n 3
		fails=$((fails + 1))
	fi
}

found=0
for cell in "$DATA"/ref/*/rev1[234]*/*.cell; do
	[ -f "$cell" ] || continue
	found=1
	case=$(basename "$(dirname "$cell")")
	rev=$(echo "$case" | sed 's/^rev\(1[234]\).*/\1/')
	snap=$(basename "$(dirname "$(dirname "$cell")")")
	check "$snap/$case" "$rev" "$cell" "$cell"
	check "$snap/$case as inmate" "$rev" "" -i "$cell"
	for seed in 0 1 2 3; do
		check "$snap/$case scrambled $seed" "$rev" "" -s "$seed" "$cell"
		check "$snap/$case scrambled $seed as inmate" "$rev" "" \
			-i -s "$seed" "$cell"
	done
done
[ "$found" = 1 ] || { echo "FAIL: no reference .cell under $DATA/ref"; exit 1; }

# The vocabulary (core/config/vocab.c): every C symbol with its value in
# the revisions that define it, and absent from the older ones.
for rev in 12 13 14; do
	cases=$((cases + 1))
	if ! "$CELL2C" -v "$rev" "$work/vocab.c" 2>"$work/gen.err"; then
		failed "vocabulary rev$rev" "cell2c: $(cat "$work/gen.err")"
	elif ! compile "$rev" "$work/vocab.c" "$work/vocab.bin"; then
		failed "vocabulary rev$rev" "disagrees with tests/xcheck/rev$rev:" \
			"$work/cc.err"
	else
		echo "ok   vocabulary rev$rev"
	fi
done

# The whole way: `jhconf create` on each reference's snapshot writes the .c
# (with the planner's comments); compiled, it must give the reference.
if [ -x "${JHCONF:-}" ]; then
	for cell in "$DATA"/ref/*/rev1[234]*/*.cell; do
		case=$(basename "$(dirname "$cell")")
		rev=$(echo "$case" | sed 's/^rev\(1[234]\).*/\1/')
		snap=$(basename "$(dirname "$(dirname "$cell")")")
		set -- --config-revision "$rev"
		case $case in
		*-mem8M-120M) set -- "$@" --mem-hv 8M --mem-inmates 120M ;;
		esac
		cases=$((cases + 1))
		name="jhconf create $snap/$case"
		if ! "$JHCONF" create --root "$DATA/snapshots/$snap" "$@" \
			"$work/made.c" >/dev/null 2>"$work/gen.err"; then
			failed "$name" "$(head -n 1 "$work/gen.err")"
		elif ! compile "$rev" "$work/made.c" "$work/got.cell"; then
			failed "$name" "does not compile:" "$work/cc.err"
		elif ! cmp -s "$cell" "$work/got.cell"; then
			failed "$name" "compiled bytes differ from $cell"
		else
			echo "ok   $name"
		fi
	done
fi

echo "$cases cases, $((cases - fails)) identical"
[ "$fails" = 0 ]
