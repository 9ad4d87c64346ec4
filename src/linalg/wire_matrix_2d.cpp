// Placeholder until WireMatrix2D lands (issue 3).
