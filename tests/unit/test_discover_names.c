/* SPDX-License-Identifier: GPL-2.0-only */
/* Device names in discovery: from the one-pass pci.ids reader when it
 * vouches for the file, from libpci's name lookup when it does not, and
 * libpci's own error when libpci refuses the file. Kept apart
 * from test_pci_ids.c, which includes libpci's header: its struct pci_dev
 * and jhconf's share a name. */
#include "autoconf.h"
#include "discover/discover.h"
#include "discover/pci_ids.h"
#include "discover/pci_libpci.h"
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define DOC_SNAPSHOT JH_TEST_DATA "/snapshots/q35-jailhouse-doc"

static int discover_with_ids(const char *ids, struct machine *m,
			     struct jh_findings *diag, struct jh_error *err)
{
	const char *saved = discover_pci_ids;
	discover_pci_ids = ids;
	struct source *src = source_open_dir(DOC_SNAPSHOT, err);
	assert_non_null(src);
	int rc = discover_machine(src, m, diag, err);
	source_close(src);
	discover_pci_ids = saved;
	return rc;
}

static const struct pci_dev *slot(const struct machine *m, const char *s)
{
	for (size_t i = 0; i < m->npci; i++)
		if (!strcmp(m->pci[i].slot, s))
			return &m->pci[i];
	fail_msg("no %s", s);
	return NULL;
}

/* A valid file the fast reader does not vouch for (vendors out of
 * order): discovery asks libpci, whose names these are (the e1000e NIC of
 * the documented QEMU guest is 8086:10d3, its VGA 1234:1111), and that
 * leaves no warnings of its own. */
static void test_discovery_hands_to_libpci(void **state)
{
	(void)state;
	static const char ids[] =
		"8086  Intel, as written here\n"
		"\t10d3  The NIC, as written here\n"
		"1234  The VGA vendor\n";
	char *p = test_scratch_write("discover-unsorted", ids, sizeof(ids) - 1);
	struct machine m;
	struct jh_findings diag = { 0 }, plain = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(discover_with_ids(p, &m, &diag, &err), 0);
	const struct pci_dev *nic = slot(&m, "0000:00:02.0");
	assert_string_equal(nic->vendor_name, "Intel, as written here");
	assert_string_equal(nic->device_name, "The NIC, as written here");
	const struct pci_dev *vga = slot(&m, "0000:00:01.0");
	assert_string_equal(vga->vendor_name, "The VGA vendor");
	assert_null(vga->device_name);
	machine_free(&m);
	/* the same warnings as with a file the fast reader answers for */
	assert_int_equal(discover_with_ids("/nonexistent/pci.ids", &m, &plain, &err), 0);
	machine_free(&m);
	assert_int_equal(diag.n, plain.n);
	jh_findings_free(&diag);
	jh_findings_free(&plain);
	free(p);
}

/* A file libpci refuses: discovery fails with libpci's own words and
 * the line it stopped at, the file named first (before: "/sys/bus/pci:
 * libpci: Duplicate entry at FILE, line 2", from the enumeration that
 * libpci no longer does). */
static void test_discovery_libpci_error(void **state)
{
	(void)state;
	static const char ids[] = "8086  A\n8086  B\n";
	char *p = test_scratch_write("discover-dup", ids, sizeof(ids) - 1);
	struct machine m;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(discover_with_ids(p, &m, &diag, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	char *want = xasprintf("%s: line 2: libpci: Duplicate entry", p);
	assert_string_equal(err.msg, want);
	free(want);
	jh_error_clear(&err);
	jh_findings_free(&diag);
	free(p);
}

/* libpci is loaded only to answer for such a file (dlopen on first
 * use): where it cannot be loaded, that is an error naming it, not a
 * crash at start-up. */
static void test_discovery_libpci_missing(void **state)
{
	(void)state;
	static const char ids[] = "8086  Intel\n1234  VGA\n";  /* unsorted */
	char *p = test_scratch_write("discover-unsorted2", ids, sizeof(ids) - 1);
	const char *saved = discover_pci_libpci_soname;
	discover_pci_libpci_soname = "libjhconf-no-such-library.so.0";
	struct machine m;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	int rc = discover_with_ids(p, &m, &diag, &err);
	discover_pci_libpci_soname = saved;
	assert_int_equal(rc, -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "libjhconf-no-such-library.so.0: cannot load ("));
	assert_non_null(strstr(err.msg, "install the Debian package libpci3"));
	jh_error_clear(&err);
	jh_findings_free(&diag);
	free(p);
}

/* The fast reader's names in discovery, with a file it answers for. */
static void test_discovery_fast(void **state)
{
	(void)state;
	static const char ids[] =
		"1234  The VGA vendor\n"
		"8086  Intel, fast\n"
		"\t10d3  The NIC, fast\n";
	char *p = test_scratch_write("discover-sorted", ids, sizeof(ids) - 1);
	struct pci_ids_query q[] = { { 0x8086, 0x10d3, 0, 0 } };
	assert_true(pci_ids_lookup(p, q, 1));
	pci_ids_query_free(q, 1);
	struct machine m;
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(discover_with_ids(p, &m, &diag, &err), 0);
	const struct pci_dev *nic = slot(&m, "0000:00:02.0");
	assert_string_equal(nic->vendor_name, "Intel, fast");
	assert_string_equal(nic->device_name, "The NIC, fast");
	machine_free(&m);
	jh_findings_free(&diag);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: once loaded, libpci stays loaded for the process */
		cmocka_unit_test(test_discovery_libpci_missing),
		cmocka_unit_test(test_discovery_hands_to_libpci),
		cmocka_unit_test(test_discovery_libpci_error),
		cmocka_unit_test(test_discovery_fast),
	};
	return cmocka_run_group_tests(tests, test_scratch_setup, test_scratch_teardown);
}
