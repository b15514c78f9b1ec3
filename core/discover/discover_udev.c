/* Driver and IOMMU group of each PCI device. On the live system libudev
 * names the bound driver and the device's syspath (whose iommu_group link
 * gives the group); a snapshot carries the same facts in a side file
 * (snapshot_extras.c). Best effort: nothing here fails discovery. */
#include "discover/discover.h"
#include "discover/snapshot_extras.h"

#include <libudev.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	struct udev_device *dev = udev_device_new_from_syspath(udev, syspath);
	if (!dev)
		return;
	const char *slot = udev_device_get_sysname(dev);
	struct pci_dev *pd = slot ? machine_find_pci(m, slot) : NULL;
	if (pd) {
		const char *driver = udev_device_get_driver(dev);
		if (driver && !pd->driver)
			pd->driver = xstrdup(driver);
		if (pd->iommu_group < 0)
			pd->iommu_group = iommu_group_of(syspath);
	}
	udev_device_unref(dev);
}

static void discover_udev_live(struct machine *m)
{
	struct udev *udev = udev_new();
	if (!udev)
		return;
	struct udev_enumerate *en = udev_enumerate_new(udev);
	if (en && udev_enumerate_add_match_subsystem(en, "pci") >= 0 &&
	    udev_enumerate_scan_devices(en) >= 0) {
		struct udev_list_entry *e;
		udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en))
			annotate_from_udev(udev, udev_list_entry_get_name(e), m);
	}
	if (en)
		udev_enumerate_unref(en);
	udev_unref(udev);
}

void discover_udev(struct source *src, struct machine *m)
{
	if (src->live)
		discover_udev_live(m);
	else
		snapshot_read_pci_extras(src, m);
}
