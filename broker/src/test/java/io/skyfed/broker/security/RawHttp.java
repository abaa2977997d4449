package io.skyfed.broker.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests no well-behaved client library sends (a header past the limit, a Content-Length announcing more than the
 * broker accepts), written to a socket as they are, and the raw answer read back.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and reads the answer. */
    static String exchange(int port, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Until the broker closes the connection or has sent a complete answer with a Content-Length. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (complete(answer.toString())) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete answer within 10 s; got: " + answer, e);
        }
        return answer.toString();
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = answer.substring(0, end).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return answer.length() - end - 4 >= length;
    }

    static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }
}
