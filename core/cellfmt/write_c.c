/* SPDX-License-Identifier: GPL-2.0-only */
/* The C source writer. The file holds one initialised object, `config`:
 * a packed anonymous struct whose members are the descriptor followed by
 * the arrays in the order of the .cell format. Jailhouse's configs/Makefile
 * copies the object file's loadable sections into the .cell, so nothing
 * else may land in them: no other variables, no functions, no strings.
 *
 * Every array element carries its index as a designator (`[3] = {...}`),
 * because entries refer to others by index (caps_start,
 * shmem_regions_start). Zero fields are left out apart from the ones a
 * reader looks for; every byte that is not zero is stated, so the object
 * holds exactly the bytes that write_cell.c writes. */
#include "cellfmt/write_c.h"
#include "cellfmt/write_c_text.h"
#include "cellfmt/cell_fields.h"
#include "base/format.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_OBJECT "config"

/* The names the headers give to values are config/vocab.c's tables. */

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* "bb:dd.f", with the domain in front when it is not 0, like lspci. */
static char *bdf_text(uint16_t domain, uint16_t bdf)
{
	char text[FMT_BDF_LEN];
	return xstrdup(fmt_bdf(text, domain, bdf, FMT_BDF_AUTO));
}

static char *comment_copy(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* ---- structures by their rows (cell_fields.c) ------------------------- */

/* States a CF_CUSTOM row of one structure (possibly as a group of
 * fields, possibly as nothing when another row's call states it). */
typedef void (*custom_fields_fn)(struct fields *f, const struct cell_field *row,
				 const void *obj, int revision);

static bool row_is_zero(const struct cell_field *r, const void *obj)
{
	for (size_t i = 0; i < r->count; i++)
		if (cell_field_get(r, obj, i))
			return false;
	return true;
}

static bool struct_is_zero(const struct cell_struct *s, const void *obj)
{
	for (const struct cell_field *r = s->fields; r->name; r++)
		if (!row_is_zero(r, obj))
			return false;
	return true;
}

/* The fields of one structure, in its rows' order and styles. */
static void struct_fields(struct fields *f, const struct cell_struct *s,
			  const void *obj, int revision, custom_fields_fn custom)
{
	for (const struct cell_field *r = s->fields; r->name; r++) {
		uint64_t v = cell_field_get(r, obj, 0);
		switch (r->style) {
		case CF_HEX:
			field_hex(f, r->name, v);
			break;
		case CF_HEX_NZ:
			field_hex_nz(f, r->name, v);
			break;
		case CF_DEC:
			field_dec(f, r->name, v);
			break;
		case CF_DEC_NZ:
			field_dec_nz(f, r->name, v);
			break;
		case CF_ENUM:
			field_take(f, r->name, ctext_enum(r->names, v, revision));
			break;
		case CF_FLAGS_NZ:
		case CF_FLAGS:
			if (v || r->style == CF_FLAGS)
				field_take(f, r->name,
					   ctext_flags(r->names, v, revision, NULL));
			break;
		case CF_LIST_NZ:
		case CF_LIST: {
			uint32_t words[8] = { 0 };
			size_t n = r->count < 8 ? r->count : 8;
			for (size_t i = 0; i < n; i++)
				words[i] = (uint32_t)cell_field_get(r, obj, i);
			if (r->style == CF_LIST || !row_is_zero(r, obj))
				field_take(f, r->name, ctext_u32_list(words, n));
			break;
		}
		case CF_CUSTOM:
			custom(f, r, obj, revision);
			break;
		}
	}
}

/* ---- consoles, memory regions, IOMMU units ---------------------------- */

/* Access and register distance are always named (their clear state has
 * a name too), the other bits when set. */
static char *console_flag_value(uint16_t flags, int revision)
{
	char *access = ctext_enum(jh_console_access,
				  flags & JH_CON_ACCESS_MASK, revision);
	char *regdist = ctext_enum(jh_console_regdist,
				   flags & JH_CON_REGDIST_MASK, revision);
	char *named = xasprintf("%s | %s", access, regdist);
	free(access);
	free(regdist);
	uint16_t rest = flags & (uint16_t)~(JH_CON_ACCESS_MASK |
					    JH_CON_REGDIST_MASK);
	if (!rest)
		return named;
	char *all = ctext_flags(jh_console_flags, rest, revision, named);
	free(named);
	return all;
}

/* The console's one custom row: flags. */
static void console_custom(struct fields *f, const struct cell_field *row,
			   const void *obj, int revision)
{
	const struct cfg_console *c = obj;
	field_take(f, row->name, console_flag_value(c->flags, revision));
}

static void emit_console(struct emitter *e, const char *head,
			 const struct cfg_console *c)
{
	if (struct_is_zero(&cell_console_struct, c))
		return;
	struct fields f = { 0 };
	struct_fields(&f, &cell_console_struct, c, e->revision, console_custom);
	ctext_struct(e, head, &f);
	fields_free(&f);
}

static void memory_fields(struct fields *f, const struct cfg_memory *m,
			  int revision)
{
	struct_fields(f, &cell_memory_struct, m, revision, NULL);
}

/* The unit's 12-byte union, stated at its first row: the AMD view while
 * its last 4 bytes are zero, else the TI PVU view, the only one that
 * reaches them. */
static void iommu_custom(struct fields *f, const struct cell_field *row,
			 const void *obj, int revision)
{
	const struct cfg_iommu *u = obj;
	(void)revision;
	if (row->offset != offsetof(struct cfg_iommu, amd_bdf))
		return;
	struct fields v = { 0 };
	if (u->union_tail) {
		uint64_t tlb_base = (uint64_t)u->amd_bdf |
			((uint64_t)u->amd_base_cap << 16) |
			((uint64_t)u->amd_msi_cap << 24) |
			((uint64_t)u->amd_features << 32);
		field_hex(&v, "tlb_base", tlb_base);
		field_hex(&v, "tlb_size", u->union_tail);
		field_take(f, "tipvu", fields_inline(&v));
	} else if (u->amd_bdf || u->amd_base_cap || u->amd_msi_cap ||
		   u->amd_features) {
		field_hex(&v, "bdf", u->amd_bdf);
		field_hex(&v, "base_cap", u->amd_base_cap);
		field_hex(&v, "msi_cap", u->amd_msi_cap);
		field_hex(&v, "features", u->amd_features);
		field_take(f, "amd", fields_inline(&v));
	}
	fields_free(&v);
}

static bool iommu_is_zero(const struct cfg_iommu *u)
{
	return struct_is_zero(&cell_iommu_struct, u);
}

static void iommu_fields(struct fields *f, const struct cfg_iommu *u,
			 int revision)
{
	struct_fields(f, &cell_iommu_struct, u, revision, iommu_custom);
}

/* Only the units in use, by index: the others are zero. */
static void emit_iommu_units(struct emitter *e, const struct cfg_iommu *units)
{
	size_t used = 0;
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
		if (!iommu_is_zero(&units[i]))
			used++;
	if (!used)
		return;
	ctext_open(e, ".iommu_units");
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++) {
		if (iommu_is_zero(&units[i]))
			continue;
		if (units[i].comment)
			ctext_comment(e, units[i].comment);
		struct fields f = { 0 };
		iommu_fields(&f, &units[i], e->revision);
		char *index = xasprintf("[%zu]", i);
		ctext_struct(e, index, &f);
		free(index);
		fields_free(&f);
	}
	ctext_close(e);
}

/* ---- the platform union ----------------------------------------------- */

/* The x86 member, in the order the revision declares its fields. */
static void emit_x86(struct emitter *e, const struct cfg_system *s,
		     const struct cell_layout *l)
{
	struct fields f = { 0 };
	field_hex(&f, "pm_timer_address", s->pm_timer_address);
	if (l->x86_limit_after_timer)
		field_hex(&f, "vtd_interrupt_limit", s->vtd_interrupt_limit);
	if (s->apic_mode)
		field_take(&f, "apic_mode",
			   ctext_enum(jh_apic_modes, s->apic_mode, e->revision));
	if (l->padding_len > 1) {
		unsigned char pad[3] = { s->x86_padding, s->x86_padding_more[0],
					 s->x86_padding_more[1] };
		if (!all_zero(pad, sizeof(pad)))
			field_take(&f, "padding",
				   xasprintf("{ 0x%x, 0x%x, 0x%x }", pad[0],
					     pad[1], pad[2]));
	} else {
		field_hex_nz(&f, "padding", s->x86_padding);
	}
	if (!l->x86_limit_after_timer)
		field_hex(&f, "vtd_interrupt_limit", s->vtd_interrupt_limit);
	field_hex_nz(&f, "tsc_khz", s->tsc_khz);
	field_hex_nz(&f, "apic_khz", s->apic_khz);
	ctext_open(e, ".x86");
	ctext_fields(e, &f);
	if (l->iommu_in_x86)
		emit_iommu_units(e, s->iommu);
	ctext_close(e);
	fields_free(&f);
}

/* The arm member of the union: scalars at byte offsets, then (revision
 * 12 only) the IOMMU units. From Jailhouse's cell-config.h of each
 * revision: revision 13 added two bytes of padding after gic_version and
 * moved the units out of the union. */
struct raw_field {
	const char *name;
	size_t offset, width;
};

static const struct raw_field arm_fields_rev13[] = {
	{ "maintenance_irq", 0, 1 }, { "gic_version", 1, 1 },
	{ "padding[0]", 2, 1 }, { "padding[1]", 3, 1 },
	{ "gicd_base", 4, 8 }, { "gicc_base", 12, 8 }, { "gich_base", 20, 8 },
	{ "gicv_base", 28, 8 }, { "gicr_base", 36, 8 }, { NULL, 0, 0 },
};
static const struct raw_field arm_fields_rev12[] = {
	{ "maintenance_irq", 0, 1 }, { "gic_version", 1, 1 },
	{ "gicd_base", 2, 8 }, { "gicc_base", 10, 8 }, { "gich_base", 18, 8 },
	{ "gicv_base", 26, 8 }, { "gicr_base", 34, 8 }, { NULL, 0, 0 },
};
enum { ARM_SIZE_REV13 = 44, ARM_IOMMU_OFFSET_REV12 = 42 };

static uint64_t raw_load(const unsigned char *p, size_t width)
{
	uint64_t v = 0;
	for (size_t i = width; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}


/* Bytes past the x86 member of the union can only be reached through the
 * arm member, the larger one, so the whole union is stated through it,
 * from the bytes the .cell writer lays out. */
static int emit_union_as_arm(struct emitter *e, const struct cfg_system *s,
			     const struct cell_layout *l, struct jh_error *err)
{
	bool rev12 = l->iommu_in_x86;
	size_t want = rev12 ? ARM_IOMMU_OFFSET_REV12 +
		CFG_MAX_IOMMU * CELL_IOMMU_SIZE : ARM_SIZE_REV13;
	if (l->platform_union_size != want)
		return jh_fail(err, JH_BADINPUT,
			       "C writer: revision %d: unexpected platform union size %zu",
			       l->revision, l->platform_union_size);
	struct buf cell = { 0 };
	if (cell_write_system(s, l, &cell, err) < 0) {
		buf_free(&cell);
		return -1;
	}
	size_t at = CELL_PLATFORM_OFFSET + l->union_offset;
	if (cell.len < at + want) {
		buf_free(&cell);
		return jh_fail(err, JH_BADINPUT,
			       "C writer: revision %d: system header shorter than its platform union",
			       l->revision);
	}
	const unsigned char *raw = cell.data + at;
	char *note = xasprintf(
		"Bytes past the x86 part of this union are set and only its arm "
		"part reaches them, so the union is stated through that. As x86 "
		"fields: pm_timer_address 0x%x, apic_mode %u, "
		"vtd_interrupt_limit 0x%x, tsc_khz %u, apic_khz %u.",
		s->pm_timer_address, s->apic_mode, s->vtd_interrupt_limit,
		s->tsc_khz, s->apic_khz);
	ctext_comment(e, note);
	free(note);
	struct fields f = { 0 };
	for (const struct raw_field *r = rev12 ? arm_fields_rev12 :
	     arm_fields_rev13; r->name; r++)
		field_hex_nz(&f, r->name, raw_load(raw + r->offset, r->width));
	ctext_open(e, ".arm");
	ctext_fields(e, &f);
	fields_free(&f);
	if (rev12) {
		struct cfg_iommu units[CFG_MAX_IOMMU] = { 0 };
		for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
			cell_decode_iommu(raw + ARM_IOMMU_OFFSET_REV12 +
					  i * CELL_IOMMU_SIZE, &units[i]);
		emit_iommu_units(e, units);
	}
	ctext_close(e);
	buf_free(&cell);
	return 0;
}

static int emit_platform_info(struct emitter *e, const struct cfg_system *s,
			      const struct cell_layout *l, struct jh_error *err)
{
	struct fields f = { 0 };
	field_hex(&f, "pci_mmconfig_base", s->pci_mmconfig_base);
	field_hex(&f, "pci_mmconfig_end_bus", s->pci_mmconfig_end_bus);
	field_hex_nz(&f, "pci_is_virtual", s->pci_is_virtual);
	field_hex_nz(&f, "pci_domain", s->pci_domain);
	ctext_open(e, ".platform_info");
	ctext_fields(e, &f);
	fields_free(&f);
	if (!l->iommu_in_x86)
		emit_iommu_units(e, s->iommu);
	size_t tail = l->platform_union_size - l->x86_size;
	if (tail > s->union_tail_len)
		tail = s->union_tail_len;
	if (tail > sizeof(s->union_tail))
		tail = sizeof(s->union_tail);
	if (all_zero(s->union_tail, tail))
		emit_x86(e, s, l);
	else if (emit_union_as_arm(e, s, l, err) < 0)
		return -1;
	ctext_close(e);
	return 0;
}

/* ---- the cell descriptor ---------------------------------------------- */

struct cpu_word {
	size_t size;
	const char *type;
};

/* The widest word that divides the CPU set: whole 64-bit words as
 * configurations declare it, narrower ones for an odd-sized set. */
static struct cpu_word cpu_word_for(size_t set_size)
{
	static const struct cpu_word words[] = {
		{ 8, "__u64" }, { 4, "__u32" }, { 2, "__u16" }, { 1, "__u8" },
	};
	for (size_t i = 0; i < 3; i++)
		if (set_size % words[i].size == 0)
			return words[i];
	return words[3];
}

/* The arrays: type, member name, count field, and their length. */
struct array_member {
	const char *type, *member, *count;
	size_t n;
};

static size_t array_members(const struct cfg_cell *c, int revision,
			    struct array_member out[8])
{
	const struct array_member all[] = {
		{ "struct jailhouse_memory", "mem", "num_memory_regions", c->nmem },
		{ "struct jailhouse_cache", "cache", "num_cache_regions", c->ncache },
		{ "struct jailhouse_irqchip", "irqchips", "num_irqchips",
		  c->nirqchips },
		{ "struct jailhouse_pio", "pio", "num_pio_regions", c->npio },
		{ "struct jailhouse_pci_device", "pci", "num_pci_devices", c->npci },
		{ "struct jailhouse_pci_capability", "caps", "num_pci_caps",
		  c->ncaps },
		{ revision >= 14 ? "union jailhouse_stream_id" : "__u32",
		  "stream_ids", "num_stream_ids", c->nstream_ids },
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (all[i].n)   /* a zero-length member is left out */
			out[n++] = all[i];
	return n;
}

static void emit_member_decls(struct emitter *e, const struct cfg_cell *c)
{
	if (c->cpu_set_size) {
		struct cpu_word w = cpu_word_for(c->cpu_set_size);
		ctext_line(e, "%s cpu_set[%zu];", w.type, c->cpu_set_size / w.size);
	}
	struct array_member m[8];
	size_t n = array_members(c, e->revision, m);
	for (size_t i = 0; i < n; i++)
		ctext_line(e, "%s %s[%zu];", m[i].type, m[i].member, m[i].n);
}

/* Counts come from the arrays themselves, like hand-written configs. */
static void count_fields(struct fields *f, const struct cfg_cell *c,
			 int revision)
{
	if (c->cpu_set_size)
		field_take(f, "cpu_set_size",
			   xstrdup("sizeof(" CONFIG_OBJECT ".cpu_set)"));
	struct array_member m[8];
	size_t n = array_members(c, revision, m);
	for (size_t i = 0; i < n; i++)
		field_take(f, m[i].count, xasprintf("ARRAY_SIZE(" CONFIG_OBJECT
						    ".%s)", m[i].member));
}

/* A root cell descriptor inside a system configuration keeps its header
 * as stored (zeros when Jailhouse's tools made it); an inmate cell's
 * header is always the revision's, as the .cell writer writes it. */
static void cell_header_fields(struct fields *f, const struct cfg_cell *c,
			       const struct cell_layout *l, bool inside_system)
{
	size_t sig_len = l->signature_len;
	if (sig_len > sizeof(c->signature))
		sig_len = sizeof(c->signature);
	if (!inside_system) {
		field_take(f, "signature",
			   ctext_char_list(l->cell_signature, sig_len));
		if (l->has_architecture)
			field_take(f, "architecture", ctext_enum(jh_architectures,
				   JH_ARCH_X86, l->revision));
		field_take(f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
		return;
	}
	if (!all_zero(c->signature, sig_len))
		field_take(f, "signature", ctext_char_list(c->signature, sig_len));
	if (l->has_architecture && c->architecture)
		field_take(f, "architecture", ctext_enum(jh_architectures,
			   c->architecture, l->revision));
	if (c->revision && c->revision == l->revision)
		field_take(f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
	else
		field_hex_nz(f, "revision", c->revision);
}

static void emit_cell_desc(struct emitter *e, const char *head,
			   const struct cfg_cell *c,
			   const struct cell_layout *l, bool inside_system)
{
	struct fields f = { 0 };
	cell_header_fields(&f, c, l, inside_system);
	field_take(&f, "name", ctext_char_array(c->name, sizeof(c->name)));
	field_hex_nz(&f, "id", c->id);
	if (c->flags)
		field_take(&f, "flags",
			   ctext_flags(jh_cell_flags, c->flags, e->revision, NULL));
	count_fields(&f, c, e->revision);
	field_hex_nz(&f, "vpci_irq_base", c->vpci_irq_base);
	field_hex_nz(&f, "cpu_reset_address", c->cpu_reset_address);
	field_hex_nz(&f, "msg_reply_timeout", c->msg_reply_timeout);
	ctext_open(e, head);
	ctext_fields(e, &f);
	emit_console(e, ".console", &c->console);
	ctext_close(e);
	fields_free(&f);
}

/* ---- the arrays ------------------------------------------------------- */

static void emit_cpu_set(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->cpu_set_size)
		return;
	struct cpu_word w = cpu_word_for(c->cpu_set_size);
	size_t n = c->cpu_set_size / w.size;
	struct buf words = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_printf(&words, "%s0x%0*" PRIx64, i ? ", " : "{ ",
			   (int)(w.size * 2),
			   raw_load(c->cpu_set + i * w.size, w.size));
	buf_printf(&words, " }");
	buf_put_u8(&words, 0);
	struct fields f = { 0 };
	field_take(&f, "cpu_set", (char *)words.data);
	ctext_fields(e, &f);
	fields_free(&f);
}

/* What an element maker of ctext_array_each needs. */
struct cell_elements {
	const struct cfg_cell *c;
	int revision;
};

static void mem_element(struct element *el, size_t i, const void *ctx)
{
	const struct cell_elements *x = ctx;
	el->comment = comment_copy(x->c->mem[i].comment);
	memory_fields(&el->fields, &x->c->mem[i], x->revision);
}

static void emit_mem_array(struct emitter *e, const struct cfg_cell *c)
{
	const struct cell_elements x = { .c = c, .revision = e->revision };
	ctext_array_each(e, ".mem", c->nmem, mem_element, &x);
}

static void emit_cache_array(struct emitter *e, const struct cfg_cell *c)
{
	struct element *el = xcalloc(c->ncache, sizeof(*el));
	for (size_t i = 0; i < c->ncache; i++)
		struct_fields(&el[i].fields, &cell_cache_struct, &c->cache[i],
			      e->revision, NULL);
	ctext_array(e, ".cache", el, c->ncache, true);
	elements_free(el, c->ncache);
}

static void irqchip_element(struct element *el, size_t i, const void *ctx)
{
	const struct cell_elements *x = ctx;
	el->comment = comment_copy(x->c->irqchips[i].comment);
	struct_fields(&el->fields, &cell_irqchip_struct, &x->c->irqchips[i],
		      x->revision, NULL);
}

static void emit_irqchip_array(struct emitter *e, const struct cfg_cell *c)
{
	const struct cell_elements x = { .c = c, .revision = e->revision };
	ctext_array_each(e, ".irqchips", c->nirqchips, irqchip_element, &x);
}

static void emit_pio_array(struct emitter *e, const struct cfg_cell *c)
{
	struct element *el = xcalloc(c->npio, sizeof(*el));
	for (size_t i = 0; i < c->npio; i++) {
		el[i].comment = comment_copy(c->pio[i].comment);
		struct_fields(&el[i].fields, &cell_pio_struct, &c->pio[i],
			      e->revision, NULL);
	}
	ctext_array(e, ".pio", el, c->npio, true);
	elements_free(el, c->npio);
}

/* The PCI device's custom rows: MSI and MSI-X, each stated as a group
 * (at its first row) when the device has it. */
static void pci_custom(struct fields *f, const struct cell_field *row,
		       const void *obj, int revision)
{
	const struct cfg_pci_dev *d = obj;
	(void)revision;
	if (row->offset == offsetof(struct cfg_pci_dev, num_msi_vectors) &&
	    (d->num_msi_vectors || d->msi_bits)) {
		field_dec(f, "num_msi_vectors", d->num_msi_vectors);
		field_dec(f, "msi_64bits", d->msi_bits & 1);
		field_dec(f, "msi_maskable", (d->msi_bits >> 1) & 1);
	}
	if (row->offset == offsetof(struct cfg_pci_dev, num_msix_vectors) &&
	    (d->num_msix_vectors || d->msix_region_size || d->msix_address)) {
		field_dec(f, "num_msix_vectors", d->num_msix_vectors);
		field_hex(f, "msix_region_size", d->msix_region_size);
		field_hex(f, "msix_address", d->msix_address);
	}
}

static void pci_fields(struct fields *f, const struct cfg_pci_dev *d,
		       int revision)
{
	struct_fields(f, &cell_pci_dev_struct, d, revision, pci_custom);
}

static void pci_element(struct element *el, size_t i, const void *ctx)
{
	const struct cell_elements *x = ctx;
	const struct cfg_pci_dev *d = &x->c->pci[i];
	/* the device's address leads, unless the comment has it */
	char *where = bdf_text(d->domain, d->bdf);
	if (!d->comment || !*d->comment)
		el->comment = xstrdup(where);
	else if (strstr(d->comment, where))
		el->comment = xstrdup(d->comment);
	else
		el->comment = xasprintf("%s %s", where, d->comment);
	free(where);
	pci_fields(&el->fields, d, x->revision);
}

static void emit_pci_array(struct emitter *e, const struct cfg_cell *c)
{
	const struct cell_elements x = { .c = c, .revision = e->revision };
	ctext_array_each(e, ".pci", c->npci, pci_element, &x);
}

/* For the first capability of a list without a comment of its own: whose
 * list it is (devices with equal lists share one). */
static char *caps_owner_note(const struct cfg_cell *c, size_t i)
{
	struct buf b = { 0 };
	for (size_t k = 0; k < c->npci; k++) {
		const struct cfg_pci_dev *d = &c->pci[k];
		if (d->caps_start != i || !d->num_caps)
			continue;
		char *where = bdf_text(d->domain, d->bdf);
		buf_printf(&b, "%s%s", b.len ? ", " : "capabilities of ", where);
		free(where);
	}
	if (!b.len)
		return NULL;
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

/* The capability's custom row: its id, whose extended-capability bit
 * has a name of its own. */
static void pci_cap_custom(struct fields *f, const struct cell_field *row,
			   const void *obj, int revision)
{
	const struct cfg_pci_cap *k = obj;
	(void)revision;
	if (k->id & JH_PCI_EXT_CAP)
		field_take(f, row->name, xasprintf(JH_PCI_EXT_CAP_SYMBOL " | 0x%x",
						   k->id & ~JH_PCI_EXT_CAP));
	else
		field_hex(f, row->name, k->id);
}

static void emit_caps_array(struct emitter *e, const struct cfg_cell *c)
{
	struct element *el = xcalloc(c->ncaps, sizeof(*el));
	for (size_t i = 0; i < c->ncaps; i++) {
		const struct cfg_pci_cap *k = &c->caps[i];
		struct fields *f = &el[i].fields;
		el[i].comment = k->comment && *k->comment ? xstrdup(k->comment)
							  : caps_owner_note(c, i);
		struct_fields(f, &cell_pci_cap_struct, k, e->revision,
			      pci_cap_custom);
	}
	ctext_array(e, ".caps", el, c->ncaps, true);
	elements_free(el, c->ncaps);
}

static void emit_stream_ids(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->nstream_ids)
		return;
	ctext_open(e, ".stream_ids");
	for (size_t i = 0; i < c->nstream_ids; i++) {
		if (e->revision >= 14)
			ctext_line(e, "[%zu] = { .id = 0x%x },", i, c->stream_ids[i]);
		else
			ctext_line(e, "[%zu] = 0x%x,", i, c->stream_ids[i]);
	}
	ctext_close(e);
}

static void emit_arrays(struct emitter *e, const struct cfg_cell *c)
{
	emit_cpu_set(e, c);
	emit_mem_array(e, c);
	emit_cache_array(e, c);
	emit_irqchip_array(e, c);
	emit_pio_array(e, c);
	emit_pci_array(e, c);
	emit_caps_array(e, c);
	emit_stream_ids(e, c);
}

/* ---- checks and the file around the object ---------------------------- */

/* The only bytes a C initializer cannot state: bits 2-7 of the byte that
 * holds the msi_64bits and msi_maskable bit fields have no name. (And a
 * CPU set without its bytes, which the .cell writer refuses too.) */
static int check_expressible(const struct cfg_cell *c, struct jh_error *err)
{
	if (c->cpu_set_size && !c->cpu_set)
		return jh_fail(err, JH_BADINPUT,
			       "C writer: a CPU set of %zu bytes without data",
			       c->cpu_set_size);
	for (size_t i = 0; i < c->npci; i++) {
		if (!(c->pci[i].msi_bits & ~3u))
			continue;
		char *where = bdf_text(c->pci[i].domain, c->pci[i].bdf);
		jh_fail(err, JH_BADINPUT,
			"C writer: PCI device %zu (%s): MSI flags byte 0x%02x has "
			"reserved bits set, which no C initializer can express",
			i, where, c->pci[i].msi_bits);
		free(where);
		return -1;
	}
	return 0;
}

static int check_layout(const struct cell_layout *l, struct jh_error *err)
{
	if (!l || l->revision < 12 || l->revision > 14)
		return jh_fail(err, JH_BADINPUT,
			       "C writer: unknown configuration revision %d",
			       l ? l->revision : -1);
	return 0;
}

static void emit_includes(struct emitter *e)
{
	ctext_line(e, "%s", "");
	ctext_line(e, "#include <jailhouse/types.h>");
	ctext_line(e, "#include <jailhouse/cell-config.h>");
	ctext_line(e, "%s", "");
	/* Built against another revision's headers, the file could compile
	 * to a different layout without a word: stop it. */
	ctext_line(e, "#if JAILHOUSE_CONFIG_REVISION != %d", e->revision);
	ctext_line(e, "#error \"jhconf wrote this file for configuration "
		   "revision %d\"", e->revision);
	ctext_line(e, "#endif");
	ctext_line(e, "%s", "");
}

static const char build_note[] =
	"Build it like the configurations in Jailhouse's configs/ folder: the "
	".cell file is the data of this one object, copied out of the object "
	"file with objcopy -O binary.";

static void emit_system_file_comment(struct emitter *e,
				     const struct cfg_system *s)
{
	char *what = xasprintf(
		"Jailhouse root cell configuration for %s, configuration "
		"revision %d, written by jhconf.",
		s->product && *s->product ? s->product : "an unnamed machine",
		e->revision);
	/* the options that made it: after a change of the machine, the
	 * same ones give the same window (jhconf create and init take them) */
	char *made = s->made_with && *s->made_with ?
		xasprintf("Made with the options %s.", s->made_with) : NULL;
	char *hint = s->cmdline_hint && *s->cmdline_hint ?
		xasprintf("    %s", s->cmdline_hint) : NULL;
	const char *paragraphs[12];
	size_t n = 0;
	paragraphs[n++] = what;
	paragraphs[n++] = "";
	if (made) {
		paragraphs[n++] = made;
		paragraphs[n++] = "";
	}
	if (hint) {
		paragraphs[n++] = "Linux in the root cell needs these kernel parameters, which "
				  "keep it out of the memory of the hypervisor and the inmates "
				  "(jhconf boot-entry puts them into the boot entry):";
		paragraphs[n++] = "";
		paragraphs[n++] = hint;
		paragraphs[n++] = "";
	}
	paragraphs[n++] = build_note;
	paragraphs[n] = NULL;
	ctext_file_comment(e, paragraphs);
	free(what);
	free(made);
	free(hint);
}

static void emit_cell_file_comment(struct emitter *e, const struct cfg_cell *c)
{
	char name[CFG_NAME_LEN + 1];
	memcpy(name, c->name, CFG_NAME_LEN);
	name[CFG_NAME_LEN] = '\0';
	char *what = xasprintf(
		"Jailhouse cell configuration for the cell \"%s\", configuration "
		"revision %d, written by jhconf.", name, e->revision);
	const char *paragraphs[] = { what, "", build_note, NULL };
	ctext_file_comment(e, paragraphs);
	free(what);
}

static void open_object(struct emitter *e, const char *desc_decl,
			const struct cfg_cell *c)
{
	ctext_line(e, "struct {");
	e->depth++;
	ctext_line(e, "%s", desc_decl);
	emit_member_decls(e, c);
	e->depth--;
	ctext_line(e, "} __attribute__((packed)) " CONFIG_OBJECT " = {");
	e->depth++;
}

static void close_object(struct emitter *e)
{
	e->depth--;
	ctext_line(e, "};");
}

static void emit_system_header(struct emitter *e, const struct cfg_system *s,
			       const struct cell_layout *l)
{
	struct fields f = { 0 };
	field_take(&f, "signature",
		   ctext_char_list(l->system_signature, l->signature_len));
	if (l->has_architecture)
		field_take(&f, "architecture",
			   ctext_enum(jh_architectures, JH_ARCH_X86, l->revision));
	field_take(&f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
	if (s->flags)
		field_take(&f, "flags",
			   ctext_flags(jh_system_flags, s->flags, l->revision, NULL));
	ctext_fields(e, &f);
	fields_free(&f);
	if (s->hypervisor_memory.comment)
		ctext_comment(e, s->hypervisor_memory.comment);
	memory_fields(&f, &s->hypervisor_memory, l->revision);
	ctext_struct(e, ".hypervisor_memory", &f);
	fields_free(&f);
	emit_console(e, ".debug_console", &s->debug_console);
}

int write_c_system(const struct cfg_system *s, const struct cell_layout *l,
		   struct buf *out, struct jh_error *err)
{
	if (check_layout(l, err) < 0 || check_expressible(&s->root, err) < 0)
		return -1;
	/* written in place, and cut back to what out held on a failure:
	 * the text of a big machine is megabytes, which a separate buffer
	 * made twice (pages faulted in, then copied) */
	size_t had = out->len;
	struct emitter e = { .out = out, .revision = l->revision };
	emit_system_file_comment(&e, s);
	emit_includes(&e);
	open_object(&e, "struct jailhouse_system system;", &s->root);
	ctext_open(&e, ".system");
	emit_system_header(&e, s, l);
	if (emit_platform_info(&e, s, l, err) < 0) {
		out->len = had;
		if (out->data)
			out->data[had] = 0;
		return -1;
	}
	emit_cell_desc(&e, ".root_cell", &s->root, l, true);
	ctext_close(&e);
	emit_arrays(&e, &s->root);
	close_object(&e);
	return 0;
}

int write_c_cell(const struct cfg_cell *c, const struct cell_layout *l,
		 struct buf *out, struct jh_error *err)
{
	if (check_layout(l, err) < 0 || check_expressible(c, err) < 0)
		return -1;
	struct emitter e = { .out = out, .revision = l->revision };
	emit_cell_file_comment(&e, c);
	emit_includes(&e);
	open_object(&e, "struct jailhouse_cell_desc cell;", c);
	emit_cell_desc(&e, ".cell", c, l, false);
	emit_arrays(&e, c);
	close_object(&e);
	return 0;
}

void write_c_comment_text(struct buf *out, const char *text)
{
	ctext_comment_text(out, text);
}
