/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the project file: any input is read without a crash;
 * an error names the file; an accepted project, written and read again,
 * is accepted and writes the same text (the writer is a fixed point of
 * reading, so a rewrite never loses a comment or a value). The recorded
 * hardware matched against itself (update's matcher) pairs every function
 * with itself: a function is at its own place, and the reader refuses
 * two lines for one slot and `behind` chains that loop. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "project/project.h"
#include "update/update.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct project p, q;
	struct jh_error err = { 0 };
	if (project_parse("jhconf.conf", (const char *)data, size, &p, &err)) {
		check(err.status == JH_BADINPUT && !strncmp(err.msg, "jhconf.conf:", 12));
		check(!strchr(err.msg, '\n'));
		check(p.ncells == 0 && p.nlinks == 0);
		jh_error_clear(&err);
		return 0;
	}
	struct buf one = { 0 }, two = { 0 };
	project_format(&p, &one);
	if (project_parse("jhconf.conf", (const char *)one.data, one.len, &q, &err))
		abort();  /* the writer wrote what the reader refuses */
	project_format(&q, &two);
	check(one.len == two.len && !memcmp(one.data, two.data, one.len));
	check(p.ncells == q.ncells && p.nlinks == q.nlinks);
	struct upd_pci *hw;
	size_t nhw;
	struct upd_match m;
	upd_pci_from_project(&p, &hw, &nhw);
	if (upd_match_pci(hw, nhw, hw, nhw, NULL, 0, &m, &err))
		abort();
	for (size_t i = 0; i < nhw; i++)
		check(m.old_to_new[i] == i && m.new_to_old[i] == i && !m.ambiguous[i]);
	upd_match_free(&m);
	free(hw);
	buf_free(&one);
	buf_free(&two);
	project_free(&p);
	project_free(&q);
	return 0;
}
