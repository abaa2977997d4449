package io.skyfed.image;

/** Told how far a conversion has got, in bytes of the virtual disk. Called from the converting thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
