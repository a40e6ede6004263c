// The chain probe: a pass-through X.509 engine in front of BearSSL's
// validator. It keeps the server's first certificate so that, when the
// chain is not trusted, the error can say whether the certificate was
// self-signed (issuer DN = subject DN, sent alone) or from an unknown CA.
#include <string.h>

#include "internal.h"

#define PROBE(ctx) ((struct tls_chain_probe *)(void *)(ctx))

static void start_chain(const br_x509_class **ctx, const char *name)
{
    struct tls_chain_probe *p = PROBE(ctx);

    p->ncerts = 0;
    p->len = 0;
    p->truncated = false;
    (*p->inner)->start_chain(p->inner, name);
}

static void start_cert(const br_x509_class **ctx, uint32_t length)
{
    struct tls_chain_probe *p = PROBE(ctx);

    p->ncerts++;
    (*p->inner)->start_cert(p->inner, length);
}

static void append(const br_x509_class **ctx, const unsigned char *buf,
                   size_t len)
{
    struct tls_chain_probe *p = PROBE(ctx);

    if (p->ncerts == 1) {
        if (len > sizeof p->first - p->len)
            p->truncated = true;
        else {
            memcpy(p->first + p->len, buf, len);
            p->len += len;
        }
    }
    (*p->inner)->append(p->inner, buf, len);
}

static void end_cert(const br_x509_class **ctx)
{
    (*PROBE(ctx)->inner)->end_cert(PROBE(ctx)->inner);
}

static unsigned end_chain(const br_x509_class **ctx)
{
    return (*PROBE(ctx)->inner)->end_chain(PROBE(ctx)->inner);
}

static const br_x509_pkey *get_pkey(const br_x509_class *const *ctx,
                                    unsigned *usages)
{
    const struct tls_chain_probe *p = (const void *)ctx;

    return (*p->inner)->get_pkey(p->inner, usages);
}

static const br_x509_class probe_class = {
    sizeof(struct tls_chain_probe),
    start_chain,
    start_cert,
    append,
    end_cert,
    end_chain,
    get_pkey,
};

void tls_chain_probe_init(struct tls_chain_probe *p,
                          const br_x509_class **inner)
{
    memset(p, 0, sizeof *p);
    p->vtable = &probe_class;
    p->inner = inner;
}

// One DER element at *at (before end): its tag, and where its contents
// start and end. False if it does not fit (lengths are hostile input).
static bool der_next(const unsigned char **at, const unsigned char *end,
                     unsigned *tag, const unsigned char **body,
                     const unsigned char **next)
{
    const unsigned char *p = *at;
    size_t len = 0;

    if (end - p < 2)
        return false;
    *tag = *p++;
    if (*p < 0x80)
        len = *p++;
    else {
        unsigned n = *p++ & 0x7f;

        if (n == 0 || n > 3 || (size_t)(end - p) < n)
            return false;
        while (n--)
            len = len << 8 | *p++;
    }
    if ((size_t)(end - p) < len)
        return false;
    *body = p;
    *next = p + len;
    *at = *next;
    return true;
}

// Certificate = SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL,
// serialNumber, signature, issuer, validity, subject, ... }, ... }
bool tls_chain_probe_self_signed(const struct tls_chain_probe *p)
{
    const unsigned char *at = p->first, *end = p->first + p->len;
    const unsigned char *body, *next, *issuer = NULL, *issuer_end = NULL;
    unsigned tag;

    if (p->ncerts != 1 || p->truncated)
        return false;
    if (!der_next(&at, end, &tag, &body, &next) || tag != 0x30)
        return false;
    at = body;
    if (!der_next(&at, next, &tag, &body, &next) || tag != 0x30)
        return false;
    end = next;
    at = body;
    for (int field = 0; field < 6; field++) {
        const unsigned char *start = at;

        if (!der_next(&at, end, &tag, &body, &next))
            return false;
        if (field == 0 && tag != 0xa0) // no version: serial comes first
            field = 1;
        if (field == 3) {
            issuer = start;
            issuer_end = next;
        }
        if (field == 5)
            return next - start == issuer_end - issuer &&
                   memcmp(start, issuer, (size_t)(next - start)) == 0;
    }
    return false;
}
