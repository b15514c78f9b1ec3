/* SPDX-License-Identifier: GPL-2.0-only */
/* Driver and IOMMU group discovery: the snapshot side file
 * (snapshot-pci-devices.txt) and, where this machine has PCI devices,
 * libudev on the live system. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "discover/discover.h"
#include "discover/snapshot_extras.h"

#define SNAP JH_TEST_DATA "/snapshots/"

static void add_dev(struct machine *m, const char *slot)
{
	struct pci_dev *d = ARRAY_PUSH(m->pci, m->npci, m->pci_cap);
	*d = (struct pci_dev){ .slot = xstrdup(slot), .irq = -1,
			       .iommu_group = -1 };
}

static void free_devs(struct machine *m)
{
	for (size_t i = 0; i < m->npci; i++)
		pci_dev_free(&m->pci[i]);
	free(m->pci);
	memset(m, 0, sizeof(*m));
}

static void test_apply_lines(void **state)
{
	(void)state;
	struct machine m = { 0 };
	add_dev(&m, "0000:00:02.0");
	add_dev(&m, "0000:00:1f.0");
	add_dev(&m, "0000:01:00.0");
	const char *text =
		"0000:00:02.0 /sys/devices/pci0000:00/0000:00:02.0 driver=e1000e iommu_group=2\n"
		"0000:00:1f.0 /sys/devices/pci0000:00/0000:00:1f.0 driver=- iommu_group=9\n"
		"0000:01:00.0 /sys/devices/pci0000:00/0000:00:07.0/0000:01:00.0 driver=virtio-pci iommu_group=-\n"
		/* not a device of this machine */
		"0000:00:09.0 /sys/devices/pci0000:00/0000:00:09.0 driver=nvme iommu_group=4\n";
	assert_int_equal(snapshot_apply_pci_extras(text, &m), 3);
	assert_string_equal(m.pci[0].driver, "e1000e");
	assert_int_equal(m.pci[0].iommu_group, 2);
	assert_null(m.pci[1].driver);          /* "-": no driver bound */
	assert_int_equal(m.pci[1].iommu_group, 9);
	assert_string_equal(m.pci[2].driver, "virtio-pci");
	assert_int_equal(m.pci[2].iommu_group, -1);  /* "-": no group */
	free_devs(&m);
}

static void test_bad_lines_skipped(void **state)
{
	(void)state;
	struct machine m = { 0 };
	add_dev(&m, "0000:00:02.0");
	const char *bad[] = {
		"",
		"\n\n\n",
		"0000:00:02.0",
		"0000:00:02.0 /sys/x driver=e1000e",
		"0000:00:02.0 /sys/x driver=e1000e iommu_group=2 extra",
		"0000:00:02.0 /sys/x drv=e1000e iommu_group=2",
		"0000:00:02.0 /sys/x driver= iommu_group=2",
		"0000:00:02.0 /sys/x driver=e1000e iommu_group=x2",
		"0000:00:02.0 /sys/x driver=e1000e iommu_group=-3",
		"0000:00:02.0 /sys/x driver=e1000e iommu_group=99999999999999999999",
		"0000:00:02.0 /sys/x driver=e1000e iommu_group=2147483648",
		"0000:00:02.0 /sys/x iommu_group=2 driver=e1000e",
		"0000:00:02.0 /sys/x driver\xff iommu_group=2",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(snapshot_apply_pci_extras(bad[i], &m), 0);
		assert_null(m.pci[0].driver);
		assert_int_equal(m.pci[0].iommu_group, -1);
	}
	/* A good line after bad ones still counts; CRLF endings are fine. */
	assert_int_equal(snapshot_apply_pci_extras(
		"garbage\r\n0000:00:02.0 /sys/x driver=e1000e iommu_group=2147483647\r\n",
		&m), 1);
	assert_string_equal(m.pci[0].driver, "e1000e");
	assert_int_equal(m.pci[0].iommu_group, 2147483647);
	free_devs(&m);
}

/* q35-devices-added/snapshot-pci-devices.txt, read by hand:
 * 00:04.0 nvme group 4, 00:1f.0 no driver group 9, 00:1f.2 ahci group 9,
 * 01:00.0 virtio-pci group 10 (behind the root port 00:07.0). */
static void test_snapshot_file(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(SNAP "q35-devices-added", &err);
	assert_non_null(src);
	assert_false(src->live);
	struct machine m = { 0 };
	add_dev(&m, "0000:00:04.0");
	add_dev(&m, "0000:00:1f.0");
	add_dev(&m, "0000:00:1f.2");
	add_dev(&m, "0000:01:00.0");
	discover_udev(src, &m);
	assert_string_equal(m.pci[0].driver, "nvme");
	assert_int_equal(m.pci[0].iommu_group, 4);
	assert_null(m.pci[1].driver);
	assert_int_equal(m.pci[1].iommu_group, 9);
	assert_string_equal(m.pci[2].driver, "ahci");
	assert_int_equal(m.pci[2].iommu_group, 9);
	assert_string_equal(m.pci[3].driver, "virtio-pci");
	assert_int_equal(m.pci[3].iommu_group, 10);
	free_devs(&m);
	source_close(src);
}

/* cloud-vm has no snapshot-*.txt files: nothing is set, nothing fails. */
static void test_snapshot_without_file(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(SNAP "cloud-vm", &err);
	assert_non_null(src);
	struct machine m = { 0 };
	add_dev(&m, "0000:00:00.0");
	discover_udev(src, &m);
	assert_null(m.pci[0].driver);
	assert_int_equal(m.pci[0].iommu_group, -1);
	free_devs(&m);
	source_close(src);
}

/* The basename of a sysfs link of a device, or NULL: what the kernel
 * says, read here without libudev. */
static char *link_basename(const char *slot, const char *link)
{
	char path[PATH_MAX], target[PATH_MAX];
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", slot, link);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return NULL;
	target[n] = '\0';
	const char *base = strrchr(target, '/');
	return xstrdup(base ? base + 1 : target);
}

static void test_live(void **state)
{
	(void)state;
	struct machine m = { 0 };
	DIR *dir = opendir("/sys/bus/pci/devices");
	if (!dir)
		skip();
	for (struct dirent *e; (e = readdir(dir));)
		if (e->d_name[0] != '.')
			add_dev(&m, e->d_name);
	closedir(dir);
	if (m.npci == 0) {
		free_devs(&m);
		skip();
	}
	add_dev(&m, "ffff:ff:1f.7");  /* not a device: stays unset */

	struct jh_error err = { 0 };
	struct source *src = source_open_dir("/", &err);
	assert_non_null(src);
	assert_true(src->live);
	discover_udev(src, &m);
	for (size_t i = 0; i + 1 < m.npci; i++) {
		char *driver = link_basename(m.pci[i].slot, "driver");
		char *group = link_basename(m.pci[i].slot, "iommu_group");
		if (driver)
			assert_string_equal(m.pci[i].driver, driver);
		else
			assert_null(m.pci[i].driver);
		assert_int_equal(m.pci[i].iommu_group, group ? atoi(group) : -1);
		free(driver);
		free(group);
	}
	assert_null(m.pci[m.npci - 1].driver);
	assert_int_equal(m.pci[m.npci - 1].iommu_group, -1);
	free_devs(&m);
	source_close(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_lines),
		cmocka_unit_test(test_bad_lines_skipped),
		cmocka_unit_test(test_snapshot_file),
		cmocka_unit_test(test_snapshot_without_file),
		cmocka_unit_test(test_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
