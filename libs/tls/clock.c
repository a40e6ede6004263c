// The certificate clock: time() (rt's wall clock in an image) in the days
// and seconds BearSSL's X.509 validator counts from 1 January of year 0.
#include <time.h>

#include "internal.h"

// Days from 0000-01-01 to 1970-01-01 in the proleptic Gregorian calendar.
#define DAYS_TO_EPOCH 719528

void tls_clock_set(br_x509_minimal_context *xc)
{
    time_t now = time(NULL);

    br_x509_minimal_set_time(xc, (uint32_t)(now / 86400 + DAYS_TO_EPOCH),
                             (uint32_t)(now % 86400));
}
