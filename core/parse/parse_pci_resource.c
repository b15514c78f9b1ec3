/* SPDX-License-Identifier: GPL-2.0-only */
/* The sysfs `resource` file of a PCI device: one "start end flags" line
 * per resource (the six BARs, the ROM, then bridge windows), in hex.
 *
 * BAR masks are derived the way Jailhouse's config generator does it, so
 * that the planner can reproduce its bytes: the size comes from the
 * kernel's view of the resource (end - start), not from probing. */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <stdlib.h>
#include <string.h>


/* At most this many lines are kept: the BARs and the ROM. */
#define RES_KEPT (PCI_NUM_BARS + 1)

/* One hex field: optional 0x, then 1 to 16 hex digits. */
static bool parse_hex_field(const char *s, size_t n, uint64_t *out)
{
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
	}
	return n <= 16 && span_parse_hex(s, n, out);
}

/* Splits one line (without its newline) into exactly three hex fields. */
static bool parse_res_line(const char *line, size_t n, struct pci_resource *r)
{
	uint64_t v[3];
	size_t pos = 0, field = 0, len;
	const char *word;
	while (span_next_word(line, n, &pos, &word, &len)) {
		if (field == 3 || !parse_hex_field(word, len, &v[field]))
			return false;
		field++;
	}
	if (field != 3)
		return false;
	*r = (struct pci_resource){ .start = v[0], .end = v[1], .flags = v[2] };
	return true;
}

/* The size of a resource minus one, as the kernel's inclusive range
 * gives it; an unassigned "0 0" resource yields 0. Unsigned wrap-around
 * matches the two's complement Jailhouse's arithmetic ends up with. */
static uint64_t res_span(const struct pci_resource *r)
{
	return r->end - r->start;
}

/* Masks for the first six lines; a 64-bit memory BAR takes the next line
 * as its upper half (the kernel prints it as an empty resource) and
 * yields two masks. Returns the number of lines consumed. */
static int derive_masks(const char *file, const struct pci_resource *lines,
			size_t nlines, uint32_t mask[PCI_NUM_BARS],
			struct jh_error *err)
{
	size_t line = 0, nmask = 0;
	while (line < PCI_NUM_BARS) {
		const struct pci_resource *r = &lines[line++];
		uint64_t m;
		if (r->flags & IORESOURCE_IO) {
			m = ~res_span(r);
		} else if ((r->flags & IORESOURCE_MEM) &&
			   (r->flags & IORESOURCE_MEM_64)) {
			if (line >= nlines)
				return jh_fail(err, JH_BADINPUT,
					       "%s: 64-bit BAR on line %zu has no line for its upper half",
					       file, line);
			const struct pci_resource *hi = &lines[line++];
			m = ~(res_span(r) | res_span(hi) << 32);
			if (nmask < PCI_NUM_BARS)
				mask[nmask++] = (uint32_t)m;
			m >>= 32;
		} else if (r->flags & IORESOURCE_MEM) {
			m = ~res_span(r);
		} else {
			m = 0;
		}
		if (nmask < PCI_NUM_BARS)
			mask[nmask++] = (uint32_t)m;
	}
	return 0;
}

int parse_pci_resource(const char *file, const char *text, size_t len,
		       struct pci_dev *d, struct jh_error *err)
{
	struct pci_resource lines[RES_KEPT];
	size_t nlines = 0, lineno = 0;
	memset(d->res, 0, sizeof(d->res));
	memset(d->bar_mask, 0, sizeof(d->bar_mask));
	d->nres = 0;
	const char *p = text, *end = text + len, *line;
	size_t n;
	while (nlines < RES_KEPT && span_next_line(&p, end, &line, &n)) {
		lineno++;
		if (!parse_res_line(line, n, &lines[nlines]))
			return jh_fail(err, JH_BADINPUT,
				       "%s: line %zu: expected three hex numbers (start end flags)",
				       file, lineno);
		nlines++;
	}
	if (nlines < PCI_NUM_BARS)
		return jh_fail(err, JH_BADINPUT,
			       "%s: %zu resource lines, at least %d expected",
			       file, nlines, PCI_NUM_BARS);
	uint32_t mask[PCI_NUM_BARS] = { 0 };
	if (derive_masks(file, lines, nlines, mask, err) < 0)
		return -1;
	memcpy(d->res, lines, nlines * sizeof(lines[0]));
	d->nres = nlines;
	memcpy(d->bar_mask, mask, sizeof(mask));
	return 0;
}
