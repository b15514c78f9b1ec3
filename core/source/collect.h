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
