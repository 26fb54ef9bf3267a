"""The priority-weighted curves method (the CredSly hackathon design): features, curves,
the engine, reasons, vectorised rescoring and the shipped defaults. Pure: no Django."""
