/* check_kdd_content.c: unit tests for the KDD-like content rules (kdd_content.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_content.h"
#include "kdd_service.h"
#include "check_util.h"

/*
 * Sessions are written out as the bytes each side sends, in order; the
 * expected counts follow from the rule table as commented.
 */
struct step {
	int		 dir;	/* 0 client, 1 server */
	const char	*bytes;
	size_t		 len;	/* 0: strlen */
};

static uint16_t ftp_port;
static int ftp_side;

static void
play(struct kdd_content *c, const struct step *s)
{
	for (; s->bytes != NULL; s++)
		kdd_content_feed(c, s->dir, (const uint8_t *)s->bytes,
		    s->len ? s->len : strlen(s->bytes), 0, &ftp_port,
		    &ftp_side);
	kdd_content_finish(c);
}

START_TEST(test_telnet_session)
{
	/* IAC DO TTYPE, IAC WILL ECHO; client IAC WILL TTYPE, IAC SB TTYPE
	 * IS "xterm" IAC SE: all stripped.  Two wrong passwords, then a
	 * login, su to root, a look at /etc/shadow. */
	static const struct step s[] = {
		{ 1, "\xff\xfd\x18\xff\xfb\x01" "Debian\r\nlogin: ", 0 },
		{ 0, "\xff\xfb\x18\xff\xfa\x18\x00xterm\xff\xf0", 14 },
		{ 0, "alice\r\n", 0 },
		{ 1, "alice\r\nPassword: ", 0 },
		{ 0, "bad1\r\n", 0 },
		{ 1, "\r\nLogin incorrect\r\nlogin: ", 0 },
		{ 0, "alice\r\n", 0 },
		{ 1, "alice\r\nPassword: ", 0 },
		{ 0, "bad2\r\n", 0 },
		{ 1, "\r\nLogin incorrect\r\nlogin: ", 0 },
		{ 0, "alice\r\n", 0 },
		{ 1, "alice\r\nPassword: ", 0 },
		{ 0, "good\r\n", 0 },
		{ 1, "\r\nLast login: Mon Jan  1 from x\r\n$ ", 0 },
		{ 0, "su -\r\n", 0 },
		{ 1, "su -\r\nPassword: ", 0 },
		{ 0, "rootpw\r\n", 0 },
		{ 1, "\r\n# ", 0 },
		{ 0, "cat /etc/shadow\r\n", 0 },
		{ 1, "cat /etc/shadow\r\nroot:x:0:0\r\n# ", 0 },
		{ 0, "exit\r\n", 0 },
		{ 1, "exit\r\n", 0 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	kdd_content_init(&c, KDD_C_TELNET);
	play(&c, s);
	/* Two "Login incorrect" lines. */
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 2);
	/* "Last login:" sets logged_in and counts one shell. */
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	ck_assert_uint_eq(c.f[KDD_F_SHELLS], 1);
	/* Client line "su -". */
	ck_assert_uint_eq(c.f[KDD_F_SU], 1);
	/* Root prompts "# cat /etc/shadow" and "# exit": num_root 2. */
	ck_assert_uint_eq(c.f[KDD_F_ROOT_SHELL], 1);
	ck_assert_uint_eq(c.f[KDD_F_NUM_ROOT], 2);
	/* Client line naming /etc/shadow. */
	ck_assert_uint_eq(c.f[KDD_F_ACCESS_FILES], 1);
	ck_assert_uint_eq(c.f[KDD_F_HOT], 0);
	ck_assert_uint_eq(c.f[KDD_F_HOST_LOGIN], 0);
	ck_assert_uint_eq(c.f[KDD_F_GUEST_LOGIN], 0);
	ck_assert_uint_eq(c.f[KDD_F_COMPROMISED], 0);
	ck_assert_uint_eq(c.f[KDD_F_OUTBOUND_CMDS], 0);
}
END_TEST

START_TEST(test_telnet_iac_in_line)
{
	/* Logged in via a prompt after a login: exchange; the client line
	 * is split by an IAC SB ... IAC SE block and contains IAC IAC (a
	 * literal 255, kept as a blank).  "./exploit" is hot; "mkdir" a
	 * file creation; "not found" compromised; "gcc -o x x.c" hot and a
	 * file creation; a typo fixed with backspace. */
	static const struct step s[] = {
		{ 1, "login: ", 0 },
		{ 0, "bob\r\n", 0 },
		{ 1, "bob\r\nPassword:\r\n", 0 },
		{ 1, "bob@h:~$ ", 0 },
		{ 0, "./ex\xff\xfa\x18\x00vt100\xff\xf0ploit\r\n", 22 },
		{ 1, "./exploit\r\nsh: not found\r\n$ ", 0 },
		{ 0, "mkdx\x7f" "ir t\r\n", 0 },
		{ 0, "gcc -o x x.c\r\n", 0 },
		{ 0, "echo \xff\xff\r\n", 0 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	kdd_content_init(&c, KDD_C_TELNET);
	play(&c, s);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	ck_assert_uint_eq(c.f[KDD_F_SHELLS], 0);
	/* "./exploit" (not "./exvt100ploit": SB stripped) + "gcc" = 2. */
	ck_assert_uint_eq(c.f[KDD_F_HOT], 2);
	ck_assert_uint_eq(c.f[KDD_F_COMPROMISED], 1);
	/* "mkdir t" (after backspace) + "gcc -o" = 2. */
	ck_assert_uint_eq(c.f[KDD_F_FILE_CREATIONS], 2);
	ck_assert_uint_eq(c.f[KDD_F_ROOT_SHELL], 0);
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 0);
}
END_TEST

START_TEST(test_ftp_guest)
{
	static const struct step s[] = {
		{ 1, "220 FTP ready\r\n", 0 },
		{ 0, "USER anonymous\r\n", 0 },
		{ 1, "331 Guest login ok\r\n", 0 },
		{ 0, "PASS a@b.c\r\n", 0 },
		{ 1, "230 Guest login ok\r\n", 0 },
		{ 0, "PASV\r\n", 0 },
		{ 1, "227 Entering Passive Mode (10,0,0,1,195,80)\r\n", 0 },
		{ 0, "STOR x.txt\r\n", 0 },
		{ 0, "RETR /etc/passwd\r\n", 0 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	ftp_port = 0;
	kdd_content_init(&c, KDD_C_FTP);
	play(&c, s);
	ck_assert_uint_eq(c.f[KDD_F_GUEST_LOGIN], 1);
	ck_assert_uint_eq(c.f[KDD_F_HOST_LOGIN], 0);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 0);
	ck_assert_uint_eq(c.f[KDD_F_FILE_CREATIONS], 1);
	ck_assert_uint_eq(c.f[KDD_F_ACCESS_FILES], 1);
	/* 195 * 256 + 80 = 50000, accepted by the server. */
	ck_assert_uint_eq(ftp_port, 50000);
	ck_assert_int_eq(ftp_side, 1);
}
END_TEST

START_TEST(test_ftp_failed_root)
{
	static const struct step s[] = {
		{ 1, "220 FTP ready\r\n", 0 },
		{ 0, "USER root\r\n", 0 },
		{ 1, "331 Password required\r\n", 0 },
		{ 0, "PASS x\r\n", 0 },
		{ 1, "530 Login incorrect.\r\n", 0 },
		{ 0, "PASS y\r\n", 0 },
		{ 1, "530 Login incorrect.\r\n", 0 },
		{ 0, "PORT 10,0,0,9,4,1\r\n", 0 },
		{ 1, "530 Please login with USER and PASS.\r\n", 0 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	ftp_port = 0;
	kdd_content_init(&c, KDD_C_FTP);
	play(&c, s);
	/* The third 530 answers no PASS: not a failed login. */
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 2);
	ck_assert_uint_eq(c.f[KDD_F_HOST_LOGIN], 1);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 0);
	ck_assert_uint_eq(ftp_port, 1025);
	ck_assert_int_eq(ftp_side, 0);
}
END_TEST

START_TEST(test_pop_http_smtp)
{
	static const struct step pop[] = {
		{ 1, "+OK ready\r\n", 0 },
		{ 0, "USER bob\r\n", 0 },
		{ 1, "+OK\r\n", 0 },
		{ 0, "PASS x\r\n", 0 },
		{ 1, "-ERR bad\r\n", 0 },
		{ 0, "PASS y\r\n", 0 },
		{ 1, "+OK 2 messages\r\n", 0 },
		{ 0, NULL, 0 }
	};
	static const struct step http[] = {
		{ 0, "GET /cgi-bin/phf?Qalias=x HTTP/1.0\r\n\r\n", 0 },
		{ 1, "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n", 0 },
		{ 0, NULL, 0 }
	};
	static const struct step http404[] = {
		{ 0, "GET / HTTP/1.0\r\n\r\n", 0 },
		{ 1, "HTTP/1.0 404 Not Found\r\n\r\n", 0 },
		{ 0, NULL, 0 }
	};
	static const struct step smtp[] = {
		{ 1, "220 mx ESMTP\r\n", 0 },
		{ 0, "EHLO a\r\n", 0 },
		{ 1, "250-mx\r\n250 OK\r\n", 0 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	kdd_content_init(&c, KDD_C_POP);
	play(&c, pop);
	/* The greeting +OK has no PASS before it: not a login. */
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 1);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	kdd_content_init(&c, KDD_C_HTTP);
	play(&c, http);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	ck_assert_uint_eq(c.f[KDD_F_HOT], 1);
	kdd_content_init(&c, KDD_C_HTTP);
	play(&c, http404);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 0);
	kdd_content_init(&c, KDD_C_SMTP);
	play(&c, smtp);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
}
END_TEST

START_TEST(test_rsh)
{
	/* rsh: "stderr port\0local user\0remote user\0command\0"; the
	 * server's 0 byte accepts. */
	static const struct step s[] = {
		{ 0, "0\0alice\0root\0cat /etc/passwd\0", 29 },
		{ 1, "\0root:x:0:0\n", 12 },
		{ 0, NULL, 0 }
	};
	struct kdd_content c;

	kdd_content_init(&c, KDD_C_RSH);
	play(&c, s);
	ck_assert_uint_eq(c.f[KDD_F_LOGGED_IN], 1);
	ck_assert_uint_eq(c.f[KDD_F_ACCESS_FILES], 1);
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 0);
}
END_TEST

START_TEST(test_classes_and_caps)
{
	struct kdd_content c;
	static char big[KDD_CONTENT_BYTES + 100];
	size_t i;

	ck_assert_int_eq(kdd_content_class(kdd_service_find("telnet")),
	    KDD_C_TELNET);
	ck_assert_int_eq(kdd_content_class(kdd_service_find("ftp_data")),
	    KDD_C_NONE);
	ck_assert_int_eq(kdd_content_class(kdd_service_find("http")),
	    KDD_C_HTTP);
	/* Only the first KDD_CONTENT_BYTES of a direction are read: a
	 * "530" line after them is not seen. */
	kdd_content_init(&c, KDD_C_FTP);
	for (i = 0; i < sizeof(big); i++)
		big[i] = i % 80 == 79 ? '\n' : 'a';
	kdd_content_feed(&c, 0, (const uint8_t *)"PASS x\r\n", 8, 0,
	    &ftp_port, &ftp_side);
	kdd_content_feed(&c, 1, (const uint8_t *)big, sizeof(big), 0,
	    &ftp_port, &ftp_side);
	kdd_content_feed(&c, 1, (const uint8_t *)"530 no\r\n", 8, 0,
	    &ftp_port, &ftp_side);
	kdd_content_finish(&c);
	ck_assert_uint_eq(c.f[KDD_F_FAILED], 0);
	ck_assert_uint_eq(c.dir[1].seen, KDD_CONTENT_BYTES);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_content");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_telnet_session);
	tcase_add_test(tc, test_telnet_iac_in_line);
	tcase_add_test(tc, test_ftp_guest);
	tcase_add_test(tc, test_ftp_failed_root);
	tcase_add_test(tc, test_pop_http_smtp);
	tcase_add_test(tc, test_rsh);
	tcase_add_test(tc, test_classes_and_caps);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
