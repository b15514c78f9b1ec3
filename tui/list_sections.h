/* `jhconf list`: one printer per section of what discovery found. They
 * only format the machine model; core/ did the reading. */
#ifndef JH_LIST_SECTIONS_H
#define JH_LIST_SECTIONS_H

#include "api/jhconf.h"

#include <stdbool.h>
#include <stdio.h>

void list_pci(FILE *f, const struct machine *m, bool verbose);
void list_mem(FILE *f, const struct machine *m, bool verbose);
void list_ports(FILE *f, const struct machine *m, bool verbose);
void list_irq(FILE *f, const struct machine *m, bool verbose);
void list_cpus(FILE *f, const struct machine *m, bool verbose);
void list_iommu(FILE *f, const struct machine *m, bool verbose);
void list_uart(FILE *f, const struct machine *m, bool verbose);

/* A size in the largest unit that keeps it whole: "176 KiB", "1 GiB". */
void list_format_size(char *out, size_t outlen, uint64_t size);
/* "bb:dd.f" of a 16-bit requester id. */
void list_format_bdf(char *out, size_t outlen, uint16_t bdf);

#endif
