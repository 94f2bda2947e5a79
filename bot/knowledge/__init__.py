"""The dossier: typed model, YAML loader with validation, and the source importers."""
