/* SPDX-License-Identifier: GPL-2.0-only */
/* Found instead of cmocka's header when configure did not find cmocka:
 * jhconf builds without it, only `make check` needs it, and says so. */
#error "the unit tests need cmocka: apt-get install libcmocka-dev, then ./configure again"
