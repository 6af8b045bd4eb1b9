/* labelset.h: the set of flow ids whose label (in a labeled flow CSV) is one of some labels. */
#ifndef NF_LABELSET_H
#define NF_LABELSET_H

#include <stddef.h>

#include "idmap.h"

/*
 * Read a labeled CSV (flow2csv | csvlabel output: a header row with a
 * "flow_id" column and a "label" column) with libcsv in strict mode and
 * put into *set (initialised here) every flow id whose label equals one of
 * labels[0..nlabels).  Returns 0, or -1 with a message naming the file and
 * line in err.
 */
int	nf_labelset_load(const char *path, char *const *labels,
	    size_t nlabels, struct nf_idmap *set, char *err, size_t errlen);

#endif
