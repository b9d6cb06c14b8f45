"""The HTTP routes, one module per concern; each handler reads the double's state from
``request.app.state.double``."""
