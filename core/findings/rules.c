/* The rule table: one row per rule, in enum jh_rule_id order. The "why"
 * texts state what Jailhouse (master) does with the fact, from its
 * hypervisor and tools sources; the fixes say what to change. */
#include "findings/findings.h"

#include <string.h>

#define E JH_SEV_ERROR
#define W JH_SEV_WARNING

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
