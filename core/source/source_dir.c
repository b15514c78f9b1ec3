/* SPDX-License-Identifier: GPL-2.0-only */
/* The directory backend: the live system ("/") or a snapshot tree. */
/* O_PATH, fstatat, readlinkat with an empty path */
#define _GNU_SOURCE
#include "source/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *source_real_path(struct source *src, const char *path)
{
	if (!strcmp(src->root, "/"))
		return xstrdup(path);
	return xasprintf("%s%s", src->root, path);
}

/* ---- paths beneath the root ----
 *
 * A snapshot tree is untrusted input: a link in it may point anywhere
 * ("/etc/shadow", "../../../../home"). Every path is therefore walked one
 * component at a time from a descriptor of the root, the way the kernel's
 * RESOLVE_IN_ROOT does: each component is opened with O_PATH|O_NOFOLLOW
 * relative to the folder before it; a link is read and its target walked
 * in its place, an absolute target from the root; ".." goes back to the
 * folder we came from and stops at the root. Nothing outside the root is
 * ever reached, and the folders held open make the walk immune to a tree
 * that changes under it. Real snapshots are full of relative links
 * (the entries of bus/pci/devices and class/tty), which work as they do on the machine.
 * For the live system the root is "/", where this is ordinary lookup. */

#define RESOLVE_MAX_LINKS 40    /* as the kernel's MAXSYMLINKS */
#define RESOLVE_MAX_DEPTH 256

struct dir_priv {
	int rootfd;          /* O_PATH descriptor of src->root */
	char *remove;        /* temporary folder to remove on close, or NULL */
	/* The folder of the last path looked up (discovery reads a folder's
	 * files one after the other): its path as asked, an O_PATH
	 * descriptor of where it led, and the folders from the root. A walk
	 * costs one openat per component; this saves all but the last. */
	char *cache_dir;
	int cache_fd;
	struct strlist cache_trail;
	/* The same for the folder that holds it (/sys/bus/pci/devices/ for
	 * a device's folder): the next device's folder is then one openat
	 * away instead of a walk from the root. */
	char *parent_dir;
	int parent_fd;
	struct strlist parent_trail;
};

/* Where a path leads: the folder that holds it and its name there; name
 * "." when the path leads to dirfd itself. */
struct found {
	int dirfd;
	bool borrowed;         /* dirfd is the cache's: not closed here */
	char name[NAME_MAX + 1];
	struct strlist trail;  /* the folders from the root, for realpath */
	/* lstat of name in dirfd, when the lookup already made it */
	bool have_st;
	struct stat st;
};

static void found_free(struct found *f)
{
	if (f->dirfd >= 0 && !f->borrowed)
		close(f->dirfd);
	f->dirfd = -1;
	strlist_free(&f->trail);
}

/* Walks path beneath rootfd. follow: whether a link as the last
 * component is followed. Returns 0, or -1 with errno set. */
static int walk(int rootfd, const char *path, bool follow, struct found *out)
{
	int stack[RESOLVE_MAX_DEPTH];
	size_t depth = 0;
	unsigned links = 0;
	*out = (struct found){ .dirfd = -1 };
	stack[0] = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	if (stack[0] < 0)
		return -1;
	char *pending = xstrdup(path);
	const char *p = pending;
	int e = 0;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p) {  /* the path ends at the folder we are in */
			strcpy(out->name, ".");
			break;
		}
		size_t n = strcspn(p, "/");
		if (n > NAME_MAX) {
			e = ENAMETOOLONG;
			break;
		}
		char comp[NAME_MAX + 1];
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		while (*p == '/')
			p++;
		bool last = !*p;
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			if (depth) {
				close(stack[depth--]);
				free(out->trail.v[--out->trail.n]);
			}
			continue;
		}
		int fd = openat(stack[depth], comp,
				O_PATH | O_NOFOLLOW | O_CLOEXEC);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) != 0) {
			e = errno;
			if (fd >= 0)
				close(fd);
			break;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow)) {
			char target[PATH_MAX];
			ssize_t len = ++links > RESOLVE_MAX_LINKS ? -1 :
				readlinkat(fd, "", target, sizeof(target) - 1);
			e = links > RESOLVE_MAX_LINKS ? ELOOP : errno;
			close(fd);
			if (len <= 0) {
				if (len == 0)
					e = ENOENT;
				break;
			}
			e = 0;
			target[len] = '\0';
			if (target[0] == '/') {  /* absolute: from the root */
				while (depth) {
					close(stack[depth--]);
					free(out->trail.v[--out->trail.n]);
				}
			}
			char *next = xasprintf("%s/%s", target, p);
			free(pending);
			pending = next;
			p = pending;
			continue;
		}
		if (last) {
			close(fd);
			strcpy(out->name, comp);
			break;
		}
		if (!S_ISDIR(st.st_mode) || depth + 1 >= RESOLVE_MAX_DEPTH) {
			close(fd);
			e = S_ISDIR(st.st_mode) ? ENAMETOOLONG : ENOTDIR;
			break;
		}
		stack[++depth] = fd;
		strlist_add(&out->trail, comp);
	}
	free(pending);
	for (size_t i = 0; i < depth; i++)
		close(stack[i]);
	if (e) {
		close(stack[depth]);
		strlist_free(&out->trail);
		errno = e;
		return -1;
	}
	out->dirfd = stack[depth];
	return 0;
}

static void cache_drop(struct dir_priv *dp)
{
	free(dp->cache_dir);
	dp->cache_dir = NULL;
	if (dp->cache_fd >= 0)
		close(dp->cache_fd);
	dp->cache_fd = -1;
	strlist_free(&dp->cache_trail);
	free(dp->parent_dir);
	dp->parent_dir = NULL;
	if (dp->parent_fd >= 0)
		close(dp->parent_fd);
	dp->parent_fd = -1;
	strlist_free(&dp->parent_trail);
}

static void trail_copy(struct strlist *to, const struct strlist *from)
{
	for (size_t i = 0; i < from->n; i++)
		strlist_add(to, from->v[i]);
}

/* The folder dir (a path as asked) opened beneath the root: an O_PATH
 * descriptor and the folders from the root to it. */
static int open_folder(int rootfd, const char *dir, int *fd,
		       struct strlist *trail)
{
	struct found f;
	if (walk(rootfd, dir, true, &f) < 0)
		return -1;
	*fd = openat(f.dirfd, f.name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		     O_CLOEXEC);
	if (*fd < 0) {
		int e = errno;
		found_free(&f);
		errno = e;
		return -1;
	}
	trail_copy(trail, &f.trail);
	if (strcmp(f.name, "."))
		strlist_add(trail, f.name);
	found_free(&f);
	return 0;
}

/* The last component of a folder path ("a/b/c/" gives "c"), or NULL
 * when that is not a plain name: ".", "..", nothing. Its length in *n. */
static const char *last_name(const char *dir, size_t *n)
{
	size_t len = strlen(dir);
	while (len && dir[len - 1] == '/')
		len--;
	size_t start = len;
	while (start && dir[start - 1] != '/')
		start--;
	*n = len - start;
	if (!*n || *n > NAME_MAX || !start ||
	    (*n == 1 && dir[start] == '.') ||
	    (*n == 2 && dir[start] == '.' && dir[start + 1] == '.'))
		return NULL;
	return dir + start;
}

/* The folder dir (a path as asked) opened beneath the root, into the
 * cache. When its parent folder is cached and its last component is a
 * folder there (not a link, which must be walked from the root), it is
 * that one step from the parent: the same place walk() reaches. */
static int cache_fill(struct dir_priv *dp, const char *dir)
{
	size_t n;
	const char *last = last_name(dir, &n);
	char *parent = last ? xstrndup(dir, (size_t)(last - dir)) : NULL;
	if (parent && (!dp->parent_dir || strcmp(dp->parent_dir, parent))) {
		int pfd;
		struct strlist ptrail = { 0 };
		if (open_folder(dp->rootfd, parent, &pfd, &ptrail) == 0) {
			cache_drop(dp);
			dp->parent_dir = parent;
			dp->parent_fd = pfd;
			dp->parent_trail = ptrail;
			parent = NULL;
		} else {
			strlist_free(&ptrail);
		}
	}
	/* parent NULL: now cached; else cached already, or not to be had */
	bool parent_ok = last && dp->parent_dir &&
			 (!parent || !strcmp(dp->parent_dir, parent));
	free(parent);
	int fd = -1;
	struct strlist trail = { 0 };
	if (parent_ok) {
		char name[NAME_MAX + 1];
		memcpy(name, last, n);
		name[n] = '\0';
		struct stat st;
		fd = openat(dp->parent_fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode))) {
			close(fd);  /* a link (or worse): the whole walk */
			fd = -1;
		}
		if (fd >= 0) {
			trail_copy(&trail, &dp->parent_trail);
			strlist_add(&trail, name);
		}
	}
	if (fd < 0 && open_folder(dp->rootfd, dir, &fd, &trail) < 0) {
		strlist_free(&trail);
		return -1;
	}
	free(dp->cache_dir);
	if (dp->cache_fd >= 0)
		close(dp->cache_fd);
	strlist_free(&dp->cache_trail);
	dp->cache_dir = xstrdup(dir);
	dp->cache_fd = fd;
	dp->cache_trail = trail;
	return 0;
}

/* walk() with the folder part of path from the cache. The last
 * component is looked up in that folder; where it is anything but a plain
 * name (".", "..", a link to follow), the whole path is walked instead,
 * so that ".." and link targets are resolved exactly as by walk().
 * trail: whether out->trail is wanted (realpath only); a cached folder
 * is lent (out->borrowed), valid until the next lookup. */
static int resolve_src(struct source *src, const char *path, bool follow,
		       bool trail, struct found *out)
{
	struct dir_priv *dp = src->priv;
	const char *slash = strrchr(path, '/');
	const char *last = slash ? slash + 1 : path;
	if (!slash || !*last || !strcmp(last, ".") || !strcmp(last, "..") ||
	    strlen(last) > NAME_MAX)
		return walk(dp->rootfd, path, follow, out);
	char *dir = xstrndup(path, (size_t)(slash - path) + 1);
	bool hit = dp->cache_dir && !strcmp(dp->cache_dir, dir);
	if (!hit && cache_fill(dp, dir) < 0) {
		free(dir);
		return walk(dp->rootfd, path, follow, out);  /* its errno */
	}
	free(dir);
	struct stat st;
	bool have_st = fstatat(dp->cache_fd, last, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (have_st && S_ISLNK(st.st_mode) && follow)
		return walk(dp->rootfd, path, follow, out);
	*out = (struct found){ .dirfd = dp->cache_fd, .borrowed = true,
			       .have_st = have_st };
	if (have_st)
		out->st = st;
	strcpy(out->name, last);
	if (trail)
		trail_copy(&out->trail, &dp->cache_trail);
	return 0;
}

/* What kind of file it is, for "not a regular file but ...". */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISLNK(mode))
		return "a symbolic link";
	return "not a file";
}

/* Opens a regular file beneath the root for reading. Never blocks: the
 * type is checked before the open (a FIFO or a device is never opened),
 * and the open is O_NONBLOCK|O_NOFOLLOW in case the tree changed in
 * between (a link is refused, a FIFO does not block, a folder fails to
 * read, every read is bounded). A second look at the descriptor would
 * come after the open, too late to spare a device swapped in meanwhile,
 * and was one system call in five per file. *size: the size the check
 * saw, the most that is read before looking for the end.
 * *missing (when not NULL): set, with no error, where source_exists
 * would say the file is not there. */
static int open_regular(struct source *src, const char *path, off_t *size,
			bool *missing, struct jh_error *err)
{
	struct found f;
	if (resolve_src(src, path, true, false, &f) < 0) {
		if (missing) {
			*missing = true;
			return -1;
		}
		return jh_fail(err, JH_BADINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	}
	struct stat st;
	if (f.have_st) {
		st = f.st;
	} else if (fstatat(f.dirfd, f.name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		int e = errno;
		found_free(&f);
		if (missing) {
			*missing = true;
			return -1;
		}
		return jh_fail(err, JH_BADINPUT, "%s: cannot open: %s", path,
			       strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		found_free(&f);
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file but %s",
			       path, file_kind(st.st_mode));
	}
	int fd = openat(f.dirfd, f.name, O_RDONLY | O_CLOEXEC | O_NOCTTY |
			O_NONBLOCK | O_NOFOLLOW);
	int e = errno;
	found_free(&f);
	if (fd < 0)
		return jh_fail(err, JH_BADINPUT, "%s: cannot open: %s", path,
			       strerror(e));
	*size = st.st_size;
	return fd;
}

static int read_file(struct source *src, const char *path, size_t max,
		     struct buf *out, bool *missing, struct jh_error *err)
{
	off_t size = 0;
	int fd = open_regular(src, path, &size, missing, err);
	if (fd < 0)
		return -1;
	out->len = 0;
	/* sysfs reports sizes that are not the content's (4096 for a short
	 * attribute, 0 in procfs): read to EOF, except where the size is
	 * reached, which is the end for any file that does not grow (the
	 * size of a sysfs file is the most it can hold) */
	if (size > 0 && (uint64_t)size < max && out->cap < (size_t)size + 2) {
		/* exactly what the file holds (and the NUL): buf_reserve's
		 * doubling would make a 4096-byte config space take 8 KiB */
		out->data = xrealloc(out->data, (size_t)size + 2);
		out->cap = (size_t)size + 2;
	} else {
		buf_reserve(out, 4096);
	}
	for (;;) {
		if (size > 0 && out->len == (uint64_t)size)
			break;
		if (out->cap - out->len - 1 < (size > 0 ? 1u : 512u))
			buf_reserve(out, 4096);
		ssize_t r = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return jh_fail(err, JH_BADINPUT, "%s: read error: %s",
				       path, strerror(e));
		}
		if (r == 0)
			break;
		out->len += (size_t)r;
		if (out->len > max) {
			close(fd);
			return jh_fail(err, JH_BADINPUT,
				       "%s: larger than %zu bytes, not a file jhconf reads",
				       path, max);
		}
	}
	out->data[out->len] = 0;
	close(fd);
	return 0;
}

static int dir_read_file(struct source *src, const char *path, size_t max,
			 struct buf *out, struct jh_error *err)
{
	return read_file(src, path, max, out, NULL, err);
}

static int dir_read_file_opt(struct source *src, const char *path,
			     size_t max, struct buf *out, struct jh_error *err)
{
	bool missing = false;
	if (read_file(src, path, max, out, &missing, err) == 0)
		return 0;
	if (!missing)
		return -1;
	out->len = 0;
	return 1;
}

static int dir_probe_file(struct source *src, const char *path,
			  struct jh_error *err)
{
	struct found f;
	if (resolve_src(src, path, true, false, &f) < 0)
		return 1;
	struct stat st;
	bool there = f.have_st ||
		     fstatat(f.dirfd, f.name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (f.have_st)
		st = f.st;
	found_free(&f);
	if (!there)
		return 1;
	if (!S_ISREG(st.st_mode))
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file but %s",
			       path, file_kind(st.st_mode));
	return 0;
}

static int dir_list(struct source *src, const char *path, struct strlist *out,
		    struct jh_error *err)
{
	struct found f;
	int fd = -1;
	if (resolve_src(src, path, true, false, &f) == 0) {
		fd = openat(f.dirfd, f.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			    O_NOFOLLOW | O_NONBLOCK);
		int e = errno;
		found_free(&f);
		errno = e;
	}
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return jh_fail(err, JH_BADINPUT, "%s: cannot list: %s", path,
			       strerror(e));
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		strlist_add(out, e->d_name);
	}
	closedir(d);
	strlist_sort(out);
	return 0;
}

static bool dir_exists(struct source *src, const char *path)
{
	struct found f;
	if (resolve_src(src, path, true, false, &f) < 0)
		return false;
	struct stat st;
	bool ok = f.have_st ||
		  fstatat(f.dirfd, f.name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	found_free(&f);
	return ok;
}

int source_lstat(struct source *src, const char *path, struct stat *st)
{
	struct found f;
	if (resolve_src(src, path, false, false, &f) < 0)
		return -1;
	int rc = fstatat(f.dirfd, f.name, st, AT_SYMLINK_NOFOLLOW);
	int e = errno;
	found_free(&f);
	errno = e;
	return rc;
}

char *source_readlink(struct source *src, const char *path)
{
	struct found f;
	if (resolve_src(src, path, false, false, &f) < 0)
		return NULL;
	char target[PATH_MAX];
	ssize_t n = readlinkat(f.dirfd, f.name, target, sizeof(target) - 1);
	found_free(&f);
	if (n <= 0)
		return NULL;
	return xstrndup(target, (size_t)n);
}

char *source_realpath(struct source *src, const char *path)
{
	struct found f;
	if (resolve_src(src, path, true, true, &f) < 0)
		return NULL;
	struct buf b = { 0 };
	for (size_t i = 0; i < f.trail.n; i++)
		buf_printf(&b, "/%s", f.trail.v[i]);
	if (strcmp(f.name, "."))
		buf_printf(&b, "/%s", f.name);
	found_free(&f);
	if (!b.len)
		buf_printf(&b, "/");
	return (char *)b.data;
}

static void dir_close(struct source *src)
{
	struct dir_priv *dp = src->priv;
	if (!dp)
		return;
	cache_drop(dp);
	close(dp->rootfd);
	if (dp->remove) {
		source_temp_remove(dp->remove);
		free(dp->remove);
	}
	free(dp);
}

static const struct source_ops dir_ops = {
	.read_file = dir_read_file,
	.read_file_opt = dir_read_file_opt,
	.probe_file = dir_probe_file,
	.list_dir = dir_list,
	.exists = dir_exists,
	.close = dir_close,
};

static int open_root(const char *root)
{
	return open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static struct source *new_dir_source(const char *root, const char *label,
				     int rootfd, char *remove)
{
	struct source *src = xcalloc(1, sizeof(*src));
	src->ops = &dir_ops;
	char *real = realpath(root, NULL);
	src->root = real ? real : xstrdup(root);
	src->label = xstrdup(label);
	struct dir_priv *dp = xcalloc(1, sizeof(*dp));
	dp->rootfd = rootfd;
	dp->remove = remove;
	dp->cache_fd = -1;
	dp->parent_fd = -1;
	src->priv = dp;
	return src;
}

struct source *source_open_dir_temp(const char *tmpdir, const char *label,
				    struct jh_error *err)
{
	struct stat st;
	bool gone = lstat(tmpdir, &st) != 0;
	int rootfd = -1;
	if (!gone && S_ISDIR(st.st_mode))
		rootfd = open(tmpdir, O_PATH | O_DIRECTORY | O_NOFOLLOW |
			      O_CLOEXEC);
	if (rootfd < 0) {
		int e = gone ? errno : ENOTDIR;
		source_temp_remove(tmpdir);
		return jh_fail(err, JH_BADINPUT, "%s: temporary folder is gone: %s",
			       tmpdir, strerror(e)), NULL;
	}
	struct source *src = new_dir_source(tmpdir, label, rootfd,
					    xstrdup(tmpdir));
	src->plain = true;  /* only what the tar backend wrote: no links */
	return src;
}

int source_dir_rebase(struct source *src, const char *sub)
{
	struct found f;
	if (resolve_src(src, sub, true, false, &f) < 0)
		return -1;
	int fd = openat(f.dirfd, f.name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);
	char *real = source_realpath(src, sub);
	found_free(&f);
	if (fd < 0 || !real) {
		if (fd >= 0)
			close(fd);
		free(real);
		return -1;
	}
	struct dir_priv *dp = src->priv;
	cache_drop(dp);
	close(dp->rootfd);
	dp->rootfd = fd;
	char *root = xasprintf("%s%s", strcmp(src->root, "/") ? src->root : "",
			       real);
	free(real);
	free(src->root);
	src->root = root;
	return 0;
}

struct source *source_open_dir(const char *root, struct jh_error *err)
{
	struct stat st;
	if (stat(root, &st) != 0)
		return jh_fail(err, JH_BADINPUT, "%s: %s", root, strerror(errno)),
		       NULL;
	if (!S_ISDIR(st.st_mode))
		return jh_fail(err, JH_BADINPUT, "%s: not a directory", root),
		       NULL;
	int rootfd = open_root(root);
	if (rootfd < 0)
		return jh_fail(err, JH_BADINPUT, "%s: %s", root, strerror(errno)),
		       NULL;
	struct source *src = new_dir_source(root, root, rootfd, NULL);
	src->live = !strcmp(src->root, "/");
	/* sysfs and procfs hold nothing but folders, files and links that
	 * stay inside: libraries may read the live system directly */
	src->plain = src->live;
	return src;
}

/* The live system is the default only where it can really be read:
 * as root (config space and iomem addresses), with ACPI tables visible. */
bool source_live_readable(void)
{
	return geteuid() == 0 &&
	       access("/sys/firmware/acpi/tables/APIC", R_OK) == 0;
}

void source_close(struct source *src)
{
	if (!src)
		return;
	src->ops->close(src);
	free(src->root);
	free(src->label);
	free(src);
}

int source_read(struct source *src, const char *path, struct buf *out,
		struct jh_error *err)
{
	return src->ops->read_file(src, path, SOURCE_MAX_FILE, out, err);
}

int source_read_opt(struct source *src, const char *path, struct buf *out,
		    struct jh_error *err)
{
	return src->ops->read_file_opt(src, path, SOURCE_MAX_FILE, out, err);
}

int source_probe_opt(struct source *src, const char *path,
		     struct jh_error *err)
{
	return src->ops->probe_file(src, path, err);
}

/* What source_read_text returns for a file read into b (rc its read's). */
static char *text_of(struct buf *b, int rc, const char *path, struct jh_error *err)
{
	if (rc != 0) {
		buf_free(b);
		return NULL;
	}
	if (!b->data)
		return xstrdup("");
	if (memchr(b->data, 0, b->len)) {
		buf_free(b);
		return jh_fail(err, JH_BADINPUT, "%s: binary data in a text file",
			       path), NULL;
	}
	return (char *)b->data;
}

char *source_read_text(struct source *src, const char *path,
		       struct jh_error *err)
{
	struct buf b = { 0 };
	return text_of(&b, source_read(src, path, &b, err), path, err);
}

char *source_read_text_opt(struct source *src, const char *path,
			   struct jh_error *err)
{
	struct buf b = { 0 };
	return text_of(&b, source_read_opt(src, path, &b, err), path, err);
}

char *source_read_line_opt(struct source *src, const char *path)
{
	struct jh_error err = { 0 };
	char *s = source_read_text_opt(src, path, &err);
	jh_error_clear(&err);
	if (!s)
		return NULL;
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = '\0';
	return rtrim(s);
}

int source_list(struct source *src, const char *path, struct strlist *out,
		struct jh_error *err)
{
	return src->ops->list_dir(src, path, out, err);
}

bool source_exists(struct source *src, const char *path)
{
	return src->ops->exists(src, path);
}
