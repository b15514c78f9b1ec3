/* SPDX-License-Identifier: GPL-2.0-only */
/* DMAR: Intel VT-d remapping hardware (VT-d spec, chapter 8). After the
 * header come the host address width, flags and 10 reserved bytes, then
 * remapping structures of (type u16, length u16). We keep the hardware
 * units (DRHD) and the reserved memory regions (RMRR) with their device
 * scopes; the other structure types are skipped by their length. */
#include <stdlib.h>
#include <string.h>

#include "parse/parsers.h"
#include "base/util.h"

#define DMAR_FIRST_STRUCT 48u
#define DMAR_STRUCT_HDR 4u
#define DRHD_SCOPES 16u         /* DRHD: device scopes start here */
#define RMRR_SCOPES 24u         /* RMRR: device scopes start here */
#define SCOPE_PATH 6u           /* device scope: path pairs start here */

enum dmar_struct_type {
	DMAR_DRHD = 0,
	DMAR_RMRR = 1,
};

/* One device scope at `s`, with `room` bytes left in its structure. */
static int dmar_parse_scope(const char *file, size_t off,
			    const unsigned char *s, size_t room,
			    struct dmar_scope *out, size_t *used,
			    struct jh_error *err)
{
	if (room < 2)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR device scope at offset %zu is cut off "
			       "by the end of its structure", file, off);
	uint8_t slen = s[1];
	if (slen < SCOPE_PATH || (slen - SCOPE_PATH) % 2 != 0)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR device scope at offset %zu has length "
			       "%u (needs 6 plus 2 per path entry)",
			       file, off, slen);
	if (slen > room)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR device scope at offset %zu (length %u) "
			       "runs past the end of its structure",
			       file, off, slen);
	size_t npath = (slen - SCOPE_PATH) / 2;
	if (npath > DMAR_SCOPE_MAX_PATH)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR device scope at offset %zu has a path "
			       "of %zu hops (at most %d supported)",
			       file, off, npath, DMAR_SCOPE_MAX_PATH);
	memset(out, 0, sizeof(*out));
	out->type = s[0];
	out->enum_id = s[4];
	out->bus = s[5];
	out->npath = (uint8_t)npath;
	for (size_t i = 0; i < npath; i++) {
		out->path[i].dev = s[SCOPE_PATH + 2 * i];
		out->path[i].fn = s[SCOPE_PATH + 2 * i + 1];
	}
	*used = slen;
	return 0;
}

/* The device scopes of a structure `st` of `slen` bytes, from `first`. */
static int dmar_parse_scopes(const char *file, size_t st_off,
			     const unsigned char *st, size_t slen,
			     size_t first, struct dmar_scope **scopes,
			     size_t *n, size_t *cap, struct jh_error *err)
{
	size_t off = first;
	while (off < slen) {
		struct dmar_scope scope;
		size_t used = 0;
		if (dmar_parse_scope(file, st_off + off, st + off, slen - off,
				     &scope, &used, err) != 0)
			return -1;
		*ARRAY_PUSH(*scopes, *n, *cap) = scope;
		off += used;
	}
	return 0;
}

static int dmar_parse_drhd(const char *file, size_t off,
			   const unsigned char *st, size_t slen,
			   struct dmar *out, struct jh_error *err)
{
	if (slen < DRHD_SCOPES)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR DRHD at offset %zu has length %zu, "
			       "needs %u", file, off, slen, DRHD_SCOPES);
	struct dmar_drhd *d = ARRAY_PUSH(out->drhds, out->ndrhds,
					 out->drhds_cap);
	d->flags = st[4];
	d->segment = le16(st + 6);
	d->base = le64(st + 8);
	return dmar_parse_scopes(file, off, st, slen, DRHD_SCOPES, &d->scopes,
				 &d->nscopes, &d->scopes_cap, err);
}

static int dmar_parse_rmrr(const char *file, size_t off,
			   const unsigned char *st, size_t slen,
			   struct dmar *out, struct jh_error *err)
{
	if (slen < RMRR_SCOPES)
		return jh_fail(err, JH_BADINPUT,
			       "%s: DMAR RMRR at offset %zu has length %zu, "
			       "needs %u", file, off, slen, RMRR_SCOPES);
	struct dmar_rmrr *r = ARRAY_PUSH(out->rmrrs, out->nrmrrs,
					 out->rmrrs_cap);
	r->segment = le16(st + 6);
	r->base = le64(st + 8);
	r->limit = le64(st + 16);
	return dmar_parse_scopes(file, off, st, slen, RMRR_SCOPES, &r->scopes,
				 &r->nscopes, &r->scopes_cap, err);
}

static int dmar_walk_structs(const char *file, const unsigned char *data,
			     uint32_t length, struct dmar *out,
			     struct jh_error *err)
{
	size_t off = DMAR_FIRST_STRUCT;
	while (off < length) {
		if (length - off < DMAR_STRUCT_HDR)
			return jh_fail(err, JH_BADINPUT,
				       "%s: DMAR structure at offset %zu is cut "
				       "off by the end of the table", file, off);
		const unsigned char *st = data + off;
		uint16_t type = le16(st), slen = le16(st + 2);
		if (slen < DMAR_STRUCT_HDR)
			return jh_fail(err, JH_BADINPUT,
				       "%s: DMAR structure at offset %zu (type "
				       "%u) has length %u", file, off, type,
				       slen);
		if (slen > length - off)
			return jh_fail(err, JH_BADINPUT,
				       "%s: DMAR structure at offset %zu (type "
				       "%u, length %u) runs past the end of the "
				       "table (%u bytes)",
				       file, off, type, slen, length);
		int rc = 0;
		if (type == DMAR_DRHD)
			rc = dmar_parse_drhd(file, off, st, slen, out, err);
		else if (type == DMAR_RMRR)
			rc = dmar_parse_rmrr(file, off, st, slen, out, err);
		if (rc != 0)
			return -1;
		off += slen;
	}
	return 0;
}

int parse_dmar(const char *file, const unsigned char *data, size_t len,
	       struct dmar *out, struct jh_findings *diag, struct jh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (acpi_check_header(file, data, len, "DMAR", diag, err) != 0)
		return -1;
	uint32_t length;
	if (acpi_check_min_length(file, data, "DMAR", DMAR_FIRST_STRUCT,
				  "the host address width and flags", &length,
				  err) != 0)
		return -1;
	out->host_addr_width = data[36];
	out->flags = data[37];
	if (dmar_walk_structs(file, data, length, out, err) != 0) {
		dmar_free(out);
		return -1;
	}
	return 0;
}

void dmar_free(struct dmar *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->ndrhds; i++)
		free(d->drhds[i].scopes);
	for (size_t i = 0; i < d->nrmrrs; i++)
		free(d->rmrrs[i].scopes);
	free(d->drhds);
	free(d->rmrrs);
	memset(d, 0, sizeof(*d));
}
