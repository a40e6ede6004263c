// Uses libs/tls and BearSSL directly: both headers resolve under --tls.
#include <bearssl.h>
#include <ukcc/tls.h>

int main(void)
{
    return tls_strerror(TLS_ERR_SNI)[0] != 0 && br_sha256_SIZE == 32 ? 0 : 1;
}
