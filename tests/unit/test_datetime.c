/* SPDX-License-Identifier: GPL-2.0-only */
/* SOURCES: xen/common/datetime.c */
/* RTC decoding (BCD/binary, 12/24 hour, century) and dates to seconds since the epoch. */
#include <stdio.h>
#include <test.h>
#include <xen/datetime.h>

/* A check whose failure message says what was seen. */
#define EXPECT(c, ...) do { if (!(c)) test_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)

static void check_epoch(unsigned int y, unsigned int mo, unsigned int d, unsigned int h,
                        unsigned int mi, unsigned int s, uint64_t want)
{
    struct datetime dt = { y, mo, d, h, mi, s };
    uint64_t got = datetime_to_epoch(&dt);
    EXPECT(got == want, "%04u-%02u-%02u %02u:%02u:%02u -> %llu, want %llu", y, mo, d, h, mi, s,
          (unsigned long long)got, (unsigned long long)want);
}

static void check_decode(struct rtc_regs r, bool ok, unsigned int y, unsigned int mo,
                         unsigned int d, unsigned int h, unsigned int mi, unsigned int s)
{
    struct datetime dt;
    bool got = rtc_decode(&r, &dt);
    EXPECT(got == ok, "decode of %02x:%02x:%02x %02x-%02x-%02x (B %02x) %s", r.hour, r.min, r.sec,
          r.year, r.mon, r.day, r.status_b, ok ? "refused" : "accepted");
    if (ok && got)
        EXPECT(dt.year == y && dt.mon == mo && dt.day == d && dt.hour == h && dt.min == mi &&
              dt.sec == s, "decoded %04u-%02u-%02u %02u:%02u:%02u", dt.year, dt.mon, dt.day,
              dt.hour, dt.min, dt.sec);
}

int main(void)
{
    check_epoch(1970, 1, 1, 0, 0, 0, 0);
    check_epoch(2000, 3, 1, 0, 0, 0, 951868800);        /* after a 400-year leap day */
    check_epoch(2026, 11, 23, 21, 40, 12, 1795470012);
    check_epoch(2100, 3, 1, 0, 0, 0, 4107542400ULL);    /* 2100 is not a leap year */

    /* BCD, 24-hour. */
    check_decode((struct rtc_regs){ .sec = 0x12, .min = 0x40, .hour = 0x21, .day = 0x23, .mon = 0x11,
                                    .year = 0x26, .status_b = RTC_B_24H }, true, 2026, 11, 23, 21, 40, 12);
    /* Binary, 12-hour: 9 PM, 12 AM, 12 PM. */
    check_decode((struct rtc_regs){ .sec = 5, .min = 6, .hour = 0x80 | 9, .day = 1, .mon = 2,
                                    .year = 24, .status_b = RTC_B_BINARY }, true, 2024, 2, 1, 21, 6, 5);
    check_decode((struct rtc_regs){ .sec = 0, .min = 0, .hour = 12, .day = 1, .mon = 1, .year = 30,
                                    .status_b = RTC_B_BINARY }, true, 2030, 1, 1, 0, 0, 0);
    check_decode((struct rtc_regs){ .sec = 0, .min = 0, .hour = 0x80 | 0x12, .day = 0x29, .mon = 0x02,
                                    .year = 0x24, .status_b = 0 }, true, 2024, 2, 29, 12, 0, 0);
    /* Century register, BCD. */
    check_decode((struct rtc_regs){ .sec = 0x59, .min = 0x59, .hour = 0x23, .day = 0x31, .mon = 0x12,
                                    .year = 0x99, .century = 0x19, .have_century = true,
                                    .status_b = RTC_B_24H }, true, 1999, 12, 31, 23, 59, 59);
    /* Garbage: bad BCD digit, 29 Feb of a common year, hour 0 in 12-hour mode, month 13. */
    check_decode((struct rtc_regs){ .sec = 0x1a, .min = 0, .hour = 0, .day = 1, .mon = 1, .year = 0x26,
                                    .status_b = RTC_B_24H }, false, 0, 0, 0, 0, 0, 0);
    check_decode((struct rtc_regs){ .sec = 0, .min = 0, .hour = 0, .day = 0x29, .mon = 0x02,
                                    .year = 0x25, .status_b = RTC_B_24H }, false, 0, 0, 0, 0, 0, 0);
    check_decode((struct rtc_regs){ .sec = 0, .min = 0, .hour = 0, .day = 1, .mon = 1, .year = 0x25,
                                    .status_b = 0 }, false, 0, 0, 0, 0, 0, 0);
    check_decode((struct rtc_regs){ .sec = 0, .min = 0, .hour = 0, .day = 1, .mon = 13, .year = 25,
                                    .status_b = RTC_B_24H | RTC_B_BINARY }, false, 0, 0, 0, 0, 0, 0);
    return test_done();
}
