"""The desktop tracker: probes -> sampler -> heartbeat merge -> store."""
