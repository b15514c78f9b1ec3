/* SPDX-License-Identifier: GPL-2.0-only */
/* ivshmem links: each endpoint against the hypervisor's limits
 * (hypervisor/ivshmem.c ivshmem_init), then the endpoints of one link
 * (one BDF; the hypervisor links by BDF alone) against each other, which
 * nothing in Jailhouse compares. */
#include "check/check_internal.h"

#include "base/format.h"

#include <stdio.h>
#include <stdlib.h>

#define CK_IVSHMEM_MAX_PEERS 12      /* IVSHMEM_MAX_PEERS */
#define CK_IVSHMEM_MSIX 16           /* PCI_EMBEDDED_MSIX_VECTS */
#define CK_PROTO_VIRTIO 0x8000u      /* front ends 0x8000+, back ends 0xc000+ */

struct ep {
	size_t cell;
	const struct cfg_pci_dev *p;
	bool regions_ok;
};

static bool endpoint(struct ck *k, size_t i, const struct cfg_pci_dev *p)
{
	const struct cfg_cell *c = k->c[i];
	char b[FMT_BDF_LEN];
	struct jh_subject s = ck_subject_bdf(k, i, p->bdf);
	fmt_bdf(b, p->domain, p->bdf, FMT_BDF_AUTO);
	if (!ck_spend(k, 256 * k->n))
		return false;
	bool ok = (uint64_t)p->shmem_regions_start + 2 + p->shmem_peers <= c->nmem;
	if (!ok)
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_REGIONS, &s,
			       "cell '%s': ivshmem %s uses regions %u-%u, the cell has %zu",
			       c->name, b, p->shmem_regions_start,
			       p->shmem_regions_start + 1 + p->shmem_peers, c->nmem);
	if (p->num_msix_vectors > CK_IVSHMEM_MSIX)
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_VECTORS, &s,
			       "cell '%s': ivshmem %s has %u MSI-X vectors (at most 16)",
			       c->name, b, p->num_msix_vectors);
	if (p->shmem_dev_id >= CK_IVSHMEM_MAX_PEERS)
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_DEV_ID, &s,
			       "cell '%s': ivshmem %s has peer id %u (at most 11)",
			       c->name, b, p->shmem_dev_id);
	else if (p->shmem_dev_id >= p->shmem_peers)
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_DEV_ID, &s,
			       "cell '%s': ivshmem %s has peer id %u of %u peers", c->name,
			       b, p->shmem_dev_id, p->shmem_peers);
	for (size_t j = 0; j < k->n; j++)
		for (size_t d = 0; d < k->c[j]->npci; d++) {
			const struct cfg_pci_dev *o = &k->c[j]->pci[d];
			if (o->type != JH_PCI_TYPE_IVSHMEM && o->bdf == p->bdf &&
			    o->domain == p->domain && ck_spend(k, 0))
				jh_finding_add(k->out, JH_R_CHK_IVSHMEM_BDF, &s,
					       "cell '%s': ivshmem %s is at the BDF of a device "
					       "of cell '%s'", c->name, b, k->c[j]->name);
		}
	return ok;
}

static bool protocols_agree(uint16_t a, uint16_t b)
{
	/* a virtio back end talks to front ends of the same device type */
	if (a >= CK_PROTO_VIRTIO && b >= CK_PROTO_VIRTIO)
		return (a & 0x3fff) == (b & 0x3fff);
	return a == b;
}

static void compare(struct ck *k, const struct ep *x, const struct ep *y)
{
	const struct cfg_pci_dev *p = x->p, *q = y->p;
	const char *xn = k->c[x->cell]->name, *yn = k->c[y->cell]->name;
	char b[FMT_BDF_LEN];
	struct jh_subject s = ck_subject_bdf(k, y->cell, q->bdf);
	fmt_bdf(b, q->domain, q->bdf, FMT_BDF_AUTO);
	if (p->shmem_dev_id == q->shmem_dev_id)
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_ID_TAKEN, &s,
			       "ivshmem %s: cells '%s' and '%s' both have peer id %u", b,
			       xn, yn, q->shmem_dev_id);
	if (p->shmem_peers != q->shmem_peers) {
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_PEERS, &s,
			       "ivshmem %s: cell '%s' says %u peers, cell '%s' %u", b, xn,
			       p->shmem_peers, yn, q->shmem_peers);
		return;
	}
	if (!protocols_agree(p->shmem_protocol, q->shmem_protocol))
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_PEERS, &s,
			       "ivshmem %s: cell '%s' speaks protocol 0x%x, cell '%s' 0x%x",
			       b, xn, p->shmem_protocol, yn, q->shmem_protocol);
	if (!x->regions_ok || !y->regions_ok)
		return;
	static const char *const what[] = { "state table", "read/write region" };
	for (unsigned r = 0; r < 2u + p->shmem_peers; r++) {
		const struct cfg_memory *a = &k->c[x->cell]->mem[p->shmem_regions_start + r];
		const struct cfg_memory *c = &k->c[y->cell]->mem[q->shmem_regions_start + r];
		if (a->phys_start == c->phys_start && a->size == c->size)
			continue;
		char name[32];
		if (r < 2)
			snprintf(name, sizeof(name), "%s", what[r]);
		else
			snprintf(name, sizeof(name), "output region of peer %u", r - 2);
		jh_finding_add(k->out, JH_R_CHK_IVSHMEM_PEERS, &s,
			       "ivshmem %s: the %s is 0x%llx+0x%llx in cell '%s', 0x%llx+0x%llx "
			       "in cell '%s'", b, name, (unsigned long long)a->phys_start,
			       (unsigned long long)a->size, xn,
			       (unsigned long long)c->phys_start,
			       (unsigned long long)c->size, yn);
	}
}

/* The state table's address, the link's identity in memory (0: none). */
static uint64_t state_table(const struct ck *k, const struct ep *e)
{
	return e->regions_ok ? k->c[e->cell]->mem[e->p->shmem_regions_start].phys_start
			     : 0;
}

void check_ivshmem(struct ck *k)
{
	struct ep *eps = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < k->n; i++)
		for (size_t d = 0; d < k->c[i]->npci; d++) {
			const struct cfg_pci_dev *p = &k->c[i]->pci[d];
			if (p->type != JH_PCI_TYPE_IVSHMEM)
				continue;
			struct ep *e = ARRAY_PUSH(eps, n, cap);
			e->cell = i;
			e->p = p;
			e->regions_ok = endpoint(k, i, p);
		}
	for (size_t a = 0; a < n && !k->exhausted; a++) {
		size_t peers = 0;
		if (!ck_spend(k, n))
			break;
		for (size_t b = 0; b < n; b++)
			if (b != a && eps[b].p->bdf == eps[a].p->bdf) {
				peers++;
				if (b > a && ck_spend(k, 4))
					compare(k, &eps[a], &eps[b]);
			}
		/* Peers on one memory at different BDFs: two links of one
		 * endpoint each, where one link was meant. */
		bool other_bdf = false;
		for (size_t b = 0; !peers && b < n; b++) {
			const struct ep *o = &eps[b];
			if (o->cell == eps[a].cell || o->p->bdf == eps[a].p->bdf ||
			    !state_table(k, o) || state_table(k, o) != state_table(k, &eps[a]))
				continue;
			other_bdf = true;
			/* two lone ends: said once, from the first */
			if (!ck_spend(k, n))
				break;
			bool other_lone = true;
			for (size_t c = 0; c < n && other_lone; c++)
				other_lone = c == b || eps[c].p->bdf != o->p->bdf;
			if (other_lone && b < a)
				continue;
			char x[FMT_BDF_LEN], y[FMT_BDF_LEN];
			struct jh_subject s = ck_subject_bdf(k, o->cell, o->p->bdf);
			jh_finding_add(k->out, JH_R_CHK_IVSHMEM_PEERS, &s,
				       "ivshmem: cell '%s' has the link at %s, cell '%s' at %s, "
				       "on the same state table 0x%llx",
				       k->c[eps[a].cell]->name,
				       fmt_bdf(x, eps[a].p->domain, eps[a].p->bdf, FMT_BDF_AUTO),
				       k->c[o->cell]->name,
				       fmt_bdf(y, o->p->domain, o->p->bdf, FMT_BDF_AUTO),
				       (unsigned long long)state_table(k, o));
		}
		if (!peers && !other_bdf) {
			char bd[FMT_BDF_LEN];
			struct jh_subject s = ck_subject_bdf(k, eps[a].cell, eps[a].p->bdf);
			jh_finding_add(k->out, JH_R_CHK_IVSHMEM_LONE, &s,
				       "cell '%s': ivshmem %s has no peer among these cells",
				       k->c[eps[a].cell]->name,
				       fmt_bdf(bd, eps[a].p->domain, eps[a].p->bdf, FMT_BDF_AUTO));
		}
	}
	free(eps);
}
