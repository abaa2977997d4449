package io.skyfed.policy.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.skyfed.policy.InvalidDocumentException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes the engine's JSON and YAML documents. Unknown fields, duplicate keys and wrong types are errors
 * that name the file, line and column; documents are bounded in size and nesting so hostile input fails fast.
 */
public final class Documents {

    /** Large enough for a 100,000-workload state file, small enough to refuse a runaway one. */
    public static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
    private static final int MAX_NESTING = 64;

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = configure(yamlMapper());

    private Documents() {
    }

    private static ObjectMapper yamlMapper() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxDocumentLength(MAX_DOCUMENT_CHARS).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        return mapper;
    }

    /** The mapper used for output and for JSON input. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Reads a file; {@code .json} files as JSON, anything else as YAML. */
    public static <T> T read(Path file, Class<T> type) {
        String name = file.toString();
        return parse(name, readText(file), type);
    }

    public static String readText(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw InvalidDocumentException.single(file.toString(), 0, 0, "is a directory, not a document");
            }
            if (Files.size(file) > MAX_DOCUMENT_CHARS) {
                throw InvalidDocumentException.single(file.toString(), 0, 0,
                        "larger than " + MAX_DOCUMENT_CHARS + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidDocumentException.single(file.toString(), 0, 0, "no such file");
        } catch (MalformedInputException e) {
            throw InvalidDocumentException.single(file.toString(), 0, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw InvalidDocumentException.single(file.toString(), 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Parses text named {@code file} (for messages); JSON when the name ends in .json, YAML otherwise. */
    public static <T> T parse(String file, String text, Class<T> type) {
        ObjectMapper mapper = file.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw InvalidDocumentException.single(file, 1, 1, "the document is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            if (e instanceof UnrecognizedPropertyException u) {
                // Jackson reports where the parser stopped, which for buffered record properties is the end of
                // the object: find the key itself instead.
                int[] key = NodeLocator.locateKey(text, u.getPath(), u.getPropertyName());
                if (key != null) {
                    line = key[0];
                    column = key[1];
                }
            }
            throw InvalidDocumentException.single(file, Math.max(line, 0), Math.max(column, 0), describe(e));
        } catch (RuntimeException e) {
            if (e instanceof InvalidDocumentException) {
                throw e;
            }
            // SnakeYAML's own limits (aliases, code points) surface as unchecked exceptions.
            throw InvalidDocumentException.single(file, 0, 0, firstLine(e.getMessage()));
        }
    }

    private static String describe(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String prefix = where.isEmpty() ? "" : where + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known: " + known + ")");
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return prefix + firstLine(v.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f) {
            return prefix + "cannot use '" + f.getValue() + "' as " + typeName(f.getTargetType())
                    + reason(f.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m) {
            String msg = firstLine(m.getOriginalMessage());
            if (msg.startsWith("Missing required creator property")) {
                return prefix + "missing required field " + msg.substring(msg.indexOf('\''), msg.indexOf('\'',
                        msg.indexOf('\'') + 1) + 1);
            }
            return prefix + "expected " + typeName(m.getTargetType()) + ": " + msg;
        }
        return prefix + firstLine(e.getOriginalMessage());
    }

    private static String reason(String original) {
        int colon = original == null ? -1 : original.lastIndexOf(": ");
        if (colon < 0 || original.contains("Exception")) {
            return "";
        }
        return " (" + firstLine(original.substring(colon + 2)) + ")";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-26T12:00:00Z";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a " + type.getSimpleName().replace("Spec", "").toLowerCase(Locale.ROOT);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid document";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        int at = line.indexOf(" at [Source");
        return (at < 0 ? line : line.substring(0, at)).trim();
    }
}
