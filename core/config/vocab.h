/* SPDX-License-Identifier: GPL-2.0-only */
/* The one vocabulary of Jailhouse names. For each set of values a cell
 * configuration holds (memory flags, console type and flags, PCI device
 * types, capability ids, system and cell flags, IOMMU types, APIC modes,
 * architectures): the value, the C symbol as Jailhouse's
 * include/jailhouse/cell-config.h and console.h spell it (for the .c
 * writer, with the first revision whose headers define it) and words for
 * people (for show, list and the screens to come). Nothing else in jhconf
 * spells these names. */
#ifndef JH_VOCAB_H
#define JH_VOCAB_H

#include <stdbool.h>
#include <stdint.h>

struct jh_name {
	uint64_t value;        /* a bit (flag sets) or a value (enumerations) */
	const char *symbol;    /* NULL ends a table */
	int min_revision;      /* the first revision whose headers define it */
	const char *words;     /* for people */
};

/* Flag sets: each entry is one bit (or, for the memory access widths,
 * one value of a bit field). */
extern const struct jh_name jh_mem_flags[];       /* jailhouse_memory.flags */
extern const struct jh_name jh_cell_flags[];      /* jailhouse_cell_desc.flags */
extern const struct jh_name jh_system_flags[];    /* jailhouse_system.flags */
extern const struct jh_name jh_cache_flags[];     /* jailhouse_cache.flags */
extern const struct jh_name jh_pci_cap_flags[];   /* jailhouse_pci_capability.flags */
/* jailhouse_console.flags: access (bit 0) and register distance (bit 1)
 * name their clear state too, so they are enumerations of their bit; the
 * other bits are flags. */
extern const struct jh_name jh_console_access[];
extern const struct jh_name jh_console_regdist[];
extern const struct jh_name jh_console_flags[];
#define JH_CON_ACCESS_MASK  0x0001
#define JH_CON_REGDIST_MASK 0x0002

/* Enumerations. */
extern const struct jh_name jh_console_types[];
extern const struct jh_name jh_pci_types[];
extern const struct jh_name jh_iommu_types[];
extern const struct jh_name jh_apic_modes[];
extern const struct jh_name jh_architectures[];

/* The marker bit of an extended capability id in jailhouse_pci_capability. */
#define JH_PCI_EXT_CAP_SYMBOL "JAILHOUSE_PCI_EXT_CAP"

/* The entry for value v (enumerations) or NULL. */
const struct jh_name *jh_name_of(const struct jh_name *tab, uint64_t v);
/* Its words, or `fallback` when the table does not know v. */
const char *jh_words(const struct jh_name *tab, uint64_t v,
		     const char *fallback);

/* A PCI capability's name as the PCI specifications give it (lspci's
 * words): standard ids from the PCI Local Bus / Code and ID Assignment
 * specification, extended ids from PCI Express. "unknown" for others. */
const char *jh_pci_cap_name(uint16_t id, bool extended);

#endif
