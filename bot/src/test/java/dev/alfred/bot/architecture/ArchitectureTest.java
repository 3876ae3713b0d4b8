package dev.alfred.bot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of DESIGN.md section 2, checked on the compiled main classes of all four modules (the way
 * JobRunr's {@code PackageDependenciesTest} checks its own). A rule that breaks fails the build with the offending
 * dependencies listed.
 */
@AnalyzeClasses(packages = "dev.alfred", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.alfred.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule policiesDependOnlyOnTheJdkAndJackson = classes().that()
            .resideInAPackage("dev.alfred.policies..").should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.alfred.policies..", "java..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule agentsNeverUseSlackOrJobRunr = noClasses().that().resideInAPackage("dev.alfred.agents..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "org.jobrunr..");

    @ArchTest
    static final ArchRule langChain4jOnlyInTheModelAdapters = noClasses().that()
            .resideOutsideOfPackage("dev.alfred.agents.model..").should().dependOnClassesThat()
            .resideInAPackage("dev.langchain4j..");

    @ArchTest
    static final ArchRule theDemoOnlyFromTheEntryPoint = noClasses().that()
            .resideOutsideOfPackages("dev.alfred.bot", "dev.alfred.bot.demo..").should().dependOnClassesThat()
            .resideInAPackage("dev.alfred.bot.demo..");

    @ArchTest
    static final ArchRule slackWebOnlyInBot = noClasses().that().resideInAnyPackage("dev.alfred.policies..",
            "dev.alfred.agents..",
                    "dev.alfred.jobs..").should().dependOnClassesThat().resideInAPackage("dev.alfred.bot..");
}
