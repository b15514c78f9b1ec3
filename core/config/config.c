/* SPDX-License-Identifier: GPL-2.0-only */
#include "config/config.h"

#include <stdlib.h>
#include <string.h>

void cfg_cell_free(struct cfg_cell *c)
{
	free(c->cpu_set);
	for (size_t i = 0; i < c->nmem; i++)
		free(c->mem[i].comment);
	free(c->mem);
	free(c->cache);
	for (size_t i = 0; i < c->nirqchips; i++)
		free(c->irqchips[i].comment);
	free(c->irqchips);
	for (size_t i = 0; i < c->npio; i++)
		free(c->pio[i].comment);
	free(c->pio);
	for (size_t i = 0; i < c->npci; i++)
		free(c->pci[i].comment);
	free(c->pci);
	for (size_t i = 0; i < c->ncaps; i++)
		free(c->caps[i].comment);
	free(c->caps);
	free(c->stream_ids);
	memset(c, 0, sizeof(*c));
}

void cfg_system_free(struct cfg_system *s)
{
	cfg_cell_free(&s->root);
	free(s->hypervisor_memory.comment);
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
		free(s->iommu[i].comment);
	free(s->product);
	free(s->cmdline_hint);
	free(s->made_with);
	memset(s, 0, sizeof(*s));
}

/* The CPU set holds the low n bits, in whole 64-bit words as Jailhouse's
 * configurations declare it (__u64 cpus[(n + 63) / 64]). */
void cfg_cell_set_cpus(struct cfg_cell *c, unsigned ncpus)
{
	free(c->cpu_set);
	c->cpu_set_size = ((size_t)ncpus + 63) / 64 * 8;
	c->cpu_set = xcalloc(c->cpu_set_size ? c->cpu_set_size : 1, 1);
	for (unsigned i = 0; i < ncpus; i++)
		c->cpu_set[i / 8] |= (unsigned char)(1u << (i % 8));
}

void cfg_set_name(char name[CFG_NAME_LEN], const char *s)
{
	memset(name, 0, CFG_NAME_LEN);
	strncpy(name, s, CFG_NAME_LEN - 1);
}
