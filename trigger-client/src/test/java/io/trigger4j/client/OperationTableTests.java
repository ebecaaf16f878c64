package io.trigger4j.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the operation table against the vendored OpenAPI contract
 * ({@code contract/trigger-v3-openapi.yaml}), and the README's operation table against
 * the operation table.
 */
class OperationTableTests {

	private static final Path CONTRACT = Path.of("..", "contract", "trigger-v3-openapi.yaml");

	private static final Path README = Path.of("..", "README.md");

	/** The operation ids of the rows for routes outside the contract. */
	private static final String OUTSIDE_PREFIX = "sdk_";

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	/** The document's operations by operationId. */
	private static final Map<String, DocumentedOperation> DOCUMENT = readContract();

	record DocumentedOperation(String operationId, String method, String path, Set<Credential> credentials) {
	}

	@Test
	void everyOperationOfTheContractIsInTheTable() {
		Set<String> inTable = EnumSet.allOf(Operation.class)
			.stream()
			.map(Operation::operationId)
			.collect(Collectors.toSet());
		assertThat(DOCUMENT).hasSize(44);
		assertThat(inTable.stream().filter((id) -> !id.startsWith(OUTSIDE_PREFIX)))
			.as("the table's operations against the contract's")
			.containsExactlyInAnyOrderElementsOf(DOCUMENT.keySet());
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void eachRowOutsideTheContractIsAKnownDifference(Operation row) {
		if (!row.operationId().startsWith(OUTSIDE_PREFIX)) {
			return;
		}
		assertThat(DOCUMENT).as("%s is in the contract", row.operationId()).doesNotContainKey(row.operationId());
		assertThat(ContractDeviations.OUTSIDE_CONTRACT).as("%s in ContractDeviations.OUTSIDE_CONTRACT", row)
			.anyMatch((route) -> route.method().equals(row.method().name())
					&& shape(route.path()).equals(shape(row.pathTemplate())));
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void eachRowMatchesTheContract(Operation row) {
		if (row.operationId().startsWith(OUTSIDE_PREFIX)) {
			return;
		}
		DocumentedOperation documented = DOCUMENT.get(row.operationId());
		assertThat(documented).as("%s is not in the contract", row.operationId()).isNotNull();
		assertThat(row.method().name()).as("method of %s", row).isEqualToIgnoringCase(documented.method());
		assertThat(shape(row.pathTemplate())).as("path of %s", row).isEqualTo(shape(documented.path()));
		Set<Credential> expected = EnumSet.copyOf(documented.credentials());
		if (ContractDeviations.acceptsUndocumentedPublicToken(row.operationId())) {
			expected.add(Credential.PUBLIC_TOKEN);
		}
		assertThat(row.credentials()).as("credentials of %s (document, and ContractDeviations)", row)
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void rowsHaveDistinctNamesAndOperations() {
		List<String> names = EnumSet.allOf(Operation.class).stream().map(Operation::observationName).toList();
		List<String> ids = EnumSet.allOf(Operation.class).stream().map(Operation::operationId).toList();
		assertThat(names).doesNotHaveDuplicates().allMatch((name) -> name.matches("[a-z][a-zA-Z]*\\.[a-z][a-zA-Z]*"));
		assertThat(ids).doesNotHaveDuplicates();
	}

	@Test
	void everyDeviationNamesAnOperationOfTheContract() {
		assertThat(ContractDeviations.ALL).allSatisfy(
				(deviation) -> assertThat(DOCUMENT).as("deviation %s", deviation).containsKey(deviation.operationId()));
	}

	@Test
	void routesOutsideTheContractAreNotInTheDocument() {
		assertThat(ContractDeviations.OUTSIDE_CONTRACT).isNotEmpty()
			.allSatisfy((route) -> assertThat(DOCUMENT.values()).as("route %s", route)
				.noneMatch((documented) -> documented.method().equalsIgnoreCase(route.method())
						&& shape(documented.path()).equals(shape(route.path()))));
	}

	@Test
	void theReadmeListsEveryOperationOfTheTable() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		String table = readme.substring(readme.indexOf("### Operations"));
		table = table.substring(0, table.indexOf("\n\n", table.indexOf("|")));
		Map<String, String> listed = new LinkedHashMap<>();
		Matcher row = Pattern
			.compile("^\\| `([a-z][a-zA-Z]*\\.[a-z][a-zA-Z]*)` \\|.*\\| `([A-Z]+) ([^`]+)`", Pattern.MULTILINE)
			.matcher(table);
		while (row.find()) {
			listed.put(row.group(1), row.group(2) + " " + row.group(3));
		}
		Map<String, String> expected = new LinkedHashMap<>();
		for (Operation operation : Operation.values()) {
			expected.put(operation.observationName(), operation.method().name() + " " + operation.pathTemplate());
		}
		assertThat(listed).containsExactlyInAnyOrderEntriesOf(expected);
	}

	/** A path with its variables' names dropped: {@code /api/v3/runs/{}}. */
	private static String shape(String path) {
		return path.replaceAll("\\{[^}]+}", "{}");
	}

	private static Map<String, DocumentedOperation> readContract() {
		JsonNode root;
		try {
			root = new YAMLMapper().readTree(Files.readString(CONTRACT, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + CONTRACT.toAbsolutePath(), ex);
		}
		Set<Credential> defaultCredentials = credentials(root.path("security"));
		Map<String, DocumentedOperation> operations = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				if (!METHODS.contains(entry.getKey())) {
					continue;
				}
				JsonNode operation = entry.getValue();
				Set<Credential> credentials = operation.has("security") ? credentials(operation.path("security"))
						: defaultCredentials;
				String operationId = operation.path("operationId").asString();
				operations.put(operationId,
						new DocumentedOperation(operationId, entry.getKey(), path.getKey(), credentials));
			}
		}
		return operations;
	}

	/** The security requirements as credentials; none listed means an open route. */
	private static Set<Credential> credentials(JsonNode security) {
		Set<Credential> credentials = new HashSet<>();
		List<String> unknown = new ArrayList<>();
		for (JsonNode requirement : security) {
			for (String scheme : requirement.propertyNames()) {
				switch (scheme) {
					case "secretKey" -> credentials.add(Credential.SECRET_KEY);
					case "personalAccessToken" -> credentials.add(Credential.PERSONAL_ACCESS_TOKEN);
					case "publicAccessToken" -> credentials.add(Credential.PUBLIC_TOKEN);
					default -> unknown.add(scheme);
				}
			}
		}
		assertThat(unknown).as("security schemes").isEmpty();
		return credentials.isEmpty() ? EnumSet.of(Credential.NONE) : credentials;
	}

}
