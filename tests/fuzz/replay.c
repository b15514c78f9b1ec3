/* SPDX-License-Identifier: GPL-2.0-only */
/* Replay driver for the fuzz harnesses: runs LLVMFuzzerTestOneInput over
 * every file of the harness's corpus (tests/fuzz/corpus/<name>/, where the
 * program is fuzz_<name>) or over the files and folders given. Under
 * `make check` this proves that every corpus input (crashers found earlier
 * included) is handled; `make fuzz` links the same harness with libFuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, len = 0;
	uint8_t *data = malloc(cap);
	size_t r;
	while (data && (r = fread(data + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap)
			data = realloc(data, cap *= 2);
	}
	fclose(f);
	if (!data)
		return -1;
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int run_path(const char *path, unsigned *count)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(path) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		snprintf(p, n, "%s/%s", path, e->d_name);
		rc |= run_path(p, count);
		free(p);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int rc = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= run_path(argv[i], &count);
	} else {
		const char *base = strrchr(argv[0], '/');
		base = base ? base + 1 : argv[0];
		if (!strncmp(base, "fuzz_", 5))
			base += 5;
		size_t n = strlen(JH_FUZZ_DIR) + strlen(base) + 16;
		char *dir = malloc(n);
		snprintf(dir, n, "%s/corpus/%s", JH_FUZZ_DIR, base);
		rc |= run_path(dir, &count);
		free(dir);
	}
	printf("replayed %u inputs\n", count);
	if (count == 0) {
		fprintf(stderr, "no corpus inputs found\n");
		return 1;
	}
	return rc ? 1 : 0;
}
