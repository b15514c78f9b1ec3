/* SPDX-License-Identifier: GPL-2.0-only */
/* The one-pass pci.ids reader (core/discover/pci_ids.c) against libpci
 * itself, the truth it must equal: for Debian's whole pci.ids (every
 * vendor and device it lists, and ids it lacks) and for small files with
 * each thing the reader must either get right or hand back to libpci. */
#include "autoconf.h"
#include "discover/pci_ids.h"
#include "discover/pci_ids_index.h"
#include "pci_ids_ref.h"
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <pci/pci.h>

/* libpci's answers: tests/pci_ids_ref.c */

static bool same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Both readers on the same queries; returns whether the fast reader
 * answered, and fails the test if it answered differently from libpci
 * or answered where libpci refuses the file. */
static bool compare(const char *path, const struct pci_ids_query *in, size_t n)
{
	struct pci_ids_query *mine = calloc(n, sizeof(*mine));
	struct pci_ids_query *ref = calloc(n, sizeof(*ref));
	memcpy(mine, in, n * sizeof(*in));
	memcpy(ref, in, n * sizeof(*in));
	bool fast = pci_ids_lookup(path, mine, n);
	bool loaded = libpci_names(path, ref, n);
	if (fast) {
		assert_true(loaded);
		for (size_t i = 0; i < n; i++) {
			if (!same_name(mine[i].vendor_name, ref[i].vendor_name) ||
			    !same_name(mine[i].device_name, ref[i].device_name))
				fail_msg("%s: %04x:%04x: '%s' '%s', libpci '%s' '%s'",
					 path, in[i].vendor, in[i].device,
					 mine[i].vendor_name, mine[i].device_name,
					 ref[i].vendor_name, ref[i].device_name);
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			assert_null(mine[i].vendor_name);
			assert_null(mine[i].device_name);
		}
	}
	pci_ids_query_free(mine, n);
	pci_ids_query_free(ref, n);
	free(mine);
	free(ref);
	return fast;
}

/* ---- the installed pci.ids ---- */

/* Every vendor and device id the file lists, read with sscanf, a reader
 * of its own. */
static struct pci_ids_query *all_ids(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	struct pci_ids_query *q = NULL;
	size_t cap = 0;
	*n = 0;
	char line[1100];
	unsigned vendor = 0, id;
	bool in_vendors = true;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == 'C' && line[1] == ' ')
			in_vendors = false;     /* the class lists follow */
		if (!in_vendors)
			continue;
		if (sscanf(line, "%4x ", &id) == 1 && line[4] == ' ') {
			vendor = id;
			*ARRAY_PUSH(q, *n, cap) = (struct pci_ids_query){ .vendor = (uint16_t)vendor, .device = 0xffff };
		} else if (line[0] == '\t' && line[1] != '\t' &&
			   sscanf(line + 1, "%4x ", &id) == 1) {
			*ARRAY_PUSH(q, *n, cap) = (struct pci_ids_query){ .vendor = (uint16_t)vendor, .device = (uint16_t)id };
		}
	}
	fclose(f);
	return q;
}

/* Debian's pci.ids (package pci.ids) is what jhconf reads: the fast
 * reader must answer for it, and give libpci's text for all of its
 * roughly 20000 vendors and devices. */
static void test_installed_file(void **state)
{
	(void)state;
	if (access(JH_PCI_IDS, R_OK) != 0)
		skip();
	size_t n;
	struct pci_ids_query *q = all_ids(JH_PCI_IDS, &n);
	assert_true(n > 10000);
	assert_true(compare(JH_PCI_IDS, q, n));
	free(q);
}

/* Ids pci.ids lacks (QEMU's VGA vendor 1234, an Intel device id that is
 * not listed): no name, as libpci says, unless libpci's lookup cache
 * (~/.pciids-cache) exists, in which case libpci must answer. */
static void test_installed_missing(void **state)
{
	(void)state;
	if (access(JH_PCI_IDS, R_OK) != 0)
		skip();
	struct pci_ids_query q[] = { { 0x1234, 0x1111, 0, 0 }, { 0x8086, 0xfffe, 0, 0 } };
	if (pci_ids_lookup(JH_PCI_IDS, q, 2)) {
		assert_null(q[0].vendor_name);
		assert_null(q[0].device_name);
		assert_string_equal(q[1].vendor_name, "Intel Corporation");
		assert_null(q[1].device_name);
		pci_ids_query_free(q, 2);
	}
}

/* Every class, subclass and prog-if of Debian's pci.ids (and for each
 * class an unnamed subclass and prog-if, and the IDE interfaces libpci
 * words from their bits): the text lspci prints, plain and with -nn, and
 * the prog-if name must be libpci's own. */
static void test_installed_classes(void **state)
{
	(void)state;
	if (access(JH_PCI_IDS, R_OK) != 0)
		skip();
	FILE *f = fopen(JH_PCI_IDS, "r");
	assert_non_null(f);
	struct pci_ids_class_query *q = NULL;
	size_t n = 0, cap = 0;
	char line[1024];
	unsigned cls = 0, sub = 0, id;
	bool in_class = false;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == 'C' && sscanf(line + 2, "%2x", &id) == 1) {
			in_class = true;
			cls = id;
			*ARRAY_PUSH(q, n, cap) = (struct pci_ids_class_query){ .class_code = cls << 16 | 0xfe00 };
		} else if (line[0] != '\t' && line[0] != '#' && line[0] != '\n') {
			in_class = false;
		} else if (in_class && line[1] != '\t' && sscanf(line + 1, "%2x", &id) == 1) {
			sub = id;
			*ARRAY_PUSH(q, n, cap) = (struct pci_ids_class_query){ .class_code = cls << 16 | sub << 8 | 0xfe };
		} else if (in_class && line[1] == '\t' && sscanf(line + 2, "%2x", &id) == 1) {
			*ARRAY_PUSH(q, n, cap) = (struct pci_ids_class_query){ .class_code = cls << 16 | sub << 8 | id };
		}
	}
	fclose(f);
	for (unsigned pif = 0; pif < 0x100; pif += 0x05)  /* IDE: named and worded */
		*ARRAY_PUSH(q, n, cap) = (struct pci_ids_class_query){ .class_code = 0x010100 | pif };
	*ARRAY_PUSH(q, n, cap) = (struct pci_ids_class_query){ .class_code = 0xfe0000 };  /* no class */
	assert_true(n > 200);  /* Debian 12: 22 classes, 114 subclasses, their prog-ifs */
	assert_true(pci_ids_lookup_classes(JH_PCI_IDS, q, n));
	for (size_t i = 0; i < n; i++) {
		struct libpci_class_words want;
		char text[300];
		assert_true(libpci_class_words(JH_PCI_IDS, q[i].class_code, &want));
		pci_class_text(&q[i], false, text, sizeof(text));
		assert_string_equal(text, want.plain);
		pci_class_text(&q[i], true, text, sizeof(text));
		assert_string_equal(text, want.numbers);
		if (want.progif)
			assert_string_equal(q[i].progif_name, want.progif);
		else
			assert_null(q[i].progif_name);
		free(want.progif);
	}
	/* spot checks by hand from pci.ids: 01 06 is "SATA controller", 06 04
	 * "PCI bridge"; 0c 03 30 the XHCI prog-if */
	struct pci_ids_class_query h[] = { { .class_code = 0x010601 }, { .class_code = 0x060400 },
					   { .class_code = 0x0c0330 } };
	assert_true(pci_ids_lookup_classes(JH_PCI_IDS, h, 3));
	assert_string_equal(h[0].subclass_name, "SATA controller");
	assert_string_equal(h[1].subclass_name, "PCI bridge");
	assert_string_equal(h[2].progif_name, "XHCI");
	pci_ids_class_query_free(h, 3);
	pci_ids_class_query_free(q, n);
	free(q);
}

/* ---- small files ---- */

static const struct pci_ids_query small_queries[] = {
	{ 0x1000, 0x0001, 0, 0 }, { 0x1000, 0x0002, 0, 0 },
	{ 0x1001, 0x0010, 0, 0 }, { 0x1002, 0x0003, 0, 0 },
	{ 0xabcd, 0x0001, 0, 0 },
};
#define NSMALL (sizeof(small_queries) / sizeof(small_queries[0]))

/* A file with every construct the format has: comments (also indented),
 * blank lines, tabs before names, one and two trailing blanks (libpci
 * drops one), subsystems, a block of a future kind whose lines are
 * skipped, and the class lists. The fast reader must answer, as libpci. */
static const char good[] =
	"# comment\n"
	"\n"
	"1000  First vendor\n"
	"\t0001  Device one\n"
	"\t\t1000 0001  Its subsystem\n"
	"\t\t1001 0000  Another subsystem\n"
	"\t# indented comment\n"
	"\t0002\tTab before the name  \n"
	"1001  Second vendor \n"
	"\t0010  Trailing blank \n"
	"1002\tTabbed vendor\n"
	"\t0003  Device 3\n"
	"X 12  A block of a future kind\n"
	"\tanything at all\n"
	"\t\t\tthree tabs are skipped here\n"
	"C 00  Unclassified device\n"
	"\t00  Non-VGA unclassified device\n"
	"\t01  VGA compatible unclassified device\n"
	"\t\t00  prog-if\n"
	"C 01  Mass storage controller\n";

static void test_good_file(void **state)
{
	(void)state;
	char *p = test_scratch_write("good", good, sizeof(good) - 1);
	assert_true(compare(p, small_queries, NSMALL));
	struct pci_ids_query q[NSMALL];
	memcpy(q, small_queries, sizeof(q));
	assert_true(pci_ids_lookup(p, q, NSMALL));
	/* by hand: one trailing blank dropped, the second kept */
	assert_string_equal(q[0].vendor_name, "First vendor");
	assert_string_equal(q[1].device_name, "Tab before the name ");
	assert_string_equal(q[2].vendor_name, "Second vendor");
	assert_string_equal(q[2].device_name, "Trailing blank");
	assert_string_equal(q[3].vendor_name, "Tabbed vendor");
	assert_null(q[4].vendor_name);
	pci_ids_query_free(q, NSMALL);
	free(p);
}

/* An empty file names nothing, for libpci too. */
static void test_empty_file(void **state)
{
	(void)state;
	char *p = test_scratch_write("empty", "", 0);
	assert_true(compare(p, small_queries, NSMALL));
	free(p);
}

/* Files the fast reader must hand to libpci: libpci refuses most of them
 * with an error ("Duplicate entry", "Parse error", "Line too long"), and
 * for the others (ids out of order, a generic subsystem block, carriage
 * returns, a last line without newline, gzip) its answer is not modelled.
 * compare() checks that nothing was answered; where libpci loads the
 * file, the names come from libpci in jhconf. */
static void test_handed_to_libpci(void **state)
{
	(void)state;
	static const struct { const char *name, *text; } cases[] = {
		{ "dup-vendor", "1000  A\n1000  B\n" },
		{ "dup-device", "1000  A\n\t0001  x\n\t0001  y\n" },
		{ "dup-subsys", "1000  A\n\t0001  x\n\t\t1000 0001  s\n\t\t1000 0001  t\n" },
		{ "dup-class", "C 01  A\nC 01  B\n" },
		{ "unsorted", "1001  B\n1000  A\n" },
		{ "unsorted-dev", "1000  A\n\t0002  y\n\t0001  x\n" },
		{ "short-id", "100  A\n" },
		{ "no-blank", "1000A\n" },
		{ "no-name", "1000  \n" },
		{ "no-name-dev", "1000  A\n\t0001 \n" },
		{ "space-first", " 1000  A\n" },
		{ "device-first", "\t0001  x\n1000  A\n" },
		{ "subsys-under-vendor", "1000  A\n\t\t1000 0001  s\n" },
		{ "three-tabs", "1000  A\n\t0001  x\n\t\t\t0001  deep\n" },
		{ "generic-subsys", "1000  A\nS 1000\n\t0001  x\n" },
		{ "cr", "1000  A\r\n\t0001  x\r\n" },
		{ "no-newline", "1000  A\n\t0001  x" },
		{ "bad-hex", "10g0  A\n" },
		{ "class-bad", "C 1  A\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = test_scratch_write(cases[i].name, cases[i].text,
				    strlen(cases[i].text));
		if (compare(p, small_queries, NSMALL))
			fail_msg("%s: answered instead of handing to libpci",
				 cases[i].name);
		free(p);
	}
}

/* Bytes the line reader treats specially: a NUL, a line of 1500 bytes,
 * gzip data. */
static void test_odd_bytes(void **state)
{
	(void)state;
	static const char nul[] = "1000  A\0B\n";
	char *p = test_scratch_write("nul", nul, sizeof(nul) - 1);
	assert_false(compare(p, small_queries, NSMALL));
	free(p);

	struct buf b = { 0 };
	buf_printf(&b, "1000  ");
	for (int i = 0; i < 1500; i++)
		buf_put_u8(&b, 'x');
	buf_put_u8(&b, '\n');
	p = test_scratch_write("long-line", (const char *)b.data, b.len);
	assert_false(compare(p, small_queries, NSMALL));
	free(p);
	buf_free(&b);

	static const char gz[] = "\x1f\x8b\x08\x00rest\n";
	p = test_scratch_write("gzip", gz, sizeof(gz) - 1);
	assert_false(pci_ids_lookup(p, (struct pci_ids_query[]){ { 0x1000, 1, 0, 0 } }, 1));
	free(p);
}

/* libpci shortens a name that does not fit jhconf's 256-byte buffer: the
 * fast reader leaves a long wanted name to libpci, and reads past long
 * names nobody asked for. */
static void test_long_names(void **state)
{
	(void)state;
	struct buf b = { 0 };
	buf_printf(&b, "1000  ");
	for (int i = 0; i < 300; i++)
		buf_put_u8(&b, 'v');
	buf_printf(&b, "\n\t0001  short\n1001  Other\n");
	char *p = test_scratch_write("long-name", (const char *)b.data, b.len);
	struct pci_ids_query wanted[] = { { 0x1000, 0x0001, 0, 0 } };
	assert_false(compare(p, wanted, 1));
	struct pci_ids_query other[] = { { 0x1001, 0x0001, 0, 0 } };
	assert_true(compare(p, other, 1));
	free(p);
	buf_free(&b);
}

/* A missing or unreadable file, or a folder: libpci decides. */
static void test_not_a_file(void **state)
{
	(void)state;
	struct pci_ids_query q[] = { { 0x1000, 0x0001, 0, 0 } };
	assert_false(pci_ids_lookup("/nonexistent/pci.ids", q, 1));
	assert_false(pci_ids_lookup(test_scratch_dir(), q, 1));
	/* nothing asked, nothing read */
	assert_true(pci_ids_lookup("/nonexistent/pci.ids", q, 0));
}

/* lspci's 256-byte buffers: a vendor and device pair (or a class text)
 * of 256 bytes or more is cut to 255, the last three bytes "..."
 * (libpci names.c format_name_pair); shorter ones are whole. Expected
 * texts worked out by hand. */
static void test_texts_cut_as_lspci(void **state)
{
	(void)state;
	char v[201], d[101], want[256], got[256];
	memset(v, 'V', 200);
	v[200] = '\0';
	memset(d, 'D', 100);
	d[100] = '\0';
	/* "V"x200 " " "D"x100 is 301 bytes: 252 kept, then "..." */
	snprintf(want, sizeof(want), "%s %.51s...", v, d);
	assert_int_equal(strlen(want), 255);
	pci_names_text(v, d, 0x1234, 0x5678, false, got, sizeof(got));
	assert_string_equal(got, want);
	pci_names_text(v, d, 0x1234, 0x5678, true, got, sizeof(got));
	assert_string_equal(got, want);  /* the numbers are cut off too */
	pci_names_text(v, NULL, 0x1234, 0x5678, false, got, sizeof(got));
	assert_string_equal(got, "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV"
				 "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV"
				 "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV"
				 "VVVVVVVV Device 5678");
	pci_names_text(NULL, NULL, 0x1234, 0x5678, true, got, sizeof(got));
	assert_string_equal(got, "Device [1234:5678]");
	/* a base class name of 249 bytes: with " [0001]" 256 bytes, cut */
	char c[250];
	memset(c, 'C', 249);
	c[249] = '\0';
	struct pci_ids_class_query q = { .class_code = 0x000100, .class_name = c };
	pci_class_text(&q, false, got, sizeof(got));
	assert_int_equal(strlen(got), 255);
	assert_memory_equal(got, c, 249);
	assert_string_equal(got + 249, " [0...");
}

/* ---- the index kept between runs (pci_ids_index.c) ---- */

static char *cache_home;  /* XDG_CACHE_HOME of this program: a new folder */

static void assert_blocks(const struct pci_ids_block *a, const struct pci_ids_block *b,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a[i].start, b[i].start);
		assert_int_equal(a[i].end, b[i].end);
		assert_int_equal(a[i].id, b[i].id);
	}
}

static char *index_path(void)
{
	return xasprintf("%s/jhconf/pci-ids.index", cache_home);
}

/* A hand-made index of a small file: what is written is read back the
 * same, and every change that makes it wrong for the file is refused. */
static void test_index_bytes(void **state)
{
	(void)state;
	char *p = test_scratch_write("indexed", good, sizeof(good) - 1);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	struct pci_ids_block v[] = { { 0, 40, 0x0001 }, { 40, 90, 0x0002 } };
	struct pci_ids_block c[] = { { 100, (uint32_t)st.st_size, 0x00 } };
	struct pci_ids_index ix = { .vendors = v, .classes = c, .nvendors = 2, .nclasses = 1 };
	struct buf b = { 0 };
	pci_ids_index_encode(&st, &ix, &b);
	assert_int_equal(b.len, 72 + 3 * 12);  /* header, three blocks */
	struct pci_ids_index back;
	assert_true(pci_ids_index_decode(b.data, b.len, &st, &back));
	assert_int_equal(back.nvendors, 2);
	assert_int_equal(back.nclasses, 1);
	assert_blocks(back.vendors, v, 2);
	assert_blocks(back.classes, c, 1);
	pci_ids_index_free(&back);

	/* another file, or this one changed: each part of the identity */
	struct stat other[6] = { st, st, st, st, st, st };
	other[0].st_dev++;
	other[1].st_ino++;
	other[2].st_size++;
	other[3].st_mtim.tv_nsec ^= 1;
	other[4].st_ctim.tv_sec++;
	other[5].st_ctim.tv_nsec ^= 1;
	for (size_t i = 0; i < 6; i++)
		assert_false(pci_ids_index_decode(b.data, b.len, &other[i], &back));
	/* wrong magic, cut short, one byte too many */
	b.data[0] ^= 1;
	assert_false(pci_ids_index_decode(b.data, b.len, &st, &back));
	b.data[0] ^= 1;
	assert_false(pci_ids_index_decode(b.data, b.len - 1, &st, &back));
	buf_put_u8(&b, 0);
	assert_false(pci_ids_index_decode(b.data, b.len, &st, &back));
	b.len--;
	assert_true(pci_ids_index_decode(b.data, b.len, &st, &back));
	pci_ids_index_free(&back);
	/* blocks the file cannot have: past its end, empty, ids or places
	 * out of order, overlapping, a reserved field used */
	static const struct { size_t at; uint32_t value; unsigned bytes; } bad[] = {
		{ 72 + 24 + 4, 0x7fffffff, 4 },   /* class block ends past the file */
		{ 72 + 4, 0, 4 },                 /* first block ends where it starts */
		{ 72 + 12 + 8, 0x0001, 2 },       /* second vendor id not above the first */
		{ 72 + 12, 30, 4 },               /* second vendor starts in the first */
		{ 72 + 10, 1, 2 },                /* reserved */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf m = { 0 };
		buf_append(&m, b.data, b.len);
		for (unsigned k = 0; k < bad[i].bytes; k++)
			m.data[bad[i].at + k] = (unsigned char)(bad[i].value >> (8 * k));
		assert_false(pci_ids_index_decode(m.data, m.len, &st, &back));
		buf_free(&m);
	}
	buf_free(&b);
	free(p);
}

/* Where and when the index is kept: not for a file changed within the
 * last PCI_IDS_SETTLED_SECONDS; then private (0600 in a 0700 folder),
 * read back the same; never written through a link, and only trusted
 * when it is the user's own. */
static void test_index_store_rules(void **state)
{
	(void)state;
	char *p = test_scratch_write("stored", good, sizeof(good) - 1);
	struct stat st, cs;
	assert_int_equal(stat(p, &st), 0);
	struct pci_ids_block v[] = { { 0, 40, 0x0001 } };
	struct pci_ids_index ix = { .vendors = v, .nvendors = 1 }, back;
	char *ip = index_path();
	unlink(ip);
	pci_ids_index_store(&st, &ix, st.st_ctim.tv_sec + PCI_IDS_SETTLED_SECONDS - 1);
	assert_int_not_equal(lstat(ip, &cs), 0);
	assert_false(pci_ids_index_load(&st, &back));

	pci_ids_index_store(&st, &ix, st.st_ctim.tv_sec + PCI_IDS_SETTLED_SECONDS);
	assert_int_equal(lstat(ip, &cs), 0);
	assert_int_equal(cs.st_mode & 07777, 0600);
	char *folder = xasprintf("%s/jhconf", cache_home);
	struct stat fs;
	assert_int_equal(lstat(folder, &fs), 0);
	assert_int_equal(fs.st_mode & 07777, 0700);
	assert_true(pci_ids_index_load(&st, &back));
	assert_int_equal(back.nvendors, 1);
	assert_blocks(back.vendors, v, 1);
	pci_ids_index_free(&back);

	/* someone else's index is not read (as root, hand it to nobody) */
	if (geteuid() == 0) {
		assert_int_equal(chown(ip, 65534, 65534), 0);
		assert_false(pci_ids_index_load(&st, &back));
		assert_int_equal(chown(ip, 0, 0), 0);
	}
	/* nor one others may write to */
	assert_int_equal(chmod(ip, 0622), 0);
	assert_false(pci_ids_index_load(&st, &back));
	assert_int_equal(chmod(ip, 0600), 0);

	/* a link in its place is neither followed to read nor written through */
	char *victim = test_scratch_write("victim", "keep", 4);
	unlink(ip);
	assert_int_equal(symlink(victim, ip), 0);
	assert_false(pci_ids_index_load(&st, &back));
	pci_ids_index_store(&st, &ix, st.st_ctim.tv_sec + PCI_IDS_SETTLED_SECONDS);
	assert_int_equal(lstat(ip, &cs), 0);
	assert_true(S_ISLNK(cs.st_mode));
	struct buf kept = test_read_file(victim);
	assert_int_equal(kept.len, 4);
	assert_memory_equal(kept.data, "keep", 4);
	buf_free(&kept);
	unlink(ip);
	free(victim);
	free(folder);
	free(ip);
	free(p);
}

/* The installed pci.ids through its index, after the tests above (run
 * without one) kept it: the index must be there, and the answers for all
 * of its ids and classes are checked against libpci again (the same
 * tests, now reading only the blocks asked for). */
static int installed_index_setup(void **state)
{
	(void)state;
	struct stat st;
	if (stat(JH_PCI_IDS, &st) != 0)
		return 0;
	char *ip = index_path();
	struct stat cs;
	int there = lstat(ip, &cs);
	free(ip);
	if (st.st_ctim.tv_sec > (time_t)time(NULL) - PCI_IDS_SETTLED_SECONDS)
		return 0;  /* installed this very moment: not kept yet, rightly */
	return there == 0 ? 0 : -1;
}

/* That the answers come from the index: one whose Intel block ends after
 * its first device line names that device and no other Intel device
 * (only this test's lie can show it; a true index gives libpci's names). */
static void test_installed_index_used(void **state)
{
	(void)state;
	struct stat st;
	struct pci_ids_index ix;
	if (stat(JH_PCI_IDS, &st) != 0 || !pci_ids_index_load(&st, &ix))
		skip();
	char *text = (char *)test_slurp(JH_PCI_IDS, &(size_t){ 0 });
	struct pci_ids_block *intel = NULL;
	for (size_t i = 0; i < ix.nvendors; i++)
		if (ix.vendors[i].id == 0x8086)
			intel = &ix.vendors[i];
	assert_non_null(intel);
	const char *first = strchr(text + intel->start, '\n') + 1;  /* "\tdddd  name" */
	const char *second = strchr(first, '\n') + 1;
	unsigned first_id;
	assert_int_equal(sscanf(first, "\t%4x", &first_id), 1);
	uint32_t end = intel->end;
	intel->end = (uint32_t)(second - text);
	struct buf b = { 0 };
	pci_ids_index_encode(&st, &ix, &b);
	char *ip = index_path();
	FILE *f = fopen(ip, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	struct pci_ids_query q[] = { { 0x8086, (uint16_t)first_id, 0, 0 },
				     { 0x8086, 0x10d3, 0, 0 } };  /* 82574L */
	assert_true(pci_ids_lookup(JH_PCI_IDS, q, 2));
	assert_string_equal(q[0].vendor_name, "Intel Corporation");
	assert_non_null(q[0].device_name);
	assert_null(q[1].device_name);
	pci_ids_query_free(q, 2);
	/* the true index again */
	intel->end = end;
	b.len = 0;
	pci_ids_index_encode(&st, &ix, &b);
	f = fopen(ip, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	assert_true(pci_ids_lookup(JH_PCI_IDS, q, 2));
	assert_string_equal(q[1].device_name, "82574L Gigabit Network Connection");
	pci_ids_query_free(q, 2);
	buf_free(&b);
	free(ip);
	free(text);
	pci_ids_index_free(&ix);
}

int main(void)
{
	char tmpl[] = "/tmp/jhconf-test-cache.XXXXXX";
	cache_home = mkdtemp(tmpl);
	if (!cache_home || setenv("XDG_CACHE_HOME", cache_home, 1) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_installed_file),
		cmocka_unit_test(test_installed_missing),
		cmocka_unit_test(test_installed_classes),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_handed_to_libpci),
		cmocka_unit_test(test_odd_bytes),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_not_a_file),
		cmocka_unit_test(test_texts_cut_as_lspci),
	};
	const struct CMUnitTest indexed[] = {
		cmocka_unit_test(test_installed_file),
		cmocka_unit_test(test_installed_missing),
		cmocka_unit_test(test_installed_classes),
		cmocka_unit_test(test_installed_index_used),
		cmocka_unit_test(test_index_bytes),
		cmocka_unit_test(test_index_store_rules),
	};
	int failed = cmocka_run_group_tests(tests, test_scratch_setup, test_scratch_teardown);
	/* the first group's installed-file tests kept the index */
	if (installed_index_setup(NULL) != 0) {
		fprintf(stderr, "pci.ids index not kept in %s\n", cache_home);
		failed++;
	}
	failed += cmocka_run_group_tests(indexed, test_scratch_setup, test_scratch_teardown);
	test_remove_tree(cache_home);
	return failed ? 1 : 0;
}
