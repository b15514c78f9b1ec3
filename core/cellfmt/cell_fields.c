/* SPDX-License-Identifier: GPL-2.0-only */
/* The rows of cell_fields.h. Field order and widths are facts from
 * include/jailhouse/cell-config.h (the same in revisions 12, 13 and 14);
 * the styles are how jhconf's .c files state each value. */
#include "cellfmt/cell_fields.h"
#include "cellfmt/cellfmt.h"

#include <stddef.h>
#include <string.h>

/* The width stated here must be the cfg member's: a row whose width does
 * not match divides by zero in a constant expression and does not build. */
#define WIDTH(type, member, width, count) \
	((width) / (unsigned)(sizeof(((type *)0)->member) == (width) * (count)))
#define F(type, member, width, style, names) \
	{ #member, offsetof(type, member), WIDTH(type, member, width, 1), 1, \
	  style, names }
#define FA(type, member, width, count, style) \
	{ #member, offsetof(type, member), WIDTH(type, member, width, count), \
	  count, style, NULL }
#define END { NULL, 0, 0, 0, CF_HEX, NULL }

static const struct cell_field memory_fields[] = {
	F(struct cfg_memory, phys_start, 8, CF_HEX, NULL),
	F(struct cfg_memory, virt_start, 8, CF_HEX, NULL),
	F(struct cfg_memory, size, 8, CF_HEX, NULL),
	F(struct cfg_memory, flags, 8, CF_FLAGS, jh_mem_flags),
	END,
};
const struct cell_struct cell_memory_struct = {
	"jailhouse_memory", CELL_MEMORY_SIZE, memory_fields,
};

static const struct cell_field console_fields[] = {
	F(struct cfg_console, address, 8, CF_HEX, NULL),
	F(struct cfg_console, size, 4, CF_HEX_NZ, NULL),
	F(struct cfg_console, type, 2, CF_ENUM, jh_console_types),
	/* access and register distance are always named */
	F(struct cfg_console, flags, 2, CF_CUSTOM, jh_console_flags),
	F(struct cfg_console, divider, 4, CF_HEX_NZ, NULL),
	F(struct cfg_console, gate_nr, 4, CF_HEX_NZ, NULL),
	F(struct cfg_console, clock_reg, 8, CF_HEX_NZ, NULL),
	END,
};
const struct cell_struct cell_console_struct = {
	"jailhouse_console", CELL_CONSOLE_SIZE, console_fields,
};

static const struct cell_field cache_fields[] = {
	F(struct cfg_cache, start, 4, CF_HEX, NULL),
	F(struct cfg_cache, size, 4, CF_HEX, NULL),
	F(struct cfg_cache, type, 1, CF_HEX, NULL),
	F(struct cfg_cache, padding, 1, CF_HEX_NZ, NULL),
	F(struct cfg_cache, flags, 2, CF_FLAGS_NZ, jh_cache_flags),
	END,
};
const struct cell_struct cell_cache_struct = {
	"jailhouse_cache", CELL_CACHE_SIZE, cache_fields,
};

static const struct cell_field irqchip_fields[] = {
	F(struct cfg_irqchip, address, 8, CF_HEX, NULL),
	F(struct cfg_irqchip, id, 4, CF_HEX, NULL),
	F(struct cfg_irqchip, pin_base, 4, CF_HEX, NULL),
	FA(struct cfg_irqchip, pin_bitmap, 4, 4, CF_LIST),
	END,
};
const struct cell_struct cell_irqchip_struct = {
	"jailhouse_irqchip", CELL_IRQCHIP_SIZE, irqchip_fields,
};

static const struct cell_field pio_fields[] = {
	F(struct cfg_pio, base, 2, CF_HEX, NULL),
	F(struct cfg_pio, length, 2, CF_HEX, NULL),
	END,
};
const struct cell_struct cell_pio_struct = {
	"jailhouse_pio", CELL_PIO_SIZE, pio_fields,
};

static const struct cell_field pci_dev_fields[] = {
	F(struct cfg_pci_dev, type, 1, CF_ENUM, jh_pci_types),
	F(struct cfg_pci_dev, iommu, 1, CF_DEC, NULL),
	F(struct cfg_pci_dev, domain, 2, CF_HEX, NULL),
	F(struct cfg_pci_dev, bdf, 2, CF_HEX, NULL),
	FA(struct cfg_pci_dev, bar_mask, 4, 6, CF_LIST_NZ),
	F(struct cfg_pci_dev, caps_start, 2, CF_DEC, NULL),
	F(struct cfg_pci_dev, num_caps, 2, CF_DEC, NULL),
	/* MSI: a count and the byte of the msi_64bits/msi_maskable bit
	 * fields; MSI-X: stated as groups when the device has them */
	F(struct cfg_pci_dev, num_msi_vectors, 1, CF_CUSTOM, NULL),
	F(struct cfg_pci_dev, msi_bits, 1, CF_CUSTOM, NULL),
	F(struct cfg_pci_dev, num_msix_vectors, 2, CF_CUSTOM, NULL),
	F(struct cfg_pci_dev, msix_region_size, 2, CF_CUSTOM, NULL),
	F(struct cfg_pci_dev, msix_address, 8, CF_CUSTOM, NULL),
	F(struct cfg_pci_dev, shmem_regions_start, 4, CF_DEC_NZ, NULL),
	F(struct cfg_pci_dev, shmem_dev_id, 1, CF_DEC_NZ, NULL),
	F(struct cfg_pci_dev, shmem_peers, 1, CF_DEC_NZ, NULL),
	F(struct cfg_pci_dev, shmem_protocol, 2, CF_HEX_NZ, NULL),
	END,
};
const struct cell_struct cell_pci_dev_struct = {
	"jailhouse_pci_device", CELL_PCI_DEV_SIZE, pci_dev_fields,
};

static const struct cell_field pci_cap_fields[] = {
	/* the extended-capability bit has a name of its own */
	F(struct cfg_pci_cap, id, 2, CF_CUSTOM, NULL),
	F(struct cfg_pci_cap, start, 2, CF_HEX, NULL),
	F(struct cfg_pci_cap, len, 2, CF_HEX, NULL),
	F(struct cfg_pci_cap, flags, 2, CF_FLAGS_NZ, jh_pci_cap_flags),
	END,
};
const struct cell_struct cell_pci_cap_struct = {
	"jailhouse_pci_capability", CELL_PCI_CAP_SIZE, pci_cap_fields,
};

/* The unit's last 12 bytes are a union (AMD, TI PVU); the rows give its
 * bytes through the AMD view plus the 4 bytes only the PVU view reaches,
 * and the C writer picks the view. */
static const struct cell_field iommu_fields[] = {
	F(struct cfg_iommu, type, 4, CF_ENUM, jh_iommu_types),
	F(struct cfg_iommu, base, 8, CF_HEX, NULL),
	F(struct cfg_iommu, size, 4, CF_HEX, NULL),
	F(struct cfg_iommu, amd_bdf, 2, CF_CUSTOM, NULL),
	F(struct cfg_iommu, amd_base_cap, 1, CF_CUSTOM, NULL),
	F(struct cfg_iommu, amd_msi_cap, 1, CF_CUSTOM, NULL),
	F(struct cfg_iommu, amd_features, 4, CF_CUSTOM, NULL),
	F(struct cfg_iommu, union_tail, 4, CF_CUSTOM, NULL),
	END,
};
const struct cell_struct cell_iommu_struct = {
	"jailhouse_iommu", CELL_IOMMU_SIZE, iommu_fields,
};

uint64_t cell_field_get(const struct cell_field *f, const void *obj, size_t i)
{
	const unsigned char *p = (const unsigned char *)obj + f->offset +
				 i * f->width;
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	switch (f->width) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

static void field_set(const struct cell_field *f, void *obj, size_t i,
		      uint64_t v)
{
	unsigned char *p = (unsigned char *)obj + f->offset + i * f->width;
	uint8_t v8 = (uint8_t)v;
	uint16_t v16 = (uint16_t)v;
	uint32_t v32 = (uint32_t)v;
	switch (f->width) {
	case 1: memcpy(p, &v8, 1); break;
	case 2: memcpy(p, &v16, 2); break;
	case 4: memcpy(p, &v32, 4); break;
	default: memcpy(p, &v, 8); break;
	}
}

void cell_struct_store(unsigned char *p, const struct cell_struct *s,
		       const void *obj)
{
	for (const struct cell_field *f = s->fields; f->name; f++)
		for (size_t i = 0; i < f->count; i++) {
			uint64_t v = cell_field_get(f, obj, i);
			for (unsigned b = 0; b < f->width; b++)
				*p++ = (unsigned char)(v >> (8 * b));
		}
}

void cell_struct_put(struct buf *out, const struct cell_struct *s,
		     const void *obj)
{
	size_t at = out->len;
	buf_put_zero(out, s->size);
	cell_struct_store(out->data + at, s, obj);
}

void cell_struct_get(const unsigned char *p, const struct cell_struct *s,
		     void *obj)
{
	for (const struct cell_field *f = s->fields; f->name; f++)
		for (size_t i = 0; i < f->count; i++, p += f->width) {
			uint64_t v;
			switch (f->width) {
			case 1: v = p[0]; break;
			case 2: v = le16(p); break;
			case 4: v = le32(p); break;
			default: v = le64(p); break;
			}
			field_set(f, obj, i, v);
		}
}
