package dev.temperature.checks.docs;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.temperature.bootstrap.TemperatureApiConfiguration;
import io.dropwizard.jackson.Jackson;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys the application reads, as its own Jackson sees them: the properties of
 * {@link TemperatureApiConfiguration}, walked into every block, with each polymorphic block (the
 * storage, the server, connectors, appenders) standing for all its discovered types at once.
 */
final class ConfigurationKeys {
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d*])*)");

  private final ObjectMapper mapper = Jackson.newObjectMapper();
  private final DeserializationConfig config = mapper.getDeserializationConfig();
  private final JavaType top = mapper.constructType(TemperatureApiConfiguration.class);

  /** The first parts of every key: {@code server}, {@code storage}, {@code auth}, ... */
  Set<String> topLevel() {
    return properties(top).keySet();
  }

  /**
   * Whether the key exists: {@code storage.type}, {@code auth.tokens[].sha256}, {@code
   * server.adminConnectors[0].port}; a trailing {@code .*} stands for any key of the block, and a
   * map (JDBC properties, loggers) takes any key.
   */
  boolean exists(String key) {
    JavaType type = top;
    String[] segments = key.replaceFirst("\\.\\*$", "").split("\\.");
    for (String segment : segments) {
      if (type.isMapLikeType()) {
        return true;
      }
      Matcher parts = SEGMENT.matcher(segment);
      if (!parts.matches()) {
        return false;
      }
      type = properties(type).get(parts.group(1));
      if (type == null) {
        return false;
      }
      for (int i = 0; i < parts.group(2).split("]", -1).length - 1; i++) {
        if (!type.isContainerType() || type.isMapLikeType()) {
          return false;
        }
        type = type.getContentType();
      }
    }
    return true;
  }

  /** The properties of a block, of all its subtypes when it is polymorphic. */
  private Map<String, JavaType> properties(JavaType type) {
    Map<String, JavaType> properties = new HashMap<>();
    typeIdProperty(type.getRawClass())
        .ifPresent(name -> properties.put(name, mapper.constructType(String.class)));
    for (JavaType each : concreteTypes(type)) {
      for (BeanPropertyDefinition property : config.introspect(each).findProperties()) {
        if (property.hasSetter() || property.hasField() || property.hasConstructorParameter()) {
          properties.putIfAbsent(property.getName(), property.getPrimaryType());
        }
      }
    }
    return properties;
  }

  /** The property that names the subtype ({@code type}) of a polymorphic block. */
  private static Optional<String> typeIdProperty(Class<?> type) {
    if (type == null) {
      return Optional.empty();
    }
    JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
    if (info != null) {
      return Optional.of(info.property().isEmpty() ? "@type" : info.property());
    }
    for (Class<?> parent : type.getInterfaces()) {
      Optional<String> found = typeIdProperty(parent);
      if (found.isPresent()) {
        return found;
      }
    }
    return typeIdProperty(type.getSuperclass());
  }

  private List<JavaType> concreteTypes(JavaType type) {
    AnnotatedClass annotated =
        AnnotatedClassResolver.resolveWithoutSuperTypes(config, type.getRawClass());
    List<JavaType> types = new ArrayList<>();
    for (NamedType subtype :
        mapper.getSubtypeResolver().collectAndResolveSubtypesByClass(config, annotated)) {
      if (type.getRawClass().isAssignableFrom(subtype.getType())
          && !Modifier.isAbstract(subtype.getType().getModifiers())) {
        types.add(config.getTypeFactory().constructSpecializedType(type, subtype.getType()));
      }
    }
    if (types.isEmpty()) {
      types.add(type);
    }
    return types;
  }
}
