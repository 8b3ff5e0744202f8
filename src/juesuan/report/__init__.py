"""Output formats for extraction and audit results: JSON, CSV, XLSX, SARIF, rich text."""
