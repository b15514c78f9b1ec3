/* SPDX-License-Identifier: GPL-2.0-only */
/* A configuration as JSON (schema "jhconf-cell", version 1, README):
 * every field of the .cell, values as Jailhouse stores them (addresses,
 * flags and ids as "0x..." strings), with the words jhconf's vocabulary
 * has for them beside. `show --json` and `cell show --json` print it. */
#include "cli.h"

#include "base/json.h"
#include "base/format.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The names of the bits of flags the table knows. */
static void flag_words(struct json *j, const char *key, const struct jh_name *tab,
		       uint64_t flags)
{
	json_key(j, key);
	json_array_begin(j);
	for (; tab->symbol; tab++)
		if (tab->value && (flags & tab->value) == tab->value)
			json_string(j, tab->words);
	json_array_end(j);
}

static void console(struct json *j, const char *key, const struct cfg_console *c)
{
	json_key(j, key);
	json_object_begin(j);
	json_kv_uint(j, "type", c->type);
	json_kv_string(j, "type_name", jh_words(jh_console_types, c->type, NULL));
	json_kv_hex(j, "address", c->address);
	json_kv_hex(j, "size", c->size);
	json_kv_hex_digits(j, "flags", c->flags, 4);
	json_kv_string(j, "access", c->flags & JH_CON_ACCESS_MMIO ? "mmio" : "pio");
	json_kv_uint(j, "divider", c->divider);
	json_object_end(j);
}

static void cpus(struct json *j, const struct cfg_cell *c)
{
	json_key(j, "cpus");
	json_array_begin(j);
	for (size_t i = 0; i < c->cpu_set_size * 8; i++)
		if ((c->cpu_set[i / 8] >> (i % 8)) & 1)
			json_uint(j, i);
	json_array_end(j);
}

static void memory(struct json *j, const struct cfg_cell *c)
{
	json_key(j, "memory");
	json_array_begin(j);
	for (size_t i = 0; i < c->nmem; i++) {
		const struct cfg_memory *m = &c->mem[i];
		json_object_begin(j);
		json_kv_hex(j, "phys_start", m->phys_start);
		json_kv_hex(j, "virt_start", m->virt_start);
		json_kv_hex(j, "size", m->size);
		json_kv_hex_digits(j, "flags", m->flags, 4);
		flag_words(j, "flag_names", jh_mem_flags, m->flags);
		json_object_end(j);
	}
	json_array_end(j);
}

static void irqchips(struct json *j, const struct cfg_cell *c)
{
	json_key(j, "irqchips");
	json_array_begin(j);
	for (size_t i = 0; i < c->nirqchips; i++) {
		const struct cfg_irqchip *q = &c->irqchips[i];
		json_object_begin(j);
		json_kv_hex(j, "address", q->address);
		json_kv_hex_digits(j, "id", q->id, 8);
		json_kv_uint(j, "pin_base", q->pin_base);
		json_key(j, "pins");
		json_array_begin(j);
		for (unsigned p = 0; p < 128; p++)
			if ((q->pin_bitmap[p / 32] >> (p % 32)) & 1)
				json_uint(j, q->pin_base + p);
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void pio(struct json *j, const struct cfg_cell *c)
{
	json_key(j, "pio");
	json_array_begin(j);
	for (size_t i = 0; i < c->npio; i++) {
		json_object_begin(j);
		json_kv_hex_digits(j, "base", c->pio[i].base, 4);
		json_kv_uint(j, "length", c->pio[i].length);
		json_object_end(j);
	}
	json_array_end(j);
}

static void pci(struct json *j, const struct cfg_cell *c)
{
	json_key(j, "pci_devices");
	json_array_begin(j);
	for (size_t i = 0; i < c->npci; i++) {
		const struct cfg_pci_dev *d = &c->pci[i];
		char bdf[FMT_BDF_LEN];
		json_object_begin(j);
		json_kv_uint(j, "type", d->type);
		json_kv_string(j, "type_name", jh_words(jh_pci_types, d->type, NULL));
		json_kv_string(j, "bdf", fmt_bdf(bdf, d->domain, d->bdf, FMT_BDF_FULL));
		json_kv_uint(j, "iommu", d->iommu);
		json_key(j, "bar_mask");
		json_array_begin(j);
		for (int b = 0; b < 6; b++)
			json_kv_hex_digits(j, NULL, d->bar_mask[b], 8);
		json_array_end(j);
		json_kv_uint(j, "caps_start", d->caps_start);
		json_kv_uint(j, "num_caps", d->num_caps);
		json_kv_uint(j, "num_msi_vectors", d->num_msi_vectors);
		json_kv_bool(j, "msi_64bits", d->msi_bits & 1);
		json_kv_bool(j, "msi_maskable", d->msi_bits & 2);
		json_kv_uint(j, "num_msix_vectors", d->num_msix_vectors);
		json_kv_hex(j, "msix_region_size", d->msix_region_size);
		json_kv_hex(j, "msix_address", d->msix_address);
		if (d->type == JH_PCI_TYPE_IVSHMEM) {
			json_kv_uint(j, "shmem_regions_start", d->shmem_regions_start);
			json_kv_uint(j, "shmem_dev_id", d->shmem_dev_id);
			json_kv_uint(j, "shmem_peers", d->shmem_peers);
			json_kv_hex_digits(j, "shmem_protocol", d->shmem_protocol, 4);
		}
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "pci_caps");
	json_array_begin(j);
	for (size_t i = 0; i < c->ncaps; i++) {
		const struct cfg_pci_cap *p = &c->caps[i];
		bool ext = p->id & JH_PCI_EXT_CAP;
		uint16_t id = p->id & (uint16_t)~JH_PCI_EXT_CAP;
		json_object_begin(j);
		json_kv_hex_digits(j, "id", p->id, 4);
		json_kv_string(j, "name", jh_pci_cap_name(id, ext));
		json_kv_hex_digits(j, "start", p->start, 3);
		json_kv_uint(j, "len", p->len);
		json_kv_hex_digits(j, "flags", p->flags, 4);
		json_object_end(j);
	}
	json_array_end(j);
}

static void cell(struct json *j, const char *key, const struct cfg_cell *c)
{
	char name[CFG_NAME_LEN + 1];
	memcpy(name, c->name, CFG_NAME_LEN);
	name[CFG_NAME_LEN] = '\0';
	json_key(j, key);
	json_object_begin(j);
	json_kv_string(j, "name", name);
	json_kv_hex_digits(j, "flags", c->flags, 8);
	flag_words(j, "flag_names", jh_cell_flags, c->flags);
	cpus(j, c);
	json_kv_hex(j, "cpu_reset_address", c->cpu_reset_address);
	json_kv_uint(j, "vpci_irq_base", c->vpci_irq_base);
	console(j, "console", &c->console);
	memory(j, c);
	json_key(j, "cache_regions");
	json_array_begin(j);
	for (size_t i = 0; i < c->ncache; i++) {
		json_object_begin(j);
		json_kv_uint(j, "start", c->cache[i].start);
		json_kv_uint(j, "size", c->cache[i].size);
		json_kv_uint(j, "type", c->cache[i].type);
		json_kv_hex_digits(j, "flags", c->cache[i].flags, 4);
		json_object_end(j);
	}
	json_array_end(j);
	irqchips(j, c);
	pio(j, c);
	pci(j, c);
	json_key(j, "stream_ids");
	json_array_begin(j);
	for (size_t i = 0; i < c->nstream_ids; i++)
		json_kv_hex_digits(j, NULL, c->stream_ids[i], 8);
	json_array_end(j);
	json_object_end(j);
}

static void system_part(struct json *j, const struct cfg_system *s)
{
	json_key(j, "system");
	json_object_begin(j);
	json_kv_hex_digits(j, "flags", s->flags, 8);
	json_key(j, "hypervisor_memory");
	json_object_begin(j);
	json_kv_hex(j, "phys_start", s->hypervisor_memory.phys_start);
	json_kv_hex(j, "size", s->hypervisor_memory.size);
	json_object_end(j);
	console(j, "debug_console", &s->debug_console);
	json_kv_hex(j, "pci_mmconfig_base", s->pci_mmconfig_base);
	json_kv_hex_digits(j, "pci_mmconfig_end_bus", s->pci_mmconfig_end_bus, 2);
	json_kv_bool(j, "pci_is_virtual", s->pci_is_virtual);
	json_kv_hex_digits(j, "pci_domain", s->pci_domain, 4);
	json_key(j, "iommu_units");
	json_array_begin(j);
	for (size_t i = 0; i < s->niommu; i++) {
		const struct cfg_iommu *u = &s->iommu[i];
		char bdf[FMT_BDF_LEN];
		json_object_begin(j);
		json_kv_uint(j, "type", u->type);
		json_kv_string(j, "type_name", jh_words(jh_iommu_types, u->type, NULL));
		json_kv_hex(j, "base", u->base);
		json_kv_hex(j, "size", u->size);
		if (u->type == JH_IOMMU_AMD) {
			json_kv_string(j, "amd_bdf", fmt_bdf(bdf, 0, u->amd_bdf, FMT_BDF_SHORT));
			json_kv_hex_digits(j, "amd_base_cap", u->amd_base_cap, 2);
			json_kv_hex_digits(j, "amd_msi_cap", u->amd_msi_cap, 2);
			json_kv_hex_digits(j, "amd_features", u->amd_features, 8);
		}
		json_object_end(j);
	}
	json_array_end(j);
	json_kv_hex_digits(j, "pm_timer_address", s->pm_timer_address, 4);
	json_kv_uint(j, "apic_mode", s->apic_mode);
	json_kv_uint(j, "vtd_interrupt_limit", s->vtd_interrupt_limit);
	json_kv_uint(j, "tsc_khz", s->tsc_khz);
	json_kv_uint(j, "apic_khz", s->apic_khz);
	json_object_end(j);
}

void cli_print_cell_json(FILE *f, const char *file, int revision, const struct cfg_system *s,
			 const struct cfg_cell *c)
{
	struct buf b = { 0 };
	struct json j;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_string(&j, "schema", "jhconf-cell");
	json_kv_uint(&j, "version", 1);
	json_kv_string(&j, "file", file);
	json_kv_uint(&j, "revision", (uint64_t)revision);
	json_kv_string(&j, "kind", s ? "system" : "cell");
	if (s) {
		system_part(&j, s);
		cell(&j, "root_cell", &s->root);
	} else {
		cell(&j, "cell", c);
	}
	json_object_end(&j);
	json_finish(&j);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
}
