/* SPDX-License-Identifier: GPL-2.0-only */
/* Where each vendor's and each class's block of a pci.ids file starts
 * and ends, remembered between runs in the user's cache folder.
 *
 * Why: the reader in pci_ids.c answers only for a file it has checked
 * line by line (libpci refuses the whole file for one bad line), and that
 * check of 36000 lines was a quarter of a `create`. Once a file has
 * passed, its index is kept under the file's identity (device, inode,
 * size, modification and change times); later runs that find the same
 * identity read only the blocks of the ids they need.
 *
 * The index is kept in $XDG_CACHE_HOME/jhconf/pci-ids.index, or
 * $HOME/.cache/jhconf/pci-ids.index. It is only trusted when it is the
 * user's own (owned by the effective user, not writable by others) and
 * its contents are consistent with the pci.ids it names; anything else
 * is ignored and the file is checked whole, as without a cache. It is
 * written only into a cache folder that belongs to the effective user
 * (so that `sudo` does not leave root's files in a user's home), never
 * through a symbolic link at the last step, and only for a pci.ids whose
 * change time is at least PCI_IDS_SETTLED_SECONDS old: a file changed
 * again within the same timestamp tick could otherwise keep its identity
 * with new contents. */
#ifndef JH_PCI_IDS_INDEX_H
#define JH_PCI_IDS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "base/util.h"

#define PCI_IDS_SETTLED_SECONDS 2

/* One block: the offset of its top-level line and of the first byte
 * after its last line (the next top-level line, or the end of file). */
struct pci_ids_block {
	uint32_t start, end;
	uint16_t id;
};

/* The blocks of one checked file, each kind in ascending id order. */
struct pci_ids_index {
	struct pci_ids_block *vendors, *classes;
	size_t nvendors, nclasses, vendors_cap, classes_cap;
};

void pci_ids_index_free(struct pci_ids_index *ix);

/* The index for the pci.ids file with status *ids from the user's cache,
 * or false (nothing to free) when there is none that can be trusted. */
bool pci_ids_index_load(const struct stat *ids, struct pci_ids_index *ix);

/* Keeps the index of the checked file with status *ids (taken before the
 * check, and still its status after it) in the user's cache; best effort,
 * silent: a cache that cannot be written only costs time. now: seconds
 * since the epoch. */
void pci_ids_index_store(const struct stat *ids, const struct pci_ids_index *ix,
			 int64_t now);

/* The cache file's bytes, and back (exposed for the fuzz harness and the
 * tests): decode checks everything it can without the pci.ids file. */
void pci_ids_index_encode(const struct stat *ids, const struct pci_ids_index *ix,
			  struct buf *out);
bool pci_ids_index_decode(const unsigned char *data, size_t len,
			  const struct stat *ids, struct pci_ids_index *ix);

#endif
