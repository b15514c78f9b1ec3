/* PCI discovery: libpci enumerates the devices (method linux-sysfs, its
 * sysfs.path under the source's root, so a snapshot and the live system
 * take the same path); each device's config space and resource file are
 * then read through the source and decoded by the parsers.
 * The libpci session itself lives in pci_libpci.c. */
#include "autoconf.h"
#include "discover/discover.h"
#include "parse/parsers.h"
#include "discover/pci_libpci.h"
#include "discover/pci_ids.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *discover_pci_ids = JH_PCI_IDS;

#define SYSFS_PCI     "/sys/bus/pci"
#define SYSFS_PCI_DEV SYSFS_PCI "/devices"

/* Jailhouse's collector keeps only config and resource: without the
 * per-device attribute files libpci must read ids from config space. */
static bool needs_buscentric(struct source *src, const struct strlist *slots)
{
	static const char *const attrs[] = { "vendor", "device", "class", "irq" };
	for (size_t i = 0; i < slots->n; i++) {
		for (size_t a = 0; a < sizeof(attrs) / sizeof(attrs[0]); a++) {
			char *p = xasprintf(SYSFS_PCI_DEV "/%s/%s", slots->v[i],
					    attrs[a]);
			bool ok = source_exists(src, p);
			free(p);
			if (!ok)
				return true;
		}
	}
	return false;
}

/* Every entry must be a PCI address before libpci sees the folder: its
 * scan gives up on anything else from inside an open directory, and
 * escaping from there would leak that directory. libpci skips names that
 * start with a dot; so does this check. */
static int check_slots(const struct strlist *slots, struct jh_error *err)
{
	for (size_t i = 0; i < slots->n; i++) {
		uint16_t domain;
		uint8_t bus, dev, fn;
		if (slots->v[i][0] == '.' ||
		    parse_pci_slot(slots->v[i], &domain, &bus, &dev, &fn))
			continue;
		return jh_fail(err, JH_BADINPUT,
			       SYSFS_PCI_DEV "/%s: not a PCI device address (expected dddd:bb:dd.f)",
			       slots->v[i]);
	}
	return 0;
}

static int by_slot(const void *a, const void *b)
{
	const struct pci_enumerated *x = a, *y = b;
	return strcmp(x->slot, y->slot);
}

static int read_config(struct source *src, const char *dir,
		       struct pci_dev *d, struct jh_findings *diag,
		       struct jh_error *err)
{
	char *path = xasprintf("%s/config", dir);
	struct buf b = { 0 };
	int rc = source_read(src, path, &b, err);
	if (rc == 0)
		rc = parse_pci_config(path, b.data, b.len, d, diag, err);
	buf_free(&b);
	free(path);
	return rc;
}

static int read_resource(struct source *src, const char *dir,
			 struct pci_dev *d, struct jh_error *err)
{
	char *path = xasprintf("%s/resource", dir);
	char *text = source_read_text(src, path, err);
	int rc = text ? parse_pci_resource(path, text, strlen(text), d, err)
		      : -1;
	free(text);
	free(path);
	return rc;
}

/* Builds one device from libpci's facts and the sysfs files. Returns 1
 * when the device is to be kept, 0 when it is skipped (disabled). */
static int build_device(struct source *src, struct pci_enumerated *e,
			struct pci_dev *d, struct jh_findings *diag,
			struct jh_error *err)
{
	*d = (struct pci_dev){ .irq = e->irq, .iommu_group = -1 };
	d->slot = xstrdup(e->slot);
	if (!parse_pci_slot(e->slot, &d->domain, &d->bus, &d->dev, &d->fn))
		return jh_fail(err, JH_BADINPUT,
			       SYSFS_PCI_DEV "/%s: unsupported PCI address",
			       e->slot);
	char *dir = xasprintf(SYSFS_PCI_DEV "/%s", e->slot);
	int rc = read_config(src, dir, d, diag, err);
	if (rc == 0 && d->vendor_id == 0xffff && d->device_id == 0xffff) {
		jh_finding_add(diag, JH_R_PCI_DISABLED, &(struct jh_subject){ .file = dir },
			       "%s: ignoring apparently disabled PCI device (ids read as all ones)",
			       dir);
		free(dir);
		return 0;
	}
	if (rc == 0)
		rc = read_resource(src, dir, d, err);
	free(dir);
	if (rc < 0)
		return -1;
	d->vendor_name = e->vendor_name;
	d->device_name = e->device_name;
	e->vendor_name = e->device_name = NULL;
	return 1;
}

static int build_devices(struct source *src, struct pci_enumeration *en,
			 struct machine *m, struct jh_findings *diag,
			 struct jh_error *err)
{
	struct pci_dev *devs = NULL;
	size_t ndevs = 0, cap = 0;
	for (size_t i = 0; i < en->n; i++) {
		struct pci_dev d;
		int rc = build_device(src, &en->v[i], &d, diag, err);
		if (rc <= 0)
			pci_dev_free(&d);
		if (rc < 0) {
			for (size_t j = 0; j < ndevs; j++)
				pci_dev_free(&devs[j]);
			free(devs);
			return -1;
		}
		if (rc > 0)
			*ARRAY_PUSH(devs, ndevs, cap) = d;
	}
	for (size_t i = 0; i < ndevs; i++)
		*ARRAY_PUSH(m->pci, m->npci, m->pci_cap) = devs[i];
	free(devs);
	return 0;
}

/* Names from pci.ids by jhconf's own one-pass reader (pci_ids.c), which
 * costs a fraction of libpci's load of the whole file. When that reader
 * cannot vouch for libpci's answer, libpci enumerates again with its own
 * names, so that names, warnings and errors are exactly libpci's; the
 * first enumeration's warnings are kept aside until then. */
static int enumerate_named(const char *sysfs_path, bool buscentric,
			   bool names, struct pci_enumeration *en,
			   struct jh_findings *diag, struct jh_error *err)
{
	if (!names)
		return pci_enumerate(sysfs_path, buscentric, false, en, diag, err);
	struct jh_findings first = { 0 };
	struct jh_error first_err = { 0 };
	int rc = pci_enumerate(sysfs_path, buscentric, false, en, &first,
			       &first_err);
	struct pci_ids_query *q = xcalloc(en->n ? en->n : 1, sizeof(*q));
	for (size_t i = 0; i < en->n; i++)
		q[i] = (struct pci_ids_query){ .vendor = en->v[i].vendor_id,
					       .device = en->v[i].device_id };
	if (rc == 0 && pci_ids_lookup(discover_pci_ids, q, en->n)) {
		if (diag)
			jh_findings_append(diag, &first);
		for (size_t i = 0; i < en->n; i++) {
			en->v[i].vendor_name = q[i].vendor_name;
			en->v[i].device_name = q[i].device_name;
		}
	} else {
		/* also after an error: libpci, reading names as it goes,
		 * might have failed on pci.ids first */
		pci_enumeration_free(en);
		rc = pci_enumerate(sysfs_path, buscentric, true, en, diag, err);
	}
	free(q);
	jh_findings_free(&first);
	jh_error_clear(&first_err);
	return rc;
}

/* The device attributes libpci's sysfs method may open for the facts
 * asked of it (ids, class, IRQ, resources; config space when buscentric).
 * Other libpci versions read some of them eagerly: all are copied. */
static const char *const libpci_attrs[] = {
	"vendor", "device", "class", "irq", "resource", "config",
};

static int write_file_at(int dfd, const char *name, const struct buf *b)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	const unsigned char *p = b->data;
	size_t left = b->len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			errno = w == 0 ? EIO : e;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return close(fd);
}

/* libpci opens files under its sysfs.path itself: plain open(), which
 * blocks forever on a FIFO and follows any link out of a snapshot tree.
 * So for a tree that is not known to be plain, it gets a private copy
 * instead: tmp/devices/SLOT/ATTR for each attribute present, read
 * through the source (beneath the root, regular files only, with an
 * error naming the file otherwise). */
static int copy_for_libpci(struct source *src, const struct strlist *slots,
			   const char *tmp, struct jh_error *err)
{
	int rootfd = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (rootfd < 0 || mkdirat(rootfd, "devices", 0700) != 0) {
		int e = errno;
		if (rootfd >= 0)
			close(rootfd);
		return jh_fail(err, JH_BADINPUT, "%s: cannot write: %s", tmp,
			       strerror(e));
	}
	int devfd = openat(rootfd, "devices", O_RDONLY | O_DIRECTORY |
			   O_NOFOLLOW | O_CLOEXEC);
	close(rootfd);
	int rc = devfd < 0 ? jh_fail(err, JH_BADINPUT, "%s/devices: %s", tmp,
				     strerror(errno)) : 0;
	for (size_t i = 0; rc == 0 && i < slots->n; i++) {
		if (slots->v[i][0] == '.')  /* libpci skips these */
			continue;
		int fd = -1;
		if (mkdirat(devfd, slots->v[i], 0700) == 0)
			fd = openat(devfd, slots->v[i], O_RDONLY | O_DIRECTORY |
				    O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = jh_fail(err, JH_BADINPUT, "%s/devices/%s: %s", tmp,
				     slots->v[i], strerror(errno));
			break;
		}
		for (size_t a = 0; rc == 0 && a < sizeof(libpci_attrs) /
						  sizeof(libpci_attrs[0]); a++) {
			char *path = xasprintf(SYSFS_PCI_DEV "/%s/%s", slots->v[i],
					       libpci_attrs[a]);
			struct buf b = { 0 };
			if (source_exists(src, path)) {
				rc = source_read(src, path, &b, err);
				if (rc == 0 && write_file_at(fd, libpci_attrs[a], &b) != 0)
					rc = jh_fail(err, JH_BADINPUT,
						     "%s/devices/%s/%s: cannot write: %s",
						     tmp, slots->v[i], libpci_attrs[a],
						     strerror(errno));
			}
			buf_free(&b);
			free(path);
		}
		close(fd);
	}
	if (devfd >= 0)
		close(devfd);
	return rc;
}

/* Every "real" in *msg becomes SYSFS_PCI. */
static void show_as_sysfs(char **msg, const char *real)
{
	size_t n = strlen(real);
	if (!*msg || !n || !strcmp(real, SYSFS_PCI))
		return;
	struct buf b = { 0 };
	for (const char *p = *msg; *p;) {
		if (!strncmp(p, real, n)) {
			buf_printf(&b, SYSFS_PCI);
			p += n;
		} else {
			buf_append(&b, p++, 1);
		}
	}
	free(*msg);
	*msg = (char *)b.data;
}

int discover_pci(struct source *src, struct machine *m, struct jh_findings *diag,
		 struct jh_error *err)
{
	if (!source_exists(src, SYSFS_PCI_DEV)) {
		jh_finding_add(diag, JH_R_PCI_NO_DEVICES, NULL,
			       SYSFS_PCI_DEV ": missing, no PCI devices found");
		return 0;
	}
	struct strlist slots = { 0 };
	if (source_list(src, SYSFS_PCI_DEV, &slots, err) < 0) {
		strlist_free(&slots);
		return -1;
	}
	if (check_slots(&slots, err) < 0) {
		strlist_free(&slots);
		return -1;
	}
	bool buscentric = needs_buscentric(src, &slots);

	char *tmp = NULL, *sysfs_path;
	if (src->plain) {
		sysfs_path = source_real_path(src, SYSFS_PCI);
	} else {
		tmp = source_temp_create("jhconf-pci", err);
		if (!tmp || copy_for_libpci(src, &slots, tmp, err) < 0) {
			source_temp_remove(tmp);
			free(tmp);
			strlist_free(&slots);
			return -1;
		}
		sysfs_path = xstrdup(tmp);
	}
	strlist_free(&slots);
	bool names = access(discover_pci_ids, R_OK) == 0;
	struct pci_enumeration en = { 0 };
	size_t nwarnings = diag ? diag->n : 0;
	int rc = enumerate_named(sysfs_path, buscentric, names, &en, diag, err);
	/* libpci names its files by the real path; show them as the
	 * machine's (/sys/bus/pci/...), not as a temporary folder */
	if (rc < 0 && err)
		show_as_sysfs(&err->msg, sysfs_path);
	for (size_t i = nwarnings; diag && i < diag->n; i++)
		show_as_sysfs(&diag->v[i].msg, sysfs_path);
	free(sysfs_path);
	source_temp_remove(tmp);
	free(tmp);
	if (rc == 0) {
		if (en.n)
			qsort(en.v, en.n, sizeof(en.v[0]), by_slot);
		rc = build_devices(src, &en, m, diag, err);
	}
	pci_enumeration_free(&en);
	return rc;
}
