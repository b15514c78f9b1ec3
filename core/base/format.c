/* SPDX-License-Identifier: GPL-2.0-only */
/* Sizes, PCI addresses and ranges for people: see format.h. */
#include "base/format.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

char *fmt_size(char out[FMT_SIZE_LEN], uint64_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB",
					     "PiB", "EiB" };
	uint64_t count = size;
	int unit = -1;
	while (count && count % 1024 == 0 && unit + 1 < 6) {
		count /= 1024;
		unit++;
	}
	if (unit >= 0)
		snprintf(out, FMT_SIZE_LEN, "%" PRIu64 " %s", count, units[unit]);
	else
		snprintf(out, FMT_SIZE_LEN, "%" PRIu64 " byte%s", size,
			 size == 1 ? "" : "s");
	return out;
}

char *fmt_range_size(char out[FMT_SIZE_LEN], uint64_t start, uint64_t end)
{
	uint64_t len = end - start + 1;
	if (!len) {   /* 0..UINT64_MAX: 2^64 bytes do not fit the type */
		snprintf(out, FMT_SIZE_LEN, "16 EiB");
		return out;
	}
	return fmt_size(out, len);
}

char *fmt_bdf(char out[FMT_BDF_LEN], uint16_t domain, uint16_t bdf,
	      enum fmt_bdf_style style)
{
	unsigned bus = bdf >> 8, dev = (bdf >> 3) & 0x1f, fn = bdf & 7;
	if (style == FMT_BDF_FULL || (style == FMT_BDF_AUTO && domain))
		snprintf(out, FMT_BDF_LEN, "%04x:%02x:%02x.%x", domain, bus,
			 dev, fn);
	else
		snprintf(out, FMT_BDF_LEN, "%02x:%02x.%x", bus, dev, fn);
	return out;
}

/* A hex number of 1 to max digits at *s; advances *s past it. */
static bool hex_field(const char **s, unsigned max, unsigned long *v)
{
	unsigned n = 0;
	*v = 0;
	for (;; n++) {
		char c = (*s)[n];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			break;
		if (n == max)
			return false;
		*v = *v * 16 + (unsigned long)d;
	}
	*s += n;
	return n > 0;
}

bool parse_bdf(const char *s, uint16_t *domain, uint16_t *bdf)
{
	/* up to three numbers before the '.': domain, bus, device */
	unsigned long part[3], fn;
	const unsigned max[3] = { 4, 2, 2 };
	size_t n = 0;
	if (!s)
		return false;
	for (;;) {
		if (n == 3 || !hex_field(&s, 4, &part[n]))
			return false;
		n++;
		if (*s == '.')
			break;
		if (*s != ':')
			return false;
		s++;
	}
	s++;
	if (!hex_field(&s, 1, &fn) || *s)
		return false;
	/* the last number is the device, the one before the bus, ... */
	for (size_t i = 0; i < n; i++)
		if (part[i] >> (4 * max[3 - n + i]))
			return false;
	unsigned long dom = n == 3 ? part[0] : 0;
	unsigned long bus = n >= 2 ? part[n - 2] : 0;
	unsigned long dev = part[n - 1];
	if (dev > 0x1f || fn > 7)
		return false;
	*domain = (uint16_t)dom;
	*bdf = fmt_bdf_pack((uint8_t)bus, (uint8_t)dev, (uint8_t)fn);
	return true;
}

char *fmt_range(char out[FMT_RANGE_LEN], uint64_t start, uint64_t size,
		int digits)
{
	snprintf(out, FMT_RANGE_LEN, "0x%0*" PRIx64 "-0x%0*" PRIx64, digits,
		 start, digits, size ? start + size - 1 : start);
	return out;
}
