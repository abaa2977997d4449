package io.skyfed.broker.api.deltacloud;

/**
 * Writes one Deltacloud document in either representation, so each view is written once. The model is XML's,
 * with lists made explicit so JSON can render them as arrays:
 * <ul>
 *   <li>{@link #startObject}: {@code <name ...>} / {@code "name": {...}}</li>
 *   <li>{@link #attribute} (before any child): an XML attribute / a JSON field</li>
 *   <li>{@link #element}: {@code <name>text</name>} / {@code "name": "text"}</li>
 *   <li>{@link #text}: the current element's own text / a JSON field named after the element</li>
 *   <li>{@link #startList}: a wrapper element holding repeated items / a JSON array; {@link #startInlineList}
 *       has no XML wrapper (Deltacloud's {@code <link>}s directly under {@code <api>})</li>
 *   <li>{@link #startItem}: one {@code <item ...>} / one JSON object in the current list</li>
 * </ul>
 */
interface DocWriter {

    void startObject(String name);

    void attribute(String name, String value);

    void element(String name, String text);

    void text(String text);

    void startList(String name, String itemName);

    void startInlineList(String jsonName, String itemName);

    /**
     * The whole document as a list: {@code <name><item/>...</name>} in XML, a bare JSON array (the reference
     * server's shape for {@code /instance_states}). Only as the first call.
     */
    default void startRootList(String name, String itemName) {
        startList(name, itemName);
    }

    void startItem();

    /** Closes the innermost open object, list or item. */
    void end();

    /** An empty element with attributes only, e.g. a reference: {@code <realm id=... href=.../>}. */
    default void reference(String name, String... attributes) {
        startObject(name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                attribute(attributes[i], attributes[i + 1]);
            }
        }
        end();
    }

    /** Writes {@code element} only when text is not null. */
    default void optionalElement(String name, Object text) {
        if (text != null) {
            element(name, text.toString());
        }
    }

    /** Finishes the document and returns its bytes. */
    byte[] finish();
}
