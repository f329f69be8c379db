"""Certificates: templates, the issuing pipeline and public verification."""
