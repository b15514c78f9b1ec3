/* SPDX-License-Identifier: GPL-2.0-only */
/* The .cell reader: the inverse of write_cell.c, driven by the same
 * layout rows. It trusts nothing: the revision and kind come from the
 * header, the size the counts declare must equal the file's size before
 * anything is allocated, and every load goes through a bounded cursor. */
#include "cellfmt/cellfmt.h"
#include "cellfmt/cell_fields.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* A bounded reader over the file; past the end it yields zeros and
 * remembers the overrun (the size check makes that unreachable, this is
 * the second line of defence). */
struct cursor {
	const unsigned char *data;
	size_t len, pos;
	bool overrun;
};

static const unsigned char *take(struct cursor *c, size_t n)
{
	static const unsigned char zeros[64];
	if (n > c->len - c->pos || c->overrun) {
		c->overrun = true;
		c->pos = c->len;
		return n <= sizeof(zeros) ? zeros : NULL;
	}
	const unsigned char *p = c->data + c->pos;
	c->pos += n;
	return p;
}

static uint8_t get8(struct cursor *c) { return *take(c, 1); }
static uint16_t get16(struct cursor *c) { return le16(take(c, 2)); }
static uint32_t get32(struct cursor *c) { return le32(take(c, 4)); }
static uint64_t get64(struct cursor *c) { return le64(take(c, 8)); }

static void get_bytes(struct cursor *c, void *dst, size_t n)
{
	const unsigned char *p = take(c, n);
	if (p)
		memcpy(dst, p, n);
	else
		memset(dst, 0, n);
}

/* The counts of jailhouse_cell_desc, in file order. */
enum { CPU_SET, MEM, CACHE, IRQCHIP, PIO, PCI_DEV, PCI_CAP, STREAM_ID, NCOUNTS };

static const struct {
	const char *what;
	size_t size;
} arrays[NCOUNTS] = {
	[CPU_SET] = { "CPU set bytes", 1 },
	[MEM] = { "memory regions", CELL_MEMORY_SIZE },
	[CACHE] = { "cache regions", CELL_CACHE_SIZE },
	[IRQCHIP] = { "irqchips", CELL_IRQCHIP_SIZE },
	[PIO] = { "PIO regions", CELL_PIO_SIZE },
	[PCI_DEV] = { "PCI devices", CELL_PCI_DEV_SIZE },
	[PCI_CAP] = { "PCI capabilities", CELL_PCI_CAP_SIZE },
	[STREAM_ID] = { "stream ids", 4 },
};

/* Offset of the counts inside the descriptor: header 8, name 32, id 4,
 * flags 4. */
#define DESC_COUNTS_OFFSET 48

/* The 8-byte header: a signature (5 bytes and an architecture byte in
 * revision 14, 6 bytes before) and the revision, a u16 at offset 6. */
#define HEADER_SIZE 8
#define REVISION_OFFSET 6
#define ARCH_OFFSET 5

static bool signature_matches(const unsigned char *data,
			      const struct cell_layout *l, bool *is_system)
{
	*is_system = !memcmp(data, l->system_signature, l->signature_len);
	return *is_system || !memcmp(data, l->cell_signature, l->signature_len);
}

/* "12, 13, 14": the revisions of rows[] whose signature of sig_len
 * bytes `want` has (all of them when want is NULL), ascending; "12 and
 * 13" style when `and`. */
static void revision_list(const struct cell_layout *rows, size_t n,
			  const unsigned char *want, size_t sig_len, bool and,
			  char *out, size_t outlen)
{
	int revs[16];
	size_t k = 0;
	for (size_t i = 0; i < n && k < 16; i++) {
		bool sys;
		if (!want || (rows[i].signature_len == sig_len &&
			      signature_matches(want, &rows[i], &sys)))
			revs[k++] = rows[i].revision;
	}
	for (size_t i = 1; i < k; i++)  /* a handful: insertion sort */
		for (size_t j = i; j > 0 && revs[j - 1] > revs[j]; j--) {
			int t = revs[j];
			revs[j] = revs[j - 1];
			revs[j - 1] = t;
		}
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < k && len < outlen; i++)
		len += (size_t)snprintf(out + len, outlen - len, "%s%d",
					!i ? "" : and && i + 1 == k ? " and " : ", ",
					revs[i]);
}

/* The signature bytes as text, NULs and other odd bytes escaped. */
static void signature_text(const unsigned char *data, size_t n, char *out,
			   size_t outlen)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && len < outlen; i++)
		len += (size_t)snprintf(out + len, outlen - len,
					data[i] >= 0x20 && data[i] < 0x7f ? "%c"
									  : "\\x%02x",
					data[i]);
}

/* Which row and kind the header names; when none, what is wrong with
 * it: too short, a signature of no revision, a revision no row has, a
 * signature of other revisions than the one given, not x86. */
static int detect(const char *file, const unsigned char *data, size_t len,
		  const struct cell_layout **layout, bool *is_system,
		  struct jh_error *err)
{
	if (len < HEADER_SIZE)
		return jh_fail(err, JH_BADINPUT,
			       "%s: truncated header: %zu bytes, a Jailhouse "
			       "configuration starts with %d (signature and "
			       "revision)", file, len, HEADER_SIZE);
	size_t n;
	const struct cell_layout *rows = cell_layouts(&n);
	uint16_t revision = le16(data + REVISION_OFFSET);
	const struct cell_layout *row = NULL;
	bool any_signature = false, sys;
	for (size_t i = 0; i < n; i++) {
		any_signature |= signature_matches(data, &rows[i], &sys);
		if (rows[i].revision == revision)
			row = &rows[i];
	}
	char text[64], revs[64];
	if (!any_signature) {
		signature_text(data, 6, text, sizeof(text));
		return jh_fail(err, JH_BADINPUT,
			       "%s: bad signature \"%s\" at offset 0: not a "
			       "Jailhouse configuration (JHSYS or JHCLL, before "
			       "revision 14 JHSYST or JHCELL)", file, text);
	}
	if (!row) {
		revision_list(rows, n, NULL, 0, false, revs, sizeof(revs));
		return jh_fail(err, JH_BADINPUT,
			       "%s: unknown configuration revision %u at offset "
			       "%d (known: %s)", file, revision, REVISION_OFFSET,
			       revs);
	}
	/* A longer signature of other revisions also starts with a shorter
	 * one ("JHSYST" with "JHSYS"): whose it is decides. */
	bool own = signature_matches(data, row, is_system);
	for (size_t i = 0; i < n && own; i++) {
		bool other_sys;
		if (rows[i].signature_len > row->signature_len &&
		    signature_matches(data, &rows[i], &other_sys))
			own = false;
	}
	if (!own) {
		size_t sig_len = 0;
		for (size_t i = 0; i < n; i++)
			if (signature_matches(data, &rows[i], &sys) &&
			    rows[i].signature_len > sig_len)
				sig_len = rows[i].signature_len;
		signature_text(data, sig_len, text, sizeof(text));
		revision_list(rows, n, data, sig_len, true, revs, sizeof(revs));
		return jh_fail(err, JH_BADINPUT,
			       "%s: the signature \"%s\" is that of revision%s "
			       "%s, but the revision at offset %d is %u", file,
			       text, strchr(revs, ' ') ? "s" : "", revs,
			       REVISION_OFFSET, revision);
	}
	if (row->has_architecture && data[ARCH_OFFSET] != JH_ARCH_X86)
		return jh_fail(err, JH_BADINPUT,
			       "%s: not an x86 configuration (architecture %u "
			       "at offset %d)", file, data[ARCH_OFFSET],
			       ARCH_OFFSET);
	*layout = row;
	return 0;
}

/* Check the counts of the descriptor at `desc` against the file: each
 * array on its own must fit (else the count is absurd), and together
 * with what precedes them they must make up the file exactly. */
static int check_size(const char *file, const unsigned char *desc,
		      size_t desc_offset, size_t len, uint32_t counts[NCOUNTS],
		      struct jh_error *err)
{
	uint64_t declared = desc_offset + CELL_DESC_SIZE;
	for (int i = 0; i < NCOUNTS; i++) {
		counts[i] = le32(desc + DESC_COUNTS_OFFSET + 4 * i);
		uint64_t bytes = (uint64_t)counts[i] * arrays[i].size;
		if (bytes > len)
			return jh_fail(err, JH_BADINPUT,
				       "%s: absurd count: %" PRIu32 " %s "
				       "(%" PRIu64 " bytes) in a file of %zu "
				       "bytes", file, counts[i],
				       arrays[i].what, bytes, len);
		declared += bytes;
	}
	if (declared != len)
		return jh_fail(err, JH_BADINPUT,
			       "%s: the header declares %" PRIu64 " bytes but "
			       "the file has %zu", file, declared, len);
	return 0;
}

/* The fixed-size structures are decoded by their rows in
 * cell_fields.c. */
static void get_struct(struct cursor *c, const struct cell_struct *s,
		       void *obj)
{
	const unsigned char *p = take(c, s->size);
	if (p)
		cell_struct_get(p, s, obj);
}

static void get_memory(struct cursor *c, struct cfg_memory *m)
{
	get_struct(c, &cell_memory_struct, m);
}

static void get_console(struct cursor *c, struct cfg_console *con)
{
	get_struct(c, &cell_console_struct, con);
}

void cell_decode_iommu(const unsigned char *p, struct cfg_iommu *u)
{
	cell_struct_get(p, &cell_iommu_struct, u);
}

/* platform_info, as the revision's row lays it out. */
static void get_platform(struct cursor *c, const struct cell_layout *l,
			 struct cfg_system *s)
{
	size_t size = l->union_offset + l->platform_union_size;
	const unsigned char *p = take(c, size);
	if (!p)
		return;
	s->pci_mmconfig_base = le64(p);
	s->pci_mmconfig_end_bus = p[8];
	s->pci_is_virtual = p[9];
	s->pci_domain = le16(p + 10);
	s->niommu = 0;
	for (size_t i = 0; i < CFG_MAX_IOMMU; i++) {
		cell_decode_iommu(p + l->iommu_offset + i * CELL_IOMMU_SIZE,
			  &s->iommu[i]);
		/* units in use come first; the rest are zero */
		if (s->iommu[i].type || s->iommu[i].base)
			s->niommu = i + 1;
	}
	const unsigned char *x86 = p + l->union_offset;
	s->pm_timer_address = le16(x86 + l->pm_timer_offset);
	s->apic_mode = x86[l->apic_mode_offset];
	s->x86_padding = x86[l->padding_offset];
	for (size_t i = 1; i < l->padding_len; i++)
		s->x86_padding_more[i - 1] = x86[l->padding_offset + i];
	s->vtd_interrupt_limit = le32(x86 + l->limit_offset);
	s->tsc_khz = le32(x86 + l->tsc_khz_offset);
	s->apic_khz = le32(x86 + l->apic_khz_offset);
	s->union_tail_len = l->platform_union_size - l->x86_size;
	memcpy(s->union_tail, x86 + l->x86_size, s->union_tail_len);
}

static void get_desc(struct cursor *c, const struct cell_layout *l,
		     struct cfg_cell *cell)
{
	memset(cell->signature, 0, sizeof(cell->signature));
	get_bytes(c, cell->signature, l->signature_len);
	cell->architecture = l->has_architecture ? get8(c) : 0;
	cell->revision = get16(c);
	get_bytes(c, cell->name, CFG_NAME_LEN);
	cell->id = get32(c);
	cell->flags = get32(c);
	take(c, 4 * NCOUNTS);    /* the counts, already checked */
	cell->vpci_irq_base = get32(c);
	cell->cpu_reset_address = get64(c);
	cell->msg_reply_timeout = get64(c);
	get_console(c, &cell->console);
}

static void get_pci_dev(struct cursor *c, struct cfg_pci_dev *d)
{
	get_struct(c, &cell_pci_dev_struct, d);
}

static void get_cache(struct cursor *c, struct cfg_cache *r)
{
	get_struct(c, &cell_cache_struct, r);
}

static void get_irqchip(struct cursor *c, struct cfg_irqchip *q)
{
	get_struct(c, &cell_irqchip_struct, q);
}

static void get_pio(struct cursor *c, struct cfg_pio *r)
{
	get_struct(c, &cell_pio_struct, r);
}

static void get_pci_cap(struct cursor *c, struct cfg_pci_cap *cap)
{
	get_struct(c, &cell_pci_cap_struct, cap);
}

static void get_stream_id(struct cursor *c, uint32_t *id)
{
	*id = get32(c);
}

/* Allocate an array of n elements and read each with get_one; n was
 * checked against the file size, so this is bounded by it. */
#define GET_ARRAY(c, arr, count, capacity, n, get_one) do { \
	(arr) = xcalloc((n) ? (n) : 1, sizeof(*(arr))); \
	(count) = (capacity) = (n); \
	for (size_t i_ = 0; i_ < (count); i_++) \
		get_one((c), &(arr)[i_]); \
} while (0)

static void get_arrays(struct cursor *c, const uint32_t counts[NCOUNTS],
		       struct cfg_cell *cell)
{
	cell->cpu_set_size = counts[CPU_SET];
	cell->cpu_set = xcalloc(cell->cpu_set_size ? cell->cpu_set_size : 1, 1);
	get_bytes(c, cell->cpu_set, cell->cpu_set_size);

	GET_ARRAY(c, cell->mem, cell->nmem, cell->mem_cap, counts[MEM],
		  get_memory);
	GET_ARRAY(c, cell->cache, cell->ncache, cell->cache_cap,
		  counts[CACHE], get_cache);
	GET_ARRAY(c, cell->irqchips, cell->nirqchips, cell->irqchips_cap,
		  counts[IRQCHIP], get_irqchip);
	GET_ARRAY(c, cell->pio, cell->npio, cell->pio_cap, counts[PIO],
		  get_pio);
	GET_ARRAY(c, cell->pci, cell->npci, cell->pci_cap, counts[PCI_DEV],
		  get_pci_dev);
	GET_ARRAY(c, cell->caps, cell->ncaps, cell->caps_cap, counts[PCI_CAP],
		  get_pci_cap);
	GET_ARRAY(c, cell->stream_ids, cell->nstream_ids, cell->stream_ids_cap,
		  counts[STREAM_ID], get_stream_id);
}

int cell_read(const char *file, const unsigned char *data, size_t len,
	      struct cell_file *out, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	const struct cell_layout *l = NULL;
	bool is_system = false;
	if (detect(file, data, len, &l, &is_system, err))
		return -1;

	size_t desc_offset = is_system ? cell_system_prefix_size(l) : 0;
	if (len < desc_offset + CELL_DESC_SIZE)
		return jh_fail(err, JH_BADINPUT,
			       "%s: truncated: %zu bytes, a %s configuration "
			       "needs at least %zu", file, len,
			       is_system ? "system" : "cell",
			       desc_offset + CELL_DESC_SIZE);
	uint32_t counts[NCOUNTS];
	if (check_size(file, data + desc_offset, desc_offset, len, counts, err))
		return -1;

	struct cursor c = { .data = data, .len = len };
	out->layout = l;
	out->is_system = is_system;
	struct cfg_cell *cell = is_system ? &out->system.root : &out->cell;
	if (is_system) {
		struct cfg_system *s = &out->system;
		take(&c, 8);    /* header, decoded by detect() */
		s->flags = get32(&c);
		get_memory(&c, &s->hypervisor_memory);
		get_console(&c, &s->debug_console);
		get_platform(&c, l, s);
	}
	get_desc(&c, l, cell);
	get_arrays(&c, counts, cell);
	if (c.overrun || c.pos != len) {
		cell_file_free(out);
		return jh_fail(err, JH_BADINPUT,
			       "%s: internal size mismatch while reading", file);
	}
	return 0;
}

void cell_file_free(struct cell_file *f)
{
	cfg_system_free(&f->system);
	cfg_cell_free(&f->cell);
	f->layout = NULL;
}
