/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupts: IOAPIC entries (hypervisor/arch/x86/ioapic.c), pins of two
 * inmates, and the VT-d interrupt remapping table (hypervisor/arch/x86/
 * vtd.c). */
#include "check/check_internal.h"

#include <stdlib.h>

/* PAGE_SIZE / sizeof(struct cell_ioapic): three pointers, the index
 * register and four words of pins, 48 bytes with x86-64's alignment
 * (hypervisor/arch/x86/include/asm/ioapic.h). */
#define CK_IOAPIC_MAX_CHIPS (4096 / 48)
#define CK_IOAPIC_MAX_PINS 120
/* vtd_init refuses a limit whose next power of two is 2^16 or more. */
#define CK_VTD_LIMIT_MAX 32768u

static unsigned highest_pin(const struct cfg_irqchip *q)
{
	for (unsigned p = 128; p-- > 0;)
		if (ck_pin(q, p))
			return p + 1;
	return 0;
}

static void chips(struct ck *k)
{
	uint64_t *addr = NULL;
	size_t naddr = 0, cap = 0;
	for (size_t i = 0; i < k->n; i++) {
		const struct cfg_cell *c = k->c[i];
		struct jh_subject s = ck_subject(k, i);
		if (c->nirqchips > CK_IOAPIC_MAX_CHIPS)
			jh_finding_add(k->out, JH_R_CHK_IRQCHIP_COUNT, &s,
				       "cell '%s': %zu irqchips (at most %d)", c->name,
				       c->nirqchips, CK_IOAPIC_MAX_CHIPS);
		for (size_t q = 0; q < c->nirqchips; q++) {
			const struct cfg_irqchip *x = &c->irqchips[q];
			if (!ck_spend(k, naddr)) {
				free(addr);
				return;
			}
			if (x->pin_base)
				jh_finding_add(k->out, JH_R_CHK_IRQCHIP_PIN_BASE, &s,
					       "cell '%s': irqchip %zu at 0x%llx has pin_base %u",
					       c->name, q, (unsigned long long)x->address,
					       x->pin_base);
			if (!ck_is_root(i) && highest_pin(x) > CK_IOAPIC_MAX_PINS)
				jh_finding_add(k->out, JH_R_CHK_IRQCHIP_PIN_RANGE, &s,
					       "cell '%s': irqchip %zu at 0x%llx has pin %u",
					       c->name, q, (unsigned long long)x->address,
					       highest_pin(x) - 1);
			bool seen = false;
			for (size_t a = 0; a < naddr && !seen; a++)
				seen = addr[a] == x->address;
			if (!seen)
				*(uint64_t *)ARRAY_PUSH(addr, naddr, cap) = x->address;
		}
	}
	if (naddr > CK_IOAPIC_MAX_CHIPS) {
		struct jh_subject s = ck_subject(k, 0);
		jh_finding_add(k->out, JH_R_CHK_IRQCHIP_COUNT, &s,
			       "%zu distinct IOAPICs in the cells (at most %d)", naddr,
			       CK_IOAPIC_MAX_CHIPS);
	}
	free(addr);
}

static void shared_pins(struct ck *k)
{
	for (size_t i = 1; i < k->n; i++)
		for (size_t j = i + 1; j < k->n; j++)
			for (size_t a = 0; a < k->c[i]->nirqchips; a++)
				for (size_t b = 0; b < k->c[j]->nirqchips; b++) {
					if (!ck_spend(k, 128))
						return;
					const struct cfg_irqchip *x = &k->c[i]->irqchips[a];
					const struct cfg_irqchip *y = &k->c[j]->irqchips[b];
					if (x->address != y->address)
						continue;
					for (unsigned p = 0; p < 128; p++)
						if (ck_pin(x, p) && ck_pin(y, p)) {
							if (!ck_spend(k, 0))
								return;
							struct jh_subject s = ck_subject(k, j);
							jh_finding_add(k->out, JH_R_CHK_IRQ_PIN_SHARED, &s,
								       "cells '%s' and '%s' both have pin "
								       "%u of the IOAPIC at 0x%llx",
								       k->c[i]->name, k->c[j]->name, p,
								       (unsigned long long)x->address);
						}
				}
}

/* Entries VT-d reserves: per physical device the larger of its MSI and
 * MSI-X vector counts (vtd.c iommu_add_pci_device), each device once as
 * the set runs at once; per IOAPIC as many as it has pins, which the
 * configuration does not tell (root lists all 128 bits): at most 120. */
static void vtd_limit(struct ck *k)
{
	const struct cfg_system *sys = k->sys;
	if (!ck_intel_iommu(sys))
		return;
	struct jh_subject s = ck_subject(k, 0);
	if (sys->vtd_interrupt_limit > CK_VTD_LIMIT_MAX) {
		jh_finding_add(k->out, JH_R_CHK_VTD_LIMIT, &s,
			       "vtd_interrupt_limit %u is above %u", sys->vtd_interrupt_limit,
			       CK_VTD_LIMIT_MAX);
		return;
	}
	uint64_t chips = 0, vectors = 0, seen = 0;
	for (size_t i = 0; i < k->n; i++)
		for (size_t q = 0; q < k->c[i]->nirqchips; q++) {
			bool earlier = false;
			if (!ck_spend(k, seen++))
				return;
			for (size_t j = 0; j <= i; j++)
				for (size_t r = 0; r < (j < i ? k->c[j]->nirqchips : q); r++)
					earlier |= k->c[j]->irqchips[r].address ==
						   k->c[i]->irqchips[q].address;
			chips += !earlier;
		}
	seen = 0;
	for (size_t i = 0; i < k->n; i++)
		for (size_t d = 0; d < k->c[i]->npci; d++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[d];
			if (p->type == JH_PCI_TYPE_IVSHMEM)
				continue;
			bool earlier = false;
			if (!ck_spend(k, seen++))
				return;
			for (size_t j = 0; j <= i; j++)
				for (size_t e = 0; e < (j < i ? k->c[j]->npci : d); e++)
					earlier |= k->c[j]->pci[e].bdf == p->bdf &&
						   k->c[j]->pci[e].domain == p->domain &&
						   k->c[j]->pci[e].type != JH_PCI_TYPE_IVSHMEM;
			if (!earlier)
				vectors += p->num_msi_vectors > p->num_msix_vectors
					   ? p->num_msi_vectors : p->num_msix_vectors;
		}
	if (vectors > sys->vtd_interrupt_limit)
		jh_finding_add(k->out, JH_R_CHK_VTD_LIMIT, &s,
			       "vtd_interrupt_limit %u is below the devices' %llu MSI/MSI-X "
			       "vectors", sys->vtd_interrupt_limit, (unsigned long long)vectors);
	else if (vectors + chips * CK_IOAPIC_MAX_PINS > sys->vtd_interrupt_limit)
		jh_finding_add(k->out, JH_R_CHK_VTD_TIGHT, &s,
			       "vtd_interrupt_limit %u is below %llu vectors + %llu IOAPIC(s) "
			       "of up to 120 pins", sys->vtd_interrupt_limit,
			       (unsigned long long)vectors, (unsigned long long)chips);
}

void check_irq(struct ck *k)
{
	chips(k);
	shared_pins(k);
	vtd_limit(k);
}
