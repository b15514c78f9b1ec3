/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI config space: the header fields, the capability lists with the
 * lengths and write permissions Jailhouse's config generator gives them,
 * and the MSI/MSI-X facts derived from those capabilities.
 *
 * The rules follow Jailhouse master's generator so that the planner sees
 * the very same capability list (id, start, length, write flag) for every
 * device. Where that generator would crash or spin (pointers into the
 * header or past the data, loops, reserved extended ids), this parser
 * reports an error naming the file instead. */
#include "parse/parsers.h"
#include "base/format.h"

#include <stdlib.h>
#include <string.h>

#define CFG_HEADER_LEN      0x40
#define CFG_LEGACY_LEN      0x100
#define CFG_EXT_LEN         0x1000

#define CFG_VENDOR          0x00
#define CFG_DEVICE          0x02
#define CFG_STATUS          0x06
#define CFG_REVISION        0x08
#define CFG_CLASS           0x09
#define CFG_HEADER_TYPE     0x0e
#define CFG_BAR0            0x10
#define CFG_SECONDARY_BUS   0x19
#define CFG_SUBORDINATE_BUS 0x1a
#define CFG_SUBSYS_VENDOR   0x2c
#define CFG_SUBSYS_DEVICE   0x2e
#define CFG_CAP_PTR         0x34

#define STATUS_CAP_LIST     (1u << 4)
#define CLASS_PCI_BRIDGE    0x0604

#define CAP_ID_PM           0x01
#define CAP_ID_MSI          0x05
#define CAP_ID_EXP          0x10
#define CAP_ID_MSIX         0x11

#define EXT_CAP_ERR         0x01
#define EXT_CAP_VC          0x02
#define EXT_CAP_DSN         0x03
#define EXT_CAP_PWR         0x04
#define EXT_CAP_MFVC        0x08
#define EXT_CAP_VC9         0x09
#define EXT_CAP_VNDR        0x0b
#define EXT_CAP_ACS         0x0d
#define EXT_CAP_ARI         0x0e
#define EXT_CAP_SRIOV       0x10
#define EXT_CAP_MCAST       0x12
#define EXT_CAP_LTR         0x18
#define EXT_CAP_SECPCI      0x19
#define EXT_CAP_PASID       0x1b
#define EXT_CAP_PTM         0x1f
#define EXT_CAP_ID_END      0xffff
/* Jailhouse marks extended ids with this bit in its .cell files, so a
 * config space id that has it set cannot be represented. */
#define EXT_CAP_RESERVED_BIT 0x8000

#define MSI_CTRL_64BIT      (1u << 7)
#define MSI_CTRL_MASKABLE   (1u << 8)
#define MSIX_CTRL_TABLE_SIZE 0x7ffu
#define BAR_IO_OR_RESERVED  0x3u
#define BAR_MEM_64BIT       0x4u

/* The config bytes being walked, and the file they came from. */
struct cfg_view {
	const char *file;
	const unsigned char *b;
	size_t len;
};

/* Fails unless `n` bytes at `off` lie inside the data. A short read of a
 * config file (unprivileged reads stop at 64 bytes, conventional reads at
 * 256) is the likely reason, so say so. */
static int cfg_need(const struct cfg_view *c, size_t off, size_t n,
		    const char *what, struct jh_error *err)
{
	if (off + n <= c->len)
		return 0;
	return jh_fail(err, JH_BADINPUT,
		       "%s: %s at 0x%zx runs past the %zu bytes of config space%s",
		       c->file, what, off, c->len,
		       c->len < CFG_LEGACY_LEN ? " (read it as root)" : "");
}

static void add_cap(struct pci_dev *d, uint16_t id, bool extended,
		    size_t start, unsigned len, bool writable)
{
	struct pci_cap *cap = ARRAY_PUSH(d->caps, d->ncaps, d->caps_cap);
	*cap = (struct pci_cap){
		.id = id, .extended = extended, .start = (uint16_t)start,
		.len = (uint16_t)len, .writable = writable,
	};
}

static void parse_header(const struct cfg_view *c, struct pci_dev *d)
{
	const unsigned char *b = c->b;
	d->vendor_id = le16(b + CFG_VENDOR);
	d->device_id = le16(b + CFG_DEVICE);
	d->revision = b[CFG_REVISION];
	d->class_code = le32(b + CFG_REVISION) >> 8;
	d->header_type = b[CFG_HEADER_TYPE] & 0x7f;
	d->is_bridge = (d->class_code >> 8) == CLASS_PCI_BRIDGE;
	if (d->header_type == 0) {
		d->subsys_vendor = le16(b + CFG_SUBSYS_VENDOR);
		d->subsys_device = le16(b + CFG_SUBSYS_DEVICE);
	}
	if (d->is_bridge) {
		d->secondary_bus = b[CFG_SECONDARY_BUS];
		d->subordinate_bus = b[CFG_SUBORDINATE_BUS];
	}
}

/* MSI: 10 bytes, 4 more for 64-bit addresses, 10 more for per-vector
 * masking (mask and pending bits). */
static int msi_cap_len(const struct cfg_view *c, size_t start, unsigned *len,
		       struct jh_error *err)
{
	if (cfg_need(c, start + 2, 2, "MSI message control", err) < 0)
		return -1;
	uint16_t ctrl = le16(c->b + start + 2);
	*len = 10;
	if (ctrl & MSI_CTRL_64BIT)
		*len += 4;
	if (ctrl & MSI_CTRL_MASKABLE)
		*len += 10;
	return 0;
}

/* PCI Express: the version 1 structure is 20 bytes, version 2 and later
 * 60 bytes. */
static int exp_cap_len(const struct cfg_view *c, size_t start, unsigned *len,
		       struct jh_error *err)
{
	if (cfg_need(c, start + 2, 2, "PCI Express capabilities register",
		     err) < 0)
		return -1;
	*len = (le16(c->b + start + 2) & 0xf) >= 2 ? 60 : 20;
	return 0;
}

/* The MSI-X table's location: the BAR named by the BIR, read from config
 * space (the high dword too for a 64-bit BAR), plus the table offset.
 * BIR values 6 and 7 are reserved (PCI Local Bus 3.0, 6.8.2.4): there is
 * no such BAR, so the capability is broken input (Jailhouse would read
 * whatever dword follows the BARs). Returns 0 with t->in_memory false
 * when the BAR is not a memory BAR: a fact about the device that the
 * planner judges (a refusal there, not here, so that `list` still lists
 * such a machine). */
struct msix_table {
	uint8_t bir;
	uint32_t offset;
	uint64_t address;
	bool in_memory;
	uint32_t bar;           /* the BAR's low dword as read */
};

static int msix_table_of(const struct cfg_view *c, size_t start,
			 struct msix_table *t, struct jh_error *err)
{
	if (cfg_need(c, start + 4, 4, "MSI-X table offset", err) < 0)
		return -1;
	uint32_t table = le32(c->b + start + 4);
	t->bir = table & 7;
	t->offset = table & ~7u;
	if (t->bir >= PCI_NUM_BARS)
		return jh_fail(err, JH_BADINPUT,
			       "%s: offset 0x%zx: MSI-X capability names BAR %u, which does not exist (BAR indicators 6 and 7 are reserved)",
			       c->file, start + 4, t->bir);
	size_t bar_off = CFG_BAR0 + t->bir * 4u;
	uint64_t bar = le32(c->b + bar_off);
	t->bar = (uint32_t)bar;
	t->in_memory = !(bar & BAR_IO_OR_RESERVED);
	t->address = 0;
	if (!t->in_memory)
		return 0;
	if (bar & BAR_MEM_64BIT)
		bar |= (uint64_t)le32(c->b + bar_off + 4) << 32;
	t->address = (bar & ~(uint64_t)0xf) + t->offset;
	return 0;
}

/* An MSI-X table must lie in a memory BAR: one that does not is recorded
 * for the planner; one whose BAR is unassigned (address 0) is ignored
 * later, with this warning. */
static int check_msix(const struct cfg_view *c, size_t start,
		      struct pci_dev *d, struct jh_findings *diag,
		      struct jh_error *err)
{
	struct msix_table table;
	if (msix_table_of(c, start, &table, err) < 0)
		return -1;
	if (!table.in_memory) {
		if (!d->msix_not_memory) {
			d->msix_not_memory = true;
			d->msix_bad_cap = (uint16_t)start;
			d->msix_bad_bir = table.bir;
			d->msix_bad_bar = table.bar;
		}
		return 0;
	}
	if (table.address == 0)
		jh_finding_add(diag, JH_R_PCI_MSIX_UNASSIGNED,
			       &(struct jh_subject){ .file = c->file },
			       "%s: MSI-X table address is 0 (BAR %u unassigned): ignoring the MSI-X capability at 0x%zx",
			       c->file, table.bir, start);
	return 0;
}

/* The standard list, from the pointer at 0x34. Jailhouse uses the
 * pointers as they are (without clearing the two reserved low bits). */
static int walk_std_caps(const struct cfg_view *c, struct pci_dev *d,
			 struct jh_findings *diag, struct jh_error *err)
{
	bool visited[CFG_LEGACY_LEN] = { false };
	unsigned next = c->b[CFG_CAP_PTR];
	while (next != 0) {
		size_t start = next;
		if (start < CFG_HEADER_LEN)
			return jh_fail(err, JH_BADINPUT,
				       "%s: capability pointer 0x%02zx points into the header",
				       c->file, start);
		if (visited[start])
			return jh_fail(err, JH_BADINPUT,
				       "%s: capability list loops back to 0x%02zx",
				       c->file, start);
		visited[start] = true;
		if (cfg_need(c, start, 2, "capability", err) < 0)
			return -1;
		uint8_t id = c->b[start];
		next = c->b[start + 1];

		unsigned len = 2;
		bool writable = false;
		switch (id) {
		case CAP_ID_PM:
			len = 8;
			writable = true;
			break;
		case CAP_ID_MSI:
			if (msi_cap_len(c, start, &len, err) < 0)
				return -1;
			writable = true;
			break;
		case CAP_ID_EXP:
			if (exp_cap_len(c, start, &len, err) < 0)
				return -1;
			d->is_pcie = true;
			break;
		case CAP_ID_MSIX:
			if (check_msix(c, start, d, diag, err) < 0)
				return -1;
			len = 12;
			writable = true;
			break;
		default:
			break;
		}
		add_cap(d, id, false, start, len, writable);
	}
	return 0;
}

/* ACS: 8 bytes, plus the egress control vector when the capability
 * advertises it (bit 5) and the control register enables it (bit 5).
 * Jailhouse adds the vector's size in dwords, not bytes; kept for
 * identical lists. */
static int acs_cap_len(const struct cfg_view *c, size_t start, unsigned *len,
		       struct jh_error *err)
{
	if (cfg_need(c, start + 4, 4, "ACS capability", err) < 0)
		return -1;
	uint16_t acs_cap = le16(c->b + start + 4);
	uint16_t acs_ctrl = le16(c->b + start + 6);
	*len = 8;
	if ((acs_cap & (1u << 5)) && (acs_ctrl & (1u << 5))) {
		unsigned bits = acs_cap >> 8;
		if (bits == 0)
			bits = 256;
		*len += (bits + 31) / 32;
	}
	return 0;
}

static int ext_cap_len(const struct cfg_view *c, size_t start, uint16_t id,
		       unsigned *len, struct jh_error *err)
{
	switch (id) {
	case EXT_CAP_VNDR:
		if (cfg_need(c, start + 4, 4, "vendor-specific capability",
			     err) < 0)
			return -1;
		*len = 4 + (le32(c->b + start + 4) >> 20);
		return 0;
	case EXT_CAP_ACS:
		return acs_cap_len(c, start, len, err);
	case EXT_CAP_VC:
	case EXT_CAP_VC9:
		*len = 16;
		return 0;
	case EXT_CAP_MFVC:
		*len = 4;
		return 0;
	case EXT_CAP_LTR:
	case EXT_CAP_ARI:
	case EXT_CAP_PASID:
		*len = 8;
		return 0;
	case EXT_CAP_DSN:
	case EXT_CAP_PTM:
		*len = 12;
		return 0;
	case EXT_CAP_PWR:
	case EXT_CAP_SECPCI:
		*len = 16;
		return 0;
	case EXT_CAP_MCAST:
		*len = 48;
		return 0;
	case EXT_CAP_SRIOV:
	case EXT_CAP_ERR:
		*len = 64;
		return 0;
	default:
		*len = 4;
		return 0;
	}
}

/* The extended list, from 0x100. A header of all zeroes still makes one
 * entry (id 0, 4 bytes), as in Jailhouse's generator; id 0xffff ends the
 * walk. */
static int walk_ext_caps(const struct cfg_view *c, struct pci_dev *d,
			 struct jh_error *err)
{
	if (c->len <= CFG_LEGACY_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: config space is %zu bytes for a PCI Express device: read it as root",
			       c->file, c->len);
	bool visited[CFG_EXT_LEN] = { false };
	size_t next = CFG_LEGACY_LEN;
	while (next != 0) {
		size_t start = next;
		if (start < CFG_LEGACY_LEN)
			return jh_fail(err, JH_BADINPUT,
				       "%s: extended capability pointer 0x%03zx points below 0x100",
				       c->file, start);
		if (cfg_need(c, start, 4, "extended capability", err) < 0)
			return -1;
		if (visited[start])
			return jh_fail(err, JH_BADINPUT,
				       "%s: extended capability list loops back to 0x%03zx",
				       c->file, start);
		visited[start] = true;
		uint32_t hdr = le32(c->b + start);
		uint16_t id = hdr & 0xffff;
		if (id == EXT_CAP_ID_END)
			break;
		if (id & EXT_CAP_RESERVED_BIT)
			return jh_fail(err, JH_BADINPUT,
				       "%s: extended capability at 0x%03zx has id 0x%04x, which has the reserved bit 15 set",
				       c->file, start, id);
		next = hdr >> 20;
		unsigned len;
		if (ext_cap_len(c, start, id, &len, err) < 0)
			return -1;
		add_cap(d, id, true, start, len, false);
	}
	return 0;
}

/* MSI and MSI-X facts from the standard capabilities; when a device has
 * several of one kind, the last valid one counts (as in Jailhouse). The
 * capability walk has checked the bytes read here. */
static void derive_msi(const struct cfg_view *c, struct pci_dev *d)
{
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct pci_cap *cap = &d->caps[i];
		if (cap->extended ||
		    (cap->id != CAP_ID_MSI && cap->id != CAP_ID_MSIX))
			continue;
		uint16_t ctrl = le16(c->b + cap->start + 2);
		if (cap->id == CAP_ID_MSI) {
			d->msi_vectors = 1u << ((ctrl >> 1) & 7);
			d->msi_64bits = ctrl & MSI_CTRL_64BIT;
			d->msi_maskable = ctrl & MSI_CTRL_MASKABLE;
			continue;
		}
		struct msix_table t;
		if (msix_table_of(c, cap->start, &t, NULL) < 0)
			continue;
		if (!t.in_memory || t.address == 0)
			continue;  /* recorded or warned about by the walk */
		d->msix_vectors = (ctrl & MSIX_CTRL_TABLE_SIZE) + 1;
		/* Jailhouse masks with 0xf000; the size is below 64 KiB, so
		 * this is a round-up to whole pages. */
		d->msix_region_size = (d->msix_vectors * 16 + 0xfff) & 0xf000;
		d->msix_bir = t.bir;
		d->msix_table_offset = t.offset;
		d->msix_address = t.address;
	}
}

static void reset_config_fields(struct pci_dev *d)
{
	free(d->config);
	free(d->caps);
	d->config = NULL;
	d->config_len = d->config_zero_tail = 0;
	d->caps = NULL;
	d->ncaps = d->caps_cap = 0;
	d->vendor_id = d->device_id = 0;
	d->subsys_vendor = d->subsys_device = 0;
	d->class_code = 0;
	d->revision = d->header_type = 0;
	d->is_bridge = d->is_pcie = false;
	d->secondary_bus = d->subordinate_bus = 0;
	d->msi_vectors = 0;
	d->msi_64bits = d->msi_maskable = false;
	d->msix_vectors = 0;
	d->msix_bir = 0;
	d->msix_table_offset = 0;
	d->msix_address = 0;
	d->msix_region_size = 0;
	d->msix_not_memory = false;
	d->msix_bad_cap = 0;
	d->msix_bad_bir = 0;
	d->msix_bad_bar = 0;
}

static int parse_caps(const struct cfg_view *c, struct pci_dev *d,
		      struct jh_findings *diag, struct jh_error *err)
{
	if (!(le16(c->b + CFG_STATUS) & STATUS_CAP_LIST))
		return 0;
	if (walk_std_caps(c, d, diag, err) < 0)
		return -1;
	if (d->is_pcie && walk_ext_caps(c, d, err) < 0)
		return -1;
	derive_msi(c, d);
	return 0;
}

/* A copy of the config space without its zero tail (machine.h). */
static void keep_config(struct pci_dev *d, const unsigned char *cfg, size_t len)
{
	size_t held = mem_nonzero_len(cfg, len);
	d->config = xmalloc(held);
	memcpy(d->config, cfg, held);
	d->config_len = len;
	d->config_zero_tail = len - held;
}

int parse_pci_config(const char *file, const unsigned char *cfg, size_t len,
		     struct pci_dev *d, struct jh_findings *diag,
		     struct jh_error *err)
{
	reset_config_fields(d);
	if (len < CFG_HEADER_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu bytes of config space, at least 64 expected",
			       file, len);
	if (len > CFG_EXT_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu bytes of config space, at most 4096 expected",
			       file, len);
	const struct cfg_view c = { .file = file, .b = cfg, .len = len };
	parse_header(&c, d);
	keep_config(d, cfg, len);
	/* An all-ones id means nothing answered: the caller skips the
	 * device, and its capability pointers are garbage. */
	if (d->vendor_id == 0xffff && d->device_id == 0xffff)
		return 0;
	if (parse_caps(&c, d, diag, err) < 0) {
		reset_config_fields(d);
		return -1;
	}
	return 0;
}

int parse_pci_config_header(const char *file, const unsigned char *cfg, size_t len,
			    struct pci_dev *d, struct jh_error *err)
{
	reset_config_fields(d);
	if (len < CFG_HEADER_LEN || len > CFG_EXT_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu bytes of config space, 64 to 4096 expected", file, len);
	const struct cfg_view c = { .file = file, .b = cfg, .len = len };
	parse_header(&c, d);
	keep_config(d, cfg, len);
	return 0;
}

bool parse_pci_slot(const char *slot, uint16_t *domain, uint8_t *bus,
		    uint8_t *dev, uint8_t *fn)
{
	/* dddd:bb:dd.f, all hex, exact widths as sysfs prints them; the
	 * numbers are base/format's BDF grammar */
	static const char shape[] = "xxxx:xx:xx.x";
	if (strlen(slot) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if ((shape[i] == 'x') != (slot[i] != ':' && slot[i] != '.'))
			return false;
	uint16_t bdf;
	if (!parse_bdf(slot, domain, &bdf))
		return false;
	*bus = (uint8_t)(bdf >> 8);
	*dev = (uint8_t)((bdf >> 3) & 0x1f);
	*fn = (uint8_t)(bdf & 7);
	return true;
}
