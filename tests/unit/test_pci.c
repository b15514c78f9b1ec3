/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI config space and resource parsing. Expected values are decoded by
 * hand (xxd) from the q35-devices-added snapshot's files, or built into
 * synthetic config spaces below; each is explained where it is used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "testutil.h"

#define DEVICES JH_TEST_DATA "/snapshots/q35-devices-added/sys/bus/pci/devices/"

static struct buf load(const char *slot, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), DEVICES "%s/%s", slot, name);
	return test_read_file(path);
}

/* Parses a snapshot device's config (and resource file when asked). */
static void parse_snapshot_dev(const char *slot, struct pci_dev *d,
			       struct jh_findings *diag, bool with_resource)
{
	struct jh_error err = { 0 };
	struct buf cfg = load(slot, "config");
	*d = (struct pci_dev){ 0 };
	assert_int_equal(parse_pci_config(slot, cfg.data, cfg.len, d, diag,
					  &err), 0);
	assert_null(err.msg);
	buf_free(&cfg);
	if (with_resource) {
		struct buf res = load(slot, "resource");
		assert_int_equal(parse_pci_resource(slot, (char *)res.data,
						    res.len, d, &err), 0);
		buf_free(&res);
	}
}

static void assert_cap(const struct pci_cap *c, unsigned id, bool ext,
		       unsigned start, unsigned len, bool writable)
{
	assert_int_equal(c->id, id);
	assert_int_equal(c->extended, ext);
	assert_int_equal(c->start, start);
	assert_int_equal(c->len, len);
	assert_int_equal(c->writable, writable);
}

/* e1000e at 00:02.0. Header: 8086:10d3, status 0x0010 (capability list),
 * class 02 00 00, revision 0, header type 0, subsystem 8086:0000.
 * Pointer @0x34 = 0xc8.
 *   c8: 01 d0             PM, 8 bytes, writable
 *   d0: 05 e0, ctrl 0080  MSI, 64-bit, not maskable: 10 + 4 = 14, 1 vector
 *   e0: 10 a0, cap  0091  PCIe version 1: 20, read-only
 *   a0: 11 00, ctrl 8004  MSI-X, 12, 5 vectors; table dword 00000003:
 *                         BIR 3, offset 0; BAR3 @0x1c = fead0000
 *   100: 14020001         AER (1), next 0x140: 64 bytes
 *   140: 00010003         DSN (3), next 0: 12 bytes
 * MSI-X region: 5 * 16 = 80 bytes, rounded to one page. */
static void test_e1000e(void **state)
{
	(void)state;
	struct pci_dev d;
	parse_snapshot_dev("0000:00:02.0", &d, NULL, true);
	assert_int_equal(d.vendor_id, 0x8086);
	assert_int_equal(d.device_id, 0x10d3);
	assert_int_equal(d.class_code, 0x020000);
	assert_int_equal(d.revision, 0);
	assert_int_equal(d.header_type, 0);
	assert_int_equal(d.subsys_vendor, 0x8086);
	assert_int_equal(d.subsys_device, 0);
	assert_false(d.is_bridge);
	assert_true(d.is_pcie);
	assert_int_equal(d.config_len, 4096);

	assert_int_equal(d.ncaps, 6);
	assert_cap(&d.caps[0], 0x01, false, 0xc8, 8, true);
	assert_cap(&d.caps[1], 0x05, false, 0xd0, 14, true);
	assert_cap(&d.caps[2], 0x10, false, 0xe0, 20, false);
	assert_cap(&d.caps[3], 0x11, false, 0xa0, 12, true);
	assert_cap(&d.caps[4], 0x01, true, 0x100, 64, false);
	assert_cap(&d.caps[5], 0x03, true, 0x140, 12, false);

	assert_int_equal(d.msi_vectors, 1);
	assert_true(d.msi_64bits);
	assert_false(d.msi_maskable);
	assert_int_equal(d.msix_vectors, 5);
	assert_int_equal(d.msix_bir, 3);
	assert_int_equal(d.msix_table_offset, 0);
	assert_int_equal(d.msix_address, 0xfead0000);
	assert_int_equal(d.msix_region_size, 0x1000);

	/* resource: BAR0 fea80000-fea9ffff mem -> ~0x1ffff; BAR1 the same
	 * size; BAR2 I/O c040-c05f -> ~0x1f; BAR3 fead0000-fead3fff ->
	 * ~0x3fff; BAR4/5 empty. */
	assert_int_equal(d.bar_mask[0], 0xfffe0000);
	assert_int_equal(d.bar_mask[1], 0xfffe0000);
	assert_int_equal(d.bar_mask[2], 0xffffffe0);
	assert_int_equal(d.bar_mask[3], 0xffffc000);
	assert_int_equal(d.bar_mask[4], 0);
	assert_int_equal(d.bar_mask[5], 0);
	assert_int_equal(d.nres, 7);
	assert_int_equal(d.res[2].start, 0xc040);
	assert_int_equal(d.res[2].end, 0xc05f);
	assert_int_equal(d.res[2].flags, 0x40101);
	pci_dev_free(&d);
}

/* NVMe at 00:04.0. Pointer 0x40.
 *   40: 11 80, ctrl 8040  MSI-X: 0x40 + 1 = 65 vectors; table dword
 *                         00002000: BIR 0, offset 0x2000; BAR0 @0x10 =
 *                         fead4004 (64-bit memory), high dword @0x14 = 0
 *                         -> table at fead4000 + 2000 = fead6000
 *   80: 10 60, cap  0092  PCIe version 2: 60 bytes
 *   60: 01 00             PM
 *   100: 00000000         one entry: id 0, 4 bytes
 * Region: 65 * 16 = 1040 bytes -> one page.
 * resource line 0: fead4000-fead7fff flags 140204 (64-bit memory): mask
 * ~0x3fff = ffffc000 and, from the empty next line, ffffffff. */
static void test_nvme_64bit_bar(void **state)
{
	(void)state;
	struct pci_dev d;
	parse_snapshot_dev("0000:00:04.0", &d, NULL, true);
	assert_int_equal(d.class_code, 0x010802);
	assert_int_equal(d.revision, 2);
	assert_int_equal(d.ncaps, 4);
	assert_cap(&d.caps[0], 0x11, false, 0x40, 12, true);
	assert_cap(&d.caps[1], 0x10, false, 0x80, 60, false);
	assert_cap(&d.caps[2], 0x01, false, 0x60, 8, true);
	assert_cap(&d.caps[3], 0x00, true, 0x100, 4, false);
	assert_int_equal(d.msix_vectors, 65);
	assert_int_equal(d.msix_bir, 0);
	assert_int_equal(d.msix_table_offset, 0x2000);
	assert_int_equal(d.msix_address, 0xfead6000);
	assert_int_equal(d.msix_region_size, 0x1000);
	assert_int_equal(d.msi_vectors, 0);
	assert_int_equal(d.bar_mask[0], 0xffffc000);
	assert_int_equal(d.bar_mask[1], 0xffffffff);
	for (int i = 2; i < 6; i++)
		assert_int_equal(d.bar_mask[i], 0);
	pci_dev_free(&d);
}

/* ivshmem at 00:06.0: 1af4:1110 rev 1, class 05 00 00, subsystem
 * 1af4:1100, status 0 (no capability list).
 * resource: BAR0 feae2000-feae20ff mem -> ~0xff; BAR2 fe200000-fe2fffff
 * flags 14220c (64-bit, prefetchable) -> ~0xfffff = fff00000 and
 * ffffffff for its upper half (line 3 is empty); BAR4, BAR5 empty. */
static void test_ivshmem(void **state)
{
	(void)state;
	struct pci_dev d;
	parse_snapshot_dev("0000:00:06.0", &d, NULL, true);
	assert_int_equal(d.vendor_id, 0x1af4);
	assert_int_equal(d.device_id, 0x1110);
	assert_int_equal(d.revision, 1);
	assert_int_equal(d.class_code, 0x050000);
	assert_int_equal(d.subsys_vendor, 0x1af4);
	assert_int_equal(d.subsys_device, 0x1100);
	assert_int_equal(d.ncaps, 0);
	assert_false(d.is_pcie);
	assert_int_equal(d.msix_vectors, 0);
	assert_int_equal(d.msix_address, 0);
	static const uint32_t masks[6] = {
		0xffffff00, 0, 0xfff00000, 0xffffffff, 0, 0,
	};
	for (int i = 0; i < 6; i++)
		assert_int_equal(d.bar_mask[i], masks[i]);
	pci_dev_free(&d);
}

/* pcie-root-port at 00:07.0: class 06 04 00, header type 1, secondary
 * bus @0x19 = 1, subordinate @0x1a = 1. Pointer 0x54.
 *   54: 10 48, cap 0142   PCIe version 2: 60
 *   48: 11 40, ctrl 8000  MSI-X, 1 vector; table 00000000 -> BAR0
 *                         feae3000
 *   40: 0d 00             bridge subsystem id (0x0d): 2 bytes
 *   100: 14820001         AER, next 0x148: 64
 *   148: 0001000d         ACS; capability 005f has no egress control
 *                         (bit 5 clear): 8 bytes */
static void test_bridge(void **state)
{
	(void)state;
	struct pci_dev d;
	parse_snapshot_dev("0000:00:07.0", &d, NULL, true);
	assert_true(d.is_bridge);
	assert_int_equal(d.header_type, 1);
	assert_int_equal(d.secondary_bus, 1);
	assert_int_equal(d.subordinate_bus, 1);
	assert_int_equal(d.subsys_vendor, 0);
	assert_int_equal(d.ncaps, 5);
	assert_cap(&d.caps[0], 0x10, false, 0x54, 60, false);
	assert_cap(&d.caps[1], 0x11, false, 0x48, 12, true);
	assert_cap(&d.caps[2], 0x0d, false, 0x40, 2, false);
	assert_cap(&d.caps[3], 0x01, true, 0x100, 64, false);
	assert_cap(&d.caps[4], 0x0d, true, 0x148, 8, false);
	assert_int_equal(d.msix_vectors, 1);
	assert_int_equal(d.msix_address, 0xfeae3000);
	assert_int_equal(d.bar_mask[0], 0xfffff000);
	pci_dev_free(&d);
}

/* ICH9 AHCI at 00:1f.2: pointer 0x80.
 *   80: 05 a8, ctrl 0081  MSI, 64-bit: 14 bytes, 1 vector
 *   a8: 12 00             SATA (0x12): 2 bytes
 * Conventional config (256 bytes, no PCIe capability).
 * resource: BAR4 I/O c080-c09f -> ~0x1f; BAR5 feae4000-feae4fff ->
 * ~0xfff. */
static void test_ahci(void **state)
{
	(void)state;
	struct pci_dev d;
	parse_snapshot_dev("0000:00:1f.2", &d, NULL, true);
	assert_int_equal(d.class_code, 0x010601);
	assert_int_equal(d.config_len, 256);
	assert_int_equal(d.ncaps, 2);
	assert_cap(&d.caps[0], 0x05, false, 0x80, 14, true);
	assert_cap(&d.caps[1], 0x12, false, 0xa8, 2, false);
	assert_int_equal(d.msi_vectors, 1);
	assert_true(d.msi_64bits);
	assert_false(d.msi_maskable);
	static const uint32_t masks[6] = { 0, 0, 0, 0, 0xffffffe0, 0xfffff000 };
	for (int i = 0; i < 6; i++)
		assert_int_equal(d.bar_mask[i], masks[i]);
	pci_dev_free(&d);
}

/* ---- synthetic config spaces ---- */

static unsigned char cfg[4096];

static void put16(unsigned off, uint16_t v)
{
	cfg[off] = v & 0xff;
	cfg[off + 1] = v >> 8;
}

static void put32(unsigned off, uint32_t v)
{
	put16(off, v & 0xffff);
	put16(off + 2, v >> 16);
}

/* A device 1234:5678 with a capability list starting at `first`. */
static void cfg_init(unsigned first)
{
	memset(cfg, 0, sizeof(cfg));
	put16(0, 0x1234);
	put16(2, 0x5678);
	put16(6, first ? 0x0010 : 0);
	cfg[0x34] = (unsigned char)first;
}

static void add_std(unsigned at, unsigned id, unsigned next)
{
	cfg[at] = (unsigned char)id;
	cfg[at + 1] = (unsigned char)next;
}

/* A PCIe v2 capability at 0x40 (next 0): the extended walk follows. */
static void cfg_init_pcie(void)
{
	cfg_init(0x40);
	add_std(0x40, 0x10, 0);
	put16(0x42, 0x0002);
}

static int parse_cfg(size_t len, struct pci_dev *d, struct jh_findings *diag,
		     struct jh_error *err)
{
	*d = (struct pci_dev){ 0 };
	return parse_pci_config("cfgfile", cfg, len, d, diag, err);
}

static void expect_error(size_t len, enum jh_status status,
			 const char *needle)
{
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_cfg(len, &d, NULL, &err), -1);
	assert_non_null(err.msg);
	assert_int_equal(err.status, status);
	assert_non_null(strstr(err.msg, "cfgfile"));
	if (!strstr(err.msg, needle))
		fail_msg("'%s' does not mention '%s'", err.msg, needle);
	assert_int_equal(d.ncaps, 0);
	assert_null(d.config);
	pci_dev_free(&d);
	jh_error_clear(&err);
}

/* MSI with ctrl 0x0186: bits 1-3 = 3 -> 8 vectors, bit 7 64-bit, bit 8
 * per-vector masking: 10 + 4 + 10 = 24 bytes. */
static void test_msi_maskable(void **state)
{
	(void)state;
	cfg_init(0x50);
	add_std(0x50, 0x05, 0);
	put16(0x52, 0x0186);
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_cfg(256, &d, NULL, &err), 0);
	assert_int_equal(d.ncaps, 1);
	assert_cap(&d.caps[0], 0x05, false, 0x50, 24, true);
	assert_int_equal(d.msi_vectors, 8);
	assert_true(d.msi_64bits);
	assert_true(d.msi_maskable);
	pci_dev_free(&d);
}

/* Extended lengths: VNDR with header dword 0x01400000 at +4 -> length
 * field 0x014 -> 4 + 20 = 24; ACS with egress control (cap bit 5, ctrl
 * bit 5) and 8 vector bits -> 8 + (8 + 31) / 32 = 9; ACS with vector
 * size 0 (= 256 bits) -> 8 + 287 / 32 = 16; MCAST 48; SRIOV 64; PTM 12;
 * an unknown id (0x2a) 4. The walk ends at the 0xffff id. */
static void test_ext_lengths(void **state)
{
	(void)state;
	cfg_init_pcie();
	put32(0x100, 0x1101000b);          /* VNDR, next 0x110 */
	put32(0x104, 0x01400000);
	put32(0x110, 0x1201000d);          /* ACS, next 0x120 */
	put16(0x114, 0x0820);
	put16(0x116, 0x0020);
	put32(0x120, 0x1301000d);          /* ACS, next 0x130 */
	put16(0x124, 0x0020);
	put16(0x126, 0x0020);
	put32(0x130, 0x14010012);          /* MCAST, next 0x140 */
	put32(0x140, 0x15010010);          /* SRIOV, next 0x150 */
	put32(0x150, 0x1601001f);          /* PTM, next 0x160 */
	put32(0x160, 0x1701002a);          /* unknown, next 0x170 */
	put32(0x170, 0x0000ffff);          /* end marker */
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_cfg(4096, &d, NULL, &err), 0);
	assert_int_equal(d.ncaps, 8);
	assert_cap(&d.caps[0], 0x10, false, 0x40, 60, false);
	assert_cap(&d.caps[1], 0x0b, true, 0x100, 24, false);
	assert_cap(&d.caps[2], 0x0d, true, 0x110, 9, false);
	assert_cap(&d.caps[3], 0x0d, true, 0x120, 16, false);
	assert_cap(&d.caps[4], 0x12, true, 0x130, 48, false);
	assert_cap(&d.caps[5], 0x10, true, 0x140, 64, false);
	assert_cap(&d.caps[6], 0x1f, true, 0x150, 12, false);
	assert_cap(&d.caps[7], 0x2a, true, 0x160, 4, false);
	pci_dev_free(&d);
}

/* PCIe version 1 capability register (low nibble 1): 20 bytes; a
 * 0xffff id at 0x100 ends the extended walk at once. */
static void test_pcie_v1_no_ext(void **state)
{
	(void)state;
	cfg_init_pcie();
	put16(0x42, 0x0001);
	put32(0x100, 0xffffffff);
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_cfg(4096, &d, NULL, &err), 0);
	assert_int_equal(d.ncaps, 1);
	assert_cap(&d.caps[0], 0x10, false, 0x40, 20, false);
	pci_dev_free(&d);
}

/* MSI-X whose BAR (BIR 1 @0x14) is unassigned: warned about, no vectors. */
static void test_msix_zero_address(void **state)
{
	(void)state;
	cfg_init(0x40);
	add_std(0x40, 0x11, 0);
	put16(0x42, 0x0003);
	put32(0x44, 0x00000001);
	struct pci_dev d;
	struct jh_error err = { 0 };
	struct jh_findings diag = { 0 };
	assert_int_equal(parse_cfg(256, &d, &diag, &err), 0);
	assert_int_equal(d.ncaps, 1);
	assert_cap(&d.caps[0], 0x11, false, 0x40, 12, true);
	assert_int_equal(d.msix_vectors, 0);
	assert_int_equal(d.msix_address, 0);
	assert_int_equal(d.msix_region_size, 0);
	assert_int_equal(diag.n, 1);
	assert_non_null(strstr(diag.v[0].msg, "cfgfile"));
	jh_findings_free(&diag);
	pci_dev_free(&d);
}

/* MSI-X in a 64-bit BAR2 (@0x18 = 0x0000000c, @0x1c = 0x00000001):
 * address 0x1_00000000 + table offset 0x800; 2048 vectors (ctrl 0x7ff)
 * -> 32 KiB + 0xfff, masked with 0xf000 -> 0x8000. */
static void test_msix_high_bar(void **state)
{
	(void)state;
	cfg_init(0x40);
	add_std(0x40, 0x11, 0);
	put16(0x42, 0x07ff);
	put32(0x44, 0x00000802);
	put32(0x18, 0x0000000c);
	put32(0x1c, 0x00000001);
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_cfg(256, &d, NULL, &err), 0);
	assert_int_equal(d.msix_vectors, 2048);
	assert_int_equal(d.msix_bir, 2);
	assert_int_equal(d.msix_table_offset, 0x800);
	assert_int_equal(d.msix_address, 0x100000800ull);
	assert_int_equal(d.msix_region_size, 0x8000);
	pci_dev_free(&d);
}

static void test_msix_io_bar(void **state)
{
	(void)state;
	cfg_init(0x40);
	add_std(0x40, 0x11, 0);
	put32(0x44, 0x00000000);
	put32(0x10, 0x0000c001);       /* an I/O BAR */
	/* a fact, not a refusal: the parser records it (the planner refuses
	 * the device, rule PCI-MSIX-NOT-MEMORY) so that `list` still works */
	struct pci_dev d;
	struct jh_error err = { 0 };
	struct jh_findings diag = { 0 };
	assert_int_equal(parse_cfg(256, &d, &diag, &err), 0);
	assert_null(err.msg);
	assert_int_equal(diag.n, 0);
	assert_true(d.msix_not_memory);
	assert_int_equal(d.msix_bad_cap, 0x40);
	assert_int_equal(d.msix_bad_bir, 0);
	assert_int_equal(d.msix_bad_bar, 0xc001);
	/* such a table gives no vectors and no table address */
	assert_int_equal(d.msix_vectors, 0);
	assert_int_equal(d.msix_address, 0);
	assert_int_equal(d.ncaps, 1);
	pci_dev_free(&d);
}

/* BIR 7 (table dword @0x44 = 0x00000007): BAR indicators 6 and 7 are
 * reserved (PCI 3.0, 6.8.2.4), so there is no BAR to read: bad input
 * naming the file and the offset of the table dword (0x44), not a
 * refusal built from whatever dword follows the BARs. */
static void test_msix_reserved_bir(void **state)
{
	(void)state;
	cfg_init(0x40);
	add_std(0x40, 0x11, 0);
	put32(0x44, 0x00000007);
	put32(0x2c, 0xdeadbee1);       /* subsystem ids, an "I/O BAR" to Jailhouse */
	expect_error(256, JH_BADINPUT, "offset 0x44: MSI-X capability names BAR 7");
}

static void test_all_ones(void **state)
{
	(void)state;
	/* nothing answered: the ids read as ffff:ffff, and the garbage
	 * capability pointer (0xff) is not followed */
	memset(cfg, 0xff, 256);
	struct pci_dev d = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_pci_config("x", cfg, 256, &d, NULL, &err), 0);
	assert_int_equal(d.vendor_id, 0xffff);
	assert_int_equal(d.device_id, 0xffff);
	assert_int_equal(d.ncaps, 0);
	pci_dev_free(&d);
}

static void test_bad_short(void **state)
{
	(void)state;
	cfg_init(0);
	expect_error(63, JH_BADINPUT, "63 bytes");
	expect_error(0, JH_BADINPUT, "0 bytes");
	expect_error(4097, JH_BADINPUT, "4097 bytes");
	/* 64 bytes (an unprivileged read) with a capability at 0x40 */
	cfg_init(0x40);
	add_std(0x40, 0x01, 0);
	expect_error(64, JH_BADINPUT, "as root");
	/* a capability whose MSI control word lies past a 256-byte file */
	cfg_init(0xfe);
	add_std(0xfe, 0x05, 0);
	expect_error(256, JH_BADINPUT, "MSI message control");
	/* a header byte pair at 0xff */
	cfg_init(0xff);
	expect_error(256, JH_BADINPUT, "past the 256 bytes");
}

static void test_bad_std_list(void **state)
{
	(void)state;
	/* 0x40 -> 0x50 -> 0x40 */
	cfg_init(0x40);
	add_std(0x40, 0x09, 0x50);
	add_std(0x50, 0x09, 0x40);
	expect_error(256, JH_BADINPUT, "loops");
	/* a capability pointing into the header */
	cfg_init(0x40);
	add_std(0x40, 0x09, 0x20);
	expect_error(256, JH_BADINPUT, "into the header");
	cfg_init(0x3c);
	expect_error(256, JH_BADINPUT, "into the header");
}

static void test_bad_ext_list(void **state)
{
	(void)state;
	/* PCIe device read without root: 256 bytes */
	cfg_init_pcie();
	expect_error(256, JH_BADINPUT,
		     "config space is 256 bytes for a PCI Express device: read it as root");
	/* id with bit 15 set (Jailhouse would spin on it) */
	cfg_init_pcie();
	put32(0x100, 0x00018001);
	expect_error(4096, JH_BADINPUT, "bit 15");
	/* 0x100 -> 0x200 -> 0x100 */
	cfg_init_pcie();
	put32(0x100, 0x20010001);
	put32(0x200, 0x10010003);
	expect_error(4096, JH_BADINPUT, "loops");
	/* next pointer below 0x100 */
	cfg_init_pcie();
	put32(0x100, 0x0401000e);
	expect_error(4096, JH_BADINPUT, "below 0x100");
	/* next pointer at the very end: header past the data */
	cfg_init_pcie();
	put32(0x100, 0xffe1000e);
	expect_error(4096, JH_BADINPUT, "extended capability at 0xffe");
	/* VNDR whose length dword lies past a short file */
	cfg_init_pcie();
	put32(0x100, 0x0001000b);
	expect_error(0x104, JH_BADINPUT, "vendor-specific");
}

/* ---- resource files ---- */

static int parse_res(const char *text, struct pci_dev *d,
		     struct jh_error *err)
{
	*d = (struct pci_dev){ 0 };
	return parse_pci_resource("resfile", text, strlen(text), d, err);
}

#define ZERO_LINE "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"

/* An 8 GiB 64-bit BAR at 0x800000000: end - start = 0x1ffffffff, so the
 * 64-bit mask ~0x1ffffffff gives 00000000 (low) and fffffffe (high).
 * The I/O BAR after it: 0x1000-0x10ff -> ~0xff. A 64-bit BAR on the
 * sixth line uses the ROM line as its upper half and only its low mask
 * is kept (masks stop at six). */
static void test_res_masks(void **state)
{
	(void)state;
	const char *text =
		"0x0000000800000000 0x00000009ffffffff 0x000000000014220c\n"
		ZERO_LINE
		"0x1000 0x10ff 0x101\n"
		ZERO_LINE
		"0 0 0\n"
		"0xfe000000 0xfe003fff 0x140204\n"
		ZERO_LINE
		ZERO_LINE;
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_res(text, &d, &err), 0);
	assert_int_equal(d.bar_mask[0], 0x00000000);
	assert_int_equal(d.bar_mask[1], 0xfffffffe);
	assert_int_equal(d.bar_mask[2], 0xffffff00);
	assert_int_equal(d.bar_mask[3], 0);
	assert_int_equal(d.bar_mask[4], 0);
	assert_int_equal(d.bar_mask[5], 0xffffc000);
	assert_int_equal(d.nres, 7);
	assert_int_equal(d.res[0].start, 0x800000000ull);
	assert_int_equal(d.res[5].flags, 0x140204);
}

/* Exactly six lines, no trailing newline; a flag word with neither I/O
 * nor memory bits (0x2000) gives 0. */
static void test_res_six_lines(void **state)
{
	(void)state;
	const char *text = "0xc000 0xc01f 0x40101\n0x1 0x2 0x2000\n"
			   "0 0 0\n0 0 0\n0 0 0\n0xfe000000 0xfe000fff 0x40200";
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_res(text, &d, &err), 0);
	assert_int_equal(d.nres, 6);
	assert_int_equal(d.bar_mask[0], 0xffffffe0);
	assert_int_equal(d.bar_mask[1], 0);
	assert_int_equal(d.bar_mask[5], 0xfffff000);
}

static void expect_res_error(const char *text, const char *needle)
{
	struct pci_dev d;
	struct jh_error err = { 0 };
	assert_int_equal(parse_res(text, &d, &err), -1);
	assert_non_null(err.msg);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "resfile"));
	if (!strstr(err.msg, needle))
		fail_msg("'%s' does not mention '%s'", err.msg, needle);
	jh_error_clear(&err);
}

static void test_res_bad(void **state)
{
	(void)state;
	expect_res_error("", "0 resource lines");
	expect_res_error(ZERO_LINE ZERO_LINE ZERO_LINE ZERO_LINE ZERO_LINE,
			 "5 resource lines");
	expect_res_error("0x0 0x0\n", "line 1");
	expect_res_error(ZERO_LINE "0x0 0x0 0x0 0x0\n", "line 2");
	expect_res_error(ZERO_LINE ZERO_LINE "0xg 0 0\n", "line 3");
	expect_res_error("\n", "line 1");
	expect_res_error("0x 0 0\n", "line 1");
	expect_res_error("0x00000000000000001 0 0\n", "line 1");
	/* a 64-bit BAR on the sixth and last line */
	expect_res_error(ZERO_LINE ZERO_LINE ZERO_LINE ZERO_LINE ZERO_LINE
			 "0xfe000000 0xfe003fff 0x140204\n", "upper half");
}

static void test_slot(void **state)
{
	(void)state;
	uint16_t dom;
	uint8_t bus, dev, fn;
	assert_true(parse_pci_slot("0000:00:1f.2", &dom, &bus, &dev, &fn));
	assert_int_equal(dom, 0);
	assert_int_equal(bus, 0);
	assert_int_equal(dev, 0x1f);
	assert_int_equal(fn, 2);
	assert_true(parse_pci_slot("abcd:ff:00.7", &dom, &bus, &dev, &fn));
	assert_int_equal(dom, 0xabcd);
	assert_int_equal(bus, 0xff);
	assert_false(parse_pci_slot("0000:00:20.0", &dom, &bus, &dev, &fn));
	assert_false(parse_pci_slot("0000:00:1f.8", &dom, &bus, &dev, &fn));
	assert_false(parse_pci_slot("0000:00:1f", &dom, &bus, &dev, &fn));
	assert_false(parse_pci_slot("10000:00:1f.0", &dom, &bus, &dev, &fn));
	assert_false(parse_pci_slot("0000-00:1f.0", &dom, &bus, &dev, &fn));
	assert_false(parse_pci_slot("", &dom, &bus, &dev, &fn));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e1000e),
		cmocka_unit_test(test_nvme_64bit_bar),
		cmocka_unit_test(test_ivshmem),
		cmocka_unit_test(test_bridge),
		cmocka_unit_test(test_ahci),
		cmocka_unit_test(test_msi_maskable),
		cmocka_unit_test(test_ext_lengths),
		cmocka_unit_test(test_pcie_v1_no_ext),
		cmocka_unit_test(test_msix_zero_address),
		cmocka_unit_test(test_msix_high_bar),
		cmocka_unit_test(test_msix_io_bar),
		cmocka_unit_test(test_msix_reserved_bir),
		cmocka_unit_test(test_all_ones),
		cmocka_unit_test(test_bad_short),
		cmocka_unit_test(test_bad_std_list),
		cmocka_unit_test(test_bad_ext_list),
		cmocka_unit_test(test_res_masks),
		cmocka_unit_test(test_res_six_lines),
		cmocka_unit_test(test_res_bad),
		cmocka_unit_test(test_slot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
