# A file embedded at link time, as the driver would produce it.
        .section .ukcc.embed.b, "a", @progbits
        .ascii "-second"
        .section .ukcc.embed.a, "a", @progbits
        .ascii "first"
