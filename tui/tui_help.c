/* SPDX-License-Identifier: GPL-2.0-only */
/* The help text of every menu item, in one table: what the item is and
 * what Jailhouse does with it. Findings bring their own (the rule's why
 * and fix, core/findings/rules.c). */
#include "tui.h"

#include <string.h>

static const struct {
	const char *key, *text;
} help[] = {
	{ "main.readiness", "Readiness: what the machine must offer before Jailhouse can be "
	  "enabled (CPU virtualization, an IOMMU, MMCONFIG, the PM timer, the kernel "
	  "parameter), each with what to change." },
	{ "ready.virt", "Jailhouse runs cells with Intel VT-x or AMD-V. Turn it on in the "
	  "firmware setup (often \"Virtualization Technology\"); in QEMU use -cpu host with "
	  "KVM and nested virtualization (kvm_intel nested=1)." },
	{ "ready.iommu", "Jailhouse needs an IOMMU (Intel VT-d or AMD-Vi) to keep each cell's "
	  "DMA and interrupts to itself. Turn it on in the firmware; in QEMU add "
	  "-device intel-iommu,intremap=on,x-buggy-eim=on (q35)." },
	{ "ready.mcfg", "Jailhouse reaches PCI config space through MMCONFIG (ECAM), which "
	  "the ACPI MCFG table describes. A q35 machine has it; i440fx does not." },
	{ "ready.pmtimer", "Jailhouse calibrates its timers with the ACPI PM timer (the FADT's "
	  "PM_TMR_BLK). A machine without one cannot run it." },
	{ "ready.cmdline", "The root Linux must leave the hypervisor's window alone: add the "
	  "memmap= parameter shown to the kernel command line of the boot entry (in GRUB "
	  "write the $ as \\$) and reboot." },
	{ "ready.enabled", "While Jailhouse is enabled the root cell sees only what its "
	  "configuration gives it; discover the machine with Jailhouse disabled." },
	{ "main.system", "System shows what discovery found: memory regions, PCI devices, "
	  "interrupt controllers, I/O ports, CPUs, IOMMU units and serial ports. Jailhouse "
	  "gives the root cell all of it and moves pieces to inmate cells." },
	{ "main.hypervisor", "Hypervisor: the window of RAM Jailhouse lives in (its own part "
	  "and the part inmates get their memory from) and its debug console." },
	{ "main.cells", "Cells: the root cell (the Linux you boot) and the inmate cells you "
	  "carve out of it: their CPUs, memory, devices, interrupt pins, ports, console." },
	{ "main.findings", "Findings: every problem of the plan with why Jailhouse cares and "
	  "what to change; checked again after each change." },
	{ "main.generate", "Generate: write the root cell's and every inmate cell's "
	  "configuration (.c source and compiled .cell), as `jhconf generate` does." },
	{ "main.theme", "The colours: classic (menuconfig's blue), dark, mono. Enter steps "
	  "through them; --theme NAME or JHCONF_THEME chooses at start." },
	{ "system.memory", "The physical address space from /proc/iomem with owners laid "
	  "over it: the root cell's RAM, the hypervisor's window, inmates' memory, ivshmem, "
	  "device memory and reserved ranges." },
	{ "system.pci", "A PCI function. The root cell lists every device; Jailhouse moves "
	  "a device to an inmate at cell create and back at destroy. Enter opens its page." },
	{ "system.ioapic", "An IOAPIC and the interrupt pins (GSIs) the root cell may use. "
	  "Jailhouse gives an inmate the pins its configuration names." },
	{ "system.ports", "An I/O port range from /proc/ioports. The root cell may access "
	  "the ports its configuration allows; the others trap." },
	{ "system.cpus", "A CPU and the cell it runs. Jailhouse takes an inmate's CPUs "
	  "offline in Linux and starts the inmate on them." },
	{ "system.iommu", "An IOMMU unit (Intel VT-d or AMD-Vi). Jailhouse needs it to keep "
	  "a device's DMA inside its cell." },
	{ "system.uarts", "A serial port: a candidate for the hypervisor's debug console or "
	  "an inmate's console." },
	{ "memory.region", "A region of the physical address space: its range, its size, "
	  "what /proc/iomem calls it and who owns it in the plan." },
	{ "owner.root", "Owned by the root cell: Linux keeps using it." },
	{ "owner.inmate", "Given to an inmate cell: Jailhouse maps it into that cell only." },
	{ "owner.hv", "The hypervisor's own memory: no cell may touch it." },
	{ "owner.window", "The inmates' part of the window, not given to a cell yet." },
	{ "owner.ivshmem", "Shared memory of an ivshmem link between cells." },
	{ "owner.mmio", "Device memory (MMIO): a device's registers." },
	{ "owner.reserved", "Reserved by the firmware or ACPI." },
	{ "device.slot", "The PCI address: domain:bus:device.function." },
	{ "device.name", "The vendor and device names from pci.ids." },
	{ "device.ids", "Vendor:device, the subsystem ids, the class code and revision as "
	  "config space gives them." },
	{ "device.driver", "The Linux driver bound to it now. Unbind it before giving the "
	  "device to an inmate cell." },
	{ "device.cell", "The cell the plan gives the device to." },
	{ "device.group", "The Linux IOMMU group: devices of one group share DMA isolation, "
	  "so they belong in one cell." },
	{ "device.iommu", "The IOMMU unit that translates the device's DMA: the planner "
	  "writes its index into the device's entry of the cell." },
	{ "device.irq", "The legacy interrupt line Linux uses for it." },
	{ "device.bar", "A base address register: the memory or port range of the device. "
	  "Jailhouse maps a device's BARs into the cell that owns it." },
	{ "device.cap", "A PCI capability. Jailhouse lets a cell read the capabilities its "
	  "configuration lists and write only those marked writable." },
	{ "device.msi", "MSI: message-signalled interrupts. Jailhouse remaps them through "
	  "the IOMMU's interrupt remapping." },
	{ "device.msix", "MSI-X: the vector table lives in a BAR; Jailhouse intercepts it." },
	{ "hv.mem_hv", "The hypervisor's own memory at the start of the window (default "
	  "6 MiB): code, page tables, per-CPU data." },
	{ "hv.mem_inmates", "Memory for all inmate cells together, after the hypervisor's "
	  "part of the window (default 76 MiB)." },
	{ "hv.console", "The serial port the hypervisor (or a cell) prints to; none for "
	  "no output." },
	{ "hv.window", "Where the window lies: a piece of System RAM that Linux must leave "
	  "alone (the memmap= reservation when the kernel has one). Enter places it by "
	  "hand; 0 gives it back to Jailhouse's rule (0x3a000000 when RAM holds it "
	  "there). A new place needs its new memmap= and a reboot." },
	{ "hv.hint", "The kernel parameter that keeps Linux out of the window: add it to "
	  "the boot entry and reboot before `jailhouse enable`." },
	{ "cells.root", "The root cell: the Linux that runs jailhouse enable. It keeps "
	  "everything no inmate takes." },
	{ "cells.inmate", "An inmate cell of the project. Enter opens its page; Del removes "
	  "it." },
	{ "cells.add", "Add an inmate cell (then give it CPUs, memory and devices)." },
	{ "cell.name", "The cell's name as `jailhouse cell list` shows it (at most 31 "
	  "bytes); the files are named after it." },
	{ "cell.kind", "demo: a bare-metal inmate like Jailhouse's inmates/demos; linux: a "
	  "Linux started with `jailhouse cell linux`." },
	{ "cell.cpus", "The CPUs the cell runs on. Linux gives them up at cell create; two "
	  "cells cannot share a CPU." },
	{ "cell.mem", "The cell's RAM, taken from the inmate part of the window." },
	{ "cell.pci", "The PCI devices the cell owns; Jailhouse hides them from the root "
	  "cell while the cell runs." },
	{ "cell.pins", "The IOAPIC pins (GSIs) of the cell's legacy interrupts." },
	{ "cell.ports", "The I/O port ranges the cell may access directly." },
	{ "cell.console", "The serial port the cell prints to." },
	{ "cell.remove", "Remove the cell from the project (and the links it takes part in)." },
	{ "cell.link", "An ivshmem link: shared memory and a virtual PCI device in every "
	  "peer." },
	{ "cell.region", "A memory region of the cell's configuration: physical address, "
	  "size and what it is." },
	{ "findings.plan", "The plan could not be made: a decision of the project cannot be "
	  "honoured on this machine. Change the cell it names." },
	{ "links.add", "Add an ivshmem link: name the cells (two or more; the root cell "
	  "too when Linux takes part) and the protocol (veth gives a network device in "
	  "Linux peers)." },
	{ "search.hit", "A search hit: Enter opens the screen it is on (a device's page, "
	  "the memory map with the region highlighted, a cell's page)." },
	{ "generate.cmdline", "The kernel command line the machine was booted with (its "
	  "/proc/cmdline); the line below it is what the boot entry must add." },
	{ "generate.dir", "The folder the files are written into." },
	{ "generate.file", "A file generate writes: the .c source (for Jailhouse's build) "
	  "and the .cell binary (for `jailhouse enable` / `cell create`)." },
	{ "generate.write", "Write all the files listed, all or none." },
};

const char *tui_help_for(const char *key)
{
	for (size_t i = 0; i < sizeof(help) / sizeof(help[0]); i++)
		if (!strcmp(help[i].key, key))
			return help[i].text;
	return "No help for this item.";
}
