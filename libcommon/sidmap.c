/* sidmap.c: rule metadata from sid-msg.map (v1, v2), gen-msg.map and classification.config. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidmap.h"

/* Most "||" fields we look at in one map line. */
#define SM_MAXF	8

void
nf_sidmap_init(struct nf_sidmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
nf_sidmap_free(struct nf_sidmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->tab[i].msg);
		free(m->tab[i].classtype);
	}
	for (i = 0; i < m->ncls; i++) {
		free(m->cls[i].name);
		free(m->cls[i].desc);
	}
	free(m->tab);
	free(m->cls);
	nf_sidmap_init(m);
}

static size_t
hash(uint32_t gid, uint32_t sid)
{
	uint64_t h;

	h = ((uint64_t)gid << 32 | sid) * 0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 32);
}

static struct nf_sidrule *
slot(struct nf_sidrule *tab, size_t cap, uint32_t gid, uint32_t sid)
{
	size_t i;

	for (i = hash(gid, sid) & (cap - 1); tab[i].used;
	    i = (i + 1) & (cap - 1))
		if (tab[i].gid == gid && tab[i].sid == sid)
			break;
	return &tab[i];
}

static int
grow(struct nf_sidmap *m)
{
	struct nf_sidrule *t, *s;
	size_t ncap, i;

	ncap = m->cap ? m->cap * 2 : 1024;
	if ((t = calloc(ncap, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < m->cap; i++)
		if (m->tab[i].used) {
			s = slot(t, ncap, m->tab[i].gid, m->tab[i].sid);
			*s = m->tab[i];
		}
	free(m->tab);
	m->tab = t;
	m->cap = ncap;
	return 0;
}

static int
add(struct nf_sidmap *m, uint32_t gid, uint32_t sid, uint32_t rev,
    uint32_t prio, const char *msg, size_t ml, const char *ct, size_t cl)
{
	struct nf_sidrule *r;
	char *nm, *nc;

	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return -2;
	nm = strndup(msg, ml);
	nc = ct != NULL ? strndup(ct, cl) : NULL;
	if (nm == NULL || (ct != NULL && nc == NULL)) {
		free(nm);
		free(nc);
		return -2;
	}
	r = slot(m->tab, m->cap, gid, sid);
	if (r->used) {
		free(r->msg);
		free(r->classtype);
	} else
		m->n++;
	r->used = 1;
	r->gid = gid;
	r->sid = sid;
	r->rev = rev;
	r->priority = prio;
	r->msg = nm;
	r->classtype = nc;
	return 1;
}

const struct nf_sidrule *
nf_sidmap_find(const struct nf_sidmap *m, uint32_t gid, uint32_t sid)
{
	const struct nf_sidrule *r;

	if (m->cap == 0)
		return NULL;
	r = slot(m->tab, m->cap, gid, sid);
	return r->used ? r : NULL;
}

/* Split at "||" into trimmed fields; returns the count (<= SM_MAXF; the
 * last field keeps the rest of the line). */
static int
split(const char *l, const char **f, size_t *fl)
{
	const char *p, *e, *q;
	int n;

	n = 0;
	p = l;
	for (;;) {
		q = strstr(p, "||");
		if (q == NULL || n == SM_MAXF - 1)
			e = p + strlen(p);
		else
			e = q;
		while (isspace((unsigned char)*p) && p < e)
			p++;
		f[n] = p;
		while (e > p && isspace((unsigned char)e[-1]))
			e--;
		fl[n] = (size_t)(e - p);
		n++;
		if (q == NULL || n == SM_MAXF)
			break;
		p = q + 2;
	}
	return n;
}

static int
comment(const char *l)
{
	while (isspace((unsigned char)*l))
		l++;
	return *l == '\0' || *l == '#';
}

int
nf_sidmap_sidmsg_line(struct nf_sidmap *m, const char *l)
{
	const char *f[SM_MAXF];
	size_t fl[SM_MAXF];
	uint32_t gid, sid, rev, prio;
	int n;

	if (comment(l))
		return 0;
	n = split(l, f, fl);
	if (n >= 6 && nf_parse_u32n(f[0], fl[0], UINT32_MAX, &gid) == 0 &&
	    nf_parse_u32n(f[1], fl[1], UINT32_MAX, &sid) == 0 &&
	    nf_parse_u32n(f[2], fl[2], UINT32_MAX, &rev) == 0 &&
	    nf_parse_u32n(f[4], fl[4], UINT32_MAX, &prio) == 0) {
		if (fl[3] == 0 || (fl[3] == 6 && memcmp(f[3], "NOSUCH", 6) ==
		    0))
			return add(m, gid, sid, rev, prio, f[5], fl[5], NULL,
			    0);
		return add(m, gid, sid, rev, prio, f[5], fl[5], f[3], fl[3]);
	}
	if (n < 2 || nf_parse_u32n(f[0], fl[0], UINT32_MAX, &sid) < 0 ||
	    fl[1] == 0)
		return -1;
	return add(m, 1, sid, 0, 0, f[1], fl[1], NULL, 0);
}

int
nf_sidmap_genmsg_line(struct nf_sidmap *m, const char *l)
{
	const char *f[SM_MAXF];
	size_t fl[SM_MAXF];
	uint32_t gid, sid;
	int n;

	if (comment(l))
		return 0;
	n = split(l, f, fl);
	if (n < 3 || nf_parse_u32n(f[0], fl[0], UINT32_MAX, &gid) < 0 ||
	    nf_parse_u32n(f[1], fl[1], UINT32_MAX, &sid) < 0)
		return -1;
	/* Rules of gid 1 from sid-msg.map take precedence. */
	if (nf_sidmap_find(m, gid, sid) != NULL)
		return 0;
	return add(m, gid, sid, 0, 0, f[2], fl[2], NULL, 0);
}

int
nf_sidmap_class_line(struct nf_sidmap *m, const char *l)
{
	static const char kw[] = "config classification:";
	const char *p, *c1, *c2, *e;
	struct nf_class *nc, *k;
	uint32_t prio;
	size_t cap;

	if (comment(l))
		return 0;
	while (isspace((unsigned char)*l))
		l++;
	if (strncmp(l, kw, sizeof(kw) - 1) != 0)
		return 0;
	p = l + sizeof(kw) - 1;
	while (isspace((unsigned char)*p))
		p++;
	if ((c1 = strchr(p, ',')) == NULL || (c2 = strrchr(c1 + 1, ',')) ==
	    NULL)
		return -1;
	e = c2 + 1;
	while (isspace((unsigned char)*e))
		e++;
	{
		size_t pl = strlen(e);

		while (pl > 0 && isspace((unsigned char)e[pl - 1]))
			pl--;
		if (nf_parse_u32n(e, pl, UINT32_MAX, &prio) < 0)
			return -1;
	}
	if (m->ncls == m->capcls) {
		cap = m->capcls ? m->capcls * 2 : 64;
		if ((nc = realloc(m->cls, cap * sizeof(*nc))) == NULL)
			return -2;
		m->cls = nc;
		m->capcls = cap;
	}
	k = &m->cls[m->ncls];
	while (c1 > p && isspace((unsigned char)c1[-1]))
		c1--;
	k->name = strndup(p, (size_t)(c1 - p));
	p = strchr(p, ',') + 1;
	while (isspace((unsigned char)*p))
		p++;
	while (c2 > p && isspace((unsigned char)c2[-1]))
		c2--;
	k->desc = strndup(p, (size_t)(c2 - p));
	k->priority = prio;
	if (k->name == NULL || k->desc == NULL) {
		free(k->name);
		free(k->desc);
		return -2;
	}
	m->ncls++;
	return 1;
}

static long
load(struct nf_sidmap *m, const char *path, int (*fn)(struct nf_sidmap *,
    const char *), unsigned long *first_bad, char *err, size_t errlen)
{
	FILE *fp;
	char *line;
	size_t cap;
	ssize_t n;
	unsigned long lineno;
	long nbad;
	int rc;

	*first_bad = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	line = NULL;
	cap = 0;
	lineno = 0;
	nbad = 0;
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if ((size_t)n != strlen(line))
			rc = -1;	/* NUL byte inside */
		else
			rc = fn(m, line);
		if (rc == -2) {
			snprintf(err, errlen, "out of memory reading '%s'",
			    path);
			nbad = -1;
			break;
		}
		if (rc == -1 && nbad++ == 0)
			*first_bad = lineno;
	}
	if (nbad >= 0 && ferror(fp)) {
		snprintf(err, errlen, "read error on '%s'", path);
		nbad = -1;
	}
	free(line);
	fclose(fp);
	return nbad;
}

long
nf_sidmap_load_sidmsg(struct nf_sidmap *m, const char *path,
    unsigned long *first_bad, char *err, size_t errlen)
{
	return load(m, path, nf_sidmap_sidmsg_line, first_bad, err, errlen);
}

long
nf_sidmap_load_genmsg(struct nf_sidmap *m, const char *path,
    unsigned long *first_bad, char *err, size_t errlen)
{
	return load(m, path, nf_sidmap_genmsg_line, first_bad, err, errlen);
}

long
nf_sidmap_load_classification(struct nf_sidmap *m, const char *path,
    unsigned long *first_bad, char *err, size_t errlen)
{
	return load(m, path, nf_sidmap_class_line, first_bad, err, errlen);
}

static const struct nf_class *
class_by_name(const struct nf_sidmap *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->ncls; i++)
		if (strcmp(m->cls[i].name, name) == 0)
			return &m->cls[i];
	return NULL;
}

void
nf_sidmap_enrich(const struct nf_sidmap *m, struct nf_alert *a)
{
	const struct nf_sidrule *r;
	const struct nf_class *c;

	r = NULL;
	if (a->has_rule) {
		r = nf_sidmap_find(m, a->gid, a->sid);
		/* Shared-object rules (gid 3) share the sid space of gid 1. */
		if (r == NULL && a->gid == 3)
			r = nf_sidmap_find(m, 1, a->sid);
	}
	c = NULL;
	if (a->has_class_id && a->class_id >= 1 && a->class_id <= m->ncls)
		c = &m->cls[a->class_id - 1];
	else if (r != NULL && r->classtype != NULL)
		c = class_by_name(m, r->classtype);
	if (a->msg[0] == '\0' && r != NULL)
		nf_alert_setstr(a->msg, sizeof(a->msg), r->msg,
		    strlen(r->msg));
	if (a->classification[0] == '\0') {
		if (c != NULL)
			nf_alert_setstr(a->classification,
			    sizeof(a->classification), c->desc,
			    strlen(c->desc));
		else if (r != NULL && r->classtype != NULL)
			nf_alert_setstr(a->classification,
			    sizeof(a->classification), r->classtype,
			    strlen(r->classtype));
	}
	if (!a->has_priority || (a->priority == 0 && a->has_class_id)) {
		if (r != NULL && r->priority != 0) {
			a->priority = r->priority;
			a->has_priority = 1;
		} else if (c != NULL) {
			a->priority = c->priority;
			a->has_priority = 1;
		}
	}
}
