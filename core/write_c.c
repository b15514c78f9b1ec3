/* The C source writer. The file holds one initialised object, `config`:
 * a packed anonymous struct whose members are the descriptor followed by
 * the arrays in the order of the .cell format. Jailhouse's configs/Makefile
 * copies the object file's loadable sections into the .cell, so nothing
 * else may land in them: no other variables, no functions, no strings.
 *
 * Every array element carries its index as a designator (`[3] = {...}`),
 * because other entries refer to elements by index (caps_start,
 * shmem_regions_start). Fields that are zero are left out, apart from the
 * ones a reader expects to see; every byte that is not zero is stated. */
#include "write_c.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_WIDTH 80
#define TAB_WIDTH 8
#define CONFIG_OBJECT "config"

/* ---- output with indentation ---------------------------------------- */

struct emitter {
	struct buf *out;
	const struct cell_layout *l;
	int depth;
};

static void put_indent(struct emitter *e, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_append(e->out, "\t", 1);
}

static void put_str(struct emitter *e, const char *s)
{
	buf_append(e->out, s, strlen(s));
}

static void line(struct emitter *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void line(struct emitter *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	put_indent(e, e->depth);
	put_str(e, s);
	put_str(e, "\n");
	free(s);
}

static void open_block(struct emitter *e, const char *head)
{
	line(e, "%s = {", head);
	e->depth++;
}

static void close_block(struct emitter *e)
{
	e->depth--;
	line(e, "},");
}

static size_t columns(int depth, size_t len)
{
	return (size_t)depth * TAB_WIDTH + len;
}

/* ---- comments --------------------------------------------------------- */

/* Length of a well-formed UTF-8 sequence at s (at most n bytes), 0 if the
 * bytes there are not one. */
static size_t utf8_sequence_len(const unsigned char *s, size_t n)
{
	size_t len;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A "*" directly before a "/" would end the comment and a "/" before a
 * "*" would open a nested one (-Wcomment): a space goes between them.
 * Control characters become spaces, broken UTF-8 becomes '?'. */
void write_c_comment_text(struct buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)s);
	unsigned char last = ' ';
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c >= 0x80) {
			size_t len = utf8_sequence_len(s + i, n - i);
			if (len) {
				buf_append(out, s + i, len);
				i += len;
				last = 'x';
				continue;
			}
			c = '?';
		} else if (c < 0x20 || c == 0x7f) {
			c = ' ';
		}
		if ((last == '*' && c == '/') || (last == '/' && c == '*'))
			buf_put_u8(out, ' ');
		buf_put_u8(out, c);
		last = c;
		i++;
	}
}

static void comment(struct emitter *e, const char *text)
{
	put_indent(e, e->depth);
	put_str(e, "/* ");
	write_c_comment_text(e->out, text);
	put_str(e, " */\n");
}

/* ---- values ----------------------------------------------------------- */

static char *hex(uint64_t v)
{
	return xasprintf("0x%" PRIx64, v);
}

struct symbol {
	uint64_t value;
	const char *name;
	int min_revision;   /* the first revision whose headers define it */
};

static const struct symbol mem_flags[] = {
	{ JH_MEM_READ, "JAILHOUSE_MEM_READ", 12 },
	{ JH_MEM_WRITE, "JAILHOUSE_MEM_WRITE", 12 },
	{ JH_MEM_EXECUTE, "JAILHOUSE_MEM_EXECUTE", 12 },
	{ JH_MEM_DMA, "JAILHOUSE_MEM_DMA", 12 },
	{ JH_MEM_IO, "JAILHOUSE_MEM_IO", 12 },
	{ JH_MEM_COMM_REGION, "JAILHOUSE_MEM_COMM_REGION", 12 },
	{ JH_MEM_LOADABLE, "JAILHOUSE_MEM_LOADABLE", 12 },
	{ JH_MEM_ROOTSHARED, "JAILHOUSE_MEM_ROOTSHARED", 12 },
	{ JH_MEM_NO_HUGEPAGES, "JAILHOUSE_MEM_NO_HUGEPAGES", 12 },
	{ JH_MEM_IO_UNALIGNED, "JAILHOUSE_MEM_IO_UNALIGNED", 12 },
	{ 0x10000, "JAILHOUSE_MEM_IO_8", 12 },
	{ 0x20000, "JAILHOUSE_MEM_IO_16", 12 },
	{ 0x40000, "JAILHOUSE_MEM_IO_32", 12 },
	{ 0x80000, "JAILHOUSE_MEM_IO_64", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol cell_flags[] = {
	{ JH_CELL_PASSIVE_COMMREG, "JAILHOUSE_CELL_PASSIVE_COMMREG", 12 },
	{ JH_CELL_TEST_DEVICE, "JAILHOUSE_CELL_TEST_DEVICE", 12 },
	{ 0x4, "JAILHOUSE_CELL_AARCH32", 14 },
	{ JH_CELL_VIRTUAL_CONSOLE_PERMITTED,
	  "JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED", 12 },
	{ JH_CELL_VIRTUAL_CONSOLE_ACTIVE,
	  "JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol system_flags[] = {
	{ JH_SYS_VIRTUAL_DEBUG_CONSOLE,
	  "JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE", 12 },
	{ 0, NULL, 0 },
};

/* Console flag bits other than the access and register distance bits,
 * which are always named (their clear state has a name too). */
static const struct symbol console_flags[] = {
	{ 0x0004, "JAILHOUSE_CON_FB_1920x1080", 12 },
	{ 0x1000, "JAILHOUSE_CON_INVERTED_GATE", 12 },
	{ 0x2000, "JAILHOUSE_CON_MDR_QUIRK", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol cache_flags[] = {
	{ 0x0001, "JAILHOUSE_CACHE_ROOTSHARED", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol capability_flags[] = {
	{ JH_PCICAPS_WRITE, "JAILHOUSE_PCICAPS_WRITE", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol console_types[] = {
	{ JH_CON_TYPE_NONE, "JAILHOUSE_CON_TYPE_NONE", 12 },
	{ JH_CON_TYPE_EFIFB, "JAILHOUSE_CON_TYPE_EFIFB", 12 },
	{ JH_CON_TYPE_8250, "JAILHOUSE_CON_TYPE_8250", 12 },
	{ 3, "JAILHOUSE_CON_TYPE_PL011", 12 },
	{ 4, "JAILHOUSE_CON_TYPE_XUARTPS", 12 },
	{ 5, "JAILHOUSE_CON_TYPE_MVEBU", 12 },
	{ 6, "JAILHOUSE_CON_TYPE_HSCIF", 12 },
	{ 7, "JAILHOUSE_CON_TYPE_SCIFA", 12 },
	{ 8, "JAILHOUSE_CON_TYPE_IMX", 12 },
	{ 9, "JAILHOUSE_CON_TYPE_IMX_LPUART", 14 },
	{ 10, "JAILHOUSE_CON_TYPE_SCIF", 14 },
	{ 0, NULL, 0 },
};

static const struct symbol pci_types[] = {
	{ JH_PCI_TYPE_DEVICE, "JAILHOUSE_PCI_TYPE_DEVICE", 12 },
	{ JH_PCI_TYPE_BRIDGE, "JAILHOUSE_PCI_TYPE_BRIDGE", 12 },
	{ JH_PCI_TYPE_IVSHMEM, "JAILHOUSE_PCI_TYPE_IVSHMEM", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol iommu_types[] = {
	{ JH_IOMMU_AMD, "JAILHOUSE_IOMMU_AMD", 12 },
	{ JH_IOMMU_INTEL, "JAILHOUSE_IOMMU_INTEL", 12 },
	{ 3, "JAILHOUSE_IOMMU_SMMUV3", 12 },
	{ 4, "JAILHOUSE_IOMMU_PVU", 12 },
	{ 5, "JAILHOUSE_IOMMU_ARM_MMU500", 14 },
	{ 0, NULL, 0 },
};

static const struct symbol apic_modes[] = {
	{ 0, "JAILHOUSE_APIC_MODE_AUTO", 12 },
	{ 1, "JAILHOUSE_APIC_MODE_XAPIC", 12 },
	{ 2, "JAILHOUSE_APIC_MODE_X2APIC", 12 },
	{ 0, NULL, 0 },
};

static const struct symbol architectures[] = {
	{ JH_ARCH_X86, "JAILHOUSE_X86", 14 },
	{ 1, "JAILHOUSE_ARM", 14 },
	{ 2, "JAILHOUSE_ARM64", 14 },
	{ 0, NULL, 0 },
};

/* The name of a value, or hex when the revision has no name for it. */
static char *enum_value(const struct symbol *tab, uint64_t v, int revision)
{
	for (; tab->name; tab++)
		if (tab->value == v && tab->min_revision <= revision)
			return xstrdup(tab->name);
	return hex(v);
}

/* Named bits joined by " | ", the bits without a name as one hex term;
 * `prefix` (may be NULL) is put first. */
static char *flag_value(const struct symbol *tab, uint64_t v, int revision,
			const char *prefix)
{
	struct buf b = { 0 };
	if (prefix)
		buf_printf(&b, "%s", prefix);
	for (; tab->name; tab++) {
		if (tab->min_revision > revision || !(v & tab->value))
			continue;
		buf_printf(&b, "%s%s", b.len ? " | " : "", tab->name);
		v &= ~tab->value;
	}
	if (v || !b.len)
		buf_printf(&b, "%s0x%" PRIx64, b.len ? " | " : "", v);
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

static char *char_literal(unsigned char c)
{
	if (c == '\'' || c == '\\')
		return xasprintf("'\\%c'", c);
	if (c == 0)
		return xstrdup("'\\0'");
	if (c >= 0x20 && c < 0x7f)
		return xasprintf("'%c'", c);
	return xasprintf("'\\x%02x'", c);
}

/* A char array as a brace list of character constants: this states every
 * byte, needs no terminating NUL and works for any byte value. */
static char *char_list(const char *bytes, size_t n)
{
	struct buf b = { 0 };
	buf_printf(&b, "{ ");
	for (size_t i = 0; i < n; i++) {
		char *c = char_literal((unsigned char)bytes[i]);
		buf_printf(&b, "%s%s", i ? ", " : "", c);
		free(c);
	}
	buf_printf(&b, " }");
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

/* A char array as a string literal when it is text followed by zeros
 * (and not full, so that the literal's NUL fits); else a brace list. */
static char *char_array(const char *bytes, size_t n)
{
	size_t len = strnlen(bytes, n);
	for (size_t i = len; i < n; i++)
		if (bytes[i])
			return char_list(bytes, n);
	if (len == n)
		return char_list(bytes, n);
	struct buf b = { 0 };
	buf_put_u8(&b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];
		/* '?' escaped so that no trigraph warning can fire */
		if (c == '"' || c == '\\' || c == '?')
			buf_printf(&b, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			buf_put_u8(&b, c);
		else
			buf_printf(&b, "\\%03o", c);
	}
	buf_put_u8(&b, '"');
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* ---- field lists: one struct initializer ------------------------------ */

struct fields {
	struct strlist names, values;
};

/* Takes ownership of `value`. */
static void field_take(struct fields *f, const char *name, char *value)
{
	strlist_add(&f->names, name);
	strlist_add(&f->values, value);
	free(value);
}

static void field_hex(struct fields *f, const char *name, uint64_t v)
{
	field_take(f, name, hex(v));
}

static void field_hex_nz(struct fields *f, const char *name, uint64_t v)
{
	if (v)
		field_hex(f, name, v);
}

static void field_dec(struct fields *f, const char *name, uint64_t v)
{
	field_take(f, name, xasprintf("%" PRIu64, v));
}

static void field_dec_nz(struct fields *f, const char *name, uint64_t v)
{
	if (v)
		field_dec(f, name, v);
}

static void fields_free(struct fields *f)
{
	strlist_free(&f->names);
	strlist_free(&f->values);
}

/* ".name = value," on one line, or broken after " | " when too wide. */
static void emit_field(struct emitter *e, const char *name, const char *value)
{
	char *whole = xasprintf(".%s = %s,", name, value);
	if (columns(e->depth, strlen(whole)) <= LINE_WIDTH ||
	    !strstr(value, " | ")) {
		line(e, "%s", whole);
		free(whole);
		return;
	}
	free(whole);
	put_indent(e, e->depth);
	buf_printf(e->out, ".%s =", name);
	size_t col = columns(e->depth, strlen(name) + 3);
	const char *p = value;
	bool first = true;
	while (*p) {
		const char *bar = strstr(p, " | ");
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		size_t need = len + (bar ? 2 : 1) + 1;  /* " term |" or "," */
		if (!first && col + need > LINE_WIDTH) {
			buf_printf(e->out, "\n");
			put_indent(e, e->depth + 1);
			col = columns(e->depth + 1, 0);
		} else {
			buf_printf(e->out, " ");
			col++;
		}
		buf_append(e->out, p, len);
		col += len;
		if (bar) {
			buf_printf(e->out, " |");
			col += 2;
			p = bar + 3;
		} else {
			p += len;
		}
		first = false;
	}
	buf_printf(e->out, ",\n");
}

static void emit_fields(struct emitter *e, const struct fields *f)
{
	for (size_t i = 0; i < f->names.n; i++)
		emit_field(e, f->names.v[i], f->values.v[i]);
}

/* One struct initializer `head = { ... },`: on one line when it fits,
 * else one field a line. */
static void emit_struct(struct emitter *e, const char *head,
			const struct fields *f)
{
	struct buf b = { 0 };
	buf_printf(&b, "%s = {", head);
	for (size_t i = 0; i < f->names.n; i++)
		buf_printf(&b, "%s.%s = %s", i ? ", " : " ",
			   f->names.v[i], f->values.v[i]);
	buf_printf(&b, "%s},", f->names.n ? " " : " 0 ");
	if (columns(e->depth, b.len) <= LINE_WIDTH) {
		line(e, "%.*s", (int)b.len, (const char *)b.data);
	} else {
		open_block(e, head);
		emit_fields(e, f);
		close_block(e);
	}
	buf_free(&b);
}

/* A nested struct as a field value, e.g. `{ .bdf = 0x2, .base_cap = 0x40 }`. */
static char *inline_struct(const struct fields *f)
{
	struct buf b = { 0 };
	buf_printf(&b, "{");
	for (size_t i = 0; i < f->names.n; i++)
		buf_printf(&b, "%s.%s = %s", i ? ", " : " ",
			   f->names.v[i], f->values.v[i]);
	buf_printf(&b, " }");
	buf_put_u8(&b, 0);
	return (char *)b.data;
}

static char *index_head(size_t i)
{
	return xasprintf("[%zu]", i);
}

/* ---- pieces of a configuration ---------------------------------------- */

static char *bdf_text(uint16_t domain, uint16_t bdf)
{
	return xasprintf("%04x:%02x:%02x.%x", domain, bdf >> 8,
			 (bdf >> 3) & 0x1f, bdf & 7);
}

static bool console_is_zero(const struct cfg_console *c)
{
	return !c->address && !c->size && !c->type && !c->flags &&
	       !c->divider && !c->gate_nr && !c->clock_reg;
}

static void console_fields(struct fields *f, const struct cfg_console *c,
			   int revision)
{
	field_hex(f, "address", c->address);
	field_hex_nz(f, "size", c->size);
	field_take(f, "type", enum_value(console_types, c->type, revision));
	const char *access = (c->flags & JH_CON_ACCESS_MMIO) ?
		"JAILHOUSE_CON_ACCESS_MMIO" : "JAILHOUSE_CON_ACCESS_PIO";
	const char *dist = (c->flags & JH_CON_REGDIST_4) ?
		"JAILHOUSE_CON_REGDIST_4" : "JAILHOUSE_CON_REGDIST_1";
	char *named = xasprintf("%s | %s", access, dist);
	uint16_t rest = c->flags & (uint16_t)~(JH_CON_ACCESS_MMIO |
					       JH_CON_REGDIST_4);
	if (rest) {
		field_take(f, "flags",
			   flag_value(console_flags, rest, revision, named));
		free(named);
	} else {
		field_take(f, "flags", named);
	}
	field_hex_nz(f, "divider", c->divider);
	field_hex_nz(f, "gate_nr", c->gate_nr);
	field_hex_nz(f, "clock_reg", c->clock_reg);
}

static void emit_console(struct emitter *e, const char *head,
			 const struct cfg_console *c)
{
	if (console_is_zero(c))
		return;
	struct fields f = { 0 };
	console_fields(&f, c, e->l->revision);
	open_block(e, head);
	emit_fields(e, &f);
	close_block(e);
	fields_free(&f);
}

static void emit_memory(struct emitter *e, const char *head,
			const struct cfg_memory *m)
{
	struct fields f = { 0 };
	field_hex(&f, "phys_start", m->phys_start);
	field_hex(&f, "virt_start", m->virt_start);
	field_hex(&f, "size", m->size);
	field_take(&f, "flags",
		   flag_value(mem_flags, m->flags, e->l->revision, NULL));
	open_block(e, head);
	emit_fields(e, &f);
	close_block(e);
	fields_free(&f);
}

/* The unit's 12-byte union: the AMD view when its last 4 bytes are zero,
 * else the TI PVU view, the only one that reaches them. */
static void iommu_fields(struct fields *f, const struct cfg_iommu *u,
			 int revision)
{
	field_take(f, "type", enum_value(iommu_types, u->type, revision));
	field_hex(f, "base", u->base);
	field_hex(f, "size", u->size);
	struct fields v = { 0 };
	if (u->union_tail) {
		uint64_t tlb_base = (uint64_t)u->amd_bdf |
			((uint64_t)u->amd_base_cap << 16) |
			((uint64_t)u->amd_msi_cap << 24) |
			((uint64_t)u->amd_features << 32);
		field_hex(&v, "tlb_base", tlb_base);
		field_hex(&v, "tlb_size", u->union_tail);
		field_take(f, "tipvu", inline_struct(&v));
	} else if (u->amd_bdf || u->amd_base_cap || u->amd_msi_cap ||
		   u->amd_features) {
		field_hex(&v, "bdf", u->amd_bdf);
		field_hex(&v, "base_cap", u->amd_base_cap);
		field_hex(&v, "msi_cap", u->amd_msi_cap);
		field_hex(&v, "features", u->amd_features);
		field_take(f, "amd", inline_struct(&v));
	}
	fields_free(&v);
}

static bool iommu_is_zero(const struct cfg_iommu *u)
{
	return !u->type && !u->base && !u->size && !u->amd_bdf &&
	       !u->amd_base_cap && !u->amd_msi_cap && !u->amd_features &&
	       !u->union_tail;
}

static void emit_iommu_units(struct emitter *e, const struct cfg_iommu *units,
			     size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any = any || !iommu_is_zero(&units[i]);
	if (!any)
		return;
	open_block(e, ".iommu_units");
	for (size_t i = 0; i < n; i++) {
		if (iommu_is_zero(&units[i]))
			continue;
		if (units[i].comment)
			comment(e, units[i].comment);
		struct fields f = { 0 };
		iommu_fields(&f, &units[i], e->l->revision);
		char *head = index_head(i);
		open_block(e, head);
		emit_fields(e, &f);
		close_block(e);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

/* ---- the platform union ----------------------------------------------- */

/* The x86 member, in the order the revision declares its fields. */
static void emit_x86(struct emitter *e, const struct cfg_system *s)
{
	const struct cell_layout *l = e->l;
	struct fields f = { 0 };
	field_hex(&f, "pm_timer_address", s->pm_timer_address);
	if (l->x86_limit_after_timer)
		field_hex(&f, "vtd_interrupt_limit", s->vtd_interrupt_limit);
	if (s->apic_mode)
		field_take(&f, "apic_mode",
			   enum_value(apic_modes, s->apic_mode, l->revision));
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
	open_block(e, ".x86");
	emit_fields(e, &f);
	if (l->iommu_in_x86)
		emit_iommu_units(e, s->iommu, CFG_MAX_IOMMU);
	close_block(e);
	fields_free(&f);
}

/* The arm member of the union as each revision declares it: scalar fields
 * at byte offsets, then (revision 12) the IOMMU units. */
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
#define ARM_SIZE_REV13 44
#define ARM_IOMMU_OFFSET_REV12 42

static uint64_t raw_load(const unsigned char *p, size_t width)
{
	uint64_t v = 0;
	for (size_t i = width; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static void iommu_from_raw(struct cfg_iommu *u, const unsigned char *p)
{
	memset(u, 0, sizeof(*u));
	u->type = le32(p);
	u->base = le64(p + 4);
	u->size = le32(p + 12);
	u->amd_bdf = le16(p + 16);
	u->amd_base_cap = p[18];
	u->amd_msi_cap = p[19];
	u->amd_features = le32(p + 20);
	u->union_tail = le32(p + 24);
}

/* Bytes past the x86 member of the union can only be reached through the
 * arm member, the larger one, so the union is stated through it. */
static int emit_union_as_arm(struct emitter *e, const struct cfg_system *s,
			     struct jh_error *err)
{
	const struct cell_layout *l = e->l;
	bool rev12 = l->iommu_in_x86;
	size_t want = rev12 ? ARM_IOMMU_OFFSET_REV12 +
		CFG_MAX_IOMMU * CELL_IOMMU_SIZE : ARM_SIZE_REV13;
	if (l->platform_union_size != want)
		return jh_fail(err, JH_BADINPUT,
			       "revision %d: unexpected platform union size %zu",
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
			       "revision %d: system header shorter than its platform union",
			       l->revision);
	}
	const unsigned char *raw = cell.data + at;
	char *note = xasprintf(
		"Bytes past the x86 part of this union are set, and only its arm "
		"part reaches them: the union is stated through it. As x86 "
		"fields: pm_timer_address 0x%x, apic_mode %u, "
		"vtd_interrupt_limit 0x%x, tsc_khz %u, apic_khz %u.",
		s->pm_timer_address, s->apic_mode, s->vtd_interrupt_limit,
		s->tsc_khz, s->apic_khz);
	comment(e, note);
	free(note);
	open_block(e, ".arm");
	struct fields f = { 0 };
	for (const struct raw_field *r = rev12 ? arm_fields_rev12 :
	     arm_fields_rev13; r->name; r++)
		field_hex_nz(&f, r->name, raw_load(raw + r->offset, r->width));
	emit_fields(e, &f);
	fields_free(&f);
	if (rev12) {
		struct cfg_iommu units[CFG_MAX_IOMMU];
		for (size_t i = 0; i < CFG_MAX_IOMMU; i++)
			iommu_from_raw(&units[i], raw + ARM_IOMMU_OFFSET_REV12 +
				       i * CELL_IOMMU_SIZE);
		emit_iommu_units(e, units, CFG_MAX_IOMMU);
	}
	close_block(e);
	buf_free(&cell);
	return 0;
}

static int emit_platform_info(struct emitter *e, const struct cfg_system *s,
			      struct jh_error *err)
{
	const struct cell_layout *l = e->l;
	open_block(e, ".platform_info");
	struct fields f = { 0 };
	field_hex(&f, "pci_mmconfig_base", s->pci_mmconfig_base);
	field_hex(&f, "pci_mmconfig_end_bus", s->pci_mmconfig_end_bus);
	field_hex_nz(&f, "pci_is_virtual", s->pci_is_virtual);
	field_hex_nz(&f, "pci_domain", s->pci_domain);
	emit_fields(e, &f);
	fields_free(&f);
	if (!l->iommu_in_x86)
		emit_iommu_units(e, s->iommu, CFG_MAX_IOMMU);
	size_t tail = s->union_tail_len;
	if (tail > sizeof(s->union_tail))
		tail = sizeof(s->union_tail);
	if (all_zero(s->union_tail, tail)) {
		emit_x86(e, s);
	} else if (emit_union_as_arm(e, s, err) < 0) {
		return -1;
	}
	close_block(e);
	return 0;
}

/* ---- the cell descriptor and its arrays ------------------------------- */

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

static void emit_member_decls(struct emitter *e, const struct cfg_cell *c)
{
	if (c->cpu_set_size)
		line(e, "%s cpu_set[%zu];", cpu_word_for(c->cpu_set_size).type,
		     c->cpu_set_size / cpu_word_for(c->cpu_set_size).size);
	if (c->nmem)
		line(e, "struct jailhouse_memory mem[%zu];", c->nmem);
	if (c->ncache)
		line(e, "struct jailhouse_cache cache[%zu];", c->ncache);
	if (c->nirqchips)
		line(e, "struct jailhouse_irqchip irqchips[%zu];", c->nirqchips);
	if (c->npio)
		line(e, "struct jailhouse_pio pio[%zu];", c->npio);
	if (c->npci)
		line(e, "struct jailhouse_pci_device pci[%zu];", c->npci);
	if (c->ncaps)
		line(e, "struct jailhouse_pci_capability caps[%zu];", c->ncaps);
	if (c->nstream_ids)
		line(e, "%s stream_ids[%zu];", e->l->revision >= 14 ?
		     "union jailhouse_stream_id" : "__u32", c->nstream_ids);
}

/* Counts come from the arrays themselves, like hand-written configs. */
static void count_fields(struct fields *f, const struct cfg_cell *c)
{
	if (c->cpu_set_size)
		field_take(f, "cpu_set_size",
			   xstrdup("sizeof(" CONFIG_OBJECT ".cpu_set)"));
	static const struct {
		const char *field, *member;
		size_t off;
	} counts[] = {
		{ "num_memory_regions", "mem", offsetof(struct cfg_cell, nmem) },
		{ "num_cache_regions", "cache", offsetof(struct cfg_cell, ncache) },
		{ "num_irqchips", "irqchips", offsetof(struct cfg_cell, nirqchips) },
		{ "num_pio_regions", "pio", offsetof(struct cfg_cell, npio) },
		{ "num_pci_devices", "pci", offsetof(struct cfg_cell, npci) },
		{ "num_pci_caps", "caps", offsetof(struct cfg_cell, ncaps) },
		{ "num_stream_ids", "stream_ids",
		  offsetof(struct cfg_cell, nstream_ids) },
	};
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		size_t n;
		memcpy(&n, (const char *)c + counts[i].off, sizeof(n));
		if (n)
			field_take(f, counts[i].field,
				   xasprintf("ARRAY_SIZE(" CONFIG_OBJECT ".%s)",
					     counts[i].member));
	}
}

/* The header of a root cell descriptor inside a system configuration is
 * stored as it is (zeros when Jailhouse's tools made it); an inmate
 * cell's header is always the revision's, as the .cell writer does. */
static void cell_header_fields(struct fields *f, const struct cfg_cell *c,
			       const struct cell_layout *l, bool inside_system)
{
	size_t sig_len = l->signature_len;
	if (sig_len > sizeof(c->signature))
		sig_len = sizeof(c->signature);
	if (!inside_system) {
		field_take(f, "signature", char_list(l->cell_signature, sig_len));
		if (l->has_architecture)
			field_take(f, "architecture", enum_value(architectures,
				   JH_ARCH_X86, l->revision));
		field_take(f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
		return;
	}
	if (!all_zero(c->signature, sig_len))
		field_take(f, "signature", char_list(c->signature, sig_len));
	if (l->has_architecture && c->architecture)
		field_take(f, "architecture",
			   enum_value(architectures, c->architecture,
				      l->revision));
	if (c->revision && c->revision == l->revision)
		field_take(f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
	else
		field_hex_nz(f, "revision", c->revision);
}

static void emit_cell_desc(struct emitter *e, const char *head,
			   const struct cfg_cell *c, bool inside_system)
{
	const struct cell_layout *l = e->l;
	struct fields f = { 0 };
	cell_header_fields(&f, c, l, inside_system);
	field_take(&f, "name", char_array(c->name, sizeof(c->name)));
	field_hex_nz(&f, "id", c->id);
	if (c->flags)
		field_take(&f, "flags",
			   flag_value(cell_flags, c->flags, l->revision, NULL));
	count_fields(&f, c);
	field_hex_nz(&f, "vpci_irq_base", c->vpci_irq_base);
	field_hex_nz(&f, "cpu_reset_address", c->cpu_reset_address);
	field_hex_nz(&f, "msg_reply_timeout", c->msg_reply_timeout);
	open_block(e, head);
	emit_fields(e, &f);
	emit_console(e, ".console", &c->console);
	close_block(e);
	fields_free(&f);
}

static void emit_cpu_set(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->cpu_set_size)
		return;
	struct cpu_word w = cpu_word_for(c->cpu_set_size);
	size_t n = c->cpu_set_size / w.size;
	open_block(e, ".cpu_set");
	for (size_t i = 0; i < n; i++) {
		uint64_t v = raw_load(c->cpu_set + i * w.size, w.size);
		line(e, "0x%0*" PRIx64 ",", (int)(w.size * 2), v);
	}
	close_block(e);
}

static void emit_mem_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->nmem)
		return;
	open_block(e, ".mem");
	for (size_t i = 0; i < c->nmem; i++) {
		if (c->mem[i].comment)
			comment(e, c->mem[i].comment);
		char *head = index_head(i);
		emit_memory(e, head, &c->mem[i]);
		free(head);
	}
	close_block(e);
}

static void emit_cache_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->ncache)
		return;
	open_block(e, ".cache");
	for (size_t i = 0; i < c->ncache; i++) {
		const struct cfg_cache *k = &c->cache[i];
		struct fields f = { 0 };
		field_hex(&f, "start", k->start);
		field_hex(&f, "size", k->size);
		field_hex(&f, "type", k->type);
		field_hex_nz(&f, "padding", k->padding);
		if (k->flags)
			field_take(&f, "flags", flag_value(cache_flags, k->flags,
							   e->l->revision, NULL));
		char *head = index_head(i);
		emit_struct(e, head, &f);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

static void emit_irqchip_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->nirqchips)
		return;
	open_block(e, ".irqchips");
	for (size_t i = 0; i < c->nirqchips; i++) {
		const struct cfg_irqchip *q = &c->irqchips[i];
		if (q->comment)
			comment(e, q->comment);
		struct fields f = { 0 };
		field_hex(&f, "address", q->address);
		field_hex(&f, "id", q->id);
		field_hex(&f, "pin_base", q->pin_base);
		field_take(&f, "pin_bitmap",
			   xasprintf("{ 0x%08x, 0x%08x, 0x%08x, 0x%08x }",
				     q->pin_bitmap[0], q->pin_bitmap[1],
				     q->pin_bitmap[2], q->pin_bitmap[3]));
		char *head = index_head(i);
		open_block(e, head);
		emit_fields(e, &f);
		close_block(e);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

static void emit_pio_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->npio)
		return;
	open_block(e, ".pio");
	for (size_t i = 0; i < c->npio; i++) {
		if (c->pio[i].comment)
			comment(e, c->pio[i].comment);
		struct fields f = { 0 };
		field_hex(&f, "base", c->pio[i].base);
		field_hex(&f, "length", c->pio[i].length);
		char *head = index_head(i);
		emit_struct(e, head, &f);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

static void pci_fields(struct fields *f, const struct cfg_pci_dev *d,
		       int revision)
{
	field_take(f, "type", enum_value(pci_types, d->type, revision));
	field_dec(f, "iommu", d->iommu);
	field_hex(f, "domain", d->domain);
	field_hex(f, "bdf", d->bdf);
	if (!all_zero(d->bar_mask, sizeof(d->bar_mask)))
		field_take(f, "bar_mask",
			   xasprintf("{ 0x%08x, 0x%08x, 0x%08x, "
				     "0x%08x, 0x%08x, 0x%08x }",
				     d->bar_mask[0], d->bar_mask[1],
				     d->bar_mask[2], d->bar_mask[3],
				     d->bar_mask[4], d->bar_mask[5]));
	field_dec(f, "caps_start", d->caps_start);
	field_dec(f, "num_caps", d->num_caps);
	field_dec(f, "num_msi_vectors", d->num_msi_vectors);
	field_dec(f, "msi_64bits", d->msi_bits & 1);
	field_dec(f, "msi_maskable", (d->msi_bits >> 1) & 1);
	field_dec(f, "num_msix_vectors", d->num_msix_vectors);
	field_hex(f, "msix_region_size", d->msix_region_size);
	field_hex(f, "msix_address", d->msix_address);
	field_dec_nz(f, "shmem_regions_start", d->shmem_regions_start);
	field_dec_nz(f, "shmem_dev_id", d->shmem_dev_id);
	field_dec_nz(f, "shmem_peers", d->shmem_peers);
	field_hex_nz(f, "shmem_protocol", d->shmem_protocol);
}

static void emit_pci_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->npci)
		return;
	open_block(e, ".pci");
	for (size_t i = 0; i < c->npci; i++) {
		const struct cfg_pci_dev *d = &c->pci[i];
		char *where = bdf_text(d->domain, d->bdf);
		char *note = d->comment ? xasprintf("%s: %s", where, d->comment)
					: xstrdup(where);
		comment(e, note);
		free(note);
		free(where);
		struct fields f = { 0 };
		pci_fields(&f, d, e->l->revision);
		char *head = index_head(i);
		open_block(e, head);
		emit_fields(e, &f);
		close_block(e);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

/* Before the first capability of a device's list: whose list it is
 * (lists are shared between devices with equal ones). */
static void emit_caps_group_note(struct emitter *e, const struct cfg_cell *c,
				 size_t i)
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
	if (b.len) {
		buf_put_u8(&b, 0);
		comment(e, (const char *)b.data);
	}
	buf_free(&b);
}

static void emit_caps_array(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->ncaps)
		return;
	open_block(e, ".caps");
	for (size_t i = 0; i < c->ncaps; i++) {
		const struct cfg_pci_cap *k = &c->caps[i];
		if (k->comment)
			comment(e, k->comment);
		else
			emit_caps_group_note(e, c, i);
		struct fields f = { 0 };
		if (k->id & JH_PCI_EXT_CAP)
			field_take(&f, "id", xasprintf("JAILHOUSE_PCI_EXT_CAP | 0x%x",
						       k->id & ~JH_PCI_EXT_CAP));
		else
			field_hex(&f, "id", k->id);
		field_hex(&f, "start", k->start);
		field_hex(&f, "len", k->len);
		field_take(&f, "flags", flag_value(capability_flags, k->flags,
						   e->l->revision, NULL));
		char *head = index_head(i);
		emit_struct(e, head, &f);
		free(head);
		fields_free(&f);
	}
	close_block(e);
}

static void emit_stream_ids(struct emitter *e, const struct cfg_cell *c)
{
	if (!c->nstream_ids)
		return;
	open_block(e, ".stream_ids");
	for (size_t i = 0; i < c->nstream_ids; i++) {
		if (e->l->revision >= 14)
			line(e, "[%zu] = { .id = 0x%x },", i, c->stream_ids[i]);
		else
			line(e, "[%zu] = 0x%x,", i, c->stream_ids[i]);
	}
	close_block(e);
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
 * holds the msi_64bits and msi_maskable bit fields have no name. */
static int check_expressible(const struct cfg_cell *c, struct jh_error *err)
{
	for (size_t i = 0; i < c->npci; i++) {
		if (!(c->pci[i].msi_bits & ~3u))
			continue;
		char *where = bdf_text(c->pci[i].domain, c->pci[i].bdf);
		jh_fail(err, JH_BADINPUT,
			"PCI device %zu (%s): MSI flags byte 0x%02x has reserved "
			"bits set, which C initializers cannot express",
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
	line(e, "#include <jailhouse/types.h>");
	line(e, "#include <jailhouse/cell-config.h>");
	line(e, "%s", "");
	/* A guard against building with another revision's headers, which
	 * would compile to a different layout without a word. */
	line(e, "#if JAILHOUSE_CONFIG_REVISION != %d", e->l->revision);
	line(e, "#error \"jhconf wrote this for Jailhouse configuration "
		"revision %d\"", e->l->revision);
	line(e, "#endif");
	line(e, "%s", "");
}

static void header_line(struct emitter *e, const char *text)
{
	if (!*text) {
		line(e, " *");
		return;
	}
	put_str(e, " * ");
	write_c_comment_text(e->out, text);
	put_str(e, "\n");
}

static void emit_build_note(struct emitter *e)
{
	header_line(e, "Written by jhconf. Build it like the configurations in");
	header_line(e, "Jailhouse's configs/ folder: the .cell file is this");
	header_line(e, "object's data, copied out with objcopy -O binary.");
	line(e, " */");
	line(e, "%s", "");
}

static void emit_system_header(struct emitter *e, const struct cfg_system *s)
{
	line(e, "/*");
	char *what = xasprintf("Jailhouse root cell configuration (revision %d) for",
			       e->l->revision);
	header_line(e, what);
	free(what);
	char *product = xasprintf("%s.", s->product && *s->product ?
				  s->product : "an unnamed machine");
	header_line(e, product);
	free(product);
	header_line(e, "");
	if (s->cmdline_hint && *s->cmdline_hint) {
		header_line(e, "Boot the root cell's Linux with this kernel parameter,");
		header_line(e, "which keeps it out of the hypervisor's and the inmates'");
		header_line(e, "memory:");
		char *hint = xasprintf("    %s", s->cmdline_hint);
		header_line(e, hint);
		free(hint);
		header_line(e, "");
	}
	emit_build_note(e);
}

static void emit_cell_header(struct emitter *e, const struct cfg_cell *c)
{
	line(e, "/*");
	char *what = xasprintf("Jailhouse cell configuration (revision %d) for the",
			       e->l->revision);
	header_line(e, what);
	free(what);
	char name[CFG_NAME_LEN + 1];
	memcpy(name, c->name, CFG_NAME_LEN);
	name[CFG_NAME_LEN] = '\0';
	char *cell = xasprintf("cell \"%s\".", name);
	header_line(e, cell);
	free(cell);
	header_line(e, "");
	emit_build_note(e);
}

int write_c_system(const struct cfg_system *s, const struct cell_layout *l,
		   struct buf *out, struct jh_error *err)
{
	if (check_layout(l, err) < 0 || check_expressible(&s->root, err) < 0)
		return -1;
	struct buf text = { 0 };
	struct emitter e = { .out = &text, .l = l, .depth = 0 };
	emit_system_header(&e, s);
	emit_includes(&e);
	line(&e, "struct {");
	e.depth++;
	line(&e, "struct jailhouse_system system;");
	emit_member_decls(&e, &s->root);
	e.depth--;
	line(&e, "} __attribute__((packed)) " CONFIG_OBJECT " = {");
	e.depth++;
	open_block(&e, ".system");
	struct fields f = { 0 };
	field_take(&f, "signature",
		   char_list(l->system_signature, l->signature_len));
	field_take(&f, "revision", xstrdup("JAILHOUSE_CONFIG_REVISION"));
	if (s->flags)
		field_take(&f, "flags", flag_value(system_flags, s->flags,
						   l->revision, NULL));
	emit_fields(&e, &f);
	fields_free(&f);
	if (s->hypervisor_memory.comment)
		comment(&e, s->hypervisor_memory.comment);
	emit_memory(&e, ".hypervisor_memory", &s->hypervisor_memory);
	emit_console(&e, ".debug_console", &s->debug_console);
	if (emit_platform_info(&e, s, err) < 0) {
		buf_free(&text);
		return -1;
	}
	emit_cell_desc(&e, ".root_cell", &s->root, true);
	close_block(&e);
	emit_arrays(&e, &s->root);
	e.depth--;
	line(&e, "};");
	buf_append(out, text.data, text.len);
	buf_free(&text);
	return 0;
}

int write_c_cell(const struct cfg_cell *c, const struct cell_layout *l,
		 struct buf *out, struct jh_error *err)
{
	if (check_layout(l, err) < 0 || check_expressible(c, err) < 0)
		return -1;
	struct emitter e = { .out = out, .l = l, .depth = 0 };
	emit_cell_header(&e, c);
	emit_includes(&e);
	line(&e, "struct {");
	e.depth++;
	line(&e, "struct jailhouse_cell_desc cell;");
	emit_member_decls(&e, c);
	e.depth--;
	line(&e, "} __attribute__((packed)) " CONFIG_OBJECT " = {");
	e.depth++;
	emit_cell_desc(&e, ".cell", c, false);
	emit_arrays(&e, c);
	e.depth--;
	line(&e, "};");
	return 0;
}
