package io.skyfed.drivers.google;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/** A service account made up for the tests: an RSA key generated per run and its JSON key file. */
final class GoogleTestKey {

    static final String PROJECT = "skyfed-test";
    static final String CLIENT_EMAIL = "broker@" + PROJECT + ".iam.gserviceaccount.com";

    final KeyPair pair;

    GoogleTestKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The key file as the Cloud console downloads it (type, project_id, private_key, client_email, ...). */
    String json() {
        JsonObject key = new JsonObject();
        key.addProperty("type", "service_account");
        key.addProperty("project_id", PROJECT);
        key.addProperty("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        key.addProperty("private_key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        key.addProperty("client_email", CLIENT_EMAIL);
        key.addProperty("client_id", "109876543210987654321");
        key.addProperty("token_uri", "https://oauth2.googleapis.com/token");
        return key.toString();
    }
}
