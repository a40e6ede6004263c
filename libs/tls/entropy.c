// Entropy: each connection's HMAC-DRBG gets 32 fresh bytes from getrandom(),
// which the host kernel answers on posix and ukcc's runtime answers from
// RDRAND/RDSEED in an image. There is no fallback: a connection without
// real entropy would have guessable keys, so it is not made.
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "internal.h"

int tls_seed(struct tls_conn *c)
{
    unsigned char seed[32];
    size_t got = 0;

    while (got < sizeof seed) {
        ssize_t n = getrandom(seed + got, sizeof seed - got, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return tls_fail(c, TLS_ERR_ENTROPY,
                            "no entropy: getrandom failed (%s); refusing "
                            "to run TLS with guessable keys",
                            n < 0 ? strerror(errno) : "no bytes");
        got += (size_t)n;
    }
    br_ssl_engine_inject_entropy(c->eng, seed, sizeof seed);
    memset(seed, 0, sizeof seed);
    return 0;
}
