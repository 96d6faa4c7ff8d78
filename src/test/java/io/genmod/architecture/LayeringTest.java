package io.genmod.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The numerics know nothing of the framework or of JSON; the registry knows nothing of the web layer. */
class LayeringTest {

    private static final String[] NUMERICS = {"io.genmod.core..", "io.genmod.math..", "io.genmod.mixture..",
            "io.genmod.histogram..", "io.genmod.kde..", "io.genmod.classify..", "io.genmod.bayesnet..",
            "io.genmod.selection.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.genmod");

    @Test
    void numericsDoNotDependOnSpringOrJackson() {
        noClasses().that().resideInAnyPackage(NUMERICS)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..",
                        "com.fasterxml..", "jakarta..", "io.swagger..")
                .check(classes);
    }

    @Test
    void numericsDoNotDependOnTheWebLayerOrRegistry() {
        noClasses().that().resideInAnyPackage(NUMERICS)
                .should().dependOnClassesThat().resideInAnyPackage("io.genmod.api..", "io.genmod.registry..")
                .check(classes);
    }

    @Test
    void registryDoesNotDependOnTheWebLayerOrSpring() {
        noClasses().that().resideInAPackage("io.genmod.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genmod.api..", "org.springframework..")
                .check(classes);
    }
}
