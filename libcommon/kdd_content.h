/* kdd_content.h: KDD-like content features 10-22 from payload lines of login, mail, ftp and web sessions. */
#ifndef NF_KDD_CONTENT_H
#define NF_KDD_CONTENT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Content features are computed only for the services of spec section 6:
 * telnet, login (rlogin), shell (rsh), exec (rexec), ftp, pop_3, imap4,
 * smtp and http.  The payload of each direction is cut into lines (CR, LF
 * or NUL end a line; telnet IAC negotiation is stripped first) and every
 * line is matched against ONE rule table (kdd_content.c, documented in
 * flow2kdd(1) as "KDD-like": the original keyword lists were never
 * published).  Memory per connection is fixed: a partial-line buffer of
 * KDD_LINE_MAX bytes per direction (longer lines are cut), and only the
 * first KDD_CONTENT_BYTES bytes of each direction are analysed
 * (KDD_CONTENT_BYTES_BULK for http, smtp, pop and imap, whose rules look
 * at the dialogue before the bulk data).
 */
#define KDD_LINE_MAX		160
#define KDD_CONTENT_BYTES	(64U * 1024)	/* login sessions, ftp */
#define KDD_CONTENT_BYTES_BULK	(8U * 1024)	/* http, smtp, pop, imap */

/* Feature slots, in KDD order (features 10-22). */
enum kdd_cfeat {
	KDD_F_HOT = 0,
	KDD_F_FAILED,
	KDD_F_LOGGED_IN,
	KDD_F_COMPROMISED,
	KDD_F_ROOT_SHELL,
	KDD_F_SU,
	KDD_F_NUM_ROOT,
	KDD_F_FILE_CREATIONS,
	KDD_F_SHELLS,
	KDD_F_ACCESS_FILES,
	KDD_F_OUTBOUND_CMDS,	/* always 0 (as in every KDD row) */
	KDD_F_HOST_LOGIN,
	KDD_F_GUEST_LOGIN,
	KDD_NCFEAT
};

/* Content service classes (bit per class, used in the rule table). */
enum kdd_csvc {
	KDD_C_NONE = 0,
	KDD_C_TELNET = 0x01,
	KDD_C_RLOGIN = 0x02,
	KDD_C_RSH = 0x04,	/* rsh and rexec */
	KDD_C_FTP = 0x08,
	KDD_C_POP = 0x10,
	KDD_C_IMAP = 0x20,
	KDD_C_SMTP = 0x40,
	KDD_C_HTTP = 0x80
};

/* Class of a service name index (kdd_service.h), KDD_C_NONE if none. */
int	kdd_content_class(int svc);

struct kdd_cdir {
	uint32_t seen;		/* bytes fed in this direction */
	uint16_t len;		/* bytes in line[] */
	uint8_t	 iac;		/* telnet IAC parser state */
	uint8_t	 lastcr;	/* previous byte ended a line with CR */
	char	 line[KDD_LINE_MAX];
};

struct kdd_content {
	struct kdd_cdir	 dir[2];	/* 0 client (originator), 1 server */
	uint16_t	 f[KDD_NCFEAT];
	uint8_t		 cls;		/* KDD_C_* */
	uint8_t		 state;		/* KDD_CS_* bits (kdd_content.c) */
	uint8_t		 nlines[2];	/* lines seen per direction, saturating */
	uint8_t		 fields;	/* rlogin/rsh/rexec opening fields seen */
	uint8_t		 capped;	/* the byte budget ran out (a direction) */
};

void	kdd_content_init(struct kdd_content *, int cls);
/*
 * Feed payload bytes sent by dir (0 client, 1 server).  gap = 1 when
 * bytes before these were lost (the current line is ended first).  If an
 * FTP control line announces a data port, *ftp_port is set to it and
 * *ftp_side to the endpoint (0 client, 1 server) that will accept the data
 * connection; otherwise *ftp_port is left alone.
 */
void	kdd_content_feed(struct kdd_content *, int dir, const uint8_t *p,
	    size_t len, int gap, uint16_t *ftp_port, int *ftp_side);
/* End of connection: evaluate unterminated lines. */
void	kdd_content_finish(struct kdd_content *);

#endif
