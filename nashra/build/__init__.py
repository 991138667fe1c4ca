"""Build: one build read top to bottom (pipeline), its stages, its cache and its report."""
