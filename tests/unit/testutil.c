/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared unit-test helpers (see testutil.h). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

static struct buf read_stream(FILE *f)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_put_u8(&b, 0);
	b.len--;
	return b;
}

struct buf test_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	return read_stream(f);
}

void *test_slurp(const char *path, size_t *len)
{
	struct buf b = test_read_file(path);
	*len = b.len;
	return b.data;
}

void *test_slurp_data(const char *rel, size_t *len)
{
	char *path = xasprintf("%s/%s", JH_TEST_DATA, rel);
	void *data = test_slurp(path, len);
	free(path);
	return data;
}

char *test_slurp_text_opt(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	return (char *)read_stream(f).data;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *scratch_dir;

int test_scratch_setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/jhconf-test.XXXXXX";
	const char *d = mkdtemp(tmpl);
	if (!d)
		return -1;
	scratch_dir = xstrdup(d);
	return 0;
}

int test_scratch_teardown(void **state)
{
	(void)state;
	test_remove_tree(scratch_dir);
	free(scratch_dir);
	scratch_dir = NULL;
	return 0;
}

const char *test_scratch_dir(void)
{
	return scratch_dir;
}

char *test_scratch_write(const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", scratch_dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}
