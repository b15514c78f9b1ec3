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
/* Read a text file as a NUL-terminated string (caller frees). */
char *source_read_text(struct source *src, const char *path,
		       struct jh_error *err);
/* The first line of an optional text file, trimmed, or NULL. */
char *source_read_line_opt(struct source *src, const char *path);
int source_list(struct source *src, const char *path, struct strlist *out,
		struct jh_error *err);
bool source_exists(struct source *src, const char *path);
/* The real directory under which path lives (for libpci). Caller frees. */
char *source_real_path(struct source *src, const char *path);

#endif
