package io.skyfed.broker.secrets;

/** A sealed secret could not be opened: unknown master key, or the data was altered or moved to another row. */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
