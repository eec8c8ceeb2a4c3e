package com.wxqr.mp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The library stays a library: plain Java, Jackson and SLF4J, usable from any framework or none. */
@AnalyzeClasses(packages = "com.wxqr.mp", importOptions = ImportOption.DoNotIncludeTests.class)
class FrameworkFreeTest {
    @ArchTest
    static final ArchRule dependsOnNoFramework = noClasses()
            .that()
            .resideInAPackage("com.wxqr.mp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta..",
                    "javax.servlet..",
                    "io.micrometer..",
                    "com.wxqr.app..",
                    "com.wxqr.emulator..")
            .because("the mp library must not pull a framework into the applications that use it");
}
