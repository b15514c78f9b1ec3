/* SPDX-License-Identifier: GPL-2.0-only */
/* libarchive loaded on first use (core/source/archive_lazy.c): a missing
 * library is one clear error naming it and the Debian package, and never
 * a crash; the real one loads and works. */
#include "source/archive_lazy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

/* No such library: the message names the soname, says what needs it and
 * which package to install; the status is bad input (exit 2). */
static void test_missing_library(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	assert_int_equal(jh_archive_load_soname("libarchive.so.999", &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "libarchive.so.999: cannot load"));
	assert_non_null(strstr(err.msg, "install the Debian package libarchive13"));
	assert_null(strchr(err.msg, '\n'));
	jh_error_clear(&err);
}

/* A library without libarchive's functions (libc) is refused by name. */
static void test_wrong_library(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	assert_int_equal(jh_archive_load_soname("libc.so.6", &err), -1);
	assert_non_null(strstr(err.msg, "libc.so.6: has no archive_"));
	jh_error_clear(&err);
}

/* The runtime library loads, the pointers work, a second load is free. */
static void test_real_library(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	assert_int_equal(jh_archive_load(&err), 0);
	assert_int_equal(jh_archive_load(&err), 0);
	struct archive *a = archive_read_new();
	assert_non_null(a);
	assert_int_equal(archive_read_support_format_tar(a), ARCHIVE_OK);
	assert_int_equal(archive_read_free(a), ARCHIVE_OK);
	assert_null(err.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_wrong_library),
		cmocka_unit_test(test_real_library),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
