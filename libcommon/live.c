/* live.c: live capture from a network interface (libpcap), device listing, privilege drop. */
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "live.h"

/* libpcap's read timeout: an upper bound on how long a packet may wait
 * in the kernel buffer when immediate mode is unavailable. */
#define LIVE_TIMEOUT_MS	50

struct nf_live {
	pcap_t		*p;
	int		 fd;		/* selectable fd, or -1 */
	uint32_t	 linktype;
	uint32_t	 snaplen;
	char		 name[256];
	char		 err[PCAP_ERRBUF_SIZE + 256];
};

uint64_t
nf_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000U + (uint64_t)ts.tv_nsec;
}

/* Traffic so far on an interface, from sysfs; 0 if unknown. */
static uint64_t
traffic(const char *name)
{
	static const char *const ctr[] = { "rx_bytes", "tx_bytes" };
	char path[512];
	unsigned long long v;
	uint64_t sum = 0;
	FILE *fp;
	size_t i;

	if (strchr(name, '/') != NULL)
		return 0;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s",
		    name, ctr[i]);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		if (fscanf(fp, "%llu", &v) == 1)
			sum += v;
		fclose(fp);
	}
	return sum;
}

static int
eligible(const pcap_if_t *d)
{
	const pcap_addr_t *a;

	if (d->flags & PCAP_IF_LOOPBACK)
		return 0;
	if (!(d->flags & PCAP_IF_UP) || !(d->flags & PCAP_IF_RUNNING))
		return 0;
	for (a = d->addresses; a != NULL; a = a->next)
		if (a->addr != NULL)
			return 1;
	return 0;
}

int
nf_live_auto(char *name, size_t size, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d, *best = NULL;
	uint64_t t, bt = 0;

	if (pcap_findalldevs(&all, ebuf) == PCAP_ERROR) {
		snprintf(err, errlen, "cannot list devices: %s", ebuf);
		return -1;
	}
	for (d = all; d != NULL; d = d->next) {
		if (!eligible(d))
			continue;
		t = traffic(d->name);
		if (best == NULL || t > bt) {
			best = d;
			bt = t;
		}
	}
	if (best == NULL) {
		pcap_freealldevs(all);
		snprintf(err, errlen, "no device is up, running, not loopback "
		    "and has an address (see pcap2pkt -D)");
		return -1;
	}
	snprintf(name, size, "%s", best->name);
	pcap_freealldevs(all);
	return 0;
}

int
nf_live_list(FILE *fp, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE], autoname[256], e2[256];
	pcap_if_t *all, *d;
	int i = 1, have_auto;

	have_auto = nf_live_auto(autoname, sizeof(autoname), e2,
	    sizeof(e2)) == 0;
	if (pcap_findalldevs(&all, ebuf) == PCAP_ERROR) {
		snprintf(err, errlen, "cannot list devices: %s", ebuf);
		return -1;
	}
	for (d = all; d != NULL; d = d->next, i++) {
		fprintf(fp, "%d.%s", i, d->name);
		if (d->description != NULL)
			fprintf(fp, " (%s)", d->description);
		fprintf(fp, " [%s%s%s%s]",
		    d->flags & PCAP_IF_UP ? "Up" : "Down",
		    d->flags & PCAP_IF_RUNNING ? ", Running" : "",
		    d->flags & PCAP_IF_WIRELESS ? ", Wireless" : "",
		    d->flags & PCAP_IF_LOOPBACK ? ", Loopback" : "");
		if (have_auto && strcmp(d->name, autoname) == 0)
			fprintf(fp, " (auto)");
		fputc('\n', fp);
	}
	pcap_freealldevs(all);
	return 0;
}

/* Free a half-opened capture; the message is already in err. */
static struct nf_live *
fail(struct nf_live *l)
{
	if (l->p != NULL)
		pcap_close(l->p);
	free(l);
	return NULL;
}

struct nf_live *
nf_live_open(const char *dev, uint32_t snaplen, uint32_t bufsize,
    const char *filter, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct nf_live *l;
	int rc;

	if ((l = calloc(1, sizeof(*l))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (strcmp(dev, "auto") == 0) {
		if (nf_live_auto(l->name, sizeof(l->name), err, errlen) < 0)
			return fail(l);
	} else
		snprintf(l->name, sizeof(l->name), "%s", dev);
	ebuf[0] = '\0';
	if ((l->p = pcap_create(l->name, ebuf)) == NULL) {
		snprintf(err, errlen, "cannot capture on '%s': %s", l->name,
		    ebuf);
		return fail(l);
	}
	pcap_set_snaplen(l->p, (int)snaplen);
	pcap_set_promisc(l->p, 1);
	pcap_set_timeout(l->p, LIVE_TIMEOUT_MS);
	pcap_set_immediate_mode(l->p, 1);
	pcap_set_tstamp_precision(l->p, PCAP_TSTAMP_PRECISION_NANO);
	if (bufsize > 0)
		pcap_set_buffer_size(l->p, (int)bufsize);
	rc = pcap_activate(l->p);
	if (rc == PCAP_ERROR_PERM_DENIED ||
	    (rc < 0 && rc != PCAP_ERROR_NO_SUCH_DEVICE &&
	    strstr(pcap_geterr(l->p), "ermission") != NULL)) {
		snprintf(err, errlen, "cannot capture on '%s': permission "
		    "denied: capturing needs CAP_NET_RAW (run as root, or "
		    "setcap cap_net_raw,cap_net_admin=eip on pcap2pkt)",
		    l->name);
		return fail(l);
	}
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
		snprintf(err, errlen, "cannot capture on '%s': no such device "
		    "(see pcap2pkt -D)", l->name);
		return fail(l);
	}
	if (rc < 0) {
		snprintf(err, errlen, "cannot capture on '%s': %s", l->name,
		    pcap_geterr(l->p));
		return fail(l);
	}
	if (filter != NULL && *filter != '\0') {
		if (pcap_compile(l->p, &prog, filter, 1,
		    PCAP_NETMASK_UNKNOWN) < 0) {
			snprintf(err, errlen, "bad filter '%s': %s", filter,
			    pcap_geterr(l->p));
			return fail(l);
		}
		rc = pcap_setfilter(l->p, &prog);
		pcap_freecode(&prog);
		if (rc < 0) {
			snprintf(err, errlen, "cannot set filter on '%s': %s",
			    l->name, pcap_geterr(l->p));
			return fail(l);
		}
	}
	if (pcap_setnonblock(l->p, 1, ebuf) < 0) {
		snprintf(err, errlen, "'%s': %s", l->name, ebuf);
		return fail(l);
	}
	l->fd = pcap_get_selectable_fd(l->p);
	l->linktype = (uint32_t)pcap_datalink(l->p);
	l->snaplen = (uint32_t)pcap_snapshot(l->p);
	return l;
}

const char *
nf_live_name(const struct nf_live *l)
{
	return l->name;
}

uint32_t
nf_live_linktype(const struct nf_live *l)
{
	return l->linktype;
}

uint32_t
nf_live_snaplen(const struct nf_live *l)
{
	return l->snaplen;
}

const char *
nf_live_error(const struct nf_live *l)
{
	return l->err;
}

int
nf_live_next(struct nf_live *l, struct nf_capframe *fr, int timeout_ms)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	struct pollfd pfd;
	int rc, tries;

	for (tries = 0; tries < 2; tries++) {
		rc = pcap_next_ex(l->p, &h, &data);
		if (rc == 1) {
			memset(fr, 0, sizeof(*fr));
			/* Nanosecond precision was asked for: tv_usec
			 * holds nanoseconds. */
			fr->ts_ns = (uint64_t)h->ts.tv_sec * 1000000000U +
			    (uint64_t)h->ts.tv_usec;
			fr->data = data;
			fr->caplen = h->caplen;
			fr->wirelen = h->len;
			fr->linktype = l->linktype;
			return 1;
		}
		if (rc < 0) {
			snprintf(l->err, sizeof(l->err), "capture error on "
			    "'%s': %s", l->name, pcap_geterr(l->p));
			return -1;
		}
		if (tries > 0 || timeout_ms <= 0)
			break;
		if (l->fd < 0) {
			usleep((useconds_t)timeout_ms * 1000);
			continue;
		}
		pfd.fd = l->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, timeout_ms) <= 0)
			return 0;	/* timeout or EINTR */
	}
	return 0;
}

int
nf_live_stats(struct nf_live *l, uint64_t *recv, uint64_t *drop,
    uint64_t *ifdrop)
{
	struct pcap_stat ps;

	if (pcap_stats(l->p, &ps) < 0)
		return -1;
	*recv = ps.ps_recv;
	*drop = ps.ps_drop;
	*ifdrop = ps.ps_ifdrop;
	return 0;
}

void
nf_live_close(struct nf_live *l)
{
	if (l == NULL)
		return;
	pcap_close(l->p);
	free(l);
}

int
nf_drop_privileges(const char *user, char *err, size_t errlen)
{
	struct passwd *pw;

	if (getuid() != 0 && geteuid() != 0)
		return 0;
	if (strcmp(user, "root") == 0)
		return 0;
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "cannot drop privileges: no user '%s'%s%s",
		    user, errno ? ": " : "", errno ? strerror(errno) : "");
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) < 0 ||
	    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
		snprintf(err, errlen, "cannot drop privileges to '%s': %s",
		    user, strerror(errno));
		return -1;
	}
	/* Make sure root cannot be regained. */
	if (pw->pw_uid != 0 && setuid(0) == 0) {
		snprintf(err, errlen, "privileges to '%s' not dropped", user);
		return -1;
	}
	return 0;
}
