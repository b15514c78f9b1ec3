/* SPDX-License-Identifier: GPL-2.0-only */
/* core/readiness on hand-built machines: for every rule, the item is
 * quiet (ok) on a machine that has what Jailhouse needs and fires
 * (missing, with its finding) when one fact is taken away. The good
 * machines are Jailhouse's documented setups: an Intel CPU with VT-x,
 * EPT, unrestricted guest, preemption timer and APIC access
 * virtualization (README "Hardware requirements", vmx.c
 * vmx_check_features) and VT-d with interrupt remapping; an AMD CPU with
 * SVM, NPT and decode assists and an AMD IOMMU whose capability
 * announces EFRSup (tools/jailhouse-hardware-check), SMI filter in its
 * EFR (amd_iommu.c); both booted with the IOMMU left to Jailhouse and a
 * memmap= reservation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "readiness/readiness.h"

/* A machine built on the stack (never machine_free'd) and the planner's
 * verdict handed to readiness. */
struct fixture {
	struct machine m;
	struct dmar_drhd drhd;
	struct ivhd ivhd[2];
	struct pci_dev iommu_dev;
	unsigned char config[256];
	struct memmap_resv mm;
	struct mcfg_alloc mcfg;
	struct jh_findings plan;
	struct plan_result res;
	bool no_plan, no_res;
	struct ready_list out;
};

static void intel(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->m.cpu = (struct cpu_info){
		.vendor = (char *)"GenuineIntel", .nprocessors = 4, .sysfs_count = 4,
		.flags = (char *)"fpu lm vmx x2apic ept",
		.vmx_flags = (char *)"vnmi preemption_timer ept unrestricted_guest vapic",
		.has_vmx = true,
	};
	f->m.have_dmar = true;
	f->m.dmar.flags = 1;                   /* INTR_REMAP */
	f->drhd.base = 0xfed90000;
	f->m.dmar.drhds = &f->drhd;
	f->m.dmar.ndrhds = 1;
	f->m.have_mcfg = true;
	f->mcfg = (struct mcfg_alloc){ .base = 0xb0000000, .end_bus = 0xff };
	f->m.mcfg.allocs = &f->mcfg;
	f->m.mcfg.n = 1;
	f->m.cmdline = (char *)"console=ttyS0 memmap=82M$0x3a000000 intel_iommu=off";
	f->mm = (struct memmap_resv){ 0x5200000, 0x3a000000 };
	f->m.memmaps = &f->mm;
	f->m.nmemmaps = 1;
	f->res = (struct plan_result){ 0x3a000000, 0x5200000, true,
				       (char *)"memmap=0x5200000$0x3a000000" };
}

static void amd(struct fixture *f)
{
	intel(f);
	f->m.cpu = (struct cpu_info){
		.vendor = (char *)"AuthenticAMD", .nprocessors = 4, .sysfs_count = 4,
		.flags = (char *)"lm svm npt decodeassists avic flushbyasid x2apic",
		.has_svm = true,
	};
	f->m.have_dmar = false;
	f->m.have_ivrs = true;
	/* one unit described twice, as firmware does: type 0x10 and 0x11
	 * (with the EFR image: SMIFSup, bits 17:16, = 01b) */
	f->ivhd[0] = (struct ivhd){ .type = 0x10, .bdf = 0x0010, .cap_offset = 0x40,
				    .base = 0xfed80000 };
	f->ivhd[1] = f->ivhd[0];
	f->ivhd[1].type = 0x11;
	f->ivhd[1].efr = 1ull << 16;
	f->m.ivrs.hds = f->ivhd;
	f->m.ivrs.nhds = 2;
	/* 00:02.0's capability header as in the q35-amd snapshot: 0x1f03000f,
	 * bit 27 (EFRSup) set; base register 0: not enabled */
	f->config[0x40] = 0x0f; f->config[0x41] = 0x00;
	f->config[0x42] = 0x03; f->config[0x43] = 0x1f;
	f->iommu_dev = (struct pci_dev){ .slot = (char *)"0000:00:02.0", .dev = 2,
					 .config = f->config, .config_len = 256,
					 .iommu_group = -1 };
	f->m.pci = &f->iommu_dev;
	f->m.npci = 1;
	f->m.cmdline = (char *)"console=ttyS0 memmap=82M$0x3a000000 amd_iommu=off";
}

static void run(struct fixture *f)
{
	struct ready_input in = { &f->m, f->no_plan ? NULL : &f->plan,
				  f->no_res ? NULL : &f->res };
	readiness_check(&in, &f->out);
}

static void done(struct fixture *f)
{
	ready_list_free(&f->out);
	jh_findings_free(&f->plan);
}

static const struct ready_item *get(struct fixture *f, const char *key)
{
	const struct ready_item *it = readiness_find(&f->out, key);
	if (!it)
		fail_msg("no item %s", key);
	return it;
}

static void expect_state(struct fixture *f, const char *key, enum ready_state s)
{
	const struct ready_item *it = get(f, key);
	if (it->state != s)
		fail_msg("%s: %s (%s), expected %s", key, ready_state_name(it->state),
			 it->detail ? it->detail : "", ready_state_name(s));
}

/* The item fires with its one finding of that rule; blocks as said;
 * nothing else blocks. */
static void expect_fires(struct fixture *f, const char *key, const char *rule,
			 bool blocks)
{
	expect_state(f, key, READY_MISSING);
	const struct ready_item *it = get(f, key);
	assert_int_equal(it->blocks, blocks);
	assert_true(it->nfindings >= 1);
	const struct jh_finding *x = &f->out.findings.v[it->first];
	assert_string_equal(jh_rule_get(x->rule)->id, rule);
	assert_string_equal(jh_rule_get(it->rule)->id, rule);
	assert_int_equal(readiness_blocking(&f->out), blocks ? 1 : 0);
}

/* Every item of the good machine is ok, but the live-only ones. */
static void expect_all_ok(struct fixture *f)
{
	for (size_t i = 0; i < f->out.n; i++) {
		const struct ready_item *it = &f->out.v[i];
		bool live = it->rule == JH_R_READY_LIVE_ONLY;
		if (it->state != (live ? READY_UNKNOWN : READY_OK))
			fail_msg("%s: %s (%s)", it->key, ready_state_name(it->state),
				 it->detail);
		assert_non_null(it->detail);
		assert_false(it->blocks);
	}
	assert_int_equal(f->out.findings.n, 0);
	assert_int_equal(readiness_blocking(&f->out), 0);
}

static void test_intel_good(void **state)
{
	(void)state;
	struct fixture f;
	intel(&f);
	run(&f);
	expect_all_ok(&f);
	/* the Intel items, the live-only ones unknown */
	static const char *const keys[] = {
		"cpus", "long-mode", "cpu-vendor", "same-features", "vmx", "ept",
		"unrestricted-guest", "preemption-timer", "vapic", "x2apic",
		"iommu", "intr-remap", "linux-iommu", "mmconfig", "pm-timer",
		"madt", "memmap", "jailhouse-off",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		expect_state(&f, keys[i], READY_OK);
	expect_state(&f, "vmx-msrs", READY_UNKNOWN);
	expect_state(&f, "vtd-registers", READY_UNKNOWN);
	assert_null(readiness_find(&f.out, "svm"));
	assert_string_equal(get(&f, "mmconfig")->detail, "MCFG: 0xb0000000, buses 0-255");
	assert_string_equal(get(&f, "memmap")->detail,
			    "memmap=0x5200000$0x3a000000 holds the planned hypervisor "
			    "and inmate memory");
	done(&f);
}

static void test_amd_good(void **state)
{
	(void)state;
	struct fixture f;
	amd(&f);
	run(&f);
	expect_all_ok(&f);
	static const char *const keys[] = {
		"svm", "npt", "decode-assists", "avic", "flush-by-asid", "x2apic",
		"iommu", "amd-iommu-efr", "amd-iommu-base", "amd-iommu-smi-filter",
		"linux-iommu",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		expect_state(&f, keys[i], READY_OK);
	assert_null(readiness_find(&f.out, "vmx"));
	assert_null(readiness_find(&f.out, "intr-remap"));
	/* the unit is described by two blocks but checked once */
	size_t efr = 0;
	for (size_t i = 0; i < f.out.n; i++)
		efr += !strcmp(f.out.v[i].key, "amd-iommu-efr");
	assert_int_equal(efr, 1);
	done(&f);
}

static void test_cpu_rules(void **state)
{
	(void)state;
	struct fixture f;
	intel(&f);
	f.m.cpu.nprocessors = 1;
	run(&f);
	expect_fires(&f, "cpus", "READY-ONE-CPU", true);
	done(&f);

	/* no processor lines: sysfs's count stands in */
	intel(&f);
	f.m.cpu.nprocessors = 0;
	f.m.cpu.sysfs_count = 1;
	run(&f);
	expect_fires(&f, "cpus", "READY-ONE-CPU", true);
	done(&f);

	intel(&f);
	f.m.cpu.flags = (char *)"fpu vmx x2apic ept";
	run(&f);
	expect_fires(&f, "long-mode", "READY-NO-LONG-MODE", true);
	done(&f);

	intel(&f);
	f.m.cpu.flags_differ = true;
	f.m.cpu.flags_differ_at = 3;
	run(&f);
	expect_fires(&f, "same-features", "READY-CPU-FLAGS-DIFFER", true);
	assert_string_equal(get(&f, "same-features")->detail,
			    "the flags of processor 3 differ from processor 0's");
	done(&f);

	/* neither Intel nor AMD: no VT-x/SVM items */
	intel(&f);
	f.m.cpu.vendor = (char *)"CentaurHauls";
	run(&f);
	expect_state(&f, "cpu-vendor", READY_MISSING);
	assert_true(get(&f, "cpu-vendor")->blocks);
	assert_null(readiness_find(&f.out, "vmx"));
	assert_null(readiness_find(&f.out, "svm"));
	done(&f);

	/* no flags line at all: unknown, never guessed */
	intel(&f);
	f.m.cpu.flags = NULL;
	f.m.cpu.vmx_flags = NULL;
	f.m.cpu.has_vmx = false;
	run(&f);
	expect_state(&f, "long-mode", READY_UNKNOWN);
	expect_state(&f, "vmx", READY_UNKNOWN);
	expect_state(&f, "ept", READY_UNKNOWN);
	expect_state(&f, "x2apic", READY_UNKNOWN);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);
}

static void test_vmx_rules(void **state)
{
	(void)state;
	struct fixture f;
	/* the demo guests: kvm64 under TCG, no vmx and so no vmx flags */
	intel(&f);
	f.m.cpu.flags = (char *)"fpu lm x2apic";
	f.m.cpu.vmx_flags = NULL;
	f.m.cpu.has_vmx = false;
	run(&f);
	expect_fires(&f, "vmx", "READY-NO-VMX", true);
	expect_state(&f, "ept", READY_UNKNOWN);
	expect_state(&f, "unrestricted-guest", READY_UNKNOWN);
	expect_state(&f, "preemption-timer", READY_UNKNOWN);
	done(&f);

	intel(&f);
	f.m.cpu.flags = (char *)"fpu lm vmx x2apic";
	f.m.cpu.vmx_flags = (char *)"vnmi preemption_timer unrestricted_guest vapic";
	run(&f);
	expect_fires(&f, "ept", "READY-NO-EPT", true);
	done(&f);

	intel(&f);
	f.m.cpu.vmx_flags = (char *)"vnmi preemption_timer ept vapic";
	run(&f);
	expect_fires(&f, "unrestricted-guest", "READY-NO-UNRESTRICTED-GUEST", true);
	done(&f);

	intel(&f);
	f.m.cpu.vmx_flags = (char *)"vnmi ept unrestricted_guest vapic";
	run(&f);
	expect_fires(&f, "preemption-timer", "READY-NO-PREEMPTION-TIMER", true);
	done(&f);

	intel(&f);
	f.m.cpu.vmx_flags = (char *)"vnmi preemption_timer ept unrestricted_guest";
	run(&f);
	expect_fires(&f, "vapic", "READY-NO-VAPIC", true);
	done(&f);

	/* a kernel before 5.8: EPT from the flags, the rest unknown */
	intel(&f);
	f.m.cpu.vmx_flags = NULL;
	run(&f);
	expect_state(&f, "ept", READY_OK);
	expect_state(&f, "unrestricted-guest", READY_UNKNOWN);
	expect_state(&f, "preemption-timer", READY_UNKNOWN);
	expect_state(&f, "vapic", READY_UNKNOWN);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);

	/* waitpkg: only then the TPAUSE/UMWAIT control is needed */
	intel(&f);
	run(&f);
	assert_null(readiness_find(&f.out, "vmx-waitpkg"));
	done(&f);
	intel(&f);
	f.m.cpu.flags = (char *)"fpu lm vmx x2apic ept waitpkg";
	run(&f);
	expect_fires(&f, "vmx-waitpkg", "READY-NO-VMX-WAITPKG", true);
	done(&f);
	intel(&f);
	f.m.cpu.flags = (char *)"fpu lm vmx x2apic ept waitpkg";
	f.m.cpu.vmx_flags = (char *)"vnmi preemption_timer ept unrestricted_guest "
				    "vapic usr_wait_pause";
	run(&f);
	expect_state(&f, "vmx-waitpkg", READY_OK);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);

	/* x2APIC is optional: missing, never blocking */
	intel(&f);
	f.m.cpu.flags = (char *)"fpu lm vmx ept";
	run(&f);
	expect_fires(&f, "x2apic", "READY-NO-X2APIC", false);
	done(&f);
}

static void test_vtd_rules(void **state)
{
	(void)state;
	struct fixture f;
	intel(&f);
	f.m.dmar.flags = 0;
	run(&f);
	expect_fires(&f, "intr-remap", "READY-DMAR-NO-INTR-REMAP", true);
	done(&f);

	intel(&f);
	f.m.cmdline = (char *)"console=ttyS0 memmap=82M$0x3a000000 intel_iommu=on";
	run(&f);
	expect_fires(&f, "linux-iommu", "READY-INTEL-IOMMU-ON", true);
	done(&f);

	/* nothing on the command line but devices in IOMMU groups: Linux
	 * translates DMA (the q35-jailhouse-doc snapshot's case) */
	intel(&f);
	struct pci_dev d = { .slot = (char *)"0000:00:02.0", .iommu_group = 2 };
	f.m.pci = &d;
	f.m.npci = 1;
	f.m.cmdline = (char *)"memmap=82M$0x3a000000";
	run(&f);
	expect_fires(&f, "linux-iommu", "READY-INTEL-IOMMU-ON", true);
	done(&f);

	/* nothing said, no groups recorded: the kernel's build decides */
	intel(&f);
	f.m.cmdline = (char *)"memmap=82M$0x3a000000";
	run(&f);
	expect_state(&f, "linux-iommu", READY_UNKNOWN);
	done(&f);

	/* iommu=off keeps every IOMMU driver away, groups or not */
	intel(&f);
	f.m.pci = &d;
	f.m.npci = 1;
	f.m.cmdline = (char *)"memmap=82M$0x3a000000 intel_iommu=on iommu=off";
	run(&f);
	expect_state(&f, "linux-iommu", READY_OK);
	done(&f);

	/* no DMAR: the planner's ROOT-NO-DMAR is the item's finding, and the
	 * items that need the table are left out or unknown */
	intel(&f);
	f.m.have_dmar = false;
	jh_finding_add(&f.plan, JH_R_ROOT_NO_DMAR, NULL,
		       "/sys/firmware/acpi/tables/DMAR: missing");
	run(&f);
	expect_fires(&f, "iommu", "ROOT-NO-DMAR", true);
	assert_string_equal(get(&f, "iommu")->detail,
			    "/sys/firmware/acpi/tables/DMAR: missing");
	expect_state(&f, "intr-remap", READY_UNKNOWN);
	assert_null(readiness_find(&f.out, "linux-iommu"));
	done(&f);
}

static void test_svm_rules(void **state)
{
	(void)state;
	struct fixture f;
	amd(&f);
	f.m.cpu.flags = (char *)"lm npt x2apic";
	f.m.cpu.has_svm = false;
	run(&f);
	expect_fires(&f, "svm", "READY-NO-SVM", true);
	expect_state(&f, "npt", READY_UNKNOWN);
	done(&f);

	amd(&f);
	f.m.cpu.flags = (char *)"lm svm decodeassists avic flushbyasid x2apic";
	run(&f);
	expect_fires(&f, "npt", "READY-NO-NPT", true);
	done(&f);

	/* recommended and optional ones never block */
	amd(&f);
	f.m.cpu.flags = (char *)"lm svm npt avic flushbyasid x2apic";
	run(&f);
	expect_fires(&f, "decode-assists", "READY-NO-DECODE-ASSISTS", false);
	assert_int_equal(jh_rule_get(JH_R_READY_NO_DECODE_ASSISTS)->severity,
			 JH_SEV_WARNING);
	done(&f);

	amd(&f);
	f.m.cpu.flags = (char *)"lm svm npt decodeassists flushbyasid x2apic";
	run(&f);
	expect_fires(&f, "avic", "READY-NO-AVIC", false);
	done(&f);

	amd(&f);
	f.m.cpu.flags = (char *)"lm svm npt decodeassists avic x2apic";
	run(&f);
	expect_fires(&f, "flush-by-asid", "READY-NO-FLUSH-BY-ASID", false);
	done(&f);
}

static void test_amd_iommu_rules(void **state)
{
	(void)state;
	struct fixture f;
	amd(&f);
	f.config[0x43] = 0x17;                 /* 0x1703000f: bit 27 clear */
	run(&f);
	expect_fires(&f, "amd-iommu-efr", "READY-AMD-IOMMU-NO-EFR", true);
	done(&f);

	/* enabled at the IVRS address: fine; elsewhere: Jailhouse refuses */
	amd(&f);
	f.config[0x44] = 0x01; f.config[0x46] = 0xd8; f.config[0x47] = 0xfe;
	run(&f);
	expect_state(&f, "amd-iommu-base", READY_OK);
	done(&f);
	amd(&f);
	f.config[0x44] = 0x01; f.config[0x46] = 0xd0; f.config[0x47] = 0xfe;
	run(&f);
	expect_fires(&f, "amd-iommu-base", "READY-AMD-IOMMU-BASE", true);
	assert_string_equal(get(&f, "amd-iommu-base")->detail,
			    "the base register holds 0xfed00000 (enabled), the IVRS "
			    "says 0xfed80000");
	done(&f);

	/* SMIFSup 00b (QEMU 7.2's EFR 0x29d3 has bits 17:16 clear) */
	amd(&f);
	f.ivhd[1].efr = 0x29d3;
	run(&f);
	expect_fires(&f, "amd-iommu-smi-filter", "READY-AMD-IOMMU-SMI-FILTER", true);
	done(&f);

	/* type 0x10 only (QEMU's IVRS): no EFR image, so unknown */
	amd(&f);
	f.m.ivrs.nhds = 1;
	run(&f);
	expect_state(&f, "amd-iommu-smi-filter", READY_UNKNOWN);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);

	/* the IOMMU's config space not collected: unknown */
	amd(&f);
	f.m.npci = 0;
	run(&f);
	expect_state(&f, "amd-iommu-efr", READY_UNKNOWN);
	expect_state(&f, "amd-iommu-base", READY_UNKNOWN);
	done(&f);

	/* Linux owning the AMD IOMMU (q35-amd: amd_iommu=on is not an option
	 * Linux 6.1 knows, and it put the devices into groups) */
	amd(&f);
	f.iommu_dev.iommu_group = 0;
	f.m.cmdline = (char *)"console=ttyS0 memmap=82M$0x3a000000 amd_iommu=on";
	run(&f);
	expect_fires(&f, "linux-iommu", "READY-AMD-IOMMU-ON", true);
	done(&f);

	amd(&f);
	f.m.have_ivrs = false;
	jh_finding_add(&f.plan, JH_R_ROOT_NO_IVRS, NULL,
		       "/sys/firmware/acpi/tables/IVRS: missing");
	run(&f);
	expect_fires(&f, "iommu", "ROOT-NO-IVRS", true);
	assert_null(readiness_find(&f.out, "amd-iommu-efr"));
	done(&f);
}

/* The planner's facts: its findings become the items' (not checked a
 * second time); warnings stay ok; without a plan they are unknown. */
static void test_planner_items(void **state)
{
	(void)state;
	struct fixture f;
	intel(&f);
	jh_finding_add(&f.plan, JH_R_ROOT_NO_MCFG, NULL, "MCFG: missing");
	run(&f);
	expect_fires(&f, "mmconfig", "ROOT-NO-MCFG", true);
	done(&f);

	intel(&f);
	jh_finding_add(&f.plan, JH_R_ROOT_PM_TIMER, NULL, "no PM timer");
	run(&f);
	expect_fires(&f, "pm-timer", "ROOT-PM-TIMER", true);
	done(&f);

	intel(&f);
	jh_finding_add(&f.plan, JH_R_PM_TIMER_FADT, NULL, "FADT disagrees");
	run(&f);
	expect_state(&f, "pm-timer", READY_OK);
	assert_int_equal(get(&f, "pm-timer")->nfindings, 1);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);

	intel(&f);
	jh_finding_add(&f.plan, JH_R_ROOT_NO_MADT, NULL, "no MADT");
	run(&f);
	expect_fires(&f, "madt", "ROOT-NO-MADT", true);
	done(&f);

	intel(&f);
	jh_finding_add(&f.plan, JH_R_ROOT_JAILHOUSE_ENABLED, NULL, "enabled");
	run(&f);
	expect_fires(&f, "jailhouse-off", "ROOT-JAILHOUSE-ENABLED", true);
	done(&f);

	/* other findings of the list are not readiness's */
	intel(&f);
	jh_finding_add(&f.plan, JH_R_CONSOLE_NO_UART, NULL, "no uart");
	run(&f);
	expect_all_ok(&f);
	done(&f);

	intel(&f);
	f.no_plan = true;
	f.no_res = true;
	run(&f);
	expect_state(&f, "mmconfig", READY_UNKNOWN);
	expect_state(&f, "memmap", READY_UNKNOWN);
	expect_state(&f, "vmx", READY_OK);
	assert_int_equal(readiness_blocking(&f.out), 0);
	done(&f);
}

static void test_memmap_rules(void **state)
{
	(void)state;
	struct fixture f;
	/* no reservation: missing, with the plan's window in the user's
	 * words: 0x5200000 bytes = 82 MiB (82 * 1048576) */
	intel(&f);
	f.m.cmdline = (char *)"console=ttyS0 intel_iommu=off";
	f.m.nmemmaps = 0;
	f.res.memmap_in_cmdline = false;
	run(&f);
	expect_fires(&f, "memmap", "READY-MEMMAP-MISSING", true);
	assert_string_equal(f.out.findings.v[get(&f, "memmap")->first].msg,
			    "/proc/cmdline: no memmap= reservation: boot with "
			    "memmap=82M$0x3a000000");
	done(&f);

	/* a reservation the planner finds too small: its finding, reused */
	intel(&f);
	jh_finding_add(&f.plan, JH_R_WINDOW_MEMMAP_TOO_SMALL, NULL,
		       "/proc/cmdline: the memmap reservation is smaller");
	f.no_res = true;
	run(&f);
	expect_fires(&f, "memmap", "WINDOW-MEMMAP-TOO-SMALL", true);
	for (size_t i = 0; i < f.out.findings.n; i++)
		assert_int_not_equal(f.out.findings.v[i].rule, JH_R_READY_MEMMAP_MISSING);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intel_good),
		cmocka_unit_test(test_amd_good),
		cmocka_unit_test(test_cpu_rules),
		cmocka_unit_test(test_vmx_rules),
		cmocka_unit_test(test_vtd_rules),
		cmocka_unit_test(test_svm_rules),
		cmocka_unit_test(test_amd_iommu_rules),
		cmocka_unit_test(test_planner_items),
		cmocka_unit_test(test_memmap_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
