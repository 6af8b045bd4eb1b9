/* check_csvin.c: unit tests for the streaming CSV reader and field writer (csvin.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "check_util.h"

/* Expected rows are written by hand from RFC 4180 and the reader's stated
 * rules (empty lines skipped, no space trimming). */

struct ctx {
	struct nf_csvin in;
	FILE *fp;
};

static void
start(struct ctx *c, const char *data, size_t len)
{
	c->fp = fmemopen((void *)(uintptr_t)data, len, "r");
	ck_assert_ptr_nonnull(c->fp);
	ck_assert_int_eq(nf_csvin_open(&c->in, c->fp, "t.csv"), 0);
}

static void
finish(struct ctx *c)
{
	nf_csvin_close(&c->in);
	fclose(c->fp);
}

/* Next row must have these fields (joined with '|') and start on line. */
static void
want(struct ctx *c, const char *joined, unsigned long long line)
{
	char buf[256];
	size_t i, n = 0;

	ck_assert_int_eq(nf_csvin_next(&c->in), 1);
	for (i = 0; i < c->in.nf; i++) {
		ck_assert_uint_eq(strlen(c->in.field[i]), c->in.flen[i]);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? "|" : "", c->in.field[i]);
	}
	ck_assert_str_eq(buf, joined);
	ck_assert_uint_eq(c->in.lineno, line);
}

START_TEST(test_rows_lines)
{
	static const char data[] =
	    "a,b,c\n"			/* 1 */
	    " x , y ,\"z\"\r\n"		/* 2: spaces kept, CRLF */
	    "\n"			/* 3: empty, skipped */
	    "\"multi\n"			/* 4 */
	    "line\",2,\"q\"\"uote\"\n"	/* 5 */
	    ",,\n"			/* 6: three empty fields */
	    "last,row,noeol";		/* 7 */
	struct ctx c;

	start(&c, data, sizeof(data) - 1);
	want(&c, "a|b|c", 1);
	want(&c, " x | y |z", 2);
	want(&c, "multi\nline|2|q\"uote", 4);
	want(&c, "||", 6);
	want(&c, "last|row|noeol", 7);
	ck_assert_uint_eq(c.in.rowno, 5);
	ck_assert_int_eq(nf_csvin_next(&c.in), 0);
	ck_assert_int_eq(nf_csvin_next(&c.in), 0);
	finish(&c);
}
END_TEST

START_TEST(test_errors)
{
	static const struct {
		const char *data;
		int goodrows;
		const char *msg;
	} t[] = {
		{ "a,b\n1,2\n3,x\"y\n4,5\n", 2,
		  "malformed CSV (stray quote) in 't.csv' at line 3" },
		{ "a,b\n\"1\"2,3\n", 1,
		  "malformed CSV (stray quote) in 't.csv' at line 2" },
		{ "a,b\n1,\"open\nstill open\n", 1,
		  "quoted field not closed at end of input in 't.csv' at line 2" },
		{ "a, \"b\"\n", 0,
		  "malformed CSV (stray quote) in 't.csv' at line 1" }
	};
	struct ctx c;
	size_t i;
	int k;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		start(&c, t[i].data, strlen(t[i].data));
		for (k = 0; k < t[i].goodrows; k++)
			ck_assert_int_eq(nf_csvin_next(&c.in), 1);
		ck_assert_int_eq(nf_csvin_next(&c.in), -1);
		ck_assert_str_eq(c.in.errmsg, t[i].msg);
		ck_assert_int_eq(nf_csvin_next(&c.in), -1);
		finish(&c);
	}
}
END_TEST

/* Lines longer than the input buffer, and a row over the (lowered)
 * limit. */
START_TEST(test_long)
{
	struct ctx c;
	size_t n = NF_CSVIN_BUFSZ * 3, big = NF_CSVIN_BUFSZ + 10;
	char *data;

	data = malloc(n + 16);
	ck_assert_ptr_nonnull(data);
	memset(data, 'x', n);
	memcpy(data + n, ",y\nz\n", 6);
	start(&c, data, n + 5);
	ck_assert_int_eq(nf_csvin_next(&c.in), 1);
	ck_assert_uint_eq(c.in.nf, 2);
	ck_assert_uint_eq(c.in.flen[0], n);
	ck_assert_str_eq(c.in.field[1], "y");
	ck_assert_int_eq(nf_csvin_next(&c.in), 1);
	ck_assert_str_eq(c.in.field[0], "z");
	ck_assert_uint_eq(c.in.lineno, 2);
	ck_assert_int_eq(nf_csvin_next(&c.in), 0);
	finish(&c);
	free(data);

	data = malloc(big + 16);
	ck_assert_ptr_nonnull(data);
	memcpy(data, "h\n", 2);
	memset(data + 2, 'x', big);
	start(&c, data, big + 2);
	ck_assert_uint_eq(c.in.maxrow, NF_CSVIN_MAX_ROW);
	c.in.maxrow = NF_CSVIN_BUFSZ;
	ck_assert_int_eq(nf_csvin_next(&c.in), 1);
	ck_assert_int_eq(nf_csvin_next(&c.in), -1);
	ck_assert_str_eq(c.in.errmsg, "row longer than 262144 bytes in "
	    "'t.csv' at line 2");
	finish(&c);
	free(data);
}
END_TEST

/* Embedded NUL bytes are kept and counted in flen. */
START_TEST(test_nul)
{
	static const char data[] = "a\0b,c\n";
	struct ctx c;

	start(&c, data, sizeof(data) - 1);
	ck_assert_int_eq(nf_csvin_next(&c.in), 1);
	ck_assert_uint_eq(c.in.nf, 2);
	ck_assert_uint_eq(c.in.flen[0], 3);
	ck_assert_mem_eq(c.in.field[0], "a\0b", 3);
	finish(&c);
}
END_TEST

/* Reading through a pipe descriptor (read(2) path). */
START_TEST(test_pipe)
{
	struct nf_csvin in;
	FILE *fp;
	int fd[2];

	ck_assert_int_eq(pipe(fd), 0);
	ck_assert_int_eq(write(fd[1], "a,b\n1,2\n", 8), 8);
	fp = fdopen(fd[0], "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(nf_csvin_open(&in, fp, "<stdin>"), 0);
	ck_assert_int_eq(nf_csvin_next(&in), 1);
	ck_assert_int_eq(nf_csvin_next(&in), 1);
	/* Everything read has been returned: a writer would flush now. */
	ck_assert_int_eq(nf_csvin_drained(&in), 1);
	ck_assert_str_eq(in.field[1], "2");
	close(fd[1]);
	ck_assert_int_eq(nf_csvin_next(&in), 0);
	nf_csvin_close(&in);
	fclose(fp);
}
END_TEST

START_TEST(test_csvbuf)
{
	static const struct {
		const char *in;
		size_t len;
		int qe;
		const char *out;
	} t[] = {
		{ "plain", 5, 0, "plain" },
		{ " spaced ", 8, 0, " spaced " },
		{ "a,b", 3, 0, "\"a,b\"" },
		{ "say \"hi\"", 8, 0, "\"say \"\"hi\"\"\"" },
		{ "\"", 1, 0, "\"\"\"\"" },
		{ "line\nbreak", 10, 0, "\"line\nbreak\"" },
		{ "cr\r", 3, 0, "\"cr\r\"" },
		{ "", 0, 0, "" },
		{ "", 0, 1, "\"\"" }
	};
	struct nf_csvbuf b = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		b.len = 0;
		ck_assert_int_eq(nf_csvbuf_field(&b, t[i].in, t[i].len,
		    t[i].qe), 0);
		ck_assert_uint_eq(b.len, strlen(t[i].out));
		ck_assert_mem_eq(b.p, t[i].out, b.len);
	}
	nf_csvbuf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("csvin");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_rows_lines);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_long);
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_pipe);
	tcase_add_test(tc, test_csvbuf);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
