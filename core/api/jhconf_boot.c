/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot entry through the front-end API: the parameters of the last
 * plan, and the one place that reads and writes boot files (the editor
 * itself, core/boot/boot_entry.c, is pure). */
#include "api/jhconf.h"
#include "api/session.h"

#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The IOMMU kind Jailhouse will take over: that of the root cell's units
 * (all of one kind: DMAR on Intel, IVRS on AMD). */
static int plan_iommu_kind(const struct cfg_system *sys)
{
	return sys->niommu ? (int)sys->iommu[0].type : 0;
}

int jhconf_boot_params(const struct jhconf_session *s, struct boot_params *bp,
		       struct jh_error *err)
{
	if (!s->have_plan)
		return jh_fail(err, JH_BADINPUT, "no plan yet: nothing to boot with");
	boot_params_make(s->res.window_start, s->res.window_size,
			 plan_iommu_kind(&s->sys), bp);
	return 0;
}

void api_describe_plan(struct jhconf_session *s)
{
	struct boot_params bp;
	boot_params_make(s->res.window_start, s->res.window_size,
			 plan_iommu_kind(&s->sys), &bp);
	free(s->sys.cmdline_hint);
	s->sys.cmdline_hint = xstrdup(bp.line);
	char hv[BOOT_SIZE_LEN], inm[BOOT_SIZE_LEN];
	boot_size_text(hv, s->opts.mem_hv);
	boot_size_text(inm, s->opts.mem_inmates);
	free(s->sys.made_with);
	s->sys.made_with = xasprintf("--mem-hv %s --mem-inmates %s --console %s", hv, inm,
				     s->opts.console ? s->opts.console : "none");
}

char *jhconf_boot_old_reservation(const struct jhconf_session *s,
				  const struct boot_params *bp)
{
	const char *line = s->have_machine && s->m.cmdline ? s->m.cmdline : "";
	return boot_old_reservation(line, strcspn(line, "\n"), bp);
}

void jhconf_boot_params_missing(const struct jhconf_session *s,
				const struct boot_params *bp, struct strlist *missing)
{
	const char *line = s->have_machine && s->m.cmdline ? s->m.cmdline : "";
	struct boot_edit e;
	struct jh_error err = { 0 };
	/* an old window's reservation is replaced, as boot-entry --replace
	 * would: the IOMMU parameter beside it is then judged on its own */
	char *old = jhconf_boot_old_reservation(s, bp);
	int rc = boot_entry_edit(BOOT_FMT_CMDLINE, BOOT_READER_AUTO, "/proc/cmdline", line,
				 strlen(line), bp, old, &e, &err);
	free(old);
	if (rc < 0) {
		/* a line the editor would not touch (two reservations, two
		 * IOMMU parameters) has none of them as needed */
		strlist_add(missing, bp->memmap);
		if (bp->iommu_param)
			strlist_add(missing, bp->iommu_param);
		jh_error_clear(&err);
		return;
	}
	if (e.memmap != BOOT_KEPT)
		strlist_add(missing, bp->memmap);
	if (e.iommu != BOOT_KEPT)
		strlist_add(missing, bp->iommu_param);
	boot_edit_free(&e);
}

static const char *bytes(const struct buf *b)
{
	return b->data ? (const char *)b->data : "";
}

int jhconf_boot_change_prepare(const struct jhconf_session *s, const char *path,
			       enum boot_format fmt, enum boot_reader reader,
			       const char *replace, struct jhconf_boot_change *c,
			       struct jh_error *err)
{
	memset(c, 0, sizeof(*c));
	struct boot_params bp;
	if (jhconf_boot_params(s, &bp, err) < 0)
		return -1;
	if (api_read_file_nofollow(path, BOOT_ENTRY_MAX, "boot file", &c->old, &c->mode, err) < 0 ||
	    boot_entry_edit(fmt, reader, path, bytes(&c->old),
			    c->old.len, &bp, replace, &c->edit, err) < 0) {
		jhconf_boot_change_free(c);
		return -1;
	}
	c->path = xstrdup(path);
	c->backup_path = xasprintf("%s.jhconf-old", path);
	boot_diff(path, bytes(&c->old), c->old.len,
		  bytes(&c->edit.out), c->edit.out.len, &c->diff);
	return 0;
}

int jhconf_boot_change_write(const struct jhconf_boot_change *c, struct jh_error *err)
{
	if (!c->edit.changed)
		return 0;
	/* the file must still be what the diff was made from */
	struct buf now = { 0 };
	unsigned mode;
	int rc = api_read_file_nofollow(c->path, BOOT_ENTRY_MAX, "boot file", &now, &mode, err);
	if (rc == 0 && (now.len != c->old.len ||
			(now.len && memcmp(now.data, c->old.data, now.len))))
		rc = jh_fail(err, JH_BADINPUT,
			     "%s: changed since jhconf read it; nothing written, run again",
			     c->path);
	buf_free(&now);
	if (rc)
		return rc;
	struct atomic_batch b;
	atomic_batch_init(&b);
	atomic_batch_add(&b, c->backup_path, bytes(&c->old), c->old.len,
			 (mode_t)c->mode);
	atomic_batch_add(&b, c->path, c->edit.out.data, c->edit.out.len, (mode_t)c->mode);
	rc = atomic_batch_commit(&b, err);
	atomic_batch_free(&b);
	return rc;
}

void jhconf_boot_change_free(struct jhconf_boot_change *c)
{
	free(c->path);
	free(c->backup_path);
	buf_free(&c->old);
	boot_edit_free(&c->edit);
	buf_free(&c->diff);
	memset(c, 0, sizeof(*c));
}
