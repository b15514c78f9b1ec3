/* SPDX-License-Identifier: GPL-2.0-only */
/* pci.ids names in one streaming pass (see pci_ids.h).
 *
 * Why the answers equal libpci's: libpci (3.9, as used here) reads the
 * whole file on the first lookup, line by line into a 1024-byte buffer,
 * and inserts every entry into a hash table; any line it cannot parse,
 * and any entry met twice, makes the whole load fail with an error.
 * Otherwise a vendor's name is the text of its entry, a device's the text
 * of the entry under its vendor; what pci.ids lacks, libpci looks up in
 * ~/.pciids-cache (its cache of network lookups) when that file exists.
 *
 * This reader checks every line against the same grammar (top-level
 * vendor and "C" class lines, their one- and two-tab children, other
 * capital-letter blocks whose children are ignored, comments and blank
 * lines) and answers only when it is sure that libpci would load the
 * file and give the same text. It gives up, so that libpci answers, on:
 * - any line libpci would reject or that this reader does not model
 *   (generic "S" subsystem blocks, which refer back to vendors);
 * - ids out of ascending order: a repeated entry is libpci's "Duplicate
 *   entry" error, and strictly ascending ids (pci.ids is sorted) rule
 *   repeats out without remembering every id;
 * - NUL or carriage-return bytes, lines of 1000 bytes or more, a last
 *   line without a newline (libpci's line reading treats these in ways
 *   not worth modelling), a file that is not a regular file, or a gzip
 *   file (libpci may be built to read those);
 * - a wanted name of 250 bytes or more (libpci shortens names that do not
 *   fit the 256-byte buffer);
 * - a wanted id missing from pci.ids while ~/.pciids-cache exists.
 * pci.ids as Debian ships it has none of these, so the fast answer is the
 * usual one. */
#define _GNU_SOURCE
#include "discover/pci_ids.h"
#include "discover/pci_ids_index.h"
#include "base/util.h"

#include <fcntl.h>
#include <stdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINE_LEN 1000
#define MAX_NAME_LEN 250

/* A name found in the mapped file. */
struct found {
	const char *text;
	size_t len;
};

/* The ids asked for, sorted and without repeats, and what was found. */
struct wanted {
	uint16_t *vendors;
	struct found *vendor_names;
	size_t nvendors;
	uint32_t *pairs;        /* vendor << 16 | device */
	struct found *pair_names;
	size_t npairs;
	/* classes: found[i][0] subclass, [1] base class, [2] prog-if */
	const struct pci_ids_class_query *classes;
	struct found (*class_names)[3];
	size_t nclasses;
};

/* What kind of block the lines below the last top-level line belong to. */
enum block { BLOCK_NONE, BLOCK_VENDOR, BLOCK_CLASS, BLOCK_IGNORED };

struct scan {
	enum block block;
	int depth;              /* deepest child level seen in the block */
	long last_vendor, last_class;  /* ids must ascend; -1: none yet */
	long last_child, last_grandchild;
	uint16_t vendor;        /* of the current vendor block */
	uint8_t class_id, subclass_id;  /* of the current class block */
	bool vendor_wanted;
	/* where the current line starts in the file, the top-level lines
	 * seen, and the index of blocks being built (NULL: none) */
	uint32_t line_start;
	size_t tops;
	struct pci_ids_index *ix;
	struct pci_ids_block *open_block;  /* the last block, until it ends */
};

static int cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static size_t sort_unique(void *v, size_t n, size_t size,
			  int (*cmp)(const void *, const void *))
{
	if (n == 0)
		return 0;
	qsort(v, n, size, cmp);
	char *b = v;
	size_t out = 1;
	for (size_t i = 1; i < n; i++)
		if (cmp(b + (out - 1) * size, b + i * size) != 0)
			memcpy(b + out++ * size, b + i * size, size);
	return out;
}

static struct found *find_vendor(const struct wanted *w, uint16_t vendor)
{
	if (!w->nvendors)  /* a class lookup: bsearch wants an array */
		return NULL;
	const uint16_t *hit = bsearch(&vendor, w->vendors, w->nvendors,
				      sizeof(vendor), cmp_u16);
	return hit ? &w->vendor_names[hit - w->vendors] : NULL;
}

static struct found *find_pair(const struct wanted *w, uint16_t vendor,
			       uint16_t device)
{
	uint32_t key = (uint32_t)vendor << 16 | device;
	if (!w->npairs)
		return NULL;
	const uint32_t *hit = bsearch(&key, w->pairs, w->npairs, sizeof(key),
				      cmp_u32);
	return hit ? &w->pair_names[hit - w->pairs] : NULL;
}

/* One more than each hex digit's value; 0 for anything else. */
static const unsigned char hex_plus_one[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Two or four hex digits at s[off], inside the line. Written out for
 * the four-digit ids of the 36000 lines of pci.ids. */
static inline bool hex_at(const char *s, size_t len, size_t off, int digits,
			  long *out)
{
	if (off + (size_t)digits > len)
		return false;
	const unsigned char *u = (const unsigned char *)s + off;
	int a = hex_plus_one[u[0]] - 1, b = hex_plus_one[u[1]] - 1;
	if (digits == 2) {
		*out = (long)((a & 0xf) << 4 | (b & 0xf));
		return (a | b) >= 0;
	}
	int c = hex_plus_one[u[2]] - 1, d = hex_plus_one[u[3]] - 1;
	*out = (long)((a & 0xf) << 12 | (b & 0xf) << 8 | (c & 0xf) << 4 | (d & 0xf));
	return (a | b | c | d) >= 0;
}

static bool blank_at(const char *s, size_t len, size_t off)
{
	return off < len && is_blank(s[off]);
}

/* The name after the id: from off, past blanks, to the end of the line;
 * libpci rejects an entry without one. */
static inline bool name_at(const char *s, size_t len, size_t off,
			   struct found *f)
{
	while (off < len && is_blank(s[off]))
		off++;
	if (off >= len)
		return false;
	f->text = s + off;
	f->len = len - off;
	return true;
}

/* Records a wanted name; too long a name makes the answer uncertain. */
static bool keep(struct found *slot, const struct found *name)
{
	if (!slot)
		return true;
	if (name->len >= MAX_NAME_LEN)
		return false;
	*slot = *name;
	return true;
}

/* A top-level line ends the block before it; a vendor or class line
 * starts one in the index being built. */
static void index_top(struct scan *st, bool is_vendor, bool is_class, uint16_t id)
{
	if (!st->ix)
		return;
	if (st->open_block)
		st->open_block->end = st->line_start;
	st->open_block = NULL;
	if (is_vendor)
		st->open_block = ARRAY_PUSH(st->ix->vendors, st->ix->nvendors,
					    st->ix->vendors_cap);
	else if (is_class)
		st->open_block = ARRAY_PUSH(st->ix->classes, st->ix->nclasses,
					    st->ix->classes_cap);
	if (st->open_block)
		*st->open_block = (struct pci_ids_block){ .start = st->line_start,
							  .id = id };
}

static bool top_line(struct scan *st, struct wanted *w, const char *s,
		     size_t len)
{
	long id;
	struct found name;
	st->tops++;
	if (len >= 2 && s[0] == 'C' && s[1] == ' ') {
		if (!hex_at(s, len, 2, 2, &id) || !blank_at(s, len, 4) ||
		    !name_at(s, len, 5, &name) || id <= st->last_class)
			return false;
		st->last_class = id;
		st->block = BLOCK_CLASS;
		st->class_id = (uint8_t)id;
		index_top(st, false, true, (uint16_t)id);
		for (size_t i = 0; i < w->nclasses; i++)
			if ((w->classes[i].class_code >> 16 & 0xff) == (uint32_t)id &&
			    !keep(&w->class_names[i][1], &name))
				return false;
	} else if (len >= 2 && s[0] == 'S' && s[1] == ' ') {
		return false;  /* generic subsystems: not modelled */
	} else if (len >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == ' ') {
		st->block = BLOCK_IGNORED;  /* reserved for future blocks */
		index_top(st, false, false, 0);
		return true;
	} else {
		if (!hex_at(s, len, 0, 4, &id) || !blank_at(s, len, 4) ||
		    !name_at(s, len, 5, &name) || id <= st->last_vendor)
			return false;
		st->last_vendor = id;
		st->block = BLOCK_VENDOR;
		st->vendor = (uint16_t)id;
		index_top(st, true, false, (uint16_t)id);
		struct found *slot = find_vendor(w, st->vendor);
		st->vendor_wanted = slot != NULL;
		if (!keep(slot, &name))
			return false;
	}
	st->depth = 0;
	st->last_child = -1;
	return true;
}

/* A device (one tab, under a vendor) or a subclass (under a class). */
static bool child_line(struct scan *st, struct wanted *w, const char *s,
		       size_t len)
{
	long id;
	struct found name;
	if (st->block == BLOCK_VENDOR) {
		if (!hex_at(s, len, 1, 4, &id) || !blank_at(s, len, 5) ||
		    !name_at(s, len, 6, &name))
			return false;
		if (st->vendor_wanted &&
		    !keep(find_pair(w, st->vendor, (uint16_t)id), &name))
			return false;
	} else if (st->block == BLOCK_CLASS) {
		if (!hex_at(s, len, 1, 2, &id) || !blank_at(s, len, 3) ||
		    !name_at(s, len, 4, &name))
			return false;
		st->subclass_id = (uint8_t)id;
		uint32_t key = (uint32_t)st->class_id << 8 | (uint32_t)id;
		for (size_t i = 0; i < w->nclasses; i++)
			if ((w->classes[i].class_code >> 8) == key &&
			    !keep(&w->class_names[i][0], &name))
				return false;
	} else {
		return false;
	}
	if (id <= st->last_child)
		return false;
	st->last_child = id;
	st->last_grandchild = -1;
	st->depth = 1;
	return true;
}

/* A subsystem (two tabs, under a device) or a programming interface
 * (under a subclass); neither is needed, both must be valid. */
static bool grandchild_line(struct scan *st, struct wanted *w, const char *s,
			    size_t len)
{
	long id, id2;
	struct found name;
	if (st->depth < 1)
		return false;
	if (st->block == BLOCK_VENDOR) {
		if (!hex_at(s, len, 2, 4, &id) || !blank_at(s, len, 6) ||
		    !hex_at(s, len, 7, 4, &id2) || !blank_at(s, len, 11) ||
		    !name_at(s, len, 12, &name))
			return false;
		id = id << 16 | id2;
	} else if (st->block == BLOCK_CLASS) {
		if (!hex_at(s, len, 2, 2, &id) || !blank_at(s, len, 4) ||
		    !name_at(s, len, 5, &name))
			return false;
		uint32_t key = (uint32_t)st->class_id << 16 |
			       (uint32_t)st->subclass_id << 8 | (uint32_t)id;
		for (size_t i = 0; i < w->nclasses; i++)
			if (w->classes[i].class_code == key &&
			    !keep(&w->class_names[i][2], &name))
				return false;
	} else {
		return false;
	}
	if (id <= st->last_grandchild)
		return false;
	st->last_grandchild = id;
	st->depth = 2;
	return true;
}

static bool scan_line(struct scan *st, struct wanted *w, const char *s,
		      size_t len)
{
	/* one trailing blank is dropped, as libpci does */
	if (len && is_blank(s[len - 1]))
		len--;
	size_t tabs = 0;
	while (tabs < len && s[tabs] == '\t')
		tabs++;
	/* blank lines and comments, also indented ones (the test on the
	 * first character after the tabs spares most lines the loop) */
	if (tabs == len || is_blank(s[tabs]) || s[tabs] == '#') {
		size_t i = tabs;
		while (i < len && is_blank(s[i]))
			i++;
		if (i == len || s[i] == '#')
			return true;
	}
	if (tabs == 0)
		return top_line(st, w, s, len);
	if (st->block == BLOCK_IGNORED)
		return true;
	if (tabs == 1)
		return child_line(st, w, s, len);
	if (tabs == 2)
		return grandchild_line(st, w, s, len);
	return false;
}

/* The two shapes of nine lines in ten, checked in one go: a device
 * ("\tdddd  name") whose name is not wanted and a subsystem
 * ("\t\tssss dddd  name"), in a vendor's block. Returns true when the line
 * is one of them and valid, with the same effect as scan_line; anything
 * else is left to scan_line, which decides. */
static inline bool quick_line(struct scan *st, const struct wanted *w,
			      const char *s, size_t len)
{
	if (st->block != BLOCK_VENDOR || len < 7 || s[0] != '\t')
		return false;
	if (is_blank(s[len - 1]))
		len--;
	/* a non-blank last character after the id: the name is there */
	long id, id2;
	if (s[1] != '\t') {
		if (len < 7 || !blank_at(s, len, 5) || is_blank(s[len - 1]) ||
		    !hex_at(s, len, 1, 4, &id) || id <= st->last_child ||
		    (st->vendor_wanted && find_pair(w, st->vendor, (uint16_t)id)))
			return false;
		st->last_child = id;
		st->last_grandchild = -1;
		st->depth = 1;
		return true;
	}
	if (st->depth < 1 || len < 13 || !blank_at(s, len, 6) ||
	    !blank_at(s, len, 11) || is_blank(s[len - 1]) ||
	    !hex_at(s, len, 2, 4, &id) || !hex_at(s, len, 7, 4, &id2))
		return false;
	id = id << 16 | id2;
	if (id <= st->last_grandchild)
		return false;
	st->last_grandchild = id;
	st->depth = 2;
	return true;
}

/* The lines from p to end (just after a newline), in state st. */
static bool scan_lines(struct scan *st, struct wanted *w, const char *buf,
		       const char *p, const char *end)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return false;
		size_t len = (size_t)(nl - p);
		st->line_start = (uint32_t)(p - buf);
		if (len >= MAX_LINE_LEN ||
		    (!quick_line(st, w, p, len) && !scan_line(st, w, p, len)))
			return false;
		p = nl + 1;
	}
	return true;
}

/* The whole file, line by line; with ix, its blocks are indexed too. */
static bool scan_file(const char *buf, size_t size, struct wanted *w,
		      struct pci_ids_index *ix)
{
	if (size == 0)
		return true;
	if (size > UINT32_MAX || buf[size - 1] != '\n' || memchr(buf, '\0', size) ||
	    memchr(buf, '\r', size))
		return false;
	struct scan st = { .last_vendor = -1, .last_class = -1,
			   .last_child = -1, .last_grandchild = -1, .ix = ix };
	if (!scan_lines(&st, w, buf, buf, buf + size))
		return false;
	if (st.open_block)
		st.open_block->end = (uint32_t)size;
	return true;
}

/* Whether an index's block starts and ends at line boundaries of buf
 * (the index is read from a file: it may not fit this one). */
static bool block_on_lines(const char *buf, const struct pci_ids_block *b)
{
	return (!b->start || buf[b->start - 1] == '\n') && buf[b->end - 1] == '\n';
}

/* A class's block of a file whose whole was checked before (its index
 * came from the cache): the lines of that block only, which must be one
 * class line of the id the index says, and its children. */
static bool scan_class_block(const char *buf, const struct pci_ids_block *b,
			     struct wanted *w)
{
	if (!block_on_lines(buf, b))
		return false;
	struct scan st = { .last_vendor = -1, .last_class = -1,
			   .last_child = -1, .last_grandchild = -1 };
	return scan_lines(&st, w, buf, buf + b->start, buf + b->end) && st.tops == 1 &&
	       st.block == BLOCK_CLASS && st.class_id == b->id;
}

static const struct pci_ids_block *find_block(const struct pci_ids_block *v,
					      size_t n, uint16_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? &v[lo] : NULL;
}

/* The start of the line that holds or follows position p of a block
 * whose lines start at body. */
static const char *line_at_or_after(const char *body, const char *p, const char *end)
{
	if (p == body || p[-1] == '\n')
		return p;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* The first device line ("\tdddd  name") from line start p on, its id
 * in *id; NULL when none is left. In a checked vendor block every other
 * line is a subsystem, a comment or blank, none of which has a tab and
 * four hex digits at its start. */
static const char *next_device_line(const char *p, const char *end, long *id)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		if (len >= 5 && p[0] == '\t' && hex_at(p, len, 1, 4, id))
			return p;
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

/* The device line of id device in the lines from body to end of a
 * checked vendor block, or NULL: the block's device ids ascend (the
 * check made sure), so a binary search over byte positions finds it in
 * about 20 probes of a few lines each, instead of reading Intel's 8500
 * lines. */
static const char *find_device_line(const char *body, const char *end, long device)
{
	const char *lo = body, *hi = end;
	long id;
	while (lo < hi) {
		const char *mid = lo + (hi - lo) / 2;
		const char *d = next_device_line(line_at_or_after(body, mid, end), end, &id);
		if (d && id < device) {
			const char *nl = memchr(d, '\n', (size_t)(end - d));
			lo = nl ? nl + 1 : end;
		} else {
			hi = mid;
		}
	}
	const char *d = next_device_line(line_at_or_after(body, lo, end), end, &id);
	return d && id == device ? d : NULL;
}

/* A vendor's block of a checked file: its name from the first line, the
 * names of the wanted devices from their lines, each read as the whole
 * scan reads it (scan_line: the same trimming, the same refusals). */
static bool scan_vendor_block(const char *buf, const struct pci_ids_block *b,
			      struct wanted *w)
{
	if (!block_on_lines(buf, b))
		return false;
	const char *p = buf + b->start, *end = buf + b->end;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	struct scan st = { .last_vendor = -1, .last_class = -1,
			   .last_child = -1, .last_grandchild = -1 };
	if (!nl || (size_t)(nl - p) >= MAX_LINE_LEN ||
	    !scan_line(&st, w, p, (size_t)(nl - p)) || st.block != BLOCK_VENDOR ||
	    st.vendor != b->id)
		return false;
	const char *body = nl + 1;
	uint32_t first = (uint32_t)b->id << 16;
	size_t i = 0;
	while (i < w->npairs && w->pairs[i] < first)  /* pairs are sorted */
		i++;
	for (; i < w->npairs && (w->pairs[i] >> 16) == b->id; i++) {
		const char *line = find_device_line(body, end, (long)(w->pairs[i] & 0xffff));
		if (!line)
			continue;
		const char *lnl = memchr(line, '\n', (size_t)(end - line));
		size_t len = (size_t)(lnl - line);
		st.last_child = -1;
		if (len >= MAX_LINE_LEN || !scan_line(&st, w, line, len))
			return false;
	}
	return true;
}

/* The wanted names from the blocks the index points to: what the
 * scan of the whole file finds, reading only those blocks. */
static bool scan_indexed(const char *buf, const struct pci_ids_index *ix,
			 struct wanted *w)
{
	for (size_t i = 0; i < w->nvendors; i++) {
		const struct pci_ids_block *b = find_block(ix->vendors, ix->nvendors,
							   w->vendors[i]);
		if (b && !scan_vendor_block(buf, b, w))
			return false;
	}
	uint8_t done[256] = { 0 };
	for (size_t i = 0; i < w->nclasses; i++) {
		uint8_t base = (uint8_t)(w->classes[i].class_code >> 16);
		if (done[base]++)
			continue;
		const struct pci_ids_block *b = find_block(ix->classes, ix->nclasses, base);
		if (b && !scan_class_block(buf, b, w))
			return false;
	}
	return true;
}

static void wanted_free(struct wanted *w)
{
	free(w->vendors);
	free(w->vendor_names);
	free(w->pairs);
	free(w->pair_names);
	free(w->class_names);
}

/* Forgets every name found so far (the queries stay). */
static void wanted_clear(struct wanted *w)
{
	if (w->nvendors)
		memset(w->vendor_names, 0, w->nvendors * sizeof(*w->vendor_names));
	if (w->npairs)
		memset(w->pair_names, 0, w->npairs * sizeof(*w->pair_names));
	if (w->nclasses)
		memset(w->class_names, 0, w->nclasses * sizeof(*w->class_names));
}

static bool same_identity(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The wanted names of the mapped file at path (status *st): from the
 * cached index when there is one for this file, else by checking the
 * whole file, whose index is then kept for the next run. */
static bool scan_names(const char *path, const char *buf, size_t size,
		       const struct stat *st, struct wanted *w)
{
	struct pci_ids_index ix;
	if (pci_ids_index_load(st, &ix)) {
		bool ok = scan_indexed(buf, &ix, w);
		pci_ids_index_free(&ix);
		if (ok)
			return true;
		/* a name too long to vouch for, or an index that does not fit
		 * the file: the whole file decides, as without a cache */
		wanted_clear(w);
	}
	ix = (struct pci_ids_index){ 0 };
	bool ok = scan_file(buf, size, w, &ix);
	struct stat after;
	if (ok && size && stat(path, &after) == 0 && same_identity(st, &after))
		pci_ids_index_store(st, &ix, (int64_t)time(NULL));
	pci_ids_index_free(&ix);
	return ok;
}

/* Whether libpci could find ~/.pciids-cache, where it looks for names
 * that pci.ids lacks (its home is the password entry's, as in libpci). */
static bool lookup_cache_exists(void)
{
	struct passwd *pw = getpwuid(getuid());
	char *path = pw ? xasprintf("%s/.pciids-cache", pw->pw_dir)
			: xstrdup("~/.pciids-cache");
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static char *dup_found(const struct found *f)
{
	return f && f->text ? xstrndup(f->text, f->len) : NULL;
}

void pci_ids_query_free(struct pci_ids_query *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].vendor_name);
		free(q[i].device_name);
		q[i].vendor_name = q[i].device_name = NULL;
	}
}

/* Map pci.ids for reading; false (nothing mapped) when it is not a
 * regular file this reader models (gzip: libpci may read it via zlib). */
static bool map_ids(const char *path, const unsigned char **map, size_t *size,
		    struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat sb;
	*map = NULL;
	*size = 0;
	bool ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
	*st = sb;
	if (ok) {
		*size = (size_t)sb.st_size;
		if (*size) {
			void *m = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
			ok = m != MAP_FAILED;
			*map = ok ? m : NULL;
		}
	}
	close(fd);
	if (!ok || (*size >= 2 && (*map)[0] == 0x1f && (*map)[1] == 0x8b)) {
		if (*map)
			munmap((void *)*map, *size);
		return false;
	}
	return true;
}

bool pci_ids_lookup(const char *path, struct pci_ids_query *q, size_t n)
{
	if (n == 0)
		return true;  /* libpci reads the file only to name something */
	const unsigned char *map;
	size_t size;
	struct stat st;
	if (!map_ids(path, &map, &size, &st))
		return false;

	struct wanted w = {
		.vendors = xcalloc(n, sizeof(*w.vendors)),
		.pairs = xcalloc(n, sizeof(*w.pairs)),
	};
	for (size_t i = 0; i < n; i++) {
		w.vendors[i] = q[i].vendor;
		w.pairs[i] = (uint32_t)q[i].vendor << 16 | q[i].device;
	}
	w.nvendors = sort_unique(w.vendors, n, sizeof(*w.vendors), cmp_u16);
	w.npairs = sort_unique(w.pairs, n, sizeof(*w.pairs), cmp_u32);
	w.vendor_names = xcalloc(w.nvendors, sizeof(*w.vendor_names));
	w.pair_names = xcalloc(w.npairs, sizeof(*w.pair_names));

	bool ok = scan_names(path, (const char *)map, size, &st, &w);
	bool missing = false;
	for (size_t i = 0; ok && i < n && !missing; i++)
		missing = !find_vendor(&w, q[i].vendor)->text ||
			  !find_pair(&w, q[i].vendor, q[i].device)->text;
	if (ok && missing && lookup_cache_exists())
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		q[i].vendor_name = dup_found(find_vendor(&w, q[i].vendor));
		q[i].device_name = dup_found(find_pair(&w, q[i].vendor, q[i].device));
	}
	wanted_free(&w);
	if (map)
		munmap((void *)map, size);
	return ok;
}

/* An IDE controller's prog-if without a pci.ids entry is worded from its
 * bits as libpci does (PCI IDE Controller Specification, section 2.1:
 * bit 7 bus master capable, bits 3 and 1 the secondary and primary
 * channel's mode programmable, bits 2 and 0 the channel in native mode);
 * only for interfaces whose bits 4-6 are clear. */
static char *ide_progif_words(uint32_t code)
{
	unsigned pif = code & 0xff;
	if ((code >> 8) != 0x0101 || (pif & 0x70))
		return NULL;
	static const struct { unsigned bit; const char *word; } bits[] = {
		{ 0x80, "Master" }, { 0x08, "SecP" }, { 0x04, "SecO" },
		{ 0x02, "PriP" }, { 0x01, "PriO" },
	};
	struct buf b = { 0 };
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (pif & bits[i].bit)
			buf_printf(&b, "%s%s", b.len ? " " : "", bits[i].word);
	if (!b.len)
		return xstrdup("");
	buf_append(&b, "", 1);
	return (char *)b.data;
}

/* lspci words names into 256-byte buffers, and libpci (names.c) ends a
 * text that does not fit with "..." in its last three bytes; the text in
 * full (up to LSPCI_TEXT_MAX bytes) becomes what lspci prints, in buf. */
#define LSPCI_BUF 256
#define LSPCI_TEXT_MAX 600
static void lspci_fit(const char *full, char *buf, size_t len)
{
	char fit[LSPCI_BUF];
	if (strlen(full) >= LSPCI_BUF) {
		memcpy(fit, full, LSPCI_BUF - 1);
		fit[LSPCI_BUF - 1] = '\0';
		fit[LSPCI_BUF - 2] = fit[LSPCI_BUF - 3] = fit[LSPCI_BUF - 4] = '.';
		full = fit;
	}
	snprintf(buf, len, "%s", full);
}

void pci_class_text(const struct pci_ids_class_query *q, bool numbers,
		    char *buf, size_t len)
{
	unsigned cls = q->class_code >> 8;
	char full[LSPCI_TEXT_MAX];
	if (q->subclass_name && numbers)
		snprintf(full, sizeof(full), "%s [%04x]", q->subclass_name, cls);
	else if (q->subclass_name)
		snprintf(full, sizeof(full), "%s", q->subclass_name);
	else if (q->class_name)
		snprintf(full, sizeof(full), "%s [%04x]", q->class_name, cls);
	else
		snprintf(full, sizeof(full), numbers ? "Class [%04x]" : "Class %04x", cls);
	lspci_fit(full, buf, len);
}

void pci_names_text(const char *vendor, const char *device, uint16_t vendor_id,
		    uint16_t device_id, bool numbers, char *buf, size_t len)
{
	char full[LSPCI_TEXT_MAX];
	if (numbers && vendor && device)
		snprintf(full, sizeof(full), "%s %s [%04x:%04x]", vendor, device,
			 vendor_id, device_id);
	else if (numbers && vendor)
		snprintf(full, sizeof(full), "%s Device [%04x:%04x]", vendor, vendor_id,
			 device_id);
	else if (numbers)
		snprintf(full, sizeof(full), "Device [%04x:%04x]", vendor_id, device_id);
	else if (vendor && device)
		snprintf(full, sizeof(full), "%s %s", vendor, device);
	else if (vendor)
		snprintf(full, sizeof(full), "%s Device %04x", vendor, device_id);
	else
		snprintf(full, sizeof(full), "Device %04x:%04x", vendor_id, device_id);
	lspci_fit(full, buf, len);
}

void pci_ids_class_query_free(struct pci_ids_class_query *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].subclass_name);
		free(q[i].class_name);
		free(q[i].progif_name);
		q[i].subclass_name = q[i].class_name = q[i].progif_name = NULL;
	}
}

/* A class name libpci would not find in pci.ids it looks up in
 * ~/.pciids-cache too, as for devices: then this reader is not sure. */
bool pci_ids_lookup_classes(const char *path, struct pci_ids_class_query *q, size_t n)
{
	if (n == 0)
		return true;
	const unsigned char *map;
	size_t size;
	struct stat st;
	if (!map_ids(path, &map, &size, &st))
		return false;
	struct wanted w = {
		.classes = q,
		.nclasses = n,
		.class_names = xcalloc(n, sizeof(*w.class_names)),
	};
	bool ok = scan_names(path, (const char *)map, size, &st, &w);
	bool missing = false;
	for (size_t i = 0; ok && i < n; i++)
		missing |= !w.class_names[i][0].text || !w.class_names[i][1].text ||
			   !w.class_names[i][2].text;
	if (ok && missing && lookup_cache_exists())
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		q[i].subclass_name = dup_found(&w.class_names[i][0]);
		if (!q[i].subclass_name)
			q[i].class_name = dup_found(&w.class_names[i][1]);
		q[i].progif_name = dup_found(&w.class_names[i][2]);
		if (!q[i].progif_name)
			q[i].progif_name = ide_progif_words(q[i].class_code);
	}
	wanted_free(&w);
	if (map)
		munmap((void *)map, size);
	return ok;
}
