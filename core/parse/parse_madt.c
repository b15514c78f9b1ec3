/* SPDX-License-Identifier: GPL-2.0-only */
/* MADT ("APIC"): the interrupt controllers. After the common header come
 * the local APIC address and flags, then a list of (type, length) entries.
 * We keep local APICs (xAPIC and x2APIC), IOAPICs and interrupt source
 * overrides; other entry types are skipped by their length. */
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

#define MADT_FIXED_LEN 44u      /* header + local APIC address + flags */

enum madt_entry_type {
	MADT_LOCAL_APIC = 0,
	MADT_IOAPIC = 1,
	MADT_INT_OVERRIDE = 2,
	MADT_LOCAL_X2APIC = 9,
};

/* The bytes an entry of a known type must have; 2 (just the type and
 * length) for the types we skip. */
static unsigned madt_entry_min_len(uint8_t type)
{
	switch (type) {
	case MADT_LOCAL_APIC:
		return 8;
	case MADT_IOAPIC:
		return 12;
	case MADT_INT_OVERRIDE:
		return 10;
	case MADT_LOCAL_X2APIC:
		return 16;
	default:
		return 2;
	}
}

static void madt_add_entry(struct madt *out, const unsigned char *e)
{
	switch (e[0]) {
	case MADT_LOCAL_APIC: {
		struct local_apic *l = ARRAY_PUSH(out->lapics, out->nlapics,
						  out->lapics_cap);
		l->processor_id = e[2];
		l->apic_id = e[3];
		l->flags = le32(e + 4);
		l->x2apic = false;
		break;
	}
	case MADT_IOAPIC: {
		struct ioapic *io = ARRAY_PUSH(out->ioapics, out->nioapics,
					       out->ioapics_cap);
		io->id = e[2];
		io->address = le32(e + 4);
		io->gsi_base = le32(e + 8);
		break;
	}
	case MADT_INT_OVERRIDE: {
		struct int_override *o = ARRAY_PUSH(out->overrides,
						    out->noverrides,
						    out->overrides_cap);
		o->bus = e[2];
		o->source = e[3];
		o->gsi = le32(e + 4);
		o->flags = le16(e + 8);
		break;
	}
	case MADT_LOCAL_X2APIC: {
		struct local_apic *l = ARRAY_PUSH(out->lapics, out->nlapics,
						  out->lapics_cap);
		l->apic_id = le32(e + 4);
		l->flags = le32(e + 8);
		l->processor_id = (uint8_t)le32(e + 12);
		l->x2apic = true;
		break;
	}
	default:
		break;
	}
}

static int madt_walk_entries(const char *file, const unsigned char *data,
			     uint32_t length, struct madt *out,
			     struct jh_error *err)
{
	size_t off = MADT_FIXED_LEN;
	while (off < length) {
		if (length - off < 2)
			return jh_fail(err, JH_BADINPUT,
				       "%s: MADT entry at offset %zu is cut "
				       "off by the end of the table", file, off);
		const unsigned char *e = data + off;
		uint8_t type = e[0], elen = e[1];
		/* A zero length would never advance: refuse instead of
		 * looping like some tools do. */
		if (elen < 2)
			return jh_fail(err, JH_BADINPUT,
				       "%s: MADT entry at offset %zu (type %u) "
				       "has length %u", file, off, type, elen);
		if (elen > length - off)
			return jh_fail(err, JH_BADINPUT,
				       "%s: MADT entry at offset %zu (type %u, "
				       "length %u) runs past the end of the "
				       "table (%u bytes)",
				       file, off, type, elen, length);
		if (elen < madt_entry_min_len(type))
			return jh_fail(err, JH_BADINPUT,
				       "%s: MADT entry at offset %zu (type %u) "
				       "has length %u, needs %u",
				       file, off, type, elen,
				       madt_entry_min_len(type));
		madt_add_entry(out, e);
		off += elen;
	}
	return 0;
}

int parse_madt(const char *file, const unsigned char *data, size_t len,
	       struct madt *out, struct jh_findings *diag, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (acpi_check_header(file, data, len, "APIC", diag, err) != 0)
		return -1;
	uint32_t length;
	if (acpi_check_min_length(file, data, "MADT", MADT_FIXED_LEN,
				  "the local APIC address and flags", &length,
				  err) != 0)
		return -1;
	out->lapic_address = le32(data + 36);
	out->flags = le32(data + 40);
	if (madt_walk_entries(file, data, length, out, err) != 0) {
		madt_free(out);
		return -1;
	}
	return 0;
}

void madt_free(struct madt *m)
{
	if (!m)
		return;
	free(m->ioapics);
	free(m->lapics);
	free(m->overrides);
	memset(m, 0, sizeof(*m));
}
