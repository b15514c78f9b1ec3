/* SPDX-License-Identifier: GPL-2.0-only */
/* Discovery backends: where the files of a machine come from.
 *
 * Like libpci's access methods, one small vtable behind which the live
 * system ("/"), a snapshot tree and a snapshot tar look the same. Every
 * parser reads through it. Paths are absolute as on the target ("/proc/iomem");
 * the backend maps them under its root. A tar is unpacked (safely) into a
 * private temporary folder, so libpci can be pointed at a real directory:
 * source_fs_root() gives it. */
#ifndef JH_SOURCE_H
#define JH_SOURCE_H

#include "base/util.h"

struct source;

struct source_ops {
	/* Read a whole file (at most max bytes; more is an error). A missing
	 * file fails with JH_BADINPUT and errno-style text; use
	 * source_exists() first for optional files. */
	int (*read_file)(struct source *src, const char *path, size_t max,
			 struct buf *out, struct jh_error *err);
	/* The same, but a file that does not exist (where exists() would
	 * say so) is no error: returns 1 with out empty. One lookup where
	 * exists() then read_file() make two. */
	int (*read_file_opt)(struct source *src, const char *path, size_t max,
			     struct buf *out, struct jh_error *err);
	/* Whether an optional file is there and regular, without reading
	 * it: 0 yes, 1 not there (as exists() says), -1 there but not a
	 * regular file (err as read_file would set it). */
	int (*probe_file)(struct source *src, const char *path,
			  struct jh_error *err);
	/* List a directory's entries (without . and ..), sorted. */
	int (*list_dir)(struct source *src, const char *path,
			struct strlist *out, struct jh_error *err);
	bool (*exists)(struct source *src, const char *path);
	void (*close)(struct source *src);
};

struct source {
	const struct source_ops *ops;
	char *root;     /* a real directory that mirrors "/" */
	char *label;    /* what the user named: "/", a folder, a tar file */
	bool live;      /* the running system */
	/* Every file under root is a folder or a regular file and no link
	 * leads out (the live system, an unpacked tar): a library such as
	 * libpci may open paths under root itself. Not so for a snapshot
	 * tree, which must be read through the source only. */
	bool plain;
	bool archive;   /* label is a tar file that root was unpacked from */
	void *priv;
};

/* The largest file any parser accepts: sysfs and ACPI files are small. */
#define SOURCE_MAX_FILE (16u << 20)

/* A folder that mirrors "/" (a snapshot tree), or "/" itself. */
struct source *source_open_dir(const char *root, struct jh_error *err);
/* A .tar, .tar.gz or .tar.xz snapshot (jhconf's or Jailhouse's collector's). */
struct source *source_open_tar(const char *file, struct jh_error *err);
void source_close(struct source *src);
/* Whether "/" can serve as a source: root rights and readable ACPI tables. */
bool source_live_readable(void);
/* For backends that unpack into a private temporary folder: a directory
 * source over tmpdir that owns it (source_close removes the whole folder,
 * and so does a failure here). src->root may later be moved to a folder
 * inside tmpdir; tmpdir itself is what gets removed. */
struct source *source_open_dir_temp(const char *tmpdir, const char *label,
				    struct jh_error *err);

int source_read(struct source *src, const char *path, struct buf *out,
		struct jh_error *err);
/* An optional file: 0 read, 1 not there (as source_exists() would
 * tell; out empty), -1 there but unreadable (err set). */
int source_read_opt(struct source *src, const char *path, struct buf *out,
		    struct jh_error *err);
/* An optional file that must be a regular file if it is there, but is
 * not read: 0 there, 1 not there, -1 not a regular file (err set). */
int source_probe_opt(struct source *src, const char *path,
		     struct jh_error *err);
/* Read a text file as a NUL-terminated string (caller frees). */
char *source_read_text(struct source *src, const char *path,
		       struct jh_error *err);
/* An optional text file: NULL with err clear when it is not there (one
 * lookup, where source_exists() and source_read_text() make two). */
char *source_read_text_opt(struct source *src, const char *path,
			   struct jh_error *err);
/* The first line of an optional text file, trimmed, or NULL. */
char *source_read_line_opt(struct source *src, const char *path);
int source_list(struct source *src, const char *path, struct strlist *out,
		struct jh_error *err);
bool source_exists(struct source *src, const char *path);
/* The real directory under which path lives (for libpci, and only when
 * src->plain). Caller frees. */
char *source_real_path(struct source *src, const char *path);

/* Paths of a folder source are resolved beneath its root only: links
 * are followed as on the machine the tree mirrors (an absolute target
 * from the root, ".." stopping at the root), never out of it. Reading
 * never blocks: only regular files are opened (a FIFO, a device or a
 * folder is refused with its kind named). */
/* lstat() of path, beneath the root (the last component not followed). */
struct stat;
int source_lstat(struct source *src, const char *path, struct stat *st);
/* The target of the link at path, or NULL. Caller frees. */
char *source_readlink(struct source *src, const char *path);
/* Where path leads, as a path on the machine ("/sys/devices/..."), links
 * resolved beneath the root; NULL when it does not exist. Caller frees. */
char *source_realpath(struct source *src, const char *path);
/* Make the folder sub (a path beneath the root) the new root. */
int source_dir_rebase(struct source *src, const char *sub);

/* Private temporary folders under $TMPDIR (mode 0700) that are removed
 * by source_temp_remove, and also when SIGINT, SIGTERM or SIGHUP end the
 * process (the signal is then raised again, so the exit status is the
 * usual one). Returns the path (caller frees) or NULL with err set. */
char *source_temp_create(const char *prefix, struct jh_error *err);
void source_temp_remove(const char *path);

#endif
