/* The .cell serializer: one walk over a cfg_system or cfg_cell, with the
 * revision's row of the layout table (cell_layout.c) deciding the header
 * and where the platform fields sit. Everything is little-endian and
 * packed, as Jailhouse's structures are. */
#include "cellfmt/cellfmt.h"

#include <string.h>

/* Stores into a zeroed block whose layout comes from the table. */
static void store16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void store32(unsigned char *p, uint32_t v)
{
	store16(p, (uint16_t)v);
	store16(p + 2, (uint16_t)(v >> 16));
}

static void store64(unsigned char *p, uint64_t v)
{
	store32(p, (uint32_t)v);
	store32(p + 4, (uint32_t)(v >> 32));
}

static void put_memory(struct buf *out, const struct cfg_memory *m)
{
	buf_put_u64(out, m->phys_start);
	buf_put_u64(out, m->virt_start);
	buf_put_u64(out, m->size);
	buf_put_u64(out, m->flags);
}

static void put_console(struct buf *out, const struct cfg_console *c)
{
	buf_put_u64(out, c->address);
	buf_put_u32(out, c->size);
	buf_put_u16(out, c->type);
	buf_put_u16(out, c->flags);
	buf_put_u32(out, c->divider);
	buf_put_u32(out, c->gate_nr);
	buf_put_u64(out, c->clock_reg);
}

/* The 8-byte header: signature, the architecture byte where the revision
 * has one, the revision. */
static void put_header(struct buf *out, const struct cell_layout *l,
		       const char *signature, uint8_t architecture,
		       uint16_t revision)
{
	buf_append(out, signature, l->signature_len);
	if (l->has_architecture)
		buf_put_u8(out, architecture);
	buf_put_u16(out, revision);
}

static void store_iommu(unsigned char *p, const struct cfg_iommu *u)
{
	store32(p, u->type);
	store64(p + 4, u->base);
	store32(p + 12, u->size);
	store16(p + 16, u->amd_bdf);
	p[18] = u->amd_base_cap;
	p[19] = u->amd_msi_cap;
	store32(p + 20, u->amd_features);
	store32(p + 24, u->union_tail);
}

/* platform_info, laid out by the revision's row. */
static void put_platform(struct buf *out, const struct cfg_system *s,
			 const struct cell_layout *l)
{
	unsigned char block[512];
	size_t size = l->union_offset + l->platform_union_size;
	memset(block, 0, sizeof(block));

	store64(block, s->pci_mmconfig_base);
	block[8] = s->pci_mmconfig_end_bus;
	block[9] = s->pci_is_virtual;
	store16(block + 10, s->pci_domain);
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
		store_iommu(block + l->iommu_offset + i * CELL_IOMMU_SIZE,
			    &s->iommu[i]);

	unsigned char *x86 = block + l->union_offset;
	store16(x86 + l->pm_timer_offset, s->pm_timer_address);
	x86[l->apic_mode_offset] = s->apic_mode;
	x86[l->padding_offset] = s->x86_padding;
	for (size_t i = 1; i < l->padding_len; i++)
		x86[l->padding_offset + i] = s->x86_padding_more[i - 1];
	store32(x86 + l->limit_offset, s->vtd_interrupt_limit);
	store32(x86 + l->tsc_khz_offset, s->tsc_khz);
	store32(x86 + l->apic_khz_offset, s->apic_khz);

	size_t tail = l->platform_union_size - l->x86_size;
	size_t keep = s->union_tail_len < tail ? s->union_tail_len : tail;
	if (keep > sizeof(s->union_tail))
		keep = sizeof(s->union_tail);
	memcpy(x86 + l->x86_size, s->union_tail, keep);

	buf_append(out, block, size);
}

static int check_count(size_t n, const char *what, struct jh_error *err)
{
	if (n > UINT32_MAX)
		return jh_fail(err, JH_BADINPUT,
			       "cell config: %zu %s do not fit a 32-bit count",
			       n, what);
	return 0;
}

static int check_counts(const struct cfg_cell *c, struct jh_error *err)
{
	if (check_count(c->cpu_set_size, "CPU set bytes", err) ||
	    check_count(c->nmem, "memory regions", err) ||
	    check_count(c->ncache, "cache regions", err) ||
	    check_count(c->nirqchips, "irqchips", err) ||
	    check_count(c->npio, "PIO regions", err) ||
	    check_count(c->npci, "PCI devices", err) ||
	    check_count(c->ncaps, "PCI capabilities", err) ||
	    check_count(c->nstream_ids, "stream ids", err))
		return -1;
	if (c->cpu_set_size && !c->cpu_set)
		return jh_fail(err, JH_BADINPUT,
			       "cell config: a CPU set of %zu bytes without data",
			       c->cpu_set_size);
	return 0;
}

/* The 124 bytes of jailhouse_cell_desc after its header. */
static void put_desc_body(struct buf *out, const struct cfg_cell *c)
{
	buf_append(out, c->name, CFG_NAME_LEN);
	buf_put_u32(out, c->id);
	buf_put_u32(out, c->flags);
	buf_put_u32(out, (uint32_t)c->cpu_set_size);
	buf_put_u32(out, (uint32_t)c->nmem);
	buf_put_u32(out, (uint32_t)c->ncache);
	buf_put_u32(out, (uint32_t)c->nirqchips);
	buf_put_u32(out, (uint32_t)c->npio);
	buf_put_u32(out, (uint32_t)c->npci);
	buf_put_u32(out, (uint32_t)c->ncaps);
	buf_put_u32(out, (uint32_t)c->nstream_ids);
	buf_put_u32(out, c->vpci_irq_base);
	buf_put_u64(out, c->cpu_reset_address);
	buf_put_u64(out, c->msg_reply_timeout);
	put_console(out, &c->console);
}

static void put_pci_dev(struct buf *out, const struct cfg_pci_dev *d)
{
	buf_put_u8(out, d->type);
	buf_put_u8(out, d->iommu);
	buf_put_u16(out, d->domain);
	buf_put_u16(out, d->bdf);
	for (size_t i = 0; i < 6; i++)
		buf_put_u32(out, d->bar_mask[i]);
	buf_put_u16(out, d->caps_start);
	buf_put_u16(out, d->num_caps);
	buf_put_u8(out, d->num_msi_vectors);
	buf_put_u8(out, d->msi_bits);
	buf_put_u16(out, d->num_msix_vectors);
	buf_put_u16(out, d->msix_region_size);
	buf_put_u64(out, d->msix_address);
	buf_put_u32(out, d->shmem_regions_start);
	buf_put_u8(out, d->shmem_dev_id);
	buf_put_u8(out, d->shmem_peers);
	buf_put_u16(out, d->shmem_protocol);
}

static void put_cache(struct buf *out, const struct cfg_cache *r)
{
	buf_put_u32(out, r->start);
	buf_put_u32(out, r->size);
	buf_put_u8(out, r->type);
	buf_put_u8(out, r->padding);
	buf_put_u16(out, r->flags);
}

static void put_irqchip(struct buf *out, const struct cfg_irqchip *q)
{
	buf_put_u64(out, q->address);
	buf_put_u32(out, q->id);
	buf_put_u32(out, q->pin_base);
	for (size_t w = 0; w < 4; w++)
		buf_put_u32(out, q->pin_bitmap[w]);
}

static void put_pio(struct buf *out, const struct cfg_pio *r)
{
	buf_put_u16(out, r->base);
	buf_put_u16(out, r->length);
}

static void put_pci_cap(struct buf *out, const struct cfg_pci_cap *cap)
{
	buf_put_u16(out, cap->id);
	buf_put_u16(out, cap->start);
	buf_put_u16(out, cap->len);
	buf_put_u16(out, cap->flags);
}

static void put_stream_id(struct buf *out, const uint32_t *id)
{
	buf_put_u32(out, *id);
}

#define PUT_ARRAY(out, arr, count, put_one) \
	for (size_t i_ = 0; i_ < (count); i_++) \
		put_one((out), &(arr)[i_])

/* The arrays after the descriptor, in the order Jailhouse expects. */
static void put_arrays(struct buf *out, const struct cfg_cell *c)
{
	if (c->cpu_set_size)
		buf_append(out, c->cpu_set, c->cpu_set_size);
	PUT_ARRAY(out, c->mem, c->nmem, put_memory);
	PUT_ARRAY(out, c->cache, c->ncache, put_cache);
	PUT_ARRAY(out, c->irqchips, c->nirqchips, put_irqchip);
	PUT_ARRAY(out, c->pio, c->npio, put_pio);
	PUT_ARRAY(out, c->pci, c->npci, put_pci_dev);
	PUT_ARRAY(out, c->caps, c->ncaps, put_pci_cap);
	PUT_ARRAY(out, c->stream_ids, c->nstream_ids, put_stream_id);
}

int cell_write_system(const struct cfg_system *s, const struct cell_layout *l,
		      struct buf *out, struct jh_error *err)
{
	if (!l)
		return jh_fail(err, JH_BADINPUT, "cell config: no layout");
	if (check_counts(&s->root, err))
		return -1;
	put_header(out, l, l->system_signature, JH_ARCH_X86,
		   (uint16_t)l->revision);
	buf_put_u32(out, s->flags);
	put_memory(out, &s->hypervisor_memory);
	put_console(out, &s->debug_console);
	put_platform(out, s, l);
	/* The root cell's descriptor keeps its own header as stored (zeros
	 * when Jailhouse's tools made it). */
	put_header(out, l, s->root.signature, s->root.architecture,
		   s->root.revision);
	put_desc_body(out, &s->root);
	put_arrays(out, &s->root);
	return 0;
}

int cell_write_cell(const struct cfg_cell *c, const struct cell_layout *l,
		    struct buf *out, struct jh_error *err)
{
	if (!l)
		return jh_fail(err, JH_BADINPUT, "cell config: no layout");
	if (check_counts(c, err))
		return -1;
	put_header(out, l, l->cell_signature, JH_ARCH_X86,
		   (uint16_t)l->revision);
	put_desc_body(out, c);
	put_arrays(out, c);
	return 0;
}
