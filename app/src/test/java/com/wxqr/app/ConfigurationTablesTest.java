package com.wxqr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings tables of the READMEs say what the build says: every {@code wxqr.*} setting in the
 * metadata that the configuration processor writes from the settings records
 * ({@code META-INF/spring-configuration-metadata.json}) has a row in {@code app/README.md}, every
 * row of that table and of the root README's names a setting that exists, with the environment
 * variable Spring Boot maps to it, and a default column that shows the default the code has: the
 * record's default for {@code wxqr.*}, else {@code application.properties}' value or Spring Boot's.
 * Where the code has no default (a blank), the column says in words what happens instead. Every
 * setting of the app has a description in the metadata (its record's javadoc), for IDE completion.
 */
class ConfigurationTablesTest {
    private static final Pattern LITERAL = Pattern.compile("`[^`]*`");
    private static final String HEADER = "| setting | environment variable | default | meaning |";

    /** One setting as a README row tells it. */
    record Row(String table, String name, String environmentVariable, String defaultCell) {}

    /** One setting as the metadata tells it; {@code defaultValue} is blank when it has none. */
    record Setting(String name, String defaultValue, String description) {}

    @Test
    void theAppReadmeListsEverySettingOfTheAppWithItsDefault() throws IOException {
        Map<String, Setting> ours = ours();
        assertThat(ours).as("the configuration processor's metadata").containsKeys("wxqr.public-url", "wxqr.qr.expiry");
        List<Row> rows = rows(Path.of("README.md"));
        TreeSet<String> listed = new TreeSet<>();
        rows.forEach(row -> listed.add(row.name()));
        TreeSet<String> missing = new TreeSet<>(ours.keySet());
        missing.removeAll(listed);
        assertThat(missing)
                .as("settings of the app missing from app/README.md's table")
                .isEmpty();
        assertThat(ours.values())
                .as("settings without a description (the javadoc @param of their record component)")
                .allSatisfy(setting ->
                        assertThat(setting.description()).as(setting.name()).isNotBlank());
        check(rows, ours);
    }

    @Test
    void theRootReadmeListsOnlySettingsThatExistWithTheirDefaults() throws IOException {
        List<Row> rows = rows(Path.of("..", "README.md"));
        assertThat(rows).hasSizeGreaterThan(5);
        check(rows, ours());
    }

    private static void check(List<Row> rows, Map<String, Setting> ours) throws IOException {
        Map<String, Setting> spring = spring();
        Properties applicationProperties = applicationProperties();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            String defaultValue;
            if (row.name().startsWith("wxqr.")) {
                Setting setting = ours.get(row.name());
                if (setting == null) {
                    wrong.add(row.table() + ": `" + row.name() + "` is no setting of the app");
                    continue;
                }
                defaultValue = setting.defaultValue();
            } else {
                Setting setting = spring.get(row.name());
                if (setting == null) {
                    wrong.add(row.table() + ": `" + row.name() + "` is no Spring Boot setting");
                    continue;
                }
                defaultValue = applicationProperties.getProperty(row.name(), setting.defaultValue());
            }
            String expected = "`" + defaultValue + "`";
            if (!defaultValue.isBlank() && !row.defaultCell().equals(expected)) {
                wrong.add(
                        row.table() + ": `" + row.name() + "` defaults to " + expected + ", not " + row.defaultCell());
            }
            if (defaultValue.isBlank() && LITERAL.matcher(row.defaultCell()).matches()) {
                wrong.add(row.table() + ": `" + row.name() + "` has no default, but the table gives "
                        + row.defaultCell());
            }
            if (row.environmentVariable() != null
                    && !row.environmentVariable().equals(environmentVariable(row.name()))) {
                wrong.add(row.table() + ": `" + row.name() + "` is set through " + environmentVariable(row.name())
                        + ", not " + row.environmentVariable());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The settings table of a README: one row per setting, cells naming several settings split up. */
    static List<Row> rows(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int header = lines.indexOf(HEADER);
        assertThat(header).as(readme + " has a settings table headed " + HEADER).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            List<String> names = split(cells[0]);
            List<String> variables = split(cells[1]);
            List<String> defaults = split(cells[2]);
            String first = unquote(names.get(0));
            for (int i = 0; i < names.size(); i++) {
                String name = i == 0 ? first : sibling(first, unquote(names.get(i)));
                String variable = variables.size() == names.size() ? unquote(variables.get(i)) : null;
                rows.add(new Row(
                        readme.toString(),
                        setting(name),
                        variable == null || !variable.matches("[A-Z0-9_]+") ? null : variable,
                        defaults.size() == names.size() ? defaults.get(i) : cells[2].strip()));
            }
        }
        return rows;
    }

    /** The cell's parts separated by " / " (several settings in one row), or the cell itself. */
    private static List<String> split(String cell) {
        return List.of(cell.strip().split(" / "));
    }

    private static String unquote(String part) {
        String s = part.strip();
        return s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code mp-url} beside {@code wxqr.wechat.api-url}, {@code .market} beside {@code ….ours}. */
    private static String sibling(String first, String relative) {
        String parent = first.substring(0, first.lastIndexOf('.'));
        return relative.startsWith(".") ? parent + relative : parent + "." + relative;
    }

    /** A map entry such as {@code wxqr.pricing.grades.<grade>.<work>.ours} is the map's setting. */
    private static String setting(String name) {
        int placeholder = name.indexOf(".<");
        return placeholder < 0 ? name : name.substring(0, placeholder);
    }

    /**
     * The environment variable of a setting as this project writes it (dots and dashes to
     * underscores), one of the two forms Spring Boot's relaxed binding reads.
     */
    static String environmentVariable(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** The app's own settings: the metadata the build wrote for this module. */
    private static Map<String, Setting> ours() throws IOException {
        Map<String, Setting> wxqr = new LinkedHashMap<>();
        metadata().forEach((name, setting) -> {
            if (name.startsWith("wxqr.")) {
                wxqr.put(name, setting);
            }
        });
        return wxqr;
    }

    private static Map<String, Setting> spring() throws IOException {
        Map<String, Setting> spring = new LinkedHashMap<>();
        metadata().forEach((name, setting) -> {
            if (!name.startsWith("wxqr.")) {
                spring.put(name, setting);
            }
        });
        return spring;
    }

    /** Every setting described on the class path: the app's and its libraries'. */
    private static Map<String, Setting> metadata() throws IOException {
        Map<String, Setting> all = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL url : Collections.list(ConfigurationTablesTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    all.put(
                            name,
                            new Setting(
                                    name,
                                    text(property.path("defaultValue")),
                                    property.path("description").asString("")));
                }
            }
        }
        return all;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return String.join(",", items);
        }
        return value.asString();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigurationTablesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
