package io.trigger4j.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.trigger4j.client.aot.TriggerClientRuntimeHints;
import io.trigger4j.client.model.ServerEnum;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's runtime hints, found through {@code META-INF/spring/aot.factories}, cover
 * every type Jackson reads or writes: found by scanning the client's classes, so that a
 * new record cannot be forgotten.
 */
class RuntimeHintsTests {

	private static final String ROOT = "io.trigger4j.client";

	/**
	 * The client's records that never meet Jackson, by name relative to the root package.
	 * A new record is either registered or added here.
	 */
	private static final Set<String> NOT_JSON = Set.of("ApiCall", "ApiCall$RawBody", "CursorPager$Fetched",
			"CursorPager$Outline", "DeadlineTimer$Checked", "Operation$LastUri",
			"DefaultAuthOperations$ClaimsCache$Entry", "RunShapeRows$Column", "RunShapeStream$Answer",
			"RunShapeStream$Feed", "RunShapeStream$SingleRun", "StorageHttp$Answer", "TriggerHttp$NotSent",
			"TriggerHttp$Shared", "TriggerRetrySettings", "error.TriggerApiException$MaskedBody", "error.RateLimit");

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void theRegistrarIsListedInAotFactories() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(TriggerClientRuntimeHints.class);
	}

	@Test
	void everyTypeJacksonTouchesIsRegistered() {
		RuntimeHints hints = registeredHints();
		List<Class<?>> types = jsonTypes();
		assertThat(types).as("types found by the scan").hasSizeGreaterThan(100);
		List<String> missing = new ArrayList<>();
		for (Class<?> type : types) {
			if (!RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_DECLARED_METHODS)
				.test(hints)) {
				missing.add(type.getName());
			}
		}
		assertThat(missing).as("types without reflection hints").isEmpty();
	}

	@Test
	void everyRecordsConstructorAndAccessorsAreInvocable() {
		RuntimeHints hints = registeredHints();
		List<String> missing = new ArrayList<>();
		for (Class<?> type : jsonTypes()) {
			if (!type.isRecord()) {
				continue;
			}
			RecordComponent[] components = type.getRecordComponents();
			Class<?>[] parameterTypes = new Class<?>[components.length];
			for (int i = 0; i < components.length; i++) {
				parameterTypes[i] = components[i].getType();
				if (!RuntimeHintsPredicates.reflection().onMethodInvocation(components[i].getAccessor()).test(hints)) {
					missing.add(type.getName() + "#" + components[i].getName() + "()");
				}
			}
			Constructor<?> canonical = canonicalConstructor(type, parameterTypes);
			if (!RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical).test(hints)) {
				missing.add(type.getName() + " canonical constructor");
			}
		}
		assertThat(missing).as("record members without hints").isEmpty();
	}

	@Test
	void theDeserializersJacksonInstantiatesAreRegistered() {
		RuntimeHints hints = registeredHints();
		List<Class<?>> deserializers = CLASSES.stream()
			.map(JavaClass::reflect)
			.filter((type) -> type.isAnnotationPresent(JsonDeserialize.class))
			.<Class<?>>map((type) -> type.getAnnotation(JsonDeserialize.class).using())
			.toList();
		assertThat(deserializers).hasSizeGreaterThanOrEqualTo(2);
		assertThat(deserializers).allSatisfy((deserializer) -> assertThat(RuntimeHintsPredicates.reflection()
			.onType(deserializer)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.test(hints)).as(deserializer.getName()).isTrue());
	}

	@Test
	void theRecordsLeftOutExistAndAreRecords() {
		Set<String> records = new TreeSet<>();
		CLASSES.stream().map(JavaClass::reflect).filter(Class::isRecord).forEach((type) -> records.add(relative(type)));
		assertThat(records).containsAll(NOT_JSON);
	}

	/**
	 * Every record of the client but those in {@link #NOT_JSON}, every class read through
	 * {@code @JsonDeserialize}, every enum of the model and every {@link ServerEnum}
	 * (read through its {@code @JsonCreator}).
	 */
	private static List<Class<?>> jsonTypes() {
		return CLASSES.stream().map(JavaClass::reflect).filter((type) -> {
			if (type.isRecord()) {
				return !NOT_JSON.contains(relative(type));
			}
			if (type.isAnnotationPresent(JsonDeserialize.class)) {
				return true;
			}
			boolean model = type.getPackageName().startsWith(ROOT + ".model");
			return model && (type.isEnum() || (ServerEnum.class.isAssignableFrom(type) && type != ServerEnum.class));
		}).toList();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new TriggerClientRuntimeHints().registerHints(hints, RuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	private static String relative(Class<?> type) {
		return type.getName().substring(ROOT.length() + 1);
	}

	private static Constructor<?> canonicalConstructor(Class<?> type, Class<?>[] parameterTypes) {
		try {
			return type.getDeclaredConstructor(parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("No canonical constructor on " + type, ex);
		}
	}

}
