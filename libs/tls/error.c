// Error codes: BearSSL's engine and X.509 codes mapped to tls.h's, each
// with a sentence that names the problem.
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static const char *const descriptions[] = {
    [-TLS_WANT_READ] = "would block until the socket is readable",
    [-TLS_WANT_WRITE] = "would block until the socket is writable",
    [-TLS_ERR_INVALID] = "invalid argument",
    [-TLS_ERR_NOMEM] = "out of memory",
    [-TLS_ERR_FILE] = "cannot read file",
    [-TLS_ERR_PEM] = "not a PEM file of the expected kind",
    [-TLS_ERR_KEY] = "unusable private key",
    [-TLS_ERR_CERT] = "undecodable certificate",
    [-TLS_ERR_ENTROPY] = "no entropy source (getrandom failed)",
    [-TLS_ERR_SYSTEM] = "socket error",
    [-TLS_ERR_EOF] = "peer closed the connection without close_notify",
    [-TLS_ERR_CLOSED] = "session closed",
    [-TLS_ERR_VERSION] = "protocol version not accepted",
    [-TLS_ERR_CIPHER] = "no cipher suite or algorithm in common",
    [-TLS_ERR_RECORD] = "bad record (not TLS, or out of sequence)",
    [-TLS_ERR_MAC] = "record failed authentication",
    [-TLS_ERR_HANDSHAKE] = "bad handshake message",
    [-TLS_ERR_SNI] = "requested server name not served",
    [-TLS_ERR_ALPN] = "no application protocol (ALPN) in common",
    [-TLS_ERR_ALERT] = "peer sent a fatal alert",
    [-TLS_ERR_CERT_EXPIRED] = "certificate expired or not yet valid",
    [-TLS_ERR_CERT_SELF_SIGNED] = "self-signed certificate",
    [-TLS_ERR_CERT_UNKNOWN_CA] = "certificate issuer unknown (not trusted)",
    [-TLS_ERR_CERT_NAME] = "certificate name mismatch",
    [-TLS_ERR_CERT_INVALID] = "invalid certificate",
    [-TLS_ERR_INTERNAL] = "internal TLS error",
};

const char *tls_strerror(int code)
{
    if (code == 0)
        return "success";
    if (code < 0 && -code < (int)(sizeof descriptions / sizeof *descriptions))
        return descriptions[-code];
    return "unknown TLS error code";
}

int tls_fail(struct tls_conn *c, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
    c->error = code;
    return code;
}

int tls_config_fail(struct tls_config *cfg, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cfg->error, sizeof cfg->error, fmt, ap);
    va_end(ap);
    return code;
}

static const char *alert_name(int alert)
{
    switch (alert) {
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 90: return "user_canceled";
    case 100: return "no_renegotiation";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 120: return "no_application_protocol";
    default: return "unknown alert";
    }
}

static int alert_code(int alert)
{
    switch (alert) {
    case 70: return TLS_ERR_VERSION;
    case 112: return TLS_ERR_SNI;
    case 120: return TLS_ERR_ALPN;
    case 42:
    case 43:
    case 46: return TLS_ERR_CERT_INVALID;
    case 45: return TLS_ERR_CERT_EXPIRED;
    case 48: return TLS_ERR_CERT_UNKNOWN_CA;
    default: return TLS_ERR_ALERT;
    }
}

static const char *version_name(unsigned v)
{
    switch (v) {
    case TLS_V1_0: return "TLS 1.0";
    case TLS_V1_1: return "TLS 1.1";
    case TLS_V1_2: return "TLS 1.2";
    default: return "an unknown version";
    }
}

// An X.509 validation failure, told apart as the caller needs to act on it.
static int cert_failure(struct tls_conn *c, int err)
{
    switch (err) {
    case BR_ERR_X509_EXPIRED:
        return tls_fail(c, TLS_ERR_CERT_EXPIRED,
                        "certificate expired or not yet valid (checked "
                        "against the wall clock)");
    case BR_ERR_X509_NOT_TRUSTED:
        if (c->cfg->role == TLS_CLIENT &&
            tls_chain_probe_self_signed(&c->u.c.probe))
            return tls_fail(c, TLS_ERR_CERT_SELF_SIGNED,
                            "server certificate is self-signed and not a "
                            "trust anchor");
        return tls_fail(c, TLS_ERR_CERT_UNKNOWN_CA,
                        "certificate issuer unknown: the chain leads to no "
                        "trusted anchor");
    case BR_ERR_X509_BAD_SERVER_NAME:
        return tls_fail(c, TLS_ERR_CERT_NAME,
                        "certificate name mismatch: not valid for '%s'",
                        br_ssl_engine_get_server_name(c->eng));
    case BR_ERR_X509_TIME_UNKNOWN:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "certificate validity cannot be checked: no clock");
    case BR_ERR_X509_WEAK_PUBLIC_KEY:
        return tls_fail(c, TLS_ERR_CERT_INVALID, "certificate key too weak");
    case BR_ERR_X509_NOT_CA:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "certificate chain uses a non-CA as issuer");
    case BR_ERR_X509_FORBIDDEN_KEY_USAGE:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "certificate key usage forbids this use");
    case BR_ERR_X509_BAD_SIGNATURE:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "certificate signature does not verify");
    default:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "invalid certificate (BearSSL X.509 error %d)", err);
    }
}

// Records why the engine stopped, from br_ssl_engine_last_error.
int tls_fail_engine(struct tls_conn *c)
{
    int err = br_ssl_engine_last_error(c->eng);

    if (err >= BR_ERR_X509_OK && err <= BR_ERR_X509_NOT_TRUSTED)
        return cert_failure(c, err);
    if (c->cfg->role == TLS_SERVER && c->u.s.sni.refused != SNI_SERVED) {
        const char *asked = br_ssl_engine_get_server_name(c->eng);

        if (c->u.s.sni.refused == SNI_NO_KEYPAIR && !*asked)
            return tls_fail(c, TLS_ERR_SNI,
                            "client sent no server name (SNI), and there is "
                            "no default keypair");
        if (c->u.s.sni.refused == SNI_NO_KEYPAIR)
            return tls_fail(c, TLS_ERR_SNI,
                            "client asked for server name '%s', which has no "
                            "keypair (and there is no default keypair)",
                            asked);
        if (!*asked)
            return tls_fail(c, TLS_ERR_SNI,
                            "client sent no server name (SNI); only '%s' is "
                            "served",
                            c->cfg->server_name);
        return tls_fail(c, TLS_ERR_SNI,
                        "client asked for server name '%s', not '%s'", asked,
                        c->cfg->server_name);
    }
    if (err >= BR_ERR_RECV_FATAL_ALERT) {
        bool sent = err >= BR_ERR_SEND_FATAL_ALERT;
        int alert =
            err - (sent ? BR_ERR_SEND_FATAL_ALERT : BR_ERR_RECV_FATAL_ALERT);

        if (sent && alert == 70)
            return tls_fail(c, TLS_ERR_VERSION,
                            "protocol version refused: the peer offered "
                            "only versions below %s (alert protocol_version "
                            "sent)",
                            version_name(c->cfg->min_version));
        return tls_fail(c, alert_code(alert), "%s fatal alert %d (%s)",
                        sent ? "we sent" : "peer sent", alert,
                        alert_name(alert));
    }
    switch (err) {
    case BR_ERR_OK:
        return tls_fail(c, TLS_ERR_CLOSED, "session closed by close_notify");
    case BR_ERR_UNSUPPORTED_VERSION:
        return tls_fail(c, TLS_ERR_VERSION,
                        "protocol version not accepted (we speak %s to TLS "
                        "1.2), or the bytes are not TLS at all",
                        version_name(c->cfg->min_version));
    case BR_ERR_BAD_VERSION:
        return tls_fail(c, TLS_ERR_VERSION,
                        "record version does not match the session's");
    case BR_ERR_BAD_LENGTH:
    case BR_ERR_TOO_LARGE:
        return tls_fail(c, TLS_ERR_RECORD, "bad record length (not TLS?)");
    case BR_ERR_UNKNOWN_TYPE:
        return tls_fail(c, TLS_ERR_RECORD, "unknown record type (not TLS?)");
    case BR_ERR_UNEXPECTED:
    case BR_ERR_BAD_CCS:
    case BR_ERR_BAD_ALERT:
        return tls_fail(c, TLS_ERR_RECORD, "unexpected record or message");
    case BR_ERR_BAD_MAC:
        return tls_fail(c, TLS_ERR_MAC,
                        "bad record MAC: a record failed decryption");
    case BR_ERR_NO_RANDOM:
        return tls_fail(c, TLS_ERR_ENTROPY, "no entropy for the DRBG");
    case BR_ERR_BAD_CIPHER_SUITE:
    case BR_ERR_INVALID_ALGORITHM:
    case BR_ERR_BAD_COMPRESSION:
        return tls_fail(c, TLS_ERR_CIPHER,
                        "no cipher suite, curve or hash in common");
    case BR_ERR_BAD_SIGNATURE:
        return tls_fail(c, TLS_ERR_HANDSHAKE,
                        "handshake signature does not verify");
    case BR_ERR_WRONG_KEY_USAGE:
        return tls_fail(c, TLS_ERR_CERT_INVALID,
                        "peer key type not allowed for the cipher suite");
    case BR_ERR_BAD_FINISHED:
        return tls_fail(c, TLS_ERR_HANDSHAKE,
                        "Finished message does not match (tampering?)");
    case BR_ERR_BAD_SNI:
        return tls_fail(c, TLS_ERR_HANDSHAKE, "malformed SNI extension");
    default:
        if (c->cfg->role == TLS_SERVER && err == BR_ERR_BAD_HANDSHAKE &&
            c->cfg->nalpn)
            return tls_fail(c, TLS_ERR_HANDSHAKE,
                            "bad handshake message, or no common ALPN "
                            "protocol");
        return tls_fail(c, TLS_ERR_HANDSHAKE,
                        "bad handshake (BearSSL error %d)", err);
    }
}
