/* Fuzz harness for parse_fadt (see fuzz_acpi.h for how inputs are run). */
#include "fuzz_acpi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_fadt(const unsigned char *data, size_t len,
		     struct jh_diag *diag, struct jh_error *err)
{
	struct fadt t;
	if (parse_fadt("fuzz", data, len, &t, diag, err) != 0) {
		/* On error the model must come back empty. */
		struct fadt empty;
		memset(&empty, 0, sizeof(empty));
		if (memcmp(&t, &empty, sizeof(t)) != 0 || !err->msg)
			abort();
		return;
	}
	(void)t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	acpi_fuzz(run_fadt, "FACP", data, size);
	return 0;
}
