/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_fadt (see fuzz_acpi.h for how inputs are run). */
#include "fuzz_acpi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_fadt(const unsigned char *data, size_t len,
		     struct jh_findings *diag, struct jh_error *err)
{
	struct fadt t;
	if (parse_fadt("fuzz", data, len, &t, diag, err) != 0)
		acpi_fuzz_check_failed(&t, sizeof(t), err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	acpi_fuzz(run_fadt, "FACP", data, size);
	return 0;
}
