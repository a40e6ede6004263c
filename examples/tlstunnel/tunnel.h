// tlstunnel: TLS on one port, plaintext to a backend. Shared declarations.
#ifndef TUNNEL_H
#define TUNNEL_H

#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <ukcc/tls.h>

#define RELAY_BUF 16384

// options.c: the command line
#define MAX_NAMED 7 // --sni-keypair options (libs/tls takes 8 keypairs)
struct named_keypair {
    char *name, *cert, *key;
};
struct options {
    const char *cert, *key, *sni; // the default keypair is optional
    struct named_keypair named[MAX_NAMED];
    int nnamed;
    const char *listen_port;
    const char *backend_host, *backend_port;
    unsigned long long handshake_ms, idle_ms; // timeouts
};
void options_parse(struct options *o, int argc, char **argv);

// relay.c: one client, from its handshake to both directions closing
enum relay_phase { HANDSHAKING, CONNECTING, RELAYING, DONE };
struct relay {
    enum relay_phase phase;
    int client, backend; // fds; -1 when closed
    struct tls_conn *tls;
    int tls_wait; // what the TLS side waits for (POLLIN/POLLOUT)
    bool moved;   // bytes were relayed since main.c last looked
    // main.c's timer: the list (in deadline order) for the timeout of the
    // phase, the handshake's (with the backend's connect) or relaying's
    bool relaying_timer;
    unsigned long long deadline; // ms, monotonic
    struct relay *prev, *next;
    bool client_eof, backend_eof;
    size_t up_len, down_len, down_off; // client->backend, backend->client
    unsigned char up[RELAY_BUF], down[RELAY_BUF];
    unsigned id;
};
void relay_start(struct relay *r, int client, const struct tls_config *cfg,
                 unsigned id);
void relay_run(struct relay *r, const struct addrinfo *backend);
void relay_events(const struct relay *r, struct pollfd *client,
                  struct pollfd *backend);
void relay_end(struct relay *r, const char *why);

#endif
