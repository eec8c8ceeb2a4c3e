package com.wxqr.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

/**
 * The boundaries the app's design relies on, checked on the compiled classes: feature packages
 * depend on each other one way, nothing but the demo knows the demo, controllers go through a
 * feature's services rather than into another feature's SQL, and Spring components are classes.
 */
@AnalyzeClasses(packages = "com.wxqr.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String APP = "com.wxqr.app.";

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("com.wxqr.app.(*)..").namingSlices("$1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noFeatureImportsTheDemo = noClasses()
            .that()
            .resideOutsideOfPackage("com.wxqr.app.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.wxqr.app.demo..")
            .because("the demo plugs into the app through beans and conditions; the app runs without it");

    @ArchTest
    static final ArchRule controllersReachOnlyTheirOwnFeaturesRepositories = classes()
            .that()
            .areMetaAnnotatedWith(Controller.class)
            .should(reachOnlyRepositoriesOfTheirOwnFeature())
            .because("another feature's data is read and changed through that feature's services");

    @ArchTest
    static final ArchRule springComponentsAreNotRecords = noClasses()
            .that()
            .areMetaAnnotatedWith(Component.class)
            .should()
            .beAssignableTo(Record.class)
            .because("records are for values: a component's collaborators would become its public accessors, "
                    + "and @Transactional cannot proxy a final class");

    private static ArchCondition<JavaClass> reachOnlyRepositoriesOfTheirOwnFeature() {
        return new ArchCondition<>("reach only the repositories of their own feature") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (isRepository(target) && !feature(target).equals(feature(controller))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean isRepository(JavaClass javaClass) {
        return javaClass.getPackageName().startsWith(APP)
                && (javaClass.getSimpleName().endsWith("Repository")
                        || javaClass.isMetaAnnotatedWith(Repository.class));
    }

    /** The feature package a class belongs to: {@code quote} for {@code com.wxqr.app.quote.Quotes}. */
    private static String feature(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(APP)) {
            return name;
        }
        int dot = name.indexOf('.', APP.length());
        return dot < 0 ? name.substring(APP.length()) : name.substring(APP.length(), dot);
    }
}
