// PEM files: read with stdio (so embedded trees work) and decoded with
// BearSSL's streaming PEM decoder into a list of labelled DER objects.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct der_buf {
    unsigned char *data;
    size_t len, cap;
    bool nomem;
};

static void der_append(void *ctx, const void *data, size_t len)
{
    struct der_buf *b = ctx;

    if (b->nomem)
        return;
    if (b->len + len > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 2048) + len;
        unsigned char *p = realloc(b->data, cap);

        if (!p) {
            b->nomem = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static int slurp(struct tls_config *cfg, const char *path, char **text,
                 size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;

    if (!f)
        return tls_config_fail(cfg, TLS_ERR_FILE, "%s: %s", path,
                               strerror(errno));
    for (;;) {
        if (n == cap) {
            char *p = realloc(buf, cap = cap ? cap * 2 : 8192);

            if (!p) {
                free(buf);
                fclose(f);
                return tls_config_fail(cfg, TLS_ERR_NOMEM, "%s: out of memory",
                                       path);
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);

        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return tls_config_fail(cfg, TLS_ERR_FILE, "%s: read error", path);
    }
    fclose(f);
    // BearSSL's decoder ends an object at a newline; a file may lack one
    if (n == cap) {
        char *p = realloc(buf, cap + 1);

        if (!p) {
            free(buf);
            return tls_config_fail(cfg, TLS_ERR_NOMEM, "%s: out of memory",
                                   path);
        }
        buf = p;
    }
    buf[n++] = '\n';
    *text = buf;
    *len = n;
    return 0;
}

static int push_obj(struct tls_der **objs, size_t *count, const char *label,
                    struct der_buf *b)
{
    struct tls_der *o = realloc(*objs, (*count + 1) * sizeof **objs);

    if (!o)
        return TLS_ERR_NOMEM;
    *objs = o;
    o += (*count)++;
    snprintf(o->label, sizeof o->label, "%s", label);
    o->data = b->data;
    o->len = b->len;
    *b = (struct der_buf){0};
    return 0;
}

int tls_pem_read(struct tls_config *cfg, const char *path,
                 struct tls_der **objs, size_t *count)
{
    br_pem_decoder_context pc;
    struct der_buf b = {0};
    char *text, label[32] = "";
    size_t len, off = 0;
    bool inside = false;
    int r = slurp(cfg, path, &text, &len);

    if (r)
        return r;
    *objs = NULL;
    *count = 0;
    br_pem_decoder_init(&pc);
    while (off < len && r == 0) {
        off += br_pem_decoder_push(&pc, text + off, len - off);
        switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ:
            snprintf(label, sizeof label, "%s", br_pem_decoder_name(&pc));
            br_pem_decoder_setdest(&pc, der_append, &b);
            inside = true;
            break;
        case BR_PEM_END_OBJ:
            r = b.nomem ? TLS_ERR_NOMEM : push_obj(objs, count, label, &b);
            inside = false;
            break;
        case BR_PEM_ERROR:
            r = tls_config_fail(cfg, TLS_ERR_PEM, "%s: malformed PEM", path);
            break;
        }
    }
    free(text);
    free(b.data);
    if (r == 0 && inside)
        r = tls_config_fail(cfg, TLS_ERR_PEM, "%s: PEM object '%s' never ends",
                            path, label);
    if (r == TLS_ERR_NOMEM)
        tls_config_fail(cfg, r, "%s: out of memory", path);
    if (r == 0 && *count == 0)
        r = tls_config_fail(cfg, TLS_ERR_PEM, "%s: no PEM object in it", path);
    if (r) {
        tls_pem_free(*objs, *count);
        *objs = NULL;
        *count = 0;
    }
    return r;
}

void tls_pem_free(struct tls_der *objs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(objs[i].data);
    free(objs);
}
