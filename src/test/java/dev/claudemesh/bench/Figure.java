package dev.claudemesh.bench;

/** One row of the figures table: what was measured, beside the reference measured in the same run, and its target. */
record Figure(String name, String measured, String reference, String target) {}
