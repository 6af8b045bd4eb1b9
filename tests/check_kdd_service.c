/* check_kdd_service.c: unit tests for KDD service names and FTP data learning (kdd_service.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_service.h"
#include "check_util.h"

/* Expected names: the table of ../shared/spec/kdd.md section 4. */
static const struct {
	int		 proto;
	uint16_t	 port;
	int		 rule;
	const char	*name;
} ports[] = {
	{ 6, 80, KDD_PRIV_LT1024, "http" },
	{ 6, 21, KDD_PRIV_LT1024, "ftp" },
	{ 6, 20, KDD_PRIV_LT1024, "ftp_data" },
	{ 6, 23, KDD_PRIV_LT1024, "telnet" },
	{ 6, 25, KDD_PRIV_LT1024, "smtp" },
	{ 6, 110, KDD_PRIV_LT1024, "pop_3" },
	{ 6, 143, KDD_PRIV_LT1024, "imap4" },
	{ 6, 443, KDD_PRIV_LT1024, "http_443" },
	{ 6, 53, KDD_PRIV_LT1024, "domain" },
	{ 6, 72, KDD_PRIV_LT1024, "remote_job" },
	{ 6, 150, KDD_PRIV_LT1024, "sql_net" },
	{ 6, 512, KDD_PRIV_LT1024, "exec" },
	{ 6, 513, KDD_PRIV_LT1024, "login" },
	{ 6, 514, KDD_PRIV_LT1024, "shell" },
	{ 6, 6000, KDD_PRIV_LT1024, "X11" },
	{ 6, 6063, KDD_PRIV_LT1024, "X11" },
	{ 6, 6064, KDD_PRIV_LT1024, "other" },
	{ 6, 6667, KDD_PRIV_LT1024, "IRC" },
	{ 6, 194, KDD_PRIV_LT1024, "IRC" },
	{ 6, 5190, KDD_PRIV_LT1024, "aol" },
	{ 6, 8001, KDD_PRIV_LT1024, "http_8001" },
	{ 6, 2784, KDD_PRIV_LT1024, "http_2784" },
	/* Unnamed ports: < 1024 private, else other (default rule). */
	{ 6, 1, KDD_PRIV_LT1024, "private" },
	{ 6, 1023, KDD_PRIV_LT1024, "private" },
	{ 6, 1024, KDD_PRIV_LT1024, "other" },
	{ 6, 50000, KDD_PRIV_LT1024, "other" },
	/* Reference rule: >= 49152 private, else other. */
	{ 6, 1, KDD_PRIV_GE49152, "other" },
	{ 6, 49152, KDD_PRIV_GE49152, "private" },
	{ 6, 80, KDD_PRIV_GE49152, "http" },
	/* UDP: only three names; SNMP 161 is private (teardrop/snmp rows). */
	{ 17, 53, KDD_PRIV_LT1024, "domain_u" },
	{ 17, 69, KDD_PRIV_LT1024, "tftp_u" },
	{ 17, 123, KDD_PRIV_LT1024, "ntp_u" },
	{ 17, 161, KDD_PRIV_LT1024, "private" },
	{ 17, 80, KDD_PRIV_LT1024, "private" },
	{ 17, 5353, KDD_PRIV_LT1024, "other" },
};

START_TEST(test_ports)
{
	int svc = kdd_service_port(ports[_i].proto, ports[_i].port,
	    ports[_i].rule);

	ck_assert_msg(strcmp(kdd_service_name(svc), ports[_i].name) == 0,
	    "%d/%u: got %s, want %s", ports[_i].proto, ports[_i].port,
	    kdd_service_name(svc), ports[_i].name);
}
END_TEST

START_TEST(test_icmp)
{
	/* Spec section 4: 0 ecr_i, 8 eco_i, 3/3 urp_i, 3/1 urh_i, 5 red_i,
	 * 11 tim_i, else oth_i (3/0 too). */
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 0, 0)), "ecr_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 8, 0)), "eco_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 3, 3)), "urp_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 3, 1)), "urh_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 3, 0)), "oth_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 5, 1)), "red_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 11, 1)),
	    "tim_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(1, 13, 0)),
	    "oth_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(58, 129, 0)),
	    "ecr_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(58, 128, 0)),
	    "eco_i");
	ck_assert_str_eq(kdd_service_name(kdd_service_icmp(58, 1, 4)),
	    "urp_i");
	/* Service keys: ICMP by type, TCP/UDP by port, protocols apart. */
	ck_assert_uint_ne(kdd_service_key(6, 80), kdd_service_key(17, 80));
	ck_assert_uint_eq(kdd_service_key(1, 8), (1U << 16) | 8);
}
END_TEST

START_TEST(test_names)
{
	/* 70 KDD names + oth_i; every name unique and found back. */
	int i;

	ck_assert_int_eq(kdd_nservices, 71);
	for (i = 0; i < kdd_nservices; i++)
		ck_assert_int_eq(kdd_service_find(kdd_service_name(i)), i);
	ck_assert_int_eq(kdd_service_find("nonesuch"), -1);
}
END_TEST

START_TEST(test_ftp_parse)
{
	uint16_t port = 0;

	/* PORT 10,0,0,1,19,137: 19 * 256 + 137 = 5001. */
	ck_assert_int_eq(kdd_ftp_parse("PORT 10,0,0,1,19,137", 20, 0, &port),
	    1);
	ck_assert_uint_eq(port, 5001);
	/* Lower case, as flow2kdd passes it. */
	ck_assert_int_eq(kdd_ftp_parse("port 10,0,0,1,4,1", 17, 0, &port), 1);
	ck_assert_uint_eq(port, 1025);
	/* 227: 195 * 256 + 80 = 50000. */
	ck_assert_int_eq(kdd_ftp_parse(
	    "227 Entering Passive Mode (192,168,1,2,195,80).", 47, 1, &port),
	    1);
	ck_assert_uint_eq(port, 50000);
	ck_assert_int_eq(kdd_ftp_parse(
	    "229 Entering Extended Passive Mode (|||6446|)", 45, 1, &port), 1);
	ck_assert_uint_eq(port, 6446);
	ck_assert_int_eq(kdd_ftp_parse("EPRT |1|132.235.1.2|6275|", 25, 0,
	    &port), 1);
	ck_assert_uint_eq(port, 6275);
	/* Wrong direction or malformed: nothing. */
	ck_assert_int_eq(kdd_ftp_parse("PORT 10,0,0,1,19,137", 20, 1, &port),
	    0);
	ck_assert_int_eq(kdd_ftp_parse("PORT 10,0,0,1,999,1", 19, 0, &port),
	    0);
	ck_assert_int_eq(kdd_ftp_parse("227 no numbers", 14, 1, &port), 0);
	ck_assert_int_eq(kdd_ftp_parse("229 (|||0|)", 11, 1, &port), 0);
}
END_TEST

START_TEST(test_ftpx)
{
	struct kdd_ftpx *x = malloc(sizeof(*x));
	uint8_t a[16] = { 10, 0, 0, 2 }, b[16] = { 10, 0, 0, 3 };

	ck_assert_ptr_nonnull(x);
	kdd_ftpx_init(x);
	kdd_ftpx_add(x, 4, a, 5001, 1000);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, b, 5001, 2000), 0);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 5002, 2000), 0);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 5001, 2000), 1);
	/* Consumed. */
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 5001, 3000), 0);
	/* Expired after KDD_FTPX_TTL_NS. */
	kdd_ftpx_add(x, 4, a, 5001, 1000);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 5001,
	    1000 + KDD_FTPX_TTL_NS + 1), 0);
	/* Two expectations, one announced twice: each is matched once,
	 * after the other was (the table counts the slots in use and looks
	 * only while one is). */
	kdd_ftpx_add(x, 4, a, 6001, 5000);
	kdd_ftpx_add(x, 4, b, 6002, 5000);
	kdd_ftpx_add(x, 4, a, 6001, 5100);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 6001, 6000), 1);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 6001, 6000), 0);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, b, 6002, 6000), 1);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, b, 6002, 6000), 0);
	ck_assert_uint_eq(x->nused, 0);
	/* An expired one frees its slot too. */
	kdd_ftpx_add(x, 4, a, 7001, 1000);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, a, 7001,
	    1000 + KDD_FTPX_TTL_NS + 1), 0);
	ck_assert_uint_eq(x->nused, 0);
	kdd_ftpx_add(x, 4, b, 7002, 9000);
	ck_assert_int_eq(kdd_ftpx_match(x, 4, b, 7002, 9500), 1);
	free(x);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_service");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_ports, 0,
	    (int)(sizeof(ports) / sizeof(ports[0])));
	tcase_add_test(tc, test_icmp);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_ftp_parse);
	tcase_add_test(tc, test_ftpx);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
