package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads native API request bodies strictly: unknown fields, duplicate keys, nulls for primitives and any type
 * coercion ("5" for a number, 5 for a string) are rejected, then Bean Validation runs. Every rejection is a 400
 * problem naming the field; none quotes the rejected value, which may be a secret.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<V1Request> {

    /** Far above any legitimate request of this API; keeps hostile bodies out of memory. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper strict;
    private final Validator validator;

    StrictJsonReader(ObjectMapper mapper, Validator validator) {
        this.validator = validator;
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
        for (LogicalType target : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.EmptyString)) {
                strict.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
            }
        }
        // A value of the target's own shape is not a coercion.
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.EmptyString,
                CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer,
                CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer,
                CoercionAction.TryConvert);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return V1Request.class.isAssignableFrom(type);
    }

    @Override
    public V1Request readFrom(Class<V1Request> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                              MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "request bodies of this API are limited to " + MAX_BODY_BYTES + " bytes", List.of());
        }
        if (body.length == 0) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        V1Request request = parse(type, body);
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required, not null");
        }
        validate(request);
        return request;
    }

    private V1Request parse(Class<V1Request> type, byte[] body) {
        try {
            return strict.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalid(path(e), "unknown field; known fields: " + e.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidNullException e) {
            throw ProblemException.invalid(path(e), "must not be null");
        } catch (MismatchedInputException e) {
            // Jackson reports a missing (or null) number field as a null it cannot map into a primitive.
            if (e.getTargetType() != null && e.getTargetType().isPrimitive()
                    && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`")) {
                throw ProblemException.invalid(path(e), "is required: " + describe(e.getTargetType()));
            }
            throw ProblemException.invalid(path(e), "expected " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException malformed) {
                throw malformed(malformed);
            }
            throw ProblemException.invalid(path(e), "invalid value");
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.invalid("body", "unreadable request body");
        }
    }

    /** Parser messages quote the offending text, which may be a secret: report only where it is. */
    private static ProblemException malformed(StreamReadException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ProblemException.invalid("body", "malformed JSON" + where);
    }

    private void validate(V1Request request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "a value of another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || V1Request.class.isAssignableFrom(target)) {
            return "an object";
        }
        return "a value of another type";
    }
}
