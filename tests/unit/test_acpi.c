/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests of the ACPI table parsers. The expected values of the real
 * tables were decoded by hand from `xxd` dumps of the snapshot files (the
 * offsets are quoted next to each value); the synthetic tables are built
 * byte by byte here from the layouts in the ACPI, VT-d and AMD IOMMU
 * specifications. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parse/parsers.h"
#include "base/util.h"
#include "testutil.h"

#define TABLES(snap) JH_TEST_DATA "/snapshots/" snap "/sys/firmware/acpi/tables/"

/* ---- helpers ---- */

static unsigned char *load(const char *path, size_t *len)
{
	unsigned char *data = test_slurp(path, len);
	assert_true(*len > 0);
	return data;
}

/* Set the checksum byte so that the first `len` bytes sum to zero. */
static void fix_checksum(unsigned char *t, size_t len)
{
	uint8_t sum = 0;
	t[9] = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)-sum;
}

/* A table under construction: the 36-byte header, then the body. */
static void table_begin(struct buf *b, const char *sig, uint8_t revision)
{
	memset(b, 0, sizeof(*b));
	buf_append(b, sig, 4);
	buf_put_u32(b, 0);              /* length, set by table_end */
	buf_put_u8(b, revision);
	buf_put_u8(b, 0);               /* checksum, set by table_end */
	buf_append(b, "JHTEST", 6);
	buf_append(b, "JHTABLE ", 8);
	buf_put_zero(b, 12);            /* OEM revision, creator id/rev */
}

static void table_end(struct buf *b)
{
	uint32_t len = (uint32_t)b->len;
	for (int i = 0; i < 4; i++)
		b->data[4 + i] = (unsigned char)(len >> (8 * i));
	fix_checksum(b->data, b->len);
}

static void put_bytes(struct buf *b, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		buf_put_u8(b, (uint8_t)va_arg(ap, int));
	va_end(ap);
}

static void assert_error(int rc, struct jh_error *err, const char *part)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->status, JH_BADINPUT);
	assert_non_null(err->msg);
	if (!strstr(err->msg, part))
		fail_msg("error '%s' does not say '%s'", err->msg, part);
	assert_null(strchr(err->msg, '\n'));
	jh_error_clear(err);
}

static void assert_zero_bytes(const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i], 0);
}

/* ---- MADT ---- */

/* q35-jailhouse-doc APIC, 144 bytes. @36 fee00000, @40 flags 1. Four
 * type-0 entries at 44, 52, 60, 68: "00 08 0i 0i 01 00 00 00". The IOAPIC
 * at 76: "01 0c 00 00 | 00 00 c0 fe | 00 00 00 00". Overrides at 88, 98,
 * 108, 118, 128: "02 0a 00 SS GG 00 00 00 FF FF" with (source, gsi,
 * flags) = (0, 2, 0), (5, 5, 0xd), (9, 9, 0xd), (10, 10, 0xd),
 * (11, 11, 0xd). Last a type-4 NMI entry "04 06 ff 00 00 01" at 138. */
static void test_madt_q35(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "APIC", &len);
	struct madt m;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_madt("APIC", d, len, &m, &diag, &err), 0);
	assert_int_equal(diag.n, 0);
	assert_int_equal(m.lapic_address, 0xfee00000);
	assert_int_equal(m.flags, 1);

	assert_int_equal(m.nlapics, 4);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(m.lapics[i].processor_id, i);
		assert_int_equal(m.lapics[i].apic_id, i);
		assert_int_equal(m.lapics[i].flags, 1);
		assert_false(m.lapics[i].x2apic);
	}

	assert_int_equal(m.nioapics, 1);
	assert_int_equal(m.ioapics[0].id, 0);
	assert_int_equal(m.ioapics[0].address, 0xfec00000);
	assert_int_equal(m.ioapics[0].gsi_base, 0);

	static const struct int_override want[] = {
		{ 0, 0, 2, 0 }, { 0, 5, 5, 0xd }, { 0, 9, 9, 0xd },
		{ 0, 10, 10, 0xd }, { 0, 11, 11, 0xd },
	};
	assert_int_equal(m.noverrides, 5);
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(m.overrides[i].bus, want[i].bus);
		assert_int_equal(m.overrides[i].source, want[i].source);
		assert_int_equal(m.overrides[i].gsi, want[i].gsi);
		assert_int_equal(m.overrides[i].flags, want[i].flags);
	}
	madt_free(&m);
	free(d);
}

/* cloud-vm APIC, 72 bytes, revision 6: @36 fee00000, @40 flags 0, an
 * IOAPIC at 44 (id 0, fec00000, GSI 0), local APICs at 56 and 64
 * (processor 0/APIC 0 and 1/1, enabled). */
static void test_madt_cloud_vm(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("cloud-vm") "APIC", &len);
	struct madt m;
	struct jh_error err = { 0 };
	assert_int_equal(parse_madt("APIC", d, len, &m, NULL, &err), 0);
	assert_int_equal(m.lapic_address, 0xfee00000);
	assert_int_equal(m.flags, 0);
	assert_int_equal(m.nioapics, 1);
	assert_int_equal(m.ioapics[0].address, 0xfec00000);
	assert_int_equal(m.nlapics, 2);
	assert_int_equal(m.lapics[1].processor_id, 1);
	assert_int_equal(m.lapics[1].apic_id, 1);
	assert_int_equal(m.lapics[1].flags, 1);
	assert_int_equal(m.noverrides, 0);
	madt_free(&m);
	free(d);
}

/* A local x2APIC entry (type 9, 16 bytes): x2APIC id 0x100, enabled,
 * UID 0x1234 (processor_id keeps its low byte, 0x34); then an unknown
 * type 0x7f entry of 3 bytes that must be skipped. */
static void test_madt_x2apic(void **state)
{
	(void)state;
	struct buf b;
	table_begin(&b, "APIC", 5);
	buf_put_u32(&b, 0xfee00000);
	buf_put_u32(&b, 0);
	put_bytes(&b, 4, 9, 16, 0, 0);
	buf_put_u32(&b, 0x100);
	buf_put_u32(&b, 1);
	buf_put_u32(&b, 0x1234);
	put_bytes(&b, 3, 0x7f, 3, 0xaa);
	table_end(&b);
	struct madt m;
	struct jh_error err = { 0 };
	assert_int_equal(parse_madt("t", b.data, b.len, &m, NULL, &err), 0);
	assert_int_equal(m.nlapics, 1);
	assert_true(m.lapics[0].x2apic);
	assert_int_equal(m.lapics[0].apic_id, 0x100);
	assert_int_equal(m.lapics[0].flags, 1);
	assert_int_equal(m.lapics[0].processor_id, 0x34);
	madt_free(&m);
	buf_free(&b);
}

/* A table whose only entry is `entry` (n bytes), with a good checksum. */
static int parse_madt_with_entry(const unsigned char *entry, size_t n,
				 struct madt *m, struct jh_error *err)
{
	struct buf b;
	table_begin(&b, "APIC", 1);
	buf_put_u32(&b, 0xfee00000);
	buf_put_u32(&b, 1);
	buf_append(&b, entry, n);
	table_end(&b);
	int rc = parse_madt("APIC", b.data, b.len, m, NULL, err);
	buf_free(&b);
	return rc;
}

static void test_madt_bad_entries(void **state)
{
	(void)state;
	struct madt m;
	struct jh_error err = { 0 };

	/* Length 0 would never advance (Jailhouse master loops forever). */
	static const unsigned char zero_len[] = { 0, 0, 0, 0, 1, 0, 0, 0 };
	assert_error(parse_madt_with_entry(zero_len, sizeof(zero_len), &m,
					   &err), &err, "has length 0");
	assert_zero_bytes(&m, sizeof(m));

	/* Length 1 cannot even hold the type and length. */
	static const unsigned char one_len[] = { 0x10, 1, 0, 0 };
	assert_error(parse_madt_with_entry(one_len, sizeof(one_len), &m,
					   &err), &err, "has length 1");

	/* A local APIC entry of 8 bytes whose length says 12: past the end. */
	static const unsigned char past[] = { 0, 12, 0, 0, 1, 0, 0, 0 };
	assert_error(parse_madt_with_entry(past, sizeof(past), &m, &err),
		     &err, "past the end");

	/* An IOAPIC entry needs 12 bytes; this one says 8. */
	static const unsigned char short_ioapic[] = { 1, 8, 0, 0, 0, 0, 0xc0,
						      0xfe };
	assert_error(parse_madt_with_entry(short_ioapic, sizeof(short_ioapic),
					   &m, &err), &err, "needs 12");

	/* A lone byte at the end: the entry header itself is cut off. */
	static const unsigned char lone[] = { 0, 8, 0, 0, 1, 0, 0, 0, 0 };
	assert_error(parse_madt_with_entry(lone, sizeof(lone), &m, &err),
		     &err, "cut off");

	/* A valid entry followed by a zero-length one: the first entry's
	 * arrays must be freed and the model left empty. */
	static const unsigned char good_then_zero[] = {
		0, 8, 0, 0, 1, 0, 0, 0,  0, 0,
	};
	assert_error(parse_madt_with_entry(good_then_zero,
					   sizeof(good_then_zero), &m, &err),
		     &err, "offset 52");
	assert_zero_bytes(&m, sizeof(m));
}

/* ---- common header ---- */

static void test_header_errors(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "MCFG", &len);
	struct madt m;
	struct mcfg c;
	struct jh_error err = { 0 };

	assert_error(parse_madt("/t/MCFG", d, len, &m, NULL, &err), &err,
		     "/t/MCFG: signature is 'MCFG', expected 'APIC'");
	assert_zero_bytes(&m, sizeof(m));

	/* Shorter than the header. */
	assert_error(parse_mcfg("f", d, 35, &c, NULL, &err), &err,
		     "f: 35 bytes, shorter than the 36-byte");
	assert_error(parse_mcfg("f", d, 0, &c, NULL, &err), &err, "0 bytes");
	assert_error(parse_mcfg("f", NULL, 0, &c, NULL, &err), &err,
		     "0 bytes");

	/* The header says 60 bytes; the file was cut at 59. */
	assert_error(parse_mcfg("f", d, 59, &c, NULL, &err), &err,
		     "length 60 is past the end of the file (59 bytes)");

	/* A header length below 36. */
	unsigned char *small = xmalloc(len);
	memcpy(small, d, len);
	small[4] = 35;
	assert_error(parse_mcfg("f", small, len, &c, NULL, &err), &err,
		     "length 35");

	/* Garbage signatures are shown without control characters. */
	memcpy(small, "\x01" "AB\n", 4);
	assert_error(parse_mcfg("f", small, len, &c, NULL, &err), &err,
		     "signature is '?AB?'");
	free(small);

	/* Bytes after `length` are not part of the table: a file with
	 * trailing garbage parses like the table alone. */
	unsigned char *longer = xcalloc(1, len + 7);
	memcpy(longer, d, len);
	memset(longer + len, 0x5a, 7);
	struct jh_findings diag = { 0 };
	assert_int_equal(parse_mcfg("f", longer, len + 7, &c, &diag, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(diag.n, 0);
	mcfg_free(&c);
	free(longer);
	free(d);
}

/* q35-jailhouse-doc MCFG has a good checksum (0x8c at @9). Changing the
 * checksum byte breaks the sum: a warning normally, an error when
 * strict. */
static void test_checksum(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "MCFG", &len);
	struct jh_error err = { 0 };
	struct jh_findings diag = { 0 };
	assert_int_equal(acpi_check_header("MCFG", d, len, "MCFG", &diag,
					   &err), 0);
	assert_int_equal(diag.n, 0);

	d[9] = 0x8d;
	struct mcfg c;
	assert_int_equal(parse_mcfg("/x/MCFG", d, len, &c, &diag, &err), 0);
	assert_null(err.msg);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.allocs[0].base, 0xb0000000);
	mcfg_free(&c);
	assert_int_equal(diag.n, 1);
	const char *w = diag.v[0].msg;
	assert_true(strncmp(w, "/x/MCFG: ACPI checksum is wrong (", 33) == 0);
	assert_non_null(strstr(w, "0x8c"));     /* the byte it should be */
	assert_non_null(strstr(w, "; using the table anyway"));
	jh_findings_free(&diag);

	diag.strict = true;
	assert_error(parse_mcfg("/x/MCFG", d, len, &c, &diag, &err), &err,
		     "/x/MCFG: ACPI checksum is wrong");
	assert_int_equal(diag.n, 0);
	assert_zero_bytes(&c, sizeof(c));
	free(d);
}

/* ---- MCFG ---- */

/* q35-jailhouse-doc MCFG, 60 bytes: one allocation at 44,
 * "00 00 00 b0 00 00 00 00 | 00 00 | 00 | ff | 00 00 00 00". */
static void test_mcfg_q35(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "MCFG", &len);
	struct mcfg c;
	struct jh_error err = { 0 };
	assert_int_equal(parse_mcfg("MCFG", d, len, &c, NULL, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.allocs[0].base, 0xb0000000);
	assert_int_equal(c.allocs[0].segment, 0);
	assert_int_equal(c.allocs[0].start_bus, 0);
	assert_int_equal(c.allocs[0].end_bus, 0xff);
	mcfg_free(&c);
	free(d);
}

/* cloud-vm MCFG: base "00 00 c0 ee 00 00 00 00" at 44, bus 0 to 0. */
static void test_mcfg_cloud_vm(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("cloud-vm") "MCFG", &len);
	struct mcfg c;
	struct jh_error err = { 0 };
	assert_int_equal(parse_mcfg("MCFG", d, len, &c, NULL, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.allocs[0].base, 0xeec00000);
	assert_int_equal(c.allocs[0].start_bus, 0);
	assert_int_equal(c.allocs[0].end_bus, 0);
	mcfg_free(&c);
	free(d);
}

static void test_mcfg_synthetic(void **state)
{
	(void)state;
	struct buf b;
	table_begin(&b, "MCFG", 1);
	buf_put_zero(&b, 8);
	buf_put_u64(&b, 0x3000000000ull);       /* two segments */
	buf_put_u16(&b, 1);
	put_bytes(&b, 2, 0x10, 0x3f);
	buf_put_zero(&b, 4);
	buf_put_u64(&b, 0xe0000000);
	buf_put_u16(&b, 0);
	put_bytes(&b, 2, 0, 0xff);
	buf_put_zero(&b, 4);
	table_end(&b);
	struct mcfg c;
	struct jh_error err = { 0 };
	assert_int_equal(parse_mcfg("t", b.data, b.len, &c, NULL, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.allocs[0].base, 0x3000000000ull);
	assert_int_equal(c.allocs[0].segment, 1);
	assert_int_equal(c.allocs[0].start_bus, 0x10);
	assert_int_equal(c.allocs[0].end_bus, 0x3f);
	assert_int_equal(c.allocs[1].base, 0xe0000000);
	mcfg_free(&c);

	/* Empty: no allocation at all is a valid (if useless) table. */
	b.len = 44;
	table_end(&b);
	assert_int_equal(parse_mcfg("t", b.data, b.len, &c, NULL, &err), 0);
	assert_int_equal(c.n, 0);

	/* Half an allocation. */
	b.len = 44 + 8;
	table_end(&b);
	assert_error(parse_mcfg("t", b.data, b.len, &c, NULL, &err), &err,
		     "partial allocation");

	/* Too short for the reserved field. */
	b.len = 40;
	table_end(&b);
	assert_error(parse_mcfg("t", b.data, b.len, &c, NULL, &err), &err,
		     "too short");
	buf_free(&b);
}

/* ---- DMAR ---- */

/* q35-jailhouse-doc DMAR, 128 bytes. @36 host address width 0x26 (a
 * 39-bit space), @37 flags 0x01 (INTR_REMAP). One DRHD at 48:
 * "00 00 | 50 00 | 00 | 00 | 00 00 | 00 00 d9 fe 00 00 00 00": flags 0
 * (no INCLUDE_PCI_ALL), segment 0, base 0xfed90000, length 80. Its scopes
 * from 64, 8 bytes each: "03 08 00 00 00 ff 00 00" (IOAPIC, enum id 0,
 * bus 0xff, path 00.0), then endpoints (type 1) on bus 0 at 00.0, 01.0,
 * 02.0, 1b.0, 1f.0, 1f.2, 1f.3. */
static void test_dmar_q35(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "DMAR", &len);
	struct dmar r;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_dmar("DMAR", d, len, &r, &diag, &err), 0);
	assert_int_equal(diag.n, 0);
	assert_int_equal(r.host_addr_width, 0x26);
	assert_int_equal(r.flags, 1);
	assert_int_equal(r.nrmrrs, 0);
	assert_int_equal(r.ndrhds, 1);
	const struct dmar_drhd *u = &r.drhds[0];
	assert_int_equal(u->flags, 0);
	assert_int_equal(u->segment, 0);
	assert_int_equal(u->base, 0xfed90000);
	assert_int_equal(u->nscopes, 8);

	assert_int_equal(u->scopes[0].type, 3);
	assert_int_equal(u->scopes[0].enum_id, 0);
	assert_int_equal(u->scopes[0].bus, 0xff);
	assert_int_equal(u->scopes[0].npath, 1);
	assert_int_equal(u->scopes[0].path[0].dev, 0);
	assert_int_equal(u->scopes[0].path[0].fn, 0);

	static const uint8_t devfn[7][2] = {
		{ 0, 0 }, { 1, 0 }, { 2, 0 }, { 0x1b, 0 }, { 0x1f, 0 },
		{ 0x1f, 2 }, { 0x1f, 3 },
	};
	for (unsigned i = 0; i < 7; i++) {
		const struct dmar_scope *s = &u->scopes[1 + i];
		assert_int_equal(s->type, 1);
		assert_int_equal(s->bus, 0);
		assert_int_equal(s->npath, 1);
		assert_int_equal(s->path[0].dev, devfn[i][0]);
		assert_int_equal(s->path[0].fn, devfn[i][1]);
	}
	dmar_free(&r);
	free(d);
}

/* A DMAR with: an RMRR (segment 0, 0xbf000000..0xbf7fffff) with an
 * endpoint scope behind a bridge (bus 0, path 1c.0 then 00.0); an ATSR
 * (type 2) to skip; a DRHD with INCLUDE_PCI_ALL, segment 1, base
 * 0xfed91000 and an HPET scope (enum id 0, bus 0, 1f.0). */
static void build_dmar(struct buf *b)
{
	table_begin(b, "DMAR", 1);
	put_bytes(b, 2, 45, 0x05);
	buf_put_zero(b, 10);
	buf_put_u16(b, 1);                      /* RMRR */
	buf_put_u16(b, 24 + 10);
	buf_put_zero(b, 2);
	buf_put_u16(b, 0);
	buf_put_u64(b, 0xbf000000);
	buf_put_u64(b, 0xbf7fffff);
	put_bytes(b, 10, 1, 10, 0, 0, 0, 0, 0x1c, 0, 0, 0);
	buf_put_u16(b, 2);                      /* ATSR, skipped */
	buf_put_u16(b, 8);
	put_bytes(b, 4, 0xde, 0xad, 0xbe, 0xef);
	buf_put_u16(b, 0);                      /* DRHD */
	buf_put_u16(b, 16 + 8);
	put_bytes(b, 2, 1, 0);
	buf_put_u16(b, 1);
	buf_put_u64(b, 0xfed91000);
	put_bytes(b, 8, 4, 8, 0, 0, 0, 0, 0x1f, 0);
	table_end(b);
}

static void test_dmar_synthetic(void **state)
{
	(void)state;
	struct buf b;
	build_dmar(&b);
	struct dmar r;
	struct jh_error err = { 0 };
	assert_int_equal(parse_dmar("t", b.data, b.len, &r, NULL, &err), 0);
	assert_int_equal(r.host_addr_width, 45);
	assert_int_equal(r.flags, 5);
	assert_int_equal(r.nrmrrs, 1);
	assert_int_equal(r.rmrrs[0].base, 0xbf000000);
	assert_int_equal(r.rmrrs[0].limit, 0xbf7fffff);
	assert_int_equal(r.rmrrs[0].nscopes, 1);
	assert_int_equal(r.rmrrs[0].scopes[0].npath, 2);
	assert_int_equal(r.rmrrs[0].scopes[0].path[0].dev, 0x1c);
	assert_int_equal(r.rmrrs[0].scopes[0].path[1].dev, 0);
	assert_int_equal(r.ndrhds, 1);
	assert_int_equal(r.drhds[0].flags, 1);
	assert_int_equal(r.drhds[0].segment, 1);
	assert_int_equal(r.drhds[0].base, 0xfed91000);
	assert_int_equal(r.drhds[0].nscopes, 1);
	assert_int_equal(r.drhds[0].scopes[0].type, 4);
	assert_int_equal(r.drhds[0].scopes[0].path[0].dev, 0x1f);
	dmar_free(&r);
	buf_free(&b);
}

/* Patch one byte of the q35 DMAR, fix the checksum, expect an error. */
static void dmar_patched_fails(size_t off, uint8_t val, const char *part)
{
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "DMAR", &len);
	d[off] = val;
	fix_checksum(d, len);
	struct dmar r;
	struct jh_error err = { 0 };
	assert_error(parse_dmar("DMAR", d, len, &r, NULL, &err), &err, part);
	assert_zero_bytes(&r, sizeof(r));
	free(d);
}

static void test_dmar_bad(void **state)
{
	(void)state;
	/* The last scope (at 120, length @121) claims 10 bytes; only 8 are
	 * left in the DRHD. */
	dmar_patched_fails(121, 10, "runs past the end of its structure");
	/* Scope lengths below 6 or with half a path entry. */
	dmar_patched_fails(121, 4, "has length 4");
	dmar_patched_fails(121, 7, "has length 7");
	/* DRHD length (@50) 0, 3, shorter than its fixed part, past the
	 * table. */
	dmar_patched_fails(50, 0, "has length 0");
	dmar_patched_fails(50, 3, "has length 3");
	dmar_patched_fails(50, 12, "needs 16");
	dmar_patched_fails(50, 0x58, "past the end of the table");
	/* Length 20: the DRHD ends 4 bytes into its first scope. */
	dmar_patched_fails(50, 20, "runs past the end of its structure");
}

static void test_dmar_long_path(void **state)
{
	(void)state;
	struct buf b;
	table_begin(&b, "DMAR", 1);
	put_bytes(&b, 2, 39, 0);
	buf_put_zero(&b, 10);
	unsigned scope_len = 6 + 2 * (DMAR_SCOPE_MAX_PATH + 1);
	buf_put_u16(&b, 0);
	buf_put_u16(&b, (uint16_t)(16 + scope_len));
	buf_put_zero(&b, 4);
	buf_put_u64(&b, 0xfed90000);
	put_bytes(&b, 6, 2, scope_len, 0, 0, 0, 0);
	buf_put_zero(&b, scope_len - 6);
	table_end(&b);
	struct dmar r;
	struct jh_error err = { 0 };
	assert_error(parse_dmar("t", b.data, b.len, &r, NULL, &err), &err,
		     "path of 17 hops");

	/* Exactly DMAR_SCOPE_MAX_PATH hops is fine: shrink scope and DRHD
	 * by 2 bytes. */
	scope_len -= 2;
	b.len -= 2;
	b.data[50] = (unsigned char)(16 + scope_len);
	b.data[65] = (unsigned char)scope_len;
	table_end(&b);
	assert_int_equal(parse_dmar("t", b.data, b.len, &r, NULL, &err), 0);
	assert_int_equal(r.drhds[0].scopes[0].npath, DMAR_SCOPE_MAX_PATH);
	dmar_free(&r);
	buf_free(&b);
}

/* ---- IVRS ---- */

/* q35-amd IVRS, 112 bytes, revision 1, @36 IVinfo 0x00002800. One block
 * at 48: "10 d1 40 00 | 10 00 | 40 00 | 00 00 d8 fe 00 00 00 00 | 00 00 |
 * 00 00 | 44 00 00 00": type 0x10, flags 0xd1, length 64, IOMMU at BDF
 * 0x0010 (00:02.0, the amd-iommu function), capability at 0x40, base
 * 0xfed80000, segment 0, info 0, features 0x44. Device entries from 72:
 * eight selects "02 DD DD 00" for devices 0x00, 0x08, 0x10, 0x18, 0x20,
 * 0xf8, 0xfa, 0xfb, then "48 00 00 00 00 a0 00 01": the special IOAPIC
 * (handle 0) at 0x00a0 = 00:14.0. */
static void test_ivrs_q35_amd(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-amd") "IVRS", &len);
	struct ivrs r;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_ivrs("IVRS", d, len, &r, &diag, &err), 0);
	assert_int_equal(diag.n, 0);
	assert_int_equal(r.revision, 1);
	assert_int_equal(r.ivinfo, 0x2800);
	assert_int_equal(r.nblocks, 1);
	assert_int_equal(r.block_types[0], 0x10);
	assert_int_equal(r.nmds, 0);
	assert_int_equal(r.nhds, 1);
	const struct ivhd *h = &r.hds[0];
	assert_int_equal(h->type, 0x10);
	assert_int_equal(h->flags, 0xd1);
	assert_int_equal(h->length, 64);
	assert_int_equal(h->bdf, 0x0010);
	assert_int_equal(h->cap_offset, 0x40);
	assert_int_equal(h->base, 0xfed80000);
	assert_int_equal(h->segment, 0);
	assert_int_equal(h->info, 0);
	assert_int_equal(h->feature, 0x44);
	assert_int_equal(h->efr, 0);

	static const uint16_t select[] = {
		0x00, 0x08, 0x10, 0x18, 0x20, 0xf8, 0xfa, 0xfb,
	};
	assert_int_equal(h->nentries, 9);
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(h->entries[i].type, 2);
		assert_int_equal(h->entries[i].devid, select[i]);
		assert_int_equal(h->entries[i].dte, 0);
	}
	const struct ivhd_entry *sp = &h->entries[8];
	assert_int_equal(sp->type, 0x48);
	assert_int_equal(sp->handle, 0);
	assert_int_equal(sp->src_devid, 0x00a0);
	assert_int_equal(sp->variety, 1);
	ivrs_free(&r);
	free(d);
}

/* An IVRS with: an unknown block 0x50 (8 bytes) first; an IVHD 0x11 with
 * an EFR image, an alias-select entry (0x42), an ACPI HID entry (0xf0)
 * with a 3-byte UID, a range start (3) and end (4); an IVMD 0x21. */
static void build_ivrs(struct buf *b)
{
	table_begin(b, "IVRS", 2);
	buf_put_u32(b, 0x00203041);
	buf_put_zero(b, 8);
	put_bytes(b, 8, 0x50, 0, 8, 0, 1, 2, 3, 4);
	unsigned ivhd_len = 40 + 8 + 25 + 4 + 4;
	put_bytes(b, 4, 0x11, 0xb0, ivhd_len, 0);
	buf_put_u16(b, 0x0002);                 /* 00:00.2 */
	buf_put_u16(b, 0x40);
	buf_put_u64(b, 0xfeb80000);
	buf_put_u16(b, 0);
	buf_put_u16(b, 0x1300);
	buf_put_u32(b, 0x00080000);
	buf_put_u64(b, 0x0000246577efa2a5ull);
	buf_put_zero(b, 8);
	put_bytes(b, 8, 0x42, 0x00, 0x01, 0x00, 0x00, 0x08, 0x03, 0x00);
	put_bytes(b, 22, 0xf0, 0xa0, 0x00, 0xd7, 'A', 'M', 'D', 'I', '0',
		  '0', '4', '0', 0, 0, 0, 0, 0, 0, 0, 0, 2, 3);
	put_bytes(b, 3, 'X', 'Y', 'Z');
	put_bytes(b, 4, 0x03, 0x00, 0x02, 0x00);
	put_bytes(b, 4, 0x04, 0xff, 0x02, 0x00);
	put_bytes(b, 4, 0x21, 0x08, 32, 0);
	buf_put_u16(b, 0x0100);
	buf_put_u16(b, 0);
	buf_put_zero(b, 8);
	buf_put_u64(b, 0x9d000000);
	buf_put_u64(b, 0x100000);
	table_end(b);
}

static void test_ivrs_synthetic(void **state)
{
	(void)state;
	struct buf b;
	build_ivrs(&b);
	struct ivrs r;
	struct jh_error err = { 0 };
	assert_int_equal(parse_ivrs("t", b.data, b.len, &r, NULL, &err), 0);
	assert_int_equal(r.revision, 2);
	assert_int_equal(r.ivinfo, 0x00203041);
	assert_int_equal(r.nblocks, 3);
	assert_int_equal(r.block_types[0], 0x50);
	assert_int_equal(r.block_types[1], 0x11);
	assert_int_equal(r.block_types[2], 0x21);
	assert_int_equal(r.nhds, 1);
	const struct ivhd *h = &r.hds[0];
	assert_int_equal(h->type, 0x11);
	assert_int_equal(h->length, 81);
	assert_int_equal(h->bdf, 2);
	assert_int_equal(h->base, 0xfeb80000);
	assert_int_equal(h->info, 0x1300);
	assert_int_equal(h->feature, 0x00080000);
	assert_int_equal(h->efr, 0x0000246577efa2a5ull);
	assert_int_equal(h->nentries, 4);
	assert_int_equal(h->entries[0].type, 0x42);
	assert_int_equal(h->entries[0].devid, 0x0100);
	assert_int_equal(h->entries[0].src_devid, 0x0308);
	assert_int_equal(h->entries[1].type, 0xf0);
	assert_int_equal(h->entries[2].type, 3);
	assert_int_equal(h->entries[2].devid, 0x0200);
	assert_int_equal(h->entries[3].devid, 0x02ff);
	assert_int_equal(r.nmds, 1);
	assert_int_equal(r.mds[0].type, 0x21);
	assert_int_equal(r.mds[0].flags, 0x08);
	assert_int_equal(r.mds[0].devid, 0x0100);
	assert_int_equal(r.mds[0].start, 0x9d000000);
	assert_int_equal(r.mds[0].length, 0x100000);
	ivrs_free(&r);
	buf_free(&b);
}

/* Patch one byte of the q35-amd IVRS, fix the checksum, expect an
 * error. */
static void ivrs_patched_fails(size_t off, uint8_t val, const char *part)
{
	size_t len;
	unsigned char *d = load(TABLES("q35-amd") "IVRS", &len);
	d[off] = val;
	fix_checksum(d, len);
	struct ivrs r;
	struct jh_error err = { 0 };
	assert_error(parse_ivrs("IVRS", d, len, &r, NULL, &err), &err, part);
	assert_zero_bytes(&r, sizeof(r));
	free(d);
}

static void test_ivrs_bad(void **state)
{
	(void)state;
	/* Block length (@50) 0, below the IVHD 0x10 header, past the end. */
	ivrs_patched_fails(50, 0, "has length 0");
	ivrs_patched_fails(50, 20, "needs 24");
	ivrs_patched_fails(50, 0x48, "past the end of the table");
	/* The special entry at 104 becomes an unsized type 0x80. */
	ivrs_patched_fails(104, 0x80, "size is unknown");
	/* ... or an ACPI HID entry: its 22 fixed bytes do not fit in 8. */
	ivrs_patched_fails(104, 0xf0, "(type 0xf0, 22 bytes) runs past");
	/* A block length of 60 ends in the middle of the special entry at
	 * 104..111. */
	ivrs_patched_fails(50, 60, "runs past the end of its block");
	/* A type 0x40 block needs 40 bytes before its entries: cut the
	 * table to 84 bytes and the block to 36. */
	size_t len;
	unsigned char *d = load(TABLES("q35-amd") "IVRS", &len);
	d[48] = 0x40;
	d[50] = 36;
	d[4] = 48 + 36;
	fix_checksum(d, 48 + 36);
	struct ivrs r;
	struct jh_error err = { 0 };
	assert_error(parse_ivrs("IVRS", d, len, &r, NULL, &err), &err,
		     "needs 40");
	free(d);
}

static void test_ivrs_hid_uid_past_block(void **state)
{
	(void)state;
	struct buf b;
	build_ivrs(&b);
	/* The HID entry sits at 48 + 8 + 48 = 104; its UID length @21
	 * claims 200 bytes. */
	assert_int_equal(b.data[104], 0xf0);
	b.data[104 + 21] = 200;
	fix_checksum(b.data, b.len);
	struct ivrs r;
	struct jh_error err = { 0 };
	assert_error(parse_ivrs("t", b.data, b.len, &r, NULL, &err), &err,
		     "offset 104 (type 0xf0, 222 bytes)");
	/* A short IVMD. */
	buf_free(&b);
	build_ivrs(&b);
	b.len -= 4;
	b.data[b.len - 28 + 2] = 28;
	table_end(&b);
	assert_error(parse_ivrs("t", b.data, b.len, &r, NULL, &err), &err,
		     "IVMD block");
	buf_free(&b);
}

/* ---- FADT ---- */

/* The PM timer port as /proc/ioports of the same snapshot names it. */
static unsigned ioports_pm_timer(const char *snapshot)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/snapshots/%s/proc/ioports",
		 JH_TEST_DATA, snapshot);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[256];
	unsigned start = 0, end;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "ACPI PM_TMR"))
			assert_int_equal(sscanf(line, " %x-%x", &start, &end),
					 2);
	fclose(f);
	return start;
}

/* q35-jailhouse-doc FACP, 244 bytes, revision 3: @46 "09 00" SCI 9,
 * @76 "08 06 00 00" PM timer 0x608, @91 length 4, @109 "02 00" (8042
 * present), @112 "a5 84 00 00" flags 0x84a5 (TMR_VAL_EXT, bit 8, clear),
 * @208 "01 20 00 00 | 08 06 00 00 00 00 00 00": X_PM_TMR_BLK in I/O
 * space at 0x608. */
static void test_fadt_q35(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "FACP", &len);
	struct fadt f;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_fadt("FACP", d, len, &f, &diag, &err), 0);
	assert_int_equal(diag.n, 0);
	assert_int_equal(f.revision, 3);
	assert_int_equal(f.sci_int, 9);
	assert_int_equal(f.pm_tmr_blk, 0x608);
	assert_int_equal(f.pm_tmr_blk, ioports_pm_timer("q35-jailhouse-doc"));
	assert_int_equal(f.pm_tmr_len, 4);
	assert_int_equal(f.iapc_boot_arch, 2);
	assert_int_equal(f.flags, 0x84a5);
	assert_false(f.hw_reduced);
	assert_int_equal(f.x_pm_tmr_blk, 0x608);
	free(d);
}

/* pc-i440fx-noiommu FACP: an ACPI 1.0 table of 116 bytes (revision 1).
 * PM timer 0x608 at @76, flags "a5 80 00 00" at @112; no X_PM_TMR_BLK. */
static void test_fadt_short_v1(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("pc-i440fx-noiommu") "FACP", &len);
	struct fadt f;
	struct jh_error err = { 0 };
	assert_int_equal(len, 116);
	assert_int_equal(parse_fadt("FACP", d, len, &f, NULL, &err), 0);
	assert_int_equal(f.revision, 1);
	assert_int_equal(f.pm_tmr_blk, ioports_pm_timer("pc-i440fx-noiommu"));
	assert_int_equal(f.pm_tmr_blk, 0x608);
	assert_int_equal(f.flags, 0x80a5);
	assert_int_equal(f.x_pm_tmr_blk, 0);

	/* Cut to 100 bytes (length @4 = 100): the flags at 112 lie past
	 * the end and read as 0; the timer at 76 is still there. */
	d[4] = 100;
	fix_checksum(d, 100);
	assert_int_equal(parse_fadt("FACP", d, 100, &f, NULL, &err), 0);
	assert_int_equal(f.pm_tmr_blk, 0x608);
	assert_int_equal(f.flags, 0);

	/* Only the header. */
	d[4] = 36;
	fix_checksum(d, 36);
	assert_int_equal(parse_fadt("FACP", d, 36, &f, NULL, &err), 0);
	assert_int_equal(f.revision, 1);
	assert_int_equal(f.pm_tmr_blk, 0);
	assert_int_equal(f.sci_int, 0);
	free(d);
}

/* cloud-vm FACP, 276 bytes, revision 6: no PM timer (@76 is 0, and
 * /proc/ioports has none), @109 "04 00" (no VGA), @112 "30 00 10 00" =
 * 0x00100030: HW_REDUCED_ACPI (bit 20). */
static void test_fadt_cloud_vm(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("cloud-vm") "FACP", &len);
	struct fadt f;
	struct jh_error err = { 0 };
	assert_int_equal(parse_fadt("FACP", d, len, &f, NULL, &err), 0);
	assert_int_equal(f.revision, 6);
	assert_int_equal(f.pm_tmr_blk, 0);
	assert_int_equal(ioports_pm_timer("cloud-vm"), 0);
	assert_int_equal(f.x_pm_tmr_blk, 0);
	assert_int_equal(f.iapc_boot_arch, 4);
	assert_int_equal(f.flags, 0x00100030);
	assert_true(f.hw_reduced);

	struct jh_error err2 = { 0 };
	assert_error(parse_fadt("x", d, len - 1, &f, NULL, &err2), &err2,
		     "past the end of the file");
	free(d);
}

/* An X_PM_TMR_BLK in memory space (id 0) is not a port: ignored. */
static void test_fadt_x_pm_timer_mmio(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = load(TABLES("q35-jailhouse-doc") "FACP", &len);
	d[208] = 0;
	fix_checksum(d, len);
	struct fadt f;
	struct jh_error err = { 0 };
	assert_int_equal(parse_fadt("FACP", d, len, &f, NULL, &err), 0);
	assert_int_equal(f.x_pm_tmr_blk, 0);
	assert_int_equal(f.pm_tmr_blk, 0x608);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_madt_q35),
		cmocka_unit_test(test_madt_cloud_vm),
		cmocka_unit_test(test_madt_x2apic),
		cmocka_unit_test(test_madt_bad_entries),
		cmocka_unit_test(test_mcfg_q35),
		cmocka_unit_test(test_mcfg_cloud_vm),
		cmocka_unit_test(test_mcfg_synthetic),
		cmocka_unit_test(test_dmar_q35),
		cmocka_unit_test(test_dmar_synthetic),
		cmocka_unit_test(test_dmar_bad),
		cmocka_unit_test(test_dmar_long_path),
		cmocka_unit_test(test_ivrs_q35_amd),
		cmocka_unit_test(test_ivrs_synthetic),
		cmocka_unit_test(test_ivrs_bad),
		cmocka_unit_test(test_ivrs_hid_uid_past_block),
		cmocka_unit_test(test_fadt_q35),
		cmocka_unit_test(test_fadt_short_v1),
		cmocka_unit_test(test_fadt_cloud_vm),
		cmocka_unit_test(test_fadt_x_pm_timer_mmio),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
