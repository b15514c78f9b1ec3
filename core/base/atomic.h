/* SPDX-License-Identifier: GPL-2.0-only */
/* Writing outputs as one transaction: every file of a batch is replaced,
 * or none is and every old file stays as it was. Each file goes to a
 * temporary in its own folder (fsync'ed), every target is checked, and
 * only then are the temporaries renamed over their targets. A target is
 * never followed through a symbolic link.
 *
 *   struct atomic_batch b;
 *   atomic_batch_init(&b);
 *   atomic_batch_add(&b, "out.cell", cell.data, cell.len, ATOMIC_MODE_PUBLIC);
 *   atomic_batch_add(&b, "out.c", csrc.data, csrc.len, ATOMIC_MODE_PUBLIC);
 *   int rc = atomic_batch_commit(&b, err);   // 0, or -1 with err set
 *   atomic_batch_free(&b);
 *
 * Durability: the temporaries and their folders are fsync'ed, so that a
 * crash right after the commit cannot leave an empty file where the old
 * one was: the project file and a boot entry hold work that cannot be
 * made again. A batch marked regenerable (outputs made from inputs that
 * are still there: a .c and .cell from the project or the machine, a
 * cache) skips that wait; "all or nothing" holds the same way, and on
 * ext4 a file replaced by rename is flushed first anyway (auto_da_alloc).
 * The fsyncs were a sixth of a `create`'s CPU time.
 *
 * How "all or nothing" holds (Linux):
 * - Anything that can fail before the first rename (a bad name, a symlink,
 *   a directory or a special file in the way, a missing or read-only
 *   folder, a full disk, a failed fsync) fails before any target is
 *   touched; the temporaries are removed.
 * - An existing target is replaced with renameat2(RENAME_EXCHANGE): the
 *   old file then sits under the temporary name until the whole batch
 *   has succeeded, so a failure of a later rename (say a directory made
 *   at a later target in between) swaps every earlier file back. What
 *   was swapped out is checked to be a regular file; if something else
 *   had appeared there, it is swapped back and the batch fails. A new
 *   target is made with RENAME_NOREPLACE, so nothing that appeared
 *   meanwhile is overwritten; undoing it removes it.
 * - On a filesystem without those flags (NFS, FAT: EINVAL), the old file
 *   is kept under a hard-linked backup name instead and renamed back on
 *   failure; where hard links are not possible either, a plain rename is
 *   used and a failure after it cannot restore that one file.
 * - The remaining window: a crash or SIGKILL between the first and the
 *   last rename leaves some targets new and some old, and the old ones
 *   under hidden ".NAME.XXXXXX" names in the same folder. SIGINT, SIGTERM,
 *   SIGHUP and SIGQUIT are held back during the commit so that Ctrl-C
 *   cannot cut a batch in half or leave temporaries behind. An undo that
 *   itself fails (the filesystem failing under us) is named in the error.
 */
#ifndef JH_ATOMIC_H
#define JH_ATOMIC_H

#include "base/util.h"

#include <sys/types.h>

/* Permission bits before the umask: outputs anyone may read (the umask
 * decides, as for any tool), and private ones (the collect tar holds DMI
 * serial numbers). */
#define ATOMIC_MODE_PUBLIC 0666
#define ATOMIC_MODE_PRIVATE 0600

struct atomic_file;

struct atomic_batch {
	struct atomic_file *files;
	size_t n, cap;
	/* Fault injection for tests only (NULL/false in real use): called
	 * between the last check of file i's target and its rename (the
	 * window only the rename flags close); and a switch that makes the
	 * commit take the path of filesystems without renameat2 flags. */
	void (*before_rename)(size_t i, const char *path, void *ctx);
	void *hook_ctx;
	bool no_rename_flags;
	/* Set by the caller when every file can be made again (see above). */
	bool regenerable;
};

void atomic_batch_init(struct atomic_batch *b);
/* Queue PATH with LEN bytes at DATA (not copied: keep them until the
 * commit) and permission bits MODE (the umask applies). */
void atomic_batch_add(struct atomic_batch *b, const char *path,
		      const void *data, size_t len, mode_t mode);
/* Write every queued file, or none (see above). Returns 0, or -1 with a
 * one-line error naming the file and what is wrong (JH_BADINPUT). */
int atomic_batch_commit(struct atomic_batch *b, struct jh_error *err);
void atomic_batch_free(struct atomic_batch *b);

/* A batch of one, with ATOMIC_MODE_PUBLIC or the given mode. */
int write_file_atomic(const char *path, const void *data, size_t len,
		      struct jh_error *err);
int write_file_atomic_mode(const char *path, const void *data, size_t len,
			   mode_t mode, struct jh_error *err);

#endif
