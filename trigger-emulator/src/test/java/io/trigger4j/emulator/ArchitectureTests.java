package io.trigger4j.emulator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's layout: the public API at the root over {@code api} (HTTP, parsing,
 * rendering) over {@code engine} (state, time, rules).
 */
class ArchitectureTests {

	private static final String ROOT = "io.trigger4j.emulator";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void classesWereImported() {
		assertThat(CLASSES.containPackage(ROOT + ".engine")).isTrue();
		assertThat(CLASSES.containPackage(ROOT + ".api")).isTrue();
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theEngineDependsOnNothingElseOfTheEmulatorAndNothingOfHttp() {
		noClasses().that()
			.resideInAPackage(ROOT + ".engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".api..", "org.springframework..", "reactor.netty..")
			.check(CLASSES);
	}

	@Test
	void theEngineNeverParsesJson() {
		noClasses().that()
			.resideInAPackage(ROOT + ".engine..")
			.should()
			.callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a JSON read",
					(call) -> call.getTargetOwner().getPackageName().startsWith("tools.jackson")
							&& (call.getName().startsWith("read") || call.getName().equals("treeToValue")
									|| call.getName().equals("convertValue"))))
			.check(CLASSES);
	}

	@Test
	void theApiLayerDependsNotOnTheRoot() {
		noClasses().that()
			.resideInAPackage(ROOT + ".api..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT)
			.check(CLASSES);
	}

	@Test
	void theApiLayerReadsNoFieldOfTheEngine() {
		noClasses().that()
			.resideInAPackage(ROOT + ".api..")
			.should()
			.accessFieldWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a field of the engine",
					(access) -> access.getTargetOwner().getPackageName().startsWith(ROOT + ".engine")
							&& access.getTarget()
								.resolveMember()
								.map((field) -> !field.getModifiers().contains(JavaModifier.STATIC))
								.orElse(true)))
			.check(CLASSES);
	}

}
