/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests for the terminal-safe text of core/base/util.c: every message
 * (jh_fail, jh_finding_add) and every name printed with jh_printable.
 *
 * The truth: a terminal acts on C0 controls (below 0x20: \n splits a
 * line, ESC starts a sequence, BEL ends an OSC title), DEL, and the C1
 * controls U+0080..U+009F (ECMA-48: 8-bit CSI is 0x9b); a UTF-8 decoder
 * (RFC 3629) rejects stray continuation bytes, overlong forms and
 * surrogates. All of those must come out as visible \xNN text; plain
 * ASCII and well-formed UTF-8 must come out unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/util.h"
#include "findings/findings.h"

#include <stdlib.h>
#include <string.h>

static void printable_is(const char *in, const char *want)
{
	char *got = jh_printable(in);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(jh_is_printable(in), !strcmp(in, want));
}

static void test_printable(void **state)
{
	(void)state;
	printable_is("", "");
	printable_is("plain /sys/bus/pci: 0x3f8", "plain /sys/bus/pci: 0x3f8");
	printable_is("a\nb\tc\rd", "a\\nb\\tc\\rd");
	/* the title-setting sequence OSC 0 ; text BEL */
	printable_is("\033]0;pwned\007", "\\x1b]0;pwned\\x07");
	printable_is("del\177", "del\\x7f");
	/* UTF-8 kept: e-acute (2 bytes), euro sign (3), U+1F600 (4) */
	printable_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		     "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* C1 CSI, raw and as UTF-8 U+009B */
	printable_is("\x9b" "2J", "\\x9b2J");
	printable_is("\xc2\x9b" "2J", "\\xc2\\x9b2J");
	/* Latin-1, overlong '/', a surrogate, a cut sequence at the end */
	printable_is("caf\xe9", "caf\\xe9");
	printable_is("\xc0\xaf", "\\xc0\\xaf");
	printable_is("\xed\xa0\x80", "\\xed\\xa0\\x80");
	printable_is("x\xe2\x82", "x\\xe2\\x82");
}

static void test_messages_are_escaped(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	jh_fail(&err, JH_BADINPUT, "%s: line %d: '%s'", "/proc/io\nmem", 3,
		"\033]0;pwned\007");
	assert_string_equal(err.msg,
			    "/proc/io\\nmem: line 3: '\\x1b]0;pwned\\x07'");
	jh_error_clear(&err);

	struct jh_findings f = { 0 };
	jh_finding_add(&f, JH_R_ACPI_CHECKSUM, NULL, "DMI vendor '%s'", "Evil\033[2J\nCorp");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].msg, "DMI vendor 'Evil\\x1b[2J\\nCorp'");
	jh_findings_free(&f);
}

static void test_strlist_join(void **state)
{
	(void)state;
	struct strlist l = { 0 };
	char *s = strlist_join(&l, ", ");
	assert_string_equal(s, "");
	free(s);
	strlist_add(&l, "a");
	strlist_add(&l, "bc");
	strlist_add(&l, "d");
	s = strlist_join(&l, ", ");
	assert_string_equal(s, "a, bc, d");
	free(s);
	strlist_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printable),
		cmocka_unit_test(test_messages_are_escaped),
		cmocka_unit_test(test_strlist_join),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
