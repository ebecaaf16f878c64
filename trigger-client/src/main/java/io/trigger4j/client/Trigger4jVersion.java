package io.trigger4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The trigger4j version, from a resource the build writes. */
final class Trigger4jVersion {

	private static final String VERSION = load();

	private Trigger4jVersion() {
	}

	static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = Trigger4jVersion.class.getResourceAsStream("trigger4j.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("$")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through to "unknown"
		}
		return "unknown";
	}

}
