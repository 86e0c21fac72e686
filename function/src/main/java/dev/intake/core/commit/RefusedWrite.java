package dev.intake.core.commit;

/** A write the store refused, and the store's reason, in words a user can act on. */
public record RefusedWrite(Write write, String reason) {}
