/* SPDX-License-Identifier: GPL-2.0-only */
/* Discovery's native PCI enumeration (pci_enumerate_native, read through
 * the source) against libpci's own (pci_enumerate: method linux-sysfs,
 * the truth it replaced) on a plain copy of the same tree, made here:
 * every bundled snapshot and a generated machine of 1024 functions, each
 * with all attribute files and as Jailhouse's collector leaves it (config
 * and resource only: libpci bus-centric), and odd attribute values
 * (garbage, blanks, overflow), which both must read alike. Device list,
 * order (sorted), ids, IRQs and names must be identical. */
#include "autoconf.h"
#include "discover/discover.h"
#include "discover/pci_libpci.h"
#include "pci_enum_ref.h"
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAPSHOTS JH_TEST_DATA "/snapshots/"
#define DEVDIR "/sys/bus/pci/devices"

/* The files libpci's sysfs method reads, and the ones discovery reads. */
static const char *const all_files[] = {
	"vendor", "device", "class", "irq", "config", "resource",
};

static void write_all(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
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

/* A plain copy (folders and regular files only) of the PCI devices of
 * the tree at root: DEVDIR/SLOT/FILE for each file of all_files from
 * index first on that the device has (4: config and resource only). The snapshot's links (sysfs's own layout)
 * are followed by reading with stdio inside the snapshot. */
static char *plain_copy(const char *root, size_t first)
{
	char tmpl[] = "/tmp/jh-test-native-XXXXXX";
	char *copy = xstrdup(mkdtemp(tmpl));
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(root, &err);
	assert_non_null(src);
	struct strlist slots = { 0 };
	assert_int_equal(source_list(src, DEVDIR, &slots, &err), 0);
	source_close(src);
	for (size_t i = 0; i < slots.n; i++) {
		char *dst = xasprintf("%s" DEVDIR "/%s", copy, slots.v[i]);
		mkdir_p(dst);
		for (size_t f = first; f < 6; f++) {
			char *from = xasprintf("%s" DEVDIR "/%s/%s", root,
					       slots.v[i], all_files[f]);
			char *to = xasprintf("%s/%s", dst, all_files[f]);
			if (access(from, F_OK) == 0) {
				struct buf b = test_read_file(from);
				write_all(to, b.data, b.len);
				buf_free(&b);
			}
			free(from);
			free(to);
		}
		free(dst);
	}
	strlist_free(&slots);
	return copy;
}

static int by_slot(const void *a, const void *b)
{
	const struct pci_enumerated *x = a, *y = b;
	return strcmp(x->slot, y->slot);
}

static void same_name(const char *what, const char *slot, const char *native,
		      const char *libpci)
{
	if (!native != !libpci || (native && strcmp(native, libpci)))
		fail_msg("%s: %s: native '%s', libpci '%s'", slot, what,
			 native ? native : "(none)", libpci ? libpci : "(none)");
}

/* Native enumeration of root (any tree) against libpci's of the plain
 * copy (buscentric as the copy needs it). Returns the device count. */
static size_t compare(const char *label, const char *root, const char *copy,
		      bool buscentric)
{
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(root, &err);
	assert_non_null(src);
	struct pci_enumeration native = { 0 }, ref = { 0 };
	struct jh_findings ndiag = { 0 }, rdiag = { 0 };
	if (pci_enumerate_native(src, true, &native, &ndiag, &err) != 0)
		fail_msg("%s: native: %s", label, err.msg);
	source_close(src);
	char *sysfs = xasprintf("%s/sys/bus/pci", copy);
	if (pci_enumerate(sysfs, buscentric, true, &ref, &rdiag, &err) != 0)
		fail_msg("%s: libpci: %s", label, err.msg);
	free(sysfs);
	if (ref.n)
		qsort(ref.v, ref.n, sizeof(ref.v[0]), by_slot);
	if (native.n != ref.n)
		fail_msg("%s: %zu devices natively, libpci %zu", label,
			 native.n, ref.n);
	for (size_t i = 0; i < ref.n; i++) {
		const struct pci_enumerated *n = &native.v[i], *r = &ref.v[i];
		if (strcmp(n->slot, r->slot) || n->irq != r->irq ||
		    n->vendor_id != r->vendor_id || n->device_id != r->device_id)
			fail_msg("%s: native %s %04x:%04x irq %d, libpci %s %04x:%04x irq %d",
				 label, n->slot, n->vendor_id, n->device_id, n->irq,
				 r->slot, r->vendor_id, r->device_id, r->irq);
		same_name("vendor", r->slot, n->vendor_name, r->vendor_name);
		same_name("device", r->slot, n->device_name, r->device_name);
	}
	/* a good tree gives libpci nothing to warn about, nor discovery */
	assert_int_equal(ndiag.n, 0);
	assert_int_equal(rdiag.n, 0);
	size_t count = ref.n;
	pci_enumeration_free(&native);
	pci_enumeration_free(&ref);
	return count;
}

/* The tree as it is (full attribute files) and as the collector leaves
 * it (config and resource only). */
static size_t compare_both(const char *label, const char *root)
{
	char *full = plain_copy(root, 0);
	size_t n = compare(label, root, full, false);
	test_remove_tree(full);
	free(full);

	/* collector-style: native reads the bare copy itself */
	char *cfg = plain_copy(root, 4);
	char *bus = xasprintf("%s-collector", label);
	assert_int_equal(compare(bus, cfg, cfg, true), n);
	free(bus);
	test_remove_tree(cfg);
	free(cfg);
	return n;
}

static void test_snapshots(void **state)
{
	(void)state;
	static const char *const names[] = {
		"q35-jailhouse-doc", "q35-agl-memmap", "q35-devices-added",
		"q35-amd", "pc-i440fx-noiommu", "cloud-vm",
	};
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		char *root = xasprintf(SNAPSHOTS "%s", names[s]);
		assert_true(compare_both(names[s], root) > 0);
		free(root);
	}
}

/* tests/bench/gen_machine at scale 1: 1024 functions over many buses. */
static void test_generated_machine(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/jh-test-gen-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *root = xasprintf("%s/m", dir);
	char *cmd = xasprintf("'%s' 1 '%s' >/dev/null", JH_GEN_MACHINE, root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(compare_both("gen-1x", root), 1024);
	test_remove_tree(dir);
	free(cmd);
	free(root);
}

/* Attribute values as a hostile or odd tree may hold them: both read
 * them with strtol(text, NULL, 0) into libpci's types. Each value is
 * written to one device of a plain copy, which both then read. */
static void test_odd_values(void **state)
{
	(void)state;
	static const struct {
		const char *file, *text;
	} odd[] = {
		{ "irq", "garbage\n" },      /* 0 */
		{ "irq", "  12\n" },         /* blanks skipped: 12 */
		{ "irq", "-5\n" },
		{ "irq", "0x1f\n" },         /* base prefix: 31 */
		{ "irq", "017\n" },          /* octal: 15 */
		{ "irq", "99999999999\n" },  /* LONG range, then an int */
		{ "irq", "" },
		{ "vendor", "0x18086\n" },   /* to 16 bits */
		{ "vendor", "zz" },
		{ "device", "0x10d3 trailing words\n" },
		{ "device", "-1\n" },
	};
	char *copy = plain_copy(SNAPSHOTS "q35-devices-added", 0);
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		char *p = xasprintf("%s" DEVDIR "/0000:00:02.0/%s", copy, odd[i].file);
		struct buf keep = test_read_file(p);
		write_all(p, odd[i].text, strlen(odd[i].text));
		char *label = xasprintf("%s '%s'", odd[i].file, odd[i].text);
		compare(label, copy, copy, false);
		free(label);
		write_all(p, keep.data, keep.len);
		buf_free(&keep);
		free(p);
	}
	test_remove_tree(copy);
	free(copy);
}

/* libpci refuses an attribute of 1024 bytes or more; so does discovery,
 * naming the file. One byte less is read (a number, then blanks). */
static void test_long_value(void **state)
{
	(void)state;
	char *copy = plain_copy(SNAPSHOTS "q35-jailhouse-doc", 0);
	char *p = xasprintf("%s" DEVDIR "/0000:00:02.0/irq", copy);
	char text[1024];
	memset(text, ' ', sizeof(text));
	memcpy(text, "11", 2);
	write_all(p, text, sizeof(text) - 1);
	compare("irq of 1023 bytes", copy, copy, false);

	write_all(p, text, sizeof(text));
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(copy, &err);
	assert_non_null(src);
	struct pci_enumeration en = { 0 };
	assert_int_equal(pci_enumerate_native(src, false, &en, NULL, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_string_equal(err.msg, "/sys/bus/pci/devices/0000:00:02.0/irq: "
			    "1024 bytes or more, too long for a PCI attribute");
	jh_error_clear(&err);
	pci_enumeration_free(&en);
	/* libpci's own refusal of the same file */
	char *sysfs = xasprintf("%s/sys/bus/pci", copy);
	assert_int_equal(pci_enumerate(sysfs, false, false, &en, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "too long"));
	jh_error_clear(&err);
	pci_enumeration_free(&en);
	free(sysfs);
	source_close(src);
	free(p);
	test_remove_tree(copy);
	free(copy);
}

/* A folder named in uppercase hex: libpci read the device's files under
 * the lowercase spelling (and failed); discovery refuses the name. */
static void test_uppercase_slot(void **state)
{
	(void)state;
	char *copy = plain_copy(SNAPSHOTS "q35-jailhouse-doc", 0);
	char *from = xasprintf("%s" DEVDIR "/0000:00:1f.2", copy);
	char *to = xasprintf("%s" DEVDIR "/0000:00:1F.2", copy);
	assert_int_equal(rename(from, to), 0);
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(copy, &err);
	assert_non_null(src);
	struct machine m = { 0 };
	assert_int_equal(discover_pci(src, &m, NULL, &err), -1);
	assert_string_equal(err.msg, "/sys/bus/pci/devices/0000:00:1F.2: not a PCI "
			    "device address as the kernel writes it (dddd:bb:dd.f in lowercase hex)");
	assert_int_equal(m.npci, 0);
	jh_error_clear(&err);
	source_close(src);
	/* libpci: the lowercase files do not exist */
	struct pci_enumeration en = { 0 };
	char *sysfs = xasprintf("%s/sys/bus/pci", copy);
	assert_int_equal(pci_enumerate(sysfs, false, false, &en, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "0000:00:1f.2"));
	jh_error_clear(&err);
	pci_enumeration_free(&en);
	free(sysfs);
	free(from);
	free(to);
	test_remove_tree(copy);
	free(copy);
}

/* discover_pci keeps the native enumeration's slots, IRQs and names. */
static void test_discover_uses_native(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct source *src = source_open_dir(SNAPSHOTS "q35-devices-added", &err);
	assert_non_null(src);
	struct pci_enumeration en = { 0 };
	assert_int_equal(pci_enumerate_native(src, true, &en, NULL, &err), 0);
	struct machine m = { 0 };
	assert_int_equal(discover_pci(src, &m, NULL, &err), 0);
	assert_int_equal(m.npci, en.n);
	for (size_t i = 0; i < en.n; i++) {
		assert_string_equal(m.pci[i].slot, en.v[i].slot);
		assert_int_equal(m.pci[i].irq, en.v[i].irq);
		same_name("vendor", en.v[i].slot, m.pci[i].vendor_name,
			  en.v[i].vendor_name);
		same_name("device", en.v[i].slot, m.pci[i].device_name,
			  en.v[i].device_name);
	}
	machine_free(&m);
	pci_enumeration_free(&en);
	source_close(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshots),
		cmocka_unit_test(test_generated_machine),
		cmocka_unit_test(test_odd_values),
		cmocka_unit_test(test_long_value),
		cmocka_unit_test(test_uppercase_slot),
		cmocka_unit_test(test_discover_uses_native),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
