"""Qudra settings: base plus one module per kind of deployment (dev, test, production)."""
