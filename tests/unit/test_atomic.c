/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests for the all-or-nothing writer (core/base/atomic.c).
 *
 * Each test works in a fresh folder. The truth is what is on disk,
 * read back with plain stdio and readdir: after a failed commit every
 * old file holds its old bytes and nothing else is in the folder (no
 * temporaries, no backups); after a good one every target holds the new
 * bytes, with the mode open(2) would give under the umask. Failures
 * during the rename step are made with the batch's before_rename hook,
 * which puts a directory where a target is about to go between its last
 * check and its rename, the one thing no check can rule out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/atomic.h"
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static int setup(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/jh-atomic-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_remove_tree(dir);
	return 0;
}

static char *at(const char *name)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	return p;
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void assert_text(const char *name, const char *want)
{
	char *got = test_slurp_text_opt(at(name));
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The folder's entries, sorted, joined by spaces: shows leftovers. */
static char *listing(void)
{
	struct strlist l = { 0 };
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			strlist_add(&l, e->d_name);
	closedir(d);
	strlist_sort(&l);
	struct buf b = { 0 };
	for (size_t i = 0; i < l.n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", l.v[i]);
	strlist_free(&l);
	buf_append(&b, "", 0);
	return (char *)b.data;
}

static void assert_listing(const char *want)
{
	char *got = listing();
	assert_string_equal(got, want);
	free(got);
}

/* Commit "a" and "b" with NEW-a / NEW-b; returns the commit's result and
 * leaves its message in *msg (or NULL). */
static int commit_pair(bool no_flags, void (*hook)(size_t, const char *, void *),
		       char **msg)
{
	struct atomic_batch b;
	struct jh_error err = { 0 };
	atomic_batch_init(&b);
	b.no_rename_flags = no_flags;
	b.before_rename = hook;
	atomic_batch_add(&b, at("a"), "NEW-a", 5, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&b, at("b"), "NEW-b", 5, ATOMIC_MODE_PUBLIC);
	int rc = atomic_batch_commit(&b, &err);
	atomic_batch_free(&b);
	*msg = err.msg;
	return rc;
}

static void replaces_both(bool no_flags)
{
	put("a", "old-a");
	put("b", "old-b");
	char *msg;
	assert_int_equal(commit_pair(no_flags, NULL, &msg), 0);
	assert_null(msg);
	assert_text("a", "NEW-a");
	assert_text("b", "NEW-b");
	assert_listing("a b");
}

static void test_replaces_both(void **state)
{
	(void)state;
	replaces_both(false);
}

static void test_replaces_both_without_rename_flags(void **state)
{
	(void)state;
	replaces_both(true);
}

static void test_creates_both(void **state)
{
	(void)state;
	char *msg;
	assert_int_equal(commit_pair(false, NULL, &msg), 0);
	assert_text("a", "NEW-a");
	assert_text("b", "NEW-b");
	assert_listing("a b");
}

/* The second target is a symlink, a directory, a FIFO: refused before
 * anything is written; the first keeps its old bytes. */
static void test_refuses_bad_second_target(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *msg_tail;
	} cases[] = {
		{ "symlink", ": is a symbolic link; refusing to write through it" },
		{ "dir", ": is a directory; refusing to replace it" },
		{ "fifo", ": is a FIFO; refusing to replace it" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put("a", "old-a");
		put("elsewhere", "untouched");
		if (!strcmp(cases[i].what, "symlink"))
			assert_int_equal(symlink("elsewhere", at("b")), 0);
		else if (!strcmp(cases[i].what, "dir"))
			assert_int_equal(mkdir(at("b"), 0755), 0);
		else
			assert_int_equal(mkfifo(at("b"), 0644), 0);
		char *msg;
		assert_int_equal(commit_pair(false, NULL, &msg), -1);
		char *want = xasprintf("%s%s", at("b"), cases[i].msg_tail);
		assert_string_equal(msg, want);
		free(want);
		free(msg);
		assert_text("a", "old-a");
		assert_text("elsewhere", "untouched");
		assert_listing("a b elsewhere");
		test_remove_tree(dir);
		assert_int_equal(mkdir(dir, 0700), 0);
	}
}

/* The window no check can close: between the last look at a target and
 * its rename, a directory appears where the second file goes. The
 * rename flags (or link(), without them) notice; the first file, already
 * replaced, is put back, and the directory is left alone. */
static void mkdir_hook(size_t i, const char *path, void *ctx)
{
	(void)ctx;
	if (i == 1)
		assert_int_equal(mkdir(path, 0755), 0);
}

/* The same when the second target existed as a file: it is swapped for
 * a directory. */
static void file_to_dir_hook(size_t i, const char *path, void *ctx)
{
	(void)ctx;
	if (i == 1) {
		assert_int_equal(unlink(path), 0);
		assert_int_equal(mkdir(path, 0755), 0);
	}
}

static void rolls_back(bool no_flags, bool b_existed, const char *msg_tail)
{
	put("a", "old-a");
	if (b_existed)
		put("b", "old-b");
	char *msg;
	assert_int_equal(commit_pair(no_flags, b_existed ? file_to_dir_hook
							 : mkdir_hook, &msg), -1);
	char *want = xasprintf("%s%s", at("b"), msg_tail);
	assert_string_equal(msg, want);
	free(want);
	free(msg);
	assert_text("a", "old-a");
	assert_listing("a b");
	struct stat st;
	assert_int_equal(lstat(at("b"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));  /* left as it is */
}

static void test_rollback_new_target(void **state)
{
	(void)state;
	rolls_back(false, false, ": appeared while writing; left as it is");
}

static void test_rollback_new_target_without_rename_flags(void **state)
{
	(void)state;
	rolls_back(true, false, ": appeared while writing; left as it is");
}

static void test_rollback_replaced_target(void **state)
{
	(void)state;
	rolls_back(false, true,
		   ": became a directory while writing; left as it is");
}

static void test_rollback_replaced_target_without_rename_flags(void **state)
{
	(void)state;
	/* no hard link to a directory; rename(2) over one says EISDIR */
	char *tail = xasprintf(": cannot replace: %s", strerror(EISDIR));
	rolls_back(true, true, tail);
	free(tail);
}

/* Three files, the middle one fails: the first is restored, the third
 * never touched. */
static void test_three_files_middle_failure(void **state)
{
	(void)state;
	put("a", "old-a");
	put("b", "old-b");
	struct atomic_batch b;
	struct jh_error err = { 0 };
	atomic_batch_init(&b);
	b.before_rename = mkdir_hook;
	atomic_batch_add(&b, at("a"), "NEW-a", 5, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&b, at("c"), "NEW-c", 5, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&b, at("b"), "NEW-b", 5, ATOMIC_MODE_PUBLIC);
	assert_int_equal(atomic_batch_commit(&b, &err), -1);
	atomic_batch_free(&b);
	char *want = xasprintf("%s: appeared while writing; left as it is",
			       at("c"));
	assert_string_equal(err.msg, want);
	free(want);
	jh_error_clear(&err);
	assert_text("a", "old-a");
	assert_text("b", "old-b");
	assert_listing("a b c");
}

/* A missing folder, a "folder" that is a file, a full disk: nothing is
 * renamed, the old file stays, no temporary is left. */
static void test_unwritable_folder(void **state)
{
	(void)state;
	put("a", "old-a");
	put("notdir", "x");
	struct atomic_batch b;
	struct jh_error err = { 0 };
	atomic_batch_init(&b);
	atomic_batch_add(&b, at("a"), "NEW-a", 5, ATOMIC_MODE_PUBLIC);
	char *bad = xstrdup(at("notdir/b"));
	atomic_batch_add(&b, bad, "NEW-b", 5, ATOMIC_MODE_PUBLIC);
	assert_int_equal(atomic_batch_commit(&b, &err), -1);
	atomic_batch_free(&b);
	char *want = xasprintf("%s: cannot write: %s is not a folder", bad,
			       at("notdir"));
	assert_string_equal(err.msg, want);
	free(want);
	jh_error_clear(&err);

	atomic_batch_init(&b);
	atomic_batch_add(&b, at("a"), "NEW-a", 5, ATOMIC_MODE_PUBLIC);
	free(bad);
	bad = xstrdup(at("missing/b"));
	atomic_batch_add(&b, bad, "NEW-b", 5, ATOMIC_MODE_PUBLIC);
	assert_int_equal(atomic_batch_commit(&b, &err), -1);
	atomic_batch_free(&b);
	want = xasprintf("%s: cannot create a file in %s: %s", bad,
			 at("missing"), strerror(ENOENT));
	assert_string_equal(err.msg, want);
	free(want);
	free(bad);
	jh_error_clear(&err);

	/* /dev/full's folder is /dev: a temporary there is possible for
	 * root only, and /dev/full itself is a device, refused by name. */
	atomic_batch_init(&b);
	atomic_batch_add(&b, at("a"), "NEW-a", 5, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&b, "/dev/full", "NEW-b", 5, ATOMIC_MODE_PUBLIC);
	assert_int_equal(atomic_batch_commit(&b, &err), -1);
	atomic_batch_free(&b);
	assert_string_equal(err.msg, "/dev/full: is a device; refusing to replace it");
	jh_error_clear(&err);

	assert_text("a", "old-a");
	assert_listing("a notdir");
}

/* Names that are no file: refused before anything happens. */
static void test_bad_names(void **state)
{
	(void)state;
	static const struct {
		const char *name, *msg;
	} cases[] = {
		{ "", "an empty file name" },
		{ "x/", "x/: names a folder, not a file" },
		{ "x/.", "x/.: names a folder, not a file" },
		{ "..", "..: names a folder, not a file" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct jh_error err = { 0 };
		assert_int_equal(write_file_atomic(cases[i].name, "x", 1, &err), -1);
		assert_string_equal(err.msg, cases[i].msg);
		jh_error_clear(&err);
	}
	struct atomic_batch b;
	struct jh_error err = { 0 };
	atomic_batch_init(&b);
	atomic_batch_add(&b, at("a"), "1", 1, ATOMIC_MODE_PUBLIC);
	atomic_batch_add(&b, at("a"), "2", 1, ATOMIC_MODE_PUBLIC);
	assert_int_equal(atomic_batch_commit(&b, &err), -1);
	atomic_batch_free(&b);
	assert_non_null(strstr(err.msg, "/a: the same output twice"));
	jh_error_clear(&err);
	assert_listing("");
}

/* Modes: open(2)'s rule, MODE & ~umask, for public and private files,
 * whatever the mode of a file replaced. */
static void test_modes_follow_umask(void **state)
{
	(void)state;
	static const struct {
		mode_t umask, mode, want;
	} cases[] = {
		{ 022, ATOMIC_MODE_PUBLIC, 0644 },
		{ 077, ATOMIC_MODE_PUBLIC, 0600 },
		{ 002, ATOMIC_MODE_PUBLIC, 0664 },
		{ 000, ATOMIC_MODE_PRIVATE, 0600 },
		{ 077, ATOMIC_MODE_PRIVATE, 0600 },
		{ 027, ATOMIC_MODE_PRIVATE, 0600 },
	};
	mode_t saved = umask(0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		umask(cases[i].umask);
		struct jh_error err = { 0 };
		assert_int_equal(chmod(dir, 0700), 0);
		put("m", "old");
		assert_int_equal(chmod(at("m"), 0666), 0);
		assert_int_equal(write_file_atomic_mode(at("m"), "new", 3,
							cases[i].mode, &err), 0);
		struct stat st;
		assert_int_equal(stat(at("m"), &st), 0);
		assert_int_equal(st.st_mode & 07777, cases[i].want);
		assert_text("m", "new");
	}
	umask(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replaces_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaces_both_without_rename_flags,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_creates_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_bad_second_target, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rollback_new_target, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_rollback_new_target_without_rename_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_replaced_target, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_rollback_replaced_target_without_rename_flags, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_three_files_middle_failure, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes_follow_umask, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
