"""Search: a question and a dossier choice in, ranked items and an interpretation out. Pure."""
