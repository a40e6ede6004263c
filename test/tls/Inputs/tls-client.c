// A TLS client on libs/tls for the tests: connects to HOST:PORT, verifies
// the server as NAME against the anchors in CA.pem, and optionally sends
// MESSAGE and prints what comes back. Errors print the code and message.
// $ALPN (comma-separated) offers application protocols.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ukcc/tls.h>

int main(int argc, char **argv)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    struct tls_config *cfg;
    struct tls_conn *c;
    char reply[256];
    int fd, e;

    if (argc < 5) {
        fprintf(stderr, "usage: tls-client IP PORT NAME CA.pem [MESSAGE]\n");
        return 2;
    }
    a.sin_port = htons((unsigned short)atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &a.sin_addr);
    if (tls_config_new(&cfg, TLS_CLIENT) ||
        tls_config_load_anchors(cfg, argv[4])) {
        printf("anchors: %s\n", tls_config_error(cfg));
        return 1;
    }
    if (getenv("ALPN")) {
        const char *protos[8];
        size_t n = 0;

        for (char *p = strtok(getenv("ALPN"), ","); p && n < 8;
             p = strtok(NULL, ","))
            protos[n++] = p;
        if (tls_config_set_alpn(cfg, protos, n)) {
            printf("alpn: %s\n", tls_config_error(cfg));
            return 1;
        }
    }
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        return 1;
    }
    e = tls_conn_new(&c, cfg, fd, argv[3]);
    if (e == 0)
        e = tls_handshake(c);
    if (e) {
        printf("refused: %s: %s\n", tls_strerror(e),
               c ? tls_conn_error(c) : "");
        return 1;
    }
    printf("handshake ok: TLS 1.%d\n", tls_conn_version(c) - TLS_V1_0);
    if (getenv("ALPN"))
        printf("alpn: %s\n", tls_conn_alpn(c) ? tls_conn_alpn(c) : "(none)");
    if (argc > 5) {
        size_t got = 0, want = strlen(argv[5]);

        if (tls_write(c, argv[5], want) != (ssize_t)want)
            printf("write: %s\n", tls_conn_error(c));
        while (got < want) {
            ssize_t n = tls_read(c, reply + got, sizeof reply - 1 - got);

            if (n <= 0) {
                printf("read: %s\n", tls_conn_error(c));
                return 1;
            }
            got += (size_t)n;
        }
        reply[got] = '\0';
        printf("reply: %s\n", reply);
    }
    tls_close(c);
    tls_conn_free(c);
    tls_config_free(cfg);
    close(fd);
    return 0;
}
