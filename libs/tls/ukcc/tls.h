// libs/tls: TLS servers and clients over socket fds, on BearSSL. This header
// is its whole interface and manual. Link it with `ukcc --tls`, which also
// puts BearSSL's own headers (<bearssl.h>) on the include path.
//
// Model. A configuration (struct tls_config) holds what connections share:
// the role (server or client), the certificate chain and private key (a
// server), the trust anchors (a client), the ALPN protocols and the lowest
// protocol version accepted. A connection (struct tls_conn) runs one TLS
// session over a connected socket fd the caller owns. TLS 1.0 to 1.2 are
// spoken (BearSSL has no 1.3); the default minimum is TLS 1.2.
//
// Files. Certificates, keys and anchors are PEM files read with stdio, so
// a tree embedded with `ukcc --embed certs:/etc/tls` works in every image.
//
// Entropy and time. Each connection seeds BearSSL's HMAC-DRBG with 32 bytes
// from getrandom() (the host kernel on posix; RDRAND/RDSEED through ukcc's
// runtime in an image). If getrandom fails, the connection is not created
// (TLS_ERR_ENTROPY): there is no weaker fallback. A client validates the
// server's certificate against time(), the runtime's wall clock.
//
// Blocking. With a blocking fd, tls_handshake, tls_read and tls_write block
// as read and write do. With a non-blocking fd they return TLS_WANT_READ or
// TLS_WANT_WRITE instead of blocking; call them again when poll() reports
// the fd ready for what they asked (tls_conn_events says what to wait for).
//
// Error policy. Calls return 0 (or a byte count) on success and a negative
// TLS_ERR_* code on failure; tls_strerror names the code, and
// tls_conn_error says what happened on one connection, in a sentence that
// names the problem ("certificate expired", "peer offered only TLS 1.1",
// ...). A connection that failed stays failed: every later call returns
// the same code. Memory: configurations and connections are allocated by
// the library (the size of a PEM bundle is not known in advance) and freed
// with tls_config_free and tls_conn_free. A configuration must outlive the
// connections made from it and must not change while they exist.
#ifndef UKCC_TLS_H
#define UKCC_TLS_H

#include <stddef.h>
#include <sys/types.h>

enum tls_role { TLS_SERVER, TLS_CLIENT };

// Protocol versions as on the wire.
#define TLS_V1_0 0x0301
#define TLS_V1_1 0x0302
#define TLS_V1_2 0x0303

enum tls_error {
    TLS_WANT_READ = -1,   // non-blocking fd: wait for POLLIN, call again
    TLS_WANT_WRITE = -2,  // non-blocking fd: wait for POLLOUT, call again
    TLS_ERR_INVALID = -3, // a bad argument (NULL, wrong role, bad version)
    TLS_ERR_NOMEM = -4,
    TLS_ERR_FILE = -5,       // a PEM file could not be opened or read
    TLS_ERR_PEM = -6,        // not PEM, or no object of the expected kind
    TLS_ERR_KEY = -7,        // the private key is not RSA or EC, or is broken
    TLS_ERR_CERT = -8,       // a certificate in a file could not be decoded
    TLS_ERR_ENTROPY = -9,    // getrandom failed: no connection without it
    TLS_ERR_SYSTEM = -10,    // the socket failed (errno in the message)
    TLS_ERR_EOF = -11,       // the peer closed the socket without close_notify
    TLS_ERR_CLOSED = -12,    // the session was closed (close_notify)
    TLS_ERR_VERSION = -13,   // no protocol version both sides accept
    TLS_ERR_CIPHER = -14,    // no cipher suite or algorithm in common
    TLS_ERR_RECORD = -15,    // a malformed or unexpected record (not TLS?)
    TLS_ERR_MAC = -16,       // a record failed decryption (tampering)
    TLS_ERR_HANDSHAKE = -17, // a malformed or failed handshake message
    TLS_ERR_SNI = -18,       // the client asked for a name we do not serve
    TLS_ERR_ALPN = -19,      // no application protocol in common
    TLS_ERR_ALERT = -20,     // the peer sent a fatal alert
    TLS_ERR_CERT_EXPIRED = -21,     // expired or not yet valid
    TLS_ERR_CERT_SELF_SIGNED = -22, // a lone self-signed certificate
    TLS_ERR_CERT_UNKNOWN_CA = -23,  // issued by no trusted anchor
    TLS_ERR_CERT_NAME = -24,        // not valid for the requested name
    TLS_ERR_CERT_INVALID = -25,     // any other certificate problem
    TLS_ERR_INTERNAL = -26,         // BearSSL reported something else
};

// A fixed description of code (never NULL).
const char *tls_strerror(int code);

// ---- config.c: what connections share ----

struct tls_config; // opaque

// Makes an empty configuration for role. Returns 0 and *cfgp, or
// TLS_ERR_INVALID / TLS_ERR_NOMEM, or TLS_ERR_ENTROPY when getrandom()
// gives no bytes (an image on a CPU without RDRAND/RDSEED): a program
// that cannot make unguessable keys learns it when it starts.
int tls_config_new(struct tls_config **cfgp, enum tls_role role);
void tls_config_free(struct tls_config *cfg);

// The message of the last failed tls_config_* call on cfg, naming the
// file and the problem; "" if none failed.
const char *tls_config_error(const struct tls_config *cfg);

// Lowest protocol version accepted (TLS_V1_0..TLS_V1_2; default TLS_V1_2).
int tls_config_set_min_version(struct tls_config *cfg, int version);

// ALPN: the protocols offered (client) or accepted (server), most
// preferred first, e.g. {"h2", "http/1.1"}. The strings are copied. When
// both sides speak ALPN and share no protocol, the handshake fails with
// TLS_ERR_ALPN; a peer that does not speak ALPN is accepted.
int tls_config_set_alpn(struct tls_config *cfg, const char *const *protos,
                        size_t count);

// ---- keypair.c: a server's certificate chain and private key ----

// Loads the default keypair, served to clients that name no host or a host
// without a keypair of its own: the chain (PEM CERTIFICATE objects,
// end-entity first) and the key (PEM "PRIVATE KEY" (PKCS#8), "RSA PRIVATE
// KEY" or "EC PRIVATE KEY"; RSA or ECDSA on P-256/P-384/P-521). Server
// configurations only, once. The key must be the private half of the first
// certificate's public key (TLS_ERR_KEY otherwise: a server with a
// mismatched pair would fail every handshake). Returns 0 or TLS_ERR_FILE,
// TLS_ERR_PEM, TLS_ERR_CERT, TLS_ERR_KEY, TLS_ERR_INVALID, TLS_ERR_NOMEM
// (tls_config_error says which file).
int tls_config_load_keypair(struct tls_config *cfg, const char *cert_path,
                            const char *key_path);

// Loads a keypair served to clients whose SNI names name (ASCII case
// ignored), as tls_config_load_keypair does: one server, several hosts.
// Up to 8 keypairs in all, one per name, all RSA or all EC (BearSSL sets a
// server's suites for one key type). With named keypairs and no default,
// a client that names another host, or none, fails its handshake with
// TLS_ERR_SNI.
int tls_config_load_keypair_for(struct tls_config *cfg, const char *name,
                                const char *cert_path, const char *key_path);

// SNI restriction for a server: only clients whose ClientHello names
// server_name (ASCII case ignored) are served; a client that names another
// host, or none, fails its handshake with TLS_ERR_SNI (and an alert).
// NULL, the default: serve any name.
int tls_config_set_server_name(struct tls_config *cfg, const char *name);

// ---- anchors.c: a client's trust anchors ----

// Adds every CERTIFICATE in the PEM file (a CA bundle such as
// /etc/ssl/certs/ca-certificates.crt, or one certificate) as a trust
// anchor. Client configurations only; may be called several times.
int tls_config_load_anchors(struct tls_config *cfg, const char *path);

// ---- conn.c: one session over a socket ----

struct tls_conn; // opaque

// Starts a session over the connected socket fd (which stays the caller's:
// tls_conn_free does not close it). A client sends server_name as SNI and
// requires the server's certificate to be valid for it (NULL: no SNI and
// no name check, only the chain is verified); a server passes NULL.
// Returns 0 and *cp, or TLS_ERR_INVALID (a client without anchors, a
// server without a keypair), TLS_ERR_ENTROPY, TLS_ERR_NOMEM.
int tls_conn_new(struct tls_conn **cp, const struct tls_config *cfg, int fd,
                 const char *server_name);
void tls_conn_free(struct tls_conn *c);

// What happened to c, as a sentence ("" while nothing failed).
const char *tls_conn_error(const struct tls_conn *c);

// Runs the handshake to its end. Returns 0, TLS_WANT_*, or the error. Not
// needed before tls_read/tls_write, which complete it first.
int tls_handshake(struct tls_conn *c);

// Reads up to len bytes of application data. Returns the count, 0 when the
// peer closed the session with close_notify, TLS_WANT_*, or an error
// (TLS_ERR_EOF when the peer closed the socket without close_notify: the
// data may have been truncated).
ssize_t tls_read(struct tls_conn *c, void *buf, size_t len);

// Writes up to len bytes and sends them. Returns the count taken (> 0), or
// TLS_WANT_* when none could be taken, or an error. On a non-blocking fd
// taken bytes may still wait in the connection: tls_conn_events then asks
// for POLLOUT, and tls_flush sends them.
ssize_t tls_write(struct tls_conn *c, const void *buf, size_t len);

// Sends whatever records wait. Returns 0, TLS_WANT_WRITE, or an error.
int tls_flush(struct tls_conn *c);

// Sends close_notify (not waiting for the peer's). Returns 0, TLS_WANT_*,
// or an error. The fd stays open.
int tls_close(struct tls_conn *c);

// The poll() events the session waits for: POLLOUT while records wait to
// be sent, else POLLIN while it needs records from the peer.
short tls_conn_events(const struct tls_conn *c);

// Bytes of decrypted application data ready for tls_read without I/O.
size_t tls_conn_pending(const struct tls_conn *c);

// After the handshake: the protocol version (TLS_V1_*), the SNI name the
// client sent (server side; NULL if none), the ALPN protocol agreed (NULL
// if none).
int tls_conn_version(const struct tls_conn *c);
const char *tls_conn_server_name(const struct tls_conn *c);
const char *tls_conn_alpn(const struct tls_conn *c);

#endif
