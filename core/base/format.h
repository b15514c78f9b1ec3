/* SPDX-License-Identifier: GPL-2.0-only */
/* How jhconf writes numbers for people, once: sizes, PCI addresses
 * (domain:bus:device.function), address ranges. Every front end (show,
 * list, the planner's comments and messages, the .c writer's comments)
 * formats through these, so one value always reads the same. Results go
 * into caller-provided buffers of the sizes below and the buffer is
 * returned, so a call can stand inside a printf argument list. */
#ifndef JH_FORMAT_H
#define JH_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

/* ---- sizes ------------------------------------------------------------ */

/* Longest result: "18446744073709551615 bytes". */
#define FMT_SIZE_LEN 32
/* Exact, always: the count in the largest binary unit (KiB up to EiB)
 * that divides the size, else in bytes: "6 MiB", "14204 KiB",
 * "1 byte", "4095 bytes", "0 bytes". Jailhouse regions are page
 * multiples and must be read exactly, so nothing is rounded. */
char *fmt_size(char out[FMT_SIZE_LEN], uint64_t size);
/* The size of the inclusive range start..end: end - start + 1, where the
 * whole 64-bit space (which wraps to 0) is "16 EiB". */
char *fmt_range_size(char out[FMT_SIZE_LEN], uint64_t start, uint64_t end);

/* ---- PCI addresses ------------------------------------------------------ */

/* Longest result: "ffff:ff:1f.7". */
#define FMT_BDF_LEN 16
enum fmt_bdf_style {
	FMT_BDF_SHORT,   /* "bb:dd.f", the domain left out */
	FMT_BDF_AUTO,    /* "dddd:bb:dd.f" when the domain is not 0, like lspci */
	FMT_BDF_FULL,    /* "dddd:bb:dd.f" always, like sysfs */
};
/* `bdf` is the 16-bit requester id as Jailhouse and the ACPI tables store
 * it: bus in bits 15-8, device in 7-3, function in 2-0. */
char *fmt_bdf(char out[FMT_BDF_LEN], uint16_t domain, uint16_t bdf,
	      enum fmt_bdf_style style);
static inline uint16_t fmt_bdf_pack(uint8_t bus, uint8_t dev, uint8_t fn)
{
	return (uint16_t)(bus << 8 | (dev & 0x1f) << 3 | (fn & 7));
}
/* Parse "[[domain:]bus:]device.function" (hex, 1-4 / 1-2 / 1-2 / 1
 * digits, as lspci -s takes them); missing parts are 0. False on
 * anything else, a device above 0x1f or a function above 7. */
bool parse_bdf(const char *s, uint16_t *domain, uint16_t *bdf);

/* ---- address ranges ----------------------------------------------------- */

/* Longest result: two 64-bit hex addresses with "0x", "-" and NUL. */
#define FMT_RANGE_LEN 40
/* "0x%0*x-0x%0*x" from start to the last byte of `size` bytes (start
 * itself for size 0), each address at least `digits` hex digits. */
char *fmt_range(char out[FMT_RANGE_LEN], uint64_t start, uint64_t size,
		int digits);

#endif
