package io.skyfed.drivers.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.skyfed.drivers.spi.Credentials;
import java.nio.charset.StandardCharsets;
import org.libvirt.ConnectAuth;
import org.libvirt.jna.virConnectCredential;

/**
 * Answers libvirt's prompts for user name and password (SASL, the test driver's login).
 *
 * <p>libvirt takes ownership of each answer and frees it; libvirt-java 0.5.4 hands it JNA-owned memory, which JNA
 * frees again later, corrupting the heap ("double free"). This callback therefore writes the answers itself, as
 * {@code strdup} copies that only libvirt frees, at the offsets of {@code virConnectCredential} on LP64 platforms
 * (type, prompt, challenge, defresult, result, resultlen).
 */
final class PasswordAuth extends ConnectAuth {

    private static final int SIZE = 48;
    private static final int TYPE = 0;
    private static final int RESULT = 32;
    private static final int RESULT_LEN = 40;

    /** The C library's strdup: memory from malloc, which libvirt may free. */
    private interface C extends Library {
        C LIBC = Native.load("c", C.class);

        Pointer strdup(byte[] s);
    }

    private final Credentials credentials;

    PasswordAuth(Credentials credentials) {
        this.credentials = credentials;
        credType = new CredentialType[] {CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
            CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT};
    }

    @Override
    public int authCallback(virConnectCredential cred, int ncred, Pointer cbdata) {
        // JNA would copy the Java view of the argument back over the native answers after this returns.
        cred.setAutoWrite(false);
        Pointer base = cred.getPointer();
        for (int i = 0; i < ncred; i++) {
            Pointer c = base.share((long) i * SIZE);
            String answer = switch (CredentialType.mapFromInt(c.getInt(TYPE))) {
                case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> credentials.user();
                case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> credentials.secret();
                default -> null;
            };
            if (answer == null) {
                return -1;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            byte[] terminated = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            c.setPointer(RESULT, C.LIBC.strdup(terminated));
            c.setInt(RESULT_LEN, bytes.length);
        }
        return 0;
    }

    @Override
    public int callback(Credential[] requested) {
        // Never reached: authCallback answers directly in native memory.
        return -1;
    }
}
