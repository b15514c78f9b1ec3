/* SPDX-License-Identifier: GPL-2.0-only */
/* base/format: sizes, PCI addresses and ranges as people read them. Every
 * expected text is worked out by hand in the comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/format.h"

static void expect_size(uint64_t size, const char *want)
{
	char out[FMT_SIZE_LEN];
	assert_string_equal(fmt_size(out, size), want);
}

static void test_sizes(void **state)
{
	(void)state;
	expect_size(0, "0 bytes");
	expect_size(1, "1 byte");
	expect_size(4095, "4095 bytes");             /* no unit divides it */
	expect_size(0xe00, "3584 bytes");            /* 3.5 KiB: not whole */
	expect_size(0x1000, "4 KiB");                /* 4096 = 4 * 1024 */
	expect_size(0x2c000, "176 KiB");             /* 180224 / 1024 */
	expect_size(0x600000, "6 MiB");              /* Jailhouse's default */
	expect_size(0x5200000, "82 MiB");            /* 6 MiB + 76 MiB */
	/* 0xddd000 = 14536704 = 14196 * 1024, and 14196 is not a multiple of
	 * 1024: exact in KiB, never rounded to MiB */
	expect_size(0xddd000, "14196 KiB");
	expect_size(0x40000000, "1 GiB");
	expect_size(1ull << 40, "1 TiB");
	expect_size(1ull << 50, "1 PiB");
	expect_size(1ull << 60, "1 EiB");
	expect_size(3ull << 61, "6 EiB");            /* 6 * 2^60 */
	/* 2^64 - 1 is odd */
	expect_size(UINT64_MAX, "18446744073709551615 bytes");
}

static void test_range_sizes(void **state)
{
	(void)state;
	char out[FMT_SIZE_LEN];
	/* /proc/iomem's "3ffd4000-3fffffff": 0x2c000 bytes */
	assert_string_equal(fmt_range_size(out, 0x3ffd4000, 0x3fffffff),
			    "176 KiB");
	assert_string_equal(fmt_range_size(out, 0x60, 0x60), "1 byte");
	/* the whole 64-bit space wraps end - start + 1 to 0: 2^64 = 16 EiB */
	assert_string_equal(fmt_range_size(out, 0, UINT64_MAX), "16 EiB");
}

static void test_bdf(void **state)
{
	(void)state;
	char out[FMT_BDF_LEN];
	/* 0x00fa: bus 0, device 0xfa >> 3 = 0x1f, function 0xfa & 7 = 2 */
	assert_string_equal(fmt_bdf(out, 0, 0x00fa, FMT_BDF_SHORT), "00:1f.2");
	assert_string_equal(fmt_bdf(out, 0, 0x00fa, FMT_BDF_AUTO), "00:1f.2");
	assert_string_equal(fmt_bdf(out, 0, 0x00fa, FMT_BDF_FULL), "0000:00:1f.2");
	/* 0xa508: bus 0xa5, device 1, function 0; domain 0x10 shows in AUTO */
	assert_string_equal(fmt_bdf(out, 0x10, 0xa508, FMT_BDF_AUTO), "0010:a5:01.0");
	assert_string_equal(fmt_bdf(out, 0x10, 0xa508, FMT_BDF_SHORT), "a5:01.0");
	assert_string_equal(fmt_bdf(out, 0xffff, 0xffff, FMT_BDF_FULL), "ffff:ff:1f.7");
	assert_int_equal(fmt_bdf_pack(0xa5, 1, 0), 0xa508);
	assert_int_equal(fmt_bdf_pack(0, 0x1f, 2), 0x00fa);
}

static void test_parse_bdf(void **state)
{
	(void)state;
	uint16_t dom = 0xdead, bdf = 0xbeef;
	assert_true(parse_bdf("0000:00:1f.2", &dom, &bdf));
	assert_int_equal(dom, 0);
	assert_int_equal(bdf, 0x00fa);
	assert_true(parse_bdf("a5:1.0", &dom, &bdf));      /* lspci -s style */
	assert_int_equal(dom, 0);
	assert_int_equal(bdf, 0xa508);
	assert_true(parse_bdf("1f.7", &dom, &bdf));        /* bus 0 */
	assert_int_equal(bdf, 0x00ff);
	assert_true(parse_bdf("10:A5:01.0", &dom, &bdf));  /* domain 0x10 */
	assert_int_equal(dom, 0x10);
	assert_int_equal(bdf, 0xa508);
	/* every formatted address parses back to itself */
	char out[FMT_BDF_LEN];
	assert_true(parse_bdf(fmt_bdf(out, 0xffff, 0xffff, FMT_BDF_FULL), &dom, &bdf));
	assert_int_equal(dom, 0xffff);
	assert_int_equal(bdf, 0xffff);

	const char *bad[] = {
		"", "00:1f", "00:20.0" /* device > 0x1f */, "00:1f.8" /* fn > 7 */,
		"100:00.0" /* 3-digit bus */, "10000:00:00.0" /* 5-digit domain */,
		"0:0:0:0.0", "00:1f.2 ", "00:1f.", ":1f.2", "00:1g.2", "00::1f.2",
		"00:1f.22", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		dom = 0x1234;
		bdf = 0x5678;
		if (parse_bdf(bad[i], &dom, &bdf))
			fail_msg("'%s' parsed", bad[i]);
		assert_int_equal(dom, 0x1234);   /* untouched on failure */
		assert_int_equal(bdf, 0x5678);
	}
	assert_false(parse_bdf(NULL, &dom, &bdf));
}

static void test_ranges(void **state)
{
	(void)state;
	char out[FMT_RANGE_LEN];
	/* 6 MiB from 0x3a000000: last byte 0x3a5fffff */
	assert_string_equal(fmt_range(out, 0x3a000000, 0x600000, 8),
			    "0x3a000000-0x3a5fffff");
	/* 0xfed00 + 0x400 = 0xff100, last byte 0xff0ff; padded to 8 digits */
	assert_string_equal(fmt_range(out, 0xfed00, 0x400, 8),
			    "0x000fed00-0x000ff0ff");
	/* an empty range names its start twice */
	assert_string_equal(fmt_range(out, 0x1000, 0, 4), "0x1000-0x1000");
	/* wider than the padding: all digits */
	assert_string_equal(fmt_range(out, 0x800000000ull, 0x200000000ull, 8),
			    "0x800000000-0x9ffffffff");
	assert_string_equal(fmt_range(out, 0, UINT64_MAX, 16),
			    "0x0000000000000000-0xfffffffffffffffe");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_range_sizes),
		cmocka_unit_test(test_bdf),
		cmocka_unit_test(test_parse_bdf),
		cmocka_unit_test(test_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
