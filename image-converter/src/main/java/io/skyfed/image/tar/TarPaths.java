package io.skyfed.image.tar;

import io.skyfed.image.ImageFormatException;

/** Member names must stay inside the archive: relative, no ".." step, no drive letters or backslash tricks. */
public final class TarPaths {

    private TarPaths() {
    }

    /** The name without a leading "./", or an error naming the member that tries to leave the archive. */
    public static String requireInside(String archive, String name) throws ImageFormatException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        boolean escapes = n.isEmpty() || n.startsWith("/") || n.contains("\\") || n.indexOf('\0') >= 0
                || (n.length() > 1 && n.charAt(1) == ':');
        for (String step : n.split("/")) {
            if (step.equals("..")) {
                escapes = true;
            }
        }
        if (escapes) {
            throw new ImageFormatException(archive + ": tar member '" + name + "' leaves the archive");
        }
        return n;
    }
}
