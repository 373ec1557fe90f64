package dev.bearerguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module rules of {@code ARCHITECTURE.md}, checked on each shipped module's own main classes
 * (read from its {@code target/classes}, so a class is judged by the module it lives in, not by a
 * shaded jar that bundles core):
 * <ul>
 *   <li>{@code dev.bearerguard.core.internal} is core's alone: no other module reads the parser,
 *       the pipeline's checks or the EC arithmetic (public API lives in core's other packages,
 *       {@code core.json} for the strict JSON reader);</li>
 *   <li>core knows no framework ({@code jakarta.*}) and no module built on it;</li>
 *   <li>the two adapters do not know each other, and the Redis store knows neither.</li>
 * </ul>
 * The benchmarks are left out on purpose: they measure internals.
 */
class ModuleRulesTest {

    private static final List<String> BUILT_ON_CORE =
            List.of("replay-redis", "servlet-filter", "jaxrs-provider", "cli", "sample-webapp", "contract-tests",
                    "micrometer", "test-kit");

    static List<String> builtOnCore() {
        return BUILT_ON_CORE;
    }

    /** A module's main classes; fails (never skips) when the module was not built first. */
    static JavaClasses module(String dir) {
        Path classes = Path.of("..", dir, "target", "classes").toAbsolutePath().normalize();
        assertThat(classes).as("%s is built before the architecture tests (the pom orders it)", dir).isDirectory();
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertThat(imported).as("classes of %s", dir).isNotEmpty();
        return imported;
    }

    @ParameterizedTest(name = "{0} does not read core.internal")
    @MethodSource("builtOnCore")
    void onlyCoreReadsCoreInternal(String dir) {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.bearerguard.core.internal..")
                .because("core.internal is not API; what a module needs from it belongs in a public core package")
                .check(module(dir));
    }

    @Test
    void coreKnowsNoFrameworkAndNoModuleBuiltOnIt() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax.servlet..", "javax.ws.rs..", "org.eclipse.jetty..", "org.glassfish..",
                        "org.apache.catalina..", "org.jboss.resteasy..", "picocli..", "io.lettuce..",
                        "dev.bearerguard.servlet..", "dev.bearerguard.jaxrs..", "dev.bearerguard.cli..",
                        "dev.bearerguard.sample..", "dev.bearerguard.replay.redis..", "dev.bearerguard.contract..",
                        "io.micrometer..", "dev.bearerguard.micrometer..")
                .because("every decision is made once in core, which any adapter can then carry");
        rule.check(module("core"));
    }

    @Test
    void theServletFilterDoesNotKnowTheJaxRsProvider() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.bearerguard.jaxrs..", "dev.bearerguard.replay.redis..")
                .because("adapters translate requests for core; a shared decision belongs in core")
                .check(module("servlet-filter"));
    }

    @Test
    void theJaxRsProviderDoesNotKnowTheServletFilter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.bearerguard.servlet..", "dev.bearerguard.replay.redis..")
                .because("adapters translate requests for core; a shared decision belongs in core")
                .check(module("jaxrs-provider"));
    }

    @Test
    void theRedisStoreKnowsNoAdapterAndNoServletApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "dev.bearerguard.servlet..", "dev.bearerguard.jaxrs..", "dev.bearerguard.sample..")
                .because("a replay store plugs into core's ReplayStoreProvider and serves every adapter")
                .check(module("replay-redis"));
    }

    @Test
    void theMetricsBindingKnowsNoAdapterAndNoServletApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "dev.bearerguard.servlet..", "dev.bearerguard.jaxrs..", "dev.bearerguard.sample..",
                        "dev.bearerguard.replay.redis..")
                .because("the metrics binding hears core's listener, which every adapter and store reports to")
                .check(module("micrometer"));
    }

    @Test
    void everyModuleBuiltOnCoreIsChecked() throws Exception {
        try (var dirs = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            List<String> withMainCode = dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java/dev/bearerguard")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("core") && !n.equals("benchmarks"))
                    .toList();
            assertThat(BUILT_ON_CORE).as("a new module is added to the rules above").containsExactlyInAnyOrderElementsOf(withMainCode);
        }
    }
}
