/* SPDX-License-Identifier: GPL-2.0-only */
/* Private temporary folders (a tar unpacked, the PCI attributes handed
 * to libpci) that must not outlive the process: not after an error, and
 * not after SIGINT, SIGTERM or SIGHUP either (Ctrl-C during `--snapshot`
 * once left thousands of files in $TMPDIR).
 *
 * Each folder is recorded in a fixed table that a signal handler can read
 * without locks or allocation. The handler removes every recorded folder
 * with system calls only (openat, getdents64, unlinkat: all safe in a
 * handler), puts back the action that was there before and raises the
 * signal again, so that the process ends as that signal would have ended
 * it (exit status 128 + N in a shell). The table is only changed with
 * those signals blocked, so the handler never sees half an entry. */
#define _GNU_SOURCE
#include "source/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* More than jhconf ever has at once (a tar and the PCI copy). */
#define TEMP_SLOTS 8
/* Deeper than anything jhconf creates (tar members: 32 folders). */
#define WIPE_MAX_DEPTH 64

static struct {
	volatile sig_atomic_t used;
	char path[PATH_MAX];
} temp_slots[TEMP_SLOTS];

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))
static struct sigaction previous[NSIGNALS];
static bool handlers_installed;

/* The records of getdents64 (linux_dirent64 is not in the libc headers). */
struct dirent64_rec {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* Empty the folder open as dfd, depth first, never following a link
 * (unlinkat removes a link itself; folders are opened O_NOFOLLOW).
 * Removing entries while reading a folder may make getdents64 skip
 * some, so the folder is read again until a pass removes nothing. Only
 * system calls: this runs inside the signal handler too. */
static void wipe_folder(int dfd, unsigned depth)
{
	char chunk[2048] __attribute__((aligned(8)));
	for (unsigned pass = 0; pass < 1000; pass++) {
		bool removed = false;
		if (lseek(dfd, 0, SEEK_SET) < 0)
			return;
		long n;
		while ((n = syscall(SYS_getdents64, dfd, chunk, sizeof(chunk))) > 0) {
			for (long off = 0; off < n;) {
				struct dirent64_rec *d = (void *)(chunk + off);
				off += d->reclen;
				const char *name = d->name;
				if (name[0] == '.' && (!name[1] ||
				    (name[1] == '.' && !name[2])))
					continue;
				if (d->type != DT_DIR && unlinkat(dfd, name, 0) == 0) {
					removed = true;
					continue;
				}
				if (depth < WIPE_MAX_DEPTH) {
					int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY |
							 O_NOFOLLOW | O_CLOEXEC);
					if (sub >= 0) {
						wipe_folder(sub, depth + 1);
						close(sub);
					}
				}
				if (unlinkat(dfd, name, AT_REMOVEDIR) == 0)
					removed = true;
			}
		}
		if (!removed)
			return;
	}
}

/* Remove the folder and everything in it; safe in a signal handler. */
static void wipe(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		wipe_folder(fd, 0);
		close(fd);
	}
	rmdir(path);
}

static void on_signal(int sig)
{
	int saved = errno;
	for (size_t i = 0; i < TEMP_SLOTS; i++)
		if (temp_slots[i].used)
			wipe(temp_slots[i].path);
	for (size_t i = 0; i < NSIGNALS; i++)
		if (cleanup_signals[i] == sig)
			sigaction(sig, &previous[i], NULL);
	/* blocked while this handler runs: delivered on return, with the
	 * action it had before (the default one ends the process) */
	raise(sig);
	errno = saved;
}

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Once, with the signals blocked. A signal someone chose to ignore
 * (nohup) stays ignored. */
static void install_handlers(void)
{
	if (handlers_installed)
		return;
	handlers_installed = true;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (size_t i = 0; i < NSIGNALS; i++) {
		if (sigaction(cleanup_signals[i], NULL, &previous[i]) != 0 ||
		    previous[i].sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

char *source_temp_create(const char *prefix, struct jh_error *err)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	char *tmpl = xasprintf("%s/%s.XXXXXX", base, prefix);
	if (strlen(tmpl) >= PATH_MAX) {
		jh_fail(err, JH_BADINPUT, "%s: path of the temporary folder too long",
			base);
		free(tmpl);
		return NULL;
	}
	sigset_t old;
	block_signals(&old);
	size_t slot = TEMP_SLOTS;
	for (size_t i = 0; i < TEMP_SLOTS && slot == TEMP_SLOTS; i++)
		if (!temp_slots[i].used)
			slot = i;
	int e = 0;
	if (slot == TEMP_SLOTS)
		e = EMFILE;
	else if (!mkdtemp(tmpl))  /* mode 0700 */
		e = errno;
	if (!e) {
		memcpy(temp_slots[slot].path, tmpl, strlen(tmpl) + 1);
		temp_slots[slot].used = 1;
		install_handlers();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (e) {
		jh_fail(err, JH_BADINPUT, "%s: cannot create a temporary folder: %s",
			base, strerror(e));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

void source_temp_remove(const char *path)
{
	if (!path)
		return;
	/* a signal now finishes the job from the table */
	wipe(path);
	sigset_t old;
	block_signals(&old);
	for (size_t i = 0; i < TEMP_SLOTS; i++)
		if (temp_slots[i].used && !strcmp(temp_slots[i].path, path))
			temp_slots[i].used = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}
