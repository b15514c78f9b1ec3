/* The directory backend: the live system ("/") or a snapshot tree. */
/* nftw() and its FTW_* flags */
#define _GNU_SOURCE
#include "source/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

static int dir_read_file(struct source *src, const char *path, size_t max,
			 struct buf *out, struct jh_error *err)
{
	char *real = source_real_path(src, path);
	int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		free(real);
		return jh_fail(err, JH_BADINPUT, "%s: cannot open: %s", path,
			       strerror(e));
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		free(real);
		return jh_fail(err, JH_BADINPUT, "%s: not a regular file", path);
	}
	free(real);
	out->len = 0;
	/* sysfs reports sizes that are not the content's: read to EOF */
	for (;;) {
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

static int dir_list(struct source *src, const char *path, struct strlist *out,
		    struct jh_error *err)
{
	char *real = source_real_path(src, path);
	DIR *d = opendir(real);
	free(real);
	if (!d)
		return jh_fail(err, JH_BADINPUT, "%s: cannot list: %s", path,
			       strerror(errno));
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
	char *real = source_real_path(src, path);
	bool ok = access(real, F_OK) == 0;
	free(real);
	return ok;
}

static void dir_close(struct source *src)
{
	(void)src;
}

static const struct source_ops dir_ops = {
	.read_file = dir_read_file,
	.list_dir = dir_list,
	.exists = dir_exists,
	.close = dir_close,
};

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;  /* keep going: remove as much as we can */
}

/* Depth first, never following links, never leaving the file system. */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* A temporary folder's source: priv is the folder to remove on close. */
static void temp_dir_close(struct source *src)
{
	remove_tree(src->priv);
	free(src->priv);
}

static const struct source_ops temp_dir_ops = {
	.read_file = dir_read_file,
	.list_dir = dir_list,
	.exists = dir_exists,
	.close = temp_dir_close,
};

struct source *source_open_dir_temp(const char *tmpdir, const char *label,
				    struct jh_error *err)
{
	struct stat st;
	bool gone = lstat(tmpdir, &st) != 0;
	if (gone || !S_ISDIR(st.st_mode)) {
		int e = gone ? errno : ENOTDIR;
		remove_tree(tmpdir);
		return jh_fail(err, JH_BADINPUT, "%s: temporary folder is gone: %s",
			       tmpdir, strerror(e)), NULL;
	}
	struct source *src = xcalloc(1, sizeof(*src));
	src->ops = &temp_dir_ops;
	char *real = realpath(tmpdir, NULL);
	src->root = real ? real : xstrdup(tmpdir);
	src->label = xstrdup(label);
	src->priv = xstrdup(src->root);
	return src;
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
	struct source *src = xcalloc(1, sizeof(*src));
	src->ops = &dir_ops;
	char *real = realpath(root, NULL);
	src->root = real ? real : xstrdup(root);
	src->label = xstrdup(root);
	src->live = !strcmp(src->root, "/");
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

char *source_read_text(struct source *src, const char *path,
		       struct jh_error *err)
{
	struct buf b = { 0 };
	if (source_read(src, path, &b, err) < 0) {
		buf_free(&b);
		return NULL;
	}
	if (!b.data)
		return xstrdup("");
	if (memchr(b.data, 0, b.len)) {
		buf_free(&b);
		return jh_fail(err, JH_BADINPUT, "%s: binary data in a text file",
			       path), NULL;
	}
	return (char *)b.data;
}

char *source_read_line_opt(struct source *src, const char *path)
{
	if (!source_exists(src, path))
		return NULL;
	struct jh_error err = { 0 };
	char *s = source_read_text(src, path, &err);
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
