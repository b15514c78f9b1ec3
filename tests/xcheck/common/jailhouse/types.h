/* SPDX-License-Identifier: GPL-2.0-only */
/* jhconf's cross-check: the fixed-width types that generated configuration
 * files name, for compiling them without a Jailhouse tree. */
#ifndef XCHECK_TYPES_H
#define XCHECK_TYPES_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#endif
