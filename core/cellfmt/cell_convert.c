/* SPDX-License-Identifier: GPL-2.0-only */
/* Moving a configuration to another revision: the layouts differ (the
 * table in cell_layout.c), the meaning of most fields does not. What a
 * revision cannot state is a flag or a type its headers do not define
 * (vocab.c records the first revision of each): such a value would mean
 * nothing, or something else, to that revision's hypervisor. */
#include "cellfmt/cellfmt.h"
#include "config/vocab.h"

#include <stdio.h>

static void check_bits(const struct jh_name *tab, uint64_t v, int revision,
		       const char *where, struct strlist *out)
{
	for (; tab->symbol; tab++)
		if ((v & tab->value) == tab->value && tab->value &&
		    tab->min_revision > revision)
			strlist_addf(out, "%s: %s exists from revision %d on", where,
				     tab->symbol, tab->min_revision);
}

static void check_value(const struct jh_name *tab, uint64_t v, int revision,
			const char *where, struct strlist *out)
{
	const struct jh_name *n = jh_name_of(tab, v);
	if (n && n->min_revision > revision)
		strlist_addf(out, "%s: %s exists from revision %d on", where,
			     n->symbol, n->min_revision);
}

static void check_cell(const struct cfg_cell *c, int revision, struct strlist *out)
{
	char where[CFG_NAME_LEN + 16];
	snprintf(where, sizeof(where), "cell \"%.*s\"", CFG_NAME_LEN, c->name);
	check_bits(jh_cell_flags, c->flags, revision, where, out);
	if (c->console.type)
		check_value(jh_console_types, c->console.type, revision, where, out);
}

void cell_revision_problems(const struct cell_file *f, int revision,
			    struct strlist *out)
{
	if (!f->is_system) {
		check_cell(&f->cell, revision, out);
		return;
	}
	const struct cfg_system *s = &f->system;
	if (s->debug_console.type)
		check_value(jh_console_types, s->debug_console.type, revision,
			    "debug console", out);
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
		if (s->iommu[i].type)
			check_value(jh_iommu_types, s->iommu[i].type, revision,
				    "IOMMU unit", out);
	check_cell(&s->root, revision, out);
}
