/* SPDX-License-Identifier: GPL-2.0-only */
/* Collecting a snapshot tar from a system (see collect.h).
 *
 * What is taken: everything pyjailhouse's sysfs_parser lists as its inputs
 * (so Jailhouse's config create can use the tar too), plus the procfs,
 * ACPI, CPU, UART, DMI and firmware memory map files jhconf reads. sysfs
 * sizes are not the content's, so every file is read to EOF (with a cap)
 * and stored with the size actually read; unreadable files are skipped. */
#include "source/collect.h"

#include "base/atomic.h"
#include "source/source.h"
#include "source/archive_lazy.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A set of strings (open addressing, FNV-1a): the "stored already?"
 * question is asked once per file and per parent folder, and a list
 * would make collecting a big tree quadratic. */
struct strset {
	char **slot;
	size_t cap, n;
};

static size_t strset_hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static bool strset_has(const struct strset *set, const char *s)
{
	if (!set->cap)
		return false;
	for (size_t i = strset_hash(s) & (set->cap - 1); set->slot[i];
	     i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->slot[i], s))
			return true;
	return false;
}

/* Adds s; false when it was there already. */
static bool strset_add(struct strset *set, const char *s)
{
	if (strset_has(set, s))
		return false;
	if (2 * (set->n + 1) > set->cap) {  /* at most half full */
		struct strset bigger = { .cap = set->cap ? 2 * set->cap : 64 };
		bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slot[i])
				continue;
			size_t k = strset_hash(set->slot[i]) & (bigger.cap - 1);
			while (bigger.slot[k])
				k = (k + 1) & (bigger.cap - 1);
			bigger.slot[k] = set->slot[i];
		}
		free(set->slot);
		set->slot = bigger.slot;
		set->cap = bigger.cap;
	}
	size_t k = strset_hash(s) & (set->cap - 1);
	while (set->slot[k])
		k = (k + 1) & (set->cap - 1);
	set->slot[k] = xstrdup(s);
	set->n++;
	return true;
}

static void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	*set = (struct strset){ 0 };
}

struct collector {
	struct source *src;
	struct archive *a;
	struct buf tar;          /* the archive, built in memory */
	struct strset dirs;      /* folders already stored */
	struct strlist stored;   /* files already stored (tar paths), in order */
	struct strset stored_set;  /* the same, to look up */
	time_t now;
	struct collect_result *res;
	struct jh_error *err;
};

static la_ssize_t tar_to_buf(struct archive *a, void *opaque, const void *p,
			     size_t n)
{
	(void)a;
	buf_append(opaque, p, n);
	return (la_ssize_t)n;
}

static int set_compression(struct archive *a, const char *out,
			   struct jh_error *err)
{
	size_t n = strlen(out);
#define ENDS(s) (n >= sizeof(s) - 1 && !strcmp(out + n - (sizeof(s) - 1), s))
	if (ENDS(".tar.gz") || ENDS(".tgz"))
		return archive_write_add_filter_gzip(a) == ARCHIVE_OK ? 0 : -1;
	if (ENDS(".tar.xz") || ENDS(".txz"))
		return archive_write_add_filter_xz(a) == ARCHIVE_OK ? 0 : -1;
	if (ENDS(".tar"))
		return 0;
#undef ENDS
	return jh_fail(err, JH_BADINPUT,
		       "%s: name the snapshot .tar, .tar.gz or .tar.xz", out);
}

static const char *archive_message(struct archive *a)
{
	const char *msg = archive_error_string(a);
	return msg ? msg : "archive error";
}

static int archive_failed(struct collector *c, const char *what)
{
	return jh_fail(c->err, JH_BADINPUT, "%s: %s", what,
		       archive_message(c->a));
}

static int put_header(struct collector *c, const char *path, mode_t type,
		      size_t size)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, type == AE_IFDIR ? 0755 : 0644);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_mtime(e, c->now, 0);
	archive_entry_set_uname(e, "root");
	archive_entry_set_gname(e, "root");
	int r = archive_write_header(c->a, e);
	archive_entry_free(e);
	return r == ARCHIVE_OK ? 0 : archive_failed(c, path);
}

/* Store each parent folder of path once, so that the tar lists cleanly
 * and unpacks to the same tree with any tool. */
static int put_parents(struct collector *c, const char *path)
{
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		char *dir = xstrndup(path, (size_t)(s - path) + 1);
		int rc = 0;
		if (strset_add(&c->dirs, dir))
			rc = put_header(c, dir, AE_IFDIR, 0);
		free(dir);
		if (rc < 0)
			return -1;
	}
	return 0;
}

const char *const collect_proc_required[] = { "/proc/iomem", "/proc/ioports",
					      "/proc/cpuinfo", "/proc/cmdline", NULL };
const char *const collect_proc_optional[] = { "/proc/interrupts", "/proc/meminfo",
					      "/proc/version", "/proc/modules", "/proc/mtrr",
					      NULL };
const char *const collect_cpu_files[] = { "online", "possible", "present", "offline",
					  "kernel_max", NULL };
const char *const collect_tty_files[] = { "iomem_base", "iomem_reg_shift", "io_type",
					  "port", NULL };
const char *const collect_memmap_files[] = { "start", "end", "type", NULL };

/* Store bytes as the tar member path (relative, no leading "/"). */
static int put_file(struct collector *c, const char *path, const void *data,
		    size_t len)
{
	if (strset_has(&c->stored_set, path))
		return 0;
	if (put_parents(c, path) < 0 || put_header(c, path, AE_IFREG, len) < 0)
		return -1;
	if (len && archive_write_data(c->a, data, len) != (la_ssize_t)len)
		return archive_failed(c, path);
	strlist_add(&c->stored, path);
	strset_add(&c->stored_set, path);
	c->res->files++;
	return 0;
}

/* Copy one file of the system (absolute path as on the system). Only
 * regular, readable files: never a link, a device or a folder. A missing
 * or unreadable file is skipped, unless required. */
static int copy(struct collector *c, const char *path, bool required)
{
	struct stat st;
	bool present = source_lstat(c->src, path, &st) == 0;
	/* write-only attributes (remove, rescan, reset) are not worth a note */
	if (!present || !S_ISREG(st.st_mode) || !(st.st_mode & 0444)) {
		if (required)
			return jh_fail(c->err, JH_BADINPUT, "%s: %s", path,
				       present ? "not a readable regular file"
					       : "missing");
		return 0;
	}
	struct buf data = { 0 };
	struct jh_error rerr = { 0 };
	int rc = source_read(c->src, path, &data, &rerr);
	if (rc == 0) {
		rc = put_file(c, path + 1, data.data, data.len);
	} else if (required) {
		jh_fail(c->err, rerr.status, "%s", rerr.msg);
	} else {
		c->res->skipped++;  /* e.g. an attribute the device rejects */
		rc = 0;
	}
	jh_error_clear(&rerr);
	buf_free(&data);
	return rc;
}

static int copy_optional(struct collector *c, const char *path)
{
	return copy(c, path, false);
}

/* The entries of a folder of the system (empty if it is not there). */
static void list_entries(struct collector *c, const char *dir,
			 struct strlist *out)
{
	struct jh_error err = { 0 };
	if (source_exists(c->src, dir))
		source_list(c->src, dir, out, &err);
	jh_error_clear(&err);
}

/* Copy the regular files directly in dir that keep(name) accepts. */
static int copy_folder_files(struct collector *c, const char *dir,
			     bool (*keep)(const char *name))
{
	struct strlist names = { 0 };
	list_entries(c, dir, &names);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < names.n; i++) {
		if (keep && !keep(names.v[i]))
			continue;
		char *path = xasprintf("%s/%s", dir, names.v[i]);
		rc = copy_optional(c, path);
		free(path);
	}
	strlist_free(&names);
	return rc;
}

/* "prefix" followed by one or more digits and then exactly suffix. */
static bool numbered(const char *name, const char *prefix, const char *suffix)
{
	size_t n = strlen(prefix);
	if (strncmp(name, prefix, n) || !isdigit((unsigned char)name[n]))
		return false;
	const char *p = name + n;
	while (isdigit((unsigned char)*p))
		p++;
	return !strcmp(p, suffix);
}

/* PCI attributes worth having: all but the BAR windows (mmap only; a read
 * can fault), the option ROM (reading it enables it) and the VPD (reads
 * can hang on broken devices). */
static bool pci_attribute_wanted(const char *name)
{
	return !numbered(name, "resource", "") &&
	       !numbered(name, "resource", "_wc") && strcmp(name, COLLECT_PCI_ROM) &&
	       strcmp(name, COLLECT_PCI_VPD);
}

/* The last component of what a sysfs link points to, or "-". */
static char *link_basename(struct collector *c, const char *path)
{
	char *target = source_readlink(c->src, path);
	if (!target)
		return xstrdup("-");
	const char *slash = strrchr(target, '/');
	char *base = xstrdup(slash ? slash + 1 : target);
	free(target);
	return base;
}

/* Where a device really sits in sysfs (it shows the bridges above it),
 * as a path on the system; links resolved beneath the root. */
static char *device_sysfs_path(struct collector *c, const char *path)
{
	char *real = source_realpath(c->src, path);
	return real ? real : xstrdup(path);
}

static int collect_pci(struct collector *c)
{
	const char *base = COLLECT_PCI_DIR;
	struct strlist bdfs = { 0 };
	struct buf list = { 0 };
	list_entries(c, base, &bdfs);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < bdfs.n; i++) {
		char *dev = xasprintf("%s/%s", base, bdfs.v[i]);
		char *msi = xasprintf("%s/%s", dev, COLLECT_PCI_MSI_DIR);
		char *drv = xasprintf("%s/%s", dev, COLLECT_PCI_DRIVER_LINK);
		char *grp = xasprintf("%s/%s", dev, COLLECT_PCI_GROUP_LINK);
		rc = copy_folder_files(c, dev, pci_attribute_wanted);
		if (rc == 0)
			rc = copy_folder_files(c, msi, NULL);
		char *where = device_sysfs_path(c, dev);
		char *driver = link_basename(c, drv);
		char *group = link_basename(c, grp);
		buf_printf(&list, "%s %s " COLLECT_PCI_LIST_DRIVER "=%s " COLLECT_PCI_LIST_GROUP
			   "=%s\n", bdfs.v[i], where, driver, group);
		free(where);
		free(driver);
		free(group);
		free(dev);
		free(msi);
		free(drv);
		free(grp);
	}
	if (rc == 0 && bdfs.n)
		rc = put_file(c, COLLECT_PCI_LIST, list.data, list.len);
	buf_free(&list);
	strlist_free(&bdfs);
	return rc;
}

static bool is_cpu_folder(const char *name)
{
	return numbered(name, "cpu", "");
}

static int collect_cpus(struct collector *c)
{
	const char *const *summary = collect_cpu_files;
	const char *base = COLLECT_CPU_DIR;
	int rc = 0;
	for (size_t i = 0; rc == 0 && summary[i]; i++) {
		char *path = xasprintf("%s/%s", base, summary[i]);
		rc = copy_optional(c, path);
		free(path);
	}
	struct strlist cpus = { 0 };
	list_entries(c, base, &cpus);
	for (size_t i = 0; rc == 0 && i < cpus.n; i++) {
		if (!is_cpu_folder(cpus.v[i]))
			continue;
		char *uevent = xasprintf("%s/%s/%s", base, cpus.v[i], COLLECT_CPU_UEVENT);
		char *topo = xasprintf("%s/%s/%s", base, cpus.v[i], COLLECT_CPU_TOPOLOGY);
		rc = copy_optional(c, uevent);
		if (rc == 0)
			rc = copy_folder_files(c, topo, NULL);
		free(uevent);
		free(topo);
	}
	strlist_free(&cpus);
	return rc;
}

/* All attributes of the 8250-style UARTs; for any other tty only the four
 * files Jailhouse's parser reads, where they exist. */
static int collect_ttys(struct collector *c)
{
	const char *const *jailhouse_files = collect_tty_files;
	const char *base = COLLECT_TTY_DIR;
	struct strlist ttys = { 0 };
	list_entries(c, base, &ttys);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < ttys.n; i++) {
		char *dir = xasprintf("%s/%s", base, ttys.v[i]);
		if (numbered(ttys.v[i], "ttyS", "")) {
			rc = copy_folder_files(c, dir, NULL);
		} else {
			for (size_t f = 0; rc == 0 && jailhouse_files[f]; f++) {
				char *path = xasprintf("%s/%s", dir, jailhouse_files[f]);
				rc = copy_optional(c, path);
				free(path);
			}
		}
		free(dir);
	}
	strlist_free(&ttys);
	return rc;
}

static bool is_number(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (!isdigit((unsigned char)*name))
			return false;
	return true;
}

static int collect_memmap(struct collector *c)
{
	const char *const *fields = collect_memmap_files;
	const char *base = COLLECT_MEMMAP_DIR;
	struct strlist entries = { 0 };
	list_entries(c, base, &entries);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < entries.n; i++) {
		if (!is_number(entries.v[i]))
			continue;
		for (size_t f = 0; rc == 0 && fields[f]; f++) {
			char *path = xasprintf("%s/%s/%s", base, entries.v[i],
					       fields[f]);
			rc = copy_optional(c, path);
			free(path);
		}
	}
	strlist_free(&entries);
	return rc;
}

static int collect_procfs(struct collector *c)
{
	for (size_t i = 0; collect_proc_required[i]; i++)
		if (copy(c, collect_proc_required[i], true) < 0)
			return -1;
	for (size_t i = 0; collect_proc_optional[i]; i++)
		if (copy_optional(c, collect_proc_optional[i]) < 0)
			return -1;
	return 0;
}

/* What Jailhouse's config create cannot do without: say so now, while
 * the user is still on the machine, rather than on the other end. */
static void warn_missing(struct collector *c, struct jh_findings *diag)
{
	static const char *const needed[] = { "sys/firmware/acpi/tables/APIC",
					      "sys/firmware/acpi/tables/MCFG" };
	for (size_t i = 0; i < 2; i++)
		if (!strset_has(&c->stored_set, needed[i]))
			jh_finding_add(diag, JH_R_COLLECT_MISSING,
				       &(struct jh_subject){ .file = needed[i] },
				       "%s is missing; Jailhouse needs it", needed[i]);
	if (!strset_has(&c->stored_set, "sys/firmware/acpi/tables/DMAR") &&
	    !strset_has(&c->stored_set, "sys/firmware/acpi/tables/IVRS"))
		jh_finding_add(diag, JH_R_COLLECT_NO_IOMMU, NULL,
			       "no DMAR or IVRS ACPI table: no IOMMU is described; "
			       "Jailhouse needs one");
	bool any_pci = false;
	for (size_t i = 0; i < c->stored.n; i++) {
		const char *p = c->stored.v[i];
		if (!strncmp(p, "sys/bus/pci/devices/", 20) &&
		    strstr(p, "/config"))
			any_pci = true;
	}
	if (!any_pci)
		jh_finding_add(diag, JH_R_COLLECT_NO_PCI, NULL,
			       "no PCI device config space could be read");
}

static int collect_all(struct collector *c)
{
	if (collect_procfs(c) < 0 || collect_pci(c) < 0 ||
	    copy_folder_files(c, COLLECT_ACPI_DIR, NULL) < 0 ||
	    collect_cpus(c) < 0 || collect_ttys(c) < 0 ||
	    copy_folder_files(c, COLLECT_DMI_DIR, NULL) < 0 ||
	    collect_memmap(c) < 0 ||
	    copy_optional(c, COLLECT_JAILHOUSE_ENABLED) < 0)
		return -1;
	return 0;
}

int collect_snapshot(const char *root, const char *out, struct jh_findings *diag,
		     struct collect_result *res, struct jh_error *err)
{
	struct collect_result dummy;
	struct collector c = { .now = time(NULL), .res = res ? res : &dummy,
			       .err = err };
	memset(c.res, 0, sizeof(*c.res));
	if (jh_archive_load(err) < 0)
		return -1;
	c.src = source_open_dir(root, err);
	if (!c.src)
		return -1;
	c.a = archive_write_new();
	int rc = -1;
	if (!c.a) {
		jh_fail(err, JH_BADINPUT, "%s: out of memory", out);
		goto done;
	}
	if (set_compression(c.a, out, err) < 0 ||
	    archive_write_set_format_pax_restricted(c.a) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(c.a, 1) != ARCHIVE_OK ||
	    archive_write_open(c.a, &c.tar, NULL, tar_to_buf, NULL) != ARCHIVE_OK) {
		jh_fail(err, JH_BADINPUT, "%s: %s", out, archive_message(c.a));
		goto done;
	}
	if (collect_all(&c) < 0)
		goto done;
	if (archive_write_close(c.a) != ARCHIVE_OK) {
		archive_failed(&c, out);
		goto done;
	}
	if (diag)
		warn_missing(&c, diag);
	/* Private: the tar holds DMI serial numbers and the whole hardware
	 * inventory; whoever collects it decides whom to give it to. */
	if (write_file_atomic_mode(out, c.tar.data, c.tar.len,
				   ATOMIC_MODE_PRIVATE, err) < 0)
		goto done;
	c.res->bytes = c.tar.len;
	rc = 0;
done:
	if (c.a)
		archive_write_free(c.a);
	buf_free(&c.tar);
	strset_free(&c.dirs);
	strlist_free(&c.stored);
	strset_free(&c.stored_set);
	source_close(c.src);
	return rc;
}
