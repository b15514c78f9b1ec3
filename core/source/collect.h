/* SPDX-License-Identifier: GPL-2.0-only */
/* Collecting a snapshot: copy what Jailhouse's own collector takes, plus
 * what jhconf reads, from a system into a tar that source_open_tar()
 * (and Jailhouse's config create) can read on another machine.
 *
 * Paths in the tar are relative to "/" ("proc/iomem"). The symlinked
 * folders of sysfs (/sys/bus/pci/devices/<BDF>, /sys/class/tty/ttyS<N>)
 * are stored as plain folders, and only regular files are stored: sysfs
 * links are described instead in snapshot-pci-devices.txt (BDF, real
 * sysfs path, bound driver, IOMMU group). */
#ifndef JH_COLLECT_H
#define JH_COLLECT_H

#include "base/util.h"
#include "findings/findings.h"

/* What is collected, for collect.c and the shell collector that
 * collect_script.c writes (both must store the same files). */
#define COLLECT_PCI_DIR "/sys/bus/pci/devices"
#define COLLECT_PCI_MSI_DIR "msi_irqs"            /* a folder per device */
#define COLLECT_PCI_DRIVER_LINK "driver"
#define COLLECT_PCI_GROUP_LINK "iommu_group"
#define COLLECT_PCI_ROM "rom"                     /* never read: see collect.c */
#define COLLECT_PCI_VPD "vpd"
#define COLLECT_PCI_LIST "snapshot-pci-devices.txt"  /* at the top of the tar */
#define COLLECT_PCI_LIST_DRIVER "driver"         /* its key=value fields */
#define COLLECT_PCI_LIST_GROUP "iommu_group"
#define COLLECT_ACPI_DIR "/sys/firmware/acpi/tables"
#define COLLECT_DMI_DIR "/sys/class/dmi/id"
#define COLLECT_CPU_DIR "/sys/devices/system/cpu"
#define COLLECT_CPU_UEVENT "uevent"
#define COLLECT_CPU_TOPOLOGY "topology"
#define COLLECT_TTY_DIR "/sys/class/tty"
#define COLLECT_MEMMAP_DIR "/sys/firmware/memmap"
#define COLLECT_JAILHOUSE_ENABLED "/sys/devices/jailhouse/enabled"
/* NULL-terminated lists */
extern const char *const collect_proc_required[], *const collect_proc_optional[];
extern const char *const collect_cpu_files[], *const collect_tty_files[];
extern const char *const collect_memmap_files[];

/* A POSIX shell script that stores the same files as collect_snapshot()
 * into a tar on a machine without jhconf (busybox is enough). */
void collect_script(struct buf *out, const char *version);

struct collect_result {
	unsigned files;      /* files stored */
	unsigned skipped;    /* present but unreadable or not regular */
	size_t bytes;        /* size of the tar written */
};

/* Collect from root ("/" for the live system, or a folder that mirrors
 * it) into out (.tar, .tar.gz/.tgz or .tar.xz/.txz by its name), written
 * atomically. Files Jailhouse needs but that are missing become warnings
 * in diag. Returns 0, or -1 with err set (out is then left untouched). */
int collect_snapshot(const char *root, const char *out, struct jh_findings *diag,
		     struct collect_result *res, struct jh_error *err);

#endif
