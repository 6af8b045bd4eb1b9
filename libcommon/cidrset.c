/* cidrset.c: sets of IPv4/IPv6 addresses from Snort-style CIDR lists, as a binary prefix trie. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidrset.h"

/* Nesting limits: brackets within one text, and $VAR expansions. */
#define CS_MAX_DEPTH	32
#define CS_MAX_VARS	8
/* Longest address item we accept ("ffff:...:ffff/128" fits easily). */
#define CS_ITEM_MAX	64
/* snort.conf lines longer than this are cut (HOME_NET lists are short). */
#define CS_LINE_MAX	65536

void
nf_cidrset_init(struct nf_cidrset *s)
{
	memset(s, 0, sizeof(*s));
	s->nnode = 2;
	s->root = NF_CS_EMPTY;
}

void
nf_cidrset_free(struct nf_cidrset *s)
{
	free(s->node);
	nf_cidrset_init(s);
}

/* A node with children a, b, normalised; returns its index or -1. */
static int64_t
mknode(struct nf_cidrset *s, uint32_t a, uint32_t b)
{
	uint32_t (*n)[2];
	uint32_t ncap;

	if (a == b && a <= NF_CS_FULL)
		return a;
	if (s->nnode >= s->cap) {
		ncap = s->cap ? s->cap * 2 : 64;
		if (ncap > (1u << 30))
			return -1;
		n = realloc(s->node, (size_t)ncap * sizeof(*n));
		if (n == NULL)
			return -1;
		s->node = n;
		s->cap = ncap;
	}
	s->node[s->nnode][0] = a;
	s->node[s->nnode][1] = b;
	return s->nnode++;
}

/* The set holding exactly the prefix key/len (bits from bit depth on). */
static int64_t
prefix(struct nf_cidrset *s, const uint8_t key[16], int len, int depth)
{
	int64_t sub;
	int bit;

	if (depth == len)
		return NF_CS_FULL;
	sub = prefix(s, key, len, depth + 1);
	if (sub < 0)
		return -1;
	bit = key[depth / 8] >> (7 - depth % 8) & 1;
	return bit ? mknode(s, NF_CS_EMPTY, (uint32_t)sub) :
	    mknode(s, (uint32_t)sub, NF_CS_EMPTY);
}

enum { OP_OR, OP_AND };

/* Union or intersection of the sets a and b. */
static int64_t
combine(struct nf_cidrset *s, uint32_t a, uint32_t b, int op)
{
	int64_t l, r;
	uint32_t a0, a1, b0, b1;

	if (op == OP_OR) {
		if (a == NF_CS_FULL || b == NF_CS_FULL)
			return NF_CS_FULL;
		if (a == NF_CS_EMPTY)
			return b;
		if (b == NF_CS_EMPTY)
			return a;
	} else {
		if (a == NF_CS_EMPTY || b == NF_CS_EMPTY)
			return NF_CS_EMPTY;
		if (a == NF_CS_FULL)
			return b;
		if (b == NF_CS_FULL)
			return a;
	}
	if (a == b)
		return a;
	/* Read the children before mknode() may move the array. */
	a0 = s->node[a][0];
	a1 = s->node[a][1];
	b0 = s->node[b][0];
	b1 = s->node[b][1];
	if ((l = combine(s, a0, b0, op)) < 0)
		return -1;
	if ((r = combine(s, a1, b1, op)) < 0)
		return -1;
	return mknode(s, (uint32_t)l, (uint32_t)r);
}

static int64_t
complement(struct nf_cidrset *s, uint32_t a)
{
	int64_t l, r;
	uint32_t a0, a1;

	if (a == NF_CS_EMPTY)
		return NF_CS_FULL;
	if (a == NF_CS_FULL)
		return NF_CS_EMPTY;
	a0 = s->node[a][0];
	a1 = s->node[a][1];
	if ((l = complement(s, a0)) < 0 || (r = complement(s, a1)) < 0)
		return -1;
	return mknode(s, (uint32_t)l, (uint32_t)r);
}

void
nf_cidrset_key(int ip_version, const uint8_t addr[16], uint8_t key[16])
{
	if (ip_version == 4) {
		memset(key, 0, 10);
		key[10] = key[11] = 0xff;
		memcpy(key + 12, addr, 4);
	} else
		memcpy(key, addr, 16);
}

int
nf_cidrset_contains(const struct nf_cidrset *s, int ip_version,
    const uint8_t addr[16])
{
	uint8_t key[16];
	uint32_t n;
	int depth;

	if (ip_version != 4 && ip_version != 6)
		return 0;
	nf_cidrset_key(ip_version, addr, key);
	n = s->root;
	for (depth = 0; n > NF_CS_FULL && depth < 128; depth++)
		n = s->node[n][key[depth / 8] >> (7 - depth % 8) & 1];
	return n == NF_CS_FULL;
}

/* Parser state. */
struct cs_parse {
	struct nf_cidrset *s;
	nf_cidr_resolver resolve;
	void	*arg;
	char	*err;
	size_t	 errlen;
	int	 nvar;		/* $VAR expansions in progress */
};

static int
perr(struct cs_parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *
skipws(const char *t)
{
	while (*t == ' ' || *t == '\t')
		t++;
	return t;
}

/* Dotted IPv4 netmask to prefix length, -1 if not contiguous. */
static int
masklen(const uint8_t m[4])
{
	uint32_t v;
	int n;

	v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
	    (uint32_t)m[2] << 8 | m[3];
	for (n = 0; n < 32 && (v & 0x80000000u); n++)
		v <<= 1;
	return v == 0 ? n : -1;
}

/* One address item "ADDR[/LEN]" of length n at t; the set in *out. */
static int
parse_addr(struct cs_parse *p, const char *t, size_t n, int64_t *out)
{
	char buf[CS_ITEM_MAX], *slash, *end;
	uint8_t a[16], key[16], m[4];
	int v6, len, max;
	long l;

	if (n == 0)
		return perr(p, "empty address");
	if (n >= sizeof(buf))
		return perr(p, "address too long: '%.*s'", (int)n, t);
	memcpy(buf, t, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	v6 = strchr(buf, ':') != NULL;
	if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, a) != 1)
		return perr(p, "bad address '%s'", buf);
	max = v6 ? 128 : 32;
	len = max;
	if (slash != NULL) {
		if (!v6 && strchr(slash, '.') != NULL) {
			if (inet_pton(AF_INET, slash, m) != 1 ||
			    (len = masklen(m)) < 0)
				return perr(p, "bad netmask '%s'", slash);
		} else {
			errno = 0;
			l = strtol(slash, &end, 10);
			if (*slash == '\0' || *end != '\0' || errno ||
			    l < 0 || l > max)
				return perr(p, "bad prefix length '/%s'",
				    slash);
			len = (int)l;
		}
	}
	nf_cidrset_key(v6 ? 6 : 4, a, key);
	*out = prefix(p->s, key, v6 ? len : len + 96, 0);
	if (*out < 0)
		return perr(p, "out of memory");
	return 0;
}

static int parse_list(struct cs_parse *, const char **, int, int, int64_t *);

/* One item at *tp (possibly negated); sets *neg and the set in *out. */
static int
parse_item(struct cs_parse *p, const char **tp, int depth, int *neg,
    int64_t *out)
{
	const char *t, *e, *val;
	char name[128];
	size_t n;

	t = skipws(*tp);
	*neg = 0;
	while (*t == '!') {
		*neg = !*neg;
		t = skipws(t + 1);
	}
	if (*t == '[') {
		t++;
		if (parse_list(p, &t, depth + 1, ']', out) < 0)
			return -1;
		if (*t != ']')
			return perr(p, "missing ']'");
		*tp = t + 1;
		return 0;
	}
	e = t;
	while (*e != '\0' && *e != ',' && *e != ']' && *e != '[')
		e++;
	n = (size_t)(e - t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	*tp = e;
	if (n == 3 && strncmp(t, "any", 3) == 0) {
		*out = NF_CS_FULL;
		return 0;
	}
	if (*t == '$') {
		if (n - 1 >= sizeof(name) || n < 2)
			return perr(p, "bad variable '%.*s'", (int)n, t);
		memcpy(name, t + 1, n - 1);
		name[n - 1] = '\0';
		if (p->resolve == NULL ||
		    (val = p->resolve(p->arg, name)) == NULL)
			return perr(p, "undefined variable '$%s'", name);
		if (p->nvar >= CS_MAX_VARS)
			return perr(p, "variables nested too deeply at '$%s'",
			    name);
		p->nvar++;
		if (parse_list(p, &val, depth + 1, '\0', out) < 0)
			return -1;
		p->nvar--;
		if (*skipws(val) != '\0')
			return perr(p, "unexpected '%s' in '$%s'", val, name);
		return 0;
	}
	return parse_addr(p, t, n, out);
}

/*
 * A comma list up to the closing character close (']' or '\0'): union of
 * positive items (or everything) minus union of negated items.
 */
static int
parse_list(struct cs_parse *p, const char **tp, int depth, int close,
    int64_t *out)
{
	const char *t;
	int64_t pos, negs, item, c;
	int neg, npos;

	if (depth > CS_MAX_DEPTH)
		return perr(p, "lists nested too deeply");
	pos = NF_CS_EMPTY;
	negs = NF_CS_EMPTY;
	npos = 0;
	t = *tp;
	for (;;) {
		if (parse_item(p, &t, depth, &neg, &item) < 0)
			return -1;
		if (neg)
			negs = combine(p->s, (uint32_t)negs, (uint32_t)item,
			    OP_OR);
		else {
			pos = combine(p->s, (uint32_t)pos, (uint32_t)item,
			    OP_OR);
			npos++;
		}
		if (pos < 0 || negs < 0)
			return perr(p, "out of memory");
		t = skipws(t);
		if (*t == ',') {
			t++;
			continue;
		}
		if (*t == close || (close == '\0' && *t == '\0'))
			break;
		if (*t == '\0')
			return perr(p, "missing ']'");
		return perr(p, "unexpected '%c'", *t);
	}
	*tp = t;
	if (npos == 0)
		pos = NF_CS_FULL;
	if ((c = complement(p->s, (uint32_t)negs)) < 0 ||
	    (*out = combine(p->s, (uint32_t)pos, (uint32_t)c, OP_AND)) < 0)
		return perr(p, "out of memory");
	return 0;
}

int
nf_cidrset_parse(struct nf_cidrset *s, const char *text,
    nf_cidr_resolver resolve, void *arg, char *err, size_t errlen)
{
	struct cs_parse p;
	const char *t;
	int64_t set;

	p.s = s;
	p.resolve = resolve;
	p.arg = arg;
	p.err = err;
	p.errlen = errlen;
	p.nvar = 0;
	t = skipws(text);
	if (*t == '\0')
		return perr(&p, "empty address list");
	if (parse_list(&p, &t, 0, '\0', &set) < 0)
		return -1;
	if (*skipws(t) != '\0')
		return perr(&p, "unexpected '%s'", t);
	s->root = (uint32_t)set;
	return 0;
}

/* Variable definitions of a snort.conf, for resolving $NAME. */
struct cs_vars {
	char	**name;
	char	**value;
	size_t	  n, cap;
};

static const char *
vars_get(void *arg, const char *name)
{
	struct cs_vars *v = arg;
	size_t i;

	/* The last definition wins, as in Snort. */
	for (i = v->n; i-- > 0;)
		if (strcmp(v->name[i], name) == 0)
			return v->value[i];
	return NULL;
}

static int
vars_add(struct cs_vars *v, const char *name, size_t nl, const char *val,
    size_t vl)
{
	char **a, **b;
	size_t ncap;

	if (v->n == v->cap) {
		ncap = v->cap ? v->cap * 2 : 16;
		a = realloc(v->name, ncap * sizeof(*a));
		if (a == NULL)
			return -1;
		v->name = a;
		b = realloc(v->value, ncap * sizeof(*b));
		if (b == NULL)
			return -1;
		v->value = b;
		v->cap = ncap;
	}
	if ((v->name[v->n] = strndup(name, nl)) == NULL)
		return -1;
	if ((v->value[v->n] = strndup(val, vl)) == NULL) {
		free(v->name[v->n]);
		return -1;
	}
	v->n++;
	return 0;
}

static void
vars_free(struct cs_vars *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->name[i]);
		free(v->value[i]);
	}
	free(v->name);
	free(v->value);
}

static int
isname(int c)
{
	return isalnum(c) || c == '_';
}

/*
 * Parse one configuration line into a variable definition if it is one:
 * "ipvar|var|portvar NAME VALUE" (Snort 2) or "NAME = 'VALUE'" / "NAME =
 * [[VALUE]]" (Snort 3 Lua).  Returns 1 with the parts, or 0.
 */
static int
conf_def(const char *l, const char **name, size_t *nl, const char **val,
    size_t *vl)
{
	const char *t, *e;
	char q;

	t = skipws(l);
	if (strncmp(t, "ipvar", 5) == 0 && (t[5] == ' ' || t[5] == '\t'))
		t += 5;
	else if (strncmp(t, "var", 3) == 0 && (t[3] == ' ' || t[3] == '\t'))
		t += 3;
	else {
		/* Lua: NAME = 'value' */
		e = t;
		while (isname((unsigned char)*e))
			e++;
		if (e == t)
			return 0;
		*name = t;
		*nl = (size_t)(e - t);
		t = skipws(e);
		if (*t != '=')
			return 0;
		t = skipws(t + 1);
		if (*t == '\'' || *t == '"') {
			q = *t++;
			if ((e = strchr(t, q)) == NULL)
				return 0;
		} else if (strncmp(t, "[[", 2) == 0) {
			t += 2;
			if ((e = strstr(t, "]]")) == NULL)
				return 0;
		} else
			return 0;
		*val = t;
		*vl = (size_t)(e - t);
		return 1;
	}
	t = skipws(t);
	e = t;
	while (isname((unsigned char)*e))
		e++;
	if (e == t)
		return 0;
	*name = t;
	*nl = (size_t)(e - t);
	t = skipws(e);
	e = t + strlen(t);
	while (e > t && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		e--;
	*val = t;
	*vl = (size_t)(e - t);
	return *vl > 0;
}

int
nf_cidrset_from_snort_conf(struct nf_cidrset *s, const char *path,
    char *err, size_t errlen)
{
	struct cs_vars v;
	FILE *fp;
	char *line, *msg;
	const char *name, *val, *home;
	size_t nl, vl, cap, lineno, homeline;
	ssize_t n;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	memset(&v, 0, sizeof(v));
	line = NULL;
	cap = 0;
	lineno = homeline = 0;
	rc = 0;
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (n > CS_LINE_MAX)
			continue;
		if (line[0] == '#' || strncmp(skipws(line), "--", 2) == 0)
			continue;
		if (!conf_def(line, &name, &nl, &val, &vl))
			continue;
		if (vars_add(&v, name, nl, val, vl) < 0) {
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
		if (nl == 8 && strncmp(name, "HOME_NET", 8) == 0)
			homeline = lineno;
	}
	if (rc == 0 && ferror(fp)) {
		snprintf(err, errlen, "read error on '%s'", path);
		rc = -1;
	}
	fclose(fp);
	free(line);
	if (rc == 0 && (home = vars_get(&v, "HOME_NET")) == NULL) {
		snprintf(err, errlen, "no ipvar HOME_NET line in '%s'", path);
		rc = -1;
	} else if (rc == 0 &&
	    nf_cidrset_parse(s, home, vars_get, &v, err, errlen) < 0) {
		if ((msg = strdup(err)) != NULL) {
			snprintf(err, errlen, "%s in '%s' line %zu", msg,
			    path, homeline);
			free(msg);
		}
		rc = -1;
	}
	vars_free(&v);
	return rc;
}
