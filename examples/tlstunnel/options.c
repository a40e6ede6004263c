// The command line: certificate, key, port, backend, optional SNI name.
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
        "Accepts TLS (1.2) on PORT and forwards the plaintext to HOST:PORT.\n"
        "--sni NAME serves only clients that ask for NAME.\n");
    exit(2);
}

static bool is_port(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    return *s && !*end && v > 0 && v < 65536;
}

void options_parse(struct options *o, int argc, char **argv)
{
    char *backend = NULL, *colon;

    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char **dst = NULL;

        if (strcmp(argv[i], "--cert") == 0)
            dst = &o->cert;
        else if (strcmp(argv[i], "--key") == 0)
            dst = &o->key;
        else if (strcmp(argv[i], "--listen") == 0)
            dst = &o->listen_port;
        else if (strcmp(argv[i], "--sni") == 0)
            dst = &o->sni;
        else if (strcmp(argv[i], "--backend") == 0)
            dst = (const char **)&backend;
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
    }
    if (!o->cert || !o->key || !o->listen_port || !backend)
        usage("--cert, --key, --listen and --backend are required");
    if (!is_port(o->listen_port))
        usage("--listen takes a port number, 1 to 65535");
    colon = strrchr(backend, ':');
    if (!colon || colon == backend || !is_port(colon + 1))
        usage("--backend takes HOST:PORT");
    *colon = '\0';
    o->backend_host = backend;
    o->backend_port = colon + 1;
}
