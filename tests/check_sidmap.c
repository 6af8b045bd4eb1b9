/* check_sidmap.c: unit tests for sid-msg/gen-msg/classification maps (sidmap.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sidmap.h"

/* Map lines written for the tests from the documented file formats. */

START_TEST(test_lines)
{
	struct nf_sidmap m;
	const struct nf_sidrule *r;

	nf_sidmap_init(&m);
	ck_assert_int_eq(nf_sidmap_class_line(&m, "config classification: "
	    "not-suspicious,Not Suspicious Traffic,3"), 1);
	ck_assert_int_eq(nf_sidmap_class_line(&m, "config classification: "
	    "trojan-activity, A Network Trojan was detected, 1"), 1);
	ck_assert_int_eq(nf_sidmap_class_line(&m, "# comment"), 0);
	ck_assert_int_eq(nf_sidmap_class_line(&m, "config classification: "
	    "x,y"), -1);
	ck_assert_int_eq(nf_sidmap_class_line(&m, "config classification: "
	    "x,y,high"), -1);
	/* v1 with references, v2 with classtype and priority. */
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "648 || GPL SHELLCODE x86 "
	    "NOOP || arachnids,181"), 1);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "1 || 2000 || 4 || "
	    "trojan-activity || 0 || ET TROJAN Foo || url,example.com"), 1);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "1 || 2001 || 1 || NOSUCH "
	    "|| 2 || ET Bar"), 1);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "#v2"), 0);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "   "), 0);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "abc || def"), -1);
	ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, "12"), -1);
	ck_assert_int_eq(nf_sidmap_genmsg_line(&m, "116 || 1 || "
	    "(snort_decoder) WARNING: Not IPv4 datagram"), 1);
	ck_assert_int_eq(nf_sidmap_genmsg_line(&m, "1 || 648 || gen dup"), 0);
	ck_assert_int_eq(nf_sidmap_genmsg_line(&m, "x || 1 || y"), -1);
	r = nf_sidmap_find(&m, 1, 648);
	ck_assert_ptr_ne(r, NULL);
	ck_assert_str_eq(r->msg, "GPL SHELLCODE x86 NOOP");
	r = nf_sidmap_find(&m, 1, 2000);
	ck_assert_str_eq(r->classtype, "trojan-activity");
	ck_assert_uint_eq(r->rev, 4);
	ck_assert_ptr_eq(nf_sidmap_find(&m, 1, 2001)->classtype, NULL);
	ck_assert_str_eq(nf_sidmap_find(&m, 116, 1)->msg,
	    "(snort_decoder) WARNING: Not IPv4 datagram");
	ck_assert_ptr_eq(nf_sidmap_find(&m, 2, 648), NULL);
	ck_assert_uint_eq(m.ncls, 2);
	ck_assert_str_eq(m.cls[1].desc, "A Network Trojan was detected");
	nf_sidmap_free(&m);
}
END_TEST

START_TEST(test_enrich)
{
	struct nf_sidmap m;
	struct nf_alert a;

	nf_sidmap_init(&m);
	nf_sidmap_class_line(&m, "config classification: not-suspicious,"
	    "Not Suspicious Traffic,3");
	nf_sidmap_class_line(&m, "config classification: trojan-activity,"
	    "A Network Trojan was detected,1");
	nf_sidmap_sidmsg_line(&m, "1 || 2000 || 4 || trojan-activity || 0 || "
	    "ET TROJAN Foo");
	nf_sidmap_sidmsg_line(&m, "3000 || SO rule");

	/* unified2: class id 1 -> first config line, priority kept. */
	nf_alert_clear(&a);
	a.gid = 1;
	a.sid = 2000;
	a.has_rule = 1;
	a.class_id = 1;
	a.has_class_id = 1;
	a.priority = 2;
	a.has_priority = 1;
	nf_sidmap_enrich(&m, &a);
	ck_assert_str_eq(a.msg, "ET TROJAN Foo");
	ck_assert_str_eq(a.classification, "Not Suspicious Traffic");
	ck_assert_uint_eq(a.priority, 2);

	/* Text log without classification or priority: from the rule's
	 * classtype; the log's own message is kept. */
	nf_alert_clear(&a);
	a.gid = 1;
	a.sid = 2000;
	a.has_rule = 1;
	strcpy(a.msg, "own");
	nf_sidmap_enrich(&m, &a);
	ck_assert_str_eq(a.msg, "own");
	ck_assert_str_eq(a.classification, "A Network Trojan was detected");
	ck_assert_uint_eq(a.priority, 1);

	/* gid 3 falls back to gid 1; unknown rules stay as they are. */
	nf_alert_clear(&a);
	a.gid = 3;
	a.sid = 3000;
	a.has_rule = 1;
	nf_sidmap_enrich(&m, &a);
	ck_assert_str_eq(a.msg, "SO rule");
	nf_alert_clear(&a);
	a.gid = 1;
	a.sid = 1;
	a.has_rule = 1;
	nf_sidmap_enrich(&m, &a);
	ck_assert_str_eq(a.msg, "");
	ck_assert_int_eq(a.has_priority, 0);
	nf_sidmap_free(&m);
}
END_TEST

START_TEST(test_load)
{
	struct nf_sidmap m;
	char path[] = "/tmp/check_sidmap.XXXXXX", err[256];
	unsigned long first;
	const char text[] = "# sid-msg.map\n1 || one\nbroken\n2 || two\r\n"
	    "also broken\n";
	int fd, i;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1),
	    (ssize_t)sizeof(text) - 1);
	close(fd);
	nf_sidmap_init(&m);
	ck_assert_int_eq(nf_sidmap_load_sidmsg(&m, path, &first, err,
	    sizeof(err)), 2);
	ck_assert_uint_eq(first, 3);
	ck_assert_str_eq(nf_sidmap_find(&m, 1, 2)->msg, "two");
	/* Many rules: the table grows and keeps all of them. */
	for (i = 10; i < 5000; i++) {
		char l[64];

		snprintf(l, sizeof(l), "%d || rule %d", i, i);
		ck_assert_int_eq(nf_sidmap_sidmsg_line(&m, l), 1);
	}
	ck_assert_str_eq(nf_sidmap_find(&m, 1, 4321)->msg, "rule 4321");
	ck_assert_uint_eq(m.n, 4992);
	nf_sidmap_free(&m);
	unlink(path);
	nf_sidmap_init(&m);
	ck_assert_int_eq(nf_sidmap_load_genmsg(&m, "/nonexistent/x", &first,
	    err, sizeof(err)), -1);
	ck_assert_ptr_ne(strstr(err, "/nonexistent/x"), NULL);
	nf_sidmap_free(&m);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *t;
	SRunner *sr;
	int nfail;

	s = suite_create("sidmap");
	t = tcase_create("core");
	tcase_add_test(t, test_lines);
	tcase_add_test(t, test_enrich);
	tcase_add_test(t, test_load);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
