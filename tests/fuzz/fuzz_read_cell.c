/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the .cell reader. Beyond "does not crash": whatever
 * the reader accepts must serialize back to the very same bytes, so a
 * field the reader drops or misplaces shows up as an abort. A root cell
 * the reader accepts then goes through `jhconf check`'s rules
 * (core/check), which read such files and must stop within their work
 * budget on any of them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cellfmt/cellfmt.h"
#include "check/check.h"

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
	if (f.is_system) {
		struct check_set set = { .sys = &f.system, .sys_file = "fuzz.cell",
					 .revision = f.layout->revision };
		struct jh_findings found = { 0 };
		check_cells(&set, &found);
		jh_findings_free(&found);
	}
	cell_file_free(&f);
	return 0;
}
