/* SPDX-License-Identifier: GPL-2.0-only */
/* The rule table: one row per rule, in enum jh_rule_id order. The "why"
 * texts state what Jailhouse (master) does with the fact, from its
 * hypervisor and tools sources; the fixes say what to change. */
#include "findings/findings.h"

#include <string.h>

#define E JH_SEV_ERROR
#define W JH_SEV_WARNING
#define I JH_SEV_INFO

static const struct jh_rule rules[JH_R_COUNT] = {
	[JH_R_ACPI_CHECKSUM] = { "ACPI-CHECKSUM", W,
		"ACPI table checksum is wrong",
		"The bytes of an ACPI table do not sum to zero. Linux uses such tables "
		"anyway, and so does the planner, but a wrong checksum can also mean a "
		"damaged or hand-edited table whose contents decide the root cell.",
		"Update the firmware, or collect the snapshot again; use --strict to "
		"refuse such tables." },
	[JH_R_PCI_LIBPCI] = { "PCI-LIBPCI", W,
		"libpci reported a problem",
		"PCI devices are enumerated through libpci; its warnings mean some "
		"device facts (ids, resources) may be incomplete, and every PCI device "
		"of the root cell must be described exactly for Jailhouse to "
		"intercept its config space.",
		"Read the snapshot as root, or collect it again with jhconf collect." },
	[JH_R_PCI_DISABLED] = { "PCI-DEVICE-DISABLED", W,
		"PCI device answers with all-ones ids",
		"A function whose vendor and device ids read as 0xffff did not answer; "
		"it is left out of the root cell, so Jailhouse will not let the root "
		"cell reach it should it come back.",
		"Check that the device is enabled in the firmware setup, then collect "
		"again." },
	[JH_R_PCI_NO_DEVICES] = { "PCI-NO-DEVICES", W,
		"no PCI devices found",
		"Without the PCI device list the root cell lists no devices; Jailhouse "
		"then denies the root cell access to every PCI device's config space.",
		"Collect the snapshot with /sys/bus/pci/devices (jhconf collect does)." },
	[JH_R_PCI_MSIX_UNASSIGNED] = { "PCI-MSIX-UNASSIGNED", W,
		"MSI-X table in an unassigned BAR",
		"The BAR that holds the device's MSI-X table has address 0, so the "
		"table cannot be located; the device is listed without MSI-X vectors "
		"and Jailhouse will not intercept its table.",
		"Let the firmware or Linux assign the BAR (check the kernel log), then "
		"collect again." },
	[JH_R_COLLECT_MISSING] = { "COLLECT-MISSING-FILE", W,
		"a file Jailhouse needs is missing",
		"Jailhouse's config create reads the MADT (APIC) for the IOAPICs and "
		"the MCFG for PCI MMCONFIG; a snapshot without them cannot give a root "
		"cell.",
		"Run jhconf collect as root on a machine whose firmware provides the "
		"tables." },
	[JH_R_COLLECT_NO_IOMMU] = { "COLLECT-NO-IOMMU", W,
		"no IOMMU table collected",
		"Jailhouse on x86 needs an IOMMU (Intel VT-d, described by DMAR, or "
		"AMD-Vi, described by IVRS) to isolate the devices of each cell.",
		"Enable VT-d / AMD-Vi in the firmware setup (QEMU: -device intel-iommu "
		"or amd-iommu) and collect again." },
	[JH_R_COLLECT_NO_PCI] = { "COLLECT-NO-PCI", W,
		"no PCI config space collected",
		"The root cell lists every PCI device with its capabilities, read from "
		"config space; without config space none can be listed.",
		"Run jhconf collect as root (config space beyond 64 bytes is root-only)." },
	[JH_R_DISCOVER_UNPRIVILEGED] = { "DISCOVER-UNPRIVILEGED", W,
		"read without root rights",
		"Linux shows /proc/iomem without addresses, the ACPI tables not at all "
		"and config space only in part to users other than root; a listing is "
		"then incomplete and no root cell can be planned from it.",
		"Run as root, or work on a snapshot collected as root (jhconf collect)." },
	[JH_R_ROOT_JAILHOUSE_ENABLED] = { "ROOT-JAILHOUSE-ENABLED", E,
		"Jailhouse was enabled during collection",
		"With Jailhouse enabled, Linux sees the root cell's view of the "
		"machine, not the hardware's: the hypervisor's memory and devices are "
		"missing from it, so a configuration made from it would be wrong.",
		"Run jailhouse disable, then collect again." },
	[JH_R_CONSOLE_NO_SUCH_PORT] = { "CONSOLE-NO-SUCH-PORT", W,
		"the debug console does not exist",
		"The hypervisor prints to the debug console named in the system "
		"configuration; without one, its messages (and its panics) are lost.",
		"Choose an existing serial port with --console (jhconf list uart), or "
		"--console none." },
	[JH_R_CONSOLE_NO_UART] = { "CONSOLE-NO-UART", W,
		"no UART behind the debug console",
		"The kernel found no UART at the port (type 0); the hypervisor would "
		"write its messages to nothing.",
		"Choose a serial port that is present (jhconf list uart)." },
	[JH_R_CONSOLE_NO_PORT_FILE] = { "CONSOLE-NO-PORT-FILE", W,
		"the debug console's port is unknown",
		"The serial port's sysfs folder lacks its port (or iomem_base) file, "
		"so its address is unknown; the hypervisor cannot be given a console "
		"at an unknown address, so it gets none.",
		"Collect the snapshot again with /sys/class/tty/<port>/port (jhconf "
		"collect copies it)." },
	[JH_R_CONSOLE_ACCESS_MODE] = { "CONSOLE-ACCESS-MODE", W,
		"unsupported UART access mode",
		"Jailhouse's 8250 driver handles port I/O, and MMIO with 1-byte (8-bit) "
		"or 4-byte (32-bit) register spacing; other modes cannot be used.",
		"Choose another serial port with --console, or --console none." },
	[JH_R_ROOT_NO_MCFG] = { "ROOT-NO-MCFG", E,
		"no PCI MMCONFIG (ECAM)",
		"Jailhouse intercepts PCI config space through the memory-mapped "
		"MMCONFIG window that the ACPI MCFG table describes; a machine without "
		"it (such as QEMU's pc/i440fx) cannot be configured.",
		"Use a machine with PCI Express config space (QEMU: -machine q35)." },
	[JH_R_ROOT_MCFG_EMPTY] = { "ROOT-MCFG-EMPTY", E,
		"MCFG lists no MMCONFIG region",
		"The MCFG table exists but describes no config space window, which "
		"Jailhouse needs to intercept PCI config space.",
		"Update the firmware." },
	[JH_R_ROOT_MCFG_SEVERAL] = { "ROOT-MCFG-SEVERAL", E,
		"several MMCONFIG regions",
		"The system configuration has room for exactly one MMCONFIG window "
		"(pci_mmconfig_base, pci_mmconfig_end_bus); devices in further windows "
		"could not be intercepted.",
		"Disable the extra PCI segments in the firmware if it allows." },
	[JH_R_ROOT_MCFG_SEGMENT] = { "ROOT-MCFG-SEGMENT", E,
		"MMCONFIG region not for segment 0 from bus 0",
		"Jailhouse's MMCONFIG window starts at bus 0 of the configured PCI "
		"domain; a window that starts elsewhere does not match its layout.",
		"Update the firmware." },
	[JH_R_ROOT_NO_MEMORY] = { "ROOT-NO-MEMORY", E,
		"no memory region for the root cell",
		"The root cell needs its RAM and device memory as regions; none is "
		"left after the rules, so /proc/iomem is unusable.",
		"Collect /proc/iomem again, as root." },
	[JH_R_ROOT_PM_TIMER] = { "ROOT-PM-TIMER", E,
		"no (single) ACPI PM timer",
		"Jailhouse hands the ACPI PM timer's port to every cell "
		"(pm_timer_address, in the communication region) for timing and "
		"calibration; config create refuses a machine without exactly one.",
		"Enable ACPI in the firmware and kernel; collect /proc/ioports as root." },
	[JH_R_PM_TIMER_FADT] = { "PM-TIMER-FADT", W,
		"FADT and /proc/ioports disagree on the PM timer",
		"The FADT and the kernel place the ACPI PM timer at different ports; "
		"the kernel's view is used, as Jailhouse's config create does.",
		"Check the firmware; nothing to do when the kernel's port is right." },
	[JH_R_ROOT_NO_MADT] = { "ROOT-NO-MADT", E,
		"no MADT",
		"The MADT lists the IOAPICs, which the root cell must own as irqchips "
		"so that Jailhouse can route their interrupts.",
		"Enable ACPI in the firmware; collect /sys/firmware/acpi/tables/APIC." },
	[JH_R_ROOT_NO_DMAR] = { "ROOT-NO-DMAR", E,
		"no Intel IOMMU (VT-d)",
		"Jailhouse on Intel x86 needs VT-d (described by the DMAR table) to "
		"isolate each cell's DMA and interrupts.",
		"Enable VT-d in the firmware setup (QEMU: -device intel-iommu,intremap=on)." },
	[JH_R_ROOT_NO_IVRS] = { "ROOT-NO-IVRS", E,
		"no AMD IOMMU (AMD-Vi)",
		"Jailhouse on AMD x86 needs the AMD IOMMU (described by the IVRS table) "
		"to isolate each cell's DMA and interrupts.",
		"Enable the IOMMU in the firmware setup (QEMU: -device amd-iommu)." },
	[JH_R_IOMMU_TOO_MANY] = { "IOMMU-TOO-MANY", E,
		"more IOMMU units than Jailhouse supports",
		"The system configuration has room for 8 IOMMU units "
		"(JAILHOUSE_MAX_IOMMU_UNITS); devices behind further units could not "
		"be isolated.",
		"None within Jailhouse's limits; this machine is too big for it." },
	[JH_R_IOMMU_SEGMENT] = { "IOMMU-SEGMENT", E,
		"IOMMU on a PCI segment other than 0",
		"The root cell's configuration covers one PCI segment (0); an IOMMU "
		"unit for another segment cannot be described.",
		"Disable the other PCI segments in the firmware if it allows." },
	[JH_R_IOMMU_DMAR_NO_IOMEM] = { "IOMMU-DMAR-NO-IOMEM", E,
		"Intel IOMMU register size unknown",
		"Jailhouse maps each VT-d unit's registers with the size the kernel "
		"shows as a dmarN entry in /proc/iomem; the kernel drops the entry "
		"when it uses the unit neither for DMA nor for interrupt remapping, "
		"and then the size is unknown.",
		"Keep intel_iommu=off (Jailhouse needs it) and boot with interrupt "
		"remapping on (no intremap=off; in QEMU -device "
		"intel-iommu,intremap=on), then collect again." },
	[JH_R_IOMMU_DMAR_TOO_BIG] = { "IOMMU-DMAR-TOO-BIG", E,
		"Intel IOMMU registers larger than expected",
		"Jailhouse's config create accepts at most 0x3000 bytes of VT-d "
		"registers per unit.",
		"Check the dmarN entries in /proc/iomem; update the firmware." },
	[JH_R_IOMMU_AMD_NO_MSI] = { "IOMMU-AMD-NO-MSI", E,
		"AMD IOMMU without MSI",
		"Jailhouse takes over the AMD IOMMU's PCI function and signals its "
		"events through the function's MSI capability.",
		"Update the firmware." },
	[JH_R_IOMMU_IVRS_REVISION] = { "IOMMU-IVRS-REVISION", E,
		"IVRS revision too new",
		"Jailhouse's config create reads IVRS revisions up to 2.",
		"Update Jailhouse, or the firmware's IOMMU settings." },
	[JH_R_IOMMU_IVRS_NO_IVHD] = { "IOMMU-IVRS-NO-IVHD", E,
		"IVRS describes no IOMMU",
		"An IVRS table without IVHD blocks names no IOMMU unit, so no device "
		"could be isolated.",
		"Update the firmware; enable the IOMMU in its setup." },
	[JH_R_IOMMU_IVMD_ONE_DEVICE] = { "IOMMU-IVMD-ONE-DEVICE", W,
		"IVMD memory meant for one device",
		"The IVRS reserves memory for one device, but the root cell's "
		"configuration cannot restrict a region to a device: it is mapped for "
		"every device.",
		"Nothing to do unless the device is isolated from the others." },
	[JH_R_IOMMU_DEVICE_OUTSIDE] = { "IOMMU-DEVICE-OUTSIDE", E,
		"PCI device outside every IOMMU",
		"Every PCI device of a cell must sit behind an IOMMU unit, or its DMA "
		"could reach any memory, the hypervisor's included.",
		"Enable the IOMMU for all devices in the firmware, or remove the device." },
	[JH_R_PCI_MSIX_NOT_MEMORY] = { "PCI-MSIX-NOT-MEMORY", E,
		"MSI-X table not in a memory BAR",
		"Jailhouse intercepts each device's MSI-X table in memory space "
		"(msix_address); a table in an I/O BAR cannot be intercepted, so the "
		"device's interrupts could not be virtualized.",
		"Remove or disable the device (the rest of the machine is listed by "
		"jhconf list)." },
	[JH_R_WINDOW_MEMMAP_SEVERAL] = { "WINDOW-MEMMAP-SEVERAL", W,
		"several memmap reservations",
		"The first memmap=SIZE$START reservation of the kernel command line "
		"holds the hypervisor, as in Jailhouse's config create; the others are "
		"not used.",
		"Remove the reservations that are not for Jailhouse." },
	[JH_R_WINDOW_MEMMAP_TOO_SMALL] = { "WINDOW-MEMMAP-TOO-SMALL", E,
		"memmap reservation too small",
		"The hypervisor and the inmate memory live in the memmap= reservation; "
		"one smaller than both would overlap the root cell's RAM.",
		"Boot with the memmap= parameter given in the message." },
	[JH_R_WINDOW_MEMMAP_WRAPS] = { "WINDOW-MEMMAP-WRAPS", E,
		"memmap reservation wraps past 2^64",
		"A reservation whose end lies beyond the 64-bit address space is no "
		"reservation: the kernel cannot honour it, so the hypervisor would "
		"have no memory of its own.",
		"Fix the memmap=SIZE$START parameter." },
	[JH_R_WINDOW_MEMMAP_IN_RAM] = { "WINDOW-MEMMAP-IN-RAM", E,
		"memmap reservation not honoured",
		"/proc/iomem still lists part of the reservation as System RAM: the "
		"kernel did not reserve it (wrong syntax, escaping lost by the boot "
		"loader, or a region it could not reserve), so Linux uses the memory "
		"the hypervisor would be loaded into.",
		"Check /proc/cmdline for the exact memmap= text (GRUB needs \\$), "
		"reboot, and collect again." },
	[JH_R_WINDOW_MEMMAP_OVERLAP] = { "WINDOW-MEMMAP-OVERLAP", E,
		"memmap reservation overlaps other regions",
		"The reservation covers regions that are not reserved RAM (device "
		"memory, ACPI tables, ...): the hypervisor would be loaded over them.",
		"Choose a reservation inside System RAM that the kernel then lists as "
		"Reserved." },
	[JH_R_WINDOW_MEMMAP_UNUSABLE] = { "WINDOW-MEMMAP-UNUSABLE", E,
		"the memmap= reservation cannot hold Jailhouse",
		"The hypervisor's memory starts the reservation and Jailhouse maps it in "
		"4 KiB pages; a start inside a page, or an end above 2^52 (the highest "
		"physical address of x86-64), cannot be memory Jailhouse runs from.",
		"Boot with memmap=SIZE$START where START is a multiple of 0x1000 inside "
		"the machine's RAM (the hint jhconf prints without a reservation)." },
	[JH_R_WINDOW_MEMMAP_NOT_RESERVED] = { "WINDOW-MEMMAP-NOT-RESERVED", E,
		"the kernel did not reserve the memmap= range",
		"A memmap=SIZE$START the kernel honoured appears in /proc/iomem as a "
		"Reserved region. Without one the range is no memory the kernel knows "
		"(beyond the machine's RAM, say), and the driver's request for the "
		"hypervisor's memory would fail or hand it memory that is not there.",
		"Choose a START inside System RAM (see jhconf list mem), boot with it, "
		"and check /proc/iomem shows it as Reserved." },
	[JH_R_WINDOW_NO_ROOM] = { "WINDOW-NO-ROOM", E,
		"no RAM region can hold the hypervisor",
		"The hypervisor and the inmate memory need one contiguous piece of "
		"System RAM.",
		"Lower --mem-hv / --mem-inmates, or add RAM." },
	[JH_R_WINDOW_ADDRESS_NOT_RESERVED] = { "WINDOW-ADDRESS-NOT-RESERVED", W,
		"the window moves away from the kernel's reservation",
		"The kernel keeps out of the memmap= reservation only; until it boots "
		"with the reservation of the new place, the window lies in RAM the root "
		"Linux uses, and enabling Jailhouse would overwrite it.",
		"Boot with the new memmap= parameter (jhconf boot-entry writes it) "
		"before `jailhouse enable`." },
	[JH_R_WINDOW_LAST_RAM] = { "WINDOW-LAST-RAM", W,
		"hypervisor placed at the start of the last RAM region",
		"Without a memmap= reservation, the hypervisor goes to 0x3a000000 if "
		"RAM is there, else to the start of the last RAM region big enough, "
		"which may hold the running kernel.",
		"Reserve memory with the memmap= parameter printed by create." },
	[JH_R_ROOT_OVERLAPS_HV] = { "ROOT-OVERLAPS-HYPERVISOR", E,
		"a root cell region overlaps the hypervisor",
		"The root cell would get read/write access (and DMA) to the memory the "
		"hypervisor runs in, so Linux could overwrite it; jailhouse config "
		"check reports the same overlap.",
		"Check /proc/iomem for overlapping lines and the memmap= reservation." },
	[JH_R_ROOT_RAM_UNALIGNED] = { "ROOT-RAM-UNALIGNED", E,
		"a RAM region does not start on a page",
		"Jailhouse maps memory in pages; a region whose start is not page-aligned "
		"is handled as sub-page MMIO, every access trapped and emulated, which "
		"the root Linux's RAM cannot survive. The kernel lists System RAM on "
		"page boundaries, so such a line means a damaged /proc/iomem.",
		"Collect the snapshot again from the running kernel." },
	[JH_R_CELL_IOMMU_GROUP_SPLIT] = { "CELL-IOMMU-GROUP-SPLIT", W,
		"an IOMMU group is split between cells",
		"Linux puts PCI functions into one IOMMU group when the hardware cannot "
		"keep their DMA apart (no ACS between them). Jailhouse isolates by "
		"requester id and lets the split happen, but functions of one group may "
		"still reach each other's transactions through the fabric.",
		"Give the whole group to one cell, or check that the functions cannot "
		"peer with each other on this machine." },
	[JH_R_CELL_DEVICE_MOVED] = { "CELL-DEVICE-MOVED", W,
		"a cell's device moved to another slot",
		"The project keeps each device by its slot and its ids. When the slot "
		"no longer holds it but exactly one device with those ids exists, that "
		"is the same device moved (a device added to a QEMU command line moves "
		"the ones after it); the cell gets it at its new address, whose BARs "
		"and interrupts are those of the new slot.",
		"Check the device, then record the new slot: cell unassign and assign "
		"it again." },
	[JH_R_CELL_DEBUG_CONSOLE] = { "CELL-DEBUG-CONSOLE", W,
		"an inmate writes to the hypervisor's debug console",
		"The cell's ports include the UART the hypervisor prints on. Jailhouse "
		"allows it, and its own demo cells do it, but both write to one UART, "
		"so their lines interleave; and root, which lists the same UART, loses "
		"its ports while the cell runs.",
		"Give the cell another UART (--console ttyS1), or let it print through "
		"the hypervisor (flag virtual-console-permitted, no console of its "
		"own)." },
	/* readiness (core/readiness): the facts `jailhouse hardware check`
	 * tests live (tools/jailhouse-hardware-check) and those the
	 * hypervisor refuses at `jailhouse enable` (hypervisor/arch/x86/
	 * vmx.c, svm.c, vtd.c, amd_iommu.c), as far as a snapshot holds them */
	[JH_R_READY_ONE_CPU] = { "READY-ONE-CPU", E,
		"only one CPU",
		"Jailhouse partitions CPUs: the root cell keeps at least one and every "
		"other cell needs its own, so a machine with one logical CPU can run "
		"nothing beside Linux (the hardware check requires more than one).",
		"Give the machine more CPUs (QEMU: -smp 4), or enable the cores the "
		"firmware disabled." },
	[JH_R_READY_NO_LONG_MODE] = { "READY-NO-LONG-MODE", E,
		"no 64-bit mode",
		"The x86 hypervisor is a 64-bit program that runs the root Linux in "
		"long mode; a CPU without the lm flag cannot run it.",
		"Use an x86-64 CPU (QEMU: qemu-system-x86_64 with a 64-bit -cpu model)." },
	[JH_R_READY_CPU_VENDOR] = { "READY-CPU-VENDOR", E,
		"CPU is neither Intel nor AMD",
		"Jailhouse on x86 has two back ends, VT-x for GenuineIntel and SVM for "
		"AuthenticAMD; its hardware check rejects any other vendor.",
		"Use an Intel or AMD CPU (QEMU: an Intel -cpu model with +vmx, or -cpu "
		"EPYC)." },
	[JH_R_READY_CPU_FLAGS_DIFFER] = { "READY-CPU-FLAGS-DIFFER", E,
		"CPUs report different features",
		"The hypervisor sets every CPU up the same way from one set of "
		"features; Jailhouse's hardware check stops on CPUs whose flags "
		"differ.",
		"Give all CPUs the same model (one QEMU -cpu for all), check the "
		"firmware's per-core settings and microcode, then collect again." },
	[JH_R_READY_NO_VMX] = { "READY-NO-VMX", E,
		"no VT-x (VMX)",
		"Jailhouse on Intel runs the root Linux and every cell as VMX guests; "
		"without VT-x `jailhouse enable` fails. Linux hides the vmx flag also "
		"when the firmware left VT-x disabled (IA32_FEATURE_CONTROL).",
		"Enable Intel Virtualization Technology (VT-x) in the firmware setup. "
		"QEMU: run with KVM (-enable-kvm, kvm_intel nested=1 on the host) and "
		"-cpu host or -cpu ...,+vmx,+x2apic; TCG cannot emulate VT-x." },
	[JH_R_READY_NO_EPT] = { "READY-NO-EPT", E,
		"no EPT (extended page tables)",
		"Jailhouse confines each cell's memory with EPT, the second-level "
		"page tables of VT-x; it refuses a CPU without them.",
		"Use a CPU with EPT (Nehalem or later) and enable it in the firmware; "
		"QEMU with KVM: -cpu host on an EPT host (kvm_intel ept=1)." },
	[JH_R_READY_NO_UNRESTRICTED_GUEST] = { "READY-NO-UNRESTRICTED-GUEST", E,
		"no VMX unrestricted guest mode",
		"Cells start in real mode and the root Linux is taken over in any "
		"mode; Jailhouse requires VMX unrestricted guest support for that.",
		"Use a CPU with unrestricted guest (Westmere or later); QEMU with KVM: "
		"-cpu host on such a host." },
	[JH_R_READY_NO_PREEMPTION_TIMER] = { "READY-NO-PREEMPTION-TIMER", E,
		"no VMX preemption timer",
		"Jailhouse uses the VMX preemption timer to get control back from a "
		"cell (for example to handle a cell shutdown) and requires it.",
		"Use a CPU with the VMX preemption timer; QEMU with KVM: -cpu host "
		"(nested KVM offers it)." },
	[JH_R_READY_NO_VAPIC] = { "READY-NO-VAPIC", E,
		"no VMX APIC access virtualization",
		"Jailhouse traps the cells' xAPIC accesses through the 'virtualize "
		"APIC accesses' VMX control; the hardware check requires it.",
		"Use a CPU with FlexPriority / APIC virtualization; QEMU with KVM: "
		"-cpu host." },
	[JH_R_READY_NO_VMX_WAITPKG] = { "READY-NO-VMX-WAITPKG", E,
		"TPAUSE/UMWAIT cannot be given to cells",
		"A CPU whose flags list waitpkg lets software use TPAUSE, UMONITOR and "
		"UMWAIT; Jailhouse then requires the VMX control that enables them in "
		"guests ('usr_wait_pause' in vmx flags) and refuses to enable without "
		"it. Jailhouse's hardware check does not test this.",
		"Use a CPU (or a QEMU/KVM -cpu model) whose VMX offers the "
		"TPAUSE/UMWAIT control, or one without waitpkg (QEMU: -cpu ...,-waitpkg)." },
	[JH_R_READY_NO_X2APIC] = { "READY-NO-X2APIC", JH_SEV_INFO,
		"no x2APIC (optional)",
		"Jailhouse handles xAPIC and x2APIC; x2APIC is faster (MSRs instead of "
		"trapped MMIO) and needs interrupt remapping with extended interrupt "
		"mode in the IOMMU.",
		"Nothing needed; for speed give the CPU x2APIC (QEMU: -cpu ...,+x2apic, "
		"on Intel with -device intel-iommu,intremap=on,x-buggy-eim=on)." },
	[JH_R_READY_DMAR_NO_INTR_REMAP] = { "READY-DMAR-NO-INTR-REMAP", E,
		"VT-d without interrupt remapping",
		"Jailhouse isolates each cell's interrupts with VT-d interrupt "
		"remapping and refuses an IOMMU unit without it; the DMAR table's "
		"INTR_REMAP flag says the platform lacks it.",
		"Enable interrupt remapping (VT-d) in the firmware setup; QEMU: "
		"-machine q35,kernel_irqchip=split -device intel-iommu,intremap=on,"
		"x-buggy-eim=on." },
	[JH_R_READY_INTEL_IOMMU_ON] = { "READY-INTEL-IOMMU-ON", E,
		"Linux uses VT-d for DMA",
		"The hypervisor takes the VT-d units over at `jailhouse enable` and "
		"refuses units whose DMA translation Linux has already enabled; the "
		"root Linux must leave DMA remapping to Jailhouse (interrupt "
		"remapping alone is fine).",
		"Boot with intel_iommu=off (add it to the boot entry; GRUB: "
		"GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub)." },
	[JH_R_READY_NO_SVM] = { "READY-NO-SVM", E,
		"no AMD-V (SVM)",
		"Jailhouse on AMD runs the root Linux and every cell as SVM guests; "
		"without SVM `jailhouse enable` fails. Linux hides the svm flag also "
		"when the firmware disabled SVM.",
		"Enable SVM mode in the firmware setup. QEMU: -cpu EPYC (works under "
		"TCG too) or -enable-kvm -cpu host with kvm_amd nested=1 on the host." },
	[JH_R_READY_NO_NPT] = { "READY-NO-NPT", E,
		"no NPT (nested page tables)",
		"Jailhouse confines each cell's memory with AMD's nested page tables "
		"and refuses a CPU without them.",
		"Use a CPU with NPT (RVI); QEMU: -cpu EPYC." },
	[JH_R_READY_NO_DECODE_ASSISTS] = { "READY-NO-DECODE-ASSISTS", W,
		"no SVM decode assists (recommended)",
		"With decode assists the CPU tells Jailhouse which instruction trapped; "
		"without them the hypervisor decodes it itself, which works but is "
		"slower. Jailhouse's documentation recommends them.",
		"Use a CPU with decode assists (QEMU with KVM: -cpu host on such a "
		"host; TCG's EPYC lacks them)." },
	[JH_R_READY_NO_AVIC] = { "READY-NO-AVIC", JH_SEV_INFO,
		"no AVIC (optional)",
		"Jailhouse uses AMD's AVIC to speed up APIC accesses when the CPU has "
		"it and traps them otherwise.",
		"Nothing needed." },
	[JH_R_READY_NO_FLUSH_BY_ASID] = { "READY-NO-FLUSH-BY-ASID", JH_SEV_INFO,
		"no flush by ASID (optional)",
		"Jailhouse flushes a cell's TLB entries by ASID when the CPU can, and "
		"the whole TLB otherwise.",
		"Nothing needed." },
	[JH_R_READY_AMD_IOMMU_NO_EFR] = { "READY-AMD-IOMMU-NO-EFR", E,
		"AMD IOMMU without extended feature register",
		"Jailhouse reads the AMD IOMMU's features (SMI filter, hardware "
		"events) from its extended feature register; the hardware check "
		"requires the capability to announce one (EFRSup).",
		"Update the firmware, or use a newer AMD IOMMU." },
	[JH_R_READY_AMD_IOMMU_BASE] = { "READY-AMD-IOMMU-BASE", E,
		"AMD IOMMU base register locked elsewhere",
		"The IOMMU's PCI capability holds its MMIO base; when it is enabled "
		"there at an address other than the IVRS one, Jailhouse cannot place "
		"the unit and refuses to enable.",
		"Check the firmware's IOMMU settings; collect again after a cold boot." },
	[JH_R_READY_AMD_IOMMU_SMI_FILTER] = { "READY-AMD-IOMMU-SMI-FILTER", E,
		"AMD IOMMU without SMI filter",
		"Jailhouse requires the AMD IOMMU's SMI filter, to keep devices from "
		"raising system management interrupts, and stops `jailhouse enable` "
		"with an I/O error without it (QEMU's emulated AMD IOMMU lacks it).",
		"Use AMD IOMMU hardware with SMI filter support (the extended feature "
		"register's SMIFSup field)." },
	[JH_R_READY_AMD_IOMMU_ON] = { "READY-AMD-IOMMU-ON", E,
		"Linux uses the AMD IOMMU",
		"The hypervisor takes the AMD IOMMU over at `jailhouse enable` with its "
		"own device table and without interrupt remapping, so interrupts Linux "
		"had remapped stop arriving; the root Linux must not own the IOMMU "
		"(seen in jhconf's hypervisor test).",
		"Boot with amd_iommu=off (add it to the boot entry; GRUB: "
		"GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub)." },
	[JH_R_READY_MEMMAP_MISSING] = { "READY-MEMMAP-MISSING", E,
		"no memmap= reservation",
		"The hypervisor and the inmate cells live in RAM that Linux must never "
		"use, reserved at boot with memmap=SIZE$START; without it the driver "
		"cannot take the hypervisor's memory and `jailhouse enable` fails.",
		"Boot with the memmap= parameter jhconf prints (quote it: single quotes "
		"in a shell, \\$ in GRUB's files: memmap=82M\\$0x3a000000)." },
	[JH_R_READY_LIVE_ONLY] = { "READY-LIVE-ONLY", JH_SEV_INFO,
		"only a live check can tell",
		"Some requirements live in model-specific registers (IA32_VMX_*) or in "
		"the IOMMU's registers, which neither /proc/cpuinfo nor the ACPI "
		"tables show; a snapshot cannot know them.",
		"On the machine itself, as root: jailhouse hardware check (it reads "
		"the MSRs through /dev/cpu/N/msr and the IOMMU through /dev/mem)." },
	/* ---- check: explained validation of a set of cells (core/check) ----
	 * Sources: J = Jailhouse master e57d1eff; "config check" is
	 * tools/jailhouse-config-check; errno values are what
	 * `jailhouse enable` / `jailhouse cell create` then print. */
	[JH_R_CHK_ARCH] = { "CELL-ARCHITECTURE", E,
		"a cell is not an x86 cell",
		"The driver refuses a cell whose architecture byte differs from the "
		"machine's (driver/cell.c), and jailhouse config check stops at the "
		"same mismatch. jhconf knows x86 only.",
		"Use a cell configuration built for x86 (include/arch/x86)." },
	[JH_R_CHK_REVISION] = { "CELL-REVISION-MISMATCH", E,
		"cells of different configuration revisions",
		"The driver refuses a configuration whose revision is not the one it "
		"was built with, EINVAL (driver/main.c at enable, driver/cell.c at cell "
		"create): every file of a set must have the revision of the running "
		"Jailhouse.",
		"Write every file in one revision: jhconf convert --config-revision N." },
	[JH_R_CHK_MEM_OVERLAP] = { "MEM-OVERLAP-IN-CELL", E,
		"two regions of one cell overlap",
		"Jailhouse maps each region in turn; where two overlap (physically or "
		"in the cell's view), the later mapping silently replaces the earlier, "
		"with its flags. jailhouse config check reports this.",
		"Split or shrink the regions so that none share an address." },
	[JH_R_CHK_MEM_HV] = { "MEM-OVER-HYPERVISOR", E,
		"a cell region overlaps the hypervisor",
		"A cell that maps the hypervisor's memory can overwrite the hypervisor "
		"and every other cell's state; jailhouse config check reports this.",
		"Move the region, or the hypervisor memory (and its memmap=)." },
	[JH_R_CHK_MEM_MMCONFIG] = { "MEM-OVER-MMCONFIG", E,
		"a region maps the PCI MMCONFIG window",
		"The hypervisor must trap every access to PCI configuration space to "
		"keep devices apart; a region over MMCONFIG lets the cell reach it "
		"directly. Users add such regions to silence `Invalid PCI MMCONFIG "
		"write`, which hides the real problem. jailhouse config check reports "
		"this.",
		"Remove the region; list the device (and its capabilities) instead." },
	[JH_R_CHK_MEM_IOMMU] = { "MEM-OVER-IOMMU", E,
		"a region maps an IOMMU's registers",
		"The IOMMU keeps DMA inside each cell; a cell that can program it can "
		"reach all memory. jailhouse config check reports this.",
		"Remove the region or cut the IOMMU's page out of it." },
	[JH_R_CHK_MEM_APIC] = { "MEM-OVER-APIC", E,
		"a region maps the local APIC or an IOAPIC page",
		"The hypervisor emulates the xAPIC page and the IOAPICs to keep "
		"interrupts inside each cell; a direct mapping bypasses that. jailhouse "
		"config check reports this.",
		"Remove the region or cut the APIC/IOAPIC page out of it." },
	[JH_R_CHK_CPU0] = { "CELL-CPU0", E,
		"an inmate cell has CPU 0",
		"Linux cannot give CPU 0 away on x86; the driver refuses the cell with "
		"`Cannot assign CPU 0 to other cells`, EINVAL (driver/cell.c).",
		"Take CPU 0 out of the cell's CPU set." },
	[JH_R_CHK_CPU_NOT_ROOT] = { "CELL-CPU-NOT-IN-ROOT", E,
		"an inmate's CPU is not the root cell's",
		"A cell takes its CPUs from the root cell; a CPU root does not own is "
		"refused at cell create, EBUSY (driver/cell.c, hypervisor/control.c).",
		"Give the cell only CPUs of the root cell's set." },
	[JH_R_CHK_CPU_SHARED] = { "CELL-CPU-SHARED", E,
		"two inmate cells share a CPU",
		"The first cell created takes the CPU from root; the second is then "
		"refused, EBUSY (driver/cell.c). Such cells can only run one at a time, "
		"which nothing but this check tells.",
		"Give each inmate cell its own CPUs." },
	[JH_R_CHK_ROOT_NO_CPUS] = { "ROOT-NO-CPUS-LEFT", E,
		"the root cell keeps no CPU",
		"With every inmate running, root Linux would need a CPU to run on; "
		"the last one cannot be offlined (and CPU 0 never is), so one cell "
		"create fails.",
		"Leave at least CPU 0 to the root cell." },
	[JH_R_CHK_NAME_TAKEN] = { "CELL-NAME-TAKEN", E,
		"two cells have the same name",
		"The hypervisor refuses a cell whose name is taken, EEXIST "
		"(hypervisor/control.c cell_create).",
		"Rename one of them." },
	[JH_R_CHK_CONFIG_TOO_BIG] = { "CELL-CONFIG-TOO-BIG", E,
		"a cell configuration is too big",
		"The hypervisor maps a cell's configuration through 16 temporary pages "
		"and refuses a larger one, E2BIG (hypervisor/control.c, "
		"NUM_TEMPORARY_PAGES in asm/paging.h).",
		"Merge regions or drop unused devices and capabilities." },
	[JH_R_CHK_CPUSET_TOO_BIG] = { "CELL-CPUSET-TOO-BIG", E,
		"a CPU set larger than a page",
		"The hypervisor refuses a CPU bitmap of more than 4096 bytes, EINVAL "
		"(hypervisor/control.c cell_init).",
		"Shorten cpu_set to the bytes the highest CPU needs." },
	[JH_R_CHK_HV_MEM_SMALL] = { "HV-MEM-TOO-SMALL", E,
		"hypervisor memory too small for the CPUs",
		"The driver refuses to enable when the hypervisor memory cannot hold "
		"the hypervisor, one per-CPU area for each CPU up to the root cell's "
		"highest, and the configuration, EINVAL (driver/main.c). A per-CPU area "
		"holds at least a stack, VMXON/VMCS (or VMCB and host save area) and a "
		"page table root: four pages (hypervisor/include/jailhouse/percpu.h).",
		"Give the hypervisor more memory (--mem-hv) and reserve it with memmap=." },
	[JH_R_CHK_HV_MEM_TIGHT] = { "HV-MEM-TIGHT", W,
		"hypervisor memory tight for the CPU count",
		"Besides per-CPU areas the hypervisor's page pool holds page tables "
		"and cell state; a 128-CPU machine failed with ENOMEM at 6 MiB and "
		"worked at 32 MiB (jailhouse-dev, \"enter_hypervisor returns -ENOMEM\", "
		"2022-11). jhconf warns below 1 MiB plus 64 KiB per CPU.",
		"Give the hypervisor more memory (--mem-hv)." },
	[JH_R_CHK_IRQCHIP_COUNT] = { "IRQCHIP-TOO-MANY", E,
		"more IOAPICs than the hypervisor handles",
		"The hypervisor keeps at most 85 IOAPICs (a page of per-chip state) and "
		"refuses a cell listing more, or a set naming more distinct ones, "
		"ERANGE (hypervisor/arch/x86/ioapic.c).",
		"List each IOAPIC once." },
	[JH_R_CHK_IRQCHIP_PIN_BASE] = { "IRQCHIP-PIN-BASE", E,
		"an IOAPIC entry with a pin_base",
		"On x86 the hypervisor refuses an irqchip whose pin_base is not 0, "
		"EINVAL (hypervisor/arch/x86/ioapic.c).",
		"Set pin_base to 0; pins are counted from the chip's first." },
	[JH_R_CHK_IRQCHIP_PIN_RANGE] = { "IRQCHIP-PIN-RANGE", W,
		"an inmate has IOAPIC pins beyond 119",
		"The hypervisor refuses IOAPICs with more than 120 pins (EIO, "
		"hypervisor/arch/x86/ioapic.c), so an inmate's pin past 119 names a pin "
		"no accepted chip has. (Root cells list all 128 bits, as jailhouse "
		"config create writes them: that is how root takes every pin.)",
		"Clear the pin bits above 119." },
	[JH_R_CHK_IRQ_PIN_SHARED] = { "IRQCHIP-PIN-SHARED", E,
		"two inmate cells own one IOAPIC pin",
		"A cell takes its pins from root; the hypervisor does not check that "
		"root still owns them (hypervisor/arch/x86/ioapic.c), so the second "
		"cell silently gets the other's interrupt line.",
		"Give each pin to one cell." },
	[JH_R_CHK_IOMMU_INDEX] = { "PCI-IOMMU-INDEX", E,
		"a device names an IOMMU unit that does not exist",
		"A device is attached to the IOMMU unit its `iommu` field indexes; "
		"an index of 8 or more is refused, ERANGE (hypervisor/arch/x86/"
		"amd_iommu.c), and an unused unit's slot has no registers to program.",
		"Set the device's iommu index to the unit that covers it." },
	[JH_R_CHK_VTD_LIMIT] = { "VTD-INTERRUPT-LIMIT", E,
		"interrupt remapping table too small",
		"On VT-d every MSI/MSI-X vector of a device (the larger count) and every "
		"IOAPIC pin gets an interrupt remapping entry out of "
		"vtd_interrupt_limit; when the devices' vectors alone do not fit, "
		"enable or cell create fails with E2BIG, and a limit above 32768 is "
		"refused with EINVAL (hypervisor/arch/x86/vtd.c).",
		"Raise vtd_interrupt_limit to a power of two above the sum." },
	[JH_R_CHK_VTD_TIGHT] = { "VTD-INTERRUPT-TIGHT", W,
		"interrupt remapping table may be too small",
		"Each IOAPIC takes as many remapping entries as it has pins, up to 120 "
		"(more are refused); the configuration does not say how many, so "
		"jailhouse config create reserves 120 per chip beside the devices' "
		"vectors (tools/jailhouse-config-create). Below that, enable may fail "
		"with E2BIG (hypervisor/arch/x86/vtd.c).",
		"Raise vtd_interrupt_limit to the next power of two of 120 per IOAPIC "
		"plus the vectors." },
	[JH_R_CHK_CACHE] = { "CELL-CACHE-INVALID", E,
		"a cache (CAT) region the hypervisor refuses",
		"On machines with Cache Allocation Technology the hypervisor accepts "
		"exactly one L3 cache region of non-zero size per cell, else EINVAL "
		"(hypervisor/arch/x86/cat.c).",
		"Keep one region of type L3 with a size." },
	[JH_R_CHK_IVSHMEM_REGIONS] = { "IVSHMEM-REGIONS", E,
		"an ivshmem device's regions run past the cell's",
		"An ivshmem device uses the state, read/write and one output region per "
		"peer from shmem_regions_start on; past the cell's region count the "
		"hypervisor refuses it, EINVAL (hypervisor/ivshmem.c).",
		"Fix shmem_regions_start / shmem_peers or add the regions." },
	[JH_R_CHK_IVSHMEM_VECTORS] = { "IVSHMEM-VECTORS", E,
		"an ivshmem device with more than 16 MSI-X vectors",
		"The virtual device has 16 MSI-X vectors; more are refused, EINVAL "
		"(hypervisor/ivshmem.c).",
		"Use 16 vectors or fewer." },
	[JH_R_CHK_IVSHMEM_DEV_ID] = { "IVSHMEM-DEV-ID", E,
		"an ivshmem peer id out of range",
		"Peer ids go up to 11 (12 peers at most); a larger one is refused, "
		"EINVAL (hypervisor/ivshmem.c). An id not below the link's peer count "
		"has no output region of its own.",
		"Number the link's peers 0 to peers-1." },
	[JH_R_CHK_IVSHMEM_ID_TAKEN] = { "IVSHMEM-DEV-ID-TAKEN", E,
		"two ivshmem peers with one id",
		"Endpoints of one link (one BDF) need distinct ids; the second is "
		"refused, EBUSY (hypervisor/ivshmem.c).",
		"Give each peer of the link its own shmem_dev_id." },
	[JH_R_CHK_IVSHMEM_PEERS] = { "IVSHMEM-PEER-MISMATCH", E,
		"ivshmem peers disagree",
		"The hypervisor connects endpoints by BDF alone and never compares "
		"their peer counts, protocols or regions (hypervisor/ivshmem.c): peers "
		"that disagree talk past each other or write into memory the other "
		"does not read (Documentation/inter-cell-communication.md).",
		"Give every peer the same regions (addresses, sizes), peer count and "
		"protocol (virtio: front end and back end of one device type)." },
	[JH_R_CHK_IVSHMEM_LONE] = { "IVSHMEM-PEER-MISSING", I,
		"an ivshmem link without its peer in this set",
		"Only one endpoint of the link is among the cells checked; its peer "
		"may be a cell not given.",
		"Check the peer's cell with the others." },
	[JH_R_CHK_IVSHMEM_BDF] = { "IVSHMEM-BDF-TAKEN", E,
		"an ivshmem device at a real device's BDF",
		"The virtual device answers configuration accesses at its BDF; a real "
		"device there would be hidden or clash with it.",
		"Put the link at a free BDF." },
	[JH_R_CHK_MEM_CELLS] = { "MEM-OVERLAP-CELLS", E,
		"two inmate cells map the same memory",
		"The hypervisor unmaps a cell's memory from root only; it never "
		"compares inmates with each other (hypervisor/control.c), and "
		"jailhouse config check neither, so both cells silently share it.",
		"Give each cell its own memory, or share it through an ivshmem link "
		"(or ROOTSHARED on both)." },
	[JH_R_CHK_MEM_UNALIGNED] = { "MEM-UNALIGNED", E,
		"a region is not page-aligned",
		"Jailhouse maps whole pages: an unaligned physical start is silently "
		"rounded down, and an unaligned size or cell address turns the region "
		"into emulated sub-page MMIO (JAILHOUSE_MEMORY_IS_SUBPAGE), which fails "
		"with `Overflow during MMIO region registration` (jailhouse-dev, "
		"\"Overflow in MMIO registration\", 2021-02); config check passes it.",
		"Align start and size to 4 KiB." },
	[JH_R_CHK_MEM_SUBPAGE_IO] = { "MEM-SUBPAGE-IO", W,
		"an I/O region smaller than a page",
		"An IO region whose size or cell address is not page-aligned is "
		"emulated access by access (sub-page MMIO): it works but every access "
		"traps, and the cell's sub-page regions share a limited table.",
		"Map whole pages if the device allows it." },
	[JH_R_CHK_LOADABLE_OUTSIDE_ROOT] = { "CELL-LOADABLE-OUTSIDE-ROOT", E,
		"loadable cell memory the root cell does not map",
		"`jailhouse cell load` maps LOADABLE regions back into root only where "
		"root's own regions cover them (hypervisor/control.c "
		"remap_to_root_cell); outside, the driver's copy faults in root.",
		"Put the cell's RAM inside a root region (the inmate window)." },
	[JH_R_CHK_MEM_NOT_IN_ROOT] = { "CELL-MEM-NOT-IN-ROOT", W,
		"cell memory the root cell does not own",
		"The hypervisor maps whatever a cell lists, and gives it back to root "
		"on destroy only where root lists it; memory root does not know may be "
		"in use by something the configuration does not describe.",
		"Check the address; add it to root's regions if it is meant to move." },
	[JH_R_CHK_PCI_SHARED] = { "PCI-DEVICE-SHARED", E,
		"a PCI device given to two inmate cells",
		"A device belongs to one cell at a time; the second cell takes it away "
		"from the first without any check (hypervisor/pci.c).",
		"Give the device to one cell." },
	[JH_R_CHK_PCI_NOT_IN_ROOT] = { "PCI-DEVICE-NOT-IN-ROOT", W,
		"an inmate's device the root cell does not list",
		"A device returns to root on destroy only when root lists it "
		"(hypervisor/pci.c); a device root does not list may not exist.",
		"Add the device to the root cell, or check its BDF." },
	[JH_R_CHK_PIO_SHARED] = { "PIO-SHARED", W,
		"two inmate cells share I/O ports",
		"A cell takes its ports from root; a second cell with the same ports "
		"takes them as well, and whichever runs second sees the other's UART or "
		"device (jailhouse-dev, \"Overflow in MMIO registration\", 2021-02). "
		"Jailhouse's own demos share the serial ports, which works only while "
		"they do not run at once.",
		"Give each cell its own ports (another UART), or run them one at a time." },
	[JH_R_CHK_MSIX_MAPPED] = { "PCI-MSIX-MAPPED", E,
		"a device's MSI-X table is mapped",
		"The hypervisor intercepts the MSI-X table page to remap interrupts; "
		"a region over it lets the cell program interrupts into any cell.",
		"Cut the MSI-X page (msix_address, msix_region_size) out of the region." },
	[JH_R_CHK_BAR_UNMAPPED] = { "PCI-BAR-NOT-MAPPED", W,
		"an assigned device's BAR is not mapped",
		"An inmate reaches its device's registers only through memory regions "
		"and port ranges; a BAR left out faults with `Invalid MMIO/RAM read` "
		"or `Invalid PIO read` when the driver touches it.",
		"Add a region (without the MSI-X page) or a port range for the BAR." },
	[JH_R_CHK_PCI_BRIDGE] = { "PCI-BEHIND-PCI-BRIDGE", W,
		"a device behind a conventional PCI bridge",
		"Behind a PCIe-to-PCI bridge every device's DMA carries the bridge's "
		"requester id, which the IOMMU maps for whichever cell owns the "
		"bridge, not the device.",
		"Give the devices behind the bridge to the cell that owns the bridge." },
	[JH_R_CHK_PCI_AER] = { "PCI-AER-NATIVE", W,
		"an inmate's device with AER while Linux handles AER",
		"When the root Linux lets go of a PCI Express device before the "
		"handover, its AER code clears the error reporting bits of the "
		"device's Device Control register; the root cell may only read that "
		"capability, so the hypervisor stops the root CPU (\"Invalid PCI "
		"config write\"). jhconf's hypervisor test met it with the e1000e.",
		"Boot the root Linux with pci=noaer (jhconf boot-entry does not add it "
		"for you: AER is worth keeping where no device changes hands)." },
	[JH_R_CHK_NO_COMM] = { "CELL-NO-COMM-REGION", W,
		"an inmate without a comm region at 0x100000",
		"The x86 inmate library and Linux inmates find the communication "
		"region at 0x100000 (inmates/lib/x86/include/inmate.h); without it the "
		"cell cannot answer the hypervisor's messages nor read its "
		"parameters.",
		"Add {virt 0x100000, size 0x1000, READ|WRITE|COMM_REGION}." },
	[JH_R_CHK_NO_RAM_AT_RESET] = { "CELL-NO-RAM-AT-RESET", E,
		"no executable RAM at the cell's reset address",
		"An x86 cell starts in real mode at cpu_reset_address (0 for every "
		"demo; hypervisor/arch/x86/vmx.c, svm.c); without RAM there its first "
		"instruction fetch fails with `Invalid MMIO/RAM read`.",
		"Map the cell's RAM at virt 0 (READ|WRITE|EXECUTE|LOADABLE)." },
	[JH_R_CHK_ROOT_IOMMU] = { "ROOT-IOMMU-IN-USE", W,
		"root Linux may use the Intel IOMMU",
		"The hypervisor takes the VT-d units over at enable and refuses one "
		"whose DMA remapping Linux has turned on, EBUSY (hypervisor/arch/x86/"
		"vtd.c vtd_init); Jailhouse's README asks for intel_iommu=off on the "
		"root kernel's command line. The machine's command line does not say "
		"off (it may say on, or leave it to the kernel's default).",
		"Add intel_iommu=off to the root kernel's command line and reboot." },
	[JH_R_CHK_INCOMPLETE] = { "CHECK-INCOMPLETE", E,
		"the cells are too large to check",
		"jhconf compares regions, ports, pins and devices pair by pair and "
		"stops after 2*10^8 comparisons rather than run for hours; the cells "
		"were not all checked, so they are not called clean. Real sets need a "
		"few thousand (an inmate's configuration is at most 16 pages).",
		"Check fewer or smaller cells; a root cell of tens of thousands of "
		"regions is not one Jailhouse's tools write." },
	[JH_R_CHK_VTD_DMA_ADDRESS] = { "VTD-DMA-ADDRESS", E,
		"a DMA region beyond the IOMMU's address width",
		"VT-d maps a cell's DMA regions at their cell addresses; one whose "
		"virt_start does not fit the page tables' width (39 bits with 3 "
		"levels, 48 with 4, the most VT-d has) is refused, E2BIG "
		"(hypervisor/arch/x86/vtd.c iommu_map_memory_region).",
		"Map the region lower in the cell, or drop its DMA flag." },
};

const struct jh_rule *jh_rule_get(enum jh_rule_id id)
{
	return (unsigned)id < JH_R_COUNT ? &rules[id] : NULL;
}

const struct jh_rule *jh_rule_find(const char *id)
{
	for (size_t i = 0; i < JH_R_COUNT; i++)
		if (rules[i].id && !strcmp(rules[i].id, id))
			return &rules[i];
	return NULL;
}

const char *jh_severity_name(enum jh_severity s)
{
	switch (s) {
	case JH_SEV_ERROR:
		return "error";
	case JH_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}
