/* labelset.c: the set of flow ids whose label (in a labeled flow CSV) is one of some labels. */
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labelset.h"
#include "util.h"

struct ls_state {
	char *const	*labels;
	size_t		 nlabels;
	struct nf_idmap	*set;
	long		 line;		/* current row, 1-based */
	int		 col;		/* field index in the row */
	int		 id_col;	/* -1 until the header is read */
	int		 label_col;
	uint64_t	 id;
	int		 id_ok;
	int		 match;
	int		 failed;
	char		*err;
	size_t		 errlen;
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct ls_state *st = data;
	const char *f = s;
	char buf[32];
	size_t i;

	if (st->line == 1) {
		if (len == 7 && memcmp(f, "flow_id", 7) == 0)
			st->id_col = st->col;
		else if (len == 5 && memcmp(f, "label", 5) == 0)
			st->label_col = st->col;
	} else if (st->col == st->id_col) {
		st->id_ok = len > 0 && len < sizeof(buf);
		if (st->id_ok) {
			memcpy(buf, f, len);
			buf[len] = '\0';
			st->id_ok = nf_parse_uint(buf, 1, UINT64_MAX,
			    &st->id) == 0;
		}
	} else if (st->col == st->label_col) {
		for (i = 0; i < st->nlabels; i++)
			if (strlen(st->labels[i]) == len &&
			    memcmp(st->labels[i], f, len) == 0)
				st->match = 1;
	}
	st->col++;
}

static void
row_cb(int c, void *data)
{
	struct ls_state *st = data;

	(void)c;
	if (st->line == 1 && (st->id_col < 0 || st->label_col < 0) &&
	    !st->failed) {
		snprintf(st->err, st->errlen, "no %s column in the header "
		    "row", st->id_col < 0 ? "flow_id" : "label");
		st->failed = 1;
	} else if (st->line > 1 && !st->failed) {
		if (!st->id_ok) {
			snprintf(st->err, st->errlen, "bad flow_id at line "
			    "%ld", st->line);
			st->failed = 1;
		} else if (st->match &&
		    nf_idmap_put(st->set, st->id, (void *)st) < 0) {
			snprintf(st->err, st->errlen, "out of memory");
			st->failed = 1;
		}
	}
	st->line++;
	st->col = 0;
	st->id_ok = 0;
	st->match = 0;
}

int
nf_labelset_load(const char *path, char *const *labels, size_t nlabels,
    struct nf_idmap *set, char *err, size_t errlen)
{
	struct csv_parser p;
	struct ls_state st;
	char buf[65536], msg[256];
	FILE *fp;
	size_t n;

	memset(&st, 0, sizeof(st));
	st.labels = labels;
	st.nlabels = nlabels;
	st.set = set;
	st.line = 1;
	st.id_col = st.label_col = -1;
	st.err = msg;
	st.errlen = sizeof(msg);
	if (nf_idmap_init(set, 1024) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fclose(fp);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (!st.failed && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, field_cb, row_cb, &st) != n) {
			snprintf(msg, sizeof(msg), "bad CSV at line %ld: %s",
			    st.line, csv_strerror(csv_error(&p)));
			st.failed = 1;
		}
	if (!st.failed && ferror(fp)) {
		snprintf(msg, sizeof(msg), "read error: %s", strerror(errno));
		st.failed = 1;
	}
	if (!st.failed && csv_fini(&p, field_cb, row_cb, &st) != 0) {
		snprintf(msg, sizeof(msg), "bad CSV at line %ld: %s", st.line,
		    csv_strerror(csv_error(&p)));
		st.failed = 1;
	}
	csv_free(&p);
	fclose(fp);
	if (!st.failed && st.line == 1) {
		snprintf(msg, sizeof(msg), "empty file");
		st.failed = 1;
	}
	if (st.failed) {
		snprintf(err, errlen, "%s in '%s'", msg, path);
		nf_idmap_free(set);
		return -1;
	}
	return 0;
}
