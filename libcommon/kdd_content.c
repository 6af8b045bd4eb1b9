/* kdd_content.c: KDD-like content features 10-22 from payload lines of login, mail, ftp and web sessions. */
#include <string.h>

#include "kdd_content.h"
#include "kdd_service.h"

/* Session state bits. */
#define CS_USER		0x01	/* a user name was given */
#define CS_AUTH		0x02	/* password (or HELO) sent, answer pending */
#define CS_LOGGED	0x04	/* logged in */
#define CS_CMD		0x08	/* client lines are shell commands */
#define CS_SU		0x10	/* su was attempted */
#define CS_FIRST	0x20	/* rsh/rexec: server status byte seen */

/* How a rule's pattern is matched against the lower-cased line. */
enum {
	M_PREFIX,	/* line starts with pat */
	M_CONTAINS,	/* pat anywhere in the line */
	M_WORD,		/* line is pat, or starts with pat and a space */
	M_PROMPT,	/* line starts with a shell prompt ($ # % >) */
	M_ROOTPROMPT	/* line starts with a root prompt (#) */
};

#define F_NONE	0xff
#define OP_INC	0
#define OP_SET	1

#define SHELLS	(KDD_C_TELNET | KDD_C_RLOGIN | KDD_C_RSH)
#define LOGINS	(KDD_C_TELNET | KDD_C_RLOGIN)
#define ALL	0xff

/*
 * The keyword table ("KDD-like", after spec section 6 "practical payload
 * approach").  Every line of a content service is checked against every
 * rule in order; a rule fires when the service class, direction, required
 * state (need: all bits set; unless: no bit set) and pattern match.  It
 * then changes one feature (increment or set to 1) and the session state.
 * user = 1: the word after the pattern is a user name, classified as host
 * login (root, adm) or guest login (anonymous, ftp, guest, visitor).
 * flow2kdd(1) prints this table for users; keep the two in step.
 */
static const struct rule {
	uint8_t		 cls;
	uint8_t		 from;		/* 0 client, 1 server */
	uint8_t		 how;
	uint8_t		 need;
	uint8_t		 unless;
	uint8_t		 feat;
	uint8_t		 op;
	uint8_t		 set;
	uint8_t		 clr;
	uint8_t		 user;
	const char	*pat;
} rules[] = {
	/* telnet / rlogin: the login dialogue (server lines, with echo). */
	{ LOGINS, 1, M_PREFIX, 0, 0, KDD_F_SHELLS, OP_INC,
	    CS_LOGGED | CS_CMD, CS_AUTH, 0, "last login:" },
	{ LOGINS, 1, M_CONTAINS, 0, 0, KDD_F_FAILED, OP_INC,
	    0, CS_AUTH, 0, "login incorrect" },
	{ LOGINS, 1, M_CONTAINS, 0, CS_LOGGED, F_NONE, OP_INC,
	    CS_USER, 0, 1, "login:" },
	{ LOGINS, 1, M_CONTAINS, 0, CS_LOGGED, F_NONE, OP_INC,
	    CS_AUTH, 0, 0, "password:" },
	{ KDD_C_TELNET, 1, M_PROMPT, CS_USER, 0, F_NONE, OP_INC,
	    CS_LOGGED | CS_CMD, CS_AUTH, 0, "" },
	{ KDD_C_RLOGIN, 1, M_PROMPT, 0, 0, F_NONE, OP_INC,
	    CS_LOGGED | CS_CMD, CS_AUTH, 0, "" },
	/* Shell output. */
	{ SHELLS, 1, M_ROOTPROMPT, CS_LOGGED, 0, KDD_F_NUM_ROOT, OP_INC,
	    0, 0, 0, "" },
	{ SHELLS, 1, M_ROOTPROMPT, CS_LOGGED, 0, KDD_F_ROOT_SHELL, OP_SET,
	    0, 0, 0, "" },
	{ SHELLS, 1, M_CONTAINS, CS_LOGGED, 0, KDD_F_ROOT_SHELL, OP_SET,
	    0, 0, 0, "uid=0(" },
	{ SHELLS, 1, M_CONTAINS, CS_CMD, 0, KDD_F_COMPROMISED, OP_INC,
	    0, 0, 0, "not found" },
	{ SHELLS, 1, M_CONTAINS, CS_CMD, 0, KDD_F_COMPROMISED, OP_INC,
	    0, 0, 0, "permission denied" },
	{ SHELLS, 1, M_CONTAINS, CS_CMD, 0, KDD_F_COMPROMISED, OP_INC,
	    0, 0, 0, "core dumped" },
	{ SHELLS, 1, M_CONTAINS, CS_CMD, 0, KDD_F_COMPROMISED, OP_INC,
	    0, 0, 0, "segmentation fault" },
	/* Shell commands (client lines once logged in). */
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_SU, OP_INC,
	    CS_SU, 0, 0, "su" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cd /etc" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cd /bin" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cd /sbin" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cd /usr/bin" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cd /dev" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "./" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "/tmp/" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "gcc" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cc" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "g++" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "chmod 4" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "chmod u+s" },
	{ SHELLS, 0, M_PREFIX, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "chmod +s" },
	{ SHELLS, 0, M_CONTAINS, CS_CMD, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "+ +" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "cp" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "mv" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "touch" },
	{ SHELLS, 0, M_WORD, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "mkdir" },
	{ SHELLS, 0, M_CONTAINS, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, ">" },
	{ SHELLS, 0, M_CONTAINS, CS_CMD, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, " -o " },
	/* FTP (RFC 959). */
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_USER, 0, 1, "user " },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_AUTH, 0, 0, "pass " },
	{ KDD_C_FTP, 1, M_PREFIX, 0, 0, KDD_F_LOGGED_IN, OP_SET,
	    CS_LOGGED | CS_CMD, CS_AUTH, 0, "230" },
	{ KDD_C_FTP, 1, M_PREFIX, CS_AUTH, 0, KDD_F_FAILED, OP_INC,
	    0, CS_AUTH, 0, "530" },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "stor " },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "stou" },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_FILE_CREATIONS, OP_INC,
	    0, 0, 0, "mkd " },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cwd ~root" },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "cwd /etc" },
	{ KDD_C_FTP, 0, M_PREFIX, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "site exec" },
	/* POP3 (RFC 1939). */
	{ KDD_C_POP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_USER, 0, 1, "user " },
	{ KDD_C_POP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_AUTH, 0, 0, "pass " },
	{ KDD_C_POP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_USER | CS_AUTH, 0, 1, "apop " },
	{ KDD_C_POP, 1, M_PREFIX, CS_AUTH, 0, KDD_F_LOGGED_IN, OP_SET,
	    CS_LOGGED, CS_AUTH, 0, "+ok" },
	{ KDD_C_POP, 1, M_PREFIX, CS_AUTH, 0, KDD_F_FAILED, OP_INC,
	    0, CS_AUTH, 0, "-err" },
	/* IMAP (RFC 3501): "tag LOGIN user pass", "tag OK/NO ...". */
	{ KDD_C_IMAP, 0, M_CONTAINS, 0, 0, F_NONE, OP_INC,
	    CS_USER | CS_AUTH, 0, 1, " login " },
	{ KDD_C_IMAP, 1, M_CONTAINS, CS_AUTH, 0, KDD_F_LOGGED_IN, OP_SET,
	    CS_LOGGED, CS_AUTH, 0, " ok " },
	{ KDD_C_IMAP, 1, M_CONTAINS, CS_AUTH, 0, KDD_F_FAILED, OP_INC,
	    0, CS_AUTH, 0, " no " },
	/* SMTP (RFC 5321): 250 after HELO/EHLO; 535 failed AUTH. */
	{ KDD_C_SMTP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_AUTH, 0, 0, "helo " },
	{ KDD_C_SMTP, 0, M_PREFIX, 0, 0, F_NONE, OP_INC,
	    CS_AUTH, 0, 0, "ehlo " },
	{ KDD_C_SMTP, 1, M_PREFIX, CS_AUTH, 0, KDD_F_LOGGED_IN, OP_SET,
	    CS_LOGGED, CS_AUTH, 0, "250" },
	{ KDD_C_SMTP, 1, M_PREFIX, 0, 0, KDD_F_FAILED, OP_INC,
	    0, 0, 0, "535" },
	/* HTTP: any 2xx/3xx status line; suspicious request paths. */
	{ KDD_C_HTTP, 1, M_PREFIX, 0, 0, KDD_F_LOGGED_IN, OP_SET,
	    0, 0, 0, "http/1.0 2" },
	{ KDD_C_HTTP, 1, M_PREFIX, 0, 0, KDD_F_LOGGED_IN, OP_SET,
	    0, 0, 0, "http/1.1 2" },
	{ KDD_C_HTTP, 1, M_PREFIX, 0, 0, KDD_F_LOGGED_IN, OP_SET,
	    0, 0, 0, "http/1.0 3" },
	{ KDD_C_HTTP, 1, M_PREFIX, 0, 0, KDD_F_LOGGED_IN, OP_SET,
	    0, 0, 0, "http/1.1 3" },
	{ KDD_C_HTTP, 0, M_CONTAINS, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "/cgi-bin/phf" },
	{ KDD_C_HTTP, 0, M_CONTAINS, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "/../" },
	{ KDD_C_HTTP, 0, M_CONTAINS, 0, 0, KDD_F_HOT, OP_INC,
	    0, 0, 0, "%00" },
	/* Access-control files named in any client line. */
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, "/etc/passwd" },
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, "/etc/shadow" },
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, ".rhosts" },
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, "hosts.equiv" },
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, ".netrc" },
	{ ALL, 0, M_CONTAINS, 0, 0, KDD_F_ACCESS_FILES, OP_INC,
	    0, 0, 0, "/etc/inetd.conf" },
};

static void index_rules(void);

static int
class_of(int svc)
{
	const char *n = kdd_service_name(svc);

	if (strcmp(n, "telnet") == 0)
		return KDD_C_TELNET;
	if (strcmp(n, "login") == 0)
		return KDD_C_RLOGIN;
	if (strcmp(n, "shell") == 0 || strcmp(n, "exec") == 0)
		return KDD_C_RSH;
	if (strcmp(n, "ftp") == 0)
		return KDD_C_FTP;
	if (strcmp(n, "pop_3") == 0)
		return KDD_C_POP;
	if (strcmp(n, "imap4") == 0)
		return KDD_C_IMAP;
	if (strcmp(n, "smtp") == 0)
		return KDD_C_SMTP;
	if (strcmp(n, "http") == 0)
		return KDD_C_HTTP;
	return KDD_C_NONE;
}

int
kdd_content_class(int svc)
{
	static uint8_t cls[256];
	static int ready;
	int i;

	if (!ready) {
		for (i = 0; i < kdd_nservices && i < 256; i++)
			cls[i] = (uint8_t)class_of(i);
		ready = 1;
	}
	return svc >= 0 && svc < kdd_nservices ? cls[svc] : KDD_C_NONE;
}

void
kdd_content_init(struct kdd_content *c, int cls)
{
	index_rules();
	memset(c, 0, sizeof(*c));
	c->cls = (uint8_t)cls;
	if (cls == KDD_C_RSH)
		c->state |= CS_CMD;	/* rsh/rexec carry the command */
}

static void
fset(struct kdd_content *c, int f, int op)
{
	if (op == OP_SET)
		c->f[f] = 1;
	else if (c->f[f] < UINT16_MAX)
		c->f[f]++;
}

/* Classify a user name: the first word of s. */
static void
user_name(struct kdd_content *c, const char *s)
{
	char w[32];
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0' && *s != ' ' && *s != '\t' && n < sizeof(w) - 1)
		w[n++] = *s++;
	w[n] = '\0';
	if (n == 0)
		return;
	if (strcmp(w, "root") == 0 || strcmp(w, "adm") == 0)
		c->f[KDD_F_HOST_LOGIN] = 1;
	if (strcmp(w, "anonymous") == 0 || strcmp(w, "ftp") == 0 ||
	    strcmp(w, "guest") == 0 || strcmp(w, "visitor") == 0)
		c->f[KDD_F_GUEST_LOGIN] = 1;
	c->state |= CS_USER;
}

/*
 * A shell prompt starts the line: up to 48 characters without spaces
 * (outside [brackets]) then one of $ # % > followed by a space or the end
 * of the line ("$ ls", "bash-2.03# id", "[root@h /]# ").  Returns the
 * prompt character or 0.
 */
static int
prompt(const char *s)
{
	int i, br = 0;

	for (i = 0; s[i] != '\0' && i <= 48; i++) {
		char ch = s[i];

		if (ch == '[')
			br++;
		else if (ch == ']' && br > 0)
			br--;
		else if (ch == ' ' && br == 0)
			return 0;
		else if (br == 0 && (ch == '$' || ch == '#' || ch == '%' ||
		    ch == '>') && (s[i + 1] == ' ' || s[i + 1] == '\0'))
			return ch;
	}
	return 0;
}

#define NRULES	(sizeof(rules) / sizeof(rules[0]))

/* Rules by class bit and direction, and pattern lengths: built once. */
static uint8_t byclass[8][2][NRULES];
static uint8_t nbyclass[8][2];
static uint8_t patlen[NRULES];

static void
index_rules(void)
{
	static int ready;
	size_t i;
	int b;

	if (ready)
		return;
	for (i = 0; i < NRULES; i++) {
		patlen[i] = (uint8_t)strlen(rules[i].pat);
		for (b = 0; b < 8; b++)
			if (rules[i].cls & (1 << b))
				byclass[b][rules[i].from][nbyclass[b][rules[i].from]++]
				    = (uint8_t)i;
	}
	ready = 1;
}

/* Bit number of a one-bit class. */
static int
classbit(int cls)
{
	int b = 0;

	while (b < 7 && !(cls & (1 << b)))
		b++;
	return b;
}

static int
matches(const struct rule *r, const char *s, size_t len)
{
	size_t n = patlen[r - rules];

	switch (r->how) {
	case M_PREFIX:
		return len >= n && memcmp(s, r->pat, n) == 0;
	case M_CONTAINS:
		return strstr(s, r->pat) != NULL;
	case M_WORD:
		return len >= n && memcmp(s, r->pat, n) == 0 &&
		    (s[n] == '\0' || s[n] == ' ');
	case M_PROMPT:
		return prompt(s) != 0;
	case M_ROOTPROMPT:
		return prompt(s) == '#';
	}
	return 0;
}

/* Evaluate one complete line (raw bytes, no terminator). */
/* eval_line's byte map: upper case to lower, bytes that are not
 * printable ASCII to blanks; and the bytes that end a plain line. */
static unsigned char lc[256], eol[256];
static int lc_ready;

static void
lc_init(void)
{
	int ch;

	for (ch = 0; ch < 256; ch++) {
		if (ch >= 'A' && ch <= 'Z')
			lc[ch] = (unsigned char)(ch - 'A' + 'a');
		else if (ch < 32 || ch > 126)
			lc[ch] = ' ';
		else
			lc[ch] = (unsigned char)ch;
		eol[ch] = ch == '\r' || ch == '\n' || ch == '\0';
	}
	lc_ready = 1;
}

static void
eval_line(struct kdd_content *c, int dir, const char *raw, size_t len,
    uint16_t *ftp_port, int *ftp_side)
{
	char s[KDD_LINE_MAX + 1];
	const char *p;
	size_t i, n;
	uint16_t port;
	int b;

	/* Lower-case copy without leading blanks; other bytes that are not
	 * printable ASCII become blanks. */
	for (i = 0; i < len && (raw[i] == ' ' || raw[i] == '\t'); i++)
		continue;
	if (!lc_ready)
		lc_init();
	for (n = 0; i < len; i++)
		s[n++] = (char)lc[(unsigned char)raw[i]];
	s[n] = '\0';
	if (n == 0)
		return;
	if (c->nlines[dir] < UINT8_MAX)
		c->nlines[dir]++;
	if (c->cls == KDD_C_FTP && kdd_ftp_parse(s, n, dir, &port)) {
		*ftp_port = port;
		*ftp_side = dir == 0 ? 0 : 1;
	}
	/*
	 * rlogin/rsh/rexec open with NUL-separated fields: [port,] user,
	 * user (rexec: password), then terminal type or command.  The first
	 * non-numeric field is the user name; rsh/rexec's second is skipped.
	 */
	if (dir == 0 && (c->cls & (KDD_C_RLOGIN | KDD_C_RSH)) &&
	    c->fields < 2 && strspn(s, "0123456789") != n) {
		if (c->fields++ == 0)
			user_name(c, s);
		if (c->cls == KDD_C_RSH || c->fields == 1)
			return;	/* not a command */
	}
	b = classbit(c->cls);
	for (i = 0; i < nbyclass[b][dir]; i++) {
		const struct rule *r = &rules[byclass[b][dir][i]];

		if ((c->state & r->need) != r->need ||
		    (c->state & r->unless) != 0 || !matches(r, s, n))
			continue;
		if (r->feat != F_NONE)
			fset(c, r->feat, r->op);
		if (r->user) {
			p = strstr(s, r->pat);
			if (r->how != M_PREFIX && p != NULL)
				user_name(c, p + strlen(r->pat));
			else
				user_name(c, s + strlen(r->pat));
		}
		c->state |= r->set;
		c->state &= (uint8_t)~r->clr;
		if (r->set & CS_LOGGED)
			c->f[KDD_F_LOGGED_IN] = 1;
	}
}

/*
 * A client line usually completes before the server's echo completes the
 * prompt line it was typed at ("$ " + echo): apply the M_PROMPT rules
 * (state only) to the server's partial line first, so the first command
 * after a login counts.
 */
static void
peek_prompt(struct kdd_content *c)
{
	const struct kdd_cdir *d = &c->dir[1];
	char s[KDD_LINE_MAX + 1];
	size_t i, n = 0;

	for (i = 0; i < d->len && (d->line[i] == ' ' || d->line[i] == '\t');
	    i++)
		continue;
	for (; i < d->len; i++)
		s[n++] = d->line[i];
	s[n] = '\0';
	if (n == 0 || prompt(s) == 0)
		return;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct rule *r = &rules[i];

		if (r->how != M_PROMPT || !(r->cls & c->cls) ||
		    (c->state & r->need) != r->need ||
		    (c->state & r->unless) != 0)
			continue;
		c->state |= r->set;
		c->state &= (uint8_t)~r->clr;
		if (r->set & CS_LOGGED)
			c->f[KDD_F_LOGGED_IN] = 1;
	}
}

static void
end_line(struct kdd_content *c, int dir, uint16_t *ftp_port, int *ftp_side)
{
	struct kdd_cdir *d = &c->dir[dir];

	if (dir == 0 && d->len > 0 && c->dir[1].len > 0)
		peek_prompt(c);
	if (d->len > 0)
		eval_line(c, dir, d->line, d->len, ftp_port, ftp_side);
	d->len = 0;
}

/*
 * Lines of a service without telnet options: copy runs of bytes up to the
 * next CR, LF or NUL (a CR LF or CR NUL pair ends one line).
 */
static void
feed_plain(struct kdd_content *c, struct kdd_cdir *d, int dir,
    const uint8_t *p, size_t len, uint16_t *ftp_port, int *ftp_side)
{
	size_t i = 0, j, n;

	while (i < len) {
		if (d->lastcr && (p[i] == '\n' || p[i] == '\0')) {
			d->lastcr = 0;
			i++;
			continue;
		}
		d->lastcr = 0;
		if (!lc_ready)
			lc_init();
		for (j = i; j < len && !eol[p[j]]; j++)
			continue;
		n = j - i;
		if (n > (size_t)(KDD_LINE_MAX - d->len))
			n = KDD_LINE_MAX - d->len;
		memcpy(d->line + d->len, p + i, n);
		d->len = (uint16_t)(d->len + n);
		if (j == len)
			break;
		d->lastcr = p[j] == '\r';
		end_line(c, dir, ftp_port, ftp_side);
		i = j + 1;
	}
}

#define IAC	255
#define SB	250
#define SE	240
#define WILL	251

void
kdd_content_feed(struct kdd_content *c, int dir, const uint8_t *p,
    size_t len, int gap, uint16_t *ftp_port, int *ftp_side)
{
	struct kdd_cdir *d;
	uint32_t budget;
	size_t i;

	dir = dir != 0;
	d = &c->dir[dir];
	if (gap)
		end_line(c, dir, ftp_port, ftp_side);
	budget = (c->cls & (KDD_C_HTTP | KDD_C_SMTP | KDD_C_POP |
	    KDD_C_IMAP)) ? KDD_CONTENT_BYTES_BULK : KDD_CONTENT_BYTES;
	if (d->seen >= budget)
		return;
	if (len > budget - d->seen) {
		len = budget - d->seen;
		c->capped = 1;
	}
	d->seen += (uint32_t)len;
	/* rsh/rexec: the server's first byte is 0 (accepted) or 1. */
	if (dir == 1 && c->cls == KDD_C_RSH && !(c->state & CS_FIRST) &&
	    len > 0) {
		c->state |= CS_FIRST;
		if (p[0] == 0)
			c->f[KDD_F_LOGGED_IN] = 1, c->state |= CS_LOGGED;
		else if (p[0] == 1)
			fset(c, KDD_F_FAILED, OP_INC);
		p++;
		len--;
	}
	if (c->cls != KDD_C_TELNET) {
		feed_plain(c, d, dir, p, len, ftp_port, ftp_side);
		return;
	}
	for (i = 0; i < len; i++) {
		uint8_t b = p[i];

		{
			/* RFC 854/855: strip IAC commands and options. */
			switch (d->iac) {
			case 1:		/* after IAC */
				if (b == IAC)
					d->iac = 0;	/* escaped 255: data */
				else {
					d->iac = b == SB ? 3 : b >= WILL ? 2 : 0;
					continue;
				}
				break;
			case 2:		/* option byte of WILL..DONT */
				d->iac = 0;
				continue;
			case 3:		/* inside SB */
				if (b == IAC)
					d->iac = 4;
				continue;
			case 4:		/* IAC inside SB */
				d->iac = b == SE ? 0 : 3;
				continue;
			default:
				if (b == IAC) {
					d->iac = 1;
					continue;
				}
			}
		}
		if (b == '\r' || b == '\n' || b == '\0') {
			if ((b == '\n' || b == '\0') && d->lastcr) {
				d->lastcr = 0;
				continue;
			}
			d->lastcr = b == '\r';
			end_line(c, dir, ftp_port, ftp_side);
			continue;
		}
		d->lastcr = 0;
		if (b == 8 || b == 127) {
			if (d->len > 0)
				d->len--;	/* backspace / delete */
			continue;
		}
		if (d->len < KDD_LINE_MAX)
			d->line[d->len++] = (char)b;
	}
}

void
kdd_content_finish(struct kdd_content *c)
{
	uint16_t port;
	int side;

	end_line(c, 0, &port, &side);
	end_line(c, 1, &port, &side);
}
