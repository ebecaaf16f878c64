package io.trigger4j.emulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text of a query before H2 sees it: split into tokens the way H2's tokenizer splits
 * it (strings {@code '...'} and {@code $$...$$}, quoted identifiers {@code "..."} and
 * {@code `...`}, comments {@code --}, {@code //} and nested {@code /* *}{@code /}), so
 * that what {@link RunQueries} refuses and rewrites is never inside a string, a quoted
 * name or a comment. Not a parser: it only looks at a token and its neighbours.
 *
 * <p>
 * Refused with 400, because H2 computes them without checking the query's cancellation:
 * regular expressions ({@code REGEXP}, {@code REGEXP_*()}, {@code ~}, {@code !~}); a
 * {@code LIKE}/{@code ILIKE} pattern that is not one string literal, is longer than
 * {@value #MAX_LIKE_PATTERN} characters or holds more than one {@code %} before its end
 * (H2 backtracks over each); functions whose result can be far larger than the query
 * ({@code REPEAT}, {@code SPACE}, {@code LPAD}, {@code RPAD}, {@code SECURE_RAND},
 * {@code EXPAND}); {@code CHAR}/{@code BINARY} lengths above
 * {@value #MAX_DECLARED_LENGTH} (values are padded to them); {@code WITH RECURSIVE}; and
 * parentheses or brackets nested deeper than {@value #MAX_DEPTH} (H2's parser recurses).
 * ClickHouse's {@code count()} is read as {@code count(*)}.
 */
final class QueryText {

	static final int MAX_DEPTH = 100;

	static final int MAX_LIKE_PATTERN = 1000;

	static final long MAX_DECLARED_LENGTH = 1_048_576;

	/** Functions whose result size the query's text does not bound. */
	private static final Set<String> UNBOUNDED = Set.of("REPEAT", "SPACE", "LPAD", "RPAD", "SECURE_RAND", "EXPAND");

	/** Types whose values are padded to their declared length. */
	private static final Set<String> PADDED = Set.of("CHAR", "CHARACTER", "NCHAR", "BINARY");

	/** What a token is. */
	enum Kind {

		/** An unquoted identifier or keyword. */
		WORD,
		/** A quoted identifier; its text is the name. */
		QUOTED,
		/** A character string; its text is the value. */
		STRING,
		/** A number. */
		NUMBER,
		/** Any other character, or {@code ||} and {@code !~}. */
		SYMBOL

	}

	/**
	 * A token of a query.
	 *
	 * @param kind what it is
	 * @param start its first character
	 * @param end after its last character
	 * @param text its text: a word as written, a string's value, a quoted name
	 */
	record Token(Kind kind, int start, int end, String text) {

		boolean is(String symbol) {
			return (this.kind == Kind.SYMBOL || this.kind == Kind.WORD) && this.text.equalsIgnoreCase(symbol);
		}

		/** A word or quoted name in upper case, as H2 matches function names. */
		String name() {
			return (this.kind == Kind.WORD || this.kind == Kind.QUOTED) ? this.text.toUpperCase(Locale.ENGLISH) : "";
		}

	}

	private QueryText() {
	}

	/**
	 * The statement H2 runs: {@code count()} read as {@code count(*)}. 400 for what the
	 * emulator refuses (see the class comment).
	 */
	static String prepare(String statement) {
		List<Token> tokens = tokens(statement);
		int depth = 0;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.is("(") || token.is("[")) {
				if (++depth > MAX_DEPTH) {
					throw refused("The query nests parentheses or brackets more than " + MAX_DEPTH + " levels deep");
				}
			}
			else if (token.is(")") || token.is("]")) {
				depth--;
			}
			check(tokens, i);
		}
		StringBuilder rewritten = new StringBuilder(statement.length() + 8);
		int copied = 0;
		for (int i = 0; i + 2 < tokens.size(); i++) {
			if (tokens.get(i).kind() == Kind.WORD && tokens.get(i).is("count") && tokens.get(i + 1).is("(")
					&& tokens.get(i + 2).is(")")) {
				rewritten.append(statement, copied, tokens.get(i).start()).append("count(*)");
				copied = tokens.get(i + 2).end();
			}
		}
		return rewritten.append(statement, copied, statement.length()).toString();
	}

	private static void check(List<Token> tokens, int i) {
		Token token = tokens.get(i);
		String name = token.name();
		Token next = (i + 1 < tokens.size()) ? tokens.get(i + 1) : null;
		boolean call = next != null && next.is("(");
		if (name.startsWith("REGEXP") || token.is("~") || token.is("!~")) {
			throw refused("Regular expressions (" + token.text() + ") are not supported by the emulator's queries");
		}
		if (call && UNBOUNDED.contains(name)) {
			throw refused(name + "() is not supported by the emulator's queries");
		}
		if (token.kind() == Kind.WORD && "RECURSIVE".equals(name)) {
			throw refused("WITH RECURSIVE is not supported by the emulator's queries");
		}
		if (token.kind() == Kind.WORD && call && PADDED.contains(name) && i + 2 < tokens.size()) {
			Token length = tokens.get(i + 2);
			if (length.kind() == Kind.NUMBER && isLonger(length.text())) {
				throw refused(name + " lengths above " + MAX_DECLARED_LENGTH
						+ " are not supported by the emulator's queries");
			}
		}
		if (token.kind() == Kind.WORD && (token.is("LIKE") || token.is("ILIKE"))) {
			checkPattern(tokens, i);
		}
	}

	private static boolean isLonger(String digits) {
		if (!digits.chars().allMatch(Character::isDigit)) {
			return false;
		}
		return digits.length() > 7 || Long.parseLong(digits) > MAX_DECLARED_LENGTH;
	}

	/** The pattern after LIKE: one string literal, short, with at most one inner %. */
	private static void checkPattern(List<Token> tokens, int like) {
		String operator = tokens.get(like).text().toUpperCase(Locale.ENGLISH);
		Token pattern = (like + 1 < tokens.size()) ? tokens.get(like + 1) : null;
		Token after = (like + 2 < tokens.size()) ? tokens.get(like + 2) : null;
		boolean literal = pattern != null && pattern.kind() == Kind.STRING && (after == null
				|| after.kind() == Kind.WORD || after.is(")") || after.is(",") || after.is(";") || after.is("]"));
		if (!literal) {
			throw refused("A " + operator + " pattern must be one string literal in the emulator's queries");
		}
		String text = pattern.text();
		String inner = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
		if (text.length() > MAX_LIKE_PATTERN || inner.chars().filter((c) -> c == '%').count() > 1) {
			throw refused("A " + operator + " pattern may hold at most " + MAX_LIKE_PATTERN
					+ " characters and one % before its end in the emulator's queries");
		}
	}

	private static EngineException refused(String message) {
		return new EngineException(400, message);
	}

	// ---- the tokens, as H2's Tokenizer reads them

	/** The tokens of a query; an unterminated string or comment runs to the end. */
	static List<Token> tokens(String sql) {
		List<Token> tokens = new ArrayList<>();
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			char next = (i + 1 < length) ? sql.charAt(i + 1) : 0;
			int codePoint = sql.codePointAt(i);
			if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
				i = lineEnd(sql, i);
			}
			else if (c == '/' && next == '*') {
				i = commentEnd(sql, i);
			}
			else if (c <= ' ' || Character.isSpaceChar(codePoint)) {
				i += Character.charCount(codePoint);
			}
			else if (c == '\'') {
				i = string(sql, i, tokens);
			}
			else if (c == '$' && next == '$') {
				int close = sql.indexOf("$$", i + 2);
				int end = (close >= 0) ? close + 2 : length;
				tokens.add(new Token(Kind.STRING, i, end, sql.substring(i + 2, (close >= 0) ? close : length)));
				i = end;
			}
			else if (c == '"' || c == '`') {
				i = quoted(sql, i, c, tokens);
			}
			else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
				int end = i + 1;
				while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
						|| sql.charAt(end) == '_')) {
					end++;
				}
				tokens.add(new Token(Kind.NUMBER, i, end, sql.substring(i, end)));
				i = end;
			}
			else if (Character.isJavaIdentifierStart(codePoint)) {
				int end = i + Character.charCount(codePoint);
				while (end < length && Character.isJavaIdentifierPart(sql.codePointAt(end))) {
					end += Character.charCount(sql.codePointAt(end));
				}
				tokens.add(new Token(Kind.WORD, i, end, sql.substring(i, end)));
				i = end;
			}
			else {
				boolean pair = (c == '|' && next == '|') || (c == '!' && next == '~');
				int end = i + (pair ? 2 : Character.charCount(codePoint));
				tokens.add(new Token(Kind.SYMBOL, i, end, sql.substring(i, end)));
				i = end;
			}
		}
		return tokens;
	}

	private static int lineEnd(String sql, int i) {
		int end = i + 2;
		while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
			end++;
		}
		return end;
	}

	/** After a bracketed comment, which nests as in H2. */
	private static int commentEnd(String sql, int i) {
		int end = i + 2;
		for (int level = 1; level > 0 && end < sql.length(); end++) {
			char c = sql.charAt(end);
			char next = (end + 1 < sql.length()) ? sql.charAt(end + 1) : 0;
			if (c == '*' && next == '/') {
				level--;
				end++;
			}
			else if (c == '/' && next == '*') {
				level++;
				end++;
			}
		}
		return end;
	}

	/**
	 * A string: {@code ''} is a quote, and a string continues in the next one after only
	 * white space or comments.
	 */
	private static int string(String sql, int start, List<Token> tokens) {
		StringBuilder value = new StringBuilder();
		int i = start;
		while (i < sql.length() && sql.charAt(i) == '\'') {
			i++;
			while (i < sql.length()) {
				char c = sql.charAt(i++);
				if (c != '\'') {
					value.append(c);
				}
				else if (i < sql.length() && sql.charAt(i) == '\'') {
					value.append('\'');
					i++;
				}
				else {
					break;
				}
			}
			int after = skipSpace(sql, i);
			if (after < sql.length() && sql.charAt(after) == '\'') {
				i = after;
			}
		}
		tokens.add(new Token(Kind.STRING, start, i, value.toString()));
		return i;
	}

	private static int skipSpace(String sql, int i) {
		while (i < sql.length()) {
			char c = sql.charAt(i);
			char next = (i + 1 < sql.length()) ? sql.charAt(i + 1) : 0;
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '/' && next == '*') {
				i = commentEnd(sql, i);
			}
			else if (c == '/' && next == '/') {
				i = lineEnd(sql, i);
			}
			else {
				return i;
			}
		}
		return i;
	}

	/** A quoted identifier; a doubled quote is a quote. */
	private static int quoted(String sql, int start, char quote, List<Token> tokens) {
		StringBuilder name = new StringBuilder();
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i++);
			if (c != quote) {
				name.append(c);
			}
			else if (i < sql.length() && sql.charAt(i) == quote) {
				name.append(quote);
				i++;
			}
			else {
				break;
			}
		}
		tokens.add(new Token(Kind.QUOTED, start, i, name.toString()));
		return i;
	}

}
