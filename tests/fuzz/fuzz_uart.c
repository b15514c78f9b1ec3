/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for parse_uart: the input is cut at NUL bytes into the six
 * attribute texts of one /sys/class/tty/<name>/ folder (type, io_type, port,
 * iomem_base, iomem_reg_shift, irq); a piece that starts with 0xff stands
 * for a missing file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *pieces[6] = { 0 };
	const uint8_t *p = data, *end = data + size;
	for (int i = 0; i < 6 && p <= end; i++) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		size_t n = (size_t)((z ? z : end) - p);
		pieces[i] = n && p[0] == 0xff ? NULL : xstrndup((const char *)p, n);
		p += n + 1;
	}
	struct uart_attrs a = { pieces[0], pieces[1], pieces[2], pieces[3],
				pieces[4], pieces[5] };
	struct uart u;
	struct jh_error err = { 0 };
	if (parse_uart("/sys/class/tty/ttyS0", "ttyS0", &a, &u, &err)) {
		/* a failure names the folder and leaves nothing behind */
		check(err.msg && !strncmp(err.msg, "/sys/class/tty/ttyS0/", 21));
		check(!u.name && u.port == 0 && u.type == 0);
		jh_error_clear(&err);
	} else {
		check(!err.msg && u.name && !strcmp(u.name, "ttyS0"));
		/* the documented defaults of missing files */
		check(a.type || u.type == -1);
		check(a.io_type || u.io_type == -1);
		check(a.port || u.port == 0);
		check(a.iomem_base || u.iomem_base == 0);
		check(a.iomem_reg_shift || u.iomem_reg_shift == 0);
		check(a.irq || u.irq == -1);
		free(u.name);
	}
	for (int i = 0; i < 6; i++)
		free(pieces[i]);
	return 0;
}
