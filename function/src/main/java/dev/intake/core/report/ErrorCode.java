package dev.intake.core.report;

/**
 * The stable error codes of Intake's reports. Codes are part of the public contract
 * (docs/errors.md): never rename one, only add.
 */
public enum ErrorCode {
    REQUIRED,
    INVALID_NUMBER,
    NEGATIVE_NUMBER,
    INVALID_BOOLEAN,
    INVALID_DATE,
    INVALID_ID,
    UNKNOWN_REFERENCE,
    NOT_FOUND,
    UNKNOWN_COLUMN,
    AMBIGUOUS_COLUMN,
    DUPLICATE_COLUMN,
    DUPLICATE_ID,
    DUPLICATE_SERIAL,
    SERIAL_QUANTITY,
    TRACKING_REQUIRED,
    AUTOGENERATE_ON_UPDATE,
    AUTOGENERATE_CONFLICT,
    SCRAPPED_EXCEEDS_QUANTITY,
    HEADER_BLANK,
    HEADER_CONFLICT,
    INVALID_FEE,
    DUPLICATE_FEE,
    PO_NUMBER_TAKEN,
    PO_NOT_EDITABLE,
    UNKNOWN_IMPORTER,
    MALFORMED_CSV,
    WRONG_DELIMITER,
    EMPTY_FILE,
    LIMIT_EXCEEDED
}
