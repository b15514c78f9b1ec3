/* SPDX-License-Identifier: GPL-2.0-only */
/* lspci-style device filters (pci_filter.h). */
#include "machine/pci_filter.h"

#include <string.h>

void pci_filter_init(struct pci_filter *f)
{
	*f = (struct pci_filter){ -1, -1, -1, -1, -1, -1, -1, -1 };
}

/* One field of [start, end): empty or "*" leaves *out at -1 (any);
 * else 1 to 8 hex digits not above max. */
static bool field(const char *start, const char *end, long max, int *out,
		  const char **why, const char *what)
{
	size_t len = (size_t)(end - start);
	if (len == 0 || (len == 1 && *start == '*'))
		return true;
	long v = 0;
	if (len > 8) {
		*why = what;
		return false;
	}
	for (const char *p = start; p < end; p++) {
		int d = (*p >= '0' && *p <= '9') ? *p - '0' :
			(*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 :
			(*p >= 'A' && *p <= 'F') ? *p - 'A' + 10 : -1;
		if (d < 0) {
			*why = what;
			return false;
		}
		v = v * 16 + d;
	}
	if (v > max) {
		*why = what;
		return false;
	}
	*out = (int)v;
	return true;
}

bool pci_filter_parse_slot(struct pci_filter *f, const char *s, const char **why)
{
	/* the part after the last ':' is "DEV.FN"; before it "BUS" or
	 * "DOMAIN:BUS" */
	const char *colon = strrchr(s, ':');
	const char *devfn = colon ? colon + 1 : s;
	if (colon) {
		const char *first = strchr(s, ':');
		if (first != colon) {
			if (strchr(first + 1, ':') != colon) {
				*why = "too many ':' (want [[DOMAIN:]BUS:][DEV][.FN])";
				return false;
			}
			if (!field(s, first, 0xffff, &f->domain, why, "the domain is not 0-ffff") ||
			    !field(first + 1, colon, 0xff, &f->bus, why, "the bus is not 0-ff"))
				return false;
		} else if (!field(s, colon, 0xff, &f->bus, why, "the bus is not 0-ff")) {
			return false;
		}
	}
	const char *dot = strchr(devfn, '.');
	const char *dev_end = dot ? dot : devfn + strlen(devfn);
	if (!field(devfn, dev_end, 0x1f, &f->dev, why, "the device is not 0-1f"))
		return false;
	if (dot && !field(dot + 1, dot + 1 + strlen(dot + 1), 7, &f->fn, why,
			  "the function is not 0-7"))
		return false;
	return true;
}

bool pci_filter_parse_id(struct pci_filter *f, const char *s, const char **why)
{
	const char *c1 = strchr(s, ':');
	if (!c1) {
		*why = "no ':' (want [VENDOR]:[DEVICE][:CLASS[:PROGIF]])";
		return false;
	}
	const char *c2 = strchr(c1 + 1, ':');
	const char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
	if (c3 && strchr(c3 + 1, ':')) {
		*why = "too many ':' (want [VENDOR]:[DEVICE][:CLASS[:PROGIF]])";
		return false;
	}
	const char *dev_end = c2 ? c2 : c1 + 1 + strlen(c1 + 1);
	if (!field(s, c1, 0xffff, &f->vendor, why, "the vendor is not 0-ffff") ||
	    !field(c1 + 1, dev_end, 0xffff, &f->device, why, "the device is not 0-ffff"))
		return false;
	if (c2) {
		const char *cls_end = c3 ? c3 : c2 + 1 + strlen(c2 + 1);
		if (!field(c2 + 1, cls_end, 0xffff, &f->class_id, why, "the class is not 0-ffff"))
			return false;
	}
	if (c3 && !field(c3 + 1, c3 + 1 + strlen(c3 + 1), 0xff, &f->progif, why,
			 "the prog-if is not 0-ff"))
		return false;
	return true;
}

static bool is(int want, unsigned have)
{
	return want < 0 || (unsigned)want == have;
}

bool pci_filter_match(const struct pci_filter *f, const struct pci_dev *d)
{
	return is(f->domain, d->domain) && is(f->bus, d->bus) && is(f->dev, d->dev) &&
	       is(f->fn, d->fn) && is(f->vendor, d->vendor_id) && is(f->device, d->device_id) &&
	       is(f->class_id, d->class_code >> 8) && is(f->progif, d->class_code & 0xff);
}
