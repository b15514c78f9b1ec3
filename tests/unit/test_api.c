/* SPDX-License-Identifier: GPL-2.0-only */
/* The front-end API (core/api/jhconf.h) as a front end uses it: open a
 * bundled snapshot, plan, re-plan after edits, render and write, read a
 * .cell back. Expected bytes are Jailhouse master's own output for the
 * same snapshot (tests/data/ref, made by its config create + build). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/jhconf.h"
#include "testutil.h"

#define SNAP(name) JH_TEST_DATA "/snapshots/" name
#define REF(name, rev) JH_TEST_DATA "/ref/" name "/" rev "/" name ".cell"

static void assert_bytes(const struct buf *b, const char *ref)
{
	size_t len;
	unsigned char *want = test_slurp(ref, &len);
	assert_int_equal(b->len, len);
	assert_memory_equal(b->data, want, len);
	free(want);
}

static void render_equals(const struct jhconf_session *s, const char *ref)
{
	struct buf cell = { 0 }, csrc = { 0 };
	struct jh_error err = { 0 };
	assert_int_equal(jhconf_render(s, &cell, &csrc, &err), 0);
	assert_bytes(&cell, ref);
	assert_true(csrc.len > 0);
	buf_free(&cell);
	buf_free(&csrc);
}

static bool has_rule(const struct jhconf_session *s, const char *id)
{
	const struct jh_findings *f = jhconf_findings(s);
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(jh_finding_rule(&f->v[i])->id, id))
			return true;
	return false;
}

/* open -> plan -> render gives master's bytes; every change of options
 * or plan moves the generation, a no-op does not. */
static void test_plan_and_replan(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	unsigned long g = jhconf_generation(s);
	assert_null(jhconf_machine(s));
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("q35-jailhouse-doc"), &err), 0);
	assert_non_null(jhconf_machine(s));
	assert_true(jhconf_generation(s) > g);
	g = jhconf_generation(s);
	assert_null(jhconf_config(s));
	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_true(jhconf_generation(s) > g);
	assert_false(jhconf_refused(s));
	assert_int_equal(jhconf_findings(s)->n, 0);
	render_equals(s, REF("q35-jailhouse-doc", "rev14"));
	/* master's memmap hint for this machine (c-note.txt) */
	assert_string_equal(jhconf_result(s)->hint, "memmap=0x5200000$0x3a000000");

	/* the same sizes again: nothing changed */
	g = jhconf_generation(s);
	assert_int_equal(jhconf_set_mem(s, 6ull << 20, 76ull << 20, &err), 0);
	assert_int_equal(jhconf_generation(s), g);
	/* a size that is not whole pages is refused and changes nothing */
	assert_int_equal(jhconf_set_mem(s, 4095, 76ull << 20, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "--mem-hv: 0xfff is not a multiple of 4 KiB"));
	jh_error_clear(&err);
	assert_int_equal(jhconf_plan_opts(s)->mem_hv, 6ull << 20);
	assert_int_equal(jhconf_generation(s), g);

	/* edit, re-plan: master's --mem-hv 8M --mem-inmates 120M case */
	assert_int_equal(jhconf_set_mem(s, 8ull << 20, 120ull << 20, &err), 0);
	assert_true(jhconf_generation(s) > g);
	assert_int_equal(jhconf_plan(s, &err), 0);
	render_equals(s, REF("q35-jailhouse-doc", "rev14-mem8M-120M"));

	/* back to the defaults, revision 13 */
	assert_int_equal(jhconf_set_mem(s, 6ull << 20, 76ull << 20, &err), 0);
	assert_int_equal(jhconf_set_revision(s, 13, &err), 0);
	assert_int_equal(jhconf_set_revision(s, 11, &err), -1);
	jh_error_clear(&err);
	assert_int_equal(jhconf_revision(s), 13);
	assert_int_equal(jhconf_plan(s, &err), 0);
	render_equals(s, REF("q35-jailhouse-doc", "rev13"));

	/* console none: a different plan, no console */
	g = jhconf_generation(s);
	jhconf_set_console(s, "none");
	assert_true(jhconf_generation(s) > g);
	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_int_equal(jhconf_config(s)->debug_console.type, 0);
	jhconf_free(s);
}

/* jhconf_write: OUT.c and OUT.cell, the bytes of the render; read back
 * through jhconf_read_cell. */
static void test_write_and_read_back(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	char tmpl[] = "/tmp/jh-test-api-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("q35-amd"), &err), 0);
	assert_int_equal(jhconf_plan(s, &err), 0);
	char *out = xasprintf("%s/root.c", dir);
	struct jhconf_written w;
	assert_int_equal(jhconf_write(s, out, &w, &err), 0);
	assert_string_equal(w.c_path, out);
	char *cellpath = xasprintf("%s/root.cell", dir);
	assert_string_equal(w.cell_path, cellpath);
	struct buf written = test_read_file(cellpath);
	assert_int_equal(written.len, w.cell_len);
	assert_bytes(&written, REF("q35-amd", "rev14"));
	buf_free(&written);

	struct cell_file f;
	size_t size = 0;
	assert_int_equal(jhconf_read_cell(cellpath, &f, &size, &err), 0);
	assert_true(f.is_system);
	assert_int_equal(f.layout->revision, 14);
	assert_int_equal(size, w.cell_len);
	cell_file_free(&f);
	assert_int_equal(jhconf_read_cell(dir, &f, &size, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);

	jhconf_written_free(&w);
	jhconf_free(s);
	free(out);
	free(cellpath);
	test_remove_tree(dir);
}

/* A refusal: the machine opens (list works), the plan fails with every
 * error finding, not just the first; nothing to render. */
static void test_refused_lists_every_error(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("pc-i440fx-noiommu"), &err), 0);
	assert_int_equal(jhconf_plan(s, &err), -1);
	assert_int_equal(err.status, JH_REFUSED);
	assert_true(jhconf_refused(s));
	/* pc/i440fx has no MMCONFIG and no IOMMU: two independent refusals */
	assert_true(has_rule(s, "ROOT-NO-MCFG"));
	assert_true(has_rule(s, "ROOT-NO-DMAR"));
	assert_int_equal(jh_findings_count(jhconf_findings(s), JH_SEV_ERROR), 2);
	assert_non_null(strstr(err.msg, "MCFG: missing"));
	assert_null(jhconf_config(s));
	struct buf cell = { 0 }, csrc = { 0 };
	jh_error_clear(&err);
	assert_int_equal(jhconf_render(s, &cell, &csrc, &err), -1);
	jh_error_clear(&err);
	jhconf_free(s);
}

/* The MSI-X table of 00:02.0 (capability at 0xa0, BIR 3) put into an
 * I/O BAR (BAR3 @0x1c = 0x0000c001): discovery still gives the machine
 * (so `list` lists it, the device without MSI-X vectors); the plan
 * refuses with rule PCI-MSIX-NOT-MEMORY naming the device. Before, the
 * parser refused the whole machine. */
static void test_msix_io_bar_listed_then_refused(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/jh-test-api-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *cmd = xasprintf("cp -a '%s/.' '%s'", SNAP("q35-jailhouse-doc"), dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	char *cfg = xasprintf("%s/sys/bus/pci/devices/0000:00:02.0/config", dir);
	FILE *f = fopen(cfg, "r+b");
	assert_non_null(f);
	static const unsigned char io_bar[4] = { 0x01, 0xc0, 0x00, 0x00 };
	assert_int_equal(fseek(f, 0x1c, SEEK_SET), 0);
	assert_int_equal(fwrite(io_bar, 1, 4, f), 4);
	fclose(f);
	free(cfg);

	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, dir, &err), 0);
	const struct machine *m = jhconf_machine(s);
	const struct pci_dev *d = NULL;
	for (size_t i = 0; i < m->npci; i++)
		if (!strcmp(m->pci[i].slot, "0000:00:02.0"))
			d = &m->pci[i];
	assert_non_null(d);
	assert_true(d->msix_not_memory);
	assert_int_equal(d->msix_vectors, 0);
	assert_int_equal(jhconf_plan(s, &err), -1);
	assert_int_equal(err.status, JH_REFUSED);
	assert_true(has_rule(s, "PCI-MSIX-NOT-MEMORY"));
	assert_string_equal(err.msg,
			    "/sys/bus/pci/devices/0000:00:02.0/config: the MSI-X table "
			    "(capability at 0xa0) lies in BAR 3, which is not a memory BAR "
			    "(0x0000c001): Jailhouse cannot handle this device");
	const struct jh_finding *x = jh_findings_first(jhconf_findings(s), JH_SEV_ERROR);
	assert_true(x->has_bdf);
	assert_int_equal(x->bdf, 0x10);  /* 00:02.0 = 2 << 3 */
	jh_error_clear(&err);
	jhconf_free(s);
	test_remove_tree(dir);
}

/* A session without a machine cannot plan; a missing tree fails to open
 * with bad input. */
/* Check through the API: .cell files (the system first), a project's
 * plan (the check's findings live in jhconf_findings), generate refusing
 * while one is an error; create's plan (no project) stays as it was. */
static void test_check(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct jh_findings f = { 0 };
#define PART(n) JH_TEST_DATA "/partition/q35-jailhouse-doc/" n ".cell"
	const char *good[] = { PART("RootCell"), PART("demo"), PART("linux1") };
	assert_int_equal(jhconf_check_files(good, 3, &f, &err), 0);
	assert_int_equal(f.n, 0);
	const char *bad[] = { PART("demo") };
	assert_int_equal(jhconf_check_files(bad, 1, &f, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_non_null(strstr(err.msg, "not a system configuration"));
	jh_error_clear(&err);
	/* the same inmate twice: one name, one CPU, one memory */
	const char *twice[] = { PART("RootCell"), PART("demo"), PART("demo") };
	assert_int_equal(jhconf_check_files(twice, 3, &f, &err), 0);
	assert_true(jh_findings_count(&f, JH_SEV_ERROR) >= 3);
	jh_findings_free(&f);

	/* 16 KiB of hypervisor memory cannot hold 4 CPUs' areas (16 KiB
	 * each at least): no finding without a project (create) ... */
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("q35-jailhouse-doc"), &err), 0);
	assert_int_equal(jhconf_set_mem(s, 0x4000, 76 << 20, &err), 0);
	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_false(has_rule(s, "HV-MEM-TOO-SMALL"));
	assert_int_equal(jhconf_check_project(s, &f, &err), 0);
	assert_int_equal(jh_findings_count(&f, JH_SEV_ERROR), 1);
	assert_string_equal(jh_finding_rule(&f.v[0])->id, "HV-MEM-TOO-SMALL");
	jh_findings_free(&f);
	/* ... a project's plan has it, and generate refuses */
	assert_int_equal(jhconf_project_init(s, JHCONF_SOURCE_TREE, SNAP("q35-jailhouse-doc"),
					     NULL, &err), 0);
	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_true(has_rule(s, "HV-MEM-TOO-SMALL"));
	char tmpl[] = "/tmp/jh-test-api-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	struct strlist written = { 0 };
	assert_int_equal(jhconf_generate(s, dir, &written, &err), -1);
	assert_int_equal(err.status, JH_REFUSED);
	assert_int_equal(written.n, 0);
	jh_error_clear(&err);
	char *root = xasprintf("%s/RootCell.cell", dir);
	assert_int_equal(access(root, F_OK), -1);
	free(root);
	test_remove_tree(dir);
	jhconf_free(s);
#undef PART
}

static void test_no_machine(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_plan(s, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, "/nonexistent-jh", &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	assert_null(jhconf_machine(s));
	jh_error_clear(&err);
	jhconf_free(s);
}

/* The boot parameters of a plan, and which a snapshot's /proc/cmdline
 * lacks: q35-jailhouse-doc boots with "console=ttyS0 intel_iommu=on"
 * (both missing, the switch replaced), q35-agl-memmap with
 * "memmap=82M$0x3a000000 intel_iommu=off" (none), q35-amd with
 * "amd_iommu=on" (an AMD IOMMU: amd_iommu=off). */
static void boot_case(const char *snap, const char *line, size_t nmissing)
{
	struct jh_error err = { 0 };
	struct jhconf_session *s = jhconf_new();
	struct boot_params bp;
	assert_int_equal(jhconf_boot_params(s, &bp, &err), -1);   /* no plan */
	jh_error_clear(&err);
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, snap, &err), 0);
	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_int_equal(jhconf_boot_params(s, &bp, &err), 0);
	assert_string_equal(bp.line, line);
	struct strlist missing = { 0 };
	jhconf_boot_params_missing(s, &bp, &missing);
	assert_int_equal(missing.n, nmissing);
	strlist_free(&missing);
	jhconf_free(s);
}

static void test_boot_params(void **state)
{
	(void)state;
	boot_case(SNAP("q35-jailhouse-doc"), "memmap=82M$0x3a000000 intel_iommu=off", 2);
	boot_case(SNAP("q35-agl-memmap"), "memmap=82M$0x3a000000 intel_iommu=off", 0);
	boot_case(SNAP("q35-amd"), "memmap=82M$0x3a000000 amd_iommu=off", 2);
}

/* jhconf_readiness: before a plan the planner's items are unknown, after
 * it they carry its verdict; a refused plan still gives every item. The
 * expected states come from the snapshots' files (README there): the
 * q35-agl-memmap guest has no vmx flag (TCG), a DMAR with INTR_REMAP,
 * intel_iommu=off and memmap=82M$0x3a000000 (= 6M + 76M, the default
 * window); pc-i440fx has neither MCFG nor DMAR. */
static void test_readiness(void **state)
{
	(void)state;
	struct jh_error err = { 0 };
	struct ready_list l = { 0 };
	struct jhconf_session *s = jhconf_new();
	assert_int_equal(jhconf_readiness(s, &l, &err), -1);
	assert_int_equal(err.status, JH_BADINPUT);
	jh_error_clear(&err);

	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("q35-agl-memmap"), &err), 0);
	assert_int_equal(jhconf_readiness(s, &l, &err), 0);
	assert_int_equal(readiness_find(&l, "mmconfig")->state, READY_UNKNOWN);
	assert_int_equal(readiness_find(&l, "memmap")->state, READY_UNKNOWN);
	assert_int_equal(readiness_find(&l, "vmx")->state, READY_MISSING);

	assert_int_equal(jhconf_plan(s, &err), 0);
	assert_int_equal(jhconf_readiness(s, &l, &err), 0);
	assert_int_equal(readiness_find(&l, "mmconfig")->state, READY_OK);
	assert_int_equal(readiness_find(&l, "memmap")->state, READY_OK);
	assert_int_equal(readiness_find(&l, "linux-iommu")->state, READY_OK);
	assert_int_equal(readiness_find(&l, "intr-remap")->state, READY_OK);
	const struct ready_item *vmx = readiness_find(&l, "vmx");
	assert_int_equal(vmx->state, READY_MISSING);
	assert_true(vmx->blocks);
	assert_string_equal(jh_rule_get(vmx->rule)->id, "READY-NO-VMX");
	assert_int_equal(readiness_blocking(&l), 1);

	/* refused by the planner: its errors are the items' */
	assert_int_equal(jhconf_open(s, JHCONF_SOURCE_TREE, SNAP("pc-i440fx-noiommu"), &err), 0);
	assert_int_equal(jhconf_plan(s, &err), -1);
	assert_true(jhconf_refused(s));
	jh_error_clear(&err);
	assert_int_equal(jhconf_readiness(s, &l, &err), 0);
	const struct ready_item *mc = readiness_find(&l, "mmconfig");
	assert_int_equal(mc->state, READY_MISSING);
	assert_string_equal(jh_rule_get(mc->rule)->id, "ROOT-NO-MCFG");
	assert_int_equal(readiness_find(&l, "iommu")->state, READY_MISSING);
	assert_int_equal(readiness_find(&l, "pm-timer")->state, READY_OK);
	/* no plan result: the window's hint is not known */
	assert_int_equal(readiness_find(&l, "memmap")->state, READY_MISSING);
	ready_list_free(&l);
	jhconf_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_and_replan),
		cmocka_unit_test(test_write_and_read_back),
		cmocka_unit_test(test_refused_lists_every_error),
		cmocka_unit_test(test_msix_io_bar_listed_then_refused),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_no_machine),
		cmocka_unit_test(test_boot_params),
		cmocka_unit_test(test_readiness),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
