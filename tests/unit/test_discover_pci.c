/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI discovery over snapshot trees: the device list
 * (compared with what `ls /sys/bus/pci/devices` printed in the guest,
 * snapshot-pci-list.txt), bus-centric trees that hold only config and
 * resource (as Jailhouse's collector makes them), and broken trees that
 * must give an error instead of ending the process. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "autoconf.h"
#include "discover/discover.h"
#include "discover/pci_libpci.h"
#include "pci_enum_ref.h"
#include "testutil.h"

#define SNAPSHOTS JH_TEST_DATA "/snapshots/"
#define DEVDIR "/sys/bus/pci/devices/"

/* ---- small file helpers ---- */

static void write_all(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
	free(p);
}

/* A temporary root holding only config and resource of each device of a
 * snapshot, like a tar made by Jailhouse's collector. */
static char *collector_copy(const char *snapshot)
{
	char tmpl[] = "/tmp/jh-test-pci-XXXXXX";
	char *root = xstrdup(mkdtemp(tmpl));
	char *src_dev = xasprintf(SNAPSHOTS "%s" DEVDIR, snapshot);
	struct strlist slots = { 0 };
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(SNAPSHOTS, &err);
	assert_non_null(src);
	char *rel = xasprintf("/%s" DEVDIR, snapshot);
	assert_int_equal(source_list(src, rel, &slots, &err), 0);
	source_close(src);
	for (size_t i = 0; i < slots.n; i++) {
		char *dst = xasprintf("%s" DEVDIR "%s", root, slots.v[i]);
		mkdir_p(dst);
		static const char *const files[] = { "config", "resource" };
		for (int f = 0; f < 2; f++) {
			char *from = xasprintf("%s%s/%s", src_dev, slots.v[i],
					       files[f]);
			char *to = xasprintf("%s/%s", dst, files[f]);
			struct buf b = test_read_file(from);
			write_all(to, b.data, b.len);
			buf_free(&b);
			free(from);
			free(to);
		}
		free(dst);
	}
	strlist_free(&slots);
	free(rel);
	free(src_dev);
	return root;
}

/* The lines of snapshot-pci-list.txt. */
static void read_list(const char *snapshot, struct strlist *out)
{
	char *path = xasprintf(SNAPSHOTS "%s/snapshot-pci-list.txt", snapshot);
	struct buf b = test_read_file(path);
	buf_put_u8(&b, 0);
	char *save = NULL;
	for (char *line = strtok_r((char *)b.data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		strlist_add(out, line);
	buf_free(&b);
	free(path);
}

static int discover_root(const char *root, struct machine *m,
			 struct jh_findings *diag, struct jh_error *err)
{
	struct source *src = source_open_dir(root, err);
	assert_non_null(src);
	int rc = discover_pci(src, m, diag, err);
	source_close(src);
	return rc;
}

static void discover_ok(const char *root, struct machine *m,
			struct jh_findings *diag)
{
	struct jh_error err = { 0 };
	int rc = discover_root(root, m, diag, &err);
	if (rc != 0)
		fail_msg("%s: %s", root, err.msg);
}

static struct pci_dev *find(struct machine *m, const char *slot)
{
	for (size_t i = 0; i < m->npci; i++)
		if (!strcmp(m->pci[i].slot, slot))
			return &m->pci[i];
	fail_msg("%s not found", slot);
	return NULL;
}

/* ---- tests ---- */

/* Every snapshot: the device list equals the guest's `ls` output (which
 * is sorted), in that order. cloud-vm has no list file: only the order
 * is checked there. */
static void test_all_snapshots(void **state)
{
	(void)state;
	static const char *const names[] = {
		"q35-jailhouse-doc", "q35-agl-memmap", "q35-devices-added",
		"q35-amd", "pc-i440fx-noiommu", "cloud-vm",
	};
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		char *root = xasprintf(SNAPSHOTS "%s", names[s]);
		struct machine m = { 0 };
		struct jh_findings diag = { 0 };
		discover_ok(root, &m, &diag);
		assert_int_equal(diag.n, 0);
		if (strcmp(names[s], "cloud-vm")) {
			struct strlist list = { 0 };
			read_list(names[s], &list);
			assert_int_equal(m.npci, list.n);
			for (size_t i = 0; i < m.npci; i++)
				assert_string_equal(m.pci[i].slot, list.v[i]);
			strlist_free(&list);
		} else {
			assert_int_equal(m.npci, 6);
		}
		for (size_t i = 1; i < m.npci; i++)
			assert_true(strcmp(m.pci[i - 1].slot, m.pci[i].slot) < 0);
		machine_free(&m);
		jh_findings_free(&diag);
		free(root);
	}
}

/* q35-devices-added in detail: 13 devices, the root port at 00:07.0 with
 * bus 1 behind it, the virtio-blk on bus 1 sorted last. The irq comes
 * from the device's `irq` file (00:02.0: "22"). Names from pci.ids when
 * it is installed: 8086 is "Intel Corporation", 8086:10d3 the "82574L
 * Gigabit Network Connection"; QEMU's VGA vendor 1234 is not listed. */
static void test_devices_added(void **state)
{
	(void)state;
	struct machine m = { 0 };
	discover_ok(SNAPSHOTS "q35-devices-added", &m, NULL);
	assert_int_equal(m.npci, 13);
	assert_string_equal(m.pci[12].slot, "0000:01:00.0");
	assert_int_equal(m.pci[12].bus, 1);
	assert_int_equal(m.pci[12].device_id, 0x1042);

	struct pci_dev *nic = find(&m, "0000:00:02.0");
	assert_int_equal(nic->irq, 22);
	assert_int_equal(nic->dev, 2);
	assert_int_equal(nic->fn, 0);
	assert_int_equal(nic->ncaps, 6);
	assert_int_equal(nic->msix_address, 0xfead0000);
	assert_int_equal(nic->bar_mask[2], 0xffffffe0);
	assert_int_equal(nic->iommu_group, -1);
	assert_null(nic->driver);

	struct pci_dev *port = find(&m, "0000:00:07.0");
	assert_true(port->is_bridge);
	assert_int_equal(port->secondary_bus, 1);

	struct pci_dev *ahci = find(&m, "0000:00:1f.2");
	assert_int_equal(ahci->fn, 2);
	assert_int_equal(ahci->dev, 0x1f);

	if (access(JH_PCI_IDS, R_OK) == 0) {
		assert_string_equal(nic->vendor_name, "Intel Corporation");
		assert_string_equal(nic->device_name,
				    "82574L Gigabit Network Connection");
		struct pci_dev *vga = find(&m, "0000:00:01.0");
		assert_null(vga->vendor_name);
		assert_null(vga->device_name);
	}
	machine_free(&m);
}

/* Devices are appended after those already in the machine. */
static void test_appends(void **state)
{
	(void)state;
	struct machine m = { 0 };
	struct pci_dev *first = ARRAY_PUSH(m.pci, m.npci, m.pci_cap);
	*first = (struct pci_dev){ .slot = xstrdup("ffff:ff:1f.7") };
	discover_ok(SNAPSHOTS "q35-jailhouse-doc", &m, NULL);
	assert_int_equal(m.npci, 8);
	assert_string_equal(m.pci[0].slot, "ffff:ff:1f.7");
	assert_string_equal(m.pci[1].slot, "0000:00:00.0");
	machine_free(&m);
}

/* A tree with only config and resource: bus-centric (as libpci was) and the
 * result equals the full tree's, except the irq, which now comes from
 * the interrupt line register (00:02.0: config byte 0x3c = 0x0b). */
static void test_buscentric(void **state)
{
	(void)state;
	char *root = collector_copy("q35-devices-added");
	struct machine full = { 0 }, bare = { 0 };
	discover_ok(SNAPSHOTS "q35-devices-added", &full, NULL);
	discover_ok(root, &bare, NULL);
	assert_int_equal(bare.npci, full.npci);
	for (size_t i = 0; i < full.npci; i++) {
		struct pci_dev *a = &full.pci[i], *b = &bare.pci[i];
		assert_string_equal(a->slot, b->slot);
		assert_int_equal(a->ncaps, b->ncaps);
		assert_memory_equal(a->caps, b->caps,
				    a->ncaps * sizeof(a->caps[0]));
		assert_memory_equal(a->bar_mask, b->bar_mask,
				    sizeof(a->bar_mask));
		assert_int_equal(a->msix_address, b->msix_address);
		assert_int_equal(a->msi_vectors, b->msi_vectors);
	}
	assert_int_equal(find(&bare, "0000:00:02.0")->irq, 11);
	machine_free(&full);
	machine_free(&bare);
	test_remove_tree(root);
	free(root);
}

static void replace_file(const char *root, const char *slot,
			 const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s" DEVDIR "%s/%s", root, slot, name);
	write_all(path, data, len);
	free(path);
}

static void expect_failure(const char *root, const char *needle)
{
	struct machine m = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(discover_root(root, &m, NULL, &err), -1);
	assert_non_null(err.msg);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' does not mention '%s'", err.msg, needle);
	assert_int_equal(m.npci, 0);
	jh_error_clear(&err);
	machine_free(&m);
}

static void test_bad_trees(void **state)
{
	(void)state;
	char *root = collector_copy("q35-jailhouse-doc");

	/* a truncated config file */
	replace_file(root, "0000:00:02.0", "config", "\x86\x80", 2);
	expect_failure(root, "/sys/bus/pci/devices/0000:00:02.0/config: 2 bytes");

	/* a PCI Express device whose config was read without root */
	struct buf nic = test_read_file(SNAPSHOTS "q35-jailhouse-doc" DEVDIR
				  "0000:00:02.0/config");
	replace_file(root, "0000:00:02.0", "config", nic.data, 256);
	expect_failure(root, "read it as root");
	replace_file(root, "0000:00:02.0", "config", nic.data, nic.len);
	buf_free(&nic);

	/* a resource file with five lines */
	const char *five = "0 0 0\n0 0 0\n0 0 0\n0 0 0\n0 0 0\n";
	replace_file(root, "0000:00:1f.3", "resource", five, strlen(five));
	expect_failure(root, "0000:00:1f.3/resource: 5 resource lines");

	/* a missing config file */
	char *cfg = xasprintf("%s" DEVDIR "0000:00:1f.3/config", root);
	remove(cfg);
	expect_failure(root, "0000:00:1f.3/config");
	free(cfg);

	/* an entry that is not a PCI address */
	char *stray = xasprintf("%s" DEVDIR "not-a-device", root);
	mkdir_p(stray);
	expect_failure(root, DEVDIR "not-a-device: not a PCI device address");
	remove(stray);
	free(stray);

	test_remove_tree(root);
	free(root);
}

/* libpci's fatal errors come back as errors, and libpci works again
 * afterwards: a sysfs path without a devices folder makes its scan fail. */
static void test_libpci_error(void **state)
{
	(void)state;
	struct pci_enumeration en = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(pci_enumerate("/nonexistent/sys/bus/pci", false,
				       false, &en, NULL, &err), -1);
	assert_non_null(err.msg);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "libpci"));
	assert_non_null(strstr(err.msg, "/nonexistent/sys/bus/pci/devices"));
	jh_error_clear(&err);
	pci_enumeration_free(&en);

	assert_int_equal(pci_enumerate(SNAPSHOTS "q35-amd/sys/bus/pci", false,
				       false, &en, NULL, &err), 0);
	assert_int_equal(en.n, 8);
	pci_enumeration_free(&en);
}

/* A device whose config reads as all ones is skipped with a warning. */
static void test_disabled_device(void **state)
{
	(void)state;
	char *root = collector_copy("q35-jailhouse-doc");
	unsigned char ones[256];
	memset(ones, 0xff, sizeof(ones));
	replace_file(root, "0000:00:1f.3", "config", ones, sizeof(ones));
	struct machine m = { 0 };
	struct jh_findings diag = { 0 };
	discover_ok(root, &m, &diag);
	assert_int_equal(m.npci, 6);
	for (size_t i = 0; i < m.npci; i++)
		assert_string_not_equal(m.pci[i].slot, "0000:00:1f.3");
	assert_int_equal(diag.n, 1);
	assert_non_null(strstr(diag.v[0].msg, "0000:00:1f.3"));
	jh_findings_free(&diag);
	machine_free(&m);
	test_remove_tree(root);
	free(root);
}

/* No /sys/bus/pci/devices at all: no devices, a warning. */
static void test_no_pci(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/jh-test-pci-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	struct machine m = { 0 };
	struct jh_findings diag = { 0 };
	discover_ok(root, &m, &diag);
	assert_int_equal(m.npci, 0);
	assert_int_equal(diag.n, 1);
	jh_findings_free(&diag);
	test_remove_tree(root);
}

/* The running system with Jailhouse enabled is not read at all: the
 * hypervisor test saw the root cell stopped ("FATAL: Invalid MMIO/RAM
 * read") by a read of the ACPI tables under Jailhouse. Shown here with a
 * tree that holds nothing but the enabled flag, taken as live: the refusal
 * comes before any other file is opened. */
static void test_live_under_jailhouse(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/jhconf-live.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *sub = xasprintf("%s/sys/devices/jailhouse", dir);
	char *cmd = xasprintf("mkdir -p '%s' && echo 1 > '%s/enabled'", sub, sub);
	assert_int_equal(system(cmd), 0);
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(dir, &err);
	assert_non_null(src);
	src->live = true;
	struct machine m;
	struct jh_findings f = { 0 };
	assert_int_equal(discover_machine(src, &m, &f, &err), -1);
	assert_int_equal(err.status, JH_REFUSED);
	assert_non_null(strstr(err.msg, "Jailhouse is enabled on this machine"));
	jh_error_clear(&err);
	/* as a snapshot (not live) it is read, and fails for what is missing */
	src->live = false;
	assert_int_equal(discover_machine(src, &m, &f, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
	jh_findings_free(&f);
	source_close(src);
	test_remove_tree(dir);
	free(sub);
	free(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_snapshots),
		cmocka_unit_test(test_devices_added),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_buscentric),
		cmocka_unit_test(test_bad_trees),
		cmocka_unit_test(test_libpci_error),
		cmocka_unit_test(test_disabled_device),
		cmocka_unit_test(test_no_pci),
		cmocka_unit_test(test_live_under_jailhouse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
