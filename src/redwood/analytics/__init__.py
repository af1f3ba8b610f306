"""Analytics: e1RM history, records, volume per muscle, adherence, consistency, reviews,
backtests and charts (SVG). Pure computations over what the store aggregates; no I/O."""
