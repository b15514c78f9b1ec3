/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_cpuinfo and count_sysfs_cpus: the snapshots' /proc/cpuinfo
 * (the snapshot README gives vendor, vCPU count and the svm flag of each
 * QEMU guest) and synthetic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "machine/machine.h"
#include "parse/parsers.h"
#include "testutil.h"


static void forget(struct cpu_info *c)
{
	free(c->vendor);
	free(c->model_name);
	free(c->flags);
	free(c->vmx_flags);
	*c = (struct cpu_info){ 0 };
}

static void parse_snapshot(const char *name, struct cpu_info *c)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "snapshots/%s/proc/cpuinfo", name);
	size_t len;
	char *text = test_slurp_data(rel, &len);
	struct jh_error err = { 0 };
	*c = (struct cpu_info){ 0 };
	if (parse_cpuinfo(rel, text, len, c, &err))
		fail_msg("unexpected error: %s", err.msg);
	free(text);
}

static void parse_ok(const char *text, struct cpu_info *c)
{
	struct jh_error err = { 0 };
	*c = (struct cpu_info){ 0 };
	if (parse_cpuinfo("/proc/cpuinfo", text, strlen(text), c, &err))
		fail_msg("unexpected error: %s", err.msg);
}

static void parse_bad(const char *text, size_t len, const char *expect)
{
	struct jh_error err = { 0 };
	struct cpu_info c = { .sysfs_count = 3 };
	assert_int_equal(parse_cpuinfo("/proc/cpuinfo", text, len, &c, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_string_equal(err.msg, expect);
	assert_null(c.vendor);
	assert_null(c.model_name);
	assert_null(c.flags);
	assert_null(c.vmx_flags);
	assert_false(c.flags_differ);
	assert_int_equal(c.nprocessors, 0);
	assert_int_equal(c.sysfs_count, 3);
	jh_error_clear(&err);
}

static void test_amd_snapshot(void **state)
{
	(void)state;
	struct cpu_info c;
	parse_snapshot("q35-amd", &c);
	assert_string_equal(c.vendor, "AuthenticAMD");
	assert_string_equal(c.model_name, "AMD EPYC Processor");
	assert_int_equal(c.nprocessors, 4);     /* -smp 4 */
	assert_true(c.has_svm);                 /* -cpu EPYC: svm, npt */
	assert_false(c.has_vmx);
	/* the snapshot's flags line (grep -m1 ^flags): npt is its last word;
	 * TCG dropped decodeassists, avic and flushbyasid; no VT-x, so no
	 * "vmx flags" line; all 4 processors print the same flags */
	assert_true(cpu_has_flag(&c, "npt"));
	assert_true(cpu_has_flag(&c, "lm"));
	assert_false(cpu_has_flag(&c, "decodeassists"));
	assert_false(cpu_has_flag(&c, "x2apic"));
	assert_false(cpu_has_flag(&c, "np"));
	assert_null(c.vmx_flags);
	assert_false(c.flags_differ);
	forget(&c);
}

/* TCG dropped vmx (see the snapshot README), so no Intel guest has it. */
static void test_intel_snapshots(void **state)
{
	(void)state;
	static const struct { const char *name; unsigned cpus; } snaps[] = {
		{ "q35-jailhouse-doc", 4 }, { "q35-devices-added", 4 },
		{ "q35-agl-memmap", 4 }, { "pc-i440fx-noiommu", 2 },
	};
	for (size_t i = 0; i < sizeof(snaps) / sizeof(snaps[0]); i++) {
		struct cpu_info c;
		parse_snapshot(snaps[i].name, &c);
		assert_string_equal(c.vendor, "GenuineIntel");
		assert_string_equal(c.model_name, "Common KVM processor");
		assert_int_equal(c.nprocessors, snaps[i].cpus);
		assert_false(c.has_vmx);
		assert_false(c.has_svm);
		/* kvm64 without +x2apic: lm yes, x2apic no, "pti ... arat" last */
		assert_true(cpu_has_flag(&c, "lm"));
		assert_true(cpu_has_flag(&c, "arat"));
		assert_false(cpu_has_flag(&c, "x2apic"));
		assert_null(c.vmx_flags);
		assert_false(c.flags_differ);
		forget(&c);
	}
}

/* A VT-x machine on kernel 5.8 or later: "vmx flags" beside "flags"
 * (the names are the kernel's, arch/x86/include/asm/vmxfeatures.h). */
static void test_vmx_flags(void **state)
{
	(void)state;
	struct cpu_info c;
	parse_ok("processor\t: 0\nvendor_id\t: GenuineIntel\n"
		 "flags\t\t: fpu vmx lm x2apic ept\n"
		 "vmx flags\t: vnmi preemption_timer ept unrestricted_guest vapic\n\n"
		 "processor\t: 1\nvendor_id\t: GenuineIntel\n"
		 "flags\t\t: fpu vmx lm x2apic ept\n"
		 "vmx flags\t: vnmi\n", &c);
	assert_true(c.has_vmx);
	assert_string_equal(c.flags, "fpu vmx lm x2apic ept");
	assert_string_equal(c.vmx_flags,
			    "vnmi preemption_timer ept unrestricted_guest vapic");
	assert_true(cpu_has_vmx_flag(&c, "preemption_timer"));
	assert_true(cpu_has_vmx_flag(&c, "unrestricted_guest"));
	assert_false(cpu_has_vmx_flag(&c, "ept_1gb"));
	assert_false(cpu_has_vmx_flag(&c, "vmx"));
	assert_true(cpu_has_flag(&c, "x2apic"));
	/* only "flags" lines are compared: the second vmx flags differ */
	assert_false(c.flags_differ);
	forget(&c);

	/* processor 2's flags lack x2apic: a mixed machine */
	parse_ok("processor : 0\nvendor_id : V\nflags : a b\n\n"
		 "processor : 1\nflags : a b\n\n"
		 "processor : 2\nflags : a\n\n"
		 "processor : 3\nflags : b\n", &c);
	assert_true(c.flags_differ);
	assert_int_equal(c.flags_differ_at, 2);
	assert_string_equal(c.flags, "a b");
	assert_false(cpu_has_flag(&c, "c"));
	forget(&c);

	/* no flags line at all: every flag is absent */
	parse_ok("vendor_id : V\n", &c);
	assert_null(c.flags);
	assert_false(cpu_has_flag(&c, "lm"));
	assert_false(cpu_has_vmx_flag(&c, "ept"));
	forget(&c);
}

/* Only the first processor's flags count, as whole words; the first
 * vendor_id and model name are kept; sysfs_count is not touched. */
static void test_synthetic(void **state)
{
	(void)state;
	struct cpu_info c;
	parse_ok("processor\t: 0\nvendor_id\t: GenuineIntel\n"
		 "model name\t: Some  CPU : with colon  \n"
		 "flags\t\t: fpu vmxx xsvm vmx\n"
		 "power management:\n\n"
		 "processor\t: 1\nvendor_id\t: AuthenticAMD\n"
		 "flags\t\t: svm\n", &c);
	assert_string_equal(c.vendor, "GenuineIntel");
	assert_string_equal(c.model_name, "Some  CPU : with colon");
	assert_int_equal(c.nprocessors, 2);
	assert_true(c.has_vmx);
	assert_false(c.has_svm);
	forget(&c);

	parse_ok("processor: 0\r\nvendor_id: X\r\nflags: vmxsvm svmx\r\n", &c);
	assert_string_equal(c.vendor, "X");
	assert_null(c.model_name);
	assert_int_equal(c.nprocessors, 1);
	assert_false(c.has_vmx);
	assert_false(c.has_svm);
	forget(&c);

	c = (struct cpu_info){ .sysfs_count = 7 };
	assert_int_equal(parse_cpuinfo("f", "vendor_id : V\nflags : svm", 25, &c,
				       NULL), 0);
	assert_int_equal(c.sysfs_count, 7);
	assert_int_equal(c.nprocessors, 0);
	assert_true(c.has_svm);
	forget(&c);
}

static void test_bad(void **state)
{
	(void)state;
	const char *none = "processor\t: 0\nmodel name\t: x\n";
	parse_bad(none, strlen(none), "/proc/cpuinfo: no vendor_id line");
	parse_bad("", 0, "/proc/cpuinfo: no vendor_id line");
	const char *empty = "processor : 0\nvendor_id :  \n";
	parse_bad(empty, strlen(empty), "/proc/cpuinfo: empty vendor_id");
	const char *garbage = "processor : 0\nvendor_id : V\n\ngarbage line\n";
	parse_bad(garbage, strlen(garbage), "/proc/cpuinfo: line 4: no ':'");
	parse_bad("vendor_id : V\0", 14, "/proc/cpuinfo: contains a NUL byte");
}

static void test_count_sysfs_cpus(void **state)
{
	(void)state;
	struct strlist l = { 0 };
	const char *names[] = { "cpu0", "cpu1", "cpufreq", "cpuidle", "cpu12",
				"kernel_max", "cpu", "cpu3x", "xcpu1", "hotplug",
				"CPU2", "" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		strlist_add(&l, names[i]);
	/* cpu0, cpu1, cpu12 and cpu3x (a prefix match, like Jailhouse) */
	assert_int_equal(count_sysfs_cpus(&l), 4);
	strlist_free(&l);
	assert_int_equal(count_sysfs_cpus(&l), 0);

	/* q35-amd was started with -smp 4 */
	char path[512];
	snprintf(path, sizeof(path), "%s/snapshots/q35-amd/sys/devices/system/cpu",
		 JH_TEST_DATA);
	DIR *d = opendir(path);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		strlist_add(&l, e->d_name);
	closedir(d);
	assert_int_equal(count_sysfs_cpus(&l), 4);
	strlist_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amd_snapshot),
		cmocka_unit_test(test_intel_snapshots),
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_vmx_flags),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_count_sysfs_cpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
