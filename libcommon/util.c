/* util.c: exit codes, messages, full writes and small helpers shared by all programs. */
#include <arpa/inet.h>
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *nf_progname = "netfeat";

void
nf_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	nf_progname = p ? p + 1 : argv0;
}

/*
 * The stages of a pipeline share one stderr: a message goes out in one
 * write (stderr is unbuffered, so one fwrite), or two stages' messages
 * could be interleaved within a line.  One too long for the buffer is
 * written in pieces.
 */
static void
vmsg(int errnum, const char *fmt, va_list ap)
{
	char buf[4096];
	va_list ap2;
	int n, m;

	va_copy(ap2, ap);
	n = snprintf(buf, sizeof(buf), "%s: ", nf_progname);
	if (n >= 0 && (size_t)n < sizeof(buf)) {
		m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap2);
		n = m < 0 ? -1 : n + m;
	}
	if (n >= 0 && (size_t)n < sizeof(buf) && errnum)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, ": %s",
		    strerror(errnum));
	va_end(ap2);
	if (n >= 0 && (size_t)n + 1 < sizeof(buf)) {
		buf[n++] = '\n';
		fwrite(buf, 1, (size_t)n, stderr);
		return;
	}
	fprintf(stderr, "%s: ", nf_progname);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
nf_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(e, fmt, ap);
	va_end(ap);
}

void
nf_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
}

void
nf_err(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(e, fmt, ap);
	va_end(ap);
	exit(status);
}

void
nf_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
nf_version(void)
{
	printf("%s (netfeat) %s\n", nf_progname, NETFEAT_VERSION);
	nf_close_output(stdout, "<stdout>");
	exit(EXIT_OK);
}

void
nf_check_pipe(int errnum)
{
	if (errnum == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
		_exit(EXIT_BAD);	/* not reached */
	}
}

int
nf_write_full(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			nf_check_pipe(errno);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
nf_close_output(FILE *fp, const char *name)
{
	int bad;

	errno = 0;
	bad = fflush(fp) != 0 || ferror(fp);
	if (bad) {
		nf_check_pipe(errno);
		nf_err(EXIT_BAD, "write error on '%s'", name);
	}
	if (fclose(fp) != 0) {
		nf_check_pipe(errno);
		nf_err(EXIT_BAD, "write error on '%s'", name);
	}
}

const char *
nf_inname(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "<stdin>";
	return path;
}

int
nf_parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = 1000000000ULL;
	const char *p = s;

	if (*p == '\0')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > (UINT64_MAX / 1000000000ULL - 9) / 10)
			return -1;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*p - '0') * scale;
			}
		}
	}
	if (*p != '\0' || p == s || (p == s + 1 && *s == '.'))
		return -1;
	*ns = whole * 1000000000ULL + frac;
	return 0;
}

int
nf_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (*p == '\0')
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

size_t
nf_addr_fmt(int ip_version, const uint8_t addr[16], char *buf)
{
	char *p = buf;
	uint32_t v, w, n;
	int i;

	buf[0] = '\0';
	if (ip_version == 4) {
		/*
		 * Dotted decimal, as inet_ntop writes it, without its sprintf
		 * and without a branch on the number of digits (addresses in
		 * a flood vary; a row of a feature stage prints two): the
		 * three digits and a dot as four bytes, the leading zero
		 * digits shifted out, all four stored, the pointer moved by
		 * the digits and the dot.
		 */
		for (i = 0; i < 4; i++) {
			v = addr[i];
			n = (v >= 100) + (v >= 10);	/* digits - 1 */
			w = ('0' + v / 100) | ('0' + v / 10 % 10) << 8 |
			    ('0' + v % 10) << 16 | (uint32_t)'.' << 24;
			w >>= 8 * (2 - n);
			p[0] = (char)w;
			p[1] = (char)(w >> 8);
			p[2] = (char)(w >> 16);
			p[3] = (char)(w >> 24);
			p += n + 2;
		}
		*--p = '\0';		/* the last dot */
		return (size_t)(p - buf);
	}
	if (ip_version == 6 &&
	    inet_ntop(AF_INET6, addr, buf, NF_ADDRSTRLEN) != NULL)
		return strlen(buf);
	return 0;
}

char *
nf_addr_str(int ip_version, const uint8_t addr[16], char *buf)
{
	nf_addr_fmt(ip_version, addr, buf);
	return buf;
}

void
nf_buffer_stdout(void)
{
	static char buf[1 << 18];

	if (!isatty(STDOUT_FILENO))
		(void)setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

void
nf_locale_c(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
}

void
nf_stage_signals(void)
{
	struct stat sb;

	signal(SIGPIPE, SIG_DFL);
	if (fstat(0, &sb) == 0 && S_ISFIFO(sb.st_mode))
		signal(SIGINT, SIG_IGN);
}

/* The external definition of the inline function in util.h. */
extern inline void nf_prefetch(const void *, size_t);

int
nf_thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	sigdelset(&all, SIGPIPE);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(th, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
