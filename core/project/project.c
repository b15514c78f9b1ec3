/* SPDX-License-Identifier: GPL-2.0-only */
/* The project model: lifetime and the cell list. */
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

static void note_free(struct proj_note *n)
{
	free(n->lead);
	free(n->trail);
	*n = (struct proj_note){ 0 };
}

static void cell_free(struct proj_cell *c)
{
	free(c->name);
	note_free(&c->note);
	note_free(&c->end_note);
	note_free(&c->kind.note);
	proj_ranges_free(&c->cpus.list);
	note_free(&c->cpus.note);
	note_free(&c->mem.note);
	note_free(&c->mem_at.note);
	for (size_t i = 0; i < c->npci; i++)
		note_free(&c->pci[i].note);
	free(c->pci);
	proj_ranges_free(&c->pins.list);
	note_free(&c->pins.note);
	for (size_t i = 0; i < c->npio; i++)
		note_free(&c->pio[i].note);
	free(c->pio);
	for (size_t i = 0; i < c->nmmio; i++)
		note_free(&c->mmio[i].note);
	free(c->mmio);
	free(c->console.v);
	note_free(&c->console.note);
	strlist_free(&c->flags.v);
	note_free(&c->flags.note);
	memset(c, 0, sizeof(*c));
}

void project_free(struct project *p)
{
	note_free(&p->header_note);
	free(p->source.path);
	note_free(&p->source.note);
	note_free(&p->hw_cpus.note);
	for (size_t i = 0; i < p->nhw_ram; i++)
		note_free(&p->hw_ram[i].note);
	free(p->hw_ram);
	for (size_t i = 0; i < p->nhw_pci; i++)
		note_free(&p->hw_pci[i].note);
	free(p->hw_pci);
	note_free(&p->hypervisor.note);
	free(p->console.v);
	note_free(&p->console.note);
	note_free(&p->revision.note);
	free(p->root_name.v);
	note_free(&p->root_name.note);
	for (size_t i = 0; i < p->ncells; i++)
		cell_free(&p->cells[i]);
	free(p->cells);
	for (size_t i = 0; i < p->nlinks; i++) {
		strlist_free(&p->links[i].peers);
		free(p->links[i].protocol);
		note_free(&p->links[i].note);
	}
	free(p->links);
	free(p->tail);
	memset(p, 0, sizeof(*p));
}

struct proj_cell *project_find_cell(struct project *p, const char *name)
{
	for (size_t i = 0; i < p->ncells; i++)
		if (!strcmp(p->cells[i].name, name))
			return &p->cells[i];
	return NULL;
}

struct proj_cell *project_add_cell(struct project *p, const char *name)
{
	struct proj_cell *c = ARRAY_PUSH(p->cells, p->ncells, p->cells_cap);
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	return c;
}

void project_remove_cell(struct project *p, size_t i)
{
	cell_free(&p->cells[i]);
	memmove(&p->cells[i], &p->cells[i + 1], (p->ncells - i - 1) * sizeof(*p->cells));
	p->ncells--;
}
