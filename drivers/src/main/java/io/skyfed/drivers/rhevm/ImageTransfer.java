package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.link;
import static io.skyfed.drivers.rhevm.OvirtJson.required;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.net.URI;
import java.util.Set;

/**
 * One image transfer session of the engine ({@code /imagetransfers}): created for a disk and a direction, it moves
 * from initializing to transferring, when its image I/O URL takes the data; finalize (or cancel) ends it through
 * finalizing_success to finished_success (or a failure phase). Engines drop finished transfers, so a transfer that
 * is gone after finalizing is judged by its disk.
 */
final class ImageTransfer {

    private static final Set<String> FAILED = Set.of("finished_failure", "finalizing_failure", "cancelled",
            "cancelled_system", "cancelled_user", "paused_system", "paused_user");

    final String id;
    final URI url;
    private final RhevmAccount account;

    private ImageTransfer(RhevmAccount account, String id, URI url) {
        this.account = account;
        this.id = id;
        this.url = url;
    }

    /**
     * Opens a transfer of {@code diskId} and waits until it takes data.
     *
     * @param direction upload or download
     * @param format    the engine's disk format of the bytes on the wire: cow (qcow2 as is) or raw
     */
    static ImageTransfer open(RhevmAccount account, String diskId, String direction, String format) {
        JsonObject request = new JsonObject();
        request.add("disk", link(diskId));
        request.addProperty("direction", direction);
        request.addProperty("format", format);
        // One attempt: a repeated create would leave a second session holding the disk.
        String id = required(account.write("create image transfer", "disk", diskId,
                c -> c.post("/imagetransfers", request)), "id");
        ImageTransfer opened = new ImageTransfer(account, id, null);
        try {
            JsonObject transfer = account.await("start transferring", "image_transfer", id, "/imagetransfers/" + id,
                    t -> !"initializing".equals(text(t, "phase")));
            if (!"transferring".equals(text(transfer, "phase"))) {
                throw new ProviderUnavailableException(account.providerId + ": image transfer " + id + " of disk "
                        + diskId + " did not start: " + text(transfer, "phase"), null);
            }
            String url = text(transfer, "transfer_url") != null ? text(transfer, "transfer_url")
                    : required(transfer, "proxy_url");
            return new ImageTransfer(account, id, URI.create(url));
        } catch (RuntimeException e) {
            opened.cancel();
            throw e;
        }
    }

    /** Ends a transfer whose data all moved, and waits for the engine to verify and release the disk. */
    void finish(String diskId) {
        account.read("finalize image transfer", "image_transfer", id,
                c -> c.post("/imagetransfers/" + id + "/finalize", new JsonObject()));
        String phase;
        try {
            phase = text(account.await("finish", "image_transfer", id, "/imagetransfers/" + id,
                    t -> ended(text(t, "phase")) || FAILED.contains(text(t, "phase"))), "phase");
        } catch (NotFoundException gone) {
            JsonObject disk = account.await("unlock", "disk", diskId, "/disks/" + diskId,
                    d -> !"locked".equals(text(d, "status")));
            phase = "ok".equals(text(disk, "status")) ? "finished_success" : "finished_failure";
        }
        if (!"finished_success".equals(phase)) {
            throw new ProviderUnavailableException(account.providerId + ": image transfer " + id + " of disk "
                    + diskId + " ended in " + phase, null);
        }
    }

    /**
     * Gives up a transfer and waits until the engine has ended it, since the disk stays locked (and cannot be
     * removed) until then. Never throws: it runs while another failure is on its way to the caller.
     */
    void cancel() {
        try {
            account.read("cancel image transfer", "image_transfer", id,
                    c -> c.post("/imagetransfers/" + id + "/cancel", new JsonObject()));
            account.await("end", "image_transfer", id, "/imagetransfers/" + id, t -> ended(text(t, "phase")));
        } catch (DriverException alreadyOver) {
            // The transfer is gone, or the engine is unreachable; either way nothing more can be done here.
        }
    }

    private static boolean ended(String phase) {
        return phase == null || phase.startsWith("finished") || phase.startsWith("cancelled");
    }
}
