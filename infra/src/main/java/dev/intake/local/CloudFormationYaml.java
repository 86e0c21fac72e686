package dev.intake.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM template. Short-form intrinsics ({@code !Ref X}, {@code !GetAtt A.B},
 * {@code !Sub …}) are not plain YAML, so they are turned into their long JSON form
 * ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: …}}).
 */
final class CloudFormationYaml {

    private CloudFormationYaml() {}

    /** The template as nested maps, lists and strings. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path template) throws IOException {
        var options = new LoaderOptions();
        // A template is trusted input, but it can still be large: allow what CloudFormation allows (1 MB).
        options.setCodePointLimit(1_048_576);
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new IntrinsicConstructor(options)).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(template + " is not a template: its top level is not a mapping");
            }
            return (Map<String, Object>) map;
        }
    }

    /** SafeConstructor rejects unknown tags; every {@code !Tag} here is an intrinsic function. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        private final Construct intrinsic = new Intrinsic();

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
        }

        @Override
        protected Construct getConstructor(Node node) {
            var tag = node.getTag().getValue();
            return tag.startsWith("!") ? intrinsic : super.getConstructor(node);
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                var name = node.getTag().getValue().substring(1);
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected YAML node under !" + name);
                };
                if (name.equals("GetAtt") && value instanceof String dotted) {
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
                    var dot = dotted.indexOf('.');
                    value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
            }
        }
    }
}
