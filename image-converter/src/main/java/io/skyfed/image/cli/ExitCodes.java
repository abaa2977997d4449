package io.skyfed.image.cli;

/** The exit codes of {@code skyfed-image}, documented in image-converter/README.md. */
final class ExitCodes {

    static final int OK = 0;
    /** compare: the images differ; check: the image is corrupt. */
    static final int DIFFERENT_OR_CORRUPT = 1;
    /** Bad command line: unknown option, unknown format, option a format does not take. */
    static final int USAGE = 2;
    /** The image is malformed, hostile, or uses a feature that is refused (backing file, encryption, …). */
    static final int BAD_IMAGE = 3;
    /** Reading or writing failed: missing file, permission, disk full, truncated image. */
    static final int IO_ERROR = 4;
    /** A bug: the message says where; please report it. */
    static final int INTERNAL = 5;

    private ExitCodes() {
    }
}
