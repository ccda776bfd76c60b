/* SPDX-License-Identifier: GPL-2.0-only */
/* Calendar time: decoding CMOS RTC registers and converting dates to seconds since the epoch. */
#ifndef XEN_DATETIME_H
#define XEN_DATETIME_H

#include <xen/types.h>

struct datetime {
    unsigned int year, mon, day;    /* mon 1-12, day 1-31 */
    unsigned int hour, min, sec;    /* 24-hour clock */
};

/* The RTC's registers as read: BCD or binary and 12/24-hour per status register B. */
struct rtc_regs {
    uint8_t sec, min, hour, day, mon, year;
    uint8_t century;                /* ignored unless @have_century */
    bool have_century;
    uint8_t status_b;
};
#define RTC_B_24H       0x02
#define RTC_B_BINARY    0x04
#define RTC_HOUR_PM     0x80        /* 12-hour mode */

/* Decode @r into @dt (years 20xx without a century register); false if a field is out of range. */
bool rtc_decode(const struct rtc_regs *r, struct datetime *dt);
/* Seconds since 1970-01-01 00:00:00 UTC of a valid date from 1970 on. */
uint64_t datetime_to_epoch(const struct datetime *dt);

#endif
