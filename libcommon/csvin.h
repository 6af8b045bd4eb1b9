/* csvin.h: streaming RFC 4180 CSV reader over libcsv (strict), one row at a time with line numbers. */
#ifndef NF_CSVIN_H
#define NF_CSVIN_H

#include <csv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The reader feeds libcsv (CSV_STRICT | CSV_STRICT_FINI, no trimming of
 * spaces) one physical line at a time, so every row knows the line it
 * started on and a parse error names the line where it was found.  Rows
 * completed by a feed are queued in an arena that is reset before the next
 * feed; memory is therefore bounded by the longest row, which may not
 * exceed ->maxrow bytes (NF_CSVIN_MAX_ROW unless the caller lowers it).
 * Empty lines are skipped (libcsv's rule); CR LF, LF and bare CR all end a
 * row.  Input is read with read(2) when the stream has a descriptor (so a
 * pipe's rows are returned as soon as they arrive), else with fread.
 */

/* Longest accepted row (bytes of field data) before the reader gives up. */
#define NF_CSVIN_MAX_ROW	(16u << 20)
/* Size of the input buffer; also the largest single feed to libcsv. */
#define NF_CSVIN_BUFSZ		(256u << 10)

struct nf_csvin {
	struct csv_parser p;
	FILE		*fp;		/* input, not owned */
	int		 fd;		/* its descriptor, or -1 */
	const char	*name;		/* display name for messages */
	char		*buf;		/* input buffer, NF_CSVIN_BUFSZ bytes */
	size_t		 len, pos;	/* valid bytes in buf, next to feed */
	char		*data;		/* field bytes of queued rows, each
					 * field NUL-terminated */
	size_t		 datalen, datasz;
	size_t		*foff;		/* field offsets into data */
	size_t		*flenq;		/* field lengths */
	size_t		 nfoff, foffsz, flenqsz;
	size_t		 pendfirst;	/* first field of the unfinished row */
	struct nf_csvin_qrow {
		size_t	 first;		/* index of its first field in foff */
		uint64_t line;		/* line the row started on */
		const char *raw;	/* see nf_csvin.raw */
		size_t	 rawlen;
	}		*rows;		/* rows queued by the last feed */
	size_t		 nrows, nextrow, rowsz;
	uint64_t	 line;		/* line being fed (1-based) */
	uint64_t	 startline;	/* line the pending row started on */
	int		 eof, done, err;
	size_t		 maxrow;	/* longest accepted row */

	/* The current row after nf_csvin_next() returned 1. */
	const char	**field;	/* field[i] NUL-terminated */
	size_t		*flen;		/* flen[i] bytes (NULs possible) */
	size_t		 nf;		/* number of fields */
	size_t		 fieldsz, flensz;
	uint64_t	 rowno;		/* 1-based row number */
	uint64_t	 lineno;	/* line the row started on */
	/* When the row was one line without quotes or CRs (but a final CR
	 * LF): that line without its end, which equals the fields joined
	 * with commas, so a writer can copy it; else NULL. */
	const char	*raw;
	size_t		 rawlen;
	char		 errmsg[256];	/* set when nf_csvin_next() returns -1 */
};

/*
 * Start reading fp (not owned; the caller closes it); name is used in
 * messages ("<stdin>" for standard input).  Returns 0, or -1 when out of
 * memory.
 */
int	nf_csvin_open(struct nf_csvin *, FILE *fp, const char *name);

/*
 * Read the next row into in->field/flen/nf.  The pointers stay valid until
 * the next call.  Returns 1 for a row, 0 at the end of input, -1 on a
 * parse, read or size error with in->errmsg set ("NAME: line N: ...").
 * After 0 or -1 every further call returns the same.
 */
int	nf_csvin_next(struct nf_csvin *);

/*
 * 1 when every byte read so far has been returned as rows, so the next
 * nf_csvin_next() will read (and may wait for) more input: the moment to
 * flush output in a pipeline.
 */
int	nf_csvin_drained(const struct nf_csvin *);

/* Free everything nf_csvin_open() allocated (not the FILE). */
void	nf_csvin_close(struct nf_csvin *);

/*
 * An output buffer for rows that re-emit input fields: appending is a
 * memcpy, and the owner writes ->p/->len out in large pieces.
 */
struct nf_csvbuf {
	char	*p;
	size_t	 len, sz;
};

/*
 * Append one field of len bytes, quoted only when it holds a comma, quote,
 * CR or LF (quotes doubled), or when it is empty and quote_empty is set (so
 * that a row of one empty field is not an empty line).  Returns 0, or -1
 * when out of memory.
 */
int	nf_csvbuf_field(struct nf_csvbuf *, const char *s, size_t len,
	    int quote_empty);
/* Append len bytes as they are. */
int	nf_csvbuf_raw(struct nf_csvbuf *, const char *s, size_t len);
/* Write the buffer to fp and empty it (errors surface at fclose). */
void	nf_csvbuf_flush(struct nf_csvbuf *, FILE *fp);
void	nf_csvbuf_free(struct nf_csvbuf *);

#endif
