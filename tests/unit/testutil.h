/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the unit tests: reading fixture files and removing
 * scratch folders. They use plain stdio, never the code under test, and
 * fail the running cmocka test when a file that must exist is missing. */
#ifndef JH_TESTUTIL_H
#define JH_TESTUTIL_H

#include <stddef.h>

#include "base/util.h"

/* The whole file at path. A NUL follows the data (not counted in len),
 * so a text file can be used as a string. */
struct buf test_read_file(const char *path);

/* The same as a bare array (char or unsigned char), freed with free();
 * *len receives the size. */
void *test_slurp(const char *path, size_t *len);

/* test_slurp() of a path relative to the tests/data folder. */
void *test_slurp_data(const char *rel, size_t *len);

/* The file's text, or NULL when it does not exist. */
char *test_slurp_text_opt(const char *path);

/* Removes a folder and everything below it, following no symlinks. */
void test_remove_tree(const char *dir);

/* A scratch folder for a test group (cmocka group setup and teardown:
 * made under /tmp, removed with everything in it). */
int test_scratch_setup(void **state);
int test_scratch_teardown(void **state);
const char *test_scratch_dir(void);
/* Write len bytes to a file of that name in the scratch folder; returns
 * its path (the caller frees it). Fails the test when it cannot. */
char *test_scratch_write(const char *name, const void *data, size_t len);

#endif
