/* SPDX-License-Identifier: GPL-2.0-only */
/* The rule table and the findings list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "findings/findings.h"

/* Every rule has a unique stable id of capitals, digits and dashes, a
 * title, a why and a fix: a row missing from the designated-initializer
 * table would show up here as a NULL id. */
static void test_rule_table_complete(void **state)
{
	(void)state;
	for (int i = 0; i < JH_R_COUNT; i++) {
		const struct jh_rule *r = jh_rule_get((enum jh_rule_id)i);
		assert_non_null(r);
		if (!r->id)
			fail_msg("rule %d has no row", i);
		for (const char *c = r->id; *c; c++)
			if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-'))
				fail_msg("rule id %s: bad character", r->id);
		assert_non_null(r->title);
		assert_non_null(r->why);
		assert_non_null(r->fix);
		assert_true(strlen(r->why) > 40);
		assert_ptr_equal(jh_rule_find(r->id), r);
		for (int k = 0; k < i; k++)
			if (!strcmp(jh_rule_get((enum jh_rule_id)k)->id, r->id))
				fail_msg("rule id %s twice", r->id);
	}
	assert_null(jh_rule_get(JH_R_COUNT));
	assert_null(jh_rule_find("NO-SUCH-RULE"));
	assert_int_equal(jh_rule_find("ROOT-NO-MCFG")->severity, JH_SEV_ERROR);
	assert_int_equal(jh_rule_find("ACPI-CHECKSUM")->severity, JH_SEV_WARNING);
}

static void test_findings_list(void **state)
{
	(void)state;
	struct jh_findings f = { 0 };
	jh_finding_add(&f, JH_R_ACPI_CHECKSUM, &(struct jh_subject){ .file = "/x/MCFG" },
		       "%s: bad %d", "/x/MCFG", 7);
	jh_finding_add(&f, JH_R_IOMMU_DEVICE_OUTSIDE,
		       &(struct jh_subject){ .has_bdf = true, .bdf = 0xf8 }, "outside");
	jh_finding_add(&f, JH_R_ROOT_NO_MCFG, NULL, "no mcfg");
	jh_finding_add(NULL, JH_R_ROOT_NO_MCFG, NULL, "ignored");
	assert_int_equal(f.n, 3);
	assert_string_equal(f.v[0].msg, "/x/MCFG: bad 7");
	assert_string_equal(f.v[0].file, "/x/MCFG");
	assert_true(f.v[1].has_bdf);
	assert_int_equal(f.v[1].bdf, 0xf8);
	assert_null(f.v[2].file);
	assert_int_equal(jh_findings_count(&f, JH_SEV_ERROR), 2);
	assert_int_equal(jh_findings_count(&f, JH_SEV_WARNING), 1);
	assert_string_equal(jh_findings_first(&f, JH_SEV_ERROR)->msg, "outside");
	struct jh_findings g = { 0 };
	jh_findings_append(&g, &f);
	jh_findings_truncate(&f, 1);
	assert_int_equal(f.n, 1);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.v[2].msg, "no mcfg");
	jh_findings_free(&f);
	jh_findings_free(&g);
	assert_int_equal(f.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table_complete),
		cmocka_unit_test(test_findings_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
