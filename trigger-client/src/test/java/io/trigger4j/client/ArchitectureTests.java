package io.trigger4j.client;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's package layout: the entry point and implementations at the root over
 * {@code model.<resource>}, {@code error}, {@code observation} and the leaf
 * {@code internal}, with no cycles.
 */
class ArchitectureTests {

	private static final String ROOT = "io.trigger4j.client";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/**
	 * The root package's public types; everything else there is an implementation detail.
	 */
	private static final Set<String> PUBLIC_ROOT_TYPES = Set.of("TriggerClient", "TriggerClient$Builder",
			"TriggerOperations", "TasksOperations", "RunsOperations", "SchedulesOperations", "EnvVarsOperations",
			"QueuesOperations", "DeploymentsOperations", "WaitpointsOperations", "BatchesOperations", "QueryOperations",
			"IdempotencyKeysOperations", "IdempotencyKeys", "AuthOperations", "TriggerRetrySettings",
			"TriggerEnvironmentType", "RequestOptions", "RequestOptions$Builder", "Credential");

	@Test
	void classesWereImported() {
		assertThat(CLASSES.containPackage(ROOT + ".model.runs")).isTrue();
		assertThat(CLASSES.size()).isGreaterThan(50);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void onlyTheRootDependsOnTheRoot() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT)
			.check(CLASSES);
	}

	@Test
	void internalIsALeaf() {
		noClasses().that()
			.resideInAPackage(ROOT + ".internal..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".model..", ROOT + ".error..", ROOT + ".observation..")
			.check(CLASSES);
	}

	@Test
	void errorsAndObservationsDependOnNoModel() {
		noClasses().that()
			.resideInAnyPackage(ROOT + ".error..", ROOT + ".observation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".model..")
			.check(CLASSES);
	}

	@Test
	void observationsDependOnNothingElseOfTheClient() {
		noClasses().that()
			.resideInAPackage(ROOT + ".observation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".error..", ROOT + ".internal..")
			.check(CLASSES);
	}

	@Test
	void theRootExposesOnlyTheEntryPointOperationsAndSettings() {
		classes().that()
			.resideInAPackage(ROOT)
			.and()
			.haveModifier(JavaModifier.PUBLIC)
			.should()
			.haveNameMatching(
					ROOT.replace(".", "\\.") + "\\.(" + String.join("|", PUBLIC_ROOT_TYPES).replace("$", "\\$") + ")")
			.check(CLASSES);
	}

}
