/* SPDX-License-Identifier: GPL-2.0-only */
/* libarchive, loaded when a tar is first read or written, not at start-up.
 *
 * Linking libarchive makes the dynamic loader map and relocate it and its
 * chain (libxml2, ICU, libstdc++, five compression libraries) in every
 * run, which cost more than a whole `create` on a snapshot tree. Only
 * --snapshot and collect need it, so the few functions jhconf calls are
 * reached through pointers filled in by jh_archive_load(), which
 * dlopen()s the runtime library by its soname.
 *
 * Files that use libarchive include this header instead of <archive.h>
 * and call jh_archive_load() before the first libarchive function; the
 * calls themselves are written as usual (macros below redirect them). */
#ifndef JH_ARCHIVE_LAZY_H
#define JH_ARCHIVE_LAZY_H

#include "base/util.h"

#include <archive.h>
#include <archive_entry.h>

/* The runtime library (Debian package libarchive13). */
#ifndef JH_LIBARCHIVE_SONAME
#define JH_LIBARCHIVE_SONAME "libarchive.so.13"
#endif

#define JH_ARCHIVE_FUNCTIONS(X)                                              \
	X(archive_entry_filetype) X(archive_entry_free)                      \
	X(archive_entry_hardlink) X(archive_entry_new)                       \
	X(archive_entry_pathname) X(archive_entry_set_filetype)              \
	X(archive_entry_set_gname) X(archive_entry_set_mtime)                \
	X(archive_entry_set_pathname) X(archive_entry_set_perm)              \
	X(archive_entry_set_size) X(archive_entry_set_uname)                 \
	X(archive_entry_size) X(archive_error_string) X(archive_read_data)   \
	X(archive_read_data_skip) X(archive_filter_bytes)                    \
	X(archive_read_free) X(archive_read_new) X(archive_read_next_header) \
	X(archive_read_open_filename) X(archive_read_support_filter_gzip)    \
	X(archive_read_support_filter_lzma)                                  \
	X(archive_read_support_filter_xz)                                    \
	X(archive_read_support_format_tar) X(archive_write_add_filter_gzip)  \
	X(archive_write_add_filter_xz) X(archive_write_close)                \
	X(archive_write_data) X(archive_write_free) X(archive_write_header)  \
	X(archive_write_new) X(archive_write_open)                           \
	X(archive_write_set_bytes_in_last_block)                             \
	X(archive_write_set_format_pax_restricted)

/* One pointer per function, typed from libarchive's own prototypes. */
struct jh_archive_api {
#define JH_ARCHIVE_MEMBER(name) __typeof__(name) *name;
	JH_ARCHIVE_FUNCTIONS(JH_ARCHIVE_MEMBER)
#undef JH_ARCHIVE_MEMBER
};
extern struct jh_archive_api jh_archive;

/* Loads JH_LIBARCHIVE_SONAME once per process; later calls are free.
 * Fails (JH_BADINPUT) with one line naming the library and the Debian
 * package when it is missing or lacks a function. */
int jh_archive_load(struct jh_error *err);
/* The same for a given soname (the tests' way to miss the library). */
int jh_archive_load_soname(const char *soname, struct jh_error *err);

#ifndef JH_ARCHIVE_LAZY_IMPL
#define archive_read_data_skip (*jh_archive.archive_read_data_skip)
#define archive_filter_bytes (*jh_archive.archive_filter_bytes)
#define archive_entry_filetype (*jh_archive.archive_entry_filetype)
#define archive_entry_free (*jh_archive.archive_entry_free)
#define archive_entry_hardlink (*jh_archive.archive_entry_hardlink)
#define archive_entry_new (*jh_archive.archive_entry_new)
#define archive_entry_pathname (*jh_archive.archive_entry_pathname)
#define archive_entry_set_filetype (*jh_archive.archive_entry_set_filetype)
#define archive_entry_set_gname (*jh_archive.archive_entry_set_gname)
#define archive_entry_set_mtime (*jh_archive.archive_entry_set_mtime)
#define archive_entry_set_pathname (*jh_archive.archive_entry_set_pathname)
#define archive_entry_set_perm (*jh_archive.archive_entry_set_perm)
#define archive_entry_set_size (*jh_archive.archive_entry_set_size)
#define archive_entry_set_uname (*jh_archive.archive_entry_set_uname)
#define archive_entry_size (*jh_archive.archive_entry_size)
#define archive_error_string (*jh_archive.archive_error_string)
#define archive_read_data (*jh_archive.archive_read_data)
#define archive_read_free (*jh_archive.archive_read_free)
#define archive_read_new (*jh_archive.archive_read_new)
#define archive_read_next_header (*jh_archive.archive_read_next_header)
#define archive_read_open_filename (*jh_archive.archive_read_open_filename)
#define archive_read_support_filter_gzip (*jh_archive.archive_read_support_filter_gzip)
#define archive_read_support_filter_lzma (*jh_archive.archive_read_support_filter_lzma)
#define archive_read_support_filter_xz (*jh_archive.archive_read_support_filter_xz)
#define archive_read_support_format_tar (*jh_archive.archive_read_support_format_tar)
#define archive_write_add_filter_gzip (*jh_archive.archive_write_add_filter_gzip)
#define archive_write_add_filter_xz (*jh_archive.archive_write_add_filter_xz)
#define archive_write_close (*jh_archive.archive_write_close)
#define archive_write_data (*jh_archive.archive_write_data)
#define archive_write_free (*jh_archive.archive_write_free)
#define archive_write_header (*jh_archive.archive_write_header)
#define archive_write_new (*jh_archive.archive_write_new)
#define archive_write_open (*jh_archive.archive_write_open)
#define archive_write_set_bytes_in_last_block (*jh_archive.archive_write_set_bytes_in_last_block)
#define archive_write_set_format_pax_restricted (*jh_archive.archive_write_set_format_pax_restricted)
#endif

#endif
