/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the native PCI enumeration (discover_pci.c),
 * differential: one device's attribute files and config space, written
 * into a plain tree, are read by pci_enumerate_native and by libpci's own
 * sysfs method (tests/pci_enum_ref.c, bus-centric where a file is
 * missing, as discovery decides). Both must succeed or fail together and,
 * when they succeed, report the same slot, ids and IRQ.
 *
 * Input: byte 0 says which of vendor, device, irq, class are left out
 * (bits 0-3); then vendor, device and irq texts, each one length byte and
 * that many bytes; the rest is the config space. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "discover/pci_libpci.h"
#include "pci_enum_ref.h"
#include "source/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLOT "0000:00:02.0"

static void check(bool ok)
{
	if (!ok)
		abort();
}

static void put(const char *dir, const char *name, const void *p, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	check(f != NULL);
	check(fwrite(p, 1, n, f) == n);
	check(fclose(f) == 0);
	free(path);
}

static void mkdirs(const char *root)
{
	static const char *const parts[] = {
		"/sys", "/sys/bus", "/sys/bus/pci", "/sys/bus/pci/devices",
		"/sys/bus/pci/devices/" SLOT,
	};
	check(mkdir(root, 0700) == 0 || errno == EEXIST);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char *p = xasprintf("%s%s", root, parts[i]);
		check(mkdir(p, 0700) == 0 || errno == EEXIST);
		free(p);
	}
}

static char root[64];

/* The tree goes when the process ends. */
static void remove_tree(void)
{
	static const char *const files[] = {
		"vendor", "device", "irq", "class", "config", "resource",
	};
	char *dev = xasprintf("%s/sys/bus/pci/devices/" SLOT, root);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *p = xasprintf("%s/%s", dev, files[i]);
		unlink(p);
		free(p);
	}
	free(dev);
	static const char *const dirs[] = {
		"/sys/bus/pci/devices/" SLOT, "/sys/bus/pci/devices",
		"/sys/bus/pci", "/sys/bus", "/sys", "",
	};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *p = xasprintf("%s%s", root, dirs[i]);
		rmdir(p);
		free(p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!root[0]) {
		snprintf(root, sizeof(root), "/tmp/fuzz_pci_enum.%d", (int)getpid());
		atexit(remove_tree);
	}
	if (size < 1)
		return 0;
	mkdirs(root);
	char *dev = xasprintf("%s/sys/bus/pci/devices/" SLOT, root);
	static const char *const attrs[] = { "vendor", "device", "irq", "class" };
	uint8_t omit = data[0];
	size_t at = 1;
	bool buscentric = false;
	for (size_t a = 0; a < 4; a++) {
		char *path = xasprintf("%s/%s", dev, attrs[a]);
		unlink(path);
		free(path);
		const uint8_t *text = (const uint8_t *)"0x020000\n";
		size_t len = 9;
		if (a < 3) {  /* class is not read: its text is fixed */
			len = at < size ? data[at] : 0;
			at += at < size;
			if (len > size - at)
				len = size - at;
			text = data + at;
			at += len;
		}
		if (omit & (1u << a))
			buscentric = true;
		else
			put(dev, attrs[a], text, len);
	}
	put(dev, "config", data + at, size - at);
	put(dev, "resource", "", 0);

	struct jh_error err = { 0 };
	struct source *src = source_open_dir(root, &err);
	check(src != NULL);
	struct pci_enumeration mine = { 0 }, ref = { 0 };
	int rc_mine = pci_enumerate_native(src, false, &mine, NULL, &err);
	jh_error_clear(&err);
	source_close(src);
	char *sysfs = xasprintf("%s/sys/bus/pci", root);
	int rc_ref = pci_enumerate(sysfs, buscentric, false, &ref, NULL, &err);
	jh_error_clear(&err);
	check(rc_mine == rc_ref);
	if (rc_mine == 0) {
		check(mine.n == 1 && ref.n == 1);
		check(!strcmp(mine.v[0].slot, ref.v[0].slot));
		check(mine.v[0].vendor_id == ref.v[0].vendor_id);
		check(mine.v[0].device_id == ref.v[0].device_id);
		check(mine.v[0].irq == ref.v[0].irq);
	}
	pci_enumeration_free(&mine);
	pci_enumeration_free(&ref);
	free(sysfs);
	free(dev);
	return 0;
}
