/* sidmap.h: rule metadata from sid-msg.map (v1, v2), gen-msg.map and classification.config. */
#ifndef NF_SIDMAP_H
#define NF_SIDMAP_H

#include <stddef.h>
#include <stdint.h>

#include "alert.h"

/*
 * File formats (lines starting with '#' and blank lines ignored):
 *   sid-msg.map v1:  SID || MSG [|| REF ...]                  (gid 1)
 *   sid-msg.map v2:  GID || SID || REV || CLASSTYPE || PRIORITY || MSG
 *                    [|| REF ...]     (CLASSTYPE/PRIORITY may be NOSUCH/0)
 *   gen-msg.map:     GID || SID || MSG
 *   classification.config:
 *                    config classification: NAME,DESCRIPTION,PRIORITY
 * A v2 line is recognised by its shape (six or more fields, numeric GID,
 * SID, REV and PRIORITY), so both versions may be mixed.  Classification
 * ids are the 1-based order of the config lines, as Snort numbers them in
 * unified2 events.
 *
 * Rules live in a power-of-two open-addressing hash table keyed by
 * (gid, sid), load factor at most 1/2, linear probing; a later line for
 * the same key replaces the earlier one.
 */
struct nf_sidrule {
	uint32_t	 gid, sid;
	uint32_t	 rev, priority;	/* priority 0 = unknown */
	char		*msg;
	char		*classtype;	/* short name or NULL */
	int		 used;
};

struct nf_class {
	char		*name;
	char		*desc;
	uint32_t	 priority;
};

struct nf_sidmap {
	struct nf_sidrule *tab;
	size_t		 cap, n;
	struct nf_class	*cls;
	size_t		 ncls, capcls;
};

void	nf_sidmap_init(struct nf_sidmap *);
void	nf_sidmap_free(struct nf_sidmap *);

/*
 * Load a file.  Returns the number of malformed lines skipped (>= 0) with
 * the first one's line number in *first_bad, or -1 when the file cannot be
 * read or memory runs out (message in err).
 */
long	nf_sidmap_load_sidmsg(struct nf_sidmap *, const char *path,
	    unsigned long *first_bad, char *err, size_t errlen);
long	nf_sidmap_load_genmsg(struct nf_sidmap *, const char *path,
	    unsigned long *first_bad, char *err, size_t errlen);
long	nf_sidmap_load_classification(struct nf_sidmap *, const char *path,
	    unsigned long *first_bad, char *err, size_t errlen);

/* One line of each format (for tests): 1 added, 0 ignored, -1 malformed,
 * -2 out of memory. */
int	nf_sidmap_sidmsg_line(struct nf_sidmap *, const char *line);
int	nf_sidmap_genmsg_line(struct nf_sidmap *, const char *line);
int	nf_sidmap_class_line(struct nf_sidmap *, const char *line);

const struct nf_sidrule *nf_sidmap_find(const struct nf_sidmap *,
	    uint32_t gid, uint32_t sid);

/*
 * Fill what the alert lacks: msg (empty) from the rule, classification
 * (empty) from the unified2 class id or the rule's classtype (as the
 * config's description), priority (absent or 0 from unified2 without one)
 * from the rule or its classification.
 */
void	nf_sidmap_enrich(const struct nf_sidmap *, struct nf_alert *);

#endif
