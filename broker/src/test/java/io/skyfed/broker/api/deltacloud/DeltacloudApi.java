package io.skyfed.broker.api.deltacloud;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Requests as Deltacloud clients send them, each test class on its own mock provider (its own cloud). */
final class DeltacloudApi {

    static final String USER = "mockuser";
    static final String PASSWORD = "mockpassword";

    private DeltacloudApi() {
    }

    /** Authenticated, XML, on {@code provider}. */
    static RequestSpecification as(String provider) {
        return anonymous(provider).auth().preemptive().basic(USER, PASSWORD);
    }

    /**
     * Matches what XmlPath returns for repeated elements: a list holding {@code item}, or, when only one element
     * matched, that element's value ({@code hasItem} alone would silently mismatch a single value).
     */
    static Matcher<Object> containsItem(Object item) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                if (actual instanceof Iterable<?> values) {
                    for (Object v : values) {
                        if (matches(item, v)) {
                            return true;
                        }
                    }
                    return false;
                }
                return matches(item, actual);
            }

            private boolean matches(Object expected, Object value) {
                return expected instanceof Matcher<?> m ? m.matches(value) : expected.equals(String.valueOf(value));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a value or list containing ").appendValue(item);
            }
        };
    }

    static RequestSpecification anonymous(String provider) {
        return RestAssured.given().accept("application/xml").header("X-Deltacloud-Provider", provider);
    }
}
