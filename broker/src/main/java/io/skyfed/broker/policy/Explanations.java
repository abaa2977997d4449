package io.skyfed.broker.policy;

import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One line a person can read: what the engine decided, why, how the target scored, and what ruled out the rest. */
final class Explanations {

    private Explanations() {
    }

    static String of(Decision decision, Decisions batch) {
        StringBuilder text = new StringBuilder(decision.action().name().toLowerCase(Locale.ROOT));
        if (decision.from() != null) {
            text.append(" from ").append(decision.from());
        }
        if (decision.target() != null) {
            text.append(" to ").append(decision.target())
                    .append(String.format(Locale.ROOT, " (score %.1f)", decision.score()));
        }
        text.append(": ").append(decision.reason());
        if (decision.breakdown() != null && !decision.breakdown().isEmpty()) {
            text.append("; scores ").append(decision.breakdown().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        if (decision.rejections() != null) {
            Map<String, List<String>> rejected = decision.rejections().bySite();
            if (!rejected.isEmpty()) {
                text.append("; not admitted: ").append(rejected.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!batch.activeTriggers().isEmpty()) {
            text.append("; active burst triggers ").append(batch.activeTriggers());
        }
        text.append("; policy ").append(batch.policy()).append(" v").append(batch.policyVersion());
        return text.toString();
    }
}
