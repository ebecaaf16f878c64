package io.trigger4j.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference matches the configuration metadata the build
 * generates ({@code META-INF/spring-configuration-metadata.json}, from
 * {@link TriggerProperties} and the additional metadata): every property is in the table
 * with its default, and every row names a property that exists.
 */
class ConfigurationReferenceTests {

	private static final Path README = Path.of("..", "README.md");

	@Test
	void everyPropertyIsInTheTableWithItsDefaultAndEveryRowExists() throws Exception {
		Map<String, String> metadata = metadataDefaults();
		Map<String, String> table = configurationReferenceTable();

		assertThat(metadata).as("properties in the metadata")
			.containsKeys("trigger.secret-key", "trigger.enabled", "trigger.health.cache-ttl",
					"management.info.trigger.enabled");
		assertThat(table.keySet()).as("rows of the README's configuration reference")
			.containsExactlyInAnyOrderElementsOf(metadata.keySet());
		metadata.forEach((property, defaultValue) -> {
			if (!defaultValue.isEmpty()) {
				assertThat(table.get(property)).as("default of " + property).contains("`" + defaultValue + "`");
			}
		});
	}

	/** Every property in the metadata, with its default ("" when it has none). */
	private static Map<String, String> metadataDefaults() throws Exception {
		URL location = TriggerProperties.class.getProtectionDomain().getCodeSource().getLocation();
		URL metadataUrl = new URL(location, "META-INF/spring-configuration-metadata.json");
		JsonNode metadata;
		try (InputStream in = metadataUrl.openStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, String> defaults = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode defaultValue = property.get("defaultValue");
			defaults.put(property.get("name").asString(),
					(defaultValue == null || defaultValue.isNull()) ? "" : defaultValue.asString());
		}
		return defaults;
	}

	/** The table's rows: property name to its Default cell. */
	private static Map<String, String> configurationReferenceTable() throws Exception {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		int start = readme.indexOf("\n## Configuration reference");
		assertThat(start).as("the README's configuration reference").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		String section = readme.substring(start, (end != -1) ? end : readme.length());
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : section.split("\n")) {
			if (line.startsWith("| `")) {
				String[] cells = line.split("\\|");
				String property = cells[1].strip().replace("`", "");
				assertThat(rows.put(property, cells[2].strip())).as("rows for " + property).isNull();
			}
		}
		return rows;
	}

}
