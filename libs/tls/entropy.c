// Entropy: each connection's HMAC-DRBG gets 32 fresh bytes from getrandom(),
// which the host kernel answers on posix and ukcc's runtime answers from
// RDRAND/RDSEED in an image. There is no fallback: a connection without
// real entropy would have guessable keys, so it is not made. A new
// configuration draws once too, so that a program on a machine without an
// entropy source stops when it starts, not at its first client.
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "internal.h"

// Fills buf from getrandom; 0, or the errno of the failure (EIO when the
// source gives no bytes).
static int draw(unsigned char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        got += (size_t)n;
    }
    return 0;
}

int tls_entropy_check(void)
{
    unsigned char probe[32];
    int e = draw(probe, sizeof probe);

    memset(probe, 0, sizeof probe);
    return e ? TLS_ERR_ENTROPY : 0;
}

int tls_seed(struct tls_conn *c)
{
    unsigned char seed[32];
    int e = draw(seed, sizeof seed);

    if (e)
        return tls_fail(c, TLS_ERR_ENTROPY,
                        "no entropy: getrandom failed (%s); refusing to run "
                        "TLS with guessable keys",
                        strerror(e));
    br_ssl_engine_inject_entropy(c->eng, seed, sizeof seed);
    memset(seed, 0, sizeof seed);
    return 0;
}
