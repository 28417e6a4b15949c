package io.sparksweep.spark;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes an application jar needs against a Spark home: which classes the jar and Spark's
 * {@code jars/} both hold (shadowing), and which classes reachable from the application's own
 * classes are in neither the jar, Spark nor the JDK (missing at run time).
 *
 * <p>Reachability follows the class-file constant pool (JVMS 4.4): every {@code CONSTANT_Class}
 * entry, and every class named in a descriptor or signature string ({@code Lpkg/Name;}), of each
 * class reached inside the jar, starting from the classes under {@code rootPackage}. It stops at
 * classes Spark or the JDK provide: their own dependencies are the distribution's business.
 */
final class ClassClosure {
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+)[;<]");

    private final Map<String, byte[]> appClasses;
    private final Map<String, String> sparkClasses; // class -> jar file name
    private final Set<String> jdkClasses;

    private ClassClosure(Map<String, byte[]> appClasses, Map<String, String> sparkClasses, Set<String> jdkClasses) {
        this.appClasses = appClasses;
        this.sparkClasses = sparkClasses;
        this.jdkClasses = jdkClasses;
    }

    static ClassClosure of(Path appJar, Path sparkJars) throws IOException {
        Map<String, byte[]> app = new HashMap<>();
        try (JarFile jar = new JarFile(appJar.toFile())) {
            for (java.util.jar.JarEntry e : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                String name = className(e.getName());
                if (name != null) {
                    app.putIfAbsent(name, jar.getInputStream(e).readAllBytes());
                }
            }
        }
        Map<String, String> spark = new HashMap<>();
        try (Stream<Path> jars = Files.list(sparkJars)) {
            for (Path p : (Iterable<Path>) jars.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(e -> className(e.getName())).filter(n -> n != null)
                            .forEach(n -> spark.putIfAbsent(n, p.getFileName().toString()));
                }
            }
        }
        Set<String> jdk = new HashSet<>();
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            try (ModuleReader r = m.open(); Stream<String> names = r.list()) {
                names.map(ClassClosure::className).filter(n -> n != null).forEach(jdk::add);
            }
        }
        return new ClassClosure(app, spark, jdk);
    }

    /** {@code a/b/C} for {@code a/b/C.class} and {@code META-INF/versions/N/a/b/C.class}; null for other entries. */
    static String className(String entry) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
            return null;
        }
        String name = entry.substring(0, entry.length() - ".class".length());
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = slash < 0 ? null : name.substring(slash + 1);
        }
        return name == null || name.startsWith("META-INF/") ? null : name;
    }

    /** Classes both in the application jar and in Spark's jars: class -> the Spark jar that holds it. */
    Map<String, String> shadowed() {
        Map<String, String> both = new TreeMap<>();
        for (String c : appClasses.keySet()) {
            String jar = sparkClasses.get(c);
            if (jar != null) {
                both.put(c, jar);
            }
        }
        return both;
    }

    /** Classes reached from {@code rootPackage} (e.g. {@code io/sparksweep/}) that nothing provides: class -> a class that needs it. */
    Map<String, String> missing(String rootPackage) {
        Map<String, String> missing = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String c : new TreeSet<>(appClasses.keySet())) {
            if (c.startsWith(rootPackage)) {
                seen.add(c);
                work.add(c);
            }
        }
        while (!work.isEmpty()) {
            String from = work.poll();
            for (String to : references(appClasses.get(from))) {
                if (!seen.add(to)) {
                    continue;
                }
                if (appClasses.containsKey(to)) {
                    work.add(to);
                } else if (!sparkClasses.containsKey(to) && !jdkClasses.contains(to)) {
                    missing.put(to, from);
                }
            }
        }
        return missing;
    }

    /** Number of classes in the application jar. */
    int appClassCount() {
        return appClasses.size();
    }

    /** Class names a class file refers to: its CONSTANT_Class entries and the classes its descriptors name. */
    static Set<String> references(byte[] classFile) {
        Set<String> refs = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new java.util.ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classIndexes.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 5, 6 -> {
                        in.readLong();
                        i++; // longs and doubles take two slots (JVMS 4.4.5)
                    }
                    default -> throw new IllegalArgumentException("constant pool tag " + tag + " at " + i);
                }
            }
            for (int index : classIndexes) {
                String name = utf8[index];
                if (name.startsWith("[")) {
                    descriptorClasses(name, refs);
                } else {
                    refs.add(name);
                }
            }
            for (String s : utf8) {
                if (s != null && s.indexOf(';') > 0) {
                    descriptorClasses(s, refs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }

    private static void descriptorClasses(String descriptor, Set<String> out) {
        Matcher m = DESCRIPTOR_CLASS.matcher(descriptor);
        while (m.find()) {
            out.add(m.group(1));
        }
    }
}
