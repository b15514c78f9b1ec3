/* SPDX-License-Identifier: GPL-2.0-only */
/* Readiness: what the machine must offer before `jailhouse enable` can
 * work, one line each with what to change (the help of the line). Facts
 * from discovery and the plan; the planner's own refusals are in
 * Findings. */
#include "tui.h"

#include <stdlib.h>

struct check {
	bool ok, blocking;      /* blocking: Jailhouse cannot start without it */
	char *text;
	const char *help;
};

/* The checks, in the order one would fix them. Returns how many fail. */
static size_t checks(struct tui *t, struct check out[6])
{
	const struct machine *m = jhconf_machine(t->s);
	const struct plan_result *res = jhconf_result(t->s);
	size_t n = 0, bad = 0;
	bool virt = m->cpu.has_vmx || m->cpu.has_svm;
	out[n++] = (struct check){ virt, true,
		xasprintf("CPU virtualization: %s", m->cpu.has_vmx ? "VT-x" :
			  m->cpu.has_svm ? "AMD-V (SVM)" : "none found"),
		tui_help_for("ready.virt") };
	bool iommu = m->have_dmar || m->have_ivrs;
	out[n++] = (struct check){ iommu, true,
		xasprintf("IOMMU: %s", m->have_dmar ? "Intel VT-d (ACPI DMAR)" :
			  m->have_ivrs ? "AMD-Vi (ACPI IVRS)" : "none found"),
		tui_help_for("ready.iommu") };
	bool mcfg = m->have_mcfg && m->mcfg.n;
	out[n++] = (struct check){ mcfg, true,
		mcfg ? xasprintf("MMCONFIG: at 0x%llx, buses %u-%u",
				 (unsigned long long)m->mcfg.allocs[0].base,
				 m->mcfg.allocs[0].start_bus, m->mcfg.allocs[0].end_bus)
		     : xstrdup("MMCONFIG: no ACPI MCFG table"),
		tui_help_for("ready.mcfg") };
	bool pmt = m->have_fadt && (m->fadt.pm_tmr_blk || m->fadt.x_pm_tmr_blk);
	out[n++] = (struct check){ pmt, true,
		pmt ? xasprintf("ACPI PM timer: port 0x%llx",
				(unsigned long long)(m->fadt.pm_tmr_blk ? m->fadt.pm_tmr_blk
									: m->fadt.x_pm_tmr_blk))
		    : xstrdup("ACPI PM timer: none"),
		tui_help_for("ready.pmtimer") };
	bool memmap = res && res->memmap_in_cmdline;
	struct boot_params bp;
	struct jh_error err = { 0 };
	bool have_bp = jhconf_boot_params(t->s, &bp, &err) == 0;
	jh_error_clear(&err);
	out[n++] = (struct check){ memmap, false,
		have_bp ? xasprintf("Kernel command line: %s %s", bp.memmap,
				    memmap ? "is there" : "is missing")
			: xstrdup("Kernel command line: no plan to reserve a window for"),
		tui_help_for("ready.cmdline") };
	out[n++] = (struct check){ !m->jailhouse_enabled, false,
		xstrdup(m->jailhouse_enabled ? "Jailhouse: enabled now (disable it to "
			"read the machine)" : "Jailhouse: not enabled now"),
		tui_help_for("ready.enabled") };
	for (size_t i = 0; i < n; i++)
		bad += !out[i].ok;
	return bad;
}

size_t tui_readiness_problems(struct tui *t)
{
	struct check c[6];
	size_t bad = checks(t, c);
	for (size_t i = 0; i < 6; i++)
		free(c[i].text);
	return bad;
}

static void readiness_build(struct tui *t, struct screen *s)
{
	struct check c[6];
	checks(t, c);
	s->title = xstrdup("Readiness");
	for (size_t i = 0; i < 6; i++) {
		struct item *it = menu_add(&s->menu, ITEM_ACTION, "[%s] %s",
					   c[i].ok ? "ok" : c[i].blocking ? "!!" : "--", c[i].text);
		it->help = xstrdup(c[i].help);
		if (!c[i].ok)
			it->role = c[i].blocking ? ROLE_ERROR : ROLE_WARNING;
		free(c[i].text);
	}
}

static enum tui_act readiness_select(struct tui *t, struct screen *s, struct item *it)
{
	(void)s;
	struct buf b = { 0 };
	buf_printf(&b, "%s\n\n%s", it->text, it->help ? it->help : "");
	buf_put_u8(&b, 0);
	dlg_text(t, "Readiness", (const char *)b.data);
	buf_free(&b);
	return ACT_DRAW;
}

const struct screen_class screen_readiness = {
	.name = "Readiness",
	.help = "what the machine must offer before Jailhouse can be enabled: [ok] "
		"ready, [!!] blocks Jailhouse, [--] to do before `jailhouse enable`. Enter "
		"says what to change.",
	.build = readiness_build,
	.select = readiness_select,
};
