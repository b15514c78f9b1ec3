/* SPDX-License-Identifier: GPL-2.0-only */
#define _GNU_SOURCE
/* The readiness items, in the order a person fixes them: the CPU, its
 * virtualization extension, the IOMMU, the platform tables, the kernel
 * command line, Jailhouse itself. Where each condition comes from:
 * - Jailhouse's tools/jailhouse-hardware-check (the live check this is a
 *   superset of) and the hypervisor's own refusals at enable:
 *   hypervisor/arch/x86/vmx.c vmx_check_features(), svm.c, vtd.c
 *   (units with DMA translation on: -EBUSY), amd_iommu.c (SMI filter);
 * - the names Linux prints in /proc/cpuinfo: "flags" (cpufeatures.h) and,
 *   from 5.8 on, "vmx flags" (vmxfeatures.h: ept, unrestricted_guest,
 *   preemption_timer, vapic); Linux drops vmx/svm from the flags when the
 *   firmware left them disabled (arch/x86/kernel/cpu/feat_ctl.c). */
#include "readiness/readiness.h"
#include "parse/parsers.h"
#include "boot/boot_params.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rd {
	const struct ready_input *in;
	const struct machine *m;
	struct ready_list *out;
};

/* A new item; its state is set by one of ok/missing/unknown below. */
static size_t item(struct rd *r, const char *key, const char *what,
		   enum jh_rule_id rule)
{
	struct ready_list *l = r->out;
	struct ready_item *it = ARRAY_PUSH(l->v, l->n, l->cap);
	*it = (struct ready_item){ .key = key, .what = what, .rule = rule,
				   .state = READY_UNKNOWN,
				   .first = l->findings.n };
	return l->n - 1;
}

static void set_detail(struct ready_item *it, const char *fmt, va_list ap)
{
	free(it->detail);
	it->detail = xvasprintf(fmt, ap);
}

__attribute__((format(printf, 3, 4)))
static void ok(struct rd *r, size_t i, const char *fmt, ...)
{
	struct ready_item *it = &r->out->v[i];
	va_list ap;
	va_start(ap, fmt);
	set_detail(it, fmt, ap);
	va_end(ap);
	it->state = READY_OK;
}

__attribute__((format(printf, 3, 4)))
static void unknown(struct rd *r, size_t i, const char *fmt, ...)
{
	struct ready_item *it = &r->out->v[i];
	va_list ap;
	va_start(ap, fmt);
	set_detail(it, fmt, ap);
	va_end(ap);
	it->state = READY_UNKNOWN;
}

/* Missing: the detail is also the finding's message (file: what). */
__attribute__((format(printf, 4, 5)))
static void missing(struct rd *r, size_t i, const char *file, const char *fmt, ...)
{
	struct ready_item *it = &r->out->v[i];
	va_list ap;
	va_start(ap, fmt);
	set_detail(it, fmt, ap);
	va_end(ap);
	it->state = READY_MISSING;
	const struct jh_subject subj = { .file = file };
	if (file)
		jh_finding_add(&r->out->findings, it->rule, &subj, "%s: %s", file,
			       it->detail);
	else
		jh_finding_add(&r->out->findings, it->rule, NULL, "%s", it->detail);
	it->nfindings++;
	it->blocks = jh_rule_get(it->rule)->severity == JH_SEV_ERROR;
}

/* The planner's findings of these rules become the item's: missing when
 * one is an error, ok (with them, warnings) otherwise. Returns whether
 * the planner ran; the caller then sets the ok detail when still ok. */
static bool from_plan(struct rd *r, size_t i, const enum jh_rule_id *rules,
		      size_t nrules)
{
	const struct jh_findings *plan = r->in->plan;
	if (!plan) {
		unknown(r, i, "not planned: the planner checks this");
		return false;
	}
	struct ready_item *it = &r->out->v[i];
	it->state = READY_OK;
	for (size_t k = 0; k < plan->n; k++) {
		const struct jh_finding *f = &plan->v[k];
		bool mine = false;
		for (size_t q = 0; q < nrules && !mine; q++)
			mine = f->rule == rules[q];
		if (!mine)
			continue;
		struct jh_findings one = { .v = (struct jh_finding *)f, .n = 1 };
		jh_findings_append(&r->out->findings, &one);
		it = &r->out->v[i];
		it->nfindings++;
		if (jh_finding_severity(f) == JH_SEV_ERROR && it->state != READY_MISSING) {
			it->state = READY_MISSING;
			it->rule = f->rule;
			it->blocks = true;
			free(it->detail);
			it->detail = xstrdup(f->msg);
		}
	}
	if (!it->detail)
		it->detail = xstrdup("the planner found no problem");
	return true;
}

/* ---- the CPU ---- */

static unsigned cpu_count(const struct machine *m)
{
	return m->cpu.nprocessors ? m->cpu.nprocessors : m->cpu.sysfs_count;
}

static void check_cpu(struct rd *r)
{
	const struct cpu_info *c = &r->m->cpu;
	const char *ci = "/proc/cpuinfo";
	size_t i = item(r, "cpus", "more than one CPU", JH_R_READY_ONE_CPU);
	unsigned n = cpu_count(r->m);
	if (n > 1)
		ok(r, i, "%u CPUs", n);
	else
		missing(r, i, ci, "%u CPU: Jailhouse needs at least 2", n);

	i = item(r, "long-mode", "64-bit (long mode)", JH_R_READY_NO_LONG_MODE);
	if (!c->flags)
		unknown(r, i, "%s has no flags line", ci);
	else if (cpu_has_flag(c, "lm"))
		ok(r, i, "flag lm");
	else
		missing(r, i, ci, "no lm flag: the CPU cannot run 64-bit code");

	i = item(r, "cpu-vendor", "Intel or AMD CPU", JH_R_READY_CPU_VENDOR);
	const char *v = c->vendor ? c->vendor : "";
	if (!strcmp(v, "GenuineIntel"))
		ok(r, i, "GenuineIntel: Jailhouse's VT-x back end");
	else if (!strcmp(v, "AuthenticAMD"))
		ok(r, i, "AuthenticAMD: Jailhouse's SVM back end");
	else
		missing(r, i, ci, "vendor_id %s: Jailhouse supports only GenuineIntel "
			"and AuthenticAMD", *v ? v : "(none)");

	i = item(r, "same-features", "one feature set on every CPU",
		 JH_R_READY_CPU_FLAGS_DIFFER);
	if (!c->flags)
		unknown(r, i, "%s has no flags line", ci);
	else if (c->flags_differ)
		missing(r, i, ci, "the flags of processor %u differ from processor 0's",
			c->flags_differ_at);
	else
		ok(r, i, "all processors print the same flags");
}

/* A VMX feature that only "vmx flags" (Linux 5.8+) names. */
/* Optional on both vendors, the last CPU item of each. */
static void check_x2apic(struct rd *r)
{
	const struct cpu_info *c = &r->m->cpu;
	size_t i = item(r, "x2apic", "x2APIC (optional)", JH_R_READY_NO_X2APIC);
	if (!c->flags)
		unknown(r, i, "/proc/cpuinfo has no flags line");
	else if (cpu_has_flag(c, "x2apic"))
		ok(r, i, "flag x2apic");
	else
		missing(r, i, "/proc/cpuinfo", "no x2apic flag: Jailhouse uses the "
			"slower xAPIC");
}

static void vmx_feature(struct rd *r, const char *key, const char *what,
			enum jh_rule_id rule, const char *flag, bool vmx)
{
	const struct cpu_info *c = &r->m->cpu;
	size_t i = item(r, key, what, rule);
	if (!vmx)
		unknown(r, i, "without VT-x Linux lists no VMX features");
	else if (!c->vmx_flags)
		unknown(r, i, "/proc/cpuinfo has no \"vmx flags\" line (Linux before "
			"5.8 does not print one)");
	else if (cpu_has_vmx_flag(c, flag))
		ok(r, i, "vmx flag %s", flag);
	else
		missing(r, i, "/proc/cpuinfo", "vmx flags lack %s", flag);
}

static void check_vmx(struct rd *r)
{
	const struct cpu_info *c = &r->m->cpu;
	size_t i = item(r, "vmx", "VT-x (VMX)", JH_R_READY_NO_VMX);
	bool vmx = c->has_vmx;
	if (!c->flags)
		unknown(r, i, "/proc/cpuinfo has no flags line");
	else if (vmx)
		ok(r, i, "flag vmx");
	else
		missing(r, i, "/proc/cpuinfo", "no vmx flag: the CPU lacks VT-x or "
			"the firmware left it disabled");

	/* EPT: "ept" in the flags (every kernel) or in vmx flags (5.8+) */
	i = item(r, "ept", "EPT (extended page tables)", JH_R_READY_NO_EPT);
	if (!vmx)
		unknown(r, i, "without VT-x Linux lists no VMX features");
	else if (cpu_has_flag(c, "ept") || cpu_has_vmx_flag(c, "ept"))
		ok(r, i, "flag ept");
	else
		missing(r, i, "/proc/cpuinfo", "neither flags nor vmx flags list ept");
	vmx_feature(r, "unrestricted-guest", "VMX unrestricted guest",
		    JH_R_READY_NO_UNRESTRICTED_GUEST, "unrestricted_guest", vmx);
	vmx_feature(r, "preemption-timer", "VMX preemption timer",
		    JH_R_READY_NO_PREEMPTION_TIMER, "preemption_timer", vmx);
	vmx_feature(r, "vapic", "VMX APIC access virtualization",
		    JH_R_READY_NO_VAPIC, "vapic", vmx);

	/* vmx_check_features() also requires the guest control for every
	 * optional instruction the CPU has; of these only TPAUSE/UMWAIT's
	 * (VMX_FEATURE_USR_WAIT_PAUSE) has a name in vmx flags */
	if (cpu_has_flag(c, "waitpkg")) {
		i = item(r, "vmx-waitpkg", "VMX control for TPAUSE/UMWAIT",
			 JH_R_READY_NO_VMX_WAITPKG);
		if (!vmx)
			unknown(r, i, "without VT-x Linux lists no VMX features");
		else if (!c->vmx_flags)
			unknown(r, i, "/proc/cpuinfo has no \"vmx flags\" line (Linux before "
				"5.8 does not print one)");
		else if (cpu_has_vmx_flag(c, "usr_wait_pause"))
			ok(r, i, "flag waitpkg, vmx flag usr_wait_pause");
		else
			missing(r, i, "/proc/cpuinfo", "flags list waitpkg but vmx flags "
				"lack usr_wait_pause");
	}

	/* what vmx_check_features() and the hardware check read from MSRs
	 * that Linux does not print (vmxfeatures.h marks them "") */
	i = item(r, "vmx-msrs", "VMX controls in the MSRs", JH_R_READY_LIVE_ONLY);
	unknown(r, i, "IA32_VMX_* MSRs (true controls, NMI exiting, I/O and MSR "
		"bitmaps, CR3 interception, EPT 4-level walk, write-back and INVEPT, "
		"PAT/EFER load and save, HLT state, RDTSCP/INVPCID/XSAVES): only "
		"`jailhouse hardware check` on the machine reads them");

	check_x2apic(r);
}

static void svm_feature(struct rd *r, const char *key, const char *what,
			enum jh_rule_id rule, const char *flag, bool svm)
{
	const struct cpu_info *c = &r->m->cpu;
	size_t i = item(r, key, what, rule);
	if (!svm)
		unknown(r, i, "without SVM this does not matter yet");
	else if (cpu_has_flag(c, flag))
		ok(r, i, "flag %s", flag);
	else
		missing(r, i, "/proc/cpuinfo", "no %s flag", flag);
}

static void check_svm(struct rd *r)
{
	const struct cpu_info *c = &r->m->cpu;
	size_t i = item(r, "svm", "AMD-V (SVM)", JH_R_READY_NO_SVM);
	bool svm = c->has_svm;
	if (!c->flags)
		unknown(r, i, "/proc/cpuinfo has no flags line");
	else if (svm)
		ok(r, i, "flag svm");
	else
		missing(r, i, "/proc/cpuinfo", "no svm flag: the CPU lacks AMD-V or "
			"the firmware left it disabled");
	svm_feature(r, "npt", "NPT (nested page tables)", JH_R_READY_NO_NPT,
		    "npt", svm);
	svm_feature(r, "decode-assists", "SVM decode assists (recommended)",
		    JH_R_READY_NO_DECODE_ASSISTS, "decodeassists", svm);
	svm_feature(r, "avic", "AVIC (optional)", JH_R_READY_NO_AVIC, "avic", svm);
	svm_feature(r, "flush-by-asid", "flush by ASID (optional)",
		    JH_R_READY_NO_FLUSH_BY_ASID, "flushbyasid", svm);

	check_x2apic(r);
}

/* ---- the IOMMU ---- */

static const enum jh_rule_id iommu_rules[] = {
	JH_R_ROOT_NO_DMAR, JH_R_ROOT_NO_IVRS, JH_R_IOMMU_TOO_MANY,
	JH_R_IOMMU_SEGMENT, JH_R_IOMMU_DMAR_NO_IOMEM, JH_R_IOMMU_DMAR_TOO_BIG,
	JH_R_IOMMU_AMD_NO_MSI, JH_R_IOMMU_IVRS_REVISION, JH_R_IOMMU_IVRS_NO_IVHD,
	JH_R_IOMMU_IVMD_ONE_DEVICE, JH_R_IOMMU_DEVICE_OUTSIDE,
};

/* Linux put a device in an IOMMU group: its IOMMU driver is active. */
static bool linux_uses_iommu(const struct machine *m)
{
	for (size_t i = 0; i < m->npci; i++)
		if (m->pci[i].iommu_group >= 0)
			return true;
	return false;
}

/* Whether the kernel command line keeps Linux off the IOMMU: NAME=off,
 * or iommu=off (x86's no_iommu, which both drivers honour). */
static void check_linux_iommu(struct rd *r, const char *param,
			      enum jh_rule_id rule, const char *what)
{
	const struct machine *m = r->m;
	size_t i = item(r, "linux-iommu", what, rule);
	int sw = cmdline_on_off(m->cmdline, param);
	bool iommu_off = cmdline_on_off(m->cmdline, "iommu") == 0;
	if (sw == 0 || iommu_off)
		ok(r, i, "%s=off", sw == 0 ? param : "iommu");
	else if (sw == 1 && !strcmp(param, "intel_iommu"))
		missing(r, i, "/proc/cmdline", "intel_iommu=on: Linux translates DMA "
			"through VT-d");
	else if (linux_uses_iommu(m))
		missing(r, i, "/proc/cmdline", "no %s=off, and Linux has put PCI "
			"devices into IOMMU groups: it translates their DMA", param);
	else
		unknown(r, i, "no %s=off on the command line, and no IOMMU groups "
			"recorded: the kernel's build decides whether Linux takes the IOMMU",
			param);
}

static void check_dmar(struct rd *r)
{
	const struct machine *m = r->m;
	size_t i = item(r, "iommu", "IOMMU (VT-d, DMAR)", JH_R_ROOT_NO_DMAR);
	if (from_plan(r, i, iommu_rules, sizeof(iommu_rules) / sizeof(iommu_rules[0])) &&
	    r->out->v[i].state == READY_OK)
		ok(r, i, "DMAR: %zu unit(s)", m->have_dmar ? m->dmar.ndrhds : 0);

	const char *file = "/sys/firmware/acpi/tables/DMAR";
	i = item(r, "intr-remap", "interrupt remapping", JH_R_READY_DMAR_NO_INTR_REMAP);
	if (!m->have_dmar)
		unknown(r, i, "no DMAR table");
	else if (m->dmar.flags & 1)
		ok(r, i, "DMAR flags 0x%02x: INTR_REMAP", m->dmar.flags);
	else
		missing(r, i, file, "flags 0x%02x lack INTR_REMAP: the platform has "
			"no interrupt remapping", m->dmar.flags);
	if (!m->have_dmar)
		return;
	i = item(r, "vtd-registers", "VT-d unit registers", JH_R_READY_LIVE_ONLY);
	unknown(r, i, "each unit's CAP and ECAP registers (AGAW, queued "
		"invalidation, interrupt remapping, extended interrupt mode): only "
		"`jailhouse hardware check` on the machine reads them");
	check_linux_iommu(r, "intel_iommu", JH_R_READY_INTEL_IOMMU_ON,
			  "Linux leaves VT-d to Jailhouse");
}

/* The unit's PCI capability (IVHD capability offset): its header's
 * EFRSup bit, and the base address register (Jailhouse refuses a base
 * enabled at another address than the IVRS one). */
static void check_amd_unit(struct rd *r, const struct ivhd *h)
{
	const struct pci_dev *d = machine_find_pci_bdf(r->m, h->segment, h->bdf);
	size_t cap = h->cap_offset;
	bool readable = d && d->config && cap + 12 <= d->config_len && cap >= 0x40;
	char *file = d ? xasprintf("/sys/bus/pci/devices/%s/config", d->slot) : NULL;

	size_t i = item(r, "amd-iommu-efr", "AMD IOMMU extended features",
			JH_R_READY_AMD_IOMMU_NO_EFR);
	size_t j;
	if (!readable) {
		unknown(r, i, "the config space of the IOMMU %02x:%02x.%x (capability "
			"at 0x%zx) was not read", h->bdf >> 8, (h->bdf >> 3) & 0x1f,
			h->bdf & 7, cap);
		j = item(r, "amd-iommu-base", "AMD IOMMU base register",
			 JH_R_READY_AMD_IOMMU_BASE);
		unknown(r, j, "likewise");
		free(file);
		return;
	}
	uint32_t header = pci_config_le32(d, cap);
	if (header & (1u << 27))
		ok(r, i, "capability at 0x%zx: EFRSup", cap);
	else
		missing(r, i, file, "the IOMMU capability at 0x%zx (0x%08x) lacks "
			"EFRSup (bit 27)", cap, header);

	j = item(r, "amd-iommu-base", "AMD IOMMU base register",
		 JH_R_READY_AMD_IOMMU_BASE);
	uint64_t base = pci_config_le32(d, cap + 4) |
			((uint64_t)pci_config_le32(d, cap + 8) << 32);
	if (!(base & 1))
		ok(r, j, "not enabled yet: Jailhouse sets it to 0x%llx",
		   (unsigned long long)h->base);
	else if (base == (h->base | 1))
		ok(r, j, "enabled at the IVRS address 0x%llx", (unsigned long long)h->base);
	else
		missing(r, j, file, "the base register holds 0x%llx (enabled), the "
			"IVRS says 0x%llx", (unsigned long long)(base & ~1ull),
			(unsigned long long)h->base);
	free(file);
}

static void check_ivrs(struct rd *r)
{
	const struct machine *m = r->m;
	size_t i = item(r, "iommu", "IOMMU (AMD-Vi, IVRS)", JH_R_ROOT_NO_IVRS);
	if (from_plan(r, i, iommu_rules, sizeof(iommu_rules) / sizeof(iommu_rules[0])) &&
	    r->out->v[i].state == READY_OK)
		ok(r, i, "IVRS: %zu IVHD block(s)", m->have_ivrs ? m->ivrs.nhds : 0);
	if (!m->have_ivrs)
		return;

	/* one IOMMU may have several IVHD blocks (types 0x10, 0x11, 0x40);
	 * each unit once, by its PCI function and base */
	const struct ivhd *efr_block = NULL;
	for (size_t k = 0; k < m->ivrs.nhds; k++) {
		const struct ivhd *h = &m->ivrs.hds[k];
		bool seen = false;
		for (size_t q = 0; q < k && !seen; q++)
			seen = m->ivrs.hds[q].bdf == h->bdf &&
			       m->ivrs.hds[q].segment == h->segment &&
			       m->ivrs.hds[q].base == h->base;
		if (!seen)
			check_amd_unit(r, h);
		if (h->type != 0x10 && !efr_block)
			efr_block = h;
	}

	/* The SMI filter: Jailhouse reads the EFR register; type 0x11 and
	 * 0x40 blocks carry its image (SMIFSup, bits 17:16, must be 01b). */
	i = item(r, "amd-iommu-smi-filter", "AMD IOMMU SMI filter",
		 JH_R_READY_AMD_IOMMU_SMI_FILTER);
	if (!efr_block)
		unknown(r, i, "the IVRS has type 0x10 blocks only, without the "
			"extended feature register's image: only `jailhouse hardware "
			"check` on the machine reads the register");
	else if (((efr_block->efr >> 16) & 3) == 1)
		ok(r, i, "IVHD type 0x%02x EFR image 0x%llx: SMIFSup", efr_block->type,
		   (unsigned long long)efr_block->efr);
	else
		missing(r, i, "/sys/firmware/acpi/tables/IVRS", "the EFR image 0x%llx "
			"(IVHD type 0x%02x) has no SMI filter support",
			(unsigned long long)efr_block->efr, efr_block->type);
	check_linux_iommu(r, "amd_iommu", JH_R_READY_AMD_IOMMU_ON,
			  "Linux leaves the AMD IOMMU to Jailhouse");
}

/* ---- platform tables, command line, Jailhouse ---- */

static void check_platform(struct rd *r)
{
	const struct machine *m = r->m;
	static const enum jh_rule_id mcfg_rules[] = {
		JH_R_ROOT_NO_MCFG, JH_R_ROOT_MCFG_EMPTY, JH_R_ROOT_MCFG_SEVERAL,
		JH_R_ROOT_MCFG_SEGMENT,
	};
	size_t i = item(r, "mmconfig", "PCI MMCONFIG (MCFG)", JH_R_ROOT_NO_MCFG);
	if (from_plan(r, i, mcfg_rules, 4) && r->out->v[i].state == READY_OK &&
	    m->have_mcfg && m->mcfg.n)
		ok(r, i, "MCFG: 0x%llx, buses %u-%u",
		   (unsigned long long)m->mcfg.allocs[0].base,
		   m->mcfg.allocs[0].start_bus, m->mcfg.allocs[0].end_bus);

	static const enum jh_rule_id pmt_rules[] = {
		JH_R_ROOT_PM_TIMER, JH_R_PM_TIMER_FADT,
	};
	i = item(r, "pm-timer", "ACPI PM timer", JH_R_ROOT_PM_TIMER);
	if (from_plan(r, i, pmt_rules, 2) && r->out->v[i].state == READY_OK)
		ok(r, i, "ACPI PM_TMR in /proc/ioports");

	static const enum jh_rule_id madt_rules[] = { JH_R_ROOT_NO_MADT };
	i = item(r, "madt", "IOAPICs (MADT)", JH_R_ROOT_NO_MADT);
	if (from_plan(r, i, madt_rules, 1) && r->out->v[i].state == READY_OK)
		ok(r, i, "MADT: %zu IOAPIC(s), %zu CPU entries",
		   m->have_madt ? m->madt.nioapics : 0, m->have_madt ? m->madt.nlapics : 0);
}

static void check_memmap(struct rd *r)
{
	const struct machine *m = r->m;
	static const enum jh_rule_id window_rules[] = {
		JH_R_WINDOW_MEMMAP_SEVERAL, JH_R_WINDOW_MEMMAP_TOO_SMALL,
		JH_R_WINDOW_MEMMAP_WRAPS, JH_R_WINDOW_MEMMAP_IN_RAM,
		JH_R_WINDOW_MEMMAP_OVERLAP, JH_R_WINDOW_MEMMAP_UNUSABLE,
		JH_R_WINDOW_MEMMAP_NOT_RESERVED, JH_R_WINDOW_NO_ROOM,
		JH_R_WINDOW_LAST_RAM,
	};
	size_t i = item(r, "memmap", "memory reserved for Jailhouse (memmap=)",
			JH_R_READY_MEMMAP_MISSING);
	if (!from_plan(r, i, window_rules, sizeof(window_rules) / sizeof(window_rules[0])))
		return;
	if (r->out->v[i].state != READY_OK)
		return;
	const struct plan_result *res = r->in->res;
	if (!m->nmemmaps) {
		if (res && res->window_size) {
			/* in the user's words, as create and boot-entry write it */
			struct boot_params bp;
			boot_params_make(res->window_start, res->window_size, 0, &bp);
			missing(r, i, "/proc/cmdline", "no memmap= reservation: boot with %s",
				bp.memmap);
		}
		else
			missing(r, i, "/proc/cmdline", "no memmap= reservation: boot with "
				"the one `jhconf create` prints once the plan succeeds");
		return;
	}
	if (res)
		ok(r, i, "memmap=0x%llx$0x%llx holds the planned hypervisor and inmate "
		   "memory", (unsigned long long)res->window_size,
		   (unsigned long long)res->window_start);
	else
		unknown(r, i, "memmap=0x%llx$0x%llx on the command line; without a "
			"plan its fit is not known", (unsigned long long)m->memmaps[0].size,
			(unsigned long long)m->memmaps[0].start);
}

static void check_jailhouse(struct rd *r)
{
	static const enum jh_rule_id en_rules[] = { JH_R_ROOT_JAILHOUSE_ENABLED };
	size_t i = item(r, "jailhouse-off", "Jailhouse not enabled yet",
			JH_R_ROOT_JAILHOUSE_ENABLED);
	if (from_plan(r, i, en_rules, 1) && r->out->v[i].state == READY_OK)
		ok(r, i, "/sys/devices/jailhouse/enabled is not 1");
}

void readiness_check(const struct ready_input *in, struct ready_list *out)
{
	ready_list_free(out);
	struct rd r = { .in = in, .m = in->m, .out = out };
	check_cpu(&r);
	const char *v = in->m->cpu.vendor ? in->m->cpu.vendor : "";
	bool intel = !strcmp(v, "GenuineIntel"), amd = !strcmp(v, "AuthenticAMD");
	if (intel)
		check_vmx(&r);
	else if (amd)
		check_svm(&r);
	/* the planner takes every vendor but Intel for AMD (plan_iommu.c) */
	if (intel)
		check_dmar(&r);
	else
		check_ivrs(&r);
	check_platform(&r);
	check_memmap(&r);
	check_jailhouse(&r);
}

size_t readiness_blocking(const struct ready_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].blocks;
	return n;
}

size_t readiness_count(const struct ready_list *l, enum ready_state s)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].state == s;
	return n;
}

const struct ready_item *readiness_find(const struct ready_list *l,
					const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key))
			return &l->v[i];
	return NULL;
}

const char *ready_state_name(enum ready_state s)
{
	switch (s) {
	case READY_OK:
		return "ok";
	case READY_MISSING:
		return "missing";
	default:
		return "unknown";
	}
}

void ready_list_free(struct ready_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].detail);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	jh_findings_free(&l->findings);
}
