package io.skyfed.image;

/** The three kinds of "something or nothing" a virtual disk region can be. */
public enum ExtentType {
    /** Stored bytes (which may still happen to be zero). */
    DATA,
    /** Known to read as zero: an explicit zero entry, or allocated zeros we detected. */
    ZERO,
    /** Not stored in this image: reads as zero, or from the backing image when there is one. */
    UNALLOCATED
}
