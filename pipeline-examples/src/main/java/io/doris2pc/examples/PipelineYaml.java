package io.doris2pc.examples;

import org.apache.flink.cdc.cli.parser.YamlPipelineDefinitionParser;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.composer.definition.PipelineDef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline definition file whose {@code ${NAME}} placeholders are filled in before Flink CDC parses it (3.2.0
 * does no substitution itself). A value comes from the given variables, else a Java system property, else an
 * environment variable of that name; a placeholder without a value is an error. Comment lines are left as they are.
 */
public final class PipelineYaml {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private final String text;

    private PipelineYaml(String text) {
        this.text = text;
    }

    public static PipelineYaml load(Path file, Map<String, String> variables) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8), variables, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pipeline definition " + file, e);
        }
    }

    static PipelineYaml of(String template, Map<String, String> variables, String origin) {
        return new PipelineYaml(substitute(template, name -> lookup(name, variables), origin));
    }

    /** The definition with every placeholder replaced. */
    public String text() {
        return text;
    }

    public PipelineDef parse() {
        try {
            return new YamlPipelineDefinitionParser().parse(text, new Configuration());
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid pipeline definition: " + e.getMessage(), e);
        }
    }

    private static String lookup(String name, Map<String, String> variables) {
        String value = variables.get(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return value;
    }

    private static String substitute(String template, Function<String, String> values, String origin) {
        StringBuilder result = new StringBuilder();
        Set<String> missing = new TreeSet<>();
        for (String line : template.split("(?<=\n)")) {
            if (line.trim().startsWith("#")) {
                // Comments may show placeholders to explain them.
                result.append(line);
                continue;
            }
            Matcher matcher = PLACEHOLDER.matcher(line);
            while (matcher.find()) {
                String value = values.apply(matcher.group(1));
                if (value == null) {
                    missing.add(matcher.group(1));
                    value = matcher.group();
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(result);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "No value for the placeholders " + missing + " of " + origin
                            + " (give them as variables, Java system properties or environment variables)");
        }
        return result.toString();
    }
}
