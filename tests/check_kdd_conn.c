/* check_kdd_conn.c: unit tests for the Bro conn_state machine and TCP byte accounting (kdd_conn.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_conn.h"
#include "record.h"
#include "check_util.h"

/*
 * Expected flags come from the rule table and packet table of
 * ../shared/spec/kdd.md section 2.  O = originator (dir 0), R = responder.
 */
#define O	0
#define R	1
#define SYN	NF_TH_SYN
#define ACK	NF_TH_ACK
#define FIN	NF_TH_FIN
#define RST	NF_TH_RST
#define END	-1

static const struct tcase {
	const char	*name;
	int		 pk[8][2];	/* {dir, flags}, ended by {END, 0} */
	uint64_t	 ob, rb;	/* payload bytes */
	int		 flag;
} cases[] = {
	{ "lone SYN = S0", { { O, SYN }, { END, 0 } }, 0, 0, KDD_S0 },
	{ "SYN, SYN again (retransmit) = S0",
	    { { O, SYN }, { O, SYN }, { END, 0 } }, 0, 0, KDD_S0 },
	{ "SYN -> RST/ACK = REJ",
	    { { O, SYN }, { R, RST | ACK }, { END, 0 } }, 0, 0, KDD_REJ },
	{ "SYN, originator RST = RSTOS0",
	    { { O, SYN }, { O, RST }, { END, 0 } }, 0, 0, KDD_RSTOS0 },
	{ "SYN then FIN = SH",
	    { { O, SYN }, { O, FIN }, { END, 0 } }, 0, 0, KDD_SH },
	{ "handshake, no close = S1",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { END, 0 } },
	    10, 20, KDD_S1 },
	{ "SYN, SYN-ACK only = S1 (choice)",
	    { { O, SYN }, { R, SYN | ACK }, { END, 0 } }, 0, 0, KDD_S1 },
	{ "half-open scan SYN, SYN-ACK, orig RST = RSTO",
	    { { O, SYN }, { R, SYN | ACK }, { O, RST }, { END, 0 } },
	    0, 0, KDD_RSTO },
	{ "SYN, SYN-ACK, resp RST = REJ (orig still SYN_SENT)",
	    { { O, SYN }, { R, SYN | ACK }, { R, RST }, { END, 0 } },
	    0, 0, KDD_REJ },
	{ "normal close = SF",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { O, FIN | ACK },
	    { R, FIN | ACK }, { O, ACK }, { END, 0 } }, 5, 6, KDD_SF },
	{ "responder closes first = SF",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { R, FIN | ACK },
	    { O, FIN | ACK }, { R, ACK }, { END, 0 } }, 5, 6, KDD_SF },
	{ "only originator FIN = S2",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { O, FIN | ACK },
	    { END, 0 } }, 5, 6, KDD_S2 },
	{ "only responder FIN = S3",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { R, FIN | ACK },
	    { END, 0 } }, 5, 6, KDD_S3 },
	{ "established, responder RST = RSTR",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { R, RST },
	    { END, 0 } }, 5, 0, KDD_RSTR },
	{ "established, originator RST = RSTO",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { O, RST | ACK },
	    { END, 0 } }, 5, 0, KDD_RSTO },
	{ "S2 then originator RST = RSTO",
	    { { O, SYN }, { R, SYN | ACK }, { O, ACK }, { O, FIN | ACK },
	    { O, RST }, { END, 0 } }, 5, 0, KDD_RSTO },
	{ "SYN-ACK first, responder RST = RSTRH",
	    { { R, SYN | ACK }, { R, RST }, { END, 0 } }, 0, 0, KDD_RSTRH },
	{ "SYN-ACK first, responder FIN = SHR",
	    { { R, SYN | ACK }, { R, FIN | ACK }, { END, 0 } }, 0, 0,
	    KDD_SHR },
	{ "SYN-ACK first, then ACK = OTH",
	    { { R, SYN | ACK }, { O, ACK }, { END, 0 } }, 0, 0, KDD_OTH },
	{ "midstream = OTH",
	    { { O, ACK }, { R, ACK }, { O, ACK }, { END, 0 } }, 100, 100,
	    KDD_OTH },
	{ "midstream, originator FIN = SH (PARTIAL counts as inactive)",
	    { { O, ACK }, { R, ACK }, { O, FIN | ACK }, { END, 0 } }, 1, 1,
	    KDD_SH },
	{ "both RST, no bytes = REJ",
	    { { O, ACK }, { O, RST }, { R, RST }, { END, 0 } }, 0, 0,
	    KDD_REJ },
	{ "both RST, bytes = RSTR (orig not SYN_SENT, not inactive)",
	    { { O, ACK }, { O, RST }, { R, RST }, { END, 0 } }, 3, 0,
	    KDD_RSTR },
	{ "midstream, responder RST = RSTRH",
	    { { O, ACK }, { R, RST }, { END, 0 } }, 0, 0, KDD_RSTRH },
	{ "RST absorbs later packets",
	    { { O, SYN }, { R, RST | ACK }, { O, SYN }, { R, ACK },
	    { END, 0 } }, 0, 0, KDD_REJ },
};

START_TEST(test_flags)
{
	const struct tcase *tc = &cases[_i];
	struct kdd_tcp t;
	int i, f;

	memset(&t, 0, sizeof(t));
	for (i = 0; tc->pk[i][0] != END; i++)
		kdd_tcp_update(&t, tc->pk[i][0], (uint8_t)tc->pk[i][1]);
	f = kdd_tcp_flag(&t, tc->ob, tc->rb);
	ck_assert_msg(f == tc->flag, "%s: got %s, want %s", tc->name,
	    kdd_flag_name(f), kdd_flag_name(tc->flag));
}
END_TEST

START_TEST(test_error_sets)
{
	/* Spec section 2: serror {S0,S1,S2,S3,SH} (+SHR), rerror
	 * {REJ,RSTO,RSTR,RSTOS0} (+RSTRH); SF and OTH in neither. */
	ck_assert(kdd_flag_serror(KDD_S0) && kdd_flag_serror(KDD_S1) &&
	    kdd_flag_serror(KDD_S2) && kdd_flag_serror(KDD_S3) &&
	    kdd_flag_serror(KDD_SH) && kdd_flag_serror(KDD_SHR));
	ck_assert(kdd_flag_rerror(KDD_REJ) && kdd_flag_rerror(KDD_RSTO) &&
	    kdd_flag_rerror(KDD_RSTR) && kdd_flag_rerror(KDD_RSTOS0) &&
	    kdd_flag_rerror(KDD_RSTRH));
	ck_assert(!kdd_flag_serror(KDD_SF) && !kdd_flag_rerror(KDD_SF));
	ck_assert(!kdd_flag_serror(KDD_OTH) && !kdd_flag_rerror(KDD_OTH));
	ck_assert(!kdd_flag_serror(KDD_REJ) && !kdd_flag_rerror(KDD_S0));
	ck_assert_str_eq(kdd_flag_name(KDD_RSTOS0), "RSTOS0");
	ck_assert_str_eq(kdd_flag_name(KDD_SF), "SF");
}
END_TEST

START_TEST(test_seq_bytes)
{
	struct kdd_seq s;
	uint32_t dup;
	int gap;

	memset(&s, 0, sizeof(s));
	/* SYN with ISN 1000: data starts at 1001. */
	ck_assert_uint_eq(kdd_seq_update(&s, NF_TH_SYN, 1000, 0, &gap), 0);
	ck_assert_uint_eq(s.hi, 1001);
	/* 1001..1100: 100 new bytes. */
	dup = kdd_seq_update(&s, NF_TH_ACK, 1001, 100, &gap);
	ck_assert_uint_eq(dup, 0);
	ck_assert_uint_eq(s.bytes, 100);
	/* The same segment again: all 100 duplicate, still 100. */
	dup = kdd_seq_update(&s, NF_TH_ACK, 1001, 100, &gap);
	ck_assert_uint_eq(dup, 100);
	ck_assert_uint_eq(s.bytes, 100);
	/* 1051..1150 overlaps 50: 50 new, 150 in all. */
	dup = kdd_seq_update(&s, NF_TH_ACK, 1051, 100, &gap);
	ck_assert_uint_eq(dup, 50);
	ck_assert_uint_eq(s.bytes, 150);
	ck_assert_int_eq(gap, 0);
	/* 1301..1310 after a hole 1151..1300: 150 + 10 = 160 more = 310. */
	dup = kdd_seq_update(&s, NF_TH_ACK, 1301, 10, &gap);
	ck_assert_uint_eq(dup, 0);
	ck_assert_int_eq(gap, 1);
	ck_assert_uint_eq(s.bytes, 310);
	/* The hole filled late: below hi, counted already. */
	dup = kdd_seq_update(&s, NF_TH_ACK, 1151, 150, &gap);
	ck_assert_uint_eq(dup, 150);
	ck_assert_uint_eq(s.bytes, 310);
}
END_TEST

START_TEST(test_seq_wrap)
{
	struct kdd_seq s;
	int gap;

	memset(&s, 0, sizeof(s));
	/* ISN 0xFFFFFFF0: data at 0xFFFFFFF1; 32 bytes wrap past 0. */
	kdd_seq_update(&s, NF_TH_SYN, 0xFFFFFFF0U, 0, &gap);
	kdd_seq_update(&s, NF_TH_ACK, 0xFFFFFFF1U, 32, &gap);
	ck_assert_uint_eq(s.bytes, 32);
	ck_assert_uint_eq(s.hi, 0x11);	/* 0xFFFFFFF1 + 32 mod 2^32 */
	kdd_seq_update(&s, NF_TH_ACK, 0x11, 5, &gap);
	ck_assert_uint_eq(s.bytes, 37);
	/* A wild jump (> 2^30) counts only the segment: 37 + 4 = 41. */
	kdd_seq_update(&s, NF_TH_ACK, 0x70000000U, 4, &gap);
	ck_assert_uint_eq(s.bytes, 41);
	/* Midstream (no SYN): first segment counts its length. */
	memset(&s, 0, sizeof(s));
	kdd_seq_update(&s, NF_TH_ACK, 5000, 7, &gap);
	ck_assert_uint_eq(s.bytes, 7);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_conn");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_flags, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_error_sets);
	tcase_add_test(tc, test_seq_bytes);
	tcase_add_test(tc, test_seq_wrap);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
