/* SPDX-License-Identifier: GPL-2.0-only */
/* The project: the user's decisions about a machine, apart from the
 * discovered hardware, and its text file (default ./jhconf.conf).
 *
 * The file is line-oriented and diff-friendly: one directive a line, a
 * fixed order on rewrite, inmate cells as `cell NAME` ... `end` blocks.
 * Comments (`#` to the end of a line) and blank lines the user wrote are
 * kept with the directive that follows them (or that they trail), so a
 * rewrite after an edit loses none of them. The reader checks syntax and
 * what one line can know (numbers, names, duplicates); whether a CPU or a
 * device exists is the planner's question.
 *
 *   # jhconf project
 *   jhconf-project 1
 *   source tree /srv/snapshots/q35
 *   hardware cpus 4
 *   hardware ram 0x100000-0x3fffffff
 *   hardware pci 0000:00:1f.2 8086:2922 class 010601 subsys 1af4:1100
 *   hypervisor mem-hv 0x600000 mem-inmates 0x4c00000
 *   console ttyS0
 *   config-revision 14
 *   root-name RootCell
 *
 *   cell linux1
 *   	kind linux
 *   	cpus 2-3
 *   	mem 0x4000000
 *   	pci slot=00:02.0 id=8086:10d3
 *   end
 *   link linux1 RootCell size 0x100000 protocol veth
 */
#ifndef JH_PROJECT_H
#define JH_PROJECT_H

#include "base/util.h"

#define PROJECT_FORMAT_VERSION 1
#define PROJECT_DEFAULT_FILE "jhconf.conf"
/* A cell name as Jailhouse stores it: at most 31 bytes plus the NUL. */
#define PROJECT_NAME_MAX 31

/* The comments that belong to one directive: the comment and blank lines
 * right before it (verbatim, each ending in '\n') and the comment after it
 * on its own line (from the '#', without the newline). NULL when none. */
struct proj_note {
	char *lead;
	char *trail;
};

/* An inclusive range of numbers: CPUs, ports, addresses. */
struct proj_range {
	uint64_t first, last;
};

struct proj_ranges {
	struct proj_range *v;
	size_t n, cap;
};

/* A range on a line of its own (a port range, a RAM range). */
struct proj_range_line {
	uint64_t first, last;
	struct proj_note note;
};

/* A PCI device chosen the way pciutils' filters do (lspci -s / -d): by its
 * place on the bus, by its ids, or both. A selector by ids survives a
 * device moving to another slot; by slot, a device being swapped. */
struct proj_pci_sel {
	bool has_slot, has_ids;
	uint16_t domain;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	struct proj_note note;
};

/* What the project remembers of the hardware it was made on, so that
 * `update` can tell what moved. A function behind a PCI-to-PCI bridge
 * names that bridge (`behind SLOT`, the bridge having a line of its own),
 * so the chain of bridges up to the root bus, and each one's identity,
 * can be compared on another machine: bus numbers are handed out at
 * enumeration and change when a bridge is added, the chain does not.
 * A line without `behind` is a function on a root bus (or one recorded
 * before jhconf wrote `behind`). */
struct proj_hw_pci {
	uint16_t domain;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code;
	uint16_t subsys_vendor, subsys_device;
	bool has_parent;
	uint16_t parent_domain;
	uint8_t parent_bus, parent_dev, parent_fn;
	unsigned line;              /* in the file it was read from, 0 if none */
	struct proj_note note;
};

/* An extra MMIO region of an inmate: physical start, size, access. */
struct proj_mmio {
	uint64_t start, size;
	bool write, exec;           /* read is implied */
	struct proj_note note;
};

enum proj_cell_kind {
	PROJ_KIND_DEMO,             /* a bare-metal inmate like inmates/demos */
	PROJ_KIND_LINUX,            /* a Linux started with `jailhouse cell linux` */
};

enum proj_source_kind {
	PROJ_SOURCE_LIVE,
	PROJ_SOURCE_TREE,
	PROJ_SOURCE_TAR,
};

/* A value with the comments of its line; `set` tells whether the line
 * was there. */
struct proj_u64 {
	bool set;
	uint64_t v;
	struct proj_note note;
};

struct proj_text {
	char *v;                    /* NULL when the line is absent */
	struct proj_note note;
};

struct proj_cell {
	char *name;
	struct proj_note note;      /* of the `cell NAME` line */
	struct proj_note end_note;  /* of the `end` line */
	struct {
		bool set;
		enum proj_cell_kind v;
		struct proj_note note;
	} kind;
	struct {
		struct proj_ranges list;   /* sorted, merged */
		struct proj_note note;
	} cpus;
	struct proj_u64 mem;        /* RAM size */
	struct proj_u64 mem_at;     /* where in the inmate window, when fixed */
	struct proj_pci_sel *pci;
	size_t npci, pci_cap;
	struct {
		struct proj_ranges list;   /* IOAPIC pins as GSIs, sorted, merged */
		struct proj_note note;
	} pins;
	struct proj_range_line *pio;   /* port ranges, one line each */
	size_t npio, pio_cap;
	struct proj_mmio *mmio;
	size_t nmmio, mmio_cap;
	struct proj_text console;   /* "ttyS1" or "none" */
	struct {
		struct strlist v;       /* e.g. "passive-commreg", "virtual-console" */
		struct proj_note note;
	} flags;
};

struct proj_link {
	struct strlist peers;       /* cell names, the root cell's included */
	uint64_t size;              /* 0: the default */
	char *protocol;             /* NULL: the default ("undefined") */
	struct proj_note note;
};

struct project {
	struct proj_note header_note;   /* of the `jhconf-project` line */
	struct {
		bool set;
		enum proj_source_kind kind;
		char *path;             /* tree or tar; NULL for live */
		struct proj_note note;
	} source;
	struct {
		bool set;
		unsigned v;
		struct proj_note note;
	} hw_cpus;
	struct proj_range_line *hw_ram;
	size_t nhw_ram, hw_ram_cap;
	struct proj_hw_pci *hw_pci;
	size_t nhw_pci, hw_pci_cap;
	struct {
		bool set;
		uint64_t mem_hv, mem_inmates;
		bool has_address;
		uint64_t address;
		struct proj_note note;
	} hypervisor;
	struct proj_text console;
	struct proj_u64 revision;
	struct proj_text root_name;
	struct proj_cell *cells;
	size_t ncells, cells_cap;
	struct proj_link *links;
	size_t nlinks, links_cap;
	char *tail;                 /* comment/blank lines after the last directive */
};

/* Read a project from its text. `file` names it in errors ("FILE:LINE:
 * what is wrong", JH_BADINPUT). On error *out is left empty. */
int project_parse(const char *file, const char *text, size_t len,
		  struct project *out, struct jh_error *err);
/* The text of a project: fixed order, the comments where they were. */
void project_format(const struct project *p, struct buf *out);
void project_free(struct project *p);

struct proj_cell *project_find_cell(struct project *p, const char *name);
/* Append a new, empty cell (the name must be free and valid). */
struct proj_cell *project_add_cell(struct project *p, const char *name);
/* Remove cell i and its comments. */
void project_remove_cell(struct project *p, size_t i);

/* The value syntax, shared by the reader, the writer and the command
 * line options that take the same values. All return false on garbage. */
/* "2-3,5": numbers and inclusive ranges, sorted and merged into *out. */
bool proj_parse_list(const char *s, uint64_t max, struct proj_ranges *out);
/* "0x3f8-0x3ff" or "0x3f8+8": one inclusive range. */
bool proj_parse_range(const char *s, uint64_t max, struct proj_range *out);
/* One field of a PCI selector: "slot=[[DOMAIN:]BUS:]DEV.FN" or
 * "id=VENDOR:DEVICE" (hex, as lspci prints them). A selector always says
 * which part it gives, so the two cannot be confused. */
bool proj_parse_pci_field(const char *s, struct proj_pci_sel *sel);
/* A cell name: 1 to 31 bytes of letters, digits, '-', '_', '.'. */
bool proj_valid_name(const char *s);
void proj_ranges_add(struct proj_ranges *l, uint64_t first, uint64_t last);
bool proj_ranges_contains(const struct proj_ranges *l, uint64_t v);
void proj_ranges_free(struct proj_ranges *l);
/* "2-3,5" (decimal) or with hex=true "0x3f8-0x3ff" */
void proj_format_list(struct buf *b, const struct proj_ranges *l, bool hex);
void proj_format_pci_sel(struct buf *b, const struct proj_pci_sel *sel);

struct machine;
/* Record the machine's CPUs, top-level System RAM ranges and PCI functions
 * in the project's `hardware` lines (replacing what was there). */
void project_set_hardware(struct project *p, const struct machine *m);
/* The upstream bridge of m->pci[i]: the bridge whose secondary bus is
 * the function's bus, NONE_IDX on a root bus. */
size_t project_pci_parent(const struct machine *m, size_t i);
/* The recorded function at a slot, NONE_IDX when none. */
size_t project_hw_pci_find(const struct project *p, uint16_t domain, uint8_t bus,
			   uint8_t dev, uint8_t fn);
/* One line per difference between the recorded hardware and m. */
void project_hardware_changes(const struct project *p, const struct machine *m,
			      struct strlist *out);

/* What `cell add|assign|unassign` name on the command line. */
struct proj_cell_edit {
	bool set_kind, set_mem;
	enum proj_cell_kind kind;
	uint64_t mem;
	struct proj_ranges cpus, pins, pio;
	struct proj_pci_sel *pci;
	size_t npci, pci_cap;
	const char *console;        /* assign: set it; unassign: any value clears it */
	struct strlist flags;       /* assign: replace the cell's flags */
};
void proj_cell_edit_free(struct proj_cell_edit *e);
/* A device as the command line names it: lspci's "00:1b.0" (a slot: it
 * has a '.') or "8086:293e" (ids), or the file's slot=/id= forms. */
bool proj_parse_pci_item(const char *s, struct proj_pci_sel *sel);
void proj_ranges_remove(struct proj_ranges *l, uint64_t first, uint64_t last);

/* The edits; each fails (JH_BADINPUT, project unchanged) on a name that
 * is taken or missing, a device the cell does not have, or a link that
 * would dangle. */
int project_cell_add(struct project *p, const char *name, struct jh_error *err);
int project_cell_assign(struct project *p, const char *name,
			const struct proj_cell_edit *e, struct jh_error *err);
int project_cell_unassign(struct project *p, const char *name,
			  const struct proj_cell_edit *e, struct jh_error *err);
int project_cell_remove(struct project *p, const char *name, struct jh_error *err);
int project_cell_rename(struct project *p, const char *from, const char *to,
			struct jh_error *err);
/* index counts from 1, as `link list` shows the links */
int project_link_add(struct project *p, const struct strlist *peers, uint64_t size,
		     const char *protocol, struct jh_error *err);
int project_link_remove(struct project *p, size_t index, struct jh_error *err);

#endif
