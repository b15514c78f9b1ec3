/* SPDX-License-Identifier: GPL-2.0-only */
/* ivshmem links between cells (Documentation/inter-cell-communication.md,
 * hypervisor/ivshmem.c, configs/x86/qemu-x86.c and the inmates that pair
 * with it). Every peer gets the same regions, contiguous from
 * shmem_regions_start: the state table (read-only), the common read/write
 * region, and one output region per peer that only its owner may write;
 * and a virtual PCI device of type IVSHMEM at the same free BDF. The links
 * take the top of the inmate window, so that the root cell's inmate region
 * can stop below them when root is a peer (as qemu-x86.c keeps its "RAM
 * (inmates)" region below the ivshmem area). */
#include "plan/plan_inmate.h"
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

#define STATE_TABLE 0x1000ull
#define MAX_PEERS 12                /* ivshmem.c: shmem_dev_id < 12 */
#define VETH_OUT 0x7f000ull         /* cell-config.h JAILHOUSE_SHMEM_NET_REGIONS */
#define PCI_CAP_EXP 0x10
#define PCI_EXP_TYPE_PCI_BRIDGE 0x7 /* PCIe to PCI/PCI-X bridge */

/* Protocols (cell-config.h JAILHOUSE_SHMEM_PROTO_*) and the shape the
 * matching Jailhouse drivers and demos use. */
struct link_kind {
	const char *name;
	uint16_t protocol;          /* peer 0; virtio peers 1.. get the front */
	uint16_t front;
	unsigned peers;             /* 0 = 2 to MAX_PEERS */
	uint64_t default_size;      /* the whole link, state table included */
	uint64_t out_size;          /* each peer's output region */
	uint16_t msix;
	bool fixed_size;
};

static const struct link_kind link_kinds[] = {
	/* ivshmem-demo: 4K state, 36K common, 8K output a peer, 16 vectors */
	{ "undefined", 0x0000, 0x0000, 0, 0x10000, 0x2000, 16, false },
	/* the ivshmem-net driver's layout: no common region, two outputs */
	{ "veth", 0x0001, 0x0001, 2, STATE_TABLE + 2 * VETH_OUT, VETH_OUT, 2, true },
	/* virtio over ivshmem: back-end 0xc000 + device, front-end 0x8000 +
	 * device; block device 2, console 3 (qemu-x86.c and linux-x86-demo.c) */
	{ "virtio-blk", 0xc002, 0x8002, 2, 0xe0000, 0, 2, false },
	{ "virtio-console", 0xc003, 0x8003, 2, 0x10000, 0, 3, false },
};

static const struct link_kind *link_kind(const struct proj_link *l)
{
	const char *name = l->protocol ? l->protocol : "undefined";
	for (size_t i = 0; i < sizeof(link_kinds) / sizeof(*link_kinds); i++)
		if (!strcmp(link_kinds[i].name, name))
			return &link_kinds[i];
	return NULL;
}

static uint64_t link_size(const struct proj_link *l, const struct link_kind *k)
{
	uint64_t s = l->size && !k->fixed_size ? l->size : k->default_size;
	return (s + INMATE_PAGE - 1) / INMATE_PAGE * INMATE_PAGE;
}

uint64_t ivshmem_area_size(const struct project *p)
{
	uint64_t total = 0;
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct link_kind *k = link_kind(&p->links[i]);
		uint64_t s = k ? link_size(&p->links[i], k) : 0;
		total = total + s < total ? UINT64_MAX : total + s;
	}
	return total;
}

static char *link_name(const struct proj_link *l)
{
	struct buf b = { 0 };
	buf_printf(&b, "ivshmem link");
	for (size_t i = 0; i < l->peers.n; i++)
		buf_printf(&b, "%s%s", i ? "-" : " ", l->peers.v[i]);
	buf_append(&b, "", 1);
	return (char *)b.data;
}

/* A bus whose slots Linux scans one by one: the secondary bus of a
 * conventional PCI bridge or a PCIe-to-PCI bridge (not a PCIe port, whose
 * link has a single device). Current QEMU wants ivshmem devices there,
 * since it no longer hot-plugs on the root bus (Jailhouse 11d89ccb). */
static bool is_slot_bus_bridge(const struct pci_dev *d)
{
	if (!d->is_bridge)
		return false;
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *c = &d->caps[i];
		if (!c->extended && c->id == PCI_CAP_EXP && (size_t)c->start + 2 < d->config_len)
			return (pci_config_u8(d, (size_t)c->start + 2) >> 4) == PCI_EXP_TYPE_PCI_BRIDGE;
	}
	return true;
}

static bool bdf_used(const struct inmate_planner *ip, unsigned bus, unsigned dev,
		     const uint16_t *taken, size_t ntaken)
{
	for (size_t i = 0; i < ip->m->npci; i++) {
		const struct pci_dev *d = &ip->m->pci[i];
		if (d->domain == 0 && d->bus == bus && d->dev == dev)
			return true;
	}
	for (size_t i = 0; i < ntaken; i++)
		if (taken[i] >> 3 == (bus << 5 | dev))
			return true;
	return false;
}

/* The same free BDF for every peer: a free slot behind a PCI bridge if the
 * machine has one, else on bus 0. */
static int pick_bdf(struct inmate_planner *ip, const uint16_t *taken, size_t ntaken,
		    uint16_t *out)
{
	const struct machine *m = ip->m;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i <= m->npci; i++) {
			unsigned bus;
			if (pass == 0) {
				if (i == m->npci || m->pci[i].domain != 0 ||
				    !is_slot_bus_bridge(&m->pci[i]))
					continue;
				bus = m->pci[i].secondary_bus;
			} else {
				if (i != m->npci)
					continue;
				bus = 0;
			}
			for (unsigned dev = 0; dev < 32; dev++)
				if (!bdf_used(ip, bus, dev, taken, ntaken)) {
					*out = (uint16_t)(bus << 8 | dev << 3);
					return 0;
				}
		}
	return jh_fail(ip->err, JH_BADINPUT, "no free PCI slot left for an ivshmem device");
}

static struct cfg_cell *peer_cell(struct inmate_planner *ip, const char *name)
{
	if (!strcmp(name, inmate_root_name(ip->p)))
		return &ip->root->root;
	for (size_t i = 0; i < ip->p->ncells; i++)
		if (!strcmp(ip->p->cells[i].name, name))
			return &ip->cells[i];
	return NULL;
}

static void add_region(struct cfg_cell *c, uint64_t start, uint64_t size,
		       uint64_t flags, const char *what)
{
	if (!size)
		inmate_add_mem(c, 0, 0, 0, 0, NULL);  /* `{ 0 }`: an empty slot */
	else
		inmate_add_mem(c, start, start, size, flags, what);
}

static int plan_link(struct inmate_planner *ip, const struct proj_link *l,
		     uint64_t *cursor, uint16_t bdf)
{
	const struct link_kind *k = link_kind(l);
	char *name = link_name(l);
	int rc = 0;
	unsigned n = (unsigned)l->peers.n;
	uint64_t size = link_size(l, k);
	uint64_t outs = k->out_size * n;
	if ((k->peers && n != k->peers) || n > MAX_PEERS)
		rc = jh_fail(ip->err, JH_BADINPUT, "%s: protocol %s takes %s peers, not %u",
			     name, k->name, k->peers == 2 ? "exactly 2" : "2 to 12", n);
	else if (l->size && k->fixed_size && l->size != size)
		rc = jh_fail(ip->err, JH_BADINPUT, "%s: protocol %s has a fixed size of "
			     "0x%llx bytes", name, k->name, (unsigned long long)size);
	else if (size < STATE_TABLE + outs)
		rc = jh_fail(ip->err, JH_BADINPUT, "%s: 0x%llx bytes are too few: the state "
			     "table and %u output regions need 0x%llx", name,
			     (unsigned long long)size, n,
			     (unsigned long long)(STATE_TABLE + outs));
	for (unsigned id = 0; id < n && rc == 0; id++)
		if (!peer_cell(ip, l->peers.v[id]))
			rc = jh_fail(ip->err, JH_BADINPUT, "%s: no cell '%s'", name,
				     l->peers.v[id]);
	if (rc == 0)
		rc = inmate_reserve(ip, *cursor, *cursor + size, "ivshmem");
	if (rc < 0) {
		free(name);
		return -1;
	}
	uint64_t state = *cursor, rw = state + STATE_TABLE;
	uint64_t rw_size = size - STATE_TABLE - outs;
	uint64_t out = rw + rw_size;
	*cursor += size;
	for (unsigned id = 0; id < n; id++) {
		struct cfg_cell *c = peer_cell(ip, l->peers.v[id]);
		bool is_root = c == &ip->root->root;
		/* a non-root peer must not take the memory away from root at
		 * cell create: root's own copy stays mapped (ROOTSHARED) */
		uint64_t shared = is_root ? 0 : JH_MEM_ROOTSHARED;
		uint32_t start = (uint32_t)c->nmem;
		add_region(c, state, STATE_TABLE, JH_MEM_READ | shared, name);
		add_region(c, rw, rw_size, JH_MEM_READ | JH_MEM_WRITE | shared, name);
		for (unsigned o = 0; o < n; o++)
			add_region(c, out + o * k->out_size, k->out_size,
				   JH_MEM_READ | (o == id ? JH_MEM_WRITE : 0) | shared, name);
		struct cfg_pci_dev *e = ARRAY_PUSH(c->pci, c->npci, c->pci_cap);
		*e = (struct cfg_pci_dev){
			.type = JH_PCI_TYPE_IVSHMEM, .bdf = bdf,
			/* JAILHOUSE_IVSHMEM_BAR_MASK_MSIX: registers and MSI-X
			 * table, 4 KiB each */
			.bar_mask = { 0xfffff000, 0xfffff000 },
			.num_msix_vectors = k->msix,
			.shmem_regions_start = start, .shmem_dev_id = (uint8_t)id,
			.shmem_peers = (uint8_t)n,
			.shmem_protocol = id == 0 ? k->protocol : k->front,
			.comment = xstrdup(name),
		};
	}
	free(name);
	return 0;
}

/* Root's "JAILHOUSE Inmate Memory" region stops where the links begin, so
 * that root's own copies of the ivshmem regions do not overlap it
 * (config check: "Overlapping memory regions inside cell"). */
static void shrink_root_inmate_region(struct inmate_planner *ip)
{
	struct cfg_cell *r = &ip->root->root;
	for (size_t i = 0; i < r->nmem; i++) {
		struct cfg_memory *m = &r->mem[i];
		if (m->phys_start != ip->win_start || m->size != ip->win_end - ip->win_start)
			continue;
		if (ip->shm_start > ip->win_start) {
			m->size = ip->shm_start - ip->win_start;
		} else {
			free(m->comment);
			memmove(m, m + 1, (r->nmem - i - 1) * sizeof(*m));
			r->nmem--;
		}
		return;
	}
}

int ivshmem_plan_links(struct inmate_planner *ip)
{
	const struct project *p = ip->p;
	uint16_t *taken = xcalloc(p->nlinks ? p->nlinks : 1, sizeof(*taken));
	uint64_t cursor = ip->shm_start;
	bool root_peer = false;
	int rc = 0;
	for (size_t i = 0; i < p->nlinks && rc == 0; i++) {
		const struct proj_link *l = &p->links[i];
		if (!link_kind(l)) {
			rc = jh_fail(ip->err, JH_BADINPUT, "link %zu: protocol '%s' is not "
				     "undefined, veth, virtio-blk or virtio-console", i + 1,
				     l->protocol);
			break;
		}
		for (size_t k = 0; k < l->peers.n; k++)
			if (!strcmp(l->peers.v[k], inmate_root_name(p)))
				root_peer = true;
		rc = pick_bdf(ip, taken, i, &taken[i]);
		if (rc == 0)
			rc = plan_link(ip, l, &cursor, taken[i]);
	}
	if (rc == 0 && root_peer)
		shrink_root_inmate_region(ip);
	free(taken);
	return rc;
}
