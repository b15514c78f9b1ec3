/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_madt (see fuzz_acpi.h for how inputs are run). */
#include "fuzz_acpi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_madt(const unsigned char *data, size_t len,
		     struct jh_findings *diag, struct jh_error *err)
{
	struct madt t;
	if (parse_madt("fuzz", data, len, &t, diag, err) != 0)
		acpi_fuzz_check_failed(&t, sizeof(t), err);
	else
		madt_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	acpi_fuzz(run_madt, "APIC", data, size);
	return 0;
}
