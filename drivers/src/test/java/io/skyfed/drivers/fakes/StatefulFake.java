package io.skyfed.drivers.fakes;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A provider API kept in memory behind WireMock: stubs name it as their transformer, and fault stubs of higher
 * priority take its place for the requests they match.
 */
public abstract class StatefulFake implements ResponseDefinitionTransformerV2 {

    private final String name;

    protected StatefulFake(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }

    /** The hex MD5 that object stores use as an ETag. */
    protected static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
