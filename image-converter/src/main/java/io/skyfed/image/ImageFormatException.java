package io.skyfed.image;

import java.io.IOException;

/** The image is malformed, hostile or uses a feature we refuse; the message says which and where. */
public class ImageFormatException extends IOException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
