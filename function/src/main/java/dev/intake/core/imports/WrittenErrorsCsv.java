package dev.intake.core.imports;

/**
 * The version of an errors CSV an import wrote, kept on its claim until the import is known not
 * to be superseded: whichever delivery ends it SUPERSEDED (the one that wrote it, or a retry)
 * deletes that version, giving the key back to the later upload's errors CSV.
 */
public record WrittenErrorsCsv(String key, String version) {}
