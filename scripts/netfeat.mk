# netfeat.mk: make rules for building ML datasets from packet captures.
#
# In your Makefile:
#
#	PCAPS = $(wildcard data/*.pcap)
#	ALERTS = alerts/alert.csv          # optional: IDS alert logs
#	include /usr/local/share/netfeat/netfeat.mk
#
# then `make -j4 dataset` builds one CSV per capture (in parallel across
# captures) and concatenates them into $(DATASET) with a single header.
# Every output is written to a temporary name and renamed when complete,
# so an interrupted build never leaves a CSV that looks finished, and make
# rebuilds exactly the outputs whose capture (or alert log) changed.
#
# Variables (set before the include, or on the command line):
#   PCAPS         capture files (.pcap, .pcapng)                 (required)
#   FEATURES      cic, kdd or flows: what `dataset` builds      (cic)
#   ALERTS        alert logs in any format snort2csv reads; when set,
#                 `dataset` uses the labeled CSVs
#   RULES         ground-truth label rules CSV for csvlabel (optional)
#   HOME_NET      HOME_NET for snort2csv                         (empty)
#   DATASET       the concatenated output        (dataset.$(FEATURES).csv)
#   CIC_OPTS KDD_OPTS FLOW_OPTS LABEL_OPTS   extra options for the wrappers,
#                 flow2csv and csvlabel
#   NETFEAT_BIN   directory of the netfeat programs (default: from PATH)

FEATURES	?= cic
DATASET		?= dataset.$(FEATURES).csv
CIC_OPTS	?=
KDD_OPTS	?=
FLOW_OPTS	?=
LABEL_OPTS	?= --window 2
HOME_NET	?=
NETFEAT_BIN	?=
NF_		= $(if $(NETFEAT_BIN),$(NETFEAT_BIN)/,)

NF_STEMS	= $(basename $(PCAPS))
NF_ALERTS_CSV	= $(if $(ALERTS),netfeat-alerts.csv,)
NF_LABELSRC	= $(if $(ALERTS),--alerts $(NF_ALERTS_CSV),) \
		  $(if $(RULES),--rules $(RULES),)
NF_PARTS	= $(addsuffix $(if $(strip $(ALERTS) $(RULES)),.$(FEATURES).labeled.csv,.$(FEATURES).csv),$(NF_STEMS))

.PHONY: dataset netfeat-clean
.DELETE_ON_ERROR:

dataset: $(DATASET)

# One header, then every part's rows in the order of PCAPS.
$(DATASET): $(NF_PARTS)
	@set -e; first=1; : > $@.tmp; \
	for f in $(NF_PARTS); do \
		if [ $$first = 1 ]; then cat "$$f" >> $@.tmp; first=0; \
		else tail -n +2 "$$f" >> $@.tmp; fi; \
	done; mv $@.tmp $@

%.cic.csv: %.pcap
	$(NF_)pcap2cic $(CIC_OPTS) $< > $@.tmp && mv $@.tmp $@
%.cic.csv: %.pcapng
	$(NF_)pcap2cic $(CIC_OPTS) $< > $@.tmp && mv $@.tmp $@
%.kdd.csv: %.pcap
	$(NF_)pcap2kdd $(KDD_OPTS) $< > $@.tmp && mv $@.tmp $@
%.kdd.csv: %.pcapng
	$(NF_)pcap2kdd $(KDD_OPTS) $< > $@.tmp && mv $@.tmp $@

# The plain flow table; pipefail semantics by checking every stage.
NF_FLOWS = set -o pipefail 2>/dev/null || true; \
	$(NF_)pcap2pkt -q -r $< | $(NF_)pkt2flow | $(NF_)flow2csv $(FLOW_OPTS)
%.flows.csv: %.pcap
	bash -c '$(NF_FLOWS) > $@.tmp' && mv $@.tmp $@
%.flows.csv: %.pcapng
	bash -c '$(NF_FLOWS) > $@.tmp' && mv $@.tmp $@

$(NF_ALERTS_CSV): $(ALERTS)
	$(NF_)snort2csv $(if $(HOME_NET),--home-net $(HOME_NET),) $(ALERTS) \
		> $@.tmp && mv $@.tmp $@

%.labeled.csv: %.csv $(NF_ALERTS_CSV) $(RULES)
	$(NF_)csvlabel $(NF_LABELSRC) $(LABEL_OPTS) $< > $@.tmp && mv $@.tmp $@

# Intermediate per-capture feature CSVs are kept (they are the expensive
# part); remove them with netfeat-clean.
.SECONDARY:

netfeat-clean:
	rm -f $(DATASET) $(NF_ALERTS_CSV) \
		$(foreach s,$(NF_STEMS),$(s).cic.csv $(s).kdd.csv \
		$(s).flows.csv $(s).cic.labeled.csv $(s).kdd.labeled.csv \
		$(s).flows.labeled.csv)
