"""Dossierbot: a study assistant for the MBO kwalificatiedossier Commercie."""

__version__ = "0.1.0"
