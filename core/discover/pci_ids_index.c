/* SPDX-License-Identifier: GPL-2.0-only */
/* The cached index of a checked pci.ids file (see pci_ids_index.h).
 *
 * File format (little endian), 72 bytes of header, then the blocks:
 *   8  magic "JHPCIIX1"
 *   8  pci.ids st_dev       8  st_ino        8  st_size
 *   8  st_mtim.tv_sec       8  st_mtim.tv_nsec
 *   8  st_ctim.tv_sec       8  st_ctim.tv_nsec
 *   4  number of vendor blocks   4  number of class blocks
 *   12 per block, vendors then classes: start 4, end 4, id 2, zero 2 */
#define _GNU_SOURCE
#include "discover/pci_ids_index.h"
#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INDEX_MAGIC "JHPCIIX1"
#define HEADER_LEN 72
#define BLOCK_LEN 12
#define INDEX_MAX_LEN (1u << 20)   /* pci.ids has about 2700 blocks */
#define INDEX_NAME "pci-ids.index"

void pci_ids_index_free(struct pci_ids_index *ix)
{
	free(ix->vendors);
	free(ix->classes);
	*ix = (struct pci_ids_index){ 0 };
}

static void put_identity(struct buf *b, const struct stat *st)
{
	buf_put_u64(b, (uint64_t)st->st_dev);
	buf_put_u64(b, (uint64_t)st->st_ino);
	buf_put_u64(b, (uint64_t)st->st_size);
	buf_put_u64(b, (uint64_t)st->st_mtim.tv_sec);
	buf_put_u64(b, (uint64_t)st->st_mtim.tv_nsec);
	buf_put_u64(b, (uint64_t)st->st_ctim.tv_sec);
	buf_put_u64(b, (uint64_t)st->st_ctim.tv_nsec);
}

static void put_blocks(struct buf *b, const struct pci_ids_block *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_put_u32(b, v[i].start);
		buf_put_u32(b, v[i].end);
		buf_put_u16(b, v[i].id);
		buf_put_u16(b, 0);
	}
}

void pci_ids_index_encode(const struct stat *ids, const struct pci_ids_index *ix,
			  struct buf *out)
{
	buf_append(out, INDEX_MAGIC, 8);
	put_identity(out, ids);
	buf_put_u32(out, (uint32_t)ix->nvendors);
	buf_put_u32(out, (uint32_t)ix->nclasses);
	put_blocks(out, ix->vendors, ix->nvendors);
	put_blocks(out, ix->classes, ix->nclasses);
}

/* n blocks at p, each inside the file, ids and starts strictly
 * ascending (the order the check saw them in), blocks not overlapping. */
static bool get_blocks(const unsigned char *p, size_t n, uint64_t file_size,
		       struct pci_ids_block **out)
{
	*out = xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++, p += BLOCK_LEN) {
		struct pci_ids_block b = { .start = le32(p), .end = le32(p + 4),
					   .id = le16(p + 8) };
		if (b.start >= b.end || b.end > file_size || le16(p + 10) != 0 ||
		    (i && (b.id <= (*out)[i - 1].id || b.start < (*out)[i - 1].end))) {
			free(*out);
			*out = NULL;
			return false;
		}
		(*out)[i] = b;
	}
	return true;
}

bool pci_ids_index_decode(const unsigned char *data, size_t len,
			  const struct stat *ids, struct pci_ids_index *ix)
{
	*ix = (struct pci_ids_index){ 0 };
	if (len < HEADER_LEN || memcmp(data, INDEX_MAGIC, 8))
		return false;
	struct buf want = { 0 };
	put_identity(&want, ids);
	bool same = !memcmp(data + 8, want.data, want.len);
	buf_free(&want);
	if (!same)
		return false;
	uint64_t nv = le32(data + 64), nc = le32(data + 68);
	if ((uint64_t)len != HEADER_LEN + (nv + nc) * BLOCK_LEN)
		return false;
	const unsigned char *p = data + HEADER_LEN;
	if (!get_blocks(p, nv, (uint64_t)ids->st_size, &ix->vendors))
		return false;
	if (!get_blocks(p + nv * BLOCK_LEN, nc, (uint64_t)ids->st_size, &ix->classes)) {
		pci_ids_index_free(ix);
		return false;
	}
	ix->nvendors = ix->vendors_cap = nv;
	ix->nclasses = ix->classes_cap = nc;
	return true;
}

/* The cache folder's parent that must exist and belong to the user
 * ($XDG_CACHE_HOME, else $HOME/.cache), and the cache folder in it;
 * false when the environment names no absolute place. */
static bool cache_places(char **base, char **folder)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		*base = xstrdup(xdg);
	else if (home && home[0] == '/')
		*base = xasprintf("%s/.cache", home);
	else
		return false;
	*folder = xasprintf("%s/jhconf", *base);
	return true;
}

bool pci_ids_index_load(const struct stat *ids, struct pci_ids_index *ix)
{
	char *base, *folder;
	if (!cache_places(&base, &folder))
		return false;
	char *path = xasprintf("%s/" INDEX_NAME, folder);
	free(base);
	free(folder);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  st.st_uid == geteuid() && !(st.st_mode & 022) &&
		  st.st_size >= HEADER_LEN && st.st_size <= INDEX_MAX_LEN;
	unsigned char *data = NULL;
	size_t len = ok ? (size_t)st.st_size : 0, got = 0;
	if (ok) {
		data = xmalloc(len);
		while (got < len) {
			ssize_t r = read(fd, data + got, len - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
	}
	close(fd);
	ok = ok && got == len && pci_ids_index_decode(data, len, ids, ix);
	free(data);
	return ok;
}

/* A folder that the effective user owns and no one else may write to;
 * made (0700) when missing. follow: whether a link to a folder is
 * accepted (a user's ~/.cache may be one; the jhconf folder may not). */
static bool own_folder(const char *path, bool follow)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return false;
	struct stat st;
	if ((follow ? stat(path, &st) : lstat(path, &st)) != 0)
		return false;
	return S_ISDIR(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 022);
}

void pci_ids_index_store(const struct stat *ids, const struct pci_ids_index *ix,
			 int64_t now)
{
	if ((int64_t)ids->st_ctim.tv_sec > now - PCI_IDS_SETTLED_SECONDS)
		return;  /* may still be changing within one timestamp tick */
	char *base, *folder;
	if (!cache_places(&base, &folder))
		return;
	/* $XDG_CACHE_HOME or ~/.cache is the user's own; made here only when
	 * missing, and only in a folder that is theirs too */
	bool base_ok;
	if (access(base, F_OK) == 0) {
		base_ok = own_folder(base, true);
	} else {
		char *parent = xstrndup(base, (size_t)(strrchr(base, '/') - base));
		struct stat ps;
		base_ok = stat(parent[0] ? parent : "/", &ps) == 0 && S_ISDIR(ps.st_mode) &&
			  ps.st_uid == geteuid() && own_folder(base, true);
		free(parent);
	}
	if (base_ok && own_folder(folder, false)) {
		char *path = xasprintf("%s/" INDEX_NAME, folder);
		struct buf b = { 0 };
		pci_ids_index_encode(ids, ix, &b);
		struct jh_error err = { 0 };
		struct atomic_batch batch;
		atomic_batch_init(&batch);
		batch.regenerable = true;  /* a cache: no need to wait for the disk */
		atomic_batch_add(&batch, path, b.data, b.len, ATOMIC_MODE_PRIVATE);
		atomic_batch_commit(&batch, &err);
		atomic_batch_free(&batch);
		jh_error_clear(&err);
		buf_free(&b);
		free(path);
	}
	free(base);
	free(folder);
}
