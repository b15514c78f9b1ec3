#include "machine/machine.h"
#include "parse/parsers.h"

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
	free(m->cmdline);
	free(m->memmaps);
	free(m->dmi_vendor);
	free(m->dmi_product);
	*m = (struct machine){ 0 };
}

const struct uart *machine_find_uart(const struct machine *m, const char *name)
{
	for (size_t i = 0; i < m->nuarts; i++)
		if (!strcmp(m->uarts[i].name, name))
			return &m->uarts[i];
	return NULL;
}
