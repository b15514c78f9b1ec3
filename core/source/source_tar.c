/* SPDX-License-Identifier: GPL-2.0-only */
/* The tar backend: a .tar, .tar.gz or .tar.xz snapshot (jhconf's own, or
 * what Jailhouse's `jailhouse config collect` writes), unpacked into a
 * private temporary folder and then read like a snapshot tree, so that
 * libpci can be pointed at a real directory.
 *
 * A snapshot tar comes from another machine and maybe from another person,
 * so it is treated as hostile: libarchive parses it (never by hand) and
 * every member is checked before anything is written. Two passes: the
 * first only checks the headers, so a bad archive is refused before a
 * single byte lands on disk; the second writes, checking again (the file
 * may change in between). Members are created with openat() relative to
 * the private folder, one path component at a time, with O_NOFOLLOW and
 * O_EXCL: there are no links in the folder to follow, and nothing outside
 * it is ever opened for writing. */
#include "source/source.h"
#include "source/archive_lazy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Limits far above any real snapshot (a few MiB, a few thousand files). */
#define TAR_MAX_MEMBER_BYTES ((int64_t)64 << 20)
#define TAR_MAX_TOTAL_BYTES ((int64_t)512 << 20)
#define TAR_MAX_MEMBERS 200000
#define TAR_MAX_PATH 4096
#define TAR_MAX_DEPTH 32  /* sysfs snapshot paths are under 10 deep */

struct tar_limits {
	int64_t total_bytes;
	unsigned long members;
	unsigned long files;
};

static const char *archive_message(struct archive *a)
{
	const char *msg = archive_error_string(a);
	return msg ? msg : "not a readable tar archive";
}

static struct archive *tar_reader_open(const char *file, struct jh_error *err)
{
	struct archive *a = archive_read_new();
	if (!a)
		return jh_fail(err, JH_BADINPUT, "%s: out of memory", file), NULL;
	/* Only built-in decompressors: no external programs are run. */
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, file, 64 * 1024) != ARCHIVE_OK) {
		jh_fail(err, JH_BADINPUT, "%s: %s", file, archive_message(a));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* The member's name as it may appear in a one-line message. */
static char *printable_name(const char *name)
{
	if (!name)
		return xstrdup("(no name)");
	char *s = xstrdup(name);
	for (char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return s;
}

/* The member's path made relative and clean: leading "./" and "/."
 * components and repeated slashes dropped. Absolute paths and ".." are
 * refused, not repaired. Returns NULL (err set) or a string to free; an
 * empty string stands for the archive's root ("." or "./"). */
static char *member_path(const char *file, const char *name,
			 const char *shown, struct jh_error *err)
{
	if (!name || !*name)
		return jh_fail(err, JH_BADINPUT, "%s: member with an empty name",
			       file), NULL;
	if (strlen(name) > TAR_MAX_PATH)
		return jh_fail(err, JH_BADINPUT, "%s: member %.60s...: path too long",
			       file, shown), NULL;
	if (name[0] == '/')
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: absolute path, refused", file,
			       shown), NULL;
	char *clean = xmalloc(strlen(name) + 1);
	size_t len = 0;
	unsigned depth = 0;
	const char *p = name;
	while (*p) {
		size_t n = strcspn(p, "/");
		if (n == 2 && !strncmp(p, "..", 2)) {
			free(clean);
			return jh_fail(err, JH_BADINPUT,
				       "%s: member %s: \"..\" in the path, refused",
				       file, shown), NULL;
		}
		if (n && !(n == 1 && p[0] == '.')) {
			if (++depth > TAR_MAX_DEPTH) {
				free(clean);
				return jh_fail(err, JH_BADINPUT,
					       "%s: member %s: more than %d folders deep, not a snapshot",
					       file, shown, TAR_MAX_DEPTH), NULL;
			}
			if (len)
				clean[len++] = '/';
			memcpy(clean + len, p, n);
			len += n;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	clean[len] = '\0';
	return clean;
}

/* Everything that can be said from the header alone. */
static int check_member(const char *file, struct archive_entry *e,
			const char *name, struct tar_limits *lim,
			struct jh_error *err)
{
	if (++lim->members > TAR_MAX_MEMBERS)
		return jh_fail(err, JH_BADINPUT,
			       "%s: more than %d members, not a snapshot", file,
			       TAR_MAX_MEMBERS);
	if (archive_entry_hardlink(e))
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: hard link, refused (snapshots have no links)",
			       file, name);
	mode_t type = archive_entry_filetype(e);
	if (type == AE_IFLNK)
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: symbolic link, refused (snapshots have no links)",
			       file, name);
	if (type == AE_IFDIR)
		return 0;
	if (type != AE_IFREG)
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: not a regular file or folder (device, fifo or socket), refused",
			       file, name);
	int64_t size = archive_entry_size(e);
	if (size < 0 || size > TAR_MAX_MEMBER_BYTES)
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: %lld bytes, over the %lld MiB limit",
			       file, name, (long long)size,
			       (long long)(TAR_MAX_MEMBER_BYTES >> 20));
	lim->total_bytes += size;
	if (lim->total_bytes > TAR_MAX_TOTAL_BYTES)
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: the archive holds more than %lld MiB, not a snapshot",
			       file, name, (long long)(TAR_MAX_TOTAL_BYTES >> 20));
	lim->files++;
	return 0;
}

/* Open (creating it if needed) the folder `dir` (relative, clean) under
 * rootfd, one component at a time, never following a link. */
static int open_dir_path(int rootfd, const char *dir, bool create)
{
	int fd = dup(rootfd);
	if (fd < 0)
		return -1;
	char *copy = xstrdup(dir);
	char *save = NULL;
	for (char *c = strtok_r(copy, "/", &save); c;
	     c = strtok_r(NULL, "/", &save)) {
		if (create && mkdirat(fd, c, 0700) != 0 && errno != EEXIST)
			goto fail;
		int next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				  O_CLOEXEC);
		if (next < 0)
			goto fail;
		close(fd);
		fd = next;
	}
	free(copy);
	return fd;
fail:;
	int e = errno;
	close(fd);
	free(copy);
	errno = e;
	return -1;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Copy the member's data into fd, counting the bytes actually there (a
 * sparse or lying header must not get past the limits). */
static int copy_member_data(const char *file, const char *name,
			    struct archive *a, int fd, struct tar_limits *lim,
			    struct jh_error *err)
{
	char chunk[64 * 1024];
	int64_t got = 0;
	for (;;) {
		la_ssize_t r = archive_read_data(a, chunk, sizeof(chunk));
		if (r == 0)
			return 0;
		if (r < 0)
			return jh_fail(err, JH_BADINPUT, "%s: member %s: %s", file,
				       name, archive_message(a));
		got += r;
		lim->total_bytes += r;
		if (got > TAR_MAX_MEMBER_BYTES ||
		    lim->total_bytes > TAR_MAX_TOTAL_BYTES)
			return jh_fail(err, JH_BADINPUT,
				       "%s: member %s: more data than the limits allow",
				       file, name);
		if (write_all(fd, chunk, (size_t)r) != 0)
			return jh_fail(err, JH_BADINPUT,
				       "%s: member %s: cannot write to the temporary folder: %s",
				       file, name, strerror(errno));
	}
}

static int extract_file(const char *file, const char *name, const char *shown,
			struct archive *a, int rootfd, struct tar_limits *lim,
			struct jh_error *err)
{
	const char *slash = strrchr(name, '/');
	char *dir = slash ? xstrndup(name, (size_t)(slash - name)) : xstrdup("");
	const char *base = slash ? slash + 1 : name;
	int dfd = open_dir_path(rootfd, dir, true);
	free(dir);
	if (dfd < 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: member %s: cannot create its folder: %s", file,
			       shown, strerror(errno));
	int fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, 0600);
	int e = errno;
	close(dfd);
	if (fd < 0)
		return jh_fail(err, JH_BADINPUT, "%s: member %s: %s", file, shown,
			       e == EEXIST ? "appears twice or clashes with a folder"
					   : strerror(e));
	int rc = copy_member_data(file, shown, a, fd, lim, err);
	if (close(fd) != 0 && rc == 0)
		rc = jh_fail(err, JH_BADINPUT, "%s: member %s: cannot write: %s",
			     file, shown, strerror(errno));
	return rc;
}

static int extract_member(const char *file, struct archive *a,
			  struct archive_entry *e, const char *name,
			  const char *shown, int rootfd, struct tar_limits *lim,
			  struct jh_error *err)
{
	if (archive_entry_filetype(e) == AE_IFDIR) {
		if (!*name)
			return 0;
		int fd = open_dir_path(rootfd, name, true);
		if (fd < 0)
			return jh_fail(err, JH_BADINPUT,
				       "%s: member %s: cannot create folder: %s",
				       file, shown, strerror(errno));
		close(fd);
		return 0;
	}
	if (!*name)
		return jh_fail(err, JH_BADINPUT, "%s: member %s: not a file name",
			       file, shown);
	return extract_file(file, name, shown, a, rootfd, lim, err);
}

/* One pass over the archive; with rootfd < 0 only the headers are
 * checked, else the members are written under rootfd. */
static int tar_pass(const char *file, int rootfd, struct jh_error *err)
{
	struct archive *a = tar_reader_open(file, err);
	if (!a)
		return -1;
	struct tar_limits lim = { 0 };
	struct archive_entry *e;
	int rc = 0, r;
	for (bool in_member = false;; in_member = true) {
		/* Skipping what is left of the member also consumes its
		 * padding, so that pos is where the next header (or the
		 * end-of-archive blocks) must start. */
		if (in_member && archive_read_data_skip(a) < ARCHIVE_WARN) {
			rc = jh_fail(err, JH_BADINPUT, "%s: %s", file,
				     archive_message(a));
			break;
		}
		int64_t pos = archive_filter_bytes(a, 0);
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF) {
			/* libarchive takes the end of the data for the end of
			 * the archive (some writers omit the two zero blocks),
			 * so a tar cut right after a member looks complete.
			 * Every tar writer jhconf knows (GNU tar, libarchive,
			 * Python's tarfile) writes the end blocks: without
			 * them, nothing was consumed at the end. */
			if (archive_filter_bytes(a, 0) == pos)
				rc = jh_fail(err, JH_BADINPUT,
					     "%s: truncated: the archive stops after a member, "
					     "without its end-of-archive blocks", file);
			break;
		}
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			rc = jh_fail(err, JH_BADINPUT, "%s: %s", file,
				     archive_message(a));
			break;
		}
		char *shown = printable_name(archive_entry_pathname(e));
		char *name = member_path(file, archive_entry_pathname(e), shown,
					 err);
		rc = name ? check_member(file, e, shown, &lim, err) : -1;
		if (rc == 0 && rootfd >= 0)
			rc = extract_member(file, a, e, name, shown, rootfd, &lim,
					    err);
		free(name);
		free(shown);
		if (rc)
			break;
	}
	if (rc == 0 && lim.files == 0)
		rc = jh_fail(err, JH_BADINPUT, "%s: no files in the archive", file);
	archive_read_free(a);
	return rc;
}

/* A tar made of the snapshot folder itself ("q35/proc/iomem") rather than
 * of its contents: use that folder as the root. */
static void descend_into_single_folder(struct source *src)
{
	if (source_exists(src, "/proc") || source_exists(src, "/sys"))
		return;
	struct strlist top = { 0 };
	struct jh_error err = { 0 };
	if (source_list(src, "/", &top, &err) == 0 && top.n == 1) {
		char *inner = xasprintf("/%s", top.v[0]);
		char *proc = xasprintf("%s/proc", inner);
		char *sys = xasprintf("%s/sys", inner);
		struct stat st;
		if ((source_lstat(src, proc, &st) == 0 && S_ISDIR(st.st_mode)) ||
		    (source_lstat(src, sys, &st) == 0 && S_ISDIR(st.st_mode)))
			source_dir_rebase(src, inner);
		free(inner);
		free(proc);
		free(sys);
	}
	jh_error_clear(&err);
	strlist_free(&top);
}

struct source *source_open_tar(const char *file, struct jh_error *err)
{
	struct stat st;
	if (stat(file, &st) != 0)
		return jh_fail(err, JH_BADINPUT, "%s: %s", file, strerror(errno)),
		       NULL;
	if (!S_ISREG(st.st_mode))
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file", file),
		       NULL;
	if (st.st_size == 0)
		return jh_fail(err, JH_BADINPUT, "%s: empty file, not a tar archive",
			       file), NULL;
	if (jh_archive_load(err) < 0 || tar_pass(file, -1, err) < 0)
		return NULL;

	char *tmp = source_temp_create("jhconf-tar", err);
	if (!tmp)
		return NULL;
	/* from here on the source owns the folder: closing it removes it */
	struct source *src = source_open_dir_temp(tmp, file, err);
	free(tmp);
	if (!src)
		return NULL;
	int rootfd = open(src->root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			  O_CLOEXEC);
	if (rootfd < 0) {
		jh_fail(err, JH_BADINPUT, "%s: cannot open: %s", src->root,
			strerror(errno));
		source_close(src);
		return NULL;
	}
	int rc = tar_pass(file, rootfd, err);
	close(rootfd);
	if (rc < 0) {
		source_close(src);
		return NULL;
	}
	descend_into_single_folder(src);
	src->archive = true;
	return src;
}
