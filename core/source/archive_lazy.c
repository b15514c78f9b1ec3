/* SPDX-License-Identifier: GPL-2.0-only */
/* Loading libarchive on first use (see archive_lazy.h). */
#define JH_ARCHIVE_LAZY_IMPL
#include "autoconf.h"
#include "source/archive_lazy.h"

#include <dlfcn.h>
#include <string.h>

struct jh_archive_api jh_archive;

/* Set once every pointer is filled in; jhconf reads and writes tars
 * from one thread. */
static bool loaded;

int jh_archive_load_soname(const char *soname, struct jh_error *err)
{
	if (loaded)
		return 0;
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *why = dlerror();
		return jh_fail(err, JH_BADINPUT,
			       "%s: cannot load (%s): snapshot tars need libarchive, "
			       "install the Debian package libarchive13",
			       soname, why ? why : "not found");
	}
	struct jh_archive_api api;
	const char *missing = NULL;
	/* dlsym's object pointer to a function pointer: POSIX's way */
#define JH_ARCHIVE_RESOLVE(name)                                 \
	if (!missing) {                                          \
		void *sym = dlsym(lib, #name);                   \
		if (!sym)                                        \
			missing = #name;                         \
		memcpy(&api.name, &sym, sizeof(api.name));       \
	}
	JH_ARCHIVE_FUNCTIONS(JH_ARCHIVE_RESOLVE)
#undef JH_ARCHIVE_RESOLVE
	if (missing) {
		dlclose(lib);
		return jh_fail(err, JH_BADINPUT,
			       "%s: has no %s: snapshot tars need libarchive 3, "
			       "install the Debian package libarchive13",
			       soname, missing);
	}
	/* the library stays loaded for the rest of the process */
	jh_archive = api;
	loaded = true;
	return 0;
}

int jh_archive_load(struct jh_error *err)
{
	return jh_archive_load_soname(JH_LIBARCHIVE_SONAME, err);
}
