/* SPDX-License-Identifier: GPL-2.0-only */
/* The value syntax of the project file and of the command line options
 * that take the same values: number lists, ranges, PCI selectors, names. */
#include "project/project.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>

/* A decimal or 0x-hex number that fills [s, s+n). */
static bool parse_num(const char *s, size_t n, uint64_t *out)
{
	if (n == 0 || n > 20)
		return false;
	char tmp[24];
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (n > 2 && tmp[0] == '0' && (tmp[1] == 'x' || tmp[1] == 'X'))
		return n > 2 && n <= 18 && parse_u64(tmp + 2, 16, out);
	for (size_t i = 0; i < n; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			return false;
	return parse_u64(tmp, 10, out);
}

static int range_cmp(const void *a, const void *b)
{
	const struct proj_range *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

void proj_ranges_add(struct proj_ranges *l, uint64_t first, uint64_t last)
{
	struct proj_range *r = ARRAY_PUSH(l->v, l->n, l->cap);
	r->first = first;
	r->last = last;
	/* keep the list sorted and merged: adjacent or overlapping ranges
	 * become one, so equal sets always print the same way */
	qsort(l->v, l->n, sizeof(*l->v), range_cmp);
	size_t w = 0;
	for (size_t i = 1; i < l->n; i++) {
		struct proj_range *cur = &l->v[w];
		if (l->v[i].first <= cur->last ||
		    (cur->last != UINT64_MAX && l->v[i].first == cur->last + 1)) {
			if (l->v[i].last > cur->last)
				cur->last = l->v[i].last;
		} else {
			l->v[++w] = l->v[i];
		}
	}
	l->n = w + 1;
}

bool proj_ranges_contains(const struct proj_ranges *l, uint64_t v)
{
	for (size_t i = 0; i < l->n; i++)
		if (v >= l->v[i].first && v <= l->v[i].last)
			return true;
	return false;
}

void proj_ranges_free(struct proj_ranges *l)
{
	free(l->v);
	*l = (struct proj_ranges){ 0 };
}

bool proj_parse_range(const char *s, uint64_t max, struct proj_range *out)
{
	size_t n = strlen(s);
	const char *dash = memchr(s, '-', n), *plus = memchr(s, '+', n);
	const char *sep = dash ? dash : plus;
	uint64_t a, b;
	if (!sep) {
		if (!parse_num(s, n, &a) || a > max)
			return false;
		*out = (struct proj_range){ a, a };
		return true;
	}
	if (dash && plus)
		return false;
	if (!parse_num(s, (size_t)(sep - s), &a) ||
	    !parse_num(sep + 1, n - (size_t)(sep - s) - 1, &b))
		return false;
	if (plus) {
		/* BASE+COUNT: COUNT items from BASE, none past max */
		if (b == 0 || b - 1 > max || a > max - (b - 1))
			return false;
		b = a + b - 1;
	}
	if (b < a || b > max)
		return false;
	*out = (struct proj_range){ a, b };
	return true;
}

bool proj_parse_list(const char *s, uint64_t max, struct proj_ranges *out)
{
	struct proj_ranges l = { 0 };
	const char *p = s;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char *item = xstrndup(p, n);
		struct proj_range r;
		bool ok = proj_parse_range(item, max, &r);
		free(item);
		if (!ok) {
			proj_ranges_free(&l);
			return false;
		}
		proj_ranges_add(&l, r.first, r.last);
		if (!comma)
			break;
		p = comma + 1;
	}
	for (size_t i = 0; i < l.n; i++)
		proj_ranges_add(out, l.v[i].first, l.v[i].last);
	proj_ranges_free(&l);
	return true;
}

/* Exactly `digits` or fewer hex digits filling [s, s+n), at most max. */
static bool parse_hex_field(const char *s, size_t n, size_t digits,
			    uint64_t max, uint64_t *out)
{
	return n >= 1 && n <= digits && span_parse_hex(s, n, out) && *out <= max;
}

static bool parse_slot(const char *s, struct proj_pci_sel *sel)
{
	/* [[DOMAIN:]BUS:]DEV.FN, as lspci -s takes it (without wildcards) */
	const char *dot = strrchr(s, '.');
	if (!dot)
		return false;
	const char *c2 = NULL, *c1 = NULL;
	for (const char *p = s; p < dot; p++)
		if (*p == ':') {
			c1 = c2;
			c2 = p;
		}
	uint64_t dom = 0, bus = 0, dev, fn;
	const char *dev_start = c2 ? c2 + 1 : s;
	if (c1 && !parse_hex_field(s, (size_t)(c1 - s), 4, 0xffff, &dom))
		return false;
	if (c2 && !parse_hex_field(c1 ? c1 + 1 : s, (size_t)(c2 - (c1 ? c1 + 1 : s)),
				   2, 0xff, &bus))
		return false;
	if (!parse_hex_field(dev_start, (size_t)(dot - dev_start), 2, 0x1f, &dev) ||
	    !parse_hex_field(dot + 1, strlen(dot + 1), 1, 7, &fn))
		return false;
	for (const char *p = s; p < dot; p++)
		if (*p == ':' && p != c1 && p != c2)
			return false;
	sel->has_slot = true;
	sel->domain = (uint16_t)dom;
	sel->bus = (uint8_t)bus;
	sel->dev = (uint8_t)dev;
	sel->fn = (uint8_t)fn;
	return true;
}

static bool parse_ids(const char *s, struct proj_pci_sel *sel)
{
	const char *colon = strchr(s, ':');
	uint64_t v, d;
	if (!colon || strchr(colon + 1, ':') ||
	    !parse_hex_field(s, (size_t)(colon - s), 4, 0xffff, &v) ||
	    !parse_hex_field(colon + 1, strlen(colon + 1), 4, 0xffff, &d))
		return false;
	sel->has_ids = true;
	sel->vendor = (uint16_t)v;
	sel->device = (uint16_t)d;
	return true;
}

bool proj_parse_pci_field(const char *s, struct proj_pci_sel *sel)
{
	if (!strncmp(s, "slot=", 5))
		return !sel->has_slot && parse_slot(s + 5, sel);
	if (!strncmp(s, "id=", 3))
		return !sel->has_ids && parse_ids(s + 3, sel);
	return false;
}

bool proj_valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > PROJECT_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

void proj_format_list(struct buf *b, const struct proj_ranges *l, bool hex)
{
	for (size_t i = 0; i < l->n; i++) {
		unsigned long long first = l->v[i].first, last = l->v[i].last;
		if (i)
			buf_printf(b, ",");
		if (hex)
			buf_printf(b, "0x%llx", first);
		else
			buf_printf(b, "%llu", first);
		if (last != first) {
			if (hex)
				buf_printf(b, "-0x%llx", last);
			else
				buf_printf(b, "-%llu", last);
		}
	}
}

void proj_format_pci_sel(struct buf *b, const struct proj_pci_sel *sel)
{
	if (sel->has_slot) {
		if (sel->domain)
			buf_printf(b, "slot=%04x:%02x:%02x.%x", sel->domain,
				   sel->bus, sel->dev, sel->fn);
		else
			buf_printf(b, "slot=%02x:%02x.%x", sel->bus, sel->dev,
				   sel->fn);
	}
	if (sel->has_ids)
		buf_printf(b, "%sid=%04x:%04x", sel->has_slot ? " " : "",
			   sel->vendor, sel->device);
}
