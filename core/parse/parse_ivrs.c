/* SPDX-License-Identifier: GPL-2.0-only */
/* IVRS: AMD I/O virtualization (AMD IOMMU spec, section 5.2). After the
 * header come IVinfo and 8 reserved bytes, then blocks of (type u8,
 * flags u8, length u16). IVHD blocks (0x10, 0x11, 0x40) describe an IOMMU
 * and the devices it covers; IVMD blocks (0x20-0x22) describe memory that
 * devices need to reach. Every block's type is recorded in table order;
 * unknown types are skipped by their length. */
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

#define IVRS_FIRST_BLOCK 48u
#define IVRS_BLOCK_HDR 4u
#define IVHD10_ENTRIES 24u      /* type 0x10: device entries start here */
#define IVHD11_ENTRIES 40u      /* types 0x11, 0x40: after the EFR image */
#define IVMD_LEN 32u

/* Device entry types with a fixed meaning beyond the common fields. */
enum ivhd_entry_type {
	IVHD_ALIAS_SELECT = 0x42,
	IVHD_ALIAS_RANGE = 0x43,
	IVHD_SPECIAL = 0x48,
	IVHD_ACPI_HID = 0xf0,
};
#define IVHD_ACPI_HID_FIXED 22u /* bytes before the UID */

static bool is_ivhd(uint8_t type)
{
	return type == 0x10 || type == 0x11 || type == 0x40;
}

static bool is_ivmd(uint8_t type)
{
	return type >= 0x20 && type <= 0x22;
}

/* The size of the device entry at `e`, with `room` bytes left in its
 * block; 0 for variable-length types other than ACPI HID, which cannot be
 * sized. An ACPI HID entry cut before its UID length counts as its fixed
 * part, so that the caller reports it as running past the block. */
static size_t ivhd_entry_size(const unsigned char *e, size_t room)
{
	uint8_t type = e[0];
	if (type < 0x40)
		return 4;
	if (type < 0x80)
		return 8;
	if (type != IVHD_ACPI_HID)
		return 0;
	if (room < IVHD_ACPI_HID_FIXED)
		return IVHD_ACPI_HID_FIXED;
	return IVHD_ACPI_HID_FIXED + e[21];
}

static void ivhd_decode_entry(const unsigned char *e, struct ivhd_entry *out)
{
	memset(out, 0, sizeof(*out));
	out->type = e[0];
	/* Variable-length entries keep only their type. */
	if (e[0] >= 0x80)
		return;
	out->devid = le16(e + 1);
	out->dte = e[3];
	if (e[0] == IVHD_ALIAS_SELECT || e[0] == IVHD_ALIAS_RANGE)
		out->src_devid = le16(e + 5);
	if (e[0] == IVHD_SPECIAL) {
		out->handle = e[4];
		out->src_devid = le16(e + 5);
		out->variety = e[7];
	}
}

static int ivhd_walk_entries(const char *file, size_t blk_off,
			     const unsigned char *blk, size_t blen,
			     size_t first, struct ivhd *hd,
			     struct jh_error *err)
{
	size_t off = first;
	while (off < blen) {
		const unsigned char *e = blk + off;
		size_t size = ivhd_entry_size(e, blen - off);
		if (size == 0)
			return jh_fail(err, JH_BADINPUT,
				       "%s: IVHD device entry at offset %zu has "
				       "type 0x%02x, whose size is unknown",
				       file, blk_off + off, e[0]);
		if (size > blen - off)
			return jh_fail(err, JH_BADINPUT,
				       "%s: IVHD device entry at offset %zu "
				       "(type 0x%02x, %zu bytes) runs past the "
				       "end of its block", file, blk_off + off,
				       e[0], size);
		ivhd_decode_entry(e, ARRAY_PUSH(hd->entries, hd->nentries,
						hd->entries_cap));
		off += size;
	}
	return 0;
}

static int ivrs_parse_ivhd(const char *file, size_t off,
			   const unsigned char *blk, size_t blen,
			   struct ivrs *out, struct jh_error *err)
{
	size_t first = blk[0] == 0x10 ? IVHD10_ENTRIES : IVHD11_ENTRIES;
	if (blen < first)
		return jh_fail(err, JH_BADINPUT,
			       "%s: IVHD block at offset %zu (type 0x%02x) has "
			       "length %zu, needs %zu",
			       file, off, blk[0], blen, first);
	struct ivhd *hd = ARRAY_PUSH(out->hds, out->nhds, out->hds_cap);
	hd->type = blk[0];
	hd->flags = blk[1];
	hd->length = (uint16_t)blen;
	hd->bdf = le16(blk + 4);
	hd->cap_offset = le16(blk + 6);
	hd->base = le64(blk + 8);
	hd->segment = le16(blk + 16);
	hd->info = le16(blk + 18);
	hd->feature = le32(blk + 20);
	if (blk[0] != 0x10)
		hd->efr = le64(blk + 24);
	return ivhd_walk_entries(file, off, blk, blen, first, hd, err);
}

static int ivrs_parse_ivmd(const char *file, size_t off,
			   const unsigned char *blk, size_t blen,
			   struct ivrs *out, struct jh_error *err)
{
	if (blen < IVMD_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: IVMD block at offset %zu (type 0x%02x) has "
			       "length %zu, needs %u",
			       file, off, blk[0], blen, IVMD_LEN);
	struct ivmd *md = ARRAY_PUSH(out->mds, out->nmds, out->mds_cap);
	md->type = blk[0];
	md->flags = blk[1];
	md->devid = le16(blk + 4);
	md->aux = le16(blk + 6);
	md->start = le64(blk + 16);
	md->length = le64(blk + 24);
	return 0;
}

static int ivrs_walk_blocks(const char *file, const unsigned char *data,
			    uint32_t length, struct ivrs *out,
			    struct jh_error *err)
{
	size_t off = IVRS_FIRST_BLOCK;
	while (off < length) {
		if (length - off < IVRS_BLOCK_HDR)
			return jh_fail(err, JH_BADINPUT,
				       "%s: IVRS block at offset %zu is cut off "
				       "by the end of the table", file, off);
		const unsigned char *blk = data + off;
		uint8_t type = blk[0];
		uint16_t blen = le16(blk + 2);
		if (blen < IVRS_BLOCK_HDR)
			return jh_fail(err, JH_BADINPUT,
				       "%s: IVRS block at offset %zu (type "
				       "0x%02x) has length %u",
				       file, off, type, blen);
		if (blen > length - off)
			return jh_fail(err, JH_BADINPUT,
				       "%s: IVRS block at offset %zu (type "
				       "0x%02x, length %u) runs past the end of "
				       "the table (%u bytes)",
				       file, off, type, blen, length);
		*ARRAY_PUSH(out->block_types, out->nblocks,
			    out->blocks_cap) = type;
		int rc = 0;
		if (is_ivhd(type))
			rc = ivrs_parse_ivhd(file, off, blk, blen, out, err);
		else if (is_ivmd(type))
			rc = ivrs_parse_ivmd(file, off, blk, blen, out, err);
		if (rc != 0)
			return -1;
		off += blen;
	}
	return 0;
}

int parse_ivrs(const char *file, const unsigned char *data, size_t len,
	       struct ivrs *out, struct jh_findings *diag, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (acpi_check_header(file, data, len, "IVRS", diag, err) != 0)
		return -1;
	uint32_t length;
	if (acpi_check_min_length(file, data, "IVRS", IVRS_FIRST_BLOCK,
				  "IVinfo", &length, err) != 0)
		return -1;
	out->revision = data[8];
	out->ivinfo = le32(data + 36);
	if (ivrs_walk_blocks(file, data, length, out, err) != 0) {
		ivrs_free(out);
		return -1;
	}
	return 0;
}

void ivrs_free(struct ivrs *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhds; i++)
		free(r->hds[i].entries);
	free(r->hds);
	free(r->mds);
	free(r->block_types);
	memset(r, 0, sizeof(*r));
}
