package io.skyfed.broker.api.deltacloud;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JSON representation: {@code {"instances":[{...}]}} for collections, {@code {"instance":{...}}} for members,
 * attributes and child elements as fields, lists as arrays, a bare array for a root list (the reference server's
 * shapes).
 */
final class JsonDocWriter implements DocWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** An open JSON container: an object named {@code name}, or an array whose items are named {@code itemName}. */
    private record Frame(String name, String itemName) {
    }

    private final ByteArrayOutputStream out;
    private final JsonGenerator json;
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** The document is a bare array rather than the usual wrapping object. */
    private boolean rootArray;
    private boolean started;

    JsonDocWriter(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
        try {
            json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the root object on the first write, unless {@link #startRootList} made the root an array. */
    private void start() {
        if (!started) {
            started = true;
            run(json::writeStartObject);
        }
    }

    /** Inside an array an object is an anonymous element, whatever its XML name. */
    @Override
    public void startObject(String name) {
        start();
        Frame current = frames.peek();
        if (current != null && current.itemName() != null) {
            run(json::writeStartObject);
        } else {
            run(() -> json.writeObjectFieldStart(name));
        }
        frames.push(new Frame(name, null));
    }

    @Override
    public void attribute(String name, String value) {
        start();
        run(() -> json.writeStringField(name, value));
    }

    @Override
    public void element(String name, String text) {
        start();
        run(() -> json.writeStringField(name, text));
    }

    @Override
    public void text(String text) {
        start();
        Frame current = frames.peek();
        String name = current == null ? "value" : current.name();
        run(() -> json.writeStringField(name, text));
    }

    @Override
    public void startList(String name, String itemName) {
        start();
        run(() -> json.writeArrayFieldStart(name));
        frames.push(new Frame(name, itemName));
    }

    @Override
    public void startRootList(String name, String itemName) {
        if (started) {
            throw new IllegalStateException("a root list must be the whole document");
        }
        started = true;
        rootArray = true;
        run(json::writeStartArray);
        frames.push(new Frame(name, itemName));
    }

    @Override
    public void startInlineList(String jsonName, String itemName) {
        startList(jsonName, itemName);
    }

    @Override
    public void startItem() {
        Frame list = frames.peek();
        if (list == null || list.itemName() == null) {
            throw new IllegalStateException("an item outside a list");
        }
        run(json::writeStartObject);
        frames.push(new Frame(list.itemName(), null));
    }

    @Override
    public void end() {
        Frame frame = frames.pop();
        run(frame.itemName() == null ? json::writeEndObject : json::writeEndArray);
    }

    @Override
    public byte[] finish() {
        start();
        run(() -> {
            if (!rootArray) {
                json.writeEndObject();
            }
            json.close();
        });
        return out.toByteArray();
    }

    private interface JsonAction {
        void run() throws IOException;
    }

    private static void run(JsonAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
