package io.skyfed.drivers.ec2;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful EC2 Query API (version 2016-11-15) behind WireMock: it parses the form-encoded actions jclouds sends
 * and answers with the XML documented in the EC2 API reference, keeping instances, keys, volumes and snapshots in
 * memory so that a create is visible to the next describe. Faults are injected by stubs of higher priority.
 */
public final class Ec2Fake extends StatefulFake {

    public static final String NAME = "ec2-fake";
    static final String REGION = "us-east-1";
    static final String OWNER = "123456789012";
    /** The only access key the fake accepts; any other is refused as AWS refuses unknown keys. */
    public static final String ACCESS_KEY = "AKIDSKYFEDEXAMPLE";

    /** Instance states with their documented codes. */
    enum State {
        PENDING(0), RUNNING(16), SHUTTING_DOWN(32), TERMINATED(48), STOPPING(64), STOPPED(80);

        final int code;

        State(int code) {
            this.code = code;
        }

        String xmlName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    static final class Instance {
        final String id;
        final String reservationId;
        final String imageId;
        final String type;
        final String keyName;
        final String zone;
        final String clientToken;
        final String userData;
        final String name;
        final Instant launched = Instant.parse("2026-11-26T12:00:00Z");
        State state = State.PENDING;
        /** Security group ids (RunInstances SecurityGroupId.N; the VPC's default group when none is given). */
        List<String> groups = List.of(Ec2NetworkFake.DEFAULT_GROUP);
        /** The EBS root volume, for instances of imported images (the seeded ones are described without one). */
        String rootVolume;

        Instance(String id, String reservationId, String imageId, String type, String keyName, String zone,
                 String clientToken, String userData, String name) {
            this.id = id;
            this.reservationId = reservationId;
            this.imageId = imageId;
            this.type = type;
            this.keyName = keyName;
            this.zone = zone;
            this.clientToken = clientToken;
            this.userData = userData;
            this.name = name;
        }
    }

    record Volume(String id, int size, String snapshotId, String zone, String[] attachedTo) {
    }

    record Snapshot(String id, String volumeId, int size, String description, Map<String, String> tags) {
    }

    /** A key pair as EC2 keeps it: the name is the key, a key pair id and tags beside the fingerprint. */
    record Key(String id, String fingerprint, Map<String, String> tags) {
    }

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(0x1000);
    private final S3Fake s3;
    private final Ec2VmImportExport vmImportExport = new Ec2VmImportExport();
    private final AtomicInteger runInstancesLaunches = new AtomicInteger();
    private final Ec2NetworkFake network = new Ec2NetworkFake(this::next, instances::containsKey,
            group -> instances.values().stream().anyMatch(i -> i.state != State.TERMINATED && i.groups.contains(group)));

    /** An EC2 fake whose VM Import/Export reads and writes the given S3 fake. */
    public Ec2Fake(S3Fake s3) {
        super(NAME);
        this.s3 = s3;
        keys.put("ops", new Key("key-0a1b2c3d4e5f60001", "1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f",
                Map.of()));
        Instance web = new Instance("i-0a1b2c3d4e5f60001", "r-0a1b2c3d4e5f60001", "ami-0abcdef1234567890", "t3.micro",
                "ops", REGION + "a", "", "", "web-1");
        web.state = State.RUNNING;
        instances.put(web.id, web);
        volumes.put("vol-0a1b2c3d4e5f60001", new Volume("vol-0a1b2c3d4e5f60001", 8, "", REGION + "a",
                new String[] {null}));
        snapshots.put("snap-0a1b2c3d4e5f60001", new Snapshot("snap-0a1b2c3d4e5f60001", "vol-0a1b2c3d4e5f60001", 8,
                "nightly", Map.of()));
    }



    public Ec2Fake() {
        this(new S3Fake());
    }

    /** VM Import/Export's tasks in this fake. */
    Ec2VmImportExport vmImportExport() {
        return vmImportExport;
    }

    /** Security groups and Elastic IPs in this fake. */
    Ec2NetworkFake network() {
        return network;
    }

    /** How many instances RunInstances really launched (a retried request with the same ClientToken launches none). */
    public int launches() {
        return runInstancesLaunches.get();
    }

    private final Map<String, Integer> answersToLose = new java.util.HashMap<>();

    /** The next call of {@code action} is carried out, but its answer is lost (the connection resets). */
    public synchronized void loseNextAnswerTo(String action) {
        loseAnswersTo(action, 1);
    }

    /** The next {@code times} calls of {@code action} are carried out, but their answers are lost (0: none more). */
    public synchronized void loseAnswersTo(String action, int times) {
        if (times > 0) {
            answersToLose.put(action, times);
        } else {
            answersToLose.remove(action);
        }
    }

    private boolean loseThisAnswer(String action) {
        Integer left = answersToLose.remove(action);
        if (left != null && left > 1) {
            answersToLose.put(action, left - 1);
        }
        return left != null;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!signedBy(request, ACCESS_KEY)) {
            return error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
        }
        Map<String, List<String>> form = parseForm(request.getBodyAsString());
        String action = first(form, "Action");
        try {
            String body = switch (action) {
                case "DescribeRegions" -> describeRegions(request);
                case "DescribeAvailabilityZones" -> describeZones();
                case "DescribeImages" -> describeImages(form);
                case "DescribeInstances" -> describeInstances(form);
                case "RunInstances" -> runInstances(form);
                case "StartInstances" -> changeState(action, form, State.PENDING, State.STOPPED);
                case "StopInstances" -> changeState(action, form, State.STOPPING, State.RUNNING);
                case "TerminateInstances" -> changeState(action, form, State.SHUTTING_DOWN, null);
                case "RebootInstances" -> reboot(form);
                case "DescribeKeyPairs" -> describeKeyPairs(form);
                case "CreateKeyPair" -> createKeyPair(form);
                case "ImportKeyPair" -> importKeyPair(form);
                case "DeleteKeyPair" -> deleteKeyPair(form);
                case "DescribeVolumes" -> describeVolumes(form);
                case "CreateVolume" -> createVolume(form);
                case "DeleteVolume" -> deleteVolume(form);
                case "AttachVolume" -> attachVolume(form, true);
                case "DetachVolume" -> attachVolume(form, false);
                case "DescribeSnapshots" -> describeSnapshots(form);
                case "CreateSnapshot" -> createSnapshot(form);
                case "DeleteSnapshot" -> deleteSnapshot(form);
                case "DescribeSpotInstanceRequests" -> wrap(action, "<spotInstanceRequestSet/>");
                case "ImportImage" -> wrap(action, vmImportExport.importImage(form, s3));
                case "DescribeImportImageTasks" -> wrap(action, vmImportExport.describeImportTasks(form));
                case "CancelImportTask" -> wrap(action, vmImportExport.cancelImport(form));
                case "CreateInstanceExportTask" -> wrap(action, createExportTask(form));
                case "DescribeExportTasks" -> wrap(action, vmImportExport.describeExportTasks(form, s3));
                case "CancelExportTask" -> wrap(action, vmImportExport.cancelExport(form));
                default -> {
                    String content = network.handle(action, form);
                    if (content == null) {
                        throw new Ec2Error(400, "InvalidAction", "The action " + action + " is not valid");
                    }
                    yield wrap(action, content);
                }
            };
            if (loseThisAnswer(action)) {
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml;charset=UTF-8")
                    .withBody(body)
                    .build();
        } catch (Ec2Error e) {
            return error(e.status, e.code, e.getMessage());
        }
    }

    /** Whether a SigV4 Authorization header names this access key (the signature itself is not checked). */
    static boolean signedBy(Request request, String accessKey) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.contains("Credential=" + accessKey + "/");
    }

    static ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(errorXml(code, message))
                .build();
    }

    public static String errorXml(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>"
                + esc(message) + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID>"
                + "</Response>";
    }

    static final class Ec2Error extends RuntimeException {
        final int status;
        final String code;

        Ec2Error(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private String describeRegions(Request request) {
        String endpoint = "http://" + request.getHost() + ":" + request.getPort();
        return wrap("DescribeRegions", "<regionInfo><item><regionName>" + REGION + "</regionName><regionEndpoint>"
                + endpoint + "</regionEndpoint></item></regionInfo>");
    }

    private String describeZones() {
        StringBuilder items = new StringBuilder("<availabilityZoneInfo>");
        for (String z : List.of("a", "b")) {
            items.append("<item><zoneName>").append(REGION).append(z).append("</zoneName><zoneState>available")
                    .append("</zoneState><regionName>").append(REGION).append("</regionName><messageSet/></item>");
        }
        return wrap("DescribeAvailabilityZones", items.append("</availabilityZoneInfo>").toString());
    }

    private String describeImages(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "ImageId");
        StringBuilder set = new StringBuilder("<imagesSet>");
        String[][] images = {
            {"ami-0abcdef1234567890", "debian-12-amd64-20261101", "Debian 12 (HVM), EBS General Purpose", "x86_64"},
            {"ami-0fedcba0987654321", "al2023-ami-2023.6-arm64", "Amazon Linux 2023 AMI", "arm64"},
        };
        for (String[] img : images) {
            if (!wanted.isEmpty() && !wanted.contains(img[0])) {
                continue;
            }
            set.append("<item><imageId>").append(img[0]).append("</imageId><imageLocation>").append(OWNER).append('/')
                    .append(img[1]).append("</imageLocation><imageState>available</imageState><imageOwnerId>")
                    .append(OWNER).append("</imageOwnerId><isPublic>true</isPublic><architecture>").append(img[3])
                    .append("</architecture><imageType>machine</imageType><name>").append(img[1])
                    .append("</name><description>").append(img[2]).append("</description>")
                    .append("<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>")
                    .append("<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>")
                    .append("snap-0a1b2c3d4e5f60001</snapshotId><volumeSize>8</volumeSize><deleteOnTermination>true")
                    .append("</deleteOnTermination><volumeType>gp3</volumeType></ebs></item></blockDeviceMapping>")
                    .append("<virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor></item>");
        }
        vmImportExport.images().forEach(img -> {
            if (wanted.isEmpty() || wanted.contains(img.id())) {
                set.append(importedImageXml(img));
            }
        });
        return wrap("DescribeImages", set.append("</imagesSet>").toString());
    }

    private static String importedImageXml(Ec2VmImportExport.ImportedImage img) {
        return "<item><imageId>" + img.id() + "</imageId><imageLocation>" + OWNER + "/" + img.id()
                + "</imageLocation><imageState>available</imageState><imageOwnerId>" + OWNER + "</imageOwnerId>"
                + "<isPublic>false</isPublic><architecture>" + img.architecture() + "</architecture><imageType>machine"
                + "</imageType><name>import-" + img.id() + "</name><description>" + esc(img.description())
                + "</description><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/sda1</rootDeviceName>"
                + "<blockDeviceMapping><item><deviceName>/dev/sda1</deviceName><ebs><snapshotId>" + img.snapshotId()
                + "</snapshotId><volumeSize>" + img.sizeGiB() + "</volumeSize><deleteOnTermination>true"
                + "</deleteOnTermination><volumeType>gp2</volumeType></ebs></item></blockDeviceMapping>"
                + "<virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor></item>";
    }

    private String createExportTask(Map<String, List<String>> form) {
        Instance i = instance(first(form, "InstanceId"));
        Ec2VmImportExport.ImportedImage image = vmImportExport.image(i.imageId);
        if (image == null) {
            throw new Ec2Error(400, "NotExportable", "Only imported instances can be exported.");
        }
        if (i.state != State.STOPPED) {
            throw new Ec2Error(400, "IncorrectState", "The instance '" + i.id + "' is not in the 'stopped' state.");
        }
        return vmImportExport.createExport(form, i.id, image);
    }

    private String describeInstances(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "InstanceId");
        for (String id : wanted) {
            if (!instances.containsKey(id)) {
                throw new Ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        // client-token is the only instance filter the driver sends (finding a launch whose answer it lost).
        String token = Ec2NetworkFake.filters(form).get("client-token");
        StringBuilder set = new StringBuilder("<reservationSet>");
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance i : instances.values()) {
            if ((wanted.isEmpty() || wanted.contains(i.id)) && (token == null || token.equals(i.clientToken))) {
                byReservation.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(i);
            }
        }
        byReservation.forEach((reservation, members) -> {
            set.append("<item><reservationId>").append(reservation).append("</reservationId><ownerId>").append(OWNER)
                    .append("</ownerId><groupSet/><instancesSet>");
            members.forEach(i -> set.append(instanceXml(i)));
            set.append("</instancesSet></item>");
        });
        // Time passes between two looks: transitional states settle, as they do on EC2 within seconds.
        instances.values().forEach(Ec2Fake::settle);
        return wrap("DescribeInstances", set.append("</reservationSet>").toString());
    }

    private static void settle(Instance i) {
        i.state = switch (i.state) {
            case PENDING -> State.RUNNING;
            case STOPPING -> State.STOPPED;
            case SHUTTING_DOWN -> State.TERMINATED;
            default -> i.state;
        };
    }

    private String runInstances(Map<String, List<String>> form) {
        String token = first(form, "ClientToken");
        if (token != null) {
            for (Instance existing : instances.values()) {
                if (token.equals(existing.clientToken)) {
                    return runResponse(existing.reservationId);
                }
            }
        }
        String image = first(form, "ImageId");
        if (!image.startsWith("ami-")) {
            throw new Ec2Error(400, "InvalidAMIID.Malformed", "Invalid id: \"" + image + "\"");
        }
        String key = first(form, "KeyName");
        if (key != null && !keys.containsKey(key)) {
            throw new Ec2Error(400, "InvalidKeyPair.NotFound", "The key pair '" + key + "' does not exist");
        }
        String zone = first(form, "Placement.AvailabilityZone");
        String reservation = "r-" + next();
        String name = null;
        for (int n = 1; form.containsKey("TagSpecification.1.Tag." + n + ".Key"); n++) {
            if ("Name".equals(first(form, "TagSpecification.1.Tag." + n + ".Key"))) {
                name = first(form, "TagSpecification.1.Tag." + n + ".Value");
            }
        }
        String userData = first(form, "UserData");
        List<String> groups = indexed(form, "SecurityGroupId");
        groups.forEach(network::requireGroup);
        int count = Integer.parseInt(first(form, "MinCount"));
        for (int n = 0; n < count; n++) {
            Instance i = new Instance("i-" + next(), reservation, image,
                    first(form, "InstanceType") == null ? "m1.small" : first(form, "InstanceType"), key,
                    zone == null ? REGION + "a" : zone, token, userData == null ? "" : userData, name);
            if (!groups.isEmpty()) {
                i.groups = groups;
            }
            Ec2VmImportExport.ImportedImage imported = vmImportExport.image(image);
            if (imported != null) {
                Volume root = new Volume("vol-" + next(), imported.sizeGiB(), imported.snapshotId(), i.zone,
                        new String[] {i.id});
                volumes.put(root.id(), root);
                i.rootVolume = root.id();
            }
            instances.put(i.id, i);
            runInstancesLaunches.incrementAndGet();
        }
        return runResponse(reservation);
    }

    private String runResponse(String reservation) {
        StringBuilder xml = new StringBuilder("<reservationId>").append(reservation).append("</reservationId><ownerId>")
                .append(OWNER).append("</ownerId><groupSet/><instancesSet>");
        instances.values().stream().filter(i -> i.reservationId.equals(reservation))
                .forEach(i -> xml.append(instanceXml(i)));
        return wrap("RunInstances", xml.append("</instancesSet>").toString());
    }

    private static String instanceXml(Instance i) {
        String ip = "10.0." + (i.id.hashCode() & 0x7f) + ".10";
        return "<item><instanceId>" + i.id + "</instanceId><imageId>" + i.imageId + "</imageId><instanceState><code>"
                + i.state.code + "</code><name>" + i.state.xmlName() + "</name></instanceState><privateDnsName>ip-"
                + ip.replace('.', '-') + ".ec2.internal</privateDnsName><dnsName/><reason/>"
                + (i.keyName == null ? "" : "<keyName>" + esc(i.keyName) + "</keyName>")
                + "<amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>" + i.type + "</instanceType>"
                + "<launchTime>" + i.launched + "</launchTime><placement><availabilityZone>" + i.zone
                + "</availabilityZone><groupName/><tenancy>default</tenancy></placement><monitoring><state>disabled"
                + "</state></monitoring><privateIpAddress>" + ip + "</privateIpAddress>"
                + (i.state == State.RUNNING ? "<ipAddress>203.0.113." + (i.id.hashCode() & 0x7f) + "</ipAddress>" : "")
                + "<groupSet>" + i.groups.stream().map(g -> "<item><groupId>" + g + "</groupId><groupName>"
                        + g + "</groupName></item>").collect(java.util.stream.Collectors.joining()) + "</groupSet>"
                + "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>"
                + "<rootDeviceName>/dev/xvda</rootDeviceName>" + (i.rootVolume == null ? "<blockDeviceMapping/>"
                        : "<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>" + i.rootVolume
                        + "</volumeId><status>attached</status><attachTime>2026-11-26T12:00:00.000Z</attachTime>"
                        + "<deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>")
                + "<virtualizationType>hvm"
                + "</virtualizationType>" + (i.clientToken == null || i.clientToken.isEmpty() ? ""
                        : "<clientToken>" + esc(i.clientToken) + "</clientToken>")
                + (i.name == null ? "<tagSet/>" : "<tagSet><item><key>Name</key><value>" + esc(i.name)
                        + "</value></item></tagSet>")
                + "<hypervisor>xen</hypervisor></item>";
    }

    private String changeState(String action, Map<String, List<String>> form, State target, State requiredFrom) {
        StringBuilder set = new StringBuilder("<instancesSet>");
        for (String id : indexed(form, "InstanceId")) {
            Instance i = instance(id);
            State previous = i.state;
            if (requiredFrom != null && previous != requiredFrom && previous != target) {
                throw new Ec2Error(400, "IncorrectInstanceState", "The instance '" + id + "' is not in a state from "
                        + "which it can be " + (target == State.PENDING ? "started" : "stopped") + ".");
            }
            if (previous != State.TERMINATED) {
                i.state = target;
            }
            set.append("<item><instanceId>").append(id).append("</instanceId><currentState><code>")
                    .append(i.state.code).append("</code><name>").append(i.state.xmlName())
                    .append("</name></currentState><previousState><code>").append(previous.code)
                    .append("</code><name>").append(previous.xmlName()).append("</name></previousState></item>");
        }
        return wrap(action, set.append("</instancesSet>").toString());
    }

    private String reboot(Map<String, List<String>> form) {
        indexed(form, "InstanceId").forEach(this::instance);
        return wrap("RebootInstances", "<return>true</return>");
    }

    private Instance instance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw new Ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return i;
    }

    private String describeKeyPairs(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "KeyName");
        StringBuilder set = new StringBuilder("<keySet>");
        for (String name : wanted) {
            if (!keys.containsKey(name)) {
                throw new Ec2Error(400, "InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
            }
        }
        keys.forEach((name, key) -> {
            if ((wanted.isEmpty() || wanted.contains(name)) && Ec2NetworkFake.tagFiltersMatch(form, key.tags())) {
                set.append("<item>").append(keyXml(name, key)).append("</item>");
            }
        });
        return wrap("DescribeKeyPairs", set.append("</keySet>").toString());
    }

    private static String keyXml(String name, Key key) {
        return "<keyPairId>" + key.id() + "</keyPairId><keyName>" + esc(name) + "</keyName><keyFingerprint>"
                + key.fingerprint() + "</keyFingerprint>" + Ec2NetworkFake.tagSet(key.tags());
    }

    /** Whether a key pair of this name exists. */
    public synchronized boolean hasKey(String name) {
        return keys.containsKey(name);
    }

    /** How many key pairs exist. */
    public synchronized int keyCount() {
        return keys.size();
    }

    private String createKeyPair(Map<String, List<String>> form) {
        String name = newKey(form);
        return wrap("CreateKeyPair", keyXml(name, keys.get(name)) + "<keyMaterial>" + newPrivateKeyPem()
                + "</keyMaterial>");
    }

    private static String newPrivateKeyPem() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            // EC2 hands out PKCS#1 keys; a 2048-bit key's PKCS#8 wrapping is a fixed 26-byte DER header.
            byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
            return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(
                    StandardCharsets.US_ASCII)).encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String importKeyPair(Map<String, List<String>> form) {
        String material = first(form, "PublicKeyMaterial");
        if (material == null || new String(Base64.getDecoder().decode(material), StandardCharsets.UTF_8).isBlank()) {
            throw new Ec2Error(400, "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
        String name = newKey(form);
        return wrap("ImportKeyPair", keyXml(name, keys.get(name)));
    }

    private String newKey(Map<String, List<String>> form) {
        String name = first(form, "KeyName");
        if (keys.containsKey(name)) {
            throw new Ec2Error(400, "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        keys.put(name, new Key("key-" + next(), String.format(
                "%02x:4e:1c:aa:8b:0f:61:5a:2e:9d:41:07:c3:55:6a:e2:10:bd:f4:38", name.length() & 0xff),
                Ec2NetworkFake.tags(form)));
        return name;
    }

    private String deleteKeyPair(Map<String, List<String>> form) {
        keys.remove(first(form, "KeyName"));
        return wrap("DeleteKeyPair", "<return>true</return>");
    }

    private String describeVolumes(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "VolumeId");
        for (String id : wanted) {
            volume(id);
        }
        StringBuilder set = new StringBuilder("<volumeSet>");
        volumes.values().stream().filter(v -> wanted.isEmpty() || wanted.contains(v.id()))
                .forEach(v -> set.append("<item>").append(volumeXml(v, v.attachedTo()[0] == null ? "available"
                        : "in-use")).append("</item>"));
        return wrap("DescribeVolumes", set.append("</volumeSet>").toString());
    }

    private static String volumeXml(Volume v, String status) {
        String instance = v.attachedTo()[0];
        return "<volumeId>" + v.id() + "</volumeId><size>" + v.size() + "</size><snapshotId>" + v.snapshotId()
                + "</snapshotId><availabilityZone>" + v.zone() + "</availabilityZone><status>" + status
                + "</status><createTime>2026-11-26T12:00:00.000Z</createTime>"
                + (instance == null ? "<attachmentSet/>" : "<attachmentSet><item><volumeId>" + v.id()
                        + "</volumeId><instanceId>" + instance + "</instanceId><device>/dev/sdf</device><status>"
                        + "attached</status><attachTime>2026-11-26T12:05:00.000Z</attachTime><deleteOnTermination>"
                        + "false</deleteOnTermination></item></attachmentSet>")
                + "<volumeType>gp3</volumeType><encrypted>false</encrypted>";
    }

    private String createVolume(Map<String, List<String>> form) {
        String snapshot = first(form, "SnapshotId");
        int size = first(form, "Size") != null ? Integer.parseInt(first(form, "Size"))
                : snapshot(snapshot).size();
        Volume v = new Volume("vol-" + next(), size, snapshot == null ? "" : snapshot,
                first(form, "AvailabilityZone"), new String[] {null});
        volumes.put(v.id(), v);
        return wrap("CreateVolume", volumeXml(v, "creating"));
    }

    private String deleteVolume(Map<String, List<String>> form) {
        Volume v = volume(first(form, "VolumeId"));
        if (v.attachedTo()[0] != null) {
            throw new Ec2Error(400, "VolumeInUse", "Volume " + v.id() + " is currently attached to "
                    + v.attachedTo()[0]);
        }
        volumes.remove(v.id());
        return wrap("DeleteVolume", "<return>true</return>");
    }

    private String attachVolume(Map<String, List<String>> form, boolean attach) {
        Volume v = volume(first(form, "VolumeId"));
        String instance = attach ? instance(first(form, "InstanceId")).id : v.attachedTo()[0];
        if (!attach && instance == null) {
            throw new Ec2Error(400, "IncorrectState", "Volume '" + v.id() + "' is in the 'available' state.");
        }
        v.attachedTo()[0] = attach ? instance : null;
        return wrap(attach ? "AttachVolume" : "DetachVolume", "<volumeId>" + v.id() + "</volumeId><instanceId>"
                + instance + "</instanceId><device>" + (attach ? first(form, "Device") : "/dev/sdf")
                + "</device><status>" + (attach ? "attaching" : "detaching")
                + "</status><attachTime>2026-11-26T12:05:00.000Z</attachTime>");
    }

    private Volume volume(String id) {
        Volume v = volumes.get(id);
        if (v == null) {
            throw new Ec2Error(400, "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
        }
        return v;
    }

    private String describeSnapshots(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "SnapshotId");
        for (String id : wanted) {
            snapshot(id);
        }
        StringBuilder set = new StringBuilder("<snapshotSet>");
        snapshots.values().stream().filter(s -> wanted.isEmpty() || wanted.contains(s.id()))
                .filter(s -> Ec2NetworkFake.tagFiltersMatch(form, s.tags()))
                .forEach(s -> set.append("<item>").append(snapshotXml(s, "completed", "100%")).append("</item>"));
        return wrap("DescribeSnapshots", set.append("</snapshotSet>").toString());
    }

    private static String snapshotXml(Snapshot s, String status, String progress) {
        return "<snapshotId>" + s.id() + "</snapshotId><volumeId>" + s.volumeId() + "</volumeId><status>" + status
                + "</status><startTime>2026-11-26T12:10:00.000Z</startTime><progress>" + progress + "</progress>"
                + "<ownerId>" + OWNER + "</ownerId><volumeSize>" + s.size() + "</volumeSize><description>"
                + esc(s.description()) + "</description><encrypted>false</encrypted>" + Ec2NetworkFake.tagSet(s.tags());
    }

    private String createSnapshot(Map<String, List<String>> form) {
        Volume v = volume(first(form, "VolumeId"));
        String description = first(form, "Description");
        Snapshot s = new Snapshot("snap-" + next(), v.id(), v.size(), description == null ? "" : description,
                Ec2NetworkFake.tags(form));
        snapshots.put(s.id(), s);
        return wrap("CreateSnapshot", snapshotXml(s, "pending", "0%"));
    }

    private String deleteSnapshot(Map<String, List<String>> form) {
        snapshots.remove(snapshot(first(form, "SnapshotId")).id());
        return wrap("DeleteSnapshot", "<return>true</return>");
    }

    /** How many snapshots were taken of this volume. */
    public synchronized long snapshotsOf(String volumeId) {
        return snapshots.values().stream().filter(s -> s.volumeId().equals(volumeId)).count();
    }

    private Snapshot snapshot(String id) {
        Snapshot s = snapshots.get(id);
        if (s == null) {
            throw new Ec2Error(400, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
        }
        return s;
    }

    private String next() {
        return String.format("0%016x", ids.incrementAndGet());
    }

    static String wrap(String action, String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + action
                + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"
                + "59dbff89-35bd-4eac-99ed-be587example</requestId>" + content + "</" + action + "Response>";
    }

    static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static List<String> indexed(Map<String, List<String>> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + "." + n); n++) {
            values.add(first(form, prefix + "." + n));
        }
        return values;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
