"""Mangfold: the MkDocs plugin that makes one site of three languages, and the editors' CLI."""
