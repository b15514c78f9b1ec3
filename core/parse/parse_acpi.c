/* SPDX-License-Identifier: GPL-2.0-only */
/* The part every ACPI table shares: the 36-byte system description header.
 * Checks that the file holds the header, that the signature is the one the
 * caller expects, that the header's length fits the file, and that the
 * bytes sum to zero. Firmware does ship tables with a wrong checksum and
 * Linux uses them, so that is only a warning unless the user asked for
 * strictness. */
#include <stdio.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

#define ACPI_HEADER_LEN 36u

/* The signature as text for a message: non-printable bytes become '?' so
 * that a garbage file cannot put control characters on the terminal. */
static void printable_signature(const unsigned char *sig, char out[5])
{
	for (int i = 0; i < 4; i++)
		out[i] = (sig[i] >= 0x20 && sig[i] < 0x7f) ? (char)sig[i] : '?';
	out[4] = '\0';
}

static uint8_t byte_sum(const unsigned char *data, size_t len)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + data[i]);
	return sum;
}

static int check_checksum(const char *file, const unsigned char *data,
			  uint32_t length, struct jh_findings *diag,
			  struct jh_error *err)
{
	uint8_t sum = byte_sum(data, length);
	if (sum == 0)
		return 0;
	/* The checksum byte that would have made the sum zero. */
	uint8_t stored = data[9], expected = (uint8_t)(stored - sum);
	if (diag && diag->strict)
		return jh_fail(err, JH_BADINPUT,
			       "%s: ACPI checksum is wrong (byte is 0x%02x, "
			       "0x%02x would sum to zero)",
			       file, stored, expected);
	jh_finding_add(diag, JH_R_ACPI_CHECKSUM, &(struct jh_subject){ .file = file },
		       "%s: ACPI checksum is wrong (byte is 0x%02x, 0x%02x "
		       "would sum to zero); using the table anyway",
		       file, stored, expected);
	return 0;
}

int acpi_check_header(const char *file, const unsigned char *data, size_t len,
		      const char *signature, struct jh_findings *diag,
		      struct jh_error *err)
{
	if (!data || len < ACPI_HEADER_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu bytes, shorter than the %u-byte ACPI "
			       "table header", file, data ? len : 0,
			       ACPI_HEADER_LEN);
	if (memcmp(data, signature, 4) != 0) {
		char seen[5];
		printable_signature(data, seen);
		return jh_fail(err, JH_BADINPUT,
			       "%s: signature is '%s', expected '%.4s'",
			       file, seen, signature);
	}
	uint32_t length = le32(data + 4);
	if (length < ACPI_HEADER_LEN)
		return jh_fail(err, JH_BADINPUT,
			       "%s: header length %u is shorter than the "
			       "header itself", file, length);
	if (length > len)
		return jh_fail(err, JH_BADINPUT,
			       "%s: header length %u is past the end of the "
			       "file (%zu bytes)", file, length, len);
	return check_checksum(file, data, length, diag, err);
}

int acpi_check_min_length(const char *file, const unsigned char *data,
			  const char *name, uint32_t min_len, const char *what,
			  uint32_t *length, struct jh_error *err)
{
	*length = le32(data + 4);
	if (*length < min_len)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %s length %u is too short for %s", file,
			       name, *length, what);
	return 0;
}
