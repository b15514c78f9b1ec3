/* SPDX-License-Identifier: GPL-2.0-only */
/* A serial port from the attribute files of /sys/class/tty/<name>/.
 * The kernel prints type, io_type, irq and iomem_reg_shift with "%d" and
 * port and iomem_base with "0x%lX"; every text ends with a newline. */
#include "parse/parsers.h"
#include "base/textspan.h"

#include <limits.h>

/* An optionally signed decimal int with surrounding whitespace. */
static bool parse_dec_int(const char *s, int *out)
{
	s = text_skip_space(s);
	bool negative = *s == '-';
	if (negative)
		s++;
	if (*s < '0' || *s > '9')
		return false;
	long long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > (long long)INT_MAX + 1)
			return false;
	}
	if (*text_skip_space(s))
		return false;
	if (negative)
		v = -v;
	if (v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

/* Hexadecimal, with or without the 0x the kernel prints. */
static bool parse_hex_u64(const char *s, uint64_t *out)
{
	s = text_skip_space(s);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	size_t n = 0;
	while (hex_digit_value(s[n]) < 16)
		n++;
	if (*text_skip_space(s + n))
		return false;
	return span_parse_hex(s, n, out);
}

static int bad_attr(const char *dir, const char *attr, const char *text,
		    const char *what, struct jh_error *err)
{
	int n = 0;
	while (n < 40 && text[n] && text[n] != '\n')
		n++;
	return jh_fail(err, JH_BADINPUT, "%s/%s: '%.*s' is not %s", dir, attr,
		       n, text, what);
}

static int dec_attr(const char *dir, const char *attr, const char *text,
		    int missing, int *out, struct jh_error *err)
{
	*out = missing;
	if (text && !parse_dec_int(text, out))
		return bad_attr(dir, attr, text, "a decimal number", err);
	return 0;
}

static int hex_attr(const char *dir, const char *attr, const char *text,
		    uint64_t *out, struct jh_error *err)
{
	*out = 0;
	if (text && !parse_hex_u64(text, out))
		return bad_attr(dir, attr, text, "a hexadecimal number", err);
	return 0;
}

/* Missing attributes read as: type -1 (unknown: Jailhouse's collector
 * does not copy it), io_type -1 (unknown),
 * port 0 and iomem_base 0 (with no_port / no_iomem_base set), iomem_reg_shift 0, irq -1 (unknown). */
int parse_uart(const char *dir, const char *name, const struct uart_attrs *a,
	       struct uart *out, struct jh_error *err)
{
	*out = (struct uart){ 0 };
	if (dec_attr(dir, "type", a->type, -1, &out->type, err) ||
	    dec_attr(dir, "io_type", a->io_type, -1, &out->io_type, err) ||
	    hex_attr(dir, "port", a->port, &out->port, err) ||
	    hex_attr(dir, "iomem_base", a->iomem_base, &out->iomem_base, err) ||
	    dec_attr(dir, "iomem_reg_shift", a->iomem_reg_shift, 0,
		     &out->iomem_reg_shift, err) ||
	    dec_attr(dir, "irq", a->irq, -1, &out->irq, err)) {
		*out = (struct uart){ 0 };
		return -1;
	}
	/* A missing address file is not address 0: say it is unknown, so that
	 * neither `list` nor the planner takes 0 for a port. */
	out->no_port = !a->port;
	out->no_iomem_base = !a->iomem_base;
	out->name = xstrdup(name);
	return 0;
}
