package io.skyfed.broker.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of strings in a jsonb array column. Hibernate Reactive's JSON type binds every value as a JSON object,
 * so arrays go through text instead (with {@code @ColumnTransformer} casting to and from jsonb).
 */
@Converter
public class JsonStringListConverter implements AttributeConverter<List<String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public List<String> convertToEntityAttribute(String text) {
        try {
            return text == null ? new ArrayList<>() : JSON.readValue(text, new TypeReference<ArrayList<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array of strings", e);
        }
    }
}
