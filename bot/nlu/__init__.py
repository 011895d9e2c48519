"""Understanding a message: which route it takes (learned intent classifier) and which
calculator inputs it states (typed quantities, filled into fields by dimension and cue)."""
