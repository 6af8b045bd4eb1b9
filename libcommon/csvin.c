/* csvin.c: streaming RFC 4180 CSV reader over libcsv (strict), one row at a time with line numbers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "grow.h"

/* libcsv's parser state between rows (ROW_NOT_BEGUN in libcsv.c). */
#define CSVIN_ROW_NOT_BEGUN	0

/* Elements in the first allocation of each buffer. */
#define CSVIN_FIRST	64

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

static void
seterr(struct nf_csvin *in, const char *what, uint64_t line)
{
	snprintf(in->errmsg, sizeof(in->errmsg), "%s in '%s' at line %llu",
	    what, in->name, (unsigned long long)line);
	in->err = 1;
	in->done = 1;
}

/* libcsv field callback: append the field to the arena. */
static void
cb_field(void *s, size_t len, void *arg)
{
	struct nf_csvin *in = arg;

	if (in->err)
		return;
	if ((in->datalen + len + 1 > in->datasz || in->nfoff >= in->foffsz ||
	    in->nfoff >= in->flenqsz) &&
	    (nf_grow(&in->data, &in->datasz, in->datalen + len + 1, 1,
	    CSVIN_FIRST) == -1 || nf_grow(&in->foff, &in->foffsz,
	    in->nfoff + 1, sizeof(*in->foff), CSVIN_FIRST) == -1 ||
	    nf_grow(&in->flenq, &in->flenqsz, in->nfoff + 1,
	    sizeof(*in->flenq), CSVIN_FIRST) == -1)) {
		seterr(in, "out of memory", in->line);
		return;
	}
	if (len > 0)
		memcpy(in->data + in->datalen, s, len);
	in->data[in->datalen + len] = '\0';
	in->foff[in->nfoff] = in->datalen;
	in->flenq[in->nfoff] = len;
	in->nfoff++;
	in->datalen += len + 1;
}

/* libcsv end-of-row callback: queue the row. */
static void
cb_row(int c, void *arg)
{
	struct nf_csvin *in = arg;

	(void)c;
	if (in->err)
		return;
	if (nf_grow(&in->rows, &in->rowsz, in->nrows + 1, sizeof(*in->rows),
	    CSVIN_FIRST) == -1) {
		seterr(in, "out of memory", in->line);
		return;
	}
	in->rows[in->nrows].first = in->pendfirst;
	in->rows[in->nrows].line = in->startline;
	in->rows[in->nrows].raw = NULL;
	in->rows[in->nrows].rawlen = 0;
	in->nrows++;
	in->pendfirst = in->nfoff;
	/* A row after a bare CR starts on this same line. */
	in->startline = in->line;
}

int
nf_csvin_open(struct nf_csvin *in, FILE *fp, const char *name)
{
	memset(in, 0, sizeof(*in));
	in->fp = fp;
	in->name = name;
	in->fd = fileno(fp);
	in->maxrow = NF_CSVIN_MAX_ROW;
	in->line = 1;
	in->startline = 1;
	if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	csv_set_space_func(&in->p, nospace);
	if ((in->buf = malloc(NF_CSVIN_BUFSZ)) == NULL) {
		csv_free(&in->p);
		return -1;
	}
	return 0;
}

void
nf_csvin_close(struct nf_csvin *in)
{
	csv_free(&in->p);
	free(in->buf);
	free(in->data);
	free(in->foff);
	free(in->flenq);
	free(in->rows);
	free(in->field);
	free(in->flen);
	in->buf = in->data = NULL;
	in->foff = in->flenq = in->flen = NULL;
	in->rows = NULL;
	in->field = NULL;
}

/*
 * Drop the rows already returned, keeping the fields of the row still
 * being parsed (usually none, as rows end at line ends).
 */
static void
compact_arena(struct nf_csvin *in)
{
	size_t i, n, base;

	n = in->nfoff - in->pendfirst;
	if (n == 0) {
		in->datalen = 0;
	} else if (in->pendfirst > 0) {
		base = in->foff[in->pendfirst];
		memmove(in->data, in->data + base, in->datalen - base);
		in->datalen -= base;
		for (i = 0; i < n; i++) {
			in->foff[i] = in->foff[in->pendfirst + i] - base;
			in->flenq[i] = in->flenq[in->pendfirst + i];
		}
	}
	in->nfoff = n;
	in->pendfirst = 0;
	in->nrows = in->nextrow = 0;
}

/* Refill the input buffer, keeping unfed bytes.  Returns bytes added. */
static size_t
refill(struct nf_csvin *in)
{
	ssize_t r;
	size_t n;

	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	if (in->eof || in->len == NF_CSVIN_BUFSZ)
		return 0;
	if (in->fd >= 0) {
		do
			r = read(in->fd, in->buf + in->len,
			    NF_CSVIN_BUFSZ - in->len);
		while (r == -1 && errno == EINTR);
		n = r > 0 ? (size_t)r : 0;
	} else {
		n = fread(in->buf + in->len, 1, NF_CSVIN_BUFSZ - in->len,
		    in->fp);
		r = ferror(in->fp) ? -1 : 0;
	}
	in->len += n;
	if (n == 0) {
		if (r == -1) {
			snprintf(in->errmsg, sizeof(in->errmsg),
			    "read error on '%s' at line %llu: %s", in->name,
			    (unsigned long long)in->line, strerror(errno));
			in->err = in->done = 1;
		}
		in->eof = 1;
	}
	return n;
}

/* Feed one line (or a buffer full of one) to libcsv. */
static void
feed(struct nf_csvin *in)
{
	const char *nl, *line;
	char what[64];
	size_t n, got, before;
	int fresh;

	for (;;) {
		nl = memchr(in->buf + in->pos, '\n', in->len - in->pos);
		if (nl != NULL || in->eof || (in->pos == 0 &&
		    in->len == NF_CSVIN_BUFSZ))
			break;
		refill(in);
		if (in->err)
			return;
	}
	if (in->pos == in->len) {
		/* End of input. */
		in->done = 1;
		if (csv_fini(&in->p, cb_field, cb_row, in) != 0 && !in->err)
			seterr(in, "quoted field not closed at end of input",
			    in->startline);
		return;
	}
	n = nl != NULL ? (size_t)(nl - (in->buf + in->pos)) + 1 :
	    in->len - in->pos;
	fresh = in->p.pstate == CSVIN_ROW_NOT_BEGUN &&
	    in->nfoff == in->pendfirst;
	if (fresh)
		in->startline = in->line;
	line = in->buf + in->pos;
	before = in->nrows;
	got = csv_parse(&in->p, line, n, cb_field, cb_row, in);
	if (in->err)
		return;
	if (got < n) {
		seterr(in, csv_error(&in->p) == CSV_EPARSE ?
		    "malformed CSV (stray quote)" : "out of memory", in->line);
		return;
	}
	/*
	 * A row that is exactly this one line, without quotes: its fields
	 * joined by commas are the line itself, which a writer may copy.
	 */
	if (nl != NULL && fresh && in->nrows == before + 1 &&
	    in->pendfirst == in->nfoff && memchr(line, '"', n) == NULL) {
		n--;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\r', n) == NULL) {
			in->rows[before].raw = line;
			in->rows[before].rawlen = n;
		}
		n = (size_t)(nl - line) + 1;
	}
	in->pos += n;
	if (nl != NULL)
		in->line++;
	if (in->datalen > in->maxrow ||
	    csv_get_buffer_size(&in->p) > in->maxrow) {
		snprintf(what, sizeof(what), "row longer than %zu bytes",
		    in->maxrow);
		seterr(in, what, in->startline);
	}
}

int
nf_csvin_next(struct nf_csvin *in)
{
	struct nf_csvin_qrow *r;
	size_t i, end;

	for (;;) {
		if (in->nextrow < in->nrows && !in->err)
			break;
		if (in->done)
			return in->err ? -1 : 0;
		compact_arena(in);
		feed(in);
	}
	r = &in->rows[in->nextrow];
	end = in->nextrow + 1 < in->nrows ? in->rows[in->nextrow + 1].first :
	    in->pendfirst;
	in->nf = end - r->first;
	if (nf_grow(&in->field, &in->fieldsz, in->nf, sizeof(*in->field),
	    CSVIN_FIRST) == -1) {
		in->fieldsz = 0;
		seterr(in, "out of memory", r->line);
		return -1;
	}
	if (nf_grow(&in->flen, &in->flensz, in->nf, sizeof(*in->flen),
	    CSVIN_FIRST) == -1) {
		seterr(in, "out of memory", r->line);
		return -1;
	}
	for (i = 0; i < in->nf; i++) {
		in->field[i] = in->data + in->foff[r->first + i];
		in->flen[i] = in->flenq[r->first + i];
	}
	in->lineno = r->line;
	in->raw = r->raw;
	in->rawlen = r->rawlen;
	in->rowno++;
	in->nextrow++;
	return 1;
}

int
nf_csvin_drained(const struct nf_csvin *in)
{
	return in->nextrow == in->nrows && in->pos == in->len;
}

/* Make room for n more bytes. */
static int
reserve(struct nf_csvbuf *b, size_t n)
{
	if (b->len + n <= b->sz)
		return 0;
	return nf_grow(&b->p, &b->sz, b->len + n, 1, CSVIN_FIRST);
}

int
nf_csvbuf_raw(struct nf_csvbuf *b, const char *s, size_t len)
{
	if (reserve(b, len) == -1)
		return -1;
	memcpy(b->p + b->len, s, len);
	b->len += len;
	return 0;
}

int
nf_csvbuf_field(struct nf_csvbuf *b, const char *s, size_t len,
    int quote_empty)
{
	size_t i;
	char *o;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == len && (len > 0 || !quote_empty))
		return nf_csvbuf_raw(b, s, len);
	/* Worst case: every byte a quote, plus the enclosing quotes. */
	if (len > (SIZE_MAX - 2) / 2 || reserve(b, 2 * len + 2) == -1)
		return -1;
	o = b->p + b->len;
	*o++ = '"';
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			*o++ = '"';
		*o++ = s[i];
	}
	*o++ = '"';
	b->len = (size_t)(o - b->p);
	return 0;
}

void
nf_csvbuf_flush(struct nf_csvbuf *b, FILE *fp)
{
	if (b->len > 0)
		fwrite(b->p, 1, b->len, fp);
	b->len = 0;
}

void
nf_csvbuf_free(struct nf_csvbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->sz = 0;
}
