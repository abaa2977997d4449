package io.skyfed.drivers.google;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A Google service-account JSON key, as the Cloud console downloads it: the account's e-mail, its PKCS#8 private
 * key (PEM) and its project. {@link #toString()} never shows the private key.
 */
record ServiceAccountKey(String clientEmail, String privateKeyPem, String projectId) {

    /** Reads the key; the message of a failure never quotes the key itself. */
    static ServiceAccountKey parse(String json) {
        JsonObject key;
        try {
            key = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("google credentials: the secret is not a service-account JSON key");
        }
        String email = text(key, "client_email");
        String pem = text(key, "private_key");
        if (email == null || pem == null || !pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("google credentials: the JSON key needs client_email and private_key");
        }
        return new ServiceAccountKey(email, pem, text(key, "project_id"));
    }

    private static String text(JsonObject json, String field) {
        return json.has(field) && json.get(field).isJsonPrimitive() ? json.get(field).getAsString() : null;
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[clientEmail=" + clientEmail + ", projectId=" + projectId + "]";
    }
}
