/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_uart: the attribute files of the snapshots' ttyS folders (the
 * legacy COM ports: 0x3f8/IRQ 4, 0x2f8/IRQ 3, 0x3e8/IRQ 4, 0x2e8/IRQ 3;
 * type 4 is the kernel's PORT_16550A, io_type 0 UPIO_PORT), missing
 * files, MMIO values and garbage. */
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

#define TTY_DIR "snapshots/q35-devices-added/sys/class/tty"

/* The attribute's text, NULL when the file does not exist. */
static char *slurp_opt(const char *dir, const char *attr)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s/%s", JH_TEST_DATA, dir, attr);
	return test_slurp_text_opt(path);
}

static void parse_snapshot_port(const char *name, struct uart *u)
{
	char dir[256];
	snprintf(dir, sizeof(dir), "%s/%s", TTY_DIR, name);
	struct uart_attrs a = {
		.type = slurp_opt(dir, "type"),
		.io_type = slurp_opt(dir, "io_type"),
		.port = slurp_opt(dir, "port"),
		.iomem_base = slurp_opt(dir, "iomem_base"),
		.iomem_reg_shift = slurp_opt(dir, "iomem_reg_shift"),
		.irq = slurp_opt(dir, "irq"),
	};
	assert_non_null(a.port);
	struct jh_error err = { 0 };
	if (parse_uart(dir, name, &a, u, &err))
		fail_msg("unexpected error: %s", err.msg);
	free((char *)a.type);
	free((char *)a.io_type);
	free((char *)a.port);
	free((char *)a.iomem_base);
	free((char *)a.iomem_reg_shift);
	free((char *)a.irq);
}

static void test_snapshot_ports(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int type;
		uint64_t port;
		int irq;
	} expect[] = {
		{ "ttyS0", 4, 0x3f8, 4 },
		{ "ttyS1", 4, 0x2f8, 3 },
		{ "ttyS2", 4, 0x3e8, 4 },   /* the third port of this variant */
		{ "ttyS3", 0, 0x2e8, 3 },   /* probed, not there */
	};
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		struct uart u;
		parse_snapshot_port(expect[i].name, &u);
		assert_string_equal(u.name, expect[i].name);
		assert_int_equal(u.type, expect[i].type);
		assert_int_equal(u.io_type, 0);
		assert_true(u.port == expect[i].port);
		assert_true(u.iomem_base == 0);
		assert_int_equal(u.iomem_reg_shift, 0);
		assert_int_equal(u.irq, expect[i].irq);
		free(u.name);
	}
}

static void test_missing(void **state)
{
	(void)state;
	struct uart_attrs none = { 0 };
	struct uart u;
	assert_int_equal(parse_uart("/sys/class/tty/ttyS9", "ttyS9", &none, &u,
				    NULL), 0);
	assert_string_equal(u.name, "ttyS9");
	assert_int_equal(u.type, -1);
	assert_int_equal(u.io_type, -1);
	assert_true(u.port == 0);
	assert_true(u.iomem_base == 0);
	assert_int_equal(u.iomem_reg_shift, 0);
	assert_int_equal(u.irq, -1);
	free(u.name);
}

/* An MMIO UART (UPIO_MEM32 = 3, registers 4 bytes apart: shift 2), as
 * on Intel LPSS; hex without 0x, lower case, and blanks are accepted. */
static void test_mmio(void **state)
{
	(void)state;
	struct uart_attrs a = {
		.type = "4\n", .io_type = "3\n", .port = "0x0\n",
		.iomem_base = "0xFE032000\n", .iomem_reg_shift = "2\n",
		.irq = "20\n",
	};
	struct uart u;
	assert_int_equal(parse_uart("d", "ttyS4", &a, &u, NULL), 0);
	assert_int_equal(u.io_type, 3);
	assert_true(u.iomem_base == 0xfe032000);
	assert_int_equal(u.iomem_reg_shift, 2);
	assert_int_equal(u.irq, 20);
	free(u.name);

	a.iomem_base = " fe032000 ";
	a.port = "0X3f8";
	a.irq = "-1";
	assert_int_equal(parse_uart("d", "ttyS4", &a, &u, NULL), 0);
	assert_true(u.iomem_base == 0xfe032000);
	assert_true(u.port == 0x3f8);
	assert_int_equal(u.irq, -1);
	free(u.name);

	a.iomem_base = "0xFFFFFFFFFFFFFFFF";
	assert_int_equal(parse_uart("d", "ttyS4", &a, &u, NULL), 0);
	assert_true(u.iomem_base == UINT64_MAX);
	free(u.name);
}

static void expect_bad(struct uart_attrs a, const char *msg)
{
	struct jh_error err = { 0 };
	struct uart u;
	assert_int_equal(parse_uart("/sys/class/tty/ttyS0", "ttyS0", &a, &u,
				    &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_string_equal(err.msg, msg);
	assert_null(u.name);
	jh_error_clear(&err);
}

static void test_garbage(void **state)
{
	(void)state;
	const struct uart_attrs good = {
		.type = "4\n", .io_type = "0\n", .port = "0x3F8\n",
		.iomem_base = "0x0\n", .iomem_reg_shift = "0\n", .irq = "4\n",
	};
	struct uart_attrs a = good;
	a.type = "four\n";
	expect_bad(a, "/sys/class/tty/ttyS0/type: 'four' is not a decimal number");
	a = good;
	a.io_type = "";
	expect_bad(a, "/sys/class/tty/ttyS0/io_type: '' is not a decimal number");
	a = good;
	a.port = "0x\n";
	expect_bad(a, "/sys/class/tty/ttyS0/port: '0x' is not a hexadecimal number");
	a = good;
	a.port = "0x3F8 1";
	expect_bad(a, "/sys/class/tty/ttyS0/port: '0x3F8 1' is not a hexadecimal number");
	a = good;
	a.iomem_base = "0x10000000000000000";
	expect_bad(a, "/sys/class/tty/ttyS0/iomem_base: '0x10000000000000000' "
		      "is not a hexadecimal number");
	a = good;
	a.iomem_reg_shift = "2x";
	expect_bad(a, "/sys/class/tty/ttyS0/iomem_reg_shift: '2x' is not a decimal number");
	a = good;
	a.irq = "2147483648";
	expect_bad(a, "/sys/class/tty/ttyS0/irq: '2147483648' is not a decimal number");
	a = good;
	a.irq = "-";
	expect_bad(a, "/sys/class/tty/ttyS0/irq: '-' is not a decimal number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshot_ports),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_mmio),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
