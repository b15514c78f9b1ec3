/* SPDX-License-Identifier: GPL-2.0-only */
#include "machine/machine.h"
#include "parse/parsers.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>

void res_tree_free(struct res_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->nodes[i].name);
	free(t->nodes);
	t->nodes = NULL;
	t->n = t->cap = 0;
	t->first_root = NONE_IDX;
}

void pci_dev_free(struct pci_dev *d)
{
	free(d->slot);
	free(d->config);
	free(d->caps);
	free(d->vendor_name);
	free(d->device_name);
	free(d->driver);
}

uint8_t pci_config_u8(const struct pci_dev *d, size_t off)
{
	return off < d->config_len - d->config_zero_tail ? d->config[off] : 0;
}

uint32_t pci_config_le32(const struct pci_dev *d, size_t off)
{
	return (uint32_t)pci_config_u8(d, off) |
	       (uint32_t)pci_config_u8(d, off + 1) << 8 |
	       (uint32_t)pci_config_u8(d, off + 2) << 16 |
	       (uint32_t)pci_config_u8(d, off + 3) << 24;
}

void machine_free(struct machine *m)
{
	free(m->label);
	res_tree_free(&m->iomem);
	res_tree_free(&m->ioports);
	for (size_t i = 0; i < m->npci; i++)
		pci_dev_free(&m->pci[i]);
	free(m->pci);
	madt_free(&m->madt);
	mcfg_free(&m->mcfg);
	dmar_free(&m->dmar);
	ivrs_free(&m->ivrs);
	for (size_t i = 0; i < m->nuarts; i++)
		free(m->uarts[i].name);
	free(m->uarts);
	free(m->cpu.vendor);
	free(m->cpu.model_name);
	free(m->cpu.flags);
	free(m->cpu.vmx_flags);
	free(m->cmdline);
	free(m->memmaps);
	free(m->dmi_vendor);
	free(m->dmi_product);
	*m = (struct machine){ 0 };
}

const struct pci_dev *machine_find_pci_bdf(const struct machine *m, uint16_t domain,
					   uint16_t bdf)
{
	for (size_t i = 0; i < m->npci; i++) {
		const struct pci_dev *d = &m->pci[i];
		if (d->domain == domain && d->bus == bdf >> 8 &&
		    d->dev == ((bdf >> 3) & 0x1f) && d->fn == (bdf & 7))
			return d;
	}
	return NULL;
}

const struct uart *machine_find_uart(const struct machine *m, const char *name)
{
	for (size_t i = 0; i < m->nuarts; i++)
		if (!strcmp(m->uarts[i].name, name))
			return &m->uarts[i];
	return NULL;
}

static bool word_in(const char *list, const char *word)
{
	return list && span_has_word(list, strlen(list), word);
}

bool cpu_has_flag(const struct cpu_info *c, const char *flag)
{
	return word_in(c->flags, flag);
}

bool cpu_has_vmx_flag(const struct cpu_info *c, const char *flag)
{
	return word_in(c->vmx_flags, flag);
}
