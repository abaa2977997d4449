package io.skyfed.drivers.mock;

/**
 * The guest inside a running mock instance, for tests: every mock session implements it, so a test holding a
 * {@code DriverSession} of the mock driver casts it and writes to an instance's disk as its guest would, while
 * the instance runs. The write is logged for changed-block tracking (provider property
 * {@value MockDriverFactory#GUEST_WRITE_BLOCKS} makes guests write by themselves).
 */
public interface MockGuest {

    /**
     * Writes {@code data} at {@code offset} of the instance's boot disk.
     *
     * @throws io.skyfed.drivers.spi.InvalidStateException    when the instance is not RUNNING
     * @throws io.skyfed.drivers.spi.InvalidArgumentException when the write does not fit the disk
     */
    void writeGuestDisk(String instanceId, long offset, byte[] data);
}
