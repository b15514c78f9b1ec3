/* SPDX-License-Identifier: GPL-2.0-only */
/* The .cell serializer: one walk over a cfg_system or cfg_cell, with the
 * revision's row of the layout table (cell_layout.c) deciding the header
 * and where the platform fields sit. Everything is little-endian and
 * packed, as Jailhouse's structures are. */
#include "cellfmt/cellfmt.h"
#include "cellfmt/cell_fields.h"

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

/* The fixed-size structures are laid out by their rows in
 * cell_fields.c. */
static void put_memory(struct buf *out, const struct cfg_memory *m)
{
	cell_struct_put(out, &cell_memory_struct, m);
}

static void put_console(struct buf *out, const struct cfg_console *c)
{
	cell_struct_put(out, &cell_console_struct, c);
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
		cell_struct_store(block + l->iommu_offset + i * CELL_IOMMU_SIZE,
				  &cell_iommu_struct, &s->iommu[i]);

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

static void put_cache(struct buf *out, const struct cfg_cache *r)
{
	cell_struct_put(out, &cell_cache_struct, r);
}

static void put_irqchip(struct buf *out, const struct cfg_irqchip *q)
{
	cell_struct_put(out, &cell_irqchip_struct, q);
}

static void put_pio(struct buf *out, const struct cfg_pio *r)
{
	cell_struct_put(out, &cell_pio_struct, r);
}

static void put_pci_dev(struct buf *out, const struct cfg_pci_dev *d)
{
	cell_struct_put(out, &cell_pci_dev_struct, d);
}

static void put_pci_cap(struct buf *out, const struct cfg_pci_cap *cap)
{
	cell_struct_put(out, &cell_pci_cap_struct, cap);
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
