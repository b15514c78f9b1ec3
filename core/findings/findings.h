/* SPDX-License-Identifier: GPL-2.0-only */
/* Findings as data: every refusal and warning that discovery and the
 * planner produce is a finding of a rule from one table (rules.c). A rule
 * has a stable id ("ROOT-NO-MCFG"), a severity, a title, why Jailhouse
 * cares and how to fix it; a finding adds the one-line message printed
 * today and the objects involved (cell, PCI device, address range, file).
 * Broken input files are not findings: parsers keep failing with
 * JH_BADINPUT errors for those. */
#ifndef JH_FINDINGS_H
#define JH_FINDINGS_H

#include "base/util.h"

enum jh_severity {
	JH_SEV_ERROR,    /* the machine cannot host Jailhouse as planned */
	JH_SEV_WARNING,  /* worth a look; an error under --strict */
	JH_SEV_INFO,     /* for the record */
};

/* One row per rule; the order is the rule table's (rules.c). */
enum jh_rule_id {
	/* discovery: ACPI tables, PCI, snapshot collection */
	JH_R_ACPI_CHECKSUM,
	JH_R_PCI_LIBPCI,
	JH_R_PCI_DISABLED,
	JH_R_PCI_NO_DEVICES,
	JH_R_PCI_MSIX_UNASSIGNED,
	JH_R_COLLECT_MISSING,
	JH_R_COLLECT_NO_IOMMU,
	JH_R_COLLECT_NO_PCI,
	JH_R_DISCOVER_UNPRIVILEGED,
	/* the root cell planner */
	JH_R_ROOT_JAILHOUSE_ENABLED,
	JH_R_CONSOLE_NO_SUCH_PORT,
	JH_R_CONSOLE_NO_UART,
	JH_R_CONSOLE_NO_PORT_FILE,
	JH_R_CONSOLE_ACCESS_MODE,
	JH_R_ROOT_NO_MCFG,
	JH_R_ROOT_MCFG_EMPTY,
	JH_R_ROOT_MCFG_SEVERAL,
	JH_R_ROOT_MCFG_SEGMENT,
	JH_R_ROOT_NO_MEMORY,
	JH_R_ROOT_PM_TIMER,
	JH_R_PM_TIMER_FADT,
	JH_R_ROOT_NO_MADT,
	JH_R_ROOT_NO_DMAR,
	JH_R_ROOT_NO_IVRS,
	JH_R_IOMMU_TOO_MANY,
	JH_R_IOMMU_SEGMENT,
	JH_R_IOMMU_DMAR_NO_IOMEM,
	JH_R_IOMMU_DMAR_TOO_BIG,
	JH_R_IOMMU_AMD_NO_MSI,
	JH_R_IOMMU_IVRS_REVISION,
	JH_R_IOMMU_IVRS_NO_IVHD,
	JH_R_IOMMU_IVMD_ONE_DEVICE,
	JH_R_IOMMU_DEVICE_OUTSIDE,
	JH_R_PCI_MSIX_NOT_MEMORY,
	JH_R_WINDOW_MEMMAP_SEVERAL,
	JH_R_WINDOW_MEMMAP_TOO_SMALL,
	JH_R_WINDOW_MEMMAP_WRAPS,
	JH_R_WINDOW_MEMMAP_IN_RAM,
	JH_R_WINDOW_MEMMAP_OVERLAP,
	JH_R_WINDOW_MEMMAP_UNUSABLE,
	JH_R_WINDOW_MEMMAP_NOT_RESERVED,
	JH_R_WINDOW_NO_ROOM,
	JH_R_WINDOW_LAST_RAM,
	JH_R_WINDOW_ADDRESS_NOT_RESERVED,
	JH_R_ROOT_OVERLAPS_HV,
	JH_R_ROOT_RAM_UNALIGNED,
	/* inmate cells */
	JH_R_CELL_IOMMU_GROUP_SPLIT,
	JH_R_CELL_DEVICE_MOVED,
	JH_R_CELL_DEBUG_CONSOLE,
	/* readiness (core/readiness): can this machine run Jailhouse at all;
	 * what the planner already checks (MCFG, PM timer, DMAR/IVRS, the
	 * memmap window, Jailhouse enabled) keeps its planner rules */
	JH_R_READY_ONE_CPU,
	JH_R_READY_NO_LONG_MODE,
	JH_R_READY_CPU_VENDOR,
	JH_R_READY_CPU_FLAGS_DIFFER,
	JH_R_READY_NO_VMX,
	JH_R_READY_NO_EPT,
	JH_R_READY_NO_UNRESTRICTED_GUEST,
	JH_R_READY_NO_PREEMPTION_TIMER,
	JH_R_READY_NO_VAPIC,
	JH_R_READY_NO_VMX_WAITPKG,
	JH_R_READY_NO_X2APIC,
	JH_R_READY_DMAR_NO_INTR_REMAP,
	JH_R_READY_INTEL_IOMMU_ON,
	JH_R_READY_NO_SVM,
	JH_R_READY_NO_NPT,
	JH_R_READY_NO_DECODE_ASSISTS,
	JH_R_READY_NO_AVIC,
	JH_R_READY_NO_FLUSH_BY_ASID,
	JH_R_READY_AMD_IOMMU_NO_EFR,
	JH_R_READY_AMD_IOMMU_BASE,
	JH_R_READY_AMD_IOMMU_SMI_FILTER,
	JH_R_READY_AMD_IOMMU_ON,
	JH_R_READY_MEMMAP_MISSING,
	JH_R_READY_LIVE_ONLY,
	/* check: explained validation of a set of cells (core/check) */
	JH_R_CHK_ARCH,
	JH_R_CHK_REVISION,
	JH_R_CHK_MEM_OVERLAP,
	JH_R_CHK_MEM_HV,
	JH_R_CHK_MEM_MMCONFIG,
	JH_R_CHK_MEM_IOMMU,
	JH_R_CHK_MEM_APIC,
	JH_R_CHK_CPU0,
	JH_R_CHK_CPU_NOT_ROOT,
	JH_R_CHK_CPU_SHARED,
	JH_R_CHK_ROOT_NO_CPUS,
	JH_R_CHK_NAME_TAKEN,
	JH_R_CHK_CONFIG_TOO_BIG,
	JH_R_CHK_CPUSET_TOO_BIG,
	JH_R_CHK_HV_MEM_SMALL,
	JH_R_CHK_HV_MEM_TIGHT,
	JH_R_CHK_IRQCHIP_COUNT,
	JH_R_CHK_IRQCHIP_PIN_BASE,
	JH_R_CHK_IRQCHIP_PIN_RANGE,
	JH_R_CHK_IRQ_PIN_SHARED,
	JH_R_CHK_IOMMU_INDEX,
	JH_R_CHK_VTD_LIMIT,
	JH_R_CHK_VTD_TIGHT,
	JH_R_CHK_CACHE,
	JH_R_CHK_IVSHMEM_REGIONS,
	JH_R_CHK_IVSHMEM_VECTORS,
	JH_R_CHK_IVSHMEM_DEV_ID,
	JH_R_CHK_IVSHMEM_ID_TAKEN,
	JH_R_CHK_IVSHMEM_PEERS,
	JH_R_CHK_IVSHMEM_LONE,
	JH_R_CHK_IVSHMEM_BDF,
	JH_R_CHK_MEM_CELLS,
	JH_R_CHK_MEM_UNALIGNED,
	JH_R_CHK_MEM_SUBPAGE_IO,
	JH_R_CHK_LOADABLE_OUTSIDE_ROOT,
	JH_R_CHK_MEM_NOT_IN_ROOT,
	JH_R_CHK_PCI_SHARED,
	JH_R_CHK_PCI_NOT_IN_ROOT,
	JH_R_CHK_PIO_SHARED,
	JH_R_CHK_MSIX_MAPPED,
	JH_R_CHK_BAR_UNMAPPED,
	JH_R_CHK_PCI_BRIDGE,
	JH_R_CHK_NO_COMM,
	JH_R_CHK_NO_RAM_AT_RESET,
	JH_R_CHK_ROOT_IOMMU,
	JH_R_CHK_INCOMPLETE,
	JH_R_CHK_VTD_DMA_ADDRESS,
	JH_R_CHK_PCI_AER,
	JH_R_COUNT
};

struct jh_rule {
	const char *id;          /* stable: "ROOT-NO-MCFG" */
	enum jh_severity severity;
	const char *title;       /* a few words */
	const char *why;         /* why Jailhouse cares */
	const char *fix;         /* how to fix it */
};

const struct jh_rule *jh_rule_get(enum jh_rule_id id);
/* By stable id; NULL for an unknown one. */
const struct jh_rule *jh_rule_find(const char *id);
const char *jh_severity_name(enum jh_severity s);

/* What a finding is about; every member optional (NULL / false). */
struct jh_subject {
	const char *cell;        /* cell name; NULL: the root cell or none */
	const char *file;        /* the file the fact comes from */
	bool has_bdf;
	uint16_t bdf;            /* bus << 8 | dev << 3 | fn */
	bool has_range;
	uint64_t start, end;     /* inclusive */
};

struct jh_finding {
	enum jh_rule_id rule;
	char *msg;               /* one line, as printed today */
	char *cell, *file;       /* NULL when not known */
	bool has_bdf;
	uint16_t bdf;
	bool has_range;
	uint64_t start, end;
};

struct jh_findings {
	struct jh_finding *v;
	size_t n, cap;
	bool strict;             /* --strict: warnings count as errors */
};

/* Add a finding of `rule` (subject may be NULL). A NULL list is allowed
 * and ignores the finding (callers that do not care). */
void jh_finding_add(struct jh_findings *f, enum jh_rule_id rule,
		    const struct jh_subject *subject, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
const struct jh_rule *jh_finding_rule(const struct jh_finding *x);
enum jh_severity jh_finding_severity(const struct jh_finding *x);
size_t jh_findings_count(const struct jh_findings *f, enum jh_severity s);
/* The first finding of severity s, or NULL. */
const struct jh_finding *jh_findings_first(const struct jh_findings *f,
					   enum jh_severity s);
/* Drop the findings from index n on (keep the first n). */
void jh_findings_truncate(struct jh_findings *f, size_t n);
/* Append copies of every finding of src to dst. */
void jh_findings_append(struct jh_findings *dst, const struct jh_findings *src);
void jh_findings_free(struct jh_findings *f);

#endif
