/* SPDX-License-Identifier: GPL-2.0-only */
/* base/json: the writer's punctuation and escaping. Expected texts are
 * written by hand from RFC 8259 (sections 2, 4, 5, 7): "," between
 * members and elements, ":" after a name, quotation mark, reverse solidus
 * and control characters escaped; and RFC 3629 for what is valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/json.h"

static char *text(struct buf *b)
{
	buf_append(b, "", 1);
	return (char *)b->data;
}

static void test_nesting_compact(void **state)
{
	struct buf b = { 0 };
	struct json j;

	(void)state;
	json_init(&j, &b, false);
	json_object_begin(&j);
	json_kv_uint(&j, "n", 3);
	json_key(&j, "list");
	json_array_begin(&j);
	json_uint(&j, 1);
	json_bool(&j, true);
	json_null(&j);
	json_object_begin(&j);
	json_object_end(&j);
	json_array_begin(&j);
	json_array_end(&j);
	json_array_end(&j);
	json_kv_hex(&j, "addr", 0xfed90000ull);
	json_kv_hex_digits(&j, "port", 0x608, 4);
	json_kv_string(&j, "none", NULL);
	json_object_end(&j);
	json_finish(&j);
	assert_string_equal(text(&b),
		"{\"n\":3,\"list\":[1,true,null,{},[]],\"addr\":\"0xfed90000\",\"port\":\"0x0608\",\"none\":null}\n");
	buf_free(&b);
}

static void test_pretty(void **state)
{
	struct buf b = { 0 };
	struct json j;

	(void)state;
	json_init(&j, &b, true);
	json_object_begin(&j);
	json_kv_string(&j, "a", "x");
	json_key(&j, "b");
	json_array_begin(&j);
	json_int(&j, -2);
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
	assert_string_equal(text(&b), "{\n  \"a\": \"x\",\n  \"b\": [\n    -2\n  ]\n}\n");
	buf_free(&b);
}

static void test_escaping(void **state)
{
	struct buf b = { 0 };
	struct json j;

	(void)state;
	json_init(&j, &b, false);
	/* quote, backslash, newline, tab, 0x01 and DEL as escapes; "é" (C3 A9)
	 * is valid UTF-8 and kept; a lone 0xff and the overlong C0 AF are not
	 * UTF-8 and become U+FFFD each byte; a UTF-16 surrogate encoded as
	 * ED A0 80 is refused by RFC 3629 too. */
	json_string(&j, "q\"b\\n\nt\t\x01\x7f" "\xc3\xa9" "\xff" "\xc0\xaf" "\xed\xa0\x80");
	assert_string_equal(text(&b),
		"\"q\\\"b\\\\n\\nt\\t\\u0001\\u007f\xc3\xa9\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
