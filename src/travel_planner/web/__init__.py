"""The web app: HTTP API with live streaming, the browser page and saved trips."""
