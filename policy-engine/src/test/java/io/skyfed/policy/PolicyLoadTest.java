package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Load-time checks: every error names file, line and column. */
class PolicyLoadTest {

    private static List<LocatedError> errors(String yaml) {
        try {
            engine(yaml);
        } catch (InvalidDocumentException e) {
            return e.errors();
        }
        throw new AssertionError("the policy loaded");
    }

    @Test
    void aValidPolicyLoadsWithItsNameAndVersion() {
        PolicyEngine e = engine("name: p\nversion: 7\nfilters:\n  - name: eu\n    expr: site.jurisdiction == 'EU'\n");
        assertThat(e.name()).isEqualTo("p");
        assertThat(e.version()).isEqualTo(7);
    }

    @Test
    void unknownFieldIsLocatedAndListsTheKnownOnes() {
        List<LocatedError> errors = errors("name: p\nscorers:\n  - name: s\n    weigth: 2\n    expr: '1.0'\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("test.yaml");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.message()).contains("unknown field 'weigth'").contains("weight");
        });
    }

    @Test
    void wrongTypeIsLocated() {
        List<LocatedError> errors = errors("name: p\nversion: [1]\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("version");
        });
    }

    @Test
    void badDurationAndRatioAreLocated() {
        assertThat(errors("name: p\nstability:\n  minDwell: soon\n")).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("test.yaml:3:").contains("duration"));
        assertThat(errors("name: p\nmigrations:\n  - name: m\n    cheaperBy: 150%\n")).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("test.yaml:4:").contains("between 0 and 1"));
    }

    @Test
    void celTypeErrorPointsInsideTheExpression() {
        List<LocatedError> errors = errors("name: p\nfilters:\n  - name: f\n    expr: site.capacity.vcpu > 'many'\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            // "    expr: " is 10 characters; the operator '>' is at column 30 of the file.
            assertThat(e.column()).isEqualTo(30);
            assertThat(e.message()).contains("rule 'f'").contains("no matching overload");
        });
    }

    @Test
    void celErrorsInBlockScalarsMapToTheirLine() {
        List<LocatedError> errors = errors("name: p\nscorers:\n  - name: s\n    expr: |\n      1.0 +\n"
                + "        site.nope\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.column()).isEqualTo(13);
            assertThat(e.message()).contains("undefined field 'nope'");
        });
    }

    @Test
    void everyCelErrorIsReportedNotJustTheFirst() {
        List<LocatedError> errors = errors("name: p\nfilters:\n  - name: a\n    expr: site.x\n"
                + "  - name: b\n    expr: workload.y == 1\n");
        assertThat(errors).extracting(LocatedError::line).containsExactly(4, 6);
    }

    @Test
    void ruleResultTypeIsChecked() {
        assertThat(errors("name: p\nfilters:\n  - name: f\n    expr: site.capacity.vcpu\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must evaluate to bool"));
        assertThat(errors("name: p\nscorers:\n  - name: s\n    expr: site.onPremise\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must evaluate to a number"));
    }

    @Test
    void aRuleWhoseCostCouldExceedTheBoundIsRefused() {
        String nested = "name: p\nlimits:\n  maxRuleCost: 5000\nfilters:\n  - name: pairs\n"
                + "    expr: site.tags.exists(t, workload.tags.exists(u, t == u))\n";
        assertThat(errors(nested)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.message()).contains("estimated cost").contains("exceeds the limit of 5000");
        });
        String flat = "name: p\nlimits:\n  maxRuleCost: 5000\nfilters:\n  - name: one\n"
                + "    expr: site.tags.exists(t, t == 'gpu')\n";
        assertThat(engine(flat).name()).isEqualTo("p");
    }

    @Test
    void namesAreUniqueAcrossPluginsRulesTriggersAndMigrations() {
        assertThat(errors("name: p\nfilters:\n  - name: cost\n    expr: 'true'\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("used twice"));
    }

    @Test
    void unknownPluginAndBadArgumentsAreLocated() {
        assertThat(errors("name: p\nplugins:\n  - name: magic\n")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("unknown plugin 'magic'").contains("residency");
        });
        assertThat(errors("name: p\nplugins:\n  - name: cost\n    args: {amortiseHours: -1}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("amortiseHours"));
        assertThat(errors("name: p\nplugins:\n  - name: residency\n    weight: 2\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is a filter"));
    }

    @Test
    void tenantsCannotDisableProtectedPlugins() {
        assertThat(errors("name: p\ntenants:\n  t1:\n    disable: [residency, nothing]\n"))
                .extracting(LocatedError::message)
                .anySatisfy(m -> assertThat(m).contains("'residency' is protected"))
                .anySatisfy(m -> assertThat(m).contains("cannot disable 'nothing'"));
    }

    @Test
    void triggersAndMigrationsNeedExactlyOneCondition() {
        assertThat(errors("name: p\nburst:\n  triggers:\n    - name: t\n      pendingAbove: 1\n"
                + "      utilisationAbove: 0.5\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("exactly one of"));
        assertThat(errors("name: p\nmigrations:\n  - name: m\n    for: 1h\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("exactly one of"));
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysAreLocated() {
        assertThat(errors("name: p\nfilters: [\n")).singleElement()
                .satisfies(e -> assertThat(e.line()).isPositive());
        assertThat(errors("name: p\nname: q\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).containsIgnoringCase("duplicate"));
    }

    @Test
    void missingRequiredFieldsAreReported() {
        assertThat(errors("version: 1\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("missing required field 'name'"));
        assertThat(errors("name: p\nfilters:\n  - name: f\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'expr'"));
    }

    @Test
    void hostileYamlIsRefusedCleanly() {
        StringBuilder bomb = new StringBuilder("name: p\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a]\n");
        }
        assertThatThrownBy(() -> engine(bomb.toString())).isInstanceOf(InvalidDocumentException.class);
        String deep = "name: p\nx: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> engine(deep)).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> engine("")).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void invalidNamesAreRefused() {
        assertThat(errors("name: 'Bad Name'\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("lower-case"));
    }
}
