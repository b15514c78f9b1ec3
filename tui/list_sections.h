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

#endif
