package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Blob;

/** A blob's description and content (the mock keeps content in memory; it is a test double). */
record MockBlob(Blob blob, byte[] content) {
}
