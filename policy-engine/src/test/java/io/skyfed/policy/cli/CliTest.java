package io.skyfed.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.policy.io.Documents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as documented in the README, in process, on the checked-in examples. */
class CliTest {

    private static final String POLICY = "examples/policy.yaml";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkyfedPolicy.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run r) {
        assertThat(r.code()).isNotZero();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void checkAcceptsTheExamplePolicies() {
        for (String policy : new String[] {POLICY, "examples/burst-policy.yaml"}) {
            Run r = run("check", policy);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("ok");
        }
    }

    @Test
    void checkPrintsEveryErrorLocatedOnePerLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nfilters:\n  - name: a\n    expr: site.nope\n"
                + "  - name: b\n    expr: workload.size.vcpu + 'x' > 1\n");
        Run r = run("check", bad.toString());
        assertThat(r.code()).isEqualTo(SkyfedPolicy.INVALID_INPUT);
        assertThat(r.err().lines()).hasSize(2).allSatisfy(l -> assertThat(l).matches(".*bad\\.yaml:\\d+:\\d+: .*"));
        assertThat(r.err()).contains("bad.yaml:4:").contains("bad.yaml:6:");
    }

    @Test
    void decidePrintsJsonDecisionsForTheExampleState() throws Exception {
        Run r = run("decide", "--policy", POLICY, "--state", "examples/state.json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Documents.json().readTree(r.out());
        assertThat(json.get("policy").asText()).isEqualTo("hybrid-default");
        assertThat(json.get("activeTriggers")).hasSize(1);
        assertThat(json.get("decisions")).hasSize(4);
        JsonNode web2 = decision(json, "web-2");
        assertThat(web2.get("action").asText()).isEqualTo("burst");
        assertThat(web2.get("target").asText()).isEqualTo("aws-eu-west-1");
        assertThat(web2.get("rejections").get("onprem-paris").get(0).asText()).isEqualTo("anti-affinity");
        JsonNode ledger = decision(json, "ledger-db");
        assertThat(ledger.get("action").asText()).isEqualTo("reject");
        assertThat(ledger.get("rejections").get("aws-eu-west-1").toString()).contains("confidential-on-premise");
        assertThat(decision(json, "web-1").get("breakdown").get("cost")).isNotNull();
    }

    private static JsonNode decision(JsonNode json, String workload) {
        for (JsonNode d : json.get("decisions")) {
            if (d.get("workload").asText().equals(workload)) {
                return d;
            }
        }
        throw new AssertionError("no decision for " + workload);
    }

    @Test
    void simulateReportsMovesAndCostForTheExampleTrace() throws Exception {
        Run r = run("simulate", "--policy", "examples/burst-policy.yaml", "--trace", "examples/trace.json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Documents.json().readTree(r.out());
        assertThat(json.get("bursts").asLong()).isEqualTo(2);
        assertThat(json.get("moves").asLong()).isEqualTo(2);
        assertThat(json.get("egressCost").asDouble()).isEqualTo(18.0);
        assertThat(json.get("timeline")).hasSize(6);
    }

    @Test
    void benchPrintsThroughputAndLatencyPercentiles() {
        Run r = run("bench", "--workloads", "300", "--sites", "40", "--rules", "5", "--rounds", "1", "--warmup",
                "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("decisions/s").containsPattern("p50 [0-9.]+us +p90 [0-9.]+us +p99");
    }

    @Test
    void errorsAreOneLineWithoutStackTraces(@TempDir Path dir) throws Exception {
        assertOneLineError(run("decide", "--policy", POLICY, "--state", dir.resolve("missing.json").toString()));
        assertOneLineError(run("decide", "--policy", POLICY));
        assertOneLineError(run("frobnicate"));
        assertOneLineError(run("bench", "--workloads", "0"));
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"time\": \"2026-11-26T12:00:00Z\", \"sites\": [{\"id\": \"a\", "
                + "\"kind\": \"onPremise\", \"colour\": \"red\"}]}");
        Run unknown = run("decide", "--policy", POLICY, "--state", state.toString());
        assertOneLineError(unknown);
        assertThat(unknown.err()).contains("state.json:1:").contains("unknown field 'colour'");
        Files.writeString(state, "{\"time\": \"yesterday\"}");
        assertOneLineError(run("decide", "--policy", POLICY, "--state", state.toString()));
        Files.writeString(state, "{\"time\": \"2026-11-26T12:00:00Z\", \"sites\": [{\"id\": \"a\", "
                + "\"kind\": \"onPremise\", \"capacity\": {\"vcpu\": -4}}]}");
        assertOneLineError(run("decide", "--policy", POLICY, "--state", state.toString()));
    }
}
