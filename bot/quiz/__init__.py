"""The question bank: questions generated from the dossier's own words (pure, no I/O)."""
