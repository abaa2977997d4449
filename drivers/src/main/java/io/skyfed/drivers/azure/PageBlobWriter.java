package io.skyfed.drivers.azure;

import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A stream into a page blob (a managed disk opened for upload) through its SAS URL: bytes are gathered into 4 MiB
 * pages, the most one Put Page takes, and each page that is not all zeros is written with {@code x-ms-page-write:
 * update}. A new page blob reads as zeros, so skipping zero pages keeps a sparse disk sparse. Each Put Page names
 * its range, so repeating one is harmless: they are retried like reads.
 */
final class PageBlobWriter extends OutputStream {

    static final int PAGE = 4 << 20;
    private static final String STORAGE_VERSION = "2021-08-06";

    private final ProviderGuard guard;
    private final HttpClient http;
    private final String sasUrl;
    private final Duration timeout;
    private final byte[] buffer = new byte[PAGE];
    private int filled;
    private long offset;

    PageBlobWriter(ProviderGuard guard, HttpClient http, String sasUrl, Duration timeout) {
        this.guard = guard;
        this.http = http;
        this.sasUrl = sasUrl;
        this.timeout = timeout;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int from, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, PAGE - filled);
            System.arraycopy(bytes, from, buffer, filled, n);
            filled += n;
            from += n;
            length -= n;
            if (filled == PAGE) {
                flushPage();
            }
        }
    }

    /** Writes what is gathered; the disk's size is a multiple of 512, so the last page is too. */
    @Override
    public void close() throws IOException {
        if (filled > 0) {
            flushPage();
        }
    }

    /** Bytes accepted so far. */
    long written() {
        return offset + filled;
    }

    private void flushPage() throws IOException {
        if (filled % 512 != 0) {
            throw new IOException("a page blob takes whole 512-byte pages; " + filled + " bytes are left");
        }
        if (!allZero(buffer, filled)) {
            byte[] page = java.util.Arrays.copyOf(buffer, filled);
            long start = offset;
            guard.idempotent("PutPage", () -> putPage(page, start));
        }
        offset += filled;
        filled = 0;
    }

    private Void putPage(byte[] page, long start) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sasUrl + "&comp=page"))
                .timeout(timeout)
                .header("x-ms-version", STORAGE_VERSION)
                .header("x-ms-page-write", "update")
                .header("x-ms-range", "bytes=" + start + "-" + (start + page.length - 1))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(page)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException("Put Page: no answer in time", e);
        } catch (IOException e) {
            throw new RemoteUnavailableException("Put Page: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteTimeoutException("Put Page interrupted", e);
        }
        if (response.statusCode() >= 300) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), "Put Page", null);
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
