"""Output: templates rendered to bytes; files written into site/ only when their bytes changed."""
