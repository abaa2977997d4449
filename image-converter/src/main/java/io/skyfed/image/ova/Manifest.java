package io.skyfed.image.ova;

import io.skyfed.image.ImageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OVA manifest ({@code .mf}): lines {@code SHA256(file)= hex} (SHA1 in OVF 1.0 packages, SHA512 allowed). */
final class Manifest {

    private static final Pattern LINE = Pattern.compile("(SHA1|SHA256|SHA512)\\s*\\((.+)\\)\\s*=\\s*([0-9a-fA-F]+)");

    /** A digest the manifest expects: JCA algorithm name and lower-case hex. */
    record Expected(String algorithm, String hex) {
    }

    private Manifest() {
    }

    static Map<String, Expected> parse(byte[] text, String where) throws ImageFormatException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new ImageFormatException(where + ": manifest line '" + line.strip() + "' is not ALGO(file)= hex");
            }
            String algorithm = switch (m.group(1)) {
                case "SHA1" -> "SHA-1";
                case "SHA256" -> "SHA-256";
                default -> "SHA-512";
            };
            out.put(m.group(2), new Expected(algorithm, m.group(3).toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static byte[] write(Map<String, String> sha256ByFile) {
        StringBuilder sb = new StringBuilder();
        sha256ByFile.forEach((file, hex) -> sb.append("SHA256(").append(file).append(")= ").append(hex).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
