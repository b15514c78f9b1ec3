/* SPDX-License-Identifier: GPL-2.0-only */
/* machine/pci_filter: lspci's -s and -d syntax (lspci(8): "-s
 * [[[[<domain>]:]<bus>]:][<device>][.[<func>]]", "-d
 * [<vendor>]:[<device>][:<class>[:<prog-if>]]", hexadecimal, omitted or
 * '*' fields match anything). Expected matches worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "machine/pci_filter.h"

/* QEMU q35's SATA controller: 0000:00:1f.2, 8086:2922, class 01 06 01 */
static const struct pci_dev sata = { .domain = 0, .bus = 0, .dev = 0x1f, .fn = 2,
				     .vendor_id = 0x8086, .device_id = 0x2922,
				     .class_code = 0x010601 };
/* a virtio block device behind a root port: 0000:01:00.0, 1af4:1042, 01 00 00 */
static const struct pci_dev blk = { .domain = 0, .bus = 1, .dev = 0, .fn = 0,
				    .vendor_id = 0x1af4, .device_id = 0x1042,
				    .class_code = 0x010000 };

static int slot(const char *s, const struct pci_dev *d)
{
	struct pci_filter f;
	const char *why = NULL;
	pci_filter_init(&f);
	if (!pci_filter_parse_slot(&f, s, &why)) {
		assert_non_null(why);
		return -1;
	}
	return pci_filter_match(&f, d);
}

static int id(const char *s, const struct pci_dev *d)
{
	struct pci_filter f;
	const char *why = NULL;
	pci_filter_init(&f);
	if (!pci_filter_parse_id(&f, s, &why)) {
		assert_non_null(why);
		return -1;
	}
	return pci_filter_match(&f, d);
}

static void test_slots(void **state)
{
	(void)state;
	assert_int_equal(slot("00:1f.2", &sata), 1);
	assert_int_equal(slot("0000:00:1f.2", &sata), 1);
	assert_int_equal(slot("1f", &sata), 1);         /* device 1f, any bus/fn */
	assert_int_equal(slot("1f.2", &sata), 1);
	assert_int_equal(slot(".2", &sata), 1);         /* any device, function 2 */
	assert_int_equal(slot("00:", &sata), 1);        /* bus 0 */
	assert_int_equal(slot("01:", &sata), 0);
	assert_int_equal(slot("01:", &blk), 1);
	assert_int_equal(slot("*:*.*", &blk), 1);
	assert_int_equal(slot("", &blk), 1);
	assert_int_equal(slot("1f.3", &sata), 0);
	assert_int_equal(slot("0001:00:1f.2", &sata), 0); /* another domain */
	/* malformed: a device past 1f, a function past 7, not hex, too many
	 * colons, a bus past ff */
	assert_int_equal(slot("20.0", &sata), -1);
	assert_int_equal(slot("1f.8", &sata), -1);
	assert_int_equal(slot("1g.2", &sata), -1);
	assert_int_equal(slot("0:0:0:1f.2", &sata), -1);
	assert_int_equal(slot("100:1f.2", &sata), -1);
}

static void test_ids(void **state)
{
	(void)state;
	assert_int_equal(id("8086:", &sata), 1);
	assert_int_equal(id("8086:2922", &sata), 1);
	assert_int_equal(id(":2922", &sata), 1);
	assert_int_equal(id("::0106", &sata), 1);       /* SATA controllers */
	assert_int_equal(id("::0106:01", &sata), 1);    /* AHCI */
	assert_int_equal(id("::0106:00", &sata), 0);
	assert_int_equal(id("::0100", &blk), 1);        /* SCSI storage */
	assert_int_equal(id("1af4:", &sata), 0);
	assert_int_equal(id("8086", &sata), -1);        /* no colon */
	assert_int_equal(id("8086:2922:0106:01:00", &sata), -1);
	assert_int_equal(id("18086:", &sata), -1);
	assert_int_equal(id("::0106:100", &sata), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
