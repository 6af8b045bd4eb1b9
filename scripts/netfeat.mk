# netfeat.mk: make rules for building ML datasets from packet captures.
#
# In your Makefile:
#
#	PCAPS = $(wildcard data/*.pcap)
#	ALERTS = alerts/alert.fast            # optional: IDS alert logs
#	include /usr/local/share/netfeat/netfeat.mk
#
# then `make -j4 dataset` builds one CSV per capture, beside it (data/x.pcap
# gives data/x.cic.csv), in parallel across captures, and concatenates them
# in the order of PCAPS into $(DATASET) with a single header row.  make
# rebuilds exactly the outputs whose capture (or alert log) changed.
# Every output is written to NAME.tmp and renamed only when its command
# succeeded, so an interrupted or failed build never leaves a CSV that
# looks finished (a stale NAME.tmp at most; netfeat-clean removes it).
#
# Targets:
#   dataset          $(DATASET)
#   X.cic.csv X.kdd.csv X.flows.csv   from X.pcap or X.pcapng (pcap2cic,
#                    pcap2kdd, pcap2pkt | pkt2flow | flow2csv)
#   X.F.labeled.csv  X.F.csv labeled by csvlabel from ALERTS and/or RULES
#   netfeat-parts    print the per-capture files `dataset` needs, one a line
#   netfeat-clean    remove everything these rules made
#
# Variables (set before the include, or on the command line):
#   PCAPS         capture files (.pcap, .pcapng)                 (required)
#   FEATURES      cic, kdd or flows: what `dataset` is made of   (cic)
#   DATASET       the concatenated output       (dataset.$(FEATURES).csv)
#   ALERTS        alert logs in any format snort2csv(1) reads; when set
#                 (or RULES), `dataset` is made of labeled CSVs
#   RULES         ground-truth label rules CSV for csvlabel(1)   (optional)
#   HOME_NET      --home-net for snort2csv                       (empty)
#   SNORT_OPTS    more snort2csv options, e.g. --year 2017 --tz UTC for
#                 Snort fast logs, whose lines carry no year
#   ALERTS_CSV    the alerts converted by snort2csv      (netfeat-alerts.csv)
#   CIC_OPTS      pcap2cic options, e.g. --compat cic2017 --header cic2017
#   KDD_OPTS      pcap2kdd options (not --pure: `dataset` needs the header)
#   FLOW_OPTS     flow2csv options;  PKT2FLOW_OPTS  pkt2flow options for
#                 the flow table
#   LABEL_OPTS    csvlabel options                            (--window 2)
#   NETFEAT_BIN   directory of the netfeat programs (default: from PATH);
#                 it is put first in PATH for the commands below
#   NETFEAT_SCRIPTS  directory of pcap2cic and pcap2kdd   ($(NETFEAT_BIN));
#                 only needed when they are not beside the programs, as in
#                 a source tree: NETFEAT_BIN=build/bin NETFEAT_SCRIPTS=scripts
#
# Beyond one machine, run the same per-capture commands under an existing
# engine and let make concatenate; `make -q dataset` tells whether anything
# is left.  With GNU parallel over ssh (no shared file system needed):
#
#	parallel --sshlogin host1,host2 --trc {.}.cic.csv \
#	    pcap2cic {} '>' {.}.cic.tmp '&&' mv {.}.cic.tmp {.}.cic.csv \
#	    ::: data/*.pcap
#	make dataset
#
# With a batch scheduler's array jobs on a shared file system (Slurm):
#
#	make -s netfeat-parts > parts.txt
#	sbatch --wait --array=1-$(wc -l < parts.txt) \
#	    --wrap 'make "$(sed -n "${SLURM_ARRAY_TASK_ID}p" parts.txt)"'
#	make dataset

FEATURES	?= cic
DATASET		?= dataset.$(FEATURES).csv
ALERTS_CSV	?= netfeat-alerts.csv
CIC_OPTS	?=
KDD_OPTS	?=
FLOW_OPTS	?=
PKT2FLOW_OPTS	?=
LABEL_OPTS	?= --window 2
HOME_NET	?=
SNORT_OPTS	?=
NETFEAT_BIN	?=
NETFEAT_SCRIPTS	?= $(NETFEAT_BIN)

ifeq ($(filter cic kdd flows,$(FEATURES)),)
$(error netfeat.mk: FEATURES must be cic, kdd or flows, not '$(FEATURES)')
endif

# Command prefixes: the programs' directory first in PATH (the wrappers
# find their stages there), the wrappers by their directory.
NF_PATH	= $(if $(NETFEAT_BIN),PATH='$(abspath $(NETFEAT_BIN))':"$$PATH",)
NF_B	= $(if $(NETFEAT_BIN),$(abspath $(NETFEAT_BIN))/,)
NF_S	= $(if $(NETFEAT_SCRIPTS),$(abspath $(NETFEAT_SCRIPTS))/,)
# Run after a command that wrote $@.tmp: rename it, or remove it and fail.
NF_DONE	= && mv -f $@.tmp $@ || { rm -f $@.tmp; exit 1; }

NF_STEMS	= $(basename $(PCAPS))
NF_LABELED	= $(strip $(ALERTS) $(RULES))
NF_LABELSRC	= $(if $(ALERTS),--alerts $(ALERTS_CSV),) \
		  $(if $(RULES),--rules $(RULES),)
NF_SUFFIX	= .$(FEATURES)$(if $(NF_LABELED),.labeled,).csv
NF_PARTS	= $(addsuffix $(NF_SUFFIX),$(NF_STEMS))
NF_ALLOUT	= $(foreach s,$(NF_STEMS),$(foreach f,cic kdd flows,\
		  $(s).$(f).csv $(s).$(f).labeled.csv))

.PHONY: dataset netfeat-parts netfeat-clean
.DELETE_ON_ERROR:

dataset: $(DATASET)

netfeat-parts:
	@for f in $(NF_PARTS); do echo "$$f"; done

# One header, then every part's rows in the order of PCAPS; parts whose
# header differs (other options) are refused.
$(DATASET): $(NF_PARTS)
	$(if $(strip $(PCAPS)),,$(error netfeat.mk: PCAPS names no capture))
	@awk '$(NF_CAT)' $(NF_PARTS) > $@.tmp $(NF_DONE)
NF_CAT = FNR == 1 { if (NR == 1) { h = $$0; f = FILENAME } \
	else if ($$0 != h) { printf "netfeat.mk: header of %s differs \
	from %s\n", FILENAME, f > "/dev/stderr"; exit 1 } else next } \
	{ print }

%.cic.csv: %.pcap
	$(NF_PATH) $(NF_S)pcap2cic $(CIC_OPTS) $< > $@.tmp $(NF_DONE)
%.cic.csv: %.pcapng
	$(NF_PATH) $(NF_S)pcap2cic $(CIC_OPTS) $< > $@.tmp $(NF_DONE)
%.kdd.csv: %.pcap
	$(NF_PATH) $(NF_S)pcap2kdd $(KDD_OPTS) $< > $@.tmp $(NF_DONE)
%.kdd.csv: %.pcapng
	$(NF_PATH) $(NF_S)pcap2kdd $(KDD_OPTS) $< > $@.tmp $(NF_DONE)

# The plain flow table, with pipefail semantics.
NF_FLOWS = bash -c 'set -o pipefail; "$$0"pcap2pkt -r "$$1" | \
	"$$0"pkt2flow $(PKT2FLOW_OPTS) | "$$0"flow2csv $(FLOW_OPTS)' \
	'$(NF_B)' $<
%.flows.csv: %.pcap
	$(NF_FLOWS) > $@.tmp $(NF_DONE)
%.flows.csv: %.pcapng
	$(NF_FLOWS) > $@.tmp $(NF_DONE)

ifneq ($(ALERTS),)
$(ALERTS_CSV): $(ALERTS)
	$(NF_B)snort2csv $(if $(HOME_NET),--home-net $(HOME_NET),) \
		$(SNORT_OPTS) $(ALERTS) > $@.tmp $(NF_DONE)
endif

%.labeled.csv: %.csv $(if $(ALERTS),$(ALERTS_CSV),) $(RULES)
	$(NF_B)csvlabel $(NF_LABELSRC) $(LABEL_OPTS) $< > $@.tmp $(NF_DONE)

# Every per-capture output is named as a target here, so make keeps it (it
# is the expensive part) and checks it like any file, never as an
# intermediate to delete.
$(NF_ALLOUT):

# The dataset and the default dataset names of every FEATURES.
NF_DATASETS	= $(sort $(DATASET) dataset.cic.csv dataset.kdd.csv \
		  dataset.flows.csv)
netfeat-clean:
	rm -f $(NF_DATASETS) $(NF_DATASETS:=.tmp) $(if $(ALERTS),$(ALERTS_CSV) \
		$(ALERTS_CSV).tmp,) $(NF_ALLOUT) $(NF_ALLOUT:=.tmp)
