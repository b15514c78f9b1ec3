/* SPDX-License-Identifier: GPL-2.0-only */
/* libpci's own enumeration of a sysfs tree (method linux-sysfs, any
 * root, with IRQ and pci.ids names): what discovery did before it
 * enumerated natively (core/discover/discover_pci.c), and the truth the
 * tests hold that native enumeration against. Test code: it links
 * libpci directly, which jhconf itself only loads for names.
 *
 * libpci reports fatal problems through a callback that must not
 * return: the callback here jumps back to the entry point, which turns
 * the message into a jh_error. */
#include "autoconf.h"
#include "pci_enum_ref.h"

#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where libpci's callbacks report to. Only one libpci session runs at a
 * time per thread. */
static _Thread_local struct {
	jmp_buf *escape;
	char message[512];
	struct jh_findings *diag;
} libpci_ctx;

static void libpci_format(char *dst, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void libpci_format(char *dst, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(dst, size, fmt, ap);
	rtrim(dst);
}

static void libpci_error(char *msg, ...)
	__attribute__((format(printf, 1, 2), noreturn));
static void libpci_error(char *msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	libpci_format(libpci_ctx.message, sizeof(libpci_ctx.message), msg, ap);
	va_end(ap);
	longjmp(*libpci_ctx.escape, 1);
}

static void libpci_warning(char *msg, ...) __attribute__((format(printf, 1, 2)));
static void libpci_warning(char *msg, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, msg);
	libpci_format(text, sizeof(text), msg, ap);
	va_end(ap);
	jh_finding_add(libpci_ctx.diag, JH_R_PCI_LIBPCI, NULL, "libpci: %s", text);
}

static void libpci_debug(char *msg, ...) __attribute__((format(printf, 1, 2)));
static void libpci_debug(char *msg, ...)
{
	(void)msg;
}

/* Names come from pci.ids only: no hwdb, no network, never numbers. */
#define NAME_FLAGS (PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB)

static char *vendor_name(struct pci_access *pacc, unsigned vendor)
{
	char buf[256];
	const char *name = pci_lookup_name(pacc, buf, sizeof(buf),
					   PCI_LOOKUP_VENDOR | NAME_FLAGS,
					   vendor);
	return name ? xstrdup(name) : NULL;
}

static char *device_name(struct pci_access *pacc, unsigned vendor,
			 unsigned device)
{
	char buf[256];
	const char *name = pci_lookup_name(pacc, buf, sizeof(buf),
					   PCI_LOOKUP_DEVICE | NAME_FLAGS,
					   vendor, device);
	return name ? xstrdup(name) : NULL;
}

/* Runs the libpci session. Anything libpci allocates is released by
 * pci_cleanup, also after an escape from its error callback. */
int pci_enumerate(const char *sysfs_path, bool buscentric, bool names,
		  struct pci_enumeration *out, struct jh_findings *diag,
		  struct jh_error *err)
{
	jmp_buf escape;
	struct pci_access *volatile pacc = NULL;
	jmp_buf *volatile saved = libpci_ctx.escape;
	struct jh_findings *volatile saved_diag = libpci_ctx.diag;
	libpci_ctx.escape = &escape;
	libpci_ctx.diag = diag;
	if (setjmp(escape)) {
		libpci_ctx.escape = saved;
		libpci_ctx.diag = saved_diag;
		if (pacc)
			pci_cleanup(pacc);
		return jh_fail(err, JH_BADINPUT, "%s: libpci: %s", sysfs_path,
			       libpci_ctx.message);
	}
	pacc = pci_alloc();
	pacc->error = libpci_error;
	pacc->warning = libpci_warning;
	pacc->debug = libpci_debug;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pacc->buscentric = buscentric;
	pci_set_param(pacc, "sysfs.path", (char *)sysfs_path);
	if (names)
		pci_set_name_list_path(pacc, (char *)discover_pci_ids, 0);
	pci_init(pacc);
	pci_scan_bus(pacc);
	for (struct pci_dev *pd = pacc->devices; pd; pd = pd->next) {
		pci_fill_info(pd, PCI_FILL_IDENT | PCI_FILL_IRQ);
		struct pci_enumerated *e = ARRAY_PUSH(out->v, out->n, out->cap);
		*e = (struct pci_enumerated){ .irq = pd->irq,
					      .vendor_id = pd->vendor_id,
					      .device_id = pd->device_id };
		snprintf(e->slot, sizeof(e->slot), "%04x:%02x:%02x.%x",
			 (unsigned)pd->domain, pd->bus, pd->dev, pd->func);
		if (names) {
			e->vendor_name = vendor_name(pacc, pd->vendor_id);
			e->device_name = device_name(pacc, pd->vendor_id,
						     pd->device_id);
		}
	}
	pci_cleanup(pacc);
	libpci_ctx.escape = saved;
	libpci_ctx.diag = saved_diag;
	return 0;
}


