package io.skyfed.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The driver table: every {@link ImageFormat} on the class path, by name; detection by content. */
public final class FormatRegistry {

    private final Map<String, ImageFormat> formats;

    public FormatRegistry(List<ImageFormat> formats) {
        Map<String, ImageFormat> byName = new LinkedHashMap<>();
        for (ImageFormat f : formats) {
            if (byName.putIfAbsent(f.name(), f) != null) {
                throw new IllegalStateException("two image formats named " + f.name());
            }
        }
        this.formats = Collections.unmodifiableMap(byName);
    }

    /** The formats registered in {@code META-INF/services/io.skyfed.image.ImageFormat}. */
    public static FormatRegistry load() {
        List<ImageFormat> found = new ArrayList<>();
        ServiceLoader.load(ImageFormat.class, FormatRegistry.class.getClassLoader()).forEach(found::add);
        return new FormatRegistry(found);
    }

    public Optional<ImageFormat> byName(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    public ImageFormat require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown format '" + name + "' (known: " + String.join(" ", formats.keySet()) + ")"));
    }

    public Map<String, ImageFormat> all() {
        return formats;
    }

    /** The format whose probe is surest; raw when nothing else claims the content. */
    public ImageFormat detect(ByteSource source) throws IOException {
        ImageFormat best = null;
        int bestScore = 0;
        for (ImageFormat f : formats.values()) {
            int score = f.probe(source);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new ImageFormatException(source.name() + ": no format recognises this content");
        }
        return best;
    }
}
