/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the ACPI table fuzz harnesses. Each input is parsed three
 * times: as given, leniently and strictly (so the header and checksum
 * checks get exercised), then as a lenient copy whose signature and
 * length are forced to match, so that the fuzzer spends its time in the
 * table body instead of rediscovering the header. Lenient means a wrong
 * checksum is only a warning: a random input almost never sums to zero. */
#ifndef JH_FUZZ_ACPI_H
#define JH_FUZZ_ACPI_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

/* The contract after a failed parse: the model comes back all zero
 * bytes and the error has a message; anything else aborts. */
static void acpi_fuzz_check_failed(const void *model, size_t size,
				   const struct jh_error *err)
{
	const unsigned char *p = model;
	for (size_t i = 0; i < size; i++)
		if (p[i])
			abort();
	if (!err->msg)
		abort();
}

/* Parses `data` into a fresh model, checks the "empty after error"
 * contract, frees everything. */
typedef void (*acpi_fuzz_run_fn)(const unsigned char *data, size_t len,
				 struct jh_findings *diag, struct jh_error *err);

static void acpi_fuzz_once(acpi_fuzz_run_fn run, const unsigned char *data,
			   size_t len, bool strict)
{
	struct jh_findings diag = { .strict = strict };
	struct jh_error err = { 0 };
	run(data, len, &diag, &err);
	jh_error_clear(&err);
	jh_findings_free(&diag);
}

static void acpi_fuzz(acpi_fuzz_run_fn run, const char *signature,
		      const uint8_t *data, size_t size)
{
	acpi_fuzz_once(run, data, size, false);
	acpi_fuzz_once(run, data, size, true);
	if (size < 36 || size > UINT32_MAX)
		return;
	unsigned char *copy = malloc(size);
	if (!copy)
		return;
	memcpy(copy, data, size);
	memcpy(copy, signature, 4);
	uint32_t length = (uint32_t)size;
	for (int i = 0; i < 4; i++)
		copy[4 + i] = (unsigned char)(length >> (8 * i));
	acpi_fuzz_once(run, copy, size, false);
	free(copy);
}

#endif
