"""The AHP + fuzzy comprehensive evaluation of the Weibo paper: AHP weights, the index
hierarchy, the fuzzy evaluation, the index rules (pure), and the service that stores a score."""
