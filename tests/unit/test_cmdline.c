/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_cmdline: the snapshots' real command lines, memparse numbers as
 * the kernel reads them (lib/cmdline.c: 0x-hex, 0-octal, decimal, then
 * K/M/G/T/P/E), memmap lists, quoting, and bad values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "machine/machine.h"
#include "parse/parsers.h"
#include "testutil.h"

#define MiB (1ull << 20)


static void forget(struct machine *m)
{
	free(m->cmdline);
	free(m->memmaps);
	*m = (struct machine){ 0 };
}

static void parse_ok(const char *text, struct machine *m)
{
	struct jh_error err = { 0 };
	if (parse_cmdline("/proc/cmdline", text, strlen(text), m, &err))
		fail_msg("unexpected error: %s", err.msg);
}

static void assert_resv(const struct machine *m, size_t i, uint64_t size,
			uint64_t start)
{
	assert_true(i < m->nmemmaps);
	assert_true(m->memmaps[i].size == size);
	assert_true(m->memmaps[i].start == start);
}

/* The bad value is named and the machine keeps no half result. */
static void parse_bad(const char *text, const char *value)
{
	struct machine m = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_cmdline("/proc/cmdline", text, strlen(text), &m,
				       &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	char expect[256];
	snprintf(expect, sizeof(expect), "/proc/cmdline: bad memmap value '%s'",
		 value);
	assert_string_equal(err.msg, expect);
	assert_null(m.cmdline);
	assert_null(m.memmaps);
	assert_int_equal(m.nmemmaps, 0);
	jh_error_clear(&err);
}

static void test_snapshot_memmap(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp_data("snapshots/q35-agl-memmap/proc/cmdline", &len);
	struct machine m = { 0 };
	assert_int_equal(parse_cmdline("/proc/cmdline", text, len, &m, NULL), 0);
	assert_string_equal(m.cmdline,
			    "console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off");
	assert_int_equal(m.nmemmaps, 1);
	/* 82 MiB = 82 * 1024 * 1024 = 0x5200000 */
	assert_resv(&m, 0, 0x5200000, 0x3a000000);
	forget(&m);
	free(text);
}

static void test_snapshot_plain(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp_data("snapshots/q35-jailhouse-doc/proc/cmdline", &len);
	struct machine m = { 0 };
	assert_int_equal(parse_cmdline("/proc/cmdline", text, len, &m, NULL), 0);
	assert_string_equal(m.cmdline, "console=ttyS0 intel_iommu=on");
	assert_int_equal(m.nmemmaps, 0);
	assert_null(m.memmaps);
	forget(&m);
	free(text);
}

static void test_numbers(void **state)
{
	(void)state;
	struct machine m = { 0 };
	parse_ok("memmap=0x1000$4096 memmap=010$0 memmap=1k$1K memmap=2G$1t "
		 "memmap=1p$1E memmap=0$0 memmap=0x1E$0X1f memmap=3m$0", &m);
	assert_int_equal(m.nmemmaps, 8);
	assert_resv(&m, 0, 0x1000, 4096);
	assert_resv(&m, 1, 8, 0);               /* 010 is octal */
	assert_resv(&m, 2, 1024, 1024);
	assert_resv(&m, 3, 2ull << 30, 1ull << 40);
	assert_resv(&m, 4, 1ull << 50, 1ull << 60);
	assert_resv(&m, 5, 0, 0);
	/* after 0x, E and f are hex digits, not suffixes */
	assert_resv(&m, 6, 0x1e, 0x1f);
	assert_resv(&m, 7, 3 * MiB, 0);
	forget(&m);
}

/* Items of other kinds are skipped; '$' items keep their order, across
 * items and tokens. */
static void test_lists(void **state)
{
	(void)state;
	struct machine m = { 0 };
	parse_ok("  quiet memmap=exactmap,640K@0,1M$16M,100M#0x2000000,2M!3G,1G,"
		 "4G%4G-1+2,4M$0x100000 xmemmap=7M$7M memmap memmap=5M$6M\n", &m);
	assert_string_equal(m.cmdline,
			    "quiet memmap=exactmap,640K@0,1M$16M,100M#0x2000000,"
			    "2M!3G,1G,4G%4G-1+2,4M$0x100000 xmemmap=7M$7M memmap "
			    "memmap=5M$6M");
	assert_int_equal(m.nmemmaps, 3);
	assert_resv(&m, 0, MiB, 16 * MiB);
	assert_resv(&m, 1, 4 * MiB, 0x100000);
	assert_resv(&m, 2, 5 * MiB, 6 * MiB);
	forget(&m);
}

/* The kernel strips quotes around a token or a value; a quoted value of
 * another parameter hides what is inside it; "--" ends kernel options. */
static void test_quotes_and_dashes(void **state)
{
	(void)state;
	struct machine m = { 0 };
	parse_ok("\"memmap=1M$2M\" memmap=\"3M$4M\" foo=\"a memmap=9M$9M b\" "
		 "-- memmap=5M$6M", &m);
	assert_int_equal(m.nmemmaps, 2);
	assert_resv(&m, 0, MiB, 2 * MiB);
	assert_resv(&m, 1, 3 * MiB, 4 * MiB);
	forget(&m);

	/* an unterminated quote runs to the end of the line */
	parse_ok("\"memmap=1M$2M", &m);
	assert_int_equal(m.nmemmaps, 1);
	forget(&m);
	parse_ok("\"", &m);
	parse_ok("\"\"", &m);
	parse_ok("memmap=\"", &m);
	assert_int_equal(m.nmemmaps, 0);
	forget(&m);
}

static void test_lines(void **state)
{
	(void)state;
	struct machine m = { 0 };
	parse_ok("", &m);
	assert_string_equal(m.cmdline, "");
	assert_int_equal(m.nmemmaps, 0);
	/* a second parse replaces the first one's results */
	parse_ok("a memmap=1M$1M\nmemmap=2M$2M\n", &m);
	assert_string_equal(m.cmdline, "a memmap=1M$1M");
	assert_int_equal(m.nmemmaps, 1);
	parse_ok("b memmap=3M$3M", &m);
	assert_string_equal(m.cmdline, "b memmap=3M$3M");
	assert_int_equal(m.nmemmaps, 1);
	assert_resv(&m, 0, 3 * MiB, 3 * MiB);
	forget(&m);
}

static void test_bad_values(void **state)
{
	(void)state;
	parse_bad("console=ttyS0 memmap=82Q$0x3a000000", "82Q$0x3a000000");
	parse_bad("memmap=$0x1000", "$0x1000");
	parse_bad("memmap=1M$", "1M$");
	parse_bad("memmap=1M$0x", "1M$0x");
	parse_bad("memmap=08$0", "08$0");
	parse_bad("memmap=1MB$0", "1MB$0");
	parse_bad("memmap=1M$2M@3", "1M$2M@3");
	/* an unterminated quote swallows the rest of the line */
	parse_bad("a \"memmap=1M$2M b", "1M$2M b");
	parse_bad("memmap=1G@0,-1$0", "-1$0");
	parse_bad("memmap=82M\\$0x3a000000", "82M\\$0x3a000000");
	/* 2^64 and 16 << 60 do not fit in 64 bits */
	parse_bad("memmap=18446744073709551616$0", "18446744073709551616$0");
	parse_bad("memmap=16E$0", "16E$0");
	parse_bad("memmap=1M$0x10000000000000000", "1M$0x10000000000000000");
	/* the largest values still fit */
	struct machine m = { 0 };
	parse_ok("memmap=18446744073709551615$15E", &m);
	assert_resv(&m, 0, UINT64_MAX, 15ull << 60);
	forget(&m);
}

static void test_nul_byte(void **state)
{
	(void)state;
	struct machine m = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(parse_cmdline("/proc/cmdline", "a\0b", 3, &m, &err), -1);
	assert_non_null(strstr(err.msg, "/proc/cmdline"));
	assert_null(m.cmdline);
	jh_error_clear(&err);
	/* after the first line nothing counts, not even a NUL */
	assert_int_equal(parse_cmdline("/proc/cmdline", "a\n\0", 3, &m, &err), 0);
	assert_string_equal(m.cmdline, "a");
	forget(&m);
}

/* cmdline_param / cmdline_on_off: the kernel's own rules for the
 * IOMMU switches (drivers/iommu/intel/iommu.c intel_iommu_setup walks
 * the comma list, each "on"/"off" overriding the one before; parameter
 * names compare with '-' and '_' alike; nothing after "--" is the
 * kernel's). */
static void test_params(void **state)
{
	(void)state;
	/* the snapshots' own lines (tests/data/snapshots/README.md) */
	assert_int_equal(cmdline_on_off("console=ttyS0 intel_iommu=on", "intel_iommu"), 1);
	assert_int_equal(cmdline_on_off("console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off",
					"intel_iommu"), 0);
	assert_int_equal(cmdline_on_off("console=ttyS0 amd_iommu=on", "amd_iommu"), 1);
	assert_int_equal(cmdline_on_off("console=ttyS0", "intel_iommu"), -1);
	assert_int_equal(cmdline_on_off(NULL, "intel_iommu"), -1);
	/* last said wins, across items and parameters */
	assert_int_equal(cmdline_on_off("intel_iommu=on,igfx_off", "intel_iommu"), 1);
	assert_int_equal(cmdline_on_off("intel_iommu=off intel-iommu=sm_on,on", "intel_iommu"), 1);
	assert_int_equal(cmdline_on_off("intel_iommu=on \"intel_iommu=off\"", "intel_iommu"), 0);
	assert_int_equal(cmdline_on_off("intel_iommu=igfx_off", "intel_iommu"), -1);
	assert_int_equal(cmdline_on_off("intel_iommu=on -- intel_iommu=off", "intel_iommu"), 1);
	assert_int_equal(cmdline_on_off("xintel_iommu=off intel_iommux=off", "intel_iommu"), -1);
	assert_int_equal(cmdline_on_off("iommu=off", "iommu"), 0);

	char *v = cmdline_param("a=1 b=\"x y\" a=2 c", "a");
	assert_string_equal(v, "2");
	free(v);
	v = cmdline_param("a=1 b=\"x y\" a=2 c", "b");
	assert_string_equal(v, "x y");
	free(v);
	v = cmdline_param("a=1 b=\"x y\" a=2 c", "c");
	assert_string_equal(v, "");
	free(v);
	assert_null(cmdline_param("a=1", "b"));
	assert_null(cmdline_param("", "a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshot_memmap),
		cmocka_unit_test(test_snapshot_plain),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_quotes_and_dashes),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_params),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
