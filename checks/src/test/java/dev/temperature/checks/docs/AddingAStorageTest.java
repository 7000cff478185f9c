package dev.temperature.checks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.checks.ShippedFiles;
import dev.temperature.storage.StorageFactory;
import dev.temperature.testing.Repository;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/adding-a-storage.md follows the ports: a port, a port's method or a method the contract
 * suite asks for that the guide does not name fails the build, so the guide changes with them. The
 * template it points at (examples/adapters-file) is compiled and tested against the same ports.
 */
class AddingAStorageTest {
  private static final String GUIDE = "docs/adding-a-storage.md";

  @Test
  void theGuideNamesEveryPortOfAStoreAndEachOfItsMethods() {
    List<String> names = new ArrayList<>();
    for (Class<?> port : ReadingStore.class.getInterfaces()) {
      names.add(port.getSimpleName());
      for (Method method : port.getDeclaredMethods()) {
        names.add(method.getName());
      }
    }

    assertThat(names).as("ports and methods of ReadingStore").hasSizeGreaterThanOrEqualTo(12);
    assertThat(missingFromTheGuide(names)).isEmpty();
  }

  @Test
  void theGuideNamesWhatTheContractSuiteAsksOfEveryStore() {
    List<String> names = new ArrayList<>(List.of("ReadingStoreContract"));
    for (Method method : ReadingStoreContract.class.getDeclaredMethods()) {
      if (Modifier.isAbstract(method.getModifiers())) {
        names.add(method.getName() + "()");
      }
    }

    assertThat(names).as("the contract's abstract methods").contains("store()", "counted()");
    assertThat(missingFromTheGuide(names)).isEmpty();
  }

  @Test
  void theGuideNamesTheSpiAStoreImplements() {
    List<String> names = new ArrayList<>(List.of(StorageFactory.class.getSimpleName()));
    for (Method method : StorageFactory.class.getDeclaredMethods()) {
      // A default that only fills in an argument of an abstract method is no step of the guide.
      boolean overload =
          method.isDefault()
              && java.util.Arrays.stream(StorageFactory.class.getDeclaredMethods())
                  .anyMatch(
                      other ->
                          !other.isDefault()
                              && other.getName().equals(method.getName())
                              && other.getParameterCount() > method.getParameterCount());
      if (!overload) {
        names.add(
            method.getName()
                + java.util.Arrays.stream(method.getParameterTypes())
                    .map(Class::getSimpleName)
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")")));
      }
    }

    assertThat(missingFromTheGuide(names)).isEmpty();
  }

  private static Set<String> missingFromTheGuide(List<String> names) {
    String guide = ShippedFiles.read(Repository.root().resolve(GUIDE));
    Set<String> missing = new TreeSet<>();
    for (String name : names) {
      if (!guide.contains("`" + name + "`") && !guide.contains("`" + name + "()`")) {
        missing.add("`" + name + "`");
      }
    }
    return missing;
  }
}
