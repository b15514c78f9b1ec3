/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the cached pci.ids index (core/discover/pci_ids_index.c)
 * and the lookups that trust it (pci_ids.c). Input: one byte L, then L*16
 * bytes of a pci.ids file, then the index's counts (two bytes) and its
 * blocks (12 bytes each). The harness writes the file, puts an index with
 * that file's identity into a private cache folder, and checks that
 * decoding accepts only blocks inside the file in ascending order and
 * that names are then looked up within bounds (ASan and UBSan watch).
 * The whole input is also decoded as a cache file of its own. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "discover/pci_ids.h"
#include "discover/pci_ids_index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static void write_all(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	check(f != NULL);
	check(fwrite(p, 1, n, f) == n);
	fclose(f);
}

/* Decoded blocks lie inside the file, ids and places ascending. */
static void check_blocks(const struct pci_ids_block *v, size_t n, off_t size)
{
	for (size_t i = 0; i < n; i++) {
		check(v[i].start < v[i].end && v[i].end <= (uint64_t)size);
		check(!i || (v[i].id > v[i - 1].id && v[i].start >= v[i - 1].end));
	}
}

static char dir[64], ids[96], cache[128];

static void remove_files(void)
{
	unlink(cache);
	unlink(ids);
	char sub[80];
	snprintf(sub, sizeof(sub), "%s/jhconf", dir);
	rmdir(sub);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz_pci_ids_index.%d", (int)getpid());
		check(mkdir(dir, 0700) == 0 || access(dir, W_OK) == 0);
		snprintf(ids, sizeof(ids), "%s/pci.ids", dir);
		snprintf(cache, sizeof(cache), "%s/jhconf", dir);
		check(mkdir(cache, 0700) == 0 || access(cache, W_OK) == 0);
		snprintf(cache, sizeof(cache), "%s/jhconf/pci-ids.index", dir);
		setenv("XDG_CACHE_HOME", dir, 1);
		atexit(remove_files);
	}
	if (size < 1)
		return 0;
	size_t idlen = (size_t)data[0] * 16;
	if (idlen > size - 1)
		idlen = size - 1;
	write_all(ids, data + 1, idlen);
	struct stat st;
	check(stat(ids, &st) == 0);
	const uint8_t *rest = data + 1 + idlen;
	size_t nrest = size - 1 - idlen;

	/* the whole input as a cache file: must simply be refused or fit */
	struct pci_ids_index ix;
	if (pci_ids_index_decode(data, size, &st, &ix)) {
		check_blocks(ix.vendors, ix.nvendors, st.st_size);
		check_blocks(ix.classes, ix.nclasses, st.st_size);
		pci_ids_index_free(&ix);
	}

	/* an index with the file's identity and the input's blocks */
	struct buf b = { 0 };
	struct pci_ids_index empty = { 0 };
	pci_ids_index_encode(&st, &empty, &b);
	b.len -= 8;  /* the counts come from the input */
	uint32_t nv = nrest > 0 ? rest[0] : 0, nc = nrest > 1 ? rest[1] : 0;
	buf_put_u32(&b, nv);
	buf_put_u32(&b, nc);
	if (nrest > 2)
		buf_append(&b, rest + 2, nrest - 2);
	bool ok = pci_ids_index_decode(b.data, b.len, &st, &ix);
	if (ok) {
		check(ix.nvendors == nv && ix.nclasses == nc);
		check_blocks(ix.vendors, ix.nvendors, st.st_size);
		check_blocks(ix.classes, ix.nclasses, st.st_size);
	}
	write_all(cache, b.data, b.len);
	buf_free(&b);

	/* lookups through it: the ids it names, and a few others */
	struct pci_ids_query q[8];
	struct pci_ids_class_query cq[8];
	size_t n = 0;
	for (size_t i = 0; ok && i < ix.nvendors && n < 6; i++, n++)
		q[n] = (struct pci_ids_query){ .vendor = ix.vendors[i].id,
					       .device = (uint16_t)(ix.vendors[i].start * 7u) };
	q[n++] = (struct pci_ids_query){ .vendor = 0x8086, .device = 0x10d3 };
	q[n++] = (struct pci_ids_query){ .vendor = 0x0001, .device = 0x0001 };
	size_t nq = 0;
	for (size_t i = 0; ok && i < ix.nclasses && nq < 6; i++, nq++)
		cq[nq] = (struct pci_ids_class_query){ .class_code = (uint32_t)ix.classes[i].id << 16 | 0x0101 };
	cq[nq++] = (struct pci_ids_class_query){ .class_code = 0x010185 };
	if (ok)
		pci_ids_index_free(&ix);
	if (pci_ids_lookup(ids, q, n))
		pci_ids_query_free(q, n);
	if (pci_ids_lookup_classes(ids, cq, nq))
		pci_ids_class_query_free(cq, nq);
	return 0;
}
