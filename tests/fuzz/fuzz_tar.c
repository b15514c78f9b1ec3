/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the tar backend: any bytes as a snapshot tar. Besides
 * "no crash", it checks the backend's promise that the private folder is
 * gone after close or refusal: TMPDIR (a folder of our own) must be empty
 * after every input, else abort. */
#include "source/source.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tmpdir[64] = "/tmp/jhconf-fuzz-tar.XXXXXX";
static char *input;

static void cleanup(void)
{
	if (input)
		unlink(input);
	rmdir(tmpdir);
}

/* TMPDIR for the backend, and the input file next to it (not inside). */
static void setup_once(void)
{
	if (input)
		return;
	if (!mkdtemp(tmpdir))
		abort();
	setenv("TMPDIR", tmpdir, 1);
	input = xasprintf("%s.input.tar", tmpdir);
	atexit(cleanup);
}

static bool folder_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/* Read whatever the archive holds, the way discovery would. */
static void exercise(struct source *src)
{
	struct strlist top = { 0 };
	struct jh_error err = { 0 };
	if (source_list(src, "/", &top, &err) == 0) {
		for (size_t i = 0; i < top.n; i++) {
			char *path = xasprintf("/%s", top.v[i]);
			struct buf b = { 0 };
			source_read(src, path, &b, &err);
			jh_error_clear(&err);
			buf_free(&b);
			free(path);
		}
	}
	jh_error_clear(&err);
	strlist_free(&top);
	free(source_read_line_opt(src, "/proc/cmdline"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup_once();
	FILE *f = fopen(input, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);

	struct jh_error err = { 0 };
	struct source *src = source_open_tar(input, &err);
	if (src) {
		exercise(src);
		source_close(src);
	} else if (!err.msg || strchr(err.msg, '\n')) {
		abort();  /* a refusal must say why, on one line */
	}
	jh_error_clear(&err);
	if (!folder_is_empty(tmpdir))
		abort();
	return 0;
}
