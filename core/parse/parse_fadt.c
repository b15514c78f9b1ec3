/* SPDX-License-Identifier: GPL-2.0-only */
/* FADT ("FACP"): fixed hardware facts. We need the ACPI PM timer (its
 * port, width and whether it is 32 bits), the SCI, the boot architecture
 * flags and whether the platform is hardware-reduced (no PM timer at all).
 * The table grew with each ACPI revision and old short tables are valid:
 * a field that lies beyond the table's length reads as 0. */
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

/* Field offsets from the ACPI specification's FADT layout. */
enum fadt_offset {
	FADT_SCI_INT = 46,
	FADT_PM_TMR_BLK = 76,
	FADT_PM_TMR_LEN = 91,
	FADT_IAPC_BOOT_ARCH = 109,
	FADT_FLAGS = 112,
	FADT_X_PM_TMR_BLK = 208,        /* a 12-byte generic address */
};

#define FADT_FLAG_HW_REDUCED (1u << 20)
#define GAS_SYSTEM_IO 1              /* generic address space id: ports */

/* Readers that return 0 for a field that does not fit in the table. */
static uint8_t field8(const unsigned char *t, uint32_t length, uint32_t off)
{
	return off + 1 <= length ? t[off] : 0;
}

static uint16_t field16(const unsigned char *t, uint32_t length, uint32_t off)
{
	return off + 2 <= length ? le16(t + off) : 0;
}

static uint32_t field32(const unsigned char *t, uint32_t length, uint32_t off)
{
	return off + 4 <= length ? le32(t + off) : 0;
}

/* X_PM_TMR_BLK's address when the table holds the whole generic address
 * and it names I/O ports; Jailhouse only drives a port-based PM timer. */
static uint64_t x_pm_timer_port(const unsigned char *t, uint32_t length)
{
	const uint32_t gas = FADT_X_PM_TMR_BLK;
	if (gas + 12 > length || t[gas] != GAS_SYSTEM_IO)
		return 0;
	return le64(t + gas + 4);
}

int parse_fadt(const char *file, const unsigned char *data, size_t len,
	       struct fadt *out, struct jh_findings *diag, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (acpi_check_header(file, data, len, "FACP", diag, err) != 0)
		return -1;
	uint32_t length = le32(data + 4);
	out->revision = data[8];
	out->sci_int = field16(data, length, FADT_SCI_INT);
	out->pm_tmr_blk = field32(data, length, FADT_PM_TMR_BLK);
	out->pm_tmr_len = field8(data, length, FADT_PM_TMR_LEN);
	out->iapc_boot_arch = field16(data, length, FADT_IAPC_BOOT_ARCH);
	out->flags = field32(data, length, FADT_FLAGS);
	out->hw_reduced = (out->flags & FADT_FLAG_HW_REDUCED) != 0;
	out->x_pm_tmr_blk = x_pm_timer_port(data, length);
	return 0;
}
