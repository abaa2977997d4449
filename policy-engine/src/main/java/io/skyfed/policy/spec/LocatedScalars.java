package io.skyfed.policy.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deserializers for the scalar types of a policy that must keep their file position or have a friendly syntax. */
final class LocatedScalars {

    private LocatedScalars() {
    }

    static SourceLocation locationOf(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new SourceLocation(l.getLineNr(), l.getColumnNr(), l.getCharOffset());
    }

    private static String nonEmptyString(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        String text = p.getText();
        if (text.isBlank()) {
            throw ctxt.weirdStringException(text, type, "must not be empty");
        }
        return text;
    }

    static final class ExpressionDeserializer extends JsonDeserializer<Expression> {
        @Override
        public Expression deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            SourceLocation at = locationOf(p);
            return new Expression(nonEmptyString(p, ctxt, Expression.class), at);
        }
    }

    static final class NameDeserializer extends JsonDeserializer<Name> {
        private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");

        @Override
        public Name deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            SourceLocation at = locationOf(p);
            String text = nonEmptyString(p, ctxt, Name.class);
            if (!NAME.matcher(text).matches()) {
                throw ctxt.weirdStringException(text, Name.class,
                        "a name is 1-64 lower-case letters, digits, '.', '_' or '-'");
            }
            return new Name(text, at);
        }
    }

    /** Durations as 90s, 10m, 6h, 2d (or ISO-8601 such as PT10M). */
    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h|d)");

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = nonEmptyString(p, ctxt, Duration.class).trim();
            Matcher m = SHORT.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw ctxt.weirdStringException(text, Duration.class, "must not be negative");
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw ctxt.weirdStringException(text, Duration.class, "expected a duration such as 90s, 10m, 6h or 2d");
            }
        }
    }

    /** Fractions as 0.25 or 25%. */
    static final class RatioDeserializer extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            double value;
            if (p.currentToken().isNumeric()) {
                value = p.getDoubleValue();
            } else if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().trim().endsWith("%")) {
                String t = p.getText().trim();
                try {
                    value = Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0;
                } catch (NumberFormatException e) {
                    throw ctxt.weirdStringException(t, Double.class, "expected a fraction such as 0.25 or 25%");
                }
            } else {
                throw ctxt.weirdStringException(p.getText(), Double.class, "expected a fraction such as 0.25 or 25%");
            }
            if (!(value >= 0 && value <= 1)) {
                throw ctxt.weirdNumberException(value, Double.class, "must be between 0 and 1 (0% and 100%)");
            }
            return value;
        }
    }
}
