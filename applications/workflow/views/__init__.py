"""Pages of the workflow layer: those that span cases, commissions and benefits."""
