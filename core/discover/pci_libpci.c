/* SPDX-License-Identifier: GPL-2.0-only */
/* The libpci session of PCI discovery: names from pci.ids where jhconf's
 * own reader cannot vouch for libpci's answer (pci_ids.c).
 *
 * libpci is loaded with dlopen on that first use, not at start-up: most
 * runs never need it (the devices are enumerated natively, and the fast
 * reader names them), and mapping and relocating it with its chain
 * (libudev, libz) cost every run a share of a 2 ms budget. The few
 * functions used are reached through pointers (the structure's fields
 * come from <pci/pci.h> as usual).
 *
 * libpci reports fatal problems through a callback that must not
 * return: the callback here jumps back to the entry point, which turns
 * the message into a jh_error, so that a broken pci.ids never ends the
 * process. */
#include "autoconf.h"
#include "discover/pci_libpci.h"
#include "discover/pci_ids.h"

#include <dlfcn.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef JH_LIBPCI_SONAME
#define JH_LIBPCI_SONAME "libpci.so.3"
#endif

const char *discover_pci_libpci_soname = JH_LIBPCI_SONAME;

/* The libpci functions used, by their declarations in <pci/pci.h>. */
static struct {
	bool loaded;
	__typeof__(pci_alloc) *alloc;
	__typeof__(pci_cleanup) *cleanup;
	__typeof__(pci_set_name_list_path) *set_name_list_path;
	__typeof__(pci_lookup_name) *lookup_name;
} libpci;

static int libpci_load(struct jh_error *err)
{
	if (libpci.loaded)
		return 0;
	void *lib = dlopen(discover_pci_libpci_soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *why = dlerror();
		return jh_fail(err, JH_BADINPUT,
			       "%s: cannot load (%s): device names from this pci.ids need libpci, "
			       "install the Debian package libpci3",
			       discover_pci_libpci_soname, why ? why : "not found");
	}
	static const char *const names[] = {
		"pci_alloc", "pci_cleanup", "pci_set_name_list_path",
		"pci_lookup_name",
	};
	void *sym[4];
	for (size_t i = 0; i < 4; i++) {
		sym[i] = dlsym(lib, names[i]);
		if (!sym[i]) {
			dlclose(lib);
			return jh_fail(err, JH_BADINPUT,
				       "%s: has no %s: device names need libpci 3, "
				       "install the Debian package libpci3",
				       discover_pci_libpci_soname, names[i]);
		}
	}
	/* dlsym's object pointer to a function pointer: POSIX's way */
	memcpy(&libpci.alloc, &sym[0], sizeof(libpci.alloc));
	memcpy(&libpci.cleanup, &sym[1], sizeof(libpci.cleanup));
	memcpy(&libpci.set_name_list_path, &sym[2], sizeof(libpci.set_name_list_path));
	memcpy(&libpci.lookup_name, &sym[3], sizeof(libpci.lookup_name));
	libpci.loaded = true;  /* stays loaded for the rest of the process */
	return 0;
}

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

void pci_enumeration_free(struct pci_enumeration *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].vendor_name);
		free(e->v[i].device_name);
	}
	free(e->v);
	*e = (struct pci_enumeration){ 0 };
}

/* Names come from pci.ids only: no hwdb, no network, never numbers. */
#define NAME_FLAGS (PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB)

static char *vendor_name(struct pci_access *pacc, unsigned vendor)
{
	char buf[256];
	const char *name = libpci.lookup_name(pacc, buf, sizeof(buf),
					      PCI_LOOKUP_VENDOR | NAME_FLAGS,
					      vendor);
	return name ? xstrdup(name) : NULL;
}

static char *device_name(struct pci_access *pacc, unsigned vendor,
			 unsigned device)
{
	char buf[256];
	const char *name = libpci.lookup_name(pacc, buf, sizeof(buf),
					      PCI_LOOKUP_DEVICE | NAME_FLAGS,
					      vendor, device);
	return name ? xstrdup(name) : NULL;
}

/* libpci names the file in its refusal: "Parse error at PATH, line N".
 * Shown as "PATH: line N: libpci: Parse error", file first. */
static int names_error(const char *path, const char *msg, struct jh_error *err)
{
	char *at = xasprintf(" at %s, line ", path);
	const char *p = strstr(msg, at);
	int rc;
	if (p && p[strlen(at)] && !p[strlen(at) + strspn(p + strlen(at), "0123456789")])
		rc = jh_fail(err, JH_BADINPUT, "%s: line %s: libpci: %.*s", path,
			     p + strlen(at), (int)(p - msg), msg);
	else
		rc = jh_fail(err, JH_BADINPUT, "%s: libpci: %s", path, msg);
	free(at);
	return rc;
}

/* A libpci session for names (the same callbacks and pci.ids as libpci's
 * enumeration had, its lookup cache left as it is), without an access
 * method: pci_lookup_name loads the file on first use and needs none.
 * work() runs inside it. Anything libpci allocates is released by
 * pci_cleanup, also after an escape from its error callback; then -1
 * with libpci's message in err (names_error's form). */
static int libpci_session(void (*work)(struct pci_access *pacc, void *ctx), void *ctx,
			  struct jh_findings *diag, struct jh_error *err)
{
	if (libpci_load(err) < 0)
		return -1;
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
			libpci.cleanup(pacc);
		return names_error(discover_pci_ids, libpci_ctx.message, err);
	}
	pacc = libpci.alloc();
	pacc->error = libpci_error;
	pacc->warning = libpci_warning;
	pacc->debug = libpci_debug;
	libpci.set_name_list_path(pacc, (char *)discover_pci_ids, 0);
	work(pacc, ctx);
	libpci.cleanup(pacc);
	libpci_ctx.escape = saved;
	libpci_ctx.diag = saved_diag;
	return 0;
}

struct names_work {
	struct pci_ids_query *q;
	size_t n;
};

static void name_devices(struct pci_access *pacc, void *ctx)
{
	struct names_work *w = ctx;
	for (size_t i = 0; i < w->n; i++) {
		w->q[i].vendor_name = vendor_name(pacc, w->q[i].vendor);
		w->q[i].device_name = device_name(pacc, w->q[i].vendor, w->q[i].device);
	}
}

int pci_libpci_names(struct pci_ids_query *q, size_t n,
		     struct jh_findings *diag, struct jh_error *err)
{
	struct names_work w = { q, n };
	if (libpci_session(name_devices, &w, diag, err) == 0)
		return 0;
	pci_ids_query_free(q, n);
	return -1;
}

struct classes_work {
	struct pci_ids_class_query *q;
	size_t n;
};

/* libpci words an unnamed subclass of a named class "NAME [ccss]" (its
 * PCI_LOOKUP_CLASS adds the number then, even with NO_NUMBERS): that
 * suffix tells the two apart. The base class's name is only asked for
 * when the subclass has none, as lspci does. */
static void name_classes(struct pci_access *pacc, void *ctx)
{
	struct classes_work *w = ctx;
	for (size_t i = 0; i < w->n; i++) {
		struct pci_ids_class_query *q = &w->q[i];
		char buf[256], suffix[16];
		unsigned cls = q->class_code >> 8, pif = q->class_code & 0xff;
		const char *name = libpci.lookup_name(pacc, buf, sizeof(buf),
						      PCI_LOOKUP_CLASS | NAME_FLAGS, cls);
		snprintf(suffix, sizeof(suffix), " [%04x]", cls);
		size_t len = name ? strlen(name) : 0, sl = strlen(suffix);
		if (name && len > sl && !strcmp(name + len - sl, suffix))
			q->class_name = xstrndup(name, len - sl);
		else if (name)
			q->subclass_name = xstrdup(name);
		name = libpci.lookup_name(pacc, buf, sizeof(buf),
					  PCI_LOOKUP_PROGIF | NAME_FLAGS, cls, pif);
		if (name)
			q->progif_name = xstrdup(name);
	}
}

void pci_libpci_lookup_classes(struct pci_ids_class_query *q, size_t n)
{
	struct classes_work w = { q, n };
	struct jh_error err = { 0 };
	/* a pci.ids libpci cannot load (or no libpci): no names, as lspci
	 * then shows */
	if (libpci_session(name_classes, &w, NULL, &err) < 0)
		pci_ids_class_query_free(q, n);
	jh_error_clear(&err);
}
