/* Writing outputs: a temp file in the same folder, fsync, rename. The
 * target is never followed through a symlink. */
#ifndef JH_ATOMIC_H
#define JH_ATOMIC_H

#include "base/util.h"

int write_file_atomic(const char *path, const void *data, size_t len,
		      struct jh_error *err);

#endif
