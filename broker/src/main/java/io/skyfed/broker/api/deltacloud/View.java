package io.skyfed.broker.api.deltacloud;

/** Writes one thing into a document. */
@FunctionalInterface
interface View {

    void write(DocWriter writer);
}
