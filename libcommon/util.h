/* util.h: exit codes, messages, full writes and small helpers shared by all programs. */
#ifndef NF_UTIL_H
#define NF_UTIL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NETFEAT_VERSION "0.1.0"

/* Exit codes, the same for every program. */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_BAD = 1,		/* bad input or runtime error */
	EXIT_USAGE = 2		/* usage error */
};

/* Program name used in every message; set once by nf_setprogname(). */
extern const char *nf_progname;

void	nf_setprogname(const char *argv0);

/*
 * Messages: "prog: what failed" on stderr, no final full stop.
 * nf_err/nf_errx exit with the given status; the *x forms omit strerror.
 */
void	nf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	nf_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void nf_err(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
_Noreturn void nf_errx(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Standard --version line: "prog (netfeat) 0.1.0"; exits 0. */
_Noreturn void nf_version(void);

/*
 * Write all of buf to fd, looping over short writes and retrying on EINTR.
 * On EPIPE restores SIGPIPE to its default and re-raises it (quiet exit, as
 * git's check_pipe does).  Returns 0, or -1 with errno set.
 */
int	nf_write_full(int fd, const void *buf, size_t len);

/* If errno is EPIPE, die quietly by SIGPIPE; otherwise return. */
void	nf_check_pipe(int errnum);

/*
 * Finish a stdio output stream: fflush + ferror + fclose; on failure print
 * "prog: write error on 'name': strerror" and exit 1 (quietly on EPIPE).
 */
void	nf_close_output(FILE *fp, const char *name);

/* Display name of an operand: NULL or "-" is "<stdin>". */
const char *nf_inname(const char *path);

/* Parse a non-negative decimal number of seconds (e.g. "2", "0.5") into ns.
 * Returns 0 on success, -1 on syntax error or overflow. */
int	nf_parse_seconds(const char *s, uint64_t *ns);

/* Parse an unsigned decimal integer within [min, max]; -1 on error. */
int	nf_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* Format an IPv4 (ip_version 4, first 4 bytes) or IPv6 address as text
 * (RFC 5952 for IPv6).  buf must hold NF_ADDRSTRLEN bytes.  ip_version 0
 * gives "". Returns buf. */
#define NF_ADDRSTRLEN 46
char	*nf_addr_str(int ip_version, const uint8_t addr[16], char *buf);
/* The same, returning the length of the text. */
size_t	nf_addr_fmt(int ip_version, const uint8_t addr[16], char *buf);

/*
 * Signal policy of a stage that reads a record stream: SIGPIPE stays at its
 * default (quiet exit); when standard input is a pipe, SIGINT is ignored so
 * that Ctrl-C in a shell pipeline stops only the capture (pcap2pkt), whose
 * END then reaches every stage and all rows are written.  A stage reading
 * a file or terminal keeps the default SIGINT.
 */
void	nf_stage_signals(void);

/*
 * Text output (CSV rows, pktdump lines) to anything but a terminal goes
 * through a 256 KiB stdio buffer instead of the 4 KiB default: a flood
 * writes one row per packet, and 4 KiB buffers meant a write(2) every
 * dozen rows.  Call before the first output; live stages still flush
 * after each row.
 */
void	nf_buffer_stdout(void);

/*
 * Start a helper thread running fn(arg) with every signal but SIGPIPE
 * blocked: signals stay the main thread's, and a write to a closed pipe
 * from the helper still ends the process quietly.  pthread_create's
 * result (0 on success).
 */
int	nf_thread_start(pthread_t *, void *(*fn)(void *), void *arg);

/*
 * Ask for the n bytes (n > 0) at p to be in cache soon, for writing:
 * every 64-byte line they touch, by a byte every 64 and the last one.  A
 * hint; for state a stage will update a few records later (see
 * nf_ahead_next).  With n a constant the loop unrolls into independent
 * prefetches (a loop over the lines p actually touches measured 5 %
 * slower in flow2cic).
 */
inline void
nf_prefetch(const void *p, size_t n)
{
	const char *c = p;
	size_t i;

	for (i = 0; i < n; i += 64)
		__builtin_prefetch(c + i, 1);
	__builtin_prefetch(c + n - 1, 1);
}

/* Set the C locale for numbers so CSV always uses '.' as decimal point. */
void	nf_locale_c(void);

#endif
