/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests for the tar backend (source_open_tar) and for collect_snapshot.
 *
 * The archives are built here with libarchive from the bundled snapshot
 * tree, so every byte read back through the tar backend can be compared
 * with the file in the tree (read with plain stdio, not with jhconf). A few
 * values are also checked against hand-decoded bytes of the snapshot. Each
 * test runs with TMPDIR set to a fresh folder, so "the private folder is
 * gone" is checked by listing TMPDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "source/collect.h"
#include "source/source.h"
#include "testutil.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define SNAP JH_TEST_DATA "/snapshots/q35-jailhouse-doc"

/* The fresh TMPDIR of the running test (also where its archives go). */
static char tmpdir[256];
/* Where test archives are written: outside TMPDIR, so that TMPDIR holds
 * only what the backend creates. */
static char workdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/jhtest-tar-tmp.XXXXXX");
	snprintf(workdir, sizeof(workdir), "/tmp/jhtest-tar-work.XXXXXX");
	if (!mkdtemp(tmpdir) || !mkdtemp(workdir))
		return -1;
	setenv("TMPDIR", tmpdir, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_remove_tree(tmpdir);
	test_remove_tree(workdir);
	unsetenv("TMPDIR");
	return 0;
}

static unsigned count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	unsigned n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void assert_tmpdir_empty(void)
{
	assert_int_equal(count_entries(tmpdir), 0);
}

static char *work_path(const char *name)
{
	return xasprintf("%s/%s", workdir, name);
}

/* ---- building archives ---- */

enum filter { PLAIN, GZIP, XZ };

static struct archive *tar_create(const char *path, enum filter f)
{
	struct archive *a = archive_write_new();
	assert_non_null(a);
	if (f == GZIP)
		assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	if (f == XZ)
		assert_int_equal(archive_write_add_filter_xz(a), ARCHIVE_OK);
	assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	return a;
}

static void tar_finish(struct archive *a)
{
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

/* One member. type is AE_IFREG, AE_IFDIR, AE_IFLNK (link = target),
 * AE_IFCHR, AE_IFIFO; with hardlink set, a hard link to it. */
static void tar_add(struct archive *a, const char *name, unsigned type,
		    const void *data, size_t len, const char *link,
		    const char *hardlink)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, type == AE_IFREG && !hardlink ? (int64_t)len : 0);
	if (link)
		archive_entry_set_symlink(e, link);
	if (hardlink)
		archive_entry_set_hardlink(e, hardlink);
	if (type == AE_IFCHR)
		archive_entry_set_rdev(e, makedev(1, 3));
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	if (data && len)
		assert_int_equal(archive_write_data(a, data, len), (ssize_t)len);
	archive_entry_free(e);
}

static void tar_add_text(struct archive *a, const char *name, const char *text)
{
	tar_add(a, name, AE_IFREG, text, strlen(text), NULL, NULL);
}

static void tar_add_file(struct archive *a, const char *name, const char *real)
{
	size_t len;
	unsigned char *data = test_slurp(real, &len);
	tar_add(a, name, AE_IFREG, data, len, NULL, NULL);
	free(data);
}

/* Add the tree under dir (real) as members prefix+rel; keep(rel) filters
 * files (folders are always added, before their contents). */
static void tar_add_tree(struct archive *a, const char *dir, const char *prefix,
			 const char *rel, bool (*keep)(const char *rel))
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *real = xasprintf("%s/%s", dir, e->d_name);
		char *sub = *rel ? xasprintf("%s/%s", rel, e->d_name)
				 : xstrdup(e->d_name);
		char *name = xasprintf("%s%s", prefix, sub);
		struct stat st;
		assert_int_equal(lstat(real, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			char *dname = xasprintf("%s/", name);
			tar_add(a, dname, AE_IFDIR, NULL, 0, NULL, NULL);
			free(dname);
			tar_add_tree(a, real, prefix, sub, keep);
		} else if (!keep || keep(sub)) {
			tar_add_file(a, name, real);
		}
		free(real);
		free(sub);
		free(name);
	}
	closedir(d);
}

static char *snapshot_tar(const char *file, enum filter f, const char *prefix)
{
	char *path = work_path(file);
	struct archive *a = tar_create(path, f);
	tar_add_tree(a, SNAP, prefix, "", NULL);
	tar_finish(a);
	return path;
}

/* ---- reading back ---- */

static void assert_same_as_tree(struct source *src, const char *path)
{
	struct buf got = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(source_read(src, path, &got, &err), 0);
	char *real = xasprintf("%s%s", SNAP, path);
	size_t len;
	unsigned char *want = test_slurp(real, &len);
	assert_int_equal(got.len, len);
	assert_memory_equal(got.data, want, len);
	free(want);
	free(real);
	buf_free(&got);
}

static const char *const sample_files[] = {
	"/proc/iomem",
	"/proc/ioports",
	"/proc/cpuinfo",
	"/sys/bus/pci/devices/0000:00:02.0/config",
	"/sys/bus/pci/devices/0000:00:1f.2/resource",
	"/sys/firmware/acpi/tables/DMAR",
	"/sys/firmware/acpi/tables/DSDT",
	"/sys/devices/system/cpu/cpu3/uevent",
	"/sys/class/tty/ttyS0/port",
};

/* Values decoded by hand from the snapshot (xxd / cat of the tree). */
static void assert_known_values(struct source *src)
{
	struct jh_error err = { 0 };
	char *cmdline = source_read_text(src, "/proc/cmdline", &err);
	assert_non_null(cmdline);
	assert_string_equal(cmdline, "console=ttyS0 intel_iommu=on\n");
	free(cmdline);

	struct buf b = { 0 };
	/* e1000e at 00:02.0: vendor 8086, device 10d3, little endian */
	assert_int_equal(source_read(src, "/sys/bus/pci/devices/0000:00:02.0/config",
				     &b, &err), 0);
	assert_int_equal(b.len, 4096);  /* PCIe, read as root */
	assert_int_equal(le16(b.data), 0x8086);
	assert_int_equal(le16(b.data + 2), 0x10d3);
	/* DMAR: signature, then its length (128 bytes, as ls shows) */
	assert_int_equal(source_read(src, "/sys/firmware/acpi/tables/DMAR", &b,
				     &err), 0);
	assert_memory_equal(b.data, "DMAR", 4);
	assert_int_equal(le32(b.data + 4), 128);
	assert_int_equal(b.len, 128);
	buf_free(&b);
}

static void check_snapshot_tar(enum filter f, const char *file,
			       const char *prefix)
{
	char *path = snapshot_tar(file, f, prefix);
	struct jh_error err = { 0 };
	struct source *src = source_open_tar(path, &err);
	if (!src)
		fail_msg("%s", err.msg);
	assert_string_equal(src->label, path);
	assert_false(src->live);
	for (size_t i = 0; i < sizeof(sample_files) / sizeof(*sample_files); i++)
		assert_same_as_tree(src, sample_files[i]);
	assert_known_values(src);

	/* q35-jailhouse-doc has 7 PCI devices (snapshot README) */
	struct strlist devs = { 0 };
	assert_int_equal(source_list(src, "/sys/bus/pci/devices", &devs, &err), 0);
	assert_int_equal(devs.n, 7);
	assert_string_equal(devs.v[0], "0000:00:00.0");
	strlist_free(&devs);

	/* libpci gets a real folder, inside the private one */
	char *pci = source_real_path(src, "/sys/bus/pci");
	struct stat st;
	assert_int_equal(lstat(pci, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_true(!strncmp(pci, tmpdir, strlen(tmpdir)));
	free(pci);
	/* the private folder is 0700 */
	assert_int_equal(count_entries(tmpdir), 1);
	assert_int_equal(stat(src->root, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	source_close(src);
	assert_tmpdir_empty();
	free(path);
}

static void test_snapshot_plain(void **state)
{
	(void)state;
	check_snapshot_tar(PLAIN, "snap.tar", "");
}

static void test_snapshot_gzip(void **state)
{
	(void)state;
	check_snapshot_tar(GZIP, "snap.tar.gz", "");
}

static void test_snapshot_xz(void **state)
{
	(void)state;
	check_snapshot_tar(XZ, "snap.tar.xz", "");
}

/* tar cf x.tar q35-jailhouse-doc: the snapshot folder itself is the root */
static void test_snapshot_in_a_folder(void **state)
{
	(void)state;
	check_snapshot_tar(GZIP, "folder.tar.gz", "q35/");
}

/* What `tar -C tmp -cf x.tar .` in Jailhouse's collector makes: "./"
 * prefixes, a "./" member, and only config and resource per device. */
static bool jailhouse_collects(const char *rel)
{
	static const char *const exact[] = {
		"proc/iomem", "proc/cpuinfo", "proc/cmdline", "proc/ioports",
		"sys/firmware/acpi/tables/APIC", "sys/firmware/acpi/tables/MCFG",
		"sys/firmware/acpi/tables/DMAR", "sys/class/dmi/id/product_name",
		"sys/class/dmi/id/sys_vendor",
	};
	for (size_t i = 0; i < sizeof(exact) / sizeof(*exact); i++)
		if (!strcmp(rel, exact[i]))
			return true;
	size_t n = strlen(rel);
	if (!strncmp(rel, "sys/bus/pci/devices/", 20))
		return (n > 7 && !strcmp(rel + n - 7, "/config")) ||
		       (n > 9 && !strcmp(rel + n - 9, "/resource"));
	if (!strncmp(rel, "sys/devices/system/cpu/cpu", 26))
		return n > 7 && !strcmp(rel + n - 7, "/uevent");
	if (!strncmp(rel, "sys/class/tty/", 14))
		return strstr(rel, "/port") || strstr(rel, "/io_type") ||
		       strstr(rel, "/iomem_base") || strstr(rel, "/iomem_reg_shift");
	return false;
}

static void test_jailhouse_collector_tar(void **state)
{
	(void)state;
	char *path = work_path("jh.tar");
	struct archive *a = tar_create(path, PLAIN);
	tar_add(a, "./", AE_IFDIR, NULL, 0, NULL, NULL);
	tar_add_tree(a, SNAP, "./", "", jailhouse_collects);
	tar_finish(a);

	struct jh_error err = { 0 };
	struct source *src = source_open_tar(path, &err);
	if (!src)
		fail_msg("%s", err.msg);
	assert_same_as_tree(src, "/proc/iomem");
	assert_same_as_tree(src, "/sys/bus/pci/devices/0000:00:1f.3/config");
	assert_same_as_tree(src, "/sys/bus/pci/devices/0000:00:1f.3/resource");
	assert_same_as_tree(src, "/sys/firmware/acpi/tables/MCFG");
	assert_true(source_exists(src, "/sys/bus/pci/devices/0000:00:02.0/config"));
	assert_false(source_exists(src, "/sys/bus/pci/devices/0000:00:02.0/vendor"));
	assert_false(source_exists(src, "/proc/meminfo"));
	source_close(src);
	assert_tmpdir_empty();
	free(path);
}

/* ---- refused archives ---- */

/* Open path, expect a refusal whose message names the tar and `member`,
 * and nothing left behind in TMPDIR. */
static void assert_refused(const char *path, const char *member)
{
	struct jh_error err = { 0 };
	struct source *src = source_open_tar(path, &err);
	if (src)
		fail_msg("%s was accepted", path);
	assert_non_null(err.msg);
	if (!strstr(err.msg, path) || (member && !strstr(err.msg, member)))
		fail_msg("message '%s' does not name '%s'", err.msg,
			 member ? member : path);
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
	assert_tmpdir_empty();
}

/* A tar with a good file first, then one bad member. */
static char *hostile_tar(const char *file, enum filter f, const char *name,
			 unsigned type, size_t len, const char *link,
			 const char *hardlink)
{
	char *path = work_path(file);
	struct archive *a = tar_create(path, f);
	tar_add_text(a, "proc/iomem", "00000000-00000fff : Reserved\n");
	tar_add(a, name, type, NULL, len, link, hardlink);
	tar_finish(a);
	return path;
}

static void refuse(const char *name, unsigned type, const char *link,
		   const char *hardlink)
{
	char *path = hostile_tar("bad.tar", PLAIN, name, type, 0, link, hardlink);
	assert_refused(path, name);
	free(path);
}

static void test_refuse_absolute(void **state)
{
	(void)state;
	refuse("/etc/jhconf-test", AE_IFREG, NULL, NULL);
}

static void test_refuse_dotdot(void **state)
{
	(void)state;
	refuse("../x", AE_IFREG, NULL, NULL);
	refuse("proc/../../x", AE_IFREG, NULL, NULL);
	refuse("sys/..", AE_IFDIR, NULL, NULL);
}

static void test_refuse_links(void **state)
{
	(void)state;
	refuse("sys/evil", AE_IFLNK, "/etc", NULL);
	refuse("sys/inside", AE_IFLNK, "../proc", NULL);
	refuse("proc/cmdline", AE_IFREG, NULL, "proc/iomem");
}

/* sysfs snapshots are under 10 folders deep; 40 is refused (deep paths
 * times many members would make extraction crawl). */
static void test_refuse_deep_path(void **state)
{
	(void)state;
	char deep[128] = "";
	for (int i = 0; i < 40; i++)
		strcat(deep, "a/");
	strcat(deep, "f");
	refuse(deep, AE_IFREG, NULL, NULL);
}

/* A name with a newline still gives a one-line message. */
static void test_refuse_unprintable_name(void **state)
{
	(void)state;
	char *path = hostile_tar("nl.tar", PLAIN, "sys/evil\nname", AE_IFLNK, 0,
				 "/etc", NULL);
	assert_refused(path, "sys/evil?name");
	free(path);
}

static void test_refuse_special_files(void **state)
{
	(void)state;
	refuse("dev/null", AE_IFCHR, NULL, NULL);
	refuse("proc/fifo", AE_IFIFO, NULL, NULL);
}

/* 64 MiB + 1 of zeros: gzip keeps the archive small; the header alone
 * gets it refused. */
static void test_refuse_oversized_member(void **state)
{
	(void)state;
	size_t big = (64u << 20) + 1;
	char *path = work_path("big.tar.gz");
	struct archive *a = tar_create(path, GZIP);
	tar_add_text(a, "proc/iomem", "x\n");
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "proc/huge");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (int64_t)big);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	archive_entry_free(e);
	/* libarchive pads the missing data with zeros when the entry ends */
	tar_finish(a);
	assert_refused(path, "proc/huge");
	free(path);
}

/* Passes the header checks but fails while writing: the same member twice
 * (O_EXCL), a file where a folder must go. The half-written folder goes. */
static void test_refuse_midway(void **state)
{
	(void)state;
	char *path = work_path("dup.tar");
	struct archive *a = tar_create(path, PLAIN);
	tar_add_text(a, "proc/iomem", "one\n");
	tar_add_text(a, "proc/cpuinfo", "x\n");
	tar_add_text(a, "proc/iomem", "two\n");
	tar_finish(a);
	assert_refused(path, "proc/iomem");
	free(path);

	path = work_path("clash.tar");
	a = tar_create(path, PLAIN);
	tar_add_text(a, "sys", "a file\n");
	tar_add_text(a, "sys/bus/x", "x\n");
	tar_finish(a);
	assert_refused(path, "sys/bus/x");
	free(path);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_refuse_garbage(void **state)
{
	(void)state;
	char *path = work_path("garbage.tar");
	write_bytes(path, "this is not a tar archive, not even close\n", 42);
	assert_refused(path, NULL);

	write_bytes(path, "", 0);
	assert_refused(path, NULL);

	/* a real archive cut in the middle of a member's data */
	char *whole = snapshot_tar("whole.tar", PLAIN, "");
	size_t len;
	unsigned char *data = test_slurp(whole, &len);
	write_bytes(path, data, len / 2 + 100);
	assert_refused(path, NULL);
	/* the same, compressed: the gzip stream ends early */
	free(data);
	free(whole);
	whole = snapshot_tar("whole.tar.gz", GZIP, "");
	data = test_slurp(whole, &len);
	write_bytes(path, data, len / 2);
	assert_refused(path, NULL);
	free(data);
	free(whole);

	/* only folders: nothing to read */
	struct archive *a = tar_create(path, PLAIN);
	tar_add(a, "proc/", AE_IFDIR, NULL, 0, NULL, NULL);
	tar_finish(a);
	assert_refused(path, NULL);
	free(path);

	path = work_path("missing.tar");
	assert_refused(path, NULL);
	free(path);
	assert_refused(workdir, NULL);  /* a folder, not a tar */
}

static void test_refuse_too_many_members(void **state)
{
	(void)state;
	char *path = work_path("many.tar.gz");
	struct archive *a = tar_create(path, GZIP);
	for (unsigned i = 0; i <= 200000; i++) {
		char name[32];
		snprintf(name, sizeof(name), "f%u", i);
		tar_add(a, name, AE_IFREG, NULL, 0, NULL, NULL);
	}
	tar_finish(a);
	assert_refused(path, NULL);
	free(path);
}

/* ---- collect ---- */

/* Create the folders above path. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path);
	for (char *s = strchr(dir + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(dir, 0755);
		*s = '/';
	}
	free(dir);
}

static void make_file(const char *path, const char *text, mode_t mode)
{
	make_parents(path);
	write_bytes(path, text, strlen(text));
	assert_int_equal(chmod(path, mode), 0);
}

static void make_link(const char *target, const char *path)
{
	make_parents(path);
	assert_int_equal(symlink(target, path), 0);
}

/* A small system that looks like a live one: device folders are symlinks
 * into /sys/devices, drivers are links, and next to the attributes lie
 * things collect must not take. */
static char *fake_system(void)
{
	char *root = work_path("sys-root");
	char *p = NULL;
#define AT(rel) (free(p), p = xasprintf("%s/%s", root, rel))
#define DEV "sys/devices/pci0000:00/0000:00:02.0/"
	make_file(AT("proc/iomem"), "00000000-00000fff : Reserved\n", 0444);
	make_file(AT("proc/ioports"), "0000-0cf7 : PCI Bus 0000:00\n", 0444);
	make_file(AT("proc/cpuinfo"), "vendor_id\t: GenuineIntel\n", 0444);
	make_file(AT("proc/cmdline"), "console=ttyS0\n", 0444);
	make_file(AT(DEV "config"), "\x86\x80\xd3\x10", 0644);
	make_file(AT(DEV "resource"), "0x0 0x0 0x0\n", 0444);
	make_file(AT(DEV "vendor"), "0x8086\n", 0444);
	make_file(AT(DEV "resource0"), "BAR", 0600);
	make_file(AT(DEV "resource2_wc"), "BAR", 0600);
	make_file(AT(DEV "rom"), "ROM", 0600);
	make_file(AT(DEV "vpd"), "VPD", 0600);
	make_file(AT(DEV "remove"), "", 0200);
	make_file(AT(DEV "msi_irqs/25"), "msix\n", 0444);
	make_link("../../../bus/pci/drivers/e1000e", AT(DEV "driver"));
	make_link("../../../kernel/iommu_groups/2", AT(DEV "iommu_group"));
	make_link("config", AT(DEV "config_link"));
	assert_int_equal(mkfifo(AT(DEV "fifo"), 0644), 0);  /* never opened */
	make_link("../../../devices/pci0000:00/0000:00:02.0",
		  AT("sys/bus/pci/devices/0000:00:02.0"));
	make_file(AT("sys/devices/platform/serial8250/tty/ttyS0/port"), "0x3F8\n", 0444);
	make_link("../../devices/platform/serial8250/tty/ttyS0",
		  AT("sys/class/tty/ttyS0"));
	make_file(AT("sys/firmware/acpi/tables/APIC"), "APIC", 0400);
	make_file(AT("sys/firmware/memmap/0/start"), "0x0\n", 0444);
	make_file(AT("sys/firmware/memmap/0/end"), "0x9fbff\n", 0444);
	make_file(AT("sys/firmware/memmap/0/type"), "System RAM\n", 0444);
	make_file(AT("sys/devices/system/cpu/online"), "0\n", 0444);
	make_file(AT("sys/devices/system/cpu/cpu0/uevent"), "DRIVER=processor\n", 0444);
	make_file(AT("sys/devices/system/cpu/cpu0/topology/core_id"), "0\n", 0444);
	free(p);
#undef DEV
#undef AT
	return root;
}

static void assert_text(struct source *src, const char *path, const char *want)
{
	struct jh_error err = { 0 };
	char *s = source_read_text(src, path, &err);
	if (!s)
		fail_msg("%s", err.msg);
	assert_string_equal(s, want);
	free(s);
}

static void test_collect_fake_system(void **state)
{
	(void)state;
	char *root = fake_system();
	char *out = work_path("collected.tar.xz");
	struct jh_findings diag = { 0 };
	struct jh_error err = { 0 };
	struct collect_result res;
	if (collect_snapshot(root, out, &diag, &res, &err) < 0)
		fail_msg("%s", err.msg);
	/* 4 proc + config, resource, vendor, msi_irqs/25 + pci list + APIC +
	 * memmap 3 + cpu online, uevent, core_id + ttyS0 port */
	assert_int_equal(res.files, 17);
	/* MCFG and DMAR/IVRS are missing: said so */
	assert_int_equal(diag.n, 2);
	jh_findings_free(&diag);

	struct source *src = source_open_tar(out, &err);
	if (!src)
		fail_msg("%s", err.msg);
	const char *dev = "/sys/bus/pci/devices/0000:00:02.0";
	struct strlist attrs = { 0 };
	assert_int_equal(source_list(src, dev, &attrs, &err), 0);
	assert_int_equal(attrs.n, 4);  /* sorted */
	assert_string_equal(attrs.v[0], "config");
	assert_string_equal(attrs.v[1], "msi_irqs");
	assert_string_equal(attrs.v[2], "resource");
	assert_string_equal(attrs.v[3], "vendor");
	strlist_free(&attrs);
	/* the symlinked device folder became a real one */
	char *real = source_real_path(src, dev);
	struct stat st;
	assert_int_equal(lstat(real, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	free(real);
	assert_text(src, "/sys/bus/pci/devices/0000:00:02.0/vendor", "0x8086\n");
	assert_text(src, "/sys/bus/pci/devices/0000:00:02.0/msi_irqs/25", "msix\n");
	assert_text(src, "/sys/class/tty/ttyS0/port", "0x3F8\n");
	assert_text(src, "/proc/cmdline", "console=ttyS0\n");
	assert_text(src, "/sys/firmware/memmap/0/type", "System RAM\n");
	assert_text(src, "/sys/devices/system/cpu/cpu0/topology/core_id", "0\n");
	assert_text(src, "/snapshot-pci-devices.txt",
		    "0000:00:02.0 /sys/devices/pci0000:00/0000:00:02.0 "
		    "driver=e1000e iommu_group=2\n");
	source_close(src);
	assert_tmpdir_empty();
	free(out);

	/* refused: a name without a tar extension, a symlink as target, a
	 * system without /proc/iomem */
	out = work_path("collected.zip");
	assert_int_equal(collect_snapshot(root, out, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, ".tar"));
	jh_error_clear(&err);
	free(out);
	out = work_path("link.tar");
	assert_int_equal(symlink("/tmp/jhconf-test-elsewhere.tar", out), 0);
	assert_int_equal(collect_snapshot(root, out, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	jh_error_clear(&err);
	assert_int_equal(access("/tmp/jhconf-test-elsewhere.tar", F_OK), -1);
	free(out);
	char *iomem = xasprintf("%s/proc/iomem", root);
	unlink(iomem);
	out = work_path("noiomem.tar");
	assert_int_equal(collect_snapshot(root, out, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "/proc/iomem"));
	assert_int_equal(access(out, F_OK), -1);
	jh_error_clear(&err);
	free(out);
	free(iomem);
	free(root);
}

/* collect from the bundled snapshot tree: every file the tree's own
 * Jailhouse inputs hold comes back with the same bytes. */
static void test_collect_snapshot_tree(void **state)
{
	(void)state;
	char *out = work_path("tree.tar.gz");
	struct jh_error err = { 0 };
	struct jh_findings diag = { 0 };
	if (collect_snapshot(SNAP, out, &diag, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(diag.n, 0);  /* APIC, MCFG, DMAR all there */
	struct source *src = source_open_tar(out, &err);
	if (!src)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < sizeof(sample_files) / sizeof(*sample_files); i++)
		assert_same_as_tree(src, sample_files[i]);
	assert_known_values(src);
	source_close(src);
	assert_tmpdir_empty();
	free(out);
}

/* On a live system, as root: /proc/iomem in the tar is the live file. */
static void test_collect_live(void **state)
{
	(void)state;
	if (geteuid() != 0 || access("/proc/iomem", R_OK) != 0)
		skip();
	char *out = work_path("live.tar");
	struct jh_error err = { 0 };
	if (collect_snapshot("/", out, NULL, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	struct source *src = source_open_tar(out, &err);
	if (!src)
		fail_msg("%s", err.msg);
	struct buf got = { 0 };
	assert_int_equal(source_read(src, "/proc/iomem", &got, &err), 0);
	size_t len;
	unsigned char *want = test_slurp("/proc/iomem", &len);
	assert_int_equal(got.len, len);
	assert_memory_equal(got.data, want, len);
	free(want);
	buf_free(&got);
	source_close(src);
	assert_tmpdir_empty();
	free(out);
}

/* Issue 8 item 15: a tar cut exactly after a member (no end-of-archive
 * blocks) was taken as complete. The archive is built with libarchive:
 * its members end at 512-byte boundaries, and the end blocks are the
 * last 1024 bytes before the zero padding up to the 10240-byte record;
 * cutting at the start of the zeros that follow the last member's data
 * leaves exactly "a member boundary, no end marker". */
static void test_refuse_cut_at_member_boundary(void **state)
{
	(void)state;
	char *path = work_path("cut.tar");
	struct archive *a = tar_create(path, PLAIN);
	tar_add_text(a, "proc/iomem", "00000000-00000fff : Reserved\n");
	/* 512 bytes of data: no padding, the next block is the end marker */
	char block[512];
	memset(block, 'x', sizeof(block));
	block[511] = '\n';
	tar_add(a, "proc/cpuinfo", AE_IFREG, block, sizeof(block), NULL, NULL);
	tar_finish(a);
	size_t len;
	unsigned char *data = test_slurp(path, &len);
	/* where the zeros start: scan back over the record padding and
	 * the end marker to the last non-zero byte, then up to the block */
	size_t end = len;
	while (end && !data[end - 1])
		end--;
	end = (end + 511) / 512 * 512;
	assert_true(end > 0 && end < len);

	struct jh_error err = { 0 };
	write_bytes(path, data, end);
	assert_null(source_open_tar(path, &err));
	char *want = xasprintf("%s: truncated: the archive stops after a member, "
			       "without its end-of-archive blocks", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
	assert_tmpdir_empty();

	/* one zero block more is the start of the end marker: accepted */
	write_bytes(path, data, end + 512);
	struct source *src = source_open_tar(path, &err);
	assert_non_null(src);
	source_close(src);
	/* and the whole archive, of course */
	write_bytes(path, data, len);
	src = source_open_tar(path, &err);
	assert_non_null(src);
	source_close(src);
	assert_tmpdir_empty();
	free(want);
	free(data);
	free(path);
}

/* source_temp_create/remove: a folder under TMPDIR, mode 0700, removed
 * with all it holds (deep folders, files, a link that must not be
 * followed out). */
static void test_temp_folder(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	char *t = source_temp_create("jhconf-test", &err);
	assert_non_null(t);
	assert_true(strncmp(t, tmpdir, strlen(tmpdir)) == 0);
	struct stat st;
	assert_int_equal(stat(t, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* a tree 40 folders deep with files, and a link to a file outside
	 * that must survive */
	char *outside = work_path("keep-me");
	write_bytes(outside, "x", 1);
	char *dir = xstrdup(t);
	for (int i = 0; i < 40; i++) {
		char *next = xasprintf("%s/d%d", dir, i);
		assert_int_equal(mkdir(next, 0700), 0);
		char *f = xasprintf("%s/file", next);
		write_bytes(f, "y", 1);
		free(f);
		free(dir);
		dir = next;
	}
	char *link = xasprintf("%s/link", dir);
	assert_int_equal(symlink(outside, link), 0);
	source_temp_remove(t);
	assert_tmpdir_empty();
	assert_int_equal(stat(outside, &st), 0);
	free(link);
	free(dir);
	free(outside);
	free(t);
}

/* Issue 8 item 14: paths of a snapshot tree resolve beneath its root. */
static void test_dir_beneath_root(void **state)
{
	(void)state;
	char *root = work_path("tree");
	char *secret = work_path("secret");
	write_bytes(secret, "top secret\n", 11);
	char *cmds = xasprintf(
		"mkdir -p %1$s/proc %1$s/sys/devices/pci0000:00/0000:00:01.0 "
		"%1$s/sys/bus/pci/devices %1$s/etc && "
		"printf 'in the tree\\n' > %1$s/etc/passwd && "
		"printf '8086\\n' > %1$s/sys/devices/pci0000:00/0000:00:01.0/vendor && "
		"ln -s ../../../devices/pci0000:00/0000:00:01.0 %1$s/sys/bus/pci/devices/rel && "
		"ln -s /sys/devices/pci0000:00/0000:00:01.0 %1$s/sys/bus/pci/devices/abs && "
		"ln -s %2$s %1$s/proc/abs-out && "
		"ln -s ../../../../../../../../../../../..%2$s %1$s/proc/dotdot-out && "
		"ln -s /etc/passwd %1$s/proc/passwd && "
		"ln -s ../../../../../etc/passwd %1$s/proc/passwd-dotdot && "
		"ln -s loop %1$s/proc/loop && mkfifo %1$s/proc/fifo",
		root, secret);
	assert_int_equal(system(cmds), 0);
	free(cmds);

	struct jh_error err = { 0 };
	struct source *src = source_open_dir(root, &err);
	assert_non_null(src);
	assert_false(src->plain);
	struct buf b = { 0 };
	/* sysfs-style links, relative or absolute, stay in the tree */
	assert_int_equal(source_read(src, "/sys/bus/pci/devices/rel/vendor", &b, &err), 0);
	assert_string_equal((char *)b.data, "8086\n");
	assert_int_equal(source_read(src, "/sys/bus/pci/devices/abs/vendor", &b, &err), 0);
	assert_string_equal((char *)b.data, "8086\n");
	char *real = source_realpath(src, "/sys/bus/pci/devices/rel");
	assert_string_equal(real, "/sys/devices/pci0000:00/0000:00:01.0");
	free(real);
	real = source_realpath(src, "/sys/bus/pci/devices/abs/../../..");
	assert_string_equal(real, "/sys");
	free(real);
	real = source_readlink(src, "/sys/bus/pci/devices/rel");
	assert_string_equal(real, "../../../devices/pci0000:00/0000:00:01.0");
	free(real);
	struct stat st;
	assert_int_equal(source_lstat(src, "/sys/bus/pci/devices/rel", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* a link to /etc/passwd is the tree's own */
	assert_int_equal(source_read(src, "/proc/passwd", &b, &err), 0);
	assert_string_equal((char *)b.data, "in the tree\n");
	assert_int_equal(source_read(src, "/proc/passwd-dotdot", &b, &err), 0);
	assert_string_equal((char *)b.data, "in the tree\n");
	/* links out of the tree lead nowhere */
	assert_int_equal(source_read(src, "/proc/abs-out", &b, &err), -1);
	assert_string_equal(err.msg, "/proc/abs-out: cannot open: No such file or directory");
	jh_error_clear(&err);
	assert_int_equal(source_read(src, "/proc/dotdot-out", &b, &err), -1);
	assert_string_equal(err.msg, "/proc/dotdot-out: cannot open: No such file or directory");
	jh_error_clear(&err);
	assert_false(source_exists(src, "/proc/abs-out"));
	assert_null(source_realpath(src, "/proc/abs-out"));
	/* "/.." is the root */
	struct strlist l = { 0 };
	assert_int_equal(source_list(src, "/../../..", &l, &err), 0);
	assert_int_equal(l.n, 3);  /* etc proc sys */
	strlist_free(&l);
	/* a loop is an error, a FIFO is refused without blocking */
	assert_int_equal(source_read(src, "/proc/loop", &b, &err), -1);
	assert_string_equal(err.msg, "/proc/loop: cannot open: Too many levels of symbolic links");
	jh_error_clear(&err);
	assert_int_equal(source_read(src, "/proc/fifo", &b, &err), -1);
	assert_string_equal(err.msg, "/proc/fifo: not a regular file but a FIFO");
	jh_error_clear(&err);
	assert_int_equal(source_read(src, "/proc", &b, &err), -1);
	assert_string_equal(err.msg, "/proc: not a regular file but a folder");
	jh_error_clear(&err);
	buf_free(&b);
	source_close(src);
	free(secret);
	free(root);
}

/* source_read_opt and source_probe_opt: one lookup that tells a missing file (as
 * source_exists would: absent, a dangling link, a link out of the tree)
 * from one that is there but unreadable. And sibling folders read one
 * after the other (the devices of /sys/bus/pci/devices, which the source
 * steps to from their cached parent): a sibling that is a link out of the
 * tree is walked, never stepped through, and one that is a link inside
 * leads where it leads on the machine. */
static void test_read_opt_and_siblings(void **state)
{
	(void)state;
	char *root = work_path("tree2");
	char *outside = work_path("outside");
	char *cmds = xasprintf(
		"mkdir -p %1$s/d/a %1$s/d/c %1$s/real %2$s/b && "
		"printf 'A\n' > %1$s/d/a/v && printf 'B-out\n' > %2$s/b/v && "
		"printf 'C\n' > %1$s/d/c/v && printf 'R\n' > %1$s/real/v && "
		"ln -s %2$s/b %1$s/d/b && ln -s ../real %1$s/d/r && "
		"ln -s nowhere %1$s/d/a/dangling && mkfifo %1$s/d/a/fifo",
		root, outside);
	assert_int_equal(system(cmds), 0);
	free(cmds);
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(root, &err);
	assert_non_null(src);
	struct buf b = { 0 };
	assert_int_equal(source_read_opt(src, "/d/a/v", &b, &err), 0);
	assert_string_equal((char *)b.data, "A\n");
	assert_int_equal(source_read_opt(src, "/d/a/none", &b, &err), 1);
	assert_int_equal(b.len, 0);
	assert_false(source_exists(src, "/d/a/dangling"));
	assert_int_equal(source_read_opt(src, "/d/a/dangling", &b, &err), 1);
	assert_int_equal(source_read_opt(src, "/d/a/fifo", &b, &err), -1);
	assert_string_equal(err.msg, "/d/a/fifo: not a regular file but a FIFO");
	jh_error_clear(&err);
	/* the probe: there and regular, not there, there but a FIFO */
	assert_int_equal(source_probe_opt(src, "/d/a/v", &err), 0);
	assert_int_equal(source_probe_opt(src, "/d/a/none", &err), 1);
	assert_int_equal(source_probe_opt(src, "/d/a/dangling", &err), 1);
	assert_int_equal(source_probe_opt(src, "/d/a/fifo", &err), -1);
	assert_string_equal(err.msg, "/d/a/fifo: not a regular file but a FIFO");
	jh_error_clear(&err);
	/* siblings: b leads out of the tree, so its file is not there */
	assert_int_equal(source_read_opt(src, "/d/b/v", &b, &err), 1);
	assert_int_equal(source_read(src, "/d/b/v", &b, &err), -1);
	assert_string_equal(err.msg, "/d/b/v: cannot open: No such file or directory");
	jh_error_clear(&err);
	assert_int_equal(source_read(src, "/d/c/v", &b, &err), 0);
	assert_string_equal((char *)b.data, "C\n");
	assert_int_equal(source_read(src, "/d/r/v", &b, &err), 0);
	assert_string_equal((char *)b.data, "R\n");
	char *real = source_realpath(src, "/d/r/v");
	assert_string_equal(real, "/real/v");
	free(real);
	real = source_realpath(src, "/d/c/v");
	assert_string_equal(real, "/d/c/v");
	free(real);
	assert_int_equal(source_read(src, "/d/a/v", &b, &err), 0);
	assert_string_equal((char *)b.data, "A\n");
	buf_free(&b);
	source_close(src);
	free(outside);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_snapshot_plain),
		T(test_snapshot_gzip),
		T(test_snapshot_xz),
		T(test_snapshot_in_a_folder),
		T(test_jailhouse_collector_tar),
		T(test_refuse_absolute),
		T(test_refuse_dotdot),
		T(test_refuse_links),
		T(test_refuse_deep_path),
		T(test_refuse_unprintable_name),
		T(test_refuse_special_files),
		T(test_refuse_oversized_member),
		T(test_refuse_midway),
		T(test_refuse_garbage),
		T(test_refuse_too_many_members),
		T(test_collect_fake_system),
		T(test_collect_snapshot_tree),
		T(test_collect_live),
		T(test_refuse_cut_at_member_boundary),
		T(test_temp_folder),
		T(test_dir_beneath_root),
		T(test_read_opt_and_siblings),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
