/*
 * modshout-client: a libshout source client that records to the SHOUT listener exactly as
 * FreeSWITCH's mod_shout does for `record shout://user:pass@host:port/mount.mp3`.
 *
 * FreeSWITCH cannot be installed on the test machines, but its recording side is libshout with a
 * fixed list of settings. This program makes the same libshout calls, in the same order, with the
 * same values, so the bytes on the wire are the ones a switch sends (docs/TESTING.md):
 *
 *   shout_set_host(host)                  from the URL
 *   shout_set_protocol(SHOUT_PROTOCOL_HTTP)
 *   shout_set_port(port)                  from the URL; 8000 when missing or 0, as mod_shout
 *   shout_set_password(password)          from the URL (cannot contain '@', as in mod_shout)
 *   shout_set_mount(mount)                the path after the host, without its leading '/';
 *                                         libshout adds the '/' and percent-encodes it
 *   shout_set_user(user)
 *   shout_set_url("http://www.freeswitch.org")
 *   shout_set_description("FreeSWITCH mod_shout Broadcasting Module")
 *   shout_set_audio_info("bitrate", "24000")   mod_shout's value, whatever the real bitrate
 *   shout_set_format(SHOUT_FORMAT_MP3)
 *   shout_set_name(name)                  only when a name is given (mod_shout: record_title)
 *   shout_open, then shout_send + shout_sync per piece, then shout_close
 *
 * mod_shout sends what LAME gave it every 100 ms and lets shout_sync pace it; here the file is
 * sent in 4096-byte pieces with shout_sync after each, so libshout paces it to real time from
 * the MP3 frame headers, as it does for mod_shout.
 *
 * Usage:   modshout-client 'user:pass@host[:port]/mount.mp3' file.mp3 [name]
 * Environment:
 *   TLS_DISABLED   set and not "0": shout_set_tls(SHOUT_TLS_DISABLED), so libshout skips its
 *                  OPTIONS probe (a test knob: mod_shout leaves libshout's default, TLS auto).
 * TLS, later: mod_shout never sets a TLS mode or a CA file, so a switch runs with libshout's
 *   SHOUT_TLS_AUTO and OpenSSL's default trust store. A TLS test stays faithful by leaving this
 *   program alone and handing it SSL_CERT_FILE=<test CA> in the environment (OpenSSL reads it).
 *   Only a test of a non-default mode would need a knob here, e.g. MODSHOUT_TLS_MODE mapping to
 *   SHOUT_TLS_RFC2818 / SHOUT_TLS_AUTO_NO_PLAIN the way TLS_DISABLED maps to SHOUT_TLS_DISABLED.
 *
 * Exit status:
 *   0  every byte of the file was handed to libshout and the stream closed
 *   2  usage: wrong arguments or a URL that is not user:pass@host[:port]/mount
 *   3  the file cannot be opened or read
 *   4  libshout refused a setting (out of memory, or a libshout without MP3/HTTP support)
 *   5  the server refused the source or could not be reached (shout_open failed)
 *   6  the connection failed while sending
 * Every failure prints one line on standard error naming the step and libshout's reason.
 */
#include <errno.h>
#include <shout/shout.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum
{
    EXIT_USAGE = 2,
    EXIT_FILE = 3,
    EXIT_SETUP = 4,
    EXIT_OPEN = 5,
    EXIT_SEND = 6,
};

enum { DEFAULT_PORT = 8000, PIECE_BYTES = 4096 };

static const char *program = "modshout-client";

/* The parts of mod_shout's recording path, split the way mod_shout splits it. */
struct source_url
{
    char *user;
    char *password;
    char *host;
    int port;
    char *mount;
};

static void usage(void)
{
    fprintf(stderr,
            "usage: %s 'user:pass@host[:port]/mount.mp3' file.mp3 [name]\n"
            "  records file.mp3 to the SHOUT server with the libshout calls of FreeSWITCH's mod_shout\n"
            "  environment: TLS_DISABLED=1 turns libshout's TLS probe off\n",
            program);
}

/*
 * Splits user:pass@host[:port]/mount in place, as mod_shout does: the user ends at the first
 * ':', the password at the next '@', the host at the next '/', and a ':' in the host starts
 * the port. Returns 0 on success, -1 (with a message) when a part is missing.
 */
static int parse_url(char *text, struct source_url *url)
{
    char *at, *slash, *colon;

    url->user = text;
    if (!(url->password = strchr(text, ':'))) {
        fprintf(stderr, "%s: no ':' between user and password in '%s'\n", program, text);
        return -1;
    }
    *url->password++ = '\0';

    if (!(at = strchr(url->password, '@'))) {
        fprintf(stderr, "%s: no '@' before the host (the password cannot contain '@')\n", program);
        return -1;
    }
    *at = '\0';
    url->host = at + 1;

    if (!(slash = strchr(url->host, '/')) || slash[1] == '\0') {
        fprintf(stderr, "%s: no mount after the host '%s' (expected host[:port]/mount)\n", program, url->host);
        return -1;
    }
    *slash = '\0';
    url->mount = slash + 1;

    url->port = 0;
    if ((colon = strchr(url->host, ':'))) {
        *colon = '\0';
        url->port = atoi(colon + 1);
        if (url->port < 0 || url->port > 65535) {
            fprintf(stderr, "%s: port '%s' is out of range\n", program, colon + 1);
            return -1;
        }
    }
    if (url->port == 0) {
        url->port = DEFAULT_PORT;
    }
    if (url->user[0] == '\0' || url->host[0] == '\0') {
        fprintf(stderr, "%s: empty user or host\n", program);
        return -1;
    }
    return 0;
}

static int tls_disabled(void)
{
    const char *value = getenv("TLS_DISABLED");
    return value != NULL && value[0] != '\0' && strcmp(value, "0") != 0;
}

/* Reports a refused setting; the call's text names it, libshout's error says why. */
static int setting_failed(shout_t *shout, const char *call)
{
    fprintf(stderr, "%s: %s failed: %s\n", program, call, shout_get_error(shout));
    return EXIT_SETUP;
}

#define SET(call)                                        \
    do {                                                 \
        if ((call) != SHOUTERR_SUCCESS) {                \
            return setting_failed(shout, #call);         \
        }                                                \
    } while (0)

/*
 * mod_shout's settings, in its order. It is written against libshout's 2.2-era API; calling
 * those same (now obsolete) functions is the point, so their deprecation warnings are off.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static int configure(shout_t *shout, const struct source_url *url, const char *name)
{
    SET(shout_set_host(shout, url->host));
    SET(shout_set_protocol(shout, SHOUT_PROTOCOL_HTTP));
    SET(shout_set_port(shout, (unsigned short)url->port));
    SET(shout_set_password(shout, url->password));
    SET(shout_set_mount(shout, url->mount));
    SET(shout_set_user(shout, url->user));
    SET(shout_set_url(shout, "http://www.freeswitch.org"));
    SET(shout_set_description(shout, "FreeSWITCH mod_shout Broadcasting Module"));
    SET(shout_set_audio_info(shout, "bitrate", "24000"));
    SET(shout_set_format(shout, SHOUT_FORMAT_MP3));
    if (name != NULL) {
        SET(shout_set_name(shout, name));
    }
    if (tls_disabled()) {
        SET(shout_set_tls(shout, SHOUT_TLS_DISABLED));
    }
    return 0;
}
#pragma GCC diagnostic pop

/* Sends the whole file in paced pieces; 0, or the exit status of the failure. */
static int stream_file(shout_t *shout, FILE *file, const char *path)
{
    unsigned char piece[PIECE_BYTES];
    size_t length;
    long long sent = 0;

    while ((length = fread(piece, 1, sizeof piece, file)) > 0) {
        if (shout_send(shout, piece, length) != SHOUTERR_SUCCESS) {
            fprintf(stderr, "%s: sending failed after %lld bytes of %s: %s\n", program, sent, path, shout_get_error(shout));
            return EXIT_SEND;
        }
        sent += (long long)length;
        shout_sync(shout);
    }
    if (ferror(file)) {
        fprintf(stderr, "%s: reading %s failed after %lld bytes: %s\n", program, path, sent, strerror(errno));
        return EXIT_FILE;
    }
    return 0;
}

static int record(const struct source_url *url, const char *path, const char *name)
{
    FILE *file;
    shout_t *shout;
    int status;

    /* Opened first: a missing file is the caller's mistake and must not reach the server. */
    if (!(file = fopen(path, "rb"))) {
        fprintf(stderr, "%s: cannot open %s: %s\n", program, path, strerror(errno));
        return EXIT_FILE;
    }
    if (!(shout = shout_new())) {
        fprintf(stderr, "%s: shout_new failed (out of memory)\n", program);
        fclose(file);
        return EXIT_SETUP;
    }

    status = configure(shout, url, name);
    if (status == 0 && shout_open(shout) != SHOUTERR_SUCCESS) {
        fprintf(stderr, "%s: shout_open to %s:%d/%s failed: %s (libshout error %d)\n", program, url->host, url->port, url->mount,
                shout_get_error(shout), shout_get_errno(shout));
        status = EXIT_OPEN;
    } else if (status == 0) {
        status = stream_file(shout, file, path);
        shout_close(shout);
    }

    shout_free(shout);
    fclose(file);
    return status;
}

int main(int argc, char **argv)
{
    struct source_url url;
    char *text;
    int status;

    if (argc < 3 || argc > 4) {
        usage();
        return EXIT_USAGE;
    }
    if (!(text = strdup(argv[1]))) {
        fprintf(stderr, "%s: out of memory\n", program);
        return EXIT_SETUP;
    }
    if (parse_url(text, &url) != 0) {
        usage();
        free(text);
        return EXIT_USAGE;
    }

    /* FreeSWITCH ignores SIGPIPE, so a server that closes mid-stream fails shout_send instead
     * of killing the process; the same here, so the failure is reported as exit status 6. */
    signal(SIGPIPE, SIG_IGN);
    shout_init();
    status = record(&url, argv[2], argc > 3 ? argv[3] : NULL);
    shout_shutdown();
    free(text);
    return status;
}
