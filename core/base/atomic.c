#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Refuse to replace a symlink: the user asked for this path, not for
 * wherever a link points (which may be outside their reach). */
int write_file_atomic(const char *path, const void *data, size_t len,
		      struct jh_error *err)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return jh_fail(err, JH_BADINPUT,
			       "%s: is a symbolic link; refusing to write through it",
			       path);
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return jh_fail(err, JH_BADINPUT, "%s: exists and is not a regular file",
			       path);

	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return jh_fail(err, JH_BADINPUT, "%s: cannot create: %s", path,
			       strerror(e));
	}
	const unsigned char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	/* make the rename itself durable */
	char *dirbuf = xstrdup(path);
	int dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dirbuf);
	free(tmp);
	return 0;
fail:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return jh_fail(err, JH_BADINPUT, "%s: cannot write: %s", path,
		       strerror(e ? e : EIO));
}
