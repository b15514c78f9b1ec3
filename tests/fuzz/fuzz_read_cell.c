/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the .cell reader. Beyond "does not crash": whatever
 * the reader accepts must serialize back to the very same bytes, so a
 * field the reader drops or misplaces shows up as an abort. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cellfmt/cellfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cell_file f;
	struct jh_error err = { 0 };
	if (cell_read("fuzz.cell", data, size, &f, &err)) {
		jh_error_clear(&err);
		return 0;
	}
	struct buf out = { 0 };
	int rc = f.is_system ? cell_write_system(&f.system, f.layout, &out, &err)
			     : cell_write_cell(&f.cell, f.layout, &out, &err);
	if (rc || out.len != size || memcmp(out.data, data, size))
		abort();
	buf_free(&out);
	cell_file_free(&f);
	return 0;
}
