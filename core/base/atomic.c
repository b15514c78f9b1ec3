/* SPDX-License-Identifier: GPL-2.0-only */
/* All-or-nothing writes of a set of files; atomic.h says how and where
 * the guarantee ends. */
#define _GNU_SOURCE
#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum file_state {
	QUEUED,        /* nothing on disk yet */
	TEMP_WRITTEN,  /* tmp holds the new bytes, the target is untouched */
	EXCHANGED,     /* target holds the new bytes, tmp the old file */
	BACKED_UP,     /* target holds the new bytes, backup the old file */
	CREATED,       /* target is new (there was none before) */
	REPLACED,      /* target holds the new bytes, the old file is gone */
};

struct atomic_file {
	char *path;
	char *dir;           /* the folder the temporaries go to */
	const char *base;    /* the name inside dir (points into path) */
	const void *data;
	size_t len;
	mode_t mode;
	char *tmp;
	char *backup;
	dev_t dev;           /* of the temporary, to recognise it later */
	ino_t ino;
	enum file_state state;
};

void atomic_batch_init(struct atomic_batch *b)
{
	memset(b, 0, sizeof(*b));
}

void atomic_batch_add(struct atomic_batch *b, const char *path,
		      const void *data, size_t len, mode_t mode)
{
	struct atomic_file *f = ARRAY_PUSH(b->files, b->n, b->cap);
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	const char *slash = strrchr(f->path, '/');
	if (!slash)
		f->dir = xstrdup(".");
	else if (slash == f->path)
		f->dir = xstrdup("/");
	else
		f->dir = xstrndup(f->path, (size_t)(slash - f->path));
	f->base = slash ? slash + 1 : f->path;
	f->data = data;
	f->len = len;
	f->mode = mode;
}

void atomic_batch_free(struct atomic_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->files[i].path);
		free(b->files[i].dir);
		free(b->files[i].tmp);
		free(b->files[i].backup);
	}
	free(b->files);
	atomic_batch_init(b);
}

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISLNK(m) ? "a symbolic link" :
	       S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	       S_ISCHR(m) || S_ISBLK(m) ? "a device" : "not a regular file";
}

/* The name itself: something a file can be called. */
static int check_name(const struct atomic_batch *b, size_t i,
		      struct jh_error *err)
{
	const struct atomic_file *f = &b->files[i];
	if (!*f->path)
		return jh_fail(err, JH_BADINPUT, "an empty file name");
	if (!*f->base || !strcmp(f->base, ".") || !strcmp(f->base, ".."))
		return jh_fail(err, JH_BADINPUT,
			       "%s: names a folder, not a file", f->path);
	for (size_t j = 0; j < i; j++)
		if (!strcmp(b->files[j].path, f->path))
			return jh_fail(err, JH_BADINPUT,
				       "%s: the same output twice", f->path);
	return 0;
}

/* What is at the target now: 0 with *exists, or -1 with err set when it
 * must not be replaced (a symlink, a directory, anything not a regular
 * file, or a path that cannot be looked at). */
static int check_target(const struct atomic_file *f, bool *exists,
			struct jh_error *err)
{
	struct stat st;
	*exists = false;
	if (lstat(f->path, &st) != 0) {
		if (errno == ENOENT)
			return 0;  /* a missing folder shows when writing */
		if (errno == ENOTDIR)
			return jh_fail(err, JH_BADINPUT,
				       "%s: cannot write: %s is not a folder",
				       f->path, f->dir);
		return jh_fail(err, JH_BADINPUT, "%s: cannot write: %s",
			       f->path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return jh_fail(err, JH_BADINPUT,
			       "%s: is a symbolic link; refusing to write through it",
			       f->path);
	if (!S_ISREG(st.st_mode))
		return jh_fail(err, JH_BADINPUT,
			       "%s: is %s; refusing to replace it", f->path,
			       kind_of(st.st_mode));
	*exists = true;
	return 0;
}

/* A fresh hidden name next to the target: ".NAME.XXXXXX" (NAME cut so
 * that the whole stays within NAME_MAX). The file is created empty and
 * private; the caller fills it or links over it. */
static int make_temp(const struct atomic_file *f, char **name)
{
	*name = xasprintf("%s/.%.200s.XXXXXX", f->dir, f->base);
	int fd = mkostemp(*name, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		free(*name);
		*name = NULL;
		errno = e;
	}
	return fd;
}

static int write_all(int fd, const unsigned char *p, size_t left)
{
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return 0;
}

/* The new bytes in a temporary beside the target, with their final
 * mode; on the disk before the rename unless the batch is regenerable. */
static int write_temp(struct atomic_file *f, mode_t umask_bits, bool durable,
		      struct jh_error *err)
{
	int fd = make_temp(f, &f->tmp);
	if (fd < 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: cannot create a file in %s: %s", f->path,
			       f->dir, strerror(errno));
	f->state = TEMP_WRITTEN;
	struct stat st;
	if (write_all(fd, f->data, f->len) != 0 ||
	    fchmod(fd, f->mode & ~umask_bits & 07777) != 0 ||
	    (durable && fsync(fd) != 0) || fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return jh_fail(err, JH_BADINPUT, "%s: cannot write: %s", f->path,
			       strerror(e));
	}
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	if (close(fd) != 0)  /* NFS reports some write errors only here */
		return jh_fail(err, JH_BADINPUT, "%s: cannot write: %s", f->path,
			       strerror(errno));
	return 0;
}

static bool no_flags_here(int e)
{
	return e == EINVAL || e == ENOSYS || e == EOPNOTSUPP;
}

/* Replace an existing target, keeping the old file where an undo can
 * find it. */
static int replace_existing(struct atomic_batch *b, struct atomic_file *f,
			    struct jh_error *err)
{
	if (!b->no_rename_flags) {
		if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path,
			      RENAME_EXCHANGE) == 0) {
			f->state = EXCHANGED;
			/* What came out must be the regular file checked before;
			 * anything else (made there since) goes back. */
			struct stat st;
			if (lstat(f->tmp, &st) == 0 && S_ISREG(st.st_mode))
				return 0;
			int bad = lstat(f->tmp, &st) == 0 ? (int)st.st_mode : 0;
			if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path,
				      RENAME_EXCHANGE) == 0)
				f->state = TEMP_WRITTEN;
			return jh_fail(err, JH_BADINPUT,
				       "%s: became %s while writing; left as it is",
				       f->path, bad ? kind_of((mode_t)bad)
						    : "something else");
		}
		if (!no_flags_here(errno))
			return jh_fail(err, JH_BADINPUT,
				       "%s: cannot replace: %s", f->path,
				       strerror(errno));
		b->no_rename_flags = true;
	}
	/* Without RENAME_EXCHANGE: a hard link keeps the old file. A name
	 * taken between mkostemp and link only costs a retry. */
	for (int tries = 0; tries < 16 && !f->backup; tries++) {
		char *name;
		int fd = make_temp(f, &name);
		if (fd < 0)
			break;
		close(fd);
		unlink(name);
		if (link(f->path, name) == 0) {
			f->backup = name;
			break;
		}
		int e = errno;
		free(name);
		if (e != EEXIST)
			break;
	}
	if (rename(f->tmp, f->path) != 0) {
		int e = errno;
		if (f->backup) {
			unlink(f->backup);
			free(f->backup);
			f->backup = NULL;
		}
		return jh_fail(err, JH_BADINPUT, "%s: cannot replace: %s",
			       f->path, strerror(e));
	}
	f->state = f->backup ? BACKED_UP : REPLACED;
	return 0;
}

/* Make a target that did not exist, never overwriting one that has
 * appeared since it was checked. */
static int create_new(struct atomic_batch *b, struct atomic_file *f,
		      struct jh_error *err)
{
	int rc;
	if (!b->no_rename_flags) {
		rc = renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path,
			       RENAME_NOREPLACE);
		if (rc == 0 || !no_flags_here(errno))
			goto done;
		b->no_rename_flags = true;
	}
	/* link() never replaces either; rename() is the last resort. */
	rc = link(f->tmp, f->path);
	if (rc == 0)
		unlink(f->tmp);
	else if (errno != EEXIST)
		rc = rename(f->tmp, f->path);
done:
	if (rc == 0) {
		f->state = CREATED;
		return 0;
	}
	if (errno == EEXIST)
		return jh_fail(err, JH_BADINPUT,
			       "%s: appeared while writing; left as it is",
			       f->path);
	return jh_fail(err, JH_BADINPUT, "%s: cannot create: %s", f->path,
		       strerror(errno));
}

/* Put one file back as it was; returns 0, or -1 with errno. */
static int undo(struct atomic_file *f)
{
	struct stat st;
	switch (f->state) {
	case EXCHANGED:
		if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path,
			      RENAME_EXCHANGE) != 0)
			return -1;
		f->state = TEMP_WRITTEN;  /* tmp holds the new bytes again */
		return 0;
	case BACKED_UP:
		if (rename(f->backup, f->path) != 0)
			return -1;
		free(f->backup);
		f->backup = NULL;
		f->state = QUEUED;
		return 0;
	case CREATED:
		/* only if it is still ours */
		if (lstat(f->path, &st) == 0 && st.st_dev == f->dev &&
		    st.st_ino == f->ino && unlink(f->path) != 0)
			return -1;
		f->state = QUEUED;
		return 0;
	case REPLACED:
		errno = ENOTSUP;  /* no backup could be made */
		return -1;
	default:
		return 0;
	}
}

static void remove_temps(struct atomic_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->files[i].state == TEMP_WRITTEN && b->files[i].tmp)
			unlink(b->files[i].tmp);
}

/* Undo files [0, upto) in reverse order (those still only written need
 * nothing but their temporary removed). The first undo that fails is
 * added to the error, so that the user knows which file is not as it
 * was. */
static void roll_back(struct atomic_batch *b, size_t upto, struct jh_error *err)
{
	char *failed = NULL;
	for (size_t i = upto; i-- > 0;) {
		struct atomic_file *f = &b->files[i];
		if (undo(f) != 0 && !failed)
			failed = xasprintf("%s (%s)", f->path, strerror(errno));
	}
	remove_temps(b);
	if (failed && err && err->msg) {
		struct jh_error both = { 0 };  /* jh_fail makes it printable */
		jh_fail(&both, err->status, "%s; and %s could not be restored",
			err->msg, failed);
		free(err->msg);
		err->msg = both.msg;
	}
	free(failed);
}

static void sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);  /* makes the renames durable; best effort */
		close(fd);
	}
}

static int commit(struct atomic_batch *b, struct jh_error *err)
{
	bool exists;
	/* 1. names and targets, before anything is written */
	for (size_t i = 0; i < b->n; i++)
		if (check_name(b, i, err) < 0 ||
		    check_target(&b->files[i], &exists, err) < 0)
			return -1;
	/* 2. every temporary: proves each folder writable and the disk big
	 * enough */
	mode_t umask_bits = umask(0);
	umask(umask_bits);
	for (size_t i = 0; i < b->n; i++)
		if (write_temp(&b->files[i], umask_bits, !b->regenerable, err) < 0) {
			remove_temps(b);
			return -1;
		}
	/* 3. every target again, right before the first rename */
	for (size_t i = 0; i < b->n; i++)
		if (check_target(&b->files[i], &exists, err) < 0) {
			remove_temps(b);
			return -1;
		}
	/* 4. into place, one by one; a failure puts back the earlier ones */
	for (size_t i = 0; i < b->n; i++) {
		struct atomic_file *f = &b->files[i];
		int rc = check_target(f, &exists, err);
		if (rc == 0 && b->before_rename)
			b->before_rename(i, f->path, b->hook_ctx);
		if (rc < 0 || (exists ? replace_existing(b, f, err)
				      : create_new(b, f, err)) < 0) {
			roll_back(b, i + 1, err);  /* i too: a failed swap-back */
			return -1;
		}
	}
	/* 5. all in place: the old files go */
	for (size_t i = 0; i < b->n; i++) {
		struct atomic_file *f = &b->files[i];
		if (f->state == EXCHANGED)
			unlink(f->tmp);
		else if (f->state == BACKED_UP)
			unlink(f->backup);
	}
	for (size_t i = 0; !b->regenerable && i < b->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(b->files[j].dir, b->files[i].dir);
		if (!seen)
			sync_folder(b->files[i].dir);
	}
	return 0;
}

int atomic_batch_commit(struct atomic_batch *b, struct jh_error *err)
{
	/* Ctrl-C and friends wait until the batch is whole (or undone) and
	 * its temporaries are gone; then they act as usual. */
	sigset_t hold, old;
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGQUIT);
	sigprocmask(SIG_BLOCK, &hold, &old);
	int rc = commit(b, err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int write_file_atomic_mode(const char *path, const void *data, size_t len,
			   mode_t mode, struct jh_error *err)
{
	struct atomic_batch b;
	atomic_batch_init(&b);
	atomic_batch_add(&b, path, data, len, mode);
	int rc = atomic_batch_commit(&b, err);
	atomic_batch_free(&b);
	return rc;
}

int write_file_atomic(const char *path, const void *data, size_t len,
		      struct jh_error *err)
{
	return write_file_atomic_mode(path, data, len, ATOMIC_MODE_PUBLIC, err);
}
