/* SPDX-License-Identifier: GPL-2.0-only */
/* Driver and IOMMU group of each PCI device. On the live system libudev
 * names the bound driver and the device's syspath (whose iommu_group link
 * gives the group); a snapshot carries the same facts in a side file
 * (snapshot_extras.c). Best effort: nothing here fails discovery.
 *
 * libudev is loaded with dlopen when the live system is read, not at
 * start-up: a snapshot never needs it, and mapping it cost every run. */
#include "autoconf.h"
#include "discover/discover.h"
#include "discover/snapshot_extras.h"

#include <dlfcn.h>
#include <libudev.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef JH_LIBUDEV_SONAME
#define JH_LIBUDEV_SONAME "libudev.so.1"
#endif

#define JH_UDEV_FUNCTIONS(X)                                                 \
	X(udev_new) X(udev_unref) X(udev_enumerate_new)                      \
	X(udev_enumerate_unref) X(udev_enumerate_add_match_subsystem)        \
	X(udev_enumerate_scan_devices) X(udev_enumerate_get_list_entry)      \
	X(udev_list_entry_get_next) X(udev_list_entry_get_name)              \
	X(udev_device_new_from_syspath) X(udev_device_unref)                 \
	X(udev_device_get_sysname) X(udev_device_get_driver)

/* The functions used, by their declarations in <libudev.h>. */
static struct {
#define JH_UDEV_POINTER(name) __typeof__(name) *name;
	JH_UDEV_FUNCTIONS(JH_UDEV_POINTER)
#undef JH_UDEV_POINTER
} lib;

/* Loads libudev once; false when it cannot be had (then no drivers). */
static bool udev_load(void)
{
	static int state;  /* 0 not tried, 1 loaded, -1 not to be had */
	if (state)
		return state > 0;
	state = -1;
	void *h = dlopen(JH_LIBUDEV_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	/* dlsym's object pointer to a function pointer: POSIX's way */
#define JH_UDEV_RESOLVE(name)                                   \
	{                                                       \
		void *sym = dlsym(h, #name);                    \
		if (!sym) {                                     \
			dlclose(h);                             \
			return false;                           \
		}                                               \
		memcpy(&lib.name, &sym, sizeof(lib.name));      \
	}
	JH_UDEV_FUNCTIONS(JH_UDEV_RESOLVE)
#undef JH_UDEV_RESOLVE
	state = 1;  /* stays loaded for the rest of the process */
	return true;
}

/* The group number is the name of the folder the link points to. */
static int iommu_group_of(const char *syspath)
{
	char *link = xasprintf("%s/iommu_group", syspath);
	char target[PATH_MAX];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	uint64_t group;

	free(link);
	if (n <= 0)
		return -1;
	target[n] = '\0';
	const char *base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!parse_u64(base, 10, &group) || group > INT_MAX)
		return -1;
	return (int)group;
}

static void annotate_from_udev(struct udev *udev, const char *syspath,
			       struct machine *m)
{
	struct udev_device *dev = lib.udev_device_new_from_syspath(udev, syspath);
	if (!dev)
		return;
	const char *slot = lib.udev_device_get_sysname(dev);
	struct pci_dev *pd = slot ? machine_find_pci(m, slot) : NULL;
	if (pd) {
		const char *driver = lib.udev_device_get_driver(dev);
		if (driver && !pd->driver)
			pd->driver = xstrdup(driver);
		if (pd->iommu_group < 0)
			pd->iommu_group = iommu_group_of(syspath);
	}
	lib.udev_device_unref(dev);
}

static void discover_udev_live(struct machine *m)
{
	if (!udev_load())
		return;
	struct udev *udev = lib.udev_new();
	if (!udev)
		return;
	struct udev_enumerate *en = lib.udev_enumerate_new(udev);
	if (en && lib.udev_enumerate_add_match_subsystem(en, "pci") >= 0 &&
	    lib.udev_enumerate_scan_devices(en) >= 0) {
		for (struct udev_list_entry *e = lib.udev_enumerate_get_list_entry(en);
		     e; e = lib.udev_list_entry_get_next(e))
			annotate_from_udev(udev, lib.udev_list_entry_get_name(e), m);
	}
	if (en)
		lib.udev_enumerate_unref(en);
	lib.udev_unref(udev);
}

void discover_udev(struct source *src, struct machine *m)
{
	if (src->live)
		discover_udev_live(m);
	else
		snapshot_read_pci_extras(src, m);
}
