package io.skyfed.deploy.k8s;

import java.util.Optional;
import java.util.regex.Pattern;

/** Whether a container image reference names one fixed image: a digest, or a tag other than "latest". */
final class ImageReference {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageReference() {
    }

    /** Empty when pinned; otherwise why not. */
    static Optional<String> unpinnedReason(String image) {
        if (image == null || image.isBlank()) {
            return Optional.of("no image");
        }
        int at = image.indexOf('@');
        if (at >= 0) {
            return DIGEST.matcher(image.substring(at + 1)).matches()
                    ? Optional.empty()
                    : Optional.of("'" + image + "' has a malformed digest (want sha256:<64 hex>)");
        }
        int colon = image.lastIndexOf(':');
        if (colon <= image.lastIndexOf('/')) {
            return Optional.of("'" + image + "' has neither a tag nor a digest");
        }
        String tag = image.substring(colon + 1);
        if ("latest".equals(tag)) {
            return Optional.of("'" + image + "' uses the moving tag 'latest'");
        }
        return TAG.matcher(tag).matches() ? Optional.empty() : Optional.of("'" + image + "' has an invalid tag");
    }
}
