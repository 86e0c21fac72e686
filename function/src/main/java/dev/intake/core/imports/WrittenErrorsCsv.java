package dev.intake.core.imports;

/**
 * A version of an errors CSV an attempt of an import wrote, kept on its claim: whichever delivery
 * ends the import SUPERSEDED, or finds it so, deletes every such version, giving the key back to
 * the later upload's errors CSV.
 */
public record WrittenErrorsCsv(String key, String version) {}
