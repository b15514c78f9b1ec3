/* SPDX-License-Identifier: GPL-2.0-only */
/* Fuzz harness for the theme parser (tui/theme.c): any bytes either parse
 * into a theme whose every colour and attribute is one the screens know,
 * or fail with one "FILE:LINE: ..." message and leave the default. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the parser itself, in this translation unit: `make fuzz` compiles each
 * harness with the core's sources only */
#include "../../tui/theme.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t, def;
	struct jh_error err = { 0 };
	theme_default(&def);
	if (theme_parse("fuzz.theme", (const char *)data, size, &t, &err) < 0) {
		check(err.msg && !strncmp(err.msg, "fuzz.theme:", 11) && !strchr(err.msg, '\n'));
		check(!memcmp(t.role, def.role, sizeof(def.role)) && !t.mono);
		jh_error_clear(&err);
		return 0;
	}
	check(!err.msg);
	for (int r = 0; r < ROLE_COUNT; r++) {
		check(t.role[r].fg >= TC_DEFAULT && t.role[r].fg <= TC_WHITE);
		check(t.role[r].bg >= TC_DEFAULT && t.role[r].bg <= TC_WHITE);
		check(t.role[r].attrs < 0x40);
	}
	return 0;
}
