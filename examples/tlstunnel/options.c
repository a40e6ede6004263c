// The command line: keypairs (a default one and one per SNI host name),
// port, backend, optional SNI restriction.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tunnel.h"

static _Noreturn void usage(const char *problem)
{
    if (problem)
        fprintf(stderr, "tlstunnel: %s\n", problem);
    fprintf(
        stderr,
        "usage: tlstunnel --cert CHAIN.pem --key KEY.pem --listen PORT\n"
        "                 --backend HOST:PORT [--sni NAME]\n"
        "                 [--sni-keypair NAME:CHAIN.pem:KEY.pem]...\n"
        "                 [--handshake-timeout SECONDS] [--idle-timeout "
        "SECONDS]\n"
        "Accepts TLS (1.2) on PORT and forwards the plaintext to HOST:PORT.\n"
        "--sni NAME serves only clients that ask for NAME.\n"
        "--sni-keypair serves clients that ask for NAME with that keypair\n"
        "(up to 7; all RSA or all EC); --cert and --key, then optional,\n"
        "give the keypair for other names.\n"
        "A client is dropped when its handshake (with the connection to\n"
        "the backend) takes longer than --handshake-timeout (60 s), or when\n"
        "no byte has moved either way for --idle-timeout (600 s).\n");
    exit(2);
}

// SECONDS (fractions allowed, > 0) as ms, or the usage.
static unsigned long long seconds_ms(const char *opt, const char *s)
{
    char *end;
    double v = strtod(s, &end);

    if (*end || end == s || !(v > 0 && v < 1e9)) {
        fprintf(stderr, "tlstunnel: %s takes a number of seconds > 0\n", opt);
        usage(NULL);
    }
    return (unsigned long long)(v * 1000 + 0.5);
}

static bool is_port(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    return *s && !*end && v > 0 && v < 65536;
}

// NAME:CHAIN.pem:KEY.pem, split in place; the key path is what follows
// the last colon, so the chain's path may hold colons.
static void add_named(struct options *o, char *spec)
{
    struct named_keypair *k = &o->named[o->nnamed];
    char *first = strchr(spec, ':'), *last = strrchr(spec, ':');

    if (o->nnamed == MAX_NAMED)
        usage("more than 7 --sni-keypair options");
    if (!first || first == spec || last == first || last[1] == '\0' ||
        last == first + 1)
        usage("--sni-keypair takes NAME:CHAIN.pem:KEY.pem");
    *first = *last = '\0';
    k->name = spec;
    k->cert = first + 1;
    k->key = last + 1;
    o->nnamed++;
}

void options_parse(struct options *o, int argc, char **argv)
{
    char *backend = NULL, *colon;

    memset(o, 0, sizeof *o);
    o->handshake_ms = 60 * 1000;
    o->idle_ms = 600 * 1000;
    for (int i = 1; i < argc; i++) {
        const char **dst = NULL;
        const char *spec = NULL, *handshake = NULL, *idle = NULL;

        if (strcmp(argv[i], "--cert") == 0)
            dst = &o->cert;
        else if (strcmp(argv[i], "--key") == 0)
            dst = &o->key;
        else if (strcmp(argv[i], "--listen") == 0)
            dst = &o->listen_port;
        else if (strcmp(argv[i], "--sni") == 0)
            dst = &o->sni;
        else if (strcmp(argv[i], "--sni-keypair") == 0)
            dst = &spec;
        else if (strcmp(argv[i], "--backend") == 0)
            dst = (const char **)&backend;
        else if (strcmp(argv[i], "--handshake-timeout") == 0)
            dst = &handshake;
        else if (strcmp(argv[i], "--idle-timeout") == 0)
            dst = &idle;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            usage(NULL);
        else {
            fprintf(stderr, "tlstunnel: unknown argument '%s'\n", argv[i]);
            usage(NULL);
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "tlstunnel: %s needs a value\n", argv[i]);
            usage(NULL);
        }
        *dst = argv[++i];
        if (spec)
            add_named(o, argv[i]);
        if (handshake)
            o->handshake_ms = seconds_ms("--handshake-timeout", handshake);
        if (idle)
            o->idle_ms = seconds_ms("--idle-timeout", idle);
    }
    if (!o->cert != !o->key)
        usage("--cert and --key go together");
    if ((!o->cert && !o->nnamed) || !o->listen_port || !backend)
        usage("--cert and --key (or --sni-keypair), --listen and --backend "
              "are required");
    if (!is_port(o->listen_port))
        usage("--listen takes a port number, 1 to 65535");
    colon = strrchr(backend, ':');
    if (!colon || colon == backend || !is_port(colon + 1))
        usage("--backend takes HOST:PORT");
    *colon = '\0';
    o->backend_host = backend;
    o->backend_port = colon + 1;
}
